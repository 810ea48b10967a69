//! Conversion between UTF-8 byte offsets (what Rust slices by) and character offsets (what attache's output uses).

use crate::Span;

/// Byte ↔ character offset index for one text.
///
/// ASCII texts (most wire copy) need no table: offsets are equal. Otherwise the index keeps the byte offset
/// of every character boundary, so `byte_of` is a lookup and `char_of` a binary search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharIndex {
    /// `boundaries[i]` is the byte offset of character `i`; the last entry is the text's byte length.
    /// Empty when the text is ASCII.
    boundaries: Vec<u32>,
    byte_len: u32,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let byte_len = u32::try_from(text.len()).unwrap_or(u32::MAX);
        if text.is_ascii() {
            return CharIndex { boundaries: Vec::new(), byte_len };
        }
        let mut boundaries: Vec<u32> = text.char_indices().map(|(i, _)| i as u32).collect();
        boundaries.push(byte_len);
        CharIndex { boundaries, byte_len }
    }

    /// Number of characters in the text.
    pub fn char_len(&self) -> u32 {
        if self.boundaries.is_empty() { self.byte_len } else { (self.boundaries.len() - 1) as u32 }
    }

    /// Character offset of a byte offset. A byte offset inside a character maps to that character; one past the
    /// end maps to the end.
    pub fn char_of(&self, byte: usize) -> u32 {
        let byte = (byte.min(self.byte_len as usize)) as u32;
        if self.boundaries.is_empty() {
            return byte;
        }
        // Index of the last boundary <= byte.
        let after = self.boundaries.partition_point(|&b| b <= byte);
        after.saturating_sub(1) as u32
    }

    /// Byte offset of a character offset, clamped to the text's end.
    pub fn byte_of(&self, char_offset: u32) -> usize {
        if self.boundaries.is_empty() {
            return char_offset.min(self.byte_len) as usize;
        }
        let i = (char_offset as usize).min(self.boundaries.len() - 1);
        self.boundaries[i] as usize
    }

    pub fn span(&self, byte_start: usize, byte_end: usize) -> Span {
        Span::new(self.char_of(byte_start), self.char_of(byte_end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_is_identity() {
        let index = CharIndex::new("hello");
        assert_eq!(index.char_of(3), 3);
        assert_eq!(index.byte_of(3), 3);
        assert_eq!(index.char_len(), 5);
        assert_eq!(index.char_of(99), 5);
    }

    #[test]
    fn multibyte() {
        let text = "a’b—c";
        let index = CharIndex::new(text);
        assert_eq!(index.char_len(), 5);
        assert_eq!(index.byte_of(2), 4);
        assert_eq!(index.char_of(4), 2);
        assert_eq!(index.char_of(2), 1, "inside ’ maps to its start");
        assert_eq!(index.byte_of(5), text.len());
    }

    proptest! {
        #[test]
        fn round_trip_on_any_text(text in "\\PC{0,40}") {
            let index = CharIndex::new(&text);
            for (char_i, (byte_i, _)) in text.char_indices().enumerate() {
                prop_assert_eq!(index.char_of(byte_i), char_i as u32);
                prop_assert_eq!(index.byte_of(char_i as u32), byte_i);
            }
            prop_assert_eq!(index.char_len() as usize, text.chars().count());
        }
    }
}
