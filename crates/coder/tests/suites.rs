//! Floors on the peers' suites (they only go up).

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
    assert!(report.records.len() > 400);
}

#[test]
fn petrarch_unit_tests_floor() {
    let Some(dir) = attache_testkit::shared_path("data/petrarch") else { return };
    let read = reader(&dir);
    let xml = read("PETR.UnitTest.records.xml").unwrap();
    let report = eval::petrarch::run(&xml, "PETR.UnitTest.records.xml", &read).unwrap();
    eprintln!("{}", report.render(std::env::var("FAILURES").is_ok()));
    assert!(report.records.len() > 250);
}
