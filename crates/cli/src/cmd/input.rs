//! Input options shared by every command that reads reports.

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sitrep_core::Report;
use sitrep_ingest::{expand_inputs, read_source, Ingested, InputFormat, ReadError, ReadOptions};
use std::collections::HashSet;
use std::io::IsTerminal;

/// Inputs from which on a progress bar is drawn (only when stderr is a terminal).
const PROGRESS_MIN_INPUTS: usize = 8;

#[derive(clap::Args, Debug, Clone)]
pub struct InputArgs {
    /// Report files, directories (read recursively) or `-` for standard input. Readers by
    /// extension, else by content: .txt/.md plain text (dated by its dateline, e.g. "BEIRUT, Nov 3
    /// (Reuters) -", "November 3, 2017" or a title ending in a date), .html/.htm articles, .xml/.rss/.atom feeds (one report
    /// per item), .jsonl/.ndjson/.json ({"id","text","published"?,"title"?,"source"?,"url"?}).
    #[arg(value_name = "FILES|DIRS|-", required = true)]
    pub inputs: Vec<String>,

    /// Reader to use instead of detecting it from the extension and content:
    /// text, html, feed (RSS/Atom) or jsonl.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub input_format: Option<InputFormat>,

    /// Publication date (YYYY-MM-DD) to set on, or override for, every report read.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub published: Option<NaiveDate>,

    /// Largest report text (e.g. 1M, 512K). Larger plain-text files are read in parts split at
    /// paragraph breaks; HTML pages and feeds over 4× this are refused.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "1M")]
    pub max_report_size: usize,

    /// Encoding of inputs that are not UTF-8, e.g. windows-1252, iso-8859-6, windows-1256
    /// (UTF-8, byte-order marks and an HTML page's own charset still win).
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub encoding: Option<String>,
}

fn parse_encoding(s: &str) -> Result<String, String> {
    if sitrep_ingest::encoding_known(s) {
        Ok(s.trim().to_string())
    } else {
        Err(format!("unknown encoding {s:?}; use a label such as windows-1252, iso-8859-1, windows-1256"))
    }
}

fn parse_format(s: &str) -> Result<InputFormat, String> {
    InputFormat::parse(s)
        .ok_or_else(|| format!("unknown format {s:?}; expected one of {}", InputFormat::NAMES.join(", ")))
}

pub fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("{s:?} is not a date like 2017-11-03"))
}

/// `4M`, `512K`, `1G`, `1000` (bytes).
pub fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim().to_ascii_uppercase();
    let t = t.trim_end_matches("IB").trim_end_matches('B');
    let (num, mult) = match t.chars().last() {
        Some('K') => (&t[..t.len() - 1], 1usize << 10),
        Some('M') => (&t[..t.len() - 1], 1 << 20),
        Some('G') => (&t[..t.len() - 1], 1 << 30),
        _ => (t, 1),
    };
    let n: usize = num.trim().parse().map_err(|_| format!("{s:?} is not a size like 4M or 512K"))?;
    let bytes = n.checked_mul(mult).ok_or_else(|| format!("{s:?} is too large"))?;
    if bytes < 1024 {
        return Err(format!("{s:?} is too small (at least 1K)"));
    }
    Ok(bytes)
}

/// Counts of what was read, for the exit code.
#[derive(Default, Debug)]
pub struct ReadStats {
    pub reports: usize,
    pub errors: usize,
}

impl InputArgs {
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            format: self.input_format,
            published: self.published,
            max_report_bytes: Some(self.max_report_size),
            encoding: self.encoding.clone(),
        }
    }

    /// Streams every report of every input to `f`; errors go to stderr, naming file and line.
    #[allow(dead_code)] // for the commands that do not record reader warnings
    pub fn for_each_report(&self, mut f: impl FnMut(Report)) -> ReadStats {
        self.for_each_ingested(|ing| f(ing.report))
    }

    /// Like [`Self::for_each_report`], with the reader's warnings about each report (also
    /// printed on stderr, once per input and kind).
    pub fn for_each_ingested(&self, mut f: impl FnMut(Ingested)) -> ReadStats {
        let mut stats = ReadStats::default();
        let (sources, errors) = expand_inputs(&self.inputs);
        for e in errors {
            report_error(&e);
            stats.errors += 1;
        }
        let bar = progress_bar(sources.len());
        let say = |msg: String| match &bar {
            Some(b) => b.suspend(|| eprintln!("{msg}")),
            None => eprintln!("{msg}"),
        };
        if self.inputs.iter().any(|i| i == "-") && std::io::stdin().is_terminal() {
            eprintln!("sitrep: reading reports from the terminal; end with Ctrl-D (or pipe a file in)");
        }
        let opts = self.read_options();
        for source in &sources {
            let name = sitrep_ingest::one_line(&source.display_name(), 300);
            if let Some(b) = &bar {
                b.set_message(name.clone());
            }
            let mut said: HashSet<String> = HashSet::new();
            let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                read_source(source, &opts, &mut |r| match r {
                    Ok(ing) => {
                        stats.reports += 1;
                        for w in &ing.warnings {
                            // "part 7 of …" and "part 8 of …" are one kind of warning.
                            let kind: String = w.chars().filter(|c| !c.is_ascii_digit()).collect();
                            if said.insert(kind) {
                                say(format!("sitrep: {name}: warning: {}", sitrep_ingest::one_line(w, 400)));
                            }
                        }
                        f(ing)
                    }
                    Err(e) => {
                        say(format!("sitrep: {e}"));
                        stats.errors += 1;
                    }
                })
            }));
            if let Err(panic) = read {
                // A bug in a reader (ours or a parser's) costs this input only.
                let msg = panic_message(panic.as_ref());
                say(format!("sitrep: {name}: internal error while reading (a bug, please report it): {msg}"));
                stats.errors += 1;
            }
            if let Some(b) = &bar {
                b.inc(1);
            }
        }
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        if stats.reports == 0 && stats.errors == 0 {
            eprintln!("sitrep: no reports found in {}", self.inputs.join(" "));
            stats.errors += 1;
        }
        stats
    }
}

/// A progress bar on stderr when it is a terminal and there are many inputs; never otherwise.
fn progress_bar(inputs: usize) -> Option<ProgressBar> {
    if inputs < PROGRESS_MIN_INPUTS || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(inputs as u64), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} inputs  {elapsed}  {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// The message of a caught panic.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let msg = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    sitrep_ingest::one_line(&msg, 300)
}

pub fn report_error(e: &ReadError) {
    eprintln!("sitrep: {e}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("4M"), Ok(4 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("2MiB"), Ok(2 << 20));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert!(parse_size("12").is_err());
        assert!(parse_size("lots").is_err());
    }
}
