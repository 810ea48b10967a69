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
}

impl Parse {
    pub fn phrase_at(&self, i: usize) -> Option<&PhraseMatch> {
        match self.class.get(i) {
            Some(Class::Phrase(p)) => Some(&self.phrases[*p]),
            _ => None,
        }
    }

    /// Verb heads (token index, phrase index) in order.
    pub fn verbs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.class.iter().enumerate().filter_map(|(i, c)| match c {
            Class::Phrase(p) if matches!(self.phrases[*p].entry, Entry::Verb(..)) && !self.deleted[i] => Some((i, *p)),
            _ => None,
        })
    }

    /// Is token `i` a visible, unprotected comma?
    pub fn is_stop(&self, i: usize) -> bool {
        self.class[i] == Class::Comma && !self.protected[i]
    }
}

/// State carried from one sentence to the next (pronouns at the start of a sentence, FORWARD).
#[derive(Debug, Clone, Default)]
pub struct Carry {
    /// Actors of the previous sentence (first first) for sentence-initial pronouns.
    pub previous: Vec<Member>,
    pub previous_compound: Option<Vec<Member>>,
}

pub struct Parser<'a> {
    pub lex: &'a Lexicon,
    pub opts: &'a Options,
}

impl Parser<'_> {
    pub fn parse(&self, words: &[Word], ids: &TokenWords, date: Option<Date>, terminal: bool, carry: &Carry) -> Parse {
        let n = words.len();
        let mut p = Parse {
            n,
            class: vec![Class::Plain; n],
            deleted: vec![false; n],
            protected: vec![false; n],
            ..Default::default()
        };
        let letters = words.iter().flat_map(|w| w.original.chars()).filter(|c| c.is_alphabetic());
        p.all_caps = letters.clone().next().is_some() && letters.clone().all(|c| !c.is_lowercase());
        self.classify(words, ids, date, &mut p);
        self.nounify(words, &mut p);
        self.build_occurrences(words, date, &mut p);
        if self.opts.rich_agents {
            // "Chinese President Xi Jinping" is one actor, not a country and a person.
            self.merge_titled_people(words, &mut p);
            // Compounds first, so an agent can apply to all of a compound's members.
            self.find_compounds(words, &mut p);
            self.attach_agents(words, &mut p);
        } else {
            self.attach_agents(words, &mut p);
            self.find_compounds(words, &mut p);
        }
        self.protect_compound_nouns(&mut p);
        self.delete_comma_clauses(terminal, &mut p);
        self.resolve_pronouns(words, carry, &mut p);
        self.split_clauses(words, &mut p);
        p
    }

    fn classify(&self, words: &[Word], ids: &TokenWords, date: Option<Date>, p: &mut Parse) {
        let n = words.len();
        let mut found = Vec::new();
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
                p.class[i] = match words[i].kind {
                    WordKind::Number => Class::Number,
                    _ => builtin(&words[i].text),
                };
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

    fn actor_codes(&self, a: u32, date: Option<Date>) -> Option<Vec<String>> {
        match self.lex.actor(a).codes.resolve(date) {
            Some(CodeSet::Codes(codes)) => Some(codes.iter().map(|c| c.to_string()).collect()),
            _ => None,
        }
    }

    fn build_occurrences(&self, _words: &[Word], date: Option<Date>, p: &mut Parse) {
        // Actors (null-coded ones become nouns).
        let mut occurrences: Vec<Occurrence> = Vec::new();
        for i in 0..p.n {
            let Class::Phrase(k) = p.class[i] else { continue };
            let m = &p.phrases[k];
            let Entry::Actor(a) = m.entry else { continue };
            // "talks in Geneva", "met at Brasilia": a capital after IN/AT is where, not who (attache).
            if self.opts.nouns_after_possessives
                && self.lex.actor(a).kind == attache_dict::ActorKind::Capital
                && i > 0
                && matches!(_words[i - 1].text.as_str(), "IN" | "AT")
            {
                p.class[i] = Class::Noun;
                continue;
            }
            match self.actor_codes(a, date) {
                Some(codes) => {
                    // A phrase with gaps ("Durthang … Orc") stands where its head is.
                    let first = m.first();
                    let run = m.positions.windows(2).take_while(|w| w[1] == w[0] + 1).count();
                    let last = m.positions[run] as usize;
                    let person = self.lex.actor(a).kind == attache_dict::ActorKind::Person;
                    let compound = codes.len() > 1;
                    let members = codes
                        .into_iter()
                        .map(|code| Member {
                            code: code.into(),
                            actor: Some(a),
                            agent: None,
                            first,
                            last,
                            head: first,
                            pronoun: None,
                            person,
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

    /// Merges `<actor> <agent> <person>` ("US President Donald Trump") into one actor occurrence; the agent
    /// inside it still attaches to it.
    fn merge_titled_people(&self, words: &[Word], p: &mut Parse) {
        let agent_end = |at: usize| -> Option<usize> {
            match p.class.get(at) {
                Some(Class::Phrase(k)) if matches!(p.phrases[*k].entry, Entry::Agent(_)) => Some(p.phrases[*k].last()),
                _ => None,
            }
        };
        // A person's name may go on past the form that matched ("President Xi" + "Jinping").
        for o in 0..p.occurrences.len() {
            let occ = &p.occurrences[o];
            let [m] = occ.members.as_slice() else { continue };
            let Some(a) = m.actor.filter(|_| m.person) else { continue };
            let name: Vec<String> = crate::words::canonical_words(&self.lex.actor(a).id);
            let mut last = occ.last;
            while last + 1 < p.n
                && p.class[last + 1] == Class::Plain
                && name.iter().any(|n| *n == *words[last + 1].text)
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
        let mut i = 0;
        while i + 1 < p.occurrences.len() {
            let (a, b) = (&p.occurrences[i], &p.occurrences[i + 1]);
            let person = b.members.len() == 1 && b.members[0].person && b.members[0].actor.is_some();
            if person && a.last + 1 == b.first && a.members.iter().all(|m| !m.person && m.agent.is_none()) {
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
    fn attach_agents(&self, words: &[Word], p: &mut Parse) {
        let rich = self.opts.rich_agents;
        let mut occurrences = std::mem::take(&mut p.occurrences);
        // Agent phrases in order, grouped when joined by "and".
        let mut groups: Vec<Vec<(u32, usize, usize)>> = Vec::new();
        for i in 0..p.n {
            let Class::Phrase(k) = p.class[i] else { continue };
            let Entry::Agent(g) = p.phrases[k].entry else { continue };
            let (first, last) = (p.phrases[k].first(), p.phrases[k].last());
            let joins_previous = rich
                && groups
                    .last()
                    .and_then(|g| g.last())
                    .is_some_and(|&(_, _, prev_last)| prev_last + 2 == first && words[prev_last + 1].text == "AND");
            match groups.last_mut() {
                Some(group) if joins_previous => group.push((g, first, last)),
                _ => groups.push(vec![(g, first, last)]),
            }
        }
        let mut unattached = Vec::new();
        for group in groups {
            let (first, last) = (group[0].1, group[group.len() - 1].2);
            // "Arnor former security officials": FORMER may sit between the actor and its agent.
            let gap = if first > 0 && words[first - 1].text == "FORMER" { 2 } else { 1 };
            let modifier = |j: usize| {
                matches!(p.class[j], Class::Plain | Class::Adjective | Class::Determiner | Class::Number | Class::Noun)
                    && words[j].kind == crate::words::WordKind::Word
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
                unattached.push(group);
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
                for &(g, gf, gl) in &group {
                    let agent = self.lex.agent(g);
                    let code = if is_former { "ELI" } else { &agent.code };
                    let mut m = member.clone();
                    m.code = combine(&member.code, code, agent.prefix && !is_former).into();
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
            for group in unattached {
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
                        }
                    })
                    .collect();
                let (first, last) = (members[0].first, members[members.len() - 1].last);
                let compound = members.len() > 1;
                occurrences.push(Occurrence { first, last, members, compound, pronoun: false });
            }
        }
        occurrences.sort_by_key(|o| o.first);
        p.occurrences = occurrences;
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
        let occ = std::mem::take(&mut p.occurrences);
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
        // The link between consecutive occurrences, and the separator words it uses.
        let link = |a: &Occurrence, b: &Occurrence| -> Option<(LinkKind, Vec<usize>)> {
            let mut j = a.last + 1;
            let mut separators = Vec::new();
            let mut kind = None;
            if j < b.first && p.class[j] == Class::Comma {
                separators.push(j);
                kind = Some(LinkKind::Comma);
                j += 1;
            }
            if j < b.first && is_joining_conj(j) {
                separators.push(j);
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
        let mut merged: Vec<Occurrence> = Vec::new();
        let mut i = 0;
        while i < occ.len() {
            let mut chain = vec![i];
            let mut links: Vec<(LinkKind, Vec<usize>)> = Vec::new();
            while let Some(&last) = chain.last() {
                let Some(next) = occ.get(last + 1) else { break };
                let Some(l) = link(&occ[last], next) else { break };
                // Absorption only continues a list closed by a conjunction.
                if l.0 == LinkKind::Absorb && links.last().is_none_or(|x| x.0 == LinkKind::Comma) {
                    break;
                }
                links.push(l);
                chain.push(last + 1);
            }
            // Keep the chain up to the element after its last conjunction (plus absorbed actors).
            let Some(last_conj) = links.iter().rposition(|l| l.0 == LinkKind::Conj) else {
                merged.push(occ[i].clone());
                i += 1;
                continue;
            };
            let mut end = last_conj + 1;
            while end < links.len() && links[end].0 == LinkKind::Absorb {
                end += 1;
            }
            let group = &chain[..=end];
            let mut members: Vec<Member> = Vec::new();
            for &g in group {
                for m in &occ[g].members {
                    if !members.iter().any(|x| x.code == m.code) {
                        members.push(m.clone());
                    }
                }
            }
            for (_, separators) in &links[..end] {
                for &s in separators {
                    p.protected[s] = true;
                }
            }
            let compound = members.len() > 1;
            let (first, last) = (occ[group[0]].first, occ[*group.last().unwrap_or(&i)].last);
            merged.push(Occurrence { first, last, members, compound, pronoun: false });
            i = group.last().map_or(i + 1, |g| g + 1);
        }
        p.occurrences = merged;
    }

    /// Compound nouns and adjectives ("bombs and rockets", "black and white") keep their conjunction.
    fn protect_compound_nouns(&self, p: &mut Parse) {
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
        let actors: Vec<Occurrence> = p.occurrences.iter().filter(|o| !o.pronoun).cloned().collect();
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
                match kind {
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
        const FUNCTION_WORDS: &[&str] = &[
            "AFTER",
            "BEFORE",
            "SINCE",
            "WHEN",
            "WHILE",
            "IF",
            "THAT",
            "WHICH",
            "WHO",
            "WHOM",
            "WHERE",
            "ALMOST",
            "WITH",
            "IN",
            "ON",
            "AT",
            "BY",
            "FOR",
            "TO",
            "FROM",
            "OF",
            "AS",
            "ABOUT",
            "AGAINST",
            "BETWEEN",
            "INTO",
            "DURING",
            "UNTIL",
            "ACCORDING",
            "THOUGH",
            "ALTHOUGH",
            "BECAUSE",
            "BUT",
            "AND",
            "OR",
            "NOR",
            "WHOSE",
            "NOT",
        ];
        let mut j = c + 1;
        while j < p.n
            && (matches!(p.class[j], Class::Determiner | Class::Adjective)
                || p.class[j] == Class::Plain
                    && words[j].kind == crate::words::WordKind::Word
                    && !FUNCTION_WORDS.contains(&words[j].text.as_str()))
            && j - c <= 5
        {
            j += 1;
        }
        let subject = match p.class.get(j) {
            Some(Class::Phrase(k)) => matches!(p.phrases[*k].entry, Entry::Actor(_) | Entry::Agent(_)),
            Some(Class::Pronoun(_)) => true,
            _ => false,
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

    fn split_clauses(&self, words: &[Word], p: &mut Parse) {
        let first_verb = p.verbs().next().map_or(p.n, |(v, _)| v);
        let mut start = 0;
        for i in 0..p.n {
            // "heavily and unjustly": a conjunction between adverbs joins them.
            let adverbs =
                i > 0 && i + 1 < p.n && words[i - 1].text.ends_with("LY") && words[i + 1].text.ends_with("LY");
            let subject_part = !self.opts.split_before_first_verb && i < first_verb;
            let new_subject =
                self.opts.comma_clauses && p.is_stop(i) && !p.deleted[i] && self.starts_subject(words, p, i);
            // A conjunction that belongs to a dictionary phrase (SHOT_AND_WOUND) is a literal, not a Conj.
            if new_subject || p.class[i] == Class::Conj && !p.protected[i] && !p.deleted[i] && !adverbs && !subject_part
            {
                p.clauses.push((start, i));
                start = i + 1;
            }
        }
        p.clauses.push((start, p.n));
    }
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

fn is_modal(text: &str) -> bool {
    matches!(text, "SHOULD" | "WOULD" | "COULD" | "WILL" | "SHALL" | "MAY" | "MIGHT" | "MUST" | "CAN")
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
    if prefix { format!("{agent}{actor}") } else { format!("{actor}{agent}") }
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
