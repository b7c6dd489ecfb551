//! What the server needs from a store, as a small trait. `sitrep serve` implements it over the
//! real store (crates/store); [`crate::memory::MemBackend`] implements it over records in memory
//! (tests, JSONL files). Every method is blocking; the HTTP layer calls them on a blocking thread.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_core::record::{
    ActorRef, ControlRecord, ControlStatus, EventRecord, Evidence, Modality, PlaceRef, ReportRef,
};
use sitrep_core::{Report, Span};

/// Filters of `GET /api/events`: the store's own query type (the same filters as `sitrep events`),
/// so the API, the CLI and every backend read one definition. [`event_matches`] is its reference
/// semantics for backends without an index.
pub use sitrep_store::EventQuery;

/// One source of a fact: the report and the evidence sentence in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub report: ReportRef,
    pub modality: Modality,
    pub evidence: Evidence,
    /// The place and side mentioned in the evidence, for highlighting.
    #[serde(default)]
    pub mentions: Vec<MentionSpan>,
}

/// An event with every source that reported it (the store merges mentions of one happening).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    #[serde(flatten)]
    pub event: EventRecord,
    /// Every report that mentions the event, with its modality and evidence (the event's own first).
    pub sources: Vec<Source>,
}

impl EventView {
    /// The event as its only source.
    pub fn single(event: EventRecord) -> Self {
        let mut mentions = Vec::new();
        for a in event.actor1.iter().chain(&event.actor2) {
            if let (Some(span), Some(text)) = (a.span, &a.text) {
                mentions.push(MentionSpan {
                    kind: "actor".into(),
                    span,
                    text: text.clone(),
                    label: Some(a.name.clone()),
                });
            }
        }
        if let Some(p) = &event.place {
            if let (Some(span), Some(text)) = (p.span, &p.text) {
                mentions.push(MentionSpan {
                    kind: "place".into(),
                    span,
                    text: text.clone(),
                    label: Some(p.name.clone()),
                });
            }
        }
        mentions.push(MentionSpan {
            kind: "trigger".into(),
            span: event.trigger.span,
            text: event.trigger.text.clone(),
            label: None,
        });
        let src = Source {
            report: event.report.clone(),
            modality: event.modality,
            evidence: event.evidence.clone(),
            mentions,
        };
        EventView { sources: vec![src], event }
    }
}

/// A place's control state over an interval (`since`..`until`, inclusive start, exclusive end).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlState {
    pub place: PlaceRef,
    pub controller: ActorRef,
    pub status: ControlStatus,
    /// The strongest modality among the sources: asserted/reported beat claimed.
    pub modality: Modality,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub confidence: f32,
    /// Other sides said to hold or fight over the place at the same time (contested or conflicting claims).
    #[serde(default)]
    pub contenders: Vec<ActorRef>,
    pub sources: Vec<Source>,
}

/// One highlighted span in a report view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionSpan {
    /// place | actor | trigger | evidence
    pub kind: String,
    pub span: Span,
    pub text: String,
    /// What it resolved to (place name, actor name, event type).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// A stored report with everything extracted from it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    pub report: ReportRef,
    pub text: String,
    pub mentions: Vec<MentionSpan>,
    pub events: Vec<EventRecord>,
    pub controls: Vec<ControlRecord>,
}

/// What `POST /api/reports` did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IngestOutcome {
    pub report_id: String,
    /// False when the same report was already stored.
    pub stored: bool,
    pub events: usize,
    pub controls: usize,
}

/// Overall figures for the web app: date range for the slider, counts, vocabularies for filters.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    pub reports: usize,
    pub events: usize,
    pub controls: usize,
    pub event_types: Vec<String>,
    pub actors: Vec<String>,
    /// The sides that hold or contest places (for stable map colours).
    #[serde(default)]
    pub controllers: Vec<ActorRef>,
    /// Where the recent events are, `[west, south, east, north]` (the 2nd to 98th percentile of
    /// their longitudes and latitudes, so that one far-off event does not zoom the map out to the
    /// world): the first view of a store too large to show whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extent: Option<[f64; 4]>,
}

/// The extent (`[west, south, east, north]`) of the middle 96% of `points` (lon, lat) on each axis;
/// `None` without a finite point.
pub fn extent_of(points: impl Iterator<Item = (f64, f64)>) -> Option<[f64; 4]> {
    let (mut lons, mut lats): (Vec<f64>, Vec<f64>) = points.filter(|(x, y)| x.is_finite() && y.is_finite()).unzip();
    if lons.is_empty() {
        return None;
    }
    lons.sort_by(f64::total_cmp);
    lats.sort_by(f64::total_cmp);
    let n = lons.len();
    let (lo, hi) = (n / 50, n - 1 - n / 50);
    Some([lons[lo], lats[lo], lons[hi], lats[hi]])
}

/// A failure of the backend, mapped to an HTTP status by the API.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Other(#[from] anyhow::Error),
}

pub type BResult<T> = Result<T, BackendError>;

/// The store as the server sees it.
pub trait Backend: Send + Sync + 'static {
    fn events(&self, q: &EventQuery) -> BResult<Vec<EventRecord>>;
    /// The events with all their sources (default: each event is its own only source).
    fn event_views(&self, q: &EventQuery) -> BResult<Vec<EventView>> {
        Ok(self.events(q)?.into_iter().map(EventView::single).collect())
    }
    /// Control observations whose date falls in `[from, to]` (either bound open when `None`).
    fn control_observations(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> BResult<Vec<ControlRecord>>;
    /// Every place's control state on `date`, optionally only places within `bbox`
    /// (min_lon, min_lat, max_lon, max_lat).
    fn control_as_of(&self, date: NaiveDate, bbox: Option<[f64; 4]>) -> BResult<Vec<ControlState>>;
    fn history(&self, geonameid: i64) -> BResult<Vec<ControlState>>;
    fn report(&self, id: &str) -> BResult<Option<ReportView>>;
    fn ingest(&self, report: Report) -> BResult<IngestOutcome>;
    fn meta(&self) -> BResult<Meta>;
    /// The name of a GeoNames admin-1 area ("SY.07"), when the backend can tell (default: no).
    fn admin1_name(&self, _code: &str) -> Option<String> {
        None
    }
}

/// The date an event is about: its own date, else its report's publication date.
pub fn event_dates(e: &EventRecord) -> Option<(NaiveDate, NaiveDate)> {
    match &e.date {
        Some(d) => Some((d.start, d.end)),
        None => e.report.published.map(|p| (p, p)),
    }
}

/// The date a control observation is about.
pub fn control_date(c: &ControlRecord) -> Option<NaiveDate> {
    c.date.as_ref().map(|d| d.start).or(c.report.published)
}

/// The label of an event's type: ACLED sub-event type, else PLOVER event.
pub fn event_type_label(e: &EventRecord) -> String {
    if let Some(a) = &e.acled {
        return a.event_type.clone();
    }
    if let Some(p) = &e.plover {
        return p.event.clone();
    }
    "Event".to_string()
}

fn contains_ci(hay: &str, needle_lower: &str) -> bool {
    hay.to_lowercase().contains(needle_lower)
}

/// Whether an event passes every filter of `q` (the reference semantics; stores use indexes).
pub fn event_matches(q: &EventQuery, e: &EventRecord) -> bool {
    if q.from.is_some() || q.to.is_some() {
        let Some((start, end)) = event_dates(e) else { return false };
        if q.from.is_some_and(|f| end < f) || q.to.is_some_and(|t| start > t) {
            return false;
        }
    }
    if let Some([x0, y0, x1, y1]) = q.bbox {
        let Some(p) = &e.place else { return false };
        if !(p.lon >= x0 && p.lon <= x1 && p.lat >= y0 && p.lat <= y1) {
            return false;
        }
    }
    if !q.types.is_empty() {
        let ok = q.types.iter().any(|t| {
            let t = t.trim();
            e.acled
                .as_ref()
                .is_some_and(|a| a.event_type.eq_ignore_ascii_case(t) || a.sub_event_type.eq_ignore_ascii_case(t))
                || e.plover.as_ref().is_some_and(|p| p.event.eq_ignore_ascii_case(t))
        });
        if !ok {
            return false;
        }
    }
    if let Some(a) = &q.actor {
        let a = a.to_lowercase();
        let hit = e
            .actor1
            .iter()
            .chain(&e.actor2)
            .chain(&e.attributed_to)
            .any(|r| contains_ci(&r.name, &a) || r.id.as_deref().is_some_and(|id| contains_ci(id, &a)));
        if !hit {
            return false;
        }
    }
    if !q.modality.is_empty() && !q.modality.contains(&e.modality) {
        return false;
    }
    if let Some(words) = &q.text {
        let text = e.evidence.text.to_lowercase();
        if !words.split_whitespace().all(|w| text.contains(&w.to_lowercase())) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::extent_of;

    #[test]
    fn extent_leaves_out_a_far_off_outlier() {
        // 99 events around the Euphrates valley and one mis-placed in the Americas.
        let mut pts: Vec<(f64, f64)> = (0..99).map(|i| (40.0 + i as f64 / 99.0, 34.5 + i as f64 / 198.0)).collect();
        pts.push((-77.0, 38.9));
        let [w, s, e, n] = extent_of(pts.into_iter()).expect("extent");
        assert!(w >= 40.0 && e < 41.0 && s >= 34.5 && n < 35.0, "{w} {s} {e} {n}");
        assert_eq!(extent_of([(f64::NAN, 1.0)].into_iter()), None);
        assert_eq!(extent_of([(36.2, 33.5)].into_iter()), Some([36.2, 33.5, 36.2, 33.5]));
    }
}
