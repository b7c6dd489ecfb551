//! RSS 2.0 / RSS 1.0 / Atom / JSON Feed, parsed by `feed-rs`: each item is a report.
//!
//! * id: the item's guid (RSS) or id (Atom), else its link, else `file#N` (N counts items from 1);
//! * title, link (`url`), source (the feed's title), published (the item's date, else a
//!   dateline in its text, else the feed's date);
//! * text: the item's content, else its summary/description, HTML stripped to plain text.
//!
//! Dates keep the day as written in the feed: `Sat, 04 Nov 2017 01:00:00 +0300` is 4 November,
//! not 3 November UTC. An item without any text is an error naming the item; the others are read.

use crate::dateline::{find_dateline_with, parse_date};
use crate::decode::decode;
use crate::html::html_to_text;
use crate::{Ctx, Ingested, ReadError, HTML_FEED_FACTOR};
use chrono::{DateTime, NaiveDate, Utc};
use feed_rs::model::{Entry, Text};
use sitrep_model::Report;
use std::io::BufRead;

pub(crate) fn read(ctx: &Ctx, reader: Box<dyn BufRead>, sink: &mut dyn FnMut(Result<Ingested, ReadError>)) {
    let limit = ctx.opts.max_report_bytes().saturating_mul(HTML_FEED_FACTOR);
    let bytes = match ctx.read_all(reader, limit, "feed") {
        Ok(b) => b,
        Err(e) => return sink(Err(e)),
    };
    if let Some(reason) = crate::decode::binary_reason(&bytes) {
        return sink(Err(ctx.err(None, reason)));
    }
    // UTF-16 feeds are converted first; everything else goes to the XML parser as bytes, which
    // honours the encoding in the XML declaration.
    let bytes = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        match decode(bytes, None) {
            Ok(d) => strip_encoding_decl(d.text).into_bytes(),
            Err(m) => return sink(Err(ctx.err(None, m))),
        }
    } else {
        bytes
    };
    let parser =
        feed_rs::parser::Builder::new().id_generator(|_, _, _| String::new()).timestamp_parser(parse_timestamp).build();
    let feed = match parser.parse(bytes.as_slice()) {
        Ok(f) => f,
        Err(e) => return sink(Err(ctx.err(None, format!("not a readable RSS/Atom feed: {e}")))),
    };
    let source = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let feed_date = feed.updated.map(|d| d.date_naive());
    if feed.entries.is_empty() {
        return sink(Err(ctx.err(None, "feed has no items")));
    }
    for (i, entry) in feed.entries.iter().enumerate() {
        sink(item(ctx, i + 1, entry, source.clone(), feed_date));
    }
}

fn item(
    ctx: &Ctx,
    n: usize,
    entry: &Entry,
    source: Option<String>,
    feed_date: Option<NaiveDate>,
) -> Result<Ingested, ReadError> {
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty());
    let id = Some(entry.id.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| link.clone())
        .unwrap_or_else(|| format!("{}#{n}", ctx.source.stem()));
    let title = entry.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let body = entry
        .content
        .as_ref()
        .and_then(|c| {
            let ty = c.content_type.to_string();
            c.body.as_ref().map(|b| {
                if ty.contains("html") || looks_like_html(b) {
                    html_to_text(b)
                } else {
                    b.trim().to_string()
                }
            })
        })
        .filter(|t| !t.is_empty())
        .or_else(|| entry.summary.as_ref().map(text_of).filter(|t| !t.is_empty()));
    let Some(mut text) = body else {
        return Err(ctx.err(None, format!("item {n} ({id}): no text (neither content nor description)")));
    };
    let mut warnings = Vec::new();
    if text.contains('\0') {
        text = text.replace('\0', " ");
        warnings.push("NUL characters in the text replaced by spaces".to_string());
    }
    let published = match entry.published.or(entry.updated) {
        Some(d) => Some(d.date_naive()),
        None => {
            let from_dateline = find_dateline_with(&text, feed_date.or(ctx.reference_date())).and_then(|d| d.date);
            if from_dateline.is_none() && feed_date.is_some() {
                warnings.push("item has no readable date: the feed's date is used".to_string());
            }
            from_dateline.or(feed_date)
        }
    };
    Ok(Ingested { report: Report { id, source, url: link, published, title, text }, warnings })
}

fn text_of(t: &Text) -> String {
    let ty = t.content_type.to_string();
    if ty.contains("html") || looks_like_html(&t.content) {
        html_to_text(&t.content)
    } else {
        t.content.trim().to_string()
    }
}

fn looks_like_html(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    ["<p>", "<p ", "<br", "<div", "<a ", "<b>", "<i>", "<em>", "<strong>", "<span", "<img", "&amp;", "&lt;", "&#"]
        .iter()
        .any(|t| l.contains(t))
}

/// Parses a feed timestamp, keeping the wall-clock date as written (the offset is dropped).
fn parse_timestamp(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.naive_local().and_utc());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.naive_local().and_utc());
    }
    parse_date(s).and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc())
}

/// After converting UTF-16 to UTF-8 the declaration's `encoding="UTF-16"` would mislead the parser.
fn strip_encoding_decl(text: String) -> String {
    if let Some(rest) = text.strip_prefix("<?xml") {
        if let Some(end) = rest.find("?>") {
            return format!("<?xml version=\"1.0\"?>{}", &rest[end + 2..]);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ReadOptions, Source};
    use std::io::Cursor;

    fn run(data: &str) -> Vec<Result<Ingested, ReadError>> {
        let source = Source::File("f.xml".into());
        let opts = ReadOptions::default();
        let ctx = Ctx { name: "f.xml", source: &source, opts: &opts };
        let mut out = Vec::new();
        read(&ctx, Box::new(Cursor::new(data.as_bytes().to_vec())), &mut |r| out.push(r));
        out
    }

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Desk Wire</title><link>https://example.org/</link>
<item><title>Clashes near Gao</title><link>https://example.org/gao</link><guid>gao-1</guid>
<pubDate>Sat, 04 Nov 2017 01:00:00 +0300</pubDate>
<description>&lt;p&gt;Fighting was reported near &lt;b&gt;Gao&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Two killed.&lt;/p&gt;</description></item>
<item><title>No guid</title><link>https://example.org/two</link><description>Plain text item.</description></item>
<item><title>Nothing</title><description>BAMAKO, 12 March 2023 (AFP) - Item text.</description></item>
<item><title>Empty</title></item>
</channel></rss>"#;

    #[test]
    fn rss_items() {
        let out = run(RSS);
        assert_eq!(out.len(), 4);
        let a = &out[0].as_ref().unwrap().report;
        assert_eq!(a.id, "gao-1");
        assert_eq!(a.title.as_deref(), Some("Clashes near Gao"));
        assert_eq!(a.source.as_deref(), Some("Desk Wire"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/gao"));
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2017, 11, 4));
        assert_eq!(a.text, "Fighting was reported near Gao.\n\nTwo killed.");
        assert_eq!(out[1].as_ref().unwrap().report.id, "https://example.org/two");
        let c = &out[2].as_ref().unwrap().report;
        assert_eq!(c.id, "f.xml#3");
        assert_eq!(c.published, NaiveDate::from_ymd_opt(2023, 3, 12));
        assert!(out[3].as_ref().unwrap_err().message.contains("item 4"));
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Front</title><updated>2022-03-02T00:00:00Z</updated>
<entry><id>urn:x:1</id><title type="html">Kharkiv &amp;amp; Izium</title><link href="https://example.org/k"/>
<updated>2022-03-01T23:30:00-05:00</updated><content type="html">&lt;p&gt;Shelling continued.&lt;/p&gt;</content></entry></feed>"#;
        let out = run(atom);
        let r = &out[0].as_ref().unwrap().report;
        assert_eq!(r.id, "urn:x:1");
        assert_eq!(r.title.as_deref(), Some("Kharkiv & Izium"));
        assert_eq!(r.published, NaiveDate::from_ymd_opt(2022, 3, 1));
        assert_eq!(r.text, "Shelling continued.");
    }

    #[test]
    fn entities_are_not_expanded() {
        let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>L</title><item><guid>1</guid><description>&lol2; Hama.</description></item></channel></rss>"#;
        let xxe = r#"<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>X</title><item><guid>1</guid><description>A &xxe; B</description></item></channel></rss>"#;
        for feed in [laughs, xxe] {
            for ing in run(feed).into_iter().flatten() {
                let t = &ing.report.text;
                assert!(!t.contains("lollol") && !t.contains("root:"), "{t}");
            }
        }
    }

    #[test]
    fn malformed_feeds_are_errors() {
        assert!(run("<rss version=\"2.0\"><channel><item><title>x</ti").iter().all(|r| r.is_err()));
        assert!(run("<html><body>not a feed</body></html>").iter().all(|r| r.is_err()));
    }
}
