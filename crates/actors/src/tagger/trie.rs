//! The lexicon phrases as a trie over word ids, so that finding the longest name or noun phrase
//! at a unit walks only as far as some phrase continues (most words stop at the first step),
//! without building or hashing key strings.
//!
//! Every normalized word of a phrase, and every cue word, gets a vocabulary id; the tagger looks
//! each unit of a document up once ([`Unit::id`](crate::units::Unit)) and then works on ids.

use super::Target;
use crate::lexicon::CueKind;
use crate::units::NO_WORD;
use rustc_hash::FxHashMap;
use sitrep_model::WordTable;

#[derive(Debug, Default)]
pub(super) struct Node {
    /// Actor, country and group targets of the phrase ending here (the old `index` entry).
    pub targets: Vec<Target>,
    /// The same without those that need a capitalized first word.
    pub capless: Vec<Target>,
    /// Composition-vocabulary rows of the phrase ending here.
    pub nouns: Vec<usize>,
}

#[derive(Debug)]
pub(super) struct PhraseTrie {
    vocab: FxHashMap<String, u32>,
    /// `vocab` for the lookups of the tagging hot path (one per unit), filled by [`Self::finish`].
    ids: WordTable<u32>,
    /// Cue kinds of each vocabulary word, one bit per [`CueKind`].
    cues: Vec<u16>,
    /// [`OPENS`] and [`PRONOUN`] of each vocabulary word, filled by [`Self::finish`].
    marks: Vec<u8>,
    edges: FxHashMap<(u32, u32), u32>,
    /// The edges from the root by word id ([`NO_NODE`]: none), the same as in `edges`: every
    /// unit of a document asks for one, and most have none.
    root: Vec<u32>,
    nodes: Vec<Node>,
}

const NO_NODE: u32 = u32::MAX;

impl Default for PhraseTrie {
    fn default() -> Self {
        PhraseTrie {
            vocab: FxHashMap::default(),
            ids: WordTable::default(),
            cues: Vec::new(),
            marks: Vec::new(),
            edges: FxHashMap::default(),
            root: Vec::new(),
            nodes: vec![Node::default()],
        }
    }
}

pub(super) const ROOT: u32 = 0;

/// [`PhraseTrie::marks`]: a lexicon phrase starts with the word, or it is one of the words
/// given to [`PhraseTrie::finish`] as opening a noun phrase otherwise ("the", "pro").
pub(super) const OPENS: u8 = 1;
/// The word is one of the pronouns given to [`PhraseTrie::finish`].
pub(super) const PRONOUN: u8 = 2;

fn bit(k: CueKind) -> u16 {
    1 << (k as u16)
}

impl PhraseTrie {
    fn word_id(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.vocab.get(w) {
            return id;
        }
        let id = self.vocab.len() as u32;
        self.vocab.insert(w.to_string(), id);
        self.cues.push(0);
        id
    }

    /// The vocabulary id of a normalized word, or [`NO_WORD`].
    #[inline]
    pub fn id(&self, w: &str) -> u32 {
        self.ids.get(w).unwrap_or(NO_WORD)
    }

    /// The node of a phrase given as its normalized words, created if needed.
    pub fn insert<'w>(&mut self, words: impl IntoIterator<Item = &'w str>) -> &mut Node {
        let mut node = ROOT;
        for w in words {
            let id = self.word_id(w);
            node = match self.edges.get(&(node, id)) {
                Some(&n) => n,
                None => {
                    let n = self.nodes.len() as u32;
                    self.nodes.push(Node::default());
                    self.edges.insert((node, id), n);
                    if node == ROOT {
                        if self.root.len() <= id as usize {
                            self.root.resize(id as usize + 1, NO_NODE);
                        }
                        self.root[id as usize] = n;
                    }
                    n
                }
            };
        }
        &mut self.nodes[node as usize]
    }

    /// Fills each node's `capless` list once all targets are in, and the lookup table of the
    /// vocabulary once all words are in.
    pub fn finish(&mut self, openers: &[&str], pronouns: &[&str]) {
        for w in openers.iter().chain(pronouns) {
            self.word_id(w);
        }
        self.marks = vec![0; self.vocab.len()];
        for (id, m) in self.marks.iter_mut().enumerate() {
            if self.root.get(id).is_some_and(|&n| n != NO_NODE) {
                *m |= OPENS;
            }
        }
        for (list, mark) in [(openers, OPENS), (pronouns, PRONOUN)] {
            for w in list {
                if let Some(&id) = self.vocab.get(*w) {
                    self.marks[id as usize] |= mark;
                }
            }
        }
        self.ids = WordTable::new(self.vocab.iter().map(|(w, &id)| (w.as_str(), id)));
        for n in &mut self.nodes {
            n.capless = n.targets.iter().filter(|t| !t.needs_cap).copied().collect();
        }
    }

    pub fn add_cue(&mut self, key: &str, kind: CueKind) {
        let id = self.word_id(key) as usize;
        self.cues[id] |= bit(kind);
    }

    /// Whether the word with this id is a cue of this kind.
    pub fn cue_id(&self, id: u32, kind: CueKind) -> bool {
        self.cues.get(id as usize).is_some_and(|m| m & bit(kind) != 0)
    }

    /// Whether this word (a normalized form, or a cue phrase) is a cue of this kind.
    pub fn cue(&self, w: &str, kind: CueKind) -> bool {
        self.cue_id(self.id(w), kind)
    }

    /// The [`OPENS`] and [`PRONOUN`] marks of the word with this id (none for [`NO_WORD`]).
    #[inline]
    pub fn marks(&self, id: u32) -> u8 {
        self.marks.get(id as usize).copied().unwrap_or(0)
    }

    pub fn child(&self, node: u32, id: u32) -> Option<u32> {
        if id == NO_WORD {
            return None;
        }
        if node == ROOT {
            return self.root.get(id as usize).copied().filter(|&n| n != NO_NODE);
        }
        self.edges.get(&(node, id)).copied()
    }

    pub fn node(&self, n: u32) -> &Node {
        &self.nodes[n as usize]
    }
}
