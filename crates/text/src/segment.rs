//! Sentence segmentation over the token stream.
//!
//! Candidates are full stops, `!`/`?` runs, ellipses and abbreviations that kept their full stop. Closing
//! quotes and brackets glued to a candidate stay in its sentence. Whether a candidate ends the sentence depends
//! on what it is and on the next word: see [`ends_sentence`] and `docs/text.md`. Paragraph starts (blank lines
//! and deliberate line breaks, decided by the lexer) always end the sentence before them.

use crate::lexicon::{self, AbbrevClass};
use attache_doc::{Token, TokenFlags, TokenKind};
use std::ops::Range;

/// Sentences longer than this many tokens are cut (at the last `;`, `:` or `,` of their second half, else at
/// the limit) so that no later stage ever sees an unbounded sentence, e.g. from a table or a text without
/// punctuation.
pub const MAX_SENTENCE_TOKENS: usize = 400;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Candidate {
    FullStop,
    /// `!`, `?` and runs of them.
    Exclamation,
    Ellipsis,
    Abbreviation(AbbrevClass),
    /// A single capital letter with a full stop: `W.` in `George W. Bush`.
    Initial,
}

/// Splits the tokens into sentences (ranges of token indices covering every token, in order) and marks each
/// sentence's first token and every token's sentence number.
pub(crate) fn segment(tokens: &mut [Token]) -> Vec<Range<usize>> {
    let mut sentences = Vec::with_capacity(tokens.len() / 20 + 1);
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        if i > start && tokens[i].has(TokenFlags::PARAGRAPH_START) {
            sentences.push(start..i);
            start = i;
        }
        let Some(candidate) = candidate(&tokens[i]) else {
            i += 1;
            continue;
        };
        let mut next = i + 1;
        let mut closed_quote = false;
        while next < tokens.len() && is_closer(&tokens[next]) && !tokens[next].has(TokenFlags::SPACE_BEFORE) {
            closed_quote |= tokens[next].kind == TokenKind::CloseQuote;
            next += 1;
        }
        // Reference marks after the full stop stay with its sentence: `… in 1805. [6] Next`.
        while is_reference_mark(tokens, next) {
            next += 3;
        }
        if next < tokens.len()
            && !tokens[next].has(TokenFlags::PARAGRAPH_START)
            && !is_list_number(tokens, i, candidate)
            && ends_sentence(candidate, tokens, i, next, closed_quote)
        {
            sentences.push(start..next);
            start = next;
        }
        i = next;
    }
    if start < tokens.len() {
        sentences.push(start..tokens.len());
    }
    let sentences = cap_length(tokens, sentences);
    for (id, range) in sentences.iter().enumerate() {
        tokens[range.start].flags.insert(TokenFlags::SENTENCE_START);
        for token in &mut tokens[range.clone()] {
            token.sentence = id as u32;
        }
    }
    sentences
}

fn candidate(token: &Token) -> Option<Candidate> {
    let norm: &str = &token.norm;
    if token.has(TokenFlags::ABBREVIATION) {
        let word = norm.strip_suffix('.').unwrap_or(norm);
        if word.contains('.') {
            return Some(Candidate::Abbreviation(lexicon::chain_class(norm)));
        }
        if word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase() {
            return Some(Candidate::Initial);
        }
        let class = lexicon::abbreviation(word).unwrap_or(AbbrevClass::MayEnd);
        return Some(Candidate::Abbreviation(class));
    }
    if token.kind != TokenKind::Punct {
        return None;
    }
    match norm.as_bytes() {
        [b'.'] => Some(Candidate::FullStop),
        [b'.', ..] => Some(Candidate::Ellipsis),
        [b'!' | b'?', ..] => Some(Candidate::Exclamation),
        _ if norm.starts_with(['\u{203C}', '\u{2047}', '\u{2048}', '\u{2049}']) => Some(Candidate::Exclamation),
        _ => None,
    }
}

/// Closing quotes and brackets that belong to the sentence a candidate ends.
fn is_closer(token: &Token) -> bool {
    token.kind == TokenKind::CloseQuote || (token.kind == TokenKind::Punct && matches!(&*token.norm, ")" | "]" | "}"))
}

/// `[12]`: a bracketed number, as Wikipedia-style texts put after a sentence.
fn is_reference_mark(tokens: &[Token], at: usize) -> bool {
    match tokens.get(at..at + 3) {
        Some([open, number, close]) => {
            &*open.norm == "["
                && number.kind == TokenKind::Number
                && &*close.norm == "]"
                && !number.has(TokenFlags::SPACE_BEFORE)
                && !close.has(TokenFlags::SPACE_BEFORE)
                && !open.has(TokenFlags::PARAGRAPH_START)
        }
        _ => false,
    }
}

/// `12.` opening a line numbers a list item or note; its full stop does not end a sentence.
fn is_list_number(tokens: &[Token], at: usize, candidate: Candidate) -> bool {
    candidate == Candidate::FullStop
        && at > 0
        && tokens[at - 1].kind == TokenKind::Number
        && tokens[at - 1].has(TokenFlags::LINE_START)
        && !tokens[at].has(TokenFlags::SPACE_BEFORE)
}

fn is_opener(token: &Token) -> bool {
    token.kind == TokenKind::OpenQuote || (token.kind == TokenKind::Punct && matches!(&*token.norm, "(" | "[" | "{"))
}

/// Whether the sentence ends before `tokens[next]`, the first token after a candidate and its closers.
fn ends_sentence(candidate: Candidate, tokens: &[Token], at: usize, next: usize, closed_quote: bool) -> bool {
    // Glued to what follows: U.S.-China, 3.Next, Yahoo!News.
    if !tokens[next].has(TokenFlags::SPACE_BEFORE) {
        return false;
    }
    // Look through opening quotes and brackets at the first word of the would-be next sentence.
    let mut first = next;
    while first < tokens.len() && is_opener(&tokens[first]) {
        first += 1;
    }
    let Some(word) = tokens.get(first) else { return true };
    let initial = word.norm.chars().next().unwrap_or(' ');
    let is_word = matches!(word.kind, TokenKind::Word | TokenKind::Number);
    if is_word && initial.is_lowercase() {
        // Informal text starts sentences in lowercase. After an ordinary lowercase word (not an abbreviation:
        // those kept their stop) a bare full stop still ends the sentence, and so does a `?`/`!` outside a
        // quotation (`"Why?" he asked` does not end).
        let bare = next == at + 1;
        return match candidate {
            Candidate::FullStop => bare && at > 0 && is_plain_lowercase_word(&tokens[at - 1]),
            Candidate::Exclamation => bare && !closed_quote,
            _ => false,
        };
    }
    let capitalised = is_word && initial.is_alphabetic();
    match candidate {
        Candidate::FullStop | Candidate::Exclamation | Candidate::Ellipsis => {
            if is_word {
                if candidate == Candidate::Ellipsis && word.kind == TokenKind::Number {
                    return false;
                }
                // "Why?" Smith asked.
                return !(candidate == Candidate::Exclamation && closed_quote && reporting_clause(tokens, first));
            }
            // A dash after the stop introduces an attribution (`… a long game." - M. Ingram`) or goes on.
            let continues = word.kind == TokenKind::Punct
                && (matches!(&*word.norm, "," | ";" | ":" | ")" | "]" | "}") || word.norm.starts_with('-'));
            !continues && candidate != Candidate::Ellipsis
        }
        Candidate::Abbreviation(_) | Candidate::Initial if !capitalised => false,
        Candidate::Abbreviation(AbbrevClass::Title | AbbrevClass::BeforeNumber) => false,
        Candidate::Abbreviation(AbbrevClass::EndLikely) => true,
        Candidate::Abbreviation(AbbrevClass::MayEnd) | Candidate::Initial => {
            // `J. R. R. Tolkien`: a following initial continues the name even when it is `A.` or `I.`.
            lexicon::is_sentence_opener(&word.norm) && !word.has(TokenFlags::ABBREVIATION)
        }
    }
}

fn is_plain_lowercase_word(token: &Token) -> bool {
    token.kind == TokenKind::Word && token.norm.len() >= 3 && token.norm.chars().all(char::is_lowercase)
}

/// A speech attribution right after a quotation: a few capitalised words, then a verb of saying.
fn reporting_clause(tokens: &[Token], first: usize) -> bool {
    for token in tokens.iter().skip(first).take(5) {
        if lexicon::is_reporting_verb(&token.norm) {
            return true;
        }
        if !token.has(TokenFlags::CAPITALIZED) {
            return false;
        }
    }
    false
}

fn cap_length(tokens: &[Token], sentences: Vec<Range<usize>>) -> Vec<Range<usize>> {
    if sentences.iter().all(|range| range.len() <= MAX_SENTENCE_TOKENS) {
        return sentences;
    }
    let mut capped = Vec::with_capacity(sentences.len() + 1);
    for mut range in sentences {
        while range.len() > MAX_SENTENCE_TOKENS {
            let window = range.start + MAX_SENTENCE_TOKENS / 2..range.start + MAX_SENTENCE_TOKENS;
            let split = window
                .clone()
                .rev()
                .find(|&i| tokens[i].kind == TokenKind::Punct && matches!(&*tokens[i].norm, ";" | ":" | ","))
                .map_or(window.end, |i| i + 1);
            capped.push(range.start..split);
            range.start = split;
        }
        capped.push(range);
    }
    capped
}
