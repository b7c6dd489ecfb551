//! One event told twice in a sentence is one event: ACLED's unit is one type of violence by one
//! actor at one place on one day, and a sentence often names it by its weapon and by its outcome
//! ("a car bomb killed 12 people", "a roadside bomb exploded near a patrol, killing two soldiers").

use super::Cx;
use crate::lexicon::EventCue;
use sitrep_model::record::{ControlRecord, EventRecord};

/// An event found in a sentence: its cue, the record and the control fact it implies.
pub(super) type Found<'c> = (&'c EventCue, EventRecord, Option<ControlRecord>);

/// Political violence: battles, explosions and remote violence, violence against civilians.
fn violent(e: &EventRecord) -> bool {
    e.acled.as_ref().is_some_and(|a| {
        matches!(a.event_type.as_str(), "Battles" | "Explosions/Remote violence" | "Violence against civilians")
    })
}

impl Cx<'_> {
    /// "before the offensive", "after this attack": a definite noun after a preposition of time
    /// names an event the report tells elsewhere (or told before); it is no new event.
    /// ("after the Turkish capture of", "since last month's takeover": a few words may stand between)
    pub(super) fn earlier_event_named(&self, start: usize, ts: usize, noun: bool) -> bool {
        let det = |w: &str| matches!(w, "the" | "this" | "that" | "its" | "their" | "'s");
        if ts == start || !(noun || det(self.w(ts - 1))) {
            return false;
        }
        let from = ts.saturating_sub(5).max(start);
        let Some(p) = (from..ts).rev().find(|&k| {
            matches!(self.w(k), "before" | "after" | "since" | "following" | "until")
                || (k > start && self.w(k) == "of" && self.w(k - 1) == "ahead")
        }) else {
            return false;
        };
        let between = p + 1..ts;
        // (no clause in between: "after the town was officially declared retaken", "after signing the deal")
        between.clone().any(|k| det(self.w(k)))
            && between.clone().all(|k| {
                let w = self.w(k);
                !matches!(w, "," | "and" | "a" | "an" | "was" | "were" | "is" | "are" | "had" | "has" | "have" | "been")
                    && !w.ends_with("ing")
            })
    }

    /// The generic verb of harm at `i` ("killed", "killing") tells the outcome of another
    /// violent event of the sentence: its subject ("an air strike killed"), or the event a
    /// participle after a comma follows ("exploded near a patrol, killing two soldiers").
    /// An outcome on armed men ("killing 40 soldiers": an armed clash) makes the attack it tells a clash.
    pub(super) fn told_by_other(&self, found: &mut [Found], i: usize, generic: &dyn Fn(&EventRecord) -> bool) -> bool {
        let (cue, ev, _) = &found[i];
        if cue.flags.noun || !generic(ev) {
            return false;
        }
        let t = ev.trigger.span;
        let text = self.doc.text;
        let word = ev.trigger.text.to_ascii_lowercase();
        if !matches!(word.as_str(), "killed" | "kill" | "kills" | "killing" | "wounding" | "injuring") {
            return false;
        }
        let participle = word.ends_with("ing") && text[..t.start].trim_end().ends_with(',');
        let teller = (0..found.len()).find(|&j| {
            let other = &found[j].1;
            let o = other.trigger.span;
            if j == i || !violent(other) || o.end > t.start {
                return false;
            }
            if participle {
                return true;
            }
            let gap = &text[o.end..t.start];
            let words: Vec<&str> = gap.split_whitespace().collect();
            // ("an attack on a base near X that it said killed 30 soldiers": a relative clause)
            let relative = words.iter().rev().take(3).any(|w| matches!(*w, "that" | "which"));
            (words.len() <= 4 || relative) && !gap.contains([',', ';', '.'])
        });
        let Some(j) = teller else { return false };
        let is = |f: &Found, sub: &str| f.1.acled.as_ref().is_some_and(|a| a.sub_event_type == sub);
        if is(&found[i], "Armed clash") && is(&found[j], "Attack") {
            found[j].1.acled = found[i].1.acled.clone();
        }
        true
    }
}

/// Events of one type, place, date and modality in one sentence are one event ("missile troops
/// and artillery struck ..." is one shelling): the first is kept and takes the roles it lacks.
pub(super) fn same_event_once(found: &mut Vec<Found>) {
    let mut i = 0;
    while i < found.len() {
        let mut j = i + 1;
        while j < found.len() {
            let (a, b) = (&found[i].1, &found[j].1);
            let same = a.acled.is_some()
                && a.acled == b.acled
                && a.modality == b.modality
                && a.date == b.date
                && a.place.as_ref().map(|p| (p.geonameid, &p.name)) == b.place.as_ref().map(|p| (p.geonameid, &p.name));
            if !same {
                j += 1;
                continue;
            }
            let (_, dup, ctl) = found.remove(j);
            let kept = &mut found[i];
            if kept.1.actor1.is_empty() {
                kept.1.actor1 = dup.actor1;
            }
            if kept.1.actor2.is_empty() {
                kept.1.actor2 = dup.actor2;
            }
            if kept.2.is_none() {
                kept.2 = ctl;
            }
        }
        i += 1;
    }
}
