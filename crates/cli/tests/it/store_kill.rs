//! Crash safety of `sitrep ingest`: kill -9 at arbitrary moments, check the database is consistent
//! each time, re-run, and compare with a clean ingest of the same generated corpus (our own texts).

use sitrep_store::db::Val;
use sitrep_store::Store;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn corpus(dir: &Path, n: usize) -> std::path::PathBuf {
    let towns = ["Tell Alpha", "Beta Springs", "Gamma Ford", "Delta Ridge", "Echo Wells"];
    let mut s = String::new();
    for i in 0..n {
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

/// `batch` reports per transaction: the runs to be killed use small batches, so that they commit
/// often and take long enough (about a second) to be caught mid-way on a fast machine.
fn ingest(corpus: &Path, db: &str, batch: usize) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    c.arg("ingest").arg(corpus).arg("--db").arg(db).args(["--no-extract", "--batch", &batch.to_string()]);
    c.stdout(Stdio::null()).stderr(Stdio::piped());
    c
}

fn count(db: &str) -> usize {
    if !db.starts_with("postgres") && !Path::new(db).exists() {
        return 0;
    }
    Store::open(db).and_then(|mut s| s.stats()).map(|s| s.reports).unwrap_or(0)
}

/// Every stored report, in id order: (id, hash, sentence spans, sentence count).
fn dump(db: &str) -> Vec<Vec<Val>> {
    let mut s = Store::open(db).expect("open");
    if !db.starts_with("postgres") {
        let ok = s.conn().query("PRAGMA integrity_check", &[]).expect("integrity");
        assert_eq!(ok[0].text(0), Some("ok"));
    }
    s.conn()
        .query("SELECT report_id, content_hash, sentences, n_sentences FROM reports ORDER BY report_id", &[])
        .expect("dump")
        .into_iter()
        .map(|r| r.0)
        .collect()
}

#[test]
fn sqlite_kill_9_mid_ingest_then_rerun_equals_clean_ingest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = |n: &str| dir.path().join(n).to_string_lossy().into_owned();
    kill_and_rerun(dir.path(), 12_000, &file("clean.db"), &file("killed.db"));
}

#[test]
fn postgres_kill_9_mid_ingest_then_rerun_equals_clean_ingest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fresh = || sitrep_store::testkit::fresh_database_or_skip("postgres_kill_9");
    let (Some(clean), Some(killed)) = (fresh(), fresh()) else { return };
    kill_and_rerun(dir.path(), 1000, &clean, &killed);
}

/// Ingests `n` generated reports cleanly into `clean`; into `db`, kills the ingest three times at
/// different moments, checking consistency each time, then completes it and compares.
fn kill_and_rerun(dir: &Path, n: usize, clean: &str, db: &str) {
    let corpus = corpus(dir, n);
    let out = ingest(&corpus, clean, 16).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let want = dump(clean);
    assert_eq!(want.len(), n);

    let mut killed_mid_way = 0;
    for round in 0..3 {
        let before = count(db);
        let mut child = ingest(&corpus, db, 4).spawn().expect("spawn");
        // Wait until this run has committed something, then a little more, then kill -9.
        let deadline = Instant::now() + Duration::from_secs(120);
        while count(db) <= before && Instant::now() < deadline {
            if child.try_wait().expect("wait").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(7 * round as u64));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let got = dump(db);
        // Consistent: exactly a prefix of the corpus, each report complete and equal to the clean one.
        assert_eq!(got[..], want[..got.len()], "round {round}: stored reports are not a clean prefix");
        if got.len() < n {
            killed_mid_way += 1;
        }
    }
    assert!(killed_mid_way > 0, "the ingest always finished before it could be killed");
    let stored_before = count(db);
    let out = ingest(&corpus, db, 16).output().expect("rerun");
    assert!(out.status.success());
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(
        msg.contains(&format!("{} reports stored, {stored_before} already stored", n - stored_before))
            || (stored_before == n - 1 && msg.contains("1 report stored")),
        "{msg}"
    );
    assert_eq!(dump(db), want);
}
