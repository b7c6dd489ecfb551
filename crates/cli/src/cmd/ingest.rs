//! `sitrep ingest`: read, extract and store reports in a database.
//!
//! Three stages run at once, connected by bounded channels (constant memory): the reader (this
//! thread) reads reports, drops those already stored (looked up by content hash on a connection
//! of its own, before any extraction) and cuts batches; the extractor extracts a batch on
//! `--jobs` threads; the writer stores each batch in one transaction. While the writer commits
//! batch n, batch n+1 is being extracted.

use super::events::DbArg;
use super::input::{panic_message, InputArgs};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use sitrep_core::{Extraction, Pipeline, Report};
use sitrep_store::{content_hash, Inserted, Store};
use std::collections::{HashSet, VecDeque};
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::time::{Duration, Instant};

/// Read reports, extract events and control observations, and store everything in a database.
///
/// Reports already stored (same content: source, date, title and text) are skipped without being
/// extracted again, so running the same ingest twice, or again after an interruption, stores
/// exactly the missing reports. Reports are committed in batches (one transaction each): killing
/// the process loses at most the batches not yet committed, never consistency. Extraction runs
/// on `--jobs` threads while the previous batch is being written.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  sitrep ingest reports/                         # into ./sitrep.db\n  sitrep ingest feed.xml --db postgres://me@db/sitrep\n  cat reports.jsonl | sitrep ingest - --db archive.db\n  sitrep ingest archive.jsonl --jobs 1 --timings   # where the time goes"
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
    /// Extraction threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub jobs: Option<u32>,
    /// At the end, print the CPU time of each stage (reading and lookups, extraction, store).
    #[arg(long)]
    pub timings: bool,
}

#[derive(Default)]
struct Counts {
    stored: usize,
    skipped: usize,
    events: usize,
    controls: usize,
    failures: usize,
}

type ReadBatch = Vec<(Report, Vec<String>)>;
type DoneBatch = Vec<(Report, Extraction, bool)>;

/// CPU seconds (user + system) of this thread (`thread-self`) or process (`self`), from /proc.
fn cpu_seconds(who: &str) -> Option<f64> {
    let s = std::fs::read_to_string(format!("/proc/{who}/stat")).ok()?;
    let rest = &s[s.rfind(')')? + 1..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    // Fields 14 and 15 of stat(5) (utime, stime), counted after the command name: 12 and 13.
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Extracts one batch (in parallel on `pool`); a panic costs that report its extraction only.
fn extract_batch(
    pool: &rayon::ThreadPool,
    pipeline: &mut Option<Pipeline>,
    extract: bool,
    batch: ReadBatch,
) -> anyhow::Result<DoneBatch> {
    if extract && pipeline.is_none() && !batch.is_empty() {
        *pipeline = Some(Pipeline::try_new().map_err(|e| anyhow::anyhow!("{e}"))?);
    }
    let pipeline = pipeline.as_ref();
    Ok(pool.install(|| {
        batch
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
            .collect()
    }))
}

/// The writer: stores each extracted batch in one transaction.
fn write_batches(
    mut store: Store,
    batches: Receiver<anyhow::Result<DoneBatch>>,
    bar: Option<ProgressBar>,
) -> (anyhow::Result<Counts>, Option<f64>) {
    let mut c = Counts::default();
    let res = (|| {
        for batch in batches {
            let done = batch?;
            c.failures += done.iter().filter(|d| d.2).count();
            for res in store.insert_batch(done.iter().map(|(r, e, _)| (r, e)))? {
                match res {
                    Inserted::Stored { events, controls, .. } => {
                        c.stored += 1;
                        c.events += events;
                        c.controls += controls;
                    }
                    Inserted::Skipped { .. } => c.skipped += 1,
                }
            }
            if let Some(b) = &bar {
                b.inc(done.len() as u64);
            }
        }
        Ok(())
    })();
    (res.map(|_| c), cpu_seconds("thread-self"))
}

/// The reader's side: drops reports already stored or already sent in this run, cuts batches.
struct Feeder {
    /// A connection of the reader's own (none for `:memory:`, a database no other connection sees).
    check: Option<Store>,
    /// Content hashes of the last batches sent (not necessarily committed yet).
    recent: VecDeque<HashSet<String>>,
    pending: ReadBatch,
    skipped: usize,
    to_extract: SyncSender<ReadBatch>,
    /// The writer stopped (an error): read no further.
    stopped: bool,
    bar: Option<ProgressBar>,
}

/// Batches in flight at most: one queued and one being extracted, one queued and one being written.
const IN_FLIGHT: usize = 6;

impl Feeder {
    fn send(&mut self) -> anyhow::Result<()> {
        if self.pending.is_empty() || self.stopped {
            return Ok(());
        }
        let mut batch = Vec::with_capacity(self.pending.len());
        let mut sent = HashSet::new();
        for (r, w) in self.pending.drain(..) {
            let hash = content_hash(&r);
            let stored = match &mut self.check {
                Some(s) => s.stored_hash(&hash)?.is_some(),
                None => false,
            };
            if stored || sent.contains(&hash) || self.recent.iter().any(|s| s.contains(&hash)) {
                self.skipped += 1;
                if let Some(b) = &self.bar {
                    b.inc(1);
                }
                continue;
            }
            sent.insert(hash);
            batch.push((r, w));
        }
        if self.recent.len() >= IN_FLIGHT {
            self.recent.pop_front();
        }
        self.recent.push_back(sent);
        if !batch.is_empty() && self.to_extract.send(batch).is_err() {
            self.stopped = true;
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

fn is_memory(url: &str) -> bool {
    let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
    path == ":memory:"
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let store = args.db.open()?;
    let check = if is_memory(&args.db.db) { None } else { Some(args.db.open()?) };
    let jobs =
        args.jobs.map(|j| j as usize).unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build()?;
    let bar = spinner(&args.input.inputs);
    let batch = args.batch as usize;
    let extract = !args.no_extract;

    let (to_extract, extract_rx) = sync_channel::<ReadBatch>(1);
    let (to_store, store_rx) = sync_channel::<anyhow::Result<DoneBatch>>(1);
    let (stats, feeder, reader_cpu, read_error, (written, writer_cpu)) = std::thread::scope(|scope| {
        let pool = &pool;
        scope.spawn(move || {
            let mut pipeline = None;
            for b in extract_rx {
                let res = extract_batch(pool, &mut pipeline, extract, b);
                let failed = res.is_err();
                if to_store.send(res).is_err() || failed {
                    break;
                }
            }
        });
        let wbar = bar.clone();
        let writer = scope.spawn(move || write_batches(store, store_rx, wbar));
        let mut feeder = Feeder {
            check,
            recent: VecDeque::new(),
            pending: Vec::new(),
            skipped: 0,
            to_extract,
            stopped: false,
            bar: bar.clone(),
        };
        let mut read_error: Option<anyhow::Error> = None;
        let mut last_flush = Instant::now();
        let stats = args.input.for_each_ingested(|ingested| {
            if feeder.stopped || read_error.is_some() {
                return;
            }
            feeder.pending.push((ingested.report, ingested.warnings));
            // Send full batches, and at least every second when input trickles in (a live feed).
            if feeder.pending.len() >= batch || last_flush.elapsed() > Duration::from_secs(1) {
                if let Err(e) = feeder.send() {
                    read_error = Some(e);
                }
                last_flush = Instant::now();
            }
        });
        if read_error.is_none() {
            if let Err(e) = feeder.send() {
                read_error = Some(e);
            }
        }
        let reader_cpu = cpu_seconds("thread-self");
        // Closing the channel ends the extractor, which ends the writer.
        let Feeder { skipped, to_extract, .. } = feeder;
        drop(to_extract);
        let written = writer.join().unwrap_or_else(|_| (Err(anyhow::anyhow!("the store writer panicked")), None));
        (stats, skipped, reader_cpu, read_error, written)
    });
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let context = || format!("ingest into {} stopped; committed batches are kept", args.db.db);
    if let Some(e) = read_error {
        return Err(e.context(context()));
    }
    let mut c = written.map_err(|e| e.context(context()))?;
    c.skipped += feeder;
    eprintln!(
        "sitrep: ingest: {} report{} stored, {} already stored; {} event mentions, {} control observations → {}",
        c.stored,
        if c.stored == 1 { "" } else { "s" },
        c.skipped,
        c.events,
        c.controls,
        args.db.db
    );
    if args.timings {
        let wall = started.elapsed().as_secs_f64();
        let fmt = |v: Option<f64>| v.map_or("n/a".to_string(), |s| format!("{s:.2} s"));
        let total = cpu_seconds("self");
        let extraction = match (total, reader_cpu, writer_cpu) {
            (Some(t), Some(r), Some(w)) => Some((t - r - w).max(0.0)),
            _ => None,
        };
        let n = c.stored + c.skipped;
        eprintln!(
            "sitrep: ingest timings: {n} reports in {wall:.2} s wall ({:.0} reports/s), {} CPU ({}); \
             read + lookups {}, extraction ({jobs} thread{}) {}, store {}",
            n as f64 / wall.max(1e-9),
            fmt(total),
            total.map_or("n/a".to_string(), |t| format!("{:.0} reports per CPU second", n as f64 / t.max(1e-9))),
            fmt(reader_cpu),
            if jobs == 1 { "" } else { "s" },
            fmt(extraction),
            fmt(writer_cpu),
        );
    }
    Ok(if stats.errors > 0 || c.failures > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
