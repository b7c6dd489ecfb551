//! End-to-end: every reader through the `sitrep` binary, on the bundled example reports.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(name: &str) -> String {
    root().join("examples/reports").join(name).display().to_string()
}

fn sitrep() -> Command {
    Command::cargo_bin("sitrep").expect("binary")
}

/// Runs `sitrep extract ARGS`, expects success, returns the records.
fn extract_ok(args: &[&str]) -> Vec<Value> {
    let out = sitrep().arg("extract").args(args).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}; stderr:\n{stderr}", out.status.code());
    records(&out.stdout)
}

fn records(stdout: &[u8]) -> Vec<Value> {
    serde_json::Deserializer::from_slice(stdout).into_iter::<Value>().map(|v| v.expect("valid JSON record")).collect()
}

fn reports(recs: &[Value]) -> Vec<&Value> {
    recs.iter().filter(|r| r["record"] == "report").map(|r| &r["report"]).collect()
}

#[test]
fn text_with_leading_date_line() {
    let recs = extract_ok(&[&example("2017-11-09-albu-kamal.txt")]);
    let reps = reports(&recs);
    assert_eq!(reps.len(), 1);
    assert_eq!(reps[0]["id"], "2017-11-09-albu-kamal.txt");
    assert_eq!(reps[0]["published"], "2017-11-09");
    assert_eq!(reps[0]["title"], "Syria/Iraq border summary - the last ISIS-held town on the Euphrates");
    assert_eq!(reps[0]["url"], Value::Null);
    assert!(recs[0]["sentences"].as_u64().unwrap_or(0) > 5, "{}", recs[0]);
}

#[test]
fn text_with_wire_dateline_takes_its_year_from_the_file_name() {
    let recs = extract_ok(&[&example("2022-09-11-kharkiv-wire.txt")]);
    let reps = reports(&recs);
    assert_eq!(reps[0]["published"], "2022-09-11");
    let warnings = recs[0]["warnings"].as_array().expect("warnings");
    assert!(warnings.iter().any(|w| w.as_str().unwrap_or("").contains("no year")), "{warnings:?}");
}

#[test]
fn html_metadata() {
    let recs = extract_ok(&[&example("mosul-victory.html")]);
    let reps = reports(&recs);
    assert_eq!(reps.len(), 1);
    let r = reps[0];
    assert_eq!(r["id"], "mosul-victory.html");
    assert_eq!(r["published"], "2017-07-10");
    assert_eq!(r["title"], "Iraq declares Mosul retaken after nine-month battle");
    assert_eq!(r["source"], "Frontline Desk");
    assert_eq!(r["url"], "https://frontline-desk.example/iraq/mosul-retaken");
}

#[test]
fn rss_items_are_reports() {
    let recs = extract_ok(&[&example("sahel-desk.rss")]);
    let reps = reports(&recs);
    assert_eq!(reps.len(), 3);
    assert_eq!(reps[0]["id"], "sahel-monitor-2023-11-14-kidal");
    assert_eq!(reps[0]["title"], "Malian army enters Kidal");
    assert_eq!(reps[0]["published"], "2023-11-14");
    assert_eq!(reps[0]["source"], "Sahel Monitor");
    assert_eq!(reps[0]["url"], "https://sahel-monitor.example/2023/11/14/kidal");
    assert_eq!(reps[2]["published"], "2023-09-25");
}

#[test]
fn atom_entries_are_reports() {
    let recs = extract_ok(&[&example("ukraine-south.atom")]);
    let reps = reports(&recs);
    assert_eq!(reps.len(), 2);
    assert_eq!(reps[0]["id"], "urn:example:southern-front-notes:kherson-entry");
    assert_eq!(reps[0]["published"], "2022-11-11");
    assert_eq!(reps[0]["source"], "Southern Front Notes");
    assert_eq!(reps[0]["url"], "https://southern-front.example/2022/11/11/kherson");
    assert_eq!(reps[1]["title"], "Shelling near Zaporizhzhia nuclear plant");
}

#[test]
fn jsonl_lines_are_reports() {
    let recs = extract_ok(&[&example("desk-notes.jsonl")]);
    let reps = reports(&recs);
    let ids: Vec<_> = reps.iter().map(|r| r["id"].as_str().unwrap_or("")).collect();
    assert_eq!(ids, ["desk-2024-11-30-aleppo", "desk-2014-08-04-sinjar", "desk-2019-10-14-manbij"]);
    assert_eq!(reps[0]["published"], "2024-11-30");
    assert_eq!(reps[0]["source"], "Desk notes");
}

#[test]
fn the_examples_directory_reads_cleanly() {
    let out = sitrep().args(["extract", &root().join("examples/reports").display().to_string()]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = records(&out.stdout);
    let reps = reports(&recs);
    assert!(reps.len() >= 11, "{} reports", reps.len());
    // Every report has a date and every report record comes before its report's other records.
    for r in &reps {
        assert!(r["published"].is_string(), "undated: {r}");
    }
    assert_eq!(recs[0]["record"], "report");
}

#[test]
fn seed_report_from_shared_is_dated_and_titled() {
    // Third-party text, read at run time only; skipped when ../shared is not there.
    let seed = root().join("../shared/seed/report-2017-11-03.txt");
    if !seed.exists() {
        eprintln!("skipped: {} not found", seed.display());
        return;
    }
    let recs = extract_ok(&[&seed.display().to_string()]);
    let r = reports(&recs)[0];
    assert_eq!(r["id"], "report-2017-11-03.txt");
    assert_eq!(r["published"], "2017-11-03");
    assert!(r["title"].as_str().is_some_and(|t| t.starts_with("Syria Summary")), "{r}");
}

#[test]
fn stdin_jsonl_and_text_are_sniffed() {
    let out = sitrep()
        .args(["extract", "-"])
        .write_stdin("{\"id\":\"a1\",\"text\":\"Clashes in Daraa.\",\"published\":\"2018-07-01\"}\n{\"id\":\"a2\",\"text\":\"Calm in Homs.\"}\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let recs = records(&out.stdout);
    let ids: Vec<_> = reports(&recs).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["a1", "a2"]);

    let out = sitrep()
        .args(["extract", "-"])
        .write_stdin("BAMAKO, 12 March 2023 (AFP) - Soldiers patrolled the capital on Sunday.\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let recs = records(&out.stdout);
    let r = reports(&recs)[0].clone();
    assert_eq!(r["id"], "stdin");
    assert_eq!(r["published"], "2023-03-12");
}

#[test]
fn json_arrays_and_documents() {
    let out = sitrep()
        .args(["extract", "-"])
        .write_stdin("[\n  {\"id\": \"k1\", \"text\": \"Shelling in Kherson.\", \"published\": \"2022-11-20\"},\n  {\"text\": \"Quiet in Mykolaiv.\"}\n]\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = records(&out.stdout);
    let ids: Vec<_> = reports(&recs).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["k1", "stdin#2"]);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("one.json");
    std::fs::write(&p, "{\n  \"title\": \"Raid near Menaka\",\n  \"text\": \"Gunmen attacked a village.\"\n}\n")
        .unwrap();
    let recs = extract_ok(&[&p.display().to_string()]);
    assert_eq!(reports(&recs)[0]["id"], "one.json");
    assert_eq!(reports(&recs)[0]["title"], "Raid near Menaka");
}

#[test]
fn stdin_html_and_feed_are_sniffed() {
    let html = std::fs::read_to_string(example("mosul-victory.html")).unwrap();
    let out = sitrep().args(["extract", "-"]).write_stdin(html).output().unwrap();
    assert!(out.status.success());
    assert_eq!(reports(&records(&out.stdout))[0]["source"], "Frontline Desk");
    let rss = std::fs::read_to_string(example("sahel-desk.rss")).unwrap();
    let out = sitrep().args(["extract", "-"]).write_stdin(rss).output().unwrap();
    assert!(out.status.success());
    assert_eq!(reports(&records(&out.stdout)).len(), 3);
}

#[test]
fn published_overrides_every_reader() {
    for f in ["2017-11-09-albu-kamal.txt", "mosul-victory.html", "sahel-desk.rss", "desk-notes.jsonl"] {
        let recs = extract_ok(&[&example(f), "--published", "2020-01-02"]);
        for r in reports(&recs) {
            assert_eq!(r["published"], "2020-01-02", "{f}");
        }
    }
    let out = sitrep().args(["extract", &example("desk-notes.jsonl"), "--published", "yesterday"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a date"));
}

#[test]
fn input_format_overrides_detection() {
    let dir = tempfile::tempdir().unwrap();
    // JSON Lines in a file with a misleading extension.
    let p = dir.path().join("notes.txt");
    std::fs::write(&p, "{\"id\":\"x1\",\"text\":\"Strikes near Sirte.\"}\n").unwrap();
    let as_text = extract_ok(&[&p.display().to_string()]);
    assert_eq!(reports(&as_text)[0]["id"], "notes.txt");
    let as_jsonl = extract_ok(&[&p.display().to_string(), "--input-format", "jsonl"]);
    assert_eq!(reports(&as_jsonl)[0]["id"], "x1");
    // HTML saved as .txt.
    let h = dir.path().join("page.txt");
    std::fs::copy(example("mosul-victory.html"), &h).unwrap();
    let as_html = extract_ok(&[&h.display().to_string(), "--input-format", "html"]);
    assert_eq!(reports(&as_html)[0]["source"], "Frontline Desk");
    // A feed with an unknown extension.
    let f = dir.path().join("feed.dat");
    std::fs::copy(example("sahel-desk.rss"), &f).unwrap();
    assert_eq!(reports(&extract_ok(&[&f.display().to_string(), "--input-format", "feed"])).len(), 3);
    assert_eq!(reports(&extract_ok(&[&f.display().to_string()])).len(), 3, "sniffed as a feed");
    // Unknown format names are refused with the list of known ones.
    let out = sitrep().args(["extract", &f.display().to_string(), "--input-format", "pdf"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("text, html, feed, jsonl"));
}

#[test]
fn pretty_output_is_indented_json() {
    let out = sitrep().args(["extract", &example("desk-notes.jsonl"), "--pretty"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\n  \"record\": \"report\""), "{text}");
    assert_eq!(reports(&records(&out.stdout)).len(), 3);
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
    let out = sitrep().args(["extract", &dir.path().display().to_string()]).output().unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(reports(&records(&out.stdout)).len(), 20);
}

#[test]
fn big_text_is_read_in_parts() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("archive.txt");
    let para = "Shelling was reported near Avdiivka on Tuesday, officials said. Residents did not leave.\n\n";
    std::fs::write(&p, format!("March 3, 2023\n\n{}", para.repeat(30_000))).unwrap(); // ≈ 2.7 MB
    let out = sitrep().args(["extract", &p.display().to_string(), "--max-report-size", "1M"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out.stdout);
    let reps = reports(&recs);
    assert_eq!(reps.len(), 3);
    assert_eq!(reps[0]["id"], "archive.txt#part-1");
    assert!(reps.iter().all(|r| r["published"] == "2023-03-03"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("split at a paragraph boundary").count(), 1, "{stderr}");
}
