use super::*;
use crate::record::{ActorRef, ControlStatus, PlaceRef};

fn serde(r: &Record) -> String {
    serde_json::to_string(r).unwrap()
}

fn ours(r: &Record) -> String {
    let mut out = Vec::new();
    write_record(&mut out, r);
    String::from_utf8(out).unwrap()
}

/// Strings that exercise the escapes: every control byte, quotes, backslashes, non-ASCII, and
/// specials at every position around the eight-byte chunks.
fn tricky() -> Vec<String> {
    let mut v: Vec<String> = vec![
        String::new(),
        "plain".into(),
        "Shelling hit the \"old\" market\\bazaar.\n".into(),
        "Qa’im – al-Bukamal, Dayr az-Zawr; 5°C\u{7f}".into(),
        (0u8..0x20).map(char::from).collect(),
    ];
    for n in 0..20 {
        for c in ['"', '\\', '\n', '\u{1}', '\u{1f}', 'é', ' '] {
            v.push(format!("{}{c}{}", "a".repeat(n), "b".repeat(19 - n)));
        }
    }
    v
}

fn report_ref(k: usize, s: &str) -> ReportRef {
    ReportRef {
        id: s.into(),
        source: k.is_multiple_of(2).then(|| s.to_string()),
        url: k.is_multiple_of(3).then(|| "https://example.org/a?b=\"c\"".into()),
        published: match k % 4 {
            0 => NaiveDate::from_ymd_opt(2017, 11, 3),
            1 => NaiveDate::from_ymd_opt(33, 1, 9),
            2 => None,
            _ => NaiveDate::from_ymd_opt(-12, 12, 31),
        },
        title: (!k.is_multiple_of(5)).then(|| s.to_string()),
    }
}

fn actor(k: usize, s: &str) -> ActorRef {
    ActorRef {
        name: s.into(),
        text: (k % 2 == 1).then(|| s.to_string()),
        span: (k % 3 != 1).then(|| Span::new(k, k + 7)),
        country: k.is_multiple_of(2).then(|| "SYR".into()),
        sector: k.is_multiple_of(3).then(|| "MIL".into()),
        id: k.is_multiple_of(4).then(|| "SYR-SAA".into()),
    }
}

fn place(k: usize, s: &str) -> PlaceRef {
    PlaceRef {
        text: k.is_multiple_of(2).then(|| s.to_string()),
        span: (k % 3 != 2).then(|| Span::new(3, usize::MAX)),
        name: s.into(),
        geonameid: [Some(170_063), None, Some(-1), Some(i64::MAX)][k % 4],
        lat: [36.2, -0.0, 1e-7, f64::NAN, 33.513_805_6, 1e300, f64::INFINITY][k % 7],
        lon: [37.15, 180.0, -179.999_99, 0.1 + 0.2][k % 4],
        country: k.is_multiple_of(3).then(|| "SY".into()),
        admin1: (k % 2 == 1).then(|| "SY.09".into()),
        feature_code: (!k.is_multiple_of(5)).then(|| "PPLA".into()),
        precision: (k % 4) as u8,
    }
}

fn date_ref(k: usize, s: &str) -> Option<DateRef> {
    (!k.is_multiple_of(3)).then(|| DateRef {
        start: NaiveDate::from_ymd_opt(2017, 1 + (k % 12) as u32, 1 + (k % 28) as u32).unwrap(),
        end: NaiveDate::from_ymd_opt(10_000 + k as i32, 2, 28).unwrap(),
        precision: [DatePrecision::Day, DatePrecision::Week, DatePrecision::Month, DatePrecision::Year][k % 4],
        text: k.is_multiple_of(2).then(|| s.to_string()),
    })
}

fn records() -> Vec<Record> {
    let mut out = Vec::new();
    for (k, s) in tricky().iter().enumerate() {
        out.push(Record::Report(ReportRecord {
            report: report_ref(k, s),
            sentences: k * 1_000_003,
            warnings: (0..k % 3).map(|i| format!("{s}{i}")).collect(),
        }));
        out.push(Record::Event(EventRecord {
            id: format!("{k:016x}"),
            report: report_ref(k + 1, s),
            acled: k
                .is_multiple_of(2)
                .then(|| AcledType { event_type: "Battles".into(), sub_event_type: s.to_string() }),
            plover: (!k.is_multiple_of(3))
                .then(|| PloverType { event: "ASSAULT".into(), mode: k.is_multiple_of(2).then(|| s.clone()) }),
            actor1: (0..k % 3).map(|i| actor(k + i, s)).collect(),
            actor2: (0..k % 2).map(|i| actor(k + i + 1, s)).collect(),
            place: (k % 4 != 3).then(|| place(k, s)),
            date: date_ref(k, s),
            modality: Modality::ALL[k % Modality::ALL.len()],
            attributed_to: (0..(k / 2) % 2).map(|i| actor(k + i + 2, s)).collect(),
            trigger: Trigger { text: s.to_string(), span: Span::new(0, k) },
            evidence: Evidence { sentence: k, span: Span::new(k, 2 * k), text: s.repeat(k % 4) },
            confidence: [0.5, 0.1, 0.7, 1.0 / 3.0, f32::NAN, 0.0][k % 6],
        }));
        out.push(Record::Control(ControlRecord {
            report: report_ref(k + 2, s),
            place: place(k + 1, s),
            controller: actor(k + 3, s),
            status: [ControlStatus::Controlled, ControlStatus::Contested, ControlStatus::Besieged][k % 3],
            modality: Modality::ALL[(k + 3) % Modality::ALL.len()],
            date: date_ref(k + 1, s),
            evidence: Evidence { sentence: 0, span: Span::new(1, 2), text: s.to_string() },
        }));
    }
    out
}

#[test]
fn every_record_is_written_as_serde_json_writes_it() {
    let all = records();
    for r in &all {
        assert_eq!(ours(r), serde(r));
    }
    let mut out = Vec::new();
    write_records(&mut out, &all);
    assert_eq!(out, serde_json::to_vec(&all).unwrap());
    assert_eq!(ours(&all[0]).len(), serde(&all[0]).len());
}

/// Catches a field added to a record type but not to the writer: serde writes every field of a
/// record whose options are all set, and the two must agree.
#[test]
fn every_field_is_written() {
    for r in records() {
        let theirs: serde_json::Value = serde_json::from_str(&serde(&r)).unwrap();
        let mine: serde_json::Value = serde_json::from_str(&ours(&r)).unwrap();
        assert_eq!(mine, theirs);
    }
}

#[test]
fn strings_are_escaped_as_serde_json_escapes_them() {
    for s in tricky() {
        let mut out = Vec::new();
        write_str(&mut out, &s);
        assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap(), "{s:?}");
    }
    for b in 0u8..0x80 {
        for at in 0..17 {
            let s: String =
                std::iter::repeat_n('x', at).chain([char::from(b)]).chain(std::iter::repeat_n('y', 9)).collect();
            let mut out = Vec::new();
            write_str(&mut out, &s);
            assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap(), "{b} {at}");
        }
    }
}
