//! [`WordTable`]: a read-only map from short words to small values, for the per-token lookups of
//! the stages (is this word in the lexicon? which vocabulary id?). A general hash map hashes the
//! word's bytes, then compares them with `memcmp`; here a word of up to 16 bytes is read as two
//! machine words (and its length), so hashing is a multiply and comparing two integer tests.
//! Longer words go to an ordinary map.

use std::collections::HashMap;

/// A word of up to 16 bytes as two integers: every byte of the word is in one of them (the
/// reads overlap for lengths that are no power of two), and with the length they tell any two
/// such words apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Key {
    a: u64,
    b: u64,
    len: u64,
}

const SHORT: usize = 16;

#[inline]
fn read8(b: &[u8], at: usize) -> u64 {
    let mut x = [0u8; 8];
    x.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(x)
}

#[inline]
fn read4(b: &[u8], at: usize) -> u64 {
    let mut x = [0u8; 4];
    x.copy_from_slice(&b[at..at + 4]);
    u64::from(u32::from_le_bytes(x))
}

/// The key of a word of at most [`SHORT`] bytes.
#[inline(always)]
fn key(w: &[u8]) -> Key {
    let n = w.len();
    let (a, b) = if n >= 8 {
        (read8(w, 0), read8(w, n - 8))
    } else if n >= 4 {
        (read4(w, 0), read4(w, n - 4))
    } else if n > 0 {
        // Bytes 0, n/2 and n-1 cover a word of one to three bytes.
        (u64::from(w[0]) | u64::from(w[n / 2]) << 8 | u64::from(w[n - 1]) << 16, 0)
    } else {
        (0, 0)
    };
    Key { a, b, len: n as u64 }
}

#[inline(always)]
fn hash(k: &Key) -> u64 {
    let x = (k.a ^ k.b.rotate_left(23) ^ k.len.rotate_left(53)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

/// A slot of the table: a word's key (its length in one byte, [`EMPTY`] for a free slot) and value.
/// 24 bytes for the values the stages keep (`Option<(Key, V)>` took 40): the tables are read once
/// per token, mostly out of cache, so fewer lines are fetched.
#[derive(Clone, Copy, Debug)]
struct Slot<V> {
    a: u64,
    b: u64,
    len: u8,
    v: V,
}

/// [`Slot::len`] of a free slot (no word of up to [`SHORT`] bytes has it).
const EMPTY: u8 = u8::MAX;

impl<V: Copy> Slot<V> {
    #[inline(always)]
    fn holds(&self, k: &Key) -> bool {
        self.a == k.a && self.b == k.b && u64::from(self.len) == k.len
    }
}

/// The filter's size: 2^16 bits.
const FILTER_BITS: u32 = 16;

/// The filter bit of a hash (its top bits; the slots are chosen by its low bits).
#[inline(always)]
fn filter_bit(h: u64) -> (usize, u64) {
    let b = (h >> (64 - FILTER_BITS)) as usize;
    (b >> 6, 1 << (b & 63))
}

/// A read-only map from words to values, built once (see the module text).
#[derive(Clone, Debug)]
pub struct WordTable<V> {
    /// Open addressing, linear probing, at most half full; empty while the table has no word.
    slots: Vec<Slot<V>>,
    mask: usize,
    /// One bit per value of a hash's top [`FILTER_BITS`] bits, set for the table's words: a word
    /// whose bit is clear is not in the table, told without reading the slots (8 KB that stay in
    /// the cache, where the slots of a large vocabulary do not).
    filter: Vec<u64>,
    long: HashMap<String, V>,
    len: usize,
}

impl<V: Copy> Default for WordTable<V> {
    fn default() -> Self {
        WordTable { slots: Vec::new(), mask: 0, filter: Vec::new(), long: HashMap::new(), len: 0 }
    }
}

impl<V: Copy> WordTable<V> {
    /// The table of these words; a word given twice keeps its last value.
    pub fn new<'w>(words: impl IntoIterator<Item = (&'w str, V)>) -> Self {
        let words: Vec<(&str, V)> = words.into_iter().collect();
        let Some(&(_, any)) = words.first() else { return WordTable::default() };
        let size = (words.len() * 2).next_power_of_two().max(8);
        let free = Slot { a: 0, b: 0, len: EMPTY, v: any };
        let filter = vec![0; 1 << (FILTER_BITS - 6)];
        let mut t = WordTable { slots: vec![free; size], mask: size - 1, filter, long: HashMap::new(), len: 0 };
        for (w, v) in words {
            t.insert(w, v);
        }
        t
    }

    fn insert(&mut self, w: &str, v: V) {
        if w.len() > SHORT {
            if self.long.insert(w.to_string(), v).is_none() {
                self.len += 1;
            }
            return;
        }
        let k = key(w.as_bytes());
        let h = hash(&k);
        let (word, bit) = filter_bit(h);
        self.filter[word] |= bit;
        let mut i = h as usize & self.mask;
        loop {
            let slot = &mut self.slots[i];
            if slot.len == EMPTY {
                *slot = Slot { a: k.a, b: k.b, len: k.len as u8, v };
                self.len += 1;
                return;
            }
            if slot.holds(&k) {
                slot.v = v;
                return;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The value of this word, if it is in the table.
    #[inline(always)]
    pub fn get(&self, w: &str) -> Option<V> {
        if w.len() > SHORT {
            return self.long.get(w).copied();
        }
        if self.slots.is_empty() {
            return None;
        }
        let k = key(w.as_bytes());
        let h = hash(&k);
        let (word, bit) = filter_bit(h);
        if self.filter[word] & bit == 0 {
            return None;
        }
        let mut i = h as usize & self.mask;
        loop {
            let slot = &self.slots[i];
            if slot.holds(&k) {
                return Some(slot.v);
            }
            if slot.len == EMPTY {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    pub fn contains(&self, w: &str) -> bool {
        self.get(w).is_some()
    }

    /// How many words the table has.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_word_and_no_other() {
        let mut words: Vec<String> = Vec::new();
        for n in 0..=20 {
            for c in [b'a', b'z', b'e'] {
                words.push(String::from_utf8(vec![c; n]).unwrap());
            }
            // The same letters in another order, and one letter changed at each position.
            let base: String = (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            words.push(base.chars().rev().collect());
            for i in 0..n {
                let mut b = base.clone().into_bytes();
                b[i] = b'#';
                words.push(String::from_utf8(b).unwrap());
            }
            words.push(base);
        }
        words.extend(["é", "ħal", "the", "they", "then", "thé", "sept", "septs"].map(String::from));
        words.sort();
        words.dedup();
        // Every other word in the table.
        let inside: Vec<(&str, usize)> = words.iter().step_by(2).enumerate().map(|(i, w)| (w.as_str(), i)).collect();
        let t = WordTable::new(inside.iter().copied());
        assert_eq!(t.len(), inside.len());
        for (w, i) in &inside {
            assert_eq!(t.get(w), Some(*i), "{w:?}");
        }
        for w in words.iter().skip(1).step_by(2) {
            assert_eq!(t.get(w), None, "{w:?}");
        }
        assert_eq!(WordTable::<u8>::default().get("x"), None);
        assert_eq!(WordTable::new([("", 1u8)]).get(""), Some(1));
    }

    #[test]
    fn slots_stay_small() {
        assert_eq!(std::mem::size_of::<Slot<u32>>(), 24);
        assert_eq!(std::mem::size_of::<Slot<u8>>(), 24);
        let only_long = WordTable::new([("a-very-long-word-indeed", 1u8)]);
        assert_eq!((only_long.get("a-very-long-word-indeed"), only_long.get("a")), (Some(1), None));
        assert_eq!(WordTable::<u8>::new([]).get(""), None);
    }

    #[test]
    fn last_value_wins() {
        let t =
            WordTable::new([("day", 1u8), ("day", 2), ("a-very-long-word-indeed", 3), ("a-very-long-word-indeed", 4)]);
        assert_eq!(t.get("day"), Some(2));
        assert_eq!(t.get("a-very-long-word-indeed"), Some(4));
        assert_eq!(t.len(), 2);
    }
}
