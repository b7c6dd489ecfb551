//! Output records, JSON Lines schema version 1 (see DESIGN.md). This is the contract that
//! scorers, the store, the server and exports rely on: change it only additively.

use crate::report::Report;
use crate::span::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const SCHEMA_VERSION: u32 = 1;

/// The report as referenced from every record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportRef {
    pub id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl ReportRef {
    /// The short reference carried by event and control records (no title).
    pub fn of(r: &Report) -> Self {
        ReportRef {
            id: r.id.clone(),
            source: r.source.clone(),
            url: r.url.clone(),
            published: r.published,
            title: None,
        }
    }
    /// The full header of a `report` record.
    pub fn header(r: &Report) -> Self {
        ReportRef { title: r.title.clone(), ..Self::of(r) }
    }
}

/// First record written for every report read, even when nothing was found in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportRecord {
    pub report: ReportRef,
    pub sentences: usize,
    pub warnings: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub id: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlaceRef {
    pub text: Option<String>,
    pub span: Option<Span>,
    pub name: String,
    pub geonameid: Option<i64>,
    pub lat: f64,
    pub lon: f64,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub feature_code: Option<String>,
    /// 1 = the named place itself, 2 = near it / part of a region, 3 = only province or country.
    pub precision: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateRef {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub precision: DatePrecision,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Asserted,
    Claimed,
    Reported,
    Disputed,
    Planned,
    Forecast,
    Hypothetical,
    Negated,
}

impl Modality {
    pub const ALL: [Modality; 8] = [
        Modality::Asserted,
        Modality::Claimed,
        Modality::Reported,
        Modality::Disputed,
        Modality::Planned,
        Modality::Forecast,
        Modality::Hypothetical,
        Modality::Negated,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Claimed => "claimed",
            Modality::Reported => "reported",
            Modality::Disputed => "disputed",
            Modality::Planned => "planned",
            Modality::Forecast => "forecast",
            Modality::Hypothetical => "hypothetical",
            Modality::Negated => "negated",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcledType {
    pub event_type: String,
    pub sub_event_type: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PloverType {
    pub event: String,
    pub mode: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trigger {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Index of the sentence in the report.
    pub sentence: usize,
    pub span: Span,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub id: String,
    pub report: ReportRef,
    pub acled: Option<AcledType>,
    pub plover: Option<PloverType>,
    pub actor1: Vec<ActorRef>,
    pub actor2: Vec<ActorRef>,
    pub place: Option<PlaceRef>,
    pub date: Option<DateRef>,
    pub modality: Modality,
    pub attributed_to: Vec<ActorRef>,
    pub trigger: Trigger,
    pub evidence: Evidence,
    pub confidence: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ControlStatus {
    Controlled,
    Contested,
    Besieged,
}

impl ControlStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ControlStatus::Controlled => "controlled",
            ControlStatus::Contested => "contested",
            ControlStatus::Besieged => "besieged",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlRecord {
    pub report: ReportRef,
    pub place: PlaceRef,
    pub controller: ActorRef,
    pub status: ControlStatus,
    pub modality: Modality,
    pub date: Option<DateRef>,
    pub evidence: Evidence,
}

/// One line of `sitrep extract` output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "lowercase")]
pub enum Record {
    Report(ReportRecord),
    Event(EventRecord),
    Control(ControlRecord),
}

/// A stable 64-bit FNV-1a hash, hex encoded: ids that do not change between runs or platforms.
pub fn stable_id(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0x1f)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_record_has_record_tag_and_span_arrays() {
        let mut r = Report::new("r1", "Some text.");
        r.published = NaiveDate::from_ymd_opt(2017, 11, 3);
        let rec = Record::Report(ReportRecord { report: ReportRef::header(&r), sentences: 1, warnings: vec![] });
        let v = serde_json::to_value(&rec).unwrap();
        assert_eq!(v["record"], "report");
        assert_eq!(v["report"]["published"], "2017-11-03");
        let t = Trigger { text: "x".into(), span: Span::new(3, 4) };
        assert_eq!(serde_json::to_value(&t).unwrap()["span"], serde_json::json!([3, 4]));
        let back: Record = serde_json::from_value(v).unwrap();
        assert_eq!(back, rec);
    }

    #[test]
    fn stable_id_is_stable() {
        assert_eq!(stable_id(&["a", "b"]), stable_id(&["a", "b"]));
        assert_ne!(stable_id(&["ab", ""]), stable_id(&["a", "b"]));
    }
}
