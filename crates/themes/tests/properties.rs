//! Property tests: arbitrary text, arbitrary tokens and junk data files never panic, and what comes out is
//! well-formed (spans inside the text and equal to their evidence, finite tone figures).

use attache_doc::{Article, Doc, Sentence, Span, Stage, Token, TokenKind};
use attache_themes::{BUILTIN_LEXICON, BUILTIN_TAXONOMY, Lexicon, Taxonomy, ThemeStage};
use proptest::prelude::*;
use std::sync::OnceLock;

fn stage() -> &'static ThemeStage {
    static STAGE: OnceLock<ThemeStage> = OnceLock::new();
    STAGE.get_or_init(ThemeStage::default)
}

/// Text that often hits the rules: words from the data files mixed with punctuation and odd characters.
fn newsy_text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Taiwan",
        "Taiwan’s",
        "arms",
        "sales",
        "AI",
        "Ai",
        "not",
        "no",
        "good",
        "bad",
        "red",
        "line",
        "tariffs",
        "People's",
        "Republic",
        "of",
        "China",
        "war",
        "trade",
        "export",
        "controls",
        "very",
        "lifted",
        "sanctions",
        "n't",
        "don’t",
        "—",
        ",",
        ";",
        "(",
        ")",
        "“",
        "”",
        "'",
        "-",
        "non-proliferation",
        "G20",
        "é",
        "İ",
        "ß",
        "🙂",
        "\u{0301}",
        "\u{200B}",
        "  ",
        "\n",
        "\t",
        "sanction",
        "summit",
        "Mount",
        "chip",
        "bargaining",
    ]);
    prop::collection::vec(prop_oneof![words.prop_map(String::from), any::<String>()], 0..40)
        .prop_map(|parts| parts.join(" "))
}

/// The body of a TOML basic string holding `text`.
fn toml_basic_string(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn check_analysis(text: &str) {
    let analysis = stage().analyze(text);
    for hit in &analysis.themes {
        assert!(hit.start <= hit.end && hit.end <= text.len());
        assert_eq!(text.get(hit.start..hit.end), Some(hit.text.as_str()));
        assert!(stage().taxonomy().theme(&hit.theme).is_some());
    }
    for hit in &analysis.tone_hits {
        assert_eq!(text.get(hit.start..hit.end), Some(hit.text.as_str()));
        assert!(hit.weight.is_finite() && hit.weight != 0.0);
    }
    let tone = &analysis.tone;
    for value in [tone.tone, tone.positive, tone.negative, tone.polarity] {
        assert!(value.is_finite());
    }
    assert!(tone.positive >= 0.0 && tone.negative >= 0.0);
    assert!((tone.polarity - tone.positive - tone.negative).abs() < 1e-3);
    assert!((tone.tone - (tone.positive - tone.negative)).abs() < 1e-3);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn analyze_never_panics_on_arbitrary_strings(text in any::<String>()) {
        check_analysis(&text);
    }

    #[test]
    fn analyze_never_panics_on_newsy_text(text in newsy_text()) {
        check_analysis(&text);
    }

    /// Tokens with arbitrary offsets (inside characters, past the end, reversed), arbitrary norms and sentence
    /// ids, and sentences with arbitrary spans: the stage annotates what it can and every mention is a valid
    /// character span equal to its evidence.
    #[test]
    fn stage_never_panics_on_arbitrary_tokens(
        text in newsy_text(),
        raw_tokens in prop::collection::vec((0u32..400, 0u32..400, 0u32..4, newsy_text()), 0..30),
        raw_sentences in prop::collection::vec((0u32..300, 0u32..300), 0..4),
    ) {
        let mut doc = Doc::new(Article { text: text.clone(), ..Default::default() });
        for (id, (a, b)) in raw_sentences.iter().enumerate() {
            doc.sentences.push(Sentence {
                id: id as u32, start: *a.min(b), end: *a.max(b), paragraph: 0, text: String::new(), tone: None,
            });
        }
        let mut tokens: Vec<Token> = raw_tokens.into_iter().map(|(start, end, sentence, norm)| Token {
            start, end, sentence, kind: TokenKind::Word, norm: norm.as_str().into(), flags: Default::default(),
        }).collect();
        tokens.sort_by_key(|t| t.sentence);
        doc.tokens = tokens;
        stage().annotate(&mut doc);
        let char_len = text.chars().count() as u32;
        for mention in &doc.themes {
            prop_assert!(mention.start <= mention.end && mention.end <= char_len);
            prop_assert_eq!(doc.slice(Span::new(mention.start, mention.end)), mention.text.as_str());
            prop_assert!((mention.sentence as usize) < doc.sentences.len());
        }
        prop_assert_eq!(doc.sentences.iter().filter(|s| s.tone.is_some()).count(), doc.sentences.len());
        let total: u32 = doc.theme_summary.iter().map(|s| s.mentions).sum();
        prop_assert_eq!(total as usize, doc.themes.len());
    }

    #[test]
    fn taxonomy_parser_never_panics_on_junk(source in any::<String>()) {
        if let Err(error) = Taxonomy::parse(&source, "junk.toml") {
            let lines = source.lines().count().max(1) + 1;
            prop_assert!(error.line.is_none_or(|line| line >= 1 && line <= lines), "{error}");
        }
    }

    #[test]
    fn lexicon_parser_never_panics_on_junk(source in any::<String>()) {
        if let Err(error) = Lexicon::parse(&source, "junk.toml") {
            let lines = source.lines().count().max(1) + 1;
            prop_assert!(error.line.is_none_or(|line| line >= 1 && line <= lines), "{error}");
        }
    }

    /// Any phrase text inside an otherwise valid rule: parsing fails with a line or the rule compiles and runs.
    #[test]
    fn arbitrary_phrases_parse_or_fail_cleanly(phrase in any::<String>(), text in newsy_text()) {
        let escaped = toml_basic_string(&phrase);
        let source = format!("[[theme]]\nid = \"X\"\nlabel = \"X\"\n[[theme.rule]]\nphrases = [\"{escaped}\"]\nrequires = [\"{escaped}\"]\n");
        match Taxonomy::parse(&source, "p.toml") {
            Ok(taxonomy) => {
                let stage = ThemeStage::new(taxonomy, Lexicon::default()).unwrap();
                let _ = stage.analyze(&text);
                let _ = stage.analyze(&phrase);
            }
            Err(error) => prop_assert!(error.line.is_some(), "{error}"),
        }
    }
}

proptest! {
    // Each case compiles the whole shipped taxonomy: fewer cases keep the suite quick.
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// The shipped files with a piece cut out or junk spliced in: parse or fail with a line, never panic; what
    /// parses also compiles.
    #[test]
    fn damaged_data_files_fail_cleanly(cut in 0usize..60_000, len in 0usize..400, junk in "[\\[\\]=\"*, a-z\n]{0,20}") {
        for (source, is_taxonomy) in [(BUILTIN_TAXONOMY, true), (BUILTIN_LEXICON, false)] {
            let mut start = cut.min(source.len());
            while !source.is_char_boundary(start) { start -= 1; }
            let mut end = (start + len).min(source.len());
            while !source.is_char_boundary(end) { end -= 1; }
            let damaged = format!("{}{}{}", &source[..start], junk, &source[end..]);
            let lines = damaged.lines().count() + 1;
            if is_taxonomy {
                match Taxonomy::parse(&damaged, "damaged.toml") {
                    Ok(taxonomy) => { ThemeStage::from_taxonomy(taxonomy).unwrap(); }
                    Err(error) => prop_assert!(error.line.is_some_and(|l| l <= lines), "{error}"),
                }
            } else if let Err(error) = Lexicon::parse(&damaged, "damaged.toml") {
                prop_assert!(error.line.is_some_and(|l| l <= lines), "{error}");
            }
        }
    }
}
