//! The cue lexicons (event cues, modality cues, control statements) and the one word trie that
//! finds them, token-aligned, in a document.
//!
//! The lexicons are data files under `data/events/` (embedded as defaults). Each line is validated
//! at load; an error names the file and the line.

use rustc_hash::FxHashMap;
use sitrep_model::record::{AcledType, Modality, PloverType};
use sitrep_model::text::{tokenize, Doc};

pub const CUES_TSV: &str = include_str!("../../../data/events/cues.tsv");
pub const MODALITY_TSV: &str = include_str!("../../../data/events/modality.tsv");
pub const CONTROL_TSV: &str = include_str!("../../../data/events/control.tsv");

/// The 25 ACLED sub-event types with their event types, spelled as ACLED spells them.
pub const ACLED_TYPES: [(&str, &str); 25] = [
    ("Battles", "Armed clash"),
    ("Battles", "Government regains territory"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Explosions/Remote violence", "Chemical weapon"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Suicide bomb"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", "Grenade"),
    ("Violence against civilians", "Sexual violence"),
    ("Violence against civilians", "Attack"),
    ("Violence against civilians", "Abduction/forced disappearance"),
    ("Protests", "Peaceful protest"),
    ("Protests", "Protest with intervention"),
    ("Protests", "Excessive force against protesters"),
    ("Riots", "Violent demonstration"),
    ("Riots", "Mob violence"),
    ("Strategic developments", "Agreement"),
    ("Strategic developments", "Arrests"),
    ("Strategic developments", "Change to group/activity"),
    ("Strategic developments", "Disrupted weapons use"),
    ("Strategic developments", "Headquarters or base established"),
    ("Strategic developments", "Looting/property destruction"),
    ("Strategic developments", "Non-violent transfer of territory"),
    ("Strategic developments", "Other"),
];

/// PLOVER event types (plus the older DEMAND).
pub const PLOVER_EVENTS: [&str; 19] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "SANCTION",
    "PROTEST",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    "DEMAND",
    "DISAPPROVE",
    "INVESTIGATE",
];

/// The ACLED type for a sub-event type spelled as ACLED spells it.
pub fn acled(sub_event_type: &str) -> Option<AcledType> {
    ACLED_TYPES
        .iter()
        .find(|(_, s)| *s == sub_event_type)
        .map(|(t, s)| AcledType { event_type: t.to_string(), sub_event_type: s.to_string() })
}

#[derive(Clone, Debug, PartialEq)]
pub enum AcledSpec {
    None,
    Fixed(AcledType),
    /// Decided by the winner's sector (or the `negotiated` flag).
    Territory,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventFlags {
    pub needs_place: bool,
    pub needs_actor: bool,
    pub noun: bool,
    pub loser_subject: bool,
    pub place_subject: bool,
    pub negotiated: bool,
    pub default_gov: bool,
    pub default_nsa: bool,
    pub topic_agent: bool,
    pub symmetric: bool,
    pub no_passive: bool,
    /// Not an event: a phrase that contains a cue word ("took place").
    pub ignore: bool,
    /// `is:NAME`: this cue marks a context (a protest, a weapon) that `ctx:NAME` cues depend on.
    pub is: Option<String>,
    /// `ctx:NAME`: only a reading when the sentence has an `is:NAME` cue; it then replaces the
    /// events of those cues ("protesters clashed": a violent demonstration, not a protest).
    pub ctx: Option<String>,
    /// An attack on armed people or posts is an armed clash ("attacked a checkpoint").
    pub clash_if_armed: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EventCue {
    pub acled: AcledSpec,
    pub plover: Option<PloverType>,
    pub flags: EventFlags,
}

impl EventCue {
    /// Only marks a context (no event of its own).
    pub fn is_marker(&self) -> bool {
        self.acled == AcledSpec::None && self.plover.is_none()
    }
    pub fn is_territory(&self) -> bool {
        matches!(self.acled, AcledSpec::Territory)
            || self.acled == AcledSpec::Fixed(acled("Non-violent transfer of territory").expect("known type"))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModalityKind {
    Set(Modality),
    /// "X said that": the speaker stands before the cue.
    SourceLeft,
    /// "according to X": the speaker follows the cue.
    SourceRight,
    /// A noun naming a source ("journalists"): fills `attributed_to` when no actor is named.
    Speaker,
    /// "would": a future told in reported speech after a speech verb ("commanders said the town
    /// would be liberated" is a forecast), else a condition's consequence (hypothetical).
    Backshift,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Before the trigger, in its clause, at most this many tokens away.
    Clause(usize),
    /// Before the trigger, anywhere in the sentence.
    Sentence,
    /// Anywhere in the sentence.
    Any,
    /// Just before a verbal (not nominal) trigger.
    Verb,
    /// A determiner of the trigger, at most this many tokens before it in its clause ("any
    /// attack"): a weak reading that a negation in scope overrides.
    Det(usize),
    /// As `Clause`, only for a nominal trigger (a noun cue, or one after a/an/the/any).
    Noun(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModalityCue {
    pub kind: ModalityKind,
    pub scope: Scope,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlShape {
    ByRight,
    SubjectObject,
    Stronghold,
    /// "X remains under ISIS control": the controller stands between "under" and the cue, the
    /// place just before "under".
    Under,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ControlCue {
    pub shape: ControlShape,
    pub status: sitrep_model::record::ControlStatus,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CueKind {
    Event(EventCue),
    Modality(ModalityCue),
    Control(ControlCue),
}

/// One lexicon line: its kind and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub kind: CueKind,
    pub file: String,
    pub line: usize,
    pub pattern: String,
}

#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// A cue found in a document: tokens `[start, end)` and the lexicon entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

/// All cue lexicons, compiled into one trie over lower-cased tokens.
#[derive(Clone, Debug)]
pub struct Lexicon {
    pub entries: Vec<Entry>,
    trie: WordTrie,
    /// Every word of a phrase or of the extractor's word lists: its word number ([`NO_WORD`] for
    /// none) and its list bits (`class_of`), so a token needs one lookup for both.
    words: WordMap,
    /// The word number of [`NUMERAL`] ([`NO_WORD`] when no phrase has it): every numeral token
    /// ("3,000", "12", "2.5") takes it.
    num: u32,
}

/// A phrase word that stands for any numeral ("sent <num> troops").
pub const NUMERAL: &str = "<num>";

/// A numeral token: digits, with ',' or '.' between them ("3,000", "2.5").
#[inline]
fn is_numeral(w: &[u8]) -> bool {
    w.first().is_some_and(u8::is_ascii_digit)
        && w.last().is_some_and(u8::is_ascii_digit)
        && w.iter().all(|&b| b.is_ascii_digit() || b == b',' || b == b'.')
}

/// What [`Lexicon::word_info`] looks up: words of up to 7 and up to 15 bytes packed into one
/// number each ([`Key`]) in small open-addressing tables (keys compared as integers, no string on
/// the heap to reach: the table of short words is 32 KB), longer words by string.
#[derive(Clone, Debug, Default)]
struct WordMap {
    short: Packed<u64>,
    medium: Packed<u128>,
    long: FxHashMap<Box<str>, (u32, u64)>,
}

impl WordMap {
    fn new(words: &FxHashMap<Box<str>, (u32, u64)>) -> Self {
        let mut m = WordMap::default();
        let fits = |w: &str, max: usize| !w.is_empty() && w.len() <= max;
        m.short = Packed::new(words.iter().filter(|(w, _)| fits(w, u64::MAX_LEN)).map(|(w, &v)| (&**w, v)));
        m.medium = Packed::new(
            words.iter().filter(|(w, _)| !fits(w, u64::MAX_LEN) && fits(w, u128::MAX_LEN)).map(|(w, &v)| (&**w, v)),
        );
        m.long = words.iter().filter(|(w, _)| !fits(w, u128::MAX_LEN)).map(|(w, &v)| (w.clone(), v)).collect();
        m
    }

    /// The word `text[a..b]`; `text` may go on after it (read as padding, not copied).
    #[inline]
    fn get(&self, text: &[u8], a: usize, b: usize) -> Option<(u32, u64)> {
        let len = b.checked_sub(a)?;
        if len == 0 {
            return None;
        }
        if len <= u64::MAX_LEN {
            self.short.get(Key::at(text, a, len))
        } else if len <= u128::MAX_LEN {
            self.medium.get(Key::at(text, a, len))
        } else {
            let w = std::str::from_utf8(text.get(a..b)?).ok()?;
            self.long.get(w).copied()
        }
    }
}

/// A word of 1 to `MAX_LEN` bytes as a number: its length in the low byte, its bytes above (so
/// no two such words share one, and none is 0, the empty slot).
trait Key: Copy + Eq + Default {
    const MAX_LEN: usize;
    /// The word `text[a..a + len]`.
    fn at(text: &[u8], a: usize, len: usize) -> Self;
    fn hash(self) -> u64;
}

impl Key for u64 {
    const MAX_LEN: usize = 7;
    #[inline]
    fn at(text: &[u8], a: usize, len: usize) -> Self {
        let x = match text.get(a..a + 8) {
            Some(w) => u64::from_le_bytes(w.try_into().unwrap_or_default()),
            None => {
                let mut buf = [0u8; 8];
                let w = text.get(a..a + len).unwrap_or_default();
                buf[..w.len()].copy_from_slice(w);
                u64::from_le_bytes(buf)
            }
        };
        ((x & ((1u64 << (8 * len)) - 1)) << 8) | len as u64
    }
    #[inline]
    fn hash(self) -> u64 {
        (self ^ (self >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

impl Key for u128 {
    const MAX_LEN: usize = 15;
    #[inline]
    fn at(text: &[u8], a: usize, len: usize) -> Self {
        let x = match text.get(a..a + 16) {
            Some(w) => u128::from_le_bytes(w.try_into().unwrap_or_default()),
            None => {
                let mut buf = [0u8; 16];
                let w = text.get(a..a + len).unwrap_or_default();
                buf[..w.len()].copy_from_slice(w);
                u128::from_le_bytes(buf)
            }
        };
        ((x & ((1u128 << (8 * len)) - 1)) << 8) | len as u128
    }
    #[inline]
    fn hash(self) -> u64 {
        let (a, b) = (self as u64, (self >> 64) as u64);
        (a ^ (a >> 29) ^ b.rotate_left(31)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

/// An open-addressing table (linear probing, at most half full) from packed words to values,
/// with a bit per hash value in front: most tokens are in no list, and their lookup ends at a bit
/// of a 4 KB filter that stays in the cache instead of at a table slot that may not.
#[derive(Clone, Debug, Default)]
struct Packed<K> {
    /// Each slot's key (0 for none) and value, side by side (one cache line per probe).
    slots: Vec<(K, (u32, u64))>,
    /// Bit `h % FILTER_BITS` of every key's hash `h >> 32` (see [`Packed::get`]).
    filter: Vec<u64>,
    /// 64 minus log2 of the table size (the hash's top bits index it).
    shift: u32,
}

const FILTER_BITS: usize = 1 << 15;

impl<K: Key> Packed<K> {
    fn new<'w>(words: impl Iterator<Item = (&'w str, (u32, u64))>) -> Self {
        let words: Vec<_> = words.collect();
        let size = (words.len() * 2).next_power_of_two().max(16);
        let mut t = Packed {
            slots: vec![(K::default(), (NO_WORD, 0)); size],
            filter: vec![0; FILTER_BITS / 64],
            shift: 64 - size.trailing_zeros(),
        };
        for (w, v) in words {
            let k = K::at(w.as_bytes(), 0, w.len());
            let h = k.hash();
            let f = (h >> 32) as usize % FILTER_BITS;
            t.filter[f / 64] |= 1 << (f % 64);
            let mut i = (h >> t.shift) as usize;
            while t.slots[i].0 != K::default() && t.slots[i].0 != k {
                i = (i + 1) & (size - 1);
            }
            t.slots[i] = (k, v);
        }
        t
    }

    #[inline]
    fn get(&self, k: K) -> Option<(u32, u64)> {
        let h = k.hash();
        let f = (h >> 32) as usize % FILTER_BITS;
        if self.filter.get(f / 64)? & (1 << (f % 64)) == 0 {
            return None;
        }
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = (h >> self.shift) as usize & mask;
        loop {
            let (x, v) = *self.slots.get(i)?;
            if x == k {
                return Some(v);
            }
            if x == K::default() {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The phrases of every entry as sequences of normalized words: a trie whose edges are word
/// numbers. A phrase matches where the document's tokens, normalized the same way, are its words
/// one by one, which is where its space-joined form matches the space-joined tokens (no
/// normalized token holds a space).
#[derive(Clone, Debug)]
struct WordTrie {
    /// Every word of a phrase, numbered from 0.
    words: FxHashMap<Box<str>, u32>,
    /// (node, word number) → child node; node 0 is the root, whose children are in `root`.
    next: FxHashMap<(u32, u32), u32>,
    /// Per word number: the root's child for it, or [`NO_NODE`] (most words start no phrase).
    root: Vec<u32>,
    /// Per node: the entries with a phrase that ends there.
    ends: Vec<Vec<usize>>,
}

impl WordTrie {
    fn new() -> Self {
        WordTrie { words: FxHashMap::default(), next: FxHashMap::default(), root: Vec::new(), ends: vec![Vec::new()] }
    }

    /// Add a normalized phrase (words joined by single spaces) of entry `entry`.
    fn insert(&mut self, phrase: &str, entry: usize) {
        let mut node = 0u32;
        for w in phrase.split(' ') {
            let n = self.words.len() as u32;
            let id = *self.words.entry(w.into()).or_insert(n);
            if self.root.len() < self.words.len() {
                self.root.resize(self.words.len(), NO_NODE);
            }
            let known = if node == 0 { Some(self.root[id as usize]).filter(|&c| c != NO_NODE) } else { None };
            node = match known.or_else(|| self.next.get(&(node, id)).copied()) {
                Some(c) => c,
                None => {
                    let c = self.ends.len() as u32;
                    self.ends.push(Vec::new());
                    if node == 0 {
                        self.root[id as usize] = c;
                    } else {
                        self.next.insert((node, id), c);
                    }
                    c
                }
            };
        }
        self.ends[node as usize].push(entry);
    }
}

/// No phrase has this word.
pub(crate) const NO_WORD: u32 = u32::MAX;
/// No phrase starts with this word.
const NO_NODE: u32 = u32::MAX;

impl Lexicon {
    /// The lexicons shipped in `data/events/`.
    pub fn embedded() -> Result<Lexicon, LexiconError> {
        Self::from_sources(&[
            ("data/events/cues.tsv", CUES_TSV),
            ("data/events/modality.tsv", MODALITY_TSV),
            ("data/events/control.tsv", CONTROL_TSV),
        ])
    }

    /// Build from `(file name, content)` pairs. The kind of each file is told by its name:
    /// `…modality…`, `…control…`, anything else is an event cue file.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Lexicon, LexiconError> {
        let mut entries = Vec::new();
        let mut trie = WordTrie::new();
        for (file, content) in sources {
            for (i, raw) in content.lines().enumerate() {
                let line = i + 1;
                let err = |message: String| LexiconError { file: file.to_string(), line, message };
                let l = raw.trim_end_matches('\r');
                if l.trim().is_empty() || l.trim_start().starts_with('#') {
                    continue;
                }
                let cols: Vec<&str> = l.split('\t').map(str::trim).collect();
                let kind = if file.contains("modality") {
                    parse_modality(&cols).map_err(err)?
                } else if file.contains("control") {
                    parse_control(&cols).map_err(err)?
                } else {
                    parse_event(&cols).map_err(err)?
                };
                let phrases = expand(cols[0]).map_err(err)?;
                let idx = entries.len();
                entries.push(Entry { kind, file: file.to_string(), line, pattern: cols[0].to_string() });
                for p in phrases {
                    trie.insert(&p, idx);
                }
            }
        }
        let mut all: FxHashMap<Box<str>, (u32, u64)> =
            trie.words.iter().map(|(w, &id)| (w.clone(), (id, crate::extract::words::class_of(w)))).collect();
        for w in crate::extract::words::class_words() {
            all.entry(w.into()).or_insert((NO_WORD, crate::extract::words::class_of(w)));
        }
        let num = trie.words.get(NUMERAL).copied().unwrap_or(NO_WORD);
        Ok(Lexicon { entries, trie, words: WordMap::new(&all), num })
    }

    /// Every token-aligned cue in the document (overlapping matches included).
    pub fn scan(&self, doc: &Doc) -> Vec<Hit> {
        // Each token's word number (normalized as the phrases were), then the phrases.
        let mut buf = String::new();
        let mut ids = Vec::with_capacity(doc.tokens.len());
        for t in &doc.tokens {
            let tok = t.span.of(doc.text);
            let word = if tok.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'`' && b != b' ') {
                tok // push_norm would copy it unchanged
            } else {
                buf.clear();
                push_norm(&mut buf, tok);
                &buf
            };
            ids.push(self.word_id(word));
        }
        self.hits(&ids)
    }

    /// The word number of a token normalized as the phrases were ([`NO_WORD`] if no phrase has it).
    pub(crate) fn word_id(&self, normalized: &str) -> u32 {
        match self.trie.words.get(normalized) {
            Some(&id) => id,
            None if is_numeral(normalized.as_bytes()) => self.num,
            None => NO_WORD,
        }
    }

    /// What a word missing from the tables gets: the numeral's number if it is one.
    #[inline]
    fn miss(&self, w: &[u8]) -> (u32, u64) {
        if self.num != NO_WORD && is_numeral(w) {
            (self.num, 0)
        } else {
            (NO_WORD, 0)
        }
    }

    /// A token's normalized form when it is ASCII with no '`' or space (then it is also its
    /// lower-case form): its word number and list bits.
    #[cfg(test)]
    pub(crate) fn word_info(&self, lower: &str) -> (u32, u64) {
        self.words.get(lower.as_bytes(), 0, lower.len()).unwrap_or((NO_WORD, 0))
    }

    /// [`Lexicon::word_info`] of a word of 1 to 7 bytes given as a number (its bytes from the
    /// lowest, the rest 0).
    #[inline]
    pub(crate) fn short_word_info(&self, bytes: u64, len: usize) -> (u32, u64) {
        if len == 0 || len > u64::MAX_LEN {
            return (NO_WORD, 0);
        }
        match self.words.short.get((bytes << 8) | len as u64) {
            Some(v) => v,
            None => self.miss(&bytes.to_le_bytes()[..len]),
        }
    }

    /// [`Lexicon::word_info`] of the word `text[a..b]` (`text` may go on after it: a
    /// document's lower-cased text, read without a copy).
    #[inline]
    pub(crate) fn word_info_at(&self, text: &[u8], a: usize, b: usize) -> (u32, u64) {
        match self.words.get(text, a, b) {
            Some(v) => v,
            None => self.miss(text.get(a..b).unwrap_or_default()),
        }
    }

    /// Every phrase starting at each token (given the tokens' word numbers), by a walk down the trie.
    pub(crate) fn hits(&self, ids: &[u32]) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (start, &first) in ids.iter().enumerate() {
            let Some(&root) = self.trie.root.get(first as usize) else { continue };
            if root == NO_NODE {
                continue;
            }
            let mut node = root;
            let mut end = start + 1;
            loop {
                for &entry in &self.trie.ends[node as usize] {
                    hits.push(Hit { start, end, entry });
                }
                let Some(&id) = ids.get(end) else { break };
                if id == NO_WORD {
                    break;
                }
                let Some(&child) = self.trie.next.get(&(node, id)) else { break };
                node = child;
                end += 1;
            }
        }
        hits.sort_by_key(|h| (h.start, h.end, h.entry));
        hits.dedup();
        hits
    }
}

pub(crate) fn push_norm(out: &mut String, tok: &str) {
    if tok.is_ascii() {
        // The common case, byte by byte: the same mapping as below.
        out.extend(tok.bytes().map(|b| match b {
            b'`' => '\'',
            b' ' => '_',
            b => b.to_ascii_lowercase() as char,
        }));
        return;
    }
    for c in tok.chars() {
        match c {
            '’' | '‘' | 'ʼ' | '`' => out.push('\''),
            '‐' | '‑' | '–' => out.push('-'),
            ' ' => out.push('_'),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Expand a pattern ("took|taken full? control of") into its phrases, each normalized exactly
/// as document tokens are.
fn expand(pattern: &str) -> Result<Vec<String>, String> {
    let words: Vec<&str> = pattern.split_whitespace().collect();
    if words.is_empty() {
        return Err("empty pattern".into());
    }
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for w in words {
        let (w, optional) = match w.strip_suffix('?') {
            Some(x) if !x.is_empty() => (x, true),
            _ => (w, false),
        };
        let alts: Vec<&str> = w.split('|').collect();
        if alts.iter().any(|a| a.is_empty()) {
            return Err(format!("empty alternative in {w:?}"));
        }
        let mut next = Vec::new();
        for prefix in &out {
            if optional {
                next.push(prefix.clone());
            }
            for a in &alts {
                let mut p = prefix.clone();
                p.push(a.to_string());
                next.push(p);
            }
        }
        if next.len() > 4096 {
            return Err("pattern expands to more than 4096 phrases".into());
        }
        out = next;
    }
    let mut phrases = Vec::new();
    for words in out {
        if words.is_empty() {
            continue;
        }
        // ("<num>" stands for any numeral: one word, kept as it is)
        let joined =
            words.iter().map(|w| if w == NUMERAL { NUMERAL_MARK } else { w.as_str() }).collect::<Vec<_>>().join(" ");
        let mut s = String::new();
        for t in tokenize(&joined) {
            if !s.is_empty() {
                s.push(' ');
            }
            match t.span.of(&joined) {
                NUMERAL_MARK => s.push_str(NUMERAL),
                w => push_norm(&mut s, w),
            }
        }
        if !s.is_empty() {
            phrases.push(s);
        }
    }
    if phrases.is_empty() {
        return Err("pattern has only optional words".into());
    }
    Ok(phrases)
}

/// [`NUMERAL`] while a pattern is tokenized (a word the tokenizer keeps whole).
const NUMERAL_MARK: &str = "numeralxplaceholder";

fn need(cols: &[&str], n: usize) -> Result<(), String> {
    if cols.len() < n {
        return Err(format!("expected {n} tab-separated columns, found {}", cols.len()));
    }
    Ok(())
}

fn parse_event(cols: &[&str]) -> Result<CueKind, String> {
    need(cols, 4)?;
    let acled_spec = match cols[1] {
        "-" => AcledSpec::None,
        "@territory" => AcledSpec::Territory,
        s => AcledSpec::Fixed(acled(s).ok_or_else(|| format!("unknown ACLED sub_event_type {s:?}"))?),
    };
    let plover = match cols[2] {
        "-" => None,
        s => {
            let (ev, mode) = match s.split_once(':') {
                Some((e, m)) => (e, Some(m.to_string())),
                None => (s, None),
            };
            if !PLOVER_EVENTS.contains(&ev) {
                return Err(format!("unknown PLOVER event {ev:?}"));
            }
            Some(PloverType { event: ev.to_string(), mode })
        }
    };
    let marker = cols[3].split(',').any(|f| f.trim() == "ignore" || f.trim().starts_with("is:"));
    if acled_spec == AcledSpec::None && plover.is_none() && !marker {
        return Err("a cue needs an ACLED or a PLOVER type (or the flag 'ignore' or 'is:NAME')".into());
    }
    let mut flags = EventFlags::default();
    if cols[3] != "-" {
        for f in cols[3].split(',').map(str::trim) {
            match f {
                "needs-place" => flags.needs_place = true,
                "needs-actor" => flags.needs_actor = true,
                "noun" => flags.noun = true,
                "loser-subject" => flags.loser_subject = true,
                "place-subject" => flags.place_subject = true,
                "negotiated" => flags.negotiated = true,
                "default-gov" => flags.default_gov = true,
                "default-nsa" => flags.default_nsa = true,
                "topic-agent" => flags.topic_agent = true,
                "symmetric" => flags.symmetric = true,
                "no-passive" => flags.no_passive = true,
                "ignore" => flags.ignore = true,
                "clash-if-armed" => flags.clash_if_armed = true,
                other => {
                    if let Some(n) = other.strip_prefix("is:").filter(|n| !n.is_empty()) {
                        flags.is = Some(n.to_string());
                    } else if let Some(n) = other.strip_prefix("ctx:").filter(|n| !n.is_empty()) {
                        flags.ctx = Some(n.to_string());
                    } else {
                        return Err(format!("unknown flag {other:?}"));
                    }
                }
            }
        }
    }
    Ok(CueKind::Event(EventCue { acled: acled_spec, plover, flags }))
}

fn parse_scope(s: &str) -> Result<Scope, String> {
    match s {
        "sentence" => Ok(Scope::Sentence),
        "any" => Ok(Scope::Any),
        "verb" => Ok(Scope::Verb),
        s => match s.strip_prefix("clause:") {
            Some(n) => n.parse().map(Scope::Clause).map_err(|_| format!("bad clause window {n:?}")),
            None => match (s.strip_prefix("det:"), s.strip_prefix("noun:")) {
                (Some(n), _) => n.parse().map(Scope::Det).map_err(|_| format!("bad determiner window {n:?}")),
                (_, Some(n)) => n.parse().map(Scope::Noun).map_err(|_| format!("bad noun window {n:?}")),
                _ => Err(format!("unknown scope {s:?} (clause:N, noun:N, det:N, sentence, any, verb)")),
            },
        },
    }
}

fn parse_modality(cols: &[&str]) -> Result<CueKind, String> {
    need(cols, 3)?;
    let kind = match cols[1] {
        "source-left" => ModalityKind::SourceLeft,
        "source-right" => ModalityKind::SourceRight,
        "speaker" => ModalityKind::Speaker,
        "backshift" => ModalityKind::Backshift,
        s => ModalityKind::Set(Modality::parse(s).ok_or_else(|| format!("unknown modality {s:?}"))?),
    };
    Ok(CueKind::Modality(ModalityCue { kind, scope: parse_scope(cols[2])? }))
}

fn parse_control(cols: &[&str]) -> Result<CueKind, String> {
    use sitrep_model::record::ControlStatus;
    need(cols, 3)?;
    let shape = match cols[1] {
        "by-right" => ControlShape::ByRight,
        "subject-object" => ControlShape::SubjectObject,
        "stronghold" => ControlShape::Stronghold,
        "under" => ControlShape::Under,
        s => return Err(format!("unknown shape {s:?}")),
    };
    let status = match cols[2] {
        "controlled" => ControlStatus::Controlled,
        "contested" => ControlStatus::Contested,
        "besieged" => ControlStatus::Besieged,
        s => return Err(format!("unknown status {s:?}")),
    };
    Ok(CueKind::Control(ControlCue { shape, status }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::analyze;

    #[test]
    fn embedded_lexicons_load() {
        let lx = Lexicon::embedded().unwrap();
        assert!(lx.entries.len() > 100);
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = Lexicon::from_sources(&[("x/cues.tsv", "# c\nattacked\tNo such type\tASSAULT\t-\n")]).unwrap_err();
        assert_eq!(e.to_string(), "x/cues.tsv:2: unknown ACLED sub_event_type \"No such type\"");
        let e = Lexicon::from_sources(&[("m/modality.tsv", "not\tnegated\n")]).unwrap_err();
        assert!(e.to_string().starts_with("m/modality.tsv:1: expected 3"));
        let e = Lexicon::from_sources(&[("c.tsv", "x\t-\tASSAULT\tbogus\n")]).unwrap_err();
        assert!(e.to_string().contains("unknown flag"));
    }

    #[test]
    fn optional_words_and_alternatives_expand() {
        let p = expand("took|taken full? control of").unwrap();
        assert_eq!(p, vec!["took control of", "took full control of", "taken control of", "taken full control of"]);
    }

    /// The embedded lexicons, and the scan as it was before the word trie: one Aho-Corasick
    /// automaton over the lower-cased, space-joined tokens, matches kept where they start and end
    /// at token boundaries.
    fn reference() -> &'static (Lexicon, aho_corasick::AhoCorasick, Vec<usize>) {
        static R: std::sync::OnceLock<(Lexicon, aho_corasick::AhoCorasick, Vec<usize>)> = std::sync::OnceLock::new();
        R.get_or_init(|| {
            let lx = Lexicon::embedded().unwrap();
            let mut patterns = Vec::new();
            let mut pattern_entry = Vec::new();
            for (i, e) in lx.entries.iter().enumerate() {
                for p in expand(&e.pattern).unwrap() {
                    patterns.push(p);
                    pattern_entry.push(i);
                }
            }
            let ac = aho_corasick::AhoCorasick::new(&patterns).unwrap();
            (lx, ac, pattern_entry)
        })
    }

    fn scan_by_automaton(doc: &Doc) -> Vec<Hit> {
        let (_, ac, pattern_entry) = reference();
        let (mut text, mut starts, mut ends) = (String::new(), Vec::new(), Vec::new());
        for t in &doc.tokens {
            if !text.is_empty() {
                text.push(' ');
            }
            starts.push(text.len());
            match t.span.of(doc.text) {
                w if is_numeral(w.as_bytes()) => text.push_str(NUMERAL),
                w => push_norm(&mut text, w),
            }
            ends.push(text.len());
        }
        let mut hits = Vec::new();
        for m in ac.find_overlapping_iter(&text) {
            if let (Ok(start), Ok(end)) = (starts.binary_search(&m.start()), ends.binary_search(&m.end())) {
                hits.push(Hit { start, end: end + 1, entry: pattern_entry[m.pattern().as_usize()] });
            }
        }
        hits.sort_by_key(|h| (h.start, h.end, h.entry));
        hits.dedup();
        hits
    }

    #[test]
    fn word_trie_finds_what_the_automaton_found() {
        let lx = &reference().0;
        let mut texts = vec![
            "Rebels TOOK FULL CONTROL OF the town; government forces were said to have retaken it.".to_string(),
            "The army’s shelling of the village wounded three, an official claimed. Troops `withdrew`.".to_string(),
            "Militants took control of took control of the base after clashes broke out near the bridge.".to_string(),
        ];
        if let Ok(seed) = std::fs::read_to_string("../../../shared/seed/report-2017-11-03.txt") {
            texts.push(seed);
        }
        for t in &texts {
            let doc = analyze(t);
            assert_eq!(lx.scan(&doc), scan_by_automaton(&doc), "{t}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]
        #[test]
        fn word_trie_matches_automaton_on_cue_words(picks in proptest::collection::vec((0usize..4000, 0u8..4), 0..40)) {
            // Texts made of the lexicons' own words (in varied case and punctuation) and a few others.
            let lx = &reference().0;
            let mut words: Vec<&str> = lx.entries.iter().flat_map(|e| e.pattern.split([' ', '|', '?'])).collect();
            words.extend(["the", "town", ",", ".", "Rebels", "of", "’s", "--"]);
            words.retain(|w| !w.is_empty());
            let mut text = String::new();
            for (i, form) in picks {
                let w = words[i % words.len()];
                text.push_str(&match form {
                    0 => w.to_uppercase(),
                    1 => w.to_string() + ",",
                    _ => w.to_string(),
                });
                text.push(' ');
            }
            let doc = analyze(&text);
            proptest::prop_assert_eq!(lx.scan(&doc), scan_by_automaton(&doc));
        }
    }

    #[test]
    fn one_lookup_gives_word_number_and_list_bits() {
        let lx = &reference().0;
        let class_of = crate::extract::words::class_of;
        let words = lx.trie.words.keys().map(|w| &**w).chain(crate::extract::words::class_words());
        for w in words.chain(["the", "captured", "zzz", "shelled", "in", "", "x", "abcdefghijklmnopqrstuvwxyz"]) {
            assert_eq!(lx.word_info(w), (lx.word_id(w), class_of(w)), "{w}");
        }
    }

    #[test]
    fn packed_words_are_found_anywhere_in_a_text() {
        // Every length (the short, medium and long tables and their edges), at the start, in the
        // middle and at the very end of a text (where no full window can be read).
        let mut map: FxHashMap<Box<str>, (u32, u64)> = FxHashMap::default();
        let words: Vec<String> = (1..=20).map(|n| "abcdefghijklmnopqrstuvwxyz"[..n].to_string()).collect();
        for (i, w) in words.iter().enumerate() {
            map.insert(w.as_str().into(), (i as u32, 1 << i));
        }
        let m = WordMap::new(&map);
        for (i, w) in words.iter().enumerate() {
            for text in [w.clone(), format!("{w} tail of the text"), format!("x {w} y"), format!("xy {w}")] {
                let a = text.find(w.as_str()).unwrap();
                assert_eq!(m.get(text.as_bytes(), a, a + w.len()), Some((i as u32, 1 << i)), "{text:?}");
                // A prefix or an extension of a listed word is another word.
                if a + w.len() < text.len() {
                    assert_eq!(m.get(text.as_bytes(), a, a + w.len() + 1), None, "{text:?}");
                }
            }
            assert_eq!(m.get(format!("{w}zz").as_bytes(), 0, w.len() + 2), None);
            assert_eq!(m.get(w.to_uppercase().as_bytes(), 0, w.len()), None);
        }
        assert_eq!(m.get(b"abc", 1, 1), None);
        assert_eq!(m.get(b"abc", 2, 1), None);
        assert_eq!(m.get(b"abc", 1, 9), None);
    }

    #[test]
    fn matches_are_token_aligned() {
        let lx = Lexicon::from_sources(&[("cues.tsv", "attack\tAttack\tASSAULT\t-\n")]).unwrap();
        let doc = analyze("The attackers fled. An attack followed.");
        let hits = lx.scan(&doc);
        assert_eq!(hits.len(), 1);
        assert_eq!(doc.token_text(hits[0].start), "attack");
    }
}
