//! Behaviour of the shipped taxonomy and lexicon on invented sentences: what must match, what must not (false
//! positive guards), inflection, prefixes, case, and the tone method's arithmetic, negation and degree words.

use attache_doc::{Article, Doc, Sentence, Stage, Token, TokenKind};
use attache_themes::{Lexicon, Taxonomy, ThemeStage};
use std::sync::OnceLock;

fn stage() -> &'static ThemeStage {
    static STAGE: OnceLock<ThemeStage> = OnceLock::new();
    STAGE.get_or_init(ThemeStage::default)
}

/// (theme, evidence) pairs found in a sentence.
fn themes(text: &str) -> Vec<(String, String)> {
    stage().analyze(text).themes.into_iter().map(|hit| (hit.theme, hit.text)).collect()
}

fn has(text: &str, theme: &str) -> bool {
    themes(text).iter().any(|(t, _)| t == theme)
}

fn evidence(text: &str, theme: &str) -> Vec<String> {
    themes(text).into_iter().filter(|(t, _)| t == theme).map(|(_, e)| e).collect()
}

fn tone(text: &str) -> f32 {
    stage().analyze(text).tone.tone
}

#[test]
fn core_themes_match_their_phrases() {
    let cases = [
        ("Beijing protested the latest arms package for the island.", "ARMS_SALES"),
        ("Washington approved the sale of F-16 fighter jets to Taipei.", "ARMS_SALES"),
        ("New tariffs on steel took effect on Monday.", "TARIFFS_TRADE"),
        ("The chipmaker was added to the Entity List.", "EXPORT_CONTROLS"),
        ("The EU sanctioned three shipping firms.", "SANCTIONS"),
        ("Officials discussed generative AI and its risks.", "ARTIFICIAL_INTELLIGENCE"),
        ("The treaty on non-proliferation was reviewed.", "NUCLEAR_NONPROLIFERATION"),
        ("Delegates at COP29 argued over climate finance.", "CLIMATE"),
        ("Rights groups reported arbitrary detention of activists.", "HUMAN_RIGHTS"),
        ("Vessels clashed near Scarborough Shoal in the South China Sea.", "TERRITORIAL_DISPUTES"),
        ("Leaders will meet at the G-20 in November.", "SUMMITS"),
        ("Voters went to the polls in a snap election.", "ELECTIONS"),
        ("Protesters gathered outside parliament.", "PROTESTS"),
        ("A suicide bombing killed twelve people.", "TERRORISM"),
        ("The number of asylum seekers rose sharply.", "MIGRATION"),
        ("Ransomware crippled the port's systems.", "CYBER"),
        ("Two warships sailed through the Taiwan Strait.", "MARITIME"),
        ("The navy held live-fire drills near the coast.", "MILITARY_EXERCISES"),
        ("Fentanyl precursor chemicals were discussed.", "NARCOTICS"),
        ("More troops were sent to the border.", "MILITARY"),
        ("Teachers went on strike for better pay.", "PROTESTS"),
    ];
    for (text, theme) in cases {
        assert!(has(text, theme), "{theme} not found in {text:?}: {:?}", themes(text));
    }
}

#[test]
fn inflections_hyphens_and_possessives() {
    assert_eq!(evidence("A tariff was imposed.", "TARIFFS_TRADE"), ["tariff"]);
    assert_eq!(evidence("Tariffs were imposed.", "TARIFFS_TRADE"), ["Tariffs"]);
    assert_eq!(evidence("It backs nonproliferation.", "NUCLEAR_NONPROLIFERATION"), ["nonproliferation"]);
    assert_eq!(evidence("It backs non-proliferation.", "NUCLEAR_NONPROLIFERATION"), ["non-proliferation"]);
    assert_eq!(evidence("It backs non proliferation.", "NUCLEAR_NONPROLIFERATION"), ["non proliferation"]);
    // Possessive 's is not part of the evidence; case does not matter for ordinary rules.
    assert_eq!(evidence("TAIWAN’S leader spoke.", "TAIWAN"), ["TAIWAN"]);
    // Prefix rules: sanction* covers the verb forms.
    for form in ["sanctions", "sanctioned", "sanctioning"] {
        assert!(has(&format!("Washington {form} the bank."), "SANCTIONS"), "{form}");
    }
    // The longest phrase of a theme wins over the phrases inside it.
    assert_eq!(evidence("Ships crossed the Taiwan Strait.", "TAIWAN"), ["Taiwan Strait"]);
}

#[test]
fn false_positive_guards() {
    // The acronym only in capitals, and not the artist's name.
    assert!(has("AI chips are in demand.", "ARTIFICIAL_INTELLIGENCE"));
    assert!(!has("Ai Weiwei opened an exhibition.", "ARTIFICIAL_INTELLIGENCE"));
    assert!(!has("AI Weiwei OPENED AN EXHIBITION.", "ARTIFICIAL_INTELLIGENCE"));
    assert!(!has("The ai of the story is unclear.", "ARTIFICIAL_INTELLIGENCE"));
    // "Republic of China" is Taiwan, but not inside "People's Republic of China".
    assert!(!has("The People's Republic of China issued a statement.", "TAIWAN"));
    assert!(has("The Republic of China marked its national day.", "TAIWAN"));
    // Taiwan Semiconductor still says Taiwan (the firm is Taiwanese) and is a chip firm.
    assert!(has("Taiwan Semiconductor raised prices.", "TAIWAN"));
    assert!(has("Taiwan Semiconductor raised prices.", "SEMICONDUCTORS"));
    // A trade war is trade, not armed conflict.
    assert!(!has("The trade war hurt farmers.", "ARMED_CONFLICT"));
    assert!(has("The trade war hurt farmers.", "TARIFFS_TRADE"));
    assert!(has("The war in Sudan displaced millions.", "ARMED_CONFLICT"));
    // Exports are trade; export controls are export controls only.
    assert!(!has("New export controls target chips.", "TARIFFS_TRADE"));
    assert!(has("Exports rose in March.", "TARIFFS_TRADE"));
    // Tear gas is not energy; gas supplies are.
    assert!(!has("Police fired tear gas.", "ENERGY"));
    assert!(has("Police fired tear gas.", "PROTESTS"));
    assert!(has("Gas prices jumped.", "ENERGY"));
    // A bargaining chip is not a semiconductor.
    assert!(!has("Taiwan is not a bargaining chip.", "SEMICONDUCTORS"));
    assert!(has("Advanced chips were restricted.", "SEMICONDUCTORS"));
    // The business climate is not the climate.
    assert!(!has("The business climate improved.", "CLIMATE"));
    assert!(has("The climate talks stalled.", "CLIMATE"));
    // A metaphor is not the sea.
    assert!(!has("He chose a maritime metaphor for the relationship.", "MARITIME"));
    assert!(has("Maritime patrols increased.", "MARITIME"));
    // Demonstrating good faith is not a demonstration.
    assert!(!has("Both sides must demonstrate good faith.", "PROTESTS"));
    assert!(!has("The demonstration of resolve was clear.", "PROTESTS"));
    assert!(has("Police broke up demonstrations in the streets.", "PROTESTS"));
    // A mountain summit is not a summit.
    assert!(!has("Climbers reached the summit of Mount Everest.", "SUMMITS"));
    assert!(has("The summit ended with a joint statement.", "SUMMITS"));
    // Selling soybeans is not an arms sale; selling missiles is.
    assert!(!has("Brazil sold more soybeans to China.", "ARMS_SALES"));
    assert!(has("The US sold missiles and drones to the island.", "ARMS_SALES"));
    // Stock rallies are not street rallies.
    assert!(!has("Stocks staged a rally after the data.", "PROTESTS"));
    // A blockade by land and air is not maritime; a naval one is.
    assert!(!has("Saudi Arabia lifted its blockade of Qatar.", "MARITIME"));
    assert!(has("The naval blockade tightened.", "MARITIME"));
    // Troops are the military, not yet a war.
    assert!(!has("Troops remained on alert.", "ARMED_CONFLICT"));
    // Condoleezza Rice is not food.
    assert!(!has("Condoleezza Rice visited Seoul.", "FOOD_SECURITY"));
}

#[test]
fn mention_offsets_are_bytes_of_the_text() {
    let text = "“Taiwan’s” arms sales — and AI.";
    let analysis = stage().analyze(text);
    assert!(!analysis.themes.is_empty());
    for hit in &analysis.themes {
        assert_eq!(&text[hit.start..hit.end], hit.text);
    }
    let taiwan = analysis.themes.iter().find(|h| h.theme == "TAIWAN").unwrap();
    assert_eq!(taiwan.text, "Taiwan");
}

#[test]
fn tone_is_percent_of_words() {
    let analysis = stage().analyze("Good news and bad news.");
    assert_eq!(analysis.tone.word_count, 5);
    assert!((analysis.tone.positive - 20.0).abs() < 1e-4, "{:?}", analysis.tone);
    assert!((analysis.tone.negative - 20.0).abs() < 1e-4, "{:?}", analysis.tone);
    assert!(analysis.tone.tone.abs() < 1e-4);
    assert!((analysis.tone.polarity - 40.0).abs() < 1e-4);
    // Numbers are not words.
    assert_eq!(stage().analyze("Good: 2026 and 15.").tone.word_count, 2);
    // No words, no tone.
    assert_eq!(stage().analyze("2026 — 15").tone, attache_doc::Tone::default());
    // Strong words weigh double.
    let strong = stage().analyze("An excellent result.").tone;
    let ordinary = stage().analyze("A good result.").tone;
    assert!((strong.positive - 2.0 * ordinary.positive).abs() < 1e-4, "{strong:?} {ordinary:?}");
}

#[test]
fn negation_flips_within_the_clause() {
    assert!(tone("The talks were good.") > 0.0);
    assert!(tone("The talks were not good.") < 0.0);
    assert!(tone("The talks weren't good.") < 0.0);
    assert!(tone("There was no progress.") < 0.0);
    assert!(tone("The talks made no real progress.") < 0.0);
    // "not bad" is positive, but weaker than "good".
    let not_bad = tone("The result was not bad.");
    assert!(not_bad > 0.0 && not_bad < tone("The result was good."), "{not_bad}");
    // A clause break ends the reach of a negation.
    assert!(tone("No, the progress is real.") > 0.0);
    // Beyond the window (three words) the negation no longer applies.
    assert!(tone("Nobody in the capital expected progress.") > 0.0);
    let hits = stage().analyze("It was not a success.").tone_hits;
    assert!(hits.len() == 1 && hits[0].negated && hits[0].weight < 0.0, "{hits:?}");
}

#[test]
fn relief_words_turn_negative_words_mildly_positive() {
    assert!(tone("The council lifted sanctions.") > 0.0);
    assert!(tone("The deal ended the war.") > 0.0);
    assert!(tone("They must avoid miscalculation.") > 0.0);
    // Positive words are left alone by relief words.
    assert!(tone("The move eased the agreement.") > 0.0);
    // Negation and relief cancel.
    assert!(tone("The council did not lift sanctions.") < 0.0);
}

#[test]
fn degree_words_scale() {
    let plain = tone("The talks were good.");
    let very = tone("The talks were very good.");
    let slightly = tone("The talks were slightly good.");
    // Same word count except the degree word: compare weighted sums, not percentages.
    assert!(very * 6.0 > plain * 5.0 * 1.4, "{very} {plain}");
    assert!(slightly * 6.0 < plain * 5.0 * 0.6, "{slightly} {plain}");
    let hits = stage().analyze("The attack was deeply troubling.").tone_hits;
    let troubling = hits.iter().find(|h| h.text == "troubling").unwrap();
    assert!((troubling.weight + 1.5).abs() < 1e-6, "{hits:?}");
    // Degree words chain: "very deeply" multiplies both factors.
    let hits = stage().analyze("It was very deeply troubling.").tone_hits;
    assert!((hits[0].weight + 2.25).abs() < 1e-6, "{hits:?}");
}

#[test]
fn phrases_beat_their_words() {
    let hits = stage().analyze("China drew a red line.").tone_hits;
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].text, "red line");
    assert!(hits[0].weight <= -2.0);
    // Neutral phrases mask the tone words inside them.
    assert_eq!(stage().analyze("Navies held war games.").tone_hits, []);
    assert!(stage().analyze("The Justice Ministry said so.").tone_hits.is_empty());
    assert!(tone("A war broke out.") < 0.0);
}

fn doc_with(text: &str, sentences: &[(u32, u32)], tokens: Vec<Token>) -> Doc {
    let mut doc = Doc::new(Article { text: text.into(), ..Default::default() });
    for (id, &(start, end)) in sentences.iter().enumerate() {
        let span = doc.span(start as usize, end as usize);
        doc.sentences.push(Sentence {
            id: id as u32,
            start: span.start,
            end: span.end,
            paragraph: 0,
            text: text[start as usize..end as usize].into(),
            tone: None,
        });
    }
    doc.tokens = tokens;
    doc
}

fn token(text: &str, start: usize, end: usize, sentence: u32, norm: &str) -> Token {
    let _ = &text[start..end];
    Token {
        start: start as u32,
        end: end as u32,
        sentence,
        kind: TokenKind::Word,
        norm: norm.into(),
        flags: Default::default(),
    }
}

#[test]
fn stage_fills_doc_with_character_offsets() {
    // Typographic apostrophes before the mention make byte and character offsets differ.
    let text = "Xi’s “call” went well. Arms sales to Taiwan worry Beijing.";
    let second = text.find("Arms").unwrap();
    let mut doc = doc_with(text, &[(0, second as u32 - 1), (second as u32, text.len() as u32)], Vec::new());
    stage().annotate(&mut doc);
    let themes: Vec<(&str, &str, u32)> =
        doc.themes.iter().map(|m| (m.theme.as_str(), m.text.as_str(), m.sentence)).collect();
    assert!(themes.contains(&("ARMS_SALES", "Arms sales", 1)), "{themes:?}");
    assert!(themes.contains(&("TAIWAN", "Taiwan", 1)), "{themes:?}");
    for mention in &doc.themes {
        assert_eq!(doc.slice(attache_doc::Span::new(mention.start, mention.end)), mention.text);
    }
    assert!(doc.sentences.iter().all(|s| s.tone.is_some()));
    assert!(doc.sentences[1].tone.unwrap() < 0.0);
    let summary: Vec<(&str, u32)> = doc.theme_summary.iter().map(|s| (s.theme.as_str(), s.first_sentence)).collect();
    assert!(summary.contains(&("TAIWAN", 1)), "{summary:?}");
    // Running the stage twice gives the same result.
    let again = doc.themes.clone();
    stage().annotate(&mut doc);
    assert_eq!(doc.themes, again);
}

#[test]
fn stage_uses_token_norms_and_their_offsets() {
    // A tokenizer that splits clitics and folds the typographic apostrophe in `norm`.
    let text = "Taiwan’s arms sales weren’t welcome.";
    let tokens = vec![
        token(text, 0, 6, 0, "Taiwan"),
        token(text, 6, 10, 0, "'s"),
        token(text, 11, 15, 0, "arms"),
        token(text, 16, 21, 0, "sales"),
        token(text, 22, 26, 0, "were"),
        token(text, 26, 30, 0, "n't"),
        token(text, 31, 38, 0, "welcome"),
    ];
    let mut doc = doc_with(text, &[(0, text.len() as u32)], tokens);
    stage().annotate(&mut doc);
    let themes: Vec<(&str, &str)> = doc.themes.iter().map(|m| (m.theme.as_str(), m.text.as_str())).collect();
    assert!(themes.contains(&("TAIWAN", "Taiwan")), "{themes:?}");
    assert!(themes.contains(&("ARMS_SALES", "arms sales")), "{themes:?}");
    // "n't" negates "welcome".
    assert!(doc.sentences[0].tone.unwrap() < 0.0, "{:?}", doc.sentences[0].tone);
}

#[test]
fn stage_without_sentences_scores_the_article_only() {
    let mut doc = Doc::new(Article { text: "A good and peaceful day.".into(), ..Default::default() });
    stage().annotate(&mut doc);
    assert!(doc.themes.is_empty());
    assert!(doc.tone.as_ref().unwrap().tone > 0.0);
}

#[test]
fn user_taxonomy_extends_the_builtin() {
    let user = r#"
[[theme]]
id = "RARE_EARTHS"
label = "Rare earths"
description = "Rare earth elements and magnets."
phrases = ["rare earth", "rare-earth magnet", "gallium", "germanium"]
"#;
    let stage = ThemeStage::with_user_taxonomy(user, "user-themes.toml").unwrap();
    let found: Vec<String> =
        stage.analyze("Curbs on gallium and rare earths hit Taiwan.").themes.into_iter().map(|h| h.theme).collect();
    assert!(found.contains(&"RARE_EARTHS".to_string()) && found.contains(&"TAIWAN".to_string()), "{found:?}");
    let error = ThemeStage::with_user_taxonomy("[[theme]]\nid = 3\n", "user-themes.toml").unwrap_err();
    assert!(error.to_string().starts_with("user-themes.toml:2:"), "{error}");
}

#[test]
fn a_custom_taxonomy_alone() {
    let taxonomy = Taxonomy::parse(
        "[[theme]]\nid = \"ONLY\"\nlabel = \"Only\"\n[[theme.rule]]\nphrases = [\"alpha beta\"]\nrequires = [\"gamma\"]\n",
        "t.toml",
    )
    .unwrap();
    let stage = ThemeStage::new(taxonomy, Lexicon::default()).unwrap();
    assert!(stage.analyze("alpha beta").themes.is_empty());
    assert_eq!(stage.analyze("gamma: alpha beta").themes.len(), 1);
    assert!(stage.analyze("Taiwan").themes.is_empty());
    assert_eq!(stage.analyze("a terrible day").tone.tone, 0.0);
}
