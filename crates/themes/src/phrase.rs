//! Phrases as written in the data files, and the forms they are matched in.

use crate::words::phrase_words;

/// One way a phrase can appear in text: the key the automaton looks for and the words as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Form {
    /// `" w1 w2 … wn "` (lowercase), without the trailing space when the phrase ends in a `*` prefix.
    pub key: String,
    /// The words with their case as written (checked by case-sensitive rules).
    pub cased: Vec<String>,
    /// The last word is a prefix (`sanction*`).
    pub prefix: bool,
}

impl Form {
    pub fn word_count(&self) -> usize {
        self.cased.len()
    }
}

/// A parsed phrase: its text as written and every form it matches.
///
/// Forms are: the phrase itself; the closed form of a hyphenated word (`non-proliferation` also matches
/// `nonproliferation`); and, when inflection is on, the regular plural of the last word (`tariff` → `tariffs`,
/// `tax` → `taxes`, `ally` → `allies`; words ending in `s`, shorter than three letters or holding digits are
/// left alone). A trailing `*` makes the last word a prefix (`sanction*` matches `sanctions`, `sanctioned`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub text: String,
    pub(crate) forms: Vec<Form>,
}

/// The shortest prefix a `*` may follow: shorter ones match too much (`an*`).
pub const MIN_PREFIX_CHARS: usize = 3;
/// Longest phrase, in words; longer ones are almost certainly a data mistake.
pub const MAX_PHRASE_WORDS: usize = 12;

impl Phrase {
    pub fn parse(text: &str, inflect: bool) -> Result<Phrase, String> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err("empty phrase".into());
        }
        let (body, prefix) = match trimmed.strip_suffix('*') {
            Some(body) => (body, true),
            None => (trimmed, false),
        };
        if body.contains('*') {
            return Err(format!("phrase `{text}`: `*` is only allowed at the very end"));
        }
        let base = form_of(body, prefix).ok_or_else(|| format!("phrase `{text}` has no letters or digits"))?;
        if base.word_count() > MAX_PHRASE_WORDS {
            return Err(format!("phrase `{text}` has more than {MAX_PHRASE_WORDS} words"));
        }
        if prefix {
            let last = base.cased.last().map_or(0, |w| w.chars().count());
            if last < MIN_PREFIX_CHARS || body.ends_with(char::is_whitespace) {
                return Err(format!(
                    "phrase `{text}`: a `*` prefix needs at least {MIN_PREFIX_CHARS} letters right before it"
                ));
            }
        }
        // The form as written first, then its closed-hyphen variant, then the plurals of both.
        let mut written = vec![base];
        let closed = close_hyphens(body);
        if closed != body
            && let Some(form) = form_of(&closed, prefix)
        {
            written.push(form);
        }
        let mut forms = written.clone();
        if inflect && !prefix {
            for form in &written {
                if let Some(plural) = form.cased.last().and_then(|last| plural(last)) {
                    let mut cased = form.cased.clone();
                    *cased.last_mut().expect("a form has words") = plural;
                    forms.push(Form { key: key_of(&cased, false), cased, prefix: false });
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        forms.retain(|form| seen.insert(form.key.clone()));
        Ok(Phrase { text: trimmed.to_string(), forms })
    }

    /// The phrase as matched: its words lowercased and single-spaced (`China's` → `china`).
    pub fn key(&self) -> &str {
        self.forms[0].key.trim()
    }
}

fn form_of(text: &str, prefix: bool) -> Option<Form> {
    let words = phrase_words(text);
    if words.is_empty() {
        return None;
    }
    let cased: Vec<String> = words.into_iter().map(|(_, cased)| cased).collect();
    Some(Form { key: key_of(&cased, prefix), cased, prefix })
}

fn key_of(cased: &[String], prefix: bool) -> String {
    let mut key = String::from(" ");
    for word in cased {
        let mut lower = String::new();
        let mut ignored = String::new();
        crate::words::fold_into(word, &mut lower, &mut ignored);
        key.push_str(&lower);
        key.push(' ');
    }
    if prefix {
        key.pop();
    }
    key
}

/// Removes hyphens that join two letters or digits: `non-proliferation` → `nonproliferation`.
fn close_hyphens(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let joins = matches!(c, '-' | '\u{2010}' | '\u{2011}')
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if !joins {
            out.push(c);
        }
    }
    out
}

/// The regular English plural of `word` (case kept), or `None` when it should not be inflected.
fn plural(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    if lower.chars().count() < 3 || !lower.chars().all(char::is_alphabetic) || lower.ends_with('s') {
        return None;
    }
    let upper = word.chars().all(|c| !c.is_lowercase());
    let suffix = |s: &str| if upper && word.chars().count() > 3 { s.to_uppercase() } else { s.to_string() };
    if ["x", "z", "ch", "sh"].iter().any(|end| lower.ends_with(end)) {
        return Some(format!("{word}{}", suffix("es")));
    }
    let mut reversed = lower.chars().rev();
    if reversed.next() == Some('y') && reversed.next().is_some_and(|c| !"aeiou".contains(c)) {
        let stem: String = word.chars().take(word.chars().count() - 1).collect();
        return Some(format!("{stem}{}", suffix("ies")));
    }
    Some(format!("{word}{}", suffix("s")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, inflect: bool) -> Vec<String> {
        Phrase::parse(text, inflect).unwrap().forms.into_iter().map(|f| f.key).collect()
    }

    #[test]
    fn written_form_comes_first_then_variants() {
        assert_eq!(keys("tariff", true), [" tariff ", " tariffs "]);
        assert_eq!(keys("arms sale", true), [" arms sale ", " arms sales "]);
        assert_eq!(keys("tax", true), [" tax ", " taxes "]);
        assert_eq!(keys("ally", true), [" ally ", " allies "]);
        assert_eq!(keys("day", true), [" day ", " days "]);
        assert_eq!(keys("sanctions", true), [" sanctions "]);
        assert_eq!(keys("AI", true), [" ai "]);
        assert_eq!(keys("G20", true), [" g20 "]);
        assert_eq!(keys("tariff", false), [" tariff "]);
    }

    #[test]
    fn hyphenated_words_also_match_closed() {
        let forms = keys("non-proliferation", false);
        assert!(forms.contains(&" non proliferation ".to_string()));
        assert!(forms.contains(&" nonproliferation ".to_string()));
        assert_eq!(forms[0], " non proliferation ");
    }

    #[test]
    fn prefixes() {
        assert_eq!(keys("sanction*", true), [" sanction"]);
        assert_eq!(keys("export ban*", true), [" export ban"]);
        assert!(Phrase::parse("an*", true).is_err());
        assert!(Phrase::parse("a*b", true).is_err());
        assert!(Phrase::parse("word *", true).is_err());
        assert!(Phrase::parse("  ", true).is_err());
        assert!(Phrase::parse("--", true).is_err());
    }

    #[test]
    fn cased_plural_of_acronyms() {
        let phrase = Phrase::parse("LLM", true).unwrap();
        let cased: Vec<&str> = phrase.forms.iter().map(|f| f.cased[0].as_str()).collect();
        assert_eq!(cased, ["LLM", "LLMs"]);
    }
}
