//! Input options shared by every command that reads reports.

use chrono::NaiveDate;
use sitrep_core::Report;
use sitrep_ingest::{expand_inputs, read_source, InputFormat, ReadError, ReadOptions};

#[derive(clap::Args, Debug, Clone)]
pub struct InputArgs {
    /// Report files, directories (read recursively) or `-` for standard input.
    #[arg(value_name = "FILES|DIRS|-", required = true)]
    pub inputs: Vec<String>,

    /// Reader to use instead of detecting it from the extension and content.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub input_format: Option<InputFormat>,

    /// Publication date (YYYY-MM-DD) to set on, or override for, every report read.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub published: Option<NaiveDate>,
}

fn parse_format(s: &str) -> Result<InputFormat, String> {
    InputFormat::parse(s)
        .ok_or_else(|| format!("unknown format {s:?}; expected one of {}", InputFormat::NAMES.join(", ")))
}

pub fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("{s:?} is not a date like 2017-11-03"))
}

/// Counts of what was read, for the exit code.
#[derive(Default, Debug)]
pub struct ReadStats {
    pub reports: usize,
    pub errors: usize,
}

impl InputArgs {
    /// Streams every report of every input to `f`; errors go to stderr, naming file and line.
    pub fn for_each_report(&self, mut f: impl FnMut(Report)) -> ReadStats {
        let mut stats = ReadStats::default();
        let (sources, errors) = expand_inputs(&self.inputs);
        for e in errors {
            report_error(&e);
            stats.errors += 1;
        }
        let opts = ReadOptions { format: self.input_format, published: self.published };
        for source in &sources {
            read_source(source, &opts, &mut |r| match r {
                Ok(rep) => {
                    stats.reports += 1;
                    f(rep)
                }
                Err(e) => {
                    report_error(&e);
                    stats.errors += 1;
                }
            });
        }
        stats
    }
}

pub fn report_error(e: &ReadError) {
    eprintln!("sitrep: {e}");
}
