//! De-duplication of event mentions across reports (pure functions).
//!
//! Two mentions describe the same happening when all of these hold:
//! - **type**: they share the ACLED event type, or (when either lacks ACLED) the PLOVER event;
//! - **place**: the same GeoNames id, or within [`MAX_KM`] km, or the same admin1 area when one of
//!   them is only known to region precision (precision ≥ 2);
//! - **dates**: their date ranges overlap, allowing one day of slack for "last night"/"yesterday"
//!   anchored differently by different outlets (a missing date falls back to the report's date);
//! - **actors**: for each role, one side is unknown or they share an actor (same id, same name, or
//!   same country and sector); roles may be swapped (a clash of A with B is a clash of B with A);
//! - **modality**: both are factual (asserted, claimed, reported, disputed, negated) or both are
//!   irrealis (planned, forecast, hypothetical): a plan is not the attack;
//! - **sources**: they come from different reports (mentions from one report are the extractor's
//!   distinct events; the store checks this).
//!
//! A mention joins the closest existing event whose every mention it is compatible with; details on
//! which mentions disagree are listed as [`Conflict`]s, never overwritten.

use crate::model::Conflict;
use chrono::{Days, NaiveDate};
use sitrep_core::record::{ActorRef, DatePrecision, EventRecord, Modality, PlaceRef};
use std::collections::{BTreeMap, BTreeSet};

/// Places closer than this (km) can be the same happening.
pub const MAX_KM: f64 = 25.0;
/// Slack (days) when comparing date ranges.
pub const SLACK_DAYS: u64 = 1;

/// The key that identifies a place across reports: `g<geonameid>`, else `n<name>|<country>`.
pub fn place_key(p: &PlaceRef) -> String {
    match p.geonameid {
        Some(id) => format!("g{id}"),
        None => format!("n{}|{}", p.name.trim().to_lowercase(), p.country.as_deref().unwrap_or("")),
    }
}

/// The key that identifies a side across reports: its lexicon id, else its lower-cased name.
pub fn actor_key(a: &ActorRef) -> String {
    match &a.id {
        Some(id) if !id.is_empty() => id.clone(),
        _ => a.name.trim().to_lowercase(),
    }
}

/// The outlet of a report, for counting independent sources: its source, else the report id.
pub fn outlet(r: &sitrep_core::record::ReportRef) -> String {
    match &r.source {
        Some(s) if !s.trim().is_empty() => format!("s:{}", s.trim().to_lowercase()),
        _ => format!("r:{}", r.id),
    }
}

/// The dates an event is about: its own, else its report's publication date.
pub fn event_days(e: &EventRecord) -> Option<(NaiveDate, NaiveDate)> {
    match &e.date {
        Some(d) => Some((d.start.min(d.end), d.end.max(d.start))),
        None => e.report.published.map(|p| (p, p)),
    }
}

/// Order of strength of a modality (asserted strongest); irrealis and negated rank lowest.
pub fn modality_rank(m: Modality) -> u8 {
    match m {
        Modality::Asserted => 6,
        Modality::Reported => 5,
        Modality::Claimed => 4,
        Modality::Disputed => 3,
        Modality::Negated => 2,
        Modality::Planned | Modality::Forecast => 1,
        Modality::Hypothetical => 0,
    }
}

fn irrealis(m: Modality) -> bool {
    matches!(m, Modality::Planned | Modality::Forecast | Modality::Hypothetical)
}

/// Great-circle distance in km (infinite when a coordinate is not a number).
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    if ![lat1, lon1, lat2, lon2].iter().all(|v| v.is_finite()) {
        return f64::INFINITY;
    }
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().min(1.0).asin()
}

fn same_type(a: &EventRecord, b: &EventRecord) -> bool {
    if let (Some(x), Some(y)) = (&a.acled, &b.acled) {
        return x.event_type.eq_ignore_ascii_case(&y.event_type);
    }
    if let (Some(x), Some(y)) = (&a.plover, &b.plover) {
        return x.event.eq_ignore_ascii_case(&y.event);
    }
    false
}

/// Distance score of two places (0 = same), or `None` when they cannot be the same happening's.
fn place_score(a: &PlaceRef, b: &PlaceRef) -> Option<f64> {
    if a.geonameid.is_some() && a.geonameid == b.geonameid {
        return Some(0.0);
    }
    let km = haversine_km(a.lat, a.lon, b.lat, b.lon);
    if km.is_finite() && km <= MAX_KM {
        return Some(km / MAX_KM);
    }
    let vague = a.precision >= 2 || b.precision >= 2;
    match (&a.admin1, &b.admin1) {
        (Some(x), Some(y)) if vague && !x.is_empty() && x == y => Some(1.0),
        _ => None,
    }
}

fn actor_match(a: &ActorRef, b: &ActorRef) -> bool {
    if actor_key(a) == actor_key(b) || a.name.trim().eq_ignore_ascii_case(b.name.trim()) {
        return true;
    }
    matches!((&a.country, &a.sector, &b.country, &b.sector),
        (Some(c1), Some(s1), Some(c2), Some(s2)) if c1 == c2 && s1 == s2)
}

fn roles_match(x: &[ActorRef], y: &[ActorRef]) -> bool {
    x.is_empty() || y.is_empty() || x.iter().any(|a| y.iter().any(|b| actor_match(a, b)))
}

fn actors_compatible(a: &EventRecord, b: &EventRecord) -> bool {
    (roles_match(&a.actor1, &b.actor1) && roles_match(&a.actor2, &b.actor2))
        || (roles_match(&a.actor1, &b.actor2) && roles_match(&a.actor2, &b.actor1))
}

/// How far apart two mentions are (lower is closer), or `None` when they are different happenings.
pub fn compatible(a: &EventRecord, b: &EventRecord) -> Option<f64> {
    if irrealis(a.modality) != irrealis(b.modality) || !same_type(a, b) {
        return None;
    }
    let ps = place_score(a.place.as_ref()?, b.place.as_ref()?)?;
    let (s1, e1) = event_days(a)?;
    let (s2, e2) = event_days(b)?;
    let slack = Days::new(SLACK_DAYS);
    if e1.checked_add_days(slack)? < s2 || e2.checked_add_days(slack)? < s1 {
        return None;
    }
    if !actors_compatible(a, b) {
        return None;
    }
    let gap = if e1 < s2 || e2 < s1 { 0.5 } else { 0.0 };
    Some(ps + gap)
}

fn precision_rank(e: &EventRecord) -> u8 {
    match e.date.as_ref().map(|d| d.precision) {
        Some(DatePrecision::Day) => 0,
        Some(DatePrecision::Week) => 1,
        Some(DatePrecision::Month) => 2,
        Some(DatePrecision::Year) => 3,
        None => 4,
    }
}

/// The index of the best-supported mention: strongest modality, then the most precise date and
/// place, then the highest confidence, then the oldest.
pub fn representative(mentions: &[EventRecord]) -> usize {
    let mut best = 0;
    for (i, m) in mentions.iter().enumerate().skip(1) {
        let b = &mentions[best];
        let key = |e: &EventRecord| {
            (
                std::cmp::Reverse(modality_rank(e.modality)),
                precision_rank(e),
                e.place.as_ref().map_or(9, |p| p.precision),
            )
        };
        let (km, kb) = (key(m), key(b));
        if km < kb || (km == kb && m.confidence > b.confidence) {
            best = i;
        }
    }
    best
}

/// Number of independent sources among mentions.
pub fn source_count(mentions: &[EventRecord]) -> usize {
    mentions.iter().map(|m| outlet(&m.report)).collect::<BTreeSet<_>>().len()
}

/// Merged confidence: 1 - Π(1 - c) over independent sources (best mention per outlet), ≤ 0.99.
pub fn merged_confidence(mentions: &[EventRecord]) -> f32 {
    let mut best: BTreeMap<String, f32> = BTreeMap::new();
    for m in mentions {
        let c = if m.confidence.is_finite() { m.confidence.clamp(0.0, 1.0) } else { 0.0 };
        let e = best.entry(outlet(&m.report)).or_insert(0.0);
        *e = e.max(c);
    }
    let miss: f32 = best.values().map(|c| 1.0 - c).product();
    (((1.0 - miss) * 100.0).round() / 100.0).min(0.99)
}

fn names(actors: &[ActorRef]) -> String {
    let mut v: Vec<&str> = actors.iter().map(|a| a.name.as_str()).collect();
    v.sort_unstable();
    v.join(" + ")
}

/// Details on which the mentions disagree.
pub fn conflicts(mentions: &[EventRecord]) -> Vec<Conflict> {
    type Getter = fn(&EventRecord) -> Option<String>;
    let fields: [(&str, Getter); 7] = [
        ("sub_event_type", |e| e.acled.as_ref().map(|a| a.sub_event_type.clone())),
        ("plover", |e| e.plover.as_ref().map(|p| p.event.clone())),
        ("modality", |e| Some(e.modality.as_str().to_string())),
        ("date", |e| event_days(e).map(|(s, t)| if s == t { s.to_string() } else { format!("{s}/{t}") })),
        ("place", |e| e.place.as_ref().map(|p| p.name.clone())),
        ("actor1", |e| Some(names(&e.actor1)).filter(|s| !s.is_empty())),
        ("actor2", |e| Some(names(&e.actor2)).filter(|s| !s.is_empty())),
    ];
    let mut out = Vec::new();
    for (field, get) in fields {
        let mut values: Vec<String> = Vec::new();
        for m in mentions {
            if let Some(v) = get(m) {
                if !values.contains(&v) {
                    values.push(v);
                }
            }
        }
        if values.len() > 1 {
            out.push(Conflict { field: field.to_string(), values });
        }
    }
    out
}

/// `\n`-separated lower-case type labels, for the type filter.
pub fn types_text(e: &EventRecord) -> String {
    let mut s = String::from("\n");
    if let Some(a) = &e.acled {
        s.push_str(&format!("{}\n{}\n", a.event_type.to_lowercase(), a.sub_event_type.to_lowercase()));
    }
    if let Some(p) = &e.plover {
        s.push_str(&format!("{}\n", p.event.to_lowercase()));
    }
    s
}

/// `\n`-separated lower-case actor names and ids of every mention, for the actor filter.
pub fn actors_text(mentions: &[EventRecord]) -> String {
    let mut set = BTreeSet::new();
    for m in mentions {
        for a in m.actor1.iter().chain(&m.actor2).chain(&m.attributed_to) {
            set.insert(a.name.to_lowercase());
            if let Some(id) = &a.id {
                set.insert(id.to_lowercase());
            }
        }
    }
    let mut s = String::from("\n");
    for a in set {
        s.push_str(&a);
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::record::{AcledType, DateRef, Evidence, ReportRef, Trigger};
    use sitrep_core::Span;

    fn rec(src: &str, a1: &str, a2: &str, lat: f64, day: &str, m: Modality) -> EventRecord {
        let d: NaiveDate = day.parse().expect("day");
        let actor = |n: &str| ActorRef { name: n.into(), ..Default::default() };
        EventRecord {
            id: format!("{src}{day}"),
            report: ReportRef { id: src.into(), source: Some(src.into()), url: None, published: Some(d), title: None },
            acled: Some(AcledType { event_type: "Battles".into(), sub_event_type: "Armed clash".into() }),
            plover: None,
            actor1: if a1.is_empty() { vec![] } else { vec![actor(a1)] },
            actor2: if a2.is_empty() { vec![] } else { vec![actor(a2)] },
            place: Some(PlaceRef {
                name: "X".into(),
                lat,
                lon: 40.0,
                admin1: Some("A".into()),
                precision: 1,
                ..Default::default()
            }),
            date: Some(DateRef { start: d, end: d, precision: DatePrecision::Day, text: None }),
            modality: m,
            attributed_to: vec![],
            trigger: Trigger { text: "t".into(), span: Span::new(0, 1) },
            evidence: Evidence { sentence: 0, span: Span::new(0, 1), text: "t".into() },
            confidence: 0.6,
        }
    }

    #[test]
    fn distances() {
        // Damascus to Aleppo, about 310 km.
        let km = haversine_km(33.5138, 36.2765, 36.2021, 37.1343);
        assert!((300.0..320.0).contains(&km), "{km}");
        assert!(haversine_km(f64::NAN, 0.0, 0.0, 0.0).is_infinite());
    }

    #[test]
    fn compatibility_rules() {
        let a = rec("s1", "Army", "Front", 35.0, "2024-01-02", Modality::Asserted);
        assert!(compatible(&a, &rec("s2", "Front", "Army", 35.1, "2024-01-03", Modality::Claimed)).is_some());
        assert!(compatible(&a, &rec("s2", "", "", 35.0, "2024-01-02", Modality::Reported)).is_some());
        assert!(compatible(&a, &rec("s2", "Army", "Front", 35.0, "2024-01-04", Modality::Asserted)).is_none());
        assert!(compatible(&a, &rec("s2", "Army", "Front", 35.0, "2024-01-02", Modality::Planned)).is_none());
        assert!(compatible(&a, &rec("s2", "Militia", "Front", 35.0, "2024-01-02", Modality::Asserted)).is_none());
        // 50 km away, both precise: different happenings; one vague in the same admin1: the same.
        let far = rec("s2", "Army", "Front", 35.45, "2024-01-02", Modality::Asserted);
        assert!(compatible(&a, &far).is_none());
        let mut vague = far.clone();
        if let Some(p) = vague.place.as_mut() {
            p.precision = 3;
        }
        assert!(compatible(&a, &vague).is_some());
        let mut nowhere = a.clone();
        nowhere.place = None;
        assert!(compatible(&a, &nowhere).is_none());
        let mut nan = far;
        if let Some(p) = nan.place.as_mut() {
            p.lat = f64::NAN;
            p.admin1 = None;
        }
        assert!(compatible(&a, &nan).is_none());
    }

    #[test]
    fn confidence_counts_outlets_once() {
        let a = rec("s1", "Army", "", 35.0, "2024-01-02", Modality::Asserted);
        let b = rec("s2", "Army", "", 35.0, "2024-01-02", Modality::Asserted);
        assert_eq!(merged_confidence(&[a.clone(), a.clone()]), 0.6);
        assert_eq!(merged_confidence(&[a.clone(), b.clone()]), 0.84);
        assert_eq!(source_count(&[a.clone(), a.clone(), b]), 2);
        let mut weird = a;
        weird.confidence = f32::NAN;
        assert_eq!(merged_confidence(&[weird]), 0.0);
    }
}
