//! Floors on the peers' suites, coded from raw text with each suite's own dictionaries and options. The
//! floors only go up. Run with `FAILURES=1 cargo test -p attache-coder --test suites -- --nocapture` to see
//! every miss.

use attache_coder::eval;
use std::path::Path;

fn reader(dir: &Path) -> impl Fn(&str) -> Result<String, String> + '_ {
    move |name: &str| {
        std::fs::read(dir.join(name))
            .map(|b| attache_dict::decode(&b).into_owned())
            .map_err(|e| format!("{}: {e}", dir.join(name).display()))
    }
}

#[test]
fn tabari_validation_floor() {
    let Some(dir) = attache_testkit::shared_path("data/tabari") else { return };
    let read = reader(&dir);
    let project = read("Validate.project").unwrap();
    let report = eval::tabari::run(&project, "Validate.project", &read).unwrap();
    eprintln!("{}", report.render(std::env::var("FAILURES").is_ok()));
    // Floors only go up. 433/444 measured; a little room for changes in the shared tokenizer.
    assert!(report.records.len() >= 444, "records checked: {}", report.records.len());
    assert!(report.passed() >= 430, "TABARI validation: {} passed, {} failed", report.passed(), report.failed());
}

#[test]
fn petrarch_unit_tests_floor() {
    let Some(dir) = attache_testkit::shared_path("data/petrarch") else { return };
    let read = reader(&dir);
    let xml = read("PETR.UnitTest.records.xml").unwrap();
    let report = eval::petrarch::run(&xml, "PETR.UnitTest.records.xml", &read).unwrap();
    eprintln!("{}", report.render(std::env::var("FAILURES").is_ok()));
    // Floors only go up. 249/280 measured (PETRARCH 1 scores 72.5%, PETRARCH 2 31.3% on its own parses).
    assert!(report.records.len() >= 280, "records checked: {}", report.records.len());
    assert!(report.passed() >= 245, "PETRARCH unit tests: {} passed, {} failed", report.passed(), report.failed());
}
