//! The geoparser alone on a JSONL corpus (`{"text": ...}` per line), without JSON output: CPU time
//! of loading the embedded gazetteer and of `Geoparser::parse` over every text (Linux: read from
//! /proc/thread-self/schedstat), and MB/s per core.
//!
//! `cargo run --release -p sitrep-places --example throughput [-- --phases] < target/bench/corpus.jsonl`
//! (`--repeat N`: parse the texts N times; `--phases`: also the CPU time of word splitting alone and of detection without resolution;
//! `--dump`: print every text's mentions instead, to check that a change keeps them; `--dump-spans`:
//! the places of each line's gold `toponyms` spans, as `sitrep eval geoparse` reads them)
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
    if std::env::args().any(|a| a == "--dump-spans") {
        // gold-span mode: every line's `toponyms` ({"start","end"} byte offsets) resolved as given
        // spans, one line of places out per line in
        use std::io::Write;
        let g = sitrep_places::Geoparser::embedded().unwrap_or_else(|e| {
            eprintln!("gazetteer: {e}");
            std::process::exit(1)
        });
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for l in s.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(l) else { continue };
            let Some(text) = v.get("text").and_then(|t| t.as_str()) else { continue };
            let spans: Vec<sitrep_model::Span> = v
                .get("toponyms")
                .and_then(|t| t.as_array())
                .into_iter()
                .flatten()
                .filter_map(|t| {
                    let n = |k: &str| t.get(k).and_then(|x| x.as_u64()).map(|x| x as usize);
                    Some(sitrep_model::Span::new(n("start")?, n("end")?))
                })
                .collect();
            let places = g.resolve_spans(text, &spans);
            let _ = writeln!(out, "{places:?}");
        }
        let _ = out.flush();
        std::process::exit(0);
    }
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
    if std::env::args().any(|a| a == "--dump") {
        // every mention of every text, one text a line: to check that a change keeps the output
        use std::io::Write;
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for t in &texts {
            let ms = g.parse(t);
            let line: Vec<String> = ms
                .iter()
                .map(|m| {
                    format!(
                        "{}-{}:{:?}:{}:{:08x}:{:?}",
                        m.span.start,
                        m.span.end,
                        m.role,
                        m.place.as_ref().map_or(0, |p| p.geonameid),
                        m.confidence.to_bits(),
                        m.container
                    )
                })
                .collect();
            let spans: Vec<String> = g.detect_spans(t).iter().map(|s| format!("{}-{}", s.start, s.end)).collect();
            let _ = writeln!(out, "{} | {}", line.join(" "), spans.join(" "));
        }
        let _ = out.flush();
        std::process::exit(0);
    }
    // `--repeat N`: parse the texts N times (for a profiler: the load becomes a small part of the run)
    let repeat: usize =
        std::env::args().skip_while(|a| a != "--repeat").nth(1).and_then(|n| n.parse().ok()).unwrap_or(1).max(1);
    let mut mentions = 0;
    // (the fastest pass: on a shared machine, the one least disturbed)
    let mut fastest = f64::MAX;
    for _ in 0..repeat {
        let a = cpu(t0);
        mentions = texts.iter().map(|t| g.parse(t).len()).sum();
        fastest = fastest.min(cpu(t0) - a);
    }
    let c2 = cpu(t0);
    let bytes: usize = texts.iter().map(|t| t.len()).sum::<usize>() * repeat;
    if std::env::args().any(|a| a == "--phases") {
        // the parts of `parse`: word splitting and folding, then detection (with the words), each alone
        let a = cpu(t0);
        let n: usize = texts.iter().map(|t| sitrep_places::fold::words(t).len()).sum();
        let b = cpu(t0);
        let d: usize = texts.iter().map(|t| g.detect_spans(t).len()).sum();
        let c = cpu(t0);
        println!("words {:.3} s ({n} words); words + detect {:.3} s ({d} names); resolution the rest", b - a, c - b);
    }
    println!(
        "{} docs, {bytes} bytes, {mentions} mentions; load {:.3} s CPU; parse {:.3} s CPU = {:.2} MB/s per core",
        texts.len(),
        c1 - c0,
        c2 - c1,
        bytes as f64 / 1e6 / (c2 - c1)
    );
    if repeat > 1 {
        println!("fastest of {repeat} passes: {fastest:.3} s CPU");
    }
    // the process ends here: freeing the gazetteer is not part of the measurement
    std::process::exit(0);
}
