//! Prints how the coder parses and codes one TABARI validation record: `cargo run --example tabari_debug ID`.
use attache_coder::{Carry, Coder, eval::tabari, explain};

fn main() {
    let id = std::env::args().nth(1).expect("record id");
    let dir = attache_testkit::shared_path("data/tabari").expect("shared data");
    let read = |name: &str| {
        std::fs::read(dir.join(name)).map(|b| attache_dict::decode(&b).into_owned()).map_err(|e| e.to_string())
    };
    let project = read("Validate.project").unwrap();
    let (dict, options, _, _) = tabari::load_project(&project, "Validate.project", &read).unwrap();
    let mut coder = Coder::new(dict, options);
    let records = tabari::parse_records(&read("Validate.text").unwrap());
    for r in &records {
        for o in &r.options {
            let _ = coder.options_mut().apply(o);
        }
        if r.id == id {
            let date = tabari::record_date(&r.date_text, coder.options().four_digit_years);
            let words = attache_coder::words::from_text(&r.text);
            let (coded, parse) = coder.engine().code(&words.words, words.terminal, date, &mut Carry::default());
            println!("{}", r.text);
            println!("{}", explain::explain_parse(coder.lexicon(), &words.words, &parse));
            println!("{}", explain::explain_coded(coder.lexicon(), &words.words, &coded));
            println!("expected {:?}", r.expect);
            return;
        }
    }
}
