//! Coreference inside one report: pronouns ("They", "It", "them") and definite descriptions
//! ("these forces", "the group", "the official", "the army") link to the most recent compatible
//! mention, preferring subjects over objects of prepositions ("…against ISIS. They…" is not ISIS
//! when the previous sentence has a compatible subject). Pronouns look back one sentence;
//! definite descriptions up to six sentences, inside the paragraph.

use crate::tagger::Cand;
use crate::{Actor, MentionKind};

/// What a pronoun or definite description can refer to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Want {
    /// they / them: plural forces and groups, organisations.
    They,
    /// it: a singular organisation, government or country.
    It,
    /// he / she: a person (an official).
    He,
    /// "these forces", "the army", "the police": armed forces (sector of the head).
    Force(String),
    /// "its forces", "their fighters": the forces of an organisation or country.
    OwnForce,
    /// "its leaders", "their government": people or institutions of an organisation or country
    /// (the sector of the head applies to a country owner).
    Owner(String),
    /// "regime forces", "government troops": the armed forces of a government named before.
    GovArmy,
    /// "the coalition", "the front": an actor with that word in its name.
    Named(String),
    /// "the army", "the military": a state's armed forces.
    Army,
    /// "the government", "the regime", "the authorities".
    Gov,
    /// "the group", "the militants", "the rebels".
    Group,
    /// "the official", "the spokesman".
    Person,
}

/// Person heads that may refer to any earlier official ("the official" after "a CIA officer").
const GENERIC_TITLES: &[&str] =
    &["official", "officials", "spokesman", "spokeswoman", "spokesperson", "source", "sources", "envoy", "diplomat"];

fn compatible(want: &Want, title: &str, c: &Cand) -> bool {
    let sec = c.actor.sector.as_deref();
    let armed = matches!(sec, Some("MIL" | "REB" | "UAF" | "COP" | "SPY"));
    match want {
        Want::They => {
            !c.person
                && (c.plural == Some(true)
                    || (c.kind == MentionKind::Lexicon
                        && !c.whole_country
                        && matches!(sec, Some("REB" | "MIL" | "UAF" | "COP" | "SPY" | "OPP" | "PTY" | "IGO"))))
        }
        Want::It => {
            c.plural != Some(true) && !c.person && (c.whole_country || c.kind == MentionKind::Metonym || sec.is_some())
        }
        Want::He => c.person && c.plural != Some(true),
        Want::Person => c.person && (GENERIC_TITLES.contains(&title) || c.title == title),
        Want::Named(w) => !c.person && c.want.is_none() && c.actor.name.to_lowercase().contains(w.as_str()),
        Want::GovArmy => {
            !c.person
                && c.actor.country.is_some()
                && (sec == Some("GOV") || (sec == Some("MIL") && state_force(c)) || c.kind == MentionKind::Metonym)
        }
        // "the army" is a state's own army: not a paramilitary, militia or foreign force that
        // the lexicon files as military (ACLED interaction other than 1, state forces).
        Want::Army => {
            !c.person
                && ((sec == Some("MIL") && state_force(c))
                    || c.whole_country
                    || (sec == Some("GOV") && c.actor.country.is_some()))
        }
        Want::Gov => !c.person && (sec == Some("GOV") || c.whole_country || c.kind == MentionKind::Metonym),
        // "its forces", "their fighters": any organisation or country can own forces.
        Want::OwnForce | Want::Owner(_) => !c.person && (sec.is_some() || c.whole_country),
        Want::Force(s) => {
            !c.person
                && if s == "COP" || s == "SPY" {
                    sec == Some(s.as_str()) || c.whole_country
                } else {
                    armed || c.whole_country || (sec == Some("GOV") && c.actor.country.is_some())
                }
        }
        Want::Group => !c.person && matches!(sec, Some("REB" | "UAF")),
    }
}

/// State forces in ACLED's sense (interaction code 1, or none given).
fn state_force(c: &Cand) -> bool {
    matches!(c.actor.acled_inter, None | Some(1))
}

/// Makes the actor of a state description for a country: `(iso3, sector, head)`, e.g. the
/// country's national army for ("SDN", "MIL", "army"), else "<adjective> <head>".
pub(crate) type StateActor<'a> = &'a dyn Fn(&str, &str, &str) -> Actor;

fn derive(want: &Want, c: &Cand, state: StateActor) -> Actor {
    let sec = c.actor.sector.as_deref();
    // Names made from the country (its adjective, "Sudanese forces"), not from the antecedent's
    // name ("Sudan", "Government of Syria").
    let made = |sector: &str, head: &str, fallback: String| match c.actor.country.as_deref() {
        Some(iso3) => Actor { acled_inter: Some(1), ..state(iso3, sector, head) },
        None => Actor {
            id: None,
            name: fallback,
            country: None,
            sector: Some(sector.into()),
            acled_inter: Some(1),
            wikidata: None,
            backer: None,
        },
    };
    match want {
        Want::OwnForce if c.whole_country || sec == Some("GOV") => {
            made("MIL", "forces", format!("{} forces", c.actor.name.trim_end_matches(" government")))
        }
        Want::Owner(s) if c.whole_country => {
            let head = if s == "GOV" { "government" } else { "officials" };
            made(s, head, format!("{} {head}", c.actor.name))
        }
        // "the army" after "Malian soldiers": that country's national army, when the lexicon has one.
        Want::Army if sec == Some("MIL") && c.actor.id.is_none() && c.actor.country.is_some() => {
            made("MIL", "army", c.actor.name.clone())
        }
        Want::Army | Want::GovArmy if c.whole_country || sec == Some("GOV") => {
            made("MIL", "army", format!("{} army", c.actor.name.trim_end_matches(" government")))
        }
        Want::Force(s) if c.whole_country || sec == Some("GOV") => {
            made(s, "forces", format!("{} forces", c.actor.name.trim_end_matches(" government")))
        }
        Want::Gov if sec != Some("GOV") => made("GOV", "government", format!("{} government", c.actor.name)),
        _ => c.actor.clone(),
    }
}

pub(crate) fn resolve(cands: &mut [Cand], state: StateActor) {
    for idx in 0..cands.len() {
        if cands[idx].definite_official {
            // "The senior U.S. intelligence official" after "a high level CIA official".
            let (country, sector) = (cands[idx].actor.country.clone(), cands[idx].actor.sector.clone());
            let prev = (0..idx).rev().find(|&j| {
                let c = &cands[j];
                !c.drop && c.person && c.actor.country == country && c.actor.sector == sector
            });
            cands[idx].antecedent = prev;
        }
        let Some(want) = cands[idx].want.clone() else { continue };
        let s = cands[idx].sentence;
        let possessive = cands[idx].possessive_det;
        let title = cands[idx].title.clone();
        let object = cands[idx].object_pronoun;
        let mut best: Option<(u8, usize)> = None;
        for j in (0..idx).rev() {
            let c = &cands[j];
            // Pronouns look one sentence back; definite descriptions ("the group") further.
            let window = match (&cands[idx].kind, &want) {
                (MentionKind::Pronoun, _) => 1,
                (_, Want::Named(_)) => 12,
                _ => 6,
            };
            if c.sentence + window < s {
                break;
            }
            // The dateline names where the writer files from, not whose army acts.
            if c.drop || c.secondary || c.dateline {
                continue;
            }
            // Beyond the previous sentence, stay inside the paragraph.
            if c.paragraph != cands[idx].paragraph && c.sentence + 1 < s {
                continue;
            }
            // Modifiers ("a FAMa position") and places ("in Mali") can own an army or a
            // government ("The army said…"), but pronouns never point at them.
            let state_want = matches!(want, Want::Army | Want::GovArmy | Want::Gov | Want::Force(_));
            if (c.modifier || c.locative) && !state_want {
                continue;
            }
            if c.locative && !matches!(want, Want::Army | Want::Gov) {
                continue;
            }
            // An unresolved pronoun points at nothing; an unresolved description that was kept
            // ("The federal police claimed … their units") is an actor of its own.
            if c.want.is_some()
                && c.antecedent.is_none()
                && (c.kind == MentionKind::Pronoun || c.actor.sector.is_none())
            {
                continue;
            }
            if !compatible(&want, &title, c) {
                continue;
            }
            let tier = match (s - c.sentence, c.oblique) {
                // "… joined them": an object pronoun is not the subject of its own clause.
                (0, false) if object => 2,
                // "its forces", "their positions": the owner is usually in the same sentence.
                (0, _) if possessive => 0,
                (0, false) => 0,
                (1, false) => 1,
                (0, true) => 2,
                (1, true) => 3,
                (2, false) => 4,
                (2, true) => 5,
                (_, false) => 6,
                _ => 7,
            };
            // A government or army description prefers a government mention over a country
            // merely named ("Syria accused Israel… Government officials" = Syria's).
            let weak = (c.whole_country
                && c.kind != MentionKind::Metonym
                && matches!(want, Want::Gov | Want::Army | Want::GovArmy | Want::Force(_) | Want::Owner(_)))
                || c.modifier
                || c.locative;
            // "In Myanmar, the junta ...": the sentence's frame owns its state descriptions.
            let frame = c.frame && c.sentence == s && state_want;
            let tier = if frame { 0 } else { tier * 2 + u8::from(weak) };
            // Among equals in an earlier sentence the first, its subject, wins ("The SDF took X
            // after a deal let the ISIS fighters leave. They had besieged it ..." is the SDF).
            if best.is_none_or(|(t, _)| tier < t || (tier == t && c.sentence < s)) {
                best = Some((tier, j));
            }
        }
        match best {
            Some((_, j)) => {
                let actor = derive(&want, &cands[j], state);
                let (plural, person, whole) = (cands[j].plural, cands[j].person, cands[j].whole_country);
                let c = &mut cands[idx];
                c.actor = actor;
                c.antecedent = Some(j);
                match want {
                    Want::They => c.plural = Some(true),
                    Want::It => c.plural = Some(false),
                    Want::He | Want::Person => c.person = true,
                    _ => {}
                }
                if c.plural.is_none() {
                    c.plural = plural;
                }
                c.person = c.person || (person && matches!(want, Want::He | Want::Person));
                c.whole_country = whole && matches!(want, Want::It);
            }
            None => {
                if cands[idx].kind == MentionKind::Pronoun || matches!(want, Want::Named(_)) {
                    cands[idx].drop = true;
                }
            }
        }
    }
}
