//! The HTML reader (through `read_bytes`, the path an upload or a file takes) and `html_to_text`
//! on arbitrary bytes: reports or errors, never a panic; report text is what the reader says.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sitrep_ingest::{html_to_text, read_bytes, InputFormat, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions { format: Some(InputFormat::Html), max_report_bytes: Some(1 << 20), ..Default::default() };
    read_bytes("fuzz.html", data.to_vec(), &opts, &mut |r| {
        if let Ok(ing) = r {
            let _ = ing.report.text.len();
        }
    });
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = html_to_text(s);
    }
});
