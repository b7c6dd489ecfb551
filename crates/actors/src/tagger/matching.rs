//! Lexicon lookup at a unit: the longest actor/country/group name, and the longest
//! composition-vocabulary phrase.

use super::trie::ROOT;
use super::{ActorTagger, ModItem, Shouting, TKind, Target};
use crate::lexicon::NounRole;
use crate::units::Unit;

impl ActorTagger {
    /// The longest actor, country or group name at `j` (within `..e`): its end and targets.
    /// A name that needs a capital only matches a capitalized first word; a single all-capital
    /// acronym matches only as written (short ones not in all-capital text).
    pub(super) fn match_at(&self, u: &[Unit], j: usize, e: usize, shouting: &Shouting) -> Option<(usize, &[Target])> {
        if j >= e || !u[j].word {
            return None;
        }
        let cap = u[j].cap;
        let mut best: Option<(usize, &[Target])> = None;
        let mut node = ROOT;
        for (k, unit) in u.iter().enumerate().take(e.min(j + self.max_len)).skip(j) {
            if !(unit.word || (unit.num && k > j)) {
                break;
            }
            let Some(next) = self.trie.child(node, unit.id) else { break };
            node = next;
            let n = self.trie.node(node);
            let ok = if cap { &n.targets } else { &n.capless };
            if !ok.is_empty() {
                best = Some((k + 1, ok.as_slice()));
            }
            if unit.possessive {
                break;
            }
        }
        // Acronym keys are all capitals (see build.rs), and so is any unit whose raw letters equal one.
        if best.is_some() || !u[j].upper {
            return best;
        }
        let raw = u[j].raw();
        let ts = self.acronyms.get(&*raw)?;
        let short = raw.chars().count() <= 3;
        if short && shouting.get() {
            return None;
        }
        Some((j + 1, ts.as_slice()))
    }

    /// The longest composition-vocabulary phrase at `j`: (end, noun row indices).
    pub(super) fn noun_at(&self, u: &[Unit], j: usize, e: usize) -> Option<(usize, &[usize])> {
        if j >= e || !u[j].word {
            return None;
        }
        let mut best = None;
        let mut node = ROOT;
        for (k, unit) in u.iter().enumerate().take(e.min(j + self.noun_max)).skip(j) {
            if !unit.word {
                break;
            }
            let Some(next) = self.trie.child(node, unit.id) else { break };
            node = next;
            let rows = &self.trie.node(node).nouns;
            if !rows.is_empty() {
                best = Some((k + 1, rows.as_slice()));
            }
            if unit.possessive {
                break;
            }
        }
        best
    }

    pub(super) fn noun_has(&self, rows: &[usize], role: NounRole) -> bool {
        rows.iter().any(|&r| self.nouns[r].role == role)
    }

    pub(super) fn item(&self, start: usize, end: usize, ts: &[Target]) -> ModItem {
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
}
