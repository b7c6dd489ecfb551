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
                s >= from && e <= before && !(p > 0 && self.is(p - 1, class::OBJECT_PREPS))
            })
            .max_by_key(|&i| self.actor_toks[i].1)
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
        let mut left =
            self.actor_left(cs, ts).or_else(|| if own_subject { None } else { self.actor_left(r.start, ts) });
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
                let verb_between = self.hits_from(ae, ts).iter().any(|h| {
                    h.end <= ts
                        && matches!(&entries[h.entry].kind, CueKind::Event(c) if !c.is_marker() && !c.flags.ignore && !c.flags.noun && c.flags.ctx.is_none())
                });
                if verb_between {
                    left = None;
                }
            }
        }
        let mut roles = Roles { actor1: None, actor2: None, actor1_ref: None, actor1_also: None, winner: None };
        let passive = self.is_passive(ts, cue);
        if passive {
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
            roles.actor2 = self.actor_right(te, ce, Some(&["against", "on", "targeting", "with"]), 6);
        } else {
            roles.actor1 = match self.participle_agent(s, ts) {
                Some(a) => a,
                None => left,
            };
            roles.actor2 = self.actor_right(te, ce, Some(&["from", "against"]), 10).or_else(|| {
                let comma = (te..ce).find(|&k| self.w(k) == ",").unwrap_or(ce);
                self.actor_right(te, comma, None, 6).filter(|&i| !self.after_word(i, "by"))
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
        }
        roles
    }

    pub(super) fn after_word(&self, actor: usize, word: &str) -> bool {
        let s = self.actor_toks[actor].0;
        s > 0 && self.w(s - 1) == word
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
        if !out.iter().any(|b| same_actor(&a, b) && a.span == b.span) {
            out.push(a);
        }
    }
    *v = out;
}

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
