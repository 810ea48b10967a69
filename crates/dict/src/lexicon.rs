//! The compiled dictionary: one token trie over interned words, built once.
//!
//! Key design: every dictionary word (from names, verb forms, patterns, synsets, discards, issues) is
//! interned with its matching rule into a [`WordId`]. A text token is mapped to the set of word ids it matches
//! with a handful of hash lookups — the token itself, the token minus a regular ending, and (only for
//! dictionaries that have stems) its prefixes of stem lengths. Phrases are then followed in a trie keyed by
//! word id. The cost per sentence therefore depends on the sentence, not on the size of the dictionary.

use crate::cameo;
use crate::model::{
    Actor, ActorKind, Agent, Code, Dictionary, Discard, Elem, Issue, Item, Link, Match, Pattern, Phrase, Synset, Verb,
    Word,
};
use crate::native::inflect;
use crate::syntax::{elems_len, item_len};
use rustc_hash::FxHashMap;

/// An interned dictionary word (text + matching rule).
pub type WordId = u32;

/// What a phrase in the trie names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entry {
    Actor(u32),
    Agent(u32),
    /// A verb form: verb index and member index.
    Verb(u32, u16),
    Time(u32, u16),
    Attribution(u32, u16),
    Noun,
    Adjective,
    Discard(u32),
    Issue(u32),
}

impl Entry {
    /// Order of preference when several kinds of entry match the same words.
    fn kind_rank(&self) -> u8 {
        // Nouns and adjectives outrank verbs of the same length: listing a word as a noun is how a dictionary
        // stops it being read as a verb (TABARI manual §5.3.2).
        match self {
            Entry::Discard(_) => 0,
            Entry::Actor(_) => 1,
            Entry::Agent(_) => 2,
            Entry::Noun => 3,
            Entry::Adjective => 4,
            Entry::Time(..) => 5,
            Entry::Verb(..) => 6,
            Entry::Attribution(..) => 7,
            Entry::Issue(_) => 8,
        }
    }
}

#[derive(Debug, Default, Clone)]
struct Node {
    children: Vec<(WordId, Link, u32)>,
    /// Entries ending here, with the index of the name within the entry.
    entries: Vec<(Entry, u16)>,
}

/// A compiled pattern element.
#[derive(Debug, Clone, PartialEq)]
pub enum CItem {
    Word(WordId),
    Synset(u32),
    Choice(Vec<Vec<CElem>>),
    Verb,
    Source,
    Target,
    Compound,
    Skip,
    Attribution,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CElem {
    pub item: CItem,
    pub link: Link,
}

/// A compiled verb pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct CPattern {
    pub elems: Vec<CElem>,
    pub verb_at: usize,
    pub code: Code,
    /// TABARI length (characters of fixed text), for "longest pattern first".
    pub length: usize,
    /// Length of the fixed part when the pattern has alternatives (their matched length is added).
    pub fixed_length: usize,
    pub has_choice: bool,
    /// Index into the verb's `patterns` (for evidence).
    pub source_index: u32,
}

/// A phrase found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch {
    pub entry: Entry,
    /// Which of the entry's names matched.
    pub name: u16,
    /// Token positions of the phrase's words (increasing; gaps allowed where the phrase allows them).
    pub positions: Vec<u32>,
    /// TABARI length of the phrase (for longest-first).
    pub length: u32,
}

impl PhraseMatch {
    pub fn first(&self) -> usize {
        self.positions[0] as usize
    }
    pub fn last(&self) -> usize {
        *self.positions.last().unwrap_or(&0) as usize
    }
    pub fn is_contiguous(&self) -> bool {
        self.positions.windows(2).all(|w| w[1] == w[0] + 1)
    }
}

/// Word ids for each token of a sentence (flat storage, reused between sentences).
#[derive(Debug, Default, Clone)]
pub struct TokenWords {
    ids: Vec<WordId>,
    starts: Vec<u32>,
}

impl TokenWords {
    pub fn clear(&mut self) {
        self.ids.clear();
        self.starts.clear();
    }
    pub fn len(&self) -> usize {
        self.starts.len()
    }
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
    /// The word ids token `i` matches.
    pub fn of(&self, i: usize) -> &[WordId] {
        let start = self.starts[i] as usize;
        let end = self.starts.get(i + 1).map_or(self.ids.len(), |&e| e as usize);
        &self.ids[start..end]
    }
    pub fn has(&self, i: usize, word: WordId) -> bool {
        i < self.starts.len() && self.of(i).contains(&word)
    }
}

/// Problems found while compiling (e.g. a pattern using an undefined synset); the entry is left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileWarning {
    pub origin: crate::model::Origin,
    pub cause: String,
}

/// The compiled, immutable, thread-safe matcher over a [`Dictionary`].
#[derive(Debug)]
pub struct Lexicon {
    dictionary: Dictionary,
    words: Vec<Word>,
    word_index: FxHashMap<(Box<str>, Match), WordId>,
    /// Non-stem words by text.
    by_text: FxHashMap<Box<str>, Vec<WordId>>,
    /// Stem words by text.
    stems: FxHashMap<Box<str>, Vec<WordId>>,
    /// Case-sensitive words by their text as written.
    cased: FxHashMap<Box<str>, Vec<WordId>>,
    /// Bit `n` set when some stem has `n` characters.
    stem_lengths: u64,
    nodes: Vec<Node>,
    roots: FxHashMap<WordId, u32>,
    synsets: Vec<Vec<Vec<CElem>>>,
    synset_names: FxHashMap<Box<str>, u32>,
    patterns: Vec<Vec<CPattern>>,
    time_patterns: Vec<Vec<CPattern>>,
    attribution_patterns: Vec<Vec<CPattern>>,
    warnings: Vec<CompileWarning>,
    has_time: bool,
}

/// Longest gap (in tokens) a phrase may bridge where its words need not be adjacent.
pub const MAX_PHRASE_GAP: usize = 12;

fn accepts(word: &Word, token: &str) -> bool {
    let w = &*word.text;
    match word.matching {
        Match::Exact => token == w,
        Match::Stem => token.starts_with(w),
        Match::Noun => {
            if token == w {
                return true;
            }
            let Some(rest) = token.strip_prefix(w) else {
                // PARTY → PARTIES.
                return w.strip_suffix('Y').is_some_and(|stem| token.strip_prefix(stem) == Some("IES"));
            };
            matches!(rest, "S" | "ES" | "'S" | "S'" | "'")
        }
        Match::Verb => {
            if token == w {
                return true;
            }
            if let Some(rest) = token.strip_prefix(w)
                && matches!(rest, "S" | "ES" | "ED" | "EN" | "ING")
            {
                return true;
            }
            // DEPLORE + D, DEPLORE - E + ING.
            if let Some(stem) = w.strip_suffix('E')
                && let Some(rest) = token.strip_prefix(stem)
            {
                return matches!(rest, "ED" | "EN" | "ING" | "ES");
            }
            false
        }
        Match::RegularForms => {
            if token == w || token.strip_prefix(w) == Some("'S") {
                return true;
            }
            inflect(w).iter().any(|form| form == token)
        }
        Match::Possessive => token == w || token.strip_prefix(w).is_some_and(|r| r == "'S" || r == "'"),
        // Cased words are compared with the original token in `add_token`.
        Match::Cased => token == w || token.strip_prefix(w).is_some_and(|r| r == "'s" || r == "'S"),
    }
}

/// Candidate base texts a token could be a regular form of (over-generates; [`accepts`] decides).
fn base_candidates(token: &str, out: &mut Vec<String>) {
    out.clear();
    out.push(token.to_string());
    let mut push = |s: &str| {
        if !s.is_empty() && !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    };
    for suffix in ["'S", "S'", "'", "S", "ES", "ED", "EN", "ING", "D", "N"] {
        if let Some(base) = token.strip_suffix(suffix) {
            push(base);
            if matches!(suffix, "ED" | "EN" | "ING" | "ES") {
                push(&format!("{base}E"));
            }
            // Doubled final consonant: BANNED → BAN.
            let b = base.as_bytes();
            if matches!(suffix, "ED" | "ING") && b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] {
                push(&base[..base.len() - 1]);
            }
        }
    }
    for suffix in ["IES", "IED"] {
        if let Some(base) = token.strip_suffix(suffix) {
            push(&format!("{base}Y"));
        }
    }
}

impl Lexicon {
    /// Compiles a dictionary. Entries that cannot be compiled are left out and reported in
    /// [`Lexicon::warnings`].
    pub fn compile(dictionary: Dictionary) -> Lexicon {
        let mut lex = Lexicon {
            dictionary: Dictionary::default(),
            words: Vec::new(),
            word_index: FxHashMap::default(),
            by_text: FxHashMap::default(),
            stems: FxHashMap::default(),
            cased: FxHashMap::default(),
            stem_lengths: 0,
            nodes: vec![Node::default()],
            roots: FxHashMap::default(),
            synsets: Vec::new(),
            synset_names: FxHashMap::default(),
            patterns: Vec::new(),
            time_patterns: Vec::new(),
            attribution_patterns: Vec::new(),
            warnings: Vec::new(),
            has_time: !dictionary.time_shifts.is_empty(),
        };
        // Synset names first (patterns refer to them); a later set with the same name extends it.
        for synset in &dictionary.synsets {
            let next = lex.synset_names.len() as u32;
            lex.synset_names.entry(synset.name.clone()).or_insert(next);
        }
        lex.synsets = vec![Vec::new(); lex.synset_names.len()];
        for synset in &dictionary.synsets {
            let Synset { name, members, origin } = synset;
            let index = lex.synset_names[name] as usize;
            for member in members {
                match lex.compile_elems(member) {
                    Ok(elems) => lex.synsets[index].push(elems),
                    Err(cause) => lex.warnings.push(CompileWarning { origin: origin.clone(), cause }),
                }
            }
        }
        for (i, Actor { names, .. }) in dictionary.actors.iter().enumerate() {
            for (n, name) in names.iter().enumerate() {
                lex.insert(name, Entry::Actor(i as u32), n as u16);
            }
        }
        for (i, Agent { names, .. }) in dictionary.agents.iter().enumerate() {
            for (n, name) in names.iter().enumerate() {
                lex.insert(name, Entry::Agent(i as u32), n as u16);
            }
        }
        for name in &dictionary.nouns {
            lex.insert(name, Entry::Noun, 0);
        }
        for name in &dictionary.adjectives {
            lex.insert(name, Entry::Adjective, 0);
        }
        for (i, Discard { phrase, .. }) in dictionary.discards.iter().enumerate() {
            lex.insert(phrase, Entry::Discard(i as u32), 0);
        }
        for (i, Issue { phrase, .. }) in dictionary.issues.iter().enumerate() {
            lex.insert(phrase, Entry::Issue(i as u32), 0);
        }
        let verbs = lex.compile_verbs(&dictionary.verbs, |v, m| Entry::Verb(v, m));
        let times = lex.compile_verbs(&dictionary.time_shifts, |v, m| Entry::Time(v, m));
        let attributions = lex.compile_verbs(&dictionary.attributions, |v, m| Entry::Attribution(v, m));
        lex.patterns = verbs;
        lex.time_patterns = times;
        lex.attribution_patterns = attributions;
        lex.dictionary = dictionary;
        lex
    }

    fn compile_verbs(&mut self, verbs: &[Verb], entry: impl Fn(u32, u16) -> Entry) -> Vec<Vec<CPattern>> {
        let mut all = Vec::with_capacity(verbs.len());
        for (v, verb) in verbs.iter().enumerate() {
            for (m, member) in verb.members.iter().enumerate() {
                for form in &member.forms {
                    self.insert(form, entry(v as u32, m as u16), 0);
                }
            }
            let mut compiled = Vec::with_capacity(verb.patterns.len());
            for (p, pattern) in verb.patterns.iter().enumerate() {
                match self.compile_pattern(pattern, p as u32) {
                    Ok(c) => compiled.push(c),
                    Err(cause) => self.warnings.push(CompileWarning { origin: pattern.origin.clone(), cause }),
                }
            }
            // Longest first; equal lengths keep dictionary order (stable sort).
            compiled.sort_by_key(|c| std::cmp::Reverse(c.length));
            all.push(compiled);
        }
        all
    }

    fn compile_pattern(&mut self, pattern: &Pattern, index: u32) -> Result<CPattern, String> {
        let elems = self.compile_elems(&pattern.elems)?;
        let verb_at = elems.iter().position(|e| e.item == CItem::Verb).ok_or("pattern without `*`")?;
        let has_choice = pattern.elems.iter().any(|e| matches!(e.item, Item::Choice(_)));
        let fixed_length = pattern
            .elems
            .iter()
            .filter(|e| !matches!(e.item, Item::Choice(_)))
            .map(|e| item_len(&e.item))
            .sum::<usize>();
        Ok(CPattern {
            elems,
            verb_at,
            code: pattern.code.clone(),
            length: elems_len(&pattern.elems),
            fixed_length,
            has_choice,
            source_index: index,
        })
    }

    fn compile_elems(&mut self, elems: &[Elem]) -> Result<Vec<CElem>, String> {
        elems
            .iter()
            .map(|elem| {
                let item = match &elem.item {
                    Item::Word(word) => CItem::Word(self.intern(word)),
                    Item::Synset(name) => CItem::Synset(
                        *self.synset_names.get(name).ok_or_else(|| format!("undefined synonym set `&{name}`"))?,
                    ),
                    Item::Choice(options) => {
                        CItem::Choice(options.iter().map(|o| self.compile_elems(o)).collect::<Result<_, _>>()?)
                    }
                    Item::Verb => CItem::Verb,
                    Item::Source => CItem::Source,
                    Item::Target => CItem::Target,
                    Item::Compound => CItem::Compound,
                    Item::Skip => CItem::Skip,
                    Item::Attribution => CItem::Attribution,
                };
                Ok(CElem { item, link: elem.link })
            })
            .collect()
    }

    fn intern(&mut self, word: &Word) -> WordId {
        let key = (word.text.clone(), word.matching);
        if let Some(&id) = self.word_index.get(&key) {
            return id;
        }
        let id = self.words.len() as WordId;
        self.words.push(word.clone());
        self.word_index.insert(key, id);
        if word.matching == Match::Cased {
            self.cased.entry(word.text.clone()).or_default().push(id);
        } else if word.matching == Match::Stem {
            self.stems.entry(word.text.clone()).or_default().push(id);
            let n = word.text.len();
            if n < 64 {
                self.stem_lengths |= 1 << n;
            }
        } else {
            self.by_text.entry(word.text.clone()).or_default().push(id);
        }
        id
    }

    fn insert(&mut self, phrase: &Phrase, entry: Entry, name: u16) {
        let Some(first) = phrase.words.first() else { return };
        let first_id = self.intern(first);
        let mut node = match self.roots.get(&first_id) {
            Some(&n) => n,
            None => {
                self.nodes.push(Node::default());
                let n = (self.nodes.len() - 1) as u32;
                self.roots.insert(first_id, n);
                n
            }
        };
        for (word, link) in phrase.words[1..].iter().zip(&phrase.links) {
            let id = self.intern(word);
            let existing =
                self.nodes[node as usize].children.iter().find(|(w, l, _)| *w == id && l == link).map(|c| c.2);
            node = match existing {
                Some(n) => n,
                None => {
                    self.nodes.push(Node::default());
                    let n = (self.nodes.len() - 1) as u32;
                    self.nodes[node as usize].children.push((id, *link, n));
                    n
                }
            };
        }
        let entries = &mut self.nodes[node as usize].entries;
        // TABARI keeps the first of duplicate entries.
        if !entries.iter().any(|(e, _)| {
            std::mem::discriminant(e) == std::mem::discriminant(&entry) && matches!(e, Entry::Noun | Entry::Adjective)
        }) {
            entries.push((entry, name));
        }
    }

    /// Appends the word ids a token matches to `out` (one token of a sentence): `token` upper-cased,
    /// `original` as written (for case-sensitive names).
    pub fn add_token(&self, token: &str, original: &str, out: &mut TokenWords, scratch: &mut Vec<String>) {
        out.starts.push(out.ids.len() as u32);
        if !self.cased.is_empty() {
            let bare = original.strip_suffix("'s").or_else(|| original.strip_suffix("'S")).unwrap_or(original);
            for key in [original, bare] {
                if let Some(ids) = self.cased.get(key) {
                    for &id in ids {
                        if !out.ids[*out.starts.last().unwrap_or(&0) as usize..].contains(&id) {
                            out.ids.push(id);
                        }
                    }
                }
            }
        }
        base_candidates(token, scratch);
        for base in scratch.iter() {
            if let Some(ids) = self.by_text.get(base.as_str()) {
                for &id in ids {
                    if !out.ids[*out.starts.last().unwrap_or(&0) as usize..].contains(&id)
                        && accepts(&self.words[id as usize], token)
                    {
                        out.ids.push(id);
                    }
                }
            }
        }
        if self.stem_lengths != 0 {
            for (n, _) in token.char_indices().skip(1).chain(std::iter::once((token.len(), ' '))) {
                if n < 64
                    && self.stem_lengths & (1 << n) != 0
                    && let Some(ids) = self.stems.get(&token[..n])
                {
                    out.ids.extend_from_slice(ids);
                }
            }
        }
    }

    /// Finds every dictionary phrase that starts at token `start` and ends before `limit`.
    /// `blocked(i)` marks tokens a gap may not cross (e.g. sentence-internal boundaries).
    pub fn phrases_at(&self, words: &TokenWords, start: usize, limit: usize, out: &mut Vec<PhraseMatch>) {
        let mut positions = Vec::with_capacity(4);
        for &id in words.of(start) {
            if let Some(&node) = self.roots.get(&id) {
                positions.clear();
                positions.push(start as u32);
                self.walk(words, node, start, limit, &mut positions, self.words[id as usize].text.len(), out);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        words: &TokenWords,
        node: u32,
        at: usize,
        limit: usize,
        positions: &mut Vec<u32>,
        length: usize,
        out: &mut Vec<PhraseMatch>,
    ) {
        let n = &self.nodes[node as usize];
        for (entry, name) in &n.entries {
            out.push(PhraseMatch { entry: *entry, name: *name, positions: positions.clone(), length: length as u32 });
        }
        for &(id, link, child) in &n.children {
            let word_len = self.words[id as usize].text.len();
            match link {
                Link::Adjacent => {
                    if at + 1 < limit && words.has(at + 1, id) {
                        positions.push((at + 1) as u32);
                        self.walk(words, child, at + 1, limit, positions, length + 1 + word_len, out);
                        positions.pop();
                    }
                }
                Link::Gap => {
                    let end = limit.min(at + 2 + MAX_PHRASE_GAP);
                    if let Some(next) = (at + 1..end).find(|&q| words.has(q, id)) {
                        positions.push(next as u32);
                        self.walk(words, child, next, limit, positions, length + word_len, out);
                        positions.pop();
                    }
                }
            }
        }
    }

    /// The dictionary this lexicon was compiled from.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }
    pub fn word(&self, id: WordId) -> &Word {
        &self.words[id as usize]
    }
    pub fn synset(&self, index: u32) -> &[Vec<CElem>] {
        &self.synsets[index as usize]
    }
    /// Compiled patterns of a verb, longest first.
    pub fn patterns(&self, verb: u32) -> &[CPattern] {
        &self.patterns[verb as usize]
    }
    pub fn time_patterns(&self, entry: u32) -> &[CPattern] {
        &self.time_patterns[entry as usize]
    }
    pub fn attribution_patterns(&self, entry: u32) -> &[CPattern] {
        &self.attribution_patterns[entry as usize]
    }
    pub fn warnings(&self) -> &[CompileWarning] {
        &self.warnings
    }
    /// Whether the dictionaries define time-shift phrases (TABARI then shifts dates by default).
    pub fn has_time_shifts(&self) -> bool {
        self.has_time
    }
    pub fn actor(&self, i: u32) -> &Actor {
        &self.dictionary.actors[i as usize]
    }
    pub fn agent(&self, i: u32) -> &Agent {
        &self.dictionary.agents[i as usize]
    }
    pub fn verb(&self, i: u32) -> &Verb {
        &self.dictionary.verbs[i as usize]
    }
    pub fn time_entry(&self, i: u32) -> &Verb {
        &self.dictionary.time_shifts[i as usize]
    }
    pub fn attribution(&self, i: u32) -> &Verb {
        &self.dictionary.attributions[i as usize]
    }
    pub fn discard(&self, i: u32) -> &Discard {
        &self.dictionary.discards[i as usize]
    }
    pub fn issue(&self, i: u32) -> &Issue {
        &self.dictionary.issues[i as usize]
    }
    pub fn is_person(&self, entry: Entry) -> bool {
        match entry {
            Entry::Actor(i) => self.actor(i).kind == ActorKind::Person,
            Entry::Agent(i) => self.agent(i).person,
            _ => false,
        }
    }

    /// Sorts phrase matches the way TABARI chooses among them: longer first, then kind, then dictionary order.
    pub fn rank(matches: &mut [PhraseMatch]) {
        matches.sort_by(|a, b| b.length.cmp(&a.length).then(a.entry.kind_rank().cmp(&b.entry.kind_rank())));
    }

    /// Approximate heap size, for benchmarks.
    pub fn approx_bytes(&self) -> usize {
        self.nodes.iter().map(|n| 32 + n.children.len() * 12 + n.entries.len() * 16).sum::<usize>()
            + self.words.iter().map(|w| 32 + w.text.len()).sum::<usize>()
    }

    /// CAMEO information for a code (see [`cameo::lookup`]).
    pub fn cameo(code: &str) -> Option<&'static cameo::CameoCode> {
        cameo::lookup(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorCodes, CodeSet, Origin};

    fn lexicon() -> Lexicon {
        let actor = |id: &str, names: &[&str]| Actor {
            id: id.into(),
            kind: ActorKind::Country,
            names: names
                .iter()
                .map(|n| {
                    crate::syntax::parse_phrase(n, crate::syntax::Dialect::Tabari, crate::syntax::Role::Noun).unwrap()
                })
                .collect(),
            codes: ActorCodes::fixed(CodeSet::Codes(vec![id.into()])),
            origin: Origin::default(),
        };
        let dict = Dictionary {
            actors: vec![actor("ARN", &["ARNOR_"]), actor("TEN", &["AL GORE"]), actor("SYR", &["SYRI"])],
            ..Default::default()
        };
        Lexicon::compile(dict)
    }

    fn words(lex: &Lexicon, text: &str) -> TokenWords {
        let mut out = TokenWords::default();
        let mut scratch = Vec::new();
        for token in text.split_whitespace() {
            lex.add_token(token, token, &mut out, &mut scratch);
        }
        out
    }

    #[test]
    fn endings_stems_and_gaps() {
        let lex = lexicon();
        let w = words(&lex, "ARNOR'S SYRIANS MET AL THE WEASEL GORE");
        let mut found = Vec::new();
        for i in 0..w.len() {
            lex.phrases_at(&w, i, w.len(), &mut found);
        }
        let entries: Vec<(Entry, Vec<u32>)> = found.iter().map(|m| (m.entry, m.positions.clone())).collect();
        assert_eq!(
            entries,
            vec![(Entry::Actor(0), vec![0]), (Entry::Actor(2), vec![1]), (Entry::Actor(1), vec![3, 6])]
        );
        let w = words(&lex, "ARNORX");
        assert!(w.of(0).is_empty());
    }

    #[test]
    fn accepts_rules() {
        let w = Word::new("DEPLORE", Match::Verb);
        assert!(accepts(&w, "DEPLORED"));
        assert!(!accepts(&w, "DEPLOREZ"));
        let w = Word::new("DEPART", Match::Verb);
        for ok in ["DEPARTS", "DEPARTED", "DEPARTES", "DEPARTEN", "DEPARTING"] {
            assert!(accepts(&w, ok), "{ok}");
        }
        assert!(!accepts(&w, "DEPARTINK"));
        let w = Word::new("DEPART", Match::RegularForms);
        assert!(accepts(&w, "DEPARTED") && !accepts(&w, "DEPARTES"));
        let w = Word::new("PARTY", Match::Noun);
        assert!(accepts(&w, "PARTIES") && accepts(&w, "PARTY'S"));
    }
}
