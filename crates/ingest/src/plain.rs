//! Plain-text reports. The text is kept byte for byte as in the file (spans point into it);
//! the publication date comes from a dateline when there is one.

use crate::source::Source;
use crate::ReadError;
use sitrep_core::Report;
use std::io::{BufRead, Read};

/// A single plain-text report larger than this is refused rather than read into memory.
pub const MAX_TEXT_BYTES: u64 = 32 << 20;

pub fn read(name: &str, source: &Source, reader: Box<dyn BufRead>, sink: &mut dyn FnMut(Result<Report, ReadError>)) {
    let err = |message: String| ReadError { file: name.into(), line: None, message };
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(MAX_TEXT_BYTES + 1).read_to_end(&mut bytes) {
        return sink(Err(err(format!("read failed: {e}"))));
    }
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return sink(Err(err(format!(
            "larger than {} MiB: too big for one plain-text report (split it, or give it as JSON Lines)",
            MAX_TEXT_BYTES >> 20
        ))));
    }
    match text_report(source.stem(), bytes) {
        Ok(r) => sink(Ok(r)),
        Err(m) => sink(Err(err(m))),
    }
}

/// Validates and wraps file bytes as a report.
pub fn text_report(id: String, bytes: Vec<u8>) -> Result<Report, String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("empty file: no report text".into());
    }
    if bytes.iter().take(8192).filter(|&&b| b == 0).count() > 0 {
        return Err("binary file (contains NUL bytes): not a text report".into());
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| format!("not valid UTF-8 at byte {} (convert it to UTF-8 first)", e.utf8_error().valid_up_to()))?;
    let published = crate::dateline::find_dateline(&text).map(|d| d.date);
    Ok(Report { id, published, text, ..Default::default() })
}
