//! The signals stage alone, on documents the earlier stages have already annotated: per-article cost.
//! Run: `cargo bench -p attache-signals --bench signals`.

use attache_coder::{Coder, CoderStage};
use attache_doc::{Article, Doc, Stage};
use attache_quotes::QuoteStage;
use attache_signals::{Lexicon, SignalStage};
use criterion::{Criterion, criterion_group, criterion_main};
use std::sync::Arc;

/// Our own invented wire copy: a cue in every other sentence, the rest plain reporting.
const PARAGRAPH: &str = "Ministers from both countries met in Geneva on Tuesday and agreed to keep talking. \
\"Any new export controls on chips would signal that the truce is failing,\" said Professor Lin Hao of Fudan University. \
Officials said the delegation would return next month. If Washington sells more weapons to Taiwan, relations will \
deteriorate, analysts warned. Beijing imposed sanctions on three defence firms last week. Tariff cuts would be \
necessary to show good faith, Lin added.\n\n";

fn prepared(text: &str, stages: &[Box<dyn Stage>]) -> Doc {
    let mut doc = Doc::new(Article { text: text.into(), published: Some("2026-02-05".into()), ..Default::default() });
    for stage in stages {
        stage.annotate(&mut doc);
    }
    doc
}

fn bench(c: &mut Criterion) {
    let coder = Arc::new(Coder::default_english().unwrap());
    let before: Vec<Box<dyn Stage>> = vec![
        Box::new(attache_text::TextStage::default()),
        Box::new(CoderStage::shared(Arc::clone(&coder))),
        Box::new(QuoteStage::new(None)),
    ];
    let signals = SignalStage::new(Lexicon::default_english(), coder);
    let mut group = c.benchmark_group("signals");
    let article = prepared(&PARAGRAPH.repeat(10), &before);
    group.throughput(criterion::Throughput::Bytes(article.text().len() as u64));
    let run = |b: &mut criterion::Bencher, doc: &Doc| {
        b.iter_batched_ref(|| doc.clone(), |doc| signals.annotate(doc), criterion::BatchSize::SmallInput)
    };
    group.bench_function("60 sentences, 30 cues", |b| run(b, &article));
    if let Some(path) = attache_testkit::shared_path("corpus/sino-us-call/article.txt") {
        let text = std::fs::read_to_string(path).unwrap();
        let article = prepared(&text, &before);
        group.throughput(criterion::Throughput::Bytes(article.text().len() as u64));
        group.bench_function("sino-us-call article", |b| run(b, &article));
    }
    group.throughput(criterion::Throughput::Elements(1));
    group.bench_function("compile the lexicons", |b| b.iter(Lexicon::default_english));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
