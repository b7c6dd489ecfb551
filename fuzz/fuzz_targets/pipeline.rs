//! The whole extraction on arbitrary bytes (as a JSONL line would deliver them), records serialized.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sitrep_core::{Pipeline, Report};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::new)
}

fuzz_target!(|data: &[u8]| {
    let mut report = Report::new("fuzz", String::from_utf8_lossy(data).into_owned());
    report.published = chrono::NaiveDate::from_ymd_opt(2017, 11, 3);
    let extraction = pipeline().extract(&report);
    for rec in extraction.records(&report) {
        serde_json::to_string(&rec).expect("records serialize");
    }
});
