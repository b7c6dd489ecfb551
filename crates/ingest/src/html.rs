//! HTML articles: the main text is extracted with `dom_smoothie` (a port of Mozilla's
//! Readability); title, date, source and URL come from the page's metadata.
//!
//! The report text is the extracted plain text (paragraphs separated by blank lines); spans point
//! into it, not into the HTML. Date, in order: `article:published_time` and other publication
//! `<meta>` tags, JSON-LD `datePublished`, `<meta name="date">`-style tags, `itemprop=datePublished`,
//! `<time datetime>`, a dateline in the text, a date in the file name. Source: `og:site_name`,
//! JSON-LD publisher, `application-name`. URL: `<link rel="canonical">`, `og:url`.

use crate::dateline::{find_dateline_with, parse_date};
use crate::decode::decode;
use crate::{Ctx, Ingested, ReadError, HTML_FEED_FACTOR};
use chrono::NaiveDate;
use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use sitrep_model::Report;
use std::io::BufRead;

/// Elements nested deeper than this are refused: tree builders and text walkers recurse, and a
/// hostile page (`<div>` × 100 000) must not exhaust the stack.
pub const MAX_NESTING: usize = 512;
/// Pages with more elements than this are not scored by readability (the body text is used).
const MAX_ELEMENTS: usize = 200_000;

pub(crate) fn read(ctx: &Ctx, reader: Box<dyn BufRead>, sink: &mut dyn FnMut(Result<Ingested, ReadError>)) {
    let limit = ctx.opts.max_report_bytes().saturating_mul(HTML_FEED_FACTOR);
    let bytes = match ctx.read_all(reader, limit, "HTML page") {
        Ok(b) => b,
        Err(e) => return sink(Err(e)),
    };
    sink(page(ctx, bytes))
}

fn page(ctx: &Ctx, bytes: Vec<u8>) -> Result<Ingested, ReadError> {
    let charset = declared_charset(&bytes);
    let charset = charset.or_else(|| ctx.opts.encoding.clone());
    let decoded = decode(bytes, charset.as_deref()).map_err(|m| ctx.err(None, m))?;
    let depth = nesting_depth(&decoded.text);
    if depth > MAX_NESTING {
        return Err(ctx.err(None, format!("HTML nested {depth} elements deep (limit {MAX_NESTING}): refused")));
    }
    let mut article = extract(&decoded.text);
    if article.text.trim().is_empty() {
        return Err(ctx.err(None, "no article text found in the HTML page"));
    }
    let mut warnings = decoded.warnings;
    warnings.append(&mut article.warnings);
    let published = match article.published {
        Some(d) => Some(d),
        None => {
            let dl = find_dateline_with(&article.text, ctx.reference_date()).and_then(|d| d.date);
            dl.or_else(|| ctx.file_name_date())
        }
    };
    let report = Report {
        id: ctx.source.stem(),
        source: article.source,
        url: article.url,
        published,
        title: article.title,
        text: article.text,
    };
    Ok(Ingested { report, warnings })
}

/// What is extracted from one page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HtmlArticle {
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub text: String,
    pub warnings: Vec<String>,
}

/// Extracts the article text and metadata from an HTML page.
pub fn extract(html: &str) -> HtmlArticle {
    let doc = Document::from(html);
    let meta = Meta::of(&doc);
    let cfg = Config { text_mode: TextMode::Formatted, max_elements_to_parse: MAX_ELEMENTS, ..Default::default() };
    let mut warnings = Vec::new();
    let (title, text) = match Readability::with_document(doc, None, Some(cfg)).and_then(|mut r| r.parse()) {
        Ok(a) => (Some(a.title.trim().to_string()).filter(|t| !t.is_empty()), a.text_content.to_string()),
        Err(e) => {
            warnings.push(format!("readability found no article ({e}); using the page's whole text"));
            let doc = Document::from(html);
            doc.select("script, style, noscript, template, nav, header, footer").remove();
            let body = doc.select_single("body");
            let text = if body.exists() { body.formatted_text() } else { doc.formatted_text() };
            (None, text.to_string())
        }
    };
    HtmlArticle {
        title: meta.title.or(title),
        published: meta.published,
        source: meta.source,
        url: meta.url,
        text: tidy(&text),
        warnings,
    }
}

/// Plain text of an HTML fragment (a feed item's content), paragraphs kept apart.
pub fn html_to_text(fragment: &str) -> String {
    if nesting_depth(fragment) > MAX_NESTING {
        return tidy(&strip_tags(fragment));
    }
    let doc = Document::fragment(fragment);
    doc.select("script, style, noscript, template").remove();
    tidy(&doc.formatted_text())
}

/// A crude tag stripper for pages too deep for a DOM.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len() / 2);
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Keeps lines, trims each, collapses runs of blank lines to one and of spaces to one.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let mut l = String::with_capacity(line.len());
        let mut prev_space = false;
        for c in line.trim().chars() {
            let c = if c == '\u{a0}' || c == '\t' { ' ' } else { c };
            if c == ' ' {
                if !prev_space {
                    l.push(' ');
                }
                prev_space = true;
            } else {
                l.push(c);
                prev_space = false;
            }
        }
        if l.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(&l);
    }
    out
}

/// The deepest element nesting, counted over open/close tags (void and self-closed tags and
/// elements that close implicitly — p, li, td, … — do not count).
pub fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p",
        "li", "td", "tr", "th", "dt", "dd", "option", "!doctype", "param", "keygen", "basefont", "frame",
    ];
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if b[i..].starts_with(b"<!--") {
            match html[i..].find("-->") {
                Some(e) => i += e + 3,
                None => break,
            }
            continue;
        }
        let closing = b.get(i + 1) == Some(&b'/');
        let name_start = i + 1 + closing as usize;
        let name_end = b[name_start..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'!'))
            .map_or(b.len(), |p| p + name_start);
        if name_end == name_start {
            i += 1;
            continue;
        }
        let name = html[name_start..name_end].to_ascii_lowercase();
        let tag_end = b[name_end..].iter().position(|&c| c == b'>').map_or(b.len(), |p| p + name_end);
        let self_closed = tag_end > 0 && b.get(tag_end - 1) == Some(&b'/');
        if !VOID.contains(&name.as_str()) && !self_closed {
            if closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                max = max.max(depth);
            }
        }
        if matches!(name.as_str(), "script" | "style") && !closing {
            match html[tag_end.min(html.len())..].to_ascii_lowercase().find(&format!("</{name}")) {
                Some(e) => i = tag_end + e,
                None => break,
            }
            continue;
        }
        i = tag_end + 1;
    }
    max
}

/// `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">`.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let i = head.find("charset=")?;
    let rest = head[i + 8..].trim_start_matches(['"', '\'', ' ']);
    let cs: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    (!cs.is_empty()).then_some(cs)
}

#[derive(Default)]
struct Meta {
    title: Option<String>,
    published: Option<NaiveDate>,
    source: Option<String>,
    url: Option<String>,
}

impl Meta {
    fn of(doc: &Document) -> Meta {
        let meta = |sel: &str| -> Option<String> {
            doc.select(sel)
                .iter()
                .filter_map(|n| n.attr("content"))
                .map(|c| c.trim().to_string())
                .find(|c| !c.is_empty())
        };
        let json_ld = json_ld(doc);
        let title = meta(r#"meta[property="og:title"]"#)
            .or_else(|| json_ld.as_ref().and_then(|j| ld_str(j, "headline")))
            .or_else(|| meta(r#"meta[name="twitter:title"]"#));
        let date_metas = [
            r#"meta[property="article:published_time"]"#,
            r#"meta[name="article:published_time"]"#,
            r#"meta[property="og:published_time"]"#,
        ];
        let other_metas = [
            r#"meta[name="date"]"#,
            r#"meta[name="Date"]"#,
            r#"meta[name="pubdate"]"#,
            r#"meta[name="publishdate"]"#,
            r#"meta[name="publish-date"]"#,
            r#"meta[name="dc.date"]"#,
            r#"meta[name="DC.date"]"#,
            r#"meta[name="DC.date.issued"]"#,
            r#"meta[name="dcterms.created"]"#,
            r#"meta[name="sailthru.date"]"#,
            r#"meta[name="parsely-pub-date"]"#,
            r#"meta[itemprop="datePublished"]"#,
        ];
        let published = date_metas
            .iter()
            .find_map(|s| meta(s).and_then(|v| parse_date(&v)))
            .or_else(|| json_ld.as_ref().and_then(|j| ld_str(j, "datePublished")).and_then(|v| parse_date(&v)))
            .or_else(|| other_metas.iter().find_map(|s| meta(s).and_then(|v| parse_date(&v))))
            .or_else(|| {
                let times = doc.select("time[datetime]");
                let nodes = times.nodes();
                let preferred = nodes
                    .iter()
                    .find(|n| {
                        n.has_attr("pubdate")
                            || n.attr("itemprop").is_some_and(|v| v.contains("datePublished"))
                            || n.attr("class").is_some_and(|v| v.to_lowercase().contains("publish"))
                    })
                    .or(nodes.first());
                preferred.and_then(|n| n.attr("datetime")).and_then(|v| parse_date(&v))
            });
        let source = meta(r#"meta[property="og:site_name"]"#)
            .or_else(|| json_ld.as_ref().and_then(|j| j.get("publisher")).and_then(|p| ld_str(p, "name")))
            .or_else(|| meta(r#"meta[name="application-name"]"#));
        let url = doc
            .select(r#"link[rel="canonical"]"#)
            .iter()
            .filter_map(|n| n.attr("href"))
            .map(|h| h.trim().to_string())
            .find(|h| !h.is_empty())
            .or_else(|| meta(r#"meta[property="og:url"]"#))
            .or_else(|| json_ld.as_ref().and_then(|j| ld_str(j, "url")));
        Meta { title, published, source, url }
    }
}

/// The first JSON-LD object that looks like an article (`datePublished` or `headline`), looking
/// inside arrays and `@graph`.
fn json_ld(doc: &Document) -> Option<serde_json::Value> {
    for node in doc.select(r#"script[type="application/ld+json"]"#).nodes() {
        let text = node.text();
        let Ok(v) = serde_json::from_str::<serde_json::Value>(text.trim()) else { continue };
        let mut stack = vec![v];
        let mut steps = 0;
        while let Some(v) = stack.pop() {
            steps += 1;
            if steps > 1000 {
                break;
            }
            match v {
                serde_json::Value::Array(a) => stack.extend(a.into_iter().rev()),
                serde_json::Value::Object(ref o) => {
                    if o.contains_key("datePublished") || o.contains_key("headline") {
                        return Some(v);
                    }
                    if let Some(g) = o.get("@graph") {
                        stack.push(g.clone());
                    }
                }
                _ => {}
            }
        }
    }
    None
}

fn ld_str(v: &serde_json::Value, key: &str) -> Option<String> {
    match v.get(key)? {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        serde_json::Value::Array(a) => a.iter().find_map(|x| x.as_str().map(str::to_string)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Army enters town | Example News</title>
<meta property="og:title" content="Army enters town">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2019-10-14T06:00:00+03:00">
<link rel="canonical" href="https://example.org/a/1">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Army enters town</h1>
<p>Government troops entered Manbij on Monday, according to state media. Residents said the streets were quiet and that no fighting had been heard overnight.</p>
<p>Kurdish-led forces did not comment. A spokesman said talks would continue in the coming days, and that a joint patrol was planned for the weekend.</p>
<p>The move follows an agreement reached late on Sunday between the two sides, officials said. Further deployments are expected along the border.</p>
</article><footer>Copyright</footer></body></html>"#;

    #[test]
    fn metadata_and_text() {
        let a = extract(PAGE);
        assert_eq!(a.title.as_deref(), Some("Army enters town"));
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2019, 10, 14));
        assert_eq!(a.source.as_deref(), Some("Example News"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a/1"));
        assert!(a.text.contains("Government troops entered Manbij"), "{}", a.text);
        assert!(a.text.contains("\n\nKurdish-led forces"), "{}", a.text);
        assert!(!a.text.contains("Copyright"), "{}", a.text);
    }

    #[test]
    fn json_ld_and_time_dates() {
        let ld = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","headline":"H","datePublished":"2022-03-01T10:00:00Z","publisher":{"name":"Wire"}}]}</script></head><body><p>Text about Kharkiv.</p></body></html>"#;
        let a = extract(ld);
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2022, 3, 1));
        assert_eq!(a.source.as_deref(), Some("Wire"));
        let t = r#"<html><body><article><time datetime="2023-07-26">26 July</time><p>Soldiers in Niamey.</p></article></body></html>"#;
        assert_eq!(extract(t).published, NaiveDate::from_ymd_opt(2023, 7, 26));
        let m = r#"<html><head><meta name="date" content="2016-12-13"></head><body><p>Aleppo.</p></body></html>"#;
        assert_eq!(extract(m).published, NaiveDate::from_ymd_opt(2016, 12, 13));
    }

    #[test]
    fn depth_is_counted() {
        assert_eq!(nesting_depth("<div><div><p>x<br></div></div>"), 2);
        assert_eq!(nesting_depth(&"<div>".repeat(5000)), 5000);
        assert_eq!(nesting_depth("<script>if (a<b) {}</script><b>x</b>"), 1);
    }

    #[test]
    fn fragments_become_text() {
        assert_eq!(html_to_text("<p>One &amp; two.</p><p>Three.</p>"), "One & two.\n\nThree.");
        assert_eq!(html_to_text("plain"), "plain");
    }

    #[test]
    fn charset_is_found() {
        assert_eq!(declared_charset(b"<meta charset=\"windows-1256\">").as_deref(), Some("windows-1256"));
        assert_eq!(
            declared_charset(b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>").as_deref(),
            Some("iso-8859-1")
        );
    }
}

#[cfg(test)]
mod deep_tests {
    use super::*;

    #[test]
    fn deepest_allowed_page_does_not_overflow_the_stack() {
        let depth = MAX_NESTING;
        let html = format!(
            "<html><body>{}<p>Deep text in Raqqa.</p>{}</body></html>",
            "<div>".repeat(depth - 2),
            "</div>".repeat(depth - 2)
        );
        assert!(nesting_depth(&html) <= MAX_NESTING);
        let t = std::thread::Builder::new().stack_size(2 << 20).spawn(move || extract(&html).text).unwrap();
        assert!(t.join().unwrap().contains("Deep text"));
    }
}
