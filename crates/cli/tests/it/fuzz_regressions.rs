//! Regression tests for the fuzz targets in fuzz/: every committed seed (and every crash input
//! added under fuzz/corpus/<target>/seed-*) is replayed through the same public APIs as its
//! target, in the normal test suite. The fuzz runs so far found no crash (see bench/RESULTS.md);
//! a crash found later goes into fuzz/corpus/<target>/ as `seed-crash-…` and is replayed here.

use sitrep_core::{Pipeline, Report};
use sitrep_ingest::{dateline, html_to_text, parse_jsonl_line, read_bytes, InputFormat, ReadOptions};
use std::path::PathBuf;

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("seed-")))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no seeds in {}", dir.display());
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn dateline_seeds() {
    for data in seeds("dateline") {
        let Ok(text) = std::str::from_utf8(&data) else { continue };
        let _ = dateline::find_dateline(text);
        let _ = dateline::find_dateline_with(text, chrono::NaiveDate::from_ymd_opt(2017, 11, 3));
        let _ = dateline::parse_date(text);
        let _ = dateline::find_heading(text);
        let _ = dateline::date_in_file_name(text);
    }
}

#[test]
fn reader_seeds() {
    for (target, format, name) in [
        ("jsonl", InputFormat::Jsonl, "seed.jsonl"),
        ("html", InputFormat::Html, "seed.html"),
        ("feed", InputFormat::Feed, "seed.xml"),
    ] {
        for data in seeds(target) {
            for (i, line) in data.split(|&b| b == b'\n').enumerate() {
                let _ = parse_jsonl_line(line, i + 1);
            }
            if let Ok(s) = std::str::from_utf8(&data) {
                let _ = html_to_text(s);
            }
            let opts = ReadOptions { format: Some(format), max_report_bytes: Some(1 << 20), ..Default::default() };
            read_bytes(name, data.clone(), &opts, &mut |_| {});
            read_bytes("seed", data, &ReadOptions::default(), &mut |_| {});
        }
    }
}

#[test]
fn text_time_and_pipeline_seeds() {
    let pipeline = Pipeline::new();
    for target in ["text", "time", "places", "pipeline"] {
        for data in seeds(target) {
            let text = String::from_utf8_lossy(&data).into_owned();
            let doc = sitrep_core::text::analyze(&text);
            for t in &doc.tokens {
                assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            }
            for published in [chrono::NaiveDate::from_ymd_opt(2017, 11, 3), None] {
                for m in sitrep_core::time::tag(&doc, published) {
                    assert!(m.span.end <= text.len());
                }
            }
            let mut report = Report::new("seed", text);
            report.published = chrono::NaiveDate::from_ymd_opt(2017, 11, 3);
            let extraction = pipeline.extract(&report);
            for rec in extraction.records(&report) {
                serde_json::to_string(&rec).unwrap();
            }
        }
    }
}
