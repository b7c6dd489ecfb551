//! The pipeline: one report in, its records out. Built once (lexicons, gazetteer), then shared
//! read-only across threads.
//!
//! Stages, in data-flow order: text layer (`sitrep-model`) → places (`sitrep-places`), actors
//! (`sitrep-actors`), time (`sitrep-time`) → events and control (`sitrep-events`). The adapters
//! below turn each mention stage's output into the event stage's input ([`Mentions`]).

use sitrep_actors::{ActorMention, ActorTagger, MentionKind, PlaceCountry};
use sitrep_events::{ActorIn, ActorKind, EventExtractor, Mentions, PlaceIn, PlaceLevel, PlaceRole, Tense, TimeIn};
use sitrep_model::analyze;
use sitrep_model::record::{ControlRecord, EventRecord, PlaceRef, Record, ReportRecord, ReportRef};
use sitrep_model::{Doc, Report};
use sitrep_places::{Geoparser, Place, PlaceMention};
use std::collections::HashMap;
use std::sync::Mutex;

/// Everything extracted from one report.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    pub sentences: usize,
    pub events: Vec<EventRecord>,
    pub controls: Vec<ControlRecord>,
    /// Problems worth telling the user that did not stop extraction (e.g. no publication date).
    pub warnings: Vec<String>,
    /// The actor, place and time mentions the events were built from.
    pub mentions: Mentions,
}

impl Extraction {
    /// The extraction of `report` from its text layer, events and mentions.
    fn of(report: &Report, doc: &Doc, out: sitrep_events::Output, mentions: Mentions) -> Extraction {
        let mut warnings = Vec::new();
        if report.published.is_none() {
            warnings.push("no publication date: relative dates cannot be anchored".to_string());
        }
        Extraction { sentences: doc.sentences.len(), events: out.events, controls: out.controls, warnings, mentions }
    }

    /// The schema-v1 records in output order: the report record first, then events, then control.
    pub fn records(&self, report: &Report) -> Vec<Record> {
        let mut out = Vec::with_capacity(1 + self.events.len() + self.controls.len());
        out.push(Record::Report(ReportRecord {
            report: ReportRef::header(report),
            sentences: self.sentences,
            warnings: self.warnings.clone(),
        }));
        out.extend(self.events.iter().cloned().map(Record::Event));
        out.extend(self.controls.iter().cloned().map(Record::Control));
        out
    }

    /// [`Self::records`] without copying the records (the mentions are dropped).
    pub fn into_records(self, report: &Report) -> Vec<Record> {
        let mut out = Vec::with_capacity(1 + self.events.len() + self.controls.len());
        out.push(Record::Report(ReportRecord {
            report: ReportRef::header(report),
            sentences: self.sentences,
            warnings: self.warnings,
        }));
        out.extend(self.events.into_iter().map(Record::Event));
        out.extend(self.controls.into_iter().map(Record::Control));
        out
    }
}

/// A stage that could not be built (a broken lexicon or gazetteer).
#[derive(Debug)]
pub struct PipelineError(pub String);

impl std::fmt::Display for PipelineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PipelineError {}

pub struct Pipeline {
    geoparser: Geoparser,
    actors: ActorTagger,
    events: EventExtractor,
    /// Each province's reference (by admin-1 code), built once for all reports: reports name the
    /// same few hundred provinces, and building one from the gazetteer cost ~3,000 instructions.
    provinces: Mutex<HashMap<String, Option<PlaceRef>>>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline").finish_non_exhaustive()
    }
}

impl Default for Pipeline {
    fn default() -> Self {
        Self::new()
    }
}

impl Pipeline {
    /// The pipeline with the embedded lexicons and gazetteer. Panics only if the embedded data of
    /// this build is broken (a bug caught by the tests); see [`Pipeline::try_new`].
    pub fn new() -> Self {
        match Self::try_new() {
            Ok(p) => p,
            Err(e) => panic!("broken embedded data in this build: {e}"),
        }
    }

    pub fn try_new() -> Result<Self, PipelineError> {
        Ok(Pipeline {
            geoparser: Geoparser::embedded().map_err(|e| PipelineError(format!("gazetteer: {e}")))?,
            actors: ActorTagger::embedded().map_err(|e| PipelineError(format!("actor lexicon: {e}")))?,
            events: EventExtractor::embedded().map_err(|e| PipelineError(format!("event lexicon: {e}")))?,
            provinces: Mutex::default(),
        })
    }

    /// Replace the event stage (e.g. with user-edited cue lexicons).
    pub fn with_events(mut self, events: EventExtractor) -> Self {
        self.events = events;
        self
    }

    pub fn events(&self) -> &EventExtractor {
        &self.events
    }

    pub fn geoparser(&self) -> &Geoparser {
        &self.geoparser
    }

    pub fn actors(&self) -> &ActorTagger {
        &self.actors
    }

    pub fn extract(&self, report: &Report) -> Extraction {
        let doc = analyze(&report.text);
        let mentions = self.mentions(report, &doc);
        let out = self.events.extract(report, &doc, &mentions);
        Extraction::of(report, &doc, out, mentions)
    }

    /// [`Self::extract`] of each report, stage by stage: every stage reads all the reports before
    /// the next one starts, so its tables (the gazetteer's index, each lexicon) stay in the cache
    /// from one report to the next instead of being evicted by the other stages' at every report.
    /// The results are those of [`Self::extract`], in order.
    pub fn extract_batch(&self, reports: &[&Report]) -> Vec<Extraction> {
        let docs: Vec<Doc> = reports.iter().map(|r| analyze(&r.text)).collect();
        let found: Vec<Vec<PlaceMention>> = docs.iter().map(|d| self.geoparser.parse_doc(d)).collect();
        let placed: Vec<(Vec<PlaceCountry>, Vec<PlaceIn>)> =
            found.into_iter().zip(&docs).map(|(f, d)| self.places_in(f, d.text)).collect();
        let actors: Vec<Vec<ActorIn>> = reports
            .iter()
            .zip(&docs)
            .zip(&placed)
            .map(|((r, d), (wheres, _))| actor_mentions_in(&self.actors, r, d, wheres))
            .collect();
        let times: Vec<Vec<TimeIn>> = reports.iter().zip(&docs).map(|(r, d)| time_mentions(r, d)).collect();
        let mentions: Vec<Mentions> = placed
            .into_iter()
            .zip(actors)
            .zip(times)
            .map(|(((_, places), actors), times)| Mentions { actors, places, times }.sorted())
            .collect();
        reports
            .iter()
            .zip(&docs)
            .zip(mentions)
            .map(|((r, d), m)| {
                let out = self.events.extract(r, d, &m);
                Extraction::of(r, d, out, m)
            })
            .collect()
    }

    /// The actor, place and time mentions of a report, as the event stage reads them.
    pub fn mentions(&self, report: &Report, doc: &Doc) -> Mentions {
        let found = self.geoparser.parse_doc(doc);
        let (wheres, places) = self.places_in(found, doc.text);
        let actors = actor_mentions_in(&self.actors, report, doc, &wheres);
        let times = time_mentions(report, doc);
        Mentions { actors, places, times }.sorted()
    }

    /// The places stage's mentions of a report as the actor stage reads them (where its literal
    /// places are) and as the event stage reads them.
    fn places_in(&self, found: Vec<PlaceMention>, text: &str) -> (Vec<PlaceCountry>, Vec<PlaceIn>) {
        // Mentions of one report share few provinces: each is looked up once.
        let mut provinces: Vec<(String, Option<PlaceRef>)> = Vec::new();
        // The actor stage reads where the report's places are, to tell whose "government forces"
        // a sentence means ("…hold most of Hama province" under a BEIRUT dateline: Syria's).
        let wheres: Vec<PlaceCountry> = found
            .iter()
            .filter(|m| m.role == sitrep_places::PlaceRole::Literal)
            .filter_map(|m| Some(PlaceCountry { span: m.span, country: m.place.as_ref()?.country.clone()? }))
            .collect();
        let places = found.into_iter().map(|m| self.place_in(m, text, &mut provinces)).collect();
        (wheres, places)
    }

    /// The event stage's view of a place mention. The mention's place is moved into its reference
    /// ([`sitrep_places::place_ref`] at precision 1, without copying its strings).
    fn place_in(&self, m: PlaceMention, text: &str, provinces: &mut Vec<(String, Option<PlaceRef>)>) -> PlaceIn {
        let role = match m.role {
            sitrep_places::PlaceRole::Literal => PlaceRole::Literal,
            sitrep_places::PlaceRole::Demonym => PlaceRole::Demonym,
            sitrep_places::PlaceRole::Metonym => PlaceRole::Metonym,
        };
        let level = m.place.as_ref().map(level_of).unwrap_or(PlaceLevel::Point);
        let admin1 = m.place.as_ref().and_then(|p| p.admin1.as_deref()).and_then(|a| {
            if let Some((_, r)) = provinces.iter().find(|(k, _)| k == a) {
                return r.clone();
            }
            let r = self.province(a);
            provinces.push((a.to_string(), r.clone()));
            r
        });
        let span = m.span;
        let place = m.place.map(|p| PlaceRef {
            text: text.get(span.start..span.end).map(str::to_string),
            span: Some(span),
            name: p.name,
            geonameid: (p.geonameid > 0).then_some(p.geonameid),
            lat: p.lat,
            lon: p.lon,
            country: p.country,
            admin1: p.admin1,
            feature_code: Some(p.feature_code),
            precision: 1,
        });
        PlaceIn { span, role, place, level, admin1 }
    }

    /// The reference of the province with this admin-1 code ("SY.07"), at precision 3.
    fn province(&self, admin1: &str) -> Option<PlaceRef> {
        let mut known = self.provinces.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(r) = known.get(admin1) {
            return r.clone();
        }
        let r = self.geoparser.admin1_place(admin1).map(|p| p.reference(3));
        known.insert(admin1.to_string(), r.clone());
        r
    }
}

/// How specific a gazetteer place is (GeoNames feature class and code).
fn level_of(p: &Place) -> PlaceLevel {
    let code = p.feature_code.as_str();
    match p.feature_class.as_str() {
        "A" if code.starts_with("PCL") || code == "TERR" => PlaceLevel::Country,
        "A" => PlaceLevel::Region,
        "H" | "T" | "U" => PlaceLevel::Feature,
        "L" if matches!(code, "RGN" | "RGNE" | "AREA" | "ZN" | "ZNB" | "CONT") => PlaceLevel::Region,
        _ => PlaceLevel::Point,
    }
}

/// The actor mentions of a report as the event stage reads them (in the tagger's order).
pub fn actor_mentions(tagger: &ActorTagger, report: &Report, doc: &Doc) -> Vec<ActorIn> {
    actor_mentions_in(tagger, report, doc, &[])
}

/// [`actor_mentions`] told where the report's places are (see [`ActorTagger::tag_with_places`]).
pub fn actor_mentions_in(tagger: &ActorTagger, report: &Report, doc: &Doc, places: &[PlaceCountry]) -> Vec<ActorIn> {
    tagger.tag_with_places(doc, report.published, places).into_iter().filter_map(|m| actor_in(m, doc.text)).collect()
}

/// The time mentions of a report as the event stage reads them (in text order).
pub fn time_mentions(report: &Report, doc: &Doc) -> Vec<TimeIn> {
    sitrep_time::tag(doc, report.published)
        .iter()
        .map(|t| TimeIn {
            span: t.span,
            date: t.to_ref(doc.text),
            tense: match t.tense {
                sitrep_time::Tense::Past => Tense::Past,
                sitrep_time::Tense::Ongoing => Tense::Ongoing,
                sitrep_time::Tense::Future => Tense::Future,
                sitrep_time::Tense::Unknown => Tense::Unknown,
            },
            anchored: t.anchored,
        })
        .collect()
}

fn actor_in(m: ActorMention, text: &str) -> Option<ActorIn> {
    if m.locative {
        return None;
    }
    let kind = match m.kind {
        MentionKind::Lexicon | MentionKind::Composed | MentionKind::Official => ActorKind::Name,
        MentionKind::Metonym => ActorKind::Metonym,
        MentionKind::Pronoun => ActorKind::Pronoun,
        MentionKind::Definite => ActorKind::Definite,
    };
    Some(ActorIn { span: m.span, actor: m.into_ref(text), kind })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A batch extracts each report as `extract` does.
    #[test]
    fn a_batch_extracts_each_report_as_alone() {
        let p = Pipeline::new();
        let texts = [
            "Government forces shelled Aleppo on Monday. Rebels said they had retaken Idlib.",
            "",
            "Militants attacked a checkpoint near Mosul yesterday, killing two soldiers, police said.",
            "A quiet day.\n\nTroops entered Raqqa province last week and took the town of Tal Abyad.",
        ];
        let mut reports: Vec<Report> = texts.iter().map(|t| Report::new("r", *t)).collect();
        reports[2].published = chrono::NaiveDate::from_ymd_opt(2017, 11, 3);
        let refs: Vec<&Report> = reports.iter().collect();
        let batch = p.extract_batch(&refs);
        assert_eq!(batch.len(), reports.len());
        for (r, b) in reports.iter().zip(&batch) {
            assert_eq!(format!("{b:?}"), format!("{:?}", p.extract(r)));
        }
        assert!(batch.iter().any(|b| !b.events.is_empty()));
        assert!(p.extract_batch(&[]).is_empty());
    }

    /// `place_in` moves the place into its reference: the same reference `place_ref` builds.
    #[test]
    fn place_in_gives_the_place_ref_of_each_mention() {
        let p = Pipeline::new();
        let text = "Troops shelled Aleppo and Idlib on Monday, and a convoy left Mosul for Baghdad. \
                    Later the army entered Raqqa province and the town of Tal Abyad near Turkey.";
        let report = Report { id: "t".into(), text: text.into(), ..Default::default() };
        let doc = analyze(text);
        let found = p.geoparser().parse_doc(&doc);
        assert!(found.iter().filter(|m| m.place.is_some()).count() >= 5);
        let mentions = p.mentions(&report, &doc);
        for m in &found {
            let got = mentions.places.iter().find(|pi| pi.span == m.span).expect("every mention is passed on");
            assert_eq!(got.place, sitrep_places::place_ref(m, text, 1));
            let admin1 = m.place.as_ref().and_then(|pl| pl.admin1.as_deref());
            assert_eq!(got.admin1, admin1.and_then(|a| p.geoparser().admin1_place(a)).map(|pl| pl.reference(3)));
        }
    }
}
