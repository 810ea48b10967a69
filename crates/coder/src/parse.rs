//! The shallow parse of one sentence, in the spirit of TABARI (manual chapter 7): classify words from the
//! dictionaries, turn verbs after determiners or capitalised mid-sentence into nouns, attach agents to actors,
//! find compound actors ("Gondor and Osgiliath"), delete short comma-delimited clauses, resolve pronouns, and
//! split the sentence into clauses at conjunctions.

use crate::words::{Word, WordKind};
use attache_dict::{CodeSet, Entry, Lexicon, Options, PhraseMatch, TokenWords};
use jiff::civil::Date;

/// What a word is after classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Plain,
    /// Part of a dictionary phrase whose head is at `usize`.
    Part(usize),
    /// Head of a dictionary phrase: index into [`Parse::phrases`].
    Phrase(usize),
    Noun,
    Adjective,
    Determiner,
    Pronoun(Pronoun),
    Conj,
    Comma,
    Quote,
    Number,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    /// HE, SHE, IT, HIM: the first actor of the sentence.
    Subject,
    /// ITS, HIS, HER: the nearest actor before.
    Possessive,
    /// THEY, THEM, THEIR: the first compound (else the first actor).
    Plural,
}

fn builtin(text: &str) -> Class {
    match text {
        "THE" | "A" | "AN" => Class::Determiner,
        "HE" | "SHE" | "IT" | "HIM" => Class::Pronoun(Pronoun::Subject),
        "ITS" | "HIS" | "HER" => Class::Pronoun(Pronoun::Possessive),
        "THEY" | "THEM" | "THEIR" => Class::Pronoun(Pronoun::Plural),
        "AND" | "BUT" | "OR" | "NOR" => Class::Conj,
        _ => Class::Plain,
    }
}

/// The class of a word that starts no dictionary phrase.
fn unmatched_class(word: &Word) -> Class {
    match word.kind {
        WordKind::Number => Class::Number,
        _ => builtin(&word.text),
    }
}

/// One member of an actor occurrence: a code with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The actor code (inline up to 22 bytes, so members copy without allocating).
    pub code: attache_doc::Norm,
    /// Dictionary actor (index) the code came from, if any.
    pub actor: Option<u32>,
    /// Agent (index) that completed the code, if any.
    pub agent: Option<u32>,
    /// Token range `[first, last]` of the actor (and agent) words.
    pub first: usize,
    pub last: usize,
    /// Head word of the dictionary phrase that named the actor (or the agent alone).
    pub head: usize,
    /// The pronoun token that referred to this actor, when it was found through one.
    pub pronoun: Option<usize>,
    /// Found through a person (actor or role noun), so "he"/"she" may refer to it.
    pub person: bool,
    /// A place (a city, or a capital after "in"/"at") coded as its country: a target of force, aid or a visit,
    /// never a source (attache).
    pub place: bool,
}

/// An actor as the coder sees it at one place in the sentence: one or more members (a compound).
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    pub first: usize,
    pub last: usize,
    pub members: Vec<Member>,
    /// A parsed compound ("X and Y") or a coded compound (`[ELR/GAL]`).
    pub compound: bool,
    pub pronoun: bool,
}

/// The parse of one sentence.
#[derive(Debug, Default)]
pub struct Parse {
    pub n: usize,
    pub class: Vec<Class>,
    pub phrases: Vec<PhraseMatch>,
    /// Other verb entries with exactly the same words as a verb phrase (PETRARCH lists a verb in several
    /// blocks); aligned with `phrases`.
    pub verb_alternatives: Vec<Vec<Entry>>,
    /// Words inside deleted comma clauses (invisible to coding).
    pub deleted: Vec<bool>,
    /// Commas and conjunctions inside compounds or compound nouns (they neither split nor stop patterns).
    pub protected: Vec<bool>,
    pub occurrences: Vec<Occurrence>,
    /// Clause ranges `[start, end)`.
    pub clauses: Vec<(usize, usize)>,
    /// Special codes found while classifying: (kind, token) for `###` and `+++`.
    pub discard_at: Option<usize>,
    pub complex_at: Option<usize>,
    /// Discard phrases (PETRARCH style) found: (index into discards, story-level).
    pub discards: Vec<(u32, bool)>,
    pub issues: Vec<u32>,
    pub all_caps: bool,
    /// Speech verbs ("said", and "added" when it introduces speech), by head token: their subjects report
    /// events rather than cause them.
    pub speech: Vec<bool>,
    /// Phrases that name the dyad just mentioned ("the two sides", "both countries"): word ranges.
    pub dyads: Vec<(usize, usize)>,
}

impl Parse {
    /// Empties the parse for a sentence of `n` words, keeping its buffers (a coder reuses one parse from
    /// sentence to sentence instead of allocating a dozen vectors for each).
    pub fn reset(&mut self, n: usize) {
        // Destructured, so that a new field cannot be forgotten here.
        let Parse {
            n: words,
            class,
            phrases,
            verb_alternatives,
            deleted,
            protected,
            occurrences,
            clauses,
            discard_at,
            complex_at,
            discards,
            issues,
            all_caps,
            speech,
            dyads,
        } = self;
        *words = n;
        class.clear();
        class.resize(n, Class::Plain);
        phrases.clear();
        verb_alternatives.clear();
        for flags in [deleted, protected, speech] {
            flags.clear();
            flags.resize(n, false);
        }
        occurrences.clear();
        clauses.clear();
        *discard_at = None;
        *complex_at = None;
        discards.clear();
        issues.clear();
        *all_caps = false;
        dyads.clear();
    }

    pub fn phrase_at(&self, i: usize) -> Option<&PhraseMatch> {
        match self.class.get(i) {
            Some(Class::Phrase(p)) => Some(&self.phrases[*p]),
            _ => None,
        }
    }

    /// Verb heads (token index, phrase index) in order.
    pub fn verbs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.heads(|entry| matches!(entry, Entry::Verb(..)))
    }

    /// Visible heads (token index, phrase index) of the phrases whose entry passes `test`, in order. (Phrases
    /// are found left to right, one per head, so this walks the few phrases, not every word.)
    pub fn heads(&self, test: fn(&Entry) -> bool) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.phrases.iter().enumerate().filter_map(move |(k, m)| {
            let i = m.first();
            (test(&m.entry) && self.class[i] == Class::Phrase(k) && !self.deleted[i]).then_some((i, k))
        })
    }

    /// Is token `i` a visible, unprotected comma?
    pub fn is_stop(&self, i: usize) -> bool {
        self.class[i] == Class::Comma && !self.protected[i]
    }

    /// Is token `i` the head of a speech verb ("said", "told", "added that")?
    pub fn is_speech(&self, i: usize) -> bool {
        self.speech.get(i).copied().unwrap_or(false) && !self.deleted[i]
    }

    /// The last token of the phrase headed at `i` (the token itself when it heads no phrase).
    pub fn phrase_end(&self, i: usize) -> usize {
        match self.class[i] {
            Class::Phrase(k) => self.phrases[k].last(),
            _ => i,
        }
    }
}

/// State carried from one sentence to the next (pronouns at the start of a sentence, FORWARD), and what the
/// story has said so far (attache's `story_context`).
#[derive(Debug, Clone, Default)]
pub struct Carry {
    /// Actors of the previous sentence (first first) for sentence-initial pronouns.
    pub previous: Vec<Member>,
    pub previous_compound: Option<Vec<Member>>,
    /// Kept across paragraphs: the whole story so far.
    pub story: Story,
}

/// What earlier sentences of a story established (attache `story_context`, docs/coder.md "Story context").
#[derive(Debug, Clone, Default)]
pub struct Story {
    /// Words of people's names named earlier ("WANG" for "Wang Yi", "LIANG" for "spokesman Liang Qiao") with
    /// the actor they named; the most recent last.
    pub names: Vec<(attache_doc::Norm, Member)>,
    /// Agent code → the last actor that carried it with a country ("Ukrainian protesters" → `UKROPP`), so a
    /// later "the protesters" is Ukrainian too.
    pub agents: Vec<(attache_doc::Norm, Member)>,
    /// Fact events coded so far, in order: (source code, target code).
    pub events: Vec<(attache_doc::Norm, attache_doc::Norm)>,
}

impl Carry {
    /// A new paragraph: pronouns no longer reach back, but the story's context stays.
    pub fn new_paragraph(&mut self) {
        self.previous.clear();
        self.previous_compound = None;
    }
}

pub struct Parser<'a> {
    pub lex: &'a Lexicon,
    pub opts: &'a Options,
}

impl Parser<'_> {
    pub fn parse(&self, words: &[Word], ids: &TokenWords, date: Option<Date>, terminal: bool, carry: &Carry) -> Parse {
        let mut p = Parse::default();
        self.parse_into(words, ids, date, terminal, carry, &mut p);
        p
    }

    /// [`Parser::parse`] into `p`, reusing its buffers (whatever it held before is replaced).
    pub fn parse_into(
        &self,
        words: &[Word],
        ids: &TokenWords,
        date: Option<Date>,
        terminal: bool,
        carry: &Carry,
        p: &mut Parse,
    ) {
        p.reset(words.len());
        let letters = words.iter().flat_map(|w| w.original.chars()).filter(|c| c.is_alphabetic());
        p.all_caps = letters.clone().next().is_some() && letters.clone().all(|c| !c.is_lowercase());
        self.classify(words, ids, date, p);
        if self.opts.story_context {
            self.mark_dyad_phrases(words, p);
        }
        self.nounify(words, p);
        self.build_occurrences(words, date, p);
        if self.opts.rich_agents {
            // "Chinese President Xi Jinping" is one actor, not a country and a person.
            self.merge_titled_people(words, p);
            if self.opts.story_context {
                self.recall_story_names(words, carry, p);
            }
            // Compounds first, so an agent can apply to all of a compound's members.
            self.find_compounds(words, p);
            self.attach_agents(words, carry, p);
        } else {
            self.attach_agents(words, carry, p);
            self.find_compounds(words, p);
        }
        if self.opts.story_context {
            self.resolve_dyads(carry, p);
        }
        self.protect_compound_nouns(words, p);
        self.delete_comma_clauses(terminal, p);
        self.resolve_pronouns(words, carry, p);
        self.split_clauses(words, p);
    }

    fn classify(&self, words: &[Word], ids: &TokenWords, date: Option<Date>, p: &mut Parse) {
        let n = words.len();
        let mut found = Vec::new();
        // At most one phrase per word: one allocation each instead of growing from empty.
        p.phrases.reserve(n);
        p.verb_alternatives.reserve(n);
        let mut i = 0;
        while i < n {
            match words[i].kind {
                WordKind::Comma => {
                    p.class[i] = Class::Comma;
                    i += 1;
                    continue;
                }
                WordKind::Quote => {
                    p.class[i] = Class::Quote;
                    i += 1;
                    continue;
                }
                _ => {}
            }
            if matches!(p.class[i], Class::Part(_)) {
                i += 1;
                continue;
            }
            found.clear();
            self.lex.phrases_at(ids, i, n, &mut found);
            if found.is_empty() {
                // Most words start no phrase.
                p.class[i] = unmatched_class(&words[i]);
                i += 1;
                continue;
            }
            // Discards and issues annotate; they never claim words.
            for m in &found {
                match m.entry {
                    Entry::Discard(d) => p.discards.push((d, self.lex.discard(d).story)),
                    Entry::Issue(k) => p.issues.push(k),
                    _ => {}
                }
            }
            found.retain(|m| {
                !matches!(m.entry, Entry::Discard(_) | Entry::Issue(_))
                    && m.positions.iter().all(|&q| q as usize == i || p.class[q as usize] == Class::Plain)
                    && m.positions.iter().all(|&q| !matches!(words[q as usize].kind, WordKind::Comma | WordKind::Quote))
            });
            Lexicon::rank(&mut found);
            // Two actors may share a name in different years ("the matcher picks the person holding a role at
            // the article date"): prefer the one with a code on this date.
            if let Some(top) = found.first()
                && matches!(top.entry, Entry::Actor(_))
                && let Some(dated) = found.iter().position(|m| {
                    m.positions == top.positions
                        && matches!(m.entry, Entry::Actor(a) if self.actor_codes(a, date).is_some())
                })
            {
                found.swap(0, dated);
            }
            if let Some(best) = found.first().cloned() {
                let index = p.phrases.len();
                p.class[i] = match best.entry {
                    Entry::Noun => Class::Noun,
                    Entry::Adjective => Class::Adjective,
                    _ => Class::Phrase(index),
                };
                for &q in &best.positions[1..] {
                    p.class[q as usize] = Class::Part(i);
                }
                self.note_special(&best, date, i, p);
                p.speech[i] = match best.entry {
                    Entry::Attribution(..) => true,
                    // "added 27 companies to a blacklist" is an act, "he added that …" / "…, he added." speech.
                    Entry::Verb(..) if self.opts.english_syntax => {
                        let next = best.last() + 1;
                        found[1..]
                            .iter()
                            .any(|m| matches!(m.entry, Entry::Attribution(..)) && m.positions == best.positions)
                            && (next >= n
                                || matches!(words[next].kind, WordKind::Comma | WordKind::Quote)
                                || words[next].text == "THAT")
                    }
                    _ => false,
                };
                let alternatives = if matches!(best.entry, Entry::Verb(..)) {
                    found[1..]
                        .iter()
                        .filter(|m| matches!(m.entry, Entry::Verb(..)) && m.positions == best.positions)
                        .map(|m| m.entry)
                        .collect()
                } else {
                    Vec::new()
                };
                p.verb_alternatives.push(alternatives);
                p.phrases.push(best);
            } else {
                p.class[i] = unmatched_class(&words[i]);
            }
            i += 1;
        }
    }

    /// Records discard (`###`) and complex (`+++`) codes on actors and verb roots as soon as words are classified.
    fn note_special(&self, m: &PhraseMatch, date: Option<Date>, at: usize, p: &mut Parse) {
        let special = match m.entry {
            Entry::Actor(a) => match self.lex.actor(a).codes.resolve(date) {
                Some(CodeSet::Discard) => Some(true),
                Some(CodeSet::Complex) => Some(false),
                _ => None,
            },
            // Time phrases count only when dates are shifted; verbs only once nouns are known (see `nounify`).
            Entry::Time(t, member) if self.opts.time_shifting.unwrap_or_else(|| self.lex.has_time_shifts()) => {
                special_code(&self.lex.time_entry(t).members[member as usize].code)
            }
            _ => None,
        };
        match special {
            Some(true) => {
                p.discard_at.get_or_insert(at);
            }
            Some(false) => {
                p.complex_at.get_or_insert(at);
            }
            None => {}
        }
    }

    /// TABARI: a verb right after THE/A/AN, or capitalised in mid-sentence, is a noun.
    fn nounify(&self, words: &[Word], p: &mut Parse) {
        let first_word = words.iter().position(|w| w.kind == WordKind::Word).unwrap_or(0);
        for i in 0..p.n {
            let Class::Phrase(k) = p.class[i] else { continue };
            if !matches!(p.phrases[k].entry, Entry::Verb(..)) {
                continue;
            }
            // PETRARCH reads modal auxiliaries (MD) as non-verbs.
            if self.opts.petrarch && is_modal(&words[i].text) {
                p.class[i] = Class::Plain;
                continue;
            }
            let after_determiner = i > 0 && p.class[i - 1] == Class::Determiner;
            let after_possessive = self.opts.nouns_after_possessives
                && i > 0
                && (matches!(words[i - 1].text.as_str(), "HIS" | "HER" | "ITS" | "THEIR" | "OUR" | "MY" | "YOUR")
                    || words[i - 1].text.ends_with("'S")
                    || words[i - 1].text.ends_with("S'"));
            let capitalised = i > first_word && !p.all_caps && words[i].capitalized();
            // attache: "accused X of shelling" (a gerund after OF names an act, it does not report one) and
            // "struck targets", "imposed curbs" (a plural right after a verb is its object).
            let text = words[i].text.as_str();
            let gerund_after_of =
                self.opts.nouns_after_possessives && i > 0 && words[i - 1].text == "OF" && text.ends_with("ING");
            let plural_object = self.opts.nouns_after_possessives
                && i > 0
                && text.ends_with('S')
                && !text.ends_with("SS")
                && !text.ends_with("'S")
                && matches!(p.class[i - 1], Class::Phrase(j) if matches!(p.phrases[j].entry, Entry::Verb(..)));
            if after_determiner || after_possessive || capitalised || gerund_after_of || plural_object {
                p.class[i] = Class::Noun;
                continue;
            }
            if self.opts.english_syntax {
                // "similar rallies were held", "the attack was condemned": a verb form before an auxiliary is
                // the subject, a noun.
                let before_auxiliary = words.get(p.phrase_end(i) + 1).is_some_and(|w| {
                    matches!(w.text.as_str(), "WAS" | "WERE" | "IS" | "ARE" | "HAS" | "HAVE" | "HAD")
                        || is_modal(&w.text)
                });
                if before_auxiliary || self.inside_noun_phrase(words, p, i) {
                    p.class[i] = Class::Noun;
                    continue;
                }
                if is_auxiliary_have(words, p, i) {
                    p.class[i] = Class::Plain;
                    continue;
                }
            }
            // A verb whose own code is `###` or `+++` marks the sentence as soon as it is known to be a verb.
            if let Entry::Verb(v, member) = p.phrases[k].entry {
                match special_code(&self.lex.verb(v).members[member as usize].code) {
                    Some(true) => {
                        p.discard_at.get_or_insert(i);
                    }
                    Some(false) => {
                        p.complex_at.get_or_insert(i);
                    }
                    None => {}
                }
            }
        }
    }

    /// English syntax: a verb form that heads a noun phrase is a noun — right after a preposition ("in return",
    /// "after talks"), or after a determiner or possessive and modifiers that follow a preposition or a copula
    /// ("after a massive Russian missile and drone attack", "on his first visit", "is the first state visit"),
    /// or after a possessive and modifiers ("Washington's first demand").
    fn inside_noun_phrase(&self, words: &[Word], p: &Parse, i: usize) -> bool {
        let text = words[i].text.as_str();
        if i == 0 {
            return false;
        }
        if is_preposition(&words[i - 1].text) && !text.ends_with("ING") {
            return true;
        }
        // A past participle after a noun modifies it ("a swap mediated by the UAE"); it is not a noun.
        if text.ends_with("ED") || text.ends_with("EN") {
            return false;
        }
        // The word right before the verb must be a lower-case modifier ("state visit", "drone attack"), not a
        // subject.
        let lower_modifier = |k: usize| {
            let class_ok = match p.class[k] {
                Class::Plain | Class::Noun | Class::Adjective | Class::Number => true,
                Class::Phrase(x) => matches!(p.phrases[x].entry, Entry::Agent(_)),
                _ => false,
            };
            class_ok
                && words[k].kind != WordKind::Comma
                && words[k].original.chars().next().is_some_and(|c| !c.is_uppercase())
                && !is_function_word(&words[k].text)
                && !is_possessive(&words[k].text)
        };
        if !lower_modifier(i - 1) {
            return false;
        }
        let actor_word = |k: usize| match p.class[k] {
            Class::Phrase(x) => matches!(p.phrases[x].entry, Entry::Actor(_)),
            Class::Part(h) => matches!(p.class[h], Class::Phrase(x) if matches!(p.phrases[x].entry, Entry::Actor(_))),
            _ => false,
        };
        let mut j = i - 1;
        let mut steps = 0;
        while j > 0 && steps < 6 {
            let k = j - 1;
            let joins = words[k].text == "AND" && k > 0 && (lower_modifier(k - 1) || actor_word(k - 1));
            if (lower_modifier(k) || actor_word(k) || joins) && !is_possessive(&words[k].text) {
                j = k;
                steps += 1;
            } else {
                break;
            }
        }
        let Some(d) = j.checked_sub(1) else { return false };
        // "from two deadly suicide attacks": modifiers right after a preposition.
        if is_preposition(&words[d].text) {
            return true;
        }
        let possessive = is_possessive(&words[d].text);
        if possessive && steps <= 1 {
            return true;
        }
        let determiner = p.class[d] == Class::Determiner || possessive;
        determiner && d > 0 && (is_preposition(&words[d - 1].text) || is_copula(&words[d - 1].text))
    }

    /// The actor's codes on `date` (borrowed: this runs for every actor phrase of every sentence).
    fn actor_codes(&self, a: u32, date: Option<Date>) -> Option<&[Box<str>]> {
        match self.lex.actor(a).codes.resolve(date) {
            Some(CodeSet::Codes(codes)) => Some(codes),
            _ => None,
        }
    }

    fn build_occurrences(&self, _words: &[Word], date: Option<Date>, p: &mut Parse) {
        // Actors (null-coded ones become nouns).
        let mut occurrences = std::mem::take(&mut p.occurrences);
        occurrences.clear();
        for i in 0..p.n {
            let Class::Phrase(k) = p.class[i] else { continue };
            let m = &p.phrases[k];
            let Entry::Actor(a) = m.entry else { continue };
            let kind = self.lex.actor(a).kind;
            // "talks in Geneva", "met at Brasilia": a capital after IN/AT is where, not who (attache). With
            // English syntax it is a place (its country), else a plain noun.
            // "in Warsaw, Vilnius and Prague": the list after IN is places too.
            let listed_place = self.opts.english_syntax
                && i > 1
                && matches!(_words[i - 1].text.as_str(), "," | "AND" | "OR")
                && occurrences
                    .last()
                    .is_some_and(|o: &Occurrence| o.last + 2 == i && o.members.iter().all(|m| m.place));
            let capital_as_place = self.opts.nouns_after_possessives
                && kind == attache_dict::ActorKind::Capital
                && i > 0
                && (matches!(_words[i - 1].text.as_str(), "IN" | "AT")
                    || self.opts.english_syntax
                        && matches!(_words[i - 1].text.as_str(), "NEAR" | "OUTSIDE" | "AROUND" | "INSIDE")
                    || listed_place);
            if capital_as_place && !self.opts.english_syntax {
                p.class[i] = Class::Noun;
                continue;
            }
            let place = capital_as_place || kind == attache_dict::ActorKind::Place;
            match self.actor_codes(a, date) {
                Some(codes) => {
                    // A phrase with gaps ("Durthang … Orc") stands where its head is.
                    let first = m.first();
                    let run = m.positions.windows(2).take_while(|w| w[1] == w[0] + 1).count();
                    let last = m.positions[run] as usize;
                    let person = self.lex.actor(a).kind == attache_dict::ActorKind::Person;
                    let compound = codes.len() > 1;
                    let members = codes
                        .iter()
                        .map(|code| Member {
                            // A capital taken as a place is its country.
                            code: if capital_as_place { code.get(..3).unwrap_or(code) } else { code }.into(),
                            actor: Some(a),
                            agent: None,
                            first,
                            last,
                            head: first,
                            pronoun: None,
                            person,
                            place,
                        })
                        .collect();
                    occurrences.push(Occurrence { first, last, members, compound, pronoun: false });
                }
                None => p.class[i] = Class::Noun,
            }
        }
        occurrences.sort_by_key(|o| o.first);
        if self.opts.rich_agents {
            // "Sino-US ties", "China-US relations": actors joined by a hyphen name a relationship, not actors.
            let mut dyad = vec![false; occurrences.len()];
            for i in 1..occurrences.len() {
                let (a, b) = (&occurrences[i - 1], &occurrences[i]);
                if b.first == a.last + 1 && _words[b.first].hyphen_before {
                    dyad[i - 1] = true;
                    dyad[i] = true;
                }
            }
            let mut i = 0;
            occurrences.retain(|o| {
                let keep = !dyad[i];
                if !keep {
                    p.class[o.first] = Class::Noun;
                }
                i += 1;
                keep
            });
        }
        p.occurrences = occurrences;
    }

    /// "the two sides", "both countries": phrases that name the dyad just mentioned. Their words become nouns
    /// (so "governments" does not attach as an agent); [`Parser::resolve_dyads`] makes them actors.
    fn mark_dyad_phrases(&self, words: &[Word], p: &mut Parse) {
        const NOUNS: &[&str] = &[
            "SIDES",
            "COUNTRIES",
            "GOVERNMENTS",
            "LEADERS",
            "DELEGATIONS",
            "NATIONS",
            "CAPITALS",
            "MINISTERS",
            "PRESIDENTS",
            "ARMIES",
            "MILITARIES",
            "NEIGHBOURS",
            "NEIGHBORS",
            "POWERS",
            "STATES",
            "RIVALS",
            "ALLIES",
        ];
        let mut i = 0;
        while i + 1 < p.n {
            let first = match words[i].text.as_str() {
                "BOTH" => Some(i),
                "TWO" if i > 0 && words[i - 1].text == "THE" => Some(i - 1),
                _ => None,
            };
            match first {
                Some(first) if NOUNS.contains(&words[i + 1].text.as_str()) => {
                    for q in first..=i + 1 {
                        p.class[q] = Class::Noun;
                    }
                    p.dyads.push((first, i + 1));
                    i += 2;
                }
                _ => i += 1,
            }
        }
    }

    /// Makes each "the two sides" phrase a compound of the dyad it names: the nearest compound before it in the
    /// sentence, else the first two actors of different countries before it, else the previous sentence's.
    fn resolve_dyads(&self, carry: &Carry, p: &mut Parse) {
        for &(first, last) in &p.dyads {
            let before: Vec<&Occurrence> = p.occurrences.iter().filter(|o| o.last < first).collect();
            let members = before
                .iter()
                .rev()
                .find(|o| o.compound && two_countries(o.members.iter()).is_some())
                .and_then(|o| two_countries(o.members.iter()))
                .or_else(|| two_countries(before.iter().flat_map(|o| o.members.iter())))
                .or_else(|| carry.previous_compound.as_ref().and_then(|c| two_countries(c.iter())))
                .or_else(|| two_countries(carry.previous.iter()));
            let Some(members) = members else { continue };
            let members = members
                .into_iter()
                .map(|m| Member { first, last, head: first, pronoun: None, place: false, ..m })
                .collect();
            p.occurrences.push(Occurrence { first, last, members, compound: true, pronoun: false });
        }
        p.occurrences.sort_by_key(|o| o.first);
    }

    /// A person named in full earlier in the story may be named by one word of the name later ("Wang hosted
    /// him", "Takaichi welcomed Lee"): those words become that person again.
    fn recall_story_names(&self, words: &[Word], carry: &Carry, p: &mut Parse) {
        if carry.story.names.is_empty() {
            return;
        }
        let recalled = |p: &Parse, i: usize| -> Option<&Member> {
            let w = &words[i];
            if p.class[i] != Class::Plain || w.kind != WordKind::Word || !w.capitalized() {
                return None;
            }
            carry.story.names.iter().rev().find(|(name, _)| *name == w.text).map(|(_, m)| m)
        };
        let mut added = Vec::new();
        let mut i = 0;
        while i < p.n {
            let covered = p.occurrences.iter().any(|o| o.first <= i && i <= o.last);
            let Some(member) = recalled(p, i).filter(|_| !covered) else {
                i += 1;
                continue;
            };
            // "Liang Qiao" again: the next word of the same name belongs to it.
            let mut last = i;
            while last + 1 < p.n && recalled(p, last + 1).is_some_and(|m| m.code == member.code) {
                last += 1;
            }
            let member = Member { first: i, last, head: i, pronoun: None, place: false, ..member.clone() };
            added.push(Occurrence { first: i, last, members: vec![member], compound: false, pronoun: false });
            i = last + 1;
        }
        for o in &added {
            for q in o.first..=o.last {
                p.class[q] = Class::Noun;
            }
        }
        p.occurrences.extend(added);
        p.occurrences.sort_by_key(|o| o.first);
    }

    /// Merges `<actor> <agent> <person>` ("US President Donald Trump") into one actor occurrence; the agent
    /// inside it still attaches to it.
    fn merge_titled_people(&self, words: &[Word], p: &mut Parse) {
        if self.opts.english_syntax {
            // "Pakistan's Inter-Services Public Relations", "China's Xi Jinping": a possessive actor right before
            // another actor names its owner; the second is the actor meant.
            let mut i = 0;
            while i + 1 < p.occurrences.len() {
                let (a, b) = (&p.occurrences[i], &p.occurrences[i + 1]);
                let owner = a.last + 1 == b.first
                    && is_possessive(&words[a.last].text)
                    && !a.compound
                    && a.members.iter().all(|m| !m.person && !m.place)
                    && b.members.iter().all(|m| !m.place);
                if owner {
                    let first = a.first;
                    let mut merged = b.clone();
                    merged.first = first;
                    for m in &mut merged.members {
                        m.first = m.first.min(first);
                    }
                    p.occurrences[i] = merged;
                    p.occurrences.remove(i + 1);
                }
                i += 1;
            }
        }
        let agent_end = |at: usize| -> Option<usize> {
            match p.class.get(at) {
                Some(Class::Phrase(k)) if matches!(p.phrases[*k].entry, Entry::Agent(_)) => Some(p.phrases[*k].last()),
                _ => None,
            }
        };
        // A person's name may go on past the form that matched ("President Xi" + "Jinping").
        let mut upper = String::new();
        for o in 0..p.occurrences.len() {
            let occ = &p.occurrences[o];
            let [m] = occ.members.as_slice() else { continue };
            let Some(a) = m.actor.filter(|_| m.person) else { continue };
            if occ.last + 1 >= p.n || p.class[occ.last + 1] != Class::Plain {
                continue;
            }
            let name = &self.lex.actor(a).id;
            let mut last = occ.last;
            while last + 1 < p.n
                && p.class[last + 1] == Class::Plain
                && crate::words::name_has_word(name, &words[last + 1].text, &mut upper)
            {
                last += 1;
            }
            if last > occ.last {
                let occ = &mut p.occurrences[o];
                occ.last = last;
                occ.members[0].last = last;
            }
        }
        // "Chinese President Xi Jinping" matched as "Chinese" + the person "President Xi": one actor, the person.
        // English syntax also bridges title words the dictionaries do not know ("U.S. Treasury Secretary Scott
        // Bessent").
        let title_word = |j: usize| {
            self.opts.english_syntax
                && p.class[j] == Class::Plain
                && words[j].kind == WordKind::Word
                && words[j].capitalized()
        };
        let mut i = 0;
        while i + 1 < p.occurrences.len() {
            let (a, b) = (&p.occurrences[i], &p.occurrences[i + 1]);
            let person = b.members.len() == 1 && b.members[0].person && b.members[0].actor.is_some();
            let adjacent = a.last + 1 == b.first
                || a.last < b.first && b.first - a.last <= 3 && (a.last + 1..b.first).all(title_word);
            if person && adjacent && a.members.iter().all(|m| !m.person && m.agent.is_none() && !m.place) {
                let (first, mut merged) = (a.first, b.clone());
                merged.first = first;
                merged.members[0].first = first;
                p.occurrences[i] = merged;
                p.occurrences.remove(i + 1);
            }
            i += 1;
        }
        // A title followed by an unknown name ("Chinese President Zhang San") keeps the name in the actor.
        for o in 0..p.occurrences.len() {
            let Some(end) = agent_end(p.occurrences[o].last + 1) else { continue };
            let mut last = end;
            while last + 1 < p.n
                && last + 1 - end <= 3
                && p.class[last + 1] == Class::Plain
                && words[last + 1].kind == crate::words::WordKind::Word
                && words[last + 1].capitalized()
            {
                last += 1;
            }
            if last > end {
                let occ = &mut p.occurrences[o];
                occ.last = last;
                for m in &mut occ.members {
                    m.last = last;
                    m.person = true;
                }
            }
        }
        let mut i = 0;
        while i + 1 < p.occurrences.len() {
            let (a, b) = (&p.occurrences[i], &p.occurrences[i + 1]);
            let person = b.members.len() == 1 && b.members[0].person && b.members[0].agent.is_none();
            let joined = agent_end(a.last + 1).is_some_and(|end| end + 1 == b.first);
            if person && joined && a.members.iter().all(|m| !m.person) {
                let last = b.last;
                // English syntax: a person the dictionaries know keeps their own code ("Chinese Foreign Minister
                // Wang Yi" is Wang Yi; the title still attaches to him).
                if self.opts.english_syntax && b.members[0].actor.is_some() && a.members.len() == 1 {
                    let first = a.first;
                    let mut merged = b.clone();
                    merged.first = first;
                    merged.members[0].first = first;
                    p.occurrences[i] = merged;
                    p.occurrences.remove(i + 1);
                    i += 1;
                    continue;
                }
                let a = &mut p.occurrences[i];
                a.last = last;
                for m in &mut a.members {
                    m.last = last;
                    m.person = true;
                }
                p.occurrences.remove(i + 1);
            }
            i += 1;
        }
    }

    /// Agents attach to the actor right before them, else right after, else after IN/OF (the) —
    /// "Arnor security officials", "President Peres", "activists in Arnor". With `rich_agents` (attache,
    /// PETRARCH) agents joined by "and" attach together ("media and government"), FROM also introduces the
    /// actor ("soldiers from Gondor"), a few modifiers may sit between actor and agent ("Dagolath's first
    /// Deputy Prime Minister"), and an agent of a compound applies to all its members.
    fn attach_agents(&self, words: &[Word], carry: &Carry, p: &mut Parse) {
        let rich = self.opts.rich_agents;
        let mut occurrences = std::mem::take(&mut p.occurrences);
        // Agent phrases (agent, first word, last word) in order, grouped when joined by "and": `groups` are
        // ranges of `agents` (two flat lists, not a list of lists, for every sentence).
        let mut agents: Vec<(u32, usize, usize)> = Vec::new();
        let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
        for (_, k) in p.heads(|entry| matches!(entry, Entry::Agent(_))) {
            let Entry::Agent(g) = p.phrases[k].entry else { continue };
            let (first, last) = (p.phrases[k].first(), p.phrases[k].last());
            let joins_previous = rich
                && agents
                    .last()
                    .is_some_and(|&(_, _, prev_last)| prev_last + 2 == first && words[prev_last + 1].text == "AND");
            agents.push((g, first, last));
            match groups.last_mut() {
                Some(group) if joins_previous => group.end += 1,
                _ => groups.push(agents.len() - 1..agents.len()),
            }
        }
        let mut unattached = Vec::new();
        for range in groups {
            let group = &agents[range.clone()];
            let (first, last) = (group[0].1, group[group.len() - 1].2);
            // "Arnor former security officials": FORMER may sit between the actor and its agent.
            let gap = if first > 0 && words[first - 1].text == "FORMER" { 2 } else { 1 };
            let modifier = |j: usize| {
                matches!(p.class[j], Class::Plain | Class::Adjective | Class::Determiner | Class::Number | Class::Noun)
                    && words[j].kind == crate::words::WordKind::Word
                    // "the freed Ukrainians included soldiers": an -ed word on its own is a verb ("Russian-backed"
                    // is a modifier).
                    && !(self.opts.english_syntax && words[j].text.ends_with("ED") && !words[j].hyphen_before)
            };
            // Hosts are found member by member, so an agent inside a compound ("Ithilen and the government of
            // Gondor") takes only its neighbour.
            let find = |test: &dyn Fn(&Member) -> bool| -> Option<(usize, usize)> {
                occurrences.iter().enumerate().find_map(|(o, occ)| occ.members.iter().position(test).map(|mi| (o, mi)))
            };
            let inside = find(&|m: &Member| m.first < first && last < m.last);
            let before = find(&|m: &Member| {
                m.last + gap == first
                    || m.last + 1 == first
                    || rich && m.last < first && first - m.last <= 4 && (m.last + 1..first).all(modifier)
            });
            let after = || find(&|m: &Member| m.first == last + 1);
            let via_preposition = || {
                let mut j = last + 1;
                let preposition = |t: &str| matches!(t, "IN" | "OF") || rich && t == "FROM";
                if !words.get(j).is_some_and(|w| preposition(&w.text)) {
                    return None;
                }
                j += 1;
                while j < p.n && matches!(p.class[j], Class::Determiner | Class::Adjective) {
                    j += 1;
                }
                find(&|m: &Member| m.first == j)
            };
            let former = |at: usize| at > 0 && words[at - 1].text == "FORMER";
            let Some((o, host_member)) = inside.or(before).or_else(after).or_else(via_preposition) else {
                unattached.push(range);
                continue;
            };
            let occ = &mut occurrences[o];
            let is_former = former(first) || former(occ.first);
            // Only the neighbouring member takes the agent unless the agent stands outside a compound and agents
            // are rich (TABARI: "The ambassadors of Arnor, Osgiliath and Gondor" → ARNGOV, OSG, GON).
            let inside = occ.first < first && last < occ.last;
            let nearest = if occ.members.len() > 1 && (!rich || inside) { Some(host_member) } else { None };
            let mut members = Vec::new();
            for (mi, member) in occ.members.iter().enumerate() {
                if nearest.is_some_and(|n| n != mi) {
                    members.push(member.clone());
                    continue;
                }
                for &(g, gf, gl) in group {
                    let agent = self.lex.agent(g);
                    let code = if is_former { "ELI" } else { &agent.code };
                    let mut m = member.clone();
                    // "Berlin police", "Kharkiv officials": a capital or a place with an agent is its country's
                    // agent (DEUCOP), not the government's police.
                    let host: &str = if self.opts.english_syntax && (member.place || self.is_capital(member)) {
                        member.code.get(..3).unwrap_or(&member.code)
                    } else {
                        &member.code
                    };
                    m.code = combine(host, code, agent.prefix && !is_former).into();
                    m.place = false;
                    m.agent = Some(g);
                    m.first = m.first.min(gf);
                    m.last = m.last.max(gl);
                    m.person |= agent.person;
                    members.push(m);
                }
            }
            occ.members = members;
            occ.first = occ.first.min(first);
            occ.last = occ.last.max(last);
            occ.compound = occ.members.len() > 1;
        }
        if self.opts.convert_agents || !self.opts.require_dyad || self.opts.petrarch {
            // TABARI writes the missing actor as `~`, PETRARCH as `---`; agents joined by "and" form a compound.
            let unknown = if self.opts.convert_agents { "~" } else { "---" };
            for range in unattached {
                let group = &agents[range];
                let members: Vec<Member> = group
                    .iter()
                    .map(|&(g, first, last)| {
                        let agent = self.lex.agent(g);
                        let code = if agent.prefix {
                            format!("{}{unknown}", agent.code)
                        } else {
                            format!("{unknown}{}", agent.code)
                        };
                        Member {
                            code: code.into(),
                            actor: None,
                            agent: Some(g),
                            first,
                            last,
                            head: first,
                            pronoun: None,
                            person: agent.person,
                            place: false,
                        }
                    })
                    .collect();
                let (first, last) = (members[0].first, members[members.len() - 1].last);
                let compound = members.len() > 1;
                occurrences.push(Occurrence { first, last, members, compound, pronoun: false });
            }
        } else if self.opts.story_context || self.opts.english_syntax {
            // An agent without a country takes the country of a place later in its clause ("killed 500
            // civilians … near Damascus", "the Foreign Office, during a briefing in Islamabad, welcomed"), else
            // the one the story last gave the same agent ("the protesters" after "Ukrainian protesters").
            for range in unattached {
                let group = &agents[range];
                // "air defence systems": an agent noun modifying another noun names no one.
                let end = group[group.len() - 1].2;
                let modifies = words.get(end + 1).is_some_and(|w| {
                    matches!(p.class[end + 1], Class::Plain | Class::Noun)
                        && w.kind == WordKind::Word
                        && !w.capitalized()
                        && !is_function_word(&w.text)
                });
                if modifies {
                    continue;
                }
                let place = self.opts.english_syntax.then(|| place_after(words, &occurrences, end)).flatten();
                let members: Option<Vec<Member>> = group
                    .iter()
                    .map(|&(g, first, last)| {
                        let agent = self.lex.agent(g);
                        if let Some(country) = place {
                            let m = Member {
                                code: combine(country, &agent.code, agent.prefix).into(),
                                actor: None,
                                agent: Some(g),
                                first,
                                last,
                                head: first,
                                pronoun: None,
                                person: agent.person,
                                place: false,
                            };
                            return Some(m);
                        }
                        if !self.opts.story_context {
                            return None;
                        }
                        let (_, known) = carry.story.agents.iter().rev().find(|(c, _)| **c == *agent.code)?;
                        Some(Member { first, last, head: first, agent: Some(g), pronoun: None, ..known.clone() })
                    })
                    .collect();
                let Some(members) = members else { continue };
                let (first, last) = (members[0].first, members[members.len() - 1].last);
                let compound = members.len() > 1;
                occurrences.push(Occurrence { first, last, members, compound, pronoun: false });
            }
        }
        occurrences.sort_by_key(|o| o.first);
        p.occurrences = occurrences;
    }

    fn is_capital(&self, m: &Member) -> bool {
        m.agent.is_none() && m.actor.is_some_and(|a| self.lex.actor(a).kind == attache_dict::ActorKind::Capital)
    }

    /// `<np> and <np>`, `<np>, <np>, … and <np>` (also chained: "A and B, and C and D") where
    /// np = (determiner|adjective)* actor. An actor that follows the last one after an adjective or determiner
    /// joins it too ("Calenardhon and the evil Arnor awful Gondor").
    fn find_compounds(&self, words: &[Word], p: &mut Parse) {
        #[derive(Clone, Copy, PartialEq)]
        enum LinkKind {
            Conj,
            Comma,
            Absorb,
        }
        let mut occ = std::mem::take(&mut p.occurrences);
        // With loose noun phrases (attache, PETRARCH) any lower-case word and role nouns may precede the actor
        // ("the evil awful Gondor", "the government of Gondor"); TABARI needs declared adjectives.
        let loose = self.opts.rich_agents;
        let is_modifier = |j: usize| {
            matches!(p.class[j], Class::Determiner | Class::Adjective)
                || loose
                    && match p.class[j] {
                        Class::Plain => {
                            words[j].kind == crate::words::WordKind::Word
                                && words[j].original.chars().next().is_some_and(char::is_lowercase)
                        }
                        Class::Phrase(k) => matches!(p.phrases[k].entry, Entry::Agent(_)),
                        Class::Part(h) => {
                            matches!(p.class[h], Class::Phrase(k) if matches!(p.phrases[k].entry, Entry::Agent(_)))
                        }
                        _ => false,
                    }
        };
        let is_joining_conj =
            |j: usize| p.class[j] == Class::Conj && matches!(words[j].text.as_str(), "AND" | "OR" | "NOR");
        // The link between consecutive occurrences, and the separator words it uses (a comma, a conjunction).
        let link = |a: &Occurrence, b: &Occurrence| -> Option<(LinkKind, [Option<usize>; 2])> {
            let mut j = a.last + 1;
            let mut separators = [None; 2];
            let mut kind = None;
            if j < b.first && p.class[j] == Class::Comma {
                separators[0] = Some(j);
                kind = Some(LinkKind::Comma);
                j += 1;
            }
            if j < b.first && is_joining_conj(j) {
                separators[1] = Some(j);
                kind = Some(LinkKind::Conj);
                j += 1;
            }
            let modifiers = (j..b.first).count();
            if (j..b.first).any(|x| !is_modifier(x)) || b.first <= a.last || loose && modifiers > 4 {
                return None;
            }
            match kind {
                Some(k) => Some((k, separators)),
                None if modifiers > 0 => Some((LinkKind::Absorb, separators)),
                None => None,
            }
        };
        // Occurrences are moved, not cloned, into the result; `links` is reused from chain to chain.
        let mut merged: Vec<Occurrence> = Vec::with_capacity(occ.len());
        let mut links: Vec<(LinkKind, [Option<usize>; 2])> = Vec::new();
        let mut i = 0;
        while i < occ.len() {
            // The chain i, i + 1, …, i + links.len(): each occurrence linked to the one before it.
            links.clear();
            while let Some(next) = occ.get(i + links.len() + 1) {
                let Some(l) = link(&occ[i + links.len()], next) else { break };
                // Absorption only continues a list closed by a conjunction.
                if l.0 == LinkKind::Absorb && links.last().is_none_or(|x| x.0 == LinkKind::Comma) {
                    break;
                }
                links.push(l);
            }
            // Keep the chain up to the element after its last conjunction (plus absorbed actors).
            let Some(last_conj) = links.iter().rposition(|l| l.0 == LinkKind::Conj) else {
                let o = &mut occ[i];
                merged.push(Occurrence { members: std::mem::take(&mut o.members), ..*o });
                i += 1;
                continue;
            };
            let mut end = last_conj + 1;
            while end < links.len() && links[end].0 == LinkKind::Absorb {
                end += 1;
            }
            let mut members: Vec<Member> = Vec::new();
            for o in &mut occ[i..=i + end] {
                for m in std::mem::take(&mut o.members) {
                    if !members.iter().any(|x| x.code == m.code) {
                        members.push(m);
                    }
                }
            }
            for (_, separators) in &links[..end] {
                for &s in separators.iter().flatten() {
                    p.protected[s] = true;
                }
            }
            let compound = members.len() > 1;
            let (first, last) = (occ[i].first, occ[i + end].last);
            merged.push(Occurrence { first, last, members, compound, pronoun: false });
            i += end + 1;
        }
        p.occurrences = merged;
    }

    /// Compound nouns and adjectives ("bombs and rockets", "black and white") keep their conjunction; with English
    /// syntax, so do the commas of a list of common nouns ("sorghum, pulses and cooking oil").
    fn protect_compound_nouns(&self, words: &[Word], p: &mut Parse) {
        if self.opts.english_syntax {
            let common = |k: usize| {
                matches!(p.class[k], Class::Plain | Class::Noun | Class::Adjective)
                    && words[k].kind == WordKind::Word
                    && !words[k].capitalized()
                    && !is_function_word(&words[k].text)
            };
            for c in 1..p.n.saturating_sub(1) {
                if !p.is_stop(c) || !common(c - 1) || !common(c + 1) {
                    continue;
                }
                // The list must close with "and"/"or" and a common noun before anything else.
                let mut j = c + 1;
                while j < p.n && (common(j) || p.is_stop(j)) && j - c < 12 {
                    j += 1;
                }
                if j + 1 < p.n && matches!(words[j].text.as_str(), "AND" | "OR") && common(j + 1) {
                    p.protected[c] = true;
                }
            }
        }
        for i in 1..p.n.saturating_sub(1) {
            if p.class[i] != Class::Conj || p.protected[i] {
                continue;
            }
            let left = p.class[i - 1];
            let mut j = i + 1;
            if left == Class::Noun {
                while j < p.n && p.class[j] == Class::Adjective {
                    j += 1;
                }
                if j < p.n && p.class[j] == Class::Noun {
                    p.protected[i] = true;
                }
            } else if left == Class::Adjective && p.class[j] == Class::Adjective {
                p.protected[i] = true;
            }
        }
    }

    /// TABARI's comma rule: a clause between commas (or a comma and an end of the sentence) whose length in
    /// words falls within the limits is a non-restrictive aside and is deleted.
    fn delete_comma_clauses(&self, terminal: bool, p: &mut Parse) {
        let limits = self.opts.comma;
        if !limits.enabled {
            return;
        }
        let commas: Vec<usize> = (0..p.n).filter(|&i| p.is_stop(i)).collect();
        if commas.is_empty() {
            return;
        }
        let mut bounds = vec![None];
        bounds.extend(commas.iter().map(|&c| Some(c)));
        bounds.push(None);
        // Commas are "chained": a comma that closed a deleted clause cannot open another one.
        let mut consumed: Option<usize> = None;
        for w in bounds.windows(2) {
            let (start, end) = (w[0].map_or(0, |c| c + 1), w[1].unwrap_or(p.n));
            let len = end.saturating_sub(start);
            if w[0].is_some() && w[0] == consumed {
                continue;
            }
            let (min, max) = match (w[0], w[1]) {
                (None, None) => continue,
                (None, Some(_)) => (limits.begin_min, limits.begin_max),
                (Some(_), None) => (limits.end_min, limits.end_max),
                (Some(_), Some(_)) => (limits.min, limits.max),
            };
            if len >= min && len <= max {
                for d in &mut p.deleted[start..end] {
                    *d = true;
                }
                // The commas that delimit the clause go with it.
                for c in [w[0], w[1]].into_iter().flatten() {
                    p.deleted[c] = true;
                }
                consumed = w[1];
            }
        }
        let _ = terminal;
        // Phrases touching deleted words are cancelled.
        let deleted = p.deleted.clone();
        for i in 0..p.n {
            if let Class::Phrase(k) = p.class[i]
                && p.phrases[k].positions.iter().any(|&q| deleted[q as usize])
            {
                p.class[i] = Class::Plain;
                for &q in &p.phrases[k].positions {
                    if p.class[q as usize] == Class::Part(i) {
                        p.class[q as usize] = Class::Plain;
                    }
                }
            }
        }
        p.occurrences.retain_mut(|o| {
            // A member goes when any of its words was deleted or its dictionary phrase was cancelled (its tail
            // was inside a deleted clause: "Radagast, the Brown wizard …,").
            o.members
                .retain(|m| !(m.first..=m.last).any(|q| deleted[q]) && matches!(p.class[m.head], Class::Phrase(_)));
            !o.members.is_empty()
        });
        for o in &mut p.occurrences {
            o.first = o.members.iter().map(|m| m.first).min().unwrap_or(o.first).max(o.first.min(o.last));
            o.compound = o.compound && o.members.len() > 1;
        }
    }

    #[allow(clippy::needless_range_loop)]
    fn resolve_pronouns(&self, words: &[Word], carry: &Carry, p: &mut Parse) {
        if !p.class.iter().any(|c| matches!(c, Class::Pronoun(_))) {
            p.occurrences.sort_by_key(|o| o.first);
            return;
        }
        // Borrowed, not cloned.
        let actors: Vec<&Occurrence> = p.occurrences.iter().filter(|o| !o.pronoun).collect();
        let mut added = Vec::new();
        for i in 0..p.n {
            let Class::Pronoun(kind) = p.class[i] else { continue };
            if p.deleted[i] {
                continue;
            }
            // A pronoun before any actor of its sentence refers back to the previous sentence (TABARI FORWARD,
            // attache's cross-sentence pronouns).
            let use_forward = self.opts.forward.enabled || self.opts.cross_sentence_pronouns;
            let before_first = actors.first().is_none_or(|o| o.first > i);
            let plural_compound = self.opts.cross_sentence_pronouns && kind == Pronoun::Plural;
            // "He", "she" prefer people (attache); TABARI takes the first actor.
            let personal = self.opts.cross_sentence_pronouns
                && matches!(words[i].text.as_str(), "HE" | "SHE" | "HIM" | "HIS" | "HER");
            let referent: Option<(Vec<Member>, bool)> = if use_forward && before_first {
                forward(carry, plural_compound, personal)
            } else {
                let object = self.opts.story_context && words[i].text == "HIM";
                match kind {
                    // "Wang hosted him": an object pronoun is someone other than the subject — the latest other
                    // person in the sentence, else the previous sentence's.
                    Pronoun::Subject if object => {
                        let subject = actors.iter().find(|o| o.first < i).and_then(|o| o.members.first());
                        let other = |m: &Member| m.person && subject.is_none_or(|s| s.code != m.code);
                        actors
                            .iter()
                            .rev()
                            .filter(|o| o.first < i && !o.pronoun)
                            .find(|o| o.members.iter().any(other))
                            .map(|o| (o.members.clone(), o.compound))
                            .or_else(|| carry.previous.iter().find(|m| other(m)).map(|m| (vec![m.clone()], false)))
                    }
                    Pronoun::Subject => {
                        let personal = matches!(words[i].text.as_str(), "HE" | "SHE" | "HIM");
                        let person = if self.opts.cross_sentence_pronouns && personal {
                            actors.iter().find(|o| o.first < i && o.members.iter().any(|m| m.person))
                        } else {
                            None
                        };
                        person.or(actors.first()).map(|o| (o.members.clone(), o.compound))
                    }
                    // TABARI: "the first actor prior to the pronoun".
                    Pronoun::Possessive => actors.iter().find(|o| o.first < i).map(|o| (o.members.clone(), o.compound)),
                    Pronoun::Plural => {
                        actors.iter().find(|o| o.compound).or(actors.first()).map(|o| (o.members.clone(), o.compound))
                    }
                }
            };
            if let Some((members, compound)) = referent {
                let members =
                    members.into_iter().map(|m| Member { first: i, last: i, pronoun: Some(i), ..m }).collect();
                added.push(Occurrence { first: i, last: i, members, compound, pronoun: true });
            }
        }
        p.occurrences.extend(added);
        p.occurrences.sort_by_key(|o| o.first);
    }

    /// Does the segment after comma `c` open with a subject followed by its verb (", a senior official said")?
    fn starts_subject(&self, words: &[Word], p: &Parse, c: usize) -> bool {
        let mut j = c + 1;
        while j < p.n
            && j - c <= 5
            && (matches!(p.class[j], Class::Determiner | Class::Adjective)
                || p.class[j] == Class::Plain
                    && words[j].kind == crate::words::WordKind::Word
                    && !opens_clause_or_phrase(&words[j].text))
        {
            j += 1;
        }
        let subject = match p.class.get(j) {
            Some(Class::Phrase(k)) => matches!(p.phrases[*k].entry, Entry::Actor(_) | Entry::Agent(_)),
            Some(Class::Pronoun(_)) => true,
            _ => self.opts.story_context && p.occurrences.iter().any(|o| o.first == j),
        };
        if !subject {
            return false;
        }
        // Its verb must come before the next comma.
        let mut q = j + 1;
        while q < p.n && !p.is_stop(q) {
            if let Class::Phrase(k) = p.class[q]
                && matches!(p.phrases[k].entry, Entry::Verb(..) | Entry::Attribution(..))
            {
                return true;
            }
            q += 1;
        }
        false
    }

    /// After conjunction `c`: a verb (after adverbs and auxiliaries), or a subject and its verb.
    fn starts_predicate(&self, words: &[Word], p: &Parse, c: usize) -> bool {
        let mut j = c + 1;
        while j < p.n
            && (words[j].text.ends_with("LY")
                || is_modal(&words[j].text)
                || matches!(
                    words[j].text.as_str(),
                    "ALSO"
                        | "THEN"
                        | "LATER"
                        | "STILL"
                        | "NOT"
                        | "DID"
                        | "DIDN'T"
                        | "HAS"
                        | "HAVE"
                        | "HAD"
                        | "WAS"
                        | "WERE"
                ))
        {
            j += 1;
        }
        let verb = |j: usize| matches!(p.class.get(j), Some(Class::Phrase(k)) if matches!(p.phrases[*k].entry, Entry::Verb(..) | Entry::Attribution(..)));
        verb(j) || self.starts_subject(words, p, c)
    }

    fn split_clauses(&self, words: &[Word], p: &mut Parse) {
        let first_verb = p.verbs().next().map_or(p.n, |(v, _)| v);
        let mut start = 0;
        for i in 0..p.n {
            // "heavily and unjustly": a conjunction between adverbs joins them.
            let adverbs =
                || i > 0 && i + 1 < p.n && words[i - 1].text.ends_with("LY") && words[i + 1].text.ends_with("LY");
            let subject_part = !self.opts.split_before_first_verb && i < first_verb;
            let new_subject =
                self.opts.comma_clauses && p.is_stop(i) && !p.deleted[i] && self.starts_subject(words, p, i);
            // "Beijing hoped Washington would meet China": an unknown -ed word followed by a subject and its verb
            // is a verb that ends its clause.
            if self.opts.english_syntax
                && i > start
                && p.class[i] == Class::Plain
                && words[i].kind == WordKind::Word
                && words[i].text.ends_with("ED")
                && !words[i].capitalized()
                && self.starts_subject(words, p, i)
            {
                p.clauses.push((start, i + 1));
                start = i + 1;
                continue;
            }
            // "…, while China dropped …", "… a day after Washington approved …": a subordinate clause with its
            // own subject starts a clause (the conjunction stays with it, for the mode).
            // ("demanded that X send …" stays whole: the verb's pattern reads its complement.)
            let after_verb = || {
                i > 0
                    && matches!(p.class[i - 1], Class::Phrase(k) if matches!(p.phrases[k].entry, Entry::Verb(..) | Entry::Attribution(..)))
                    && words[i].text == "THAT"
            };
            if self.opts.english_syntax
                && i > start
                && is_subordinator(&words[i].text)
                && !after_verb()
                && !p.deleted[i]
                && self.starts_subject(words, p, i)
            {
                p.clauses.push((start, i));
                start = i;
                continue;
            }
            // English syntax: "and" splits only where a new predicate starts ("… and added …", "… and Beijing
            // lifted …"), not inside a noun phrase ("chips and chipmaking equipment").
            // (Checked last, and only at conjunctions: it looks ahead over the words that follow.)
            let predicate_follows = || !self.opts.english_syntax || self.starts_predicate(words, p, i);
            // A conjunction that belongs to a dictionary phrase (SHOT_AND_WOUND) is a literal, not a Conj.
            if new_subject
                || p.class[i] == Class::Conj
                    && !p.protected[i]
                    && !p.deleted[i]
                    && !subject_part
                    && !adverbs()
                    && predicate_follows()
            {
                p.clauses.push((start, i));
                start = i + 1;
            }
        }
        p.clauses.push((start, p.n));
    }
}

/// The country of the first place after word `end` in the same comma-free stretch of at most twelve words, with
/// no other actor in between.
fn place_after<'o>(words: &[Word], occurrences: &'o [Occurrence], end: usize) -> Option<&'o str> {
    let next = occurrences.iter().filter(|o| o.first > end).min_by_key(|o| o.first)?;
    let reachable = next.first - end <= 12 && (end + 1..next.first).all(|q| words[q].kind != WordKind::Comma);
    (reachable && next.members.iter().all(|m| m.place)).then(|| next.members[0].code.get(..3)).flatten()
}

/// Two members of different countries (the first, and the first after it from another country); places do not
/// count.
fn two_countries<'m>(members: impl Iterator<Item = &'m Member>) -> Option<Vec<Member>> {
    let mut first: Option<&Member> = None;
    for m in members.filter(|m| !m.place) {
        match first {
            None => first = Some(m),
            Some(f) if f.code.get(..3) != m.code.get(..3) => return Some(vec![f.clone(), m.clone()]),
            Some(_) => {}
        }
    }
    None
}

fn forward(carry: &Carry, plural: bool, personal: bool) -> Option<(Vec<Member>, bool)> {
    if plural && let Some(compound) = &carry.previous_compound {
        return Some((compound.clone(), true));
    }
    let person = if personal { carry.previous.iter().find(|m| m.person) } else { None };
    person.or(carry.previous.first()).map(|m| (vec![m.clone()], false))
}

impl Carry {
    /// Remembers a sentence's actors for the next sentence's pronouns. TABARI forwards only the actor's own
    /// code (without agents); attache keeps the full code.
    pub fn remember(&mut self, p: &Parse, lex: &Lexicon, date: Option<Date>, full_codes: bool) {
        let mut firsts = Vec::new();
        for o in p.occurrences.iter().filter(|o| !o.pronoun) {
            let Some(m) = o.members.first() else { continue };
            let mut m = m.clone();
            if !full_codes
                && let Some(a) = m.actor
                && let Some(CodeSet::Codes(codes)) = lex.actor(a).codes.resolve(date)
                && let Some(code) = codes.first()
            {
                m.code = attache_doc::Norm::new(code);
                m.agent = None;
            }
            firsts.push(m);
        }
        if firsts.is_empty() {
            return;
        }
        self.previous = firsts;
        self.previous_compound = p.occurrences.iter().find(|o| o.compound && !o.pronoun).map(|o| o.members.clone());
    }
}

/// Words that open a subordinate clause.
fn is_subordinator(text: &str) -> bool {
    matches!(
        text,
        "WHILE"
            | "WHEREAS"
            | "AFTER"
            | "BEFORE"
            | "SINCE"
            | "WHEN"
            | "UNTIL"
            | "BECAUSE"
            | "ALTHOUGH"
            | "THOUGH"
            | "AS"
            | "IF"
            | "UNLESS"
            | "THAT"
            | "WHERE"
            | "ONCE"
    )
}

fn is_preposition(text: &str) -> bool {
    matches!(
        text,
        "IN" | "ON"
            | "FOR"
            | "WITH"
            | "OF"
            | "AT"
            | "FROM"
            | "AGAINST"
            | "UNDER"
            | "AMID"
            | "OVER"
            | "DESPITE"
            | "AFTER"
            | "BEFORE"
            | "DURING"
            | "ABOUT"
            | "BY"
            | "INTO"
            | "THROUGH"
            | "WITHOUT"
            | "BETWEEN"
            | "AMONG"
            | "TOWARD"
            | "TOWARDS"
            | "AROUND"
            | "NEAR"
            | "UPON"
            | "WITHIN"
            | "FOLLOWING"
    )
}

fn is_copula(text: &str) -> bool {
    matches!(text, "IS" | "WAS" | "ARE" | "WERE" | "BE" | "BEEN" | "BECOME" | "BECAME" | "REMAINS" | "REMAINED")
}

fn is_possessive(text: &str) -> bool {
    matches!(text, "HIS" | "HER" | "ITS" | "THEIR" | "OUR" | "MY" | "YOUR")
        || text.ends_with("'S")
        || text.ends_with("S'")
}

/// Words that never modify a noun inside a noun phrase (they end it).
fn is_function_word(text: &str) -> bool {
    is_preposition(text)
        || is_copula(text)
        || is_modal(text)
        || matches!(
            text,
            "THE"
                | "A"
                | "AN"
                | "AND"
                | "OR"
                | "BUT"
                | "TO"
                | "THAT"
                | "WHICH"
                | "WHO"
                | "NOT"
                | "HAS"
                | "HAVE"
                | "HAD"
                | "DID"
                | "DOES"
                | "DO"
                | "ALSO"
                | "IT"
                | "THEY"
                | "HE"
                | "SHE"
                | "WE"
        )
}

/// "had so far refrained", "has lodged": a form of HAVE before a past participle is an auxiliary, not the verb
/// "have" (held talks).
fn is_auxiliary_have(words: &[Word], p: &Parse, i: usize) -> bool {
    if !matches!(words[i].text.as_str(), "HAVE" | "HAS" | "HAD" | "HAVING" | "'VE" | "'D") {
        return false;
    }
    let adverb = |t: &str| {
        t.ends_with("LY")
            || t.ends_with("N'T")
            || matches!(
                t,
                "SO" | "FAR" | "ALREADY" | "NOT" | "NEVER" | "ALSO" | "YET" | "JUST" | "LONG" | "STILL" | "EVEN"
            )
    };
    let mut j = p.phrase_end(i) + 1;
    while j < words.len() && adverb(&words[j].text) {
        j += 1;
    }
    let Some(next) = words.get(j) else { return false };
    let t = next.text.as_str();
    t == "BEEN"
        || t.ends_with("ED")
        || t.ends_with("EN")
        || matches!(p.class[j], Class::Phrase(k) if matches!(p.phrases[k].entry, Entry::Verb(..)))
}

/// Function words that cannot be part of a subject after a comma: they open a clause or a phrase instead (a
/// `match`, compiled to a switch on length, where a list scan compared every word against 38 strings).
fn opens_clause_or_phrase(word: &str) -> bool {
    matches!(
        word,
        "AFTER"
            | "BEFORE"
            | "SINCE"
            | "WHEN"
            | "WHILE"
            | "IF"
            | "THAT"
            | "WHICH"
            | "WHO"
            | "WHOM"
            | "WHERE"
            | "ALMOST"
            | "WITH"
            | "IN"
            | "ON"
            | "AT"
            | "BY"
            | "FOR"
            | "TO"
            | "FROM"
            | "OF"
            | "AS"
            | "ABOUT"
            | "AGAINST"
            | "BETWEEN"
            | "INTO"
            | "DURING"
            | "UNTIL"
            | "ACCORDING"
            | "THOUGH"
            | "ALTHOUGH"
            | "BECAUSE"
            | "BUT"
            | "AND"
            | "OR"
            | "NOR"
            | "WHOSE"
            | "NOT"
    )
}

fn is_modal(text: &str) -> bool {
    matches!(text, "SHOULD" | "WOULD" | "COULD" | "WILL" | "SHALL" | "MAY" | "MIGHT" | "MUST" | "CAN")
}

impl Story {
    /// Remembers what a sentence established: the words of people's names, which country each agent had, and
    /// the fact events (source, target) it coded.
    pub fn remember<'f>(
        &mut self,
        words: &[Word],
        p: &Parse,
        lex: &Lexicon,
        facts: impl Iterator<Item = (&'f str, &'f str)>,
    ) {
        for o in p.occurrences.iter().filter(|o| !o.pronoun) {
            for m in &o.members {
                if m.person && m.last > m.first {
                    let canonical = m
                        .actor
                        .filter(|&a| lex.actor(a).kind == attache_dict::ActorKind::Person)
                        .map(|a| crate::words::canonical_words(&lex.actor(a).id));
                    for (q, w) in words.iter().enumerate().take(m.last + 1).skip(m.first) {
                        let name_word = match &canonical {
                            Some(names) => names.iter().any(|n| **n == *w.text),
                            None => p.class[q] == Class::Plain,
                        };
                        if name_word && w.capitalized() && w.text.len() >= 3 && !is_function_word(&w.text) {
                            self.names.retain(|(n, _)| *n != w.text);
                            self.names.push((w.text.clone(), m.clone()));
                        }
                    }
                }
                if let (Some(g), Some(_)) = (m.agent, m.actor)
                    && !m.person
                {
                    let code = attache_doc::Norm::new(&lex.agent(g).code);
                    self.agents.retain(|(c, _)| *c != code);
                    self.agents.push((code, m.clone()));
                }
            }
        }
        for (source, target) in facts {
            self.events.push((attache_doc::Norm::new(source), attache_doc::Norm::new(target)));
        }
    }
}

/// `Some(true)` for a discard code, `Some(false)` for a complex code.
fn special_code(code: &attache_dict::Code) -> Option<bool> {
    match code {
        attache_dict::Code::Discard => Some(true),
        attache_dict::Code::Complex => Some(false),
        _ => None,
    }
}

/// Adds an agent code to an actor code unless it is already there on a 3-character boundary.
pub fn combine(actor: &str, agent: &str, prefix: bool) -> String {
    let aligned = agent.len().is_multiple_of(3) && (0..actor.len()).step_by(3).any(|at| actor[at..].starts_with(agent));
    if aligned || agent.is_empty() {
        return actor.to_string();
    }
    // (Pushed, not formatted: this runs for every agent attached.)
    let (head, tail) = if prefix { (agent, actor) } else { (actor, agent) };
    let mut code = String::with_capacity(head.len() + tail.len());
    code.push_str(head);
    code.push_str(tail);
    code
}

#[cfg(test)]
mod tests {
    use super::combine;

    #[test]
    fn agent_codes() {
        assert_eq!(combine("ARN", "GOV", false), "ARNGOV");
        assert_eq!(combine("USAGOV", "GOV", false), "USAGOV");
        assert_eq!(combine("HGWGOVMED", "GOVMED", false), "HGWGOVMED");
        assert_eq!(combine("GMWGOV", "WGO", false), "GMWGOVWGO");
        assert_eq!(combine("GONGMO", "NGM", true), "NGMGONGMO");
        assert_eq!(combine("NGM", "NGM", true), "NGM");
    }
}
