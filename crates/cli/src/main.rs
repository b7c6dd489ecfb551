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
    Geoparse(cmd::geoparse::Args),
    Ingest(cmd::ingest::Args),
    Reprocess(cmd::reprocess::Args),
    Events(cmd::events::Args),
    Control(cmd::control::Args),
    History(cmd::history::Args),
    Serve(cmd::serve::Args),
    Summary(cmd::summary::Args),
    Export(cmd::export::Args),
    Eval(cmd::eval::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Geoparse(a) => cmd::geoparse::run(a),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Reprocess(a) => cmd::reprocess::run(a),
        Command::Events(a) => cmd::events::run(a),
        Command::Control(a) => cmd::control::run(a),
        Command::History(a) => cmd::history::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Summary(a) => cmd::summary::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Eval(a) => cmd::eval::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sitrep: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
