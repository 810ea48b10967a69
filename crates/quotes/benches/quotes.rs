//! The quotes stage on invented articles of growing length: time per article should grow linearly with the
//! text (criterion reports throughput in bytes; it should stay flat across sizes).
//! Run: `cargo bench -p attache-quotes --bench quotes`.

use attache_doc::{Article, Doc, Stage};
use attache_quotes::QuoteStage;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// Paragraphs in the shapes news uses: direct, partial, multi-paragraph and indirect quotes, appositions,
/// pronouns, role descriptions, places and organisations.
const PARAGRAPHS: [&str; 6] = [
    "Foreign Minister Anna Berg of Nordmark met her counterpart in Geneva on Monday. “We will not give up the talks,” Berg said after the meeting at the Palace of Nations.",
    "Ivo Brandt, spokesman for the Nordmark Foreign Ministry, said the embassy in Lima would stay open. The spokesman added that staff had been reduced.",
    "Professor Lena Ortiz of Valdemar University described the outcome as “a fragile but real step” and warned that sanctions could return within weeks.",
    "“The first thing to say is that nobody expected a deal this early.",
    "“The second is that it will be tested,” she told reporters in Oslo, according to a transcript released by the ministry.",
    "Officials in Washington said the United States would send an envoy, while the European Union called for “restraint on all sides”.",
];

fn article(paragraphs: usize) -> Doc {
    let text: Vec<&str> = PARAGRAPHS.iter().copied().cycle().take(paragraphs).collect();
    let mut doc = Doc::new(Article { text: text.join("\n\n"), ..Default::default() });
    attache_text::TextStage::default().annotate(&mut doc);
    doc
}

fn bench(c: &mut Criterion) {
    let stage = QuoteStage::default();
    let mut group = c.benchmark_group("quotes_stage");
    for paragraphs in [12, 120, 1200] {
        let doc = article(paragraphs);
        group.throughput(Throughput::Bytes(doc.text().len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(paragraphs), &doc, |b, doc| {
            b.iter_batched(|| doc.clone(), |mut doc| stage.annotate(&mut doc), criterion::BatchSize::LargeInput)
        });
    }
    group.finish();

    // No full stop anywhere, reporting verbs and stray marks throughout: every bounded search hits its bound.
    let mut group = c.benchmark_group("quotes_stage_one_long_sentence");
    for words in [2_000, 20_000] {
        let piece = "officials said that the talks “would go on and Berg told reporters that ";
        let text: String = piece.repeat(words / 12);
        let mut doc = Doc::new(Article { text, ..Default::default() });
        attache_text::TextStage::default().annotate(&mut doc);
        group.throughput(Throughput::Bytes(doc.text().len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(words), &doc, |b, doc| {
            b.iter_batched(|| doc.clone(), |mut doc| stage.annotate(&mut doc), criterion::BatchSize::LargeInput)
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
