//! Sentence words as the coder sees them: TABARI's input filtering (manual §7.3) applied to the text stage's
//! tokens.
//!
//! Words are upper-cased with diacritics removed; hyphens and dashes separate words ("al-Assad" = "AL
//! ASSAD"); a possessive or negative clitic stays on its word ("China's" = `CHINA'S`, "didn't" = `DIDN'T`);
//! commas (and semicolons) and quotation marks are words of their own; other punctuation is dropped. Every
//! word keeps the byte span of the original text it came from, so evidence can always point back.

use attache_doc::{Norm, Token, TokenFlags, TokenKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    Word,
    Number,
    /// A comma or semicolon (TABARI reads `;` as `,`).
    Comma,
    Quote,
}

/// One word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Upper-case, diacritics removed: what dictionaries match.
    pub text: Norm,
    /// As written (case kept): for case-sensitive names and the capitalisation rule.
    pub original: Norm,
    /// Byte span in the source text.
    pub start: u32,
    pub end: u32,
    pub kind: WordKind,
    /// Joined to the previous word by a hyphen or dash with no space ("Sino-US", "China-US").
    pub hyphen_before: bool,
}

impl Word {
    /// Starts with an upper-case letter as written.
    pub fn capitalized(&self) -> bool {
        self.original.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Words of one sentence plus what TABARI needs to know about its ending.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentenceWords {
    pub words: Vec<Word>,
    /// The sentence ended with `.`, `!` or `?` (terminal comma clauses are only deleted then).
    pub terminal: bool,
}

/// Folds Latin diacritics and upper-cases (`é` → `E`, `ß` → `SS`).
pub fn fold_upper(text: &str, out: &mut String) {
    out.clear();
    if text.bytes().all(|b| b.is_ascii() && b != b'`') {
        // One copy and an in-place upper-casing (pushing byte by byte as chars cost four times as much).
        out.push_str(text);
        out.make_ascii_uppercase();
        return;
    }
    for c in text.chars() {
        let base = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => {
                'A'
            }
            'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'C',
            'ď' | 'đ' | 'Ď' | 'Đ' => 'D',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ě' => 'E',
            'ğ' | 'Ğ' => 'G',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => 'I',
            'ł' | 'Ł' => 'L',
            'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => 'N',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => {
                'O'
            }
            'ř' | 'Ř' => 'R',
            'ś' | 'š' | 'ş' | 'Ś' | 'Š' | 'Ş' => 'S',
            'ť' | 'ţ' | 'Ť' | 'Ţ' => 'T',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' => 'U',
            'ý' | 'ÿ' | 'Ý' => 'Y',
            'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => 'Z',
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            'ß' => {
                out.push_str("SS");
                continue;
            }
            c => {
                for u in c.to_uppercase() {
                    out.push(u);
                }
                continue;
            }
        };
        out.push(base);
    }
}

fn is_dash(norm: &str) -> bool {
    !norm.is_empty() && norm.chars().all(|c| matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '_' | '~'))
}

fn is_clitic(norm: &str) -> bool {
    norm.starts_with('\'') || norm.eq_ignore_ascii_case("n't")
}

/// Converts the text stage's tokens of one sentence into coder words.
pub fn from_tokens(text: &str, tokens: &[Token]) -> SentenceWords {
    let mut words: Vec<Word> = Vec::with_capacity(tokens.len());
    let upper_text = UpperText::new(text, tokens);
    let mut upper = String::new();
    let mut terminal = false;
    let mut pending_hyphen = false;
    for token in tokens {
        let norm: &str = &token.norm;
        terminal = false;
        let hyphen_before = std::mem::take(&mut pending_hyphen) && !token.flags.contains(TokenFlags::SPACE_BEFORE);
        match token.kind {
            TokenKind::Punct | TokenKind::Symbol => {
                if norm == "," || norm == ";" {
                    push(&mut words, text, token, ",", ",", WordKind::Comma);
                } else if norm == "\"" {
                    push(&mut words, text, token, "\"", "\"", WordKind::Quote);
                } else if matches!(norm, "." | "!" | "?" | "..." | "…") {
                    terminal = true;
                } else if norm.starts_with('\'') && !token.flags.contains(TokenFlags::SPACE_BEFORE) {
                    attach(&mut words, token, norm, &mut upper);
                }
                // A dash glued to the word before it joins the next word to it ("China-US"); other
                // punctuation (colons, brackets) only separates words.
                if is_dash(norm) && !token.flags.contains(TokenFlags::SPACE_BEFORE) {
                    pending_hyphen = true;
                    continue;
                }
            }
            TokenKind::OpenQuote | TokenKind::CloseQuote => {
                push(&mut words, text, token, "\"", "\"", WordKind::Quote);
            }
            TokenKind::Word | TokenKind::Number => {
                let glued = !token.flags.contains(TokenFlags::SPACE_BEFORE);
                if glued && is_clitic(norm) && words.last().is_some_and(|w| w.kind == WordKind::Word) {
                    attach(&mut words, token, norm, &mut upper);
                    continue;
                }
                // Nearly every word of news is plain ASCII: its form is a slice of the upper-cased sentence.
                if let Some(upper) = plain_ascii_upper(text, &upper_text, token) {
                    let kind =
                        if norm.starts_with(|c: char| c.is_ascii_digit()) { WordKind::Number } else { WordKind::Word };
                    words.push(Word {
                        text: upper,
                        original: token.norm.clone(),
                        start: token.start,
                        end: token.end,
                        kind,
                        hyphen_before,
                    });
                    continue;
                }
                // TABARI reads hyphens and underscores as blanks.
                let mut offset = 0usize;
                let mut joined = hyphen_before;
                let separators = ['_', '-', '\u{2010}', '\u{2011}', '\u{2013}', '\u{2014}'];
                // Most words have no separator: skip the (slower) multi-character split for them.
                let plain = norm.bytes().all(|b| b != b'_' && b != b'-' && b != 0xE2);
                let pieces: &mut dyn Iterator<Item = &str> =
                    if plain { &mut std::iter::once(norm) } else { &mut norm.split(separators) };
                for piece in pieces {
                    let piece_start = offset;
                    offset += piece.len() + 1;
                    if piece.is_empty() {
                        joined = true;
                        continue;
                    }
                    // A full stop after a lower-case letter ends the sentence (TABARI); abbreviations keep theirs.
                    let piece = trim_final_period(piece);
                    fold_upper(piece, &mut upper);
                    let kind =
                        if piece.starts_with(|c: char| c.is_ascii_digit()) { WordKind::Number } else { WordKind::Word };
                    // Spans: exact when norm and text agree in length, else the whole token.
                    let (start, end) = if norm.len() == (token.end - token.start) as usize {
                        let s = token.start + piece_start as u32;
                        (s, s + piece.len() as u32)
                    } else {
                        (token.start, token.end)
                    };
                    words.push(Word {
                        text: Norm::new(&upper),
                        // The token's own form when the word is all of it (a copy, not a new string).
                        original: if piece.len() == norm.len() { token.norm.clone() } else { Norm::new(piece) },
                        start,
                        end,
                        kind,
                        hyphen_before: std::mem::replace(&mut joined, true),
                    });
                }
            }
        }
    }
    SentenceWords { words, terminal }
}

/// The sentence's text (from its first token to its last) with ASCII letters upper-cased, made in one pass.
struct UpperText {
    offset: usize,
    text: String,
}

impl UpperText {
    fn new(text: &str, tokens: &[Token]) -> UpperText {
        let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
            return UpperText { offset: 0, text: String::new() };
        };
        let (from, to) = (first.start as usize, last.end as usize);
        let text = text.get(from..to).map_or(String::new(), str::to_ascii_uppercase);
        UpperText { offset: from, text }
    }
}

/// The form of a plain ASCII word — its norm is its text, with no hyphen, underscore, backquote or final full stop
/// — cut from the upper-cased sentence; `None` sends the word the general way, which gives the same form for such
/// a word.
fn plain_ascii_upper(text: &str, upper: &UpperText, token: &Token) -> Option<Norm> {
    let bytes = token.norm.as_bytes();
    let (start, end) = (token.start as usize, token.end as usize);
    let plain = bytes.last().is_some_and(|&b| b != b'.')
        && text.as_bytes().get(start..end) == Some(bytes)
        && bytes.iter().all(|&b| b.is_ascii() && !matches!(b, b'_' | b'-' | b'`'));
    let (from, to) = (start.checked_sub(upper.offset)?, end.checked_sub(upper.offset)?);
    if !plain || from > to || to > upper.text.len() {
        return None;
    }
    Norm::from_ascii_source(&upper.text, from, to)
}

fn trim_final_period(piece: &str) -> &str {
    match piece.strip_suffix('.') {
        Some(rest) if rest.chars().last().is_some_and(|c| c.is_lowercase()) => rest,
        Some(rest) if !rest.contains('.') && rest.chars().count() > 3 => rest,
        _ => piece,
    }
}

fn push(words: &mut Vec<Word>, _text: &str, token: &Token, upper: &str, original: &str, kind: WordKind) {
    words.push(Word {
        text: Norm::new(upper),
        original: Norm::new(original),
        start: token.start,
        end: token.end,
        kind,
        hyphen_before: false,
    });
}

fn attach(words: &mut [Word], token: &Token, norm: &str, upper: &mut String) {
    if let Some(last) = words.last_mut() {
        fold_upper(norm, upper);
        // (Joined by pushing, not formatting: a possessive or negative clitic is in many sentences.)
        let join = |a: &str, b: &str| {
            let mut joined = String::with_capacity(a.len() + b.len());
            joined.push_str(a);
            joined.push_str(b);
            Norm::from(joined)
        };
        last.text = join(&last.text, upper);
        last.original = join(&last.original, norm);
        last.end = token.end;
    }
}

/// How many tokens of an article's first sentence form its dateline — "BEIJING, Jan 14 (Meridian Wire) -",
/// "KYIV (CPS) -", "TOKYO/PORT SUDAN (GBN) —" — and are not part of the sentence: the place of a dateline is
/// where the reporter filed from, not an actor (0 when there is none).
pub fn dateline_len(tokens: &[Token]) -> usize {
    let upper_word = |t: &Token| {
        t.kind == TokenKind::Word && t.norm.chars().any(char::is_alphabetic) && !t.norm.chars().any(char::is_lowercase)
    };
    let Some(first) = tokens.first() else { return 0 };
    if !upper_word(first) || first.norm.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return 0;
    }
    let mut depth = 0usize;
    for (i, t) in tokens.iter().enumerate().take(24).skip(1) {
        let norm: &str = &t.norm;
        if depth > 0 {
            match norm {
                ")" => depth -= 1,
                "(" => depth += 1,
                _ => {}
            }
            continue;
        }
        match t.kind {
            TokenKind::Punct | TokenKind::Symbol if is_dash(norm) && t.flags.contains(TokenFlags::SPACE_BEFORE) => {
                return i + 1;
            }
            TokenKind::Punct | TokenKind::Symbol if norm == "(" => depth += 1,
            TokenKind::Punct | TokenKind::Symbol if matches!(norm, "," | "/" | ".") => {}
            TokenKind::Number => {}
            TokenKind::Word if upper_word(t) || is_month(norm) => {}
            _ => return 0,
        }
    }
    0
}

fn is_month(word: &str) -> bool {
    crate::dates::month(&word.to_ascii_uppercase()).is_some()
}

/// The words of a name as the coder compares them ("Xi Jinping" → `XI`, `JINPING`).
pub fn canonical_words(name: &str) -> Vec<String> {
    let mut upper = String::new();
    name_words(name)
        .map(|w| {
            fold_upper(w, &mut upper);
            upper.clone()
        })
        .collect()
}

/// Is `word` (a coder word) one of the [`canonical_words`] of `name`? (`upper` is a buffer; nothing is allocated.)
pub fn name_has_word(name: &str, word: &str, upper: &mut String) -> bool {
    name_words(name).any(|w| {
        fold_upper(w, upper);
        upper == word
    })
}

fn name_words(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty())
}

/// Tokenises a raw text as one sentence (TABARI and PETRARCH records are coded whole).
pub fn from_text(text: &str) -> SentenceWords {
    let tokens = attache_text::tokenize(text);
    from_tokens(text, &tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        from_text(s).words.into_iter().map(|w| w.text.to_string()).collect()
    }

    #[test]
    fn tabari_filtering() {
        assert_eq!(
            texts("Arnor's al-Assad didn't visit U.S. envoys, \"Gondor\" said on Saturday."),
            vec![
                "ARNOR'S", "AL", "ASSAD", "DIDN'T", "VISIT", "U.S.", "ENVOYS", ",", "\"", "GONDOR", "\"", "SAID", "ON",
                "SATURDAY"
            ]
        );
        assert!(from_text("Gondor said.").terminal);
        assert!(!from_text("Gondor said").terminal);
        assert_eq!(
            texts("Prince of Dol_Amroth; Ciudad Juárez"),
            vec!["PRINCE", "OF", "DOL", "AMROTH", ",", "CIUDAD", "JUAREZ"]
        );
    }

    #[test]
    fn datelines() {
        let len = |s: &str| {
            let tokens = attache_text::tokenize(s);
            let n = dateline_len(&tokens);
            tokens.get(n).map(|t| t.norm.to_string())
        };
        assert_eq!(
            len("BEIJING, Jan 14 (Meridian Wire) - Chinese Vice Premier He Lifeng held").as_deref(),
            Some("Chinese")
        );
        assert_eq!(len("KYIV (CPS) - Russia attacked Kyiv.").as_deref(), Some("Russia"));
        assert_eq!(len("TOKYO/PORT SUDAN (GBN) — Japan has provided aid.").as_deref(), Some("Japan"));
        assert_eq!(len("GENEVA — The United States and China signed.").as_deref(), Some("The"));
        assert_eq!(len("NATO said on Monday - in a statement - that it would.").as_deref(), Some("NATO"));
        assert_eq!(len("Russia attacked Kyiv - officials said.").as_deref(), Some("Russia"));
        assert_eq!(len("US-China talks resumed.").as_deref(), Some("US"));
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "The Sino-US talks began.";
        for word in from_text(text).words {
            let slice = &text[word.start as usize..word.end as usize];
            assert!(
                slice.to_uppercase().contains(&*word.text) || word.text.contains(&slice.to_uppercase()),
                "{slice} {}",
                word.text
            );
        }
    }
}
