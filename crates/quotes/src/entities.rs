//! People, organisations and places without a trained model: capitalised word sequences, cut and typed by
//! titles, organisation and place heads, the gazetteer and the dictionary lookup, then linked into entities
//! across the article. docs/quotes.md ("Entities") states the rules; the GUM test measures them.

use crate::ActorLookup;
use crate::atoms::{Atom, AtomKind};
use crate::gazetteer;
use crate::lexicon::*;
use crate::marks::NONE;
use crate::names;
use attache_doc::EntityKind;
use std::collections::HashMap;

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// The full name as first given (or a longer one).
    Name,
    /// One word of a person's name ("Jia", "Hufbauer").
    Surname,
    /// A title and one word of the name ("Professor Jia", "President Xi").
    Title,
    /// An acronym of an organisation introduced in parentheses or matching its initials ("WHO").
    Acronym,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Unknown,
    Male,
    Female,
}

/// One proper-name mention of an entity.
#[derive(Debug, Clone)]
pub(crate) struct NameMention {
    /// First atom, title and country prefix included ("US President Donald Trump").
    pub first: usize,
    /// Last atom, inclusive.
    pub last: usize,
    /// First atom of the name proper (after prefix and titles).
    pub name_first: usize,
    pub entity: usize,
    pub form: Form,
    /// Followed by `’s`: the mention modifies what follows ("China’s position").
    pub possessive: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct EntityDraft {
    pub kind: EntityKind,
    pub name: String,
    /// The words of the name, as written (for surname matching).
    pub words: Vec<String>,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub gender: Gender,
    /// Indices into [`Entities::mentions`], in text order.
    pub mentions: Vec<usize>,
}

pub(crate) struct Entities {
    pub drafts: Vec<EntityDraft>,
    /// Sorted by `first`.
    pub mentions: Vec<NameMention>,
    /// For every atom, the index of the name mention covering it, or `NONE`.
    pub at: Vec<u32>,
}

impl Entities {
    /// The mention covering atom `i`, if any.
    pub fn mention_at(&self, i: usize) -> Option<&NameMention> {
        match self.at.get(i) {
            Some(&m) if m != NONE => self.mentions.get(m as usize),
            _ => None,
        }
    }
}

/// A capitalised sequence after cutting: where its title/prefix ends and its name begins.
struct Candidate {
    first: usize,
    last: usize,
    /// First atom of the name proper (after country prefix and titles).
    name_first: usize,
    titles: Option<(usize, usize)>,
    prefix: Option<(usize, usize)>,
    possessive: bool,
}

pub(crate) struct Recogniser<'a> {
    text: &'a str,
    atoms: &'a [Atom],
    frame: &'a [u32],
    frame_starts: &'a [usize],
    lookup: Option<&'a dyn ActorLookup>,
    /// Lower-case forms of words seen written in lower case somewhere: a capitalised sentence opener that is
    /// also used in lower case is an ordinary word.
    lower_seen: std::collections::HashSet<&'a str>,
    /// Capitalised words that occur somewhere other than at a frame's start.
    capitalised_inside: std::collections::HashSet<&'a str>,
    drafts: Vec<EntityDraft>,
    mentions: Vec<NameMention>,
    by_name: HashMap<(String, u8), usize>,
    /// Name word → entities whose name contains it (persons and organisations), for surname and short forms.
    by_word: HashMap<String, Vec<usize>>,
    /// Mention positions of every entity, sorted.
    positions: Vec<Vec<usize>>,
}

fn kind_key(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Place => 2,
    }
}

impl<'a> Recogniser<'a> {
    pub fn new(
        text: &'a str,
        atoms: &'a [Atom],
        frame: &'a [u32],
        frame_starts: &'a [usize],
        lookup: Option<&'a dyn ActorLookup>,
    ) -> Self {
        let lower_seen = atoms.iter().filter(|a| a.is_word() && !a.cap).map(|a| &text[a.start..a.end]).collect();
        let mut recogniser = Recogniser {
            text,
            atoms,
            frame,
            frame_starts,
            lookup,
            lower_seen,
            capitalised_inside: Default::default(),
            drafts: Vec::new(),
            mentions: Vec::new(),
            by_name: HashMap::new(),
            by_word: HashMap::new(),
            positions: Vec::new(),
        };
        recogniser.capitalised_inside = (0..atoms.len())
            .filter(|&k| atoms[k].is_word() && atoms[k].cap && !recogniser.frame_initial(k))
            .map(|k| &text[atoms[k].start..atoms[k].end])
            .collect();
        recogniser
    }

    fn word(&self, i: usize) -> &'a str {
        let atom = &self.atoms[i];
        &self.text[atom.start..atom.end]
    }

    fn lower(&self, i: usize) -> &str {
        &self.atoms[i].lower
    }

    fn span_text(&self, first: usize, last: usize) -> String {
        self.text[self.atoms[first].start..self.atoms[last].end].to_string()
    }

    fn is_name_word(&self, i: usize) -> bool {
        let atom = &self.atoms[i];
        atom.is_word() && atom.cap
    }

    /// Atom `i` begins its frame, or follows an opening mark, a colon or a dash there.
    fn frame_initial(&self, i: usize) -> bool {
        let start = self.frame_starts[self.frame[i] as usize];
        (start..i).all(|k| {
            let atom = &self.atoms[k];
            atom.is_mark() || matches!(&*atom.lower, "(" | "[" | "-" | "—" | "–" | ":" | "*" | "•")
        }) || (i > 0 && matches!(&*self.atoms[i - 1].lower, ":" | "\"" | "“" | "‘" | "'"))
    }

    fn adjacent(&self, a: usize, b: usize) -> bool {
        self.atoms[a].end == self.atoms[b].start
    }

    fn same_line(&self, a: usize, b: usize) -> bool {
        self.atoms[a].paragraph == self.atoms[b].paragraph
            && !self.text[self.atoms[a].end..self.atoms[b].start].contains('\n')
    }

    /// The last atom of the capitalised sequence starting at `i`.
    fn sequence_end(&self, i: usize) -> usize {
        let n = self.atoms.len();
        let mut j = i;
        while j + 1 < n && self.same_line(j, j + 1) {
            let next = j + 1;
            if self.is_name_word(next) {
                j = next;
                continue;
            }
            let atom = &self.atoms[next];
            if atom.kind == AtomKind::Hyphen
                && next + 1 < n
                && self.adjacent(j, next)
                && self.adjacent(next, next + 1)
                && self.atoms[next + 1].is_word()
            {
                j = next + 1;
                continue;
            }
            if atom.is_word() && !atom.cap {
                let connector = self.lower(next);
                if is_name_particle(connector) && next + 1 < n && self.is_name_word(next + 1) {
                    j = next + 1;
                    continue;
                }
                // "Suleiman al-Amr"
                if is_name_particle(connector)
                    && next + 2 < n
                    && self.atoms[next + 1].kind == AtomKind::Hyphen
                    && self.adjacent(next, next + 1)
                    && self.is_name_word(next + 2)
                {
                    j = next + 2;
                    continue;
                }
                if matches!(connector, "of" | "for" | "and" | "on") || &*atom.lower == "&" {
                    let mut target = next + 1;
                    if target < n && self.lower(target) == "the" {
                        target += 1;
                    }
                    let head_before =
                        is_org_head(self.lower(j)) || is_place_head(self.lower(j)) || is_head_title(self.lower(j));
                    let org_so_far = (i..=j).any(|k| is_org_head(self.lower(k)));
                    let allowed = match connector {
                        "of" | "for" => head_before,
                        _ => org_so_far,
                    };
                    if allowed && target < n && self.is_name_word(target) && !is_not_name(self.lower(target)) {
                        j = target;
                        continue;
                    }
                }
            }
            if atom.kind == AtomKind::Punct && &*atom.lower == "&" && next + 1 < n && self.is_name_word(next + 1) {
                j = next + 1;
                continue;
            }
            break;
        }
        j
    }

    /// Cuts the sequence `first..=last` into prefix, titles and name; `None` when nothing nameable is left.
    fn candidate(&self, mut first: usize, last: usize) -> Option<Candidate> {
        // Function words and sentence openers in front are not part of a name.
        while first <= last
            && (is_not_name(self.lower(first)) && !self.atoms[first].is_acronym(self.text)
                || !self.atoms[first].is_word())
        {
            first += 1;
        }
        if first > last {
            return None;
        }
        let possessive = self.atoms.get(last + 1).is_some_and(|a| a.kind == AtomKind::Possessive);
        let mut k = first;
        // Country or organisation prefix: "US President …", "Chinese Foreign Minister …", "NASA Administrator …".
        let mut prefix = None;
        let is_prefix_word = |k: usize| {
            let word = self.word(k);
            is_nationality(self.lower(k))
                || gazetteer::country_of_adjective(word).is_some()
                || self.atoms[k].is_acronym(self.text)
        };
        if k < last && is_prefix_word(k) && is_title(self.lower(k + 1).trim_end_matches('.')) {
            prefix = Some((k, k));
            k += 1;
        }
        // Titles.
        let title_start = k;
        let mut title_end = None;
        while k <= last && is_title(self.lower(k).trim_end_matches('.')) {
            if is_head_title(self.lower(k).trim_end_matches('.')) {
                title_end = Some(k);
            }
            k += 1;
        }
        let titles = match title_end {
            // Only a run of title words that ends in a head title and is followed by a name counts.
            Some(end) if end < last && self.is_name_word(end + 1) && !is_org_head(self.lower(end + 1)) => {
                k = end + 1;
                Some((title_start, end))
            }
            _ => {
                k = title_start;
                None
            }
        };
        if titles.is_none() {
            prefix = None;
            k = first;
        }
        Some(Candidate { first, last, name_first: k, titles, prefix, possessive })
    }

    /// The entity kind of a name, or `None` when it is not a person, organisation or place.
    fn classify(&self, c: &Candidate, headline: bool) -> Option<EntityKind> {
        let (first, last) = (c.name_first, c.last);
        let name = self.span_text(first, last);
        if let Some(lookup) = self.lookup
            && let Some(kind) = lookup.entity_kind(&name)
        {
            return Some(kind);
        }
        if gazetteer::place(&name).is_some() {
            return Some(EntityKind::Place);
        }
        if headline {
            return None;
        }
        let words: Vec<&str> = (first..=last).filter(|&k| self.atoms[k].is_word()).map(|k| self.lower(k)).collect();
        let last_word = words.last().copied().unwrap_or("");
        if words.len() == 1
            && (is_org_head(last_word) || is_place_head(last_word))
            && !is_org_name(last_word)
            && c.titles.is_none()
        {
            return None;
        }
        if is_event_head(last_word) && c.titles.is_none() {
            return None;
        }
        if words.len() > 1
            && is_place_head(last_word)
            && !(last_word == "state" && words.len() == 2 && words[0] != "new")
        {
            return Some(EntityKind::Place);
        }
        let has_for = words.contains(&"for");
        if words.iter().any(|w| is_org_head(w))
            && !(matches!(last_word, "center" | "centre") && !has_for && !words.contains(&"of"))
        {
            return Some(EntityKind::Organization);
        }
        if matches!(last_word, "center" | "centre") {
            return Some(EntityKind::Place);
        }
        if is_place_head(words[0]) && words.contains(&"of") {
            return Some(EntityKind::Place);
        }
        if c.titles.is_some() {
            return Some(EntityKind::Person);
        }
        if c.titles.is_some() {
            return Some(EntityKind::Person);
        }
        if words.len() == 1 {
            // A head word alone ("the University", "the Museum") is a description, not a name.
            let written = self.word(first);
            let dotted = written.contains('.')
                && written.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !written.chars().any(char::is_lowercase);
            let domain = [".com", ".org", ".net", ".ca", ".co.uk", ".gov"].iter().any(|tld| written.ends_with(tld));
            let acronym = self.atoms[first].is_acronym(self.text) || dotted || domain;
            return (acronym && !is_org_head(last_word) || is_org_name(last_word)).then_some(EntityKind::Organization);
        }
        // Several capitalised words: a person's name if they all look like name words.
        let contains_place =
            (first..=last).any(|k| self.atoms[k].is_word() && gazetteer::place(self.word(k)).is_some());
        let any_acronym = (first..=last).any(|k| self.atoms[k].is_acronym(self.text));
        let nameish = (first..=last).all(|k| {
            let atom = &self.atoms[k];
            match atom.kind {
                AtomKind::Word => {
                    !is_nationality(&atom.lower) && !is_not_name(&atom.lower) || is_name_particle(&atom.lower)
                }
                AtomKind::Hyphen => true,
                _ => false,
            }
        });
        let after_determiner = c.first > 0 && matches!(self.lower(c.first - 1), "the" | "a" | "an");
        let given_name = names::is_feminine_name(self.word(first)) || names::is_masculine_name(self.word(first));
        if (contains_place || any_acronym) && !given_name {
            return Some(EntityKind::Organization);
        }
        if nameish && !after_determiner && words.len() <= 4 {
            return Some(EntityKind::Person);
        }
        None
    }

    fn new_entity(&mut self, kind: EntityKind, name: String, words: Vec<String>) -> usize {
        let id = self.drafts.len();
        self.by_name.insert((name.to_lowercase(), kind_key(kind)), id);
        if kind != EntityKind::Place {
            for word in &words {
                self.by_word.entry(word.clone()).or_default().push(id);
            }
        }
        self.positions.push(Vec::new());
        self.drafts.push(EntityDraft {
            kind,
            name,
            words,
            role: None,
            affiliation: None,
            gender: Gender::Unknown,
            mentions: Vec::new(),
        });
        id
    }

    fn add_mention(&mut self, entity: usize, first: usize, last: usize, form: Form, possessive: bool) {
        self.add_titled_mention(entity, first, first, last, form, possessive);
    }

    fn add_titled_mention(
        &mut self,
        entity: usize,
        first: usize,
        name_first: usize,
        last: usize,
        form: Form,
        possessive: bool,
    ) {
        let positions = &mut self.positions[entity];
        let at = positions.partition_point(|&p| p < first);
        positions.insert(at, first);
        self.mentions.push(NameMention { first, last, name_first, entity, form, possessive });
    }

    fn name_words(&self, first: usize, last: usize) -> Vec<String> {
        (first..=last)
            .filter(|&k| self.atoms[k].is_word() && !is_name_particle(self.lower(k)))
            .map(|k| self.word(k).trim_end_matches('.').to_string())
            .collect()
    }

    /// Finds or creates the entity for a multi-word or typed name.
    fn entity_for(&mut self, kind: EntityKind, first: usize, last: usize) -> usize {
        let written = self.span_text(first, last);
        let name = match kind {
            EntityKind::Place => gazetteer::place(&written).map(str::to_string).unwrap_or(written),
            _ => written,
        };
        if let Some(&id) = self.by_name.get(&(name.to_lowercase(), kind_key(kind))) {
            return id;
        }
        let words = self.name_words(first, last);
        self.new_entity(kind, name, words)
    }

    /// Emits place mentions for gazetteer names inside an organisation's name ("China Institute of …").
    fn nested_places(&mut self, first: usize, last: usize) {
        let mut k = first;
        while k <= last {
            let mut matched = None;
            for end in (k..=last.min(k + 3)).rev() {
                if self.atoms[k].is_word()
                    && self.atoms[end].is_word()
                    && self.atoms[k].cap
                    && gazetteer::place(&self.span_text(k, end)).is_some()
                {
                    matched = Some(end);
                    break;
                }
            }
            match matched {
                Some(end) if !(k == first && end == last) => {
                    let id = self.entity_for(EntityKind::Place, k, end);
                    let possessive = self.atoms.get(end + 1).is_some_and(|a| a.kind == AtomKind::Possessive);
                    self.add_mention(id, k, end, Form::Name, possessive);
                    k = end + 1;
                }
                _ => k += 1,
            }
        }
    }

    fn headline_frame(&self, frame: usize) -> bool {
        let start = self.frame_starts[frame];
        let end = self.frame_starts.get(frame + 1).copied().unwrap_or(self.atoms.len());
        let words: Vec<&Atom> = self.atoms[start..end].iter().filter(|a| a.is_word()).collect();
        let capitalised = words.iter().filter(|a| a.cap || is_not_name(&a.lower) && a.lower.len() <= 3).count();
        words.len() >= 4
            && capitalised * 10 >= words.len() * 9
            && words.iter().filter(|a| a.cap).count() * 10 >= words.len() * 6
    }

    /// Runs recognition and linking over the whole document.
    pub fn run(mut self) -> Entities {
        let n = self.atoms.len();
        let mut headline_cache: HashMap<u32, bool> = HashMap::new();
        // Pass 1: sequences that type themselves (multi-word names, titles, heads, gazetteer, lookup).
        let mut singles: Vec<Candidate> = Vec::new();
        let mut role_phrases: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < n {
            if !self.is_name_word(i) {
                i += 1;
                continue;
            }
            let mut end = self.sequence_end(i);
            // "Refugee Council Enver Solomon": a given name after an organisation head starts a new name.
            if let Some(split) = (i + 1..=end).find(|&k| {
                (is_org_head(self.lower(k - 1)) || is_place_head(self.lower(k - 1)))
                    && (names::is_masculine_name(self.word(k)) || names::is_feminine_name(self.word(k)))
            }) {
                end = split - 1;
            }
            let next = end + 1;
            let Some(candidate) = self.candidate(i, end) else {
                i = next;
                continue;
            };
            let frame = self.frame[candidate.first];
            let headline = *headline_cache.entry(frame).or_insert_with(|| self.headline_frame(frame as usize));
            // "Director of the National …": a title phrase, not a name; its object is analysed on its own.
            let name_first_lower = self.lower(candidate.name_first).to_string();
            if candidate.titles.is_none() && is_head_title(name_first_lower.trim_end_matches('.')) {
                let mut k = candidate.name_first;
                while k <= end && is_title(self.lower(k).trim_end_matches('.')) {
                    k += 1;
                }
                if k <= end && matches!(self.lower(k), "of" | "for") {
                    // "Minister of Education Stefania Giannini": a given name ends the role phrase.
                    if let Some(given) = (k + 1..=end)
                        .find(|&g| names::is_feminine_name(self.word(g)) || names::is_masculine_name(self.word(g)))
                    {
                        role_phrases.push((candidate.name_first, given - 1));
                        let person = Candidate {
                            first: candidate.first,
                            last: end,
                            name_first: given,
                            titles: Some((candidate.name_first, given - 1)),
                            prefix: None,
                            possessive: candidate.possessive,
                        };
                        self.place_candidate(&person, EntityKind::Person);
                        i = next;
                        continue;
                    }
                    role_phrases.push((candidate.name_first, end));
                    let mut object = k + 1;
                    while object <= end && !self.is_name_word(object) {
                        object += 1;
                    }
                    i = object.max(i + 1);
                    continue;
                }
                if k > end {
                    // A bare title ("the President"): a role, not a name.
                    i = next;
                    continue;
                }
            }
            let single = candidate.name_first == candidate.last;
            let kind = self.classify(&candidate, headline);
            match kind {
                Some(kind) if !single || kind != EntityKind::Person || candidate.titles.is_some() => {
                    self.place_candidate(&candidate, kind);
                }
                Some(EntityKind::Person) | None if single && !headline => {
                    if !(self.frame_initial(candidate.name_first)
                        && candidate.titles.is_none()
                        && self.ordinary_word(candidate.name_first))
                    {
                        singles.push(candidate);
                    }
                }
                _ => {
                    // A multi-word sequence that is not a name may still contain places ("Chinese Start").
                    if kind.is_none() && !headline {
                        self.nested_places(candidate.name_first, candidate.last);
                    }
                }
            }
            i = next;
        }
        self.mentions.sort_by_key(|m| m.first);
        // Pass 2: single words, linked to the entities pass 1 found (surnames, acronyms, short forms).
        for candidate in singles {
            self.place_single(&candidate);
        }
        // Outer mentions before the mentions nested in them, so the outer one owns its atoms in `at`.
        self.mentions.sort_by_key(|m| (m.first, std::cmp::Reverse(m.last)));
        self.mentions.dedup_by_key(|m| (m.first, m.last));
        self.link_acronyms();
        self.drop_unmentioned();
        for (m, mention) in self.mentions.iter().enumerate() {
            self.drafts[mention.entity].mentions.push(m);
        }
        let mut at = vec![NONE; n];
        for (m, mention) in self.mentions.iter().enumerate() {
            for slot in &mut at[mention.first..=mention.last.min(n - 1)] {
                if *slot == NONE {
                    *slot = m as u32;
                }
            }
        }
        let mut entities = Entities { drafts: self.drafts, mentions: self.mentions, at };
        let text = self.text;
        let atoms = self.atoms;
        crate::roles::attach_roles(text, atoms, &mut entities, &role_phrases);
        entities
    }

    /// A capitalised word that is really an ordinary word at a sentence start ("Additionally", "Academic").
    fn ordinary_word(&self, i: usize) -> bool {
        let word = self.word(i);
        if gazetteer::place(word).is_some() || self.atoms[i].is_acronym(self.text) {
            return false;
        }
        if let Some(lookup) = self.lookup
            && lookup.entity_kind(word).is_some()
        {
            return false;
        }
        let lower = self.lower(i);
        self.lower_seen.contains(lower)
            || is_nationality(lower)
            || lower.ends_with("ly")
            || lower.ends_with("ing")
            || lower.ends_with("ed")
            || is_role_noun(lower)
            || is_title(lower)
            || !self.seen_capitalised_inside(i)
    }

    /// Whether the word at `i` also occurs capitalised somewhere not at a frame start.
    fn seen_capitalised_inside(&self, i: usize) -> bool {
        self.capitalised_inside.contains(self.word(i))
    }

    fn place_candidate(&mut self, c: &Candidate, kind: EntityKind) {
        let (first, last) = (c.name_first, c.last);
        // "China-US", "Sino-US": places joined by a hyphen are separate mentions.
        if kind != EntityKind::Place && (first..=last).any(|k| self.atoms[k].kind == AtomKind::Hyphen) {
            let parts: Vec<(usize, usize)> = split_on_hyphens(self.atoms, first, last);
            if parts.len() > 1
                && parts.iter().all(|&(a, b)| {
                    let part = self.span_text(a, b);
                    gazetteer::place(&part).is_some() || gazetteer::country_of_adjective(&part).is_some()
                })
            {
                for (a, b) in parts {
                    if gazetteer::place(&self.span_text(a, b)).is_some() {
                        let id = self.entity_for(EntityKind::Place, a, b);
                        self.add_mention(id, a, b, Form::Name, false);
                    }
                }
                return;
            }
        }
        let single = first == last;
        // "Paris" after "Valeska Paris" is her surname, not the city.
        if kind == EntityKind::Place
            && single
            && c.titles.is_none()
            && let Some(entity) = self.person_by_word(self.word(first), first)
        {
            self.add_titled_mention(entity, c.first, first, c.last, Form::Surname, c.possessive);
            return;
        }
        if kind == EntityKind::Person && single {
            // "President Xi": a title and one word of a name.
            let word = self.word(first);
            let known = self.person_by_word(word, first).or_else(|| self.person_by_spelling(word));
            let entity = known.unwrap_or_else(|| {
                let words = self.name_words(first, last);
                let name = self.span_text(first, last);
                self.new_entity(EntityKind::Person, name, words)
            });
            self.add_titled_mention(entity, c.first, first, c.last, Form::Title, c.possessive);
        } else {
            let entity = self.entity_for(kind, first, last);
            self.add_titled_mention(entity, c.first, first, c.last, Form::Name, c.possessive);
            if kind == EntityKind::Organization {
                self.nested_places(first, last);
            }
        }
        if let Some((a, b)) = c.prefix
            && gazetteer::place(&self.span_text(a, b)).is_some()
        {
            let id = self.entity_for(EntityKind::Place, a, b);
            self.add_mention(id, a, b, Form::Name, false);
        }
        if kind == EntityKind::Person
            && let Some((a, b)) = c.titles
        {
            let gender = (a..=b).find_map(|k| gender_of_word(self.lower(k).trim_end_matches('.')));
            let entity = self.mentions.last().map(|m| m.entity).unwrap_or(0);
            if let Some(gender) = gender {
                self.drafts[entity].gender = gender;
            }
        }
        if kind == EntityKind::Person {
            let entity = self.mentions.last().map(|m| m.entity).unwrap_or(0);
            if self.drafts[entity].gender == Gender::Unknown {
                let first_name = self.word(first);
                if names::is_feminine_name(first_name) {
                    self.drafts[entity].gender = Gender::Female;
                } else if names::is_masculine_name(first_name) {
                    self.drafts[entity].gender = Gender::Male;
                }
            }
        }
    }

    /// The person whose name has `word` as its first or last word; the most recently mentioned one wins.
    fn person_by_word(&self, word: &str, before: usize) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None; // (last mention position before `before`, entity)
        for &id in self.by_word.get(word).map(Vec::as_slice).unwrap_or(&[]) {
            let draft = &self.drafts[id];
            let first_or_last = draft.words.first().map(String::as_str) == Some(word)
                || draft.words.last().map(String::as_str) == Some(word);
            if draft.kind != EntityKind::Person || !first_or_last {
                continue;
            }
            let positions = &self.positions[id];
            let earlier = positions.partition_point(|&p| p < before);
            let position = earlier.checked_sub(1).map(|i| positions[i]).unwrap_or(0);
            if best.is_none_or(|(p, _)| position >= p) {
                best = Some((position, id));
            }
        }
        best.map(|(_, id)| id)
    }

    /// A person whose last name is within two edits of `word` (spelling slips: "Bauchtman" for "Buchtmann").
    /// Only persons already known are compared, and only the first few dozen: a bounded cost per mention.
    fn person_by_spelling(&self, word: &str) -> Option<usize> {
        if word.chars().count() < 5 {
            return None;
        }
        self.drafts.iter().take(64).position(|d| {
            d.kind == EntityKind::Person
                && d.words.len() >= 2
                && d.words.last().is_some_and(|last| last.chars().count() >= 5 && edit_distance(last, word) <= 2)
        })
    }

    fn place_single(&mut self, c: &Candidate) {
        let i = c.name_first;
        let word = self.word(i);
        let lower = self.lower(i).to_string();
        if is_nationality(&lower) || is_title(lower.trim_end_matches('.')) || is_role_noun(&lower) && c.titles.is_none()
        {
            return;
        }
        if let Some(entity) = self.person_by_word(word, i) {
            let form = if c.titles.is_some() { Form::Title } else { Form::Surname };
            self.add_titled_mention(entity, c.first, i, c.last, form, c.possessive);
            return;
        }
        if let Some(id) = self.org_by_short_form(word) {
            self.add_mention(id, c.first, c.last, Form::Name, c.possessive);
            return;
        }
        let followed_by_cue = self.followed_by_cue(c.last);
        let titled = c.titles.is_some();
        if titled || followed_by_cue {
            if let Some(entity) = self.person_by_spelling(word) {
                self.add_titled_mention(
                    entity,
                    c.first,
                    i,
                    c.last,
                    if titled { Form::Title } else { Form::Surname },
                    c.possessive,
                );
                return;
            }
            let words = self.name_words(i, i);
            let entity = self.new_entity(EntityKind::Person, word.to_string(), words);
            self.add_titled_mention(
                entity,
                c.first,
                i,
                c.last,
                if titled { Form::Title } else { Form::Name },
                c.possessive,
            );
            if let Some((a, b)) = c.titles
                && let Some(gender) = (a..=b).find_map(|k| gender_of_word(self.lower(k).trim_end_matches('.')))
            {
                self.drafts[entity].gender = gender;
            }
        }
    }

    /// An organisation whose name contains `word` as a distinctive word ("Scientology" → "Church of Scientology").
    fn org_by_short_form(&self, word: &str) -> Option<usize> {
        if gazetteer::place(word).is_some() || is_not_name(&word.to_lowercase()) {
            return None;
        }
        self.by_word.get(word)?.iter().copied().find(|&id| {
            let draft = &self.drafts[id];
            draft.kind == EntityKind::Organization && draft.words.len() >= 2
        })
    }

    fn followed_by_cue(&self, last: usize) -> bool {
        let mut k = last + 1;
        while k < self.atoms.len() && k <= last + 3 && is_cue_adverb(self.lower(k)) {
            k += 1;
        }
        k < self.atoms.len() && cue_lemma(self.lower(k)).is_some_and(is_frame_verb)
    }

    /// Acronyms: "World Health Organisation (WHO)" makes later "WHO" a mention of the organisation; an acronym
    /// equal to an organisation's initials is linked to it.
    fn link_acronyms(&mut self) {
        let mut initials: HashMap<String, usize> = HashMap::new();
        for (id, draft) in self.drafts.iter().enumerate() {
            if draft.kind == EntityKind::Organization && draft.words.len() >= 2 {
                let letters: String = draft
                    .words
                    .iter()
                    .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                    .filter_map(|w| w.chars().next())
                    .collect();
                initials.insert(letters, id);
            }
        }
        // Single-acronym organisation entities whose initials match a longer organisation merge into it.
        for m in 0..self.mentions.len() {
            let entity = self.mentions[m].entity;
            let draft = &self.drafts[entity];
            if draft.kind == EntityKind::Organization
                && draft.words.len() == 1
                && let Some(&target) = initials.get(&draft.words[0])
                && target != entity
            {
                self.mentions[m].entity = target;
                self.mentions[m].form = Form::Acronym;
            }
        }
    }
}

impl Recogniser<'_> {
    /// Removes entities left without mentions (a duplicate mention was dropped) and renumbers the rest.
    fn drop_unmentioned(&mut self) {
        let mut used = vec![false; self.drafts.len()];
        for mention in &self.mentions {
            used[mention.entity] = true;
        }
        if used.iter().all(|&u| u) {
            return;
        }
        let mut new_id = vec![usize::MAX; self.drafts.len()];
        let mut kept = Vec::new();
        for (id, draft) in std::mem::take(&mut self.drafts).into_iter().enumerate() {
            if used[id] {
                new_id[id] = kept.len();
                kept.push(draft);
            }
        }
        self.drafts = kept;
        for mention in &mut self.mentions {
            mention.entity = new_id[mention.entity];
        }
    }
}

fn split_on_hyphens(atoms: &[Atom], first: usize, last: usize) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut start = first;
    for (k, atom) in atoms.iter().enumerate().take(last + 1).skip(first) {
        if atom.kind == AtomKind::Hyphen {
            if k > start {
                parts.push((start, k - 1));
            }
            start = k + 1;
        }
    }
    if start <= last {
        parts.push((start, last));
    }
    parts
}

pub(crate) fn gender_of_word(word: &str) -> Option<Gender> {
    if is_masculine(word) {
        Some(Gender::Male)
    } else if is_feminine(word) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Levenshtein distance over characters (short words only: names).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 {
        return 3;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut diagonal = row[0];
        row[0] = i;
        for j in 1..=b.len() {
            let above = row[j];
            row[j] = (row[j] + 1).min(row[j - 1] + 1).min(diagonal + usize::from(a[i - 1] != b[j - 1]));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn edit_distance_counts_slips() {
        assert_eq!(edit_distance("Buchtmann", "Bauchtman"), 2);
        assert_eq!(edit_distance("Waters", "Water"), 1);
        assert!(edit_distance("Smith", "Jones") > 2);
    }
}
