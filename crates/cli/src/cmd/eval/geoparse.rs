//! `sitrep eval geoparse`: toponym detection and resolution scores.

use std::process::ExitCode;

/// `sitrep eval geoparse`: toponym detection and resolution scores.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not implemented yet).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub rest: Vec<String>,
}

pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet (issue 4)")
}
