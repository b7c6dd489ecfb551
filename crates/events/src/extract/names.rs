//! Place names the gazetteer does not know, found by where they stand: "in the village of X",
//! "at X", "the X district", "X Farms". Small places (villages, quarters, hills, checkpoints) are
//! where much of a war happens and few of them are in any gazetteer; the event stage places an
//! event at such a name and takes its coordinates from the known place it lies in or near.

use super::words::*;
use super::{Cx, IN_ACTOR, IN_PLACE, IN_TIME, NAME_WORD};
use sitrep_model::text::{Doc, TokenKind};

/// At most this many words in an unknown name.
const MAX_NAME_WORDS: usize = 5;

/// Closed classes of words that may follow a place name (a clause word, a preposition, a verb of
/// being, an adverb, a unit noun).
const FOLLOWERS: u64 = class::CLAUSE_WORDS
    | class::OBJECT_PREPS
    | class::LOCATIVE_PREPS
    | class::PATH_PREPS
    | class::BE
    | class::ADVERBS
    | class::UNIT_NOUNS
    | class::NEAR_WORDS;

impl Cx<'_> {
    /// A word that can be part of a proper name: capitalized ("Tal", "PK12", "Al-Malaah") or a
    /// romanized article joined to a name ("al-Ansari"). (Worked out once per token by
    /// [`is_name_word`].)
    pub(super) fn name_word(&self, k: usize) -> bool {
        self.flags.get(k).is_some_and(|f| f & NAME_WORD != 0)
    }

    /// Token ranges of unknown place names in sentence `s`, in text order.
    pub(super) fn unknown_names(&self, s: usize, out: &mut Vec<(usize, usize)>) {
        let r = self.sent_range(s);
        let mut k = r.start + 1; // the first word is capitalized anyway
        while k < r.end {
            // (most words are none: skip to the next name word)
            match self.flags.get(k..r.end).and_then(|f| f.iter().position(|&f| f & NAME_WORD != 0)) {
                Some(j) => k += j,
                None => break,
            }
            // "Mogadishu's" (one token): a known place owning what follows ("X's Y district");
            // the name starts after it.
            if !self.name_word(k) || self.covered(k, IN_ACTOR | IN_TIME) {
                k += 1;
                continue;
            }
            let owner = self.covered(k, IN_PLACE) && (self.w(k).ends_with("'s") || self.w(k).ends_with("’s"));
            if owner {
                k += 1;
                continue;
            }
            // The longest run of name words, joined by romanized articles ("Ras al Ain") and
            // numbers after a word ("Route 9").
            let a = k;
            let mut b = k + 1;
            let mut blocked = false;
            while b < r.end && b - a < MAX_NAME_WORDS + 2 {
                // "Kafr Tala's Dibo district": a possessive ends the owner's name.
                if self.w(b - 1).ends_with("'s") || self.w(b - 1).ends_with("’s") {
                    break;
                }
                if self.name_word(b) || (self.doc.tokens[b].kind == TokenKind::Number && self.name_word(b - 1)) {
                    b += 1;
                } else if self.is(b, class::INNER_NAME_WORDS) && b + 1 < r.end && self.name_word(b + 1) {
                    b += 2;
                } else {
                    break;
                }
            }
            // "the suburb of X Friday": a day or month after the name is no part of it.
            while b > a + 1 && (self.is(b - 1, class::CALENDAR_WORDS) || self.covered(b - 1, IN_TIME)) {
                b -= 1;
            }
            let mut placed = false;
            for j in a..b {
                if self.covered(j, IN_ACTOR | IN_TIME) || self.is(j, class::CALENDAR_WORDS) {
                    blocked = true;
                }
                placed |= self.covered(j, IN_PLACE);
            }
            // A known place inside a longer name ("Baba Amr" where "Baba" alone is a place):
            // only when the name goes on past it with words that are no place's tail.
            if placed {
                let goes_on = (a..b).any(|j| {
                    !self.covered(j, IN_PLACE)
                        && self.name_word(j)
                        && !self.is(j, class::NAME_TAILS | class::PLACE_HEADS | class::UNIT_NOUNS | class::REGION_HEADS)
                });
                blocked |= self.covered(b - 1, IN_PLACE) || !goes_on;
            }
            k = b;
            if blocked || b - a > MAX_NAME_WORDS {
                continue;
            }
            // A headline in title case capitalizes every word.
            if self.unknown_name_ok(r.start, r.end, a, b) && !self.title_case(s) {
                out.push((a, b));
            }
        }
    }

    /// The name at tokens `[a, b)` stands where only a place can.
    fn unknown_name_ok(&self, floor: usize, ceil: usize, a: usize, b: usize) -> bool {
        let single = b - a == 1;
        if self.is(b - 1, class::NOT_PLACE_HEADS) || (a..b).any(|k| self.is(k, class::NOT_PLACE_WORDS)) {
            return false;
        }
        // "Wednesday's", "the company's": an owner, not a place. "Oct. 12": a date.
        if (a..b).any(|k| {
            let w = self.w(k);
            w.ends_with("'s")
                || self.is(k, class::CALENDAR_WORDS)
                || class_of(w.trim_end_matches('.')) & class::CALENDAR_WORDS != 0
        }) {
            return false;
        }
        // Initialisms are organizations ("BSF", "PRI"), capitals-only phrases headlines or
        // datelines; a lone direction or part word ("North", "Central") is part of a longer name.
        let upper = |k: usize| {
            let t = self.doc.token_text(k);
            t.chars().filter(|c| c.is_alphabetic()).count() > 1 && !t.chars().any(char::is_lowercase)
        };
        if (single && upper(a) && !self.doc.token_text(a).chars().any(|c| c.is_ascii_digit()))
            || (!single && (a..b).all(upper))
        {
            return false;
        }
        if single
            && (self.is(a, class::PLACE_PREMODIFIERS)
                || self.is(a, class::NEAR_WORDS)
                || self.is(a, class::UNIT_NOUNS)
                || self.is(b - 1, class::PLACE_HEADS))
        {
            return false;
        }
        // Right next to a known place or actor: the rest of a name the other stages read in part
        // ("French Hill", "Azov Sea"), or a name of their own ("Temple of Heaven").
        if a > floor
            && self.capital(a - 1)
            && self.covered(a - 1, IN_ACTOR | IN_PLACE)
            && !self.w(a - 1).ends_with("'s")
        {
            return false;
        }
        if b < ceil && self.capital(b) && self.covered(b, IN_ACTOR | IN_PLACE) {
            return false;
        }
        let headed_name = self.is(b - 1, class::PLACE_HEADS);
        if !headed_name && b + 1 < ceil && self.w(b) == "of" && self.capital(b + 1) {
            return false;
        }
        // A proper name takes no indefinite article ("in a Bazaar", "a mostly X neighbourhood").
        let mut d = a;
        while d > floor
            && (self.is(d - 1, class::ADVERBS)
                || matches!(self.w(d - 1), "mostly" | "mainly" | "largely" | "predominantly" | "overwhelmingly"))
        {
            d -= 1;
        }
        if d > floor && matches!(self.w(d - 1), "a" | "an") {
            return false;
        }
        // "in X west Y" (Y a known place): one word before a compass word and a place describes it.
        let compass = ["north", "south", "east", "west", "central"].iter().any(|c| self.w(b).starts_with(c));
        if single && b + 1 < ceil && compass && self.covered(b + 1, IN_PLACE) {
            return false;
        }
        // "the Industrial city of Y", "the Holy town of Y": the name is Y; one word before "city/town of"
        // describes it (a part is named before its town: "the X district of Y").
        if single
            && b + 2 < ceil
            && matches!(self.w(b), "city" | "town" | "village" | "province")
            && self.w(b + 1) == "of"
            && self.name_word(b + 2)
        {
            return false;
        }
        // "X's": a person's or an owner's name, unless a place noun follows ("X's outskirts").
        let possessive = matches!(self.w(b), "'s" | "'");
        // A person's name after a title ("Mr. X", "Gen. X", "President X").
        if a > floor && PERSON_TITLES.contains(&self.w(a - 1).trim_end_matches('.')) {
            return false;
        }
        // The name itself ends with a place noun: "Al-Malaah Farms", "Thardeh Mountains".
        let headed = b - a >= 2 && headed_name;
        // A place noun follows: "the Babaji area", "Durgi village".
        let unit_after = b < ceil
            && (self.is(b, class::UNIT_NOUNS) || self.is(b, class::GROUND_HEADS) && !self.capital(b))
            && !matches!(self.w(b), "capital" | "state" | "border");
        // Before it: "the village of", "the Kurdish district of", then maybe "in", "at".
        let mut k = a;
        while k > floor && self.is(k - 1, class::PLACE_PREMODIFIERS) {
            k -= 1;
        }
        let mut unit_of = false;
        if k > floor + 1 && self.w(k - 1) == "of" && self.is(k - 2, class::UNIT_NOUNS | class::GROUND_OF_NOUNS) {
            unit_of = true;
            k -= 2;
            // "the (Kurdish) district of": the words before the unit noun.
            let stop = k.saturating_sub(3).max(floor);
            while k > stop && !matches!(self.w(k - 1), "the" | "a" | "an") && !self.is(k - 1, class::LOCATIVE_PREPS) {
                k -= 1;
            }
            while k > floor && self.is(k - 1, class::PLACE_PREMODIFIERS) {
                k -= 1;
            }
        }
        let before = if k > floor { self.w(k - 1) } else { "" };
        let prep = (k > floor && self.is(k - 1, class::NAME_PREPS))
            || (before == "of" && k > floor + 1 && self.is(k - 2, class::NEAR_WORDS));
        if possessive && !unit_of && !headed {
            return false;
        }
        // One word followed by a common noun it describes: "a Jewish settlement", "a Catholic
        // church" (not "the X crossing"); after "the village of" it is the name when the word
        // after it is a verb or a participle ("the quarter of X crowded with").
        if single
            && !(unit_of && (self.w(b).ends_with("ed") || self.w(b).ends_with("ing")))
            && b < ceil
            && self.doc.tokens[b].kind == TokenKind::Word
            && !self.capital(b)
            && !self.covered(b, IN_TIME)
            && !self.is(b, FOLLOWERS)
            && !self.is(b, class::FOLLOW_WORDS | class::PLACE_HEADS | class::FACILITY_HEADS)
        {
            return false;
        }
        // A single capitalized word after a bare preposition is too often a person, a month or
        // an organization ("to Reuters"); only "in", "at", "near" and the like take it.
        // The object of a verb whose object is ground, never a person ("stormed X", "entered
        // X"), or of one that takes ground or people alike after "the" ("captured the X Y"; a
        // person's name takes no article).
        let mut v = k;
        while v > floor && matches!(self.w(v - 1), "the" | "strategic" | "key" | "imperative" | "nearby") {
            v -= 1;
        }
        let article = (v..k).any(|t| self.w(t) == "the");
        let object = v > floor
            && (self.is(v - 1, class::GROUND_VERBS) && article && !single || self.is(v - 1, class::PLACE_OBJECT_VERBS));
        unit_of
            || headed
            || unit_after
            || object
            || (prep && (!single || (k > floor && self.is(k - 1, class::SINGLE_NAME_PREPS))))
    }
}

/// A word token `t` (capitalized or not, `capital`) can be part of a proper name (see [`Cx::name_word`]).
#[inline]
pub(super) fn is_name_word(t: &[u8], capital: bool) -> bool {
    match t.first() {
        Some(c) if c.is_ascii_uppercase() => true,
        Some(c) if c.is_ascii() => {
            // Only "xx-" or "xxx-" words can start with a romanized article.
            (t.get(2) == Some(&b'-') || t.get(3) == Some(&b'-'))
                && ARTICLE_PREFIXES.iter().any(|p| {
                    t.strip_prefix(p.as_bytes())
                        .and_then(|r| std::str::from_utf8(r).ok())
                        .is_some_and(|r| r.chars().next().is_some_and(char::is_alphabetic))
                })
        }
        _ => capital,
    }
}

/// Pushes the unknown names of every sentence of `doc` (see [`Cx::unknown_names`]).
pub(super) fn all_unknown_names(cx: &Cx, doc: &Doc, out: &mut Vec<(usize, usize)>) {
    for s in 0..doc.sentences.len() {
        cx.unknown_names(s, out);
    }
}
