//! Conversion between UTF-8 byte offsets (what Rust slices by) and character offsets (what attache's output uses).

use crate::Span;

/// Byte ↔ character offset index for one text.
///
/// ASCII texts need no table: offsets are equal. Otherwise the index keeps one entry per character of more
/// than one byte — news copy in English has a handful per article (curly quotes, dashes), so the table is
/// tiny where a table of every character's offset would be four bytes per character — and both directions
/// are a binary search, since between two entries every character is one byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharIndex {
    /// The characters longer than one byte, in text order.
    wide: Vec<Wide>,
    byte_len: u32,
    char_len: u32,
}

/// A character of more than one byte: its byte offset and its character offset. Its end is implied by the
/// next entry (or the text's end), as the characters in between are one byte each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Wide {
    byte: u32,
    char: u32,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let bytes = &text.as_bytes()[..text.len().min(u32::MAX as usize)];
        let byte_len = bytes.len() as u32;
        if bytes.is_ascii() {
            return CharIndex { wide: Vec::new(), byte_len, char_len: byte_len };
        }
        let mut wide = Vec::new();
        // Bytes that continue a character so far: byte offset minus this is the character offset.
        let mut continuation = 0u32;
        let mut i = 0;
        while i < bytes.len() {
            // Skip ASCII a word at a time: wide characters are rare in the texts this is built for.
            if let Some(chunk) = bytes.get(i..i + 8)
                && chunk.is_ascii()
            {
                i += 8;
                continue;
            }
            let byte = bytes[i];
            if byte >= 0xC0 {
                wide.push(Wide { byte: i as u32, char: i as u32 - continuation });
            } else if byte >= 0x80 {
                continuation += 1;
            }
            i += 1;
        }
        CharIndex { wide, byte_len, char_len: byte_len - continuation }
    }

    /// Number of characters in the text.
    pub fn char_len(&self) -> u32 {
        self.char_len
    }

    /// Byte offset just past wide character `k`.
    fn end_of(&self, k: usize) -> u32 {
        let (next_byte, next_char) = match self.wide.get(k + 1) {
            Some(next) => (next.byte, next.char),
            None => (self.byte_len, self.char_len),
        };
        // The characters between this one and the next entry are one byte each.
        next_byte - (next_char - self.wide[k].char - 1)
    }

    /// Character offset of a byte offset. A byte offset inside a character maps to that character; one past the
    /// end maps to the end.
    pub fn char_of(&self, byte: usize) -> u32 {
        let byte = (byte.min(self.byte_len as usize)) as u32;
        // The last wide character starting at or before `byte`.
        let Some(k) = self.wide.partition_point(|w| w.byte <= byte).checked_sub(1) else { return byte };
        let end = self.end_of(k);
        if byte < end { self.wide[k].char } else { self.wide[k].char + 1 + (byte - end) }
    }

    /// Byte offset of a character offset, clamped to the text's end.
    pub fn byte_of(&self, char_offset: u32) -> usize {
        let char_offset = char_offset.min(self.char_len);
        // The last wide character before character `char_offset`.
        let Some(k) = self.wide.partition_point(|w| w.char < char_offset).checked_sub(1) else {
            return char_offset as usize;
        };
        (self.end_of(k) + (char_offset - self.wide[k].char - 1)) as usize
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

        /// Every byte offset (inside characters and past the end too) against counting characters directly.
        #[test]
        fn every_byte_offset_on_mostly_ascii_text(text in "([a-z .]{0,12}[’—é中😀]?){0,8}", past in 0usize..4) {
            let index = CharIndex::new(&text);
            for byte in 0..=text.len() + past {
                // The character that starts at or before the byte (the one the byte is in), or the end.
                let expected = if byte >= text.len() {
                    text.chars().count()
                } else {
                    text.char_indices().filter(|&(i, _)| i <= byte).count() - 1
                };
                prop_assert_eq!(index.char_of(byte) as usize, expected, "byte {}", byte);
            }
            prop_assert_eq!(index.byte_of(index.char_len() + past as u32), text.len());
        }
    }
}
