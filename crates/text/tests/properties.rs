//! Invariants the text stage guarantees on any input (see `attache_text::analyze`).

use attache_doc::{Article, Doc, Stage, TokenFlags};
use attache_text::{MAX_SENTENCE_TOKENS, TextStage, analyze, is_separator, tokenize};
use proptest::prelude::*;

/// Checks every guarantee of `analyze` on one text.
fn check(text: &str) -> Result<(), TestCaseError> {
    let analysis = analyze(text);
    let tokens = &analysis.tokens;

    // Tokens: non-empty, ordered, disjoint, on character boundaries, covering every non-separator.
    let mut covered_to = 0usize;
    for token in tokens {
        let (start, end) = (token.start as usize, token.end as usize);
        prop_assert!(start < end, "empty token {token:?}");
        prop_assert!(start >= covered_to, "overlap at {token:?}");
        prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{token:?} splits a character");
        let gap = &text[covered_to..start];
        prop_assert!(gap.chars().all(is_separator), "uncovered {gap:?} before {token:?}");
        prop_assert_eq!(token.has(TokenFlags::SPACE_BEFORE), covered_to == 0 || !gap.is_empty(), "{:?}", token);
        prop_assert!(!text[start..end].starts_with(is_separator), "{token:?} starts with a separator");
        covered_to = end;
    }
    prop_assert!(text[covered_to..].chars().all(is_separator));

    // Sentences: non-empty, ordered, disjoint, spanning exactly their tokens, which are all the tokens.
    let mut next_token = 0usize;
    let mut previous_end = 0usize;
    let mut previous_paragraph = 0u32;
    for (id, sentence) in analysis.sentences.iter().enumerate() {
        prop_assert!(!sentence.tokens.is_empty());
        prop_assert!(sentence.tokens.len() <= MAX_SENTENCE_TOKENS);
        prop_assert_eq!(sentence.tokens.start, next_token, "sentences skip or repeat tokens");
        next_token = sentence.tokens.end;
        prop_assert!(sentence.start >= previous_end && sentence.start < sentence.end && sentence.end <= text.len());
        prop_assert_eq!(sentence.start, tokens[sentence.tokens.start].start as usize);
        prop_assert_eq!(sentence.end, tokens[sentence.tokens.end - 1].end as usize);
        prop_assert!(
            sentence.paragraph == previous_paragraph || sentence.paragraph == previous_paragraph + 1 || id == 0
        );
        prop_assert!(id > 0 || sentence.paragraph == 0);
        for (i, token) in tokens[sentence.tokens.clone()].iter().enumerate() {
            prop_assert_eq!(token.sentence as usize, id);
            prop_assert_eq!(token.has(TokenFlags::SENTENCE_START), i == 0);
            let inside = sentence.start <= token.start as usize && token.end as usize <= sentence.end;
            prop_assert!(inside, "{token:?} outside its sentence");
        }
        previous_end = sentence.end;
        previous_paragraph = sentence.paragraph;
    }
    prop_assert_eq!(next_token, tokens.len());

    // The stage: character spans whose text is exactly the sentence.
    let mut doc = Doc::new(Article { text: text.to_string(), ..Default::default() });
    TextStage::default().annotate(&mut doc);
    let chars: Vec<char> = text.chars().collect();
    prop_assert_eq!(doc.sentences.len(), analysis.sentences.len());
    for sentence in &doc.sentences {
        let expected: String = chars[sentence.start as usize..sentence.end as usize].iter().collect();
        prop_assert_eq!(&sentence.text, &expected);
    }

    // Tokenising without segmenting finds the same tokens.
    let plain = tokenize(text);
    prop_assert_eq!(plain.len(), tokens.len());
    for (a, b) in plain.iter().zip(tokens) {
        prop_assert_eq!((a.start, a.end, a.kind, &a.norm), (b.start, b.end, b.kind, &b.norm));
    }
    Ok(())
}

/// Pieces of news text, glued at random, to reach the rules that arbitrary characters rarely hit.
fn news_piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "U.S.",
        "Gen.",
        "Mr.",
        "Jan.",
        "No.",
        "Inc.",
        "etc.",
        "e.g.",
        "a.m.",
        "J.",
        "W.",
        "The",
        "he",
        "China",
        "China's",
        "don't",
        "O'Neill",
        "countries'",
        "'90s",
        "1,000.5",
        "15th",
        "3.14",
        "2.0.1",
        "10:30",
        "9/11",
        ".",
        "...",
        "…",
        "?",
        "!",
        "?!",
        ",",
        ";",
        ":",
        "-",
        "--",
        "—",
        "–",
        "\"",
        "'",
        "“",
        "”",
        "‘",
        "’",
        "(",
        ")",
        "[",
        "]",
        "[6]",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        " ",
        " ",
        "\t",
        "\u{a0}",
        "\u{200b}",
        "\u{ad}",
        "\u{301}",
        "https://x.org/a.",
        "x.com",
        "a@b.org",
        "@user",
        "#tag",
        "AT&T",
        "- ",
        "1. ",
        "• ",
        "ＵＳ",
        "ﬁ",
        "中国",
        "BEIJING, Feb. 5 (Xinhua) --",
        "said",
        "asked",
        "Smith",
        "n't",
        "'s",
        "'",
        "$",
        "%",
        "😀",
        "\u{2028}",
        "\u{2029}",
        "\u{c}",
        "。",
        "！",
    ])
}

proptest! {
    // 512 cases by default; PROPTEST_CASES=… for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_unicode_text(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn printable_text(text in "\\PC{0,200}") {
        check(&text)?;
    }

    #[test]
    fn news_like_text(pieces in prop::collection::vec(news_piece(), 0..80)) {
        check(&pieces.concat())?;
    }

    #[test]
    fn news_like_text_with_spaces(pieces in prop::collection::vec(news_piece(), 0..80)) {
        check(&pieces.join(" "))?;
    }
}

#[test]
fn long_texts_without_punctuation_or_spaces() {
    check(&"a".repeat(100_000)).unwrap();
    check(&"word ".repeat(5_000)).unwrap();
    check(&"\n".repeat(1_000)).unwrap();
    check(&".".repeat(1_000)).unwrap();
    check(&"\"".repeat(1_000)).unwrap();
    check(&"x\n".repeat(2_000)).unwrap();
}
