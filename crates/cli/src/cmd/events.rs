//! `sitrep events`: query stored events.

use std::process::ExitCode;

/// `sitrep events`: query stored events.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not implemented yet).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub rest: Vec<String>,
}

pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet (issue 7)")
}
