//! The actor tagger: lexicon lookup, composition, officials and metonymy over matching units.

mod build;
mod context;
mod home;
mod matching;
mod phrase;
mod trie;
mod words;

use crate::coref::{self, Want};
use crate::lexicon::{ActorRow, CountryRow, CueKind, GroupRow, NounRow, RelationKind};
use crate::units::{units, Unit};
use crate::{Actor, ActorMention, Affiliation, MentionKind, PlaceCountry};
use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};
use sitrep_model::{Doc, Span};
use words::DETERMINERS;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TKind {
    Actor,
    CountryName,
    CountryAdj,
    CountryPeople,
    Capital,
    GroupName,
    GroupAdj,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Target {
    kind: TKind,
    idx: usize,
    needs_cap: bool,
}

/// The actor tagger. Built once from the lexicon files, then shared read-only (Send + Sync).
#[derive(Debug)]
pub struct ActorTagger {
    countries: Vec<CountryRow>,
    groups: Vec<GroupRow>,
    nouns: Vec<NounRow>,
    actors: Vec<ActorRow>,
    actor_by_id: FxHashMap<String, usize>,
    country_by_iso: FxHashMap<String, usize>,
    /// ISO2 → index into `countries` (places stage codes).
    country_by_iso2: FxHashMap<String, usize>,
    /// Normalized name (words joined by spaces) → targets; the same names are in `trie`.
    index: FxHashMap<String, Vec<Target>>,
    /// Single all-capital names, as written ("SAA", "YPG").
    acronyms: FxHashMap<String, Vec<Target>>,
    max_len: usize,
    noun_max: usize,
    /// Names, composition nouns and cue words, for the tagging hot path.
    trie: trie::PhraseTrie,
    /// Bare forms of the speaking/deciding verbs ("attack", "demand").
    lemmas: FxHashSet<String>,
}

/// A candidate mention while tagging (unit indices; resolved into [`ActorMention`]s at the end).
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub actor: Actor,
    pub kind: MentionKind,
    pub sentence: usize,
    pub plural: Option<bool>,
    pub person: bool,
    /// The actor is a country as a whole (no sector).
    pub whole_country: bool,
    pub want: Option<Want>,
    /// An official introduced with "the" ("the senior U.S. official"): may repeat an earlier one.
    pub definite_official: bool,
    pub oblique: bool,
    pub modifier: bool,
    pub locative: bool,
    pub antecedent: Option<usize>,
    pub drop: bool,
    /// The second of two conjoined heads ("soldiers and policemen"): not an antecedent.
    pub secondary: bool,
    /// A definite description with "its"/"their" ("its forces").
    pub possessive_det: bool,
    /// For persons by title: the title as written, lower case ("prime minister").
    pub title: String,
    /// "them": an object pronoun.
    pub object_pronoun: bool,
    /// Index of the paragraph of the sentence.
    pub paragraph: usize,
    /// A country or capital in the report's dateline ("BEIRUT, March 4 (Reuters) -"): where the
    /// writer files from, a place and never an antecedent.
    pub dateline: bool,
    /// A country that opens its sentence as its frame ("In Myanmar, the junta ..."): the state
    /// its descriptions in that sentence belong to.
    pub frame: bool,
}

impl Cand {
    fn new(start: usize, end: usize, actor: Actor, kind: MentionKind, sentence: usize) -> Self {
        Cand {
            start,
            end,
            actor,
            kind,
            sentence,
            plural: None,
            person: false,
            whole_country: false,
            want: None,
            definite_official: false,
            oblique: false,
            modifier: false,
            locative: false,
            antecedent: None,
            drop: false,
            secondary: false,
            possessive_det: false,
            title: String::new(),
            object_pronoun: false,
            paragraph: 0,
            dateline: false,
            frame: false,
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct ModItem {
    start: usize,
    end: usize,
    actor: Option<usize>,
    country: Option<usize>,
    group: Option<usize>,
    name: bool,
    adj: bool,
    people: bool,
    capital: bool,
    group_name: bool,
    backer: bool,
    led: bool,
    hyphen_tail: bool,
    /// Joined to the previous item by "and", "or" or a comma.
    conj: bool,
}

impl ActorTagger {
    /// Names that the lexicon gives to more than one actor, as `(normalized name, actor ids)`:
    /// a check for analysts editing the lexicon (the tagger takes the first row).
    pub fn ambiguous_names(&self) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        for (key, ts) in self.index.iter().chain(self.acronyms.iter()) {
            let mut ids: Vec<String> = ts
                .iter()
                .filter(|t| t.kind == TKind::Actor)
                .filter_map(|t| self.actors[t.idx].actor.id.clone())
                .collect();
            ids.sort();
            ids.dedup();
            if ids.len() > 1 {
                out.push((key.clone(), ids));
            }
        }
        out.sort();
        out
    }

    /// The affiliations of a lexicon actor (empty for unknown ids).
    pub fn affiliations(&self, id: &str) -> &[Affiliation] {
        self.actor_by_id.get(id).map(|&i| self.actors[i].relations.as_slice()).unwrap_or(&[])
    }

    /// The lexicon actor with this id, or the country with this ISO3 code.
    pub fn actor_by_id(&self, id: &str) -> Option<Actor> {
        if let Some(&i) = self.actor_by_id.get(id) {
            return Some(self.actors[i].actor.clone());
        }
        self.country_by_iso.get(id).map(|&c| self.country_actor(c))
    }

    /// Resolve one name ("SAA", "Iraqi government troops", "Damascus") to an actor, as the
    /// tagger would read it when it fills the whole text. Ids are accepted too ("SYR-SAA").
    pub fn lookup(&self, name: &str) -> Option<Actor> {
        let trimmed = name.trim();
        if trimmed.is_empty() {
            return None;
        }
        if let Some(a) = self.actor_by_id(trimmed) {
            return Some(a);
        }
        let doc = Doc::new(trimmed);
        let first = doc.tokens.first()?.span.start;
        let last = doc.tokens.last()?.span.end;
        let ms = self.tag(&doc, None);
        let whole = |m: &&ActorMention| m.span.start <= first && m.span.end >= last && !m.locative;
        if let Some(m) = ms.iter().find(whole) {
            return Some(m.actor.clone());
        }
        // A capital alone is a place in running text but names the government when looked up.
        let us = units(&doc);
        let words: Vec<&Unit> = us.iter().filter(|u| u.word).collect();
        let key = words.iter().map(|u| u.norm_str()).collect::<Vec<_>>().join(" ");
        let ts = self.index.get(&key)?;
        ts.iter().find(|t| t.kind == TKind::Capital).map(|t| self.government(t.idx))
    }

    /// Tag the actor mentions of a report. `published` anchors dated lexicon relations (e.g.
    /// "Nusra" in a 2018 report is Hay'at Tahrir al-Sham).
    pub fn tag(&self, doc: &Doc, published: Option<NaiveDate>) -> Vec<ActorMention> {
        self.tag_with_places(doc, published, &[])
    }

    /// [`Self::tag`] told where the report's places are (by the places stage): an unnamed state
    /// actor ("government forces", "the army") that coreference leaves without a country takes
    /// the country of the places of its sentence, then paragraph, then the report's dominant
    /// country, and only then the dateline's. Without places, the countries and capitals the
    /// tagger itself reads as places ("in Syria") stand in for them.
    pub fn tag_with_places(
        &self,
        doc: &Doc,
        published: Option<NaiveDate>,
        places: &[PlaceCountry],
    ) -> Vec<ActorMention> {
        let mut u = units(doc);
        for x in &mut u {
            x.id = self.trie.id(&x.norm);
        }
        let mut cands: Vec<Cand> = Vec::new();
        let mut s_start = 0;
        while s_start < u.len() {
            let sentence = u[s_start].sentence;
            let mut s_end = s_start;
            while s_end < u.len() && u[s_end].sentence == sentence {
                s_end += 1;
            }
            let shouting = Shouting::new(&u[s_start..s_end]);
            let mut i = s_start;
            while i < s_end {
                if !u[i].word {
                    i += 1;
                    continue;
                }
                let marks = self.trie.marks(u[i].id);
                if marks & trie::PRONOUN != 0 {
                    if let Some(c) = self.pronoun(&u, i, s_start, s_end) {
                        cands.push(c);
                        i += 1;
                        continue;
                    }
                }
                // A word that starts no lexicon phrase (no trie edge from the root; every word
                // without a vocabulary id) starts no noun phrase unless it is a determiner, an
                // acronym or the "pro" of "pro-Assad": `parse_at` would find nothing.
                if marks & trie::OPENS == 0 && !u[i].upper {
                    i += 1;
                    continue;
                }
                match self.parse_at(&u, i, s_start, s_end, &shouting) {
                    Some((cs, next)) => {
                        cands.extend(cs);
                        i = next.max(i + 1);
                    }
                    None => i += 1,
                }
            }
            s_start = s_end;
        }
        let dateline = home::dateline(doc.text);
        for c in &mut cands {
            c.paragraph = doc.sentences.get(c.sentence).map_or(0, |s| s.paragraph);
            if c.whole_country && home::in_dateline(doc.text, dateline, home::cand_span(&u, c)) {
                c.dateline = true;
                c.locative = true;
            }
            if c.start > 0 {
                let mut p = c.start - 1;
                // "…held by the U.S. proxy forces": skip a determiner before the preposition check.
                if DETERMINERS.contains(&u[p].norm_str()) && p > 0 && u[p - 1].sentence == c.sentence {
                    p -= 1;
                }
                if u[p].sentence == c.sentence && self.cue_u(&u[p], CueKind::Oblique) {
                    c.oblique = true;
                }
                let opens = c.start == 1 || u[c.start - 2].sentence != c.sentence;
                c.frame = c.whole_country
                    && opens
                    && u[c.start - 1].norm_str() == "in"
                    && u.get(c.end).is_some_and(|x| x.norm_str() == ",");
            }
            if let Some(next) = published.and_then(|d| self.successor(&c.actor, d)) {
                c.actor = next;
            }
        }
        coref::resolve(&mut cands, &|iso3: &str, sector: &str, head: &str| self.state_actor(iso3, sector, head));
        self.fallback_country(&mut cands, doc, places);
        self.link_proxies(&mut cands, published);
        let mut map = vec![None; cands.len()];
        let mut out = Vec::with_capacity(cands.len());
        for (k, c) in cands.into_iter().enumerate() {
            if c.drop {
                continue;
            }
            map[k] = Some(out.len());
            let end = u.get(c.end.saturating_sub(1)).map_or(0, |x| x.end);
            out.push(ActorMention {
                span: Span::new(u[c.start].start, end.max(u[c.start].start)),
                actor: c.actor,
                kind: c.kind,
                antecedent: c.antecedent,
                sentence: c.sentence,
                modifier: c.modifier,
                locative: c.locative,
            });
        }
        for m in &mut out {
            m.antecedent = m.antecedent.and_then(|a| map.get(a).copied().flatten());
        }
        out
    }

    /// "U.S.-backed forces" in a report that also names a group the lexicon says the U.S. backs
    /// (on the publication date): that group. An earlier mention becomes the antecedent.
    fn link_proxies(&self, cands: &mut [Cand], published: Option<NaiveDate>) {
        for idx in 0..cands.len() {
            let c = &cands[idx];
            let Some(backer) = c.actor.backer.clone() else { continue };
            if c.drop || c.actor.country.is_some() || c.actor.id.is_some() || c.person {
                continue;
            }
            let backs = |j: usize| {
                let o = &cands[j];
                !o.drop
                    && o.want.is_none()
                    && o.actor.id.as_deref().and_then(|id| self.actor_by_id.get(id)).is_some_and(|&a| {
                        self.actors[a]
                            .relations
                            .iter()
                            .any(|r| r.kind == RelationKind::BackedBy && r.target == backer && r.holds_on(published))
                    })
            };
            let found: Vec<usize> = (0..cands.len()).filter(|&j| j != idx && backs(j)).collect();
            let ids: std::collections::BTreeSet<&str> =
                found.iter().filter_map(|&j| cands[j].actor.id.as_deref()).collect();
            if ids.len() != 1 {
                continue; // none, or several candidates: keep the generic proxy
            }
            let Some(&first) = found.first() else { continue };
            let actor = cands[first].actor.clone();
            let before = found.iter().rev().copied().find(|&j| j < idx);
            let c = &mut cands[idx];
            c.actor = actor;
            c.actor.backer = Some(backer);
            c.antecedent = before;
        }
    }

    /// The actor that `actor` had become by `date` (a lexicon successor relation, followed up to
    /// eight times), or `None` if it is still itself.
    fn successor(&self, actor: &Actor, date: NaiveDate) -> Option<Actor> {
        let mut cur: Option<Actor> = None;
        for _ in 0..8 {
            let Some(id) = cur.as_ref().unwrap_or(actor).id.as_deref() else { break };
            let Some(&i) = self.actor_by_id.get(id) else { break };
            let next = self.actors[i]
                .relations
                .iter()
                .find(|r| r.kind == RelationKind::Successor && r.from.is_some_and(|f| f <= date))
                .and_then(|r| self.actor_by_id.get(&r.target));
            match next {
                Some(&n) => cur = Some(self.actors[n].actor.clone()),
                None => break,
            }
        }
        cur
    }

    pub(crate) fn cue(&self, w: &str, k: CueKind) -> bool {
        self.trie.cue(w, k)
    }

    /// [`Self::cue`] for a unit of the document being tagged (by its vocabulary id).
    pub(crate) fn cue_u(&self, u: &Unit, k: CueKind) -> bool {
        self.trie.cue_id(u.id, k)
    }

    fn country_actor(&self, c: usize) -> Actor {
        let row = &self.countries[c];
        Actor {
            id: Some(row.iso3.clone()),
            name: row.names.first().cloned().unwrap_or_else(|| row.iso3.clone()),
            country: Some(row.iso3.clone()),
            sector: None,
            acled_inter: None,
            wikidata: row.wikidata.clone(),
            backer: None,
        }
    }

    fn country_adj(&self, c: usize) -> String {
        let row = &self.countries[c];
        row.adjectives.first().or(row.names.first()).cloned().unwrap_or_else(|| row.iso3.clone())
    }

    /// The actor a state description ("the army", "its forces", "the government") makes of
    /// country `iso3`: for an army head, the lexicon's row for that country's national army (the
    /// row named or aliased "<adjective> army" / "<adjective> armed forces", e.g. "Sudanese army"
    /// = Sudanese Armed Forces), else the composed "<adjective> <head>" ("Sudanese forces").
    pub(crate) fn state_actor(&self, iso3: &str, sector: &str, head: &str) -> Actor {
        if matches!(head, "army" | "military" | "armed forces") {
            if let Some(a) = self.national_army(iso3) {
                return a;
            }
        }
        self.composed(Some(iso3), sector, head)
    }

    fn national_army(&self, iso3: &str) -> Option<Actor> {
        let row = &self.countries[*self.country_by_iso.get(iso3)?];
        for adj in &row.adjectives {
            for head in ["army", "armed forces"] {
                let phrase = format!("{adj} {head}");
                let key = crate::units::phrase_units(&phrase).iter().map(|u| &*u.norm).collect::<Vec<_>>().join(" ");
                let found = self.index.get(&key).into_iter().flatten().find_map(|t| {
                    let a = &self.actors[t.idx].actor;
                    (t.kind == TKind::Actor && a.sector.as_deref() == Some("MIL") && a.country.as_deref() == Some(iso3))
                        .then(|| a.clone())
                });
                if found.is_some() {
                    return found;
                }
            }
        }
        None
    }

    fn government(&self, c: usize) -> Actor {
        let row = &self.countries[c];
        Actor {
            id: None,
            name: format!("{} government", self.country_adj(c)),
            country: Some(row.iso3.clone()),
            sector: Some("GOV".into()),
            acled_inter: Some(1),
            wikidata: None,
            backer: None,
        }
    }

    /// A composed actor of a country and a sector ("Syrian forces" = SYR MIL).
    pub(crate) fn composed(&self, country: Option<&str>, sector: &str, head: &str) -> Actor {
        let (name, country) = match country.and_then(|c| self.country_by_iso.get(c).copied()) {
            Some(ci) => (format!("{} {head}", self.country_adj(ci)), Some(self.countries[ci].iso3.clone())),
            None => (head.to_string(), country.map(str::to_string)),
        };
        let inter = match sector {
            "GOV" | "MIL" | "COP" | "SPY" | "LEG" | "JUD" if country.is_some() => Some(1),
            "REB" => Some(2),
            "CVL" | "JRN" | "MED" | "REF" | "EDU" | "LAB" | "NGO" => Some(7),
            "IGO" => Some(8),
            _ => None,
        };
        Actor {
            id: None,
            name,
            country,
            sector: Some(sector.to_string()),
            acled_inter: inter,
            wikidata: None,
            backer: None,
        }
    }
}

fn display_name(u: &[Unit], a: usize, b: usize) -> String {
    let mut s = String::new();
    for (k, x) in u[a..b].iter().enumerate() {
        if k > 0 {
            s.push(if x.hyphen_before { '-' } else { ' ' });
        }
        s.push_str(x.orig);
    }
    s
}

/// Whether a sentence is written in capitals, worked out when first asked: only a short acronym's
/// match asks, and the test reads every letter of the sentence.
pub(crate) struct Shouting<'u, 'a> {
    units: &'u [Unit<'a>],
    known: std::cell::Cell<Option<bool>>,
}

impl<'u, 'a> Shouting<'u, 'a> {
    fn new(units: &'u [Unit<'a>]) -> Self {
        Shouting { units, known: std::cell::Cell::new(None) }
    }

    /// For a match outside the sentence scan: not shouting.
    pub(crate) fn no() -> Self {
        Shouting { units: &[], known: std::cell::Cell::new(Some(false)) }
    }

    pub(crate) fn get(&self) -> bool {
        let v = self.known.get().unwrap_or_else(|| is_shouting(self.units));
        self.known.set(Some(v));
        v
    }
}

fn is_shouting(us: &[Unit]) -> bool {
    let (mut up, mut all) = (0usize, 0usize);
    // The letters of each word's raw form (Unit::raw): its text without periods and apostrophes,
    // some of which (ʿ ʾ ʼ) are letters.
    for u in us.iter().filter(|u| u.word) {
        if u.orig.is_ascii() {
            for b in u.orig.bytes().filter(u8::is_ascii_alphabetic) {
                all += 1;
                up += usize::from(b.is_ascii_uppercase());
            }
            continue;
        }
        for c in u.orig.chars().filter(|&c| c.is_alphabetic() && !crate::units::is_apostrophe(c)) {
            all += 1;
            if c.is_uppercase() {
                up += 1;
            }
        }
    }
    all >= 12 && up * 10 >= all * 8
}
