//! Sentences per second for themes + tone on real wire sentences (the ConfliBERT CAMEO-class sentences and the
//! acceptance article, read from the shared data at run time), and the check that the cost per sentence does
//! not grow with the taxonomy: the same sentences against the shipped taxonomy and against one 40 times larger.
//!
//! `cargo bench -p attache-themes --bench themes_tone`

use attache_doc::{Article, Doc, Stage};
use attache_themes::{Lexicon, Taxonomy, ThemeStage};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn wire_sentences() -> Option<Vec<String>> {
    let path = attache_testkit::shared_path("data/conflibert/cameo_class/train.tsv")?;
    let text = std::fs::read_to_string(&path).ok()?;
    Some(
        text.lines()
            .filter_map(|line| line.trim_end_matches('\r').rsplit_once('\t').map(|(sentence, _)| sentence.to_string()))
            .collect(),
    )
}

/// A taxonomy of `themes` made-up themes, five two-word phrases each, plus guards: only size matters here.
fn synthetic_taxonomy(themes: usize) -> Taxonomy {
    let mut source = String::new();
    let word = |i: usize| format!("zq{}x{}", i * 7919 % 100_003, i % 17);
    for t in 0..themes {
        let phrases: Vec<String> = (0..5).map(|p| format!("\"{} {}\"", word(t * 5 + p), word(t + p + 1))).collect();
        source.push_str(&format!(
            "[[theme]]\nid = \"SYN{t}\"\nlabel = \"s\"\n[[theme.rule]]\nphrases = [{}]\nrequires = [\"{}\"]\n",
            phrases.join(", "),
            word(t + 99_000)
        ));
    }
    Taxonomy::parse(&source, "synthetic").expect("synthetic taxonomy parses")
}

fn bench(c: &mut Criterion) {
    let Some(sentences) = wire_sentences() else { return };
    let stage = ThemeStage::default();

    let mut group = c.benchmark_group("themes+tone");
    group.throughput(Throughput::Elements(sentences.len() as u64));
    group.bench_function("analyze wire sentences (shipped taxonomy)", |b| {
        b.iter(|| {
            for sentence in &sentences {
                black_box(stage.analyze(black_box(sentence)));
            }
        })
    });

    let mut large = Taxonomy::builtin();
    large.extend(synthetic_taxonomy(40 * large.themes.len()));
    let large_stage = ThemeStage::new(large, Lexicon::builtin()).expect("large taxonomy compiles");
    println!(
        "patterns: shipped {} / 40x taxonomy {} ({} themes)",
        stage.pattern_count(),
        large_stage.pattern_count(),
        large_stage.taxonomy().themes.len()
    );
    group.bench_function("analyze wire sentences (40x taxonomy)", |b| {
        b.iter(|| {
            for sentence in &sentences {
                black_box(large_stage.analyze(black_box(sentence)));
            }
        })
    });

    // The pipeline path: a document already split and tokenised by the text stage.
    let wire_doc = {
        let mut doc = Doc::new(Article { text: sentences.join("\n\n"), ..Default::default() });
        text_stage().annotate(&mut doc);
        doc
    };
    group.throughput(Throughput::Elements(wire_doc.sentences.len() as u64));
    group.bench_function("stage on a tokenised document", |b| {
        b.iter_batched_ref(|| wire_doc.clone(), |doc| stage.annotate(doc), BatchSize::LargeInput)
    });
    group.finish();

    let mut build = c.benchmark_group("compile");
    build.sample_size(10);
    build.bench_function("shipped taxonomy + lexicon", |b| b.iter(ThemeStage::default));
    build.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

/// The text stage, built the way any stage is (it is a unit struct today but may gain compiled resources).
#[allow(clippy::default_constructed_unit_structs)]
fn text_stage() -> attache_text::TextStage {
    attache_text::TextStage::default()
}
