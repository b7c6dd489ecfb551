//! Containers and reference points: "X in Y", "Y's X", "the Y town of X", "X, 20 km north of
//! Y" name Y only to say where X is.

use super::super::words::*;
use super::super::Cx;
use crate::mentions::{PlaceLevel, PlaceRole};
use sitrep_model::text::TokenKind;

impl Cx<'_> {
    /// Is place mention `i` the container of, or a reference point for, another place of its
    /// sentence? "X in Y", "X, Y-province", "Y's X", "the Y town of X", "X district of Y",
    /// "X near Y", "X, 20 km north of Y": Y is not where the event happened when X is named.
    pub(in crate::extract) fn is_container(&self, i: usize) -> bool {
        if let Some(known) = self.container[i].get() {
            return known;
        }
        let c = self.find_container(i);
        self.container[i].set(Some(c));
        c
    }

    fn find_container(&self, i: usize) -> bool {
        let (s, e) = self.place_toks[i];
        let Some(sent) = self.doc.sentence_at(self.pl(i).span.start) else { return false };
        let floor = self.sent_range(sent).start;
        let ceil = self.sent_range(sent).end;
        let level = self.pl(i).level;
        // A building or street the gazetteer does not know makes no container of the place it
        // is in: the event is told at that place ("near the X Restaurant in Y").
        let literal = |j: usize| j != i && self.pl(j).role == PlaceRole::Literal && !self.facility(j);
        let other_ends_at = |k: usize| self.places_ending_at(k).any(literal);
        let other_starts_at = |k: usize| self.places_starting_at(k).any(literal);
        // Walk back over "village", "district", "the" to the word that links Y to what precedes.
        let mut k = s;
        while k > floor && (self.is(k - 1, class::UNIT_NOUNS) || self.is(k - 1, class::PLACE_PREMODIFIERS)) {
            k -= 1;
        }
        if k > floor + 1 {
            let link = self.w(k - 1);
            // An earlier place ends right before the link, maybe followed by its own unit noun
            // ("X local government area in Y": a Nigerian district and its state).
            let mut j = k - 1;
            while j > floor && (self.is(j - 1, class::UNIT_NOUNS) || matches!(self.w(j - 1), "local" | "government")) {
                j -= 1;
            }
            let anchored = other_ends_at(j) || other_ends_at(k - 1);
            // "Eidgah area of Karachi" (the name, then its container), not "the West Bank city of
            // Nablus" (a describing place, then the name).
            // "the Shaab neighborhood of Baghdad": a part of a town is named before it even after "the"
            // (but "the Nairobi suburb of X" names the town first). A "district" is often named
            // after its seat ("the X district of Y" in Syria holds Y). A name the gazetteer does
            // not know before a known one is the small part; a known one before an unknown one
            // is the town.
            let part = matches!(self.w(j), "quarter" | "neighborhood" | "neighbourhood" | "area" | "sector" | "camp");
            let known = !self.unresolved(i);
            let named_part =
                j < k - 1 && self.places_ending_at(j).any(|p| literal(p) && known && (self.unresolved(p) || part));
            let named_part = named_part
                || j < k - 1 && {
                    let start = self.places_ending_at(j).find(|&p| literal(p)).map(|p| self.place_toks[p].0);
                    start.is_some_and(|a| {
                        a > floor
                            && !matches!(self.w(a - 1), "the" | "a" | "an" | "'s")
                            && !self.w(a - 1).ends_with("ern")
                    })
                };
            match link {
                "in" | "near" if anchored => return true,
                "of" if named_part => return true,
                "," if anchored && level != PlaceLevel::Point => return true,
                _ => {}
            }
        }
        // "X, 48 km north of Y", "X, west of Y": a distance or a direction before Y, and a place
        // shortly before that.
        if k > floor + 1 && matches!(self.w(k - 1), "of" | "from") {
            let mut j = k - 1;
            let stop = j.saturating_sub(6).max(floor);
            let direction = self.is(j - 1, class::NEAR_WORDS) && self.w(j - 1) != "outskirts";
            while j > stop && !self.is(j, class::DISTANCE_UNITS) {
                j -= 1;
            }
            if direction && !self.is(j, class::DISTANCE_UNITS) {
                j = k - 2;
            }
            if (direction || self.is(j, class::DISTANCE_UNITS))
                && (floor.max(j.saturating_sub(10))..j).any(|t| {
                    // Not across a participle's comma ("in X on Monday, targeting the area
                    // south of Y": Y is the participle's place, not a reference for X's).
                    other_ends_at(t + 1) && self.comma_participles[j] == self.comma_participles[t + 1]
                })
            {
                return true;
            }
        }
        // "Y's (northern) district of X" / "Y's X" and "the Y town of X".
        let mut t = e;
        if matches!(self.w(t), "'s" | "'") {
            t += 1;
        }
        // "Tala's" is one token: the place's span ends inside it.
        let possessive = t > e || self.possessive_inside(i);
        // Up to three describing words ("mainly Shiite", "northern", "the Y regional capital of X").
        let mut n = 0;
        while t < ceil
            && n < 3
            && !self.is(t, class::UNIT_NOUNS)
            && !other_starts_at(t)
            && self.doc.tokens[t].kind == TokenKind::Word
            && (possessive
                || self.is(t, class::PLACE_PREMODIFIERS)
                || self.w(t).ends_with("ern")
                || matches!(self.w(t), "regional" | "provincial" | "administrative"))
        {
            t += 1;
            n += 1;
        }
        if possessive && other_starts_at(t) {
            return true;
        }
        let mut u = t;
        while u < ceil && u < t + 3 && self.is(u, class::UNIT_NOUNS) {
            u += 1;
        }
        if u > t {
            if self.w(u) == "of" && other_starts_at(u + 1) {
                // "the X district of Y province": X is the part, Y its container.
                let province_after = self.places_starting_at(u + 1).filter(|&j| literal(j)).any(|j| {
                    let pe = self.place_toks[j].1;
                    pe < ceil
                        && (self.is(pe, class::PROVINCE_NOUNS)
                            || matches!(self.w(pe), "state" | "county" | "lga" | "local"))
                });
                return !province_after;
            }
            if possessive && other_starts_at(u) {
                return true;
            }
        }
        false
    }
}
