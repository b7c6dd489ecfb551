//! The JSONL reader on arbitrary bytes: its per-line parser, and the whole reader through
//! `read_bytes` (bounded lines, BOM, encodings). A report or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sitrep_ingest::{read_bytes, InputFormat, ReadOptions};

fuzz_target!(|data: &[u8]| {
    for (i, line) in data.split(|&b| b == b'\n').enumerate() {
        if let Ok(report) = sitrep_ingest::parse_jsonl_line(line, i + 1) {
            assert!(!report.id.is_empty());
        }
    }
    let opts = ReadOptions { format: Some(InputFormat::Jsonl), max_report_bytes: Some(4096), ..Default::default() };
    read_bytes("fuzz.jsonl", data.to_vec(), &opts, &mut |_| {});
});
