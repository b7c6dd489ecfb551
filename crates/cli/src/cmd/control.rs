//! `sitrep control`: territorial control as of a date.

use super::events::{parse_bbox, write_out, DbArg, Format};
use super::input::parse_day;
use chrono::NaiveDate;
use std::process::ExitCode;

/// Who held each place on a date, with status, since when, confidence and the evidence.
///
/// JSON Lines output is one schema-v1 `control` record per place (plus `since`, `until`,
/// `confidence`, `contenders` and every source); GeoJSON output is a FeatureCollection of points.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  sitrep control --as-of 2017-11-03\n  sitrep control --db postgres://me@db/sitrep --as-of 2017-11-03 --format geojson > map.geojson"
)]
pub struct Args {
    #[command(flatten)]
    pub db: DbArg,
    /// The day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub as_of: NaiveDate,
    /// Only places inside minlon,minlat,maxlon,maxlat.
    #[arg(long, value_name = "BOX", value_parser = parse_bbox, allow_hyphen_values = true)]
    pub bbox: Option<[f64; 4]>,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: Format,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut store = args.db.open()?;
    let states = store.control_as_of(args.as_of, args.bbox)?;
    match args.format {
        Format::Jsonl => write_out(states.iter().map(|s| s.to_json()), false),
        Format::Geojson => write_out(states.iter().map(|s| s.to_geojson()), true),
    }
}
