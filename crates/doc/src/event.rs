//! Coded events: who did what to whom, when — with the evidence for each. Owned by the coder stage.

use crate::Span;
use serde::{Deserialize, Serialize};

/// Whether a coded statement reports something that happened.
///
/// Only `fact` events count in the relations index; the others are kept for signals and for the analyst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Fact,
    /// "did not meet", "refused to sign" is *not* negated (it codes as a reject); "did not sign" is.
    Negated,
    /// Conditional or hypothetical: "would signal", "if X does Y", "could".
    Hypothetical,
    /// Announced or intended, not yet happened: "will visit", "plans to", "is expected to".
    Future,
}

impl Mode {
    pub fn as_str(&self) -> &'static str {
        match self {
            Mode::Fact => "fact",
            Mode::Negated => "negated",
            Mode::Hypothetical => "hypothetical",
            Mode::Future => "future",
        }
    }
}

/// An actor as coded in one event: the CAMEO code plus the text that produced it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// Full CAMEO actor code as written in the field: country or organisation then sectors, e.g. `CHNGOV`.
    pub code: String,
    /// Three-letter country (or IGO/NGO prefix) part, e.g. `CHN`, `IGO`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Sector (agent) codes, e.g. `["GOV"]`.
    #[serde(default)]
    pub sectors: Vec<String>,
    /// Character span of the actor's text in the article.
    pub span: Span,
    pub text: String,
    /// Dictionary entry that matched, for evidence: the actor's id (`Xi Jinping`), with ` + agent` when an agent
    /// completed the code (`United States + president`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
}

/// Why an event was coded: enough to show a person the rule that fired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EventEvidence {
    /// File and line of the pattern that fired, or of the verb entry when none did (`verbs.toml:313`).
    pub dictionary: String,
    /// The verb entry (e.g. `HOLD`).
    pub verb_entry: String,
    /// The pattern that fired, as written in its dictionary.
    pub pattern: String,
    /// Coder rule that assigned source and target: `active-svo`, `passive-by`, `pattern-designated`,
    /// `compound-reciprocal` or `paired-code`.
    pub rule: String,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// 0-based index within the document.
    pub id: u32,
    /// Sentence number the event was coded from.
    pub sentence: u32,
    pub source: ActorRef,
    pub target: ActorRef,
    /// CAMEO event code, always a string (leading zeros matter): `041`.
    pub code: String,
    /// CAMEO root (first two digits): `04`.
    pub root: String,
    /// CAMEO name of the code.
    pub name: String,
    pub goldstein: f32,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// PLOVER event type for the code, when the CAMEO→PLOVER table maps it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    pub mode: Mode,
    /// Resolved event date, `YYYY-MM-DD` (publication date when the sentence gives none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The expression the date was resolved from ("on Wednesday"), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_span: Option<Span>,
    /// Span and text of the verb phrase.
    pub verb: Span,
    pub verb_text: String,
    /// Who reported it, for attributed statements ("X said Y did Z" codes Y→Z with X here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter: Option<ActorRef>,
    pub evidence: EventEvidence,
}
