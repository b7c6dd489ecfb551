//! English weekday and month names, lower-case. Several stages must tell a date word from a name
//! ("in Basra Saturday", "May Day", "BEIRUT, Oct. 20"); they share these lists.

pub const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Abbreviated months as datelines write them ("Oct. 20", "Sept 3"); "may" is in [`MONTHS`].
pub const MONTH_ABBREVIATIONS: &[&str] =
    &["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];

/// A lower-case weekday or full month name.
pub fn is_day_or_month(lower: &str) -> bool {
    WEEKDAYS.contains(&lower) || MONTHS.contains(&lower)
}

/// A lower-case month name, full or abbreviated.
pub fn is_month_name(lower: &str) -> bool {
    MONTHS.contains(&lower) || MONTH_ABBREVIATIONS.contains(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_words_are_told_from_other_words() {
        assert!(is_day_or_month("saturday") && is_day_or_month("may"));
        assert!(!is_day_or_month("sept") && !is_day_or_month("basra"));
        assert!(is_month_name("sept") && is_month_name("december") && is_month_name("may"));
        assert!(!is_month_name("monday") && !is_month_name("mars"));
    }
}
