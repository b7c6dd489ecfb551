//! Detection rules on texts of our own: given names and their surnames are persons, religious and
//! sectarian adjectives are group modifiers, month names and abbreviations before a day are dates,
//! pronoun contractions are no places, and regions conflict reports name every day are found.

use crate::g;
use sitrep_places::PlaceRole;

/// The texts of the mentions that would be event locations (literal places with a place).
fn literal(text: &str) -> Vec<String> {
    g().parse(text)
        .into_iter()
        .filter(|m| m.role == PlaceRole::Literal)
        .map(|m| text[m.span.start..m.span.end].to_string())
        .collect()
}

#[test]
fn given_names_and_their_surnames_are_persons() {
    let text = "Carlos Moreno, a nurse, said Ruben had left. Later Carlos drove to Homs.";
    assert_eq!(literal(text), vec!["Homs"]);
    let text = "President Carlos Mesa spoke in La Paz on Friday.";
    assert_eq!(literal(text), vec!["La Paz"]);
}

#[test]
fn a_given_name_that_is_a_place_after_a_locative_word_stays_a_place() {
    // "Ali" and "Hassan" are villages as well as given names: "in" says which.
    let ms = literal("Two shells fell in Carlos, a village of Spain, according to police in Madrid.");
    assert!(ms.contains(&"Carlos".to_string()), "{ms:?}");
}

#[test]
fn religious_and_sectarian_modifiers_are_not_places() {
    let text = "Sufi pilgrims and Muslim worshippers gathered at a Sunni mosque in Mosul; Ismaili and Sikh \
                leaders spoke, and Bedouin tribes sent elders.";
    assert_eq!(literal(text), vec!["Mosul"]);
    let ms = g().parse(text);
    let sufi = ms.iter().find(|m| &text[m.span.start..m.span.end] == "Sufi").expect("Sufi found");
    assert_eq!(sufi.role, PlaceRole::Demonym);
    assert!(sufi.place.is_none());
}

#[test]
fn month_names_before_a_day_are_dates() {
    let text = "Workers marched on May Day, and on March 5 the army entered Ramadi.";
    assert_eq!(literal(text), vec!["Ramadi"]);
}

#[test]
fn month_abbreviations_before_a_day_or_with_a_full_stop_are_dates() {
    let text = "On Nov. 7 and again on Dec 12 the convoy reached Raqqa.";
    assert_eq!(literal(text), vec!["Raqqa"]);
}

#[test]
fn contractions_and_sentence_initial_function_words_are_not_places() {
    // "I've" and "We do" fold onto town names; "Island" is Iceland's name in other languages.
    let text = "I've seen the road. We do not know who fired. Boats left Kelp Island for Tartus.";
    let all: Vec<String> = g().parse(text).into_iter().map(|m| text[m.span.start..m.span.end].to_string()).collect();
    assert_eq!(all, vec!["Tartus"]);
}

#[test]
fn regions_named_every_day_in_conflict_reporting_are_found() {
    let text = "Peacekeepers served in Bosnia, Darfur and South Ossetia.";
    let ms = g().parse(text);
    let names: Vec<&str> = ms.iter().map(|m| &text[m.span.start..m.span.end]).collect();
    assert_eq!(names, vec!["Bosnia", "Darfur", "South Ossetia"]);
    let bosnia = ms[0].place.as_ref().expect("Bosnia resolved");
    assert_eq!(bosnia.geonameid, 3277605);
}
