//! A name's candidate places with their scores before the document's context: feature type,
//! population, whether the mention spells the place's own name, and province-versus-seat.

use std::rc::Rc;

use crate::gazetteer::{Code, Entry, Gazetteer, HashMap, Rec};

use super::score::{curated, feature_score, pop_score};

#[derive(Clone, Copy, Debug)]
pub(super) struct Cand {
    pub rec: u32,
    pub demonym: bool,
    pub score: f32,
    /// The mention spells one of the place's names (not only a romanization fold of one).
    pub spelled: bool,
    /// The mention spells the place's own (main) name, not only an alternate one, or a name the
    /// curated supplement gives it ([`curated_name`]).
    pub own: bool,
    /// The mention spells a name the curated supplement gives the place ([`curated_name`]).
    pub named: bool,
    /// What resolution reads of the place (`gaz.recs[rec]`), copied here: the document's
    /// candidates are read again and again, in order, instead of one random record each time.
    pub at: At,
}

/// The fields of a place ([`Rec`]) that resolution reads.
#[derive(Clone, Copy, Debug)]
pub(crate) struct At {
    pub id: i64,
    pub lat: f64,
    pub lon: f64,
    /// The cosine of the latitude, as [`crate::Pt::new`] computes it ([`At::pt`]).
    pub cos: f64,
    pub pop: u64,
    pub fcode: Code,
    pub cc_id: u32,
    pub a1_id: u32,
    pub fclass: u8,
    /// `!cc.is_empty()`, `!admin1.is_empty()`
    pub has_cc: bool,
    pub has_a1: bool,
    /// [`curated`]
    pub curated: bool,
}

impl At {
    pub(crate) fn of(r: &Rec) -> At {
        At {
            id: r.id,
            lat: r.lat,
            lon: r.lon,
            cos: crate::Pt::new(r.lat, r.lon).cos,
            pop: r.pop,
            fcode: r.fcode,
            cc_id: r.cc_id,
            a1_id: r.a1_id,
            fclass: r.fclass,
            has_cc: !r.cc.is_empty(),
            has_a1: !r.admin1.is_empty(),
            curated: curated(r),
        }
    }
}

impl At {
    /// The place's point ([`crate::Pt::new`] of its latitude and longitude, cosine computed once).
    #[inline]
    pub(crate) fn pt(&self) -> crate::Pt {
        crate::Pt { lat: self.lat, lon: self.lon, cos: self.cos }
    }
}

/// How much a place whose own name is the mention outranks places that only have it as an
/// alternate name or a romanization fold.
const OWN_NAME_MARGIN: f32 = 1.0;
/// ... and more when the place with that own name is in the same country.
const OWN_NAME_SAME_COUNTRY: f32 = 1.0;

/// Whether the curated supplement gives place `id` the name whose lower-case letters are `lower`
/// (`fold::base_letters`): a row of names only (GeoNames id, name, ASCII name, alternate names, no
/// coordinates) adds names to a GeoNames place, and says what the analyst reads them as. Such a
/// name counts as the place's own: it outranks places that GeoNames merely lists it for ("D.C."
/// and "Washington, D.C." are the District of Columbia, "Kobani" is the town of Ayn al-Arab). An
/// abbreviation with a final period ("Ala.", "Miss.") is the place's own name only where the
/// mention has the period too (`dotted`): "Miss Smith" is no own name of Mississippi.
pub(super) fn curated_name(id: i64, lower: &str, dotted: bool) -> bool {
    // (place id -> lower-case letters of each name, and whether it ends in a period)
    static NAMES: std::sync::OnceLock<HashMap<i64, Vec<(String, bool)>>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut m: HashMap<i64, Vec<(String, bool)>> = HashMap::default();
        for line in crate::gazetteer::SUPPLEMENT.lines().filter(|l| !l.starts_with('#')) {
            let c: Vec<&str> = line.split('\t').collect();
            let Some(id) = c.first().and_then(|x| x.trim().parse::<i64>().ok()) else { continue };
            if id <= 0 || c.len() < 5 || !c[4].trim().is_empty() {
                continue;
            }
            let v = m.entry(id).or_default();
            for n in c[1..3].iter().copied().chain(c[3].split(',')) {
                let mut b = String::new();
                crate::fold::base_letters(n.trim(), &mut b);
                let name = (b, n.trim().ends_with('.'));
                if !name.0.is_empty() && !v.contains(&name) {
                    v.push(name);
                }
            }
        }
        m
    });
    names.get(&id).is_some_and(|v| v.iter().any(|(n, dot)| n == lower && (dotted || !dot)))
}

/// A city this big outranks a county seat of its name with a third of its people at most.
const SEAT_OUTSIZED_POP: u64 = 100_000;

/// Buffers [`candidates`] reuses from one name to the next.
#[derive(Default)]
pub(super) struct Scratch {
    lower: String,
    letters: String,
    own_cc: Vec<u32>,
    /// (province number, place, population) of each populated-place candidate.
    seats: Vec<(u32, u32, u64)>,
    /// (country number, own name, spelled, population) of the candidates that are cities of
    /// [`SEAT_OUTSIZED_POP`] and no county seat.
    bigs: Vec<(u32, bool, bool, u64)>,
}

/// [`candidates`], remembered from one document to the next (per thread): news names the same
/// places again and again ("Syria", "Aleppo", "US"), and a name's candidates with their scores
/// before context depend on its spelling and index entries only. `owner` is the
/// [`crate::Geoparser`]'s number: a cache filled with another gazetteer's places is dropped. The
/// candidates are shared with the cache (a caller that changes them copies them first).
pub(super) fn candidates_cached(owner: u64, gaz: &Gazetteer, mention: &str, entries: &[Entry]) -> Rc<Vec<Cand>> {
    thread_local!(static CACHE: std::cell::RefCell<Cache> = std::cell::RefCell::new(Cache::default()));
    let cached = CACHE.try_with(|c| {
        let mut c = c.try_borrow_mut().ok()?;
        let c = &mut *c;
        if c.owner != owner || c.keys >= CACHE_KEYS || c.cands >= CACHE_CANDS {
            c.map.clear();
            (c.owner, c.keys, c.cands) = (owner, 0, 0);
        }
        if let Some(v) = c.map.get(mention).and_then(|rs| rs.iter().find(|(e, _)| **e == *entries)) {
            return Some(Rc::clone(&v.1));
        }
        let v = Rc::new(candidates(gaz, mention, entries, &mut c.scratch));
        c.keys += 1;
        c.cands += v.len() + entries.len();
        c.map.entry(mention.into()).or_default().push((entries.into(), Rc::clone(&v)));
        Some(v)
    });
    match cached {
        Ok(Some(v)) => v,
        // (the thread's cache is being torn down, or in use)
        _ => Rc::new(candidates(gaz, mention, entries, &mut Scratch::default())),
    }
}

/// Bounds of [`candidates_cached`]'s memory: it is emptied when it holds this many spellings or
/// candidates and entries (about 100 bytes a candidate: at most ~20 MB per thread; the 12,354
/// bench reports name 12,538 spellings).
const CACHE_KEYS: usize = 30_000;
const CACHE_CANDS: usize = 200_000;

/// A spelling's index entries and its candidates.
type Readings = (Box<[Entry]>, Rc<Vec<Cand>>);

#[derive(Default)]
struct Cache {
    owner: u64,
    /// spelling -> (index entries, candidates) of each set of entries seen with it
    map: HashMap<Box<str>, Vec<Readings>>,
    keys: usize,
    cands: usize,
    scratch: Scratch,
}

/// The candidates of a name spelled `mention` in the text whose index entries are `entries`.
pub(super) fn candidates(gaz: &Gazetteer, mention: &str, entries: &[Entry], buf: &mut Scratch) -> Vec<Cand> {
    let mention_lower = &mut buf.lower;
    mention_lower.clear();
    crate::fold::base_letters(mention, mention_lower);
    let mention_lower = mention_lower.as_str();
    let has_dem = entries.iter().any(|e| matches!(e, Entry::Demonym(_) | Entry::FreeDemonym(_)));
    let mut v: Vec<Cand> = Vec::with_capacity(entries.len());
    for e in entries {
        match *e {
            Entry::Place(i) if !has_dem => {
                let r = &gaz.recs[i as usize];
                let mut s = gaz.base_score(i);
                let nl = gaz.lower(i);
                let mut spelled = true;
                // "New York" is the own name of New York City, as "Kuwait" is of Kuwait City
                // (capitals and cities of a million: "Kansas" is not Kansas City)
                let big_city = &*r.fcode == "PPLC" || (r.fclass == b'P' && r.pop >= 1_000_000);
                // a name the curated supplement gives the place is what the analyst says it means
                let named = curated_name(r.id, mention_lower, mention.trim_end().ends_with('.'));
                let own = named
                    || nl == mention_lower
                    || (big_city
                        && (nl.strip_suffix("city").is_some_and(|x| x == mention_lower)
                            || nl.strip_prefix("cityof").is_some_and(|x| x == mention_lower)));
                if nl == mention_lower {
                    s += 0.7;
                } else if gaz.has_alt_name(i, mention_lower, &mut buf.letters) {
                    // (`has_name` less the own name, which `nl` just was not)
                    s += 0.4;
                } else {
                    spelled = false;
                }
                v.push(Cand { rec: i, demonym: false, score: s, spelled, own, named, at: At::of(r) });
            }
            Entry::Demonym(i) => {
                let r = &gaz.recs[i as usize];
                v.push(Cand {
                    rec: i,
                    demonym: true,
                    score: 10.0 + pop_score(r),
                    spelled: true,
                    own: true,
                    named: false,
                    at: At::of(r),
                })
            }
            _ => {}
        }
    }
    // A county seat is no bigger than a city of the same name and country with three times its
    // people, 100,000 at least ("Kansas City" is the one in Missouri, not the seat in Kansas):
    // the seat's bonus is for telling apart towns of like size.
    let seat = |c: &Cand| matches!(&*c.at.fcode, "PPLA2" | "PPLA3" | "PPLA4");
    // (the cities of 100,000 that are no such seat, usually none or one: country, own, spelled, people)
    let bigs = &mut buf.bigs;
    bigs.clear();
    bigs.extend(
        v.iter()
            .filter(|o| !o.demonym && o.at.fclass == b'P' && o.at.pop >= SEAT_OUTSIZED_POP && !seat(o))
            .map(|o| (o.at.cc_id, o.own, o.spelled, o.at.pop)),
    );
    if !bigs.is_empty() {
        for c in v.iter_mut().filter(|c| !c.demonym && seat(c)) {
            let outsized = bigs.iter().any(|&(cc, own, spelled, pop)| {
                cc == c.at.cc_id && own == c.own && spelled == c.spelled && pop >= 3 * c.at.pop.max(1)
            });
            if outsized {
                c.score -= feature_score(&gaz.recs[c.rec as usize]);
            }
        }
    }
    // A place whose own name the mention spells outranks places that only list it among
    // their alternate or former names ("Venice" is Venice, not a town that was once so called;
    // "Mexico" is the country, not Mexico City).
    // Within one country the own name decides all the more: "Southold" is Southold, not a city
    // nearby that once listed it among its names.
    let own_cc = &mut buf.own_cc;
    own_cc.clear();
    own_cc.extend(v.iter().filter(|c| c.own && !c.demonym).map(|c| c.at.cc_id));
    if !own_cc.is_empty() {
        for c in v.iter_mut().filter(|c| !c.own) {
            c.score -= OWN_NAME_MARGIN;
            if own_cc.contains(&c.at.cc_id) {
                c.score -= OWN_NAME_SAME_COUNTRY;
            }
        }
    }
    // A province and its seat share a name: a bare name is the city ("Homs", "Aleppo"), unless
    // the city is a small part of the province.
    let area = |c: &Cand| !c.demonym && matches!(&*c.at.fcode, "ADM1" | "ADM2");
    if !v.iter().any(area) {
        return v;
    }
    // (folded only when a seat's name is compared)
    let key = std::cell::OnceCell::new();
    let mention_key = || key.get_or_init(|| crate::fold::fold_name(mention));
    let seats = &mut buf.seats;
    seats.clear();
    seats.extend(v.iter().filter(|c| !c.demonym && c.at.fclass == b'P').map(|c| (c.at.a1_id, c.rec, c.at.pop)));
    for c in v.iter_mut() {
        // (a province the supplement names so is meant as such: "Washington, D.C." is the District)
        if !area(c) || c.named {
            continue;
        }
        let r = c.at;
        // ... all the more a city that holds a large part of its province's people ("New York")
        let seat = |big: bool| {
            seats.iter().any(|&(a1, seat, pop)| {
                a1 == r.a1_id
                    && (pop as f64 >= 0.3 * r.pop as f64
                        || pop >= 1_000_000
                        // a seat with a tenth of its province's people at least ("Quebec" is
                        // the province: its city holds a twentieth of it)
                        || (!big && pop as f64 >= 0.1 * r.pop as f64 && gaz.folded(seat) == *mention_key()))
            })
        };
        if seat(true) {
            c.score -= 4.0;
        } else if seat(false) {
            c.score -= 2.5;
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::curated_name;

    #[test]
    fn names_the_supplement_gives_places() {
        // supplement.tsv: "Washington DC" and "D.C." for the District of Columbia (4138106),
        // "Miss." for Mississippi (4436296), "Kobani" for Ayn al-Arab (172256)
        assert!(curated_name(4138106, "washingtondc", false));
        assert!(curated_name(172256, "kobani", false));
        // an abbreviation is that name only with its period
        assert!(curated_name(4436296, "miss", true));
        assert!(!curated_name(4436296, "miss", false));
        // not a name the supplement gives that place, nor a place it names
        assert!(!curated_name(4138106, "washington", false));
        assert!(!curated_name(1, "washingtondc", false));
    }
}
