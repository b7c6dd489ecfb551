//! Places: the embedded gazetteer and the geoparser (detection, romanization folding, resolution).
//!
//! Place data: GeoNames (CC BY 4.0), via the registry packages listed in data/gazetteer/SOURCES.md,
//! plus sitrep's curated supplement (data/gazetteer/supplement.tsv).
//!
//! ```
//! let g = sitrep_places::Geoparser::embedded().unwrap();
//! let text = "Shelling was reported in Deir Ezzor and near Albu Kamal.";
//! let ids: Vec<i64> = g.parse(text).iter().filter_map(|m| m.place.as_ref().map(|p| p.geonameid)).collect();
//! assert_eq!(ids, [170794, 174448]);
//! ```

pub mod fold;
pub mod gazetteer;
mod names;
mod resolve;
mod stop;

use gazetteer::{Entry, HashSet};
pub use gazetteer::{Gazetteer, GazetteerError, Place};
use sitrep_model::record::PlaceRef;
use sitrep_model::Span;

/// How a place name is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceRole {
    /// The place itself, where something is or happens.
    Literal,
    /// "Syrian": the country, as a modifier; not an event location.
    Demonym,
    /// "Damascus demands": a government, not a location.
    Metonym,
}

/// One place name found in a text, with the place it was resolved to.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMention {
    pub span: Span,
    pub role: PlaceRole,
    pub place: Option<Place>,
    pub confidence: f32,
    /// The geonameid of an explicit container found in the text ("X in Syria", "X, Idlib").
    pub container: Option<i64>,
}

/// The geoparser: a gazetteer with its folded-name index. Build once, share freely (Send + Sync).
pub struct Geoparser {
    pub(crate) gaz: Gazetteer,
    pub(crate) stop: stop::StopList,
    /// This geoparser's number, never another's (resolution's caches are per geoparser).
    pub(crate) uid: u64,
}

/// A new [`Geoparser::uid`].
fn new_uid() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// [`Geoparser::parse`] keeps a vector of at most this many words for the thread's next document.
const KEPT_WORDS: usize = 1 << 16;

/// A detected name before resolution.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub span: Span,
    /// Word indices [w0, w1] (inclusive) of the words in `words`.
    pub w0: usize,
    pub w1: usize,
    pub entries: Vec<Entry>,
    /// The hash ([`names::hash`]) of the folded key of words `w0..=w1`, when detection built it
    /// (resolution groups the mentions of one name by it).
    pub key_hash: Option<u64>,
    /// Whether this came from given spans (gold-span mode) rather than detection.
    #[allow(dead_code)]
    pub given: bool,
}

impl Geoparser {
    /// The embedded default gazetteer (GeoNames artifact + curated supplement + demonyms).
    pub fn embedded() -> Result<Geoparser, GazetteerError> {
        Ok(Geoparser { gaz: Gazetteer::embedded()?, stop: stop::StopList::embedded()?, uid: new_uid() })
    }

    /// The embedded gazetteer extended with user-supplied GeoNames rows (allCountries.txt or a
    /// country file) and, optionally, alternateNamesV2.txt rows.
    pub fn with_extra(geonames_rows: &str, alternate_names: Option<&str>) -> Result<Geoparser, GazetteerError> {
        let mut g = Gazetteer::embedded()?;
        g.add_geonames_rows(geonames_rows, "--gazetteer")?;
        if let Some(alt) = alternate_names {
            for line in alt.lines() {
                g.add_alternate_names_line(line);
            }
        }
        g.build_index();
        Ok(Geoparser { gaz: g, stop: stop::StopList::embedded()?, uid: new_uid() })
    }

    /// A geoparser over a gazetteer built by the caller (e.g. streamed from a large dump).
    pub fn from_gazetteer(gaz: Gazetteer) -> Result<Geoparser, GazetteerError> {
        Ok(Geoparser { gaz, stop: stop::StopList::embedded()?, uid: new_uid() })
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    /// Find and resolve the place names of `text`.
    pub fn parse(&self, text: &str) -> Vec<PlaceMention> {
        // the words of the thread's previous document, kept for their room (a fresh vector is a
        // large allocation per document)
        thread_local!(static WORDS: std::cell::RefCell<Vec<fold::Word>> = const { std::cell::RefCell::new(Vec::new()) });
        let mut words: Vec<fold::Word> = WORDS
            .try_with(|w| w.try_borrow_mut().map(|mut w| std::mem::take(&mut *w)).unwrap_or_default())
            .unwrap_or_default();
        words.clear();
        words.reserve(text.len() / 5 + 1); // about a word per 6 bytes
        fold::tokens_into(text, &mut words);
        let found = self.detect(text, &words);
        let out = resolve::resolve(self, text, &words, &found);
        if words.capacity() <= KEPT_WORDS {
            words.clear();
            let _ = WORDS.try_with(|w| w.try_borrow_mut().map(|mut w| *w = words));
        }
        out
    }

    /// Detection only, without resolution: the spans of the place names (and demonyms) found.
    pub fn detect_spans(&self, text: &str) -> Vec<Span> {
        let mut words = Vec::with_capacity(text.len() / 5 + 1);
        fold::tokens_into(text, &mut words);
        self.detect(text, &words).into_iter().map(|f| f.span).collect()
    }

    /// As [`Geoparser::parse`], for a document analysed by sitrep-model.
    pub fn parse_doc(&self, doc: &sitrep_model::Doc) -> Vec<PlaceMention> {
        self.parse(doc.text)
    }

    /// Resolve exactly the given spans (gold-span mode). The rest of the text is still read for
    /// context (other places, containers). Spans that are not on char boundaries give `None`.
    ///
    /// A span the gazetteer lacks as a whole (a street, building, facility or neighbourhood:
    /// "Royal Street", "Colchester General Hospital", "University of California") is located
    /// approximately: at the town it is named after when the document is about that town, else at
    /// the place the text puts it in ("X in Y", "X, Y", "Y's X"), else at the document's focal
    /// place (its most-mentioned town). Such a place has `geonameid` 0, the name and point of the
    /// town (or province) it was placed at, and the feature class and code of the facility when its
    /// name says it (data/gazetteer/facility-words.tsv). A document without a town or province to
    /// place it at leaves the span unresolved.
    pub fn resolve_spans(&self, text: &str, spans: &[Span]) -> Vec<Option<Place>> {
        let words = fold::words(text);
        let detected = self.detect(text, &words);
        let mut found: Vec<Found> = Vec::new();
        let mut given_idx: Vec<Option<usize>> = Vec::with_capacity(spans.len());
        let mut facility: Vec<Option<(&str, &str)>> = Vec::with_capacity(spans.len());
        for s in spans {
            // a span inside a word ("Europe" of "European") is looked up as its own text
            let f = self.lookup_span(text, &words, *s).or_else(|| {
                let k = words.iter().position(|w| w.start <= s.start && s.end <= w.end && s.start < s.end)?;
                let key = fold::fold_name(text.get(s.start..s.end)?);
                let e = self.gaz.index.get(&key)?;
                Some(Found { span: *s, w0: k, w1: k, entries: e.to_vec(), key_hash: None, given: true })
            });
            let kind = resolve::facility_kind(self, &words, *s, f.as_ref());
            // a facility is resolved through the part of its name that may be a place
            let f = if kind.is_some() { resolve::facility_named_part(self, text, &words, *s) } else { f };
            facility.push(kind);
            match f {
                Some(f) => {
                    given_idx.push(Some(found.len()));
                    found.push(f);
                }
                None => given_idx.push(None),
            }
        }
        for d in detected {
            if !spans.iter().any(|s| s.overlaps(d.span)) {
                found.push(d);
            }
        }
        // in text order, as the resolver reads containers ("X, Y") from neighbouring names
        let mut order: Vec<usize> = (0..found.len()).collect();
        order.sort_by_key(|&i| (found[i].span.start, i));
        let mut pos = vec![0; found.len()];
        for (new, &old) in order.iter().enumerate() {
            pos[old] = new;
        }
        let mut slots: Vec<Option<Found>> = found.into_iter().map(Some).collect();
        let found: Vec<Found> = order.iter().filter_map(|&i| slots[i].take()).collect();
        let given_idx: Vec<Option<usize>> = given_idx.into_iter().map(|gi| gi.map(|i| pos[i])).collect();
        let resolved = resolve::resolve_found(self, text, &words, &found);
        resolve::locate_given(self, text, &words, spans, &found, &resolved, &given_idx, &facility)
    }

    pub fn get(&self, geonameid: i64) -> Option<Place> {
        self.gaz.by_id.get(&geonameid).map(|&i| self.gaz.place(i))
    }

    /// A governorate/province ("SY.07") as a Place (feature code ADM1).
    pub fn admin1_place(&self, admin1: &str) -> Option<Place> {
        self.gaz.admin1.get(admin1).map(|&i| self.gaz.place(i))
    }

    /// A country (ISO 3166-1 alpha-2) as a Place.
    pub fn country_place(&self, iso2: &str) -> Option<Place> {
        self.gaz.country.get(iso2).map(|&i| self.gaz.place(i))
    }

    /// Whether `word` (one word) folds to a name of the gazetteer.
    pub fn is_one_word_name(&self, word: &str) -> bool {
        let k = fold::fold_word(word);
        !k.is_empty() && self.gaz.index.get(&k).is_some_and(|v| v.iter().any(|e| matches!(e, Entry::Place(_))))
    }

    /// Candidate places for a name, in no particular order.
    pub fn candidates(&self, name: &str) -> Vec<Place> {
        let key = fold::fold_name(name);
        self.gaz
            .index
            .get(&key)
            .map(|v| {
                v.iter()
                    .filter_map(|e| match e {
                        Entry::Place(i) => Some(self.gaz.place(*i)),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Detection: the longest known name at each position, left to right, that passes the
    /// capitalization and stop-list rules.
    pub(crate) fn detect(&self, text: &str, words: &[fold::Word]) -> Vec<Found> {
        // (about one name in 12 words of news text)
        let mut out = Vec::with_capacity(words.len() / 8);
        let caps = words.iter().filter(|w| w.capital).count();
        let lowercase_doc = words.len() >= 20 && caps * 50 < words.len();
        let max_words = self.gaz.max_words.max(1);
        let mut keys = WordKeys::new(words.len(), self.uid);
        // What the index knows of each word a name can start with (capitalized words, or all in a
        // lowercase document), and the stop-lists it is on: remembered per spelling across
        // documents, else looked up (the keys first, then the lookups: independent reads of the
        // index that the processor overlaps).
        let starts = |k: usize| words[k].capital || lowercase_doc;
        for k in (0..words.len()).filter(|&k| starts(k)) {
            keys.get_start(words, k);
        }
        keys.look_up(self, words);
        let packed = std::mem::take(&mut keys.b.single);
        // (each start word's entries, read from its packed answer when asked)
        let single = Single { packed: &packed, index: &self.gaz.index };
        let class = Classes {
            stop: &self.stop,
            words,
            classes: std::mem::take(&mut keys.b.classes),
            majors: std::mem::take(&mut keys.b.majors),
        };
        let known = |k: usize| single.get(k).is_some_and(|e| !e.is_empty());
        // One sense per discourse: a word seen as a surname ("John Kelly") is a person's name
        // wherever it stands alone in the document ("Kelly said").
        let mut persons: HashSet<&[u8]> = HashSet::default();
        for k in 1..words.len() {
            let (p, w) = (&words[k - 1], &words[k]);
            if p.capital
                && w.capital
                && !w.break_before
                && !p.all_caps
                && !p.article
                && class.of(k - 1) & (stop::FUNCTION | stop::HARD) == 0
                && (!known(k - 1) || class.of(k - 1) & (stop::SOFT | stop::GIVEN) != 0)
                && (k + 1 >= words.len() || words[k + 1].break_before || !words[k + 1].capital)
            {
                persons.insert(w.lower.as_bytes());
            }
        }
        let mut i = 0;
        let mut ends: Vec<(usize, &[Entry], u64)> = Vec::with_capacity(max_words); // (word j, entries, key hash)
        while i < words.len() {
            // a name starts with a capital, unless the whole document is lowercase (see `accept`)
            if words[i].article || !(lowercase_doc || words[i].capital) {
                i += 1;
                continue;
            }
            ends.clear();
            let mut j = i;
            let mut n = 0;
            let mut h = 0;
            while j < words.len() && n < max_words {
                if j > i && words[j].break_before {
                    break;
                }
                if words[j].article {
                    j += 1;
                    continue;
                }
                // the hash of the key of words i..=j (article words left out), a word at a time
                let wh = keys.get(words, j);
                h = if n == 0 { wh } else { names::join(h, wh) };
                n += 1;
                // no name is or starts with these words: no longer one can match
                let p = if n == 1 { packed[j] } else { self.gaz.index.lookup_joined_packed(h) };
                let Some(entries) = self.gaz.index.entries_packed(p) else { break };
                if !entries.is_empty() {
                    ends.push((j, entries, h));
                }
                // no longer name starts with these words
                if !names::continues(p) {
                    break;
                }
                j += 1;
            }
            let mut accepted = None;
            for &(j, entries, h) in ends.iter().rev() {
                if self.accept(text, words, i, j, entries, lowercase_doc, &persons, &single, &class) {
                    accepted = Some((j, entries, h));
                    break;
                }
            }
            match accepted {
                Some((j, entries, key_hash)) => {
                    let mut start = words[i].start;
                    if i > 0 && words[i - 1].article && !words[i].break_before {
                        start = words[i - 1].start;
                    }
                    // "U.S.", "D.C.", "Calif.": keep the abbreviation's final period when a name has it
                    let mut end = words[j].end;
                    if text.as_bytes().get(end) == Some(&b'.') {
                        let with_dot = text.get(start..end + 1).unwrap_or("");
                        // (only a place with a name that ends with a period can have this one)
                        let dotted = |p: u32| self.gaz.flags(p) & gazetteer::DOTTED != 0;
                        if entries
                            .iter()
                            .any(|e| matches!(*e, Entry::Place(p) if dotted(p) && self.gaz.has_exact_name(p, with_dot)))
                        {
                            end += 1;
                        }
                    }
                    out.push(Found {
                        span: Span::new(start, end),
                        w0: i,
                        w1: j,
                        entries: entries.to_vec(),
                        key_hash: Some(key_hash),
                        given: false,
                    });
                    i = j + 1;
                }
                None => i += 1,
            }
        }
        keys.b.single = packed;
        keys.finish(words, class);
        out
    }

    /// The gazetteer entries for a given span: its whole name, else without a leading "the" or a
    /// trailing kind word ("province", "river"), else its longest known part.
    fn lookup_span(&self, text: &str, words: &[fold::Word], s: Span) -> Option<Found> {
        text.get(s.start..s.end)?;
        let idx: Vec<usize> =
            (0..words.len()).filter(|&k| words[k].start >= s.start && words[k].end <= s.end).collect();
        if idx.is_empty() {
            return None;
        }
        const GENERIC: &[&str] = &[
            "the",
            "province",
            "governorate",
            "city",
            "river",
            "county",
            "district",
            "region",
            "state",
            "town",
            "village",
            "airport",
            "mountains",
            "valley",
            "island",
            "islands",
        ];
        let key_of = |ks: &[usize]| -> String {
            ks.iter().filter(|&&k| !words[k].article).map(|&k| words[k].key()).collect::<Vec<_>>().join(" ")
        };
        let mut lo = 0;
        let mut hi = idx.len();
        loop {
            let key = key_of(&idx[lo..hi]);
            if let Some(e) = self.gaz.index.get(&key) {
                return Some(Found {
                    span: s,
                    w0: idx[lo],
                    w1: idx[hi - 1],
                    entries: e.to_vec(),
                    key_hash: None,
                    given: true,
                });
            }
            if hi - lo > 1 && GENERIC.contains(&words[idx[lo]].lower.as_str()) {
                lo += 1;
            } else if hi - lo > 1 && GENERIC.contains(&words[idx[hi - 1]].lower.as_str()) {
                hi -= 1;
            } else {
                break;
            }
        }
        // Longest known part. Of parts of equal length, the first place name proper wins over common
        // words ("California", not "University", in "University of California"; "Damascus", not
        // "University", in "Damascus University"); when every part is a common word, the first.
        let common = |ks: &[usize]| {
            ks.iter().any(|&k| {
                let w = &words[k];
                !w.article && (self.stop.is_soft(&w.lower) || self.stop.is_hard(&w.lower) || !w.capital)
            })
        };
        for len in (1..idx.len()).rev() {
            let mut best: Option<(bool, usize, &[Entry])> = None;
            for a in 0..=idx.len() - len {
                let key = key_of(&idx[a..a + len]);
                if let Some(e) = self.gaz.index.get(&key) {
                    let proper = !common(&idx[a..a + len]);
                    if best.is_none_or(|(p, _, _)| proper && !p) {
                        best = Some((proper, a, e));
                    }
                }
            }
            if let Some((_, a, e)) = best {
                return Some(Found {
                    span: s,
                    w0: idx[a],
                    w1: idx[a + len - 1],
                    entries: e.to_vec(),
                    key_hash: None,
                    given: true,
                });
            }
        }
        None
    }

    /// Whether some candidate is major: a country, continent or curated region, or (when `big`)
    /// a place of 100,000 people or more whose own name (not only its folded key) is the mention.
    fn major(&self, entries: &[Entry], mention_lower: &str, big: bool) -> bool {
        entries.iter().any(|e| match *e {
            Entry::Place(i) => {
                let flags = self.gaz.flags(i);
                flags & gazetteer::MAJOR != 0
                    || (big && flags & gazetteer::BIG != 0 && self.gaz.has_name(i, mention_lower))
            }
            _ => true,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn accept(
        &self,
        text: &str,
        words: &[fold::Word],
        i: usize,
        j: usize,
        entries: &[Entry],
        lc: bool,
        persons: &HashSet<&[u8]>,
        single: &Single,
        class: &Classes,
    ) -> bool {
        let first = &words[i];
        // the words of the name without its articles (the first word is never an article)
        let content = || words[i..=j].iter().filter(|w| !w.article);
        let content_at = || (i..=j).filter(|&k| !words[k].article);
        let is = |k: usize, list: u8| class.of(k) & list != 0;
        // (a one-word name, most of them, without the iterators)
        let (c0, c0_at, n_content) = if j == i && !first.article {
            (first, i, 1)
        } else {
            let (Some(c0), Some(c0_at)) = (content().next(), content_at().next()) else { return false };
            (c0, c0_at, content().count())
        };
        if !lc {
            if !first.capital {
                return false;
            }
            if content().any(|w| !w.capital && w.lower.len() >= 4) {
                return false;
            }
        }
        let function =
            if n_content == 1 { is(c0_at, stop::FUNCTION) } else { content_at().all(|k| is(k, stop::FUNCTION)) };
        if function {
            return false; // "In the", "I'm"
        }
        // In cased text a name needs a capitalized word that is not a function word capitalized at a
        // sentence start: "We do" is a pronoun and a verb, not a place.
        if !lc && n_content > 1 && content_at().filter(|&k| words[k].capital).all(|k| is(k, stop::FUNCTION)) {
            return false;
        }
        // A date, not a place: "May Day", "March 5", and in cased text a month's abbreviation with
        // its full stop or before a day ("Nov. 7", "Dec 12").
        let is_one_of = |list: &[&str], w: &fold::Word| list.iter().any(|m| m.as_bytes() == w.lower.as_bytes());
        let month = c0.lower.len() <= 9 && is_one_of(sitrep_model::calendar::MONTHS, c0);
        let abbreviation = !lc && is_one_of(sitrep_model::calendar::MONTH_ABBREVIATIONS, c0);
        if month || abbreviation {
            let rest = text.get(c0.end..).unwrap_or("");
            let stop = abbreviation && rest.starts_with('.');
            let after = if stop { &rest[1..] } else { rest }.trim_start();
            if (month && n_content == 2 && content().nth(1).is_some_and(|w| w.lower.as_str() == "day"))
                || (n_content == 1 && (stop || after.starts_with(|c: char| c.is_ascii_digit())))
            {
                return false;
            }
        }
        // (asked last: reading the entries is a cache miss)
        let demonym_only = || entries.iter().all(|e| !matches!(e, Entry::Place(_)));
        let mention = text.get(first.start..words[j].end).unwrap_or("");
        if n_content == 1 {
            let w = c0;
            // (remembered per word: `entries` are the word's own when the name is the one word i)
            let major = |big: bool| {
                if j == i {
                    class.major(i, big, || self.major(entries, &w.lower, big))
                } else {
                    self.major(entries, &w.lower, big)
                }
            };
            if is(c0_at, stop::HARD) {
                return false;
            }
            // All-capitals short words are acronyms (AP, BBC, NAFTA) unless a name is spelled so (US, UAE).
            if w.all_caps && w.lower.len() <= 5 && !lc {
                // (only a place with an all-capitals name can have this one)
                let caps = |p: u32| {
                    j != i || mention.len() > gazetteer::CAPS_BYTES || self.gaz.flags(p) & gazetteer::CAPS != 0
                };
                let exact = entries.iter().any(|e| match *e {
                    Entry::Place(p) => caps(p) && self.gaz.has_exact_name(p, mention),
                    _ => false,
                });
                if !exact {
                    return false;
                }
            }
            let cue = i > 0 && has_cue(words, i);
            if is(c0_at, stop::SOFT) && !cue {
                let ok = major(false) || (!is_sentence_start(text, first.start) && major(true));
                if !ok {
                    return false;
                }
            }
            // The word after a given name is a surname ("Carlos Moreno"), even a big city's name.
            if !cue
                && i > 0
                && !first.break_before
                && words[i - 1].capital
                && is(i - 1, stop::GIVEN)
                && !demonym_only()
                && !major(false)
            {
                return false;
            }
            if !cue && !demonym_only() && !major(true) {
                // A bare given name without a locative word is a person ("Carlos said").
                if persons.contains(w.lower.as_bytes()) || (is(c0_at, stop::GIVEN) && !article_before(words, i)) {
                    return false;
                }
                // A surname after a capitalized given name or title ("John Kerry"), or a given name
                // before a capitalized surname ("Donald Trump"): part of a person's name.
                let joined_cap = |k: usize| {
                    let p = &words[k];
                    p.capital
                        && !p.article
                        && !is(k, stop::FUNCTION)
                        && (single.get(k).is_none_or(|e| e.is_empty()) || is(k, stop::SOFT | stop::GIVEN))
                };
                if i > 0 && !first.break_before && joined_cap(i - 1) {
                    return false;
                }
                if j + 1 < words.len() && !words[j + 1].break_before && joined_cap(j + 1) {
                    return false;
                }
            }
        }
        true
    }
}

/// The index entries of each word a name can start with, as one name (`None`: not a key).
struct Single<'a> {
    /// [`names::NameIndex::lookup_packed`] of each word
    packed: &'a [u64],
    index: &'a names::NameIndex,
}

impl Single<'_> {
    #[inline]
    fn get(&self, k: usize) -> Option<&[Entry]> {
        self.index.entries_packed(*self.packed.get(k)?)
    }
}

/// What detection knows of a document's words: the key hashes ([`names::word_hash`] of the folded
/// key, folded when first needed: most words of a cased text never start or continue a name), and
/// for the words a name can start with, the index's answer and the stop-lists. Its buffers are
/// the thread's, kept from document to document ([`WordKeys::finish`]).
struct WordKeys {
    b: Box<KeyBufs>,
    buf: String,
}

struct KeyBufs {
    hashes: Vec<Option<u64>>,
    /// Each word's slot in the memo ([`NO_SLOT`]: a long word, not remembered).
    slots: Vec<u16>,
    /// [`names::NameIndex::lookup_packed`] of each start word ([`names::NOT_KEY`] for the others).
    single: Vec<u64>,
    /// The start words [`WordKeys::look_up`] is to look up.
    pending: Vec<usize>,
    /// Each start word's stop-list class ([`Classes::UNKNOWN`] for the others).
    classes: Vec<std::cell::Cell<u8>>,
    /// [`Classes::major`]'s bits of each word.
    majors: Vec<std::cell::Cell<u8>>,
    /// The [`Geoparser::uid`] whose index and stop-lists the memo's answers are of.
    owner: u64,
    /// What is known of words seen recently (by this thread, in this or earlier documents), at a
    /// slot given by their first letters: words repeat (in a lower-case document every word is
    /// looked up), and a slot's check is cheaper than folding the word and reading the index again.
    memo: [MemoSlot; MEMO_SLOTS],
}

/// A word's zero-padded lower-case letters (all zeros: an empty slot, no word) and what is known
/// of them.
#[derive(Clone, Copy)]
struct MemoSlot {
    letters: [u8; fold::INLINE],
    /// Stop-list class, or [`Classes::UNKNOWN`].
    class: u8,
    /// [`Classes::major`]'s bits for the word as a whole name.
    major: u8,
    hash: u64,
    /// [`names::NameIndex::lookup_packed`] of the word, or [`UNASKED`].
    single: u64,
}

const EMPTY_SLOT: MemoSlot =
    MemoSlot { letters: [0; fold::INLINE], class: Classes::UNKNOWN, major: 0, hash: 0, single: UNASKED };
/// Not a packed lookup ([`names::NOT_KEY`] is `u64::MAX`; a range ends below `u32::MAX`).
const UNASKED: u64 = u64::MAX - 1;
const NO_SLOT: u16 = u16::MAX;
const MEMO_SLOTS: usize = 1 << MEMO_BITS;
const MEMO_BITS: u32 = 14;

thread_local!(static KEY_BUFS: std::cell::Cell<Option<Box<KeyBufs>>> = const { std::cell::Cell::new(None) });

/// [`WordKeys::finish`] keeps vectors of at most this many words for the thread's next document.
const KEPT_KEYS: usize = 1 << 16;

impl WordKeys {
    fn new(n: usize, owner: u64) -> WordKeys {
        let mut b = KEY_BUFS.try_with(|c| c.take()).ok().flatten().unwrap_or_else(|| {
            Box::new(KeyBufs {
                hashes: Vec::new(),
                slots: Vec::new(),
                single: Vec::new(),
                pending: Vec::new(),
                classes: Vec::new(),
                majors: Vec::new(),
                owner,
                memo: [EMPTY_SLOT; MEMO_SLOTS],
            })
        });
        if b.owner != owner {
            // another geoparser's answers
            b.memo.fill(EMPTY_SLOT);
            b.owner = owner;
        }
        b.hashes.clear();
        b.hashes.resize(n, None);
        b.slots.clear();
        b.slots.resize(n, NO_SLOT);
        b.single.clear();
        b.single.resize(n, names::NOT_KEY);
        b.pending.clear();
        b.classes.clear();
        b.classes.resize(n, std::cell::Cell::new(Classes::UNKNOWN));
        b.majors.clear();
        b.majors.resize(n, std::cell::Cell::new(0));
        WordKeys { b, buf: String::new() }
    }

    /// The memo slot of a word's zero-padded letters.
    #[inline]
    fn slot_of(p: &[u8; fold::INLINE]) -> usize {
        let [a0, a1, a2, a3, a4, a5, a6, a7, b0, b1, b2, b3, b4, b5, b6, b7, ..] = *p;
        let a = u64::from_le_bytes([a0, a1, a2, a3, a4, a5, a6, a7]);
        let b = u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]);
        ((a ^ b.rotate_left(23)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - MEMO_BITS)) as usize
    }

    /// The key hash of word `k`.
    #[inline(always)]
    fn get(&mut self, words: &[fold::Word], k: usize) -> u64 {
        if let Some(h) = self.b.hashes[k] {
            return h;
        }
        self.get_new(words, k)
    }

    /// [`WordKeys::get`] of a word not asked before: from the memo, else hashed (and remembered).
    #[inline]
    fn get_new(&mut self, words: &[fold::Word], k: usize) -> u64 {
        let w = &words[k];
        let h = match w.lower.padded() {
            Some(p) => {
                let s = Self::slot_of(p);
                self.b.slots[k] = s as u16;
                let slot = &mut self.b.memo[s];
                if slot.letters == *p {
                    slot.hash
                } else {
                    let h = Self::hash(w, &mut self.buf);
                    *slot = MemoSlot { letters: *p, hash: h, ..EMPTY_SLOT };
                    h
                }
            }
            None => Self::hash(w, &mut self.buf),
        };
        self.b.hashes[k] = Some(h);
        h
    }

    /// [`WordKeys::get`] of a word a name can start with; when the memo knows the word's index
    /// answer and stop-list class too (a word seen before), those as well, else the word is left
    /// to [`WordKeys::look_up`].
    #[inline]
    fn get_start(&mut self, words: &[fold::Word], k: usize) {
        let b = &mut *self.b;
        if let (Some(p), None) = (words[k].lower.padded(), b.hashes[k]) {
            let s = Self::slot_of(p);
            let slot = &b.memo[s];
            if slot.letters == *p && slot.single != UNASKED && slot.class != Classes::UNKNOWN {
                b.slots[k] = s as u16;
                b.hashes[k] = Some(slot.hash);
                b.single[k] = slot.single;
                b.classes[k].set(slot.class);
                b.majors[k].set(slot.major);
                return;
            }
        }
        self.get(words, k);
        self.b.pending.push(k);
    }

    /// The index's answer and the stop-list class of every start word [`WordKeys::get_start`]
    /// left: from the memo, else looked up (and remembered). (After all the keys: independent
    /// reads of the index that the processor overlaps.)
    fn look_up(&mut self, g: &Geoparser, words: &[fold::Word]) {
        let b = &mut *self.b;
        for &k in &b.pending {
            let w = &words[k];
            let Some(h) = b.hashes[k] else { continue };
            let s = b.slots[k];
            // (a slot may have been taken by a later word of this document)
            match b.memo.get_mut(s as usize).filter(|m| Some(&m.letters) == w.lower.padded()) {
                Some(m) => {
                    if m.single == UNASKED {
                        m.single = g.gaz.index.lookup_packed(h);
                    }
                    if m.class == Classes::UNKNOWN {
                        m.class = g.stop.class(w.lower.as_bytes());
                    }
                    b.single[k] = m.single;
                    b.classes[k].set(m.class);
                    b.majors[k].set(m.major);
                }
                None => {
                    b.single[k] = g.gaz.index.lookup_packed(h);
                    b.classes[k].set(g.stop.class(w.lower.as_bytes()));
                }
            }
        }
    }

    /// Remembers what detection learnt of the words as whole names ([`Classes::major`]), and keeps
    /// the buffers for the thread's next document.
    fn finish(mut self, words: &[fold::Word], classes: Classes) {
        let b = &mut *self.b;
        for (k, m) in classes.majors.iter().enumerate() {
            let m = m.get();
            if m == 0 {
                continue;
            }
            if let Some(slot) = b.memo.get_mut(b.slots[k] as usize) {
                if Some(&slot.letters) == words[k].lower.padded() {
                    slot.major |= m;
                }
            }
        }
        b.classes = classes.classes;
        b.majors = classes.majors;
        if b.hashes.capacity() <= KEPT_KEYS {
            let _ = KEY_BUFS.try_with(|c| c.set(Some(self.b)));
        }
    }

    /// [`names::word_hash`] of the word's folded key.
    fn hash(w: &fold::Word, buf: &mut String) -> u64 {
        let mut b = [0u8; fold::FOLD_BUF];
        if let Some(key) = fold::fold_base_bytes(w.lower.as_bytes(), &mut b) {
            names::word_hash(key)
        } else {
            buf.clear();
            fold::fold_base_into(&w.lower, buf);
            names::word_hash(buf.as_bytes())
        }
    }
}

/// The stop-lists each word of a document is on ([`stop::StopList::class`]): known for the words a
/// name can start with (detection asks of those again and again), looked up on demand for the others.
pub(crate) struct Classes<'a> {
    stop: &'a stop::StopList,
    words: &'a [fold::Word],
    /// each word's, or [`Classes::UNKNOWN`] until asked
    classes: Vec<std::cell::Cell<u8>>,
    /// what [`Geoparser::major`] said of each word as a whole name: [`Classes::SMALL_KNOWN`] and
    /// the answer in [`Classes::SMALL`] (`big` false), [`Classes::BIG_KNOWN`] and [`Classes::BIG`]
    majors: Vec<std::cell::Cell<u8>>,
}

impl<'a> Classes<'a> {
    /// Not a class (the stop-lists' bits are the low four).
    const UNKNOWN: u8 = 0x80;
    const SMALL_KNOWN: u8 = 1;
    const SMALL: u8 = 2;
    const BIG_KNOWN: u8 = 4;
    const BIG: u8 = 8;

    #[inline(always)]
    fn of(&self, k: usize) -> u8 {
        let Some(c) = self.classes.get(k) else { return 0 };
        match c.get() {
            Self::UNKNOWN => {
                let class = self.words.get(k).map_or(0, |w| self.stop.class(w.lower.as_bytes()));
                c.set(class);
                class
            }
            class => class,
        }
    }

    /// [`Geoparser::major`] of word `k` as a whole name (`f` computes it), remembered.
    #[inline]
    fn major(&self, k: usize, big: bool, f: impl FnOnce() -> bool) -> bool {
        let (known, yes) = if big { (Self::BIG_KNOWN, Self::BIG) } else { (Self::SMALL_KNOWN, Self::SMALL) };
        let Some(c) = self.majors.get(k) else { return f() };
        let m = c.get();
        if m & known != 0 {
            return m & yes != 0;
        }
        let r = f();
        c.set(m | known | if r { yes } else { 0 });
        r
    }
}

/// Words that, right before a name, say that a place follows.
const CUES: &[&str] = &[
    "in", "at", "near", "outside", "around", "into", "toward", "towards", "across", "from", "to", "of", "via",
    "through", "inside", "between", "and", "nearby", "south", "north", "east", "west", "town", "city", "village",
];

/// The name has its article ("al-Omar", "the Hague"): a place, not a given name.
fn article_before(words: &[fold::Word], i: usize) -> bool {
    i > 0 && words[i - 1].article && !words[i].break_before
}

fn has_cue(words: &[fold::Word], i: usize) -> bool {
    let p = &words[i - 1];
    let p = if p.article && i >= 2 { &words[i - 2] } else { p };
    !words[i].break_before && CUES.iter().any(|c| c.as_bytes() == p.lower.as_bytes())
}

fn is_sentence_start(text: &str, pos: usize) -> bool {
    let before = text.get(..pos).unwrap_or("").trim_end_matches([' ', '\t', '"', '“', '‘', '\'', '(', '[']);
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', ';', '—', '–'])
}

/// A schema-v1 place reference for a mention (None when it has no resolved place).
pub fn place_ref(m: &PlaceMention, text: &str, precision: u8) -> Option<PlaceRef> {
    let p = m.place.as_ref()?;
    Some(PlaceRef {
        text: text.get(m.span.start..m.span.end).map(str::to_string),
        span: Some(m.span),
        ..p.reference(precision)
    })
}

impl Place {
    /// A schema-v1 place reference to this place, with no text span (e.g. a mention's province).
    pub fn reference(&self, precision: u8) -> PlaceRef {
        PlaceRef {
            text: None,
            span: None,
            name: self.name.clone(),
            geonameid: (self.geonameid > 0).then_some(self.geonameid),
            lat: self.lat,
            lon: self.lon,
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            feature_code: Some(self.feature_code.clone()),
            precision,
        }
    }
}

/// A point with the cosine of its latitude, which [`distance_km`] would compute on every call:
/// resolution measures from one point to many ([`Pt::km_within`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pt {
    pub lat: f64,
    pub lon: f64,
    /// `lat.to_radians().cos()`, always (a `Pt` is built by [`Pt::new`] or from a copy of its cosine)
    pub(crate) cos: f64,
}

impl Pt {
    pub(crate) fn new(lat: f64, lon: f64) -> Pt {
        Pt { lat, lon, cos: lat.to_radians().cos() }
    }

    /// `distance_km(self.lat, self.lon, o.lat, o.lon)`, bit for bit (the same operations on the
    /// same cosines).
    #[inline]
    pub(crate) fn km(&self, o: &Pt) -> f64 {
        let (p1, p2) = (self.lat.to_radians(), o.lat.to_radians());
        let dp = p2 - p1;
        let dl = (o.lon - self.lon).to_radians();
        let a = (dp / 2.0).sin().powi(2) + self.cos * o.cos * (dl / 2.0).sin().powi(2);
        2.0 * EARTH_KM * a.sqrt().min(1.0).asin()
    }

    /// [`Pt::km`], or `None` when a cheap lower bound shows it to be more than `km` (no sine or
    /// arcsine computed): far points are most of what resolution measures.
    #[inline]
    pub(crate) fn km_within(&self, o: &Pt, km: f64) -> Option<f64> {
        // haversine: a = sin²(dφ/2) + cos φ1 cos φ2 sin²(dλ/2) and d = 2R asin √a, so d ≤ km needs
        // a ≤ sin²(km/2R) ≤ (km/2R)²; and sin x ≥ x (1 − x²/6) ≥ 0 for x in [0, π/2]. (The margin
        // of 1e-6 is far above the rounding of either side: a point this bound rejects is more
        // than `km` away as `km` computes it too.)
        let sin_low = |x: f64| {
            let x = x * 0.5;
            let s = x * (1.0 - x * x / 6.0);
            s * s
        };
        let dp = (o.lat - self.lat).abs().to_radians();
        let dp = if dp <= std::f64::consts::PI { sin_low(dp) } else { 0.0 };
        let dl = (o.lon - self.lon).abs();
        let dl = if dl <= 360.0 { dl } else { dl.rem_euclid(360.0) };
        let dl = dl.min(360.0 - dl).to_radians();
        let low = dp + (self.cos * o.cos).max(0.0) * sin_low(dl);
        let t = km / (2.0 * EARTH_KM);
        if low > t * t * (1.0 + 1e-6) {
            return None;
        }
        Some(self.km(o))
    }
}

/// The mean radius of the Earth, km.
const EARTH_KM: f64 = 6371.0088;

/// Great-circle distance in km.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn ok<T: Send + Sync>() {}
    ok::<Geoparser>();
}

#[cfg(test)]
mod tests {
    use super::{distance_km, Pt};
    use proptest::prelude::*;

    proptest! {
        // `Pt::km` is `distance_km` bit for bit, and `km_within` rejects only points farther than
        // the distance it is asked about
        #[test]
        fn pt_distances_are_distance_km(
            la in -90.0f64..=90.0, lo in -180.0f64..=180.0,
            dla in -3.0f64..=3.0, dlo in -6.0f64..=6.0,
            far_la in -90.0f64..=90.0, far_lo in -180.0f64..=180.0,
            km in 1.0f64..=1500.0, near in any::<bool>(),
        ) {
            let (la2, lo2) = if near { ((la + dla).clamp(-90.0, 90.0), lo + dlo) } else { (far_la, far_lo) };
            let (a, b) = (Pt::new(la, lo), Pt::new(la2, lo2));
            let d = distance_km(la, lo, la2, lo2);
            prop_assert_eq!(a.km(&b).to_bits(), d.to_bits());
            match a.km_within(&b, km) {
                Some(x) => prop_assert_eq!(x.to_bits(), d.to_bits()),
                None => prop_assert!(d > km, "{} > {}", d, km),
            }
        }
    }

    #[test]
    fn pt_bound_at_the_edges() {
        // across the date line, at the poles, at the same point, exactly `km` apart
        let cases =
            [(10.0, 179.9, 10.0, -179.9), (89.9, 0.0, 89.9, 180.0), (-90.0, 0.0, 90.0, 0.0), (33.5, 36.3, 33.5, 36.3)];
        for (la, lo, la2, lo2) in cases {
            let d = distance_km(la, lo, la2, lo2);
            for km in [d * 0.999, d, d * 1.001, 1.0, 40.0, 250.0, 1000.0] {
                match Pt::new(la, lo).km_within(&Pt::new(la2, lo2), km) {
                    Some(x) => assert_eq!(x.to_bits(), d.to_bits()),
                    None => assert!(d > km),
                }
            }
        }
    }
}
