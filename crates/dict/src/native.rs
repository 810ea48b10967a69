//! attache's own dictionary format (TOML): `countries.toml`, `people.toml`, `organizations.toml`,
//! `agents.toml` (the contract in `docs/dictionaries.md`) and `verbs.toml` (verbs, patterns, synonym sets,
//! attribution verbs, nouns) plus `discards.toml`.
//!
//! Names match case-insensitively as token sequences; the last word of a name also matches its regular plural
//! and possessive ("China's", "diplomats"). Verb forms are generated (phones, phoned, phoning) from base forms,
//! with irregular forms listed. Patterns use TABARI's syntax (see `docs/dictionaries.md`), with exact words.

use crate::error::{DictError, DictErrors};
use crate::model::{
    Actor, ActorCodes, ActorKind, Agent, Code, CodeSet, DateRange, Dictionary, Discard, Elem, Item, Link, Match,
    Origin, Pattern, Phrase, Synset, Verb, VerbMember, Word,
};
use crate::syntax::{Dialect, elems_len, parse_elems, parse_event_code};
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::Arc;
use toml::Spanned;

/// Byte offset → 1-based line.
fn line_of(text: &str, offset: usize) -> u32 {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() as u32 + 1
}

fn toml_error(text: &str, file: &str, error: &toml::de::Error) -> DictErrors {
    let line = error.span().map_or(0, |span| line_of(text, span.start));
    DictErrors::single(file, line, error.message().to_string())
}

fn parse_toml<T: for<'de> Deserialize<'de>>(text: &str, file: &str) -> Result<T, DictErrors> {
    toml::from_str(text).map_err(|e| toml_error(text, file, &e))
}

/// A name as a phrase of adjacent words; the last word takes regular plural/possessive endings.
pub fn name_phrase(name: &str) -> Option<Phrase> {
    let words: Vec<Word> =
        normalise_name(name).split(' ').filter(|w| !w.is_empty()).map(|w| Word::new(w, Match::Exact)).collect();
    if words.is_empty() {
        return None;
    }
    let mut phrase = Phrase::adjacent(words);
    if let Some(last) = phrase.words.last_mut() {
        last.matching = Match::Noun;
    }
    Some(phrase)
}

/// Upper-cases and folds typography the way the coder folds text: typographic apostrophes and dashes, and
/// hyphens become blanks (text hyphens are token boundaries).
pub fn normalise_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '`' => out.push('\''),
            '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '_' => out.push(' '),
            c if c.is_whitespace() => out.push(' '),
            c => out.extend(c.to_uppercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountriesFile {
    #[serde(default)]
    country: Vec<Spanned<CountryEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryEntry {
    code: String,
    name: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
    #[serde(default)]
    capitals: Vec<String>,
    /// Forms among names/adjectives that match only with exactly this letter case ("US" but not "us").
    #[serde(default)]
    exact_case: Vec<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    other_codes: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

fn check_code(code: &str, file: &str, line: u32) -> Result<Box<str>, DictError> {
    let upper = code.trim().to_ascii_uppercase();
    if upper.is_empty() || !upper.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(DictError::new(file, line, format!("invalid actor code `{code}`")));
    }
    Ok(upper.into())
}

fn phrases(names: impl IntoIterator<Item = impl AsRef<str>>) -> Vec<Phrase> {
    cased_phrases(names, &[])
}

/// Phrases for names; those listed in `exact_case` match only with their letter case.
fn cased_phrases(names: impl IntoIterator<Item = impl AsRef<str>>, exact_case: &[String]) -> Vec<Phrase> {
    let mut seen = HashSet::new();
    names
        .into_iter()
        .filter_map(|n| {
            let n = n.as_ref();
            if exact_case.iter().any(|e| e == n) { cased_phrase(n) } else { name_phrase(n) }
        })
        .filter(|p| seen.insert(p.clone()))
        .collect()
}

/// A name that must match with its exact letter case.
pub fn cased_phrase(name: &str) -> Option<Phrase> {
    let words: Vec<Word> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(|w| Word::new(&w.replace('\u{2019}', "'"), Match::Cased))
        .collect();
    (!words.is_empty()).then(|| Phrase::adjacent(words))
}

/// Reads `countries.toml`: each country's names and adjectives code as the country; capitals as its
/// government (`Beijing said` → CHNGOV).
pub fn read_countries(text: &str, file: &str) -> Result<Dictionary, DictErrors> {
    let parsed: CountriesFile = parse_toml(text, file)?;
    let label: Arc<str> = file.into();
    let mut dict = Dictionary { label: file.to_string(), ..Default::default() };
    let mut errors = Vec::new();
    for entry in parsed.country {
        let line = line_of(text, entry.span().start);
        let country = entry.into_inner();
        let _ = (&country.note, &country.region, &country.other_codes);
        let code = match check_code(&country.code, file, line) {
            Ok(code) => code,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let names = cased_phrases(
            std::iter::once(&country.name).chain(&country.names).chain(&country.adjectives),
            &country.exact_case,
        );
        dict.actors.push(Actor {
            id: country.name.as_str().into(),
            kind: ActorKind::Country,
            names,
            codes: ActorCodes::fixed(CodeSet::Codes(vec![code.clone()])),
            origin: Origin::new(&label, line),
        });
        if !country.capitals.is_empty() {
            dict.actors.push(Actor {
                id: format!("{} (capital)", country.name).into(),
                kind: ActorKind::Capital,
                names: phrases(&country.capitals),
                codes: ActorCodes::fixed(CodeSet::Codes(vec![format!("{code}GOV").into()])),
                origin: Origin::new(&label, line),
            });
        }
    }
    if errors.is_empty() { Ok(dict) } else { Err(DictErrors(errors)) }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeopleFile {
    #[serde(default)]
    person: Vec<Spanned<PersonEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonEntry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    role: Vec<RoleEntry>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleEntry {
    code: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
}

fn iso_date(text: &str, file: &str, line: u32) -> Result<Date, DictError> {
    text.parse::<Date>().map_err(|_| DictError::new(file, line, format!("`{text}` is not an ISO date YYYY-MM-DD")))
}

/// Reads `people.toml`: names and aliases with date-bounded roles (`from` inclusive, `to` exclusive).
pub fn read_people(text: &str, file: &str) -> Result<Dictionary, DictErrors> {
    let parsed: PeopleFile = parse_toml(text, file)?;
    let label: Arc<str> = file.into();
    let mut dict = Dictionary { label: file.to_string(), ..Default::default() };
    let mut errors = Vec::new();
    'people: for entry in parsed.person {
        let line = line_of(text, entry.span().start);
        let person = entry.into_inner();
        let _ = &person.note;
        let mut codes = ActorCodes::default();
        for role in &person.role {
            let _ = &role.title;
            let code = match check_code(&role.code, file, line) {
                Ok(code) => CodeSet::Codes(vec![code]),
                Err(e) => {
                    errors.push(e);
                    continue 'people;
                }
            };
            let from = role.from.as_deref().map(|d| iso_date(d, file, line)).transpose();
            let to = role.to.as_deref().map(|d| iso_date(d, file, line)).transpose();
            let (from, to) = match (from, to) {
                (Ok(f), Ok(t)) => (f, t),
                (Err(e), _) | (_, Err(e)) => {
                    errors.push(e);
                    continue 'people;
                }
            };
            // `to` is exclusive in the TOML contract; ranges here are inclusive.
            let last_day = to.map(|t| t.yesterday().unwrap_or(t));
            let range = match (from, last_day) {
                (Some(f), Some(l)) if l < f => {
                    errors.push(DictError::new(
                        file,
                        line,
                        format!("role {} of {} ends before it starts", role.code, person.name),
                    ));
                    continue 'people;
                }
                (Some(f), Some(l)) => Some(DateRange::Between(f, l)),
                (Some(f), None) => Some(DateRange::OnOrAfter(f)),
                (None, Some(l)) => Some(DateRange::OnOrBefore(l)),
                (None, None) => None,
            };
            match range {
                Some(range) => codes.dated.push((range, code)),
                None => codes.default = Some(code),
            }
        }
        if person.role.is_empty() {
            errors.push(DictError::new(file, line, format!("person `{}` has no role", person.name)));
            continue;
        }
        dict.actors.push(Actor {
            id: person.name.as_str().into(),
            kind: ActorKind::Person,
            names: phrases(std::iter::once(&person.name).chain(&person.aliases)),
            codes,
            origin: Origin::new(&label, line),
        });
    }
    if errors.is_empty() { Ok(dict) } else { Err(DictErrors(errors)) }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganizationsFile {
    #[serde(default)]
    organization: Vec<Spanned<OrganizationEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganizationEntry {
    code: String,
    name: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    exact_case: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

const ORGANIZATION_KINDS: &[&str] = &[
    "igo",
    "ngo",
    "government",
    "military",
    "legislature",
    "judiciary",
    "police",
    "intelligence",
    "party",
    "university",
    "think-tank",
    "media",
    "company",
    "armed-group",
    "other",
];

/// Reads `organizations.toml`: named bodies with their full actor codes.
pub fn read_organizations(text: &str, file: &str) -> Result<Dictionary, DictErrors> {
    let parsed: OrganizationsFile = parse_toml(text, file)?;
    let label: Arc<str> = file.into();
    let mut dict = Dictionary { label: file.to_string(), ..Default::default() };
    let mut errors = Vec::new();
    for entry in parsed.organization {
        let line = line_of(text, entry.span().start);
        let org = entry.into_inner();
        let _ = (&org.country, &org.note);
        if let Some(kind) = &org.kind
            && !ORGANIZATION_KINDS.contains(&kind.as_str())
        {
            errors.push(DictError::new(file, line, format!("unknown organization kind `{kind}`")));
            continue;
        }
        let code = match check_code(&org.code, file, line) {
            Ok(code) => code,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        dict.actors.push(Actor {
            id: org.name.as_str().into(),
            kind: ActorKind::Organization,
            names: cased_phrases(std::iter::once(&org.name).chain(&org.names), &org.exact_case),
            codes: ActorCodes::fixed(CodeSet::Codes(vec![code])),
            origin: Origin::new(&label, line),
        });
    }
    if errors.is_empty() { Ok(dict) } else { Err(DictErrors(errors)) }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    #[serde(default)]
    place: Vec<Spanned<PlaceEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceEntry {
    name: String,
    #[serde(default)]
    names: Vec<String>,
    /// The country the place is in (its actor code).
    country: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

const PLACE_KINDS: &[&str] = &["city", "town", "region", "site"];

/// Reads `places.toml`: cities, regions and sites, each coded as the country it lies in.
pub fn read_places(text: &str, file: &str) -> Result<Dictionary, DictErrors> {
    let parsed: PlacesFile = parse_toml(text, file)?;
    let label: Arc<str> = file.into();
    let mut dict = Dictionary { label: file.to_string(), ..Default::default() };
    let mut errors = Vec::new();
    for entry in parsed.place {
        let line = line_of(text, entry.span().start);
        let place = entry.into_inner();
        let _ = &place.note;
        if let Some(kind) = &place.kind
            && !PLACE_KINDS.contains(&kind.as_str())
        {
            errors.push(DictError::new(file, line, format!("unknown place kind `{kind}` (city, town, region, site)")));
            continue;
        }
        let code = match check_code(&place.country, file, line) {
            Ok(code) => code,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        dict.actors.push(Actor {
            id: place.name.as_str().into(),
            kind: ActorKind::Place,
            names: phrases(std::iter::once(&place.name).chain(&place.names)),
            codes: ActorCodes::fixed(CodeSet::Codes(vec![code])),
            origin: Origin::new(&label, line),
        });
    }
    if errors.is_empty() { Ok(dict) } else { Err(DictErrors(errors)) }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgentsFile {
    #[serde(default)]
    agent: Vec<Spanned<AgentEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgentEntry {
    code: String,
    #[serde(default)]
    name: Option<String>,
    nouns: Vec<String>,
    #[serde(default)]
    plurals: Vec<String>,
    /// attache addition: the code goes before the actor's (`NGO` for "aid groups of X").
    #[serde(default)]
    prefix: bool,
    /// attache addition: these nouns name persons, so "he"/"she" can refer to them.
    #[serde(default)]
    person: Option<bool>,
    #[serde(default)]
    note: Option<String>,
}

/// Role nouns that name people, so pronouns can refer to them (used when `person` is not given).
fn looks_like_person(noun: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "MAN",
        "WOMAN",
        "PERSON",
        "MINISTER",
        "PRESIDENT",
        "SECRETARY",
        "LEADER",
        "CHIEF",
        "OFFICIAL",
        "AMBASSADOR",
        "DIPLOMAT",
        "ENVOY",
        "GENERAL",
        "COMMANDER",
        "SOLDIER",
        "OFFICER",
        "JUDGE",
        "PROSECUTOR",
        "LAWMAKER",
        "SENATOR",
        "MP",
        "PREMIER",
        "CHANCELLOR",
        "KING",
        "QUEEN",
        "PRINCE",
        "EMIR",
        "PROFESSOR",
        "SCHOLAR",
        "ANALYST",
        "EXPERT",
        "JOURNALIST",
        "REPORTER",
        "ACTIVIST",
        "REBEL",
        "SPOKESPERSON",
        "ADVISER",
        "ADVISOR",
        "GOVERNOR",
        "MAYOR",
    ];
    let upper = noun.to_ascii_uppercase();
    let last = upper.split_whitespace().last().unwrap_or("");
    ENDINGS.iter().any(|e| last == *e || last.ends_with(e))
}

/// Reads `agents.toml`: role nouns with the sector code they add to an actor.
pub fn read_agents(text: &str, file: &str) -> Result<Dictionary, DictErrors> {
    let parsed: AgentsFile = parse_toml(text, file)?;
    let label: Arc<str> = file.into();
    let mut dict = Dictionary { label: file.to_string(), ..Default::default() };
    let mut errors = Vec::new();
    for entry in parsed.agent {
        let line = line_of(text, entry.span().start);
        let agent = entry.into_inner();
        let _ = (&agent.note, &agent.name);
        let code = match check_code(&agent.code, file, line) {
            Ok(code) => code,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if agent.nouns.is_empty() {
            errors.push(DictError::new(file, line, "agent without nouns"));
            continue;
        }
        // Each noun (and each irregular plural) is its own agent so evidence names the noun that matched.
        for noun in agent.nouns.iter().chain(&agent.plurals) {
            let names = phrases([noun]);
            if names.is_empty() {
                continue;
            }
            dict.agents.push(Agent {
                id: noun.to_ascii_lowercase().into(),
                names,
                code: code.clone(),
                prefix: agent.prefix,
                person: agent.person.unwrap_or_else(|| looks_like_person(noun)),
                origin: Origin::new(&label, line),
            });
        }
    }
    if errors.is_empty() { Ok(dict) } else { Err(DictErrors(errors)) }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VerbsFile {
    #[serde(default)]
    synset: Vec<Spanned<SynsetEntry>>,
    #[serde(default)]
    verb: Vec<Spanned<VerbEntry>>,
    #[serde(default)]
    attribution: Vec<Spanned<VerbEntry>>,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SynsetEntry {
    name: String,
    members: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VerbEntry {
    id: String,
    #[serde(default = "null_code")]
    code: String,
    forms: Vec<String>,
    #[serde(default)]
    irregular: Vec<String>,
    #[serde(default)]
    symmetric: bool,
    /// attache addition: future or conditional forms state a threat (see `Verb::threat`).
    #[serde(default)]
    threat: bool,
    #[serde(default)]
    patterns: Vec<Spanned<PatternEntry>>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternEntry {
    pattern: String,
    code: String,
    #[serde(default)]
    symmetric: bool,
}

fn null_code() -> String {
    "---".into()
}

/// Regular English forms of a verb: third person, past, present participle.
pub fn inflect(verb: &str) -> Vec<String> {
    let v = verb.to_ascii_uppercase();
    let bytes = v.as_bytes();
    let is_vowel = |c: u8| matches!(c, b'A' | b'E' | b'I' | b'O' | b'U');
    let n = bytes.len();
    if n == 0 {
        return Vec::new();
    }
    let last = bytes[n - 1];
    let third = if v.ends_with('S')
        || v.ends_with("SH")
        || v.ends_with("CH")
        || v.ends_with('X')
        || v.ends_with('Z')
        || v.ends_with('O')
    {
        format!("{v}ES")
    } else if last == b'Y' && n > 1 && !is_vowel(bytes[n - 2]) {
        format!("{}IES", &v[..n - 1])
    } else {
        format!("{v}S")
    };
    // Double a final consonant in one-syllable words ending consonant-vowel-consonant (ban → banned,
    // stop → stopped; not open → opened).
    let vowels = bytes.iter().filter(|&&c| is_vowel(c)).count();
    let double = n >= 3
        && vowels == 1
        && !is_vowel(last)
        && !matches!(last, b'W' | b'X' | b'Y')
        && is_vowel(bytes[n - 2])
        && !is_vowel(bytes[n - 3]);
    let (past, participle) = if last == b'E' {
        (format!("{v}D"), format!("{}ING", &v[..n - 1]))
    } else if last == b'Y' && n > 1 && !is_vowel(bytes[n - 2]) {
        (format!("{}IED", &v[..n - 1]), format!("{v}ING"))
    } else if double {
        (format!("{v}{}ED", last as char), format!("{v}{}ING", last as char))
    } else {
        (format!("{v}ED"), format!("{v}ING"))
    };
    let mut forms = vec![third, past, participle];
    // Longer words ending consonant-vowel-consonant double the consonant when the last syllable is stressed
    // (expel → expelled, admit → admitted, control → controlled) but not otherwise (visit → visited). Stress
    // cannot be read from spelling, so both spellings are listed; the one English does not use never occurs.
    let stressable = n >= 4
        && vowels > 1
        && !is_vowel(last)
        && !matches!(last, b'W' | b'X' | b'Y' | b'H')
        && is_vowel(bytes[n - 2])
        && !is_vowel(bytes[n - 3]);
    if stressable {
        forms.push(format!("{v}{}ED", last as char));
        forms.push(format!("{v}{}ING", last as char));
    }
    forms
}

/// All forms of a (possibly multi-word) verb: the first word is inflected ("call on" → "called on").
fn verb_forms(base: &str) -> Vec<Phrase> {
    let normal = normalise_name(base);
    let mut words = normal.split(' ');
    let Some(head) = words.next() else { return Vec::new() };
    let tail: Vec<&str> = words.collect();
    let mut out = Vec::new();
    for form in std::iter::once(head.to_string()).chain(inflect(head)) {
        let mut ws = vec![Word::new(&form, Match::Exact)];
        ws.extend(tail.iter().map(|w| Word::new(w, Match::Exact)));
        out.push(Phrase::adjacent(ws));
    }
    out
}

fn irregular_form(form: &str) -> Option<Phrase> {
    let words: Vec<Word> =
        normalise_name(form).split(' ').filter(|w| !w.is_empty()).map(|w| Word::new(w, Match::Exact)).collect();
    (!words.is_empty()).then(|| Phrase::adjacent(words))
}

/// Pattern words in attache files are exact (plus regular plural/possessive); `word*` is a stem.
fn attache_elems(elems: Vec<Elem>) -> Vec<Elem> {
    elems
        .into_iter()
        .map(|mut elem| {
            elem.item = match elem.item {
                Item::Word(word) => {
                    // The TABARI lexer reads a bare word as a stem; attache words are whole words.
                    Item::Word(Word::new(&word.text, Match::Noun))
                }
                Item::Choice(options) => Item::Choice(options.into_iter().map(attache_elems).collect()),
                other => other,
            };
            elem
        })
        .collect()
}

fn with_symmetry(code: Code, symmetric: bool) -> Code {
    match code {
        Code::Event(mut e) if symmetric && e.paired.is_none() => {
            e.paired = e.primary.clone();
            Code::Event(e)
        }
        other => other,
    }
}

/// Reads `verbs.toml`: verbs with forms, codes and patterns; synonym sets; attribution verbs; nouns.
pub fn read_verbs(text: &str, file: &str) -> Result<Dictionary, DictErrors> {
    let parsed: VerbsFile = parse_toml(text, file)?;
    let label: Arc<str> = file.into();
    let mut dict = Dictionary { label: file.to_string(), ..Default::default() };
    let mut errors = Vec::new();
    let known: HashSet<String> =
        parsed.synset.iter().map(|s| normalise_name(&s.get_ref().name).replace(' ', "_")).collect();
    let is_known = |name: &str| known.contains(name);
    for entry in parsed.synset {
        let line = line_of(text, entry.span().start);
        let synset = entry.into_inner();
        let mut members = Vec::new();
        for member in &synset.members {
            match parse_elems(member, Dialect::Tabari, &is_known) {
                // A synonym is one phrase: its words are adjacent.
                Ok(elems) => members.push(
                    attache_elems(elems)
                        .into_iter()
                        .map(|e| Elem { link: crate::model::Link::Adjacent, ..e })
                        .collect(),
                ),
                Err(cause) => errors.push(DictError::new(
                    file,
                    line,
                    format!("synset {} member `{member}`: {cause}", synset.name),
                )),
            }
        }
        dict.synsets.push(Synset {
            name: normalise_name(&synset.name).replace(' ', "_").into(),
            members,
            origin: Origin::new(&label, line),
        });
    }
    for (entries, is_attribution) in [(parsed.verb, false), (parsed.attribution, true)] {
        for entry in entries {
            let line = line_of(text, entry.span().start);
            let verb = entry.into_inner();
            let _ = &verb.note;
            let code = match parse_event_code(&verb.code) {
                Ok(code) => with_symmetry(code, verb.symmetric),
                Err(cause) => {
                    errors.push(DictError::new(file, line, format!("verb {}: {cause}", verb.id)));
                    continue;
                }
            };
            let mut forms: Vec<Phrase> = verb.forms.iter().flat_map(|f| verb_forms(f)).collect();
            forms.extend(verb.irregular.iter().filter_map(|f| irregular_form(f)));
            if forms.is_empty() {
                errors.push(DictError::new(file, line, format!("verb {} has no forms", verb.id)));
                continue;
            }
            let mut patterns = Vec::new();
            for spanned in verb.patterns {
                let pattern_line = line_of(text, spanned.span().start);
                let p = spanned.into_inner();
                let code = match parse_event_code(&p.code) {
                    Ok(code) => with_symmetry(code, p.symmetric || verb.symmetric),
                    Err(cause) => {
                        errors.push(DictError::new(file, pattern_line, format!("pattern `{}`: {cause}", p.pattern)));
                        continue;
                    }
                };
                match parse_elems(&p.pattern, Dialect::Tabari, &is_known) {
                    Ok(elems) if elems.iter().filter(|e| e.item == Item::Verb).count() == 1 => patterns.push(Pattern {
                        elems: attache_elems(elems),
                        code,
                        written: p.pattern.as_str().into(),
                        origin: Origin::new(&label, pattern_line),
                    }),
                    Ok(_) => errors.push(DictError::new(
                        file,
                        pattern_line,
                        format!("pattern `{}` needs exactly one verb marker `*`", p.pattern),
                    )),
                    Err(cause) => {
                        errors.push(DictError::new(file, pattern_line, format!("pattern `{}`: {cause}", p.pattern)))
                    }
                }
            }
            let entry = Verb {
                id: verb.id.as_str().into(),
                members: vec![VerbMember { forms, code }],
                patterns,
                threat: verb.threat,
                origin: Origin::new(&label, line),
            };
            if is_attribution {
                dict.attributions.push(entry);
            } else {
                dict.verbs.push(entry);
            }
        }
    }
    dict.nouns.extend(parsed.nouns.iter().filter_map(|n| name_phrase(n)));
    dict.adjectives.extend(parsed.adjectives.iter().filter_map(|n| irregular_form(n)));
    if errors.is_empty() { Ok(dict) } else { Err(DictErrors(errors)) }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DiscardsFile {
    #[serde(default)]
    discard: Vec<Spanned<DiscardEntry>>,
    /// Phrases that contain an actor's name but are not that actor ("Latin America", "South China Sea"): they
    /// claim their words, so the shorter name inside them does not code.
    #[serde(default)]
    not_actors: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DiscardEntry {
    phrases: Vec<String>,
    /// Discard the whole article, not just the sentence.
    #[serde(default)]
    story: bool,
    #[serde(default)]
    note: Option<String>,
}

/// Reads `discards.toml`: phrases that mark a sentence (or article) as off-topic, and phrases that are not the
/// actor whose name they contain.
pub fn read_discards(text: &str, file: &str) -> Result<Dictionary, DictErrors> {
    let parsed: DiscardsFile = parse_toml(text, file)?;
    let label: Arc<str> = file.into();
    let mut dict = Dictionary { label: file.to_string(), ..Default::default() };
    for entry in parsed.discard {
        let line = line_of(text, entry.span().start);
        let discard = entry.into_inner();
        let _ = &discard.note;
        for phrase in discard.phrases.iter().filter_map(|p| name_phrase(p)) {
            dict.discards.push(Discard { phrase, story: discard.story, origin: Origin::new(&label, line) });
        }
    }
    dict.nouns.extend(parsed.not_actors.iter().filter_map(|n| name_phrase(n)));
    Ok(dict)
}

/// TABARI's length of an attache pattern, for documentation and ordering checks.
pub fn pattern_len(pattern: &Pattern) -> usize {
    elems_len(&pattern.elems)
}

/// Link kind used by attache names (always adjacent); kept here so the reader documents it.
pub const NAME_LINK: Link = Link::Adjacent;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        assert_eq!(inflect("meet"), vec!["MEETS", "MEETED", "MEETING"]);
        assert_eq!(inflect("urge"), vec!["URGES", "URGED", "URGING"]);
        assert_eq!(inflect("ban"), vec!["BANS", "BANNED", "BANNING"]);
        assert_eq!(inflect("accuse"), vec!["ACCUSES", "ACCUSED", "ACCUSING"]);
        assert_eq!(inflect("deny"), vec!["DENIES", "DENIED", "DENYING"]);
        assert_eq!(inflect("press"), vec!["PRESSES", "PRESSED", "PRESSING"]);
        assert_eq!(inflect("visit"), vec!["VISITS", "VISITED", "VISITING", "VISITTED", "VISITTING"]);
        assert_eq!(inflect("open"), vec!["OPENS", "OPENED", "OPENING", "OPENNED", "OPENNING"]);
        assert_eq!(inflect("expel"), vec!["EXPELS", "EXPELED", "EXPELING", "EXPELLED", "EXPELLING"]);
        assert_eq!(inflect("control")[3], "CONTROLLED");
        assert_eq!(inflect("stop"), vec!["STOPS", "STOPPED", "STOPPING"]);
    }

    #[test]
    fn countries_and_people() {
        let c = read_countries(
            "[[country]]\ncode = \"CHN\"\nname = \"China\"\nnames = [\"People's Republic of China\"]\nadjectives = [\"Chinese\"]\ncapitals = [\"Beijing\"]\n",
            "countries.toml",
        )
        .unwrap();
        assert_eq!(c.actors.len(), 2);
        assert_eq!(c.actors[1].codes.default, Some(CodeSet::Codes(vec!["CHNGOV".into()])));
        let p = read_people(
            "[[person]]\nname = \"Joe Biden\"\naliases = [\"Biden\"]\n[[person.role]]\ncode = \"USAGOV\"\nfrom = \"2021-01-20\"\nto = \"2025-01-20\"\n",
            "people.toml",
        )
        .unwrap();
        let codes = &p.actors[0].codes;
        assert!(codes.resolve(Date::new(2022, 1, 1).ok()).is_some());
        assert!(codes.resolve(Date::new(2025, 1, 20).ok()).is_none(), "`to` is exclusive");
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = read_countries("[[country]]\ncode = \"C H\"\nname = \"X\"\n", "countries.toml").unwrap_err();
        assert_eq!(err.0[0].file, "countries.toml");
        assert_eq!(err.0[0].line, 1);
        let err = read_people("[[person]]\nname = 3\n", "people.toml").unwrap_err();
        assert_eq!(err.0[0].line, 2);
        let err = read_verbs(
            "[[verb]]\nid = \"X\"\nforms = [\"x\"]\npatterns = [\n { pattern = \"no verb\", code = \"010\" },\n]\n",
            "verbs.toml",
        )
        .unwrap_err();
        assert_eq!(err.0[0].line, 5);
    }

    #[test]
    fn verbs_file() {
        let text = "[[synset]]\nname = \"WEAPONS\"\nmembers = [\"arms\", \"weapons\"]\n\n[[verb]]\nid = \"SELL\"\ncode = \"---\"\nforms = [\"sell\"]\nirregular = [\"sold\"]\npatterns = [{ pattern = \"* &WEAPONS to +\", code = \"072\" }]\n\n[[verb]]\nid = \"MEET\"\ncode = \"036\"\nforms = [\"meet\"]\nsymmetric = true\n";
        let d = read_verbs(text, "verbs.toml").unwrap();
        assert_eq!(d.verbs[0].members[0].forms.len(), 5);
        assert_eq!(d.verbs[0].patterns.len(), 1);
        let Code::Event(e) = &d.verbs[1].members[0].code else { panic!() };
        assert_eq!(e.paired.as_deref(), Some("036"));
    }
}
