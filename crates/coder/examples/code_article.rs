//! Codes an article file with the default dictionaries and prints each event with its evidence:
//! `cargo run --example code_article -- PATH [PUBLISHED]`. `PARSE=1` also prints each sentence's parse
//! (`PARSE=word` only for sentences containing that word); `EXPLAIN=1` renders each event in full.
use attache_coder::{CoderStage, explain, words};
use attache_doc::{Article, Doc, Stage};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("article path");
    let published = args.next();
    let text = std::fs::read_to_string(&path).expect("readable article");
    let mut doc = Doc::new(Article { text, published, ..Default::default() });
    attache_text::TextStage::default().annotate(&mut doc);
    let stage = CoderStage::default_english().expect("default dictionaries");
    let engine = stage.coder().engine();
    let date = doc.published_date().and_then(|d| d.parse().ok());
    let parse_filter = std::env::var("PARSE").ok();
    let mut carry = attache_coder::Carry::default();
    let mut paragraph = None;
    for s in &doc.sentences {
        if paragraph != Some(s.paragraph) {
            carry.new_paragraph();
            paragraph = Some(s.paragraph);
        }
        let mut tokens = doc.sentence_tokens(s.id);
        if s.id == 0 {
            tokens = &tokens[words::dateline_len(tokens)..];
        }
        let sw = words::from_tokens(doc.text(), tokens);
        let (coded, parse) = engine.code(&sw.words, sw.terminal, date, &mut carry);
        if let Some(filter) = &parse_filter
            && (filter == "1" || s.text.contains(filter.as_str()))
        {
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
