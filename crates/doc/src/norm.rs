//! [`Norm`]: a token's normalised form, stored without allocating for all but very long tokens.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// Longest form kept inline (the type is 24 bytes, like a `String`).
const INLINE: usize = 22;

/// A token's normalised form: a string that derefs to `&str`.
///
/// Forms of up to 22 bytes (nearly every token) live inline, so tokenising allocates nothing per token;
/// longer ones are boxed. It compares, hashes and orders exactly like the `str` it holds, and converts from
/// `&str` and `String` (`Token { norm: "China".into(), .. }`).
#[derive(Clone)]
pub struct Norm(Repr);

#[derive(Clone)]
enum Repr {
    /// Invariant: `len <= INLINE` and `bytes[..len]` is valid UTF-8. Bytes past `len` are unspecified.
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    Heap(Box<str>),
}

impl Norm {
    pub fn new(text: &str) -> Norm {
        let len = text.len();
        if len > INLINE {
            return Norm(Repr::Heap(text.into()));
        }
        let mut bytes = [0u8; INLINE];
        bytes[..len].copy_from_slice(text.as_bytes());
        Norm(Repr::Inline { len: len as u8, bytes })
    }

    /// The form `source[start..end]` when those bytes are ASCII (`None` otherwise) — the tokenizer's fast path
    /// for text that is its own normal form: one check, and one fixed-size copy when the source goes on for 22
    /// bytes. (Building the form from three word loads in registers instead ran no faster and took more
    /// instructions.)
    ///
    /// Panics, like slicing, when `start..end` is out of range.
    #[inline]
    pub fn from_ascii_source(source: &str, start: usize, end: usize) -> Option<Norm> {
        let bytes = source.as_bytes();
        let text = &bytes[start..end];
        if !text.is_ascii() {
            return None;
        }
        let len = text.len();
        if len <= INLINE
            && let Some(window) = bytes.get(start..start + INLINE)
        {
            let mut inline = [0u8; INLINE];
            inline.copy_from_slice(window);
            // inline[..len] is `text`, ASCII and so a valid `str`; the bytes after it are never read.
            return Some(Norm(Repr::Inline { len: len as u8, bytes: inline }));
        }
        // ASCII bytes are whole characters: `start` and `end` are character boundaries.
        Some(Norm::new(&source[start..end]))
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, bytes } => {
                let valid = &bytes[..usize::from(*len)];
                // SAFETY: every constructor copies a whole `str` into `bytes[..len]` (see `Repr::Inline`).
                unsafe { std::str::from_utf8_unchecked(valid) }
            }
            Repr::Heap(text) => text,
        }
    }
}

impl Default for Norm {
    fn default() -> Norm {
        Norm(Repr::Inline { len: 0, bytes: [0; INLINE] })
    }
}

impl Deref for Norm {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Norm {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Norm {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Norm {
    fn from(text: &str) -> Norm {
        Norm::new(text)
    }
}

impl From<String> for Norm {
    fn from(text: String) -> Norm {
        if text.len() > INLINE { Norm(Repr::Heap(text.into_boxed_str())) } else { Norm::new(&text) }
    }
}

impl From<&String> for Norm {
    fn from(text: &String) -> Norm {
        Norm::new(text)
    }
}

impl From<Norm> for String {
    fn from(norm: Norm) -> String {
        norm.as_str().to_string()
    }
}

impl fmt::Debug for Norm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Norm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for Norm {
    fn eq(&self, other: &Norm) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Norm {}

impl PartialEq<str> for Norm {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Norm {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Norm {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Norm> for str {
    fn eq(&self, other: &Norm) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Norm> for &str {
    fn eq(&self, other: &Norm) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Norm> for String {
    fn eq(&self, other: &Norm) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Hash for Norm {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for Norm {
    fn partial_cmp(&self, other: &Norm) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Norm {
    fn cmp(&self, other: &Norm) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::hash_map::DefaultHasher;

    fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
        let mut hasher = DefaultHasher::new();
        value.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn short_and_long_forms() {
        assert_eq!(Norm::new("China"), "China");
        let long = "a".repeat(40);
        assert_eq!(Norm::new(&long), long.as_str());
        assert_eq!(Norm::default(), "");
        assert_eq!(std::mem::size_of::<Norm>(), 24);
        assert_eq!(format!("{:?} {}", Norm::new("x\"y"), Norm::new("z")), "\"x\\\"y\" z");
        let owned = String::from("abc");
        assert!("abc" == Norm::new("abc") && Norm::new("abc") == owned && owned == Norm::new("abc"));
    }

    proptest! {
        #[test]
        fn ascii_pieces_of_a_source_are_their_text(source in "[ -~]{0,50}( [a-zé’]{0,3})?", a in 0usize..60, b in 0usize..60) {
            let (start, end) = (a.min(b).min(source.len()), a.max(b).min(source.len()));
            if let Some(end) = (start..=end).rev().find(|&i| source.is_char_boundary(i))
                && source.is_char_boundary(start)
            {
                let piece = Norm::from_ascii_source(&source, start, end);
                prop_assert_eq!(piece.is_some(), source[start..end].is_ascii());
                if let Some(piece) = piece {
                    prop_assert_eq!(piece.as_str(), &source[start..end]);
                    prop_assert_eq!(piece, Norm::new(&source[start..end]));
                }
            }
        }

        #[test]
        fn behaves_like_its_str(text in "\\PC{0,40}", cut in 0usize..60) {
            let norm = Norm::new(&text);
            prop_assert_eq!(norm.as_str(), text.as_str());
            prop_assert_eq!(hash_of(&norm), hash_of(text.as_str()));
            prop_assert_eq!(Norm::from(text.clone()), norm.clone());
            // Every prefix ending on a character boundary, taken from inside a longer source.
            let source = format!("{text}{text}");
            let end = (0..=cut.min(source.len())).rev().find(|&i| source.is_char_boundary(i)).unwrap_or(0);
            let start = (0..=end / 2).rev().find(|&i| source.is_char_boundary(i)).unwrap_or(0);
            match Norm::from_ascii_source(&source, start, end) {
                Some(piece) => {
                    prop_assert!(source[start..end].is_ascii());
                    prop_assert_eq!(piece.as_str(), &source[start..end]);
                    prop_assert_eq!(piece.cmp(&norm), source[start..end].cmp(text.as_str()));
                }
                None => prop_assert!(!source[start..end].is_ascii()),
            }
        }
    }
}
