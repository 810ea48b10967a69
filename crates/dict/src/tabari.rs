//! Readers for TABARI 0.8 files as they are: `.actors`, `.agents`, `.verbs`, `.project` (and, in
//! [`crate::options`], `.options`). Formats follow the TABARI manual (chapters 4–6, 8, 10).
//!
//! Like TABARI, a malformed entry is skipped with a message naming file and line; the rest is read. Only
//! damage to the file's structure (an unterminated `<NOUN>` section) is fatal.

use crate::Loaded;
use crate::error::{DictError, DictErrors, Problems};
use crate::model::{
    Actor, ActorCodes, ActorKind, Agent, Code, CodeSet, Dictionary, Origin, Pattern, Phrase, Synset, Verb, VerbMember,
};
use crate::syntax::{
    Dialect, Role, parse_actor_block, parse_elems, parse_event_code, parse_phrase, parse_shift_code, split_agent_line,
    split_code_blocks, strip_comment,
};
use std::collections::HashSet;
use std::sync::Arc;

/// Lines of a dictionary with 1-based numbers, stopping at TABARI's `~FINISH` end mark.
pub(crate) fn numbered_lines(text: &str) -> impl Iterator<Item = (u32, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| ((i + 1) as u32, line))
        .take_while(|(_, line)| !line.trim_start().starts_with("~FINISH") && !line.trim_start().starts_with("~~FINISH"))
}

fn is_comment_line(trimmed: &str) -> bool {
    trimmed.starts_with('#') || trimmed.starts_with('/')
}

/// An actor entry being assembled from its primary line, `+` synonyms and indented code lines.
pub(crate) struct ActorBuilder {
    pub(crate) id: String,
    pub(crate) names: Vec<Phrase>,
    pub(crate) blocks: Vec<(u32, String)>,
    pub(crate) line: u32,
}

impl ActorBuilder {
    pub(crate) fn finish(self, file: &Arc<str>, problems: &mut Problems) -> Option<Actor> {
        let mut codes = ActorCodes::default();
        let mut ok = true;
        for (line, block) in &self.blocks {
            match parse_actor_block(block) {
                Ok((Some(range), set)) => codes.dated.push((range, set)),
                Ok((None, set)) => {
                    if codes.default.is_none() {
                        codes.default = Some(set);
                    }
                }
                Err(cause) => {
                    problems.push(file, *line, format!("actor `{}`: {cause}", self.id));
                    ok = false;
                }
            }
        }
        if !ok {
            return None;
        }
        Some(Actor {
            id: self.id.into(),
            kind: ActorKind::Unknown,
            names: self.names,
            codes,
            origin: Origin::new(file, self.line),
        })
    }
}

/// Reads actor lines shared by TABARI `.actors` and PETRARCH actor files.
pub(crate) fn read_actor_lines(text: &str, file: &str, dialect: Dialect) -> Result<Loaded, DictErrors> {
    let label: Arc<str> = file.into();
    let mut problems = Problems::default();
    let mut dict = Dictionary { label: file.to_string(), ..Default::default() };
    let mut current: Option<ActorBuilder> = None;
    let mut section: Option<(&'static str, u32)> = None;
    let mut in_xml_comment = false;

    let flush = |current: &mut Option<ActorBuilder>, dict: &mut Dictionary, problems: &mut Problems| {
        if let Some(builder) = current.take()
            && let Some(actor) = builder.finish(&label, problems)
        {
            dict.actors.push(actor);
        }
    };

    for (line_no, raw) in numbered_lines(text) {
        let trimmed = raw.trim();
        if in_xml_comment {
            if trimmed.contains("-->") {
                in_xml_comment = false;
            }
            continue;
        }
        if trimmed.starts_with("<!") {
            in_xml_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.is_empty() || is_comment_line(trimmed) {
            continue;
        }
        let upper = trimmed.to_ascii_uppercase();
        match upper.as_str() {
            "<NOUN>" | "<NOUNS>" => {
                flush(&mut current, &mut dict, &mut problems);
                section = Some(("NOUN", line_no));
                continue;
            }
            "<ADJECTIVE>" | "<ADJECTIVES>" => {
                flush(&mut current, &mut dict, &mut problems);
                section = Some(("ADJECTIVE", line_no));
                continue;
            }
            "</NOUN>" | "</NOUNS>" | "</ADJECTIVE>" | "</ADJECTIVES>" => {
                section = None;
                continue;
            }
            _ => {}
        }
        let body = strip_comment(trimmed, dialect).trim();
        if body.is_empty() {
            continue;
        }
        if let Some((kind, _)) = section {
            match parse_phrase(body, dialect, Role::Noun) {
                Ok(phrase) if kind == "NOUN" => dict.nouns.push(phrase),
                Ok(phrase) => dict.adjectives.push(phrase),
                Err(cause) => problems.push(file, line_no, format!("{kind}: {cause}")),
            }
            continue;
        }
        let indented = raw.starts_with(' ') || raw.starts_with('\t');
        if let Some(synonym) = body.strip_prefix('+') {
            let Some(builder) = current.as_mut() else {
                problems.push(file, line_no, "synonym `+…` before any actor");
                continue;
            };
            // A synonym line may carry its own code block (rare); treat it as the entry's.
            match split_code_blocks(synonym) {
                Ok((phrase_text, blocks)) => {
                    match parse_phrase(phrase_text, dialect, Role::Noun) {
                        Ok(phrase) => builder.names.push(phrase),
                        Err(cause) => problems.push(file, line_no, format!("synonym: {cause}")),
                    }
                    builder.blocks.extend(blocks.into_iter().map(|b| (line_no, b.to_string())));
                }
                Err(cause) => problems.push(file, line_no, cause),
            }
            continue;
        }
        if body.starts_with('[') && (indented || current.is_some()) {
            let Some(builder) = current.as_mut() else {
                problems.push(file, line_no, "code line before any actor");
                continue;
            };
            match split_code_blocks(body) {
                Ok((_, blocks)) => builder.blocks.extend(blocks.into_iter().map(|b| (line_no, b.to_string()))),
                Err(cause) => problems.push(file, line_no, cause),
            }
            continue;
        }
        flush(&mut current, &mut dict, &mut problems);
        match split_code_blocks(body) {
            Ok((phrase_text, blocks)) => match parse_phrase(phrase_text, dialect, Role::Noun) {
                Ok(phrase) => {
                    current = Some(ActorBuilder {
                        id: phrase_text.to_string(),
                        names: vec![phrase],
                        blocks: blocks.into_iter().map(|b| (line_no, b.to_string())).collect(),
                        line: line_no,
                    });
                }
                Err(cause) => problems.push(file, line_no, format!("actor: {cause}")),
            },
            Err(cause) => problems.push(file, line_no, cause),
        }
    }
    flush(&mut current, &mut dict, &mut problems);
    if let Some((kind, line)) = section {
        return Err(DictErrors::single(file, line, format!("<{kind}> section is never closed")));
    }
    Ok(Loaded { dictionary: dict, warnings: problems.errors })
}

/// Reads a TABARI `.actors` file (actors, synonyms, dated codes, `<NOUN>`/`<ADJECTIVE>` lists).
pub fn read_actors(text: &str, file: &str) -> Result<Loaded, DictErrors> {
    read_actor_lines(text, file, Dialect::Tabari)
}

/// Reads a TABARI `.agents` file: `PHRASE [~CODE]` lines.
pub fn read_agents(text: &str, file: &str) -> Result<Loaded, DictErrors> {
    let label: Arc<str> = file.into();
    let mut problems = Problems::default();
    let mut dict = Dictionary { label: file.to_string(), ..Default::default() };
    for (line_no, raw) in numbered_lines(text) {
        let trimmed = raw.trim();
        if trimmed.is_empty() || is_comment_line(trimmed) {
            continue;
        }
        let body = strip_comment(trimmed, Dialect::Tabari);
        let (phrase_text, code, prefix) = match split_agent_line(body) {
            Ok(split) => split,
            Err(cause) => {
                problems.push(file, line_no, cause);
                continue;
            }
        };
        match parse_phrase(phrase_text, Dialect::Tabari, Role::Noun) {
            Ok(phrase) => dict.agents.push(Agent {
                id: phrase_text.into(),
                names: vec![phrase],
                code,
                prefix,
                person: false,
                origin: Origin::new(&label, line_no),
            }),
            Err(cause) => problems.push(file, line_no, format!("agent: {cause}")),
        }
    }
    Ok(Loaded { dictionary: dict, warnings: problems.errors })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum VerbSection {
    Verbs,
    Synsets,
    Time,
    Attrib,
}

/// Reads a TABARI `.verbs` file: `<SYNSETS>`, `<TIME>`, `<ATTRIB>` sections, verb roots with `{…}` irregular
/// forms, and `- pattern [code]` lines.
pub fn read_verbs(text: &str, file: &str) -> Result<Loaded, DictErrors> {
    let label: Arc<str> = file.into();
    let mut problems = Problems::default();
    let mut dict = Dictionary { label: file.to_string(), ..Default::default() };
    let mut section = VerbSection::Verbs;
    let mut section_line = 0;
    let mut known_synsets: HashSet<String> = HashSet::new();
    // Index of the verb (in the list for the current section) that patterns attach to.
    let mut current: Option<usize> = None;
    let mut current_synset: Option<usize> = None;
    let mut last_was_root = false;

    for (line_no, raw) in numbered_lines(text) {
        let trimmed = raw.trim();
        if trimmed.is_empty() || is_comment_line(trimmed) {
            continue;
        }
        let upper = trimmed.to_ascii_uppercase();
        let tag = upper.split_whitespace().next().unwrap_or("");
        let next_section = match tag {
            "<SYNSETS>" | "<SYNSET>" => Some(VerbSection::Synsets),
            "<TIME>" => Some(VerbSection::Time),
            "<ATTRIB>" | "<ATTRIBUTION>" => Some(VerbSection::Attrib),
            "</SYNSETS>" | "</SYNSET>" | "</TIME>" | "</ATTRIB>" | "</ATTRIBUTION>" => {
                section = VerbSection::Verbs;
                current = None;
                continue;
            }
            _ => None,
        };
        if let Some(next) = next_section {
            section = next;
            section_line = line_no;
            current = None;
            current_synset = None;
            continue;
        }
        let body = strip_comment(trimmed, Dialect::Tabari).trim();
        if body.is_empty() {
            continue;
        }
        let is_known = |name: &str| known_synsets.contains(name);

        if section == VerbSection::Synsets {
            if let Some(name) = body.strip_prefix('&') {
                let name = name.trim().to_ascii_uppercase();
                if name.is_empty() {
                    problems.push(file, line_no, "synset without a name");
                    continue;
                }
                // A repeated label continues the same set.
                if let Some(existing) = dict.synsets.iter().position(|s| *s.name == *name) {
                    current_synset = Some(existing);
                } else {
                    known_synsets.insert(name.clone());
                    dict.synsets.push(Synset {
                        name: name.into(),
                        members: Vec::new(),
                        origin: Origin::new(&label, line_no),
                    });
                    current_synset = Some(dict.synsets.len() - 1);
                }
            } else if let Some(member) = body.strip_prefix('+') {
                let Some(index) = current_synset else {
                    problems.push(file, line_no, "synset member before any `&NAME`");
                    continue;
                };
                let own_name = dict.synsets[index].name.to_string();
                match parse_elems(member, Dialect::Tabari, &is_known) {
                    Ok(elems) => {
                        if elems_mention(&elems, &own_name) {
                            problems.push(file, line_no, format!("synset &{own_name} refers to itself"));
                        } else {
                            dict.synsets[index].members.push(elems);
                        }
                    }
                    Err(cause) => problems.push(file, line_no, format!("synset member: {cause}")),
                }
            } else {
                problems.push(file, line_no, "expected `&NAME` or `+member` inside <SYNSETS>");
            }
            continue;
        }

        let list = match section {
            VerbSection::Time => &mut dict.time_shifts,
            VerbSection::Attrib => &mut dict.attributions,
            _ => &mut dict.verbs,
        };

        if body.starts_with('{') {
            // Irregular forms of the root just read.
            let Some(index) = current.filter(|_| last_was_root) else {
                problems.push(file, line_no, "verb forms `{…}` must follow their root");
                continue;
            };
            let inner = body.trim_start_matches('{');
            let Some(inner) = inner.split('}').next() else { continue };
            for form in inner.split_whitespace() {
                match parse_phrase(form, Dialect::Tabari, Role::Verb) {
                    Ok(phrase) => list[index].members[0].forms.push(phrase),
                    Err(cause) => problems.push(file, line_no, format!("verb form `{form}`: {cause}")),
                }
            }
            continue;
        }
        last_was_root = false;

        if let Some(pattern_text) = pattern_body(body) {
            let Some(index) = current else {
                problems.push(file, line_no, "pattern before any verb root");
                continue;
            };
            match parse_pattern_line(pattern_text, Dialect::Tabari, section == VerbSection::Time, &is_known) {
                Ok((elems, code)) => list[index].patterns.push(Pattern {
                    elems,
                    code,
                    written: pattern_text.trim().into(),
                    origin: Origin::new(&label, line_no),
                }),
                Err(cause) => problems.push(file, line_no, cause),
            }
            continue;
        }

        // A verb root: `ROOT [CODE]`.
        let (root_text, blocks) = match split_code_blocks(body) {
            Ok(split) => split,
            Err(cause) => {
                problems.push(file, line_no, cause);
                current = None;
                continue;
            }
        };
        let code = match blocks.first() {
            None => Ok(Code::Null),
            Some(block) if section == VerbSection::Time => parse_shift_code(block),
            Some(block) => parse_event_code(block),
        };
        let code = match code {
            Ok(code) => code,
            Err(cause) => {
                problems.push(file, line_no, format!("verb `{root_text}`: {cause}"));
                current = None;
                continue;
            }
        };
        match parse_phrase(root_text, Dialect::Tabari, Role::Verb) {
            Ok(phrase) => {
                list.push(Verb {
                    id: root_text.into(),
                    members: vec![VerbMember { forms: vec![phrase], code }],
                    patterns: Vec::new(),
                    threat: false,
                    origin: Origin::new(&label, line_no),
                });
                current = Some(list.len() - 1);
                last_was_root = true;
            }
            Err(cause) => {
                problems.push(file, line_no, format!("verb root: {cause}"));
                current = None;
            }
        }
    }
    if section != VerbSection::Verbs {
        let name = match section {
            VerbSection::Synsets => "SYNSETS",
            VerbSection::Time => "TIME",
            _ => "ATTRIB",
        };
        return Err(DictErrors::single(file, section_line, format!("<{name}> section is never closed")));
    }
    Ok(Loaded { dictionary: dict, warnings: problems.errors })
}

/// The text of a pattern line after its leading `-` (TABARI also accepts `-%` without a blank).
pub(crate) fn pattern_body(body: &str) -> Option<&str> {
    if body.starts_with("---") {
        return None;
    }
    body.strip_prefix('-')
}

pub(crate) fn elems_mention(elems: &[crate::model::Elem], name: &str) -> bool {
    use crate::model::Item;
    elems.iter().any(|e| match &e.item {
        Item::Synset(n) => &**n == name,
        Item::Choice(options) => options.iter().any(|o| elems_mention(o, name)),
        _ => false,
    })
}

/// Parses `PATTERN [CODE]` (the text after `-`).
pub(crate) fn parse_pattern_line(
    text: &str,
    dialect: Dialect,
    time: bool,
    known: &dyn Fn(&str) -> bool,
) -> Result<(Vec<crate::model::Elem>, Code), String> {
    let (pattern_text, blocks) = split_code_blocks(text)?;
    let Some(block) = blocks.first() else {
        return Err(format!("pattern `{}` has no `[code]`", pattern_text.trim()));
    };
    let code = if time { parse_shift_code(block)? } else { parse_event_code(block)? };
    let elems =
        parse_elems(pattern_text, dialect, known).map_err(|cause| format!("pattern `{pattern_text}`: {cause}"))?;
    let verbs = elems.iter().filter(|e| e.item == crate::model::Item::Verb).count();
    if verbs != 1 {
        return Err(format!("pattern `{}` needs exactly one verb marker `*`", pattern_text.trim()));
    }
    Ok((elems, code))
}

/// The files named by a TABARI `.project` file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Project {
    pub actors: Vec<String>,
    pub agents: Vec<String>,
    pub verbs: Vec<String>,
    pub options: Option<String>,
    pub texts: Vec<String>,
    pub issues: Option<String>,
    pub coder: Option<String>,
}

/// Reads a TABARI `.project` file (only the first two letters of each tag count, as in TABARI).
pub fn read_project(text: &str, file: &str) -> Result<Project, DictErrors> {
    let mut project = Project::default();
    let mut problems = Problems::default();
    for (line_no, raw) in numbered_lines(text) {
        let line = raw.trim();
        let Some(rest) = line.strip_prefix('<') else { continue };
        let Some(close) = rest.find('>') else {
            problems.push(file, line_no, "tag without `>`");
            continue;
        };
        let tag = rest[..close].to_ascii_lowercase();
        let value = rest[close + 1..].trim().to_string();
        let key: String = tag.chars().take(2).collect();
        match key.as_str() {
            "ac" => project.actors.push(value),
            "ag" => project.agents.push(value),
            "ve" => project.verbs.push(value),
            "op" => project.options = Some(value),
            "te" => project.texts.push(value),
            "is" => project.issues = Some(value),
            "co" => project.coder = Some(value),
            _ => {}
        }
    }
    if project.actors.is_empty() && project.verbs.is_empty() && problems.errors.is_empty() {
        problems.push(file, 0, "no <actorsfile> or <verbsfile> in project");
    }
    problems.finish(project)
}

/// Codes of actors that TABARI turns into plain nouns (null-coded for every date).
pub fn always_null(codes: &ActorCodes) -> bool {
    codes.dated.iter().all(|(_, set)| *set == CodeSet::Null) && matches!(codes.default, None | Some(CodeSet::Null))
}

impl From<DictError> for Problems {
    fn from(error: DictError) -> Problems {
        Problems { errors: vec![error] }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateRange, Item, Match};
    use jiff::civil::Date;

    #[test]
    fn actors_with_synonyms_and_dates() {
        let text = "<NOUN>\nBEES ;x\n</NOUN>\nARNOR  [ARN]\nGOLLUM ; pas\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 950601 - 990815]\n\nZIMBABWE\n\t[RHO <790606]\n\t[ZBW];jw\n#ALBRIGHZ [991201-010114] [---]\nBAD [991201-010114]\n~FINISH\nAFTER [X]\n";
        let loaded = read_actors(text, "t.actors").unwrap();
        let d = &loaded.dictionary;
        assert_eq!(d.nouns.len(), 1);
        assert_eq!(d.actors.len(), 3, "{:?}", d.actors.iter().map(|a| &a.id).collect::<Vec<_>>());
        let gollum = &d.actors[1];
        assert_eq!(gollum.names.len(), 2);
        assert_eq!(gollum.codes.dated.len(), 2);
        assert!(matches!(gollum.codes.dated[0].0, DateRange::OnOrBefore(_)));
        let zim = &d.actors[2];
        assert_eq!(zim.codes.resolve(Date::new(1978, 1, 1).ok()), Some(&CodeSet::Codes(vec!["RHO".into()])));
        assert_eq!(zim.codes.resolve(Date::new(1990, 1, 1).ok()), Some(&CodeSet::Codes(vec!["ZBW".into()])));
        assert_eq!(loaded.warnings.len(), 1);
        assert_eq!(loaded.warnings[0].line, 14);
    }

    #[test]
    fn unterminated_noun_section_is_fatal() {
        let err = read_actors("<NOUN>\nBEES\n", "x.actors").unwrap_err();
        assert_eq!(err.0[0].line, 1);
        assert_eq!(err.0[0].file, "x.actors");
    }

    #[test]
    fn verbs_with_sections() {
        let text = "<SYNSETS>\n&TIETYPES\n+MILITARY\n&TP\n+&TIETYPES_MEMOS\n</SYNSETS>\n<TIME>\nYESTERDAY [-1]\n- * AND A WEEK [+8]\n</TIME>\nBREAK_ [1717]\n{BROKE_ BROKEN_DOWN_}\n- * TREATY [161]\n- NO VERB HERE [1]\nSAID [023?]\n";
        let loaded = read_verbs(text, "t.verbs").unwrap();
        let d = &loaded.dictionary;
        assert_eq!(d.synsets.len(), 2);
        assert_eq!(d.synsets[1].members[0][0].item, Item::Synset("TIETYPES".into()));
        assert_eq!(d.time_shifts.len(), 1);
        assert_eq!(d.time_shifts[0].patterns[0].code, Code::Shift(8));
        assert_eq!(d.verbs.len(), 2);
        assert_eq!(d.verbs[0].members[0].forms.len(), 3);
        assert_eq!(d.verbs[0].members[0].forms[0].words[0].matching, Match::Verb);
        assert_eq!(loaded.warnings.len(), 1);
        assert_eq!(loaded.warnings[0].line, 14);
    }

    #[test]
    fn project_lists_files() {
        let p = read_project(
            "title\n<actorsfile> A.actors\n<verbsfile>\tB.verbs\n<optionsfile> C.options\n<agentsfile> D\n",
            "v.project",
        )
        .unwrap();
        assert_eq!(p.actors, vec!["A.actors"]);
        assert_eq!(p.verbs, vec!["B.verbs"]);
        assert_eq!(p.options.as_deref(), Some("C.options"));
        assert_eq!(p.agents, vec!["D"]);
    }
}
