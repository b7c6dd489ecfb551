//! Event dates: the nearest time expression of the clause, or a fallback from the report date.

use super::Cx;
use crate::mentions::Tense;
use chrono::Duration;
use sitrep_model::record::{DatePrecision, DateRef, Modality};

impl Cx<'_> {
    pub(super) fn date(&self, s: usize, ts: usize, te: usize, modality: Modality, noun: bool) -> Option<DateRef> {
        let r = self.sent_range(s);
        let c = self.clause[ts];
        let best = (0..self.m.times.len())
            .filter(|&i| self.time_toks[i].0 >= r.start && self.time_toks[i].1 <= r.end)
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
