//! Situation summaries: what changed hands, where fighting was reported and political moves in a
//! period, grouped by region (admin1 area, else country). Every sentence cites its sources (report
//! id and sentence), and claims are phrased as claims. Rendered as JSON, Markdown or HTML.

use crate::backend::{event_dates, BResult, Backend, ControlState, EventQuery, Source};
use crate::countries;
use crate::timeline::{self, actor_key};
use chrono::NaiveDate;
use serde::Serialize;
use sitrep_core::record::{ControlStatus, EventRecord, Modality, PlaceRef};
use std::collections::BTreeMap;

mod phrase;
use phrase::{actors, cap, date_words, event_clause, lower_first, phrase, the, when, Clause};

/// A source of one summary sentence. `sentence` is the 0-based index used by the records.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Citation {
    pub report: String,
    pub sentence: usize,
    pub source: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Line {
    pub date: Option<NaiveDate>,
    pub text: String,
    pub modality: Modality,
    pub citations: Vec<Citation>,
    /// Place and day of a change of hands: an event and a control observation of the same
    /// change merge into one sentence.
    #[serde(skip)]
    key: Option<(String, Option<NaiveDate>)>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Section {
    pub region: String,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub places: Vec<String>,
    pub changed_hands: Vec<Line>,
    pub fighting: Vec<Line>,
    pub political: Vec<Line>,
}

impl Section {
    /// The section's line groups with their headings, in reading order.
    pub fn groups(&self) -> [(&'static str, &Vec<Line>); 3] {
        [
            ("What changed hands", &self.changed_hands),
            ("Fighting", &self.fighting),
            ("Political moves", &self.political),
        ]
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub region: Option<String>,
    pub sections: Vec<Section>,
}

fn cite(s: &Source) -> Citation {
    Citation { report: s.report.id.clone(), sentence: s.evidence.sentence, source: s.report.source.clone() }
}

fn state_line(before: Option<&ControlState>, after: &ControlState) -> Line {
    let place = &after.place.name;
    let who = the(&after.controller.name);
    let prev =
        before.filter(|b| actor_key(&b.controller) != actor_key(&after.controller)).map(|b| the(&b.controller.name));
    let clause = match after.status {
        ControlStatus::Contested => {
            let mut sides = vec![after.controller.clone()];
            sides.extend(after.contenders.iter().cloned());
            let all = actors(&sides).unwrap_or_default();
            if after.contenders.is_empty() {
                Clause::sentence(format!("{place} was contested, with {who} holding part of it"))
            } else if after.modality == Modality::Claimed {
                Clause::sentence(format!("{} each claim to hold {place}", cap(&all)))
            } else {
                Clause::sentence(format!("{place} was contested between {all}"))
            }
        }
        ControlStatus::Besieged => Clause::sentence(format!("{place}, held by {who}, was reported besieged")),
        ControlStatus::Controlled => {
            let past = match &prev {
                Some(p) => format!("took {place} from {p}"),
                None => format!("held {place}"),
            };
            Clause { subject: Some(who.clone()), past, ..Clause::sentence(String::new()) }
        }
    };
    let modality = if after.status == ControlStatus::Contested && !after.contenders.is_empty() {
        Modality::Asserted // the claim wording is already in the sentence
    } else {
        after.modality
    };
    let outlet = after.sources.first().and_then(|s| s.report.source.as_deref());
    let mut text = phrase(&clause, modality, None, outlet);
    if let Some(d) = after.since {
        text = format!("On {}, {}", date_words(d), lower_first(&text));
    }
    let mut citations: Vec<Citation> = after.sources.iter().map(cite).collect();
    citations.sort();
    citations.dedup();
    let key = (after.status == ControlStatus::Controlled).then(|| (timeline::place_key(&after.place), after.since));
    Line { date: after.since, text: format!("{text}."), modality: after.modality, citations, key }
}

fn event_line(e: &EventRecord) -> Line {
    let claimant = e.attributed_to.first().map(|a| the(&a.name));
    let mut text = phrase(&event_clause(e), e.modality, claimant, e.report.source.as_deref());
    let date = event_dates(e).map(|x| x.0);
    if let Some(w) = when(e.date.as_ref(), date) {
        text = format!("{w}, {}", lower_first(&text));
    }
    Line {
        date,
        text: format!("{text}."),
        modality: e.modality,
        citations: vec![Citation {
            report: e.report.id.clone(),
            sentence: e.evidence.sentence,
            source: e.report.source.clone(),
        }],
        key: if is_territory(e) { e.place.as_ref().map(|p| (timeline::place_key(p), date)) } else { None },
    }
}

fn is_fighting(e: &EventRecord) -> bool {
    match &e.acled {
        Some(a) => {
            matches!(a.event_type.as_str(), "Battles" | "Explosions/Remote violence" | "Violence against civilians")
        }
        None => e.plover.as_ref().is_some_and(|p| matches!(p.event.as_str(), "ASSAULT" | "COERCE")),
    }
}

fn is_territory(e: &EventRecord) -> bool {
    e.acled.as_ref().is_some_and(|a| {
        matches!(
            a.sub_event_type.as_str(),
            "Government regains territory"
                | "Non-state actor overtakes territory"
                | "Non-violent transfer of territory"
        )
    })
}

fn region_key(p: Option<&PlaceRef>) -> (Option<String>, Option<String>) {
    match p {
        Some(p) => (p.country.clone(), p.admin1.clone()),
        None => (None, None),
    }
}

fn merge_into(lines: &mut Vec<Line>, line: Line) {
    if let Some(l) = lines.iter_mut().find(|l| l.text == line.text || l.key.is_some() && l.key == line.key) {
        // The fuller wording wins ("took X from Y" over "held X").
        if line.text.len() > l.text.len() {
            l.text = line.text;
        }
        l.citations.extend(line.citations);
        l.citations.sort();
        l.citations.dedup();
    } else {
        lines.push(line);
    }
}

/// Builds the summary of `[from, to]`, optionally only for sections matching `region`
/// (a country name or code, an admin1 code, or the name of a place in the section).
pub fn build(b: &dyn Backend, from: NaiveDate, to: NaiveDate, region: Option<&str>) -> BResult<Summary> {
    let obs = b.control_observations(None, Some(to))?;
    let changes = timeline::changes(&obs, from, to);
    let events = b.events(&EventQuery { from: Some(from), to: Some(to), ..Default::default() })?;
    let mut sections: BTreeMap<(Option<String>, Option<String>), Section> = BTreeMap::new();
    let mut places: BTreeMap<(Option<String>, Option<String>), Vec<String>> = BTreeMap::new();
    let mut note_place = |k: &(Option<String>, Option<String>), p: Option<&PlaceRef>| {
        if let Some(p) = p {
            let v = places.entry(k.clone()).or_default();
            if !v.contains(&p.name) {
                v.push(p.name.clone());
            }
        }
    };
    for c in &changes {
        let k = region_key(Some(&c.after.place));
        note_place(&k, Some(&c.after.place));
        let line = state_line(c.before.as_ref(), &c.after);
        merge_into(&mut sections.entry(k).or_default().changed_hands, line);
    }
    for e in &events {
        // Territory events already appear as control changes when control records back them.
        let k = region_key(e.place.as_ref());
        note_place(&k, e.place.as_ref());
        let line = event_line(e);
        let s = sections.entry(k).or_default();
        if is_territory(e) {
            merge_into(&mut s.changed_hands, line);
        } else if is_fighting(e) {
            merge_into(&mut s.fighting, line);
        } else {
            merge_into(&mut s.political, line);
        }
    }
    let mut out = Vec::new();
    for (k, mut s) in sections {
        let ps = places.remove(&k).unwrap_or_default();
        let country = k.0.as_deref().map(countries::name);
        let admin = k.1.as_deref().and_then(|a| b.admin1_name(a));
        s.region = match (&country, &k.1, admin) {
            (Some(c), Some(_), Some(name)) => format!("{c}: {name}"),
            (Some(c), Some(a), None) if !ps.is_empty() => {
                format!("{c}: {} area ({a})", ps[..ps.len().min(3)].join(", "))
            }
            (Some(c), Some(a), None) => format!("{c} ({a})"),
            (Some(c), None, _) => c.clone(),
            _ => "Unlocated".to_string(),
        };
        s.country = k.0.clone();
        s.admin1 = k.1.clone();
        s.places = ps;
        for v in [&mut s.changed_hands, &mut s.fighting, &mut s.political] {
            v.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.text.cmp(&b.text)));
        }
        if let Some(r) = region {
            let r = r.trim().to_lowercase();
            let hit = s.region.to_lowercase().contains(&r)
                || s.country
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(&r) || countries::name(c).to_lowercase() == r)
                || s.admin1.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(&r))
                || s.places.iter().any(|p| p.to_lowercase() == r);
            if !hit {
                continue;
            }
        }
        out.push(s);
    }
    Ok(Summary { from, to, region: region.map(str::to_string), sections: out })
}

fn cites_text(c: &[Citation]) -> String {
    let parts: Vec<String> = c.iter().map(|c| format!("{}, sentence {}", c.report, c.sentence + 1)).collect();
    format!("[{}]", parts.join("; "))
}

/// Markdown; citations are `[report-id, sentence N]` with sentences counted from 1.
pub fn markdown(s: &Summary) -> String {
    let mut o = format!("# Situation summary, {} to {}\n\n", date_words(s.from), date_words(s.to));
    if s.sections.is_empty() {
        o.push_str("Nothing was reported in this period.\n");
    }
    for sec in &s.sections {
        o.push_str(&format!("## {}\n\n", md_escape(&sec.region)));
        for (title, lines) in sec.groups() {
            if lines.is_empty() {
                continue;
            }
            o.push_str(&format!("### {title}\n\n"));
            for l in lines {
                o.push_str(&format!("- {} {}\n", md_escape(&l.text), md_escape(&cites_text(&l.citations))));
            }
            o.push('\n');
        }
    }
    o.push_str("Sources are cited as [report id, sentence number]. Place data: GeoNames (CC BY 4.0).\n");
    o
}

fn md_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(ch, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            o.push('\\');
        }
        o.push(ch);
    }
    o
}

/// Escapes text for HTML element content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// A standalone HTML page; all text is escaped.
pub fn html(s: &Summary) -> String {
    let title = format!("Situation summary, {} to {}", date_words(s.from), date_words(s.to));
    let mut o = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head><body>\n<h1>{t}</h1>\n",
        t = html_escape(&title)
    );
    if s.sections.is_empty() {
        o.push_str("<p>Nothing was reported in this period.</p>\n");
    }
    for sec in &s.sections {
        o.push_str(&format!("<section>\n<h2>{}</h2>\n", html_escape(&sec.region)));
        for (title, lines) in sec.groups() {
            if lines.is_empty() {
                continue;
            }
            o.push_str(&format!("<h3>{title}</h3>\n<ul>\n"));
            for l in lines {
                let cites: Vec<String> = l
                    .citations
                    .iter()
                    .map(|c| {
                        format!(
                            "<cite data-report=\"{}\" data-sentence=\"{}\">{}, sentence {}</cite>",
                            html_escape(&c.report),
                            c.sentence,
                            html_escape(&c.report),
                            c.sentence + 1
                        )
                    })
                    .collect();
                o.push_str(&format!(
                    "<li class=\"{}\">{} [{}]</li>\n",
                    l.modality.as_str(),
                    html_escape(&l.text),
                    cites.join("; ")
                ));
            }
            o.push_str("</ul>\n");
        }
        o.push_str("</section>\n");
    }
    o.push_str("<footer>Sources are cited as report id and sentence number. Place data: GeoNames (CC BY 4.0).</footer>\n</body></html>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{d, demo};
    use crate::memory::MemBackend;

    #[test]
    fn demo_summary_phrases_claims_and_cites_every_sentence() {
        let b = MemBackend::with(demo());
        let s = build(&b, d("2017-11-01"), d("2017-11-30"), None).unwrap();
        let md = markdown(&s);
        assert!(md.contains("the Syrian Democratic Forces say they took Abu Kamal"), "{md}");
        assert!(md.contains("the Syrian Arab Army says it took Deir ez-Zor from the Islamic State"), "{md}");
        assert!(md.contains("the Iraqi Security Forces took Al Qa'im from the Islamic State"), "{md}");
        assert!(!md.contains("held Al Qa'im"), "an event and an observation of one change merge: {md}");
        for sec in &s.sections {
            for l in sec.changed_hands.iter().chain(&sec.fighting).chain(&sec.political) {
                assert!(!l.citations.is_empty(), "{}", l.text);
            }
        }
        assert!(md.contains("expected to hold talks"), "{md}");
        assert!(md.contains("the Military Forces of Turkey did not shell civilians"), "{md}");
        let only = build(&b, d("2017-11-01"), d("2017-11-30"), Some("Afrin")).unwrap();
        assert_eq!(only.sections.len(), 1);
        let h = html(&only);
        assert!(!h.contains("<script>") && !h.contains("<b>"));
    }
}
