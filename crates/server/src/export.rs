//! Exports: ACLED CSV (ACLED's column layout), GeoJSON, JSON Lines (schema v1) and PLOVER JSON.

use crate::backend::event_dates;
use crate::countries;
use serde_json::{json, Value};
use sitrep_core::record::{ActorRef, ControlRecord, DatePrecision, EventRecord, Modality, Record};
use std::io::Write;

/// ACLED's columns, in ACLED's order.
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// ACLED time precision: 1 = the day is known, 2 = within a week or a few days, 3 = the month or less precise.
pub fn acled_time_precision(e: &EventRecord) -> u8 {
    match &e.date {
        Some(d) => match d.precision {
            DatePrecision::Day if d.start == d.end => 1,
            DatePrecision::Day | DatePrecision::Week => 2,
            DatePrecision::Month | DatePrecision::Year => 3,
        },
        // Only the report's publication date is known: the event happened on or before it.
        None => 2,
    }
}

/// ACLED interaction code of an actor (1 state forces, 2 rebels, 3 political militias, 6 protesters,
/// 7 civilians, 8 external/other forces), from its PLOVER sector and country. `None` when unknown.
pub fn acled_inter(a: &ActorRef, event_country3: Option<&str>) -> Option<u8> {
    let sector = a.sector.as_deref().unwrap_or("");
    match sector {
        "MIL" | "GOV" | "COP" | "SPY" => match (a.country.as_deref(), event_country3) {
            (Some(ac), Some(ec)) if !ac.eq_ignore_ascii_case(ec) => Some(8),
            _ => Some(1),
        },
        "REB" | "INS" => Some(2),
        "PTY" | "UAF" => Some(3),
        "CVL" | "JRN" | "REF" | "EDU" | "MED" | "HLH" => Some(7),
        "IGO" | "NGO" => Some(8),
        _ => None,
    }
}

fn disorder_type(event_type: &str) -> &'static str {
    match event_type {
        "Battles" | "Explosions/Remote violence" | "Violence against civilians" => "Political violence",
        "Protests" | "Riots" => "Demonstrations",
        _ => "Strategic developments",
    }
}

fn names(v: &[ActorRef]) -> (String, String) {
    let first = v.first().map(|a| a.name.clone()).unwrap_or_default();
    let rest: Vec<&str> = v.iter().skip(1).map(|a| a.name.as_str()).collect();
    (first, rest.join("; "))
}

/// Writes events with an ACLED type, a place and a date as ACLED rows. Returns (written, skipped).
/// `admin1` names GeoNames admin-1 codes ("SY.07"); the column stays empty where it cannot.
pub fn acled_csv(
    events: &[EventRecord],
    out: &mut dyn Write,
    timestamp: i64,
    admin1: &dyn Fn(&str) -> Option<String>,
) -> std::io::Result<(usize, usize)> {
    writeln!(out, "{}", ACLED_COLUMNS.join(","))?;
    let (mut n, mut skipped) = (0, 0);
    for e in events {
        let (Some(a), Some(p), Some((start, _))) = (&e.acled, &e.place, event_dates(e)) else {
            skipped += 1;
            continue;
        };
        let country = p.country.as_deref().and_then(countries::lookup);
        let c3 = country.map(|c| c.alpha3.as_str());
        let (actor1, assoc1) = names(&e.actor1);
        let (actor2, assoc2) = names(&e.actor2);
        let inter1 = e.actor1.first().and_then(|x| acled_inter(x, c3));
        let inter2 = e.actor2.first().and_then(|x| acled_inter(x, c3));
        let interaction = match (inter1, inter2) {
            (Some(x), Some(y)) => Some(u16::from(x.min(y)) * 10 + u16::from(x.max(y))),
            (Some(x), None) | (None, Some(x)) => Some(u16::from(x) * 10),
            _ => None,
        };
        // ACLED marks events whose primary target is civilians.
        let civ = e.actor2.iter().any(|x| x.sector.as_deref() == Some("CVL"));
        let mut tags = Vec::new();
        if e.modality != Modality::Asserted {
            tags.push(format!("sitrep modality: {}", e.modality.as_str()));
        }
        let attributed: Vec<&str> = e.attributed_to.iter().map(|a| a.name.as_str()).collect();
        if !attributed.is_empty() {
            tags.push(format!("according to: {}", attributed.join("; ")));
        }
        let id = format!("{}{}", c3.unwrap_or("XXX"), e.id);
        let row: Vec<String> = vec![
            id,
            start.format("%Y-%m-%d").to_string(),
            start.format("%Y").to_string(),
            acled_time_precision(e).to_string(),
            disorder_type(&a.event_type).to_string(),
            a.event_type.clone(),
            a.sub_event_type.clone(),
            actor1,
            assoc1,
            inter1.map(|x| x.to_string()).unwrap_or_default(),
            actor2,
            assoc2,
            inter2.map(|x| x.to_string()).unwrap_or_default(),
            interaction.map(|x| x.to_string()).unwrap_or_default(),
            if civ { "Civilian targeting".into() } else { String::new() },
            country.map(|c| c.numeric.to_string()).unwrap_or_default(),
            country.and_then(|c| c.acled_region.clone()).unwrap_or_default(),
            country.map(|c| c.name.clone()).or_else(|| p.country.clone()).unwrap_or_default(),
            // ACLED writes names; a GeoNames code is not one, so the column stays empty without a name.
            p.admin1.as_deref().and_then(admin1).unwrap_or_default(),
            String::new(),
            String::new(),
            p.name.clone(),
            format!("{:.4}", p.lat),
            format!("{:.4}", p.lon),
            p.precision.clamp(1, 3).to_string(),
            e.report.source.clone().unwrap_or_default(),
            String::new(),
            e.evidence.text.split_whitespace().collect::<Vec<_>>().join(" "),
            // Fatalities are not extracted: ACLED's 0 would claim "none", so leave it empty.
            String::new(),
            tags.join("; "),
            timestamp.to_string(),
        ];
        let line: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        writeln!(out, "{}", line.join(","))?;
        n += 1;
    }
    Ok((n, skipped))
}

fn plover_actor(v: &[ActorRef]) -> Vec<Value> {
    v.iter()
        .map(|a| {
            json!({
                "actor": a.name, "actor_text": a.text, "country": a.country, "sector": a.sector, "id": a.id,
            })
        })
        .collect()
}

/// One PLOVER record (PLOVER's fields: id, date, event, mode, context, actor/recipient, event_loc, text_info).
pub fn plover_record(e: &EventRecord) -> Option<Value> {
    let p = e.plover.as_ref()?;
    let date = event_dates(e).map(|x| x.0.format("%Y-%m-%d").to_string());
    let loc = e.place.as_ref().map(|pl| {
        json!({
            "name": pl.name, "text": pl.text, "geonameid": pl.geonameid, "lat": pl.lat, "lon": pl.lon,
            "country": pl.country, "admin1": pl.admin1, "feature_code": pl.feature_code, "geo_precision": pl.precision,
        })
    });
    Some(json!({
        "id": e.id,
        "date": date,
        "event": p.event,
        "mode": p.mode.clone().unwrap_or_default(),
        "context": [],
        "actor": plover_actor(&e.actor1),
        "recipient": plover_actor(&e.actor2),
        "event_loc": loc,
        "text_info": {
            "text": e.evidence.text,
            "sentence": e.evidence.sentence,
            "span": e.evidence.span,
            "trigger": e.trigger.text,
            "report_id": e.report.id,
            "publisher": e.report.source,
            "url": e.report.url,
            "pub_date": e.report.published,
            "modality": e.modality.as_str(),
        },
    }))
}

/// PLOVER JSON: an array of records for events with a PLOVER type. Returns (written, skipped).
pub fn plover_json(events: &[EventRecord], out: &mut dyn Write) -> std::io::Result<(usize, usize)> {
    let recs: Vec<Value> = events.iter().filter_map(plover_record).collect();
    let n = recs.len();
    serde_json::to_writer_pretty(&mut *out, &recs)?;
    writeln!(out)?;
    Ok((n, events.len() - n))
}

/// Schema-v1 JSON Lines: event records, then control records.
pub fn jsonl(events: &[EventRecord], controls: &[ControlRecord], out: &mut dyn Write) -> std::io::Result<usize> {
    let mut n = 0;
    for e in events {
        serde_json::to_writer(&mut *out, &Record::Event(e.clone()))?;
        writeln!(out)?;
        n += 1;
    }
    for c in controls {
        serde_json::to_writer(&mut *out, &Record::Control(c.clone()))?;
        writeln!(out)?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::demo;

    fn events() -> Vec<EventRecord> {
        demo().into_iter().flat_map(|x| x.1).collect()
    }

    #[test]
    fn acled_csv_has_acled_header_and_honest_precision() {
        let mut buf = Vec::new();
        let (n, skipped) = acled_csv(&events(), &mut buf, 0, &|_| None).unwrap();
        let s = String::from_utf8(buf).unwrap();
        let mut lines = s.lines();
        assert_eq!(lines.next().unwrap().split(',').count(), 31);
        assert_eq!(n + skipped, events().len());
        assert!(skipped >= 1, "the PLOVER-only talks event has no ACLED type");
        let row = s.lines().find(|l| l.contains("Al Qa'im")).unwrap();
        assert!(row.starts_with("IRQ"), "{row}");
        assert!(row.contains(",2017-11-03,2017,1,Political violence,Battles,Government regains territory,"), "{row}");
        assert!(row.contains(",368,Middle East,Iraq,"), "{row}");
        // Fields with commas or quotes are quoted.
        let afrin = s.lines().find(|l| l.contains("onerror")).unwrap();
        assert!(afrin.contains("\"Artillery shelling hit Afrin"), "{afrin}");
    }

    #[test]
    fn plover_json_has_plover_fields() {
        let mut buf = Vec::new();
        plover_json(&events(), &mut buf).unwrap();
        let v: Value = serde_json::from_slice(&buf).unwrap();
        let r = &v.as_array().unwrap()[0];
        for k in ["id", "date", "event", "mode", "context", "actor", "recipient", "event_loc", "text_info"] {
            assert!(r.get(k).is_some(), "missing {k}");
        }
    }
}
