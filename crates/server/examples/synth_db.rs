//! Builds a large synthetic sitrep database for load tests of `sitrep serve` (bench/load-1m.sh):
//!
//! ```sh
//! cargo run --release -p sitrep-server --example synth_db -- target/bench/synth-1m.db --events 1000000
//! ```
//!
//! Every row is one the real server reads: the store creates and migrates the schema
//! (`Store::open`); control observations go through the store's own write path
//! (`Store::insert_batch`, which maintains places and the control timeline); event mentions are
//! written in bulk through `Store::conn()` with the derived columns computed by the store's own
//! helpers (`dedup::types_text`, `actors_text`, `merged_confidence`, `place_key`, …), because the
//! de-duplicating write path costs a candidate search per mention and would take hours at this
//! size. A share of the events is reported by two outlets (two mentions, merged as the store
//! merges them).
//!
//! The spread is meant to look like a conflict archive: real provinces of twelve countries
//! (Natural Earth admin-1 with GeoNames ids) and synthetic towns around them, ten years of dates with
//! surges per country, ACLED/PLOVER types in realistic proportions, a few dozen actors, claims and
//! forecasts among the facts, and report texts whose evidence spans are valid. Deterministic for a
//! seed. Territory-change sub-types are left out (the store would derive control from them).

use chrono::{Datelike, Days, NaiveDate};
use sitrep_core::record::{
    AcledType, ActorRef, ControlRecord, ControlStatus, DatePrecision, DateRef, EventRecord, Evidence, Modality,
    PlaceRef, PloverType, ReportRef, Trigger,
};
use sitrep_core::{Extraction, Report, Span};
use sitrep_store::db::Val;
use sitrep_store::{dedup, Store};
use std::collections::BTreeMap;
use std::time::Instant;

/// Provinces: country, GeoNames admin-1 code and id, name, label point.
const PROVINCES: &str = include_str!("../../../bench/load/provinces.tsv");

/// splitmix64: small, fast and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    /// An index drawn by weight.
    fn weighted(&mut self, w: &[f64]) -> usize {
        let total: f64 = w.iter().sum();
        let mut x = self.unit() * total;
        for (i, v) in w.iter().enumerate() {
            if x < *v {
                return i;
            }
            x -= v;
        }
        w.len() - 1
    }
}

struct Country {
    iso2: &'static str,
    name: &'static str,
    weight: f64,
    /// The government side first, then the others.
    sides: &'static [(&'static str, Option<&'static str>, &'static str)],
}

const COUNTRIES: &[Country] = &[
    Country {
        iso2: "SY",
        name: "Syria",
        weight: 5.0,
        sides: &[
            ("Syrian Arab Army", Some("SYR"), "MIL"),
            ("Islamic State", None, "REB"),
            ("Syrian Democratic Forces", None, "REB"),
            ("Hayat Tahrir al-Sham", None, "REB"),
            ("Syrian National Army", None, "REB"),
        ],
    },
    Country {
        iso2: "IQ",
        name: "Iraq",
        weight: 3.0,
        sides: &[
            ("Iraqi Security Forces", Some("IRQ"), "MIL"),
            ("Islamic State", None, "REB"),
            ("Popular Mobilization Forces", Some("IRQ"), "PMF"),
            ("Peshmerga", Some("IRQ"), "MIL"),
        ],
    },
    Country {
        iso2: "UA",
        name: "Ukraine",
        weight: 4.0,
        sides: &[("Ukrainian Armed Forces", Some("UKR"), "MIL"), ("Russian Armed Forces", Some("RUS"), "MIL")],
    },
    Country {
        iso2: "YE",
        name: "Yemen",
        weight: 3.0,
        sides: &[
            ("Yemeni Armed Forces", Some("YEM"), "MIL"),
            ("Houthis", None, "REB"),
            ("Southern Transitional Council", None, "REB"),
            ("AQAP", None, "REB"),
        ],
    },
    Country {
        iso2: "LY",
        name: "Libya",
        weight: 1.5,
        sides: &[("Government of National Accord", Some("LBY"), "GOV"), ("Libyan National Army", None, "REB")],
    },
    Country {
        iso2: "SD",
        name: "Sudan",
        weight: 1.5,
        sides: &[("Sudanese Armed Forces", Some("SDN"), "MIL"), ("Rapid Support Forces", None, "REB")],
    },
    Country {
        iso2: "SO",
        name: "Somalia",
        weight: 1.5,
        sides: &[("Somali National Army", Some("SOM"), "MIL"), ("Al-Shabaab", None, "REB")],
    },
    Country {
        iso2: "AF",
        name: "Afghanistan",
        weight: 2.5,
        sides: &[("Afghan National Army", Some("AFG"), "MIL"), ("Taliban", None, "REB"), ("ISKP", None, "REB")],
    },
    Country {
        iso2: "NG",
        name: "Nigeria",
        weight: 1.5,
        sides: &[("Nigerian Army", Some("NGA"), "MIL"), ("Boko Haram", None, "REB"), ("ISWAP", None, "REB")],
    },
    Country {
        iso2: "ML",
        name: "Mali",
        weight: 1.0,
        sides: &[("Malian Armed Forces", Some("MLI"), "MIL"), ("JNIM", None, "REB"), ("CSP-DPA", None, "REB")],
    },
    Country {
        iso2: "MM",
        name: "Myanmar",
        weight: 1.5,
        sides: &[
            ("Tatmadaw", Some("MMR"), "MIL"),
            ("Arakan Army", None, "REB"),
            ("People's Defence Force", None, "REB"),
        ],
    },
    Country {
        iso2: "CD",
        name: "DR Congo",
        weight: 1.0,
        sides: &[("FARDC", Some("COD"), "MIL"), ("M23", None, "REB"), ("ADF", None, "REB")],
    },
];

const OUTLETS: &[&str] = &[
    "Wire One",
    "Frontline Daily",
    "Regional Monitor",
    "Conflict Desk",
    "Evening Courier",
    "Observer Network",
    "Field Reports",
    "Morning Gazette",
    "Crisis Watch Weekly",
    "Local Radio Digest",
    "The Correspondent",
    "Border News",
];

/// ACLED type, sub-event type, PLOVER event, mode, verb phrase, weight.
type EventKind = (&'static str, &'static str, &'static str, Option<&'static str>, &'static str, f64);
const TYPES: &[EventKind] = &[
    ("Battles", "Armed clash", "FIGHT", Some("small-arms"), "clashed with", 30.0),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "FIGHT", Some("artillery"), "shelled", 18.0),
    ("Explosions/Remote violence", "Air/drone strike", "FIGHT", Some("aerial"), "carried out an air strike on", 10.0),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        "FIGHT",
        Some("IED"),
        "detonated a bomb against",
        5.0,
    ),
    ("Explosions/Remote violence", "Suicide bomb", "FIGHT", Some("suicide"), "sent a suicide bomber against", 1.0),
    ("Violence against civilians", "Attack", "ASSAULT", Some("beat"), "attacked", 9.0),
    ("Violence against civilians", "Abduction/forced disappearance", "ASSAULT", Some("abduct"), "abducted", 2.0),
    ("Protests", "Peaceful protest", "PROTEST", Some("demonstrate"), "demonstrated against", 10.0),
    ("Protests", "Protest with intervention", "PROTEST", Some("demonstrate"), "were dispersed by", 2.0),
    ("Riots", "Violent demonstration", "PROTEST", Some("riot"), "rioted against", 3.0),
    ("Riots", "Mob violence", "PROTEST", Some("riot"), "attacked a crowd of", 1.0),
    ("Strategic developments", "Arrests", "SEIZE", None, "arrested members of", 4.0),
    ("Strategic developments", "Agreement", "AGREE", None, "reached an agreement with", 1.5),
    ("Strategic developments", "Headquarters or base established", "MOBILIZE", None, "set up a base near", 1.5),
    ("Strategic developments", "Looting/property destruction", "SEIZE", None, "looted property of", 2.0),
];

/// Modality, weight, the verb phrase's prefix and (for claims) who says so.
const MODALITIES: &[(Modality, f64)] = &[
    (Modality::Asserted, 55.0),
    (Modality::Reported, 20.0),
    (Modality::Claimed, 15.0),
    (Modality::Disputed, 2.0),
    (Modality::Planned, 3.0),
    (Modality::Forecast, 2.0),
    (Modality::Hypothetical, 1.0),
    (Modality::Negated, 2.0),
];

struct Town {
    place: PlaceRef,
}

struct Args {
    path: String,
    events: usize,
    seed: u64,
}

fn args() -> anyhow::Result<Args> {
    let mut a = Args { path: String::new(), events: 1_000_000, seed: 7 };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        match x.as_str() {
            "--events" => a.events = it.next().unwrap_or_default().replace('_', "").parse()?,
            "--seed" => a.seed = it.next().unwrap_or_default().parse()?,
            "-h" | "--help" => {
                println!("usage: synth_db PATH [--events N] [--seed S]");
                std::process::exit(0);
            }
            p if a.path.is_empty() => a.path = p.to_string(),
            other => anyhow::bail!("unexpected argument '{other}'"),
        }
    }
    if a.path.is_empty() {
        anyhow::bail!("usage: synth_db PATH [--events N] [--seed S]");
    }
    Ok(a)
}

fn actor(side: &(&str, Option<&str>, &str)) -> ActorRef {
    ActorRef {
        name: side.0.to_string(),
        text: None,
        span: None,
        country: side.1.map(str::to_string),
        sector: Some(side.2.to_string()),
        id: Some(side.0.to_lowercase().replace([' ', '\''], "-")),
    }
}

fn civilians(c: &Country) -> ActorRef {
    ActorRef {
        name: format!("Civilians ({})", c.name),
        text: None,
        span: None,
        country: None,
        sector: Some("CVL".into()),
        id: None,
    }
}

fn protesters(c: &Country) -> ActorRef {
    ActorRef {
        name: format!("Protesters ({})", c.name),
        text: None,
        span: None,
        country: None,
        sector: Some("PTS".into()),
        id: None,
    }
}

/// Builds one report's text sentence by sentence and records spans.
struct TextBuilder {
    text: String,
    sentence: usize,
}

impl TextBuilder {
    fn new() -> Self {
        TextBuilder { text: String::new(), sentence: 0 }
    }
    /// Appends `parts` as one sentence; returns the spans of each part and the sentence's evidence.
    fn sentence(&mut self, parts: &[&str]) -> (Vec<Span>, Evidence) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        let start = self.text.len();
        let mut spans = Vec::with_capacity(parts.len());
        for p in parts {
            let s = self.text.len();
            self.text.push_str(p);
            spans.push(Span::new(s, self.text.len()));
        }
        let end = self.text.len();
        let ev =
            Evidence { sentence: self.sentence, span: Span::new(start, end), text: self.text[start..end].to_string() };
        self.sentence += 1;
        (spans, ev)
    }
}

fn day_words(d: NaiveDate) -> String {
    format!(
        "on {} {}",
        d.day(),
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December"
        ][d.month0() as usize]
    )
}

struct Gen {
    rng: Rng,
    towns: Vec<Town>,
    /// Indices into `towns` per country.
    by_country: Vec<Vec<usize>>,
    provinces: Vec<Vec<PlaceRef>>,
    /// Surge windows (start day offset, length) per country.
    surges: Vec<Vec<(u64, u64)>>,
    first: NaiveDate,
    days: u64,
}

impl Gen {
    fn day(&mut self, country: usize) -> NaiveDate {
        let off = if self.rng.chance(0.55) {
            self.rng.below(self.days as usize) as u64
        } else {
            let (s, l) = *self.rng.pick(&self.surges[country]);
            (s + self.rng.below(l as usize) as u64).min(self.days - 1)
        };
        self.first.checked_add_days(Days::new(off)).unwrap_or(self.first)
    }
}

fn main() -> anyhow::Result<()> {
    let a = args()?;
    if std::path::Path::new(&a.path).exists() {
        anyhow::bail!("{} exists: remove it first", a.path);
    }
    let t0 = Instant::now();
    let mut rng = Rng(a.seed);
    let first = NaiveDate::from_ymd_opt(2014, 1, 1).expect("date");
    let days = 3652u64;

    // Places: the real provinces of each country (Natural Earth admin-1 with GeoNames ids and
    // admin-1 codes, bench/load/provinces.tsv), with synthetic towns around them.
    let mut towns = Vec::new();
    let mut by_country = vec![Vec::new(); COUNTRIES.len()];
    let mut provinces = vec![Vec::new(); COUNTRIES.len()];
    let mut next_id = 900_000_000i64;
    for (ci, c) in COUNTRIES.iter().enumerate() {
        for line in PROVINCES.lines().filter(|l| !l.starts_with('#') && l.starts_with(c.iso2)) {
            let f: Vec<&str> = line.split('\t').collect();
            let [_, code, gid, name, lat, lon] = f[..] else { anyhow::bail!("bad provinces.tsv line: {line}") };
            let p = PlaceRef {
                text: None,
                span: None,
                name: name.to_string(),
                geonameid: Some(gid.parse()?),
                lat: lat.parse()?,
                lon: lon.parse()?,
                country: Some(c.iso2.to_string()),
                admin1: Some(code.to_string()),
                feature_code: Some("ADM1".into()),
                precision: 1,
            };
            let prov = p.clone();
            // "Homs (Hims)" -> "Homs", "Ar Raqqah" -> "Raqqah".
            let bare = p.name.split('(').next().unwrap_or(&p.name);
            let short = bare.split_whitespace().last().unwrap_or("Town").to_string();
            for t in 0..14 {
                let lat = p.lat + (rng.unit() - 0.5) * 1.2;
                let lon = p.lon + (rng.unit() - 0.5) * 1.4;
                next_id += 1;
                by_country[ci].push(towns.len());
                towns.push(Town {
                    place: PlaceRef {
                        text: None,
                        span: None,
                        name: format!(
                            "{short} {}",
                            [
                                "North", "South", "East", "West", "Upper", "Lower", "Old", "New", "Al", "Tell", "Kafr",
                                "Bir", "Ain", "Deir"
                            ][t]
                        ),
                        geonameid: Some(next_id),
                        lat: (lat * 1e5).round() / 1e5,
                        lon: (lon * 1e5).round() / 1e5,
                        country: p.country.clone(),
                        admin1: p.admin1.clone(),
                        feature_code: Some(if t == 0 { "PPLA".into() } else { "PPL".into() }),
                        precision: 1,
                    },
                });
            }
            provinces[ci].push(prov);
        }
        eprintln!("{}: {} provinces, {} towns", c.name, provinces[ci].len(), by_country[ci].len());
    }
    let surges: Vec<Vec<(u64, u64)>> = COUNTRIES
        .iter()
        .map(|_| (0..3).map(|_| (rng.below(days as usize - 200) as u64, 60 + rng.below(180) as u64)).collect())
        .collect();
    let mut g = Gen { rng, towns, by_country, provinces, surges, first, days };
    let cw: Vec<f64> = COUNTRIES.iter().map(|c| c.weight).collect();
    let tw: Vec<f64> = TYPES.iter().map(|t| t.5).collect();
    let mw: Vec<f64> = MODALITIES.iter().map(|m| m.1).collect();

    let mut store = Store::open(&a.path)?;

    // ---- control: through the store's write path ----
    let mut control_reports: Vec<(Report, Extraction)> = Vec::new();
    let mut n_obs = 0usize;
    for (ci, c) in COUNTRIES.iter().enumerate() {
        let mut places: Vec<PlaceRef> = g.provinces[ci].clone();
        for &t in &g.by_country[ci] {
            if g.rng.chance(0.5) {
                places.push(g.towns[t].place.clone());
            }
        }
        for place in places {
            // A random walk of holders: a change every 90–600 days, each seen by 1–3 outlets,
            // sometimes with a rival claim on the same day (contested).
            let mut day = g.first.checked_add_days(Days::new(g.rng.below(400) as u64)).unwrap_or(g.first);
            let mut holder = g.rng.below(c.sides.len());
            let end = g.first.checked_add_days(Days::new(days)).unwrap_or(g.first);
            while day < end {
                let n_src = 1 + g.rng.below(3);
                let rival = (g.rng.chance(0.12) && c.sides.len() > 1).then(|| (holder + 1) % c.sides.len());
                for k in 0..n_src + rival.is_some() as usize {
                    let (who, status) = match (k >= n_src, rival) {
                        (true, Some(r)) => (r, ControlStatus::Controlled),
                        _ if g.rng.chance(0.08) => (holder, ControlStatus::Contested),
                        _ if g.rng.chance(0.04) => (holder, ControlStatus::Besieged),
                        _ => (holder, ControlStatus::Controlled),
                    };
                    let modality = *g.rng.pick(&[
                        Modality::Asserted,
                        Modality::Asserted,
                        Modality::Reported,
                        Modality::Reported,
                        Modality::Claimed,
                        Modality::Forecast,
                    ]);
                    let outlet = OUTLETS[g.rng.below(OUTLETS.len())];
                    let published = day.checked_add_days(Days::new(g.rng.below(3) as u64)).unwrap_or(day);
                    let side = &c.sides[who];
                    let mut tb = TextBuilder::new();
                    let phrase = match (status, modality) {
                        (_, Modality::Claimed) => " said it had taken control of ",
                        (_, Modality::Forecast) => " is expected to take ",
                        (ControlStatus::Contested, _) => " were fighting for ",
                        (ControlStatus::Besieged, _) => " were besieging ",
                        _ => " held ",
                    };
                    let dw = format!(" {}.", day_words(day));
                    let (sp, ev) = tb.sentence(&[side.0, phrase, &place.name, &dw]);
                    tb.sentence(&["Residents described the situation as tense."]);
                    let id = format!("ctl-{ci}-{n_obs}");
                    let report = Report {
                        id: id.clone(),
                        source: Some(outlet.to_string()),
                        url: None,
                        published: Some(published),
                        title: Some(format!("{} in {}", side.0, place.name)),
                        text: tb.text,
                    };
                    let mut controller = actor(side);
                    controller.text = Some(side.0.to_string());
                    controller.span = Some(sp[0]);
                    let rec = ControlRecord {
                        report: ReportRef::of(&report),
                        place: PlaceRef { text: Some(place.name.clone()), span: Some(sp[2]), ..place.clone() },
                        controller,
                        status,
                        modality,
                        date: Some(DateRef { start: day, end: day, precision: DatePrecision::Day, text: None }),
                        evidence: ev,
                    };
                    let x = Extraction { sentences: 2, controls: vec![rec], ..Default::default() };
                    control_reports.push((report, x));
                    n_obs += 1;
                }
                day = day.checked_add_days(Days::new(90 + g.rng.below(510) as u64)).unwrap_or(end);
                if c.sides.len() > 1 && g.rng.chance(0.7) {
                    holder = (holder + 1 + g.rng.below(c.sides.len() - 1)) % c.sides.len();
                }
            }
        }
    }
    for chunk in control_reports.chunks(2000) {
        store.insert_batch(chunk.iter().map(|(r, x)| (r, x)))?;
    }
    eprintln!("control: {n_obs} observations stored through Store::insert_batch ({:.1} s)", t0.elapsed().as_secs_f64());
    drop(control_reports);

    // ---- events: bulk rows ----
    let now = "2026-01-01T00:00:00Z";
    let conn = store.conn();
    conn.batch("PRAGMA synchronous=OFF")?;
    conn.begin()?;
    let mut made = 0usize;
    let mut report_no = 0usize;
    let mut mentions_total = 0usize;
    // Second mentions waiting for a later report: (event row id, first mention record).
    // Second mentions waiting for a later report of the same country and days.
    let mut pending: BTreeMap<usize, Vec<(i64, EventRecord)>> = BTreeMap::new();
    let t1 = Instant::now();
    while made < a.events || !pending.is_empty() {
        let again = pending.remove(&report_no).unwrap_or_default();
        // A report that follows up earlier events is about their country and days.
        let follow = again.first().and_then(|(_, e)| {
            let cc = e.place.as_ref()?.country.clone()?;
            let ci = COUNTRIES.iter().position(|c| c.iso2 == cc)?;
            Some((ci, e.date.as_ref()?.start))
        });
        let ci = follow.map_or_else(|| g.rng.weighted(&cw), |f| f.0);
        let c = &COUNTRIES[ci];
        let outlet = OUTLETS[g.rng.below(OUTLETS.len())];
        let base_day = match follow {
            Some((_, d)) => d,
            None => g.day(ci),
        };
        let n_new = if made < a.events { (1 + g.rng.below(8)).min(a.events - made) } else { 0 };
        let (again, later): (Vec<_>, Vec<_>) =
            again.into_iter().partition(|(_, e)| e.place.as_ref().and_then(|p| p.country.as_deref()) == Some(c.iso2));
        if !later.is_empty() {
            pending.entry(report_no + 1).or_default().extend(later);
        }
        let rid = format!("syn-{report_no}");
        let mut tb = TextBuilder::new();
        let mut recs: Vec<(Option<(i64, EventRecord)>, EventRecord)> = Vec::new();
        let mut max_day = base_day;
        // Follow-ups of events first reported elsewhere.
        for (eid, first_m) in again {
            let mut e = first_m.clone();
            e.report =
                ReportRef { id: rid.clone(), source: Some(outlet.into()), url: None, published: None, title: None };
            let a1 = e.actor1.first().map(|x| x.name.clone()).unwrap_or_default();
            let place = e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default();
            let (sp, ev) = tb.sentence(&["Witnesses told us that ", &a1, " ", &e.trigger.text, " in ", &place, "."]);
            e.id = format!("{rid}-{}", recs.len());
            e.trigger.span = sp[3];
            if let Some(x) = e.actor1.first_mut() {
                x.span = Some(sp[1]);
            }
            e.actor2.iter_mut().for_each(|x| x.span = None);
            if let Some(p) = e.place.as_mut() {
                p.span = Some(sp[5]);
            }
            e.evidence = ev;
            e.modality = Modality::Reported;
            if let Some(d) = &e.date {
                max_day = max_day.max(d.end);
            }
            recs.push((Some((eid, first_m)), e));
        }
        for _ in 0..n_new {
            let town = &g.towns[*g.rng.pick(&g.by_country[ci])];
            let (place, prec) = if g.rng.chance(0.07) {
                // Only the province is known.
                let p = g.rng.pick(&g.provinces[ci]).clone();
                (p, 3u8)
            } else {
                (town.place.clone(), if g.rng.chance(0.1) { 2 } else { 1 })
            };
            let day = if g.rng.chance(0.8) {
                base_day
            } else {
                base_day.checked_add_days(Days::new(g.rng.below(4) as u64)).unwrap_or(base_day)
            };
            let (date, dtext) = match g.rng.below(20) {
                0 => {
                    let s = day.with_day(1).unwrap_or(day);
                    let e = s.checked_add_days(Days::new(27)).unwrap_or(s);
                    (
                        DateRef { start: s, end: e, precision: DatePrecision::Month, text: None },
                        "this month".to_string(),
                    )
                }
                1 | 2 => {
                    let e = day.checked_add_days(Days::new(6)).unwrap_or(day);
                    (
                        DateRef { start: day, end: e, precision: DatePrecision::Week, text: None },
                        "last week".to_string(),
                    )
                }
                _ => (DateRef { start: day, end: day, precision: DatePrecision::Day, text: None }, day_words(day)),
            };
            max_day = max_day.max(date.end);
            let ty = TYPES[g.rng.weighted(&tw)];
            let modality = MODALITIES[g.rng.weighted(&mw)].0;
            let s1 = g.rng.below(c.sides.len());
            let (a1, a2) = match ty.0 {
                "Violence against civilians" => (actor(&c.sides[s1]), civilians(c)),
                "Protests" | "Riots" => (protesters(c), actor(&c.sides[0])),
                _ => {
                    let s2 = (s1 + 1 + g.rng.below(c.sides.len().max(2) - 1)) % c.sides.len();
                    (actor(&c.sides[s1]), actor(&c.sides[s2]))
                }
            };
            let (pre, verb) = match modality {
                Modality::Claimed => (String::new(), format!("said they {}", ty.4)),
                Modality::Planned => (String::new(), "plan to move against".to_string()),
                Modality::Forecast => (String::new(), "are expected to attack".to_string()),
                Modality::Hypothetical => (String::new(), "could attack".to_string()),
                Modality::Negated => (String::new(), "denied that they attacked".to_string()),
                Modality::Disputed => ("Reports, denied by both sides, say that ".to_string(), ty.4.to_string()),
                _ => (String::new(), ty.4.to_string()),
            };
            let dw = format!(" {dtext}.");
            let (sp, ev) = tb.sentence(&[&pre, &a1.name, " ", &verb, " ", &a2.name, " in ", &place.name, &dw]);
            tb.sentence(&["The toll could not be independently verified."]);
            let mut a1r = a1.clone();
            a1r.text = Some(a1.name.clone());
            a1r.span = Some(sp[1]);
            let mut a2r = a2.clone();
            a2r.text = Some(a2.name.clone());
            a2r.span = Some(sp[5]);
            let e = EventRecord {
                id: format!("{rid}-{}", recs.len()),
                report: ReportRef {
                    id: rid.clone(),
                    source: Some(outlet.into()),
                    url: None,
                    published: None,
                    title: None,
                },
                acled: Some(AcledType { event_type: ty.0.into(), sub_event_type: ty.1.into() }),
                plover: Some(PloverType { event: ty.2.into(), mode: ty.3.map(str::to_string) }),
                actor1: vec![a1r],
                actor2: vec![a2r],
                place: Some(PlaceRef { text: Some(place.name.clone()), span: Some(sp[7]), precision: prec, ..place }),
                date: Some(date),
                modality,
                attributed_to: if modality == Modality::Claimed { vec![a1.clone()] } else { Vec::new() },
                trigger: Trigger { text: verb.clone(), span: sp[3] },
                evidence: ev,
                confidence: (0.5 + g.rng.unit() * 0.4) as f32,
            };
            recs.push((None, e));
        }
        let published = max_day.checked_add_days(Days::new(g.rng.below(2) as u64)).unwrap_or(max_day);
        let report = Report {
            id: rid.clone(),
            source: Some(outlet.into()),
            url: None,
            published: Some(published),
            title: Some(format!("Fighting and incidents in {}", c.name)),
            text: tb.text,
        };
        let spans: Vec<Span> = {
            let mut v = Vec::new();
            let mut s = 0;
            let t = &report.text;
            for (i, ch) in t.char_indices() {
                if ch == '.' && (i + 1 == t.len() || t.as_bytes().get(i + 1) == Some(&b' ')) {
                    v.push(Span::new(s, i + 1));
                    s = i + 2;
                }
            }
            v
        };
        let pk = conn
            .query_int(
                "INSERT INTO reports (report_id, content_hash, source, url, published, title, text, sentences, \
                 n_sentences, warnings, mentions, extractor, ingested_at, processed_at) \
                 VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6, ?7, ?8, '[]', '{}', 'sitrep synth_db', ?9, ?9) RETURNING id",
                &[
                    rid.as_str().into(),
                    sitrep_store::content_hash(&report).into(),
                    report.source.clone().into(),
                    published.to_string().into(),
                    report.title.clone().into(),
                    report.text.as_str().into(),
                    serde_json::to_string(&spans)?.into(),
                    Val::Int(spans.len() as i64),
                    now.into(),
                ],
            )?
            .ok_or_else(|| anyhow::anyhow!("no report id"))?;
        for (ord, (existing, mut e)) in recs.into_iter().enumerate() {
            e.report.published = Some(published);
            let (eid, mentions) = match existing {
                Some((eid, first)) => (eid, vec![first, e.clone()]),
                None => {
                    let eid = conn
                        .query_int(
                            "INSERT INTO events (key, types, modality, confidence, n_mentions, n_sources, actors, record) \
                             VALUES (?1, '', 'asserted', 0, 0, 0, '', '{}') RETURNING id",
                            &[e.id.as_str().into()],
                        )?
                        .ok_or_else(|| anyhow::anyhow!("no event id"))?;
                    made += 1;
                    if g.rng.chance(0.12) {
                        pending.entry(report_no + 1 + g.rng.below(3)).or_default().push((eid, e.clone()));
                    }
                    (eid, vec![e.clone()])
                }
            };
            let mid = conn
                .query_int(
                    "INSERT INTO event_mentions (event_id, report, ord, record_id, outlet, modality, evidence, record) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
                    &[
                        Val::Int(eid),
                        Val::Int(pk),
                        Val::Int(ord as i64),
                        e.id.as_str().into(),
                        dedup::outlet(&e.report).into(),
                        e.modality.as_str().into(),
                        e.evidence.text.as_str().into(),
                        serde_json::to_string(&e)?.into(),
                    ],
                )?
                .ok_or_else(|| anyhow::anyhow!("no mention id"))?;
            conn.exec(
                "INSERT INTO mention_fts (rowid, evidence) VALUES (?1, ?2)",
                &[Val::Int(mid), e.evidence.text.as_str().into()],
            )?;
            mentions_total += 1;
            // The event row as the store's refresh_event computes it.
            // The event's key is its first mention's record id.
            let mut rec = mentions[dedup::representative(&mentions)].clone();
            rec.id = mentions[0].id.clone();
            rec.confidence = dedup::merged_confidence(&mentions);
            let d = dedup::event_days(&rec);
            let p = rec.place.as_ref();
            conn.exec(
                "UPDATE events SET types = ?1, date_start = ?2, date_end = ?3, place_key = ?4, geonameid = ?5, \
                 admin1 = ?6, lat = ?7, lon = ?8, modality = ?9, confidence = ?10, n_mentions = ?11, n_sources = ?12, \
                 actors = ?13, record = ?14 WHERE id = ?15",
                &[
                    dedup::types_text(&rec).into(),
                    d.map(|d| d.0.to_string()).into(),
                    d.map(|d| d.1.to_string()).into(),
                    p.map(dedup::place_key).into(),
                    p.and_then(|p| p.geonameid).into(),
                    p.and_then(|p| p.admin1.clone()).into(),
                    p.map(|p| p.lat).into(),
                    p.map(|p| p.lon).into(),
                    rec.modality.as_str().into(),
                    Val::Real(rec.confidence as f64),
                    Val::Int(mentions.len() as i64),
                    Val::Int(dedup::source_count(&mentions) as i64),
                    dedup::actors_text(&mentions).into(),
                    serde_json::to_string(&rec)?.into(),
                    Val::Int(eid),
                ],
            )?;
        }
        report_no += 1;
        if report_no.is_multiple_of(20_000) {
            conn.commit()?;
            conn.begin()?;
            eprintln!(
                "  {made} events, {mentions_total} mentions, {report_no} reports ({:.0} events/s)",
                made as f64 / t1.elapsed().as_secs_f64()
            );
        }
    }
    conn.commit()?;
    conn.batch("PRAGMA synchronous=NORMAL")?;
    store.recompute_event_span()?;
    let st = store.stats()?;
    eprintln!(
        "done in {:.0} s: {} reports, {} events, {} mentions, {} control observations, {} places, {} intervals, {:?}..{:?}",
        t0.elapsed().as_secs_f64(),
        st.reports,
        st.events,
        st.mentions,
        st.controls,
        st.places,
        st.intervals,
        st.first_date,
        st.last_date
    );
    Ok(())
}
