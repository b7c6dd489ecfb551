//! The word lists of the location frames (`data/events/frames.tsv`), loaded once.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// `data/events/frames.tsv`: word lists of the frames that take a place away from its event.
pub const FRAMES_TSV: &str = include_str!("../../../../../data/events/frames.tsv");

/// One bit per list of `frames.tsv`.
pub(crate) mod frame {
    pub(crate) const COMPLEMENT_VERBS: u8 = 1 << 0;
    pub(crate) const TRANSFER_VERBS: u8 = 1 << 1;
    pub(crate) const WAR_NOUNS: u8 = 1 << 2;
    pub(crate) const HUMAN_VERBS: u8 = 1 << 3;
    pub(crate) const DIRECTIVE_VERBS: u8 = 1 << 4;
    pub(crate) const AFTERMATH_VERBS: u8 = 1 << 5;
    pub(crate) const PERSON_NOUNS: u8 = 1 << 6;
}

/// The lists `frames.tsv` may define, with their bits.
const LISTS: &[(&str, u8)] = &[
    ("COMPLEMENT_VERBS", frame::COMPLEMENT_VERBS),
    ("TRANSFER_VERBS", frame::TRANSFER_VERBS),
    ("WAR_NOUNS", frame::WAR_NOUNS),
    ("HUMAN_VERBS", frame::HUMAN_VERBS),
    ("DIRECTIVE_VERBS", frame::DIRECTIVE_VERBS),
    ("AFTERMATH_VERBS", frame::AFTERMATH_VERBS),
    ("PERSON_NOUNS", frame::PERSON_NOUNS),
];

/// Parse a frames file (see `data/events/frames.tsv`): `LIST <TAB> word|word|…`, into each
/// word's list bits; errors name the file and line.
pub fn parse_frame_lists(file: &str, text: &str) -> Result<FxHashMap<String, u8>, crate::LexiconError> {
    let mut out: FxHashMap<String, u8> = FxHashMap::default();
    for (i, raw) in text.lines().enumerate() {
        let l = raw.trim_end_matches('\r');
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        let err = |message: String| crate::LexiconError { file: file.to_string(), line: i + 1, message };
        let cols: Vec<&str> = l.split('\t').map(str::trim).collect();
        if cols.len() != 2 {
            return Err(err(format!("expected 2 tab-separated columns (list, words), found {}", cols.len())));
        }
        let Some(&(_, bit)) = LISTS.iter().find(|(n, _)| *n == cols[0]) else {
            let names: Vec<&str> = LISTS.iter().map(|(n, _)| *n).collect();
            return Err(err(format!("unknown list {:?} (one of {})", cols[0], names.join(", "))));
        };
        for w in cols[1].split('|').map(str::trim) {
            if w.is_empty() || w.contains(' ') || w.to_lowercase() != w {
                return Err(err(format!("words must be single lower-case words separated by '|': {w:?}")));
            }
            *out.entry(w.to_string()).or_default() |= bit;
        }
    }
    Ok(out)
}

/// The list bits of `word` (a lower-cased token) in the embedded `frames.tsv`, 0 for most words.
/// (A broken file gives no words rather than a panic; a test checks that it parses.)
pub(crate) fn frame_of(word: &str) -> u8 {
    static MAP: OnceLock<FxHashMap<String, u8>> = OnceLock::new();
    let map = MAP.get_or_init(|| parse_frame_lists("data/events/frames.tsv", FRAMES_TSV).unwrap_or_default());
    map.get(word).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_frames_parse() {
        let m = parse_frame_lists("data/events/frames.tsv", FRAMES_TSV).expect("frames.tsv parses");
        assert_eq!(frame_of("said") & frame::COMPLEMENT_VERBS, frame::COMPLEMENT_VERBS);
        assert_eq!(frame_of("shipped"), frame::TRANSFER_VERBS);
        assert_eq!(frame_of("war"), frame::WAR_NOUNS);
        assert_eq!(frame_of("town"), 0);
        assert!(m.len() > 100);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e = parse_frame_lists("f.tsv", "# c\nWAR_NOUNS\twar|Battle\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("f.tsv", 2));
        let e = parse_frame_lists("f.tsv", "\nNO_SUCH\tx\n").unwrap_err();
        assert!(e.message.contains("unknown list"), "{}", e.message);
        let e = parse_frame_lists("f.tsv", "WAR_NOUNS war\n").unwrap_err();
        assert!(e.message.contains("2 tab-separated"), "{}", e.message);
    }
}
