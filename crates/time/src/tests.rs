//! Tagger tests with our own sentences. The report date is Friday 3 November 2017 unless stated.

use super::*;
use chrono::NaiveDate;
use sitrep_model::record::DatePrecision::{self, *};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const PUB: &str = "2017-11-03";

/// (text, start, end, precision, tense) of every mention.
fn tags_on(text: &str, published: Option<&str>) -> Vec<(String, String, String, DatePrecision, Tense)> {
    let doc = Doc::new(text);
    tag(&doc, published.map(d))
        .into_iter()
        .map(|m| (m.span.of(text).to_string(), m.start.to_string(), m.end.to_string(), m.precision, m.tense))
        .collect()
}

fn tags(text: &str) -> Vec<(String, String, String, DatePrecision, Tense)> {
    tags_on(text, Some(PUB))
}

/// The single mention of `text`, as (span text, start, end, precision).
fn one(text: &str) -> (String, String, String, DatePrecision) {
    let t = tags(text);
    assert_eq!(t.len(), 1, "{text:?} → {t:?}");
    let (s, a, b, p, _) = t.into_iter().next().unwrap();
    (s, a, b, p)
}

fn check(text: &str, span: &str, start: &str, end: &str, precision: DatePrecision) {
    assert_eq!(one(text), (span.to_string(), start.to_string(), end.to_string(), precision), "{text:?}");
}

fn none(text: &str) {
    let t = tags(text);
    assert!(t.is_empty(), "{text:?} → {t:?}");
}

#[test]
fn absolute_dates() {
    check("The convoy arrived on November 3.", "November 3", "2017-11-03", "2017-11-03", Day);
    check("The convoy arrived on 3 Nov 2016.", "3 Nov 2016", "2016-11-03", "2016-11-03", Day);
    check("Talks opened on 12 January 2016 in Geneva.", "12 January 2016", "2016-01-12", "2016-01-12", Day);
    check("The dam was retaken on July 28.", "July 28", "2017-07-28", "2017-07-28", Day);
    check("Shelling resumed on Nov. 3, 2015.", "Nov. 3, 2015", "2015-11-03", "2015-11-03", Day);
    check("Shelling resumed on Nov. 1 near the river.", "Nov. 1", "2017-11-01", "2017-11-01", Day);
    check("The truce began on the 3rd of October.", "the 3rd of October", "2017-10-03", "2017-10-03", Day);
    check("The siege ended on 21st September.", "21st September", "2017-09-21", "2017-09-21", Day);
    check("The log is dated 2016-05-14.", "2016-05-14", "2016-05-14", "2016-05-14", Day);
    check("Posted 11/23/2016 by the editors.", "11/23/2016", "2016-11-23", "2016-11-23", Day);
    check("Posted 23/11/2016 by the editors.", "23/11/2016", "2016-11-23", "2016-11-23", Day);
    none("Posted 03/11/2016 by the editors.");
    check("Posted 24.08.2013 by the editors.", "24.08.2013", "2013-08-24", "2013-08-24", Day);
    check("Wednesday 07 December 2016 Ten people died.", "Wednesday 07 December 2016", "2016-12-07", "2016-12-07", Day);
    check("Fri Sep 27 2013 A bomb exploded.", "Fri Sep 27 2013", "2013-09-27", "2013-09-27", Day);
    check("The raid came in March this year.", "March this year", "2017-03-01", "2017-03-31", Month);
    check("The raid came in May last year.", "May last year", "2016-05-01", "2016-05-31", Month);
    // Scraped datelines that lost a comma or a space.
    check("Last updated at Apr 232016 Jets struck.", "Apr 232016", "2016-04-23", "2016-04-23", Day);
    check("18.10.2014Share this story.", "18.10.2014", "2014-10-18", "2014-10-18", Day);
    check("It happened on Saturday, October 28, 2017.", "Saturday, October 28, 2017", "2017-10-28", "2017-10-28", Day);
}

#[test]
fn month_day_without_year_takes_the_closest_past_or_next_occurrence() {
    // Past clause: December 20 is in the future in 2017, so it was December 2016.
    check("The town fell on December 20.", "December 20", "2016-12-20", "2016-12-20", Day);
    // Future clause: the next one.
    check("The talks will resume on December 20.", "December 20", "2017-12-20", "2017-12-20", Day);
    check("The talks will resume on January 4.", "January 4", "2018-01-04", "2018-01-04", Day);
    // Without a report date a month/day cannot be placed.
    assert!(tags_on("The town fell on December 20.", None).is_empty());
    // With a year it can.
    assert_eq!(tags_on("The town fell on December 20, 2016.", None).len(), 1);
}

#[test]
fn months_and_years() {
    check("The offensive began in March 2016.", "March 2016", "2016-03-01", "2016-03-31", Month);
    check("The offensive began last March.", "last March", "2017-03-01", "2017-03-31", Month);
    check("The offensive began last November.", "last November", "2016-11-01", "2016-11-30", Month);
    check("The offensive will begin next March.", "next March", "2018-03-01", "2018-03-31", Month);
    check("The border closed in March, 1995.", "March, 1995", "1995-03-01", "1995-03-31", Month);
    check("The offensive began in March.", "March", "2017-03-01", "2017-03-31", Month);
    check("The offensive will begin in December.", "December", "2017-12-01", "2017-12-31", Month);
    check("The city was lost in 2015.", "2015", "2015-01-01", "2015-12-31", Year);
    check("The movement grew in the 1980s.", "1980s", "1980-01-01", "1989-12-31", Year);
    check("The movement grew in the early 1980s.", "early 1980s", "1980-01-01", "1983-05-01", Year);
    check("Fighting raged until mid-2016.", "mid-2016", "2016-05-01", "2016-08-31", Month);
    check("Fighting raged until mid-March.", "mid-March", "2017-03-11", "2017-03-20", Week);
    check("The group was founded in early 2012.", "early 2012", "2012-01-01", "2012-04-30", Month);
    check("The group was defeated in late 2016.", "late 2016", "2016-09-01", "2016-12-31", Month);
    check("Aid arrived at the end of October.", "at the end of October", "2017-10-21", "2017-10-31", Week);
    check("Sieges lasted the summer of 2016.", "the summer of 2016", "2016-06-01", "2016-08-31", Month);
    let t = tags("2017 has seen the end of the caliphate.");
    assert_eq!(t[0].0, "2017");
    assert_eq!(t[0].3, Year);
    // A year opening a sentence about the future is a future year.
    let t = tags("2018 will see a new phase.");
    assert_eq!((t[0].0.as_str(), t[0].4), ("2018", Tense::Future));
}

#[test]
fn not_dates() {
    none("The rebels may withdraw from the town.");
    none("May the talks succeed.");
    none("Thousands march on the capital.");
    none("They will march to the border.");
    none("Some 5-7,000 soldiers defended the airport.");
    none("The front is 30 kilometers from the city.");
    none("About 2000 fighters remain in the pocket.");
    none("In 2000 people were displaced.");
    none("Resolution 2254 calls for a ceasefire.");
    none("The convoy had 12 trucks and 3 buses.");
    none("Jan Egeland spoke to the press.");
}

#[test]
fn day_names() {
    // 3 November 2017 is a Friday.
    check("The base was shelled on Saturday.", "Saturday", "2017-10-28", "2017-10-28", Day);
    check("The base was shelled on Friday.", "Friday", "2017-11-03", "2017-11-03", Day);
    check("The delegation will arrive on Saturday.", "Saturday", "2017-11-04", "2017-11-04", Day);
    check("The base was shelled late on Sunday.", "late on Sunday", "2017-10-29", "2017-10-29", Day);
    check("The base was shelled early Monday.", "early Monday", "2017-10-30", "2017-10-30", Day);
    check("Jets struck the town on Tuesday night.", "Tuesday night", "2017-10-31", "2017-10-31", Day);
    check("Jets struck the town at dawn on Wednesday.", "at dawn on Wednesday", "2017-11-01", "2017-11-01", Day);
    check("Jets struck the town last Friday.", "last Friday", "2017-10-27", "2017-10-27", Day);
    check("Talks are planned for next Monday.", "next Monday", "2017-11-06", "2017-11-06", Day);
    check("Tuesday's attack killed four.", "Tuesday's", "2017-10-31", "2017-10-31", Day);
}

#[test]
fn day_level_relative_expressions() {
    check("Today the army entered the city.", "Today", "2017-11-03", "2017-11-03", Day);
    check("The army entered the city this morning.", "this morning", "2017-11-03", "2017-11-03", Day);
    check("The army will enter the city tonight.", "tonight", "2017-11-03", "2017-11-03", Day);
    check("The army entered the city yesterday.", "yesterday", "2017-11-02", "2017-11-02", Day);
    check("The army entered the city yesterday evening.", "yesterday evening", "2017-11-02", "2017-11-02", Day);
    check(
        "The army entered the city the day before yesterday.",
        "the day before yesterday",
        "2017-11-01",
        "2017-11-01",
        Day,
    );
    check("The army will enter the city tomorrow.", "tomorrow", "2017-11-04", "2017-11-04", Day);
    check("Clashes continued overnight.", "overnight", "2017-11-02", "2017-11-03", Day);
    check("Clashes continued over night.", "over night", "2017-11-02", "2017-11-03", Day);
    check("Clashes erupted last night.", "last night", "2017-11-02", "2017-11-03", Day);
    check("Jets struck the village at dawn.", "at dawn", "2017-11-02", "2017-11-03", Day);
}

#[test]
fn ago() {
    check("The town fell three days ago.", "three days ago", "2017-10-31", "2017-10-31", Day);
    check("The town fell 10 days ago.", "10 days ago", "2017-10-24", "2017-10-24", Day);
    check("The town fell two month ago.", "two month ago", "2017-08-19", "2017-09-18", Month);
    check("The town fell two months ago.", "two months ago", "2017-08-19", "2017-09-18", Month);
    check("The town fell a week ago.", "a week ago", "2017-10-24", "2017-10-30", Week);
    check("The town fell twenty-one days ago.", "twenty-one days ago", "2017-10-13", "2017-10-13", Day);
    check("The town fell a year ago.", "a year ago", "2016-05-03", "2017-05-03", Year);
    check("The town fell a few days ago.", "a few days ago", "2017-10-29", "2017-11-01", Week);
    let (_, a, b, _) = one("The town fell 48 hours ago.");
    assert_eq!((a.as_str(), b.as_str()), ("2017-11-01", "2017-11-01"));
}

#[test]
fn calendar_units() {
    check("The town fell last week.", "last week", "2017-10-23", "2017-10-29", Week);
    check("The town fell last month.", "last month", "2017-10-01", "2017-10-31", Month);
    check("The town fell last year.", "last year", "2016-01-01", "2016-12-31", Year);
    check("The town fell earlier this week.", "earlier this week", "2017-10-30", "2017-11-02", Week);
    check("The town fell earlier this month.", "earlier this month", "2017-11-01", "2017-11-02", Month);
    check("The town fell earlier this year.", "earlier this year", "2017-01-01", "2017-11-02", Year);
    check("Talks resume next week.", "next week", "2017-11-06", "2017-11-12", Week);
    check("Talks resume next month.", "next month", "2017-12-01", "2017-12-31", Month);
    check("Elections are due next year.", "next year", "2018-01-01", "2018-12-31", Year);
    check("The town fell last weekend.", "last weekend", "2017-10-28", "2017-10-29", Week);
}

#[test]
fn more_relative_forms() {
    check("Jets struck the town over the weekend.", "over the weekend", "2017-10-28", "2017-10-29", Week);
    check("Talks will resume over the weekend.", "over the weekend", "2017-11-04", "2017-11-05", Week);
    check("Last night's raid killed five.", "Last night's", "2017-11-02", "2017-11-03", Day);
    check("Yesterday's raid killed five.", "Yesterday's", "2017-11-02", "2017-11-02", Day);
    check("Shelling went on all this week.", "this week", "2017-10-30", "2017-11-05", Week);
    check("A vote is due later this month.", "later this month", "2017-11-04", "2017-11-30", Month);
    check("The town was lost three years ago.", "three years ago", "2014-05-03", "2015-05-03", Year);
    check("The town was lost 3 weeks ago.", "3 weeks ago", "2017-10-10", "2017-10-16", Week);
    check("Early on Monday the jets returned.", "Early on Monday", "2017-10-30", "2017-10-30", Day);
    check("Sunday's raid killed five.", "Sunday's", "2017-10-29", "2017-10-29", Day);
    check("The envoy will arrive in two days.", "two days", "2017-11-05", "2017-11-05", Day);
    check("Troops will withdraw within a week.", "a week", "2017-11-03", "2017-11-10", Month);
    check("Jets struck the town before dawn.", "before dawn", "2017-11-02", "2017-11-03", Day);
    check("Strikes continued over the past 24 hours.", "over the past 24 hours", "2017-11-02", "2017-11-03", Week);
    check("Aid is expected in the coming weeks.", "in the coming weeks", "2017-11-04", "2017-12-15", Month);
    check("Fighting has raged since last week.", "since last week", "2017-10-23", "2017-11-03", Month);
    check("The siege began in the spring.", "the spring", "2017-03-01", "2017-05-31", Month);
    check("The siege began last summer.", "last summer", "2017-06-01", "2017-08-31", Month);
    check("The siege began last winter.", "last winter", "2016-12-01", "2017-02-28", Month);
    check("The siege may end next summer.", "next summer", "2018-06-01", "2018-08-31", Month);
    // "in two days of fighting" is a duration, not a date.
    none("Forty died in two days of fighting.");
    none("The offensive lasted for five years.");
}

#[test]
fn windows() {
    check("Fifty died during the last three days.", "during the last three days", "2017-10-31", "2017-11-03", Week);
    check("Fifty died during the past two weeks.", "during the past two weeks", "2017-10-20", "2017-11-03", Month);
    check("Fifty died in the past 48 hours.", "in the past 48 hours", "2017-11-01", "2017-11-03", Week);
    check("Fifty died over the past week.", "over the past week", "2017-10-27", "2017-11-03", Month);
    check("Strikes have intensified in recent days.", "in recent days", "2017-10-27", "2017-11-03", Month);
    check("The army recently took the hill.", "recently", "2017-10-04", "2017-11-03", Month);
    check("An offensive is expected in the coming days.", "in the coming days", "2017-11-04", "2017-11-10", Week);
    check(
        "Convoys will move during the next two or three days.",
        "during the next two or three days",
        "2017-11-04",
        "2017-11-06",
        Week,
    );
    check("Aid will arrive within the next 24 hours.", "within the next 24 hours", "2017-11-04", "2017-11-04", Day);
}

#[test]
fn since_and_ranges() {
    check("The town has been besieged since March.", "since March", "2017-03-01", "2017-11-03", Year);
    check("The town has been besieged since 2013.", "since 2013", "2013-01-01", "2017-11-03", Year);
    check("Shelling has continued since Saturday.", "since Saturday", "2017-10-28", "2017-11-03", Week);
    check("Talks were held between 3 and 5 October.", "between 3 and 5 October", "2017-10-03", "2017-10-05", Week);
    check("Talks were held between October 3 and 5.", "between October 3 and 5", "2017-10-03", "2017-10-05", Week);
    check("Talks were held from 3 to 5 October 2016.", "from 3 to 5 October 2016", "2016-10-03", "2016-10-05", Week);
    check("Talks were held 3-5 October.", "3-5 October", "2017-10-03", "2017-10-05", Week);
    check("Raids went on from March to May 2016.", "from March to May 2016", "2016-03-01", "2016-05-31", Month);
    check("The army held it from 2012 to 2014.", "from 2012 to 2014", "2012-01-01", "2014-12-31", Year);
}

#[test]
fn without_publication_date_relative_expressions_are_skipped() {
    assert!(tags_on("The town fell yesterday, three days ago, last week and on Saturday.", None).is_empty());
    assert!(tags_on("It has been besieged since 2013.", None).is_empty());
    let t = tags_on("The town fell on 3 November 2017.", None);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].4, Tense::Unknown);
}

#[test]
fn mention_tense_and_anchoring() {
    let doc =
        Doc::new("Two months ago the army left; yesterday it returned; it will leave next week; in 2015 it fled.");
    let m = tag(&doc, Some(d(PUB)));
    let tenses: Vec<Tense> = m.iter().map(|m| m.tense).collect();
    assert_eq!(tenses, vec![Tense::Past, Tense::Past, Tense::Future, Tense::Past]);
    let anchored: Vec<bool> = m.iter().map(|m| m.anchored).collect();
    assert_eq!(anchored, vec![true, true, true, false]);
    let r = m[1].to_ref(doc.text);
    assert_eq!(r.text.as_deref(), Some("yesterday"));
    assert_eq!((r.start, r.end, r.precision), (d("2017-11-02"), d("2017-11-02"), Day));
    assert_eq!(report_interval(d(PUB)).start, d(PUB));
}

#[test]
fn clause_tenses() {
    let tense_of = |text: &str, word: &str| {
        let doc = Doc::new(text);
        let i = doc.tokens.iter().position(|t| t.span.of(text) == word).unwrap();
        clause_tense(&doc, doc.sentence_at(doc.tokens[i].span.start).unwrap(), i)
    };
    assert_eq!(tense_of("The army will attack the town.", "attack"), Tense::Future);
    assert_eq!(tense_of("The army is going to attack the town.", "attack"), Tense::Future);
    assert_eq!(tense_of("The army plans to attack the town.", "attack"), Tense::Future);
    assert_eq!(tense_of("The army is attacking the town.", "attacking"), Tense::Ongoing);
    assert_eq!(tense_of("The rebels are still holding the town.", "town"), Tense::Ongoing);
    assert_eq!(tense_of("The army attacked the town.", "town"), Tense::Past);
    assert_eq!(tense_of("The army has captured the town.", "town"), Tense::Past);
    assert_eq!(tense_of("The army had left the town.", "town"), Tense::Past);
    assert_eq!(tense_of("The army took the town.", "town"), Tense::Past);
    assert_eq!(tense_of("They'll leave the town.", "town"), Tense::Future);
    assert_eq!(tense_of("Officials said on Saturday the army will attack next week.", "Saturday"), Tense::Past);
    assert_eq!(tense_of("Officials said on Saturday the army will attack next week.", "next"), Tense::Future);
    assert_eq!(tense_of("The army on Sunday is expected to storm the town.", "Sunday"), Tense::Future);
    assert_eq!(tense_of("The envoy was due to arrive, and was set to meet them.", "meet"), Tense::Future);
    assert_eq!(tense_of("The town was shelled on Sunday.", "Sunday"), Tense::Past);
    assert_eq!(tense_of("Residents fear the army could enter on Saturday.", "Saturday"), Tense::Future);
    assert_eq!(tense_of("Officials expect the vote on Sunday.", "Sunday"), Tense::Future);
    assert_eq!(tense_of("The rebels may have fled on Sunday.", "Sunday"), Tense::Past);
    assert_eq!(tense_of("The Syrian army said on Saturday that it had recaptured the town.", "Saturday"), Tense::Past);
    assert_eq!(tense_of("Rain.", "Rain"), Tense::Unknown);
}

#[test]
fn dateline_is_the_first_full_date_at_the_top() {
    let doc = Doc::new("Sun 16 Apr 2017 Bombing near the city. Officials said on Saturday that 12 died.");
    let m = dateline(&doc, 200).unwrap();
    assert_eq!(m.start, d("2017-04-16"));
    let doc = Doc::new("Published February 23 2015 Residents fled on Tuesday.");
    assert_eq!(dateline(&doc, 200).unwrap().start, d("2015-02-23"));
    assert!(dateline(&Doc::new("No date here at all."), 200).is_none());
}

#[test]
fn no_panics_on_odd_input() {
    for text in [
        "",
        "since",
        "between 3 and",
        "from 31 to 30 February",
        "February 30, 2017",
        "the 40th of May",
        "mid-",
        "mid-May",
        "last",
        "in the past",
        "99999999999999 days ago",
        "2017-13-45",
        "31.02.2016",
        "early",
        "the end of",
        "Über 3 Nov",
        "ﬁve days ago — «today» · 3 نوفمبر",
    ] {
        let doc = Doc::new(text);
        let _ = tag(&doc, Some(d(PUB)));
        let _ = tag(&doc, None);
        let _ = tag(&doc, Some(NaiveDate::MAX));
        let _ = tag(&doc, Some(NaiveDate::MIN));
        for s in 0..doc.sentences.len() {
            let _ = clause_tense(&doc, s, 0);
        }
    }
}

mod properties {
    use super::*;
    use crate::arith::*;
    use chrono::{Datelike, Weekday};
    use proptest::prelude::*;

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (1990i32..2040, 1u32..=12, 1u32..=31).prop_map(|(y, m, day)| ymd(y, m, day.min(days_in_month(y, m))).unwrap())
    }

    /// The single mention of `text` tagged on `p`.
    fn only(text: &str, p: NaiveDate) -> TimeMention {
        let doc = Doc::new(text);
        let mut m = tag(&doc, Some(p));
        assert_eq!(m.len(), 1, "{text:?} on {p}: {m:?}");
        m.remove(0)
    }

    const NUMBER_WORDS: [&str; 13] =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];

    proptest! {
        #[test]
        fn days_ago_in_words_and_digits(p in any_date(), n in 1usize..=12, words in any::<bool>()) {
            let count = if words { NUMBER_WORDS[n].to_string() } else { n.to_string() };
            let unit = if n == 1 { "day" } else { "days" };
            let m = only(&format!("The town fell {count} {unit} ago."), p);
            prop_assert_eq!((m.start, m.end), (add_days(p, -(n as i64)), add_days(p, -(n as i64))));
            prop_assert_eq!(m.tense, Tense::Past);
        }

        #[test]
        fn months_ago_contains_the_clamped_day(p in any_date(), n in 1usize..=12, plural in any::<bool>()) {
            let unit = if plural { "months" } else { "month" };
            let m = only(&format!("The town fell {} {unit} ago.", NUMBER_WORDS[n]), p);
            let d = add_months(p, -(n as i32));
            prop_assert!(m.start <= d && d <= m.end, "{m:?} {d}");
            prop_assert!(m.end < p && m.days() <= 31);
            prop_assert_eq!(m.precision, DatePrecision::Month);
        }

        #[test]
        fn last_and_next_month_are_whole_calendar_months(p in any_date()) {
            let last = only("The town fell last month.", p);
            prop_assert_eq!(last.start.day(), 1);
            prop_assert_eq!(add_days(last.end, 1), month_start(p.year(), p.month()).unwrap());
            let next = only("Talks resume next month.", p);
            prop_assert_eq!(add_days(month_end(p.year(), p.month()).unwrap(), 1), next.start);
            prop_assert_eq!(add_days(next.end, 1).day(), 1);
        }

        #[test]
        fn last_and_next_week_are_monday_to_sunday(p in any_date()) {
            let last = only("The town fell last week.", p);
            prop_assert_eq!(last.start.weekday(), Weekday::Mon);
            prop_assert_eq!(last.end, add_days(week_start(p), -1));
            let next = only("Talks resume next week.", p);
            prop_assert_eq!(next.start, add_days(week_end(p), 1));
            prop_assert_eq!(next.end.weekday(), Weekday::Sun);
        }

        #[test]
        fn weekdays_resolve_by_tense(p in any_date(), w in 0usize..7) {
            let past = only(&format!("The base was shelled on {}.", WEEKDAYS[w]), p);
            prop_assert_eq!(past.start.weekday().num_days_from_monday() as usize, w);
            prop_assert!(past.start <= p && (p - past.start).num_days() < 7);
            let future = only(&format!("The envoy will arrive on {}.", WEEKDAYS[w]), p);
            prop_assert_eq!(future.start.weekday().num_days_from_monday() as usize, w);
            prop_assert!(future.start > p && (future.start - p).num_days() <= 7);
        }

        #[test]
        fn month_day_without_year_is_the_closest_past_or_next(p in any_date(), m in 0usize..12, d in 1u32..=31) {
            prop_assume!(d <= days_in_month(2016, m as u32 + 1)); // exists in a leap year at least
            let text = format!("The town fell on {} {d}.", MONTHS[m]);
            let doc = Doc::new(&text);
            let past = tag(&doc, Some(p));
            if let Some(x) = past.first() {
                let leap_day = d == 29 && m == 1;
                prop_assert!(x.start <= p && ((p - x.start).num_days() < 366 || leap_day), "{x:?}");
                prop_assert_eq!((x.start.month() as usize, x.start.day()), (m + 1, d));
            }
            let future = only(&format!("Talks will resume on {} {d}.", MONTHS[m]), p);
            prop_assert!(future.start >= p, "{future:?}");
            prop_assert_eq!((future.start.month() as usize, future.start.day()), (m + 1, d));
        }

        #[test]
        fn leap_days(y in 1990i32..2040) {
            let text = format!("The siege ended on 29 February {y}.");
            let doc = Doc::new(&text);
            let m = tag(&doc, None);
            let days: Vec<_> = m.iter().filter(|m| m.precision == DatePrecision::Day).collect();
            prop_assert_eq!(days.len(), usize::from(is_leap(y)));
            if let Some(d) = days.first() {
                prop_assert_eq!((d.start.month(), d.start.day()), (2, 29));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]
        #[test]
        fn never_panics(words in proptest::collection::vec(
            prop_oneof![
                Just("since"), Just("between"), Just("and"), Just("from"), Just("to"), Just("the"), Just("last"),
                Just("past"), Just("next"), Just("coming"), Just("few"), Just("a"), Just("days"), Just("month"),
                Just("ago"), Just("in"), Just("early"), Just("mid-"), Just("late"), Just("on"), Just("Saturday"),
                Just("Sat"), Just("March"), Just("May"), Just("Nov."), Just("3"), Just("31"), Just("3-5"),
                Just("2017"), Just("99999"), Just("232017"), Just("29"), Just("February"), Just("1990s"),
                Just("18.10.2014X"), Just("2017-02-30"), Just("12/13/2016"), Just(","), Just("."), Just("of"),
                Just("at"), Just("dawn"), Just("tonight"), Just("over"), Just("night"), Just("will"), Just("é"),
                Just("ﬁ"), Just("’s"), Just("end"), Just("summer"), Just("this"), Just("year"), Just("week"),
                Just("two"), Just("or"), Just("three"), Just("twenty-five"), Just("hours"), Just("within"),
            ],
            0..14,
        ), p in any_date(), with_date in any::<bool>()) {
            let text = words.join(" ");
            let doc = Doc::new(&text);
            for m in tag(&doc, with_date.then_some(p)) {
                prop_assert!(m.start <= m.end);
                prop_assert!(text.get(m.span.start..m.span.end).is_some());
            }
            for s in 0..doc.sentences.len() {
                let _ = clause_tense(&doc, s, usize::MAX);
            }
        }
    }
}
