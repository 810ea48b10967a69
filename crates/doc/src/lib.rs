//! # attache-doc — the annotated document
//!
//! Purpose: the one type, [`Doc`], that flows through every attache stage (read → annotate → store → query →
//! present), and the exact shape of `attache code`'s JSON Lines output. Tests, benchmarks, the store and every
//! later stage read that JSON, so the serde derives in this crate *are* the contract; `docs/code-json.md`
//! documents it and `SCHEMA` names its version.
//!
//! Key design decision: **every annotation is a [`Span`] of character offsets into the article's original
//! `text`** (Unicode scalar values, end-exclusive — Python's `text[start:end]`). Nothing is copied out of the
//! article except for readability, so evidence costs nothing to keep and can always be shown again. Internally,
//! stages work on [`Token`]s whose offsets are UTF-8 *byte* offsets (cheap slicing in Rust); [`Doc::span`]
//! converts a byte range to the character span an annotation stores, through a per-document [`CharIndex`].
//!
//! This crate does no IO.

mod chars;
pub mod event;
mod norm;
pub mod quote;
pub mod signal;
pub mod theme;

pub use chars::CharIndex;
pub use event::{ActorRef, Event, EventEvidence, Mode};
pub use norm::Norm;
pub use quote::{Entity, EntityKind, Mention, Quote, QuoteKind, Speaker};
pub use signal::{ActionRole, Direction, Setter, Signal, SignalAction, actor_key};
pub use theme::{ThemeMention, ThemeSummary, Tone};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Version tag written into every `attache code` object. Bump the number on any breaking change to the schema.
pub const SCHEMA: &str = "attache.doc/1";

/// A half-open range `[start, end)` of **character** offsets into [`Article::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: u32, end: u32) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }
    pub fn len(&self) -> u32 {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Where an article was read from, so that an error or a stored row can always name its file and record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Origin {
    /// The path as given by the user (or `-` for standard input).
    pub path: String,
    /// The input format that read it (`txt`, `html`, `rss`, `atom`, `jsonl`, `petrarch-xml`).
    pub format: String,
    /// 1-based record number inside a multi-article file (JSONL line, feed item, XML `<Sentence>`); `None` for
    /// one-article files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
}

/// One news article as a reader produces it: metadata plus its main text, untouched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Article {
    /// Stable identifier: the input's own id when it has one, else derived from the content hash
    /// (see [`Article::derived_id`]).
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// ISO 8601: a date (`2026-02-05`) or a date-time with offset (`2026-02-05T09:30:00+08:00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The article body. Every span in the document indexes into this string.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

impl Article {
    /// Hex SHA-256 of the title and text with whitespace runs collapsed and ends trimmed, so the same story with
    /// different line wrapping or a trailing newline hashes the same. This is the store's duplicate key.
    pub fn content_hash(&self) -> String {
        let mut hasher = Sha256::new();
        let title = self.title.as_deref().unwrap_or("");
        feed_collapsed(&mut hasher, title);
        hasher.update(b"\n");
        feed_collapsed(&mut hasher, &self.text);
        // By table: `write!` per byte cost more than hashing a short article.
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let hex: Vec<u8> = hasher
            .finalize()
            .iter()
            .flat_map(|&byte| [HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 15)]])
            .collect();
        String::from_utf8(hex).expect("hex digits are ASCII")
    }

    /// The id given to an article whose input carries none: `a` + the first 16 hex digits of its content hash.
    pub fn derived_id(content_hash: &str) -> String {
        format!("a{}", &content_hash[..16.min(content_hash.len())])
    }

    /// The publication date (the date part of `published`), if `published` starts with `YYYY-MM-DD`.
    pub fn published_date(&self) -> Option<&str> {
        let published = self.published.as_deref()?;
        let date = published.get(..10)?;
        let bytes = date.as_bytes();
        let shape_ok = bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
        shape_ok.then_some(date)
    }
}

fn feed_collapsed(hasher: &mut Sha256, text: &str) {
    collapse_whitespace_into(text, |bytes| hasher.update(bytes));
}

/// Feeds `sink` the bytes of `text.split_whitespace().collect::<Vec<_>>().join(" ")` without building that
/// string: input stretches whose words are already separated by single spaces go to `sink` as slices of `text`,
/// and inside a stretch eight bytes at a time are checked at once, jumping straight to the first that needs a
/// closer look (copying the whole text, even byte run by byte run, cost more than hashing it).
fn collapse_whitespace_into(text: &str, mut sink: impl FnMut(&[u8])) {
    let bytes = text.as_bytes();
    // Where the current verbatim stretch began: always at a word's first byte.
    let mut stretch_start: Option<usize> = None;
    let mut wrote_any = false;
    let mut i = 0;
    while i < bytes.len() {
        if stretch_start.is_some()
            && let Some(window) = bytes.get(i..i + 9)
        {
            let plain = plain_prefix(window);
            i += plain;
            if plain == 8 {
                continue;
            }
        }
        let (is_space, len) = char_at(text, i);
        if !is_space {
            if stretch_start.is_none() {
                if wrote_any {
                    sink(b" ");
                }
                stretch_start = Some(i);
            }
        } else if bytes[i] == b' ' && stretch_start.is_some() && i + 1 < bytes.len() && !char_at(text, i + 1).0 {
            // One space between two words: already collapsed, the stretch goes on.
        } else if let Some(start) = stretch_start.take() {
            sink(&bytes[start..i]);
            wrote_any = true;
        }
        i += len;
    }
    if let Some(start) = stretch_start {
        sink(&bytes[start..]);
    }
}

/// How many of the first 8 bytes of `window` (which holds 9, to see what follows a space) collapsing keeps as
/// they are, up to the first that needs a closer look: printable ASCII in which every space is followed by a
/// printable non-space. All eight are tested at once, as bits of one word.
fn plain_prefix(window: &[u8]) -> usize {
    let word = |at: usize| u64::from_le_bytes(window[at..at + 8].try_into().expect("8 bytes"));
    let (bytes, next) = (word(0), word(1));
    let printable = ascii_bytes_in(bytes, 0x20, 0x7E);
    let lone_space = !ascii_bytes_in(bytes, b' ', b' ') | ascii_bytes_in(next, 0x21, 0x7E);
    let irregular = !(printable & lone_space) & HIGH_BITS;
    // Little-endian: the lowest flagged byte comes first in the text.
    (irregular.trailing_zeros() / 8) as usize
}

const EVERY_BYTE: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte of `word` that is ASCII and within `low..=high` (both below 0x80).
fn ascii_bytes_in(word: u64, low: u8, high: u8) -> u64 {
    let low7 = word & !HIGH_BITS;
    // Each byte of `low7` is at most 0x7F and each addend at most 0x80: no carry crosses into the next byte.
    let at_least_low = low7 + EVERY_BYTE * u64::from(0x80 - low);
    let above_high = low7 + EVERY_BYTE * u64::from(0x7F - high);
    at_least_low & !above_high & !word & HIGH_BITS
}

/// Whether the character starting at byte `i` of `text` is whitespace, and its length in bytes.
fn char_at(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes()[i] {
        byte if byte < 0x80 => (is_ascii_space(byte), 1),
        _ => {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        }
    }
}

/// `text` with ends trimmed and every whitespace run made one space, as the content hash sees it.
#[cfg(test)]
fn collapse_whitespace(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    collapse_whitespace_into(text, |bytes| out.extend_from_slice(bytes));
    out
}

/// `char::is_whitespace` on ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
fn is_ascii_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// A sentence: a span of the text, its 0-based number in the article and the paragraph it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub id: u32,
    pub start: u32,
    pub end: u32,
    /// 0-based paragraph number (paragraphs are separated by blank lines or markup).
    pub paragraph: u32,
    /// The sentence's text, copied for readability; always equal to `text[start..end]` in characters.
    pub text: String,
    /// Lexicon tone of the sentence (see `docs/tone.md`); absent until the tone stage has run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tone: Option<f32>,
}

impl Sentence {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Coarse token classes the text stage assigns; later stages use them instead of re-scanning characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    /// An opening quotation mark (or an ambiguous straight quote the tokenizer judged opening).
    OpenQuote,
    /// A closing quotation mark.
    CloseQuote,
    Symbol,
}

/// A token: internal working unit for annotation stages (not part of the JSON output).
///
/// `start`/`end` are **byte** offsets into [`Article::text`]; `norm` is the token's normalised form (NFKC,
/// typographic quotes/dashes/apostrophes folded to ASCII, case kept) that dictionaries match against after
/// lower- or upper-casing as they need. `norm` is a [`Norm`]: it derefs to `&str` and keeps forms of up to
/// 22 bytes inline, so tokenising allocates nothing per token. `flags` carries the facts about a token's
/// surroundings that the text stage already knows (see [`TokenFlags`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub sentence: u32,
    pub kind: TokenKind,
    pub norm: Norm,
    pub flags: TokenFlags,
}

/// Bit set of facts about a token, filled by the text stage (`docs/text.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TokenFlags(u8);

impl TokenFlags {
    /// Whitespace separates the token from the previous one (always set on a text's first token).
    pub const SPACE_BEFORE: TokenFlags = TokenFlags(1);
    /// First token on its line.
    pub const LINE_START: TokenFlags = TokenFlags(1 << 1);
    /// First token of its paragraph.
    pub const PARAGRAPH_START: TokenFlags = TokenFlags(1 << 2);
    /// First token of its sentence.
    pub const SENTENCE_START: TokenFlags = TokenFlags(1 << 3);
    /// Starts with an uppercase letter (`China`, `US`, `U.S.`).
    pub const CAPITALIZED: TokenFlags = TokenFlags(1 << 4);
    /// Has a letter and no lowercase letter (`US`, `NATO`, `I`).
    pub const ALL_CAPS: TokenFlags = TokenFlags(1 << 5);
    /// An abbreviation or initial that keeps its full stop (`U.S.`, `Gen.`, `J.`).
    pub const ABBREVIATION: TokenFlags = TokenFlags(1 << 6);

    pub const fn empty() -> TokenFlags {
        TokenFlags(0)
    }
    pub const fn bits(self) -> u8 {
        self.0
    }
    pub const fn contains(self, other: TokenFlags) -> bool {
        self.0 & other.0 == other.0
    }
    pub fn insert(&mut self, other: TokenFlags) {
        self.0 |= other.0;
    }
    pub fn remove(&mut self, other: TokenFlags) {
        self.0 &= !other.0;
    }
}

impl std::ops::BitOr for TokenFlags {
    type Output = TokenFlags;
    fn bitor(self, other: TokenFlags) -> TokenFlags {
        TokenFlags(self.0 | other.0)
    }
}

impl Token {
    pub fn has(&self, flag: TokenFlags) -> bool {
        self.flags.contains(flag)
    }
}

/// The annotated document: the article, its sentences and every stage's annotations.
///
/// Serialises to one line of `attache code` output. Fields for stages that have not run are empty arrays.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Doc {
    /// Always [`SCHEMA`].
    pub schema: String,
    #[serde(flatten)]
    pub article: Article,
    /// See [`Article::content_hash`].
    pub content_hash: String,
    pub sentences: Vec<Sentence>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub themes: Vec<ThemeMention>,
    /// Per-theme counts for the whole article, derived from `themes` by the themes stage.
    #[serde(default)]
    pub theme_summary: Vec<ThemeSummary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tone: Option<Tone>,
    #[serde(default)]
    pub signals: Vec<Signal>,
    /// Working tokens for stages; never serialised.
    #[serde(skip)]
    pub tokens: Vec<Token>,
    #[serde(skip)]
    chars: Option<CharIndex>,
}

impl Doc {
    /// Wraps an article for annotation. Fills the content hash and derives the id if the article has none.
    pub fn new(mut article: Article) -> Doc {
        let content_hash = article.content_hash();
        if article.id.trim().is_empty() {
            article.id = Article::derived_id(&content_hash);
        }
        let chars = CharIndex::new(&article.text);
        Doc {
            schema: SCHEMA.to_string(),
            article,
            content_hash,
            sentences: Vec::new(),
            events: Vec::new(),
            quotes: Vec::new(),
            entities: Vec::new(),
            themes: Vec::new(),
            theme_summary: Vec::new(),
            tone: None,
            signals: Vec::new(),
            tokens: Vec::new(),
            chars: Some(chars),
        }
    }

    pub fn text(&self) -> &str {
        &self.article.text
    }

    /// The byte↔character index of the text (built lazily for documents that were deserialised).
    pub fn char_index(&mut self) -> &CharIndex {
        let text = &self.article.text;
        self.chars.get_or_insert_with(|| CharIndex::new(text))
    }

    /// Converts a byte range of the text into the character [`Span`] annotations store.
    ///
    /// Byte offsets that fall inside a multi-byte character are moved to that character's start.
    pub fn span(&self, byte_start: usize, byte_end: usize) -> Span {
        match &self.chars {
            Some(index) => Span::new(index.char_of(byte_start), index.char_of(byte_end)),
            None => CharIndex::new(&self.article.text).span(byte_start, byte_end),
        }
    }

    /// The text a character span covers; empty if the span is out of range.
    pub fn slice(&self, span: Span) -> &str {
        let (start, end) = match &self.chars {
            Some(index) => (index.byte_of(span.start), index.byte_of(span.end)),
            None => {
                let index = CharIndex::new(&self.article.text);
                (index.byte_of(span.start), index.byte_of(span.end))
            }
        };
        self.article.text.get(start..end).unwrap_or("")
    }

    /// Byte range of a character span (for stages that need to go back to tokens).
    pub fn byte_range(&self, span: Span) -> std::ops::Range<usize> {
        match &self.chars {
            Some(index) => index.byte_of(span.start)..index.byte_of(span.end),
            None => {
                let index = CharIndex::new(&self.article.text);
                index.byte_of(span.start)..index.byte_of(span.end)
            }
        }
    }

    /// Tokens of one sentence (tokens are stored in text order, grouped by sentence).
    pub fn sentence_tokens(&self, sentence: u32) -> &[Token] {
        let first = self.tokens.partition_point(|t| t.sentence < sentence);
        let last = self.tokens.partition_point(|t| t.sentence <= sentence);
        &self.tokens[first..last]
    }

    /// Publication date, `YYYY-MM-DD`, when known.
    pub fn published_date(&self) -> Option<&str> {
        self.article.published_date()
    }
}

/// One pipeline stage: a pure function that adds its annotations to the document.
///
/// Stages hold their compiled resources (dictionaries, lexicons) and are shared across threads, so `annotate`
/// takes `&self`. A stage never panics on odd text; it annotates what it can.
pub trait Stage: Send + Sync {
    /// Short stable name, used in timings and `--explain` output.
    fn name(&self) -> &'static str;
    fn annotate(&self, doc: &mut Doc);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article { title: Some("T".into()), text: text.into(), ..Default::default() }
    }

    #[test]
    fn content_hash_ignores_wrapping_and_trailing_whitespace() {
        let a = article("China and  the US\nheld talks.\n");
        let b = article("China and the US held talks.");
        assert_eq!(a.content_hash(), b.content_hash());
        assert_ne!(a.content_hash(), article("China and the US held no talks.").content_hash());
    }

    #[test]
    fn eight_byte_plain_check_agrees_with_a_byte_by_byte_one() {
        let plain = |byte: u8, next: u8| (0x20..0x7F).contains(&byte) && (byte != b' ' || (0x21..0x7F).contains(&next));
        for byte in 0..=255u8 {
            for next in [b'a', b' ', b'\n', 0x7F, 0xC3] {
                for position in 0..8 {
                    let mut window = *b"abcdefghi";
                    window[position] = byte;
                    window[position + 1] = next;
                    let expected = (0..8).find(|&k| !plain(window[k], window[k + 1])).unwrap_or(8);
                    assert_eq!(plain_prefix(&window), expected, "{window:?}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn collapsing_matches_split_whitespace(text in "[ \t\n\u{0B}\u{0C}\r\u{85}\u{A0}\u{2003}\u{3000}ab€é]{0,40}") {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(collapse_whitespace(&text), expected.into_bytes());
        }

        #[test]
        fn collapsing_matches_split_whitespace_on_any_text(text in "\\PC{0,60}") {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(collapse_whitespace(&text), expected.into_bytes());
        }

        #[test]
        fn collapsing_matches_split_whitespace_on_long_plain_runs(
            text in "([ \t\n\r\u{0B}\u{0C}\u{A0}\u{2003}]{0,3}[a-zA-Z.,’é\u{1F}\u{7F}]{1,12}){0,40}[ \n\u{85}]{0,3}"
        ) {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(collapse_whitespace(&text), expected.into_bytes());
        }

        /// Stored databases key on the content hash: it must equal the hash of the collapsed strings built the
        /// obvious way, whatever the input.
        #[test]
        fn content_hash_equals_the_hash_of_split_whitespace(
            title in proptest::option::of("[ \na-z€]{0,30}"),
            text in "(( |  |\n|\t|\u{A0}| \n )[a-zA-Z0-9.,’]{1,15}){0,80}\\PC{0,20}"
        ) {
            let collapsed = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let whole = format!("{}\n{}", collapsed(title.as_deref().unwrap_or("")), collapsed(&text));
            let expected: String = Sha256::digest(whole.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
            let article = Article { title, text, ..Default::default() };
            proptest::prop_assert_eq!(article.content_hash(), expected);
        }
    }

    #[test]
    fn content_hash_is_stable() {
        // Stored databases key on this value: it must never change for the same input.
        let a = Article { title: Some("T".into()), text: "China and the US held talks.".into(), ..Default::default() };
        assert_eq!(a.content_hash(), "a63235d226b06c134b4459850dafd12f1da50f420e454aa2d1a6e79ed2a38793");
    }

    #[test]
    fn title_is_part_of_the_hash() {
        let mut a = article("Same body.");
        let b = a.clone();
        a.title = Some("Other".into());
        assert_ne!(a.content_hash(), b.content_hash());
    }

    #[test]
    fn derived_id_when_missing() {
        let doc = Doc::new(article("Body."));
        assert!(doc.article.id.starts_with('a'));
        assert_eq!(doc.article.id.len(), 17);
        let given = Doc::new(Article { id: "x1".into(), ..article("Body.") });
        assert_eq!(given.article.id, "x1");
    }

    #[test]
    fn spans_are_characters_not_bytes() {
        let doc = Doc::new(article("China’s “red line” stays."));
        let text = doc.text();
        let byte_start = text.find("red").unwrap();
        let byte_end = text.find("line").unwrap() + 4;
        let span = doc.span(byte_start, byte_end);
        assert_eq!(span, Span::new(9, 17));
        assert_eq!(doc.slice(span), "red line");
    }

    #[test]
    fn published_date_needs_iso_shape() {
        let mut a = article("x");
        a.published = Some("2026-02-05T09:00:00Z".into());
        assert_eq!(a.published_date(), Some("2026-02-05"));
        a.published = Some("Feb 5 2026".into());
        assert_eq!(a.published_date(), None);
    }

    #[test]
    fn json_round_trip_keeps_schema_fields() {
        let mut doc = Doc::new(article("One. Two."));
        doc.sentences.push(Sentence { id: 0, start: 0, end: 4, paragraph: 0, text: "One.".into(), tone: None });
        let json = serde_json::to_string(&doc).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["schema"], SCHEMA);
        assert_eq!(value["text"], "One. Two.");
        assert!(value["events"].as_array().unwrap().is_empty());
        let back: Doc = serde_json::from_str(&json).unwrap();
        assert_eq!(back.sentences, doc.sentences);
        assert_eq!(back.slice(Span::new(5, 9)), "Two.");
    }
}
