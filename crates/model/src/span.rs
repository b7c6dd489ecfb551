//! Byte spans: the one currency between pipeline stages (as in spaCy's Doc/Span).

use serde::{Deserialize, Serialize};

/// A half-open `[start, end)` range of UTF-8 byte offsets into a report's text.
/// Serialized as a two-element array, as DESIGN.md's schema v1 requires.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "[usize; 2]", into = "[usize; 2]")]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

// Small and called per token by every stage (in other crates): `#[inline]` lets them inline
// across crates without LTO.
impl Span {
    #[inline]
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    #[inline]
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// The text this span covers. Panics only if the span was not made for `text`.
    #[inline]
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
    #[inline]
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    #[inline]
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The smallest span covering both.
    #[inline]
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<[usize; 2]> for Span {
    fn from(a: [usize; 2]) -> Self {
        Span::new(a[0], a[1])
    }
}

impl From<Span> for [usize; 2] {
    fn from(s: Span) -> Self {
        [s.start, s.end]
    }
}
