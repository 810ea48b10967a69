//! attache's default dictionaries on everyday news sentences (written for these tests): one sentence per
//! behaviour, across the CAMEO root classes, with the events it must give (source, target, code, mode).

use attache_coder::CoderStage;
use attache_doc::{Article, Doc, Mode, Stage};
use std::sync::OnceLock;

fn stage() -> &'static CoderStage {
    static STAGE: OnceLock<CoderStage> = OnceLock::new();
    STAGE.get_or_init(|| CoderStage::default_english().expect("default dictionaries"))
}

fn code(text: &str) -> Vec<(String, String, String, Mode)> {
    let mut doc =
        Doc::new(Article { text: text.to_string(), published: Some("2026-02-05".into()), ..Default::default() });
    attache_text::TextStage::default().annotate(&mut doc);
    stage().annotate(&mut doc);
    doc.events.iter().map(|e| (e.source.code.clone(), e.target.code.clone(), e.code.clone(), e.mode)).collect()
}

/// An expected event: source, target, CAMEO code, mode.
type Expected = (&'static str, &'static str, &'static str, Mode);

/// (sentence, events that must be among the coded ones).
const CASES: &[(&str, &[Expected])] = &[
    ("Germany expressed concern over Russian troop movements.", &[("DEU", "RUSMIL", "012", Mode::Fact)]),
    ("China urged the United States to lift sanctions.", &[("CHN", "USA", "0254", Mode::Fact)]),
    ("Japan offered to mediate between Russia and Ukraine.", &[("JPN", "RUS", "039", Mode::Fact)]),
    (
        "Chinese President Xi Jinping held a phone call with US President Donald Trump on Wednesday.",
        &[("CHNGOV", "USAGOV", "041", Mode::Fact), ("USAGOV", "CHNGOV", "041", Mode::Fact)],
    ),
    // Treaties and sanctions are acts of state: a country named as their author is its government.
    (
        "The European Union and Canada signed a trade agreement on Tuesday.",
        &[("CANGOV", "IGOEUREEC", "057", Mode::Fact), ("IGOEUREEC", "CANGOV", "057", Mode::Fact)],
    ),
    ("Japan pledged $2 billion in aid to Ukraine.", &[("JPN", "UKR", "033", Mode::Fact)]),
    ("Iran released two British nationals.", &[("IRN", "GBRCVL", "0841", Mode::Fact)]),
    ("Russia accused Ukraine of shelling a nuclear plant.", &[("RUS", "UKR", "112", Mode::Fact)]),
    ("France demanded that Iran release its citizens.", &[("FRA", "IRN", "1053", Mode::Fact)]),
    ("China criticised the United States over arms sales to Taiwan.", &[("CHN", "USA", "111", Mode::Fact)]),
    ("North Korea rejected talks with South Korea.", &[("PRK", "KOR", "125", Mode::Fact)]),
    ("Israel mobilised reservists along the border with Lebanon.", &[("ISR", "LBN", "154", Mode::Fact)]),
    ("The United States imposed sanctions on Iranian oil exports.", &[("USAGOV", "IRN", "163", Mode::Fact)]),
    ("India expelled two Pakistani diplomats.", &[("INDGOV", "PAKGOV", "161", Mode::Fact)]),
    ("Israeli warplanes struck targets in Gaza.", &[("ISRMIL", "PSE", "190", Mode::Fact)]),
    ("The United States sold F-16 fighter jets to Taiwan.", &[("USA", "TWN", "072", Mode::Fact)]),
    (
        "The US president visited Japan last week.",
        &[("USAGOV", "JPN", "042", Mode::Fact), ("JPN", "USAGOV", "043", Mode::Fact)],
    ),
    ("Russia did not attack Ukraine.", &[("RUS", "UKR", "190", Mode::Negated)]),
    ("The US could impose export controls on China.", &[("USAGOV", "CHN", "163", Mode::Hypothetical)]),
    // A capital under attack is the city, its country's territory — not its government.
    ("Ukrainian officials said Russia had attacked Kyiv overnight.", &[("RUS", "UKR", "190", Mode::Fact)]),
    ("Russian missiles struck Kharkiv on Monday.", &[("RUS", "UKR", "190", Mode::Fact)]),
    // An agent with no country takes the one the story gave it earlier.
    (
        "Thousands of Georgian protesters rallied outside parliament. Georgian police detained the protesters.",
        &[("GEOCOP", "GEOOPP", "173", Mode::Fact)],
    ),
    // Reactions with no target in their sentence are aimed at whoever acted on the reacting country.
    ("Russian forces shelled Kharkiv. Kyiv condemned the attack.", &[("UKRGOV", "RUS", "111", Mode::Fact)]),
    // "Moscow would retaliate": a threat is made now.
    ("Russia said it would retaliate against Finland.", &[("RUS", "FIN", "130", Mode::Fact)]),
    // A person named in full is named by the surname later.
    (
        "Chinese Foreign Minister Wang Yi met his Japanese counterpart. Wang later hosted Indian officials.",
        &[("CHNGOV", "INDGOV", "043", Mode::Fact)],
    ),
    ("Turkey praised Qatar for its mediation efforts.", &[("TUR", "QAT", "051", Mode::Fact)]),
    ("Chinese hackers attacked US government networks.", &[("CHNSPY", "USAGOV", "190", Mode::Fact)]),
];

#[test]
fn everyday_sentences() {
    let mut failures = Vec::new();
    for (text, wanted) in CASES {
        let got = code(text);
        for (s, t, c, m) in *wanted {
            if !got.iter().any(|(gs, gt, gc, gm)| gs == s && gt == t && gc == c && gm == m) {
                failures.push(format!("{text}\n  wanted {s} → {t} {c} {m:?}\n  got {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn what_must_not_code() {
    // Sports (discards), places named after countries, the accused act, a speaker as source, a capital as place.
    assert!(code("Brazil beat Argentina 2-1 in the World Cup qualifier.").is_empty());
    assert!(!code("Leaders from Latin America met in Brasilia.").iter().any(|e| e.0 == "USA" || e.1 == "USA"));
    assert!(!code("Russia accused Ukraine of shelling a nuclear plant.").iter().any(|e| e.2.starts_with("19")));
    assert!(!code("Ukrainian officials said Russia had attacked Kyiv overnight.").iter().any(|e| e.0 == "UKRGOV"));
    let hosted = code("Egypt hosted Israeli and Hamas negotiators in Cairo.");
    assert!(!hosted.iter().any(|e| e.1 == "EGYGOV"), "{hosted:?}");
    // One event per fact: "struck targets" is not two attacks.
    assert_eq!(code("Israeli warplanes struck targets in Gaza.").len(), 1);
    // Places are not sources, nor targets of talks; a dateline is not an actor.
    assert!(code("Diplomats from Iran and France held talks in Geneva on Monday.").iter().all(|e| e.1 != "CHE"));
    assert!(code("GENEVA (Wire) - Iran and France held talks on Monday.").iter().all(|e| e.0 != "CHE" && e.1 != "CHE"));
    assert!(code("KYIV (Wire) - Russia attacked Odesa overnight.").iter().all(|e| e.0 == "RUS"));
    // A relative clause whose antecedent is not an actor has no source; a forecast is not a fact.
    assert!(code("China and Japan signed a deal that cuts tariffs.").iter().all(|e| e.2 != "085"));
    // An agentless passive does not say who acted.
    assert!(code("Russian soldiers were captured near Kharkiv.").is_empty());
    // Demands are not facts: what was demanded has not happened.
    assert!(
        !code("Protesters demanded that France expel Iranian diplomats.")
            .iter()
            .any(|e| e.2 == "161" && e.3 == Mode::Fact)
    );
}
