//! End-to-end: hostile and malformed inputs never panic, never stop the other inputs of the run,
//! and are named on stderr. Files live in tests/bad-inputs/; big ones are generated here.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn bad_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/bad-inputs")
}

/// What a bad input should do. `Ok`: read, exit 0. `Fail`: no report from it, exit 1, stderr
/// says `msg`. `Partial`: some reports, exit 1, stderr says `msg`. `Warn`: read, exit 0, a
/// warning on stderr saying `msg`.
#[derive(Clone, Copy, Debug)]
enum Want {
    Ok(usize),
    Warn(usize, &'static str),
    Fail(&'static str),
    Partial(usize, &'static str),
}

const CASES: &[(&str, Want)] = &[
    ("empty.txt", Want::Fail("empty file")),
    ("whitespace-only.txt", Want::Fail("empty file")),
    ("image.png", Want::Fail("PNG image")),
    ("pdf-named.txt", Want::Fail("PDF")),
    ("random-bytes.dat", Want::Fail("binary")),
    ("gzip-named.jsonl", Want::Fail("gzip")),
    ("latin1.txt", Want::Fail("not valid UTF-8")),
    ("mixed-encodings.txt", Want::Fail("line 4")),
    ("windows-1252-declared.html", Want::Warn(1, "converted from windows-1252")),
    ("utf16le-bom.txt", Want::Warn(1, "UTF-16LE")),
    ("utf16be-bom.txt", Want::Warn(1, "UTF-16BE")),
    ("utf16-no-bom.txt", Want::Fail("UTF-16 without a byte-order mark")),
    ("utf8-bom.txt", Want::Ok(1)),
    ("utf8-bom.jsonl", Want::Ok(1)),
    ("nul-bytes.txt", Want::Warn(1, "NUL byte")),
    ("mostly-nul.txt", Want::Fail("binary")),
    ("control-chars.txt", Want::Ok(1)),
    ("crlf.txt", Want::Ok(1)),
    ("truncated.html", Want::Ok(1)),
    ("empty-body.html", Want::Fail("no article text")),
    ("script-only.html", Want::Fail("no article text")),
    ("deeply-nested.html", Want::Fail("nested")),
    ("unclosed-tags.html", Want::Ok(1)),
    ("malformed-feed.xml", Want::Fail("not a readable RSS/Atom feed")),
    ("billion-laughs.xml", Want::Ok(1)),
    ("external-entity.xml", Want::Ok(1)),
    ("invalid-dates.rss", Want::Ok(3)),
    ("no-items.rss", Want::Fail("no items")),
    ("items-without-text.atom", Want::Partial(1, "item 1 (h1): no text")),
    ("not-a-feed.xml", Want::Fail("not a readable RSS/Atom feed")),
    ("html-named.xml", Want::Fail("not a readable RSS/Atom feed")),
    ("broken-line.jsonl", Want::Partial(2, ":2: broken JSON")),
    ("wrong-types.jsonl", Want::Partial(3, ":1: \"text\" must be a string, not a number")),
    ("missing-text.jsonl", Want::Fail(":1: missing \"text\"")),
    ("not-json.jsonl", Want::Fail(":1: broken JSON")),
    ("lone-surrogate.jsonl", Want::Partial(1, ":1: broken JSON")),
    ("deeply-nested.jsonl", Want::Fail("recursion limit")),
    ("invalid-utf8-line.jsonl", Want::Partial(1, ":2:")),
    ("bad-dateline.txt", Want::Ok(1)),
    ("name with spaces – ü.txt", Want::Ok(1)),
];

struct Run {
    code: Option<i32>,
    stderr: String,
    records: Vec<Value>,
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = Command::cargo_bin("sitrep").expect("binary");
    cmd.arg("extract").args(args);
    if let Some(s) = stdin {
        cmd.write_stdin(s.to_vec());
    }
    let out = cmd.output().expect("run sitrep");
    let records = serde_json::Deserializer::from_slice(&out.stdout)
        .into_iter::<Value>()
        .map(|v| v.expect("stdout is valid JSON records"))
        .collect();
    Run { code: out.status.code(), stderr: String::from_utf8_lossy(&out.stderr).into_owned(), records }
}

fn good_report(dir: &Path) -> String {
    let p = dir.join("good.txt");
    std::fs::write(&p, "November 3, 2017\n\nThe army retook the town of Mayadin, officials said.\n").unwrap();
    p.display().to_string()
}

fn report_ids(r: &Run) -> Vec<String> {
    r.records
        .iter()
        .filter(|v| v["record"] == "report")
        .map(|v| v["report"]["id"].as_str().unwrap_or("").to_string())
        .collect()
}

/// The checks every bad input must pass, next to a good report in the same run.
fn check_common(label: &str, r: &Run) {
    assert!(matches!(r.code, Some(0) | Some(1)), "{label}: exit {:?} (never 101/panic); stderr:\n{}", r.code, r.stderr);
    assert!(!r.stderr.contains("panicked"), "{label}: panicked:\n{}", r.stderr);
    assert!(report_ids(r).iter().any(|id| id == "good.txt"), "{label}: the good report was lost:\n{}", r.stderr);
}

#[test]
fn every_bad_input_is_handled() {
    let tmp = tempfile::tempdir().unwrap();
    let good = good_report(tmp.path());
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(bad_dir()).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    assert!(entries.len() >= 30, "{} bad inputs", entries.len());
    let mut failures = Vec::new();
    for path in &entries {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let shown = path.display().to_string();
        let r = run(&[&shown, &good], None);
        check_common(&file, &r);
        let from_bad = report_ids(&r).len() - 1;
        let want = CASES.iter().find(|(n, _)| *n == file).map(|(_, w)| *w);
        let Some(want) = want else {
            failures.push(format!("{file}: not in CASES; add its expected outcome"));
            continue;
        };
        let ok = match want {
            Want::Ok(n) => r.code == Some(0) && from_bad == n,
            Want::Warn(n, msg) => {
                r.code == Some(0) && from_bad == n && r.stderr.contains(&shown) && r.stderr.contains(msg)
            }
            Want::Fail(msg) => {
                r.code == Some(1) && from_bad == 0 && r.stderr.contains(&shown) && r.stderr.contains(msg)
            }
            Want::Partial(n, msg) => {
                r.code == Some(1) && from_bad == n && r.stderr.contains(&shown) && r.stderr.contains(msg)
            }
        };
        if !ok {
            failures.push(format!(
                "{file}: want {want:?}, got exit {:?}, {from_bad} reports, stderr:\n{}",
                r.code, r.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_whole_bad_directory_in_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let good = good_report(tmp.path());
    let dir = bad_dir().display().to_string();
    let r = run(&[&good, &dir, &good], None);
    check_common("bad-inputs/", &r);
    assert_eq!(r.code, Some(1));
    assert_eq!(report_ids(&r).iter().filter(|id| *id == "good.txt").count(), 2, "both good reports, before and after");
}

#[test]
fn missing_file_and_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let good = good_report(tmp.path());
    let r = run(&["/nonexistent/report.txt", &good], None);
    check_common("missing", &r);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("/nonexistent/report.txt: no such file or directory"), "{}", r.stderr);
    let empty = tmp.path().join("empty-dir");
    std::fs::create_dir(&empty).unwrap();
    let r = run(&[&empty.display().to_string()], None);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("no reports found"), "{}", r.stderr);
}

#[test]
fn generated_huge_inputs_are_bounded() {
    let tmp = tempfile::tempdir().unwrap();
    let good = good_report(tmp.path());
    // A JSONL line far over the limit between two good lines.
    let jl = tmp.path().join("huge-line.jsonl");
    let huge = format!("{{\"id\":\"huge\",\"text\":\"{}\"}}", "a".repeat(3 << 20));
    std::fs::write(
        &jl,
        format!("{{\"id\":\"j1\",\"text\":\"Before.\"}}\n{huge}\n{{\"id\":\"j3\",\"text\":\"After.\"}}\n"),
    )
    .unwrap();
    let r = run(&[&jl.display().to_string(), &good, "--max-report-size", "256K"], None);
    check_common("huge-line.jsonl", &r);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("huge-line.jsonl:2: line longer than 512 KiB; skipped"), "{}", r.stderr);
    assert!(report_ids(&r).contains(&"j1".to_string()) && report_ids(&r).contains(&"j3".to_string()));

    // A text file that is one enormous line of one word: skipped in pieces, with errors.
    let blob = tmp.path().join("blob.txt");
    std::fs::write(&blob, "x".repeat(600 << 10)).unwrap();
    let r = run(&[&blob.display().to_string(), &good, "--max-report-size", "256K"], None);
    check_common("blob.txt", &r);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("without a line break or space"), "{}", r.stderr);

    // An enormous single line of words: read in parts split at spaces.
    let line = tmp.path().join("one-line.txt");
    std::fs::write(&line, "Clashes near Bakhmut continued. ".repeat(20_000)).unwrap(); // 640 KB
    let r = run(&[&line.display().to_string(), &good, "--max-report-size", "256K"], None);
    check_common("one-line.txt", &r);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(report_ids(&r).contains(&"one-line.txt#part-3".to_string()), "{:?}", report_ids(&r));

    // An HTML page over 4× the limit is refused; a page nested 100 000 deep is refused quickly.
    let big_html = tmp.path().join("big.html");
    std::fs::write(&big_html, format!("<html><body><p>{}</p></body></html>", "word ".repeat(300_000))).unwrap();
    let deep = tmp.path().join("deep.html");
    std::fs::write(&deep, "<div>".repeat(100_000)).unwrap();
    let r =
        run(&[&big_html.display().to_string(), &deep.display().to_string(), &good, "--max-report-size", "256K"], None);
    check_common("big/deep html", &r);
    assert!(r.stderr.contains("big.html: HTML page larger than 1 MiB"), "{}", r.stderr);
    assert!(r.stderr.contains("deep.html: HTML nested 100000 elements deep"), "{}", r.stderr);
}

#[test]
fn generated_deep_xml() {
    let tmp = tempfile::tempdir().unwrap();
    let good = good_report(tmp.path());
    // Nesting past the XML parser's limit: refused.
    let deep = tmp.path().join("deep.xml");
    let body = format!("{}{}", "<x>".repeat(100_000), "</x>".repeat(100_000));
    std::fs::write(&deep, format!("<rss version=\"2.0\"><channel><title>D</title><item>{body}</item></channel></rss>"))
        .unwrap();
    // Deep XHTML inside an Atom entry: read (the text is stripped without a DOM).
    let xhtml = tmp.path().join("deep-xhtml.atom");
    let div = format!("{}Convoy hit near Gao.{}", "<div>".repeat(30_000), "</div>".repeat(30_000));
    std::fs::write(
        &xhtml,
        format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>e1</id><content type=\"xhtml\">{div}</content></entry></feed>"),
    )
    .unwrap();
    let r = run(&[&deep.display().to_string(), &xhtml.display().to_string(), &good], None);
    check_common("deep xml", &r);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("deep.xml: not a readable RSS/Atom feed"), "{}", r.stderr);
    assert!(report_ids(&r).contains(&"e1".to_string()), "{}", r.stderr);
}

#[test]
fn encoding_option_reads_legacy_files() {
    let dir = bad_dir();
    let latin1 = dir.join("latin1.txt").display().to_string();
    let r = run(&[&latin1, "--encoding", "windows-1252"], None);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("converted from windows-1252"), "{}", r.stderr);
    assert_eq!(r.records[0]["report"]["published"], "2017-11-03");
    let r = run(&[&latin1, "--encoding", "klingon"], None);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("unknown encoding"), "{}", r.stderr);
}

#[test]
fn bad_stdin_is_named() {
    let r = run(&["-"], Some(b"{\"id\":\"s1\",\"text\":\"Good.\"}\n{broken\n"));
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("<stdin>:2: broken JSON"), "{}", r.stderr);
    assert_eq!(report_ids(&r), ["s1"]);
    let r = run(&["-"], Some(b"\x00\x01\x02\x03binary\x00\x00\x00\x00\x00"));
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("<stdin>: binary"), "{}", r.stderr);
    let r = run(&["-"], Some(b""));
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("<stdin>: empty"), "{}", r.stderr);
}

/// The 100 MB case of the issue, for a manual run (slow in debug builds):
/// `cargo test -p sitrep --test extract_bad_inputs -- --ignored`.
#[test]
#[ignore]
fn hundred_megabyte_text_file() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("hundred.txt");
    let para = "Shelling was reported near Avdiivka on Tuesday, officials said. Residents did not leave.\n\n";
    std::fs::write(&p, para.repeat((100 << 20) / para.len())).unwrap();
    let r = run(&[&p.display().to_string()], None);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(report_ids(&r).len() >= 25);
}
