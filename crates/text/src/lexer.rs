//! The tokenizer: one left-to-right pass over the text that produces every token with its byte span, kind,
//! normalised form and flags, and decides on the way which line breaks are deliberate (paragraph starts) and
//! which way each straight quote faces.
//!
//! It never backtracks more than a few characters, allocates nothing per token (norms of up to 22 bytes are
//! stored inline) and looks at non-ASCII characters only where they occur.

use crate::class::{Class, classify};
use crate::lexicon::{self, AbbrevClass};
use crate::normalize::normalize_into;
use attache_doc::{Norm, Token, TokenFlags, TokenKind};

/// Tokenises `text`. Every token has `sentence == 0`; the segmenter fills sentences in afterwards.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut lexer = Lexer::new(text);
    lexer.run();
    lexer.tokens
}

struct Lexer<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    tokens: Vec<Token>,
    scratch: String,
    /// A double (single) quotation mark opened in this paragraph is still open.
    double_open: bool,
    single_open: bool,
    /// Start of the current block of lines (text between blank lines) and, once measured, its wrap width
    /// (0 when the block is not hard-wrapped).
    block_start: usize,
    block_width: Option<usize>,
}

impl<'t> Lexer<'t> {
    fn new(text: &'t str) -> Self {
        Lexer {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            // News averages five to six bytes per token; growing the vector would copy it.
            tokens: Vec::with_capacity(text.len() / 4 + 16),
            scratch: String::new(),
            double_open: false,
            single_open: false,
            block_start: 0,
            block_width: None,
        }
    }

    /// The character at byte `i` and its length, if `i` is inside the text.
    #[inline]
    fn char_at(&self, i: usize) -> Option<(char, usize)> {
        let byte = *self.bytes.get(i)?;
        if byte < 0x80 {
            return Some((byte as char, 1));
        }
        let c = self.text.get(i..)?.chars().next()?;
        Some((c, c.len_utf8()))
    }

    #[inline]
    fn class_at(&self, i: usize) -> Option<Class> {
        self.char_at(i).map(|(c, _)| classify(c))
    }

    fn is_word_at(&self, i: usize) -> bool {
        self.class_at(i).is_some_and(Class::is_word)
    }

    fn char_before(&self, i: usize) -> Option<char> {
        self.text.get(..i)?.chars().next_back()
    }

    fn run(&mut self) {
        let len = self.bytes.len();
        let mut first = true;
        while self.pos < len {
            let gap_start = self.pos;
            let mut line_breaks = 0u32;
            let mut paragraph_break = false;
            while let Some(&byte) = self.bytes.get(self.pos) {
                if byte == b' ' {
                    self.pos += 1;
                    continue;
                }
                if WORD_BYTE[byte as usize] {
                    break;
                }
                let Some((c, n)) = self.char_at(self.pos) else { break };
                match classify(c) {
                    Class::Space => self.pos += n,
                    Class::LineBreak => {
                        // \r\n is one line break.
                        self.pos += if c == '\r' && self.bytes.get(self.pos + 1) == Some(&b'\n') { 2 } else { n };
                        line_breaks += 1;
                    }
                    Class::ParaBreak => {
                        paragraph_break = true;
                        self.pos += n;
                    }
                    _ => break,
                }
            }
            if self.pos >= len {
                break;
            }
            let mut flags = TokenFlags::empty();
            if first || self.pos > gap_start {
                flags.insert(TokenFlags::SPACE_BEFORE);
            }
            if first || paragraph_break || line_breaks >= 2 {
                flags.insert(TokenFlags::LINE_START | TokenFlags::PARAGRAPH_START);
                self.block_start = self.pos;
                self.block_width = None;
            } else if line_breaks == 1 {
                flags.insert(TokenFlags::LINE_START);
                if self.deliberate_line_break(self.pos) {
                    flags.insert(TokenFlags::PARAGRAPH_START);
                }
            }
            if flags.contains(TokenFlags::PARAGRAPH_START) {
                self.double_open = false;
                self.single_open = false;
            }
            first = false;
            let start = self.pos;
            let (end, kind, abbreviation) = match self.plain_token(start) {
                Some((end, kind)) => (end, kind, false),
                None => self.lex_token(start),
            };
            debug_assert!(end > start);
            if abbreviation {
                flags.insert(TokenFlags::ABBREVIATION);
            }
            self.push(start, end, kind, flags);
            self.pos = end;
        }
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind, mut flags: TokenFlags) {
        let norm = match Norm::from_ascii_source(self.text, start, end) {
            // Nearly every token: ASCII is its own normal form.
            Some(norm) => {
                let bytes = &self.bytes[start..end];
                if bytes[0].is_ascii_uppercase() {
                    flags.insert(TokenFlags::CAPITALIZED);
                    if !bytes.iter().any(u8::is_ascii_lowercase) {
                        flags.insert(TokenFlags::ALL_CAPS);
                    }
                }
                norm
            }
            None => {
                let slice = &self.text[start..end];
                let mut chars = slice.chars();
                let first = chars.next().unwrap_or(' ');
                if first.is_uppercase() {
                    flags.insert(TokenFlags::CAPITALIZED);
                }
                if slice.chars().any(char::is_uppercase) && !slice.chars().any(char::is_lowercase) {
                    flags.insert(TokenFlags::ALL_CAPS);
                }
                normalize_into(slice, &mut self.scratch);
                Norm::new(&self.scratch)
            }
        };
        self.tokens.push(Token { start: start as u32, end: end as u32, sentence: 0, kind, norm, flags });
    }

    /// The end and kind of a plain token at `start`, or `None` for the general path ([`Lexer::lex_token`], which
    /// gives these tokens the same end and kind — a test holds them to it). Plain are most tokens: ASCII words
    /// (see [`Lexer::plain_word`]) and single ASCII punctuation marks and symbols that nothing can join.
    #[inline]
    fn plain_token(&self, start: usize) -> Option<(usize, TokenKind)> {
        let bytes = self.bytes;
        let first = bytes[start];
        if WORD_BYTE[first as usize] {
            let kind = if first.is_ascii_digit() { TokenKind::Number } else { TokenKind::Word };
            return self.plain_word(start).map(|end| (end, kind));
        }
        // A non-ASCII character next could be a combining mark that joins the token.
        let next = bytes.get(start + 1).copied().unwrap_or(b' ');
        if next >= 0x80 {
            return None;
        }
        match first {
            b',' | b';' | b':' | b'(' | b')' | b'[' | b']' => Some((start + 1, TokenKind::Punct)),
            b'.' if next != b'.' => Some((start + 1, TokenKind::Punct)),
            b'!' | b'?' if !matches!(next, b'!' | b'?') => Some((start + 1, TokenKind::Punct)),
            b'$' | b'%' | b'+' | b'=' => Some((start + 1, TokenKind::Symbol)),
            _ => None,
        }
    }

    /// The end of a plain ASCII word at `start` (a letter, digit or `_`): its word bytes, followed by a byte that
    /// can neither extend the word nor start a character that could. (A split-off `n't` never qualifies: the
    /// byte after its `n` is a quotation mark.)
    #[inline]
    fn plain_word(&self, start: usize) -> Option<usize> {
        let end = self.ascii_word_end(start + 1);
        (!self.bytes.get(end).is_some_and(|&byte| MAY_CONNECT[byte as usize])).then_some(end)
    }

    /// Lexes the token starting at `start` (not a separator): its end, kind, and whether it is an abbreviation
    /// that kept its full stop.
    fn lex_token(&mut self, start: usize) -> (usize, TokenKind, bool) {
        if WORD_BYTE[self.bytes[start] as usize] {
            return self.word(start);
        }
        let Some((c, n)) = self.char_at(start) else { return (self.bytes.len(), TokenKind::Symbol, false) };
        let class = classify(c);
        let (end, kind, abbreviation) = match class {
            Class::Letter | Class::Digit | Class::Mark => return self.word(start),
            Class::Apostrophe | Class::SingleOpen | Class::SingleClose => {
                return self.single_quote(start, class, n);
            }
            Class::DoubleStraight | Class::DoubleOpen | Class::DoubleClose => {
                (start + n, self.double_quote(start, class, n), false)
            }
            Class::Period | Class::Ellipsis => {
                (self.run_of(start, |k| matches!(k, Class::Period | Class::Ellipsis)), TokenKind::Punct, false)
            }
            Class::Terminal => (self.run_of(start, |k| k == Class::Terminal), TokenKind::Punct, false),
            Class::Hyphen if c == '-' => (self.run_of_byte(start, b'-'), TokenKind::Punct, false),
            Class::Dash => (self.run_of(start, |k| k == Class::Dash), TokenKind::Punct, false),
            Class::Symbol if matches!(c, '@' | '#') && self.is_word_at(start + 1) => {
                (self.scan_word(start + 1), TokenKind::Word, false)
            }
            Class::Symbol => (start + n, TokenKind::Symbol, false),
            _ => (start + n, TokenKind::Punct, false),
        };
        (self.skip_marks(end), kind, abbreviation)
    }

    fn run_of(&self, start: usize, member: impl Fn(Class) -> bool) -> usize {
        let mut end = start;
        while let Some((c, n)) = self.char_at(end) {
            if !member(classify(c)) {
                break;
            }
            end += n;
        }
        end
    }

    fn run_of_byte(&self, start: usize, byte: u8) -> usize {
        start + self.bytes[start..].iter().take_while(|&&b| b == byte).count()
    }

    /// Combining marks and joiners after a symbol or punctuation mark stay with it.
    fn skip_marks(&self, mut end: usize) -> usize {
        while let Some((c, n)) = self.char_at(end) {
            if classify(c) != Class::Mark {
                break;
            }
            end += n;
        }
        end
    }

    /// End of the run of word characters (letters, digits, marks) starting at `i`.
    #[inline]
    fn scan_word(&self, mut i: usize) -> usize {
        let bytes = self.bytes;
        loop {
            i = self.ascii_word_end(i);
            match bytes.get(i) {
                Some(&byte) if byte >= 0x80 => match self.char_at(i) {
                    Some((c, n)) if classify(c).is_word() => i += n,
                    _ => return i,
                },
                _ => return i,
            }
        }
    }

    /// End of the run of ASCII word bytes (letters, digits, `_`) starting at `i`.
    #[inline]
    fn ascii_word_end(&self, mut i: usize) -> usize {
        while self.bytes.get(i).is_some_and(|&byte| WORD_BYTE[byte as usize]) {
            i += 1;
        }
        i
    }

    /// End of the run of ASCII letters starting at `i`.
    fn scan_ascii_letters(&self, i: usize) -> usize {
        i + self.bytes[i..].iter().take_while(|b| b.is_ascii_alphabetic()).count()
    }

    /// A word, number, abbreviation, URL, domain or e-mail address starting at `start`.
    fn word(&self, start: usize) -> (usize, TokenKind, bool) {
        let bytes = self.bytes;
        let first = bytes[start];
        let kind = if first.is_ascii_digit() || (first >= 0x80 && self.class_at(start) == Some(Class::Digit)) {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        if matches!(first, b'n' | b'N')
            && let Some(end) = self.negation_clitic(start)
        {
            return (end, TokenKind::Word, false);
        }
        let mut end = self.scan_word(start);
        // Most words end at a space or a plain punctuation mark that cannot join anything.
        if !bytes.get(end).is_some_and(|&b| MAY_CONNECT[b as usize]) {
            return (end, kind, false);
        }
        let length = end - start;
        // Cheap guards first: these shapes are rare, their full checks are not free.
        if length <= 2
            && bytes.get(end) == Some(&b'.')
            && bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic)
            && let Some(chain_end) = self.dotted_chain(start)
        {
            return (chain_end, TokenKind::Word, bytes[chain_end - 1] == b'.');
        }
        if (3..=5).contains(&length)
            && matches!(bytes.get(end), Some(b':' | b'.'))
            && let Some(url_end) = self.url(start)
        {
            return (url_end, TokenKind::Word, false);
        }
        while let Some((c, n)) = self.char_at(end) {
            let digit_before = bytes[end - 1].is_ascii_digit();
            let next = end + n;
            match c {
                '.' if digit_before && bytes.get(next).is_some_and(u8::is_ascii_digit) => {
                    end = self.scan_word(next);
                }
                '.' if bytes.get(next).is_some_and(u8::is_ascii_alphabetic) => {
                    if let Some(domain_end) = self.domain(start) {
                        end = domain_end;
                    }
                    break;
                }
                ',' if kind == TokenKind::Number && digit_before && self.thousands_group(next) => end = next + 3,
                ':' | '/' if digit_before && bytes.get(next).is_some_and(u8::is_ascii_digit) => {
                    end = self.scan_word(next);
                }
                '\'' | '\u{2019}' if self.class_at(next) == Some(Class::Letter) => {
                    let letters_end = self.scan_ascii_letters(next);
                    let standalone = letters_end > next && !self.is_word_at(letters_end);
                    let letters = &self.text[next..letters_end];
                    if standalone
                        && matches!(letters, "t" | "T")
                        && end - start >= 2
                        && matches!(bytes[end - 1], b'n' | b'N')
                    {
                        // do|n't, ca|n't (Penn Treebank): the negation is its own token.
                        end -= 1;
                        break;
                    }
                    if standalone && lexicon::is_clitic(letters) {
                        break;
                    }
                    // O'Neill, rock'n'roll, o'clock: the apostrophe is part of the word.
                    end = self.scan_word(next);
                }
                '&' if bytes[end - 1].is_ascii_uppercase() && bytes.get(next).is_some_and(u8::is_ascii_uppercase) => {
                    // AT&T, S&P, R&D.
                    end = self.scan_word(next);
                }
                '@' if self.is_word_at(next) => {
                    if let Some(address_end) = self.email_domain(next) {
                        end = address_end;
                    }
                    break;
                }
                _ => break,
            }
        }
        if bytes.get(end) == Some(&b'.') && bytes.get(end + 1) != Some(&b'.') && self.period_joins(start, end) {
            return (end + 1, kind, true);
        }
        (end, kind, false)
    }

    /// `n't` (or `n’t`) standing alone after the word it negates.
    fn negation_clitic(&self, start: usize) -> Option<usize> {
        if !matches!(self.bytes[start], b'n' | b'N') {
            return None;
        }
        let (c, n) = self.char_at(start + 1)?;
        if !matches!(c, '\'' | '\u{2019}') {
            return None;
        }
        let t = start + 1 + n;
        if !matches!(self.bytes.get(t), Some(b't' | b'T')) || self.is_word_at(t + 1) {
            return None;
        }
        // Only a split-off clitic: the character before must be part of the word it belongs to.
        let glued = self.char_before(start).is_some_and(|p| classify(p).is_word());
        glued.then_some(t + 1)
    }

    /// `1,000`: exactly three digits after the comma, and no more.
    fn thousands_group(&self, i: usize) -> bool {
        let digits = self.bytes.get(i..i + 3).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        digits && !self.bytes.get(i + 3).is_some_and(u8::is_ascii_digit)
    }

    /// Dotted abbreviations: `U.S.`, `U.K.`, `a.m.`, `e.g.`, `Ph.D.`, `U.S.A.` — segments of one or two
    /// ASCII letters, at least two of them, ending with a full stop (or, all single letters, without one).
    fn dotted_chain(&self, start: usize) -> Option<usize> {
        let bytes = self.bytes;
        if !bytes[start].is_ascii_alphabetic() {
            return None;
        }
        let mut i = start;
        let mut segments = 0;
        let mut all_single = true;
        let ends_with_period = loop {
            let segment_end = self.scan_ascii_letters(i);
            let length = segment_end - i;
            if length == 0 {
                break true;
            }
            if length > 2 {
                return None;
            }
            all_single &= length == 1;
            segments += 1;
            i = segment_end;
            if bytes.get(i) == Some(&b'.') {
                i += 1;
            } else {
                break false;
            }
        };
        if segments < 2 || self.is_word_at(i) || !(ends_with_period || all_single) {
            return None;
        }
        Some(i)
    }

    /// Whether the full stop right after the word `start..end` belongs to it (`Gen.`, `Jan.`, `J.`, `No. 5`).
    fn period_joins(&self, start: usize, end: usize) -> bool {
        let word = &self.text[start..end];
        let bytes = word.as_bytes();
        if bytes.len() == 1 && bytes[0].is_ascii_uppercase() {
            return true; // an initial
        }
        match lexicon::abbreviation(word) {
            Some(AbbrevClass::BeforeNumber) => self.number_follows(end + 1),
            Some(_) => true,
            None => lexicon::looks_like_abbreviation(word),
        }
    }

    /// A digit follows `i` after at most a few spaces on the same line.
    fn number_follows(&self, i: usize) -> bool {
        let rest = &self.bytes[i.min(self.bytes.len())..];
        let spaces = rest.iter().take(4).take_while(|&&b| b == b' ' || b == b'\t').count();
        rest.get(spaces).is_some_and(u8::is_ascii_digit)
    }

    /// `http://…`, `https://…`, `www.…` up to the next space, without trailing punctuation.
    fn url(&self, start: usize) -> Option<usize> {
        let head = self.bytes.get(start..(start + 8).min(self.bytes.len()))?;
        let lower = |prefix: &[u8]| head.len() >= prefix.len() && head[..prefix.len()].eq_ignore_ascii_case(prefix);
        let scheme = lower(b"http://") || lower(b"https://");
        let www = lower(b"www.") && head.get(4).is_some_and(u8::is_ascii_alphanumeric);
        if !scheme && !www {
            return None;
        }
        let mut end = start;
        while let Some((c, n)) = self.char_at(end) {
            let class = classify(c);
            if class.is_space()
                || matches!(class, Class::DoubleStraight | Class::DoubleOpen | Class::DoubleClose)
                || matches!(c, '<' | '>')
            {
                break;
            }
            end += n;
        }
        Some(self.trim_trailing_punctuation(start, end))
    }

    fn trim_trailing_punctuation(&self, start: usize, mut end: usize) -> usize {
        let has_open_paren = self.text[start..end].contains('(');
        while end > start {
            let last = self.bytes[end - 1];
            let trim = matches!(last, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b']' | b'}')
                || (last == b')' && !has_open_paren);
            if !trim {
                break;
            }
            end -= 1;
        }
        end
    }

    /// `xinhuanet.com`, `news.cn/politics/…`: dot-separated ASCII segments ending in a known top-level domain.
    fn domain(&self, start: usize) -> Option<usize> {
        let bytes = self.bytes;
        let mut end = start;
        while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b'.' | b'-')) {
            end += 1;
        }
        if end < bytes.len() && bytes[end] >= 0x80 && self.is_word_at(end) {
            return None; // the word goes on in non-ASCII letters
        }
        while end > start && bytes[end - 1] == b'.' {
            end -= 1;
        }
        let candidate = &self.text[start..end];
        let segments = candidate.split('.').count();
        let tld = candidate.rsplit('.').next().unwrap_or("");
        if segments < 2 || candidate.contains("..") || !lexicon::is_tld(tld) {
            return None;
        }
        if bytes.get(end) == Some(&b'/') {
            let mut path_end = end;
            while let Some((c, n)) = self.char_at(path_end) {
                if classify(c).is_space() || matches!(c, '"' | '<' | '>') {
                    break;
                }
                path_end += n;
            }
            return Some(self.trim_trailing_punctuation(start, path_end));
        }
        Some(end)
    }

    /// The domain of an e-mail address, starting after the `@`; it must contain a dot.
    fn email_domain(&self, i: usize) -> Option<usize> {
        let bytes = self.bytes;
        let mut end = i;
        while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b'.' | b'-' | b'_')) {
            end += 1;
        }
        while end > i && bytes[end - 1] == b'.' {
            end -= 1;
        }
        self.text[i..end].contains('.').then_some(end)
    }

    /// `'90s`, `'em`, `'til` after a space: an elided word, not an opening quote. Returns its end.
    fn elision(&self, i: usize) -> Option<usize> {
        let bytes = self.bytes;
        if bytes.get(i..i + 2).is_some_and(|d| d.iter().all(u8::is_ascii_digit)) {
            let mut end = i + 2;
            if bytes.get(end) == Some(&b's') {
                end += 1;
            }
            return (!self.is_word_at(end)).then_some(end);
        }
        let end = self.scan_ascii_letters(i);
        let word = &self.text[i..end];
        let known = matches!(word, "em" | "til" | "cause" | "tis" | "twas" | "n");
        (known && !self.is_word_at(end)).then_some(end)
    }

    /// An apostrophe or single quotation mark at `start`.
    fn single_quote(&mut self, start: usize, class: Class, n: usize) -> (usize, TokenKind, bool) {
        let after = start + n;
        let before = self.char_before(start).map(classify);
        let after_word = before.is_some_and(Class::is_word);
        let after_space = before.is_none_or(|b| b.is_space() || is_opener(b));
        let next = self.class_at(after);
        let next_is_word = next.is_some_and(Class::is_word);
        match class {
            Class::SingleClose => {
                self.single_open = false;
                return (self.skip_marks(after), TokenKind::CloseQuote, false);
            }
            Class::SingleOpen => {
                if after_space && let Some(end) = self.elision(after) {
                    return (end, word_or_number(next), false);
                }
                self.single_open = true;
                return (self.skip_marks(after), TokenKind::OpenQuote, false);
            }
            _ => {}
        }
        if after_word {
            if next == Some(Class::Letter) {
                let letters_end = self.scan_ascii_letters(after);
                if letters_end > after
                    && !self.is_word_at(letters_end)
                    && lexicon::is_clitic(&self.text[after..letters_end])
                {
                    return (letters_end, TokenKind::Word, false);
                }
            }
            if !next_is_word {
                if self.single_open {
                    self.single_open = false;
                    return (after, TokenKind::CloseQuote, false);
                }
                // Plural possessive: the countries' leaders.
                if matches!(self.bytes[start - 1], b's' | b'S' | b'z' | b'x') {
                    return (after, TokenKind::Word, false);
                }
            }
            return (after, TokenKind::Punct, false);
        }
        if after_space {
            if let Some(end) = self.elision(after) {
                return (end, word_or_number(next), false);
            }
            if next_is_word || matches!(next, Some(Class::DoubleStraight | Class::DoubleOpen)) {
                self.single_open = true;
                return (after, TokenKind::OpenQuote, false);
            }
            return (after, TokenKind::Punct, false);
        }
        // After punctuation: 'Hello,' he said.
        if !next_is_word || self.single_open {
            self.single_open = false;
            (after, TokenKind::CloseQuote, false)
        } else {
            self.single_open = true;
            (after, TokenKind::OpenQuote, false)
        }
    }

    /// Direction of a double quotation mark: typographic ones are trusted unless the context clearly says
    /// otherwise; straight ones follow the context, and the open/closed state where the context is ambiguous.
    fn double_quote(&mut self, start: usize, class: Class, n: usize) -> TokenKind {
        let before = self.char_before(start).map(classify);
        let after = self.class_at(start + n);
        let prev_space = before.is_none_or(|b| b.is_space() || is_opener(b));
        let next_space = after.is_none_or(Class::is_space);
        let next_closing = after.is_some_and(|a| {
            matches!(
                a,
                Class::Punct
                    | Class::Period
                    | Class::Terminal
                    | Class::CloseBracket
                    | Class::Ellipsis
                    | Class::Dash
                    | Class::Apostrophe
                    | Class::SingleClose
            )
        });
        let opening_context = prev_space && !next_space;
        let closing_context = !prev_space && (next_space || next_closing);
        let opens = match class {
            Class::DoubleOpen => !(closing_context && self.double_open),
            Class::DoubleClose => opening_context && !self.double_open,
            _ if opening_context => true,
            _ if closing_context => false,
            _ => !self.double_open,
        };
        self.double_open = opens;
        if opens { TokenKind::OpenQuote } else { TokenKind::CloseQuote }
    }

    /// Whether the single line break before `next` (the first token of a line) is deliberate — a heading,
    /// list item or new paragraph — rather than the wrapping of a hard-wrapped paragraph.
    ///
    /// A break is wrapping when the line ends inside a phrase (after a comma, dash, hyphen or function word),
    /// when the next line starts in lowercase, or — in a hard-wrapped block — when the next line's first word
    /// would not have fit on this line within the block's width (its widest line). It is deliberate before a
    /// list item, before a line indented deeper than this one, when the next word would have fit, and always
    /// in a block that is not hard-wrapped.
    fn deliberate_line_break(&mut self, next: usize) -> bool {
        let Some(prev) = self.tokens.last() else { return true };
        let prev_end = prev.end as usize;
        let last = self.text[prev.start as usize..prev_end].chars().next_back().unwrap_or(' ');
        let ends_inside_phrase = prev.kind == TokenKind::OpenQuote
            || matches!(classify(last), Class::Hyphen | Class::Dash | Class::OpenBracket)
            || matches!(last, ',' | '&' | '/')
            || lexicon::is_continuation_word(&prev.norm);
        if ends_inside_phrase {
            return false;
        }
        if self.list_marker_at(next) {
            return true;
        }
        if self.char_at(next).is_some_and(|(c, _)| c.is_lowercase()) {
            return false;
        }
        let line_start = self.text[..prev_end].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let next_line_start = self.text[..next].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let indent = |from: usize, to: usize| self.text[from..to].chars().take_while(|c| c.is_whitespace()).count();
        let prev_indent = indent(line_start, prev_end);
        let next_indent = next - next_line_start;
        if next_indent >= prev_indent + 2 {
            return true;
        }
        let Some(width) = self.wrap_width() else { return true };
        let line_width = self.text[line_start..prev_end].chars().count();
        let word_end = self.text[next..].find(char::is_whitespace).map_or(self.text.len(), |i| next + i);
        let word_width = self.text[next..word_end].chars().count();
        line_width + 1 + word_width <= width
    }

    /// The width in characters of the widest line of the current block (the lines up to the next blank line)
    /// if the block is hard-wrapped, i.e. at least one of its lines clearly breaks inside a sentence (it ends
    /// in a letter, digit, comma or hyphen and the next line starts in lowercase). In a block that is not
    /// wrapped, every line break is deliberate.
    fn wrap_width(&mut self) -> Option<usize> {
        if let Some(layout) = self.block_width {
            return (layout > 0).then_some(layout);
        }
        let mut width = 0;
        let mut wrapped = false;
        let mut previous_breaks_inside = false;
        for line in self.text[self.block_start..].split('\n') {
            let line = line.trim_end();
            let content = line.trim_start();
            if content.is_empty() {
                if width > 0 {
                    break;
                }
                continue;
            }
            if previous_breaks_inside && content.starts_with(char::is_lowercase) {
                wrapped = true;
            }
            previous_breaks_inside = content.ends_with(|c: char| c.is_alphanumeric() || matches!(c, ',' | '-'));
            width = width.max(line.chars().count());
        }
        // 0 records "not wrapped" in the cache.
        let layout = if wrapped { width } else { 0 };
        self.block_width = Some(layout);
        (layout > 0).then_some(layout)
    }

    /// A bullet (`•`, `*`, `-`, …) or a short number or letter with `.` or `)` followed by a space.
    fn list_marker_at(&self, i: usize) -> bool {
        let Some((c, n)) = self.char_at(i) else { return false };
        let space_at = |j: usize| self.class_at(j).is_some_and(Class::is_space);
        if matches!(c, '•' | '▪' | '‣' | '◦' | '·' | '*' | '-' | '–' | '—' | '●' | '■' | '►' | '+') {
            return space_at(i + n);
        }
        let bytes = self.bytes;
        let digits = bytes[i..].iter().take(3).take_while(|b| b.is_ascii_digit()).count();
        if (1..=2).contains(&digits) {
            return matches!(bytes.get(i + digits), Some(b'.' | b')')) && space_at(i + digits + 1);
        }
        c.is_ascii_alphabetic() && bytes.get(i + 1) == Some(&b')') && space_at(i + 2)
    }
}

/// ASCII bytes that continue a word: letters, digits and `_` (non-ASCII characters take the slow path).
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// Bytes after a word that may extend it (`.` `,` `:` `/` `'` `&` `@`) or start a character that may
/// (`’` and every other non-ASCII character).
static MAY_CONNECT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b >= 0x80 || matches!(b as u8, b'.' | b',' | b':' | b'/' | b'\'' | b'&' | b'@');
        b += 1;
    }
    table
};

fn is_opener(class: Class) -> bool {
    matches!(class, Class::OpenBracket | Class::Dash | Class::DoubleOpen | Class::SingleOpen)
}

fn word_or_number(class: Option<Class>) -> TokenKind {
    if class == Some(Class::Digit) { TokenKind::Number } else { TokenKind::Word }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The fast path must give exactly what the general path gives, wherever it answers.
    fn plain_tokens_agree_with_lex_token(text: &str) -> Result<(), TestCaseError> {
        let mut lexer = Lexer::new(text);
        for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            if let Some((end, kind)) = lexer.plain_token(start) {
                prop_assert_eq!(lexer.lex_token(start), (end, kind, false), "at {} in {:?}", start, text);
            }
        }
        Ok(())
    }

    #[test]
    fn plain_words_in_news_shapes() {
        for text in [
            "China's 1,000 U.S. troops don't say n't at 3:30 p.m. on www.example.com or x@y.org, AT&T.",
            "O'Neill's rock'n'roll café naïve 2026-02-04 Gen. Mills No. 5 e.g. 3.5% #tag @user_name",
            "a -- b -",
            "word\u{2019}s can\u{2019}t n\u{2019}t end",
            "Wait... what?! (Yes.) [No]; $5 + 3% = 8 a.\u{301} ,\u{301} .\u{2026} !\u{203C} $\u{20E0}",
        ] {
            plain_tokens_agree_with_lex_token(text).unwrap();
        }
    }

    proptest! {
        // Cheap cases, and every pair of neighbouring characters matters: many of them.
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn plain_words_agree_on_any_text(text in "[a-zA-Z0-9_ .,;:!?()\\[\\]$%+=/'&@’é\\-n\u{301}…]{0,40}") {
            plain_tokens_agree_with_lex_token(&text)?;
        }
    }
}
