//! Report readers: files, directories and standard input → [`Report`]s.
//!
//! | format  | chosen by                                   | one report per        | id                         |
//! |---------|---------------------------------------------|-----------------------|----------------------------|
//! | `text`  | `.txt` `.text` `.md`, or any other text     | file (or part, below) | file name                  |
//! | `html`  | `.html` `.htm` `.xhtml`, `<!doctype html`   | page                  | file name                  |
//! | `feed`  | `.xml` `.rss` `.atom`, `<rss` `<feed` `<?xml` | item / entry        | guid, else link, else `file#N` |
//! | `jsonl` | `.jsonl` `.ndjson` `.json`, a leading `{` or `[` | line / array element | `id`, else `line-N` / `file#N` |
//!
//! Readers stream and bound memory: JSONL is read line by line (a line longer than the report
//! limit is skipped with an error); a plain-text file larger than the report limit
//! ([`DEFAULT_MAX_REPORT_BYTES`], `--max-report-size`) is split at paragraph boundaries into
//! parts `file#part-N`, each its own report with a warning; an HTML page or feed larger than
//! [`HTML_FEED_FACTOR`] × the limit is refused. Every problem becomes a [`ReadError`] naming the file
//! (and line or item), and reading goes on with the next item and the next input.

pub mod dateline;
mod decode;
mod feed;
mod format;
mod html;
mod jsonl;
mod plain;
mod source;

pub use decode::{binary_reason, decode, Decoded};
pub use format::InputFormat;
pub use html::html_to_text;
pub use source::{expand_inputs, Source};

use chrono::NaiveDate;
use sitrep_model::Report;
use std::fmt;
use std::io::Read;

/// Default size limit of one report's text (1 MiB): far above any real report, and small enough
/// that the extraction stages stay quick on each part of a huge file.
pub const DEFAULT_MAX_REPORT_BYTES: usize = 1 << 20;
/// HTML pages and feeds may be this many times the report limit before they are refused.
pub const HTML_FEED_FACTOR: usize = 4;

/// Options that apply to every reader.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Forces a format instead of detecting it from extension and content.
    pub format: Option<InputFormat>,
    /// Sets (or overrides) the publication date of every report read.
    pub published: Option<NaiveDate>,
    /// Size limit of one report's text in bytes; `None` means [`DEFAULT_MAX_REPORT_BYTES`].
    pub max_report_bytes: Option<usize>,
    /// Encoding of inputs that are not UTF-8 (a WHATWG label: `windows-1252`, `iso-8859-6`, …).
    /// UTF-8 input, BOMs and an HTML page's own `<meta charset>` still win.
    pub encoding: Option<String>,
}

/// True if `label` names an encoding the readers can decode (`windows-1256`, `latin1`, …).
pub fn encoding_known(label: &str) -> bool {
    encoding_rs::Encoding::for_label(label.trim().as_bytes()).is_some()
}

impl ReadOptions {
    pub fn max_report_bytes(&self) -> usize {
        self.max_report_bytes.unwrap_or(DEFAULT_MAX_REPORT_BYTES).max(1024)
    }
}

/// A report as read, with the reader's warnings about it (text converted, NULs replaced, split
/// into parts, date year inferred, …). Warnings do not make the run fail.
#[derive(Clone, Debug, PartialEq)]
pub struct Ingested {
    pub report: Report,
    pub warnings: Vec<String>,
}

impl Ingested {
    pub fn new(report: Report) -> Self {
        Ingested { report, warnings: Vec::new() }
    }
}

/// A problem with one input (or one line or item of it). Reading continues after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl ReadError {
    /// Control characters (a newline quoted from a broken file, a terminal escape) are shown
    /// escaped, and very long messages are cut, so each error is one readable line.
    pub fn new(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        ReadError { file: one_line(file, 300), line, message: one_line(&message.into(), 400) }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ReadError {}

/// Parses one JSON Lines report object exactly as the JSONL reader does for each of its lines
/// (`lineno` names the report when it has no `"id"`). For filters that must answer every input
/// line themselves, such as `sitrep extract --stream`. Warnings (e.g. an unreadable date) are
/// dropped; see [`parse_jsonl_line_with_warnings`].
pub fn parse_jsonl_line(line: &[u8], lineno: usize) -> Result<Report, String> {
    jsonl::parse_line(line, lineno).map(|i| i.report)
}

/// [`parse_jsonl_line`] with the reader's warnings about the report.
pub fn parse_jsonl_line_with_warnings(line: &[u8], lineno: usize) -> Result<Ingested, String> {
    jsonl::parse_line(line, lineno)
}

/// What a reader hands on: a report or a problem, in input order.
pub type Sink<'a> = dyn FnMut(Result<Ingested, ReadError>) + 'a;

/// Reads every report of `source`, calling `sink` for each report or error, in input order.
pub fn read_source(source: &Source, opts: &ReadOptions, sink: &mut Sink<'_>) {
    match source.open() {
        Ok(reader) => read_from(source, reader, opts, sink),
        Err(e) => sink(Err(ReadError::new(&source.display_name(), None, e))),
    }
}

/// Reads reports from bytes already in memory (an upload, a message), as if they were the file
/// `name`: its extension picks the reader (unless `opts.format` does), and it names the reports
/// and errors.
pub fn read_bytes(name: &str, bytes: Vec<u8>, opts: &ReadOptions, sink: &mut Sink<'_>) {
    let source = Source::File(name.into());
    read_from(&source, Box::new(std::io::Cursor::new(bytes)), opts, sink)
}

fn read_from(source: &Source, mut reader: Box<dyn std::io::BufRead>, opts: &ReadOptions, sink: &mut Sink<'_>) {
    let name = source.display_name();
    let format = match opts.format {
        Some(f) => f,
        None => match format::detect(source, &mut reader) {
            Ok(f) => f,
            Err(e) => return sink(Err(ReadError::new(&name, None, e))),
        },
    };
    // Binary data is refused before any reader sees it (a gzip file named .jsonl would otherwise
    // give one error per "line").
    match reader.fill_buf() {
        Ok(head) => {
            if let Some(reason) = decode::binary_reason(head) {
                return sink(Err(ReadError::new(&name, None, reason)));
            }
        }
        Err(e) => return sink(Err(ReadError::new(&name, None, format!("read failed: {}", source::describe_io(&e))))),
    }
    let mut emit = |r: Result<Ingested, ReadError>| {
        sink(r.map(|mut ing| {
            if opts.published.is_some() {
                ing.report.published = opts.published;
            }
            ing
        }))
    };
    let ctx = Ctx { name: &name, source, opts };
    match format {
        InputFormat::Jsonl => jsonl::read(&ctx, reader, &mut emit),
        InputFormat::Text => plain::read(&ctx, reader, &mut emit),
        InputFormat::Html => html::read(&ctx, reader, &mut emit),
        InputFormat::Feed => feed::read(&ctx, reader, &mut emit),
    }
}

/// What every reader knows about its input.
pub(crate) struct Ctx<'a> {
    pub name: &'a str,
    pub source: &'a Source,
    pub opts: &'a ReadOptions,
}

impl Ctx<'_> {
    pub fn err(&self, line: Option<usize>, message: impl Into<String>) -> ReadError {
        ReadError::new(self.name, line, message)
    }

    /// A date to anchor dates written without a year: `--published`, else a date in the file name.
    pub fn reference_date(&self) -> Option<NaiveDate> {
        self.opts.published.or_else(|| self.file_name_date())
    }

    pub fn file_name_date(&self) -> Option<NaiveDate> {
        match self.source {
            Source::File(p) => p.file_name().and_then(|n| dateline::date_in_file_name(&n.to_string_lossy())),
            Source::Stdin => None,
        }
    }

    /// Reads a whole input of at most `limit` bytes; a larger one is an error.
    pub fn read_all(&self, reader: Box<dyn std::io::BufRead>, limit: usize, what: &str) -> Result<Vec<u8>, ReadError> {
        let mut bytes = Vec::new();
        reader
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| self.err(None, format!("read failed: {}", source::describe_io(&e))))?;
        if bytes.len() > limit {
            return Err(self.err(
                None,
                format!(
                    "{what} larger than {}: too big to read (the limit is set with --max-report-size)",
                    human(limit)
                ),
            ));
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(self.err(None, "empty file: no report text"));
        }
        Ok(bytes)
    }
}

/// `s` with control characters escaped, cut to about `max` characters.
pub fn one_line(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max + 8));
    for (n, c) in s.chars().enumerate() {
        if n >= max {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push(' '),
            c if c.is_control() => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out
}

/// `4 MiB`, `512 KiB`, `900 bytes`.
pub fn human(n: usize) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / (1 << 20) as f64)
    } else if n >= 1 << 10 {
        format!("{} KiB", n >> 10)
    } else {
        format!("{n} bytes")
    }
}
