//! Clues from the words around a noun phrase: pronouns, subject position, a speaking verb after
//! it, metonymy, compound nouns.

use super::words::{FUNCTION_WORDS, SUBJECT_OPENERS};
use super::{ActorTagger, Cand, Shouting, TKind};
use crate::coref::Want;
use crate::lexicon::CueKind;
use crate::units::Unit;
use crate::{Actor, MentionKind};
use sitrep_model::calendar::is_day_or_month;

impl ActorTagger {
    pub(super) fn pronoun(&self, u: &[Unit], i: usize, s_start: usize, s_end: usize) -> Option<Cand> {
        let w = u[i].norm_str();
        // The words of `PRONOUNS`: the tagger asks only for those.
        let want = match w {
            "they" | "them" => Want::They,
            "it" => Want::It,
            "he" | "she" => Want::He,
            _ => return None,
        };
        if u[i].possessive {
            return None; // "It's"
        }
        if want == Want::It {
            // Only a subject "It" can stand for an actor; skip "It seems", "It will take…".
            let subject = i == s_start || {
                let p = &u[i - 1];
                !p.word && p.norm != "'" || SUBJECT_OPENERS.contains(&p.norm_str())
            };
            if !subject {
                return None;
            }
            let next = u.get(i + 1).filter(|_| i + 1 < s_end)?;
            if self.cue_u(next, CueKind::Expletive) {
                return None;
            }
            if self.cue_u(next, CueKind::Aux) {
                let mut k = i + 1;
                while k < s_end && (self.cue_u(&u[k], CueKind::Aux) || self.cue_u(&u[k], CueKind::Adverb)) {
                    k += 1;
                }
                if k < s_end && self.cue_u(&u[k], CueKind::Expletive) {
                    return None;
                }
            }
        }
        let mut c = Cand::new(i, i + 1, Actor::default(), MentionKind::Pronoun, u[i].sentence);
        c.want = Some(want);
        c.object_pronoun = w == "them";
        Some(c)
    }

    /// Whether the unit before `np_start` puts the noun phrase in subject position.
    pub(super) fn subject_position(&self, u: &[Unit], np_start: usize, s_start: usize) -> bool {
        if np_start <= s_start {
            return true;
        }
        let p = &u[np_start - 1];
        if !p.word {
            return !matches!(p.norm_str(), "-" | "/");
        }
        SUBJECT_OPENERS.contains(&p.norm_str())
            || is_day_or_month(p.norm_str())
            || (np_start - 1 == s_start && self.cue_u(p, CueKind::Adverb))
    }

    /// Whether a speaking/deciding verb (or a copula + attitude adjective) follows at `k`.
    /// Without an auxiliary, a singular subject needs an inflected verb ("Syria attacks", not the
    /// headline noun in "Syria attack symptoms"); `plural` subjects may take the bare form.
    pub(super) fn speaker_verb_after(&self, u: &[Unit], mut k: usize, s_end: usize, plural: bool) -> bool {
        let mut copula = false;
        let mut aux = false;
        let mut steps = 0;
        while k < s_end && steps < 10 {
            steps += 1;
            let w = u[k].norm_str();
            if w == "," {
                k += 1;
                continue;
            }
            if w == "on" && k + 1 < s_end && is_day_or_month(u[k + 1].norm_str()) {
                k += 2;
                continue;
            }
            if w == "been" || w == "being" {
                return false;
            }
            if self.cue(w, CueKind::Aux) {
                if matches!(w, "is" | "was" | "are" | "were" | "be") {
                    copula = true;
                }
                aux = true;
                k += 1;
                continue;
            }
            if self.cue(w, CueKind::Adverb) {
                k += 1;
                continue;
            }
            break;
        }
        if k >= s_end || !u[k].word {
            return false;
        }
        let w = u[k].norm_str();
        if copula {
            return self.cue(w, CueKind::Adj)
                || (w.ends_with("ing") && (self.cue(w, CueKind::Verb) || self.cue(w, CueKind::Form)));
        }
        if self.cue(w, CueKind::Form) {
            return true;
        }
        self.cue(w, CueKind::Verb) && (aux || plural || !self.lemmas.contains(w))
    }

    /// A capital or country at units [np_start, end) standing for its government.
    pub(super) fn is_metonym(&self, u: &[Unit], np_start: usize, end: usize, s_start: usize, s_end: usize) -> bool {
        // "Baghdad's central control", "Moscow's position"
        if end > 0 && u[end - 1].possessive {
            let at = |k: usize| k < s_end && u[k].word && self.cue_u(&u[k], CueKind::Policy);
            if at(end) || (end < s_end && u[end].word && !u[end].cap && at(end + 1)) {
                return true;
            }
        }
        // "an open exchange with Washington", "talks with Moscow"
        if np_start > s_start && u[np_start - 1].norm == "with" {
            let from = np_start.saturating_sub(5).max(s_start);
            if (from..np_start - 1).any(|k| self.cue_u(&u[k], CueKind::Exchange)) {
                return true;
            }
        }
        // "calling on Washington to back the pact", "urged Ankara to withdraw": the capital is
        // asked to act.
        if end + 1 < s_end && u[end].norm == "to" && self.cue_u(&u[end + 1], CueKind::Verb) && np_start > s_start {
            let p = u[np_start - 1].norm_str();
            if p == "on" || self.cue(p, CueKind::Verb) || self.cue(p, CueKind::Form) {
                return true;
            }
        }
        if !self.subject_position(u, np_start, s_start) {
            return false;
        }
        // "Washington and Moscow agreed": a conjoined country or capital shares the verb.
        let mut k = end;
        for _ in 0..3 {
            if !(k + 1 < s_end && matches!(u[k].norm_str(), "and" | ",")) {
                break;
            }
            let at = if u[k + 1].norm == "the" { k + 2 } else { k + 1 };
            match self.match_at(u, at, s_end, &Shouting::no()) {
                Some((e2, ts)) if ts.iter().any(|t| matches!(t.kind, TKind::CountryName | TKind::Capital)) => k = e2,
                _ => break,
            }
        }
        self.speaker_verb_after(u, k, s_end, k != end)
    }

    /// Whether the lower-case word at `k` starts a new noun ("the general election", "the court
    /// case") rather than continuing the clause (a verb, adverb, preposition or function word).
    pub(super) fn compound_noun_at(&self, u: &[Unit], k: usize, s_end: usize) -> bool {
        if k >= s_end || !u[k].word || u[k].cap {
            return false;
        }
        let w = u[k].norm_str();
        let clause = FUNCTION_WORDS.contains(&w)
            || w.ends_with("ed")
            || w.ends_with("ing")
            || w.ends_with('s')
            || [CueKind::Verb, CueKind::Form, CueKind::Aux, CueKind::Adverb, CueKind::Oblique, CueKind::Locative]
                .iter()
                .any(|&c| self.cue(w, c));
        !clause
    }

    pub(super) fn is_modifier_at(&self, u: &[Unit], end: usize, s_end: usize) -> bool {
        end < s_end && u[end].word && !u[end].cap && self.cue_u(&u[end], CueKind::ModNoun)
    }
}
