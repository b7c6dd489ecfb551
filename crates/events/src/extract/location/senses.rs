//! Readings of event verbs that are no conflict event (`data/events/senses.tsv`): they have no
//! event place.

use super::super::words::*;
use super::super::Cx;
use sitrep_model::text::TokenKind;

impl Cx<'_> {
    /// The trigger at tokens `[ts, te)` of sentence `s` is read in a sense that is no conflict
    /// event (`data/events/senses.tsv`): "captured the title", "demonstrated that", "prices shot
    /// up". Such a reading has no event place.
    pub(in crate::extract) fn other_sense(&self, s: usize, ts: usize, te: usize) -> bool {
        let r = self.sent_range(s);
        let verb = self.w(ts);
        let aux = |k: usize| {
            self.is(k, class::BE | class::ADVERBS)
                || matches!(
                    self.w(k),
                    "will" | "would" | "have" | "has" | "had" | "to" | "can" | "could" | "may" | "might"
                )
        };
        senses().iter().filter(|rule| rule.verbs.iter().any(|v| v == verb)).any(|rule| match rule.at {
            SenseWhere::Next => rule
                .words
                .iter()
                .any(|p| te + p.len() <= r.end && p.iter().enumerate().all(|(j, w)| self.w(te + j) == w.as_str())),
            SenseWhere::Object => {
                let mut k = te;
                while k < r.end && k < te + 6 {
                    let stop = self.doc.tokens[k].kind != TokenKind::Word
                        && self.doc.tokens[k].kind != TokenKind::Number
                        || self.is(
                            k,
                            class::LOCATIVE_PREPS | class::OBJECT_PREPS | class::PATH_PREPS | class::CLAUSE_WORDS,
                        )
                        || self.w(k) == "and";
                    if stop {
                        break;
                    }
                    if rule.words.iter().any(|p| p[0] == self.w(k)) {
                        return true;
                    }
                    k += 1;
                }
                false
            }
            SenseWhere::Passive => {
                let mut k = ts;
                while k > r.start && self.is(k - 1, class::ADVERBS) {
                    k -= 1;
                }
                k > r.start && self.is(k - 1, class::BE)
            }
            SenseWhere::Subject => {
                let mut k = ts;
                while k > r.start && aux(k - 1) {
                    k -= 1;
                }
                k > r.start && rule.words.iter().any(|p| p[0] == self.w(k - 1))
            }
        })
    }
}
