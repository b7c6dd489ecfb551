//! The schema-v1 records written as JSON by hand, byte for byte what `serde_json::to_writer`
//! writes for them (a test compares the two on records with every field set and unset).
//!
//! Why by hand: writing `extract --stream`'s output through serde cost ~6 % of all extraction
//! instructions, most of it `serde_json`'s string escaping, which tests one byte at a time; every
//! event repeats its evidence sentence, so the output is several times the report text. Here a
//! string is scanned eight bytes at a time and copied in runs. The serde derives stay: they read
//! records back and serialize them everywhere speed does not matter.
//!
//! Adding a field to a record means adding it here too: `tests::every_field_is_written` fails
//! until it is.

use crate::record::{
    AcledType, ActorRef, ControlRecord, DatePrecision, DateRef, EventRecord, Evidence, Modality, PlaceRef, PloverType,
    Record, ReportRecord, ReportRef, Trigger,
};
use crate::span::Span;
use chrono::{Datelike, NaiveDate};
use serde_json::ser::{CompactFormatter, Formatter};

/// Appends `r` as one JSON object (no newline), as `serde_json::to_writer(out, r)` would.
pub fn write_record(out: &mut Vec<u8>, r: &Record) {
    match r {
        Record::Report(x) => {
            out.extend_from_slice(br#"{"record":"report","#);
            report_record_fields(out, x);
        }
        Record::Event(x) => {
            out.extend_from_slice(br#"{"record":"event","#);
            event_fields(out, x);
        }
        Record::Control(x) => {
            out.extend_from_slice(br#"{"record":"control","#);
            control_fields(out, x);
        }
    }
    out.push(b'}');
}

/// Appends `[r, …]`, as `serde_json::to_writer(out, records)` would.
pub fn write_records(out: &mut Vec<u8>, records: &[Record]) {
    list(out, records, write_record);
}

/// Appends `[x, …]`, each item written by `item`.
fn list<T>(out: &mut Vec<u8>, items: &[T], item: impl Fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (k, x) in items.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        item(out, x);
    }
    out.push(b']');
}

/// Appends `s` as a JSON string (quoted and escaped as `serde_json` does).
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    escaped(out, s.as_bytes());
    out.push(b'"');
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `x` is zero (exact as a whole, not per byte).
#[inline]
fn any_zero(x: u64) -> bool {
    x.wrapping_sub(ONES) & !x & HIGH != 0
}

/// Whether any of these eight bytes needs an escape: a control byte (< 0x20), `"` or `\`.
#[inline]
fn any_special(x: u64) -> bool {
    x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0
        || any_zero(x ^ (ONES * b'"' as u64))
        || any_zero(x ^ (ONES * b'\\' as u64))
}

/// The escape of one byte: 0 for none, else the letter after `\` (`u` for `\u00XX`).
#[inline]
fn escape_of(b: u8) -> u8 {
    match b {
        0x08 => b'b',
        b'\t' => b't',
        b'\n' => b'n',
        0x0C => b'f',
        b'\r' => b'r',
        b'"' => b'"',
        b'\\' => b'\\',
        0..=0x1F => b'u',
        _ => 0,
    }
}

fn escaped(out: &mut Vec<u8>, b: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut run = 0; // start of the bytes not yet copied
    let mut i = 0;
    while i < b.len() {
        if let Some(chunk) = b.get(i..i + 8) {
            let mut x = [0u8; 8];
            x.copy_from_slice(chunk);
            if !any_special(u64::from_le_bytes(x)) {
                i += 8;
                continue;
            }
        }
        // A chunk with a byte to escape (or the last few bytes): one at a time.
        let end = (i + 8).min(b.len());
        while i < end {
            let e = escape_of(b[i]);
            if e != 0 {
                out.extend_from_slice(&b[run..i]);
                out.push(b'\\');
                out.push(e);
                if e == b'u' {
                    out.extend_from_slice(b"00");
                    out.push(HEX[(b[i] >> 4) as usize]);
                    out.push(HEX[(b[i] & 0xF) as usize]);
                }
                run = i + 1;
            }
            i += 1;
        }
    }
    out.extend_from_slice(&b[run..]);
}

fn usize_(out: &mut Vec<u8>, v: usize) {
    let _ = CompactFormatter.write_u64(out, v as u64);
}

/// Appends `null` for `None`, else the value as `item` writes it.
fn or_null<T>(out: &mut Vec<u8>, v: Option<T>, item: impl FnOnce(&mut Vec<u8>, T)) {
    match v {
        Some(x) => item(out, x),
        None => out.extend_from_slice(b"null"),
    }
}

fn opt_str(out: &mut Vec<u8>, s: &Option<String>) {
    or_null(out, s.as_deref(), write_str);
}

fn span(out: &mut Vec<u8>, s: Span) {
    out.push(b'[');
    usize_(out, s.start);
    out.push(b',');
    usize_(out, s.end);
    out.push(b']');
}

fn f64_(out: &mut Vec<u8>, v: f64) {
    if v.is_finite() {
        let _ = CompactFormatter.write_f64(out, v);
    } else {
        out.extend_from_slice(b"null");
    }
}

fn f32_(out: &mut Vec<u8>, v: f32) {
    if v.is_finite() {
        let _ = CompactFormatter.write_f32(out, v);
    } else {
        out.extend_from_slice(b"null");
    }
}

/// `"YYYY-MM-DD"` as chrono writes it (years outside 0–9999 with a sign, through chrono).
fn date(out: &mut Vec<u8>, d: NaiveDate) {
    let y = d.year();
    if !(0..=9999).contains(&y) {
        write_str(out, &format!("{d:?}"));
        return;
    }
    let two = |out: &mut Vec<u8>, v: u32| {
        out.push(b'0' + (v / 10) as u8);
        out.push(b'0' + (v % 10) as u8);
    };
    out.push(b'"');
    two(out, y as u32 / 100);
    two(out, y as u32 % 100);
    out.push(b'-');
    two(out, d.month());
    out.push(b'-');
    two(out, d.day());
    out.push(b'"');
}

fn report_ref(out: &mut Vec<u8>, r: &ReportRef) {
    out.push(b'{');
    out.extend_from_slice(br#""id":"#);
    write_str(out, &r.id);
    out.extend_from_slice(br#","source":"#);
    opt_str(out, &r.source);
    out.extend_from_slice(br#","url":"#);
    opt_str(out, &r.url);
    out.extend_from_slice(br#","published":"#);
    or_null(out, r.published, date);
    if let Some(t) = &r.title {
        out.extend_from_slice(br#","title":"#);
        write_str(out, t);
    }
    out.push(b'}');
}

fn report_record_fields(out: &mut Vec<u8>, r: &ReportRecord) {
    out.extend_from_slice(br#""report":"#);
    report_ref(out, &r.report);
    out.extend_from_slice(br#","sentences":"#);
    usize_(out, r.sentences);
    out.extend_from_slice(br#","warnings":"#);
    list(out, &r.warnings, |out, w| write_str(out, w));
}

fn actor_ref(out: &mut Vec<u8>, a: &ActorRef) {
    out.push(b'{');
    out.extend_from_slice(br#""name":"#);
    write_str(out, &a.name);
    if let Some(t) = &a.text {
        out.extend_from_slice(br#","text":"#);
        write_str(out, t);
    }
    if let Some(s) = a.span {
        out.extend_from_slice(br#","span":"#);
        span(out, s);
    }
    out.extend_from_slice(br#","country":"#);
    opt_str(out, &a.country);
    out.extend_from_slice(br#","sector":"#);
    opt_str(out, &a.sector);
    out.extend_from_slice(br#","id":"#);
    opt_str(out, &a.id);
    out.push(b'}');
}

fn actor_refs(out: &mut Vec<u8>, actors: &[ActorRef]) {
    list(out, actors, actor_ref);
}

fn place_ref(out: &mut Vec<u8>, p: &PlaceRef) {
    out.push(b'{');
    out.extend_from_slice(br#""text":"#);
    opt_str(out, &p.text);
    out.extend_from_slice(br#","span":"#);
    or_null(out, p.span, span);
    out.extend_from_slice(br#","name":"#);
    write_str(out, &p.name);
    out.extend_from_slice(br#","geonameid":"#);
    or_null(out, p.geonameid, |out, g| {
        let _ = CompactFormatter.write_i64(out, g);
    });
    out.extend_from_slice(br#","lat":"#);
    f64_(out, p.lat);
    out.extend_from_slice(br#","lon":"#);
    f64_(out, p.lon);
    out.extend_from_slice(br#","country":"#);
    opt_str(out, &p.country);
    out.extend_from_slice(br#","admin1":"#);
    opt_str(out, &p.admin1);
    out.extend_from_slice(br#","feature_code":"#);
    opt_str(out, &p.feature_code);
    out.extend_from_slice(br#","precision":"#);
    let _ = CompactFormatter.write_u8(out, p.precision);
    out.push(b'}');
}

fn precision(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Day => "day",
        DatePrecision::Week => "week",
        DatePrecision::Month => "month",
        DatePrecision::Year => "year",
    }
}

fn date_ref(out: &mut Vec<u8>, d: &DateRef) {
    out.push(b'{');
    out.extend_from_slice(br#""start":"#);
    date(out, d.start);
    out.extend_from_slice(br#","end":"#);
    date(out, d.end);
    out.extend_from_slice(br#","precision":"#);
    write_str(out, precision(d.precision));
    if let Some(t) = &d.text {
        out.extend_from_slice(br#","text":"#);
        write_str(out, t);
    }
    out.push(b'}');
}

fn modality(out: &mut Vec<u8>, m: Modality) {
    write_str(out, m.as_str());
}

fn acled(out: &mut Vec<u8>, a: &AcledType) {
    out.push(b'{');
    out.extend_from_slice(br#""event_type":"#);
    write_str(out, &a.event_type);
    out.extend_from_slice(br#","sub_event_type":"#);
    write_str(out, &a.sub_event_type);
    out.push(b'}');
}

fn plover(out: &mut Vec<u8>, p: &PloverType) {
    out.push(b'{');
    out.extend_from_slice(br#""event":"#);
    write_str(out, &p.event);
    out.extend_from_slice(br#","mode":"#);
    opt_str(out, &p.mode);
    out.push(b'}');
}

fn trigger(out: &mut Vec<u8>, t: &Trigger) {
    out.push(b'{');
    out.extend_from_slice(br#""text":"#);
    write_str(out, &t.text);
    out.extend_from_slice(br#","span":"#);
    span(out, t.span);
    out.push(b'}');
}

fn evidence(out: &mut Vec<u8>, e: &Evidence) {
    out.push(b'{');
    out.extend_from_slice(br#""sentence":"#);
    usize_(out, e.sentence);
    out.extend_from_slice(br#","span":"#);
    span(out, e.span);
    out.extend_from_slice(br#","text":"#);
    write_str(out, &e.text);
    out.push(b'}');
}

fn event_fields(out: &mut Vec<u8>, e: &EventRecord) {
    out.extend_from_slice(br#""id":"#);
    write_str(out, &e.id);
    out.extend_from_slice(br#","report":"#);
    report_ref(out, &e.report);
    out.extend_from_slice(br#","acled":"#);
    or_null(out, e.acled.as_ref(), acled);
    out.extend_from_slice(br#","plover":"#);
    or_null(out, e.plover.as_ref(), plover);
    out.extend_from_slice(br#","actor1":"#);
    actor_refs(out, &e.actor1);
    out.extend_from_slice(br#","actor2":"#);
    actor_refs(out, &e.actor2);
    out.extend_from_slice(br#","place":"#);
    or_null(out, e.place.as_ref(), place_ref);
    out.extend_from_slice(br#","date":"#);
    or_null(out, e.date.as_ref(), date_ref);
    out.extend_from_slice(br#","modality":"#);
    modality(out, e.modality);
    out.extend_from_slice(br#","attributed_to":"#);
    actor_refs(out, &e.attributed_to);
    out.extend_from_slice(br#","trigger":"#);
    trigger(out, &e.trigger);
    out.extend_from_slice(br#","evidence":"#);
    evidence(out, &e.evidence);
    out.extend_from_slice(br#","confidence":"#);
    f32_(out, e.confidence);
}

fn control_fields(out: &mut Vec<u8>, c: &ControlRecord) {
    out.extend_from_slice(br#""report":"#);
    report_ref(out, &c.report);
    out.extend_from_slice(br#","place":"#);
    place_ref(out, &c.place);
    out.extend_from_slice(br#","controller":"#);
    actor_ref(out, &c.controller);
    out.extend_from_slice(br#","status":"#);
    write_str(out, c.status.as_str());
    out.extend_from_slice(br#","modality":"#);
    modality(out, c.modality);
    out.extend_from_slice(br#","date":"#);
    or_null(out, c.date.as_ref(), date_ref);
    out.extend_from_slice(br#","evidence":"#);
    evidence(out, &c.evidence);
}

#[cfg(test)]
mod tests;
