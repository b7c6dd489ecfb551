//! `sitrep reprocess`: re-extract stored reports after lexicon or gazetteer changes.

use super::events::DbArg;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sitrep_core::{Extraction, Pipeline};
use std::io::IsTerminal;
use std::process::ExitCode;

/// Re-extract every stored report with this build's lexicons and gazetteer, replacing its events
/// and control observations (merged events and timelines are updated; nothing is duplicated).
/// One transaction per batch: an interrupted run leaves every report either old or new; run it
/// again to finish.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  sitrep reprocess\n  sitrep reprocess --db postgres://me@db/sitrep")]
pub struct Args {
    #[command(flatten)]
    pub db: DbArg,
    /// Reports per transaction.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub batch: u32,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut store = args.db.open()?;
    let pipeline = Pipeline::try_new().map_err(|e| anyhow::anyhow!("{e}"))?;
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        b.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} reports  {per_sec}  {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    });
    let mut failures = 0usize;
    let n = store.reprocess(
        |r| match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.extract(r))) {
            Ok(ex) => ex,
            Err(p) => {
                failures += 1;
                let msg = super::input::panic_message(p.as_ref());
                eprintln!("sitrep: {}: internal error while extracting (a bug, please report it): {msg}", r.id);
                Extraction {
                    warnings: vec![format!("extraction failed (internal error: {msg})")],
                    ..Default::default()
                }
            }
        },
        args.batch as usize,
        |done, total| {
            if let Some(b) = &bar {
                b.set_length(total as u64);
                b.set_position(done as u64);
            }
        },
    )?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let st = store.stats()?;
    eprintln!(
        "sitrep: reprocess: {n} reports re-extracted; now {} events ({} mentions), {} control observations",
        st.events, st.mentions, st.controls
    );
    Ok(if failures > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
