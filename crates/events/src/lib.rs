//! Events: cue lexicons, roles, modality, event location and control observations.
//!
//! Input: a report's text layer ([`sitrep_model::Doc`]) and its mentions ([`Mentions`]: actors
//! resolved through coreference and metonymy, places with their role and resolution, anchored
//! time expressions). Output: schema-v1 [`EventRecord`](sitrep_model::record::EventRecord)s and
//! [`ControlRecord`](sitrep_model::record::ControlRecord)s, each with its trigger and evidence.
//!
//! The cue lexicons are data (`data/events/*.tsv`, embedded), compiled into one trie over the
//! lower-cased words; matches are token-aligned.

pub mod extract;
pub mod lexicon;
pub mod mentions;

pub use extract::{is_state, Candidate, EventExtractor, Location, Options, Output};
pub use lexicon::{Lexicon, LexiconError};
pub use mentions::{ActorIn, ActorKind, Mentions, PlaceIn, PlaceLevel, PlaceRole, Tense, TimeIn};
