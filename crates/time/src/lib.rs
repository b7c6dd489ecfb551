//! Time: absolute and relative time expressions anchored to the report date.
//!
//! [`tag`] finds time expressions in a [`Doc`] ("on Saturday", "3 Nov 2017", "two month ago",
//! "during the last three days", "in the coming days", "since March", "2017 has seen …") and turns
//! each into an inclusive date interval with a precision. Relative expressions are anchored to the
//! report's publication date; without one they are skipped (absolute dates with a year still work).
//! Vague expressions ("recently", "in recent weeks") yield honestly wide intervals.
//! [`clause_tense`] gives the tense/aspect of the clause around a token, for dating events.
//!
//! Words (months, weekdays, number words, units) and tense cues are data: `data/time/*.tsv`.

pub mod arith;
pub mod lexicon;
mod tagger;
mod tense;

use chrono::NaiveDate;
use serde::Serialize;
use sitrep_model::record::{DatePrecision, DateRef};
use sitrep_model::{Doc, Span};

pub use lexicon::{Lexicon, LexiconError};
pub use tense::clause_tense;

/// Tense/aspect: of a clause ([`clause_tense`]) or of a time expression relative to the report date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tense {
    Past,
    Ongoing,
    Future,
    Unknown,
}

/// One time expression found in a report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimeMention {
    /// Byte span of the expression in the report text.
    pub span: Span,
    /// First day of the interval.
    pub start: NaiveDate,
    /// Last day of the interval (inclusive).
    pub end: NaiveDate,
    pub precision: DatePrecision,
    /// Of the expression itself: "two months ago" is past, "next week" future, "today" ongoing.
    /// `Unknown` for absolute dates when there is no report date to compare with.
    pub tense: Tense,
    /// Whether the interval was computed from the report's publication date (relative
    /// expressions, and dates without a year).
    pub anchored: bool,
}

impl TimeMention {
    /// The schema-v1 date reference, with the expression's text from `text` (the report text the
    /// mention was tagged in).
    pub fn to_ref(&self, text: &str) -> DateRef {
        DateRef {
            start: self.start,
            end: self.end,
            precision: self.precision,
            text: text.get(self.span.start..self.span.end).map(str::to_string),
        }
    }
    /// Inclusive length of the interval in days.
    pub fn days(&self) -> i64 {
        arith::span_days(self.start, self.end)
    }
}

/// All time expressions of `doc`, in text order, anchored to `published` when given.
pub fn tag(doc: &Doc, published: Option<NaiveDate>) -> Vec<TimeMention> {
    tagger::Tagger::new(Lexicon::embedded(), Some(tagger::Starters::embedded()), doc, published).run()
}

/// [`tag`] with a caller-supplied lexicon (e.g. loaded from edited TSV files).
pub fn tag_with(lexicon: &Lexicon, doc: &Doc, published: Option<NaiveDate>) -> Vec<TimeMention> {
    tagger::Tagger::new(lexicon, None, doc, published).run()
}

/// The default date of an undated past-tense event in a report published on `published`: the
/// report day itself, at day precision.
pub fn report_interval(published: NaiveDate) -> DateRef {
    DateRef { start: published, end: published, precision: DatePrecision::Day, text: None }
}

/// The publication date a text states at its top (a dateline such as "Wed 05 Apr 2017",
/// "Published February 23 2015", "24.08.2013"): the first full date with a year, at day
/// precision, that starts within the first `window` bytes of the text.
pub fn dateline(doc: &Doc, window: usize) -> Option<TimeMention> {
    tag(doc, None)
        .into_iter()
        .take_while(|m| m.span.start < window)
        .find(|m| m.precision == DatePrecision::Day && m.start == m.end && !m.anchored)
}

/// The precision that honestly describes an interval of `days` days.
pub fn precision_for_days(days: i64) -> DatePrecision {
    match days {
        ..=1 => DatePrecision::Day,
        2..=7 => DatePrecision::Week,
        8..=92 => DatePrecision::Month,
        _ => DatePrecision::Year,
    }
}

#[cfg(test)]
mod tests;
