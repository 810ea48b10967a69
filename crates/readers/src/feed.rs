//! RSS and Atom feeds: one article per item or entry, parsed by `feed-rs`.
//!
//! Text is the item's full content (`content:encoded`, Atom `<content>`) or else its description/summary, with
//! HTML reduced to text. Dates come from `pubDate`/`dc:date`/`published`, else `updated`; the id from
//! `guid`/`id`; the link from the first alternate link; the source is [`ReadOptions::source`] when given, else the
//! channel title.

use crate::decode;
use crate::{ReadError, ReadOptions, finish_article};
use attache_doc::Article;
use feed_rs::model::{Entry, FeedType, Text};
use std::sync::{Arc, Mutex};

pub fn parse(bytes: &[u8], path: &str, opts: &ReadOptions) -> Vec<Result<Article, ReadError>> {
    let text = match decode::decode(bytes, decode::declared_charset(bytes)) {
        Ok(text) => text,
        Err(cause) => return vec![Err(ReadError::whole(path, cause))],
    };
    // The text is UTF-8 now: drop the declaration so the XML reader does not decode it a second time.
    let xml = decode::strip_xml_declaration(&text);

    // feed-rs hands dates over as UTC instants, which would lose the publisher's offset (and so, near midnight,
    // the local date). Our own parser runs on the raw text instead, keeps the normalised string, and gives
    // feed-rs the string's *index* disguised as a timestamp, which is mapped back below.
    let dates = Arc::new(Mutex::new(Vec::<String>::new()));
    let seen = Arc::clone(&dates);
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_links, _title, _uri| String::new())
        .timestamp_parser(move |raw| {
            let normalised = crate::dates::normalize_published(raw)?;
            let mut seen = seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            seen.push(normalised);
            chrono::DateTime::from_timestamp(seen.len() as i64 - 1, 0)
        })
        .build();
    let feed = match parser.parse(xml.as_bytes()) {
        Ok(feed) => feed,
        Err(error) => return vec![Err(ReadError::whole(path, format!("not a readable RSS or Atom feed: {error}")))],
    };
    if feed.entries.is_empty() {
        return vec![Err(ReadError::whole(path, "feed has no items"))];
    }
    let dates = dates.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
    let date_at = |instant: chrono::DateTime<chrono::Utc>| {
        usize::try_from(instant.timestamp()).ok().and_then(|index| dates.get(index)).cloned()
    };
    let format = match feed.feed_type {
        FeedType::Atom => "atom",
        FeedType::JSON => "json-feed",
        FeedType::RSS0 | FeedType::RSS1 | FeedType::RSS2 => "rss",
    };
    let html_by_default = format != "atom";
    let channel_title = feed.title.as_ref().map(|title| text_of(title, false)).filter(|title| !title.is_empty());
    let item_opts = ReadOptions { published: opts.published.clone(), source: opts.source.clone().or(channel_title) };
    feed.entries
        .into_iter()
        .zip(1u64..)
        .map(|(entry, record)| {
            let body = entry_text(&entry, html_by_default);
            if body.is_empty() {
                return Err(ReadError::at_record(
                    path,
                    record,
                    "item has no text (no content, description or summary)",
                ));
            }
            let article = Article {
                id: entry.id.trim().to_string(),
                url: entry_link(&entry),
                source: None,
                title: entry.title.as_ref().map(|title| text_of(title, false)),
                published: entry.published.or(entry.updated).and_then(date_at),
                text: body,
                origin: None,
            };
            Ok(finish_article(article, path, format, Some(record), &item_opts))
        })
        .collect()
}

/// Full content when it has text, else the summary.
fn entry_text(entry: &Entry, html_by_default: bool) -> String {
    let content = entry.content.as_ref().and_then(|content| {
        let body = content.body.as_deref()?;
        let subtype = content.content_type.subty().as_str().to_ascii_lowercase();
        Some(if subtype == "plain" && !html_by_default { body.trim().to_string() } else { html_to_text(body) })
    });
    content
        .filter(|text| !text.is_empty())
        .or_else(|| entry.summary.as_ref().map(|summary| text_of(summary, html_by_default)))
        .unwrap_or_default()
}

/// A feed text construct as plain text. RSS says nothing of a description's type and nearly always carries HTML
/// in it, so `html_by_default` treats "text/plain" as HTML there; Atom declares its type.
fn text_of(text: &Text, html_by_default: bool) -> String {
    let subtype = text.content_type.subty().as_str().to_ascii_lowercase();
    if subtype == "plain" && !html_by_default { text.content.trim().to_string() } else { html_to_text(&text.content) }
}

fn html_to_text(html: &str) -> String {
    if html.contains(['<', '&']) {
        crate::html::fragment_to_text(html)
    } else {
        html.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

fn entry_link(entry: &Entry) -> Option<String> {
    entry
        .links
        .iter()
        .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or(entry.links.first())
        .map(|link| link.href.trim().to_string())
        .filter(|href| !href.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str, opts: &ReadOptions) -> Vec<Result<Article, ReadError>> {
        parse(xml.as_bytes(), "news.rss", opts)
    }

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example World News</title><link>https://example.org/</link><description>World</description>
<item><title>Talks &amp; trade</title><link>https://example.org/1</link><guid isPermaLink="false">ex-1</guid>
<pubDate>Thu, 05 Feb 2026 01:30:00 +0800</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Full text, first paragraph.</p><p>Second <b>paragraph</b>.</p><script>track()</script>]]></content:encoded></item>
<item><title>Only a description</title><link>https://example.org/2</link>
<dc:date>2026-02-04T23:00:00-05:00</dc:date>
<description>&lt;p&gt;Escaped &amp;amp; HTML description.&lt;/p&gt;</description></item>
<item><title>Empty</title><pubDate>garbage</pubDate></item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_articles() {
        let results = read(RSS, &ReadOptions::default());
        assert_eq!(results.len(), 3);
        let first = results[0].as_ref().unwrap();
        assert_eq!(first.id, "ex-1");
        assert_eq!(first.title.as_deref(), Some("Talks & trade"));
        assert_eq!(first.text, "Full text, first paragraph.\n\nSecond paragraph.");
        assert_eq!(first.published.as_deref(), Some("2026-02-05T01:30:00+08:00"), "offset kept, local date kept");
        assert_eq!(first.url.as_deref(), Some("https://example.org/1"));
        assert_eq!(first.source.as_deref(), Some("Example World News"));
        let origin = first.origin.as_ref().unwrap();
        assert_eq!((origin.format.as_str(), origin.record), ("rss", Some(1)));
        let second = results[1].as_ref().unwrap();
        assert_eq!(second.id, "", "no guid: attache-doc derives the id");
        assert_eq!(second.text, "Escaped & HTML description.");
        assert_eq!(second.published.as_deref(), Some("2026-02-04T23:00:00-05:00"));
        assert_eq!(
            results[2].as_ref().unwrap_err().to_string(),
            "news.rss (record 3): item has no text (no content, description or summary)"
        );
    }

    #[test]
    fn options_override_the_channel_title() {
        let opts = ReadOptions { source: Some("My Source".into()), published: Some("2026-01-01".into()) };
        let results = read(RSS, &opts);
        let second = results[1].as_ref().unwrap();
        assert_eq!(second.source.as_deref(), Some("My Source"));
        assert_eq!(second.published.as_deref(), Some("2026-02-04T23:00:00-05:00"), "own date wins");
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Atom Wire</title><id>urn:feed</id>
<updated>2026-02-05T10:00:00Z</updated>
<entry><title type="html">A &lt;em&gt;headline&lt;/em&gt;</title><id>urn:entry:1</id>
<link rel="alternate" href="https://example.net/e1"/><link rel="related" href="https://example.net/other"/>
<updated>2026-02-05T10:00:00Z</updated><published>2026-02-05T09:00:00+01:00</published>
<summary type="text">Plain summary
 on two lines.</summary></entry>
<entry><title>Second</title><id>urn:entry:2</id><updated>2026-02-05T11:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Xhtml body one.</p><p>Body two.</p></div></content></entry>
</feed>"#;
        let results = read(atom, &ReadOptions::default());
        let first = results[0].as_ref().unwrap();
        assert_eq!(first.title.as_deref(), Some("A headline"));
        assert_eq!(first.id, "urn:entry:1");
        assert_eq!(first.url.as_deref(), Some("https://example.net/e1"));
        assert_eq!(first.published.as_deref(), Some("2026-02-05T09:00:00+01:00"));
        assert_eq!(first.text, "Plain summary\n on two lines.");
        assert_eq!(first.origin.as_ref().unwrap().format, "atom");
        let second = results[1].as_ref().unwrap();
        assert_eq!(second.text, "Xhtml body one.\n\nBody two.");
        assert_eq!(second.published.as_deref(), Some("2026-02-05T11:00:00+00:00"), "updated when not published");
    }

    #[test]
    fn bad_feeds_are_refused() {
        let no_items = "<rss version=\"2.0\"><channel><title>Quiet</title></channel></rss>";
        assert_eq!(read(no_items, &ReadOptions::default())[0].as_ref().unwrap_err().cause, "feed has no items");
        let broken = "<rss version=\"2.0\"><channel><item><title>x</title></channel></rss>";
        let error = read(broken, &ReadOptions::default()).remove(0).unwrap_err();
        assert!(error.cause.starts_with("not a readable RSS or Atom feed"), "{error}");
        let not_feed = "<catalog><book/></catalog>";
        assert!(read(not_feed, &ReadOptions::default())[0].as_ref().unwrap_err().cause.starts_with("not a readable"));
    }

    #[test]
    fn declared_latin1_feed() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>C</title><item><description>Caf\xe9 politics</description></item></channel></rss>";
        let results = parse(bytes, "f.xml", &ReadOptions::default());
        assert_eq!(results[0].as_ref().unwrap().text, "Café politics");
    }
}
