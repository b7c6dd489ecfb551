//! From cues and mentions to events and control observations: roles, modality, location, date.
//!
//! No parser: clause-level patterns over tokens and mention spans. Every decision below is a
//! general rule of English news prose; the lexicons say which words evoke what.

use crate::lexicon::{
    AcledSpec, ControlCue, ControlShape, CueKind, EventCue, Hit, Lexicon, LexiconError, ModalityKind, Scope,
};
use crate::mentions::{Mentions, PlaceIn, PlaceLevel, PlaceRole, Tense};
use chrono::Duration;
use sitrep_model::record::{
    stable_id, AcledType, ActorRef, ControlRecord, ControlStatus, DatePrecision, DateRef, EventRecord, Evidence,
    Modality, PlaceRef, ReportRef, Trigger,
};
use sitrep_model::text::{Doc, TokenKind};
use sitrep_model::{Report, Span};

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
}

impl Default for Options {
    fn default() -> Self {
        Options { inherit_places: true, min_location_score: MIN_LOCATION_SCORE }
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
    /// Index into `Mentions::places` (None for a place found through an anaphor's antecedent only).
    pub mention: Option<usize>,
    pub place: PlaceRef,
    pub inherited: bool,
    /// How strongly the sentence ties the place to the event (higher is stronger).
    pub score: i64,
}

const BE: &[&str] = &["was", "were", "been", "being", "is", "are", "be", "got", "get", "gets", "am"];
const ADVERBS: &[&str] = &[
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
const CLAUSE_WORDS: &[&str] = &[
    "but", "while", "whereas", "although", "though", "because", "which", "who", "whom", "after", "before", "until",
    "when", "where", "whose", "instead",
];
const CLAUSE_PUNCT: &[&str] = &[";", ":", "—", "–", "\"", "“", "”"];
/// Prepositions that make the following actor an object, not a subject.
const OBJECT_PREPS: &[&str] = &["against", "from", "with", "to", "towards", "toward", "by", "on", "at", "into", "over"];
/// Prepositions of a path: the place is where someone goes or comes from, not where the event is.
const PATH_PREPS: &[&str] = &["towards", "toward", "across", "via", "through", "from", "beyond", "to", "into"];
const NEAR_WORDS: &[&str] = &[
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
const FILLERS: &[&str] = &[
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
const SUBJECT_LEAD: &[&str] = &[
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
const AREA_NOUNS: &[&str] = &[
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
const ARMED_TARGETS: &[&str] = &[
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
const CITY_NOUNS: &[&str] = &["city", "town", "village", "crossing", "border", "base", "airport", "district"];
const PROVINCE_NOUNS: &[&str] = &["governorate", "governate", "province", "region"];

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
    /// (for evaluation against sentence-level gold).
    pub fn locate(&self, report: &Report, doc: &Doc, mentions: &Mentions, trigger: Span) -> Option<Location> {
        let mut ex = self.clone();
        ex.options.inherit_places = false;
        ex.options.min_location_score = i64::MIN;
        let cx = Cx::new(&ex, report, doc, mentions);
        let ts = doc.token_at_or_after(trigger.start);
        let te = doc.token_at_or_after(trigger.end).max(ts + 1);
        let s = doc.sentence_at(trigger.start)?;
        cx.location(s, ts, te, None, false)
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
    /// Lower-cased token texts.
    lower: Vec<String>,
    /// Clause number of each token (counted through the document).
    clause: Vec<usize>,
}

#[derive(Clone, Debug)]
struct Roles {
    actor1: Option<usize>,
    actor2: Option<usize>,
    actor1_ref: Option<ActorRef>,
    winner: Option<ActorRef>,
}

impl<'a> Cx<'a> {
    fn new(ex: &'a EventExtractor, report: &'a Report, doc: &'a Doc<'a>, m: &'a Mentions) -> Self {
        let toks = |sp: Span| {
            let s = doc.token_at_or_after(sp.start);
            let e = doc.token_at_or_after(sp.end).max(s + 1).min(doc.tokens.len());
            (s, e)
        };
        let lower: Vec<String> =
            (0..doc.tokens.len()).map(|i| doc.token_text(i).to_lowercase().replace(['’', '‘'], "'")).collect();
        let mut clause = vec![0; doc.tokens.len()];
        let mut c = 0;
        for sent in &doc.sentences {
            c += 1;
            for i in sent.tokens.clone() {
                let w = lower[i].as_str();
                if i > sent.tokens.start && (CLAUSE_WORDS.contains(&w) || CLAUSE_PUNCT.contains(&w)) {
                    c += 1;
                }
                clause[i] = c;
            }
        }
        Cx {
            ex,
            report,
            doc,
            m,
            hits: ex.lexicon.scan(doc),
            actor_toks: m.actors.iter().map(|a| toks(a.span)).collect(),
            place_toks: m.places.iter().map(|p| toks(p.span)).collect(),
            time_toks: m.times.iter().map(|t| toks(t.span)).collect(),
            lower,
            clause,
        }
    }

    fn w(&self, i: usize) -> &str {
        self.lower.get(i).map(String::as_str).unwrap_or("")
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
            .hits
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
        // Contexts marked anywhere in the sentence (before overlaps are resolved).
        let marks: Vec<&str> = self
            .hits
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
        let mut found: Vec<(&EventCue, EventRecord, Option<ControlRecord>)> = Vec::new();
        for h in &event_hits {
            let CueKind::Event(cue) = &entries[h.entry].kind else { continue };
            if cue.flags.ignore {
                continue;
            }
            if let Some((ev, ctl)) = self.event(s, *h, cue) {
                found.push((cue, ev, ctl));
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
        let found: Vec<_> = found.into_iter().enumerate().filter(|(i, _)| !drop.contains(i)).map(|(_, f)| f).collect();
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

    // ----- roles -------------------------------------------------------------------------------

    fn actor_ref(&self, i: usize) -> ActorRef {
        let a = &self.m.actors[i];
        let mut r = a.actor.clone();
        r.span = Some(a.span);
        r.text = Some(a.span.of(self.doc.text).to_string());
        r
    }

    /// The nearest actor mention ending at or before token `before`, in the range `[from, before)`,
    /// skipping objects of prepositions.
    fn actor_left(&self, from: usize, before: usize) -> Option<usize> {
        (0..self.m.actors.len())
            .filter(|&i| {
                let (s, e) = self.actor_toks[i];
                s >= from && e <= before && !(s > 0 && OBJECT_PREPS.contains(&self.w(s - 1)))
            })
            .max_by_key(|&i| self.actor_toks[i].1)
    }

    /// The first actor mention starting in `[after, until)`, optionally only right after one of `preps`.
    fn actor_right(&self, after: usize, until: usize, preps: Option<&[&str]>, max_gap: usize) -> Option<usize> {
        (0..self.m.actors.len())
            .filter(|&i| {
                let (s, _) = self.actor_toks[i];
                if s < after || s >= until || s - after > max_gap {
                    return false;
                }
                match preps {
                    None => true,
                    Some(p) => {
                        // The preposition stands just before the mention, skipping determiners.
                        let mut k = s;
                        while k > after && matches!(self.w(k - 1), "the" | "a" | "an" | "its" | "their" | "those") {
                            k -= 1;
                        }
                        k > 0 && p.contains(&self.w(k - 1))
                    }
                }
            })
            .min_by_key(|&i| self.actor_toks[i].0)
    }

    fn clause_start(&self, s: usize, tok: usize) -> usize {
        let r = self.sent_range(s);
        let mut k = tok.min(r.end.saturating_sub(1));
        while k > r.start && self.clause[k - 1] == self.clause[tok.min(r.end - 1)] {
            k -= 1;
        }
        k
    }

    fn clause_end(&self, s: usize, tok: usize) -> usize {
        let r = self.sent_range(s);
        let c = self.clause[tok.min(r.end - 1)];
        let mut k = tok;
        while k < r.end && self.clause[k] == c {
            k += 1;
        }
        k
    }

    fn is_passive(&self, ts: usize, cue: &EventCue) -> bool {
        if cue.flags.no_passive || cue.flags.noun || self.w(ts).ends_with("ing") {
            return false;
        }
        let mut k = ts;
        let r_start =
            self.doc.sentence_at(self.doc.tokens[ts].span.start).map(|s| self.sent_range(s).start).unwrap_or(0);
        while k > r_start && ADVERBS.contains(&self.w(k - 1)) {
            k -= 1;
        }
        k > r_start && BE.contains(&self.w(k - 1))
    }

    /// The actor a paragraph is about: the subject of the closest earlier sentence that has one.
    fn topic_actor(&self, s: usize) -> Option<usize> {
        let para = self.doc.sentences[s].paragraph;
        for p in (s.saturating_sub(3)..s).rev() {
            if self.doc.sentences[p].paragraph != para {
                break;
            }
            if let Some(a) = self.subject_of(p) {
                return Some(a);
            }
        }
        None
    }

    /// An actor mention opening the sentence (only function words and time words before it).
    fn subject_of(&self, s: usize) -> Option<usize> {
        let r = self.sent_range(s);
        let first =
            (0..self.m.actors.len()).find(|&i| self.actor_toks[i].0 >= r.start && self.actor_toks[i].0 < r.end)?;
        let start = self.actor_toks[first].0;
        let ok = (r.start..start)
            .all(|k| SUBJECT_LEAD.contains(&self.w(k)) || self.time_toks.iter().any(|&(a, b)| a <= k && k < b));
        ok.then_some(first)
    }

    fn roles(&self, s: usize, ts: usize, te: usize, cue: &EventCue) -> Roles {
        let r = self.sent_range(s);
        let cs = self.clause_start(s, ts);
        let ce = self.clause_end(s, te - 1);
        let left = self.actor_left(cs, ts).or_else(|| self.actor_left(r.start, ts));
        let mut roles = Roles { actor1: None, actor2: None, actor1_ref: None, winner: None };
        if self.is_passive(ts, cue) {
            let agent = self.actor_right(te, ce, Some(&["by"]), 4);
            roles.actor1 = agent;
            roles.actor2 = left;
            if agent.is_none() && cue.flags.topic_agent {
                roles.actor1 = self.topic_actor(s).filter(|&a| Some(a) != left);
            }
            if cue.flags.place_subject || cue.flags.loser_subject {
                roles.actor2 = None;
            }
        } else if cue.flags.place_subject {
            roles.actor1 = self.actor_right(te, ce, None, 3).or_else(|| self.actor_right(te - 1, ce, Some(&["to"]), 3));
        } else if cue.flags.loser_subject {
            let to = self.actor_right(te, ce, Some(&["to"]), 8);
            roles.actor2 = left;
            roles.actor1 = to.or(left);
            if to.is_none() {
                roles.actor2 = None;
            }
        } else if cue.flags.noun {
            roles.actor1 = self.actor_right(te, ce, Some(&["by"]), 4).or(left);
            roles.actor2 = self.actor_right(te, ce, Some(&["against", "on", "targeting", "with"]), 6);
        } else {
            roles.actor1 = left;
            roles.actor2 = self.actor_right(te, ce, Some(&["from", "against"]), 10).or_else(|| {
                let comma = (te..ce).find(|&k| self.w(k) == ",").unwrap_or(ce);
                self.actor_right(te, comma, None, 6).filter(|&i| !self.after_word(i, "by"))
            });
        }
        if roles.actor1.is_some() && roles.actor1 == roles.actor2 {
            roles.actor2 = None;
        }
        if let (Some(a), Some(b)) = (roles.actor1, roles.actor2) {
            if same_actor(&self.m.actors[a].actor, &self.m.actors[b].actor) {
                roles.actor2 = None;
            }
        }
        roles.actor1_ref = roles.actor1.map(|i| self.actor_ref(i));
        if cue.is_territory() {
            let winner_known = !cue.flags.loser_subject || roles.actor1 != left || left.is_none();
            if winner_known {
                roles.winner = roles.actor1_ref.clone();
            }
        }
        roles
    }

    fn after_word(&self, actor: usize, word: &str) -> bool {
        let s = self.actor_toks[actor].0;
        s > 0 && self.w(s - 1) == word
    }

    // ----- location ----------------------------------------------------------------------------

    /// A literal, resolved place that the actor stage does not read as an actor ("Damascus
    /// demands", "SAA").
    fn usable(&self, p: &PlaceIn) -> bool {
        p.role == PlaceRole::Literal && p.place.is_some() && !self.m.actors.iter().any(|a| a.span.overlaps(p.span))
    }

    /// Is place mention `i` the container of an earlier place ("X in Syria")?
    fn is_container(&self, i: usize) -> bool {
        let (s, _) = self.place_toks[i];
        if s < 2 || !matches!(self.w(s - 1), "in" | ",") {
            return false;
        }
        self.m.places[i].level != PlaceLevel::Point
            && self.place_toks.iter().take(i).any(|&(_, e)| e + 1 == s || e + 2 == s)
    }

    /// The word before a place, skipping determiners and "city of".
    fn word_before_place(&self, i: usize, floor: usize) -> (usize, &str) {
        let mut k = self.place_toks[i].0;
        while k > floor
            && matches!(
                self.w(k - 1),
                "the"
                    | "a"
                    | "an"
                    | "of"
                    | "city"
                    | "town"
                    | "village"
                    | "province"
                    | "governorate"
                    | "area"
                    | "region"
                    | "district"
            )
        {
            k -= 1;
        }
        if k > floor {
            (k - 1, self.w(k - 1))
        } else {
            (k, "")
        }
    }

    fn location(
        &self,
        s: usize,
        ts: usize,
        te: usize,
        cue: Option<&EventCue>,
        allow_inherit: bool,
    ) -> Option<Location> {
        let r = self.sent_range(s);
        let cs = self.clause_start(s, ts);
        let ce = self.clause_end(s, te.saturating_sub(1).max(ts));
        let mut best: Option<(i64, usize, u8, bool)> = None; // score, mention, precision, province-only
        for (i, p) in self.m.places.iter().enumerate() {
            let (ps, pe) = self.place_toks[i];
            if ps < r.start || pe > r.end || !self.usable(p) || p.level == PlaceLevel::Feature {
                continue;
            }
            if pe > ts && ps < te {
                continue; // inside the trigger
            }
            let after = ps >= te;
            let dist = if after { ps - te } else { ts.saturating_sub(pe) } as i64;
            let in_clause = ps >= cs && pe <= ce;
            let (bk, before) = self.word_before_place(i, r.start);
            let near = (bk.saturating_sub(2)..=bk).any(|k| NEAR_WORDS.contains(&self.w(k)));
            let path = PATH_PREPS.contains(&before) && !(before == "from" && cue.is_some_and(|c| c.is_territory()));
            let mut score: i64 = if after { 100 } else { 85 } - (2 * dist).min(60);
            if cue.is_some_and(|c| c.flags.place_subject) && !after {
                score += 40;
            }
            if matches!(before, "in" | "at" | "near" | "inside" | "outside" | "around" | "on") {
                score += 10;
            }
            if !in_clause {
                score -= 80;
            }
            if path {
                score -= 60;
            }
            if near {
                score -= 10;
            }
            if self.is_container(i) {
                score -= 80;
            }
            match p.level {
                PlaceLevel::Country => score -= 50,
                PlaceLevel::Region => score -= 15,
                _ => {}
            }
            let precision = match p.level {
                PlaceLevel::Country | PlaceLevel::Region => 3,
                _ if near => 2,
                _ => 1,
            };
            if best.is_none_or(|b| score > b.0) {
                best = Some((score, i, precision, path && p.level == PlaceLevel::Point));
            }
        }
        if let Some((score, i, precision, path_only)) = best.filter(|b| b.0 >= self.ex.options.min_location_score) {
            let p = &self.m.places[i];
            if path_only {
                // Only a destination or origin is named: trust its province, not the point.
                let mut a = p.admin1.clone()?;
                a.text = p.place.as_ref().and_then(|x| x.text.clone());
                a.span = Some(p.span);
                a.precision = 3;
                return Some(Location { mention: Some(i), place: a, inherited: false, score });
            }
            let mut pl = p.place.clone()?;
            pl.precision = precision.max(pl.precision);
            return Some(Location { mention: Some(i), place: pl, inherited: false, score });
        }
        // An anaphor in the clause ("the city", "the governorate"): its antecedent.
        if let Some(l) = self.anaphor_place(s, te, ce) {
            return Some(l);
        }
        if allow_inherit && self.ex.options.inherit_places {
            return self.inherited_place(s);
        }
        None
    }

    /// "the city" / "the governorate" after token `from` (before `until`): the last fitting place
    /// named earlier in the paragraph.
    fn anaphor_place(&self, s: usize, from: usize, until: usize) -> Option<Location> {
        let k = (from..until.min(from + 4)).find(|&k| {
            let n = if matches!(self.w(k + 1), "whole" | "entire") { k + 2 } else { k + 1 };
            self.w(k) == "the" && (CITY_NOUNS.contains(&self.w(n)) || PROVINCE_NOUNS.contains(&self.w(n)))
        })?;
        let k = if matches!(self.w(k + 1), "whole" | "entire") { k + 1 } else { k };
        let noun = self.w(k + 1);
        let para = self.doc.sentences[s].paragraph;
        let para_start = self.doc.paragraphs.get(para).map(|p| p.start).unwrap_or(0);
        let before = self.doc.tokens[k].span.start;
        let cand = self
            .m
            .places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.span.start >= para_start && p.span.end <= before && self.usable(p))
            .rfind(|(i, p)| p.level == PlaceLevel::Point && !self.is_container(*i) || PROVINCE_NOUNS.contains(&noun))?;
        let (i, p) = cand;
        if PROVINCE_NOUNS.contains(&noun) {
            let mut a = if p.level == PlaceLevel::Region { p.place.clone()? } else { p.admin1.clone()? };
            a.text = Some(self.span_of(k, k + 2).of(self.doc.text).to_string());
            a.span = Some(self.span_of(k, k + 2));
            a.precision = 3;
            return Some(Location { mention: Some(i), place: a, inherited: true, score: -100 });
        }
        if p.level != PlaceLevel::Point {
            return None;
        }
        let mut pl = p.place.clone()?;
        pl.precision = 2;
        Some(Location { mention: Some(i), place: pl, inherited: true, score: -100 })
    }

    /// The last specific place named in the same paragraph before sentence `s` (precision 2).
    fn inherited_place(&self, s: usize) -> Option<Location> {
        let para = self.doc.sentences[s].paragraph;
        let start = self.doc.sentences[s].span.start;
        let para_start = self.doc.paragraphs.get(para).map(|p| p.start).unwrap_or(0);
        let (i, p) = self.m.places.iter().enumerate().rfind(|(i, p)| {
            p.span.start >= para_start
                && p.span.end <= start
                && self.usable(p)
                && p.level == PlaceLevel::Point
                && !self.is_container(*i)
        })?;
        let mut pl = p.place.clone()?;
        pl.precision = 2;
        Some(Location { mention: Some(i), place: pl, inherited: true, score: -100 })
    }

    // ----- modality ----------------------------------------------------------------------------

    fn modality(
        &self,
        s: usize,
        ts: usize,
        te: usize,
        noun: bool,
        actor1: Option<&ActorRef>,
    ) -> (Modality, Vec<ActorRef>) {
        let r = self.sent_range(s);
        let trig_clause = self.clause[ts];
        let hits = self.sentence_hits(s, |k| matches!(k, CueKind::Modality(_)));
        let (mut neg, mut plan, mut fore, mut hyp, mut disp, mut rep) = (false, false, false, false, false, false);
        let mut speakers: Vec<ActorRef> = Vec::new();
        let mut source_seen = false;
        for h in &hits {
            if h.end > ts && h.start < te {
                continue;
            }
            let CueKind::Modality(mc) = &self.ex.lexicon.entries[h.entry].kind else { continue };
            let in_scope = match mc.scope {
                Scope::Clause(n) => h.end <= ts && self.clause[h.start] == trig_clause && ts - h.end <= n,
                Scope::Sentence => h.end <= ts,
                Scope::Any => true,
                Scope::Verb => h.end == ts && !noun,
            };
            if !in_scope {
                continue;
            }
            match mc.kind {
                ModalityKind::Set(Modality::Negated) => neg = true,
                ModalityKind::Set(Modality::Planned) => plan = true,
                ModalityKind::Set(Modality::Forecast) => fore = true,
                ModalityKind::Set(Modality::Hypothetical) => hyp = true,
                ModalityKind::Set(Modality::Disputed) => disp = true,
                ModalityKind::Set(Modality::Reported) | ModalityKind::Set(Modality::Claimed) => rep = true,
                ModalityKind::Set(Modality::Asserted) | ModalityKind::Speaker => {}
                ModalityKind::SourceLeft => {
                    source_seen = true;
                    // The speaker: the actor just before the cue (after the trigger when the cue follows it).
                    let from = if h.start >= te { te } else { r.start };
                    if let Some(a) = self.actor_left(from, h.start) {
                        speakers.push(self.actor_ref(a));
                        // Other named actors in a list before the cue ("X of A and Y of B report").
                        for (i, &(as_, ae)) in self.actor_toks.iter().enumerate() {
                            if as_ >= from && ae <= h.start && i != a && from == r.start {
                                speakers.push(self.actor_ref(i));
                            }
                        }
                    }
                    speakers.extend(self.speaker_names(&hits, from, h.start));
                }
                ModalityKind::SourceRight => {
                    source_seen = true;
                    if let Some(a) = self.actor_right(h.end, r.end, None, 3) {
                        speakers.push(self.actor_ref(a));
                    } else {
                        speakers.extend(self.speaker_names(&hits, h.end, (h.end + 6).min(r.end)));
                    }
                }
            }
        }
        if self.in_scare_quotes(ts, te) {
            disp = true;
        }
        dedup_actors(&mut speakers);
        let claimed = source_seen && actor1.is_some_and(|a| speakers.iter().any(|s| same_actor(a, s)));
        let m = if hyp {
            Modality::Hypothetical
        } else if neg {
            Modality::Negated
        } else if disp {
            Modality::Disputed
        } else if plan {
            Modality::Planned
        } else if fore {
            Modality::Forecast
        } else if claimed {
            Modality::Claimed
        } else if source_seen || rep {
            Modality::Reported
        } else {
            Modality::Asserted
        };
        let attributed = if matches!(m, Modality::Claimed | Modality::Reported) { speakers } else { Vec::new() };
        (m, attributed)
    }

    /// Source names in `[from, until)` that are no actor mention: speaker nouns ("journalists")
    /// and capitalized names ("Ibrahim Al Amin").
    fn speaker_names(&self, hits: &[Hit], from: usize, until: usize) -> Vec<ActorRef> {
        let mut out = Vec::new();
        for h in hits {
            if h.start >= from && h.end <= until {
                if let CueKind::Modality(mc) = &self.ex.lexicon.entries[h.entry].kind {
                    if mc.kind == ModalityKind::Speaker {
                        let sp = self.span_of(h.start, h.end);
                        let text = sp.of(self.doc.text).to_string();
                        out.push(ActorRef {
                            name: text.clone(),
                            text: Some(text),
                            span: Some(sp),
                            ..Default::default()
                        });
                    }
                }
            }
        }
        let sent_start = self
            .doc
            .sentence_at(self.doc.tokens.get(from).map(|t| t.span.start).unwrap_or(0))
            .map(|s| self.sent_range(s).start);
        let mut k = from;
        while k < until {
            let is_cap = |k: usize| {
                self.doc.tokens[k].kind == TokenKind::Word
                    && self.doc.token_text(k).chars().next().is_some_and(|c| c.is_uppercase())
                    && !self.actor_toks.iter().any(|&(a, b)| a <= k && k < b)
                    && !self.place_toks.iter().any(|&(a, b)| a <= k && k < b)
                    && !self.time_toks.iter().any(|&(a, b)| a <= k && k < b)
            };
            if is_cap(k) {
                let mut e = k + 1;
                while e < until && is_cap(e) {
                    e += 1;
                }
                let single_initial = e == k + 1 && Some(k) == sent_start;
                if !single_initial {
                    let sp = self.span_of(k, e);
                    let text = sp.of(self.doc.text).to_string();
                    out.push(ActorRef { name: text.clone(), text: Some(text), span: Some(sp), ..Default::default() });
                }
                k = e;
            } else {
                k += 1;
            }
        }
        out
    }

    fn in_scare_quotes(&self, ts: usize, te: usize) -> bool {
        let q = |w: &str| matches!(w, "'" | "\"" | "“" | "”" | "‘" | "’");
        ts > 0 && q(self.doc.token_text(ts - 1)) && te < self.doc.tokens.len() && q(self.doc.token_text(te))
    }

    // ----- dates -------------------------------------------------------------------------------

    fn date(&self, s: usize, ts: usize, te: usize, modality: Modality, noun: bool) -> Option<DateRef> {
        let r = self.sent_range(s);
        let c = self.clause[ts];
        let best = (0..self.m.times.len())
            .filter(|&i| self.time_toks[i].0 >= r.start && self.time_toks[i].1 <= r.end)
            .filter(|&i| {
                // A future expression does not date a past event, nor a past one a plan.
                let future = matches!(modality, Modality::Planned | Modality::Forecast | Modality::Hypothetical);
                match self.m.times[i].tense {
                    Tense::Future => future,
                    Tense::Past => !future,
                    _ => true,
                }
            })
            .min_by_key(|&i| {
                let (a, b) = self.time_toks[i];
                let d = if a >= te { a - te } else { ts.saturating_sub(b) };
                (if self.clause[a] == c { 0 } else { 1000 }) + d
            });
        if let Some(i) = best {
            let t = &self.m.times[i];
            let mut d = t.date.clone();
            d.text = Some(t.span.of(self.doc.text).to_string());
            return Some(d);
        }
        let p = self.report.published?;
        let shift = |n: i64| p.checked_add_signed(Duration::days(n)).unwrap_or(p);
        let day = |a: i64, b: i64, precision| DateRef { start: shift(a), end: shift(b), precision, text: None };
        Some(match modality {
            Modality::Planned | Modality::Forecast | Modality::Hypothetical => day(1, 30, DatePrecision::Month),
            _ if self.ongoing(s, ts, noun) => day(0, 0, DatePrecision::Day),
            _ => day(-6, 0, DatePrecision::Week),
        })
    }

    /// Present tense: "are breaking", "demands", "now control".
    fn ongoing(&self, s: usize, ts: usize, noun: bool) -> bool {
        let r = self.sent_range(s);
        let w = self.w(ts);
        let prev = if ts > r.start { self.w(ts - 1) } else { "" };
        let prev2 = if ts > r.start + 1 { self.w(ts - 2) } else { "" };
        if matches!(prev, "is" | "are" | "am" | "now") || matches!(prev2, "is" | "are") && w.ends_with("ing") {
            return true;
        }
        !noun && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us")
    }

    // ----- events ------------------------------------------------------------------------------

    fn event(&self, s: usize, h: Hit, cue: &EventCue) -> Option<(EventRecord, Option<ControlRecord>)> {
        let (ts, te) = (h.start, h.end);
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
            AcledSpec::Territory => territory_type(cue, roles.winner.as_ref()).or_else(|| {
                // Winner unknown: the loser tells ("retaken from the militants": state forces won).
                let ce = self.clause_end(s, te - 1);
                let loser = self.actor_right(te, ce, Some(&["from"]), 10).map(|i| &self.m.actors[i].actor)?;
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
        let control_ok = cue.is_territory()
            && matches!(modality, Modality::Asserted | Modality::Claimed | Modality::Reported | Modality::Disputed);
        let control = match (&roles.winner, &place) {
            (Some(w), Some(pl)) if control_ok && (pl.precision < 3 || is_admin(pl)) => Some(ControlRecord {
                report: report.clone(),
                place: pl.clone(),
                controller: strip(w),
                status: ControlStatus::Controlled,
                modality,
                date: date.clone(),
                evidence: evidence.clone(),
            }),
            _ => None,
        };
        let ev = EventRecord {
            id,
            report,
            acled,
            plover: cue.plover.clone(),
            actor1: roles.actor1_ref.into_iter().collect(),
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

    /// The object of the verb is an area ("took several villages") or a name the gazetteer does
    /// not know.
    fn area_object(&self, s: usize, ts: usize, te: usize) -> bool {
        let ce = self.clause_end(s, te.saturating_sub(1).max(ts));
        let until = ce.min(te + 10);
        let first_word =
            (te..until).find(|&k| !matches!(self.w(k), "the" | "a" | "an" | "of" | "town" | "city" | "village"));
        let r = self.sent_range(s);
        // A headline in title case ("Loses Control Of Its Last Refuge"): function words capitalized.
        let function: Vec<usize> = r
            .clone()
            .skip(1)
            .filter(|&k| {
                matches!(
                    self.w(k),
                    "of" | "the" | "its" | "from" | "to" | "in" | "on" | "and" | "for" | "with" | "at" | "by"
                )
            })
            .collect();
        let capitalized = |k: &usize| self.doc.token_text(*k).chars().next().is_some_and(char::is_uppercase);
        let title_case = function.iter().any(capitalized) && !function.iter().any(|k| !capitalized(k));
        let proper = !title_case
            && first_word.is_some_and(|k| {
                self.doc.tokens[k].kind == TokenKind::Word
                    && !matches!(
                        self.w(k),
                        "its" | "his" | "her" | "their" | "our" | "this" | "that" | "these" | "those" | "some" | "all"
                    )
                    && self.doc.token_text(k).chars().next().is_some_and(char::is_uppercase)
                    && !self.actor_toks.iter().any(|&(a, b)| a <= k && k < b)
                    && !self.time_toks.iter().any(|&(a, b)| a <= k && k < b)
            });
        proper
            || (te..until).any(|k| AREA_NOUNS.contains(&self.w(k)))
            || self.m.places.iter().enumerate().any(|(i, p)| {
                let (ps, _) = self.place_toks[i];
                ps >= te
                    && ps < until
                    && p.role == PlaceRole::Literal
                    && !self.m.actors.iter().any(|a| a.span.overlaps(p.span))
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
        (te..ce.min(te + 5)).any(|k| ARMED_TARGETS.contains(&self.w(k)))
    }

    // ----- static control ----------------------------------------------------------------------

    fn control(&self, s: usize, h: Hit, cue: ControlCue) -> Vec<ControlRecord> {
        let r = self.sent_range(s);
        let cs = self.clause_start(s, h.start);
        let ce = self.clause_end(s, h.end - 1);
        let (controller, places): (Option<usize>, Vec<Location>) = match cue.shape {
            ControlShape::ByRight => {
                let c = self.actor_right(h.end, ce, None, 2);
                let p = self.place_just_before(h.start, r.start).into_iter().collect();
                (c, p)
            }
            ControlShape::SubjectObject => {
                let c = self.actor_left(cs, h.start).or_else(|| self.actor_left(r.start, h.start));
                let p =
                    self.place_just_after(h.end, ce).or_else(|| self.anaphor_place(s, h.end, ce)).into_iter().collect();
                (c, p)
            }
            ControlShape::Stronghold => {
                let c = (0..self.m.actors.len()).find(|&i| {
                    let (_, ae) = self.actor_toks[i];
                    ae <= h.start && (ae..h.start).all(|k| matches!(self.w(k), "'" | "'s" | "s" | "the" | "its"))
                });
                let mut ps: Vec<Location> = Vec::new();
                if let Some(ci) = c {
                    for (i, p) in self.m.places.iter().enumerate() {
                        let (a, b) = self.place_toks[i];
                        if a >= cs
                            && b <= self.actor_toks[ci].0
                            && self.usable(p)
                            && p.level == PlaceLevel::Point
                            && !self.is_container(i)
                        {
                            if let Some(pl) = p.place.clone() {
                                ps.push(Location { mention: Some(i), place: pl, inherited: false, score: 0 });
                            }
                        }
                    }
                }
                if ps.is_empty() {
                    ps.extend(self.place_just_after(h.end, ce));
                }
                (c, ps)
            }
        };
        let Some(ci) = controller else { return Vec::new() };
        let ctl = strip(&self.actor_ref(ci));
        let (modality, _) = self.modality(s, h.start, h.end, false, Some(&ctl));
        if matches!(modality, Modality::Negated | Modality::Hypothetical | Modality::Planned | Modality::Forecast) {
            return Vec::new();
        }
        let date =
            self.report.published.map(|p| DateRef { start: p, end: p, precision: DatePrecision::Day, text: None });
        let sent = &self.doc.sentences[s];
        let evidence = Evidence { sentence: s, span: sent.span, text: sent.span.of(self.doc.text).to_string() };
        places
            .into_iter()
            .filter(|l| l.place.precision < 3 || is_admin(&l.place))
            .map(|l| ControlRecord {
                report: ReportRef::of(self.report),
                place: l.place,
                controller: ctl.clone(),
                status: cue.status,
                modality,
                date: date.clone(),
                evidence: evidence.clone(),
            })
            .collect()
    }

    fn place_just_before(&self, tok: usize, floor: usize) -> Option<Location> {
        let (i, p) = self.m.places.iter().enumerate().rfind(|(i, _)| self.place_toks[*i].1 <= tok)?;
        let (_, pe) = self.place_toks[i];
        if pe < floor || !self.usable(p) || p.level == PlaceLevel::Country || tok - pe > 4 {
            return None;
        }
        if !(pe..tok).all(|k| FILLERS.contains(&self.w(k))) {
            return None;
        }
        Some(Location { mention: Some(i), place: p.place.clone()?, inherited: false, score: 0 })
    }

    fn place_just_after(&self, tok: usize, until: usize) -> Option<Location> {
        let (i, p) = self.m.places.iter().enumerate().find(|(i, _)| self.place_toks[*i].0 >= tok)?;
        let (ps, _) = self.place_toks[i];
        if ps >= until || !self.usable(p) || p.level == PlaceLevel::Country || ps - tok > 4 {
            return None;
        }
        if !(tok..ps).all(|k| FILLERS.contains(&self.w(k))) {
            return None;
        }
        let mut pl = p.place.clone()?;
        if p.level == PlaceLevel::Region {
            pl.precision = 3;
        }
        Some(Location { mention: Some(i), place: pl, inherited: false, score: 0 })
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

fn same_actor(a: &ActorRef, b: &ActorRef) -> bool {
    match (&a.id, &b.id) {
        (Some(x), Some(y)) => x == y,
        _ => a.name.eq_ignore_ascii_case(&b.name),
    }
}

fn dedup_actors(v: &mut Vec<ActorRef>) {
    let mut out: Vec<ActorRef> = Vec::new();
    for a in v.drain(..) {
        if !out.iter().any(|b| same_actor(&a, b) && a.span == b.span) {
            out.push(a);
        }
    }
    *v = out;
}

/// A controller without this mention's text/span (the same for every observation).
fn strip(a: &ActorRef) -> ActorRef {
    ActorRef { text: a.text.clone(), span: a.span, ..a.clone() }
}

fn dedup_controls(v: &mut Vec<ControlRecord>) {
    let mut out: Vec<ControlRecord> = Vec::new();
    for c in v.drain(..) {
        let dup = out.iter().any(|o| {
            o.evidence.sentence == c.evidence.sentence
                && o.status == c.status
                && same_actor(&o.controller, &c.controller)
                && (o.place.geonameid == c.place.geonameid && o.place.name == c.place.name)
        });
        if !dup {
            out.push(c);
        }
    }
    *v = out;
}

fn is_admin(p: &PlaceRef) -> bool {
    p.feature_code.as_deref().is_some_and(|f| f.starts_with("ADM"))
}
