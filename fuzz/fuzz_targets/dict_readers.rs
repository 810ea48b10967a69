//! Fuzzes every dictionary reader (TABARI, PETRARCH, attache TOML, options, project): any bytes give a model or
//! errors naming the file and an existing line, never a panic; what is accepted compiles and matches a sentence.
//! The first byte picks the reader; the rest is the file (decoded as the CLI does: UTF-8 or Latin-1).
#![no_main]

use attache_dict::{DictErrors, Dictionary, Lexicon, TokenWords, lexicon::Scratch, native, options, petrarch, tabari};

fn check(result: Result<Dictionary, DictErrors>, file: &str, text: &str) {
    let lines = text.lines().count() as u32;
    match result {
        Ok(dict) => {
            let lex = Lexicon::compile(dict);
            let mut words = TokenWords::default();
            let mut scratch = Scratch::default();
            for token in text.split_whitespace().take(64) {
                let upper = token.to_uppercase();
                lex.add_token(&upper, token, &mut words, &mut scratch);
            }
            words.index();
            let mut found = Vec::new();
            for i in 0..words.len() {
                lex.phrases_at(&words, i, words.len(), &mut found);
            }
        }
        Err(errors) => {
            assert!(!errors.0.is_empty());
            for e in &errors.0 {
                assert_eq!(e.file, file);
                assert!(e.line <= lines + 1, "{e}");
            }
        }
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let text = attache_dict::decode(rest);
    let text = text.as_ref();
    let f = "fuzz";
    match which % 16 {
        0 => check(tabari::read_actors(text, f).map(|l| l.dictionary), f, text),
        1 => check(tabari::read_agents(text, f).map(|l| l.dictionary), f, text),
        2 => check(tabari::read_verbs(text, f).map(|l| l.dictionary), f, text),
        3 => check(petrarch::read_actors(text, f).map(|l| l.dictionary), f, text),
        4 => check(petrarch::read_agents(text, f).map(|l| l.dictionary), f, text),
        5 => check(petrarch::read_verbs(text, f).map(|l| l.dictionary), f, text),
        6 => check(petrarch::read_discards(text, f).map(|l| l.dictionary), f, text),
        7 => check(petrarch::read_issues(text, f).map(|l| l.dictionary), f, text),
        8 => check(native::read_countries(text, f), f, text),
        9 => check(native::read_people(text, f), f, text),
        10 => check(native::read_organizations(text, f), f, text),
        11 => check(native::read_agents(text, f), f, text),
        12 => check(native::read_verbs(text, f), f, text),
        13 => check(native::read_discards(text, f), f, text),
        14 => check(options::read_options(text, f).map(|_| Dictionary::default()), f, text),
        _ => check(tabari::read_project(text, f).map(|_| Dictionary::default()), f, text),
    }
});
