//! Lists sentence-boundary errors against a CoNLL-U gold corpus, for working on the segmenter.
//!
//! `cargo run -p attache-text --release --example segment_errors -- ../shared/data/gum [genre-substring]`
//! prints the score table, then every missed (`-`) and spurious (`+`) boundary with context.

use attache_text::eval::{evaluate, parse_conllu, sentence_ends};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: segment_errors DIR [FILTER]")?);
    let filter = args.next().unwrap_or_default();
    let mut paths: Vec<PathBuf> = if dir.is_dir() {
        std::fs::read_dir(&dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect()
    } else {
        vec![dir.clone()]
    };
    paths.retain(|p| p.extension().is_some_and(|e| e == "conllu"));
    paths.sort();
    let mut documents = Vec::new();
    for path in &paths {
        let contents = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        documents.extend(parse_conllu(&path.display().to_string(), &contents)?);
    }
    documents.retain(|d| d.id.contains(&filter));
    println!("{}", evaluate(&documents, sentence_ends));
    for document in &documents {
        let chars: Vec<char> = document.text.chars().collect();
        let predicted = sentence_ends(&document.text);
        let context = |at: usize| {
            let from = at.saturating_sub(50);
            let to = (at + 40).min(chars.len());
            let before: String = chars[from..at].iter().collect();
            let after: String = chars[at..to].iter().collect();
            format!("{}‖{}", before, after).replace('\n', "⏎")
        };
        for end in &document.sentence_ends {
            if predicted.binary_search(end).is_err() {
                println!("- {} {}", document.id, context(*end));
            }
        }
        for end in &predicted {
            if document.sentence_ends.binary_search(end).is_err() {
                println!("+ {} {}", document.id, context(*end));
            }
        }
    }
    Ok(())
}
