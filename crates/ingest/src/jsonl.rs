//! JSON Lines: one report per line, `{"id","text","published"?,"title"?,"source"?,"url"?}`.
//! A broken line is reported with its line number and reading goes on with the next line.

use crate::ReadError;
use chrono::NaiveDate;
use serde::Deserialize;
use sitrep_core::Report;
use std::io::BufRead;

#[derive(Deserialize)]
struct Line {
    id: Option<serde_json::Value>,
    text: Option<String>,
    published: Option<String>,
    /// The eval corpora call it `date`.
    date: Option<String>,
    title: Option<String>,
    source: Option<String>,
    url: Option<String>,
}

pub fn read(name: &str, mut reader: Box<dyn BufRead>, sink: &mut dyn FnMut(Result<Report, ReadError>)) {
    let mut buf = Vec::new();
    let mut lineno = 0usize;
    loop {
        buf.clear();
        lineno += 1;
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                sink(Err(ReadError { file: name.into(), line: Some(lineno), message: format!("read failed: {e}") }));
                break;
            }
        }
        let trimmed = buf.trim_ascii();
        if trimmed.is_empty() {
            continue;
        }
        sink(parse_line(trimmed, lineno).map_err(|message| ReadError {
            file: name.into(),
            line: Some(lineno),
            message,
        }));
    }
}

pub fn parse_line(bytes: &[u8], lineno: usize) -> Result<Report, String> {
    let line: Line = serde_json::from_slice(bytes).map_err(|e| format!("not a JSON report object: {e}"))?;
    let text = line.text.ok_or("missing \"text\"")?;
    let id = match line.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(serde_json::Value::Null) | None => format!("line-{lineno}"),
        Some(other) => return Err(format!("\"id\" must be a string or number, not {other}")),
    };
    let published = match line.published.or(line.date) {
        Some(d) if !d.trim().is_empty() => Some(parse_date(&d).ok_or_else(|| format!("unreadable date {d:?}"))?),
        _ => None,
    };
    Ok(Report { id, source: line.source, url: line.url, published, title: line.title, text })
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok().or_else(|| crate::dateline::parse_date(s))
}
