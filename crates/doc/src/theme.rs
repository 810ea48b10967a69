//! Issues/themes and tone. Owned by the themes stage (`attache-themes`); formats in `docs/themes.md`,
//! `docs/tone.md` and `docs/code-json.md`.

use serde::{Deserialize, Serialize};

/// One occurrence of a theme's phrase rule in a sentence.
///
/// `start`/`end` are **character** offsets into the article text (like every annotation). Two mentions of the same
/// theme never overlap; mentions of different themes may (in "arms sales to Taiwan" the phrase `arms sales` is
/// `ARMS_SALES` and `Taiwan` is `TAIWAN`; `Taiwan Strait` may be both `TAIWAN` and `MARITIME`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeMention {
    /// Theme identifier from the taxonomy, e.g. `TAIWAN`, `ARMS_SALES`.
    pub theme: String,
    pub sentence: u32,
    pub start: u32,
    pub end: u32,
    /// The evidence phrase, copied from the text for readability (always `text[start..end]`).
    pub text: String,
}

/// Per-article summary of one theme: how often and where it first appears.
///
/// `Doc::theme_summary` lists one per theme found, most mentioned first (ties: earliest first sentence, then id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeSummary {
    pub theme: String,
    /// Number of [`ThemeMention`]s of this theme in the article.
    pub mentions: u32,
    /// Number of distinct sentences that mention it.
    pub sentences: u32,
    /// Id of the first sentence that mentions it.
    pub first_sentence: u32,
}

/// Tone in GDELT's sense (percentages of words), see `docs/tone.md`. Used for the article (`Doc::tone`); each
/// sentence keeps only its `tone` value (`Sentence::tone`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Tone {
    /// positive − negative.
    pub tone: f32,
    /// Weighted positive words per 100 words.
    pub positive: f32,
    /// Weighted negative words per 100 words.
    pub negative: f32,
    /// positive + negative: how emotionally charged the text is.
    pub polarity: f32,
    /// Words counted (tokens containing at least one letter).
    pub word_count: u32,
}
