//! The RSS/Atom reader on arbitrary bytes, and format auto-detection (no format forced, the
//! name has no telling extension) on the same bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sitrep_ingest::{read_bytes, InputFormat, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions { format: Some(InputFormat::Feed), max_report_bytes: Some(1 << 20), ..Default::default() };
    read_bytes("fuzz.xml", data.to_vec(), &opts, &mut |_| {});
    let auto = ReadOptions { max_report_bytes: Some(1 << 20), ..Default::default() };
    read_bytes("fuzz", data.to_vec(), &auto, &mut |_| {});
});
