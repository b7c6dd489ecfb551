//! The dateline parser on arbitrary text: never panics; a place span it reports is inside the
//! text and on character boundaries.
#![no_main]
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use sitrep_ingest::dateline;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for reference in [NaiveDate::from_ymd_opt(2017, 11, 3), None, Some(NaiveDate::MIN), Some(NaiveDate::MAX)] {
        if let Some(d) = dateline::find_dateline_with(text, reference) {
            if let Some(s) = d.place_span {
                assert!(s.start <= s.end && s.end <= text.len(), "{s:?}");
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{s:?}");
            }
        }
    }
    let _ = dateline::find_dateline(text);
    let _ = dateline::parse_date(text);
    let _ = dateline::find_heading(text);
    let _ = dateline::date_in_file_name(text);
    for line in text.lines().take(8) {
        let _ = dateline::parse_date(line);
        if let Some(w) = line.split_whitespace().next() {
            let _ = dateline::month(w);
        }
    }
});
