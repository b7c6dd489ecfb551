//! The folded-name index: every folded name of the gazetteer (and every word-prefix of a
//! multi-word name), identified by a 64-bit hash of the key, in one sorted table addressed by the
//! hash's top bits, and the entries of all keys in one flat vector.
//!
//! Building it is a sequential pass (fold, hash, push) and one stable bucket sort: a few large
//! allocations, no per-name `String` and no random probing of a big table. A lookup reads the
//! key's home slot and, rarely, the next few: one cache miss. Detection uses the prefixes to stop
//! extending a word n-gram as soon as no name starts with it.
//!
//! A key's hash is built word by word ([`word_hash`], then [`join`] for each further word), so that
//! detection extends an n-gram by one word without building or re-hashing its text.
//!
//! Keys are not stored: two different keys with the same 64-bit hash would share entries. With a
//! hash close to random and the embedded gazetteer's ~620,000 keys (names and prefixes), the chance
//! that any two collide is about 1 in 10^8, and the chance that a word sequence of a text falsely
//! hits a key about 1 in 3·10^13 per lookup.
//! A test checks that the embedded gazetteer's keys (names and prefixes) have distinct hashes.

use crate::gazetteer::Entry;

/// Bounds of the number of top bits of a hash that give its home slot in the table.
const MIN_BITS: u32 = 4;
const MAX_BITS: u32 = 28;

/// The index (see the module documentation).
pub(crate) struct NameIndex {
    /// The unique key hashes in ascending order, each with the range of its entries in `entries`
    /// (empty for a prefix only; [`CONTINUES`] set in its start when the key is the start of
    /// a longer key), spread over a table of at least as many slots as keys: a key
    /// sits at its home slot (the top bits of its hash) or just after the keys before it, and a
    /// free slot holds a copy of the next key. A lookup reads from the home slot on to the first
    /// hash not below its own: one cache line, nearly always.
    table: Vec<(u64, u32, u32)>,
    entries: Vec<Entry>,
    /// 64 minus the number of home-slot bits.
    shift: u32,
    /// A Bloom filter (three bits in one word per key) of the keys of two words or more: most
    /// word sequences of a text continue no name, and the filter, small enough to stay in the
    /// processor's cache, says so without reading the table. A key it lacks is no key.
    multi: Vec<u64>,
}

/// After the last key: above every hash, with no entries.
const END: (u64, u32, u32) = (u64::MAX, u32::MAX, u32::MAX);

/// [`NameIndex::lookup_packed`]'s answer for a key no name is or starts with (never a range: an
/// entry range ends below `u32::MAX`).
pub(crate) const NOT_KEY: u64 = u64::MAX;

/// In a table slot's entry start: the key is also the start of a longer key (some name continues
/// it with more words). Entry ranges are below it.
const CONTINUES: u32 = 1 << 31;

/// Whether the key of a [`NameIndex::lookup_packed`] answer is the start of a longer key: when it
/// is not, no name continues these words and detection need not ask of the next word.
#[inline]
pub(crate) fn continues(p: u64) -> bool {
    p != NOT_KEY && p & (1 << 63) != 0
}

impl Default for NameIndex {
    fn default() -> Self {
        NameIndex { table: vec![END], entries: Vec::new(), shift: 63, multi: vec![0] }
    }
}

/// Builds a [`NameIndex`]. Each key keeps its entries in the order they were added; a place is
/// not repeated right after itself (its names are added together), a demonym not at all.
#[derive(Default)]
pub(crate) struct Builder {
    /// (key hash, entry code) in the order added.
    pairs: Vec<(u64, u32)>,
    /// The hashes of the keys (and prefixes) of two words or more.
    multi: Vec<u64>,
}

/// The word of the Bloom filter of `h` and the three bits of it set for `h`.
#[inline]
fn bloom_bits(h: u64, words: usize) -> (usize, u64) {
    let w = (h >> 20) as usize & (words - 1);
    let bits = (1u64 << (h & 63)) | (1u64 << ((h >> 6) & 63)) | (1u64 << ((h >> 12) & 63));
    (w, bits)
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

const P0: u64 = 0xa076_1d64_78bd_642f;
const P1: u64 = 0xe703_7ed1_a0b4_28db;
const P2: u64 = 0x8ebc_6af0_9c88_c6e3;
const P3: u64 = 0x5899_65cc_7537_4cc3;

/// 128-bit multiply, folded to 64 bits (the mixing step of wyhash).
#[inline]
fn mum(a: u64, b: u64) -> u64 {
    let r = (a as u128).wrapping_mul(b as u128);
    (r as u64) ^ ((r >> 64) as u64)
}

/// A 64-bit hash of one word of a key (its bytes, no space): a wyhash-style multiply-fold over
/// 8-byte blocks, with the length mixed in. Its output is close to random, which is what
/// identifying keys by hash needs (a plain multiply-rotate hash, FxHash, made two keys of the
/// gazetteer collide).
#[inline]
pub(crate) fn word_hash(w: &[u8]) -> u64 {
    let mut h = P0 ^ mum(w.len() as u64 ^ P1, P2);
    let mut chunks = w.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = mum(h ^ u64::from_le_bytes(b) ^ P1, P3 ^ h.rotate_left(32));
    }
    let rest = chunks.remainder();
    let mut b = [0u8; 8];
    b[..rest.len()].copy_from_slice(rest);
    h = mum(h ^ u64::from_le_bytes(b) ^ P2, P1 ^ (rest.len() as u64));
    mum(h ^ P0, P3)
}

/// The hash of a key of several words, from the hash of its first words and of the next word.
#[inline]
pub(crate) fn join(prefix: u64, word: u64) -> u64 {
    mum(mum(prefix ^ P3, word ^ P1), P2 ^ prefix.rotate_left(17))
}

/// The hash of a whole key: its words (separated by single spaces) hashed and joined.
pub(crate) fn hash(key: &str) -> u64 {
    let mut words = key.split(' ');
    let first = word_hash(words.next().unwrap_or("").as_bytes());
    words.fold(first, |h, w| join(h, word_hash(w.as_bytes())))
}

impl NameIndex {
    #[inline]
    fn find(&self, h: u64) -> Option<&(u64, u32, u32)> {
        let mut i = h.checked_shr(self.shift)? as usize;
        // ascending from the home slot; the table ends with END, above every hash
        loop {
            let t = self.table.get(i)?;
            if t.0 >= h {
                return (t.0 == h).then_some(t);
            }
            i += 1;
        }
    }

    /// What is known of `key`: `None` when no name is or starts with it, else the entries of the
    /// name (empty when it is only the start of longer names).
    #[inline]
    pub(crate) fn lookup(&self, key: &str) -> Option<&[Entry]> {
        self.lookup_hash(hash(key))
    }

    /// As [`NameIndex::lookup_hash`], for the hash of a key of two words or more ([`join`]): the
    /// same answer, mostly without reading the table.
    #[cfg(test)]
    pub(crate) fn lookup_joined(&self, h: u64) -> Option<&[Entry]> {
        self.entries_packed(self.lookup_joined_packed(h))
    }

    /// As [`NameIndex::lookup_packed`], for the hash of a key of two words or more ([`join`]):
    /// the same answer, mostly without reading the table.
    #[inline]
    pub(crate) fn lookup_joined_packed(&self, h: u64) -> u64 {
        let (w, bits) = bloom_bits(h, self.multi.len());
        match self.multi.get(w) {
            Some(&m) if m & bits == bits => self.lookup_packed(h),
            _ => NOT_KEY,
        }
    }

    /// As [`NameIndex::lookup`], for a key's hash (see [`word_hash`] and [`join`]).
    #[inline]
    pub(crate) fn lookup_hash(&self, h: u64) -> Option<&[Entry]> {
        let &(_, a, b) = self.find(h)?;
        self.entries.get((a & !CONTINUES) as usize..b as usize)
    }

    /// [`NameIndex::lookup_hash`]'s answer as one number (to be remembered, e.g. per word of a
    /// text): [`NOT_KEY`], or the range of the key's entries (see [`NameIndex::entries_packed`])
    /// and whether the key [`continues`].
    #[inline]
    pub(crate) fn lookup_packed(&self, h: u64) -> u64 {
        match self.find(h) {
            Some(&(_, a, b)) if (b as usize) <= self.entries.len() && a & !CONTINUES <= b => {
                (a as u64) << 32 | b as u64
            }
            _ => NOT_KEY,
        }
    }

    /// The answer of [`NameIndex::lookup_hash`] from [`NameIndex::lookup_packed`]'s.
    #[inline]
    pub(crate) fn entries_packed(&self, p: u64) -> Option<&[Entry]> {
        if p == NOT_KEY {
            return None;
        }
        self.entries.get((p >> 32) as usize & !(CONTINUES as usize)..(p & 0xffff_ffff) as usize)
    }

    /// The entries of the name `key`, if it is one.
    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<&[Entry]> {
        self.lookup(key).filter(|e| !e.is_empty())
    }

    /// Number of names (keys with entries).
    #[allow(dead_code)]
    pub(crate) fn len(&self) -> usize {
        let mut keys: Vec<_> = self.table.iter().filter(|k| k.2 > k.1 & !CONTINUES && k.2 != u32::MAX).collect();
        keys.dedup();
        keys.len()
    }
}

impl Builder {
    /// A builder sized for about `names` additions.
    pub(crate) fn with_capacity(names: usize) -> Builder {
        Builder { pairs: Vec::with_capacity(names + names / 2), multi: Vec::with_capacity(names / 2) }
    }

    /// Add `e` under `key` (and mark every word-prefix of a multi-word key).
    pub(crate) fn add(&mut self, key: &str, e: Entry) {
        let mut words = key.split(' ');
        let mut h = word_hash(words.next().unwrap_or("").as_bytes());
        for w in words {
            self.pairs.push((h, PREFIX));
            h = join(h, word_hash(w.as_bytes()));
            self.multi.push(h);
        }
        self.pairs.push((h, encode(e)));
    }

    /// The finished index.
    pub(crate) fn finish(self) -> NameIndex {
        // about 8 bits per key of two words or more: 1 to 2 in 100 sequences that are no key pass
        let words = (self.multi.len() / 8).max(1).next_power_of_two();
        let mut multi = vec![0u64; words];
        for &h in &self.multi {
            let (w, bits) = bloom_bits(h, words);
            multi[w] |= bits;
        }
        drop(self.multi);
        let pairs = self.pairs;
        // Stable counting sort on the top bits, then a stable sort of each (short) bucket: equal
        // keys end up together in the order they were added.
        let bits = (usize::BITS - pairs.len().leading_zeros()).clamp(MIN_BITS, MAX_BITS);
        let shift = 64 - bits;
        let nb = 1usize << bits;
        let bucket = |h: u64| (h >> shift) as usize;
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
        drop(count);
        let mut keys: Vec<(u64, u32, u32)> = Vec::with_capacity(sorted.len() / 2);
        let mut entries: Vec<Entry> = Vec::with_capacity(sorted.len() / 2);
        for b in 0..nb {
            let run = &mut sorted[bounds[b] as usize..bounds[b + 1] as usize];
            run.sort_by_key(|p| p.0);
            let mut i = 0;
            while i < run.len() {
                let h = run[i].0;
                let start = entries.len();
                let mut continues = 0;
                while i < run.len() && run[i].0 == h {
                    let c = run[i].1;
                    i += 1;
                    if c & KIND == PREFIX {
                        continues = CONTINUES;
                        continue;
                    }
                    let e = decode(c);
                    let dup = if c & KIND == PLACE {
                        entries.len() > start && entries.last() == Some(&e)
                    } else {
                        entries[start..].contains(&e)
                    };
                    if !dup {
                        entries.push(e);
                    }
                }
                keys.push((h, start as u32 | continues, entries.len() as u32));
            }
        }
        drop(sorted);
        drop(bounds);
        // The table: at least one slot per key; each key at its home slot or right after the one
        // before it; free slots copy the next key; END closes it.
        let bits = (usize::BITS - keys.len().leading_zeros()).clamp(MIN_BITS, MAX_BITS);
        let shift = 64 - bits;
        let mut table: Vec<(u64, u32, u32)> = Vec::with_capacity((1usize << bits) + 16);
        for &k in &keys {
            let home = (k.0 >> shift) as usize;
            while table.len() < home {
                table.push(k);
            }
            table.push(k);
        }
        table.push(END);
        table.shrink_to_fit();
        entries.shrink_to_fit();
        NameIndex { table, entries, shift, multi }
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
        // through the filter of keys of two words or more: the same answers
        assert_eq!(ix.lookup_joined(hash("a b")), Some(&[][..]));
        assert_eq!(ix.lookup_joined(hash("dir zur")), Some(&want[..]));
        assert_eq!(ix.lookup_joined(hash("a c")), None);
        // which keys longer keys continue
        let cont = |k: &str| continues(ix.lookup_packed(hash(k)));
        assert!(cont("dir") && cont("a") && cont("a b"));
        assert!(!cont("dir zur") && !cont("a b c") && !cont("zur"));
        assert_eq!(ix.entries_packed(ix.lookup_packed(hash("dir"))), Some(&[Entry::Place(1)][..]));
        assert_eq!(ix.entries_packed(ix.lookup_packed(hash("dir zur"))), Some(&want[..]));
        assert_eq!(ix.entries_packed(ix.lookup_joined_packed(hash("a b"))), Some(&[][..]));
        assert_eq!(ix.lookup_joined_packed(hash("a c")), NOT_KEY);
        assert_eq!(ix.entries_packed(NOT_KEY), None);
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
    fn embedded_keys_and_prefixes_have_distinct_hashes() {
        // Keys are identified by their 64-bit hash alone: check that no two different keys (or
        // word-prefixes of keys) of the embedded gazetteer share one. A second, independent hash
        // (std's SipHash of the text) tells different keys apart without keeping every key.
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let g = crate::Gazetteer::embedded().expect("embedded gazetteer");
        let sip = BuildHasherDefault::<DefaultHasher>::default();
        let mut pairs: Vec<(u64, u64)> = Vec::new();
        let mut filtered_out = 0;
        g.each_key(|key, _| {
            for (p, _) in key.match_indices(' ').chain(std::iter::once((key.len(), ""))) {
                let k = &key[..p];
                pairs.push((hash(k), sip.hash_one(k)));
                // the filter of keys of two words or more lets every one of them through
                if k.contains(' ') && g.index.lookup_joined(hash(k)).is_none() {
                    filtered_out += 1;
                }
            }
        });
        assert_eq!(filtered_out, 0);
        assert!(pairs.len() > 1_000_000, "{} keys", pairs.len());
        pairs.sort_unstable();
        pairs.dedup();
        let clash = pairs.windows(2).find(|w| w[0].0 == w[1].0);
        assert!(clash.is_none(), "two keys share the hash {:x?}", clash);
        // and a key's hash is built word by word
        assert_eq!(hash("dir zur"), join(word_hash(b"dir"), word_hash(b"zur")));
        assert_ne!(hash("dir zur"), hash("dirzur"));
        assert_ne!(hash("a b"), hash("b a"));
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
