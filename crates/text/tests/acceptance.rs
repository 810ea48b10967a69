//! The project's first acceptance article (shared corpus `sino-us-call`): what later stages rely on.

use attache_doc::{Article, Doc, Stage, TokenFlags, TokenKind};
use attache_text::TextStage;

#[test]
fn sino_us_call_article() {
    let Some(path) = attache_testkit::shared_path("corpus/sino-us-call/article.txt") else { return };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut doc = Doc::new(Article { text, ..Default::default() });
    TextStage::default().annotate(&mut doc);

    // A headline, then ten paragraphs of body text.
    assert_eq!(doc.sentences.len(), 20);
    assert_eq!(doc.sentences[0].text, "Tangible steps urged to boost Sino-US ties");
    assert_eq!(doc.sentences[0].paragraph, 0);
    assert_eq!(doc.sentences.last().map(|s| s.paragraph), Some(10));
    for sentence in &doc.sentences[1..] {
        assert!(sentence.text.ends_with(['.', '”']), "sentence ends mid-way: {:?}", sentence.text);
        assert!(sentence.text.starts_with(char::is_uppercase), "sentence starts mid-way: {:?}", sentence.text);
    }

    // Compounds split with the hyphen glued between; possessives split off; quotations balanced per sentence.
    let norms: Vec<&str> = doc.tokens.iter().map(|t| t.norm.as_str()).collect();
    assert!(norms.windows(3).any(|w| w == ["Sino", "-", "US"]));
    assert!(norms.windows(3).any(|w| w == ["China", "-", "US"]));
    assert!(norms.windows(2).any(|w| w == ["China", "'s"]), "China’s → China 's");
    let hyphen = doc.tokens.iter().find(|t| &*t.norm == "-").expect("a hyphen token");
    assert!(!hyphen.has(TokenFlags::SPACE_BEFORE));
    for id in 0..doc.sentences.len() as u32 {
        let mut depth = 0i32;
        for token in doc.sentence_tokens(id) {
            match token.kind {
                TokenKind::OpenQuote => depth += 1,
                TokenKind::CloseQuote => depth -= 1,
                _ => {}
            }
            assert!((0..=1).contains(&depth), "unbalanced quotation in sentence {id}");
        }
        assert_eq!(depth, 0, "quotation left open in sentence {id}");
    }
    assert!(norms.contains(&"15th") && norms.contains(&"250th") && norms.contains(&"G20"));
}
