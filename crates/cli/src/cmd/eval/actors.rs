//! `sitrep eval actors`: actor country/sector accuracy on PLOVER records.
//!
//! For every gold actor (`source` and `target` of each record, the `DOCUMENT` header skipped) the
//! gold `actorText` is located in the record text, and the tagger's mention overlapping it most
//! is compared with the gold `code` (country, or IGO/NGO) and `sector` (first three letters, when
//! the gold has one and it is not `***`). A gold actor with no overlapping mention counts as wrong.

use anyhow::Context;
use serde_json::Value;
use sitrep_core::actors::{ActorMention, ActorTagger, SECTORS};
use sitrep_core::text::Doc;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

/// `sitrep eval actors`: actor country/sector accuracy on PLOVER records.
#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  sitrep eval actors ../shared/eval/plover-dev.jsonl --errors")]
pub struct Args {
    /// PLOVER gold records (JSON Lines).
    #[arg(default_value = "../shared/eval/plover-dev.jsonl")]
    pub path: PathBuf,

    /// Also print every gold actor the tagger got wrong.
    #[arg(long)]
    pub errors: bool,
}

#[derive(Default)]
struct Tally {
    gold: usize,
    located: usize,
    detected: usize,
    country_ok: usize,
    sector_n: usize,
    sector_detected: usize,
    sector_ok: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.gold += o.gold;
        self.located += o.located;
        self.detected += o.detected;
        self.country_ok += o.country_ok;
        self.sector_n += o.sector_n;
        self.sector_detected += o.sector_detected;
        self.sector_ok += o.sector_ok;
    }
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "   -  ".to_string()
    } else {
        format!("{:5.1}%", 100.0 * a as f64 / b as f64)
    }
}

/// CAMEO country codes that differ from ISO 3166-1 alpha-3.
fn cameo_to_iso(code: &str) -> &str {
    match code {
        "JAP" => "JPN",
        "ROM" => "ROU",
        "GMY" => "DEU",
        "UKG" => "GBR",
        "SER" => "SRB",
        "BUL" => "BGR",
        other => other,
    }
}

/// Find the gold actor text in the record text (exactly, or with spaces normalized).
fn locate(text: &str, actor_text: &str) -> Option<(usize, usize)> {
    let t = actor_text.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(p) = text.find(t) {
        return Some((p, p + t.len()));
    }
    // "Azadliq (Freedom)  opposition coalition": collapse runs of spaces; "Revolutionary United
    // Front (RUF": a prefix of the text is enough.
    let collapsed: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(p) = text.find(&collapsed) {
        return Some((p, p + collapsed.len()));
    }
    // Fall back to the longest word of the gold text that occurs in the text.
    let mut words: Vec<&str> = collapsed.split(' ').filter(|w| w.len() > 2).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.into_iter().find_map(|w| text.find(w).map(|p| (p, p + w.len())))
}

fn best_mention(ms: &[ActorMention], span: (usize, usize)) -> Option<&ActorMention> {
    ms.iter().filter(|m| m.span.start < span.1 && span.0 < m.span.end).max_by_key(|m| {
        let overlap = m.span.end.min(span.1) - m.span.start.max(span.0);
        (overlap, m.actor.sector.is_some(), !m.modifier)
    })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let tagger = ActorTagger::embedded()?;
    let file = std::fs::File::open(&args.path).with_context(|| format!("cannot open {}", args.path.display()))?;
    let mut tallies = [Tally::default(), Tally::default()];
    let mut records = 0usize;
    for (lineno, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}", args.path.display(), lineno + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let rec: Value =
            serde_json::from_str(&line).with_context(|| format!("{}:{}: bad JSON", args.path.display(), lineno + 1))?;
        if rec.get("event").and_then(Value::as_str) == Some("DOCUMENT") {
            continue;
        }
        let Some(text) = rec.get("text").and_then(Value::as_str) else { continue };
        records += 1;
        let doc = Doc::new(text);
        let mentions = tagger.tag(&doc, None);
        for (ri, role) in ["source", "target"].iter().enumerate() {
            let Some(gold) = rec.get(*role).and_then(Value::as_array) else { continue };
            for g in gold {
                let actor_text = g.get("actorText").and_then(Value::as_str).unwrap_or("");
                let code = g.get("code").and_then(Value::as_str).map(cameo_to_iso).unwrap_or("");
                let gold_sector = g
                    .get("sector")
                    .and_then(Value::as_str)
                    .map(|s| s.chars().take(3).collect::<String>().to_ascii_uppercase())
                    .map(|s| if s == "CIV" { "CVL".to_string() } else { s })
                    .filter(|s| SECTORS.contains(&s.as_str()));
                let t = &mut tallies[ri];
                t.gold += 1;
                if gold_sector.is_some() {
                    t.sector_n += 1;
                }
                let span = locate(text, actor_text);
                let m = span.and_then(|s| {
                    t.located += 1;
                    best_mention(&mentions, s)
                });
                let (country_ok, sector_ok) = match m {
                    Some(m) => {
                        t.detected += 1;
                        let sys_country = m.actor.country.as_deref();
                        let sys_sector = m.actor.sector.as_deref();
                        let c_ok = if matches!(code, "IGO" | "NGO") {
                            sys_sector == Some(code) || (sys_country.is_none() && sys_sector == Some(code))
                        } else {
                            sys_country == Some(code)
                        };
                        if gold_sector.is_some() {
                            t.sector_detected += 1;
                        }
                        (c_ok, gold_sector.as_deref().map(|gs| sys_sector == Some(gs)))
                    }
                    None => (false, gold_sector.as_ref().map(|_| false)),
                };
                if country_ok {
                    t.country_ok += 1;
                }
                if sector_ok == Some(true) {
                    t.sector_ok += 1;
                }
                if args.errors && (!country_ok || sector_ok == Some(false)) {
                    let got = m.map_or("no mention".to_string(), |m| {
                        format!(
                            "{:?} → {} [{} {}]",
                            m.span.of(text),
                            m.actor.name,
                            m.actor.country.as_deref().unwrap_or("-"),
                            m.actor.sector.as_deref().unwrap_or("-")
                        )
                    });
                    println!(
                        "{:>4} {role:<6} gold {:?} [{code} {}]  got {got}",
                        rec.get("index").and_then(Value::as_u64).unwrap_or(0),
                        actor_text,
                        gold_sector.as_deref().unwrap_or("-"),
                    );
                }
            }
        }
    }
    let mut all = Tally::default();
    all.add(&tallies[0]);
    all.add(&tallies[1]);
    println!("PLOVER actors: {} ({records} records, DOCUMENT header skipped)", args.path.display());
    println!(
        "{:<8} {:>6} {:>16} {:>22} {:>22} {:>22}",
        "role", "gold", "detected", "country acc", "sector acc", "sector acc | detected"
    );
    for (name, t) in [("source", &tallies[0]), ("target", &tallies[1]), ("all", &all)] {
        println!(
            "{name:<8} {:>6} {:>7} ({}) {:>8} ({:>4}/{:<4}) {:>8} ({:>4}/{:<4}) {:>8} ({:>4}/{:<4})",
            t.gold,
            t.detected,
            pct(t.detected, t.gold),
            pct(t.country_ok, t.gold),
            t.country_ok,
            t.gold,
            pct(t.sector_ok, t.sector_n),
            t.sector_ok,
            t.sector_n,
            pct(t.sector_ok, t.sector_detected),
            t.sector_ok,
            t.sector_detected,
        );
    }
    println!("country acc: gold code (ISO3, or IGO/NGO) equals the mention's country (IGO/NGO: its sector);");
    println!(
        "sector acc: over gold actors with a PLOVER sector (first 3 letters, *** skipped); misses count as wrong."
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_finds_exact_collapsed_and_partial_text() {
        let text = "The Northern Front (NF) said its fighters left.";
        assert_eq!(locate(text, "Northern Front"), Some((4, 18)));
        assert_eq!(locate(text, "Northern  Front"), Some((4, 18)));
        assert_eq!(locate(text, "Northern Front (NF"), Some((4, 22)));
        assert_eq!(locate(text, "fighters of the Front"), Some((33, 41)));
        assert_eq!(locate(text, ""), None);
    }

    #[test]
    fn cameo_codes_map_to_iso() {
        assert_eq!(cameo_to_iso("JAP"), "JPN");
        assert_eq!(cameo_to_iso("SYR"), "SYR");
    }
}
