//! A name the curated supplement gives a place, provinces named beside provinces of one country,
//! and county seats against bigger namesakes. Texts written for these tests.

use super::{id_of, ids_given};

const DISTRICT_OF_COLUMBIA: i64 = 4138106;
const WASHINGTON_CITY: i64 = 4140963;
const GEORGIA_STATE: i64 = 4197000;
const GEORGIA_COUNTRY: i64 = 614540;
const NEW_YORK_CITY: i64 = 5128581;

#[test]
fn a_name_the_supplement_gives_a_province_is_that_province() {
    // supplement.tsv gives the District of Columbia "D.C." and "Washington DC": the district, not
    // the city GeoNames also lists them for, and not demoted as the seat rule demotes "Aleppo"
    // the province
    let text = "The delegation flew to Washington, D.C. on Tuesday and met officials there.";
    assert_eq!(ids_given(text, &["Washington, D.C."]), vec![Some(DISTRICT_OF_COLUMBIA)]);
    // the bare name stays the city
    let text = "Officials in Washington said the talks would resume next week.";
    assert_eq!(id_of(text, "Washington"), Some(WASHINGTON_CITY));
}

#[test]
fn a_province_among_provinces_of_its_country() {
    // several US states named: "Georgia" is the state, not the country
    let text = "Relief crews were sent to Alaska, Hawaii, Louisiana, Nevada and Georgia after the storms.";
    assert_eq!(id_of(text, "Georgia"), Some(GEORGIA_STATE));
    // no states around it: the country
    let text = "Talks between Georgia and the European Union resumed in Brussels.";
    assert_eq!(id_of(text, "Georgia"), Some(GEORGIA_COUNTRY));
    // a province that shares its name with a town of its own (or with the capital) is left to
    // the seat rule: the city of New York, named beside states, stays the city
    let text = "The band toured Ohio, Vermont and Texas before two nights in New York.";
    assert_eq!(id_of(text, "New York"), Some(NEW_YORK_CITY));
}

#[test]
fn a_county_seat_is_not_bigger_than_a_city_of_its_name() {
    // Kansas City, Kansas is a county seat and Kansas City, Missouri is not: the seat's bonus
    // tells towns of like size apart, not a seat from a city of three times its people
    let text = "The parcel was flown to Kansas City by mistake.";
    assert_eq!(id_of(text, "Kansas City"), Some(4393217));
    // Aurora, Colorado (a city of 380,000) over the seat of a county in Nebraska
    let text = "She grew up in Aurora and moved away at twenty.";
    assert_eq!(id_of(text, "Aurora"), Some(5412347));
}
