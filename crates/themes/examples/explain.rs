//! Prints what the themes stage finds in a text file, sentence by sentence: themes with their evidence, tone
//! and the tone words behind it. For tuning the taxonomy and the lexicon:
//! `cargo run -p attache-themes --example explain -- article.txt`

use attache_doc::{Article, Doc, Stage};
use attache_themes::ThemeStage;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args().nth(1) else {
        return Err("usage: explain <text file>".into());
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let stage = ThemeStage::default();
    let mut doc = Doc::new(Article { text, ..Default::default() });
    text_stage().annotate(&mut doc);
    stage.annotate(&mut doc);
    for sentence in &doc.sentences {
        println!("[{}] tone {:+.2}  {}", sentence.id, sentence.tone.unwrap_or(0.0), sentence.text);
        for mention in doc.themes.iter().filter(|m| m.sentence == sentence.id) {
            println!("      theme {:<26} {:?}", mention.theme, mention.text);
        }
        let analysis = stage.analyze(&sentence.text);
        let words: Vec<String> = analysis
            .tone_hits
            .iter()
            .map(|hit| format!("{}{:+.1}{}", hit.text, hit.weight, if hit.negated { "(neg)" } else { "" }))
            .collect();
        if !words.is_empty() {
            println!("      tone words: {}", words.join(", "));
        }
    }
    println!("article tone: {:?}", doc.tone);
    for summary in &doc.theme_summary {
        println!(
            "  {:<26} mentions {:>2}  sentences {:>2}  first {}",
            summary.theme, summary.mentions, summary.sentences, summary.first_sentence
        );
    }
    Ok(())
}

/// The text stage, built the way any stage is (it is a unit struct today but may gain compiled resources).
#[allow(clippy::default_constructed_unit_structs)]
fn text_stage() -> attache_text::TextStage {
    attache_text::TextStage::default()
}
