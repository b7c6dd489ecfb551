//! `sitrep geoparse`: find and resolve places in JSONL texts.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use serde_json::Value;
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

/// One input line, read without building a JSON tree: the text is borrowed from the line when it
/// has no escapes. Keys other than `id`, `text` and `spans` are parsed (so that a malformed value
/// is an error, as before) and dropped; a repeated key keeps its last value, as a JSON object does.
struct Line<'a> {
    id: Value,
    text: Option<Cow<'a, str>>,
    spans: Value,
}

/// A string that borrows from the input when it can.
#[derive(serde::Deserialize)]
struct Text<'a>(#[serde(borrow)] Cow<'a, str>);

impl<'de> serde::Deserialize<'de> for Line<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Line<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Line<'de>, A::Error> {
                let mut line = Line { id: Value::Null, text: None, spans: Value::Null };
                while let Some(key) = map.next_key::<Text<'de>>()? {
                    match &*key.0 {
                        "id" => line.id = map.next_value()?,
                        "text" => line.text = Some(map.next_value::<Text<'de>>()?.0),
                        "spans" => line.spans = map.next_value()?,
                        _ => {
                            map.next_value::<Value>()?;
                        }
                    }
                }
                Ok(line)
            }
        }
        d.deserialize_map(V)
    }
}

/// The fast reading of a line; `None` when it is not a JSON object with a string `text` (the
/// caller then takes the general path, which words the error).
fn parse_line(line: &str) -> Option<Line<'_>> {
    if !line.trim_start().starts_with('{') {
        return None;
    }
    serde_json::from_str::<Line>(line).ok().filter(|l| l.text.is_some())
}

/// Writes `v` as serde_json does (the same escaping and number formatting).
fn put<W: Write, T: serde::Serialize + ?Sized>(out: &mut W, v: &T) -> anyhow::Result<()> {
    serde_json::to_writer(out, v)?;
    Ok(())
}

/// One place object, keys in the order serde_json's sorted map gives them (as before: same bytes).
fn write_place<W: Write>(
    out: &mut W,
    text: &str,
    span: Span,
    p: Option<&Place>,
    role: Option<&str>,
) -> anyhow::Result<()> {
    out.write_all(b"{\"admin1\":")?;
    put(out, &p.and_then(|p| p.admin1.as_deref()))?;
    out.write_all(b",\"country\":")?;
    put(out, &p.and_then(|p| p.country.as_deref()))?;
    out.write_all(b",\"end\":")?;
    put(out, &span.end)?;
    out.write_all(b",\"feature_code\":")?;
    put(out, &p.map(|p| p.feature_code.as_str()))?;
    out.write_all(b",\"geonameid\":")?;
    put(out, &p.and_then(|p| (p.geonameid > 0).then_some(p.geonameid)))?;
    out.write_all(b",\"lat\":")?;
    put(out, &p.map(|p| p.lat))?;
    out.write_all(b",\"lon\":")?;
    put(out, &p.map(|p| p.lon))?;
    out.write_all(b",\"name\":")?;
    put(out, &p.map(|p| p.name.as_str()))?;
    if let Some(r) = role {
        out.write_all(b",\"role\":")?;
        put(out, r)?;
    }
    out.write_all(b",\"start\":")?;
    put(out, &span.start)?;
    out.write_all(b",\"text\":")?;
    put(out, &text.get(span.start..span.end))?;
    out.write_all(b"}")?;
    Ok(())
}

fn spans_of(v: &Value) -> Vec<Span> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| {
                    let s = s.as_array()?;
                    Some(Span::new(s.first()?.as_u64()? as usize, s.get(1)?.as_u64()? as usize))
                })
                .collect()
        })
        .unwrap_or_default()
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let g = load_geoparser(args.gazetteer.as_ref(), args.alternate_names.as_ref())?;
    let mut reader: Box<dyn BufRead> = match &args.input {
        Some(p) if p.as_os_str() != "-" => Box::new(BufReader::with_capacity(
            1 << 16,
            std::fs::File::open(p).with_context(|| format!("opening {}", p.display()))?,
        )),
        _ => Box::new(BufReader::with_capacity(1 << 16, std::io::stdin())),
    };
    let name = args.input.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "<stdin>".into());
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut errors = 0usize;
    let mut buf = String::new();
    let mut n = 0usize;
    loop {
        buf.clear();
        if reader.read_line(&mut buf).with_context(|| format!("reading {name}"))? == 0 {
            break;
        }
        n += 1;
        // as `BufRead::lines`: without the line ending
        let line = buf.strip_suffix('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).unwrap_or(&buf);
        if line.trim().is_empty() {
            continue;
        }
        let fast = parse_line(line);
        let slow: Value;
        let (id, text, spans): (&Value, &str, &Value) = match &fast {
            Some(l) => (&l.id, l.text.as_deref().unwrap_or(""), &l.spans),
            None => {
                slow = match serde_json::from_str(line) {
                    Ok(v) => v,
                    Err(e) => {
                        eprintln!("sitrep: {name}:{n}: not JSON: {e}");
                        errors += 1;
                        continue;
                    }
                };
                let Some(text) = slow.get("text").and_then(Value::as_str) else {
                    eprintln!("sitrep: {name}:{n}: no \"text\" string");
                    errors += 1;
                    continue;
                };
                (slow.get("id").unwrap_or(&Value::Null), text, slow.get("spans").unwrap_or(&Value::Null))
            }
        };
        out.write_all(b"{\"id\":")?;
        put(&mut out, id)?;
        out.write_all(b",\"places\":[")?;
        if args.spans {
            let spans = spans_of(spans);
            let res = g.resolve_spans(text, &spans);
            for (k, (s, p)) in spans.iter().zip(res.iter()).enumerate() {
                if k > 0 {
                    out.write_all(b",")?;
                }
                write_place(&mut out, text, *s, p.as_ref(), None)?;
            }
        } else {
            for (k, m) in g.parse(text).iter().enumerate() {
                let role = match m.role {
                    sitrep_core::places::PlaceRole::Literal => "literal",
                    sitrep_core::places::PlaceRole::Demonym => "demonym",
                    sitrep_core::places::PlaceRole::Metonym => "metonym",
                };
                if k > 0 {
                    out.write_all(b",")?;
                }
                write_place(&mut out, text, m.span, m.place.as_ref(), Some(role))?;
            }
        }
        out.write_all(b"]}\n")?;
    }
    out.flush()?;
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
