//! The territorial-control timeline of a town that changes hands, is retaken and is claimed by
//! both sides (our own invented reports). Runs on SQLite and PostgreSQL.

use crate::common::*;
use sitrep_core::record::{ControlStatus as S, Modality as M};
use sitrep_store::Store;

fn town_changes_hands_is_retaken_and_claimed_by_both(url: &str) {
    let mut s = Store::open(url).expect("open");
    let t = alpha();
    let seq = [
        ("a1", "Wire One", "2024-01-02", army(), S::Controlled, M::Asserted, "The army holds Tell Alpha."),
        ("a2", "Daily Two", "2024-01-03", army(), S::Controlled, M::Asserted, "Tell Alpha remains under army control."),
        (
            "b1",
            "Wire One",
            "2024-01-10",
            rebels(),
            S::Controlled,
            M::Asserted,
            "The Front seized Tell Alpha overnight.",
        ),
        (
            "c1",
            "Monitor Three",
            "2024-01-20",
            army(),
            S::Controlled,
            M::Reported,
            "Monitors say the army is back in Tell Alpha.",
        ),
        (
            "d1",
            "Army Media",
            "2024-01-25",
            army(),
            S::Controlled,
            M::Claimed,
            "The army says it fully controls Tell Alpha.",
        ),
        (
            "d2",
            "Front Channel",
            "2024-01-25",
            rebels(),
            S::Controlled,
            M::Claimed,
            "The Front says its fighters hold Tell Alpha.",
        ),
        (
            "e1",
            "Wire One",
            "2024-01-28",
            rebels(),
            S::Controlled,
            M::Negated,
            "Reports that the Front holds Tell Alpha are false.",
        ),
    ];
    for (id, src, day, who, st, m, text) in seq {
        let r = report(id, src, day, text);
        s.insert_report(&r, &ex(vec![], vec![control(&r, t.clone(), who, st, m, text)])).expect("insert");
    }
    let h = s.history("Tell Alpha").expect("history");
    let brief: Vec<_> = h
        .iter()
        .map(|i| (i.controller.name.as_str(), i.status, i.since.to_string(), i.until.map(|d| d.to_string())))
        .collect();
    assert_eq!(
        brief,
        [
            ("Northland Army", S::Controlled, "2024-01-02".to_string(), Some("2024-01-10".to_string())),
            ("Free Hills Front", S::Controlled, "2024-01-10".to_string(), Some("2024-01-20".to_string())),
            ("Northland Army", S::Controlled, "2024-01-20".to_string(), Some("2024-01-25".to_string())),
            ("Northland Army", S::Contested, "2024-01-25".to_string(), None),
        ]
    );
    // Two independent outlets beat one; a single third-party report is weaker; claims are weakest.
    assert_eq!(h[0].sources.len(), 2);
    assert!(h[0].confidence > h[1].confidence, "{} vs {}", h[0].confidence, h[1].confidence);
    assert!(h[1].confidence > h[2].confidence);
    assert!(h[2].confidence > h[3].confidence);
    // Both claims stay visible: the other side is a contender and its claim is in the evidence.
    assert_eq!(h[3].contenders.len(), 1);
    assert_eq!(h[3].contenders[0].name, "Free Hills Front");
    assert_eq!(h[3].modality, M::Claimed);
    assert!(h[3].sources.iter().any(|x| x.evidence.text.contains("its fighters hold")));
    // The same history by GeoNames id.
    assert_eq!(s.history("9000001").expect("history").len(), 4);
    // As of a date: the interval in force; nothing before the first observation.
    let at = |s: &mut Store, day: &str| s.control_as_of(d(day), None).expect("as of");
    assert!(at(&mut s, "2024-01-01").is_empty());
    assert_eq!(at(&mut s, "2024-01-09")[0].controller.name, "Northland Army");
    assert_eq!(at(&mut s, "2024-01-10")[0].controller.name, "Free Hills Front");
    assert_eq!(at(&mut s, "2024-01-19")[0].controller.name, "Free Hills Front");
    assert_eq!(at(&mut s, "2024-01-21")[0].controller.name, "Northland Army");
    assert_eq!(at(&mut s, "2024-02-01")[0].status, S::Contested);
    // Outside the bbox: nothing.
    assert!(s.control_as_of(d("2024-01-09"), Some([0.0, 0.0, 1.0, 1.0])).expect("bbox").is_empty());
    assert_eq!(s.control_as_of(d("2024-01-09"), Some([37.0, 34.0, 39.0, 36.0])).expect("bbox").len(), 1);
    // Schema-v1 control record and GeoJSON with controller, status, since, evidence.
    let j = at(&mut s, "2024-01-12")[0].to_json();
    assert_eq!(j["record"], "control");
    assert_eq!(j["since"], "2024-01-10");
    assert_eq!(j["controller"]["name"], "Free Hills Front");
    assert!(j["evidence"]["text"].as_str().is_some_and(|t| t.contains("seized")));
    assert_eq!(j["date"]["end"], "2024-01-19");
    assert!(matches!(serde_json::from_value::<sitrep_core::Record>(j), Ok(sitrep_core::Record::Control(_))));
    let open = at(&mut s, "2024-02-01")[0].to_json();
    assert_eq!(open["date"]["end"], "2024-01-25");
    assert!(serde_json::from_value::<sitrep_core::Record>(open).is_ok());
    let g = at(&mut s, "2024-01-12")[0].to_geojson();
    assert_eq!(g["geometry"]["coordinates"][0], 38.0);
    assert_eq!(g["properties"]["status"], "controlled");
}

fn territory_change_events_move_the_map_through_their_observations(url: &str) {
    let mut s = Store::open(url).expect("open");
    let r1 = report("x1", "Wire One", "2024-02-01", "The Front holds Beta Springs.");
    s.insert_report(&r1, &ex(vec![], vec![control(&r1, beta(), rebels(), S::Controlled, M::Asserted, &r1.text)]))
        .expect("insert");
    // A territory-change event without a control observation does not move the map: the event
    // record cannot tell the winner from the loser ("the army withdrew from X"), the extractor
    // emits an observation whenever it knows the winner.
    let r2 = report("x2", "Daily Two", "2024-02-05", "Northland Army withdrew from Beta Springs on Monday.");
    let e = event(&r2, RETAKE, vec![army()], vec![], Some(beta()), Some("2024-02-05"), M::Asserted, &r2.text);
    s.insert_report(&r2, &ex(vec![e], vec![])).expect("insert");
    let h = s.history("beta springs").expect("history");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].controller.name, "Free Hills Front");
    assert!(s.control_observations(Some(d("2024-02-02")), None).expect("obs").is_empty());
    // With its observation it does.
    let r3 = report("x3", "Daily Two", "2024-02-06", "Northland Army recaptured Beta Springs on Tuesday.");
    let e = event(&r3, RETAKE, vec![army()], vec![rebels()], Some(beta()), Some("2024-02-06"), M::Asserted, &r3.text);
    let c = control(&r3, beta(), army(), S::Controlled, M::Asserted, &r3.text);
    s.insert_report(&r3, &ex(vec![e], vec![c])).expect("insert");
    let h = s.history("beta springs").expect("history");
    assert_eq!(h.len(), 2);
    assert_eq!(h[1].controller.name, "Northland Army");
}

fn province_history_includes_its_towns(url: &str) {
    let mut s = Store::open(url).expect("open");
    let mut province = place("Upper Vale Governorate", 9000100, 35.2, 38.2, "SY.01");
    province.feature_code = Some("ADM1".into());
    let r1 = report("p1", "Wire One", "2024-03-01", "The army controls most of Upper Vale Governorate.");
    let r2 = report("p2", "Daily Two", "2024-03-02", "The Front holds Beta Springs.");
    let r3 = report("p3", "Daily Two", "2024-03-02", "Elsewhere, the Front holds a village.");
    let mut elsewhere = place("Far Village", 9000200, 33.0, 36.0, "SY.09");
    elsewhere.feature_code = Some("PPL".into());
    s.insert_report(&r1, &ex(vec![], vec![control(&r1, province, army(), S::Controlled, M::Asserted, &r1.text)]))
        .expect("insert");
    s.insert_report(&r2, &ex(vec![], vec![control(&r2, beta(), rebels(), S::Controlled, M::Asserted, &r2.text)]))
        .expect("insert");
    s.insert_report(&r3, &ex(vec![], vec![control(&r3, elsewhere, rebels(), S::Controlled, M::Asserted, &r3.text)]))
        .expect("insert");
    let names = |h: Vec<sitrep_store::ControlState>| h.into_iter().map(|i| i.place.name).collect::<Vec<_>>();
    assert_eq!(names(s.history("upper vale governorate").expect("h")), ["Upper Vale Governorate", "Beta Springs"]);
    assert_eq!(names(s.history("SY.01").expect("h")), ["Beta Springs", "Upper Vale Governorate"]);
    assert_eq!(names(s.history("Beta Springs").expect("h")), ["Beta Springs"]);
    assert!(s.history("Nowhere").expect("h").is_empty());
}

both_backends!(
    town_changes_hands_is_retaken_and_claimed_by_both,
    territory_change_events_move_the_map_through_their_observations,
    province_history_includes_its_towns
);
