//! End-to-end: hostile and malformed inputs never panic, never stop the other inputs of the run,
//! and are named on stderr. Files live in tests/bad-inputs/; big ones are generated here.
//!
//! Building the pipeline (gazetteer, lexicons) dominates a small run in debug builds, so the files
//! that yield reports are checked together in one run, each by what stderr says about it and which
//! report ids it yields; the files that must fail are also run alone (no report is read then, so
//! those runs are cheap) to check their exit code.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn bad_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/bad-inputs")
}

/// What a bad input should do. `Ok`: read with no error, these report ids. `Warn`: the same, with
/// a warning saying `msg`. `Fail`: no report, an error saying `msg`. `Partial`: these report ids
/// and an error saying `msg`.
#[derive(Clone, Copy, Debug)]
enum Want {
    Ok(&'static [&'static str]),
    Warn(&'static [&'static str], &'static str),
    Fail(&'static str),
    Partial(&'static [&'static str], &'static str),
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
    ("windows-1252-declared.html", Want::Warn(&["windows-1252-declared.html"], "converted from windows-1252")),
    ("utf16le-bom.txt", Want::Warn(&["utf16le-bom.txt"], "UTF-16LE")),
    ("utf16be-bom.txt", Want::Warn(&["utf16be-bom.txt"], "UTF-16BE")),
    ("utf16-no-bom.txt", Want::Fail("UTF-16 without a byte-order mark")),
    ("utf8-bom.txt", Want::Ok(&["utf8-bom.txt"])),
    ("utf8-bom.jsonl", Want::Ok(&["bom-1"])),
    ("nul-bytes.txt", Want::Warn(&["nul-bytes.txt"], "NUL byte")),
    ("mostly-nul.txt", Want::Fail("binary")),
    ("control-chars.txt", Want::Ok(&["control-chars.txt"])),
    ("crlf.txt", Want::Ok(&["crlf.txt"])),
    ("truncated.html", Want::Ok(&["truncated.html"])),
    ("empty-body.html", Want::Fail("no article text")),
    ("script-only.html", Want::Fail("no article text")),
    ("deeply-nested.html", Want::Fail("nested")),
    ("unclosed-tags.html", Want::Ok(&["unclosed-tags.html"])),
    ("malformed-feed.xml", Want::Fail("not a readable RSS/Atom feed")),
    ("billion-laughs.xml", Want::Ok(&["laugh-1"])),
    ("external-entity.xml", Want::Ok(&["xxe-1"])),
    ("invalid-dates.rss", Want::Ok(&["d1", "d2", "d3"])),
    ("no-items.rss", Want::Fail("no items")),
    ("items-without-text.atom", Want::Partial(&["h2"], "item 1 (h1): no text")),
    ("not-a-feed.xml", Want::Fail("not a readable RSS/Atom feed")),
    ("html-named.xml", Want::Fail("not a readable RSS/Atom feed")),
    ("broken-line.jsonl", Want::Partial(&["ok-1", "ok-2"], ":2: broken JSON")),
    ("wrong-types.jsonl", Want::Partial(&["t5", "t7", "t8"], ":1: \"text\" must be a string, not a number")),
    ("missing-text.jsonl", Want::Fail(":1: missing \"text\"")),
    ("not-json.jsonl", Want::Fail(":1: broken JSON")),
    ("lone-surrogate.jsonl", Want::Partial(&["s2"], ":1: broken JSON")),
    ("deeply-nested.jsonl", Want::Fail("recursion limit")),
    ("invalid-utf8-line.jsonl", Want::Partial(&["u1"], ":2:")),
    ("bad-dateline.txt", Want::Ok(&["bad-dateline.txt"])),
    ("name with spaces – ü.txt", Want::Ok(&["name with spaces – ü.txt"])),
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

/// The checks every run must pass: exit 0 or 1 (a panic exits 101), no panic message.
fn check_no_panic(label: &str, r: &Run) {
    assert!(matches!(r.code, Some(0) | Some(1)), "{label}: exit {:?} (never 101/panic); stderr:\n{}", r.code, r.stderr);
    assert!(!r.stderr.contains("panicked"), "{label}: panicked:\n{}", r.stderr);
}

/// Checks a run that also read the good report.
fn check_common(label: &str, r: &Run) {
    check_no_panic(label, r);
    assert!(report_ids(r).iter().any(|id| id == "good.txt"), "{label}: the good report was lost:\n{}", r.stderr);
}

fn bad_files() -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(bad_dir()).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    entries
}

#[test]
fn every_bad_input_in_one_run_between_good_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let good = good_report(tmp.path());
    let files = bad_files();
    assert!(files.len() >= 30, "{} bad inputs", files.len());
    // The directory itself: walking it must cope with every file in it.
    let dir = bad_dir().display().to_string();
    let r = run(&[&good, &dir, "/nonexistent/report.txt", &good], None);
    check_common("bad-inputs/", &r);
    assert_eq!(r.code, Some(1));
    let ids = report_ids(&r);
    assert_eq!(ids.first().map(String::as_str), Some("good.txt"));
    assert_eq!(ids.last().map(String::as_str), Some("good.txt"), "the good report after the bad ones");
    assert!(r.stderr.contains("/nonexistent/report.txt: no such file or directory"), "{}", r.stderr);

    let mut failures = Vec::new();
    let mut expected_ids = vec!["good.txt".to_string(), "good.txt".to_string()];
    for path in &files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(want) = CASES.iter().find(|(n, _)| *n == file).map(|(_, w)| *w) else {
            failures.push(format!("{file}: not in CASES; add its expected outcome"));
            continue;
        };
        // stderr lines about this file: "sitrep: <dir>/<file>[:line]: message"
        let tag = format!("/{file}");
        let lines: Vec<&str> = r.stderr.lines().filter(|l| l.contains(&format!("{tag}:"))).collect();
        let errors: Vec<&str> = lines.iter().copied().filter(|l| !l.contains(": warning: ")).collect();
        let says = |msg: &str| lines.iter().any(|l| l.contains(msg));
        let has_ids = |want: &[&str]| want.iter().all(|id| ids.iter().any(|got| got == id));
        let ok = match want {
            Want::Ok(w) => errors.is_empty() && has_ids(w),
            Want::Warn(w, msg) => errors.is_empty() && says(msg) && has_ids(w),
            Want::Fail(msg) => !errors.is_empty() && says(msg),
            Want::Partial(w, msg) => !errors.is_empty() && says(msg) && has_ids(w),
        };
        if let Want::Ok(w) | Want::Warn(w, _) | Want::Partial(w, _) = want {
            expected_ids.extend(w.iter().map(|s| s.to_string()));
        }
        if !ok {
            failures.push(format!("{file}: want {want:?}; stderr about it: {lines:#?}"));
        }
    }
    let mut got = ids.clone();
    got.sort();
    expected_ids.sort();
    if got != expected_ids {
        failures.push(format!("report ids: got {got:?}, want {expected_ids:?}"));
    }
    assert!(failures.is_empty(), "{} failures:\n{}\nstderr:\n{}", failures.len(), failures.join("\n"), r.stderr);
}

#[test]
fn failing_inputs_alone_exit_1_and_name_the_file() {
    // No report is read in these runs, so the pipeline is never built: each run is quick.
    for (file, want) in CASES {
        let Want::Fail(msg) = want else { continue };
        let shown = bad_dir().join(file).display().to_string();
        let r = run(&[&shown], None);
        check_no_panic(file, &r);
        assert_eq!(r.code, Some(1), "{file}: {}", r.stderr);
        assert!(r.stderr.contains(&shown) && r.stderr.contains(msg), "{file}: {}", r.stderr);
        assert!(report_ids(&r).is_empty(), "{file}");
    }
}

#[test]
fn missing_inputs_and_empty_directories() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(&["/nonexistent/report.txt"], None);
    check_no_panic("missing", &r);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("/nonexistent/report.txt: no such file or directory"), "{}", r.stderr);
    let empty = tmp.path().join("empty-dir");
    std::fs::create_dir(&empty).unwrap();
    let r = run(&[&empty.display().to_string()], None);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("no reports found"), "{}", r.stderr);
}

/// Writes `files` into a temporary directory and runs `sitrep extract` on them (in that order)
/// and the good report, with `extra` options.
fn run_generated(files: &[(&str, String)], extra: &[&str]) -> (Run, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    let good = good_report(tmp.path());
    let mut args: Vec<String> = Vec::new();
    for (name, content) in files {
        let p = tmp.path().join(name);
        std::fs::write(&p, content).unwrap();
        args.push(p.display().to_string());
    }
    args.push(good);
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    (run(&args, None), tmp)
}

#[test]
fn generated_huge_inputs_are_bounded() {
    // The limits are scaled down (16 KiB reports) so that the run stays quick in debug builds;
    // the code paths are the ones a 100 MB file takes at the default 1 MiB.
    let huge = format!("{{\"id\":\"huge\",\"text\":\"{}\"}}", "a".repeat(100 << 10));
    let files = [
        // A JSONL line far over the limit between two good lines.
        (
            "huge-line.jsonl",
            format!("{{\"id\":\"j1\",\"text\":\"Before.\"}}\n{huge}\n{{\"id\":\"j3\",\"text\":\"After.\"}}\n"),
        ),
        // A text file that is one enormous word: skipped in pieces, with errors.
        ("blob.txt", "x".repeat(40 << 10)),
        // An enormous single line of words: read in parts split at spaces.
        ("one-line.txt", "Clashes near Bakhmut continued. ".repeat(1_300)), // ≈ 41 KB
        // An HTML page over 4× the limit is refused.
        ("big.html", format!("<html><body><p>{}</p></body></html>", "word ".repeat(20_000))),
    ];
    let (r, _tmp) = run_generated(&files, &["--max-report-size", "16K"]);
    check_common("generated", &r);
    assert_eq!(r.code, Some(1));
    let ids = report_ids(&r);
    let e = &r.stderr;
    assert!(e.contains("huge-line.jsonl:2: line longer than 32 KiB; skipped"), "{e}");
    assert!(ids.contains(&"j1".to_string()) && ids.contains(&"j3".to_string()), "{ids:?}");
    assert!(e.contains("blob.txt: part 1: a run of 16 KiB without a line break or space; skipped"), "{e}");
    assert!(ids.contains(&"one-line.txt#part-3".to_string()), "{ids:?}");
    assert!(!e.contains("one-line.txt: part"), "split at spaces, no error: {e}");
    assert!(e.contains("big.html: HTML page larger than 64 KiB"), "{e}");
}

#[test]
fn generated_deep_inputs_are_refused_or_flattened() {
    let files = [
        // HTML nested 100 000 deep: refused before any tree is built.
        ("deep.html", "<div>".repeat(100_000)),
        // XML nested past the parser's limit: refused.
        (
            "deep.xml",
            format!(
                "<rss version=\"2.0\"><channel><title>D</title><item>{}{}</item></channel></rss>",
                "<x>".repeat(100_000),
                "</x>".repeat(100_000)
            ),
        ),
        // Deep XHTML inside an Atom entry: read (the text is stripped without a DOM).
        (
            "deep-xhtml.atom",
            format!(
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>e1</id><content type=\"xhtml\">{}Convoy hit near Gao.{}</content></entry></feed>",
                "<div>".repeat(30_000),
                "</div>".repeat(30_000)
            ),
        ),
    ];
    let (r, _tmp) = run_generated(&files, &[]);
    check_common("deep", &r);
    assert_eq!(r.code, Some(1));
    let e = &r.stderr;
    assert!(e.contains("deep.html: HTML nested 100000 elements deep"), "{e}");
    assert!(e.contains("deep.xml: not a readable RSS/Atom feed"), "{e}");
    assert!(report_ids(&r).contains(&"e1".to_string()), "{e}");
}

#[test]
fn encoding_option_reads_legacy_files() {
    let latin1 = bad_dir().join("latin1.txt").display().to_string();
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
