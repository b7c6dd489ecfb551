//! Writing extractions: event mentions (merged into events), control observations (with their
//! places) and the per-place control intervals. Called inside a transaction.

use crate::db::{Kind, Val};
use crate::dedup::{self, event_days, place_key};
use crate::timeline::{place_history, Observation};
use crate::{Error, Result, Store};
use chrono::Days;
use sitrep_core::record::{ControlRecord, EventRecord, PlaceRef};
use sitrep_core::Extraction;
use std::collections::BTreeSet;

fn day_str(d: chrono::NaiveDate) -> Val {
    Val::Text(d.to_string())
}

/// The `events` columns types, date_start, date_end, place_key, geonameid, admin1, lat, lon,
/// modality, confidence, n_mentions, n_sources, actors and record of the event `key` made of
/// `mentions` (not empty): its representative record with the merged confidence.
fn event_values(key: String, mentions: &[EventRecord]) -> Result<Vec<Val>> {
    let mut rec = mentions[dedup::representative(mentions)].clone();
    rec.id = key;
    rec.confidence = dedup::merged_confidence(mentions);
    let days = event_days(&rec);
    let place = rec.place.as_ref();
    Ok(vec![
        dedup::types_text(&rec).into(),
        days.map(|d| d.0.to_string()).into(),
        days.map(|d| d.1.to_string()).into(),
        place.map(place_key).into(),
        place.and_then(|p| p.geonameid).into(),
        place.and_then(|p| p.admin1.clone()).into(),
        place.map(|p| p.lat).filter(|v| v.is_finite()).into(),
        place.map(|p| p.lon).filter(|v| v.is_finite()).into(),
        rec.modality.as_str().into(),
        Val::Real(rec.confidence as f64),
        Val::Int(mentions.len() as i64),
        Val::Int(dedup::source_count(mentions) as i64),
        dedup::actors_text(mentions).into(),
        serde_json::to_string(&rec)?.into(),
    ])
}

impl Store {
    /// Stores one report's events and control observations; returns (mentions, observations).
    pub(crate) fn store_extraction(
        &mut self,
        pk: i64,
        ex: &Extraction,
        dirty: &mut BTreeSet<String>,
    ) -> Result<(usize, usize)> {
        for (i, e) in ex.events.iter().enumerate() {
            self.add_mention(pk, i, e)?;
        }
        // Control comes only from the extraction's observations: the extractor already turns every
        // territory change whose winner it knows into one, and an event record alone cannot tell
        // the winner from the loser ("the army withdrew from X", "lost control of X").
        for (i, c) in ex.controls.iter().enumerate() {
            self.add_observation(pk, i, c, false, dirty)?;
        }
        Ok((ex.events.len(), ex.controls.len()))
    }

    /// Removes one report's mentions and observations (before re-extraction).
    pub(crate) fn remove_extraction(&mut self, pk: i64, dirty: &mut BTreeSet<String>) -> Result<()> {
        let p = [Val::Int(pk)];
        let events: Vec<i64> = self
            .conn
            .query("SELECT DISTINCT event_id FROM event_mentions WHERE report = ?1", &p)?
            .iter()
            .filter_map(|r| r.int(0))
            .collect();
        for r in self.conn.query("SELECT DISTINCT place_key FROM control_obs WHERE report = ?1", &p)? {
            dirty.insert(r.string(0));
        }
        if self.kind() == Kind::Sqlite {
            // External-content FTS tables: an entry is removed by giving the text it indexed.
            self.flush_fts()?;
            self.conn.exec(
                "INSERT INTO mention_fts (mention_fts, rowid, evidence) \
                 SELECT 'delete', id, evidence FROM event_mentions WHERE report = ?1",
                &p,
            )?;
            self.conn.exec(
                "INSERT INTO control_fts (control_fts, rowid, evidence) \
                 SELECT 'delete', id, evidence FROM control_obs WHERE report = ?1",
                &p,
            )?;
        }
        self.conn.exec("DELETE FROM event_mentions WHERE report = ?1", &p)?;
        self.conn.exec("DELETE FROM control_obs WHERE report = ?1", &p)?;
        for id in events {
            self.refresh_event(id)?;
        }
        Ok(())
    }

    fn mentions_of(&mut self, event_id: i64) -> Result<Vec<EventRecord>> {
        let rows = self
            .conn
            .query("SELECT record FROM event_mentions WHERE event_id = ?1 ORDER BY id", &[Val::Int(event_id)])?;
        rows.iter().map(|r| Ok(serde_json::from_str(r.text(0).unwrap_or("null"))?)).collect()
    }

    /// The existing event this mention describes, if any (see [`crate::dedup`]).
    /// Only events with an id above `above` are candidates (re-clustering builds new events).
    fn find_event(&mut self, pk: i64, e: &EventRecord, above: i64) -> Result<Option<i64>> {
        let (Some(place), Some((start, end))) = (&e.place, event_days(e)) else { return Ok(None) };
        let lo = start.checked_sub_days(Days::new(40)).unwrap_or(start);
        let hi = end.checked_add_days(Days::new(dedup::SLACK_DAYS)).unwrap_or(end);
        let from = start.checked_sub_days(Days::new(dedup::SLACK_DAYS)).unwrap_or(start);
        let dlat = dedup::MAX_KM / 111.0;
        let dlon = dedup::MAX_KM / (111.0 * place.lat.to_radians().cos().abs().max(0.05));
        // `+id`: the date index narrows the candidates; without the `+` SQLite would walk every
        // event by rowid for `id > ?11 ORDER BY id` (one full scan per stored mention).
        let rows = self.conn.query(
            "SELECT id FROM events WHERE date_start >= ?1 AND date_start <= ?2 AND date_end >= ?3 \
             AND (place_key = ?4 OR (lat BETWEEN ?5 AND ?6 AND lon BETWEEN ?7 AND ?8) OR admin1 = ?9) \
             AND id NOT IN (SELECT event_id FROM event_mentions WHERE report = ?10) AND +id > ?11 ORDER BY id",
            &[
                day_str(lo),
                day_str(hi),
                day_str(from),
                place_key(place).into(),
                Val::Real(place.lat - dlat),
                Val::Real(place.lat + dlat),
                Val::Real(place.lon - dlon),
                Val::Real(place.lon + dlon),
                place.admin1.clone().into(),
                Val::Int(pk),
                Val::Int(above),
            ],
        )?;
        let mut best: Option<(f64, i64)> = None;
        for id in rows.iter().filter_map(|r| r.int(0)) {
            let mentions = self.mentions_of(id)?;
            let mut worst = 0.0f64;
            let mut ok = !mentions.is_empty();
            for m in &mentions {
                match dedup::compatible(e, m) {
                    Some(s) => worst = worst.max(s),
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok && best.is_none_or(|(b, _)| worst < b) {
                best = Some((worst, id));
            }
        }
        Ok(best.map(|(_, id)| id))
    }

    /// A new event made of the one mention `e`, keyed by the mention's record id (made unique if
    /// taken): the row a [`Store::refresh_event`] of it would write, in one statement.
    fn new_event(&mut self, pk: i64, ord: usize, e: &EventRecord) -> Result<i64> {
        let base = if e.id.is_empty() { format!("e{pk}-{ord}") } else { e.id.clone() };
        let mut key = base.clone();
        let mut n = 1;
        while self.conn.query_int("SELECT id FROM events WHERE key = ?1", &[key.as_str().into()])?.is_some() {
            n += 1;
            key = format!("{base}-{n}");
        }
        let mut vals = event_values(key.clone(), std::slice::from_ref(e))?;
        vals.push(key.into());
        self.note_event_span(e)?;
        self.conn
            .query_int(
                "INSERT INTO events (types, date_start, date_end, place_key, geonameid, admin1, lat, lon, modality, \
                 confidence, n_mentions, n_sources, actors, record, key) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id",
                &vals,
            )?
            .ok_or_else(|| Error::Other("insert returned no id".into()))
    }

    fn add_mention(&mut self, pk: i64, ord: usize, e: &EventRecord) -> Result<()> {
        let (event_id, merged) = match self.find_event(pk, e, 0)? {
            Some(id) => (id, true),
            None => (self.new_event(pk, ord, e)?, false),
        };
        let mid = self
            .conn
            .query_int(
                "INSERT INTO event_mentions (event_id, report, ord, record_id, outlet, modality, evidence, record) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
                &[
                    Val::Int(event_id),
                    Val::Int(pk),
                    Val::Int(ord as i64),
                    e.id.as_str().into(),
                    dedup::outlet(&e.report).into(),
                    e.modality.as_str().into(),
                    e.evidence.text.as_str().into(),
                    serde_json::to_string(e)?.into(),
                ],
            )?
            .ok_or_else(|| Error::Other("insert returned no id".into()))?;
        if self.kind() == Kind::Sqlite {
            self.fts_mentions.push(mid);
        }
        if merged {
            self.refresh_event(event_id)?;
        }
        Ok(())
    }

    /// Rebuilds every merged event from all mentions, in report and mention order: the same
    /// grouping a clean ingest of the stored reports would make (greedy merging depends on order,
    /// and reprocessing re-adds a report's mentions while later reports are present). One
    /// transaction; event ids (keys) are kept where the first mention is the same.
    pub fn recluster(&mut self) -> Result<usize> {
        self.in_tx(|s| {
            let above = s.conn.query_int("SELECT COALESCE(MAX(id), 0) FROM events", &[])?.unwrap_or(0);
            s.conn.exec("UPDATE events SET key = 'old:' || key", &[])?;
            let ids = s.conn.query("SELECT id, report, ord FROM event_mentions ORDER BY report, ord, id", &[])?;
            for chunk in ids.chunks(500) {
                let list: Vec<String> = chunk.iter().filter_map(|r| r.int(0)).map(|i| i.to_string()).collect();
                let sql = format!("SELECT id, record FROM event_mentions WHERE id IN ({})", list.join(","));
                let records: std::collections::HashMap<i64, String> =
                    s.conn.query(&sql, &[])?.into_iter().map(|r| (r.int(0).unwrap_or(0), r.string(1))).collect();
                for r in chunk {
                    let (mid, pk, ord) = (r.int(0).unwrap_or(0), r.int(1).unwrap_or(0), r.int(2).unwrap_or(0));
                    let e: EventRecord = serde_json::from_str(records.get(&mid).map_or("null", String::as_str))?;
                    let (eid, merged) = match s.find_event(pk, &e, above)? {
                        Some(id) => (id, true),
                        None => (s.new_event(pk, ord.max(0) as usize, &e)?, false),
                    };
                    s.conn.exec(
                        "UPDATE event_mentions SET event_id = ?1 WHERE id = ?2",
                        &[Val::Int(eid), Val::Int(mid)],
                    )?;
                    if merged {
                        s.refresh_event(eid)?;
                    }
                }
            }
            s.conn.exec("DELETE FROM events WHERE id <= ?1", &[Val::Int(above)])?;
            Ok(s.conn.query_int("SELECT COUNT(*) FROM events", &[])?.unwrap_or(0).max(0) as usize)
        })
    }

    /// Recomputes an event's representative record and figures from its mentions (deletes it when
    /// no mention is left).
    pub(crate) fn refresh_event(&mut self, id: i64) -> Result<()> {
        let mentions = self.mentions_of(id)?;
        if mentions.is_empty() {
            self.conn.exec("DELETE FROM events WHERE id = ?1", &[Val::Int(id)])?;
            return Ok(());
        }
        let key = self.conn.query_one("SELECT key FROM events WHERE id = ?1", &[Val::Int(id)])?.map(|r| r.string(0));
        let rep = &mentions[dedup::representative(&mentions)];
        let key = key.unwrap_or_else(|| rep.id.clone());
        self.note_event_span(rep)?;
        let mut vals = event_values(key, &mentions)?;
        vals.push(Val::Int(id));
        self.conn.exec(
            "UPDATE events SET types = ?1, date_start = ?2, date_end = ?3, place_key = ?4, geonameid = ?5, admin1 = ?6, \
             lat = ?7, lon = ?8, modality = ?9, confidence = ?10, n_mentions = ?11, n_sources = ?12, actors = ?13, \
             record = ?14 WHERE id = ?15",
            &vals,
        )?;
        Ok(())
    }

    /// Raises the stored longest event span (see `migrate` V6) when the event record `e` (as its
    /// event row is written) spans longer. One-day events, the most, cost nothing.
    fn note_event_span(&mut self, e: &EventRecord) -> Result<()> {
        let days = event_days(e).map_or(0, |(a, b)| (b - a).num_days());
        if days > 0 && self.version >= 6 {
            self.conn.exec(
                "UPDATE store_facts SET value = ?1 WHERE name = 'longest_event_days' AND value < ?1",
                &[Val::Int(days)],
            )?;
        }
        Ok(())
    }

    /// Recomputes the longest event span from the events themselves: for events written through
    /// [`Store::conn`] (bulk generators), which bypasses the write path that keeps it.
    pub fn recompute_event_span(&mut self) -> Result<()> {
        let longest = match self.kind() {
            Kind::Sqlite => "CAST(MAX(julianday(date_end) - julianday(date_start)) AS INTEGER)",
            Kind::Postgres => "MAX(date_end::date - date_start::date)",
        };
        let sql = format!(
            "UPDATE store_facts SET value = (SELECT COALESCE({longest}, 0) FROM events) \
             WHERE name = 'longest_event_days'"
        );
        self.conn.exec(&sql, &[])?;
        Ok(())
    }

    fn upsert_place(&mut self, p: &PlaceRef) -> Result<String> {
        let key = place_key(p);
        let clean = PlaceRef { text: None, span: None, ..p.clone() };
        let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
        self.conn.exec(
            "INSERT INTO places (key, name, name_lower, geonameid, lat, lon, admin1, country, place) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (key) DO NOTHING",
            &[
                key.as_str().into(),
                p.name.as_str().into(),
                p.name.trim().to_lowercase().into(),
                p.geonameid.into(),
                Val::Real(finite(p.lat)),
                Val::Real(finite(p.lon)),
                p.admin1.clone().into(),
                p.country.clone().into(),
                serde_json::to_string(&clean)?.into(),
            ],
        )?;
        Ok(key)
    }

    fn add_observation(
        &mut self,
        pk: i64,
        ord: usize,
        c: &ControlRecord,
        derived: bool,
        dirty: &mut BTreeSet<String>,
    ) -> Result<()> {
        let key = self.upsert_place(&c.place)?;
        let day = c.date.as_ref().map(|d| d.start).or(c.report.published);
        let oid = self
            .conn
            .query_int(
                "INSERT INTO control_obs (report, ord, place_key, day, controller_key, status, modality, derived, \
                 evidence, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
                &[
                    Val::Int(pk),
                    Val::Int(ord as i64),
                    key.as_str().into(),
                    day.map(|d| d.to_string()).into(),
                    dedup::actor_key(&c.controller).into(),
                    c.status.as_str().into(),
                    c.modality.as_str().into(),
                    Val::Int(derived as i64),
                    c.evidence.text.as_str().into(),
                    serde_json::to_string(c)?.into(),
                ],
            )?
            .ok_or_else(|| Error::Other("insert returned no id".into()))?;
        if self.kind() == Kind::Sqlite {
            self.fts_controls.push(oid);
        }
        dirty.insert(key);
        Ok(())
    }

    /// Indexes the evidence of the mentions and observations written since the last call (SQLite
    /// full-text tables; called before commit). One `INSERT … SELECT` per table and batch: FTS5
    /// writes its pending terms out at every statement that opens a savepoint, so indexing row
    /// by row between the other writes made one index segment (and merges) per row.
    pub(crate) fn flush_fts(&mut self) -> Result<()> {
        for (fts, table) in [("mention_fts", "event_mentions"), ("control_fts", "control_obs")] {
            let ids =
                std::mem::take(if fts == "mention_fts" { &mut self.fts_mentions } else { &mut self.fts_controls });
            for chunk in ids.chunks(500) {
                let list: Vec<String> = chunk.iter().map(i64::to_string).collect();
                let sql = format!(
                    "INSERT INTO {fts} (rowid, evidence) SELECT id, evidence FROM {table} WHERE id IN ({})",
                    list.join(",")
                );
                self.conn.exec(&sql, &[])?;
            }
        }
        Ok(())
    }

    /// Recomputes the control intervals of one place from all its observations.
    pub(crate) fn rebuild_place(&mut self, key: &str) -> Result<()> {
        let rows = self
            .conn
            .query("SELECT record, derived FROM control_obs WHERE place_key = ?1 ORDER BY day, id", &[key.into()])?;
        let mut obs = Vec::with_capacity(rows.len());
        for r in &rows {
            let record: ControlRecord = serde_json::from_str(r.text(0).unwrap_or("null"))?;
            obs.push(Observation { record, derived: r.int(1).unwrap_or(0) != 0 });
        }
        self.conn.exec("DELETE FROM control_intervals WHERE place_key = ?1", &[key.into()])?;
        for st in place_history(&obs) {
            self.conn.exec(
                "INSERT INTO control_intervals (place_key, since, until, controller_key, status, confidence, state) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                &[
                    key.into(),
                    day_str(st.since),
                    st.until.map(|d| d.to_string()).into(),
                    dedup::actor_key(&st.controller).into(),
                    st.status.as_str().into(),
                    Val::Real(st.confidence as f64),
                    serde_json::to_string(&st)?.into(),
                ],
            )?;
        }
        Ok(())
    }
}
