//! The territorial-control timeline of one place, computed from its observations (pure).
//!
//! Observations are grouped by day (the observation's date, else its report's). Planned, forecast,
//! hypothetical and negated observations never change the map. On each day:
//! - one side observed → that side holds the place, with the status observed (besieged if any
//!   observation says so; contested if any says fighting goes on);
//! - several sides observed (e.g. both claim the town) → contested: the best-supported side is the
//!   controller, the others are listed as contenders, and every claim stays in `sources`.
//!
//! Consecutive days with the same picture (controller, status, contenders) merge into one interval
//! whose evidence list grows. Confidence is 1 - Π(1 - w) over independent sources (best per
//! outlet) of the controller, with w = 0.6 asserted, 0.5 reported, 0.35 claimed, 0.2 disputed,
//! halved for observations derived from territory-change events (older databases only: the store
//! no longer infers them), and halved again when
//! contenders dispute the day.

use crate::dedup::{actor_key, outlet};
use crate::model::{ControlSource, ControlState};
use chrono::NaiveDate;
use sitrep_core::record::{ActorRef, ControlRecord, ControlStatus, Modality, PlaceRef};
use std::collections::{BTreeMap, BTreeSet};

/// One stored observation as the timeline sees it.
#[derive(Clone, Debug)]
pub struct Observation {
    pub record: ControlRecord,
    pub derived: bool,
}

impl Observation {
    /// The day the observation is about.
    pub fn day(&self) -> Option<NaiveDate> {
        self.record.date.as_ref().map(|d| d.start).or(self.record.report.published)
    }
}

fn factual(m: Modality) -> bool {
    matches!(m, Modality::Asserted | Modality::Claimed | Modality::Reported | Modality::Disputed)
}

/// The weight of one source by modality.
pub fn weight(m: Modality, derived: bool) -> f32 {
    let w = match m {
        Modality::Asserted => 0.6,
        Modality::Reported => 0.5,
        Modality::Claimed => 0.35,
        Modality::Disputed => 0.2,
        _ => 0.0,
    };
    if derived {
        w * 0.5
    } else {
        w
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

/// 1 - Π(1 - w) over independent outlets among `sources` (best weight per outlet).
pub fn confidence<'a>(sources: impl IntoIterator<Item = &'a ControlSource>) -> f32 {
    let mut best: BTreeMap<String, f32> = BTreeMap::new();
    for s in sources {
        let w = weight(s.modality, s.derived);
        let e = best.entry(outlet(&s.report)).or_insert(0.0);
        *e = e.max(w);
    }
    let miss: f32 = best.values().map(|w| 1.0 - w).product();
    ((1.0 - miss) * 100.0).round() / 100.0
}

fn source(o: &Observation, day: NaiveDate) -> ControlSource {
    ControlSource {
        report: o.record.report.clone(),
        controller: o.record.controller.clone(),
        status: o.record.status,
        modality: o.record.modality,
        date: day,
        evidence: o.record.evidence.clone(),
        derived: o.derived,
    }
}

fn clean_actor(a: &ActorRef) -> ActorRef {
    ActorRef { text: None, span: None, ..a.clone() }
}

fn clean_place(p: &PlaceRef) -> PlaceRef {
    PlaceRef { text: None, span: None, ..p.clone() }
}

/// Recomputes derived figures (confidence, modality) of a state from its sources.
fn finish(st: &mut ControlState, disputed: bool) {
    let ck = actor_key(&st.controller);
    let mine: Vec<&ControlSource> = st.sources.iter().filter(|s| actor_key(&s.controller) == ck).collect();
    let c = confidence(mine.iter().copied());
    st.confidence = if disputed { ((c * 0.5) * 100.0).round() / 100.0 } else { c };
    st.modality = mine.iter().map(|s| s.modality).max_by_key(|m| rank(*m)).unwrap_or(Modality::Asserted);
}

fn day_state(place: &PlaceRef, day: NaiveDate, obs: &[&Observation]) -> ControlState {
    // Sides in order of first appearance, then sorted by support.
    let mut sides: Vec<(String, ActorRef, Vec<ControlSource>)> = Vec::new();
    for o in obs {
        let k = actor_key(&o.record.controller);
        let s = source(o, day);
        match sides.iter_mut().find(|x| x.0 == k) {
            Some(x) => x.2.push(s),
            None => sides.push((k, clean_actor(&o.record.controller), vec![s])),
        }
    }
    sides.sort_by(|a, b| confidence(&b.2).partial_cmp(&confidence(&a.2)).unwrap_or(std::cmp::Ordering::Equal));
    let mut it = sides.into_iter();
    let (_, controller, mut sources) = it.next().unwrap_or_default();
    let statuses: BTreeSet<&str> = sources.iter().map(|s| s.status.as_str()).collect();
    let mut contenders = Vec::new();
    for (_, a, s) in it {
        contenders.push(a);
        sources.extend(s);
    }
    let status = if !contenders.is_empty() || statuses.contains("contested") {
        ControlStatus::Contested
    } else if statuses.contains("besieged") {
        ControlStatus::Besieged
    } else {
        ControlStatus::Controlled
    };
    let mut st = ControlState {
        place: clean_place(place),
        controller,
        status,
        modality: Modality::Asserted,
        since: day,
        until: None,
        confidence: 0.0,
        contenders,
        sources,
    };
    let disputed = !st.contenders.is_empty();
    finish(&mut st, disputed);
    st
}

fn same_picture(a: &ControlState, b: &ControlState) -> bool {
    let ka: BTreeSet<String> = a.contenders.iter().map(actor_key).collect();
    let kb: BTreeSet<String> = b.contenders.iter().map(actor_key).collect();
    actor_key(&a.controller) == actor_key(&b.controller) && a.status == b.status && ka == kb
}

/// The intervals of one place's history, oldest first. `obs` are that place's observations.
pub fn place_history(obs: &[Observation]) -> Vec<ControlState> {
    let mut by_day: BTreeMap<NaiveDate, Vec<&Observation>> = BTreeMap::new();
    for o in obs {
        if !factual(o.record.modality) || o.record.controller.name.trim().is_empty() {
            continue;
        }
        if let Some(d) = o.day() {
            by_day.entry(d).or_default().push(o);
        }
    }
    let mut out: Vec<ControlState> = Vec::new();
    for (day, recs) in by_day {
        // The most precise place reference of the day stands for the place.
        let place = recs.iter().map(|o| &o.record.place).min_by_key(|p| p.precision).unwrap_or(&recs[0].record.place);
        let st = day_state(place, day, &recs);
        match out.last_mut() {
            Some(last) if same_picture(last, &st) => {
                last.sources.extend(st.sources);
                let disputed = !last.contenders.is_empty();
                finish(last, disputed);
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

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::record::{DatePrecision, DateRef, Evidence, ReportRef};
    use sitrep_core::Span;

    fn obs(src: &str, who: &str, st: ControlStatus, m: Modality, day: Option<&str>, derived: bool) -> Observation {
        let d = day.map(|x| x.parse::<NaiveDate>().expect("day"));
        Observation {
            record: ControlRecord {
                report: ReportRef { id: src.into(), source: Some(src.into()), url: None, published: d, title: None },
                place: PlaceRef { name: "X".into(), geonameid: Some(1), precision: 1, ..Default::default() },
                controller: ActorRef { name: who.into(), ..Default::default() },
                status: st,
                modality: m,
                date: d.map(|d| DateRef { start: d, end: d, precision: DatePrecision::Day, text: None }),
                evidence: Evidence { sentence: 0, span: Span::new(0, 1), text: "e".into() },
            },
            derived,
        }
    }

    #[test]
    fn nothing_and_undated_and_irrealis_make_no_history() {
        assert!(place_history(&[]).is_empty());
        let v = [
            obs("a", "Army", ControlStatus::Controlled, Modality::Asserted, None, false),
            obs("b", "Army", ControlStatus::Controlled, Modality::Planned, Some("2024-01-01"), false),
            obs("c", "", ControlStatus::Controlled, Modality::Asserted, Some("2024-01-01"), false),
        ];
        assert!(place_history(&v).is_empty());
    }

    #[test]
    fn siege_then_fall() {
        let v = [
            obs("a", "Army", ControlStatus::Besieged, Modality::Asserted, Some("2024-01-01"), false),
            obs("b", "Army", ControlStatus::Besieged, Modality::Asserted, Some("2024-01-03"), false),
            obs("c", "Front", ControlStatus::Controlled, Modality::Asserted, Some("2024-01-09"), true),
        ];
        let h = place_history(&v);
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].status, ControlStatus::Besieged);
        assert_eq!(h[0].sources.len(), 2);
        assert_eq!(h[0].confidence, 0.84);
        // Derived from a territory-change event: half weight.
        assert_eq!(h[1].confidence, 0.3);
        assert_eq!(h[1].until, None);
    }
}
