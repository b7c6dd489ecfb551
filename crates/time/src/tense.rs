//! Tense and aspect of the clause around a token, from auxiliaries and verb forms:
//! "will", "going to", "plans to" → future; "is/are …ing", "still", "continues" → ongoing;
//! "-ed", "has …ed", "had", "was/were", irregular past forms → past. The cue nearest to the token
//! wins; crossing a comma, semicolon, colon, bracket or quotation mark costs extra, so the
//! reporting verb of "X said on Saturday it will attack next week" dates "Saturday" and "will"
//! dates "next week".

use crate::lexicon::{Cue, Lexicon};
use crate::Tense;
use sitrep_model::{Doc, TokenKind};
use std::borrow::Cow;

/// Lower-cased token text with typographic apostrophes folded to `'` (of ASCII text, its ASCII
/// lower case: the tagger borrows that from [`sitrep_model::Doc::lower`]).
pub(crate) fn norm(s: &str) -> String {
    s.chars().map(|c| if matches!(c, '’' | 'ʼ' | '‘') { '\'' } else { c }).flat_map(char::to_lowercase).collect()
}

fn is_separator(s: &str) -> bool {
    matches!(s, "," | ";" | ":" | "\"" | "“" | "”" | "(" | ")" | "[" | "]" | "—" | "–")
}

/// The tense cue carried by token `j` of `words` (already normalized), if any.
fn cue_at(
    lex: &Lexicon,
    words: &[Cow<'_, str>],
    kinds: &[TokenKind],
    caps: &[bool],
    j: usize,
    first: usize,
) -> Option<Tense> {
    let w = &*words[j];
    if kinds[j] != TokenKind::Word {
        return None;
    }
    if w.ends_with("'ll") || w == "won't" || w == "wouldn't" {
        return Some(Tense::Future);
    }
    if w.ends_with("'re") || w.ends_with("'m") {
        return Some(Tense::Ongoing);
    }
    let next = |k: usize| words.get(j + k).map_or("", |w| &**w);
    let ing = |s: &str| s.len() > 4 && s.ends_with("ing");
    match lex.cues.get(w) {
        Some(Cue::Future) => return Some(Tense::Future),
        Some(Cue::FutureTo) => return (next(1) == "to").then_some(Tense::Future),
        Some(Cue::Modal) if w == "may" && caps[j] => return None, // the month
        Some(Cue::Modal) => {
            // "could enter": a possibility ahead; "may have fled": a guess about the past.
            let perfect = next(1) == "have" || (next(1) == "not" && next(2) == "have");
            return Some(if perfect { Tense::Past } else { Tense::Future });
        }
        Some(Cue::Ongoing) => return Some(Tense::Ongoing),
        Some(cue @ (Cue::BePresent | Cue::BePast)) => {
            // "is going to", "is to", "is expected to", "was set to": a plan or forecast.
            if next(1) == "to" {
                return Some(Tense::Future);
            }
            for k in 1..=3 {
                let n = next(k);
                if (n == "going" || matches!(lex.cues.get(n), Some(Cue::FutureTo))) && next(k + 1) == "to" {
                    return Some(Tense::Future);
                }
            }
            return Some(if *cue == Cue::BePresent { Tense::Ongoing } else { Tense::Past });
        }
        Some(Cue::Perfect) => {
            if next(1) == "been" && (ing(next(2)) || ing(next(3))) {
                return Some(Tense::Ongoing);
            }
            if next(1) == "to" {
                return None; // "have to": obligation, no tense of its own.
            }
            return Some(Tense::Past);
        }
        Some(Cue::Past) => return Some(Tense::Past),
        Some(Cue::NotVerb) => return None,
        None => {}
    }
    // Regular past: an -ed word, not capitalized mid-sentence (names), not after a present or
    // future auxiliary ("is controlled", "will be deployed", "to be released").
    if w.len() >= 5 && w.ends_with("ed") && w.chars().all(|c| c.is_alphabetic() || c == '-') && (!caps[j] || j == first)
    {
        let prev = |k: usize| if j >= k { &*words[j - k] } else { "" };
        for k in 1..=2 {
            let p = prev(k);
            if p == "be" || p == "being" || matches!(lex.cues.get(p), Some(Cue::BePresent | Cue::Future)) {
                return None;
            }
        }
        return Some(Tense::Past);
    }
    None
}

/// Tense/aspect of the clause around token `token` (an index into `doc.tokens`) of sentence
/// `sentence`. `Unknown` when the sentence has no cue (or the indices are out of range).
pub fn clause_tense(doc: &Doc, sentence: usize, token: usize) -> Tense {
    clause_tense_with(Lexicon::embedded(), doc, sentence, token)
}

const WINDOW: usize = 24;

pub(crate) fn clause_tense_with(lex: &Lexicon, doc: &Doc, sentence: usize, token: usize) -> Tense {
    let Some(s) = doc.sentences.get(sentence) else { return Tense::Unknown };
    let range = s.tokens.clone();
    if range.is_empty() {
        return Tense::Unknown;
    }
    let token = token.clamp(range.start, range.end - 1);
    // Cues farther than a clause or two away say nothing about this token; the window also keeps
    // long unpunctuated "sentences" cheap.
    let lo = token.saturating_sub(WINDOW).max(range.start);
    let hi = (token + WINDOW + 1).min(range.end);
    let sentence_first = if lo == range.start { 0 } else { usize::MAX };
    let first = lo;
    let toks = &doc.tokens[lo..hi];
    // An ASCII token's normal form is its lower case, borrowed from the document's lower-case copy.
    let words: Vec<Cow<str>> = toks
        .iter()
        .map(|t| {
            let s = t.span.of(doc.text);
            if s.is_ascii() {
                Cow::Borrowed(doc.lower_of(t.span))
            } else {
                Cow::Owned(norm(s))
            }
        })
        .collect();
    let kinds: Vec<TokenKind> = toks.iter().map(|t| t.kind).collect();
    let caps: Vec<bool> =
        toks.iter().map(|t| t.span.of(doc.text).chars().next().is_some_and(char::is_uppercase)).collect();
    let at = token - first;
    let mut best: Option<(usize, Tense)> = None;
    for j in 0..words.len() {
        let Some(t) = cue_at(lex, &words, &kinds, &caps, j, sentence_first) else { continue };
        let (lo, hi) = if j < at { (j, at) } else { (at, j) };
        let seps = (lo..hi).filter(|&k| is_separator(&words[k])).count();
        // Right-hand cues cost one more: on a tie the auxiliary or reporting verb before wins.
        let cost = (hi - lo) + 6 * seps + usize::from(j > at);
        if best.is_none_or(|(c, _)| cost < c) {
            best = Some((cost, t));
        }
    }
    best.map_or(Tense::Unknown, |(_, t)| t)
}
