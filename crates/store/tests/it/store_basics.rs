//! Idempotence, reprocessing, migrations, queries and full-text search. Runs on SQLite and PostgreSQL.

use crate::common::*;
use sitrep_core::record::{ControlStatus as S, Modality as M};
use sitrep_store::{EventQuery, HitKind, Inserted, Store};

/// Three reports: a battle (two outlets), an air strike far away, a protest; one control observation.
fn fill(s: &mut Store) -> Vec<(sitrep_core::Report, sitrep_core::Extraction)> {
    let r1 = report("q1", "Wire One", "2024-05-01", "Heavy clashes shook Tell Alpha as the army fought the Front.");
    let r2 = report("q2", "Daily Two", "2024-05-01", "Government troops battled Free Hills Front units in Tell Alpha.");
    let r3 = report("q3", "Wire One", "2024-05-09", "Southland jets bombed a depot in Beta Springs.");
    let r4 = report("q4", "Monitor Three", "2024-05-12", "Hundreds marched in Tell Alpha against the siege.");
    let items = vec![
        (
            r1.clone(),
            ex(
                vec![event(
                    &r1,
                    BATTLE,
                    vec![army()],
                    vec![rebels()],
                    Some(alpha()),
                    Some("2024-05-01"),
                    M::Asserted,
                    &r1.text,
                )],
                vec![control(&r1, alpha(), rebels(), S::Besieged, M::Asserted, &r1.text)],
            ),
        ),
        (
            r2.clone(),
            ex(
                vec![event(
                    &r2,
                    BATTLE,
                    vec![govt_forces()],
                    vec![rebels()],
                    Some(alpha()),
                    Some("2024-05-01"),
                    M::Reported,
                    &r2.text,
                )],
                vec![],
            ),
        ),
        (
            r3.clone(),
            ex(
                vec![event(
                    &r3,
                    AIRSTRIKE,
                    vec![foreign_air()],
                    vec![],
                    Some(beta()),
                    Some("2024-05-09"),
                    M::Asserted,
                    &r3.text,
                )],
                vec![],
            ),
        ),
        (
            r4.clone(),
            ex(
                vec![event(
                    &r4,
                    PROTEST,
                    vec![actor("residents", None, "CVL")],
                    vec![],
                    Some(alpha()),
                    None,
                    M::Asserted,
                    &r4.text,
                )],
                vec![],
            ),
        ),
    ];
    let got = s.insert_batch(items.iter().map(|(r, e)| (r, e))).expect("batch");
    assert!(got.iter().all(|g| matches!(g, Inserted::Stored { .. })));
    items
}

fn idempotent_ingest_and_reprocess(url: &str) {
    let mut s = Store::open(url).expect("open");
    let items = fill(&mut s);
    let before = s.stats().expect("stats");
    assert_eq!((before.reports, before.events, before.mentions, before.controls), (4, 3, 4, 1));
    for (r, e) in &items {
        assert!(matches!(s.insert_report(r, e).expect("again"), Inserted::Skipped { .. }));
        assert!(s.stored_id(r).expect("id").is_some());
    }
    // Same text under another id (e.g. another feed) is the same report.
    let mut copy = items[0].0.clone();
    copy.id = "elsewhere".into();
    assert!(matches!(s.insert_report(&copy, &items[0].1).expect("copy"), Inserted::Skipped { .. }));
    assert_eq!(s.stats().expect("stats"), before);
    // Reprocess with the same extraction: nothing duplicated.
    let by_id =
        |r: &sitrep_core::Report| items.iter().find(|(x, _)| x.id == r.id).map(|(_, e)| e.clone()).unwrap_or_default();
    let n = s.reprocess(by_id, 2, |_, _| {}).expect("reprocess");
    assert_eq!(n, 4);
    let after = s.stats().expect("stats");
    assert_eq!(
        (after.reports, after.events, after.mentions, after.controls, after.intervals),
        (4, 3, 4, 1, before.intervals)
    );
    // Reprocess with an extractor that now finds nothing: events and control go, reports stay.
    s.reprocess(|_| sitrep_core::Extraction::default(), 10, |_, _| {}).expect("reprocess");
    let empty = s.stats().expect("stats");
    assert_eq!((empty.reports, empty.events, empty.mentions, empty.controls, empty.intervals), (4, 0, 0, 0, 0));
    // And back again.
    s.reprocess(by_id, 3, |_, _| {}).expect("reprocess");
    let back = s.stats().expect("stats");
    assert_eq!((back.events, back.mentions, back.controls), (3, 4, 1));
}

fn event_queries(url: &str) {
    let mut s = Store::open(url).expect("open");
    fill(&mut s);
    let q = |s: &mut Store, q: EventQuery| {
        s.events(&q).expect("query").iter().map(|e| e.mentions.len()).collect::<Vec<_>>()
    };
    assert_eq!(q(&mut s, EventQuery::default()), [2, 1, 1]);
    assert_eq!(q(&mut s, EventQuery { from: Some(d("2024-05-02")), ..Default::default() }), [1, 1]);
    assert_eq!(q(&mut s, EventQuery { to: Some(d("2024-05-01")), ..Default::default() }), [2]);
    assert_eq!(q(&mut s, EventQuery { bbox: Some([38.3, 35.3, 38.8, 35.8]), ..Default::default() }), [1]);
    assert_eq!(q(&mut s, EventQuery { types: vec!["battles".into()], ..Default::default() }), [2]);
    assert_eq!(
        q(&mut s, EventQuery { types: vec!["Air/drone strike".into(), "PROTESTS".into()], ..Default::default() }).len(),
        2
    );
    // Any mention's actors count: "government troops" only appears in the second report.
    assert_eq!(q(&mut s, EventQuery { actor: Some("GOVERNMENT".into()), ..Default::default() }), [2]);
    assert_eq!(q(&mut s, EventQuery { actor: Some("100%".into()), ..Default::default() }).len(), 0);
    assert_eq!(q(&mut s, EventQuery { modality: vec![M::Reported], ..Default::default() }).len(), 0);
    assert_eq!(q(&mut s, EventQuery { modality: vec![M::Asserted], ..Default::default() }).len(), 3);
    assert_eq!(q(&mut s, EventQuery { text: Some("battled units".into()), ..Default::default() }), [2]);
    assert_eq!(q(&mut s, EventQuery { text: Some("depot".into()), ..Default::default() }), [1]);
    assert_eq!(q(&mut s, EventQuery { text: Some("nothing-like-this".into()), ..Default::default() }).len(), 0);
    assert_eq!(q(&mut s, EventQuery { text: Some("\"*( ".into()), ..Default::default() }).len(), 0);
    assert_eq!(q(&mut s, EventQuery { limit: Some(1), ..Default::default() }).len(), 1);
    // The protest has no date of its own: its report's date stands in.
    let p = s.events(&EventQuery { types: vec!["protests".into()], ..Default::default() }).expect("q");
    assert_eq!(p[0].event.date, None);
    assert_eq!(
        q(&mut s, EventQuery { from: Some(d("2024-05-12")), to: Some(d("2024-05-12")), ..Default::default() }),
        [1]
    );
}

/// Stores report `id`: a battle over the whole first quarter of 2024 around Beta Springs.
fn store_campaign(s: &mut Store, id: &str) {
    let r = report(id, "Daily Two", "2024-04-02", "A winter campaign around Beta Springs.");
    let mut e = event(&r, BATTLE, vec![army()], vec![], Some(beta()), Some("2024-01-01"), M::Asserted, &r.text);
    e.date = Some(sitrep_core::record::DateRef {
        start: d("2024-01-01"),
        end: d("2024-03-31"),
        precision: sitrep_core::record::DatePrecision::Month,
        text: None,
    });
    s.insert_report(&r, &ex(vec![e], vec![])).expect("insert");
}

/// A `from` date late in a long event's span still finds it, also when another connection stored
/// that event after this one last searched (the date lower bound follows the longest span).
fn long_events_are_found_from_late_in_their_span(url: &str) {
    let mut a = Store::open(url).expect("open");
    let r1 = report("s1", "Wire One", "2024-03-01", "Clashes in Tell Alpha.");
    let e1 = event(&r1, BATTLE, vec![army()], vec![], Some(alpha()), Some("2024-03-01"), M::Asserted, &r1.text);
    a.insert_report(&r1, &ex(vec![e1], vec![])).expect("insert");
    let from =
        |s: &mut Store, day: &str| s.events(&EventQuery { from: Some(d(day)), ..Default::default() }).expect("q");
    assert_eq!(from(&mut a, "2024-03-01").len(), 1);
    assert_eq!(from(&mut a, "2024-03-15").len(), 0);
    // A quarter-long campaign, stored through another connection.
    let mut b = Store::open(url).expect("open");
    store_campaign(&mut b, "s2");
    let late = from(&mut a, "2024-03-15");
    assert_eq!(late.len(), 1, "the campaign ends after the 15th");
    assert_eq!(late[0].event.report.id, "s2");
    assert_eq!(from(&mut a, "2024-04-01").len(), 0);
    // With a bbox too (the bound then steers the plan to the date index).
    let boxed = a
        .events(&EventQuery { from: Some(d("2024-03-20")), bbox: Some([38.3, 35.3, 38.8, 35.8]), ..Default::default() })
        .expect("q");
    assert_eq!(boxed.len(), 1);
}

/// Migration 6 fills the longest event span from the events already stored: a database written
/// before it still finds a long event from a date late in its span.
fn migration_6_bounds_date_windows_by_stored_events(url: &str) {
    let mut s = Store::open_at(url, 5).expect("open v5");
    store_campaign(&mut s, "m6");
    assert_eq!(s.migrate().expect("migrate"), sitrep_store::migrate::LATEST);
    let late = s.events(&EventQuery { from: Some(d("2024-03-15")), ..Default::default() }).expect("q");
    assert_eq!(late.len(), 1);
    let days = s.conn().query_int("SELECT value FROM store_facts WHERE name = 'longest_event_days'", &[]).expect("q");
    assert_eq!(days, Some(90));
}

fn reports_and_search(url: &str) {
    let mut s = Store::open(url).expect("open");
    fill(&mut s);
    let r = s.report("q1").expect("report").expect("stored");
    assert_eq!(r.report.source.as_deref(), Some("Wire One"));
    assert_eq!(r.events.len(), 1);
    assert_eq!(r.controls.len(), 1);
    assert_eq!(r.sentences.len(), 1);
    assert_eq!(r.sentences[0].start, 0);
    let by_hash = s.report(&r.content_hash).expect("report").expect("stored");
    assert_eq!(by_hash.pk, r.pk);
    assert!(s.report("nope").expect("report").is_none());
    let hits = s.search("clashes", 10).expect("search");
    assert_eq!(hits.iter().filter(|h| h.kind == HitKind::Event).count(), 1);
    assert_eq!(hits.iter().filter(|h| h.kind == HitKind::Control).count(), 1);
    assert!(hits[0].event_id.is_some());
    assert!(s.search("", 10).expect("search").is_empty());
    // Odd words are searched, never an error (the full-text index keeps no positions).
    for q in ["Alpha's \"shelling\"", "naïve 北京 €5 ❤ x\u{301}y", "a-b c_d", "OR AND NOT NEAR(", "*"] {
        assert!(s.search(q, 10).is_ok(), "{q}");
        assert!(s.events(&EventQuery { text: Some(q.into()), ..Default::default() }).is_ok(), "{q}");
    }
    let st = s.stats().expect("stats");
    assert_eq!(st.first_date, Some(d("2024-05-01")));
    assert_eq!(st.last_date, Some(d("2024-05-12")));
    assert!(s.event_types().expect("types").contains(&"battles".to_string()));
}

fn migrations_are_versioned(url: &str) {
    let mut old = Store::open_at(url, 1).expect("open v1");
    assert_eq!(old.schema_version().expect("v"), 1);
    assert_eq!(old.migrate().expect("migrate"), sitrep_store::migrate::LATEST);
    drop(old);
    let mut s = Store::open(url).expect("reopen");
    assert_eq!(s.schema_version().expect("v"), sitrep_store::migrate::LATEST);
    fill(&mut s);
    drop(s);
    // Reopening applies nothing and keeps the data.
    let mut s = Store::open(url).expect("reopen");
    assert_eq!(s.stats().expect("stats").reports, 4);
    // A database from a newer sitrep is refused, not damaged.
    s.conn().exec("INSERT INTO schema_version (version, applied_at) VALUES (99, 'future')", &[]).expect("bump");
    drop(s);
    let err = Store::open(url).err().expect("refused");
    assert!(err.to_string().contains("newer"), "{err}");
}

/// Migrations 4 (the places name-order index; SQLite full-text tables over the rows' own evidence)
/// and 5 (the covering de-duplication index; full-text tables without positions) change no
/// answer: a database written at version 3 gives the same map, histories, events and
/// search hits after migrating, and again after reprocessing (which removes and re-indexes
/// evidence); the map reads the new index.
fn migrations_4_and_5_keep_every_answer(url: &str) {
    let mut s = Store::open_at(url, 3).expect("open v3");
    let items = fill(&mut s);
    let answers = |s: &mut Store| {
        (
            s.control_as_of(d("2024-05-10"), None).expect("as of"),
            s.history("Tell Alpha").expect("history"),
            s.history("9000001").expect("history by id"),
            s.events(&EventQuery::default()).expect("events"),
            s.search("clashes", 10).expect("search"),
            s.events(&EventQuery { text: Some("Tell Alpha".into()), ..Default::default() }).expect("text"),
        )
    };
    let before = answers(&mut s);
    assert!(!before.0.is_empty() && !before.1.is_empty() && !before.4.is_empty() && !before.5.is_empty());
    assert_eq!(s.migrate().expect("migrate"), sitrep_store::migrate::LATEST);
    assert_eq!(answers(&mut s), before);
    let by_id =
        |r: &sitrep_core::Report| items.iter().find(|(x, _)| x.id == r.id).map(|(_, e)| e.clone()).unwrap_or_default();
    s.reprocess(by_id, 2, |_, _| {}).expect("reprocess");
    assert_eq!(answers(&mut s), before);
    s.reprocess(|_| sitrep_core::Extraction::default(), 10, |_, _| {}).expect("reprocess to nothing");
    assert!(s.search("clashes", 10).expect("search").is_empty());
    s.reprocess(by_id, 3, |_, _| {}).expect("reprocess back");
    assert_eq!(answers(&mut s), before);
    if s.kind() == sitrep_store::Kind::Sqlite {
        let ok = s.conn().exec("INSERT INTO mention_fts (mention_fts) VALUES ('integrity-check')", &[]);
        assert!(ok.is_ok(), "{ok:?}");
    }
    if s.kind() == sitrep_store::Kind::Sqlite {
        let plan = "EXPLAIN QUERY PLAN SELECT key FROM places ORDER BY name_lower, key";
        let text: Vec<String> = s.conn().query(plan, &[]).expect("plan").iter().map(|r| r.string(3)).collect();
        assert!(text.iter().any(|t| t.contains("places_order")), "{text:?}");
        assert!(!text.iter().any(|t| t.contains("TEMP B-TREE")), "{text:?}");
    }
    let n = s.conn().query_int("SELECT COUNT(*) FROM schema_version", &[]).expect("versions");
    assert_eq!(n, Some(sitrep_store::migrate::LATEST));
}

fn concurrent_writers_store_each_report_once(url: &str) {
    // Two writers (e.g. two analysts' ingests) race over the same 12 reports about one battle.
    Store::open(url).expect("migrate first");
    let work = |offset: usize| {
        let url = url.to_string();
        std::thread::spawn(move || {
            let mut s = Store::open(&url).expect("open");
            for k in 0..12 {
                let i = (k + offset) % 12;
                let r = report(
                    &format!("c{i}"),
                    &format!("Outlet {i}"),
                    "2024-06-01",
                    &format!("Item {i}: clashes in Tell Alpha."),
                );
                let e = event(
                    &r,
                    BATTLE,
                    vec![army()],
                    vec![rebels()],
                    Some(alpha()),
                    Some("2024-06-01"),
                    M::Asserted,
                    &r.text,
                );
                s.insert_report(&r, &ex(vec![e], vec![])).expect("insert");
            }
        })
    };
    let (a, b) = (work(0), work(6));
    a.join().expect("writer a");
    b.join().expect("writer b");
    let mut s = Store::open(url).expect("open");
    let st = s.stats().expect("stats");
    assert_eq!((st.reports, st.mentions, st.events), (12, 12, 1));
    assert_eq!(s.events(&EventQuery::default()).expect("events")[0].sources, 12);
}

fn odd_text_is_stored_faithfully(url: &str) {
    let mut s = Store::open(url).expect("open");
    let text = "Shelling\0 in «Tell Alpha» — 3 killed; \u{1F4A5} 'quotes' \"double\" %_ \\ ?1 $1.";
    let r = report("odd", "Wire One", "2024-07-01", text);
    let e = event(&r, BATTLE, vec![army()], vec![], Some(alpha()), Some("2024-07-01"), M::Asserted, text);
    s.insert_report(&r, &ex(vec![e], vec![])).expect("insert");
    let back = s.report("odd").expect("report").expect("stored");
    assert_eq!(back.report.text.len(), text.len(), "byte offsets are kept");
    assert_eq!(back.report.text.replace('\0', " "), text.replace('\0', " "));
    assert_eq!(s.events(&EventQuery { text: Some("«Tell Alpha»".into()), ..Default::default() }).expect("q").len(), 1);
    assert_eq!(s.events(&EventQuery { actor: Some("%_".into()), ..Default::default() }).expect("q").len(), 0);
    assert_eq!(s.events(&EventQuery { types: vec!["?1".into()], ..Default::default() }).expect("q").len(), 0);
}

/// A batch mixing new reports, a report stored before and two copies of one new report stores
/// each content once (on PostgreSQL through one COPY), keeps odd text byte for byte, and gives the
/// same events as storing the reports one by one.
fn batch_with_stored_and_repeated_reports(url: &str) {
    let mut s = Store::open(url).expect("open");
    let odd = "Tabs\there, a back\\slash\nand lines\r\n, a NUL\0 and \\N: shelling in Tell Alpha.";
    let r1 = report("b1", "Wire One", "2024-09-01", "Shelling hit Tell Alpha overnight.");
    let r2 = report("b2", "Daily Two", "2024-09-01", odd);
    let r2_again = report("b2-copy", "Daily Two", "2024-09-01", odd);
    let r3 = report("b3", "Monitor Three", "2024-09-02", "The army shelled Tell Alpha again.");
    let x = |r: &sitrep_core::Report| {
        let e = event(r, BATTLE, vec![army()], vec![], Some(alpha()), Some("2024-09-01"), M::Asserted, &r.text);
        ex(vec![e], vec![control(r, alpha(), army(), S::Controlled, M::Asserted, &r.text)])
    };
    let (x1, x2, x3) = (x(&r1), x(&r2), x(&r3));
    let Inserted::Stored { id: id1, .. } = s.insert_report(&r1, &x1).expect("first") else { panic!("stored") };
    let got = s.insert_batch([(&r2, &x2), (&r1, &x1), (&r2_again, &x2), (&r3, &x3)]).expect("batch");
    let Inserted::Stored { id: id2, events: 1, controls: 1 } = got[0] else { panic!("{got:?}") };
    assert_eq!(got[1], Inserted::Skipped { id: id1 });
    assert_eq!(got[2], Inserted::Skipped { id: id2 });
    let Inserted::Stored { id: id3, .. } = got[3] else { panic!("{got:?}") };
    assert!(id1 < id2 && id2 < id3, "ids follow the input order");
    let back = s.report("b2").expect("report").expect("stored");
    assert_eq!(back.report.text.len(), odd.len());
    assert_eq!(back.report.text.replace('\0', " "), odd.replace('\0', " "));
    assert_eq!(back.events.len(), 1);
    assert!(s.report("b2-copy").expect("report").is_none());
    let st = s.stats().expect("stats");
    assert_eq!((st.reports, st.mentions, st.controls), (3, 3, 3));
    // The same reports one by one, elsewhere: the same events.
    let dir = tempfile::tempdir().expect("tmp");
    let mut one = Store::open(dir.path().join("one.db").to_str().expect("utf-8")).expect("open");
    for (r, x) in [(&r1, &x1), (&r2, &x2), (&r3, &x3)] {
        one.insert_report(r, x).expect("one");
    }
    let events = |s: &mut Store| s.events(&EventQuery::default()).expect("events");
    assert_eq!(events(&mut s), events(&mut one));
    assert_eq!(s.history("Tell Alpha").expect("h"), one.history("Tell Alpha").expect("h"));
}

fn reprocess_regroups_like_a_clean_ingest(url: &str) {
    // a (sides unknown) fits both b and c; b and c are different clashes. A clean ingest groups
    // {a, b} and {c}; re-adding a alone while c is present would pull it to c (closer).
    let ra = report("ra", "Wire One", "2024-08-01", "Clashes were reported in Tell Alpha.");
    let rb = report("rb", "Daily Two", "2024-08-01", "The army fought the Front near Alpha Gardens.");
    let rc = report("rc", "Monitor Three", "2024-08-01", "Lakeside Militia clashed with the Front in Tell Alpha.");
    let a = event(&ra, BATTLE, vec![], vec![], Some(alpha()), Some("2024-08-01"), M::Asserted, &ra.text);
    let b = event(
        &rb,
        BATTLE,
        vec![army()],
        vec![rebels()],
        Some(alpha_suburb()),
        Some("2024-08-01"),
        M::Asserted,
        &rb.text,
    );
    let militia = actor("Lakeside Militia", None, "PRM");
    let c = event(&rc, BATTLE, vec![militia], vec![rebels()], Some(alpha()), Some("2024-08-01"), M::Asserted, &rc.text);
    let items = [(ra, ex(vec![a], vec![])), (rb, ex(vec![b], vec![])), (rc, ex(vec![c], vec![]))];
    let mut s = Store::open(url).expect("open");
    s.insert_batch(items.iter().map(|(r, e)| (r, e))).expect("insert");
    let groups = |s: &mut Store| {
        let mut g: Vec<Vec<String>> = s
            .events(&EventQuery::default())
            .expect("events")
            .iter()
            .map(|e| e.mentions.iter().map(|m| m.report.id.clone()).collect())
            .collect();
        g.sort();
        g
    };
    let clean = groups(&mut s);
    assert_eq!(clean, [vec!["ra".to_string(), "rb".to_string()], vec!["rc".to_string()]]);
    let keys: Vec<String> = s.events(&EventQuery::default()).expect("events").into_iter().map(|e| e.id).collect();
    let by_id =
        |r: &sitrep_core::Report| items.iter().find(|(x, _)| x.id == r.id).map(|(_, e)| e.clone()).unwrap_or_default();
    s.reprocess(by_id, 1, |_, _| {}).expect("reprocess");
    assert_eq!(groups(&mut s), clean);
    let again: Vec<String> = s.events(&EventQuery::default()).expect("events").into_iter().map(|e| e.id).collect();
    assert_eq!(again, keys, "event ids are stable across reprocessing");
}

both_backends!(
    reprocess_regroups_like_a_clean_ingest,
    odd_text_is_stored_faithfully,
    batch_with_stored_and_repeated_reports,
    long_events_are_found_from_late_in_their_span,
    migration_6_bounds_date_windows_by_stored_events,
    idempotent_ingest_and_reprocess,
    event_queries,
    reports_and_search,
    migrations_are_versioned,
    migrations_4_and_5_keep_every_answer,
    concurrent_writers_store_each_report_once
);

/// Cached statements run again without being re-prepared (SQLite re-prepares a statement whose
/// plan could depend on a bound value unless the connection asks for stable plans).
#[test]
fn cached_statements_are_not_re_prepared() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = Store::open(dir.path().join("t.db").to_str().expect("utf-8")).expect("open");
    fill(&mut s);
    let sql = "SELECT record FROM event_mentions WHERE event_id = ?1 ORDER BY id";
    for id in 1..4 {
        s.conn().query(sql, &[sitrep_store::db::Val::Int(id)]).expect("query");
    }
    let sitrep_store::db::Conn::Sqlite(c) = s.conn() else { panic!("sqlite") };
    let st = c.prepare_cached(sql).expect("cached");
    assert_eq!(st.get_status(rusqlite::StatementStatus::RePrepare), 0);
    assert!(st.get_status(rusqlite::StatementStatus::Run) >= 3);
}

/// De-duplication finds candidate events in the covering index (no row reads) and by date, never
/// by walking every event.
#[test]
fn dedup_candidates_come_from_the_covering_index() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = Store::open(dir.path().join("t.db").to_str().expect("utf-8")).expect("open");
    let plan: Vec<String> = s
        .conn()
        .query(
            "EXPLAIN QUERY PLAN SELECT id FROM events WHERE date_start >= ?1 AND date_start <= ?2 AND date_end >= ?3 \
             AND (place_key = ?4 OR (lat BETWEEN ?5 AND ?6 AND lon BETWEEN ?7 AND ?8) OR admin1 = ?9) \
             AND id NOT IN (SELECT event_id FROM event_mentions WHERE report = ?10) AND +id > ?11 ORDER BY id",
            &[
                "2024-01-01".into(),
                "2024-02-01".into(),
                "2024-01-01".into(),
                "g1".into(),
                1.0.into(),
                2.0.into(),
                1.0.into(),
                2.0.into(),
                "SY.01".into(),
                5i64.into(),
                0i64.into(),
            ],
        )
        .expect("plan")
        .iter()
        .map(|r| r.string(3))
        .collect();
    assert!(plan.iter().any(|p| p.contains("COVERING INDEX events_dedup (date_start>? AND date_start<?)")), "{plan:?}");
}

#[test]
fn events_listing_reads_the_order_index_instead_of_sorting() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("plan.db");
    let mut s = sitrep_store::Store::open(path.to_str().expect("utf-8")).expect("open");
    let plan: Vec<String> = s
        .conn()
        .query(
            "EXPLAIN QUERY PLAN SELECT id FROM events WHERE 1=1 ORDER BY date_start IS NULL, date_start, id LIMIT 100",
            &[],
        )
        .expect("plan")
        .iter()
        .map(|r| r.string(3))
        .collect();
    assert!(plan.iter().any(|p| p.contains("events_order")), "{plan:?}");
    assert!(!plan.iter().any(|p| p.contains("TEMP B-TREE")), "{plan:?}");
}
