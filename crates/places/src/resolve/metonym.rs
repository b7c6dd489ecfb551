//! Metonymy: a capital or country as the subject of speaking or deciding ("Damascus demands…")
//! is a government, not a location.

use crate::fold::Word;
use crate::Found;

/// Verbs of speaking or deciding, and of a state's acts (sending or deploying forces, recalling
/// envoys): a capital or country as their subject is a government.
/// (Sorted: looked up by binary search.)
const SPEECH: &[&str] = &[
    "accused",
    "accuses",
    "agreed",
    "agrees",
    "announced",
    "announces",
    "asked",
    "asks",
    "backed",
    "backs",
    "believes",
    "blamed",
    "blames",
    "called",
    "calls",
    "claimed",
    "claims",
    "condemned",
    "condemns",
    "criticised",
    "criticized",
    "decided",
    "decides",
    "declared",
    "declares",
    "demanded",
    "demands",
    "denied",
    "denies",
    "deployed",
    "deploys",
    "dispatched",
    "dispatches",
    "expelled",
    "hoped",
    "hopes",
    "imposed",
    "imposes",
    "insisted",
    "insists",
    "launched",
    "launches",
    "opposed",
    "opposes",
    "ordered",
    "orders",
    "pledged",
    "pledges",
    "protested",
    "protests",
    "recalled",
    "recalls",
    "recognised",
    "recognises",
    "recognized",
    "recognizes",
    "refused",
    "refuses",
    "rejected",
    "rejects",
    "responded",
    "responds",
    "said",
    "sanctioned",
    "say",
    "says",
    "sends",
    "sent",
    "signed",
    "signs",
    "stated",
    "states",
    "summoned",
    "supported",
    "supports",
    "suspended",
    "suspends",
    "threatened",
    "threatens",
    "urged",
    "urges",
    "vowed",
    "vows",
    "wanted",
    "wants",
    "warned",
    "warns",
    "welcomed",
    "welcomes",
];
/// Auxiliaries and adverbs between the subject and its verb ("Ankara has not yet sent").
const AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "will",
    "would",
    "also",
    "is",
    "was",
    "could",
    "may",
    "might",
    "must",
    "did",
    "does",
    "not",
    "yet",
    "already",
    "now",
    "still",
    "again",
    "never",
    "reportedly",
];

pub(super) fn metonym_after(text: &str, words: &[Word], f: &Found) -> bool {
    let mut k = f.w1 + 1;
    let mut steps = 0;
    while k < words.len() && steps < 4 {
        let w = &words[k];
        if w.break_before {
            // "Damascus, which …" or "Russia's" are not verbs of this subject
            return false;
        }
        if SPEECH.binary_search(&w.lower.as_str()).is_ok() {
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

#[cfg(test)]
mod tests {
    #[test]
    fn speech_verbs_are_sorted() {
        assert!(super::SPEECH.windows(2).all(|w| w[0] < w[1]));
    }
}
