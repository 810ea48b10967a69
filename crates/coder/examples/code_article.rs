//! Codes an article file with the default dictionaries and prints each event with its evidence:
//! `cargo run --example code_article -- PATH [PUBLISHED]`.
use attache_coder::{CoderStage, explain};
use attache_doc::{Article, Doc, Stage};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("article path");
    let published = args.next();
    let text = std::fs::read_to_string(&path).expect("readable article");
    let mut doc = Doc::new(Article { text, published, ..Default::default() });
    attache_text::TextStage.annotate(&mut doc);
    let stage = CoderStage::default_english().expect("default dictionaries");
    let engine = stage.coder().engine();
    let mut carry = attache_coder::Carry::default();
    for s in &doc.sentences {
        let sw = attache_coder::words::from_tokens(doc.text(), doc.sentence_tokens(s.id));
        let (coded, parse) = engine.code(&sw.words, sw.terminal, None, &mut carry);
        if std::env::var("PARSE").is_ok() {
            println!("{}", explain::explain_parse(stage.coder().lexicon(), &sw.words, &parse));
        }
        if !coded.events.is_empty() {
            println!("[{}] {}\n{}", s.id, s.text, explain::explain_coded(stage.coder().lexicon(), &sw.words, &coded));
        }
    }
    stage.annotate(&mut doc);
    for e in &doc.events {
        if std::env::var("EXPLAIN").is_ok() {
            println!("{}", explain::render_event(e));
        }
        println!(
            "{} {} -> {} {} {:?} date={:?} reporter={:?}",
            e.sentence,
            e.source.code,
            e.target.code,
            e.code,
            e.mode,
            e.date,
            e.reporter.as_ref().map(|r| &r.code)
        );
    }
}
