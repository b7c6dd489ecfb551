//! Static control statements ("held by X", "X controls Y", "X's last stronghold").

use super::roles::same_actor;
use super::words::*;
use super::{Cx, Location, IN_ACTOR, IN_PLACE, IN_TIME};
use crate::lexicon::{ControlCue, ControlShape, Hit};
use crate::mentions::PlaceLevel;
use sitrep_model::record::{ActorRef, ControlRecord, DatePrecision, DateRef, Evidence, Modality, PlaceRef, ReportRef};

impl Cx<'_> {
    pub(super) fn control(&self, s: usize, h: Hit, cue: ControlCue) -> Vec<ControlRecord> {
        let r = self.sent_range(s);
        let cs = self.clause_start(s, h.start);
        let ce = self.clause_end(s, h.end - 1);
        let (controller, places): (Option<usize>, Vec<Location>) = match cue.shape {
            ControlShape::ByRight => {
                let c = self.actor_right(h.end, ce, None, 2);
                let p = self
                    .place_just_before(h.start, r.start)
                    .or_else(|| self.appositive_head(h.start, r.start))
                    .into_iter()
                    .collect();
                (c, p)
            }
            // "Y remains under ISIS control": the subject-object cue "control" read the other way.
            ControlShape::SubjectObject => match self.under(h.start, r.start) {
                Some(under) => under,
                None => {
                    let c = self.actor_left(cs, h.start).or_else(|| self.actor_left(r.start, h.start)).or_else(|| {
                        // "fighters led by HTS now control X": the leader of an unnamed subject.
                        (0..self.m.actors.len()).rev().find(|&i| {
                            let (a, e) = self.actor_toks[i];
                            a >= r.start + 2 && e <= h.start && self.w(a - 1) == "by" && self.w(a - 2) == "led"
                        })
                    });
                    let mut p: Vec<Location> = self
                        .place_just_after(h.end, ce)
                        .or_else(|| self.anaphor_place(s, h.end, ce))
                        .into_iter()
                        .collect();
                    self.conjoined_places(&mut p, ce);
                    (c, p)
                }
            },
            ControlShape::Under => self.under(h.start, r.start).unwrap_or_default(),
            ControlShape::Stronghold => {
                // (not "a former ISIS stronghold", "once the group's bastion")
                let c = (0..self.m.actors.len()).find(|&i| {
                    let (a, ae) = self.actor_toks[i];
                    ae <= h.start
                        && (ae..h.start).all(|k| matches!(self.w(k), "'" | "'s" | "s" | "the" | "its"))
                        && !(a.saturating_sub(3).max(r.start)..a)
                            .any(|k| matches!(self.w(k), "former" | "once" | "erstwhile" | "onetime" | "one-time"))
                });
                let mut ps: Vec<Location> = Vec::new();
                if let Some(ci) = c {
                    for (i, p) in self.m.places.iter().enumerate() {
                        let (a, b) = self.place_toks[i];
                        if a >= cs
                            && b <= self.actor_toks[ci].0
                            && self.usable(i)
                            && p.level == PlaceLevel::Point
                            && !self.is_container(i)
                        {
                            if let Some(pl) = p.place.clone() {
                                ps.push(Location {
                                    mention: Some(i),
                                    place: pl,
                                    inherited: false,
                                    unplaced: false,
                                    score: 0,
                                });
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
        // "was held by ISIS until 2017": a state that has ended says nothing of the report's day.
        if (h.end..r.end)
            .take_while(|&k| !matches!(self.w(k), "," | ";"))
            .any(|k| matches!(self.w(k), "until" | "till"))
        {
            return Vec::new();
        }
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

    /// "Y (remains) under (the) (full) X control|rule|siege", the cue at token `cue`: the controller
    /// X ends at the cue with "under" before it, the place stands just before "under".
    fn under(&self, cue: usize, floor: usize) -> Option<(Option<usize>, Vec<Location>)> {
        let under_of = |a: usize| {
            let mut k = a.checked_sub(1)?;
            while k > floor && matches!(self.w(k), "the" | "full" | "firm" | "complete" | "effective") {
                k -= 1;
            }
            (k >= floor && self.w(k) == "under").then_some(k)
        };
        let (c, k) = (0..self.m.actors.len())
            .filter(|&i| self.actor_toks[i].1 == cue)
            .find_map(|i| under_of(self.actor_toks[i].0).map(|k| (i, k)))?;
        Some((Some(c), self.place_just_before(k, floor).into_iter().collect()))
    }

    /// The places listed after the last of `ps` ("controls X, Y and Z"): each after ",", "and",
    /// "or" or ", and", up to `until`.
    pub(super) fn conjoined_places(&self, ps: &mut Vec<Location>, until: usize) {
        while let Some(last) = ps.last().and_then(|l| l.mention) {
            let mut k = self.place_toks[last].1;
            let mut joined = false;
            while k < until && matches!(self.w(k), "," | "and" | "or") {
                joined = true;
                k += 1;
            }
            if !joined {
                break;
            }
            match self.place_just_after(k, until) {
                Some(l) if l.mention.is_some_and(|i| self.place_toks[i].0 == k) => ps.push(l),
                _ => break,
            }
        }
    }

    /// The places listed after `first` (a place of the sentence, mention `first_mention` ending
    /// at token `first_end`) up to `until` for copies of an event ("captured X and Y"): known
    /// places as [`Cx::conjoined_places`] finds them, and also names the gazetteer does not know
    /// ("captured X and Kafr Y"), which take X's coordinates (precision 2, `mention` None: they
    /// make no control fact).
    pub(super) fn listed_places(&self, first: &Location, first_end: usize, until: usize) -> Vec<Location> {
        let mut out = Vec::new();
        let mut k = first_end;
        loop {
            let mut j = k;
            while j < until && matches!(self.w(j), "," | "and" | "or") {
                j += 1;
            }
            if j == k || j >= until {
                break;
            }
            if let Some(l) =
                self.place_just_after(j, until).filter(|l| l.mention.is_some_and(|i| self.place_toks[i].0 == j))
            {
                k = l.mention.map_or(j + 1, |i| self.place_toks[i].1);
                out.push(l);
                continue;
            }
            // An unknown name the other rules found, or a run of name words in no mention ending
            // where the list or the clause goes on.
            let known_extra = (self.m.places.len()..self.place_toks.len()).find(|&i| self.place_toks[i].0 == j);
            let mut e = j;
            while e < until
                && e - j < 5
                && (self.name_word(e) || (e > j && matches!(self.w(e), "al" | "el" | "ad" | "ar" | "as")))
                && !self.covered(e, IN_ACTOR | IN_PLACE | IN_TIME)
                && !self.is(e, class::CALENDAR_WORDS)
            {
                e += 1;
            }
            let ends =
                e >= until || matches!(self.w(e), "," | "and" | "or" | "." | ";" | "on" | "in" | "after" | "from");
            if let Some(i) = known_extra {
                e = self.place_toks[i].1;
            } else if e == j || !self.capital(j) || !ends || self.extra_overlaps(j, e) {
                break;
            }
            let sp = self.span_of(j, e);
            let mut pl = first.place.clone();
            // (its own name, so that it stays an event of its own beside the first place's)
            pl.name = sp.of(self.doc.text).to_string();
            pl.text = Some(pl.name.clone());
            pl.span = Some(sp);
            pl.precision = pl.precision.max(2);
            out.push(Location { mention: None, place: pl, inherited: false, unplaced: false, score: 0 });
            k = e;
        }
        out
    }

    /// An unknown name the other rules found overlaps tokens `[a, b)` (it is listed as a place
    /// mention already).
    fn extra_overlaps(&self, a: usize, b: usize) -> bool {
        (self.m.places.len()..self.place_toks.len()).any(|i| {
            let (s, e) = self.place_toks[i];
            s < b && a < e
        })
    }

    pub(super) fn place_just_before(&self, tok: usize, floor: usize) -> Option<Location> {
        let (i, p) = self.m.places.iter().enumerate().rfind(|(i, _)| self.place_toks[*i].1 <= tok)?;
        let (_, pe) = self.place_toks[i];
        if pe < floor || !self.usable(i) || p.level == PlaceLevel::Country || tok - pe > 4 {
            return None;
        }
        // ("Douma, a suburb east of the capital Damascus, is besieged": a reference point
        // is not what is held)
        if !(pe..tok).all(|k| self.is(k, class::FILLERS)) || self.near_place(i, floor) {
            return None;
        }
        Some(Location { mention: Some(i), place: p.place.clone()?, inherited: false, unplaced: false, score: 0 })
    }

    /// "X, the last large town held by Y": an appositive whose head noun names a kind of place
    /// ends at `tok`; the place is X, just before its comma.
    fn appositive_head(&self, tok: usize, floor: usize) -> Option<Location> {
        if tok <= floor || !self.is(tok - 1, class::AREA_NOUNS) {
            return None;
        }
        let comma = (tok.saturating_sub(8).max(floor)..tok - 1).rev().find(|&k| self.w(k) == ",")?;
        let words_only = (comma + 2..tok - 1).all(|k| {
            let w = self.w(k);
            w.chars().all(|c| c.is_alphabetic() || c == '-') && !matches!(w, "which" | "that" | "who" | "and" | "or")
        });
        if !matches!(self.w(comma + 1), "the" | "a" | "an" | "one") || !words_only {
            return None;
        }
        self.place_just_before(comma, floor)
    }

    pub(super) fn place_just_after(&self, tok: usize, until: usize) -> Option<Location> {
        let (i, p) = self.m.places.iter().enumerate().find(|(i, _)| self.place_toks[*i].0 >= tok)?;
        let (ps, _) = self.place_toks[i];
        if ps >= until || !self.usable(i) || p.level == PlaceLevel::Country || ps - tok > 4 {
            return None;
        }
        if !(tok..ps).all(|k| self.is(k, class::FILLERS) || is_share(self.w(k))) {
            return None;
        }
        let mut pl = p.place.clone()?;
        if p.level == PlaceLevel::Region {
            pl.precision = 3;
        }
        Some(Location { mention: Some(i), place: pl, inherited: false, unplaced: false, score: 0 })
    }
}

/// A controller without this mention's text/span (the same for every observation).
pub(super) fn strip(a: &ActorRef) -> ActorRef {
    ActorRef { text: a.text.clone(), span: a.span, ..a.clone() }
}

pub(super) fn dedup_controls(v: &mut Vec<ControlRecord>) {
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

/// Words of a share of a place held ("most of X", "large parts of Y", "the whole of Z", "the
/// countryside of X", "rural X").
fn is_share(w: &str) -> bool {
    matches!(
        w,
        "most"
            | "much"
            | "all"
            | "half"
            | "large"
            | "swathes"
            | "swaths"
            | "bulk"
            | "entire"
            | "whole"
            | "rest"
            | "countryside"
            | "rural"
    )
}

pub(super) fn is_admin(p: &PlaceRef) -> bool {
    p.feature_code.as_deref().is_some_and(|f| f.starts_with("ADM"))
}
