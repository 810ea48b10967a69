//! Issues/themes and tone. Owned by the themes stage.

use serde::{Deserialize, Serialize};

/// One occurrence of a theme's phrase rule in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeMention {
    /// Theme identifier from the taxonomy, e.g. `TAIWAN`, `ARMS_SALES`.
    pub theme: String,
    pub sentence: u32,
    pub start: u32,
    pub end: u32,
    /// The evidence phrase.
    pub text: String,
}

/// Article tone in GDELT's sense (percentages of words), see `docs/tone.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Tone {
    /// positive − negative.
    pub tone: f32,
    /// Percentage of words that are positive.
    pub positive: f32,
    /// Percentage of words that are negative.
    pub negative: f32,
    /// positive + negative: how emotionally charged the text is.
    pub polarity: f32,
    pub word_count: u32,
}
