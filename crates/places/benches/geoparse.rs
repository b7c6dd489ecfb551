//! Criterion micro-benchmarks of the geoparser's hot paths: loading the embedded gazetteer
//! (start-up), name folding and word splitting, detection alone (the scan of the folded words
//! against the name index), and detection + resolution over a text.
//! `cargo bench -p sitrep-places --bench geoparse`. Texts: our own, plus (when present) news text
//! read at run time from ../shared/eval/corpus (never copied into the repository).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use sitrep_places::{fold, Geoparser};
use std::hint::black_box;

/// About `n` bytes of report-like prose in our own words, dense in place names and look-alikes.
fn synthetic(n: usize) -> String {
    let parts = [
        "Government forces entered Deir ez-Zor on Friday and advanced toward Albu Kamal near the Iraqi border. ",
        "Shelling was reported in eastern Ghouta, in Douma and Harasta, and near Aleppo's Sheikh Maqsoud district. ",
        "In Mosul, Iraqi troops cleared the Old City; officials in Baghdad and Erbil said talks would resume. ",
        "Residents of al-Qaim fled to Rawa and Anah. The convoy crossed from Turkey into Idlib province.\n\n",
        "Damascus rejected the proposal, while Moscow and Tehran urged restraint. Syrian and Russian jets struck Hama. ",
        "The Kurdish-led forces said they controlled Raqqa, Tabqa and the Tishrin dam on the Euphrates. ",
    ];
    let mut s = String::with_capacity(n + 200);
    let mut i = 0;
    while s.len() < n {
        s.push_str(parts[i % parts.len()]);
        i += 1;
    }
    s
}

fn shared_corpus(n: usize) -> Option<String> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/corpus/guardian-sdf-dev.jsonl");
    let data = std::fs::read_to_string(path).ok()?;
    let mut out = String::new();
    for line in data.lines() {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        out.push_str(v.get("text")?.as_str()?);
        out.push_str("\n\n");
        if out.len() >= n {
            break;
        }
    }
    Some(out)
}

fn bench_load(c: &mut Criterion) {
    let mut g = c.benchmark_group("places");
    g.sample_size(10);
    g.bench_function("load/embedded", |b| b.iter(|| Geoparser::embedded().expect("embedded gazetteer")));
    g.finish();
}

fn bench_parse(c: &mut Criterion) {
    let geo = Geoparser::embedded().expect("embedded gazetteer");
    let mut inputs = vec![("synthetic", synthetic(20_000))];
    if let Some(t) = shared_corpus(20_000) {
        inputs.push(("guardian", t));
    }
    let mut g = c.benchmark_group("places");
    for (name, text) in &inputs {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("words", name), text, |b, t| b.iter(|| fold::words(black_box(t))));
        g.bench_with_input(BenchmarkId::new("fold_name", name), text, |b, t| b.iter(|| fold::fold_name(black_box(t))));
        g.bench_with_input(BenchmarkId::new("detect", name), text, |b, t| b.iter(|| geo.detect_spans(black_box(t))));
        g.bench_with_input(BenchmarkId::new("parse", name), text, |b, t| b.iter(|| geo.parse(black_box(t))));
    }
    g.finish();
    // Resolution weighs every mention against the others of the document: how it scales with the
    // length of one document (the same prose repeated).
    let mut g = c.benchmark_group("places/parse-scaling");
    g.sample_size(10);
    for n in [5_000, 10_000, 20_000] {
        let text = synthetic(n);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, t| b.iter(|| geo.parse(black_box(t))));
    }
    g.finish();
}

criterion_group!(benches, bench_load, bench_parse);
criterion_main!(benches);
