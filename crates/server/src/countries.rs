//! ISO 3166-1 countries with their ACLED region, from `data/countries.tsv` (embedded; editable).

use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    pub alpha2: String,
    pub alpha3: String,
    pub numeric: u16,
    pub name: String,
    pub acled_region: Option<String>,
}

pub const DEFAULT_TSV: &str = include_str!("../data/countries.tsv");

/// Parses the table; errors name the file and line.
pub fn parse(file: &str, text: &str) -> Result<Vec<Country>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            return Err(format!(
                "{file}:{}: expected alpha2, alpha3, numeric, name[, region] separated by tabs",
                i + 1
            ));
        }
        let numeric =
            f[2].trim().parse::<u16>().map_err(|_| format!("{file}:{}: bad numeric code {:?}", i + 1, f[2]))?;
        out.push(Country {
            alpha2: f[0].trim().to_string(),
            alpha3: f[1].trim().to_string(),
            numeric,
            name: f[3].trim().to_string(),
            acled_region: f.get(4).map(|s| s.trim()).filter(|s| !s.is_empty()).map(str::to_string),
        });
    }
    Ok(out)
}

fn table() -> &'static [Country] {
    static T: OnceLock<Vec<Country>> = OnceLock::new();
    T.get_or_init(|| parse("crates/server/data/countries.tsv", DEFAULT_TSV).unwrap_or_default())
}

/// The country with this ISO alpha-2 or alpha-3 code (case-insensitive).
pub fn lookup(code: &str) -> Option<&'static Country> {
    let c = code.trim();
    table().iter().find(|x| x.alpha2.eq_ignore_ascii_case(c) || x.alpha3.eq_ignore_ascii_case(c))
}

/// The country's name, or the code itself when unknown.
pub fn name(code: &str) -> String {
    lookup(code).map(|c| c.name.clone()).unwrap_or_else(|| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_table_parses_and_resolves_both_codes() {
        assert!(parse("x", DEFAULT_TSV).unwrap().len() > 240);
        assert_eq!(lookup("SY").unwrap().numeric, 760);
        assert_eq!(lookup("irq").unwrap().name, "Iraq");
        assert_eq!(lookup("SYR").unwrap().acled_region.as_deref(), Some("Middle East"));
        assert!(parse("f.tsv", "XX\tYY\n").unwrap_err().starts_with("f.tsv:1:"));
    }
}
