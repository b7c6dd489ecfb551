//! sitrep-core: the pure extraction pipeline. Text in, records out; no I/O, no global state.
//!
//! Stages, in data-flow order: [`text`] (tokens, sentences) → mentions ([`places`], [`actors`],
//! [`time`]) → [`events`] (events and control observations) → [`record`] (schema-v1 output).
//! [`pipeline::Pipeline`] wires them together.

pub mod actors;
pub mod events;
pub mod pipeline;
pub mod places;
pub mod record;
pub mod report;
pub mod span;
pub mod text;
pub mod time;

pub use pipeline::{Extraction, Pipeline};
pub use record::Record;
pub use report::Report;
pub use span::Span;
pub use text::{Doc, Sentence, Token};
