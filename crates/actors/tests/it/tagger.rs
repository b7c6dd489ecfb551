//! Tagger tests with sentences written for this project.

use chrono::NaiveDate;
use sitrep_actors::{ActorMention, ActorTagger, MentionKind, RelationKind};
use sitrep_model::Doc;
use std::sync::OnceLock;

fn tagger() -> &'static ActorTagger {
    static T: OnceLock<ActorTagger> = OnceLock::new();
    T.get_or_init(|| ActorTagger::embedded().expect("embedded lexicon is valid"))
}

fn tag(text: &str) -> Vec<ActorMention> {
    tagger().tag(&Doc::new(text), None)
}

fn tag_on(text: &str, y: i32, m: u32, d: u32) -> Vec<ActorMention> {
    tagger().tag(&Doc::new(text), NaiveDate::from_ymd_opt(y, m, d))
}

/// The mention whose text is exactly `s`.
fn find<'a>(ms: &'a [ActorMention], text: &str, s: &str) -> &'a ActorMention {
    ms.iter().find(|m| m.span.of(text) == s).unwrap_or_else(|| {
        let all: Vec<String> = ms.iter().map(|m| format!("{:?}", m.span.of(text))).collect();
        panic!("no mention {s:?} in {all:?}")
    })
}

fn cs(m: &ActorMention) -> (Option<&str>, Option<&str>) {
    (m.actor.country.as_deref(), m.actor.sector.as_deref())
}

#[test]
fn embedded_lexicon_loads() {
    let t = tagger();
    assert!(t.lookup("SAA").is_some());
}

#[test]
fn lexicon_aliases_and_spelling_variants() {
    let text = "Fighters of Hizballah and the Hezbollah movement joined the SAA, while Daesh and ISIL \
                retreated. Hay'at Tahrir al-Sham and Hayat Tahrir al Sham are the same group, and so are \
                al-Qaeda and Al Qaida.";
    let ms = tag(text);
    for (s, id) in [
        ("Hizballah", "LBN-HEZBOLLAH"),
        ("Hezbollah movement", "LBN-HEZBOLLAH"),
        ("SAA", "SYR-SAA"),
        ("Daesh", "ISIL"),
        ("ISIL", "ISIL"),
        ("Hay'at Tahrir al-Sham", "HTS"),
        ("Hayat Tahrir al Sham", "HTS"),
        ("al-Qaeda", "AQ"),
        ("Al Qaida", "AQ"),
    ] {
        assert_eq!(find(&ms, text, s).actor.id.as_deref(), Some(id), "{s}");
        assert_eq!(find(&ms, text, s).kind, MentionKind::Lexicon);
    }
    let isil = find(&ms, text, "ISIL");
    assert_eq!(cs(isil), (None, Some("REB")));
    assert_eq!(isil.actor.wikidata.as_deref(), Some("Q2429253"));
}

#[test]
fn acronyms_match_only_in_capitals() {
    let text = "It is clear to us that IS fighters left.";
    let ms = tag(text);
    assert!(ms.iter().all(|m| m.span.of(text) != "is" && m.span.of(text) != "us"));
    assert_eq!(find(&ms, text, "IS fighters").actor.id.as_deref(), Some("ISIL"));
}

#[test]
fn composition_country_and_force_or_government_noun() {
    let text = "Jordanian government troops and Turkish forces moved north while the Russian air force \
                bombed the hills. The Egyptian state and the Libyan government issued statements. \
                Lebanese government forces stayed put.";
    let ms = tag(text);
    let check = |s: &str, c: &str, sec: &str| {
        let m = find(&ms, text, s);
        assert_eq!(cs(m), (Some(c), Some(sec)), "{s}");
        assert_eq!(m.kind, MentionKind::Composed, "{s}");
    };
    check("Jordanian government troops", "JOR", "MIL");
    check("Turkish forces", "TUR", "MIL");
    check("Russian air force", "RUS", "MIL");
    check("Egyptian state", "EGY", "GOV");
    check("Libyan government", "LBY", "GOV");
    check("Lebanese government forces", "LBN", "MIL");
}

#[test]
fn two_countries_share_one_head() {
    let text = "The Jordanian and Egyptian troops held a joint drill.";
    let ms = tag(text);
    let mut got: Vec<_> = ms.iter().filter(|m| m.span.of(text).contains("troops")).map(cs).collect();
    got.sort();
    assert_eq!(got, vec![(Some("EGY"), Some("MIL")), (Some("JOR"), Some("MIL"))]);
}

#[test]
fn adjective_before_a_named_actor_keeps_the_actor() {
    let text = "Lebanese Hizbullah sent more men, and Iraqi Kurds protested.";
    let ms = tag(text);
    assert_eq!(find(&ms, text, "Lebanese Hizbullah").actor.id.as_deref(), Some("LBN-HEZBOLLAH"));
    let kurds = find(&ms, text, "Iraqi Kurds");
    assert_eq!(cs(kurds), (Some("IRQ"), Some("CVL")));
}

#[test]
fn kurdish_is_a_group_not_a_country() {
    let text = "Kurdish forces withdrew from the dam.";
    let ms = tag(text);
    let m = find(&ms, text, "Kurdish forces");
    assert_eq!(cs(m), (None, Some("REB")));
}

#[test]
fn proxies_have_a_backer_and_no_country() {
    let text = "U.S.-backed forces entered the town after Iranian proxy militias left.";
    let ms = tag(text);
    let us = find(&ms, text, "U.S.-backed forces");
    assert_eq!(cs(us), (None, Some("REB")));
    assert_eq!(us.actor.backer.as_deref(), Some("USA"));
    let ir = find(&ms, text, "Iranian proxy militias");
    assert_eq!(ir.actor.backer.as_deref(), Some("IRN"));
    assert_eq!(ir.actor.country, None);
}

#[test]
fn officials_by_title() {
    let text = "A senior Russian intelligence official met a high-ranking CIA officer, and the Iraqi prime \
                minister spoke to Jordanian Foreign Minister Ayman Safadi.";
    let ms = tag(text);
    let spy = find(&ms, text, "senior Russian intelligence official");
    assert_eq!(spy.kind, MentionKind::Official);
    assert_eq!(cs(spy), (Some("RUS"), Some("SPY")));
    let cia = find(&ms, text, "high-ranking CIA officer");
    assert_eq!(cia.actor.id.as_deref(), Some("USA-CIA"));
    assert_eq!(cs(cia), (Some("USA"), Some("SPY")));
    let pm = find(&ms, text, "Iraqi prime minister");
    assert_eq!(cs(pm), (Some("IRQ"), Some("GOV")));
    let fm = find(&ms, text, "Jordanian Foreign Minister Ayman Safadi");
    assert_eq!(cs(fm), (Some("JOR"), Some("GOV")));
}

#[test]
fn possessive_country_with_title() {
    let text = "Ukraine's defence minister visited the front.";
    let ms = tag(text);
    assert_eq!(cs(find(&ms, text, "Ukraine's defence minister")), (Some("UKR"), Some("MIL")));
}

#[test]
fn pronoun_they_prefers_the_subject_over_objects_of_against() {
    let text = "Egyptian soldiers defended the airport against Boko Haram and against ISIS. They held it for a year.";
    let ms = tag(text);
    let they = find(&ms, text, "They");
    assert_eq!(they.kind, MentionKind::Pronoun);
    let ante = &ms[they.antecedent.expect("resolved")];
    assert_eq!(ante.span.of(text), "Egyptian soldiers");
    assert_eq!(cs(they), (Some("EGY"), Some("MIL")));
}

#[test]
fn pronoun_it_prefers_a_government_and_skips_expletives() {
    let text = "The Lebanese government closed the border. It says the measure is temporary. \
                It seems unlikely to last.";
    let ms = tag(text);
    let its: Vec<&ActorMention> = ms.iter().filter(|m| m.kind == MentionKind::Pronoun).collect();
    assert_eq!(its.len(), 1, "the expletive It is not a mention");
    assert_eq!(cs(its[0]), (Some("LBN"), Some("GOV")));
}

#[test]
fn definite_descriptions_link_to_antecedents() {
    let text = "Turkish troops crossed the river at dawn. These forces then shelled a village. \
                Jaysh al-Islam claimed the ambush. The group said it lost two men. \
                A senior Qatari official arrived on Monday. The official met local leaders.";
    let ms = tag(text);
    let forces = find(&ms, text, "These forces");
    assert_eq!(forces.kind, MentionKind::Definite);
    assert_eq!(ms[forces.antecedent.unwrap()].span.of(text), "Turkish troops");
    assert_eq!(cs(forces), (Some("TUR"), Some("MIL")));
    let group = find(&ms, text, "The group");
    assert_eq!(group.actor.id.as_deref(), Some("SYR-JAYSHISLAM"));
    let off = find(&ms, text, "The official");
    assert_eq!(cs(off), (Some("QAT"), Some("GOV")));
    assert_eq!(ms[off.antecedent.unwrap()].kind, MentionKind::Official);
}

#[test]
fn the_army_after_a_country_is_that_countrys_army() {
    let text = "Mali asked for help. The army needs helicopters.";
    let ms = tag(text);
    let army = find(&ms, text, "The army");
    assert_eq!(cs(army), (Some("MLI"), Some("MIL")));
}

#[test]
fn metonymy_capitals_as_speakers_are_governments() {
    let text = "Ankara warned the militia on Tuesday. Tehran reportedly rejected the plan. \
                Kyiv will not accept a ceasefire. Amman is deeply worried. Cairo wants talks with Riyadh.";
    let ms = tag(text);
    for (s, c) in
        [("Ankara", "TUR"), ("Tehran", "IRN"), ("Kyiv", "UKR"), ("Amman", "JOR"), ("Cairo", "EGY"), ("Riyadh", "SAU")]
    {
        let m = find(&ms, text, s);
        assert_eq!(m.kind, MentionKind::Metonym, "{s}");
        assert_eq!(cs(m), (Some(c), Some("GOV")), "{s}");
    }
}

#[test]
fn capitals_as_places_are_locative_country_mentions() {
    let text = "The envoy flew to Ankara and then visited Beirut on Friday.";
    let ms = tag(text);
    for s in ["Ankara", "Beirut"] {
        let m = find(&ms, text, s);
        assert!(m.locative, "{s}");
        assert_eq!(m.kind, MentionKind::Lexicon);
        assert_eq!(m.actor.sector, None);
    }
}

#[test]
fn countries_as_places_are_flagged_locative() {
    let text = "Fighting continued in Yemen. Sudan rejected the proposal.";
    let ms = tag(text);
    assert!(find(&ms, text, "Yemen").locative);
    let sudan = find(&ms, text, "Sudan");
    assert_eq!(sudan.kind, MentionKind::Metonym);
    assert_eq!(cs(sudan), (Some("SDN"), Some("GOV")));
}

#[test]
fn modifiers_are_flagged() {
    let text = "The SDF advance stalled near ISIS-held villages.";
    let ms = tag(text);
    assert!(find(&ms, text, "SDF").modifier);
    assert!(find(&ms, text, "ISIS").modifier);
}

#[test]
fn successor_names_follow_the_publication_date() {
    let text = "Nusra fighters attacked the checkpoint.";
    let before = tag_on(text, 2015, 6, 1);
    assert_eq!(before[0].actor.id.as_deref(), Some("NUSRA"));
    let after = tag_on(text, 2018, 6, 1);
    assert_eq!(after[0].actor.id.as_deref(), Some("HTS"));
    let undated = tag(text);
    assert_eq!(undated[0].actor.id.as_deref(), Some("NUSRA"));
}

#[test]
fn affiliations_are_available() {
    let t = tagger();
    assert!(t.affiliations("SDF").iter().any(|a| a.kind == RelationKind::LedBy && a.target == "YPG"));
    assert!(t.affiliations("SYR-TIGER").iter().any(|a| a.kind == RelationKind::PartOf && a.target == "SYR-SAA"));
}

#[test]
fn sources_are_journalists() {
    let text =
        "According to SANA and Anadolu Agency, and as Reuters and the Syrian Observatory reported, the road reopened.";
    let ms = tag(text);
    assert_eq!(cs(find(&ms, text, "SANA")), (Some("SYR"), Some("JRN")));
    assert_eq!(cs(find(&ms, text, "Anadolu Agency")), (Some("TUR"), Some("JRN")));
    assert_eq!(cs(find(&ms, text, "Reuters")), (Some("GBR"), Some("JRN")));
    assert_eq!(find(&ms, text, "Syrian Observatory").actor.id.as_deref(), Some("SOHR"));
}

#[test]
fn sahel_and_ukraine_actors() {
    let text = "JNIM ambushed a FAMa convoy near Wagner positions, while the AFU and the SBU reported drone strikes.";
    let ms = tag(text);
    assert_eq!(find(&ms, text, "JNIM").actor.country.as_deref(), Some("MLI"));
    assert_eq!(cs(find(&ms, text, "FAMa")), (Some("MLI"), Some("MIL")));
    assert_eq!(find(&ms, text, "Wagner").actor.id.as_deref(), Some("WAGNER"));
    assert_eq!(cs(find(&ms, text, "SBU")), (Some("UKR"), Some("SPY")));
}

#[test]
fn to_ref_carries_text_and_span() {
    let text = "Syrian government forces advanced.";
    let ms = tag(text);
    let r = ms[0].to_ref(text);
    assert_eq!(r.text.as_deref(), Some("Syrian government forces"));
    assert_eq!(r.country.as_deref(), Some("SYR"));
    assert_eq!(r.sector.as_deref(), Some("MIL"));
}

#[test]
fn lookup_resolves_names() {
    let t = tagger();
    assert_eq!(t.lookup("Hashd al-Shaabi").and_then(|a| a.id).as_deref(), Some("IRQ-PMF"));
    let a = t.lookup("Iraqi government troops").unwrap();
    assert_eq!((a.country.as_deref(), a.sector.as_deref()), (Some("IRQ"), Some("MIL")));
    let d = t.lookup("Damascus").unwrap();
    assert_eq!((d.country.as_deref(), d.sector.as_deref()), (Some("SYR"), Some("GOV")));
    assert!(t.lookup("the weather").is_none());
}

#[test]
fn no_panic_on_odd_input() {
    for text in [
        "",
        " ",
        "'s",
        "-",
        "They",
        "It.",
        "U.S.-",
        "pro-",
        "the the the",
        "Ünïcødé – ‘quotes’ ISIS’",
        "\u{feff}\u{200b}",
    ] {
        let _ = tag(text);
    }
}

#[test]
fn title_of_country() {
    let text = "The president of Mali met Emir Tamim of Qatar.";
    let ms = tag(text);
    assert_eq!(cs(find(&ms, text, "president of Mali")), (Some("MLI"), Some("GOV")));
    assert_eq!(cs(find(&ms, text, "Emir Tamim of Qatar")), (Some("QAT"), Some("GOV")));
}

#[test]
fn a_country_name_inside_another_name_is_not_a_mention() {
    let text = "Guests left the Grand Syria Hotel before the Palestine Square rally.";
    let ms = tag(text);
    assert!(ms.iter().all(|m| m.span.of(text) != "Syria"), "{ms:?}");
}

#[test]
fn its_forces_belong_to_the_organisation_in_the_same_sentence() {
    let text = "The PYD said its security forces arrested two men.";
    let ms = tag(text);
    let f = find(&ms, text, "its security forces");
    assert_eq!(f.actor.id.as_deref(), Some("PYD"));
}

#[test]
fn pro_country_forces_are_proxies() {
    let text = "Pro-Turkish Syrian rebels shelled the road. Pro-Russian separatists held the town.";
    let ms = tag(text);
    let r = find(&ms, text, "Pro-Turkish Syrian rebels");
    assert_eq!(cs(r), (Some("SYR"), Some("REB")));
    assert_eq!(r.actor.backer.as_deref(), Some("TUR"));
    let s = find(&ms, text, "Pro-Russian separatists");
    assert_eq!(s.actor.backer.as_deref(), Some("RUS"));
}

#[test]
fn force_noun_before_a_person_head_sets_the_sector() {
    let text = "Two Jordanian border police officers and a Jordanian army officer were hurt.";
    let ms = tag(text);
    assert_eq!(cs(find(&ms, text, "Jordanian border police officers")), (Some("JOR"), Some("COP")));
    assert_eq!(cs(find(&ms, text, "Jordanian army officer")), (Some("JOR"), Some("MIL")));
}

#[test]
fn a_persons_forces_are_the_countrys_and_pro_person_militias_are_proxies() {
    let text = "Putin's troops crossed the river. Pro-Assad militias held the ridge.";
    let ms = tag(text);
    assert_eq!(cs(find(&ms, text, "Putin's troops")), (Some("RUS"), Some("MIL")));
    let p = find(&ms, text, "Pro-Assad militias");
    assert_eq!(p.actor.backer.as_deref(), Some("SYR"));
    assert_eq!(p.actor.country, None);
}

#[test]
fn regime_forces_without_a_country_belong_to_the_government_named_before() {
    let text = "Damascus rejected the truce, blaming Jordan. Regime forces then shelled the town.";
    let ms = tag(text);
    let r = find(&ms, text, "Regime forces");
    assert_eq!(r.kind, MentionKind::Definite);
    assert_eq!(cs(r), (Some("SYR"), Some("MIL")));
}

#[test]
fn object_pronoun_prefers_the_previous_sentence() {
    let text = "Houthi rebels fired at the ships. Saudi jets bombed them at night.";
    let ms = tag(text);
    let them = find(&ms, text, "them");
    assert_eq!(them.actor.id.as_deref(), Some("HOUTHIS"));
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "Syrian",
        "government",
        "forces",
        "They",
        "it",
        "the",
        "group",
        "Damascus",
        "demands",
        "U.S.",
        "-",
        "backed",
        "pro",
        "Iraq's",
        "'s",
        "’",
        "ISIS",
        "al-",
        "Qaeda",
        "and",
        ",",
        ".",
        "\n\n",
        "of",
        "Mali",
        "official",
        "senior",
        "é",
        "Hizb",
        "Allah",
        "these",
        "its",
        "fighters",
        "President",
        "Kurdish",
        "Kurds",
        "“",
        "”",
        "(",
        ")",
        "IS",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn never_panics_and_spans_are_valid(idx in proptest::collection::vec(0..PIECES.len(), 0..40), sp in proptest::collection::vec(any::<bool>(), 40)) {
            let mut text = String::new();
            for (k, i) in idx.iter().enumerate() {
                text.push_str(PIECES[*i]);
                if sp[k] { text.push(' '); }
            }
            let ms = tag(&text);
            for (k, m) in ms.iter().enumerate() {
                prop_assert!(m.span.start <= m.span.end && m.span.end <= text.len());
                prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
                if let Some(a) = m.antecedent {
                    prop_assert!(a < k);
                }
            }
        }
    }
}

#[test]
fn regime_forces_in_a_report_about_one_country() {
    let text = "Fighting flared in Syria again. Regime soldiers shelled two villages.\n\nLater, Syria's state media said the strikes hit militants.";
    let ms = tag(text);
    assert_eq!(cs(find(&ms, text, "Regime soldiers")), (Some("SYR"), Some("MIL")));
}

#[test]
fn compound_adjectives_are_not_heads() {
    let text = "Mortars hit the rebel-held town and the army base.";
    let ms = tag(text);
    assert!(ms.iter().all(|m| !matches!(m.span.of(text), "the rebel" | "the army")), "{ms:?}");
}

#[test]
fn a_title_without_a_country_takes_the_reports_country() {
    let text = "President Amadou Sangare addressed the nation. Burkina Faso has left the regional bloc.";
    let ms = tag(text);
    assert_eq!(cs(find(&ms, text, "President Amadou Sangare")), (Some("BFA"), Some("GOV")));
    let two = "President Amadou Sangare met envoys from Mali and Niger.";
    let ms = tag(two);
    assert_eq!(find(&ms, two, "President Amadou Sangare").actor.country, None, "two countries: unknown");
}

#[test]
fn conjoined_capitals_share_the_verb() {
    let text = "Washington and Moscow agreed on a new channel.";
    let ms = tag(text);
    for s in ["Washington", "Moscow"] {
        assert_eq!(find(&ms, text, s).kind, MentionKind::Metonym, "{s}");
    }
}

#[test]
fn names_with_numbers_need_the_number() {
    let text = "Deir Ezzor 24 said fighting reached Deir Ezzor. The 4th Division moved in.";
    let ms = tag(text);
    assert_eq!(find(&ms, text, "Deir Ezzor 24").actor.id.as_deref(), Some("DEZ24"));
    assert!(ms.iter().all(|m| m.span.of(text) != "Deir Ezzor"));
    assert_eq!(find(&ms, text, "4th Division").actor.id.as_deref(), Some("SYR-4DIV"));
}

#[test]
fn a_head_noun_followed_by_another_noun_is_not_a_mention() {
    let text = "Turnout in the general election was low, and the court case was adjourned. The court ruled later.";
    let ms = tag(text);
    assert!(ms.iter().all(|m| !matches!(m.span.of(text), "the general" | "the court")), "{ms:?}");
    assert_eq!(find(&ms, text, "The court").kind, MentionKind::Definite);
}

#[test]
fn the_coalition_refers_to_an_actor_with_that_name() {
    let text = "The Saudi-led coalition bombed a port. Later the coalition denied it. The front line held.";
    let ms = tag(text);
    let c = find(&ms, text, "the coalition");
    assert_eq!(c.kind, MentionKind::Definite);
    assert_eq!(c.actor.id.as_deref(), Some("SAU-COALITION"));
    assert!(ms.iter().all(|m| m.span.of(text) != "The front"), "no actor named front: no mention");
}

#[test]
fn capitals_asked_to_act_and_capitals_that_launch_strikes() {
    let text = "Protesters called on Ankara to withdraw. Later Paris and Rome launched air strikes. \
                The minister then flew to Cairo to sign the deal.";
    let ms = tag(text);
    for s in ["Ankara", "Paris", "Rome"] {
        assert_eq!(find(&ms, text, s).kind, MentionKind::Metonym, "{s}");
    }
    assert!(find(&ms, text, "Cairo").locative);
}

#[test]
fn title_and_lexicon_name_give_the_person() {
    let text = "Russian President Vladimir Putin met Prime Minister Benjamin Netanyahu.";
    let ms = tag(text);
    assert_eq!(find(&ms, text, "Russian President Vladimir Putin").actor.id.as_deref(), Some("RUS-PUTIN"));
    let n = find(&ms, text, "Prime Minister Benjamin Netanyahu");
    assert_eq!(n.actor.id.as_deref(), Some("ISR-NETANYAHU"));
    assert_eq!(n.kind, MentionKind::Official);
}

#[test]
fn a_headline_noun_after_a_country_is_not_a_verb() {
    let text = "Yemen attack toll rises to 40.";
    let ms = tag(text);
    assert_ne!(find(&ms, text, "Yemen").kind, MentionKind::Metonym);
    let t2 = "Yemen attacks the port. Yemen will attack again.";
    let ms = tag(t2);
    assert!(ms.iter().filter(|m| m.span.of(t2) == "Yemen").all(|m| m.kind == MentionKind::Metonym));
}

#[test]
fn a_proxy_description_links_to_the_backed_group_named_in_the_report() {
    let text = "The SDF took the dam. Later the U.S.-backed forces moved east.";
    let ms = tag_on(text, 2018, 3, 1);
    let p = find(&ms, text, "U.S.-backed forces");
    assert_eq!(p.actor.id.as_deref(), Some("SDF"));
    assert_eq!(p.actor.backer.as_deref(), Some("USA"));
    assert_eq!(ms[p.antecedent.unwrap()].span.of(text), "SDF");
    let alone = "Later the U.S.-backed forces moved east.";
    let ms = tag_on(alone, 2018, 3, 1);
    assert_eq!(find(&ms, alone, "U.S.-backed forces").actor.id, None);
}

#[test]
fn kept_description_is_an_antecedent_of_its_own() {
    // "The federal police" stays an actor of its own; "their units" in the same sentence is
    // theirs, not the militants' named earlier.
    let text = "Soldiers fought the Islamic State near the dam for a week. The federal police said that \
                their units had retaken the hill the militants had held.";
    let ms = tag(text);
    let guards = find(&ms, text, "The federal police");
    let units = find(&ms, text, "their units");
    assert_ne!(units.actor.id.as_deref(), Some("ISIL"), "{units:?}");
    assert_eq!(units.actor.name, guards.actor.name);
}
