//! The cue lexicon (`data/cues.toml`) and the action table (`data/actions.toml`), read and checked once into
//! compiled patterns indexed by their first word.

use crate::pattern::{Hit, NoPolarity, Pattern, PolarityHit, PolarityTerms};
use crate::words::Word;
use attache_doc::{Direction, Mode};
use serde::Deserialize;
use std::collections::HashMap;

/// A problem in a lexicon file: the file, the line when known, and the cause.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {cause}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct LexiconError {
    pub file: String,
    pub line: Option<usize>,
    pub cause: String,
}

/// Every problem found in the lexicon files (all are reported, not just the first).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
pub struct LexiconErrors(pub Vec<LexiconError>);

/// The embedded cue lexicon.
pub const CUES_TOML: &str = include_str!("../data/cues.toml");
/// The embedded action table.
pub const ACTIONS_TOML: &str = include_str!("../data/actions.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    version: u32,
    polarity: PolarityFile,
    mutual: MutualFile,
    #[serde(default)]
    family: Vec<FamilyFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolarityFile {
    improvement: Vec<String>,
    deterioration: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MutualFile {
    phrases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PatternFile {
    Plain(String),
    WithPlace { pattern: String, action: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilyFile {
    id: String,
    patterns: Vec<PatternFile>,
    direction: String,
    #[serde(default)]
    fallback: Option<String>,
    action: String,
    mode: String,
    #[serde(default)]
    subject: Option<String>,
    #[allow(dead_code)]
    why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionFile {
    version: u32,
    #[serde(default)]
    action: Vec<ActionEntryFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionEntryFile {
    id: String,
    codes: Vec<String>,
    #[serde(default)]
    mutual: bool,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    verbs: Vec<String>,
    #[allow(dead_code)]
    why: String,
}

/// How a family decides the direction of its signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DirectionRule {
    Fixed(Direction),
    /// The first polarity term from the cue on; `fallback` when there is none.
    Object {
        fallback: Option<Direction>,
    },
    /// From the actions' CAMEO codes.
    Action,
}

/// Where a cue's actions are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Subject,
    After,
    Conditional,
}

#[derive(Debug, Clone)]
pub(crate) struct Family {
    pub id: String,
    pub direction: DirectionRule,
    pub mode: Mode,
    /// The words before the cue must name an actor.
    pub needs_actor_subject: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct CuePattern {
    pub family: usize,
    pub place: Place,
    pub pattern: Pattern,
}

#[derive(Debug, Clone)]
pub(crate) struct ActionEntry {
    pub id: String,
    pub codes: Vec<String>,
    pub mutual: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct ActionPattern {
    pub entry: usize,
    pub verb: bool,
    pub pattern: Pattern,
}

/// Patterns indexed by the stem of their first word.
#[derive(Debug, Clone)]
pub(crate) struct Index<T> {
    pub items: Vec<T>,
    by_first: HashMap<String, Vec<usize>>,
    anywhere: Vec<usize>,
}

impl<T> Index<T> {
    fn new(items: Vec<T>, pattern: impl Fn(&T) -> &Pattern) -> Index<T> {
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        let mut anywhere = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match pattern(item).first_stems() {
                Some(stems) => {
                    for stem in stems {
                        by_first.entry(stem.to_string()).or_default().push(i);
                    }
                }
                None => anywhere.push(i),
            }
        }
        Index { items, by_first, anywhere }
    }

    /// The items whose pattern may start at `word`.
    pub fn candidates<'a>(&'a self, word: &Word) -> impl Iterator<Item = (usize, &'a T)> + 'a {
        let key: &str = if word.kind == crate::words::Kind::Word { &word.stem } else { &word.lower };
        self.by_first.get(key).into_iter().flatten().chain(self.anywhere.iter()).map(|&i| (i, &self.items[i]))
    }
}

/// The compiled cue lexicon and action table.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub(crate) families: Vec<Family>,
    pub(crate) cues: Index<CuePattern>,
    polarity: Index<(Pattern, bool)>,
    pub(crate) mutual_phrases: Index<Pattern>,
    pub(crate) actions: Vec<ActionEntry>,
    pub(crate) action_patterns: Index<ActionPattern>,
}

impl PolarityTerms for Lexicon {
    fn term_at(&self, words: &[Word], at: usize, limit: usize) -> Option<PolarityHit> {
        let word = words.get(at)?;
        let mut best: Option<PolarityHit> = None;
        for (_, (pattern, improvement)) in self.polarity.candidates(word) {
            if let Some(hit) = pattern.match_at(words, at, limit, &NoPolarity)
                && best.is_none_or(|b| hit.end > b.end)
            {
                best = Some(PolarityHit { start: hit.start, end: hit.end, improvement: *improvement });
            }
        }
        best
    }
}

/// The line of the first occurrence of `needle` in `text` (1-based).
fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.find(needle).map(|at| text[..at].matches('\n').count() + 1)
}

fn toml_error(file: &str, text: &str, error: toml::de::Error) -> LexiconError {
    let line = error.span().map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
    LexiconError { file: file.to_string(), line, cause: error.message().to_string() }
}

fn direction(name: &str) -> Option<Direction> {
    match name {
        "improvement" => Some(Direction::Improvement),
        "deterioration" => Some(Direction::Deterioration),
        _ => None,
    }
}

impl Lexicon {
    /// attache's embedded cue lexicon and action table (checked by this crate's tests, so this cannot fail in a
    /// release build).
    pub fn default_english() -> Lexicon {
        Lexicon::from_toml(CUES_TOML, ACTIONS_TOML).expect("the embedded signal lexicons are valid")
    }

    /// Reads and checks a cue lexicon and an action table (TOML text, formats in `data/*.toml` and
    /// `docs/signals.md`). Every problem is reported with its file and line.
    pub fn from_toml(cues: &str, actions: &str) -> Result<Lexicon, LexiconErrors> {
        const CUES: &str = "cues.toml";
        const ACTIONS: &str = "actions.toml";
        let mut errors = Vec::new();
        let cue_file: Option<CueFile> = toml::from_str(cues).map_err(|e| errors.push(toml_error(CUES, cues, e))).ok();
        let action_file: Option<ActionFile> =
            toml::from_str(actions).map_err(|e| errors.push(toml_error(ACTIONS, actions, e))).ok();
        let (Some(cue_file), Some(action_file)) = (cue_file, action_file) else {
            return Err(LexiconErrors(errors));
        };
        let mut error = |file: &str, text: &str, needle: &str, cause: String| {
            errors.push(LexiconError { file: file.to_string(), line: line_of(text, needle), cause });
        };
        for (file, text, version) in [(CUES, cues, cue_file.version), (ACTIONS, actions, action_file.version)] {
            if version != 1 {
                error(file, text, "version", format!("version {version} is not known (this attache reads 1)"));
            }
        }

        let mut polarity = Vec::new();
        for (terms, improvement) in [(&cue_file.polarity.improvement, true), (&cue_file.polarity.deterioration, false)]
        {
            for term in terms {
                match Pattern::parse(term, false) {
                    Ok(p) => polarity.push((p, improvement)),
                    Err(cause) => error(CUES, cues, &format!("\"{term}\""), cause),
                }
            }
        }
        let mut mutual_phrases = Vec::new();
        for phrase in &cue_file.mutual.phrases {
            match Pattern::parse(phrase, false) {
                Ok(p) => mutual_phrases.push(p),
                Err(cause) => error(CUES, cues, &format!("\"{phrase}\""), cause),
            }
        }

        let mut families = Vec::new();
        let mut cue_patterns = Vec::new();
        for family in &cue_file.family {
            let at = format!("id = \"{}\"", family.id);
            if families.iter().any(|f: &Family| f.id == family.id) {
                error(CUES, cues, &at, format!("family `{}` is defined twice", family.id));
            }
            let fallback = family.fallback.as_deref().map(|f| (f, direction(f)));
            let rule = match (family.direction.as_str(), fallback) {
                (_, Some((name, None))) => {
                    error(CUES, cues, &at, format!("family `{}`: fallback `{name}` is not a direction", family.id));
                    continue;
                }
                ("object", fallback) => DirectionRule::Object { fallback: fallback.and_then(|(_, d)| d) },
                ("action", None) => DirectionRule::Action,
                (name, None) if direction(name).is_some() => DirectionRule::Fixed(direction(name).unwrap()),
                (name, _) => {
                    error(
                        CUES,
                        cues,
                        &at,
                        format!(
                            "family `{}`: direction `{name}` must be improvement, deterioration, object or action (a fallback only goes with object)",
                            family.id
                        ),
                    );
                    continue;
                }
            };
            let mode = match family.mode.as_str() {
                "hypothetical" => Mode::Hypothetical,
                "future" => Mode::Future,
                other => {
                    error(
                        CUES,
                        cues,
                        &at,
                        format!("family `{}`: mode `{other}` must be hypothetical or future", family.id),
                    );
                    continue;
                }
            };
            let place = |name: &str| match name {
                "subject" => Some(Place::Subject),
                "after" => Some(Place::After),
                "conditional" => Some(Place::Conditional),
                _ => None,
            };
            let Some(default_place) = place(&family.action) else {
                error(
                    CUES,
                    cues,
                    &at,
                    format!("family `{}`: action `{}` must be subject, after or conditional", family.id, family.action),
                );
                continue;
            };
            let needs_actor_subject = match family.subject.as_deref() {
                None => false,
                Some("actor") => true,
                Some(other) => {
                    error(CUES, cues, &at, format!("family `{}`: subject `{other}` must be `actor`", family.id));
                    false
                }
            };
            let index = families.len();
            families.push(Family { id: family.id.clone(), direction: rule, mode, needs_actor_subject });
            for spec in &family.patterns {
                let (text, place) = match spec {
                    PatternFile::Plain(text) => (text.as_str(), Some(default_place)),
                    PatternFile::WithPlace { pattern, action } => (pattern.as_str(), place(action)),
                };
                let Some(place) = place else {
                    error(CUES, cues, text, format!("pattern `{text}`: action must be subject, after or conditional"));
                    continue;
                };
                match Pattern::parse(text, true) {
                    Ok(pattern) => cue_patterns.push(CuePattern { family: index, place, pattern }),
                    Err(cause) => error(CUES, cues, text, cause),
                }
            }
        }

        let mut entries = Vec::new();
        let mut action_patterns = Vec::new();
        for action in &action_file.action {
            let at = format!("id = \"{}\"", action.id);
            if entries.iter().any(|e: &ActionEntry| e.id == action.id) {
                error(ACTIONS, actions, &at, format!("action `{}` is defined twice", action.id));
            }
            if action.codes.is_empty() {
                error(ACTIONS, actions, &at, format!("action `{}` has no codes", action.id));
            }
            for code in &action.codes {
                if attache_dict::cameo::lookup(code).is_none() {
                    error(ACTIONS, actions, &at, format!("action `{}`: `{code}` is not a CAMEO code", action.id));
                }
            }
            if action.nouns.is_empty() && action.verbs.is_empty() {
                error(ACTIONS, actions, &at, format!("action `{}` has no nouns or verbs", action.id));
            }
            let index = entries.len();
            entries.push(ActionEntry { id: action.id.clone(), codes: action.codes.clone(), mutual: action.mutual });
            for (list, verb) in [(&action.nouns, false), (&action.verbs, true)] {
                for text in list {
                    match Pattern::parse(text, false) {
                        Ok(pattern) => action_patterns.push(ActionPattern { entry: index, verb, pattern }),
                        Err(cause) => error(ACTIONS, actions, &format!("\"{text}\""), cause),
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(LexiconErrors(errors));
        }
        Ok(Lexicon {
            families,
            cues: Index::new(cue_patterns, |c| &c.pattern),
            polarity: Index::new(polarity, |(p, _)| p),
            mutual_phrases: Index::new(mutual_phrases, |p| p),
            actions: entries,
            action_patterns: Index::new(action_patterns, |a| &a.pattern),
        })
    }

    /// The longest mutual phrase ("the two sides") starting at `at`.
    pub(crate) fn mutual_at(&self, words: &[Word], at: usize, limit: usize) -> Option<Hit> {
        let word = words.get(at)?;
        self.mutual_phrases
            .candidates(word)
            .filter_map(|(_, p)| p.match_at(words, at, limit, &NoPolarity))
            .max_by_key(|h| h.end)
    }

    /// Names of the cue families, in file order.
    pub fn family_names(&self) -> Vec<&str> {
        self.families.iter().map(|f| f.id.as_str()).collect()
    }

    /// Ids and codes of the action table's entries, in file order.
    pub fn action_entries(&self) -> Vec<(&str, &[String])> {
        self.actions.iter().map(|a| (a.id.as_str(), a.codes.as_slice())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicons_compile_and_use_real_cameo_codes() {
        let lexicon = Lexicon::from_toml(CUES_TOML, ACTIONS_TOML).unwrap_or_else(|e| panic!("{e}"));
        assert!(lexicon.family_names().contains(&"conditional"));
        assert!(lexicon.action_entries().len() >= 20);
    }

    #[test]
    fn errors_name_file_line_and_cause() {
        let bad_actions = "version = 1\n\n[[action]]\nid = \"x\"\ncodes = [\"999\"]\nnouns = [\"a|\"]\nwhy = \"\"\n";
        let errors = Lexicon::from_toml(CUES_TOML, bad_actions).unwrap_err();
        let text = errors.to_string();
        assert!(text.contains("actions.toml:4: action `x`: `999` is not a CAMEO code"), "{text}");
        assert!(text.contains("actions.toml:6:"), "{text}");
        let errors = Lexicon::from_toml("version = [", ACTIONS_TOML).unwrap_err();
        assert_eq!(errors.0[0].file, "cues.toml");
        assert_eq!(errors.0[0].line, Some(1));
        let unknown = CUES_TOML
            .replace("direction = \"object\"\naction = \"subject\"", "direction = \"sideways\"\naction = \"subject\"");
        let errors = Lexicon::from_toml(&unknown, ACTIONS_TOML).unwrap_err();
        assert!(errors.to_string().contains("direction `sideways`"), "{errors}");
    }
}
