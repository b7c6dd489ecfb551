use super::*;
use proptest::prelude::*;

fn sents(text: &str) -> Vec<&str> {
    let d = analyze(text);
    d.sentences.iter().map(|s| s.span.of(text)).collect()
}

fn toks(text: &str) -> Vec<&str> {
    tokenize(text).iter().map(|t| t.span.of(text)).collect()
}

#[test]
fn initialisms_and_ranks_do_not_split() {
    let t = "The U.S. envoy met Lt. Col. Smith and Gen. Mazloum on Nov. 3 in Hasakah. The U.N. said nothing.";
    assert_eq!(
        sents(t),
        vec!["The U.S. envoy met Lt. Col. Smith and Gen. Mazloum on Nov. 3 in Hasakah.", "The U.N. said nothing."]
    );
}

#[test]
fn initialism_can_end_a_sentence() {
    let t = "The convoy was sent by the U.S. The next morning it reached Tanf.";
    assert_eq!(sents(t), vec!["The convoy was sent by the U.S.", "The next morning it reached Tanf."]);
}

#[test]
fn numbers_ranges_and_decimals() {
    let t = "Some 5-7,000 soldiers held 3.5 km of road. Casualties rose to 1,200.";
    assert_eq!(sents(t).len(), 2);
    assert_eq!(toks("some 5-7,000 held 3.5 km")[1], "5-7,000");
    assert_eq!(toks("some 5-7,000 held 3.5 km")[3], "3.5");
}

#[test]
fn arabic_article_prefixes_stay_in_one_token() {
    assert_eq!(
        toks("near al-Qaim and ash-Shaddadi, Qa'im"),
        vec!["near", "al-Qaim", "and", "ash-Shaddadi", ",", "Qa'im"]
    );
    assert_eq!(toks("ISIS' last refuge"), vec!["ISIS", "'", "last", "refuge"]);
}

#[test]
fn quotations_end_sentences_after_the_quote() {
    let t = "The mayor said \"We will hold the bridge.\" Fighting resumed at dawn.";
    assert_eq!(sents(t), vec!["The mayor said \"We will hold the bridge.\"", "Fighting resumed at dawn."]);
}

#[test]
fn hashtags_and_urls() {
    let t = "Outlets tagged it #fakenews online. See https://example.org/a.html. Then stop.";
    assert_eq!(sents(t), vec!["Outlets tagged it #fakenews online.", "See https://example.org/a.html.", "Then stop."]);
    assert!(toks(t).contains(&"#fakenews"));
    assert!(toks(t).contains(&"https://example.org/a.html"));
}

#[test]
fn paragraphs_and_headings_split() {
    let t = "Front line update\n\nShelling hit Kherson overnight. Two people died.\n\n\nIn the north, nothing changed";
    let d = analyze(t);
    assert_eq!(d.paragraphs.len(), 3);
    assert_eq!(
        sents(t),
        vec![
            "Front line update",
            "Shelling hit Kherson overnight.",
            "Two people died.",
            "In the north, nothing changed"
        ]
    );
}

#[test]
fn bullet_lists_split_per_item() {
    let t = "Key points:\n- Army entered Mayadin\n- Militants fled east\n1. Roads closed\n2. Curfew set";
    assert_eq!(
        sents(t),
        vec!["Key points:", "- Army entered Mayadin", "- Militants fled east", "1. Roads closed", "2. Curfew set"]
    );
}

#[test]
fn wrapped_lines_do_not_split() {
    let t = "The convoy left the northern outskirts of the town early on Monday and\nreached the checkpoint near the river by noon.";
    assert_eq!(sents(t).len(), 1);
}

#[test]
fn lower_case_after_period_does_not_split() {
    let t = "Prices rose approx. ten percent, i.e. too much. Next.";
    assert_eq!(sents(t), vec!["Prices rose approx. ten percent, i.e. too much.", "Next."]);
}

#[test]
fn question_and_exclamation() {
    assert_eq!(sents("Who fired first? Nobody knows! Really."), vec!["Who fired first?", "Nobody knows!", "Really."]);
}

#[test]
fn date_line_is_its_own_paragraph() {
    let t = " date 2017-11-03 November 03, 2017\n\nThe army advanced.";
    let d = analyze(t);
    assert_eq!(d.sentences.len(), 2);
    assert_eq!(d.sentences[0].span.of(t), "date 2017-11-03 November 03, 2017");
}

#[test]
fn sentence_at_finds_containing_sentence() {
    let t = "One. Two three. Four.";
    let d = analyze(t);
    assert_eq!(d.sentence_at(0), Some(0));
    assert_eq!(d.sentence_at(7), Some(1));
    assert_eq!(d.sentence_at(t.len() - 1), Some(2));
}

#[test]
fn lower_cased_text_splits_at_periods() {
    let t = "rebels shelled the port on monday.  residents fled north! officials said two people died. \
             the u.s. envoy met gen. ahmed and the talks failed.";
    assert_eq!(
        sents(t),
        vec![
            "rebels shelled the port on monday.",
            "residents fled north!",
            "officials said two people died.",
            "the u.s. envoy met gen. ahmed and the talks failed."
        ]
    );
}

#[test]
fn a_capitalized_sentence_start_keeps_lower_case_words_joined() {
    // One capital after a period shows the writer capitalizes sentences.
    let t = "prices rose approx. ten percent. then. Next.";
    assert_eq!(sents(t), vec!["prices rose approx. ten percent. then.", "Next."]);
    // A text that begins with a capital is cased; a domain name has no space after its period.
    assert_eq!(sents("Read the notice at example.org. see below."), vec!["Read the notice at example.org. see below."]);
    assert_eq!(sents("read the notice at example.org today"), vec!["read the notice at example.org today"]);
}

proptest! {
    #[test]
    fn spans_are_in_bounds_ordered_and_on_char_boundaries(text in "\\PC{0,300}|[a-zA-Z .,!?\"'\\n-]{0,300}") {
        let d = analyze(&text);
        let mut prev_end = 0;
        for t in &d.tokens {
            prop_assert!(t.span.start < t.span.end && t.span.end <= text.len());
            prop_assert!(t.span.start >= prev_end);
            prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            prev_end = t.span.end;
        }
        let mut prev = 0;
        for s in &d.sentences {
            prop_assert!(s.span.start >= prev && s.span.start < s.span.end && s.span.end <= text.len());
            prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
            // Re-slicing reproduces the sentence from its first to its last token.
            let toks = &d.tokens[s.tokens.clone()];
            prop_assert_eq!(s.span.start, toks[0].span.start);
            prop_assert_eq!(s.span.end, toks[toks.len() - 1].span.end);
            prop_assert!(d.paragraphs[s.paragraph].contains(s.span));
            prev = s.span.end;
        }
        // Every token is in exactly one sentence.
        let covered: usize = d.sentences.iter().map(|s| s.tokens.len()).sum();
        prop_assert_eq!(covered, d.tokens.len());
    }

    #[test]
    fn non_space_bytes_are_all_tokenized(text in "\\PC{0,200}") {
        let toks = tokenize(&text);
        let covered: usize = toks.iter().map(|t| t.span.len()).sum();
        let non_space: usize = text.chars().filter(|c| !is_space(*c)).map(char::len_utf8).sum();
        prop_assert_eq!(covered, non_space);
    }
}

/// The reference report in ../shared is read at test time (never copied): every sentence must
/// end where its text ends, and no sentence may be cut inside "U.S." or a number range.
#[test]
fn reference_report_splits_cleanly() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed/report-2017-11-03.txt");
    let Ok(text) = std::fs::read_to_string(path) else { return };
    let d = analyze(&text);
    for s in &d.sentences {
        let t = s.span.of(&text);
        assert!(!t.ends_with("U.S."), "split after an initialism: {t:?}");
        if std::env::var("SITREP_SHOW").is_ok() {
            println!("[{t}]");
        }
    }
    assert!(d.sentences.len() > 40);
}

#[test]
fn longest_abbreviation_is_the_longest_listed() {
    let longest = TITLES.iter().chain(OTHER_ABBREVIATIONS).map(|a| a.len()).max();
    assert_eq!(longest, Some(LONGEST_ABBREVIATION));
    assert!(TITLES.iter().chain(OTHER_ABBREVIATIONS).all(|a| a.is_ascii()));
}
