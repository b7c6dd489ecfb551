//! Places an event takes when its sentence names none: the antecedent of "the city" / "the
//! governorate", or the paragraph's last specific place.

use super::super::words::*;
use super::super::{Cx, Location};
use crate::mentions::PlaceLevel;

impl Cx<'_> {
    /// "the city" / "the governorate" after token `from` (before `until`): the last fitting place
    /// named earlier in the paragraph.
    pub(in crate::extract) fn anaphor_place(&self, s: usize, from: usize, until: usize) -> Option<Location> {
        let k = (from..until.min(from + 4)).find(|&k| {
            let n = if matches!(self.w(k + 1), "whole" | "entire") { k + 2 } else { k + 1 };
            self.w(k) == "the" && (self.is(n, class::CITY_NOUNS) || self.is(n, class::PROVINCE_NOUNS))
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
            .filter(|(i, p)| p.span.start >= para_start && p.span.end <= before && self.usable(*i))
            .rfind(|(i, p)| p.level == PlaceLevel::Point && !self.is_container(*i) || PROVINCE_NOUNS.contains(&noun))?;
        let (i, p) = cand;
        if PROVINCE_NOUNS.contains(&noun) {
            let mut a = if p.level == PlaceLevel::Region { p.place.clone()? } else { p.admin1.clone()? };
            a.text = Some(self.span_of(k, k + 2).of(self.doc.text).to_string());
            a.span = Some(self.span_of(k, k + 2));
            a.precision = 3;
            return Some(Location { mention: Some(i), place: a, inherited: true, unplaced: false, score: -100 });
        }
        if p.level != PlaceLevel::Point {
            return None;
        }
        let mut pl = p.place.clone()?;
        pl.precision = 2;
        Some(Location { mention: Some(i), place: pl, inherited: true, unplaced: false, score: -100 })
    }

    /// The last specific place named in the same paragraph before sentence `s` (precision 2).
    pub(in crate::extract) fn inherited_place(&self, s: usize) -> Option<Location> {
        let para = self.doc.sentences[s].paragraph;
        let start = self.doc.sentences[s].span.start;
        let para_start = self.doc.paragraphs.get(para).map(|p| p.start).unwrap_or(0);
        let (i, p) = self.m.places.iter().enumerate().rfind(|(i, p)| {
            p.span.start >= para_start
                && p.span.end <= start
                && self.usable(*i)
                && p.level == PlaceLevel::Point
                && !self.is_container(*i)
        })?;
        let mut pl = p.place.clone()?;
        pl.precision = 2;
        Some(Location { mention: Some(i), place: pl, inherited: true, unplaced: false, score: -100 })
    }
}
