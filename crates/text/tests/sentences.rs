//! Sentence segmentation on news text: each case is a sentence pattern from wire copy, in our own words.

use attache_doc::{Article, Doc, Stage};
use attache_text::{MAX_SENTENCE_TOKENS, TextStage, analyze};

fn sentences(text: &str) -> Vec<&str> {
    analyze(text).sentences.iter().map(|s| &text[s.start..s.end]).collect()
}

fn paragraphs(text: &str) -> Vec<u32> {
    analyze(text).sentences.iter().map(|s| s.paragraph).collect()
}

#[test]
fn titles_and_abbreviations_do_not_end_sentences() {
    let text = "Gen. Smith met Sen. Jones, Gov. Brown, Rep. Li, Prof. Wu, Dr. Sun, Mr. and Mrs. Lee at St. Paul's. \
                They talked.";
    assert_eq!(sentences(text).len(), 2, "{:?}", sentences(text));
    let text = "Talks began on Jan. 5 and ended Feb. 9 at 11 a.m. local time. No. 10 was next, i.e. the last one.";
    assert_eq!(sentences(text).len(), 2, "{:?}", sentences(text));
    let text = "U.S. President Trump and U.K. Prime Minister Starmer spoke. They agreed.";
    assert_eq!(sentences(text), ["U.S. President Trump and U.K. Prime Minister Starmer spoke.", "They agreed."]);
}

#[test]
fn abbreviations_end_sentences_before_a_typical_opener() {
    assert_eq!(
        sentences("He moved to the U.S. The move surprised many."),
        ["He moved to the U.S.", "The move surprised many."]
    );
    assert_eq!(sentences("The vote ended at 5 p.m. It was close."), ["The vote ended at 5 p.m.", "It was close."]);
    assert_eq!(
        sentences("She works for Acme Inc. The firm is small."),
        ["She works for Acme Inc.", "The firm is small."]
    );
    assert_eq!(sentences("Acme Inc. said profits rose."), ["Acme Inc. said profits rose."]);
    assert_eq!(sentences("They sold grain, oil, etc. Prices fell."), ["They sold grain, oil, etc.", "Prices fell."]);
    assert_eq!(sentences("The answer was no. Then he left."), ["The answer was no.", "Then he left."]);
}

#[test]
fn initials_stay_inside_names() {
    let text = "J. R. R. Tolkien wrote it. George W. Bush read it. Plan B. It failed.";
    assert_eq!(sentences(text), ["J. R. R. Tolkien wrote it.", "George W. Bush read it.", "Plan B.", "It failed."]);
}

#[test]
fn decimals_versions_and_numbers() {
    assert_eq!(
        sentences("Growth was 3.5 percent. Version 2.0.1 shipped. Sales hit 1,000.5 tonnes."),
        ["Growth was 3.5 percent.", "Version 2.0.1 shipped.", "Sales hit 1,000.5 tonnes."]
    );
    assert_eq!(sentences("It peaked in 2015. 2016 was worse."), ["It peaked in 2015.", "2016 was worse."]);
}

#[test]
fn ellipses() {
    assert_eq!(sentences("He paused... Then he left."), ["He paused...", "Then he left."]);
    assert_eq!(sentences("He paused… Then he left."), ["He paused…", "Then he left."]);
    assert_eq!(sentences("The plan ... is on hold."), ["The plan ... is on hold."]);
}

#[test]
fn closing_quotes_and_brackets_stay_with_their_sentence() {
    let text = "“We will win,” he said. “Next year is ours.” The crowd cheered.";
    assert_eq!(sentences(text), ["“We will win,” he said.", "“Next year is ours.”", "The crowd cheered."]);
    let text = r#"He said "we are ready." Officials agreed."#;
    assert_eq!(sentences(text), [r#"He said "we are ready.""#, "Officials agreed."]);
    let text = "(The ministry declined to comment.) Talks resume Monday.";
    assert_eq!(sentences(text), ["(The ministry declined to comment.)", "Talks resume Monday."]);
    let text = "It was signed in 1805. [6] Later it lapsed.";
    assert_eq!(sentences(text), ["It was signed in 1805. [6]", "Later it lapsed."]);
}

#[test]
fn questions_and_exclamations_inside_quotes() {
    assert_eq!(
        sentences(r#""Why now?" Smith asked. Nobody answered."#),
        [r#""Why now?" Smith asked."#, "Nobody answered."]
    );
    assert_eq!(sentences(r#""Why now?" he asked."#), [r#""Why now?" he asked."#]);
    assert_eq!(
        sentences(r#"He asked: "Why now?" The room fell silent."#),
        [r#"He asked: "Why now?""#, "The room fell silent."]
    );
    assert_eq!(sentences("Stop! Go! Really?! Yes."), ["Stop!", "Go!", "Really?!", "Yes."]);
    assert_eq!(sentences(r#""Enough!" - a protester"#), [r#""Enough!" - a protester"#]);
}

#[test]
fn datelines_stay_with_the_first_sentence() {
    let text = "BEIJING, Feb. 5 (Xinhua) -- Chinese President Xi Jinping held talks on Wednesday. Both sides agreed.";
    assert_eq!(
        sentences(text),
        ["BEIJING, Feb. 5 (Xinhua) -- Chinese President Xi Jinping held talks on Wednesday.", "Both sides agreed."]
    );
    let text = "WASHINGTON (AP) — The talks ended late. Aides left.";
    assert_eq!(sentences(text), ["WASHINGTON (AP) — The talks ended late.", "Aides left."]);
    let text =
        "BEIJING, Feb. 5 (Xinhua) --\nChinese President Xi Jinping held talks on Wednesday with his US\ncounterpart.";
    assert_eq!(sentences(text).len(), 1, "{:?}", sentences(text));
}

#[test]
fn headlines_and_subheads_are_their_own_sentences() {
    let text = "Xi and Trump hold phone call\nBEIJING, Feb. 5 (Xinhua) -- The two presidents spoke on Wednesday.";
    assert_eq!(
        sentences(text),
        ["Xi and Trump hold phone call", "BEIJING, Feb. 5 (Xinhua) -- The two presidents spoke on Wednesday."]
    );
    assert_eq!(paragraphs(text), [0, 1]);
    let text = "Trade talks resume\n\nThe two sides met again. They agreed.\n\nWhat comes next\n\nMore talks.";
    assert_eq!(
        sentences(text),
        ["Trade talks resume", "The two sides met again.", "They agreed.", "What comes next", "More talks."]
    );
    assert_eq!(paragraphs(text), [0, 1, 1, 2, 3]);
}

#[test]
fn hard_wrapped_lines_are_not_boundaries() {
    let text = "The two presidents held a long telephone conversation on Wednesday\n\
                evening, their first of the year, and agreed to keep in close touch\n\
                on trade and on security. Aides on both sides called the talks\n\
                constructive and said that further meetings were being planned for\n\
                the spring.\n\
                \n\
                Markets rose.";
    assert_eq!(sentences(text).len(), 3, "{:?}", sentences(text));
    assert_eq!(paragraphs(text), [0, 0, 1]);
}

#[test]
fn list_items_are_their_own_sentences() {
    let text = "Key points of the call:\n- tariffs will be cut\n- talks will continue\n1. a visit in April";
    assert_eq!(
        sentences(text),
        ["Key points of the call:", "- tariffs will be cut", "- talks will continue", "1. a visit in April"]
    );
}

#[test]
fn single_newlines_between_unwrapped_paragraphs() {
    let text = "The first paragraph is one long line that ends with a full stop.\nThe second is short.\nThe third.";
    assert_eq!(sentences(text).len(), 3);
    assert_eq!(paragraphs(text), [0, 1, 2]);
}

#[test]
fn informal_lowercase_starts() {
    assert_eq!(sentences("we met for lunch. then we left"), ["we met for lunch.", "then we left"]);
    assert_eq!(sentences("where did you grow up? here?"), ["where did you grow up?", "here?"]);
}

#[test]
fn unbounded_sentences_are_cut() {
    let text = "word ".repeat(1000);
    let analysis = analyze(&text);
    assert!(analysis.sentences.len() >= 3);
    assert!(analysis.sentences.iter().all(|s| s.tokens.len() <= MAX_SENTENCE_TOKENS));
    let with_commas = "alpha beta, ".repeat(300);
    let first = &analyze(&with_commas).sentences[0];
    assert!(with_commas[first.start..first.end].ends_with(','), "cut after a comma");
}

#[test]
fn text_stage_fills_character_spans() {
    let text = "“China’s red line,” Chen said.\n\nThe U.S. side listened. Talks go on.";
    let mut doc = Doc::new(Article { text: text.into(), ..Default::default() });
    TextStage::default().annotate(&mut doc);
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(doc.sentences.len(), 3);
    for (id, sentence) in doc.sentences.iter().enumerate() {
        assert_eq!(sentence.id as usize, id);
        let expected: String = chars[sentence.start as usize..sentence.end as usize].iter().collect();
        assert_eq!(sentence.text, expected);
    }
    assert_eq!(doc.sentences[0].text, "“China’s red line,” Chen said.");
    assert_eq!(doc.sentences[0].start, 0);
    assert_eq!(doc.sentences[1].text, "The U.S. side listened.");
    assert_eq!(doc.sentences.iter().map(|s| s.paragraph).collect::<Vec<_>>(), [0, 1, 1]);
    assert_eq!(
        doc.sentence_tokens(1).iter().map(|t| t.norm.as_str()).collect::<Vec<_>>(),
        ["The", "U.S.", "side", "listened", "."]
    );
    // Running the stage again replaces, never appends.
    TextStage::default().annotate(&mut doc);
    assert_eq!(doc.sentences.len(), 3);
}

#[test]
fn empty_and_blank_texts() {
    assert!(analyze("").sentences.is_empty());
    assert!(analyze(" \n\n\t ").tokens.is_empty());
    assert_eq!(sentences("  Hi.  "), ["Hi."]);
}

#[test]
fn wire_copy_details() {
    let text = "Sen. Ann Ray, R-Fla., said the U.S. Navy's new ship, built for $1.5 billion, sails at 10 a.m. EST on \
                Jan. 5, 2026. It did. 'It's fine,' he said. \"I don't know,\" she replied. Lt. Gen. Li, the No. 2 \
                official, arrived in the 1990s.";
    assert_eq!(
        sentences(text),
        [
            "Sen. Ann Ray, R-Fla., said the U.S. Navy's new ship, built for $1.5 billion, sails at 10 a.m. EST on Jan. 5, \
         2026.",
            "It did.",
            "'It's fine,' he said.",
            "\"I don't know,\" she replied.",
            "Lt. Gen. Li, the No. 2 official, arrived in the 1990s."
        ]
    );
}
