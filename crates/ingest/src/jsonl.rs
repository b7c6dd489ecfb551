//! JSON Lines: one report per line, `{"id","text","published"?,"title"?,"source"?,"url"?}`.
//! A broken line is reported with its line number and reading goes on with the next line.
//! Lines are read with a bounded buffer: a line longer than the report limit (×2, for JSON
//! escaping) is skipped with an error, so memory stays bounded whatever the input.
//!
//! Plain JSON documents are read too: an array of report objects (content starting with `[`,
//! ids default to `file#N`), or a `.json` file holding one report object, pretty-printed or not
//! (id defaults to the file name). A JSON Feed (`jsonfeed.org`) goes to the feed reader.

use crate::{human, Ctx, Ingested, ReadError};
use chrono::NaiveDate;
use serde_json::Value;
use sitrep_model::Report;
use std::io::BufRead;

pub(crate) fn read(ctx: &Ctx, mut reader: Box<dyn BufRead>, sink: &mut dyn FnMut(Result<Ingested, ReadError>)) {
    let first = match reader.fill_buf() {
        Ok(head) => {
            let head = head.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(head);
            head.iter().copied().find(|b| !b.is_ascii_whitespace())
        }
        Err(_) => None,
    };
    let json_ext = ctx.source.extension().as_deref() == Some("json");
    if first == Some(b'[') || json_ext {
        return read_document(ctx, reader, sink);
    }
    read_lines(ctx, reader, sink)
}

/// A whole JSON document: an array of reports, one report object, or a JSON Feed. A `.json` file
/// that turns out to be JSON Lines is read as lines.
fn read_document(ctx: &Ctx, reader: Box<dyn BufRead>, sink: &mut dyn FnMut(Result<Ingested, ReadError>)) {
    let limit = ctx.opts.max_report_bytes().saturating_mul(crate::HTML_FEED_FACTOR);
    let bytes = match ctx.read_all(reader, limit, "JSON document") {
        Ok(b) => b,
        Err(e) => return sink(Err(e)),
    };
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&bytes);
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) if e.to_string().starts_with("trailing characters") => {
            // Several values one after another: JSON Lines after all.
            return read_lines(ctx, Box::new(std::io::Cursor::new(bytes)), sink);
        }
        Err(e) => {
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            return sink(Err(ctx.err(Some(e.line()), format!("broken JSON ({msg} at column {})", e.column()))));
        }
    };
    match value {
        Value::Array(items) => {
            if items.is_empty() {
                return sink(Err(ctx.err(None, "empty JSON array: no reports")));
            }
            for (i, v) in items.into_iter().enumerate() {
                let n = i + 1;
                let default_id = format!("{}#{n}", ctx.source.stem());
                sink(report_of(v, default_id).map_err(|m| ctx.err(None, format!("item {n}: {m}; item skipped"))));
            }
        }
        Value::Object(ref o)
            if o.get("version").and_then(Value::as_str).is_some_and(|v| v.contains("jsonfeed.org")) =>
        {
            crate::feed::read(ctx, Box::new(std::io::Cursor::new(bytes)), sink)
        }
        v => sink(report_of(v, ctx.source.stem()).map_err(|m| ctx.err(None, m))),
    }
}

fn read_lines(ctx: &Ctx, mut reader: Box<dyn BufRead>, sink: &mut dyn FnMut(Result<Ingested, ReadError>)) {
    let limit = ctx.opts.max_report_bytes().saturating_mul(2);
    let mut buf = Vec::new();
    let mut lineno = 0usize;
    loop {
        buf.clear();
        lineno += 1;
        let (n, truncated) = match read_line_bounded(&mut reader, &mut buf, limit) {
            Ok(x) => x,
            Err(e) => {
                sink(Err(ctx.err(Some(lineno), format!("read failed: {}", crate::source::describe_io(&e)))));
                break;
            }
        };
        if n == 0 {
            break;
        }
        if truncated {
            sink(Err(ctx.err(Some(lineno), format!("line longer than {}; skipped", human(limit)))));
            continue;
        }
        let mut bytes: &[u8] = &buf;
        if lineno == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(bytes);
        }
        let trimmed = bytes.trim_ascii();
        if trimmed.is_empty() {
            continue;
        }
        let recoded;
        let trimmed = match (&ctx.opts.encoding, std::str::from_utf8(trimmed)) {
            (Some(label), Err(_)) => match encoding_rs::Encoding::for_label(label.trim().as_bytes()) {
                Some(enc) => {
                    recoded = enc.decode(trimmed).0.into_owned();
                    recoded.as_bytes()
                }
                None => trimmed,
            },
            _ => trimmed,
        };
        sink(parse_line(trimmed, lineno).map_err(|message| ctx.err(Some(lineno), message)));
    }
}

/// Reads up to and including the next `\n` into `buf`, keeping at most `limit` bytes.
/// Returns the bytes consumed and whether the line was longer than `limit`.
fn read_line_bounded(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<(usize, bool)> {
    let mut consumed = 0;
    let mut truncated = false;
    loop {
        let avail = match reader.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok((consumed, truncated));
        }
        let (chunk, done) = match memchr_newline(avail) {
            Some(i) => (&avail[..=i], true),
            None => (avail, false),
        };
        let len = chunk.len();
        if !truncated {
            if buf.len() + len > limit {
                truncated = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        reader.consume(len);
        consumed += len;
        if done {
            return Ok((consumed, truncated));
        }
    }
}

fn memchr_newline(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n')
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An optional string field; a value of another type is ignored with a warning.
fn opt_string(obj: &serde_json::Map<String, Value>, key: &str, warnings: &mut Vec<String>) -> Option<String> {
    match obj.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()).filter(|s| !s.trim().is_empty()),
        Some(other) => {
            warnings.push(format!("\"{key}\" must be a string, not {}; ignored", kind(other)));
            None
        }
    }
}

pub(crate) fn parse_line(bytes: &[u8], lineno: usize) -> Result<Ingested, String> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        format!("broken JSON ({msg} at column {}); line skipped", e.column())
    })?;
    report_of(value, format!("line-{lineno}")).map_err(|m| format!("{m}; line skipped"))
}

/// One report object; `default_id` names it when it has no usable `"id"`.
fn report_of(value: Value, default_id: String) -> Result<Ingested, String> {
    let Value::Object(obj) = value else {
        return Err(format!("expected a JSON object with \"id\" and \"text\", found {}", kind(&value)));
    };
    let mut warnings = Vec::new();
    let mut text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => return Err("missing \"text\"".into()),
        Some(other) => return Err(format!("\"text\" must be a string, not {}", kind(other))),
    };
    if text.trim().is_empty() {
        return Err("empty \"text\"".into());
    }
    if text.contains('\0') {
        text = text.replace('\0', " ");
        warnings.push("NUL characters in the text replaced by spaces".to_string());
    }
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Null) | None | Some(Value::String(_)) => default_id,
        Some(other) => return Err(format!("\"id\" must be a string or number, not {}", kind(other))),
    };
    let published = match opt_string(&obj, "published", &mut warnings).or(opt_string(&obj, "date", &mut warnings)) {
        Some(d) => match parse_date(&d) {
            Some(d) => Some(d),
            None => {
                warnings.push(format!("unreadable date {d:?} ignored"));
                None
            }
        },
        None => None,
    };
    let report = Report {
        id,
        source: opt_string(&obj, "source", &mut warnings),
        url: opt_string(&obj, "url", &mut warnings),
        published,
        title: opt_string(&obj, "title", &mut warnings),
        text,
    };
    Ok(Ingested { report, warnings })
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok().or_else(|| crate::dateline::parse_date(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ReadOptions, Source};
    use std::io::Cursor;

    fn run(data: &str, max: usize) -> Vec<Result<Ingested, ReadError>> {
        let source = Source::File("x.jsonl".into());
        let opts = ReadOptions { max_report_bytes: Some(max), ..Default::default() };
        let ctx = Ctx { name: "x.jsonl", source: &source, opts: &opts };
        let mut out = Vec::new();
        read(&ctx, Box::new(Cursor::new(data.as_bytes().to_vec())), &mut |r| out.push(r));
        out
    }

    #[test]
    fn broken_lines_are_numbered_and_skipped() {
        let data = "{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\n\n{\"id\":7,\"text\":\"Two.\",\"published\":\"2017-11-03\"}\n[1,2]\n{\"id\":\"c\",\"text\":5}\n{\"id\":{},\"text\":\"x\"}\n";
        let out = run(data, 4096);
        let ok: Vec<_> = out.iter().filter_map(|r| r.as_ref().ok()).map(|i| i.report.id.clone()).collect();
        assert_eq!(ok, ["a", "7"]);
        let lines: Vec<_> = out.iter().filter_map(|r| r.as_ref().err()).map(|e| e.line).collect();
        assert_eq!(lines, [Some(2), Some(5), Some(6), Some(7)]);
    }

    #[test]
    fn overlong_line_is_skipped_and_reading_goes_on() {
        let data =
            format!("{{\"id\":\"big\",\"text\":\"{}\"}}\n{{\"id\":\"ok\",\"text\":\"Fine.\"}}\n", "a".repeat(10_000));
        let out = run(&data, 1024);
        assert!(out[0].as_ref().unwrap_err().message.contains("longer than"));
        assert_eq!(out[1].as_ref().unwrap().report.id, "ok");
    }

    fn run_named(name: &str, data: &str) -> Vec<Result<Ingested, ReadError>> {
        let source = Source::File(name.into());
        let opts = ReadOptions::default();
        let ctx = Ctx { name, source: &source, opts: &opts };
        let mut out = Vec::new();
        read(&ctx, Box::new(Cursor::new(data.as_bytes().to_vec())), &mut |r| out.push(r));
        out
    }

    #[test]
    fn json_documents() {
        let arr = "[\n {\"id\": \"a\", \"text\": \"One.\"},\n {\"text\": \"Two.\"},\n {\"text\": 3}\n]";
        let out = run_named("dump.json", arr);
        assert_eq!(out[0].as_ref().unwrap().report.id, "a");
        assert_eq!(out[1].as_ref().unwrap().report.id, "dump.json#2");
        assert!(out[2].as_ref().unwrap_err().message.starts_with("item 3: \"text\" must be a string"));
        let same = run_named("dump.dat", arr);
        assert_eq!(same.len(), 3, "a leading [ is enough");
        let one = run_named("r.json", "{\n  \"title\": \"T\",\n  \"text\": \"Body.\"\n}\n");
        assert_eq!(one[0].as_ref().unwrap().report.id, "r.json");
        let lines = run_named("l.json", "{\"id\":\"x\",\"text\":\"A.\"}\n{\"id\":\"y\",\"text\":\"B.\"}\n");
        assert_eq!(lines.len(), 2);
        let broken = run_named("b.json", "[{\"text\": \"A.\"},\n{\"text\": ");
        assert_eq!(broken[0].as_ref().unwrap_err().line, Some(2));
        let feed = run_named(
            "f.json",
            r#"{"version": "https://jsonfeed.org/version/1.1", "title": "JF", "items": [{"id": "1", "content_text": "Strikes near Sirte."}]}"#,
        );
        assert_eq!(feed[0].as_ref().unwrap().report.source.as_deref(), Some("JF"));
    }

    #[test]
    fn bad_date_is_a_warning() {
        let out = run("{\"id\":\"a\",\"text\":\"x\",\"published\":\"someday\"}", 4096);
        let ing = out[0].as_ref().unwrap();
        assert_eq!(ing.report.published, None);
        assert_eq!(ing.warnings.len(), 1);
    }
}
