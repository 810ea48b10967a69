//! A sentence as the signal stage reads it: words lower-cased and stemmed, punctuation kept as separators, every
//! word with its byte span in the article text.

use attache_doc::{Doc, Norm, Token, TokenFlags, TokenKind};

/// What kind of unit a [`Word`] is; everything but `Word` and `Hyphen` separates phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    /// A hyphen glued to the words on both sides ("one-China").
    Hyphen,
    Comma,
    /// A dash between spaced words, or an em dash ("actions—including").
    Dash,
    /// `;` or `:`.
    Colon,
    OpenQuote,
    CloseQuote,
    /// `.`, `!`, `?`, brackets and other punctuation that ends a phrase.
    Stop,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Byte span in the article text (a possessive clitic is included: "Moscow's").
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    /// Lower case; `n't` is read as `not`; the possessive clitic is dropped. (Inline: no allocation per word.)
    pub lower: Norm,
    /// [`stem`] of `lower`.
    pub stem: Norm,
}

impl Word {
    pub fn is(&self, lower: &str) -> bool {
        &*self.lower == lower
    }

    /// A separator no phrase crosses: comma, dash, colon, quotation mark, full stop.
    pub fn is_separator(&self) -> bool {
        !matches!(self.kind, Kind::Word | Kind::Hyphen)
    }
}

/// Removes one regular ending from a lower-cased word, the same way for the text and for the lexicons, so
/// "signals", "signalled" and "signal" do not all meet but "sanctions"/"sanctioned"/"sanction" and
/// "sales"/"sale" do. Words of three letters or fewer are kept whole ("us", "is", "has").
pub(crate) fn stem(lower: &str) -> String {
    let mut out = String::new();
    stem_into(lower, &mut out);
    out
}

/// [`stem`] into a buffer (cleared first).
pub(crate) fn stem_into(lower: &str, out: &mut String) {
    out.clear();
    let word = lower.strip_suffix("'s").or_else(|| lower.strip_suffix('\'')).unwrap_or(lower);
    if word.chars().count() <= 3 {
        out.push_str(word);
        return;
    }
    if let Some(base) = word.strip_suffix("ies") {
        out.push_str(base);
        out.push('y');
        return;
    }
    let mut base = word;
    let mut stripped = None;
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(rest) = word.strip_suffix(suffix)
            && rest.chars().count() >= 3
            && !(suffix == "s" && rest.ends_with('s'))
        {
            base = rest;
            stripped = Some(suffix);
            break;
        }
    }
    // A final -e goes only from a bare word ("agree" = "agreed" = "agre", "sale" = "sales" = "sal").
    if stripped.is_none() {
        base = base.strip_suffix('e').filter(|b| b.chars().count() >= 3).unwrap_or(base);
    }
    out.push_str(base);
    // Doubled final consonant after -ed/-ing: "stopped" → "stop", "cutting" → "cut" (not l, s, z: "selling").
    if matches!(stripped, Some("ed" | "ing")) {
        let bytes = out.as_bytes();
        let n = bytes.len();
        if n >= 3 && bytes[n - 1] == bytes[n - 2] && !b"aeioulsz".contains(&bytes[n - 1]) {
            out.pop();
        }
    }
}

fn is_possessive_clitic(norm: &str) -> bool {
    matches!(norm, "'s" | "'S" | "'")
}

/// The words of one sentence of `doc`.
pub(crate) fn sentence_words(doc: &Doc, sentence: u32) -> Vec<Word> {
    words_of(doc.sentence_tokens(sentence))
}

/// The words of a run of tokens.
pub(crate) fn words_of(tokens: &[Token]) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::with_capacity(tokens.len());
    let (mut lower, mut stemmed) = (String::new(), String::new());
    for (i, token) in tokens.iter().enumerate() {
        let norm: &str = &token.norm;
        let glued_before = !token.flags.contains(TokenFlags::SPACE_BEFORE);
        let kind = match token.kind {
            TokenKind::Word | TokenKind::Number => {
                if glued_before && is_possessive_clitic(norm) {
                    if let Some(last) = words.last_mut().filter(|w| w.kind == Kind::Word) {
                        last.end = token.end;
                    }
                    continue;
                }
                Kind::Word
            }
            TokenKind::OpenQuote => Kind::OpenQuote,
            TokenKind::CloseQuote => Kind::CloseQuote,
            TokenKind::Symbol => continue,
            TokenKind::Punct => match norm {
                "," => Kind::Comma,
                ";" | ":" => Kind::Colon,
                "-" => {
                    let glued_after = tokens.get(i + 1).is_some_and(|t| !t.flags.contains(TokenFlags::SPACE_BEFORE));
                    if glued_before && glued_after { Kind::Hyphen } else { Kind::Dash }
                }
                _ if norm.starts_with('-') => Kind::Dash,
                "'" if glued_before => {
                    // A plural possessive apostrophe ("countries'") belongs to its word.
                    if let Some(last) = words.last_mut().filter(|w| w.kind == Kind::Word) {
                        last.end = token.end;
                    }
                    continue;
                }
                _ => Kind::Stop,
            },
        };
        lower.clear();
        if norm.eq_ignore_ascii_case("n't") {
            lower.push_str("not");
        } else if norm.is_ascii() {
            lower.push_str(norm);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(norm.chars().flat_map(char::to_lowercase));
        }
        let stem = if kind == Kind::Word {
            stem_into(&lower, &mut stemmed);
            Norm::new(&stemmed)
        } else {
            Norm::new(&lower)
        };
        words.push(Word { start: token.start, end: token.end, kind, lower: Norm::new(&lower), stem });
    }
    words
}

/// Splits a lexicon phrase into the words a sentence would have: spaces separate words and a hyphen is a word of
/// its own ("one-China" → `one` `-` `china`).
pub(crate) fn phrase_words(phrase: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in phrase.split_whitespace() {
        if chunk.contains('-') && chunk != "-" && !chunk.contains('|') {
            for (i, part) in chunk.split('-').enumerate() {
                if i > 0 {
                    out.push("-".to_string());
                }
                if !part.is_empty() {
                    out.push(part.to_lowercase());
                }
            }
        } else {
            out.push(chunk.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_across_regular_endings() {
        for (a, b) in [
            ("sanctions", "sanction"),
            ("sanctioned", "sanction"),
            ("sales", "sale"),
            ("reductions", "reduction"),
            ("confiscating", "confiscate"),
            ("seized", "seize"),
            ("stopped", "stop"),
            ("cutting", "cut"),
            ("selling", "sell"),
            ("duties", "duty"),
            ("drills", "drill"),
            ("taxes", "tax"),
            ("agreed", "agree"),
            ("signs", "sign"),
            ("Moscow's", "moscow"),
        ] {
            assert_eq!(stem(&a.to_lowercase()), stem(b), "{a} / {b}");
        }
        assert_ne!(stem("signal"), stem("sign"));
        assert_eq!(stem("us"), "us");
        assert_eq!(stem("has"), "has");
        assert_eq!(stem("process"), "process");
    }

    #[test]
    fn hyphenated_phrases_split_like_text() {
        assert_eq!(phrase_words("affirm _ one-China"), ["affirm", "_", "one", "-", "china"]);
        assert_eq!(phrase_words("would|could be"), ["would|could", "be"]);
    }
}
