//! Word patterns of the cue lexicon and the action table (syntax in `data/cues.toml`), matched by backtracking
//! over a sentence's words. Patterns are a few words long and only tried where their first word matches, so a
//! sentence costs a handful of comparisons per word.

use crate::words::{Kind, Word, phrase_words, stem};

/// Most words a `_` gap may skip.
pub(crate) const MAX_GAP: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Alt {
    /// Equal after [`stem`].
    Stem(String),
    /// The lower-cased word starts with this.
    Prefix(String),
    /// The glued hyphen of a hyphenated word.
    Hyphen,
}

impl Alt {
    fn accepts(&self, word: &Word) -> bool {
        match self {
            Alt::Stem(stem) => word.kind == Kind::Word && *word.stem == **stem,
            Alt::Prefix(prefix) => word.kind == Kind::Word && word.lower.starts_with(prefix.as_str()),
            // "de-escalation" is also written "de - escalation".
            Alt::Hyphen => matches!(word.kind, Kind::Hyphen | Kind::Dash) && &*word.lower == "-",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Elem {
    Words { alts: Vec<Alt>, optional: bool },
    Gap,
    Polarity,
}

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    pub elems: Vec<Elem>,
}

/// Where a pattern matched: words `[start, end)`, how many of them the pattern named (not gap words: the more,
/// the more specific the match), and the polarity term inside it, if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub named: usize,
    pub polarity: Option<PolarityHit>,
}

impl Hit {
    /// Sort key that puts the most specific match first: most named words, then longest.
    pub fn specificity(&self) -> (std::cmp::Reverse<usize>, std::cmp::Reverse<usize>) {
        (std::cmp::Reverse(self.named), std::cmp::Reverse(self.end - self.start))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PolarityHit {
    pub start: usize,
    pub end: usize,
    pub improvement: bool,
}

/// Something that finds polarity terms (the cue lexicon's `[polarity]` lists).
pub(crate) trait PolarityTerms {
    /// The longest polarity term starting at word `at`, ending at or before `limit`.
    fn term_at(&self, words: &[Word], at: usize, limit: usize) -> Option<PolarityHit>;
}

/// No polarity terms (for patterns that cannot use `@polarity`).
pub(crate) struct NoPolarity;

impl PolarityTerms for NoPolarity {
    fn term_at(&self, _: &[Word], _: usize, _: usize) -> Option<PolarityHit> {
        None
    }
}

impl Pattern {
    /// Parses a pattern; `@polarity` is refused unless `polarity_allowed`.
    pub fn parse(text: &str, polarity_allowed: bool) -> Result<Pattern, String> {
        let mut elems = Vec::new();
        for chunk in phrase_words(text) {
            if chunk == "_" {
                if matches!(elems.last(), None | Some(Elem::Gap)) {
                    return Err(format!("pattern `{text}`: a gap `_` must follow a word"));
                }
                elems.push(Elem::Gap);
                continue;
            }
            if chunk == "@polarity" {
                if !polarity_allowed {
                    return Err(format!("pattern `{text}`: `@polarity` is only for cue patterns"));
                }
                elems.push(Elem::Polarity);
                continue;
            }
            if chunk.contains('-') && chunk != "-" {
                return Err(format!(
                    "pattern `{text}`: a hyphenated word cannot be one of several alternatives; write it as a pattern of its own"
                ));
            }
            let (body, optional) = match chunk.strip_suffix('?') {
                Some(body) => (body, true),
                None => (chunk.as_str(), false),
            };
            let mut alts = Vec::new();
            for alt in body.split('|') {
                if alt == "-" {
                    alts.push(Alt::Hyphen);
                } else if let Some(prefix) = alt.strip_suffix('*') {
                    if prefix.is_empty() || prefix.contains('*') {
                        return Err(format!("pattern `{text}`: `{alt}` needs letters before `*`"));
                    }
                    alts.push(Alt::Prefix(prefix.to_string()));
                } else if alt.is_empty() || alt.contains(['*', '?', '_', '@']) {
                    return Err(format!("pattern `{text}`: `{body}` has an empty or malformed alternative"));
                } else {
                    alts.push(Alt::Stem(stem(alt)));
                }
            }
            elems.push(Elem::Words { alts, optional });
        }
        match (elems.first(), elems.last()) {
            (None, _) => return Err(format!("pattern `{text}` is empty")),
            (Some(Elem::Words { optional: true, .. }), _) | (Some(Elem::Gap), _) => {
                return Err(format!("pattern `{text}` must start with a word that is not optional"));
            }
            (_, Some(Elem::Gap)) => return Err(format!("pattern `{text}` cannot end with a gap")),
            _ => {}
        }
        Ok(Pattern { elems })
    }

    /// The stems a sentence word must have for the pattern to start there (`None`: a prefix or polarity start,
    /// try everywhere).
    pub fn first_stems(&self) -> Option<Vec<&str>> {
        match self.elems.first()? {
            Elem::Words { alts, .. } => alts
                .iter()
                .map(|alt| match alt {
                    Alt::Stem(stem) => Some(stem.as_str()),
                    Alt::Hyphen => Some("-"),
                    Alt::Prefix(_) => None,
                })
                .collect(),
            _ => None,
        }
    }

    /// The most specific match (most named words, then longest) starting at word `at` and ending at or before
    /// `limit`.
    pub fn match_at(&self, words: &[Word], at: usize, limit: usize, terms: &dyn PolarityTerms) -> Option<Hit> {
        let limit = limit.min(words.len());
        let mut best: Option<Hit> = None;
        let mut state = Walk { at, named: 0, polarity: None };
        self.walk(words, 0, &mut state, limit, terms, &mut |end, named, polarity| {
            let hit = Hit { start: at, end, named, polarity };
            if best.is_none_or(|b| hit.specificity() < b.specificity()) {
                best = Some(hit);
            }
        });
        best
    }

    fn walk(
        &self,
        words: &[Word],
        elem: usize,
        state: &mut Walk,
        limit: usize,
        terms: &dyn PolarityTerms,
        found: &mut dyn FnMut(usize, usize, Option<PolarityHit>),
    ) {
        let Some(e) = self.elems.get(elem) else {
            found(state.at, state.named, state.polarity);
            return;
        };
        let saved = *state;
        match e {
            Elem::Words { alts, optional } => {
                if *optional {
                    self.walk(words, elem + 1, state, limit, terms, found);
                    *state = saved;
                }
                if state.at < limit && alts.iter().any(|alt| alt.accepts(&words[state.at])) {
                    state.at += 1;
                    state.named += 1;
                    self.walk(words, elem + 1, state, limit, terms, found);
                }
            }
            Elem::Gap => {
                // No word, then one to MAX_GAP words, never across a separator.
                let from = state.at;
                self.walk(words, elem + 1, state, limit, terms, found);
                *state = saved;
                let mut next = from;
                while next < limit && next - from < MAX_GAP && !words[next].is_separator() {
                    next += 1;
                    state.at = next;
                    self.walk(words, elem + 1, state, limit, terms, found);
                    *state = saved;
                }
            }
            Elem::Polarity => {
                if state.at < limit
                    && let Some(hit) = terms.term_at(words, state.at, limit)
                {
                    state.at = hit.end;
                    state.named += 1;
                    state.polarity = state.polarity.or(Some(hit));
                    self.walk(words, elem + 1, state, limit, terms, found);
                }
            }
        }
        *state = saved;
    }
}

/// Where a match attempt is: the next word, how many words the pattern named so far, the polarity term seen.
#[derive(Debug, Clone, Copy)]
struct Walk {
    at: usize,
    named: usize,
    polarity: Option<PolarityHit>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Word> {
        crate::words::words_of(&attache_text::tokenize(text))
    }

    fn matches(pattern: &str, text: &str) -> Option<(usize, usize)> {
        let p = Pattern::parse(pattern, false).unwrap();
        let w = words(text);
        (0..w.len()).find_map(|i| p.match_at(&w, i, w.len(), &NoPolarity)).map(|h| (h.start, h.end))
    }

    #[test]
    fn gaps_alternatives_optional_and_hyphens() {
        assert_eq!(matches("cut|lower _ tariff", "They lowered the extra tariffs."), Some((1, 5)));
        assert_eq!(matches("would be? necessary", "It would necessary"), Some((1, 3)));
        assert_eq!(matches("affirm _ one-China", "affirmed commitment to one-China policy"), Some((0, 6)));
        assert_eq!(matches("deteriorat*", "is deteriorating"), Some((1, 2)));
        // A gap does not cross a comma.
        assert_eq!(matches("cut _ tariff", "They cut, then tariffs rose"), None);
        // Nor more than four words.
        assert_eq!(matches("cut _ tariff", "cut a b c d e tariffs"), None);
    }

    #[test]
    fn malformed_patterns_are_refused() {
        for bad in ["", "_ cut", "cut _", "cut|", "a|one-China", "x? y", "*", "@polarity"] {
            assert!(Pattern::parse(bad, false).is_err(), "{bad:?}");
        }
    }
}
