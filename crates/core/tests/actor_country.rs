//! Whose "government forces": an unnamed state actor takes its country from the phrase, then an
//! earlier named actor, then the places its sentence (paragraph, report) is about, and only then
//! from the dateline, which names where the writer files from. Texts written for these tests.

use sitrep_core::{Pipeline, Report};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::new)
}

/// The country the pipeline gives the actor mention written `phrase` (the `nth` such mention).
fn country_of(text: &str, phrase: &str, nth: usize) -> Option<String> {
    let report = Report::new("t", text.to_string());
    let doc = sitrep_core::text::analyze(&report.text);
    let m = pipeline().mentions(&report, &doc);
    let found: Vec<_> = m.actors.iter().filter(|a| a.actor.text.as_deref() == Some(phrase)).collect();
    let a = found.get(nth).unwrap_or_else(|| panic!("no mention {phrase:?} #{nth} in {:#?}", m.actors));
    a.actor.country.clone()
}

#[test]
fn beirut_dateline_syria_story() {
    let text = "BEIRUT, March 4 (Wire) - Government forces hold most of Hama province after a week of \
                clashes, a monitoring group said.\nThe army shelled villages north of the city on Tuesday.";
    assert_eq!(country_of(text, "Government forces", 0).as_deref(), Some("SYR"));
    assert_eq!(country_of(text, "The army", 0).as_deref(), Some("SYR"));
    // The control observation names Syria's forces too.
    let report = Report::new("t", text.to_string());
    let ex = pipeline().extract(&report);
    assert!(!ex.controls.is_empty());
    for c in &ex.controls {
        assert_eq!(c.controller.country.as_deref(), Some("SYR"), "{c:?}");
    }
}

#[test]
fn amman_dateline_daraa_story() {
    let text = "AMMAN, Jan 9 (Wire) - Regime forces shelled rebel positions near Daraa on Sunday, \
                opposition activists said. The army later sent reinforcements to the area.";
    assert_eq!(country_of(text, "Regime forces", 0).as_deref(), Some("SYR"));
    assert_eq!(country_of(text, "The army", 0).as_deref(), Some("SYR"));
}

#[test]
fn istanbul_dateline_idlib_story() {
    let text = "ISTANBUL (Wire) — Government troops pushed into the southern countryside of Idlib \
                overnight, a war monitor reported.\n\nResidents of Maarat al-Numan fled north as the \
                army advanced.";
    assert_eq!(country_of(text, "Government troops", 0).as_deref(), Some("SYR"));
    assert_eq!(country_of(text, "the army", 0).as_deref(), Some("SYR"));
}

#[test]
fn erbil_dateline_mosul_story() {
    let text = "ERBIL, Iraq, Oct. 20 (Wire) - Government forces entered the western districts of Mosul \
                on Friday after heavy fighting, a military spokesman said.";
    assert_eq!(country_of(text, "Government forces", 0).as_deref(), Some("IRQ"));
}

#[test]
fn kyiv_dateline_is_right() {
    // The sentence's own place agrees with the dateline.
    let text = "KYIV, Ukraine (Wire) — The army repelled an assault near Kramatorsk overnight, the \
                general staff said on Thursday.";
    assert_eq!(country_of(text, "The army", 0).as_deref(), Some("UKR"));
    // No other place at all: the dateline is the last resort.
    let text = "KYIV (Wire) — Government forces said on Thursday they had shot down eleven drones overnight.";
    assert_eq!(country_of(text, "Government forces", 0).as_deref(), Some("UKR"));
}

#[test]
fn story_naming_two_countries() {
    let text = "Fighting around Tal Afar went on through Monday. Government forces retook two villages \
                west of Mosul.\n\nFurther west, in Deir ez-Zor province, government forces pushed towards \
                Mayadin on Tuesday.";
    assert_eq!(country_of(text, "Government forces", 0).as_deref(), Some("IRQ"));
    assert_eq!(country_of(text, "government forces", 0).as_deref(), Some("SYR"));
}

#[test]
fn named_country_and_antecedent_come_first() {
    // (1) the phrase's own country, (2) an earlier named actor, before any place.
    let text = "BEIRUT (Wire) - Iraqi government troops crossed into Syria near Al-Qaim. The army said \
                it had secured the crossing.";
    assert_eq!(country_of(text, "Iraqi government troops", 0).as_deref(), Some("IRQ"));
    assert_eq!(country_of(text, "The army", 0).as_deref(), Some("IRQ"));
}
