//! Readers for PETRARCH (1 and 2) dictionaries as they are: verb dictionaries with `--- BLOCK [code] ---`
//! synonym blocks (including CAMEO.2.0's `{noun phrase}` and `(prepositional phrase)` patterns), Phoenix
//! actor files with dated roles, agents with `{plurals}` and `!SUBSTITUTION!` sets, discards, and issues.
//! Formats follow PETRARCH's `docs/dictionaries.rst`.

use crate::Loaded;
use crate::error::{DictErrors, Problems};
use crate::model::{
    Agent, Code, Dictionary, Discard, Elem, Issue, Item, Link, Match, Origin, Pattern, Phrase, Synset, Verb,
    VerbMember, Word,
};
use crate::syntax::{
    Dialect, Role, parse_elems, parse_event_code, parse_phrase, split_agent_line, split_code_blocks, strip_comment,
};
use crate::tabari::{elems_mention, numbered_lines, parse_pattern_line, pattern_body, read_actor_lines};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Treebank splits contractions ("DID N'T"); raw text keeps them whole ("DIDN'T"), so dictionaries are read
/// the way text will be tokenised.
fn join_contractions(text: &str) -> String {
    let upper = text.to_ascii_uppercase();
    upper.replace(" N'T", "N'T").replace("_N'T", "N'T")
}

/// Skips `<!-- … -->` comment blocks (possibly spanning lines) and `#` comments; yields non-empty lines.
fn content_lines(text: &str) -> Vec<(u32, &str, &str)> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (line_no, raw) in numbered_lines(text) {
        let trimmed = raw.trim();
        if in_comment {
            if trimmed.contains("-->") {
                in_comment = false;
            }
            continue;
        }
        if trimmed.starts_with("<!") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        let body = strip_comment(trimmed, Dialect::Petrarch).trim();
        if body.is_empty() {
            continue;
        }
        out.push((line_no, raw, body));
    }
    out
}

/// Reads a PETRARCH/Phoenix actor file (TABARI layout; dated roles on indented lines; `#` comments).
pub fn read_actors(text: &str, file: &str) -> Result<Loaded, DictErrors> {
    read_actor_lines(text, file, Dialect::Petrarch)
}

/// Expands `!MARKER!` substitution sets in an agent phrase.
fn expand_markers(phrase: &str, markers: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let Some(start) = phrase.find('!') else { return Ok(vec![phrase.to_string()]) };
    let Some(len) = phrase[start + 1..].find('!') else {
        return Err(format!("unclosed substitution marker in `{phrase}`"));
    };
    let name = &phrase[start + 1..start + 1 + len];
    let Some(values) = markers.get(&name.to_ascii_uppercase()) else {
        return Err(format!("unknown substitution marker `!{name}!`"));
    };
    let mut out = Vec::new();
    for value in values {
        let replaced = format!("{}{}{}", &phrase[..start], value, &phrase[start + len + 2..]);
        out.extend(expand_markers(&replaced, markers)?);
    }
    Ok(out)
}

/// Reads a PETRARCH agents file: `PHRASE {PLURALS} [~CODE]`, `!NAME! = A, B` substitution sets.
pub fn read_agents(text: &str, file: &str) -> Result<Loaded, DictErrors> {
    let label: Arc<str> = file.into();
    let mut problems = Problems::default();
    let mut dict = Dictionary { label: file.to_string(), ..Default::default() };
    let mut markers: HashMap<String, Vec<String>> = HashMap::new();
    for (line_no, _, body) in content_lines(text) {
        if body.starts_with('!')
            && let Some((name, values)) = body.split_once('=')
        {
            let name = name.trim().trim_matches('!').to_ascii_uppercase();
            let values: Vec<String> =
                values.split(',').map(|v| v.trim().to_ascii_uppercase()).filter(|v| !v.is_empty()).collect();
            if name.is_empty() || values.is_empty() {
                problems.push(file, line_no, "empty substitution set");
            } else {
                markers.insert(name, values);
            }
            continue;
        }
        // PETRARCH tolerates `[~LEG}`; repair that typo rather than lose the entry.
        let repaired =
            if body.contains('[') && !body.contains(']') { body.replacen('}', "]", 1) } else { body.to_string() };
        let (before_code, code, prefix) = match split_agent_line(&repaired) {
            Ok(split) => split,
            Err(cause) => {
                problems.push(file, line_no, cause);
                continue;
            }
        };
        // `PHRASE {PLURAL PLURAL2}`: explicit plurals; `{}`: no plural.
        let (phrase_text, plurals) = match before_code.find('{') {
            Some(open) => {
                let close = before_code[open..].find('}').map(|c| open + c);
                let Some(close) = close else {
                    problems.push(file, line_no, "`{` without `}`");
                    continue;
                };
                let plurals: Vec<&str> = before_code[open + 1..close].split_whitespace().collect();
                (before_code[..open].trim(), Some(plurals))
            }
            None => (before_code.trim(), None),
        };
        let variants = match expand_markers(phrase_text, &markers) {
            Ok(v) => v,
            Err(cause) => {
                problems.push(file, line_no, cause);
                continue;
            }
        };
        let mut names = Vec::new();
        // Markers already list every form, so no further plural is generated for them; `{}` means no plural.
        let role = if plurals.is_some() || phrase_text.contains('!') { Role::Literal } else { Role::Noun };
        for variant in variants.iter().map(String::as_str).chain(plurals.iter().flatten().copied()) {
            match parse_phrase(variant, Dialect::Petrarch, role) {
                Ok(phrase) => names.push(with_possessive(phrase)),
                Err(cause) => problems.push(file, line_no, format!("agent `{variant}`: {cause}")),
            }
        }
        if names.is_empty() {
            continue;
        }
        dict.agents.push(Agent {
            id: phrase_text.into(),
            names,
            code,
            prefix,
            person: false,
            origin: Origin::new(&label, line_no),
        });
    }
    Ok(Loaded { dictionary: dict, warnings: problems.errors })
}

/// PETRARCH reads parsed text where the possessive `'s` is its own token; reading raw text we let a final
/// word without generated plurals still take the possessive.
fn with_possessive(mut phrase: Phrase) -> Phrase {
    if let Some(last) = phrase.words.last_mut()
        && last.matching == Match::Exact
    {
        last.matching = Match::Possessive;
    }
    phrase
}

/// Reads a PETRARCH verb dictionary (PETR.Validate.verbs or CAMEO.2.0): synsets, `--- NAME [CODE] ---`
/// blocks of synonymous verbs with optional `{irregular forms}` and own codes, and `- pattern [code]` lines.
/// Transformation lines (`~ a (a b Q) SAY = …`) are recognised and not used.
pub fn read_verbs(text: &str, file: &str) -> Result<Loaded, DictErrors> {
    let label: Arc<str> = file.into();
    let mut problems = Problems::default();
    let mut dict = Dictionary { label: file.to_string(), ..Default::default() };
    let mut known: HashSet<String> = HashSet::new();
    enum State {
        None,
        Synset(usize),
        Block(usize, Code),
    }
    let mut state = State::None;
    for (line_no, _raw, body) in content_lines(text) {
        let is_known = |name: &str| known.contains(name);
        if let Some(name) = body.strip_prefix('&') {
            let name = name.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
            if name.is_empty() {
                problems.push(file, line_no, "synset without a name");
                continue;
            }
            // A label ending in `_` means "no plurals" in PETRARCH; the set is used without the `_`.
            let name = name.trim_end_matches('_').to_string();
            known.insert(name.clone());
            dict.synsets.push(Synset { name: name.into(), members: Vec::new(), origin: Origin::new(&label, line_no) });
            state = State::Synset(dict.synsets.len() - 1);
            continue;
        }
        if body.starts_with("---") {
            // `--- NAME [CODE] ---` (the closing dashes are sometimes glued to the code).
            let inner = body.trim_start_matches('-').trim_end_matches(|c: char| c == '-' || c.is_whitespace()).trim();
            let (name, code) = match split_code_blocks(inner) {
                Ok((name, blocks)) => match blocks.first().map(|b| parse_event_code(b)) {
                    None => (name.to_string(), Code::Null),
                    Some(Ok(code)) => (name.to_string(), code),
                    Some(Err(cause)) => {
                        problems.push(file, line_no, format!("verb block `{name}`: {cause}"));
                        (name.to_string(), Code::Null)
                    }
                },
                Err(cause) => {
                    // Keep the block (with a null code) so its verbs and patterns are not lost as strays.
                    problems.push(file, line_no, cause);
                    (inner.split('[').next().unwrap_or("").trim().to_string(), Code::Null)
                }
            };
            let name = name.as_str();
            dict.verbs.push(Verb {
                id: name.into(),
                members: Vec::new(),
                patterns: Vec::new(),
                threat: false,
                origin: Origin::new(&label, line_no),
            });
            state = State::Block(dict.verbs.len() - 1, code);
            continue;
        }
        if body.starts_with('~') {
            // PETRARCH 2 transformation rule: not used by attache (see docs/dictionaries.md).
            continue;
        }
        if let Some(member) = body.strip_prefix('+')
            && let State::Synset(index) = state
        {
            let own = dict.synsets[index].name.to_string();
            match parse_elems(&join_contractions(member), Dialect::Petrarch, &is_known) {
                Ok(elems) if elems_mention(&elems, &own) => {
                    problems.push(file, line_no, format!("synset &{own} refers to itself"))
                }
                Ok(elems) => dict.synsets[index].members.push(synset_member(elems, member.trim_end().ends_with('_'))),
                Err(cause) => problems.push(file, line_no, format!("synset member: {cause}")),
            }
            continue;
        }
        let State::Block(index, ref block_code) = state else {
            problems.push(file, line_no, "line outside any `--- VERB ---` block or synset");
            continue;
        };
        if let Some(pattern_text) = pattern_body(body) {
            match parse_pattern_line(&join_contractions(pattern_text), Dialect::Petrarch, false, &is_known) {
                Ok((elems, code)) => dict.verbs[index].patterns.push(Pattern {
                    elems,
                    code,
                    written: pattern_text.trim().into(),
                    origin: Origin::new(&label, line_no),
                }),
                Err(cause) => problems.push(file, line_no, cause),
            }
            continue;
        }
        // A verb line: `VERB {FORMS} [CODE]`, multi-word verbs mark the verb word with `+`.
        let (before_code, blocks) = match split_code_blocks(body) {
            Ok(split) => split,
            Err(cause) => {
                problems.push(file, line_no, cause);
                continue;
            }
        };
        let code = match blocks.first() {
            None => block_code.clone(),
            Some(block) => match parse_event_code(block) {
                Ok(code) => code,
                Err(cause) => {
                    problems.push(file, line_no, format!("verb: {cause}"));
                    continue;
                }
            },
        };
        let (verb_text, forms_text) = match before_code.find('{') {
            Some(open) => {
                let Some(close) = before_code[open..].find('}').map(|c| open + c) else {
                    problems.push(file, line_no, "`{` without `}`");
                    continue;
                };
                (before_code[..open].trim(), Some(&before_code[open + 1..close]))
            }
            None => (before_code.trim(), None),
        };
        let mut forms = Vec::new();
        match parse_phrase(&verb_text.replace('+', ""), Dialect::Petrarch, Role::Literal) {
            Ok(phrase) => forms.push(verb_forms(phrase)),
            Err(cause) => {
                problems.push(file, line_no, format!("verb `{verb_text}`: {cause}"));
                continue;
            }
        }
        for form in forms_text.unwrap_or("").split_whitespace() {
            match parse_phrase(&form.replace('+', ""), Dialect::Petrarch, Role::Literal) {
                Ok(phrase) => forms.push(phrase),
                Err(cause) => problems.push(file, line_no, format!("verb form `{form}`: {cause}")),
            }
        }
        dict.verbs[index].members.push(VerbMember { forms, code });
    }
    // Blocks whose members are all missing (every line bad) are dropped.
    dict.verbs.retain(|v| !v.members.is_empty());
    Ok(Loaded { dictionary: dict, warnings: problems.errors })
}

/// PETRARCH verbs get regular forms generated conservatively (`S`, `ED`, `ING`); irregular verbs list theirs.
/// (`BREAK {BROKE BROKEN}` still takes `BREAKS`, `BREAKING`.)
fn verb_forms(mut phrase: Phrase) -> Phrase {
    if let Some(last) = phrase.words.last_mut() {
        last.matching = Match::RegularForms;
    }
    phrase
}

/// Synset members are consecutive words; their last word gets regular plurals unless the member (or label)
/// ends with `_`.
fn synset_member(mut elems: Vec<Elem>, no_plural: bool) -> Vec<Elem> {
    for elem in &mut elems {
        elem.link = Link::Adjacent;
    }
    if !no_plural
        && let Some(Elem { item: Item::Word(word), .. }) = elems.last_mut()
        && word.matching == Match::Exact
    {
        word.matching = Match::Noun;
    }
    elems
}

/// Reads a PETRARCH discard list: one phrase per line; `+` marks story-level discards; a trailing `_` requires
/// a word end, otherwise the phrase is a stem.
pub fn read_discards(text: &str, file: &str) -> Result<Loaded, DictErrors> {
    let label: Arc<str> = file.into();
    let mut problems = Problems::default();
    let mut dict = Dictionary { label: file.to_string(), ..Default::default() };
    for (line_no, _, body) in content_lines(text) {
        let (story, phrase_text) = match body.strip_prefix('+') {
            Some(rest) => (true, rest.trim()),
            None => (false, body),
        };
        // Discards match as stems unless ended with `_` (TABARI word rules give exactly that).
        match parse_phrase(phrase_text, Dialect::Tabari, Role::Noun) {
            Ok(phrase) => dict.discards.push(Discard { phrase, story, origin: Origin::new(&label, line_no) }),
            Err(cause) => problems.push(file, line_no, format!("discard: {cause}")),
        }
    }
    Ok(Loaded { dictionary: dict, warnings: problems.errors })
}

/// Reads a PETRARCH issues file: `<ISSUE CATEGORY="…">` sections of `phrase [CODE]` lines with `n:` (noun
/// forms), `v:` (verb forms), `a+b` (space or hyphen) prefixes and `~phrase` ignore phrases.
pub fn read_issues(text: &str, file: &str) -> Result<Loaded, DictErrors> {
    let label: Arc<str> = file.into();
    let mut problems = Problems::default();
    let mut dict = Dictionary { label: file.to_string(), ..Default::default() };
    let mut category = String::new();
    for (line_no, _, body) in content_lines(text) {
        let upper = body.to_ascii_uppercase();
        if upper.starts_with("<ISSUE") {
            category = attribute(body, "CATEGORY").unwrap_or_default();
            continue;
        }
        if upper.starts_with("</ISSUE") {
            category.clear();
            continue;
        }
        let (ignore, rest) = match body.strip_prefix('~') {
            Some(rest) => (true, rest.trim_start_matches('~').trim()),
            None => (false, body),
        };
        let (phrase_text, blocks) = match split_code_blocks(rest) {
            Ok(split) => split,
            Err(cause) => {
                problems.push(file, line_no, cause);
                continue;
            }
        };
        let code = match (ignore, blocks.first()) {
            (true, _) => "".into(),
            (false, Some(code)) if !code.is_empty() => code.to_ascii_uppercase().into_boxed_str(),
            (false, _) => {
                problems.push(file, line_no, "issue phrase without `[CODE]`");
                continue;
            }
        };
        for variant in issue_variants(phrase_text) {
            match issue_phrase(&variant) {
                Ok(phrase) => dict.issues.push(Issue {
                    phrase,
                    code: code.clone(),
                    category: category.as_str().into(),
                    ignore,
                    origin: Origin::new(&label, line_no),
                }),
                Err(cause) => problems.push(file, line_no, format!("issue: {cause}")),
            }
        }
    }
    Ok(Loaded { dictionary: dict, warnings: problems.errors })
}

/// `al+zarqawi` stands for both `al zarqawi` and `al-zarqawi`, which read the same after hyphens become blanks.
fn issue_variants(text: &str) -> Vec<String> {
    vec![text.replace('+', " ")]
}

fn issue_phrase(text: &str) -> Result<Phrase, String> {
    let mut words = Vec::new();
    for token in text.split_whitespace() {
        let (matching, word) = if let Some(w) = token.strip_prefix("n:") {
            (Match::Noun, w)
        } else if let Some(w) = token.strip_prefix("v:") {
            (Match::RegularForms, w)
        } else {
            (Match::Exact, token)
        };
        let word = word.trim_matches('_');
        if word.is_empty() {
            continue;
        }
        words.push(Word::new(&word.to_ascii_uppercase(), matching));
    }
    if words.is_empty() {
        return Err("empty phrase".into());
    }
    Ok(Phrase::adjacent(words))
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let upper = tag.to_ascii_uppercase();
    let at = upper.find(&name.to_ascii_uppercase())?;
    let rest = &tag[at + name.len()..];
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_blocks() {
        let text = "&TIETYPES\n+MILITARY\n+ECONOMIC\n\n--- ABANDON  [345]  ---\nABANDON    # c\n+ABC_DEF_GHI\nKLM_NOP_+RST [002]\n- * &TIETYPES TIES [902]\n--- BREAK [1717] ---\nBREAK { BROKE BROKEN  }\n- * (FOR {FINANCIAL AID}) [071]\n~ a (a b Q) SAY = a b Q\n";
        let loaded = read_verbs(text, "v.txt").unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let d = loaded.dictionary;
        assert_eq!(d.synsets.len(), 1);
        assert_eq!(d.verbs.len(), 2);
        assert_eq!(d.verbs[0].members.len(), 3);
        assert_eq!(d.verbs[0].members[2].code, Code::Event(crate::model::EventCode::simple("002")));
        assert_eq!(d.verbs[1].members[0].forms.len(), 3);
        assert_eq!(d.verbs[1].patterns[0].elems.len(), 4);
    }

    #[test]
    fn agents_with_markers_and_plurals() {
        let text = "!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nPOLICE {} [ ~COP]\nMSF {}  [NGO~]\nBROKEN [GOV]\n";
        let loaded = read_agents(text, "a.txt").unwrap();
        assert_eq!(loaded.warnings.len(), 1);
        assert_eq!(loaded.warnings[0].line, 6);
        let d = loaded.dictionary;
        assert_eq!(d.agents[0].names.len(), 2);
        assert_eq!(d.agents[1].names.len(), 2);
        assert!(d.agents[3].prefix);
    }

    #[test]
    fn discards_and_issues() {
        let d = read_discards("+TYPHOON # x\nBASEBALL\n", "d.txt").unwrap().dictionary;
        assert!(d.discards[0].story);
        assert!(!d.discards[1].story);
        let i = read_issues(
            "<ISSUE CATEGORY=\"EDU\" TYPE=\"ALL\">\nn:teacher [TEACHERS]\n~a head start\n</ISSUE>\n",
            "i.txt",
        )
        .unwrap()
        .dictionary;
        assert_eq!(i.issues.len(), 2);
        assert_eq!(&*i.issues[0].category, "EDU");
        assert!(i.issues[1].ignore);
    }
}
