//! `sitrep geoparse`: find and resolve places in JSONL texts.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use serde_json::{json, Value};
use sitrep_core::places::{Gazetteer, Geoparser, Place};
use sitrep_core::Span;

/// `sitrep geoparse`: find and resolve places in JSONL texts.
///
/// Reads `{"id","text"}` lines (from FILE or standard input) and writes
/// `{"id","places":[{"start","end","text","name","geonameid","lat","lon","country","feature_code","admin1","role"}]}`.
/// With `--spans`, reads `{"id","text","spans":[[start,end],…]}` and resolves exactly those spans.
/// Place data: GeoNames (CC BY 4.0).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// JSONL input file; `-` or nothing for standard input.
    #[arg(value_name = "FILE")]
    pub input: Option<PathBuf>,

    /// Resolve the given `spans` of each line instead of detecting names.
    #[arg(long)]
    pub spans: bool,

    /// Also load a GeoNames dump (allCountries.txt or a country file, tab-separated rows).
    #[arg(long, value_name = "PATH")]
    pub gazetteer: Option<PathBuf>,

    /// GeoNames alternateNamesV2.txt to add names to the places of the gazetteer.
    #[arg(long, value_name = "PATH", requires = "gazetteer")]
    pub alternate_names: Option<PathBuf>,
}

/// The geoparser: the embedded gazetteer, extended with `--gazetteer` rows when given.
pub fn load_geoparser(gazetteer: Option<&PathBuf>, alternate_names: Option<&PathBuf>) -> anyhow::Result<Geoparser> {
    let Some(path) = gazetteer else {
        return Ok(Geoparser::embedded()?);
    };
    let mut g = Gazetteer::embedded()?;
    let f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    for (n, line) in BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("reading {}", path.display()))?;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        g.add_geonames_line(&line).map_err(|e| anyhow::anyhow!("{}:{}: {e}", path.display(), n + 1))?;
    }
    if let Some(alt) = alternate_names {
        let f = std::fs::File::open(alt).with_context(|| format!("opening {}", alt.display()))?;
        for line in BufReader::new(f).lines() {
            g.add_alternate_names_line(&line.with_context(|| format!("reading {}", alt.display()))?);
        }
    }
    g.build_index();
    Ok(Geoparser::from_gazetteer(g)?)
}

fn place_json(text: &str, span: Span, p: Option<&Place>, role: Option<&str>) -> Value {
    let mut v = json!({
        "start": span.start, "end": span.end, "text": text.get(span.start..span.end),
        "name": p.map(|p| p.name.as_str()),
        "geonameid": p.and_then(|p| (p.geonameid > 0).then_some(p.geonameid)),
        "lat": p.map(|p| p.lat), "lon": p.map(|p| p.lon),
        "country": p.and_then(|p| p.country.as_deref()),
        "feature_code": p.map(|p| p.feature_code.as_str()),
        "admin1": p.and_then(|p| p.admin1.as_deref()),
    });
    if let Some(r) = role {
        v["role"] = json!(r);
    }
    v
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let g = load_geoparser(args.gazetteer.as_ref(), args.alternate_names.as_ref())?;
    let reader: Box<dyn BufRead> = match &args.input {
        Some(p) if p.as_os_str() != "-" => {
            Box::new(BufReader::new(std::fs::File::open(p).with_context(|| format!("opening {}", p.display()))?))
        }
        _ => Box::new(BufReader::new(std::io::stdin())),
    };
    let name = args.input.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "<stdin>".into());
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut errors = 0usize;
    for (n, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("reading {name}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("sitrep: {name}:{}: not JSON: {e}", n + 1);
                errors += 1;
                continue;
            }
        };
        let Some(text) = v.get("text").and_then(Value::as_str) else {
            eprintln!("sitrep: {name}:{}: no \"text\" string", n + 1);
            errors += 1;
            continue;
        };
        let id = v.get("id").cloned().unwrap_or(Value::Null);
        let places: Vec<Value> = if args.spans {
            let spans: Vec<Span> = v
                .get("spans")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|s| {
                            let s = s.as_array()?;
                            Some(Span::new(s.first()?.as_u64()? as usize, s.get(1)?.as_u64()? as usize))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let res = g.resolve_spans(text, &spans);
            spans.iter().zip(res.iter()).map(|(s, p)| place_json(text, *s, p.as_ref(), None)).collect()
        } else {
            g.parse(text)
                .iter()
                .map(|m| {
                    let role = match m.role {
                        sitrep_core::places::PlaceRole::Literal => "literal",
                        sitrep_core::places::PlaceRole::Demonym => "demonym",
                        sitrep_core::places::PlaceRole::Metonym => "metonym",
                    };
                    place_json(text, m.span, m.place.as_ref(), Some(role))
                })
                .collect()
        };
        serde_json::to_writer(&mut out, &json!({"id": id, "places": places}))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
