//! The geoparser (name folding, automaton scan, resolution) on arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn geoparser() -> &'static sitrep_places::Geoparser {
    static G: OnceLock<sitrep_places::Geoparser> = OnceLock::new();
    G.get_or_init(|| sitrep_places::Geoparser::embedded().expect("embedded gazetteer loads"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let g = geoparser();
    for m in g.parse(&text) {
        assert!(m.span.end <= text.len() && text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        let _ = sitrep_places::place_ref(&m, &text, 1);
    }
    let _ = g.candidates(&text);
    let _ = sitrep_places::fold::fold_name(&text);
    let mut ws = sitrep_places::fold::words(&text);
    sitrep_places::fold::mark_articles(&mut ws);
});
