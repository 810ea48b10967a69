//! Throughput of the text stage on realistic news-like text, in MB/s per core.
//!
//! `cargo bench -p attache-text --bench text` builds ≥ 20 MB of text at start-up from the shared GUM and
//! UD-EWT documents (rebuilt from their `# text =` lines, paragraphs separated by blank lines, repeated) and
//! measures: `tokenize` (tokens only), `analyze` (tokens + sentences) and `stage` (the full `TextStage` on a
//! `Doc`: sentences with character spans and copied text, as the pipeline runs it). Skips without the data.

use attache_doc::{Article, Doc, Stage};
use attache_text::eval::parse_conllu;
use attache_text::{TextStage, analyze, tokenize};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const TARGET_BYTES: usize = 20 * 1024 * 1024;

fn corpus() -> Option<String> {
    let gum = attache_testkit::shared_path("data/gum")?;
    let mut paths: Vec<_> = std::fs::read_dir(&gum)
        .expect("list GUM")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "conllu"))
        .collect();
    paths.sort();
    if let Some(ewt) = attache_testkit::shared_path("data/ud-ewt") {
        paths.extend(["dev", "test", "train"].map(|split| ewt.join(format!("en_ewt-ud-{split}.conllu"))));
    }
    let mut documents = Vec::new();
    for path in &paths {
        let contents = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let parsed = parse_conllu(&path.display().to_string(), &contents).unwrap_or_else(|e| panic!("{e}"));
        documents.extend(parsed.into_iter().map(|d| d.text));
    }
    let mut text = String::with_capacity(TARGET_BYTES + 1_000_000);
    while text.len() < TARGET_BYTES {
        for document in &documents {
            text.push_str(document);
            text.push_str("\n\n");
        }
    }
    Some(text)
}

fn bench(c: &mut Criterion) {
    let Some(text) = corpus() else { return };
    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("tokenize", |b| b.iter(|| tokenize(black_box(&text)).len()));
    group.bench_function("analyze", |b| b.iter(|| analyze(black_box(&text)).sentences.len()));
    let article = Article { text: text.clone(), ..Default::default() };
    group.bench_function("stage", |b| {
        b.iter_batched(
            || Doc::new(article.clone()),
            |mut doc| {
                TextStage.annotate(&mut doc);
                doc.sentences.len()
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
