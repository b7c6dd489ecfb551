//! The as-of control query is one index seek per place: its plan uses the (place_key, since) index
//! on both backends, and its time depends on the number of places, not of observations or
//! intervals. Measured at scale (10k places x 100 intervals = 1M intervals) with
//! `SITREP_ASOF_PLACES=10000 SITREP_ASOF_INTERVALS=100 cargo test -p sitrep-store --release --test
//! asof_scale -- --ignored --nocapture --test-threads 1` (SQLite and PostgreSQL; CPU times are the
//! client thread's plus, for PostgreSQL, the server process's).

use sitrep_store::db::Val;
use sitrep_store::{Kind, Store};
use std::time::Instant;

/// The as-of query of [`Store::control_as_of`] without its bbox, for plans and timings.
const AS_OF: &str = "SELECT (SELECT ci.state FROM control_intervals ci WHERE ci.place_key = p.key AND ci.since <= ?1 \
                     ORDER BY ci.since DESC LIMIT 1) AS state FROM places p WHERE 1=1 ORDER BY p.name_lower, p.key";

fn fill(s: &mut Store, places: usize, per_place: usize) {
    let c = s.conn();
    c.begin().expect("begin");
    let mut place_rows = Vec::new();
    let mut rows = Vec::new();
    for p in 0..places {
        let key = format!("g{}", 1_000_000 + p);
        let (lat, lon) = (30.0 + (p % 100) as f64 * 0.1, 35.0 + (p / 100) as f64 * 0.1);
        let place = format!(
            r#"{{"text":null,"span":null,"name":"P{p}","geonameid":{},"lat":{lat},"lon":{lon},"country":"SY","admin1":null,"feature_code":null,"precision":1}}"#,
            1_000_000 + p
        );
        place_rows.push(vec![
            key.as_str().into(),
            format!("P{p}").into(),
            format!("p{p}").into(),
            Val::Int(1_000_000 + p as i64),
            lat.into(),
            lon.into(),
            place.clone().into(),
        ]);
        for i in 0..per_place {
            let since = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).expect("d") + chrono::Days::new((i * 30) as u64);
            let until = since + chrono::Days::new(30);
            let who = if i % 2 == 0 { "Army" } else { "Rebels" };
            let state = format!(
                r#"{{"place":{place},"controller":{{"name":"{who}","country":null,"sector":null,"id":null}},"status":"controlled","modality":"asserted","since":"{since}","until":{},"confidence":0.6,"contenders":[],"sources":[]}}"#,
                if i + 1 == per_place { "null".to_string() } else { format!("\"{until}\"") }
            );
            rows.push(vec![
                key.as_str().into(),
                since.to_string().into(),
                until.to_string().into(),
                who.to_lowercase().into(),
                "controlled".into(),
                Val::Real(0.6),
                state.into(),
            ]);
        }
        if rows.len() >= 50_000 || p + 1 == places {
            c.copy_rows("places", &["key", "name", "name_lower", "geonameid", "lat", "lon", "place"], &place_rows)
                .expect("places");
            c.copy_rows(
                "control_intervals",
                &["place_key", "since", "until", "controller_key", "status", "confidence", "state"],
                &rows,
            )
            .expect("intervals");
            place_rows.clear();
            rows.clear();
        }
    }
    c.commit().expect("commit");
    if c.kind() == Kind::Postgres {
        c.batch("VACUUM ANALYZE places").expect("analyze");
        c.batch("VACUUM ANALYZE control_intervals").expect("analyze");
    }
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// CPU time of this thread (ns).
fn thread_cpu_ns() -> u64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes into the timespec we own.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } != 0 {
        return 0;
    }
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
}

/// CPU time (ns) of the PostgreSQL server process serving this connection (idle when read, so
/// /proc has it exactly; readable when the test runs as root or as the server's user).
fn backend_cpu_ns(s: &mut Store, pid: &mut Option<i64>) -> Option<u64> {
    if s.kind() != Kind::Postgres {
        return None;
    }
    if pid.is_none() {
        *pid = s.conn().query_int("SELECT pg_backend_pid()", &[]).ok().flatten();
    }
    let text = std::fs::read_to_string(format!("/proc/{}/schedstat", (*pid)?)).ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Wall and CPU milliseconds of `f` on store `s`: this thread's CPU, plus the PostgreSQL server's.
fn timed<T>(s: &mut Store, f: impl FnOnce(&mut Store) -> T) -> (T, f64, f64) {
    let mut pid = None;
    let b0 = backend_cpu_ns(s, &mut pid);
    let (t, c) = (Instant::now(), thread_cpu_ns());
    let v = f(s);
    let (ms, mut cpu) = (t.elapsed().as_secs_f64() * 1000.0, (thread_cpu_ns().saturating_sub(c)) as f64 / 1e6);
    if let (Some(b0), Some(b1)) = (b0, backend_cpu_ns(s, &mut pid)) {
        cpu += b1.saturating_sub(b0) as f64 / 1e6;
    }
    (v, ms, cpu)
}

fn plan(s: &mut Store, day: &str) -> Vec<String> {
    let (sql, col) = match s.kind() {
        Kind::Sqlite => (format!("EXPLAIN QUERY PLAN {AS_OF}"), 3),
        Kind::Postgres => (format!("EXPLAIN {AS_OF}"), 0),
    };
    s.conn().query(&sql, &[day.into()]).expect("plan").iter().map(|r| r.string(col)).collect()
}

fn assert_seek_plan(s: &mut Store) {
    let text = plan(s, "2010-03-01");
    match s.kind() {
        Kind::Sqlite => {
            assert!(
                text.iter().any(|t| t.contains("SEARCH ci USING PRIMARY KEY (place_key=? AND since<?)")),
                "{text:?}"
            );
            assert!(!text.iter().any(|t| t.starts_with("SCAN ci")), "{text:?}");
        }
        Kind::Postgres => {
            assert!(text.iter().any(|t| t.contains("Index Scan Backward using control_intervals_pkey")), "{text:?}");
            assert!(!text.iter().any(|t| t.contains("Seq Scan on control_intervals")), "{text:?}");
        }
    }
}

fn run(url: &str, places: usize, per_place: usize) {
    {
        let mut s = Store::open(url).expect("open");
        let (_, fill_ms, _) = timed(&mut s, |s| fill(s, places, per_place));
        eprintln!("{:?}: filled {places} places x {per_place} intervals in {:.1} s", s.kind(), fill_ms / 1000.0);
    }
    let day = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).expect("d") + chrono::Days::new((per_place * 15) as u64);
    // A fresh connection, as a `sitrep control` run has.
    let mut s = Store::open(url).expect("open");
    assert_seek_plan(&mut s);
    let mut runs = Vec::new();
    for _ in 0..3 {
        let (got, ms, cpu) = timed(&mut s, |s| s.control_as_of(day, None).expect("as of"));
        assert_eq!(got.len(), places);
        runs.push(format!("{ms:.1} ms ({cpu:.1} ms CPU)"));
    }
    let (raw, ms, cpu) = timed(&mut s, |s| s.conn().query(AS_OF, &[day.to_string().into()]).expect("raw"));
    assert_eq!(raw.len(), places);
    let (boxed, bms, bcpu) = timed(&mut s, |s| s.control_as_of(day, Some([35.0, 30.0, 35.05, 39.9])).expect("bbox"));
    assert!(!boxed.is_empty() && boxed.len() < places);
    eprintln!(
        "{:?} as-of over {places} places x {per_place} intervals ({} states): first {}, then {}, {}; \
         of which SQL {ms:.1} ms ({cpu:.1} ms CPU); bbox {bms:.1} ms ({bcpu:.1} ms CPU, {} states)",
        s.kind(),
        places,
        runs[0],
        runs[1],
        runs[2],
        boxed.len()
    );
    if s.kind() == Kind::Sqlite {
        // Reading through the page cache (pread) or a memory map, each from a fresh connection.
        for pragma in ["PRAGMA mmap_size=0", "PRAGMA mmap_size=1073741824"] {
            let mut s = Store::open(url).expect("open");
            s.conn().batch(pragma).expect("pragma");
            let mut runs = Vec::new();
            for _ in 0..2 {
                let (_, ms, cpu) = timed(&mut s, |s| s.control_as_of(day, None).expect("as of"));
                runs.push(format!("{ms:.1} ms ({cpu:.1} ms CPU)"));
            }
            eprintln!("  {pragma}: first {}, then {}", runs[0], runs[1]);
        }
    }
    {
        // Schema 3 as it was (name-only index: the states are sorted per query), read without a
        // memory map: the figures before migration 4.
        let mut s = Store::open(url).expect("open");
        s.conn().batch("DROP INDEX places_order").expect("v3 index");
        s.conn().batch("CREATE INDEX places_name ON places(name_lower)").expect("v3 index");
        if s.kind() == Kind::Sqlite {
            s.conn().batch("PRAGMA mmap_size=0").expect("pragma");
        }
        let mut runs = Vec::new();
        for _ in 0..2 {
            let (_, ms, cpu) = timed(&mut s, |s| s.control_as_of(day, None).expect("as of"));
            runs.push(format!("{ms:.1} ms ({cpu:.1} ms CPU)"));
        }
        eprintln!("  schema 3 indexes, no mmap (before): first {}, then {}", runs[0], runs[1]);
        s.conn().batch("DROP INDEX places_name").expect("v4 index");
        s.conn().batch("CREATE INDEX places_order ON places (name_lower, key)").expect("v4 index");
    }
    if s.kind() == Kind::Postgres {
        let sql = format!("EXPLAIN (ANALYZE, BUFFERS) {AS_OF}");
        for r in s.conn().query(&sql, &[day.to_string().into()]).expect("explain") {
            eprintln!("  {}", r.string(0));
        }
    }
}

#[test]
fn as_of_uses_the_place_since_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = dir.path().join("plan.db").to_string_lossy().into_owned();
    run(&url, 200, 20);
    if let Some(url) = sitrep_store::testkit::fresh_database_or_skip("as_of_uses_the_place_since_index") {
        run(&url, 200, 20);
    }
}

#[test]
#[ignore]
fn as_of_at_scale() {
    let (places, per_place) = (env("SITREP_ASOF_PLACES", 10_000), env("SITREP_ASOF_INTERVALS", 100));
    // SITREP_ASOF_SQLITE / SITREP_ASOF_PG: databases to fill and keep (for EXPLAIN by hand).
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("scale.db").to_string_lossy().into_owned();
    run(&std::env::var("SITREP_ASOF_SQLITE").unwrap_or(file), places, per_place);
    let pg = std::env::var("SITREP_ASOF_PG").ok();
    if let Some(url) = pg.or_else(|| sitrep_store::testkit::fresh_database_or_skip("as_of_at_scale")) {
        run(&url, places, per_place);
    }
}
