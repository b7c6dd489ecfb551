//! Calendar arithmetic: month lengths, month and week boundaries, month and year offsets that clamp
//! to the end of a shorter month (31 January + 1 month = 28/29 February), weekday searches.
//! Every function is total: dates outside chrono's range saturate instead of panicking.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Days in `month` (1–12) of `year`; 0 for an invalid month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// A date from parts, or `None` if it does not exist (30 February, month 13).
pub fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

pub fn month_start(year: i32, month: u32) -> Option<NaiveDate> {
    ymd(year, month, 1)
}

pub fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    ymd(year, month, days_in_month(year, month))
}

pub fn year_start(year: i32) -> Option<NaiveDate> {
    ymd(year, 1, 1)
}

pub fn year_end(year: i32) -> Option<NaiveDate> {
    ymd(year, 12, 31)
}

/// `d` plus `n` days, saturating at chrono's limits.
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    let n = n.clamp(-1_000_000, 1_000_000);
    d.checked_add_signed(Duration::days(n)).unwrap_or(if n < 0 { NaiveDate::MIN } else { NaiveDate::MAX })
}

/// `d` plus `n` calendar months; the day is clamped to the last day of the target month
/// (31 March − 1 month = 28 or 29 February). Saturates at chrono's limits.
pub fn add_months(d: NaiveDate, n: i32) -> NaiveDate {
    let total = d.year() as i64 * 12 + d.month0() as i64 + n as i64;
    let year = total.div_euclid(12);
    let month0 = total.rem_euclid(12) as u32;
    let Ok(year) = i32::try_from(year) else {
        return if n < 0 { NaiveDate::MIN } else { NaiveDate::MAX };
    };
    let day = d.day().min(days_in_month(year, month0 + 1));
    ymd(year, month0 + 1, day).unwrap_or(if n < 0 { NaiveDate::MIN } else { NaiveDate::MAX })
}

/// `d` plus `n` years; 29 February becomes 28 February in a common year.
pub fn add_years(d: NaiveDate, n: i32) -> NaiveDate {
    add_months(d, n.saturating_mul(12))
}

/// The Monday of the ISO week containing `d`.
pub fn week_start(d: NaiveDate) -> NaiveDate {
    add_days(d, -(d.weekday().num_days_from_monday() as i64))
}

/// The Sunday of the ISO week containing `d`.
pub fn week_end(d: NaiveDate) -> NaiveDate {
    add_days(week_start(d), 6)
}

/// The most recent `wd` on or before `d`.
pub fn weekday_on_or_before(d: NaiveDate, wd: Weekday) -> NaiveDate {
    let back = (7 + d.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64) % 7;
    add_days(d, -back)
}

/// The first `wd` strictly before `d`.
pub fn weekday_before(d: NaiveDate, wd: Weekday) -> NaiveDate {
    weekday_on_or_before(add_days(d, -1), wd)
}

/// The first `wd` on or after `d`.
pub fn weekday_on_or_after(d: NaiveDate, wd: Weekday) -> NaiveDate {
    let fwd = (7 + wd.num_days_from_monday() as i64 - d.weekday().num_days_from_monday() as i64) % 7;
    add_days(d, fwd)
}

/// The first `wd` strictly after `d`.
pub fn weekday_after(d: NaiveDate, wd: Weekday) -> NaiveDate {
    weekday_on_or_after(add_days(d, 1), wd)
}

/// Weekday from 1 (Monday) to 7 (Sunday).
pub fn weekday_from_number(n: u32) -> Option<Weekday> {
    Some(match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        7 => Weekday::Sun,
        _ => return None,
    })
}

/// Inclusive number of days in `[a, b]` (0 if `b < a`).
pub fn span_days(a: NaiveDate, b: NaiveDate) -> i64 {
    ((b - a).num_days() + 1).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        ymd(y, m, day).unwrap()
    }

    #[test]
    fn month_offsets_clamp_to_month_end() {
        assert_eq!(add_months(d(2017, 1, 31), 1), d(2017, 2, 28));
        assert_eq!(add_months(d(2016, 1, 31), 1), d(2016, 2, 29));
        assert_eq!(add_months(d(2017, 3, 31), -1), d(2017, 2, 28));
        assert_eq!(add_months(d(2016, 3, 31), -1), d(2016, 2, 29));
        assert_eq!(add_months(d(2017, 3, 31), -2), d(2017, 1, 31));
        assert_eq!(add_months(d(2017, 1, 31), -2), d(2016, 11, 30));
        assert_eq!(add_months(d(2017, 1, 15), -13), d(2015, 12, 15));
        assert_eq!(add_years(d(2016, 2, 29), 1), d(2017, 2, 28));
        assert_eq!(add_years(d(2016, 2, 29), -4), d(2012, 2, 29));
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        // 3 November 2017 was a Friday.
        assert_eq!(week_start(d(2017, 11, 3)), d(2017, 10, 30));
        assert_eq!(week_end(d(2017, 11, 3)), d(2017, 11, 5));
        assert_eq!(weekday_on_or_before(d(2017, 11, 3), Weekday::Sat), d(2017, 10, 28));
        assert_eq!(weekday_on_or_before(d(2017, 11, 3), Weekday::Fri), d(2017, 11, 3));
        assert_eq!(weekday_before(d(2017, 11, 3), Weekday::Fri), d(2017, 10, 27));
        assert_eq!(weekday_after(d(2017, 11, 3), Weekday::Sat), d(2017, 11, 4));
        assert_eq!(weekday_after(d(2017, 11, 3), Weekday::Fri), d(2017, 11, 10));
        // Across a year boundary.
        assert_eq!(week_start(d(2017, 1, 1)), d(2016, 12, 26));
    }

    #[test]
    fn extremes_saturate() {
        assert_eq!(add_days(NaiveDate::MAX, 10), NaiveDate::MAX);
        assert_eq!(add_days(NaiveDate::MIN, -10), NaiveDate::MIN);
        let _ = add_months(NaiveDate::MAX, 1);
        let _ = add_months(NaiveDate::MIN, -1);
        let _ = add_years(NaiveDate::MAX, i32::MAX);
        let _ = week_start(NaiveDate::MIN);
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (1900i32..2100, 1u32..=12, 1u32..=31).prop_map(|(y, m, day)| ymd(y, m, day.min(days_in_month(y, m))).unwrap())
    }

    proptest! {
        #[test]
        fn days_in_month_matches_chrono(y in 1900i32..2100, m in 1u32..=12) {
            let next = if m == 12 { ymd(y + 1, 1, 1) } else { ymd(y, m + 1, 1) }.unwrap();
            prop_assert_eq!((next - ymd(y, m, 1).unwrap()).num_days() as u32, days_in_month(y, m));
            prop_assert_eq!(days_in_month(y, 2) == 29, is_leap(y));
        }

        #[test]
        fn add_months_lands_in_the_right_month(date in any_date(), n in -240i32..240) {
            let r = add_months(date, n);
            let months = |x: NaiveDate| x.year() * 12 + x.month0() as i32;
            prop_assert_eq!(months(r) - months(date), n);
            // Same day, or clamped to the end of a shorter month.
            prop_assert!(r.day() == date.day() || (r.day() < date.day() && r.day() == days_in_month(r.year(), r.month())));
            // Going back never overshoots: a day that exists in both months round-trips.
            if date.day() <= 28 {
                prop_assert_eq!(add_months(r, -n), date);
            }
        }

        #[test]
        fn weeks_contain_their_days(date in any_date()) {
            let s = week_start(date);
            let e = week_end(date);
            prop_assert_eq!(s.weekday(), Weekday::Mon);
            prop_assert_eq!(e.weekday(), Weekday::Sun);
            prop_assert!(s <= date && date <= e);
            prop_assert_eq!(span_days(s, e), 7);
        }

        #[test]
        fn weekday_searches(date in any_date(), w in 1u32..=7) {
            let wd = weekday_from_number(w).unwrap();
            let b = weekday_on_or_before(date, wd);
            prop_assert_eq!(b.weekday(), wd);
            prop_assert!(b <= date && (date - b).num_days() < 7);
            let a = weekday_after(date, wd);
            prop_assert_eq!(a.weekday(), wd);
            prop_assert!(a > date && (a - date).num_days() <= 7);
            let sb = weekday_before(date, wd);
            prop_assert!(sb < date && (date - sb).num_days() <= 7);
        }

        #[test]
        fn month_bounds(date in any_date()) {
            let s = month_start(date.year(), date.month()).unwrap();
            let e = month_end(date.year(), date.month()).unwrap();
            prop_assert!(s <= date && date <= e);
            prop_assert_eq!(add_days(e, 1).day(), 1);
        }
    }
}
