//! `sitrep extract`: reports in, schema-v1 JSON Lines out.

use super::input::InputArgs;
use sitrep_core::Pipeline;
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

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.stream.stream {
        return super::stream::run_cli(&Pipeline::new(), &args.stream, &args.input);
    }
    // Built on the first report read: loading the gazetteer and lexicons is the slow part of a
    // small run, and a run whose inputs all fail need not pay it.
    let pipeline_cell = std::cell::OnceCell::new();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut write_error = None;
    let mut extract_failures = 0usize;
    let stats = args.input.for_each_ingested(|ingested| {
        if write_error.is_some() {
            return;
        }
        let report = ingested.report;
        let pipeline: &Pipeline = pipeline_cell.get_or_init(Pipeline::new);
        // A bug in a stage must not cost the other reports: the report keeps its record, with a
        // warning, and the run's exit code says something failed.
        let mut extraction = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.extract(&report)))
        {
            Ok(x) => x,
            Err(panic) => {
                extract_failures += 1;
                let msg = super::input::panic_message(panic.as_ref());
                eprintln!("sitrep: {}: internal error while extracting (a bug, please report it): {msg}", report.id);
                sitrep_core::Extraction {
                    warnings: vec![format!("extraction failed (internal error: {msg}); no events extracted")],
                    ..Default::default()
                }
            }
        };
        // The reader's warnings (converted encoding, split file, …) come first in the record.
        extraction.warnings.splice(0..0, ingested.warnings);
        let mut values: Vec<serde_json::Value> = Vec::new();
        if args.mentions {
            values.push(serde_json::json!({
                "record": "mentions",
                "report": sitrep_core::record::ReportRef::of(&report),
                "actors": extraction.mentions.actors,
                "places": extraction.mentions.places,
                "times": extraction.mentions.times,
            }));
        }
        for rec in extraction.records(&report).iter().map(Rec::Record).chain(values.iter().map(Rec::Value)) {
            let res = if args.pretty {
                serde_json::to_writer_pretty(&mut out, &rec).map_err(std::io::Error::from)
            } else {
                serde_json::to_writer(&mut out, &rec).map_err(std::io::Error::from)
            };
            if let Err(e) = res.and_then(|_| out.write_all(b"\n")) {
                write_error = Some(e);
                return;
            }
        }
    });
    // Freeing the place-name index costs a noticeable part of a short run and buys nothing at exit
    // (bench/RESULTS.md); the process ends right after this function.
    std::mem::forget(pipeline_cell);
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
