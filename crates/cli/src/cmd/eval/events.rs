//! `sitrep eval events`: event type, event location and PLOVER scores.

use std::process::ExitCode;

/// `sitrep eval events`: event type, event location and PLOVER scores.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not implemented yet).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub rest: Vec<String>,
}

pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet (issue 6)")
}
