//! De-duplication across reports: same happening in different words from different outlets merges;
//! near-misses stay separate. Runs on SQLite and PostgreSQL.

use crate::common::*;
use sitrep_core::record::Modality;
use sitrep_store::{EventQuery, Inserted, Store};

fn all(s: &mut Store) -> Vec<sitrep_store::StoredEvent> {
    s.events(&EventQuery::default()).expect("events")
}

fn same_event_different_wording_and_sources(url: &str) {
    let mut s = Store::open(url).expect("open");
    let r1 = report("w1", "Wire One", "2024-03-04", "Fighting broke out in Tell Alpha between the army and the Front.");
    let r2 = report(
        "d2",
        "Daily Two",
        "2024-03-05",
        "Government troops clashed with Free Hills Front fighters near Alpha Gardens yesterday.",
    );
    let r3 = report("m3", "Monitor Three", "2024-03-04", "The Front says it repelled an army assault on Tell Alpha.");
    let e1 = event(
        &r1,
        BATTLE,
        vec![army()],
        vec![rebels()],
        Some(alpha()),
        Some("2024-03-04"),
        Modality::Asserted,
        &r1.text,
    );
    // Other outlet, other wording, a suburb 8 km away, "yesterday" anchored to the same day,
    // the army named generically (same country and sector).
    let e2 = event(
        &r2,
        BATTLE,
        vec![govt_forces()],
        vec![rebels()],
        Some(alpha_suburb()),
        Some("2024-03-04"),
        Modality::Asserted,
        &r2.text,
    );
    // A claim by one side, roles swapped, dated one day later by the extractor.
    let e3 = event(
        &r3,
        BATTLE,
        vec![rebels()],
        vec![army()],
        Some(alpha()),
        Some("2024-03-05"),
        Modality::Claimed,
        &r3.text,
    );
    s.insert_report(&r1, &ex(vec![e1.clone()], vec![])).expect("insert");
    s.insert_report(&r2, &ex(vec![e2], vec![])).expect("insert");
    s.insert_report(&r3, &ex(vec![e3], vec![])).expect("insert");
    let evs = all(&mut s);
    assert_eq!(evs.len(), 1, "{evs:#?}");
    let ev = &evs[0];
    assert_eq!(ev.mentions.len(), 3);
    assert_eq!(ev.sources, 3);
    assert_eq!(ev.id, e1.id, "the merged event keeps its first mention's id");
    assert!(ev.event.confidence > 0.6, "confidence rises with independent sources: {}", ev.event.confidence);
    assert_eq!(ev.event.modality, Modality::Asserted);
    // Every mention keeps its source and evidence; disagreements are kept as conflicts.
    let outlets: Vec<_> = ev.mentions.iter().map(|m| m.report.source.clone().unwrap_or_default()).collect();
    assert_eq!(outlets, ["Wire One", "Daily Two", "Monitor Three"]);
    assert!(ev.mentions.iter().any(|m| m.evidence.text.contains("repelled")));
    let fields: Vec<&str> = ev.conflicts.iter().map(|c| c.field.as_str()).collect();
    assert!(fields.contains(&"modality") && fields.contains(&"date") && fields.contains(&"place"), "{fields:?}");
    let json = ev.to_json();
    assert_eq!(json["record"], "event");
    assert_eq!(json["mentions"].as_array().map(Vec::len), Some(3));
    assert!(matches!(serde_json::from_value::<sitrep_core::Record>(json), Ok(sitrep_core::Record::Event(_))));
}

fn near_misses_stay_separate(url: &str) {
    let mut s = Store::open(url).expect("open");
    let base = report("b0", "Wire One", "2024-03-04", "Clashes in Tell Alpha between the army and the Front.");
    let e0 = event(
        &base,
        BATTLE,
        vec![army()],
        vec![rebels()],
        Some(alpha()),
        Some("2024-03-04"),
        Modality::Asserted,
        &base.text,
    );
    s.insert_report(&base, &ex(vec![e0], vec![])).expect("insert");
    type Make = Box<dyn Fn(&sitrep_core::Report) -> sitrep_core::record::EventRecord>;
    let cases: Vec<(&str, Make)> = vec![
        // Same town, same sides, but three days later: a new round of fighting.
        (
            "later",
            Box::new(|r| {
                event(
                    r,
                    BATTLE,
                    vec![army()],
                    vec![rebels()],
                    Some(alpha()),
                    Some("2024-03-07"),
                    Modality::Asserted,
                    &r.text,
                )
            }),
        ),
        // Same day and place, another kind of event.
        (
            "protest",
            Box::new(|r| {
                event(
                    r,
                    PROTEST,
                    vec![actor("residents", None, "CVL")],
                    vec![],
                    Some(alpha()),
                    Some("2024-03-04"),
                    Modality::Asserted,
                    &r.text,
                )
            }),
        ),
        // Same day and sides, a town 80 km away in the same province.
        (
            "far",
            Box::new(|r| {
                event(
                    r,
                    BATTLE,
                    vec![army()],
                    vec![rebels()],
                    Some(beta()),
                    Some("2024-03-04"),
                    Modality::Asserted,
                    &r.text,
                )
            }),
        ),
        // Same day and place, other belligerents.
        (
            "others",
            Box::new(|r| {
                event(
                    r,
                    BATTLE,
                    vec![foreign_air()],
                    vec![actor("Lakeside Militia", None, "REB")],
                    Some(alpha()),
                    Some("2024-03-04"),
                    Modality::Asserted,
                    &r.text,
                )
            }),
        ),
        // A planned offensive is not the clash.
        (
            "planned",
            Box::new(|r| {
                event(
                    r,
                    BATTLE,
                    vec![army()],
                    vec![rebels()],
                    Some(alpha()),
                    Some("2024-03-04"),
                    Modality::Planned,
                    &r.text,
                )
            }),
        ),
    ];
    for (i, (name, mk)) in cases.iter().enumerate() {
        let r = report(
            &format!("n{i}"),
            &format!("Outlet {name}"),
            "2024-03-04",
            &format!("Near miss {name} about Tell Alpha."),
        );
        s.insert_report(&r, &ex(vec![mk(&r)], vec![])).expect("insert");
    }
    let evs = all(&mut s);
    assert_eq!(evs.len(), 6, "{:#?}", evs.iter().map(|e| (&e.id, e.mentions.len())).collect::<Vec<_>>());
    assert!(evs.iter().all(|e| e.mentions.len() == 1));
}

fn mentions_of_one_report_stay_distinct(url: &str) {
    let mut s = Store::open(url).expect("open");
    let r = report(
        "two",
        "Wire One",
        "2024-03-04",
        "An air strike hit Tell Alpha at dawn. A second air strike hit the town at noon.",
    );
    let a = event(
        &r,
        AIRSTRIKE,
        vec![foreign_air()],
        vec![],
        Some(alpha()),
        Some("2024-03-04"),
        Modality::Asserted,
        "An air strike hit Tell Alpha at dawn.",
    );
    let b = event(
        &r,
        AIRSTRIKE,
        vec![foreign_air()],
        vec![],
        Some(alpha()),
        Some("2024-03-04"),
        Modality::Asserted,
        "A second air strike hit the town at noon.",
    );
    let got = s.insert_report(&r, &ex(vec![a.clone(), b], vec![])).expect("insert");
    assert!(matches!(got, Inserted::Stored { events: 2, .. }));
    assert_eq!(all(&mut s).len(), 2);
    // A later report about the dawn strike joins one of them, not both.
    let r2 = report("later", "Daily Two", "2024-03-04", "Southland jets struck Tell Alpha this morning.");
    let c = event(
        &r2,
        AIRSTRIKE,
        vec![foreign_air()],
        vec![],
        Some(alpha()),
        Some("2024-03-04"),
        Modality::Asserted,
        &r2.text,
    );
    s.insert_report(&r2, &ex(vec![c], vec![])).expect("insert");
    let evs = all(&mut s);
    assert_eq!(evs.len(), 2);
    assert_eq!(evs.iter().map(|e| e.mentions.len()).sum::<usize>(), 3);
}

both_backends!(
    same_event_different_wording_and_sources,
    near_misses_stay_separate,
    mentions_of_one_report_stay_distinct
);
