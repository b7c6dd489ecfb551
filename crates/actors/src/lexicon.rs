//! Reading and validating the lexicon files (TSV with `#` comments). Every error names the file
//! and line it comes from.

use crate::Actor;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::fmt;

/// A problem in a lexicon file. Displays as `file:line: message` (line 0 = the file as a whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// How two actors are related (`relations` column of actors.tsv).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    PartOf,
    LedBy,
    AlliedWith,
    BackedBy,
    AffiliateOf,
    /// The group became the target on `from` (Jabhat al-Nusra → Jabhat Fateh al-Sham).
    Successor,
}

impl RelationKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "part_of" => Self::PartOf,
            "led_by" => Self::LedBy,
            "allied_with" => Self::AlliedWith,
            "backed_by" => Self::BackedBy,
            "affiliate_of" => Self::AffiliateOf,
            "successor" => Self::Successor,
            _ => return None,
        })
    }
}

/// A dated relation of one actor to another actor or a country.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Affiliation {
    pub kind: RelationKind,
    /// An actor id or an ISO3 country code.
    pub target: String,
    /// First day the relation holds (inclusive), if known.
    pub from: Option<NaiveDate>,
    /// Last day the relation holds (inclusive), if known.
    pub until: Option<NaiveDate>,
}

impl Affiliation {
    /// Whether the relation holds on `date` (always true without a date).
    pub fn holds_on(&self, date: Option<NaiveDate>) -> bool {
        let Some(d) = date else { return true };
        self.from.is_none_or(|f| f <= d) && self.until.is_none_or(|u| d <= u)
    }
}

/// PLOVER/CAMEO sector codes accepted in the lexicon.
pub const SECTORS: &[&str] = &[
    "GOV", "MIL", "REB", "SPY", "COP", "PTY", "UAF", "CVL", "JRN", "IGO", "NGO", "MED", "EDU", "LEG", "JUD", "OPP",
    "ELI", "BUS", "LAB", "REF", "REL", "CRM", "SEP", "INS", "HRI", "SOC", "AGR", "ENV", "HLH", "MNC", "PRM",
];

#[derive(Clone, Debug)]
pub(crate) struct CountryRow {
    pub iso3: String,
    #[allow(dead_code)]
    pub iso2: String,
    pub names: Vec<String>,
    pub adjectives: Vec<String>,
    pub people: Vec<String>,
    pub capitals: Vec<String>,
    pub wikidata: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct GroupRow {
    pub id: String,
    pub names: Vec<String>,
    pub adjectives: Vec<String>,
    pub country: Option<String>,
    pub people: String,
    pub armed: String,
    pub inter: Option<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NounRole {
    Force,
    Org,
    Person,
    Group,
    People,
    Qual,
    Premod,
    Proxy,
    Lead,
    /// A word from actors' names ("coalition", "front", "council"): "the coalition" refers to an
    /// earlier actor with that word in its name.
    Named,
}

impl NounRole {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "force" => Self::Force,
            "org" => Self::Org,
            "person" => Self::Person,
            "group" => Self::Group,
            "people" => Self::People,
            "qual" => Self::Qual,
            "premod" => Self::Premod,
            "proxy" => Self::Proxy,
            "lead" => Self::Lead,
            "named" => Self::Named,
            _ => return None,
        })
    }
    pub fn is_head(self) -> bool {
        matches!(self, Self::Force | Self::Org | Self::Person | Self::Group | Self::People | Self::Named)
    }
}

#[derive(Clone, Debug)]
pub(crate) struct NounRow {
    pub phrase: String,
    pub role: NounRole,
    pub sector: Option<String>,
    pub plural: Option<bool>,
    pub bare: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum CueKind {
    Verb,
    Form,
    Adj,
    Aux,
    Adverb,
    Exchange,
    Policy,
    Locative,
    Oblique,
    Expletive,
    ModNoun,
}

impl CueKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "verb" => Self::Verb,
            "form" => Self::Form,
            "adj" => Self::Adj,
            "aux" => Self::Aux,
            "adverb" => Self::Adverb,
            "exchange" => Self::Exchange,
            "policy" => Self::Policy,
            "locative" => Self::Locative,
            "oblique" => Self::Oblique,
            "expletive" => Self::Expletive,
            "modnoun" => Self::ModNoun,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug)]
pub(crate) struct ActorRow {
    pub actor: Actor,
    pub person: bool,
    pub aliases: Vec<String>,
    pub relations: Vec<Affiliation>,
    pub file: String,
    pub line: usize,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    pub countries: Vec<CountryRow>,
    pub groups: Vec<GroupRow>,
    pub nouns: Vec<NounRow>,
    pub cues: Vec<(CueKind, String)>,
    pub actors: Vec<ActorRow>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Countries,
    Groups,
    Nouns,
    Cues,
    Actors,
}

fn file_kind(name: &str) -> Option<FileKind> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name).to_ascii_lowercase();
    if base.starts_with("countries") {
        Some(FileKind::Countries)
    } else if base.starts_with("groups") {
        Some(FileKind::Groups)
    } else if base.starts_with("nouns") {
        Some(FileKind::Nouns)
    } else if base.starts_with("cues") {
        Some(FileKind::Cues)
    } else if base.starts_with("actors") {
        Some(FileKind::Actors)
    } else {
        None
    }
}

struct Ctx<'a> {
    file: &'a str,
    line: usize,
}

impl Ctx<'_> {
    fn err(&self, message: impl Into<String>) -> LexiconError {
        LexiconError { file: self.file.to_string(), line: self.line, message: message.into() }
    }
}

fn cell(s: &str) -> Option<&str> {
    let s = s.trim();
    if s.is_empty() || s == "-" {
        None
    } else {
        Some(s)
    }
}

fn list(s: &str) -> Vec<String> {
    cell(s)
        .map(|c| c.split('|').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect())
        .unwrap_or_default()
}

fn check_iso3(ctx: &Ctx, s: &str) -> Result<String, LexiconError> {
    if s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(s.to_string())
    } else {
        Err(ctx.err(format!("country {s:?} is not an ISO 3166-1 alpha-3 code (three capital letters)")))
    }
}

fn check_sector(ctx: &Ctx, s: &str) -> Result<String, LexiconError> {
    if SECTORS.contains(&s) {
        Ok(s.to_string())
    } else {
        Err(ctx.err(format!("unknown sector {s:?} (expected one of {})", SECTORS.join(" "))))
    }
}

fn check_inter(ctx: &Ctx, s: &str) -> Result<u8, LexiconError> {
    match s.parse::<u8>() {
        Ok(n) if (1..=8).contains(&n) => Ok(n),
        _ => Err(ctx.err(format!("ACLED interaction code {s:?} must be a number from 1 to 8"))),
    }
}

fn check_wikidata(ctx: &Ctx, s: &str) -> Result<String, LexiconError> {
    let ok = s.len() > 1 && s.starts_with('Q') && s[1..].bytes().all(|b| b.is_ascii_digit());
    if ok {
        Ok(s.to_string())
    } else {
        Err(ctx.err(format!("Wikidata id {s:?} must look like Q123")))
    }
}

fn check_id(ctx: &Ctx, s: &str) -> Result<String, LexiconError> {
    let ok = !s.is_empty()
        && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(s.to_string())
    } else {
        Err(ctx.err(format!("id {s:?} must use capital letters, digits, '-', '_' or '.'")))
    }
}

fn parse_date(ctx: &Ctx, s: &str, end: bool) -> Result<NaiveDate, LexiconError> {
    let bad = || ctx.err(format!("date {s:?} must be YYYY, YYYY-MM or YYYY-MM-DD"));
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = num(y)? as i32;
            if end {
                NaiveDate::from_ymd_opt(y, 12, 31).ok_or_else(bad)
            } else {
                NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(bad)
            }
        }
        [y, m] if y.len() == 4 => {
            let (y, m) = (num(y)? as i32, num(m)?);
            let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)?;
            if end {
                let next =
                    if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
                next.and_then(|n| n.pred_opt()).ok_or_else(bad)
            } else {
                Ok(first)
            }
        }
        [y, m, d] if y.len() == 4 => NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?).ok_or_else(bad),
        _ => Err(bad()),
    }
}

fn parse_relations(ctx: &Ctx, s: &str) -> Result<Vec<Affiliation>, LexiconError> {
    let mut out = Vec::new();
    let Some(s) = cell(s) else { return Ok(out) };
    for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (kind, rest) = part.split_once(':').ok_or_else(|| {
            ctx.err(format!("relation {part:?} must look like part_of:ID or successor:ID@2017-01-28"))
        })?;
        let kind = RelationKind::parse(kind.trim()).ok_or_else(|| {
            ctx.err(format!(
                "unknown relation {kind:?} (expected part_of, led_by, allied_with, backed_by, affiliate_of, successor)"
            ))
        })?;
        let (target, dates) = match rest.split_once('@') {
            Some((t, d)) => (t.trim(), Some(d.trim())),
            None => (rest.trim(), None),
        };
        let target = check_id(ctx, target)?;
        let (mut from, mut until) = (None, None);
        if let Some(d) = dates {
            let (a, b) = match d.split_once("..") {
                Some((a, b)) => (a.trim(), Some(b.trim())),
                None => (d, None),
            };
            if !a.is_empty() {
                from = Some(parse_date(ctx, a, false)?);
            }
            if let Some(b) = b.filter(|b| !b.is_empty()) {
                until = Some(parse_date(ctx, b, true)?);
            }
            if let (Some(f), Some(u)) = (from, until) {
                if u < f {
                    return Err(ctx.err(format!("relation {part:?} ends before it starts")));
                }
            }
        }
        if kind == RelationKind::Successor && from.is_none() {
            return Err(ctx.err(format!("successor relation {part:?} needs the date of the change: successor:ID@DATE")));
        }
        out.push(Affiliation { kind, target, from, until });
    }
    Ok(out)
}

fn columns<'a>(ctx: &Ctx, line: &'a str, n: usize, header: &str) -> Result<Vec<&'a str>, LexiconError> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != n {
        return Err(ctx.err(format!("expected {n} tab-separated columns ({header}), found {}", cols.len())));
    }
    Ok(cols)
}

/// Parse and validate all lexicon files. Later files override earlier rows with the same key
/// (actor id, country ISO3, group id); duplicates inside one file are errors.
pub(crate) fn parse_sources(files: &[(&str, &str)]) -> Result<Lexicon, LexiconError> {
    let mut lex = Lexicon::default();
    let mut country_pos: HashMap<String, usize> = HashMap::new();
    let mut group_pos: HashMap<String, usize> = HashMap::new();
    let mut actor_pos: HashMap<String, usize> = HashMap::new();
    for (file, contents) in files {
        let kind = file_kind(file).ok_or_else(|| LexiconError {
            file: file.to_string(),
            line: 0,
            message: "unknown lexicon file: its name must start with actors, countries, groups, nouns or cues"
                .to_string(),
        })?;
        let mut seen_here: HashMap<String, usize> = HashMap::new();
        for (i, raw) in contents.lines().enumerate() {
            let ctx = Ctx { file, line: i + 1 };
            let line = raw.trim_end_matches(['\r', '\n']);
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let mut dup = |key: &str| -> Result<(), LexiconError> {
                if let Some(prev) = seen_here.insert(key.to_string(), ctx.line) {
                    return Err(ctx.err(format!("duplicate {key:?} (first on line {prev})")));
                }
                Ok(())
            };
            match kind {
                FileKind::Countries => {
                    let c = columns(&ctx, line, 7, "iso3 iso2 names adjectives people capitals wikidata")?;
                    let iso3 = check_iso3(&ctx, c[0].trim())?;
                    let iso2 = c[1].trim();
                    if !(iso2.len() == 2 && iso2.bytes().all(|b| b.is_ascii_uppercase())) {
                        return Err(ctx.err(format!("iso2 {iso2:?} must be two capital letters")));
                    }
                    let names = list(c[2]);
                    if names.is_empty() {
                        return Err(ctx.err("a country needs at least one name"));
                    }
                    let wikidata = cell(c[6]).map(|w| check_wikidata(&ctx, w)).transpose()?;
                    dup(&iso3)?;
                    let row = CountryRow {
                        iso3: iso3.clone(),
                        iso2: iso2.to_string(),
                        names,
                        adjectives: list(c[3]),
                        people: list(c[4]),
                        capitals: list(c[5]),
                        wikidata,
                    };
                    match country_pos.get(&iso3) {
                        Some(&p) => lex.countries[p] = row,
                        None => {
                            country_pos.insert(iso3, lex.countries.len());
                            lex.countries.push(row);
                        }
                    }
                }
                FileKind::Groups => {
                    let c = columns(&ctx, line, 7, "id names adjectives country people armed inter")?;
                    let id = check_id(&ctx, c[0].trim())?;
                    let names = list(c[1]);
                    let adjectives = list(c[2]);
                    if names.is_empty() && adjectives.is_empty() {
                        return Err(ctx.err("a group needs a name or an adjective"));
                    }
                    let country = cell(c[3]).map(|s| check_iso3(&ctx, s)).transpose()?;
                    let people = check_sector(&ctx, c[4].trim())?;
                    let armed = check_sector(&ctx, c[5].trim())?;
                    let inter = cell(c[6]).map(|s| check_inter(&ctx, s)).transpose()?;
                    dup(&id)?;
                    if let Some(cc) = &country {
                        if !country_pos.contains_key(cc) {
                            return Err(ctx.err(format!("country {cc:?} is not in countries.tsv")));
                        }
                    }
                    let row = GroupRow { id: id.clone(), names, adjectives, country, people, armed, inter };
                    match group_pos.get(&id) {
                        Some(&p) => lex.groups[p] = row,
                        None => {
                            group_pos.insert(id, lex.groups.len());
                            lex.groups.push(row);
                        }
                    }
                }
                FileKind::Nouns => {
                    let c = columns(&ctx, line, 5, "phrase role sector number bare")?;
                    let phrase = c[0].trim();
                    if phrase.is_empty() {
                        return Err(ctx.err("empty phrase"));
                    }
                    let role = NounRole::parse(c[1].trim()).ok_or_else(|| {
                        ctx.err(format!(
                            "unknown role {:?} (expected force, org, person, group, people, qual, premod, proxy, lead, named)",
                            c[1].trim()
                        ))
                    })?;
                    let sector = cell(c[2]).map(|s| check_sector(&ctx, s)).transpose()?;
                    if role.is_head() && role != NounRole::Named && sector.is_none() {
                        return Err(ctx.err(format!("head noun {phrase:?} needs a sector")));
                    }
                    let plural = match cell(c[3]) {
                        None => None,
                        Some("sg") => Some(false),
                        Some("pl") => Some(true),
                        Some(x) => return Err(ctx.err(format!("number {x:?} must be sg, pl or -"))),
                    };
                    let bare = match cell(c[4]) {
                        None | Some("no") => false,
                        Some("yes") => true,
                        Some(x) => return Err(ctx.err(format!("bare {x:?} must be yes, no or -"))),
                    };
                    dup(&format!("{phrase}\t{}", c[1].trim()))?;
                    lex.nouns.push(NounRow { phrase: phrase.to_lowercase(), role, sector, plural, bare });
                }
                FileKind::Cues => {
                    let c = columns(&ctx, line, 2, "kind word")?;
                    let kind = CueKind::parse(c[0].trim()).ok_or_else(|| {
                        ctx.err(format!(
                            "unknown cue kind {:?} (expected verb, form, adj, aux, adverb, exchange, policy, locative, oblique, expletive, modnoun)",
                            c[0].trim()
                        ))
                    })?;
                    let w = c[1].trim();
                    if w.is_empty() {
                        return Err(ctx.err("empty cue word"));
                    }
                    lex.cues.push((kind, w.to_lowercase()));
                }
                FileKind::Actors => {
                    let c = columns(&ctx, line, 9, "id name kind aliases country sector inter wikidata relations")?;
                    let id = check_id(&ctx, c[0].trim())?;
                    let name = cell(c[1]).ok_or_else(|| ctx.err("an actor needs a name"))?.to_string();
                    let person = match cell(c[2]) {
                        None | Some("org") => false,
                        Some("person") => true,
                        Some(x) => return Err(ctx.err(format!("kind {x:?} must be person, org or -"))),
                    };
                    let aliases = list(c[3]);
                    let country = cell(c[4]).map(|s| check_iso3(&ctx, s)).transpose()?;
                    let sector = cell(c[5]).map(|s| check_sector(&ctx, s)).transpose()?;
                    let acled_inter = cell(c[6]).map(|s| check_inter(&ctx, s)).transpose()?;
                    let wikidata = cell(c[7]).map(|s| check_wikidata(&ctx, s)).transpose()?;
                    let relations = parse_relations(&ctx, c[8])?;
                    dup(&id)?;
                    let actor =
                        Actor { id: Some(id.clone()), name, country, sector, acled_inter, wikidata, backer: None };
                    let row = ActorRow { actor, person, aliases, relations, file: file.to_string(), line: ctx.line };
                    match actor_pos.get(&id) {
                        Some(&p) => lex.actors[p] = row,
                        None => {
                            actor_pos.insert(id, lex.actors.len());
                            lex.actors.push(row);
                        }
                    }
                }
            }
        }
    }
    // Cross-file checks: countries and relation targets must exist.
    for row in &lex.actors {
        let ctx = Ctx { file: &row.file, line: row.line };
        if let Some(c) = &row.actor.country {
            if !country_pos.contains_key(c) {
                return Err(ctx.err(format!("country {c:?} is not in countries.tsv")));
            }
        }
        for rel in &row.relations {
            if !actor_pos.contains_key(&rel.target) && !country_pos.contains_key(&rel.target) {
                return Err(ctx.err(format!("relation target {:?} is neither an actor id nor a country", rel.target)));
            }
        }
    }
    Ok(lex)
}
