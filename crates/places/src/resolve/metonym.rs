//! Metonymy: a capital or country as the subject of speaking or deciding ("Damascus demands…")
//! is a government, not a location.

use crate::fold::Word;
use crate::Found;

/// Verbs of speaking or deciding: a capital or country as their subject is a government.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "warned",
    "warns",
    "demanded",
    "demands",
    "announced",
    "announces",
    "accused",
    "accuses",
    "denied",
    "denies",
    "rejected",
    "rejects",
    "insisted",
    "insists",
    "wants",
    "wanted",
    "threatened",
    "threatens",
    "urged",
    "urges",
    "condemned",
    "condemns",
    "claimed",
    "claims",
    "agreed",
    "agrees",
    "refused",
    "refuses",
    "decided",
    "decides",
    "responded",
    "responds",
    "called",
    "calls",
    "blamed",
    "blames",
    "vowed",
    "vows",
    "pledged",
    "pledges",
    "signed",
    "signs",
    "recognized",
    "recognised",
    "recognizes",
    "recognises",
    "imposed",
    "imposes",
    "sanctioned",
    "expelled",
    "summoned",
    "protested",
    "protests",
    "backed",
    "backs",
    "supports",
    "supported",
    "opposes",
    "opposed",
    "welcomed",
    "welcomes",
    "criticized",
    "criticised",
    "asked",
    "asks",
    "hopes",
    "hoped",
    "believes",
    "stated",
    "states",
    "declared",
    "declares",
    "ordered",
    "orders",
];
const AUX: &[&str] =
    &["has", "have", "had", "will", "would", "also", "is", "was", "could", "may", "might", "must", "did", "does"];

pub(super) fn metonym_after(text: &str, words: &[Word], f: &Found) -> bool {
    let mut k = f.w1 + 1;
    let mut steps = 0;
    while k < words.len() && steps < 3 {
        let w = &words[k];
        if w.break_before {
            // "Damascus, which …" or "Russia's" are not verbs of this subject
            return false;
        }
        if SPEECH.contains(&w.lower.as_str()) {
            return true;
        }
        if !AUX.contains(&w.lower.as_str()) {
            return false;
        }
        k += 1;
        steps += 1;
    }
    let _ = text;
    false
}
