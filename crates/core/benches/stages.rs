//! Criterion benchmarks of the extraction pipeline, stage by stage, over the same reports:
//! text layer, places, actors, time, events (given the mentions), the whole `Pipeline::extract`,
//! and serialization of the records. `cargo bench -p sitrep-core --bench stages`.
//!
//! Reports: news text read at run time from ../shared/eval/corpus (never copied into the
//! repository), about 1 MB; when absent, our own synthetic reports.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_core::{Pipeline, Report};
use std::hint::black_box;

/// About 1 MB of text; 20 kB when run as a test (`cargo test --all-targets` runs benchmarks once,
/// without `--bench`, in a debug build).
fn target_bytes() -> usize {
    if std::env::args().any(|a| a == "--bench") {
        1 << 20
    } else {
        20_000
    }
}

fn shared_reports() -> Vec<Report> {
    let target = target_bytes();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/corpus");
    let mut out = Vec::new();
    let mut bytes = 0;
    // Alternate sources so the sample is mixed (long articles and short pieces).
    let files: Vec<String> = ["guardian-sdf-dev.jsonl", "bbc-news.jsonl", "halterman-sentences.jsonl"]
        .iter()
        .filter_map(|f| std::fs::read_to_string(dir.join(f)).ok())
        .collect();
    let mut iters: Vec<_> = files.iter().map(|d| d.lines()).collect();
    while bytes < target && !iters.is_empty() {
        iters.retain_mut(|it| {
            let Some(line) = it.next() else { return false };
            if let Ok(r) = serde_json::from_str::<Report>(line) {
                bytes += r.text.len();
                out.push(r);
            }
            true
        });
    }
    out
}

fn synthetic_reports() -> Vec<Report> {
    let body = "Government forces entered Deir ez-Zor on Friday and advanced toward Albu Kamal. \
                Shelling was reported in eastern Ghouta on Saturday, residents said. They said the \
                army had shelled the town for three days. Kurdish-led forces said they controlled \
                Raqqa, while Russian jets struck Hama two days ago.\n\n";
    let n = target_bytes() / 1200;
    (0..n)
        .map(|i| {
            let mut r = Report::new(format!("s{i}"), body.repeat(1 + i % 4));
            r.published = chrono::NaiveDate::from_ymd_opt(2017, 11, 3);
            r
        })
        .collect()
}

fn bench_stages(c: &mut Criterion) {
    let pipeline = Pipeline::new();
    let reports = {
        let r = shared_reports();
        if r.is_empty() {
            synthetic_reports()
        } else {
            r
        }
    };
    let bytes: usize = reports.iter().map(|r| r.text.len()).sum();
    let docs: Vec<_> = reports.iter().map(|r| sitrep_core::text::analyze(&r.text)).collect();
    let mentions: Vec<_> = reports.iter().zip(&docs).map(|(r, d)| pipeline.mentions(r, d)).collect();
    let mut g = c.benchmark_group("stages");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("text", |b| {
        b.iter(|| reports.iter().map(|r| sitrep_core::text::analyze(&r.text).tokens.len()).sum::<usize>())
    });
    g.bench_function("places", |b| {
        b.iter(|| docs.iter().map(|d| pipeline.geoparser().parse_doc(d).len()).sum::<usize>())
    });
    g.bench_function("actors", |b| {
        b.iter(|| reports.iter().zip(&docs).map(|(r, d)| pipeline.actors().tag(d, r.published).len()).sum::<usize>())
    });
    g.bench_function("time", |b| {
        b.iter(|| reports.iter().zip(&docs).map(|(r, d)| sitrep_core::time::tag(d, r.published).len()).sum::<usize>())
    });
    g.bench_function("mentions", |b| {
        b.iter(|| reports.iter().zip(&docs).map(|(r, d)| pipeline.mentions(r, d).actors.len()).sum::<usize>())
    });
    g.bench_function("events", |b| {
        b.iter(|| {
            reports
                .iter()
                .zip(&docs)
                .zip(&mentions)
                .map(|((r, d), m)| pipeline.events().extract(r, d, m).events.len())
                .sum::<usize>()
        })
    });
    g.bench_function("extract", |b| b.iter(|| reports.iter().map(|r| pipeline.extract(r).events.len()).sum::<usize>()));
    let extractions: Vec<_> = reports.iter().map(|r| pipeline.extract(r)).collect();
    g.bench_function("records+json", |b| {
        let mut buf = Vec::with_capacity(1 << 20);
        b.iter(|| {
            buf.clear();
            for (r, x) in reports.iter().zip(&extractions) {
                for rec in x.records(r) {
                    serde_json::to_writer(&mut buf, &rec).expect("serialize");
                    buf.push(b'\n');
                }
            }
            black_box(buf.len())
        })
    });
    g.finish();
}

criterion_group!(benches, bench_stages);
criterion_main!(benches);
