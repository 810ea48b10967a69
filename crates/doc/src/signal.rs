//! Signals: conditions and warnings about future actions that speakers set. Owned by the signals stage.

use crate::Span;
use serde::{Deserialize, Serialize};

/// A statement that some future action by an actor would mean improvement or deterioration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    pub id: u32,
    pub sentence: u32,
    /// Who set the signal (speaker name), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setter: Option<String>,
    /// `improvement` or `deterioration`.
    pub direction: String,
    /// Actor expected to act (CAMEO actor code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// Actor the action would be directed at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The expected action's text and span.
    pub action: String,
    pub action_span: Span,
    /// CAMEO codes or roots that would count as the action happening.
    pub cameo: Vec<String>,
}
