//! The compiled matcher: every theme phrase, guard phrase, tone entry and modifier of a taxonomy + lexicon in one
//! Aho-Corasick automaton, and the per-sentence evaluation of what it finds.
//!
//! A sentence is scanned once as `" key1 key2 … keyN "`. Every pattern starts with a space, so a match can only
//! begin at a word start; exact patterns end with a space (a whole word), `stem*` patterns do not. Overlapping
//! search reports every candidate, so the cost per sentence is its length plus the candidates found — it does
//! not grow with the number of rules. Guards, negation and degree words are then checked over that short list.

use crate::error::BuildError;
use crate::lexicon::{Lexicon, ToneSettings};
use crate::phrase::{Form, Phrase};
use crate::taxonomy::Taxonomy;
use crate::words::Units;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

/// No case check for this theme pattern.
const ANY_CASE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
enum Action {
    /// A phrase of a theme rule; `cased` indexes [`Engine::cased_forms`] for case-sensitive rules.
    Theme {
        rule: u32,
        cased: u32,
    },
    /// A guard phrase that some rule requires or excludes.
    Guard(u32),
    /// A tone word or phrase and its signed weight.
    Tone(f32),
    Negator,
    /// A relief word: flips a negative word after it.
    Reliever,
    /// An intensifier or diminisher and its factor.
    Degree(f32),
}

#[derive(Debug)]
struct CompiledRule {
    theme: u32,
    requires: Box<[u32]>,
    excludes: Box<[u32]>,
    not_followed_by: Box<[u32]>,
    not_preceded_by: Box<[u32]>,
}

/// A span of word units, `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordSpan {
    pub first: u32,
    pub last: u32,
}

/// One accepted theme mention in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ThemeFound {
    pub theme: u32,
    pub words: WordSpan,
}

/// One tone word as scored: its words, the weight it contributed (signed) and whether a negator or a relief word
/// flipped it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ToneFound {
    pub words: WordSpan,
    pub weight: f32,
    pub negated: bool,
}

/// Weighted sums for a sentence (or a whole article when added up).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct ToneSums {
    pub positive: f32,
    pub negative: f32,
    pub words: u32,
}

impl ToneSums {
    pub fn add(&mut self, other: ToneSums) {
        self.positive += other.positive;
        self.negative += other.negative;
        self.words += other.words;
    }

    /// GDELT-style percentages of words.
    pub fn tone(&self) -> attache_doc::Tone {
        if self.words == 0 {
            return attache_doc::Tone::default();
        }
        let scale = 100.0 / self.words as f32;
        let (positive, negative) = (self.positive * scale, self.negative * scale);
        attache_doc::Tone {
            tone: positive - negative,
            positive,
            negative,
            polarity: positive + negative,
            word_count: self.words,
        }
    }
}

/// Reusable per-sentence buffers (one per document being annotated).
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    theme_hits: Vec<(u32, WordSpan, u32)>,
    guard_hits: Vec<(u32, WordSpan)>,
    tone_hits: Vec<(WordSpan, f32)>,
    negators: Vec<WordSpan>,
    relievers: Vec<WordSpan>,
    degrees: Vec<(WordSpan, f32)>,
    pub themes: Vec<ThemeFound>,
    pub tones: Vec<ToneFound>,
}

pub(crate) struct Engine {
    automaton: AhoCorasick,
    pattern_words: Vec<u32>,
    /// Actions of pattern `p` are `actions[action_ranges[p].0 .. action_ranges[p].1]`.
    action_ranges: Vec<(u32, u32)>,
    actions: Vec<Action>,
    rules: Vec<CompiledRule>,
    cased_forms: Vec<Form>,
    pub theme_ids: Vec<String>,
    settings: ToneSettings,
}

#[derive(Default)]
struct Builder {
    patterns: Vec<String>,
    by_key: HashMap<String, u32>,
    pattern_words: Vec<u32>,
    pending: Vec<Vec<Action>>,
    guards: HashMap<String, u32>,
}

impl Builder {
    fn add(&mut self, form: &Form, action: Action) {
        let id = match self.by_key.get(&form.key) {
            Some(&id) => id,
            None => {
                let id = self.patterns.len() as u32;
                self.patterns.push(form.key.clone());
                self.by_key.insert(form.key.clone(), id);
                self.pattern_words.push(form.word_count() as u32);
                self.pending.push(Vec::new());
                id
            }
        };
        self.pending[id as usize].push(action);
    }

    /// The id of a guard phrase, registering its forms on first use.
    fn guard(&mut self, phrase: &Phrase) -> u32 {
        let key = phrase.forms[0].key.clone();
        if let Some(&id) = self.guards.get(&key) {
            return id;
        }
        let id = self.guards.len() as u32;
        self.guards.insert(key, id);
        for form in &phrase.forms {
            self.add(form, Action::Guard(id));
        }
        id
    }

    fn guards(&mut self, phrases: &[Phrase]) -> Box<[u32]> {
        let mut ids: Vec<u32> = phrases.iter().map(|p| self.guard(p)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_boxed_slice()
    }
}

impl Engine {
    pub fn build(taxonomy: &Taxonomy, lexicon: &Lexicon) -> Result<Engine, BuildError> {
        let mut builder = Builder::default();
        let mut rules = Vec::new();
        let mut cased_forms = Vec::new();
        for (theme_index, theme) in taxonomy.themes.iter().enumerate() {
            for rule in &theme.rules {
                let rule_id = rules.len() as u32;
                rules.push(CompiledRule {
                    theme: theme_index as u32,
                    requires: builder.guards(&rule.requires),
                    excludes: builder.guards(&rule.excludes),
                    not_followed_by: builder.guards(&rule.not_followed_by),
                    not_preceded_by: builder.guards(&rule.not_preceded_by),
                });
                for phrase in &rule.phrases {
                    for form in &phrase.forms {
                        let cased = if rule.case_sensitive {
                            cased_forms.push(form.clone());
                            (cased_forms.len() - 1) as u32
                        } else {
                            ANY_CASE
                        };
                        builder.add(form, Action::Theme { rule: rule_id, cased });
                    }
                }
            }
        }
        for entry in &lexicon.entries {
            for form in &entry.phrase.forms {
                builder.add(form, Action::Tone(entry.weight));
            }
        }
        for phrase in &lexicon.neutral {
            for form in &phrase.forms {
                builder.add(form, Action::Tone(0.0));
            }
        }
        let settings = lexicon.settings;
        let modifier_lists = [
            (&lexicon.negators, Action::Negator),
            (&lexicon.relievers, Action::Reliever),
            (&lexicon.intensifiers, Action::Degree(settings.intensifier_factor)),
            (&lexicon.diminishers, Action::Degree(settings.diminisher_factor)),
        ];
        for (phrases, action) in modifier_lists {
            for phrase in phrases {
                for form in &phrase.forms {
                    builder.add(form, action);
                }
            }
        }

        // The contiguous NFA: a DFA of the shipped data is ~8 MB and misses the cache on every byte; this one is
        // ~0.5 MB and measured faster per sentence (see the `themes_tone` bench).
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .prefilter(false)
            .build(&builder.patterns)
            .map_err(|e| BuildError::Automaton(e.to_string()))?;
        let mut actions = Vec::new();
        let mut action_ranges = Vec::with_capacity(builder.pending.len());
        for list in builder.pending {
            let start = actions.len() as u32;
            actions.extend(list);
            action_ranges.push((start, actions.len() as u32));
        }
        Ok(Engine {
            automaton,
            pattern_words: builder.pattern_words,
            action_ranges,
            actions,
            rules,
            cased_forms,
            theme_ids: taxonomy.themes.iter().map(|t| t.id.clone()).collect(),
            settings,
        })
    }

    pub fn memory_usage(&self) -> usize {
        self.automaton.memory_usage()
    }

    pub fn pattern_count(&self) -> usize {
        self.pattern_words.len()
    }

    /// Finds the themes and scores the tone of one sentence's units; results are left in `scratch`.
    pub fn analyze(&self, units: &Units, scratch: &mut Scratch) -> ToneSums {
        self.collect(units, scratch);
        self.accept_themes(units, scratch);
        self.score_tone(units, scratch)
    }

    fn collect(&self, units: &Units, scratch: &mut Scratch) {
        scratch.theme_hits.clear();
        scratch.guard_hits.clear();
        scratch.tone_hits.clear();
        scratch.negators.clear();
        scratch.relievers.clear();
        scratch.degrees.clear();
        for found in self.automaton.find_overlapping_iter(units.keys.as_str()) {
            let pattern = found.pattern().as_usize();
            // Patterns begin with the space before their first word.
            let Some(first) = units.unit_at_key(found.start() + 1) else { continue };
            let words = WordSpan { first: first as u32, last: (first as u32) + self.pattern_words[pattern] - 1 };
            let (start, end) = self.action_ranges[pattern];
            for action in &self.actions[start as usize..end as usize] {
                match *action {
                    Action::Theme { rule, cased } => scratch.theme_hits.push((rule, words, cased)),
                    Action::Guard(guard) => scratch.guard_hits.push((guard, words)),
                    Action::Tone(weight) => scratch.tone_hits.push((words, weight)),
                    Action::Negator => scratch.negators.push(words),
                    Action::Reliever => scratch.relievers.push(words),
                    Action::Degree(factor) => scratch.degrees.push((words, factor)),
                }
            }
        }
    }

    fn case_matches(&self, units: &Units, words: WordSpan, cased: u32) -> bool {
        if cased == ANY_CASE {
            return true;
        }
        let form = &self.cased_forms[cased as usize];
        let count = form.cased.len();
        form.cased.iter().enumerate().all(|(i, expected)| {
            let actual = units.cased(words.first as usize + i);
            if form.prefix && i + 1 == count { actual.starts_with(expected.as_str()) } else { actual == expected }
        })
    }

    fn accept_themes(&self, units: &Units, scratch: &mut Scratch) {
        scratch.themes.clear();
        let guards = &scratch.guard_hits;
        let any_guard = |ids: &[u32], at: &dyn Fn(WordSpan) -> bool| {
            guards.iter().any(|&(guard, span)| at(span) && ids.binary_search(&guard).is_ok())
        };
        for &(rule_id, words, cased) in &scratch.theme_hits {
            let rule = &self.rules[rule_id as usize];
            let accepted = self.case_matches(units, words, cased)
                && (rule.requires.is_empty() || any_guard(&rule.requires, &|_| true))
                && !any_guard(&rule.excludes, &|_| true)
                && !any_guard(&rule.not_followed_by, &|span| span.first == words.last + 1)
                && !any_guard(&rule.not_preceded_by, &|span| span.last + 1 == words.first);
            if accepted {
                scratch.themes.push(ThemeFound { theme: rule.theme, words });
            }
        }
        // Per theme, keep the longest of overlapping mentions, leftmost first.
        scratch.themes.sort_unstable_by_key(|t| (t.theme, t.words.first, std::cmp::Reverse(t.words.last)));
        let mut kept = 0;
        for i in 0..scratch.themes.len() {
            let current = scratch.themes[i];
            let overlaps = kept > 0 && {
                let previous = scratch.themes[kept - 1];
                previous.theme == current.theme && current.words.first <= previous.words.last
            };
            if !overlaps {
                scratch.themes[kept] = current;
                kept += 1;
            }
        }
        scratch.themes.truncate(kept);
        scratch.themes.sort_unstable_by_key(|t| (t.words.first, t.theme));
    }

    fn score_tone(&self, units: &Units, scratch: &mut Scratch) -> ToneSums {
        scratch.tones.clear();
        let mut sums =
            ToneSums { words: units.units.iter().filter(|u| u.has_letter).count() as u32, ..Default::default() };
        scratch.tone_hits.sort_unstable_by(|a, b| {
            (a.0.first, std::cmp::Reverse(a.0.last)).cmp(&(b.0.first, std::cmp::Reverse(b.0.last)))
        });
        let mut next_free = 0u32;
        for &(words, weight) in &scratch.tone_hits {
            // Longest match wins among tone entries that overlap (`good faith` over `good`).
            if words.first < next_free {
                continue;
            }
            next_free = words.last + 1;
            if weight == 0.0 {
                // A neutral phrase: it only masks the tone words inside it.
                continue;
            }
            let factor = self.degree_before(units, &scratch.degrees, words.first);
            let raw = weight * factor;
            let negated = self.in_reach(units, &scratch.negators, words.first);
            let relieved = raw < 0.0 && self.in_reach(units, &scratch.relievers, words.first);
            // Two flips cancel: "did not lift sanctions" stays negative.
            let flipped = negated != relieved;
            let value = match (flipped, raw > 0.0) {
                (false, _) => raw,
                (true, true) => -raw * self.settings.negated_positive_factor,
                (true, false) => -raw * self.settings.negated_negative_factor,
            };
            if value > 0.0 {
                sums.positive += value;
            } else {
                sums.negative -= value;
            }
            scratch.tones.push(ToneFound { words, weight: value, negated: flipped });
        }
        sums
    }

    /// The product of the degree words standing right before unit `first` (`very deeply troubling`).
    fn degree_before(&self, units: &Units, degrees: &[(WordSpan, f32)], first: u32) -> f32 {
        let mut factor = 1.0;
        let mut at = first;
        while at > 0 && !units.units[at as usize].break_before {
            match degrees.iter().find(|(span, _)| span.last + 1 == at) {
                Some(&(span, degree)) => {
                    factor *= degree;
                    at = span.first;
                }
                None => break,
            }
        }
        factor
    }

    /// Whether one of `flippers` (negators or relief words) ends within the negation window before unit `first`,
    /// in the same clause.
    fn in_reach(&self, units: &Units, flippers: &[WordSpan], first: u32) -> bool {
        let window = self.settings.negation_window as u32;
        flippers.iter().any(|span| {
            span.last < first
                && first - span.last <= window
                && !units.units[(span.last + 1) as usize..=first as usize].iter().any(|u| u.break_before)
        })
    }
}
