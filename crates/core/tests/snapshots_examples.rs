//! Snapshot tests (insta) of the extraction output: the example reports under examples/reports
//! (written for this project) and a few texts of our own. Review changes with `cargo insta review`
//! (or set INSTA_UPDATE=always and inspect the diff).
//!
//! One pipeline is built for all cases (building it takes a while in debug builds).

use sitrep_core::{Pipeline, Report};
use std::path::PathBuf;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::new)
}

/// The records of a report as compact lines, one per record: easy to read in a snapshot diff.
fn summary(report: &Report) -> String {
    let ex = pipeline().extract(report);
    let mut out = String::new();
    for e in &ex.events {
        let actors =
            |v: &Vec<sitrep_core::record::ActorRef>| v.iter().map(|a| a.name.clone()).collect::<Vec<_>>().join("+");
        out.push_str(&format!(
            "event s{} {:?} acled={} plover={} a1={} a2={} place={} date={} {}{}\n",
            e.evidence.sentence,
            e.trigger.text,
            e.acled.as_ref().map(|a| a.sub_event_type.as_str()).unwrap_or("-"),
            e.plover.as_ref().map(|p| p.event.as_str()).unwrap_or("-"),
            actors(&e.actor1),
            actors(&e.actor2),
            e.place
                .as_ref()
                .map(|p| format!("{}/{}/p{}", p.name, p.geonameid.unwrap_or(0), p.precision))
                .unwrap_or("-".into()),
            e.date.as_ref().map(|d| format!("{}..{}", d.start, d.end)).unwrap_or("-".into()),
            e.modality.as_str(),
            if e.attributed_to.is_empty() {
                String::new()
            } else {
                format!(" by={}", e.attributed_to.iter().map(|a| a.name.clone()).collect::<Vec<_>>().join("+"))
            },
        ));
    }
    for c in &ex.controls {
        out.push_str(&format!(
            "control s{} {}/{} by {} {} {}\n",
            c.evidence.sentence,
            c.place.name,
            c.place.geonameid.unwrap_or(0),
            c.controller.name,
            c.status.as_str(),
            c.modality.as_str()
        ));
    }
    out
}

#[test]
fn example_reports() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/reports");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: no examples/reports");
        return;
    };
    let mut files: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect();
    files.sort();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&f).unwrap();
        let mut reports = Vec::new();
        sitrep_ingest::read_bytes(&name, bytes, &sitrep_ingest::ReadOptions::default(), &mut |r| {
            if let Ok(i) = r {
                reports.push(i.report);
            }
        });
        let mut out = String::new();
        for r in &reports {
            out.push_str(&format!("## {} ({:?})\n", r.id, r.published));
            out.push_str(&summary(r));
        }
        insta::assert_snapshot!(format!("example__{}", name.replace('.', "_")), out);
    }
}

fn own(id: &str, date: &str, text: &str) -> String {
    let mut r = Report::new(id, text);
    r.published = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    summary(&r)
}

#[test]
fn own_texts() {
    insta::assert_snapshot!(
        "own__territory",
        own(
            "own-1",
            "2019-03-23",
            "Syrian Democratic Forces captured Baghuz from the Islamic State on Saturday. \
             The group had held the village for months. Kurdish officials said that they now control the whole town. \
             Turkish forces will advance towards Manbij next week, according to Anadolu."
        )
    );
    insta::assert_snapshot!(
        "own__modality",
        own(
            "own-2",
            "2018-06-10",
            "The Iraqi army did not enter Tal Afar yesterday. If the talks fail, Iraqi forces would storm Mosul. \
             Rebels claim to have shot down a helicopter near Hama. Damascus rejected the proposal. \
             Russian jets reportedly bombed Idlib on Friday."
        )
    );
}
