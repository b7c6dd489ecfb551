//! `sitrep ingest`: read, extract and store reports in a database.

use super::events::DbArg;
use super::input::{panic_message, InputArgs};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use sitrep_core::{Extraction, Pipeline, Report};
use sitrep_store::{Inserted, Store};
use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Read reports, extract events and control observations, and store everything in a database.
///
/// Reports already stored (same content: source, date, title and text) are skipped without being
/// extracted again, so running the same ingest twice, or again after an interruption, stores
/// exactly the missing reports. Reports are committed in batches (one transaction each): killing
/// the process loses at most the current batch, never consistency.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  sitrep ingest reports/                         # into ./sitrep.db\n  sitrep ingest feed.xml --db postgres://me@db/sitrep\n  cat reports.jsonl | sitrep ingest - --db archive.db"
)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub db: DbArg,
    /// Reports per transaction.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub batch: u32,
    /// Store the reports without extracting (fast archiving); `sitrep reprocess` extracts later.
    #[arg(long)]
    pub no_extract: bool,
}

#[derive(Default)]
struct Counts {
    stored: usize,
    skipped: usize,
    events: usize,
    controls: usize,
}

struct Ingester {
    store: Store,
    /// Built on first need (re-running a finished ingest extracts nothing and starts at once).
    pipeline: Option<Pipeline>,
    extract: bool,
    pending: Vec<(Report, Vec<String>)>,
    counts: Counts,
    failures: usize,
    bar: Option<ProgressBar>,
}

impl Ingester {
    fn flush(&mut self) -> anyhow::Result<()> {
        let mut todo = Vec::with_capacity(self.pending.len());
        for (r, w) in self.pending.drain(..) {
            if self.store.stored_id(&r)?.is_some() {
                self.counts.skipped += 1;
            } else {
                todo.push((r, w));
            }
        }
        if self.extract && self.pipeline.is_none() && !todo.is_empty() {
            self.pipeline = Some(Pipeline::try_new().map_err(|e| anyhow::anyhow!("{e}"))?);
        }
        let pipeline = self.pipeline.as_ref();
        let done: Vec<(Report, Extraction, bool)> = todo
            .into_par_iter()
            .map(|(r, warnings)| {
                let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match pipeline {
                    Some(p) => p.extract(&r),
                    None => Extraction {
                        sentences: sitrep_core::text::analyze(&r.text).sentences.len(),
                        warnings: vec!["not extracted yet (ingested with --no-extract)".to_string()],
                        ..Default::default()
                    },
                }));
                let (mut ex, failed) = match caught {
                    Ok(ex) => (ex, false),
                    Err(p) => {
                        let msg = panic_message(p.as_ref());
                        eprintln!("sitrep: {}: internal error while extracting (a bug, please report it): {msg}", r.id);
                        let w = vec![format!("extraction failed (internal error: {msg}); no events extracted")];
                        (Extraction { warnings: w, ..Default::default() }, true)
                    }
                };
                ex.warnings.splice(0..0, warnings);
                (r, ex, failed)
            })
            .collect();
        self.failures += done.iter().filter(|d| d.2).count();
        let results = self.store.insert_batch(done.iter().map(|(r, e, _)| (r, e)))?;
        for res in results {
            match res {
                Inserted::Stored { events, controls, .. } => {
                    self.counts.stored += 1;
                    self.counts.events += events;
                    self.counts.controls += controls;
                }
                Inserted::Skipped { .. } => self.counts.skipped += 1,
            }
        }
        if let Some(b) = &self.bar {
            b.set_position((self.counts.stored + self.counts.skipped) as u64);
        }
        Ok(())
    }
}

/// A spinner with counts, on a terminal, when the input reader shows no bar of its own (few inputs).
fn spinner(inputs: &[String]) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() || sitrep_ingest::expand_inputs(inputs).0.len() >= 8 {
        return None;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{spinner} {pos} reports  {per_sec}  {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(200));
    Some(bar)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open()?;
    let mut ing = Ingester {
        store,
        pipeline: None,
        extract: !args.no_extract,
        pending: Vec::new(),
        counts: Counts::default(),
        failures: 0,
        bar: spinner(&args.input.inputs),
    };
    let batch = args.batch as usize;
    let mut error: Option<anyhow::Error> = None;
    let mut last_flush = Instant::now();
    let stats = args.input.for_each_ingested(|ingested| {
        if error.is_some() {
            return;
        }
        ing.pending.push((ingested.report, ingested.warnings));
        // Commit full batches, and at least every second when input trickles in (a live feed).
        if ing.pending.len() >= batch || last_flush.elapsed() > Duration::from_secs(1) {
            if let Err(e) = ing.flush() {
                error = Some(e);
            }
            last_flush = Instant::now();
        }
    });
    if error.is_none() {
        if let Err(e) = ing.flush() {
            error = Some(e);
        }
    }
    if let Some(b) = &ing.bar {
        b.finish_and_clear();
    }
    if let Some(e) = error {
        return Err(e.context(format!("ingest into {} stopped; committed batches are kept", args.db.db)));
    }
    let c = &ing.counts;
    eprintln!(
        "sitrep: ingest: {} report{} stored, {} already stored; {} event mentions, {} control observations → {}",
        c.stored,
        if c.stored == 1 { "" } else { "s" },
        c.skipped,
        c.events,
        c.controls,
        args.db.db
    );
    Ok(if stats.errors > 0 || ing.failures > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
