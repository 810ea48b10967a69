//! The one internal model every dictionary reader produces.
//!
//! TABARI, PETRARCH and attache's own TOML files all become a [`Dictionary`]: actors (phrases → codes with
//! date-bounded roles), agents (role nouns → sector codes), verbs (forms → code, plus patterns), synonym sets,
//! nouns/adjectives (parsing hints), time shifts, attribution verbs, discards and issues. The coder never sees a
//! file format, only this model (compiled into a [`crate::Lexicon`]).

use jiff::civil::Date;
use std::sync::Arc;

/// Where an entry was read from, so evidence and errors can name it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Origin {
    /// The file label given to the parser (usually the file name).
    pub file: Arc<str>,
    /// 1-based line number (0 when the entry was built in code).
    pub line: u32,
}

impl Origin {
    pub fn new(file: &Arc<str>, line: u32) -> Origin {
        Origin { file: Arc::clone(file), line }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// How one dictionary word matches one (upper-cased) text token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Match {
    /// The token equals the word.
    Exact,
    /// The token starts with the word (TABARI stems: `SYRI` matches `SYRIAN`).
    Stem,
    /// The word, or the word with a regular noun ending: `S`, `ES`, `'S`, `Y`→`IES`.
    Noun,
    /// The word, or the word with a regular verb ending: `S`, `ES`, `ED`, `EN`, `ING` (final `E` dropped before
    /// `ED`/`EN`/`ING`), plus the possessive `'S` (TABARI's liberal endings).
    Verb,
    /// The word or its regular English forms as PETRARCH generates them: `S`/`ES`/`IES`, `ED`/`D`/`IED`,
    /// `ING` (final `E` dropped, final consonant doubled).
    RegularForms,
    /// The word or its possessive (`'S`), without plurals (PETRARCH `{}` agents: "police").
    Possessive,
    /// The token equals the word with exactly this letter case, or adds the possessive `'s` ("US" but not
    /// "us"). The word's text keeps its case.
    Cased,
}

/// A dictionary word: upper-case text plus its matching rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Word {
    pub text: Box<str>,
    pub matching: Match,
}

impl Word {
    pub fn new(text: &str, matching: Match) -> Word {
        Word { text: text.into(), matching }
    }
}

/// How an element connects to the next one in a phrase or pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Link {
    /// The next element must follow immediately (TABARI `_`).
    Adjacent,
    /// Other words may come in between (TABARI blank).
    Gap,
}

/// A sequence of words, e.g. an actor name or a verb form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phrase {
    pub words: Vec<Word>,
    /// `links[i]` connects `words[i]` to `words[i + 1]`; its length is `words.len() - 1`.
    pub links: Vec<Link>,
}

impl Phrase {
    /// A phrase of adjacent words.
    pub fn adjacent(words: Vec<Word>) -> Phrase {
        let links = vec![Link::Adjacent; words.len().saturating_sub(1)];
        Phrase { words, links }
    }

    /// The phrase as TABARI would write it (`A_B C`), for evidence and error messages.
    pub fn written(&self) -> String {
        let mut out = String::new();
        for (i, word) in self.words.iter().enumerate() {
            out.push_str(&word.text);
            if let Some(link) = self.links.get(i) {
                out.push(if *link == Link::Adjacent { '_' } else { ' ' });
            }
        }
        out
    }

    /// TABARI's length for ordering (letters of all words): longer phrases are tried first.
    pub fn char_len(&self) -> usize {
        self.words.iter().map(|w| w.text.len()).sum::<usize>() + self.links.len()
    }
}

/// One element of a verb pattern or synset member.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Item {
    Word(Word),
    /// A synonym set, by name without the `&` (resolved when the dictionary is compiled).
    Synset(Box<str>),
    /// Alternatives `{ a | b | c }`: any one of the sequences.
    Choice(Vec<Vec<Elem>>),
    /// `*`: where the verb stands.
    Verb,
    /// `$`: the source actor is the first actor found here.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor that is both source and target.
    Compound,
    /// `^`: an actor to step over.
    Skip,
    /// `@`: the actor who made the statement (attribution).
    Attribution,
}

/// An item plus how it connects to the element after it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Elem {
    pub item: Item,
    pub link: Link,
}

/// What a verb, pattern or time phrase yields.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Code {
    /// `---`: recognised but produces nothing (used to block wrong readings).
    Null,
    /// `###`: the sentence is off-topic (sports, entertainment) and is not coded.
    Discard,
    /// `+++`: the sentence is too complex to code reliably.
    Complex,
    Event(EventCode),
    /// A time-shift phrase: days to add to the sentence date.
    Shift(i32),
}

/// An event code as written in a dictionary, with TABARI's modifiers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EventCode {
    /// Code for source → target (`None` when a paired code has an empty first half, `[:173]`).
    pub primary: Option<Box<str>>,
    /// Paired code `a:b`: a second event target → source with code `b`.
    pub paired: Option<Box<str>>,
    /// `?`: coded only when nothing else in the sentence is.
    pub subordinate: bool,
    /// `!`: when present, only dominant events are coded.
    pub dominant: bool,
}

impl EventCode {
    pub fn simple(code: &str) -> EventCode {
        EventCode { primary: Some(code.into()), paired: None, subordinate: false, dominant: false }
    }
}

/// A verb pattern: a sequence of elements exactly one of which is [`Item::Verb`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pattern {
    pub elems: Vec<Elem>,
    pub code: Code,
    /// The pattern as written in its dictionary (for evidence).
    pub written: Box<str>,
    pub origin: Origin,
}

impl Pattern {
    /// Index of the verb element.
    pub fn verb_index(&self) -> usize {
        self.elems.iter().position(|e| e.item == Item::Verb).unwrap_or(0)
    }
}

/// One verb (or synonymous verbs sharing patterns, as in PETRARCH blocks).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Verb {
    /// The root as written (e.g. `ABANDON`, `CALLED_ON`), the verb's identity in evidence.
    pub id: Box<str>,
    pub members: Vec<VerbMember>,
    pub patterns: Vec<Pattern>,
    /// attache: the verb states a threat when it is future or conditional ("Moscow would retaliate" is a threat
    /// made now, coded as a fact); a past or present form codes nothing.
    pub threat: bool,
    pub origin: Origin,
}

/// Forms of one verb that share a code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VerbMember {
    pub forms: Vec<Phrase>,
    pub code: Code,
}

/// A named synonym set usable in patterns as `&NAME`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Synset {
    pub name: Box<str>,
    pub members: Vec<Vec<Elem>>,
    pub origin: Origin,
}

/// A set of actor codes: one code, a coded compound (`A/B`), or a special code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CodeSet {
    Null,
    Discard,
    Complex,
    Codes(Vec<Box<str>>),
}

/// The period a dated actor code applies to (both ends inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateRange {
    OnOrBefore(Date),
    OnOrAfter(Date),
    Between(Date, Date),
}

impl DateRange {
    /// A date for ordering ranges by recency (open-ended ranges are the most recent).
    pub fn latest(&self) -> Date {
        match *self {
            DateRange::OnOrBefore(end) | DateRange::Between(_, end) => end,
            DateRange::OnOrAfter(_) => Date::MAX,
        }
    }

    pub fn contains(&self, date: Date) -> bool {
        match *self {
            DateRange::OnOrBefore(end) => date <= end,
            DateRange::OnOrAfter(start) => date >= start,
            DateRange::Between(start, end) => start <= date && date <= end,
        }
    }
}

/// An actor's codes: date-bounded roles tried in order, then the default.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ActorCodes {
    pub dated: Vec<(DateRange, CodeSet)>,
    pub default: Option<CodeSet>,
}

impl ActorCodes {
    pub fn fixed(codes: CodeSet) -> ActorCodes {
        ActorCodes { dated: Vec::new(), default: Some(codes) }
    }

    /// The codes in force on `date`. Without a date: the default, else the most recent dated role. `None`
    /// means null-coded.
    pub fn resolve(&self, date: Option<Date>) -> Option<&CodeSet> {
        match date {
            Some(date) => {
                for (range, codes) in &self.dated {
                    if range.contains(date) {
                        return Some(codes);
                    }
                }
                self.default.as_ref()
            }
            None => self
                .default
                .as_ref()
                .or_else(|| self.dated.iter().max_by_key(|(range, _)| range.latest()).map(|(_, codes)| codes)),
        }
    }
}

/// What kind of thing an actor is (helps pronoun resolution: "he" prefers persons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ActorKind {
    Country,
    Person,
    Organization,
    /// A seat of government used as a metonym ("Beijing said").
    Capital,
    /// A city or region coded as its country when it is the target of force, aid or a visit ("strikes on
    /// Kharkiv" → UKR); never a source on its own (attache `places.toml`).
    Place,
    #[default]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Actor {
    /// Canonical name (first phrase as written, or the TOML `name`).
    pub id: Box<str>,
    pub kind: ActorKind,
    pub names: Vec<Phrase>,
    pub codes: ActorCodes,
    pub origin: Origin,
}

/// A role noun that adds a sector code to an actor: `~GOV` is appended, `NGO~` prefixed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Agent {
    pub id: Box<str>,
    pub names: Vec<Phrase>,
    pub code: Box<str>,
    /// True for `XXX~` (code goes before the actor's), false for `~XXX`.
    pub prefix: bool,
    /// Role nouns for persons ("minister", "spokesman") let "he"/"she" refer to them.
    pub person: bool,
    pub origin: Origin,
}

/// A phrase that marks a sentence (or a whole story) as off-topic.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Discard {
    pub phrase: Phrase,
    pub story: bool,
    pub origin: Origin,
}

/// An issue (theme) phrase; `ignore` phrases cancel issue coding of their sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Issue {
    pub phrase: Phrase,
    pub code: Box<str>,
    pub category: Box<str>,
    pub ignore: bool,
    pub origin: Origin,
}

/// Everything a coder needs from dictionaries, in one format-independent model.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dictionary {
    pub actors: Vec<Actor>,
    pub agents: Vec<Agent>,
    pub verbs: Vec<Verb>,
    pub synsets: Vec<Synset>,
    /// Words that are never verbs or actors (TABARI `<NOUN>`); they also bridge compounds ("bombs and rockets").
    pub nouns: Vec<Phrase>,
    /// Adjectives (TABARI `<ADJECTIVE>`), allowed inside compound actors ("evil Mordor and good Gondor").
    pub adjectives: Vec<Phrase>,
    /// Time-shift phrases (TABARI `<TIME>`), coded as [`Code::Shift`].
    pub time_shifts: Vec<Verb>,
    /// Attribution verbs (TABARI `<ATTRIB>`, attache `[[attribution]]`).
    pub attributions: Vec<Verb>,
    pub discards: Vec<Discard>,
    pub issues: Vec<Issue>,
    /// Human label of the sources, e.g. `TABARI.Demo.actors + TABARI.Demo.verbs`.
    pub label: String,
}

impl Dictionary {
    /// Adds another dictionary's entries after this one's (earlier entries win ties, as in TABARI).
    pub fn merge(&mut self, other: Dictionary) {
        self.actors.extend(other.actors);
        self.agents.extend(other.agents);
        self.verbs.extend(other.verbs);
        self.synsets.extend(other.synsets);
        self.nouns.extend(other.nouns);
        self.adjectives.extend(other.adjectives);
        self.time_shifts.extend(other.time_shifts);
        self.attributions.extend(other.attributions);
        self.discards.extend(other.discards);
        self.issues.extend(other.issues);
        if !other.label.is_empty() {
            if !self.label.is_empty() {
                self.label.push_str(" + ");
            }
            self.label.push_str(&other.label);
        }
    }

    /// Number of patterns over all verbs.
    pub fn pattern_count(&self) -> usize {
        self.verbs.iter().map(|v| v.patterns.len()).sum()
    }
}
