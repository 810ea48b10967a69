//! Coding one sentence: verb patterns, source and target, codes (TABARI manual chapters 5–8).
//!
//! For each clause, verbs are tried left to right; each verb's patterns are tried longest first (a pattern
//! with alternatives counts the alternative it matched); the first match — else the verb's own code — gives
//! the event code and perhaps designated actors (`$` source, `+` target, `%` compound both, `^` skip).
//! Undesignated actors follow TABARI's default search: the source is the first actor before the verb, the
//! target the first actor after it with a different code (else the first before it); a passive verb ("was
//! opposed by") swaps them. Compound actors and paired codes (`032:033`) multiply events.

use crate::modality;
use crate::parse::{Carry, Class, Member, Occurrence, Parse, Parser, Story};
use crate::words::Word;
use attache_dict::{CElem, CItem, CPattern, Code, CodeBy, Entry, EventCode, Lexicon, Link, Options, TokenWords};
use attache_doc::Mode;
use jiff::civil::Date;

/// Why a sentence produced what it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Coded normally (possibly with no events).
    Coded,
    /// Fewer words than the minimum (TABARI `MINIMUM WORDS`).
    TooShort,
    /// A discard phrase or code (`###`): sports, entertainment…
    Discarded { story: bool, at: Option<usize> },
    /// Judged too complex to code (`+++` code or a COMPLEX condition).
    Complex { why: String },
}

/// One side of an event.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub code: String,
    /// Word range `[first, last]` (None for a default actor from the options).
    pub words: Option<(usize, usize)>,
    pub actor: Option<u32>,
    pub agent: Option<u32>,
    /// Word index of the pronoun the actor was found through.
    pub pronoun: Option<usize>,
}

impl Side {
    pub(crate) fn from_member(m: &Member) -> Side {
        Side {
            // (Not `to_string()`: that goes through the formatting machinery.)
            code: m.code.as_str().to_owned(),
            words: Some((m.first, m.last)),
            actor: m.actor,
            agent: m.agent,
            pronoun: m.pronoun,
        }
    }
    fn default_code(code: &str) -> Side {
        Side { code: code.to_string(), words: None, actor: None, agent: None, pronoun: None }
    }
}

/// How source and target were decided (evidence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Default search: subject before the verb, object after it.
    Active,
    /// Passive voice ("was … by"): source and target swapped.
    Passive,
    /// Actors designated by the pattern (`$`, `+`, `%`).
    Designated,
    /// A compound actor acting on itself ("X and Y met").
    Reciprocal,
    /// The second event of a paired code (`032:033`): target → source.
    Paired,
    /// The target was not in the sentence: a reaction aimed at whoever the story says acted (attache).
    Context,
}

impl Rule {
    pub fn as_str(&self) -> &'static str {
        match self {
            Rule::Active => "active-svo",
            Rule::Passive => "passive-by",
            Rule::Designated => "pattern-designated",
            Rule::Reciprocal => "compound-reciprocal",
            Rule::Paired => "paired-code",
            Rule::Context => "story-context",
        }
    }
}

/// One coded event with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct CodedEvent {
    pub source: Side,
    pub target: Side,
    pub code: String,
    /// Verb (index into the dictionary's verbs), member, and word range of the verb phrase.
    pub verb: u32,
    pub member: u16,
    pub verb_words: (usize, usize),
    /// Index into the verb's `patterns`, when a pattern fired.
    pub pattern: Option<u32>,
    pub rule: Rule,
    pub clause: usize,
    pub subordinate: bool,
    pub dominant: bool,
    pub mode: Mode,
    /// Who reported it ("X said Y did Z").
    pub reporter: Option<Side>,
}

/// Everything coding one sentence produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Coded {
    pub outcome: Outcome,
    pub events: Vec<CodedEvent>,
    /// Days to shift the sentence date by (TABARI time phrases).
    pub shift_days: i32,
    /// Issue codes found in the sentence (PETRARCH/TABARI issues).
    pub issues: Vec<String>,
}

impl Coded {
    fn outcome(outcome: Outcome) -> Coded {
        Coded { outcome, events: Vec::new(), shift_days: 0, issues: Vec::new() }
    }
}

/// The coding engine: a compiled lexicon plus options. Cheap to create; shared read-only.
pub struct Engine<'a> {
    pub lex: &'a Lexicon,
    pub opts: &'a Options,
}

#[derive(Debug, Clone, Default)]
struct Bind {
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<usize>,
    attribution: Option<usize>,
    /// Actors stepped over with `^` (ignored by the default search).
    skipped: Vec<usize>,
    /// Words matched by the pattern's literals (they are not verbs of their own: "held talks").
    used: Vec<usize>,
    choice_len: usize,
}

/// Pattern matching over the visible words of one clause.
struct Matcher<'a> {
    lex: &'a Lexicon,
    ids: &'a TokenWords,
    p: &'a Parse,
    vis: Vec<usize>,
    /// Occurrence (index into `p.occurrences`) starting / ending at each visible position.
    occ_start: Vec<Option<usize>>,
    occ_end: Vec<Option<usize>>,
    /// `^` may step over any word, not only an actor (PETRARCH); tried after actor-only matching fails.
    skip_any_word: bool,
    skip_words: std::cell::Cell<bool>,
}

/// A matcher's three vectors, handed back to the thread when it is dropped.
type MatcherBuffers = (Vec<usize>, Vec<Option<usize>>, Vec<Option<usize>>);

impl Drop for Matcher<'_> {
    fn drop(&mut self) {
        let buffers =
            (std::mem::take(&mut self.vis), std::mem::take(&mut self.occ_start), std::mem::take(&mut self.occ_end));
        MATCHER_BUFFERS.with_borrow_mut(|pool| pool.push(buffers));
    }
}

type Cont<'c> = dyn FnMut(&mut Bind, usize) -> bool + 'c;

impl<'a> Matcher<'a> {
    fn new(lex: &'a Lexicon, ids: &'a TokenWords, p: &'a Parse, lo: usize, hi: usize) -> Matcher<'a> {
        let (mut vis, mut occ_start, mut occ_end) = MATCHER_BUFFERS.with_borrow_mut(Vec::pop).unwrap_or_default();
        vis.clear();
        vis.extend((lo..hi).filter(|&i| !p.deleted[i]));
        occ_start.clear();
        occ_start.resize(vis.len(), None);
        occ_end.clear();
        occ_end.resize(vis.len(), None);
        for (o, occ) in p.occurrences.iter().enumerate() {
            let (Ok(s), Ok(e)) = (vis.binary_search(&occ.first), vis.binary_search(&occ.last)) else { continue };
            occ_start[s].get_or_insert(o);
            occ_end[e] = Some(o);
        }
        Matcher { lex, ids, p, vis, occ_start, occ_end, skip_any_word: false, skip_words: std::cell::Cell::new(false) }
    }

    fn position(&self, token: usize) -> Option<usize> {
        self.vis.binary_search(&token).ok()
    }

    fn occ_span(&self, o: usize) -> (usize, usize) {
        let occ = &self.p.occurrences[o];
        (self.position(occ.first).unwrap_or(0), self.position(occ.last).unwrap_or(0))
    }

    fn seq_len(&self, elems: &[CElem]) -> usize {
        elems
            .iter()
            .map(|e| match &e.item {
                CItem::Word(id) => self.lex.word(*id).text.len(),
                CItem::Choice(options) => options.iter().map(|o| self.seq_len(o)).max().unwrap_or(0),
                _ => 0,
            })
            .sum()
    }

    /// Matches `elems` left to right from visible position `pos`; `anchored` pins the first element to `pos`.
    /// Calls `k(bind, next)` with the position after the match; backtracks when `k` fails.
    fn fwd(&self, elems: &[CElem], pos: usize, anchored: bool, limit: usize, b: &mut Bind, k: &mut Cont) -> bool {
        let Some((first, rest)) = elems.split_first() else { return k(b, pos) };
        let mut s = pos;
        while s < limit {
            let adjacent = first.link == Link::Adjacent;
            let matched =
                self.item_fwd(&first.item, s, limit, b, &mut |b, end| self.fwd(rest, end + 1, adjacent, limit, b, k));
            if matched {
                return true;
            }
            if anchored || self.p.is_stop(self.vis[s]) {
                return false;
            }
            s += 1;
        }
        false
    }

    fn item_fwd(&self, item: &CItem, s: usize, limit: usize, b: &mut Bind, k: &mut Cont) -> bool {
        match item {
            CItem::Word(id) => self.ids.has(self.vis[s], *id) && self.literal(b, s, k),
            CItem::Synset(index) => {
                self.lex.synset_may_start(*index, self.ids.of(self.vis[s]))
                    && self
                        .lex
                        .synset(*index)
                        .iter()
                        .any(|member| self.fwd(member, s, true, limit, b, &mut |b, next| k(b, next - 1)))
            }
            CItem::Choice(options) => options.iter().any(|option| {
                // Most options fail on their first word (most often absent from the sentence): skip their
                // bookkeeping then.
                if let Some(CElem { item: CItem::Word(id), .. }) = option.first()
                    && !(self.ids.anywhere(*id) && self.ids.has(self.vis[s], *id))
                {
                    return false;
                }
                let saved = b.choice_len;
                b.choice_len += self.seq_len(option);
                let ok = self.fwd(option, s, true, limit, b, &mut |b, next| k(b, next - 1));
                if !ok {
                    b.choice_len = saved;
                }
                ok
            }),
            CItem::Verb => false,
            CItem::Skip if self.occ_start[s].is_none() => {
                self.skip_words.get() && !self.p.is_stop(self.vis[s]) && k(b, s)
            }
            actor => {
                let Some(o) = self.occ_start[s] else { return false };
                self.bind_actor(actor, o, b, |b| k(b, self.occ_span(o).1))
            }
        }
    }

    /// Records a literal's word as used, continues, and forgets it when the continuation fails.
    fn literal(&self, b: &mut Bind, at: usize, k: &mut Cont) -> bool {
        b.used.push(self.vis[at]);
        if k(b, at) {
            return true;
        }
        b.used.pop();
        false
    }

    fn bind_actor(&self, item: &CItem, o: usize, b: &mut Bind, mut k: impl FnMut(&mut Bind) -> bool) -> bool {
        // What a failed continuation must restore (the lists only grow, so their lengths suffice).
        let saved = (b.source, b.target, b.compound, b.attribution, b.skipped.len(), b.used.len(), b.choice_len);
        match item {
            CItem::Skip => b.skipped.push(o),
            CItem::Source => b.source = Some(o),
            CItem::Target => b.target = Some(o),
            CItem::Attribution => b.attribution = Some(o),
            CItem::Compound => {
                if !self.p.occurrences[o].compound {
                    return false;
                }
                b.compound = Some(o);
            }
            _ => {}
        }
        if k(b) {
            return true;
        }
        let (source, target, compound, attribution, skipped, used, choice_len) = saved;
        (b.source, b.target, b.compound, b.attribution, b.choice_len) =
            (source, target, compound, attribution, choice_len);
        b.skipped.truncate(skipped);
        b.used.truncate(used);
        false
    }

    /// Matches `elems` right to left so that the last element ends at visible position `pos` (exactly when
    /// `anchored`, else at or before it); `k(bind, start)` gets the start of the match.
    fn bwd(&self, elems: &[CElem], pos: isize, anchored: bool, low: usize, b: &mut Bind, k: &mut Cont) -> bool {
        let Some((last, rest)) = elems.split_last() else { return k(b, (pos + 1) as usize) };
        let mut e = pos;
        while e >= low as isize {
            let prev_anchored = rest.last().is_some_and(|r| r.link == Link::Adjacent);
            let matched = self.item_bwd(&last.item, e as usize, low, b, &mut |b, start| {
                self.bwd(rest, start as isize - 1, prev_anchored, low, b, k)
            });
            if matched {
                return true;
            }
            if anchored || self.p.is_stop(self.vis[e as usize]) {
                return false;
            }
            e -= 1;
        }
        false
    }

    fn item_bwd(&self, item: &CItem, e: usize, low: usize, b: &mut Bind, k: &mut Cont) -> bool {
        match item {
            CItem::Word(id) => self.ids.has(self.vis[e], *id) && self.literal(b, e, k),
            CItem::Synset(index) => {
                self.lex.synset_may_end(*index, self.ids.of(self.vis[e]))
                    && self
                        .lex
                        .synset(*index)
                        .iter()
                        .any(|member| self.bwd(member, e as isize, true, low, b, &mut |b, start| k(b, start)))
            }
            CItem::Choice(options) => options.iter().any(|option| {
                // Most options fail on their last word (most often absent from the sentence): skip their
                // bookkeeping then.
                if let Some(CElem { item: CItem::Word(id), .. }) = option.last()
                    && !(self.ids.anywhere(*id) && self.ids.has(self.vis[e], *id))
                {
                    return false;
                }
                let saved = b.choice_len;
                b.choice_len += self.seq_len(option);
                let ok = self.bwd(option, e as isize, true, low, b, &mut |b, start| k(b, start));
                if !ok {
                    b.choice_len = saved;
                }
                ok
            }),
            CItem::Verb => false,
            CItem::Skip if self.occ_end[e].is_none() => {
                self.skip_words.get() && !self.p.is_stop(self.vis[e]) && k(b, e)
            }
            actor => {
                let Some(o) = self.occ_end[e] else { return false };
                let start = self.occ_span(o).0;
                self.bind_actor(actor, o, b, |b| k(b, start))
            }
        }
    }

    /// Tries one pattern on the verb at visible positions `[vf, vl]`.
    /// Tries one pattern; where `^` may step over single words, phrases that step over actors win.
    fn pattern(&self, pat: &CPattern, vf: usize, vl: usize) -> Option<Bind> {
        if !self.skip_any_word {
            return self.pattern_once(pat, vf, vl, false);
        }
        self.pattern_once(pat, vf, vl, false).or_else(|| self.pattern_once(pat, vf, vl, true))
    }

    fn pattern_once(&self, pat: &CPattern, vf: usize, vl: usize, skip_words: bool) -> Option<Bind> {
        self.skip_words.set(skip_words);
        let before = &pat.elems[..pat.verb_at];
        let after = &pat.elems[pat.verb_at + 1..];
        let verb_adjacent = pat.elems[pat.verb_at].link == Link::Adjacent;
        let before_adjacent = before.last().is_some_and(|e| e.link == Link::Adjacent);
        let limit = self.vis.len();
        let mut result = None;
        let mut b = Bind::default();
        self.fwd(after, vl + 1, verb_adjacent, limit, &mut b, &mut |b, _| {
            self.bwd(before, vf as isize - 1, before_adjacent, 0, b, &mut |b, _| {
                result = Some(b.clone());
                true
            })
        });
        result
    }
}

thread_local! {
    /// Each thread's word look-ups by token (see [`attache_dict::lexicon::TokenCache`]).
    static TOKEN_CACHE: std::cell::RefCell<attache_dict::lexicon::TokenCache> = Default::default();
    /// Each thread's token-word buffers, reused from sentence to sentence (growing three vectors from empty
    /// for every sentence was a tenth of the allocator's work).
    static TOKEN_WORDS: std::cell::RefCell<TokenWords> = Default::default();
    /// Each thread's idle matcher buffers: a matcher takes one set and gives it back when dropped (three
    /// vectors per clause were otherwise allocated for every sentence).
    static MATCHER_BUFFERS: std::cell::RefCell<Vec<MatcherBuffers>> = const { std::cell::RefCell::new(Vec::new()) };
    /// Each thread's parse, reused from sentence to sentence by [`Engine::code_sentence`].
    static PARSE: std::cell::RefCell<Parse> = Default::default();
}

/// What trying a verb's patterns decided.
struct VerbCode {
    code: Code,
    pattern: Option<u32>,
    bind: Bind,
    verb: u32,
    member: u16,
}

impl Engine<'_> {
    /// Codes one sentence. `date` is the sentence's date (for dated actor roles); `carry` holds what the
    /// previous sentence of the same story left (for sentence-initial pronouns) and is updated.
    pub fn code(&self, words: &[Word], terminal: bool, date: Option<Date>, carry: &mut Carry) -> (Coded, Parse) {
        let mut p = Parse::default();
        let coded = self.code_into(words, terminal, date, carry, &mut p);
        (coded, p)
    }

    /// [`Engine::code`] without the parse: the thread's parse buffers are reused from sentence to sentence.
    pub fn code_sentence(&self, words: &[Word], terminal: bool, date: Option<Date>, carry: &mut Carry) -> Coded {
        // Borrowed in place (taking and putting back would move the whole struct twice).
        PARSE.with_borrow_mut(|p| self.code_into(words, terminal, date, carry, p))
    }

    /// [`Engine::code`] into `p` (its buffers are reused; it holds the sentence's parse afterwards).
    pub fn code_into(
        &self,
        words: &[Word],
        terminal: bool,
        date: Option<Date>,
        carry: &mut Carry,
        p: &mut Parse,
    ) -> Coded {
        // The thread's token-word buffers, borrowed in place.
        TOKEN_WORDS.with_borrow_mut(|ids| {
            ids.clear();
            TOKEN_CACHE.with_borrow_mut(|cache| {
                for w in words {
                    self.lex.add_token_cached(&w.text, &w.original, ids, cache);
                }
            });
            ids.index();
            let ids = &*ids;
            let parser = Parser { lex: self.lex, opts: self.opts };
            parser.parse_into(words, ids, date, terminal, carry, p);
            let coded = self.code_parsed(words, ids, p, &carry.story);
            // Remember this sentence's actors for the next one's pronouns, and what it told the story.
            carry.remember(p, self.lex, date, self.opts.cross_sentence_pronouns);
            if self.opts.story_context {
                let facts = coded
                    .events
                    .iter()
                    .filter(|e| e.mode == Mode::Fact)
                    .map(|e| (e.source.code.as_str(), e.target.code.as_str()));
                carry.story.remember(words, p, self.lex, facts);
            }
            coded
        })
    }

    fn code_parsed(&self, words: &[Word], ids: &TokenWords, p: &Parse, story: &Story) -> Coded {
        let issues: Vec<String> = p.issues.iter().map(|&k| self.lex.issue(k).code.to_string()).collect();
        if words.len() < self.opts.minimum_words {
            return Coded::outcome(Outcome::TooShort);
        }
        if let Some(&(_, story)) = p.discards.first() {
            return Coded::outcome(Outcome::Discarded { story, at: None });
        }
        if let Some(at) = p.discard_at {
            return Coded::outcome(Outcome::Discarded { story: false, at: Some(at) });
        }
        // Time phrases may discard or mark the sentence complex too (TABARI <TIME>).
        let mut shift_days = 0;
        if self.time_shifting() {
            match self.time_shift(ids, p) {
                Some(Code::Discard) => return Coded::outcome(Outcome::Discarded { story: false, at: None }),
                Some(Code::Complex) => return Coded::outcome(Outcome::Complex { why: "time phrase".into() }),
                Some(Code::Shift(days)) => shift_days = days,
                _ => {}
            }
        }
        if let Some(at) = p.complex_at {
            return Coded::outcome(Outcome::Complex { why: format!("complex code at word {at}") });
        }
        if let Some(why) = self.too_complex(p) {
            return Coded::outcome(Outcome::Complex { why });
        }
        let mut coded = match self.code_clauses(words, ids, p, story) {
            Ok(events) => Coded { outcome: Outcome::Coded, events, shift_days, issues: Vec::new() },
            Err(outcome) => Coded::outcome(outcome),
        };
        coded.shift_days = shift_days;
        coded.issues = issues;
        coded
    }

    fn time_shifting(&self) -> bool {
        self.opts.time_shifting.unwrap_or_else(|| self.lex.has_time_shifts())
    }

    /// The first time phrase that yields something: its code.
    fn time_shift(&self, ids: &TokenWords, p: &Parse) -> Option<Code> {
        let matcher = Matcher::new(self.lex, ids, p, 0, p.n);
        for i in 0..p.n {
            let Class::Phrase(k) = p.class[i] else { continue };
            let Entry::Time(t, member) = p.phrases[k].entry else { continue };
            let (Some(vf), Some(vl)) = (matcher.position(p.phrases[k].first()), matcher.position(p.phrases[k].last()))
            else {
                continue;
            };
            let code = self
                .lex
                .time_patterns(t)
                .iter()
                .find(|pat| matcher.pattern(pat, vf, vl).is_some())
                .map(|pat| pat.code.clone())
                .unwrap_or_else(|| self.lex.time_entry(t).members[member as usize].code.clone());
            if code != Code::Null {
                return Some(code);
            }
        }
        None
    }

    fn may_dominate(&self, verb: u32) -> bool {
        let v = self.lex.verb(verb);
        let dominant = |c: &Code| matches!(c, Code::Event(e) if e.dominant);
        v.members.iter().any(|m| dominant(&m.code)) || v.patterns.iter().any(|p| dominant(&p.code))
    }

    fn root_code(&self, entry: Entry) -> Option<&Code> {
        match entry {
            Entry::Verb(v, m) => Some(&self.lex.verb(v).members[m as usize].code),
            _ => None,
        }
    }

    /// TABARI's COMPLEX conditions.
    fn too_complex(&self, p: &Parse) -> Option<String> {
        let c = &self.opts.complexity;
        // Counted, with the first one's word, rather than collected (this runs for every sentence).
        let (verbs, first_verb) = p
            .verbs()
            .filter(|&(_, k)| {
                let entry = p.phrases[k].entry;
                let Entry::Verb(v, _) = entry else { return false };
                self.root_code(entry) != Some(&Code::Null) || !self.lex.patterns(v).is_empty()
            })
            .fold((0, None), |(count, first), (v, _)| (count + 1, first.or(Some(v))));
        if c.verbs > 0 && verbs >= c.verbs {
            return Some(format!("{verbs} verbs"));
        }
        let conjunctions = (0..p.n).filter(|&i| p.class[i] == Class::Conj && !p.protected[i] && !p.deleted[i]).count();
        if c.conjunctions > 0 && conjunctions >= c.conjunctions {
            return Some(format!("{conjunctions} conjunctions"));
        }
        let actors = p.occurrences.iter().filter(|o| !o.pronoun).count();
        if c.actors > 0 && actors >= c.actors {
            return Some(format!("{actors} actors"));
        }
        let pronouns = p.occurrences.iter().filter(|o| o.pronoun).count();
        if c.pronouns > 0 && pronouns >= c.pronouns {
            return Some(format!("{pronouns} pronouns"));
        }
        if c.no_verb && verbs == 0 {
            return Some("no verb".into());
        }
        if c.no_actor_prior {
            let first_coded =
                p.verbs().find(|&(_, k)| matches!(self.root_code(p.phrases[k].entry), Some(Code::Event(_))));
            if let Some((v, _)) = first_coded
                && !p.occurrences.iter().any(|o| o.first < v)
            {
                return Some("no actor before the first verb".into());
            }
        }
        if c.late_verb > 0 && first_verb.is_none_or(|v| v >= c.late_verb) {
            return Some("late verb".into());
        }
        None
    }

    /// Tries a verb's patterns (longest first; alternatives count what they matched), else its own code.
    fn verb_code(&self, m: &Matcher, entries: &[Entry], vf: usize, vl: usize) -> Option<VerbCode> {
        // Iterated, not collected: this runs for every verb, and most words are one verb entry.
        let verbs = || entries.iter().filter_map(|e| if let Entry::Verb(v, m) = e { Some((*v, *m)) } else { None });
        let all_patterns = || verbs().flat_map(|vm| self.lex.patterns(vm.0).iter().map(move |p| (p, vm)));
        // Patterns of every entry for these words, longest first (the first entry's first among equals).
        // (One entry's patterns are already longest first, so only several entries need sorting.)
        let (mut sorted, mut unsorted);
        let patterns: &mut dyn Iterator<Item = (&CPattern, (u32, u16))> = if verbs().nth(1).is_some() {
            let mut all: Vec<_> = all_patterns().collect();
            all.sort_by_key(|(p, _)| std::cmp::Reverse(p.length));
            sorted = all.into_iter();
            &mut sorted
        } else {
            unsorted = all_patterns();
            &mut unsorted
        };
        let mut best: Option<(usize, &CPattern, (u32, u16), Bind)> = None;
        for (pat, vm) in patterns {
            // PETRARCH has no complexity codes: a `+++` pattern is simply not used.
            if self.opts.petrarch && pat.code == Code::Complex {
                continue;
            }
            if let Some((best_len, ..)) = &best
                && pat.length <= *best_len
            {
                break;
            }
            if !pat.possible(m.ids) {
                continue;
            }
            if let Some(bind) = m.pattern(pat, vf, vl) {
                let actual = if pat.has_choice { pat.fixed_length + bind.choice_len } else { pat.length };
                if best.as_ref().is_none_or(|(l, ..)| actual > *l) {
                    best = Some((actual, pat, vm, bind));
                }
                if !pat.has_choice {
                    break;
                }
            }
        }
        match best {
            Some((_, pat, (verb, member), bind)) => {
                Some(VerbCode { code: pat.code.clone(), pattern: Some(pat.source_index), bind, verb, member })
            }
            None => {
                // The first entry whose own code is not null.
                let (verb, member) = verbs()
                    .find(|&(v, mm)| self.lex.verb(v).members[mm as usize].code != Code::Null)
                    .or(verbs().next())?;
                Some(VerbCode {
                    code: self.lex.verb(verb).members[member as usize].code.clone(),
                    pattern: None,
                    bind: Bind::default(),
                    verb,
                    member,
                })
            }
        }
    }

    fn code_clauses(
        &self,
        words: &[Word],
        ids: &TokenWords,
        p: &Parse,
        story: &Story,
    ) -> Result<Vec<CodedEvent>, Outcome> {
        let mut events: Vec<CodedEvent> = Vec::new();
        let mut carried: Option<usize> = None;
        let mut any_dominant = false;
        // Words a fired pattern used as literals are not verbs of their own ("held talks").
        let mut used = vec![false; p.n];
        // Filled afresh for each clause and verb; allocated once per sentence.
        let mut clause_occ: Vec<usize> = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        for (ci, &(lo, hi)) in p.clauses.iter().enumerate() {
            let mut m = Matcher::new(self.lex, ids, p, lo, hi);
            m.skip_any_word = self.opts.petrarch;
            clause_occ.clear();
            clause_occ.extend((0..p.occurrences.len()).filter(|&o| {
                let occ = &p.occurrences[o];
                occ.first >= lo && occ.first < hi && !p.deleted[occ.first]
            }));
            // A later clause keeps the previous clause's source unless it has an actor of its own before the verb.
            let clause_source = if ci == 0 { None } else { carried };
            let mut clause_events: Vec<CodedEvent> = Vec::new();
            let mut fallback: Vec<CodedEvent> = Vec::new();
            for (v_token, k) in p.verbs().filter(|&(t, _)| t >= lo && t < hi) {
                let phrase = &p.phrases[k];
                let (Some(vf), Some(vl)) = (m.position(phrase.first()), m.position(phrase.last())) else { continue };
                if used[v_token] || p.is_speech(v_token) {
                    continue;
                }
                entries.clear();
                entries.push(phrase.entry);
                entries.extend(p.verb_alternatives[k].iter().copied());
                let Some(vc) = self.verb_code(&m, &entries, vf, vl) else { continue };
                for &w in &vc.bind.used {
                    used[w] = true;
                }
                let code = match vc.code {
                    Code::Null | Code::Shift(_) => continue,
                    Code::Discard => return Err(Outcome::Discarded { story: false, at: Some(v_token) }),
                    Code::Complex => {
                        return Err(Outcome::Complex { why: format!("complex pattern at word {v_token}") });
                    }
                    Code::Event(e) => e,
                };
                let (verb, member) = (vc.verb, vc.member);
                let mut mode = if self.opts.detect_modality {
                    self.mode_of(words, p, ci, phrase.first(), phrase.last())
                } else {
                    Mode::Fact
                };
                // "Moscow would retaliate": a threat made now; "Moscow retaliated" is not a threat.
                if self.opts.english_syntax && self.lex.verb(verb).threat {
                    match mode {
                        Mode::Future | Mode::Hypothetical => mode = Mode::Fact,
                        Mode::Fact => continue,
                        _ => {}
                    }
                }
                let found = self.assign(
                    words,
                    p,
                    Search { clause_occ: &clause_occ, clause_source, story, code: &code },
                    phrase.first(),
                    phrase.last(),
                    &vc.bind,
                );
                let Some((source, target, rule)) = found else { continue };
                let mut new = self.make_events(p, &source, &target, rule, &code);
                for e in &mut new {
                    e.verb = verb;
                    e.member = member;
                    e.verb_words = (phrase.first(), phrase.last());
                    e.pattern = vc.pattern;
                    e.clause = ci;
                    e.subordinate = code.subordinate;
                    e.dominant = code.dominant;
                    e.mode = mode;
                }
                self.adjust_codes(&mut new, &code);
                if new.is_empty() {
                    continue;
                }
                if code.dominant {
                    // A dominant code is coded wherever it is, and then only dominant events are kept.
                    any_dominant = true;
                    clause_events.extend(new);
                } else if code.subordinate {
                    // Coded only if nothing else is.
                    if fallback.is_empty() {
                        fallback = new;
                    }
                } else if self.opts.code_by == CodeBy::All || !clause_events.iter().any(|e| !e.dominant) {
                    clause_events.extend(new);
                }
                let regular_found = clause_events.iter().any(|e| !e.dominant);
                if regular_found && self.opts.code_by != CodeBy::All {
                    // The first event of the clause is taken; later verbs matter only if they can dominate.
                    let later_dominant = p
                        .verbs()
                        .filter(|&(t, _)| t > v_token && t < hi)
                        .any(|(_, k2)| matches!(p.phrases[k2].entry, Entry::Verb(v2, _) if self.may_dominate(v2)));
                    if !later_dominant {
                        break;
                    }
                }
            }
            if clause_events.is_empty() {
                clause_events = fallback;
            }
            // The next clause inherits this clause's source (or its first actor when nothing was coded).
            if let Some(first) = clause_events.first() {
                carried = first
                    .source
                    .words
                    .and_then(|(f, _)| {
                        p.occurrences.iter().position(|o| o.first == f || o.members.iter().any(|m| m.first == f))
                    })
                    .or(carried);
            } else if let Some(&o) = clause_occ.first() {
                carried = Some(o);
            }
            let stop = self.opts.code_by == CodeBy::Sentence && clause_events.iter().any(|e| !e.subordinate);
            events.extend(clause_events);
            if stop {
                break;
            }
        }
        if any_dominant {
            events.retain(|e| e.dominant);
        }
        if events.iter().any(|e| !e.subordinate) {
            events.retain(|e| !e.subordinate);
        }
        // The same event twice (e.g. from a duplicated compound member) counts once.
        let mut unique: Vec<CodedEvent> = Vec::with_capacity(events.len());
        for e in events {
            if !unique.iter().any(|u| {
                u.source.code == e.source.code
                    && u.target.code == e.target.code
                    && u.code == e.code
                    && u.verb_words == e.verb_words
            }) {
                unique.push(e);
            }
        }
        if self.opts.attribution {
            crate::attribution::attach_reporters(self.lex, words, p, &mut unique);
        }
        Ok(unique)
    }

    /// Decides source and target for a verb at words `[vf, vl]`. Returns `None` when either is missing.
    fn assign(
        &self,
        words: &[Word],
        p: &Parse,
        search: Search,
        vf: usize,
        vl: usize,
        bind: &Bind,
    ) -> Option<(Participant, Participant, Rule)> {
        let Search { clause_occ, clause_source, story, code } = search;
        let occ = |o: usize| &p.occurrences[o];
        let english = self.opts.english_syntax;
        let mut bind = bind.clone();
        if let Some(c) = bind.compound {
            if !self.opts.petrarch {
                return Some((Participant::Occ(c), Participant::Occ(c), Rule::Designated));
            }
            // PETRARCH: `%` is the source before the verb and the target after it.
            if occ(c).first > vl {
                bind.target = Some(c);
            } else {
                bind.source = Some(c);
            }
        }
        fn code_of<'x>(p: &'x Parse, part: &'x Participant) -> Option<&'x str> {
            match part {
                Participant::Occ(o) => p.occurrences[*o].members.first().map(|m| &*m.code),
                Participant::Default(c) => Some(c.as_str()),
            }
        }
        let distinct = |o: usize, other: &Option<Participant>| -> bool {
            match other {
                None => true,
                Some(Participant::Occ(x)) => {
                    *x != o && occ(*x).members.first().map(|m| &m.code) != occ(o).members.first().map(|m| &m.code)
                }
                Some(d) => occ(o).members.first().is_none_or(|m| Some(&*m.code) != code_of(p, d)),
            }
        };
        let kind = CodeKind::of(code);
        // Places ("Kharkiv", a capital after "in") are never sources, and targets only of force, aid and visits.
        let place = |o: usize| english && occ(o).members.iter().all(|m| m.place);
        // Actors the pattern stepped over (`^`) take no part in the default search.
        let searchable = |o: &usize| !bind.skipped.contains(o);
        // "X said Y attacked Z": the speaker X reports the event, it is not its source (attache attribution).
        let speech_end =
            if self.opts.attribution { (0..vf).rev().find(|&i| p.is_speech(i)).map(|i| p.phrase_end(i)) } else { None };
        // (Iterators, not collected lists: this runs for every verb.)
        let before = || {
            clause_occ
                .iter()
                .copied()
                .filter(searchable)
                .filter(move |&o| occ(o).first < vf && speech_end.is_none_or(|e| occ(o).first > e))
        };
        let object_end = if self.opts.comma_bounds_target {
            (vl + 1..p.n).find(|&i| p.is_stop(i) && !p.deleted[i]).unwrap_or(p.n)
        } else {
            p.n
        };
        let after = || {
            clause_occ
                .iter()
                .copied()
                .filter(searchable)
                .filter(|&o| occ(o).first > vl && (occ(o).first < object_end || bind.target == Some(o)))
        };
        let designated = bind.source.is_some() || bind.target.is_some();
        let mut target = bind.target.map(Participant::Occ);
        let mut source = bind.source.map(Participant::Occ);
        let mut rule_override = None;
        if source.is_none() && english {
            match self.clause_subject(words, p, vf) {
                Subject::Antecedent(o) => source = Some(Participant::Occ(o)),
                Subject::NotAnActor => return None,
                Subject::Search => {}
            }
        }
        if source.is_none() {
            let prior = before().find(|&o| distinct(o, &target) && !place(o)).or_else(|| {
                // The previous clause's subject, unless it is the speaker of a statement this verb is in.
                clause_source
                    .filter(|&o| distinct(o, &target) && !place(o) && speech_end.is_none_or(|e| occ(o).first > e))
            });
            source = match (&self.opts.default_source, prior) {
                (Some(d), None) if d.strict_side => Some(Participant::Default(d.code.clone())),
                (_, Some(o)) => Some(Participant::Occ(o)),
                // TABARI is greedy and takes a source after the verb; PETRARCH and English syntax read the
                // subject only.
                (_, None) if self.opts.petrarch || english => None,
                (_, None) => after().find(|&o| distinct(o, &target) && !place(o)).map(Participant::Occ),
            };
        }
        let source_country = source.as_ref().and_then(|s| code_of(p, s)).and_then(|c| c.get(..3));
        // A reaction ("condemned", "welcomed the decision", "warned") is not aimed at its own country's actors
        // ("… a violation of China's sovereignty").
        let own_side = |o: usize| {
            english
                && kind.reaction
                && occ(o).members.first().and_then(|m| m.code.get(..3)).is_some_and(|c| Some(c) == source_country)
        };
        let target_ok = |o: usize| (kind.place_target || !place(o)) && !own_side(o) && distinct(o, &source);
        if target.is_none() {
            let next = after().find(|&o| target_ok(o));
            target = match (&self.opts.default_target, next) {
                (Some(d), None) if d.strict_side => Some(Participant::Default(d.code.clone())),
                (_, Some(o)) => Some(Participant::Occ(o)),
                // Else the first actor before the verb; else a compound source acts on itself (with English
                // syntax only in a reciprocal code: "X and Y met", not "X and Y welcomed the visit").
                (_, None) => before().find(|&o| target_ok(o)).map(Participant::Occ).or_else(|| match &source {
                    Some(Participant::Occ(s)) if occ(*s).compound && (!english || kind.reciprocal) => {
                        Some(Participant::Occ(*s))
                    }
                    _ => None,
                }),
            };
        }
        // "Zelensky condemned the attack": a reaction with no target in its sentence is aimed at whoever last
        // acted on the reacting country, else at whoever acted last (story context).
        if target.is_none()
            && self.opts.story_context
            && kind.reaction
            && let Some(country) = source_country
            && let Some(aimed) = story_target(story, country)
        {
            target = Some(Participant::Default(aimed));
            rule_override = Some(Rule::Context);
        }
        if source.is_none() {
            source = self.opts.default_source.as_ref().map(|d| Participant::Default(d.code.clone()));
        }
        if target.is_none() {
            target = self.opts.default_target.as_ref().map(|d| Participant::Default(d.code.clone()));
        }
        if !self.opts.require_dyad && (source.is_some() || target.is_some()) {
            source = source.or_else(|| Some(Participant::Default("---".into())));
            target = target.or_else(|| Some(Participant::Default("---".into())));
        }
        let (source, target) = (source?, target?);
        if let Some(rule) = rule_override {
            return Some((source, target, rule));
        }
        if designated {
            return Some((source, target, Rule::Designated));
        }
        if source == target {
            return Some((source, target, Rule::Reciprocal));
        }
        match self.voice(words, p, vf, vl) {
            Voice::Passive => Some((target, source, Rule::Passive)),
            // "Russian servicemen had been returned": who acted is not said.
            Voice::AgentlessPassive => None,
            Voice::Active => Some((source, target, Rule::Active)),
        }
    }

    /// English syntax: who is the subject of the verb at `vf` when its clause says so by its structure — the
    /// antecedent of a relative pronoun ("an agreement that cuts tariffs": not an actor), the subject of the
    /// main clause for a participle after a comma ("…, thanking the UAE").
    fn clause_subject(&self, words: &[Word], p: &Parse, vf: usize) -> Subject {
        let skippable = |t: &str| {
            t.ends_with("LY")
                || matches!(
                    t,
                    "HAS" | "HAVE" | "HAD" | "IS" | "ARE" | "WAS" | "WERE" | "WILL" | "WOULD" | "ALSO" | "NOW" | "THEN"
                )
        };
        let mut k = vf;
        while k > 0 && skippable(&words[k - 1].text) && !p.deleted[k - 1] {
            k -= 1;
        }
        let ends_at = |end: usize| p.occurrences.iter().position(|o| !o.pronoun && o.last == end);
        if k > 0 && matches!(words[k - 1].text.as_str(), "THAT" | "WHICH" | "WHO") {
            let mut end = k - 1;
            if end > 0 && words[end - 1].kind == crate::words::WordKind::Comma {
                end -= 1;
            }
            return match end.checked_sub(1).and_then(ends_at) {
                // "an agreement in Geneva that cuts tariffs": a place is not what the clause is about.
                Some(o) if !p.occurrences[o].members.iter().all(|m| m.place) => Subject::Antecedent(o),
                _ => Subject::NotAnActor,
            };
        }
        // A participle right after a comma, with no subject of its own, shares the sentence's subject.
        if words[vf].text.ends_with("ING") && k > 0 && p.is_stop(k - 1) {
            let comma = k - 1;
            let subject =
                |o: &Occurrence| o.first < comma && !o.members.iter().all(|m| m.place) && (!o.pronoun || o.first == 0);
            return match p.occurrences.iter().position(subject) {
                Some(o) => Subject::Antecedent(o),
                None => Subject::NotAnActor,
            };
        }
        Subject::Search
    }

    /// TABARI: WAS/WERE/BEEN one or two words before the verb and BY just after it. English syntax adds the
    /// reduced passive ("a swap mediated by the UAE") and the agentless passive ("servicemen had been returned").
    fn voice(&self, words: &[Word], p: &Parse, vf: usize, vl: usize) -> Voice {
        let aux = |t: &str| {
            matches!(t, "WAS" | "WERE" | "BEEN")
                || self.opts.detect_modality && matches!(t, "IS" | "ARE" | "BE" | "BEING")
        };
        let before = (vf.saturating_sub(2)..vf).any(|i| aux(&words[i].text));
        let by = (vl + 1..(vl + 3).min(words.len())).any(|i| words[i].text == "BY");
        if before && by {
            return Voice::Passive;
        }
        if self.opts.english_syntax {
            let participle = words[vl].text.ends_with("ED") || words[vl].text.ends_with("EN");
            if participle && words.get(vl + 1).is_some_and(|w| w.text == "BY") {
                return Voice::Passive;
            }
            let aux_right_before = vf > 0 && aux(&words[vf - 1].text) && !p.deleted[vf - 1];
            if aux_right_before && participle {
                return Voice::AgentlessPassive;
            }
            // "soldiers captured in 2022": a participle after a noun that is not an actor, followed by a
            // preposition, is a reduced passive relative clause.
            // (A named actor right before it is its subject: "Russian troops attacked on Thursday".)
            let after_actor =
                vf > 0 && p.occurrences.iter().any(|o| o.last + 1 == vf && o.members.iter().any(|m| m.actor.is_some()));
            let preposition_next = words.get(vl + 1).is_some_and(|w| {
                matches!(w.text.as_str(), "IN" | "ON" | "AT" | "DURING" | "FROM" | "NEAR" | "SINCE" | "LAST" | "OVER")
            });
            if participle && preposition_next && !after_actor {
                return Voice::AgentlessPassive;
            }
        }
        Voice::Active
    }

    /// Code-dependent corrections (attache): a bare country doing what only a state does is its government
    /// (`state_acts`), and a capital attacked is its country, not its government (`english_syntax`).
    fn adjust_codes(&self, events: &mut [CodedEvent], code: &EventCode) {
        let symmetric = code.primary.is_some() && code.primary == code.paired;
        for e in events {
            let event_code = e.code.as_str();
            if self.opts.state_acts && is_state_act(event_code) {
                let sides: &mut [&mut Side] =
                    if symmetric { &mut [&mut e.source, &mut e.target] } else { &mut [&mut e.source] };
                for side in sides {
                    if side.agent.is_none()
                        && side.code.len() == 3
                        && side.actor.is_some_and(|a| self.lex.actor(a).kind == attache_dict::ActorKind::Country)
                    {
                        side.code.push_str("GOV");
                    }
                }
            }
            if self.opts.english_syntax && matches!(event_code.get(..2), Some("18" | "19" | "20")) {
                let target = &mut e.target;
                if target.agent.is_none()
                    && target.actor.is_some_and(|a| self.lex.actor(a).kind == attache_dict::ActorKind::Capital)
                {
                    target.code.truncate(3);
                }
            }
        }
    }

    /// The mode of a verb; English syntax: a coordinated verb in its base form with no subject of its own
    /// ("demanded that X send A and expel B") shares the mode of the verb it is coordinated with.
    fn mode_of(&self, words: &[Word], p: &Parse, ci: usize, vf: usize, vl: usize) -> Mode {
        let (lo, _) = p.clauses[ci];
        let own = modality::mode_of(words, p, lo, vf, vl);
        if !self.opts.english_syntax || ci == 0 || own != Mode::Fact || lo == 0 {
            return own;
        }
        let after_conjunction = matches!(words[lo - 1].text.as_str(), "AND" | "OR" | "NOR");
        let has_subject = p.occurrences.iter().any(|o| o.first >= lo && o.first < vf);
        if !after_conjunction || has_subject || !looks_like_base_form(&words[vf].text) {
            return own;
        }
        let (previous_lo, _) = p.clauses[ci - 1];
        match p.verbs().filter(|&(t, _)| t >= previous_lo && t < lo).last() {
            Some((t, k)) => modality::mode_of(words, p, previous_lo, t, p.phrases[k].last()),
            None => own,
        }
    }

    fn make_events(
        &self,
        p: &Parse,
        source: &Participant,
        target: &Participant,
        rule: Rule,
        code: &EventCode,
    ) -> Vec<CodedEvent> {
        // A participant's sides are made only for the events that use them (codes are compared first).
        let count = |part: &Participant| match part {
            Participant::Occ(o) => p.occurrences[*o].members.len(),
            Participant::Default(_) => 1,
        };
        fn code_of<'x>(p: &'x Parse, part: &'x Participant, i: usize) -> &'x str {
            match part {
                Participant::Occ(o) => &p.occurrences[*o].members[i].code,
                Participant::Default(c) => c,
            }
        }
        let side = |part: &Participant, i: usize| match part {
            Participant::Occ(o) => Side::from_member(&p.occurrences[*o].members[i]),
            Participant::Default(c) => Side::default_code(c),
        };
        let mut out = Vec::new();
        let mut push = |(s, si): (&Participant, usize), (t, ti): (&Participant, usize), code: &str, rule: Rule| {
            if code_of(p, s, si) != code_of(p, t, ti) {
                out.push(CodedEvent {
                    source: side(s, si),
                    target: side(t, ti),
                    code: code.to_string(),
                    verb: 0,
                    member: 0,
                    verb_words: (0, 0),
                    pattern: None,
                    rule,
                    clause: 0,
                    subordinate: false,
                    dominant: false,
                    mode: Mode::Fact,
                    reporter: None,
                });
            }
        };
        let reciprocal = source == target;
        // Designated compounds (`%`) act in both directions; a compound found as its own target by the default
        // search yields each pair once, in order (TABARI), in both directions with English syntax ("China and the
        // US cut tariffs").
        let ordered_pairs_only = reciprocal && rule != Rule::Designated && !self.opts.english_syntax;
        for si in 0..count(source) {
            for ti in 0..count(target) {
                if ordered_pairs_only && ti <= si {
                    continue;
                }
                let rule = if reciprocal { Rule::Reciprocal } else { rule };
                let (s, t) = ((source, si), (target, ti));
                if let Some(primary) = &code.primary {
                    push(s, t, primary, rule);
                }
                if let Some(paired) = &code.paired {
                    push(t, s, paired, Rule::Paired);
                }
            }
        }
        out
    }
}

/// What the source and target search knows beyond the verb: the clause's actors, the source the previous clause
/// leaves, the story so far and the code being assigned.
struct Search<'s> {
    clause_occ: &'s [usize],
    clause_source: Option<usize>,
    story: &'s Story,
    code: &'s EventCode,
}

/// What a clause's structure says about the subject of a verb.
enum Subject {
    /// The actor occurrence that is the subject.
    Antecedent(usize),
    /// The subject is there but is not an actor ("an agreement that cuts tariffs"): no event.
    NotAnActor,
    /// Nothing special: the default search decides.
    Search,
}

enum Voice {
    Active,
    Passive,
    AgentlessPassive,
}

/// What an event code implies for the search (attache).
struct CodeKind {
    /// Comments, praise, disapproval, rejection and threats: reactions to what someone did.
    reaction: bool,
    /// Force, coercion, aid and visits may be aimed at a place.
    place_target: bool,
    /// The code runs both ways (`040:040`): a compound may act on itself.
    reciprocal: bool,
}

impl CodeKind {
    fn of(code: &EventCode) -> CodeKind {
        let primary = code.primary.as_deref().or(code.paired.as_deref()).unwrap_or("");
        let root = primary.get(..2).unwrap_or("");
        CodeKind {
            reaction: matches!(root, "01" | "11" | "12" | "13") || primary == "051",
            place_target: matches!(root, "07" | "15" | "17" | "18" | "19" | "20") || matches!(primary, "042" | "043"),
            reciprocal: code.primary.is_some() && code.primary == code.paired,
        }
    }
}

/// Acts only a state performs: signing treaties, easing sanctions and administrative measures, reducing relations
/// and imposing sanctions.
fn is_state_act(code: &str) -> bool {
    code == "057" || ["081", "085", "086", "16", "172"].iter().any(|p| code.starts_with(p))
}

/// The actor a reaction by `country` is aimed at when its sentence names none: the source of the latest fact
/// event against that country, else of the latest fact event by another country. Countries are coded bare
/// ("condemned the sale" → `USA`), international bodies whole.
fn story_target(story: &Story, country: &str) -> Option<String> {
    let other = |code: &str| code.get(..3) != Some(country);
    let aimed = story
        .events
        .iter()
        .rev()
        .find(|(s, t)| t.get(..3) == Some(country) && other(s))
        .or_else(|| story.events.iter().rev().find(|(s, _)| other(s)))
        .map(|(s, _)| s)?;
    let whole = ["IGO", "NGO", "MNC", "IMG"].iter().any(|p| aimed.starts_with(p));
    Some(if whole { aimed.to_string() } else { aimed.get(..3).unwrap_or(aimed).to_string() })
}

/// A verb form without an ending ("send", "expel"), not "sent", "sends", "sending".
fn looks_like_base_form(text: &str) -> bool {
    !(text.ends_with("ED") || text.ends_with("ING") || text.ends_with('S') && !text.ends_with("SS"))
}

/// A source or target before it is expanded into members.
#[derive(Debug, Clone, PartialEq)]
enum Participant {
    Occ(usize),
    Default(String),
}
