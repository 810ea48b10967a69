//! Character classes: the one place that decides what a character *is* for tokenising and segmenting.
//!
//! ASCII goes through a 128-entry table; everything else through [`classify`], which folds fullwidth forms to
//! their ASCII class and uses the standard library's Unicode properties for letters, digits and spaces.

/// What a character is to the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Whitespace that does not end a line, and invisible separators (zero-width space, BOM, controls).
    Space,
    /// Ends a line: `\n`, `\r`, vertical tab, NEL, LINE SEPARATOR.
    LineBreak,
    /// Ends a paragraph on its own: form feed, PARAGRAPH SEPARATOR.
    ParaBreak,
    /// Letters, and `_` (so handles and identifiers stay whole).
    Letter,
    Digit,
    /// Combining marks and joiners (ZWJ, ZWNJ, soft hyphen, direction marks): glued to the token before.
    Mark,
    /// `'` and `’`: an apostrophe or a single quotation mark, decided from context.
    Apostrophe,
    /// `‘ ‚ ‛ ‹`
    SingleOpen,
    /// `›`
    SingleClose,
    /// `"`: direction decided from context.
    DoubleStraight,
    /// `“ „ ‟ «`
    DoubleOpen,
    /// `” »`
    DoubleClose,
    /// `.` and the ideographic full stops.
    Period,
    /// `…`
    Ellipsis,
    /// `! ?` and their doubled forms.
    Terminal,
    /// `-` and the hyphens, en dash and minus sign.
    Hyphen,
    /// Em dash and longer dashes.
    Dash,
    OpenBracket,
    CloseBracket,
    /// Other punctuation: `, ; : / \` and general punctuation.
    Punct,
    /// Currency, maths, `@ # & % $ + = < > | ~ ^ *` and everything else (emoji included).
    Symbol,
}

const fn ascii_class(b: u8) -> Class {
    match b {
        b'\n' | b'\r' | 0x0B => Class::LineBreak,
        0x0C => Class::ParaBreak,
        b' ' | b'\t' | 0x00..=0x08 | 0x0E..=0x1F | 0x7F => Class::Space,
        b'a'..=b'z' | b'A'..=b'Z' | b'_' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'\'' => Class::Apostrophe,
        b'"' => Class::DoubleStraight,
        b'.' => Class::Period,
        b'!' | b'?' => Class::Terminal,
        b'-' => Class::Hyphen,
        b'(' | b'[' | b'{' => Class::OpenBracket,
        b')' | b']' | b'}' => Class::CloseBracket,
        b',' | b';' | b':' | b'/' | b'\\' => Class::Punct,
        _ => Class::Symbol,
    }
}

static ASCII: [Class; 128] = {
    let mut table = [Class::Symbol; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = ascii_class(i as u8);
        i += 1;
    }
    table
};

/// The class of a character.
#[inline]
pub(crate) fn classify(c: char) -> Class {
    if c.is_ascii() {
        return ASCII[c as usize];
    }
    match c {
        '\u{85}' | '\u{2028}' => Class::LineBreak,
        '\u{2029}' => Class::ParaBreak,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}' => Class::Space,
        '\u{AD}' | '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' => Class::Mark,
        '\u{2019}' => Class::Apostrophe,
        '\u{2018}' | '\u{201A}' | '\u{201B}' | '\u{2039}' => Class::SingleOpen,
        '\u{203A}' => Class::SingleClose,
        '\u{201C}' | '\u{201E}' | '\u{201F}' | '\u{AB}' => Class::DoubleOpen,
        '\u{201D}' | '\u{BB}' => Class::DoubleClose,
        '\u{3002}' | '\u{FF61}' => Class::Period,
        '\u{2026}' => Class::Ellipsis,
        '\u{203C}' | '\u{2047}'..='\u{2049}' => Class::Terminal,
        '\u{2010}'..='\u{2013}' | '\u{2212}' | '\u{FE63}' => Class::Hyphen,
        '\u{2014}' | '\u{2015}' | '\u{2E3A}' | '\u{2E3B}' | '\u{FE58}' => Class::Dash,
        // Fullwidth ASCII variants behave as their ASCII counterparts.
        '\u{FF01}'..='\u{FF5E}' => ascii_class((c as u32 - 0xFEE0) as u8),
        '\u{3001}' | '\u{3003}' | '\u{FF64}' => Class::Punct,
        '\u{3008}' | '\u{300A}' | '\u{300C}' | '\u{300E}' | '\u{3010}' | '\u{3014}' => Class::OpenBracket,
        '\u{3009}' | '\u{300B}' | '\u{300D}' | '\u{300F}' | '\u{3011}' | '\u{3015}' => Class::CloseBracket,
        _ if c.is_alphabetic() => Class::Letter,
        _ if c.is_numeric() => Class::Digit,
        _ if unicode_normalization::char::is_combining_mark(c) => Class::Mark,
        _ if c.is_whitespace() || c.is_control() => Class::Space,
        '\u{A1}' | '\u{A7}' | '\u{B6}' | '\u{B7}' | '\u{BF}' | '\u{2016}'..='\u{2027}' | '\u{2030}'..='\u{205E}' => {
            Class::Punct
        }
        '\u{3000}'..='\u{303F}' => Class::Punct,
        _ => Class::Symbol,
    }
}

/// Separators between tokens: every character the tokenizer skips. Public so tests and callers share the
/// exact definition of "whitespace" behind the coverage guarantee (every other character is in a token).
pub fn is_separator(c: char) -> bool {
    matches!(classify(c), Class::Space | Class::LineBreak | Class::ParaBreak)
}

impl Class {
    /// Characters that make up words and numbers.
    #[inline]
    pub(crate) fn is_word(self) -> bool {
        matches!(self, Class::Letter | Class::Digit | Class::Mark)
    }
    #[inline]
    pub(crate) fn is_space(self) -> bool {
        matches!(self, Class::Space | Class::LineBreak | Class::ParaBreak)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typographic_characters() {
        assert_eq!(classify('’'), Class::Apostrophe);
        assert_eq!(classify('“'), Class::DoubleOpen);
        assert_eq!(classify('”'), Class::DoubleClose);
        assert_eq!(classify('—'), Class::Dash);
        assert_eq!(classify('–'), Class::Hyphen);
        assert_eq!(classify('…'), Class::Ellipsis);
        assert_eq!(classify('\u{A0}'), Class::Space, "no-break space");
        assert_eq!(classify('\u{202F}'), Class::Space, "narrow no-break space");
        assert_eq!(classify('\u{200B}'), Class::Space, "zero-width space");
        assert_eq!(classify('\u{2028}'), Class::LineBreak);
        assert_eq!(classify('é'), Class::Letter);
        assert_eq!(classify('\u{301}'), Class::Mark, "combining acute");
        assert_eq!(classify('中'), Class::Letter);
        assert_eq!(classify('٣'), Class::Digit);
        assert_eq!(classify('€'), Class::Symbol);
        assert_eq!(classify('😀'), Class::Symbol);
    }

    #[test]
    fn fullwidth_forms_act_as_ascii() {
        assert_eq!(classify('Ａ'), Class::Letter);
        assert_eq!(classify('！'), Class::Terminal);
        assert_eq!(classify('（'), Class::OpenBracket);
        assert_eq!(classify('，'), Class::Punct);
        assert_eq!(classify('。'), Class::Period);
    }
}
