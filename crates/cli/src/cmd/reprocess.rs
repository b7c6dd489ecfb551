//! `sitrep reprocess`: re-extract stored reports after lexicon or gazetteer changes.

use std::process::ExitCode;

/// `sitrep reprocess`: re-extract stored reports after lexicon or gazetteer changes.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not implemented yet).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub rest: Vec<String>,
}

pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet (issue 7)")
}
