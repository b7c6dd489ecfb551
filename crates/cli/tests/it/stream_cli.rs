//! `sitrep extract --stream`: one JSON line out per JSONL line in, in order, errors as records,
//! exit code 0, and the same records as the non-stream `sitrep extract` of the same input.

use assert_cmd::Command;
use serde_json::Value;
use std::io::Write;

fn sitrep() -> Command {
    Command::cargo_bin("sitrep").unwrap()
}

/// Reports written for these tests (our own words).
fn corpus() -> String {
    let texts = [
        "Government forces shelled the northern districts of the town on Monday, residents said.",
        "Rebel fighters withdrew from two villages overnight. A spokesman denied any losses.",
        "The army said it had taken full control of the river crossing after three days of clashes.",
        "Aid convoys reached the besieged quarter for the first time since March.",
        "No fighting was reported in the capital today.",
    ];
    let mut s = String::new();
    for (i, t) in texts.iter().cycle().take(40).enumerate() {
        let line = serde_json::json!({"id": format!("r{i}"), "published": "2017-11-03", "source": "test", "text": t});
        s.push_str(&line.to_string());
        s.push('\n');
    }
    s
}

fn lines(out: &[u8]) -> Vec<Value> {
    std::str::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// Good reports, broken and hostile lines, a blank line, a too-long line and a last line without
/// a newline: every one gets its answer, in order, and the exit code is 0.
#[test]
fn one_line_per_input_line_with_error_records() {
    let mut input = corpus().into_bytes();
    input.extend_from_slice(b"{\"id\": \"bad1\", \"text\": 42}\n"); // 41
    input.extend_from_slice(b"this is not json\n"); // 42
    input.extend_from_slice(b"\n"); // 43
    input.extend_from_slice(format!("{{\"id\":\"big\",\"text\":\"{}\"}}\n", "word ".repeat(400)).as_bytes()); // 44
    input.extend_from_slice(b"{\"id\":\"nul\",\"text\":\"a\\u0000b\"}\n"); // 45
    input.extend_from_slice(b"\xff\xfe\x00garbage\x00\n"); // 46
    input.extend_from_slice(b"{\"id\":\"crlf\",\"text\":\"Windows line.\"}\r\n"); // 47
    input.extend_from_slice(b"[1,2,3]\n"); // 48
    input.extend_from_slice(b"{\"id\":{\"nested\":true},\"text\":\"x\"}\n"); // 49
    input.extend_from_slice(b"{\"id\":\"deep\",\"text\":\"x\",\"title\":"); // 50
    input.extend_from_slice(&b"[".repeat(900));
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{\"id\": 7, \"text\": \"Last report, without a final newline.\"}"); // 51
    let out = sitrep()
        .args(["extract", "--stream", "--jobs", "2", "--max-line-bytes", "1000"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .clone();
    let v = lines(&out.stdout);
    assert_eq!(v.len(), 51);
    for (i, r) in v.iter().take(40).enumerate() {
        assert_eq!(r["record"], "report");
        assert_eq!(r["report"]["id"], format!("r{i}"));
        assert_eq!(r["report"]["published"], "2017-11-03");
        assert!(r["events"].is_array(), "{r}");
        assert!(r["controls"].is_array(), "{r}");
    }
    let kinds: Vec<&str> = v[40..].iter().map(|r| r["record"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["error", "error", "error", "error", "report", "error", "report", "error", "error", "error", "report"]
    );
    assert_eq!(v[40]["line"], 41);
    assert_eq!(v[40]["id"], "bad1");
    assert_eq!(v[41]["line"], 42);
    assert_eq!(v[41]["id"], Value::Null);
    assert_eq!(v[42]["message"], "blank line");
    assert!(v[43]["message"].as_str().unwrap().contains("longer than"), "{}", v[43]);
    assert_eq!(v[44]["report"]["id"], "nul");
    assert_eq!(v[46]["report"]["id"], "crlf");
    assert_eq!(v[50]["report"]["id"], "7");
    assert!(String::from_utf8_lossy(&out.stderr).contains("8 of 51 lines"), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Unbundling the stream output gives exactly the records of `sitrep extract` on the same file.
#[test]
fn stream_equals_batch_extract() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.jsonl");
    std::fs::File::create(&path).unwrap().write_all(corpus().as_bytes()).unwrap();
    let batch = sitrep().arg("extract").arg(&path).assert().success().get_output().stdout.clone();
    let stream = sitrep()
        .args(["extract", "--stream", "--jobs", "2"])
        .write_stdin(corpus())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let mut flat = Vec::new();
    for mut b in lines(&stream) {
        let obj = b.as_object_mut().unwrap();
        let events = obj.remove("events").unwrap();
        let controls = obj.remove("controls").unwrap();
        let extra: Vec<String> = obj.keys().filter(|k| k.ends_with('s') && obj[*k].is_array()).cloned().collect();
        assert!(extra.iter().all(|k| k == "warnings"), "unexpected groups {extra:?}");
        flat.push(b);
        flat.extend(events.as_array().unwrap().iter().cloned());
        flat.extend(controls.as_array().unwrap().iter().cloned());
    }
    assert_eq!(flat, lines(&batch));
}

#[test]
fn stream_refuses_file_arguments_with_a_clear_message() {
    sitrep()
        .args(["extract", "--stream", "some.jsonl"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("standard input"));
}
