//! Every dictionary reader, on any input, returns a model or errors naming the file and a line of it — never a
//! panic — and whatever it accepts compiles into a lexicon that can match any sentence.
//!
//! Inputs: arbitrary text, text built from each format's own punctuation and keywords, and small valid files
//! (written here, in the formats' syntax) damaged by truncation and by deleting, repeating and splicing lines.
//! 256 cases per property by default; `PROPTEST_CASES=…` for a longer run.

use attache_dict::{
    DictErrors, Dictionary, Lexicon, TokenWords, defaults, lexicon::Scratch, native, options, petrarch, tabari,
};
use proptest::prelude::*;

const TABARI_ACTORS: &str = "\
ARNOR [ARN]
GONDOR [GON]
MINAS_TIRITH [GON]
ELROND [ELR 950101-951231] [RIV >951231]
GREY_HAVENS [ELF] ; a comment
SOUTH_ITHILIEN {GON / ITH}
+DOL_AMROTH
ROHAN_ [ROH]
";

const TABARI_AGENTS: &str = "\
SOLDIER~ [~MIL]
POLICE [~COP]
FOREIGN_MINISTER [~GOV]
";

const TABARI_VERBS: &str = "\
&SYNSET
+TALKS
+NEGOTIATIONS
+DISCUSSION

ACCUSE [112]
- * $ OF + ENFORCE [111]
- $ * + AND &SYNSET [0111]

MEET [040] {MET MEETING}
- * + % [042]
- * WITH + [043] ; comment
- ^ * IN + [044]

PROMISE [---]
- * TO + (ASSIST | HELP | AID) [051]

<TIME>
YESTERDAY [-1]
</TIME>
";

const TABARI_OPTIONS: &str = "\
SET: CODE ALL
SET: COMMA MIN 2 MAX 8
SET: COMPLEX LATE 12
DEFAULT: SOURCE ARN
";

const TABARI_PROJECT: &str = "\
<Project>
<Actorsfile> demo.actors
<Verbsfile> demo.verbs
<Optionsfile> demo.options
<Textfile> demo.text
";

const PETRARCH_VERBS: &str = "\
&CURRENCY
+DOLLAR
+EURO

####### VERB PATTERNS #######

--- MEET [040] ---
MEET
MET
MEETING
- * WITH +  [042]
- + * (NP ON &CURRENCY) [043]
- * {TALKS | DISCUSSION} [044]

--- ACCUSE [112] ---
ACCUSE
ACCUSED
- * + OF WAR_CRIMES [1121]
";

const PETRARCH_ACTORS: &str = "\
ARNOR [ARN]
GONDOR_ [GON]
+MINAS_TIRITH
ELROND_  [RIV 950101-951231]
[ELF >951231]
ARAGORN
+STRIDER
[GONGOV 950101-960101]
";

const PETRARCH_AGENTS: &str = "\
SOLDIER {SOLDIERS} [~MIL]
!minist! OF FOREIGN AFFAIRS [~GOV]
POLICE [~COP]
";

const PETRARCH_DISCARDS: &str = "\
WORLD_CUP ###
FOOTBALL_MATCH ##
";

const PETRARCH_ISSUES: &str = "\
<ISSUE CATEGORY=\"ENV\">
CLIMATE_CHANGE [ENV]
GLOBAL_WARMING [ENV]
";

/// Characters and words each format gives meaning to.
const PIECES: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    "(",
    ")",
    "<",
    ">",
    "|",
    "~",
    "_",
    "+",
    "-",
    "$",
    "*",
    "&",
    "%",
    "^",
    "#",
    ";",
    "=",
    "\"",
    "!",
    "@",
    ".",
    "/",
    ":",
    ",",
    "---",
    "+++",
    "###",
    "[[",
    "]]",
    "[~",
    "~]",
    ">0101",
    "950101-951231",
    "990101",
    "<TIME>",
    "<ISSUE",
    "CATEGORY=",
    "SET:",
    "DEFAULT:",
    "CODE",
    "COMMA",
    "MIN",
    "MAX",
    "ALL",
    "<Actorsfile>",
    "<Verbsfile>",
    "ARNOR",
    "GON",
    "ARN",
    "MEET",
    "WITH",
    "OF",
    "\n",
    "\n- ",
    "\n+",
    "\n&",
    " ",
    " ",
    "\t",
    "é",
    "ß",
    "\u{2019}",
    "name",
    "code",
    "names",
    "aliases",
    "role",
    "from",
    "until",
    "[[country]]",
    "[[person]]",
    "[[verb]]",
    "pattern",
    "patterns",
    "forms",
    "'",
    "0",
    "1",
    "123",
    "20",
    "\\",
];

fn lines_of(text: &str) -> u32 {
    text.lines().count() as u32
}

/// Errors name the file they were asked to read and a line that exists (0 = the whole file).
fn check_errors(errors: &DictErrors, file: &str, text: &str) -> Result<(), TestCaseError> {
    prop_assert!(!errors.0.is_empty());
    for e in &errors.0 {
        prop_assert_eq!(&e.file, file);
        prop_assert!(e.line <= lines_of(text) + 1, "line {} of a {}-line file: {}", e.line, lines_of(text), e);
        prop_assert!(!e.cause.trim().is_empty());
    }
    Ok(())
}

/// What a successful read yields compiles and matches a sentence without panicking.
fn compile_and_match(dict: Dictionary) {
    let lex = Lexicon::compile(dict);
    let mut words = TokenWords::default();
    let mut scratch = Scratch::default();
    let sentence = "ARNOR MET GONDOR WITH THE SOLDIERS OF MINAS TIRITH AND ACCUSED ELROND OF WAR CRIMES YESTERDAY";
    for token in sentence.split(' ') {
        lex.add_token(token, token, &mut words, &mut scratch);
    }
    words.index();
    let mut found = Vec::new();
    for i in 0..words.len() {
        lex.phrases_at(&words, i, words.len(), &mut found);
    }
}

type Reader = fn(&str, &str) -> Result<Dictionary, DictErrors>;

fn tabari_actors(t: &str, f: &str) -> Result<Dictionary, DictErrors> {
    tabari::read_actors(t, f).map(|l| l.dictionary)
}
fn tabari_agents(t: &str, f: &str) -> Result<Dictionary, DictErrors> {
    tabari::read_agents(t, f).map(|l| l.dictionary)
}
fn tabari_verbs(t: &str, f: &str) -> Result<Dictionary, DictErrors> {
    tabari::read_verbs(t, f).map(|l| l.dictionary)
}
fn petrarch_actors(t: &str, f: &str) -> Result<Dictionary, DictErrors> {
    petrarch::read_actors(t, f).map(|l| l.dictionary)
}
fn petrarch_agents(t: &str, f: &str) -> Result<Dictionary, DictErrors> {
    petrarch::read_agents(t, f).map(|l| l.dictionary)
}
fn petrarch_verbs(t: &str, f: &str) -> Result<Dictionary, DictErrors> {
    petrarch::read_verbs(t, f).map(|l| l.dictionary)
}
fn petrarch_discards(t: &str, f: &str) -> Result<Dictionary, DictErrors> {
    petrarch::read_discards(t, f).map(|l| l.dictionary)
}
fn petrarch_issues(t: &str, f: &str) -> Result<Dictionary, DictErrors> {
    petrarch::read_issues(t, f).map(|l| l.dictionary)
}

/// Every dictionary reader with a valid sample of its format.
fn readers() -> Vec<(&'static str, Reader, &'static str)> {
    let native_sample = |name: &str| defaults::FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t).unwrap_or("");
    vec![
        ("tabari.actors", tabari_actors as Reader, TABARI_ACTORS),
        ("tabari.agents", tabari_agents, TABARI_AGENTS),
        ("tabari.verbs", tabari_verbs, TABARI_VERBS),
        ("petrarch.actors.txt", petrarch_actors, PETRARCH_ACTORS),
        ("petrarch.agents.txt", petrarch_agents, PETRARCH_AGENTS),
        ("petrarch.verbs.txt", petrarch_verbs, PETRARCH_VERBS),
        ("petrarch.discards.txt", petrarch_discards, PETRARCH_DISCARDS),
        ("petrarch.issues.txt", petrarch_issues, PETRARCH_ISSUES),
        ("countries.toml", native::read_countries, native_sample("countries.toml")),
        ("people.toml", native::read_people, native_sample("people.toml")),
        ("organizations.toml", native::read_organizations, native_sample("organizations.toml")),
        ("agents.toml", native::read_agents, native_sample("agents.toml")),
        ("verbs.toml", native::read_verbs, native_sample("verbs.toml")),
        ("discards.toml", native::read_discards, native_sample("discards.toml")),
    ]
}

/// Runs every reader (and the options and project readers) on `text`.
fn read_everything(text: &str) -> Result<(), TestCaseError> {
    for (file, reader, _) in readers() {
        match reader(text, file) {
            Ok(dict) => compile_and_match(dict),
            Err(e) => check_errors(&e, file, text)?,
        }
    }
    match options::read_options(text, "demo.options") {
        Ok((_, warnings)) => {
            for w in &warnings {
                prop_assert_eq!(&w.file, "demo.options");
                prop_assert!(w.line <= lines_of(text) + 1);
            }
        }
        Err(e) => check_errors(&e, "demo.options", text)?,
    }
    if let Err(e) = tabari::read_project(text, "demo.project") {
        check_errors(&e, "demo.project", text)?;
    }
    Ok(())
}

/// A valid sample damaged: cut at a point, and lines deleted, repeated or spliced from another sample.
fn damaged(sample: &str, other: &str, cut: usize, edits: &[(u8, usize, usize)]) -> String {
    let mut lines: Vec<String> = sample.lines().map(str::to_string).collect();
    let others: Vec<&str> = other.lines().collect();
    for &(kind, at, from) in edits {
        if lines.is_empty() {
            break;
        }
        let at = at % lines.len();
        match kind % 4 {
            0 => {
                lines.remove(at);
            }
            1 => {
                let line = lines[at].clone();
                lines.insert(at, line);
            }
            2 if !others.is_empty() => lines.insert(at, others[from % others.len()].to_string()),
            _ => {
                // Cut a line inside, at a character boundary.
                let line = &mut lines[at];
                let mut end = from % (line.len() + 1);
                while !line.is_char_boundary(end) {
                    end -= 1;
                }
                line.truncate(end);
            }
        }
    }
    let mut text = lines.join("\n");
    let mut end = cut % (text.len() + 1);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if cut.is_multiple_of(3) {
        text.truncate(end);
    }
    text
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text(text in "\\PC{0,400}") {
        read_everything(&text)?;
    }

    #[test]
    fn format_punctuation(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..120)) {
        read_everything(&pieces.concat())?;
    }

    #[test]
    fn damaged_samples(
        which in 0usize..14,
        other in 0usize..14,
        cut in any::<usize>(),
        edits in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 0..8),
    ) {
        let all = readers();
        let (file, reader, sample) = all[which];
        // Big embedded files: keep the first lines only, so a case stays fast.
        let sample: String = sample.lines().take(60).collect::<Vec<_>>().join("\n");
        let text = damaged(&sample, all[other].2, cut, &edits);
        match reader(&text, file) {
            Ok(dict) => compile_and_match(dict),
            Err(e) => check_errors(&e, file, &text)?,
        }
    }
}

#[test]
fn samples_are_valid() {
    for (file, reader, sample) in readers() {
        let dict = reader(sample, file).unwrap_or_else(|e| panic!("{file}: {e}"));
        compile_and_match(dict);
    }
    options::read_options(TABARI_OPTIONS, "demo.options").unwrap();
    tabari::read_project(TABARI_PROJECT, "demo.project").unwrap();
}
