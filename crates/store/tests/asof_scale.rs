//! The as-of control query is one index seek per place: its plan uses the (place_key, since) index,
//! and its time depends on the number of places, not of observations or intervals.
//! `SITREP_ASOF_PLACES=10000 SITREP_ASOF_INTERVALS=100 cargo test -p sitrep-store --release --test
//! asof_scale -- --ignored --nocapture` measures it at scale (1M intervals).

use sitrep_store::db::Val;
use sitrep_store::Store;
use std::time::Instant;

fn fill(s: &mut Store, places: usize, per_place: usize) {
    let c = s.conn();
    c.begin().expect("begin");
    for p in 0..places {
        let key = format!("g{}", 1_000_000 + p);
        let (lat, lon) = (30.0 + (p % 100) as f64 * 0.1, 35.0 + (p / 100) as f64 * 0.1);
        let place = format!(
            r#"{{"text":null,"span":null,"name":"P{p}","geonameid":{},"lat":{lat},"lon":{lon},"country":"SY","admin1":null,"feature_code":null,"precision":1}}"#,
            1_000_000 + p
        );
        c.exec(
            "INSERT INTO places (key, name, name_lower, geonameid, lat, lon, place) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            &[key.as_str().into(), format!("P{p}").into(), format!("p{p}").into(), Val::Int(1_000_000 + p as i64), lat.into(), lon.into(), place.clone().into()],
        )
        .expect("place");
        for i in 0..per_place {
            let since = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).expect("d") + chrono::Days::new((i * 30) as u64);
            let until = since + chrono::Days::new(30);
            let who = if i % 2 == 0 { "Army" } else { "Rebels" };
            let state = format!(
                r#"{{"place":{place},"controller":{{"name":"{who}","country":null,"sector":null,"id":null}},"status":"controlled","modality":"asserted","since":"{since}","until":{},"confidence":0.6,"contenders":[],"sources":[]}}"#,
                if i + 1 == per_place { "null".to_string() } else { format!("\"{until}\"") }
            );
            c.exec(
                "INSERT INTO control_intervals (place_key, since, until, controller_key, status, confidence, state) VALUES (?1, ?2, ?3, ?4, 'controlled', 0.6, ?5)",
                &[key.as_str().into(), since.to_string().into(), until.to_string().into(), who.to_lowercase().into(), state.into()],
            )
            .expect("interval");
        }
    }
    c.commit().expect("commit");
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn run(places: usize, per_place: usize) {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = dir.path().join("scale.db").to_string_lossy().into_owned();
    let mut s = Store::open(&url).expect("open");
    fill(&mut s, places, per_place);
    let day = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).expect("d") + chrono::Days::new((per_place * 15) as u64);
    let t = Instant::now();
    let got = s.control_as_of(day, None).expect("as of");
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(got.len(), places);
    let t = Instant::now();
    let raw = s
        .conn()
        .query(
            "SELECT (SELECT ci.state FROM control_intervals ci WHERE ci.place_key = p.key AND ci.since <= ?1 \
             ORDER BY ci.since DESC LIMIT 1) AS state FROM places p ORDER BY p.name_lower, p.key",
            &[day.to_string().into()],
        )
        .expect("raw");
    eprintln!("  of which SQL: {:.1} ms ({} rows)", t.elapsed().as_secs_f64() * 1000.0, raw.len());
    let t = Instant::now();
    let boxed = s.control_as_of(day, Some([35.0, 30.0, 35.05, 39.9])).expect("bbox");
    let bms = t.elapsed().as_secs_f64() * 1000.0;
    assert!(!boxed.is_empty() && boxed.len() < places);
    eprintln!(
        "as-of over {places} places x {per_place} intervals: {ms:.1} ms ({} states); bbox: {bms:.1} ms ({} states)",
        got.len(),
        boxed.len()
    );
}

#[test]
fn as_of_uses_the_place_since_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = dir.path().join("plan.db").to_string_lossy().into_owned();
    let mut s = Store::open(&url).expect("open");
    fill(&mut s, 50, 5);
    let plan = s
        .conn()
        .query(
            "EXPLAIN QUERY PLAN SELECT (SELECT ci.state FROM control_intervals ci WHERE ci.place_key = p.key \
             AND ci.since <= ?1 ORDER BY ci.since DESC LIMIT 1) AS state FROM places p WHERE 1=1 ORDER BY p.name_lower, p.key",
            &["2010-03-01".into()],
        )
        .expect("plan");
    let text: Vec<String> = plan.iter().map(|r| r.string(3)).collect();
    assert!(text.iter().any(|t| t.contains("SEARCH ci USING PRIMARY KEY (place_key=? AND since<?)")), "{text:?}");
    assert!(!text.iter().any(|t| t.starts_with("SCAN ci")), "{text:?}");
    run(200, 20);
}

#[test]
#[ignore]
fn as_of_at_scale() {
    run(env("SITREP_ASOF_PLACES", 10_000), env("SITREP_ASOF_INTERVALS", 100));
}
