//! The actor tagger: lexicon lookup, composition, officials and metonymy over matching units.

use crate::coref::{self, Want};
use crate::lexicon::{self, ActorRow, CountryRow, CueKind, GroupRow, LexiconError, NounRole, NounRow, RelationKind};
use crate::units::{phrase_units, units, Unit};
use crate::{Actor, ActorMention, Affiliation, MentionKind};
use chrono::NaiveDate;
use sitrep_model::{Doc, Span};
use std::collections::HashMap;

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
    actor_by_id: HashMap<String, usize>,
    country_by_iso: HashMap<String, usize>,
    index: HashMap<String, Vec<Target>>,
    acronyms: HashMap<String, Vec<Target>>,
    max_len: usize,
    noun_index: HashMap<String, Vec<usize>>,
    noun_max: usize,
    cues: HashMap<String, Vec<CueKind>>,
    /// Bare forms of the speaking/deciding verbs ("attack", "demand").
    lemmas: std::collections::HashSet<String>,
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

const DETERMINERS: &[&str] = &["the", "these", "those", "this", "that", "its", "their", "a", "an"];
const DEFINITE: &[&str] = &["the", "these", "those", "this", "that", "its", "their"];
const SUBJECT_OPENERS: &[&str] = &[
    "and",
    "but",
    "while",
    "as",
    "that",
    "when",
    "because",
    "since",
    "so",
    "if",
    "whereas",
    "although",
    "though",
    "after",
    "before",
    "meanwhile",
    "however",
    "then",
    "now",
    "where",
    "which",
    "who",
    "also",
    "yet",
    "or",
    "instead",
    "still",
    "today",
    "tonight",
    "yesterday",
];
/// Words that continue a clause after a noun phrase (for telling "the army said" from "the army
/// base").
const FUNCTION_WORDS: &[&str] = &[
    "and",
    "or",
    "but",
    "nor",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "when",
    "while",
    "as",
    "if",
    "than",
    "then",
    "so",
    "because",
    "since",
    "until",
    "unless",
    "although",
    "though",
    "whether",
    "also",
    "not",
    "never",
    "only",
    "even",
    "still",
    "already",
    "again",
    "too",
    "all",
    "both",
    "each",
    "itself",
    "themselves",
    "himself",
    "herself",
    "say",
    "said",
    "told",
    "tell",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "do",
    "did",
    "does",
    "had",
    "have",
    "has",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "being",
    "it",
    "they",
    "he",
    "she",
    "we",
    "this",
    "these",
    "those",
    "there",
    "here",
    "now",
    "later",
    "earlier",
    "today",
    "yesterday",
    "tomorrow",
    "last",
    "next",
    "what",
    "how",
    "why",
    "no",
    "yet",
    "instead",
    "however",
    // irregular past tenses
    "met",
    "hit",
    "fled",
    "took",
    "held",
    "led",
    "fought",
    "shot",
    "won",
    "lost",
    "left",
    "sent",
    "struck",
    "began",
    "came",
    "went",
    "made",
    "got",
    "gave",
    "kept",
    "set",
    "put",
    "ran",
    "saw",
    "knew",
    "found",
    "built",
    "stood",
    "brought",
    "caught",
    "bought",
    "thought",
    "spoke",
    "rose",
    "fell",
    "drew",
    "threw",
    "flew",
    "wrote",
    "broke",
    "chose",
    "drove",
    "arose",
    "beat",
    "cut",
    "overran",
    "overtook",
    "withdrew",
    "sought",
    "spent",
    "paid",
    "laid",
    "meant",
    "read",
    "hid",
    "let",
    "shut",
    "split",
    "spread",
    "swore",
    "tore",
    "woke",
    "wore",
    "forbade",
    "forgave",
    "became",
    "become",
    "remain",
    "remains",
];
const NAME_PARTICLES: &[&str] = &["al", "el", "bin", "ibn", "bint", "abu", "abd", "de", "van", "von", "da", "du", "ul"];
const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn push_target(map: &mut HashMap<String, Vec<Target>>, key: String, t: Target) {
    let v = map.entry(key).or_default();
    if !v.contains(&t) {
        v.push(t);
    }
}

fn verb_forms(v: &str) -> Vec<String> {
    let mut out = vec![v.to_string()];
    let is_vowel = |c: char| "aeiou".contains(c);
    if let Some(stem) = v.strip_suffix('e') {
        out.push(format!("{v}s"));
        out.push(format!("{v}d"));
        out.push(format!("{stem}ing"));
    } else if let Some(stem) = v.strip_suffix('y').filter(|s| !s.is_empty() && !s.ends_with(is_vowel)) {
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
        out.push(format!("{v}ing"));
    } else {
        if v.ends_with(['s', 'x', 'z', 'o']) || v.ends_with("sh") || v.ends_with("ch") {
            out.push(format!("{v}es"));
        } else {
            out.push(format!("{v}s"));
        }
        out.push(format!("{v}ed"));
        out.push(format!("{v}ing"));
        // ban → banned, plan → planned, veto → vetoed (already), regret → regretted
        let chars: Vec<char> = v.chars().collect();
        if chars.len() >= 3 {
            let (a, b, c) = (chars[chars.len() - 3], chars[chars.len() - 2], chars[chars.len() - 1]);
            if !is_vowel(a) && is_vowel(b) && !is_vowel(c) && !"wxy".contains(c) {
                out.push(format!("{v}{c}ed"));
                out.push(format!("{v}{c}ing"));
            }
        }
    }
    out
}

impl ActorTagger {
    /// The tagger with the lexicon files compiled into the binary (`data/actors/*.tsv`).
    pub fn embedded() -> Result<ActorTagger, LexiconError> {
        Self::from_sources(crate::EMBEDDED_FILES)
    }

    /// Build a tagger from lexicon files given as `(file name, contents)`. The kind of each file
    /// comes from its name: `countries*`, `groups*`, `nouns*`, `cues*`, `actors*`. Later files
    /// override rows with the same id; a file set without countries or nouns is allowed (the
    /// tagger then only knows what it was given).
    pub fn from_sources(files: &[(&str, &str)]) -> Result<ActorTagger, LexiconError> {
        let lex = lexicon::parse_sources(files)?;
        let mut t = ActorTagger {
            countries: lex.countries,
            groups: lex.groups,
            nouns: lex.nouns,
            actors: lex.actors,
            actor_by_id: HashMap::new(),
            country_by_iso: HashMap::new(),
            index: HashMap::new(),
            acronyms: HashMap::new(),
            max_len: 1,
            noun_index: HashMap::new(),
            noun_max: 1,
            cues: HashMap::new(),
            lemmas: Default::default(),
        };
        for (i, c) in t.countries.iter().enumerate() {
            t.country_by_iso.insert(c.iso3.clone(), i);
        }
        for (i, a) in t.actors.iter().enumerate() {
            if let Some(id) = &a.actor.id {
                t.actor_by_id.insert(id.clone(), i);
            }
        }
        let mut entries: Vec<(String, TKind, usize)> = Vec::new();
        for (i, a) in t.actors.iter().enumerate() {
            entries.push((a.actor.name.clone(), TKind::Actor, i));
            for al in &a.aliases {
                entries.push((al.clone(), TKind::Actor, i));
            }
        }
        for (i, c) in t.countries.iter().enumerate() {
            for n in &c.names {
                entries.push((n.clone(), TKind::CountryName, i));
            }
            for a in &c.adjectives {
                entries.push((a.clone(), TKind::CountryAdj, i));
                let lower = a.to_lowercase();
                if (lower.ends_with("an") || lower.ends_with('i')) && !a.contains(' ') && !a.contains('.') {
                    entries.push((format!("{a}s"), TKind::CountryPeople, i));
                }
            }
            for p in &c.people {
                entries.push((p.clone(), TKind::CountryPeople, i));
            }
            for cap in &c.capitals {
                entries.push((cap.clone(), TKind::Capital, i));
            }
        }
        for (i, g) in t.groups.iter().enumerate() {
            for n in &g.names {
                entries.push((n.clone(), TKind::GroupName, i));
            }
            for a in &g.adjectives {
                entries.push((a.clone(), TKind::GroupAdj, i));
            }
        }
        for (phrase, kind, idx) in entries {
            let us = phrase_units(&phrase);
            if us.is_empty() {
                continue;
            }
            let letters = us[0].raw.chars().filter(|c| c.is_alphabetic()).count();
            if us.len() == 1 && us[0].upper && (2..=6).contains(&letters) {
                push_target(&mut t.acronyms, us[0].raw.clone(), Target { kind, idx, needs_cap: true });
                continue;
            }
            let key = us.iter().map(|u| u.norm.as_str()).collect::<Vec<_>>().join(" ");
            t.max_len = t.max_len.max(us.len());
            push_target(&mut t.index, key, Target { kind, idx, needs_cap: us[0].cap });
        }
        for (i, n) in t.nouns.iter().enumerate() {
            let us = phrase_units(&n.phrase);
            if us.is_empty() {
                continue;
            }
            let key = us.iter().map(|u| u.norm.as_str()).collect::<Vec<_>>().join(" ");
            t.noun_max = t.noun_max.max(us.len());
            t.noun_index.entry(key).or_default().push(i);
        }
        for (kind, w) in &lex.cues {
            if *kind == CueKind::Verb {
                t.lemmas.insert(w.clone());
            }
            let forms = if *kind == CueKind::Verb { verb_forms(w) } else { vec![w.clone()] };
            for f in forms {
                let key = phrase_units(&f).iter().map(|u| u.norm.as_str()).collect::<Vec<_>>().join(" ");
                let key = if key.is_empty() { f.clone() } else { key };
                let v = t.cues.entry(key).or_default();
                if !v.contains(kind) {
                    v.push(*kind);
                }
            }
        }
        Ok(t)
    }

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
        let key = words.iter().map(|u| u.norm.as_str()).collect::<Vec<_>>().join(" ");
        let ts = self.index.get(&key)?;
        ts.iter().find(|t| t.kind == TKind::Capital).map(|t| self.government(t.idx))
    }

    /// Tag the actor mentions of a report. `published` anchors dated lexicon relations (e.g.
    /// "Nusra" in a 2018 report is Hay'at Tahrir al-Sham).
    pub fn tag(&self, doc: &Doc, published: Option<NaiveDate>) -> Vec<ActorMention> {
        let u = units(doc);
        let mut cands: Vec<Cand> = Vec::new();
        let mut s_start = 0;
        while s_start < u.len() {
            let sentence = u[s_start].sentence;
            let mut s_end = s_start;
            while s_end < u.len() && u[s_end].sentence == sentence {
                s_end += 1;
            }
            let shouting = is_shouting(&u[s_start..s_end]);
            let mut i = s_start;
            while i < s_end {
                if !u[i].word {
                    i += 1;
                    continue;
                }
                if let Some(c) = self.pronoun(&u, i, s_start, s_end) {
                    cands.push(c);
                    i += 1;
                    continue;
                }
                match self.parse_at(&u, i, s_start, s_end, shouting) {
                    Some((cs, next)) => {
                        cands.extend(cs);
                        i = next.max(i + 1);
                    }
                    None => i += 1,
                }
            }
            s_start = s_end;
        }
        for c in &mut cands {
            c.paragraph = doc.sentences.get(c.sentence).map_or(0, |s| s.paragraph);
            if c.start > 0 {
                let mut p = c.start - 1;
                // "…held by the U.S. proxy forces": skip a determiner before the preposition check.
                if DETERMINERS.contains(&u[p].norm.as_str()) && p > 0 && u[p - 1].sentence == c.sentence {
                    p -= 1;
                }
                if u[p].sentence == c.sentence && self.cue(&u[p].norm, CueKind::Oblique) {
                    c.oblique = true;
                }
            }
            if let Some(d) = published {
                c.actor = self.successor(&c.actor, d);
            }
        }
        coref::resolve(&mut cands);
        self.fallback_country(&mut cands);
        self.link_proxies(&mut cands, published);
        let mut map = vec![None; cands.len()];
        let mut out = Vec::with_capacity(cands.len());
        for (k, c) in cands.iter().enumerate() {
            if c.drop {
                continue;
            }
            map[k] = Some(out.len());
            let end = u.get(c.end.saturating_sub(1)).map_or(0, |x| x.end);
            out.push(ActorMention {
                span: Span::new(u[c.start].start, end.max(u[c.start].start)),
                actor: c.actor.clone(),
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

    /// "regime forces", "the government" with no antecedent: in a report about one country,
    /// that country's government or army (the country named most often, if named at least twice
    /// and more often than any other).
    fn fallback_country(&self, cands: &mut [Cand]) {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for c in cands.iter() {
            if c.want.is_none() && !c.drop {
                if let Some(k) = c.actor.country.as_deref() {
                    *counts.entry(k).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let top = match ranked.as_slice() {
            [(c, _)] => c.to_string(),
            [(c, n), rest @ ..] if *n >= 2 && rest.first().is_none_or(|(_, m)| m < n) => c.to_string(),
            _ => return,
        };
        for c in cands.iter_mut() {
            if c.antecedent.is_some() || c.drop {
                continue;
            }
            // "President Laurent Gbagbo" with no country: the report's country.
            if c.kind == MentionKind::Official && c.person && c.actor.country.is_none() && c.actor.id.is_none() {
                let sector = c.actor.sector.clone().unwrap_or_else(|| "GOV".into());
                let head = c.actor.name.clone();
                c.actor = self.composed(Some(&top), &sector, &head);
                continue;
            }
            let Some(w) = &c.want else { continue };
            let sector = match w {
                Want::Gov | Want::GovArmy | Want::Army => c.actor.sector.clone().unwrap_or_else(|| "GOV".into()),
                _ => continue,
            };
            let head = c.actor.name.clone();
            c.actor = self.composed(Some(&top), &sector, &head);
        }
    }

    fn successor(&self, actor: &Actor, date: NaiveDate) -> Actor {
        let mut cur = actor.clone();
        for _ in 0..8 {
            let Some(id) = cur.id.as_deref() else { break };
            let Some(&i) = self.actor_by_id.get(id) else { break };
            let next = self.actors[i]
                .relations
                .iter()
                .find(|r| r.kind == RelationKind::Successor && r.from.is_some_and(|f| f <= date))
                .and_then(|r| self.actor_by_id.get(&r.target));
            match next {
                Some(&n) => cur = self.actors[n].actor.clone(),
                None => break,
            }
        }
        cur
    }

    pub(crate) fn cue(&self, w: &str, k: CueKind) -> bool {
        self.cues.get(w).is_some_and(|v| v.contains(&k))
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

    fn match_at(&self, u: &[Unit], j: usize, e: usize, shouting: bool) -> Option<(usize, Vec<Target>)> {
        if j >= e || !u[j].word {
            return None;
        }
        let mut keys: Vec<String> = Vec::new();
        let mut key = String::new();
        for (k, unit) in u.iter().enumerate().take(e.min(j + self.max_len)).skip(j) {
            if !(unit.word || (unit.num && k > j)) {
                break;
            }
            if k > j {
                key.push(' ');
            }
            key.push_str(&unit.norm);
            keys.push(key.clone());
            if unit.possessive {
                break;
            }
        }
        for len in (1..=keys.len()).rev() {
            if let Some(ts) = self.index.get(&keys[len - 1]) {
                let ok: Vec<Target> = ts.iter().filter(|t| !t.needs_cap || u[j].cap).copied().collect();
                if !ok.is_empty() {
                    return Some((j + len, ok));
                }
            }
            if len == 1 {
                if let Some(ts) = self.acronyms.get(&u[j].raw) {
                    let short = u[j].raw.chars().count() <= 3;
                    if !(shouting && short) {
                        return Some((j + 1, ts.clone()));
                    }
                }
            }
        }
        None
    }

    /// The longest composition-vocabulary phrase at `j`: (end, noun row indices).
    fn noun_at(&self, u: &[Unit], j: usize, e: usize) -> Option<(usize, &[usize])> {
        if j >= e || !u[j].word {
            return None;
        }
        let mut best = None;
        let mut key = String::new();
        for (k, unit) in u.iter().enumerate().take(e.min(j + self.noun_max)).skip(j) {
            if !unit.word {
                break;
            }
            if k > j {
                key.push(' ');
            }
            key.push_str(&unit.norm);
            if let Some(rows) = self.noun_index.get(&key) {
                best = Some((k + 1, rows.as_slice()));
            }
            if unit.possessive {
                break;
            }
        }
        best
    }

    fn noun_has(&self, rows: &[usize], role: NounRole) -> bool {
        rows.iter().any(|&r| self.nouns[r].role == role)
    }

    fn item(&self, start: usize, end: usize, ts: &[Target]) -> ModItem {
        let mut it = ModItem { start, end, ..Default::default() };
        if let Some(t) = ts.iter().find(|t| t.kind == TKind::Actor) {
            it.actor = Some(t.idx);
            return it;
        }
        if let Some(c) = ts.iter().find_map(|t| match t.kind {
            TKind::CountryName | TKind::CountryAdj | TKind::CountryPeople | TKind::Capital => Some(t.idx),
            _ => None,
        }) {
            it.country = Some(c);
            for t in ts.iter().filter(|t| t.idx == c) {
                match t.kind {
                    TKind::CountryName => it.name = true,
                    TKind::CountryAdj => it.adj = true,
                    TKind::CountryPeople => it.people = true,
                    TKind::Capital => it.capital = true,
                    _ => {}
                }
            }
            return it;
        }
        if let Some(t) = ts.iter().find(|t| matches!(t.kind, TKind::GroupName | TKind::GroupAdj)) {
            it.group = Some(t.idx);
            for t2 in ts.iter().filter(|x| x.idx == t.idx) {
                match t2.kind {
                    TKind::GroupName => it.group_name = true,
                    TKind::GroupAdj => it.adj = true,
                    _ => {}
                }
            }
        }
        it
    }

    fn pronoun(&self, u: &[Unit], i: usize, s_start: usize, s_end: usize) -> Option<Cand> {
        let w = u[i].norm.as_str();
        let want = match w {
            "they" | "them" => Want::They,
            "it" => Want::It,
            "he" | "she" => Want::He,
            _ => return None,
        };
        if u[i].possessive {
            return None; // "It's"
        }
        if want == Want::It {
            // Only a subject "It" can stand for an actor; skip "It seems", "It will take…".
            let subject = i == s_start || {
                let p = &u[i - 1];
                !p.word && p.norm != "'" || SUBJECT_OPENERS.contains(&p.norm.as_str())
            };
            if !subject {
                return None;
            }
            let next = u.get(i + 1).filter(|_| i + 1 < s_end)?;
            if self.cue(&next.norm, CueKind::Expletive) {
                return None;
            }
            if self.cue(&next.norm, CueKind::Aux) {
                let mut k = i + 1;
                while k < s_end && (self.cue(&u[k].norm, CueKind::Aux) || self.cue(&u[k].norm, CueKind::Adverb)) {
                    k += 1;
                }
                if k < s_end && self.cue(&u[k].norm, CueKind::Expletive) {
                    return None;
                }
            }
        }
        let mut c = Cand::new(i, i + 1, Actor::default(), MentionKind::Pronoun, u[i].sentence);
        c.want = Some(want);
        c.object_pronoun = w == "them";
        Some(c)
    }

    /// Whether the unit before `np_start` puts the noun phrase in subject position.
    fn subject_position(&self, u: &[Unit], np_start: usize, s_start: usize) -> bool {
        if np_start <= s_start {
            return true;
        }
        let p = &u[np_start - 1];
        if !p.word {
            return !matches!(p.norm.as_str(), "-" | "/");
        }
        SUBJECT_OPENERS.contains(&p.norm.as_str())
            || DAYS.contains(&p.norm.as_str())
            || (np_start - 1 == s_start && self.cue(&p.norm, CueKind::Adverb))
    }

    /// Whether a speaking/deciding verb (or a copula + attitude adjective) follows at `k`.
    /// Without an auxiliary, a singular subject needs an inflected verb ("Syria attacks", not the
    /// headline noun in "Syria attack symptoms"); `plural` subjects may take the bare form.
    fn speaker_verb_after(&self, u: &[Unit], mut k: usize, s_end: usize, plural: bool) -> bool {
        let mut copula = false;
        let mut aux = false;
        let mut steps = 0;
        while k < s_end && steps < 10 {
            steps += 1;
            let w = u[k].norm.as_str();
            if w == "," {
                k += 1;
                continue;
            }
            if w == "on" && k + 1 < s_end && DAYS.contains(&u[k + 1].norm.as_str()) {
                k += 2;
                continue;
            }
            if w == "been" || w == "being" {
                return false;
            }
            if self.cue(w, CueKind::Aux) {
                if matches!(w, "is" | "was" | "are" | "were" | "be") {
                    copula = true;
                }
                aux = true;
                k += 1;
                continue;
            }
            if self.cue(w, CueKind::Adverb) {
                k += 1;
                continue;
            }
            break;
        }
        if k >= s_end || !u[k].word {
            return false;
        }
        let w = u[k].norm.as_str();
        if copula {
            return self.cue(w, CueKind::Adj)
                || (w.ends_with("ing") && (self.cue(w, CueKind::Verb) || self.cue(w, CueKind::Form)));
        }
        if self.cue(w, CueKind::Form) {
            return true;
        }
        self.cue(w, CueKind::Verb) && (aux || plural || !self.lemmas.contains(w))
    }

    /// A capital or country at units [np_start, end) standing for its government.
    fn is_metonym(&self, u: &[Unit], np_start: usize, end: usize, s_start: usize, s_end: usize) -> bool {
        // "Baghdad's central control", "Moscow's position"
        if end > 0 && u[end - 1].possessive {
            let at = |k: usize| k < s_end && u[k].word && self.cue(&u[k].norm, CueKind::Policy);
            if at(end) || (end < s_end && u[end].word && !u[end].cap && at(end + 1)) {
                return true;
            }
        }
        // "an open exchange with Washington", "talks with Moscow"
        if np_start > s_start && u[np_start - 1].norm == "with" {
            let from = np_start.saturating_sub(5).max(s_start);
            if (from..np_start - 1).any(|k| self.cue(&u[k].norm, CueKind::Exchange)) {
                return true;
            }
        }
        // "calling on Washington to back the pact", "urged Ankara to withdraw": the capital is
        // asked to act.
        if end + 1 < s_end && u[end].norm == "to" && self.cue(&u[end + 1].norm, CueKind::Verb) && np_start > s_start {
            let p = u[np_start - 1].norm.as_str();
            if p == "on" || self.cue(p, CueKind::Verb) || self.cue(p, CueKind::Form) {
                return true;
            }
        }
        if !self.subject_position(u, np_start, s_start) {
            return false;
        }
        // "Washington and Moscow agreed": a conjoined country or capital shares the verb.
        let mut k = end;
        for _ in 0..3 {
            if !(k + 1 < s_end && matches!(u[k].norm.as_str(), "and" | ",")) {
                break;
            }
            let at = if u[k + 1].norm == "the" { k + 2 } else { k + 1 };
            match self.match_at(u, at, s_end, false) {
                Some((e2, ts)) if ts.iter().any(|t| matches!(t.kind, TKind::CountryName | TKind::Capital)) => k = e2,
                _ => break,
            }
        }
        self.speaker_verb_after(u, k, s_end, k != end)
    }

    /// Whether the lower-case word at `k` starts a new noun ("the general election", "the court
    /// case") rather than continuing the clause (a verb, adverb, preposition or function word).
    fn compound_noun_at(&self, u: &[Unit], k: usize, s_end: usize) -> bool {
        if k >= s_end || !u[k].word || u[k].cap {
            return false;
        }
        let w = u[k].norm.as_str();
        let clause = FUNCTION_WORDS.contains(&w)
            || w.ends_with("ed")
            || w.ends_with("ing")
            || w.ends_with('s')
            || [CueKind::Verb, CueKind::Form, CueKind::Aux, CueKind::Adverb, CueKind::Oblique, CueKind::Locative]
                .iter()
                .any(|&c| self.cue(w, c));
        !clause
    }

    fn is_modifier_at(&self, u: &[Unit], end: usize, s_end: usize) -> bool {
        end < s_end && u[end].word && !u[end].cap && self.cue(&u[end].norm, CueKind::ModNoun)
    }

    /// Parse the noun phrase starting at unit `i`. Returns the candidates and the next unit.
    fn parse_at(&self, u: &[Unit], i: usize, s_start: usize, e: usize, shouting: bool) -> Option<(Vec<Cand>, usize)> {
        let sentence = u[i].sentence;
        let mut j = i;
        let det = if DETERMINERS.contains(&u[i].norm.as_str()) {
            j += 1;
            Some(u[i].norm.as_str())
        } else {
            None
        };
        let np_start = i;
        let premod_start = j;
        while let Some((end, rows)) = self.noun_at(u, j, e) {
            if self.noun_has(rows, NounRole::Premod) {
                j = end;
            } else {
                break;
            }
        }
        let mods_start = j;
        let mut mods: Vec<ModItem> = Vec::new();
        let mut conj = false;
        while j < e && u[j].word {
            if u[j].hyphen_before && j > 0 && u[j - 1].norm == "anti" {
                break;
            }
            let mut pro = false;
            let mut at = j;
            if u[j].norm == "pro"
                && j + 1 < e
                && u[j + 1].hyphen_before
                && self.match_at(u, j + 1, e, shouting).is_some()
            {
                pro = true;
                at = j + 1;
            }
            let Some((mut end, ts)) = self.match_at(u, at, e, shouting) else { break };
            let mut item = self.item(j, end, &ts);
            item.backer = pro;
            item.conj = std::mem::take(&mut conj);
            if end < e && u[end].word && !u[end - 1].possessive {
                if u[end].hyphen_before {
                    match self.noun_at(u, end, end + 1) {
                        Some((n, rows)) if self.noun_has(rows, NounRole::Proxy) => {
                            item.backer = true;
                            end = n;
                        }
                        Some((n, rows)) if self.noun_has(rows, NounRole::Lead) => {
                            item.led = true;
                            end = n;
                        }
                        _ => item.hyphen_tail = true,
                    }
                } else if matches!(u[end].norm.as_str(), "proxy" | "proxies") && item.actor.is_none() {
                    item.backer = true;
                    // "proxy" is both the qualifier and, in "U.S. proxies", the head.
                    if u[end].norm == "proxy" {
                        end += 1;
                    }
                }
            }
            item.end = end;
            j = end;
            let stop = item.hyphen_tail || u[end - 1].possessive && item.actor.is_some();
            mods.push(item);
            if stop {
                break;
            }
            // "The Iraqi and Syrian forces", "U.S. and Iraqi officials"
            if j + 1 < e && matches!(u[j].norm.as_str(), "and" | "," | "or") {
                if let Some((_, ts2)) = self.match_at(u, j + 1, e, shouting) {
                    let it2 = self.item(j + 1, j + 2, &ts2);
                    if it2.adj && item.adj && item.actor.is_none() {
                        j += 1;
                        conj = true;
                        continue;
                    }
                }
            }
            // "Lebanese Hizbullah", "Iraqi Kurds", "Turkish-backed FSA": an adjective before a
            // named actor or a group.
            if (item.adj || item.backer) && item.actor.is_none() && item.group.is_none() {
                if let Some((_, ts2)) = self.match_at(u, j, e, shouting) {
                    let it2 = self.item(j, j + 1, &ts2);
                    if it2.actor.is_some() || it2.group.is_some() || (item.backer && it2.country.is_some()) {
                        continue;
                    }
                }
            }
            break;
        }
        if i > 0 && u[i].hyphen_before && mods.first().is_some_and(|m| m.start == i) {
            // "Syrian-Turkish border": the second half of a compound is not an actor.
            if let Some(m) = mods.first_mut() {
                m.hyphen_tail = true;
            }
        }
        while let Some((end, rows)) = self.noun_at(u, j, e) {
            if self.noun_has(rows, NounRole::Premod) && !rows.iter().any(|&r| self.nouns[r].role.is_head()) {
                j = end;
            } else {
                break;
            }
        }
        // Qualifiers and the head noun.
        let mut voc: Vec<(usize, usize, Vec<usize>)> = Vec::new();
        if !mods.last().is_some_and(|m| m.hyphen_tail) {
            while let Some((end, rows)) = self.noun_at(u, j, e) {
                let useful: Vec<usize> = rows
                    .iter()
                    .copied()
                    .filter(|&r| self.nouns[r].role.is_head() || self.nouns[r].role == NounRole::Qual)
                    .collect();
                if useful.is_empty() {
                    break;
                }
                voc.push((j, end, useful));
                j = end;
                if u[end - 1].possessive {
                    break;
                }
            }
        }
        while voc.last().is_some_and(|(_, _, rows)| !rows.iter().any(|&r| self.nouns[r].role.is_head())) {
            voc.pop();
        }
        if let Some((_, he, rows)) = voc.last().cloned() {
            // "rebel-held", "government-controlled": the noun is half of a compound adjective;
            // "the intelligence apparatus", "army positions": it modifies another noun.
            if mods.is_empty()
                && he < e
                && u[he].word
                && (u[he].hyphen_before || (!u[he].cap && self.cue(&u[he].norm, CueKind::ModNoun)))
            {
                return Some((vec![], he));
            }
            let head_row =
                [NounRole::Person, NounRole::Force, NounRole::Org, NounRole::Group, NounRole::People, NounRole::Named]
                    .iter()
                    .find_map(|role| rows.iter().copied().find(|&r| self.nouns[r].role == *role))?;
            let quals: Vec<usize> = voc[..voc.len() - 1].iter().flat_map(|(_, _, rs)| rs.iter().copied()).collect();
            return self.with_head(
                u,
                HeadCtx {
                    np_start,
                    det,
                    premod_start,
                    mods_start,
                    mods: &mods,
                    voc_start: voc[0].0,
                    head_end: he,
                    head_row,
                    quals: &quals,
                    e,
                    sentence,
                },
            );
        }
        // No head noun.
        let first = *mods.first()?;
        let adjs_then_actor =
            mods.iter().position(|m| m.actor.is_some()).filter(|&p| mods[..p].iter().all(|m| m.adj && !m.name));
        if let Some(p) = adjs_then_actor {
            let m = mods[p];
            let row = &self.actors[m.actor?];
            let mut c = Cand::new(first.start, m.end, row.actor.clone(), MentionKind::Lexicon, sentence);
            c.modifier = m.hyphen_tail || self.is_modifier_at(u, m.end, e);
            if row.person {
                c.person = true;
                c.plural = Some(false);
            }
            return Some((vec![c], m.end));
        }
        if let Some(g) = mods.iter().find(|m| m.group_name) {
            let grp = &self.groups[g.group?];
            let country = mods
                .iter()
                .find_map(|m| m.country.filter(|_| m.adj))
                .map(|c| self.countries[c].iso3.clone())
                .or_else(|| grp.country.clone());
            let text_name = u[first.start..g.end].iter().map(|x| x.norm.as_str()).collect::<Vec<_>>().join(" ");
            let mut actor = self.composed(country.as_deref(), &grp.people, &text_name);
            actor.name = display_name(u, first.start, g.end);
            if country.is_none() {
                actor.id = Some(grp.id.clone());
            }
            let mut c = Cand::new(first.start, g.end, actor, MentionKind::Composed, sentence);
            c.plural = Some(true);
            return Some((vec![c], g.end));
        }
        let next = first.end;
        if let Some(c) = first.country {
            let name_start = if det.is_some() { np_start } else { first.start };
            if first.name || first.capital {
                let metonym = self.is_metonym(u, name_start, first.end, s_start, e);
                if metonym {
                    let mut c = Cand::new(first.start, first.end, self.government(c), MentionKind::Metonym, sentence);
                    c.plural = Some(false);
                    return Some((vec![c], next));
                }
                if !first.name {
                    // A capital as a place ("talks in Amman"): kept as a locative mention of the
                    // country, which the event stage does not read as an actor.
                    let mut cand =
                        Cand::new(first.start, first.end, self.country_actor(c), MentionKind::Lexicon, sentence);
                    cand.plural = Some(false);
                    cand.whole_country = true;
                    cand.locative = true;
                    return Some((vec![cand], next));
                }
                // "Mount Lebanon", "Greater Syria": a capitalized word before the name makes it
                // part of another name.
                if det.is_none() && first.start > s_start && !first.backer {
                    let p = &u[first.start - 1];
                    let sentence_initial = first.start - 1 == s_start;
                    if p.word
                        && p.cap
                        && !p.possessive
                        && !sentence_initial
                        && !DAYS.contains(&p.norm.as_str())
                        && self.match_at(u, first.start - 1, e, shouting).is_none()
                        && self.noun_at(u, first.start - 1, e).is_none()
                    {
                        return Some((vec![], next));
                    }
                }
                let mut cand = Cand::new(first.start, first.end, self.country_actor(c), MentionKind::Lexicon, sentence);
                cand.plural = Some(false);
                cand.whole_country = true;
                cand.modifier = first.hyphen_tail || first.backer || self.is_modifier_at(u, first.end, e);
                cand.locative = name_start > s_start && self.cue(&u[name_start - 1].norm, CueKind::Locative);
                return Some((vec![cand], next));
            }
            if first.people {
                let mut actor = self.composed(Some(&self.countries[c].iso3), "CVL", "civilians");
                actor.name = display_name(u, first.start, first.end);
                let mut cand = Cand::new(first.start, first.end, actor, MentionKind::Composed, sentence);
                cand.plural = Some(true);
                return Some((vec![cand], next));
            }
            if first.adj && !first.hyphen_tail && self.is_modifier_at(u, first.end, e) {
                // "Israeli air raids", "French mediation": the country is involved, as a modifier.
                let mut cand = Cand::new(first.start, first.end, self.country_actor(c), MentionKind::Lexicon, sentence);
                cand.plural = Some(false);
                cand.whole_country = true;
                cand.modifier = true;
                return Some((vec![cand], next));
            }
            return Some((vec![], next));
        }
        if let Some(a) = first.actor {
            let mut c = Cand::new(first.start, first.end, self.actors[a].actor.clone(), MentionKind::Lexicon, sentence);
            if self.actors[a].person {
                c.person = true;
                c.plural = Some(false);
            }
            c.modifier = first.hyphen_tail || first.backer || self.is_modifier_at(u, first.end, e);
            return Some((vec![c], next));
        }
        Some((vec![], next))
    }

    fn with_head(&self, u: &[Unit], h: HeadCtx) -> Option<(Vec<Cand>, usize)> {
        let row = &self.nouns[h.head_row];
        let role = row.role;
        let head_sector = row.sector.clone().unwrap_or_else(|| "UAF".into());
        let person = role == NounRole::Person;
        // Sector: a qualifier can override a person head ("intelligence official" = SPY) and
        // turn forces into rebels, police or militias ("rebel forces", "police units").
        let qual_sector = h.quals.iter().rev().find_map(|&q| {
            let n = &self.nouns[q];
            // "border patrol agents", "army officers": a force before a person head counts too.
            let counts = n.role == NounRole::Qual || (person && n.role == NounRole::Force);
            counts.then_some(n.sector.clone()).flatten()
        });
        let mut sector = head_sector.clone();
        if let Some(q) = &qual_sector {
            if person {
                sector = q.clone();
            } else if role == NounRole::Force {
                match q.as_str() {
                    "REB" | "OPP" => sector = "REB".into(),
                    "UAF" | "COP" | "SPY" => sector = q.clone(),
                    _ => {}
                }
            }
        }
        if role == NounRole::Force
            && h.quals.iter().any(|&q| {
                let n = &self.nouns[q];
                n.role == NounRole::Qual && (n.phrase.starts_with("pro") || n.phrase == "loyalist")
            })
        {
            sector = "UAF".into();
        }
        if person && h.mods.is_empty() && u[h.head_end - 1].possessive && u[h.head_end - 1].cap {
            return None; // "King's College", "President's Cup"
        }
        let mut end = h.head_end;
        if person {
            end = self.person_name_end(u, end, h.e);
            // "Russian President Vladimir Putin", "Prime Minister Benjamin Netanyahu": the named
            // person from the lexicon.
            let mut k = h.head_end;
            while k < end {
                if let Some((e2, ts)) = self.match_at(u, k, end, false) {
                    if let Some(t) = ts.iter().find(|t| t.kind == TKind::Actor && self.actors[t.idx].person) {
                        let start = if h.mods.is_empty() { h.premod_start } else { h.premod_start.min(h.mods_start) };
                        let mut c = Cand::new(
                            start,
                            end.max(e2),
                            self.actors[t.idx].actor.clone(),
                            MentionKind::Official,
                            h.sentence,
                        );
                        c.person = true;
                        c.plural = Some(false);
                        c.title = row.phrase.clone();
                        return Some((vec![c], end.max(e2)));
                    }
                    k = e2;
                } else {
                    k += 1;
                }
            }
        }
        let head_text = u[h.voc_start..h.head_end].iter().map(|x| x.norm.as_str()).collect::<Vec<_>>().join(" ");
        let mut out = Vec::new();
        let kind = if person { MentionKind::Official } else { MentionKind::Composed };
        let span_start = if person || h.mods.is_empty() { h.premod_start } else { h.mods_start };
        // "King Hassan of Morocco", "the president of Syria", "the army of Mali".
        if h.mods.is_empty() && end + 1 < h.e && u[end].norm == "of" {
            let at = if u[end + 1].norm == "the" { end + 2 } else { end + 1 };
            if let Some((cend, ts)) = self.match_at(u, at, h.e, false) {
                let it = self.item(at, cend, &ts);
                if let (Some(c), true) = (it.country, it.name && it.actor.is_none()) {
                    let actor = self.composed(Some(&self.countries[c].iso3), &sector, &head_text);
                    let mut cand = Cand::new(span_start, cend, actor, kind, h.sentence);
                    cand.plural = row.plural;
                    cand.person = person;
                    return Some((vec![cand], cend));
                }
            }
        }
        if role == NounRole::Named {
            // "the coalition", "the front": an earlier actor with that word in its name.
            if !h.mods.is_empty() || !h.det.is_some_and(|d| DEFINITE.contains(&d)) || self.compound_noun_at(u, end, h.e)
            {
                return Some((vec![], h.head_end));
            }
            let mut c =
                Cand::new(h.np_start, end, self.composed(None, "UAF", &head_text), MentionKind::Definite, h.sentence);
            c.actor.sector = None;
            c.want = Some(Want::Named(row.phrase.clone()));
            c.plural = Some(false);
            return Some((vec![c], end));
        }
        if h.mods.is_empty() && end == h.head_end && row.plural == Some(false) && self.compound_noun_at(u, end, h.e) {
            return Some((vec![], end)); // "the general election", "the court case"
        }
        if h.mods.is_empty() {
            // "regime forces", "government troops", "state media" without a country: the
            // government of the report's most recent country (resolved like "the army").
            let gov_qual = h.quals.iter().any(|&q| {
                let n = &self.nouns[q];
                n.role == NounRole::Qual
                    && matches!(n.phrase.as_str(), "government" | "regime" | "state" | "pro-government")
            });
            let definite = h.det.is_some_and(|d| DEFINITE.contains(&d)) || (h.det.is_none() && gov_qual);
            if definite && matches!(role, NounRole::Force | NounRole::Org | NounRole::Group | NounRole::Person) {
                let mut c = Cand::new(
                    h.np_start,
                    end,
                    self.composed(None, &sector, &head_text),
                    MentionKind::Definite,
                    h.sentence,
                );
                c.want = Some(match role {
                    NounRole::Person if gov_qual && h.det.is_none() => Want::Gov,
                    NounRole::Person => Want::Person,
                    NounRole::Force
                        if matches!(
                            head_text.as_str(),
                            "army" | "military" | "armed forces" | "air force" | "navy"
                        ) =>
                    {
                        Want::Army
                    }
                    NounRole::Org if sector == "GOV" => Want::Gov,
                    NounRole::Org => Want::Force(sector.clone()),
                    NounRole::Group => Want::Group,
                    NounRole::Force if gov_qual && sector == "MIL" => Want::GovArmy,
                    _ => Want::Force(sector.clone()),
                });
                c.plural = row.plural;
                c.person = person;
                c.title = row.phrase.clone();
                c.possessive_det = matches!(h.det, Some("its" | "their"));
                if c.possessive_det && matches!(role, NounRole::Force | NounRole::Group) {
                    c.want = Some(Want::OwnForce);
                } else if c.possessive_det {
                    // "its leaders", "their spokesman", "its government": the owner's people.
                    c.want = Some(Want::Owner(sector.clone()));
                }
                out.push(c);
            } else if row.bare || (person && h.det.is_none() && end > h.head_end) {
                let mut c = Cand::new(span_start, end, self.composed(None, &sector, &head_text), kind, h.sentence);
                c.plural = row.plural;
                c.person = person;
                out.push(c);
            } else if person && !h.det.is_some_and(|d| DEFINITE.contains(&d)) {
                return Some((vec![], h.head_end));
            }
            return Some((out, end));
        }
        let make = |actor: Actor, start: usize, stop: usize| {
            let mut c = Cand::new(start, stop, actor, kind, h.sentence);
            c.plural = row.plural;
            c.person = person;
            c.definite_official = person && h.det == Some("the");
            c.title = row.phrase.clone();
            c
        };
        // A named person's forces: "Assad forces", "Haftar's troops" are that country's army;
        // "pro-Assad militias" are proxies backed by that country.
        if let Some(m) = h.mods.iter().rev().find(|m| m.actor.is_some_and(|a| self.actors[a].person || m.backer)) {
            let row_a = &self.actors[m.actor.unwrap_or_default()];
            if m.backer && !person {
                let sec = if sector == "MIL" { "UAF".to_string() } else { sector.clone() };
                let mut actor = self.composed(None, &sec, &head_text);
                actor.name = display_name(u, h.mods_start, h.head_end);
                actor.backer = row_a.actor.country.clone();
                out.push(make(actor, span_start, end));
                return Some((out, end));
            }
            if matches!(role, NounRole::Force | NounRole::Org) {
                let country = row_a.actor.country.clone();
                let mut actor = self.composed(country.as_deref(), &sector, &head_text);
                actor.name = display_name(u, h.mods_start, h.head_end);
                out.push(make(actor, span_start, end));
                return Some((out, end));
            }
        }
        // A lexicon actor with a person or force noun: "a CIA official", "Hezbollah fighters".
        if let Some(a) = h.mods.iter().rev().find_map(|m| m.actor) {
            let mut c = make(self.actors[a].actor.clone(), span_start, end);
            if !person {
                c.kind = MentionKind::Lexicon;
            }
            out.push(c);
            return Some((out, end));
        }
        let group = h.mods.iter().find_map(|m| m.group);
        let countries: Vec<&ModItem> = h.mods.iter().filter(|m| m.country.is_some() && !m.backer).collect();
        let backers: Vec<usize> = h.mods.iter().filter(|m| m.backer).filter_map(|m| m.country).collect();
        let backer = backers.first().map(|&c| self.countries[c].iso3.clone());
        if group.is_some() {
            // "Iraqi Kurdish forces" is one actor; "Kurdish and Iraqi forces" are two.
            let mut segments: Vec<Vec<&ModItem>> = Vec::new();
            for m in h.mods {
                if m.conj || segments.is_empty() {
                    segments.push(Vec::new());
                }
                if let Some(seg) = segments.last_mut() {
                    seg.push(m);
                }
            }
            for seg in segments {
                let seg_country =
                    seg.iter().find(|m| !m.backer).and_then(|m| m.country).map(|c| self.countries[c].iso3.clone());
                let actor = if let Some(g) = seg.iter().find_map(|m| m.group) {
                    let grp = &self.groups[g];
                    let country = seg_country.or(grp.country.clone());
                    let sec = match role {
                        NounRole::Force | NounRole::Group if !matches!(sector.as_str(), "COP" | "SPY") => {
                            if sector == "UAF" {
                                "UAF".to_string()
                            } else {
                                grp.armed.clone()
                            }
                        }
                        _ => sector.clone(),
                    };
                    let mut actor = self.composed(country.as_deref(), &sec, &head_text);
                    let adj = grp.adjectives.first().or(grp.names.first()).cloned().unwrap_or_default();
                    actor.name = match &country {
                        Some(c) if seg.len() > 1 => {
                            format!("{} {adj} {head_text}", self.composed(Some(c), "CVL", "").name.trim())
                        }
                        _ => format!("{adj} {head_text}"),
                    };
                    if matches!(role, NounRole::Force | NounRole::Group) {
                        actor.acled_inter = grp.inter.or(actor.acled_inter);
                    }
                    actor
                } else if let Some(c) = seg_country {
                    self.composed(Some(&c), &sector, &head_text)
                } else {
                    continue;
                };
                let mut actor = actor;
                actor.backer = backer.clone();
                out.push(make(actor, span_start, end));
            }
            return Some((out, end));
        }
        if countries.is_empty() {
            if let Some(b) = backer {
                // A proxy: "U.S.-backed forces", "Iranian proxy militias". No country of its own.
                let sec = if sector == "MIL" { "REB".to_string() } else { sector.clone() };
                let mut actor = self.composed(None, &sec, &head_text);
                actor.name = display_name(u, h.mods_start, h.head_end);
                actor.backer = Some(b);
                out.push(make(actor, span_start, end));
                return Some((out, end));
            }
            return None;
        }
        for m in &countries {
            let Some(c) = m.country else { continue };
            let mut actor = self.composed(Some(&self.countries[c].iso3), &sector, &head_text);
            actor.backer = backer.clone();
            out.push(make(actor, span_start, end));
        }
        // "Syrian soldiers and policemen": a second head shares the country.
        if end == h.head_end && end + 1 < h.e && u[end].norm == "and" {
            if let Some((e2, rows2)) = self.noun_at(u, end + 1, h.e) {
                if let Some(&r2) =
                    rows2.iter().find(|&&r| matches!(self.nouns[r].role, NounRole::Force | NounRole::Person))
                {
                    let n2 = &self.nouns[r2];
                    let sec2 = n2.sector.clone().unwrap_or_else(|| "UAF".into());
                    let text2 = u[end + 1..e2].iter().map(|x| x.norm.as_str()).collect::<Vec<_>>().join(" ");
                    for m in &countries {
                        let Some(c) = m.country else { continue };
                        let actor = self.composed(Some(&self.countries[c].iso3), &sec2, &text2);
                        let mut cand = Cand::new(end + 1, e2, actor, kind, h.sentence);
                        cand.plural = n2.plural;
                        cand.person = n2.role == NounRole::Person;
                        cand.secondary = true;
                        out.push(cand);
                    }
                    return Some((out, e2));
                }
            }
        }
        Some((out, end))
    }

    /// After a title ("President", "prime minister"), a personal name: capitalized words and
    /// name particles ("Haider al-Abadi").
    fn person_name_end(&self, u: &[Unit], mut k: usize, e: usize) -> usize {
        let start = k;
        while k < e && k < start + 5 && u[k].word {
            let particle = NAME_PARTICLES.contains(&u[k].norm.as_str()) && k + 1 < e && u[k + 1].cap;
            if !(u[k].cap || particle) || DAYS.contains(&u[k].norm.as_str()) {
                break;
            }
            if u[k].cap
                && self.match_at(u, k, e, false).is_some_and(|(_, ts)| ts.iter().any(|t| t.kind != TKind::Actor))
            {
                break; // "… minister Lavrov Moscow" never happens; a country/capital ends the name
            }
            k += 1;
            if u[k - 1].possessive {
                break;
            }
        }
        k
    }
}

struct HeadCtx<'a> {
    np_start: usize,
    det: Option<&'a str>,
    premod_start: usize,
    mods_start: usize,
    mods: &'a [ModItem],
    voc_start: usize,
    head_end: usize,
    head_row: usize,
    quals: &'a [usize],
    e: usize,
    sentence: usize,
}

fn display_name(u: &[Unit], a: usize, b: usize) -> String {
    let mut s = String::new();
    for (k, x) in u[a..b].iter().enumerate() {
        if k > 0 {
            s.push(if x.hyphen_before { '-' } else { ' ' });
        }
        s.push_str(&x.orig);
    }
    s
}

fn is_shouting(us: &[Unit]) -> bool {
    let (mut up, mut all) = (0usize, 0usize);
    for u in us.iter().filter(|u| u.word) {
        for c in u.raw.chars().filter(|c| c.is_alphabetic()) {
            all += 1;
            if c.is_uppercase() {
                up += 1;
            }
        }
    }
    all >= 12 && up * 10 >= all * 8
}
