//! Quotes and their speakers: cues, kinds, reported speech, and resolution of the speaker mention to an
//! entity across the article. docs/quotes.md ("Attribution" and "Speaker resolution") states the rules.
//!
//! Every search here is bounded: frames are searched at most [`WINDOW`] atoms each way and pronouns look back
//! over at most [`LOOKBACK`] mentions, so the stage stays linear in the article's length however many quotes
//! it has.

use crate::atoms::{Atom, AtomKind};
use crate::entities::{Entities, Form, Gender};
use crate::lexicon::*;
use crate::marks::{MarkAnalysis, NONE, QuotedSpan};
use attache_doc::{EntityKind, QuoteKind};

/// How far (in atoms) a cue or a speaker is looked for around a quote or a cue.
const WINDOW: usize = 48;
/// How many earlier name mentions a pronoun or role description may look back over.
const LOOKBACK: usize = 64;
/// The longest reported clause or sentence stretch (in atoms) a rule reads.
const CLAUSE_LIMIT: usize = 4 * WINDOW;

/// An expression in the text that names or points to a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reference {
    /// A proper-name mention (index into `Entities::mentions`).
    Name(usize),
    /// "he", "she", "they", "it" at this atom.
    Pronoun(usize),
    /// A role or group description ("the spokesman", "the report's authors"): first atom, head noun atom.
    Description { first: usize, head: usize },
}

/// A speaker after resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    pub entity: Option<usize>,
    /// Canonical name (entity name, or the description's text).
    pub name: String,
    /// Atoms of the mention next to the quote (inclusive).
    pub mention: (usize, usize),
    pub resolution: &'static str,
}

/// A quote found in the text, before conversion to the output type.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub kind: QuoteKind,
    /// Atoms of the quoted or reported words (inclusive).
    pub first: usize,
    pub last: usize,
    pub cue: Option<(usize, usize)>,
    pub speaker: Option<Resolved>,
}

pub(crate) struct Attributor<'a> {
    text: &'a str,
    atoms: &'a [Atom],
    marks: &'a MarkAnalysis,
    entities: &'a Entities,
    /// For every atom outside quotes where a cue starts: its last atom and lemma (or phrase head).
    cues: Vec<Option<(usize, &'static str)>>,
}

/// What a search around a quote found: the cue's atoms and the speaker reference, either possibly missing.
type Attribution = (Option<(usize, usize)>, Option<Reference>);

fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "of" | "for"
            | "at"
            | "from"
            | "with"
            | "by"
            | "to"
            | "in"
            | "on"
            | "about"
            | "against"
            | "toward"
            | "towards"
            | "among"
            | "between"
            | "into"
            | "under"
            | "over"
            | "through"
    )
}

fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "another"
            | "one"
            | "two"
            | "three"
            | "some"
            | "several"
            | "many"
    )
}

impl<'a> Attributor<'a> {
    pub fn new(text: &'a str, atoms: &'a [Atom], marks: &'a MarkAnalysis, entities: &'a Entities) -> Self {
        let mut attributor = Attributor { text, atoms, marks, entities, cues: vec![None; atoms.len()] };
        for k in 0..atoms.len() {
            attributor.cues[k] = attributor.cue_starting_at(k);
        }
        attributor
    }

    fn lower(&self, k: usize) -> &str {
        &self.atoms[k].lower
    }

    fn inside(&self, k: usize) -> bool {
        self.marks.inside[k] != NONE
    }

    fn frame_start(&self, k: usize) -> usize {
        self.marks.frame_starts[self.marks.frame[k] as usize]
    }

    fn frame_end(&self, k: usize) -> usize {
        let frame = self.marks.frame[k] as usize;
        self.marks.frame_starts.get(frame + 1).copied().unwrap_or(self.atoms.len()) - 1
    }

    /// A cue starting at atom `k`: a listed phrase, or a speech verb used as a verb.
    fn cue_starting_at(&self, k: usize) -> Option<(usize, &'static str)> {
        let atom = &self.atoms[k];
        if self.inside(k) || !atom.is_word() {
            return None;
        }
        for phrase in CUE_PHRASES {
            let matches = phrase.iter().enumerate().all(|(offset, word)| {
                self.atoms.get(k + offset).is_some_and(|a| &*a.lower == *word && !self.inside(k + offset))
            });
            if matches {
                return Some((k + phrase.len() - 1, phrase[0]));
            }
        }
        let lemma = cue_lemma(&atom.lower)?;
        if matches!(lemma, "point" | "read" | "post") {
            return None;
        }
        // "called the sentence “dangerous”": naming verbs are cues only right before a quotation.
        let so_called = k >= 2 && self.atoms[k - 1].kind == AtomKind::Hyphen && self.lower(k - 2) == "so";
        if matches!(lemma, "call" | "term" | "label")
            && (so_called || !(k + 1..(k + 6).min(self.atoms.len())).any(|j| self.atoms[j].is_mark() && self.inside(j)))
        {
            return None;
        }
        // A capitalised cue word mid-frame is a name ("Post"), not a verb; at a frame's start only a
        // participle ("Speaking to …") is.
        if atom.cap && (self.frame_start(k) != k || !atom.lower.ends_with("ing")) {
            return None;
        }
        // A base form ("claim", "report", "fear") is a verb only after a subject, a modal or `to`.
        if &*atom.lower == lemma && k > 0 {
            let before = &self.atoms[k - 1];
            let verbal = matches!(
                &*before.lower,
                "i" | "we"
                    | "you"
                    | "they"
                    | "to"
                    | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "may"
                    | "might"
                    | "should"
                    | "must"
                    | "did"
                    | "do"
                    | "does"
                    | "not"
                    | "n't"
                    | "also"
                    | "people"
            ) || is_cue_adverb(&before.lower)
                || self.entities.mention_at(k - 1).is_some()
                || before.is_word() && before.lower.ends_with('s') && is_role_noun(&before.lower);
            if !verbal {
                return None;
            }
        }
        // After a determiner or possessive the word is a noun: "the report", "his comments", "China's call".
        if k > 0 {
            let before = self.lower(k - 1);
            if is_determiner(before)
                || self.atoms[k - 1].kind == AtomKind::Possessive
                || matches!(before, "my" | "your" | "no" | "every" | "each")
            {
                return None;
            }
        }
        // Modal + base form or a finite form: a bare lemma after a noun is usually a noun ("media reports").
        Some((k, lemma))
    }

    fn cue_lemma_at(&self, k: usize) -> Option<&'static str> {
        self.cues[k].map(|(_, lemma)| lemma)
    }

    // ---- references ----------------------------------------------------------------------------------------

    /// A role description whose head noun is atom `head`, extended left over modifiers to its determiner.
    /// `None` when the noun is the title or apposition of a name ("spokesman Chen", "Chen, spokesman for …").
    fn description_at(&self, head: usize) -> Option<Reference> {
        let atom = &self.atoms[head];
        if !atom.is_word() || !is_role_noun(&atom.lower) || self.entities.mention_at(head).is_some() {
            return None;
        }
        if atom.cap && self.frame_start(head) != head && !self.atoms[head - 1].is_mark() {
            return None;
        }
        if self.entities.mention_at(head + 1).is_some_and(|m| m.first == head + 1) {
            return None; // a title: "spokesman Chen Binhua"
        }
        let mut first = head;
        let mut steps = 0;
        while first > 0 && steps < 5 {
            let previous = first - 1;
            let lower = self.lower(previous);
            let atom = &self.atoms[previous];
            if self.inside(previous) {
                break;
            }
            if is_determiner(lower) {
                first = previous;
                break;
            }
            let modifier = (atom.is_word()
                && !is_not_name(lower)
                && !is_preposition(lower)
                && self.cue_lemma_at(previous).is_none()
                && !is_subject_pronoun(lower))
                || atom.kind == AtomKind::Possessive
                || self
                    .entities
                    .mention_at(previous)
                    .is_some_and(|m| self.entities.drafts[m.entity].kind != EntityKind::Person);
            if !modifier || lower == "," {
                break;
            }
            first = previous;
            steps += 1;
        }
        // An apposition of a name: "Chen Binhua, spokesman for …".
        if first >= 2
            && self.lower(first - 1) == ","
            && let Some(m) = self.entities.mention_at(first - 2)
            && self.entities.drafts[m.entity].kind == EntityKind::Person
        {
            return None;
        }
        Some(Reference::Description { first, head })
    }

    fn is_person_description(&self, head: usize) -> bool {
        !is_nonperson_role(self.lower(head))
    }

    /// The subject of the cue at `cue`: the nearest person-like reference to its left, else the nearest
    /// organisation or group, searched clause by clause (a `that` or `;` opens a new clause) back to `floor`.
    fn subject_before(&self, cue: usize, floor: usize) -> Option<Reference> {
        let mut best: Option<(u8, Reference)> = None;
        let mut k = cue;
        let lowest = floor.max(cue.saturating_sub(WINDOW));
        while k > lowest {
            k -= 1;
            if self.inside(k) {
                continue;
            }
            let lower = self.lower(k);
            if lower == ";" {
                break;
            }
            if lower == "that" || lower == ":" {
                if best.is_some() {
                    break;
                }
                continue;
            }
            if let Some(m) = self.entities.mention_at(k) {
                let index = self.entities.at[k] as usize;
                let mention = &self.entities.mentions[index];
                k = mention.first.min(k);
                if mention.possessive {
                    continue;
                }
                let person = self.entities.drafts[m.entity].kind == EntityKind::Person;
                let object = mention.first > 0 && is_preposition(self.lower(mention.first - 1))
                    || mention.first > 1
                        && self.lower(mention.first - 1) == "the"
                        && is_preposition(self.lower(mention.first - 2))
                    || !person && mention.first > 0 && self.atoms[mention.first - 1].kind == AtomKind::Possessive;
                let priority = match self.entities.drafts[m.entity].kind {
                    EntityKind::Person if !object => 3,
                    EntityKind::Person => 1,
                    EntityKind::Organization if !object => 2,
                    EntityKind::Place if mention.last + 1 == cue => 1,
                    _ => 0,
                };
                if priority == 3 {
                    return Some(Reference::Name(index));
                }
                if priority > 0 && best.is_none_or(|(p, _)| priority > p) {
                    best = Some((priority, Reference::Name(index)));
                }
                continue;
            }
            // ", who had told …": the relative pronoun stands for the person just before it.
            if lower == "who"
                && k >= 2
                && self.lower(k - 1) == ","
                && let Some(m) = self.entities.mention_at(k - 2)
                && self.entities.drafts[m.entity].kind == EntityKind::Person
            {
                return Some(Reference::Name(self.entities.at[k - 2] as usize));
            }
            if is_subject_pronoun(lower) && !matches!(lower, "i" | "we") {
                let priority = if matches!(lower, "he" | "she") { 3 } else { 2 };
                let before_is_verbish = k > 0 && is_preposition(self.lower(k - 1));
                if !before_is_verbish {
                    if priority == 3 {
                        return Some(Reference::Pronoun(k));
                    }
                    if best.is_none_or(|(p, _)| priority > p) {
                        best = Some((priority, Reference::Pronoun(k)));
                    }
                }
                continue;
            }
            if let Some(description) = self.description_at(k) {
                let Reference::Description { first, head } = description else { continue };
                let object = first > 0 && is_preposition(self.lower(first - 1));
                let priority = match (self.is_person_description(head), object) {
                    (true, false) => 3,
                    (false, false) => 2,
                    _ => 0,
                };
                if priority == 3 {
                    return Some(description);
                }
                if priority > 0 && best.is_none_or(|(p, _)| priority > p) {
                    best = Some((priority, description));
                }
                k = first.min(k);
            }
        }
        best.map(|(_, reference)| reference)
    }

    /// The first reference at or just after atom `k` ("said Professor Eastman", "according to the ministry").
    fn reference_after(&self, k: usize) -> Option<(Reference, usize)> {
        let end = (k + 8).min(self.atoms.len());
        let mut j = k;
        while j < end {
            if self.inside(j) || matches!(self.lower(j), "," | "." | ";" | ":") {
                return None;
            }
            if let Some(m) = self.entities.mention_at(j) {
                let index = self.entities.at[j] as usize;
                if !m.possessive && self.entities.drafts[m.entity].kind != EntityKind::Place {
                    return Some((Reference::Name(index), m.last));
                }
                j = m.last + 1;
                continue;
            }
            let lower = self.lower(j);
            if is_subject_pronoun(lower) && !matches!(lower, "i" | "we" | "it") {
                return Some((Reference::Pronoun(j), j));
            }
            if let Some(description) = self.description_at(j) {
                // "the Crown prosecutor, Mark Tedeschi, …": the name in apposition is the speaker.
                if j + 2 < self.atoms.len()
                    && self.lower(j + 1) == ","
                    && let Some(m) = self.entities.mention_at(j + 2)
                    && m.first == j + 2
                    && self.entities.drafts[m.entity].kind != EntityKind::Place
                {
                    return Some((Reference::Name(self.entities.at[j + 2] as usize), m.last));
                }
                return Some((description, j));
            }
            // "written by X" names an author, not a speaker: a preposition ends the search.
            if is_preposition(lower) {
                return None;
            }
            j += 1;
        }
        None
    }

    // ---- quotes --------------------------------------------------------------------------------------------

    /// Attribution after the closing mark: `…," said X` / `…," X said` / `…" — X`.
    fn after_quote(&self, quote: &QuotedSpan) -> Option<Attribution> {
        let close = quote.close?;
        let mut k = close + 1;
        if k >= self.atoms.len()
            || self.marks.frame[k] != self.marks.frame[close] && !matches!(self.lower(k), "," | "-" | "—" | "–")
        {
            return None;
        }
        let mut dashed = false;
        while k < self.atoms.len() && matches!(self.lower(k), "," | "-" | "—" | "–") && k <= close + 2 {
            dashed |= self.lower(k) != ",";
            k += 1;
        }
        if k >= self.atoms.len() || self.inside(k) {
            return None;
        }
        if let Some((last, lemma)) = self.cues[k]
            && is_frame_verb(lemma)
        {
            let speaker = self.reference_after(last + 1).map(|(r, _)| r);
            return Some((Some((k, last)), speaker));
        }
        if self.lower(k) == "according"
            && let Some((last, _)) = self.cues[k]
        {
            return Some((Some((k, last)), self.reference_after(last + 1).map(|(r, _)| r)));
        }
        let (reference, end) = self.reference_after(k).filter(|&(_, end)| end < k + 8)?;
        let reference_start = match reference {
            Reference::Name(m) => self.entities.mentions[m].first,
            Reference::Pronoun(p) => p,
            Reference::Description { first, .. } => first,
        };
        // Only a determiner or lower-case role words may come before it: "…," team member Rodaba Noori told.
        let lead_in_ok = (k..reference_start).all(|j| {
            let atom = &self.atoms[j];
            atom.is_word()
                && !atom.cap
                && (is_determiner(&atom.lower) || is_role_noun(&atom.lower) || j + 1 < reference_start)
        });
        if reference_start > k + 3 || !lead_in_ok {
            return None;
        }
        let mut j = end + 1;
        // An apposition between the name and the verb: "…," Khaled Al-Maeena, editor at large …, said.
        if j < self.atoms.len() && self.lower(j) == "," {
            let limit = (j + 16).min(self.atoms.len());
            if let Some(comma) = (j + 1..limit).find(|&c| self.lower(c) == ",")
                && (j + 1..comma).all(|c| !self.atoms[c].is_mark() && !matches!(self.lower(c), "." | ";" | ":"))
            {
                j = comma + 1;
            }
        }
        let after_name = j;
        while j < self.atoms.len() && j <= after_name + 3 && is_cue_adverb(self.lower(j)) {
            j += 1;
        }
        if let Some((last, lemma)) = self.cues.get(j).copied().flatten()
            && is_frame_verb(lemma)
        {
            return Some((Some((j, last)), Some(reference)));
        }
        if dashed && matches!(reference, Reference::Name(_)) {
            return Some((None, Some(reference)));
        }
        None
    }

    /// Attribution before the opening mark: the nearest cue in the frame and its subject.
    fn before_quote(&self, quote: &QuotedSpan, words: usize) -> Option<Attribution> {
        let open = quote.open;
        let mut floor = self.frame_start(open);
        if floor == open && open > 0 && self.lower(open - 1) == ":" {
            floor = self.frame_start(open - 1);
        }
        let lowest = floor.max(open.saturating_sub(WINDOW));
        let mut k = open;
        while k > lowest {
            k -= 1;
            if self.inside(k) {
                continue;
            }
            let Some((mut last, mut lemma)) = self.cues[k] else { continue };
            if last >= open {
                continue;
            }
            // The nearest cue word may end a longer cue phrase ("expressing hope").
            let word = k;
            if let Some((j, (phrase_last, phrase_lemma))) = (word.saturating_sub(3).max(lowest)..word)
                .find_map(|j| self.cues[j].filter(|&(l, _)| l >= word && l < open).map(|cue| (j, cue)))
            {
                (k, last, lemma) = (j, phrase_last, phrase_lemma);
            }
            // A one- or two-word quote needs its cue close by (12 atoms); otherwise it is a scare quote.
            if words <= 2 && open - last > 12 {
                return None;
            }
            let speaker = if matches!(lemma, "according" | "in") {
                self.reference_after(last + 1).map(|(r, _)| r)
            } else {
                // Inverted order ("said the minister: …"); never after "told", whose object is the addressee.
                self.subject_before(k, floor).or_else(|| {
                    (is_frame_verb(lemma) && lemma != "tell" && last + 1 < open)
                        .then(|| self.reference_after(last + 1).map(|(r, _)| r))
                        .flatten()
                })
            };
            return Some((Some((k, last)), speaker));
        }
        // "X: “…”"
        if open >= 2
            && self.lower(open - 1) == ":"
            && let Some(m) = self.entities.mention_at(open - 2)
        {
            return Some((None, Some(Reference::Name(self.entities.at[open - 2] as usize)).filter(|_| !m.possessive)));
        }
        None
    }

    /// A title cited with its source and date: `"Document found on street" — The Canadian Press, August 15`.
    fn is_citation(&self, quote: &QuotedSpan) -> bool {
        let Some(close) = quote.close else { return false };
        let n = self.atoms.len();
        if close + 2 >= n || !matches!(self.lower(close + 1), "-" | "—" | "–") {
            return false;
        }
        let limit = (close + 10).min(n - 1);
        (close + 2..limit).any(|c| {
            self.lower(c) == ","
                && (self.atoms[c + 1].kind == AtomKind::Number
                    || matches!(
                        &*self.atoms[c + 1].lower,
                        "january"
                            | "february"
                            | "march"
                            | "april"
                            | "may"
                            | "june"
                            | "july"
                            | "august"
                            | "september"
                            | "october"
                            | "november"
                            | "december"
                    ))
        })
    }

    /// Whether nothing but marks and punctuation precede the opening mark in its frame.
    fn frame_initial(&self, quote: &QuotedSpan) -> bool {
        let start = self.frame_start(quote.open);
        (start..quote.open).all(|k| !self.atoms[k].is_word() && self.atoms[k].kind != AtomKind::Number)
    }

    /// Direct and partial quotes with their cues and speaker references.
    pub fn quotes(&self) -> Vec<(Found, Option<Reference>)> {
        let mut out = Vec::new();
        for quote in &self.marks.quotes {
            let inner = quote.inner();
            let words =
                inner.clone().filter(|&k| self.atoms[k].is_word() || self.atoms[k].kind == AtomKind::Number).count();
            if words == 0 {
                continue;
            }
            if self.is_citation(quote) {
                continue;
            }
            let initial = self.frame_initial(quote);
            let before = if initial && !(quote.open > 0 && self.lower(quote.open - 1) == ":") {
                None
            } else {
                self.before_quote(quote, words)
            };
            let after = self.after_quote(quote);
            let (cue, reference) = match (before, after) {
                (Some((cue, Some(r))), _) => (cue, Some(r)),
                (_, Some((cue, Some(r)))) => (cue, Some(r)),
                (Some((cue, None)), _) => (cue, None),
                (None, Some((cue, None))) => (cue, None),
                (None, None) => (None, None),
            };
            // Direct: the quote opens its frame, or follows "said," / "said:" / ":" — or a speech verb directly
            // when the quote is a sentence of its own (capitalised, or running to the frame's end).
            let own_sentence = self.atoms[inner.start].cap
                || quote.close.is_some_and(|c| c + 1 >= self.atoms.len() || self.frame_end(c) <= c + 1);
            let introduced_directly = cue.is_some_and(|(first, last)| {
                let between = last + 1..quote.open;
                (!between.is_empty() && between.clone().all(|k| matches!(self.lower(k), "," | ":")))
                    || (between.is_empty() && own_sentence && self.cues[first].is_some_and(|(_, l)| is_frame_verb(l)))
            }) || (quote.open > 0 && self.lower(quote.open - 1) == ":");
            let kind = if initial || introduced_directly { QuoteKind::Direct } else { QuoteKind::Partial };
            // Scare quotes and titles: a partial quote, or a quote of three words or fewer, with no cue and no
            // speaker is no one's words.
            if (kind == QuoteKind::Partial || words <= 3) && cue.is_none() && reference.is_none() {
                continue;
            }
            // A title in quotation marks ("The Internet Explorer 6 Countdown", "Better Idea of Afghan Girls,"):
            // every word capitalised, a number or a short function word, and no sentence inside.
            let title_case = words >= 2
                && inner.clone().all(|k| {
                    let atom = &self.atoms[k];
                    match atom.kind {
                        AtomKind::Word => {
                            atom.cap
                                || matches!(
                                    &*atom.lower,
                                    "of" | "the" | "and" | "a" | "an" | "in" | "for" | "to" | "on" | "at" | "or" | "vs"
                                )
                        }
                        AtomKind::Number | AtomKind::Hyphen | AtomKind::Possessive => true,
                        _ => matches!(&*atom.lower, "," | ":" | "&"),
                    }
                });
            if kind == QuoteKind::Partial && title_case {
                continue;
            }
            // Naming without a namer ("the print called “Cowboys”", "the so-called “reform”") is not speech.
            let naming =
                cue.is_some_and(|(first, _)| matches!(self.cue_lemma_at(first), Some("call" | "term" | "label")));
            if naming && reference.is_none() {
                continue;
            }
            let first = inner.start;
            let last = inner.end - 1;
            out.push((Found { kind, first, last, cue, speaker: None }, reference));
        }
        out
    }

    // ---- reported speech -----------------------------------------------------------------------------------

    /// Indirect quotes: `X said (that) …`, `X told Y that …`, `according to X, …`, `…, X said.`
    pub fn indirect(&self, used_cues: &std::collections::HashSet<usize>) -> Vec<(Found, Option<Reference>)> {
        let mut out = Vec::new();
        let n = self.atoms.len();
        let mut k = 0;
        while k < n {
            let Some((last, lemma)) = self.cues[k] else {
                k += 1;
                continue;
            };
            if used_cues.contains(&k) {
                k = last + 1;
                continue;
            }
            let found =
                if lemma == "according" { self.according_to(k, last) } else { self.reported_clause(k, last, lemma) };
            if let Some(found) = found {
                k = found.0.last.max(last) + 1;
                out.push(found);
            } else {
                k = last + 1;
            }
        }
        out
    }

    /// The last atom of a reported clause starting at `start`: the frame's end (less its final punctuation),
    /// or before `;` or a participle cue after a comma. `None` when the clause holds a quotation mark.
    fn clause_end(&self, start: usize) -> Option<usize> {
        // A cue or comma at the very end of the text leaves no clause to report.
        if start >= self.atoms.len() {
            return None;
        }
        // A reported clause is a sentence's worth of words: bounded, so a text without full stops stays linear.
        let end = self.frame_end(start).min(start + CLAUSE_LIMIT);
        let mut last = start;
        let mut j = start;
        while j <= end {
            if self.atoms[j].is_mark() || self.inside(j) {
                return None;
            }
            let lower = self.lower(j);
            if lower == ";" {
                break;
            }
            if lower == "," && j < end && self.lower(j + 1).ends_with("ing") && self.cues[j + 1].is_some() {
                break;
            }
            if !matches!(lower, "." | "!" | "?" | "…") {
                last = j;
            }
            j += 1;
        }
        (last >= start).then_some(last)
    }

    fn word_count(&self, first: usize, last: usize) -> usize {
        (first..=last).filter(|&k| self.atoms[k].is_word()).count()
    }

    fn according_to(&self, k: usize, last: usize) -> Option<(Found, Option<Reference>)> {
        let (reference, reference_end) = self.reference_after(last + 1)?;
        let start = self.frame_start(k);
        let cue = Some((k, last));
        // "According to X, …"
        if (start..k).all(|j| !self.atoms[j].is_word()) {
            let mut j = reference_end + 1;
            while j < n_min(self.atoms.len(), reference_end + 12) && self.lower(j) != "," {
                j += 1;
            }
            // "According to Rathbun the property was returned …": no comma, the clause starts after the name.
            let content_start = if j < self.atoms.len() && self.lower(j) == "," {
                j + 1
            } else if reference_end + 1 < self.atoms.len() && is_clause_opener(self.lower(reference_end + 1)) {
                reference_end + 1
            } else {
                return None;
            };
            let content_end = self.clause_end(content_start)?;
            if self.word_count(content_start, content_end) < 3 {
                return None;
            }
            return Some((
                Found { kind: QuoteKind::Indirect, first: content_start, last: content_end, cue, speaker: None },
                Some(reference),
            ));
        }
        // "…, according to X."
        if k > start + 1 && k - start <= CLAUSE_LIMIT && self.lower(k - 1) == "," {
            let content_last = k - 2;
            if (start..=content_last).any(|j| self.atoms[j].is_mark() || self.inside(j))
                || self.word_count(start, content_last) < 3
            {
                return None;
            }
            return Some((
                Found { kind: QuoteKind::Indirect, first: start, last: content_last, cue, speaker: None },
                Some(reference),
            ));
        }
        None
    }

    fn reported_clause(&self, k: usize, last: usize, lemma: &'static str) -> Option<(Found, Option<Reference>)> {
        let n = self.atoms.len();
        let start = self.frame_start(k);
        let frame_end = self.frame_end(k);
        let participle = self.lower(last).ends_with("ing");
        // A participle cue opens a clause of its own after a comma (which may sit inside a closing quote).
        let after_comma =
            k > 0 && self.lower(k - 1) == "," || k > 1 && self.atoms[k - 1].is_mark() && self.lower(k - 2) == ",";
        if participle && !after_comma {
            return None;
        }
        let cue = Some((k, last));
        // Postposed: "…, researchers say." / "…, said the minister."
        let tail_is_end =
            |j: usize| k - start <= CLAUSE_LIMIT && (j..=frame_end).all(|x| matches!(self.lower(x), "." | "!" | "?"));
        if !participle && is_frame_verb(lemma) {
            // "…, X said."
            if let Some(reference) = self.subject_between_comma(k, start)
                && tail_is_end(last + 1)
            {
                let comma = self.reference_first(reference).checked_sub(1)?;
                if comma > start
                    && (start..comma).all(|j| !self.atoms[j].is_mark() && !self.inside(j))
                    && self.word_count(start, comma - 1) >= 3
                {
                    return Some((
                        Found { kind: QuoteKind::Indirect, first: start, last: comma - 1, cue, speaker: None },
                        Some(reference),
                    ));
                }
            }
            // "…, said X."
            if k > start + 1
                && self.lower(k - 1) == ","
                && let Some((reference, end)) = self.reference_after(last + 1)
                && tail_is_end(end + 1)
                && (start..k - 1).all(|j| !self.atoms[j].is_mark() && !self.inside(j))
                && self.word_count(start, k - 2) >= 3
            {
                return Some((
                    Found { kind: QuoteKind::Indirect, first: start, last: k - 2, cue, speaker: None },
                    Some(reference),
                ));
            }
        }
        // "X said (on Monday) that …"
        let mut content_start = None;
        let mut j = last + 1;
        while j < n && j <= last + 7 && j <= frame_end {
            let lower = self.lower(j);
            if lower == "that" {
                content_start = Some(j + 1);
                break;
            }
            if self.atoms[j].is_mark()
                || self.inside(j)
                || matches!(lower, "." | ";" | ":" | "!" | "?")
                || self.cues[j].is_some()
            {
                break;
            }
            j += 1;
        }
        if content_start.is_none() && takes_bare_clause(lemma) {
            let mut j = last + 1;
            if lemma == "tell" {
                // Skip the addressee: "told reporters", "told him", "told Sky News".
                if let Some(m) = self.entities.mention_at(j) {
                    j = m.last + 1;
                } else if j < n
                    && (matches!(self.lower(j), "him" | "her" | "them" | "us" | "me" | "reporters" | "journalists"))
                {
                    j += 1;
                } else {
                    return None;
                }
            }
            if j <= frame_end && j < n {
                let opener = &self.atoms[j];
                let lower = &*opener.lower;
                // After "say" almost any word opens the reported clause ("says manufacturers could …").
                let after_say = lemma == "say"
                    && opener.is_word()
                    && !is_preposition(lower)
                    && !matches!(
                        lower,
                        "that"
                            | "so"
                            | "yes"
                            | "no"
                            | "goodbye"
                            | "hello"
                            | "nothing"
                            | "something"
                            | "anything"
                            | "as"
                            | "when"
                            | "what"
                            | "how"
                            | "why"
                            | "whether"
                            | "earlier"
                            | "later"
                            | "today"
                            | "yesterday"
                            | "again"
                    );
                let clause_like = after_say
                    || (is_clause_opener(lower) && !matches!(lower, "that"))
                    || (opener.cap && self.entities.mention_at(j).is_some())
                    || opener.kind == AtomKind::Number;
                let not_complement = j + 1 < n && matches!(self.lower(j + 1), "," | "." | ";");
                if clause_like && !not_complement && !self.atoms[j].is_mark() {
                    content_start = Some(j);
                }
            }
        }
        let content_start = content_start?;
        if content_start > frame_end {
            return None;
        }
        let content_end = self.clause_end(content_start)?;
        if self.word_count(content_start, content_end) < 3 {
            return None;
        }
        let speaker = self.subject_before(k, start);
        speaker?;
        Some((
            Found { kind: QuoteKind::Indirect, first: content_start, last: content_end, cue, speaker: None },
            speaker,
        ))
    }

    /// For "…, X said": the reference between the comma and the cue at `cue`.
    fn subject_between_comma(&self, cue: usize, floor: usize) -> Option<Reference> {
        let mut j = cue;
        while j > floor && j + 4 > cue && is_cue_adverb(self.lower(j - 1)) {
            j -= 1;
        }
        // The reference must end right before the cue (after adverbs) and start right after a comma.
        let end = j.checked_sub(1)?;
        let reference = if let Some(m) = self.entities.mention_at(end) {
            if m.possessive {
                return None;
            }
            Reference::Name(self.entities.at[end] as usize)
        } else if is_subject_pronoun(self.lower(end)) && !matches!(self.lower(end), "i" | "we") {
            Reference::Pronoun(end)
        } else {
            self.description_at(end)?
        };
        let first = self.reference_first(reference);
        (first > floor && self.lower(first - 1) == ",").then_some(reference)
    }

    fn reference_first(&self, reference: Reference) -> usize {
        match reference {
            Reference::Name(m) => self.entities.mentions[m].first,
            Reference::Pronoun(p) => p,
            Reference::Description { first, .. } => first,
        }
    }

    fn reference_last(&self, reference: Reference) -> usize {
        match reference {
            Reference::Name(m) => self.entities.mentions[m].last,
            Reference::Pronoun(p) => p,
            Reference::Description { head, .. } => head,
        }
    }

    // ---- resolution ----------------------------------------------------------------------------------------

    /// Resolves a reference to a speaker: names to their entity, pronouns to the nearest compatible earlier
    /// mention, role descriptions to the latest entity holding that role (else the description itself).
    pub fn resolve(&self, reference: Reference) -> Option<Resolved> {
        let mention = (self.reference_first(reference), self.reference_last(reference));
        match reference {
            Reference::Name(m) => {
                let name_mention = &self.entities.mentions[m];
                let resolution = match name_mention.form {
                    Form::Name => "name",
                    Form::Surname => "surname",
                    Form::Title => "title",
                    Form::Acronym => "acronym",
                };
                let entity = name_mention.entity;
                Some(Resolved {
                    entity: Some(entity),
                    name: self.entities.drafts[entity].name.clone(),
                    mention,
                    resolution,
                })
            }
            Reference::Pronoun(p) => {
                let lower = self.lower(p);
                let entity = match lower {
                    "he" => self.antecedent(p, |kind, gender| kind == EntityKind::Person && gender != Gender::Female),
                    "she" => self.antecedent(p, |kind, gender| kind == EntityKind::Person && gender != Gender::Male),
                    _ => self.group_antecedent(p),
                }?;
                match entity {
                    Antecedent::Entity(entity) => Some(Resolved {
                        entity: Some(entity),
                        name: self.entities.drafts[entity].name.clone(),
                        mention,
                        resolution: "pronoun",
                    }),
                    Antecedent::Description(first, head) => Some(Resolved {
                        entity: None,
                        name: self.text[self.atoms[first].start..self.atoms[head].end].to_string(),
                        mention,
                        resolution: "pronoun",
                    }),
                }
            }
            Reference::Description { first, head } => {
                let text = self.text[self.atoms[first].start..self.atoms[head].end].to_string();
                // "PC World's recent analysis", "Cornyn's statement": a document speaks for its owner.
                if is_document_noun(self.lower(head))
                    && let Some(owner) = (first..head).find_map(|j| {
                        let m = self.entities.mention_at(j)?;
                        (m.possessive && self.entities.drafts[m.entity].kind != EntityKind::Place).then_some(m.entity)
                    })
                {
                    return Some(Resolved {
                        entity: Some(owner),
                        name: self.entities.drafts[owner].name.clone(),
                        mention,
                        resolution: "owner",
                    });
                }
                let definite =
                    !matches!(self.lower(first), "a" | "an" | "one" | "two" | "three" | "some" | "several" | "many");
                let noun = self.lower(head);
                let plural = noun.ends_with('s') && !matches!(noun, "analysis" | "press" | "boss" | "status");
                if definite
                    && !plural
                    && let Some(entity) = self.role_antecedent(first, noun)
                {
                    return Some(Resolved {
                        entity: Some(entity),
                        name: self.entities.drafts[entity].name.clone(),
                        mention,
                        resolution: "role",
                    });
                }
                Some(Resolved { entity: None, name: text, mention, resolution: "description" })
            }
        }
    }

    /// Index of the last name mention that starts before atom `k`.
    fn mentions_before(&self, k: usize) -> usize {
        self.entities.mentions.partition_point(|m| m.first < k)
    }

    /// "he"/"she": in the pronoun's own frame the nearest compatible person before it; otherwise the subject-like
    /// one of an earlier frame — the first compatible person mentioned in it ("Rathbun asked donors to help
    /// Montalvo. He described …" → Rathbun), frame by frame back over at most [`LOOKBACK`] mentions.
    fn antecedent(&self, k: usize, compatible: impl Fn(EntityKind, Gender) -> bool) -> Option<Antecedent> {
        let end = self.mentions_before(k);
        let own_frame = self.marks.frame[k];
        let mut candidate: Option<(u32, usize)> = None; // (frame, entity) of the earliest match in that frame
        for m in self.entities.mentions[..end].iter().rev().take(LOOKBACK) {
            let frame = self.marks.frame[m.first];
            if let Some((candidate_frame, entity)) = candidate
                && frame != candidate_frame
            {
                return Some(Antecedent::Entity(entity));
            }
            let draft = &self.entities.drafts[m.entity];
            let usable = (!m.possessive || draft.kind == EntityKind::Person)
                && (!self.inside(m.first) || self.inside(k))
                && compatible(draft.kind, draft.gender);
            if !usable {
                continue;
            }
            if frame == own_frame {
                return Some(Antecedent::Entity(m.entity));
            }
            candidate = Some((frame, m.entity));
        }
        candidate.map(|(_, entity)| Antecedent::Entity(entity))
    }

    /// "they"/"it": the nearest organisation or plural group description in this or the previous frame.
    fn group_antecedent(&self, k: usize) -> Option<Antecedent> {
        let frame = self.marks.frame[k] as usize;
        let floor = self.marks.frame_starts[frame.saturating_sub(1)].max(k.saturating_sub(WINDOW * 2));
        let plural = self.lower(k) == "they";
        let mut j = k;
        while j > floor {
            j -= 1;
            if self.inside(j) {
                continue;
            }
            if let Some(m) = self.entities.mention_at(j) {
                if self.entities.drafts[m.entity].kind == EntityKind::Organization && !m.possessive {
                    return Some(Antecedent::Entity(m.entity));
                }
                j = m.first.min(j);
                continue;
            }
            if plural
                && self.lower(j).ends_with('s')
                && let Some(Reference::Description { first, head }) = self.description_at(j)
            {
                return Some(Antecedent::Description(first, head));
            }
        }
        None
    }

    /// The latest entity, before atom `k`, that holds the role `noun` names ("the spokesman" → Chen Binhua).
    fn role_antecedent(&self, k: usize, noun: &str) -> Option<usize> {
        let end = self.mentions_before(k);
        let person_role = !is_nonperson_role(noun);
        self.entities.mentions[..end].iter().rev().take(LOOKBACK).map(|m| m.entity).find(|&entity| {
            let draft = &self.entities.drafts[entity];
            if person_role {
                let Some(role) = draft.role.as_deref() else { return false };
                let role_head = role.rsplit(' ').next().unwrap_or(role).to_lowercase();
                let role_head = role_head.trim_end_matches('.');
                draft.kind == EntityKind::Person
                    && (role_head == noun
                        || spokes(role_head) && spokes(noun)
                        || noun == "official" && is_official_role(role_head)
                        || matches!(noun, "expert" | "analyst" | "scholar" | "academic") && is_expert_role(role_head)
                        || role.to_lowercase().contains(noun))
            } else {
                draft.kind == EntityKind::Organization
                    && (draft.name.to_lowercase().contains(noun)
                        || matches!(noun, "company" | "firm" | "group" | "organisation" | "organization"))
            }
        })
    }
}

fn spokes(word: &str) -> bool {
    matches!(word, "spokesman" | "spokeswoman" | "spokesperson")
}

fn n_min(a: usize, b: usize) -> usize {
    a.min(b)
}

enum Antecedent {
    Entity(usize),
    Description(usize, usize),
}
