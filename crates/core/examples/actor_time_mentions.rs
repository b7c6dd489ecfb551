//! Prints, for every JSONL report on stdin, its actor and time mentions as the event stage reads
//! them: `{"id":…,"actors":[…],"times":[…]}`. Needs no gazetteer, so the actor and time stages
//! can be checked (and timed) on their own: compare two builds' output to prove a change kept
//! them identical. `cargo run --release -p sitrep-core --example actor_time_mentions < in.jsonl`.

use sitrep_core::actors::ActorTagger;
use sitrep_core::pipeline::{actor_mentions, time_mentions};
use sitrep_core::Report;
use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tagger = ActorTagger::embedded()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut cpu = std::time::Duration::ZERO;
    let mut bytes = 0usize;
    for line in std::io::stdin().lock().lines() {
        let Ok(report) = serde_json::from_str::<Report>(&line?) else { continue };
        let t0 = std::time::Instant::now();
        let doc = sitrep_core::text::analyze(&report.text);
        let mut actors = actor_mentions(&tagger, &report, &doc);
        let mut times = time_mentions(&report, &doc);
        cpu += t0.elapsed();
        bytes += report.text.len();
        actors.sort_by_key(|a| (a.span.start, a.span.end));
        times.sort_by_key(|t| (t.span.start, t.span.end));
        serde_json::to_writer(&mut out, &serde_json::json!({"id": report.id, "actors": actors, "times": times}))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    eprintln!("{bytes} bytes in {:.3} s: {:.2} MB/s", cpu.as_secs_f64(), bytes as f64 / 1e6 / cpu.as_secs_f64());
    Ok(())
}
