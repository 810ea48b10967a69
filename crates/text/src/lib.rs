//! # attache-text — normalisation, sentences, tokens
//!
//! Purpose: the first stage of every pipeline. It turns an article's raw text into tokens (byte spans with a
//! [`TokenKind`], a normalised form and [`TokenFlags`]) and sentences (character spans with paragraph numbers),
//! every one pointing into the *original* text, which is never rewritten.
//!
//! Key design decision: **tokenise first, then segment over tokens, in one pass each, with hand-written rules
//! for English news** instead of a general-purpose segmenter. The tokenizer already knows what a sentence
//! boundary depends on — that `U.S.` and `Gen.` kept their full stop, which way a straight quote faces, which
//! single line breaks are deliberate (headings, list items) and which are hard wrapping — so the segmenter only
//! looks at the token after each candidate full stop. Both passes run in linear time without regular
//! expressions or per-token allocation (norms live inline in an `attache_doc::Norm`), over 100 MB/s per core.
//! The rules, token kinds and measured figures are in `docs/text.md`; [`eval`] measures them against GUM.
//!
//! Dictionaries must be tokenised with [`tokenize`] so that their phrases split exactly like article text
//! (`China-US` → `China` `-` `US`, `China's` → `China` `'s`).
//!
//! This crate does no IO.

mod class;
pub mod eval;
mod lexer;
mod lexicon;
pub mod normalize;
mod segment;

pub use class::is_separator;
pub use segment::MAX_SENTENCE_TOKENS;

pub use attache_doc::{Token, TokenFlags, TokenKind};

use attache_doc::{Doc, Sentence, Stage};
use std::ops::Range;

/// One sentence as the text stage finds it, in byte offsets (see [`Sentence`] for the character form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceBounds {
    /// Byte offset of the sentence's first character (the start of its first token).
    pub start: usize,
    /// Byte offset just past its last token.
    pub end: usize,
    /// 0-based paragraph number.
    pub paragraph: u32,
    /// Indices of its tokens in [`Analysis::tokens`].
    pub tokens: Range<usize>,
}

/// Tokens and sentences of one text.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub tokens: Vec<Token>,
    pub sentences: Vec<SentenceBounds>,
}

/// Tokenises and segments `text`.
///
/// Guarantees (tested on arbitrary Unicode): tokens are non-empty, in order, non-overlapping, on character
/// boundaries, and cover every character that is not a separator ([`is_separator`]); sentences are non-empty,
/// in order, non-overlapping, each the span from its first token's start to its last token's end, and together
/// they hold every token. Texts longer than `u32::MAX` bytes are analysed up to that length.
pub fn analyze(text: &str) -> Analysis {
    let text = &text[..floor_char_boundary(text, u32::MAX as usize)];
    let mut tokens = lexer::tokenize(text);
    let ranges = segment::segment(&mut tokens);
    let mut paragraph = 0u32;
    let mut sentences = Vec::with_capacity(ranges.len());
    for (i, range) in ranges.into_iter().enumerate() {
        if i > 0 && tokens[range.start].has(TokenFlags::PARAGRAPH_START) {
            paragraph += 1;
        }
        sentences.push(SentenceBounds {
            start: tokens[range.start].start as usize,
            end: tokens[range.end - 1].end as usize,
            paragraph,
            tokens: range,
        });
    }
    Analysis { tokens, sentences }
}

/// Tokenises `text` without segmenting it (every token gets sentence 0): for dictionary phrases and patterns,
/// which must split exactly like article text.
pub fn tokenize(text: &str) -> Vec<Token> {
    lexer::tokenize(&text[..floor_char_boundary(text, u32::MAX as usize)])
}

fn floor_char_boundary(text: &str, limit: usize) -> usize {
    if limit >= text.len() {
        return text.len();
    }
    (0..=limit).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

/// Whether the text stage copies each sentence's text into [`Sentence::text`]. Output that prints sentences
/// wants the copies; the store derives a sentence's text from its offsets and never reads them, so ingest saves
/// one allocation and copy per sentence.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum SentenceText {
    #[default]
    Copied,
    /// `Sentence::text` stays empty.
    Omitted,
}

/// The text stage: fills `doc.sentences` and `doc.tokens` (replacing whatever was there).
#[derive(Debug, Default, Clone)]
pub struct TextStage {
    pub sentence_text: SentenceText,
}

impl TextStage {
    pub fn new(sentence_text: SentenceText) -> TextStage {
        TextStage { sentence_text }
    }
}

impl Stage for TextStage {
    fn name(&self) -> &'static str {
        "text"
    }

    fn annotate(&self, doc: &mut Doc) {
        let analysis = analyze(doc.text());
        // Offsets go through the document's character index (O(1) for ASCII texts, where counting characters
        // read the whole text once more); built here if the document came without one, as `span` reads it.
        doc.char_index();
        let sentences = analysis
            .sentences
            .iter()
            .enumerate()
            .map(|(id, bounds)| {
                let span = doc.span(bounds.start, bounds.end);
                Sentence {
                    id: id as u32,
                    start: span.start,
                    end: span.end,
                    paragraph: bounds.paragraph,
                    text: match self.sentence_text {
                        SentenceText::Copied => doc.text()[bounds.start..bounds.end].to_string(),
                        SentenceText::Omitted => String::new(),
                    },
                    tone: None,
                }
            })
            .collect();
        doc.sentences = sentences;
        doc.tokens = analysis.tokens;
    }
}
