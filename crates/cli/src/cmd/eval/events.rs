//! `sitrep eval events`: event type, event location and PLOVER scores.
//!
//! Three development sets in `../shared/eval` (read at run time):
//!
//! * `event-type-dev.jsonl` (CASE 2021 task 2 snippets): the whole snippet goes through the
//!   pipeline; the predicted label is the ACLED sub-event type of its most specific event (see
//!   [`PRIORITY`]), mapped to the CASE label by [`CASE_LABELS`]. The five CASE labels that are not
//!   ACLED sub-event types have no event in sitrep: DIPLO is predicted for a snippet whose only
//!   events are PLOVER CONSULT/AGREE/COOPERATE/SUPPORT/AID; ORG_CRIME, NATURAL_DISASTER,
//!   MAN_MADE_DISASTER and ATTRIB are never predicted (they count as misses). A snippet without
//!   an event is predicted `NONE`. Macro-F1 is over the 30 gold labels, and also over the 25
//!   ACLED ones.
//! * `event-location-dev.jsonl`: for each (sentence, trigger), the place the event stage attaches
//!   to that trigger looking at the sentence only; correct when the gold has no location and none
//!   is attached, or when the attached mention overlaps a gold location.
//! * `plover-dev.jsonl`: the PLOVER event of the first event found. The gold uses PLOVER 0.5
//!   categories: sitrep's ASSAULT counts as FIGHT when its ACLED type is a battle, shelling or
//!   air strike (conventional force), and ACCUSE counts as DISAPPROVE. PLOVER codes an announced
//!   intent by its kind: a planned, forecast or hypothetical SUPPORT, AID, CONSULT, COOPERATE or
//!   CONCEDE counts as AGREE, a planned SANCTION or COERCE as THREATEN.

use anyhow::Context;
use serde_json::Value;
use sitrep_core::record::EventRecord;
use sitrep_core::{Pipeline, Report, Span};
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

/// `sitrep eval events`: event type, event location and PLOVER scores.
#[derive(clap::Args, Debug)]
#[command(
    long_about = "Event type, event location and PLOVER scores on the development sets in ../shared/eval.\n\n\
event-type-dev.jsonl (CASE 2021): a snippet's label is the ACLED sub-event type of the events it says happened, \
taken from its first sentence with an ACLED event and, within it, the most specific type; the CASE label of each \
ACLED sub-event type is the obvious one (ARMED_CLASH = Armed clash, GOV_REGAINS_TERIT = Government regains \
territory, ...). DIPLO is predicted when a snippet has only non-violent PLOVER events; ORG_CRIME, \
NATURAL_DISASTER, MAN_MADE_DISASTER and ATTRIB are not ACLED types and are never predicted (they count as \
misses); a snippet without events is NONE. Macro-F1 is given over the 30 gold labels and over the 25 ACLED ones.\n\n\
event-location-dev.jsonl: the place the event stage attaches to the given trigger, from its sentence alone; \
correct when it overlaps a gold location, or when both are empty.\n\n\
plover-dev.jsonl: the PLOVER event of the first event found; the gold uses PLOVER 0.5, so ASSAULT with a battle, \
shelling or air-strike type counts as FIGHT and ACCUSE as DISAPPROVE; a planned, forecast or hypothetical \
cooperative act (SUPPORT, AID, CONSULT, COOPERATE, CONCEDE) counts as AGREE and a coercive one (SANCTION, COERCE) \
as THREATEN, as PLOVER codes promises and threats.",
    after_help = "Examples:\n  sitrep eval events\n  sitrep eval events --only location --limit 2000"
)]
pub struct Args {
    /// The folder with the evaluation sets.
    #[arg(long, default_value = "../shared/eval")]
    pub dir: PathBuf,
    /// Only one set: type, location or plover.
    #[arg(long)]
    pub only: Option<String>,
    /// Read at most this many records of each set.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Print this many misclassified examples of each set: ids, labels and, for event location, the gold and
    /// chosen place names, the scored candidates and every place mention (the sentences stay in ../shared).
    #[arg(long, default_value_t = 0)]
    pub errors: usize,
    /// Event location: print every record (correct ones too) with the scored candidates.
    #[arg(long)]
    pub trace: bool,
    /// Event location: only places the gazetteer knows, no unknown names ("in the village of X").
    #[arg(long)]
    pub no_unknown_names: bool,
}

/// CASE 2021 label → ACLED sub-event type.
pub const CASE_LABELS: [(&str, &str); 25] = [
    ("ARMED_CLASH", "Armed clash"),
    ("GOV_REGAINS_TERIT", "Government regains territory"),
    ("NON_STATE_ACTOR_OVERTAKES_TER", "Non-state actor overtakes territory"),
    ("CHEM_WEAP", "Chemical weapon"),
    ("AIR_STRIKE", "Air/drone strike"),
    ("SUIC_BOMB", "Suicide bomb"),
    ("ART_MISS_ATTACK", "Shelling/artillery/missile attack"),
    ("REM_EXPLOS", "Remote explosive/landmine/IED"),
    ("GRENADE", "Grenade"),
    ("SEX_VIOL", "Sexual violence"),
    ("ATTACK", "Attack"),
    ("ABDUCT_DISSAP", "Abduction/forced disappearance"),
    ("PEACE_PROTEST", "Peaceful protest"),
    ("PROTEST_WITH_INTER", "Protest with intervention"),
    ("FORCE_AGAINST_PROTEST", "Excessive force against protesters"),
    ("VIOL_DEMONSTR", "Violent demonstration"),
    ("MOB_VIOL", "Mob violence"),
    ("AGREEMENT", "Agreement"),
    ("ARREST", "Arrests"),
    ("CHANGE_TO_GROUP_ACT", "Change to group/activity"),
    ("DISR_WEAP", "Disrupted weapons use"),
    ("HQ_ESTABLISHED", "Headquarters or base established"),
    ("PROPERTY_DISTRUCT", "Looting/property destruction"),
    ("NON_VIOL_TERRIT_TRANSFER", "Non-violent transfer of territory"),
    ("OTHER", "Other"),
];

/// When a snippet has several events, the most specific sub-type names it (earlier = stronger).
pub const PRIORITY: [&str; 25] = [
    "Chemical weapon",
    "Suicide bomb",
    "Grenade",
    "Sexual violence",
    "Violent demonstration",
    "Excessive force against protesters",
    "Protest with intervention",
    "Mob violence",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
    "Headquarters or base established",
    "Disrupted weapons use",
    "Air/drone strike",
    "Remote explosive/landmine/IED",
    "Shelling/artillery/missile attack",
    "Abduction/forced disappearance",
    "Arrests",
    "Peaceful protest",
    "Agreement",
    "Change to group/activity",
    "Looting/property destruction",
    "Armed clash",
    "Attack",
    "Other",
];

fn read_jsonl(path: &PathBuf, limit: Option<usize>) -> anyhow::Result<Vec<Value>> {
    let f = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line).with_context(|| format!("{}:{}", path.display(), i + 1))?;
        out.push(v);
        if limit.is_some_and(|l| out.len() >= l) {
            break;
        }
    }
    Ok(out)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::try_new().map_err(|e| anyhow::anyhow!("{e}"))?;
    let want = |s: &str| args.only.as_deref().is_none_or(|o| o == s);
    if let Some(o) = args.only.as_deref() {
        anyhow::ensure!(matches!(o, "type" | "location" | "plover"), "--only takes type, location or plover");
    }
    if want("type") {
        event_type(&pipeline, &args)?;
    }
    if want("location") {
        location(&pipeline, &args)?;
    }
    if want("plover") {
        plover(&pipeline, &args)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The CASE label for a snippet's events.
pub fn case_label(events: &[EventRecord]) -> String {
    use sitrep_core::record::Modality;
    // Events the snippet says happened name it; plans, forecasts and denials only if nothing did.
    let happened: Vec<&EventRecord> = events
        .iter()
        .filter(|e| {
            matches!(e.modality, Modality::Asserted | Modality::Claimed | Modality::Reported | Modality::Disputed)
        })
        .collect();
    let pool: Vec<&EventRecord> =
        if happened.iter().any(|e| e.acled.is_some()) { happened } else { events.iter().collect() };
    // The lead: the first sentence with an ACLED event; within it the most specific type.
    let first = pool.iter().filter(|e| e.acled.is_some()).map(|e| e.evidence.sentence).min();
    let best = pool
        .iter()
        .filter(|e| Some(e.evidence.sentence) == first)
        .filter_map(|e| e.acled.as_ref())
        .filter_map(|a| PRIORITY.iter().position(|p| *p == a.sub_event_type))
        .min();
    if let Some(i) = best {
        let sub = PRIORITY[i];
        return CASE_LABELS.iter().find(|(_, s)| *s == sub).map(|(l, _)| l.to_string()).unwrap_or_default();
    }
    // No ACLED event: a diplomatic exchange if the snippet has a non-violent PLOVER event.
    if events.iter().any(|e| {
        e.plover.as_ref().is_some_and(|p| {
            matches!(
                p.event.as_str(),
                "CONSULT"
                    | "AGREE"
                    | "COOPERATE"
                    | "SUPPORT"
                    | "AID"
                    | "SANCTION"
                    | "DEMAND"
                    | "REJECT"
                    | "THREATEN"
                    | "ACCUSE"
                    | "CONCEDE"
                    | "REQUEST"
            )
        })
    }) {
        return "DIPLO".into();
    }
    "NONE".into()
}

fn event_type(pipeline: &Pipeline, args: &Args) -> anyhow::Result<()> {
    let recs = read_jsonl(&args.dir.join("event-type-dev.jsonl"), args.limit)?;
    let mut pairs: Vec<(String, String, String)> = Vec::new();
    for r in &recs {
        let text = r["text"].as_str().unwrap_or_default();
        let gold = r["label"].as_str().unwrap_or_default().to_string();
        let report = Report::new(r["id"].to_string(), text);
        let ex = pipeline.extract(&report);
        pairs.push((r["id"].to_string(), gold, case_label(&ex.events)));
    }
    let labels: Vec<String> = {
        let mut l: Vec<String> = pairs.iter().map(|p| p.1.clone()).collect();
        l.sort();
        l.dedup();
        l
    };
    println!("== event type: {} snippets (event-type-dev.jsonl) ==", pairs.len());
    let f1s = per_class(&pairs, &labels);
    let acled: Vec<&str> = CASE_LABELS.iter().map(|(l, _)| *l).collect();
    let macro_all = f1s.iter().map(|x| x.3).sum::<f64>() / f1s.len().max(1) as f64;
    let acled_f1: Vec<f64> = f1s.iter().filter(|x| acled.contains(&x.0.as_str())).map(|x| x.3).collect();
    let macro_acled = acled_f1.iter().sum::<f64>() / acled_f1.len().max(1) as f64;
    let correct = pairs.iter().filter(|p| p.1 == p.2).count();
    let micro = correct as f64 / pairs.len().max(1) as f64;
    let weighted = f1s.iter().map(|x| x.3 * x.4 as f64).sum::<f64>() / pairs.len().max(1) as f64;
    println!("{:<30} {:>4} {:>6} {:>6} {:>6}  confused with (predicted: count)", "label", "n", "P", "R", "F1");
    for (label, p, r, f, n) in &f1s {
        let mut conf: BTreeMap<&str, usize> = BTreeMap::new();
        for x in pairs.iter().filter(|x| &x.1 == label && x.2 != x.1) {
            *conf.entry(x.2.as_str()).or_default() += 1;
        }
        let mut conf: Vec<_> = conf.into_iter().collect();
        conf.sort_by_key(|c| std::cmp::Reverse(c.1));
        let conf: Vec<String> = conf.iter().take(4).map(|(l, c)| format!("{l}:{c}")).collect();
        println!("{label:<30} {n:>4} {p:>6.3} {r:>6.3} {f:>6.3}  {}", conf.join(" "));
    }
    println!(
        "event type: macro-F1 {macro_all:.3} (30 labels), macro-F1 {macro_acled:.3} (25 ACLED labels), micro-F1 (accuracy) {micro:.3}, weighted-F1 {weighted:.3}"
    );
    for l in ["GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER"] {
        if let Some(x) = f1s.iter().find(|x| x.0 == l) {
            println!("  territory {l}: F1 {:.3}", x.3);
        }
    }
    print_errors(
        pairs.iter().filter(|p| p.1 != p.2).map(|p| format!("id {} gold {} predicted {}", p.0, p.1, p.2)),
        args.errors,
    );
    Ok(())
}

/// (label, precision, recall, F1, support) per gold label.
fn per_class(pairs: &[(String, String, String)], labels: &[String]) -> Vec<(String, f64, f64, f64, usize)> {
    labels
        .iter()
        .map(|l| {
            let tp = pairs.iter().filter(|p| &p.1 == l && &p.2 == l).count() as f64;
            let pred = pairs.iter().filter(|p| &p.2 == l).count() as f64;
            let gold = pairs.iter().filter(|p| &p.1 == l).count();
            let p = if pred > 0.0 { tp / pred } else { 0.0 };
            let r = if gold > 0 { tp / gold as f64 } else { 0.0 };
            let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
            (l.clone(), p, r, f, gold)
        })
        .collect()
}

fn print_errors(it: impl Iterator<Item = String>, n: usize) {
    for e in it.take(n) {
        println!("  miss: {e}");
    }
}

fn span_of(v: &Value) -> Option<Span> {
    Some(Span::new(v["start"].as_u64()? as usize, v["end"].as_u64()? as usize))
}

/// The words of the sentence an event was placed at: the place mention (an anaphor's antecedent),
/// or a name the gazetteer does not know.
fn located(l: &sitrep_core::events::extract::Location, mentions: &sitrep_core::events::Mentions) -> Option<Span> {
    match l.mention {
        Some(i) => mentions.places.get(i).map(|p| p.span),
        None => l.place.span,
    }
}

/// (source, gold has a location, correct, exact)
type Row = (String, bool, bool, bool);

fn location(pipeline: &Pipeline, args: &Args) -> anyhow::Result<()> {
    let recs = read_jsonl(&args.dir.join("event-location-dev.jsonl"), args.limit)?;
    // (source, has gold location, correct, exact)
    let mut rows: Vec<Row> = Vec::new();
    let thresholds = [-200i64, -100, -60, -40, -20, 0, 20, 40, 60];
    let mut by_threshold = vec![0usize; thresholds.len()];
    let (mut has_gold, mut covered) = (0usize, 0usize);
    let mut misses = Vec::new();
    let mut miss_kinds: BTreeMap<MissKind, usize> = BTreeMap::new();
    // (attached, of them correct, of them where the gold has no location)
    let mut unplaced = (0usize, 0usize, 0usize);
    let mut events = pipeline.events().clone();
    events.options.unknown_names = !args.no_unknown_names;
    for r in &recs {
        let text = r["text"].as_str().unwrap_or_default();
        let Some(trigger) = r["triggers"].get(0).and_then(span_of) else { continue };
        if trigger.end > text.len() || !text.is_char_boundary(trigger.start) || !text.is_char_boundary(trigger.end) {
            continue;
        }
        let gold: Vec<Span> =
            r["locations"].as_array().map(|a| a.iter().filter_map(span_of).collect()).unwrap_or_default();
        let report = Report::new(r["id"].to_string(), text);
        let doc = sitrep_core::text::analyze(text);
        let mentions = pipeline.mentions(&report, &doc);
        let loc = events.locate(&report, &doc, &mentions, trigger);
        for (k, t) in thresholds.iter().enumerate() {
            let got = loc.as_ref().filter(|l| l.score >= *t).and_then(|l| located(l, &mentions));
            by_threshold[k] += match (&got, gold.is_empty()) {
                (None, true) => 1,
                (Some(g), false) => gold.iter().any(|s| s.overlaps(*g)) as usize,
                _ => 0,
            };
        }
        if !gold.is_empty() {
            has_gold += 1;
            covered +=
                mentions.places.iter().any(|p| p.place.is_some() && gold.iter().any(|g| g.overlaps(p.span))) as usize;
        }
        let min = sitrep_core::events::extract::MIN_LOCATION_SCORE;
        let got = loc.as_ref().filter(|l| l.score >= min).and_then(|l| located(l, &mentions));
        let (ok, exact) = match (&got, gold.is_empty()) {
            (None, true) => (true, true),
            (Some(g), false) => (gold.iter().any(|s| s.overlaps(*g)), gold.iter().any(|s| s == g)),
            _ => (false, false),
        };
        if !ok || args.trace {
            // Why: the gold place was not found or not resolved by the geoparser, or another
            // place won, or a place was attached where the gold has none.
            let kind = if ok {
                MissKind::Correct
            } else if gold.is_empty() {
                MissKind::PlaceWhereNone
            } else if !mentions.places.iter().any(|p| gold.iter().any(|g| g.overlaps(p.span))) {
                MissKind::GoldNotDetected
            } else if !mentions.places.iter().any(|p| p.place.is_some() && gold.iter().any(|g| g.overlaps(p.span))) {
                MissKind::GoldNotResolved
            } else if got.is_none() {
                MissKind::NoneWhereGold
            } else {
                MissKind::OtherPlaceWon
            };
            if !ok {
                *miss_kinds.entry(kind).or_default() += 1;
            }
            let cands: Vec<String> = events
                .location_candidates(&report, &doc, &mentions, trigger)
                .iter()
                .map(|c| match c.name {
                    Some(n) => format!("{}?:{}", n.of(text), c.score),
                    None => format!("{}:{}", mentions.places[c.mention].span.of(text), c.score),
                })
                .collect();
            // Every place mention: role, level, resolved or not, read as an actor or not.
            let places: Vec<String> = mentions
                .places
                .iter()
                .map(|p| {
                    let actor = mentions.actors.iter().any(|a| a.span.overlaps(p.span));
                    format!(
                        "{}/{:?}/{:?}{}{}",
                        p.span.of(text),
                        p.role,
                        p.level,
                        if p.place.is_some() { "" } else { "/unresolved" },
                        if actor { "/actor" } else { "" }
                    )
                })
                .collect();
            misses.push(format!(
                "id {} [{kind:?}] gold {:?} got {:?} candidates [{}] places [{}]",
                r["id"],
                gold.iter().map(|s| s.of(text)).collect::<Vec<_>>(),
                got.map(|g| g.of(text).to_string()),
                cands.join(", "),
                places.join(", ")
            ));
        }
        // An unknown name with no known place in the sentence: attached, but without coordinates.
        if loc.as_ref().is_some_and(|l| l.score >= min && l.unplaced) {
            unplaced.0 += 1;
            unplaced.1 += ok as usize;
            unplaced.2 += gold.is_empty() as usize;
        }
        rows.push((r["source"].as_str().unwrap_or("?").to_string(), !gold.is_empty(), ok, exact));
    }
    println!("\n== event location: {} records (event-location-dev.jsonl) ==", rows.len());
    let acc = |f: &dyn Fn(&Row) -> bool| {
        let sel: Vec<_> = rows.iter().filter(|r| f(r)).collect();
        let ok = sel.iter().filter(|r| r.2).count();
        let ex = sel.iter().filter(|r| r.3).count();
        (sel.len(), ok as f64 / sel.len().max(1) as f64, ex as f64 / sel.len().max(1) as f64)
    };
    let (n, a, e) = acc(&|_| true);
    println!(
        "location attachment: accuracy {a:.3} (exact {e:.3}) over {n} (minimum location score {})",
        sitrep_core::events::extract::MIN_LOCATION_SCORE
    );
    let sweep: Vec<String> = thresholds
        .iter()
        .zip(&by_threshold)
        .map(|(t, c)| format!("{t}:{:.3}", *c as f64 / rows.len().max(1) as f64))
        .collect();
    println!("  accuracy by minimum score: {}", sweep.join(" "));
    println!(
        "  gold location found and resolved by the geoparser (upper bound for has-location): {:.3}",
        covered as f64 / has_gold.max(1) as f64
    );
    let (un, uok, unone) = unplaced;
    println!(
        "  unknown names attached with no known place in the sentence (no coordinates): {un}, correct {uok}, \
         gold none {unone}; accuracy if none were attached: {:.3}",
        (rows.iter().filter(|r| r.2).count() - uok + unone) as f64 / rows.len().max(1) as f64
    );
    let (n, a, _) = acc(&|r| r.1);
    println!("  has location: {a:.3} over {n}");
    let (n, a, _) = acc(&|r| !r.1);
    println!("  no location:  {a:.3} over {n}");
    let mut sources: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    sources.sort();
    sources.dedup();
    println!("  {:<14} {:>5} {:>8} {:>8} {:>8}", "source", "n", "all", "has-loc", "no-loc");
    for s in &sources {
        let (n, a, _) = acc(&|r| &r.0 == s);
        let (_, h, _) = acc(&|r| &r.0 == s && r.1);
        let (_, z, _) = acc(&|r| &r.0 == s && !r.1);
        println!("  {s:<14} {n:>5} {a:>8.3} {h:>8.3} {z:>8.3}");
    }
    let kinds: Vec<String> = miss_kinds.iter().map(|(k, n)| format!("{k:?} {n}")).collect();
    println!("  errors by kind: {}", kinds.join(", "));
    print_errors(misses.into_iter(), if args.trace { usize::MAX } else { args.errors });
    Ok(())
}

/// Why an event-location record was missed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum MissKind {
    /// Not a miss (printed with --trace).
    Correct,
    /// The gold has no location; a place was attached.
    PlaceWhereNone,
    /// No place mention overlaps the gold location (a geoparser miss).
    GoldNotDetected,
    /// The gold location was found but not resolved to a gazetteer place.
    GoldNotResolved,
    /// The gold location was found and resolved, but none was attached.
    NoneWhereGold,
    /// Another place of the sentence was attached.
    OtherPlaceWon,
}

/// The PLOVER 0.5 class of an event (the gold's version).
pub fn plover_class(e: &EventRecord) -> Option<String> {
    let p = e.plover.as_ref()?;
    let conventional = e.acled.as_ref().is_some_and(|a| {
        a.event_type == "Battles"
            || matches!(a.sub_event_type.as_str(), "Shelling/artillery/missile attack" | "Air/drone strike")
    });
    // PLOVER codes a promise or an announced intent by what it is: AGREE for a cooperative act
    // ("will visit", "would allow"), THREATEN for a coercive one ("plans to impose a curfew").
    // sitrep keeps the act's own type and says it is planned, forecast or hypothetical.
    use sitrep_core::record::Modality;
    let intent = matches!(e.modality, Modality::Planned | Modality::Forecast | Modality::Hypothetical);
    Some(match p.event.as_str() {
        "SUPPORT" | "AID" | "CONSULT" | "COOPERATE" | "CONCEDE" if intent => "AGREE".into(),
        "SANCTION" | "COERCE" if intent => "THREATEN".into(),
        "ASSAULT" if conventional => "FIGHT".into(),
        "ACCUSE" => "DISAPPROVE".into(),
        other => other.into(),
    })
}

fn plover(pipeline: &Pipeline, args: &Args) -> anyhow::Result<()> {
    let recs = read_jsonl(&args.dir.join("plover-dev.jsonl"), args.limit)?;
    let mut pairs: Vec<(String, String, String)> = Vec::new();
    for r in &recs {
        let gold = r["event"].as_str().unwrap_or_default();
        if gold == "DOCUMENT" || gold.is_empty() {
            continue;
        }
        let text = r["text"].as_str().unwrap_or_default();
        let report = Report::new(r["index"].to_string(), text);
        let ex = pipeline.extract(&report);
        let pred = ex.events.iter().find_map(plover_class).unwrap_or_else(|| "NONE".into());
        pairs.push((r["index"].to_string(), gold.to_string(), pred));
    }
    let mut labels: Vec<String> = pairs.iter().map(|p| p.1.clone()).collect();
    labels.sort();
    labels.dedup();
    let f1s = per_class(&pairs, &labels);
    let correct = pairs.iter().filter(|p| p.1 == p.2).count();
    println!("\n== PLOVER: {} records (plover-dev.jsonl) ==", pairs.len());
    println!("{:<12} {:>4} {:>6} {:>6} {:>6}  confused with", "event", "n", "P", "R", "F1");
    for (label, p, r, f, n) in &f1s {
        let mut conf: BTreeMap<&str, usize> = BTreeMap::new();
        for x in pairs.iter().filter(|x| &x.1 == label && x.2 != x.1) {
            *conf.entry(x.2.as_str()).or_default() += 1;
        }
        let conf: Vec<String> = conf.iter().map(|(l, c)| format!("{l}:{c}")).collect();
        println!("{label:<12} {n:>4} {p:>6.3} {r:>6.3} {f:>6.3}  {}", conf.join(" "));
    }
    let macro_f1 = f1s.iter().map(|x| x.3).sum::<f64>() / f1s.len().max(1) as f64;
    println!(
        "PLOVER event: accuracy {:.3} ({correct}/{}), macro-F1 {macro_f1:.3}",
        correct as f64 / pairs.len().max(1) as f64,
        pairs.len()
    );
    print_errors(
        pairs.iter().filter(|p| p.1 != p.2).map(|p| format!("index {} gold {} predicted {}", p.0, p.1, p.2)),
        args.errors,
    );
    Ok(())
}
