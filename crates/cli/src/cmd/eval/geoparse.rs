//! `sitrep eval geoparse`: toponym detection and resolution scores.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use serde::Deserialize;
use sitrep_core::places::{distance_km, Geoparser};
use sitrep_core::Span;

/// `sitrep eval geoparse`: toponym detection and resolution scores.
///
/// Reads geoparse-dev.jsonl (GeoWebNews and TR-News with gold toponyms, see ../shared/eval/README.md)
/// and prints, per corpus: detection P/R/F1 with exact and overlapping spans (GWN per type group),
/// and resolution (exact GeoNames id, Acc@161km, median km) end-to-end and given the gold spans,
/// next to Mordecai 3's published figures.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The evaluation file.
    #[arg(value_name = "FILE", default_value = "../shared/eval/geoparse-dev.jsonl")]
    pub file: PathBuf,

    /// Also load a GeoNames dump (as `sitrep geoparse --gazetteer`).
    #[arg(long, value_name = "PATH")]
    pub gazetteer: Option<PathBuf>,

    /// Print each resolution error in the gold-span mode (corpus, doc, text, gold, predicted, km): a wrong
    /// GeoNames id, or for a gold point without an id, more than 161 km off.
    #[arg(long)]
    pub errors: bool,

    /// Print each detection error (false positives and misses) with its GWN type.
    #[arg(long)]
    pub detection_errors: bool,

    /// Break the gold-span resolution results down by the gold place's level and feature code:
    /// right, wrong choice, unresolved, or a GeoNames id the gazetteer does not have.
    #[arg(long)]
    pub breakdown: bool,
}

/// What happened to one gold GeoNames id in the gold-span mode.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Outcome {
    Exact,
    /// The gold place is in the gazetteer; another one was chosen.
    Wrong,
    /// The gold place is in the gazetteer; the span got no place.
    Unresolved,
    /// The gazetteer does not have the gold id.
    Missing,
}

/// Per-corpus tallies for `--breakdown`.
#[derive(Default)]
struct Breakdown {
    /// (level, feature code) → outcome → count
    by_code: BTreeMap<(&'static str, String), BTreeMap<Outcome, usize>>,
    /// wrong choices: (gold level, predicted level, same country) → count
    confusions: BTreeMap<(&'static str, &'static str, bool), usize>,
    /// wrong choices: the predicted place within 161 km of the gold point
    wrong_near: usize,
}

/// The level of a place from its GeoNames feature code.
fn level(fcode: &str) -> &'static str {
    match fcode {
        "PCLI" | "PCLD" | "PCLF" | "PCLS" | "PCLIX" | "PCL" | "TERR" => "country",
        "CONT" | "RGN" | "RGNE" | "AREA" | "PEN" | "ZN" => "region",
        "ADM1" | "ADM1H" => "admin-1",
        "ADM2" | "ADM3" | "ADM4" | "ADM5" | "ADMD" | "ADM2H" | "ADM3H" => "admin-2+",
        c if c.starts_with("PPL") => "populated place",
        "OCN" | "SEA" | "GULF" | "BAY" | "STRT" | "CHN" => "sea",
        c if c.starts_with("STM") || c.starts_with("LK") || c == "RSV" => "river, lake",
        "" => "unknown",
        _ => "other feature",
    }
}

impl Breakdown {
    fn print(&self, corpus: &str) {
        let mut lv: BTreeMap<&'static str, BTreeMap<Outcome, usize>> = BTreeMap::new();
        for ((l, _), m) in &self.by_code {
            for (o, n) in m {
                *lv.entry(l).or_default().entry(*o).or_default() += n;
            }
        }
        let row = |label: &str, m: &BTreeMap<Outcome, usize>| {
            let get = |o| m.get(&o).copied().unwrap_or(0);
            let n: usize = m.values().sum();
            let covered = n - get(Outcome::Missing);
            println!(
                "    {:32} {:5}  exact {:5}  wrong {:4}  unresolved {:4}  missing {:4}  exact/covered {:5.1}%",
                label,
                n,
                get(Outcome::Exact),
                get(Outcome::Wrong),
                get(Outcome::Unresolved),
                get(Outcome::Missing),
                100.0 * ratio(get(Outcome::Exact), covered)
            );
        };
        println!(
            "  {corpus} gold spans by the gold place's level (feature code from the gazetteer, else the gold file)"
        );
        let mut all: BTreeMap<Outcome, usize> = BTreeMap::new();
        for (l, m) in &lv {
            row(l, m);
            for (o, n) in m {
                *all.entry(*o).or_default() += n;
            }
        }
        row("all", &all);
        println!("  {corpus} by feature code (10 or more gold ids, or any wrong choice)");
        for ((l, code), m) in &self.by_code {
            let n: usize = m.values().sum();
            if n >= 10 || m.contains_key(&Outcome::Wrong) {
                row(&format!("{l} {code}"), m);
            }
        }
        println!("  {corpus} wrong choices: gold level -> chosen level (same country / other country)");
        let mut keys: Vec<(&'static str, &'static str)> = self.confusions.keys().map(|k| (k.0, k.1)).collect();
        keys.dedup();
        for (a, b) in keys {
            let same = self.confusions.get(&(a, b, true)).copied().unwrap_or(0);
            let other = self.confusions.get(&(a, b, false)).copied().unwrap_or(0);
            println!("    {a:16} -> {b:16} {same:4} / {other:4}");
        }
        println!("    (of all wrong choices, {} within 161 km of the gold point)", self.wrong_near);
    }
}

#[derive(Deserialize)]
struct Doc {
    id: String,
    corpus: String,
    text: String,
    toponyms: Vec<Gold>,
}

#[derive(Deserialize)]
struct Gold {
    start: usize,
    end: usize,
    text: String,
    #[serde(rename = "type")]
    kind: Option<String>,
    geonameid: Option<i64>,
    lat: Option<f64>,
    lon: Option<f64>,
    /// GeoNames feature code of the gold place (TR-News only).
    feature_code: Option<String>,
}

fn group(corpus: &str, kind: Option<&str>) -> &'static str {
    if corpus != "GWN" {
        return "toponym";
    }
    match kind.unwrap_or("") {
        "Literal" | "Mixed" | "Coercion" | "Embedded_Literal" | "Literal_Modifier" => "literal",
        "Metonymic" | "Non_Literal_Modifier" | "Demonym" | "Language" | "Embedded_Non_Lit" => "associative",
        "Homonym" | "Non_Toponym" => "not-place",
        _ => "expression",
    }
}

#[derive(Default)]
struct Prf {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Prf {
    fn p(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn r(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Default)]
struct Res {
    n_id: usize,
    exact: usize,
    errs_km: Vec<f64>,
}

impl Res {
    fn add(&mut self, gold: &Gold, pred: Option<(i64, f64, f64)>) {
        if let Some(gid) = gold.geonameid {
            self.n_id += 1;
            if pred.is_some_and(|p| p.0 == gid) {
                self.exact += 1;
            }
        }
        if let (Some(la), Some(lo)) = (gold.lat, gold.lon) {
            let km = match pred {
                // The same GeoNames id is the same place: our points for countries and regions come
                // from other sources than GeoNames' own (see data/gazetteer/SOURCES.md).
                Some((id, _, _)) if Some(id) == gold.geonameid => 0.0,
                Some((_, pla, plo)) => distance_km(la, lo, pla, plo),
                None => 20_038.0,
            };
            self.errs_km.push(km);
        }
    }
    fn line(&self) -> String {
        let mut e = self.errs_km.clone();
        e.sort_by(|a, b| a.total_cmp(b));
        let med = if e.is_empty() { 0.0 } else { e[e.len() / 2] };
        let acc161 = ratio(e.iter().filter(|&&k| k <= 161.0).count(), e.len());
        format!(
            "exact id {:5.1}% (n={:4})   Acc@161km {:5.1}% (n={:4})   median {:7.1} km",
            100.0 * ratio(self.exact, self.n_id),
            self.n_id,
            100.0 * acc161,
            e.len(),
            med
        )
    }
}

/// One-to-one matching of predicted and gold spans: exact equality, or any overlap.
fn match_spans(pred: &[Span], gold: &[Span], exact: bool) -> Vec<Option<usize>> {
    let mut used = vec![false; gold.len()];
    let mut out = vec![None; pred.len()];
    for (i, p) in pred.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            if used[j] {
                continue;
            }
            let ok = if exact { p == g } else { p.overlaps(*g) };
            if ok {
                used[j] = true;
                out[i] = Some(j);
                break;
            }
        }
    }
    out
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let t0 = std::time::Instant::now();
    let g: Geoparser = super::super::geoparse::load_geoparser(args.gazetteer.as_ref(), None)?;
    let load = t0.elapsed();
    let f = std::fs::File::open(&args.file).with_context(|| format!("opening {}", args.file.display()))?;
    let mut docs: Vec<Doc> = Vec::new();
    for (n, line) in BufReader::new(f).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        docs.push(serde_json::from_str(&line).with_context(|| format!("{}:{}", args.file.display(), n + 1))?);
    }
    // corpus → group → (exact, overlap)
    let mut det: BTreeMap<(String, &'static str), (Prf, Prf)> = BTreeMap::new();
    let mut e2e: BTreeMap<String, Res> = BTreeMap::new();
    let mut given: BTreeMap<String, Res> = BTreeMap::new();
    let mut breakdown: BTreeMap<String, Breakdown> = BTreeMap::new();
    let mut bytes = 0usize;
    let t1 = std::time::Instant::now();
    let mut parse_time = std::time::Duration::ZERO;
    for d in &docs {
        bytes += d.text.len();
        let tp = std::time::Instant::now();
        let mentions = g.parse(&d.text);
        parse_time += tp.elapsed();
        let pred: Vec<Span> = mentions.iter().map(|m| m.span).collect();
        let groups: Vec<&'static str> =
            if d.corpus == "GWN" { vec!["literal", "associative", "literal+associative"] } else { vec!["toponym"] };
        for grp in groups {
            let in_group = |t: &Gold| {
                let gg = group(&d.corpus, t.kind.as_deref());
                match grp {
                    "literal+associative" => gg == "literal" || gg == "associative",
                    _ => gg == grp,
                }
            };
            let other_toponym = |t: &Gold| {
                let gg = group(&d.corpus, t.kind.as_deref());
                (gg == "literal" || gg == "associative") && !in_group(t)
            };
            let gold: Vec<Span> =
                d.toponyms.iter().filter(|t| in_group(t)).map(|t| Span::new(t.start, t.end)).collect();
            let other: Vec<Span> =
                d.toponyms.iter().filter(|t| other_toponym(t)).map(|t| Span::new(t.start, t.end)).collect();
            let entry = det.entry((d.corpus.clone(), grp)).or_default();
            for (exact, prf) in [(true, &mut entry.0), (false, &mut entry.1)] {
                let m = match_spans(&pred, &gold, exact);
                let tp = m.iter().filter(|x| x.is_some()).count();
                // predictions on toponyms of the other group are neither right nor wrong here
                let ignored = pred
                    .iter()
                    .zip(m.iter())
                    .filter(|(p, x)| x.is_none() && other.iter().any(|o| o.overlaps(**p)))
                    .count();
                prf.tp += tp;
                prf.fp += pred.len() - tp - ignored;
                prf.fn_ += gold.len() - tp;
            }
        }
        if args.detection_errors {
            let all: Vec<Span> = d
                .toponyms
                .iter()
                .filter(|t| matches!(group(&d.corpus, t.kind.as_deref()), "literal" | "associative" | "toponym"))
                .map(|t| Span::new(t.start, t.end))
                .collect();
            let m = match_spans(&pred, &all, false);
            for (p, x) in pred.iter().zip(m.iter()) {
                if x.is_none() {
                    let gk =
                        d.toponyms.iter().find(|t| Span::new(t.start, t.end).overlaps(*p)).and_then(|t| t.kind.clone());
                    println!(
                        "FP\t{}\t{}\t{:?}\t{}",
                        d.corpus,
                        d.id,
                        d.text.get(p.start..p.end).unwrap_or(""),
                        gk.unwrap_or_default()
                    );
                }
            }
            let hit: Vec<bool> = (0..all.len()).map(|j| m.contains(&Some(j))).collect();
            for (j, s) in all.iter().enumerate() {
                if !hit[j] {
                    println!("FN\t{}\t{}\t{:?}", d.corpus, d.id, d.text.get(s.start..s.end).unwrap_or(""));
                }
            }
        }
        // Resolution end-to-end: gold toponyms with an id or coordinates that were detected.
        let resolvable: Vec<&Gold> =
            d.toponyms.iter().filter(|t| t.geonameid.is_some() || (t.lat.is_some() && t.lon.is_some())).collect();
        let rs: Vec<Span> = resolvable.iter().map(|t| Span::new(t.start, t.end)).collect();
        let m = match_spans(&pred, &rs, false);
        let res = e2e.entry(d.corpus.clone()).or_default();
        for (i, x) in m.iter().enumerate() {
            if let Some(j) = x {
                let p = mentions[i].place.as_ref().map(|p| (p.geonameid, p.lat, p.lon));
                res.add(resolvable[*j], p);
            }
        }
        // Given gold spans.
        let places = g.resolve_spans(&d.text, &rs);
        let res = given.entry(d.corpus.clone()).or_default();
        for (t, p) in resolvable.iter().zip(places.iter()) {
            let pp = p.as_ref().map(|p| (p.geonameid, p.lat, p.lon));
            res.add(t, pp);
            if let (true, Some(gid)) = (args.breakdown, t.geonameid) {
                let gold_place = g.get(gid);
                let code = match &gold_place {
                    Some(gp) => gp.feature_code.clone(),
                    None => t.feature_code.clone().unwrap_or_default(),
                };
                let outcome = match (&gold_place, p) {
                    (None, _) => Outcome::Missing,
                    (Some(_), None) => Outcome::Unresolved,
                    (Some(_), Some(pr)) if pr.geonameid == gid => Outcome::Exact,
                    (Some(_), Some(_)) => Outcome::Wrong,
                };
                let b = breakdown.entry(d.corpus.clone()).or_default();
                *b.by_code.entry((level(&code), code.clone())).or_default().entry(outcome).or_default() += 1;
                if let (Outcome::Wrong, Some(gp), Some(pr)) = (outcome, &gold_place, p) {
                    let same = gp.country == pr.country;
                    // an approximate place (a name the gazetteer lacks, placed near a town) has no id
                    let chosen = if pr.geonameid == 0 { "approximate" } else { level(&pr.feature_code) };
                    *b.confusions.entry((level(&code), chosen, same)).or_default() += 1;
                    if let (Some(la), Some(lo)) = (t.lat, t.lon) {
                        if distance_km(la, lo, pr.lat, pr.lon) <= 161.0 {
                            b.wrong_near += 1;
                        }
                    }
                }
            }
            let km = match (pp, t.lat, t.lon) {
                (Some((_, a, b)), Some(la), Some(lo)) => distance_km(la, lo, a, b),
                _ => f64::NAN,
            };
            // a wrong id, or (for a gold point without an id) more than 161 km off
            let wrong = match t.geonameid {
                Some(gid) => pp.map(|x| x.0) != Some(gid),
                None => km.is_nan() || km > 161.0,
            };
            if args.errors && wrong {
                let gold = match t.geonameid {
                    Some(gid) if g.get(gid).is_none() => format!("{gid} (missing)"),
                    Some(gid) => gid.to_string(),
                    None => "no id".to_string(),
                };
                println!(
                    "ERR\t{}\t{}\t{:?}\tgold {}\tpred {}\t{:.0} km",
                    d.corpus,
                    d.id,
                    t.text,
                    gold,
                    p.as_ref()
                        .map(|p| format!(
                            "{} {} {} {}",
                            p.geonameid,
                            p.name,
                            p.feature_code,
                            p.country.clone().unwrap_or_default()
                        ))
                        .unwrap_or_else(|| "none".into()),
                    km
                );
            }
        }
    }
    let total = t1.elapsed();
    println!("sitrep eval geoparse {} ({} docs)", args.file.display(), docs.len());
    println!("Place data: GeoNames (CC BY 4.0). Gazetteer: {} places, loaded in {:.2?}.", g.gazetteer().len(), load);
    println!();
    println!("Detection (P / R / F1; exact spans | overlapping spans)");
    for ((corpus, grp), (ex, ov)) in &det {
        println!(
            "  {:8} {:20} exact {:5.1} / {:5.1} / {:5.1}   overlap {:5.1} / {:5.1} / {:5.1}   (gold {})",
            corpus,
            grp,
            100.0 * ex.p(),
            100.0 * ex.r(),
            100.0 * ex.f(),
            100.0 * ov.p(),
            100.0 * ov.r(),
            100.0 * ov.f(),
            ex.tp + ex.fn_
        );
    }
    println!("  (spaCy en_core_web_md on this machine, GPE+LOC+FAC: GWN literal+associative F1 64 exact / 71 overlap;");
    println!("   TR-News 76 / 81)");
    println!();
    println!("Resolution");
    for (corpus, r) in &e2e {
        println!("  {:8} end-to-end   {}", corpus, r.line());
    }
    for (corpus, r) in &given {
        println!("  {:8} gold spans   {}", corpus, r.line());
    }
    println!("  (Acc@161km and km: an exact GeoNames id counts as 0 km; unresolved as 20,038 km)");
    println!("  Mordecai 3 (published, gold spans tagged GPE/LOC by spaCy, its own 30% test slice):");
    println!("           GWN 90.1% exact / 94.1% Acc@161km;  TR-News 84.3% / 87.3%");
    if args.breakdown {
        println!();
        println!("Resolution given gold spans, broken down");
        for (corpus, b) in &breakdown {
            b.print(corpus);
        }
    }
    println!();
    println!(
        "Speed: {:.1} MB in {:.2?} of parsing ({:.1} MB/s, {:.0} docs/s); whole run {:.2?}",
        bytes as f64 / 1e6,
        parse_time,
        bytes as f64 / 1e6 / parse_time.as_secs_f64().max(1e-9),
        docs.len() as f64 / parse_time.as_secs_f64().max(1e-9),
        total
    );
    Ok(ExitCode::SUCCESS)
}
