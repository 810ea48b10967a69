//! JSON Lines: one article object per line, read as a stream.
//!
//! Fields `id`, `url`, `title`, `published`, `source`, `text`; only `text` is required, unknown fields are
//! ignored, `null` means absent, a numeric `id` is taken as its decimal text. Blank lines are skipped. A file whose
//! first non-blank byte is `[` is read whole as one JSON array of such objects instead (record = element number).
//! Each bad line fails alone; the error names its line.

use crate::{ReadError, ReadOptions, finish_article};
use attache_doc::Article;
use serde_json::{Map, Value};
use std::io::BufRead;

/// Streams the articles of JSON Lines input from `reader`, holding one line in memory at a time.
pub struct JsonlReader<R> {
    reader: R,
    path: String,
    opts: ReadOptions,
    line_number: u64,
    offset: u64,
    buffer: Vec<u8>,
    saw_content: bool,
    state: State,
}

enum State {
    Start,
    Lines,
    Array(std::vec::IntoIter<Result<Article, ReadError>>),
    Done,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(reader: R, path: &str, opts: &ReadOptions) -> Self {
        JsonlReader {
            reader,
            path: path.to_string(),
            opts: opts.clone(),
            line_number: 0,
            offset: 0,
            buffer: Vec::new(),
            saw_content: false,
            state: State::Start,
        }
    }

    /// Looks at the head once: refuses binary input and picks line or array mode.
    fn start(&mut self) -> Option<ReadError> {
        let head = match self.reader.fill_buf() {
            Ok(head) => head,
            Err(error) => return Some(ReadError::whole(&self.path, format!("cannot read: {error}"))),
        };
        if head.iter().all(u8::is_ascii_whitespace) {
            // Either empty, or whitespace longer than one buffer: line mode tells which.
            self.state = State::Lines;
            return None;
        }
        let head_text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        if let Err(cause) = crate::decode::check_text_like(head_text) {
            return Some(ReadError::whole(&self.path, cause));
        }
        if head_text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
            let mut bytes = Vec::new();
            if let Err(error) = self.reader.read_to_end(&mut bytes) {
                return Some(ReadError::whole(&self.path, format!("cannot read: {error}")));
            }
            self.state = State::Array(parse_array(&bytes, &self.path, &self.opts).into_iter());
        } else {
            self.state = State::Lines;
        }
        None
    }

    fn next_line(&mut self) -> Option<Result<Article, ReadError>> {
        loop {
            self.buffer.clear();
            let line_offset = self.offset;
            match self.reader.read_until(b'\n', &mut self.buffer) {
                Ok(0) => {
                    self.state = State::Done;
                    return (!self.saw_content).then(|| Err(ReadError::whole(&self.path, "empty file")));
                }
                Ok(read) => self.offset += read as u64,
                Err(error) => {
                    self.state = State::Done;
                    return Some(Err(ReadError::at_line(
                        &self.path,
                        self.line_number + 1,
                        format!("cannot read: {error}"),
                    )));
                }
            }
            self.line_number += 1;
            let mut untrimmed: &[u8] = &self.buffer;
            let mut line_offset = line_offset;
            if self.line_number == 1
                && let Some(rest) = untrimmed.strip_prefix(b"\xef\xbb\xbf")
            {
                untrimmed = rest;
                line_offset += 3;
            }
            let line = untrimmed.trim_ascii();
            let leading = untrimmed.len() - untrimmed.trim_ascii_start().len();
            if line.is_empty() {
                continue;
            }
            self.saw_content = true;
            let at_line = |cause: String| ReadError::at_line(&self.path, self.line_number, cause);
            let text = match std::str::from_utf8(line) {
                Ok(text) => text,
                Err(error) => {
                    let offset = line_offset + leading as u64 + error.valid_up_to() as u64;
                    return Some(Err(at_line(format!("not valid UTF-8 at byte offset {offset}"))));
                }
            };
            let value = match serde_json::from_str::<Value>(text) {
                Ok(value) => value,
                Err(error) => return Some(Err(at_line(describe_json_error(&error)))),
            };
            let record = self.line_number;
            return Some(article_from_value(value, &self.path, Some(record), &self.opts).map_err(at_line));
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Article, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match &mut self.state {
                State::Start => {
                    if let Some(error) = self.start() {
                        self.state = State::Done;
                        return Some(Err(error));
                    }
                }
                State::Lines => return self.next_line(),
                State::Array(records) => return records.next(),
                State::Done => return None,
            }
        }
    }
}

fn parse_array(bytes: &[u8], path: &str, opts: &ReadOptions) -> Vec<Result<Article, ReadError>> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Err(error) = std::str::from_utf8(bytes) {
        return vec![Err(ReadError::whole(path, format!("not valid UTF-8 at byte offset {}", error.valid_up_to())))];
    }
    let elements = match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Array(elements)) => elements,
        Ok(_) => return vec![Err(ReadError::whole(path, "expected a JSON array of article objects"))],
        Err(error) => return vec![Err(ReadError::at_line(path, error.line() as u64, describe_json_error(&error)))],
    };
    if elements.is_empty() {
        return vec![Err(ReadError::whole(path, "JSON array holds no records"))];
    }
    elements
        .into_iter()
        .zip(1u64..)
        .map(|(value, record)| {
            article_from_value(value, path, Some(record), opts)
                .map_err(|cause| ReadError::at_record(path, record, cause))
        })
        .collect()
}

/// serde_json's message without its "at line L column C" tail (the line is ours to name), plus the column.
fn describe_json_error(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(head, _)| head);
    if error.column() > 0 {
        format!("invalid JSON: {message} (column {})", error.column())
    } else {
        format!("invalid JSON: {message}")
    }
}

/// One article from one JSON value; the error is the bare cause (the caller adds line or record).
pub fn article_from_value(
    value: Value,
    path: &str,
    record: Option<u64>,
    opts: &ReadOptions,
) -> Result<Article, String> {
    let Value::Object(mut object) = value else {
        return Err(format!("expected a JSON object, found {}", kind(&value)));
    };
    let text = string_field(&mut object, "text")?.ok_or("missing required field `text`")?;
    if text.trim().is_empty() {
        return Err("article has no text (field `text` is blank)".to_string());
    }
    let published = match string_field(&mut object, "published")? {
        Some(raw) => Some(
            crate::dates::normalize_published(&raw)
                .ok_or_else(|| format!("field `published`: cannot read `{raw}` as a date"))?,
        ),
        None => None,
    };
    let id = match object.remove("id") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(id)) => id,
        Some(Value::Number(id)) => id.to_string(),
        Some(other) => return Err(format!("field `id` must be a string or number, found {}", kind(&other))),
    };
    let article = Article {
        id,
        url: string_field(&mut object, "url")?,
        source: string_field(&mut object, "source")?,
        title: string_field(&mut object, "title")?,
        published,
        text,
        origin: None,
    };
    Ok(finish_article(article, path, "jsonl", record, opts))
}

fn string_field(object: &mut Map<String, Value>, name: &str) -> Result<Option<String>, String> {
    match object.remove(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(value)) => Ok(Some(value)),
        Some(other) => Err(format!("field `{name}` must be a string, found {}", kind(&other))),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Vec<Result<Article, ReadError>> {
        JsonlReader::new(bytes, "a.jsonl", &ReadOptions::default()).collect()
    }

    #[test]
    fn reads_lines_and_skips_blank_ones() {
        let input = b"{\"id\":\"x1\",\"title\":\"T\",\"text\":\"Body one.\",\"published\":\"2026-02-05\",\"extra\":[1]}\n\n{\"text\":\"Body two.\",\"id\":42,\"url\":null}\r\n";
        let articles: Vec<Article> = read(input).into_iter().map(Result::unwrap).collect();
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].id, "x1");
        assert_eq!(articles[0].published.as_deref(), Some("2026-02-05"));
        assert_eq!(articles[0].origin.as_ref().unwrap().record, Some(1));
        assert_eq!(articles[1].id, "42");
        assert_eq!(articles[1].url, None);
        assert_eq!(articles[1].origin.as_ref().unwrap().record, Some(3), "record = line number");
    }

    #[test]
    fn a_bad_line_fails_alone() {
        let input = b"{\"text\":\"ok\"}\n{\"text\": \"cut\n{\"title\":\"no text\"}\n[1]\n{\"text\":\"  \"}\n{\"text\":5}\n{\"text\":\"fine\",\"published\":\"someday\"}\n{\"text\":\"last\"}";
        let results = read(input);
        let messages: Vec<String> = results
            .iter()
            .map(|result| match result {
                Ok(article) => format!("ok {}", article.text),
                Err(error) => error.to_string(),
            })
            .collect();
        assert_eq!(
            messages,
            [
                "ok ok",
                "a.jsonl:2: invalid JSON: EOF while parsing a string (column 13)",
                "a.jsonl:3: missing required field `text`",
                "a.jsonl:4: expected a JSON object, found an array",
                "a.jsonl:5: article has no text (field `text` is blank)",
                "a.jsonl:6: field `text` must be a string, found a number",
                "a.jsonl:7: field `published`: cannot read `someday` as a date",
                "ok last",
            ]
        );
    }

    #[test]
    fn invalid_utf8_names_line_and_offset() {
        let results = read(b"{\"text\":\"fine\"}\n{\"text\":\"caf\xe9\"}\n");
        assert_eq!(results[1].as_ref().unwrap_err().to_string(), "a.jsonl:2: not valid UTF-8 at byte offset 28");
    }

    #[test]
    fn empty_and_binary_inputs() {
        assert_eq!(read(b"").pop().unwrap().unwrap_err().to_string(), "a.jsonl: empty file");
        assert_eq!(read(b"\n\n  \n").pop().unwrap().unwrap_err().to_string(), "a.jsonl: empty file");
        let binary = read(b"{\"te\x00\x01");
        assert_eq!(binary.len(), 1);
        assert!(binary[0].as_ref().unwrap_err().cause.starts_with("binary file"));
    }

    #[test]
    fn json_array_mode() {
        let results = read(b"\xef\xbb\xbf [ {\"text\":\"a\"}, {\"title\":\"b\"} ]");
        assert_eq!(results[0].as_ref().unwrap().origin.as_ref().unwrap().record, Some(1));
        assert_eq!(results[1].as_ref().unwrap_err().to_string(), "a.jsonl (record 2): missing required field `text`");
        assert_eq!(read(b"[]")[0].as_ref().unwrap_err().cause, "JSON array holds no records");
        assert!(
            read(b"[{\"text\":\"a\"},\n{")[0].as_ref().unwrap_err().to_string().starts_with("a.jsonl:2: invalid JSON")
        );
    }
}
