//! Criterion micro-benchmarks of the text layer (tokens, sentences, paragraphs): `analyze` is the
//! first stage of every extraction. `cargo bench -p sitrep-model --bench text`.
//! Inputs: text written for this benchmark, and (when present) real news text read at run time
//! from ../shared/eval/corpus (never copied into the repository).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use sitrep_model::text::{paragraphs, sentences, tokenize};
use std::hint::black_box;

/// About `n` bytes of report-like prose in our own words, with the hard cases of the splitter
/// (initialisms, ranks, month abbreviations, numbers with separators, quotes, Arabic prefixes).
pub fn synthetic(n: usize) -> String {
    let parts = [
        "Government forces said on Nov. 3 that they had retaken al-Qaim after three days of fighting. ",
        "Lt. Col. Ahmed, a U.S.-trained officer, told reporters \"the town is ours\" at 5 p.m. local time. ",
        "Between 5-7,000 civilians fled toward the border, the U.N. said; about 1,250 reached the camps.\n\n",
        "Shelling resumed overnight in the eastern districts. Residents reported 3.5 km of damaged road. ",
        "#Aleppo: activists posted videos at https://example.org/v/123 showing smoke over the old city... ",
        "The ministry denied the claims. \"No such attack took place,\" a spokesman said on Monday.\n",
    ];
    let mut s = String::with_capacity(n + 200);
    let mut i = 0;
    while s.len() < n {
        s.push_str(parts[i % parts.len()]);
        i += 1;
    }
    s
}

/// Up to `n` bytes of news text from the shared eval corpus, if it is there.
fn shared_corpus(n: usize) -> Option<String> {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/corpus/guardian-sdf-dev.jsonl");
    let data = std::fs::read_to_string(root).ok()?;
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

fn bench_text(c: &mut Criterion) {
    let mut inputs = vec![("synthetic", synthetic(100_000))];
    if let Some(t) = shared_corpus(100_000) {
        inputs.push(("guardian", t));
    }
    let mut g = c.benchmark_group("text");
    for (name, text) in &inputs {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("analyze", name), text, |b, t| {
            b.iter(|| sitrep_model::analyze(black_box(t)))
        });
        g.bench_with_input(BenchmarkId::new("tokenize", name), text, |b, t| b.iter(|| tokenize(black_box(t))));
        let toks = tokenize(text);
        let paras = paragraphs(text);
        g.bench_with_input(BenchmarkId::new("sentences", name), text, |b, t| {
            b.iter(|| sentences(black_box(t), black_box(&toks), black_box(&paras)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_text);
criterion_main!(benches);
