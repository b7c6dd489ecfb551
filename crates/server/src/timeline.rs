//! A territorial-control timeline computed from control observations: the reference used by the
//! in-memory backend and by summaries. Pure functions, no I/O.
//!
//! Per place, observations are grouped by day. One side on a day → that side holds it (status from
//! the observations); several sides on the same day → contested, the best-supported side first and
//! the others listed as contenders. Consecutive days with the same picture merge into one interval.
//! Planned, forecast, hypothetical and negated observations never change the map.

use crate::backend::{control_date, ControlState, MentionSpan, Source};
use chrono::NaiveDate;
use serde::Serialize;
use sitrep_core::record::{ActorRef, ControlRecord, ControlStatus, Modality, PlaceRef};
use std::collections::{BTreeMap, HashSet};

/// The key that identifies a place across reports.
pub fn place_key(p: &PlaceRef) -> String {
    match p.geonameid {
        Some(id) => format!("g{id}"),
        None => format!("n{}", p.name.to_lowercase()),
    }
}

/// The key that identifies a side across reports.
pub fn actor_key(a: &ActorRef) -> String {
    match &a.id {
        Some(id) if !id.is_empty() => id.clone(),
        _ => a.name.to_lowercase(),
    }
}

fn factual(m: Modality) -> bool {
    matches!(m, Modality::Asserted | Modality::Claimed | Modality::Reported | Modality::Disputed)
}

fn weight(m: Modality) -> f32 {
    match m {
        Modality::Asserted => 0.6,
        Modality::Reported => 0.5,
        Modality::Claimed => 0.35,
        Modality::Disputed => 0.2,
        _ => 0.0,
    }
}

fn rank(m: Modality) -> u8 {
    match m {
        Modality::Asserted => 4,
        Modality::Reported => 3,
        Modality::Claimed => 2,
        Modality::Disputed => 1,
        _ => 0,
    }
}

/// Confidence from independent sources (distinct outlets): 1 - Π(1 - w(modality)).
pub fn confidence(sources: &[Source]) -> f32 {
    let mut best: BTreeMap<String, f32> = BTreeMap::new();
    for s in sources {
        let outlet = s.report.source.clone().unwrap_or_else(|| s.report.id.clone());
        let w = weight(s.modality);
        let e = best.entry(outlet).or_insert(0.0);
        if w > *e {
            *e = w;
        }
    }
    let miss: f32 = best.values().map(|w| 1.0 - w).product();
    ((1.0 - miss) * 100.0).round() / 100.0
}

fn strongest(sources: &[Source]) -> Modality {
    sources.iter().map(|s| s.modality).max_by_key(|m| rank(*m)).unwrap_or(Modality::Asserted)
}

/// The source of an observation, with its place and controller mentions.
pub fn source_of(o: &ControlRecord) -> Source {
    let mut mentions = Vec::new();
    if let (Some(span), Some(text)) = (o.place.span, &o.place.text) {
        mentions.push(MentionSpan {
            kind: "place".into(),
            span,
            text: text.clone(),
            label: Some(o.place.name.clone()),
        });
    }
    if let (Some(span), Some(text)) = (o.controller.span, &o.controller.text) {
        mentions.push(MentionSpan {
            kind: "actor".into(),
            span,
            text: text.clone(),
            label: Some(o.controller.name.clone()),
        });
    }
    Source { report: o.report.clone(), modality: o.modality, evidence: o.evidence.clone(), mentions }
}

/// The day picture of one place: who holds it, with what status, who else.
fn day_state(place: &PlaceRef, date: NaiveDate, obs: &[&ControlRecord]) -> ControlState {
    // Sides in order of support.
    let mut sides: Vec<(String, ActorRef, Vec<Source>, Vec<ControlStatus>)> = Vec::new();
    for o in obs {
        let k = actor_key(&o.controller);
        let src = source_of(o);
        match sides.iter_mut().find(|s| s.0 == k) {
            Some(s) => {
                s.2.push(src);
                s.3.push(o.status);
            }
            None => sides.push((k, o.controller.clone(), vec![src], vec![o.status])),
        }
    }
    sides.sort_by(|a, b| {
        let sa: f32 = confidence(&a.2);
        let sb: f32 = confidence(&b.2);
        sb.partial_cmp(&sa).unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut it = sides.into_iter();
    let (_, controller, mut sources, statuses) = it.next().expect("day_state needs observations");
    let contenders: Vec<ActorRef> = it
        .map(|(_, a, s, _)| {
            sources.extend(s);
            a
        })
        .collect();
    let status = if !contenders.is_empty() || statuses.contains(&ControlStatus::Contested) {
        ControlStatus::Contested
    } else if statuses.contains(&ControlStatus::Besieged) {
        ControlStatus::Besieged
    } else {
        ControlStatus::Controlled
    };
    ControlState {
        place: place.clone(),
        modality: strongest(&sources),
        confidence: confidence(&sources),
        controller,
        status,
        since: Some(date),
        until: None,
        contenders,
        sources,
    }
}

fn same_picture(a: &ControlState, b: &ControlState) -> bool {
    let ka: HashSet<String> = a.contenders.iter().map(actor_key).collect();
    let kb: HashSet<String> = b.contenders.iter().map(actor_key).collect();
    actor_key(&a.controller) == actor_key(&b.controller) && a.status == b.status && ka == kb
}

/// The intervals of one place's history, oldest first (callers pass one place's observations).
fn place_history(obs: &[&ControlRecord]) -> Vec<ControlState> {
    let mut by_day: BTreeMap<NaiveDate, Vec<&ControlRecord>> = BTreeMap::new();
    for o in obs {
        if !factual(o.modality) {
            continue;
        }
        if let Some(d) = control_date(o) {
            by_day.entry(d).or_default().push(o);
        }
    }
    let mut out: Vec<ControlState> = Vec::new();
    for (day, recs) in by_day {
        // The most precise place reference of the day stands for the place.
        let place = &recs[0].place;
        let st = day_state(place, day, &recs);
        match out.last_mut() {
            Some(last) if same_picture(last, &st) => {
                last.sources.extend(st.sources);
                last.confidence = confidence(&last.sources);
                last.modality = strongest(&last.sources);
            }
            _ => {
                if let Some(last) = out.last_mut() {
                    last.until = Some(day);
                }
                out.push(st);
            }
        }
    }
    out
}

fn group(obs: &[ControlRecord]) -> BTreeMap<String, Vec<&ControlRecord>> {
    let mut m: BTreeMap<String, Vec<&ControlRecord>> = BTreeMap::new();
    for o in obs {
        m.entry(place_key(&o.place)).or_default().push(o);
    }
    m
}

/// Every place's history, keyed by place.
pub fn histories(obs: &[ControlRecord]) -> BTreeMap<String, Vec<ControlState>> {
    group(obs).into_iter().map(|(k, v)| (k, place_history(&v))).collect()
}

/// The history of places whose GeoNames id is `geonameid`.
pub fn history_of(obs: &[ControlRecord], geonameid: i64) -> Vec<ControlState> {
    let mine: Vec<&ControlRecord> = obs.iter().filter(|o| o.place.geonameid == Some(geonameid)).collect();
    place_history(&mine)
}

/// Each place's state on `date` (places with no observation up to that day are absent).
pub fn as_of(obs: &[ControlRecord], date: NaiveDate) -> Vec<ControlState> {
    let mut out = Vec::new();
    for (_, h) in histories(obs) {
        if let Some(s) = h.into_iter().rev().find(|s| s.since.is_some_and(|d| d <= date)) {
            out.push(s);
        }
    }
    out
}

/// A change of a place's picture in a period.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    pub before: Option<ControlState>,
    pub after: ControlState,
}

/// Changes whose start falls in `[from, to]`, in date order.
pub fn changes(obs: &[ControlRecord], from: NaiveDate, to: NaiveDate) -> Vec<Change> {
    let mut out = Vec::new();
    for (_, h) in histories(obs) {
        for (i, s) in h.iter().enumerate() {
            if s.since.is_some_and(|d| d >= from && d <= to) {
                out.push(Change { before: if i > 0 { Some(h[i - 1].clone()) } else { None }, after: s.clone() });
            }
        }
    }
    out.sort_by(|a, b| a.after.since.cmp(&b.after.since).then_with(|| a.after.place.name.cmp(&b.after.place.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{control, d};

    #[test]
    fn town_changes_hands_and_is_contested() {
        let obs = vec![
            control("r1", "Alpha", 1, "Army", ControlStatus::Controlled, Modality::Asserted, "2024-01-02"),
            control("r2", "Alpha", 1, "Rebels", ControlStatus::Controlled, Modality::Claimed, "2024-01-10"),
            control("r3", "Alpha", 1, "Army", ControlStatus::Controlled, Modality::Claimed, "2024-01-20"),
            control("r4", "Alpha", 1, "Rebels", ControlStatus::Controlled, Modality::Claimed, "2024-01-20"),
            control("r5", "Alpha", 1, "Rebels", ControlStatus::Controlled, Modality::Forecast, "2024-01-25"),
        ];
        let h = history_of(&obs, 1);
        assert_eq!(h.len(), 3);
        assert_eq!(h[0].controller.name, "Army");
        assert_eq!(h[0].until, Some(d("2024-01-10")));
        assert_eq!(h[1].controller.name, "Rebels");
        assert_eq!(h[1].modality, Modality::Claimed);
        assert_eq!(h[2].status, ControlStatus::Contested);
        assert_eq!(h[2].contenders.len(), 1);
        let s = as_of(&obs, d("2024-01-05"));
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].controller.name, "Army");
        assert!(as_of(&obs, d("2024-01-01")).is_empty());
        let c = changes(&obs, d("2024-01-09"), d("2024-01-31"));
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].before.as_ref().map(|b| b.controller.name.as_str()), Some("Army"));
    }

    #[test]
    fn confidence_rises_with_independent_sources_and_falls_for_claims() {
        let one = [control("r1", "A", 1, "X", ControlStatus::Controlled, Modality::Asserted, "2024-01-02")];
        let claim = [control("r1", "A", 1, "X", ControlStatus::Controlled, Modality::Claimed, "2024-01-02")];
        let c1 = as_of(&one, d("2024-01-03"))[0].confidence;
        let c2 = as_of(&claim, d("2024-01-03"))[0].confidence;
        assert!(c2 < c1);
        let mut two = one.to_vec();
        let mut other = one[0].clone();
        other.report.id = "r9".into();
        other.report.source = Some("Other outlet".into());
        two.push(other);
        assert!(as_of(&two, d("2024-01-03"))[0].confidence > c1);
    }
}
