//! A small hand-built situation (our own example texts, real GeoNames places) with records whose
//! spans point into the texts: used by tests, the browser tests and `--db memory:demo`.

use chrono::NaiveDate;
use sitrep_core::record::{
    AcledType, ActorRef, ControlRecord, ControlStatus, DatePrecision, DateRef, EventRecord, Evidence, Modality,
    PlaceRef, PloverType, ReportRef, Trigger,
};
use sitrep_core::{Report, Span};

/// A date from `YYYY-MM-DD` (fixtures only).
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("fixture date")
}

struct Pl {
    name: &'static str,
    gid: i64,
    lat: f64,
    lon: f64,
    cc: &'static str,
    admin1: &'static str,
    /// GeoNames feature code: a town (PPLA) or a province (ADM1, drawn as an area on the map).
    fc: &'static str,
}

const DEIR: Pl =
    Pl { name: "Deir ez-Zor", gid: 170794, lat: 35.33588, lon: 40.14084, cc: "SY", admin1: "SY.07", fc: "PPLA" };
const ABU_KAMAL: Pl =
    Pl { name: "Abu Kamal", gid: 174448, lat: 34.45226, lon: 40.91854, cc: "SY", admin1: "SY.07", fc: "PPLA" };
const AFRIN: Pl =
    Pl { name: "Afrin", gid: 174184, lat: 36.54891, lon: 36.79295, cc: "SY", admin1: "SY.09", fc: "PPLA" };
const QAIM: Pl =
    Pl { name: "Al Qa'im", gid: 92138, lat: 34.39251, lon: 40.98945, cc: "IQ", admin1: "IQ.01", fc: "PPLA" };
const HASAKAH: Pl =
    Pl { name: "Al Ḩasakah", gid: 173813, lat: 36.69504, lon: 41.08845, cc: "SY", admin1: "SY.01", fc: "ADM1" };
const RAQQA_PROV: Pl =
    Pl { name: "Ar Raqqah", gid: 172957, lat: 36.11113, lon: 38.95742, cc: "SY", admin1: "SY.04", fc: "ADM1" };
const DAMASCUS: Pl =
    Pl { name: "Damascus", gid: 170654, lat: 33.5102, lon: 36.29128, cc: "SY", admin1: "SY.13", fc: "PPLA" };

fn actor(name: &str, cc: Option<&str>, sector: &str) -> ActorRef {
    ActorRef {
        name: name.to_string(),
        text: None,
        span: None,
        country: cc.map(str::to_string),
        sector: Some(sector.to_string()),
        id: Some(name.to_lowercase().replace(' ', "-")),
    }
}

fn saa() -> ActorRef {
    actor("Syrian Arab Army", Some("SYR"), "MIL")
}
fn isis() -> ActorRef {
    actor("Islamic State", None, "REB")
}
fn sdf() -> ActorRef {
    actor("Syrian Democratic Forces", None, "REB")
}
fn iraq() -> ActorRef {
    actor("Iraqi Security Forces", Some("IRQ"), "MIL")
}
fn civilians() -> ActorRef {
    actor("Civilians", Some("SYR"), "CVL")
}

/// Sentence spans of our own fixture texts (sentences end with ". ").
fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'.' && (i + 1 == bytes.len() || bytes[i + 1] == b' ' || bytes[i + 1] == b'\n') {
            out.push(Span::new(start, i + 1));
            start = i + 1;
            while start < bytes.len() && (bytes[start] == b' ' || bytes[start] == b'\n') {
                start += 1;
            }
        }
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}

fn find(text: &str, within: Span, needle: &str) -> Span {
    let hay = &text[within.start..within.end];
    let at = hay.find(needle).unwrap_or_else(|| panic!("fixture: {needle:?} not in {hay:?}"));
    Span::new(within.start + at, within.start + at + needle.len())
}

fn evidence(report: &Report, needle: &str) -> Evidence {
    let sents = sentences(&report.text);
    let whole = Span::new(0, report.text.len());
    let at = find(&report.text, whole, needle);
    let (i, s) = sents.iter().enumerate().find(|(_, s)| s.contains(at)).map(|(i, s)| (i, *s)).expect("sentence");
    Evidence { sentence: i, span: s, text: report.text[s.start..s.end].to_string() }
}

fn place(report: &Report, ev: &Evidence, p: &Pl, text: &str) -> PlaceRef {
    let span = find(&report.text, ev.span, text);
    PlaceRef {
        text: Some(text.to_string()),
        span: Some(span),
        name: p.name.to_string(),
        geonameid: Some(p.gid),
        lat: p.lat,
        lon: p.lon,
        country: Some(p.cc.to_string()),
        admin1: Some(p.admin1.to_string()),
        feature_code: Some(p.fc.to_string()),
        precision: 1,
    }
}

fn with_span(report: &Report, ev: &Evidence, mut a: ActorRef, text: &str) -> ActorRef {
    a.span = Some(find(&report.text, ev.span, text));
    a.text = Some(text.to_string());
    a
}

fn day(s: &str) -> Option<DateRef> {
    Some(DateRef { start: d(s), end: d(s), precision: DatePrecision::Day, text: None })
}

struct Ev<'a> {
    sentence: &'a str,
    trigger: &'a str,
    acled: Option<(&'a str, &'a str)>,
    plover: Option<&'a str>,
    a1: Vec<(ActorRef, &'a str)>,
    a2: Vec<(ActorRef, &'a str)>,
    place: Option<(&'a Pl, &'a str)>,
    date: &'a str,
    modality: Modality,
    attributed: Vec<ActorRef>,
}

fn event(report: &Report, e: Ev) -> EventRecord {
    let ev = evidence(report, e.sentence);
    let trig = find(&report.text, ev.span, e.trigger);
    EventRecord {
        id: sitrep_core::record::stable_id(&[&report.id, &trig.start.to_string(), e.trigger]),
        report: ReportRef::of(report),
        acled: e.acled.map(|(t, s)| AcledType { event_type: t.into(), sub_event_type: s.into() }),
        plover: e.plover.map(|p| PloverType { event: p.into(), mode: None }),
        actor1: e.a1.into_iter().map(|(a, t)| with_span(report, &ev, a, t)).collect(),
        actor2: e.a2.into_iter().map(|(a, t)| with_span(report, &ev, a, t)).collect(),
        place: e.place.map(|(p, t)| place(report, &ev, p, t)),
        date: day(e.date),
        modality: e.modality,
        attributed_to: e.attributed,
        trigger: Trigger { text: e.trigger.into(), span: trig },
        evidence: ev,
        confidence: 0.8,
    }
}

#[allow(clippy::too_many_arguments)]
fn ctl(
    report: &Report,
    sentence: &str,
    p: &Pl,
    ptext: &str,
    who: ActorRef,
    status: ControlStatus,
    modality: Modality,
    date: &str,
) -> ControlRecord {
    let ev = evidence(report, sentence);
    ControlRecord {
        report: ReportRef::of(report),
        place: place(report, &ev, p, ptext),
        controller: who,
        status,
        modality,
        date: day(date),
        evidence: ev,
    }
}

fn report(id: &str, source: &str, published: &str, title: &str, text: &str) -> Report {
    Report {
        id: id.into(),
        source: Some(source.into()),
        url: None,
        published: Some(d(published)),
        title: Some(title.into()),
        text: text.into(),
    }
}

/// A report with its records.
pub type Item = (Report, Vec<EventRecord>, Vec<ControlRecord>);

/// The demo situation: six reports over four weeks, with a town changing hands, a claim, a
/// denial, a forecast, fighting and a report whose text tries to inject markup.
pub fn demo() -> Vec<Item> {
    use ControlStatus::*;
    use Modality::*;
    let mut out = Vec::new();

    let r = report(
        "demo-1",
        "Example Monitor",
        "2017-10-20",
        "Deir ez-Zor encircled",
        "Government troops encircled Deir ez-Zor on Friday. Islamic State fighters still hold Abu Kamal. \
         Heavy clashes between the Syrian Arab Army and Islamic State units were reported near Deir ez-Zor.",
    );
    let e = vec![event(
        &r,
        Ev {
            sentence: "Heavy clashes",
            trigger: "clashes",
            acled: Some(("Battles", "Armed clash")),
            plover: Some("ASSAULT"),
            a1: vec![(saa(), "Syrian Arab Army")],
            a2: vec![(isis(), "Islamic State units")],
            place: Some((&DEIR, "Deir ez-Zor")),
            date: "2017-10-20",
            modality: Asserted,
            attributed: vec![],
        },
    )];
    let c = vec![
        ctl(&r, "Government troops encircled", &DEIR, "Deir ez-Zor", isis(), Besieged, Asserted, "2017-10-20"),
        ctl(
            &r,
            "Islamic State fighters still hold",
            &ABU_KAMAL,
            "Abu Kamal",
            isis(),
            Controlled,
            Asserted,
            "2017-10-20",
        ),
    ];
    out.push((r, e, c));

    let r = report(
        "demo-2",
        "Example Wire",
        "2017-11-03",
        "Army takes Deir ez-Zor",
        "The Syrian Arab Army took full control of Deir ez-Zor on Thursday, the army said. \
         Iraqi Security Forces recaptured Al Qa'im from the Islamic State.",
    );
    let e = vec![
        event(
            &r,
            Ev {
                sentence: "took full control",
                trigger: "took full control",
                acled: Some(("Battles", "Government regains territory")),
                plover: Some("ASSAULT"),
                a1: vec![(saa(), "Syrian Arab Army")],
                a2: vec![],
                place: Some((&DEIR, "Deir ez-Zor")),
                date: "2017-11-02",
                modality: Claimed,
                attributed: vec![saa()],
            },
        ),
        event(
            &r,
            Ev {
                sentence: "recaptured Al Qa'im",
                trigger: "recaptured",
                acled: Some(("Battles", "Government regains territory")),
                plover: Some("ASSAULT"),
                a1: vec![(iraq(), "Iraqi Security Forces")],
                a2: vec![(isis(), "Islamic State")],
                place: Some((&QAIM, "Al Qa'im")),
                date: "2017-11-03",
                modality: Asserted,
                attributed: vec![],
            },
        ),
    ];
    let c = vec![
        ctl(&r, "took full control", &DEIR, "Deir ez-Zor", saa(), Controlled, Claimed, "2017-11-02"),
        ctl(&r, "recaptured Al Qa'im", &QAIM, "Al Qa'im", iraq(), Controlled, Asserted, "2017-11-03"),
    ];
    out.push((r, e, c));

    let r = report(
        "demo-3",
        "Example Daily",
        "2017-11-09",
        "Both sides claim Abu Kamal",
        "The SDF says it took the town of Abu Kamal. The Syrian Arab Army says its units entered Abu Kamal. \
         Officials in Damascus are expected to hold talks next week.",
    );
    let e = vec![
        event(
            &r,
            Ev {
                sentence: "The SDF says",
                trigger: "took",
                acled: Some(("Battles", "Non-state actor overtakes territory")),
                plover: Some("ASSAULT"),
                a1: vec![(sdf(), "SDF")],
                a2: vec![],
                place: Some((&ABU_KAMAL, "Abu Kamal")),
                date: "2017-11-09",
                modality: Claimed,
                attributed: vec![sdf()],
            },
        ),
        event(
            &r,
            Ev {
                sentence: "Officials in Damascus",
                trigger: "hold talks",
                acled: None,
                plover: Some("CONSULT"),
                a1: vec![(actor("Government of Syria", Some("SYR"), "GOV"), "Officials")],
                a2: vec![],
                place: Some((&DAMASCUS, "Damascus")),
                date: "2017-11-16",
                modality: Forecast,
                attributed: vec![],
            },
        ),
    ];
    let c = vec![
        ctl(&r, "The SDF says", &ABU_KAMAL, "Abu Kamal", sdf(), Controlled, Claimed, "2017-11-09"),
        ctl(&r, "units entered", &ABU_KAMAL, "Abu Kamal", saa(), Controlled, Claimed, "2017-11-09"),
    ];
    out.push((r, e, c));

    let r = report(
        "demo-4",
        "Example Monitor",
        "2017-11-12",
        "Shelling in Afrin <b>bold</b>",
        "Artillery shelling hit Afrin <script>window.__xss=1</script> and <img src=x onerror=\"window.__xss=2\"> \
         damaged homes. The army of Turkey denied shelling civilians in Afrin.",
    );
    let e = vec![
        event(
            &r,
            Ev {
                sentence: "Artillery shelling",
                trigger: "shelling",
                acled: Some(("Explosions/Remote violence", "Shelling/artillery/missile attack")),
                plover: Some("ASSAULT"),
                a1: vec![],
                a2: vec![(civilians(), "homes")],
                place: Some((&AFRIN, "Afrin")),
                date: "2017-11-12",
                modality: Asserted,
                attributed: vec![],
            },
        ),
        event(
            &r,
            Ev {
                sentence: "denied shelling",
                trigger: "shelling",
                acled: Some(("Explosions/Remote violence", "Shelling/artillery/missile attack")),
                plover: Some("ASSAULT"),
                a1: vec![(actor("Military Forces of Turkey", Some("TUR"), "MIL"), "army of Turkey")],
                a2: vec![(civilians(), "civilians")],
                place: Some((&AFRIN, "Afrin")),
                date: "2017-11-12",
                modality: Negated,
                attributed: vec![],
            },
        ),
    ];
    let c = vec![ctl(
        &r,
        "Artillery shelling",
        &AFRIN,
        "Afrin",
        actor("Syrian Democratic Forces", None, "REB"),
        Controlled,
        Reported,
        "2017-11-12",
    )];
    out.push((r, e, c));

    let r = report(
        "demo-5",
        "Example Wire",
        "2017-11-15",
        "Abu Kamal",
        "Fighting continued inside Abu Kamal between the Syrian Arab Army and Islamic State remnants.",
    );
    let e = vec![event(
        &r,
        Ev {
            sentence: "Fighting continued",
            trigger: "Fighting",
            acled: Some(("Battles", "Armed clash")),
            plover: Some("ASSAULT"),
            a1: vec![(saa(), "Syrian Arab Army")],
            a2: vec![(isis(), "Islamic State remnants")],
            place: Some((&ABU_KAMAL, "Abu Kamal")),
            date: "2017-11-15",
            modality: Asserted,
            attributed: vec![],
        },
    )];
    let c = vec![ctl(&r, "Fighting continued", &ABU_KAMAL, "Abu Kamal", saa(), Contested, Asserted, "2017-11-15")];
    out.push((r, e, c));

    // Province-level facts: the map colours the whole governorate.
    let r = report(
        "demo-6",
        "Example Daily",
        "2017-11-16",
        "Provinces",
        "Kurdish-led forces now control most of Hasakah province, the SDF said. \
         Fighting for Raqqa province went on between the SDF and the Islamic State.",
    );
    let c = vec![
        ctl(&r, "Kurdish-led forces", &HASAKAH, "Hasakah province", sdf(), Controlled, Claimed, "2017-11-16"),
        ctl(&r, "Fighting for Raqqa", &RAQQA_PROV, "Raqqa province", sdf(), Contested, Reported, "2017-11-16"),
        ctl(&r, "Fighting for Raqqa", &RAQQA_PROV, "Raqqa province", isis(), Contested, Reported, "2017-11-16"),
    ];
    out.push((r, Vec::new(), c));
    out
}

/// A single control record for timeline tests.
pub fn control(
    report_id: &str,
    place: &str,
    gid: i64,
    who: &str,
    status: ControlStatus,
    modality: Modality,
    date: &str,
) -> ControlRecord {
    let text = format!("{who} holds {place}.");
    let r = Report {
        id: report_id.into(),
        source: Some(format!("outlet-{report_id}")),
        published: Some(d(date)),
        ..Report::new(report_id, text.clone())
    };
    ControlRecord {
        report: ReportRef::of(&r),
        place: PlaceRef { name: place.into(), geonameid: Some(gid), precision: 1, ..Default::default() },
        controller: ActorRef { name: who.into(), ..Default::default() },
        status,
        modality,
        date: day(date),
        evidence: Evidence { sentence: 0, span: Span::new(0, text.len()), text },
    }
}
