//! `sitrep history`: the control history of one place.

use super::events::{write_out, DbArg};
use sitrep_store::ControlState;
use std::io::Write;
use std::process::ExitCode;

/// The control history of a place: intervals of controller and status, each with its confidence,
/// contenders and evidence.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  sitrep history \"Deir ez-Zor\"\n  sitrep history 170794 --format jsonl")]
pub struct Args {
    /// A GeoNames id, a place name (case-insensitive) or an admin1 code (SY.07); a province also
    /// lists the places observed within it.
    #[arg(value_name = "PLACE")]
    pub place: String,
    #[command(flatten)]
    pub db: DbArg,
    #[arg(long, value_enum, default_value = "text")]
    pub format: HistoryFormat,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryFormat {
    /// A readable table.
    Text,
    /// One schema-v1 `control` record per interval.
    Jsonl,
}

fn line(s: &ControlState) -> String {
    let until = s.until.map(|d| d.to_string()).unwrap_or_else(|| "…".into());
    let mut l = format!(
        "  {} → {:<10}  {:<10}  {}  (confidence {:.2}, {}, {} source{})",
        s.since,
        until,
        s.status.as_str(),
        s.controller.name,
        s.confidence,
        s.modality.as_str(),
        s.sources.len(),
        if s.sources.len() == 1 { "" } else { "s" }
    );
    if !s.contenders.is_empty() {
        let names: Vec<&str> = s.contenders.iter().map(|a| a.name.as_str()).collect();
        l += &format!("  contested by {}", names.join(", "));
    }
    l
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut store = args.db.open()?;
    let history = store.history(&args.place)?;
    if history.is_empty() {
        eprintln!("sitrep: no control observations for {:?} in {}", args.place, args.db.db);
        return Ok(ExitCode::from(1));
    }
    if args.format == HistoryFormat::Jsonl {
        return write_out(history.iter().map(|s| s.to_json()), false);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut last: Option<String> = None;
    let mut text = String::new();
    for s in &history {
        let key = format!("{} {:?}", s.place.name, s.place.geonameid);
        if last.as_deref() != Some(key.as_str()) {
            let id = s.place.geonameid.map(|g| format!(" (GeoNames {g})")).unwrap_or_default();
            text += &format!("{}{id}\n", s.place.name);
            last = Some(key);
        }
        text += &line(s);
        text.push('\n');
        for src in &s.sources {
            let who = src.report.source.as_deref().unwrap_or(&src.report.id);
            text += &format!(
                "      {} {} [{}{}] {}\n",
                src.date,
                who,
                src.modality.as_str(),
                if src.derived { ", from event" } else { "" },
                src.evidence.text.trim()
            );
        }
    }
    match out.write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}
