//! The public values of the store API: queries in, stored events and control states out.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use sitrep_core::record::{
    ActorRef, ControlRecord, ControlStatus, EventRecord, Evidence, Modality, PlaceRef, ReportRef,
};
use sitrep_core::{Report, Span};

/// Filters of `sitrep events` (and `GET /api/events`). Every filter given must hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventQuery {
    /// Events whose dates end on or after this day.
    pub from: Option<NaiveDate>,
    /// Events whose dates start on or before this day.
    pub to: Option<NaiveDate>,
    /// min_lon, min_lat, max_lon, max_lat.
    pub bbox: Option<[f64; 4]>,
    /// ACLED event or sub-event types or PLOVER event codes; any may match (case-insensitive).
    pub types: Vec<String>,
    /// Substring of an actor's name or id in any role of any mention (case-insensitive).
    pub actor: Option<String>,
    /// The event's modality (that of its best-supported mention) is one of these.
    pub modality: Vec<Modality>,
    /// Full-text search: every word occurs in the evidence of one of the event's mentions.
    pub text: Option<String>,
    pub limit: Option<usize>,
}

/// A detail on which the mentions of one event disagree (kept, never overwritten).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// sub_event_type | plover | modality | date | place | actor1 | actor2
    pub field: String,
    pub values: Vec<String>,
}

/// One de-duplicated event: the representative record and every mention that describes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredEvent {
    /// Stable id of the merged event (the record id of its first mention).
    pub id: String,
    /// The best-supported mention, with `id` set to the event id and `confidence` to the merged
    /// confidence (rising with independent sources).
    pub event: EventRecord,
    /// Number of independent sources (distinct outlets, else distinct reports).
    pub sources: usize,
    /// Every mention, oldest first, each with its report and evidence.
    pub mentions: Vec<EventRecord>,
    pub conflicts: Vec<Conflict>,
}

impl StoredEvent {
    /// The schema-v1 `event` record with the store's additions: `sources`, `mentions` (report,
    /// modality, evidence and record id of each) and `conflicts`.
    pub fn to_json(&self) -> Value {
        let mut v = serde_json::to_value(&self.event).unwrap_or(Value::Null);
        if let Value::Object(m) = &mut v {
            let mut out = Map::new();
            out.insert("record".into(), json!("event"));
            out.extend(std::mem::take(m));
            out.insert("sources".into(), json!(self.sources));
            let mentions: Vec<Value> = self
                .mentions
                .iter()
                .map(|e| {
                    json!({"id": e.id, "report": e.report, "modality": e.modality, "date": e.date,
                           "evidence": e.evidence, "confidence": e.confidence})
                })
                .collect();
            out.insert("mentions".into(), Value::Array(mentions));
            out.insert("conflicts".into(), serde_json::to_value(&self.conflicts).unwrap_or(Value::Null));
            return Value::Object(out);
        }
        v
    }
}

/// One piece of evidence for a control state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlSource {
    pub report: ReportRef,
    pub controller: ActorRef,
    pub status: ControlStatus,
    pub modality: Modality,
    pub date: NaiveDate,
    pub evidence: Evidence,
    /// True when inferred from a territory-change event rather than a control observation (rows
    /// written by older versions; the store now stores the extraction's observations only).
    #[serde(default)]
    pub derived: bool,
}

/// A place's control over an interval `[since, until)` (`until` is `None` while it lasts).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlState {
    pub place: PlaceRef,
    pub controller: ActorRef,
    /// controlled | contested (several sides reported the same day, or fighting) | besieged.
    pub status: ControlStatus,
    /// The strongest modality among the supporting sources (asserted > reported > claimed > disputed).
    pub modality: Modality,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    /// 1 - Π(1 - w) over independent sources, w by modality (claims weigh less).
    pub confidence: f32,
    /// Other sides reported holding or fighting for the place in the same interval.
    pub contenders: Vec<ActorRef>,
    /// Every observation of the interval, supporting and conflicting, oldest first.
    pub sources: Vec<ControlSource>,
}

/// An interval of a place's control history.
pub type ControlInterval = ControlState;

impl ControlState {
    /// The schema-v1 `control` record of this state, with `since`, `until`, `confidence`,
    /// `contenders` and the full evidence list (`sources`) added.
    pub fn to_json(&self) -> Value {
        let first = self.sources.iter().find(|s| s.controller.name == self.controller.name).or(self.sources.first());
        // The record's date covers the interval up to its end, or up to its latest evidence while
        // it lasts (schema v1 needs an end).
        let last_seen = self.sources.iter().map(|s| s.date).max().unwrap_or(self.since);
        let end = self.until.and_then(|u| u.pred_opt()).unwrap_or(last_seen).max(self.since);
        json!({
            "record": "control",
            "report": first.map(|s| &s.report),
            "place": self.place,
            "controller": self.controller,
            "status": self.status,
            "modality": self.modality,
            "date": {"start": self.since, "end": end, "precision": "day"},
            "evidence": first.map(|s| &s.evidence),
            "since": self.since,
            "until": self.until,
            "confidence": self.confidence,
            "contenders": self.contenders,
            "sources": self.sources,
        })
    }

    /// A GeoJSON feature (Point) with controller, status, since, until, confidence and evidence.
    pub fn to_geojson(&self) -> Value {
        let evidence: Vec<Value> = self
            .sources
            .iter()
            .map(|s| {
                json!({"report": s.report.id, "source": s.report.source, "modality": s.modality,
                             "controller": s.controller.name, "text": s.evidence.text})
            })
            .collect();
        json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [self.place.lon, self.place.lat]},
            "properties": {
                "place": self.place.name, "geonameid": self.place.geonameid,
                "controller": self.controller.name, "status": self.status, "modality": self.modality,
                "since": self.since, "until": self.until, "confidence": self.confidence,
                "contenders": self.contenders.iter().map(|a| a.name.clone()).collect::<Vec<_>>(),
                "evidence": evidence,
            }
        })
    }
}

/// What [`crate::Store::insert_report`] did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inserted {
    /// Stored as report `id` (the store's row id) with this many event mentions and observations.
    Stored { id: i64, events: usize, controls: usize },
    /// A report with the same content hash was already stored as `id`.
    Skipped { id: i64 },
}

/// A stored report with its text layer and everything extracted from it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredReport {
    /// The store's row id.
    pub pk: i64,
    pub report: Report,
    pub content_hash: String,
    /// Sentence spans (byte offsets into the text).
    pub sentences: Vec<Span>,
    pub warnings: Vec<String>,
    /// The report's event mentions (as extracted) and control observations (derived ones included).
    pub events: Vec<EventRecord>,
    pub controls: Vec<ControlRecord>,
    /// The actor, place and time mentions found by the pipeline (its `Mentions`, as JSON).
    pub mentions: Value,
    pub extractor: String,
    pub ingested_at: String,
    pub processed_at: String,
}

/// Where a full-text hit was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    Event,
    Control,
}

/// One evidence sentence matching a full-text search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: HitKind,
    /// The merged event the mention belongs to (events only).
    pub event_id: Option<String>,
    pub report: ReportRef,
    pub modality: Modality,
    pub evidence: Evidence,
}

/// Row counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub reports: usize,
    pub events: usize,
    pub mentions: usize,
    pub controls: usize,
    pub places: usize,
    pub intervals: usize,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
}
