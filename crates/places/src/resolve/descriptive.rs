//! Descriptive names: "the Old City", "New Town", "Downtown". GeoNames lists such names as the
//! translated or alternate names of many places (Cidade Velha in Cape Verde is "Old City"), but in
//! a report they are nearly always a part of a town the text is about ("the Old City of Aleppo",
//! "In Raqqa, fighters took the Old City"). Such a name is read only where the document already is:
//! in a country its other sure names give, or near one of their places. Otherwise it stays
//! unresolved, and the events stage places it like any unknown name (at the town around it).

use super::Context;
use crate::distance_km;
use crate::fold::Word;
use crate::Found;

/// The words descriptive names are made of; a name made only of these (and at least one
/// settlement word) describes a part of a town.
const QUALIFIERS: &[&str] = &["old", "new", "upper", "lower", "inner", "outer", "central", "historic"];
const SETTLEMENT: &[&str] = &["city", "town", "quarter", "centre", "center", "downtown", "medina"];

/// Within this distance of a sure place of the document, a descriptive name may be read.
const NEAR_KM: f64 = 50.0;

/// The name at `f` is descriptive: only qualifier and settlement words ("Old City", "Downtown").
pub(super) fn is_descriptive(words: &[Word], f: &Found) -> bool {
    let Some(ws) = words.get(f.w0..=f.w1) else { return false };
    let mut settlement = false;
    for w in ws.iter().filter(|w| !w.article) {
        let lower: &str = &w.lower;
        if SETTLEMENT.contains(&lower) {
            settlement = true;
        } else if !QUALIFIERS.contains(&lower) {
            return false;
        }
    }
    // ("Medina" alone is the Saudi city)
    settlement && !(ws.len() == 1 && &*ws[0].lower == "medina")
}

impl Context<'_> {
    /// Place `rec` lies where the document already is, by the sure names of groups other than `g`:
    /// in a country they give weight to, or within [`NEAR_KM`] of one of their places.
    pub(super) fn where_document_is(&self, rec: u32, g: usize) -> bool {
        let r = &self.gaz.recs[rec as usize];
        let own = self.grp_cc.get(&(g, r.cc_id)).copied().unwrap_or(0.0);
        let others = self.ctx_cc.get(&r.cc_id).copied().unwrap_or(0.0) - own;
        (!r.cc.is_empty() && others >= 1.0)
            || self.sure_pts.iter().any(|&(h, la, lo)| h != g && distance_km(r.lat, r.lon, la, lo) <= NEAR_KM)
    }
}
