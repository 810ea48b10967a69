//! PETRARCH-style XML: `<Sentences><Sentence date="YYYYMMDD" id="…" source="…"><Text>…</Text></Sentence>…`.
//!
//! Every `<Sentence>` anywhere in the document is a record; only its `date`, `id` and `source` attributes and its
//! `<Text>` are read (`<Parse>`, `<EventCoding>`, comments and any other element are ignored). The text's line
//! wrapping is layout, so whitespace runs become single spaces.
//!
//! Story merging: consecutive records whose ids follow PETRARCH's `storyString_sentNumber` convention
//! (`STORY_1`, `STORY_2`, …: a prefix, `_`, digits) with the same prefix, date and source and rising numbers are
//! one story, read as one article with id `STORY`, its sentences separated by blank lines (so each stays its own
//! paragraph and sentence). Any other id (`DEMO-01`) is an article on its own, as is a lone `STORY_7`.
//!
//! Tolerated: bare `&` in text, unknown entities (kept as written), missing attributes (no date → the fallback
//! date). Refused: XML that does not parse (records before the fault are kept), a document without any
//! `<Sentence>`, and records without text or with a date that is not `YYYYMMDD`.

use crate::decode;
use crate::{ReadError, ReadOptions, finish_article};
use attache_doc::Article;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

pub fn parse(bytes: &[u8], path: &str, opts: &ReadOptions) -> Vec<Result<Article, ReadError>> {
    let text = match decode::decode(bytes, decode::declared_charset(bytes)) {
        Ok(text) => text,
        Err(cause) => return vec![Err(ReadError::whole(path, cause))],
    };
    let xml = decode::strip_xml_declaration(&text);
    let mut lines = LineCounter::new(&text, text.len() - xml.len());
    let (records, fault) = read_records(xml, path, &mut lines);
    let mut results = merge_stories(records, path, opts);
    if let Some(fault) = fault {
        results.push(Err(fault));
    } else if results.is_empty() {
        results.push(Err(ReadError::whole(path, "no <Sentence> records (is this PETRARCH XML?)")));
    }
    results
}

/// One `<Sentence>` as read.
struct Record {
    number: u64,
    line: u64,
    id: Option<String>,
    date: Option<String>,
    source: Option<String>,
    text: Option<String>,
}

fn read_records(xml: &str, path: &str, lines: &mut LineCounter) -> (Vec<Record>, Option<ReadError>) {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().allow_dangling_amp = true;
    let mut records = Vec::new();
    let mut open_elements: Vec<String> = Vec::new();
    let mut current: Option<Record> = None;
    let mut in_text = false;
    let fault = |lines: &mut LineCounter, position: u64, cause: String| {
        Some(ReadError::at_line(path, lines.line_at(position as usize), cause))
    };
    loop {
        let position = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let at = reader.error_position();
                return (records, fault(lines, at, format!("XML does not parse: {error}")));
            }
        };
        match event {
            Event::Start(start) => {
                let name = element_name(&start);
                if name == "Sentence" {
                    if current.is_some() {
                        return (records, fault(lines, position, "a <Sentence> inside another <Sentence>".into()));
                    }
                    current = Some(new_record(&start, records.len() as u64 + 1, lines.line_at(position as usize)));
                } else if name == "Text" && current.is_some() {
                    in_text = true;
                    if let Some(record) = current.as_mut() {
                        record.text.get_or_insert_with(String::new);
                    }
                }
                open_elements.push(name);
            }
            Event::Empty(start) if element_name(&start) == "Sentence" && current.is_none() => {
                records.push(new_record(&start, records.len() as u64 + 1, lines.line_at(position as usize)));
            }
            Event::End(end) => {
                let name = end.name().local_name().as_ref().to_string();
                open_elements.pop();
                if name == "Text" {
                    in_text = false;
                } else if name == "Sentence"
                    && let Some(record) = current.take()
                {
                    records.push(record);
                }
            }
            Event::Text(text) if in_text => push_text(&mut current, &text.html_content()),
            Event::CData(data) if in_text => push_text(&mut current, &data.html_content()),
            Event::GeneralRef(reference) if in_text => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match &*reference {
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "amp" => "&".to_string(),
                        "apos" => "'".to_string(),
                        "quot" => "\"".to_string(),
                        other => format!("&{other};"),
                    },
                };
                push_text(&mut current, &resolved);
            }
            Event::Eof => {
                if let Some(open) = open_elements.last() {
                    let cause = format!("XML ends before <{open}> is closed (truncated file?)");
                    return (records, fault(lines, position, cause));
                }
                return (records, None);
            }
            _ => {}
        }
    }
}

fn element_name(start: &BytesStart<'_>) -> String {
    start.name().local_name().as_ref().to_string()
}

fn new_record(start: &BytesStart<'_>, number: u64, line: u64) -> Record {
    let mut record = Record { number, line, id: None, date: None, source: None, text: None };
    for attribute in start.attributes().with_checks(false).flatten() {
        let key = attribute.key.local_name().as_ref().to_ascii_lowercase();
        let value =
            attribute.normalized_value(XmlVersion::Implicit1_0).map(|v| v.trim().to_string()).unwrap_or_default();
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "id" => record.id = Some(value),
            "date" => record.date = Some(value),
            "source" => record.source = Some(value),
            _ => {}
        }
    }
    record
}

fn push_text(current: &mut Option<Record>, text: &str) {
    if let Some(record) = current.as_mut() {
        record.text.get_or_insert_with(String::new).push_str(text);
    }
}

/// `STORY_12` → (`STORY`, 12).
fn story_key(id: &str) -> Option<(&str, u64)> {
    let (prefix, number) = id.rsplit_once('_')?;
    if prefix.is_empty() || number.is_empty() || number.len() > 9 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((prefix, number.parse().ok()?))
}

/// A record checked: its text (whitespace collapsed) and normalised date, or its error.
struct Checked {
    record: Record,
    text: String,
    date: Option<String>,
}

fn check(record: Record, path: &str) -> Result<Checked, ReadError> {
    let error = |cause: String| ReadError {
        path: path.to_string(),
        record: Some(record.number),
        line: Some(record.line),
        cause: match &record.id {
            Some(id) => format!("<Sentence id=\"{id}\">: {cause}"),
            None => cause,
        },
    };
    let text = record.text.as_deref().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        let cause = if record.text.is_none() { "no <Text> element" } else { "article has no text (<Text> is empty)" };
        return Err(error(cause.to_string()));
    }
    let date = match &record.date {
        Some(raw) => Some(
            crate::dates::normalize_published(raw)
                .ok_or_else(|| error(format!("date `{raw}` is not a date (PETRARCH writes YYYYMMDD)")))?,
        ),
        None => None,
    };
    Ok(Checked { record, text, date })
}

fn merge_stories(records: Vec<Record>, path: &str, opts: &ReadOptions) -> Vec<Result<Article, ReadError>> {
    let mut results = Vec::new();
    let mut story: Vec<Checked> = Vec::new();
    for record in records {
        let checked = match check(record, path) {
            Ok(checked) => checked,
            Err(error) => {
                flush_story(&mut story, &mut results, path, opts);
                results.push(Err(error));
                continue;
            }
        };
        let continues = story.last().is_some_and(|last| continues_story(last, &checked));
        if !continues {
            flush_story(&mut story, &mut results, path, opts);
        }
        story.push(checked);
    }
    flush_story(&mut story, &mut results, path, opts);
    results
}

fn continues_story(last: &Checked, next: &Checked) -> bool {
    let (Some((last_prefix, last_number)), Some((next_prefix, next_number))) =
        (last.record.id.as_deref().and_then(story_key), next.record.id.as_deref().and_then(story_key))
    else {
        return false;
    };
    last_prefix == next_prefix
        && next_number > last_number
        && last.date == next.date
        && last.record.source == next.record.source
}

fn flush_story(
    story: &mut Vec<Checked>,
    results: &mut Vec<Result<Article, ReadError>>,
    path: &str,
    opts: &ReadOptions,
) {
    let sentences = std::mem::take(story);
    let Some(first) = sentences.first() else { return };
    let id = if sentences.len() > 1 {
        first.record.id.as_deref().and_then(story_key).map(|(prefix, _)| prefix.to_string())
    } else {
        first.record.id.clone()
    };
    let article = Article {
        id: id.unwrap_or_default(),
        url: None,
        source: first.record.source.clone(),
        title: None,
        published: first.date.clone(),
        text: sentences.iter().map(|sentence| sentence.text.as_str()).collect::<Vec<_>>().join("\n\n"),
        origin: None,
    };
    results.push(Ok(finish_article(article, path, "petrarch-xml", Some(first.record.number), opts)));
}

/// Byte offset → 1-based line, counting forward from the last answer (records come in order).
struct LineCounter<'a> {
    text: &'a str,
    base: usize,
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    /// `base`: where the parsed part starts inside `text`.
    fn new(text: &'a str, base: usize) -> Self {
        LineCounter { text, base, offset: 0, line: 1 }
    }

    fn line_at(&mut self, position: usize) -> u64 {
        let target = (self.base + position).min(self.text.len());
        if target < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        let bytes = &self.text.as_bytes()[self.offset..target];
        self.line += bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        self.offset = target;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> Vec<Result<Article, ReadError>> {
        parse(xml.as_bytes(), "s.xml", &ReadOptions::default())
    }

    #[test]
    fn sentences_become_articles_and_parses_are_ignored() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<Sentences>
<!-- a comment <Text>not this</Text> -->
<Sentence date = "20260205" id = "T-01" source = "Wire" sentence = "true">
<EventCoding sourcecode="AAA" targetcode="BBB" eventcode="042"></EventCoding>
<Text>
Ministers of Ruritania met their Freedonian
counterparts &amp; talked trade.
</Text>
<Parse>(ROOT (S (NP (NNP Ministers))))</Parse>
</Sentence>
<Sentence date="20260206" id="T-02"><Text><![CDATA[A second & separate <record>.]]></Text></Sentence>
</Sentences>"#;
        let results = read(xml);
        assert_eq!(results.len(), 2);
        let first = results[0].as_ref().unwrap();
        assert_eq!(first.id, "T-01");
        assert_eq!(first.text, "Ministers of Ruritania met their Freedonian counterparts & talked trade.");
        assert_eq!(first.published.as_deref(), Some("2026-02-05"));
        assert_eq!(first.source.as_deref(), Some("Wire"));
        let origin = first.origin.as_ref().unwrap();
        assert_eq!((origin.format.as_str(), origin.record), ("petrarch-xml", Some(1)));
        assert_eq!(results[1].as_ref().unwrap().text, "A second & separate <record>.");
    }

    #[test]
    fn consecutive_story_sentences_merge() {
        let xml = r#"<Sentences>
<Sentence date="20260205" id="STORY9_1" source="AFP"><Text>First sentence.</Text></Sentence>
<Sentence date="20260205" id="STORY9_2" source="AFP"><Text>Second sentence.</Text></Sentence>
<Sentence date="20260205" id="STORY9_3" source="AFP"><Text>Third sentence.</Text></Sentence>
<Sentence date="20260205" id="OTHER_1" source="AFP"><Text>Another story.</Text></Sentence>
<Sentence date="20260206" id="OTHER_2" source="AFP"><Text>Other date: not merged.</Text></Sentence>
<Sentence date="20260206" id="OTHER_2" source="AFP"><Text>Same number again: not merged.</Text></Sentence>
</Sentences>"#;
        let articles: Vec<Article> = read(xml).into_iter().map(Result::unwrap).collect();
        let summary: Vec<(&str, &str, Option<u64>)> =
            articles.iter().map(|a| (a.id.as_str(), a.text.as_str(), a.origin.as_ref().unwrap().record)).collect();
        assert_eq!(
            summary,
            [
                ("STORY9", "First sentence.\n\nSecond sentence.\n\nThird sentence.", Some(1)),
                ("OTHER_1", "Another story.", Some(4)),
                ("OTHER_2", "Other date: not merged.", Some(5)),
                ("OTHER_2", "Same number again: not merged.", Some(6)),
            ]
        );
    }

    #[test]
    fn bad_records_fail_alone() {
        let xml = "<Sentences>\n<Sentence date=\"2026\" id=\"A\"><Text>x</Text></Sentence>\n<Sentence id=\"B\"><Text>  </Text></Sentence>\n<Sentence id=\"C\"/>\n<Sentence id=\"D\"><Text>Fine &unknown; text & more</Text></Sentence>\n</Sentences>";
        let results = read(xml);
        let messages: Vec<String> =
            results.iter().map(|r| r.as_ref().map(|a| a.text.clone()).unwrap_or_else(|e| e.to_string())).collect();
        assert_eq!(
            messages,
            [
                "s.xml:2: <Sentence id=\"A\">: date `2026` is not a date (PETRARCH writes YYYYMMDD)",
                "s.xml:3: <Sentence id=\"B\">: article has no text (<Text> is empty)",
                "s.xml:4: <Sentence id=\"C\">: no <Text> element",
                "Fine &unknown; text & more",
            ]
        );
        assert_eq!(results[0].as_ref().unwrap_err().record, Some(1));
    }

    #[test]
    fn broken_xml_keeps_what_came_before() {
        let xml = "<Sentences>\n<Sentence id=\"A\"><Text>Kept.</Text></Sentence>\n<Sentence id=\"B\"><Text>Cut</Sentence>\n</Sentences>";
        let results = read(xml);
        assert_eq!(results[0].as_ref().unwrap().text, "Kept.");
        let error = results[1].as_ref().unwrap_err();
        assert_eq!(error.line, Some(3));
        assert!(error.cause.starts_with("XML does not parse"), "{error}");
        let truncated =
            read("<Sentences>\n<Sentence id=\"A\"><Text>Kept.</Text></Sentence>\n<Sentence id=\"B\"><Text>Cu");
        assert_eq!(truncated.len(), 2);
        assert!(truncated[1].as_ref().unwrap_err().cause.contains("ends before <Text> is closed"));
        assert_eq!(
            read("<Other><x/></Other>")[0].as_ref().unwrap_err().cause,
            "no <Sentence> records (is this PETRARCH XML?)"
        );
    }
}
