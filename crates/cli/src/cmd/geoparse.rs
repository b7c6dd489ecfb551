//! `sitrep geoparse`: find and resolve places in JSONL texts.

use std::process::ExitCode;

/// `sitrep geoparse`: find and resolve places in JSONL texts.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not implemented yet).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub rest: Vec<String>,
}

pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet (issue 4)")
}
