//! [`Store`]: opening a database, writing reports (one transaction per call) and reprocessing.

use crate::db::{Conn, Kind, Val};
use crate::model::Inserted;
use crate::{migrate, now, Error, Result};
use sha2::{Digest, Sha256};
use sitrep_core::{Extraction, Report, Span};
use std::collections::{BTreeSet, HashMap};

/// The store over SQLite or PostgreSQL. One connection; `Send`, not `Sync` (wrap it in a mutex to
/// share it between threads).
pub struct Store {
    pub(crate) conn: Conn,
    /// Rows of the current transaction whose evidence is not yet in the SQLite full-text index.
    pub(crate) fts_mentions: Vec<i64>,
    pub(crate) fts_controls: Vec<i64>,
    /// The schema version this connection migrated to (below the latest only in migration tests).
    pub(crate) version: i64,
}

/// The identity of a report's content: SHA-256 (hex) of its source, publication date, title and
/// text. The same article read twice (from another file, feed or run) has the same hash and is
/// stored once; ids and URLs do not count, as feeds rewrite them.
pub fn content_hash(r: &Report) -> String {
    let mut h = Sha256::new();
    h.update(b"sitrep-report-v1\0");
    h.update(r.source.as_deref().unwrap_or("").as_bytes());
    h.update(b"\0");
    h.update(r.published.map(|d| d.to_string()).unwrap_or_default().as_bytes());
    h.update(b"\0");
    h.update(r.title.as_deref().unwrap_or("").as_bytes());
    h.update(b"\0");
    h.update(r.text.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The columns of a `reports` row, in the order [`report_values`] gives them.
const REPORT_COLUMNS: [&str; 15] = [
    "id",
    "report_id",
    "content_hash",
    "source",
    "url",
    "published",
    "title",
    "text",
    "sentences",
    "n_sentences",
    "warnings",
    "mentions",
    "extractor",
    "ingested_at",
    "processed_at",
];

/// A `reports` row ([`REPORT_COLUMNS`]; the id is `NULL`, for the caller to set or drop).
fn report_values(r: &Report, ex: &Extraction, hash: String) -> Result<Vec<Val>> {
    let spans: Vec<Span> = sitrep_core::text::analyze(&r.text).sentences.iter().map(|s| s.span).collect();
    let t = now();
    Ok(vec![
        Val::Null,
        r.id.as_str().into(),
        hash.into(),
        r.source.clone().into(),
        r.url.clone().into(),
        r.published.map(|d| d.to_string()).into(),
        r.title.clone().into(),
        r.text.as_str().into(),
        serde_json::to_string(&spans)?.into(),
        Val::Int(ex.sentences as i64),
        serde_json::to_string(&ex.warnings)?.into(),
        serde_json::to_string(&ex.mentions)?.into(),
        extractor_version().into(),
        t.clone().into(),
        t.into(),
    ])
}

/// The version string recorded with every stored extraction.
pub fn extractor_version() -> String {
    format!("sitrep {}", env!("CARGO_PKG_VERSION"))
}

impl Store {
    /// Opens (creating and migrating as needed) the database `url` names: `postgres://…` or
    /// `postgresql://…` for PostgreSQL; otherwise a SQLite file path (`sqlite:` prefix optional;
    /// `:memory:` for a private in-memory database).
    pub fn open(url: &str) -> Result<Store> {
        Self::open_at(url, migrate::LATEST)
    }

    /// Opens a database migrated to `version` only (for migration tests); writing needs [`migrate::LATEST`].
    pub fn open_at(url: &str, version: i64) -> Result<Store> {
        let conn = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let client = postgres::Client::connect(url, postgres::NoTls)?;
            Conn::Postgres(Box::new(crate::db::PgConn::new(client)))
        } else {
            let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
            if path.is_empty() {
                return Err(Error::Other("empty database path".into()));
            }
            let c = if path == ":memory:" {
                rusqlite::Connection::open_in_memory()?
            } else {
                rusqlite::Connection::open(path)?
            };
            c.busy_timeout(std::time::Duration::from_secs(30))?;
            c.query_row("PRAGMA journal_mode=WAL", [], |_| Ok(()))?;
            // mmap: repeated reads (the as-of map in `sitrep serve`) come from memory, not pread
            // copies. A checkpoint (and its fsync) every 8,000 pages rather than every 1,000: pages
            // written again and again during an ingest (index and full-text pages) are copied
            // back to the database once per checkpoint.
            c.execute_batch(
                "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA mmap_size=1073741824; \
                 PRAGMA wal_autocheckpoint=8000;",
            )?;
            // Reused statements keep their plan: without this, SQLite re-prepares a statement on
            // every run when its plan could depend on a bound value (any `WHERE x = ?1 ORDER BY …`
            // here), which cost about a tenth of ingest.
            c.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
            c.set_prepared_statement_cache_capacity(64);
            Conn::Sqlite(c)
        };
        let mut store = Store { conn, fts_mentions: Vec::new(), fts_controls: Vec::new(), version: 0 };
        store.version = migrate::migrate_to(&mut store.conn, version)?;
        Ok(store)
    }

    /// Low-level access to the connection (tests, benchmarks, maintenance). Writes made here
    /// bypass de-duplication and the timeline; prefer the methods above.
    pub fn conn(&mut self) -> &mut Conn {
        &mut self.conn
    }

    /// Which database this is.
    pub fn kind(&self) -> Kind {
        self.conn.kind()
    }

    /// The schema version of the database.
    pub fn schema_version(&mut self) -> Result<i64> {
        migrate::current(&mut self.conn)
    }

    /// Applies missing migrations (after [`Store::open_at`]).
    pub fn migrate(&mut self) -> Result<i64> {
        self.version = migrate::migrate_to(&mut self.conn, migrate::LATEST)?;
        Ok(self.version)
    }

    /// The row id of the stored report with the same content, if any (check before extracting).
    pub fn stored_id(&mut self, report: &Report) -> Result<Option<i64>> {
        self.conn.query_int("SELECT id FROM reports WHERE content_hash = ?1", &[content_hash(report).into()])
    }

    /// The row id of the stored report whose [`content_hash`] is `hash`, if any.
    pub fn stored_hash(&mut self, hash: &str) -> Result<Option<i64>> {
        self.conn.query_int("SELECT id FROM reports WHERE content_hash = ?1", &[hash.into()])
    }

    /// Stores one report with its extraction in one transaction (skipped if already stored).
    pub fn insert_report(&mut self, report: &Report, extraction: &Extraction) -> Result<Inserted> {
        let mut v = self.insert_batch([(report, extraction)])?;
        v.pop().ok_or_else(|| Error::Other("nothing inserted".into()))
    }

    /// Stores several reports in one transaction: all or none of them are stored.
    pub fn insert_batch<'a>(
        &mut self,
        items: impl IntoIterator<Item = (&'a Report, &'a Extraction)>,
    ) -> Result<Vec<Inserted>> {
        let items: Vec<(&Report, &Extraction)> = items.into_iter().collect();
        self.in_tx(|s| {
            let mut dirty = BTreeSet::new();
            let mut out = Vec::new();
            if s.kind() == Kind::Postgres && items.len() > 1 {
                out = s.insert_many_copy(&items, &mut dirty)?;
            } else {
                for (r, e) in &items {
                    out.push(s.insert_one(r, e, &mut dirty)?);
                }
            }
            for key in dirty {
                s.rebuild_place(&key)?;
            }
            Ok(out)
        })
    }

    pub(crate) fn in_tx<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.begin()?;
        match f(self).and_then(|v| self.flush_fts().map(|_| v)) {
            Ok(v) => {
                self.conn.commit()?;
                Ok(v)
            }
            Err(e) => {
                self.conn.rollback();
                self.fts_mentions.clear();
                self.fts_controls.clear();
                Err(e)
            }
        }
    }

    fn insert_one(&mut self, r: &Report, ex: &Extraction, dirty: &mut BTreeSet<String>) -> Result<Inserted> {
        let hash = content_hash(r);
        if let Some(id) =
            self.conn.query_int("SELECT id FROM reports WHERE content_hash = ?1", &[hash.clone().into()])?
        {
            return Ok(Inserted::Skipped { id });
        }
        let mut vals = report_values(r, ex, hash)?;
        vals.remove(0);
        let pk = self
            .conn
            .query_int(
                "INSERT INTO reports (report_id, content_hash, source, url, published, title, text, sentences, \
                 n_sentences, warnings, mentions, extractor, ingested_at, processed_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING id",
                &vals,
            )?
            .ok_or_else(|| Error::Other("insert returned no id".into()))?;
        let (events, controls) = self.store_extraction(pk, ex, dirty)?;
        Ok(Inserted::Stored { id: pk, events, controls })
    }

    /// The PostgreSQL form of a batch insert: one query finds the reports already stored, one
    /// reserves the new reports' ids, one `COPY` writes their rows; then each report's events and
    /// observations, in input order (the same result as [`Store::insert_one`] report by report).
    fn insert_many_copy(
        &mut self,
        items: &[(&Report, &Extraction)],
        dirty: &mut BTreeSet<String>,
    ) -> Result<Vec<Inserted>> {
        let hashes: Vec<String> = items.iter().map(|(r, _)| content_hash(r)).collect();
        let mut stored: HashMap<String, i64> = HashMap::new();
        for chunk in hashes.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("?{i}")).collect();
            let sql = format!("SELECT content_hash, id FROM reports WHERE content_hash IN ({})", marks.join(", "));
            let params: Vec<Val> = chunk.iter().map(|h| h.as_str().into()).collect();
            for r in self.conn.query(&sql, &params)? {
                stored.insert(r.string(0), r.int(1).unwrap_or(0));
            }
        }
        // The first of several equal reports in the batch is stored; the others point to it.
        let mut first: HashMap<&str, usize> = HashMap::new();
        let fresh: Vec<usize> = (0..items.len())
            .filter(|&i| !stored.contains_key(&hashes[i]) && *first.entry(hashes[i].as_str()).or_insert(i) == i)
            .collect();
        let mut ids: Vec<i64> = if fresh.is_empty() {
            Vec::new()
        } else {
            self.conn
                .query(
                    "SELECT nextval(pg_get_serial_sequence('reports', 'id')) FROM generate_series(1, ?1)",
                    &[Val::Int(fresh.len() as i64)],
                )?
                .iter()
                .filter_map(|r| r.int(0))
                .collect()
        };
        if ids.len() != fresh.len() {
            return Err(Error::Other(format!("reserved {} report ids for {} reports", ids.len(), fresh.len())));
        }
        ids.sort_unstable();
        let mut pk_of: HashMap<usize, i64> = HashMap::new();
        let mut rows = Vec::with_capacity(fresh.len());
        for (&i, &pk) in fresh.iter().zip(&ids) {
            let (r, ex) = items[i];
            let mut vals = report_values(r, ex, hashes[i].clone())?;
            vals[0] = Val::Int(pk);
            rows.push(vals);
            pk_of.insert(i, pk);
        }
        self.conn.copy_rows("reports", &REPORT_COLUMNS, &rows)?;
        let mut out = Vec::with_capacity(items.len());
        for (i, (_, ex)) in items.iter().enumerate() {
            if let Some(&id) = stored.get(&hashes[i]) {
                out.push(Inserted::Skipped { id });
            } else if let Some(&pk) = pk_of.get(&i) {
                let (events, controls) = self.store_extraction(pk, ex, dirty)?;
                out.push(Inserted::Stored { id: pk, events, controls });
            } else {
                let id = first.get(hashes[i].as_str()).and_then(|j| pk_of.get(j)).copied().unwrap_or(0);
                out.push(Inserted::Skipped { id });
            }
        }
        Ok(out)
    }

    /// Re-extracts every stored report with `extract`, replacing its mentions and observations
    /// (one transaction per `batch` reports), then re-groups all event mentions
    /// ([`Store::recluster`]) so that the result is what a clean ingest would store.
    /// `progress(done, total)` is called after each batch. Returns the number of reports reprocessed.
    pub fn reprocess(
        &mut self,
        mut extract: impl FnMut(&Report) -> Extraction,
        batch: usize,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<usize> {
        let ids: Vec<i64> =
            self.conn.query("SELECT id FROM reports ORDER BY id", &[])?.iter().filter_map(|r| r.int(0)).collect();
        let total = ids.len();
        let mut done = 0;
        for chunk in ids.chunks(batch.max(1)) {
            self.in_tx(|s| {
                let mut dirty = BTreeSet::new();
                for &pk in chunk {
                    let Some(report) = s.load_report(pk)? else { continue };
                    let ex = extract(&report);
                    s.remove_extraction(pk, &mut dirty)?;
                    s.store_extraction(pk, &ex, &mut dirty)?;
                    s.conn.exec(
                        "UPDATE reports SET n_sentences = ?1, warnings = ?2, mentions = ?6, extractor = ?3, processed_at = ?4 \
                         WHERE id = ?5",
                        &[
                            Val::Int(ex.sentences as i64),
                            serde_json::to_string(&ex.warnings)?.into(),
                            extractor_version().into(),
                            now().into(),
                            Val::Int(pk),
                            serde_json::to_string(&ex.mentions)?.into(),
                        ],
                    )?;
                }
                for key in dirty {
                    s.rebuild_place(&key)?;
                }
                Ok(())
            })?;
            done += chunk.len();
            progress(done, total);
        }
        self.recluster()?;
        Ok(done)
    }

    /// The report stored under row id `pk`.
    pub(crate) fn load_report(&mut self, pk: i64) -> Result<Option<Report>> {
        let row = self.conn.query_one(
            "SELECT report_id, source, url, published, title, text FROM reports WHERE id = ?1",
            &[Val::Int(pk)],
        )?;
        Ok(row.map(|r| Report {
            id: r.string(0),
            source: r.text(1).map(str::to_string),
            url: r.text(2).map(str::to_string),
            published: r.text(3).and_then(|d| d.parse().ok()),
            title: r.text(4).map(str::to_string),
            text: r.string(5),
        }))
    }
}
