//! Choosing a reader: explicit `--input-format`, else extension, else a sniff of the first bytes.

use crate::source::Source;
use std::io::BufRead;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Text,
    Jsonl,
}

impl InputFormat {
    pub const NAMES: &'static [&'static str] = &["text", "jsonl"];

    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Some(InputFormat::Text),
            "jsonl" | "ndjson" | "json" => Some(InputFormat::Jsonl),
            _ => None,
        }
    }
}

/// Extension first; for unknown extensions and stdin, the first non-blank byte decides.
pub fn detect(source: &Source, reader: &mut dyn BufRead) -> Result<InputFormat, String> {
    if let Some(ext) = source.extension() {
        match ext.as_str() {
            "jsonl" | "ndjson" => return Ok(InputFormat::Jsonl),
            "txt" | "text" | "md" => return Ok(InputFormat::Text),
            _ => {}
        }
    }
    let head = reader.fill_buf().map_err(|e| format!("cannot read: {e}"))?;
    let first = head.iter().copied().find(|b| !b.is_ascii_whitespace());
    Ok(match first {
        Some(b'{') => InputFormat::Jsonl,
        _ => InputFormat::Text,
    })
}
