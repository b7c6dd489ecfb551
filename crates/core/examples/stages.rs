//! CPU time of each extraction stage over JSONL reports read from stdin, one thread:
//! `cargo run --release -p sitrep-core --example stages < reports.jsonl [ROUNDS]`.
//!
//! Every stage runs over all reports (ROUNDS times, default 3, the best round kept) on the same
//! inputs, so the figures add up: text layer, places, actors, time, the mention view for events
//! (`Pipeline::mentions` = places + actors + time + conversion), events, the whole
//! `Pipeline::extract`, and the JSON records. CPU time of this thread from
//! /proc/thread-self/schedstat (Linux), so a busy neighbour does not inflate it much.
//!
//! Then the same stages once more, one report at a time as `extract` runs them ("interleaved"):
//! each stage is slower there than alone, which is why `extract` costs more than the sum of the
//! stages (see bench/RESULTS.md).

use sitrep_core::{Pipeline, Report};

// The allocator of the `sitrep` binary, so that the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::io::BufRead;
use std::time::Duration;

fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse::<u64>().ok()))
        .map(Duration::from_nanos)
        .unwrap_or_default()
}

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(3);
    let reports: Vec<Report> = std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<Report>(&l).ok())
        .collect();
    let bytes: usize = reports.iter().map(|r| r.text.len()).sum();
    let t0 = thread_cpu();
    let pipeline = Pipeline::new();
    let load = thread_cpu() - t0;
    let t0 = thread_cpu();
    let _ = std::hint::black_box(sitrep_core::actors::ActorTagger::embedded());
    let actors_load = thread_cpu() - t0;
    let t0 = thread_cpu();
    let _ = std::hint::black_box(sitrep_core::events::EventExtractor::embedded());
    let events_load = thread_cpu() - t0;
    let t0 = thread_cpu();
    let _ = std::hint::black_box(sitrep_core::time::Lexicon::from_tsv(
        "words.tsv",
        include_str!("../../../data/time/words.tsv"),
        "tense.tsv",
        include_str!("../../../data/time/tense.tsv"),
    ));
    let time_load = thread_cpu() - t0;
    let docs: Vec<_> = reports.iter().map(|r| sitrep_core::text::analyze(&r.text)).collect();
    let mentions: Vec<_> = reports.iter().zip(&docs).map(|(r, d)| pipeline.mentions(r, d)).collect();
    let extractions: Vec<_> = reports.iter().map(|r| pipeline.extract(r)).collect();
    let time = |f: &dyn Fn() -> usize| {
        (0..rounds.max(1))
            .map(|_| {
                let t = thread_cpu();
                std::hint::black_box(f());
                thread_cpu() - t
            })
            .min()
            .unwrap_or_default()
    };
    let stages: Vec<(&str, Duration)> = vec![
        ("text", time(&|| reports.iter().map(|r| sitrep_core::text::analyze(&r.text).tokens.len()).sum())),
        ("places", time(&|| docs.iter().map(|d| pipeline.geoparser().parse_doc(d).len()).sum())),
        ("actors", time(&|| reports.iter().zip(&docs).map(|(r, d)| pipeline.actors().tag(d, r.published).len()).sum())),
        ("time", time(&|| reports.iter().zip(&docs).map(|(r, d)| sitrep_core::time::tag(d, r.published).len()).sum())),
        ("mentions", time(&|| reports.iter().zip(&docs).map(|(r, d)| pipeline.mentions(r, d).actors.len()).sum())),
        (
            "events",
            time(&|| {
                reports
                    .iter()
                    .zip(&docs)
                    .zip(&mentions)
                    .map(|((r, d), m)| pipeline.events().extract(r, d, m).events.len())
                    .sum()
            }),
        ),
        ("extract", time(&|| reports.iter().map(|r| pipeline.extract(r).events.len()).sum())),
        (
            "records+json",
            time(&|| {
                let mut buf = Vec::with_capacity(1 << 20);
                for (r, x) in reports.iter().zip(&extractions) {
                    for rec in x.records(r) {
                        serde_json::to_writer(&mut buf, &rec).expect("serialize");
                        buf.push(b'\n');
                    }
                }
                buf.len()
            }),
        ),
    ];
    println!(
        "{} reports, {:.2} MB of text; pipeline load {:.3} s CPU (lexicons alone: actors {:.1} ms, events {:.1} ms, \
         time {:.1} ms)",
        reports.len(),
        bytes as f64 / 1e6,
        load.as_secs_f64(),
        actors_load.as_secs_f64() * 1e3,
        events_load.as_secs_f64() * 1e3,
        time_load.as_secs_f64() * 1e3
    );
    for (name, d) in stages {
        let s = d.as_secs_f64();
        println!("{name:>13}: {:8.1} ms CPU  {:7.2} MB/s", s * 1e3, bytes as f64 / 1e6 / s.max(1e-9));
    }
    // The same stages one report at a time, as `extract` runs them: a stage slower here than alone
    // is paying for the others' use of the caches and the allocator.
    let mut parts = [Duration::ZERO; 6];
    for r in &reports {
        let mut lap = |i: usize, t: &mut Duration| {
            let now = thread_cpu();
            parts[i] += now - *t;
            *t = now;
        };
        let mut t = thread_cpu();
        let doc = sitrep_core::text::analyze(&r.text);
        lap(0, &mut t);
        let found = pipeline.geoparser().parse_doc(&doc);
        lap(1, &mut t);
        let actors = pipeline.actors().tag(&doc, r.published);
        lap(2, &mut t);
        let times = sitrep_core::time::tag(&doc, r.published);
        lap(3, &mut t);
        let m = pipeline.mentions(r, &doc);
        lap(4, &mut t);
        let x = pipeline.events().extract(r, &doc, &m);
        lap(5, &mut t);
        std::hint::black_box((found, actors, times, m, x));
    }
    let names = ["text", "places", "actors", "time", "mentions", "events"];
    for (name, d) in names.iter().zip(parts) {
        println!("{name:>13}: {:8.1} ms CPU interleaved", d.as_secs_f64() * 1e3);
    }
}
