//! Descriptive names: "the Old City", "New Town", "Downtown". GeoNames lists such names as the
//! translated or alternate names of many places (Cidade Velha in Cape Verde is "Old City"), but in
//! a report they are nearly always a part of a town the text is about ("the Old City of Aleppo",
//! "In Raqqa, fighters took the Old City"). Such a name is read only where the document already is:
//! in a country its other sure names give, or near one of their places. Otherwise it stays
//! unresolved, and the events stage places it like any unknown name (at the town around it).
//!
//! The words such names are made of are data: `data/gazetteer/descriptive-words.tsv`.

use std::sync::OnceLock;

use super::Context;
use crate::fold::Word;
use crate::gazetteer::{GazetteerError, HashMap};
use crate::Found;

static EMBEDDED: &str = include_str!("../../../../data/gazetteer/descriptive-words.tsv");
const EMBEDDED_FILE: &str = "data/gazetteer/descriptive-words.tsv";

/// What a word of a descriptive name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Describes a part of a town, names none by itself ("old", "upper").
    Qualifier,
    /// The kind of place described ("city", "quarter"); a descriptive name needs one.
    Settlement,
    /// A settlement word that is also a town's own name when alone ("medina": Medina).
    SettlementInPhrase,
}

/// The words descriptive names are made of (`data/gazetteer/descriptive-words.tsv`).
#[derive(Debug, Default)]
pub(crate) struct DescriptiveWords {
    words: HashMap<Box<str>, Kind>,
}

impl DescriptiveWords {
    /// Parse `word<TAB>qualifier|settlement|settlement-in-phrase` lines (`#` comments); errors
    /// name `file` and the line.
    pub(crate) fn parse(text: &str, file: &str) -> Result<DescriptiveWords, GazetteerError> {
        let mut words: HashMap<Box<str>, Kind> = HashMap::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let err = |msg: &str| GazetteerError::Row { file: file.into(), line: n + 1, msg: msg.into() };
            let mut cols = line.split('\t').map(str::trim);
            let (Some(w), Some(kind), None) = (cols.next(), cols.next(), cols.next()) else {
                return Err(err("expected word<TAB>qualifier|settlement|settlement-in-phrase"));
            };
            let kind = match kind {
                "qualifier" => Kind::Qualifier,
                "settlement" => Kind::Settlement,
                "settlement-in-phrase" => Kind::SettlementInPhrase,
                _ => return Err(err("expected the kind qualifier, settlement or settlement-in-phrase")),
            };
            if w.is_empty() || !w.chars().all(|c| c.is_alphabetic() && !c.is_uppercase()) {
                return Err(err("expected one lowercase word"));
            }
            if words.insert(w.into(), kind).is_some() {
                return Err(err("word listed twice"));
            }
        }
        if !words.values().any(|&k| k != Kind::Qualifier) {
            return Err(GazetteerError::Row {
                file: file.into(),
                line: text.lines().count(),
                msg: "no settlement word: no name could be descriptive".into(),
            });
        }
        Ok(DescriptiveWords { words })
    }

    /// The embedded list (checked by a test; were it broken, no name would be descriptive).
    pub(crate) fn embedded() -> &'static DescriptiveWords {
        static W: OnceLock<DescriptiveWords> = OnceLock::new();
        W.get_or_init(|| DescriptiveWords::parse(EMBEDDED, EMBEDDED_FILE).unwrap_or_default())
    }

    /// The words `ws` (articles aside) are only qualifier and settlement words, with at least one
    /// settlement word: "Old City", "Downtown", "the old medina"; not "Medina" alone.
    fn describe(&self, ws: &[Word]) -> bool {
        let mut settlement = false;
        for w in ws.iter().filter(|w| !w.article) {
            match self.words.get(&*w.lower) {
                Some(Kind::Qualifier) => {}
                Some(Kind::Settlement) => settlement = true,
                // (a one-word span; "the Medina" is two words)
                Some(Kind::SettlementInPhrase) => settlement |= ws.len() > 1,
                None => return false,
            }
        }
        settlement
    }
}

/// Within this distance of a sure place of the document, a descriptive name may be read.
const NEAR_KM: f64 = 50.0;

/// The name at `f` is descriptive: only qualifier and settlement words ("Old City", "Downtown").
pub(super) fn is_descriptive(words: &[Word], f: &Found) -> bool {
    let Some(ws) = words.get(f.w0..=f.w1) else { return false };
    DescriptiveWords::embedded().describe(ws)
}

impl Context<'_> {
    /// Place `rec` lies where the document already is, by the sure names of groups other than `g`:
    /// in a country they give weight to, or within [`NEAR_KM`] of one of their places.
    pub(super) fn where_document_is(&self, rec: u32, g: usize) -> bool {
        let r = &self.gaz.recs[rec as usize];
        let own = self.grp_cc.get(&(g, r.cc_id)).copied().unwrap_or(0.0);
        let others = self.ctx_cc.get(&r.cc_id).copied().unwrap_or(0.0) - own;
        (!r.cc.is_empty() && others >= 1.0) || {
            let p = crate::Pt::new(r.lat, r.lon);
            self.sure_pts.iter().any(|(h, q)| *h != g && p.km_within(q, NEAR_KM).is_some_and(|d| d <= NEAR_KM))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DescriptiveWords;

    #[test]
    fn the_embedded_words_parse() {
        let w = DescriptiveWords::parse(super::EMBEDDED, super::EMBEDDED_FILE).expect("descriptive-words.tsv");
        assert!(w.words.len() >= 10);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let bad = [
            ("# kinds\nold\tqualifier\ncity\tsettlement\nuptown\n", 4, "expected word"),
            ("old\tqualifier\nCity\tsettlement\n", 2, "lowercase"),
            ("old\tqualifier\ncity\thamlet\n", 2, "kind"),
            ("old\tqualifier\ncity\tsettlement\nold\tqualifier\n", 3, "twice"),
            ("old\tqualifier\nnew\tqualifier\n", 2, "no settlement word"),
        ];
        for (text, line, what) in bad {
            let e = DescriptiveWords::parse(text, "my-words.tsv").expect_err(text).to_string();
            assert!(e.starts_with(&format!("my-words.tsv:{line}: ")) && e.contains(what), "{text:?}: {e}");
        }
    }
}
