//! The HTTP API over the real store (SQLite in memory) holding the hand-built demo situation.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use sitrep_server::store_backend::StoreBackend;
use sitrep_server::{fixtures, router, Auth};
use std::sync::Arc;
use tower::ServiceExt;

fn app() -> axum::Router {
    app_at(":memory:")
}

fn app_at(url: &str) -> axum::Router {
    let b = StoreBackend::open(url, 2).unwrap().without_admin_names();
    for (r, e, c) in fixtures::demo() {
        assert!(b.add_records(&r, e, c).unwrap());
    }
    router(Arc::new(b), Auth { token: None, loopback: true })
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, Value) {
    let resp = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let s = resp.status();
    let b = resp.into_body().collect().await.unwrap().to_bytes();
    (s, serde_json::from_slice(&b).unwrap_or(Value::String(String::from_utf8_lossy(&b).into_owned())))
}

#[tokio::test]
async fn store_backed_api_answers_every_route() {
    check(app()).await;
}

/// The blocking PostgreSQL client must be opened and dropped outside the async runtime; requests
/// reach it from tokio's blocking threads, as in `sitrep serve`.
#[test]
fn the_same_api_over_postgresql() {
    let Some(url) = sitrep_store::testkit::fresh_database_or_skip("the_same_api_over_postgresql") else { return };
    let app = app_at(&url);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(check(app.clone()));
    drop(rt);
    drop(app);
}

async fn check(app: axum::Router) {
    let (s, v) = get(&app, "/api/events").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["count"].as_u64().unwrap() >= 6, "{v}");
    let (_, v) = get(&app, "/api/events?type=Battles&modality=asserted&format=geojson").await;
    assert!(!v["features"].as_array().unwrap().is_empty());
    let (s, v) = get(&app, "/api/control?as_of=2017-11-20").await;
    assert_eq!(s, StatusCode::OK);
    let places = v["places"].as_array().unwrap();
    assert!(places.len() >= 4, "{v}");
    assert!(places.iter().all(|p| !p["sources"].as_array().unwrap().is_empty()));
    // Each source's evidence has the place highlighted.
    let deir = places.iter().find(|p| p["place"]["name"] == "Deir ez-Zor").unwrap();
    let m = &deir["sources"][0]["mentions"];
    assert!(m.as_array().unwrap().iter().any(|x| x["kind"] == "place" && x["text"] == "Deir ez-Zor"), "{deir}");
    let (s, v) = get(&app, "/api/control?as_of=2017-10-21").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["places"].as_array().unwrap().len() < places.len());
    let (s, v) = get(&app, "/api/places/174448/history").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["intervals"].as_array().unwrap().len() >= 2, "{v}");
    let (s, v) = get(&app, "/api/reports/demo-4").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["text"].as_str().unwrap().contains("<script>"));
    assert!(!v["mentions"].as_array().unwrap().is_empty());
    let (s, v) = get(&app, "/api/summary?from=2017-11-01&to=2017-11-30&format=markdown").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v.as_str().unwrap().contains("sentence"), "{v}");
    let (s, v) = get(&app, "/api/meta").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["reports"], 6);
    assert_eq!(v["first_date"], "2017-10-20");
    let (s, _) = get(&app, "/api/reports/missing").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

/// `meta` is cached for the web app's page loads, and a write through the backend clears it.
#[test]
fn meta_is_cached_and_renewed_after_a_write() {
    use sitrep_server::Backend;
    let b = StoreBackend::open(":memory:", 1).unwrap().without_admin_names();
    let mut demo = fixtures::demo().into_iter();
    let (r, e, c) = demo.next().unwrap();
    assert!(b.add_records(&r, e, c).unwrap());
    let first = b.meta().unwrap();
    assert_eq!(first.reports, 1);
    assert_eq!(b.meta().unwrap(), first, "the same answer from the cache");
    let (r, e, c) = demo.next().unwrap();
    assert!(b.add_records(&r, e, c).unwrap());
    let second = b.meta().unwrap();
    assert_eq!(second.reports, 2, "a write clears the cached answer");
    assert!(second.events >= first.events);
}
