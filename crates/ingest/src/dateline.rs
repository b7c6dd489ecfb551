//! Datelines: the publication date (and place) at the head of a report.
//!
//! Two kinds are recognized in the first few non-blank lines of a text:
//!
//! * **Date lines**: a line that begins with a full date, optionally after a label and a weekday:
//!   `date 2017-11-03 November 03, 2017`, `November 3, 2017`, `Nov. 3, 2017`, `3 Nov 2017`,
//!   `3rd of November 2017`, `2017-11-03`, `2017/11/03`, `03.11.2017`, `Friday, 3 November 2017`,
//!   `Published: Nov 3, 2017 10:05 GMT`, `Updated 2017-11-03T10:00Z`, French month names
//!   (`3 novembre 2017`). A line such as `Published …` beats an unlabelled date line, which beats
//!   `Updated …`.
//! * **Wire datelines**: `BEIRUT, Nov 3 (Reuters) -`, `DAMASCUS (AP) —`, `KYIV, Ukraine (AP) —`,
//!   `BAMAKO, 12 March 2023 (AFP) -`, `ALEPPO, Syria, Oct. 7 —`, `Damascus, SANA –`,
//!   `WASHINGTON/BEIRUT (Reuters) -`, `MOSUL: …`. They give the place, and often a date.
//!
//! Decisions (documented in README's reader notes too):
//! * Numeric dates are taken only when unambiguous: `13/11/2017` (day > 12) and `11/13/2017` are
//!   read, `03/11/2017` is not (it is 3 November in Damascus and March 11 in Washington). Dotted
//!   dates (`03.11.2017`) are day.month.year, as everywhere they are used.
//! * A date without a year (`BEIRUT, Nov 3 (Reuters) -`) gets its year from a reference date when
//!   the caller has one (the feed's or page's date, a date in the file name): the year that puts
//!   it nearest the reference. Without a reference the dateline is returned with its place and no
//!   date: a guessed year would silently misdate every event in the report.
//! * A weekday that contradicts the date is ignored (the date wins).

use chrono::{Datelike, NaiveDate};
use sitrep_model::Span;

/// A dateline found at the head of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The date, when it is complete or its year could be inferred from a reference date.
    pub date: Option<NaiveDate>,
    /// Place named in a wire dateline as written (`BEIRUT`, `KYIV, Ukraine`), if any.
    pub place: Option<String>,
    /// Byte span of the place in the text, if any.
    pub place_span: Option<Span>,
    /// True when the year was not written and was taken from the reference date.
    pub year_inferred: bool,
}

/// A date as written: the year may be missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl PartialDate {
    /// The full date: the written year, else the year nearest `reference`.
    pub fn resolve(&self, reference: Option<NaiveDate>) -> Option<(NaiveDate, bool)> {
        if let Some(y) = self.year {
            return NaiveDate::from_ymd_opt(y, self.month, self.day).map(|d| (d, false));
        }
        let r = reference?;
        (r.year() - 1..=r.year() + 1)
            .filter_map(|y| NaiveDate::from_ymd_opt(y, self.month, self.day))
            .min_by_key(|d| (*d - r).num_days().abs())
            .map(|d| (d, true))
    }
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // French (West Africa, Levant wires)
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Label {
    Updated,
    /// A date closing the title line (`Sudan situation update, 14 March 2024`).
    Title,
    None,
    Published,
}

const PUBLISHED_LABELS: &[&str] =
    &["date", "dated", "published", "publish", "posted", "issued", "released", "created", "first", "publié", "publie"];
const UPDATED_LABELS: &[&str] = &["updated", "last", "modified", "revised", "mis", "jour"];
const FILLER_LABELS: &[&str] = &["on", "at", "le", "à"];

/// Wire agencies written bare after the place (`Damascus, SANA –`).
const BARE_AGENCIES: &[&str] =
    &["SANA", "AFP", "AP", "UPI", "IRNA", "TASS", "XINHUA", "UNIAN", "ANHA", "NNA", "KUNA", "WAFA", "INA", "MENA"];

/// Words that open a line in capitals without being a place (`UPDATE: …`).
const NOT_PLACES: &[&str] = &[
    "UPDATE",
    "UPDATED",
    "BREAKING",
    "NOTE",
    "EDITOR",
    "EDITORS",
    "WARNING",
    "URGENT",
    "FLASH",
    "CORRECTION",
    "EXCLUSIVE",
    "ANALYSIS",
    "WATCH",
    "LIVE",
    "VIDEO",
    "PHOTOS",
    "OPINION",
    "SUMMARY",
    "BACKGROUND",
    "DATE",
    "SOURCE",
    "TITLE",
    "SUBJECT",
    "FROM",
    "TO",
    "PRESS",
    "STATEMENT",
    "REPORT",
    "SITREP",
    "SITUATION",
    "ALERT",
    "NEWS",
    "BULLETIN",
    "TRANSCRIPT",
    "READOUT",
];

/// Lines of the head of a text that are searched for datelines.
const HEAD_LINES: usize = 5;

pub fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == w).map(|&(_, m)| m)
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    WEEKDAYS.contains(&w.as_str())
}

/// Looks for a dateline in the first lines of `text`, with no reference date.
pub fn find_dateline(text: &str) -> Option<Dateline> {
    find_dateline_with(text, None)
}

/// Looks for a dateline in the first lines of `text`. `reference` supplies the year of dates
/// written without one.
pub fn find_dateline_with(text: &str, reference: Option<NaiveDate>) -> Option<Dateline> {
    let mut best: Option<(Label, PartialDate)> = None;
    let mut wire: Option<(Option<PartialDate>, String, Span)> = None;
    let mut offset = 0usize;
    let mut seen = 0usize;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        seen += 1;
        if seen > HEAD_LINES {
            break;
        }
        let found =
            date_line(line).or_else(|| (seen == 1).then(|| title_date(line)).flatten().map(|d| (Label::Title, d)));
        if let Some((label, d)) = found {
            if best.is_none_or(|(l, _)| label > l) {
                best = Some((label, d));
            }
        } else if wire.is_none() {
            if let Some((d, place, span)) = wire_dateline(line) {
                let span = Span::new(start + span.start, start + span.end);
                wire = Some((d, place, span));
            }
        }
    }
    let date_part = match (&best, &wire) {
        (Some((_, d)), _) => Some(*d),
        (None, Some((Some(d), _, _))) => Some(*d),
        _ => None,
    };
    let resolved = date_part.and_then(|d| d.resolve(reference));
    if resolved.is_none() && wire.is_none() {
        return None;
    }
    let (place, place_span) = match wire {
        Some((_, p, s)) => (Some(p), Some(s)),
        None => (None, None),
    };
    Some(Dateline {
        date: resolved.map(|(d, _)| d),
        place,
        place_span,
        year_inferred: resolved.is_some_and(|(_, inferred)| inferred),
    })
}

/// Parses the first full date in a short string: ISO, `November 3, 2017`, `3 Nov 2017`, ….
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let toks = tokens(s);
    (0..toks.len()).find_map(|i| {
        let (d, _) = date_at(&toks, i)?;
        d.resolve(None).map(|(d, _)| d)
    })
}

/// A line that begins with a date (after an optional label and weekday). Needs a year.
fn date_line(line: &str) -> Option<(Label, PartialDate)> {
    let toks = tokens(line);
    let mut label = Label::None;
    let mut i = 0;
    while i < toks.len() && i < 8 {
        let t = toks[i].text;
        let lower = t.to_lowercase();
        if PUBLISHED_LABELS.contains(&lower.as_str()) {
            label = label.max(Label::Published);
        } else if UPDATED_LABELS.contains(&lower.as_str()) {
            if label == Label::None {
                label = Label::Updated;
            }
        } else if !((label != Label::None || i > 0) && FILLER_LABELS.contains(&lower.as_str())
            || is_weekday(t)
            || matches!(t, ":" | "," | "-" | "|" | "." | "–" | "—" | "·" | "[" | "]" | "(" | ")"))
        {
            break;
        }
        i += 1;
    }
    let (d, _) = date_at(&toks, i)?;
    d.year?;
    Some((label, d))
}

/// A full date that closes a short title line after a separator: `Sudan situation update, 14 March
/// 2024`, `Daily brief – Friday 3 November 2017`, `Weekly report | 2024-03-14`. Situation reports
/// and blog summaries date themselves there; a date inside a headline's sentence is not taken.
/// A period's report is dated at the period's end, when it is written: `week of 4 March 2024` is 10
/// March, `week ending 10 March 2024` and `4–10 March 2024` too; `as of 10 March 2024` is that day.
/// Names of a report that may stand right before the date in its title.
const REPORT_NOUNS: &[&str] = &[
    "update",
    "updates",
    "report",
    "summary",
    "brief",
    "briefing",
    "bulletin",
    "sitrep",
    "digest",
    "roundup",
    "round-up",
    "assessment",
    "overview",
    "snapshot",
    "review",
];

fn title_date(line: &str) -> Option<PartialDate> {
    if line.len() > 160 {
        return None;
    }
    let toks = tokens(line);
    // The last separator after which the rest of the line is one date (a date's own commas and
    // hyphens are separators too, so each is tried from the right).
    // A report's own name may also lead its date without a separator (`Situation Report 3 November 2017`).
    let report_noun = |t: &str| REPORT_NOUNS.contains(&t.to_ascii_lowercase().as_str());
    let lead = |p: usize| matches!(toks[p].text, "," | "-" | "–" | "—" | "|" | ":" | "(") || report_noun(toks[p].text);
    (0..toks.len()).rev().filter(|&p| lead(p)).find_map(|p| {
        let mut i = p + 1;
        while i < toks.len() && (is_weekday(toks[i].text) || toks[i].text == ",") {
            i += 1;
        }
        let (i, days_after) = period_lead(&toks, i);
        let (d, end) = date_at(&toks, i)?;
        let rest = toks.get(end..).unwrap_or_default();
        if d.year.is_none() || !rest.iter().all(|t| t.text == ")") {
            return None;
        }
        if days_after == 0 {
            return Some(d);
        }
        let end = d.resolve(None)?.0.checked_add_days(chrono::Days::new(days_after))?;
        Some(PartialDate { year: Some(end.year()), month: end.month(), day: end.day() })
    })
}

/// Words that lead a title's date and say which day of a period it is: (index of the date, days
/// from the written date to the period's end). `week of`/`week beginning` name the first day.
fn period_lead(toks: &[Tok], i: usize) -> (usize, u64) {
    let word = |k: usize| toks.get(k).map(|t| t.text.to_lowercase()).unwrap_or_default();
    match (word(i).as_str(), word(i + 1).as_str()) {
        ("week", "of" | "beginning" | "starting" | "commencing") => (i + 2, 6),
        ("week" | "period", "ending" | "ended" | "to") | ("as", "of" | "at") => (i + 2, 0),
        ("for" | "on" | "updated", _) => (i + 1, 0),
        _ => (i, 0),
    }
}

/// A wire dateline at the start of `line`: (date, place as written, place span in the line).
fn wire_dateline(line: &str) -> Option<(Option<PartialDate>, String, Span)> {
    let head = line.get(..floor_boundary(line, 160))?;
    let lead = head.len() - head.trim_start().len();
    // The dateline ends at a dash set off by spaces (or after a closing parenthesis), or a colon.
    let mut end = None;
    let mut colon = false;
    for (i, c) in head.char_indices() {
        match c {
            '-' | '–' | '—' => {
                let before = head[..i].chars().next_back();
                let after = head[i + c.len_utf8()..].chars().next();
                let spaced_before = before.is_some_and(|b| b.is_whitespace() || b == ')' || b == '/');
                let spaced_after = after.is_none_or(|a| a.is_whitespace() || a == '-');
                if spaced_before && spaced_after {
                    end = Some(i);
                    break;
                }
            }
            ':' => {
                end = Some(i);
                colon = true;
                break;
            }
            '.' | '!' | '?' | '"' | '“' => {
                // A full stop ends a sentence before any dateline dash, unless it is an abbreviation.
                let prev_word: String = head[..i].chars().rev().take_while(|c| c.is_alphabetic()).collect::<String>();
                let prev_word: String = prev_word.chars().rev().collect();
                if c != '.' || (month(&prev_word).is_none() && prev_word.chars().count() > 3) {
                    return None;
                }
            }
            _ => {}
        }
    }
    let end = end?;
    let prefix = &head[lead..end];
    // Agencies in parentheses or slashes are removed; the rest splits at commas.
    let mut has_agency = false;
    let mut cleaned = String::with_capacity(prefix.len());
    let mut depth_paren = false;
    let mut slash_agency = false;
    for (i, c) in prefix.char_indices() {
        match c {
            '(' => {
                depth_paren = true;
                has_agency = true;
            }
            ')' => depth_paren = false,
            '/' if prefix[i + 1..].trim().is_empty()
                || prefix[..i].trim_end().ends_with(|c: char| c.is_ascii_digit())
                || slash_agency =>
            {
                slash_agency = !slash_agency;
                has_agency = true;
            }
            _ if depth_paren || slash_agency => {}
            _ => cleaned.push(c),
        }
    }
    if depth_paren {
        return None;
    }
    let segments: Vec<&str> = cleaned.split(',').map(str::trim).collect();
    let place_seg = *segments.first()?;
    let all_caps = is_caps_place(place_seg);
    let mut date = None;
    let mut place_end_seg = 0usize;
    for (k, seg) in segments.iter().enumerate().skip(1) {
        if seg.is_empty() {
            return None;
        }
        if let Some(d) = whole_date(seg) {
            if date.is_some() {
                return None;
            }
            date = Some(d);
        } else if BARE_AGENCIES.contains(seg) {
            has_agency = true;
        } else if date.is_none() && (is_title_place(seg) || is_caps_place(seg)) {
            place_end_seg = k;
        } else if seg.chars().all(|c| c.is_ascii_digit()) && seg.len() == 4 && date.is_some() {
            // "Nov 3, 2017" split at the comma
            let y: i32 = seg.parse().ok()?;
            if let Some(d) = date.as_mut() {
                if d.year.is_some() {
                    return None;
                }
                d.year = Some(y);
            }
        } else {
            return None;
        }
    }
    if !all_caps {
        // A title-case place needs a date or an agency to be a dateline, and no colon form.
        if colon || !is_title_place(place_seg) || (date.is_none() && !has_agency) {
            return None;
        }
    }
    if colon && (!all_caps || segments.len() > 1 || has_agency) {
        return None;
    }
    // Place text as written: the first segments up to the last place segment.
    let first_word = place_seg.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
    if NOT_PLACES.contains(&first_word) {
        return None;
    }
    let place_text_end = nth_comma_end(prefix, place_end_seg);
    let place = prefix[..place_text_end].trim_end();
    if place.is_empty() || place.contains('(') {
        return None;
    }
    Some((date, place.to_string(), Span::new(lead, lead + place.len())))
}

/// Byte offset in `s` of the end of comma-separated segment `k` (0-based), stopping at an agency.
fn nth_comma_end(s: &str, k: usize) -> usize {
    let mut count = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => return i,
            ',' => {
                if count == k {
                    return i;
                }
                count += 1;
            }
            '/' if s[..i].trim_end().ends_with(|c: char| c.is_ascii_digit()) => return i,
            _ => {}
        }
    }
    s.len()
}

fn floor_boundary(s: &str, max: usize) -> usize {
    if s.len() <= max {
        return s.len();
    }
    let mut i = max;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Particles that stay lower case inside place names (`Deir ez-Zor`, `Ras al-Ain`).
const PARTICLES: &[&str] = &["al", "el", "ez", "ash", "as", "ad", "ar", "an", "at", "de", "du", "la", "le", "of", "on"];

fn place_words(seg: &str) -> Vec<&str> {
    seg.split(|c: char| c.is_whitespace() || c == '-' || c == '/').filter(|w| !w.is_empty()).collect()
}

fn place_chars_ok(seg: &str) -> bool {
    seg.chars().all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '-' | '\'' | '’' | '.' | '/'))
}

/// `BEIRUT`, `DEIR EZ-ZOR`, `WASHINGTON/BEIRUT`, `UNITED NATIONS`.
fn is_caps_place(seg: &str) -> bool {
    let words = place_words(seg);
    place_chars_ok(seg)
        && !words.is_empty()
        && words.len() <= 5
        && seg.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && seg.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
}

/// `Ukraine`, `Deir ez-Zor`, `Ras al-Ain`.
fn is_title_place(seg: &str) -> bool {
    let words = place_words(seg);
    place_chars_ok(seg)
        && !words.is_empty()
        && words.len() <= 4
        && words.iter().any(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(&w.to_lowercase().as_str()))
}

/// A segment that is a date and nothing else (`Nov 3`, `12 March 2023`, `Oct. 7`).
fn whole_date(seg: &str) -> Option<PartialDate> {
    let toks = tokens(seg);
    let (d, next) = date_at(&toks, 0)?;
    (next == toks.len()).then_some(d)
}

#[derive(Clone, Copy, Debug)]
struct Tok<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// Words (letters/digits) and single punctuation characters, with byte offsets.
fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            if word_start.is_none() {
                word_start = Some(i);
            }
            continue;
        }
        if let Some(ws) = word_start.take() {
            out.push(Tok { text: &s[ws..i], start: ws, end: i });
        }
        if !c.is_whitespace() {
            out.push(Tok { text: &s[i..i + c.len_utf8()], start: i, end: i + c.len_utf8() });
        }
        if out.len() > 64 {
            return out;
        }
    }
    if let Some(ws) = word_start {
        out.push(Tok { text: &s[ws..], start: ws, end: s.len() });
    }
    out
}

fn num(t: &str, min_len: usize, max_len: usize) -> Option<u32> {
    (t.len() >= min_len && t.len() <= max_len && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// `3`, `03`, `3rd`, `21st`, `3e` (French), `1er`.
fn day_word(t: &str) -> Option<u32> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let (d, suffix) = t.split_at(digits);
    if !matches!(suffix.to_lowercase().as_str(), "" | "st" | "nd" | "rd" | "th" | "er" | "e") {
        return None;
    }
    num(d, 1, 2).filter(|d| (1..=31).contains(d))
}

fn year_word(t: &str) -> Option<i32> {
    num(t, 4, 4).map(|y| y as i32).filter(|y| (1900..=2100).contains(y))
}

fn adjacent(toks: &[Tok], i: usize) -> bool {
    toks.get(i + 1).is_some_and(|n| n.start == toks[i].end)
}

/// A date starting at token `i`; returns it and the index of the first token after it.
fn date_at(toks: &[Tok], i: usize) -> Option<(PartialDate, usize)> {
    let t = toks.get(i)?;
    let tx = |k: usize| toks.get(k).map(|t| t.text).unwrap_or("");
    // Numeric: Y-M-D, Y/M/D, D.M.Y, D/M/Y or M/D/Y when unambiguous.
    if let Some(a) = num(t.text, 1, 4) {
        let sep = tx(i + 1);
        if matches!(sep, "-" | "/" | ".")
            && adjacent(toks, i)
            && adjacent(toks, i + 1)
            && tx(i + 3) == sep
            && adjacent(toks, i + 2)
            && adjacent(toks, i + 3)
        {
            let b = num(tx(i + 2), 1, 2)?;
            let c_text = tx(i + 4);
            // ISO timestamps glue the time on: "2017-11-03T10" → take the leading digits.
            let c_digits: String = c_text.chars().take_while(char::is_ascii_digit).collect();
            if t.text.len() == 4 {
                let c = num(&c_digits, 1, 2)?;
                let y = year_word(t.text)?;
                return NaiveDate::from_ymd_opt(y, b, c)
                    .map(|_| (PartialDate { year: Some(y), month: b, day: c }, i + 5));
            }
            let y = year_word(c_text)?;
            let (d, m) = match sep {
                "." => (a, b),
                _ if a > 12 && b <= 12 => (a, b),
                _ if b > 12 && a <= 12 => (b, a),
                _ if a == b => (a, b),
                _ => return None,
            };
            return NaiveDate::from_ymd_opt(y, m, d).map(|_| (PartialDate { year: Some(y), month: m, day: d }, i + 5));
        }
    }
    // Month Day[,] [Year]
    if let Some(m) = month(t.text) {
        let mut k = i + 1;
        if tx(k) == "." {
            k += 1;
        }
        let d = day_word(tx(k))?;
        k += 1;
        let (year, k) = optional_year(&tx, k);
        return valid(year, m, d).map(|pd| (pd, k));
    }
    // Day [of] Month[.][,] [Year]
    if let Some(d) = day_word(t.text) {
        let mut k = i + 1;
        if tx(k).eq_ignore_ascii_case("of") {
            k += 1;
        }
        let m = month(tx(k))?;
        k += 1;
        if tx(k) == "." {
            k += 1;
        }
        let (year, k) = optional_year(&tx, k);
        return valid(year, m, d).map(|pd| (pd, k));
    }
    None
}

/// `[,] [Year]` after a day and month: the year, if any, and the token index after what was read
/// (a lone comma without a year is left unread).
fn optional_year<'t>(tx: &impl Fn(usize) -> &'t str, k: usize) -> (Option<i32>, usize) {
    let j = if tx(k) == "," { k + 1 } else { k };
    match year_word(tx(j)) {
        Some(y) => (Some(y), j + 1),
        None => (None, k),
    }
}

fn valid(year: Option<i32>, month: u32, day: u32) -> Option<PartialDate> {
    // Feb 29 is valid in some year; check against a leap year when the year is unknown.
    NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?;
    Some(PartialDate { year, month, day })
}

/// A heading at the head of a plain-text report: the first line, after date lines and a byline,
/// that stands alone as a paragraph (a blank line follows), is at most 200 bytes, and does not end
/// like a sentence. A wire dateline's lead paragraph is never a heading.
pub fn find_heading(text: &str) -> Option<String> {
    let mut lines = text.lines().map(str::trim).peekable();
    let mut seen = 0;
    while let Some(line) = lines.next() {
        if line.is_empty() {
            continue;
        }
        seen += 1;
        if seen > HEAD_LINES {
            return None;
        }
        if date_line(line).is_some() || line.to_lowercase().starts_with("by ") {
            continue;
        }
        if wire_dateline(line).is_some() {
            return None;
        }
        let alone = lines.peek().is_none_or(|next| next.is_empty());
        let sentence_end = line.ends_with(['.', ',', ';', ':']) && !line.ends_with("...");
        if alone && !sentence_end && line.len() <= 200 && line.chars().any(char::is_alphabetic) {
            return Some(line.to_string());
        }
        return None;
    }
    None
}

/// A date in a file name: `report-2017-11-03.txt`, `2017_11_03_aleppo.html`, `20171103.txt`.
pub fn date_in_file_name(name: &str) -> Option<NaiveDate> {
    let b = name.as_bytes();
    let digit_run_ok =
        |s: usize, e: usize| (s == 0 || !b[s - 1].is_ascii_digit()) && (e == b.len() || !b[e].is_ascii_digit());
    for s in 0..b.len() {
        // YYYY?MM?DD with one separator kind
        if s + 10 <= b.len() && digit_run_ok(s, s + 10) {
            let w = &b[s..s + 10];
            let sep = w[4];
            if matches!(sep, b'-' | b'_' | b'.') && w[7] == sep {
                let part = |r: std::ops::Range<usize>| std::str::from_utf8(&w[r]).ok()?.parse::<u32>().ok();
                if let (Some(y), Some(m), Some(d)) = (part(0..4), part(5..7), part(8..10)) {
                    if let Some(date) =
                        NaiveDate::from_ymd_opt(y as i32, m, d).filter(|d| (1900..=2100).contains(&d.year()))
                    {
                        return Some(date);
                    }
                }
            }
        }
        if s + 8 <= b.len() && b[s..s + 8].iter().all(u8::is_ascii_digit) && digit_run_ok(s, s + 8) {
            let t = std::str::from_utf8(&b[s..s + 8]).ok()?;
            if let Ok(date) = NaiveDate::parse_from_str(t, "%Y%m%d") {
                if (1990..=2100).contains(&date.year()) {
                    return Some(date);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// (text head, reference date, expected date, expected place)
    #[allow(clippy::type_complexity)]
    const CASES: &[(&str, Option<(i32, u32, u32)>, Option<(i32, u32, u32)>, Option<&str>)] = &[
        // leading date lines
        (" date 2017-11-03 November 03, 2017\n\nText", None, Some((2017, 11, 3)), None),
        ("November 3, 2017\nThe army", None, Some((2017, 11, 3)), None),
        ("3 Nov 2017\nText", None, Some((2017, 11, 3)), None),
        ("2017-11-03\nText", None, Some((2017, 11, 3)), None),
        ("Nov. 3, 2017\nText", None, Some((2017, 11, 3)), None),
        ("Friday, 3 November 2017\nText", None, Some((2017, 11, 3)), None),
        ("Friday, November 3, 2017 10:45 AM EST\nText", None, Some((2017, 11, 3)), None),
        ("Published: November 3, 2017\nText", None, Some((2017, 11, 3)), None),
        ("Updated 2017-11-04T08:10:00Z\nText", None, Some((2017, 11, 4)), None),
        ("Updated: 4 Nov 2017\nPublished: 3 Nov 2017\nText", None, Some((2017, 11, 3)), None),
        ("Posted on 3rd November 2017 by Staff\nText", None, Some((2017, 11, 3)), None),
        ("3rd of November, 2017\nText", None, Some((2017, 11, 3)), None),
        ("2017/11/03 14:00\nText", None, Some((2017, 11, 3)), None),
        ("03.11.2017\nText", None, Some((2017, 11, 3)), None),
        ("13/11/2017\nText", None, Some((2017, 11, 13)), None),
        ("11/13/2017\nText", None, Some((2017, 11, 13)), None),
        ("03/11/2017\nText", None, None, None), // ambiguous: not taken
        ("Vendredi 3 novembre 2017\nTexte", None, Some((2017, 11, 3)), None),
        ("Date: Sept. 21, 2016\nText", None, Some((2016, 9, 21)), None),
        ("Army retakes town\nMarch 12, 2023\n\nBody", None, Some((2023, 3, 12)), None),
        // a date closing the title line
        ("Sudan situation update, 14 March 2024\n\nThe army", None, Some((2024, 3, 14)), None),
        ("Daily brief – Friday 3 November 2017\nText", None, Some((2017, 11, 3)), None),
        ("Weekly report | 2024-03-14\nText", None, Some((2024, 3, 14)), None),
        ("Front line notes (March 12, 2023)\nText", None, Some((2023, 3, 12)), None),
        ("Brief, 1 May 2024\nPublished: 2 May 2024\nText", None, Some((2024, 5, 2)), None),
        // a report's own name leads its date without a separator; a headline's words do not
        ("Update 10 October 2017\nText", None, Some((2017, 10, 10)), None),
        ("Syria Situation Report 3 November 2017\nText", None, Some((2017, 11, 3)), None),
        ("Army retakes town 3 November 2017\nText", None, None, None),
        // a period's report is dated at the period's end
        ("Sudan situation update, week of 4 March 2024\nText", None, Some((2024, 3, 10)), None),
        ("Weekly brief: week ending 10 March 2024\nText", None, Some((2024, 3, 10)), None),
        ("Situation report, 4-10 March 2024\nText", None, Some((2024, 3, 10)), None),
        ("Control map update - as of 28 February 2024\nText", None, Some((2024, 2, 28)), None),
        ("Weekly update, week of 29 December 2023\nText", None, Some((2024, 1, 4)), None),
        // wire datelines
        ("BEIRUT, Nov 3 (Reuters) - Syrian", Some((2017, 11, 5)), Some((2017, 11, 3)), Some("BEIRUT")),
        ("BEIRUT, Nov 3 (Reuters) - Syrian", None, None, Some("BEIRUT")),
        ("BEIRUT, Dec 30 (Reuters) - Syrian", Some((2018, 1, 2)), Some((2017, 12, 30)), Some("BEIRUT")),
        ("DAMASCUS (AP) — Syrian troops", None, None, Some("DAMASCUS")),
        ("KYIV, Ukraine (AP) — Russian", None, None, Some("KYIV, Ukraine")),
        ("BAMAKO, 12 March 2023 (AFP) - Mali's", None, Some((2023, 3, 12)), Some("BAMAKO")),
        ("ALEPPO, Syria, Oct. 7 — Rebels", Some((2016, 10, 9)), Some((2016, 10, 7)), Some("ALEPPO, Syria")),
        ("DEIR EZ-ZOR, Syria, November 3, 2017 (SANA) – Army", None, Some((2017, 11, 3)), Some("DEIR EZ-ZOR, Syria")),
        ("Damascus, SANA – The army", None, None, Some("Damascus")),
        ("WASHINGTON/BEIRUT (Reuters) - U.S.", None, None, Some("WASHINGTON/BEIRUT")),
        ("MOSUL, Iraq — Iraqi forces", None, None, Some("MOSUL, Iraq")),
        ("UNITED NATIONS, Nov 3 (Reuters) - The", Some((2017, 11, 3)), Some((2017, 11, 3)), Some("UNITED NATIONS")),
        ("Deir ez-Zor, Nov. 3 (AFP) - The", Some((2017, 11, 1)), Some((2017, 11, 3)), Some("Deir ez-Zor")),
        ("GAO, Mali, 5 janvier 2024 (AFP) - Des", None, Some((2024, 1, 5)), Some("GAO, Mali")),
        ("MOSUL: Iraqi forces pushed", None, None, Some("MOSUL")),
        ("KHARKIV, Ukraine, March 3, 2023 /Ukrinform/ -- Shelling", None, Some((2023, 3, 3)), Some("KHARKIV, Ukraine")),
        ("By Jane Doe\nBEIRUT, Nov 3 (Reuters) - Syrian", Some((2017, 11, 3)), Some((2017, 11, 3)), Some("BEIRUT")),
        ("November 3, 2017\nBEIRUT (Reuters) - Text", None, Some((2017, 11, 3)), Some("BEIRUT")),
        // not datelines
        ("UPDATE: fighting continues - more soon", None, None, None),
        ("The army said - in a statement", None, None, None),
        ("Syria - the army advanced", None, None, None),
        ("On November 3, 2017 the army advanced.", None, None, None),
        ("Talks resume, as agreed on 3 November 2017 in Geneva\nText", None, None, None),
        ("Intro\nSudan situation update, 14 March 2024\nText", None, None, None),
        ("Ceasefire - 2024\nText", None, None, None),
        ("PRESS RELEASE - For immediate release", None, None, None),
        ("SITUATION REPORT - Week 45", None, None, None),
        ("no date here", None, None, None),
        ("", None, None, None),
    ];

    #[test]
    fn dateline_table() {
        let mut failures = Vec::new();
        for (text, reference, want_date, want_place) in CASES {
            let reference = reference.map(|(y, m, dd)| d(y, m, dd));
            let got = find_dateline_with(text, reference);
            let got_date = got.as_ref().and_then(|g| g.date);
            let got_place = got.as_ref().and_then(|g| g.place.clone());
            let want_date = want_date.map(|(y, m, dd)| d(y, m, dd));
            if got_date != want_date || got_place.as_deref() != *want_place {
                failures.push(format!("{text:?}: got {got_date:?} {got_place:?}, want {want_date:?} {want_place:?}"));
            }
        }
        assert!(CASES.len() >= 30);
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn place_span_points_into_text() {
        let text = "By Jane Doe\n  KYIV, Ukraine (AP) — Russian";
        let dl = find_dateline(text).unwrap();
        let span = dl.place_span.unwrap();
        assert_eq!(&text[span.start..span.end], "KYIV, Ukraine");
    }

    #[test]
    fn inferred_year_is_flagged() {
        let dl = find_dateline_with("BEIRUT, Nov 3 (Reuters) - x", Some(d(2017, 11, 4))).unwrap();
        assert!(dl.year_inferred);
        let dl = find_dateline_with("November 3, 2017\nx", Some(d(2020, 1, 1))).unwrap();
        assert!(!dl.year_inferred);
    }

    #[test]
    fn parse_date_forms() {
        assert_eq!(parse_date("November 3, 2017"), Some(d(2017, 11, 3)));
        assert_eq!(parse_date("3 Nov 2017"), Some(d(2017, 11, 3)));
        assert_eq!(parse_date("2017-11-03T10:00:00+02:00"), Some(d(2017, 11, 3)));
        assert_eq!(parse_date("Fri, 03 Nov 2017 10:00:00 GMT"), Some(d(2017, 11, 3)));
        assert_eq!(parse_date("February 30, 2017"), None);
        assert_eq!(parse_date("no date here"), None);
    }

    #[test]
    fn headings() {
        let h = |t: &str| find_heading(t);
        assert_eq!(
            h(" date 2017-11-03 November 03, 2017\n\nSyria Summary - Army Retakes City\n\n\nToday...").as_deref(),
            Some("Syria Summary - Army Retakes City")
        );
        assert_eq!(
            h("Mali: convoy ambushed near Gao\n\nBAMAKO (AFP) - Text.").as_deref(),
            Some("Mali: convoy ambushed near Gao")
        );
        assert_eq!(h("BEIRUT, Nov 3 (Reuters) - Syrian forces advanced.\n\nMore."), None);
        assert_eq!(h("The army advanced on Tuesday.\n\nMore."), None);
        assert_eq!(h("A first line\nthat runs on\n\nMore"), None);
        assert_eq!(h("November 3, 2017\n\n"), None);
    }

    #[test]
    fn file_name_dates() {
        assert_eq!(date_in_file_name("report-2017-11-03.txt"), Some(d(2017, 11, 3)));
        assert_eq!(date_in_file_name("2023_03_12_bamako.html"), Some(d(2023, 3, 12)));
        assert_eq!(date_in_file_name("sitrep20171103.txt"), Some(d(2017, 11, 3)));
        assert_eq!(date_in_file_name("report-123456789.txt"), None);
        assert_eq!(date_in_file_name("notes.txt"), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,200}") {
            let _ = find_dateline(&s);
            let _ = parse_date(&s);
            let _ = date_in_file_name(&s);
        }
    }
}
