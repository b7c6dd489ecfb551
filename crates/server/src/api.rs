//! The HTTP API (axum) and the embedded web app.

use crate::backend::{Backend, BackendError, ControlState, EventQuery, EventView};
use crate::{assets, geojson, summary};
use axum::body::{Body, Bytes};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sitrep_core::record::{Modality, PlaceRef};
use sitrep_core::Report;
use std::sync::Arc;

/// Largest `limit` a client may ask for, and the default.
pub const MAX_LIMIT: usize = 100_000;
pub const DEFAULT_LIMIT: usize = 10_000;

/// Who may `POST /api/reports`.
#[derive(Clone, Debug, Default)]
pub struct Auth {
    /// The token clients must send (`Authorization: Bearer TOKEN`), from config or `SITREP_TOKEN`.
    pub token: Option<String>,
    /// True when the server listens only on a loopback address. Beyond loopback, ingest needs a token.
    pub loopback: bool,
}

#[derive(Clone)]
pub struct AppState {
    pub backend: Arc<dyn Backend>,
    pub auth: Auth,
}

/// An API error: a status and a message, sent as `{"error": {"status": N, "message": "…"}}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn bad(message: impl Into<String>) -> Self {
        ApiError { status: StatusCode::BAD_REQUEST, message: message.into() }
    }
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError { status, message: message.into() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"status": self.status.as_u16(), "message": self.message}});
        (self.status, Json(body)).into_response()
    }
}

impl From<BackendError> for ApiError {
    fn from(e: BackendError) -> Self {
        match e {
            BackendError::BadRequest(m) => ApiError::bad(m),
            BackendError::Other(e) => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}")),
        }
    }
}

type ApiResult = Result<Response, ApiError>;
type Params = Vec<(String, String)>;

/// Runs a blocking backend call off the async workers.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, BackendError> + Send + 'static,
) -> Result<T, ApiError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r.map_err(ApiError::from),
        Err(e) => Err(ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("backend task failed: {e}"))),
    }
}

fn params(q: Result<Query<Params>, QueryRejection>, allowed: &[&str]) -> Result<Params, ApiError> {
    let Query(p) = q.map_err(|e| ApiError::bad(format!("bad query string: {e}")))?;
    for (k, _) in &p {
        if !allowed.contains(&k.as_str()) {
            return Err(ApiError::bad(format!("unknown parameter '{k}' (allowed: {})", allowed.join(", "))));
        }
    }
    Ok(p)
}

fn get1<'a>(p: &'a Params, key: &str) -> Option<&'a str> {
    p.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).filter(|v| !v.trim().is_empty())
}

/// All values of a repeated or comma-separated parameter.
fn get_all(p: &Params, key: &str) -> Vec<String> {
    p.iter()
        .filter(|(k, _)| k == key)
        .flat_map(|(_, v)| v.split(',').map(|s| s.trim().to_string()).collect::<Vec<_>>())
        .filter(|s| !s.is_empty())
        .collect()
}

pub fn parse_date(key: &str, v: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
        .map_err(|_| ApiError::bad(format!("bad '{key}': expected a date as YYYY-MM-DD, got '{v}'")))
}

fn opt_date(p: &Params, key: &str) -> Result<Option<NaiveDate>, ApiError> {
    get1(p, key).map(|v| parse_date(key, v)).transpose()
}

/// `min_lon,min_lat,max_lon,max_lat` in degrees.
pub fn parse_bbox(v: &str) -> Result<[f64; 4], ApiError> {
    let err = || ApiError::bad(format!("bad 'bbox': expected min_lon,min_lat,max_lon,max_lat in degrees, got '{v}'"));
    let n: Vec<f64> = v.split(',').map(|s| s.trim().parse::<f64>()).collect::<Result<_, _>>().map_err(|_| err())?;
    let [x0, y0, x1, y1] = <[f64; 4]>::try_from(n).map_err(|_| err())?;
    let ok = [x0, x1].iter().all(|x| (-180.0..=180.0).contains(x))
        && [y0, y1].iter().all(|y| (-90.0..=90.0).contains(y))
        && x0 <= x1
        && y0 <= y1;
    if !ok {
        return Err(err());
    }
    Ok([x0, y0, x1, y1])
}

pub fn parse_modalities(vals: &[String]) -> Result<Vec<Modality>, ApiError> {
    vals.iter()
        .map(|m| {
            Modality::parse(&m.to_lowercase()).ok_or_else(|| {
                let all: Vec<&str> = Modality::ALL.iter().map(|m| m.as_str()).collect();
                ApiError::bad(format!("bad 'modality': '{m}' is not one of {}", all.join(", ")))
            })
        })
        .collect()
}

#[derive(PartialEq)]
enum Format {
    Json,
    GeoJson,
}

fn format(p: &Params, geo: bool) -> Result<Format, ApiError> {
    match get1(p, "format") {
        None | Some("json") => Ok(Format::Json),
        Some("geojson") if geo => Ok(Format::GeoJson),
        Some(f) => {
            Err(ApiError::bad(format!("bad 'format': '{f}' (allowed: json{})", if geo { ", geojson" } else { "" })))
        }
    }
}

fn geojson_response(v: Value) -> Response {
    let mut r = Json(v).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/geo+json"));
    r
}

/// The event filters of `GET /api/events` (shared with the CLI's vocabulary).
pub fn event_query(p: &Params) -> Result<EventQuery, ApiError> {
    let from = opt_date(p, "from")?;
    let to = opt_date(p, "to")?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(ApiError::bad(format!("bad range: 'from' ({f}) is after 'to' ({t})")));
        }
    }
    let limit = match get1(p, "limit") {
        None => DEFAULT_LIMIT,
        Some(v) => match v.trim().parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
            _ => return Err(ApiError::bad(format!("bad 'limit': expected 1..={MAX_LIMIT}, got '{v}'"))),
        },
    };
    Ok(EventQuery {
        from,
        to,
        bbox: get1(p, "bbox").map(parse_bbox).transpose()?,
        types: get_all(p, "type"),
        actor: get1(p, "actor").map(str::to_string),
        modality: parse_modalities(&get_all(p, "modality"))?,
        text: get1(p, "q").map(str::to_string),
        limit: Some(limit),
    })
}

// Response bodies, serialized straight from the values (building a `serde_json::Value` tree first
// doubled the work and the allocations of the largest answers).
#[derive(Serialize)]
struct EventsBody<'a> {
    count: usize,
    events: &'a [EventView],
}

#[derive(Serialize)]
struct ControlBody<'a> {
    as_of: NaiveDate,
    count: usize,
    places: &'a [ControlState],
}

#[derive(Serialize)]
struct HistoryBody<'a> {
    geonameid: i64,
    place: &'a PlaceRef,
    intervals: &'a [ControlState],
}

/// A JSON response serialized into a buffer sized for it up front (`axum::Json` starts at 128 bytes
/// and grows by copying; measured, this saves little next to building the values).
fn json_sized<T: Serialize>(v: &T, size_hint: usize) -> Response {
    let mut buf = Vec::with_capacity(size_hint.clamp(256, 64 << 20));
    match serde_json::to_writer(&mut buf, v) {
        Ok(()) => ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], buf).into_response(),
        Err(e) => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("cannot serialize the answer: {e}"))
            .into_response(),
    }
}

async fn events(State(s): State<AppState>, q: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let p = params(q, &["from", "to", "bbox", "type", "actor", "modality", "q", "limit", "format"])?;
    let fmt = format(&p, true)?;
    let query = event_query(&p)?;
    let b = s.backend.clone();
    Ok(match fmt {
        Format::GeoJson => {
            let evs = blocking(move || b.events(&query)).await?;
            geojson_response(geojson::events(&evs))
        }
        Format::Json => {
            let evs = blocking(move || b.event_views(&query)).await?;
            json_sized(&EventsBody { count: evs.len(), events: &evs }, evs.len() * 1800)
        }
    })
}

async fn control(State(s): State<AppState>, q: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let p = params(q, &["as_of", "bbox", "format"])?;
    let fmt = format(&p, true)?;
    let date = match get1(&p, "as_of") {
        Some(v) => parse_date("as_of", v)?,
        None => return Err(ApiError::bad("missing 'as_of': give a date as YYYY-MM-DD")),
    };
    let b = s.backend.clone();
    let bbox = get1(&p, "bbox").map(parse_bbox).transpose()?;
    let states = blocking(move || b.control_as_of(date, bbox)).await?;
    Ok(match fmt {
        Format::GeoJson => geojson_response(geojson::control(&states)),
        Format::Json => {
            json_sized(&ControlBody { as_of: date, count: states.len(), places: &states }, states.len() * 1500)
        }
    })
}

async fn history(
    State(s): State<AppState>,
    Path(id): Path<String>,
    q: Result<Query<Params>, QueryRejection>,
) -> ApiResult {
    let p = params(q, &["format"])?;
    let fmt = format(&p, true)?;
    let gid: i64 = id
        .trim()
        .parse()
        .map_err(|_| ApiError::bad(format!("bad place id '{id}': expected a GeoNames id (an integer)")))?;
    let b = s.backend.clone();
    let h = blocking(move || b.history(gid)).await?;
    if h.is_empty() {
        return Err(ApiError::new(StatusCode::NOT_FOUND, format!("no control history for GeoNames id {gid}")));
    }
    Ok(match fmt {
        Format::GeoJson => geojson_response(geojson::control(&h)),
        Format::Json => Json(HistoryBody { geonameid: gid, place: &h[0].place, intervals: &h }).into_response(),
    })
}

async fn report(
    State(s): State<AppState>,
    Path(id): Path<String>,
    q: Result<Query<Params>, QueryRejection>,
) -> ApiResult {
    params(q, &[])?;
    let b = s.backend.clone();
    let key = id.clone();
    match blocking(move || b.report(&key)).await? {
        Some(r) => Ok(Json(r).into_response()),
        None => Err(ApiError::new(StatusCode::NOT_FOUND, format!("no report with id '{id}'"))),
    }
}

async fn summary_h(State(s): State<AppState>, q: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let p = params(q, &["from", "to", "region", "format"])?;
    let (Some(from), Some(to)) = (opt_date(&p, "from")?, opt_date(&p, "to")?) else {
        return Err(ApiError::bad("'from' and 'to' are required (YYYY-MM-DD)"));
    };
    if from > to {
        return Err(ApiError::bad(format!("bad range: 'from' ({from}) is after 'to' ({to})")));
    }
    let region = get1(&p, "region").map(str::to_string);
    let fmt = get1(&p, "format").unwrap_or("json").to_string();
    if !matches!(fmt.as_str(), "json" | "markdown" | "html") {
        return Err(ApiError::bad(format!("bad 'format': '{fmt}' (allowed: json, markdown, html)")));
    }
    let b = s.backend.clone();
    let sum = blocking(move || summary::build(b.as_ref(), from, to, region.as_deref())).await?;
    Ok(match fmt.as_str() {
        "markdown" => {
            ([(header::CONTENT_TYPE, "text/markdown; charset=utf-8")], summary::markdown(&sum)).into_response()
        }
        "html" => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], summary::html(&sum)).into_response(),
        _ => Json(sum).into_response(),
    })
}

async fn meta(State(s): State<AppState>) -> ApiResult {
    let b = s.backend.clone();
    let m = blocking(move || b.meta()).await?;
    Ok(Json(m).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PostReport {
    id: Option<String>,
    source: Option<String>,
    url: Option<String>,
    published: Option<NaiveDate>,
    title: Option<String>,
    text: String,
}

fn token_of(h: &HeaderMap) -> Option<&str> {
    if let Some(v) = h.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) {
        return v.strip_prefix("Bearer ").map(str::trim);
    }
    h.get("x-sitrep-token").and_then(|v| v.to_str().ok()).map(str::trim)
}

fn same(a: &str, b: &str) -> bool {
    // Constant time in the length of the expected token.
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut diff = a.len() ^ b.len();
    for (i, x) in b.iter().enumerate() {
        diff |= usize::from(a.get(i).copied().unwrap_or(0) ^ x);
    }
    diff == 0
}

async fn post_report(State(s): State<AppState>, headers: HeaderMap, body: Bytes) -> ApiResult {
    match (&s.auth.token, s.auth.loopback) {
        (Some(t), _) => match token_of(&headers) {
            Some(given) if same(given, t) => {}
            Some(_) => return Err(ApiError::new(StatusCode::UNAUTHORIZED, "wrong token")),
            None => {
                return Err(ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "missing token: send 'Authorization: Bearer TOKEN'",
                ))
            }
        },
        (None, true) => {}
        (None, false) => {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "ingest is disabled: this server listens beyond loopback and has no token (set SITREP_TOKEN)",
            ))
        }
    }
    if let Some(ct) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) {
        if !ct.starts_with("application/json") {
            return Err(ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "send the report as application/json"));
        }
    }
    let p: PostReport = serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("bad report JSON: {e} (fields: id, source, url, published, title, text)"),
        )
    })?;
    if p.text.trim().is_empty() {
        return Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "'text' is empty"));
    }
    let id = p.id.filter(|s| !s.trim().is_empty()).unwrap_or_else(|| sitrep_core::record::stable_id(&[&p.text]));
    let report = Report { id, source: p.source, url: p.url, published: p.published, title: p.title, text: p.text };
    let b = s.backend.clone();
    let out = blocking(move || b.ingest(report)).await?;
    let status = if out.stored { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(out)).into_response())
}

async fn not_found_api(uri: Uri) -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, format!("no such endpoint: {}", uri.path()))
}

async fn method_not_allowed(method: axum::http::Method, uri: Uri) -> ApiError {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, format!("{method} is not allowed on {}", uri.path()))
}

async fn static_file(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    match assets::get(path) {
        Some((bytes, mime)) => {
            let mut r = Response::new(Body::from(bytes));
            let h = r.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
            h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            if mime.starts_with("text/html") {
                // The app loads nothing from elsewhere and runs no inline script.
                h.insert(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'",
                    ),
                );
            }
            r
        }
        None if assets::is_empty() => (
            StatusCode::NOT_FOUND,
            "the web app was not built into this binary: run `npm ci && npm run build` in web/, then rebuild",
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

/// The router: the API under /api, the web app everywhere else.
pub fn router(backend: Arc<dyn Backend>, auth: Auth) -> Router {
    let state = AppState { backend, auth };
    let api = Router::new()
        .route("/events", get(events))
        .route("/control", get(control))
        .route("/places/{geonameid}/history", get(history))
        .route("/reports", axum::routing::post(post_report))
        .route("/reports/{id}", get(report))
        .route("/summary", get(summary_h))
        .route("/meta", get(meta))
        .fallback(not_found_api)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state);
    Router::new().nest("/api", api).fallback(static_file)
}
