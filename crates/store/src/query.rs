//! Reading: events, control as of a date, place histories, reports, full-text search.

use crate::db::{Kind, Row, Val};
use crate::model::{ControlState, EventQuery, HitKind, SearchHit, Stats, StoredEvent, StoredReport};
use crate::{dedup, Result, Store};
use chrono::NaiveDate;
use sitrep_core::record::{ControlRecord, EventRecord};
use sitrep_core::Span;
use std::collections::BTreeMap;

/// Collects parameters and hands out their `?N` placeholders.
#[derive(Default)]
struct Params(Vec<Val>);

impl Params {
    fn p(&mut self, v: impl Into<Val>) -> String {
        self.0.push(v.into());
        format!("?{}", self.0.len())
    }
}

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// The FTS5 form of a free-text query: every word quoted, all required. `None` when no word.
fn fts5_query(text: &str) -> Option<String> {
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| format!("\"{w}\"")).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

fn parse<T: serde::de::DeserializeOwned>(r: &Row, i: usize) -> Result<T> {
    Ok(serde_json::from_str(r.text(i).unwrap_or("null"))?)
}

impl Store {
    /// Events matching every filter of `q`, by date then id, each with all its mentions.
    pub fn events(&mut self, q: &EventQuery) -> Result<Vec<StoredEvent>> {
        let mut ps = Params::default();
        let mut sql = String::from("SELECT id, key, record, n_sources FROM events WHERE 1=1");
        // An event ending on or after `from` starts at most the longest span earlier: that lower
        // bound lets the date index seek instead of reading from the first event on.
        let mut bounded = false;
        if let Some(f) = q.from {
            sql += &format!(" AND date_end >= {}", ps.p(f.to_string()));
            if let Some(days) = self.longest_span_days()? {
                let lo = f.checked_sub_days(chrono::Days::new(days.max(0) as u64)).unwrap_or(NaiveDate::MIN);
                sql += &format!(" AND date_start >= {}", ps.p(lo.to_string()));
                bounded = true;
            }
        }
        if let Some(t) = q.to {
            sql += &format!(" AND date_start <= {}", ps.p(t.to_string()));
        }
        if let Some([x0, y0, x1, y1]) = q.bbox {
            // With a date window the date index is the better way in; `+` keeps the planner off
            // the latitude index then.
            let (lat, lon) = if bounded { ("+lat", "+lon") } else { ("lat", "lon") };
            sql += &format!(
                " AND {lat} BETWEEN {} AND {} AND {lon} BETWEEN {} AND {}",
                ps.p(y0.min(y1)),
                ps.p(y0.max(y1)),
                ps.p(x0.min(x1)),
                ps.p(x0.max(x1))
            );
        }
        let types: Vec<String> = q.types.iter().map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect();
        if !types.is_empty() {
            let ors: Vec<String> = types
                .iter()
                .map(|t| format!("types LIKE {} ESCAPE '\\'", ps.p(format!("%\n{}\n%", like_escape(t)))))
                .collect();
            sql += &format!(" AND ({})", ors.join(" OR "));
        }
        if let Some(a) = q.actor.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            sql += &format!(" AND actors LIKE {} ESCAPE '\\'", ps.p(format!("%{}%", like_escape(&a.to_lowercase()))));
        }
        if !q.modality.is_empty() {
            let ms: Vec<String> = q.modality.iter().map(|m| ps.p(m.as_str())).collect();
            sql += &format!(" AND modality IN ({})", ms.join(", "));
        }
        if let Some(text) = &q.text {
            match self.kind() {
                Kind::Sqlite => {
                    let Some(fq) = fts5_query(text) else { return Ok(Vec::new()) };
                    sql += &format!(
                        " AND id IN (SELECT m.event_id FROM event_mentions m WHERE m.id IN \
                         (SELECT rowid FROM mention_fts WHERE mention_fts MATCH {}))",
                        ps.p(fq)
                    );
                }
                Kind::Postgres => {
                    sql += &format!(
                        " AND id IN (SELECT event_id FROM event_mentions WHERE \
                         to_tsvector('simple', evidence) @@ plainto_tsquery('simple', {}))",
                        ps.p(text.as_str())
                    );
                }
            }
        }
        sql += " ORDER BY date_start IS NULL, date_start, id";
        if let Some(l) = q.limit {
            sql += &format!(" LIMIT {}", ps.p(l as i64));
        }
        let rows = self.conn.query(&sql, &ps.0)?;
        let ids: Vec<i64> = rows.iter().filter_map(|r| r.int(0)).collect();
        let mut mentions: BTreeMap<i64, Vec<EventRecord>> = BTreeMap::new();
        for chunk in ids.chunks(500) {
            let list: Vec<String> = chunk.iter().map(i64::to_string).collect();
            let sql = format!(
                "SELECT event_id, record FROM event_mentions WHERE event_id IN ({}) ORDER BY id",
                list.join(",")
            );
            for r in self.conn.query(&sql, &[])? {
                mentions.entry(r.int(0).unwrap_or(0)).or_default().push(parse(&r, 1)?);
            }
        }
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let ms = mentions.remove(&r.int(0).unwrap_or(0)).unwrap_or_default();
            out.push(StoredEvent {
                id: r.string(1),
                event: parse(r, 2)?,
                sources: r.int(3).unwrap_or(0).max(0) as usize,
                conflicts: dedup::conflicts(&ms),
                mentions: ms,
            });
        }
        Ok(out)
    }

    /// The longest span (date_end - date_start, in days) of any stored event, as the writers keep
    /// it (migration 6); `None` before that migration.
    fn longest_span_days(&mut self) -> Result<Option<i64>> {
        if self.version < 6 {
            return Ok(None);
        }
        self.conn.query_int("SELECT value FROM store_facts WHERE name = 'longest_event_days'", &[])
    }

    /// Every place's control state on `date` (places with no observation up to then are absent),
    /// optionally within a bbox (min_lon, min_lat, max_lon, max_lat). One index seek per place.
    pub fn control_as_of(&mut self, date: NaiveDate, bbox: Option<[f64; 4]>) -> Result<Vec<ControlState>> {
        let mut ps = Params::default();
        let d = ps.p(date.to_string());
        // A correlated subquery per place: one backward seek on (place_key, since) each, whatever
        // the number of intervals (the planner cannot turn it into a scan of all intervals).
        let mut sql = format!(
            "SELECT (SELECT ci.state FROM control_intervals ci WHERE ci.place_key = p.key AND ci.since <= {d} \
             ORDER BY ci.since DESC LIMIT 1) AS state FROM places p WHERE 1=1"
        );
        if let Some([x0, y0, x1, y1]) = bbox {
            sql += &format!(
                " AND p.lat BETWEEN {} AND {} AND p.lon BETWEEN {} AND {}",
                ps.p(y0.min(y1)),
                ps.p(y0.max(y1)),
                ps.p(x0.min(x1)),
                ps.p(x0.max(x1))
            );
        }
        sql += " ORDER BY p.name_lower, p.key";
        let mut out = Vec::new();
        self.conn.for_each_text(&sql, &ps.0, |state| {
            if let Some(state) = state {
                out.push(serde_json::from_str(state)?);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// The control history of a place: `place` is a GeoNames id, a name (case-insensitive; all
    /// places of that name) or an admin1 code such as `SY.07`. For a province (feature code ADM1)
    /// or an admin1 code, the histories of the places observed within it follow its own.
    /// Intervals oldest first, grouped by place.
    pub fn history(&mut self, place: &str) -> Result<Vec<ControlState>> {
        let place = place.trim();
        let mut rows = match place.parse::<i64>() {
            Ok(id) => {
                self.conn.query("SELECT key, place FROM places WHERE geonameid = ?1 ORDER BY key", &[Val::Int(id)])?
            }
            Err(_) => self.conn.query(
                "SELECT key, place FROM places WHERE name_lower = ?1 ORDER BY key",
                &[place.to_lowercase().into()],
            )?,
        };
        let mut keys: Vec<String> = rows.iter().map(|r| r.string(0)).collect();
        let mut areas: Vec<String> = Vec::new();
        for r in rows.drain(..) {
            let p: sitrep_core::record::PlaceRef = parse(&r, 1)?;
            if p.feature_code.as_deref().is_some_and(|f| f.starts_with("ADM1")) {
                areas.extend(p.admin1);
            }
        }
        if keys.is_empty() && !place.is_empty() {
            areas.push(place.to_string());
        }
        for a in areas {
            for r in
                self.conn.query("SELECT key FROM places WHERE admin1 = ?1 ORDER BY name_lower, key", &[a.into()])?
            {
                let k = r.string(0);
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        let mut out = Vec::new();
        for k in keys {
            let rows = self
                .conn
                .query("SELECT state FROM control_intervals WHERE place_key = ?1 ORDER BY since", &[k.into()])?;
            for r in &rows {
                out.push(parse(r, 0)?);
            }
        }
        Ok(out)
    }

    /// Control observations (derived ones included) whose day falls in `[from, to]`.
    pub fn control_observations(
        &mut self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<ControlRecord>> {
        let mut ps = Params::default();
        let mut sql = String::from("SELECT record FROM control_obs WHERE 1=1");
        if let Some(f) = from {
            sql += &format!(" AND day >= {}", ps.p(f.to_string()));
        }
        if let Some(t) = to {
            sql += &format!(" AND day <= {}", ps.p(t.to_string()));
        }
        sql += " ORDER BY day, id";
        self.conn.query(&sql, &ps.0)?.iter().map(|r| parse(r, 0)).collect()
    }

    /// A stored report by its id (the most recent one with that id) or its content hash.
    pub fn report(&mut self, id: &str) -> Result<Option<StoredReport>> {
        let Some(r) = self.conn.query_one(
            "SELECT id, content_hash, sentences, warnings, extractor, ingested_at, processed_at, mentions FROM reports \
             WHERE report_id = ?1 OR content_hash = ?1 ORDER BY id DESC LIMIT 1",
            &[id.into()],
        )?
        else {
            return Ok(None);
        };
        let pk = r.int(0).unwrap_or(0);
        let Some(report) = self.load_report(pk)? else { return Ok(None) };
        let sentences: Vec<Span> = parse(&r, 2)?;
        let warnings: Vec<String> = parse(&r, 3)?;
        let p = [Val::Int(pk)];
        let events = self.conn.query("SELECT record FROM event_mentions WHERE report = ?1 ORDER BY ord", &p)?;
        let controls = self.conn.query("SELECT record FROM control_obs WHERE report = ?1 ORDER BY ord", &p)?;
        Ok(Some(StoredReport {
            pk,
            report,
            content_hash: r.string(1),
            sentences,
            warnings,
            events: events.iter().map(|r| parse(r, 0)).collect::<Result<_>>()?,
            controls: controls.iter().map(|r| parse(r, 0)).collect::<Result<_>>()?,
            mentions: parse(&r, 7).unwrap_or(serde_json::Value::Null),
            extractor: r.string(4),
            ingested_at: r.string(5),
            processed_at: r.string(6),
        }))
    }

    /// Evidence sentences (of events and control observations) containing every word of `text`.
    pub fn search(&mut self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let lim = Val::Int(limit as i64);
        let (ev_sql, co_sql, q): (&str, &str, Val) = match self.kind() {
            Kind::Sqlite => {
                let Some(fq) = fts5_query(text) else { return Ok(Vec::new()) };
                (
                    "SELECT m.record, e.key FROM mention_fts f JOIN event_mentions m ON m.id = f.rowid \
                     JOIN events e ON e.id = m.event_id WHERE mention_fts MATCH ?1 ORDER BY m.id LIMIT ?2",
                    "SELECT o.record FROM control_fts f JOIN control_obs o ON o.id = f.rowid \
                     WHERE control_fts MATCH ?1 ORDER BY o.id LIMIT ?2",
                    fq.into(),
                )
            }
            Kind::Postgres => (
                "SELECT m.record, e.key FROM event_mentions m JOIN events e ON e.id = m.event_id WHERE \
                 to_tsvector('simple', m.evidence) @@ plainto_tsquery('simple', ?1) ORDER BY m.id LIMIT ?2",
                "SELECT o.record FROM control_obs o WHERE \
                 to_tsvector('simple', o.evidence) @@ plainto_tsquery('simple', ?1) ORDER BY o.id LIMIT ?2",
                text.into(),
            ),
        };
        let mut out = Vec::new();
        for r in self.conn.query(ev_sql, &[q.clone(), lim.clone()])? {
            let e: EventRecord = parse(&r, 0)?;
            out.push(SearchHit {
                kind: HitKind::Event,
                event_id: r.text(1).map(str::to_string),
                report: e.report,
                modality: e.modality,
                evidence: e.evidence,
            });
        }
        for r in self.conn.query(co_sql, &[q, lim])? {
            let c: ControlRecord = parse(&r, 0)?;
            out.push(SearchHit {
                kind: HitKind::Control,
                event_id: None,
                report: c.report,
                modality: c.modality,
                evidence: c.evidence,
            });
        }
        out.truncate(limit);
        Ok(out)
    }

    /// Row counts and the date range covered by events and observations.
    pub fn stats(&mut self) -> Result<Stats> {
        let count = |s: &mut Store, t: &str| -> Result<usize> {
            Ok(s.conn.query_int(&format!("SELECT COUNT(*) FROM {t}"), &[])?.unwrap_or(0).max(0) as usize)
        };
        let mut st = Stats {
            reports: count(self, "reports")?,
            events: count(self, "events")?,
            mentions: count(self, "event_mentions")?,
            controls: count(self, "control_obs")?,
            places: count(self, "places")?,
            intervals: count(self, "control_intervals")?,
            ..Stats::default()
        };
        let day = |r: Option<Row>, i: usize| r.and_then(|r| r.text(i).and_then(|d| d.parse::<NaiveDate>().ok()));
        let e = self.conn.query_one("SELECT MIN(date_start), MAX(date_end) FROM events", &[])?;
        let o = self.conn.query_one("SELECT MIN(day), MAX(day) FROM control_obs", &[])?;
        let firsts = [day(e.clone(), 0), day(o.clone(), 0)];
        let lasts = [day(e, 1), day(o, 1)];
        st.first_date = firsts.into_iter().flatten().min();
        st.last_date = lasts.into_iter().flatten().max();
        Ok(st)
    }

    /// The event types present (lower-case ACLED types, sub-event types and PLOVER codes).
    pub fn event_types(&mut self) -> Result<Vec<String>> {
        let mut set = std::collections::BTreeSet::new();
        for r in self.conn.query("SELECT DISTINCT types FROM events", &[])? {
            for t in r.string(0).split('\n').filter(|t| !t.is_empty()) {
                set.insert(t.to_string());
            }
        }
        Ok(set.into_iter().collect())
    }
}
