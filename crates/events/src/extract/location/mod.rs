//! Event location: the place where the event happened, not every place in the sentence.

mod container;
mod fallback;
mod frames;
mod lists;
mod senses;

use super::words::*;
use super::{Candidate, Cx, Location, IN_PLACE, IN_TIME};
use crate::lexicon::EventCue;
use crate::mentions::{PlaceLevel, PlaceRole};
use sitrep_model::record::PlaceRef;
use sitrep_model::text::TokenKind;

/// What scoring a place as an event's location needs that no event changes (see [`Cx::facts`]).
#[derive(Clone, Copy, Debug)]
pub(super) struct PlaceFacts {
    /// It can be a location ([`Cx::candidate_ok`]) when the trigger is no act of force right before it.
    ok: bool,
    /// It can be one only right after an act of force ("entered X": a country read as a state).
    act_only: bool,
    /// The word before it ([`Cx::word_before_place`]): its token, and whether there is one.
    before_at: usize,
    has_before: bool,
    /// "the University of X", "the X war", "X, 27," / "X's brother".
    of_owner: bool,
    modifier: bool,
    aged: bool,
}

impl Cx<'_> {
    /// A literal, resolved place that the actor stage does not read as an actor ("Damascus
    /// demands", "SAA").
    pub(super) fn usable(&self, i: usize) -> bool {
        let p = &self.pl(i);
        p.role == PlaceRole::Literal && p.place.is_some() && !self.places.actor_overlap[i]
    }

    /// Place `i` has no coordinates of its own: an unknown name, or a mention the geoparser did
    /// not resolve.
    pub(super) fn unresolved(&self, i: usize) -> bool {
        self.pl(i).place.is_none()
    }

    /// The place's span ends inside a possessive token ("Tala" of "Tala's").
    fn possessive_inside(&self, i: usize) -> bool {
        let span = self.pl(i).span;
        let (_, e) = self.place_toks[i];
        e > 0
            && self.doc.tokens[e - 1].span.end > span.end
            && self.doc.text.get(span.end..).is_some_and(|t| t.starts_with("'s") || t.starts_with("’s"))
    }

    /// Place `i` is an unknown name of a building or a street ("the X Hospital").
    pub(super) fn facility(&self, i: usize) -> bool {
        self.unknown(i) && self.is(self.place_toks[i].1 - 1, class::FACILITY_HEADS)
    }

    /// A place the actor stage also reads as an actor ("Syria" for its government) that stands
    /// where only a place can: after a locative preposition ("in northwest Syria") or as the
    /// owner of a part of itself ("Egypt's streets").
    fn locative_use(&self, i: usize) -> bool {
        let (s, e) = self.place_toks[i];
        let floor = self.doc.sentence_at(self.pl(i).span.start).map(|x| self.sent_range(x).start).unwrap_or(0);
        let mut k = s;
        while k > floor && self.is(k - 1, class::PLACE_PREMODIFIERS) {
            k -= 1;
        }
        // Not after "from" or "to": "captured it from X", "extradited to X" name a party.
        if k > floor
            && (self.is(k - 1, class::LOCATIVE_PREPS) || matches!(self.w(k - 1), "off" | "through" | "into" | "over"))
        {
            return true;
        }
        // "parts of X", "the north of X", "a remote corner of X"; "the town of X", "the
        // (rebel-held) village of X": only a place is named there, though a person or a group
        // bears the same name.
        if k > floor + 1 && self.w(k - 1) == "of" && self.is(k - 2, class::OF_PLACE_NOUNS | class::NEAR_WORDS) {
            return true;
        }
        if k > floor + 2 && self.w(k - 1) == "of" && self.is(k - 2, class::CITY_NOUNS) && !self.w(k - 3).ends_with("'s")
        {
            return true;
        }
        let mut t = e;
        if matches!(self.w(t), "'s" | "'") || self.possessive_inside(i) {
            if matches!(self.w(t), "'s" | "'") {
                t += 1;
            }
            while self.is(t, class::PLACE_PREMODIFIERS) || self.w(t).ends_with("ern") {
                t += 1;
            }
            return self.is(t, class::UNIT_NOUNS) || matches!(self.w(t), "streets" | "soil" | "territory");
        }
        false
    }

    /// Place `i` can be an event's location: literal and resolved, not an actor (unless it stands
    /// where only a place can), not part of a longer name, not a modifier ("Dubai-based").
    /// `ok` answers when the trigger is no act of force right before the place; `act_only` says
    /// it passes only right after one.
    fn candidate_ok(&self, i: usize, title_case: bool) -> (bool, bool) {
        let p = &self.pl(i);
        if self.unknown(i) {
            return (true, false); // found where only a place stands, clear of actors and other places
        }
        if p.role != PlaceRole::Literal {
            return (false, false);
        }
        // A mention the geoparser found but could not resolve takes its coordinates like an
        // unknown name (from a known place around it), if it is written as a name: capitalized
        // first and last words, in a sentence that is not all capitals or a title.
        let (ps, pe) = self.place_toks[i];
        if p.place.is_none() && !(self.name_word(ps) && self.name_word(pe - 1) && !title_case) {
            return (false, false);
        }
        // "Nov. 7", "Dec": a date the gazetteer also knows as a place. (A word's list bits are
        // `class_of` its lower-case form: only a final period needs another lookup.)
        let w = self.w(ps);
        if self.is(ps, class::CALENDAR_WORDS)
            || (w.ends_with('.') && class_of(w.trim_end_matches('.')) & class::CALENDAR_WORDS != 0)
        {
            return (false, false);
        }
        // An actor overlaps it: only one with the same span, and in a place's position, lets it pass.
        // "entered X", "bombed X": a country read as a state right after an act of force is also
        // where it happened.
        if self.places.actor_overlap[i] && self.places.actor_other_span[i] {
            return (false, false);
        }
        let act_only = self.places.actor_overlap[i] && !self.locative_use(i);
        (!self.embedded_in_name(i, title_case), act_only)
    }

    /// What scoring place `i` of sentence `s` as an event's location needs that does not depend
    /// on the event, worked out once per place.
    fn facts(&self, i: usize, s: usize, title_case: bool) -> PlaceFacts {
        if let Some(f) = self.facts[i].get() {
            return f;
        }
        let r = self.sent_range(s);
        let (ps, pe) = self.place_toks[i];
        let (ok, act_only) = self.candidate_ok(i, title_case);
        let (bk, before) = self.word_before_place(i, r.start);
        // "the University of X", "residents of X", "the fall of X": the place is said of
        // something else, not where the event is.
        let of_owner = {
            let mut k = ps;
            while k > r.start && matches!(self.w(k - 1), "the" | "a" | "an") {
                k -= 1;
            }
            k > r.start + 1
                && self.w(k - 1) == "of"
                && self.doc.tokens[k - 2].kind == TokenKind::Word
                && !self.is(k - 2, class::OF_PLACE_NOUNS)
                && !self.is(k - 2, class::UNIT_NOUNS | class::NEAR_WORDS | class::AREA_NOUNS | class::CITY_NOUNS)
                && !self.hyphen_head(k - 2, class::UNIT_NOUNS | class::AREA_NOUNS | class::CITY_NOUNS)
                // "X Y, 18, of Z": a person's age, then where the person is from.
                || (k > r.start + 3
                    && self.w(k - 1) == "of"
                    && self.w(k - 2) == ","
                    && self.doc.tokens[k - 3].kind == TokenKind::Number
                    && self.w(k - 4) == ",")
        };
        // "the Mideast war", "the Iraq crisis": the place describes a thing.
        let modifier = pe < r.end && self.is(pe, class::MODIFIED_NOUNS);
        // "X, 27, was captured", "X (45) was shot": an age after a name makes a person of it.
        let num = |k: usize| self.doc.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Number);
        let aged = pe + 2 < r.end
            && ((self.w(pe) == "," && num(pe + 1) && self.w(pe + 2) == ",")
                || (self.w(pe) == "(" && num(pe + 1) && self.w(pe + 2) == ")"));
        // "X's brother", "X's wife": the owner of a kin or a title is a person (or a post).
        let kin = {
            let next =
                if matches!(self.w(pe), "'s" | "'") { Some(pe + 1) } else { self.possessive_inside(i).then_some(pe) };
            next.is_some_and(|k| {
                k < r.end
                    && (PERSON_TITLES.contains(&self.w(k).trim_end_matches('.'))
                        || OWNED_BY_PERSON.contains(&self.w(k)))
            })
        };
        let f = PlaceFacts {
            ok,
            act_only,
            before_at: bk,
            has_before: !before.is_empty(),
            of_owner,
            modifier,
            aged: aged || kin,
        };
        self.facts[i].set(Some(f));
        f
    }

    /// Place `i` is one word of a longer name ("Adel Awadallah", "Independence Day", "Ahrar
    /// Al-Sham") or joined by a hyphen to a modifier ("Dubai-based").
    fn embedded_in_name(&self, i: usize, title_case: bool) -> bool {
        let text = self.doc.text;
        let span = self.pl(i).span;
        if let Some(rest) = text.get(span.end..).and_then(|r| r.strip_prefix('-')) {
            let w: String = rest.chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
            if HYPHEN_MODIFIERS.contains(&w.as_str()) {
                return true;
            }
        }
        if let Some(head) = text.get(..span.start).and_then(|h| h.strip_suffix('-')) {
            let w: String = head.chars().rev().take_while(|c| c.is_alphabetic()).collect();
            if w.chars().count() > 3 {
                return true; // "Muirhead-Smith"; not "al-Bab"
            }
        }
        if title_case {
            return false;
        }
        let (s, e) = self.place_toks[i];
        let Some(sent) = self.doc.sentence_at(span.start) else { return false };
        let r = self.sent_range(sent);
        let name_word = |k: usize| {
            let t = self.doc.token_text(k);
            self.doc.tokens[k].kind == TokenKind::Word
                && self.capital(k)
                && t.chars().any(char::is_lowercase)
                && !t.rsplit('-').next().is_some_and(|last| last.chars().all(char::is_lowercase))
                && !self.covered(k, IN_PLACE | IN_TIME)
                && !self.is(k, class::CALENDAR_WORDS)
        };
        let before =
            s > r.start + 1 && name_word(s - 1) && !self.is(s - 1, class::NAME_HEADS) && !self.w(s - 1).ends_with("'s");
        // "Luis Carlos da Silva", "Khalid bin Walid": a particle of a person's name between.
        let before = before
            || (s > r.start + 2
                && matches!(self.w(s - 1), "da" | "de" | "dos" | "das" | "do" | "van" | "von" | "bin" | "ibn" | "di")
                && name_word(s - 2));
        // "George Lucas", "Joaquin Guzman": two one-word places side by side are a person's name.
        let single = |a: usize, b: usize| b == a + 1 && self.capital(a) && !self.is(a, class::TOPONYM_HEADS);
        let single_at = |j: usize| single(self.place_toks[j].0, self.place_toks[j].1);
        // "Baghdad's Doura district", "Bethlehem's Church of the Nativity": an owner, not a name.
        let owner = |sp: sitrep_model::Span| {
            text.get(sp.end..).is_some_and(|t| t.starts_with("'s") || t.starts_with("’s") || t.starts_with("' "))
        };
        let owned_by = |j: usize| owner(self.pl(j).span);
        if single(s, e)
            && (self.places_ending_at(s).any(|j| single_at(j) && !owned_by(j))
                || self.places_starting_at(e).any(single_at))
        {
            return true;
        }
        let head = e == s + 1 && self.is(s, class::TOPONYM_HEADS);
        // "Beaufort Castle", "Utah Beach": a place noun after it makes a place of it still.
        let after = !head && e < r.end && name_word(e) && !self.is(e, class::NAME_TAILS | class::PLACE_HEADS);
        // "Bethlehem's Church of the Nativity": the name after a possessive is the owned thing's.
        let after = after
            && !((owner(span) || self.possessive_inside(i)) && {
                // Up to six words of the owned name, one of them a building's head noun.
                let mut k = e;
                while k < r.end
                    && k < e + 7
                    && !(name_word(k) || self.is(k, class::INNER_NAME_WORDS) || self.w(k) == "the")
                {
                    k += 1;
                }
                (k..(k + 6).min(r.end)).any(|j| self.is(j, class::FACILITY_HEADS) && self.capital(j))
            });
        before || after
    }

    /// "a police source in X said", "officials in X": a source or leader placed before the event
    /// (after it, "killed an official in X" names the victim's place).
    fn source_in_place(&self, i: usize, ts: usize, r: std::ops::Range<usize>, bk: usize, before: &str) -> bool {
        let e = self.place_toks[i].1;
        if matches!(before, "in" | "from" | "at" | "for" | "of") && bk > r.start && e <= ts {
            let mut k = bk;
            while k > r.start && matches!(self.w(k - 1), "the" | "a" | "an") {
                k -= 1;
            }
            return k > r.start && (self.is(k - 1, class::SOURCE_NOUNS) || self.is(k - 1, class::LEADER_NOUNS));
        }
        false
    }

    /// Token `k` opens an "after"/"before" clause right on the event ("captured after his plane
    /// was shot down over X"), not one of an earlier event ("days after X").
    fn is_after_clause(&self, k: usize) -> bool {
        matches!(self.w(k), "after" | "before")
            && !(k > 0
                && matches!(
                    self.w(k - 1),
                    "day"
                        | "days"
                        | "hour"
                        | "hours"
                        | "week"
                        | "weeks"
                        | "month"
                        | "months"
                        | "year"
                        | "years"
                        | "minutes"
                        | "decade"
                        | "decades"
                ))
    }

    /// Place `i` belongs to a source or a person, not to the event: "a correspondent in X",
    /// "according to officials in X", "the X governor", "ISIS leader in X".
    /// `r` is the place's sentence and `(bk, before)` its [`Cx::word_before_place`] there.
    fn source_place(&self, i: usize, r: std::ops::Range<usize>, bk: usize, before: &str) -> bool {
        let (s, e) = self.place_toks[i];
        if before == "in" && bk > r.start && self.is(bk - 1, class::BASED) {
            return true; // "a unit based in X": its base, not the event's place
        }
        // "the X governor said", "X security chief": the place names someone's post.
        let mut t = e;
        while t < r.end
            && t < e + 2
            && matches!(self.w(t), "security" | "police" | "provincial" | "military" | "health")
        {
            t += 1;
        }
        if t < r.end && (self.is(t, class::SOURCE_NOUNS) || self.is(t, class::LEADER_NOUNS)) {
            return true;
        }
        // "the X police said": the place names the speakers' post, not the event.
        if t > e
            && t < r.end
            && matches!(self.w(t), "said" | "says" | "told" | "added" | "stated" | "announced" | "confirmed")
        {
            return true;
        }
        // Inside "according to ..." up to the next comma.
        Self::last_before(&self.last_mark, s, r.start).is_some_and(|k| matches!(self.w(k), "according" | "citing"))
    }

    /// Token `bk`, the word before a place, says the place is only a reference point: "near X",
    /// "north of X", "the outskirts of X", "5 km from X", "close to X" (not "the Northern Front
    /// took X": a near word must lead up to the place).
    fn near_before(&self, bk: usize) -> bool {
        self.is(bk, class::NEAR_WORDS)
            || (bk > 0 && matches!(self.w(bk), "of" | "from" | "to" | "outside") && self.is(bk - 1, class::NEAR_WORDS))
    }

    /// Place `i` (in a sentence starting at token `floor`) is named only as a reference point (see
    /// [`Cx::near_before`]), alone or in a list after the near word ("near Manbij and Tabqa").
    pub(super) fn near_place(&self, i: usize, floor: usize) -> bool {
        let (bk, before) = self.word_before_place(i, floor);
        if before.is_empty() {
            return false;
        }
        if matches!(before, "and" | "or" | ",") {
            // (the list's previous place ends at the conjunction; it lies before `i`, so this ends)
            return self
                .places_ending_at(bk)
                .find(|&j| j != i && self.place_toks[j].0 < self.place_toks[i].0)
                .is_some_and(|j| self.near_place(j, floor));
        }
        self.near_before(bk)
    }

    /// Token `k` is a compound whose last part is a word of `classes` ("border-city", "desert-town").
    pub(super) fn hyphen_head(&self, k: usize, classes: u64) -> bool {
        let w = self.w(k);
        w.contains('-') && w.rsplit('-').next().is_some_and(|h| !h.is_empty() && class_of(h) & classes != 0)
    }

    /// The word before a place, skipping determiners and "city of".
    pub(super) fn word_before_place(&self, i: usize, floor: usize) -> (usize, &str) {
        let start = self.place_toks[i].0;
        let mut k = start;
        loop {
            while k > floor
                && (matches!(
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
                        | "suburb"
                        | "neighborhood"
                        | "neighbourhood"
                        | "county"
                        | "capital"
                        | "municipality"
                ) || (self.hyphen_head(k - 1, class::UNIT_NOUNS | class::CITY_NOUNS) && self.w(k) == "of"))
            {
                k -= 1;
            }
            // "the (northern) West Bank city of X", "Baghdad's western district of X": the
            // place that names the container is part of the description; look before it.
            if k == start {
                break;
            }
            let mut m = k;
            while m > floor
                && (self.is(m - 1, class::PLACE_PREMODIFIERS) || matches!(self.w(m - 1), "'s" | "'"))
                && !matches!(self.w(m - 1), "the" | "a" | "an")
            {
                m -= 1;
            }
            let Some(j) = self.places_ending_at(m).find(|&j| j != i) else {
                break;
            };
            k = self.place_toks[j].0;
            while k > floor && (self.is(k - 1, class::PLACE_PREMODIFIERS) || self.w(k - 1).ends_with("ern")) {
                k -= 1;
            }
        }
        if k > floor {
            (k - 1, self.w(k - 1))
        } else {
            (k, "")
        }
    }

    /// The place at `ps` lies in an opening phrase of another event ("In addition to X," "Following
    /// X,") that ends with a comma before the trigger at `ts`; `opens` is [`Cx::intro_opens`] of
    /// the sentence starting at `start`.
    fn intro_phrase(&self, opens: bool, start: usize, ps: usize, ts: usize) -> bool {
        opens
            && Self::last_before(&self.last_comma, ts, ps).is_some()
            && Self::last_before(&self.last_comma, ps, start).is_none()
    }

    /// The dash that ends a wire dateline opening the sentence ("BEIRUT, Nov 3 (Desk) -"): a word
    /// in capitals first, then only capitalized words, numbers and punctuation up to the dash.
    fn dateline_end(&self, r: std::ops::Range<usize>) -> Option<usize> {
        let first = self.doc.tokens.get(r.start)?;
        let word = self.doc.text.get(first.span.start..first.span.end)?;
        let shouted = word.len() >= 3 && word.chars().all(|c| c.is_uppercase() || c == '-' || c == '.');
        if first.kind != TokenKind::Word || !shouted {
            return None;
        }
        for k in r.start + 1..(r.start + 16).min(r.end) {
            match self.w(k) {
                "-" | "--" | "\u{2013}" | "\u{2014}" => return Some(k),
                _ if self.doc.tokens[k].kind == TokenKind::Word && !self.capital(k) => return None,
                _ => {}
            }
        }
        None
    }

    /// The sentence starting at token `start` opens with one of [`INTRO_PHRASES`].
    fn intro_opens(&self, start: usize) -> bool {
        // The sentence's first words, joined by spaces, are the phrase.
        let opens = |phrase: &str| {
            let mut rest = phrase;
            phrase.split(' ').enumerate().all(|(d, _)| {
                let after = if d == 0 { Some(rest) } else { rest.strip_prefix(' ') };
                match after.and_then(|r| r.strip_prefix(self.w(start + d))) {
                    Some(r) => {
                        rest = r;
                        true
                    }
                    None => false,
                }
            }) && rest.is_empty()
        };
        INTRO_PHRASES.iter().any(|p| opens(p))
    }

    /// The place ending at `pe` lies in an appositive (", leader of the group in X,") that ends
    /// right before the trigger's verb group.
    fn appositive(&self, start: usize, pe: usize, ts: usize) -> bool {
        let Some(close) = Self::last_before(&self.last_comma, ts, pe) else { return false };
        let verb_group = (close + 1..ts).all(|k| {
            self.is(k, class::BE) || self.is(k, class::ADVERBS) || matches!(self.w(k), "has" | "have" | "had")
        });
        let open = Self::last_before(&self.last_comma, pe, start);
        verb_group && open.is_some() && Self::last_before(&self.last_comma, close, pe).is_none()
    }

    /// Every usable place of the sentence scored as the location of the event at tokens
    /// `[ts, te)`, in mention order.
    pub(super) fn place_candidates(&self, s: usize, ts: usize, te: usize, cue: Option<&EventCue>) -> Vec<Candidate> {
        let r = self.sent_range(s);
        let cs = self.clause_start(s, ts);
        let ce = self.clause_end(s, te.saturating_sub(1).max(ts));
        let mut out = Vec::new();
        let title_case = self.title_case(s);
        // A statement's place is only one said to be where it was made ("told reporters in X").
        let speech = (ts..te).any(|k| self.is(k, class::SPEECH_VERBS));
        // "demonstrated here Friday": the event is at the dateline's place, not at one the
        // sentence names.
        let here = (te..(te + 2).min(r.end)).any(|k| self.w(k) == "here");
        // "protested outside the embassy here on Wednesday against the attack in X": a "here"
        // in the event's clause places it at the dateline; a place after it is another's.
        let here_at = (te..(te + 8).min(ce)).find(|&k| self.w(k) == "here" && self.w(k.saturating_sub(1)) != "near");
        // A protest's place is where the crowd stands, not what it protests against.
        let protest = cue.is_some_and(|c| c.plover.as_ref().is_some_and(|p| p.event == "PROTEST"));
        let intro_opens = self.intro_opens(r.start);
        // "DAMASCUS, Nov 3 (Desk) - X was liberated": the dateline tells where the report was
        // filed; a place of the sentence after it is the event's.
        let dateline = self.dateline_end(r.clone()).filter(|&d| ts > d);
        // "said that ...": where the reported content starts.
        let content_that = self.content_that(ts, te, r.end);
        let comma_participle =
            ts > r.start && self.w(ts - 1) == "," && self.w(ts).len() > 4 && self.w(ts).ends_with("ing");
        // "arrested for allegedly killing a man in X": the first gerund after "for/of" that follows
        // the trigger (see `deed` below); a place after it is the deed's.
        let deed_gerund = (te..r.end)
            .filter(|&k| matches!(self.w(k), "for" | "of"))
            .filter_map(|k| {
                let mut g = k + 1;
                while g < r.end && (self.is(g, class::ADVERBS) || matches!(self.w(g), "allegedly" | "reportedly")) {
                    g += 1;
                }
                (g < r.end
                    && self.w(g).len() > 5
                    && self.w(g).ends_with("ing")
                    && !matches!(self.w(g), "including" | "according" | "following" | "during" | "morning" | "evening"))
                .then_some(g)
            })
            .min()
            .unwrap_or(usize::MAX);
        // The trigger's own clause names a place after a preposition ("fled to X after the army
        // shelled Y"): a clause after it tells no more of its place.
        let clause_has_place = self.places.by_sentence[s].iter().any(|&j| {
            let (a, b) = self.place_toks[j];
            a >= cs && b <= ce && (b <= ts || a >= te) && self.usable(j) && {
                let (bk, before) = self.word_before_place(j, r.start);
                !before.is_empty() && self.is(bk, class::LOCATIVE_PREPS | class::PATH_PREPS)
            }
        });
        // The trigger's clause names a place after it, behind a locative preposition ("killed ...
        // in Y district").
        let clause_place_after = self.places.by_sentence[s].iter().any(|&j| {
            let (a, b) = self.place_toks[j];
            a >= te && b <= ce && self.usable(j) && {
                let (bk, before) = self.word_before_place(j, r.start);
                !before.is_empty() && bk >= te && self.is(bk, class::LOCATIVE_PREPS)
            }
        });
        for &i in &self.places.by_sentence[s] {
            let p = &self.pl(i);
            let (ps, pe) = self.place_toks[i];
            let object_of_act = ps == te
                && (cue.is_some_and(|c| c.acled != crate::lexicon::AcledSpec::None)
                    || self.is(ts, class::PLACE_OBJECT_VERBS));
            if ps < r.start || pe > r.end {
                continue;
            }
            let facts = self.facts(i, s, title_case);
            // "X is (still) patrolled by": the passive subject of a verb whose object is ground is
            // a place, though the actor stage reads a country as its state.
            let ground_passive = pe <= ts
                && self.is(ts, class::PLACE_OBJECT_VERBS)
                && (r.start..ps).all(|k| self.is(k, class::PLACE_PREMODIFIERS))
                && {
                    let mut k = ts;
                    while k > pe && self.is(k - 1, class::ADVERBS) {
                        k -= 1;
                    }
                    k == pe + 1 && self.is(pe, class::BE)
                };
            if !facts.ok || (facts.act_only && !object_of_act && !ground_passive) {
                continue;
            }
            if pe > ts && ps < te {
                continue; // inside the trigger
            }
            let after = ps >= te;
            let dist = if after { ps - te } else { ts.saturating_sub(pe) } as i64;
            let bk = facts.before_at;
            let before = if facts.has_before { self.w(bk) } else { "" };
            // "(Also) in X, ...": a place fronted before the sentence's first comma sets the scene
            // for the whole sentence.
            let fronted = matches!(before, "in" | "at" | "inside" | "near")
                && (r.start..bk).all(|k| {
                    self.is(k, class::FRONT_WORDS)
                        || self.covered(k, IN_TIME)
                        || self.is(k, class::CALENDAR_WORDS)
                        || matches!(self.w(k), "on" | "," | "late" | "early" | "last" | "this")
                })
                && (pe..ts).any(|k| self.w(k) == ",");
            // "X, which borders Y, was captured by Z", "X is patrolled by Z": a place opening the
            // sentence as the passive subject of a verb whose object is ground is where it happened.
            let ground_subject = !after
                && self.is(ts, class::GROUND_VERBS | class::PLACE_OBJECT_VERBS)
                && (r.start..ps).all(|k| self.is(k, class::PLACE_PREMODIFIERS) || self.w(k) == "strategic")
                && {
                    let mut k = ts;
                    while k > pe && self.is(k - 1, class::ADVERBS) {
                        k -= 1;
                    }
                    k > pe && self.is(k - 1, class::BE)
                };
            let in_clause = fronted || ground_subject || (ps >= cs && pe <= ce);
            // "In X, six people were killed ... in Y district": the scene set before the comma is
            // wider than the place the event's own clause names after a preposition.
            let scene_only = fronted && clause_place_after;
            // "In addition to the strikes on X, the army shelled Y": the opening phrase is another
            // event. "X, leader of the group in Y, was killed": the appositive describes the subject.
            let intro = !after && self.intro_phrase(intro_opens, r.start, ps, ts);
            let appositive = !after && !ground_subject && self.appositive(r.start, pe, ts);
            let near = self.near_place(i, r.start);
            // "attacks across Iraq", "clashed across the West Bank": spread over the place, not a
            // way through it, unless the event is a movement ("fled across X").
            let spread = before == "across"
                && !matches!(
                    self.w(ts),
                    "fled"
                        | "flee"
                        | "fleeing"
                        | "crossed"
                        | "cross"
                        | "crossing"
                        | "marched"
                        | "march"
                        | "marching"
                        | "moved"
                        | "advanced"
                        | "pushed"
                        | "retreated"
                        | "withdrew"
                        | "infiltrated"
                        | "sent"
                        | "swept"
                        | "spread"
                );
            let path =
                PATH_PREPS.contains(&before) && !spread && !(before == "from" && cue.is_some_and(|c| c.is_territory()));
            let (of_owner, modifier) = (facts.of_owner, facts.modifier);
            // A bare place opening the sentence as its subject ("X was shot"): more often a
            // person or a thing the geoparser misread than the event's place.
            let opening_subject = ps == r.start
                && !cue.is_some_and(|c| c.flags.place_subject || c.is_territory())
                && !after
                && !ground_subject;
            // "gunmen shot X", "X was shot": only a person is shot, killed or arrested; a place
            // right there as its object or passive subject is a person's name the gazetteer knows.
            let person_object = self.is(ts, class::PERSON_VERBS)
                && ((after && dist == 0)
                    || (!after
                        && dist <= 3
                        && (pe..ts).any(|k| self.is(k, class::BE))
                        && (pe..ts).all(|k| self.is(k, class::BE | class::ADVERBS))
                        && !self.is(bk, class::LOCATIVE_PREPS | class::PATH_PREPS | class::OBJECT_PREPS)
                        && before != "of"));
            // "protested against the war on X", "marched demanding autonomy for X": the place is
            // in what the protest is about; "... against the war in X" too, unless the words
            // after the topic tell where the crowd stood ("against the plan outside the X").
            // "protested the occupation of X": a protest verb's object is what it is against.
            let object = matches!(
                self.w(te),
                "the" | "a" | "an" | "what" | "its" | "his" | "her" | "their" | "this" | "that" | "these" | "those"
            );
            let topic = protest && after && (object || (te..ps).any(|k| self.is(k, class::TOPIC_WORDS))) && {
                // The nearest preposition before the place.
                let prep = (te..ps).rev().find(|&k| {
                    self.is(k, class::LOCATIVE_PREPS | class::OBJECT_PREPS | class::PATH_PREPS | class::TOPIC_WORDS)
                        || matches!(self.w(k), "of" | "for")
                });
                // "protested against the killing of five people in X", "against the escalation
                // of the conflict in X": an "in" after an event noun's "of" phrase is the topic's.
                let topic_of = prep.is_some_and(|k| self.w(k) == "in")
                    && prep.is_some_and(|p| {
                        let from = (te..p).find(|&k| self.is(k, class::TOPIC_WORDS)).unwrap_or(te);
                        (from..p).any(|k| {
                            let n = if k > 0 { self.w(k - 1) } else { "" };
                            self.w(k) == "of"
                                && ((n.len() > 5 && n.ends_with("ing"))
                                    || n.ends_with("tion")
                                    || n.ends_with("sion")
                                    || matches!(
                                        n,
                                        "death" | "deaths" | "arrest" | "arrests" | "murder" | "murders" | "killings"
                                    ))
                        })
                        // "against the air strikes / the occupation / the new policy in X": the
                        // act protested against is the topic (unless the crowd is placed first:
                        // "against the war outside the embassy in X").
                        || ((from + 1..p).any(|k| {
                                let n = self.w(k);
                                matches!(
                                    n,
                                    "attack"
                                        | "attacks"
                                        | "aggression"
                                        | "violence"
                                        | "war"
                                        | "offensive"
                                        | "strike"
                                        | "strikes"
                                        | "airstrikes"
                                        | "bombing"
                                        | "bombings"
                                        | "crackdown"
                                        | "occupation"
                                        | "invasion"
                                        | "presence"
                                        | "raid"
                                        | "raids"
                                        | "massacre"
                                        | "deployment"
                                        | "blockade"
                                        | "policy"
                                        | "policies"
                                        | "treatment"
                                )
                            })
                            && !(from + 1..p).any(|k| matches!(self.w(k), "outside" | "near" | "at" | "inside")))
                    });
                topic_of
                    || !prep.is_some_and(|k| {
                        matches!(
                            self.w(k),
                            "in" | "at"
                                | "outside"
                                | "near"
                                | "inside"
                                | "around"
                                | "across"
                                | "throughout"
                                | "through"
                                | "along"
                                | "past"
                        )
                    })
            };
            let aged = facts.aged;
            // "shot down a X", "downed an X", "the X was (apparently) shot down": the object or the
            // passive subject is an aircraft, never a place (not "a plane ... in X was shot down").
            let down_verb = (self.w(te) == "down" && self.is(ts, class::PERSON_VERBS)) || self.w(ts) == "downed";
            let downed = down_verb
                && if after {
                    (te..ps).all(|k| matches!(self.w(k), "down" | "a" | "an" | "the" | "two" | "one"))
                } else {
                    dist <= 3
                        && !(facts.has_before
                            && self
                                .is(facts.before_at, class::LOCATIVE_PREPS | class::PATH_PREPS | class::OBJECT_PREPS))
                        && (pe..ts).any(|k| self.is(k, class::BE))
                        && (pe..ts).all(|k| self.is(k, class::BE | class::ADVERBS))
                };
            // "launched an offensive in X, targeting Y": Y is the participle's own event's place.
            let participle = after && ps > te + 1 && self.comma_participles[ps] > self.comma_participles[te + 1];
            // "X was captured in Y", "X, the son of Z, was shot near Y": one word as the passive
            // subject is more often a person the gazetteer also knows than the place.
            let passive_name = !after
                && pe == ps + 1
                && self.is(ts, class::GROUND_VERBS | class::PERSON_VERBS)
                && !(ps > r.start
                    && (self.is(ps - 1, class::LOCATIVE_PREPS | class::PATH_PREPS | class::OBJECT_PREPS)
                        || matches!(self.w(ps - 1), "of" | "," | "'s")))
                && {
                    let mut k = ts;
                    while k > pe && self.is(k - 1, class::ADVERBS) {
                        k -= 1;
                    }
                    let be = k > pe && self.is(k - 1, class::BE);
                    // Right before "was", or closing an appositive: "X, ..., was".
                    be && (k - 1 == pe || (self.w(pe) == "," && k >= pe + 3 && self.w(k - 2) == ","))
                };
            let mut score: i64 = if after { 100 } else { 85 } - (2 * dist).min(60);
            if participle {
                score -= 40;
            }
            // (a country or a region is no person's name: "X is patrolled by"). After a verb whose
            // object is a person ("X was shot") or as often a person as ground ("X was captured"),
            // one word is more often a person than a town; after one whose object is only ground
            // ("X was liberated / retaken") it stays the place, at a weaker score.
            if passive_name && !(ground_passive && matches!(p.level, PlaceLevel::Country | PlaceLevel::Region)) {
                let person_too = self.is(ts, class::PERSON_VERBS)
                    || matches!(self.w(ts), "captured" | "capture" | "captures" | "capturing");
                score -= if person_too { 110 } else { 60 };
            }
            if here || here_at.is_some_and(|h| ps > h) {
                score -= 150;
            }
            // "arrested for allegedly killing a man in X", "accused of shelling X": the place is
            // the deed's, told after "for/of" and a gerund, not the trigger's.
            let deed = after && deed_gerund < ps;
            if deed {
                score -= 60;
            }
            // "signed by X", "was captured by X", "clashed with X": a place after "by" or "with" is
            // an agent or a party, not where it happened.
            let agent = matches!(before, "by" | "with") && bk + 1 == ps;
            if person_object || aged || topic || agent {
                score -= 100;
            }
            if downed {
                score -= 200;
            }
            // "shooting \"Pride and X\"": a name inside a quoted title of a film or a book.
            if self.in_quoted_title(ps, pe, r.clone()) {
                score -= 150;
            }
            // "said a X officer", "a white X policeman": the place describes a person.
            if self.describes_person(pe, r.end) {
                score -= 150;
            }
            // "a Dane, a Filipino", "a hotel owned by a X in Y": a one-word name after "a" is a
            // person or a people, not a place.
            if self.indefinite_name(ps, pe, r.clone()) {
                score -= 150;
            }
            // An age or a kin makes a person of the name even when the event is told right
            // before it ("to avenge X's death").
            if aged {
                score -= 50;
            }
            if of_owner {
                score -= 120;
            }
            // "killed ..., but a second one landed near X", "..., while the rebels lost men near
            // X": a contrasted clause between the event and the place is another event's.
            let contrast = after
                && (te..ps).any(|k| match self.w(k) {
                    "whereas" | "although" => true,
                    "but" => k > r.start && matches!(self.w(k - 1), "," | ";"),
                    // Not "while they were driving": a circumstance of the same people.
                    "while" => {
                        k > r.start
                            && matches!(self.w(k - 1), "," | ";")
                            && !matches!(self.w(k + 1), "he" | "she" | "they" | "it" | "we" | "i" | "you")
                    }
                    _ => false,
                });
            if contrast {
                score -= 80;
            }
            // "settlers from X protested", "shot a professor from X": where the people come from.
            let origin = before == "from"
                && bk > r.start
                && ORIGIN_PEOPLE.contains(&self.w(bk - 1))
                && (!after || self.is(ts, class::PERSON_VERBS))
                && !cue.is_some_and(|c| c.is_territory());
            if origin {
                score -= 100;
            }
            if modifier {
                score -= 100;
            }
            if opening_subject {
                score -= 100;
            }
            if cue.is_some_and(|c| c.flags.place_subject) && !after {
                score += 40;
            }
            if matches!(before, "in" | "at" | "near" | "inside" | "outside" | "around" | "on") {
                score += 10;
            }
            if scene_only {
                score -= 20;
            }
            if !in_clause {
                // "... were killed when a bomb exploded in X": the clause right after the event
                // that tells its circumstances also tells its place.
                let k = self.clause_start(s, ps);
                let circumstance = after
                    && (matches!(self.w(k), "when" | "while") || (self.is_after_clause(k) && !clause_has_place))
                    && self.clause[k] == self.clause[te.saturating_sub(1).max(ts)] + 1;
                score -= if circumstance { 40 } else { 80 };
            }
            if dateline.is_some_and(|d| pe <= d) {
                score -= 80;
            }
            if path {
                score -= 60;
            }
            if intro {
                score -= 60;
            }
            if appositive {
                score -= 60;
                if self.subject_described(r.start, pe, ts) {
                    score -= 60;
                }
            }
            if near {
                score -= 10;
            }
            if self.is_container(i) {
                score -= 80;
            }
            // An unknown name was only taken where a place frame ("the village of", "in", "X
            // Farms") stands around it: that frame is itself evidence of a location.
            // A building or street is finer than the places events are told at: the town it is in
            // is the better location when both are named.
            if self.facility(i) {
                score -= 10;
            } else if self.unknown(i) {
                score += 10;
            }
            // "said that ... in X": the place is the reported content's.
            if content_that.is_some_and(|k| ps > k) {
                score -= 130;
            }
            if self.war_place(pe, r.end, bk, before, self.possessive_inside(i)) {
                score -= 100;
            }
            if after && self.other_destination(ts, te, bk, before) {
                score -= 100;
            }
            if after && self.later_state(r.start, ts, te, ps) {
                score -= 120;
            }
            // "X decided", "ordered X to": a person or a government, not a place.
            if self.names_someone(ps, pe, r.end, bk, before) {
                score -= 150;
            }
            // "was shot and later died in a X hospital", "shot an officer who had seized the X
            // airport": another deed of the story.
            if after && self.other_deed(r.start, ts, te, ps) {
                score -= 130;
            }
            // "..., according to officials of the X district": the source's.
            if after && self.after_attribution(te, ps) {
                score -= 100;
            }
            // "an Su-25": a model's designation.
            if self.model_designation(i) {
                score -= 150;
            }
            if self.source_place(i, r.clone(), bk, before) {
                score -= 150;
            } else if self.source_in_place(i, ts, r.clone(), bk, before) {
                // The source is most often where the event was: a weaker place than one told
                // with the event, but a place when the sentence names no other.
                score -= 60;
            }
            if speech && !(after && dist <= 4 && matches!(before, "in" | "at")) {
                score -= 100;
            }
            // "X said": a place right before a verb of saying is its speaker, a person or a
            // government ("officials in X said" names the speakers' place: see `source_place`).
            if !matches!(before, "in" | "at" | "from")
                && pe < r.end
                && matches!(
                    self.w(pe),
                    "said" | "says" | "told" | "added" | "stated" | "announced" | "declared" | "confirmed" | "denied"
                )
            {
                score -= 150;
            }
            // "in southern X", "far eastern X": a direction before a country names a region of it.
            let part_of_country = ps > r.start && {
                let d = self.w(ps - 1);
                matches!(
                    d,
                    "north"
                        | "south"
                        | "east"
                        | "west"
                        | "northeast"
                        | "northwest"
                        | "southeast"
                        | "southwest"
                        | "central"
                ) || (d.ends_with("ern")
                    && matches!(
                        d.trim_end_matches("ern"),
                        "north" | "south" | "east" | "west" | "northeast" | "northwest" | "southeast" | "southwest"
                    ))
            };
            match p.level {
                PlaceLevel::Country if part_of_country => score -= 15,
                PlaceLevel::Country => score -= 50,
                PlaceLevel::Region => score -= 15,
                PlaceLevel::Feature => score -= 30,
                _ => {}
            }
            let precision = match p.level {
                PlaceLevel::Country | PlaceLevel::Region => 3,
                PlaceLevel::Feature => 2,
                _ if near => 2,
                _ => 1,
            };
            out.push(Candidate {
                mention: i,
                name: None,
                score,
                precision,
                path_only: path && matches!(p.level, PlaceLevel::Point | PlaceLevel::Feature),
            });
        }
        // ", targeting X": the participle's own place outranks the main clause's, which stays
        // its place when the participle names none ("struck X, killing 12").
        if comma_participle {
            let own = |c: &Candidate| self.place_toks[c.mention].0 >= te;
            let min = self.ex.options.min_location_score.max(super::MIN_LOCATION_SCORE);
            if out.iter().any(|c| own(c) && c.score >= min) {
                for c in out.iter_mut().filter(|c| !own(c)) {
                    c.score -= 20;
                }
            }
        }
        out
    }

    pub(super) fn location(
        &self,
        s: usize,
        ts: usize,
        te: usize,
        cue: Option<&EventCue>,
        allow_inherit: bool,
    ) -> Option<Location> {
        if self.other_sense(s, ts, te) {
            return None;
        }
        let ce = self.clause_end(s, te.saturating_sub(1).max(ts));
        let mut best: Option<Candidate> = None;
        // The best known place: where an unknown name gets its coordinates from.
        let mut anchor: Option<Candidate> = None;
        for c in self.place_candidates(s, ts, te, cue) {
            if !self.unresolved(c.mention) && anchor.as_ref().is_none_or(|b| c.score > b.score) {
                anchor = Some(c.clone());
            }
            if best.as_ref().is_none_or(|b| c.score > b.score) {
                best = Some(c);
            }
        }
        if let Some(Candidate { score, mention: i, precision, path_only, .. }) =
            best.filter(|b| b.score >= self.ex.options.min_location_score)
        {
            if self.unresolved(i) {
                // Only a name the gazetteer does not know: the event is there, and the known place
                // of the sentence it lies in or near gives the coordinates (precision 2, or 3 for
                // a province or country); else the paragraph's last place (precision 2).
                let span = self.pl(i).span;
                let anchored = anchor
                    .and_then(|a| {
                        let ap = self.pl(a.mention);
                        let mut pl = if a.path_only { ap.admin1.clone() } else { ap.place.clone() }?;
                        pl.precision = pl.precision.max(a.precision).max(2);
                        Some(pl)
                    })
                    .or_else(|| {
                        (allow_inherit && self.ex.options.inherit_places)
                            .then(|| self.inherited_place(s).map(|l| l.place))
                            .flatten()
                    });
                let unplaced = anchored.is_none();
                let anchored = anchored.or_else(|| {
                    self.ex.options.unplaced_names.then(|| PlaceRef {
                        name: span.of(self.doc.text).to_string(),
                        precision: 3,
                        ..Default::default()
                    })
                });
                if let Some(mut pl) = anchored {
                    pl.text = Some(span.of(self.doc.text).to_string());
                    pl.span = Some(span);
                    return Some(Location { mention: Some(i), place: pl, inherited: false, unplaced, score });
                }
            } else {
                let p = &self.pl(i);
                if path_only {
                    // Only a destination or origin is named: trust its province, not the point.
                    let mut a = p.admin1.clone()?;
                    a.text = p.place.as_ref().and_then(|x| x.text.clone());
                    a.span = Some(p.span);
                    a.precision = 3;
                    return Some(Location { mention: Some(i), place: a, inherited: false, unplaced: false, score });
                }
                let mut pl = p.place.clone()?;
                pl.precision = precision.max(pl.precision);
                return Some(Location { mention: Some(i), place: pl, inherited: false, unplaced: false, score });
            }
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
}
