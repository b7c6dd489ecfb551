//! `sitrep events`: query stored (de-duplicated) events. Also the helpers the store commands
//! share: the `--db` option, bbox parsing and output.

use super::input::parse_day;
use chrono::NaiveDate;
use serde_json::{json, Value};
use sitrep_core::record::Modality;
use sitrep_store::{EventQuery, Store};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

/// The database option of every store command.
#[derive(clap::Args, Debug, Clone)]
pub struct DbArg {
    /// Database: a SQLite file (created if missing) or postgres://user@host/dbname.
    #[arg(long, value_name = "URL", default_value = "sitrep.db")]
    pub db: String,
}

impl DbArg {
    pub fn open(&self) -> anyhow::Result<Store> {
        Store::open(&self.db).map_err(|e| anyhow::anyhow!("cannot open database {}: {e}", self.db))
    }
}

/// Output formats of the query commands.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON record per line (schema v1 plus the store's fields).
    Jsonl,
    /// One GeoJSON FeatureCollection.
    Geojson,
}

/// `minlon,minlat,maxlon,maxlat`.
pub fn parse_bbox(s: &str) -> Result<[f64; 4], String> {
    let v: Vec<f64> =
        s.split(',').map(|x| x.trim().parse::<f64>()).collect::<Result<_, _>>().map_err(|_| bad_bbox(s))?;
    match v.as_slice() {
        [a, b, c, d] if v.iter().all(|x| x.is_finite()) && a <= c && b <= d => Ok([*a, *b, *c, *d]),
        _ => Err(bad_bbox(s)),
    }
}

fn bad_bbox(s: &str) -> String {
    format!("{s:?} is not a box like 35.5,32.0,42.5,37.5 (minlon,minlat,maxlon,maxlat)")
}

fn parse_modality(s: &str) -> Result<Modality, String> {
    Modality::parse(&s.trim().to_lowercase()).ok_or_else(|| {
        let names: Vec<&str> = Modality::ALL.iter().map(|m| m.as_str()).collect();
        format!("unknown modality {s:?}; expected one of {}", names.join(", "))
    })
}

/// Writes JSON values one per line, or as a FeatureCollection; a closed pipe is not an error.
pub fn write_out(values: impl IntoIterator<Item = Value>, geojson: bool) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let res = (|| -> std::io::Result<()> {
        if geojson {
            let features: Vec<Value> = values.into_iter().collect();
            serde_json::to_writer(&mut out, &json!({"type": "FeatureCollection", "features": features}))?;
            out.write_all(b"\n")?;
        } else {
            for v in values {
                serde_json::to_writer(&mut out, &v)?;
                out.write_all(b"\n")?;
            }
        }
        out.flush()
    })();
    match res {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// Query stored events: de-duplicated across reports, each with every mention (source, evidence).
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  sitrep events --from 2017-11-01 --to 2017-11-30 --type Battles\n  sitrep events --bbox 35.5,32.0,42.5,37.5 --format geojson > events.geojson\n  sitrep events --text \"car bomb\" --modality asserted,reported"
)]
pub struct Args {
    #[command(flatten)]
    pub db: DbArg,
    /// Events on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub from: Option<NaiveDate>,
    /// Events on or before this day.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub to: Option<NaiveDate>,
    /// Events inside minlon,minlat,maxlon,maxlat.
    #[arg(long, value_name = "BOX", value_parser = parse_bbox, allow_hyphen_values = true)]
    pub bbox: Option<[f64; 4]>,
    /// ACLED event or sub-event type, or PLOVER code (repeat or comma-separate; any matches).
    #[arg(long = "type", value_name = "TYPE", value_delimiter = ',')]
    pub types: Vec<String>,
    /// Part of an actor's name or id, in any role.
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// asserted, claimed, reported, disputed, planned, forecast, hypothetical, negated.
    #[arg(long, value_name = "MODALITY", value_delimiter = ',', value_parser = parse_modality)]
    pub modality: Vec<Modality>,
    /// Full-text search: every word must occur in the evidence of one of the event's mentions.
    #[arg(long, value_name = "QUERY")]
    pub text: Option<String>,
    /// At most this many events.
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: Format,
}

/// A GeoJSON feature of an event (events without coordinates have a null geometry).
pub fn event_feature(e: &sitrep_store::StoredEvent) -> Value {
    let geometry = e.event.place.as_ref().map(|p| json!({"type": "Point", "coordinates": [p.lon, p.lat]}));
    let mut props = e.to_json();
    if let Value::Object(m) = &mut props {
        m.remove("record");
    }
    json!({"type": "Feature", "id": e.id, "geometry": geometry, "properties": props})
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut store = args.db.open()?;
    let q = EventQuery {
        from: args.from,
        to: args.to,
        bbox: args.bbox,
        types: args.types,
        actor: args.actor,
        modality: args.modality,
        text: args.text,
        limit: args.limit,
    };
    let events = store.events(&q)?;
    match args.format {
        Format::Jsonl => write_out(events.iter().map(|e| e.to_json()), false),
        Format::Geojson => write_out(events.iter().map(event_feature), true),
    }
}
