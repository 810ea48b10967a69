//! Plain text articles.
//!
//! Layout (see `docs/input-formats.md`):
//!
//! ```text
//! Title on the first non-blank line
//! published: 2026-02-05          <- optional header lines, right after the title
//! source: Example Daily             (keys: published/date, source, url, id; any case)
//!
//! Body, verbatim from its first non-blank line to the end (trailing whitespace trimmed).
//! ```
//!
//! The first line is a title only when a header line or a blank line follows it *and* a body follows; a file
//! whose first two lines are both ordinary text (a wrapped paragraph) or that has a single paragraph is all body.

use crate::{ReadError, ReadOptions, finish_article};
use attache_doc::Article;

const HEADER_KEYS: [&str; 5] = ["published", "date", "source", "url", "id"];

pub fn parse(text: &str, path: &str, opts: &ReadOptions) -> Result<Article, ReadError> {
    let lines = Lines::new(text);
    let mut lines = lines.skip_while(|line| line.text.trim().is_empty()).peekable();
    let Some(first) = lines.next() else { return Err(ReadError::whole(path, "article has no text")) };

    let mut article = Article::default();
    let mut saw_header = false;
    let body_start;
    loop {
        let Some(line) = lines.peek() else {
            // Title-like first line with nothing after it (or only headers): no body.
            if saw_header {
                return Err(ReadError::whole(path, "article has no text (only a title and headers)"));
            }
            body_start = first.start;
            break;
        };
        if line.text.trim().is_empty() {
            lines.next();
            let rest = lines.find(|line| !line.text.trim().is_empty());
            match rest {
                Some(body) => {
                    article.title = Some(first.text.trim().to_string());
                    body_start = body.start;
                }
                None if saw_header => {
                    return Err(ReadError::whole(path, "article has no text (only a title and headers)"));
                }
                None => body_start = first.start,
            }
            break;
        }
        match header(line.text) {
            Some((key, value)) => {
                apply_header(&mut article, &key, value, path, line.number)?;
                saw_header = true;
                lines.next();
            }
            None if saw_header => {
                // Headers end at the first line that is not one; the body starts there.
                article.title = Some(first.text.trim().to_string());
                body_start = line.start;
                break;
            }
            None => {
                body_start = first.start;
                break;
            }
        }
    }
    let body = text[body_start..].trim_end();
    if body.trim().is_empty() {
        return Err(ReadError::whole(path, "article has no text"));
    }
    article.text = body.to_string();
    Ok(finish_article(article, path, "txt", None, opts))
}

fn header(line: &str) -> Option<(String, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim().to_ascii_lowercase();
    HEADER_KEYS.contains(&key.as_str()).then(|| (key, value.trim()))
}

fn apply_header(article: &mut Article, key: &str, value: &str, path: &str, line: u64) -> Result<(), ReadError> {
    if value.is_empty() {
        return Err(ReadError::at_line(path, line, format!("header `{key}` has no value")));
    }
    let twice = || ReadError::at_line(path, line, format!("header `{key}` given twice"));
    match key {
        "id" if !article.id.is_empty() => return Err(twice()),
        "id" => article.id = value.to_string(),
        "published" | "date" if article.published.is_some() => return Err(twice()),
        "published" | "date" => {
            let published = crate::dates::normalize_published(value).ok_or_else(|| {
                ReadError::at_line(path, line, format!("cannot read `{value}` as a date (write e.g. 2026-02-05)"))
            })?;
            article.published = Some(published);
        }
        _ => {
            let slot = if key == "source" { &mut article.source } else { &mut article.url };
            if slot.is_some() {
                return Err(twice());
            }
            *slot = Some(value.to_string());
        }
    }
    Ok(())
}

struct Line<'a> {
    text: &'a str,
    start: usize,
    number: u64,
}

/// Lines with their byte offsets and 1-based numbers (`\n` or `\r\n` endings, not included in `text`).
struct Lines<'a> {
    text: &'a str,
    position: usize,
    number: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines { text, position: 0, number: 0 }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;
    fn next(&mut self) -> Option<Line<'a>> {
        if self.position >= self.text.len() {
            return None;
        }
        let start = self.position;
        let rest = &self.text[start..];
        let end = rest.find('\n').map_or(self.text.len(), |i| start + i);
        self.position = end + 1;
        self.number += 1;
        let line = self.text[start..end].strip_suffix('\r').unwrap_or(&self.text[start..end]);
        Some(Line { text: line, start, number: self.number })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Article, ReadError> {
        parse(text, "a.txt", &ReadOptions::default())
    }

    #[test]
    fn title_blank_line_body() {
        let article = read("A headline\n\nFirst paragraph.\n\nSecond paragraph.\n").unwrap();
        assert_eq!(article.title.as_deref(), Some("A headline"));
        assert_eq!(article.text, "First paragraph.\n\nSecond paragraph.");
        let origin = article.origin.unwrap();
        assert_eq!((origin.path.as_str(), origin.format.as_str(), origin.record), ("a.txt", "txt", None));
        assert!(article.id.is_empty(), "no id in the input: attache-doc derives one");
    }

    #[test]
    fn headers_after_the_title() {
        let text = "Talks resume\r\nPublished: Thu, 05 Feb 2026 09:30:00 +0800\r\nSOURCE: Example Daily\r\nurl: https://example.org/a\r\nid: ex-1\r\n\r\n  Indented body line.\r\nSecond line.\r\n";
        let article = read(text).unwrap();
        assert_eq!(article.title.as_deref(), Some("Talks resume"));
        assert_eq!(article.published.as_deref(), Some("2026-02-05T09:30:00+08:00"));
        assert_eq!(article.source.as_deref(), Some("Example Daily"));
        assert_eq!(article.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(article.id, "ex-1");
        assert_eq!(article.text, "  Indented body line.\r\nSecond line.");
    }

    #[test]
    fn body_may_follow_headers_directly() {
        let article = read("Title\ndate: 2026-02-05\nBody right away.\n").unwrap();
        assert_eq!(article.title.as_deref(), Some("Title"));
        assert_eq!(article.text, "Body right away.");
    }

    #[test]
    fn untitled_text_is_all_body() {
        let one_line = read("China and the United States agreed to talk.\n").unwrap();
        assert_eq!(one_line.title, None);
        assert_eq!(one_line.text, "China and the United States agreed to talk.");
        let wrapped = read("A paragraph wrapped\nover two lines.\n\nAnother one.").unwrap();
        assert_eq!(wrapped.title, None);
        assert_eq!(wrapped.text, "A paragraph wrapped\nover two lines.\n\nAnother one.");
        let colon = read("Beijing: officials met on Monday.\nThey said little.").unwrap();
        assert_eq!(colon.title, None, "an unknown key is not a header");
    }

    #[test]
    fn fallbacks_apply_only_when_the_file_has_none() {
        let opts = ReadOptions { published: Some("2026-02-05".into()), source: Some("Wire".into()) };
        let article = parse("T\nsource: Own\n\nBody.", "a.txt", &opts).unwrap();
        assert_eq!(article.source.as_deref(), Some("Own"));
        assert_eq!(article.published.as_deref(), Some("2026-02-05"));
    }

    #[test]
    fn bad_inputs_are_named() {
        assert_eq!(read("\n \n").unwrap_err().cause, "article has no text");
        let error = read("Title\npublished: last week\n\nBody").unwrap_err();
        assert_eq!(error.to_string(), "a.txt:2: cannot read `last week` as a date (write e.g. 2026-02-05)");
        let error = read("Title\nsource: A\nsource: B\n\nBody").unwrap_err();
        assert_eq!(error.to_string(), "a.txt:3: header `source` given twice");
        assert!(read("Title\nsource: A\n").unwrap_err().cause.starts_with("article has no text"));
    }
}
