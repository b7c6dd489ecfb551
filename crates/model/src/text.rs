//! The text layer: paragraphs, sentences and tokens, each a [`Span`] into the report text.
//!
//! Conflict reporting is full of things that break naive splitters: initialisms (U.S., U.N.),
//! military ranks (Gen., Lt. Col.), month abbreviations (Nov. 3), decimals and ranges
//! ("5-7,000"), quotations, hashtags, Arabic article prefixes (al-Qaim), bullet lists.
//! Tokens are produced first; sentence boundaries are decided over tokens, never inside one.

use crate::span::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters (and digits) with inner hyphens/apostrophes: `al-Qaim`, `Qa'im`, `re-injected`;
    /// abbreviations and initialisms keep their periods: `U.S.`, `Gen.`.
    Word,
    /// Digits with inner separators: `5-7,000`, `3.5`, `2017-11-03`, `48`.
    Number,
    /// One punctuation mark, or a run of periods (`...`).
    Punct,
    /// `#fakenews`, `@user`.
    Tag,
    /// `https://…`, `www.…`.
    Url,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub span: Span,
    /// Index range into [`Doc::tokens`].
    pub tokens: std::ops::Range<usize>,
    /// Index into [`Doc::paragraphs`].
    pub paragraph: usize,
}

/// A report text cut into paragraphs, sentences and tokens.
#[derive(Clone, Debug)]
pub struct Doc<'a> {
    pub text: &'a str,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    /// `text` with its ASCII letters in lower case, at the same byte offsets: the lower-case form
    /// of any ASCII token is `lower[span]` ([`Doc::lower_of`]), so the stages that compare words in
    /// lower case borrow it instead of lower-casing (and allocating) token by token.
    pub lower: String,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Self {
        analyze(text)
    }
    #[inline]
    pub fn token_text(&self, i: usize) -> &'a str {
        self.tokens[i].span.of(self.text)
    }
    /// The text of `span` with ASCII letters in lower case (other characters as written).
    #[inline]
    pub fn lower_of(&self, span: Span) -> &str {
        &self.lower[span.start..span.end]
    }
    #[inline]
    pub fn sentence_tokens(&self, s: usize) -> &[Token] {
        &self.tokens[self.sentences[s].tokens.clone()]
    }
    /// The sentence whose span contains byte offset `pos` (or the last one starting before it).
    #[inline]
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.start <= pos);
        i.checked_sub(1)
    }
    /// The index of the first token starting at or after `pos`.
    #[inline]
    pub fn token_at_or_after(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < pos)
    }
}

/// Abbreviations that never end a sentence: titles and ranks precede a name.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "brig", "adm",
    "cmdr", "gov", "sen", "rep", "pres", "rev", "st", "mt", "ft", "sheikh", "no", "nos", "vs", "v", "messrs", "hon",
    "amb", "lieut", "gens", "jr", "sr", "approx", "ca", "cf", "e.g", "i.e", "fig", "vol", "pp", "p",
];
/// Abbreviations that usually do not end a sentence but can (months, "etc.", "Inc.").
const OTHER_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "etc", "inc", "ltd", "co", "corp", "dept", "est", "govt", "km", "mi",
    "al",
];
/// The length of the longest entry of [`TITLES`] and [`OTHER_ABBREVIATIONS`].
const LONGEST_ABBREVIATION: usize = 6;
/// Words that, capitalized after an initialism like "U.S.", signal a new sentence.
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "this",
    "that",
    "these",
    "those",
    "in",
    "on",
    "at",
    "but",
    "and",
    "however",
    "meanwhile",
    "according",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "after",
    "before",
    "when",
    "while",
    "if",
    "as",
    "since",
    "earlier",
    "later",
    "today",
    "yesterday",
    "some",
    "many",
    "most",
    "no",
    "one",
    "two",
    "both",
    "such",
    "what",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks (diacritics written as separate code points) stay inside a word.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x064B..=0x065F)
}

/// Apostrophe-like letters of romanized Arabic (ʿayn, hamza) and ordinary apostrophes.
fn is_inner_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʿ' | 'ʾ' | '`' | 'ʼ' | '‘')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' || c == '\0'
}

/// Cut `text` into tokens. Every byte that is not whitespace belongs to exactly one token.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let b = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        if b[i] == b' ' {
            i += 1;
            continue;
        }
        // Most tokens start with an ASCII byte: no decoding.
        let c = if b[i].is_ascii() { char::from(b[i]) } else { char_at(text, i) };
        if is_space(c) {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let (end, kind) = if let Some(end) = url_end(text, i) {
            (end, TokenKind::Url)
        } else if (c == '#' || c == '@') && next_char(text, i).is_some_and(|n| n.is_alphanumeric()) {
            (scan_word(text, i + 1).0, TokenKind::Tag)
        } else if is_word_char(c) {
            scan_word(text, i)
        } else if c == '.' && b.get(i + 1) == Some(&b'.') {
            let mut e = i;
            while b.get(e) == Some(&b'.') {
                e += 1;
            }
            (e, TokenKind::Punct)
        } else {
            (i + c.len_utf8(), TokenKind::Punct)
        };
        tokens.push(Token { span: Span::new(start, end), kind });
        i = end;
    }
    tokens
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

fn next_char(text: &str, i: usize) -> Option<char> {
    let mut it = text[i..].chars();
    it.next();
    it.next()
}

fn url_end(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i..];
    if !matches!(rest.as_bytes().first(), Some(b'h' | b'H' | b'w' | b'W')) {
        return None;
    }
    let starts = |p: &[u8]| rest.as_bytes().get(..p.len()).is_some_and(|b| b.eq_ignore_ascii_case(p));
    if !(starts(b"http://") || starts(b"https://") || starts(b"www.")) {
        return None;
    }
    let mut end = i + rest.find(|c: char| is_space(c) || matches!(c, '<' | '>' | '"')).unwrap_or(rest.len());
    // Trailing punctuation belongs to the sentence, not the URL.
    while end > i + 4 {
        let last = text[..end].chars().next_back().unwrap_or(' ');
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '\'' | '’' | '”') {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    Some(end)
}

/// ASCII letters and digits.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Scan a word or number starting at `i`; returns its end and kind.
fn scan_word(text: &str, i: usize) -> (usize, TokenKind) {
    let b = text.as_bytes();
    let numeric_start = b.get(i).is_some_and(u8::is_ascii_digit);
    let mut end = i;
    let mut segment_len = 0usize; // letters since the last inner '.', for initialisms
    let mut has_inner_period = false;
    let mut pos = i;
    loop {
        // Most of a word is ASCII letters and digits: step over them without decoding chars.
        let run = b.get(pos..).map_or(0, |r| r.iter().position(|x| !ALNUM[*x as usize]).unwrap_or(r.len()));
        segment_len += run;
        pos += run;
        end = end.max(pos);
        // An ASCII byte that is no letter, digit or joiner ends the word: decide without decoding.
        if b.get(pos).is_some_and(|&x| x.is_ascii() && !matches!(x, b'-' | b'\'' | b'`' | b'.' | b',' | b':' | b'/')) {
            break;
        }
        let Some(c) = text.get(pos..).and_then(|r| r.chars().next()) else { break };
        if is_word_char(c) {
            segment_len += 1;
            pos += c.len_utf8();
            end = pos;
            continue;
        }
        let next = text.get(pos + c.len_utf8()..).and_then(|r| r.chars().next());
        let joins = match next {
            Some(n) if is_word_char(n) => {
                if is_hyphen(c) || is_inner_apostrophe(c) {
                    true
                } else if c == '.' || c == ',' || c == ':' || c == '/' {
                    // 3.5  5,000  12:30  2017/11/03 inside numbers; U.S / U.N initialisms.
                    let prev_digit = text[..pos].chars().next_back().is_some_and(|p| p.is_ascii_digit());
                    if prev_digit && n.is_ascii_digit() {
                        true
                    } else if c == '.' && segment_len == 1 && n.is_alphabetic() && !numeric_start {
                        // Only if the next segment is one letter too: "U.S", "U.N", not "end.Next".
                        let after = &text[pos + 1..];
                        let seg: usize = after.chars().take_while(|x| x.is_alphabetic()).count();
                        if seg == 1 {
                            has_inner_period = true;
                            true
                        } else {
                            false
                        }
                    } else {
                        false
                    }
                } else {
                    c == '–' && numeric_start && n.is_ascii_digit()
                }
            }
            _ => false,
        };
        if !joins {
            break;
        }
        if c == '.' {
            segment_len = 0;
        }
        pos += c.len_utf8();
        end = pos;
    }
    let word = &text[i..end];
    let followed_by_period = text.as_bytes().get(end) == Some(&b'.');
    if followed_by_period && !numeric_start {
        let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
        let listed = |list: &[&str]| {
            if word.is_ascii() {
                // No listed abbreviation is longer (a test checks): most words before a period are.
                word.len() <= LONGEST_ABBREVIATION && list.iter().any(|a| a.eq_ignore_ascii_case(word))
            } else {
                list.contains(&word.to_lowercase().as_str())
            }
        };
        if has_inner_period || single_letter || listed(TITLES) || listed(OTHER_ABBREVIATIONS) {
            // "U.S." "J." "Gen." "Nov." keep their period.
            return (end + 1, TokenKind::Word);
        }
    }
    let kind = if numeric_start && all_numeric_chars(word) { TokenKind::Number } else { TokenKind::Word };
    (end, kind)
}

fn all_numeric_chars(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '–' | ':' | '/'))
}

/// Paragraphs are separated by blank lines.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_content_end = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_matches(is_space);
        if trimmed.is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, last_content_end));
            }
        } else {
            let lead = line.len() - line.trim_start_matches(is_space).len();
            let content_end = line_start + line.trim_end_matches(is_space).len();
            if start.is_none() {
                start = Some(line_start + lead);
            }
            last_content_end = content_end;
        }
        line_start += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, last_content_end));
    }
    out
}

fn is_closing(t: &str) -> bool {
    matches!(t, "\"" | "”" | "’" | "'" | ")" | "]" | "»" | "›")
}

fn is_bullet(t: &str) -> bool {
    matches!(t, "-" | "*" | "•" | "–" | "—" | "·" | "▪" | "◦")
}

/// Whether a new sentence can start at token `j` (after a terminal mark).
fn can_start_sentence(text: &str, tokens: &[Token], j: usize) -> bool {
    let Some(t) = tokens.get(j) else { return true };
    let s = t.span.of(text);
    let c = s.chars().next().unwrap_or(' ');
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(c, '"' | '“' | '\'' | '‘' | '(' | '[' | '#' | '@' | '«')
        || is_bullet(s)
        || !c.is_alphabetic() && !c.is_ascii_punctuation()
}

/// Split the tokens of each paragraph into sentences.
pub fn sentences(text: &str, tokens: &[Token], paragraphs: &[Span]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut ti = 0;
    let caseless = writes_no_capitals(text, tokens);
    for (pi, para) in paragraphs.iter().enumerate() {
        while ti < tokens.len() && tokens[ti].span.start < para.start {
            ti += 1;
        }
        let first = ti;
        while ti < tokens.len() && tokens[ti].span.end <= para.end {
            ti += 1;
        }
        let para_tokens = first..ti;
        let mut s_start = para_tokens.start;
        let mut j = para_tokens.start;
        while j < para_tokens.end {
            if !may_end_sentence(text, tokens, j, para_tokens.end) {
                j += 1;
                continue;
            }
            let boundary_after = boundary_after(text, tokens, j, para_tokens.end, caseless);
            if let Some(last) = boundary_after {
                out.push(make_sentence(tokens, s_start, last + 1, pi));
                s_start = last + 1;
                j = last + 1;
            } else {
                j += 1;
            }
        }
        if s_start < para_tokens.end {
            out.push(make_sentence(tokens, s_start, para_tokens.end, pi));
        }
    }
    out
}

fn make_sentence(tokens: &[Token], a: usize, b: usize, paragraph: usize) -> Sentence {
    Sentence { span: Span::new(tokens[a].span.start, tokens[b - 1].span.end), tokens: a..b, paragraph }
}

/// Whether [`boundary_after`] can find a boundary at token `j`: only after punctuation ending in a
/// terminal mark (or any non-ASCII byte: "…"), a word ending in a period, or before a gap that is
/// more than one space. Most tokens are none of these and skip the full test.
#[inline]
fn may_end_sentence(text: &str, tokens: &[Token], j: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let t = tokens[j];
    let last = t.span.end.checked_sub(1).and_then(|k| b.get(k)).copied().unwrap_or(0);
    match t.kind {
        TokenKind::Punct if matches!(last, b'.' | b'!' | b'?') || !last.is_ascii() => return true,
        TokenKind::Word if last == b'.' => return true,
        _ => {}
    }
    j + 1 < end && !matches!(b.get(t.span.end..tokens[j + 1].span.start), Some([] | [b' ']))
}

/// If a sentence ends with token `j` (possibly extended over closing quotes), return its last token.
/// `caseless`: the text does not capitalize its sentences ([`writes_no_capitals`]), so a period,
/// question or exclamation mark followed by a space and a lower-case word ends one too.
fn boundary_after(text: &str, tokens: &[Token], j: usize, end: usize, caseless: bool) -> Option<usize> {
    let t = tokens[j];
    let s = t.span.of(text);
    // Between two tokens there is usually nothing or one space: no line break, without a search.
    let newline_before_next = |k: usize| {
        k + 1 < end
            && match &text.as_bytes()[tokens[k].span.end..tokens[k + 1].span.start] {
                [] | [b' '] => false,
                gap => gap.contains(&b'\n'),
            }
    };
    let terminal = t.kind == TokenKind::Punct && (matches!(s, "." | "!" | "?" | "…" | "。") || s.starts_with(".."));
    if terminal && s == "." && j > 0 && is_list_number(text, tokens, j - 1) {
        return None;
    }
    if terminal {
        let mut last = j;
        // Closing quotes/brackets hug the period: `…end." Next`.
        while last + 1 < end
            && is_closing(tokens[last + 1].span.of(text))
            && tokens[last + 1].span.start == tokens[last].span.end
        {
            last += 1;
        }
        // "?!" or "!!"
        while last + 1 < end && matches!(tokens[last + 1].span.of(text), "!" | "?") {
            last += 1;
        }
        if last + 1 >= end {
            return Some(last);
        }
        if can_start_sentence(text, tokens, last + 1) || newline_before_next(last) {
            return Some(last);
        }
        if caseless && matches!(s, "." | "!" | "?") && lower_word_after_space(text, tokens, last) {
            return Some(last);
        }
        return None;
    }
    if t.kind == TokenKind::Word && s.ends_with('.') && j + 1 < end {
        let stem = s[..s.len() - 1].to_lowercase();
        if TITLES.contains(&stem.as_str()) {
            return None;
        }
        let next = tokens[j + 1].span.of(text);
        let starts_upper = next.chars().next().is_some_and(char::is_uppercase);
        let starter = SENTENCE_STARTERS.contains(&next.to_lowercase().as_str());
        if starts_upper && (starter || newline_before_next(j)) {
            return Some(j);
        }
        return None;
    }
    // A line break followed by a list bullet or "1." starts a new item.
    if newline_before_next(j) {
        let next = tokens[j + 1];
        let ns = next.span.of(text);
        let numbered = next.kind == TokenKind::Number
            && tokens
                .get(j + 2)
                .is_some_and(|t2| matches!(t2.span.of(text), "." | ")") && t2.span.start == next.span.end);
        if is_bullet(ns) || numbered {
            return Some(j);
        }
        // A heading line (no terminal mark, short) followed by a new line.
        let line_start = text[..t.span.end].rfind('\n').map_or(0, |p| p + 1);
        if t.span.end - line_start < 60
            && !matches!(s, "," | ";" | ":" | "-")
            && can_start_sentence(text, tokens, j + 1)
            && !s.chars().all(|c| c.is_lowercase())
        {
            // Wrapped prose ends its lines with lower-case words; headings do not.
            if !s.chars().next().is_some_and(char::is_lowercase) {
                return Some(j);
            }
        }
    }
    None
}

/// Whether token `k + 1` is a word starting with a lower-case letter, after a space.
fn lower_word_after_space(text: &str, tokens: &[Token], k: usize) -> bool {
    let (Some(t), Some(n)) = (tokens.get(k), tokens.get(k + 1)) else { return false };
    n.kind == TokenKind::Word
        && n.span.start > t.span.end
        && n.span.of(text).chars().next().is_some_and(char::is_lowercase)
}

/// Whether a text is written without capitals at its sentence starts (a text folded to lower case,
/// as some corpora and feeds deliver it): it does not begin with a capital, some period, question
/// or exclamation mark is followed by a space and a lower-case word, and none by a capitalized
/// word. Such a text's sentences end at those marks although the next word is in lower case.
fn writes_no_capitals(text: &str, tokens: &[Token]) -> bool {
    if text.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase) {
        return false;
    }
    let mut lower = false;
    for (k, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Punct || !matches!(t.span.of(text), "." | "!" | "?") {
            continue;
        }
        let Some(n) = tokens.get(k + 1) else { break };
        if n.kind != TokenKind::Word || n.span.start == t.span.end {
            continue;
        }
        match n.span.of(text).chars().next() {
            Some(c) if c.is_uppercase() => return false,
            Some(c) if c.is_lowercase() => lower = true,
            _ => {}
        }
    }
    lower
}

/// A number at the start of a line directly followed by `.`/`)`: the "1." of a numbered list.
fn is_list_number(text: &str, tokens: &[Token], k: usize) -> bool {
    let t = tokens[k];
    if t.kind != TokenKind::Number || tokens.get(k + 1).is_none_or(|n| n.span.start != t.span.end) {
        return false;
    }
    let line_start = text[..t.span.start].rfind('\n').map_or(0, |p| p + 1);
    text[line_start..t.span.start].trim_matches(is_space).is_empty()
}

/// Tokens, paragraphs and sentences of `text`.
pub fn analyze(text: &str) -> Doc<'_> {
    let tokens = tokenize(text);
    let paragraphs = paragraphs(text);
    let sentences = sentences(text, &tokens, &paragraphs);
    Doc { text, paragraphs, sentences, tokens, lower: text.to_ascii_lowercase() }
}

#[cfg(test)]
mod tests;
