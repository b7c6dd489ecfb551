//! What a candidate scores before the document's context: its feature type, its population,
//! and whether a kind word next to the name ("province", "river") fits it.

use std::sync::OnceLock;

use crate::gazetteer::{HashSet, Rec};

/// Score per tenfold population.
const POP_W: f32 = 0.7;

pub(crate) fn feature_score(r: &Rec) -> f32 {
    match &*r.fcode {
        "PCLI" | "PCLD" | "PCLF" | "PCLS" | "PCLIX" | "PCL" => 7.0,
        "TERR" => 5.0,
        "CONT" => 6.5,
        "ADM1" => 3.0,
        "ADM2" => 0.5,
        "PPLC" => 4.0,
        "PPLA" => 2.5,
        "PPLG" => 2.0,
        "PPLA2" => 1.5,
        "PPLA3" | "PPLA4" | "PPLA5" => 0.8,
        "PPL" | "PPLF" | "PPLS" | "PPLR" | "PPLL" => 0.0,
        "PPLX" => -0.5,
        "PPLH" | "PPLQ" | "PPLW" => -1.5,
        // curated supplement or a user's full dump: regions, rivers, crossings, fields, bases
        "OCN" | "SEA" | "GULF" | "STRT" => 5.0,
        _ => match r.fclass {
            b'L' => 4.0,
            b'H' | b'S' | b'T' => 3.0,
            _ => 1.0,
        },
    }
}

/// Ids of the curated supplement's places (data/gazetteer/supplement.tsv) that GeoNames also has:
/// regions, seas and oceans that reporting names daily, with their GeoNames ids.
fn supplement_ids() -> &'static HashSet<i64> {
    static IDS: OnceLock<HashSet<i64>> = OnceLock::new();
    IDS.get_or_init(|| {
        crate::gazetteer::SUPPLEMENT
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next()?.trim().parse::<i64>().ok())
            .filter(|&id| id > 0)
            .collect()
    })
}

/// A place of sitrep's curated supplement that is not a populated place or an administrative
/// area of GeoNames' lists: a sitrep-local place (negative id), or a region, sea or ocean the
/// supplement names.
pub(crate) fn curated(r: &Rec) -> bool {
    r.id < 0 || (r.fclass != b'P' && r.fclass != b'A' && supplement_ids().contains(&r.id))
}

pub(crate) fn pop_score(r: &Rec) -> f32 {
    // sitrep's supplement: named daily in reporting
    let curated = if curated(r) { 1.5 } else { 0.0 };
    // GeoNames leaves many admin seats without a population: assume a typical one for the rank
    let pop = match (r.pop, &*r.fcode) {
        (0, "PPLC") => 500_000,
        (0, "PPLA") => 50_000,
        (0, "PPLA2") => 20_000,
        (0, "PPLA3") => 5_000,
        (0, "PPLA4") => 2_000,
        (0, _) if r.fclass == b'P' && r.id > 0 => 500, // cities500: at least 500 people
        (p, _) => p,
    };
    POP_W * ((pop as f32) + 1.0).log10() + curated
}

/// A country-level place: an independent, dependent or other political entity, or a territory.
pub(super) fn is_country(fcode: &str) -> bool {
    matches!(fcode, "PCLI" | "PCLD" | "PCLF" | "PCLS" | "PCLIX" | "PCL" | "TERR")
}

/// Words after a name that say what kind of place it is.
pub(super) fn kind_after(w: &str) -> Option<&'static str> {
    Some(match w {
        "province" | "provinces" | "governorate" | "governorates" | "region" | "state" | "wilaya" | "muhafazat"
        | "oblast" | "prefecture" => "adm1",
        "district" | "county" | "co" | "municipality" | "subdistrict" | "nahiya" => "adm2",
        "city" | "town" | "village" | "villages" | "suburb" | "neighbourhood" | "neighborhood" => "ppl",
        "river" => "stm",
        "airport" | "airbase" | "airfield" => "air",
        "dam" | "lake" | "reservoir" => "water",
        "field" | "oilfield" | "gasfield" => "field",
        "crossing" | "border" => "crossing",
        "mountains" | "mountain" | "mount" | "hills" => "mt",
        _ => return None,
    })
}

/// A place of feature code `f` and class `fclass` is of the kind a kind word says.
pub(super) fn kind_match(kind: &str, f: &str, fclass: u8) -> bool {
    match kind {
        "adm1" => f == "ADM1",
        "adm2" => f == "ADM2" || f == "ADM3",
        "ppl" => fclass == b'P',
        "stm" => f.starts_with("STM"),
        "air" => f.starts_with("AIR"),
        "water" => matches!(f, "DAM" | "LK" | "RSV" | "LKI"),
        "field" => f.starts_with("OIL") || f == "GASF",
        "crossing" => f == "PSTB" || fclass == b'P' || is_country(f) || f == "ADM1",
        "mt" => f.starts_with("MT") || f == "HLL" || f == "HLLS",
        _ => false,
    }
}

/// Countries whose place names carry the Arabic article (al-, el-, ash-, …) when written in
/// English: the Arab League, Western Sahara, and the neighbours where Arabic is an official
/// language (Israel, Chad, Eritrea); "" keeps the curated places that have no country. (Persian,
/// Turkish and Pashto names do not write the article so.)
const ARTICLE_COUNTRIES: [&str; 27] = [
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY",
    "TN", "AE", "YE", "EH", "IL", "TD", "ER", "",
];

/// A name written with the Arabic article: "al-", "el-" and the assimilated forms ("ash-",
/// "ad-", …) with a hyphen, or "al " with a space ("El Paso" keeps its Spanish article).
pub(super) fn arabic_article(name: &str) -> bool {
    let head = name.get(..5).unwrap_or(name).to_ascii_lowercase();
    let hyphened = [
        "al-", "el-", "ash-", "as-", "ad-", "adh-", "ar-", "an-", "at-", "ath-", "az-", "es-", "esh-", "ed-", "er-",
        "en-", "et-", "ez-",
    ];
    head.starts_with("al ") || hyphened.iter().any(|a| head.starts_with(a))
}

/// A place an article-written name can be: in a country whose names carry the article, or
/// itself named with it. The fold that drops the article to match "al-Hali" with "Hali" also
/// finds Hale County, Texas and Juba for "al-Jubah".
pub(super) fn article_fits(r: &Rec, own_lower: &str) -> bool {
    ARTICLE_COUNTRIES.contains(&&*r.cc) || own_lower.starts_with("al") || own_lower.starts_with("el")
}
