//! Token normalisation: the `norm` every later stage matches against.
//!
//! `norm` = NFKC of the token's original text, then typographic quotes, apostrophes and dashes folded to ASCII,
//! odd spaces to a plain space, and invisible joiners (soft hyphen, ZWJ, ZWNJ, direction marks, word joiner,
//! BOM) dropped. Case is kept. Offsets never move: the token's span still points at the original text.

use attache_doc::Norm;
use unicode_normalization::UnicodeNormalization;

/// Normalises one token's text. ASCII text is its own normal form, so the common case is a plain copy.
pub fn normalize(original: &str) -> Norm {
    if original.is_ascii() {
        return Norm::new(original);
    }
    let mut scratch = String::new();
    normalize_into(original, &mut scratch);
    Norm::from(scratch)
}

/// Like [`normalize`], writing into a caller-owned buffer (cleared first) so repeated calls reuse one allocation.
pub fn normalize_into(original: &str, out: &mut String) {
    out.clear();
    if original.is_ascii() {
        out.push_str(original);
        return;
    }
    for c in original.nfkc() {
        fold_char(c, out);
    }
}

/// Appends the ASCII fold of one (already NFKC) character, or the character itself.
fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2039}' | '\u{203A}' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{AB}' | '\u{BB}' => out.push('"'),
        '\u{2010}'..='\u{2013}' | '\u{2212}' | '\u{FE63}' => out.push('-'),
        '\u{2014}' | '\u{2015}' | '\u{2E3A}' | '\u{2E3B}' | '\u{FE58}' => out.push_str("--"),
        '\u{2044}' => out.push('/'),
        '\u{3002}' | '\u{FF61}' => out.push('.'),
        '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}' | '\u{FEFF}' => {}
        c if c != ' ' && c.is_whitespace() => out.push(' '),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_unchanged() {
        assert_eq!(normalize("U.S."), "U.S.");
        assert_eq!(normalize("Xi"), "Xi");
    }

    #[test]
    fn typographic_marks_fold_to_ascii() {
        assert_eq!(normalize("’s"), "'s");
        assert_eq!(normalize("“"), "\"");
        assert_eq!(normalize("»"), "\"");
        assert_eq!(normalize("—"), "--");
        assert_eq!(normalize("–"), "-");
        assert_eq!(normalize("\u{2011}"), "-", "non-breaking hyphen");
        assert_eq!(normalize("…"), "...");
        assert_eq!(normalize("o’clock"), "o'clock");
    }

    #[test]
    fn nfkc_and_invisible_characters() {
        assert_eq!(normalize("ﬁnance"), "finance", "ligature");
        assert_eq!(normalize("ＵＳ"), "US", "fullwidth");
        assert_eq!(normalize("e\u{301}"), "é", "composed");
        assert_eq!(normalize("co\u{AD}operate"), "cooperate", "soft hyphen");
        assert_eq!(normalize("km²"), "km2");
        assert_eq!(normalize("½"), "1/2");
        assert_eq!(normalize("Café"), "Café", "case and accents kept");
    }

    #[test]
    fn buffer_is_reused() {
        let mut buffer = String::new();
        normalize_into("“a”", &mut buffer);
        assert_eq!(buffer, "\"a\"");
        normalize_into("b", &mut buffer);
        assert_eq!(buffer, "b");
    }
}
