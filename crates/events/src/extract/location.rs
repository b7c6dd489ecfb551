//! Event location: the place where the event happened, not every place in the sentence.

use super::words::*;
use super::{Cx, Location};
use crate::lexicon::EventCue;
use crate::mentions::{PlaceIn, PlaceLevel, PlaceRole};

impl Cx<'_> {
    /// A literal, resolved place that the actor stage does not read as an actor ("Damascus
    /// demands", "SAA").
    pub(super) fn usable(&self, p: &PlaceIn) -> bool {
        p.role == PlaceRole::Literal && p.place.is_some() && !self.m.actors.iter().any(|a| a.span.overlaps(p.span))
    }

    /// Is place mention `i` the container of an earlier place ("X in Syria")?
    pub(super) fn is_container(&self, i: usize) -> bool {
        let (s, _) = self.place_toks[i];
        if s < 2 || !matches!(self.w(s - 1), "in" | ",") {
            return false;
        }
        self.m.places[i].level != PlaceLevel::Point
            && self.place_toks.iter().take(i).any(|&(_, e)| e + 1 == s || e + 2 == s)
    }

    /// The word before a place, skipping determiners and "city of".
    pub(super) fn word_before_place(&self, i: usize, floor: usize) -> (usize, &str) {
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

    pub(super) fn location(
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
    pub(super) fn anaphor_place(&self, s: usize, from: usize, until: usize) -> Option<Location> {
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
    pub(super) fn inherited_place(&self, s: usize) -> Option<Location> {
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
}
