//! The text layer on arbitrary text: spans inside the text, on char boundaries, in order.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = sitrep_model::analyze(&text);
    let ok = |s: sitrep_model::Span| {
        s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
    };
    let mut last = 0;
    for t in &doc.tokens {
        assert!(ok(t.span), "token {:?}", t.span);
        assert!(t.span.start >= last, "tokens out of order");
        last = t.span.end;
    }
    for s in &doc.sentences {
        assert!(ok(s.span), "sentence {:?}", s.span);
        assert!(s.tokens.start <= s.tokens.end && s.tokens.end <= doc.tokens.len());
        assert!(s.paragraph < doc.paragraphs.len().max(1));
    }
    for p in &doc.paragraphs {
        assert!(ok(*p), "paragraph {p:?}");
    }
});
