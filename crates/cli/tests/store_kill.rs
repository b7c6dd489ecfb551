//! Crash safety of `sitrep ingest`: kill -9 at arbitrary moments, check the database is consistent
//! each time, re-run, and compare with a clean ingest of the same generated corpus (our own texts).

use sitrep_store::db::Val;
use sitrep_store::Store;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const N: usize = 3000;

fn corpus(dir: &Path) -> std::path::PathBuf {
    let towns = ["Tell Alpha", "Beta Springs", "Gamma Ford", "Delta Ridge", "Echo Wells"];
    let mut s = String::new();
    for i in 0..N {
        let town = towns[i % towns.len()];
        let line = serde_json::json!({
            "id": format!("gen-{i:05}"),
            "source": format!("Generated Wire {}", i % 7),
            "published": format!("2024-{:02}-{:02}", 1 + (i / 28) % 12, 1 + i % 28),
            "text": format!("Report {i}. Shelling was heard near {town} on Monday. Local officials said {n} families left the area. Talks are planned for next week.", n = i % 40),
        });
        s.push_str(&line.to_string());
        s.push('\n');
    }
    let p = dir.join("corpus.jsonl");
    std::fs::write(&p, s).expect("write corpus");
    p
}

fn ingest(corpus: &Path, db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    c.arg("ingest").arg(corpus).arg("--db").arg(db).args(["--no-extract", "--batch", "16"]);
    c.stdout(Stdio::null()).stderr(Stdio::piped());
    c
}

fn count(db: &Path) -> usize {
    if !db.exists() {
        return 0;
    }
    Store::open(&db.to_string_lossy()).and_then(|mut s| s.stats()).map(|s| s.reports).unwrap_or(0)
}

/// Every stored report, in id order: (id, hash, sentence spans, sentence count).
fn dump(db: &Path) -> Vec<Vec<Val>> {
    let mut s = Store::open(&db.to_string_lossy()).expect("open");
    let ok = s.conn().query("PRAGMA integrity_check", &[]).expect("integrity");
    assert_eq!(ok[0].text(0), Some("ok"));
    s.conn()
        .query("SELECT report_id, content_hash, sentences, n_sentences FROM reports ORDER BY report_id", &[])
        .expect("dump")
        .into_iter()
        .map(|r| r.0)
        .collect()
}

#[test]
fn kill_9_mid_ingest_then_rerun_equals_clean_ingest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus(dir.path());
    let clean = dir.path().join("clean.db");
    let out = ingest(&corpus, &clean).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let want = dump(&clean);
    assert_eq!(want.len(), N);

    let db = dir.path().join("killed.db");
    let mut killed_mid_way = 0;
    for round in 0..3 {
        let before = count(&db);
        let mut child = ingest(&corpus, &db).spawn().expect("spawn");
        // Wait until this run has committed something, then a little more, then kill -9.
        let deadline = Instant::now() + Duration::from_secs(120);
        while count(&db) <= before && Instant::now() < deadline {
            if child.try_wait().expect("wait").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(7 * round as u64));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let got = dump(&db);
        // Consistent: exactly a prefix of the corpus, each report complete and equal to the clean one.
        assert_eq!(got[..], want[..got.len()], "round {round}: stored reports are not a clean prefix");
        if got.len() < N {
            killed_mid_way += 1;
        }
    }
    assert!(killed_mid_way > 0, "the ingest always finished before it could be killed");
    let stored_before = count(&db);
    let out = ingest(&corpus, &db).output().expect("rerun");
    assert!(out.status.success());
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(
        msg.contains(&format!("{} reports stored, {stored_before} already stored", N - stored_before))
            || (stored_before == N - 1 && msg.contains("1 report stored")),
        "{msg}"
    );
    assert_eq!(dump(&db), want);
}
