//! Reading GUM CoNLL-U documents for evaluation: the raw text rebuilt from `# text =` lines (sentences joined
//! by a space, paragraphs at `# newpar` separated by a blank line), and the person / organization / place
//! mentions of the `Entity=` annotations whose head token is a proper noun (GUM also marks pronouns and common
//! nouns; the quotes stage recognises names).
//!
//! GUM's `Entity=` value in the MISC column opens a mention with `(id-type-…` on its first token and closes it
//! with `id)` on its last; `(id-type-…)` is a one-token mention. Mentions nest.

#![allow(dead_code)]

use attache_doc::{Article, Doc, EntityKind, Stage};
use std::path::Path;

pub struct GumDoc {
    pub name: String,
    pub text: String,
    /// Gold name mentions: character start, end, kind.
    pub mentions: Vec<(u32, u32, EntityKind)>,
}

struct Token {
    id: usize,
    head: usize,
    upos: String,
    /// Character offsets in the rebuilt text, when the form was found in the sentence text.
    span: Option<(u32, u32)>,
    misc: String,
}

fn entity_kind(name: &str) -> Option<EntityKind> {
    match name {
        "person" => Some(EntityKind::Person),
        "organization" => Some(EntityKind::Organization),
        "place" => Some(EntityKind::Place),
        _ => None,
    }
}

/// Parses one GUM document. Errors name the file and line.
pub fn read(path: &Path) -> Result<GumDoc, String> {
    let source = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut text = String::new();
    let mut char_len = 0u32;
    let mut mentions = Vec::new();
    let mut sentence: Vec<Token> = Vec::new();
    let mut sentence_text = String::new();
    let mut sentence_char_start = 0u32;
    let mut search_from = 0usize;
    let mut new_paragraph = true;
    let finish = |sentence: &mut Vec<Token>, mentions: &mut Vec<(u32, u32, EntityKind)>| {
        mentions.extend(sentence_mentions(sentence));
        sentence.clear();
    };
    for (number, line) in source.lines().enumerate() {
        if line.starts_with("# newpar") && !line.starts_with("# newpar_block") {
            new_paragraph = true;
        } else if let Some(sentence_line) = line.strip_prefix("# text = ") {
            finish(&mut sentence, &mut mentions);
            if !text.is_empty() {
                let separator = if new_paragraph { "\n\n" } else { " " };
                text.push_str(separator);
                char_len += separator.len() as u32;
            }
            new_paragraph = false;
            sentence_char_start = char_len;
            sentence_text = sentence_line.to_string();
            text.push_str(sentence_line);
            char_len += sentence_line.chars().count() as u32;
            search_from = 0;
        } else if line.is_empty() || line.starts_with('#') {
            continue;
        } else {
            let columns: Vec<&str> = line.split('\t').collect();
            if columns.len() != 10 {
                return Err(format!("{}:{}: expected 10 columns, found {}", path.display(), number + 1, columns.len()));
            }
            let Ok(id) = columns[0].parse::<usize>() else { continue }; // multiword ranges and empty nodes
            let head = columns[6].parse::<usize>().unwrap_or(0);
            let form = columns[1];
            let span = sentence_text[search_from..].find(form).map(|offset| {
                let byte_start = search_from + offset;
                search_from = byte_start + form.len();
                let start = sentence_char_start + sentence_text[..byte_start].chars().count() as u32;
                (start, start + form.chars().count() as u32)
            });
            sentence.push(Token { id, head, upos: columns[3].to_string(), span, misc: columns[9].to_string() });
        }
    }
    finish(&mut sentence, &mut mentions);
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(GumDoc { name, text, mentions })
}

/// The proper-noun-headed person/organization/place mentions of one sentence.
fn sentence_mentions(tokens: &[Token]) -> Vec<(u32, u32, EntityKind)> {
    let mut open: Vec<(String, usize, String)> = Vec::new(); // (id, first token index, type)
    let mut spans: Vec<(usize, usize, String)> = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        let Some(value) = token.misc.split('|').find_map(|kv| kv.strip_prefix("Entity=")) else { continue };
        let bytes = value.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'(' {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'(' && bytes[j] != b')' {
                    j += 1;
                }
                let content = &value[i + 1..j];
                let mut fields = content.split('-');
                let id = fields.next().unwrap_or("").to_string();
                let kind = fields.next().unwrap_or("").to_string();
                if j < bytes.len() && bytes[j] == b')' {
                    spans.push((index, index, kind));
                    i = j + 1;
                } else {
                    open.push((id, index, kind));
                    i = j;
                }
            } else if bytes[i].is_ascii_digit() {
                let mut j = i;
                while j < bytes.len() && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                if j < bytes.len() && bytes[j] == b')' {
                    let id = &value[i..j];
                    if let Some(at) = open.iter().rposition(|(o, _, _)| o == id) {
                        let (_, first, kind) = open.remove(at);
                        spans.push((first, index, kind));
                    }
                    i = j + 1;
                } else {
                    i = j.max(i + 1);
                }
            } else {
                i += 1;
            }
        }
    }
    spans
        .into_iter()
        .filter_map(|(first, last, kind)| {
            let kind = entity_kind(&kind)?;
            let members = &tokens[first..=last];
            let ids: Vec<usize> = members.iter().map(|t| t.id).collect();
            let head = members.iter().find(|t| !ids.contains(&t.head))?;
            if head.upos != "PROPN" {
                return None;
            }
            let (start, _) = members.first()?.span?;
            let (_, end) = members.last()?.span?;
            Some((start, end, kind))
        })
        .collect()
}

/// The GUM news documents, sorted by name.
pub fn news_documents(dir: &Path) -> Vec<GumDoc> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("GUM_news_") && n.ends_with(".conllu"))
        })
        .collect();
    paths.sort();
    paths.iter().map(|p| read(p).unwrap_or_else(|e| panic!("{e}"))).collect()
}

/// Runs the text stage and the quotes stage (no dictionary) on a text, as the pipeline would.
pub fn annotate(text: &str) -> Doc {
    let mut doc = Doc::new(Article { text: text.to_string(), ..Default::default() });
    attache_text::TextStage::default().annotate(&mut doc);
    attache_quotes::QuoteStage::new(None).annotate(&mut doc);
    doc
}

/// Trims a leading "the"/"The " and a trailing possessive from a character span, so "the Church of
/// Scientology's" and "Church of Scientology" compare equal.
pub fn normalise(text: &str, start: u32, end: u32) -> (u32, u32) {
    let chars: Vec<char> = text.chars().collect();
    let (mut s, mut e) = (start as usize, (end as usize).min(chars.len()));
    let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    if e >= s + 4 && matches!(slice(s, s + 4).as_str(), "the " | "The ") {
        s += 4;
    }
    for suffix in [" 's", "'s", "’s", " '", "'", "’"] {
        let n = suffix.chars().count();
        if e >= s + n && slice(e - n, e) == suffix {
            e -= n;
            break;
        }
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (s as u32, e as u32)
}
