//! Resolution: rank each name's candidate places by feature type, population, the document's
//! country context, explicit containers and spatial coherence; flag demonyms and metonyms.
//!
//! `score.rs` holds what a candidate scores before context (feature type, population, kind
//! words), `metonym.rs` the "Damascus demands" rule, `given.rs` gold-span mode (given spans,
//! facilities, approximate placement).

mod cands;
mod descriptive;
mod given;
mod metonym;
mod score;

pub(crate) use given::{facility_kind, facility_named_part, locate_given};
pub(crate) use score::{curated, feature_score, pop_score};

use crate::gazetteer::{HashMap, HashSet};

use crate::fold::Word;
use crate::gazetteer::Entry;
use crate::{distance_km, Found, Geoparser, PlaceMention, PlaceRole, Pt};
use cands::Cand;
use given::refine_given;
use metonym::metonym_after;
use score::{is_country, kind_after, kind_match};

/// A province of a country of which the document names this many other provinces (each name
/// once, sure of its reading) ...
const SIBLING_PROVINCES: usize = 2;
/// ... scores this much more.
const SIBLING_W: f32 = 3.0;

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

/// A place the mention spells, in a country the document never names and far from all its sure
/// places, is still read when it has at least this many people (see `far_fetched`).
const FAR_SPELLED_MIN_POP: u64 = 5_000;

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
    // Candidates with their context-free scores: the same for every mention of one spelling
    // with the same entries, so computed once per document (`cand_src[k]`: the first such mention).
    let mut cands: Vec<std::rc::Rc<Vec<Cand>>> = Vec::with_capacity(n);
    let mut cand_src: Vec<usize> = Vec::with_capacity(n);
    let mut mention_texts: Vec<&str> = Vec::with_capacity(n);
    let mut spelled_at: HashMap<&str, usize> = HashMap::with_capacity_and_hasher(n, Default::default());
    for (k, (f, refined_k)) in found.iter().zip(&refined).enumerate() {
        // the words that matched the name (a given span may hold more: "Walker County Sheriff's Office")
        let matched = match (refined_k, words.get(f.w0), words.get(f.w1)) {
            (Some((_, s, e)), _, _) => text.get(*s..*e),
            (None, Some(a), Some(b)) if a.start >= f.span.start && b.end <= f.span.end => text.get(a.start..b.end),
            _ => None,
        };
        let mention = matched.or(text.get(f.span.start..f.span.end)).unwrap_or("");
        mention_texts.push(mention);
        let entries: &[Entry] = refined_k.as_ref().map_or(&f.entries, |r| &r.0);
        let entries_of = |j: usize| refined[j].as_ref().map_or(&found[j].entries, |r| &r.0);
        // "al-Hali": the name matched without its article, which says where the place can be.
        let article = text.get(f.span.start..f.span.end).is_some_and(score::arabic_article);
        let src = if article { k } else { *spelled_at.entry(mention).or_insert(k) };
        if src != k && entries_of(src) == entries {
            cand_src.push(src);
            cands.push(std::rc::Rc::clone(&cands[src]));
        } else {
            cand_src.push(k);
            let cs = cands::candidates_cached(g.uid, gaz, mention, entries);
            if article {
                let fits =
                    |c: &&cands::Cand| c.demonym || score::article_fits(&gaz.recs[c.rec as usize], &gaz.lower(c.rec));
                cands.push(std::rc::Rc::new(cs.iter().filter(fits).cloned().collect()));
            } else {
                cands.push(cs);
            }
        }
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
            // (the candidates are shared with other mentions and the cache: copied when one changes)
            if !v.iter().any(|c| !c.demonym && kind_match(kind, &c.at.fcode, c.at.fclass)) {
                continue;
            }
            for c in std::rc::Rc::make_mut(v).iter_mut() {
                if !c.demonym && kind_match(kind, &c.at.fcode, c.at.fclass) {
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
            if b.at.fclass == b'A' && !b.demonym {
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
            let r = &b.at;
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
    // (by the hash of the name's folded key: detection's, else that of `fold_name` of the words,
    // each spelling folded once; names.rs: the gazetteer's keys have distinct hashes)
    let mut group: Vec<usize> = Vec::with_capacity(n);
    {
        let mut first: HashMap<u64, usize> = HashMap::with_capacity_and_hasher(n, Default::default());
        let mut of_text: HashMap<&str, u64> = HashMap::default();
        for (k, f) in found.iter().enumerate() {
            let t = match (words.get(f.w0), words.get(f.w1)) {
                (Some(a), Some(b)) if a.start < b.end => text.get(a.start..b.end),
                _ => None,
            };
            let t = t.or(text.get(f.span.start..f.span.end)).unwrap_or("");
            // (detection's hash is that of `fold_name` of the words for text like news prose, but
            // not always for odd bytes, e.g. a possessive run "MMy's" after a non-UTF-8 byte: the
            // fuzzer found one, so it is no assertion; a name then merely groups with fewer others)
            let h = match f.key_hash {
                Some(h) => h,
                None => *of_text.entry(t).or_insert_with(|| crate::names::hash(&crate::fold::fold_name(t))),
            };
            group.push(*first.entry(h).or_insert(k));
        }
    }
    // ... and what the text says of one mention's place it says of all ("Edmonton, south of
    // Cairns" and later "Edmonton")
    // (`placed`: the mentions with a container or town, in text order, as the search reads them)
    let mut placed: Vec<usize> = (0..n).filter(|&j| container[j].is_some() || near_town[j].is_some()).collect();
    for k in 0..n {
        if container[k].is_none() && near_town[k].is_none() {
            // (not "Singapore, Singapore": a container that is a reading of the name itself)
            let own = |r: Option<u32>| r.is_some_and(|r| cands[k].iter().any(|c| c.rec == r));
            if let Some(j) =
                placed.iter().copied().find(|&j| group[j] == group[k] && !own(container[j]) && !own(near_town[j]))
            {
                container[k] = container[j];
                near_town[k] = near_town[j];
                // (now placed itself, for the mentions after it)
                placed.insert(placed.partition_point(|&p| p < k), k);
            }
        }
    }
    // Mutual support: a reading of an ambiguous name near a plausible reading of another name
    // ("London" with "St. Thomas" and "Middlesex" is London, Ontario; "Edmonton" with "Enfield"
    // is the one in north London). Computed once per name, over a few readings of each.
    let mut support: HashMap<(usize, u32), f32> = HashMap::default();
    {
        // per name: its readings (rec, point, plausible enough to support another name, distance),
        // those of name `reps[x].0` at `readings[reps[x].1..reps[x].2]` (a name without any is left
        // out: it neither gives nor receives)
        let mut readings: Vec<(u32, Pt, bool, f64)> = Vec::new();
        let mut reps: Vec<(usize, usize, usize)> = Vec::new();
        let mut pl: Vec<&Cand> = Vec::new();
        for k in 0..n {
            let (true, Some(b)) = (group[k] == k, best0[k]) else { continue };
            if b.demonym {
                continue;
            }
            let best_pop = b.at.pop;
            pl.clear();
            pl.extend(cands[k].iter().filter(|c| {
                let r = &c.at;
                // (a village is not lifted over a city: London, Ontario may win over London,
                // a hamlet called Atlanta not over Atlanta)
                !c.demonym
                    && c.score >= b.score - SUPPORT_RECEIVE
                    && !is_country(&r.fcode)
                    && r.fclass != b'L'
                    && (c.rec == b.rec || r.pop.max(SUPPORT_POP_FLOOR) * SUPPORT_POP_RATIO >= best_pop)
            }));
            if pl.is_empty() {
                continue;
            }
            pl.sort_by(|x, y| y.score.total_cmp(&x.score));
            pl.truncate(SUPPORT_READINGS);
            // a common word that is also a name ("Congress", "West") supports nothing
            let common = (found[k].w0..=found[k].w1)
                .filter_map(|i| words.get(i))
                .filter(|w| !w.article)
                .all(|w| g.stop.is_soft(&w.lower) || g.stop.is_hard(&w.lower));
            let county_named = words.get(found[k].w1).is_some_and(|w| kind_after(&w.lower) == Some("adm2"));
            let start = readings.len();
            readings.extend(pl.iter().map(|c| {
                let r = &c.at;
                // (a county's point is its middle: its towns lie farther from it; only for a
                // county the mention names as such, "Suffolk County", not for "Delaware")
                let area = county_named && matches!(&*r.fcode, "ADM2" | "ADM3");
                let km = if area { SUPPORT_AREA_KM } else { SUPPORT_KM };
                (c.rec, r.pt(), !common && c.score >= b.score - SUPPORT_GIVE, km)
            }));
            reps.push((k, start, readings.len()));
        }
        // only a name with more than one plausible reading is helped
        let helped = |&(_, a, b): &(usize, usize, usize)| b - a >= 2;
        if reps.iter().any(helped) {
            // The readings that may support another name's (each name's first, while plausible
            // enough), by latitude: a reading looks only at those within its distance in latitude
            // (a degree is 111 km), and counts each other name once.
            // (latitude, point, reading, index of its name in `reps`, distance)
            let mut givers: Vec<(f64, Pt, u32, usize, f64)> = Vec::new();
            for (x, &(_, a, b)) in reps.iter().enumerate() {
                for &(rec, q, _, km) in readings[a..b].iter().take_while(|d| d.2) {
                    givers.push((q.lat, q, rec, x, km));
                }
            }
            givers.sort_by(|a, b| a.0.total_cmp(&b.0));
            let widest = givers.iter().map(|d| d.4).fold(0.0f64, f64::max);
            // (per name in `reps`: the last reading that counted it)
            let mut counted: Vec<usize> = vec![usize::MAX; reps.len()];
            let mut reading = 0;
            for (x, &(g, a, b)) in reps.iter().enumerate() {
                if !helped(&(g, a, b)) {
                    continue;
                }
                for &(rec, p, _, km) in &readings[a..b] {
                    reading += 1;
                    let la = p.lat;
                    // (a little wider than any reading's test below, which decides)
                    let band = km.max(widest) / 111.0 + 1e-6;
                    let from = givers.partition_point(|d| d.0 < la - band);
                    let mut cnt = 0;
                    for &(dla, ref q, drec, h, dkm) in givers[from..].iter().take_while(|d| d.0 <= la + band) {
                        if h == x || counted[h] == reading || same_family(mention_texts[reps[h].0], mention_texts[g]) {
                            continue;
                        }
                        let km = km.max(dkm);
                        if drec != rec && (la - dla).abs() < km / 111.0 && p.km_within(q, km).is_some_and(|d| d <= km) {
                            counted[h] = reading;
                            cnt += 1;
                            if cnt == SUPPORT_MAX_NAMES {
                                break;
                            }
                        }
                    }
                    if cnt > 0 {
                        support.insert((g, rec), SUPPORT_W * cnt.min(SUPPORT_MAX_NAMES) as f32);
                    }
                }
            }
        }
    }
    let any_given = found.iter().any(|f| f.given);
    // Document context: countries and provinces of names that are sure (by `Rec::cc_id` and
    // `Rec::a1_id`).
    let mut ctx_cc: HashMap<u32, f32> = HashMap::default();
    let mut ctx_a1: HashMap<u32, f32> = HashMap::default();
    let mut sure_pts: Vec<(usize, Pt)> = Vec::new();
    let mut seen_pts: HashSet<(usize, u32)> = HashSet::with_capacity_and_hasher(n, Default::default());
    let mut total = 0.0f32;
    let mut contrib: Vec<Option<(u32, Option<u32>, f32)>> = vec![None; n];
    // ("the Old City" says nothing of where the document is: descriptive.rs)
    let descriptive: Vec<bool> = found.iter().map(|f| descriptive::is_descriptive(words, f)).collect();
    for (k, v) in cands.iter().enumerate() {
        let Some(b) = best0[k] else { continue };
        if descriptive[k] {
            continue;
        }
        let r = &b.at;
        // sure of the country: well ahead of every reading in another country
        let second =
            v.iter().filter(|c| c.rec != b.rec && c.at.cc_id != r.cc_id).map(|c| c.score).fold(f32::MIN, f32::max);
        let sure = b.demonym || is_country(&r.fcode) || second == f32::MIN || b.score - second >= SURE_MARGIN;
        if !sure || !r.has_cc {
            continue;
        }
        let mut w = if b.demonym || is_country(&r.fcode) { 1.5 } else { 1.0 };
        if found[k].span.start < 60 {
            w += 1.0; // dateline
        }
        // given spans (gold-span mode) are the caller's places; names found around them only
        // help ("Mather" in a story about a woman of that name is no town in the US)
        if any_given && !found[k].given {
            w *= DETECTED_AMONG_GIVEN_W;
        }
        // sure of the province and the point too: well ahead of every reading in another province
        // or far away ("Southold" is surely in the US, but South Bend, Indiana, once had the name)
        let place = !is_country(&r.fcode) && !b.demonym && {
            let far = |c: &&Cand| {
                c.rec != b.rec
                    && (c.at.a1_id != r.a1_id
                        || r.pt().km_within(&c.at.pt(), SURE_PLACE_KM).is_none_or(|d| d > SURE_PLACE_KM))
            };
            let second = v.iter().filter(far).map(|c| c.score).fold(f32::MIN, f32::max);
            second == f32::MIN || b.score - second >= SURE_MARGIN
        };
        let a1 = (place && r.has_a1).then_some(r.a1_id);
        contrib[k] = Some((r.cc_id, a1, w));
        *ctx_cc.entry(r.cc_id).or_default() += w;
        total += w;
        if let Some(a1) = a1 {
            *ctx_a1.entry(a1).or_default() += w;
        }
        // one point per name and place: a name repeated fifty times is one point, not fifty
        if place && &*r.fcode != "CONT" && seen_pts.insert((group[k], b.rec)) {
            sure_pts.push((group[k], r.pt()));
        }
    }
    // what each group of same-name mentions gave to the context
    let mut grp_cc: HashMap<(usize, u32), f32> = HashMap::with_capacity_and_hasher(n, Default::default());
    let mut grp_a1: HashMap<(usize, u32), f32> = HashMap::with_capacity_and_hasher(n, Default::default());
    let mut grp_total: HashMap<usize, f32> = HashMap::with_capacity_and_hasher(n, Default::default());
    for (k, c) in contrib.iter().enumerate() {
        if let Some((cc, a1, w)) = *c {
            let g = group[k];
            *grp_cc.entry((g, cc)).or_default() += w;
            if let Some(a1) = a1 {
                *grp_a1.entry((g, a1)).or_default() += w;
            }
            *grp_total.entry(g).or_default() += w;
        }
    }
    let total = total.max(1.0);
    // The share of the document's leading country: oceans and seas belong to no country, but they
    // are as much in the document's region as its own towns ("the Atlantic" in a US report is the
    // ocean, not Atlantic, Iowa).
    let lead_share = (ctx_cc.values().copied().fold(0.0f32, f32::max) / (total + SHARE_PRIOR)).min(1.0);
    // (country, group) of the sure names read as a province (first-order division) of a country
    let mut provinces: Vec<(u32, usize)> = Vec::new();
    for (k, c) in contrib.iter().enumerate() {
        if let (Some(_), Some(b)) = (c, best0[k]) {
            if !b.demonym && &*b.at.fcode == "ADM1" && !provinces.contains(&(b.at.cc_id, group[k])) {
                provinces.push((b.at.cc_id, group[k]));
            }
        }
    }
    let cx = Context {
        gaz,
        ctx_cc: &ctx_cc,
        ctx_a1: &ctx_a1,
        grp_cc: &grp_cc,
        grp_a1: &grp_a1,
        grp_total: &grp_total,
        support: &support,
        sure_pts: &sure_pts,
        total,
        lead_share,
        provinces: &provinces,
    };

    let mut out = Vec::with_capacity(n);
    let mut near_cache: HashMap<(usize, u32), bool> = HashMap::with_capacity_and_hasher(4 * n, Default::default());
    // A mention's best reading depends on its candidates, kind word, name group, container and
    // town only: mentions that share them (a name repeated in a document) share it.
    // (candidates' first mention, kind word, group, container, town)
    type Situation = (usize, Option<&'static str>, usize, Option<u32>, Option<u32>);
    let mut readings: HashMap<Situation, Option<(Cand, f32)>> =
        HashMap::with_capacity_and_hasher(n, Default::default());
    for (k, f) in found.iter().enumerate() {
        let key = (cand_src[k], kinds[k], group[k], container[k], near_town[k]);
        let reading = match readings.get(&key) {
            Some(r) => *r,
            None => {
                let r =
                    cx.best_reading(&cands[k], group[k], container[k], near_town[k], mention_texts[k], &mut near_cache);
                readings.insert(key, r);
                r
            }
        };
        // "the Old City", "New Town": read only where the document already is (descriptive.rs)
        let reading = reading.filter(|(b, _)| !descriptive[k] || cx.where_document_is(b.rec, group[k]));
        let (place, role, conf) = match reading {
            Some((b, conf)) => {
                let r = &b.at;
                let role = if b.demonym {
                    PlaceRole::Demonym
                } else if (is_country(&r.fcode) || &*r.fcode == "PPLC") && metonym_after(text, words, f) {
                    PlaceRole::Metonym
                } else {
                    PlaceRole::Literal
                };
                (Some(gaz.place(b.rec)), role, conf)
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

/// The document's context, as [`Context::best_reading`] weighs a name's readings against it.
struct Context<'a> {
    gaz: &'a crate::gazetteer::Gazetteer,
    /// What the sure names gave to each country and province (`Rec::cc_id`, `Rec::a1_id`) ...
    ctx_cc: &'a HashMap<u32, f32>,
    ctx_a1: &'a HashMap<u32, f32>,
    /// ... and of that, what each group of same-name mentions gave.
    grp_cc: &'a HashMap<(usize, u32), f32>,
    grp_a1: &'a HashMap<(usize, u32), f32>,
    grp_total: &'a HashMap<usize, f32>,
    /// Mutual support of (group, reading).
    support: &'a HashMap<(usize, u32), f32>,
    /// (group, point) of the sure names' places.
    sure_pts: &'a [(usize, Pt)],
    total: f32,
    lead_share: f32,
    /// (country, group) of the sure names read as a first-order division of that country.
    provinces: &'a [(u32, usize)],
}

impl Context<'_> {
    /// The best of `cands` (the readings of a name of group `g` spelled `mention`, in container
    /// `container` or near town `near_town`) in the document's context, with its confidence.
    #[allow(clippy::too_many_arguments)]
    fn best_reading(
        &self,
        cands: &[Cand],
        g: usize,
        container: Option<u32>,
        near_town: Option<u32>,
        mention: &str,
        near_cache: &mut HashMap<(usize, u32), bool>,
    ) -> Option<(Cand, f32)> {
        let Context { gaz, ctx_cc, ctx_a1, grp_cc, grp_a1, grp_total, support, sure_pts, total, lead_share, provinces } =
            *self;
        let mut v = cands.to_vec();
        let cont = container.map(|i| &gaz.recs[i as usize]);
        // what this name's own mentions gave to the context (nothing: no entry for the group)
        let own_total = grp_total.get(&g).copied();
        // The scores only rank the readings: a name with one reading is spared them (its
        // confidence does not depend on its score).
        let scored = if v.len() > 1 { &mut v[..] } else { &mut [] };
        for c in scored.iter_mut() {
            if c.demonym {
                continue;
            }
            let r = &c.at;
            // other names' weight only, not the name's own
            let (own_cc, own_a1) = match own_total {
                Some(_) => (
                    grp_cc.get(&(g, r.cc_id)).copied().unwrap_or(0.0),
                    grp_a1.get(&(g, r.a1_id)).copied().unwrap_or(0.0),
                ),
                None => (0.0, 0.0),
            };
            // a prior weight keeps one other name from making the whole context
            let total = (total - own_total.unwrap_or(0.0)).max(0.0) + SHARE_PRIOR;
            let cc_w = ctx_cc.get(&r.cc_id).copied().unwrap_or(0.0);
            let cc_share = ((cc_w - own_cc).max(0.0) / total).min(1.0);
            c.score += COUNTRY_W * cc_share;
            if !r.has_cc && &*r.fcode != "CONT" {
                c.score += COUNTRY_W * lead_share;
            }
            if r.has_a1 {
                let a_w = ctx_a1.get(&r.a1_id).copied().unwrap_or(0.0);
                c.score += ADMIN1_W * ((a_w - own_a1).max(0.0) / total).min(1.0);
            }
            if let Some(cr) = cont {
                if cr.cc_id == r.cc_id && (is_country(&cr.fcode) || cr.a1_id == r.a1_id) && cr.id != r.id {
                    c.score += 6.0;
                }
            }
            if let Some(t) = near_town.map(|i| &gaz.recs[i as usize]) {
                if t.id != r.id
                    && (t.lat - r.lat).abs() < 1.5
                    && distance_km(r.lat, r.lon, t.lat, t.lon) <= NEAR_TOWN_KM
                {
                    c.score += 6.0;
                }
            }
            if !support.is_empty() {
                c.score += support.get(&(g, c.rec)).copied().unwrap_or(0.0);
            }
            // a province of the country whose provinces the document names ("Georgia" beside
            // Alaska, Florida and Louisiana is the state), against namesakes elsewhere; not against
            // the country's capital or a town of the province itself (which of the two is meant is
            // the seat rule's question: cands.rs)
            if &*r.fcode == "ADM1" && r.has_cc {
                let n = provinces.iter().filter(|&&(cc, j)| cc == r.cc_id && j != g).count();
                let town_too = || {
                    cands.iter().any(|o| {
                        o.at.cc_id == r.cc_id
                            && (&*o.at.fcode == "PPLC" || (o.at.fclass == b'P' && o.at.a1_id == r.a1_id))
                    })
                };
                if n >= SIBLING_PROVINCES && !town_too() {
                    c.score += SIBLING_W;
                }
            }
            // spatial coherence: near another sure place of the document
            if !is_country(&r.fcode) && r.fclass != b'L' {
                // the same for every mention of the name: computed once per name and place
                // (a sea's or gulf's point is its middle: its shores lie farther away)
                let km = if matches!(&*r.fcode, "SEA" | "GULF" | "OCN" | "BAY") { NEAR_SEA_KM } else { NEAR_KM };
                let near = *near_cache.entry((g, c.rec)).or_insert_with(|| {
                    let p = r.pt();
                    sure_pts
                        .iter()
                        .filter(|(j, _)| *j != g)
                        // (a degree of latitude is 111 km: a cheap test before the haversine)
                        .any(|(_, q)| (r.lat - q.lat).abs() < km / 111.0 && p.km_within(q, km).is_some_and(|d| d < km))
                });
                if near {
                    c.score += 1.0;
                }
            }
        }
        // what the document's names other than this one gave to country `cc`
        let elsewhere_of =
            |cc: u32| ctx_cc.get(&cc).copied().unwrap_or(0.0) - grp_cc.get(&(g, cc)).copied().unwrap_or(0.0);
        // A name that is only a compass word ("West": a region of Cameroon, a town in Texas) is
        // such a place only where the document is about its country: "the West" is not Cameroon.
        let compass = is_compass_name(mention);
        v.retain(|c| {
            let r = &c.at;
            if !compass || c.demonym || !r.has_cc {
                return true;
            }
            elsewhere_of(r.cc_id) > 0.0 || cont.is_some_and(|cr| cr.cc_id == r.cc_id)
        });
        // A city in a country the rest of the document never names, against a city of 50,000 or
        // more in the country the document is about: "London" in a report that names Canada
        // three times and Britain never is London, Ontario.
        let others_total = (total - grp_total.get(&g).copied().unwrap_or(0.0)).max(0.0);
        if let Some(b) = best(&v) {
            let r = &b.at;
            if !b.demonym && r.fclass == b'P' && r.has_cc && elsewhere_of(r.cc_id) <= 0.0 && others_total >= 2.0 {
                for c in v.iter_mut() {
                    let q = &c.at;
                    if !c.demonym
                        && c.own
                        && q.fclass == b'P'
                        && q.pop >= ABSENT_COUNTRY_MIN_POP
                        && q.has_cc
                        && elsewhere_of(q.cc_id) / (others_total + SHARE_PRIOR) >= 0.3
                    {
                        c.score += ABSENT_COUNTRY_W;
                    }
                }
            }
        }
        let own = Own { group: g, total: grp_total.get(&g).copied().unwrap_or(0.0), cc: grp_cc };
        // A far-fetched best reading drops out with all the others but those in a country the rest
        // of the document names.
        let b = match best(&v) {
            Some(b) if far_fetched(&b, &own, ctx_cc, total, sure_pts) => {
                v.retain(|c| elsewhere_of(c.at.cc_id) > 0.0 && !far_fetched(c, &own, ctx_cc, total, sure_pts));
                best(&v)
            }
            b => b,
        }?;
        let second = v.iter().filter(|c| c.rec != b.rec).map(|c| c.score).fold(f32::MIN, f32::max);
        let margin = if second == f32::MIN { 5.0 } else { b.score - second };
        let conf = 1.0 / (1.0 + (-margin).exp());
        Some((b, conf.clamp(0.05, 0.99)))
    }
}

/// A reading this close to a sure place of another name is in the document's area ...
const NEAR_KM: f64 = 250.0;
/// ... a sea or gulf this close.
const NEAR_SEA_KM: f64 = 1_000.0;

/// A name's place counts as sure (its province and point) when its best reading is
/// [`SURE_MARGIN`] ahead of every reading in another province or this far away.
const SURE_PLACE_KM: f64 = 250.0;

/// Mutual support of names: a reading this far below its name's best can be helped ...
const SUPPORT_RECEIVE: f32 = 7.0;
/// ... by a reading of another name this far below that name's best at most ...
const SUPPORT_GIVE: f32 = 2.0;
/// ... within this distance; of each name, this many readings at most are compared ...
const SUPPORT_KM: f64 = 40.0;
/// ... or this distance, when one of the two is a county (or a smaller division) ...
const SUPPORT_AREA_KM: f64 = 80.0;
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

/// Two mentions of one name, one spelled out further ("Washington" and "Washington, D.C.",
/// "Suffolk" and "Suffolk County"): the longer starts with the shorter, and a word ends there.
/// They are one name, and neither is evidence for the other's place.
fn same_family(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() < long.len()
        && !short.is_empty()
        && long.get(..short.len()).is_some_and(|h| h.eq_ignore_ascii_case(short))
        && long.get(short.len()..).and_then(|t| t.chars().next()).is_some_and(|c| !c.is_alphanumeric())
}

/// The words between two names that put the first near the second: "near", "outside", "(, )south
/// of", "(, )20 km north-east of", "close to".
fn is_near_phrase(between: &str) -> bool {
    // every phrase ends with one of these words (asked first: most text between two names is none
    // of these phrases, and often long)
    let t = between.trim_end().as_bytes();
    let ends_with = |w: &str| t.len() >= w.len() && t[t.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes());
    if !["near", "outside", "of", "to"].into_iter().any(ends_with) {
        return false;
    }
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
struct Own<'a> {
    group: usize,
    total: f32,
    cc: &'a HashMap<(usize, u32), f32>,
}

/// A place reached only through romanization folding, in a country the rest of the document
/// never names and far from every place it is sure of ("al-Nuri" in a Mosul report is
/// not a village in Italy, "al-Midan" in Damascus is not Medan): better unresolved than placed on
/// the wrong continent.
fn far_fetched(b: &Cand, own: &Own, ctx_cc: &HashMap<u32, f32>, total: f32, sure_pts: &[(usize, Pt)]) -> bool {
    let r = &b.at;
    if b.demonym || is_country(&r.fcode) || &*r.fcode == "PPLC" || r.curated {
        return false;
    }
    // a town whose name the mention spells may well be meant (Sochi); a romanization fold of its
    // name alone needs the document's support, however big the place ("al-Midan" in Damascus is
    // not Medan), and so does a spelled village ("Tawila" in a Darfur report is not At Tawilah
    // in Yemen)
    if b.spelled && r.pop >= FAR_SPELLED_MIN_POP {
        return false;
    }
    let others = total - own.total;
    let own_cc = own.cc.get(&(own.group, r.cc_id)).copied().unwrap_or(0.0);
    let cc_elsewhere = ctx_cc.get(&r.cc_id).copied().unwrap_or(0.0) - own_cc;
    others >= 2.0 && cc_elsewhere <= 0.0 && {
        let p = r.pt();
        !sure_pts.iter().any(|(j, q)| *j != own.group && p.km_within(q, 1000.0).is_some_and(|d| d < 1000.0))
    }
}

/// A name that is only a compass word, as GeoNames names some regions ("West", "Southern").
fn is_compass_name(name: &str) -> bool {
    // (an ASCII name's letters without a `String`: the longest compass name has 9)
    let mut buf = [0u8; 10];
    let mut n = 0;
    let mut owned = String::new();
    let b: &[u8] = if name.is_ascii() {
        // (each starts with one of these letters)
        let first = name.bytes().find(u8::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase());
        if !matches!(first, Some(b'n' | b's' | b'e' | b'w' | b'c' | b'f')) {
            return false;
        }
        for c in name.bytes().filter(u8::is_ascii_alphanumeric) {
            if n == buf.len() {
                return false;
            }
            buf[n] = c.to_ascii_lowercase();
            n += 1;
        }
        &buf[..n]
    } else {
        crate::fold::base_letters(name, &mut owned);
        owned.as_bytes()
    };
    matches!(
        b,
        b"north"
            | b"south"
            | b"east"
            | b"west"
            | b"northern"
            | b"southern"
            | b"eastern"
            | b"western"
            | b"central"
            | b"centre"
            | b"center"
            | b"northeast"
            | b"northwest"
            | b"southeast"
            | b"southwest"
            | b"farnorth"
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

#[cfg(test)]
mod tests {
    use super::same_family;

    #[test]
    fn a_name_spelled_out_further_is_the_same_name() {
        // one starts with the other and a word ends there, either way round, any case
        assert!(same_family("Washington", "Washington, D.C."));
        assert!(same_family("Suffolk County", "Suffolk"));
        assert!(same_family("HOMS", "Homs province"));
        // another word that merely begins the same way, the same name twice, or nothing
        assert!(!same_family("Washington", "Washingtonville"));
        assert!(!same_family("Homs", "Homs"));
        assert!(!same_family("", "Homs"));
        assert!(!same_family("New York", "York"));
        // (a multi-byte letter where the shorter name ends: no panic)
        assert!(!same_family("Şengal", "Ş"));
    }
}
