//! Word lists the clause rules read (closed classes of English; not analyst lexicons).
//!
//! The lists tested token by token are also bits of a per-token class mask ([`class`],
//! [`class_of`]), so a rule asks `self.is(k, class::UNIT_NOUNS)` instead of scanning a list.

use rustc_hash::FxHashMap;
use sitrep_model::calendar;
use std::sync::OnceLock;

/// One bit per word list of [`CLASS_LISTS`].
pub(super) mod class {
    pub(crate) const BE: u32 = 1 << 0;
    pub(crate) const ADVERBS: u32 = 1 << 1;
    pub(crate) const CLAUSE_WORDS: u32 = 1 << 2;
    pub(crate) const CLAUSE_PUNCT: u32 = 1 << 3;
    pub(crate) const OBJECT_PREPS: u32 = 1 << 4;
    pub(crate) const PATH_PREPS: u32 = 1 << 5;
    pub(crate) const NEAR_WORDS: u32 = 1 << 6;
    pub(crate) const FILLERS: u32 = 1 << 7;
    pub(crate) const SUBJECT_LEAD: u32 = 1 << 8;
    pub(crate) const AREA_NOUNS: u32 = 1 << 9;
    pub(crate) const ARMED_TARGETS: u32 = 1 << 10;
    pub(crate) const CITY_NOUNS: u32 = 1 << 11;
    pub(crate) const PROVINCE_NOUNS: u32 = 1 << 12;
    pub(crate) const LOCATIVE_PREPS: u32 = 1 << 13;
    pub(crate) const PLACE_PREMODIFIERS: u32 = 1 << 14;
    pub(crate) const UNIT_NOUNS: u32 = 1 << 15;
    pub(crate) const DISTANCE_UNITS: u32 = 1 << 16;
    pub(crate) const NAME_TAILS: u32 = 1 << 17;
    pub(crate) const NAME_HEADS: u32 = 1 << 18;
    pub(crate) const SPEECH_VERBS: u32 = 1 << 19;
    pub(crate) const SOURCE_NOUNS: u32 = 1 << 20;
    pub(crate) const LEADER_NOUNS: u32 = 1 << 21;
    pub(crate) const CALENDAR_WORDS: u32 = 1 << 22;
    pub(crate) const TOPONYM_HEADS: u32 = 1 << 23;
    pub(crate) const BASED: u32 = 1 << 24;
    pub(crate) const FRONT_WORDS: u32 = 1 << 25;
}

/// The word lists a token is tested against, with their bits.
const CLASS_LISTS: &[(u32, &[&str])] = &[
    (class::BE, BE),
    (class::ADVERBS, ADVERBS),
    (class::CLAUSE_WORDS, CLAUSE_WORDS),
    (class::CLAUSE_PUNCT, CLAUSE_PUNCT),
    (class::OBJECT_PREPS, OBJECT_PREPS),
    (class::PATH_PREPS, PATH_PREPS),
    (class::NEAR_WORDS, NEAR_WORDS),
    (class::FILLERS, FILLERS),
    (class::SUBJECT_LEAD, SUBJECT_LEAD),
    (class::AREA_NOUNS, AREA_NOUNS),
    (class::ARMED_TARGETS, ARMED_TARGETS),
    (class::CITY_NOUNS, CITY_NOUNS),
    (class::PROVINCE_NOUNS, PROVINCE_NOUNS),
    (class::LOCATIVE_PREPS, LOCATIVE_PREPS),
    (class::PLACE_PREMODIFIERS, PLACE_PREMODIFIERS),
    (class::UNIT_NOUNS, UNIT_NOUNS),
    (class::DISTANCE_UNITS, DISTANCE_UNITS),
    (class::NAME_TAILS, NAME_TAILS),
    (class::NAME_HEADS, NAME_HEADS),
    (class::SPEECH_VERBS, SPEECH_VERBS),
    (class::SOURCE_NOUNS, SOURCE_NOUNS),
    (class::LEADER_NOUNS, LEADER_NOUNS),
    // Days and months: a capitalized neighbour that is no part of a place's name ("in Basra Saturday").
    (class::CALENDAR_WORDS, calendar::WEEKDAYS),
    (class::CALENDAR_WORDS, calendar::MONTHS),
    (class::CALENDAR_WORDS, calendar::MONTH_ABBREVIATIONS),
    (class::TOPONYM_HEADS, TOPONYM_HEADS),
    (class::BASED, BASED),
    (class::FRONT_WORDS, FRONT_WORDS),
];

/// The bits of the lists holding `word` (a lower-cased token), 0 for most words.
pub(super) fn class_of(word: &str) -> u32 {
    static MAP: OnceLock<FxHashMap<&'static str, u32>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m: FxHashMap<&'static str, u32> = FxHashMap::default();
        for &(bit, words) in CLASS_LISTS {
            for &w in words {
                *m.entry(w).or_default() |= bit;
            }
        }
        m
    });
    map.get(word).copied().unwrap_or(0)
}

pub(super) const BE: &[&str] = &["was", "were", "been", "being", "is", "are", "be", "got", "get", "gets", "am"];
pub(super) const ADVERBS: &[&str] = &[
    "not",
    "also",
    "reportedly",
    "allegedly",
    "yet",
    "never",
    "now",
    "already",
    "still",
    "then",
    "finally",
    "fully",
    "completely",
    "recently",
    "just",
    "again",
    "later",
    "reported",
    "said",
    "n't",
    "apparently",
    "eventually",
];
pub(super) const CLAUSE_WORDS: &[&str] = &[
    "but", "while", "whereas", "although", "though", "because", "which", "who", "whom", "after", "before", "until",
    "when", "where", "whose", "instead",
];
pub(super) const CLAUSE_PUNCT: &[&str] = &[";", ":", "—", "–", "\"", "“", "”"];
/// Prepositions that make the following actor an object, not a subject.
pub(super) const OBJECT_PREPS: &[&str] =
    &["against", "from", "with", "to", "towards", "toward", "by", "on", "at", "into", "over"];
/// Prepositions of a path: the place is where someone goes or comes from, not where the event is.
pub(super) const PATH_PREPS: &[&str] =
    &["towards", "toward", "across", "via", "through", "from", "beyond", "to", "into"];
pub(super) const NEAR_WORDS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "outskirts",
    "near",
    "outside",
    "around",
    "close",
    "km",
    "kilometers",
    "kilometres",
    "miles",
    "northern",
    "southern",
    "eastern",
    "western",
    "countryside",
    "suburbs",
    "vicinity",
];
/// Words allowed between a place and a control cue ("the town of X, now held by").
pub(super) const FILLERS: &[&str] = &[
    "the",
    "a",
    "an",
    ",",
    "city",
    "town",
    "village",
    "area",
    "areas",
    "region",
    "district",
    "neighborhood",
    "neighbourhood",
    "parts",
    "part",
    "of",
    "'s",
    "'",
    "currently",
    "now",
    "still",
    "which",
    "is",
    "are",
    "was",
    "were",
    "being",
    "been",
    "remains",
    "remain",
    "firmly",
    "fully",
    "largely",
    "mostly",
    "partly",
    "partially",
    "entire",
    "whole",
    "most",
    "all",
    "proper",
    "center",
    "centre",
    "crossing",
    "border",
    "province",
    "governorate",
    "governate",
    "its",
    "their",
    "over",
    "full",
    "complete",
    "total",
];
pub(super) const SUBJECT_LEAD: &[&str] = &[
    "the",
    "a",
    "an",
    "these",
    "those",
    "this",
    "that",
    "its",
    "their",
    "his",
    "her",
    "then",
    "today",
    "yesterday",
    "meanwhile",
    "also",
    "now",
    ",",
    "on",
    "in",
    "during",
    "earlier",
    "later",
    "and",
    "but",
    "both",
];
/// Common nouns that make a capture verb's object an area.
pub(super) const AREA_NOUNS: &[&str] = &[
    "area",
    "areas",
    "village",
    "villages",
    "town",
    "towns",
    "city",
    "cities",
    "positions",
    "position",
    "camp",
    "camps",
    "region",
    "regions",
    "territory",
    "territories",
    "district",
    "districts",
    "neighborhood",
    "neighborhoods",
    "neighbourhood",
    "neighbourhoods",
    "base",
    "bases",
    "hill",
    "hills",
    "mountain",
    "mountains",
    "airport",
    "airbase",
    "outskirts",
    "countryside",
    "border",
    "crossing",
    "oil-fields",
    "oilfield",
    "oilfields",
    "fields",
    "stronghold",
    "strongholds",
    "headquarters",
    "outpost",
    "outposts",
    "checkpoint",
    "checkpoints",
    "port",
    "island",
    "islands",
    "valley",
    "road",
    "highway",
    "bridge",
    "dam",
    "parts",
    "sector",
    "quarter",
];
/// Targets that make an attack an armed clash.
pub(super) const ARMED_TARGETS: &[&str] = &[
    "checkpoint",
    "checkpoints",
    "patrol",
    "patrols",
    "convoy",
    "convoys",
    "base",
    "bases",
    "positions",
    "position",
    "outpost",
    "outposts",
    "troops",
    "soldiers",
    "forces",
    "army",
    "militants",
    "fighters",
    "rebels",
    "insurgents",
    "barracks",
    "garrison",
    "militia",
    "militiamen",
    "policemen",
    "military",
];
pub(super) const CITY_NOUNS: &[&str] =
    &["city", "town", "village", "crossing", "border", "base", "airport", "district"];
pub(super) const PROVINCE_NOUNS: &[&str] = &["governorate", "governate", "province", "region"];
/// Prepositions that put an event in a place ("in northern Syria", "across Iraq").
pub(super) const LOCATIVE_PREPS: &[&str] =
    &["in", "at", "inside", "outside", "near", "across", "throughout", "around", "within", "on"];
/// Words that may stand between a locative preposition and a place ("in the northwestern").
pub(super) const PLACE_PREMODIFIERS: &[&str] = &[
    "the",
    "a",
    "an",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "far",
    "rural",
    "remote",
    "restive",
    "war-torn",
    "neighbouring",
    "neighboring",
    "nearby",
];
/// Common nouns naming a part of a place: "the X town of Y", "Y's northern district".
pub(super) const UNIT_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "villages",
    "suburb",
    "suburbs",
    "district",
    "districts",
    "neighborhood",
    "neighborhoods",
    "neighbourhood",
    "neighbourhoods",
    "province",
    "provinces",
    "governorate",
    "region",
    "area",
    "areas",
    "county",
    "municipality",
    "quarter",
    "camp",
    "island",
    "port",
    "capital",
    "state",
    "countryside",
    "hamlet",
    "locality",
    "sector",
    "border",
    "frontier",
    "coast",
    "outskirts",
];
/// Distance units of a reference point ("20 km north of X").
pub(super) const DISTANCE_UNITS: &[&str] =
    &["km", "kms", "kilometers", "kilometres", "miles", "mi", "meters", "metres"];
/// Capitalized words that may follow a place inside its own name ("Kuweires Military Airport").
pub(super) const NAME_TAILS: &[&str] = &[
    "city",
    "province",
    "governorate",
    "district",
    "county",
    "state",
    "region",
    "airport",
    "airbase",
    "air",
    "base",
    "military",
    "square",
    "street",
    "road",
    "highway",
    "bridge",
    "dam",
    "mountain",
    "mountains",
    "valley",
    "camp",
    "countryside",
    "plain",
    "plains",
    "island",
    "islands",
    "desert",
    "border",
    "crossing",
    "gate",
    "oil",
    "field",
    "oilfield",
    "port",
    "harbor",
    "harbour",
    "lake",
    "river",
    "hills",
    "hill",
    "strip",
    "bank",
    "heights",
    "central",
    "park",
    "station",
    "old",
    "new",
    "-",
];
/// Capitalized words that may precede a place inside its own name ("Greater Damascus").
pub(super) const NAME_HEADS: &[&str] = &[
    "greater", "upper", "lower", "central", "old", "new", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "rural", "mount", "lake", "port", "fort", "camp", "al", "el", "-",
];
/// A place joined by a hyphen to one of these is a modifier, not a location ("a Dubai-based channel").
pub(super) const HYPHEN_MODIFIERS: &[&str] =
    &["based", "born", "led", "backed", "funded", "made", "registered", "flagged", "bound", "headquartered"];
/// Verbs of saying: the place of a statement is rarely named; the places around it belong to
/// what was said.
pub(super) const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tell",
    "tells",
    "announced",
    "announces",
    "announce",
    "reported",
    "reports",
    "report",
    "claimed",
    "claims",
    "claim",
    "stated",
    "states",
    "declared",
    "declares",
    "added",
    "confirmed",
    "confirms",
    "quoted",
    "according",
    "denied",
    "denies",
];
/// Nouns naming a source: a place right after them ("a correspondent in X") is the source's.
pub(super) const SOURCE_NOUNS: &[&str] = &[
    "correspondent",
    "correspondents",
    "reporter",
    "reporters",
    "source",
    "sources",
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "governor",
    "commander",
    "chief",
    "observatory",
    "journalist",
    "journalists",
];
/// Nouns naming a person by post: a place right after "leader in" is the person's, not the event's.
pub(super) const LEADER_NOUNS: &[&str] = &[
    "leader",
    "leaders",
    "emir",
    "head",
    "mayor",
    "commissioner",
    "minister",
    "ambassador",
    "envoy",
    "representative",
];
/// First words of multi-word place names ("Tal X", "Deir X", "Port X"): a place mention that is
/// only this word, followed by a capitalized one, is the start of a longer name, not a person's.
pub(super) const TOPONYM_HEADS: &[&str] = &[
    "tal", "tall", "tell", "tel", "deir", "dayr", "kafr", "kfar", "khan", "abu", "ain", "ayn", "beit", "bayt", "bir",
    "ras", "jabal", "jebel", "wadi", "qasr", "umm", "jisr", "marj", "sheikh", "sidi", "port", "mount", "cape", "lake",
    "fort", "san", "santa", "saint", "st", "al", "el",
];
/// "a unit based in X": the place is the unit's home, not where the event happened.
pub(super) const BASED: &[&str] = &["based", "stationed", "headquartered", "garrisoned", "lives", "lived", "living"];
/// Words that may open a sentence before a scene-setting "in X," ("Also in X, ...").
pub(super) const FRONT_WORDS: &[&str] =
    &["also", "meanwhile", "elsewhere", "and", "but", "later", "earlier", "separately", "further", "farther", "in"];
/// Openings of a phrase about another event ("In addition to the strikes on X, ...").
pub(super) const INTRO_PHRASES: &[&str] =
    &["in addition to", "besides", "apart from", "aside from", "following", "unlike", "despite", "as well as"];
