//! Print the time mentions of a text file: `cargo run -p sitrep-time --example tagdump FILE [YYYY-MM-DD]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: tagdump FILE [YYYY-MM-DD]");
        return;
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let published = args.get(2).and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
    let doc = sitrep_model::Doc::new(&text);
    for m in sitrep_time::tag(&doc, published) {
        println!(
            "{:?}\t{}..{}\t{:?}\t{:?}\tanchored={}",
            m.span.of(&text),
            m.start,
            m.end,
            m.precision,
            m.tense,
            m.anchored
        );
    }
}
