//! Print every time mention of a JSONL corpus with some context, one line each:
//! `cargo run -p sitrep-time --example corpusdump FILE.jsonl`. Lines need `"text"`; `"date"`
//! (YYYY-MM-DD) is the report date, else 2017-11-03. For scanning a corpus for odd matches.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: corpusdump FILE.jsonl");
        return;
    };
    let data = match std::fs::read_to_string(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            return;
        }
    };
    for line in data.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let text = v["text"].as_str().unwrap_or("");
        let doc = sitrep_model::Doc::new(text);
        let p = v["date"]
            .as_str()
            .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .or(chrono::NaiveDate::from_ymd_opt(2017, 11, 3));
        for m in sitrep_time::tag(&doc, p) {
            let a = text[..m.span.start].char_indices().rev().nth(30).map_or(0, |x| x.0);
            let b = text[m.span.end..].char_indices().nth(25).map_or(text.len(), |x| m.span.end + x.0);
            let ctx = format!("{}[[{}]]{}", &text[a..m.span.start], m.span.of(text), &text[m.span.end..b]);
            println!(
                "{}\t{}..{}\t{:?}\t{:?}\t{}",
                m.span.of(text),
                m.start,
                m.end,
                m.precision,
                m.tense,
                ctx.replace(['\n', '\t'], " ")
            );
        }
    }
}
