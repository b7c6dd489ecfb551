//! Building the tagger: the lexicon rows, and the name, noun and cue indexes over them.

use super::words::{DETERMINERS, PRONOUNS};
use super::{ActorTagger, TKind, Target};
use crate::lexicon::{self, CueKind, LexiconError};
use crate::units::phrase_units;

fn push_target(v: &mut Vec<Target>, t: Target) {
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
            actor_by_id: Default::default(),
            country_by_iso: Default::default(),
            country_by_iso2: Default::default(),
            index: Default::default(),
            acronyms: Default::default(),
            max_len: 1,
            noun_max: 1,
            trie: Default::default(),
            lemmas: Default::default(),
        };
        for (i, c) in t.countries.iter().enumerate() {
            t.country_by_iso.insert(c.iso3.clone(), i);
            t.country_by_iso2.entry(c.iso2.clone()).or_insert(i);
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
                push_target(
                    t.acronyms.entry(us[0].raw.to_string()).or_default(),
                    Target { kind, idx, needs_cap: true },
                );
                continue;
            }
            let key = us.iter().map(|u| &*u.norm).collect::<Vec<_>>().join(" ");
            t.max_len = t.max_len.max(us.len());
            let target = Target { kind, idx, needs_cap: us[0].cap };
            push_target(t.index.entry(key).or_default(), target);
            push_target(&mut t.trie.insert(us.iter().map(|u| &*u.norm)).targets, target);
        }
        for (i, n) in t.nouns.iter().enumerate() {
            let us = phrase_units(&n.phrase);
            if us.is_empty() {
                continue;
            }
            t.noun_max = t.noun_max.max(us.len());
            t.trie.insert(us.iter().map(|u| &*u.norm)).nouns.push(i);
        }
        for (kind, w) in &lex.cues {
            if *kind == CueKind::Verb {
                t.lemmas.insert(w.clone());
            }
            let forms = if *kind == CueKind::Verb { verb_forms(w) } else { vec![w.clone()] };
            for f in forms {
                let key = phrase_units(&f).iter().map(|u| &*u.norm).collect::<Vec<_>>().join(" ");
                let key = if key.is_empty() { f.clone() } else { key };
                t.trie.add_cue(&key, *kind);
            }
        }
        let mut openers = DETERMINERS.to_vec();
        openers.push("pro");
        t.trie.finish(&openers, PRONOUNS);
        Ok(t)
    }
}
