//! Which reader an input needs: by file extension first, by sniffing its first bytes otherwise.

use crate::Format;
use std::path::Path;

/// File extensions a directory walk picks up (lower case, without the dot).
pub const KNOWN_EXTENSIONS: [&str; 10] =
    ["txt", "text", "html", "htm", "xml", "rss", "atom", "jsonl", "ndjson", "json"];

/// Chooses a format by extension and, for standard input, unknown extensions and `.xml`-like files that could
/// be either a feed or PETRARCH XML, by sniffing `head` (the first bytes of the input; a few KiB suffice).
pub fn detect_format(path: Option<&Path>, head: &[u8]) -> Option<Format> {
    let extension =
        path.and_then(|path| path.extension()).and_then(|extension| extension.to_str()).map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("txt" | "text") => Some(Format::Txt),
        Some("html" | "htm" | "xhtml") => Some(Format::Html),
        Some("jsonl" | "ndjson" | "json") => Some(Format::Jsonl),
        Some("rss" | "atom") => Some(Format::Feed),
        Some("xml") => match sniff_markup(&sniff_text(head)) {
            Some(Format::Html) | None => None,
            found => found,
        },
        _ => sniff(head),
    }
}

/// The head as lower-case text with any byte-order mark and leading whitespace removed (UTF-16 decoded).
fn sniff_text(head: &[u8]) -> String {
    let text = match encoding_rs::Encoding::for_bom(head) {
        Some((encoding, bom_len)) => encoding.decode_without_bom_handling(&head[bom_len..]).0.into_owned(),
        None => String::from_utf8_lossy(head).into_owned(),
    };
    text.trim_start().to_lowercase()
}

fn sniff(head: &[u8]) -> Option<Format> {
    let text = sniff_text(head);
    match text.chars().next()? {
        '{' | '[' => Some(Format::Jsonl),
        '<' => sniff_markup(&text),
        _ if crate::decode::check_text_like(head).is_ok() => Some(Format::Txt),
        _ => None,
    }
}

/// Tells a feed, PETRARCH XML and HTML apart by the first element (skipping declarations and comments), then by
/// tell-tale elements anywhere in the head.
fn sniff_markup(text: &str) -> Option<Format> {
    if let Some(root) = first_element_name(text) {
        match root.as_str() {
            "rss" | "feed" | "rdf:rdf" | "rdf" => return Some(Format::Feed),
            "sentences" | "sentence" => return Some(Format::PetrarchXml),
            "html" | "head" | "body" | "article" | "div" | "p" | "main" | "meta" | "title" => {
                return Some(Format::Html);
            }
            _ => {}
        }
    }
    if text.contains("<sentence ") || text.contains("<sentences>") {
        Some(Format::PetrarchXml)
    } else if text.contains("<rss") || text.contains("<feed") || text.contains("<channel>") {
        Some(Format::Feed)
    } else if text.starts_with("<!doctype html") || text.contains("<html") || text.contains("<body") {
        Some(Format::Html)
    } else {
        None
    }
}

fn first_element_name(text: &str) -> Option<String> {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            rest = &after[after.find("?>")? + 2..];
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
        } else if rest.starts_with("<!doctype html") {
            return Some("html".to_string());
        } else if let Some(after) = rest.strip_prefix("<!") {
            rest = &after[after.find('>')? + 1..];
        } else if let Some(after) = rest.strip_prefix('<') {
            let name: String =
                after.chars().take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.')).collect();
            return (!name.is_empty()).then_some(name);
        } else {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_name(name: &str, head: &str) -> Option<Format> {
        detect_format(Some(Path::new(name)), head.as_bytes())
    }

    #[test]
    fn extensions_decide_when_they_can() {
        assert_eq!(by_name("a.TXT", "<html>"), Some(Format::Txt));
        assert_eq!(by_name("a.htm", "anything"), Some(Format::Html));
        assert_eq!(by_name("a.ndjson", ""), Some(Format::Jsonl));
        assert_eq!(by_name("a.json", "[{}]"), Some(Format::Jsonl));
        assert_eq!(by_name("a.rss", ""), Some(Format::Feed));
    }

    #[test]
    fn xml_is_sniffed_between_feed_and_petrarch() {
        let feed = "<?xml version=\"1.0\"?>\n<!-- generator -->\n<rss version=\"2.0\"><channel>";
        assert_eq!(by_name("news.xml", feed), Some(Format::Feed));
        assert_eq!(by_name("news.xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\">"), Some(Format::Feed));
        assert_eq!(by_name("s.xml", "<Sentences>\n<Sentence date=\"20260205\">"), Some(Format::PetrarchXml));
        let unit = "<Validation>\n<!-- c -->\n<Environment></Environment>\n<Sentences>";
        assert_eq!(by_name("s.xml", unit), Some(Format::PetrarchXml));
        assert_eq!(by_name("other.xml", "<catalog><book/></catalog>"), None);
    }

    #[test]
    fn stdin_and_unknown_extensions_are_sniffed() {
        assert_eq!(detect_format(None, b"\xef\xbb\xbf  {\"text\":\"x\"}"), Some(Format::Jsonl));
        assert_eq!(detect_format(None, b"<!DOCTYPE html><html>"), Some(Format::Html));
        assert_eq!(detect_format(None, b"<rss version=\"2.0\">"), Some(Format::Feed));
        assert_eq!(detect_format(None, b"A title\n\nSome body."), Some(Format::Txt));
        assert_eq!(by_name("notes.md", "# heading\n\ntext"), Some(Format::Txt));
        assert_eq!(detect_format(None, b"\x89PNG\r\n\x1a\n\x00\x00"), None);
        assert_eq!(detect_format(None, b""), None);
    }
}
