//! Modality: asserted, claimed, reported, disputed, planned, forecast, hypothetical, negated,
//! with `attributed_to` from the attribution phrase.

use super::is_state;
use super::roles::{dedup_actors, same_actor};
use super::Cx;
use crate::lexicon::{CueKind, Hit, ModalityKind, Scope};
use sitrep_model::record::{ActorRef, Modality};

impl Cx<'_> {
    pub(super) fn modality(
        &self,
        s: usize,
        ts: usize,
        te: usize,
        noun: bool,
        actor1: Option<&ActorRef>,
    ) -> (Modality, Vec<ActorRef>) {
        let r = self.sent_range(s);
        let trig_clause = self.clause[ts];
        // The sentence's modality cues, found once for all its events.
        let hits = {
            let mut cached = self.modality_hits.borrow_mut();
            match &*cached {
                Some((cs, hits)) if *cs == s => hits.clone(),
                _ => {
                    let hits: std::rc::Rc<[Hit]> = self.sentence_hits(s, |k| matches!(k, CueKind::Modality(_))).into();
                    *cached = Some((s, hits.clone()));
                    hits
                }
            }
        };
        let (mut neg, mut plan, mut fore, mut hyp, mut disp, mut rep) = (false, false, false, false, false, false);
        // "any attack ... would": hypothetical unless a negation is in scope ("did not reach any deal").
        let mut weak_hyp = false;
        // A semicolon joins two sentences: a cue on the other side of one says nothing of the
        // trigger ("X happened, sources said; the army denied the accusation").
        let semicolon_between =
            |a: usize, b: usize| Self::last_before(&self.last_semicolon, a.max(b), a.min(b)).is_some();
        let mut speakers: Vec<ActorRef> = Vec::new();
        let mut source_seen = false;
        // (start of an in-scope "would", and the earliest end of a speech verb before the trigger)
        let mut backshift: Option<usize> = None;
        let mut speech_end: Option<usize> = None;
        for h in hits.iter() {
            // ("On 7 May": a month, not the modal "may")
            if h.end > ts && h.start < te || self.covered(h.start, super::IN_TIME) || self.month_may(h.start, r.start) {
                continue;
            }
            let CueKind::Modality(mc) = &self.ex.lexicon.entries[h.entry].kind else { continue };
            let in_scope = match mc.scope {
                Scope::Clause(n) | Scope::Det(n) => {
                    h.end <= ts && self.clause[h.start] == trig_clause && ts - h.end <= n
                }
                Scope::Noun(n) => {
                    let det = |k: usize| k > r.start && matches!(self.w(k - 1), "a" | "an" | "the" | "any" | "new");
                    // (or the cue is an adjective of it: "an imminent assault")
                    let nominal = noun || det(ts) || (h.end == ts && det(h.start));
                    nominal && h.end <= ts && self.clause[h.start] == trig_clause && ts - h.end <= n
                }
                Scope::Sentence => h.end <= ts,
                Scope::Any => true,
                Scope::Verb => h.end == ts && !noun,
            };
            if !in_scope || semicolon_between(h.start, ts) {
                continue;
            }
            // ("the United States": a word of a name, no verb of saying)
            if matches!(mc.kind, ModalityKind::SourceLeft | ModalityKind::SourceRight)
                && self.covered(h.start, super::IN_ACTOR)
            {
                continue;
            }
            // A cue of the clause does not reach into what a verb of saying after it tells
            // ("Moscow denied the claim and said its troops had repelled all attacks").
            if matches!(mc.scope, Scope::Clause(_) | Scope::Noun(_) | Scope::Det(_))
                && (h.end..ts).any(|k| matches!(self.w(k), "said" | "says" | "say" | "added" | "stated" | "insisted"))
            {
                continue;
            }
            // "did not make confirmed advances", "the reported attack": an adjective, no verb of saying.
            if mc.kind == ModalityKind::SourceLeft
                && h.end == h.start + 1
                && h.start > r.start
                && !self.covered(h.start - 1, super::IN_ACTOR)
                && matches!(
                    self.w(h.start - 1),
                    "the"
                        | "a"
                        | "an"
                        | "any"
                        | "no"
                        | "make"
                        | "made"
                        | "makes"
                        | "making"
                        | "its"
                        | "their"
                        | "his"
                        | "her"
                        | "officially"
                        | "newly"
                        | "recently"
                )
            {
                continue;
            }
            // "denied reports that", "the reports": a noun, not a source telling it (that stands
            // right before: "the monitor reports", "activists report").
            if mc.kind == ModalityKind::SourceLeft
                && h.end == h.start + 1
                && matches!(self.w(h.start), "reports" | "report")
                && !(h.start > r.start
                    && (self.covered(h.start - 1, super::IN_ACTOR)
                        || hits.iter().any(|o| {
                            o.end == h.start
                                && matches!(&self.ex.lexicon.entries[o.entry].kind, CueKind::Modality(m) if m.kind == ModalityKind::Speaker)
                        })))
            {
                // ("reports of heavy fighting", "denied reports that ...": hearsay)
                rep |= matches!(self.w(h.end), "of" | "that") && h.end <= ts;
                continue;
            }
            // A plan or condition does not reach into a phrase about a past event ("vowed to
            // retaliate for a bombing", "will respond after the attack").
            let irrealis = matches!(
                mc.kind,
                ModalityKind::Set(Modality::Planned | Modality::Forecast | Modality::Hypothetical)
                    | ModalityKind::Backshift
            );
            if irrealis
                && matches!(mc.scope, Scope::Clause(_))
                && (h.end..ts).any(|k| matches!(self.w(k), "for" | "after" | "over" | "following" | "since"))
            {
                continue;
            }
            if matches!(mc.scope, Scope::Det(_)) && mc.kind == ModalityKind::Set(Modality::Hypothetical) {
                weak_hyp = true;
                continue;
            }
            match mc.kind {
                ModalityKind::Set(Modality::Negated) => {
                    neg = true;
                    // A denial is its speaker's ("the junta denied reports that its troops had
                    // withdrawn"): the actor right before the verb.
                    if matches!(self.w(h.start), "denied" | "denies" | "deny" | "denying") && h.end <= ts {
                        let from = Self::last_before(&self.last_mark, h.start, r.start).map_or(r.start, |c| c + 1);
                        if let Some(a) = self.actor_left(from, h.start).filter(|&a| self.actor_toks[a].1 == h.start) {
                            speakers.push(self.actor_ref(a));
                            source_seen = true;
                        }
                    }
                }
                ModalityKind::Set(Modality::Planned) => plan = true,
                ModalityKind::Set(Modality::Forecast) => fore = true,
                ModalityKind::Set(Modality::Hypothetical) => hyp = true,
                ModalityKind::Set(Modality::Disputed) => disp = true,
                ModalityKind::Set(Modality::Reported) | ModalityKind::Set(Modality::Claimed) => rep = true,
                ModalityKind::Set(Modality::Asserted) | ModalityKind::Speaker => {}
                ModalityKind::Backshift => backshift = Some(h.start),
                ModalityKind::SourceLeft => {
                    source_seen = true;
                    if h.end <= ts {
                        speech_end = Some(speech_end.map_or(h.end, |e| e.min(h.end)));
                    }
                    // The speaker: the actor just before the cue (after the trigger when the cue
                    // follows it, and then after the last comma before the cue: "... in the village
                    // of X, the minister said").
                    // Before the trigger, the speaker is also after the last comma or colon
                    // ("..., the emergency centre said on Wednesday, in the worst fighting").
                    let mut from = if h.start >= te {
                        Self::last_before(&self.last_comma, h.start, te).map_or(te, |c| c + 1)
                    } else {
                        Self::last_before(&self.last_mark, h.start, r.start).map_or(r.start, |c| c + 1)
                    };
                    // (not into a dateline: "TRIPOLI, April 12 (Wire) - Officials said")
                    if let Some(d) = (from..h.start).rev().find(|&k| {
                        matches!(self.w(k), "-" | "—" | "–" | "--")
                            && self.doc.text[..self.doc.tokens[k].span.start].ends_with(char::is_whitespace)
                    }) {
                        from = d + 1;
                    }
                    let list_from = if h.start >= te { r.start } else { from };
                    // (not a modifier joined by a hyphen: "the Hamas-run health ministry said")
                    let found = self.actor_left(from, h.start).filter(|&a| {
                        let end = self.m.actors[a].span.end;
                        !self.doc.text[end..].starts_with('-')
                    });
                    if let Some(a) = found {
                        speakers.push(self.speaker_ref(a));
                        // Other named actors in a list before the cue ("X of A and Y of B report").
                        // (only a list or a phrase of them, "X of A and Y of B report", "rebels of
                        // the X said"; "al-Qaeda-linked JNIM claimed" names one source)
                        for (i, &(as_, ae)) in self.actor_toks.iter().enumerate() {
                            if as_ >= from
                                && ae <= h.start
                                && i != a
                                && from == list_from
                                && matches!(self.w(ae), "and" | "," | "&" | "of")
                            {
                                speakers.push(self.actor_ref(i));
                            }
                        }
                    }
                    // (a named actor is the source: the other capitalized words before the cue
                    // belong to its phrase, "Forces loyal to the GNA said")
                    let names = self.speaker_names(&hits, from, h.start, found.is_none());
                    if names.is_empty() && found.is_none() && from > r.start && h.start < te {
                        // "The ministry, in a statement, said": the subject before a parenthesis.
                        let head = self.actor_left(r.start, from).filter(|&a| self.w(self.actor_toks[a].1) == ",");
                        speakers.extend(head.map(|a| self.actor_ref(a)));
                    }
                    speakers.extend(names);
                }
                ModalityKind::SourceRight => {
                    source_seen = true;
                    // The source ends at the next comma ("according to residents, after the army ...").
                    let until = (h.end..r.end).find(|&k| matches!(self.w(k), "," | ";")).unwrap_or(r.end);
                    if let Some(a) = self.actor_right(h.end, until, None, 3) {
                        speakers.push(self.speaker_ref(a));
                    } else {
                        speakers.extend(self.speaker_names(&hits, h.end, (h.end + 6).min(until), true));
                    }
                }
            }
        }
        if self.in_scare_quotes(ts, te) {
            disp = true;
        }
        // (a denied or conditional future stays hypothetical: "said it would not attack without
        // an agreement")
        if let Some(w) = backshift {
            if speech_end.is_some_and(|e| e <= w) && !neg {
                fore = true;
            } else {
                hyp = true;
            }
        }
        dedup_actors(&mut speakers);
        // ("the group said its fighters had carried out the attack": the speaker's own forces)
        let own_forces = |a: &ActorRef| {
            a.text.as_deref().is_some_and(|t| {
                let t = t.to_ascii_lowercase();
                t.starts_with("its ") || t.starts_with("their ") || t.starts_with("our ")
            })
        };
        let claimed = source_seen
            && actor1
                .is_some_and(|a| speakers.iter().any(|s| same_party(a, s)) || (own_forces(a) && !speakers.is_empty()));
        // "Talks could resume next week", "fighting will spread": a modal right after an event
        // told as a noun (its subject) says it is still to come.
        if !(hyp || neg) {
            match self.modal_after(s, ts, te, noun) {
                Some(Modality::Forecast) => fore = true,
                Some(_) => hyp = true,
                None => {}
            }
        }
        let hyp = hyp || (weak_hyp && !neg);
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
        // Who says so, whatever it says: a plan or a denial "a Turkish official said" is his too.
        let attributed = if source_seen || rep { speakers } else { Vec::new() };
        (m, attributed)
    }

    /// A modal verb after a nominal trigger (at most 7 words on), in its clause and before any comma ("Talks on
    /// an exchange could resume", "fighting will spread"), with a verb after it that is not "be",
    /// "have" or "not" ("the attack could not be confirmed", "could have been avoided" tell of one
    /// that happened): forecast for "will", else hypothetical.
    fn modal_after(&self, s: usize, ts: usize, te: usize, noun: bool) -> Option<Modality> {
        let r = self.sent_range(s);
        let nominal = noun || (ts > r.start && matches!(self.w(ts - 1), "a" | "an" | "the" | "any" | "new"));
        if !nominal {
            return None;
        }
        // (the noun is the subject, not inside another's phrase: "the effectiveness of chemical
        // weapons may encourage")
        let mut d = ts;
        while d > r.start && matches!(self.w(d - 1), "a" | "an" | "the" | "any" | "new") {
            d -= 1;
        }
        if d > r.start
            && (self.is(d - 1, super::words::class::OBJECT_PREPS | super::words::class::LOCATIVE_PREPS)
                || matches!(
                    self.w(d - 1),
                    "of" | "for" | "under" | "after" | "before" | "since" | "despite" | "amid" | "during" | "in"
                ))
        {
            return None;
        }
        let end = (te + 8).min(r.end);
        let k = (te..end)
            .take_while(|&k| {
                !matches!(self.w(k), "," | ";" | ":" | "so" | "that" | "which" | "who" | "and" | "but" | "as")
                    && self.clause[k] == self.clause[ts]
            })
            .find(|&k| matches!(self.w(k), "could" | "may" | "might" | "will" | "would"))?;
        let verb = self.w(k + 1);
        if self.month_may(k, r.start) || matches!(verb, "be" | "have" | "not" | "n't" | "") {
            return None;
        }
        // An event that goes on or ends is under way ("air strikes would cease").
        if matches!(verb, "cease" | "end" | "stop" | "halt" | "continue" | "last" | "persist" | "go") {
            return None;
        }
        // What a definite event will bring about says nothing of whether it is to come ("the
        // deal will see ..."); an indefinite one is ("an abrupt withdrawal would mean ...").
        let consequence = matches!(
            verb,
            "see"
                | "allow"
                | "give"
                | "mean"
                | "make"
                | "create"
                | "bring"
                | "help"
                | "lead"
                | "leave"
                | "require"
                | "include"
                | "involve"
                | "cost"
                | "affect"
                | "damage"
                | "harm"
                | "encourage"
                | "serve"
                | "undermine"
        );
        if consequence && !(ts > r.start && matches!(self.w(ts - 1), "a" | "an" | "any")) {
            return None;
        }
        // ("the protesters would plead not guilty": the people, not their protest)
        let last = self.w(te - 1);
        if last.ends_with("ers") || last.ends_with("ors") {
            return None;
        }
        Some(if self.w(k) == "will" { Modality::Forecast } else { Modality::Hypothetical })
    }

    /// Actor mention `a` as a source. An institution named by a description ("the defence
    /// ministry", "the general staff") that the actor stage resolved to an antecedent of another
    /// kind (fighters, jets) is that institution: a ministry does not fight.
    fn speaker_ref(&self, a: usize) -> ActorRef {
        let r = self.actor_ref(a);
        let mention = &self.m.actors[a];
        if mention.kind != crate::mentions::ActorKind::Definite {
            return r;
        }
        let text = mention.span.of(self.doc.text);
        let head = text.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
        let institution = matches!(
            head.as_str(),
            "ministry"
                | "department"
                | "staff"
                | "office"
                | "council"
                | "agency"
                | "commission"
                | "embassy"
                | "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "command"
        );
        if !institution || r.name.to_ascii_lowercase().contains(&head) {
            return r;
        }
        let name = text.strip_prefix("the ").or_else(|| text.strip_prefix("The ")).unwrap_or(text).to_string();
        ActorRef { name, text: r.text, span: r.span, ..Default::default() }
    }

    /// A capitalized "May" inside a sentence, or one before a number, is the month ("IDLIB, May
    /// 22 -"), not the modal.
    fn month_may(&self, k: usize, sent_start: usize) -> bool {
        self.w(k) == "may"
            && ((k > sent_start && self.capital(k)) || self.w(k + 1).bytes().next().is_some_and(|b| b.is_ascii_digit()))
    }

    /// Source names in `[from, until)` that are no actor mention: speaker nouns ("journalists")
    /// and, with `caps`, capitalized names ("Ibrahim Al Amin").
    pub(super) fn speaker_names(&self, hits: &[Hit], from: usize, until: usize, caps: bool) -> Vec<ActorRef> {
        let mut out = Vec::new();
        for h in hits {
            // (a noun inside an actor mention is that actor: "Saudi officials")
            if h.start >= from && h.end <= until && !self.covered(h.start, super::IN_ACTOR) {
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
        if !caps {
            return out;
        }
        // Runs of capitalized words in no mention (nor days and months), found by skipping to the
        // next one.
        let next = |k: usize| {
            (k..until).find(|&j| self.name_cap(j) && !self.is(j, super::words::class::CALENDAR_WORDS)).unwrap_or(until)
        };
        let mut k = next(from);
        while k < until {
            let mut e = k + 1;
            while e < until && next(e) == e {
                e += 1;
            }
            let single_initial = e == k + 1 && Some(k) == sent_start;
            if !single_initial {
                let sp = self.span_of(k, e);
                let text = sp.of(self.doc.text).to_string();
                out.push(ActorRef { name: text.clone(), text: Some(text), span: Some(sp), ..Default::default() });
            }
            k = next(e);
        }
        out
    }

    pub(super) fn in_scare_quotes(&self, ts: usize, te: usize) -> bool {
        let q = |w: &str| matches!(w, "'" | "\"" | "“" | "”" | "‘" | "’");
        ts > 0 && q(self.doc.token_text(ts - 1)) && te < self.doc.tokens.len() && q(self.doc.token_text(te))
    }
}

/// The speaker is a party to the event: the same actor, or the same state's government and forces
/// ("Malian troops entered Kidal, the army said"; "Russian forces took X, Moscow said").
fn same_party(a: &ActorRef, b: &ActorRef) -> bool {
    same_actor(a, b)
        || (a.country.is_some() && a.country == b.country && is_state(a) == Some(true) && is_state(b) == Some(true))
}
