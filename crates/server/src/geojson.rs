//! GeoJSON forms of events and control states (RFC 7946: [lon, lat], WGS 84).

use crate::backend::{event_dates, ControlState};
use serde_json::{json, Value};
use sitrep_core::record::EventRecord;

fn names(v: &[sitrep_core::record::ActorRef]) -> Vec<&str> {
    v.iter().map(|a| a.name.as_str()).collect()
}

/// Events with a place as Point features; events without a place are left out.
pub fn events(evs: &[EventRecord]) -> Value {
    let features: Vec<Value> = evs
        .iter()
        .filter_map(|e| {
            let p = e.place.as_ref()?;
            let (start, end) = event_dates(e).map(|(a, b)| (Some(a), Some(b))).unwrap_or((None, None));
            Some(json!({
                "type": "Feature",
                "id": e.id,
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {
                    "id": e.id,
                    "event_type": e.acled.as_ref().map(|a| &a.event_type),
                    "sub_event_type": e.acled.as_ref().map(|a| &a.sub_event_type),
                    "plover": e.plover.as_ref().map(|p| &p.event),
                    "modality": e.modality.as_str(),
                    "date_start": start,
                    "date_end": end,
                    "date_precision": e.date.as_ref().map(|d| d.precision),
                    "actor1": names(&e.actor1),
                    "actor2": names(&e.actor2),
                    "attributed_to": names(&e.attributed_to),
                    "place": p.name,
                    "geonameid": p.geonameid,
                    "geo_precision": p.precision,
                    "report": e.report.id,
                    "source": e.report.source,
                    "sentence": e.evidence.sentence,
                    "evidence": e.evidence.text,
                    "confidence": e.confidence,
                }
            }))
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}

/// Control states as Point features at the place.
pub fn control(states: &[ControlState]) -> Value {
    let features: Vec<Value> = states
        .iter()
        .map(|s| {
            json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [s.place.lon, s.place.lat]},
                "properties": {
                    "place": s.place.name,
                    "geonameid": s.place.geonameid,
                    "controller": s.controller.name,
                    "controller_id": s.controller.id,
                    "status": s.status.as_str(),
                    "modality": s.modality.as_str(),
                    "since": s.since,
                    "until": s.until,
                    "confidence": s.confidence,
                    "contenders": names(&s.contenders),
                    "sources": s.sources.iter().map(|x| json!({
                        "report": x.report.id, "source": x.report.source, "modality": x.modality.as_str(),
                        "sentence": x.evidence.sentence, "evidence": x.evidence.text,
                    })).collect::<Vec<_>>(),
                }
            })
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}
