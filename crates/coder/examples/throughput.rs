//! Coding throughput on real wire sentences, one core:
//! `cargo run --release -p attache-coder --example throughput -- [default|phoenix] [code|stage] [N]`.
//!
//! Reads the ConfliBERT CAMEO sentences (`data/conflibert/cameo_class/train.tsv` under the shared data
//! directory), repeats them to N sentences (default 100,000) and codes them with attache's default
//! dictionaries or the Phoenix dictionaries. `code` codes each sentence from raw text (tokenising included);
//! `stage` runs the text stage and the coder stage on articles of 20 sentences (segmentation, dates and
//! evidence included). Prints dictionary load time and sentences per second; run it under
//! `/usr/bin/time -v` for peak memory.
use attache_coder::{Carry, Coder, CoderStage, eval};
use attache_doc::{Article, Doc, Stage};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dict = args.next().unwrap_or_else(|| "default".into());
    let mode = args.next().unwrap_or_else(|| "code".into());
    let n: usize = args.next().map_or(100_000, |s| s.parse().expect("a number of sentences"));

    let tsv = attache_testkit::shared_path("data/conflibert/cameo_class/train.tsv").expect("shared data");
    let text = std::fs::read_to_string(tsv).expect("readable train.tsv");
    let base: Vec<&str> = text.lines().filter_map(|l| l.split('\t').next()).filter(|s| !s.is_empty()).collect();
    let sentences: Vec<&str> = base.iter().cycle().take(n.max(base.len())).copied().collect();

    let start = Instant::now();
    let coder = match dict.as_str() {
        "default" => Coder::default_english().expect("default dictionaries"),
        "phoenix" => {
            let dir = attache_testkit::shared_path("data/petrarch").expect("shared data");
            let read = |name: &str| {
                std::fs::read(dir.join(name))
                    .map(|b| attache_dict::decode(&b).into_owned())
                    .map_err(|e| format!("{name}: {e}"))
            };
            eval::petrarch::phoenix(&read).expect("Phoenix dictionaries")
        }
        other => panic!("unknown dictionary set `{other}` (default or phoenix)"),
    };
    let load = start.elapsed();
    let d = coder.lexicon().dictionary();
    println!(
        "dictionaries: {dict}: {} actors, {} agents, {} verbs, {} patterns; loaded and compiled in {:.3} s",
        d.actors.len(),
        d.agents.len(),
        d.verbs.len(),
        d.pattern_count(),
        load.as_secs_f64()
    );

    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let mut events = 0usize;
    match mode.as_str() {
        "code" => {
            for s in &sentences {
                let (coded, _) = coder.code_text(s, None, &mut Carry::default());
                events += coded.events.len();
            }
        }
        "stage" => {
            let stage = CoderStage::new(coder);
            for chunk in sentences.chunks(20) {
                let mut doc = Doc::new(Article {
                    text: chunk.join("\n\n"),
                    published: Some("2026-02-05".into()),
                    ..Default::default()
                });
                attache_text::TextStage::default().annotate(&mut doc);
                stage.annotate(&mut doc);
                events += doc.events.len();
            }
        }
        other => panic!("unknown mode `{other}` (code or stage)"),
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{mode}: {} sentences in {secs:.3} s = {:.0} sentences/s on one core; {events} events",
        sentences.len(),
        sentences.len() as f64 / secs
    );
    if let (Some(a), Some(b)) = (cpu_start, cpu_seconds()) {
        println!(
            "  by CPU time of this thread (unaffected by other load): {:.0} sentences/s",
            sentences.len() as f64 / (b - a)
        );
    }
}

/// CPU time this thread has run, from Linux's `/proc/thread-self/schedstat` (first field, nanoseconds).
fn cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(text.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}
