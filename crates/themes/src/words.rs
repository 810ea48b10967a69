//! Word units: the normalised words that theme rules and the tone lexicon match against.
//!
//! The same scanner cuts both the article's tokens and the phrases written in the data files, so a rule and the
//! text it should match are always normalised alike (`docs/themes.md`, "Matching"):
//! - a unit is a run of letters and digits; an apostrophe between two of them stays inside (`don't`, `n't`);
//! - every other character separates units (so `non-proliferation` is `non` `proliferation`, `U.S.` is `u` `s`);
//! - a possessive `'s` (or a lone trailing apostrophe) is dropped: `China’s` is `china`;
//! - keys are lowercased; typographic apostrophes are folded to `'`;
//! - `,` `;` `:` brackets and en/em dashes mark a clause break, which bounds the reach of a negation.

use std::ops::Range;

/// What the scanner reports while walking a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// A word unit: its byte range in the scanned text and whether it holds a letter (numbers are not words
    /// for tone's word count).
    Unit { range: Range<usize>, has_letter: bool },
    /// A clause-breaking punctuation mark.
    Break,
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '`')
}

fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '(' | ')' | '[' | ']' | '\u{2013}' | '\u{2014}' | '\u{2015}')
}

/// Walks `text` and reports its word units and clause breaks in order.
pub(crate) fn scan(text: &str, mut emit: impl FnMut(Piece)) {
    let mut unit_start: Option<usize> = None;
    let mut has_letter = false;
    // The unit being built began right after an apostrophe (a detached clitic such as the token `’s`).
    let mut after_apostrophe = false;
    let mut previous_was_apostrophe = false;
    let finish = |start: usize, end: usize, has_letter: bool, after_apostrophe: bool, emit: &mut dyn FnMut(Piece)| {
        let detached_possessive = after_apostrophe && matches!(&text[start..end], "s" | "S");
        if !detached_possessive {
            emit(Piece::Unit { range: start..end, has_letter });
        }
    };
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        let next_i = i + c.len_utf8();
        if c.is_alphanumeric() {
            if unit_start.is_none() {
                unit_start = Some(i);
                has_letter = false;
                after_apostrophe = previous_was_apostrophe;
            }
            has_letter |= c.is_alphabetic();
            previous_was_apostrophe = false;
            i = next_i;
            continue;
        }
        if is_apostrophe(c) {
            if let Some(start) = unit_start {
                match char_at(text, next_i) {
                    Some(next) if next.is_alphanumeric() => {
                        let after_next = next_i + next.len_utf8();
                        let possessive =
                            matches!(next, 's' | 'S') && !char_at(text, after_next).is_some_and(char::is_alphanumeric);
                        if !possessive {
                            // Inner apostrophe: part of the unit (`don't`, `o'clock`).
                            i = next_i;
                            continue;
                        }
                        finish(start, i, has_letter, after_apostrophe, &mut emit);
                        unit_start = None;
                        previous_was_apostrophe = false;
                        i = after_next; // past the possessive `s`
                        continue;
                    }
                    _ => {
                        finish(start, i, has_letter, after_apostrophe, &mut emit);
                        unit_start = None;
                    }
                }
            }
            previous_was_apostrophe = true;
            i = next_i;
            continue;
        }
        if let Some(start) = unit_start.take() {
            finish(start, i, has_letter, after_apostrophe, &mut emit);
        }
        if is_clause_break(c) {
            emit(Piece::Break);
        }
        previous_was_apostrophe = false;
        i = next_i;
    }
    if let Some(start) = unit_start {
        finish(start, text.len(), has_letter, after_apostrophe, &mut emit);
    }
}

/// The character starting at byte `i` (`i` is always a boundary here), decoding only non-ASCII bytes.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let byte = *text.as_bytes().get(i)?;
    if byte.is_ascii() { Some(char::from(byte)) } else { text[i..].chars().next() }
}

/// Appends the lowercase matching key of a unit's text to `key` and its case-kept form to `cased`.
pub(crate) fn fold_into(unit: &str, key: &mut String, cased: &mut String) {
    if unit.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'\'') {
        // The common case: copy and lowercase in place.
        let start = key.len();
        key.push_str(unit);
        key[start..].make_ascii_lowercase();
        cased.push_str(unit);
        return;
    }
    for c in unit.chars() {
        if is_apostrophe(c) {
            key.push('\'');
            cased.push('\'');
        } else if c.is_ascii() {
            key.push(c.to_ascii_lowercase());
            cased.push(c);
        } else {
            key.extend(c.to_lowercase());
            cased.push(c);
        }
    }
}

/// `Some(has_letter)` when `piece` is one plain ASCII word (letters and digits only), the tokens most text is.
#[inline]
fn plain_ascii_word(piece: &str) -> Option<bool> {
    let mut has_letter = false;
    for byte in piece.bytes() {
        if byte.is_ascii_alphabetic() {
            has_letter = true;
        } else if !byte.is_ascii_digit() {
            return None;
        }
    }
    (!piece.is_empty()).then_some(has_letter)
}

/// The units of a short text (a rule phrase), as (lowercase key, cased form) pairs.
pub(crate) fn phrase_words(text: &str) -> Vec<(String, String)> {
    let mut words = Vec::new();
    scan(text, |piece| {
        if let Piece::Unit { range, .. } = piece {
            let (mut key, mut cased) = (String::new(), String::new());
            fold_into(&text[range], &mut key, &mut cased);
            words.push((key, cased));
        }
    });
    words
}

/// One word unit of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unit {
    /// Byte range in the analysed text (the article text for documents).
    pub start: u32,
    pub end: u32,
    /// Byte range of the lowercase key inside [`Units::keys`].
    pub key_start: u32,
    pub key_end: u32,
    /// Byte range of the case-kept form inside [`Units::cased`].
    pub cased_start: u32,
    pub cased_end: u32,
    /// A clause break separates this unit from the previous one.
    pub break_before: bool,
    pub has_letter: bool,
}

/// How the byte offsets of a scanned piece map back to the analysed text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Offsets<'a> {
    /// The piece is the text's own bytes starting at this offset.
    Exact(usize),
    /// The piece is a normalised form whose n-th unit sits at the n-th of these source ranges.
    Each(&'a [(usize, usize)]),
    /// The piece is a normalised form: every unit in it is attributed to the whole source range.
    Whole(usize, usize),
}

/// The word units of one sentence plus the match string the automaton scans: `" key1 key2 … keyN "`.
#[derive(Debug, Default)]
pub(crate) struct Units {
    pub units: Vec<Unit>,
    pub keys: String,
    pub cased: String,
    pending_break: bool,
}

impl Units {
    pub fn clear(&mut self) {
        self.units.clear();
        self.keys.clear();
        self.keys.push(' ');
        self.cased.clear();
        self.pending_break = false;
    }

    /// Adds the units of `piece` (a token's text, or a whole sentence) after those already held.
    pub fn push_piece(&mut self, piece: &str, offsets: Offsets<'_>) {
        if self.keys.is_empty() {
            self.keys.push(' ');
        }
        if let Some(has_letter) = plain_ascii_word(piece) {
            // The common token (`China`, `talks`, `2026`): one unit, no scanning.
            let (start, end) = match offsets {
                Offsets::Exact(base) => (base, base + piece.len()),
                Offsets::Each(ranges) => ranges.first().copied().unwrap_or((0, 0)),
                Offsets::Whole(start, end) => (start, end),
            };
            self.push_unit(piece, start, end, has_letter);
            return;
        }
        let mut ordinal = 0;
        scan(piece, |event| match event {
            Piece::Break => self.pending_break = true,
            Piece::Unit { range, has_letter } => {
                let (start, end) = match offsets {
                    Offsets::Exact(base) => (base + range.start, base + range.end),
                    Offsets::Each(ranges) => ranges.get(ordinal).or(ranges.last()).copied().unwrap_or((0, 0)),
                    Offsets::Whole(start, end) => (start, end),
                };
                ordinal += 1;
                self.push_unit(&piece[range], start, end, has_letter);
            }
        });
    }

    fn push_unit(&mut self, unit_text: &str, start: usize, end: usize, has_letter: bool) {
        let key_start = self.keys.len();
        let cased_start = self.cased.len();
        fold_into(unit_text, &mut self.keys, &mut self.cased);
        self.units.push(Unit {
            start: to_u32(start),
            end: to_u32(end),
            key_start: to_u32(key_start),
            key_end: to_u32(self.keys.len()),
            cased_start: to_u32(cased_start),
            cased_end: to_u32(self.cased.len()),
            break_before: std::mem::take(&mut self.pending_break),
            has_letter,
        });
        self.keys.push(' ');
    }

    /// Counts the units of `piece` without keeping them (to compare a normalised form with its source).
    pub fn count_units(piece: &str) -> usize {
        let mut count = 0;
        scan(piece, |event| count += usize::from(matches!(event, Piece::Unit { .. })));
        count
    }

    #[cfg(test)]
    pub fn key(&self, unit: usize) -> &str {
        let u = &self.units[unit];
        &self.keys[u.key_start as usize..u.key_end as usize]
    }

    pub fn cased(&self, unit: usize) -> &str {
        let u = &self.units[unit];
        &self.cased[u.cased_start as usize..u.cased_end as usize]
    }

    /// The unit whose key starts at byte `position` of [`Units::keys`].
    pub fn unit_at_key(&self, position: usize) -> Option<usize> {
        let position = to_u32(position);
        let index = self.units.partition_point(|u| u.key_start < position);
        (self.units.get(index)?.key_start == position).then_some(index)
    }
}

/// Offsets are `u32` throughout attache; longer texts saturate rather than wrap.
fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        phrase_words(text).into_iter().map(|(key, _)| key).collect()
    }

    #[test]
    fn possessives_and_hyphens() {
        assert_eq!(keys("China’s non-proliferation"), ["china", "non", "proliferation"]);
        assert_eq!(keys("the States' view"), ["the", "states", "view"]);
        assert_eq!(keys("Leaders’ Meeting"), ["leaders", "meeting"]);
        assert_eq!(keys("U.S. G-20"), ["u", "s", "g", "20"]);
    }

    #[test]
    fn contractions_stay_whole() {
        assert_eq!(keys("don’t won't"), ["don't", "won't"]);
        // A tokenizer that splits clitics off: `do` + `n't`, `Xi` + `’s`.
        assert_eq!(keys("n't"), ["n't"]);
        assert_eq!(keys("’s"), Vec::<String>::new());
        assert_eq!(keys("'Tis"), ["tis"]);
    }

    #[test]
    fn breaks_are_reported() {
        let mut units = Units::default();
        units.clear();
        units.push_piece("not, however, good", Offsets::Exact(0));
        let breaks: Vec<bool> = units.units.iter().map(|u| u.break_before).collect();
        assert_eq!(breaks, [false, true, true]);
        assert_eq!(units.keys, " not however good ");
        assert_eq!(units.unit_at_key(5), Some(1));
        assert_eq!(units.unit_at_key(4), None);
    }

    #[test]
    fn exact_offsets_point_at_source() {
        let text = "Xi’s call";
        let mut units = Units::default();
        units.clear();
        units.push_piece(text, Offsets::Exact(0));
        let spans: Vec<&str> = units.units.iter().map(|u| &text[u.start as usize..u.end as usize]).collect();
        assert_eq!(spans, ["Xi", "call"]);
        assert_eq!(units.cased(0), "Xi");
        assert_eq!(units.key(0), "xi");
    }
}
