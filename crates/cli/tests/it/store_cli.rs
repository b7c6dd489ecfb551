//! `sitrep ingest`, `reprocess`, `events`, `control` and `history` end to end (our own texts).

use assert_cmd::Command;
use chrono::NaiveDate;
use serde_json::Value;
use sitrep_core::record::{
    AcledType, ActorRef, ControlRecord, ControlStatus, DatePrecision, DateRef, EventRecord, Evidence, Modality,
    PlaceRef, ReportRef, Trigger,
};
use sitrep_core::{Extraction, Report, Span};
use sitrep_store::Store;
use std::path::Path;

fn sitrep() -> Command {
    Command::cargo_bin("sitrep").expect("binary")
}

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn town() -> PlaceRef {
    PlaceRef {
        name: "Tell Alpha".into(),
        geonameid: Some(9000001),
        lat: 35.0,
        lon: 38.0,
        country: Some("SY".into()),
        admin1: Some("SY.01".into()),
        precision: 1,
        ..Default::default()
    }
}

fn side(name: &str) -> ActorRef {
    ActorRef { name: name.into(), sector: Some("MIL".into()), ..Default::default() }
}

fn ev(text: &str) -> Evidence {
    Evidence { sentence: 0, span: Span::new(0, text.len()), text: text.into() }
}

/// A database with one battle reported by two outlets and a town that changes hands.
fn build(db: &Path) {
    let mut s = Store::open(&db.to_string_lossy()).expect("open");
    let steps = [
        ("r1", "Wire One", "2024-04-01", "Blue Brigade", "Blue Brigade holds Tell Alpha after heavy clashes."),
        ("r2", "Daily Two", "2024-04-01", "Blue Brigade", "Clashes around Tell Alpha; Blue Brigade still in control."),
        ("r3", "Wire One", "2024-04-15", "Red Column", "Red Column captured Tell Alpha."),
    ];
    for (id, src, d, who, text) in steps {
        let r = Report {
            id: id.into(),
            source: Some(src.into()),
            published: Some(day(d)),
            text: text.into(),
            ..Default::default()
        };
        let date = DateRef { start: day(d), end: day(d), precision: DatePrecision::Day, text: None };
        let event = EventRecord {
            id: format!("{id}-e"),
            report: ReportRef::of(&r),
            acled: Some(AcledType { event_type: "Battles".into(), sub_event_type: "Armed clash".into() }),
            plover: None,
            actor1: vec![side("Blue Brigade")],
            actor2: vec![side("Red Column")],
            place: Some(town()),
            date: Some(date.clone()),
            modality: Modality::Asserted,
            attributed_to: vec![],
            trigger: Trigger { text: "clashes".into(), span: Span::new(0, 1) },
            evidence: ev(text),
            confidence: 0.7,
        };
        let control = ControlRecord {
            report: ReportRef::of(&r),
            place: town(),
            controller: side(who),
            status: ControlStatus::Controlled,
            modality: Modality::Asserted,
            date: Some(date),
            evidence: ev(text),
        };
        let ex = Extraction { sentences: 1, events: vec![event], controls: vec![control], ..Default::default() };
        s.insert_report(&r, &ex).expect("insert");
    }
}

fn lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out).lines().map(|l| serde_json::from_str(l).expect("json line")).collect()
}

#[test]
fn events_control_and_history_commands() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("s.db");
    build(&db);
    let dbs = db.to_string_lossy().to_string();

    let out = sitrep().args(["events", "--db", &dbs]).output().expect("run");
    assert!(out.status.success());
    let evs = lines(&out.stdout);
    // Two battles: 1 April (two outlets merged) and 15 April.
    assert_eq!(evs.len(), 2);
    assert_eq!(evs[0]["record"], "event");
    assert_eq!(evs[0]["sources"], 2);
    assert_eq!(evs[0]["mentions"].as_array().map(Vec::len), Some(2));

    let out =
        sitrep().args(["events", "--db", &dbs, "--from", "2024-04-10", "--type", "battles"]).output().expect("run");
    assert_eq!(lines(&out.stdout).len(), 1);
    let out = sitrep().args(["events", "--db", &dbs, "--text", "captured"]).output().expect("run");
    assert_eq!(lines(&out.stdout).len(), 1);
    let out = sitrep().args(["events", "--db", &dbs, "--bbox", "-10,-10,0,0"]).output().expect("run");
    assert_eq!(lines(&out.stdout).len(), 0);
    let out = sitrep().args(["events", "--db", &dbs, "--modality", "claimed"]).output().expect("run");
    assert_eq!(lines(&out.stdout).len(), 0);
    let out = sitrep().args(["events", "--db", &dbs, "--format", "geojson"]).output().expect("run");
    let fc: Value = serde_json::from_slice(&out.stdout).expect("geojson");
    assert_eq!(fc["type"], "FeatureCollection");
    assert_eq!(fc["features"][0]["geometry"]["coordinates"][0], 38.0);
    sitrep().args(["events", "--db", &dbs, "--bbox", "1,2,3"]).assert().failure();
    sitrep().args(["events", "--db", &dbs, "--modality", "rumoured"]).assert().failure();

    let out = sitrep().args(["control", "--db", &dbs, "--as-of", "2024-04-10"]).output().expect("run");
    let c = lines(&out.stdout);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0]["record"], "control");
    assert_eq!(c[0]["controller"]["name"], "Blue Brigade");
    assert_eq!(c[0]["since"], "2024-04-01");
    assert_eq!(c[0]["sources"].as_array().map(Vec::len), Some(2));
    let out =
        sitrep().args(["control", "--db", &dbs, "--as-of", "2024-05-01", "--format", "geojson"]).output().expect("run");
    let fc: Value = serde_json::from_slice(&out.stdout).expect("geojson");
    let p = &fc["features"][0]["properties"];
    assert_eq!(p["controller"], "Red Column");
    assert_eq!(p["since"], "2024-04-15");
    assert!(p["evidence"][0]["text"].as_str().is_some_and(|t| t.contains("captured")));

    let out = sitrep().args(["history", "tell alpha", "--db", &dbs]).output().expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Tell Alpha (GeoNames 9000001)"), "{text}");
    assert!(text.contains("2024-04-01 → 2024-04-15"), "{text}");
    assert!(text.contains("Red Column"), "{text}");
    let out = sitrep().args(["history", "9000001", "--db", &dbs, "--format", "jsonl"]).output().expect("run");
    assert_eq!(lines(&out.stdout).len(), 2);
    sitrep().args(["history", "Nowhere", "--db", &dbs]).assert().code(1);
}

#[test]
fn ingest_is_idempotent_and_reprocess_duplicates_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        concat!(
            r#"{"id":"a","source":"Wire One","published":"2024-04-02","text":"Fighters of the Red Column attacked an army checkpoint in Raqqa on Monday."}"#,
            "\n",
            r#"{"id":"b","source":"Daily Two","published":"2024-04-03","text":"Government forces regained control of Raqqa, officials said."}"#,
            "\n",
        ),
    )
    .expect("write");
    let db = dir.path().join("i.db");
    let dbs = db.to_string_lossy().to_string();
    let inp = input.to_string_lossy().to_string();
    let out = sitrep().args(["ingest", &inp, "--db", &dbs]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 reports stored, 0 already stored"));
    let stats = || Store::open(&dbs).and_then(|mut s| s.stats()).expect("stats");
    let first = stats();
    let out = sitrep().args(["ingest", &inp, "--db", &dbs]).output().expect("run");
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 reports stored, 2 already stored"));
    assert_eq!(stats(), first);
    let out = sitrep().args(["reprocess", "--db", &dbs]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stats(), first);
    let stored = Store::open(&dbs).and_then(|mut s| s.report("a")).expect("report").expect("stored");
    assert!(stored.report.text.contains("checkpoint"));
    assert!(!stored.sentences.is_empty());
}
