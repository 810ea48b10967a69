//! The readers on the project's shared data (skipped with a reason when it is absent; see attache-testkit).

use attache_readers::{Format, InputSource, ReadOptions, parse_bytes, read_source};

#[test]
fn acceptance_article_reads_as_title_and_body() {
    let Some(path) = attache_testkit::shared_path("corpus/sino-us-call/article.txt") else { return };
    let opts = ReadOptions { published: Some("2026-02-05".into()), source: None };
    let results: Vec<_> = read_source(&InputSource::File(path.clone()), &opts).collect();
    assert_eq!(results.len(), 1);
    let article = results[0].as_ref().unwrap();
    assert_eq!(article.title.as_deref(), Some("Tangible steps urged to boost Sino-US ties"));
    assert_eq!(article.published.as_deref(), Some("2026-02-05"));
    assert!(article.text.starts_with("In a significant diplomatic development"));
    let raw = std::fs::read_to_string(&path).unwrap();
    let body_start = raw.find("In a significant").unwrap();
    assert_eq!(article.text, raw[body_start..].trim_end(), "body verbatim");
    assert!(article.text.contains("\n\n"), "paragraph breaks preserved");
}

#[test]
fn petrarch_unit_test_records_all_read() {
    let Some(path) = attache_testkit::shared_path("data/petrarch/PETR.UnitTest.records.xml") else { return };
    let bytes = std::fs::read(&path).unwrap();
    let results = parse_bytes(&bytes, Format::PetrarchXml, "PETR.UnitTest.records.xml", &ReadOptions::default());
    let errors: Vec<String> = results.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(results.len(), 284, "one article per <Sentence>: the unit-test ids do not follow STORY_n");
    let first = results[0].as_ref().unwrap();
    assert_eq!(first.id, "DEMO-00");
    assert_eq!(first.published.as_deref(), Some("1995-01-01"));
    assert!(first.text.starts_with("Arnor is about to restore full diplomatic ties with Gondor"));
    assert!(!first.text.contains("(ROOT"), "parses ignored");
    let last = results.last().unwrap().as_ref().unwrap();
    assert_eq!(last.id, "FINAL-RECORD");
    assert_eq!(last.origin.as_ref().unwrap().record, Some(284));
}
