//! Robustness over the shared evaluation texts (read at run time from ../shared; skipped when
//! absent): no panics, sane intervals, and datelines found at the top of most FA-KES articles.

use chrono::NaiveDate;
use sitrep_model::Doc;
use std::path::PathBuf;

fn shared(rel: &str) -> Option<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(rel);
    std::fs::read_to_string(p).ok()
}

#[test]
fn fakes_articles_tag_cleanly_and_most_have_a_dateline() {
    let Some(data) = shared("eval/fakes-dev.jsonl") else {
        eprintln!("skipped: ../shared/eval/fakes-dev.jsonl not found");
        return;
    };
    let (mut n, mut dated) = (0, 0);
    for line in data.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let text = v["text"].as_str().unwrap_or("");
        let doc = Doc::new(text);
        n += 1;
        let dl = sitrep_time::dateline(&doc, 200);
        dated += usize::from(dl.is_some());
        let published = dl.map(|m| m.start).or(NaiveDate::from_ymd_opt(2016, 6, 15));
        for m in sitrep_time::tag(&doc, published) {
            assert!(m.start <= m.end, "{m:?}");
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            assert!(m.days() <= 366 * 150, "{:?} {m:?}", m.span.of(text));
        }
    }
    assert!(n > 0);
    assert!(dated * 10 >= n * 6, "datelines found in {dated}/{n}");
}

#[test]
fn seed_report_mentions() {
    let Some(text) = shared("seed/report-2017-11-03.txt") else {
        eprintln!("skipped: ../shared/seed not found");
        return;
    };
    let doc = Doc::new(&text);
    let published = NaiveDate::from_ymd_opt(2017, 11, 3);
    let ms = sitrep_time::tag(&doc, published);
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    // "today" is the report day; "over night" ends on it; nothing in a past clause is after it.
    assert!(ms.iter().any(|m| m.start == d("2017-11-03") && m.end == d("2017-11-03") && m.anchored));
    assert!(ms.iter().any(|m| m.end == d("2017-11-03") && m.start == d("2017-11-02")));
    assert!(ms.iter().any(|m| m.tense == sitrep_time::Tense::Future && m.start == d("2017-11-04")));
}
