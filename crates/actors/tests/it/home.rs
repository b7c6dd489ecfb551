//! Whose "government forces": the country of an unnamed state actor comes from the phrase, an
//! earlier named actor, the places of its sentence (paragraph, report), and only then from the
//! dateline. Places are given by hand here, as the places stage would give them; the texts are
//! written for these tests.

use sitrep_actors::{ActorMention, ActorTagger, PlaceCountry};
use sitrep_model::{Doc, Span};
use std::sync::OnceLock;

fn tagger() -> &'static ActorTagger {
    static T: OnceLock<ActorTagger> = OnceLock::new();
    T.get_or_init(|| ActorTagger::embedded().expect("embedded lexicon is valid"))
}

/// Every occurrence of each `(name, ISO2)` in `text`, as the places stage would report it.
fn places(text: &str, names: &[(&str, &str)]) -> Vec<PlaceCountry> {
    let mut out = Vec::new();
    for (name, cc) in names {
        for (at, _) in text.match_indices(name) {
            out.push(PlaceCountry { span: Span::new(at, at + name.len()), country: cc.to_string() });
        }
    }
    out
}

fn tag(text: &str, names: &[(&str, &str)]) -> Vec<ActorMention> {
    tagger().tag_with_places(&Doc::new(text), None, &places(text, names))
}

/// The country of the `nth` mention written exactly `s`.
fn country(ms: &[ActorMention], text: &str, s: &str, nth: usize) -> Option<String> {
    let m = ms.iter().filter(|m| m.span.of(text) == s).nth(nth).unwrap_or_else(|| {
        let all: Vec<String> = ms.iter().map(|m| format!("{:?}", m.span.of(text))).collect();
        panic!("no mention {s:?} #{nth} in {all:?}")
    });
    m.actor.country.clone()
}

#[test]
fn beirut_dateline_does_not_name_the_government() {
    let text = "BEIRUT, May 2 (Wire) - Government forces hold most of the countryside around Hama after \
                days of shelling, a monitor said. The army brought in tanks overnight.";
    let ms = tag(text, &[("BEIRUT", "LB"), ("Hama", "SY")]);
    assert_eq!(country(&ms, text, "Government forces", 0).as_deref(), Some("SYR"));
    assert_eq!(country(&ms, text, "The army", 0).as_deref(), Some("SYR"));
    // The dateline's capital is a place, never an actor.
    assert!(ms.iter().filter(|m| m.span.of(text) == "BEIRUT").all(|m| m.locative));
}

#[test]
fn amman_and_istanbul_datelines() {
    let text = "AMMAN, Jan 9 (Wire) - Regime forces pounded rebel-held districts of Daraa on Sunday.";
    let ms = tag(text, &[("AMMAN", "JO"), ("Daraa", "SY")]);
    assert_eq!(country(&ms, text, "Regime forces", 0).as_deref(), Some("SYR"));
    let text = "ISTANBUL (Wire) — Government troops advanced on Saraqeb, south of Idlib, overnight.";
    let ms = tag(text, &[("ISTANBUL", "TR"), ("Saraqeb", "SY"), ("Idlib", "SY")]);
    assert_eq!(country(&ms, text, "Government troops", 0).as_deref(), Some("SYR"));
}

#[test]
fn erbil_dateline_on_a_mosul_story() {
    let text = "ERBIL, Iraq, Oct. 20 (Wire) - Government forces reached the old city of Mosul on Friday.";
    let ms = tag(text, &[("ERBIL", "IQ"), ("Iraq", "IQ"), ("Mosul", "IQ")]);
    assert_eq!(country(&ms, text, "Government forces", 0).as_deref(), Some("IRQ"));
}

#[test]
fn kyiv_dateline_is_the_last_resort() {
    let text = "KYIV (Wire) — Government forces said they had downed nine drones overnight.";
    let ms = tag(text, &[("KYIV", "UA")]);
    assert_eq!(country(&ms, text, "Government forces", 0).as_deref(), Some("UKR"));
    // Without the places stage, the tagger reads the capital itself.
    let ms = tagger().tag(&Doc::new(text), None);
    assert_eq!(country(&ms, text, "Government forces", 0).as_deref(), Some("UKR"));
}

#[test]
fn a_named_country_or_antecedent_comes_first() {
    let text = "BEIRUT (Wire) - Iraqi government troops crossed near Al-Qaim. The army said it held the \
                crossing.";
    let ms = tag(text, &[("BEIRUT", "LB"), ("Al-Qaim", "IQ")]);
    assert_eq!(country(&ms, text, "Iraqi government troops", 0).as_deref(), Some("IRQ"));
    assert_eq!(country(&ms, text, "The army", 0).as_deref(), Some("IRQ"));
}

#[test]
fn a_story_naming_two_countries() {
    // Mostly about Syria; one sentence about Iraq names it.
    let text = "Government forces shelled Idlib and Saraqeb on Monday. Rebels in Aleppo said they held \
                their lines.\n\nIn Iraq, government forces repelled an attack near Haditha.";
    let ms = tag(text, &[("Idlib", "SY"), ("Saraqeb", "SY"), ("Aleppo", "SY"), ("Iraq", "IQ"), ("Haditha", "IQ")]);
    assert_eq!(country(&ms, text, "Government forces", 0).as_deref(), Some("SYR"));
    assert_eq!(country(&ms, text, "government forces", 0).as_deref(), Some("IRQ"));
}

#[test]
fn a_lone_namesake_town_does_not_override_the_report() {
    // "Homs" given a foreign country, as a noisy geoparser might: the report is about Syria.
    let text = "Syrian troops and rebels fought in Aleppo and Idlib on Monday. Government forces later \
                shelled Rastan near Homs.";
    let ms = tag(text, &[("Syrian", "SY"), ("Aleppo", "SY"), ("Idlib", "SY"), ("Rastan", "LY")]);
    assert_eq!(country(&ms, text, "Government forces", 0).as_deref(), Some("SYR"));
    // "UK-based" says where the monitor is, not where the fighting is.
    let text = "Fighting went on in Aleppo and Idlib. The UK-based monitor said government forces advanced.";
    let ms = tag(text, &[("Aleppo", "SY"), ("Idlib", "SY"), ("UK", "GB")]);
    assert_eq!(country(&ms, text, "government forces", 0).as_deref(), Some("SYR"));
}
