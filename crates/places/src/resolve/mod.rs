//! Resolution: rank each name's candidate places by feature type, population, the document's
//! country context, explicit containers and spatial coherence; flag demonyms and metonyms.
//!
//! `score.rs` holds what a candidate scores before context (feature type, population, kind
//! words), `metonym.rs` the "Damascus demands" rule, `given.rs` gold-span mode (given spans,
//! facilities, approximate placement).

mod given;
mod metonym;
mod score;

pub(crate) use given::{facility_kind, facility_named_part, locate_given};
pub(crate) use score::{curated, feature_score, pop_score};

use crate::gazetteer::{HashMap, HashSet};

use crate::fold::Word;
use crate::gazetteer::Entry;
use crate::{distance_km, Found, Geoparser, PlaceMention, PlaceRole};
use given::refine_given;
use metonym::metonym_after;
use score::{is_admin_area, is_country, kind_after, kind_match};

#[derive(Clone, Copy, Debug)]
struct Cand {
    rec: u32,
    demonym: bool,
    score: f32,
    /// The mention spells one of the place's names (not only a romanization fold of one).
    spelled: bool,
    /// The mention spells the place's own (main) name, not only an alternate one.
    own: bool,
}

/// How much a place whose own name is the mention outranks places that only have it as an
/// alternate name or a romanization fold.
const OWN_NAME_MARGIN: f32 = 1.0;
/// ... and more when the place with that own name is in the same country.
const OWN_NAME_SAME_COUNTRY: f32 = 1.0;

/// A name's best reading adds its country to the document context when it is this far ahead of
/// every reading in another country.
const SURE_MARGIN: f32 = 3.0;

/// Weight of an imagined name in no country, added to the context's total: one sure name alone
/// does not make a document's whole context.
const SHARE_PRIOR: f32 = 1.0;

/// Score for a city of the document's country over a city in a country the document never names.
const ABSENT_COUNTRY_W: f32 = 3.0;
/// ... a city of this many people at least.
const ABSENT_COUNTRY_MIN_POP: u64 = 50_000;

/// Weight of a name found by detection in a document whose places are given (gold-span mode).
const DETECTED_AMONG_GIVEN_W: f32 = 0.5;

/// Score for a reading in the country of all the document's other sure names (scaled by their share).
const COUNTRY_W: f32 = 5.0;
/// Score for a reading in the province of all the document's other sure names (scaled by their share).
const ADMIN1_W: f32 = 4.0;

pub(crate) fn resolve(g: &Geoparser, text: &str, words: &[Word], found: &[Found]) -> Vec<PlaceMention> {
    resolve_found(g, text, words, found)
}

pub(crate) fn resolve_found(g: &Geoparser, text: &str, words: &[Word], found: &[Found]) -> Vec<PlaceMention> {
    let gaz = &g.gaz;
    let n = found.len();
    let refined: Vec<Option<(Vec<Entry>, usize, usize)>> =
        found.iter().map(|f| refine_given(g, text, words, f)).collect();
    // Candidates with their context-free scores.
    let mut cands: Vec<Vec<Cand>> = Vec::with_capacity(n);
    let mut mention_texts: Vec<&str> = Vec::with_capacity(n);
    for (f, refined) in found.iter().zip(&refined) {
        // the words that matched the name (a given span may hold more: "Walker County Sheriff's Office")
        let matched = match (refined, words.get(f.w0), words.get(f.w1)) {
            (Some((_, s, e)), _, _) => text.get(*s..*e),
            (None, Some(a), Some(b)) if a.start >= f.span.start && b.end <= f.span.end => text.get(a.start..b.end),
            _ => None,
        };
        mention_texts.push(matched.or(text.get(f.span.start..f.span.end)).unwrap_or(""));
        let entries: &[Entry] = refined.as_ref().map_or(&f.entries, |r| &r.0);
        let mention_lower = {
            let mut s = String::new();
            crate::fold::base_letters(matched.or(text.get(f.span.start..f.span.end)).unwrap_or(""), &mut s);
            s
        };
        let has_dem = entries.iter().any(|e| matches!(e, Entry::Demonym(_) | Entry::FreeDemonym(_)));
        let mut v: Vec<Cand> = Vec::new();
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
                    let own = nl == mention_lower
                        || (big_city
                            && (nl.strip_suffix("city").is_some_and(|x| x == mention_lower)
                                || nl.strip_prefix("cityof").is_some_and(|x| x == mention_lower)));
                    if nl == mention_lower {
                        s += 0.7;
                    } else if gaz.has_name(i, &mention_lower) {
                        s += 0.4;
                    } else {
                        spelled = false;
                    }
                    v.push(Cand { rec: i, demonym: false, score: s, spelled, own });
                }
                Entry::Demonym(i) => {
                    let r = &gaz.recs[i as usize];
                    v.push(Cand { rec: i, demonym: true, score: 10.0 + pop_score(r), spelled: true, own: true })
                }
                _ => {}
            }
        }
        // A place whose own name the mention spells outranks places that only list it among
        // their alternate or former names ("Venice" is Venice, not a town that was once so called;
        // "Mexico" is the country, not Mexico City).
        // Within one country the own name decides all the more: "Southold" is Southold, not a city
        // nearby that once listed it among its names.
        let own_cc: Vec<&str> =
            v.iter().filter(|c| c.own && !c.demonym).map(|c| &*gaz.recs[c.rec as usize].cc).collect();
        if !own_cc.is_empty() {
            for c in v.iter_mut().filter(|c| !c.own) {
                c.score -= OWN_NAME_MARGIN;
                if own_cc.contains(&&*gaz.recs[c.rec as usize].cc) {
                    c.score -= OWN_NAME_SAME_COUNTRY;
                }
            }
        }
        // A province and its seat share a name: a bare name is the city ("Homs", "Aleppo"), unless
        // the city is a small part of the province.
        // (folded only when a seat's name is compared)
        let key = std::cell::OnceCell::new();
        let mention_key =
            || key.get_or_init(|| crate::fold::fold_name(matched.or(text.get(f.span.start..f.span.end)).unwrap_or("")));
        let seats: Vec<(&str, &str, u32, u64)> = v
            .iter()
            .filter(|c| !c.demonym && gaz.recs[c.rec as usize].fclass == b'P')
            .map(|c| {
                let r = &gaz.recs[c.rec as usize];
                (&*r.cc, &*r.admin1, c.rec, r.pop)
            })
            .collect();
        for c in v.iter_mut() {
            let r = &gaz.recs[c.rec as usize];
            if c.demonym || !(&*r.fcode == "ADM1" || &*r.fcode == "ADM2") {
                continue;
            }
            // ... all the more a city that holds a large part of its province's people ("New York")
            let seat = |big: bool| {
                seats.iter().any(|(cc, a1, seat, pop)| {
                    *cc == &*r.cc
                        && *a1 == &*r.admin1
                        && (*pop as f64 >= 0.3 * r.pop as f64
                            || *pop >= 1_000_000
                            // a seat with a tenth of its province's people at least ("Quebec" is
                            // the province: its city holds a twentieth of it)
                            || (!big && *pop as f64 >= 0.1 * r.pop as f64 && gaz.folded(*seat) == *mention_key()))
                })
            };
            if seat(true) {
                c.score -= 4.0;
            } else if seat(false) {
                c.score -= 2.5;
            }
        }
        cands.push(v);
    }
    // Kind words around each name.
    let kinds: Vec<Option<&'static str>> = found
        .iter()
        .map(|f| {
            let after = words.get(f.w1 + 1).filter(|w| !w.break_before).and_then(|w| kind_after(&w.lower));
            let before = if f.w0 >= 2 && words[f.w0 - 1].lower == "of" && !words[f.w0].break_before {
                kind_after(&words[f.w0 - 2].lower)
            } else if f.w0 >= 1 && !words[f.w0].break_before {
                match words[f.w0 - 1].lower.as_str() {
                    "river" => Some("stm"),
                    "lake" => Some("water"),
                    "mount" => Some("mt"),
                    _ => None,
                }
            } else {
                None
            };
            before.or(after)
        })
        .collect();
    // "Homs and Aleppo governorates": a plural kind word covers the names joined to it.
    let mut kinds = kinds;
    for k in (0..n.saturating_sub(1)).rev() {
        if kinds[k].is_none() && kinds[k + 1].is_some() {
            let between = text.get(found[k].span.end..found[k + 1].span.start).unwrap_or("").trim();
            let plural = words.get(found[k + 1].w1 + 1).is_some_and(|w| w.lower.ends_with('s'));
            if plural && matches!(between, "and" | "," | "or" | ", and") {
                kinds[k] = kinds[k + 1];
            }
        }
    }
    for (k, v) in cands.iter_mut().enumerate() {
        if let Some(kind) = kinds[k] {
            for c in v.iter_mut() {
                if !c.demonym && kind_match(kind, &gaz.recs[c.rec as usize]) {
                    c.score += if kind == "ppl" { 1.5 } else { 6.0 };
                }
            }
        }
    }
    let best0: Vec<Option<Cand>> = cands.iter().map(|v| best(v)).collect();

    // Containers: "X, Y" / "X in Y" where Y is a country or province.
    let mut container: Vec<Option<u32>> = vec![None; n];
    for k in 0..n.saturating_sub(1) {
        let between = text.get(found[k].span.end..found[k + 1].span.start).unwrap_or("").trim();
        let between = between.trim_start_matches(',').trim();
        let ok =
            between.is_empty() || between == "in" || between == "in the" || between == "," || between == "province of";
        if !ok {
            continue;
        }
        if let Some(b) = best0[k + 1] {
            let r = &gaz.recs[b.rec as usize];
            if is_admin_area(r) && !b.demonym {
                container[k] = Some(b.rec);
            }
        }
    }
    // "X, south of Y" / "X near Y" / "X, 20 km outside Y" where Y is a town: X is near Y.
    let mut near_town: Vec<Option<u32>> = vec![None; n];
    for k in 0..n.saturating_sub(1) {
        let between = text.get(found[k].span.end..found[k + 1].span.start).unwrap_or("");
        if !is_near_phrase(between) {
            continue;
        }
        if let Some(b) = best0[k + 1] {
            let r = &gaz.recs[b.rec as usize];
            if !b.demonym && (r.fclass == b'P' || matches!(&*r.fcode, "ADM2" | "ADM3")) {
                near_town[k] = Some(b.rec);
            }
        }
    }
    // "the Syrian town of X": a demonym right before a place word.
    for k in 0..n {
        if found[k].w0 >= 3 {
            let w = &words[found[k].w0 - 1];
            if w.lower == "of" && kind_after(&words[found[k].w0 - 2].lower).is_some() {
                if let Some(j) = k.checked_sub(1) {
                    if found[j].w1 + 3 == found[k].w0 {
                        if let Some(b) = best0[j] {
                            if b.demonym {
                                container[k] = Some(b.rec);
                            }
                        }
                    }
                }
            }
        }
    }

    // One name, one sense: the mentions of the same name form a group, and a mention's context is
    // what the other names say (a name repeated ten times does not vote for its own reading).
    let mut group: Vec<usize> = Vec::with_capacity(n);
    {
        let mut first: HashMap<String, usize> = HashMap::default();
        for (k, f) in found.iter().enumerate() {
            let t = match (words.get(f.w0), words.get(f.w1)) {
                (Some(a), Some(b)) if a.start < b.end => text.get(a.start..b.end),
                _ => None,
            };
            let key = crate::fold::fold_name(t.or(text.get(f.span.start..f.span.end)).unwrap_or(""));
            group.push(*first.entry(key).or_insert(k));
        }
    }
    // ... and what the text says of one mention's place it says of all ("Edmonton, south of
    // Cairns" and later "Edmonton")
    for k in 0..n {
        if container[k].is_none() && near_town[k].is_none() {
            // (not "Singapore, Singapore": a container that is a reading of the name itself)
            let own = |r: Option<u32>| r.is_some_and(|r| cands[k].iter().any(|c| c.rec == r));
            if let Some(j) = (0..n).find(|&j| {
                group[j] == group[k]
                    && (container[j].is_some() || near_town[j].is_some())
                    && !own(container[j])
                    && !own(near_town[j])
            }) {
                container[k] = container[j];
                near_town[k] = near_town[j];
            }
        }
    }
    // Mutual support: a reading of an ambiguous name near a plausible reading of another name
    // ("London" with "St. Thomas" and "Middlesex" is London, Ontario; "Edmonton" with "Enfield"
    // is the one in north London). Computed once per name, over a few readings of each.
    let mut support: HashMap<(usize, u32), f32> = HashMap::default();
    {
        // per name: its readings (rec, lat, lon, plausible enough to support another name)
        type Readings = Vec<(u32, f64, f64, bool)>;
        let mut reps: Vec<(usize, Readings)> = Vec::new();
        for k in 0..n {
            let (true, Some(b)) = (group[k] == k, best0[k]) else { continue };
            if b.demonym {
                continue;
            }
            let best_pop = gaz.recs[b.rec as usize].pop;
            let mut pl: Vec<&Cand> = cands[k]
                .iter()
                .filter(|c| {
                    let r = &gaz.recs[c.rec as usize];
                    // (a village is not lifted over a city: London, Ontario may win over London,
                    // a hamlet called Atlanta not over Atlanta)
                    !c.demonym
                        && c.score >= b.score - SUPPORT_RECEIVE
                        && !is_country(r)
                        && r.fclass != b'L'
                        && (c.rec == b.rec || r.pop.max(SUPPORT_POP_FLOOR) * SUPPORT_POP_RATIO >= best_pop)
                })
                .collect();
            pl.sort_by(|x, y| y.score.total_cmp(&x.score));
            pl.truncate(SUPPORT_READINGS);
            // a common word that is also a name ("Congress", "West") supports nothing
            let common = (found[k].w0..=found[k].w1)
                .filter_map(|i| words.get(i))
                .filter(|w| !w.article)
                .all(|w| g.stop.is_soft(&w.lower) || g.stop.is_hard(&w.lower));
            let v = pl
                .iter()
                .map(|c| {
                    let r = &gaz.recs[c.rec as usize];
                    (c.rec, r.lat, r.lon, !common && c.score >= b.score - SUPPORT_GIVE)
                })
                .collect();
            reps.push((k, v));
        }
        for (g, cs) in &reps {
            // only a name with more than one plausible reading is helped
            if cs.len() < 2 {
                continue;
            }
            for &(rec, la, lo, _) in cs {
                let cnt = reps
                    .iter()
                    .filter(|(h, ds)| {
                        // (the readings are by score: those that support come first; 40 km is
                        // less than 0.4 degrees of latitude, a cheap test before the haversine)
                        h != g
                            && ds.iter().take_while(|d| d.3).any(|&(drec, dla, dlo, _)| {
                                drec != rec && (la - dla).abs() < 0.4 && distance_km(la, lo, dla, dlo) <= SUPPORT_KM
                            })
                    })
                    .count();
                if cnt > 0 {
                    support.insert((*g, rec), SUPPORT_W * cnt.min(SUPPORT_MAX_NAMES) as f32);
                }
            }
        }
    }
    let any_given = found.iter().any(|f| f.given);
    // Document context: countries and provinces of names that are sure.
    let mut ctx_cc: HashMap<&str, f32> = HashMap::default();
    let mut ctx_a1: HashMap<(&str, &str), f32> = HashMap::default();
    let mut sure_pts: Vec<(usize, f64, f64)> = Vec::new();
    let mut seen_pts: HashSet<(usize, u32)> = HashSet::default();
    let mut total = 0.0f32;
    let mut contrib: Vec<Option<(&str, &str, f32)>> = vec![None; n];
    for (k, v) in cands.iter().enumerate() {
        let Some(b) = best0[k] else { continue };
        let r = &gaz.recs[b.rec as usize];
        // sure of the country: well ahead of every reading in another country
        let second = v
            .iter()
            .filter(|c| c.rec != b.rec && gaz.recs[c.rec as usize].cc != r.cc)
            .map(|c| c.score)
            .fold(f32::MIN, f32::max);
        let sure = b.demonym || is_country(r) || second == f32::MIN || b.score - second >= SURE_MARGIN;
        if !sure || r.cc.is_empty() {
            continue;
        }
        let mut w = if b.demonym || is_country(r) { 1.5 } else { 1.0 };
        if found[k].span.start < 60 {
            w += 1.0; // dateline
        }
        // given spans (gold-span mode) are the caller's places; names found around them only
        // help ("Mather" in a story about a woman of that name is no town in the US)
        if any_given && !found[k].given {
            w *= DETECTED_AMONG_GIVEN_W;
        }
        contrib[k] = Some((&*r.cc, &*r.admin1, w));
        *ctx_cc.entry(&r.cc).or_default() += w;
        total += w;
        if !is_country(r) && !b.demonym && !r.admin1.is_empty() {
            *ctx_a1.entry((&r.cc, &r.admin1)).or_default() += w;
        }
        // one point per name and place: a name repeated fifty times is one point, not fifty
        if !is_country(r) && !b.demonym && &*r.fcode != "CONT" && seen_pts.insert((group[k], b.rec)) {
            sure_pts.push((group[k], r.lat, r.lon));
        }
    }
    // what each group of same-name mentions gave to the context
    let mut grp_cc: HashMap<(usize, &str), f32> = HashMap::default();
    let mut grp_a1: HashMap<(usize, &str, &str), f32> = HashMap::default();
    let mut grp_total: HashMap<usize, f32> = HashMap::default();
    for (k, c) in contrib.iter().enumerate() {
        if let Some((cc, a1, w)) = *c {
            *grp_cc.entry((group[k], cc)).or_default() += w;
            *grp_a1.entry((group[k], cc, a1)).or_default() += w;
            *grp_total.entry(group[k]).or_default() += w;
        }
    }
    let total = total.max(1.0);
    // The share of the document's leading country: oceans and seas belong to no country, but they
    // are as much in the document's region as its own towns ("the Atlantic" in a US report is the
    // ocean, not Atlantic, Iowa).
    let lead_share = (ctx_cc.values().copied().fold(0.0f32, f32::max) / (total + SHARE_PRIOR)).min(1.0);

    let mut out = Vec::with_capacity(n);
    let mut near_cache: HashMap<(usize, u32), bool> = HashMap::default();
    for (k, f) in found.iter().enumerate() {
        let mut v = cands[k].clone();
        let cont = container[k].map(|i| &gaz.recs[i as usize]);
        for c in v.iter_mut() {
            if c.demonym {
                continue;
            }
            let r = &gaz.recs[c.rec as usize];
            // other names' weight only, not the name's own
            let g = group[k];
            let own_cc = grp_cc.get(&(g, &*r.cc)).copied().unwrap_or(0.0);
            let own_a1 = grp_a1.get(&(g, &*r.cc, &*r.admin1)).copied().unwrap_or(0.0);
            // a prior weight keeps one other name from making the whole context
            let total = (total - grp_total.get(&g).copied().unwrap_or(0.0)).max(0.0) + SHARE_PRIOR;
            let cc_w = ctx_cc.get(&*r.cc).copied().unwrap_or(0.0);
            let cc_share = ((cc_w - own_cc).max(0.0) / total).min(1.0);
            c.score += COUNTRY_W * cc_share;
            if r.cc.is_empty() && &*r.fcode != "CONT" {
                c.score += COUNTRY_W * lead_share;
            }
            if !r.admin1.is_empty() {
                let a_w = ctx_a1.get(&(&*r.cc, &*r.admin1)).copied().unwrap_or(0.0);
                c.score += ADMIN1_W * ((a_w - own_a1).max(0.0) / total).min(1.0);
            }
            if let Some(cr) = cont {
                if cr.cc == r.cc && (is_country(cr) || cr.admin1 == r.admin1) && cr.id != r.id {
                    c.score += 6.0;
                }
            }
            if let Some(t) = near_town[k].map(|i| &gaz.recs[i as usize]) {
                if t.id != r.id
                    && (t.lat - r.lat).abs() < 1.5
                    && distance_km(r.lat, r.lon, t.lat, t.lon) <= NEAR_TOWN_KM
                {
                    c.score += 6.0;
                }
            }
            c.score += support.get(&(g, c.rec)).copied().unwrap_or(0.0);
            // spatial coherence: near another sure place of the document
            if !is_country(r) && r.fclass != b'L' {
                // the same for every mention of the name: computed once per name and place
                let near = *near_cache.entry((g, c.rec)).or_insert_with(|| {
                    sure_pts
                        .iter()
                        .filter(|(j, _, _)| *j != g)
                        // 250 km is at least 2.24 degrees of latitude: a cheap test before the haversine.
                        .any(|(_, la, lo)| (r.lat - la).abs() < 2.3 && distance_km(r.lat, r.lon, *la, *lo) < 250.0)
                });
                if near {
                    c.score += 1.0;
                }
            }
        }
        let g = group[k];
        // what the document's names other than this one gave to country `cc`
        let elsewhere_of =
            |cc: &str| ctx_cc.get(cc).copied().unwrap_or(0.0) - grp_cc.get(&(g, cc)).copied().unwrap_or(0.0);
        // A name that is only a compass word ("West": a region of Cameroon, a town in Texas) is
        // such a place only where the document is about its country: "the West" is not Cameroon.
        let compass = is_compass_name(mention_texts[k]);
        v.retain(|c| {
            let r = &gaz.recs[c.rec as usize];
            if !compass || c.demonym || r.cc.is_empty() {
                return true;
            }
            elsewhere_of(&r.cc) > 0.0 || cont.is_some_and(|cr| cr.cc == r.cc)
        });
        // A city in a country the rest of the document never names, against a city of 50,000 or
        // more in the country the document is about: "London" in a report that names Canada
        // three times and Britain never is London, Ontario.
        let others_total = (total - grp_total.get(&g).copied().unwrap_or(0.0)).max(0.0);
        if let Some(b) = best(&v) {
            let r = &gaz.recs[b.rec as usize];
            if !b.demonym && r.fclass == b'P' && !r.cc.is_empty() && elsewhere_of(&r.cc) <= 0.0 && others_total >= 2.0 {
                for c in v.iter_mut() {
                    let q = &gaz.recs[c.rec as usize];
                    if !c.demonym
                        && c.own
                        && q.fclass == b'P'
                        && q.pop >= ABSENT_COUNTRY_MIN_POP
                        && !q.cc.is_empty()
                        && elsewhere_of(&q.cc) / (others_total + SHARE_PRIOR) >= 0.3
                    {
                        c.score += ABSENT_COUNTRY_W;
                    }
                }
            }
        }
        let own = Own { group: g, total: grp_total.get(&g).copied().unwrap_or(0.0), cc: &grp_cc };
        // A far-fetched best reading drops out with all the others but those in a country the rest
        // of the document names.
        let b = match best(&v) {
            Some(b) if far_fetched(gaz, &b, &own, &ctx_cc, total, &sure_pts) => {
                v.retain(|c| {
                    elsewhere_of(&gaz.recs[c.rec as usize].cc) > 0.0
                        && !far_fetched(gaz, c, &own, &ctx_cc, total, &sure_pts)
                });
                best(&v)
            }
            b => b,
        };
        let (place, role, conf) = match b {
            Some(b) => {
                let second = v.iter().filter(|c| c.rec != b.rec).map(|c| c.score).fold(f32::MIN, f32::max);
                let margin = if second == f32::MIN { 5.0 } else { b.score - second };
                let conf = 1.0 / (1.0 + (-margin).exp());
                let r = &gaz.recs[b.rec as usize];
                let role = if b.demonym {
                    PlaceRole::Demonym
                } else if (is_country(r) || &*r.fcode == "PPLC") && metonym_after(text, words, f) {
                    PlaceRole::Metonym
                } else {
                    PlaceRole::Literal
                };
                (Some(gaz.place(b.rec)), role, conf.clamp(0.05, 0.99))
            }
            None => {
                let dem = f.entries.iter().any(|e| matches!(e, Entry::FreeDemonym(_)));
                (None, if dem { PlaceRole::Demonym } else { PlaceRole::Literal }, 0.3)
            }
        };
        out.push(PlaceMention {
            span: f.span,
            role,
            place,
            confidence: conf,
            container: container[k].map(|i| gaz.recs[i as usize].id),
        });
    }
    out
}

/// Mutual support of names: a reading this far below its name's best can be helped ...
const SUPPORT_RECEIVE: f32 = 7.0;
/// ... by a reading of another name this far below that name's best at most ...
const SUPPORT_GIVE: f32 = 2.0;
/// ... within this distance; of each name, this many readings at most are compared ...
const SUPPORT_KM: f64 = 40.0;
const SUPPORT_READINGS: usize = 8;
/// ... and each supporting name adds this much, for this many names at most.
const SUPPORT_W: f32 = 2.5;
const SUPPORT_MAX_NAMES: usize = 2;
/// A reading may be helped over its name's best only with this share of its people at least.
const SUPPORT_POP_RATIO: u64 = 30;
/// (GeoNames leaves many neighbourhoods and villages without a population: count them as this.)
const SUPPORT_POP_FLOOR: u64 = 1_000;

/// How far from the town of "X, south of Y" or "X near Y" the place X may be.
const NEAR_TOWN_KM: f64 = 150.0;

/// The words between two names that put the first near the second: "near", "outside", "(, )south
/// of", "(, )20 km north-east of", "close to".
fn is_near_phrase(between: &str) -> bool {
    // (more than the at most 5 words of these phrases, and a leading comma: not one of them)
    if between.split_whitespace().nth(6).is_some() {
        return false;
    }
    let b = between.trim().trim_start_matches(',').trim().to_ascii_lowercase();
    // a distance first: "20 km", "12 miles", "five kilometres"
    let mut w: Vec<&str> = b.split_whitespace().collect();
    if w.len() >= 3
        && matches!(w[1], "km" | "kms" | "kilometres" | "kilometers" | "miles" | "mi")
        && (w[0].bytes().all(|c| c.is_ascii_digit() || c == b'.')
            || matches!(w[0], "a" | "two" | "three" | "four" | "five" | "six" | "ten" | "few" | "several"))
    {
        w.drain(..2);
    }
    let compass = |d: &str| {
        matches!(
            d.replace('-', "").as_str(),
            "north" | "south" | "east" | "west" | "northeast" | "northwest" | "southeast" | "southwest"
        )
    };
    match w.as_slice() {
        ["near"] | ["outside"] | ["outside", "of"] | ["close", "to"] | ["just", "outside"] => true,
        [d, "of"] | ["just", d, "of"] => compass(d),
        _ => false,
    }
}

/// What a group of same-name mentions gave to the document context.
struct Own<'a, 'b> {
    group: usize,
    total: f32,
    cc: &'b HashMap<(usize, &'a str), f32>,
}

/// A place reached only through romanization folding, in a country the rest of the document
/// never names and far from every place it is sure of ("al-Nuri" in a Mosul report is
/// not a village in Italy, "al-Midan" in Damascus is not Medan): better unresolved than placed on
/// the wrong continent.
fn far_fetched(
    gaz: &crate::gazetteer::Gazetteer,
    b: &Cand,
    own: &Own,
    ctx_cc: &HashMap<&str, f32>,
    total: f32,
    sure_pts: &[(usize, f64, f64)],
) -> bool {
    let r = &gaz.recs[b.rec as usize];
    if b.demonym || is_country(r) || &*r.fcode == "PPLC" || curated(r) {
        return false;
    }
    // a place whose name the mention spells may well be meant (Sochi, a village the report
    // names); a romanization fold of its name alone needs the document's support, however big
    // the place ("al-Midan" in Damascus is not Medan)
    if b.spelled {
        return false;
    }
    let others = total - own.total;
    let own_cc = own.cc.get(&(own.group, &*r.cc)).copied().unwrap_or(0.0);
    let cc_elsewhere = ctx_cc.get(&*r.cc).copied().unwrap_or(0.0) - own_cc;
    others >= 2.0
        && cc_elsewhere <= 0.0
        && !sure_pts.iter().any(|(j, la, lo)| *j != own.group && distance_km(r.lat, r.lon, *la, *lo) < 1000.0)
}

/// A name that is only a compass word, as GeoNames names some regions ("West", "Southern").
fn is_compass_name(name: &str) -> bool {
    let mut b = String::new();
    crate::fold::base_letters(name, &mut b);
    matches!(
        b.as_str(),
        "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "centre"
            | "center"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
            | "farnorth"
    )
}

fn best(v: &[Cand]) -> Option<Cand> {
    let mut b: Option<Cand> = None;
    for c in v {
        match b {
            None => b = Some(*c),
            Some(x) if c.score > x.score => b = Some(*c),
            _ => {}
        }
    }
    b
}
