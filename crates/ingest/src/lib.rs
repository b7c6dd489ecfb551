//! Report readers: files, directories and standard input → [`Report`]s.
//!
//! Readers stream: a JSONL file or a large text file is never held whole in memory beyond one
//! report. Every problem becomes a [`ReadError`] naming the file (and line) and reading goes on
//! with the next item.

pub mod dateline;
mod format;
mod jsonl;
mod plain;
mod source;

pub use format::InputFormat;
pub use source::{expand_inputs, Source};

use chrono::NaiveDate;
use sitrep_core::Report;
use std::fmt;

/// Options that apply to every reader.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Forces a format instead of detecting it from extension and content.
    pub format: Option<InputFormat>,
    /// Sets (or overrides) the publication date of every report read.
    pub published: Option<NaiveDate>,
}

/// A problem with one input (or one line of it). Reading continues after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
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
/// line themselves, such as `sitrep extract --stream`.
pub fn parse_jsonl_line(line: &[u8], lineno: usize) -> Result<Report, String> {
    jsonl::parse_line(line, lineno)
}

/// Reads every report of `source`, calling `sink` for each report or error, in input order.
pub fn read_source(source: &Source, opts: &ReadOptions, sink: &mut dyn FnMut(Result<Report, ReadError>)) {
    let name = source.display_name();
    let err = |line: Option<usize>, message: String| ReadError { file: name.clone(), line, message };
    let mut reader = match source.open() {
        Ok(r) => r,
        Err(e) => return sink(Err(err(None, e))),
    };
    let format = match opts.format {
        Some(f) => f,
        None => match format::detect(source, &mut reader) {
            Ok(f) => f,
            Err(e) => return sink(Err(err(None, e))),
        },
    };
    let mut emit = |r: Result<Report, ReadError>| {
        sink(r.map(|mut rep| {
            if opts.published.is_some() {
                rep.published = opts.published;
            }
            rep
        }))
    };
    match format {
        InputFormat::Jsonl => jsonl::read(&name, reader, &mut emit),
        InputFormat::Text => plain::read(&name, source, reader, &mut emit),
    }
}
