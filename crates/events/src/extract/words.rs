//! Word lists the clause rules read (closed classes of English; not analyst lexicons).
//!
//! The lists tested token by token are also bits of a per-token class mask ([`class`],
//! [`class_of`]), so a rule asks `self.is(k, class::UNIT_NOUNS)` instead of scanning a list.

use rustc_hash::FxHashMap;
use sitrep_model::calendar;
use std::sync::OnceLock;

/// One bit per word list of [`CLASS_LISTS`].
pub(super) mod class {
    pub(crate) const BE: u64 = 1 << 0;
    pub(crate) const ADVERBS: u64 = 1 << 1;
    pub(crate) const CLAUSE_WORDS: u64 = 1 << 2;
    pub(crate) const CLAUSE_PUNCT: u64 = 1 << 3;
    pub(crate) const OBJECT_PREPS: u64 = 1 << 4;
    pub(crate) const PATH_PREPS: u64 = 1 << 5;
    pub(crate) const NEAR_WORDS: u64 = 1 << 6;
    pub(crate) const FILLERS: u64 = 1 << 7;
    pub(crate) const SUBJECT_LEAD: u64 = 1 << 8;
    pub(crate) const AREA_NOUNS: u64 = 1 << 9;
    pub(crate) const ARMED_TARGETS: u64 = 1 << 10;
    pub(crate) const CITY_NOUNS: u64 = 1 << 11;
    pub(crate) const PROVINCE_NOUNS: u64 = 1 << 12;
    pub(crate) const LOCATIVE_PREPS: u64 = 1 << 13;
    pub(crate) const PLACE_PREMODIFIERS: u64 = 1 << 14;
    pub(crate) const UNIT_NOUNS: u64 = 1 << 15;
    pub(crate) const DISTANCE_UNITS: u64 = 1 << 16;
    pub(crate) const NAME_TAILS: u64 = 1 << 17;
    pub(crate) const NAME_HEADS: u64 = 1 << 18;
    pub(crate) const SPEECH_VERBS: u64 = 1 << 19;
    pub(crate) const SOURCE_NOUNS: u64 = 1 << 20;
    pub(crate) const LEADER_NOUNS: u64 = 1 << 21;
    pub(crate) const CALENDAR_WORDS: u64 = 1 << 22;
    pub(crate) const TOPONYM_HEADS: u64 = 1 << 23;
    pub(crate) const BASED: u64 = 1 << 24;
    pub(crate) const FRONT_WORDS: u64 = 1 << 25;
    pub(crate) const PLACE_HEADS: u64 = 1 << 26;
    pub(crate) const NOT_PLACE_HEADS: u64 = 1 << 27;
    pub(crate) const NOT_PLACE_WORDS: u64 = 1 << 28;
    pub(crate) const FACILITY_HEADS: u64 = 1 << 29;
    pub(crate) const FOLLOW_WORDS: u64 = 1 << 30;
    pub(crate) const OF_PLACE_NOUNS: u64 = 1 << 31;
    pub(crate) const MODIFIED_NOUNS: u64 = 1 << 32;
    pub(crate) const NAME_PREPS: u64 = 1 << 33;
    pub(crate) const SINGLE_NAME_PREPS: u64 = 1 << 34;
    pub(crate) const INNER_NAME_WORDS: u64 = 1 << 35;
    pub(crate) const REGION_HEADS: u64 = 1 << 36;
    pub(crate) const PERSON_VERBS: u64 = 1 << 37;
    pub(crate) const GROUND_VERBS: u64 = 1 << 38;
    pub(crate) const PLACE_OBJECT_VERBS: u64 = 1 << 39;
    pub(crate) const GROUND_OF_NOUNS: u64 = 1 << 40;
    pub(crate) const GROUND_HEADS: u64 = 1 << 41;
    pub(crate) const TOPIC_WORDS: u64 = 1 << 42;
    pub(crate) const DOCUMENT_NOUNS: u64 = 1 << 43;
}

/// The word lists a token is tested against, with their bits.
const CLASS_LISTS: &[(u64, &[&str])] = &[
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
    (class::PLACE_HEADS, PLACE_HEADS),
    (class::NOT_PLACE_HEADS, NOT_PLACE_HEADS),
    (class::NOT_PLACE_WORDS, NOT_PLACE_WORDS),
    (class::FACILITY_HEADS, FACILITY_HEADS),
    (class::FOLLOW_WORDS, FOLLOW_WORDS),
    (class::OF_PLACE_NOUNS, OF_PLACE_NOUNS),
    (class::MODIFIED_NOUNS, MODIFIED_NOUNS),
    (class::NAME_PREPS, NAME_PREPS),
    (class::SINGLE_NAME_PREPS, SINGLE_NAME_PREPS),
    (class::INNER_NAME_WORDS, INNER_NAME_WORDS),
    (class::REGION_HEADS, REGION_HEADS),
    (class::PERSON_VERBS, PERSON_VERBS),
    (class::GROUND_VERBS, GROUND_VERBS),
    (class::GROUND_VERBS, PLACE_OBJECT_VERBS),
    (class::PLACE_OBJECT_VERBS, PLACE_OBJECT_VERBS),
];

/// `data/events/words.tsv`: word lists of the location rules an analyst may edit.
pub const WORDS_TSV: &str = include_str!("../../../../data/events/words.tsv");

/// The lists `words.tsv` may define, with their bits.
const DATA_LISTS: &[(&str, u64)] = &[
    ("GROUND_OF_NOUNS", class::GROUND_OF_NOUNS),
    ("GROUND_HEADS", class::GROUND_HEADS),
    ("TOPIC_WORDS", class::TOPIC_WORDS),
    ("DOCUMENT_NOUNS", class::DOCUMENT_NOUNS),
];

/// The rows of a TSV data file: (line number, trimmed columns), without blank and `#` lines.
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, raw)| {
        let l = raw.trim_end_matches('\r');
        (!l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .then(|| (i + 1, l.split('\t').map(str::trim).collect()))
    })
}

/// Parse a word-list file (see `data/events/words.tsv`): `LIST <TAB> word|word|…`; errors name
/// the file and line.
pub fn parse_word_lists(file: &str, text: &str) -> Result<Vec<(u64, Vec<String>)>, crate::LexiconError> {
    let mut out: Vec<(u64, Vec<String>)> = Vec::new();
    for (line, cols) in rows(text) {
        let err = |message: String| crate::LexiconError { file: file.to_string(), line, message };
        if cols.len() != 2 {
            return Err(err(format!("expected 2 tab-separated columns (list, words), found {}", cols.len())));
        }
        let Some(&(_, bit)) = DATA_LISTS.iter().find(|(n, _)| *n == cols[0]) else {
            let names: Vec<&str> = DATA_LISTS.iter().map(|(n, _)| *n).collect();
            return Err(err(format!("unknown list {:?} (one of {})", cols[0], names.join(", "))));
        };
        let words: Vec<String> = cols[1].split('|').map(|w| w.trim().to_string()).collect();
        if let Some(w) = words.iter().find(|w| w.is_empty() || w.contains(' ') || w.to_lowercase() != **w) {
            return Err(err(format!("words must be single lower-case words separated by '|': {w:?}")));
        }
        match out.iter_mut().find(|(b, _)| *b == bit) {
            Some((_, ws)) => ws.extend(words),
            None => out.push((bit, words)),
        }
    }
    Ok(out)
}

/// The embedded word lists (checked by a test; a broken file gives none rather than a panic).
fn data_lists() -> &'static [(u64, Vec<String>)] {
    static LISTS: OnceLock<Vec<(u64, Vec<String>)>> = OnceLock::new();
    LISTS.get_or_init(|| parse_word_lists("data/events/words.tsv", WORDS_TSV).unwrap_or_default())
}

/// Every word of the lists.
pub(crate) fn class_words() -> impl Iterator<Item = &'static str> {
    let data = data_lists().iter().flat_map(|(_, words)| words.iter().map(String::as_str));
    CLASS_LISTS.iter().flat_map(|&(_, words)| words.iter().copied()).chain(data)
}

/// The bits of the lists holding `word` (a lower-cased token), 0 for most words.
pub(crate) fn class_of(word: &str) -> u64 {
    static MAP: OnceLock<FxHashMap<&'static str, u64>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m: FxHashMap<&'static str, u64> = FxHashMap::default();
        for &(bit, words) in CLASS_LISTS {
            for &w in words {
                *m.entry(w).or_default() |= bit;
            }
        }
        for (bit, words) in data_lists() {
            for w in words {
                *m.entry(w.as_str()).or_default() |= *bit;
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
    "has",
    "have",
    "had",
    "long",
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
    // Elected posts: "the X provincial councillor", "the X lawmaker".
    "councillor",
    "councilor",
    "councillors",
    "councilors",
    "lawmaker",
    "lawmakers",
    "legislator",
    "legislators",
    "senator",
    "congressman",
    "congresswoman",
    "mp",
    "mps",
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

/// Nouns before "of X" that make X where something is ("the outskirts of X", "parts of X");
/// after other nouns ("residents of X", "the University of X") X only describes.
pub(super) const OF_PLACE_NOUNS: &[&str] = &[
    // facilities stand in their town: "the central market of X", "the main hospital of X"
    "market",
    "markets",
    "marketplace",
    "bazaar",
    "souk",
    "harbour",
    "harbor",
    "airport",
    "hospital",
    "hospitals",
    "prison",
    "mosque",
    "bridge",
    "streets",
    "street",
    "outskirts",
    "countryside",
    "capital",
    "centre",
    "center",
    "heart",
    "parts",
    "part",
    "rest",
    "half",
    "third",
    "much",
    "many",
    "most",
    "all",
    "some",
    "majority",
    "portion",
    "section",
    "sections",
    "out",
    "outside",
    "inside",
    "edge",
    "edges",
    "entrance",
    "gates",
    "fringes",
    "flank",
    "flanks",
    "sides",
    "side",
    "banks",
    "bank",
    "shores",
    "shore",
    "coast",
    "waters",
    "slopes",
    "foothills",
    "hillside",
    "hilltop",
    "interior",
    "perimeter",
    "vicinity",
    "stronghold",
    "strongholds",
    "bastion",
    "hub",
    "enclave",
    "hometown",
    "seat",
    "suburbs",
    "suburb",
    "cities",
    "towns",
    "villages",
    "settlement",
    "settlements",
    "province",
    "provinces",
    "borough",
    "outpost",
    "headquarters",
    "corridor",
    "square",
    "roads",
    "alleys",
    "avenue",
    "jungles",
    "mountains",
    "gulf",
    "straits",
    "resort",
    "resorts",
    "port",
    "campus",
    "courtyard",
    "basement",
    "office",
    "ministry",
    "slums",
    "corner",
    "corners",
    "invasion",
    "control",
    "territory",
    "territories",
    "area",
    "areas",
    "region",
    "regions",
    "island",
    "islands",
    "border",
    "borders",
    "one",
    "two",
    "three",
    "each",
    "any",
    "none",
    "both",
    "eastwards",
    "westwards",
    "northwards",
    "southwards",
    "environs",
    "surroundings",
    "neighbourhoods",
    "neighborhoods",
    "republic",
    "kingdom",
    "emirate",
    "sultanate",
    "principality",
    "commonwealth",
    "isle",
    "gulf",
    "bay",
    "sea",
    "pocket",
    "pockets",
    "plains",
    "plain",
    "plateau",
    "desert",
    "axis",
    "front",
    "frontline",
    "frontlines",
    "ruins",
    "downtown",
    "depths",
    "heartland",
    "frontier",
    "outskirt",
    "quarters",
    "highlands",
    "valley",
    "hills",
    "hill",
    "camps",
    "highway",
    "crossing",
    "entrances",
    "gate",
    "walls",
    "districts",
    "neighborhood",
    "neighbourhood",
    "one-third",
    "two-thirds",
    "one-quarter",
    "percent",
    "chunk",
];
/// Nouns a place before them only describes ("the Mideast war", "the Iraq crisis").
pub(super) const MODIFIED_NOUNS: &[&str] = &[
    "war",
    "wars",
    "conflict",
    "crisis",
    "question",
    "issue",
    "policy",
    "talks",
    "peace",
    "process",
    "affairs",
    "government",
    "authorities",
    "embassy",
    "consulate",
    "election",
    "elections",
    "team",
    "squad",
    "federation",
    "accord",
    "accords",
    "agreement",
    "deal",
    "treaty",
    "dispute",
    "file",
    "envoy",
    "delegation",
    "group",
    "groups",
    "separatists",
    "separatist",
    "rebels",
    "militants",
    "militia",
    "militias",
    "tribe",
    "tribes",
    "clan",
    "clans",
    "cartel",
    "cartels",
    "gang",
    "gangs",
    "minority",
    "community",
    "population",
    "nationals",
    "citizens",
    "leaders",
    "leadership",
    "regime",
    "army",
    "rebel",
    "alliance",
    "movement",
    "fighters",
    "helicopter",
    "helicopters",
    "gunship",
    "gunships",
    "jet",
    "jets",
    "aircraft",
    "warplane",
    "warplanes",
    "drone",
    "drones",
    // People named after where they come from: "X raiders", "X herders", "the X ethnic group".
    "raiders",
    "gunmen",
    "militiamen",
    "tribesmen",
    "herders",
    "settlers",
    "insurgents",
    "ethnic",
    "villagers",
    "guerrillas",
    "guerillas",
];

// ----- unknown place names (names.rs) ---------------------------------------------------------

/// Romanized Arabic articles joined to a name by a hyphen ("al-Ansari", "ad-Dana").
pub(super) const ARTICLE_PREFIXES: &[&str] = &["al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "ez-"];
/// Lower-case words inside a name between capitalized ones ("Ras al Ain", "Bab el Hawa").
pub(super) const INNER_NAME_WORDS: &[&str] =
    &["al", "el", "ad", "ar", "as", "ash", "az", "ez", "bin", "ibn", "bani", "de", "del", "la", "es", "-"];
/// Prepositions before an unknown name of two or more words ("at Unguwar Jaji").
pub(super) const NAME_PREPS: &[&str] = &[
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "around",
    "into",
    "across",
    "toward",
    "towards",
    "to",
    "from",
    "through",
    "within",
    "throughout",
];
/// Prepositions before an unknown one-word name ("in Chandrayangutta").
pub(super) const SINGLE_NAME_PREPS: &[&str] = &["in", "at", "near", "inside", "outside", "around"];
/// Last words of a name that make it a place ("Al-Malaah Farms", "Handarat Refugee Camp").
pub(super) const PLACE_HEADS: &[&str] = &[
    "castle",
    "beach",
    "gorge",
    "fortress",
    "citadel",
    "tomb",
    "shrine",
    "temple",
    "cathedral",
    "monastery",
    "cemetery",
    "quarries",
    "district",
    "neighborhood",
    "neighbourhood",
    "quarter",
    "suburb",
    "village",
    "town",
    "farms",
    "farm",
    "mountains",
    "mountain",
    "mount",
    "hill",
    "hills",
    "heights",
    "valley",
    "plain",
    "plains",
    "plateau",
    "camp",
    "airport",
    "airbase",
    "base",
    "square",
    "roundabout",
    "street",
    "road",
    "highway",
    "bridge",
    "dam",
    "checkpoint",
    "crossing",
    "junction",
    "gate",
    "market",
    "mosque",
    "hospital",
    "school",
    "university",
    "stadium",
    "prison",
    "station",
    "field",
    "fields",
    "complex",
    "project",
    "port",
    "harbor",
    "harbour",
    "island",
    "islands",
    "islet",
    "river",
    "lake",
    "colony",
    "settlement",
    "compound",
    "circle",
    "canal",
    "desert",
    "forest",
    "park",
    "palace",
    "hotel",
    "refinery",
    "factory",
    "factories",
    "silos",
    "barracks",
    "county",
    "province",
    "governorate",
    "region",
    "area",
    "sector",
    "township",
    "municipality",
    "camps",
    "pass",
    "border",
    "corridor",
    "bay",
    "coast",
];
/// Last words of a capitalized phrase that make it no place ("Security Council", "Liberation Army").
pub(super) const NOT_PLACE_HEADS: &[&str] = &[
    "council",
    "congress",
    "parliament",
    "senate",
    "assembly",
    "court",
    "ministry",
    "government",
    "cabinet",
    "committee",
    "party",
    "army",
    "police",
    "forces",
    "force",
    "brigade",
    "brigades",
    "battalion",
    "division",
    "corps",
    "regiment",
    "front",
    "movement",
    "group",
    "organization",
    "organisation",
    "agency",
    "news",
    "times",
    "post",
    "press",
    "network",
    "tv",
    "television",
    "radio",
    "channel",
    "company",
    "corporation",
    "bank",
    "fund",
    "union",
    "association",
    "league",
    "church",
    "day",
    "war",
    "revolution",
    "operation",
    "offensive",
    "prize",
    "cup",
    "games",
    "olympics",
    "championship",
    "award",
    "act",
    "law",
    "treaty",
    "accord",
    "accords",
    "agreement",
    "declaration",
    "convention",
    "conference",
    "summit",
    "forum",
    "office",
    "department",
    "service",
    "services",
    "authority",
    "commission",
    "institute",
    "foundation",
    "center",
    "centre",
    "islam",
    "christ",
    "god",
    "allah",
    "trophy",
    "title",
    "series",
    "federation",
    "open",
    "tournament",
    "masters",
];
/// Words that make a capitalized phrase no place wherever they stand.
pub(super) const NOT_PLACE_WORDS: &[&str] = &[
    "i",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "dr",
    "dr.",
    "president",
    "minister",
    "king",
    "queen",
    "prince",
    "general",
    "gen.",
    "colonel",
    "captain",
    "sheikh",
    "imam",
    "pope",
    "saint",
    "operation",
    "english",
    "arabic",
    "internet",
    "twitter",
    "facebook",
    "youtube",
    "god",
    "christmas",
    "easter",
    "ramadan",
    "eid",
    "islamic",
    "state",
    "day",
    "war",
    "parade",
    "festival",
    "games",
    "olympic",
    // Faiths and sects: "the Shiite town of X", "a Jewish settlement".
    "jewish",
    "christian",
    "catholic",
    "protestant",
    "muslim",
    "shiite",
    "shi'ite",
    "sunni",
    "hindu",
    "sikh",
    "buddhist",
    "druze",
    "alawite",
];
/// Other words that may follow a place name ("in X and Y", "in X last week").
pub(super) const FOLLOW_WORDS: &[&str] = &[
    "and",
    "or",
    "of",
    "for",
    "during",
    "amid",
    "since",
    "as",
    "last",
    "this",
    "early",
    "late",
    "earlier",
    "that",
    "has",
    "have",
    "had",
    "killing",
    "wounding",
    "leaving",
    "injuring",
    "in",
    "to",
    "where",
    "which",
    "who",
    "is",
    "was",
    "were",
    "are",
    "on",
    "at",
    "near",
    "after",
    "before",
    "while",
    "when",
    "until",
    "following",
    "overnight",
    "yesterday",
    "today",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "night",
    "itself",
    "itself",
    "proper",
];
/// Last words of an unknown name that make it a building or a street, finer than the places an
/// event is usually told at: "a bomb near the X Restaurant in Y" happened in Y.
pub(super) const FACILITY_HEADS: &[&str] = &[
    "street",
    "road",
    "highway",
    "avenue",
    "square",
    "roundabout",
    "bridge",
    "stadium",
    "hospital",
    "mosque",
    "church",
    "school",
    "university",
    "college",
    "hotel",
    "restaurant",
    "market",
    "bazaar",
    "station",
    "prison",
    "palace",
    "building",
    "tower",
    "complex",
    "project",
    "factory",
    "refinery",
    "silos",
    "office",
    "cafe",
    "shop",
    "mall",
    "center",
    "centre",
    "cinema",
    "theatre",
    "theater",
    "park",
    "junction",
    "jail",
    "garden",
    "gardens",
    "hall",
    "embassy",
    "consulate",
];
/// Last words of an unknown name that make it a district or a province, not a point.
pub(super) const REGION_HEADS: &[&str] =
    &["county", "province", "governorate", "region", "township", "municipality", "state"];
/// Verbs whose object is a person, never a place ("shot X", "X was arrested").
pub(super) const PERSON_VERBS: &[&str] = &[
    "shot",
    "shoot",
    "shoots",
    "shooting",
    "killed",
    "kill",
    "kills",
    "killing",
    "wounded",
    "wounding",
    "injured",
    "injuring",
    "arrested",
    "arresting",
    "detained",
    "detaining",
    "kidnapped",
    "kidnapping",
    "abducted",
    "abducting",
    "executed",
    "executing",
    "murdered",
    "murdering",
    "assassinated",
    "assassinating",
    "stabbed",
    "hanged",
    "beheaded",
    "gunned",
    "slain",
    "slew",
    "tortured",
    "torturing",
];
/// Verbs that take ground, whose object may also be a person ("captured X").
pub(super) const GROUND_VERBS: &[&str] = &[
    "captured",
    "capture",
    "capturing",
    "captures",
    "seized",
    "seize",
    "seizing",
    "liberated",
    "liberate",
    "liberating",
    "recaptured",
    "recapture",
    "recapturing",
    "retook",
    "retake",
    "retaking",
    "targeted",
    "targeting",
    "target",
    "attacked",
    "attacking",
    "bombed",
    "bombing",
    "struck",
    "striking",
];
/// Verbs whose object is ground, never a person ("stormed X", "entered X").
pub(super) const PLACE_OBJECT_VERBS: &[&str] = &[
    "entered",
    "enter",
    "entering",
    "enters",
    "stormed",
    "storm",
    "storming",
    "invaded",
    "invade",
    "invading",
    "patrolled",
    "patrol",
    "patrolling",
    "patrols",
    "shelled",
    "shelling",
    "overran",
    "overrun",
    "raided",
    "raiding",
];
/// Titles before a person's name.
pub(super) const PERSON_TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "president",
    "minister",
    "king",
    "queen",
    "prince",
    "sheikh",
    "imam",
    "general",
    "colonel",
    "commander",
    "leader",
    "chief",
    "brother",
    "son",
    "daughter",
    "father",
    "mother",
    "wife",
    "husband",
    "spokesman",
    "named",
    "called",
    "identified",
];
/// Nouns whose owner is a person or an agent, never a place: "X's men", "X's death", "X's car",
/// "X's plans".
pub(super) const OWNED_BY_PERSON: &[&str] = &[
    "men",
    "man",
    "death",
    "funeral",
    "murder",
    "assassination",
    "ouster",
    "resignation",
    "visit",
    "cousin",
    "nephew",
    "uncle",
    "aunt",
    "widow",
    "children",
    "family",
    "bodyguards",
    "bodyguard",
    "deputy",
    "car",
    "jeep",
    "vehicle",
    "motorcade",
    "convoy",
    "own",
    // An agent's, not a place's: "X's office", "X's plans", "X's withdrawal".
    "office",
    "home",
    "house",
    "residence",
    "plan",
    "plans",
    "attempt",
    "attempts",
    "withdrawal",
    "decision",
    "list",
];
/// People a place after "from" tells the origin of ("settlers from X", "a professor from X").
pub(super) const ORIGIN_PEOPLE: &[&str] = &[
    "people",
    "man",
    "men",
    "woman",
    "women",
    "boy",
    "boys",
    "girl",
    "girls",
    "youth",
    "youths",
    "teenager",
    "teenagers",
    "student",
    "students",
    "settlers",
    "refugees",
    "residents",
    "civilians",
    "villagers",
    "farmers",
    "workers",
    "pilgrims",
    "tourists",
    "migrants",
    "immigrants",
    "citizens",
    "nationals",
    "natives",
    "native",
    "families",
    "family",
    "delegation",
    "delegates",
    "businessman",
    "businessmen",
    "professor",
    "owner",
    "functionary",
    "fighters",
    "militants",
    "soldiers",
    "troops",
    "volunteers",
    "lawmaker",
    "lawmakers",
    "activists",
    "protesters",
    "demonstrators",
];

/// `data/events/senses.tsv`: readings of event verbs that are no conflict event.
pub const SENSES_TSV: &str = include_str!("../../../../data/events/senses.tsv");

/// Where a [`SenseRule`]'s words stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SenseWhere {
    /// A phrase right after the verb.
    Next,
    /// A word of the verb's object (before a preposition, comma, "and" or clause word).
    Object,
    /// The verb follows a form of "be".
    Passive,
    /// The verb's subject, right before it or its auxiliaries.
    Subject,
}

/// One line of `senses.tsv`.
#[derive(Clone, Debug)]
pub struct SenseRule {
    pub verbs: Vec<String>,
    pub at: SenseWhere,
    /// Phrases, each a list of lower-case words.
    pub words: Vec<Vec<String>>,
}

/// Parse a senses file (see `data/events/senses.tsv`); errors name the file and line.
pub fn parse_senses(file: &str, text: &str) -> Result<Vec<SenseRule>, crate::LexiconError> {
    let mut out = Vec::new();
    for (line, cols) in rows(text) {
        let err = |message: String| crate::LexiconError { file: file.to_string(), line, message };
        if cols.len() != 3 {
            return Err(err(format!("expected 3 tab-separated columns (verbs, where, words), found {}", cols.len())));
        }
        let list = |c: &str| -> Vec<String> {
            c.split('|').map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect()
        };
        let verbs = list(cols[0]);
        if verbs.is_empty() || verbs.iter().any(|v| v.contains(' ')) {
            return Err(err(format!("verbs must be single words separated by '|': {:?}", cols[0])));
        }
        let at = match cols[1] {
            "next" => SenseWhere::Next,
            "object" => SenseWhere::Object,
            "passive" => SenseWhere::Passive,
            "subject" => SenseWhere::Subject,
            other => return Err(err(format!("where must be next, object, passive or subject, not {other:?}"))),
        };
        let words: Vec<Vec<String>> = if at == SenseWhere::Passive {
            if cols[2] != "-" {
                return Err(err("a passive rule takes no words: write '-'".into()));
            }
            Vec::new()
        } else {
            let w: Vec<Vec<String>> =
                list(cols[2]).iter().map(|p| p.split_whitespace().map(str::to_string).collect()).collect();
            if w.is_empty() || (at != SenseWhere::Next && w.iter().any(|p| p.len() != 1)) {
                return Err(err(format!("words must be '|'-separated (phrases only for 'next'): {:?}", cols[2])));
            }
            w
        };
        out.push(SenseRule { verbs, at, words });
    }
    Ok(out)
}

/// The embedded sense rules (checked by a test; a broken file gives none rather than a panic).
pub(super) fn senses() -> &'static [SenseRule] {
    static RULES: OnceLock<Vec<SenseRule>> = OnceLock::new();
    RULES.get_or_init(|| parse_senses("data/events/senses.tsv", SENSES_TSV).unwrap_or_default())
}

#[cfg(test)]
mod sense_tests {
    use super::*;

    #[test]
    fn embedded_senses_parse() {
        let rules = parse_senses("data/events/senses.tsv", SENSES_TSV).unwrap();
        assert!(rules.iter().any(|r| r.verbs.contains(&"captured".to_string())));
    }

    #[test]
    fn embedded_word_lists_parse_and_set_their_bits() {
        let lists = parse_word_lists("data/events/words.tsv", WORDS_TSV).unwrap();
        assert_eq!(lists.len(), DATA_LISTS.len());
        assert!(class_of("stronghold") & class::GROUND_OF_NOUNS != 0);
        assert!(class_of("hill") & class::GROUND_HEADS != 0);
        assert!(class_of("against") & class::TOPIC_WORDS != 0);
        assert!(class_words().any(|w| w == "hometown"));
    }

    #[test]
    fn word_list_errors_name_file_and_line() {
        let e = parse_word_lists("w.tsv", "# c\nNO_SUCH_LIST\tword\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("w.tsv", 2));
        assert!(parse_word_lists("w.tsv", "TOPIC_WORDS\tAgainst\n").is_err());
        assert!(parse_word_lists("w.tsv", "TOPIC_WORDS\tin support\n").is_err());
        assert!(parse_word_lists("w.tsv", "TOPIC_WORDS\n").is_err());
    }

    #[test]
    fn sense_errors_name_file_and_line() {
        let e = parse_senses("x.tsv", "# c\ncaptured\tsomewhere\ttitle\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("x.tsv", 2));
        assert!(parse_senses("x.tsv", "captured\tobject\n").is_err());
        assert!(parse_senses("x.tsv", "captured\tobject\tthe title\n").is_err());
        assert!(parse_senses("x.tsv", "captured\tpassive\ttitle\n").is_err());
    }
}
