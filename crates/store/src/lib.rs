//! sitrep-store: everything sitrep has read, merged and dated. SQLite by default (one file, bundled
//! SQLite via `rusqlite`), PostgreSQL for teams (`postgres://…`), with the same schema semantics
//! and versioned migrations (`schema_version` table) for both.
//!
//! # The API (stable; the CLI and `sitrep serve` both use it)
//!
//! ```no_run
//! use sitrep_store::{EventQuery, Store};
//! # fn main() -> Result<(), sitrep_store::Error> {
//! let mut store = Store::open("sitrep.db")?;            // or "postgres://user@host/db", ":memory:"
//! let report = sitrep_core::Report::new("r1", "Rebels took the town on Monday.");
//! let extraction = sitrep_core::Pipeline::new().extract(&report);
//! store.insert_report(&report, &extraction)?;           // Inserted::Stored / Inserted::Skipped
//! let events = store.events(&EventQuery::default())?;    // de-duplicated, with every mention
//! let map = store.control_as_of(chrono::NaiveDate::from_ymd_opt(2024, 1, 5).unwrap(), None)?;
//! let history = store.history("Kafr Nabl")?;             // a GeoNames id or a name
//! # Ok(()) }
//! ```
//!
//! - [`Store::insert_report`] / [`Store::insert_batch`]: one transaction per call; a report whose
//!   [`content_hash`] is already stored is skipped, so re-running an interrupted ingest completes
//!   exactly the missing reports. Killing the process at any moment leaves a consistent database
//!   (SQLite in WAL mode; PostgreSQL transactions).
//! - [`Store::reprocess`]: re-extracts stored reports, replacing their mentions and observations in
//!   one transaction per report (nothing is duplicated).
//! - Event mentions are merged across reports by the rules in [`dedup`]; control observations (and
//!   territory-change events) form per-place timelines by the rules in [`timeline`], maintained on
//!   write in `control_intervals` so that [`Store::control_as_of`] is one index seek per place.
//! - [`Store::events`], [`Store::search`]: filters and full-text search over evidence (SQLite FTS5,
//!   PostgreSQL `to_tsvector('simple', …)` with a GIN index).
//! - Writing is batched: [`Store::insert_batch`] stores many reports in one transaction (on
//!   PostgreSQL the report rows go in one `COPY`, see [`db::Conn::copy_rows`]); statements are
//!   prepared once per connection on both backends; SQLite indexes a transaction's evidence in one
//!   statement before commit. `sitrep ingest` extracts the next batch while one is being written.
//! - The pipeline's mentions of a report (places, actors, times: `reports.mentions`) are one JSON
//!   value per report, not rows: they are only ever read whole (with their report), never
//!   searched or joined, so rows (tens per report, each with its indexes) would cost writes and
//!   give no query anything.
//!
//! # Tables (see [`migrate`])
//!
//! | table               | one row per                                   | notes                                   |
//! |---------------------|-----------------------------------------------|-----------------------------------------|
//! | `reports`           | stored report                                 | text, `content_hash` (unique), sentence spans, reader/pipeline warnings, pipeline mentions (JSON), extractor version, ingest and processing times |
//! | `events`            | merged event                                  | representative record (JSON), dates, place, types, modality, confidence, mention and source counts; `events_dedup` covers the de-duplication lookup |
//! | `event_mentions`    | event as extracted from one report            | the full schema-v1 record, its report, outlet, evidence |
//! | `places`            | place seen in a control observation           | key: `g` + GeoNames id, else `n` + name and country; coordinates, admin1 |
//! | `control_obs`       | control observation                           | the schema-v1 record, day, `derived` (true only in databases written by earlier versions, for observations inferred from territory-change events) |
//! | `control_intervals` | interval of a place's timeline                | derived from `control_obs` on every write; primary key `(place_key, since)` |
//! | `mention_fts`, `control_fts` | (SQLite) evidence words          | FTS5 over the rows' own `evidence` (external content, no positions) |
//! | `store_facts`       | fact kept about the whole store               | `longest_event_days`: bounds date-window queries |
//! | `schema_version`    | applied migration                             |                                         |
//!
//! Dates are stored as ISO `YYYY-MM-DD` text in both backends, so they compare the same way.
//!
//! [`testkit`] starts a throw-away PostgreSQL server for tests.

pub mod db;
pub mod dedup;
pub mod migrate;
pub mod model;
mod query;
mod store;
pub mod testkit;
pub mod timeline;
mod write;

pub use db::Kind;
pub use model::{
    Conflict, ControlInterval, ControlSource, ControlState, EventQuery, HitKind, Inserted, SearchHit, Stats,
    StoredEvent, StoredReport,
};
pub use store::{content_hash, Store};

/// A store error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("postgres: {0}")]
    Postgres(#[from] postgres::Error),
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("schema: {0}")]
    Migration(String),
    #[error("{0}")]
    Other(String),
}

pub type Result<T> = std::result::Result<T, Error>;

/// The current time as RFC 3339 (UTC, seconds).
pub(crate) fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
