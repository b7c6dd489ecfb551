//! The gazetteer: places (GeoNames rows), a folded-name index over all their names, admin-1 and
//! country lookups. Built once from the embedded artifact, the curated supplement and, optionally,
//! user-supplied GeoNames rows.

use std::collections::HashMap as StdHashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (as in rustc): a fast, non-cryptographic hash for the name index. The keys come from
/// the gazetteer, not from an adversary, so hash flooding is not a concern; loading is 2x faster.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }
    // (a number in one round, not a round per byte: resolution's maps are keyed by place, country
    // and province numbers; no map of this crate is read in an order that depends on the hash)
    fn write_u32(&mut self, i: u32) {
        self.write_u64(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<FxHasher>>;
pub(crate) type HashSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;

use std::borrow::Cow;

use crate::fold::{base_letters, fold_name, fold_word, Folder};
use crate::names::{Builder, NameIndex};

/// The committed artifact, built by `tools/gazetteer/build.sh` (see data/gazetteer/SOURCES.md).
static EMBEDDED: &[u8] = include_bytes!("../../../data/gazetteer/geonames.tsv.zst");
/// The curated supplement: GeoNames row format plus a source note (data/gazetteer/supplement.tsv).
pub static SUPPLEMENT: &str = include_str!("../../../data/gazetteer/supplement.tsv");
/// Extra demonyms and adjectives (data/gazetteer/demonyms.tsv).
pub static DEMONYMS: &str = include_str!("../../../data/gazetteer/demonyms.tsv");

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer artifact: {0}")]
    Artifact(String),
    #[error("{file}:{line}: {msg}")]
    Row { file: String, line: usize, msg: String },
}

/// A place of the gazetteer, as other stages see it.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// GeoNames id; negative for places of sitrep's curated supplement that GeoNames lacks.
    pub geonameid: i64,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// "SY.07" style: country code and GeoNames admin-1 code.
    pub admin1: Option<String>,
    pub feature_class: String,
    pub feature_code: String,
    pub population: u64,
}

#[derive(Clone, Debug)]
pub(crate) struct Rec {
    pub id: i64,
    pub name: Box<str>,
    pub lat: f64,
    pub lon: f64,
    pub fclass: u8,
    /// Interned (see [`feature_code`]): the few hundred codes are shared, so reading a place's code
    /// reads no memory of its own.
    pub fcode: Code,
    pub cc: Box<str>,
    pub admin1: Box<str>,
    /// `cc` and (`cc`, `admin1`) as numbers, equal exactly when the strings are (see
    /// [`Gazetteer::push`]): resolution compares and hashes these per candidate.
    pub cc_id: u32,
    pub a1_id: u32,
    pub pop: u64,
    /// Names other than `name`, '|'-separated.
    pub alts: Box<str>,
}

/// An index entry: a place, or a country referred to by its demonym/adjective.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Entry {
    Place(u32),
    Demonym(u32),
    /// A demonym with no country place (e.g. "Kurdish"): the index of the text in `free_demonyms`.
    FreeDemonym(u32),
}

#[derive(Default)]
pub struct Gazetteer {
    pub(crate) recs: Vec<Rec>,
    pub(crate) by_id: HashMap<i64, u32>,
    pub(crate) index: NameIndex,
    pub(crate) admin1: HashMap<Box<str>, u32>,
    pub(crate) country: HashMap<Box<str>, u32>,
    pub(crate) max_words: usize,
    /// Demonyms and adjectives with what they refer to (kept to rebuild the index).
    pub(crate) dem_list: Vec<(Entry, String)>,
    /// [`MAJOR`] and [`BIG`] of each place, computed with the index.
    pub(crate) flags: Vec<u8>,
    /// What resolution reads of each candidate, computed with the index (see [`Gazetteer::lower`],
    /// [`Gazetteer::folded`], [`Gazetteer::base_score`]); empty while it is not (re)built.
    lower: Strs,
    folded: Strs,
    base: Vec<f32>,
    /// Of each place with many alternate names: (hash of an alternate name's `base_letters`, its
    /// byte offset in `alts`), sorted; place `i`'s run ends at `alt_ends[i]` (see
    /// [`Gazetteer::has_name`]). Empty while not (re)built.
    alt_index: Vec<(u32, u32)>,
    alt_ends: Vec<u32>,
    /// The numbers of [`Rec::cc_id`] and [`Rec::a1_id`]: a country code is keyed by itself, a
    /// province by its country code, a tab and its admin-1 code.
    area_ids: HashMap<Box<str>, u32>,
    area_key: String,
    /// By area number: a country's code; a province's "SY.07" as [`Place::admin1`] gives it, or
    /// "" when it has none (no code, or "00"). [`Gazetteer::place`] copies these (a small table
    /// the processor keeps at hand) instead of reading each place's own strings.
    area_names: Vec<Box<str>>,
}

/// Alternate names of this many bytes or more are indexed by hash (about 16,000 places).
const INDEXED_ALTS: usize = 64;

fn lower_hash(lower: &str) -> u32 {
    let mut h = FxHasher::default();
    h.write(lower.as_bytes());
    (h.finish() >> 32) as u32
}

/// Run `i` of a buffer cut into runs that end at `ends` (run `i` starts where run `i - 1` ends).
fn run(ends: &[u32], i: usize) -> Option<std::ops::Range<usize>> {
    let end = *ends.get(i)? as usize;
    let start = i.checked_sub(1).map_or(0, |j| ends[j] as usize);
    Some(start..end)
}

/// Many strings in one buffer: string `i` ends at `ends[i]` and starts where string `i - 1` ends.
#[derive(Default)]
struct Strs {
    text: String,
    ends: Vec<u32>,
}

impl Strs {
    fn with_capacity(n: usize, bytes: usize) -> Strs {
        Strs { text: String::with_capacity(bytes), ends: Vec::with_capacity(n) }
    }
    #[inline]
    fn get(&self, i: usize) -> Option<&str> {
        self.text.get(run(&self.ends, i)?)
    }
    /// Close string `ends.len()` (its text was appended to `text`).
    fn end(&mut self) {
        self.ends.push(self.text.len() as u32);
    }
    fn clear(&mut self) {
        *self = Strs::default();
    }
}

/// A country, territory, continent, or a curated place that is not a populated place.
pub(crate) const MAJOR: u8 = 1;
/// A place of 100,000 people or more.
pub(crate) const BIG: u8 = 2;
/// A place with a name that ends with a full stop ("U.S.", "St."): only such a place has a name
/// [`Gazetteer::has_exact_name`] of a mention and its final period.
pub(crate) const DOTTED: u8 = 4;
/// A place with a name of at most [`CAPS_BYTES`] bytes whose letters (two or more) are all
/// capitals ("UAE", "US"): only such a place can have a name spelled as an all-capitals mention.
pub(crate) const CAPS: u8 = 8;
/// The longest name [`CAPS`] is computed for.
pub(crate) const CAPS_BYTES: usize = 32;

/// Whether `s` has two letters or more and no letter that is not a capital (as
/// [`crate::fold::Word::all_caps`] reads a word).
pub(crate) fn all_caps(s: &str) -> bool {
    let mut n = 0;
    for c in s.chars() {
        if c.is_alphabetic() && !crate::fold::is_mark(c) {
            if !c.is_uppercase() {
                return false;
            }
            n += 1;
        }
    }
    n >= 2
}

fn base_score_of(r: &Rec) -> f32 {
    crate::resolve::feature_score(r) + crate::resolve::pop_score(r)
}

fn flags_of(r: &Rec) -> u8 {
    let major = matches!(&*r.fcode, "PCLI" | "PCLD" | "PCLF" | "PCLS" | "PCLIX" | "TERR" | "CONT")
        || (r.fclass != b'P' && crate::resolve::curated(r));
    let dotted = r.name.ends_with('.') || r.alts.ends_with('.') || r.alts.contains(".|");
    let caps = std::iter::once(&*r.name)
        .chain(r.alts.split('|'))
        .any(|n| n.len() <= CAPS_BYTES && !n.bytes().any(|b| b.is_ascii_lowercase()) && all_caps(n));
    (if major { MAJOR } else { 0 })
        | (if r.pop >= 100_000 { BIG } else { 0 })
        | (if dotted { DOTTED } else { 0 })
        | (if caps { CAPS } else { 0 })
}

/// A GeoNames feature code ("PPLA", "ADM1"), read as a `str`: the one shared copy of it (see
/// [`feature_code`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Code(&'static str);

impl std::ops::Deref for Code {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.0
    }
}

/// The code as [`Code`]. A code is kept once for the life of the process, the first time a
/// gazetteer names it: GeoNames has about 700.
pub(crate) fn feature_code(code: &str) -> Code {
    Code(intern(code))
}

fn intern(code: &str) -> &'static str {
    use std::sync::{Mutex, OnceLock};
    static CODES: OnceLock<Mutex<std::collections::HashSet<&'static str>>> = OnceLock::new();
    // the codes seen last by this thread, without the lock (rows mostly repeat a few codes)
    thread_local!(static RECENT: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) });
    let recent = |code: &str| RECENT.try_with(|r| r.try_borrow().ok()?.iter().find(|c| **c == code).copied());
    if let Ok(Some(c)) = recent(code) {
        return c;
    }
    let mut codes = CODES.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    let c = match codes.get(code) {
        Some(c) => *c,
        None => {
            let c: &'static str = Box::leak(code.into());
            codes.insert(c);
            c
        }
    };
    let _ = RECENT.try_with(|r| {
        if let Ok(mut r) = r.try_borrow_mut() {
            if r.len() >= 16 {
                r.remove(0);
            }
            r.push(c);
        }
    });
    c
}

fn parse_f64(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

impl Gazetteer {
    /// The embedded default: the GeoNames artifact, the curated supplement and demonyms.
    pub fn embedded() -> Result<Gazetteer, GazetteerError> {
        // in one piece when the frame says its size (no growing buffer), else streamed
        let whole = match zstd::zstd_safe::get_frame_content_size(EMBEDDED) {
            Ok(Some(n)) if n < 1 << 31 => zstd::bulk::decompress(EMBEDDED, n as usize).ok(),
            _ => None,
        };
        let tsv = match whole {
            Some(t) => t,
            None => zstd::stream::decode_all(EMBEDDED).map_err(|e| GazetteerError::Artifact(format!("zstd: {e}")))?,
        };
        let tsv = String::from_utf8(tsv).map_err(|e| GazetteerError::Artifact(format!("not UTF-8: {e}")))?;
        let mut g = Gazetteer::default();
        g.load_artifact(&tsv)?;
        drop(tsv);
        g.add_geonames_rows(SUPPLEMENT, "data/gazetteer/supplement.tsv")?;
        g.build_lookups();
        g.add_demonyms(DEMONYMS, "data/gazetteer/demonyms.tsv")?;
        g.build_names();
        Ok(g)
    }

    /// The number of area `key` (a country code, or "cc\tadmin1"), given when first seen.
    fn area_id(&mut self, cc: &str, admin1: Option<&str>) -> u32 {
        self.area_key.clear();
        self.area_key.push_str(cc);
        if let Some(a) = admin1 {
            self.area_key.push('\t');
            self.area_key.push_str(a);
        }
        if let Some(&id) = self.area_ids.get(self.area_key.as_str()) {
            return id;
        }
        let id = self.area_ids.len() as u32;
        self.area_ids.insert(self.area_key.as_str().into(), id);
        let name = match admin1 {
            None => cc.into(),
            Some(a) if !cc.is_empty() && !a.is_empty() && a != "00" => [cc, ".", a].concat().into(),
            Some(_) => "".into(),
        };
        self.area_names.push(name);
        id
    }

    fn push(&mut self, mut r: Rec) -> u32 {
        // rows come grouped by country and province: most repeat the last row's numbers
        match self.recs.last() {
            Some(l) if l.cc == r.cc && l.admin1 == r.admin1 => (r.cc_id, r.a1_id) = (l.cc_id, l.a1_id),
            _ => {
                r.cc_id = self.area_id(&r.cc, None);
                r.a1_id = self.area_id(&r.cc, Some(&r.admin1));
            }
        }
        let n = self.recs.len() as u32;
        match self.by_id.entry(r.id) {
            std::collections::hash_map::Entry::Occupied(o) => {
                let i = *o.get();
                self.recs[i as usize] = r;
                // what was computed of the place it replaces is computed again when read
                self.lower.clear();
                self.folded.clear();
                self.base.clear();
                self.alt_index.clear();
                self.alt_ends.clear();
                i
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(n);
                self.recs.push(r);
                n
            }
        }
    }

    /// Rows of the artifact: id name lat lon fclass fcode cc admin1 pop altnames demonyms.
    fn load_artifact(&mut self, tsv: &str) -> Result<(), GazetteerError> {
        let rows = tsv.bytes().filter(|&b| b == b'\n').count() + 1;
        self.recs.reserve(rows);
        self.by_id.reserve(rows);
        let mut dems: Vec<(Entry, String)> = Vec::new();
        for (n, line) in tsv.lines().enumerate() {
            let mut c = [""; 11];
            let mut cols = line.split('\t');
            let mut found = 0;
            for (slot, col) in c.iter_mut().zip(&mut cols) {
                *slot = col;
                found += 1;
            }
            let bad = |msg: &str| GazetteerError::Row {
                file: "data/gazetteer/geonames.tsv.zst".into(),
                line: n + 1,
                msg: msg.into(),
            };
            if found < 11 {
                return Err(bad("expected 11 columns"));
            }
            let id: i64 = c[0].parse().map_err(|_| bad("bad geonameid"))?;
            let lat = parse_f64(c[2]).ok_or_else(|| bad("bad latitude"))?;
            let lon = parse_f64(c[3]).ok_or_else(|| bad("bad longitude"))?;
            let i = self.push(Rec {
                id,
                name: c[1].into(),
                lat,
                lon,
                fclass: c[4].bytes().next().unwrap_or(b'P'),
                fcode: feature_code(c[5]),
                cc: c[6].into(),
                admin1: c[7].into(),
                cc_id: 0,
                a1_id: 0,
                pop: c[8].parse().unwrap_or(0),
                alts: c[9].into(),
            });
            if !c[10].is_empty() {
                for d in c[10].split('|') {
                    dems.push((Entry::Demonym(i), d.to_string()));
                }
            }
        }
        self.dem_list = dems;
        Ok(())
    }

    /// Add rows in GeoNames' own format (allCountries.txt, a country file, or sitrep's supplement,
    /// which has a source note as a 20th column). A row whose id is already known and whose
    /// coordinates are empty only adds its names to that place. `#` starts a comment line.
    pub fn add_geonames_rows(&mut self, text: &str, file: &str) -> Result<(), GazetteerError> {
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            self.add_geonames_line(line).map_err(|msg| GazetteerError::Row { file: file.into(), line: n + 1, msg })?;
        }
        Ok(())
    }

    /// One GeoNames row (19 tab-separated columns, more allowed). Call [`Gazetteer::build_index`]
    /// after adding rows to a gazetteer that is already indexed.
    pub fn add_geonames_line(&mut self, line: &str) -> Result<(), String> {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 15 {
            return Err(format!("expected at least 15 tab-separated GeoNames columns, found {}", c.len()));
        }
        let id: i64 = c[0].trim().parse().map_err(|_| format!("bad geonameid {:?}", c[0]))?;
        let mut alts: Vec<&str> = Vec::new();
        if !c[2].is_empty() && c[2] != c[1] {
            alts.push(c[2]);
        }
        alts.extend(c[3].split(',').map(str::trim).filter(|a| !a.is_empty()));
        if let (true, Some(&i)) = (c[4].trim().is_empty(), self.by_id.get(&id)) {
            let r = &mut self.recs[i as usize];
            let mut all: Vec<&str> = r.alts.split('|').filter(|a| !a.is_empty()).collect();
            if !c[1].is_empty() && c[1] != &*r.name {
                all.push(c[1]);
            }
            all.extend(alts);
            r.alts = all.join("|").into();
            self.alt_index.clear();
            self.alt_ends.clear();
            return Ok(());
        }
        let lat = parse_f64(c[4]).ok_or_else(|| format!("bad latitude {:?}", c[4]))?;
        let lon = parse_f64(c[5]).ok_or_else(|| format!("bad longitude {:?}", c[5]))?;
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err("coordinates out of range".into());
        }
        if c[1].trim().is_empty() {
            return Err("empty name".into());
        }
        let alts: Vec<&str> = alts.into_iter().filter(|a| !a.contains('|')).collect();
        self.push(Rec {
            id,
            name: c[1].trim().into(),
            lat,
            lon,
            fclass: c[6].bytes().next().unwrap_or(b'P'),
            fcode: feature_code(c[7].trim()),
            cc: c[8].trim().into(),
            admin1: c[10].trim().into(),
            cc_id: 0,
            a1_id: 0,
            pop: c[14].trim().parse().unwrap_or(0),
            alts: alts.join("|").into(),
        });
        Ok(())
    }

    /// Add alternate names in GeoNames' alternateNamesV2.txt format (id, geonameid, language,
    /// name, …). Only Latin-script names in English or no language are kept.
    pub fn add_alternate_names_line(&mut self, line: &str) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 4 || !matches!(c[2], "" | "en" | "ar" | "ku") {
            return;
        }
        let Ok(id) = c[1].parse::<i64>() else { return };
        let name = c[3].trim();
        if name.is_empty() || name.contains('|') || !name.chars().all(|ch| !ch.is_alphabetic() || is_latin(ch)) {
            return;
        }
        if let Some(&i) = self.by_id.get(&id) {
            let r = &mut self.recs[i as usize];
            let s = if r.alts.is_empty() { name.to_string() } else { format!("{}|{}", r.alts, name) };
            r.alts = s.into();
            self.alt_index.clear();
            self.alt_ends.clear();
        }
    }

    /// (Re)build the folded-name index, and the admin-1 and country lookups.
    pub fn build_index(&mut self) {
        self.build_lookups();
        self.build_names();
    }

    /// The admin-1 and country lookups.
    fn build_lookups(&mut self) {
        self.admin1.clear();
        self.country.clear();
        for (i, r) in self.recs.iter().enumerate() {
            let i = i as u32;
            match &*r.fcode {
                "ADM1" if !r.cc.is_empty() => {
                    self.admin1.insert(format!("{}.{}", r.cc, r.admin1).into(), i);
                }
                "PCLI" | "PCLD" | "PCLF" | "PCLS" | "PCLIX" | "PCL" | "TERR" if !r.cc.is_empty() => {
                    let cur = self.country.get(&*r.cc).copied();
                    if cur.is_none() || &*r.fcode == "PCLI" {
                        self.country.insert(r.cc.clone(), i);
                    }
                }
                _ => {}
            }
        }
    }

    /// [`MAJOR`], [`BIG`], [`DOTTED`] and [`CAPS`] of place `i` (read from the place when the index is not rebuilt yet).
    #[inline]
    pub(crate) fn flags(&self, i: u32) -> u8 {
        match self.flags.get(i as usize) {
            Some(&f) => f,
            None => self.recs.get(i as usize).map_or(0, flags_of),
        }
    }

    /// The lower-case letters and digits of place `i`'s own name: `base_letters(&name)`.
    #[inline]
    pub(crate) fn lower(&self, i: u32) -> Cow<'_, str> {
        match self.lower.get(i as usize) {
            Some(s) => Cow::Borrowed(s),
            None => {
                let mut s = String::new();
                base_letters(self.recs.get(i as usize).map_or("", |r| &r.name), &mut s);
                Cow::Owned(s)
            }
        }
    }

    /// The folded key of place `i`'s own name: `fold_name(&name)`.
    #[inline]
    pub(crate) fn folded(&self, i: u32) -> Cow<'_, str> {
        match self.folded.get(i as usize) {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(fold_name(self.recs.get(i as usize).map_or("", |r| &r.name))),
        }
    }

    /// Place `i`'s score before context: its feature type's and its population's.
    #[inline]
    pub(crate) fn base_score(&self, i: u32) -> f32 {
        match self.base.get(i as usize) {
            Some(&s) => s,
            None => self.recs.get(i as usize).map_or(0.0, base_score_of),
        }
    }

    /// The folded-name index over every name of every place, then the demonyms; with it what
    /// resolution reads of each place (flags, lower-case and folded names, base scores).
    fn build_names(&mut self) {
        self.flags = self.recs.iter().map(flags_of).collect();
        self.base = self.recs.iter().map(base_score_of).collect();
        let bytes: usize = self.recs.iter().map(|r| r.name.len()).sum();
        let mut lower = Strs::with_capacity(self.recs.len(), bytes);
        for r in &self.recs {
            base_letters(&r.name, &mut lower.text);
            lower.end();
        }
        self.lower = lower;
        let mut alt_index: Vec<(u32, u32)> = Vec::new();
        let mut alt_ends = Vec::with_capacity(self.recs.len());
        let mut buf = String::new();
        for r in &self.recs {
            if r.alts.len() >= INDEXED_ALTS {
                let start = alt_index.len();
                let mut off = 0;
                for n in r.alts.split('|') {
                    buf.clear();
                    base_letters(n, &mut buf);
                    alt_index.push((lower_hash(&buf), off as u32));
                    off += n.len() + 1;
                }
                alt_index[start..].sort_unstable();
            }
            alt_ends.push(alt_index.len() as u32);
        }
        alt_index.shrink_to_fit();
        self.alt_index = alt_index;
        self.alt_ends = alt_ends;
        let names: usize = self.recs.iter().map(|r| 1 + r.alts.bytes().filter(|&b| b == b'|').count()).sum();
        let mut b = Builder::with_capacity(names + self.dem_list.len() * 2);
        let mut folded = Strs::with_capacity(self.recs.len(), bytes + bytes / 8);
        let max_words = self.each_key_and_own(
            |key, e| b.add(key, e),
            |key| {
                folded.text.push_str(key);
                folded.end();
            },
        );
        self.index = b.finish();
        self.max_words = max_words;
        self.folded = folded;
    }

    /// Every (folded key, entry) the name index holds, in the order they are added; returns the
    /// largest number of words of a key.
    #[cfg(test)]
    pub(crate) fn each_key(&self, add: impl FnMut(&str, Entry)) -> usize {
        self.each_key_and_own(add, |_| {})
    }

    /// [`Gazetteer::each_key`], and `own` is given the folded key of each place's own name, in
    /// the order of the places (whether or not the index holds it).
    fn each_key_and_own(&self, mut add: impl FnMut(&str, Entry), mut own: impl FnMut(&str)) -> usize {
        let mut folder = Folder::default();
        let mut key = String::new();
        let mut joined = String::new();
        let mut max_words = 1;
        for (i, r) in self.recs.iter().enumerate() {
            let e = Entry::Place(i as u32);
            for (n, name) in std::iter::once(&*r.name).chain(r.alts.split('|')).enumerate() {
                if name.is_empty() {
                    if n == 0 {
                        own("");
                    }
                    continue;
                }
                key.clear();
                folder.fold_name_into(name, &mut key);
                if n == 0 {
                    own(&key);
                }
                if key.len() < 2 {
                    continue;
                }
                let nw = key.bytes().filter(|&b| b == b' ').count() + 1;
                if nw > 6 {
                    continue;
                }
                max_words = max_words.max(nw);
                add(&key, e);
                // "Abu Kamal" is also written as one word: Bukamal, Boukamal.
                if let Some(rest) = key.strip_prefix("abu ") {
                    if !rest.contains(' ') {
                        joined.clear();
                        joined.push_str("bu");
                        joined.push_str(rest);
                        add(&joined, e);
                    }
                }
            }
        }
        for (e, d) in &self.dem_list {
            add_demonym(&mut add, &mut folder, d, *e);
        }
        max_words
    }

    /// Demonyms file: `word<TAB>ISO2 or -` lines; `-` for a people without a country place. They
    /// join the name index when it is next built.
    fn add_demonyms(&mut self, text: &str, file: &str) -> Result<(), GazetteerError> {
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim_end();
            if line.trim().is_empty() {
                continue;
            }
            let mut c = line.split('\t');
            let (Some(word), Some(cc)) = (c.next(), c.next()) else {
                return Err(GazetteerError::Row {
                    file: file.into(),
                    line: n + 1,
                    msg: "expected demonym<TAB>ISO2".into(),
                });
            };
            let target = cc.trim();
            let entry = if target == "-" {
                Entry::FreeDemonym(0)
            } else if let Some(i) = target.parse::<i64>().ok().and_then(|id| self.by_id.get(&id)) {
                Entry::Demonym(*i)
            } else {
                match self.country.get(target) {
                    Some(&i) => Entry::Demonym(i),
                    None => {
                        return Err(GazetteerError::Row {
                            file: file.into(),
                            line: n + 1,
                            msg: format!("unknown country code or geonameid {target:?}"),
                        })
                    }
                }
            };
            self.dem_list.push((entry, word.trim().to_string()));
        }
        Ok(())
    }

    pub(crate) fn place(&self, i: u32) -> Place {
        let r = &self.recs[i as usize];
        let (country, admin1) = match (self.area_names.get(r.cc_id as usize), self.area_names.get(r.a1_id as usize)) {
            (Some(c), Some(a)) => {
                ((!r.cc.is_empty()).then(|| String::from(&**c)), (!a.is_empty()).then(|| String::from(&**a)))
            }
            // (numbers not given by this gazetteer: from the place's own strings)
            _ => (
                (!r.cc.is_empty()).then(|| String::from(&*r.cc)),
                (!r.cc.is_empty() && !r.admin1.is_empty() && &*r.admin1 != "00")
                    .then(|| [&*r.cc, ".", &*r.admin1].concat()),
            ),
        };
        Place {
            geonameid: r.id,
            // (`String::from`: `to_string` of a `Box<str>` goes through `Display`)
            name: String::from(&*r.name),
            lat: r.lat,
            lon: r.lon,
            country,
            admin1,
            feature_class: String::from(r.fclass as char),
            feature_code: r.fcode.0.to_string(),
            population: r.pop,
        }
    }

    /// Whether the place has a name equal to `lower` (lowercase, without diacritics).
    pub(crate) fn has_name(&self, i: u32, lower: &str) -> bool {
        let r = &self.recs[i as usize];
        let mut b = String::new();
        base_letters_are(&r.name, lower, &mut b) || self.has_alt_name(i, lower, &mut b)
    }

    /// Whether one of the place's alternate names (not its own) has letters `lower`: what
    /// [`Gazetteer::has_name`] adds when `lower` is known not to be [`Gazetteer::lower`] (the
    /// own name is not read again).
    pub(crate) fn has_alt_name(&self, i: u32, lower: &str, b: &mut String) -> bool {
        let r = &self.recs[i as usize];
        // many alternate names: only those whose letters hash as `lower`'s are compared
        if let Some(ix) = self.alt_index_of(i) {
            let h = lower_hash(lower);
            let from = ix.partition_point(|e| e.0 < h);
            return ix[from..].iter().take_while(|e| e.0 == h).any(|&(_, off)| {
                let n = r.alts.get(off as usize..).and_then(|rest| rest.split('|').next()).unwrap_or("");
                base_letters_are(n, lower, b)
            });
        }
        alt_base_letters_are(&r.alts, lower, b)
    }

    /// Place `i`'s run of [`Gazetteer::alt_index`], when it has one.
    fn alt_index_of(&self, i: u32) -> Option<&[(u32, u32)]> {
        let r = run(&self.alt_ends, i as usize)?;
        (!r.is_empty()).then(|| self.alt_index.get(r)).flatten()
    }

    /// Whether the place has a name spelled exactly `s` (case included).
    pub(crate) fn has_exact_name(&self, i: u32, s: &str) -> bool {
        let r = &self.recs[i as usize];
        if *r.name == *s {
            return true;
        }
        // the '|'-separated alternate names, without splitting them
        let (a, s) = (r.alts.as_bytes(), s.as_bytes());
        let mut p = 0;
        loop {
            if a.get(p..p + s.len()) == Some(s) && a.get(p + s.len()).is_none_or(|&c| c == b'|') {
                return true;
            }
            match a.get(p..).and_then(|rest| rest.iter().position(|&c| c == b'|')) {
                Some(q) => p += q + 1,
                None => return false,
            }
        }
    }

    pub fn len(&self) -> usize {
        self.recs.len()
    }
    pub fn is_empty(&self) -> bool {
        self.recs.is_empty()
    }
}

/// Whether `base_letters(name) == lower`, mostly without building it: the letters are compared
/// as they come, and most names differ at their first. (`base_letters` maps each character on its
/// own, so the letters up to the first non-ASCII character are those of the ASCII prefix.)
fn base_letters_are(name: &str, lower: &str, buf: &mut String) -> bool {
    let want = lower.as_bytes();
    let mut k = 0;
    for (p, c) in name.bytes().enumerate() {
        if !c.is_ascii() {
            buf.clear();
            base_letters(name.get(p..).unwrap_or(""), buf);
            return want.get(k..) == Some(buf.as_bytes());
        }
        if c.is_ascii_alphanumeric() {
            if want.get(k) != Some(&c.to_ascii_lowercase()) {
                return false;
            }
            k += 1;
        }
    }
    k == want.len()
}

/// Whether one of the '|'-separated names of `alts` has `base_letters(name) == lower`: one pass
/// over them, a name's letters compared as they come (see [`base_letters_are`]).
fn alt_base_letters_are(alts: &str, lower: &str, buf: &mut String) -> bool {
    let (a, want) = (alts.as_bytes(), lower.as_bytes());
    // the letters of the current name matched so far, and whether they all agree
    let (mut k, mut alive) = (0, true);
    let mut p = 0;
    while let Some(&c) = a.get(p) {
        if c == b'|' {
            if alive && k == want.len() {
                return true;
            }
            (k, alive) = (0, true);
        } else if alive && !c.is_ascii() {
            // the rest of this name as base_letters has it (its start is a character's: the
            // name's bytes so far are ASCII)
            let end = a[p..].iter().position(|&c| c == b'|').map_or(a.len(), |q| p + q);
            buf.clear();
            base_letters(alts.get(p..end).unwrap_or(""), buf);
            if want.get(k..) == Some(buf.as_bytes()) {
                return true;
            }
            alive = false;
            p = end;
            continue;
        } else if alive && c.is_ascii_alphanumeric() {
            if want.get(k) == Some(&c.to_ascii_lowercase()) {
                k += 1;
            } else {
                alive = false;
            }
        }
        p += 1;
    }
    alive && k == want.len()
}

fn add_demonym(add: &mut impl FnMut(&str, Entry), folder: &mut Folder, word: &str, e: Entry) {
    // Plurals: Syrians, Iraqis, Kurds are handled by the file; add -s forms of -an/-i words.
    let lw = word.to_lowercase();
    let plural = lw.ends_with("an") || lw.ends_with('i');
    let mut key = String::new();
    for form in [Some(word.to_string()), plural.then(|| format!("{word}s"))].into_iter().flatten() {
        key.clear();
        folder.fold_name_into(&form, &mut key);
        if key.len() < 3 {
            continue;
        }
        add(&key, e);
    }
}

fn is_latin(c: char) -> bool {
    (c as u32) < 0x250 || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// Fold one word: exposed for the stop-list.
pub fn fold_one(w: &str) -> String {
    fold_word(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precomputed_values_are_those_of_each_place() {
        // what resolution reads of a candidate is what it computed from the place before
        let g = Gazetteer::embedded().expect("embedded gazetteer");
        assert_eq!(g.lower.ends.len(), g.recs.len());
        assert_eq!(g.folded.ends.len(), g.recs.len());
        assert_eq!(g.base.len(), g.recs.len());
        let mut nl = String::new();
        for (i, r) in g.recs.iter().enumerate() {
            let i = i as u32;
            nl.clear();
            base_letters(&r.name, &mut nl);
            assert_eq!(g.lower(i), nl, "{}", r.name);
            assert_eq!(g.folded(i), fold_name(&r.name), "{}", r.name);
            let s = crate::resolve::feature_score(r) + crate::resolve::pop_score(r);
            assert_eq!(g.base_score(i).to_bits(), s.to_bits(), "{}", r.name);
            let a1 = (!r.cc.is_empty() && !r.admin1.is_empty() && &*r.admin1 != "00")
                .then(|| format!("{}.{}", r.cc, r.admin1));
            assert_eq!(g.place(i).admin1, a1);
        }
        // past the end: computed, never a panic
        let n = g.recs.len() as u32;
        assert_eq!(g.lower(n), "");
        assert_eq!(g.base_score(n), 0.0);
    }

    #[test]
    fn places_read_their_areas_as_their_own_codes() {
        let g = Gazetteer::embedded().expect("embedded gazetteer");
        for (i, r) in g.recs.iter().enumerate().step_by(3) {
            let p = g.place(i as u32);
            assert_eq!(p.country.as_deref(), (!r.cc.is_empty()).then_some(&*r.cc), "{}", r.name);
            let a1 = (!r.cc.is_empty() && !r.admin1.is_empty() && &*r.admin1 != "00")
                .then(|| format!("{}.{}", r.cc, r.admin1));
            assert_eq!(p.admin1, a1, "{}", r.name);
        }
    }

    #[test]
    fn has_exact_name_is_one_of_the_names() {
        let g = Gazetteer::embedded().expect("embedded gazetteer");
        for (i, r) in g.recs.iter().enumerate().step_by(5) {
            let i = i as u32;
            let names: Vec<&str> = std::iter::once(&*r.name).chain(r.alts.split('|')).collect();
            assert_eq!(g.flags(i) & DOTTED != 0, names.iter().any(|n| n.ends_with('.')), "{}", r.name);
            let caps = names.iter().any(|n| n.len() <= CAPS_BYTES && all_caps(n));
            assert_eq!(g.flags(i) & CAPS != 0, caps, "{}", r.name);
            for n in names.iter().take(8) {
                assert!(g.has_exact_name(i, n));
                let half = n.char_indices().nth(n.chars().count() / 2).map_or(0, |(p, _)| p);
                for probe in [&n[..half], &format!("{n}|"), &format!("{n}x"), &format!("|{n}")] {
                    assert_eq!(g.has_exact_name(i, probe), names.contains(&probe), "{} {probe:?}", r.name);
                }
            }
        }
    }

    #[test]
    fn has_name_is_base_letters_equality() {
        // the comparison as it was: base_letters of each name, built
        fn reference(g: &Gazetteer, i: u32, lower: &str) -> bool {
            let r = &g.recs[i as usize];
            std::iter::once(&*r.name).chain(r.alts.split('|')).any(|n| {
                let mut b = String::new();
                base_letters(n, &mut b);
                b == lower
            })
        }
        let g = Gazetteer::embedded().expect("embedded gazetteer");
        let mut probes: Vec<String> = vec![String::new(), "a".into(), "ss".into(), "oe".into()];
        let mut checked = 0;
        for (i, r) in g.recs.iter().enumerate().step_by(7) {
            let i = i as u32;
            probes.truncate(4);
            for n in std::iter::once(&*r.name).chain(r.alts.split('|')).take(6) {
                let mut b = String::new();
                base_letters(n, &mut b);
                // the name, a prefix of it and the name with a letter more
                let cut = b.char_indices().nth(b.chars().count() / 2).map_or(0, |(p, _)| p);
                probes.push(b[..cut].to_string());
                probes.push(format!("{b}s"));
                probes.push(b);
            }
            // a name of another place
            probes.push(g.lower((i + 1) % g.recs.len() as u32).into_owned());
            for l in &probes {
                assert_eq!(g.has_name(i, l), reference(&g, i, l), "{} {:?}", r.name, l);
                checked += 1;
            }
        }
        assert!(checked > 100_000, "{checked}");
        let mut b = String::new();
        assert!(base_letters_are("Ærøskøbing", "aeroskobing", &mut b));
        assert!(base_letters_are("St. Gallen-Ost", "stgallenost", &mut b));
        assert!(!base_letters_are("Köln", "koln2", &mut b));
        assert!(!base_letters_are("Kölnx", "koln", &mut b));
        for (alts, lower, want) in [
            ("", "", true),
            ("", "a", false),
            ("A|", "", true),
            ("A|b", "b", true),
            ("Ab|b", "a", false),
            ("Köln|Ko", "ko", true),
            ("Köln|Ko", "koln", true),
            ("Kö|Ko", "kol", false),
            ("x|Ærø-A", "aeroa", true),
            ("Ærø|x", "aero", true),
            ("Ærø|x", "aerox", false),
            ("St. Gallen|Sankt Gallen", "sanktgallen", true),
        ] {
            assert_eq!(alt_base_letters_are(alts, lower, &mut b), want, "{alts:?} {lower:?}");
        }
    }

    #[test]
    fn a_replaced_place_is_read_anew() {
        let row = |id: i64, name: &str, code: &str, pop: u64| {
            format!("{id}\t{name}\t{name}\t\t35.0\t38.0\tP\t{code}\tSY\t\t07\t\t\t\t{pop}\t\t\t\t")
        };
        let mut g = Gazetteer::default();
        g.add_geonames_line(&row(7, "Old Näme", "PPL", 10)).unwrap();
        g.add_geonames_line(&row(8, "Other", "PPLA", 0)).unwrap();
        g.build_index();
        assert_eq!(g.lower(0), "oldname");
        assert_eq!(g.folded(0), fold_name("Old Näme"));
        let before = g.base_score(0);
        g.add_geonames_line(&row(7, "New-Town", "PPLC", 2_000_000)).unwrap();
        assert_eq!(g.lower(0), "newtown");
        assert_eq!(g.folded(0), fold_name("New-Town"));
        assert!(g.base_score(0) > before);
        assert_eq!(g.lower(1), "other");
        // names added after the index was built are found
        let long = (0..12).map(|k| format!("Name Number {k}")).collect::<Vec<_>>().join(",");
        let merge = format!("8\tOther\t\t{long}\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t");
        g.add_geonames_line(&merge).unwrap();
        g.build_index();
        assert!(g.alt_index_of(1).is_some());
        assert!(g.has_name(1, "namenumber11") && !g.has_name(1, "namenumber12"));
        g.add_alternate_names_line("1\t8\ten\tName Number 12");
        assert!(g.has_name(1, "namenumber12"));
        g.build_index();
        assert_eq!(g.lower(0), "newtown");
        assert_eq!(g.folded(1), fold_name("Other"));
    }
}
