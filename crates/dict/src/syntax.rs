//! The phrase, pattern, code and date syntax shared by TABARI and PETRARCH dictionaries.
//!
//! TABARI's word rules (manual §5.2, §5.5.3): a bare word is a stem (`SYRI` matches `SYRIAN`); a trailing `_`
//! makes it exact and joins it to the next word; `~` keeps the stem but joins; `=` forbids the automatic
//! endings. A blank between words lets other words come in between. PETRARCH has no stems: every word is
//! exact, and regular plurals/verb forms are generated instead. [`Dialect`] selects which.

use crate::model::{Code, CodeSet, DateRange, Elem, EventCode, Item, Link, Match, Phrase, Word};
use jiff::civil::Date;

/// Which program's conventions a dictionary follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// TABARI 0.8: stems, `_`/`~`/`=` markers.
    Tabari,
    /// PETRARCH 1 and 2: no stems; generated regular forms; `{…}` noun phrases and `(…)` prepositional
    /// phrases in CAMEO.2.0 patterns.
    Petrarch,
}

/// What a phrase names: it decides which regular endings the final word accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Actors, agents, nouns: plural and possessive endings.
    Noun,
    /// Verb forms: verb endings.
    Verb,
    /// Pattern words and synset members: no automatic endings.
    Literal,
}

/// Splits a dictionary line into its text and trailing comment.
///
/// TABARI comments start with `;`; PETRARCH comments with `#`. Both are honoured when `dialect` allows.
pub fn strip_comment(line: &str, dialect: Dialect) -> &str {
    let mut end = line.len();
    let mut in_code = false;
    for (i, c) in line.char_indices() {
        match c {
            '[' => in_code = true,
            ']' => in_code = false,
            _ => {}
        }
        // `#` inside a code block is the discard code `[###]`, not a comment.
        let is_comment = match dialect {
            Dialect::Tabari => c == ';',
            Dialect::Petrarch => c == '#' && !in_code,
        };
        if is_comment {
            end = i;
            break;
        }
    }
    line[..end].trim_end()
}

/// Splits `PHRASE [CODE] [CODE2]` into the phrase text and the contents of each `[...]` block.
pub fn split_code_blocks(text: &str) -> Result<(&str, Vec<&str>), String> {
    let Some(open) = text.find('[') else {
        if text.contains(']') {
            return Err("`]` without `[`".into());
        }
        return Ok((text.trim(), Vec::new()));
    };
    let phrase = text[..open].trim();
    let mut blocks = Vec::new();
    let mut rest = &text[open..];
    loop {
        let rest_trimmed = rest.trim_start();
        if rest_trimmed.is_empty() {
            break;
        }
        let Some(after_open) = rest_trimmed.strip_prefix('[') else {
            return Err(format!("unexpected text `{}` after a code block", rest_trimmed));
        };
        let Some(close) = after_open.find(']') else {
            return Err("missing `]`".into());
        };
        let inner = &after_open[..close];
        if inner.contains('[') {
            return Err("missing `]`".into());
        }
        blocks.push(inner.trim());
        rest = &after_open[close + 1..];
    }
    Ok((phrase, blocks))
}

/// Is this the null code (`---`, also written `- - -`)?
pub fn is_null_code(code: &str) -> bool {
    let compact: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    compact == "---"
}

fn valid_code_chars(code: &str) -> bool {
    !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Parses a verb or pattern code: `023`, `023?`, `111!`, `031:032`, `:173`, `---`, `###`, `+++`.
pub fn parse_event_code(raw: &str) -> Result<Code, String> {
    let code = raw.trim();
    if is_null_code(code) {
        return Ok(Code::Null);
    }
    match code {
        "###" => return Ok(Code::Discard),
        "+++" => return Ok(Code::Complex),
        "" => return Err("empty code".into()),
        _ => {}
    }
    let mut body = code;
    let mut subordinate = false;
    let mut dominant = false;
    loop {
        if let Some(b) = body.strip_suffix('?') {
            subordinate = true;
            body = b.trim_end();
        } else if let Some(b) = body.strip_suffix('!') {
            dominant = true;
            body = b.trim_end();
        } else {
            break;
        }
    }
    let (primary, paired) = match body.split_once(':') {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (body, None),
    };
    let primary = if primary.is_empty() || is_null_code(primary) {
        None
    } else if valid_code_chars(primary) {
        Some(primary.into())
    } else {
        return Err(format!("invalid event code `{code}`"));
    };
    let paired = match paired {
        None => None,
        Some(p) if p.is_empty() || is_null_code(p) => None,
        Some(p) if valid_code_chars(p) => Some(p.into()),
        Some(_) => return Err(format!("invalid paired code `{code}`")),
    };
    if primary.is_none() && paired.is_none() {
        return Err(format!("invalid event code `{code}`"));
    }
    Ok(Code::Event(EventCode { primary, paired, subordinate, dominant }))
}

/// Parses a time-shift code: `-7`, `+30`, or a special code.
pub fn parse_shift_code(raw: &str) -> Result<Code, String> {
    let code = raw.trim();
    if is_null_code(code) {
        return Ok(Code::Null);
    }
    match code {
        "###" => Ok(Code::Discard),
        "+++" => Ok(Code::Complex),
        _ => {
            let days: i32 = code.trim_start_matches('+').parse().map_err(|_| format!("invalid time shift `{code}`"))?;
            if days.abs() > 8192 {
                return Err(format!("time shift `{code}` is larger than 8192 days"));
            }
            Ok(Code::Shift(days))
        }
    }
}

/// Parses a date `YYMMDD` (years 00–30 are 2000–2030) or `YYYYMMDD`.
pub fn parse_date(raw: &str) -> Result<Date, String> {
    let digits = raw.trim();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("invalid date `{digits}`"));
    }
    let (year, rest) = match digits.len() {
        6 => {
            let yy: i16 = digits[..2].parse().map_err(|_| format!("invalid date `{digits}`"))?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &digits[2..])
        }
        8 => (digits[..4].parse().map_err(|_| format!("invalid date `{digits}`"))?, &digits[4..]),
        _ => return Err(format!("invalid date `{digits}`: expected YYMMDD or YYYYMMDD")),
    };
    let month: i8 = rest[..2].parse().map_err(|_| format!("invalid date `{digits}`"))?;
    let day: i8 = rest[2..].parse().map_err(|_| format!("invalid date `{digits}`"))?;
    Date::new(year, month, day).map_err(|_| format!("invalid date `{digits}`"))
}

/// Parses actor codes: `ISR`, `ELR/GAL`, `---`, `###`, `+++`.
pub fn parse_code_set(raw: &str) -> Result<CodeSet, String> {
    let code = raw.trim();
    if is_null_code(code) {
        return Ok(CodeSet::Null);
    }
    match code {
        "###" => return Ok(CodeSet::Discard),
        "+++" => return Ok(CodeSet::Complex),
        _ => {}
    }
    let mut codes = Vec::new();
    for part in code.split('/') {
        let part = part.trim();
        if !valid_code_chars(part) {
            return Err(format!("invalid actor code `{code}`"));
        }
        codes.push(part.to_ascii_uppercase().into_boxed_str());
    }
    Ok(CodeSet::Codes(codes))
}

/// Parses one actor code block: `USA`, `USAGOV 991201-010114`, `HOB < 950601`, `HOBREB > 990816`.
/// Returns the range (None for an undated default) and the codes.
pub fn parse_actor_block(raw: &str) -> Result<(Option<DateRange>, CodeSet), String> {
    let block = raw.trim();
    if block.is_empty() {
        return Err("empty code block".into());
    }
    // The code is the first whitespace-free run, unless the block starts with a restriction.
    let first = block.chars().next().unwrap_or(' ');
    if first == '<' || first == '>' || first.is_ascii_digit() && block.contains('-') && !block.contains(' ') {
        return Err(format!("code block `[{block}]` has a date restriction but no code"));
    }
    let code_end = block.find(|c: char| c.is_whitespace() || c == '<' || c == '>').unwrap_or(block.len());
    let (code, restriction) = (&block[..code_end], block[code_end..].trim());
    // `- - -` contains blanks: treat a block made only of dashes and blanks (before any restriction) as null.
    let (code, restriction) = if code == "-" {
        let restriction_start =
            block.find(['<', '>']).unwrap_or_else(|| block.find(|c: char| c.is_ascii_digit()).unwrap_or(block.len()));
        (block[..restriction_start].trim(), block[restriction_start..].trim())
    } else {
        (code, restriction)
    };
    let codes = parse_code_set(code)?;
    if restriction.is_empty() {
        return Ok((None, codes));
    }
    let range = if let Some(date) = restriction.strip_prefix('<') {
        DateRange::OnOrBefore(parse_date(date)?)
    } else if let Some(date) = restriction.strip_prefix('>') {
        DateRange::OnOrAfter(parse_date(date)?)
    } else if let Some((start, end)) = restriction.split_once('-') {
        let (start, end) = (parse_date(start)?, parse_date(end)?);
        if end < start {
            return Err(format!("date range `{restriction}` ends before it starts"));
        }
        DateRange::Between(start, end)
    } else {
        return Err(format!("invalid date restriction `{restriction}`"));
    };
    Ok((Some(range), codes))
}

/// Parses an agent code: `~GOV` (appended to the actor code) or `NGO~` (prefixed).
pub fn parse_agent_code(raw: &str) -> Result<(Box<str>, bool), String> {
    let code: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let (body, prefix) = if let Some(body) = code.strip_prefix('~') {
        (body, false)
    } else if let Some(body) = code.strip_suffix('~') {
        (body, true)
    } else {
        return Err(format!("agent code `{raw}` lacks the `~` connector"));
    };
    if !valid_code_chars(body) {
        return Err(format!("invalid agent code `{raw}`"));
    }
    Ok((body.to_ascii_uppercase().into(), prefix))
}

/// Splits an agent line `PHRASE [~CODE]` into the phrase text, the code and whether it is a prefix code.
pub fn split_agent_line(body: &str) -> Result<(&str, Box<str>, bool), String> {
    let (phrase_text, blocks) = split_code_blocks(body)?;
    let [block] = blocks.as_slice() else {
        return Err("agent needs exactly one `[~CODE]` block".into());
    };
    let (code, prefix) = parse_agent_code(block)?;
    Ok((phrase_text, code, prefix))
}

/// A lexeme of phrase/pattern text with the connector that follows it.
#[derive(Debug, Clone, PartialEq)]
enum Lexeme {
    Word { text: String, matching: Match, link: Link },
    Synset { name: String, link: Link },
    Token { item: Item, link: Link },
    ChoiceOpen,
    ChoiceBar,
    ChoiceClose { link: Link },
    GroupOpen,
    GroupClose { link: Link },
}

fn is_word_char(c: char) -> bool {
    !(c.is_whitespace() || "_~={}|()*$+%^@&[]".contains(c))
}

/// The connector after a lexeme ending at `chars[i]` (exclusive): consumes `_`, `~`, `=` markers.
/// Returns (link, exact, no_endings, stem_forced, next index).
fn read_marker(chars: &[char], mut i: usize) -> (Link, bool, bool, bool, usize) {
    let mut exact = false;
    let mut no_endings = false;
    let mut stem = false;
    let mut link = Link::Gap;
    loop {
        match chars.get(i) {
            Some('_') => {
                exact = true;
                i += 1;
                // `WORD_` followed by another word/token: adjacent; followed by blank or end: gap.
                match chars.get(i) {
                    Some(c) if !c.is_whitespace() && *c != '|' && *c != '}' && *c != ')' => {
                        link = Link::Adjacent;
                        if *c == '_' || *c == '~' {
                            continue;
                        }
                    }
                    _ => {}
                }
                break;
            }
            Some('~') => {
                stem = true;
                link = Link::Adjacent;
                i += 1;
                if chars.get(i) == Some(&'_') {
                    i += 1;
                }
                break;
            }
            Some('=') => {
                exact = true;
                no_endings = true;
                i += 1;
                if chars.get(i) == Some(&'_') {
                    i += 1;
                    if chars.get(i).is_some_and(|c| !c.is_whitespace()) {
                        link = Link::Adjacent;
                    }
                }
                break;
            }
            _ => break,
        }
    }
    (link, exact, no_endings, stem, i)
}

fn lex(text: &str, dialect: Dialect, known_synsets: &dyn Fn(&str) -> bool) -> Result<Vec<Lexeme>, String> {
    // TABARI replaces hyphens with underscores in dictionaries (text hyphens become blanks).
    let chars: Vec<char> = text.chars().map(|c| if c == '-' { '_' } else { c.to_ascii_uppercase() }).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        match c {
            '{' => {
                i += 1;
                // `{ a | b }` are alternatives; `{A B}` without a bar is a PETRARCH noun phrase.
                let close = chars[i..].iter().position(|&c| c == '}').map(|p| p + i);
                let has_bar = close.is_some_and(|close| chars[i..close].contains(&'|'));
                out.push(if has_bar { Lexeme::ChoiceOpen } else { Lexeme::GroupOpen });
            }
            '|' => {
                out.push(Lexeme::ChoiceBar);
                i += 1;
            }
            '}' | ')' => {
                let (link, _, _, _, next) = read_marker(&chars, i + 1);
                let is_choice_close = c == '}' && {
                    // find whether the matching open was a choice: count open lexemes
                    let mut depth = 0i32;
                    let mut is_choice = false;
                    for lexeme in out.iter().rev() {
                        match lexeme {
                            Lexeme::ChoiceClose { .. } | Lexeme::GroupClose { .. } => depth += 1,
                            Lexeme::ChoiceOpen | Lexeme::GroupOpen => {
                                if depth == 0 {
                                    is_choice = matches!(lexeme, Lexeme::ChoiceOpen);
                                    break;
                                }
                                depth -= 1;
                            }
                            _ => {}
                        }
                    }
                    is_choice
                };
                out.push(if is_choice_close { Lexeme::ChoiceClose { link } } else { Lexeme::GroupClose { link } });
                i = next;
            }
            '(' => {
                out.push(Lexeme::GroupOpen);
                i += 1;
            }
            '*' | '$' | '+' | '%' | '^' | '@' => {
                let item = match c {
                    '*' => Item::Verb,
                    '$' => Item::Source,
                    '+' => Item::Target,
                    '%' => Item::Compound,
                    '^' => Item::Skip,
                    _ => Item::Attribution,
                };
                let (link, _, _, _, next) = read_marker(&chars, i + 1);
                out.push(Lexeme::Token { item, link });
                i = next;
            }
            '&' => {
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && (is_word_char(chars[end]) || chars[end] == '_') {
                    end += 1;
                }
                if end == start {
                    return Err("`&` without a synonym-set name".into());
                }
                // Synset names may contain `_`: take the longest known name, else stop at the first `_`.
                let candidate: String = chars[start..end].iter().collect();
                let mut name_end = end;
                let mut found = known_synsets(&candidate);
                if !found {
                    let mut k = end;
                    while k > start {
                        k -= 1;
                        if chars[k] == '_' {
                            let prefix: String = chars[start..k].iter().collect();
                            if known_synsets(&prefix) {
                                name_end = k;
                                found = true;
                                break;
                            }
                        }
                    }
                }
                if !found {
                    name_end = chars[start..end].iter().position(|&c| c == '_').map_or(end, |p| start + p);
                    if name_end == start {
                        name_end = end;
                    }
                }
                let name: String = chars[start..name_end].iter().collect();
                let (link, _, _, _, next) = read_marker(&chars, name_end);
                out.push(Lexeme::Synset { name, link });
                i = next;
            }
            '[' | ']' => return Err(format!("unexpected `{c}` in phrase")),
            '_' | '~' | '=' => {
                // A stray connector (e.g. a leading `_`): skip it.
                i += 1;
            }
            _ => {
                let start = i;
                // `&` and `$` inside a word (AT&T, US$) belong to the word.
                while i < chars.len() && (is_word_char(chars[i]) || (i > start && matches!(chars[i], '&' | '$'))) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let (link, exact, no_endings, stem, next) = read_marker(&chars, i);
                let matching = match dialect {
                    Dialect::Tabari if stem || !exact => Match::Stem,
                    Dialect::Tabari if no_endings => Match::Exact,
                    // Exact words in TABARI; the caller upgrades the final word of names to Noun/Verb.
                    Dialect::Tabari => Match::Exact,
                    Dialect::Petrarch => Match::Exact,
                };
                // Remember `=` (no endings) by marking the word Exact with a sentinel: handled in `phrase`.
                out.push(Lexeme::Word { text: if no_endings { format!("{word}=") } else { word }, matching, link });
                i = next;
            }
        }
    }
    Ok(out)
}

fn word_from(text: &str, matching: Match) -> Word {
    Word::new(text.trim_end_matches('='), matching)
}

/// Parses a plain phrase (actor, agent, noun, verb form): words only.
///
/// The final word gets the automatic endings of `role` unless it is a TABARI stem or was written with `=`.
pub fn parse_phrase(text: &str, dialect: Dialect, role: Role) -> Result<Phrase, String> {
    let lexemes = lex(text, dialect, &|_| false)?;
    let mut words = Vec::new();
    let mut links = Vec::new();
    for lexeme in lexemes {
        match lexeme {
            Lexeme::Word { text, matching, link } => {
                words.push((text, matching));
                links.push(link);
            }
            Lexeme::GroupOpen | Lexeme::GroupClose { .. } => {}
            _ => return Err(format!("unexpected pattern token in phrase `{}`", text.trim())),
        }
    }
    if words.is_empty() {
        return Err("empty phrase".into());
    }
    links.pop();
    let last = words.len() - 1;
    let words = words
        .into_iter()
        .enumerate()
        .map(|(i, (text, matching))| {
            let no_endings = text.ends_with('=');
            let matching = if i == last && matching == Match::Exact && !no_endings {
                match role {
                    Role::Noun => Match::Noun,
                    Role::Verb => Match::Verb,
                    Role::Literal => Match::Exact,
                }
            } else {
                matching
            };
            word_from(&text, matching)
        })
        .collect();
    Ok(Phrase { words, links })
}

/// Parses a pattern or synset member into elements (TABARI and PETRARCH syntax).
///
/// `known_synsets` tells which `&NAME` prefixes are defined, to split `&TIETYPES_MEMOS` correctly.
pub fn parse_elems(text: &str, dialect: Dialect, known_synsets: &dyn Fn(&str) -> bool) -> Result<Vec<Elem>, String> {
    let lexemes = lex(text, dialect, known_synsets)?;
    let mut pos = 0;
    let elems = parse_seq(&lexemes, &mut pos, dialect, false)?;
    if pos != lexemes.len() {
        return Err("unbalanced `{`/`|`/`}` in pattern".into());
    }
    if elems.is_empty() {
        return Err("empty pattern".into());
    }
    Ok(elems)
}

fn parse_seq(lexemes: &[Lexeme], pos: &mut usize, dialect: Dialect, in_choice: bool) -> Result<Vec<Elem>, String> {
    let mut elems: Vec<Elem> = Vec::new();
    let mut group_depth = 0usize;
    while *pos < lexemes.len() {
        match &lexemes[*pos] {
            Lexeme::Word { text, matching, link } => {
                let matching = if dialect == Dialect::Petrarch { Match::Exact } else { *matching };
                elems.push(Elem { item: Item::Word(word_from(text, matching)), link: *link });
                *pos += 1;
            }
            Lexeme::Synset { name, link } => {
                elems.push(Elem { item: Item::Synset(name.as_str().into()), link: *link });
                *pos += 1;
            }
            Lexeme::Token { item, link } => {
                elems.push(Elem { item: item.clone(), link: *link });
                *pos += 1;
            }
            Lexeme::GroupOpen => {
                group_depth += 1;
                *pos += 1;
            }
            Lexeme::GroupClose { link } => {
                if group_depth == 0 {
                    return Err("`)` or `}` without opening bracket".into());
                }
                group_depth -= 1;
                if *link == Link::Adjacent
                    && let Some(last) = elems.last_mut()
                {
                    last.link = Link::Adjacent;
                }
                *pos += 1;
            }
            Lexeme::ChoiceOpen => {
                *pos += 1;
                let mut options = Vec::new();
                loop {
                    let option = parse_seq(lexemes, pos, dialect, true)?;
                    if option.is_empty() {
                        return Err("empty alternative in `{ … | … }`".into());
                    }
                    options.push(option);
                    match lexemes.get(*pos) {
                        Some(Lexeme::ChoiceBar) => *pos += 1,
                        Some(Lexeme::ChoiceClose { link }) => {
                            *pos += 1;
                            elems.push(Elem { item: Item::Choice(options), link: *link });
                            break;
                        }
                        _ => return Err("`{` without closing `}`".into()),
                    }
                }
            }
            Lexeme::ChoiceBar | Lexeme::ChoiceClose { .. } => {
                if in_choice {
                    break;
                }
                return Err("`|` or `}` outside alternatives".into());
            }
        }
    }
    if group_depth != 0 {
        return Err("unclosed `(` or `{` in pattern".into());
    }
    Ok(elems)
}

/// TABARI's pattern length for ordering: characters of fixed words and connectors (tokens, blanks and
/// synonym-set references do not count); alternatives count their longest option.
pub fn elems_len(elems: &[Elem]) -> usize {
    let mut total = 0;
    for (i, elem) in elems.iter().enumerate() {
        total += item_len(&elem.item);
        let is_last = i + 1 == elems.len();
        if !is_last && elem.link == Link::Adjacent {
            total += 1;
        }
    }
    total
}

pub(crate) fn item_len(item: &Item) -> usize {
    match item {
        Item::Word(word) => word.text.len(),
        Item::Synset(_) => 0,
        Item::Choice(options) => options.iter().map(|o| elems_len(o)).max().unwrap_or(0),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(p: &Phrase) -> Vec<(String, Match)> {
        p.words.iter().map(|w| (w.text.to_string(), w.matching)).collect()
    }

    #[test]
    fn tabari_phrase_markers() {
        let p = parse_phrase("RADAGAST THE_BROWN", Dialect::Tabari, Role::Noun).unwrap();
        assert_eq!(
            words(&p),
            vec![("RADAGAST".into(), Match::Stem), ("THE".into(), Match::Exact), ("BROWN".into(), Match::Stem)]
        );
        assert_eq!(p.links, vec![Link::Gap, Link::Adjacent]);
        let p = parse_phrase("ITHILEN_GOVERNMENT_RADIO_", Dialect::Tabari, Role::Noun).unwrap();
        assert_eq!(p.words[2].matching, Match::Noun);
        assert_eq!(p.words[0].matching, Match::Exact);
        let p = parse_phrase("MOUSE=", Dialect::Tabari, Role::Noun).unwrap();
        assert_eq!(words(&p), vec![("MOUSE".into(), Match::Exact)]);
        let p = parse_phrase("DEPART_", Dialect::Tabari, Role::Verb).unwrap();
        assert_eq!(p.words[0].matching, Match::Verb);
        let p = parse_phrase("ISRAELI-OCCUPIED", Dialect::Tabari, Role::Noun).unwrap();
        assert_eq!(words(&p), vec![("ISRAELI".into(), Match::Exact), ("OCCUPIED".into(), Match::Stem)]);
        assert_eq!(p.links, vec![Link::Adjacent]);
    }

    #[test]
    fn tabari_patterns() {
        let elems =
            parse_elems("SUGGESTED_+ * DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS", Dialect::Tabari, &|_| false)
                .unwrap();
        assert_eq!(elems.len(), 6);
        assert_eq!(elems[5].item, Item::Word(Word::new("CONVENTIONS", Match::Stem)));
        assert_eq!(elems[0].link, Link::Adjacent);
        assert_eq!(elems[1].item, Item::Target);
        assert_eq!(elems[2].item, Item::Verb);
        assert_eq!(elems[3].link, Link::Adjacent);
        let Item::Choice(options) = &elems[4].item else { panic!("choice expected") };
        assert_eq!(options.len(), 2);
        assert_eq!(elems[4].link, Link::Adjacent);
        let elems = parse_elems("* BACK~ POLICY", Dialect::Tabari, &|_| false).unwrap();
        assert_eq!(elems[1].link, Link::Adjacent);
        assert_eq!(elems[1].item, Item::Word(Word::new("BACK", Match::Stem)));
        let elems = parse_elems("* &TIETYPES_MEMOS FROM", Dialect::Tabari, &|n| n == "TIETYPES").unwrap();
        assert_eq!(elems[1].item, Item::Synset("TIETYPES".into()));
        assert_eq!(elems[1].link, Link::Adjacent);
        let elems = parse_elems("* (FOR {FINANCIAL AID})", Dialect::Petrarch, &|_| false).unwrap();
        assert_eq!(elems.len(), 4);
    }

    #[test]
    fn codes() {
        assert_eq!(parse_event_code("- - -").unwrap(), Code::Null);
        let Code::Event(e) = parse_event_code("023?").unwrap() else { panic!() };
        assert!(e.subordinate);
        let Code::Event(e) = parse_event_code("032:033").unwrap() else { panic!() };
        assert_eq!(e.paired.as_deref(), Some("033"));
        let Code::Event(e) = parse_event_code(":173").unwrap() else { panic!() };
        assert_eq!(e.primary, None);
        assert!(parse_event_code("0 2").is_err());
        assert_eq!(parse_shift_code("-7").unwrap(), Code::Shift(-7));
    }

    #[test]
    fn actor_blocks() {
        let (range, codes) = parse_actor_block("HOBGOV 950601 - 990815").unwrap();
        assert!(matches!(range, Some(DateRange::Between(..))));
        assert_eq!(codes, CodeSet::Codes(vec!["HOBGOV".into()]));
        let (range, codes) = parse_actor_block("--- <950630").unwrap();
        assert!(matches!(range, Some(DateRange::OnOrBefore(..))));
        assert_eq!(codes, CodeSet::Null);
        assert!(parse_actor_block("991201-010114").is_err());
        assert!(parse_actor_block("AAA950601-990815").is_err());
        let (_, codes) = parse_actor_block("FRO/BIL/SAM").unwrap();
        assert_eq!(codes, CodeSet::Codes(vec!["FRO".into(), "BIL".into(), "SAM".into()]));
        assert_eq!(parse_date("010114").unwrap(), Date::new(2001, 1, 14).unwrap());
        assert_eq!(parse_date("19140724").unwrap(), Date::new(1914, 7, 24).unwrap());
    }
}
