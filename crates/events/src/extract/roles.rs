//! Roles: who did it to whom, from clause-level patterns over tokens and actor mentions.

use super::words::*;
use super::{Cx, Roles, IN_TIME};
use crate::lexicon::{CueKind, EventCue};
use sitrep_model::record::ActorRef;

impl Cx<'_> {
    pub(super) fn actor_ref(&self, i: usize) -> ActorRef {
        let a = &self.m.actors[i];
        let mut r = a.actor.clone();
        r.span = Some(a.span);
        r.text = Some(a.span.of(self.doc.text).to_string());
        r
    }

    /// The nearest actor mention ending at or before token `before`, in the range `[from, before)`,
    /// skipping objects of prepositions.
    pub(super) fn actor_left(&self, from: usize, before: usize) -> Option<usize> {
        (0..self.m.actors.len())
            .filter(|&i| {
                let (s, e) = self.actor_toks[i];
                // "with the M23 and accuses ...": the preposition may stand before a determiner.
                let mut p = s;
                while p > from && matches!(self.w(p - 1), "the" | "a" | "an") {
                    p -= 1;
                }
                s >= from && e <= before && !(p > 0 && self.is(p - 1, class::OBJECT_PREPS) && !self.allegiance(p - 1))
            })
            .max_by_key(|&i| self.actor_toks[i].1)
    }

    /// The preposition at `k` tells whose side a subject is on ("forces loyal to X", "fighters
    /// linked to X", "militias allied with X"): X stands for the subject.
    fn allegiance(&self, k: usize) -> bool {
        k > 0
            && matches!(self.w(k), "to" | "with")
            && matches!(self.w(k - 1), "loyal" | "allied" | "linked" | "affiliated" | "aligned" | "belonging" | "close")
    }

    /// The first actor mention starting in `[after, until)`, optionally only right after one of `preps`.
    pub(super) fn actor_right(
        &self,
        after: usize,
        until: usize,
        preps: Option<&[&str]>,
        max_gap: usize,
    ) -> Option<usize> {
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

    /// The first token of `tok`'s clause (not before sentence `s`).
    pub(super) fn clause_start(&self, s: usize, tok: usize) -> usize {
        let r = self.sent_range(s);
        let k = tok.min(r.end.saturating_sub(1));
        if k <= r.start {
            return k;
        }
        self.clause_bounds[self.clause[k]].0.max(r.start)
    }

    /// The token after the last of `tok`'s clause (not past sentence `s`).
    pub(super) fn clause_end(&self, s: usize, tok: usize) -> usize {
        let r = self.sent_range(s);
        let c = self.clause[tok.min(r.end - 1)];
        if tok >= r.end {
            return tok;
        }
        self.clause_bounds[c].1.min(r.end)
    }

    pub(super) fn is_passive(&self, ts: usize, cue: &EventCue) -> bool {
        if cue.flags.no_passive || cue.flags.noun || self.w(ts).ends_with("ing") {
            return false;
        }
        let mut k = ts;
        let r_start =
            self.doc.sentence_at(self.doc.tokens[ts].span.start).map(|s| self.sent_range(s).start).unwrap_or(0);
        while k > r_start && self.is(k - 1, class::ADVERBS) {
            k -= 1;
        }
        if k > r_start && self.is(k - 1, class::BE) {
            return true;
        }
        // A reduced passive: a participle right before "by" and an actor ("groups backed by
        // Washington", "a convoy attacked by gunmen").
        let w = self.w(ts);
        let participle =
            w.ends_with("ed") || w.ends_with("en") || matches!(w, "shot" | "hit" | "held" | "struck" | "hurt");
        participle && self.w(ts + 1) == "by" && {
            let r_end = self.sent_range_of(ts).end;
            self.actor_right(ts + 1, r_end, Some(&["by"]), 3).is_some()
        }
    }

    fn sent_range_of(&self, tok: usize) -> std::ops::Range<usize> {
        self.doc.sentence_at(self.doc.tokens[tok].span.start).map(|s| self.sent_range(s)).unwrap_or(tok..tok + 1)
    }

    /// A participle after a comma (", killing nine fighters") has the agent of the clause before
    /// it: the actor1 of the first verbal event cue of the sentence before the comma.
    fn participle_agent(&self, s: usize, ts: usize) -> Option<Option<usize>> {
        let r = self.sent_range(s);
        if ts == r.start || self.w(ts - 1) != "," || !self.w(ts).ends_with("ing") {
            return None;
        }
        let entries = &self.ex.lexicon.entries;
        let main = self
            .sentence_hits(s, |k| matches!(k, CueKind::Event(c) if !c.is_marker() && !c.flags.ignore))
            .into_iter()
            .find(|h| {
                h.end < ts
                    && !(h.start > r.start
                        && matches!(
                            self.w(h.start - 1),
                            "," | "a" | "an" | "the" | "its" | "their" | "any" | "this" | "that"
                        ))
                    && matches!(&entries[h.entry].kind, CueKind::Event(c) if !c.flags.noun)
            });
        // Without an event verb before it, the sentence's subject; never the nearest actor before
        // the comma, which is mostly the object of the main verb ("struck an ISIS camp, killing").
        let Some(main) = main else { return Some(self.subject_of(s).filter(|&a| self.actor_toks[a].1 <= ts)) };
        let CueKind::Event(cue) = &entries[main.entry].kind else { return None };
        Some(self.roles(s, main.start, main.end, cue).actor1)
    }

    /// The actor a paragraph is about: the subject of the closest earlier sentence that has one.
    pub(super) fn topic_actor(&self, s: usize) -> Option<usize> {
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
    pub(super) fn subject_of(&self, s: usize) -> Option<usize> {
        let r = self.sent_range(s);
        let first =
            (0..self.m.actors.len()).find(|&i| self.actor_toks[i].0 >= r.start && self.actor_toks[i].0 < r.end)?;
        let start = self.actor_toks[first].0;
        let ok = (r.start..start).all(|k| self.is(k, class::SUBJECT_LEAD) || self.covered(k, IN_TIME));
        ok.then_some(first)
    }

    pub(super) fn roles(&self, s: usize, ts: usize, te: usize, cue: &EventCue) -> Roles {
        let r = self.sent_range(s);
        let cs = self.clause_start(s, ts);
        let ce = self.clause_end(s, te - 1);
        // Across a "but/while/although" clause only when that clause has no subject of its own
        // ("X took Y but later withdrew"; not "X holds Y, but rebel units are advancing").
        let own_subject = cs > r.start
            && matches!(self.w(cs), "but" | "while" | "whereas" | "although" | "though")
            && (cs + 1..ts).find(|&k| !self.is(k, class::ADVERBS)).is_some_and(|k| {
                let w = self.w(k);
                self.doc.tokens[k].kind == sitrep_model::text::TokenKind::Word
                    && !self.is(k, class::BE)
                    && !w.ends_with("ed")
                    && !matches!(
                        w,
                        "have"
                            | "has"
                            | "had"
                            | "will"
                            | "would"
                            | "could"
                            | "may"
                            | "might"
                            | "did"
                            | "do"
                            | "does"
                            | "also"
                            | "then"
                            | "not"
                            | "soon"
                            | "still"
                            | "later"
                            | "to"
                    )
            });
        // ("Myanmar: Resistance forces are expected to launch an assault": a heading before a
        // colon opening the sentence is no subject)
        let floor = (r.start + 1..(r.start + 5).min(ts)).find(|&k| self.w(k) == ":").map_or(r.start, |k| k + 1);
        let mut left = self.actor_left(cs, ts).or_else(|| if own_subject { None } else { self.actor_left(floor, ts) });
        // "the SAA, backed by Russian air power, launched": the actor in a phrase set off by commas
        // between the subject and its verb is not the subject; the subject before the phrase is.
        let mut after_subject = left.map(|a| self.actor_toks[a].1);
        if let Some((head, phrase_end)) = left.and_then(|a| self.interjection(a, r.start, ts)) {
            left = head;
            after_subject = Some(phrase_end);
        } else if let Some(ae) = after_subject.filter(|&ae| ae < ts && self.w(ae) == ",") {
            // The phrase follows the subject itself: its verbs are not the subject's acts.
            after_subject = self.phrase_end(ae, ts).or(after_subject);
        }
        // "Saudi officials said the missile was intercepted", "the UN warns that people could
        // flee": the speaker only tells the event after the verb of saying; the actor is in the
        // clause told.
        // An armed party that tells of fighting told as a noun is mostly in it ("a coalition
        // spokesman said air strikes would continue": claimed); a verb after the verb of saying has
        // a subject of its own ("officials say 2,000 people fled"), and a monitor, an agency or
        // residents only tell.
        let told_noun = (cue.flags.noun && !cue.flags.symmetric)
            || (ts > r.start && matches!(self.w(ts - 1), "a" | "an" | "the" | "any" | "this" | "that" | "another"));
        let party = |a: usize| {
            matches!(
                self.m.actors[a].actor.sector.as_deref(),
                Some("MIL" | "GOV" | "REB" | "COP" | "UAF" | "SPY" | "INS")
            )
        };
        let mut speaker = None;
        if after_subject.is_some_and(|from| self.speech_between(from, ts)) && !(told_noun && left.is_some_and(party)) {
            speaker = left.take();
        }
        // "Russian jets struck": the trigger starts inside the actor that names the weapon's owner.
        if left.is_none() {
            left = (0..self.m.actors.len()).find(|&i| {
                let (a, e) = self.actor_toks[i];
                a < ts && e > ts && e <= te
            });
        }
        // "X and (allied|the) Y retook the town": the first of conjoined subjects leads, the
        // other acts with it.
        let mut conjoined = None;
        if let Some(a) = left {
            let mut k = self.actor_toks[a].0;
            while k > r.start && matches!(self.w(k - 1), "allied" | "its" | "their" | "the") {
                k -= 1;
            }
            if k > r.start + 1 && self.w(k - 1) == "and" {
                if let Some(b) = (0..self.m.actors.len()).find(|&i| self.actor_toks[i].1 == k - 1 && i != a) {
                    let bs = self.actor_toks[b].0;
                    let mut p = bs;
                    while p > r.start && matches!(self.w(p - 1), "the" | "a" | "an") {
                        p -= 1;
                    }
                    if !(p > r.start && self.is(p - 1, class::OBJECT_PREPS)) {
                        left = Some(b);
                        conjoined = Some(a).filter(|&a| !same_actor(&self.m.actors[a].actor, &self.m.actors[b].actor));
                    }
                }
            }
        }
        // A nominal trigger is no act of an actor that did something else in between: "the AU
        // called for a halt to the fighting", "rebels repelled an attack".
        let nominal = (cue.flags.noun && !cue.flags.symmetric)
            || (ts > r.start && matches!(self.w(ts - 1), "a" | "an" | "the" | "any" | "this" | "that" | "another"));
        if nominal {
            if let Some(a) = left {
                let ae = self.actor_toks[a].1;
                let entries = &self.ex.lexicon.entries;
                let from = after_subject.unwrap_or(ae).max(ae);
                let verb_between = self.hits_from(from, ts).iter().any(|h| {
                    h.end <= ts
                        && matches!(&entries[h.entry].kind, CueKind::Event(c) if !c.is_marker() && !c.flags.ignore && !c.flags.noun && c.flags.ctx.is_none())
                });
                if verb_between {
                    left = None;
                }
            }
        }
        let mut roles =
            Roles { actor1: None, actor2: None, actor1_ref: None, actor1_also: None, winner: None, side: None };
        let passive = self.is_passive(ts, cue);
        if let Some((a, b)) = self.between_sides(s, te, ce, cue) {
            // "fighting between government troops and the Houthis": both sides are named.
            roles.actor1 = Some(a);
            roles.actor2 = Some(b);
        } else if passive {
            let agent = self.actor_right(te, ce, Some(&["by"]), 4);
            roles.actor1 = agent;
            // "Commanders said the town would be liberated": the speaker is not what was acted on.
            roles.actor2 = left.filter(|&a| !(self.actor_toks[a].1..ts).any(|k| self.is(k, class::SPEECH_VERBS)));
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
            // A capture told as a noun is the subject's ("the SDF announced|completed the capture of
            // X"), unless the subject only reacts to it ("the minister hailed the liberation").
            let reacts =
                |k: usize| REACTION_STEMS.contains(&self.w(k).trim_end_matches(['d', 's']).trim_end_matches('e'));
            let teller = left.filter(|&a| !cue.is_territory() || !(self.actor_toks[a].1..ts).any(reacts));
            roles.actor1 = self.actor_right(te, ce, Some(&["by"]), 4).or(teller);
            roles.actor2 = self.actor_right(te, ce, Some(&["against", "on", "targeting", "with"]), 6).or_else(|| {
                // ("in support of the ground forces", "the capture of ISIS fighters")
                (self.w(te - 1) == "of").then(|| self.actor_right(te, ce, None, 2)).flatten()
            });
        } else {
            roles.actor1 = match self.participle_agent(s, ts).or_else(|| self.conjoined_agent(s, ts, cue)) {
                Some(a) => a,
                None => left,
            };
            // "an attack by the Turkish state", "massacres committed by X": the agent of an act told
            // as a noun follows "by".
            let by_gap = if nominal { 3 } else { 0 };
            if let Some(agent) =
                self.actor_right(te, ce, Some(&["by"]), by_gap.max(1)).filter(|_| nominal || self.w(te) == "by")
            {
                roles.actor1 = Some(agent);
            }
            roles.actor2 = self.actor_right(te, ce, Some(&["from", "against"]), 10).or_else(|| {
                // (up to a comma, or an "and" that joins another verb: "struck X and did not
                // target civilians")
                let comma = (te..ce)
                    .find(|&k| {
                        self.w(k) == ","
                            || (self.w(k) == "and"
                                && !self.covered(k + 1, super::IN_ACTOR)
                                && !matches!(self.w(k + 1), "the" | "a" | "an" | "its" | "their" | "his" | "her"))
                    })
                    .unwrap_or(ce);
                // (not a destination: "sent troops to X", "fled into X")
                self.actor_right(te, comma, None, 6).filter(|&i| {
                    let mut k = self.actor_toks[i].0;
                    while k > te && matches!(self.w(k - 1), "the" | "a" | "an") {
                        k -= 1;
                    }
                    // (nor a place's modifier: "on the Chinese border")
                    let modifier = matches!(
                        self.w(self.actor_toks[i].1),
                        "border" | "borders" | "frontier" | "side" | "coast" | "territory" | "airspace"
                    );
                    !modifier
                        && (k == 0
                            || !matches!(
                                self.w(k - 1),
                                "by" | "to" | "into" | "towards" | "toward" | "in" | "at" | "near" | "along" | "across"
                            ))
                })
            });
            // "withdrew its troops", "deployed their fighters": the subject's own forces are no target.
            if roles
                .actor2
                .is_some_and(|i| matches!(self.w(self.actor_toks[i].0), "its" | "their" | "his" | "her" | "our"))
            {
                roles.actor2 = None;
            }
        }
        if roles.actor1.is_some() && roles.actor1 == roles.actor2 {
            roles.actor2 = None;
        }
        if let (Some(a), Some(b)) = (roles.actor1, roles.actor2) {
            if same_actor(&self.m.actors[a].actor, &self.m.actors[b].actor) {
                roles.actor2 = None;
            }
        }
        // A news medium reports violence and captures; it does not commit them ("Damascus, SANA -
        // Army units repelled an attack").
        if cue.acled != crate::lexicon::AcledSpec::None
            && roles.actor1.is_some_and(|i| self.m.actors[i].actor.sector.as_deref() == Some("JRN"))
        {
            roles.actor1 = None;
        }
        roles.actor1_ref = roles.actor1.map(|i| self.actor_ref(i));
        if roles.actor1.is_some() && roles.actor1 == left {
            roles.actor1_also = conjoined;
        }
        if cue.is_territory() {
            // "X was abandoned by Y": the agent of a loser's verb is the loser; the winner is unknown.
            let winner_known = !cue.flags.loser_subject || (!passive && (roles.actor1 != left || left.is_none()));
            if winner_known {
                roles.winner = roles.actor1_ref.clone();
            }
            // "Military officials say forces have wrested control of X": an armed party telling a
            // capture whose taker it does not name tells of its own side (the event's type; no
            // control fact).
            if roles.winner.is_none() && roles.actor1.is_none() && !cue.flags.loser_subject && !passive {
                roles.side = speaker.filter(|&a| party(a)).map(|a| self.actor_ref(a));
            }
        }
        roles
    }

    /// Actor `a` stands in a phrase set off by commas between the subject and the verb at `ts`
    /// ("the SAA, backed by Russia, launched"; "the rebels, the ministry said, took"): the
    /// subject ending at the first comma (None if no actor ends there) and the token after the
    /// phrase's closing comma.
    fn interjection(&self, a: usize, floor: usize, ts: usize) -> Option<(Option<usize>, usize)> {
        let (as_, ae) = self.actor_toks[a];
        let open = Self::last_before(&self.last_comma, as_, floor)?;
        let close = self.phrase_end(open, ts)?.checked_sub(1)?;
        if close < ae {
            return None;
        }
        // Only with a subject right before the phrase.
        let head = (0..self.m.actors.len()).find(|&i| self.actor_toks[i].1 == open && self.actor_toks[i].0 >= floor)?;
        Some((Some(head), close + 1))
    }

    /// A phrase set off by the comma at `open` that an interjection opens (a participle, a
    /// relative or an appositive: ", backed by X,", ", which ...,", ", a group ...,") and that a
    /// comma closes before `ts`, with no other comma after it: the token after the closing comma.
    fn phrase_end(&self, open: usize, ts: usize) -> Option<usize> {
        let close = (open + 1..ts).find(|&k| self.w(k) == ",")?;
        if close <= open + 1 || (close + 1..ts).any(|k| matches!(self.w(k), "," | ";" | ":")) {
            return None;
        }
        let first = self.w(open + 1);
        let opener = (first.len() > 4 && (first.ends_with("ed") || first.ends_with("ing")))
            || matches!(
                first,
                "led"
                    | "backed"
                    | "supported"
                    | "aided"
                    | "armed"
                    | "who"
                    | "which"
                    | "whose"
                    | "a"
                    | "an"
                    | "the"
                    | "along"
                    | "together"
                    | "including"
                    | "alongside"
                    | "with"
                    | "its"
                    | "their"
            );
        opener.then_some(close + 1)
    }

    /// A verb of saying in `[from, ts)` whose subject only tells what follows it: "said", "warned
    /// that" (not "claimed to have taken", not "reported killing").
    fn speech_between(&self, from: usize, ts: usize) -> bool {
        (from..ts).any(|k| {
            let w = self.w(k);
            let next = self.w(k + 1);
            let telling = CLAUSE_SPEECH.contains(&w) || (self.is(k, class::SPEECH_VERBS) && next == "that");
            // ("said it would send": a pronoun the actor stage left unresolved is the speaker)
            let mut j = k + 1;
            while matches!(self.w(j), "that" | "on")
                || self.covered(j, super::IN_TIME)
                || self.is(j, class::CALENDAR_WORDS)
            {
                j += 1;
            }
            // ("said his troops would liberate": the speaker's own forces)
            let pronoun = matches!(
                self.w(j),
                "it" | "they" | "he" | "she" | "we" | "i" | "his" | "her" | "its" | "their" | "our"
            ) && !self.covered(j, super::IN_ACTOR);
            telling && next != "to" && !pronoun && !(k + 1 == ts && self.w(ts).ends_with("ing"))
        })
    }

    /// "fighting between X and Y", "clashes broke out between X and Y": the two sides of an event
    /// told as a noun (or a symmetric verb) both follow "between".
    fn between_sides(&self, s: usize, te: usize, ce: usize, cue: &EventCue) -> Option<(usize, usize)> {
        if !(cue.flags.symmetric || cue.flags.noun) {
            return None;
        }
        let end = self.sent_range(s).end.min(ce.max(te));
        let b = (te..(te + 3).min(end)).find(|&k| self.w(k) == "between")?;
        if (te..b).any(|k| self.w(k) == "," || self.covered(k, super::IN_ACTOR)) {
            return None;
        }
        let end = self.sent_range(s).end;
        let first = self.actor_right(b + 1, end, None, 3)?;
        let fe = self.actor_toks[first].1;
        if !matches!(self.w(fe), "and" | "&") {
            return None;
        }
        let second = self.actor_right(fe + 1, end, None, 3)?;
        Some((first, second))
    }

    /// A verb joined by "and" to an earlier one keeps its subject ("X met Y in Muscat and urged
    /// them", "shelled the town and later withdrew"): the actor1 of the nearest event verb
    /// before "and", else the sentence's subject. None when the verb has a subject of its own.
    fn conjoined_agent(&self, s: usize, ts: usize, cue: &EventCue) -> Option<Option<usize>> {
        let r = self.sent_range(s);
        if cue.flags.noun {
            return None;
        }
        let mut k = ts;
        while k > r.start && self.is(k - 1, class::ADVERBS) {
            k -= 1;
        }
        if k < r.start + 2 || self.w(k - 1) != "and" {
            return None;
        }
        let and = k - 1;
        // "X said ... and warned Y": joined to a verb of saying, the speaker.
        let speech =
            (r.start..and).rev().find(|&j| CLAUSE_SPEECH.contains(&self.w(j)) || self.is(j, class::SPEECH_VERBS));
        let entries = &self.ex.lexicon.entries;
        let prev = self
            .sentence_hits(s, |k| matches!(k, CueKind::Event(c) if !c.is_marker() && !c.flags.ignore && !c.flags.noun))
            .into_iter()
            .filter(|h| {
                h.end <= and
                    && !(h.start > r.start
                        && matches!(
                            self.w(h.start - 1),
                            "a" | "an" | "the" | "its" | "their" | "any" | "this" | "that"
                        ))
            })
            .last();
        if let Some(j) = speech.filter(|&j| prev.is_none_or(|h| h.end <= j)) {
            if let Some(a) = self.actor_left(r.start, j) {
                return Some(Some(a));
            }
        }
        if let Some(h) = prev {
            if let CueKind::Event(c) = &entries[h.entry].kind {
                if let Some(a) = self.roles(s, h.start, h.end, c).actor1 {
                    return Some(Some(a));
                }
            }
        }
        self.subject_of(s).filter(|&a| self.actor_toks[a].1 <= and).map(Some)
    }
}

pub(super) fn same_actor(a: &ActorRef, b: &ActorRef) -> bool {
    match (&a.id, &b.id) {
        (Some(x), Some(y)) => x == y,
        _ => a.name.eq_ignore_ascii_case(&b.name),
    }
}

pub(super) fn dedup_actors(v: &mut Vec<ActorRef>) {
    let mut out: Vec<ActorRef> = Vec::new();
    for a in v.drain(..) {
        // (by identity: "Forces loyal to the Government of National Accord (GNA)" is one source)
        if !out.iter().any(|b| same_actor(&a, b)) {
            out.push(a);
        }
    }
    *v = out;
}

/// Verbs of saying (and warning, estimating) that take a clause: their subject tells the event
/// after them and does not act in it.
const CLAUSE_SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "states",
    "insisted",
    "insists",
    "noted",
    "notes",
    "wrote",
    "writes",
    "tweeted",
    "warned",
    "warns",
    "warn",
    "reported",
    "reports",
    "believe",
    "believes",
    "believed",
    "fear",
    "fears",
    "feared",
    "estimated",
    "estimates",
    "predicted",
    "predicts",
    "explained",
    "explains",
];

/// Verbs of reacting to an event (stems: "congratulated", "hails", "welcomes", "what he called"):
/// their subject did not do what the noun after them tells.
const REACTION_STEMS: &[&str] = &[
    "congratulat",
    "hail",
    "prais",
    "welcom",
    "celebrat",
    "commemorat",
    "mark",
    "condemn",
    "denounc",
    "mourn",
    "protest",
    "criticis",
    "criticiz",
    "cheer",
    "call",
];
