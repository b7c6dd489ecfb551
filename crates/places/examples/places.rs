//! Print the places of the text given as arguments (or of standard input), one per line.
use std::io::Read;

fn main() {
    let t0 = std::time::Instant::now();
    let g = sitrep_places::Geoparser::embedded().expect("embedded gazetteer");
    eprintln!("loaded {} places in {:?}", g.gazetteer().len(), t0.elapsed());
    let mut text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        let _ = std::io::stdin().read_to_string(&mut text);
    }
    for m in g.parse(&text) {
        let p = m.place.as_ref();
        println!(
            "{:?}\t{:?}\t{}\t{}\t{}\t{}\t{:.2}",
            &text[m.span.start..m.span.end],
            m.role,
            p.map_or(0, |p| p.geonameid),
            p.map_or("", |p| p.name.as_str()),
            p.map_or("", |p| p.feature_code.as_str()),
            p.and_then(|p| p.country.clone()).unwrap_or_default(),
            m.confidence
        );
    }
}
