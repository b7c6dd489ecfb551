//! `sitrep extract --stream`: a JSON Lines filter for shell pipelines and cluster engines.
//!
//! Contract (also in `sitrep extract --help` and the README):
//!
//! * Input: one report object per line, `{"id","text","published"?,"title"?,"source"?,"url"?}`,
//!   parsed exactly as the JSONL reader parses it.
//! * Output: **exactly one line per input line**, in input order, so that Spark's `RDD.pipe()`,
//!   a Kafka consumer or `paste` keep a 1:1 mapping between input and output:
//!   * for a report, the `report` record of schema v1 with two more fields, `events` and
//!     `controls`, holding the event and control records `sitrep extract` would have written on
//!     their own lines after it (each one complete, with its `"record"` tag);
//!   * for a line that is not a report (bad JSON, missing text, blank, too long, an internal
//!     error), `{"record":"error","line":N,"id":…|null,"message":…}` with `line` counted from 1
//!     in the process's own input (in Spark: within the partition) and `id` when it was readable.
//! * Exit code 0 whenever the input could be read and the output written, even when some lines
//!   were error records: a cluster engine would otherwise fail the whole task for one bad line.
//! * Constant memory: lines are read one at a time into a bounded queue and extracted in small
//!   batches (in parallel over `--jobs` threads, output order preserved); a line longer than
//!   `--max-line-bytes` is skipped without being held in memory and answered by an error record.
//!   Output is flushed after every batch, so a slow producer sees its answers promptly.

use super::input::InputArgs;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use sitrep_core::json;
use sitrep_core::record::{Record, ReportRecord};
use sitrep_core::{Extraction, Pipeline, Report};
use sitrep_ingest::{Ingested, InputFormat};
use std::borrow::Cow;
use std::io::{self, BufRead, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;
use std::sync::mpsc;

/// The `--stream` options of `sitrep extract`.
#[derive(clap::Args, Debug, Clone)]
pub struct StreamArgs {
    /// Filter mode for pipelines and cluster engines (Spark RDD.pipe(), Kafka, shell): read JSON
    /// Lines reports on standard input and write exactly one JSON line per input line, in order: the
    /// `report` record with that report's records bundled in as `"events":[…]` and `"controls":[…]`,
    /// or `{"record":"error","line":N,"id":…,"message":…}` for a line that is not a report (bad
    /// JSON, blank, too long). Exits 0 unless input or output fails. Constant memory.
    #[arg(long)]
    pub stream: bool,

    /// Threads extracting (default: all cores); output order is kept.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// In --stream mode, the longest input line accepted; a longer one gets an error record.
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20, requires = "stream")]
    pub max_line_bytes: usize,
}

/// Runs `sitrep extract --stream` on standard input and output.
pub fn run_cli(pipeline: &Pipeline, args: &StreamArgs, input: &InputArgs) -> anyhow::Result<ExitCode> {
    if input.inputs.iter().any(|i| i != "-") {
        anyhow::bail!("--stream reads standard input only: use `sitrep extract --stream < FILE.jsonl`");
    }
    if input.input_format.is_some_and(|f| f != InputFormat::Jsonl) {
        anyhow::bail!("--stream reads JSON Lines only");
    }
    let mut opts =
        StreamOptions { published: input.published, max_line_bytes: args.max_line_bytes, ..Default::default() };
    if let Some(j) = args.jobs {
        opts.jobs = j.max(1);
    }
    let input = io::BufReader::with_capacity(1 << 16, io::stdin());
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match run(pipeline, input, &mut out, &opts).and_then(|stats| out.flush().map(|_| stats)) {
        Ok(stats) => {
            if stats.errors > 0 {
                eprintln!("sitrep: {} of {} lines were not reports (see the error records)", stats.errors, stats.lines);
            }
            exit_now()
        }
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => exit_now(),
        Err(e) => Err(e.into()),
    }
}

/// Ends the process once all output is flushed, without running destructors: freeing the
/// pipeline's gazetteer index piece by piece costs ~0.3 s of CPU per process (measured with perf,
/// see bench/RESULTS.md), paid for nothing at exit, and paid again by every Spark partition.
fn exit_now() -> ! {
    let _ = io::stdout().flush();
    std::process::exit(0)
}

/// Options of the stream filter.
#[derive(Clone, Debug)]
pub struct StreamOptions {
    /// Worker threads; 1 extracts on the calling thread.
    pub jobs: usize,
    /// Most lines extracted together (and held in memory) at once.
    pub batch: usize,
    /// Longest input line accepted, in bytes.
    pub max_line_bytes: usize,
    /// Publication date set on (or overriding) every report.
    pub published: Option<NaiveDate>,
}

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions {
            jobs: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            batch: 256,
            max_line_bytes: 64 << 20,
            published: None,
        }
    }
}

/// What a stream run saw.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StreamStats {
    pub lines: usize,
    pub reports: usize,
    pub errors: usize,
}

/// One input line as read: its 1-based number and its bytes, or why it was not kept.
struct Line {
    no: usize,
    bytes: Result<Vec<u8>, String>,
}

#[derive(Serialize)]
struct ErrorRecord<'a> {
    record: &'static str,
    line: usize,
    id: Option<String>,
    message: &'a str,
}

/// Reads JSONL reports from `input` and writes one JSON line per input line to `output`.
/// Returns an error only when reading the input or writing the output fails.
pub fn run(
    pipeline: &Pipeline,
    input: impl BufRead + Send,
    output: &mut dyn Write,
    opts: &StreamOptions,
) -> io::Result<StreamStats> {
    let jobs = opts.jobs.max(1);
    let batch = opts.batch.max(1);
    let pool = if jobs > 1 {
        Some(rayon::ThreadPoolBuilder::new().num_threads(jobs).build().map_err(io::Error::other)?)
    } else {
        None
    };
    let max_line = opts.max_line_bytes;
    let mut stats = StreamStats::default();
    std::thread::scope(|scope| -> io::Result<StreamStats> {
        // The reader runs ahead of extraction by at most two chunks of lines. It sends the lines
        // it has whenever its next read could block (or a chunk is full), not line by line: one
        // hand-over per line woke the other thread 12,000 times on the corpus, ~10 % of the CPU of
        // `--jobs 1` pinned to one core.
        let (tx, rx) = mpsc::sync_channel::<io::Result<Vec<Line>>>(2);
        scope.spawn(move || read_lines(input, max_line, batch, tx));
        let mut lines: Vec<Line> = Vec::with_capacity(batch);
        let mut read_error = None;
        loop {
            lines.clear();
            // Block for the first chunk of a batch, then take what is already queued.
            match rx.recv() {
                Ok(Ok(l)) => lines.extend(l),
                Ok(Err(e)) => read_error = Some(e),
                Err(_) => {}
            }
            while read_error.is_none() && !lines.is_empty() && lines.len() < batch {
                match rx.try_recv() {
                    Ok(Ok(l)) => lines.extend(l),
                    Ok(Err(e)) => read_error = Some(e),
                    Err(_) => break,
                }
            }
            if lines.is_empty() {
                break;
            }
            let answer = |ls: &[Line]| answer_lines(pipeline, ls, opts.published);
            let answers: Vec<Vec<(Vec<u8>, bool)>> = match &pool {
                // (batches small enough that every thread gets several)
                Some(pool) => {
                    let per = STAGE_BATCH.min(lines.len().div_ceil(jobs * 4)).max(1);
                    pool.install(|| lines.par_chunks(per).map(answer).collect())
                }
                None => lines.chunks(STAGE_BATCH).map(answer).collect(),
            };
            for (bytes, ok) in answers.iter().flatten() {
                stats.lines += 1;
                if *ok {
                    stats.reports += 1;
                } else {
                    stats.errors += 1;
                }
                output.write_all(bytes)?;
            }
            output.flush()?;
            if read_error.is_some() {
                break;
            }
        }
        // Dropping the receiver stops the reader thread at its next send.
        drop(rx);
        match read_error {
            Some(e) => Err(e),
            None => Ok(stats),
        }
    })
}

/// Reads lines (at most `max_line` bytes kept per line) and sends them in order, in chunks of at
/// most `batch` lines: a chunk goes out as soon as the reader's buffer holds no further complete
/// line, so a slow producer's line is answered without waiting for more.
fn read_lines(mut input: impl BufRead, max_line: usize, batch: usize, tx: mpsc::SyncSender<io::Result<Vec<Line>>>) {
    let mut split = LineSplitter::new(max_line);
    loop {
        let mut chunk = Vec::new();
        let r = split.next_chunk(&mut input, batch, &mut chunk);
        if !chunk.is_empty() && tx.send(Ok(chunk)).is_err() {
            return;
        }
        match r {
            Ok(true) => {}
            Ok(false) => return,
            Err(e) => {
                let _ = tx.send(Err(e));
                return;
            }
        }
    }
}

/// Splits a byte stream into numbered lines (without their `\n`), keeping at most `max` bytes of
/// a line: a longer line is consumed and dropped, and answered by an error.
struct LineSplitter {
    max: usize,
    /// Lines seen so far.
    no: usize,
    /// The line being read, when it spans reads.
    partial: Vec<u8>,
    /// Whether any byte of the current line was seen (a last line needs no `\n`).
    started: bool,
    too_long: bool,
}

impl LineSplitter {
    fn new(max: usize) -> Self {
        LineSplitter { max, no: 0, partial: Vec::new(), started: false, too_long: false }
    }

    /// Appends to `out` the complete lines the reader's buffer holds (reading once more when it
    /// holds none), at most `max_lines`. `Ok(false)` at end of input (the last line, if it had
    /// no `\n`, is in `out`).
    fn next_chunk(&mut self, input: &mut impl BufRead, max_lines: usize, out: &mut Vec<Line>) -> io::Result<bool> {
        loop {
            let avail = match input.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                if self.started {
                    self.finish_line(out, &[]);
                }
                return Ok(false);
            }
            let mut used = 0;
            while used < avail.len() && out.len() < max_lines {
                let rest = &avail[used..];
                self.started = true;
                match rest.iter().position(|&b| b == b'\n') {
                    Some(i) => {
                        self.finish_line(out, &rest[..i]);
                        used += i + 1;
                    }
                    None => {
                        self.add(rest);
                        used = avail.len();
                    }
                }
            }
            input.consume(used);
            if !out.is_empty() {
                return Ok(true);
            }
        }
    }

    /// Adds a piece of the current line.
    fn add(&mut self, piece: &[u8]) {
        if self.too_long {
            return;
        }
        if self.partial.len() + piece.len() > self.max {
            self.too_long = true;
            self.partial = Vec::new();
        } else {
            self.partial.extend_from_slice(piece);
        }
    }

    /// Ends the current line with its last piece and appends it to `out`.
    fn finish_line(&mut self, out: &mut Vec<Line>, last: &[u8]) {
        self.no += 1;
        let bytes = if self.partial.is_empty() && !self.too_long && last.len() <= self.max {
            Ok(last.to_vec())
        } else {
            self.add(last);
            if self.too_long {
                Err(format!("line longer than the limit of {} bytes (see --max-line-bytes); skipped", self.max))
            } else {
                Ok(std::mem::take(&mut self.partial))
            }
        };
        out.push(Line { no: self.no, bytes });
        self.started = false;
        self.too_long = false;
    }
}

/// How many reports [`Pipeline::extract_batch`] reads stage by stage: its stages' tables stay in
/// the cache over the batch (and the batch's own text layers and mentions must too). On the bench
/// corpus (`--jobs 1`, CPU pinned to one core) batches of 16 to 128 reports took 4-8 % less CPU
/// than one report at a time; 64 was as good as any.
const STAGE_BATCH: usize = 64;

/// The output lines for consecutive input lines, and whether each is a report (not an error):
/// their reports are extracted together ([`Pipeline::extract_batch`]). If that panics, each is
/// extracted again on its own, so that a bug costs only its report's line (the panic message is
/// printed twice then).
fn answer_lines(pipeline: &Pipeline, lines: &[Line], published: Option<NaiveDate>) -> Vec<(Vec<u8>, bool)> {
    let read: Vec<Result<Ingested, (Vec<u8>, bool)>> = lines.iter().map(|l| read_report(l, published)).collect();
    let reports: Vec<&Report> = read.iter().filter_map(|r| r.as_ref().ok()).map(|i| &i.report).collect();
    let batch = match reports.len() {
        0 => Some(Vec::new()),
        _ => catch_unwind(AssertUnwindSafe(|| pipeline.extract_batch(&reports))).ok(),
    };
    let mut extractions = batch.map(Vec::into_iter);
    lines
        .iter()
        .zip(read)
        .map(|(line, r)| match r {
            Err(answer) => answer,
            Ok(ingested) => {
                let extraction = extractions.as_mut().and_then(Iterator::next);
                answer_report(pipeline, line.no, &ingested, extraction)
            }
        })
        .collect()
}

/// The report of one input line (with the reader's warnings), or the error line that answers it.
fn read_report(line: &Line, published: Option<NaiveDate>) -> Result<Ingested, (Vec<u8>, bool)> {
    let bytes = match &line.bytes {
        Ok(b) => b.trim_ascii(),
        Err(msg) => return Err((error_line(line.no, None, msg), false)),
    };
    if bytes.is_empty() {
        return Err((error_line(line.no, None, "blank line"), false));
    }
    // As the JSONL reader does: a byte-order mark may open the first line.
    let bytes = if line.no == 1 { bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(bytes) } else { bytes };
    let mut ingested = match sitrep_ingest::parse_jsonl_line_with_warnings(bytes, line.no) {
        Ok(r) => r,
        Err(msg) => return Err((error_line(line.no, readable_id(bytes), &msg), false)),
    };
    if published.is_some() {
        ingested.report.published = published;
    }
    Ok(ingested)
}

/// The output line for one report, extracted here unless `extraction` is given.
fn answer_report(
    pipeline: &Pipeline,
    no: usize,
    ingested: &Ingested,
    extraction: Option<Extraction>,
) -> (Vec<u8>, bool) {
    let report = &ingested.report;
    // A bug in one stage must cost one line, not the whole stream (or the whole Spark task).
    let out = catch_unwind(AssertUnwindSafe(|| match extraction {
        Some(x) => write_bundle(x, report, &ingested.warnings),
        None => bundle(pipeline, report, &ingested.warnings),
    }));
    match out {
        Ok(Ok(out)) => (out, true),
        Ok(Err(e)) => (error_line(no, Some(report.id.clone()), &format!("cannot write record: {e}")), false),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            (error_line(no, Some(report.id.clone()), &format!("internal error (please report): {what}")), false)
        }
    }
}

/// The report record with its event and control records bundled in, as one JSON line.
/// `reader_warnings` (from the JSONL reader) come first, as in `sitrep extract`.
pub fn bundle(pipeline: &Pipeline, report: &Report, reader_warnings: &[String]) -> serde_json::Result<Vec<u8>> {
    write_bundle(pipeline.extract(report), report, reader_warnings)
}

/// [`bundle`] of a report already extracted.
fn write_bundle(
    mut extraction: Extraction,
    report: &Report,
    reader_warnings: &[String],
) -> serde_json::Result<Vec<u8>> {
    extraction.warnings.splice(0..0, reader_warnings.iter().cloned());
    let sentences = extraction.sentences;
    let mut head = None;
    let mut groups: Vec<(Cow<'static, str>, Vec<Record>)> =
        vec![("events".into(), Vec::new()), ("controls".into(), Vec::new())];
    for rec in extraction.into_records(report) {
        let group = match rec {
            Record::Report(r) => {
                if head.is_none() {
                    head = Some(r);
                }
                continue;
            }
            Record::Event(_) => Cow::Borrowed("events"),
            Record::Control(_) => Cow::Borrowed("controls"),
            #[allow(unreachable_patterns)]
            ref other => match serde_json::to_value(other)?.get("record").and_then(|v| v.as_str()) {
                Some(tag) => Cow::Owned(format!("{tag}s")),
                None => Cow::Borrowed("other"),
            },
        };
        match groups.iter_mut().find(|(name, _)| *name == group) {
            Some((_, list)) => list.push(rec),
            None => groups.push((group, vec![rec])),
        }
    }
    let head = head.unwrap_or_else(|| ReportRecord {
        report: sitrep_core::record::ReportRef::header(report),
        sentences,
        warnings: reader_warnings.to_vec(),
    });
    // Serialized into this thread's buffer, kept from line to line, then copied out at its final
    // size: a line is ~6x its report's text (each event repeats its sentence), and growing a fresh
    // vector to that size copied it several times over.
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUF.with_borrow_mut(|out| {
        out.clear();
        // Written by sitrep_model::json, byte for byte what serde_json writes, several times faster.
        json::write_record(out, &Record::Report(head));
        // A serialized struct always ends with `}`: reopen it and append the groups.
        out.pop();
        for (name, list) in &groups {
            out.extend_from_slice(b",");
            json::write_str(out, name);
            out.extend_from_slice(b":");
            json::write_records(out, list);
        }
        out.extend_from_slice(b"}\n");
        let line = out.clone();
        // A huge report would otherwise keep its buffer for the rest of the run.
        if out.capacity() > 1 << 22 {
            *out = Vec::new();
        }
        Ok(line)
    })
}

fn error_line(line: usize, id: Option<String>, message: &str) -> Vec<u8> {
    let mut out = serde_json::to_vec(&ErrorRecord { record: "error", line, id, message })
        .unwrap_or_else(|_| format!("{{\"record\":\"error\",\"line\":{line}}}").into_bytes());
    out.push(b'\n');
    out
}

/// The `id` of a line that is JSON but not a valid report, when it has a usable one.
fn readable_id(bytes: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: Option<serde_json::Value>,
    }
    match serde_json::from_slice::<IdOnly>(bytes).ok()?.id? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pipeline() -> &'static Pipeline {
        static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
        P.get_or_init(Pipeline::new)
    }

    fn run_str(input: &str, opts: &StreamOptions) -> (String, StreamStats) {
        let mut out = Vec::new();
        let stats = run(pipeline(), io::Cursor::new(input.as_bytes().to_vec()), &mut out, opts).unwrap();
        (String::from_utf8(out).unwrap(), stats)
    }

    /// The lines a splitter reads from `input` through a buffer of `cap` bytes, `per` at most per
    /// chunk: (number, text or None when too long) and the chunk sizes.
    fn split(input: &[u8], cap: usize, max: usize, per: usize) -> (Vec<(usize, Option<String>)>, Vec<usize>) {
        let mut r = io::BufReader::with_capacity(cap, io::Cursor::new(input.to_vec()));
        let mut s = LineSplitter::new(max);
        let (mut lines, mut sizes) = (Vec::new(), Vec::new());
        loop {
            let mut out = Vec::new();
            let more = s.next_chunk(&mut r, per, &mut out).unwrap();
            assert!(out.len() <= per);
            if !out.is_empty() {
                sizes.push(out.len());
            }
            lines.extend(out.into_iter().map(|l| (l.no, l.bytes.ok().map(|b| String::from_utf8(b).unwrap()))));
            if !more {
                return (lines, sizes);
            }
        }
    }

    #[test]
    fn splitter_drops_long_lines_and_keeps_the_next() {
        let ok = |no: usize, s: &str| (no, Some(s.to_string()));
        for cap in [1, 2, 3, 4, 7, 64] {
            for per in [1, 2, 100] {
                let (lines, _) = split(b"abcdefghij\nxy\n\nabcde\nabcdef\nlast", cap, 5, per);
                assert_eq!(
                    lines,
                    vec![(1, None), ok(2, "xy"), ok(3, ""), ok(4, "abcde"), (5, None), ok(6, "last")],
                    "cap {cap} per {per}"
                );
                let (lines, _) = split(b"a\n\n", cap, 5, per);
                assert_eq!(lines, vec![ok(1, "a"), ok(2, "")]);
                assert!(split(b"", cap, 5, per).0.is_empty());
                assert_eq!(split(b"\n", cap, 5, per).0, vec![ok(1, "")]);
            }
        }
    }

    #[test]
    fn splitter_sends_what_one_read_holds() {
        // One read of 64 bytes holds three whole lines and the start of a fourth.
        let (_, sizes) = split(
            b"aaaaaaaaaaaaaaaaaaa\nbbbbbbbbbbbbbbbbbbb\nccccccccccccccccccc\ndddddddddddddddddddd\n",
            64,
            100,
            100,
        );
        assert_eq!(sizes, vec![3, 1]);
        let (_, sizes) = split(b"a\nb\nc\nd\ne\n", 64, 100, 2);
        assert_eq!(sizes, vec![2, 2, 1]);
    }

    #[test]
    fn one_line_out_per_line_in_and_order_kept_with_threads() {
        let mut input = String::new();
        for i in 0..300 {
            if i % 7 == 3 {
                input.push_str("{not json\n");
            } else {
                input.push_str(&format!("{{\"id\":\"r{i}\",\"text\":\"Shelling hit the town. Report {i}.\"}}\n"));
            }
        }
        let opts = StreamOptions { jobs: 3, batch: 16, ..Default::default() };
        let (out, stats) = run_str(&input, &opts);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 300);
        assert_eq!(stats.lines, 300);
        for (i, l) in lines.iter().enumerate() {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            if i % 7 == 3 {
                assert_eq!(v["record"], "error");
                assert_eq!(v["line"], i + 1);
            } else {
                assert_eq!(v["record"], "report");
                assert_eq!(v["report"]["id"], format!("r{i}"));
                assert!(v["events"].is_array() && v["controls"].is_array());
            }
        }
        let (serial, _) = run_str(&input, &StreamOptions { jobs: 1, ..Default::default() });
        assert_eq!(serial, out);
    }

    #[test]
    fn empty_input_gives_empty_output() {
        let (out, stats) = run_str("", &StreamOptions::default());
        assert_eq!(out, "");
        assert_eq!(stats, StreamStats::default());
    }
}
