//! Prints the quotes and entities the stage finds in a text file, one line each:
//! `cargo run -p attache-quotes --example quotes -- article.txt [YYYY-MM-DD]`.

use attache_doc::{Article, Doc, Stage};
use attache_quotes::QuoteStage;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: quotes <file.txt> [published YYYY-MM-DD]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(1);
        }
    };
    let article = Article { text, published: args.next(), ..Default::default() };
    let mut doc = Doc::new(article);
    attache_text::TextStage::default().annotate(&mut doc);
    QuoteStage::default().annotate(&mut doc);
    for quote in &doc.quotes {
        let speaker = quote.speaker.as_ref().map_or("-".to_string(), |s| {
            format!(
                "{} [{} via {:?}; role {:?}; affiliation {:?}]",
                s.name, s.resolution, s.mention.text, s.role, s.affiliation
            )
        });
        let cue = quote.cue.as_ref().map_or("-", |c| c.text.as_str());
        println!("{:?}\t{}..{}\tcue={cue}\tspeaker={speaker}\n\t{:?}", quote.kind, quote.start, quote.end, quote.text);
    }
    for entity in &doc.entities {
        let mentions: Vec<&str> = entity.mentions.iter().map(|m| m.text.as_str()).collect();
        println!(
            "{:?}\t{}\trole={:?}\taffiliation={:?}\t{:?}",
            entity.kind, entity.name, entity.role, entity.affiliation, mentions
        );
    }
}
