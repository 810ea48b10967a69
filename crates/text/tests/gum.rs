//! Sentence-boundary figures against GUM (all genres, and news alone) and UD-EWT dev/test, with floors.
//!
//! `cargo test -p attache-text --release --test gum -- --nocapture` prints the tables; the figures are
//! recorded in docs/text.md. Floors sit just under the measured figures: they may only go up.

use attache_text::eval::{Report, gum_sentence_f1};
use std::path::Path;

const GUM_NEWS_FLOOR: f64 = 0.975;
const GUM_ALL_FLOOR: f64 = 0.985;
const EWT_FLOOR: f64 = 0.925;

fn report(paths: &[std::path::PathBuf]) -> Report {
    let files: Vec<(String, String)> = paths
        .iter()
        .map(|path| {
            let contents =
                std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            (path.display().to_string(), contents)
        })
        .collect();
    gum_sentence_f1(files.iter().map(|(name, contents)| (name.as_str(), contents.as_str())))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn conllu_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "conllu"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn gum_sentence_boundaries() {
    let Some(dir) = attache_testkit::shared_path("data/gum") else { return };
    let paths = conllu_files(&dir);
    assert!(paths.len() > 100, "expected GUM's documents in {}", dir.display());
    let report = report(&paths);
    println!("GUM sentence boundaries ({} documents):\n{report}", report.documents);
    let news = report.genre_f1("news").expect("GUM has news documents");
    assert!(news >= GUM_NEWS_FLOOR, "GUM news F1 {news:.4} fell below {GUM_NEWS_FLOOR}");
    let all = report.all.f1();
    assert!(all >= GUM_ALL_FLOOR, "GUM all-genre F1 {all:.4} fell below {GUM_ALL_FLOOR}");
}

#[test]
fn ud_ewt_sentence_boundaries() {
    for split in ["dev", "test"] {
        let Some(path) = attache_testkit::shared_path(&format!("data/ud-ewt/en_ewt-ud-{split}.conllu")) else {
            return;
        };
        let report = report(&[path]);
        println!("UD-EWT {split} sentence boundaries:\n{report}");
        let f1 = report.all.f1();
        assert!(f1 >= EWT_FLOOR, "UD-EWT {split} F1 {f1:.4} fell below {EWT_FLOOR}");
    }
}
