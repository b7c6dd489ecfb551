//! Focused tests of the event rules over hand-made mentions (own sentences; no other stage).

use chrono::NaiveDate;
use sitrep_events::{ActorIn, ActorKind, EventExtractor, Mentions, Output, PlaceIn, PlaceLevel, PlaceRole};
use sitrep_model::record::{ActorRef, ControlStatus, Modality, PlaceRef};
use sitrep_model::{analyze, Report, Span};

struct A(&'static str, &'static str, Option<&'static str>, Option<&'static str>, ActorKind);

fn actor(text: &'static str, name: &'static str, country: &'static str, sector: &'static str) -> A {
    A(text, name, Some(country), Some(sector), ActorKind::Name)
}
fn group(text: &'static str, name: &'static str, sector: &'static str) -> A {
    A(text, name, None, Some(sector), ActorKind::Name)
}
fn pronoun(text: &'static str, name: &'static str, country: Option<&'static str>, sector: &'static str) -> A {
    A(text, name, country, Some(sector), ActorKind::Pronoun)
}

/// (text, name, geonameid, level)
type P = (&'static str, &'static str, i64, PlaceLevel);

/// Whole-word occurrences of `needle`, also with its first letter capitalized.
fn find_all(text: &str, needle: &str) -> Vec<Span> {
    let mut cap = needle.to_string();
    if let Some(f) = cap.get(0..1) {
        cap = f.to_uppercase() + &cap[1..];
    }
    let mut out = find_exact(text, needle);
    if cap != needle {
        out.extend(find_exact(text, &cap));
    }
    out
}

fn find_exact(text: &str, needle: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(needle) {
        let s = from + i;
        let e = s + needle.len();
        let ok_left = s == 0 || !text[..s].chars().next_back().unwrap().is_alphanumeric();
        let ok_right = e == text.len() || !text[e..].chars().next().unwrap().is_alphanumeric();
        if ok_left && ok_right {
            out.push(Span::new(s, e));
        }
        from = e;
    }
    out
}

fn run(text: &str, actors: &[A], places: &[P]) -> Output {
    let mut m = Mentions::default();
    for a in actors {
        for sp in find_all(text, a.0) {
            m.actors.push(ActorIn {
                span: sp,
                actor: ActorRef {
                    name: a.1.into(),
                    country: a.2.map(Into::into),
                    sector: a.3.map(Into::into),
                    id: Some(a.1.to_lowercase()),
                    ..Default::default()
                },
                kind: a.4,
            });
        }
    }
    for (t, name, id, level) in places {
        for sp in find_all(text, t) {
            let pr = PlaceRef {
                text: Some(t.to_string()),
                span: Some(sp),
                name: name.to_string(),
                geonameid: Some(*id),
                lat: 35.0,
                lon: 40.0,
                country: Some("SY".into()),
                admin1: Some("SY.07".into()),
                feature_code: Some(match level {
                    PlaceLevel::Country => "PCLI".into(),
                    PlaceLevel::Region => "ADM1".into(),
                    PlaceLevel::Feature => "STM".into(),
                    PlaceLevel::Point => "PPLA".into(),
                }),
                precision: 1,
            };
            let admin1 = PlaceRef {
                name: "Province".into(),
                geonameid: Some(1),
                feature_code: Some("ADM1".into()),
                precision: 3,
                ..pr.clone()
            };
            m.places.push(PlaceIn {
                span: sp,
                role: PlaceRole::Literal,
                place: Some(pr),
                level: *level,
                admin1: Some(admin1),
            });
        }
    }
    let m = m.sorted();
    let mut r = Report::new("t", text);
    r.published = NaiveDate::from_ymd_opt(2020, 5, 10);
    let doc = analyze(text);
    extractor().extract(&r, &doc, &m)
}

fn extractor() -> &'static EventExtractor {
    static X: std::sync::OnceLock<EventExtractor> = std::sync::OnceLock::new();
    X.get_or_init(|| EventExtractor::embedded().unwrap())
}

fn army() -> A {
    actor("the national army", "National Army", "XXA", "MIL")
}
fn rebels() -> A {
    group("the Northern Front", "Northern Front", "REB")
}
fn town() -> P {
    ("Kafr Tala", "Kafr Tala", 100, PlaceLevel::Point)
}

fn only<'a>(out: &'a Output, trigger: &str) -> &'a sitrep_model::record::EventRecord {
    let v: Vec<_> = out.events.iter().filter(|e| e.trigger.text == trigger).collect();
    assert_eq!(v.len(), 1, "events with trigger {trigger:?}: {:#?}", out.events);
    v[0]
}

// ----- capture verbs -------------------------------------------------------------------------

#[test]
fn capture_verbs_give_territory_events_by_the_winners_sector() {
    for verb in [
        "liberated",
        "retook",
        "recaptured",
        "captured",
        "seized",
        "took full control of",
        "took control of",
        "cleared",
        "entered",
        "stormed",
        "overran",
    ] {
        let text = format!("Yesterday the national army {verb} Kafr Tala from the Northern Front.");
        let out = run(&text, &[army(), rebels()], &[town()]);
        let e = only(&out, verb);
        assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Government regains territory", "{verb}");
        assert_eq!(e.actor1[0].name, "National Army", "{verb}");
        assert_eq!(e.actor2[0].name, "Northern Front", "{verb}");
        assert_eq!(e.place.as_ref().unwrap().geonameid, Some(100), "{verb}");
        assert_eq!(e.modality, Modality::Asserted, "{verb}");
        let c = &out.controls[0];
        assert_eq!(c.controller.name, "National Army");
        assert_eq!(c.status, ControlStatus::Controlled);

        let text = format!("The Northern Front {verb} Kafr Tala.");
        let out = run(&text, &[army(), rebels()], &[town()]);
        let e = only(&out, verb);
        assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Non-state actor overtakes territory", "{verb}");
    }
}

#[test]
fn fell_to_makes_the_place_the_subject_and_the_winner_follow() {
    let out = run("Kafr Tala fell to the Northern Front on Sunday.", &[rebels()], &[town()]);
    let e = only(&out, "fell to");
    assert_eq!(e.actor1[0].name, "Northern Front");
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Non-state actor overtakes territory");
    assert_eq!(e.place.as_ref().unwrap().geonameid, Some(100));
    assert_eq!(out.controls[0].controller.name, "Northern Front");
}

#[test]
fn withdrew_from_and_handed_over() {
    let out = run("The national army withdrew from Kafr Tala.", &[army()], &[town()]);
    let e = only(&out, "withdrew from");
    assert_eq!(e.plover.as_ref().unwrap().event, "RETREAT");
    assert!(out.controls.is_empty(), "no winner, no control: {:?}", out.controls);

    let out = run("The national army handed over Kafr Tala to the Northern Front.", &[army(), rebels()], &[town()]);
    let e = only(&out, "handed over");
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Non-violent transfer of territory");
    assert_eq!(e.actor1[0].name, "Northern Front");
    assert_eq!(out.controls[0].controller.name, "Northern Front");
}

#[test]
fn a_capture_near_a_town_is_no_control_of_the_town() {
    for object in ["an army post near", "two hills north of", "positions on the outskirts of", "a checkpoint 5 km from"]
    {
        let text = format!("The Northern Front overran {object} Kafr Tala on Monday.");
        let out = run(&text, &[army(), rebels()], &[town()]);
        assert_eq!(out.events.iter().filter(|e| e.trigger.text == "overran").count(), 1, "{object}: {:?}", out.events);
        assert!(out.controls.is_empty(), "{object}: {:?}", out.controls);
    }
    let out = run("The Northern Front overran the town of Kafr Tala on Monday.", &[army(), rebels()], &[town()]);
    assert_eq!(out.controls.len(), 1, "{:?} {:?}", out.controls, out.events);
}

#[test]
fn cue_words_in_a_document_name_are_no_events() {
    let out = run("Northern Offensive Campaign Assessment, May 9", &[], &[]);
    assert!(out.events.is_empty(), "{:?}", out.events);
    let out = run("Weekly Clashes Tracker: the national army attacked Kafr Tala.", &[army()], &[town()]);
    assert_eq!(out.events.len(), 1, "{:?}", out.events);
    assert_eq!(out.events[0].trigger.text, "attacked");
    // a headline's event stays
    let out = run("Northern Front Captures Kafr Tala", &[group("Northern Front", "Northern Front", "REB")], &[town()]);
    assert_eq!(out.events.len(), 1, "{:?}", out.events);
}

#[test]
fn surrendered_gives_the_place_to_the_actor_after_to() {
    let out = run("The Northern Front surrendered Kafr Tala to the national army.", &[army(), rebels()], &[town()]);
    let e = only(&out, "surrendered");
    assert_eq!(e.actor1[0].name, "National Army");
    assert_eq!(e.actor2[0].name, "Northern Front");
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Government regains territory");
}

#[test]
fn ambiguous_verbs_need_a_place() {
    let out = run("The national army took part in the talks.", &[army()], &[]);
    assert!(out.events.iter().all(|e| e.acled.as_ref().map(|a| a.event_type.as_str()) != Some("Battles")));
    let out = run("Clashes took place in Kafr Tala.", &[], &[town()]);
    assert!(out.events.iter().all(|e| e.trigger.text != "took"), "{:?}", out.events);
}

// ----- roles ---------------------------------------------------------------------------------

#[test]
fn passive_with_by_swaps_the_roles() {
    let out = run("Five soldiers of the national army were killed by the Northern Front.", &[army(), rebels()], &[]);
    let e = only(&out, "killed");
    assert_eq!(e.actor1[0].name, "Northern Front");
    assert_eq!(e.actor2[0].name, "National Army");
}

#[test]
fn against_marks_the_target_of_a_nominal_event() {
    let out = run(
        "Over the weekend the national army flew air strikes against the Northern Front near Kafr Tala.",
        &[army(), rebels()],
        &[town()],
    );
    let e = only(&out, "air strikes");
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Air/drone strike");
    assert_eq!(e.actor1[0].name, "National Army");
    assert_eq!(e.actor2[0].name, "Northern Front");
    assert_eq!(e.place.as_ref().unwrap().precision, 2, "near a place");
}

#[test]
fn a_resolved_pronoun_is_the_subject() {
    let out =
        run("They shelled Kafr Tala at dawn.", &[pronoun("They", "National Army", Some("XXA"), "MIL")], &[town()]);
    let e = only(&out, "shelled");
    assert_eq!(e.actor1[0].name, "National Army");
    assert_eq!(e.actor1[0].text.as_deref(), Some("They"));
}

#[test]
fn agentless_passive_rejection_takes_the_paragraph_topic() {
    let text = "The council of Amaria is firm on the matter. Proposals of Bentland have been rejected.";
    let out = run(
        text,
        &[actor("The council of Amaria", "Amaria", "AMA", "GOV"), actor("Bentland", "Bentland", "BEN", "GOV")],
        &[],
    );
    let e = only(&out, "rejected");
    assert_eq!(e.actor1[0].name, "Amaria");
    assert_eq!(e.actor2[0].name, "Bentland");
}

// ----- modality ------------------------------------------------------------------------------

fn modality_of(text: &str, trigger: &str) -> (Modality, Vec<String>) {
    let out = run(
        text,
        &[
            army(),
            rebels(),
            pronoun("they", "National Army", Some("XXA"), "MIL"),
            group("Radio Sun", "Radio Sun", "JRN"),
        ],
        &[town()],
    );
    let e = only(&out, trigger);
    (e.modality, e.attributed_to.iter().map(|a| a.name.clone()).collect())
}

#[test]
fn modality_cues() {
    use Modality::*;
    let cases: &[(&str, &str, Modality)] = &[
        ("The national army shelled Kafr Tala.", "shelled", Asserted),
        ("The national army did not shell Kafr Tala.", "shell", Negated),
        ("The national army never shelled Kafr Tala.", "shelled", Negated),
        ("The national army has not yet attacked Kafr Tala.", "attacked", Negated),
        ("The national army failed to capture Kafr Tala.", "capture", Negated),
        ("The envoy was not received by the national army.", "received", Negated),
        ("The national army prepares for an offensive on Kafr Tala.", "offensive", Planned),
        ("The national army plans to attack Kafr Tala.", "attack", Planned),
        ("The national army will attack Kafr Tala next week.", "attack", Forecast),
        ("The national army is expected to attack Kafr Tala.", "attack", Forecast),
        ("If the talks fail the national army will attack Kafr Tala.", "attack", Hypothetical),
        ("Should the talks fail, the national army would attack Kafr Tala.", "attack", Hypothetical),
        ("Unless the talks succeed the national army attacks Kafr Tala.", "attacks", Hypothetical),
        ("The Northern Front staged an attack on Kafr Tala.", "attack", Disputed),
        ("The national army allegedly shelled Kafr Tala.", "shelled", Disputed),
        ("The national army claims to have shelled Kafr Tala.", "shelled", Disputed),
        ("The national army announced that they had captured Kafr Tala.", "captured", Claimed),
        ("The national army captured Kafr Tala, they said.", "captured", Claimed),
        ("Radio Sun reported that the national army captured Kafr Tala.", "captured", Reported),
        ("According to Radio Sun, the national army captured Kafr Tala.", "captured", Reported),
        ("The national army reportedly captured Kafr Tala.", "captured", Reported),
        ("The national army managed to capture Kafr Tala.", "capture", Asserted),
        ("There was little if any fighting in Kafr Tala.", "fighting", Negated),
        ("The national army shelled a 'rebel base' near Kafr Tala.", "shelled", Asserted),
    ];
    for (text, trigger, want) in cases {
        let (got, _) = modality_of(text, trigger);
        assert_eq!(got, *want, "{text}");
    }
}

#[test]
fn attribution_is_filled() {
    let (m, who) = modality_of("Radio Sun reported that the national army captured Kafr Tala.", "captured");
    assert_eq!(m, Modality::Reported);
    assert_eq!(who, vec!["Radio Sun".to_string()]);
    let (m, who) = modality_of("Two journalists report that the national army captured Kafr Tala.", "captured");
    assert_eq!(m, Modality::Reported);
    assert!(who.contains(&"journalists".to_string()), "{who:?}");
    let (_, who) = modality_of("The national army reportedly captured Kafr Tala.", "captured");
    assert!(who.is_empty());
}

#[test]
fn scare_quotes_dispute_the_event() {
    let out = run("A film maker survives 'assassination attempt' in Kafr Tala.", &[], &[town()]);
    let e = only(&out, "assassination attempt");
    assert_eq!(e.modality, Modality::Disputed);
}

// ----- location ------------------------------------------------------------------------------

#[test]
fn path_places_are_not_the_event_location() {
    let out = run(
        "The Northern Front fled across the Blue River towards Kafr Tala after the national army shelled Umm Sahl.",
        &[army(), rebels()],
        &[
            town(),
            ("Umm Sahl", "Umm Sahl", 200, PlaceLevel::Point),
            ("Blue River", "Blue River", 300, PlaceLevel::Feature),
        ],
    );
    let e = only(&out, "shelled");
    assert_eq!(e.place.as_ref().unwrap().geonameid, Some(200));
    let e = only(&out, "fled");
    // Only a destination: its province, precision 3.
    assert_eq!(e.place.as_ref().unwrap().precision, 3);
}

#[test]
fn containers_and_countries_lose_to_towns() {
    let out = run(
        "The national army shelled Kafr Tala in Amaria.",
        &[army()],
        &[town(), ("Amaria", "Amaria", 900, PlaceLevel::Country)],
    );
    assert_eq!(only(&out, "shelled").place.as_ref().unwrap().geonameid, Some(100));
    let out = run(
        "The national army deployed troops into Amaria.",
        &[army()],
        &[("Amaria", "Amaria", 900, PlaceLevel::Country)],
    );
    assert_eq!(only(&out, "deployed").place.as_ref().unwrap().precision, 3);
}

#[test]
fn a_sentence_without_a_place_inherits_the_paragraph_place() {
    let out = run(
        "The national army retook Kafr Tala today. They are now breaking into the old quarter.",
        &[army(), pronoun("They", "National Army", Some("XXA"), "MIL")],
        &[town()],
    );
    let e = only(&out, "breaking into");
    assert_eq!(e.place.as_ref().unwrap().geonameid, Some(100));
    assert_eq!(e.place.as_ref().unwrap().precision, 2);
}

// ----- dates ---------------------------------------------------------------------------------

#[test]
fn fallback_dates_follow_tense_and_modality() {
    let out = run("The national army shelled Kafr Tala.", &[army()], &[town()]);
    let d = only(&out, "shelled").date.clone().unwrap();
    assert_eq!((d.start.to_string(), d.end.to_string()), ("2020-05-04".into(), "2020-05-10".into()));
    let out = run("The national army will attack Kafr Tala.", &[army()], &[town()]);
    let d = only(&out, "attack").date.clone().unwrap();
    assert!(d.start > NaiveDate::from_ymd_opt(2020, 5, 10).unwrap());
    let out = run("The national army demands talks with the Northern Front.", &[army(), rebels()], &[]);
    let d = only(&out, "demands").date.clone().unwrap();
    assert_eq!(d.start, d.end);
}

// ----- control statements --------------------------------------------------------------------

#[test]
fn static_control_statements() {
    let out = run("The road leads to Kafr Tala, held by the Northern Front.", &[rebels()], &[town()]);
    assert_eq!(out.controls.len(), 1, "{:?}", out.controls);
    assert_eq!(out.controls[0].controller.name, "Northern Front");

    let out = run("Kafr Tala is under the control of the Northern Front.", &[rebels()], &[town()]);
    assert_eq!(out.controls[0].controller.name, "Northern Front");

    let out = run("The Northern Front now controls Kafr Tala.", &[rebels()], &[town()]);
    assert_eq!(out.controls[0].controller.name, "Northern Front");

    let out = run("Kafr Tala is the Northern Front's last stronghold.", &[rebels()], &[town()]);
    assert_eq!(out.controls[0].controller.name, "Northern Front");
    assert_eq!(out.controls[0].place.geonameid, Some(100));

    let out = run("The Northern Front could control Kafr Tala.", &[rebels()], &[town()]);
    assert!(out.controls.is_empty());

    let out = run("Kafr Tala is besieged by the Northern Front.", &[rebels()], &[town()]);
    assert_eq!(out.controls[0].status, ControlStatus::Besieged);

    // A share of a place held is control of it, as "most of X" is.
    for text in
        ["The Northern Front still holds the countryside of Kafr Tala.", "The Northern Front holds rural Kafr Tala."]
    {
        let out = run(text, &[rebels()], &[town()]);
        assert_eq!(out.controls.len(), 1, "{text}: {:?}", out.controls);
        assert_eq!(out.controls[0].place.geonameid, Some(100), "{text}");
    }
}

#[test]
fn control_under_an_actor_pockets_and_ended_states() {
    let rebels_short = || group("Northern Front", "Northern Front", "REB");
    let one = |text: &str, want: Option<ControlStatus>| {
        let out = run(text, &[rebels_short()], &[town()]);
        assert_eq!(out.controls.first().map(|c| c.status), want, "{text}: {:?}", out.controls);
        if want.is_some() {
            assert_eq!(out.controls[0].controller.name, "Northern Front", "{text}");
            assert_eq!(out.controls[0].place.geonameid, Some(100), "{text}");
        }
    };
    one("The town of Kafr Tala remains under Northern Front control.", Some(ControlStatus::Controlled));
    one("Kafr Tala is under full Northern Front control.", Some(ControlStatus::Controlled));
    one("Kafr Tala is still under Northern Front rule.", Some(ControlStatus::Controlled));
    one("Kafr Tala remains under Northern Front siege.", Some(ControlStatus::Besieged));
    one(
        "Kafr Tala, which has been besieged by the Northern Front since 2015, ran out of bread.",
        Some(ControlStatus::Besieged),
    );
    one("Kafr Tala is the Northern Front's last stronghold.", Some(ControlStatus::Controlled));
    one("Kafr Tala was once the Northern Front's last stronghold.", None);
    one("Kafr Tala was held by the Northern Front until last year.", None);
    one("Kafr Tala was under Northern Front rule until 2019.", None);
    // an act of besieging puts the place under siege by its actor; the adjective does not
    one("Northern Front fighters encircled Kafr Tala on Monday.", Some(ControlStatus::Besieged));
    one("Families fled the besieged town of Kafr Tala, Northern Front officials said.", None);
    // a reference point in an appositive is not what is held
    let out = run(
        "The valley, on the outskirts of Kafr Tala, has been besieged by the Northern Front.",
        &[rebels()],
        &[town()],
    );
    assert!(out.controls.is_empty(), "{:?}", out.controls);
}

#[test]
fn ids_are_stable_and_evidence_is_the_sentence() {
    let text = "Calm returned. The national army shelled Kafr Tala.";
    let a = run(text, &[army()], &[town()]);
    let b = run(text, &[army()], &[town()]);
    let e = only(&a, "shelled");
    assert_eq!(e.id, only(&b, "shelled").id);
    assert_eq!(e.evidence.sentence, 1);
    assert_eq!(e.evidence.text, "The national army shelled Kafr Tala.");
    assert_eq!(&text[e.trigger.span.start..e.trigger.span.end], "shelled");
}

// ----- more roles and readings -----------------------------------------------------------------

#[test]
fn a_metonym_is_an_actor_not_the_event_location() {
    let text = "Amaria City demands talks with the Northern Front.";
    let out = run(
        text,
        &[A("Amaria City", "Government of Amaria", Some("AMA"), Some("GOV"), ActorKind::Metonym), rebels()],
        &[("Amaria City", "Amaria City", 500, PlaceLevel::Point)],
    );
    let e = only(&out, "demands");
    assert_eq!(e.actor1[0].name, "Government of Amaria");
    assert!(e.place.is_none(), "{:?}", e.place);
}

#[test]
fn violence_at_a_protest_is_a_violent_demonstration() {
    let out = run("Protesters clashed with police in Kafr Tala on Friday.", &[], &[town()]);
    let types: Vec<&str> =
        out.events.iter().filter_map(|e| e.acled.as_ref()).map(|a| a.sub_event_type.as_str()).collect();
    assert_eq!(types, vec!["Violent demonstration"], "{:?}", out.events);
    let out = run("Police fired tear gas at protesters in Kafr Tala.", &[], &[town()]);
    assert!(out.events.iter().any(|e| e.acled.as_ref().unwrap().sub_event_type == "Protest with intervention"));
    let out = run("Thousands of protesters marched peacefully in Kafr Tala.", &[], &[town()]);
    assert_eq!(out.events[0].acled.as_ref().unwrap().sub_event_type, "Peaceful protest");
}

#[test]
fn a_capture_without_resistance_is_a_non_violent_transfer() {
    let out = run("The Northern Front entered Kafr Tala without resistance.", &[rebels()], &[town()]);
    let e = only(&out, "entered");
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Non-violent transfer of territory");
}

#[test]
fn accidents_are_not_attacks() {
    let out = run("A gas tank exploded at a factory in Kafr Tala, killing three workers.", &[], &[town()]);
    assert!(out.events.is_empty(), "{:?}", out.events);
}

#[test]
fn an_attack_on_a_checkpoint_is_an_armed_clash() {
    let out = run("Gunmen attacked a checkpoint near Kafr Tala.", &[], &[town()]);
    assert_eq!(only(&out, "attacked").acled.as_ref().unwrap().sub_event_type, "Armed clash");
    let out = run("Gunmen attacked a wedding party near Kafr Tala.", &[], &[town()]);
    assert_eq!(only(&out, "attacked").acled.as_ref().unwrap().sub_event_type, "Attack");
}

#[test]
fn weapons_found_are_disrupted_weapons_use() {
    let out = run("Police found a cache of rifles and explosives in Kafr Tala.", &[], &[town()]);
    let types: Vec<&str> =
        out.events.iter().filter_map(|e| e.acled.as_ref()).map(|a| a.sub_event_type.as_str()).collect();
    assert!(types.contains(&"Disrupted weapons use"), "{types:?}");
}

#[test]
fn a_governorate_anaphor_resolves_to_the_province() {
    let out = run(
        "The Northern Front attacked Kafr Tala, then the group kept controlling the governorate.",
        &[rebels(), pronoun("the group", "Northern Front", None, "REB")],
        &[town()],
    );
    let c = out.controls.iter().find(|c| c.place.name == "Province").expect("control of the province");
    assert_eq!(c.controller.name, "Northern Front");
    assert_eq!(c.place.precision, 3);
}

#[test]
fn the_winner_is_unknown_but_the_loser_tells() {
    let out = run("Kafr Tala was recaptured from the Northern Front.", &[rebels()], &[town()]);
    let e = only(&out, "recaptured");
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Government regains territory");
}

// ----- robustness ------------------------------------------------------------------------------

mod no_panics {
    use super::*;
    use proptest::prelude::*;

    fn words() -> impl Strategy<Value = String> {
        let w = prop::sample::select(vec![
            "the",
            "army",
            "captured",
            "Kafr Tala",
            "from",
            "rebels",
            "not",
            "will",
            "if",
            "said",
            "according to",
            "held by",
            "'",
            "\"",
            ",",
            ".",
            ";",
            "fell to",
            "attacked",
            "protesters",
            "clashed",
            "the city",
            "é",
            "—",
            "U.S.",
            "last stronghold",
            "they",
            "withdrew from",
            "to",
            "by",
            "was",
            "handed over",
            "(",
            ")",
            "\n\n",
        ]);
        prop::collection::vec(w, 0..40).prop_map(|v| v.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_text_and_mentions(text in words(), far in any::<bool>()) {
            let out = run(&text, &[army(), rebels(), pronoun("they", "National Army", None, "MIL")], &[town()]);
            for e in &out.events {
                prop_assert!(text.get(e.trigger.span.start..e.trigger.span.end).is_some());
                prop_assert!(text.get(e.evidence.span.start..e.evidence.span.end).is_some());
            }
            if far {
                let mut r = Report::new("x", text.clone());
                r.published = NaiveDate::from_ymd_opt(262_000, 12, 31);
                let doc = analyze(&text);
                let _ = extractor().extract(&r, &doc, &Mentions::default());
            }
        }
    }
}

// ----- every capture verb, every modality cue, every role pattern ---------------------------------

#[test]
fn more_capture_verbs_and_their_roles() {
    // Winner as subject, loser after "from" or as object.
    for (verb, text) in [
        ("took", "The national army took Kafr Tala."),
        ("drove out", "The national army drove out the Northern Front from Kafr Tala."),
        ("expelled", "The national army expelled the Northern Front from Kafr Tala."),
    ] {
        let out = run(text, &[army(), rebels()], &[town()]);
        let e = out
            .events
            .iter()
            .find(|e| e.acled.as_ref().is_some_and(|a| a.sub_event_type == "Government regains territory"))
            .unwrap_or_else(|| panic!("{verb}: {:#?}", out.events));
        assert_eq!(e.trigger.text, verb);
        assert_eq!(e.actor1[0].name, "National Army", "{verb}");
        assert_eq!(e.place.as_ref().unwrap().geonameid, Some(100), "{verb}");
    }
    // The subject loses the place: no winner named, a retreat.
    for verb in ["pulled out of", "retreated from", "withdrew from"] {
        let text = format!("The Northern Front {verb} Kafr Tala.");
        let out = run(&text, &[rebels()], &[town()]);
        let e = only(&out, verb);
        assert_eq!(e.plover.as_ref().unwrap().event, "RETREAT", "{verb}");
        assert!(out.controls.is_empty(), "{verb}: no winner, no control");
    }
    // "lost control of X to Y": Y wins.
    let out = run("The Northern Front lost control of Kafr Tala to the national army.", &[army(), rebels()], &[town()]);
    let e = only(&out, "lost control of");
    assert_eq!(e.actor1[0].name, "National Army");
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Government regains territory");
    assert_eq!(out.controls[0].controller.name, "National Army");
}

#[test]
fn every_other_modality_cue() {
    use Modality::*;
    let cases: &[(&str, &str, Modality)] = &[
        ("The national army didn't shell Kafr Tala.", "shell", Negated),
        ("The national army cannot capture Kafr Tala.", "capture", Negated),
        ("No shelling hit Kafr Tala.", "shelling", Negated),
        ("The national army took the hill without fighting in Kafr Tala.", "fighting", Negated),
        ("The Northern Front denied that the national army captured Kafr Tala.", "captured", Negated),
        ("The national army intends to attack Kafr Tala.", "attack", Planned),
        ("The national army vowed to capture Kafr Tala.", "capture", Planned),
        ("The national army aims to capture Kafr Tala.", "capture", Planned),
        ("The national army threatened to shell Kafr Tala.", "shell", Planned),
        ("The national army massed troops in order to attack Kafr Tala.", "attack", Planned),
        ("The national army moved north to attack Kafr Tala.", "attack", Planned),
        ("The national army shall attack Kafr Tala.", "attack", Forecast),
        ("The national army is going to attack Kafr Tala.", "attack", Forecast),
        ("The national army is likely to attack Kafr Tala.", "attack", Forecast),
        ("The national army is poised to capture Kafr Tala.", "capture", Forecast),
        ("The national army would shell Kafr Tala.", "shell", Hypothetical),
        ("The national army could shell Kafr Tala.", "shell", Hypothetical),
        ("The national army might shell Kafr Tala.", "shell", Hypothetical),
        ("The national army may shell Kafr Tala.", "shell", Hypothetical),
        // "would" in reported speech is the speaker's future; after a condition it stays hypothetical
        ("Commanders said Kafr Tala would be captured within weeks.", "captured", Forecast),
        ("The Northern Front announced that it would attack Kafr Tala.", "attack", Forecast),
        ("The minister said that if talks fail the army would attack Kafr Tala.", "attack", Hypothetical),
        ("The national army would shell Kafr Tala, the minister said.", "shell", Hypothetical),
        (
            "The Northern Front claimed it captured Kafr Tala, but we have not observed confirmation.",
            "captured",
            Disputed,
        ),
        ("There is no evidence that the national army shelled Kafr Tala.", "shelled", Disputed),
        // a deal under discussion is not made
        ("The national army met the Northern Front to discuss a ceasefire.", "ceasefire", Hypothetical),
        ("Envoys held talks on a ceasefire in Kafr Tala.", "ceasefire", Hypothetical),
        ("In case the talks fail, the national army attacks Kafr Tala.", "attacks", Hypothetical),
        ("The Northern Front faked an attack on Kafr Tala.", "attack", Disputed),
        ("The national army purportedly shelled Kafr Tala.", "shelled", Disputed),
        ("The national army captured Kafr Tala, citing Radio Sun.", "captured", Reported),
        ("It was reported that the national army captured Kafr Tala.", "captured", Reported),
        ("The national army began to shell Kafr Tala.", "shell", Asserted),
        ("The national army continued to shell Kafr Tala.", "shell", Asserted),
    ];
    for (text, trigger, want) in cases {
        let (got, _) = modality_of(text, trigger);
        assert_eq!(got, *want, "{text}");
    }
}

#[test]
fn a_nominal_event_takes_its_agent_after_by() {
    let out = run("Air strikes by the national army hit Kafr Tala.", &[army()], &[town()]);
    let e = only(&out, "Air strikes");
    assert_eq!(e.actor1[0].name, "National Army");
}

#[test]
fn clashed_with_names_both_sides() {
    let out = run("The national army clashed with the Northern Front in Kafr Tala.", &[army(), rebels()], &[town()]);
    let e = only(&out, "clashed");
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Armed clash");
    assert_eq!(e.actor1[0].name, "National Army");
    assert_eq!(e.actor2[0].name, "Northern Front");
    assert_eq!(e.place.as_ref().unwrap().geonameid, Some(100));
}

#[test]
fn the_object_of_an_attack_is_the_target() {
    let out = run("The Northern Front attacked the national army near Kafr Tala.", &[army(), rebels()], &[town()]);
    let e = only(&out, "attacked");
    assert_eq!(e.actor1[0].name, "Northern Front");
    assert_eq!(e.actor2[0].name, "National Army");
    // An attack on armed people is an armed clash.
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Armed clash");
}

#[test]
fn killed_in_an_air_strike_is_the_air_strike() {
    let out = run("Five people were killed in an air strike on Kafr Tala.", &[], &[town()]);
    assert!(out.events.iter().all(|e| e.trigger.text != "killed"), "{:#?}", out.events);
    let e = only(&out, "air strike");
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Air/drone strike");
}

// ----- event location: containers, reference points, names, sources -----------------------------

fn umm_sahl() -> P {
    ("Umm Sahl", "Umm Sahl", 200, PlaceLevel::Point)
}

fn place_of(out: &Output, trigger: &str) -> Option<i64> {
    only(out, trigger).place.as_ref().and_then(|p| p.geonameid)
}

#[test]
fn the_finest_place_of_a_description_wins() {
    let places = [town(), umm_sahl()];
    for (text, want) in [
        ("The national army shelled the Umm Sahl district of Kafr Tala.", 100),
        ("The national army shelled Umm Sahl's northern quarter of Kafr Tala.", 100),
        ("The national army shelled Kafr Tala near Umm Sahl.", 100),
        ("The national army shelled Kafr Tala, 20 km north of Umm Sahl.", 100),
        ("The national army shelled Kafr Tala, west of Umm Sahl.", 100),
        ("The national army shelled Kafr Tala village in Umm Sahl.", 100),
        ("The national army shelled Umm Sahl, 20 km north of Kafr Tala.", 200),
    ] {
        let out = run(text, &[army()], &places);
        assert_eq!(place_of(&out, "shelled"), Some(want), "{text}");
    }
}

#[test]
fn a_place_inside_a_longer_name_is_no_location() {
    // "Kafr Tala" as part of a person's name, and a hyphenated modifier.
    let out = run("Gunmen shot Omar Kafr Tala Haddad yesterday.", &[], &[town()]);
    assert_eq!(place_of(&out, "shot"), None);
    let out = run("Gunmen shot a Kafr Tala-based reporter.", &[], &[town()]);
    assert_eq!(place_of(&out, "shot"), None);
}

#[test]
fn a_source_place_is_not_the_event_place() {
    let out =
        run("According to a correspondent in Umm Sahl, the national army shelled the hills.", &[army()], &[umm_sahl()]);
    assert_eq!(place_of(&out, "shelled"), None);
    // A unit's base is not where it fought.
    let out =
        run("A brigade of the national army based in Umm Sahl shelled Kafr Tala.", &[army()], &[town(), umm_sahl()]);
    assert_eq!(place_of(&out, "shelled"), Some(100));
}

#[test]
fn a_country_read_as_its_government_is_a_place_after_in() {
    let amaria: P = ("Amaria", "Amaria", 900, PlaceLevel::Country);
    let gov = actor("Amaria", "Amaria", "AMA", "GOV");
    let out = run("Gunmen killed two guards in northern Amaria.", &[gov], &[amaria]);
    assert_eq!(place_of(&out, "killed"), Some(900));
    let gov = actor("Amaria", "Amaria", "AMA", "GOV");
    let out = run("Amaria rejected the proposal.", &[gov], &[amaria]);
    assert_eq!(place_of(&out, "rejected"), None);
}

#[test]
fn plover_cues_of_demands_coercion_and_disapproval() {
    for (text, trigger, want) in [
        ("The council said the Northern Front must leave Kafr Tala.", "must", "DEMAND"),
        ("The national army imposed a curfew on Kafr Tala.", "imposed a curfew", "COERCE"),
        ("The council outlawed the Northern Front.", "outlawed", "COERCE"),
        ("The council criticized the national army.", "criticized", "ACCUSE"),
        ("The envoy offered mediation between the two sides.", "mediation", "CONSULT"),
        ("Protesters blocked roads into Kafr Tala.", "blocked roads", "PROTEST"),
    ] {
        let out = run(text, &[army(), rebels()], &[town()]);
        let e = only(&out, trigger);
        assert_eq!(e.plover.as_ref().unwrap().event, want, "{text}");
    }
}

#[test]
fn the_owner_named_in_the_object_loses_the_place() {
    // No winner named: "Troops captured two Northern Front camps" — the camps' owner lost them.
    let front = group("Northern Front", "Northern Front", "REB");
    let out = run("Troops captured two Northern Front camps near Kafr Tala.", &[front], &[town()]);
    let e = out.events.iter().find(|e| e.trigger.text == "captured").expect("a capture");
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Government regains territory");
}

#[test]
fn a_capture_that_met_no_resistance_is_non_violent() {
    let out =
        run("The Northern Front entered Kafr Tala and had not encountered any resistance.", &[rebels()], &[town()]);
    let e = only(&out, "entered");
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Non-violent transfer of territory");
}

#[test]
fn opening_phrases_and_appositives_describe_other_things() {
    let places = [town(), umm_sahl()];
    let out = run("In addition to the strikes on Umm Sahl, the national army shelled Kafr Tala.", &[army()], &places);
    assert_eq!(place_of(&out, "shelled"), Some(100));
    let out =
        run("In Kafr Tala, a commander, a leader of the Northern Front in Umm Sahl, was killed.", &[rebels()], &places);
    assert_eq!(place_of(&out, "killed"), Some(100));
    // "X area of Y": the named part, then its container.
    let out = run("Gunmen shot two guards in Kafr Tala area of Umm Sahl.", &[], &places);
    assert_eq!(place_of(&out, "shot"), Some(100));
}

#[test]
fn the_circumstance_clause_places_the_event() {
    let out = run("Two guards were killed when a bomb exploded near Kafr Tala.", &[], &[town()]);
    assert_eq!(place_of(&out, "killed"), Some(100));
}

/// The event's place text and geonameid.
fn place_text_of(out: &Output, trigger: &str) -> Option<(String, Option<i64>, u8)> {
    only(out, trigger).place.as_ref().map(|p| (p.text.clone().unwrap_or_default(), p.geonameid, p.precision))
}

#[test]
fn an_unknown_name_where_a_place_stands_takes_the_known_place_around_it() {
    // A village, a quarter and a farm area the gazetteer does not know, each in or near a known town.
    for (text, name) in [
        ("The national army shelled the village of Bir Haddou near Kafr Tala.", "Bir Haddou"),
        ("Gunmen shot two farmers in the Zahrat quarter of Kafr Tala.", "Zahrat"),
        ("The national army shelled the Dalwa Farms north of Kafr Tala.", "Dalwa Farms"),
        ("Gunmen shot two farmers at Qasr Mahdi, 12 km west of Kafr Tala.", "Qasr Mahdi"),
    ] {
        let out = run(text, &[army()], &[town()]);
        let trigger = if text.contains("shelled") { "shelled" } else { "shot" };
        assert_eq!(place_text_of(&out, trigger), Some((name.to_string(), Some(100), 2)), "{text}");
        assert!(out.controls.is_empty(), "no control fact at the borrowed coordinates: {text}");
    }
    // A building the gazetteer does not know: the event is told at the town it is in.
    let out = run("A bomb exploded near the Rawda Hotel in Kafr Tala.", &[], &[town()]);
    assert_eq!(place_of(&out, "exploded"), Some(100));
    // Without a known place in the sentence the name gives no coordinates: none is made up.
    let out = run("Gunmen shot two farmers in the village of Bir Haddou.", &[], &[]);
    assert_eq!(place_of(&out, "shot"), None);
}

#[test]
fn capitalized_words_that_are_no_place_names() {
    for text in [
        "Gunmen shot two farmers near a Catholic church in Kafr Tala.",
        "Gunmen shot two farmers in Wednesday's attack in Kafr Tala.",
        "Gunmen shot two farmers at the BSF camp in Kafr Tala.",
        "Gunmen shot two farmers in a Bazaar in Kafr Tala.",
    ] {
        let out = run(text, &[], &[town()]);
        assert_eq!(place_text_of(&out, "shot").map(|p| p.0), Some("Kafr Tala".to_string()), "{text}");
    }
}

#[test]
fn a_place_that_describes_something_else_is_no_location() {
    let places = [town(), umm_sahl()];
    // A place said of a person, an institution or a war.
    for text in [
        "Gunmen shot a professor of the University of Kafr Tala yesterday.",
        "Gunmen shot a former mayor of Kafr Tala yesterday.",
        "Gunmen shot a delegate to the Kafr Tala talks.",
    ] {
        let out = run(text, &[], &places);
        let trigger = if text.contains("shelled") { "shelled" } else { "shot" };
        assert_eq!(place_of(&out, trigger), None, "{text}");
    }
    // But the parts of a place are where things happen.
    let out = run("Gunmen shot two farmers on the outskirts of Kafr Tala.", &[], &places);
    assert_eq!(place_of(&out, "shot"), Some(100));
    // A town's district after its possessive is no person's name ("Kafr Tala's Umm Sahl").
    let out = run("Gunmen shot two farmers in Kafr Tala's Umm Sahl district.", &[], &places);
    assert_eq!(place_of(&out, "shot"), Some(200));
}

#[test]
fn a_place_shot_or_arrested_is_a_persons_name() {
    let places = [("Marino", "Marino", 300, PlaceLevel::Point), umm_sahl()];
    let out = run("Police shot Marino twice in the chest in Umm Sahl.", &[], &places);
    assert_eq!(place_of(&out, "shot"), Some(200));
    let out = run("Marino was shot by police.", &[], &places);
    assert_eq!(place_of(&out, "shot"), None);
    // A place shelled is a place.
    let out = run("The national army shelled Marino.", &[army()], &places);
    assert_eq!(place_of(&out, "shelled"), Some(300));
}

#[test]
fn a_participle_after_a_comma_takes_the_places_after_it() {
    let places = [town(), umm_sahl()];
    let text = "The national army launched an offensive near Kafr Tala, shelling the hills of Umm Sahl.";
    let out = run(text, &[army()], &places);
    assert_eq!(place_of(&out, "offensive"), Some(100));
    assert_eq!(place_of(&out, "shelling"), Some(200));
}

#[test]
fn a_country_read_as_a_state_right_after_an_act_of_force_is_its_place() {
    let norland = ("Norland", "Norland", 400, PlaceLevel::Country);
    let state = actor("Norland", "Norland", "NRL", "GOV");
    let out = run("The national army entered Norland on Monday.", &[army(), state], &[norland]);
    assert_eq!(place_of(&out, "entered"), Some(400));
}

#[test]
fn an_unknown_name_as_the_object_of_a_verb_that_takes_ground() {
    let out = run("The national army stormed Bir Haddou near Kafr Tala.", &[army()], &[town()]);
    assert_eq!(place_text_of(&out, "stormed").map(|p| p.0), Some("Bir Haddou".to_string()));
    // A person captured is no place: only "the X Y" after "captured" is taken.
    let out = run("The national army captured Omar Haddad near Kafr Tala.", &[army()], &[town()]);
    assert_eq!(place_text_of(&out, "captured").map(|p| p.0), Some("Kafr Tala".to_string()));
}

// ----- readings that are no conflict event (data/events/senses.tsv) ------------------------------

/// Mentions of just the places `places` (no province, no actors), as the location tests give them.
fn place_mentions(text: &str, places: &[P]) -> Mentions {
    let mut m = Mentions::default();
    for (t, name, id, level) in places {
        for sp in find_all(text, t) {
            let pr = PlaceRef {
                text: Some(t.to_string()),
                span: Some(sp),
                name: name.to_string(),
                geonameid: Some(*id),
                precision: 1,
                ..Default::default()
            };
            m.places.push(PlaceIn { span: sp, role: PlaceRole::Literal, place: Some(pr), level: *level, admin1: None });
        }
    }
    m.sorted()
}

/// The place `EventExtractor::locate` gives the event whose trigger is the first `trigger` word
/// (as `sitrep eval events` scores it: only at the minimum location score).
fn located_at(text: &str, places: &[P], trigger: &str) -> Option<String> {
    let m = place_mentions(text, places);
    let r = Report::new("t", text);
    let doc = analyze(text);
    let trig = find_exact(text, trigger)[0];
    extractor()
        .locate(&r, &doc, &m, trig)
        .filter(|l| l.score >= sitrep_events::extract::MIN_LOCATION_SCORE)
        .map(|l| l.place.name)
}

#[test]
fn other_readings_of_event_verbs_have_no_place() {
    let places = [town(), ("Norland", "Norland", 400, PlaceLevel::Country)];
    for (text, trigger) in [
        ("The veteran captured her third singles title in Kafr Tala on Sunday.", "captured"),
        ("The home side captured the cup at Kafr Tala.", "captured"),
        ("The attack was captured on video in Kafr Tala.", "captured"),
        ("The vote in Kafr Tala demonstrated that the party still leads.", "demonstrated"),
        ("The minister demonstrated his support for Norland in Kafr Tala.", "demonstrated"),
        ("The effect was demonstrated during an exercise near Kafr Tala.", "demonstrated"),
        ("Fuel prices shot up in Kafr Tala after the blockade.", "shot"),
        ("The film was shot in Kafr Tala last summer.", "shot"),
        ("Security cameras captured the crowd in Kafr Tala.", "captured"),
        ("The photographer captured striking images of Kafr Tala.", "captured"),
    ] {
        assert_eq!(located_at(text, &places, trigger), None, "{text}");
    }
    // The conflict readings keep their place.
    for (text, trigger) in [
        ("The rebels captured the hills near Kafr Tala.", "captured"),
        ("Thousands demonstrated in Kafr Tala against the curfew.", "demonstrated"),
        ("A farmer was shot in the leg in Kafr Tala.", "shot"),
        ("Gunmen shot up a bus in Kafr Tala.", "shot"),
    ] {
        assert_eq!(located_at(text, &places, trigger).as_deref(), Some("Kafr Tala"), "{text}");
    }
    // No event at all for the other reading.
    let out = run("The home side captured the cup at Kafr Tala.", &[], &[town()]);
    assert!(out.events.iter().all(|e| e.trigger.text != "captured"), "{:#?}", out.events);
}

#[test]
fn unknown_names_in_more_place_frames() {
    for (text, trigger, name) in [
        // "the stronghold/perimeter/hometown of X"
        ("The national army stormed the rebel stronghold of Bir Haddou near Kafr Tala.", "stormed", "Bir Haddou"),
        ("A guard was killed in his hometown of Dariqiya, north of Kafr Tala.", "killed", "Dariqiya"),
        // a day after the name is no part of it
        ("A guard was shot in the suburb of Dobrava Friday morning near Kafr Tala.", "shot", "Dobrava"),
        // a lower-case noun of ground after the name
        ("The Northern Front captured the Tell Qassab hill east of Kafr Tala.", "captured", "Tell Qassab"),
    ] {
        let out = run(text, &[army(), rebels()], &[town()]);
        assert_eq!(place_text_of(&out, trigger).map(|p| p.0).as_deref(), Some(name), "{text}");
    }
    // A verb right after the name in "the quarter of X".
    let text = "A bomb near the crowded quarter of Zarqoun killed two guards.";
    assert_eq!(located_at(text, &[], "killed").as_deref(), Some("Zarqoun"));
}

#[test]
fn a_name_with_an_age_or_an_aircraft_shot_down_is_no_place() {
    // "Marino" is also a village in the gazetteer: with an age after it, it is a person.
    let marino = ("Marino", "Marino", 300, PlaceLevel::Point);
    let text = "Marino, 27, was captured by the national army in Kafr Tala.";
    assert_eq!(located_at(text, &[marino, town()], "captured").as_deref(), Some("Kafr Tala"));
    let text = "Marino, 27, was captured by the national army last year.";
    assert_eq!(located_at(text, &[marino], "captured"), None);
    // One word as the passive subject is more likely a person than the "in Y" after the verb.
    let text = "Marino was captured in Kafr Tala last year.";
    assert_eq!(located_at(text, &[marino, town()], "captured").as_deref(), Some("Kafr Tala"));
    // Alone, too: one word as the passive subject of "captured" is more often a person than a
    // town in news prose (session 8; "the town of X was captured" stays the place).
    let text = "Marino was captured by the rebels last year.";
    assert_eq!(located_at(text, &[marino], "captured"), None);
    // The owner of a kin is a person.
    let text = "Marino's brother was shot on Sunday.";
    assert_eq!(located_at(text, &[marino], "shot"), None);
    // An aircraft shot down is not where it was shot down.
    let text = "The rebels shot down a Marino over Kafr Tala.";
    assert_eq!(located_at(text, &[marino, town()], "shot").as_deref(), Some("Kafr Tala"));
}

#[test]
fn a_word_describing_a_place_is_no_unknown_name() {
    for (text, name) in [
        ("Gunmen killed two guards in a mostly Zarbi neighbourhood of Kafr Tala.", "Kafr Tala"),
        ("Gunmen killed two guards in Zarbi west Kafr Tala.", "Kafr Tala"),
        ("Gunmen killed two guards in the Holy city of Kafr Tala.", "Kafr Tala"),
    ] {
        assert_eq!(located_at(text, &[town()], "killed").as_deref(), Some(name), "{text}");
    }
}

#[test]
fn a_protest_is_where_the_crowd_stands_not_what_it_protests_against() {
    let places = [town(), ("Norland", "Norland", 400, PlaceLevel::Country)];
    for (text, want) in [
        ("Hundreds of students protested against the blockade of Norland.", None),
        ("Hundreds of students marched demanding aid for Norland.", None),
        ("Hundreds of students protested against the war on Norland outside a mosque in Kafr Tala.", Some("Kafr Tala")),
        ("Hundreds of students protested against the curfew in Kafr Tala.", Some("Kafr Tala")),
        ("Hundreds of students protested the blockade of Norland.", None),
    ] {
        let trigger = if text.contains("marched") { "marched" } else { "protested" };
        assert_eq!(located_at(text, &places, trigger).as_deref(), want, "{text}");
    }
}

#[test]
fn a_place_after_by_or_with_is_an_agent_or_a_party() {
    let places = [town(), ("Norland", "Norland", 400, PlaceLevel::Country)];
    let text = "The prisoner was captured last year in a raid planned by Norland.";
    assert_eq!(located_at(text, &places, "captured"), None);
    let text = "The prisoner was captured in Kafr Tala in a raid planned by Norland.";
    assert_eq!(located_at(text, &places, "captured").as_deref(), Some("Kafr Tala"));
}

#[test]
fn a_place_opening_the_sentence_as_the_passive_subject_of_a_ground_verb() {
    let places = [town(), ("Norland", "Norland", 400, PlaceLevel::Country)];
    let text = "Kafr Tala, which borders Norland, was captured by the rebels in May.";
    assert_eq!(located_at(text, &places, "captured").as_deref(), Some("Kafr Tala"));
}

#[test]
fn the_district_of_a_province_is_the_part() {
    let places =
        [("Umm Sahl", "Umm Sahl", 200, PlaceLevel::Region), ("Kafr Tala", "Kafr Tala", 100, PlaceLevel::Region)];
    let text = "Gunmen shot two farmers in the Umm Sahl district of Kafr Tala province.";
    assert_eq!(located_at(text, &places, "shot").as_deref(), Some("Umm Sahl"));
}

#[test]
fn here_and_a_deed_after_for_tell_no_place_of_the_sentence() {
    let places = [town()];
    // "here": the dateline's place.
    let text = "Several hundred students demonstrated here on Friday against the curfew in Kafr Tala.";
    assert_eq!(located_at(text, &places, "demonstrated"), None);
    // The place of the deed someone is arrested for is not where the arrest was.
    let places = [town(), umm_sahl()];
    let text = "Police in Umm Sahl said a man was arrested on Sunday for allegedly killing a guard in Kafr Tala.";
    assert_eq!(located_at(text, &places, "arrested").as_deref(), Some("Umm Sahl"));
}

#[test]
fn a_share_of_a_place_is_that_place() {
    let places = [("Norland", "Norland", 400, PlaceLevel::Region)];
    for text in ["The rebels captured 70 percent of Norland.", "The rebels captured one-third of Norland in May."] {
        assert_eq!(located_at(text, &places, "captured").as_deref(), Some("Norland"), "{text}");
    }
}

// ----- dates looked back from the report (published 2020-05-10) --------------------------------

#[test]
fn anniversaries_and_years_date_past_events() {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let text = "Six years after the Northern Front captured Kafr Tala, the market has reopened.";
    let out = run(text, &[rebels()], &[town()]);
    let e = only(&out, "captured");
    let date = e.date.as_ref().expect("dated");
    assert_eq!((date.start, date.end), (d("2014-01-01"), d("2014-12-31")));
    let text = "Two months since the national army retook Kafr Tala, families are returning.";
    let out = run(text, &[army()], &[town()]);
    let e = only(&out, "retook");
    assert_eq!(e.date.as_ref().map(|x| (x.start, x.end)), Some((d("2020-03-01"), d("2020-03-31"))));
    let text = "Survivors of the 2016 massacre in Kafr Tala met on Friday.";
    let out = run(text, &[], &[town()]);
    let e = only(&out, "massacre");
    assert_eq!(e.date.as_ref().map(|x| x.start), Some(d("2016-01-01")));
    // a duration is no look back: the capture is dated from the report as usual
    let text = "The Northern Front has held Kafr Tala for more than six years after it captured the town.";
    let out = run(text, &[rebels()], &[town()]);
    assert!(out.events.iter().all(|e| e.date.as_ref().is_none_or(|x| x.start.format("%Y").to_string() == "2020")));
}

#[test]
fn a_market_or_hospital_of_a_town_stands_in_it() {
    let other = ("Tell Beta", "Tell Beta", 101, PlaceLevel::Point);
    let text =
        "The national army shelled Tell Beta on Monday. The Northern Front looted the central market of Kafr Tala.";
    let out = run(text, &[army(), rebels()], &[town(), other]);
    let e = only(&out, "looted");
    assert_eq!(e.place.as_ref().map(|p| p.name.as_str()), Some("Kafr Tala"));
}

// ----- event location, session 5 (each rule with a case it changes, in our own words) --------

/// The score of the place written `place` as the location of the event at `trigger`.
fn location_score(text: &str, places: &[P], trigger: &str, place: &str) -> Option<i64> {
    let m = place_mentions(text, places);
    let r = Report::new("t", text);
    let doc = analyze(text);
    let trig = find_exact(text, trigger)[0];
    extractor()
        .location_candidates(&r, &doc, &m, trig)
        .into_iter()
        .find(|c| m.places.get(c.mention).is_some_and(|p| p.span.of(text) == place))
        .map(|c| c.score)
}

fn norland() -> P {
    ("Norland", "Norland", 400, PlaceLevel::Country)
}

#[test]
fn a_place_right_before_a_verb_of_saying_is_the_speaker() {
    // A surname the gazetteer also knows, then "said": a person, not the place of the killing.
    let halvorsen = ("Halvorsen", "Halvorsen", 700, PlaceLevel::Point);
    assert_eq!(located_at("Halvorsen said gunmen killed four guards at the depot.", &[halvorsen], "killed"), None);
    // Speakers placed by "in" keep the place (the source rules judge them).
    assert_eq!(
        located_at(
            "Gunmen killed four guards at the depot in Kafr Tala, Halvorsen said.",
            &[halvorsen, town()],
            "killed"
        )
        .as_deref(),
        Some("Kafr Tala")
    );
    // "the X police said": the place names the speakers' post.
    assert_eq!(
        located_at("Kafr Tala police said the convoy was ambushed on the highway.", &[town()], "ambushed"),
        None
    );
}

#[test]
fn a_direction_before_a_country_names_a_region_of_it() {
    let plain = location_score("The militia shelled villages in Norland.", &[norland()], "shelled", "Norland");
    let south = location_score("The militia shelled villages in southern Norland.", &[norland()], "shelled", "Norland");
    let far =
        location_score("The militia shelled villages in far eastern Norland.", &[norland()], "shelled", "Norland");
    // A direction is also a near word (precision 2), but a country costs more than a region of it.
    let (plain, south, far) = (plain.unwrap(), south.unwrap(), far.unwrap());
    assert!(south > plain + 5 && far > plain + 5, "{plain} {south} {far}");
}

#[test]
fn a_place_naming_a_group_of_people_is_no_location() {
    let dalmar = ("Dalmar", "Dalmar", 300, PlaceLevel::Point);
    for people in ["raiders", "herders", "gunmen", "militiamen", "settlers"] {
        let text = format!("The patrol shelled Dalmar {people} near the wells.");
        let with = location_score(&text, &[dalmar], "shelled", "Dalmar").unwrap();
        let bare = location_score("The patrol shelled Dalmar near the wells.", &[dalmar], "shelled", "Dalmar").unwrap();
        assert!(with <= bare - 90, "{people}: {with} vs {bare}");
    }
}

#[test]
fn a_hyphenated_town_noun_introduces_its_name() {
    for noun in ["border-town", "desert-city", "hill-village"] {
        let text = format!("Troops launched an offensive to capture the key {noun} of Kafr Tala on Sunday.");
        assert_eq!(located_at(&text, &[town()], "launched").as_deref(), Some("Kafr Tala"), "{noun}");
    }
}

#[test]
fn a_place_naming_an_elected_post_is_not_where_it_happened() {
    let places = [town(), ("Umm Sahl", "Umm Sahl", 200, PlaceLevel::Point)];
    for post in ["provincial councillor", "lawmaker", "senator"] {
        let text = format!("In Kafr Tala, gunmen shot the Umm Sahl {post} and two guards.");
        assert_eq!(located_at(&text, &places, "shot").as_deref(), Some("Kafr Tala"), "{post}");
    }
}

#[test]
fn a_district_of_a_local_government_area_is_the_finer_place() {
    let places = [town(), ("Dibo", "Dibo", 500, PlaceLevel::Point)];
    for tail in ["LGA", "local government area"] {
        let text = format!("Gunmen killed six farmers in the Dibo district of Kafr Tala {tail} on Friday.");
        assert_eq!(located_at(&text, &places, "killed").as_deref(), Some("Dibo"), "{tail}");
    }
}

#[test]
fn a_direction_after_a_participles_comma_refers_to_its_own_place() {
    let places = [town(), ("Dibo", "Dibo", 500, PlaceLevel::Point)];
    let text =
        "The army pressed its offensive in the countryside of Kafr Tala on Monday, targeting positions south of Dibo.";
    assert_eq!(located_at(text, &places, "targeting").as_deref(), Some("Dibo"));
    // Within one phrase the direction still makes a reference point of the place after it.
    let text = "The army shelled Kafr Tala, south of Dibo, on Monday.";
    assert_eq!(located_at(text, &places, "shelled").as_deref(), Some("Kafr Tala"));
}

#[test]
fn a_protest_against_an_event_elsewhere_is_not_placed_there() {
    // Where the crowd stood stays the protest's place; a place inside the event the crowd is
    // against ("the killing of ... in X") is the topic's and scores far lower.
    let crowd =
        location_score("Hundreds protested against the curfew in Kafr Tala.", &[town()], "protested", "Kafr Tala");
    assert_eq!(
        located_at("Hundreds protested against the curfew in Kafr Tala.", &[town()], "protested").as_deref(),
        Some("Kafr Tala")
    );
    for text in [
        "Hundreds protested against the killing of three students in Kafr Tala.",
        "Students protested over the detention of their leader in Kafr Tala.",
    ] {
        let topic = location_score(text, &[town()], "protested", "Kafr Tala");
        assert!(topic.unwrap() < crowd.unwrap() - 80, "{text}: {topic:?} vs {crowd:?}");
    }
}

#[test]
fn across_a_place_is_where_a_spread_out_event_happened() {
    let places = [norland()];
    // Attacks or clashes across a country happened in it.
    assert_eq!(
        located_at("A wave of bombings across Norland killed at least thirty people.", &places, "killed").as_deref(),
        Some("Norland")
    );
    // A movement across a place only passes through it (only its province would be kept).
    let across = location_score("Thousands fled across Norland on foot.", &places, "fled", "Norland");
    let inside = location_score("Thousands fled inside Norland on foot.", &places, "fled", "Norland");
    assert!(across.unwrap() < inside.unwrap() - 40, "{across:?} {inside:?}");
}

// ----- event location, session 6 ------------------------------------------------------------------

#[test]
fn a_faith_or_sect_is_no_unknown_place_name() {
    // "the Shiite town", "a Jewish settlement": the word describes the people, the name is elsewhere.
    for text in [
        "Gunmen shelled the Shiite town overnight, officials said.",
        "Settlers burned a car near the Jewish settlement overnight.",
        "The neighbouring Hindu village had protested.",
    ] {
        let trigger = ["shelled", "burned", "protested"].into_iter().find(|t| text.contains(t)).unwrap();
        assert_eq!(located_at(text, &[], trigger), None, "{text}");
    }
}

#[test]
fn a_contrasted_clause_after_the_event_tells_another_events_place() {
    let places = [town()];
    for text in [
        "Nine soldiers were killed on Monday, while the rebels lost ten fighters near Kafr Tala.",
        "One boat was seized at dawn, but a second one landed near Kafr Tala.",
        "The guards were killed in the raid, whereas the prisoners escaped to Kafr Tala.",
    ] {
        let trigger = ["killed", "seized"].into_iter().find(|t| text.contains(t)).unwrap();
        assert_eq!(located_at(text, &places, trigger), None, "{text}");
    }
    // Without a contrast the place after the event is still its place.
    assert_eq!(
        located_at("Nine soldiers were killed on Monday near Kafr Tala.", &places, "killed").as_deref(),
        Some("Kafr Tala")
    );
    // A "while" of circumstance ("while they were driving to X") keeps the place.
    assert_eq!(
        located_at("Two guards were shot, while they were driving near Kafr Tala.", &places, "shot").as_deref(),
        Some("Kafr Tala")
    );
}

#[test]
fn people_from_a_place_come_from_there() {
    let places = [town()];
    for text in [
        "A professor from Kafr Tala was shot to death on Wednesday.",
        "Hundreds of settlers from Kafr Tala protested against the decision.",
        "Gunmen shot a professor from Kafr Tala.",
    ] {
        let trigger = ["shot", "protested"].into_iter().find(|t| text.contains(t)).unwrap();
        // (A point after "from" would keep only its province; the test places have none.)
        let score = location_score(text, &places, trigger, "Kafr Tala").unwrap();
        assert!(score < sitrep_events::extract::MIN_LOCATION_SCORE, "{text}: {score}");
    }
    // "drove the fighters from X": a capture from a place is still there.
    assert_eq!(
        located_at("The army captured two hills from the rebels in Kafr Tala.", &places, "captured").as_deref(),
        Some("Kafr Tala")
    );
}

#[test]
fn the_owner_of_a_named_building_is_its_town() {
    // "Dalmar's Grand Mosque": the building's capitalized name does not make Dalmar a person's name.
    let dalmar = ("Dalmar", "Dalmar", 300, PlaceLevel::Point);
    let text = "A guard was shot at Dalmar's Grand Mosque on Friday.";
    let m = place_mentions(text, &[dalmar]);
    // The test mentions end before the possessive; the tokenizer may keep "Dalmar's" one word.
    assert!(!m.places.is_empty());
    assert_eq!(located_at(text, &[dalmar], "shot").as_deref(), Some("Dalmar"));
}

#[test]
fn the_owner_of_a_persons_thing_is_a_person() {
    // "X's men", "X's cousin", "X's car": X is a person the gazetteer also knows as a place.
    let dalmar = ("Dalmar", "Dalmar", 300, PlaceLevel::Point);
    for text in [
        "Dalmar's men shot two guards at the checkpoint.",
        "Dalmar's cousin was shot twice on Tuesday.",
        "Dalmar's bodyguards were shot on Tuesday.",
        "Gunmen shot two guards to avenge Dalmar's death.",
        "Protesters marched to Dalmar's office on Friday.",
    ] {
        let trigger = ["shot", "marched"].into_iter().find(|t| text.contains(t)).unwrap();
        assert_eq!(located_at(text, &[dalmar], trigger), None, "{text}");
    }
}

#[test]
fn a_place_fronted_after_a_time_sets_the_scene() {
    let places = [town(), ("Dibo", "Dibo", 500, PlaceLevel::Point)];
    // "On Tuesday in X, ...": the place opens the sentence for every event in it.
    let text = "On Tuesday in Kafr Tala, a gunman killed three people when he detonated a bomb near a bus from Dibo.";
    let fronted = location_score(text, &places, "detonated", "Kafr Tala").unwrap();
    let plain = location_score(
        "On Tuesday a gunman in Kafr Tala killed three people when he detonated a bomb near a bus from Dibo.",
        &places,
        "detonated",
        "Kafr Tala",
    )
    .unwrap();
    assert!(fronted > plain + 40, "{fronted} vs {plain}");
}

#[test]
fn a_circumstance_clause_right_after_the_event_places_it() {
    let places = [norland()];
    // "captured after his plane was shot down over X": the clause right after tells where.
    assert_eq!(
        located_at("The pilot was captured after his plane was shot down over southern Norland.", &places, "captured")
            .as_deref(),
        Some("Norland")
    );
    // "days after": an earlier event of its own, no circumstance.
    let right_after = location_score(
        "The pilot was captured after a bomb exploded in southern Norland.",
        &places,
        "captured",
        "Norland",
    );
    let days_after = location_score(
        "The pilot was captured days after a bomb exploded in southern Norland.",
        &places,
        "captured",
        "Norland",
    );
    assert!(days_after.unwrap() < right_after.unwrap() - 30, "{days_after:?} vs {right_after:?}");
    // The clause's own place comes first: "fled towards X after the army shelled Y".
    let places = [town(), ("Dibo", "Dibo", 500, PlaceLevel::Point)];
    let own = location_score("Families fled to Kafr Tala after the army shelled Dibo.", &places, "fled", "Kafr Tala");
    let other = location_score("Families fled to Kafr Tala after the army shelled Dibo.", &places, "fled", "Dibo");
    assert!(other.unwrap() < own.unwrap(), "{other:?} vs {own:?}");
}

#[test]
fn a_source_placed_in_a_town_places_an_event_told_without_a_place() {
    let places = [town(), ("Dibo", "Dibo", 500, PlaceLevel::Point)];
    // "a police source in X said": the source is most often where the event was.
    assert_eq!(
        located_at("A police source in Kafr Tala said the blast killed four people.", &places, "killed").as_deref(),
        Some("Kafr Tala")
    );
    // A place told with the event wins over the source's.
    assert_eq!(
        located_at("A police source in Kafr Tala said the blast killed four people in Dibo.", &places, "killed")
            .as_deref(),
        Some("Dibo")
    );
}

#[test]
fn a_protest_against_an_act_in_a_place_is_not_placed_there() {
    // "against the air strikes in X", "against the occupation of ... in X": the act is the topic.
    let crowd =
        location_score("Hundreds protested against the curfew in Kafr Tala.", &[town()], "protested", "Kafr Tala");
    for text in [
        "Hundreds protested against the air strikes in Kafr Tala.",
        "Students protested against the new deportation policy in Kafr Tala.",
    ] {
        let topic = location_score(text, &[town()], "protested", "Kafr Tala");
        assert!(topic.unwrap() < crowd.unwrap() - 80, "{text}: {topic:?} vs {crowd:?}");
    }
    // The crowd placed first keeps the place: "against the war outside the embassy in X".
    assert_eq!(
        located_at("Hundreds protested against the war outside the embassy in Kafr Tala.", &[town()], "protested")
            .as_deref(),
        Some("Kafr Tala")
    );
}

#[test]
fn a_district_named_after_a_towns_possessive_is_an_unknown_place() {
    // "in X's Dibo district": the town owns the district; the district is where it happened.
    let text = "Gunmen killed two guards in Kafr Tala's Dibo district on Monday.";
    assert_eq!(located_at(text, &[town()], "killed").as_deref(), Some("Dibo"));
}

#[test]
fn a_here_in_the_events_clause_leaves_a_later_place_to_another_event() {
    let places = [town()];
    // The crowd stood "here" (the dateline's town); the place after it is the attack's.
    assert_eq!(
        located_at(
            "About fifty students protested outside the embassy here on Monday against the raid in Kafr Tala.",
            &places,
            "protested"
        ),
        None
    );
    // "near here" names a place near the dateline's town: the place before it still counts.
    assert_eq!(
        located_at("Police arrested two men in Kafr Tala near here on Monday.", &places, "arrested").as_deref(),
        Some("Kafr Tala")
    );
}

#[test]
fn a_country_patrolled_is_where_the_patrol_was() {
    // "patrolling X": the object of a verb that takes ground is a place, even a country the
    // actor stage also reads as its state.
    let text = "Foreign peacekeepers have been patrolling Norland since June.";
    let mut m = place_mentions(text, &[norland()]);
    let span = find_exact(text, "Norland")[0];
    m.actors.push(ActorIn {
        span,
        actor: ActorRef { name: "Norland".into(), country: Some("NOR".into()), ..Default::default() },
        kind: ActorKind::Name,
    });
    let m = m.sorted();
    let doc = analyze(text);
    let trig = find_exact(text, "patrolling")[0];
    let loc = extractor()
        .locate(&Report::new("t", text), &doc, &m, trig)
        .filter(|l| l.score >= sitrep_events::extract::MIN_LOCATION_SCORE);
    assert_eq!(loc.map(|l| l.place.name).as_deref(), Some("Norland"));
}

#[test]
fn a_person_aged_and_of_a_place_comes_from_there() {
    // "X Y, 18, of Dalmar": where the person is from, not where the shooting was.
    let dalmar = ("Dalmar", "Dalmar", 300, PlaceLevel::Point);
    assert_eq!(located_at("Ana Ruiz, 18, of Dalmar was shot on Friday.", &[dalmar], "shot"), None);
    // The place of the shooting still wins when it is told.
    let text = "Ana Ruiz, 18, of Dalmar was shot on Friday in Kafr Tala.";
    assert_eq!(located_at(text, &[dalmar, town()], "shot").as_deref(), Some("Kafr Tala"));
}

fn dalmar() -> P {
    ("Dalmar", "Dalmar", 300, PlaceLevel::Point)
}

#[test]
fn what_a_statement_reports_is_not_where_it_was_made() {
    // "said that ... in X": the place belongs to the reported content.
    let places = [town()];
    for (text, trigger) in [
        ("The ministry said that the strikes will cut off thousands of people in Kafr Tala.", "said"),
        ("The monitor warned on Monday that fighting could soon reach Kafr Tala.", "warned"),
        ("The envoy pointed out that aid has not reached Kafr Tala for weeks.", "pointed"),
    ] {
        assert_eq!(located_at(text, &places, trigger), None, "{text}");
    }
    // A place told with the statement itself still counts.
    assert_eq!(
        located_at("The governor told reporters in Kafr Tala on Monday.", &places, "told").as_deref(),
        Some("Kafr Tala")
    );
}

#[test]
fn a_place_said_of_a_whole_war_is_not_an_event_place() {
    let places = [norland()];
    for text in [
        "The conflict in Norland has killed more than 40,000 people.",
        "Hundreds of teachers have been killed during the long war in Norland.",
        "More than 40,000 people have been killed in Norland's civil war.",
    ] {
        assert_eq!(located_at(text, &places, "killed"), None, "{text}");
    }
    // "the victims of the insurgency in X" names who they are: the place still counts.
    let text = "Gunmen killed three aid workers helping victims of the insurgency in Norland.";
    assert_eq!(located_at(text, &places, "killed").as_deref(), Some("Norland"));
}

#[test]
fn a_later_destination_or_state_is_not_the_place_of_the_event() {
    let places = [town()];
    for text in [
        "He was captured by militiamen in March and flown to Kafr Tala two weeks later.",
        "The soldiers captured the outpost, and the defenders retreated toward Kafr Tala.",
        "The smuggler was captured in 2009 and is now held in Kafr Tala.",
    ] {
        assert_eq!(located_at(text, &places, "captured"), None, "{text}");
    }
    // A place told with the event still counts.
    let text = "He was captured in Kafr Tala and flown to the capital.";
    assert_eq!(located_at(text, &places, "captured").as_deref(), Some("Kafr Tala"));
}

#[test]
fn a_place_describing_the_subject_is_not_where_it_was_hit() {
    // "X, who commanded fighters near Y, was killed": where the subject served.
    let places = [town()];
    for text in [
        "Omar Haddad, who commanded the militia near Kafr Tala, was killed on Friday.",
        "Omar Haddad, the group's commander in Kafr Tala, was reportedly killed in an air strike.",
    ] {
        assert_eq!(located_at(text, &places, "killed"), None, "{text}");
    }
    // A thing placed by its appositive was hit there.
    let text = "The bomb, planted near the market of Kafr Tala, was detonated at noon.";
    assert_eq!(located_at(text, &places, "detonated").as_deref(), Some("Kafr Tala"));
}

#[test]
fn a_participle_takes_its_own_place_before_the_main_clause() {
    // ", targeting X": the participle's target outranks the offensive's area.
    let places = [norland(), dalmar()];
    let text = "The army launched an offensive in Norland on Monday, targeting the rebel defences at Dalmar.";
    assert_eq!(located_at(text, &places, "targeting").as_deref(), Some("Dalmar"));
    // It keeps the main clause's place when it names none.
    let text = "A car bomb exploded in Dalmar on Monday, killing nine people.";
    assert_eq!(located_at(text, &places, "killing").as_deref(), Some("Dalmar"));
}

#[test]
fn a_town_of_a_name_is_a_place_though_a_group_bears_it() {
    // "the village of X": only a place stands there, though the actor stage reads X as a group.
    let text = "The militants launched an assault on Monday, targeting the key village of Dalmar.";
    let mut m = place_mentions(text, &[dalmar()]);
    let span = find_exact(text, "Dalmar")[0];
    m.actors.push(ActorIn {
        span,
        actor: ActorRef { name: "Dalmar".into(), ..Default::default() },
        kind: ActorKind::Name,
    });
    let m = m.sorted();
    let doc = analyze(text);
    let trig = find_exact(text, "targeting")[0];
    let loc = extractor()
        .locate(&Report::new("t", text), &doc, &m, trig)
        .filter(|l| l.score >= sitrep_events::extract::MIN_LOCATION_SCORE);
    assert_eq!(loc.map(|l| l.place.name).as_deref(), Some("Dalmar"));
}

#[test]
fn a_place_name_that_acts_or_is_directed_names_someone() {
    // A name the gazetteer knows right before a verb of a person's doings, or directed by a
    // verb to act, is a person or a government.
    let places = [dalmar()];
    for (text, trigger) in [
        ("The raid was planned after Dalmar decided to attack the convoy.", "attack"),
        ("By ordering Dalmar to attack the depot, the general took a risk.", "attack"),
    ] {
        assert_eq!(located_at(text, &places, trigger), None, "{text}");
    }
    // "in X" still places it.
    let text = "Gunmen attacked the convoy in Dalmar after the council decided to close the road.";
    assert_eq!(located_at(text, &places, "attacked").as_deref(), Some("Dalmar"));
}

#[test]
fn a_model_designation_is_no_place() {
    // "an Su-25", "a Mi-8": a name joined by a hyphen to a number is an aircraft.
    let su = ("Su", "Su", 500, PlaceLevel::Point);
    let text = "Rebels shot down an Su-25 with a missile on Sunday.";
    assert_eq!(located_at(text, &[su], "shot"), None);
}

#[test]
fn what_a_march_is_held_to_protest_is_its_topic() {
    // "marched ... to protest a ruling on ... in X": X is in what the crowd protests.
    let places = [dalmar()];
    let text =
        "Students marched on the embassy on Monday to protest a court ruling on the murder of two men in Dalmar.";
    assert_eq!(located_at(text, &places, "marched"), None);
}

#[test]
fn another_deed_of_the_story_keeps_its_own_place() {
    let places = [town()];
    for (text, trigger) in [
        ("The judge was shot on Monday and later died in a hospital in Kafr Tala.", "shot"),
        ("Police shot a guard who had seized the radio station in Kafr Tala.", "shot"),
    ] {
        assert_eq!(located_at(text, &places, trigger), None, "{text}");
    }
    // A trigger told in the pluperfect keeps the place of its own pluperfect clause.
    let text = "The rebels had captured the depot and had stormed the market in Kafr Tala.";
    assert_eq!(located_at(text, &places, "captured").as_deref(), Some("Kafr Tala"));
}

#[test]
fn a_place_in_a_trailing_attribution_is_the_source_s() {
    let places = [town()];
    let text = "The bomb was detonated by a timer, according to officials of the Kafr Tala district.";
    assert_eq!(located_at(text, &places, "detonated"), None);
}

#[test]
fn a_country_that_is_patrolled_is_where_the_patrol_was() {
    // "X is (still) patrolled by": a country the actor stage reads as its state is still the
    // place when it is the passive subject of a verb whose object is ground.
    let text = "Norland is still patrolled by foreign peacekeepers.";
    let mut m = place_mentions(text, &[norland()]);
    let span = find_exact(text, "Norland")[0];
    m.actors.push(ActorIn {
        span,
        actor: ActorRef { name: "Norland".into(), country: Some("NOR".into()), ..Default::default() },
        kind: ActorKind::Name,
    });
    let m = m.sorted();
    let doc = analyze(text);
    let trig = find_exact(text, "patrolled")[0];
    let loc = extractor()
        .locate(&Report::new("t", text), &doc, &m, trig)
        .filter(|l| l.score >= sitrep_events::extract::MIN_LOCATION_SCORE);
    assert_eq!(loc.map(|l| l.place.name).as_deref(), Some("Norland"));
}

// session 8: roles and modality

fn alliance() -> A {
    actor("the Eastern Alliance", "Eastern Alliance", "XXB", "MIL")
}

fn events_at<'a>(out: &'a Output, trigger: &str) -> Vec<&'a sitrep_model::record::EventRecord> {
    out.events.iter().filter(|e| e.trigger.text == trigger).collect()
}

fn names(v: &[ActorRef]) -> Vec<String> {
    v.iter().map(|a| a.name.clone()).collect()
}

#[test]
fn a_source_named_twice_is_attributed_once() {
    // The long name and its initials in brackets are one source.
    let text = "Fighters loyal to the Coastal Union (CU) said on Monday they repelled an attack near Kafr Tala.";
    let cu = || group("Coastal Union", "Coastal Union", "REB");
    let initials = group("CU", "Coastal Union", "REB");
    let out = run(text, &[cu(), initials], &[town()]);
    let e = only(&out, "repelled an attack");
    assert_eq!(names(&e.attributed_to), vec!["Coastal Union"], "{:?}", e.attributed_to);
    // A dateline before the speaker is no source, nor is the word before it.
    let text = "KAFR TALA, June 3 (Newswire) - Units loyal to the Coastal Union said they repelled an attack.";
    let out = run(text, &[cu()], &[town()]);
    let e = only(&out, "repelled an attack");
    assert_eq!(names(&e.attributed_to), vec!["Coastal Union"], "{:?}", e.attributed_to);
    assert_eq!(names(&e.actor1), vec!["Coastal Union"]);
}

#[test]
fn meeting_resistance_is_no_meeting() {
    let text = "The national army advanced without meeting resistance towards Kafr Tala.";
    let out = run(text, &[army()], &[town()]);
    assert!(out.events.iter().all(|e| e.plover.as_ref().is_none_or(|p| p.event != "CONSULT")), "{:?}", out.events);
    let text = "Rebel columns met stiff resistance outside Kafr Tala.";
    let out = run(text, &[rebels()], &[town()]);
    assert!(out.events.iter().all(|e| e.plover.as_ref().is_none_or(|p| p.event != "CONSULT")), "{:?}", out.events);
}

#[test]
fn between_x_and_y_names_both_sides() {
    let text = "Fighting between the national army and the Northern Front was reported near Kafr Tala.";
    let out = run(text, &[army(), rebels()], &[town()]);
    let e = only(&out, "Fighting");
    assert_eq!(names(&e.actor1), vec!["National Army"]);
    assert_eq!(names(&e.actor2), vec!["Northern Front"]);
    // A passive report names no source before it.
    assert_eq!(e.modality, Modality::Reported);
    assert!(e.attributed_to.is_empty(), "{:?}", e.attributed_to);
}

#[test]
fn a_verb_joined_by_and_keeps_the_first_verbs_subject() {
    let envoy = actor("the envoy", "Envoy", "XXC", "IGO");
    let text = "The envoy met the Northern Front in Kafr Tala and urged them to accept a truce.";
    let out = run(text, &[envoy, rebels()], &[town()]);
    assert_eq!(names(&only(&out, "urged").actor1), vec!["Envoy"]);
    // Joined to a verb of saying, the speaker: "X said ... and warned Y".
    let text = "The national army said it had repelled an attack and warned the Northern Front against new raids.";
    let out = run(text, &[army(), rebels()], &[town()]);
    assert_eq!(names(&only(&out, "warned").actor1), vec!["National Army"]);
}

#[test]
fn the_speaker_is_the_source_not_the_actor() {
    // A verb after the verb of saying has a subject of its own.
    let officials = || actor("army officials", "Army officials", "XXA", "MIL");
    let text = "Army officials said about 2,000 people fled Kafr Tala on Friday.";
    let out = run(text, &[officials()], &[town()]);
    let e = only(&out, "fled");
    assert!(e.actor1.is_empty(), "{:?}", e.actor1);
    assert_eq!(names(&e.attributed_to), vec!["Army officials"]);
    assert_eq!(e.modality, Modality::Reported);
    // A monitor that tells of fighting is no party to it; an armed party mostly is (a claim).
    let monitor = actor("the monitor", "Monitor", "XXC", "NGO");
    let text = "The monitor said clashes erupted near Kafr Tala.";
    let out = run(text, &[monitor], &[town()]);
    assert!(only(&out, "clashes").actor1.is_empty());
    // A weapon brought down is one event, no attack; the side that tells it brought it down.
    let text = "Army officials said the rocket was intercepted over Kafr Tala.";
    let out = run(text, &[officials()], &[town()]);
    let e = only(&out, "rocket was intercepted");
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Disrupted weapons use");
    assert_eq!(e.modality, Modality::Claimed);
    assert_eq!(out.events.len(), 1, "one event: {:?}", out.events);

    let agency = actor("the relief agency", "Relief agency", "XXC", "NGO");
    let text = "The relief agency warns that up to 50,000 people could flee Kafr Tala.";
    let out = run(text, &[agency], &[town()]);
    let e = only(&out, "flee");
    assert!(e.actor1.is_empty(), "{:?}", e.actor1);
    assert_eq!(names(&e.attributed_to), vec!["Relief agency"]);
    assert_eq!(e.modality, Modality::Hypothetical);

    // A pronoun after the verb of saying is the speaker's ("said it would"), and so are "his troops".
    let text = "The Eastern Alliance said it would send 3,000 troops to Kafr Tala.";
    let out = run(text, &[alliance()], &[town()]);
    let e = only(&out, "send 3,000 troops");
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Change to group/activity");
    assert_eq!(names(&e.actor1), vec!["Eastern Alliance"]);
    assert_eq!(e.modality, Modality::Forecast);
    assert!(e.actor2.is_empty(), "a destination is no target: {:?}", e.actor2);
}

#[test]
fn a_trailing_speaker_of_the_actors_side_makes_a_claim() {
    let ministry = actor("the defence ministry", "Defence ministry", "XXA", "MIL");
    let text =
        "Jets of the national army bombed Northern Front positions near Kafr Tala, the defence ministry claimed.";
    let out = run(text, &[army(), rebels(), ministry], &[town()]);
    let e = only(&out, "bombed");
    assert_eq!(names(&e.attributed_to), vec!["Defence ministry"]);
    assert_eq!(e.modality, Modality::Claimed);
}

#[test]
fn a_phrase_between_subject_and_verb_is_skipped() {
    let text =
        "The national army, which the Eastern Alliance supports, launched an offensive against the Northern Front.";
    let out = run(text, &[army(), alliance(), rebels()], &[town()]);
    let e = only(&out, "offensive");
    assert_eq!(names(&e.actor1), vec!["National Army"]);
    assert_eq!(names(&e.actor2), vec!["Northern Front"]);
    let text = "The national army, backed by Eastern Alliance air power, launched an offensive on Kafr Tala.";
    let out = run(
        text,
        &[army(), A("Eastern Alliance", "Eastern Alliance", Some("XXB"), Some("MIL"), ActorKind::Name)],
        &[town()],
    );
    assert_eq!(names(&only(&out, "offensive").actor1), vec!["National Army"]);
}

#[test]
fn forces_loyal_to_x_are_x_and_an_attack_by_x_is_x_s() {
    let text = "Forces loyal to the Eastern Alliance captured Kafr Tala on Sunday.";
    let out = run(text, &[alliance()], &[town()]);
    assert_eq!(names(&only(&out, "captured").actor1), vec!["Eastern Alliance"]);
    let text = "Residents of Kafr Tala fear an attack by the Northern Front.";
    let out = run(text, &[rebels()], &[town()]);
    assert_eq!(names(&only(&out, "attack").actor1), vec!["Northern Front"]);
}

#[test]
fn what_was_evaded_did_not_happen() {
    let text = "The Northern Front commander evaded capture by the national army in Kafr Tala.";
    let out = run(text, &[army(), rebels()], &[town()]);
    for e in events_at(&out, "capture") {
        assert_eq!(e.modality, Modality::Negated);
    }
    assert!(out.controls.is_empty(), "{:?}", out.controls);
}

#[test]
fn a_capitalized_may_in_a_dateline_is_the_month() {
    let text = "KAFR TALA, May 22 - The national army shelled positions of the Northern Front.";
    let out = run(text, &[army(), rebels()], &[town()]);
    assert_eq!(only(&out, "shelled").modality, Modality::Asserted);
    let text = "The national army may shell positions of the Northern Front.";
    let out = run(text, &[army(), rebels()], &[town()]);
    assert_eq!(only(&out, "shell").modality, Modality::Hypothetical);
}

#[test]
fn each_listed_object_of_a_capture_is_an_event_and_an_unknown_one_holds_no_control() {
    let text = "The Northern Front captured Kafr Tala and Tell Brak on Sunday.";
    let out = run(text, &[rebels()], &[town()]);
    let caps = events_at(&out, "captured");
    let at: Vec<_> = caps.iter().map(|e| e.place.as_ref().and_then(|p| p.text.clone())).collect();
    assert_eq!(at, vec![Some("Kafr Tala".to_string()), Some("Tell Brak".to_string())], "{caps:?}");
    // The name the gazetteer lacks borrows the coordinates of the place listed with it.
    let second = caps[1].place.as_ref().unwrap();
    assert_eq!((second.geonameid, second.precision), (Some(100), 2));
    assert_eq!(out.controls.len(), 1, "{:?}", out.controls);
    assert_eq!(out.controls[0].place.geonameid, Some(100));
    // Not a person, a day or what the subject did next.
    for tail in ["and killed three fighters", "and Monday", "and the Northern Front said"] {
        let text = format!("The national army captured Kafr Tala {tail}.");
        let out = run(&text, &[army(), rebels()], &[town()]);
        assert_eq!(events_at(&out, "captured").len(), 1, "{tail}: {:?}", out.events);
    }
}

#[test]
fn sources_are_who_speaks_not_names_inside_other_words() {
    // A modifier before the speaker is no second source.
    let text = "The al-Qaeda-linked Coastal Union claimed responsibility for the attack on Kafr Tala.";
    let out =
        run(text, &[group("al-Qaeda", "al-Qaeda", "REB"), group("Coastal Union", "Coastal Union", "REB")], &[town()]);
    assert_eq!(names(&only(&out, "attack").attributed_to), vec!["Coastal Union"]);
    // "States" of "the United States" is no verb of saying.
    let us = actor("the United States", "United States", "USA", "GOV");
    let text = "The United States, which brokered a truce in Kafr Tala, urged both sides to talk.";
    let out = run(text, &[us], &[town()]);
    let e = only(&out, "urged");
    assert_eq!((e.modality, e.attributed_to.len()), (Modality::Asserted, 0), "{:?}", e.attributed_to);
    // A denial is the denier's; "reports" after a verb is a noun.
    let text = "The national army denied reports that its troops had withdrawn from Kafr Tala.";
    let out = run(text, &[army()], &[town()]);
    let e = only(&out, "withdrawn from");
    assert_eq!(e.modality, Modality::Negated);
    assert_eq!(names(&e.attributed_to), vec!["National Army"]);
    let text = "Reports of heavy fighting in Kafr Tala could not be confirmed.";
    let out = run(text, &[], &[town()]);
    assert!(matches!(only(&out, "fighting").modality, Modality::Reported | Modality::Disputed));
}

#[test]
fn a_cue_does_not_reach_into_what_a_verb_of_saying_tells() {
    let text = "The Northern Front denied the claim and said its fighters had repelled all attacks on Kafr Tala.";
    let out = run(text, &[rebels()], &[town()]);
    let e = only(&out, "repelled all attacks");
    assert_eq!(e.modality, Modality::Claimed);
}

#[test]
fn claims_that_cannot_be_verified_and_imminent_attacks() {
    let text =
        "The national army said it had taken control of Kafr Tala, a claim that could not be independently verified.";
    let out = run(text, &[army()], &[town()]);
    assert_eq!(only(&out, "taken control of").modality, Modality::Disputed);
    let text = "Residents of Kafr Tala fear an imminent assault by the Northern Front.";
    let out = run(text, &[rebels()], &[town()]);
    let e = only(&out, "assault");
    assert_eq!(e.modality, Modality::Forecast);
    assert_eq!(names(&e.actor1), vec!["Northern Front"]);
}

#[test]
fn an_actor_naming_a_border_or_after_a_place_word_is_no_target() {
    let norland = actor("Norland", "Norland", "NOR", "GOV");
    let text = "The Northern Front seized Kafr Tala near the Norland border.";
    let out = run(text, &[rebels(), norland], &[town()]);
    assert!(only(&out, "seized").actor2.is_empty());
}

#[test]
fn a_heading_before_a_colon_is_no_subject_and_institutions_speak() {
    let norland = actor("Norland", "Norland", "NOR", "GOV");
    let text = "Norland: Rebel columns are expected to launch an assault on Kafr Tala.";
    let out = run(text, &[norland], &[town()]);
    let e = only(&out, "assault");
    assert!(e.actor1.is_empty(), "{:?}", e.actor1);
    assert_eq!(e.modality, Modality::Forecast);
    let text = "Clashes between rival gangs in Kafr Tala left three dead, the health ministry said.";
    let out = run(text, &[], &[town()]);
    assert_eq!(names(&only(&out, "Clashes").attributed_to), vec!["health ministry"]);
    // Reports of a later event make it hearsay, not an event told before them.
    let text = "Shelling of Kafr Tala went on amid reports of an impending assault.";
    let out = run(text, &[], &[town()]);
    assert_eq!(only(&out, "Shelling").modality, Modality::Asserted);
    assert!(matches!(only(&out, "assault").modality, Modality::Reported | Modality::Forecast));
}

#[test]
fn a_modal_after_an_event_noun_puts_it_ahead_and_a_speakers_own_forces_claim() {
    let text = "Talks on a prisoner exchange in Kafr Tala could resume next week.";
    let out = run(text, &[], &[town()]);
    assert_eq!(only(&out, "Talks").modality, Modality::Hypothetical);
    let text = "An offensive on Kafr Tala will begin within days.";
    let out = run(text, &[], &[town()]);
    assert_eq!(only(&out, "offensive").modality, Modality::Forecast);
    // Not one that ends, nor what a definite one brings about.
    let text = "The shelling of Kafr Tala would cease at noon.";
    let out = run(text, &[], &[town()]);
    assert_eq!(only(&out, "shelling").modality, Modality::Asserted);
    let text = "The truce in Kafr Tala will allow aid convoys to enter.";
    let out = run(text, &[], &[town()]);
    assert_eq!(only(&out, "truce").modality, Modality::Asserted);
    // "The group said its fighters had carried out the attack": a claim.
    let fighters = group("its fighters", "fighters", "REB");
    let text = "The Northern Front said its fighters had carried out the attack on Kafr Tala.";
    let out = run(text, &[rebels(), fighters], &[town()]);
    assert_eq!(only(&out, "attack").modality, Modality::Claimed);
    // Storming a building is an attack, no capture of the town it stands in.
    let text = "Gunmen of the Northern Front stormed a hotel in Kafr Tala.";
    let out = run(text, &[rebels()], &[town()]);
    assert_eq!(only(&out, "stormed a hotel").acled.as_ref().unwrap().sub_event_type, "Attack");
    assert!(out.controls.is_empty(), "{:?}", out.controls);
}

#[test]
fn an_institution_resolved_to_fighters_is_still_the_institution() {
    // The actor stage may resolve "the defence ministry" to the fighters named before it.
    let ministry = A("the defence ministry", "militants", None, Some("REB"), ActorKind::Definite);
    let text = "Army jets bombed positions near Kafr Tala, killing 30 militants, the defence ministry said.";
    let out = run(text, &[group("militants", "militants", "REB"), ministry], &[town()]);
    let e = only(&out, "jets bombed");
    assert_eq!(names(&e.attributed_to), vec!["defence ministry"]);
}

#[test]
fn a_place_only_inherited_holds_no_control_and_a_confirmed_gain_is_no_source() {
    let text = "Columns of the Northern Front gathered outside Kafr Tala on Monday. On Tuesday the Northern Front captured several positions.";
    let out = run(text, &[rebels()], &[town()]);
    let caps = events_at(&out, "captured");
    assert_eq!(caps.len(), 1, "{:?}", out.events);
    assert_eq!(caps[0].place.as_ref().map(|p| p.name.as_str()), Some("Kafr Tala"), "the story's place");
    assert!(out.controls.is_empty(), "{:?}", out.controls);
    let text = "The national army continued its offensive near Kafr Tala but made no confirmed gains.";
    let out = run(text, &[army()], &[town()]);
    let e = only(&out, "offensive");
    assert_eq!((e.modality, e.attributed_to.len()), (Modality::Asserted, 0));
}

// session 8: location

#[test]
fn a_race_a_round_or_a_film_language_is_no_conflict_reading() {
    let places = [town()];
    for (text, trigger) in [
        ("Our youngest racer captured Sunday's downhill at Kafr Tala by a second.", "captured"),
        ("The veteran captured the first round of the vote in Kafr Tala.", "captured"),
        ("The driver captured his third race of the year at Kafr Tala.", "captured"),
        ("The series is being shot in Arabic and English near Kafr Tala.", "shot"),
    ] {
        assert_eq!(located_at(text, &places, trigger), None, "{text}");
    }
    // The conflict readings keep their place.
    let text = "Rebels captured the second checkpoint of the army at Kafr Tala.";
    assert_eq!(located_at(text, &places, "captured").as_deref(), Some("Kafr Tala"));
}

#[test]
fn a_downed_aircraft_is_no_place() {
    // A gazetteer name that is also an aircraft's.
    let places = [town(), ("Puma", "Puma", 700, PlaceLevel::Point)];
    for text in [
        "Insurgents shot down a Puma transport helicopter on Sunday.",
        "Officials believe the Puma was shot down by a missile.",
    ] {
        assert_eq!(located_at(text, &places, "shot"), None, "{text}");
    }
    // A place in the aircraft's description is still a place.
    let text = "A cargo plane that had brought aid for the peacekeepers in Kafr Tala was shot down on Sunday.";
    assert_eq!(located_at(text, &places, "shot").as_deref(), Some("Kafr Tala"));
}

#[test]
fn a_place_before_a_person_noun_describes_the_person() {
    let places = [town(), umm_sahl()];
    let text = "Most of the dead were shot at close range, said a Kafr Tala officer.";
    assert_eq!(located_at(text, &places, "shot"), None);
    let text = "Gunmen killed a Kafr Tala policeman at a checkpoint in Umm Sahl.";
    assert_eq!(located_at(text, &places, "killed").as_deref(), Some("Umm Sahl"));
}

#[test]
fn a_one_word_name_after_an_article_is_a_person() {
    let places = [town(), ("Wend", "Wend", 710, PlaceLevel::Point)];
    let text = "The hostages seized on Sunday included two Germans, a Wend and a Pole.";
    assert_eq!(located_at(text, &places, "seized"), None);
    let text = "Police shot a man who planned to attack a shop owned by a Wend in Kafr Tala.";
    assert_eq!(located_at(text, &places, "attack").as_deref(), Some("Kafr Tala"));
    // A name that modifies a noun is still a place.
    let text = "Gunmen attacked a Wend hotel on Sunday.";
    assert_eq!(located_at(text, &places, "attacked").as_deref(), Some("Wend"));
}

#[test]
fn a_one_word_passive_subject_or_speaker_is_a_person() {
    let places = [town(), ("Haddad", "Haddad", 720, PlaceLevel::Point)];
    let text = "Haddad was captured by the army in 2019 after a long manhunt.";
    assert_eq!(located_at(text, &places, "captured"), None);
    let text = "Several of the victims had been shot in the back, Haddad told reporters.";
    assert_eq!(located_at(text, &places, "shot"), None);
    // A place named with its town noun is the place.
    let text = "The town of Kafr Tala was captured by the army in 2019.";
    assert_eq!(located_at(text, &places, "captured").as_deref(), Some("Kafr Tala"));
    // After a verb whose object is only ground, one word stays the place.
    let text = "Haddad was liberated by the army in 2019 after a long siege.";
    assert_eq!(located_at(text, &places, "liberated").as_deref(), Some("Haddad"));
}

#[test]
fn the_clause_place_outranks_the_scene_set_before_the_comma() {
    let places = [town(), umm_sahl()];
    let text = "In Umm Sahl, six civilians were killed by a roadside bomb on Friday in Kafr Tala.";
    assert_eq!(located_at(text, &places, "killed").as_deref(), Some("Kafr Tala"));
    // With no place of its own, the clause keeps the scene.
    let text = "In Umm Sahl, six civilians were killed by a roadside bomb on Friday.";
    assert_eq!(located_at(text, &places, "killed").as_deref(), Some("Umm Sahl"));
}

#[test]
fn a_place_describing_a_later_destination_is_not_the_event_place() {
    let places = [town(), umm_sahl()];
    let text = "The smuggler was captured at night and sent to a detention centre east of Kafr Tala.";
    assert_eq!(located_at(text, &places, "captured"), None);
    let text = "The smuggler was captured in Umm Sahl and sent to a detention centre east of Kafr Tala.";
    assert_eq!(located_at(text, &places, "captured").as_deref(), Some("Umm Sahl"));
}

#[test]
fn a_local_government_area_and_a_regional_capital_name_their_container_second() {
    let places = [town(), ("Umm Sahl State", "Umm Sahl", 201, PlaceLevel::Region)];
    let text = "Gunmen raided two villages of Kafr Tala local government area in Umm Sahl State, killing nine.";
    assert_eq!(located_at(text, &places, "raided").as_deref(), Some("Kafr Tala"));
    let places = [town(), ("Umm Sahl", "Umm Sahl", 201, PlaceLevel::Region)];
    let text = "Gunmen shot a cleric inside a mosque in Umm Sahl regional capital of Kafr Tala on Monday.";
    assert_eq!(located_at(text, &places, "shot").as_deref(), Some("Kafr Tala"));
}

#[test]
fn a_name_inside_a_quoted_title_is_no_place() {
    let places = [town()];
    let text = "This spring the director is shooting \"Love and Kafr Tala\", a drama about two brothers.";
    assert_eq!(located_at(text, &places, "shooting"), None);
    // Quoted speech keeps its place.
    let text = "\"The rebels shelled Kafr Tala at dawn,\" a resident said.";
    assert_eq!(located_at(text, &places, "shelled").as_deref(), Some("Kafr Tala"));
}

// session 8: coordinator

#[test]
fn a_wire_dateline_yields_to_a_place_of_the_sentence() {
    let places = [town(), ("UMM SAHL", "Umm Sahl", 200, PlaceLevel::Point)];
    let text = "UMM SAHL, May 4 (Desk) - Kafr Tala was liberated by the national army on Sunday.";
    assert_eq!(located_at(text, &places, "liberated").as_deref(), Some("Kafr Tala"));
    // A place of the sentence after the trigger wins as before.
    let text = "UMM SAHL, May 4 (Desk) - The national army shelled rebel positions near Kafr Tala.";
    assert_eq!(located_at(text, &places, "shelled").as_deref(), Some("Kafr Tala"));
}

#[test]
fn a_place_naming_a_cartel_or_a_gang_is_no_location() {
    let places = [town(), umm_sahl()];
    let text = "Marines captured a commander of the Umm Sahl cartel on Sunday.";
    assert_eq!(located_at(text, &places, "captured"), None);
    let text = "Marines captured a commander of the Umm Sahl cartel in Kafr Tala on Sunday.";
    assert_eq!(located_at(text, &places, "captured").as_deref(), Some("Kafr Tala"));
}
