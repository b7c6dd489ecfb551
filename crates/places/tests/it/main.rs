//! The places crate's integration tests, one module per area, linked into one test binary
//! (each binary links the whole pipeline; one per file made CI's build 5 GB).
mod context;
mod descriptive;
mod detection;
mod mordecai3_cases;
mod provinces;
mod resolution;
mod romanization;

use sitrep_model::Span;
use sitrep_places::Geoparser;
use std::sync::OnceLock;

/// The one geoparser of all the modules (loading the embedded gazetteer once).
pub(crate) fn g() -> &'static Geoparser {
    static G: OnceLock<Geoparser> = OnceLock::new();
    G.get_or_init(|| Geoparser::embedded().expect("embedded gazetteer"))
}

/// The GeoNames id the geoparser gives to the first mention of `name` in `text`.
pub(crate) fn id_of(text: &str, name: &str) -> Option<i64> {
    let start = text.find(name).expect("name in text");
    g().parse(text)
        .into_iter()
        .find(|m| m.span.start <= start && m.span.end >= start + name.len())
        .and_then(|m| m.place.map(|p| p.geonameid))
}

/// The GeoNames ids given to the spans of `names` in `text` (gold-span mode), each its first
/// occurrence.
pub(crate) fn ids_given(text: &str, names: &[&str]) -> Vec<Option<i64>> {
    let spans: Vec<Span> = names
        .iter()
        .map(|n| {
            let s = text.find(n).expect("name in text");
            Span::new(s, s + n.len())
        })
        .collect();
    g().resolve_spans(text, &spans).into_iter().map(|p| p.map(|p| p.geonameid)).collect()
}
