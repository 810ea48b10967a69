//! The theme taxonomy: themes and their phrase rules, read from TOML (`docs/themes.md`).

use crate::error::{LoadError, line_column};
use crate::phrase::Phrase;
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

/// The taxonomy attache ships (`crates/themes/data/themes.toml`).
pub const BUILTIN_TAXONOMY: &str = include_str!("../data/themes.toml");
/// The name errors in the shipped taxonomy are reported under.
pub const BUILTIN_TAXONOMY_ORIGIN: &str = "builtin:themes.toml";

/// A set of themes, each recognised by phrase rules.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Taxonomy {
    pub themes: Vec<Theme>,
}

/// One issue or theme (`TAIWAN`, `ARMS_SALES`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Upper-case identifier: `A`–`Z`, digits and `_`, starting with a letter.
    pub id: String,
    pub label: String,
    pub description: String,
    pub rules: Vec<Rule>,
}

/// A list of phrases that count as a mention of the theme, with the guards they share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub phrases: Vec<Phrase>,
    /// The phrase must appear with the case as written (`AI`, not `Ai`).
    pub case_sensitive: bool,
    /// Any one of these must occur somewhere in the same sentence.
    pub requires: Vec<Phrase>,
    /// None of these may occur anywhere in the same sentence.
    pub excludes: Vec<Phrase>,
    /// None of these may start right after the phrase (`AI` not followed by `Weiwei`).
    pub not_followed_by: Vec<Phrase>,
    /// None of these may end right before the phrase (`Republic of China` not preceded by `People's`).
    pub not_preceded_by: Vec<Phrase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDef {
    #[serde(default)]
    version: Option<Spanned<i64>>,
    #[serde(default, rename = "theme")]
    themes: Vec<ThemeDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeDef {
    id: Spanned<String>,
    label: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
    #[serde(default, rename = "rule")]
    rules: Vec<RuleDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDef {
    phrases: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    case_sensitive: bool,
    #[serde(default = "default_inflect")]
    inflect: bool,
    #[serde(default)]
    requires: Vec<Spanned<String>>,
    #[serde(default)]
    excludes: Vec<Spanned<String>>,
    #[serde(default)]
    not_followed_by: Vec<Spanned<String>>,
    #[serde(default)]
    not_preceded_by: Vec<Spanned<String>>,
}

fn default_inflect() -> bool {
    true
}

/// The file format version this code reads.
pub const TAXONOMY_VERSION: i64 = 1;

impl Taxonomy {
    /// The shipped taxonomy. It is part of the binary and checked by the tests, so it always parses.
    pub fn builtin() -> Taxonomy {
        Taxonomy::parse(BUILTIN_TAXONOMY, BUILTIN_TAXONOMY_ORIGIN).expect("the builtin taxonomy parses")
    }

    /// Reads a taxonomy in the format of `docs/themes.md`. `origin` names the source in errors.
    pub fn parse(source: &str, origin: &str) -> Result<Taxonomy, LoadError> {
        let file: FileDef = toml::from_str(source).map_err(|e| LoadError::from_toml(origin, source, &e))?;
        let error = |span: std::ops::Range<usize>, message: String| LoadError::at(origin, source, Some(span), message);
        if let Some(version) = &file.version
            && *version.get_ref() != TAXONOMY_VERSION
        {
            let message =
                format!("unsupported taxonomy version {} (this attache reads {TAXONOMY_VERSION})", version.get_ref());
            return Err(error(version.span(), message));
        }
        // Theme id → byte offset of its first definition.
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut themes = Vec::with_capacity(file.themes.len());
        for def in file.themes {
            let id = def.id.get_ref().trim().to_string();
            if !valid_id(&id) {
                let message =
                    format!("theme id `{id}` must be upper-case letters, digits and `_`, starting with a letter");
                return Err(error(def.id.span(), message));
            }
            if let Some(&first) = seen.get(&id) {
                let (first_line, _) = line_column(source, first);
                let message = format!("theme `{id}` is defined twice (first on line {first_line})");
                return Err(error(def.id.span(), message));
            }
            seen.insert(id.clone(), def.id.span().start);
            let mut rules = Vec::with_capacity(def.rules.len() + 1);
            if !def.phrases.is_empty() {
                let phrases = parse_phrases(&def.phrases, true, &error)?;
                rules.push(Rule {
                    phrases,
                    case_sensitive: false,
                    requires: Vec::new(),
                    excludes: Vec::new(),
                    not_followed_by: Vec::new(),
                    not_preceded_by: Vec::new(),
                });
            }
            for rule in def.rules {
                if rule.phrases.get_ref().is_empty() {
                    return Err(error(rule.phrases.span(), "a rule needs at least one phrase".into()));
                }
                rules.push(Rule {
                    phrases: parse_phrases(rule.phrases.get_ref(), rule.inflect, &error)?,
                    case_sensitive: rule.case_sensitive,
                    requires: parse_phrases(&rule.requires, true, &error)?,
                    excludes: parse_phrases(&rule.excludes, true, &error)?,
                    not_followed_by: parse_phrases(&rule.not_followed_by, true, &error)?,
                    not_preceded_by: parse_phrases(&rule.not_preceded_by, true, &error)?,
                });
            }
            if rules.is_empty() {
                return Err(error(def.id.span(), format!("theme `{id}` has no phrases and no rules")));
            }
            themes.push(Theme { id, label: def.label, description: def.description, rules });
        }
        Ok(Taxonomy { themes })
    }

    /// Adds `other`'s themes: a theme whose id is already present is replaced whole, new ids are appended.
    pub fn extend(&mut self, other: Taxonomy) {
        for theme in other.themes {
            match self.themes.iter_mut().find(|t| t.id == theme.id) {
                Some(existing) => *existing = theme,
                None => self.themes.push(theme),
            }
        }
    }

    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.themes.iter().map(|t| t.id.as_str())
    }
}

fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn parse_phrases(
    defs: &[Spanned<String>],
    inflect: bool,
    error: &impl Fn(std::ops::Range<usize>, String) -> LoadError,
) -> Result<Vec<Phrase>, LoadError> {
    defs.iter().map(|def| Phrase::parse(def.get_ref(), inflect).map_err(|message| error(def.span(), message))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_has_the_required_themes() {
        let taxonomy = Taxonomy::builtin();
        for id in [
            "TAIWAN",
            "ARMS_SALES",
            "TARIFFS_TRADE",
            "EXPORT_CONTROLS",
            "SANCTIONS",
            "ARTIFICIAL_INTELLIGENCE",
            "NUCLEAR_NONPROLIFERATION",
            "CLIMATE",
            "HUMAN_RIGHTS",
            "TERRITORIAL_DISPUTES",
            "SUMMITS",
            "ELECTIONS",
            "PROTESTS",
            "TERRORISM",
            "MIGRATION",
        ] {
            assert!(taxonomy.theme(id).is_some(), "missing theme {id}");
        }
        assert!(taxonomy.themes.iter().all(|t| !t.label.is_empty() && !t.description.is_empty()));
    }

    #[test]
    fn malformed_toml_names_the_line() {
        let source = "[[theme]]\nid = \"A\"\nlabel = \"A\"\nphrases = [\"x\"\n";
        let error = Taxonomy::parse(source, "mine.toml").unwrap_err();
        assert_eq!(error.origin, "mine.toml");
        assert!(error.line.is_some(), "{error}");
        assert!(error.to_string().starts_with("mine.toml:"), "{error}");
    }

    #[test]
    fn semantic_errors_name_the_line() {
        let bad_phrase = "[[theme]]\nid = \"A\"\nlabel = \"A\"\nphrases = [\"ok\",\n  \"a*b\"]\n";
        let error = Taxonomy::parse(bad_phrase, "t.toml").unwrap_err();
        assert_eq!(error.line, Some(5), "{error}");
        assert!(error.message.contains("only allowed at the very end"), "{error}");

        let twice = "[[theme]]\nid = \"A\"\nlabel = \"A\"\nphrases = [\"x\"]\n[[theme]]\nid = \"A\"\nlabel = \"B\"\nphrases = [\"y\"]\n";
        let error = Taxonomy::parse(twice, "t.toml").unwrap_err();
        assert_eq!(error.line, Some(6), "{error}");
        assert!(error.message.contains("first on line 2"), "{error}");

        let lower = "[[theme]]\nid = \"taiwan\"\nlabel = \"T\"\nphrases = [\"x\"]\n";
        assert_eq!(Taxonomy::parse(lower, "t.toml").unwrap_err().line, Some(2));

        let empty = "[[theme]]\nid = \"A\"\nlabel = \"A\"\n";
        assert!(Taxonomy::parse(empty, "t.toml").unwrap_err().message.contains("no phrases"));

        let unknown = "[[theme]]\nid = \"A\"\nlabel = \"A\"\nphrase = [\"x\"]\n";
        assert_eq!(Taxonomy::parse(unknown, "t.toml").unwrap_err().line, Some(4));

        let version = "version = 7\n";
        assert!(Taxonomy::parse(version, "t.toml").unwrap_err().message.contains("version 7"));
    }

    #[test]
    fn extend_replaces_by_id_and_appends() {
        let mut base = Taxonomy::parse(
            "[[theme]]\nid = \"A\"\nlabel = \"A\"\nphrases = [\"x\"]\n[[theme]]\nid = \"B\"\nlabel = \"B\"\nphrases = [\"y\"]\n",
            "base",
        )
        .unwrap();
        let user = Taxonomy::parse(
            "[[theme]]\nid = \"B\"\nlabel = \"B2\"\nphrases = [\"z\"]\n[[theme]]\nid = \"C\"\nlabel = \"C\"\nphrases = [\"w\"]\n",
            "user",
        )
        .unwrap();
        base.extend(user);
        assert_eq!(base.ids().collect::<Vec<_>>(), ["A", "B", "C"]);
        assert_eq!(base.theme("B").unwrap().label, "B2");
    }
}
