//! Atoms: the stage's working units, cut from the text stage's tokens.
//!
//! The text stage may hand over whitespace tokens (`“steer`, `China’s`, `Sino-US`) or proper ones (`“`, `China`,
//! `’s`). Re-cutting every token into atoms — words, numbers, possessive `’s`, single quotation marks and
//! apostrophes, hyphens, other punctuation — makes both look the same, so nothing downstream depends on which
//! tokenizer ran. Cutting is idempotent: an already-proper token comes back as one atom.

use attache_doc::Doc;

/// Which kind of quotation mark a character is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// `"` `“` `”` `„` `«` `»` `「` `」` …
    Double,
    /// `'` `‘` `’` `‚` `‹` `›` (also apostrophes: the marks module decides)
    Single,
}

/// The orientation a quotation mark character has by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Open,
    Close,
    /// Straight quotes: the context decides.
    Either,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AtomKind {
    /// Letters (possibly with digits, inner apostrophes, abbreviation dots: `U.S.`, `Xi'an`, `Dr.`).
    Word,
    Number,
    /// `’s` / `'s` after a name.
    Possessive,
    /// A quotation mark, or a single-quote character that may be an apostrophe.
    Mark(Family, Shape),
    /// `-` `‐` between word parts (`Sino-US`, `Chiang Kai-shek`).
    Hyphen,
    Punct,
}

#[derive(Debug, Clone)]
pub(crate) struct Atom {
    /// Byte offsets into the article text.
    pub start: usize,
    pub end: usize,
    pub kind: AtomKind,
    /// Lower-cased, with typographic apostrophes folded to `'` and abbreviation dots removed (`u.s.` → `us`
    /// stays `u.s.`; `dr.` → `dr`).
    pub lower: Box<str>,
    /// First character is upper-case.
    pub cap: bool,
    /// The text stage's sentence number of the token this atom came from.
    pub sentence: u32,
    /// Paragraph number, counted by this stage (see [`assign_paragraphs`]).
    pub paragraph: u32,
}

impl Atom {
    pub fn is_word(&self) -> bool {
        self.kind == AtomKind::Word
    }
    pub fn is_mark(&self) -> bool {
        matches!(self.kind, AtomKind::Mark(..))
    }
    /// All letters upper-case, at least two of them, no dots: `UN`, `WHO`, `G20`.
    pub fn is_acronym(&self, text: &str) -> bool {
        let word = &text[self.start..self.end];
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        // Dotted initials ("K.C.") are a person's, not an acronym; "U.S." is in the gazetteer.
        letters >= 2 && !word.contains('.') && word.chars().all(|c| !c.is_lowercase())
    }
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "jr", "sr", "inc",
    "ltd", "corp", "co", "no", "vs", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "mt", "ft",
    "rev", "hon", "adm", "cmdr", "maj", "messrs", "mme", "mlle", "esq", "dept", "univ",
];

fn quote_char(c: char) -> Option<(Family, Shape)> {
    Some(match c {
        '"' | '＂' => (Family::Double, Shape::Either),
        '“' | '„' | '‟' | '«' | '「' | '『' => (Family::Double, Shape::Open),
        '”' | '»' | '」' | '』' => (Family::Double, Shape::Close),
        '\'' => (Family::Single, Shape::Either),
        '‘' | '‚' | '‛' | '‹' => (Family::Single, Shape::Open),
        '’' | '›' | 'ʼ' => (Family::Single, Shape::Close),
        _ => return None,
    })
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Lower-cases a word and folds typographic apostrophes.
fn fold(word: &str) -> Box<str> {
    word.chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .into_boxed_str()
}

/// Cuts `text[start..end]` into atoms appended to `out`.
fn cut(text: &str, start: usize, end: usize, sentence: u32, out: &mut Vec<Atom>) {
    let piece = &text[start..end];
    let chars: Vec<(usize, char)> = piece.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map(|&(b, _)| b).unwrap_or(piece.len());
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let begin = i;
        let kind;
        if c.is_alphanumeric() {
            let numeric = c.is_ascii_digit();
            let mut j = i + 1;
            loop {
                match chars.get(j) {
                    Some(&(_, d)) if d.is_alphanumeric() => j += 1,
                    // Digit groups and decimals inside numbers: 1,709 · 2.5 · 10:30.
                    Some(&(_, d))
                        if numeric
                            && matches!(d, ',' | '.' | ':')
                            && chars.get(j + 1).is_some_and(|&(_, e)| e.is_ascii_digit()) =>
                    {
                        j += 2
                    }
                    // A dot inside a word: domain and group names (Secunia.com, alt.religion.scientology).
                    Some(&(_, '.'))
                        if !numeric
                            && chars.get(j + 1).is_some_and(|&(_, e)| e.is_lowercase())
                            && chars[begin..j].iter().filter(|&&(_, d)| d.is_alphabetic()).count() > 1 =>
                    {
                        j += 2
                    }
                    // Inner apostrophe (don't, O'Brien, Xi'an) — but not a possessive 's at the word's end.
                    Some(&(_, d)) if is_apostrophe(d) && chars.get(j + 1).is_some_and(|&(_, e)| e.is_alphabetic()) => {
                        let possessive = matches!(chars.get(j + 1), Some(&(_, 's' | 'S')))
                            && !chars.get(j + 2).is_some_and(|&(_, e)| e.is_alphanumeric());
                        if possessive {
                            break;
                        }
                        j += 2;
                    }
                    _ => break,
                }
            }
            // Abbreviation dots: initials (U.S., F., p.m.) and listed abbreviations (Dr., Mr.).
            if !numeric {
                loop {
                    let segment_start =
                        chars[begin..j].iter().rposition(|&(_, d)| d == '.').map(|p| begin + p + 1).unwrap_or(begin);
                    let segment_len = j - segment_start;
                    if chars.get(j).map(|&(_, d)| d) != Some('.') {
                        break;
                    }
                    let word_so_far: String = chars[begin..j].iter().map(|&(_, d)| d).collect();
                    let listed = ABBREVIATIONS.contains(&word_so_far.to_lowercase().as_str());
                    if segment_len == 1 && chars[segment_start].1.is_alphabetic() {
                        // An initial: take the dot, and a following `X.` group.
                        j += 1;
                        let next_initial = chars.get(j).is_some_and(|&(_, e)| e.is_alphabetic())
                            && chars.get(j + 1).is_some_and(|&(_, e)| e == '.')
                            && !chars.get(j + 2).is_some_and(|&(_, e)| e.is_alphanumeric());
                        if next_initial {
                            j += 1;
                            continue;
                        }
                        break;
                    } else if listed {
                        j += 1;
                        break;
                    } else {
                        break;
                    }
                }
            }
            kind = if numeric { AtomKind::Number } else { AtomKind::Word };
            i = j;
        } else if is_apostrophe(c)
            && matches!(chars.get(i + 1), Some(&(_, 's' | 'S')))
            && !chars.get(i + 2).is_some_and(|&(_, e)| e.is_alphanumeric())
            && (begin > 0 || out.last().is_some_and(|a| a.end == start))
        {
            kind = AtomKind::Possessive;
            i += 2;
        } else if let Some((family, shape)) = quote_char(c) {
            kind = AtomKind::Mark(family, shape);
            i += 1;
        } else if is_hyphen(c) {
            kind = AtomKind::Hyphen;
            i += 1;
        } else {
            kind = AtomKind::Punct;
            i += 1;
        }
        let (a, b) = (start + byte_at(begin), start + byte_at(i));
        let word = &text[a..b];
        let lower = match kind {
            AtomKind::Word => {
                let folded = fold(word);
                if folded.ends_with('.') && folded.matches('.').count() == 1 {
                    folded.trim_end_matches('.').into()
                } else {
                    folded
                }
            }
            AtomKind::Possessive => "'s".into(),
            _ => fold(word),
        };
        let cap = word.chars().next().is_some_and(char::is_uppercase);
        out.push(Atom { start: a, end: b, kind, lower, cap, sentence, paragraph: 0 });
    }
}

/// Builds the atoms of a document from its tokens (or, when the text stage has not run, from its sentences or
/// the whole text cut at whitespace). Tokens that are out of order, overlapping, out of range or not on
/// character boundaries are skipped.
pub(crate) fn atoms(doc: &Doc) -> Vec<Atom> {
    let text = doc.text();
    let mut out = Vec::with_capacity(doc.tokens.len() + doc.tokens.len() / 4);
    let valid = |start: usize, end: usize| {
        start < end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
    };
    if !doc.tokens.is_empty() {
        let mut last_end = 0usize;
        for token in &doc.tokens {
            let (start, end) = (token.start as usize, token.end as usize);
            if start < last_end || !valid(start, end) {
                continue;
            }
            cut(text, start, end, token.sentence, &mut out);
            last_end = end;
        }
    } else if !doc.sentences.is_empty() {
        let mut last_end = 0usize;
        for (number, sentence) in doc.sentences.iter().enumerate() {
            let range = doc.byte_range(sentence.span());
            if range.start < last_end || !valid(range.start, range.end) {
                continue;
            }
            cut(text, range.start, range.end, number as u32, &mut out);
            last_end = range.end;
        }
    } else {
        cut(text, 0, text.len(), 0, &mut out);
    }
    assign_paragraphs(doc, &mut out);
    out
}

/// Numbers paragraphs. A paragraph starts where the text stage says one does (a sentence's `paragraph`
/// changes), at a blank line, or — in texts that have no blank line at all — at any line break.
fn assign_paragraphs(doc: &Doc, atoms: &mut [Atom]) {
    let text = doc.text();
    let blank_lines = text.contains("\n\n") || text.contains("\n\r\n") || has_blank_line(text);
    let sentence_paragraph = |sentence: u32| doc.sentences.get(sentence as usize).map(|s| s.paragraph).unwrap_or(0);
    let mut paragraph = 0u32;
    for i in 1..atoms.len() {
        let gap = &text[atoms[i - 1].end..atoms[i].start];
        let new_paragraph = if blank_lines { has_blank_line(gap) } else { gap.contains('\n') }
            || (atoms[i].sentence != atoms[i - 1].sentence
                && sentence_paragraph(atoms[i].sentence) != sentence_paragraph(atoms[i - 1].sentence));
        if new_paragraph {
            paragraph += 1;
        }
        atoms[i].paragraph = paragraph;
    }
}

fn has_blank_line(text: &str) -> bool {
    let mut newlines = 0;
    for c in text.chars() {
        match c {
            '\n' => {
                newlines += 1;
                if newlines >= 2 {
                    return true;
                }
            }
            c if c.is_whitespace() => {}
            _ => newlines = 0,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_doc::{Article, Token, TokenKind};

    fn word_token(start: usize, word: &str) -> Token {
        Token {
            start: start as u32,
            end: (start + word.len()) as u32,
            sentence: 0,
            kind: TokenKind::Word,
            norm: word.into(),
            flags: Default::default(),
        }
    }

    fn whitespace_doc(text: &str) -> Doc {
        let mut doc = Doc::new(Article { text: text.into(), ..Default::default() });
        let mut offset = 0;
        for word in text.split_whitespace() {
            let start = offset + text[offset..].find(word).unwrap();
            doc.tokens.push(word_token(start, word));
            offset = start + word.len();
        }
        doc
    }

    fn pieces(text: &str) -> Vec<String> {
        let doc = whitespace_doc(text);
        atoms(&doc).iter().map(|a| text[a.start..a.end].to_string()).collect()
    }

    #[test]
    fn cuts_quotes_possessives_and_hyphens() {
        assert_eq!(
            pieces("“steer China’s Sino-US ship,”"),
            ["“", "steer", "China", "’s", "Sino", "-", "US", "ship", ",", "”"]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_numbers() {
        assert_eq!(
            pieces("Dr. Steven F. Udvar of the U.S. paid 1,709.50 dollars."),
            ["Dr.", "Steven", "F.", "Udvar", "of", "the", "U.S.", "paid", "1,709.50", "dollars", "."]
        );
    }

    #[test]
    fn inner_apostrophes_stay() {
        assert_eq!(pieces("Xi'an don't O’Brien's"), ["Xi'an", "don't", "O’Brien", "'s"]);
    }

    #[test]
    fn cutting_is_idempotent_on_proper_tokens() {
        // The same text as one whitespace token and as the four tokens a real tokenizer makes.
        let text = "“China’s”";
        let mut doc = Doc::new(Article { text: text.into(), ..Default::default() });
        let mut start = 0;
        for piece in ["“", "China", "’s", "”"] {
            doc.tokens.push(word_token(start, piece));
            start += piece.len();
        }
        let from_proper: Vec<&str> = atoms(&doc).iter().map(|a| &text[a.start..a.end]).collect();
        assert_eq!(from_proper, ["“", "China", "’s", "”"]);
        assert_eq!(pieces(text), from_proper);
    }

    #[test]
    fn paragraphs_at_blank_lines() {
        let doc = whitespace_doc("One two.\nthree.\n\nFour.");
        let paragraphs: Vec<u32> = atoms(&doc).iter().map(|a| a.paragraph).collect();
        assert_eq!(paragraphs, [0, 0, 0, 0, 0, 1, 1]);
    }
}
