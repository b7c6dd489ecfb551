//! An event at several listed places is one event at each ("retook X and Y", "struck X, Y and
//! Z"): ACLED codes one event per place, and each place changes hands on its own.

use super::control::is_admin;
use super::{Cx, Location};
use sitrep_model::record::{stable_id, ControlRecord, EventRecord};

impl Cx<'_> {
    /// The copies of `ev` (and of its control fact `ctl`) at the places listed after its own in
    /// the clause; none for a stretch between two places ("on the road between X and Y").
    pub(super) fn at_listed_places(
        &self,
        s: usize,
        te: usize,
        ev: &EventRecord,
        ctl: Option<&ControlRecord>,
    ) -> Vec<(EventRecord, Option<ControlRecord>)> {
        // (fighting, violence, protests and captures happen at each place; a deal or a statement
        // is one event wherever it applies)
        let per_place = ev.acled.as_ref().is_some_and(|a| {
            a.event_type != "Strategic developments" || a.sub_event_type == "Non-violent transfer of territory"
        });
        let Some(place) = ev.place.as_ref().filter(|_| per_place) else { return Vec::new() };
        let Some(span) = place.span else { return Vec::new() };
        let Some(i) = (0..self.place_toks.len()).find(|&i| self.pl(i).span == span) else { return Vec::new() };
        let (ps, _) = self.place_toks[i];
        // (a place inherited from an earlier sentence lists nothing here)
        if !self.sent_range(s).contains(&ps) || (ps > 0 && matches!(self.w(ps - 1), "between" | "from")) {
            return Vec::new();
        }
        let ce = self.clause_end(s, te.max(ps));
        let first = Location { mention: Some(i), place: place.clone(), inherited: false, unplaced: false, score: 0 };
        // (names the gazetteer does not know are listed too, with the first place's coordinates)
        self.listed_places(&first, self.place_toks[i].1, ce)
            .into_iter()
            .map(|mut l| {
                // ("near X and Y": each as near as the first)
                l.place.precision = l.place.precision.max(place.precision);
                let at = l.place.span.map_or(0, |sp| sp.start);
                let copy = EventRecord {
                    id: stable_id(&[&ev.id, &at.to_string()]),
                    place: Some(l.place.clone()),
                    ..ev.clone()
                };
                // (an unknown name borrows its coordinates: no control fact)
                let held = ctl
                    .filter(|_| l.mention.is_some() && (l.place.precision < 3 || is_admin(&l.place)))
                    .map(|c| ControlRecord { place: l.place.clone(), ..c.clone() });
                (copy, held)
            })
            .collect()
    }
}
