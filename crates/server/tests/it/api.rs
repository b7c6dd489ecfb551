//! The HTTP API over the in-memory backend with the demo situation: routes, filters, GeoJSON,
//! errors with status codes, ingest and its token rules.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use sitrep_server::{fixtures, router, Auth, MemBackend};
use std::sync::Arc;
use tower::ServiceExt;

fn app_with(auth: Auth) -> axum::Router {
    // Posted reports are "extracted" by a stub: the pipeline is tested elsewhere.
    let b = MemBackend::with(fixtures::demo()).with_extractor(Box::new(|_| (Vec::new(), Vec::new())));
    router(Arc::new(b), auth)
}

fn app() -> axum::Router {
    app_with(Auth { token: None, loopback: true })
}

async fn call(app: axum::Router, req: Request<Body>) -> (StatusCode, String, Value) {
    let resp = app.oneshot(req).await.unwrap();
    let status = resp.status();
    let ct = resp.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let v = serde_json::from_slice(&bytes).unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, ct, v)
}

async fn get(uri: &str) -> (StatusCode, String, Value) {
    call(app(), Request::get(uri).body(Body::empty()).unwrap()).await
}

fn post(uri: &str, body: &Value, token: Option<&str>) -> Request<Body> {
    let mut b = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    b.body(Body::from(body.to_string())).unwrap()
}

#[tokio::test]
async fn events_filters_match_the_cli_vocabulary() {
    let (s, _, v) = get("/api/events").await;
    assert_eq!(s, StatusCode::OK);
    let all = v["count"].as_u64().unwrap();
    assert_eq!(all, 8);
    let (_, _, v) = get("/api/events?from=2017-11-01&to=2017-11-10").await;
    assert_eq!(v["count"], 3);
    let (_, _, v) = get("/api/events?type=Battles").await;
    assert_eq!(v["count"], 5);
    let (_, _, v) = get("/api/events?type=Armed%20clash&actor=islamic").await;
    assert_eq!(v["count"], 2);
    let (_, _, v) = get("/api/events?modality=claimed,forecast").await;
    assert_eq!(v["count"], 3);
    let (_, _, v) = get("/api/events?bbox=40,34,41.5,35").await;
    assert_eq!(v["count"], 3, "Abu Kamal and Al Qa'im");
    let (_, _, v) = get("/api/events?q=talks").await;
    assert_eq!(v["count"], 1);
    let (_, _, v) = get("/api/events?limit=2").await;
    assert_eq!(v["events"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn geojson_forms() {
    let (s, ct, v) = get("/api/events?format=geojson").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(ct, "application/geo+json");
    assert_eq!(v["type"], "FeatureCollection");
    let f = &v["features"][0];
    assert_eq!(f["geometry"]["type"], "Point");
    assert!(f["geometry"]["coordinates"][0].as_f64().unwrap() > 30.0, "lon first");
    let (_, _, v) = get("/api/control?as_of=2017-11-20&format=geojson").await;
    assert_eq!(v["features"].as_array().unwrap().len(), 6, "four towns and two provinces");
}

#[tokio::test]
async fn control_as_of_and_history() {
    let (s, _, v) = get("/api/control?as_of=2017-10-25").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["count"], 2);
    let (_, _, v) = get("/api/control?as_of=2017-11-10").await;
    let places = v["places"].as_array().unwrap();
    let abu = places.iter().find(|p| p["place"]["name"] == "Abu Kamal").unwrap();
    assert_eq!(abu["status"], "contested");
    assert_eq!(abu["contenders"].as_array().unwrap().len(), 1);
    let deir = places.iter().find(|p| p["place"]["name"] == "Deir ez-Zor").unwrap();
    assert_eq!(deir["controller"]["name"], "Syrian Arab Army");
    assert_eq!(deir["modality"], "claimed");
    assert_eq!(deir["since"], "2017-11-02");
    let (_, _, v) = get("/api/control?as_of=2017-11-20&bbox=40,34,41.5,35").await;
    assert_eq!(v["count"], 2, "Abu Kamal and Al Qa'im: {v}");
    let (s, _, v) = get("/api/control?as_of=2017-11-20&bbox=40,34").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    let (s, _, v) = get("/api/places/174448/history").await;
    assert_eq!(s, StatusCode::OK);
    let iv = v["intervals"].as_array().unwrap();
    assert_eq!(iv.len(), 3);
    assert_eq!(iv[0]["until"], "2017-11-09");
    assert!(iv.iter().all(|i| !i["sources"].as_array().unwrap().is_empty()));
}

#[tokio::test]
async fn report_with_mention_spans() {
    let (s, _, v) = get("/api/reports/demo-2").await;
    assert_eq!(s, StatusCode::OK);
    let text = v["text"].as_str().unwrap();
    let mentions = v["mentions"].as_array().unwrap();
    assert!(mentions.iter().any(|m| m["kind"] == "place"));
    assert!(mentions.iter().any(|m| m["kind"] == "evidence"));
    for m in mentions {
        let (a, b) = (m["span"][0].as_u64().unwrap() as usize, m["span"][1].as_u64().unwrap() as usize);
        assert_eq!(&text[a..b], m["text"].as_str().unwrap());
    }
    assert_eq!(v["events"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn summary_in_three_formats() {
    let (s, _, v) = get("/api/summary?from=2017-11-01&to=2017-11-30").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!v["sections"].as_array().unwrap().is_empty());
    let (_, ct, v) = get("/api/summary?from=2017-11-01&to=2017-11-30&format=markdown").await;
    assert!(ct.starts_with("text/markdown"));
    assert!(v.as_str().unwrap().contains("says it took"));
    let (_, ct, v) = get("/api/summary?from=2017-11-01&to=2017-11-30&format=html&region=Afrin").await;
    assert!(ct.starts_with("text/html"));
    let h = v.as_str().unwrap();
    assert!(h.contains("&lt;") || !h.contains("<script>"));
    assert!(!h.contains("<script>"));
}

#[tokio::test]
async fn bad_parameters_are_clear_json_errors() {
    for (uri, status, needle) in [
        ("/api/events?from=yesterday", StatusCode::BAD_REQUEST, "YYYY-MM-DD"),
        ("/api/events?from=2017-12-01&to=2017-11-01", StatusCode::BAD_REQUEST, "after"),
        ("/api/events?bbox=1,2,3", StatusCode::BAD_REQUEST, "bbox"),
        ("/api/events?modality=rumoured", StatusCode::BAD_REQUEST, "asserted"),
        ("/api/events?limit=0", StatusCode::BAD_REQUEST, "limit"),
        ("/api/events?colour=red", StatusCode::BAD_REQUEST, "unknown parameter 'colour'"),
        ("/api/events?format=kml", StatusCode::BAD_REQUEST, "geojson"),
        ("/api/control", StatusCode::BAD_REQUEST, "as_of"),
        ("/api/control?as_of=2017-02-30", StatusCode::BAD_REQUEST, "YYYY-MM-DD"),
        ("/api/places/abc/history", StatusCode::BAD_REQUEST, "GeoNames id"),
        ("/api/places/1/history", StatusCode::NOT_FOUND, "no control history"),
        ("/api/reports/nope", StatusCode::NOT_FOUND, "no report"),
        ("/api/summary?from=2017-11-01", StatusCode::BAD_REQUEST, "required"),
        ("/api/nothing", StatusCode::NOT_FOUND, "no such endpoint"),
    ] {
        let (s, ct, v) = get(uri).await;
        assert_eq!(s, status, "{uri}: {v}");
        assert_eq!(ct, "application/json", "{uri}");
        assert_eq!(v["error"]["status"], status.as_u16(), "{uri}");
        let msg = v["error"]["message"].as_str().unwrap();
        assert!(msg.contains(needle), "{uri}: {msg}");
    }
}

#[tokio::test]
async fn wrong_method_is_a_json_405() {
    let (s, ct, v) = call(app(), Request::delete("/api/events").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(ct, "application/json");
    assert!(v["error"]["message"].as_str().unwrap().contains("DELETE"));
}

#[tokio::test]
async fn post_report_ingests_and_respects_the_token_rules() {
    let body = json!({"id": "new-1", "source": "Test", "published": "2017-11-20", "text": "Clashes were reported."});
    // Loopback without a token: allowed; again: already stored.
    let app = app();
    let (s, _, v) = call(app.clone(), post("/api/reports", &body, None)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["report_id"], "new-1");
    let (s, _, v) = call(app.clone(), post("/api/reports", &body, None)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["stored"], false);
    let (s, _, _) = call(app.clone(), Request::get("/api/reports/new-1").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    // Beyond loopback without a token: refused.
    let open = app_with(Auth { token: None, loopback: false });
    let (s, _, v) = call(open, post("/api/reports", &body, None)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(v["error"]["message"].as_str().unwrap().contains("SITREP_TOKEN"));
    // With a token: required and checked.
    let guarded = app_with(Auth { token: Some("s3cret".into()), loopback: false });
    let (s, _, _) = call(guarded.clone(), post("/api/reports", &body, None)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _, _) = call(guarded.clone(), post("/api/reports", &body, Some("wrong"))).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _, _) = call(guarded, post("/api/reports", &body, Some("s3cret"))).await;
    assert_eq!(s, StatusCode::CREATED);
    // Bad bodies.
    let (s, _, v) = call(app.clone(), post("/api/reports", &json!({"title": "no text"}), None)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["error"]["message"].as_str().unwrap().contains("text"));
    let (s, _, _) = call(app, post("/api/reports", &json!({"text": "  "}), None)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_web_app_is_embedded() {
    let (s, ct, v) = get("/").await;
    if s == StatusCode::NOT_FOUND {
        // Built without web/dist: the message says how to build it.
        assert!(v.as_str().unwrap().contains("npm"));
        return;
    }
    assert_eq!(s, StatusCode::OK);
    assert!(ct.starts_with("text/html"));
    assert!(v.as_str().unwrap().contains("leaflet.js"));
    let (s, ct, _) = get("/vendor/leaflet/leaflet.js").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ct.starts_with("text/javascript"));
    let (s, _, v) = get("/basemap/countries.geojson").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["type"], "FeatureCollection");
}
