//! The time-expression tagger: a left-to-right scan over tokens; at each token the patterns are
//! tried from the most to the least specific, and the longest match is kept.

use crate::arith::*;
use crate::lexicon::{DayPart, Lexicon, Season, Unit};
use crate::tense::{clause_tense_with, norm};
use crate::{precision_for_days, Tense, TimeMention};
use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;
use sitrep_model::record::DatePrecision;
use sitrep_model::{Doc, Span, TokenKind, WordTable};
use std::borrow::Cow;
use std::sync::OnceLock;

struct Tok<'a> {
    /// Lower case, typographic apostrophes folded, one trailing period stripped ("nov." → "nov");
    /// borrowed from the text when that changes nothing.
    lower: Cow<'a, str>,
    kind: TokenKind,
    cap: bool,
    span: Span,
}

/// A matched expression: its interval, before the span is attached.
#[derive(Clone, Copy, Debug)]
struct Hit {
    start: NaiveDate,
    end: NaiveDate,
    precision: DatePrecision,
    /// Explicit tense of the expression; `None`: from the interval and the report date.
    tense: Option<Tense>,
    anchored: bool,
    /// The expression ends inside its last token (a date glued to the next word: "18.10.2014Get").
    end_byte: Option<usize>,
}

impl Hit {
    fn new(start: NaiveDate, end: NaiveDate, precision: DatePrecision, anchored: bool) -> Self {
        let (start, end) = if end < start { (end, start) } else { (start, end) };
        Hit { start, end, precision, tense: None, anchored, end_byte: None }
    }
    fn day(d: NaiveDate, anchored: bool) -> Self {
        Hit::new(d, d, DatePrecision::Day, anchored)
    }
    fn sized(start: NaiveDate, end: NaiveDate, anchored: bool) -> Self {
        Hit::new(start, end, precision_for_days(span_days(start, end)), anchored)
    }
    fn tensed(mut self, t: Tense) -> Self {
        self.tense = Some(t);
        self
    }
}

/// A count before a unit: exact ("three", "48") or a range ("two or three", "a few").
#[derive(Clone, Copy, Debug)]
struct Count {
    lo: i64,
    hi: i64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Part {
    Early,
    Mid,
    Late,
}

const BARE_MONTH_CONTEXT: &[&str] = &[
    "in",
    "since",
    "during",
    "until",
    "till",
    "through",
    "throughout",
    "by",
    "from",
    "of",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "before",
    "after",
    "between",
    "and",
    "to",
    "or",
    "on",
    "last",
    "past",
    "coming",
];
const YEAR_CONTEXT: &[&str] = &[
    "in",
    "since",
    "during",
    "until",
    "till",
    "through",
    "throughout",
    "by",
    "from",
    "of",
    "early",
    "late",
    "mid",
    "before",
    "after",
    "between",
    "and",
    "to",
    "or",
    "around",
    "circa",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
];

pub(crate) struct Tagger<'a> {
    lex: &'a Lexicon,
    doc: &'a Doc<'a>,
    published: Option<NaiveDate>,
    toks: Vec<Tok<'a>>,
    sentence_of: Vec<usize>,
    sentence_start: Vec<bool>,
    /// Whether a pattern can begin at this token (a cheap filter before the patterns run).
    can_start: Vec<bool>,
}

/// Words that can open a time expression, besides numbers and the lexicon's words.
const OPENERS: &[&str] = &[
    "since",
    "between",
    "from",
    "during",
    "in",
    "over",
    "within",
    "for",
    "throughout",
    "across",
    "through",
    "the",
    "last",
    "past",
    "previous",
    "next",
    "coming",
    "upcoming",
    "recent",
    "today",
    "today's",
    "tonight",
    "tonight's",
    "tomorrow",
    "tomorrow's",
    "yesterday",
    "yesterday's",
    "overnight",
    "recently",
    "lately",
    "earlier",
    "later",
    "this",
    "at",
    "before",
    "early",
    "late",
    "mid",
    "end",
    "few",
    "several",
    "some",
    "many",
    "couple",
];

fn is_opener(w: &str) -> bool {
    OPENERS.contains(&w)
}

/// The words that can open a time expression (the lexicon's and [`OPENERS`]), in one table with
/// what each one is, so that the filter costs one lookup for most words instead of seven.
pub(crate) struct Starters {
    /// [`starter_words`].
    table: WordTable<u8>,
    /// Bit `first byte % 64` of entry `length`: which first bytes the table's words of each
    /// length (up to 31 bytes; longer words share the last entry) start with. Most words of a
    /// report are no table word's length and first byte, and skip the hash lookup.
    shapes: [u64; 32],
    /// The same by last byte: a table word passes both.
    ends: [u64; 32],
    /// The length of the longest number word: a hyphenated number ("twenty-five") has its first
    /// hyphen within one byte more.
    number_len: usize,
    /// Bit `first byte % 64` of every number word.
    number_first: u64,
}

const ANY: u8 = 1;
const WEEKDAY: u8 = 2;
const NUMBER: u8 = 4;
/// A [`KEY`] word ([`classify`]); in the table with or without `ANY`.
const KEY_WORD: u8 = 8;

/// [`classify`]'s answers.
const START: u8 = 1;
const KEY: u8 = 2;

/// Starters that name a time on their own (the other [`OPENERS`] only lead into one), and
/// "weekend", which "over the weekend" and "last weekend" end with.
const KEY_WORDS: &[&str] = &[
    "today",
    "today's",
    "tonight",
    "tonight's",
    "tomorrow",
    "tomorrow's",
    "yesterday",
    "yesterday's",
    "overnight",
    "recently",
    "lately",
    "weekend",
];

/// How far after a start token the first [`KEY`] token of any expression can be: the longest
/// lead-in is a range or "since" (1) before a window "during the past a couple of" (6 more) or a
/// part "at the end of earlier this" (6 more), so 7; one more for safety.
const KEY_WITHIN: usize = 8;

/// The words that can open a time expression or are [`KEY`] words, with what each one is
/// ([`ANY`], [`WEEKDAY`], [`NUMBER`], [`KEY_WORD`] bits).
fn starter_words(lex: &Lexicon) -> FxHashMap<String, u8> {
    let mut m: FxHashMap<String, u8> = FxHashMap::default();
    for k in lex.months.keys().chain(lex.units.keys()).chain(lex.seasons.keys()) {
        *m.entry(k.clone()).or_default() |= ANY;
    }
    for k in lex.weekdays.keys() {
        *m.entry(k.clone()).or_default() |= ANY | WEEKDAY;
    }
    for k in lex.numbers.keys() {
        *m.entry(k.clone()).or_default() |= ANY | NUMBER;
    }
    for k in OPENERS {
        *m.entry(k.to_string()).or_default() |= ANY;
    }
    let core = lex.months.keys().chain(lex.weekdays.keys()).chain(lex.units.keys()).chain(lex.seasons.keys());
    for k in core.chain(lex.dayparts.keys()).cloned().chain(KEY_WORDS.iter().map(|w| w.to_string())) {
        *m.entry(k).or_default() |= KEY_WORD;
    }
    m
}

impl Starters {
    pub(crate) fn new(lex: &Lexicon) -> Self {
        let m = starter_words(lex);
        let (mut shapes, mut ends) = ([0u64; 32], [0u64; 32]);
        for k in m.keys() {
            if let (Some(&b), Some(&e)) = (k.as_bytes().first(), k.as_bytes().last()) {
                shapes[k.len().min(31)] |= 1 << (b % 64);
                ends[k.len().min(31)] |= 1 << (e % 64);
            }
        }
        let table = WordTable::new(m.iter().map(|(w, &b)| (w.as_str(), b)));
        let number_len = m.iter().filter(|(_, &b)| b & NUMBER != 0).map(|(w, _)| w.len()).max().unwrap_or(0);
        let number_first = m
            .iter()
            .filter(|(_, &b)| b & NUMBER != 0)
            .fold(0, |f, (w, _)| f | w.as_bytes().first().map_or(0, |&b| 1u64 << (b % 64)));
        Starters { table, shapes, ends, number_len, number_first }
    }

    /// The table of [`Lexicon::embedded`].
    pub(crate) fn embedded() -> &'static Starters {
        static S: OnceLock<Starters> = OnceLock::new();
        S.get_or_init(|| Starters::new(Lexicon::embedded()))
    }

    #[inline(always)]
    fn has(&self, w: &str, bit: u8) -> bool {
        self.bits(w) & bit != 0
    }

    #[inline(always)]
    fn bits(&self, w: &str) -> u8 {
        if let (Some(&b), Some(&e)) = (w.as_bytes().first(), w.as_bytes().last()) {
            let n = w.len().min(31);
            if self.shapes[n] & (1 << (b % 64)) == 0 || self.ends[n] & (1 << (e % 64)) == 0 {
                return 0;
            }
        }
        self.table.get(w).unwrap_or(0)
    }
}

/// What a token can be in an expression: [`START`] if a pattern can begin at it, [`KEY`] if it is
/// a token that every time expression has (at its start or after a lead-in such as "in the
/// past", "at the end of", "since"): a number, a month, weekday, unit, season or part of the
/// day, or a word like "today" or "weekend". Number words ("two", "a") are no key: they only count
/// units. A start token that is no key, with no key in the next [`KEY_WITHIN`] tokens, starts
/// nothing, and the patterns are not tried there ("the", "in", "for" and "at" lead into most
/// expressions, and most of them into none).
#[inline]
fn classify(lex: &Lexicon, starters: Option<&Starters>, t: &Tok) -> u8 {
    let w = &*t.lower;
    if t.kind == TokenKind::Number || w.as_bytes().first().is_some_and(u8::is_ascii_digit) || w.starts_with("mid-") {
        return START | KEY;
    }
    if t.kind != TokenKind::Word {
        return 0;
    }
    let stem = || w.strip_suffix("'s").or_else(|| w.strip_suffix('s')).unwrap_or(w);
    if let Some(s) = starters {
        // One lookup answers most words (openers are in the table too); a plural or possessive
        // weekday and a hyphenated number need a second.
        let b = s.bits(w);
        if b & (KEY_WORD | ANY) == KEY_WORD | ANY {
            return START | KEY;
        }
        let plural_weekday = w.ends_with('s') && s.has(stem(), WEEKDAY);
        // The part before a first hyphen ("twenty-five"), found over the bytes that can hold it:
        // `split_once` cost more than the rest of this test.
        let head = match w.as_bytes().first() {
            Some(&f) if s.number_first & (1 << (f % 64)) != 0 => &w.as_bytes()[..w.len().min(s.number_len + 1)],
            _ => &[],
        };
        let before_hyphen = || head.iter().position(|&b| b == b'-').map(|k| &w[..k]);
        let start = b & ANY != 0 || plural_weekday || before_hyphen().is_some_and(|a| s.has(a, NUMBER));
        let key = b & KEY_WORD != 0 || plural_weekday;
        return (u8::from(start) * START) | (u8::from(key) * KEY);
    }
    let key = KEY_WORDS.contains(&w)
        || lex.months.contains_key(w)
        || lex.weekdays.contains_key(w)
        || lex.weekdays.contains_key(stem())
        || lex.units.contains_key(w)
        || lex.seasons.contains_key(w)
        || lex.dayparts.contains_key(w);
    let start = is_opener(w)
        || lex.months.contains_key(w)
        || lex.weekdays.contains_key(w)
        || lex.weekdays.contains_key(stem())
        || lex.numbers.contains_key(w)
        || lex.units.contains_key(w)
        || lex.seasons.contains_key(w)
        || w.split_once('-').is_some_and(|(a, _)| lex.numbers.contains_key(a));
    (u8::from(start) * START) | (u8::from(key) * KEY)
}

/// Cuts `s` to its first `len` bytes (a char boundary: callers cut off ASCII suffixes).
fn truncate(s: &mut Cow<'_, str>, len: usize) {
    match s {
        Cow::Borrowed(b) => *b = b.get(..len).unwrap_or(b),
        Cow::Owned(o) => {
            if o.is_char_boundary(len) {
                o.truncate(len)
            }
        }
    }
}

impl<'a> Tagger<'a> {
    /// `starters`: [`Starters::new`] of `lex`, when the caller has it.
    pub(crate) fn new(
        lex: &'a Lexicon,
        starters: Option<&Starters>,
        doc: &'a Doc<'a>,
        published: Option<NaiveDate>,
    ) -> Self {
        Self::with_look_ahead(lex, starters, doc, published, true)
    }

    /// [`Self::new`]; `look_ahead`: skip the start tokens with no key token near (see
    /// [`classify`]). Tests compare with and without it.
    fn with_look_ahead(
        lex: &'a Lexicon,
        starters: Option<&Starters>,
        doc: &'a Doc<'a>,
        published: Option<NaiveDate>,
        look_ahead: bool,
    ) -> Self {
        // Most texts are all ASCII: then no token needs the test.
        let ascii = doc.text.is_ascii();
        let toks: Vec<Tok> = doc
            .tokens
            .iter()
            .map(|t| {
                let text = t.span.of(doc.text);
                // An ASCII token's normal form is its lower case, in the document's lower-case copy.
                let mut lower =
                    if ascii || text.is_ascii() { Cow::Borrowed(doc.lower_of(t.span)) } else { Cow::Owned(norm(text)) };
                if lower.len() > 1 && lower.ends_with('.') && t.kind == TokenKind::Word {
                    let n = lower.len() - 1;
                    truncate(&mut lower, n);
                }
                // Possessives date like their noun: "Saturday's attack", "last night's raid".
                if lower.len() > 2 && lower.ends_with("'s") && t.kind == TokenKind::Word {
                    let n = lower.len() - 2;
                    truncate(&mut lower, n);
                }
                let cap = match text.as_bytes().first() {
                    Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
                    _ => text.chars().next().is_some_and(char::is_uppercase),
                };
                Tok { lower, kind: t.kind, cap, span: t.span }
            })
            .collect();
        let mut sentence_of = vec![0; toks.len()];
        let mut sentence_start = vec![false; toks.len()];
        for (si, s) in doc.sentences.iter().enumerate() {
            for k in s.tokens.clone() {
                if let Some(x) = sentence_of.get_mut(k) {
                    *x = si;
                }
            }
            if let Some(x) = sentence_start.get_mut(s.tokens.start) {
                *x = true;
            }
        }
        let mut can_start = vec![false; toks.len()];
        // From the end: `next_key` is the first key token after `i`.
        let mut next_key = usize::MAX;
        for i in (0..toks.len()).rev() {
            let c = classify(lex, starters, &toks[i]);
            can_start[i] = c & START != 0 && (c & KEY != 0 || next_key - i <= KEY_WITHIN || !look_ahead);
            if c & KEY != 0 {
                next_key = i;
            }
        }
        Tagger { lex, doc, published, toks, sentence_of, sentence_start, can_start }
    }

    pub(crate) fn run(&self) -> Vec<TimeMention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            if !self.can_start[i] {
                i += 1;
                continue;
            }
            if self.published.is_none() && self.is(i, "since") {
                // "since 2013" runs up to the report date; without one, skip the whole phrase.
                i = self.core(i + 1).map_or(i + 1, |(end, _)| end);
                continue;
            }
            match self.match_at(i) {
                Some((end, hit)) if end > i => {
                    let end = end.min(self.toks.len());
                    let last = self.toks[end - 1].span;
                    let span_end = hit.end_byte.filter(|&b| b > last.start && b <= last.end).unwrap_or(last.end);
                    let span = Span::new(self.toks[i].span.start, span_end);
                    let tense = hit.tense.unwrap_or_else(|| self.interval_tense(hit.start, hit.end));
                    out.push(TimeMention {
                        span,
                        start: hit.start,
                        end: hit.end,
                        precision: hit.precision,
                        tense,
                        anchored: hit.anchored,
                    });
                    i = end;
                }
                _ => i += 1,
            }
        }
        out
    }

    // ----- token helpers -------------------------------------------------------------------

    fn w(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &*t.lower)
    }
    fn is(&self, i: usize, word: &str) -> bool {
        self.w(i) == word
    }
    fn any(&self, i: usize, words: &[&str]) -> bool {
        words.contains(&self.w(i))
    }
    fn prev(&self, i: usize) -> &str {
        if i == 0 || self.sentence_start.get(i).copied().unwrap_or(false) {
            ""
        } else {
            self.w(i - 1)
        }
    }
    fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
    }
    fn raw(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.span.of(self.doc.text))
    }

    fn tense_at(&self, i: usize) -> Tense {
        let s = self.sentence_of.get(i).copied().unwrap_or(0);
        clause_tense_with(self.lex, self.doc, s, i)
    }

    fn interval_tense(&self, start: NaiveDate, end: NaiveDate) -> Tense {
        match self.published {
            None => Tense::Unknown,
            Some(p) if end < p => Tense::Past,
            Some(p) if start > p => Tense::Future,
            Some(_) => Tense::Ongoing,
        }
    }

    /// A month name at `i`. `bare`: no day or year follows, so ask for a capitalized full name
    /// after a temporal word ("in March", not "march on Raqqa" or "Jan Egeland").
    fn month(&self, i: usize, bare: bool) -> Option<u32> {
        let t = self.toks.get(i)?;
        if t.kind != TokenKind::Word {
            return None;
        }
        let m = *self.lex.months.get(&*t.lower)?;
        let ambiguous = matches!(&*t.lower, "may" | "march" | "mar" | "jan" | "sun" | "sat");
        if (ambiguous || bare) && !t.cap {
            return None;
        }
        if bare {
            let full = t.lower.len() > 4 || t.lower == "may" || t.lower == "june" || t.lower == "july";
            let abbrev = self.raw(i).ends_with('.');
            if !(full || abbrev) || !BARE_MONTH_CONTEXT.contains(&self.prev(i)) {
                return None;
            }
        }
        Some(m)
    }

    /// A day of the month: "3", "03", "3rd", "21st".
    fn day(&self, i: usize) -> Option<u32> {
        let t = self.toks.get(i)?;
        let s = &*t.lower;
        let digits = match t.kind {
            TokenKind::Number => s,
            TokenKind::Word => ["st", "nd", "rd", "th"].iter().find_map(|suf| s.strip_suffix(suf))?,
            _ => return None,
        };
        if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let d: u32 = digits.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    }

    /// A day range in one token: "3-5", "3–5".
    fn day_range(&self, i: usize) -> Option<(u32, u32)> {
        let t = self.toks.get(i)?;
        if t.kind != TokenKind::Number {
            return None;
        }
        let (a, b) = t.lower.split_once(['-', '–'])?;
        let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
        (a.to_string().len() <= 2 && (1..=31).contains(&a) && (1..=31).contains(&b) && a < b).then_some((a, b))
    }

    /// A four-digit year 1900–2100.
    fn year(&self, i: usize) -> Option<i32> {
        let t = self.toks.get(i)?;
        if t.kind != TokenKind::Number || t.lower.len() != 4 || !t.lower.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = t.lower.parse().ok()?;
        (1900..=2100).contains(&y).then_some(y)
    }

    /// An optional ", 2017" / "2017" / "of 2017" after a date; returns the year and the next index.
    fn opt_year(&self, i: usize) -> (Option<i32>, usize) {
        if let Some(y) = self.year(i) {
            if !self.count_noun(i + 1) {
                return (Some(y), i + 1);
            }
        }
        if self.is(i, ",") {
            if let Some(y) = self.year(i + 1) {
                if !self.count_noun(i + 2) {
                    return (Some(y), i + 2);
                }
            }
        }
        (None, i)
    }

    /// A lower-case count noun ("fighters"); a capitalized one starts a new headline or sentence.
    fn count_noun(&self, i: usize) -> bool {
        !self.cap(i) && self.lex.count_nouns.contains(self.w(i))
    }

    fn weekday(&self, i: usize, abbrev_ok: bool) -> Option<u32> {
        let t = self.toks.get(i)?;
        if t.kind != TokenKind::Word {
            return None;
        }
        let w = &*t.lower;
        let w = w.strip_suffix("'s").unwrap_or(w);
        if let Some(&d) = self.lex.weekdays.get(w) {
            let full = w.ends_with("day");
            return (full || abbrev_ok).then_some(d);
        }
        // "Saturdays blast": a possessive written without its apostrophe.
        let stem = w.strip_suffix('s')?;
        let &d = self.lex.weekdays.get(stem)?;
        let next_lower = self.toks.get(i + 1).is_some_and(|n| n.kind == TokenKind::Word && !n.cap);
        (stem.ends_with("day") && next_lower && !matches!(self.prev(i), "on" | "every" | "all" | "most" | "some"))
            .then_some(d)
    }

    /// A number at `i`: digits or words ("two", "twenty-five", "twenty five"). Returns value, next.
    fn number(&self, i: usize) -> Option<(i64, usize)> {
        let t = self.toks.get(i)?;
        if t.kind == TokenKind::Number {
            if t.lower.len() <= 6 && t.lower.bytes().all(|b| b.is_ascii_digit()) {
                return Some((t.lower.parse().ok()?, i + 1));
            }
            return None;
        }
        if t.kind != TokenKind::Word {
            return None;
        }
        if let Some(&n) = self.lex.numbers.get(&*t.lower) {
            if (20..=90).contains(&n) && n % 10 == 0 {
                if let Some(&u) = self.lex.numbers.get(self.w(i + 1)) {
                    if (1..=9).contains(&u) {
                        return Some((n + u, i + 2));
                    }
                }
            }
            return Some((n, i + 1));
        }
        let (a, b) = t.lower.split_once('-')?;
        let (&a, &b) = (self.lex.numbers.get(a)?, self.lex.numbers.get(b)?);
        ((20..=90).contains(&a) && (1..=9).contains(&b)).then_some((a + b, i + 1))
    }

    /// A count before a unit: "three", "48", "two or three", "2-3", "a few", "several", "a couple of".
    fn count(&self, i: usize) -> Option<(Count, usize)> {
        let fuzzy = |lo, hi, next| Some((Count { lo, hi }, next));
        match self.w(i) {
            "a" if self.is(i + 1, "few") => return fuzzy(2, 5, i + 2),
            "a" if self.is(i + 1, "couple") => return fuzzy(2, 3, if self.is(i + 2, "of") { i + 3 } else { i + 2 }),
            "few" => return fuzzy(2, 5, i + 1),
            "several" | "some" => return fuzzy(3, 7, i + 1),
            "many" => return fuzzy(5, 15, i + 1),
            "couple" if self.is(i + 1, "of") => return fuzzy(2, 3, i + 2),
            _ => {}
        }
        if let Some(t) = self.toks.get(i) {
            if t.kind == TokenKind::Number {
                if let Some((a, b)) = t.lower.split_once(['-', '–']) {
                    if let (Ok(a), Ok(b)) = (a.parse::<i64>(), b.parse::<i64>()) {
                        if a < b && b <= 1000 {
                            return fuzzy(a, b, i + 1);
                        }
                    }
                }
            }
        }
        let (n, next) = self.number(i)?;
        if self.any(next, &["or", "to"]) {
            if let Some((m, after)) = self.number(next + 1) {
                if m > n && self.unit(after).is_some() {
                    return fuzzy(n, m, after);
                }
            }
        }
        Some((Count { lo: n, hi: n }, next))
    }

    fn unit(&self, i: usize) -> Option<Unit> {
        self.lex.units.get(self.w(i)).copied()
    }
    fn plural(&self, i: usize) -> bool {
        self.w(i).ends_with('s')
    }

    fn daypart(&self, i: usize) -> Option<DayPart> {
        self.lex.dayparts.get(self.w(i)).copied()
    }

    // ----- the patterns --------------------------------------------------------------------

    fn match_at(&self, i: usize) -> Option<(usize, Hit)> {
        let w = self.w(i);
        if w.is_empty() {
            return None;
        }
        if w == "since" {
            return self.since(i);
        }
        if matches!(w, "between" | "from") {
            if let Some(m) = self.range(i) {
                return Some(m);
            }
        }
        self.relative(i)
            .or_else(|| self.part_of(i))
            .or_else(|| self.absolute(i))
            .or_else(|| self.weekday_expr(i))
            .or_else(|| self.season_expr(i))
    }

    /// "since X": from the start of X up to the report date.
    fn since(&self, i: usize) -> Option<(usize, Hit)> {
        let (end, x) = self.core(i + 1)?;
        // Without a report date the interval has no end: skip it, like other relative expressions.
        let p = self.published?;
        let hit = if x.start <= p {
            let h = Hit::sized(x.start, p, true);
            Hit { precision: h.precision.max(x.precision), ..h }.tensed(Tense::Ongoing)
        } else {
            x
        };
        Some((end, hit))
    }

    /// Any single expression (used inside "since", ranges).
    fn core(&self, i: usize) -> Option<(usize, Hit)> {
        self.relative(i)
            .or_else(|| self.part_of(i))
            .or_else(|| self.absolute(i))
            .or_else(|| self.weekday_expr(i))
            .or_else(|| self.season_expr(i))
    }

    /// "between 3 and 5 November", "between November 3 and 5", "from 3 to 5 November 2017",
    /// "between March and May 2016", "from 2012 to 2014".
    fn range(&self, i: usize) -> Option<(usize, Hit)> {
        let connector: &[&str] =
            if self.is(i, "between") { &["and", "&"] } else { &["to", "until", "till", "through"] };
        let j = i + 1;
        // Left side: a bare day ("3"), then the connector, then a full date on the right.
        if let Some(d1) = self.day(j) {
            if self.any(j + 1, connector) {
                let (end, right) = self.absolute_or_month_day(j + 2)?;
                if right.precision != DatePrecision::Day {
                    return None;
                }
                let start = ymd(right.start.year(), right.start.month(), d1)?;
                return (start <= right.start).then_some((end, Hit::sized(start, right.end, right.anchored)));
            }
        }
        // Left side: month + day, right side a bare day: "between November 3 and 5".
        if let Some(m) = self.month(j, false) {
            if let Some(d1) = self.day(j + 1) {
                if self.any(j + 2, connector) {
                    if let Some(d2) = self.day(j + 3) {
                        if self.month(j + 4, false).is_none() && d2 > d1 {
                            let (year, end) = self.opt_year(j + 4);
                            let a = self.resolve_month_day(j, m, d1, year)?;
                            let b = ymd(a.start.year(), m, d2)?;
                            return Some((end, Hit::sized(a.start, b, a.anchored)));
                        }
                    }
                }
            }
        }
        // Two full expressions.
        let (lend, left) = self.core(j)?;
        if !self.any(lend, connector) {
            return None;
        }
        let (rend, right) = self.core(lend + 1)?;
        let mut left = left;
        if left.anchored && !right.anchored && left.precision <= DatePrecision::Month {
            // "from March to May 2016": the left side takes its year from the right side.
            let y = right.start.year()
                - i32::from((left.start.month(), left.start.day()) > (right.start.month(), right.start.day()));
            let shift = y - left.start.year();
            left.start = add_years(left.start, shift);
            left.end = add_years(left.end, shift);
            if left.precision == DatePrecision::Month {
                left.end = month_end(left.end.year(), left.end.month()).unwrap_or(left.end);
            }
        }
        if right.end < left.start {
            return None;
        }
        let h = Hit::sized(left.start, right.end, left.anchored || right.anchored);
        Some((rend, Hit { precision: h.precision.max(left.precision), ..h }))
    }

    fn absolute_or_month_day(&self, i: usize) -> Option<(usize, Hit)> {
        self.absolute(i)
    }

    /// Expressions relative to the report date.
    fn relative(&self, i: usize) -> Option<(usize, Hit)> {
        let w = self.w(i);
        // Windows and "ago" need the count/unit machinery; try them first.
        if let Some(m) = self.window(i) {
            return Some(m);
        }
        if let Some(m) = self.ago(i) {
            return Some(m);
        }
        let p = self.published?;
        let day = |d: NaiveDate| Hit::day(d, true);
        let with_part = |end: usize, hit: Hit| (self.trailing_daypart(end), hit);
        match w {
            "today" | "today's" => return Some(with_part(i + 1, day(p).tensed(Tense::Ongoing))),
            "tonight" | "tonight's" => return Some((i + 1, day(p).tensed(Tense::Ongoing))),
            "tomorrow" | "tomorrow's" => return Some(with_part(i + 1, day(add_days(p, 1)))),
            "yesterday" | "yesterday's" => return Some(with_part(i + 1, day(add_days(p, -1)))),
            "overnight" => {
                return Some((i + 1, Hit::new(add_days(p, -1), p, DatePrecision::Day, true).tensed(Tense::Past)))
            }
            "over" if self.is(i + 1, "night") => {
                return Some((i + 2, Hit::new(add_days(p, -1), p, DatePrecision::Day, true).tensed(Tense::Past)))
            }
            "recently" | "lately" => {
                return Some((i + 1, Hit::new(add_days(p, -30), p, DatePrecision::Month, true).tensed(Tense::Past)))
            }
            "earlier" | "later" if self.is(i + 1, "today") => {
                let t = if w == "earlier" { Tense::Past } else { Tense::Future };
                return Some((i + 2, day(p).tensed(t)));
            }
            "the" if self.is(i + 1, "day") && self.is(i + 2, "before") && self.is(i + 3, "yesterday") => {
                return Some((i + 4, day(add_days(p, -2))));
            }
            "the" if self.is(i + 1, "day") && self.is(i + 2, "after") && self.is(i + 3, "tomorrow") => {
                return Some((i + 4, day(add_days(p, 2))));
            }
            "this" => {
                if let Some(dp) = self.daypart(i + 1) {
                    if matches!(dp, DayPart::Morning | DayPart::Afternoon | DayPart::Evening | DayPart::Dawn) {
                        return Some((i + 2, day(p)));
                    }
                }
            }
            "over" | "during" | "at" | "on" if self.is(i + 1, "the") && self.is(i + 2, "weekend") => {
                let tense = self.tense_at(i);
                let sat = if tense == Tense::Future {
                    weekday_on_or_after(add_days(p, 1), chrono::Weekday::Sat)
                } else {
                    // The weekend that ended last (or ends today).
                    add_days(weekday_on_or_before(p, chrono::Weekday::Sun), -1)
                };
                return Some((i + 3, Hit::new(sat, add_days(sat, 1), DatePrecision::Week, true)));
            }
            "last" if self.is(i + 1, "night") => {
                return Some((i + 2, Hit::new(add_days(p, -1), p, DatePrecision::Day, true).tensed(Tense::Past)));
            }
            "at" | "before"
                if matches!(self.daypart(i + 1), Some(DayPart::Dawn | DayPart::Dusk))
                    && !self.is(i + 2, "on")
                    && self.weekday(i + 2, false).is_none() =>
            {
                let tense = self.tense_at(i);
                let h = if tense == Tense::Future {
                    Hit::new(p, add_days(p, 1), DatePrecision::Day, true)
                } else {
                    Hit::new(add_days(p, -1), p, DatePrecision::Day, true)
                };
                return Some((i + 2, h));
            }
            _ => {}
        }
        self.calendar(i)
    }

    /// "yesterday morning", "today at dawn": absorb a part of the day after a day expression.
    fn trailing_daypart(&self, end: usize) -> usize {
        if self.daypart(end).is_some() && !self.is(end, "noon") {
            return end + 1;
        }
        if self.any(end, &["at", "before"]) && self.daypart(end + 1).is_some() {
            return end + 2;
        }
        end
    }

    /// "this/last/next/earlier this/later this" + week/month/year/weekend, with "early/late" parts.
    fn calendar(&self, i: usize) -> Option<(usize, Hit)> {
        let p = self.published?;
        let (which, j) = match (self.w(i), self.w(i + 1)) {
            ("earlier", "this") => ("earlier", i + 2),
            ("later", "this") => ("later", i + 2),
            ("this", _) | ("last", _) | ("next", _) | ("previous", _) => (self.w(i), i + 1),
            _ => return None,
        };
        if self.is(j, "weekend") {
            let (a, b) = match which {
                "last" | "previous" => {
                    let sun = weekday_before(p, chrono::Weekday::Sun);
                    (add_days(sun, -1), sun)
                }
                "next" => {
                    let sat = weekday_after(p, chrono::Weekday::Sat);
                    (sat, add_days(sat, 1))
                }
                _ => {
                    let sat = add_days(week_end(p), -1);
                    (sat, add_days(sat, 1))
                }
            };
            return Some((j + 1, Hit::new(a, b, DatePrecision::Week, true)));
        }
        if matches!(which, "last" | "next" | "this") {
            // "last March", "next May": the closest such month before/after the report month.
            if let Some(m) = self.month_after_part(j) {
                if self.year(j + 1).is_none() {
                    return self.resolve_month(j, m, None).map(|h| (j + 1, h));
                }
            }
        }
        let unit = self.unit(j)?;
        if self.plural(j) {
            return None;
        }
        let (a, b, prec) = match unit {
            Unit::Week => (week_start(p), week_end(p), DatePrecision::Week),
            Unit::Month => (month_start(p.year(), p.month())?, month_end(p.year(), p.month())?, DatePrecision::Month),
            Unit::Year => (year_start(p.year())?, year_end(p.year())?, DatePrecision::Year),
            _ => return None,
        };
        let shift = |d: NaiveDate, n: i32| match unit {
            Unit::Week => add_days(d, 7 * n as i64),
            Unit::Month => add_months(d, n),
            _ => add_years(d, n),
        };
        let hit = match which {
            "this" => Hit::new(a, b, prec, true),
            "last" | "previous" => {
                let a2 = shift(a, -1);
                let b2 = add_days(a, -1);
                Hit::new(a2, b2, prec, true)
            }
            "next" => {
                let a2 = add_days(b, 1);
                let b2 = add_days(shift(a2, 1), -1);
                Hit::new(a2, b2, prec, true)
            }
            "earlier" => Hit::new(a, add_days(p, -1).max(a), prec, true).tensed(Tense::Past),
            _ => Hit::new(add_days(p, 1).min(b), b, prec, true).tensed(Tense::Future),
        };
        if which == "previous" && self.prev(i) == "the" {
            // "the previous week": relative to the narrative, not the report.
            return None;
        }
        Some((j + 1, hit))
    }

    /// "(during|in|over|within|for) the (last|past|previous) N units", "in the past 48 hours",
    /// "in recent days", "in the coming days", "during the next two or three days".
    fn window(&self, i: usize) -> Option<(usize, Hit)> {
        let mut j = i;
        let had_prep = self.any(j, &["during", "in", "over", "within", "for", "throughout", "across", "through"]);
        if had_prep {
            j += 1;
        }
        let had_the = self.is(j, "the");
        if had_the {
            j += 1;
        }
        let dir = match self.w(j) {
            "last" | "past" | "previous" => -1,
            "recent" if had_prep && !had_the => -1,
            "coming" | "next" | "upcoming" => 1,
            _ => return None,
        };
        let recent = self.is(j, "recent");
        j += 1;
        let count = self.count(j);
        let (count, k) = match count {
            Some((c, k)) if self.unit(k).is_some() && !recent => (Some(c), k),
            _ => (None, j),
        };
        let unit = self.unit(k)?;
        if count.is_none() {
            // "last week"/"next month" without "the": a calendar unit, not a window.
            if !had_the && !self.plural(k) && !self.is(j - 1, "past") && !self.is(j - 1, "coming") {
                return None;
            }
            // "the next day", "the following week": relative to the narrative.
            if had_the && !self.plural(k) && self.any(j - 1, &["next", "previous"]) {
                return None;
            }
        }
        if count.is_some() && !self.plural(k) && count.is_some_and(|c| c.hi > 1) {
            // "two month": translated reports often drop the plural; fine.
        }
        let p = self.published?;
        let n = match count {
            Some(c) => c.hi,
            None if self.plural(k) => default_plural(unit),
            None => 1,
        };
        let hit = if dir < 0 {
            Hit::sized(back(p, n, unit), p, true).tensed(Tense::Past)
        } else {
            Hit::sized(add_days(p, 1), fwd(p, n, unit).max(add_days(p, 1)), true).tensed(Tense::Future)
        };
        // A window names a span, so "in the past 48 hours" is as precise as its length.
        Some((k + 1, hit))
    }

    /// "N units ago", "a few days ago", "two month ago", "weeks ago".
    fn ago(&self, i: usize) -> Option<(usize, Hit)> {
        let (count, k) = match self.count(i) {
            Some((c, k)) if self.unit(k).is_some() => (Some(c), k),
            _ if self.unit(i).is_some() && self.plural(i) => (None, i),
            _ => return None,
        };
        let unit = self.unit(k)?;
        if !self.is(k + 1, "ago") {
            // "in two days" / "within a week" in a future clause.
            return self.in_n_units(i, count?, k, unit);
        }
        let p = self.published?;
        let c = count.unwrap_or(Count { lo: 2, hi: default_plural(unit).max(2) });
        let (lo_a, _) = ago_window(p, c.hi, unit);
        let (_, hi_b) = ago_window(p, c.lo, unit);
        let hi_b = hi_b.min(p);
        let precision = unit_precision(unit).max(if c.lo == c.hi {
            DatePrecision::Day
        } else {
            precision_for_days(span_days(lo_a, hi_b))
        });
        Some((k + 2, Hit::new(lo_a, hi_b, precision, true).tensed(Tense::Past)))
    }

    /// "in two days", "within a week" (future clauses only).
    fn in_n_units(&self, i: usize, c: Count, k: usize, unit: Unit) -> Option<(usize, Hit)> {
        let prep = self.prev(i);
        if !matches!(prep, "in" | "within") || self.is(k + 1, "of") || self.tense_at(i) != Tense::Future {
            return None;
        }
        let p = self.published?;
        let hit = if prep == "within" {
            Hit::sized(p, fwd(p, c.hi, unit), true)
        } else {
            let (a, _) = ago_window_fwd(p, c.lo, unit);
            let (_, b) = ago_window_fwd(p, c.hi, unit);
            Hit::new(a, b, unit_precision(unit), true)
        };
        Some((k + 1, hit.tensed(Tense::Future)))
    }

    /// "early/mid/late" + month/year/calendar unit; "mid-2016", "mid-March"; "the end of 2016".
    fn part_of(&self, i: usize) -> Option<(usize, Hit)> {
        let w = self.w(i);
        // "mid-2016", "mid-March", "mid-November 2016" are single tokens.
        if let Some(rest) = w.strip_prefix("mid-") {
            let raw_rest = self.raw(i).get(4..).unwrap_or("");
            let hit = if let Ok(y) = rest.parse::<i32>() {
                if !(1900..=2100).contains(&y) {
                    return None;
                }
                (i + 1, Hit::new(year_start(y)?, year_end(y)?, DatePrecision::Year, false))
            } else {
                let &m = self.lex.months.get(rest)?;
                if !raw_rest.chars().next().is_some_and(char::is_uppercase) {
                    return None;
                }
                let (year, end) = self.opt_year(i + 1);
                (end, self.resolve_month(i, m, year)?)
            };
            return Some((hit.0, narrow(hit.1, Part::Mid)));
        }
        let (part, j) = match (w, self.w(i + 1), self.w(i + 2)) {
            ("early", _, _) | ("earlier", "in", _) => (Part::Early, if w == "early" { i + 1 } else { i + 2 }),
            ("mid", _, _) => (Part::Mid, i + 1),
            ("late", _, _) => (Part::Late, i + 1),
            ("the", "end" | "beginning" | "start" | "middle", "of") | ("at", "the", _) => {
                let k = if w == "at" { i + 1 } else { i };
                if !self.is(k, "the") || !self.is(k + 2, "of") {
                    return None;
                }
                let part = match self.w(k + 1) {
                    "end" => Part::Late,
                    "beginning" | "start" => Part::Early,
                    "middle" => Part::Mid,
                    _ => return None,
                };
                (part, k + 3)
            }
            ("end", "of", _) => (Part::Late, i + 2),
            _ => return None,
        };
        // The inner expression: a month, a year or a calendar unit.
        let inner = if let Some(d) = self.decade(j) {
            Some(d)
        } else if let Some(y) = self.year(j) {
            Some((j + 1, Hit::new(year_start(y)?, year_end(y)?, DatePrecision::Year, false)))
        } else if let Some(m) = self.month_after_part(j) {
            let (year, end) = self.opt_year(j + 1);
            self.resolve_month(j, m, year).map(|h| (end, h))
        } else {
            self.calendar(j)
        };
        let (end, hit) = inner?;
        if hit.precision == DatePrecision::Day || hit.precision == DatePrecision::Week && part != Part::Late {
            return None;
        }
        Some((end, narrow(hit, part)))
    }

    fn month_after_part(&self, j: usize) -> Option<u32> {
        let t = self.toks.get(j)?;
        let m = *self.lex.months.get(&*t.lower)?;
        (t.cap && t.lower.len() >= 3).then_some(m)
    }

    /// Absolute dates: day-month-year in every order, numeric dates, "March 2016", "in March",
    /// and years.
    fn absolute(&self, i: usize) -> Option<(usize, Hit)> {
        // A weekday before a date belongs to it: "Wednesday 07 December 2016", "Fri Sep 27 2013",
        // "Saturday, November 4".
        if self.weekday(i, true).is_some() {
            let j = if self.is(i + 1, ",") { i + 2 } else { i + 1 };
            if let Some((end, hit)) = self.date(j) {
                if hit.precision == DatePrecision::Day {
                    return Some((end, hit));
                }
            }
            return None;
        }
        self.date(i)
    }

    fn date(&self, i: usize) -> Option<(usize, Hit)> {
        // "the 3rd of November", "the third of November 2017"
        if self.is(i, "the") {
            let d = self.day(i + 1).or_else(|| self.lex.ordinals.get(self.w(i + 1)).map(|&o| o as u32))?;
            if self.is(i + 2, "of") {
                let m = self.month(i + 3, false)?;
                let (year, end) = self.opt_year(i + 4);
                return self.resolve_month_day(i, m, d, year).map(|h| (end, h));
            }
            return None;
        }
        // "3 November", "03 Nov. 2017", "3rd of November", "3-5 November"
        if let Some(d) = self.day(i) {
            let j = if self.is(i + 1, "of") { i + 2 } else { i + 1 };
            if let Some(m) = self.month(j, false) {
                let (year, end) = self.opt_year(j + 1);
                return self.resolve_month_day(i, m, d, year).map(|h| (self.trailing_daypart(end), h));
            }
        }
        if let Some((d1, d2)) = self.day_range(i) {
            if let Some(m) = self.month(i + 1, false) {
                let (year, end) = self.opt_year(i + 2);
                let a = self.resolve_month_day(i, m, d1, year)?;
                let b = ymd(a.start.year(), m, d2)?;
                return Some((end, Hit::sized(a.start, b, a.anchored)));
            }
        }
        // "November 3", "Nov. 3, 2017", "November 3-5", "March 2016", "in March"
        if let Some(m) = self.month(i, false) {
            if let Some(d) = self.day(i + 1) {
                if !self.count_noun(i + 2) && !self.any(i + 2, &["%", ":"]) {
                    let (year, end) = self.opt_year(i + 2);
                    return self.resolve_month_day(i, m, d, year).map(|h| (self.trailing_daypart(end), h));
                }
            }
            if let Some((d1, d2)) = self.day_range(i + 1) {
                let (year, end) = self.opt_year(i + 2);
                let a = self.resolve_month_day(i, m, d1, year)?;
                let b = ymd(a.start.year(), m, d2)?;
                return Some((end, Hit::sized(a.start, b, a.anchored)));
            }
            let j = if self.any(i + 1, &["of", ","]) { i + 2 } else { i + 1 };
            if let Some(y) = self.year(j) {
                if !self.count_noun(j + 1) && self.month(i, true).or(self.cap(i).then_some(m)).is_some() {
                    return Some((j + 1, Hit::new(month_start(y, m)?, month_end(y, m)?, DatePrecision::Month, false)));
                }
            }
            // "March this year", "May last year"
            if self.any(i + 1, &["this", "last", "next"]) && self.is(i + 2, "year") && self.cap(i) {
                let p = self.published?;
                let y = p.year()
                    + match self.w(i + 1) {
                        "last" => -1,
                        "next" => 1,
                        _ => 0,
                    };
                return Some((i + 3, Hit::new(month_start(y, m)?, month_end(y, m)?, DatePrecision::Month, true)));
            }
            // "Apr 232017": a dateline whose comma was lost, day and year fused.
            if let Some(t) = self.toks.get(i + 1) {
                let s = &*t.lower;
                if t.kind == TokenKind::Number && (5..=6).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
                    let (d, y) = s.split_at(s.len() - 4);
                    if let (Ok(d), Ok(y)) = (d.parse::<u32>(), y.parse::<i32>()) {
                        if (1990..=2100).contains(&y) {
                            return ymd(y, m, d).map(|x| (i + 2, Hit::day(x, false)));
                        }
                    }
                }
            }
            let m = self.month(i, true)?;
            return self.resolve_month(i, m, None).map(|h| (i + 1, h));
        }
        if let Some(m) = self.numeric_date(i) {
            return Some(m);
        }
        if let Some(m) = self.decade(i) {
            return Some(m);
        }
        self.bare_year(i)
    }

    /// "2017-11-03", "2017/11/03", "03.11.2017", "11/3/2017", "2017-11".
    fn numeric_date(&self, i: usize) -> Option<(usize, Hit)> {
        let t = self.toks.get(i)?;
        let (s, glued) = match t.kind {
            TokenKind::Number => (&*t.lower, None),
            TokenKind::Word => {
                // "18.10.2014Get": a numeric date glued to the next (capitalized) word.
                let cut = t.lower.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '/' | '-')))?;
                let raw = t.span.of(self.doc.text);
                if cut < 8 || !raw.get(cut..).unwrap_or("").chars().next().is_some_and(char::is_uppercase) {
                    return None;
                }
                (&t.lower[..cut], Some(t.span.start + cut))
            }
            _ => return None,
        };
        let sep = ['-', '/', '.'].into_iter().find(|&c| s.contains(c))?;
        let parts: Vec<&str> = s.split(sep).collect();
        if parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4) {
            return None;
        }
        let num = |k: usize| parts[k].parse::<u32>().ok();
        let (y, m, d) = match parts.len() {
            3 if parts[0].len() == 4 => (parts[0].parse().ok()?, num(1)?, num(2)?),
            3 if parts[2].len() == 4 => {
                let (a, b) = (num(0)?, num(1)?);
                let y: i32 = parts[2].parse().ok()?;
                if sep == '.' || sep == '-' || a > 12 {
                    (y, b, a) // day first: 03.11.2017, 25/12/2016
                } else if b > 12 || a == b {
                    (y, a, b) // month first: 11/23/2017
                } else {
                    return None; // 03/11/2017: 3 November or 11 March; read only when unambiguous
                }
            }
            2 if parts[0].len() == 4 && sep == '-' && parts[1].len() == 2 => {
                let y: i32 = parts[0].parse().ok()?;
                let m = num(1)?;
                if !(1900..=2100).contains(&y) {
                    return None;
                }
                return Some((i + 1, Hit::new(month_start(y, m)?, month_end(y, m)?, DatePrecision::Month, false)));
            }
            _ => return None,
        };
        if !(1900..=2100).contains(&y) {
            return None;
        }
        let date = ymd(y, m, d)?;
        if glued.is_some() {
            return Some((i + 1, Hit { end_byte: glued, ..Hit::day(date, false) }));
        }
        Some((self.trailing_daypart(i + 1), Hit::day(date, false)))
    }

    /// "the 1990s", "the 1980's".
    fn decade(&self, i: usize) -> Option<(usize, Hit)> {
        let w = self.w(i);
        let digits = w.strip_suffix("'s").or_else(|| w.strip_suffix('s'))?;
        if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = digits.parse().ok()?;
        if y % 10 != 0 || !(1900..=2090).contains(&y) {
            return None;
        }
        Some((i + 1, Hit::new(year_start(y)?, year_end(y + 9)?, DatePrecision::Year, false)))
    }

    /// A year on its own: after a temporal word ("in 2015", "since 2011", "of 2016") or opening a
    /// sentence as its subject ("2017 has seen …", "2018 will see …").
    fn bare_year(&self, i: usize) -> Option<(usize, Hit)> {
        let y = self.year(i)?;
        if self.count_noun(i + 1) || self.any(i + 1, &["-", "–", "%"]) {
            return None;
        }
        let prev = self.prev(i);
        let sentence_initial = prev.is_empty() || matches!(prev, "\"" | "“" | "(" | "'" | "‘");
        let next = self.w(i + 1);
        let subject = sentence_initial
            && (self.lex.cues.contains_key(next)
                || matches!(next, "," | "was" | "saw" | "brought" | "marked" | "is" | "will" | "has" | "had"));
        let ok = YEAR_CONTEXT.contains(&prev) && !self.is_quantity_context(i)
            || subject
            || prev == "," && self.month(i.wrapping_sub(2), false).is_some()
            || prev == "year" && self.w(i.wrapping_sub(2)) == "the"
            || self.any(i + 1, &["election", "elections", "war", "offensive", "campaign", "budget"]);
        if !ok {
            return None;
        }
        Some((i + 1, Hit::new(year_start(y)?, year_end(y)?, DatePrecision::Year, false)))
    }

    /// "from 2000 to 3000 fighters": both ends followed by a count noun.
    fn is_quantity_context(&self, i: usize) -> bool {
        self.any(i + 1, &["to", "and", "or"]) && self.number(i + 2).is_some_and(|(_, k)| self.count_noun(k))
    }

    /// Month/day without a year takes its year from the report date: the closest past occurrence
    /// in a past or unknown clause, the next one in a future clause.
    fn resolve_month_day(&self, i: usize, m: u32, d: u32, year: Option<i32>) -> Option<Hit> {
        if let Some(y) = year {
            return ymd(y, m, d).map(|x| Hit::day(x, false));
        }
        let p = self.published?;
        let tense = self.tense_at(i);
        // Five years either side: 29 February exists in one of them.
        let candidates = || (p.year() - 5..=p.year() + 5).filter_map(|y| ymd(y, m, d));
        let pick =
            if tense == Tense::Future { candidates().find(|&x| x >= p) } else { candidates().rev().find(|&x| x <= p) }?;
        Some(Hit::day(pick, true))
    }

    /// A month without a day: with a year it is absolute, else the closest one by tense.
    fn resolve_month(&self, i: usize, m: u32, year: Option<i32>) -> Option<Hit> {
        if let Some(y) = year {
            return Some(Hit::new(month_start(y, m)?, month_end(y, m)?, DatePrecision::Month, false));
        }
        let p = self.published?;
        let prev = self.prev(i);
        let tense = match prev {
            "last" | "past" => Tense::Past,
            "next" | "coming" => Tense::Future,
            _ => self.tense_at(i),
        };
        let y = if tense == Tense::Future {
            if m >= p.month() && prev != "next" {
                p.year()
            } else {
                p.year() + 1
            }
        } else if m < p.month() || (m == p.month() && prev != "last") {
            p.year()
        } else {
            p.year() - 1
        };
        Some(Hit::new(month_start(y, m)?, month_end(y, m)?, DatePrecision::Month, true))
    }

    /// "on Saturday", "last Saturday", "late on Sunday", "Sunday night", "at dawn on Friday",
    /// "Tuesday's attack".
    fn weekday_expr(&self, i: usize) -> Option<(usize, Hit)> {
        let mut j = i;
        // Leading parts: "late on", "early", "at dawn on", "on the night of".
        if self.any(j, &["late", "early"]) {
            j += 1;
            if self.is(j, "on") {
                j += 1;
            }
        } else if self.any(j, &["at", "before"]) && self.daypart(j + 1).is_some() && self.is(j + 2, "on") {
            j += 3;
        }
        let modifier = match self.w(j) {
            "last" | "past" => Some(-1),
            "next" | "coming" => Some(1),
            "this" => Some(0),
            _ => None,
        };
        if modifier.is_some() {
            j += 1;
        }
        let wd = weekday_from_number(self.weekday(j, false)?)?;
        let p = self.published?;
        let tense = self.tense_at(j);
        let date = match modifier {
            Some(-1) => weekday_before(p, wd),
            Some(1) => weekday_after(p, wd),
            _ if tense == Tense::Future => weekday_after(p, wd),
            Some(0) if tense == Tense::Ongoing => weekday_on_or_after(p, wd),
            _ => weekday_on_or_before(p, wd),
        };
        let end = self.trailing_daypart(j + 1);
        Some((end, Hit::day(date, true)))
    }

    /// "summer 2016", "the summer of 2016", "last summer", "in the spring".
    fn season_expr(&self, i: usize) -> Option<(usize, Hit)> {
        let mut j = i;
        let modifier = match self.w(j) {
            "last" | "past" => Some(-1),
            "next" | "coming" => Some(1),
            "this" => Some(0),
            "the" => None,
            _ => None,
        };
        if modifier.is_some() || self.is(j, "the") {
            j += 1;
        }
        let season = *self.lex.seasons.get(self.w(j))?;
        if self.is(j, "fall") && !self.cap(j) && !self.is(i, "the") && modifier.is_none() {
            return None;
        }
        let (year, end) = if self.is(j + 1, "of") {
            match self.year(j + 2) {
                Some(y) => (Some(y), j + 3),
                None => return None,
            }
        } else {
            self.opt_year(j + 1)
        };
        let y = match (year, modifier) {
            (Some(y), _) => y,
            (None, None) if !self.is(i, "the") || !matches!(self.prev(i), "in" | "during" | "since" | "over") => {
                return None;
            }
            (None, _) => {
                let p = self.published?;
                let this = season_interval(p.year(), season)?;
                let y = p.year();
                match modifier.unwrap_or(0) {
                    // The most recent one that has ended; the next one that has not begun.
                    -1 if this.1 < p => y,
                    -1 => y - 1,
                    1 => {
                        if this.0 > p {
                            y
                        } else {
                            y + 1
                        }
                    }
                    _ => y,
                }
            }
        };
        let (a, b) = season_interval(y, season)?;
        Some((end, Hit::new(a, b, DatePrecision::Month, year.is_none())))
    }
}

fn season_interval(y: i32, s: Season) -> Option<(NaiveDate, NaiveDate)> {
    Some(match s {
        Season::Spring => (ymd(y, 3, 1)?, ymd(y, 5, 31)?),
        Season::Summer => (ymd(y, 6, 1)?, ymd(y, 8, 31)?),
        Season::Autumn => (ymd(y, 9, 1)?, ymd(y, 11, 30)?),
        Season::Winter => (ymd(y - 1, 12, 1)?, month_end(y, 2)?),
    })
}

/// The default size of a plural unit without a count ("in recent days", "in the coming weeks").
fn default_plural(unit: Unit) -> i64 {
    match unit {
        Unit::Hour => 48,
        Unit::Day => 7,
        Unit::Week | Unit::Fortnight => 6,
        Unit::Month => 6,
        Unit::Year => 5,
        Unit::Decade => 3,
    }
}

fn unit_precision(unit: Unit) -> DatePrecision {
    match unit {
        Unit::Hour | Unit::Day => DatePrecision::Day,
        Unit::Week | Unit::Fortnight => DatePrecision::Week,
        Unit::Month => DatePrecision::Month,
        Unit::Year | Unit::Decade => DatePrecision::Year,
    }
}

fn clamp_i32(n: i64) -> i32 {
    n.clamp(-100_000, 100_000) as i32
}

/// `p` minus `n` units (hours round up to whole days).
fn back(p: NaiveDate, n: i64, unit: Unit) -> NaiveDate {
    match unit {
        Unit::Hour => add_days(p, -((n + 23) / 24)),
        Unit::Day => add_days(p, -n),
        Unit::Week => add_days(p, -7 * n),
        Unit::Fortnight => add_days(p, -14 * n),
        Unit::Month => add_months(p, -clamp_i32(n)),
        Unit::Year => add_years(p, -clamp_i32(n)),
        Unit::Decade => add_years(p, -clamp_i32(n.saturating_mul(10))),
    }
}

/// `p` plus `n` units.
fn fwd(p: NaiveDate, n: i64, unit: Unit) -> NaiveDate {
    match unit {
        Unit::Hour => add_days(p, (n + 23) / 24),
        Unit::Day => add_days(p, n),
        Unit::Week => add_days(p, 7 * n),
        Unit::Fortnight => add_days(p, 14 * n),
        Unit::Month => add_months(p, clamp_i32(n)),
        Unit::Year => add_years(p, clamp_i32(n)),
        Unit::Decade => add_years(p, clamp_i32(n.saturating_mul(10))),
    }
}

/// The honest interval of "N units ago": a day for days, the week around the day for weeks,
/// half a month either side for months, half a year either side for years.
fn ago_window(p: NaiveDate, n: i64, unit: Unit) -> (NaiveDate, NaiveDate) {
    let d = back(p, n, unit);
    widen(d, unit, p, n)
}

fn ago_window_fwd(p: NaiveDate, n: i64, unit: Unit) -> (NaiveDate, NaiveDate) {
    let d = fwd(p, n, unit);
    widen(d, unit, p, n)
}

fn widen(d: NaiveDate, unit: Unit, p: NaiveDate, n: i64) -> (NaiveDate, NaiveDate) {
    match unit {
        Unit::Hour => {
            let lo = add_days(p, -((n + 23) / 24));
            let hi = add_days(p, -(n / 24));
            if d <= p {
                (lo, hi)
            } else {
                (add_days(p, n / 24), add_days(p, (n + 23) / 24))
            }
        }
        Unit::Day => (d, d),
        Unit::Week | Unit::Fortnight => (add_days(d, -3), add_days(d, 3)),
        Unit::Month => (add_days(d, -15), add_days(d, 15)),
        Unit::Year | Unit::Decade => (add_months(d, -6), add_months(d, 6)),
    }
}

/// The early/middle/late third of an interval, one precision step finer.
fn narrow(h: Hit, part: Part) -> Hit {
    let days = span_days(h.start, h.end);
    let (a, b) = match h.precision {
        DatePrecision::Year if (365..=366).contains(&days) => {
            let y = h.start.year();
            let (m1, m2) = match part {
                Part::Early => (1, 4),
                Part::Mid => (5, 8),
                Part::Late => (9, 12),
            };
            match (month_start(y, m1), month_end(y, m2)) {
                (Some(a), Some(b)) => (a, b),
                _ => (h.start, h.end),
            }
        }
        DatePrecision::Month if h.start.day() == 1 && add_days(h.end, 1).day() == 1 => {
            // Calendar thirds of a month: 1–10, 11–20, 21–end.
            match part {
                Part::Early => (h.start, add_days(h.start, 9)),
                Part::Mid => (add_days(h.start, 10), add_days(h.start, 19)),
                Part::Late => (add_days(h.start, 20), h.end),
            }
        }
        _ => {
            let third = (days / 3).max(1);
            match part {
                Part::Early => (h.start, add_days(h.start, third - 1)),
                Part::Mid => (add_days(h.start, third), add_days(h.end, -third)),
                Part::Late => (add_days(h.end, -(days - 2 * third) + 1), h.end),
            }
        }
    };
    let precision = match h.precision {
        DatePrecision::Year if days > 366 => DatePrecision::Year,
        DatePrecision::Year => DatePrecision::Month,
        DatePrecision::Month => DatePrecision::Week,
        _ => DatePrecision::Day,
    };
    Hit { start: a, end: b.max(a), precision, ..h }
}

#[cfg(test)]
mod starter_tests {
    use super::*;

    /// The one-table filter agrees with the lexicon's own maps on every lexicon word and on
    /// plurals, possessives, hyphenated forms and ordinary words.
    #[test]
    fn starters_table_agrees_with_the_lexicon() {
        let lex = Lexicon::embedded();
        let starters = Starters::new(lex);
        let mut words: Vec<String> = ["attack", "forces", "news", "is", "sunday's", "twenty-one", "mid-march", "x-ray"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let keys = lex.months.keys().chain(lex.weekdays.keys()).chain(lex.numbers.keys());
        let keys = keys.chain(lex.units.keys()).chain(lex.seasons.keys()).chain(lex.dayparts.keys());
        for k in keys.cloned().chain(OPENERS.iter().chain(KEY_WORDS).map(|w| w.to_string())) {
            words.extend([k.clone(), format!("{k}s"), format!("{k}'s"), format!("{k}-fold"), format!("x-{k}")]);
        }
        for w in &words {
            let t = Tok { lower: Cow::Borrowed(w), kind: TokenKind::Word, cap: false, span: Span::new(0, w.len()) };
            assert_eq!(classify(lex, Some(&starters), &t), classify(lex, None, &t), "{w}");
        }
    }

    /// Skipping the start tokens with no key token near changes no result: the patterns with the
    /// longest lead-ins, at every distance from a key token, and ordinary text.
    #[test]
    fn look_ahead_changes_nothing() {
        let texts = [
            "Since during the past a couple of days the road was shut. Between the end of earlier this \
             week and now nothing moved.",
            "At the end of earlier this month, and at the end of the year, in the coming weeks, over the \
             weekend, the day before yesterday, this morning, last night, at dawn on Friday, early on \
             Sunday, the summer of 2016, in the spring, from March to May 2016, between 3 and 5 November, \
             the 3rd of November, the third of November 2017, mid-2016, in the 1990s, two or three days ago.",
            "The army said in a statement on the fighting at the border that for the people of the town \
             there was little to do at the time; the others came from the north and in the end left for \
             good, some of them for the first time in a long while, many more at some point later.",
            "in the past few days in the last several weeks during the previous two or three months for the \
             next couple of years within a few hours since the start of the war from the middle of last \
             year to the beginning of next year, through the end of the decade.",
        ];
        let lex = Lexicon::embedded();
        let day = NaiveDate::from_ymd_opt(2017, 11, 8);
        for text in texts {
            let words: Vec<&str> = text.split(' ').collect();
            // Every suffix: each lead-in at every distance from where the scan starts.
            for k in 0..words.len() {
                let t = words[k..].join(" ");
                let doc = Doc::new(&t);
                for published in [day, None] {
                    for starters in [Some(Starters::embedded()), None] {
                        let with = Tagger::with_look_ahead(lex, starters, &doc, published, true).run();
                        let without = Tagger::with_look_ahead(lex, starters, &doc, published, false).run();
                        assert_eq!(format!("{with:?}"), format!("{without:?}"), "{t}");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod shape_tests {
    use super::*;

    /// The shape filter never hides a table word, and answers as the table does for others.
    #[test]
    fn shape_filter_keeps_every_starter() {
        let s = Starters::embedded();
        let words = starter_words(Lexicon::embedded());
        assert!(words.len() > 50);
        for (w, &b) in &words {
            assert_eq!(s.bits(w), b, "{w}");
        }
        for w in ["", "x", "the", "thee", "said", "killed", "mondays", "twenty-five", "ٱلْ", "é"] {
            assert_eq!(s.bits(w), words.get(w).copied().unwrap_or(0), "{w}");
        }
    }
}
