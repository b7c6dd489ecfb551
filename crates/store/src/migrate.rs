//! Versioned schema migrations, one list per backend with the same meaning. Each migration runs in
//! its own transaction and records itself in `schema_version`; opening a database applies the
//! missing ones in order and refuses a database newer than this build.

use crate::db::{Conn, Kind, Val};
use crate::{Error, Result};

/// The schema version this build writes.
pub const LATEST: i64 = 6;

const SQLITE_V1: &str = r#"
CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  report_id TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  source TEXT, url TEXT, published TEXT, title TEXT,
  text TEXT NOT NULL,
  sentences TEXT NOT NULL,
  n_sentences INTEGER NOT NULL,
  warnings TEXT NOT NULL,
  mentions TEXT NOT NULL,
  extractor TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  processed_at TEXT NOT NULL
);
CREATE INDEX reports_report_id ON reports(report_id);
CREATE INDEX reports_published ON reports(published);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  types TEXT NOT NULL,
  date_start TEXT, date_end TEXT,
  place_key TEXT, geonameid INTEGER, admin1 TEXT, lat REAL, lon REAL,
  modality TEXT NOT NULL,
  confidence REAL NOT NULL,
  n_mentions INTEGER NOT NULL,
  n_sources INTEGER NOT NULL,
  actors TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX events_date ON events(date_start);
CREATE INDEX events_lat ON events(lat);
CREATE INDEX events_place ON events(place_key);
CREATE TABLE event_mentions (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id),
  report INTEGER NOT NULL REFERENCES reports(id),
  ord INTEGER NOT NULL,
  record_id TEXT NOT NULL,
  outlet TEXT NOT NULL,
  modality TEXT NOT NULL,
  evidence TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX mentions_event ON event_mentions(event_id);
CREATE INDEX mentions_report ON event_mentions(report);
CREATE TABLE places (
  key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_lower TEXT NOT NULL,
  geonameid INTEGER,
  lat REAL NOT NULL, lon REAL NOT NULL,
  admin1 TEXT, country TEXT,
  place TEXT NOT NULL
);
CREATE INDEX places_geonameid ON places(geonameid);
CREATE INDEX places_name ON places(name_lower);
CREATE INDEX places_lat ON places(lat);
CREATE TABLE control_obs (
  id INTEGER PRIMARY KEY,
  report INTEGER NOT NULL REFERENCES reports(id),
  ord INTEGER NOT NULL,
  place_key TEXT NOT NULL REFERENCES places(key),
  day TEXT,
  controller_key TEXT NOT NULL,
  status TEXT NOT NULL,
  modality TEXT NOT NULL,
  derived INTEGER NOT NULL,
  evidence TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX obs_place_day ON control_obs(place_key, day);
CREATE INDEX obs_report ON control_obs(report);
CREATE INDEX obs_day ON control_obs(day);
CREATE TABLE control_intervals (
  place_key TEXT NOT NULL REFERENCES places(key),
  since TEXT NOT NULL,
  until TEXT,
  controller_key TEXT NOT NULL,
  status TEXT NOT NULL,
  confidence REAL NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (place_key, since)
) WITHOUT ROWID;
"#;

const SQLITE_V2: &str = r#"
CREATE VIRTUAL TABLE mention_fts USING fts5(evidence, tokenize = 'unicode61');
CREATE VIRTUAL TABLE control_fts USING fts5(evidence, tokenize = 'unicode61');
INSERT INTO mention_fts(rowid, evidence) SELECT id, evidence FROM event_mentions;
INSERT INTO control_fts(rowid, evidence) SELECT id, evidence FROM control_obs;
"#;

const PG_V2: &str = r#"
CREATE INDEX mentions_tsv ON event_mentions USING gin (to_tsvector('simple', evidence));
CREATE INDEX obs_tsv ON control_obs USING gin (to_tsvector('simple', evidence));
"#;

/// The events listing (`ORDER BY date_start IS NULL, date_start, id LIMIT n`) reads this index in
/// order instead of sorting every event per request. Same DDL on both backends.
const V3: &str = "CREATE INDEX events_order ON events ((date_start IS NULL), date_start, id);";

/// The as-of map and place lookups read places in name order from this index: no sort of the
/// states per query (PostgreSQL spilled that sort to disk at 10k places), and name lookups use its
/// prefix, so the name-only index goes. Same DDL on both backends.
const V4: &str = "CREATE INDEX places_order ON places (name_lower, key); DROP INDEX places_name;";

/// SQLite also indexes evidence from the rows themselves (external-content FTS5 tables) instead
/// of keeping a second copy of every evidence sentence in the full-text tables.
const SQLITE_V4_FTS: &str = r#"
DROP TABLE mention_fts;
DROP TABLE control_fts;
CREATE VIRTUAL TABLE mention_fts USING fts5(evidence, content = 'event_mentions', content_rowid = 'id', tokenize = 'unicode61');
CREATE VIRTUAL TABLE control_fts USING fts5(evidence, content = 'control_obs', content_rowid = 'id', tokenize = 'unicode61');
INSERT INTO mention_fts (mention_fts) VALUES ('rebuild');
INSERT INTO control_fts (control_fts) VALUES ('rebuild');
"#;

/// De-duplication looks for candidate events by date, then place: this index holds every column
/// that lookup tests, so candidates are filtered without reading their (large) rows. It replaces
/// the date-only index (same leading column). Same DDL on both backends.
const V5: &str = "CREATE INDEX events_dedup ON events (date_start, date_end, place_key, admin1, lat, lon); \
                  DROP INDEX events_date;";

/// SQLite full-text tables without positions (`detail = none`): searches ask for words, never
/// phrases (see `fts5_query`), so positions were written for nothing.
const SQLITE_V5_FTS: &str = r#"
DROP TABLE mention_fts;
DROP TABLE control_fts;
CREATE VIRTUAL TABLE mention_fts USING fts5(evidence, content = 'event_mentions', content_rowid = 'id', tokenize = 'unicode61', detail = none);
CREATE VIRTUAL TABLE control_fts USING fts5(evidence, content = 'control_obs', content_rowid = 'id', tokenize = 'unicode61', detail = none);
INSERT INTO mention_fts (mention_fts) VALUES ('rebuild');
INSERT INTO control_fts (control_fts) VALUES ('rebuild');
"#;

/// The longest event span (date_end - date_start, in days), kept up to date as events are written:
/// the events query bounds `date_start` by it, so that a date window seeks the date index on both
/// backends (an event ending on or after `from` starts at most that many days earlier).
const V6: &str = "CREATE TABLE store_facts (name TEXT PRIMARY KEY, value BIGINT NOT NULL);";
const SQLITE_V6_FILL: &str = "INSERT INTO store_facts (name, value) SELECT 'longest_event_days', \
     COALESCE(CAST(MAX(julianday(date_end) - julianday(date_start)) AS INTEGER), 0) FROM events;";
const PG_V6_FILL: &str = "INSERT INTO store_facts (name, value) SELECT 'longest_event_days', \
     COALESCE(MAX(date_end::date - date_start::date), 0) FROM events;";

/// The PostgreSQL form of a SQLite DDL script: 64-bit keys and floats, no SQLite table options.
fn pg_ddl(sqlite: &str) -> String {
    sqlite
        .replace("id INTEGER PRIMARY KEY", "id BIGSERIAL PRIMARY KEY")
        .replace(" INTEGER", " BIGINT")
        .replace(" REAL", " DOUBLE PRECISION")
        .replace(") WITHOUT ROWID;", ");")
}

fn script(kind: Kind, version: i64) -> Option<String> {
    match (kind, version) {
        (Kind::Sqlite, 1) => Some(SQLITE_V1.to_string()),
        (Kind::Sqlite, 2) => Some(SQLITE_V2.to_string()),
        (Kind::Postgres, 1) => Some(pg_ddl(SQLITE_V1)),
        (Kind::Postgres, 2) => Some(PG_V2.to_string()),
        (_, 3) => Some(V3.to_string()),
        (Kind::Sqlite, 4) => Some(format!("{V4}\n{SQLITE_V4_FTS}")),
        (Kind::Postgres, 4) => Some(V4.to_string()),
        (Kind::Sqlite, 5) => Some(format!("{V5}\n{SQLITE_V5_FTS}")),
        (Kind::Postgres, 5) => Some(V5.to_string()),
        (Kind::Sqlite, 6) => Some(format!("{V6}\n{SQLITE_V6_FILL}")),
        (Kind::Postgres, 6) => Some(format!("{V6}\n{PG_V6_FILL}")),
        _ => None,
    }
}

/// The schema version of a database (0 when empty).
pub fn current(conn: &mut Conn) -> Result<i64> {
    conn.batch("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)")?;
    Ok(conn.query_int("SELECT MAX(version) FROM schema_version", &[])?.unwrap_or(0))
}

/// Applies the missing migrations up to `target` (normally [`LATEST`]).
pub fn migrate_to(conn: &mut Conn, target: i64) -> Result<i64> {
    let mut version = current(conn)?;
    if version > LATEST {
        return Err(Error::Migration(format!(
            "the database has schema version {version}, newer than this sitrep ({LATEST}); upgrade sitrep"
        )));
    }
    while version < target {
        let next = version + 1;
        let sql = script(conn.kind(), next).ok_or_else(|| Error::Migration(format!("no migration {next}")))?;
        conn.begin()?;
        // Another process may have migrated while we waited for the lock.
        let now_at = conn.query_int("SELECT MAX(version) FROM schema_version", &[])?.unwrap_or(0);
        if now_at >= next {
            conn.commit()?;
            version = now_at;
            continue;
        }
        let res = conn.batch(&sql).and_then(|_| {
            conn.exec(
                "INSERT INTO schema_version (version, applied_at) VALUES (?1, ?2)",
                &[Val::Int(next), Val::Text(crate::now())],
            )
        });
        match res {
            Ok(_) => conn.commit()?,
            Err(e) => {
                conn.rollback();
                return Err(Error::Migration(format!("migration {next} failed: {e}")));
            }
        }
        version = next;
    }
    Ok(version)
}
