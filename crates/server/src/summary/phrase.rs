//! The wording of summary sentences: an event or a control state becomes a clause (subject,
//! past and base predicates, a subject-less sentence and a noun phrase), and the clause is phrased
//! under the record's modality, so that claims read as claims, plans as plans and denials as
//! denials ("The Front says it took X", "There may be fighting near Y", "There were no talks").

use chrono::NaiveDate;
use sitrep_core::record::{ActorRef, DatePrecision, DateRef, EventRecord, Modality, PlaceRef};

/// Last words of names of plural bodies ("Syrian Democratic Forces", "the Houthis"): they take
/// "say", "plan" and "are", and an article.
const PLURAL_HEADS: [&str; 23] = [
    "forces",
    "civilians",
    "units",
    "rebels",
    "militias",
    "fighters",
    "troops",
    "guards",
    "brigades",
    "officials",
    "authorities",
    "houthis",
    "kurds",
    "insurgents",
    "militants",
    "jihadists",
    "islamists",
    "separatists",
    "gunmen",
    "protesters",
    "residents",
    "soldiers",
    "police",
];

fn plural(name: &str) -> bool {
    let name = prose_name(name);
    let last_word = name.split_whitespace().last().unwrap_or("");
    let last = last_word.to_lowercase();
    // A common noun ends the name of a description ("Afghan air force jets", "Turkish officials"):
    // its plural -s says it; capitalised names ("Hamas", "United States") need the list.
    let common_plural = last_word.starts_with(|c: char| c.is_lowercase())
        && last.len() > 3
        && last.ends_with('s')
        && !["ss", "us", "is"].iter().any(|e| last.ends_with(e));
    common_plural || PLURAL_HEADS.contains(&last.as_str())
}

/// An actor's name as prose shows it: without the period an actor list adds to tell two bodies
/// of one name apart ("Rapid Support Forces (2023-)").
fn prose_name(name: &str) -> &str {
    match name.trim_end().strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
        Some((head, period)) if period.chars().all(|c| c.is_ascii_digit() || c == '-') => head,
        _ => name,
    }
}

pub(super) fn the(name: &str) -> String {
    // Names of organisations read better with an article ("the Syrian Arab Army"); acronyms too
    // ("the SDF"), and peoples' movements ("the Houthis"); "Gunmen" and "Saudi officials" do not.
    let name = prose_name(name);
    let lower = name.to_lowercase();
    // One common noun naming people ("Civilians", "Protesters") is no name: lower case in prose.
    if !name.contains(' ') && PLURAL_HEADS.contains(&lower.as_str()) && !matches!(lower.as_str(), "houthis" | "kurds") {
        return lower;
    }
    let org = [
        "army",
        "forces",
        "state",
        "front",
        "government",
        "militia",
        "units",
        "police",
        "council",
        "brigade",
        "coalition",
        "troops",
        "ministry",
        "department",
        "alliance",
        "movement",
        "houthis",
        "kurds",
        "taliban",
        "peshmerga",
    ];
    let acronym = name.len() >= 2 && name.len() <= 6 && name.chars().all(|c| c.is_ascii_uppercase());
    let named = acronym || lower.split_whitespace().any(|x| org.contains(&x));
    // A description of one person or body ("Egyptian president", "interior minister") takes
    // "the"; plural descriptions ("Turkish officials") read without one.
    let words: Vec<&str> = name.split_whitespace().collect();
    let common_head = words.len() > 1 && words.last().is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()));
    let description = common_head && !plural(name);
    if lower.starts_with("the ") || (common_head && plural(name)) || !(named || description) {
        name.to_string()
    } else {
        format!("the {name}")
    }
}

pub(super) fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn date_words(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// The opening words for when something happened, as precise as the record's date: "On 5 June
/// 2020", "In the week to 6 June 2020", "In June 2020", "Between 1 and 6 June 2020".
pub(super) fn when(date: Option<&DateRef>, fallback: Option<NaiveDate>) -> Option<String> {
    let Some(d) = date else { return fallback.map(|f| format!("On {}", date_words(f))) };
    Some(match d.precision {
        _ if d.start == d.end => format!("On {}", date_words(d.start)),
        DatePrecision::Week => format!("In the week to {}", date_words(d.end)),
        DatePrecision::Month => format!("In {}", d.start.format("%B %Y")),
        DatePrecision::Year => format!("In {}", d.start.format("%Y")),
        DatePrecision::Day if d.start.format("%m%Y").to_string() == d.end.format("%m%Y").to_string() => {
            format!("Between {} and {}", d.start.format("%-d"), date_words(d.end))
        }
        DatePrecision::Day => format!("Between {} and {}", date_words(d.start), date_words(d.end)),
    })
}

pub(super) fn actors(v: &[ActorRef]) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    for a in v {
        let n = the(&a.name);
        if !names.contains(&n) {
            names.push(n);
        }
    }
    match names.len() {
        0 => None,
        1 => Some(names.remove(0)),
        _ => {
            let last = names.pop().unwrap_or_default();
            Some(format!("{} and {last}", names.join(", ")))
        }
    }
}

/// What happened, without a subject ("fighting near Sirte", "talks in Geneva"): for plans,
/// forecasts, conditions and denials of an event nobody is named for.
pub(super) struct Noun {
    /// "a ", "an " or "" (mass nouns and plurals).
    pub article: &'static str,
    /// The noun phrase with its place ("fighting near Sirte").
    pub bare: String,
    pub plural: bool,
}

impl Noun {
    fn new(article: &'static str, bare: impl Into<String>, plural: bool) -> Self {
        Noun { article, bare: bare.into(), plural }
    }
}

/// A clause with its subject kept apart, so that claims can say "X says it …".
pub(super) struct Clause {
    pub subject: Option<String>,
    /// Past tense predicate ("took Abu Kamal").
    pub past: String,
    /// Base form ("take Abu Kamal") for forecasts, plans and denials.
    pub base: String,
    /// Sentence to use when there is no subject ("Fighting was reported in X").
    pub passive: String,
    pub noun: Noun,
}

impl Clause {
    /// A clause that is one fixed sentence (control states that are no single actor's act).
    pub(super) fn sentence(text: String) -> Clause {
        Clause {
            subject: None,
            past: String::new(),
            base: String::new(),
            passive: text,
            noun: Noun::new("", "", false),
        }
    }
}

fn at(place: &Option<PlaceRef>) -> String {
    match place {
        Some(p) if p.precision <= 1 => format!(" in {}", p.name),
        Some(p) => format!(" near {}", p.name),
        None => String::new(),
    }
}

/// Verbs of giving a place up ("withdrew from X"): their subject is the loser, so the clause
/// keeps the verb instead of saying the subject took the place. Matched on the trigger's first word.
const GIVING_UP: [(&str, &str, &str); 7] = [
    ("withdr", "withdrew from", "withdraw from"),
    ("pull", "pulled out of", "pull out of"),
    ("retreat", "retreated from", "retreat from"),
    ("surrender", "surrendered", "surrender"),
    ("hand", "handed over", "hand over"),
    ("abandon", "abandoned", "abandon"),
    ("los", "lost control of", "lose control of"),
];

pub(super) fn event_clause(e: &EventRecord) -> Clause {
    let a1 = actors(&e.actor1);
    let a2 = actors(&e.actor2);
    let place = at(&e.place);
    let pname = e.place.as_ref().map(|p| p.name.clone()).unwrap_or_else(|| "ground".to_string());
    let vs = a2.as_ref().map(|x| format!(" {x}")).unwrap_or_default();
    let from = a2.as_ref().map(|x| format!(" from {x}")).unwrap_or_default();
    let sub = e.acled.as_ref().map(|a| a.sub_event_type.as_str()).unwrap_or("");
    let plover = e.plover.as_ref().map(|p| p.event.as_str()).unwrap_or("");
    let trigger = e.trigger.text.to_lowercase();
    let giving_up = GIVING_UP.iter().find(|(stem, _, _)| trigger.starts_with(stem));
    let n = Noun::new;
    let (past, base, passive, noun) = match sub {
        "Armed clash" => match &a2 {
            Some(x) => (
                format!("fought {x}{place}"),
                format!("fight {x}{place}"),
                format!("Fighting was reported{place}"),
                n("", format!("fighting{place}"), false),
            ),
            None => (
                format!("clashed{place}"),
                format!("clash{place}"),
                format!("Fighting was reported{place}"),
                n("", format!("fighting{place}"), false),
            ),
        },
        "Government regains territory"
        | "Non-state actor overtakes territory"
        | "Non-violent transfer of territory"
            if giving_up.is_some() && e.place.is_some() =>
        {
            let (_, p, b) = giving_up.copied().unwrap_or_default();
            (
                format!("{p} {pname}"),
                format!("{b} {pname}"),
                format!("{pname} was given up"),
                n("a ", format!("withdrawal from {pname}"), false),
            )
        }
        "Government regains territory" | "Non-state actor overtakes territory" => (
            format!("took {pname}{from}"),
            format!("take {pname}{from}"),
            format!("{pname} changed hands"),
            n("a ", format!("change of control of {pname}"), false),
        ),
        // "shelled in X" says nothing shelled: without a target the deed is the shelling.
        "Shelling/artillery/missile attack" if a2.is_none() => (
            format!("carried out shelling{place}"),
            format!("carry out shelling{place}"),
            format!("Shelling was reported{place}"),
            n("", format!("shelling{place}"), false),
        ),
        "Shelling/artillery/missile attack" => (
            format!("shelled{vs}{place}"),
            format!("shell{vs}{place}"),
            format!("Shelling was reported{place}"),
            n("", format!("shelling{place}"), false),
        ),
        "Air/drone strike" => (
            format!("carried out air or drone strikes{place}"),
            format!("carry out air or drone strikes{place}"),
            format!("Air or drone strikes were reported{place}"),
            n("", format!("air or drone strikes{place}"), true),
        ),
        "Attack" | "Abduction/forced disappearance" | "Sexual violence" => {
            let (p, b, what) = match sub {
                "Attack" => ("attacked", "attack", "attacks on"),
                "Abduction/forced disappearance" => ("abducted", "abduct", "abductions of"),
                _ => ("committed sexual violence against", "commit sexual violence against", "sexual violence against"),
            };
            let target = a2.clone().unwrap_or_else(|| "civilians".to_string());
            (
                format!("{p} {target}{place}"),
                format!("{b} {target}{place}"),
                format!("Civilians were attacked{place}"),
                n("", format!("{what} {target}{place}"), sub != "Sexual violence"),
            )
        }
        "Suicide bomb" | "Remote explosive/landmine/IED" | "Grenade" | "Chemical weapon" => {
            let (p, b, a, noun) = match sub {
                "Suicide bomb" => {
                    ("carried out a suicide bombing", "carry out a suicide bombing", "a ", "suicide bombing")
                }
                "Grenade" => ("threw a grenade", "throw a grenade", "a ", "grenade attack"),
                "Chemical weapon" => ("used chemical weapons", "use chemical weapons", "a ", "chemical attack"),
                _ => ("set off an explosive device", "set off an explosive device", "an ", "explosive device"),
            };
            (
                format!("{p}{place}"),
                format!("{b}{place}"),
                format!("{}{noun} was reported{place}", cap(a)),
                n(a, format!("{noun}{place}"), false),
            )
        }
        "Peaceful protest" | "Protest with intervention" | "Excessive force against protesters" => (
            format!("protested{place}"),
            format!("protest{place}"),
            format!("Protests were reported{place}"),
            n("", format!("protests{place}"), true),
        ),
        "Violent demonstration" | "Mob violence" => (
            format!("rioted{place}"),
            format!("riot{place}"),
            format!("Riots were reported{place}"),
            n("", format!("riots{place}"), true),
        ),
        "Agreement" => {
            let with = a2.as_ref().map(|x| format!(" with {x}")).unwrap_or_default();
            (
                format!("reached an agreement{with}{place}"),
                format!("reach an agreement{with}{place}"),
                format!("An agreement was reached{place}"),
                n("an ", format!("agreement{place}"), false),
            )
        }
        "Arrests" => (
            format!("made arrests{place}"),
            format!("make arrests{place}"),
            format!("Arrests were reported{place}"),
            n("", format!("arrests{place}"), true),
        ),
        "Headquarters or base established" => (
            format!("set up a base{place}"),
            format!("set up a base{place}"),
            format!("A base was set up{place}"),
            n("a ", format!("new base{place}"), false),
        ),
        "Non-violent transfer of territory" => (
            format!("took over {pname} without a fight{from}"),
            format!("take over {pname} without a fight{from}"),
            format!("{pname} changed hands without a fight"),
            n("a ", format!("handover of {pname}"), false),
        ),
        "Looting/property destruction" => (
            format!("looted or destroyed property{place}"),
            format!("loot or destroy property{place}"),
            format!("Looting or destruction of property was reported{place}"),
            n("", format!("looting{place}"), false),
        ),
        "Disrupted weapons use" => (
            format!("disrupted an attack{place}"),
            format!("disrupt an attack{place}"),
            format!("An attack was disrupted{place}"),
            n("a ", format!("foiled attack{place}"), false),
        ),
        "Change to group/activity" => (
            format!("changed its activity{place}"),
            format!("change its activity{place}"),
            format!("A group changed its activity{place}"),
            n("a ", format!("change of a group's activity{place}"), false),
        ),
        // "Other" strategic developments read better by their PLOVER type.
        "" | "Other" => {
            // (past, base, article, noun, plural)
            let (p, b, a, noun, pl) = match plover {
                "AGREE" => ("reached an agreement", "reach an agreement", "an ", "agreement", false),
                "CONSULT" => ("held talks", "hold talks", "", "talks", true),
                "SUPPORT" => ("expressed support", "express support", "", "support", false),
                "CONCEDE" => ("made concessions", "make concessions", "", "concessions", true),
                "COOPERATE" => ("cooperated", "cooperate", "", "cooperation", false),
                "AID" => ("provided aid", "provide aid", "", "aid", false),
                "RETREAT" => ("withdrew", "withdraw", "a ", "withdrawal", false),
                "REQUEST" => ("made a request", "make a request", "a ", "request", false),
                "DEMAND" => ("made demands", "make demands", "", "demands", true),
                "ACCUSE" => ("made accusations", "make accusations", "", "accusations", true),
                "REJECT" => ("rejected a proposal", "reject a proposal", "a ", "rejection of a proposal", false),
                "THREATEN" => ("issued threats", "issue threats", "", "threats", true),
                "SANCTION" => ("imposed sanctions", "impose sanctions", "", "sanctions", true),
                "PROTEST" => ("protested", "protest", "", "protests", true),
                "MOBILIZE" => ("mobilized forces", "mobilize forces", "a ", "mobilization of forces", false),
                "COERCE" => ("used coercion", "use coercion", "", "coercion", false),
                "ASSAULT" => ("attacked", "attack", "an ", "attack", false),
                _ => ("acted", "act", "an ", "event", false),
            };
            let with = a2.as_ref().map(|x| format!(" involving {x}")).unwrap_or_default();
            let verb = if pl { "were" } else { "was" };
            (
                format!("{p}{with}{place}"),
                format!("{b}{with}{place}"),
                cap(&format!("{a}{noun} {verb} reported{with}{place}")),
                n(a, format!("{noun}{with}{place}"), pl),
            )
        }
        other => {
            let with = match (&a1, &a2) {
                (Some(x), Some(y)) => format!(" involving {x} and {y}"),
                (Some(x), None) | (None, Some(x)) => format!(" involving {x}"),
                _ => String::new(),
            };
            let lower = other.to_lowercase();
            (
                format!("were involved in an event of type \"{lower}\"{place}"),
                format!("be involved in an event of type \"{lower}\"{place}"),
                format!("{other}{with}{place}"),
                n("an ", format!("event of type \"{lower}\"{with}{place}"), false),
            )
        }
    };
    Clause { subject: a1, past, base, passive, noun }
}

/// "says" or "say".
fn says_verb(who: &str) -> &'static str {
    if plural(who) {
        "say"
    } else {
        "says"
    }
}

/// Phrases a clause under a modality: claims as claims, reports with their source, denials as denials.
pub(super) fn phrase(c: &Clause, m: Modality, claimant: Option<String>, outlet: Option<&str>) -> String {
    let subj = c.subject.clone();
    // "it"/"they" when the one who speaks is the subject.
    let pronoun = |who: &str| if says_verb(who) == "say" { "they" } else { "it" };
    let says = |who: &str| -> String {
        match &subj {
            Some(s) if s == who => format!("{} {} {} {}", cap(who), says_verb(who), pronoun(who), c.past),
            Some(s) => format!("{} {} {s} {}", cap(who), says_verb(who), c.past),
            None => format!("{} {} that {}", cap(who), says_verb(who), lower_first(&c.passive)),
        }
    };
    let plain = || match &subj {
        Some(s) => format!("{} {}", cap(s), c.past),
        None => c.passive.clone(),
    };
    let noun = format!("{}{}", c.noun.article, c.noun.bare);
    let (is, was) = if c.noun.plural { ("are", "were") } else { ("is", "was") };
    match m {
        Modality::Asserted => plain(),
        Modality::Claimed => says(&claimant.or(subj.clone()).unwrap_or_else(|| "one side".to_string())),
        Modality::Reported => {
            let who = claimant.or(outlet.map(str::to_string)).unwrap_or_else(|| "a report".to_string());
            format!("{}, according to {who}", plain())
        }
        Modality::Disputed => format!("It is disputed whether {}", lower_first(&plain())),
        Modality::Negated => {
            let text = match &subj {
                Some(s) => match &claimant {
                    Some(w) if w == s => format!("{} {} {} did not {}", cap(w), says_verb(w), pronoun(w), c.base),
                    _ => format!("{} did not {}", cap(s), c.base),
                },
                None => format!("There {was} no {}", c.noun.bare),
            };
            match claimant.filter(|w| subj.as_deref() != Some(w.as_str())) {
                Some(w) => format!("{text}, according to {w}"),
                None => text,
            }
        }
        Modality::Planned | Modality::Forecast | Modality::Hypothetical => match &subj {
            Some(s) => {
                let verb = match m {
                    Modality::Planned => "plans to",
                    Modality::Forecast => "is expected to",
                    _ => "might",
                };
                let verb = match (verb, says_verb(s)) {
                    ("plans to", "say") => "plan to",
                    ("is expected to", "say") => "are expected to",
                    (v, _) => v,
                };
                format!("{} {verb} {}", cap(s), c.base)
            }
            None => match m {
                Modality::Planned => format!("{} {is} planned", cap(&noun)),
                Modality::Forecast => format!("{} {is} expected", cap(&noun)),
                _ => format!("There may be {noun}"),
            },
        },
    }
}

pub(super) fn lower_first(s: &str) -> String {
    // Keep proper names capitalised: only lower a leading function word, or a common noun that
    // names people ("Protesters plan ...").
    if let Some((first, rest)) = s.split_once(' ') {
        if PLURAL_HEADS.contains(&first.to_lowercase().as_str()) && first != "Houthis" && first != "Kurds" {
            return format!("{} {rest}", first.to_lowercase());
        }
    }
    for w in [
        "It ",
        "The ",
        "A ",
        "An ",
        "There ",
        "Fighting ",
        "Shelling ",
        "Air ",
        "Civilians ",
        "Protests ",
        "Riots ",
        "Arrests ",
        "Looting ",
        "Talks ",
        "Demands ",
        "Threats ",
        "Sanctions ",
        "Concessions ",
        "Accusations ",
        "Support ",
        "Cooperation ",
        "Coercion ",
        "Aid ",
    ] {
        if let Some(rest) = s.strip_prefix(w) {
            return format!("{}{rest}", w.to_lowercase());
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An event record of our own: ACLED sub-type (or none), PLOVER type, trigger, actor1, place.
    fn ev(sub: Option<&str>, plover: &str, trigger: &str, a1: Option<&str>, place: Option<&str>) -> EventRecord {
        let actor = |n: &str| serde_json::json!({"name": n, "country": null, "sector": null, "id": null});
        let j = serde_json::json!({
            "id": "e1",
            "report": {"id": "r1", "source": null, "url": null, "published": "2024-05-10"},
            "acled": sub.map(|s| serde_json::json!({"event_type": "Strategic developments", "sub_event_type": s})),
            "plover": {"event": plover, "mode": null},
            "actor1": a1.map(actor).into_iter().collect::<Vec<_>>(),
            "actor2": [],
            "place": place.map(|p| serde_json::json!({"name": p, "lat": 1.0, "lon": 2.0, "precision": 1})),
            "date": {"start": "2024-05-04", "end": "2024-05-10", "precision": "week"},
            "modality": "asserted",
            "attributed_to": [],
            "trigger": {"text": trigger, "span": [0, 1]},
            "evidence": {"sentence": 0, "span": [0, 1], "text": "x"},
            "confidence": 0.5
        });
        serde_json::from_value(j).expect("event record")
    }

    #[test]
    fn giving_up_a_place_keeps_the_loser_as_the_subject() {
        let nvtt = Some("Non-violent transfer of territory");
        let e = ev(nvtt, "RETREAT", "withdrew from", Some("Northland Army"), Some("Beta Springs"));
        let c = event_clause(&e);
        assert_eq!(phrase(&c, Modality::Asserted, None, None), "The Northland Army withdrew from Beta Springs");
        assert_eq!(phrase(&c, Modality::Planned, None, None), "The Northland Army plans to withdraw from Beta Springs");
        let e = ev(nvtt, "RETREAT", "entered", Some("Northland Army"), Some("Beta Springs"));
        assert_eq!(
            phrase(&event_clause(&e), Modality::Asserted, None, None),
            "The Northland Army took over Beta Springs without a fight"
        );
    }

    #[test]
    fn events_without_a_subject_read_as_sentences_under_every_modality() {
        let talks = event_clause(&ev(None, "CONSULT", "talks", None, Some("Geneva")));
        assert_eq!(phrase(&talks, Modality::Asserted, None, None), "Talks were reported in Geneva");
        assert_eq!(phrase(&talks, Modality::Forecast, None, None), "Talks in Geneva are expected");
        assert_eq!(phrase(&talks, Modality::Planned, None, None), "Talks in Geneva are planned");
        assert_eq!(phrase(&talks, Modality::Hypothetical, None, None), "There may be talks in Geneva");
        assert_eq!(
            phrase(&talks, Modality::Negated, Some("the mission".into()), None),
            "There were no talks in Geneva, according to the mission"
        );
        let deal = event_clause(&ev(None, "AGREE", "agreement", None, None));
        assert_eq!(phrase(&deal, Modality::Negated, None, None), "There was no agreement");
        assert_eq!(phrase(&deal, Modality::Hypothetical, None, None), "There may be an agreement");
        let clash = event_clause(&ev(Some("Armed clash"), "ASSAULT", "fighting", None, Some("Gamma Ford")));
        assert_eq!(phrase(&clash, Modality::Hypothetical, None, None), "There may be fighting in Gamma Ford");
    }

    #[test]
    fn denials_say_who_did_not_act() {
        let c = event_clause(&ev(None, "CONCEDE", "accept", Some("Free Hills Front"), None));
        assert_eq!(phrase(&c, Modality::Negated, None, None), "The Free Hills Front did not make concessions");
        let who = Some("the Free Hills Front".to_string());
        assert_eq!(phrase(&c, Modality::Negated, who, None), "The Free Hills Front says it did not make concessions");
    }

    #[test]
    fn dates_are_worded_as_precisely_as_they_are_known() {
        let e = ev(None, "CONSULT", "talks", None, None);
        assert_eq!(when(e.date.as_ref(), None).as_deref(), Some("In the week to 10 May 2024"));
        let day = DateRef { start: d("2024-05-09"), end: d("2024-05-09"), precision: DatePrecision::Day, text: None };
        assert_eq!(when(Some(&day), None).as_deref(), Some("On 9 May 2024"));
        let month =
            DateRef { start: d("2024-04-01"), end: d("2024-04-30"), precision: DatePrecision::Month, text: None };
        assert_eq!(when(Some(&month), None).as_deref(), Some("In April 2024"));
        assert_eq!(when(None, Some(d("2024-05-10"))).as_deref(), Some("On 10 May 2024"));
    }

    #[test]
    fn descriptions_and_bodies_get_their_article_and_number() {
        assert_eq!(the("Northland president"), "the Northland president");
        assert_eq!(the("Northland officials"), "Northland officials");
        assert_eq!(the("Northland government forces"), "Northland government forces");
        assert_eq!(the("Northland Defence Forces"), "the Northland Defence Forces");
        assert_eq!(the("Taliban"), "the Taliban");
        assert_eq!(the("Civilians"), "civilians");
        assert_eq!(the("Coastal Support Forces (2021-)"), "the Coastal Support Forces");
        assert_eq!(the("Ada Lovelace"), "Ada Lovelace");
        assert_eq!(says_verb("Northland air force jets"), "say");
        assert_eq!(says_verb("Hamas"), "says");
        assert_eq!(says_verb("the Northland president"), "says");
        assert_eq!(lower_first("Protesters plan to march"), "protesters plan to march");
        assert_eq!(lower_first("Houthis plan to march"), "Houthis plan to march");
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }
}
