fn main() {
    let path = std::env::args().nth(1).unwrap();
    let data = std::fs::read_to_string(path).unwrap();
    for line in data.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap_or("");
        let doc = sitrep_model::Doc::new(text);
        let p = v["date"]
            .as_str()
            .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .or(chrono::NaiveDate::from_ymd_opt(2017, 11, 3));
        for m in sitrep_time::tag(&doc, p) {
            let a = text[..m.span.start].char_indices().rev().nth(30).map_or(0, |x| x.0);
            let b = text[m.span.end..].char_indices().nth(25).map_or(text.len(), |x| m.span.end + x.0);
            println!(
                "{}\t{}..{}\t{:?}\t{:?}\t{}[[{}]]{}",
                m.span.of(text),
                m.start,
                m.end,
                m.precision,
                m.tense,
                &text[a..m.span.start],
                m.span.of(text),
                &text[m.span.end..b]
            );
        }
    }
}
