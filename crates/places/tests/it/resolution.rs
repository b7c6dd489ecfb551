//! Resolution rules on texts of our own: world regions and oceans with their GeoNames ids, a big
//! city over its same-named province, a small seat under its province, own names over alternate
//! names, and given spans whose only known part is a compass word or an organisation's head.

use crate::{g, id_of, ids_given};
use sitrep_model::Span;

/// The GeoNames id given to exactly the span of `name` in `text` (gold-span mode).
fn id_given(text: &str, name: &str) -> Option<i64> {
    ids_given(text, &[name]).pop().flatten()
}

#[test]
fn oceans_and_world_regions_have_geonames_ids() {
    let cases: &[(&str, &str, i64)] = &[
        ("Storms crossed the Atlantic before reaching Texas and Ohio.", "Atlantic", 3373405),
        ("Ships in the Pacific Ocean reported high waves near California.", "Pacific Ocean", 2363254),
        ("Patrols in the Indian Ocean were increased.", "Indian Ocean", 1545739),
        ("Migrants crossed the Mediterranean from Libya.", "Mediterranean", 363196),
        ("Diplomats from across the Middle East met in Amman.", "Middle East", 6269133),
        ("Drought hit North Africa and the Sahel this year.", "North Africa", 7729887),
        ("Trade with Southeast Asia grew, officials in Jakarta said.", "Southeast Asia", 7729896),
        ("Elections in Western Europe drew attention in Paris and Berlin.", "Western Europe", 9408659),
        ("Oil exports from the Arabian Peninsula rose.", "Arabian Peninsula", 6957698),
        ("Leaders of the Kurdistan Region met in Erbil.", "Kurdistan Region", 126585),
    ];
    for (text, name, want) in cases {
        assert_eq!(id_of(text, name), Some(*want), "{name:?} in {text:?}");
    }
}

#[test]
fn big_city_over_its_province_and_small_seat_under_it() {
    // New York City holds a large part of New York state's people: the bare name is the city.
    assert_eq!(id_of("Protesters marched in New York on Sunday.", "New York"), Some(5128581));
    // Homs is most of its governorate: the city.
    assert_eq!(id_of("Shelling was reported in Homs and Hama.", "Homs"), Some(169577));
    // Quebec City holds a twentieth of its province: the bare name is the province.
    assert_eq!(id_of("Voters in Quebec and Ontario went to the polls.", "Quebec"), Some(6115047));
}

#[test]
fn own_name_over_alternate_name() {
    // Mexico City lists "Mexico" among its names; the country's own name is "Mexico".
    assert_eq!(id_of("Trucks waited at the Mexico border near El Paso.", "Mexico"), Some(3996063));
}

#[test]
fn given_span_with_a_weak_part_resolves_its_place() {
    let cases: &[(&str, &str, i64)] = &[
        ("Rates were left unchanged by the Bank of Japan on Tuesday.", "Bank of Japan", 1861060),
        ("Heavy rain fell across South Florida overnight.", "South Florida", 4155751),
        ("Students at the University of California protested.", "University of California", 5332921),
    ];
    for (text, name, want) in cases {
        assert_eq!(id_given(text, name), Some(*want), "{name:?} in {text:?}");
    }
}

#[test]
fn curated_towns_that_cities500_lacks() {
    let text = "Buses left Fua and Kefraya in Idlib province while others left Zahraa near Aleppo, Syria.";
    let names: Vec<String> = g().parse(text).into_iter().filter_map(|m| m.place.map(|p| p.name)).collect();
    for want in ["Al-Fu'ah", "Kafriya", "Al-Zahraa"] {
        assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
    }
}

#[test]
fn a_bare_compass_word_needs_its_country_in_the_document() {
    for text in [
        "Governments in the West condemned the strike on Idlib, Syria.",
        "Rebels from the south moved towards Daraa while the Western powers met in Geneva.",
    ] {
        for m in g().parse(text) {
            if let Some(p) = m.place {
                let cc = p.country.as_deref().unwrap_or("");
                assert!(!matches!(cc, "CM" | "UG" | "RW" | "ZM" | "GH"), "{:?} in {text:?}", p.name);
            }
        }
    }
}

#[test]
fn curated_regions_with_geonames_ids_are_major() {
    // A curated region carries its real GeoNames id; a capitalized word next to it does not make it
    // part of a person's or organisation's name.
    assert_eq!(id_of("Storms battered the Atlantic Monday, forecasters said.", "Atlantic"), Some(3373405));
    assert_eq!(id_of("Rival powers courted the Levant Tuesday, diplomats said.", "Levant"), Some(305104));
}

#[test]
fn given_span_prefers_the_place_name_over_a_common_word() {
    let cases: &[(&str, &str, i64)] = &[
        ("Lecturers at the University of Aleppo went on strike.", "University of Aleppo", 170063),
        ("Exams at Damascus University were postponed.", "Damascus University", 170654),
        ("A new ward opened at the Hospital of Mosul this week.", "Hospital of Mosul", 99072),
    ];
    for (text, name, want) in cases {
        assert_eq!(id_given(text, name), Some(*want), "{name:?} in {text:?}");
    }
}

/// The place given to exactly the span of `name` in `text` (gold-span mode).
fn place_given(text: &str, name: &str) -> Option<sitrep_places::Place> {
    let start = text.find(name).expect("name in text");
    g().resolve_spans(text, &[Span::new(start, start + name.len())]).pop().flatten()
}

#[test]
fn given_facilities_and_unknown_names_are_placed_near_their_town() {
    let leeds = (53.7965, -1.5478);
    let near = |p: &sitrep_places::Place, (la, lo): (f64, f64)| sitrep_places::distance_km(p.lat, p.lon, la, lo) < 30.0;
    // a street the gazetteer lacks, in the town the text puts it in; its own words ("Royal",
    // "Street") are namesakes of places elsewhere
    let text = "Shops on Royal Street in Leeds reopened after the flood, traders in Leeds said.";
    let p = place_given(text, "Royal Street").expect("placed");
    assert_eq!(p.geonameid, 0, "approximate: no id");
    assert_eq!(p.feature_code, "ST");
    assert!(near(&p, leeds), "{p:?}");
    // a name the gazetteer does not know at all: the document's town
    let text = "Police in Leeds said the fire at Zeltwick began at night. Leeds firefighters came from Bradford.";
    let p = place_given(text, "Zeltwick").expect("placed");
    assert_eq!(p.geonameid, 0);
    assert!(near(&p, leeds), "{p:?}");
    // a facility named after the document's town is there, with the town's id
    let text = "Patients at Carlisle Infirmary were moved after the flood in Carlisle, officials said.";
    assert_eq!(place_given(text, "Carlisle Infirmary").map(|p| p.geonameid), Some(2653775));
    // no town in the document: an adjective-like or unknown name stays unresolved, never a country centroid
    let text = "Zeltwick traders and Syrian officials met.";
    assert!(place_given(text, "Zeltwick").is_none());
}

#[test]
fn names_near_each_other_choose_each_other() {
    // Edmonton next to Enfield and Tottenham is the district of north London, not the Canadian city
    let text = "Volunteers from Enfield and Tottenham opened a winter shelter in a church in Edmonton.";
    assert_eq!(id_of(text, "Edmonton"), Some(2650209));
    assert_eq!(id_given(text, "Edmonton"), Some(2650209));
    // "X, south of Y": X is the one near Y
    let text = "Police said the stolen car was left in Edmonton, south of Cairns, on Monday.";
    assert_eq!(id_of(text, "Edmonton"), Some(2167744));
    // a city is not traded for a hamlet near another name
    let text = "Flights from Louisville to Atlanta were cancelled.";
    assert_eq!(id_of(text, "Atlanta"), Some(4180439));
}

#[test]
fn a_city_of_the_documents_country_over_one_in_a_country_never_named() {
    let text = "Hundreds marched in London on Saturday to thank Canada for taking in refugees. \
                Speakers urged Canada to do more, and said Canada had set an example for the world.";
    assert_eq!(id_of(text, "London"), Some(6058560));
    // ... but not when the document names Britain, nor for a place that only has the name as an alias
    let text = "Hundreds marched in London to thank Canada, as Britain and Canada signed a treaty.";
    assert_eq!(id_of(text, "London"), Some(2643743));
}

#[test]
fn odd_given_spans_never_panic() {
    let text = "Crowds on Royal Street, near Leeds, and in Édmonton’s St. Mary's Hospital; 2231 Royal St.";
    let n = text.len();
    let mut spans = Vec::new();
    for a in 0..n {
        for len in [0usize, 1, 3, 7, 15] {
            spans.push(Span::new(a, (a + len).min(n + 2)));
        }
    }
    let r = g().resolve_spans(text, &spans);
    assert_eq!(r.len(), spans.len());
    for (s, p) in spans.iter().zip(&r) {
        if let Some(p) = p {
            assert!(p.lat.is_finite() && p.lon.is_finite(), "{s:?} {p:?}");
        }
    }
}

// Gold-span mode (`Geoparser::resolve_spans`): acronyms the document spells out, facilities named by
// a country or its people, "the West", and a lead town far from the document's other towns.

/// The places given to the spans of `names` (each name's first occurrence) in `text`.
fn given_all(text: &str, names: &[&str]) -> Vec<Option<sitrep_places::Place>> {
    let spans: Vec<Span> = names
        .iter()
        .map(|n| {
            let s = text.find(n).expect("name in text");
            Span::new(s, s + n.len())
        })
        .collect();
    g().resolve_spans(text, &spans)
}

fn given_last(text: &str, names: &[&str]) -> sitrep_places::Place {
    given_all(text, names).pop().flatten().expect("placed")
}

fn within_30km(p: &sitrep_places::Place, lat: f64, lon: f64) -> bool {
    sitrep_places::distance_km(p.lat, p.lon, lat, lon) < 30.0
}

const NAIROBI: (f64, f64) = (-1.2833, 36.8167);
const TOKYO: (f64, f64) = (35.6895, 139.6917);

#[test]
fn an_acronym_the_document_spells_out_is_that_place() {
    let text =
        "Ministers from Trinidad and Tobago met their neighbours on Monday. T&T officials said the talks went well.";
    assert_eq!(given_last(text, &["Trinidad and Tobago", "T&T"]).geonameid, 3573591);
    // spelled out by a people's name, after the acronym
    let text = "Platinum output in SA fell last year. Mining pays the wages of many South Africans.";
    assert_eq!(given_last(text, &["SA"]).geonameid, 953987);
}

#[test]
fn a_facility_named_by_a_country_is_where_the_text_puts_it() {
    // the institution speaks: the country
    let text = "The French Embassy said it was concerned about the arrests.";
    assert_eq!(given_last(text, &["French Embassy"]).geonameid, 3017382);
    // the building where something happens: the town the sentence names, not France
    let text = "In Nairobi, police guarded the French Embassy after the protest.";
    let p = given_last(text, &["Nairobi", "French Embassy"]);
    assert_eq!((p.geonameid, p.feature_code.as_str()), (0, "DIP"));
    assert!(within_30km(&p, NAIROBI.0, NAIROBI.1), "{p:?}");
    // the town named after the facility word
    let p = given_last("A spokesman at the Dutch Embassy Nairobi said visas would resume.", &["Dutch Embassy Nairobi"]);
    assert!(within_30km(&p, NAIROBI.0, NAIROBI.1), "{p:?}");
    // a ministry is in the country's capital
    let p =
        given_last("Envoys held talks at the Japanese Foreign Ministry on Tuesday.", &["Japanese Foreign Ministry"]);
    assert!(within_30km(&p, TOKYO.0, TOKYO.1), "{p:?}");
    // an embassy of a country is in another one: "in the Holy See"
    let p = given_last("The envoy visited the Embassy of Armenia in the Holy See on Friday.", &["Embassy of Armenia"]);
    assert_eq!(p.country.as_deref(), Some("VA"), "{p:?}");
    // a neighbourhood named by a people is in its town
    let text = "Police in Leeds closed the roads around the Italian Quarter on Sunday.";
    let p = given_last(text, &["Leeds", "Italian Quarter"]);
    assert!(within_30km(&p, 53.7965, -1.5478), "{p:?}");
}

#[test]
fn the_west_and_the_east_of_geopolitics() {
    let text = "Moscow accused the West of hostility, and Western governments replied. The Eastern bloc is gone.";
    let ids: Vec<Option<i64>> = given_all(text, &["Moscow", "West", "Western", "Eastern"])
        .into_iter()
        .map(|p| p.map(|p| p.geonameid))
        .collect();
    assert_eq!(ids, [Some(524901), Some(9408659), Some(9408659), Some(7729884)]);
    // "Arab" as a modifier: the Arab world, shown as the Arabian Peninsula
    assert_eq!(given_last("Arab ministers met on Monday.", &["Arab"]).geonameid, 6957698);
}

#[test]
fn a_small_lead_town_far_from_the_documents_other_towns_is_not_its_focus() {
    // "Southside" opens the text, but the story's towns are around Chicago: the street is there
    let text = "A Southside man was charged after a stabbing in Evanston, Chicago police said. \
                Officers from Skokie helped. The attack was on Maple Street.";
    let p = given_last(text, &["Southside", "Evanston", "Chicago", "Skokie", "Maple Street"]);
    assert!(within_30km(&p, 41.85, -87.65), "{p:?}");
}

#[test]
fn peoples_of_regions_breakaway_regions_and_hub_airports() {
    // a region's people: the region (Sicilia), Siberia, Serbs; Nagorno-Karabakh and its republic
    for (text, name, cc) in [
        ("Sicilian farmers protested on Monday.", "Sicilian", "IT"),
        ("A Siberian winter set in early.", "Siberian", "RU"),
        ("Serb leaders met in the evening.", "Serb", "RS"),
        ("Shelling was reported in Nagorno-Karabakh overnight.", "Nagorno-Karabakh", "AZ"),
        ("Envoys of the Nagorno-Karabakh Republic met in Yerevan.", "Nagorno-Karabakh Republic", "AZ"),
    ] {
        let p = place_given(text, name).expect("placed");
        assert_eq!(p.country.as_deref(), Some(cc), "{name}: {p:?}");
    }
    // "Korea" alone is the Republic of Korea, not a romanization of Korla
    assert_eq!(id_given("Korea exported more chips this year.", "Korea"), Some(1835841));
    // Heathrow in a story that names London is the airport, not the village in Florida, though
    // the story is American
    let text = "Flights from Kansas City landed in London; pets waited at Heathrow for hours, U.S. airlines said.";
    let p = place_given(text, "Heathrow").expect("placed");
    assert!(within_30km(&p, 51.47, -0.45), "{p:?}");
}

#[test]
fn a_facility_named_after_a_town_only_a_person_shares_stays_where_the_document_is() {
    // "Marigny" the man is no mention of Marigny, France: the plantation is by the document's town
    let text = "Police in Leeds said Marigny had sold the land. The Marigny Plantation was later built over.";
    let p = given_last(text, &["Leeds", "Marigny Plantation"]);
    assert_eq!(p.geonameid, 0, "{p:?}");
    assert!(within_30km(&p, 53.7965, -1.5478), "{p:?}");
}

#[test]
fn a_small_town_with_no_support_yields_to_a_bigger_namesake_in_a_named_country() {
    let text = "The British soldier, who served alongside US forces in Syria, was born in Manchester \
                and trained with his battalion in Colchester.";
    let got: Vec<Option<String>> = given_all(text, &["US", "Syria", "Manchester", "Colchester"])
        .into_iter()
        .map(|p| p.and_then(|p| p.country))
        .collect();
    assert_eq!(got[2..], [Some("GB".to_string()), Some("GB".to_string())], "{got:?}");
    // ... but not where the text supports the small town: its state is named
    let text = "A British tourist was hurt in Colchester, Vermont, police said.";
    let p = given_last(text, &["Colchester", "Vermont"]);
    assert_eq!(p.feature_code, "ADM1");
    let p = given_all(text, &["Colchester", "Vermont"]).remove(0).expect("placed");
    assert_eq!(p.country.as_deref(), Some("US"), "{p:?}");
}

/// The country the geoparser gives to the first mention of `name` in `text` (None: unresolved).
fn country_of(text: &str, name: &str) -> Option<String> {
    let start = text.find(name).expect("name in text");
    g().parse(text)
        .into_iter()
        .find(|m| m.span.start <= start && m.span.end >= start + name.len())
        .and_then(|m| m.place.and_then(|p| p.country))
}

#[test]
fn a_name_written_with_the_arabic_article_stays_where_names_carry_it() {
    // Folding the article away matches "al-Jubah" with Juba (South Sudan) and "al-Hali" with
    // Hale County (Texas); the article says the place is in a country whose names carry it.
    let text = "Jets struck al-Jubah in Marib province, Yemen, and shells fell on al-Hali district.";
    assert_eq!(country_of(text, "al-Jubah").as_deref(), Some("YE"));
    assert!(country_of(text, "al-Hali").is_none_or(|c| c == "YE"), "{:?}", country_of(text, "al-Hali"));
    // Without the article, the names keep their usual readings.
    assert_eq!(country_of("Talks were held in Juba, South Sudan.", "Juba").as_deref(), Some("SS"));
    // Spanish articles are not Arabic ones.
    assert_eq!(country_of("Floods hit El Paso, Texas.", "El Paso").as_deref(), Some("US"));
}
