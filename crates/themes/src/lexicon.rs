//! The tone lexicon: weighted positive and negative words and phrases, negators and degree modifiers, read from
//! TOML (`docs/tone.md`).

use crate::error::{LoadError, line_column};
use crate::phrase::Phrase;
use serde::Deserialize;
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;

/// The lexicon attache ships (`crates/themes/data/tone.toml`).
pub const BUILTIN_LEXICON: &str = include_str!("../data/tone.toml");
pub const BUILTIN_LEXICON_ORIGIN: &str = "builtin:tone.toml";
/// The file format version this code reads.
pub const LEXICON_VERSION: i64 = 1;
/// Largest absolute weight an entry may carry.
pub const MAX_WEIGHT: f32 = 4.0;

/// Weighted words and phrases plus the modifiers that bend them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lexicon {
    pub entries: Vec<ToneEntry>,
    /// Words and phrases that flip the polarity of a tone word after them (`not`, `no`, `never`, `lack of`).
    pub negators: Vec<Phrase>,
    /// Degree words that strengthen the tone word right after them (`very`, `deeply`).
    pub intensifiers: Vec<Phrase>,
    /// Degree words that weaken it (`slightly`, `somewhat`).
    pub diminishers: Vec<Phrase>,
    /// Relief words that turn a *negative* word after them into a mild positive (`lifted sanctions`, `ended the
    /// war`, `avoid miscalculation`); positive words after them are left alone.
    pub relievers: Vec<Phrase>,
    /// Phrases that contain tone words but carry no tone (`war game`, `Justice Ministry`, `anti-corruption`):
    /// matched like entries, so they mask the words inside them, and scored zero.
    pub neutral: Vec<Phrase>,
    pub settings: ToneSettings,
    /// The source had a `[settings]` table (so [`Lexicon::extend`] takes its settings).
    pub states_settings: bool,
}

/// One lexicon entry: an exact word or phrase, or a `stem*` prefix, and its signed weight.
#[derive(Debug, Clone, PartialEq)]
pub struct ToneEntry {
    pub phrase: Phrase,
    /// Positive for positive words, negative for negative ones; 1 is an ordinary word, 2 a strong one.
    pub weight: f32,
}

/// The numbers of the scoring method (`docs/tone.md`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ToneSettings {
    /// How many words before a tone word a negator may stand (a clause break ends the reach earlier).
    pub negation_window: usize,
    pub intensifier_factor: f32,
    pub diminisher_factor: f32,
    /// A negated positive word counts as negative with this share of its weight (`not good`).
    pub negated_positive_factor: f32,
    /// A negated negative word counts as positive with this share of its weight (`not bad` is only mildly good).
    pub negated_negative_factor: f32,
}

impl Default for ToneSettings {
    fn default() -> Self {
        ToneSettings {
            negation_window: 3,
            intensifier_factor: 1.5,
            diminisher_factor: 0.5,
            negated_positive_factor: 1.0,
            negated_negative_factor: 0.5,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDef {
    #[serde(default)]
    version: Option<Spanned<i64>>,
    #[serde(default)]
    settings: Option<Spanned<SettingsDef>>,
    #[serde(default)]
    negators: Vec<Spanned<String>>,
    #[serde(default)]
    intensifiers: Vec<Spanned<String>>,
    #[serde(default)]
    diminishers: Vec<Spanned<String>>,
    #[serde(default)]
    relievers: Vec<Spanned<String>>,
    #[serde(default)]
    neutral: Vec<Spanned<String>>,
    #[serde(default, rename = "group")]
    groups: Vec<GroupDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsDef {
    negation_window: Option<i64>,
    intensifier_factor: Option<f64>,
    diminisher_factor: Option<f64>,
    negated_positive_factor: Option<f64>,
    negated_negative_factor: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupDef {
    /// Documentation only: what the words have in common.
    #[serde(default)]
    #[allow(dead_code)]
    name: String,
    weight: Spanned<f64>,
    words: Vec<Spanned<String>>,
}

impl Lexicon {
    /// The shipped lexicon. It is part of the binary and checked by the tests, so it always parses.
    pub fn builtin() -> Lexicon {
        Lexicon::parse(BUILTIN_LEXICON, BUILTIN_LEXICON_ORIGIN).expect("the builtin lexicon parses")
    }

    /// Reads a lexicon in the format of `docs/tone.md`. `origin` names the source in errors.
    pub fn parse(source: &str, origin: &str) -> Result<Lexicon, LoadError> {
        let file: FileDef = toml::from_str(source).map_err(|e| LoadError::from_toml(origin, source, &e))?;
        let error = |span: Range<usize>, message: String| LoadError::at(origin, source, Some(span), message);
        if let Some(version) = &file.version
            && *version.get_ref() != LEXICON_VERSION
        {
            let message =
                format!("unsupported lexicon version {} (this attache reads {LEXICON_VERSION})", version.get_ref());
            return Err(error(version.span(), message));
        }
        let settings = match &file.settings {
            Some(def) => settings_from(def.get_ref()).map_err(|message| error(def.span(), message))?,
            None => ToneSettings::default(),
        };
        let modifiers = |defs: &[Spanned<String>]| -> Result<Vec<Phrase>, LoadError> {
            defs.iter()
                .map(|def| Phrase::parse(def.get_ref(), false).map_err(|message| error(def.span(), message)))
                .collect()
        };
        let negators = modifiers(&file.negators)?;
        let intensifiers = modifiers(&file.intensifiers)?;
        let diminishers = modifiers(&file.diminishers)?;
        let relievers = modifiers(&file.relievers)?;

        let mut entries = Vec::new();
        // Key → byte offset of its first entry, to reject an entry listed twice (likely with conflicting weights).
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut check_unique = |phrase: &Phrase, span: Range<usize>| -> Result<(), LoadError> {
            match seen.insert(phrase.forms[0].key.clone(), span.start) {
                Some(first) => {
                    let (first_line, _) = line_column(source, first);
                    Err(error(span, format!("`{}` is listed twice (first on line {first_line})", phrase.text)))
                }
                None => Ok(()),
            }
        };
        let mut neutral = Vec::with_capacity(file.neutral.len());
        for def in &file.neutral {
            let phrase = Phrase::parse(def.get_ref(), false).map_err(|message| error(def.span(), message))?;
            check_unique(&phrase, def.span())?;
            neutral.push(phrase);
        }
        for group in &file.groups {
            let weight = *group.weight.get_ref();
            if !weight.is_finite() || weight == 0.0 || weight.abs() > f64::from(MAX_WEIGHT) {
                let message =
                    format!("weight {weight} must be a non-zero number between -{MAX_WEIGHT} and {MAX_WEIGHT}");
                return Err(error(group.weight.span(), message));
            }
            for word in &group.words {
                let phrase = Phrase::parse(word.get_ref(), false).map_err(|message| error(word.span(), message))?;
                check_unique(&phrase, word.span())?;
                entries.push(ToneEntry { phrase, weight: weight as f32 });
            }
        }
        let states_settings = file.settings.is_some();
        Ok(Lexicon { entries, negators, intensifiers, diminishers, relievers, neutral, settings, states_settings })
    }

    /// Adds `other` to this lexicon: its entries replace ours with the same phrase, its modifier lists are added,
    /// and its settings replace ours when it has a `[settings]` table.
    pub fn extend(&mut self, other: Lexicon) {
        for entry in other.entries {
            let key = &entry.phrase.forms[0].key;
            match self.entries.iter_mut().find(|e| &e.phrase.forms[0].key == key) {
                Some(existing) => *existing = entry,
                None => self.entries.push(entry),
            }
        }
        self.negators.extend(other.negators);
        self.intensifiers.extend(other.intensifiers);
        self.diminishers.extend(other.diminishers);
        self.relievers.extend(other.relievers);
        self.neutral.extend(other.neutral);
        if other.states_settings {
            self.settings = other.settings;
            self.states_settings = true;
        }
    }

    pub fn positive_count(&self) -> usize {
        self.entries.iter().filter(|e| e.weight > 0.0).count()
    }

    pub fn negative_count(&self) -> usize {
        self.entries.iter().filter(|e| e.weight < 0.0).count()
    }
}

fn settings_from(def: &SettingsDef) -> Result<ToneSettings, String> {
    let mut settings = ToneSettings::default();
    if let Some(window) = def.negation_window {
        settings.negation_window =
            usize::try_from(window).ok().filter(|w| *w <= 8).ok_or(format!("negation_window {window} must be 0–8"))?;
    }
    let factor = |value: Option<f64>, name: &str, default: f32| -> Result<f32, String> {
        match value {
            None => Ok(default),
            Some(v) if v.is_finite() && (0.0..=4.0).contains(&v) => Ok(v as f32),
            Some(v) => Err(format!("{name} {v} must be between 0 and 4")),
        }
    };
    settings.intensifier_factor = factor(def.intensifier_factor, "intensifier_factor", settings.intensifier_factor)?;
    settings.diminisher_factor = factor(def.diminisher_factor, "diminisher_factor", settings.diminisher_factor)?;
    settings.negated_positive_factor =
        factor(def.negated_positive_factor, "negated_positive_factor", settings.negated_positive_factor)?;
    settings.negated_negative_factor =
        factor(def.negated_negative_factor, "negated_negative_factor", settings.negated_negative_factor)?;
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_is_large_and_balanced_enough() {
        let lexicon = Lexicon::builtin();
        assert!(lexicon.entries.len() >= 2500, "only {} entries", lexicon.entries.len());
        assert!(lexicon.positive_count() >= 900, "{} positive", lexicon.positive_count());
        assert!(lexicon.negative_count() >= 1200, "{} negative", lexicon.negative_count());
        assert!(lexicon.negators.iter().any(|p| p.key() == "not"));
        assert!(!lexicon.intensifiers.is_empty() && !lexicon.diminishers.is_empty());
        assert!(lexicon.relievers.iter().any(|p| p.key() == "lifted"));
        assert!(lexicon.neutral.iter().any(|p| p.key() == "war game"));
    }

    #[test]
    fn errors_name_the_line() {
        let twice = "[[group]]\nweight = 1\nwords = [\"good\",\n \"fine\",\n \"good\"]\n";
        let error = Lexicon::parse(twice, "l.toml").unwrap_err();
        assert_eq!(error.line, Some(5), "{error}");
        assert!(error.message.contains("first on line 3"), "{error}");

        let neutral_twice = "neutral = [\"war game\"]\n[[group]]\nweight = -1\nwords = [\"war game\"]\n";
        assert_eq!(Lexicon::parse(neutral_twice, "l.toml").unwrap_err().line, Some(4));

        let zero = "[[group]]\nweight = 0\nwords = [\"good\"]\n";
        assert_eq!(Lexicon::parse(zero, "l.toml").unwrap_err().line, Some(2));

        let nan = "[[group]]\nweight = nan\nwords = [\"good\"]\n";
        assert_eq!(Lexicon::parse(nan, "l.toml").unwrap_err().line, Some(2));

        let window = "[settings]\nnegation_window = 99\n";
        assert!(Lexicon::parse(window, "l.toml").unwrap_err().message.contains("negation_window"));

        let broken = "[[group]\nweight = 1\n";
        assert_eq!(Lexicon::parse(broken, "l.toml").unwrap_err().line, Some(1));
    }

    #[test]
    fn extend_overrides_weights() {
        let mut base = Lexicon::parse("[[group]]\nweight = 1\nwords = [\"calm\", \"good\"]\n", "a").unwrap();
        let user = Lexicon::parse("[settings]\nnegation_window = 2\n[[group]]\nweight = -1\nwords = [\"calm\"]\n", "b");
        let user = user.unwrap();
        base.extend(user);
        assert_eq!(base.entries.len(), 2);
        assert_eq!(base.entries[0].weight, -1.0);
        assert_eq!(base.settings.negation_window, 2);
    }
}
