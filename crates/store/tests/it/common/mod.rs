//! Builders for hand-made reports and records (our own invented texts and places), and the macro
//! that runs each store test against SQLite and PostgreSQL.
#![allow(dead_code)]

use chrono::NaiveDate;
use sitrep_core::record::{
    AcledType, ActorRef, ControlRecord, ControlStatus, DatePrecision, DateRef, EventRecord, Evidence, Modality,
    PlaceRef, PloverType, ReportRef, Trigger,
};
use sitrep_core::{Extraction, Report, Span};

pub fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

pub fn report(id: &str, source: &str, day: &str, text: &str) -> Report {
    Report {
        id: id.into(),
        source: Some(source.into()),
        url: None,
        published: Some(d(day)),
        title: None,
        text: text.into(),
    }
}

/// Invented places (fictional names at plausible coordinates).
pub fn place(name: &str, gid: i64, lat: f64, lon: f64, admin1: &str) -> PlaceRef {
    PlaceRef {
        text: Some(name.into()),
        span: None,
        name: name.into(),
        geonameid: Some(gid),
        lat,
        lon,
        country: Some("SY".into()),
        admin1: Some(admin1.into()),
        feature_code: Some("PPL".into()),
        precision: 1,
    }
}

pub fn alpha() -> PlaceRef {
    place("Tell Alpha", 9000001, 35.00, 38.00, "SY.01")
}
/// 8 km from Tell Alpha.
pub fn alpha_suburb() -> PlaceRef {
    place("Alpha Gardens", 9000002, 35.05, 38.06, "SY.01")
}
/// About 80 km from Tell Alpha, same province.
pub fn beta() -> PlaceRef {
    place("Beta Springs", 9000003, 35.55, 38.55, "SY.01")
}

pub fn actor(name: &str, country: Option<&str>, sector: &str) -> ActorRef {
    ActorRef {
        name: name.into(),
        text: Some(name.into()),
        span: None,
        country: country.map(Into::into),
        sector: Some(sector.into()),
        id: None,
    }
}

pub fn army() -> ActorRef {
    actor("Northland Army", Some("NLD"), "MIL")
}
pub fn govt_forces() -> ActorRef {
    actor("government troops", Some("NLD"), "MIL")
}
pub fn rebels() -> ActorRef {
    actor("Free Hills Front", None, "REB")
}
pub fn foreign_air() -> ActorRef {
    actor("Southland Air Force", Some("SLD"), "MIL")
}

pub fn evidence(text: &str) -> Evidence {
    Evidence { sentence: 0, span: Span::new(0, text.len()), text: text.into() }
}

#[allow(clippy::too_many_arguments)]
pub fn event(
    r: &Report,
    ty: (&str, &str),
    a1: Vec<ActorRef>,
    a2: Vec<ActorRef>,
    p: Option<PlaceRef>,
    day: Option<&str>,
    m: Modality,
    text: &str,
) -> EventRecord {
    EventRecord {
        id: sitrep_core::record::stable_id(&[&r.id, text]),
        report: ReportRef::of(r),
        acled: Some(AcledType { event_type: ty.0.into(), sub_event_type: ty.1.into() }),
        plover: Some(PloverType { event: "ASSAULT".into(), mode: None }),
        actor1: a1,
        actor2: a2,
        place: p,
        date: day.map(|s| DateRef { start: d(s), end: d(s), precision: DatePrecision::Day, text: None }),
        modality: m,
        attributed_to: vec![],
        trigger: Trigger { text: "x".into(), span: Span::new(0, 1) },
        evidence: evidence(text),
        confidence: 0.6,
    }
}

pub const BATTLE: (&str, &str) = ("Battles", "Armed clash");
pub const AIRSTRIKE: (&str, &str) = ("Explosions/Remote violence", "Air/drone strike");
pub const PROTEST: (&str, &str) = ("Protests", "Peaceful protest");
pub const RETAKE: (&str, &str) = ("Battles", "Government regains territory");

pub fn control(r: &Report, p: PlaceRef, who: ActorRef, st: ControlStatus, m: Modality, text: &str) -> ControlRecord {
    ControlRecord {
        report: ReportRef::of(r),
        place: p,
        controller: who,
        status: st,
        modality: m,
        date: r.published.map(|x| DateRef { start: x, end: x, precision: DatePrecision::Day, text: None }),
        evidence: evidence(text),
    }
}

pub fn ex(events: Vec<EventRecord>, controls: Vec<ControlRecord>) -> Extraction {
    Extraction { sentences: 1, events, controls, ..Default::default() }
}

/// Runs `fn name(url: &str)` against a fresh SQLite file and a fresh PostgreSQL database.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $name() {
                let dir = tempfile::tempdir().expect("tempdir");
                let url = dir.path().join("t.db").to_string_lossy().into_owned();
                super::$name(&url);
            })*
        }
        mod postgres {
            $(#[test] fn $name() {
                if let Some(url) = sitrep_store::testkit::fresh_database_or_skip(stringify!($name)) {
                    super::$name(&url);
                }
            })*
        }
    };
}
