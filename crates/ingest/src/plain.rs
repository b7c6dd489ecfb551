//! Plain-text reports. The text is kept as in the file (spans point into it; only a UTF-8 BOM is
//! dropped and stray NULs become spaces); the publication date comes from a dateline, else from
//! a date in the file name.
//!
//! A file larger than the report limit is not refused: it is read in parts of at most the limit,
//! split at the last paragraph break (blank line) before it, else the last line break, else the
//! last space. Each part is a report `file#part-N` with a warning, and memory stays bounded by
//! about twice the limit whatever the file size. The dateline of the first part dates them all.

use crate::dateline::find_dateline_with;
use crate::decode::{binary_reason, decode};
use crate::{human, Ctx, Ingested, ReadError};
use chrono::NaiveDate;
use sitrep_model::Report;
use std::io::{BufRead, Read};

pub(crate) fn read(ctx: &Ctx, reader: Box<dyn BufRead>, sink: &mut dyn FnMut(Result<Ingested, ReadError>)) {
    let limit = ctx.opts.max_report_bytes();
    let mut reader = reader;
    let mut buf: Vec<u8> = Vec::new();
    let mut eof = false;
    let mut part = 0usize;
    let mut first_date: Option<Option<NaiveDate>> = None;
    loop {
        // Fill the buffer up to limit + 1 bytes (one more tells whether there is more to come).
        while !eof && buf.len() <= limit {
            let want = (limit + 1 - buf.len()) as u64;
            match (&mut reader).take(want).read_to_end(&mut buf) {
                Ok(0) => eof = true,
                Ok(_) => {}
                Err(e) => {
                    return sink(Err(ctx.err(None, format!("read failed: {}", crate::source::describe_io(&e)))));
                }
            }
        }
        if part == 0 {
            if buf.iter().all(u8::is_ascii_whitespace) && eof {
                return sink(Err(ctx.err(None, "empty file: no report text")));
            }
            if let Some(reason) = binary_reason(&buf) {
                return sink(Err(ctx.err(None, reason)));
            }
            if buf.len() > limit && (buf.starts_with(&[0xFF, 0xFE]) || buf.starts_with(&[0xFE, 0xFF])) {
                return sink(Err(ctx.err(
                    None,
                    format!("UTF-16 text larger than {}: convert it to UTF-8 to read it in parts", human(limit)),
                )));
            }
        }
        if buf.len() <= limit && eof {
            if part == 0 {
                return sink(whole(ctx, buf));
            }
            if !buf.iter().all(u8::is_ascii_whitespace) {
                part += 1;
                sink(part_report(ctx, part, std::mem::take(&mut buf), &mut first_date, limit));
            }
            return;
        }
        let cut = split_point(&buf[..limit]);
        let rest = match cut {
            Some(c) => buf.split_off(c),
            None => {
                // One line longer than the limit with no space in it: skip it.
                part += 1;
                sink(Err(ctx.err(
                    None,
                    format!("part {part}: a run of {} without a line break or space; skipped", human(limit)),
                )));
                let skipped = buf.split_off(limit);
                buf = skipped;
                continue;
            }
        };
        let chunk = std::mem::replace(&mut buf, rest);
        if !chunk.iter().all(u8::is_ascii_whitespace) {
            part += 1;
            sink(part_report(ctx, part, chunk, &mut first_date, limit));
        }
        if eof && buf.iter().all(u8::is_ascii_whitespace) {
            break;
        }
    }
}

/// Where to cut `buf`: after its last paragraph break, else line break, else space.
fn split_point(buf: &[u8]) -> Option<usize> {
    let min = buf.len() / 4; // never cut off a tiny first piece
    let para = buf.windows(2).rposition(|w| w == b"\n\n").map(|i| i + 2).filter(|&i| i > min);
    let para = para.or_else(|| buf.windows(4).rposition(|w| w == b"\r\n\r\n").map(|i| i + 4).filter(|&i| i > min));
    para.or_else(|| buf.iter().rposition(|&b| b == b'\n').map(|i| i + 1).filter(|&i| i > min))
        .or_else(|| buf.iter().rposition(|&b| b == b' ' || b == b'\t').map(|i| i + 1).filter(|&i| i > 0))
}

fn whole(ctx: &Ctx, bytes: Vec<u8>) -> Result<Ingested, ReadError> {
    let decoded = decode(bytes, ctx.opts.encoding.as_deref()).map_err(|m| ctx.err(None, m))?;
    if decoded.text.trim().is_empty() {
        return Err(ctx.err(None, "empty file: no report text"));
    }
    let mut ing = text_report(ctx, ctx.source.stem(), decoded.text, None);
    ing.warnings.splice(0..0, decoded.warnings);
    Ok(ing)
}

fn part_report(
    ctx: &Ctx,
    part: usize,
    bytes: Vec<u8>,
    first_date: &mut Option<Option<NaiveDate>>,
    limit: usize,
) -> Result<Ingested, ReadError> {
    let decoded =
        decode(bytes, ctx.opts.encoding.as_deref()).map_err(|m| ctx.err(None, format!("part {part}: {m}")))?;
    let id = format!("{}#part-{part}", ctx.source.stem());
    let mut ing = text_report(ctx, id, decoded.text, *first_date);
    if first_date.is_none() {
        *first_date = Some(ing.report.published);
    }
    ing.warnings.splice(0..0, decoded.warnings);
    ing.warnings.push(format!(
        "part {part} of a file larger than {}, split at a paragraph boundary (set --max-report-size to change)",
        human(limit)
    ));
    Ok(ing)
}

/// Wraps text as a report, dating it from its dateline, else the file name.
/// `inherited` is the date of an earlier part of the same file.
fn text_report(ctx: &Ctx, id: String, text: String, inherited: Option<Option<NaiveDate>>) -> Ingested {
    let mut warnings = Vec::new();
    let published = match inherited {
        Some(d) => d,
        None => {
            let dl = find_dateline_with(&text, ctx.reference_date());
            match dl.and_then(|d| d.date.map(|date| (date, d.year_inferred))) {
                Some((date, inferred)) => {
                    if inferred && ctx.opts.published.is_none() {
                        warnings.push("dateline has no year: taken from the date in the file name".to_string());
                    }
                    Some(date)
                }
                None => {
                    let d = ctx.file_name_date();
                    if d.is_some() && ctx.opts.published.is_none() {
                        warnings.push("no dateline: publication date taken from the file name".to_string());
                    }
                    d
                }
            }
        }
    };
    let title = if inherited.is_none() { crate::dateline::find_heading(&text) } else { None };
    Ingested { report: Report { id, published, title, text, ..Default::default() }, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ReadOptions, Source};
    use std::io::Cursor;

    fn run(name: &str, data: Vec<u8>, max: usize) -> Vec<Result<Ingested, ReadError>> {
        let source = Source::File(name.into());
        let opts = ReadOptions { max_report_bytes: Some(max), ..Default::default() };
        let ctx = Ctx { name, source: &source, opts: &opts };
        let mut out = Vec::new();
        read(&ctx, Box::new(Cursor::new(data)), &mut |r| out.push(r));
        out
    }

    #[test]
    fn small_file_is_one_report() {
        let out = run("a.txt", b"November 3, 2017\n\nThe army advanced.".to_vec(), 4096);
        assert_eq!(out.len(), 1);
        let r = &out[0].as_ref().unwrap().report;
        assert_eq!(r.id, "a.txt");
        assert_eq!(r.published, NaiveDate::from_ymd_opt(2017, 11, 3));
    }

    #[test]
    fn file_name_date_is_fallback() {
        let out = run("sitrep-2020-02-01.txt", b"Shelling in Idlib.".to_vec(), 4096);
        let ing = out[0].as_ref().unwrap();
        assert_eq!(ing.report.published, NaiveDate::from_ymd_opt(2020, 2, 1));
        assert_eq!(ing.warnings.len(), 1);
    }

    #[test]
    fn big_file_splits_at_paragraphs_and_keeps_every_byte() {
        let para = "Fighting was reported near Bakhmut on Tuesday. Officials said little.\n\n";
        let text = format!("March 3, 2023\n\n{}", para.repeat(200));
        let out = run("big.txt", text.clone().into_bytes(), 2048);
        assert!(out.len() > 5);
        let mut joined = String::new();
        for (i, r) in out.iter().enumerate() {
            let ing = r.as_ref().unwrap();
            assert_eq!(ing.report.id, format!("big.txt#part-{}", i + 1));
            assert!(ing.report.text.len() <= 2048);
            assert_eq!(ing.report.published, NaiveDate::from_ymd_opt(2023, 3, 3));
            if i > 0 {
                assert!(ing.report.text.starts_with("Fighting"), "part {i} starts mid-paragraph");
            }
            joined.push_str(&ing.report.text);
        }
        assert_eq!(joined, text);
    }

    #[test]
    fn endless_line_is_split_at_spaces_or_skipped() {
        let out = run("line.txt", "word ".repeat(2000).into_bytes(), 2048);
        assert!(out.iter().all(|r| r.is_ok()));
        let out = run("blob.txt", vec![b'x'; 5000], 2048);
        assert!(out.iter().any(|r| r.is_err()));
    }

    #[test]
    fn empty_and_binary() {
        assert!(run("e.txt", b"  \n\n ".to_vec(), 4096)[0].as_ref().unwrap_err().message.contains("empty"));
        assert!(run("b.txt", vec![0, 1, 2, 0, 0, 0, 0, 0], 4096)[0].is_err());
    }
}
