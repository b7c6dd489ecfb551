//! The geoparser alone on a JSONL corpus (`{"text": ...}` per line), without JSON output: CPU time
//! of loading the embedded gazetteer and of `Geoparser::parse` over every text (Linux: read from
//! /proc/thread-self/schedstat), and MB/s per core.
//!
//! `cargo run --release -p sitrep-places --example throughput < target/bench/corpus.jsonl`
use std::io::Read;

/// CPU time of this thread in seconds (Linux), or wall time elsewhere.
fn cpu(t0: std::time::Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map(|ns| ns / 1e9)
        .unwrap_or_else(|| t0.elapsed().as_secs_f64())
}

fn main() {
    let mut s = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut s) {
        eprintln!("reading stdin: {e}");
        std::process::exit(2);
    }
    let texts: Vec<String> = s
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()?.get("text")?.as_str().map(str::to_string))
        .collect();
    let t0 = std::time::Instant::now();
    let c0 = cpu(t0);
    let g = match sitrep_places::Geoparser::embedded() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("gazetteer: {e}");
            std::process::exit(1);
        }
    };
    let c1 = cpu(t0);
    let mentions: usize = texts.iter().map(|t| g.parse(t).len()).sum();
    let c2 = cpu(t0);
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    println!(
        "{} docs, {bytes} bytes, {mentions} mentions; load {:.3} s CPU; parse {:.3} s CPU = {:.2} MB/s per core",
        texts.len(),
        c1 - c0,
        c2 - c1,
        bytes as f64 / 1e6 / (c2 - c1)
    );
    // the process ends here: freeing the gazetteer is not part of the measurement
    std::process::exit(0);
}
