//! sitrep-core: the pure extraction pipeline. Text in, records out; no I/O, no global state.
//!
//! The stages are crates of their own, in data-flow order: `sitrep-model` (report, spans, text
//! layer, records) → mentions (`sitrep-places`, `sitrep-actors`, `sitrep-time`) →
//! `sitrep-events` (events and control observations). [`Pipeline`] wires them together.

pub mod pipeline;

pub use pipeline::{Extraction, Pipeline};
pub use sitrep_model::{json, record, report, span, text, Record, Report, Span};
pub use {sitrep_actors as actors, sitrep_events as events, sitrep_places as places, sitrep_time as time};
