//! `sitrep export`: ACLED CSV, GeoJSON, JSONL and PLOVER exports.

use chrono::NaiveDate;
use sitrep_server::export;
use std::io::Write;
use std::process::ExitCode;

/// Export stored events: ACLED CSV (ACLED's column layout), GeoJSON, schema-v1 JSON Lines
/// (events and control observations) or PLOVER JSON.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Database URL: a SQLite file, postgres://…, or memory:demo.
    #[arg(long, default_value = "sitrep.db")]
    pub db: String,
    /// Output format.
    #[arg(long, value_parser = ["acled-csv", "geojson", "jsonl", "plover-json"])]
    pub format: String,
    /// Only events from this day on (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<NaiveDate>,
    /// Only events up to this day (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<NaiveDate>,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<std::path::PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match write(args) {
        // A closed pipe (`sitrep export … | head`) is not an error.
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) => {
            Ok(ExitCode::SUCCESS)
        }
        Err(e)
            if e.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        other => other,
    }
}

fn write(args: Args) -> anyhow::Result<ExitCode> {
    let backend = sitrep_server::open(&args.db)?;
    let q = sitrep_server::EventQuery { from: args.from, to: args.to, ..Default::default() };
    let events = backend.events(&q)?;
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    match args.format.as_str() {
        "acled-csv" => {
            let now =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
            let (n, skipped) =
                export::acled_csv(&events, &mut out, i64::try_from(now).unwrap_or(0), &|c| backend.admin1_name(c))?;
            if skipped > 0 {
                eprintln!("sitrep: {n} events written; {skipped} left out (ACLED rows need an ACLED type, a place and a date)");
            }
        }
        "plover-json" => {
            let (n, skipped) = export::plover_json(&events, &mut out)?;
            if skipped > 0 {
                eprintln!("sitrep: {n} events written; {skipped} left out (no PLOVER type)");
            }
        }
        "geojson" => {
            serde_json::to_writer(&mut out, &sitrep_server::geojson::events(&events))?;
            writeln!(out)?;
        }
        _ => {
            let controls = backend.control_observations(args.from, args.to)?;
            export::jsonl(&events, &controls, &mut out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
