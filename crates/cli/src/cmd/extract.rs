//! `sitrep extract`: reports in, schema-v1 JSON Lines out.

use super::input::InputArgs;
use rayon::prelude::*;
use sitrep_core::Pipeline;
use sitrep_ingest::Ingested;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

/// Extract events and control observations from reports as JSON Lines (schema v1).
///
/// For every report read, one `report` record is written first, then that report's `event` and
/// `control` records. Problems with an input are printed on stderr (naming the file and line) and
/// the other inputs are still read; the exit code is 1 if any input failed, 0 otherwise.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  sitrep extract report.txt\n  sitrep extract examples/reports/ --pretty\n  cat feed.jsonl | sitrep extract - > records.jsonl\n  sitrep extract --stream < feed.jsonl > bundles.jsonl   # one line out per line in",
    mut_arg("inputs", |a| a.required(false).required_unless_present("stream"))
)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,

    /// Indented JSON for humans instead of one record per line.
    #[arg(long)]
    pub pretty: bool,

    /// After each report's records, also write a `mentions` record: the actor, place and time
    /// mentions the events were built from (for checking and debugging extraction).
    #[arg(long)]
    pub mentions: bool,

    #[command(flatten)]
    pub stream: super::stream::StreamArgs,
}

/// A line of output: a schema-v1 record, or the opt-in `mentions` record.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Rec<'a> {
    Record(&'a sitrep_core::Record),
    Value(&'a serde_json::Value),
}

/// Reports extracted together: at most this many, holding at most [`BATCH_BYTES`] of text.
const BATCH_REPORTS: usize = 256;
const BATCH_BYTES: usize = 16 << 20;

/// One report's output: its lines, or the error writing them; and a message for stderr when its
/// extraction failed (an internal error).
type Answer = (serde_json::Result<Vec<u8>>, Option<String>);

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.stream.stream {
        return super::stream::run_cli(&Pipeline::new(), &args.stream, &args.input);
    }
    let pool = match args.stream.jobs {
        Some(j) => Some(rayon::ThreadPoolBuilder::new().num_threads(j.max(1)).build()?),
        None => None,
    };
    // Built on the first report read: loading the gazetteer and lexicons is the slow part of a
    // small run, and a run whose inputs all fail need not pay it.
    let mut pipeline: Option<Pipeline> = None;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut write_error = None;
    let mut extract_failures = 0usize;
    // Reports are read in order into a bounded batch, extracted in parallel (rayon), and written
    // in input order, so the output is the same as one report at a time.
    let mut batch: Vec<Ingested> = Vec::new();
    let mut batch_bytes = 0usize;
    let mut flush = |batch: &mut Vec<Ingested>, out: &mut BufWriter<std::io::StdoutLock>| -> std::io::Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let pipeline: &Pipeline = pipeline.get_or_insert_with(Pipeline::new);
        let answer = |ing: &Ingested| answer(pipeline, ing, &args);
        let answers: Vec<Answer> = match &pool {
            Some(pool) => pool.install(|| batch.par_iter().map(answer).collect()),
            None => batch.par_iter().map(answer).collect(),
        };
        batch.clear();
        for (bytes, failure) in answers {
            if let Some(msg) = failure {
                extract_failures += 1;
                eprintln!("{msg}");
            }
            out.write_all(&bytes.map_err(std::io::Error::from)?)?;
        }
        Ok(())
    };
    let stats = args.input.for_each_ingested(|ingested| {
        if write_error.is_some() {
            return;
        }
        batch_bytes += ingested.report.text.len();
        batch.push(ingested);
        if batch.len() >= BATCH_REPORTS || batch_bytes >= BATCH_BYTES {
            batch_bytes = 0;
            if let Err(e) = flush(&mut batch, &mut out) {
                write_error = Some(e);
            }
        }
    });
    if write_error.is_none() {
        if let Err(e) = flush(&mut batch, &mut out) {
            write_error = Some(e);
        }
    }
    // Freeing the place-name index costs a noticeable part of a short run and buys nothing at exit
    // (bench/RESULTS.md); the process ends right after this function.
    std::mem::forget(pipeline);
    if let Some(e) = write_error {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(e.into());
    }
    if let Err(e) = out.flush() {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(e.into());
        }
    }
    Ok(if stats.errors + extract_failures > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Extracts one report and renders its lines (report, events, control, then `mentions` if asked).
fn answer(pipeline: &Pipeline, ingested: &Ingested, args: &Args) -> Answer {
    let report = &ingested.report;
    // A bug in a stage must not cost the other reports: the report keeps its record, with a
    // warning, and the run's exit code says something failed.
    let mut failure = None;
    let mut extraction = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.extract(report))) {
        Ok(x) => x,
        Err(panic) => {
            let msg = super::input::panic_message(panic.as_ref());
            failure = Some(format!(
                "sitrep: {}: internal error while extracting (a bug, please report it): {msg}",
                report.id
            ));
            sitrep_core::Extraction {
                warnings: vec![format!("extraction failed (internal error: {msg}); no events extracted")],
                ..Default::default()
            }
        }
    };
    // The reader's warnings (converted encoding, split file, …) come first in the record.
    extraction.warnings.splice(0..0, ingested.warnings.iter().cloned());
    let mut values: Vec<serde_json::Value> = Vec::new();
    if args.mentions {
        values.push(serde_json::json!({
            "record": "mentions",
            "report": sitrep_core::record::ReportRef::of(report),
            "actors": extraction.mentions.actors,
            "places": extraction.mentions.places,
            "times": extraction.mentions.times,
        }));
    }
    let records = extraction.into_records(report);
    let render = || -> serde_json::Result<Vec<u8>> {
        let mut buf = Vec::with_capacity(4096);
        for rec in records.iter().map(Rec::Record).chain(values.iter().map(Rec::Value)) {
            if args.pretty {
                serde_json::to_writer_pretty(&mut buf, &rec)?;
            } else {
                serde_json::to_writer(&mut buf, &rec)?;
            }
            buf.push(b'\n');
        }
        Ok(buf)
    };
    (render(), failure)
}
