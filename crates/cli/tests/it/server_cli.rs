//! End to end: `sitrep serve` on a free loopback port answered over real HTTP, and the
//! `summary` and `export` commands, over the built-in demo situation (`--db memory:demo`).

use assert_cmd::cargo::CommandCargoExt;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(extra: &[&str]) -> Server {
    let mut cmd = Command::cargo_bin("sitrep").unwrap();
    cmd.args(["serve", "--db", "memory:demo", "--addr", "127.0.0.1:0"]).args(extra);
    cmd.env_remove("SITREP_TOKEN").stdout(Stdio::piped()).stderr(Stdio::inherit());
    let mut child = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let start = line.find("http://").unwrap_or_else(|| panic!("no URL in {line:?}")) + 7;
    let addr = line[start..].split('/').next().unwrap().to_string();
    Server { child, addr }
}

/// A minimal HTTP/1.1 client: returns (status, body).
fn http(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut req =
        format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status: u16 = text.split_whitespace().nth(1).unwrap().parse().unwrap();
    let (head, rest) = text.split_once("\r\n\r\n").unwrap();
    let body =
        if head.to_ascii_lowercase().contains("transfer-encoding: chunked") { dechunk(rest) } else { rest.to_string() };
    (status, body)
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        s = &rest[n + 2..];
    }
    out
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[test]
fn serve_answers_the_api_and_the_web_app() {
    let s = serve(&[]);
    let (st, body) = http(&s.addr, "GET", "/api/events?type=Battles&format=geojson", &[], "");
    assert_eq!(st, 200);
    assert_eq!(json(&body)["features"].as_array().unwrap().len(), 5);
    let (st, body) = http(&s.addr, "GET", "/api/control?as_of=2017-11-10", &[], "");
    assert_eq!(st, 200);
    assert_eq!(json(&body)["count"], 3);
    let (st, body) = http(&s.addr, "GET", "/api/places/170794/history", &[], "");
    assert_eq!(st, 200, "{body}");
    let (st, body) = http(&s.addr, "GET", "/api/control?as_of=soon", &[], "");
    assert_eq!(st, 400);
    assert!(json(&body)["error"]["message"].as_str().unwrap().contains("YYYY-MM-DD"));
    let (st, body) = http(&s.addr, "GET", "/", &[], "");
    assert!(st == 200 && body.contains("sitrep") || st == 404 && body.contains("npm"), "{st} {body}");
    // Posting a stored report back is accepted (200, already stored) without running extraction.
    let (_, body) = http(&s.addr, "GET", "/api/reports/demo-1", &[], "");
    let v = json(&body);
    let again = serde_json::json!({"id": "demo-1", "text": v["text"]}).to_string();
    let (st, body) = http(&s.addr, "POST", "/api/reports", &[("Content-Type", "application/json")], &again);
    assert_eq!(st, 200, "{body}");
    assert_eq!(json(&body)["stored"], false);
}

#[test]
fn serve_with_a_token_requires_it() {
    let s = serve(&["--token", "t0ken"]);
    let (_, body) = http(&s.addr, "GET", "/api/reports/demo-2", &[], "");
    let report = serde_json::json!({"id": "demo-2", "text": json(&body)["text"]}).to_string();
    let ct = ("Content-Type", "application/json");
    let (st, _) = http(&s.addr, "POST", "/api/reports", &[ct], &report);
    assert_eq!(st, 401);
    let (st, _) = http(&s.addr, "POST", "/api/reports", &[ct, ("Authorization", "Bearer wrong")], &report);
    assert_eq!(st, 401);
    let (st, body) = http(&s.addr, "POST", "/api/reports", &[ct, ("Authorization", "Bearer t0ken")], &report);
    assert_eq!(st, 200, "{body}");
}

fn sitrep(args: &[&str]) -> (bool, String, String) {
    let out = Command::cargo_bin("sitrep").unwrap().args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn summary_command_writes_markdown_and_html() {
    let (ok, md, err) = sitrep(&["summary", "--db", "memory:demo", "--from", "2017-11-01", "--to", "2017-11-30"]);
    assert!(ok, "{err}");
    assert!(md.starts_with("# Situation summary"));
    assert!(md.contains("says it took"), "{md}");
    assert!(md.contains("sentence"), "{md}");
    let (ok, html, _) = sitrep(&[
        "summary",
        "--db",
        "memory:demo",
        "--from",
        "2017-11-01",
        "--to",
        "2017-11-30",
        "--format",
        "html",
        "--region",
        "Syria",
    ]);
    assert!(ok);
    assert!(html.starts_with("<!doctype html>") && !html.contains("<script>"));
    let (ok, _, err) = sitrep(&["summary", "--db", "memory:demo", "--from", "2017-12-01", "--to", "2017-11-01"]);
    assert!(!ok && err.contains("after"), "{err}");
}

#[test]
fn export_command_formats() {
    let (ok, csv, err) = sitrep(&["export", "--db", "memory:demo", "--format", "acled-csv"]);
    assert!(ok, "{err}");
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("event_id_cnty,event_date,year,time_precision,disorder_type,event_type"));
    if let Ok(sample) =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/acled-format-sample.csv"))
    {
        assert_eq!(header, sample.lines().next().unwrap().trim_end_matches('\r'), "ACLED's column layout");
    }
    assert!(err.contains("left out"), "{err}");
    let (ok, gj, _) = sitrep(&["export", "--db", "memory:demo", "--format", "geojson"]);
    assert!(ok);
    assert_eq!(json(&gj)["type"], "FeatureCollection");
    let (ok, jl, _) = sitrep(&["export", "--db", "memory:demo", "--format", "jsonl"]);
    assert!(ok);
    assert!(jl.lines().all(|l| json(l)["record"].is_string()));
    assert!(jl.lines().any(|l| json(l)["record"] == "control"));
    let (ok, pl, _) = sitrep(&["export", "--db", "memory:demo", "--format", "plover-json"]);
    assert!(ok);
    let v = json(&pl);
    assert!(v.as_array().unwrap().iter().all(|r| r["event"].is_string() && r["text_info"].is_object()));
    let (ok, _, _) = sitrep(&["export", "--db", "memory:demo", "--format", "kml"]);
    assert!(!ok);
}
