//! Bytes → text for every reader: BOMs, UTF-16, stray NULs, binary files, invalid UTF-8.
//!
//! Decisions:
//! * A UTF-8 byte-order mark is dropped (spans then count from the first character after it).
//! * UTF-16 with a BOM (LE or BE) is converted to UTF-8.
//! * A few NUL bytes in otherwise textual data are replaced by spaces (same byte length, so the
//!   spans of everything else are unchanged) with a warning; data that is mostly NULs or control
//!   bytes, or starts with a known binary signature, is refused as binary.
//! * Invalid UTF-8 is refused with the byte offset and line of the first bad byte, unless the
//!   caller supplies a declared charset (HTML `<meta charset>`), which is then honoured.

/// Text decoded from bytes, with any warnings worth recording on the report.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

const SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.odt)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"SQLite format 3", "an SQLite database"),
];

/// Says why `head` (the first bytes of an input) is not text, if it is not.
pub fn binary_reason(head: &[u8]) -> Option<String> {
    for (sig, what) in SIGNATURES {
        if head.starts_with(sig) {
            return Some(format!("binary file ({what}), not a text report"));
        }
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return None; // UTF-16 with BOM
    }
    let sample = &head[..head.len().min(8192)];
    if sample.is_empty() {
        return None;
    }
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    let controls = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0)).count();
    if nuls * 4 >= sample.len() {
        let odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
        if (odd * 3 > sample.len() && even * 10 < sample.len()) || (even * 3 > sample.len() && odd * 10 < sample.len())
        {
            return Some("looks like UTF-16 without a byte-order mark: convert it to UTF-8 first".into());
        }
        return Some("binary file (mostly NUL bytes), not a text report".into());
    }
    if (nuls + controls) * 10 > sample.len() {
        return Some("binary file (many control bytes), not a text report".into());
    }
    None
}

/// Decodes a whole input. `charset` is a declared encoding (HTML/XML), used when the bytes are
/// not UTF-8.
pub fn decode(bytes: Vec<u8>, charset: Option<&str>) -> Result<Decoded, String> {
    let mut warnings = Vec::new();
    if let Some(reason) = binary_reason(&bytes) {
        return Err(reason);
    }
    let mut text = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        warnings.push(format!("converted from UTF-16{} to UTF-8", if le { "LE" } else { "BE" }));
        String::from_utf16_lossy(&units)
    } else {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).map(<[u8]>::to_vec);
        let had_bom = body.is_some();
        let body = body.unwrap_or(bytes);
        match String::from_utf8(body) {
            Ok(s) => s,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                match charset.and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes())) {
                    Some(enc) if enc != encoding_rs::UTF_8 => {
                        let (cow, _, _) = enc.decode(&bytes);
                        warnings.push(format!("converted from {} to UTF-8", enc.name()));
                        cow.into_owned()
                    }
                    _ => {
                        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                        let offset = at + if had_bom { 3 } else { 0 };
                        return Err(format!(
                            "not valid UTF-8 (first bad byte 0x{:02X} at byte {offset}, line {line}); convert it to UTF-8 or name its encoding with --encoding (e.g. windows-1252)",
                            bytes.get(at).copied().unwrap_or(0)
                        ));
                    }
                }
            }
        }
    };
    if text.contains('\0') {
        let n = text.matches('\0').count();
        text = text.replace('\0', " ");
        warnings.push(format!("{n} NUL byte(s) replaced by spaces"));
    }
    Ok(Decoded { text, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped() {
        let d = decode(b"\xEF\xBB\xBFhello".to_vec(), None).unwrap();
        assert_eq!(d.text, "hello");
    }

    #[test]
    fn utf16_with_bom_is_converted() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Raqqa".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        assert_eq!(decode(b, None).unwrap().text, "Raqqa");
        let mut b = vec![0xFE, 0xFF];
        for u in "Idlib".encode_utf16() {
            b.extend(u.to_be_bytes());
        }
        assert_eq!(decode(b, None).unwrap().text, "Idlib");
    }

    #[test]
    fn utf16_without_bom_is_explained() {
        let b: Vec<u8> = "Raqqa and Idlib".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert!(decode(b, None).unwrap_err().contains("UTF-16"));
    }

    #[test]
    fn stray_nuls_become_spaces() {
        let d = decode(b"Homs\0was quiet.".to_vec(), None).unwrap();
        assert_eq!(d.text, "Homs was quiet.");
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(b"%PDF-1.7 ...".to_vec(), None).unwrap_err().contains("PDF"));
        assert!(decode(vec![0u8; 100], None).unwrap_err().contains("binary"));
        assert!(decode((0u8..32).cycle().take(400).collect(), None).unwrap_err().contains("binary"));
    }

    #[test]
    fn invalid_utf8_names_offset_and_line() {
        let e = decode(b"line one\nbad \xff here".to_vec(), None).unwrap_err();
        assert!(e.contains("byte 13") && e.contains("line 2"), "{e}");
    }

    #[test]
    fn declared_charset_is_honoured() {
        let d = decode(b"caf\xe9".to_vec(), Some("windows-1252")).unwrap();
        assert_eq!(d.text, "café");
    }
}
