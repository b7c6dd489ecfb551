//! End-to-end: every reader through the `sitrep` binary, on the bundled example reports.
//!
//! Building the pipeline dominates a small run in debug builds, so the example directory is read
//! once (shared by the tests below) and the option tests combine inputs.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(name: &str) -> String {
    root().join("examples/reports").join(name).display().to_string()
}

fn seed() -> Option<String> {
    // Third-party text, read at run time only; tests skip it when ../shared is not there.
    let p = root().join("../shared/seed/report-2017-11-03.txt");
    p.exists().then(|| p.display().to_string())
}

fn sitrep() -> Command {
    Command::cargo_bin("sitrep").expect("binary")
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    records: Vec<Value>,
}

fn run(args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = sitrep();
    cmd.arg("extract").args(args);
    if let Some(s) = stdin {
        cmd.write_stdin(s.to_string());
    }
    let out = cmd.output().expect("run");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        records: records(&out.stdout),
    }
}

/// Runs `sitrep extract ARGS`, expects success, returns the records.
fn extract_ok(args: &[&str], stdin: Option<&str>) -> Run {
    let r = run(args, stdin);
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    r
}

fn records(stdout: &[u8]) -> Vec<Value> {
    serde_json::Deserializer::from_slice(stdout).into_iter::<Value>().map(|v| v.expect("valid JSON record")).collect()
}

fn reports(recs: &[Value]) -> Vec<&Value> {
    recs.iter().filter(|r| r["record"] == "report").map(|r| &r["report"]).collect()
}

/// The `report` record (whole, with `sentences` and `warnings`) of report `id`.
fn record_of<'a>(recs: &'a [Value], id: &str) -> &'a Value {
    recs.iter().find(|r| r["record"] == "report" && r["report"]["id"] == id).unwrap_or_else(|| panic!("no report {id}"))
}

/// `sitrep extract examples/reports/ [seed]`, run once for all the tests that read it.
fn examples_run() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| {
        let dir = root().join("examples/reports").display().to_string();
        let mut args = vec![dir];
        args.extend(seed());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        extract_ok(&args, None)
    })
}

#[test]
fn the_examples_directory_reads_cleanly() {
    let r = examples_run();
    let reps = reports(&r.records);
    assert!(reps.len() >= 11, "{} reports", reps.len());
    for rep in &reps {
        assert!(rep["published"].is_string(), "undated: {rep}");
    }
    assert_eq!(r.records[0]["record"], "report");
}

#[test]
fn text_with_leading_date_line() {
    let rec = record_of(&examples_run().records, "2017-11-09-albu-kamal.txt");
    let r = &rec["report"];
    assert_eq!(r["published"], "2017-11-09");
    assert_eq!(r["title"], "Syria/Iraq border summary - the last ISIS-held town on the Euphrates");
    assert_eq!(r["url"], Value::Null);
    assert!(rec["sentences"].as_u64().unwrap_or(0) > 5, "{rec}");
}

#[test]
fn text_with_wire_dateline_takes_its_year_from_the_file_name() {
    let rec = record_of(&examples_run().records, "2022-09-11-kharkiv-wire.txt");
    assert_eq!(rec["report"]["published"], "2022-09-11");
    let warnings = rec["warnings"].as_array().expect("warnings");
    assert!(warnings.iter().any(|w| w.as_str().unwrap_or("").contains("no year")), "{warnings:?}");
}

#[test]
fn html_metadata() {
    let r = &record_of(&examples_run().records, "mosul-victory.html")["report"];
    assert_eq!(r["published"], "2017-07-10");
    assert_eq!(r["title"], "Iraq declares Mosul retaken after nine-month battle");
    assert_eq!(r["source"], "Frontline Desk");
    assert_eq!(r["url"], "https://frontline-desk.example/iraq/mosul-retaken");
}

#[test]
fn rss_items_are_reports() {
    let recs = &examples_run().records;
    let r = &record_of(recs, "sahel-monitor-2023-11-14-kidal")["report"];
    assert_eq!(r["title"], "Malian army enters Kidal");
    assert_eq!(r["published"], "2023-11-14");
    assert_eq!(r["source"], "Sahel Monitor");
    assert_eq!(r["url"], "https://sahel-monitor.example/2023/11/14/kidal");
    assert_eq!(record_of(recs, "sahel-monitor-2023-09-25-niamey")["report"]["published"], "2023-09-25");
    assert_eq!(reports(recs).iter().filter(|r| r["source"] == "Sahel Monitor").count(), 3);
}

#[test]
fn atom_entries_are_reports() {
    let recs = &examples_run().records;
    let r = &record_of(recs, "urn:example:southern-front-notes:kherson-entry")["report"];
    assert_eq!(r["published"], "2022-11-11", "the day as written, not UTC");
    assert_eq!(r["source"], "Southern Front Notes");
    assert_eq!(r["url"], "https://southern-front.example/2022/11/11/kherson");
    let z = &record_of(recs, "urn:example:southern-front-notes:zaporizhzhia-shelling")["report"];
    assert_eq!(z["title"], "Shelling near Zaporizhzhia nuclear plant");
}

#[test]
fn jsonl_lines_are_reports() {
    let recs = &examples_run().records;
    let ids: Vec<_> = reports(recs)
        .iter()
        .filter(|r| r["source"] == "Desk notes")
        .map(|r| r["id"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(ids, ["desk-2024-11-30-aleppo", "desk-2014-08-04-sinjar", "desk-2019-10-14-manbij"]);
    assert_eq!(record_of(recs, "desk-2024-11-30-aleppo")["report"]["published"], "2024-11-30");
}

#[test]
fn seed_report_from_shared_is_dated_and_titled() {
    if seed().is_none() {
        eprintln!("skipped: ../shared/seed not found");
        return;
    }
    let r = &record_of(&examples_run().records, "report-2017-11-03.txt")["report"];
    assert_eq!(r["published"], "2017-11-03");
    assert!(r["title"].as_str().is_some_and(|t| t.starts_with("Syria Summary")), "{r}");
}

#[test]
fn stdin_jsonl_is_sniffed() {
    let input = "{\"id\":\"a1\",\"text\":\"Clashes in Daraa.\",\"published\":\"2018-07-01\"}\n{\"id\":\"a2\",\"text\":\"Calm in Homs.\"}\n";
    let r = extract_ok(&["-"], Some(input));
    let ids: Vec<_> = reports(&r.records).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["a1", "a2"]);
}

#[test]
fn stdin_text_is_sniffed() {
    let input = "BAMAKO, 12 March 2023 (AFP) - Soldiers patrolled the capital on Sunday.\n";
    let r = extract_ok(&["-"], Some(input));
    let rep = reports(&r.records)[0].clone();
    assert_eq!(rep["id"], "stdin");
    assert_eq!(rep["published"], "2023-03-12");
}

#[test]
fn json_arrays_and_documents() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("one.json");
    std::fs::write(&p, "{\n  \"title\": \"Raid near Menaka\",\n  \"text\": \"Gunmen attacked a village.\"\n}\n")
        .unwrap();
    let array = "[\n  {\"id\": \"k1\", \"text\": \"Shelling in Kherson.\", \"published\": \"2022-11-20\"},\n  {\"text\": \"Quiet in Mykolaiv.\"}\n]\n";
    let r = extract_ok(&["-", &p.display().to_string()], Some(array));
    let ids: Vec<_> = reports(&r.records).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["k1", "stdin#2", "one.json"]);
    assert_eq!(record_of(&r.records, "one.json")["report"]["title"], "Raid near Menaka");
}

#[test]
fn published_overrides_every_reader_and_pretty_indents() {
    let files = ["2017-11-09-albu-kamal.txt", "mosul-victory.html", "sahel-desk.rss", "desk-notes.jsonl"].map(example);
    let mut args: Vec<&str> = files.iter().map(String::as_str).collect();
    args.extend(["--published", "2020-01-02", "--pretty"]);
    let r = extract_ok(&args, None);
    let reps = reports(&r.records);
    assert_eq!(reps.len(), 8);
    for rep in reps {
        assert_eq!(rep["published"], "2020-01-02", "{rep}");
    }
    assert!(r.stdout.contains("\n  \"record\": \"report\""), "{}", r.stdout);
    // A bad date is refused before anything is read.
    let r = run(&[&example("desk-notes.jsonl"), "--published", "yesterday"], None);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("not a date"));
}

#[test]
fn input_format_overrides_detection() {
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str| dir.path().join(name).display().to_string();
    // JSON Lines in a file with a misleading extension; a feed with an unknown one (sniffed).
    std::fs::write(d("notes.txt"), "{\"id\":\"x1\",\"text\":\"Strikes near Sirte.\"}\n").unwrap();
    std::fs::copy(example("sahel-desk.rss"), d("feed.dat")).unwrap();
    let r = extract_ok(&[&d("notes.txt"), &d("feed.dat")], None);
    let ids: Vec<_> = reports(&r.records).iter().map(|r| r["id"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(ids[0], "notes.txt");
    assert_eq!(ids.len(), 4, "the .dat feed was sniffed: {ids:?}");
    let r = extract_ok(&[&d("notes.txt"), "--input-format", "jsonl"], None);
    assert_eq!(reports(&r.records)[0]["id"], "x1");
    // HTML saved as .txt.
    std::fs::copy(example("mosul-victory.html"), d("page.txt")).unwrap();
    let r = extract_ok(&[&d("page.txt"), "--input-format", "html"], None);
    assert_eq!(reports(&r.records)[0]["source"], "Frontline Desk");
    // Unknown format names are refused with the list of known ones.
    let r = run(&[&d("feed.dat"), "--input-format", "pdf"], None);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("text, html, feed, jsonl"));
}

#[test]
fn help_explains_usage_with_examples() {
    let out = sitrep().arg("--help").output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("Usage:") && s.contains("extract") && s.contains("Examples:"), "{s}");
    let out = sitrep().args(["extract", "--help"]).output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("Usage:") && s.contains("sitrep extract ") && s.contains("--input-format"), "{s}");
    assert!(s.contains("--published") && s.contains("--pretty") && s.contains("Examples:"), "{s}");
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..20 {
        std::fs::write(dir.path().join(format!("r{i:02}.txt")), "3 Nov 2017\n\nQuiet day in Hama.\n").unwrap();
    }
    let r = extract_ok(&[&dir.path().display().to_string()], None);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    assert_eq!(reports(&r.records).len(), 20);
}

#[test]
fn big_text_is_read_in_parts() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("archive.txt");
    let para = "Shelling was reported near Avdiivka on Tuesday, officials said. Residents did not leave.\n\n";
    // Small sizes keep the run quick; the reader is the same at 1 MiB parts of a 100 MB file.
    std::fs::write(&p, format!("March 3, 2023\n\n{}", para.repeat(100))).unwrap(); // ≈ 9 KB
    let r = extract_ok(&[&p.display().to_string(), "--max-report-size", "4K"], None);
    let reps = reports(&r.records);
    assert_eq!(reps.len(), 3);
    assert_eq!(reps[0]["id"], "archive.txt#part-1");
    assert!(reps.iter().all(|r| r["published"] == "2023-03-03"));
    assert_eq!(r.stderr.matches("split at a paragraph boundary").count(), 1, "{}", r.stderr);
}
