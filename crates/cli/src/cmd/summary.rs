//! `sitrep summary`: a situation summary whose every sentence cites its sources.

use chrono::NaiveDate;
use std::process::ExitCode;

/// Write a situation summary of a period: grouped by region, what changed hands, where fighting
/// was reported, political moves. Claims are phrased as claims; every sentence cites its sources
/// as [report id, sentence number].
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Database URL: a SQLite file, postgres://…, or memory:demo.
    #[arg(long, default_value = "sitrep.db")]
    pub db: String,
    /// First day (YYYY-MM-DD).
    #[arg(long)]
    pub from: NaiveDate,
    /// Last day (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub to: NaiveDate,
    /// Only regions matching this country, admin1 code or place name.
    #[arg(long)]
    pub region: Option<String>,
    /// Output format.
    #[arg(long, default_value = "markdown", value_parser = ["markdown", "html", "json"])]
    pub format: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.from > args.to {
        anyhow::bail!("--from ({}) is after --to ({})", args.from, args.to);
    }
    let backend = sitrep_server::open(&args.db)?;
    let s = sitrep_server::summary::build(backend.as_ref(), args.from, args.to, args.region.as_deref())?;
    let out = match args.format.as_str() {
        "html" => sitrep_server::summary::html(&s),
        "json" => serde_json::to_string_pretty(&s)? + "\n",
        _ => sitrep_server::summary::markdown(&s),
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}
