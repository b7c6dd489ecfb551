//! `sitrep export`: ACLED CSV, GeoJSON, JSONL and PLOVER exports.

use std::process::ExitCode;

/// `sitrep export`: ACLED CSV, GeoJSON, JSONL and PLOVER exports.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not implemented yet).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub rest: Vec<String>,
}

pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet (issue 8)")
}
