//! `sitrep eval fakes`: publication-date and main-location accuracy on FA-KES articles.

use std::process::ExitCode;

/// `sitrep eval fakes`: publication-date and main-location accuracy on FA-KES articles.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not implemented yet).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub rest: Vec<String>,
}

pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet (issue 5)")
}
