//! From cues and mentions to events and control observations: roles, modality, location, date.
//!
//! No parser: clause-level patterns over tokens and mention spans. Every decision below is a
//! general rule of English news prose; the lexicons say which words evoke what.

use crate::lexicon::{AcledSpec, CueKind, EventCue, Hit, Lexicon, LexiconError};
use crate::mentions::{Mentions, PlaceIn, PlaceLevel, PlaceRole};
use sitrep_model::record::{
    stable_id, AcledType, ActorRef, ControlRecord, ControlStatus, EventRecord, Evidence, Modality, PlaceRef, ReportRef,
    Trigger,
};
use sitrep_model::text::{Doc, TokenKind};
use sitrep_model::{Report, Span};
use std::borrow::Cow;
use std::cell::Cell;

/// Events and control observations of one report.
#[derive(Clone, Debug, Default)]
pub struct Output {
    pub events: Vec<EventRecord>,
    pub controls: Vec<ControlRecord>,
}

/// Switches for uses other than whole reports.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// When a sentence names no place, take the last specific place of the paragraph (precision 2).
    pub inherit_places: bool,
    /// A place named in the sentence is the event's location only with at least this score.
    pub min_location_score: i64,
    /// Names the gazetteer does not know may be an event's location where they stand as a place
    /// does ("in the village of X"; coordinates from the known place they lie in or near).
    pub unknown_names: bool,
    /// An unknown name with no known place in its sentence (or paragraph) to take coordinates
    /// from is still returned as the location, without coordinates (no geonameid, lat/lon 0,
    /// precision 3): for sentence-level evaluation of the attachment only ([`EventExtractor::locate`]).
    /// Events never carry such a place.
    pub unplaced_names: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            inherit_places: true,
            min_location_score: MIN_LOCATION_SCORE,
            unknown_names: true,
            unplaced_names: false,
        }
    }
}

/// Tuned on event-location-dev.jsonl (`sitrep eval events --only location`).
pub const MIN_LOCATION_SCORE: i64 = -20;

/// The event stage: lexicons compiled once, then shared read-only.
#[derive(Clone, Debug)]
pub struct EventExtractor {
    pub lexicon: Lexicon,
    pub options: Options,
}

/// Where an event was placed and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Location {
    /// Index into `Mentions::places` (for an anaphor, its antecedent's); None for a name the
    /// gazetteer does not know (`place.text`/`place.span` are the name, the coordinates those of
    /// the known place of the sentence it lies in or near).
    pub mention: Option<usize>,
    pub place: PlaceRef,
    pub inherited: bool,
    /// An unknown name with no coordinates (only from [`EventExtractor::locate`]; see
    /// [`Options::unplaced_names`]).
    pub unplaced: bool,
    /// How strongly the sentence ties the place to the event (higher is stronger).
    pub score: i64,
}

/// One place of the sentence scored as an event's location (see [`EventExtractor::location_candidates`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Index into `Mentions::places`, or past its end for a name the gazetteer does not know.
    pub mention: usize,
    /// The span of a name the gazetteer does not know (None for one of `Mentions::places`).
    pub name: Option<Span>,
    pub score: i64,
    /// 1 = the place itself, 2 = near it, 3 = its province or country.
    pub precision: u8,
    /// The place is only where someone went or came from: its province is kept, not the point.
    pub path_only: bool,
}

mod control;
mod dates;
mod dedup;
mod listed;
mod location;
mod modality;
mod names;
mod roles;
pub(crate) mod words;

use control::{dedup_controls, is_admin, strip};
use words::*;

impl EventExtractor {
    pub fn embedded() -> Result<Self, LexiconError> {
        Ok(EventExtractor { lexicon: Lexicon::embedded()?, options: Options::default() })
    }

    pub fn with_lexicon(lexicon: Lexicon) -> Self {
        EventExtractor { lexicon, options: Options::default() }
    }

    /// Events and control observations of a report, from its text layer and mentions
    /// (each list sorted by position).
    pub fn extract(&self, report: &Report, doc: &Doc, mentions: &Mentions) -> Output {
        let cx = Cx::new(self, report, doc, mentions);
        let mut out = Output::default();
        for s in 0..doc.sentences.len() {
            cx.sentence(s, &mut out);
        }
        dedup_controls(&mut out.controls);
        out
    }

    /// The place where the event evoked by `trigger` happened, looking only at its sentence
    /// (for evaluation against sentence-level gold). An unknown name with no known place in the
    /// sentence comes back without coordinates (`mention` None, `place.geonameid` None; see
    /// [`Options::unplaced_names`]): the attachment is judged, not the coordinates.
    pub fn locate(&self, report: &Report, doc: &Doc, mentions: &Mentions, trigger: Span) -> Option<Location> {
        let mut ex = self.clone();
        ex.options.inherit_places = false;
        ex.options.min_location_score = i64::MIN;
        ex.options.unplaced_names = true;
        let cx = Cx::new(&ex, report, doc, mentions);
        let ts = doc.token_at_or_after(trigger.start);
        let te = doc.token_at_or_after(trigger.end).max(ts + 1);
        let s = doc.sentence_at(trigger.start)?;
        let mut loc = cx.location(s, ts, te, cx.cue_at(ts), false)?;
        if loc.mention.is_some_and(|i| cx.unknown(i)) {
            loc.mention = None; // an unknown name: `place.span` says where it is
        }
        Some(loc)
    }

    /// Every place of the trigger's sentence with its score as the event's location (highest
    /// wins; below [`Options::min_location_score`] none is attached): to explain a choice.
    pub fn location_candidates(
        &self,
        report: &Report,
        doc: &Doc,
        mentions: &Mentions,
        trigger: Span,
    ) -> Vec<Candidate> {
        let cx = Cx::new(self, report, doc, mentions);
        let ts = doc.token_at_or_after(trigger.start);
        let te = doc.token_at_or_after(trigger.end).max(ts + 1);
        match doc.sentence_at(trigger.start) {
            Some(s) => cx
                .place_candidates(s, ts, te, cx.cue_at(ts))
                .into_iter()
                .map(|mut c| {
                    if cx.unknown(c.mention) {
                        c.name = Some(cx.pl(c.mention).span);
                    }
                    c
                })
                .collect(),
            None => Vec::new(),
        }
    }
}

/// Per-report working state.
struct Cx<'a> {
    ex: &'a EventExtractor,
    report: &'a Report,
    doc: &'a Doc<'a>,
    m: &'a Mentions,
    hits: Vec<Hit>,
    /// Token ranges `[start, end)` of each mention.
    actor_toks: Vec<(usize, usize)>,
    place_toks: Vec<(usize, usize)>,
    time_toks: Vec<(usize, usize)>,
    /// Lower-cased token texts (borrowed when the token already is).
    lower: Vec<Cow<'a, str>>,
    /// Clause number of each token (counted through the document).
    clause: Vec<usize>,
    /// Per clause number: its first token and the token after its last (a clause's tokens are
    /// consecutive; see `clause_start`, `clause_end`).
    clause_bounds: Vec<(usize, usize)>,
    /// The word lists each token is in (bits of [`class`]).
    class: Vec<u64>,
    /// Per token `k`: 1 + the last comma before it, 0 if none (see [`Cx::last_before`]).
    last_comma: Vec<usize>,
    /// Per token `k`: 1 + the last ",", ";", ":", "according" or "citing" before it, 0 if none.
    last_mark: Vec<usize>,
    /// Per token `k`: 1 + the last ";" before it, 0 if none.
    last_semicolon: Vec<usize>,
    /// Per token `k`: how many tokens before it are a participle right after a comma (", targeting").
    comma_participles: Vec<u32>,
    /// Per sentence: is it a headline in title case (computed on demand).
    title: Vec<Cell<Option<bool>>>,
    /// Per token: which kinds of mention cover it ([`IN_ACTOR`], [`IN_PLACE`], [`IN_TIME`] bits),
    /// does its text start with a capital letter ([`CAPITAL`]), is it a word ([`WORD`]), can it
    /// be part of a proper name ([`NAME_WORD`], see `names::is_name_word`).
    flags: Vec<u8>,
    /// Place mentions by where they lie, for lookups without a scan of every place.
    places: PlaceIndex,
    /// The modality cues of the last sentence asked about (`modality`).
    modality_hits: std::cell::RefCell<Option<(usize, std::rc::Rc<[Hit]>)>>,
    /// Per place: is it the container of, or a reference point for, another place (computed on demand).
    container: Vec<Cell<Option<bool>>>,
    /// Per place: what scoring it as an event's location needs that no event changes (computed
    /// on demand, see `location::PlaceFacts`).
    facts: Vec<Cell<Option<location::PlaceFacts>>>,
    /// Names the gazetteer does not know that stand where a place does ("in the village of X"):
    /// place `m.places.len() + j` is `extra[j]` (unresolved; see `names.rs`).
    extra: Vec<PlaceIn>,
}

const IN_ACTOR: u8 = 1;
const IN_PLACE: u8 = 2;
const IN_TIME: u8 = 4;
const CAPITAL: u8 = 8;
const NAME_WORD: u8 = 16;
const WORD: u8 = 32;

/// Place mentions indexed by sentence, first token and end token. Every list keeps mention order.
#[derive(Default)]
struct PlaceIndex {
    /// Per sentence: the places lying wholly inside it.
    by_sentence: Vec<Vec<usize>>,
    /// Place indices sorted by (start token, index) and by (end token, index).
    by_start: Vec<usize>,
    by_end: Vec<usize>,
    /// Per place: does an actor mention overlap it, and does one differ from its span.
    actor_overlap: Vec<bool>,
    actor_other_span: Vec<bool>,
}

impl PlaceIndex {
    fn new(doc: &Doc, m: &Mentions, place_toks: &[(usize, usize)], extra: &[PlaceIn]) -> Self {
        let mut by_sentence = vec![Vec::new(); doc.sentences.len()];
        for (i, &(ps, pe)) in place_toks.iter().enumerate() {
            // Sentences are in text order: those that can hold [ps, pe) are the ones around ps.
            let mut s = doc.sentences.partition_point(|x| x.tokens.end < ps);
            while let Some(sent) = doc.sentences.get(s) {
                if sent.tokens.start > ps {
                    break;
                }
                if ps >= sent.tokens.start && pe <= sent.tokens.end {
                    by_sentence[s].push(i);
                }
                s += 1;
            }
        }
        let mut by_start: Vec<usize> = (0..place_toks.len()).collect();
        by_start.sort_by_key(|&i| (place_toks[i].0, i));
        let mut by_end: Vec<usize> = (0..place_toks.len()).collect();
        by_end.sort_by_key(|&i| (place_toks[i].1, i));
        // Actor spans by start, with the greatest end so far: the actors overlapping a place are
        // found walking back from the last one starting before the place ends (no scan of every
        // actor per place).
        let mut actors: Vec<Span> = m.actors.iter().map(|a| a.span).collect();
        actors.sort_unstable_by_key(|a| (a.start, a.end));
        let mut max_end = Vec::with_capacity(actors.len());
        for a in &actors {
            max_end.push(max_end.last().copied().unwrap_or(0).max(a.end));
        }
        let n = m.places.len() + extra.len();
        let (mut actor_overlap, mut actor_other_span) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for p in m.places.iter().chain(extra) {
            let (mut any, mut other) = (false, false);
            let mut j = actors.partition_point(|a| a.start < p.span.end);
            while j > 0 && max_end[j - 1] > p.span.start && !(any && other) {
                j -= 1;
                if actors[j].overlaps(p.span) {
                    any = true;
                    other |= actors[j] != p.span;
                }
            }
            actor_overlap.push(any);
            actor_other_span.push(other);
        }
        PlaceIndex { by_sentence, by_start, by_end, actor_overlap, actor_other_span }
    }
}

impl Cx<'_> {
    /// The places (in mention order) whose first token is `k`.
    fn places_starting_at(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        let a = self.places.by_start.partition_point(|&i| self.place_toks[i].0 < k);
        let b = self.places.by_start.partition_point(|&i| self.place_toks[i].0 <= k);
        self.places.by_start[a..b].iter().copied()
    }

    /// The places (in mention order) that end right before token `k`.
    fn places_ending_at(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        let a = self.places.by_end.partition_point(|&i| self.place_toks[i].1 < k);
        let b = self.places.by_end.partition_point(|&i| self.place_toks[i].1 <= k);
        self.places.by_end[a..b].iter().copied()
    }

    /// The hits starting in tokens `[start, end)` (hits are sorted by start).
    fn hits_from(&self, start: usize, end: usize) -> &[Hit] {
        let a = self.hits.partition_point(|h| h.start < start);
        let b = self.hits.partition_point(|h| h.start < end);
        &self.hits[a..b.max(a)]
    }

    /// The last token before `k` and at or after `floor` that `last` records (`last_comma`, `last_mark`).
    fn last_before(last: &[usize], k: usize, floor: usize) -> Option<usize> {
        match last.get(k).copied().unwrap_or(0) {
            0 => None,
            j => (j > floor).then_some(j - 1),
        }
    }

    /// Token `k` is a word of one of the lists in `classes` (bits of [`class`]).
    fn is(&self, k: usize, classes: u64) -> bool {
        self.class.get(k).is_some_and(|c| c & classes != 0)
    }

    /// Token `k` lies in a mention of one of the kinds in `mask`.
    fn covered(&self, k: usize, mask: u8) -> bool {
        self.flags.get(k).is_some_and(|c| c & mask != 0)
    }

    /// Token `k`'s text starts with a capital letter.
    fn capital(&self, k: usize) -> bool {
        self.flags.get(k).is_some_and(|c| c & CAPITAL != 0)
    }

    /// Token `k` is a capitalized word in no actor, place or time mention (a speaker's name, see
    /// `speaker_names`).
    fn name_cap(&self, k: usize) -> bool {
        self.flags.get(k).is_some_and(|&c| c & (WORD | CAPITAL | IN_ACTOR | IN_PLACE | IN_TIME) == WORD | CAPITAL)
    }
}

#[derive(Clone, Debug)]
struct Roles {
    actor1: Option<usize>,
    actor2: Option<usize>,
    actor1_ref: Option<ActorRef>,
    /// A second subject joined by "and" ("federal forces and the PMU entered X").
    actor1_also: Option<usize>,
    winner: Option<ActorRef>,
    /// The side a capture is told by when no winner is named ("military officials say forces
    /// have wrested control of X"): it types the event, and makes no control fact.
    side: Option<ActorRef>,
}

impl<'a> Cx<'a> {
    fn new(ex: &'a EventExtractor, report: &'a Report, doc: &'a Doc<'a>, m: &'a Mentions) -> Self {
        // Each mention's tokens: `[s, e)` with `s` the first token starting at or after its start,
        // `e` the first starting at or after its end (at least `s + 1`, at most the token count).
        // Mentions come sorted by start: the first token is found walking on from the last
        // mention's (a binary search when a list is out of order).
        let tok_ranges = |spans: &mut dyn Iterator<Item = Span>| -> Vec<(usize, usize)> {
            let (tokens, n) = (&doc.tokens, doc.tokens.len());
            let mut out = Vec::with_capacity(spans.size_hint().0);
            let (mut s, mut last) = (0, 0);
            for sp in spans {
                if sp.start < last {
                    s = doc.token_at_or_after(sp.start);
                } else {
                    while s < n && tokens[s].span.start < sp.start {
                        s += 1;
                    }
                }
                last = sp.start;
                let mut e = s;
                while e < n && tokens[e].span.start < sp.end {
                    e += 1;
                }
                out.push((s, e.max(s + 1).min(n)));
            }
            out
        };
        // One pass over the tokens for their lower-case form, flags, list bits and cue word
        // number, and the per-token tables that read only the tokens up to them. The list bits
        // and the cue word number take one lookup when the lower-case form is also the form the
        // cue lexicons normalize a token to (ASCII with no '`' or space).
        let n = doc.tokens.len();
        let mut lower: Vec<Cow<str>> = Vec::with_capacity(n);
        let mut flags: Vec<u8> = Vec::with_capacity(n);
        let mut class: Vec<u64> = Vec::with_capacity(n);
        let mut word_ids: Vec<u32> = Vec::with_capacity(n);
        let mut last_comma: Vec<usize> = Vec::with_capacity(n + 1);
        let mut last_mark: Vec<usize> = Vec::with_capacity(n + 1);
        let mut last_semicolon: Vec<usize> = Vec::with_capacity(n + 1);
        let mut comma_participles: Vec<u32> = Vec::with_capacity(n + 1);
        let (mut comma, mut mark, mut semicolon, mut participles) = (0, 0, 0, 0);
        let mut after_comma = false;
        let mut buf = String::new();
        let (text, lower_text) = (doc.text.as_bytes(), doc.lower.as_bytes());
        for (k, t) in doc.tokens.iter().enumerate() {
            last_comma.push(comma);
            last_mark.push(mark);
            last_semicolon.push(semicolon);
            comma_participles.push(participles);
            let (a, e) = (t.span.start, t.span.end);
            let len = e.saturating_sub(a);
            // A token of at most 8 bytes as one number, read from the lower-cased text when it
            // goes on far enough (lower-casing changes no byte `byte_bits` looks at).
            let window = match lower_text.get(a..a + 8) {
                Some(win) if len <= 8 => Some(u64::from_le_bytes(win.try_into().unwrap_or_default()) & low_bytes(len)),
                _ => None,
            };
            let bits = match window {
                Some(x) => word_bits(x),
                None => text.get(a..e).unwrap_or_default().iter().fold(0, |acc, &c| acc | BYTE_BITS[usize::from(c)]),
            };
            // (an ASCII token's lower case is the document's, shared: no allocation)
            let (w, plain) = if bits & NON_ASCII == 0 {
                (Cow::Borrowed(doc.lower_of(t.span)), bits == 0)
            } else {
                (lower_token(doc.text.get(a..e).unwrap_or_default()), false)
            };
            let first = text.get(a).copied();
            let capital = match first {
                Some(c) if c.is_ascii() => c.is_ascii_uppercase(),
                _ => doc.text.get(a..e).and_then(|t| t.chars().next()).is_some_and(char::is_uppercase),
            };
            let mut f = 0;
            if capital {
                f |= CAPITAL;
            }
            if t.kind == TokenKind::Word {
                f |= WORD;
                // (only "xx-" and "xxx-" words are tested further: see `is_name_word`)
                let maybe = match first {
                    Some(c) if c.is_ascii() && !c.is_ascii_uppercase() => match window {
                        Some(x) => (x >> 16) as u8 == b'-' || (x >> 24) as u8 == b'-',
                        None => true,
                    },
                    _ => true,
                };
                if maybe && names::is_name_word(text.get(a..e).unwrap_or_default(), capital) {
                    f |= NAME_WORD;
                }
            }
            flags.push(f);
            if plain {
                let (id, c) = match window {
                    Some(x) if len <= 7 => ex.lexicon.short_word_info(x, len),
                    _ => ex.lexicon.word_info_at(lower_text, a, e),
                };
                word_ids.push(id);
                class.push(c);
            } else {
                buf.clear();
                crate::lexicon::push_norm(&mut buf, doc.text.get(a..e).unwrap_or_default());
                word_ids.push(ex.lexicon.word_id(&buf));
                class.push(class_of(&w));
            }
            // Punctuation is ASCII: its lower case is its text.
            let punct = if len == 1 { first } else { None };
            match punct {
                Some(b',') => {
                    comma = k + 1;
                    mark = k + 1;
                }
                Some(b';') => {
                    semicolon = k + 1;
                    mark = k + 1;
                }
                Some(b':') => mark = k + 1,
                _ if matches!(&*w, "according" | "citing") => mark = k + 1,
                _ => {}
            }
            let participle = after_comma
                && w.len() > 5
                && w.ends_with("ing")
                && !matches!(&*w, "including" | "according" | "following" | "during");
            participles += u32::from(participle);
            after_comma = punct == Some(b',');
            lower.push(w);
        }
        last_comma.push(comma);
        last_mark.push(mark);
        last_semicolon.push(semicolon);
        comma_participles.push(participles);
        let mut clause = vec![0; n];
        let mut c = 0;
        for sent in &doc.sentences {
            c += 1;
            let r = sent.tokens.clone();
            if let (Some(cl), Some(num)) = (class.get(r.clone()), clause.get_mut(r)) {
                for (j, (&cl, num)) in cl.iter().zip(num).enumerate() {
                    if j > 0 && cl & (class::CLAUSE_WORDS | class::CLAUSE_PUNCT) != 0 {
                        c += 1;
                    }
                    *num = c;
                }
            }
        }
        let mut clause_bounds = vec![(usize::MAX, 0); c + 1];
        for (i, &c) in clause.iter().enumerate() {
            let b = &mut clause_bounds[c];
            b.0 = b.0.min(i);
            b.1 = i + 1;
        }
        let actor_toks = tok_ranges(&mut m.actors.iter().map(|a| a.span));
        let place_toks = tok_ranges(&mut m.places.iter().map(|p| p.span));
        let time_toks = tok_ranges(&mut m.times.iter().map(|t| t.span));
        for (list, bit) in [(&actor_toks, IN_ACTOR), (&place_toks, IN_PLACE), (&time_toks, IN_TIME)] {
            for &(a, b) in list {
                for c in flags.get_mut(a..b).into_iter().flatten() {
                    *c |= bit;
                }
            }
        }
        let mut cx = Cx {
            ex,
            report,
            doc,
            m,
            hits: ex.lexicon.hits(&word_ids),
            places: PlaceIndex::default(),
            container: vec![Cell::new(None); m.places.len()],
            facts: vec![Cell::new(None); m.places.len()],
            modality_hits: Default::default(),
            extra: Vec::new(),
            actor_toks,
            place_toks,
            time_toks,
            lower,
            clause,
            clause_bounds,
            class,
            last_comma,
            last_mark,
            last_semicolon,
            comma_participles,
            title: vec![Cell::new(None); doc.sentences.len()],
            flags,
        };
        // Names the gazetteer does not know join the places (after them, unresolved).
        let mut names = Vec::new();
        if ex.options.unknown_names {
            names::all_unknown_names(&cx, doc, &mut names);
        }
        if !names.is_empty() {
            for &(a, b) in &names {
                let region = cx.is(b - 1, class::REGION_HEADS) || cx.is(b, class::REGION_HEADS);
                cx.extra.push(PlaceIn {
                    span: cx.span_of(a, b),
                    role: PlaceRole::Literal,
                    place: None,
                    level: if region { PlaceLevel::Region } else { PlaceLevel::Point },
                    admin1: None,
                });
                cx.place_toks.push((a, b));
                cx.container.push(Cell::new(None));
                cx.facts.push(Cell::new(None));
            }
        }
        cx.places = PlaceIndex::new(doc, m, &cx.place_toks, &cx.extra);
        cx
    }

    /// Place mention `i`: one of `Mentions::places`, or an unknown name after them.
    fn pl(&self, i: usize) -> &PlaceIn {
        match self.m.places.get(i) {
            Some(p) => p,
            None => &self.extra[i - self.m.places.len()],
        }
    }

    /// The event cue the trigger word at token `ts` evokes, if any: it tells how the places read
    /// ("captured ... from X").
    fn cue_at(&self, ts: usize) -> Option<&EventCue> {
        self.hits
            .iter()
            .filter(|h| h.start <= ts && ts < h.end)
            .filter_map(|h| match &self.ex.lexicon.entries[h.entry].kind {
                CueKind::Event(c) if !c.flags.ignore && !c.is_marker() && c.flags.ctx.is_none() => Some((h, c)),
                _ => None,
            })
            .max_by_key(|(h, _)| h.end - h.start)
            .map(|(_, c)| c)
    }

    /// Place `i` is an unknown name (not one of `Mentions::places`).
    fn unknown(&self, i: usize) -> bool {
        i >= self.m.places.len()
    }

    fn w(&self, i: usize) -> &str {
        self.lower.get(i).map(|w| &**w).unwrap_or("")
    }

    fn sent_range(&self, s: usize) -> std::ops::Range<usize> {
        self.doc.sentences[s].tokens.clone()
    }

    fn span_of(&self, ts: usize, te: usize) -> Span {
        Span::new(self.doc.tokens[ts].span.start, self.doc.tokens[te - 1].span.end)
    }

    /// Hits of one kind in a sentence, overlaps resolved: the longest wins, then the earliest.
    fn sentence_hits(&self, s: usize, pick: impl Fn(&CueKind) -> bool) -> Vec<Hit> {
        let r = self.sent_range(s);
        let mut cand: Vec<Hit> = self
            .hits_from(r.start, r.end)
            .iter()
            .filter(|h| h.start >= r.start && h.end <= r.end && pick(&self.ex.lexicon.entries[h.entry].kind))
            .copied()
            .collect();
        cand.sort_by_key(|h| (std::cmp::Reverse(h.end - h.start), h.start, h.entry));
        let mut kept: Vec<Hit> = Vec::new();
        for h in cand {
            if kept.iter().all(|k| h.end <= k.start || k.end <= h.start) {
                kept.push(h);
            }
        }
        kept.sort_by_key(|h| h.start);
        kept
    }

    fn sentence(&self, s: usize, out: &mut Output) {
        let r = self.sent_range(s);
        let entries = &self.ex.lexicon.entries;
        // Most sentences have no event or control cue (only modality cues, or none): nothing below
        // would come of them.
        if !self
            .hits_from(r.start, r.end)
            .iter()
            .any(|h| h.end <= r.end && !matches!(entries[h.entry].kind, CueKind::Modality(_)))
        {
            return;
        }
        // Contexts marked anywhere in the sentence (before overlaps are resolved).
        let marks: Vec<&str> = self
            .hits_from(r.start, r.end)
            .iter()
            .filter(|h| h.start >= r.start && h.end <= r.end)
            .filter_map(|h| match &entries[h.entry].kind {
                CueKind::Event(c) => c.flags.is.as_deref(),
                _ => None,
            })
            .collect();
        let event_hits = self.sentence_hits(s, |k| match k {
            CueKind::Event(c) => {
                (!c.is_marker() || c.flags.ignore) && c.flags.ctx.as_deref().is_none_or(|n| marks.contains(&n))
            }
            _ => false,
        });
        let mut found: Vec<dedup::Found> = Vec::new();
        for h in &event_hits {
            let CueKind::Event(cue) = &entries[h.entry].kind else { continue };
            // "the Rapid Support Forces", "Popular Mobilization Forces": a capitalized word inside
            // an actor's longer proper name (not "Protesters gathered", not "Suicide bombers").
            let in_name = h.start > r.start
                && self.capital(h.start)
                && self.actor_toks.iter().any(|&(a, e)| a <= h.start && h.end <= e && e - a > h.end - h.start);
            if cue.flags.ignore || in_name || self.earlier_event_named(r.start, h.start, cue.flags.noun) {
                continue;
            }
            if let Some((ev, ctl)) = self.event(s, *h, cue) {
                let listed = self.at_listed_places(s, h.end, &ev, ctl.as_ref());
                found.push((cue, ev, ctl));
                found.extend(listed.into_iter().map(|(e, c)| (cue, e, c)));
            }
        }
        // A nominal cue next to a verbal one of the same kind is the same event ("jets bombed").
        let same_kind = |a: &EventRecord, b: &EventRecord| match (&a.acled, &b.acled) {
            (Some(x), Some(y)) => x.sub_event_type == y.sub_event_type,
            (None, None) => a.plover.as_ref().map(|p| &p.event) == b.plover.as_ref().map(|p| &p.event),
            _ => false,
        };
        let near = |a: &EventRecord, b: &EventRecord| {
            let (x, y) = (a.trigger.span, b.trigger.span);
            let gap = if x.end <= y.start {
                &self.doc.text[x.end..y.start]
            } else if y.end <= x.start {
                &self.doc.text[y.end..x.start]
            } else {
                ""
            };
            gap.split_whitespace().count() <= 3 && !gap.contains(',')
        };
        let drop: Vec<usize> = (0..found.len())
            .filter(|&i| {
                found[i].0.flags.noun
                    && (0..found.len()).any(|j| {
                        j != i
                            && !found[j].0.flags.noun
                            && same_kind(&found[i].1, &found[j].1)
                            && near(&found[i].1, &found[j].1)
                    })
            })
            .collect();
        // "killed in an air strike", "wounded by a roadside bomb": the generic verb of violence
        // is told by the more specific nominal event that follows it.
        let generic = |e: &EventRecord| {
            e.acled.as_ref().is_some_and(|a| matches!(a.sub_event_type.as_str(), "Attack" | "Armed clash"))
        };
        let explains = |verb: &EventRecord, noun: &EventRecord| {
            let (v, n) = (verb.trigger.span, noun.trigger.span);
            if n.start < v.end {
                return false;
            }
            let gap = &self.doc.text[v.end..n.start];
            let words: Vec<String> = gap.split_whitespace().map(str::to_lowercase).collect();
            words.len() <= 5
                && !gap.contains([',', ';'])
                && words.first().is_some_and(|w| matches!(w.as_str(), "by" | "in" | "during" | "with"))
        };
        let drop: Vec<usize> = (0..found.len())
            .filter(|&i| {
                drop.contains(&i)
                    || (!found[i].0.flags.noun
                        && generic(&found[i].1)
                        && (0..found.len()).any(|j| {
                            j != i
                                && found[j].0.flags.noun
                                && found[j].1.acled.is_some()
                                && !same_kind(&found[i].1, &found[j].1)
                                && explains(&found[i].1, &found[j].1)
                        }))
            })
            .collect();
        let drop: Vec<usize> =
            (0..found.len()).filter(|&i| drop.contains(&i) || self.told_by_other(&mut found, i, &generic)).collect();
        let mut found: Vec<_> =
            found.into_iter().enumerate().filter(|(i, _)| !drop.contains(i)).map(|(_, f)| f).collect();
        dedup::same_event_once(&mut found);
        // A context reading that fired replaces the plain readings it depends on.
        let replaced: Vec<String> = found.iter().filter_map(|(c, _, _)| c.flags.ctx.clone()).collect();
        for (cue, ev, ctl) in found {
            if cue.flags.is.as_ref().is_some_and(|n| replaced.contains(n)) && cue.flags.ctx.is_none() {
                continue;
            }
            out.events.push(ev);
            out.controls.extend(ctl);
        }
        for h in self.sentence_hits(s, |k| matches!(k, CueKind::Control(_))) {
            let CueKind::Control(cue) = &self.ex.lexicon.entries[h.entry].kind else { continue };
            out.controls.extend(self.control(s, h, *cue));
        }
    }

    // ----- events ------------------------------------------------------------------------------

    fn event(&self, s: usize, h: Hit, cue: &EventCue) -> Option<(EventRecord, Option<ControlRecord>)> {
        let (ts, te) = (h.start, h.end);
        // "captured the title", "demonstrated that": a reading that is no conflict event.
        if self.other_sense(s, ts, te) || self.in_document_name(s, ts, te) {
            return None;
        }
        let roles = self.roles(s, ts, te, cue);
        if cue.flags.needs_actor && roles.actor1.is_none() {
            return None;
        }
        // Statements (PLOVER-only cues) have no place of their own to inherit.
        let inherit = cue.acled != AcledSpec::None;
        let loc = self.location(s, ts, te, Some(cue), inherit);
        if cue.flags.needs_place {
            let local = loc.as_ref().is_some_and(|l| {
                !l.inherited
                    && l.mention.is_some_and(|i| {
                        let (ps, pe) = self.place_toks[i];
                        let cs = self.clause_start(s, ts);
                        let ce = self.clause_end(s, te - 1);
                        // The object after the verb; before it only as the subject of a passive,
                        // of "X fell to", or right before a participle ("with X cleared").
                        let before_ok = self.is_passive(ts, cue) || cue.flags.place_subject || pe == ts;
                        ps >= cs && pe <= ce && (ps >= te || before_ok)
                    })
            });
            if !local && !self.area_object(s, ts, te) {
                return None;
            }
        }
        let (modality, attributed_to) = self.modality(s, ts, te, cue.flags.noun, roles.actor1_ref.as_ref());
        let mut acled = match &cue.acled {
            AcledSpec::None => None,
            AcledSpec::Fixed(a) => Some(a.clone()),
            AcledSpec::Territory => territory_type(cue, roles.winner.as_ref().or(roles.side.as_ref())).or_else(|| {
                // Winner unknown: the loser tells ("retaken from the militants": state forces won).
                let ce = self.clause_end(s, te - 1);
                // Or the owner named in the object: "captured two NPA camps", "seized ISIS positions".
                let owner = || {
                    self.actor_right(te, ce, None, 4).filter(|&i| {
                        let ae = self.actor_toks[i].1;
                        (ae..(ae + 3).min(ce)).any(|k| self.is(k, class::AREA_NOUNS))
                    })
                };
                let loser =
                    self.actor_right(te, ce, Some(&["from"]), 10).or_else(owner).map(|i| &self.m.actors[i].actor)?;
                match is_state(loser)? {
                    true => crate::lexicon::acled("Non-state actor overtakes territory"),
                    false => crate::lexicon::acled("Government regains territory"),
                }
            }),
        };
        if cue.flags.clash_if_armed && self.armed_target(s, te, roles.actor2) {
            acled = crate::lexicon::acled("Armed clash");
        }
        if acled.is_none() && cue.plover.is_none() {
            return None;
        }
        let date = self.date(s, ts, te, modality, cue.flags.noun);
        let trig_span = self.span_of(ts, te);
        let sent = &self.doc.sentences[s];
        let evidence = Evidence { sentence: s, span: sent.span, text: sent.span.of(self.doc.text).to_string() };
        let type_key = acled
            .as_ref()
            .map(|a| a.sub_event_type.clone())
            .or_else(|| cue.plover.as_ref().map(|p| p.event.clone()))
            .unwrap_or_default();
        let id = stable_id(&[&self.report.id, &trig_span.start.to_string(), &trig_span.end.to_string(), &type_key]);
        let place = loc.as_ref().map(|l| l.place.clone());
        let mut confidence: f32 = match modality {
            Modality::Asserted => 0.9,
            Modality::Claimed | Modality::Reported => 0.7,
            _ => 0.5,
        };
        if roles.actor1.is_none() {
            confidence -= 0.15;
        }
        if place.is_none() {
            confidence -= 0.1;
        }
        let report = ReportRef::of(self.report);
        // An unknown name borrows another place's coordinates: no control fact for that place.
        let known_place = !loc.as_ref().is_some_and(|l| l.mention.is_some_and(|i| self.unresolved(i)));
        // "overran a post near X", "took villages north of X": X itself did not change hands.
        let near_only = loc
            .as_ref()
            .is_some_and(|l| !l.inherited && l.mention.is_some_and(|i| self.near_place(i, self.sent_range(s).start)));
        // (a place only inherited from an earlier sentence is where the story is, not what changed
        // hands: "Ukrainian forces recaptured positions west of the town")
        let control_ok = cue.is_territory()
            && !near_only
            && !loc.as_ref().is_some_and(|l| l.inherited)
            && matches!(modality, Modality::Asserted | Modality::Claimed | Modality::Reported | Modality::Disputed);
        let control = match (&roles.winner, &place) {
            (Some(w), Some(pl)) if control_ok && known_place && (pl.precision < 3 || is_admin(pl)) => {
                Some(ControlRecord {
                    report: report.clone(),
                    place: pl.clone(),
                    controller: strip(w),
                    status: ControlStatus::Controlled,
                    modality,
                    date: date.clone(),
                    evidence: evidence.clone(),
                })
            }
            _ => None,
        };
        // "Government forces have encircled X": the besieger holds X under siege (a blockade cue,
        // PLOVER COERCE:blockade, with its actor and the place itself).
        // (not the adjective: "civilians fled the besieged city")
        let attributive =
            ts > self.sent_range(s).start && matches!(self.w(ts - 1), "the" | "a" | "an" | "its" | "their");
        let blockade = !attributive && cue.plover.as_ref().is_some_and(|p| p.mode.as_deref() == Some("blockade"));
        let control = control.or_else(|| match (&roles.actor1_ref, &place) {
            (Some(a), Some(pl))
                if blockade
                    && !near_only
                    && known_place
                    && pl.precision == 1
                    && matches!(modality, Modality::Asserted | Modality::Claimed | Modality::Reported) =>
            {
                Some(ControlRecord {
                    report: report.clone(),
                    place: pl.clone(),
                    controller: strip(a),
                    status: ControlStatus::Besieged,
                    modality,
                    date: date.clone(),
                    evidence: evidence.clone(),
                })
            }
            _ => None,
        });
        let ev = EventRecord {
            id,
            report,
            acled,
            plover: cue.plover.clone(),
            actor1: roles.actor1_ref.into_iter().chain(roles.actor1_also.map(|i| self.actor_ref(i))).collect(),
            actor2: roles.actor2.map(|i| self.actor_ref(i)).into_iter().collect(),
            place,
            date,
            modality,
            attributed_to,
            trigger: Trigger { text: trig_span.of(self.doc.text).to_string(), span: trig_span },
            evidence,
            confidence: confidence.clamp(0.05, 1.0),
        };
        Some((ev, control))
    }

    /// A headline in title case ("Army Takes Back The Old Market"): function words capitalized.
    /// The capitalized cue at `[ts, te)` is a word of a document's or a series' name: the run of
    /// capitalized words it stands in ends with a document noun ("Russian Offensive Campaign
    /// Assessment"), not "Rebels Withdraw From The Last Hill Of The Valley".
    fn in_document_name(&self, s: usize, ts: usize, te: usize) -> bool {
        let end = self.sent_range(s).end;
        if !(ts..te).all(|k| self.capital(k)) {
            return false;
        }
        let mut k = te;
        while k < end && self.capital(k) {
            k += 1;
        }
        k > te && self.is(k - 1, class::DOCUMENT_NOUNS)
    }

    fn title_case(&self, s: usize) -> bool {
        if let Some(known) = self.title[s].get() {
            return known;
        }
        let t = self.find_title_case(s);
        self.title[s].set(Some(t));
        t
    }

    fn find_title_case(&self, s: usize) -> bool {
        let (mut any, mut lower) = (false, false);
        for k in self.sent_range(s).skip(1) {
            if matches!(
                self.w(k),
                "of" | "the" | "its" | "from" | "to" | "in" | "on" | "and" | "for" | "with" | "at" | "by"
            ) {
                any = true;
                lower |= !self.capital(k);
            }
        }
        any && !lower
    }

    /// The object of the verb is an area ("took several villages") or a name the gazetteer does
    /// not know.
    fn area_object(&self, s: usize, ts: usize, te: usize) -> bool {
        let ce = self.clause_end(s, te.saturating_sub(1).max(ts));
        let until = ce.min(te + 10);
        let first_word =
            (te..until).find(|&k| !matches!(self.w(k), "the" | "a" | "an" | "of" | "town" | "city" | "village"));
        let proper = !self.title_case(s)
            && first_word.is_some_and(|k| {
                self.doc.tokens[k].kind == TokenKind::Word
                    && !matches!(
                        self.w(k),
                        "its" | "his" | "her" | "their" | "our" | "this" | "that" | "these" | "those" | "some" | "all"
                    )
                    && self.capital(k)
                    && !self.covered(k, IN_ACTOR | IN_TIME)
            });
        proper
            || (te..until).any(|k| self.is(k, class::AREA_NOUNS))
            || (te..until).any(|k| {
                self.places_starting_at(k)
                    .any(|i| self.pl(i).role == PlaceRole::Literal && !self.places.actor_overlap[i])
            })
    }

    /// The target is armed: an armed actor, or a post, patrol or convoy.
    fn armed_target(&self, s: usize, te: usize, actor2: Option<usize>) -> bool {
        if let Some(a) = actor2 {
            let sector = self.m.actors[a].actor.sector.as_deref().unwrap_or("");
            if matches!(sector, "MIL" | "REB" | "COP" | "UAF" | "SPY" | "INS") {
                return true;
            }
        }
        let ce = self.clause_end(s, te.saturating_sub(1));
        (te..ce.min(te + 5)).any(|k| self.is(k, class::ARMED_TARGETS))
    }
}

/// The territory sub-type from the winner's sector.
fn territory_type(cue: &EventCue, winner: Option<&ActorRef>) -> Option<AcledType> {
    use crate::lexicon::acled;
    if cue.flags.negotiated {
        return acled("Non-violent transfer of territory");
    }
    match winner.map(is_state) {
        Some(Some(true)) => acled("Government regains territory"),
        Some(Some(false)) => acled("Non-state actor overtakes territory"),
        _ if cue.flags.default_gov => acled("Government regains territory"),
        _ if cue.flags.default_nsa => acled("Non-state actor overtakes territory"),
        _ => None,
    }
}

/// State forces (government, military, police, intelligence) or not; None if unknown.
pub fn is_state(a: &ActorRef) -> Option<bool> {
    let sector = a.sector.as_deref()?;
    Some(matches!(sector, "GOV" | "MIL" | "COP" | "SPY" | "JUD" | "LEG"))
}

/// The low `len` bytes of a number (all for 8 or more).
#[inline]
fn low_bytes(len: usize) -> u64 {
    if len >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * len)) - 1
    }
}

/// The [`BYTE_BITS`] of a token of at most 8 bytes read as one number (the bytes past it 0): a
/// byte with its top bit set is non-ASCII, and a byte equal to '`' or ' ' is found by the
/// zero-byte test on the number xor that byte repeated (the 0 bytes past the token differ from
/// both).
#[inline]
fn word_bits(x: u64) -> u8 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let has = |c: u8| {
        let y = x ^ (LO * u64::from(c));
        y.wrapping_sub(LO) & !y & HI != 0
    };
    let mut bits = 0;
    if x & HI != 0 {
        bits |= NON_ASCII;
    }
    if has(b'`') || has(b' ') {
        bits |= NOT_PLAIN;
    }
    bits
}

/// [`BYTE_BITS`]: a byte of a non-ASCII character, a '`' or a space (a token with either is
/// normalized for the cue lexicons otherwise than lower-cased).
const NON_ASCII: u8 = 1;
const NOT_PLAIN: u8 = 2;
const BYTE_BITS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0x80;
    while i < 256 {
        t[i] = NON_ASCII;
        i += 1;
    }
    t[b'`' as usize] = NOT_PLAIN;
    t[b' ' as usize] = NOT_PLAIN;
    t
};

/// A token's lower-case form with curly single quotes made straight; borrowed when it already is.
fn lower_token(t: &str) -> Cow<'_, str> {
    if t.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(t)
    } else if t.is_ascii() {
        Cow::Owned(t.to_ascii_lowercase())
    } else {
        Cow::Owned(t.to_lowercase().replace(['’', '‘'], "'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_bits_read_as_a_number_are_the_bytes_one_by_one() {
        let one_by_one = |b: &[u8]| b.iter().fold(0, |acc, &c| acc | BYTE_BITS[usize::from(c)]);
        let words = ["", "a", "the", "Qa`im", "Qa'im", "x y", "déjà", "`", " ", "abcdefg`", "abcdefgh", "é`"];
        for w in words {
            let b = w.as_bytes();
            if b.len() <= 8 {
                let mut win = [0u8; 8];
                win[..b.len()].copy_from_slice(b);
                let x = u64::from_le_bytes(win);
                assert_eq!(x & low_bytes(b.len()), x);
                assert_eq!(word_bits(x), one_by_one(b), "{w:?}");
            }
        }
        assert_eq!(low_bytes(0), 0);
        assert_eq!(low_bytes(3), 0xff_ffff);
        assert_eq!(low_bytes(9), u64::MAX);
    }
}
