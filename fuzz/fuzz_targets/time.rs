//! The time-expression tagger on arbitrary text: never panics; intervals are ordered; spans valid.
#![no_main]
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = sitrep_model::analyze(&text);
    for published in [NaiveDate::from_ymd_opt(2017, 11, 3), None, NaiveDate::from_ymd_opt(1, 1, 1), NaiveDate::MAX.into()] {
        for m in sitrep_time::tag(&doc, published) {
            assert!(m.span.end <= text.len() && text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            let r = m.to_ref(&text);
            assert!(r.start <= r.end, "{r:?}");
        }
    }
});
