//! The time lexicons: `data/time/words.tsv` (months, weekdays, number words, units, parts of the
//! day) and `data/time/tense.tsv` (tense and aspect cues). Embedded as defaults; an analyst may load
//! edited copies with [`Lexicon::from_tsv`]. Errors name the file and line.

use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::sync::OnceLock;

pub const DEFAULT_WORDS: &str = include_str!("../../../data/time/words.tsv");
pub const DEFAULT_TENSE: &str = include_str!("../../../data/time/tense.tsv");

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file}:{line}: {message}")]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Year,
    Decade,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
    Dawn,
    Dusk,
    Noon,
    Midnight,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cue {
    Future,
    FutureTo,
    Modal,
    Ongoing,
    BePresent,
    BePast,
    Perfect,
    Past,
    NotVerb,
}

/// Word tables used by the tagger.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    pub months: HashMap<String, u32>,
    pub weekdays: HashMap<String, u32>,
    pub numbers: HashMap<String, i64>,
    pub ordinals: HashMap<String, i64>,
    pub units: HashMap<String, Unit>,
    pub dayparts: HashMap<String, DayPart>,
    pub seasons: HashMap<String, Season>,
    pub count_nouns: FxHashSet<String>,
    pub cues: HashMap<String, Cue>,
}

impl Lexicon {
    /// The embedded default lexicon (validated by the tests; an invalid default yields an empty table).
    pub fn embedded() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            Lexicon::from_tsv("data/time/words.tsv", DEFAULT_WORDS, "data/time/tense.tsv", DEFAULT_TENSE)
                .unwrap_or_default()
        })
    }

    /// Parse the two TSV files. `*_name` is used in error messages.
    pub fn from_tsv(words_name: &str, words: &str, tense_name: &str, tense: &str) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        for (line, fields) in rows(words) {
            let err = |message: String| LexiconError { file: words_name.to_string(), line, message };
            let [word, kind, value] = fields[..] else {
                return Err(err(format!(
                    "expected 3 tab-separated fields (word, kind, value), found {}",
                    fields.len()
                )));
            };
            let word = word.to_lowercase();
            let int = |lo: i64, hi: i64| -> Result<i64, LexiconError> {
                value
                    .parse::<i64>()
                    .ok()
                    .filter(|v| (lo..=hi).contains(v))
                    .ok_or_else(|| err(format!("{kind} value must be a number from {lo} to {hi}, found {value:?}")))
            };
            match kind {
                "month" => {
                    lex.months.insert(word, int(1, 12)? as u32);
                }
                "weekday" => {
                    lex.weekdays.insert(word, int(1, 7)? as u32);
                }
                "number" => {
                    lex.numbers.insert(word, int(0, 1_000_000)?);
                }
                "ordinal" => {
                    lex.ordinals.insert(word, int(1, 1_000)?);
                }
                "unit" => {
                    let u = match value {
                        "hour" => Unit::Hour,
                        "day" => Unit::Day,
                        "week" => Unit::Week,
                        "fortnight" => Unit::Fortnight,
                        "month" => Unit::Month,
                        "year" => Unit::Year,
                        "decade" => Unit::Decade,
                        _ => return Err(err(format!("unknown unit {value:?}"))),
                    };
                    lex.units.insert(word, u);
                }
                "daypart" => {
                    let p = match value {
                        "morning" => DayPart::Morning,
                        "afternoon" => DayPart::Afternoon,
                        "evening" => DayPart::Evening,
                        "night" => DayPart::Night,
                        "dawn" => DayPart::Dawn,
                        "dusk" => DayPart::Dusk,
                        "noon" => DayPart::Noon,
                        "midnight" => DayPart::Midnight,
                        _ => return Err(err(format!("unknown part of day {value:?}"))),
                    };
                    lex.dayparts.insert(word, p);
                }
                "season" => {
                    let s = match value {
                        "spring" => Season::Spring,
                        "summer" => Season::Summer,
                        "autumn" => Season::Autumn,
                        "winter" => Season::Winter,
                        _ => return Err(err(format!("unknown season {value:?}"))),
                    };
                    lex.seasons.insert(word, s);
                }
                "countnoun" => {
                    lex.count_nouns.insert(word);
                }
                _ => return Err(err(format!("unknown kind {kind:?}"))),
            }
        }
        for (line, fields) in rows(tense) {
            let err = |message: String| LexiconError { file: tense_name.to_string(), line, message };
            let [word, cue] = fields[..] else {
                return Err(err(format!("expected 2 tab-separated fields (word, cue), found {}", fields.len())));
            };
            let cue = match cue {
                "future" => Cue::Future,
                "future_to" => Cue::FutureTo,
                "modal" => Cue::Modal,
                "ongoing" => Cue::Ongoing,
                "be_present" => Cue::BePresent,
                "be_past" => Cue::BePast,
                "perfect" => Cue::Perfect,
                "past" => Cue::Past,
                "not_verb" => Cue::NotVerb,
                _ => return Err(err(format!("unknown cue {cue:?}"))),
            };
            lex.cues.insert(word.to_lowercase(), cue);
        }
        Ok(lex)
    }
}

/// Non-comment, non-blank lines with their 1-based numbers, split on tabs.
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let l = l.trim_end_matches('\r');
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            None
        } else {
            Some((i + 1, l.split('\t').map(str::trim).collect()))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_is_valid() {
        let lex = Lexicon::from_tsv("words", DEFAULT_WORDS, "tense", DEFAULT_TENSE).unwrap();
        assert_eq!(lex.months["nov"], 11);
        assert_eq!(lex.weekdays["saturday"], 6);
        assert_eq!(lex.numbers["three"], 3);
        assert_eq!(lex.units["month"], Unit::Month);
        assert_eq!(lex.cues["will"], Cue::Future);
        assert!(!Lexicon::embedded().months.is_empty());
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = Lexicon::from_tsv("w.tsv", "# c\njan\tmonth\t13\n", "t.tsv", "").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("w.tsv", 2));
        let e = Lexicon::from_tsv("w.tsv", "", "t.tsv", "\nwill\tmaybe\n").unwrap_err();
        assert_eq!(e.to_string(), "t.tsv:2: unknown cue \"maybe\"");
        let e = Lexicon::from_tsv("w.tsv", "jan month 1\n", "t.tsv", "").unwrap_err();
        assert_eq!(e.line, 1);
    }
}
