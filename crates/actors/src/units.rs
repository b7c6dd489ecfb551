//! Matching units: the model's tokens, further split at inner hyphens ("al-Qaeda" → al, Qaeda;
//! "U.S.-backed" → U.S., backed), with a normalized form for lexicon lookup (lower case, no
//! diacritics, no periods or apostrophes) and a possessive flag ("Iraq's" → Iraq + 's).

use sitrep_model::{Doc, TokenKind};
use std::borrow::Cow;

/// [`Unit::id`] of a unit whose normalized form is in no lexicon phrase and no cue list.
pub(crate) const NO_WORD: u32 = u32::MAX;

/// Borrowed from the text or from its lower-case copy ([`Doc::lower`]) when that is the normal
/// form (all ASCII words without periods or apostrophes, all punctuation), so a document's units
/// cost few allocations.
#[derive(Clone, Debug)]
pub(crate) struct Unit<'a> {
    pub start: usize,
    pub end: usize,
    /// Lower-cased, folded, without periods and apostrophes. Punctuation keeps its text.
    pub norm: Cow<'a, str>,
    /// The original text of the unit.
    pub orig: &'a str,
    /// The tagger's vocabulary id of `norm` ([`NO_WORD`] if unknown); set by the tagger.
    pub id: u32,
    /// First letter is upper case.
    pub cap: bool,
    /// All letters upper case (and at least one letter).
    pub upper: bool,
    /// Followed by a possessive 's (or a bare apostrophe after -s).
    pub possessive: bool,
    /// Joined to the previous unit by a hyphen without spaces.
    pub hyphen_before: bool,
    /// A word (letters); false for punctuation, numbers, URLs, tags.
    pub word: bool,
    /// A number ("24" in "Deir Ezzor 24"): may continue a lexicon name but never starts one.
    pub num: bool,
    pub sentence: usize,
}

impl<'a> Unit<'a> {
    pub fn norm_str(&self) -> &str {
        &self.norm
    }

    /// A word's original letters without periods and apostrophes (for case-sensitive acronyms);
    /// other units as written. Worked out when asked: only all-capital words are looked up so.
    pub fn raw(&self) -> Cow<'a, str> {
        if self.word {
            raw_letters(self.orig)
        } else {
            Cow::Borrowed(self.orig)
        }
    }
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʿ' | 'ʾ' | '`' | 'ʼ' | '‘')
}

/// Fold one character to plain lower-case ASCII where it has an obvious base letter.
pub(crate) fn fold_char(c: char, out: &mut String) {
    let base = match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ā' => {
            'a'
        }
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'c',
        'ď' | 'ḍ' | 'đ' | 'Ď' | 'Ḍ' => 'd',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'É' | 'È' | 'Ê' | 'Ë' | 'Ē' => 'e',
        'ğ' | 'Ğ' => 'g',
        'ḥ' | 'Ḥ' => 'h',
        'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ı' | 'İ' | 'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' => 'i',
        'ñ' | 'ń' | 'ň' | 'Ñ' => 'n',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' | 'Ō' => 'o',
        'ř' | 'Ř' => 'r',
        'ś' | 'š' | 'ş' | 'ṣ' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ṣ' | 'Ș' => 's',
        'ť' | 'ṭ' | 'ț' | 'Ť' | 'Ṭ' | 'Ț' => 't',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ū' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ž' | 'ź' | 'ż' | 'ẓ' | 'Ž' | 'Ź' | 'Ż' | 'Ẓ' => 'z',
        'ß' => {
            out.push_str("ss");
            return;
        }
        _ => {
            for l in c.to_lowercase() {
                out.push(l);
            }
            return;
        }
    };
    out.push(base);
}

/// ASCII bytes that [`normalize`] changes or drops (upper case, periods, apostrophes).
fn ascii_unchanged(b: u8) -> bool {
    b.is_ascii() && !b.is_ascii_uppercase() && !matches!(b, b'.' | b'\'' | b'`')
}

fn normalize(s: &str) -> Cow<'_, str> {
    if s.bytes().all(ascii_unchanged) {
        return Cow::Borrowed(s);
    }
    if s.is_ascii() {
        // What the loop below does to ASCII, byte by byte.
        let kept = s.bytes().filter(|b| !matches!(b, b'.' | b'\'' | b'`')).map(|b| char::from(b.to_ascii_lowercase()));
        return Cow::Owned(kept.collect());
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '.' || is_apostrophe(c) {
            continue;
        }
        if matches!(c as u32, 0x0300..=0x036F) {
            continue; // combining diacritics
        }
        fold_char(c, &mut out);
    }
    Cow::Owned(out)
}

fn raw_letters(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !matches!(b, b'.' | b'\'' | b'`')) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter(|&c| c != '.' && !is_apostrophe(c)).collect())
}

/// `s` (at `lower`'s offsets `start..`) in lower case: borrowed from the document's lower-case
/// copy when ASCII.
fn lowercase<'a>(s: &str, lower: &'a str, start: usize) -> Cow<'a, str> {
    if s.is_ascii() {
        Cow::Borrowed(&lower[start..start + s.len()])
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// Byte classes of a word's bytes, for one pass over them: ASCII capitals and small letters, the
/// marks [`normalize`] drops (`.`, `'`, `` ` ``), a byte a hyphen can start with (`-`, 0xE2 of
/// U+2010/U+2011), and non-ASCII bytes.
const UP: u8 = 1;
const LOW: u8 = 2;
const MARK: u8 = 4;
const SPLIT: u8 = 8;
const NON_ASCII: u8 = 16;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            UP
        } else if c.is_ascii_lowercase() {
            LOW
        } else if matches!(c, b'.' | b'\'' | b'`') {
            MARK
        } else if c == b'-' {
            SPLIT
        } else if c == 0xE2 {
            SPLIT | NON_ASCII
        } else if c >= 0x80 {
            NON_ASCII
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The class of a word's first ASCII letter (`UP`, `LOW`, or 0 if none) and the union of the
/// classes of all its bytes.
#[inline]
fn scan(bytes: &[u8]) -> (u8, u8) {
    let mut all = 0u8;
    for &b in bytes {
        all |= CLASS[b as usize];
    }
    // Most words start with their first letter.
    let first = match bytes.first() {
        Some(&b) if CLASS[b as usize] & (UP | LOW) != 0 => CLASS[b as usize] & (UP | LOW),
        _ => bytes.iter().map(|&b| CLASS[b as usize] & (UP | LOW)).find(|&c| c != 0).unwrap_or(0),
    };
    (first, all)
}

/// The word unit `text[start..end]`; `lower` is the document's lower-case copy of `text`.
fn make_word<'a>(
    text: &'a str,
    lower: &'a str,
    start: usize,
    end: usize,
    sentence: usize,
    hyphen_before: bool,
) -> Unit<'a> {
    let s = &text[start..end];
    let (first, all) = scan(s.as_bytes());
    word_unit(text, lower, start, end, sentence, hyphen_before, first, all)
}

/// [`make_word`] given the [`scan`] of the word's bytes.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn word_unit<'a>(
    text: &'a str,
    lower: &'a str,
    start: usize,
    end: usize,
    sentence: usize,
    hyphen_before: bool,
    first: u8,
    all: u8,
) -> Unit<'a> {
    let s = &text[start..end];
    let (cap, upper, norm) = if all & NON_ASCII == 0 {
        // Most words: what the general path below computes, from the classes of the bytes.
        let norm = if all & MARK != 0 {
            let kept = s.bytes().filter(|b| !matches!(b, b'.' | b'\'' | b'`'));
            Cow::Owned(kept.map(|b| char::from(b.to_ascii_lowercase())).collect())
        } else {
            Cow::Borrowed(&lower[start..end])
        };
        (first == UP, first != 0 && all & LOW == 0, norm)
    } else {
        let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
        let cap = letters.peek().is_some_and(|c| c.is_uppercase());
        (cap, letters.peek().is_some() && letters.all(|c| !c.is_lowercase()), normalize(s))
    };
    Unit {
        start,
        end,
        norm,
        orig: s,
        id: NO_WORD,
        cap,
        upper,
        possessive: false,
        hyphen_before,
        word: true,
        num: false,
        sentence,
    }
}

/// The units of a whole document, in text order, each tagged with its sentence index.
pub(crate) fn units<'a>(doc: &'a Doc<'_>) -> Vec<Unit<'a>> {
    let text = doc.text;
    let lower = doc.lower.as_str();
    // Room for words split at hyphens too: growing a vector of units copies all of them.
    let mut out: Vec<Unit<'a>> = Vec::with_capacity(doc.tokens.len() + doc.tokens.len() / 8 + 8);
    for (si, sent) in doc.sentences.iter().enumerate() {
        let toks = &doc.tokens[sent.tokens.clone()];
        let mut pending_hyphen = false;
        for (k, t) in toks.iter().enumerate() {
            match t.kind {
                TokenKind::Word => {
                    // Worked on as bytes: a word unit slices the text once, in `word_unit`.
                    let s = &text.as_bytes()[t.span.start..t.span.end];
                    // Strip a possessive 's / ’s.
                    let mut end = t.span.end;
                    let mut possessive = false;
                    if matches!(s.last(), Some(b's' | b'S')) {
                        for suffix in ["'s", "’s", "'S", "’S"] {
                            if s.len() > suffix.len() + 1 && s.ends_with(suffix.as_bytes()) {
                                end -= suffix.len();
                                possessive = true;
                                break;
                            }
                        }
                    }
                    let (first_letter, all) = scan(&text.as_bytes()[t.span.start..end]);
                    // Hyphens are '-' or start with byte 0xE2 (U+2010, U+2011): most words have neither.
                    if all & SPLIT == 0 {
                        if end > t.span.start {
                            out.push(word_unit(text, lower, t.span.start, end, si, pending_hyphen, first_letter, all));
                        }
                        if possessive {
                            if let Some(u) = out.last_mut() {
                                u.possessive = true;
                            }
                        }
                        pending_hyphen = false;
                        continue;
                    }
                    let body = &text[t.span.start..end];
                    let mut part_start = t.span.start;
                    let mut first = true;
                    let hyphens = body.char_indices().filter(|&(_, c)| is_hyphen(c));
                    for (off, c) in hyphens {
                        if is_hyphen(c) {
                            let pos = t.span.start + off;
                            if pos > part_start {
                                out.push(make_word(
                                    text,
                                    lower,
                                    part_start,
                                    pos,
                                    si,
                                    if first { pending_hyphen } else { true },
                                ));
                                first = false;
                            }
                            part_start = pos + c.len_utf8();
                        }
                    }
                    if end > part_start {
                        out.push(make_word(
                            text,
                            lower,
                            part_start,
                            end,
                            si,
                            if first { pending_hyphen } else { true },
                        ));
                    }
                    if possessive {
                        if let Some(u) = out.last_mut() {
                            u.possessive = true;
                        }
                    }
                    pending_hyphen = false;
                }
                TokenKind::Punct => {
                    let s = t.span.of(text);
                    let prev_adjacent = k > 0 && toks[k - 1].span.end == t.span.start;
                    let next_adjacent = toks.get(k + 1).is_some_and(|n| n.span.start == t.span.end);
                    let c = s.chars().next().unwrap_or(' ');
                    if is_hyphen(c) && s.chars().count() == 1 && prev_adjacent && next_adjacent {
                        pending_hyphen = true;
                        continue;
                    }
                    // "ISIS' last": a bare apostrophe after a word ending in s is a possessive.
                    if is_apostrophe(c) && s.chars().count() == 1 && prev_adjacent && !next_adjacent {
                        if let Some(u) = out.last_mut() {
                            if u.word && u.norm.ends_with('s') && u.end == t.span.start {
                                u.possessive = true;
                                continue;
                            }
                        }
                    }
                    out.push(Unit {
                        start: t.span.start,
                        end: t.span.end,
                        norm: Cow::Borrowed(s),
                        orig: s,
                        id: NO_WORD,
                        cap: false,
                        upper: false,
                        possessive: false,
                        hyphen_before: false,
                        word: false,
                        num: false,
                        sentence: si,
                    });
                    pending_hyphen = false;
                }
                _ => {
                    let s = t.span.of(text);
                    out.push(Unit {
                        start: t.span.start,
                        end: t.span.end,
                        norm: lowercase(s, lower, t.span.start),
                        orig: s,
                        id: NO_WORD,
                        cap: false,
                        upper: false,
                        possessive: false,
                        hyphen_before: false,
                        word: false,
                        num: t.kind == TokenKind::Number,
                        sentence: si,
                    });
                    pending_hyphen = false;
                }
            }
        }
    }
    out
}

/// A unit of a lexicon phrase, owning its forms.
pub(crate) struct PhraseUnit {
    /// [`Unit::norm`].
    pub norm: String,
    /// [`Unit::raw`].
    pub raw: String,
    pub cap: bool,
    pub upper: bool,
}

/// The units of a lexicon phrase (words, numbers and "&"): their normalized keys, raw letters
/// (a single all-capital word is an acronym that must match in capitals), and capitals.
pub(crate) fn phrase_units(phrase: &str) -> Vec<PhraseUnit> {
    let doc = sitrep_model::analyze(phrase);
    let us = units(&doc);
    us.iter()
        .filter(|u| u.word || u.num || u.norm == "&")
        .map(|u| PhraseUnit { norm: u.norm.to_string(), raw: u.raw().into_owned(), cap: u.cap, upper: u.upper })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-class scan agrees with the byte tests, and words of every length up to 20 get
    /// the forms the character-by-character definitions give.
    #[test]
    fn word_tests_agree_with_byte_tests() {
        for b in 0u8..=0xFF {
            let c = CLASS[b as usize];
            assert_eq!(c & UP != 0, b.is_ascii_uppercase(), "{b}");
            assert_eq!(c & LOW != 0, b.is_ascii_lowercase(), "{b}");
            assert_eq!(c & MARK != 0, matches!(b, b'.' | b'\'' | b'`'), "{b}");
            assert_eq!(c & SPLIT != 0, b == b'-' || b == 0xE2, "{b}");
            assert_eq!(c & NON_ASCII != 0, !b.is_ascii(), "{b}");
        }
        for n in 1..20 {
            for (k, c) in ["x", "Q", ".", "'", "7"].iter().enumerate() {
                let w = format!("{}{c}{}", "a".repeat(n / 2 + 1), "b".repeat(n - n / 2 + k % 2));
                let l = w.to_ascii_lowercase();
                let u = make_word(&w, &l, 0, w.len(), 0, false);
                assert!(!u.cap, "{w}");
                assert_eq!(&*u.norm, w.replace(['.', '\''], "").to_lowercase(), "{w}");
                let c = format!("{c}{w}");
                let l = c.to_ascii_lowercase();
                let u = make_word(&c, &l, 0, c.len(), 0, false);
                assert_eq!(u.cap, c.starts_with('Q'), "{c}");
                assert!(!u.upper, "{c}");
            }
        }
        for (w, norm, raw) in [
            ("NATO", "nato", "NATO"),
            ("U.N.", "un", "UN"),
            ("1ST.ARMOURED-BRIGADE", "1starmoured-brigade", "1STARMOURED-BRIGADE"),
        ] {
            let l = w.to_ascii_lowercase();
            let u = make_word(w, &l, 0, w.len(), 0, false);
            assert!(u.cap && u.upper, "{w}");
            assert_eq!((&*u.norm, &*u.raw()), (norm, raw));
        }
    }
}
