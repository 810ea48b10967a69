//! Property tests for every parser: no input makes one panic, cut inputs fail cleanly, and what we write in a
//! format reads back equal.

use attache_doc::Article;
use attache_readers::{Format, ReadError, ReadOptions, detect_format, normalize_published, parse_bytes};
use proptest::prelude::*;
use std::path::Path;

const LABEL: &str = "input";

fn parse(bytes: &[u8], format: Format) -> Vec<Result<Article, ReadError>> {
    parse_bytes(bytes, format, LABEL, &ReadOptions::default())
}

/// What holds for any input: every article has text and names its input, every error names its input.
fn assert_invariants(results: &[Result<Article, ReadError>], format: Format) {
    assert!(!results.is_empty(), "{format}: an input yields at least one article or error");
    for result in results {
        match result {
            Ok(article) => {
                assert!(!article.text.trim().is_empty(), "{format}: article without text");
                assert_eq!(article.origin.as_ref().map(|o| o.path.as_str()), Some(LABEL));
                if let Some(published) = &article.published {
                    assert_eq!(normalize_published(published).as_deref(), Some(published.as_str()), "canonical date");
                }
            }
            Err(error) => {
                assert_eq!(error.path, LABEL);
                assert!(!error.cause.is_empty());
            }
        }
    }
}

fn valid_fixtures() -> Vec<(Format, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut fixtures = Vec::new();
    for dir in ["html", "txt", "feed", "jsonl", "petrarch"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            if let Some(format) = detect_format(Some(&path), &bytes) {
                fixtures.push((format, bytes));
            }
        }
    }
    fixtures
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        for format in Format::ALL {
            assert_invariants(&parse(&bytes, format), format);
        }
        let _ = detect_format(None, &bytes);
    }

    #[test]
    fn markup_like_text_never_panics(text in "[<>/a-zA-Z =\"'!?\\-&;#\\[\\]\n]{0,400}") {
        for format in Format::ALL {
            assert_invariants(&parse(text.as_bytes(), format), format);
        }
    }

    #[test]
    fn dates_never_panic(text in "\\PC{0,40}") {
        if let Some(normal) = normalize_published(&text) {
            prop_assert_eq!(normalize_published(&normal), Some(normal.clone()), "normal form is a fixed point");
        }
    }
}

#[test]
fn truncating_valid_inputs_never_panics() {
    for (format, bytes) in valid_fixtures() {
        // Every cut point for small inputs, a spread of them for large ones.
        let step = (bytes.len() / 400).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            assert_invariants(&parse(&bytes[..cut], format), format);
        }
    }
}

#[test]
fn valid_fixtures_read_without_whole_file_errors() {
    for (format, bytes) in valid_fixtures() {
        let results = parse(&bytes, format);
        assert!(results.iter().any(Result::is_ok), "{format}: {results:?}");
    }
}

/// A date in canonical form (what the readers output), from generated parts.
fn canonical_date() -> impl Strategy<Value = String> {
    (
        1900i32..2100,
        1u32..=12,
        1u32..=28,
        proptest::option::of((0u32..24, 0u32..60, 0u32..60, -12i32..=14, prop::bool::ANY)),
    )
        .prop_map(|(year, month, day, time)| match time {
            None => format!("{year:04}-{month:02}-{day:02}"),
            Some((hour, minute, second, offset_hours, half)) => {
                let minutes = if half && offset_hours != 0 { 30 } else { 0 };
                let sign = if offset_hours < 0 { '-' } else { '+' };
                format!(
                    "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{sign}{:02}:{minutes:02}",
                    offset_hours.abs()
                )
            }
        })
}

/// Text without leading/trailing whitespace or runs of it: what `tidy` leaves alone.
fn tidy_line() -> impl Strategy<Value = String> {
    proptest::collection::vec("[\\p{L}\\p{N}][\\p{L}\\p{N},.'’-]{0,12}", 1..8).prop_map(|words| words.join(" "))
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
struct JsonRecord {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    source: Option<String>,
    text: String,
}

fn json_record() -> impl Strategy<Value = JsonRecord> {
    (
        proptest::option::of("[a-zA-Z0-9:/._-]{1,30}"),
        proptest::option::of("https://[a-z]{1,10}\\.example/[a-z0-9/-]{0,20}"),
        proptest::option::of(tidy_line()),
        proptest::option::of(canonical_date()),
        proptest::option::of(tidy_line()),
        "\\PC*[\\p{L}\\p{N}]\\PC*\n?\\PC*",
    )
        .prop_map(|(id, url, title, published, source, text)| JsonRecord {
            id,
            url,
            title,
            published,
            source,
            text,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn json_lines_written_by_serde_read_back_equal(records in proptest::collection::vec(json_record(), 1..6)) {
        let mut input = String::new();
        for record in &records {
            input.push_str(&serde_json::to_string(record).unwrap());
            input.push('\n');
        }
        let results = parse(input.as_bytes(), Format::Jsonl);
        prop_assert_eq!(results.len(), records.len());
        for (record, result) in records.iter().zip(&results) {
            let article = result.as_ref().unwrap();
            prop_assert_eq!(&article.id, record.id.as_deref().unwrap_or(""));
            prop_assert_eq!(&article.url, &record.url);
            prop_assert_eq!(&article.title, &record.title);
            prop_assert_eq!(&article.published, &record.published);
            prop_assert_eq!(&article.source, &record.source);
            prop_assert_eq!(&article.text, &record.text);
        }
    }

    #[test]
    fn text_files_written_to_the_layout_read_back_equal(
        title in tidy_line(),
        published in proptest::option::of(canonical_date()),
        source in proptest::option::of(tidy_line()),
        paragraphs in proptest::collection::vec(proptest::collection::vec(tidy_line(), 1..4), 1..5),
    ) {
        let body = paragraphs.iter().map(|lines| lines.join("\n")).collect::<Vec<_>>().join("\n\n");
        let mut file = format!("{title}\n");
        if let Some(published) = &published {
            file.push_str(&format!("Published: {published}\n"));
        }
        if let Some(source) = &source {
            file.push_str(&format!("source: {source}\n"));
        }
        file.push('\n');
        file.push_str(&body);
        file.push('\n');
        let article = parse(file.as_bytes(), Format::Txt).remove(0).unwrap();
        prop_assert_eq!(article.title.as_deref(), Some(title.as_str()));
        prop_assert_eq!(article.published, published);
        prop_assert_eq!(article.source, source);
        prop_assert_eq!(article.text, body);
    }

    #[test]
    fn rss_written_with_escaping_reads_back_equal(items in proptest::collection::vec((tidy_line(), tidy_line(), "[a-z0-9-]{1,12}"), 1..5)) {
        let escape = |text: &str| text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        let mut xml = String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Channel</title>");
        for (title, text, guid) in &items {
            xml.push_str(&format!(
                "<item><title>{}</title><guid>{guid}</guid><description>{}</description></item>",
                escape(title),
                escape(&escape(text)),
            ));
        }
        xml.push_str("</channel></rss>");
        let results = parse(xml.as_bytes(), Format::Feed);
        prop_assert_eq!(results.len(), items.len());
        for ((title, text, guid), result) in items.iter().zip(&results) {
            let article = result.as_ref().unwrap();
            prop_assert_eq!(article.title.as_deref(), Some(title.as_str()));
            prop_assert_eq!(&article.text, text);
            prop_assert_eq!(&article.id, guid);
            prop_assert_eq!(article.source.as_deref(), Some("Channel"));
        }
    }

    #[test]
    fn petrarch_records_read_back_equal(records in proptest::collection::vec((tidy_line(), 1950i32..2030, 1u32..=12, 1u32..=28), 1..6)) {
        let escape = |text: &str| text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        let mut xml = String::from("<Sentences>\n");
        for (index, (text, year, month, day)) in records.iter().enumerate() {
            xml.push_str(&format!(
                "<Sentence date=\"{year:04}{month:02}{day:02}\" id=\"REC-{index}\" source=\"S\" sentence=\"true\">\n<Text>\n{}\n</Text>\n<Parse>(ROOT)</Parse>\n</Sentence>\n",
                escape(text)
            ));
        }
        xml.push_str("</Sentences>\n");
        let results = parse(xml.as_bytes(), Format::PetrarchXml);
        prop_assert_eq!(results.len(), records.len());
        for (index, ((text, year, month, day), result)) in records.iter().zip(&results).enumerate() {
            let article = result.as_ref().unwrap();
            prop_assert_eq!(&article.text, text);
            prop_assert_eq!(&article.id, &format!("REC-{index}"));
            let expected_date = format!("{year:04}-{month:02}-{day:02}");
            prop_assert_eq!(article.published.as_deref(), Some(expected_date.as_str()));
        }
    }

    #[test]
    fn html_paragraphs_read_back_equal(paragraphs in proptest::collection::vec(proptest::collection::vec(tidy_line(), 4..8), 1..6)) {
        let escape = |text: &str| text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        let paragraphs: Vec<String> = paragraphs.iter().map(|sentences| sentences.join(", ")).collect();
        let body: String = paragraphs.iter().map(|p| format!("<p>{}</p>\n", escape(p))).collect();
        let page = format!(
            "<!DOCTYPE html><html><head><title>T</title><script>var a = 1;</script></head><body>\
             <nav><a href=\"/\">Home</a></nav><article>{body}</article><footer>Footer text</footer></body></html>"
        );
        let article = parse(page.as_bytes(), Format::Html).remove(0).unwrap();
        prop_assert_eq!(article.text, paragraphs.join("\n\n"));
    }

    #[test]
    fn canonical_dates_are_fixed_points(date in canonical_date()) {
        prop_assert_eq!(normalize_published(&date), Some(date.clone()));
    }
}
