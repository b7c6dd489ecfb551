//! Gold-span mode: given spans that the gazetteer lacks as a whole (streets, facilities,
//! neighbourhoods) or that only part of is a name, and their approximate placement.

use crate::fold::Word;
use crate::gazetteer::{Entry, HashMap};
use crate::{Found, Geoparser, PlaceMention, PlaceRole};

use super::score::{is_country, kind_after};

/// Compass and size words: part of a name ("South Florida", "Greater Manchester") that names no
/// place of its own.
pub(super) const COMPASS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower",
    "greater",
];

/// Words that name no place by themselves inside a longer given span: compass words ("South
/// Florida", "Western US") and the heads of organisation names ("Bank of Japan", "University of
/// California", "Council of Europe").
const WEAK_PARTS: &[&str] = &[
    "university",
    "bank",
    "council",
    "center",
    "centre",
    "republic",
    "tower",
    "hospital",
    "church",
    "college",
    "school",
    "institute",
    "office",
    "hall",
    "house",
    "park",
    "point",
    "stadium",
    "airport",
    "mall",
    "museum",
    "embassy",
    "federal",
    "national",
    "state",
    "city",
    "county",
    "memorial",
    "nazi",
];

/// A given span (gold-span mode) whose best-known part is only a weak word ("South" in "South
/// Florida", "Bank" in "Bank of Japan"): the place is the longest other part of the span that is a
/// name. Returns the entries and the byte range of that part.
pub(super) fn refine_given(g: &Geoparser, text: &str, words: &[Word], f: &Found) -> Option<(Vec<Entry>, usize, usize)> {
    if !f.given {
        return None;
    }
    let inside: Vec<usize> =
        (0..words.len()).filter(|&k| words[k].start >= f.span.start && words[k].end <= f.span.end).collect();
    let weak = |k: usize| {
        COMPASS.contains(&&*words[k].lower)
            || WEAK_PARTS.contains(&&*words[k].lower)
            || words[k].article
            || words[k].lower == "of"
    };
    let matched_weak = (f.w0..=f.w1).all(|k| k < words.len() && weak(k));
    if inside.len() < 2 || !matched_weak {
        return None;
    }
    for len in (1..inside.len()).rev() {
        for a in (0..=inside.len() - len).rev() {
            let part = &inside[a..a + len];
            if !weak(part[0]) && !weak(part[len - 1]) {
                let (s, e) = (words[part[0]].start, words[part[len - 1]].end);
                let Some(name) = text.get(s..e) else { continue };
                let entries: Vec<Entry> = g
                    .candidates(name)
                    .iter()
                    .filter_map(|p| g.gaz.by_id.get(&p.geonameid).map(|&i| Entry::Place(i)))
                    .collect();
                if !entries.is_empty() {
                    return Some((entries, s, e));
                }
            }
        }
    }
    None
}

/// Words of a facility's name that name no place of their own ("Seoul Central District Court",
/// "Colchester General Hospital", "Florida International University").
const FACILITY_MODIFIERS: &[&str] = &[
    "new",
    "old",
    "international",
    "national",
    "general",
    "memorial",
    "regional",
    "district",
    "state",
    "federal",
    "medical",
    "community",
    "public",
    "main",
    "grand",
    "royal",
    "city",
    "county",
    "the",
    "of",
    "and",
];

/// A given span that the gazetteer lacks as a whole and that ends in a facility word ("Royal
/// Street", "Colchester General Hospital"), starts with one before "of" ("University of
/// California"), or starts with a house number ("2231 Royal Street"): the feature class and code of
/// what it names. `f` is what the gazetteer lookup found in the span.
pub(crate) fn facility_kind<'g>(
    g: &'g Geoparser,
    words: &[Word],
    span: crate::Span,
    f: Option<&Found>,
) -> Option<(&'g str, &'g str)> {
    let inside: Vec<usize> = (0..words.len())
        .filter(|&k| words[k].start >= span.start && words[k].end <= span.end && !words[k].article)
        .collect();
    let (&first, &last) = (inside.first()?, inside.last()?);
    // the whole span is a name ("Wall Street", "Menlo Park")
    if f.is_some_and(|f| f.w0 <= first && f.w1 >= last) {
        return None;
    }
    if let Some(k) = g.stop.facility(&words[last].lower) {
        return Some(k);
    }
    if inside.len() >= 3 && words[inside[1]].lower == "of" {
        if let Some(k) = g.stop.facility(&words[first].lower) {
            return Some(k);
        }
    }
    if inside.len() >= 2 && words[first].lower.bytes().all(|b| b.is_ascii_digit()) {
        return Some(("R", "ST"));
    }
    // a facility word after a name, followed by the place it is in: "British Embassy Tokyo" (not
    // "St. Mark's", "Hotel Kyjev", "Museum of Ice Cream": named after a saint, a city, a thing)
    for (a, &k) in inside.iter().enumerate().take(inside.len() - 1).skip(1) {
        if let Some(kind @ ("S", _)) = g.stop.facility(&words[k].lower) {
            let rest = &inside[a + 1..];
            if rest.iter().all(|&r| words[r].capital && !words[r].break_before) {
                let key: Vec<String> =
                    rest.iter().map(|&r| crate::fold::fold_base(&words[r].lower)).filter(|k| !k.is_empty()).collect();
                let city = g.gaz.index.get(&key.join(" ")).is_some_and(|e| {
                    e.iter().any(|e| matches!(e, Entry::Place(i) if g.gaz.recs[*i as usize].fclass == b'P'))
                });
                if city {
                    return Some(kind);
                }
            }
        }
    }
    None
}

/// The part of a facility's name that may name a place: the last run of words that are not
/// facility words or modifiers and that the gazetteer knows ("Colchester" in "Colchester General
/// Hospital", "California" in "University of California").
pub(crate) fn facility_named_part(g: &Geoparser, text: &str, words: &[Word], span: crate::Span) -> Option<Found> {
    let inside: Vec<usize> =
        (0..words.len()).filter(|&k| words[k].start >= span.start && words[k].end <= span.end).collect();
    let skip = |k: usize| {
        let w = &words[k];
        !w.capital
            || g.stop.facility(&w.lower).is_some()
            || COMPASS.contains(&&*w.lower)
            || FACILITY_MODIFIERS.contains(&&*w.lower)
            || w.lower.bytes().all(|b| b.is_ascii_digit())
    };
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &k in &inside {
        if skip(k) {
            continue;
        }
        match runs.last_mut() {
            Some((_, b)) if *b + 1 == k && !words[k].break_before => *b = k,
            _ => runs.push((k, k)),
        }
    }
    // (else a demonym: "British Embassy" is the United Kingdom's, as GeoWebNews marks it)
    let mut demonym = None;
    for &(a, b) in runs.iter().rev() {
        let sub = crate::Span::new(words[a].start, words[b].end);
        if let Some(f) = g.lookup_span(text, words, sub) {
            if f.entries.iter().any(|e| matches!(e, Entry::Place(_))) {
                return Some(Found { span, ..f });
            }
            if demonym.is_none() && f.entries.iter().any(|e| matches!(e, Entry::Demonym(_))) {
                demonym = Some(Found { span, ..f });
            }
        }
    }
    demonym
}

/// Whether the matched name of `f` comes after a facility word of span `s` ("Tokyo" in "British
/// Embassy Tokyo").
fn after_facility_word(g: &Geoparser, words: &[Word], s: crate::Span, f: &Found) -> bool {
    let first = words.iter().position(|w| w.start >= s.start && !w.article);
    (0..f.w0.min(words.len())).any(|k| {
        words[k].start >= s.start && Some(k) != first && g.stop.facility(&words[k].lower).is_some_and(|(c, _)| c == "S")
    })
}

/// Whether the text before span `s` puts something at the place it names: "at the", "in the",
/// "outside", "leaving the", "visited the", "the grounds of the" (not "a statement from the").
fn locative_before(text: &str, s: crate::Span) -> bool {
    let Some(before) = text.get(..s.start) else { return false };
    let mut ws = before.rsplit(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase);
    let mut w = ws.next();
    if w.as_deref() == Some("the") {
        w = ws.next();
    }
    match w.as_deref() {
        Some(
            "at" | "in" | "inside" | "outside" | "near" | "into" | "behind" | "beside" | "opposite" | "across"
            | "around" | "past" | "visited" | "visiting" | "leaving" | "left" | "entered" | "entering" | "stormed"
            | "attacked" | "reached" | "guarded" | "surrounded" | "besieged" | "bombed" | "shelled" | "struck" | "hit"
            | "targeted" | "torched" | "evacuated",
        ) => true,
        Some("of") => matches!(
            ws.next().as_deref(),
            Some("grounds" | "gates" | "gate" | "steps" | "front" | "compound" | "premises" | "roof" | "entrance")
        ),
        _ => false,
    }
}

/// The capital of country `cc` (ISO 3166-1 alpha-2).
fn capital_of(g: &Geoparser, cc: &str) -> Option<crate::Place> {
    let i = g.gaz.recs.iter().position(|r| &*r.fcode == "PPLC" && &*r.cc == cc)?;
    Some(g.gaz.place(i as u32))
}

/// "the West", "Western" (capitalized, alone: "Western governments") and "the East", "Eastern"
/// ("the Eastern bloc") name the West and the East of geopolitics, which a map shows as Western
/// and Eastern Europe (the UN M49 regions), when they name no region of a country the document
/// is about (the resolver keeps "West" for Cameroon's West region only in a report on Cameroon).
fn west_or_east(g: &Geoparser, span: &str) -> Option<crate::Place> {
    let t = span.trim();
    let t = t.strip_prefix("the ").or_else(|| t.strip_prefix("The ")).unwrap_or(t);
    let region = match t {
        "West" | "Western" => "Western Europe",
        "East" | "Eastern" => "Eastern Europe",
        _ => return None,
    };
    g.candidates(region).into_iter().find(|p| p.feature_code == "RGN" && p.name == region)
}

/// A small town (under 50,000 people) that nothing else in the document is near (no province,
/// county or town of 50,000 within 500 km: the country alone, "US forces", is no support) has a
/// namesake of at least three times its people, and 50,000 at least, in a country the document
/// names: the namesake ("Sgt X was born in Manchester" in a report that names Britain is not
/// Manchester, Connecticut; "Aberdeen Asset Management" beside the Bank of England is not
/// Aberdeen, South Dakota). `own` is the index of the mention in `resolved`.
fn bigger_namesake(
    g: &Geoparser,
    text: &str,
    words: &[Word],
    f: &Found,
    p: &crate::Place,
    resolved: &[PlaceMention],
    own: usize,
) -> Option<crate::Place> {
    if p.geonameid == 0 || p.feature_class != "P" || p.population >= 50_000 {
        return None;
    }
    if matches!(&*p.feature_code, "PPLC" | "PPLA") {
        return None;
    }
    let supported = resolved.iter().enumerate().any(|(j, m)| {
        let Some(q) = m.place.as_ref() else { return false };
        j != own
            && q.geonameid != 0
            && q.geonameid != p.geonameid
            && (matches!(&*q.feature_code, "ADM1" | "ADM2" | "ADM3")
                || (q.feature_class == "P" && q.population >= 50_000))
            && crate::distance_km(p.lat, p.lon, q.lat, q.lon) <= 500.0
    });
    if supported {
        return None;
    }
    // the words that name the place ("Cambridge" of "Robinson College Cambridge")
    let (a, b) = (words.get(f.w0)?, words.get(f.w1)?);
    let name = text.get(a.start..b.end)?;
    let mut lower = String::new();
    crate::fold::base_letters(name, &mut lower);
    let named = |cc: &str| {
        resolved
            .iter()
            .enumerate()
            .any(|(j, m)| j != own && m.place.as_ref().is_some_and(|q| q.country.as_deref() == Some(cc)))
    };
    g.candidates(name)
        .into_iter()
        .filter(|q| {
            q.feature_class == "P"
                && q.population >= 50_000
                && q.population >= 3 * p.population
                && q.country.is_some()
                && q.country != p.country
                && g.gaz.by_id.get(&q.geonameid).is_some_and(|&i| g.gaz.has_name(i, &lower))
                && q.country.as_deref().is_some_and(named)
        })
        .max_by_key(|q| q.population)
}

/// A one-word span that reads as an adjective of a people or region ("Sicilian", "Western"), not
/// a place of its own: never located approximately.
fn adjective_like(text: &str) -> bool {
    let t = text.trim();
    !t.contains(char::is_whitespace)
        && ["ian", "ean", "ese", "ish", "ern", "ic"].iter().any(|s| t.to_lowercase().ends_with(s))
}

/// An acronym the document spells out: "T&T" after "Trinidad and Tobago", "SA" with "South
/// Africa" or "South Africans". The place of another mention whose name or text has the
/// acronym's letters as its words' initials ("and", "of", "the" left out).
fn acronym_of<'r>(text: &str, s: crate::Span, resolved: &'r [PlaceMention]) -> Option<&'r crate::Place> {
    let t = text.get(s.start..s.end)?.trim();
    let letters: String = t.chars().filter(|c| c.is_ascii_uppercase()).collect();
    if !(2..=5).contains(&letters.len()) || !t.chars().all(|c| c.is_ascii_uppercase() || c == '&' || c == '.') {
        return None;
    }
    let initials = |name: &str| -> String {
        name.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty() && !matches!(w.to_lowercase().as_str(), "and" | "of" | "the" | "&"))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    resolved.iter().find_map(|m| {
        let p = m.place.as_ref()?;
        if p.geonameid == 0 || m.span.overlaps(s) {
            return None;
        }
        let own = text.get(m.span.start..m.span.end).unwrap_or("");
        (initials(&p.name) == letters || initials(own) == letters).then_some(p)
    })
}

/// The head of a country's formal name, for the country the document names: "the Islamic
/// Republic" beside "Iran" (the Islamic Republic of Iran), "the Republic" beside "Ireland", "the
/// Kingdom" beside "Saudi Arabia"; or the first part of its double name ("Trinidad" beside
/// "Trinidad and Tobago"). Of several such countries, the one named most often.
fn formal_head_of<'r>(
    g: &Geoparser,
    text: &str,
    s: crate::Span,
    resolved: &'r [PlaceMention],
) -> Option<&'r crate::Place> {
    let t = text.get(s.start..s.end)?.trim();
    let t = t.strip_prefix("the ").or_else(|| t.strip_prefix("The ")).unwrap_or(t).trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    // (capitalized words only, a few: a formal name's head, not a phrase)
    if words.is_empty() || words.len() > 3 || !words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase)) {
        return None;
    }
    let mut best: Option<(usize, &crate::Place)> = None;
    let mut tried: Vec<i64> = Vec::new();
    // ("Trinidad" beside "Trinidad and Tobago": the first part of a country's double name)
    let first_part = format!("{t} and ");
    for m in resolved {
        let Some(p) = m.place.as_ref() else { continue };
        if !is_country(&p.feature_code) || p.geonameid <= 0 || m.span.overlaps(s) || tried.contains(&p.geonameid) {
            continue;
        }
        tried.push(p.geonameid);
        let formal = format!("{t} of {}", p.name);
        if p.name.starts_with(&first_part) || g.candidates(&formal).iter().any(|q| q.geonameid == p.geonameid) {
            let n = resolved.iter().filter(|m| m.place.as_ref().is_some_and(|q| q.geonameid == p.geonameid)).count();
            if best.is_none_or(|(b, _)| n > b) {
                best = Some((n, p));
            }
        }
    }
    best.map(|(_, p)| p)
}

fn city_level(p: &crate::Place) -> bool {
    p.feature_class == "P" || matches!(&*p.feature_code, "ADM2" | "ADM3" | "ADM4" | "ADM5")
}

/// The given spans' places (gold-span mode). A span the gazetteer lacks (a street, building or
/// neighbourhood) or that names a facility after a place is located approximately: at the town
/// it is named after when the document is about that town, else at the place the text puts it
/// in ("X in Y", "X, Y", "Y's X"), else at the document's focal place (its most-mentioned town,
/// the dateline counting double). Such an answer has geonameid 0, the anchor's name and point,
/// and the facility's feature code when its name says it ("ST", "HSP"); a document without a
/// town or province leaves the span unresolved (never a silent country centroid).
#[allow(clippy::too_many_arguments)]
pub(crate) fn locate_given(
    g: &Geoparser,
    text: &str,
    words: &[Word],
    spans: &[crate::Span],
    found: &[Found],
    resolved: &[PlaceMention],
    given_idx: &[Option<usize>],
    facility: &[Option<(&str, &str)>],
) -> Vec<Option<crate::Place>> {
    // Names resolved through a part of their span only: a facility named after a place, or a
    // given span of which only some words are a name ("Turtle Point", "Vienna/Fairfax-GMU Metro").
    let mut fac_found = vec![false; found.len()];
    let mut is_facility = vec![false; found.len()];
    for (gi, k) in given_idx.iter().zip(facility) {
        if let Some(i) = *gi {
            let f = &found[i];
            let partial = words.iter().enumerate().any(|(k, w)| {
                w.start >= f.span.start
                    && w.end <= f.span.end
                    && !(f.w0..=f.w1).contains(&k)
                    && w.capital
                    && !w.article
                    && kind_after(&w.lower).is_none()
                    && !COMPASS.contains(&&*w.lower)
                    && !FACILITY_MODIFIERS.contains(&&*w.lower)
            });
            fac_found[i] = k.is_some() || partial;
            is_facility[i] = k.is_some();
        }
    }
    // The focal place: the town (else province) that the given names mention most, counting the
    // names in its province and country as half and a quarter of a mention; the dateline counts
    // double. The names found in the rest of the text count only when no given name is a town.
    let given: Vec<bool> = {
        let mut v = vec![false; found.len()];
        for &i in given_idx.iter().flatten() {
            v[i] = true;
        }
        v
    };
    let literal = |i: usize| -> Option<&crate::Place> {
        let m = &resolved[i];
        let p = m.place.as_ref()?;
        (!fac_found[i] && m.role == PlaceRole::Literal && p.geonameid != 0).then_some(p)
    };
    // ... or a name resolved through a part of its span ("Dubai World Cup"): context, not a focal town
    let literal_any = |i: usize| -> Option<&crate::Place> {
        let m = &resolved[i];
        let p = m.place.as_ref()?;
        (!is_facility[i] && m.role == PlaceRole::Literal && p.geonameid != 0).then_some(p)
    };
    let focal_among = |only_given: bool| -> Option<&crate::Place> {
        let pool: Vec<usize> =
            (0..resolved.len()).filter(|&i| (!only_given || given[i]) && literal_any(i).is_some()).collect();
        // (the lead counts triple: a dateline, or the first lines' place, unless a small town far
        // from the document's other towns, which lie near each other: "A South Side man" read as
        // a village 700 km from the Chicago the rest of the story names)
        let isolated = |i: usize| {
            let Some(p) = literal_any(i) else { return false };
            if !city_level(p) || p.population >= 100_000 || matches!(&*p.feature_code, "PPLC" | "PPLA") {
                return false;
            }
            let others: Vec<&crate::Place> = pool
                .iter()
                .filter_map(|&j| literal_any(j))
                .filter(|q| q.geonameid != p.geonameid && city_level(q))
                .collect();
            let far = others.iter().all(|q| crate::distance_km(p.lat, p.lon, q.lat, q.lon) >= 500.0);
            far && others.iter().enumerate().any(|(a, q)| {
                others[a + 1..]
                    .iter()
                    .any(|r| r.geonameid != q.geonameid && crate::distance_km(q.lat, q.lon, r.lat, r.lon) <= 100.0)
            })
        };
        let weight = |i: usize| if resolved[i].span.start < 60 && !isolated(i) { 3.0 } else { 1.0 };
        // the document's leading country (the first named, of equal ones): its focal town is there
        let mut by_cc: HashMap<&str, (f32, usize)> = HashMap::default();
        for &j in &pool {
            if let Some(cc) = literal_any(j).and_then(|q| q.country.as_deref()) {
                by_cc.entry(cc).or_insert((0.0, j)).0 += weight(j);
            }
        }
        let lead = by_cc.iter().max_by(|a, b| a.1 .0.total_cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1))).map(|(cc, _)| *cc);
        let score_of = |p: &crate::Place| {
            let mut score = 0.0f32;
            for &j in &pool {
                let Some(q) = literal_any(j) else { continue };
                let same_a1 = p.admin1.is_some() && q.admin1 == p.admin1;
                score += weight(j)
                    * if q.geonameid == p.geonameid {
                        1.0
                    } else if (same_a1 && (&*q.feature_code == "ADM1" || &*p.feature_code == "ADM1"))
                        || (city_level(q) && crate::distance_km(p.lat, p.lon, q.lat, q.lon) <= 100.0)
                    {
                        // its province, or a town nearby
                        0.5
                    } else if same_a1 {
                        0.25
                    } else if p.country.is_some() && q.country == p.country {
                        0.1
                    } else {
                        0.0
                    };
            }
            score
        };
        // a town of the leading country, else its province, else any town
        let pick = |ok: &dyn Fn(&crate::Place) -> bool| -> Option<usize> {
            let mut best: Option<(f32, usize)> = None;
            for &i in &pool {
                let Some(p) = literal(i) else { continue };
                if !ok(p) {
                    continue;
                }
                let score = score_of(p);
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, i));
                }
            }
            best.map(|(_, i)| i)
        };
        let in_lead = |p: &crate::Place| lead.is_some() && p.country.as_deref() == lead;
        pick(&|p| city_level(p) && in_lead(p))
            .or_else(|| pick(&|p| &*p.feature_code == "ADM1" && in_lead(p)))
            .or_else(|| pick(&city_level))
            .and_then(literal)
    };
    let focal: Option<&crate::Place> = focal_among(true).or_else(|| focal_among(false));
    // the place the text puts span `s` in: "X in Y", "X, Y", "Y's X"
    let container = |s: crate::Span| -> Option<&crate::Place> {
        resolved.iter().enumerate().find_map(|(j, m)| {
            let p = m.place.as_ref()?;
            if fac_found[j] || p.geonameid == 0 || !(city_level(p) || &*p.feature_code == "ADM1") {
                return None;
            }
            let ok = if m.span.start >= s.end {
                let between = text.get(s.end..m.span.start)?.trim();
                matches!(between, "," | "in" | ", in" | "in the" | "at" | "near" | ", near")
            } else if m.span.end <= s.start {
                matches!(text.get(m.span.end..s.start)?, "'s " | "’s " | "' " | "’ ")
            } else {
                false
            };
            ok.then_some(p)
        })
    };
    // "X in Y" where Y is a country other than `p`'s ("the Embassy of Armenia in the Holy See")
    let container_country = |s: crate::Span, p: &crate::Place| -> Option<&crate::Place> {
        resolved.iter().find_map(|m| {
            let q = m.place.as_ref()?;
            if m.span.start < s.end || q.geonameid == 0 || q.country == p.country {
                return None;
            }
            let between = text.get(s.end..m.span.start)?.trim();
            let ok = is_country(&q.feature_code) && matches!(between, "in" | "in the" | ", in");
            ok.then_some(q)
        })
    };
    // the town the sentence names last before span `s` ("In Washington, diplomats were seen
    // leaving the Russian Embassy")
    let town_before = |s: crate::Span| -> Option<&crate::Place> {
        resolved.iter().enumerate().rev().find_map(|(j, m)| {
            let p = m.place.as_ref()?;
            if m.span.end > s.start || fac_found[j] || m.role != PlaceRole::Literal || p.geonameid == 0 {
                return None;
            }
            if !city_level(p) {
                return None;
            }
            let between = text.get(m.span.end..s.start)?;
            (!between.contains(['!', '?', '\n']) && !between.contains(". ")).then_some(p)
        })
    };
    let approx = |a: &crate::Place, kind: Option<(&str, &str)>| {
        let (class, code) = kind.unwrap_or(("", ""));
        crate::Place {
            geonameid: 0,
            name: a.name.clone(),
            lat: a.lat,
            lon: a.lon,
            country: a.country.clone(),
            admin1: a.admin1.clone(),
            feature_class: class.to_string(),
            feature_code: code.to_string(),
            population: 0,
        }
    };
    // A small town in a country that no other given name is in, far from the document's focal
    // town ("Glenrock" in a report from New South Wales is not the village in Wyoming): a place
    // GeoNames' town lists lack, near the focal town.
    let far_off = |p: &crate::Place, focal: Option<&crate::Place>, own: usize, common: bool| {
        let Some(f) = focal else { return false };
        if !city_level(p) || p.population >= 100_000 || matches!(&*p.feature_code, "PPLC" | "PPLA") {
            return false;
        }
        let d = crate::distance_km(p.lat, p.lon, f.lat, f.lon);
        // a hamlet, or a common word that is also a village's name ("Congress", "Valley",
        // "Broadway"), far from the document's town and from every other town it names
        if ((common && p.population < 20_000) || p.population < 5_000) && d >= 500.0 {
            let near_other = (0..resolved.len()).any(|j| {
                j != own
                    && given[j]
                    && literal(j).is_some_and(|q| {
                        q.geonameid != p.geonameid
                            && city_level(q)
                            && crate::distance_km(p.lat, p.lon, q.lat, q.lon) <= 150.0
                    })
            });
            if !near_other {
                return true;
            }
        }
        if p.country == f.country || d < 1500.0 {
            return false;
        }
        // no other name of the document is in that country (or is that country)
        !(0..resolved.len()).any(|j| {
            j != own && given[j] && literal(j).is_some_and(|q| q.geonameid != p.geonameid && q.country == p.country)
        })
    };
    // a span whose every word is a common word ("Congress", "Valley")
    let common_word = |s: crate::Span| {
        let mut any = false;
        for w in words.iter().filter(|w| w.start >= s.start && w.end <= s.end && !w.article) {
            any = true;
            if !(g.stop.is_soft(&w.lower) || g.stop.is_hard(&w.lower)) {
                return false;
            }
        }
        any
    };
    given_idx
        .iter()
        .zip(facility)
        .zip(spans)
        .map(|((gi, kind), &s)| {
            let placed = (|| {
                let m = gi.map(|i| &resolved[i]);
                if m.is_some_and(|m| m.role == PlaceRole::Demonym) && kind.is_none() {
                    return m.and_then(|m| m.place.clone());
                }
                // (a people's name only: "Vatican" is also its country's name)
                let demonym = m.is_some_and(|m| m.role == PlaceRole::Demonym)
                    && gi.is_some_and(|i| !found[i].entries.iter().any(|e| matches!(e, Entry::Place(_))));
                if text.get(s.start..s.end).is_none_or(|t| t.trim().is_empty()) {
                    return None;
                }
                // an acronym the document spells out means what it spells ("SA" with "South Africans")
                if kind.is_none() {
                    if let Some(p) = acronym_of(text, s, resolved) {
                        return Some(p.clone());
                    }
                    // the head of the formal name of a country the document names
                    if m.and_then(|m| m.place.as_ref()).is_none_or(|p| p.geonameid == 0 || !is_country(&p.feature_code))
                    {
                        if let Some(p) = formal_head_of(g, text, s, resolved) {
                            return Some(p.clone());
                        }
                    }
                }
                let named = m.and_then(|m| m.place.as_ref());
                let partial = gi.is_some_and(|i| fac_found[i]);
                match (kind, named) {
                    (None, Some(p)) if !partial => {
                        if far_off(p, focal, gi.unwrap_or(usize::MAX), common_word(s)) {
                            return container(s).or(focal).map(|a| approx(a, None));
                        }
                        Some(p.clone())
                    }
                    (None, None) => {
                        if adjective_like(text.get(s.start..s.end).unwrap_or("")) {
                            return None;
                        }
                        container(s).or(focal).map(|a| approx(a, None))
                    }
                    (_, named) => {
                        // a town the facility is named after, where the document is: the facility is
                        // there (GeoWebNews gives such names the town's id); a province or country it
                        // is named after is its place too ("University of California", "British
                        // Embassy"); a town elsewhere is only a namesake ("Royal Street", "Carnegie Library")
                        // (a town only where some of the words spell it: "Wills" in "Bob Wills Museum"
                        // is no romanization of Veles)
                        let spelled = |p: &crate::Place| {
                            let Some(&i) = g.gaz.by_id.get(&p.geonameid) else { return false };
                            let inside: Vec<&Word> =
                                words.iter().filter(|w| w.start >= s.start && w.end <= s.end).collect();
                            let mut lower = String::new();
                            (0..inside.len()).any(|a| {
                                (a..inside.len()).any(|b| {
                                    lower.clear();
                                    crate::fold::base_letters(
                                        text.get(inside[a].start..inside[b].end).unwrap_or(""),
                                        &mut lower,
                                    );
                                    g.gaz.has_name(i, &lower)
                                })
                            })
                        };
                        if let (Some(p), Some((class, code))) = (named, *kind) {
                            // the town named after the facility word is where it is ("British Embassy Tokyo")
                            if city_level(p) && gi.is_some_and(|i| after_facility_word(g, words, s, &found[i])) {
                                return Some(p.clone());
                            }
                            // a facility named by a country or its people ("French Quarter", "Russian
                            // Embassy", "Russian Foreign Ministry"): the institution is the country's
                            // ("the British Embassy said"), but a street, neighbourhood or the building
                            // where something happens ("at the ...", "leaving the ...") is not there: it
                            // is where the text puts it; a ministry is in the country's capital
                            // (named by the country itself, only an embassy, abroad by definition, or
                            // a ministry: "the Vatican Gardens" are in the Vatican)
                            let country = is_country(&p.feature_code);
                            if demonym || (country && matches!(code, "DIP" | "ADMF")) {
                                let physical =
                                    demonym && (class != "S" || matches!(code, "SQR" | "BDG" | "GDN" | "CMTY"));
                                if physical || locative_before(text, s) {
                                    if code == "ADMF" {
                                        if let Some(c) = p.country.as_deref().and_then(|cc| capital_of(g, cc)) {
                                            return Some(approx(&c, *kind));
                                        }
                                    }
                                    let anchor = container(s)
                                        .or_else(|| town_before(s))
                                        .or_else(|| container_country(s, p))
                                        .or(focal);
                                    if let Some(a) = anchor {
                                        return Some(approx(a, *kind));
                                    }
                                }
                                return Some(p.clone());
                            }
                        }
                        if let Some(p) = named {
                            if !city_level(p) {
                                // ... unless in a country the document names nowhere else, far from
                                // its town ("St. Michael's Hospital" in Toronto is not on the Isle of Man)
                                let abroad = focal.is_some_and(|f| {
                                    f.country != p.country
                                        && crate::distance_km(p.lat, p.lon, f.lat, f.lon) >= 1500.0
                                        && !(0..resolved.len()).any(|j| {
                                            Some(j) != *gi
                                                && given[j]
                                                && literal_any(j).is_some_and(|q| q.country == p.country)
                                        })
                                });
                                let country = matches!(
                                    &*p.feature_code,
                                    "PCLI" | "PCLD" | "PCLF" | "PCLS" | "PCLIX" | "PCL" | "TERR"
                                );
                                if !abroad || country || p.country.is_none() {
                                    return Some(p.clone());
                                }
                                return container(s).or(focal).map(|a| approx(a, *kind));
                            }
                            if !spelled(p) {
                                return container(s).or(focal).map(|a| approx(a, *kind));
                            }
                            // (by another given name: a name found around them may be a person's,
                            // "Dupont sold his land in lots" beside "the Dupont Estate")
                            let mentioned = resolved.iter().enumerate().any(|(j, o)| {
                                !fac_found[j]
                                    && given[j]
                                    && Some(j) != *gi
                                    && o.place.as_ref().is_some_and(|q| q.geonameid == p.geonameid)
                            });
                            let near_focal =
                                focal.is_some_and(|f| crate::distance_km(p.lat, p.lon, f.lat, f.lon) <= 100.0);
                            if mentioned || near_focal || focal.is_none() {
                                return Some(p.clone());
                            }
                        }
                        container(s).or(focal).map(|a| approx(a, *kind))
                    }
                }
            })();
            // "the West" / "Western" placed nowhere better than at a town: the West of geopolitics
            if kind.is_none() && placed.as_ref().is_none_or(|p| p.geonameid == 0) {
                if let Some(p) = west_or_east(g, text.get(s.start..s.end).unwrap_or("")) {
                    return Some(p);
                }
            }
            if let (Some(p), Some(i)) = (&placed, *gi) {
                if let Some(b) = bigger_namesake(g, text, words, &found[i], p, resolved, i) {
                    return Some(b);
                }
            }
            placed
        })
        .collect()
}
