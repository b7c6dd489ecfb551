//! A [`Backend`] over records held in memory: for tests, for `--db memory:demo`, and as the
//! reference semantics of the API.

use crate::backend::{
    control_date, event_dates, event_type_label, BResult, Backend, ControlState, EventQuery, IngestOutcome,
    MentionSpan, Meta, ReportView,
};
use crate::timeline;
use chrono::NaiveDate;
use sitrep_core::record::{ControlRecord, EventRecord, ReportRef};
use sitrep_core::{Pipeline, Report};
use std::collections::BTreeSet;
use std::sync::{OnceLock, RwLock};

#[derive(Default)]
struct Data {
    reports: Vec<Report>,
    events: Vec<EventRecord>,
    controls: Vec<ControlRecord>,
}

/// Reports and their records in memory. New reports posted to it are extracted with the pipeline,
/// which is built on first use (building the gazetteer takes a moment).
#[derive(Default)]
pub struct MemBackend {
    data: RwLock<Data>,
    pipeline: OnceLock<Pipeline>,
    extractor: Option<Extractor>,
}

/// A replacement for the pipeline (tests): report in, events and control records out.
pub type Extractor = Box<dyn Fn(&Report) -> (Vec<EventRecord>, Vec<ControlRecord>) + Send + Sync>;

impl MemBackend {
    pub fn new() -> Self {
        Self::default()
    }

    /// A backend holding the given reports and records.
    pub fn with(items: Vec<crate::fixtures::Item>) -> Self {
        let b = Self::new();
        for (r, e, c) in items {
            b.add(r, e, c);
        }
        b
    }

    /// Extracts posted reports with `f` instead of the pipeline.
    pub fn with_extractor(mut self, f: Extractor) -> Self {
        self.extractor = Some(f);
        self
    }

    /// Adds a report with its records (replacing nothing: the caller checks duplicates).
    pub fn add(&self, report: Report, events: Vec<EventRecord>, controls: Vec<ControlRecord>) {
        let mut d = self.data.write().unwrap_or_else(|e| e.into_inner());
        d.reports.push(report);
        d.events.extend(events);
        d.controls.extend(controls);
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Data> {
        self.data.read().unwrap_or_else(|e| e.into_inner())
    }
}

/// The highlighted spans of a report: places, actors and triggers of its records, and their evidence.
pub fn mentions_of(text: &str, events: &[EventRecord], controls: &[ControlRecord]) -> Vec<MentionSpan> {
    let mut out: Vec<MentionSpan> = Vec::new();
    let mut push = |kind: &str, span: Option<sitrep_core::Span>, label: Option<String>| {
        let Some(s) = span else { return };
        let Some(t) = text.get(s.start..s.end) else { return };
        if out.iter().any(|m| m.kind == kind && m.span == s) {
            return;
        }
        out.push(MentionSpan { kind: kind.to_string(), span: s, text: t.to_string(), label });
    };
    for e in events {
        push("evidence", Some(e.evidence.span), None);
        push("trigger", Some(e.trigger.span), Some(event_type_label(e)));
        for a in e.actor1.iter().chain(&e.actor2) {
            push("actor", a.span, Some(a.name.clone()));
        }
        if let Some(p) = &e.place {
            push("place", p.span, Some(p.name.clone()));
        }
    }
    for c in controls {
        push("evidence", Some(c.evidence.span), None);
        push("place", c.place.span, Some(c.place.name.clone()));
        push("actor", c.controller.span, Some(c.controller.name.clone()));
    }
    out.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    out
}

/// Distinct actors by their timeline key, in order of first appearance.
pub fn distinct_actors<'a>(
    it: impl Iterator<Item = &'a sitrep_core::record::ActorRef>,
) -> Vec<sitrep_core::record::ActorRef> {
    let mut seen = std::collections::HashSet::new();
    it.filter(|a| seen.insert(crate::timeline::actor_key(a))).cloned().collect()
}

impl Backend for MemBackend {
    fn events(&self, q: &EventQuery) -> BResult<Vec<EventRecord>> {
        let d = self.read();
        let mut v: Vec<EventRecord> =
            d.events.iter().filter(|e| crate::backend::event_matches(q, e)).cloned().collect();
        v.sort_by_key(|e| event_dates(e).map(|x| x.0));
        if let Some(n) = q.limit {
            v.truncate(n);
        }
        Ok(v)
    }

    fn control_observations(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> BResult<Vec<ControlRecord>> {
        let d = self.read();
        Ok(d.controls
            .iter()
            .filter(|c| {
                let day = control_date(c);
                from.is_none_or(|f| day.is_some_and(|x| x >= f)) && to.is_none_or(|t| day.is_some_and(|x| x <= t))
            })
            .cloned()
            .collect())
    }

    fn control_as_of(&self, date: NaiveDate, bbox: Option<[f64; 4]>) -> BResult<Vec<ControlState>> {
        let mut v = timeline::as_of(&self.read().controls, date);
        if let Some([x0, y0, x1, y1]) = bbox {
            v.retain(|s| s.place.lon >= x0 && s.place.lon <= x1 && s.place.lat >= y0 && s.place.lat <= y1);
        }
        Ok(v)
    }

    fn history(&self, geonameid: i64) -> BResult<Vec<ControlState>> {
        Ok(timeline::history_of(&self.read().controls, geonameid))
    }

    fn report(&self, id: &str) -> BResult<Option<ReportView>> {
        let d = self.read();
        let Some(r) = d.reports.iter().find(|r| r.id == id) else { return Ok(None) };
        let events: Vec<EventRecord> = d.events.iter().filter(|e| e.report.id == id).cloned().collect();
        let controls: Vec<ControlRecord> = d.controls.iter().filter(|c| c.report.id == id).cloned().collect();
        Ok(Some(ReportView {
            report: ReportRef::header(r),
            text: r.text.clone(),
            mentions: mentions_of(&r.text, &events, &controls),
            events,
            controls,
        }))
    }

    fn ingest(&self, report: Report) -> BResult<IngestOutcome> {
        if self.read().reports.iter().any(|r| r.id == report.id && r.text == report.text) {
            return Ok(IngestOutcome { report_id: report.id, stored: false, events: 0, controls: 0 });
        }
        let (events, controls) = match &self.extractor {
            Some(f) => f(&report),
            None => {
                let x = self.pipeline.get_or_init(Pipeline::new).extract(&report);
                (x.events, x.controls)
            }
        };
        let out = IngestOutcome {
            report_id: report.id.clone(),
            stored: true,
            events: events.len(),
            controls: controls.len(),
        };
        self.add(report, events, controls);
        Ok(out)
    }

    fn meta(&self) -> BResult<Meta> {
        let d = self.read();
        let mut dates: Vec<NaiveDate> = d.events.iter().filter_map(|e| event_dates(e).map(|x| x.0)).collect();
        dates.extend(d.controls.iter().filter_map(control_date));
        let types: BTreeSet<String> = d.events.iter().map(event_type_label).collect();
        let actors: BTreeSet<String> = d
            .events
            .iter()
            .flat_map(|e| e.actor1.iter().chain(&e.actor2))
            .chain(d.controls.iter().map(|c| &c.controller))
            .map(|a| a.name.clone())
            .collect();
        Ok(Meta {
            first_date: dates.iter().min().copied(),
            last_date: dates.iter().max().copied(),
            reports: d.reports.len(),
            events: d.events.len(),
            controls: d.controls.len(),
            event_types: types.into_iter().collect(),
            actors: actors.into_iter().collect(),
            controllers: distinct_actors(d.controls.iter().map(|c| &c.controller)),
            extent: crate::backend::extent_of(d.events.iter().filter_map(|e| e.place.as_ref()).map(|p| (p.lon, p.lat))),
        })
    }
}
