//! Prints what attache-readers reads from the inputs named on the command line (one JSON object per article,
//! or the error), e.g. `cargo run -p attache-readers --example read -- page.html feed.xml`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (inputs, errors) = attache_readers::collect_inputs(&args);
    for error in errors {
        eprintln!("error: {error}");
    }
    for input in inputs {
        for result in attache_readers::read_source(&input, &attache_readers::ReadOptions::default()) {
            match result {
                Ok(article) => println!("{}", serde_json::to_string_pretty(&article).expect("articles serialise")),
                Err(error) => eprintln!("error: {error}"),
            }
        }
    }
}
