//! Tokenisation: what later stages (the dictionary matcher, quotes, themes) rely on.

use attache_text::{Token, TokenFlags, TokenKind, analyze, tokenize};

fn norms(text: &str) -> Vec<String> {
    tokenize(text).iter().map(|t| t.norm.to_string()).collect()
}

fn originals(text: &str) -> Vec<&str> {
    tokenize(text).iter().map(|t| &text[t.start as usize..t.end as usize]).collect()
}

fn kinds(text: &str) -> Vec<TokenKind> {
    tokenize(text).iter().map(|t| t.kind).collect()
}

fn token<'a>(tokens: &'a [Token], norm: &str) -> &'a Token {
    tokens.iter().find(|t| &*t.norm == norm).unwrap_or_else(|| panic!("no token {norm:?} in {tokens:?}"))
}

#[test]
fn possessives_and_clitics_split_off() {
    assert_eq!(norms("China's plan"), ["China", "'s", "plan"]);
    assert_eq!(norms("China’s plan"), ["China", "'s", "plan"], "typographic apostrophe folds to ASCII");
    assert_eq!(originals("China’s"), ["China", "’s"], "spans keep the original characters");
    assert_eq!(norms("O'Neill's view"), ["O'Neill", "'s", "view"]);
    assert_eq!(
        norms("they're here, we've gone, I'm sure, she'd say, it'll rain"),
        [
            "they", "'re", "here", ",", "we", "'ve", "gone", ",", "I", "'m", "sure", ",", "she", "'d", "say", ",",
            "it", "'ll", "rain"
        ]
    );
    assert_eq!(norms("the 1990's"), ["the", "1990", "'s"]);
}

#[test]
fn negation_is_its_own_token() {
    assert_eq!(norms("Beijing doesn't agree"), ["Beijing", "does", "n't", "agree"]);
    assert_eq!(norms("We can't and won't"), ["We", "ca", "n't", "and", "wo", "n't"]);
    assert_eq!(norms("Don’t"), ["Do", "n't"]);
}

#[test]
fn apostrophes_inside_words_are_not_quotes() {
    assert_eq!(norms("O'Neill rock'n'roll o'clock ma'am"), ["O'Neill", "rock'n'roll", "o'clock", "ma'am"]);
    let tokens = tokenize("the countries' leaders");
    assert_eq!(tokens[1].norm, "countries");
    assert_eq!(tokens[2].norm, "'");
    assert_eq!(tokens[2].kind, TokenKind::Word, "plural possessive");
    assert_eq!(norms("in the '90s"), ["in", "the", "'90s"]);
    assert!(kinds("in the '90s").iter().all(|k| *k != TokenKind::OpenQuote));
}

#[test]
fn hyphenated_compounds_split_with_the_hyphen_as_punctuation() {
    assert_eq!(norms("China-US ties"), ["China", "-", "US", "ties"]);
    assert_eq!(norms("Sino-US relations"), ["Sino", "-", "US", "relations"]);
    assert_eq!(kinds("Sino-US"), [TokenKind::Word, TokenKind::Punct, TokenKind::Word]);
    assert_eq!(norms("the 2026-2030 plan"), ["the", "2026", "-", "2030", "plan"]);
    assert_eq!(norms("China–US"), ["China", "-", "US"], "en dash folds to a hyphen");
    assert_eq!(norms("U.S.-China talks"), ["U.S.", "-", "China", "talks"]);
}

#[test]
fn abbreviations_keep_their_full_stops() {
    assert_eq!(norms("U.S. and U.K. officials"), ["U.S.", "and", "U.K.", "officials"]);
    assert_eq!(norms("Gen. Smith, Sen. Jones, Mr. Li"), ["Gen.", "Smith", ",", "Sen.", "Jones", ",", "Mr.", "Li"]);
    assert_eq!(norms("at 5 p.m. today, e.g. now"), ["at", "5", "p.m.", "today", ",", "e.g.", "now"]);
    assert_eq!(norms("a Ph.D. student"), ["a", "Ph.D.", "student"]);
    assert_eq!(norms("on Jan. 5 and Sept. 11"), ["on", "Jan.", "5", "and", "Sept.", "11"]);
    assert_eq!(norms("J. R. R. Tolkien"), ["J.", "R.", "R.", "Tolkien"]);
    let tokens = tokenize("the U.S. said");
    assert!(token(&tokens, "U.S.").has(TokenFlags::ABBREVIATION));
    assert!(!token(&tokens, "said").has(TokenFlags::ABBREVIATION));
}

#[test]
fn before_number_abbreviations_join_only_before_numbers() {
    assert_eq!(norms("No. 5 and No.1"), ["No.", "5", "and", "No.", "1"]);
    assert_eq!(norms("The answer was No."), ["The", "answer", "was", "No", "."]);
}

#[test]
fn ordinary_words_do_not_keep_the_full_stop() {
    assert_eq!(norms("They met. Then left."), ["They", "met", ".", "Then", "left", "."]);
    assert_eq!(norms("in 2015."), ["in", "2015", "."]);
    assert_eq!(norms("He felt ill."), ["He", "felt", "ill", "."], "state abbreviations need a capital");
}

#[test]
fn numbers_with_separators_stay_whole() {
    assert_eq!(norms("1,000.5 tonnes"), ["1,000.5", "tonnes"]);
    assert_eq!(norms("the 15th plan and 250th year"), ["the", "15th", "plan", "and", "250th", "year"]);
    assert_eq!(norms("3.14 and 2.0.1"), ["3.14", "and", "2.0.1"]);
    assert_eq!(norms("at 10:30 on 9/11"), ["at", "10:30", "on", "9/11"]);
    assert_eq!(norms("1,000,000"), ["1,000,000"]);
    assert_eq!(norms("1,2"), ["1", ",", "2"], "not a thousands group");
    assert_eq!(norms("$5bn, 5%"), ["$", "5bn", ",", "5", "%"]);
    assert_eq!(kinds("1,000.5 15th G20"), [TokenKind::Number, TokenKind::Number, TokenKind::Word]);
    assert_eq!(kinds("$"), [TokenKind::Symbol]);
}

#[test]
fn quote_direction_from_context() {
    let text = r#"He said "yes" and "no.""#;
    let quotes: Vec<TokenKind> = tokenize(text).into_iter().filter(|t| &*t.norm == "\"").map(|t| t.kind).collect();
    use TokenKind::{CloseQuote as C, OpenQuote as O};
    assert_eq!(quotes, [O, C, O, C]);
    let text = "“We will win,” he said. ‘Maybe,’ she said.";
    let quotes: Vec<TokenKind> = tokenize(text)
        .into_iter()
        .filter(|t| matches!(t.kind, TokenKind::OpenQuote | TokenKind::CloseQuote))
        .map(|t| t.kind)
        .collect();
    assert_eq!(quotes, [O, C, O, C]);
    assert_eq!(norms("“win,”"), ["\"", "win", ",", "\""]);
    // Straight single quotes around a phrase.
    let tokens = tokenize("the so-called 'red line' stays");
    assert_eq!(tokens[4].kind, TokenKind::OpenQuote);
    assert_eq!(tokens[7].kind, TokenKind::CloseQuote);
    // A quote glued after a full stop closes; one after a space before a word opens.
    let tokens = tokenize(r#"He left." "Next"#);
    assert_eq!(tokens[3].kind, TokenKind::CloseQuote);
    assert_eq!(tokens[4].kind, TokenKind::OpenQuote);
}

#[test]
fn dashes_fold_to_ascii() {
    assert_eq!(norms("talks — and trade"), ["talks", "--", "and", "trade"]);
    assert_eq!(norms("talks -- and"), ["talks", "--", "and"]);
    assert_eq!(kinds("—"), [TokenKind::Punct]);
}

#[test]
fn web_addresses_handles_and_companies() {
    assert_eq!(norms("see https://example.com/a?b=c. Then"), ["see", "https://example.com/a?b=c", ".", "Then"]);
    assert_eq!(norms("on xinhuanet.com today"), ["on", "xinhuanet.com", "today"]);
    assert_eq!(norms("mail press@example.org."), ["mail", "press@example.org", "."]);
    assert_eq!(norms("@POTUS and #MeToo"), ["@POTUS", "and", "#MeToo"]);
    assert_eq!(norms("AT&T and S&P"), ["AT&T", "and", "S&P"]);
    assert_eq!(norms("them.In"), ["them", ".", "In"], "not a domain");
}

#[test]
fn unicode_normalisation_keeps_offsets() {
    let text = "ﬁnance in ＵＳ co\u{AD}operate Café";
    let tokens = tokenize(text);
    assert_eq!(
        tokens.iter().map(|t| t.norm.as_str()).collect::<Vec<_>>(),
        ["finance", "in", "US", "cooperate", "Café"]
    );
    assert_eq!(&text[tokens[0].start as usize..tokens[0].end as usize], "ﬁnance");
    assert_eq!(&text[tokens[2].start as usize..tokens[2].end as usize], "ＵＳ");
}

#[test]
fn odd_spaces_separate_tokens() {
    assert_eq!(norms("Xi\u{A0}Jinping\u{2009}and\u{200B}Trump\u{3000}met"), ["Xi", "Jinping", "and", "Trump", "met"]);
}

#[test]
fn flags_describe_case_spacing_and_position() {
    let analysis = analyze("NATO met.\n\nThe US (and China) agreed.");
    let tokens = &analysis.tokens;
    let nato = token(tokens, "NATO");
    assert!(nato.has(TokenFlags::CAPITALIZED | TokenFlags::ALL_CAPS | TokenFlags::SENTENCE_START));
    assert!(nato.has(TokenFlags::PARAGRAPH_START | TokenFlags::LINE_START | TokenFlags::SPACE_BEFORE));
    let the = token(tokens, "The");
    assert!(the.has(TokenFlags::PARAGRAPH_START | TokenFlags::SENTENCE_START | TokenFlags::CAPITALIZED));
    assert!(!the.has(TokenFlags::ALL_CAPS));
    let and = token(tokens, "and");
    assert!(!and.has(TokenFlags::SPACE_BEFORE), "glued to the bracket");
    assert!(!and.has(TokenFlags::CAPITALIZED));
    assert!(!token(tokens, "met").has(TokenFlags::SENTENCE_START));
    assert_eq!(token(tokens, "agreed").sentence, 1);
}
