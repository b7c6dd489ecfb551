//! Actors: the actor lexicon, composition ("Iraqi government troops"), officials by title,
//! coreference ("They", "these forces", "the official") and metonymy ("Damascus demands…").
//!
//! Pure: the lexicon files under `data/actors/` are embedded with `include_str!`; a user may
//! pass their own files to [`ActorTagger::from_sources`]. Every lexicon problem is reported as a
//! [`LexiconError`] naming file and line.
//!
//! ```
//! use sitrep_actors::{ActorTagger, MentionKind};
//! let tagger = ActorTagger::embedded().unwrap();
//! let doc = sitrep_model::Doc::new("Iraqi government troops took the crossing. They now hold it.");
//! let m = tagger.tag(&doc, None);
//! assert_eq!(m[0].actor.country.as_deref(), Some("IRQ"));
//! assert_eq!(m[0].actor.sector.as_deref(), Some("MIL"));
//! assert_eq!(m[1].kind, MentionKind::Pronoun);
//! assert_eq!(m[1].antecedent, Some(0));
//! ```

mod coref;
mod lexicon;
mod tagger;
mod units;

pub use lexicon::{Affiliation, LexiconError, RelationKind, SECTORS};
pub use tagger::ActorTagger;

use serde::Serialize;
use sitrep_model::record::ActorRef;
use sitrep_model::Span;

/// An actor: a lexicon row, a country, or an actor composed from a country and a noun.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Actor {
    /// Lexicon id (actors.tsv), the ISO3 code for a country as a whole, the group id for an
    /// identity group as a whole; `None` for composed actors ("Iraqi government troops").
    pub id: Option<String>,
    /// Canonical name ("Syrian Arab Army", "Iraqi government troops").
    pub name: String,
    /// ISO 3166-1 alpha-3.
    pub country: Option<String>,
    /// PLOVER sector (GOV MIL REB SPY COP PTY UAF CVL JRN IGO NGO MED …); `None` for a country
    /// named as a whole ("Syria").
    pub sector: Option<String>,
    /// ACLED interaction code 1–8 where known.
    pub acled_inter: Option<u8>,
    pub wikidata: Option<String>,
    /// For proxies ("U.S.-backed forces", "Iranian proxy militias"): the ISO3 of the backer. The
    /// proxy itself has no country unless the text names one, or the report names the one group
    /// the lexicon says that country backs (then the proxy is that group).
    pub backer: Option<String>,
}

/// How an actor mention was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A lexicon name or alias, or a country name ("SAA", "Hizbullah", "Syria").
    Lexicon,
    /// Country/group + force or institution noun ("Iraqi government troops", "Kurdish forces").
    Composed,
    /// A person by title ("a senior U.S. intelligence official", "the Iraqi prime minister").
    Official,
    /// A capital or country standing for its government ("Damascus demands", "Moscow accepted").
    Metonym,
    /// They / them / it / he / she, resolved to an antecedent.
    Pronoun,
    /// A definite description ("these forces", "the group", "the official", "the army").
    Definite,
}

/// One actor mention in a report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorMention {
    pub span: Span,
    pub actor: Actor,
    pub kind: MentionKind,
    /// For pronouns and definite descriptions (and proxy descriptions such as "U.S.-backed
    /// forces" linked to a backed group named earlier): index (into the same Vec) of the mention
    /// they refer to. Kept for provenance.
    pub antecedent: Option<usize>,
    /// Index of the sentence in `Doc::sentences`.
    pub sentence: usize,
    /// The name only modifies another noun ("the SAA attempt", "ISIS lines", "ISIS-held"): the
    /// actor is involved but is not itself the noun phrase.
    pub modifier: bool,
    /// A country named as a place ("in Syria", "across Iraq") rather than as an actor.
    pub locative: bool,
}

impl ActorMention {
    /// The schema-v1 actor reference, with the mention's text and span.
    pub fn to_ref(&self, text: &str) -> ActorRef {
        ActorRef {
            name: self.actor.name.clone(),
            text: text.get(self.span.start..self.span.end).map(str::to_string),
            span: Some(self.span),
            country: self.actor.country.clone(),
            sector: self.actor.sector.clone(),
            id: self.actor.id.clone(),
        }
    }

    /// [`Self::to_ref`], moving the actor's names instead of copying them.
    pub fn into_ref(self, text: &str) -> ActorRef {
        ActorRef {
            name: self.actor.name,
            text: text.get(self.span.start..self.span.end).map(str::to_string),
            span: Some(self.span),
            country: self.actor.country,
            sector: self.actor.sector,
            id: self.actor.id,
        }
    }
}

/// A place found by the places stage, reduced to what the actor stage reads: where it is in
/// the text and the country it is in. See [`ActorTagger::tag_with_places`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceCountry {
    pub span: Span,
    /// ISO 3166-1 alpha-2 (as the gazetteer gives it) or alpha-3.
    pub country: String,
}

/// The lexicon files compiled into the binary, as `(file name, contents)`.
pub const EMBEDDED_FILES: &[(&str, &str)] = &[
    ("data/actors/countries.tsv", include_str!("../../../data/actors/countries.tsv")),
    ("data/actors/groups.tsv", include_str!("../../../data/actors/groups.tsv")),
    ("data/actors/nouns.tsv", include_str!("../../../data/actors/nouns.tsv")),
    ("data/actors/cues.tsv", include_str!("../../../data/actors/cues.tsv")),
    ("data/actors/actors.tsv", include_str!("../../../data/actors/actors.tsv")),
];
