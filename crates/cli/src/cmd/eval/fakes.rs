//! `sitrep eval fakes`: event-date and main-location accuracy on FA-KES articles.
//!
//! Each record has an article text, the crowd-coded event date and the main location (one of 12
//! Syrian governorates). The articles carry no separate publication date, so the date is read from
//! the text the way a reader would: the dateline at the top (a full date with a year), then the
//! time expressions of the body anchored on it. The main location is the governorate named most
//! often by the geoparser's place mentions (headline and lead count three times), falling back to governorate and
//! city names in the text.

use anyhow::Context;
use chrono::NaiveDate;
use sitrep_core::places::{Geoparser, PlaceRole};
use sitrep_core::text::Doc;
use sitrep_core::time::{self, Tense, TimeMention};
use std::collections::HashMap;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

/// `sitrep eval fakes`: event-date and main-location accuracy on FA-KES articles.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The FA-KES JSONL file (e.g. ../shared/eval/fakes-dev.jsonl).
    pub path: PathBuf,
    /// Print one line per article: gold and predicted date and location.
    #[arg(long)]
    pub verbose: bool,
    /// Only the first N records.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Skip the geoparser (date scores only).
    #[arg(long)]
    pub no_places: bool,
}

/// The 12 governorate labels of FA-KES and names (folded, lower case) that point to them:
/// governorate names in their usual romanizations and the main cities of each.
const GOVERNORATES: &[(&str, &[&str])] = &[
    ("aleppo", &["aleppo", "halab", "manbij", "al-bab", "azaz", "afrin", "jarabulus", "kobani", "ain al-arab"]),
    (
        "damascus",
        &[
            "damascus",
            "dimashq",
            "rif dimashq",
            "douma",
            "ghouta",
            "darayya",
            "daraya",
            "zabadani",
            "jobar",
            "harasta",
            "qaboun",
            "yarmouk",
            "madaya",
            "wadi barada",
            "moadamiyeh",
            "moadamiyet",
            "qudsaya",
            "rankus",
            "jaramana",
        ],
    ),
    (
        "idlib",
        &[
            "idlib",
            "idleb",
            "khan sheikhoun",
            "khan shaykhun",
            "maarat al-numan",
            "maaret al-numan",
            "jisr al-shughour",
            "saraqeb",
            "ariha",
            "kafr nabl",
            "binnish",
        ],
    ),
    (
        "deir ezzor",
        &[
            "deir ezzor",
            "deir ez-zor",
            "deir al-zor",
            "deir el-zour",
            "deir ez zor",
            "dayr az zawr",
            "deir al-zour",
            "deir ezzour",
            "mayadin",
            "albu kamal",
            "abu kamal",
            "bukamal",
        ],
    ),
    ("raqqa", &["raqqa", "raqa", "ar-raqqah", "raqqah", "tabqa", "al-tabqa"]),
    (
        "hasakeh",
        &["hasakeh", "hasaka", "hasakah", "al-hasakah", "hassakeh", "qamishli", "qamishlo", "ras al-ain", "shaddadi"],
    ),
    ("homs", &["homs", "hims", "palmyra", "tadmur", "qusayr", "rastan", "talbiseh", "al-waer", "waer"]),
    ("daraa", &["daraa", "deraa", "dara'a", "dar'a", "bosra", "busra", "nawa", "inkhil"]),
    ("hama", &["hama", "hamah", "salamiyah", "mhardeh", "suran", "kafr zita", "morek", "latamneh"]),
    ("quneitra", &["quneitra", "qunaytirah", "kuneitra", "golan"]),
    ("lattakia", &["lattakia", "latakia", "latakiya", "al-ladhiqiyah", "jableh", "qardaha", "kassab"]),
    ("tartous", &["tartous", "tartus", "tartouss", "baniyas", "banias", "safita"]),
];

fn governorate_of_name(name: &str) -> Option<&'static str> {
    let n = name.to_lowercase();
    let n = n.trim_start_matches("muhafazat ").trim_end_matches(" governorate").trim_end_matches(" province");
    for (label, names) in GOVERNORATES {
        if names.contains(&n) {
            return Some(label);
        }
    }
    None
}

/// The governorate label of a GeoNames admin-1 code of Syria (Rif Dimashq counts as Damascus;
/// As-Suwayda is not one of the 12 labels).
fn governorate_of_admin1(code: &str) -> Option<&'static str> {
    Some(match code {
        "SY.01" => "hasakeh",
        "SY.02" => "lattakia",
        "SY.03" => "quneitra",
        "SY.04" => "raqqa",
        "SY.06" => "daraa",
        "SY.07" => "deir ezzor",
        "SY.08" | "SY.13" => "damascus",
        "SY.09" => "aleppo",
        "SY.10" => "hama",
        "SY.11" => "homs",
        "SY.12" => "idlib",
        "SY.14" => "tartous",
        _ => return None,
    })
}

/// Main location from plain name matching (the fallback): the label named most often.
fn governorate_by_names(text: &str) -> HashMap<&'static str, (usize, usize)> {
    let lower = text.to_lowercase();
    let mut counts: HashMap<&'static str, (usize, usize)> = HashMap::new();
    for (label, names) in GOVERNORATES {
        for n in names.iter() {
            let mut from = 0;
            while let Some(pos) = lower[from..].find(n) {
                let s = from + pos;
                let e = s + n.len();
                let before_ok = lower[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after_ok = lower[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                if before_ok && after_ok {
                    let entry = counts.entry(label).or_insert((0, usize::MAX));
                    entry.0 += 1;
                    entry.1 = entry.1.min(s);
                }
                from = e;
            }
        }
    }
    counts
}

fn best(counts: &HashMap<&'static str, (usize, usize)>) -> Option<&'static str> {
    counts.iter().max_by_key(|(_, &(n, first))| (n, std::cmp::Reverse(first))).map(|(l, _)| *l)
}

/// News puts the main place in the headline and the lead (the inverted pyramid): a place named
/// there counts three times, one in the rest of the body once.
const TITLE_WEIGHT: usize = 3;
const LEAD_WEIGHT: usize = 3;
const LEAD_BYTES: usize = 600;

/// The main location: the governorate with most weighted place mentions, else by names.
fn main_location(g: Option<&Geoparser>, title: &str, text: &str) -> Option<&'static str> {
    let mut counts: HashMap<&'static str, (usize, usize)> = HashMap::new();
    if let Some(g) = g {
        for (weight, offset, t) in [(TITLE_WEIGHT, 0, title), (1, title.len() + 1, text)] {
            for m in g.parse(t) {
                if m.role != PlaceRole::Literal {
                    continue;
                }
                let Some(p) = m.place.as_ref() else { continue };
                if p.country.as_deref() != Some("SY") {
                    continue;
                }
                let label =
                    p.admin1.as_deref().and_then(governorate_of_admin1).or_else(|| governorate_of_name(&p.name));
                if let Some(label) = label {
                    let e = counts.entry(label).or_insert((0, usize::MAX));
                    e.0 += if offset > 0 && m.span.start < LEAD_BYTES { LEAD_WEIGHT } else { weight };
                    e.1 = e.1.min(offset + m.span.start);
                }
            }
        }
    }
    if counts.is_empty() {
        counts = governorate_by_names(&format!("{title}\n{title}\n{text}"));
    }
    best(&counts)
}

/// The event date read from an article: the dateline, then the first day-level, past or ongoing
/// time expression of the body anchored on it (within a month before it); else the dateline.
fn event_date(doc: &Doc) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let Some(dl) = time::dateline(doc, 200) else { return (None, None) };
    let published = dl.start;
    let mentions = time::tag(doc, Some(published));
    let body = mentions.iter().filter(|m| !m.span.overlaps(dl.span)).find(|m: &&TimeMention| {
        m.anchored
            && m.precision == sitrep_core::record::DatePrecision::Day
            && m.days() <= 2
            && m.tense != Tense::Future
            && m.end <= published
            && (published - m.end).num_days() <= 31
    });
    (Some(published), Some(body.map_or(published, |m| m.end)))
}

#[derive(Default)]
struct Score {
    n: usize,
    predicted: usize,
    exact: usize,
    within1: usize,
    month: usize,
}

impl Score {
    fn add(&mut self, gold: NaiveDate, pred: Option<NaiveDate>) {
        self.n += 1;
        let Some(p) = pred else { return };
        self.predicted += 1;
        let diff = (p - gold).num_days().abs();
        self.exact += usize::from(diff == 0);
        self.within1 += usize::from(diff <= 1);
        self.month += usize::from(p.format("%Y-%m").to_string() == gold.format("%Y-%m").to_string());
    }
    fn print(&self, name: &str) {
        let pct = |k: usize| 100.0 * k as f64 / self.n.max(1) as f64;
        println!(
            "  {name:<34} exact {:5.1}%  ±1 day {:5.1}%  same month {:5.1}%  (dated {}/{})",
            pct(self.exact),
            pct(self.within1),
            pct(self.month),
            self.predicted,
            self.n
        );
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let file = std::fs::File::open(&args.path).with_context(|| format!("cannot open {}", args.path.display()))?;
    let geoparser = if args.no_places { None } else { Some(Geoparser::embedded().context("loading the gazetteer")?) };
    let mut dateline_score = Score::default();
    let mut body_score = Score::default();
    let (mut loc_n, mut loc_predicted, mut loc_ok) = (0usize, 0usize, 0usize);
    let mut per_label: HashMap<String, (usize, usize)> = HashMap::new();
    for (lineno, line) in std::io::BufReader::new(file).lines().enumerate() {
        if args.limit.is_some_and(|l| lineno >= l) {
            break;
        }
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not a JSON object", args.path.display(), lineno + 1))?;
        let text = v["text"].as_str().unwrap_or("");
        let title = v["title"].as_str().unwrap_or("");
        let gold_date = v["date"].as_str().and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
        let gold_loc = v["location"].as_str().map(|s| s.to_lowercase());
        let doc = Doc::new(text);
        let (dl, body) = event_date(&doc);
        if let Some(g) = gold_date {
            dateline_score.add(g, dl);
            body_score.add(g, body);
        }
        let loc = if args.no_places && geoparser.is_none() {
            best(&governorate_by_names(&format!("{title}\n{title}\n{text}")))
        } else {
            main_location(geoparser.as_ref(), title, text)
        };
        if let Some(gl) = &gold_loc {
            loc_n += 1;
            loc_predicted += usize::from(loc.is_some());
            let ok = loc == Some(gl.as_str());
            loc_ok += usize::from(ok);
            let e = per_label.entry(gl.clone()).or_default();
            e.0 += 1;
            e.1 += usize::from(ok);
        }
        if args.verbose {
            let show = |d: Option<NaiveDate>| d.map_or("-".to_string(), |d| d.to_string());
            println!(
                "{}\tgold {} {}\tdateline {}\tevent {}\tloc {}",
                v["id"],
                show(gold_date),
                gold_loc.as_deref().unwrap_or("-"),
                show(dl),
                show(body),
                loc.unwrap_or("-")
            );
        }
    }
    println!("FA-KES {}: {} articles", args.path.display(), dateline_score.n);
    println!("event date (gold = crowd-coded event date; the text's dateline is the anchor):");
    dateline_score.print("dateline date");
    body_score.print("first anchored day mention");
    let pct = |k: usize, n: usize| 100.0 * k as f64 / n.max(1) as f64;
    println!(
        "main location (12 governorates{}): accuracy {:.1}% ({loc_ok}/{loc_n}; predicted for {loc_predicted})",
        if args.no_places { ", names only" } else { ", geoparser" },
        pct(loc_ok, loc_n)
    );
    let mut labels: Vec<_> = per_label.into_iter().collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.1 .0));
    let parts: Vec<String> = labels.iter().map(|(l, (n, ok))| format!("{l} {ok}/{n}")).collect();
    println!("  per governorate: {}", parts.join(", "));
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn governorate_names_normalize() {
        assert_eq!(governorate_of_name("Douma"), Some("damascus"));
        assert_eq!(governorate_of_admin1("SY.09"), Some("aleppo"));
        assert_eq!(governorate_of_admin1("SY.08"), Some("damascus"));
        assert_eq!(governorate_of_admin1("SY.05"), None);
        assert_eq!(best(&governorate_by_names("Shells hit Homs and later Homs again, then Hama.")), Some("homs"));
    }

    #[test]
    fn event_date_reads_the_dateline_and_the_body() {
        let doc = Doc::new("Mon 06 Mar 2017 Jets struck a market on Saturday, activists said.");
        let (dl, body) = event_date(&doc);
        assert_eq!(dl, NaiveDate::from_ymd_opt(2017, 3, 6));
        assert_eq!(body, NaiveDate::from_ymd_opt(2017, 3, 4));
    }

    #[test]
    fn run_scores_a_small_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.jsonl");
        let rows = [
            r#"{"id":0,"title":"Shelling in Homs","text":"Tue 07 Mar 2017 Shells hit Homs on Monday, a monitor said.","date":"2017-03-06","location":"homs"}"#,
            r#"{"id":2,"title":"No date","text":"Jets struck Idlib.","date":"2017-03-06","location":"idlib"}"#,
        ];
        std::fs::write(&path, rows.join("\n")).unwrap();
        let args = Args { path: path.clone(), verbose: true, limit: None, no_places: true };
        assert!(run(args).is_ok());
        let missing = Args { path: dir.path().join("none.jsonl"), verbose: false, limit: None, no_places: true };
        assert!(run(missing).is_err());
    }
}
