//! [`ThemeStage`]: the pipeline stage that fills `doc.themes`, `doc.theme_summary`, `Sentence.tone` and `doc.tone`.

use crate::engine::{Engine, Scratch, ToneSums, WordSpan};
use crate::error::BuildError;
use crate::lexicon::Lexicon;
use crate::taxonomy::Taxonomy;
use crate::words::{Offsets, Units, scan};
use attache_doc::{Doc, Stage, ThemeMention, ThemeSummary, Token, Tone};
use std::collections::{HashMap, HashSet};

/// Themes and tone, compiled once from a [`Taxonomy`] and a [`Lexicon`] and shared read-only across threads.
pub struct ThemeStage {
    engine: Engine,
    taxonomy: Taxonomy,
    lexicon: Lexicon,
}

impl Default for ThemeStage {
    /// The shipped taxonomy and lexicon (both checked by this crate's tests, so building cannot fail).
    fn default() -> Self {
        ThemeStage::new(Taxonomy::builtin(), Lexicon::builtin()).expect("the builtin taxonomy and lexicon compile")
    }
}

impl std::fmt::Debug for ThemeStage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ThemeStage")
            .field("themes", &self.taxonomy.themes.len())
            .field("tone_entries", &self.lexicon.entries.len())
            .field("patterns", &self.engine.pattern_count())
            .finish()
    }
}

/// A theme found by [`ThemeStage::analyze`]: byte offsets into the analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeHit {
    pub theme: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A tone word scored by [`ThemeStage::analyze`]: byte offsets, the weight it added (signed, after degree words,
/// negators and relief words) and whether a negator or a relief word flipped it.
#[derive(Debug, Clone, PartialEq)]
pub struct ToneHit {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub weight: f32,
    pub negated: bool,
}

/// Everything the stage finds in one text treated as a single sentence (see [`ThemeStage::analyze`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub themes: Vec<ThemeHit>,
    pub tone: Tone,
    pub tone_hits: Vec<ToneHit>,
}

impl ThemeStage {
    /// Compiles a taxonomy and a lexicon into one automaton.
    pub fn new(taxonomy: Taxonomy, lexicon: Lexicon) -> Result<ThemeStage, BuildError> {
        let engine = Engine::build(&taxonomy, &lexicon)?;
        Ok(ThemeStage { engine, taxonomy, lexicon })
    }

    /// A stage with this taxonomy and the shipped tone lexicon.
    pub fn from_taxonomy(taxonomy: Taxonomy) -> Result<ThemeStage, BuildError> {
        ThemeStage::new(taxonomy, Lexicon::builtin())
    }

    /// The shipped taxonomy extended by a user file (same format; same ids replace shipped themes).
    pub fn with_user_taxonomy(source: &str, origin: &str) -> Result<ThemeStage, BuildError> {
        let mut taxonomy = Taxonomy::builtin();
        taxonomy.extend(Taxonomy::parse(source, origin)?);
        ThemeStage::from_taxonomy(taxonomy)
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Heap bytes used by the compiled automaton.
    pub fn automaton_bytes(&self) -> usize {
        self.engine.memory_usage()
    }

    /// Number of distinct patterns in the compiled automaton.
    pub fn pattern_count(&self) -> usize {
        self.engine.pattern_count()
    }

    /// Finds themes and scores tone in `text` as one sentence, with the evidence for each (for tests, `--explain`
    /// and tuning). Offsets are bytes into `text`.
    pub fn analyze(&self, text: &str) -> Analysis {
        let mut units = Units::default();
        units.clear();
        units.push_piece(text, Offsets::Exact(0));
        let mut scratch = Scratch::default();
        let sums = self.engine.analyze(&units, &mut scratch);
        let range = |words: WordSpan| {
            let start = units.units[words.first as usize].start as usize;
            let end = units.units[words.last as usize].end as usize;
            (start, end, text[start..end].to_string())
        };
        let themes = scratch
            .themes
            .iter()
            .map(|found| {
                let (start, end, text) = range(found.words);
                ThemeHit { theme: self.engine.theme_ids[found.theme as usize].clone(), start, end, text }
            })
            .collect();
        let tone_hits = scratch
            .tones
            .iter()
            .map(|found| {
                let (start, end, text) = range(found.words);
                ToneHit { start, end, text, weight: found.weight, negated: found.negated }
            })
            .collect();
        Analysis { themes, tone: sums.tone(), tone_hits }
    }
}

impl Stage for ThemeStage {
    fn name(&self) -> &'static str {
        "themes"
    }

    fn annotate(&self, doc: &mut Doc) {
        let mut units = Units::default();
        let mut scratch = Scratch::default();
        let mut total = ToneSums::default();
        let text = doc.text();
        if doc.sentences.is_empty() {
            // No sentences (the text stage did not run or found none): article tone only, no theme mentions,
            // since a mention must name its sentence.
            units.clear();
            units.push_piece(text, Offsets::Exact(0));
            total = self.engine.analyze(&units, &mut scratch);
            doc.themes.clear();
            doc.theme_summary.clear();
            doc.tone = (total.words > 0).then(|| total.tone());
            return;
        }
        let mut mentions = Vec::new();
        let mut sentence_tones = Vec::with_capacity(doc.sentences.len());
        for sentence in &doc.sentences {
            units.clear();
            let tokens = doc.sentence_tokens(sentence.id);
            if tokens.is_empty() {
                let range = doc.byte_range(sentence.span());
                if let Some(piece) = text.get(range.clone()) {
                    units.push_piece(piece, Offsets::Exact(range.start));
                }
            } else {
                for token in tokens {
                    push_token(&mut units, text, token);
                }
            }
            let sums = self.engine.analyze(&units, &mut scratch);
            total.add(sums);
            sentence_tones.push(sums.tone().tone);
            for found in &scratch.themes {
                // The hull of the words' ranges: tokens out of text order must not make a reversed span.
                let words = &units.units[found.words.first as usize..=found.words.last as usize];
                let start = words.iter().map(|u| u.start).min().unwrap_or(0) as usize;
                let end = words.iter().map(|u| u.end).max().unwrap_or(0) as usize;
                let span = doc.span(start, end);
                mentions.push(ThemeMention {
                    theme: self.engine.theme_ids[found.theme as usize].clone(),
                    sentence: sentence.id,
                    start: span.start,
                    end: span.end,
                    text: doc.slice(span).to_string(),
                });
            }
        }
        for (sentence, tone) in doc.sentences.iter_mut().zip(sentence_tones) {
            sentence.tone = Some(tone);
        }
        doc.theme_summary = summarize(&mentions);
        doc.themes = mentions;
        doc.tone = Some(total.tone());
    }
}

/// Adds a token's units: matched on its normalised form, located by its bytes in the text.
fn push_token(units: &mut Units, text: &str, token: &Token) {
    let (start, end) = (token.start as usize, token.end as usize);
    let norm: &str = &token.norm;
    match text.get(start..end) {
        Some(source) if source == norm => units.push_piece(source, Offsets::Exact(start)),
        Some(source) => {
            // The normalised form differs from the source (folded quotes, NFKC): if both cut into the same
            // number of units, each unit keeps its own place in the text; otherwise all point at the token.
            let mut ranges = Vec::new();
            scan(source, |piece| {
                if let crate::words::Piece::Unit { range, .. } = piece {
                    ranges.push((start + range.start, start + range.end));
                }
            });
            if ranges.len() == Units::count_units(norm) {
                units.push_piece(norm, Offsets::Each(&ranges));
            } else {
                units.push_piece(norm, Offsets::Whole(start, end));
            }
        }
        None => {
            // Offsets that do not fit the text: keep the words, pointing at the nearest valid place.
            let clamp = |offset: usize| offset.min(text.len());
            units.push_piece(norm, Offsets::Whole(clamp(start), clamp(end.max(start))));
        }
    }
}

/// Per-theme counts of an article's mentions, most mentioned first (ties: earliest sentence, then id).
pub fn summarize(mentions: &[ThemeMention]) -> Vec<ThemeSummary> {
    let mut by_theme: HashMap<&str, (ThemeSummary, HashSet<u32>)> = HashMap::new();
    for mention in mentions {
        let (summary, sentences) = by_theme.entry(&mention.theme).or_insert_with(|| {
            let summary = ThemeSummary {
                theme: mention.theme.clone(),
                mentions: 0,
                sentences: 0,
                first_sentence: mention.sentence,
            };
            (summary, HashSet::new())
        });
        summary.mentions += 1;
        summary.first_sentence = summary.first_sentence.min(mention.sentence);
        sentences.insert(mention.sentence);
    }
    let mut summaries: Vec<ThemeSummary> = by_theme
        .into_values()
        .map(|(mut summary, sentences)| {
            summary.sentences = sentences.len() as u32;
            summary
        })
        .collect();
    summaries.sort_by(|a, b| {
        b.mentions.cmp(&a.mentions).then(a.first_sentence.cmp(&b.first_sentence)).then(a.theme.cmp(&b.theme))
    });
    summaries
}
