//! Datelines: the publication date at the head of a plain-text report.
//!
//! Recognized: a leading date line (`date 2017-11-03 November 03, 2017`, `November 3, 2017`,
//! `3 Nov 2017`, `2017-11-03`) and wire datelines (`BEIRUT, Nov 3 (Reuters) -`).

use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    pub date: NaiveDate,
    /// Place named in a wire dateline (`BEIRUT`), if any.
    pub place: Option<String>,
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
];

pub fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    MONTHS.iter().find(|(n, _)| *n == w).map(|&(_, m)| m)
}

/// Looks for a dateline in the first lines of `text`.
pub fn find_dateline(text: &str) -> Option<Dateline> {
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(3) {
        if let Some(date) = parse_date(line) {
            return Some(Dateline { date, place: None });
        }
    }
    None
}

/// Parses the first full date in a short string: ISO, `November 3, 2017`, `3 Nov 2017`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let words: Vec<&str> =
        s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).take(12).collect();
    for (i, w) in words.iter().enumerate() {
        if let Ok(d) = NaiveDate::parse_from_str(w.get(..10).unwrap_or(w), "%Y-%m-%d") {
            return Some(d);
        }
        if let Some(m) = month(w) {
            // Month D YYYY
            if let (Some(d), Some(y)) = (words.get(i + 1).and_then(|x| day(x)), words.get(i + 2).and_then(|x| year(x)))
            {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Some(date);
                }
            }
            // D Month YYYY
            if let (Some(d), Some(y)) =
                (i.checked_sub(1).and_then(|j| day(words[j])), words.get(i + 1).and_then(|x| year(x)))
            {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    None
}

fn day(w: &str) -> Option<u32> {
    let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    w.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(w: &str) -> Option<i32> {
    w.trim_end_matches(|c: char| !c.is_ascii_digit()).parse().ok().filter(|y| (1900..=2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn leading_date_lines() {
        assert_eq!(find_dateline(" date 2017-11-03 November 03, 2017\n\nText").map(|x| x.date), d(2017, 11, 3));
        assert_eq!(parse_date("November 3, 2017"), d(2017, 11, 3));
        assert_eq!(parse_date("3 Nov 2017"), d(2017, 11, 3));
        assert_eq!(parse_date("2017-11-03"), d(2017, 11, 3));
        assert_eq!(parse_date("no date here"), None);
    }
}
