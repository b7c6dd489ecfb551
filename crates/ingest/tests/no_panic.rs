//! Property tests: no reader panics on any bytes, and what they return is well-formed. Inputs are
//! random bytes, and the bundled examples and bad inputs with random damage (bytes flipped,
//! inserted, cut off), read as every format.

use proptest::prelude::*;
use sitrep_ingest::{read_bytes, InputFormat, ReadOptions};
use std::path::PathBuf;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    for dir in ["examples/reports", "tests/bad-inputs"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if let Ok(bytes) = std::fs::read(&p) {
                out.push((p.file_name().unwrap_or_default().to_string_lossy().into_owned(), bytes));
            }
        }
    }
    out
}

const FORMATS: [Option<InputFormat>; 5] =
    [None, Some(InputFormat::Text), Some(InputFormat::Html), Some(InputFormat::Feed), Some(InputFormat::Jsonl)];

/// Reads and checks the invariants every report must hold.
fn check(name: &str, bytes: Vec<u8>, format: Option<InputFormat>) {
    let opts = ReadOptions { format, max_report_bytes: Some(64 << 10), ..Default::default() };
    read_bytes(name, bytes, &opts, &mut |r| match r {
        Ok(ing) => {
            assert!(!ing.report.text.trim().is_empty(), "{name}: empty report text");
            assert!(!ing.report.id.is_empty(), "{name}: empty id");
            assert!(!ing.report.text.contains('\0'), "{name}: NUL in text");
        }
        Err(e) => {
            assert!(!e.message.is_empty());
            assert!(!e.to_string().contains('\n'), "{name}: multi-line error {e}");
        }
    });
}

#[derive(Debug, Clone)]
enum Damage {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Truncate(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Damage::Flip(i, b)),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..16)).prop_map(|(i, v)| Damage::Insert(i, v)),
        any::<usize>().prop_map(Damage::Truncate),
    ]
}

fn apply(mut bytes: Vec<u8>, damages: &[Damage]) -> Vec<u8> {
    for d in damages {
        if bytes.is_empty() {
            break;
        }
        match d {
            Damage::Flip(i, b) => {
                let i = i % bytes.len();
                bytes[i] ^= b | 1;
            }
            Damage::Insert(i, v) => {
                let i = i % (bytes.len() + 1);
                bytes.splice(i..i, v.iter().copied());
            }
            Damage::Truncate(i) => bytes.truncate(i % (bytes.len() + 1)),
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), f in 0usize..5) {
        check("random.dat", bytes, FORMATS[f]);
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,600}", f in 0usize..5) {
        check("random.txt", text.into_bytes(), FORMATS[f]);
    }

    #[test]
    fn damaged_files_never_panic(pick in any::<usize>(), damages in proptest::collection::vec(damage(), 1..6), f in 0usize..5) {
        let files = corpus();
        prop_assume!(!files.is_empty());
        let (name, bytes) = &files[pick % files.len()];
        check(name, apply(bytes.clone(), &damages), FORMATS[f]);
    }
}

#[test]
fn every_file_as_every_format() {
    for (name, bytes) in corpus() {
        for f in FORMATS {
            check(&name, bytes.clone(), f);
        }
    }
}
