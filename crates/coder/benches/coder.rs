//! Event-coding throughput on real wire sentences (the ConfliBERT CAMEO sentences in the shared data) with
//! attache's default dictionaries and with the Phoenix dictionaries, plus dictionary load-and-compile time.
//! Criterion reports sentences per second (one thread). Skips quietly when the shared data is absent.
//! Run: `cargo bench -p attache-coder --bench coder`; for ≥ 100,000 sentences and peak memory use
//! `/usr/bin/time -v target/release/examples/throughput phoenix code 100000` (see docs/coder-benchmarks.md).

use attache_coder::{Carry, Coder, eval};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::path::PathBuf;

fn sentences() -> Option<Vec<String>> {
    let path = attache_testkit::shared_path("data/conflibert/cameo_class/train.tsv")?;
    let text = std::fs::read_to_string(path).ok()?;
    Some(text.lines().filter_map(|l| l.split('\t').next()).filter(|s| !s.is_empty()).map(str::to_string).collect())
}

fn petrarch_dir() -> Option<PathBuf> {
    attache_testkit::shared_path("data/petrarch")
}

fn phoenix(dir: &std::path::Path) -> Coder {
    let read = |name: &str| {
        std::fs::read(dir.join(name)).map(|b| attache_dict::decode(&b).into_owned()).map_err(|e| format!("{name}: {e}"))
    };
    eval::petrarch::phoenix(&read).expect("Phoenix dictionaries")
}

fn bench(c: &mut Criterion) {
    let Some(sentences) = sentences() else { return };
    let mut coders = vec![("default", Coder::default_english().expect("default dictionaries"))];
    if let Some(dir) = petrarch_dir() {
        coders.push(("phoenix", phoenix(&dir)));
    }
    let mut group = c.benchmark_group("code_sentences");
    group.throughput(Throughput::Elements(sentences.len() as u64));
    group.sample_size(20);
    for (name, coder) in &coders {
        group.bench_function(*name, |b| {
            b.iter(|| {
                let mut events = 0;
                for s in &sentences {
                    events += coder.code_text(s, None, &mut Carry::default()).0.events.len();
                }
                events
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("load_dictionaries");
    group.sample_size(10);
    group.bench_function("default", |b| b.iter(|| Coder::default_english().expect("default dictionaries")));
    if let Some(dir) = petrarch_dir() {
        group.bench_function("phoenix", |b| b.iter(|| phoenix(&dir)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
