//! The folded-name index: every folded name of the gazetteer (and every word-prefix of a
//! multi-word name), identified by a 64-bit hash of the key, in one sorted array with a bucket
//! directory, and the entries of all keys in one flat vector.
//!
//! Building it is a sequential pass (fold, hash, push) and one stable bucket sort: a few large
//! allocations, no per-name `String` and no random probing of a big table. A lookup hashes the key
//! and reads one directory slot and one short run of the sorted hashes. Detection uses the
//! prefixes to stop extending a word n-gram as soon as no name starts with it.
//!
//! Keys are not stored: two different keys with the same 64-bit hash would share entries. With a
//! hash close to random (SipHash) and ~2 million keys, the chance that any two collide is about 1
//! in 10^7, and the chance that a word sequence of a text falsely hits a key about 1 in 10^13 per
//! lookup.

use crate::gazetteer::Entry;

/// Bits of the hash that select a directory bucket.
const DIR_BITS: u32 = 16;

/// The index (see the module documentation).
#[derive(Default)]
pub(crate) struct NameIndex {
    /// Sorted, unique key hashes.
    hashes: Vec<u64>,
    /// `entries[starts[k]..starts[k + 1]]` are the entries of key `k` (empty for a prefix only).
    starts: Vec<u32>,
    entries: Vec<Entry>,
    /// `dir[b]..dir[b + 1]`: the keys whose hash starts with the bits `b`.
    dir: Vec<u32>,
}

/// Builds a [`NameIndex`]. Each key keeps its entries in the order they were added; a place is
/// not repeated right after itself (its names are added together), a demonym not at all.
#[derive(Default)]
pub(crate) struct Builder {
    /// (key hash, entry code) in the order added.
    pairs: Vec<(u64, u32)>,
}

const KIND: u32 = 3 << 30;
const PLACE: u32 = 0;
const DEMONYM: u32 = 1 << 30;
const FREE: u32 = 2 << 30;
const PREFIX: u32 = 3 << 30;

fn encode(e: Entry) -> u32 {
    match e {
        Entry::Place(i) => PLACE | (i & !KIND),
        Entry::Demonym(i) => DEMONYM | (i & !KIND),
        Entry::FreeDemonym(i) => FREE | (i & !KIND),
    }
}

fn decode(c: u32) -> Entry {
    match c & KIND {
        PLACE => Entry::Place(c & !KIND),
        DEMONYM => Entry::Demonym(c & !KIND),
        _ => Entry::FreeDemonym(c & !KIND),
    }
}

/// A 64-bit hash of a key: SipHash-1-3 (std's `DefaultHasher`, fixed keys). A cheaper
/// multiply-rotate hash (FxHash) was tried first and made two different keys of the gazetteer
/// collide; SipHash's output is close to random, which is what identifying keys by hash needs.
#[inline]
pub(crate) fn hash(key: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    h.write(key);
    h.finish()
}

impl NameIndex {
    #[inline]
    fn find(&self, h: u64) -> Option<usize> {
        let b = (h >> (64 - DIR_BITS)) as usize;
        let (lo, hi) = (*self.dir.get(b)? as usize, *self.dir.get(b + 1)? as usize);
        // the run is sorted: stop at the first hash not below `h`
        let run = self.hashes.get(lo..hi)?;
        let k = run.iter().position(|&x| x >= h)?;
        (run[k] == h).then_some(lo + k)
    }

    /// What is known of `key`: `None` when no name is or starts with it, else the entries of the
    /// name (empty when it is only the start of longer names).
    #[inline]
    pub(crate) fn lookup(&self, key: &str) -> Option<&[Entry]> {
        let k = self.find(hash(key.as_bytes()))?;
        let (a, b) = (self.starts[k] as usize, self.starts[k + 1] as usize);
        self.entries.get(a..b)
    }

    /// The entries of the name `key`, if it is one.
    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<&[Entry]> {
        self.lookup(key).filter(|e| !e.is_empty())
    }

    /// Number of names (keys with entries).
    #[allow(dead_code)]
    pub(crate) fn len(&self) -> usize {
        self.starts.windows(2).filter(|w| w[1] > w[0]).count()
    }
}

impl Builder {
    /// A builder sized for about `names` additions.
    pub(crate) fn with_capacity(names: usize) -> Builder {
        Builder { pairs: Vec::with_capacity(names + names / 2) }
    }

    /// Add `e` under `key` (and mark every word-prefix of a multi-word key).
    pub(crate) fn add(&mut self, key: &str, e: Entry) {
        self.pairs.push((hash(key.as_bytes()), encode(e)));
        for (p, _) in key.match_indices(' ') {
            self.pairs.push((hash(&key.as_bytes()[..p]), PREFIX));
        }
    }

    /// The finished index.
    pub(crate) fn finish(self) -> NameIndex {
        let pairs = self.pairs;
        // Stable counting sort on the top bits, then a stable sort of each (short) bucket: equal
        // keys end up together in the order they were added.
        let nb = 1usize << DIR_BITS;
        let bucket = |h: u64| (h >> (64 - DIR_BITS)) as usize;
        let mut count = vec![0u32; nb + 1];
        for &(h, _) in &pairs {
            count[bucket(h) + 1] += 1;
        }
        for b in 0..nb {
            count[b + 1] += count[b];
        }
        let bounds = count.clone();
        let mut sorted = vec![(0u64, 0u32); pairs.len()];
        for &p in &pairs {
            let b = bucket(p.0);
            sorted[count[b] as usize] = p;
            count[b] += 1;
        }
        drop(pairs);
        let mut ix = NameIndex {
            hashes: Vec::with_capacity(sorted.len() / 2),
            starts: Vec::with_capacity(sorted.len() / 2),
            entries: Vec::with_capacity(sorted.len() / 2),
            dir: Vec::with_capacity(nb + 1),
        };
        for b in 0..nb {
            ix.dir.push(ix.hashes.len() as u32);
            let run = &mut sorted[bounds[b] as usize..bounds[b + 1] as usize];
            run.sort_by_key(|p| p.0);
            let mut i = 0;
            while i < run.len() {
                let h = run[i].0;
                let start = ix.entries.len();
                ix.hashes.push(h);
                ix.starts.push(start as u32);
                while i < run.len() && run[i].0 == h {
                    let c = run[i].1;
                    i += 1;
                    if c & KIND == PREFIX {
                        continue;
                    }
                    let e = decode(c);
                    let dup = if c & KIND == PLACE {
                        ix.entries.len() > start && ix.entries.last() == Some(&e)
                    } else {
                        ix.entries[start..].contains(&e)
                    };
                    if !dup {
                        ix.entries.push(e);
                    }
                }
            }
        }
        ix.dir.push(ix.hashes.len() as u32);
        ix.starts.push(ix.entries.len() as u32);
        ix.hashes.shrink_to_fit();
        ix.starts.shrink_to_fit();
        ix.entries.shrink_to_fit();
        ix
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_prefixes_and_order() {
        let mut b = Builder::with_capacity(4);
        b.add("dir zur", Entry::Place(3));
        b.add("dir", Entry::Place(1));
        b.add("dir zur", Entry::Place(2));
        b.add("dir zur", Entry::Place(2));
        b.add("dir zur", Entry::Demonym(2));
        b.add("dir zur", Entry::Place(3));
        b.add("dir zur", Entry::Demonym(2));
        b.add("a b c", Entry::Place(9));
        let ix = b.finish();
        let want = [Entry::Place(3), Entry::Place(2), Entry::Demonym(2), Entry::Place(3)];
        assert_eq!(ix.get("dir zur"), Some(&want[..]));
        assert_eq!(ix.get("dir"), Some(&[Entry::Place(1)][..]));
        assert_eq!(ix.lookup("a b"), Some(&[][..]));
        assert_eq!(ix.get("a b"), None);
        assert!(ix.lookup("a").is_some());
        assert!(ix.lookup("zur").is_none());
        assert!(ix.get("a b c").is_some());
        assert_eq!(ix.len(), 3);
    }

    #[test]
    fn many_keys() {
        let mut b = Builder::with_capacity(1);
        for i in 0..300_000u32 {
            b.add(&format!("k{i}"), Entry::Place(i));
        }
        let ix = b.finish();
        for i in (0..300_000u32).step_by(997) {
            assert_eq!(ix.get(&format!("k{i}")), Some(&[Entry::Place(i)][..]));
        }
        assert!(ix.get("k300000").is_none());
        assert_eq!(NameIndex::default().lookup("k1"), None);
    }

    #[test]
    fn embedded_keys_do_not_collide() {
        // Found with an FxHash-style key hash: "thi grunds" (the grounds) shared the entries of a
        // key of Loxahatchee Groves.
        let g = crate::Geoparser::embedded().expect("embedded gazetteer");
        assert!(g.candidates("the grounds").is_empty());
        assert!(!g.candidates("Loxahatchee Groves").is_empty());
    }
}
