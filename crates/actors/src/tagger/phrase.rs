//! The noun-phrase parser: determiner, premodifiers, names (countries, groups, actors), qualifiers
//! and a head noun, composed into candidate mentions ("the Iraqi government troops").

use super::words::{DEFINITE, DETERMINERS, NAME_PARTICLES};
use super::{display_name, ActorTagger, Cand, ModItem, Shouting, TKind};
use crate::coref::Want;
use crate::lexicon::{CueKind, NounRole};
use crate::units::Unit;
use crate::{Actor, MentionKind};
use sitrep_model::calendar::is_day_or_month;

impl ActorTagger {
    /// Parse the noun phrase starting at unit `i`. Returns the candidates and the next unit.
    pub(super) fn parse_at(
        &self,
        u: &[Unit],
        i: usize,
        s_start: usize,
        e: usize,
        shouting: &Shouting,
    ) -> Option<(Vec<Cand>, usize)> {
        let sentence = u[i].sentence;
        let mut j = i;
        let det = if DETERMINERS.contains(&u[i].norm_str()) {
            j += 1;
            Some(u[i].norm_str())
        } else {
            None
        };
        let np_start = i;
        let premod_start = j;
        while let Some((end, rows)) = self.noun_at(u, j, e) {
            if self.noun_has(rows, NounRole::Premod) {
                j = end;
            } else {
                break;
            }
        }
        let mods_start = j;
        let mut mods: Vec<ModItem> = Vec::new();
        let mut conj = false;
        while j < e && u[j].word {
            if u[j].hyphen_before && j > 0 && u[j - 1].norm == "anti" {
                break;
            }
            let mut pro = false;
            let mut at = j;
            if u[j].norm == "pro"
                && j + 1 < e
                && u[j + 1].hyphen_before
                && self.match_at(u, j + 1, e, shouting).is_some()
            {
                pro = true;
                at = j + 1;
            }
            let Some((mut end, ts)) = self.match_at(u, at, e, shouting) else { break };
            let mut item = self.item(j, end, ts);
            item.backer = pro;
            item.conj = std::mem::take(&mut conj);
            if end < e && u[end].word && !u[end - 1].possessive {
                if u[end].hyphen_before {
                    match self.noun_at(u, end, end + 1) {
                        Some((n, rows)) if self.noun_has(rows, NounRole::Proxy) => {
                            item.backer = true;
                            end = n;
                        }
                        Some((n, rows)) if self.noun_has(rows, NounRole::Lead) => {
                            item.led = true;
                            end = n;
                        }
                        _ => item.hyphen_tail = true,
                    }
                } else if matches!(u[end].norm_str(), "proxy" | "proxies") && item.actor.is_none() {
                    item.backer = true;
                    // "proxy" is both the qualifier and, in "U.S. proxies", the head.
                    if u[end].norm == "proxy" {
                        end += 1;
                    }
                }
            }
            item.end = end;
            j = end;
            let stop = item.hyphen_tail || u[end - 1].possessive && item.actor.is_some();
            mods.push(item);
            if stop {
                break;
            }
            // "The Iraqi and Syrian forces", "U.S. and Iraqi officials"
            if j + 1 < e && matches!(u[j].norm_str(), "and" | "," | "or") {
                if let Some((_, ts2)) = self.match_at(u, j + 1, e, shouting) {
                    let it2 = self.item(j + 1, j + 2, ts2);
                    if it2.adj && item.adj && item.actor.is_none() {
                        j += 1;
                        conj = true;
                        continue;
                    }
                }
            }
            // "Lebanese Hizbullah", "Iraqi Kurds", "Turkish-backed FSA": an adjective before a
            // named actor or a group.
            if (item.adj || item.backer) && item.actor.is_none() && item.group.is_none() {
                if let Some((_, ts2)) = self.match_at(u, j, e, shouting) {
                    let it2 = self.item(j, j + 1, ts2);
                    if it2.actor.is_some() || it2.group.is_some() || (item.backer && it2.country.is_some()) {
                        continue;
                    }
                }
            }
            break;
        }
        if i > 0 && u[i].hyphen_before && mods.first().is_some_and(|m| m.start == i) {
            // "Syrian-Turkish border": the second half of a compound is not an actor.
            if let Some(m) = mods.first_mut() {
                m.hyphen_tail = true;
            }
        }
        while let Some((end, rows)) = self.noun_at(u, j, e) {
            if self.noun_has(rows, NounRole::Premod) && !rows.iter().any(|&r| self.nouns[r].role.is_head()) {
                j = end;
            } else {
                break;
            }
        }
        // Qualifiers and the head noun.
        let mut voc: Vec<(usize, usize, Vec<usize>)> = Vec::new();
        if !mods.last().is_some_and(|m| m.hyphen_tail) {
            while let Some((end, rows)) = self.noun_at(u, j, e) {
                let useful: Vec<usize> = rows
                    .iter()
                    .copied()
                    .filter(|&r| self.nouns[r].role.is_head() || self.nouns[r].role == NounRole::Qual)
                    .collect();
                if useful.is_empty() {
                    break;
                }
                voc.push((j, end, useful));
                j = end;
                if u[end - 1].possessive {
                    break;
                }
            }
        }
        while voc.last().is_some_and(|(_, _, rows)| !rows.iter().any(|&r| self.nouns[r].role.is_head())) {
            voc.pop();
        }
        if let Some((_, he, rows)) = voc.last().cloned() {
            // "rebel-held", "government-controlled": the noun is half of a compound adjective;
            // "the intelligence apparatus", "army positions": it modifies another noun.
            if mods.is_empty()
                && he < e
                && u[he].word
                && (u[he].hyphen_before || (!u[he].cap && self.cue_u(&u[he], CueKind::ModNoun)))
            {
                return Some((vec![], he));
            }
            let head_row =
                [NounRole::Person, NounRole::Force, NounRole::Org, NounRole::Group, NounRole::People, NounRole::Named]
                    .iter()
                    .find_map(|role| rows.iter().copied().find(|&r| self.nouns[r].role == *role))?;
            let quals: Vec<usize> = voc[..voc.len() - 1].iter().flat_map(|(_, _, rs)| rs.iter().copied()).collect();
            return self.with_head(
                u,
                HeadCtx {
                    np_start,
                    det,
                    premod_start,
                    mods_start,
                    mods: &mods,
                    voc_start: voc[0].0,
                    head_end: he,
                    head_row,
                    quals: &quals,
                    e,
                    sentence,
                },
            );
        }
        // No head noun.
        let first = *mods.first()?;
        let adjs_then_actor =
            mods.iter().position(|m| m.actor.is_some()).filter(|&p| mods[..p].iter().all(|m| m.adj && !m.name));
        if let Some(p) = adjs_then_actor {
            let m = mods[p];
            let row = &self.actors[m.actor?];
            let mut c = Cand::new(first.start, m.end, row.actor.clone(), MentionKind::Lexicon, sentence);
            c.modifier = m.hyphen_tail || self.is_modifier_at(u, m.end, e);
            if row.person {
                c.person = true;
                c.plural = Some(false);
            }
            return Some((vec![c], m.end));
        }
        if let Some(g) = mods.iter().find(|m| m.group_name) {
            let grp = &self.groups[g.group?];
            let country = mods
                .iter()
                .find_map(|m| m.country.filter(|_| m.adj))
                .map(|c| self.countries[c].iso3.clone())
                .or_else(|| grp.country.clone());
            let text_name = u[first.start..g.end].iter().map(|x| x.norm_str()).collect::<Vec<_>>().join(" ");
            let mut actor = self.composed(country.as_deref(), &grp.people, &text_name);
            actor.name = display_name(u, first.start, g.end);
            if country.is_none() {
                actor.id = Some(grp.id.clone());
            }
            let mut c = Cand::new(first.start, g.end, actor, MentionKind::Composed, sentence);
            c.plural = Some(true);
            return Some((vec![c], g.end));
        }
        let next = first.end;
        if let Some(c) = first.country {
            let name_start = if det.is_some() { np_start } else { first.start };
            if first.name || first.capital {
                let metonym = self.is_metonym(u, name_start, first.end, s_start, e);
                if metonym {
                    let mut c = Cand::new(first.start, first.end, self.government(c), MentionKind::Metonym, sentence);
                    c.plural = Some(false);
                    return Some((vec![c], next));
                }
                if !first.name {
                    // A capital as a place ("talks in Amman"): kept as a locative mention of the
                    // country, which the event stage does not read as an actor.
                    let mut cand =
                        Cand::new(first.start, first.end, self.country_actor(c), MentionKind::Lexicon, sentence);
                    cand.plural = Some(false);
                    cand.whole_country = true;
                    cand.locative = true;
                    return Some((vec![cand], next));
                }
                // "Mount Lebanon", "Greater Syria": a capitalized word before the name makes it
                // part of another name.
                if det.is_none() && first.start > s_start && !first.backer {
                    let p = &u[first.start - 1];
                    let sentence_initial = first.start - 1 == s_start;
                    if p.word
                        && p.cap
                        && !p.possessive
                        && !sentence_initial
                        && !is_day_or_month(p.norm_str())
                        && self.match_at(u, first.start - 1, e, shouting).is_none()
                        && self.noun_at(u, first.start - 1, e).is_none()
                    {
                        return Some((vec![], next));
                    }
                }
                let mut cand = Cand::new(first.start, first.end, self.country_actor(c), MentionKind::Lexicon, sentence);
                cand.plural = Some(false);
                cand.whole_country = true;
                cand.modifier = first.hyphen_tail || first.backer || self.is_modifier_at(u, first.end, e);
                cand.locative = name_start > s_start && self.cue_u(&u[name_start - 1], CueKind::Locative);
                return Some((vec![cand], next));
            }
            if first.people {
                let mut actor = self.composed(Some(&self.countries[c].iso3), "CVL", "civilians");
                actor.name = display_name(u, first.start, first.end);
                let mut cand = Cand::new(first.start, first.end, actor, MentionKind::Composed, sentence);
                cand.plural = Some(true);
                return Some((vec![cand], next));
            }
            if first.adj && !first.hyphen_tail && self.is_modifier_at(u, first.end, e) {
                // "Israeli air raids", "French mediation": the country is involved, as a modifier.
                let mut cand = Cand::new(first.start, first.end, self.country_actor(c), MentionKind::Lexicon, sentence);
                cand.plural = Some(false);
                cand.whole_country = true;
                cand.modifier = true;
                return Some((vec![cand], next));
            }
            return Some((vec![], next));
        }
        if let Some(a) = first.actor {
            let mut c = Cand::new(first.start, first.end, self.actors[a].actor.clone(), MentionKind::Lexicon, sentence);
            if self.actors[a].person {
                c.person = true;
                c.plural = Some(false);
            }
            c.modifier = first.hyphen_tail || first.backer || self.is_modifier_at(u, first.end, e);
            return Some((vec![c], next));
        }
        Some((vec![], next))
    }

    fn with_head(&self, u: &[Unit], h: HeadCtx) -> Option<(Vec<Cand>, usize)> {
        let row = &self.nouns[h.head_row];
        let role = row.role;
        let head_sector = row.sector.clone().unwrap_or_else(|| "UAF".into());
        let person = role == NounRole::Person;
        // Sector: a qualifier can override a person head ("intelligence official" = SPY) and
        // turn forces into rebels, police or militias ("rebel forces", "police units").
        let qual_sector = h.quals.iter().rev().find_map(|&q| {
            let n = &self.nouns[q];
            // "border patrol agents", "army officers": a force before a person head counts too.
            let counts = n.role == NounRole::Qual || (person && n.role == NounRole::Force);
            counts.then_some(n.sector.clone()).flatten()
        });
        let mut sector = head_sector.clone();
        if let Some(q) = &qual_sector {
            if person {
                sector = q.clone();
            } else if role == NounRole::Force {
                match q.as_str() {
                    "REB" | "OPP" => sector = "REB".into(),
                    "UAF" | "COP" | "SPY" => sector = q.clone(),
                    _ => {}
                }
            }
        }
        if role == NounRole::Force
            && h.quals.iter().any(|&q| {
                let n = &self.nouns[q];
                n.role == NounRole::Qual && (n.phrase.starts_with("pro") || n.phrase == "loyalist")
            })
        {
            sector = "UAF".into();
        }
        if person && h.mods.is_empty() && u[h.head_end - 1].possessive && u[h.head_end - 1].cap {
            return None; // "King's College", "President's Cup"
        }
        let mut end = h.head_end;
        if person {
            end = self.person_name_end(u, end, h.e);
            // "Russian President Vladimir Putin", "Prime Minister Benjamin Netanyahu": the named
            // person from the lexicon.
            let mut k = h.head_end;
            while k < end {
                if let Some((e2, ts)) = self.match_at(u, k, end, &Shouting::no()) {
                    if let Some(t) = ts.iter().find(|t| t.kind == TKind::Actor && self.actors[t.idx].person) {
                        let start = if h.mods.is_empty() { h.premod_start } else { h.premod_start.min(h.mods_start) };
                        let mut c = Cand::new(
                            start,
                            end.max(e2),
                            self.actors[t.idx].actor.clone(),
                            MentionKind::Official,
                            h.sentence,
                        );
                        c.person = true;
                        c.plural = Some(false);
                        c.title = row.phrase.clone();
                        return Some((vec![c], end.max(e2)));
                    }
                    k = e2;
                } else {
                    k += 1;
                }
            }
        }
        let head_text = u[h.voc_start..h.head_end].iter().map(|x| x.norm_str()).collect::<Vec<_>>().join(" ");
        let mut out = Vec::new();
        let kind = if person { MentionKind::Official } else { MentionKind::Composed };
        let span_start = if person || h.mods.is_empty() { h.premod_start } else { h.mods_start };
        // "King Hassan of Morocco", "the president of Syria", "the army of Mali".
        if h.mods.is_empty() && end + 1 < h.e && u[end].norm == "of" {
            let at = if u[end + 1].norm == "the" { end + 2 } else { end + 1 };
            if let Some((cend, ts)) = self.match_at(u, at, h.e, &Shouting::no()) {
                let it = self.item(at, cend, ts);
                if let (Some(c), true) = (it.country, it.name && it.actor.is_none()) {
                    let actor = self.composed(Some(&self.countries[c].iso3), &sector, &head_text);
                    let mut cand = Cand::new(span_start, cend, actor, kind, h.sentence);
                    cand.plural = row.plural;
                    cand.person = person;
                    return Some((vec![cand], cend));
                }
            }
        }
        if role == NounRole::Named {
            // "the coalition", "the front": an earlier actor with that word in its name.
            if !h.mods.is_empty() || !h.det.is_some_and(|d| DEFINITE.contains(&d)) || self.compound_noun_at(u, end, h.e)
            {
                return Some((vec![], h.head_end));
            }
            let mut c =
                Cand::new(h.np_start, end, self.composed(None, "UAF", &head_text), MentionKind::Definite, h.sentence);
            c.actor.sector = None;
            c.want = Some(Want::Named(row.phrase.clone()));
            c.plural = Some(false);
            return Some((vec![c], end));
        }
        if h.mods.is_empty() && end == h.head_end && row.plural == Some(false) && self.compound_noun_at(u, end, h.e) {
            return Some((vec![], end)); // "the general election", "the court case"
        }
        if h.mods.is_empty() {
            // "regime forces", "government troops", "state media" without a country: the
            // government of the report's most recent country (resolved like "the army").
            let gov_qual = h.quals.iter().any(|&q| {
                let n = &self.nouns[q];
                n.role == NounRole::Qual
                    && matches!(n.phrase.as_str(), "government" | "regime" | "state" | "pro-government")
            });
            let definite = h.det.is_some_and(|d| DEFINITE.contains(&d)) || (h.det.is_none() && gov_qual);
            if definite && matches!(role, NounRole::Force | NounRole::Org | NounRole::Group | NounRole::Person) {
                let mut c = Cand::new(
                    h.np_start,
                    end,
                    self.composed(None, &sector, &head_text),
                    MentionKind::Definite,
                    h.sentence,
                );
                c.want = Some(match role {
                    NounRole::Person if gov_qual && h.det.is_none() => Want::Gov,
                    NounRole::Person => Want::Person,
                    NounRole::Force
                        if matches!(
                            head_text.as_str(),
                            "army" | "military" | "armed forces" | "air force" | "navy"
                        ) =>
                    {
                        Want::Army
                    }
                    NounRole::Org if sector == "GOV" => Want::Gov,
                    NounRole::Org => Want::Force(sector.clone()),
                    NounRole::Group => Want::Group,
                    NounRole::Force if gov_qual && sector == "MIL" => Want::GovArmy,
                    _ => Want::Force(sector.clone()),
                });
                c.plural = row.plural;
                c.person = person;
                c.title = row.phrase.clone();
                c.possessive_det = matches!(h.det, Some("its" | "their"));
                if c.possessive_det && matches!(role, NounRole::Force | NounRole::Group) {
                    c.want = Some(Want::OwnForce);
                } else if c.possessive_det {
                    // "its leaders", "their spokesman", "its government": the owner's people.
                    c.want = Some(Want::Owner(sector.clone()));
                }
                out.push(c);
            } else if row.bare || (person && h.det.is_none() && end > h.head_end) {
                let mut c = Cand::new(span_start, end, self.composed(None, &sector, &head_text), kind, h.sentence);
                c.plural = row.plural;
                c.person = person;
                out.push(c);
            } else if person && !h.det.is_some_and(|d| DEFINITE.contains(&d)) {
                return Some((vec![], h.head_end));
            }
            return Some((out, end));
        }
        let make = |actor: Actor, start: usize, stop: usize| {
            let mut c = Cand::new(start, stop, actor, kind, h.sentence);
            c.plural = row.plural;
            c.person = person;
            c.definite_official = person && h.det == Some("the");
            c.title = row.phrase.clone();
            c
        };
        // A named person's forces: "Assad forces", "Haftar's troops" are that country's army;
        // "pro-Assad militias" are proxies backed by that country.
        if let Some(m) = h.mods.iter().rev().find(|m| m.actor.is_some_and(|a| self.actors[a].person || m.backer)) {
            let row_a = &self.actors[m.actor.unwrap_or_default()];
            if m.backer && !person {
                let sec = if sector == "MIL" { "UAF".to_string() } else { sector.clone() };
                let mut actor = self.composed(None, &sec, &head_text);
                actor.name = display_name(u, h.mods_start, h.head_end);
                actor.backer = row_a.actor.country.clone();
                out.push(make(actor, span_start, end));
                return Some((out, end));
            }
            if matches!(role, NounRole::Force | NounRole::Org) {
                let country = row_a.actor.country.clone();
                let mut actor = self.composed(country.as_deref(), &sector, &head_text);
                actor.name = display_name(u, h.mods_start, h.head_end);
                out.push(make(actor, span_start, end));
                return Some((out, end));
            }
        }
        // A lexicon actor with a person or force noun: "a CIA official", "Hezbollah fighters".
        if let Some(a) = h.mods.iter().rev().find_map(|m| m.actor) {
            let mut c = make(self.actors[a].actor.clone(), span_start, end);
            if !person {
                c.kind = MentionKind::Lexicon;
            }
            out.push(c);
            return Some((out, end));
        }
        let group = h.mods.iter().find_map(|m| m.group);
        let countries: Vec<&ModItem> = h.mods.iter().filter(|m| m.country.is_some() && !m.backer).collect();
        let backers: Vec<usize> = h.mods.iter().filter(|m| m.backer).filter_map(|m| m.country).collect();
        let backer = backers.first().map(|&c| self.countries[c].iso3.clone());
        if group.is_some() {
            // "Iraqi Kurdish forces" is one actor; "Kurdish and Iraqi forces" are two.
            let mut segments: Vec<Vec<&ModItem>> = Vec::new();
            for m in h.mods {
                if m.conj || segments.is_empty() {
                    segments.push(Vec::new());
                }
                if let Some(seg) = segments.last_mut() {
                    seg.push(m);
                }
            }
            for seg in segments {
                let seg_country =
                    seg.iter().find(|m| !m.backer).and_then(|m| m.country).map(|c| self.countries[c].iso3.clone());
                let actor = if let Some(g) = seg.iter().find_map(|m| m.group) {
                    let grp = &self.groups[g];
                    let country = seg_country.or(grp.country.clone());
                    let sec = match role {
                        NounRole::Force | NounRole::Group if !matches!(sector.as_str(), "COP" | "SPY") => {
                            if sector == "UAF" {
                                "UAF".to_string()
                            } else {
                                grp.armed.clone()
                            }
                        }
                        _ => sector.clone(),
                    };
                    let mut actor = self.composed(country.as_deref(), &sec, &head_text);
                    let adj = grp.adjectives.first().or(grp.names.first()).cloned().unwrap_or_default();
                    actor.name = match &country {
                        Some(c) if seg.len() > 1 => {
                            format!("{} {adj} {head_text}", self.composed(Some(c), "CVL", "").name.trim())
                        }
                        _ => format!("{adj} {head_text}"),
                    };
                    if matches!(role, NounRole::Force | NounRole::Group) {
                        actor.acled_inter = grp.inter.or(actor.acled_inter);
                    }
                    actor
                } else if let Some(c) = seg_country {
                    self.composed(Some(&c), &sector, &head_text)
                } else {
                    continue;
                };
                let mut actor = actor;
                actor.backer = backer.clone();
                out.push(make(actor, span_start, end));
            }
            return Some((out, end));
        }
        if countries.is_empty() {
            if let Some(b) = backer {
                // A proxy: "U.S.-backed forces", "Iranian proxy militias". No country of its own.
                let sec = if sector == "MIL" { "REB".to_string() } else { sector.clone() };
                let mut actor = self.composed(None, &sec, &head_text);
                actor.name = display_name(u, h.mods_start, h.head_end);
                actor.backer = Some(b);
                out.push(make(actor, span_start, end));
                return Some((out, end));
            }
            return None;
        }
        for m in &countries {
            let Some(c) = m.country else { continue };
            let mut actor = self.composed(Some(&self.countries[c].iso3), &sector, &head_text);
            actor.backer = backer.clone();
            out.push(make(actor, span_start, end));
        }
        // "Syrian soldiers and policemen": a second head shares the country.
        if end == h.head_end && end + 1 < h.e && u[end].norm == "and" {
            if let Some((e2, rows2)) = self.noun_at(u, end + 1, h.e) {
                if let Some(&r2) =
                    rows2.iter().find(|&&r| matches!(self.nouns[r].role, NounRole::Force | NounRole::Person))
                {
                    let n2 = &self.nouns[r2];
                    let sec2 = n2.sector.clone().unwrap_or_else(|| "UAF".into());
                    let text2 = u[end + 1..e2].iter().map(|x| x.norm_str()).collect::<Vec<_>>().join(" ");
                    for m in &countries {
                        let Some(c) = m.country else { continue };
                        let actor = self.composed(Some(&self.countries[c].iso3), &sec2, &text2);
                        let mut cand = Cand::new(end + 1, e2, actor, kind, h.sentence);
                        cand.plural = n2.plural;
                        cand.person = n2.role == NounRole::Person;
                        cand.secondary = true;
                        out.push(cand);
                    }
                    return Some((out, e2));
                }
            }
        }
        Some((out, end))
    }

    /// After a title ("President", "prime minister"), a personal name: capitalized words and
    /// name particles ("Haider al-Abadi").
    fn person_name_end(&self, u: &[Unit], mut k: usize, e: usize) -> usize {
        let start = k;
        while k < e && k < start + 5 && u[k].word {
            let particle = NAME_PARTICLES.contains(&u[k].norm_str()) && k + 1 < e && u[k + 1].cap;
            if !(u[k].cap || particle) || is_day_or_month(u[k].norm_str()) {
                break;
            }
            if u[k].cap
                && self
                    .match_at(u, k, e, &Shouting::no())
                    .is_some_and(|(_, ts)| ts.iter().any(|t| t.kind != TKind::Actor))
            {
                break; // "… minister Lavrov Moscow" never happens; a country/capital ends the name
            }
            k += 1;
            if u[k - 1].possessive {
                break;
            }
        }
        k
    }
}

struct HeadCtx<'a> {
    np_start: usize,
    det: Option<&'a str>,
    premod_start: usize,
    mods_start: usize,
    mods: &'a [ModItem],
    voc_start: usize,
    head_end: usize,
    head_row: usize,
    quals: &'a [usize],
    e: usize,
    sentence: usize,
}
