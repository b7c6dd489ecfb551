//! Frames that take a place of the sentence away from its event: the reported content of a verb
//! of saying ("said that ... in X"), a war the place is said of ("the conflict in X has killed"), the destination of a later verb
//! ("captured and shipped to X") and a later state of the same subject ("captured in 2001 and is
//! held in X").

use super::super::words::class;
use super::super::Cx;
use super::lists::{frame, frame_of};
use sitrep_model::text::TokenKind;

impl Cx<'_> {
    /// Token `k` is a word of one of the `frames.tsv` lists in `bits`.
    pub(super) fn frame(&self, k: usize, bits: u8) -> bool {
        frame_of(self.w(k)) & bits != 0
    }

    /// The "that" opening what the trigger at `[ts, te)` reports, when the trigger is a verb of
    /// saying or thinking: "said that", "warned on Monday that", "told reporters that", "pointed
    /// out that". `end` is the sentence's end.
    pub(super) fn content_that(&self, ts: usize, te: usize, end: usize) -> Option<usize> {
        if !(ts..te).any(|k| self.frame(k, frame::COMPLEMENT_VERBS)) {
            return None;
        }
        (te..(te + 5).min(end))
            .take_while(|&k| self.doc.tokens[k].kind == TokenKind::Word && !self.is(k, class::CLAUSE_PUNCT))
            .find(|&k| self.w(k) == "that")
    }

    /// The place at tokens `[ps, pe)` is said of a war: "the war in X", "the conflict in X", "X's
    /// (three-year-old civil) war". `(bk, before)` is its [`Cx::word_before_place`].
    pub(super) fn war_place(&self, pe: usize, end: usize, bk: usize, before: &str, possessive: bool) -> bool {
        // (not "the victims of the insurgency in X": the war names who they are, and the
        // place may be the event's)
        if before == "in" && bk > 1 && self.frame(bk - 1, frame::WAR_NOUNS) {
            let mut d = bk - 1;
            while d > 0
                && (self.is(d - 1, class::ADVERBS)
                    || self.w(d - 1).ends_with("ing")
                    || self.w(d - 1).contains('-')
                    || matches!(self.w(d - 1), "civil" | "bloody" | "long" | "brutal"))
            {
                d -= 1;
            }
            return !(d > 1 && matches!(self.w(d - 1), "the" | "a" | "this" | "that") && self.w(d - 2) == "of");
        }
        let mut t = pe;
        if matches!(self.w(t), "'s" | "'") {
            t += 1;
        } else if !possessive {
            return false;
        }
        // Up to three describing words ("three-year-old", "bloody", "civil").
        (t..(t + 4).min(end))
            .take_while(|&k| self.doc.tokens[k].kind == TokenKind::Word)
            .any(|k| self.frame(k, frame::WAR_NOUNS))
    }

    /// The place after a preposition of direction (`before`, at token `bk`) is where a later verb
    /// of moving took someone, not the trigger's place: "captured and shipped to X", "was taken
    /// to X", "the rebels retreated toward X", or a place that describes that destination ("sent
    /// to a camp near X"). Not when the trigger itself moves ("marched to X").
    pub(super) fn other_destination(&self, ts: usize, te: usize, bk: usize, before: &str) -> bool {
        if bk <= te || (ts..te).any(|k| self.frame(k, frame::TRANSFER_VERBS)) {
            return false;
        }
        if matches!(before, "to" | "toward" | "towards") {
            return (te..bk).any(|k| self.frame(k, frame::TRANSFER_VERBS));
        }
        // "captured and sent to a detention centre east of X", "transferred to the brig at X": the
        // place describes the destination that the later verb's "to" names, in the same clause.
        (te..bk).rev().find(|&k| self.frame(k, frame::TRANSFER_VERBS)).is_some_and(|v| {
            (v + 1..bk).any(|k| matches!(self.w(k), "to" | "toward" | "towards" | "into"))
                && !(v + 1..bk).any(|k| self.is(k, class::CLAUSE_PUNCT))
        })
    }

    /// Between the trigger at `[ts, te)` and a place at `ps`, the trigger's subject goes on in the
    /// present ("was captured in 2001 and is held in X", "was arrested and has been jailed in
    /// X"): the place is that later state's, not the past event's.
    pub(super) fn later_state(&self, start: usize, ts: usize, te: usize, ps: usize) -> bool {
        let past = self.w(ts).ends_with("ed")
            || (start..ts).rev().take(3).any(|k| matches!(self.w(k), "was" | "were" | "had"));
        past && (te..ps).any(|k| {
            self.w(k) == "and" && {
                let mut j = k + 1;
                while j < ps && self.is(j, class::ADVERBS) {
                    j += 1;
                }
                j < ps && matches!(self.w(j), "is" | "are" | "has" | "have" | "remains" | "remain")
            }
        })
    }

    /// The place ending at `pe` lies in an appositive that describes the trigger's subject and
    /// ends right before the trigger's verb group ("X, who commanded forces near Y, was
    /// captured", "X, a commander in Y, was killed"): Y is where the subject worked or lived. Not
    /// when the trigger follows the comma ("..., killing 12": a participle shares the main
    /// clause's place) nor when the appositive places a thing ("the bomb, planted near Y, was
    /// detonated").
    pub(super) fn subject_described(&self, start: usize, pe: usize, ts: usize) -> bool {
        let Some(close) = Self::last_before(&self.last_comma, ts, pe) else { return false };
        let Some(open) = Self::last_before(&self.last_comma, pe, start) else { return false };
        close + 1 < ts
            && !matches!(
                self.w(open + 1),
                "planted" | "placed" | "parked" | "hidden" | "left" | "located" | "situated" | "buried" | "lying"
            )
    }

    /// The place at tokens `[ps, pe)` names someone, not where the event was: the subject of a
    /// verb of a person's mind, speech or doings ("X decided", "X then went", "the bar X owned"),
    /// or the one a directive verb directs ("ordered X to", "forced X to withdraw").
    /// `(bk, before)` is its [`Cx::word_before_place`]; `end` the sentence's end.
    pub(super) fn names_someone(&self, ps: usize, pe: usize, end: usize, bk: usize, before: &str) -> bool {
        let locative =
            !before.is_empty() && self.is(bk, class::LOCATIVE_PREPS | class::PATH_PREPS | class::OBJECT_PREPS);
        let mut k = pe;
        while k < end && k < pe + 2 && self.is(k, class::ADVERBS) {
            k += 1;
        }
        if !locative && k < end && self.frame(k, frame::HUMAN_VERBS) {
            return true;
        }
        // "ordered X to", "called on X to".
        let mut d = ps;
        if d > 0 && self.w(d - 1) == "on" {
            d -= 1;
        }
        d > 0 && self.frame(d - 1, frame::DIRECTIVE_VERBS) && self.w(pe) == "to" && pe + 1 < end && {
            let next = &self.doc.tokens[pe + 1];
            next.kind == TokenKind::Word && !self.capital(pe + 1) && !matches!(self.w(pe + 1), "the" | "a" | "an")
        }
    }

    /// Place `i` is the maker's part of a model's designation ("an Su-25", "the Mi-8"): a name
    /// joined by a hyphen to a number is an aircraft or a weapon, not a place.
    pub(super) fn model_designation(&self, i: usize) -> bool {
        let span = self.pl(i).span;
        self.doc
            .text
            .get(span.end..)
            .and_then(|r| r.strip_prefix('-'))
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    }

    /// Between the trigger at `[ts, te)` and a place at `ps` lies another event of the story
    /// that the place belongs to: what befell the victim afterwards ("was shot and later died in
    /// a X hospital") or an earlier deed told in the pluperfect ("shot an officer who had seized
    /// the X airport"), unless the trigger is itself in the pluperfect.
    pub(super) fn other_deed(&self, start: usize, ts: usize, te: usize, ps: usize) -> bool {
        if (ts..te).any(|k| self.frame(k, frame::AFTERMATH_VERBS)) {
            return false;
        }
        if (te..ps).any(|k| self.frame(k, frame::AFTERMATH_VERBS)) {
            return true;
        }
        let pluperfect = (start..ts).rev().take(3).any(|k| self.w(k) == "had");
        !pluperfect
            && (te..ps).any(|k| {
                self.w(k) == "had" && {
                    let mut j = k + 1;
                    while j < ps && (self.is(j, class::ADVERBS) || self.w(j) == "been") {
                        j += 1;
                    }
                    j < ps && (self.w(j).ends_with("ed") || self.w(j).ends_with("en") || self.w(j).ends_with("ing"))
                }
            })
    }

    /// The place at `ps` lies after an "according to" or "citing" that follows the trigger:
    /// it is the source's ("..., according to officials of the X district", "according to
    /// reporters in X, Y and Z").
    pub(super) fn after_attribution(&self, te: usize, ps: usize) -> bool {
        (te..ps).rev().find(|&k| matches!(self.w(k), "according" | "citing")).is_some_and(|a| {
            // (not past a new clause: "..., according to X, and helped ... in Y")
            !(a..ps).any(|k| {
                self.is(k, class::CLAUSE_PUNCT)
                    || (self.w(k) == "," && matches!(self.w(k + 1), "and" | "but" | "while"))
            })
        })
    }

    /// The place ending at token `pe` only describes the person or people named right after it
    /// ("said a X officer", "a white X policeman", "a X man was shot": `PERSON_NOUNS` in
    /// `frames.tsv`): where they are from or serve, not where the event was. `end` is the
    /// sentence's end.
    pub(super) fn describes_person(&self, pe: usize, end: usize) -> bool {
        pe < end && self.frame(pe, frame::PERSON_NOUNS)
    }

    /// The one-word place at tokens `[ps, pe)` follows "a" or "an" and no noun follows it ("a
    /// Dane, a Filipino", "a hotel owned by a X in Y"): a member of a people or a person, since a
    /// place's name takes an article only as a modifier ("a Baghdad hotel"). `r` is its sentence.
    pub(super) fn indefinite_name(&self, ps: usize, pe: usize, r: std::ops::Range<usize>) -> bool {
        pe == ps + 1
            && ps > r.start
            && matches!(self.w(ps - 1), "a" | "an")
            && (pe >= r.end
                || self.doc.tokens[pe].kind != TokenKind::Word
                || matches!(
                    self.w(pe),
                    "of" | "in"
                        | "and"
                        | "or"
                        | "who"
                        | "whom"
                        | "whose"
                        | "from"
                        | "at"
                        | "with"
                        | "on"
                        | "to"
                        | "for"
                        | "by"
                        | "was"
                        | "is"
                        | "had"
                        | "has"
                ))
    }

    /// The place at tokens `[ps, pe)` lies inside a short quoted title ("Pride and X", "The X
    /// Diaries"): quotation marks at most six tokens either side, every word between them
    /// capitalized but the small words of a title, and another capitalized word besides the
    /// place. Quoted speech has lower-case words and keeps its places. `r` is its sentence.
    pub(super) fn in_quoted_title(&self, ps: usize, pe: usize, r: std::ops::Range<usize>) -> bool {
        let quote = |k: usize| matches!(self.w(k), "\"" | "“" | "”" | "``" | "''" | "‘" | "’");
        let open = (r.start.max(ps.saturating_sub(6))..ps).rev().find(|&k| quote(k));
        let close = (pe..(pe + 6).min(r.end)).find(|&k| quote(k));
        let (Some(a), Some(b)) = (open, close) else { return false };
        let word = |k: usize| self.doc.tokens[k].kind == TokenKind::Word;
        b > a + 2
            && (a + 1..b).all(|k| {
                !word(k)
                    || self.capital(k)
                    || matches!(self.w(k), "and" | "of" | "the" | "a" | "an" | "in" | "on" | "for" | "to")
            })
            && (a + 1..b).any(|k| (k < ps || k >= pe) && word(k) && self.capital(k))
    }
}
