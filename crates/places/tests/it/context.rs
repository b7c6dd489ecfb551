//! How much a name says of where the document is (session 6): the province and point of a name
//! count only when the name is sure of them, and a county the text names as such is near its towns.
//! Texts of our own.

use crate::{g, id_of, ids_given};

#[test]
fn a_town_and_the_county_named_as_such_around_it() {
    // Southold is in Suffolk County, New York; Suffolk County, Massachusetts (Boston) has more
    // people, and South Bend, Indiana, lists "Southold" among its old names: neither is meant.
    let text = "Detectives in the town of Southold said Suffolk County police had reopened the case.";
    assert_eq!(ids_given(text, &["Southold", "Suffolk County"]), [Some(5139054), Some(5140076)]);
    assert_eq!(id_of(text, "Suffolk County"), Some(5140076));
    let text = "A barn burned outside Southold on Sunday, and Suffolk County fire crews were called.";
    assert_eq!(ids_given(text, &["Southold", "Suffolk County"]), [Some(5139054), Some(5140076)]);
}

#[test]
fn wa_is_western_australia_or_washington_state() {
    // (not Warsaw, whose Polish abbreviation "Wwa" folds to "wa"): in an Australian story it is
    // Western Australia, in a US dateline Washington state
    let text = "Beaches in WA were closed after a shark was seen near Perth and Fremantle.";
    assert_eq!(ids_given(text, &["WA"]), [Some(2058645)]);
    assert_eq!(id_of(text, "WA"), Some(2058645));
    let text = "SPOKANE, WA - Crews contained a wildfire east of Seattle on Tuesday.";
    assert_eq!(id_of(text, "WA"), Some(5815135));
}

#[test]
fn press_abbreviations_of_states() {
    let text = "Floodwaters rose in Slidell, La., and in Albany, N.Y., officials said.";
    assert_eq!(ids_given(text, &["La.", "N.Y."]), [Some(4331987), Some(5128638)]);
    // ("La" alone is an article of Spanish and French names)
    let text = "The singer La Toya performed in Paris; La said she would return.";
    assert!(g().parse(text).iter().all(|m| m.place.as_ref().is_none_or(|p| p.geonameid != 4331987)));
    let text = "Cyclone warnings were issued for coastal Qld and for Tas. on Friday.";
    assert_eq!(ids_given(text, &["Qld", "Tas."]), [Some(2152274), Some(2147291)]);
}

#[test]
fn the_gulf_is_the_one_near_the_document() {
    // A sea's point is its middle, far from its shores: it counts as near the document's places
    // within 1,000 km. (Gulf Province, Papua New Guinea, is "Gulf" by its own name.)
    let text = "The emirate, a US ally in the Gulf, hosted talks with officials from Riyadh and Doha.";
    assert_eq!(ids_given(text, &["Gulf"]), [Some(-1209)]);
    let text = "Oil rigs in the Gulf were evacuated as the storm neared Louisiana and Texas.";
    assert_eq!(ids_given(text, &["Gulf"]), [Some(-1212)]);
    let text = "Officials in Port Moresby said floods hit Gulf and Western provinces.";
    assert_eq!(ids_given(text, &["Gulf"]), [Some(2096633)]);
}

#[test]
fn the_head_of_a_formal_name_is_the_country_the_document_names() {
    // (gold-span mode: "the Islamic Republic" is no place of its own)
    let text = "Sanctions on Iran were eased, and the Islamic Republic agreed to new inspections.";
    assert_eq!(ids_given(text, &["Iran", "Islamic Republic"]), [Some(130758), Some(130758)]);
    let text = "Voters in Ireland and Northern Ireland went to the polls; turnout in the Republic was high.";
    assert_eq!(ids_given(text, &["Ireland", "Northern Ireland", "Republic"])[2], Some(2963597));
    // the first part of a double name, beside the country's whole name; not beside another country
    let text = "A ferry left Trinidad for Tobago; Trinidad and Tobago is an island nation.";
    assert_eq!(ids_given(text, &["Trinidad", "Trinidad and Tobago"]), [Some(3573591), Some(3573591)]);
    let text = "Flights from Trinidad in Bolivia to La Paz resumed.";
    assert_eq!(ids_given(text, &["Trinidad", "Bolivia"])[0], Some(3902377));
    // a kingdom the document does not name is not guessed
    let text = "Talks in Oslo ended; the Kingdom will answer next week, a spokesman in Brussels said.";
    assert_ne!(ids_given(text, &["Oslo", "Kingdom"])[1], Some(102358));
}
