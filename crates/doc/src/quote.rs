//! Quotes, their speakers, and the people/organisations/places an article mentions. Owned by the quotes stage.

use crate::Span;
use serde::{Deserialize, Serialize};

/// A piece of text with its character span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub start: u32,
    pub end: u32,
    pub text: String,
}

impl Mention {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Whole sentences or clauses inside quotation marks.
    Direct,
    /// A few quoted words inside the reporter's own sentence.
    Partial,
    /// Reported speech: "X said that …", "according to X".
    Indirect,
}

/// Who said a quote, as resolved across the article. Absent when the article does not say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The entity (index into `entities`) the speaker resolved to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<u32>,
    /// Canonical name (the fullest the article gives).
    pub name: String,
    /// The mention next to the quote that names the speaker ("he", "Jia", "the spokesman").
    pub mention: Mention,
    /// How the mention was resolved: `name`, `surname`, `title`, `acronym`, `pronoun`, `role` (a role
    /// description linked to the role holder), `owner` (a document speaking for its possessive owner),
    /// `description` (not linked: `entity` is absent) or
    /// `continuation` (a quoted passage continuing the previous quote's speaker). See `docs/quotes.md`.
    pub resolution: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    /// CAMEO actor code of the speaker when the dictionaries know it (e.g. `CHNEDU`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub id: u32,
    pub kind: QuoteKind,
    /// Span of the quoted words (inside the quotation marks for direct and partial quotes; the reported
    /// clause for indirect ones).
    pub start: u32,
    pub end: u32,
    pub text: String,
    /// First and last sentence the quote touches.
    pub sentences: [u32; 2],
    /// The speech verb or phrase ("said", "according to").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Mention>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Speaker>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
}

/// A person, organisation or place with all its mentions in the article (a coreference chain).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: u32,
    pub kind: EntityKind,
    /// Canonical name: without titles for people, without a leading "the" for organisations, the gazetteer's
    /// name for places.
    pub name: String,
    /// Every proper-name mention (full name, surname, title + surname, acronym), in text order. Pronouns and
    /// role descriptions that resolve to the entity appear as speaker mentions instead.
    pub mentions: Vec<Mention>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
}
