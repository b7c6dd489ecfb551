//! The country of an unnamed state actor ("government forces", "the army", "regime forces", "the
//! authorities") that neither its own words ("Syrian government forces") nor coreference to an
//! earlier named actor gave one. In order:
//!
//! 1. the places its sentence is about, then those of its paragraph;
//! 2. the report's main country: the one its places and actors name most;
//! 3. only then the dateline, which names where the writer files from (Beirut, Amman, Istanbul
//!    and Erbil bureaux cover Syria and Iraq), not whose government acts.
//!
//! Geoparsed places are noisy (a word that is also a village somewhere), so a sentence's places
//! name another country than the report's main one only with support: the sentence (paragraph)
//! names that country, its people or an actor of it ("In Iraq, government forces repelled an
//! attack on Haditha"), or two of its places. If the main country's places are there, it wins.
//! Places in the dateline, lower-case words and halves of compounds ("UK-based") say nothing.
//!
//! An official named by title alone ("the prime minister") keeps the older rule: the country the
//! report's actors name most, then the dateline. Without the places stage ([`ActorTagger::tag`])
//! the places are the countries and capitals the tagger itself read as places ("in Syria").

use super::{ActorTagger, Cand};
use crate::coref::Want;
use crate::units::Unit;
use crate::{Actor, MentionKind, PlaceCountry};
use rustc_hash::FxHashMap as HashMap;
use sitrep_model::calendar::is_month_name;
use sitrep_model::{Doc, Span};
use std::borrow::Cow;

/// A country named by a place or an actor: its ISO3 (the lexicon's own string when it has the
/// country: no copy per mention), sentence and paragraph.
struct Where<'a> {
    country: Cow<'a, str>,
    sentence: usize,
    paragraph: usize,
}

/// How far the head of a report may reach for a wire dateline (bytes).
const HEAD: usize = 600;

/// The wire dateline at the head of a report, as a byte span of the text: "BEIRUT, March 4
/// (Reuters) -", "ERBIL, Iraq —", "Damascus, SANA –", "Beirut- ". A title-case place needs a
/// date, an agency or a dash glued to it to be told from a headline ("Syria Summary - …").
pub(crate) fn dateline(text: &str) -> Option<Span> {
    let mut off = 0;
    let mut lines = 0;
    for line in text.split_inclusive('\n') {
        if off >= HEAD || lines >= 3 {
            break;
        }
        let lead = line.len() - line.trim_start().len();
        let t = line.trim();
        if !t.is_empty() {
            lines += 1;
            if let Some(end) = wire_prefix(t) {
                return Some(Span::new(off + lead, off + lead + end));
            }
        }
        off += line.len();
    }
    None
}

/// The length of a dateline at the start of `line`, up to and including its dash.
fn wire_prefix(line: &str) -> Option<usize> {
    let (p, dash) = line.char_indices().take_while(|&(i, _)| i <= 100).find(|&(i, ch)| match ch {
        '—' | '–' => true,
        '-' => line[i + 1..].starts_with(' ') || line[i + 1..].starts_with('-'),
        _ => false,
    })?;
    let prefix = line[..p].trim_end();
    let glued = prefix.len() == p; // "Beirut- "
    let words: Vec<&str> = prefix
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '.' | ':')))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 10 {
        return None;
    }
    let capital_or_digit = |w: &&str| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !words.iter().all(capital_or_digit) || !prefix.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let all_caps = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !w.chars().any(char::is_lowercase);
    let first_caps = all_caps(words[0]);
    let agency = prefix.contains('(') && prefix.contains(')');
    let dated = words.iter().any(|w| w.starts_with(|c: char| c.is_ascii_digit()) || is_month_name(&w.to_lowercase()));
    // "Damascus, SANA –": an agency in capitals after a comma.
    let caps_after_comma = prefix.split(',').skip(1).any(|part| all_caps(part.trim()));
    let ok = agency || dated || caps_after_comma || (first_caps && words.len() <= 4) || (glued && words.len() == 1);
    ok.then(|| p + dash.len_utf8())
}

/// A place in capitals near the head of a report that runs on without punctuation ("Aug 01 2016
/// BEIRUT A Russian helicopter…"): a dateline too.
fn caps_head(text: &str, span: Span) -> bool {
    if span.start >= 150 {
        return false;
    }
    let Some(s) = text.get(span.start..span.end) else { return false };
    let letters = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count();
    let caps = |w: &str| !w.chars().any(char::is_lowercase);
    // …followed by a sentence in ordinary case, not a headline in capitals ("SYRIA ACCUSES…").
    let after = text.get(span.end..).unwrap_or("");
    if after.starts_with(['\'', '’']) {
        return false; // "AMERICA'S favourite …"
    }
    let next = after.split_whitespace().next().unwrap_or("");
    letters(s) >= 4 && caps(s) && !(letters(next) >= 2 && caps(next))
}

/// Whether a byte span lies in the dateline (the wire dateline if there is one).
pub(crate) fn in_dateline(text: &str, dl: Option<Span>, span: Span) -> bool {
    match dl {
        Some(d) => span.start >= d.start && span.end <= d.end,
        None => caps_head(text, span),
    }
}

/// Byte span of a candidate.
pub(super) fn cand_span(u: &[Unit], c: &Cand) -> Span {
    let start = u.get(c.start).map_or(0, |x| x.start);
    let end = u.get(c.end.saturating_sub(1)).map_or(start, |x| x.end);
    Span::new(start, end.max(start))
}

/// The country named most often in `counts` among those `ok` accepts, if it leads alone (with at
/// least `min` mentions unless it is the only one).
fn lead<'a>(counts: &HashMap<&'a str, usize>, ok: impl Fn(&str) -> bool, min: usize) -> Option<&'a str> {
    let mut ranked: Vec<(&str, usize)> = counts.iter().filter(|(k, _)| ok(k)).map(|(k, n)| (*k, *n)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    match ranked.as_slice() {
        [(c, _)] => Some(c),
        [(c, n), (_, m), ..] if n > m && *n >= min => Some(c),
        _ => None,
    }
}

/// Whether a place found by the places stage tells where its sentence is: a proper name (not a
/// word of a lower-case text that happens to name a village) that is not half of a compound
/// ("UK-based monitor", "US-led coalition").
fn tells_where(text: &str, span: Span) -> bool {
    let name = text.get(span.start..span.end).unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    let compound = after.strip_prefix('-').is_some_and(|t| t.starts_with(char::is_alphabetic));
    name.starts_with(char::is_uppercase) && !compound
}

impl ActorTagger {
    /// ISO3 of a country code given as ISO3 or ISO2.
    fn iso3_of<'a>(&'a self, code: &str) -> Option<&'a str> {
        match code.len() {
            3 => self.country_by_iso.get(code).map(|&i| self.countries[i].iso3.as_str()),
            2 => self.country_by_iso2.get(code).map(|&i| self.countries[i].iso3.as_str()),
            _ => None,
        }
    }

    /// `iso3` as the lexicon's own string, when the lexicon has the country.
    fn iso3_str<'a>(&'a self, iso3: &str) -> Cow<'a, str> {
        match self.country_by_iso.get(iso3) {
            Some(&i) => Cow::Borrowed(self.countries[i].iso3.as_str()),
            None => Cow::Owned(iso3.to_string()),
        }
    }

    /// Give unnamed state actors left without a country by coreference (and officials named by
    /// title alone) a country; see the module documentation for the order.
    pub(super) fn fallback_country(&self, cands: &mut [Cand], doc: &Doc, places: &[PlaceCountry]) {
        let dl = dateline(doc.text);
        let para_of = |s: usize| doc.sentences.get(s).map_or(0, |x| x.paragraph);
        let sentence_of = |at: usize| doc.sentences.partition_point(|x| x.span.end <= at);
        // Where the report is, and where it was filed from.
        let mut here: Vec<Where> = Vec::new();
        let mut filed: Option<String> = None;
        if places.is_empty() {
            for c in cands.iter().filter(|c| !c.drop && c.whole_country) {
                let Some(k) = c.actor.country.as_deref() else { continue };
                if c.dateline {
                    filed.get_or_insert_with(|| k.to_string());
                } else if c.locative {
                    here.push(Where { country: self.iso3_str(k), sentence: c.sentence, paragraph: c.paragraph });
                }
            }
        } else {
            for p in places {
                let Some(k) = self.iso3_of(&p.country) else { continue };
                if in_dateline(doc.text, dl, p.span) {
                    filed.get_or_insert_with(|| k.to_string());
                } else if tells_where(doc.text, p.span) {
                    let s = sentence_of(p.span.start);
                    here.push(Where { country: Cow::Borrowed(k), sentence: s, paragraph: para_of(s) });
                }
            }
            if filed.is_none() {
                filed = cands.iter().find(|c| c.dateline).and_then(|c| c.actor.country.clone());
            }
        }
        // The report's country: the one its places and actors name most (the dateline aside).
        let mut named: Vec<Where> = Vec::new();
        for c in cands.iter() {
            if c.want.is_none() && !c.drop && !c.dateline {
                if let Some(k) = c.actor.country.as_deref() {
                    named.push(Where { country: self.iso3_str(k), sentence: c.sentence, paragraph: c.paragraph });
                }
            }
        }
        // (`lead` ranks by count, then name: the maps' order does not matter)
        let mut counts: HashMap<&str, usize> = HashMap::default();
        for w in named.iter().chain(&here) {
            *counts.entry(&w.country).or_default() += 1;
        }
        let main = lead(&counts, |_| true, 2).map(str::to_string);
        // An official named by title alone: the country the report's actors name most, as
        // before places were read (officials often speak for another country than the places').
        let mut by_actor: HashMap<&str, usize> = HashMap::default();
        for w in &named {
            *by_actor.entry(&w.country).or_default() += 1;
        }
        let main_actor = lead(&by_actor, |_| true, 2).map(str::to_string);
        // The actor a candidate had before this pass changed it (`Some` exactly when it did).
        let mut before: Vec<Option<Actor>> = vec![None; cands.len()];
        for idx in 0..cands.len() {
            let c = &cands[idx];
            if c.drop {
                continue;
            }
            if let Some(j) = c.antecedent {
                // A description or pronoun resolved to an unnamed state actor shares its country.
                if before.get(j).is_some_and(|b| b.as_ref() == Some(&c.actor)) {
                    let new = cands[j].actor.clone();
                    before[idx] = Some(std::mem::replace(&mut cands[idx].actor, new));
                }
                continue;
            }
            let official =
                c.kind == MentionKind::Official && c.person && c.actor.country.is_none() && c.actor.id.is_none();
            let state = matches!(c.want, Some(Want::Gov | Want::GovArmy | Want::Army));
            if !official && !state {
                continue;
            }
            if official {
                let Some(k) = main_actor.clone().or_else(|| filed.clone()) else { continue };
                let sector = c.actor.sector.clone().unwrap_or_else(|| "GOV".into());
                let head = c.actor.name.clone();
                cands[idx].actor = self.composed(Some(&k), &sector, &head);
                continue;
            }
            // The places of its sentence, then paragraph, when they are in another country than
            // the report's: one the sentence (paragraph) names as a country, its people or an
            // actor of it, or two of its places there, not a lone town that may be a namesake.
            let mut found: Option<String> = None;
            for level in 0..2 {
                let at = |w: &&Where| if level == 0 { w.sentence == c.sentence } else { w.paragraph == c.paragraph };
                let mut local: HashMap<&str, usize> = HashMap::default();
                for w in here.iter().filter(at) {
                    *local.entry(&w.country).or_default() += 1;
                }
                let supported = |k: &str| {
                    main.is_none()
                        || local.get(k).is_some_and(|&n| n >= 2)
                        || named.iter().filter(at).any(|w| w.country == k)
                };
                found = match main.as_deref() {
                    Some(m) if local.contains_key(m) => Some(m.to_string()),
                    _ => lead(&local, supported, 1).map(str::to_string),
                };
                if found.is_some() {
                    break;
                }
            }
            let Some(k) = found.or_else(|| main.clone()).or_else(|| filed.clone()) else { continue };
            let sector = c.actor.sector.clone().unwrap_or_else(|| "GOV".into());
            let head = c.actor.name.clone();
            let new = self.state_actor(&k, &sector, &head);
            before[idx] = Some(std::mem::replace(&mut cands[idx].actor, new));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{dateline, in_dateline};
    use sitrep_model::Span;

    #[test]
    fn wire_datelines() {
        let cases = [
            ("BEIRUT, March 4 (Wire) - Government forces …", Some("BEIRUT, March 4 (Wire) -")),
            ("ERBIL, Iraq, Oct. 20 (Wire) — Troops …", Some("ERBIL, Iraq, Oct. 20 (Wire) —")),
            ("KYIV —Ukraine said …", Some("KYIV —")),
            ("Damascus, SANA – The army …", Some("Damascus, SANA –")),
            ("Beirut- Rebels said …", Some("Beirut-")),
            ("Title of the piece\n\nAMMAN (Wire) - Text.", Some("AMMAN (Wire) -")),
            // Headlines and sentences are not datelines.
            ("Syria Weekly - Fighting Resumes\n\nGovernment forces attacked.", None),
            ("Syria attack symptoms - officials", None),
            ("The army took Hama - a key city - on Monday.", None),
            ("", None),
        ];
        for (text, want) in cases {
            let got = dateline(text).map(|s| &text[s.start..s.end]);
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn capitals_at_the_head() {
        let at = |text: &str, word: &str| {
            let i = text.find(word).unwrap_or(0);
            in_dateline(text, dateline(text), Span::new(i, i + word.len()))
        };
        assert!(at("Updated Aug 01 2016 BEIRUT A Russian helicopter was shot down.", "BEIRUT"));
        assert!(!at("Updated Aug 01 2016 BEIRUT AND MOSCOW AGREE ON TRUCE", "BEIRUT"));
        assert!(!at("HOMS, Syria (Wire) -- ITALY'S envoy arrived in Homs.", "ITALY"));
        assert!(at("HOMS, Syria (Wire) -- Italy's envoy arrived in Homs.", "Syria"));
        assert!(!at("Italy's envoy arrived in Homs. BEIRUT was calm.", "Homs"));
    }
}
