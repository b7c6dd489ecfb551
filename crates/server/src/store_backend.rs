//! [`Backend`] over the real store (crates/store): SQLite files or PostgreSQL. A few connections
//! (each `Store` is one connection) let concurrent requests read in parallel (SQLite WAL).

use crate::backend::{
    event_type_label, extent_of, BResult, Backend, BackendError, ControlState, EventQuery, EventView, IngestOutcome,
    MentionSpan, Meta, ReportView, Source,
};
use crate::memory::mentions_of;
use chrono::NaiveDate;
use serde_json::Value;
use sitrep_core::record::{ControlRecord, EventRecord, ReportRef};
use sitrep_core::{Pipeline, Report, Span};
use sitrep_store::{Inserted, Store};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// How long an answer of [`Backend::meta`] is reused (ingest through this backend clears it at once;
/// writes by other processes show up after this long).
const META_TTL: Duration = Duration::from_secs(60);

pub struct StoreBackend {
    pool: Vec<Mutex<Store>>,
    next: AtomicUsize,
    pipeline: OnceLock<Pipeline>,
    /// Name admin-1 areas from the embedded gazetteer (built on first use).
    admin_names: bool,
    /// The last answer of `meta` and when it was computed (row counts, a sample of events and the
    /// whole map take a few hundred ms on a large store; the web app asks once per page load).
    meta_cache: Mutex<Option<(Instant, Meta)>>,
}

fn err(e: sitrep_store::Error) -> BackendError {
    BackendError::Other(anyhow::anyhow!("store: {e}"))
}

impl StoreBackend {
    /// Opens `url` with up to `connections` connections (one for in-memory SQLite).
    pub fn open(url: &str, connections: usize) -> anyhow::Result<Self> {
        let n = if url.contains(":memory:") { 1 } else { connections.max(1) };
        let mut pool = Vec::with_capacity(n);
        for _ in 0..n {
            pool.push(Mutex::new(Store::open(url).map_err(|e| anyhow::anyhow!("cannot open database '{url}': {e}"))?));
        }
        Ok(StoreBackend {
            pool,
            next: AtomicUsize::new(0),
            pipeline: OnceLock::new(),
            admin_names: true,
            meta_cache: Mutex::new(None),
        })
    }

    /// Leaves admin-1 areas unnamed (no gazetteer is loaded for summaries and exports).
    pub fn without_admin_names(mut self) -> Self {
        self.admin_names = false;
        self
    }

    /// Wraps an open store (one connection).
    pub fn from_store(store: Store) -> Self {
        StoreBackend {
            pool: vec![Mutex::new(store)],
            next: AtomicUsize::new(0),
            pipeline: OnceLock::new(),
            admin_names: true,
            meta_cache: Mutex::new(None),
        }
    }

    fn forget_meta(&self) {
        *self.meta_cache.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Stores a report with records made elsewhere (hand-built examples, records from another run).
    pub fn add_records(
        &self,
        report: &Report,
        events: Vec<EventRecord>,
        controls: Vec<ControlRecord>,
    ) -> anyhow::Result<bool> {
        let sentences = report.text.matches(". ").count() + 1;
        let x = sitrep_core::Extraction { sentences, events, controls, ..Default::default() };
        let stored = self.conn().insert_report(report, &x).map_err(|e| anyhow::anyhow!("store: {e}"));
        self.forget_meta();
        Ok(matches!(stored?, Inserted::Stored { .. }))
    }

    fn conn(&self) -> MutexGuard<'_, Store> {
        for m in &self.pool {
            if let Ok(g) = m.try_lock() {
                return g;
            }
        }
        let i = self.next.fetch_add(1, Ordering::Relaxed) % self.pool.len();
        self.pool[i].lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Mentions inside one control source's evidence: the controller (by its span) and the place (where
/// its surface form or name occurs in the sentence).
fn source_mentions(place: &sitrep_core::record::PlaceRef, x: &sitrep_store::ControlSource) -> Vec<MentionSpan> {
    let ev = &x.evidence;
    let mut out = Vec::new();
    if let (Some(span), Some(text)) = (x.controller.span, &x.controller.text) {
        if ev.span.contains(span) {
            out.push(MentionSpan {
                kind: "actor".into(),
                span,
                text: text.clone(),
                label: Some(x.controller.name.clone()),
            });
        }
    }
    for form in place.text.iter().chain(std::iter::once(&place.name)) {
        if form.is_empty() {
            continue;
        }
        if let Some(at) = ev.text.find(form.as_str()) {
            let span = Span::new(ev.span.start + at, ev.span.start + at + form.len());
            out.push(MentionSpan { kind: "place".into(), span, text: form.clone(), label: Some(place.name.clone()) });
            break;
        }
    }
    out
}

fn state(mut s: sitrep_store::ControlState) -> ControlState {
    // Sources are moved, not cloned (a whole-map answer holds thousands of them).
    let sources = std::mem::take(&mut s.sources)
        .into_iter()
        .map(|x| {
            let mentions = source_mentions(&s.place, &x);
            Source { report: x.report, modality: x.modality, evidence: x.evidence, mentions }
        })
        .collect();
    ControlState {
        sources,
        place: s.place,
        controller: s.controller,
        status: s.status,
        modality: s.modality,
        since: Some(s.since),
        until: s.until,
        confidence: s.confidence,
        contenders: s.contenders,
    }
}

/// The pipeline's mentions (as stored JSON: actors, places, times with spans) as highlight spans.
fn pipeline_mentions(text: &str, v: &Value) -> Vec<MentionSpan> {
    let mut out = Vec::new();
    for (list, kind, label) in [
        ("actors", "actor", ["actor", "name"]),
        ("places", "place", ["place", "name"]),
        ("times", "time", ["date", "start"]),
    ] {
        for m in v.get(list).and_then(Value::as_array).into_iter().flatten() {
            let Some(sp) = m.get("span").and_then(|s| serde_json::from_value::<Span>(s.clone()).ok()) else { continue };
            let Some(t) = text.get(sp.start..sp.end) else { continue };
            let label = m.get(label[0]).and_then(|x| x.get(label[1])).and_then(Value::as_str).map(str::to_string);
            out.push(MentionSpan { kind: kind.to_string(), span: sp, text: t.to_string(), label });
        }
    }
    out
}

impl Backend for StoreBackend {
    fn events(&self, q: &EventQuery) -> BResult<Vec<EventRecord>> {
        let evs = self.conn().events(q).map_err(err)?;
        Ok(evs.into_iter().map(|e| e.event).collect())
    }

    fn event_views(&self, q: &EventQuery) -> BResult<Vec<EventView>> {
        let evs = self.conn().events(q).map_err(err)?;
        Ok(evs
            .into_iter()
            .map(|se| {
                let mut v = EventView::single(se.event);
                for m in se.mentions {
                    let dup =
                        v.sources.iter().any(|s| s.report.id == m.report.id && s.evidence.span == m.evidence.span);
                    if !dup {
                        v.sources.extend(EventView::single(m).sources);
                    }
                }
                v
            })
            .collect())
    }

    fn control_observations(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> BResult<Vec<ControlRecord>> {
        self.conn().control_observations(from, to).map_err(err)
    }

    fn control_as_of(&self, date: NaiveDate, bbox: Option<[f64; 4]>) -> BResult<Vec<ControlState>> {
        Ok(self.conn().control_as_of(date, bbox).map_err(err)?.into_iter().map(state).collect())
    }

    fn history(&self, geonameid: i64) -> BResult<Vec<ControlState>> {
        Ok(self.conn().history(&geonameid.to_string()).map_err(err)?.into_iter().map(state).collect())
    }

    fn report(&self, id: &str) -> BResult<Option<ReportView>> {
        let Some(r) = self.conn().report(id).map_err(err)? else { return Ok(None) };
        let mut mentions = mentions_of(&r.report.text, &r.events, &r.controls);
        for m in pipeline_mentions(&r.report.text, &r.mentions) {
            if !mentions.iter().any(|x| x.kind == m.kind && x.span == m.span) {
                mentions.push(m);
            }
        }
        mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        Ok(Some(ReportView {
            report: ReportRef::header(&r.report),
            text: r.report.text,
            mentions,
            events: r.events,
            controls: r.controls,
        }))
    }

    fn ingest(&self, report: Report) -> BResult<IngestOutcome> {
        let x = self.pipeline.get_or_init(Pipeline::new).extract(&report);
        let id = report.id.clone();
        let stored = self.conn().insert_report(&report, &x).map_err(err);
        self.forget_meta();
        match stored? {
            Inserted::Stored { events, controls, .. } => {
                Ok(IngestOutcome { report_id: id, stored: true, events, controls })
            }
            Inserted::Skipped { .. } => Ok(IngestOutcome { report_id: id, stored: false, events: 0, controls: 0 }),
        }
    }

    fn admin1_name(&self, code: &str) -> Option<String> {
        if !self.admin_names {
            return None;
        }
        self.pipeline.get_or_init(Pipeline::new).geoparser().admin1_place(code).map(|p| p.name)
    }

    fn meta(&self) -> BResult<Meta> {
        // One computation at a time: concurrent page loads wait for it and share the answer.
        let mut cache = self.meta_cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((at, m)) = cache.as_ref() {
            if at.elapsed() < META_TTL {
                return Ok(m.clone());
            }
        }
        let m = self.compute_meta()?;
        *cache = Some((Instant::now(), m.clone()));
        Ok(m)
    }
}

impl StoreBackend {
    fn compute_meta(&self) -> BResult<Meta> {
        let mut c = self.conn();
        let st = c.stats().map_err(err)?;
        // Filter vocabularies from a sample of events (labels as the records spell them).
        let sample = c.events(&EventQuery { limit: Some(5000), ..Default::default() }).map_err(err)?;
        let mut types = BTreeSet::new();
        let mut actors = BTreeSet::new();
        for e in &sample {
            types.insert(event_type_label(&e.event));
            for a in e.event.actor1.iter().chain(&e.event.actor2) {
                actors.insert(a.name.clone());
            }
        }
        // The first view of a large store: where the last 90 days' events are.
        let recent = match st.last_date.and_then(|d| d.checked_sub_days(chrono::Days::new(90))) {
            Some(from) => c.events(&EventQuery { from: Some(from), limit: Some(5000), ..Default::default() }),
            None => Ok(Vec::new()),
        };
        let places = recent.map_err(err)?.into_iter().filter_map(|e| e.event.place);
        let extent = extent_of(places.map(|p| (p.lon, p.lat)));
        let mut sides = Vec::new();
        if let Some(d) = st.last_date {
            for s in c.control_as_of(d, None).map_err(err)? {
                actors.insert(s.controller.name.clone());
                sides.push(s.controller);
                sides.extend(s.contenders);
            }
        }
        Ok(Meta {
            first_date: st.first_date,
            last_date: st.last_date,
            reports: st.reports,
            events: st.events,
            controls: st.controls,
            event_types: types.into_iter().collect(),
            actors: actors.into_iter().collect(),
            controllers: crate::memory::distinct_actors(sides.iter()),
            extent,
        })
    }
}
