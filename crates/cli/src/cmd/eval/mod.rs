//! `sitrep eval …`: accuracy on the development sets in ../shared/eval (read at run time).

pub mod actors;
pub mod events;
pub mod fakes;
pub mod geoparse;

use std::process::ExitCode;

/// Measure accuracy on an evaluation set and print the scores.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub which: Which,
}

#[derive(clap::Subcommand, Debug)]
pub enum Which {
    /// Toponym detection and resolution (geoparse-dev.jsonl).
    Geoparse(geoparse::Args),
    /// Event type, event location and PLOVER event accuracy.
    Events(events::Args),
    /// Actor country and sector accuracy (plover-dev.jsonl).
    Actors(actors::Args),
    /// Publication date and main location (fakes-dev.jsonl).
    Fakes(fakes::Args),
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.which {
        Which::Geoparse(a) => geoparse::run(a),
        Which::Events(a) => events::run(a),
        Which::Actors(a) => actors::run(a),
        Which::Fakes(a) => fakes::run(a),
    }
}
