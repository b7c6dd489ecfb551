//! Choosing a reader: explicit `--input-format`, else extension, else a sniff of the first bytes.

use crate::source::Source;
use std::io::BufRead;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Text,
    Html,
    Feed,
    Jsonl,
}

impl InputFormat {
    pub const NAMES: &'static [&'static str] = &["text", "html", "feed", "jsonl"];

    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Some(InputFormat::Text),
            "html" | "htm" => Some(InputFormat::Html),
            "feed" | "rss" | "atom" | "xml" => Some(InputFormat::Feed),
            "jsonl" | "ndjson" | "json" => Some(InputFormat::Jsonl),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Html => "html",
            InputFormat::Feed => "feed",
            InputFormat::Jsonl => "jsonl",
        }
    }

    /// The format an extension names, if it names one.
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" | "json" => Some(InputFormat::Jsonl),
            "txt" | "text" | "md" => Some(InputFormat::Text),
            "html" | "htm" | "xhtml" => Some(InputFormat::Html),
            "xml" | "rss" | "atom" => Some(InputFormat::Feed),
            _ => None,
        }
    }
}

/// Extension first; for unknown extensions and stdin, the first bytes decide.
pub fn detect(source: &Source, reader: &mut dyn BufRead) -> Result<InputFormat, String> {
    if let Some(f) = source.extension().as_deref().and_then(InputFormat::from_extension) {
        return Ok(f);
    }
    let head = reader.fill_buf().map_err(|e| format!("cannot read: {}", crate::source::describe_io(&e)))?;
    Ok(sniff(head))
}

/// Guesses the format from the first bytes of an input.
pub fn sniff(head: &[u8]) -> InputFormat {
    let head = head.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let rest = &head[start..];
    let lower: Vec<u8> = rest.iter().take(2048).map(u8::to_ascii_lowercase).collect();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if lower.starts_with(b"{") && has(b"jsonfeed.org") {
        return InputFormat::Feed;
    }
    if lower.starts_with(b"{") || lower.starts_with(b"[") {
        return InputFormat::Jsonl;
    }
    if !lower.starts_with(b"<") {
        return InputFormat::Text;
    }
    if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
        return InputFormat::Html;
    }
    if lower.starts_with(b"<rss") || lower.starts_with(b"<feed") || lower.starts_with(b"<rdf:rdf") {
        return InputFormat::Feed;
    }
    if lower.starts_with(b"<?xml") {
        if has(b"<html") || has(b"<!doctype html") {
            return InputFormat::Html;
        }
        return InputFormat::Feed;
    }
    if has(b"<rss") || has(b"<feed") {
        return InputFormat::Feed;
    }
    if has(b"<body") || has(b"<head") || has(b"<p>") || has(b"<div") || has(b"<article") || has(b"<!--") {
        return InputFormat::Html;
    }
    InputFormat::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"  <!DOCTYPE html><html>"), InputFormat::Html);
        assert_eq!(sniff(b"\xEF\xBB\xBF<html lang=en>"), InputFormat::Html);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"), InputFormat::Feed);
        assert_eq!(sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"), InputFormat::Feed);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><!DOCTYPE html><html>"), InputFormat::Html);
        assert_eq!(sniff(b"\n{\"id\": 1}"), InputFormat::Jsonl);
        assert_eq!(sniff(b"[{\"id\": 1}]"), InputFormat::Jsonl);
        assert_eq!(sniff(b"{\"version\": \"https://jsonfeed.org/version/1.1\"}"), InputFormat::Feed);
        assert_eq!(sniff(b"BEIRUT (Reuters) - x"), InputFormat::Text);
        assert_eq!(sniff(b"<p>Fragment</p>"), InputFormat::Html);
        assert_eq!(sniff(b""), InputFormat::Text);
    }

    #[test]
    fn names_round_trip() {
        for n in InputFormat::NAMES {
            assert_eq!(InputFormat::parse(n).map(InputFormat::name), Some(*n));
        }
    }
}
