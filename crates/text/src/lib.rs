//! # attache-text — normalisation, sentences, tokens
//!
//! Purpose: turn an article's raw text into sentences and tokens, every one an offset span into the original
//! text. (Placeholder splitter; the real segmenter replaces it.)

use attache_doc::{Doc, Sentence, Stage, Token, TokenKind};

/// The text stage: sentence segmentation and tokenisation.
#[derive(Debug, Default, Clone)]
pub struct TextStage;

impl Stage for TextStage {
    fn name(&self) -> &'static str {
        "text"
    }
    fn annotate(&self, doc: &mut Doc) {
        let text = doc.text().to_string();
        let mut start = 0usize;
        let mut bounds = Vec::new();
        for (i, c) in text.char_indices() {
            if matches!(c, '.' | '!' | '?') {
                bounds.push((start, i + c.len_utf8()));
                start = i + c.len_utf8();
            }
        }
        if start < text.len() {
            bounds.push((start, text.len()));
        }
        let mut id = 0u32;
        for (s, e) in bounds {
            let piece = &text[s..e];
            let trimmed_start = s + (piece.len() - piece.trim_start().len());
            let trimmed_end = e - (piece.len() - piece.trim_end().len());
            if trimmed_start >= trimmed_end {
                continue;
            }
            let span = doc.span(trimmed_start, trimmed_end);
            for (ws, w) in split_words(&text[trimmed_start..trimmed_end]) {
                let b = trimmed_start + ws;
                doc.tokens.push(Token {
                    start: b as u32,
                    end: (b + w.len()) as u32,
                    sentence: id,
                    kind: TokenKind::Word,
                    norm: w.into(),
                });
            }
            doc.sentences.push(Sentence {
                id,
                start: span.start,
                end: span.end,
                paragraph: 0,
                text: text[trimmed_start..trimmed_end].to_string(),
                tone: None,
            });
            id += 1;
        }
    }
}

fn split_words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace().map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}
