//! The `sitrep` binary: a thin shell over the library crates. Each subcommand lives in `cmd/`.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "sitrep",
    version,
    about = "Turn dated conflict reports into a sourced situation picture: places, actors, times, events and territorial control.",
    after_help = "Examples:\n  sitrep extract examples/reports/ --pretty\n  cat reports.jsonl | sitrep extract - > records.jsonl\n\nPlace data: GeoNames (CC BY 4.0)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Extract(cmd::extract::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sitrep: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
