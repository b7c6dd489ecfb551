//! Event dates: the nearest time expression of the clause, or a fallback from the report date.

use super::Cx;
use crate::mentions::Tense;
use chrono::{Datelike, Duration, Months, NaiveDate};
use sitrep_model::record::{DatePrecision, DateRef, Modality};

impl Cx<'_> {
    pub(super) fn date(&self, s: usize, ts: usize, te: usize, modality: Modality, noun: bool) -> Option<DateRef> {
        if let Some(d) = self.looking_back(s, ts) {
            return Some(d);
        }
        let r = self.sent_range(s);
        let c = self.clause[ts];
        let best = (0..self.m.times.len())
            .filter(|&i| self.time_toks[i].0 >= r.start && self.time_toks[i].1 <= r.end)
            // "..., where the front has barely moved since 2022": the start of a state told in
            // another clause does not date the event.
            .filter(|&i| {
                let a = self.time_toks[i].0;
                let bound = |k: usize| matches!(self.w(k), "since" | "until" | "till");
                self.clause[a] == c || !(bound(a) || a > r.start && bound(a - 1))
            })
            .filter(|&i| {
                // A future expression does not date a past event, nor a past one a plan.
                let future = matches!(modality, Modality::Planned | Modality::Forecast | Modality::Hypothetical);
                match self.m.times[i].tense {
                    Tense::Future => future,
                    Tense::Past => !future,
                    _ => true,
                }
            })
            .min_by_key(|&i| {
                let (a, b) = self.time_toks[i];
                let d = if a >= te { a - te } else { ts.saturating_sub(b) };
                (if self.clause[a] == c { 0 } else { 1000 }) + d
            });
        if let Some(i) = best {
            let t = &self.m.times[i];
            let mut d = t.date.clone();
            d.text = Some(t.span.of(self.doc.text).to_string());
            return Some(d);
        }
        let p = self.report.published?;
        let shift = |n: i64| p.checked_add_signed(Duration::days(n)).unwrap_or(p);
        let day = |a: i64, b: i64, precision| DateRef { start: shift(a), end: shift(b), precision, text: None };
        Some(match modality {
            Modality::Planned | Modality::Forecast | Modality::Hypothetical => day(1, 30, DatePrecision::Month),
            _ if self.ongoing(s, ts, noun) => day(0, 0, DatePrecision::Day),
            _ => day(-6, 0, DatePrecision::Week),
        })
    }

    /// A past event the sentence dates by looking back from the report: a year before the
    /// trigger ("the 2014 massacre") or an anniversary ("Ten years after the group captured X",
    /// "two months since the army retook Y": that many years or months before publication). Days
    /// and weeks are left alone: "two days after X fell, ..." counts from X's fall, not from today.
    fn looking_back(&self, s: usize, ts: usize) -> Option<DateRef> {
        let p = self.report.published?;
        let r = self.sent_range(s);
        // "the 2014 massacre", "its 2016 offensive" (a year right after a determiner)
        if ts > r.start + 1 && matches!(self.w(ts - 2), "the" | "a" | "an" | "its" | "their" | "his" | "her" | "that") {
            let y: i32 = self.w(ts - 1).parse().ok().filter(|_| self.w(ts - 1).len() == 4).unwrap_or(0);
            if (1900..=p.year()).contains(&y) {
                return year_of(y);
            }
        }
        // "<amount> years|months after|since" up to 8 words before the trigger, no comma between
        let from = ts.saturating_sub(8).max(r.start);
        for k in (from..ts).rev() {
            if matches!(self.w(k), "," | ";" | ":") {
                return None;
            }
            if k < from + 2 || !matches!(self.w(k), "after" | "since") {
                continue;
            }
            // "jailed for more than seven years after joining" is a duration, not a look back
            if k >= r.start + 3 && matches!(self.w(k - 3), "than" | "for" | "of" | "within" | "in") {
                return None;
            }
            let n = amount(self.w(k - 2))?;
            let back = |m: u32| p.checked_sub_months(Months::new(m));
            return match self.w(k - 1) {
                "year" | "years" => year_of(back(12 * n)?.year()),
                "month" | "months" => {
                    let d = back(n)?;
                    let start = d.with_day(1)?;
                    let end = start.checked_add_months(Months::new(1))?.pred_opt()?;
                    Some(DateRef { start, end, precision: DatePrecision::Month, text: None })
                }
                _ => None,
            };
        }
        None
    }

    /// Present tense: "are breaking", "demands", "now control".
    pub(super) fn ongoing(&self, s: usize, ts: usize, noun: bool) -> bool {
        let r = self.sent_range(s);
        let w = self.w(ts);
        let prev = if ts > r.start { self.w(ts - 1) } else { "" };
        let prev2 = if ts > r.start + 1 { self.w(ts - 2) } else { "" };
        if matches!(prev, "is" | "are" | "am" | "now") || matches!(prev2, "is" | "are") && w.ends_with("ing") {
            return true;
        }
        !noun && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us")
    }
}

/// The whole year `y`, at year precision.
fn year_of(y: i32) -> Option<DateRef> {
    let (start, end) = (NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?);
    Some(DateRef { start, end, precision: DatePrecision::Year, text: None })
}

/// A small amount as written: "ten", "10", "a" (a year after).
fn amount(w: &str) -> Option<u32> {
    const WORDS: [&str; 21] = [
        "a",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some((i as u32).max(1));
    }
    w.parse().ok().filter(|n| (1..=100).contains(n))
}
