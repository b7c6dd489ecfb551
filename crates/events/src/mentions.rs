//! What the event stage reads from the mention stages, in a form of its own: the pipeline adapts
//! the places, actors and time stages' outputs into these (see `sitrep-core`), and tests build
//! them by hand.

use serde::Serialize;
use sitrep_model::record::{ActorRef, DateRef, PlaceRef};
use sitrep_model::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A name from the lexicon or a composed one ("Iraqi government troops").
    Name,
    /// "the official", "these forces": resolved to an antecedent.
    Definite,
    /// "they", "it": resolved to an antecedent.
    Pronoun,
    /// A place standing for its government ("Damascus demands").
    Metonym,
    /// "Russian suggestions": an adjective standing for the state.
    Demonym,
}

/// One actor mention. `actor` is already resolved (a pronoun carries its antecedent's identity);
/// its `text`/`span` are this mention's own.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorIn {
    pub span: Span,
    pub actor: ActorRef,
    pub kind: ActorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceRole {
    Literal,
    Demonym,
    Metonym,
}

/// How specific a resolved place is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceLevel {
    /// A town, a village, a crossing, an oil field: a point.
    Point,
    /// A district or a province.
    Region,
    /// A country.
    Country,
    /// A river, a sea, a mountain range: no useful point.
    Feature,
}

/// One place mention. `place` (precision 1 as resolved) is `None` when unresolved.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlaceIn {
    pub span: Span,
    pub role: PlaceRole,
    pub place: Option<PlaceRef>,
    pub level: PlaceLevel,
    /// The province (first-level division) the place lies in, when known (precision 3).
    pub admin1: Option<PlaceRef>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tense {
    Past,
    Ongoing,
    Future,
    Unknown,
}

/// One time expression, anchored to the report date when `anchored`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimeIn {
    pub span: Span,
    pub date: DateRef,
    pub tense: Tense,
    pub anchored: bool,
}

/// All mentions of one report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Mentions {
    pub actors: Vec<ActorIn>,
    pub places: Vec<PlaceIn>,
    pub times: Vec<TimeIn>,
}

impl Mentions {
    /// Sort every list by position (the extractor relies on it).
    pub fn sorted(mut self) -> Self {
        self.actors.sort_by_key(|a| (a.span.start, a.span.end));
        self.places.sort_by_key(|p| (p.span.start, p.span.end));
        self.times.sort_by_key(|t| (t.span.start, t.span.end));
        self
    }
}
