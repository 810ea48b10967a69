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

/// A phrase-trie node while compiling.
#[derive(Debug, Default, Clone)]
struct Node {
    children: Vec<(WordId, Link, u32)>,
    /// Entries ending here, with the index of the name within the entry.
    entries: Vec<(Entry, u16)>,
}

/// A node of the frozen phrase trie: ranges into [`Trie`]'s flat arrays (small, so a walk touches little
/// memory even with tens of thousands of names).
#[derive(Debug, Default, Clone, Copy)]
struct TrieNode {
    children: (u32, u32),
    entries: (u32, u32),
    /// For nodes with many children: their adjacent children by word, sorted, and their gap children.
    index: (u32, u32),
    gaps: (u32, u32),
}

/// The phrase trie in flat arrays, built once from the compile-time [`Node`]s.
#[derive(Debug, Default)]
struct Trie {
    nodes: Vec<TrieNode>,
    edges: Vec<(WordId, Link, u32)>,
    entries: Vec<(Entry, u16)>,
    /// (word, index into `edges`), sorted by word within each node's range.
    index: Vec<(WordId, u32)>,
    /// Indexes into `edges`.
    gaps: Vec<u32>,
}

fn range<T>(items: &[T], (from, to): (u32, u32)) -> &[T] {
    &items[from as usize..to as usize]
}

impl Trie {
    fn freeze(nodes: Vec<Node>) -> Trie {
        let mut t = Trie::default();
        for node in nodes {
            let mut n = TrieNode::default();
            let start = t.edges.len() as u32;
            n.children = (start, start + node.children.len() as u32);
            if node.children.len() > INDEXED_NODE {
                let from = t.index.len();
                let gaps = t.gaps.len() as u32;
                for (i, &(word, link, _)) in node.children.iter().enumerate() {
                    match link {
                        Link::Adjacent => t.index.push((word, start + i as u32)),
                        Link::Gap => t.gaps.push(start + i as u32),
                    }
                }
                t.index[from..].sort_unstable();
                n.index = (from as u32, t.index.len() as u32);
                n.gaps = (gaps, t.gaps.len() as u32);
            }
            t.edges.extend(node.children);
            let e = t.entries.len() as u32;
            t.entries.extend(node.entries);
            n.entries = (e, t.entries.len() as u32);
            t.nodes.push(n);
        }
        t
    }
}

/// The sorted words a synset's members all start (or end) with; `None` when some member does not start (end)
/// with a plain word.
type SynsetEdge = Option<Box<[WordId]>>;

/// Nodes with more children than this get an index (see [`TrieNode::index`]).
const INDEXED_NODE: usize = 8;

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
    /// Words the sentence must contain for the pattern to have a chance: each inner list is a choice of words
    /// one of which must occur (a literal is a list of one). A cheap filter before backtracking, so that the
    /// cost of a verb with hundreds of patterns depends on the sentence, not on the dictionary.
    pub needs: Vec<Box<[WordId]>>,
}

impl CPattern {
    /// Whether the sentence's words (see [`TokenWords::index`]) can satisfy [`CPattern::needs`].
    pub fn possible(&self, words: &TokenWords) -> bool {
        self.needs.iter().all(|any| any.iter().any(|&w| words.anywhere(w)))
    }
}

/// Token positions of a phrase match (inline for phrases of up to six words).
pub type Positions = smallvec::SmallVec<[u32; 6]>;

/// A phrase found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch {
    pub entry: Entry,
    /// Which of the entry's names matched.
    pub name: u16,
    /// Token positions of the phrase's words (increasing; gaps allowed where the phrase allows them).
    pub positions: Positions,
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
    /// Bit `id` set for every id in `ids` once indexed (a bit set over the lexicon's words, grown on demand and
    /// cleared word by word: cheaper than sorting the sentence's ids for every sentence).
    present: Vec<u64>,
    indexed: bool,
}

impl TokenWords {
    pub fn clear(&mut self) {
        if self.indexed {
            for &id in &self.ids {
                self.present[id as usize / 64] = 0;
            }
        }
        self.ids.clear();
        self.starts.clear();
        self.indexed = false;
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
    /// Builds the sentence-wide word set [`TokenWords::anywhere`] uses; call after the last `add_token`.
    pub fn index(&mut self) {
        for &id in &self.ids {
            let word = id as usize / 64;
            if word >= self.present.len() {
                self.present.resize(word + 1, 0);
            }
            self.present[word] |= 1 << (id % 64);
        }
        self.indexed = true;
    }
    /// Whether some token matches `word` (always true before [`TokenWords::index`]).
    pub fn anywhere(&self, word: WordId) -> bool {
        !self.indexed || self.present.get(word as usize / 64).is_some_and(|bits| bits & 1 << (word % 64) != 0)
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
    /// Unique per compiled lexicon (for caches).
    id: u64,
    dictionary: Dictionary,
    words: Vec<Word>,
    word_index: FxHashMap<(Box<str>, Match), WordId>,
    /// Non-stem words by text.
    by_text: FxHashMap<Box<str>, Vec<WordId>>,
    /// Stem words by text.
    stems: FxHashMap<Box<str>, Vec<WordId>>,
    /// Case-sensitive words by their text as written.
    cased: FxHashMap<Box<str>, Vec<WordId>>,
    /// Bit `b` set when some case-sensitive word starts with byte `b` (most tokens skip the look-up).
    cased_first: [u64; 4],
    /// Bit `n` set when some stem has `n` characters.
    stem_lengths: u64,
    /// The phrase trie while compiling (emptied into `trie` at the end).
    nodes: Vec<Node>,
    trie: Trie,
    /// The trie node a phrase starting with word `id` begins at, by id ([`NO_ROOT`] when none): an array, not a
    /// map, because it is looked up for every word id of every token.
    roots: Vec<u32>,
    synsets: Vec<Vec<Vec<CElem>>>,
    /// Per synset, the sorted words its members start with and end with (`None` when some member starts
    /// or ends with something other than a word): a quick test before trying every member.
    synset_edges: Vec<(SynsetEdge, SynsetEdge)>,
    synset_names: FxHashMap<Box<str>, u32>,
    patterns: Vec<Vec<CPattern>>,
    time_patterns: Vec<Vec<CPattern>>,
    attribution_patterns: Vec<Vec<CPattern>>,
    warnings: Vec<CompileWarning>,
    has_time: bool,
}

/// No phrase starts with this word (in `Lexicon::roots`).
const NO_ROOT: u32 = u32::MAX;

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
/// Per-thread cache for [`Lexicon::add_token_cached`]: token as written → the word ids it matches.
/// Bound to one lexicon (it resets itself when used with another) and to [`TokenCache::CAPACITY`] tokens.
#[derive(Debug, Default)]
pub struct TokenCache {
    lexicon: u64,
    /// Token as written → its upper-cased form and the range of `pool` holding every word id it matches (the
    /// case-sensitive ones, then the others): one look-up per token.
    map: FxHashMap<Box<str>, (Box<str>, u32, u32)>,
    pool: Vec<WordId>,
    scratch: Scratch,
}

impl TokenCache {
    pub const CAPACITY: usize = 1 << 17;
}

static NEXT_LEXICON: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Reusable buffers for [`Lexicon::add_token`] (one per thread; keeps tokenising allocation-free).
#[derive(Debug, Default, Clone)]
pub struct Scratch {
    buf: String,
    spans: Vec<(u32, u32)>,
}

impl Scratch {
    fn push(&mut self, parts: &[&str]) {
        let start = self.buf.len();
        for p in parts {
            self.buf.push_str(p);
        }
        let new = &self.buf[start..];
        if new.is_empty() || self.spans.iter().any(|&(s, e)| &self.buf[s as usize..e as usize] == new) {
            self.buf.truncate(start);
            return;
        }
        self.spans.push((start as u32, self.buf.len() as u32));
    }
    fn get(&self, i: usize) -> &str {
        let (s, e) = self.spans[i];
        &self.buf[s as usize..e as usize]
    }
}

/// The token and the bases it may be an inflection of (`BANNED` → `BANN`, `BANNE`, `BAN`).
fn base_candidates(token: &str, out: &mut Scratch) {
    out.buf.clear();
    out.spans.clear();
    out.push(&[token]);
    for suffix in ["'S", "S'", "'", "S", "ES", "ED", "EN", "ING", "D", "N"] {
        if let Some(base) = token.strip_suffix(suffix) {
            out.push(&[base]);
            if matches!(suffix, "ED" | "EN" | "ING" | "ES") {
                out.push(&[base, "E"]);
            }
            // Doubled final consonant: BANNED → BAN.
            let b = base.as_bytes();
            if matches!(suffix, "ED" | "ING") && b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] {
                out.push(&[&base[..base.len() - 1]]);
            }
        }
    }
    for suffix in ["IES", "IED"] {
        if let Some(base) = token.strip_suffix(suffix) {
            out.push(&[base, "Y"]);
        }
    }
}

impl Lexicon {
    /// Compiles a dictionary. Entries that cannot be compiled are left out and reported in
    /// [`Lexicon::warnings`].
    pub fn compile(dictionary: Dictionary) -> Lexicon {
        let mut lex = Lexicon {
            id: NEXT_LEXICON.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            dictionary: Dictionary::default(),
            words: Vec::new(),
            word_index: FxHashMap::default(),
            by_text: FxHashMap::default(),
            stems: FxHashMap::default(),
            cased: FxHashMap::default(),
            cased_first: [0; 4],
            stem_lengths: 0,
            nodes: vec![Node::default()],
            trie: Trie::default(),
            roots: Vec::new(),
            synsets: Vec::new(),
            synset_edges: Vec::new(),
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
        lex.synset_edges = lex
            .synsets
            .iter()
            .map(|members| {
                let edge = |pick: fn(&Vec<CElem>) -> Option<&CElem>| -> Option<Box<[WordId]>> {
                    let mut words = members
                        .iter()
                        .map(|m| match pick(m).map(|e| &e.item) {
                            Some(CItem::Word(id)) => Some(*id),
                            _ => None,
                        })
                        .collect::<Option<Vec<WordId>>>()?;
                    words.sort_unstable();
                    words.dedup();
                    Some(words.into_boxed_slice())
                };
                (edge(|m| m.first()), edge(|m| m.last()))
            })
            .collect();
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
        let verbs = lex.compile_verbs(&dictionary.verbs, Entry::Verb);
        let times = lex.compile_verbs(&dictionary.time_shifts, Entry::Time);
        let attributions = lex.compile_verbs(&dictionary.attributions, Entry::Attribution);
        lex.patterns = verbs;
        lex.time_patterns = times;
        lex.attribution_patterns = attributions;
        lex.dictionary = dictionary;
        lex.trie = Trie::freeze(std::mem::take(&mut lex.nodes));
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
        let needs = self.needs(&elems);
        Ok(CPattern {
            needs,
            elems,
            verb_at,
            code: pattern.code.clone(),
            length: elems_len(&pattern.elems),
            fixed_length,
            has_choice,
            source_index: index,
        })
    }

    /// The words a sentence must contain for `elems` to match (see [`CPattern::needs`]).
    fn needs(&self, elems: &[CElem]) -> Vec<Box<[WordId]>> {
        let mut needs: Vec<Box<[WordId]>> = Vec::new();
        for elem in elems {
            let options: &[Vec<CElem>] = match &elem.item {
                CItem::Word(id) => {
                    needs.push(Box::new([*id]));
                    continue;
                }
                CItem::Synset(index) => self.synsets.get(*index as usize).map_or(&[], |s| s.as_slice()),
                CItem::Choice(options) => options,
                _ => continue,
            };
            // Any one option must match: each contributes one of its own needs, else there is no constraint.
            let mut any = Vec::new();
            let mut constrained = !options.is_empty();
            for option in options {
                match self.needs(option).into_iter().next() {
                    Some(words) => any.extend_from_slice(&words),
                    None => constrained = false,
                }
            }
            if constrained {
                any.sort_unstable();
                any.dedup();
                needs.push(any.into_boxed_slice());
            }
        }
        needs
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
            if let Some(&b) = word.text.as_bytes().first() {
                self.cased_first[b as usize / 64] |= 1 << (b % 64);
            }
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
        let mut node = match self.root(first_id) {
            Some(n) => n,
            None => {
                self.nodes.push(Node::default());
                let n = (self.nodes.len() - 1) as u32;
                if self.roots.len() <= first_id as usize {
                    self.roots.resize(first_id as usize + 1, NO_ROOT);
                }
                self.roots[first_id as usize] = n;
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
    pub fn add_token(&self, token: &str, original: &str, out: &mut TokenWords, scratch: &mut Scratch) {
        out.starts.push(out.ids.len() as u32);
        self.cased_ids(original, &mut out.ids);
        self.plain_ids(token, scratch, &mut out.ids);
    }

    /// [`Lexicon::add_token`] with a cache of the look-ups by token as written (its upper-cased form checked too):
    /// news repeats its words, so most tokens cost one hash look-up instead of one per possible base form and
    /// case-sensitive name.
    pub fn add_token_cached(&self, token: &str, original: &str, out: &mut TokenWords, cache: &mut TokenCache) {
        if cache.lexicon != self.id || cache.map.len() >= TokenCache::CAPACITY {
            cache.map.clear();
            cache.pool.clear();
            cache.lexicon = self.id;
        }
        out.starts.push(out.ids.len() as u32);
        let (from, to) = match cache.map.get(original) {
            Some((upper, from, to)) if **upper == *token => (*from, *to),
            _ => {
                let from = cache.pool.len() as u32;
                self.cased_ids(original, &mut cache.pool);
                self.plain_ids(token, &mut cache.scratch, &mut cache.pool);
                let to = cache.pool.len() as u32;
                cache.map.insert(original.into(), (token.into(), from, to));
                (from, to)
            }
        };
        out.ids.extend_from_slice(&cache.pool[from as usize..to as usize]);
    }

    /// Case-sensitive words matching `original` (or it without a possessive), appended to `ids`.
    fn cased_ids(&self, original: &str, ids: &mut Vec<WordId>) {
        let Some(&b) = original.as_bytes().first() else { return };
        if self.cased_first[b as usize / 64] & 1 << (b % 64) == 0 {
            return;
        }
        let from = ids.len();
        let bare = original.strip_suffix("'s").or_else(|| original.strip_suffix("'S")).unwrap_or(original);
        for key in [original, bare] {
            if let Some(found) = self.cased.get(key) {
                for &id in found {
                    if !ids[from..].contains(&id) {
                        ids.push(id);
                    }
                }
            }
        }
    }

    /// Other words matching the upper-cased `token` (as it is, as an inflection, or by stem), appended to `ids`.
    /// Disjoint from [`Lexicon::cased_ids`] (a word is cased, a stem or neither).
    fn plain_ids(&self, token: &str, scratch: &mut Scratch, ids: &mut Vec<WordId>) {
        let from = ids.len();
        base_candidates(token, scratch);
        for i in 0..scratch.spans.len() {
            if let Some(found) = self.by_text.get(scratch.get(i)) {
                for &id in found {
                    if !ids[from..].contains(&id) && accepts(&self.words[id as usize], token) {
                        ids.push(id);
                    }
                }
            }
        }
        if self.stem_lengths != 0 {
            for (n, _) in token.char_indices().skip(1).chain(std::iter::once((token.len(), ' '))) {
                if n < 64
                    && self.stem_lengths & (1 << n) != 0
                    && let Some(found) = self.stems.get(&token[..n])
                {
                    ids.extend_from_slice(found);
                }
            }
        }
    }

    /// Finds every dictionary phrase that starts at token `start` and ends before `limit`.
    /// `blocked(i)` marks tokens a gap may not cross (e.g. sentence-internal boundaries).
    pub fn phrases_at(&self, words: &TokenWords, start: usize, limit: usize, out: &mut Vec<PhraseMatch>) {
        let mut positions = Positions::new();
        for &id in words.of(start) {
            if let Some(node) = self.root(id) {
                positions.clear();
                positions.push(start as u32);
                self.walk(words, node, start, limit, &mut positions, self.words[id as usize].text.len(), out);
            }
        }
    }

    /// The trie node phrases starting with word `id` begin at.
    fn root(&self, id: WordId) -> Option<u32> {
        self.roots.get(id as usize).copied().filter(|&n| n != NO_ROOT)
    }

    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        words: &TokenWords,
        node: u32,
        at: usize,
        limit: usize,
        positions: &mut Positions,
        length: usize,
        out: &mut Vec<PhraseMatch>,
    ) {
        let t = &self.trie;
        let n = t.nodes[node as usize];
        for &(entry, name) in range(&t.entries, n.entries) {
            out.push(PhraseMatch { entry, name, positions: positions.clone(), length: length as u32 });
        }
        if n.index.1 > n.index.0 || n.gaps.1 > n.gaps.0 {
            // A big node: look the next token's words up instead of trying every child, then visit the children
            // found in their dictionary order (so ties rank as they would in a scan).
            let index = range(&t.index, n.index);
            let mut hits: Vec<u32> = Vec::new();
            if at + 1 < limit {
                for &id in words.of(at + 1) {
                    let from = index.partition_point(|&(w, _)| w < id);
                    hits.extend(index[from..].iter().take_while(|&&(w, _)| w == id).map(|&(_, i)| i));
                }
            }
            hits.extend_from_slice(range(&t.gaps, n.gaps));
            hits.sort_unstable();
            for i in hits {
                let (id, link, child) = t.edges[i as usize];
                self.step(words, id, link, child, at, limit, positions, length, out);
            }
            return;
        }
        for &(id, link, child) in range(&t.edges, n.children) {
            self.step(words, id, link, child, at, limit, positions, length, out);
        }
    }

    /// Follows one child edge of the phrase trie from token `at`, if the sentence allows.
    #[allow(clippy::too_many_arguments)]
    fn step(
        &self,
        words: &TokenWords,
        id: WordId,
        link: Link,
        child: u32,
        at: usize,
        limit: usize,
        positions: &mut Positions,
        length: usize,
        out: &mut Vec<PhraseMatch>,
    ) {
        // Most children's words are not in the sentence at all: one bit says so.
        if !words.anywhere(id) {
            return;
        }
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
    /// Whether some member of a synset could start with one of `words` (false only when none can).
    pub fn synset_may_start(&self, index: u32, words: &[WordId]) -> bool {
        match &self.synset_edges[index as usize].0 {
            Some(first) => words.iter().any(|w| first.binary_search(w).is_ok()),
            None => true,
        }
    }
    /// Whether some member of a synset could end with one of `words`.
    pub fn synset_may_end(&self, index: u32, words: &[WordId]) -> bool {
        match &self.synset_edges[index as usize].1 {
            Some(last) => words.iter().any(|w| last.binary_search(w).is_ok()),
            None => true,
        }
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
        let t = &self.trie;
        t.nodes.len() * size_of::<TrieNode>()
            + t.edges.len() * 12
            + t.entries.len() * size_of::<(Entry, u16)>()
            + (t.index.len() + t.gaps.len()) * 8
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
        let mut scratch = Scratch::default();
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
        let entries: Vec<(Entry, Vec<u32>)> = found.iter().map(|m| (m.entry, m.positions.to_vec())).collect();
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
