//! Signals: conditions and warnings about future actions that speakers set. Owned by the signals stage.
//!
//! A signal is one cue ("would signal deterioration", "would be necessary to demonstrate good faith", "if …, …
//! will …") with the actions it is about. Each action carries its own expected actor, target and CAMEO codes, so
//! "arms sales to Taiwan or expanded export controls would signal deterioration" is **one** signal with two
//! actions; the store tracks each action against later events and the signal is met when any action is.

use crate::{Mention, Mode};
use serde::{Deserialize, Serialize};

/// Which way relations would move if the signal's action happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Improvement,
    Deterioration,
}

impl Direction {
    pub fn as_str(&self) -> &'static str {
        match self {
            Direction::Improvement => "improvement",
            Direction::Deterioration => "deterioration",
        }
    }
}

/// Who set a signal: the speaker of the quote the cue is in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Setter {
    /// Canonical name of the speaker (the quote's speaker name).
    pub name: String,
    /// The entity (index into `entities`) the speaker resolved to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<u32>,
    /// CAMEO actor code of the setter (`USAEDU` for an expert at a US think tank), when the dictionaries know
    /// the speaker or the speaker's affiliation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The quote (index into `quotes`) the signal was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<u32>,
}

/// What part an action plays in its signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionRole {
    /// The action the cue is about ("tariff reductions … would be necessary").
    Expected,
    /// The if-part of a conditional ("if the EU moves to confiscate …").
    Condition,
    /// The then-part of a conditional ("Moscow is likely to seize …").
    Consequence,
    /// The unless-part ("unless Moscow withdraws …"): what would avert the warning. Not tracked.
    Unless,
}

impl ActionRole {
    pub fn as_str(&self) -> &'static str {
        match self {
            ActionRole::Expected => "expected",
            ActionRole::Condition => "condition",
            ActionRole::Consequence => "consequence",
            ActionRole::Unless => "unless",
        }
    }

    /// Whether a later event doing this action meets the signal.
    pub fn is_tracked(&self) -> bool {
        !matches!(self, ActionRole::Unless)
    }
}

/// One expected action of a signal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignalAction {
    /// Character span and text of the action phrase ("additional arms sales to Taiwan").
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub role: ActionRole,
    /// Entries of the action table that matched (`arms-sale`), for evidence.
    pub entries: Vec<String>,
    /// CAMEO event codes or roots that count as the action happening: an event code matches when it starts with
    /// one of them (`087` covers `0871`…`0874`; `15` is the whole root).
    pub codes: Vec<String>,
    /// CAMEO actor code of the actor expected to act.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// How the actor was found: `stated` (in the action's own words), `context` (elsewhere in the cue's clause,
    /// "tangible US actions—including …"), `carried` (the same setter's previous signal), `event` (a hypothetical
    /// event the coder found in the action), `pair` (the article's main pair, for mutual actions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_from: Option<String>,
    /// CAMEO actor code of the actor the action would be directed at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// `stated` (named by the action: "arms sales to Taiwan") or `implied` (the other side of the article's
    /// main pair). Only stated targets are required when tracking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_from: Option<String>,
    /// Actor and target act together ("the two sides sign an agreement", "an agreed halt to strikes"): an event
    /// in either direction between them does the action.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mutual: bool,
    /// Hypothetical or future events of the same sentence that code this action (indexes into `events`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<u32>,
}

/// A statement that some future action by an actor would mean improvement or deterioration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// 0-based index within the document.
    pub id: u32,
    /// Sentence `id` the cue is in.
    pub sentence: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setter: Option<Setter>,
    pub direction: Direction,
    /// `hypothetical` for conditions and warnings ("would signal", "if … will"), `future` for requirements
    /// ("must follow", "should").
    pub mode: Mode,
    /// Expected actor and target of the first tracked action (the whole list is in `actions`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The cue family (`signal-verb`, `good-faith`, `conditional`, …; see `docs/signals.md`).
    pub family: String,
    /// The cue's words ("would signal deterioration").
    pub cue: Mention,
    /// At least one; in text order.
    pub actions: Vec<SignalAction>,
}

/// Prefixes of actor codes that name an organisation rather than a country: for them the first nine letters
/// (`IGOEUREEC`) identify the actor, for countries the first three (`USA` of `USAGOV`).
const ORGANISATION_PREFIXES: [&str; 4] = ["IGO", "NGO", "IMG", "MNC"];

/// The part of an actor code that signal tracking compares: the country (`USA` for `USAGOV`), or the whole
/// organisation for international and non-state bodies (`IGOEUREEC` for `IGOEUREECGOV`). `None` for codes with
/// no country or organisation (`---GOV`, empty, lower case).
pub fn actor_key(code: &str) -> Option<&str> {
    let prefix = code.get(..3)?;
    if !prefix.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    if ORGANISATION_PREFIXES.contains(&prefix) {
        return code.get(..9).or(Some(code)).filter(|key| key.bytes().all(|b| b.is_ascii_uppercase()));
    }
    Some(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_keys() {
        assert_eq!(actor_key("USAGOV"), Some("USA"));
        assert_eq!(actor_key("CHN"), Some("CHN"));
        assert_eq!(actor_key("IGOEUREECGOV"), Some("IGOEUREEC"));
        assert_eq!(actor_key("IGOUNO"), Some("IGOUNO"));
        assert_eq!(actor_key("---GOV"), None);
        assert_eq!(actor_key("US"), None);
        assert_eq!(actor_key("Ünï"), None);
    }
}
