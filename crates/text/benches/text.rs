//! Throughput of the text stage on realistic news-like text, in MB/s per core.
//!
//! `cargo bench -p attache-text --bench text` builds ≥ 20 MB of articles at start-up from the shared GUM and
//! UD-EWT documents (each rebuilt from its `# text =` lines, paragraphs separated by blank lines; the set
//! repeated) and measures over all of them: `tokenize` (tokens only), `analyze` (tokens + sentences) and
//! `stage` (the full `TextStage` on each `Doc`: sentences with character spans and copied text, as the
//! pipeline runs it); `analyze_one_20mb_text` runs `analyze` on all of it joined into one text. Skips
//! without the data.
//!
//! Time is the benchmark thread's **CPU time** (`/proc/thread-self/schedstat`, wall time where that is
//! missing), so the MB/s reported are per core even on a machine busy with other work.

use attache_doc::{Article, Doc, Stage};
use attache_text::eval::parse_conllu;
use attache_text::{TextStage, analyze, tokenize};
use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};

const TARGET_BYTES: usize = 20 * 1024 * 1024;

/// The shared GUM and UD-EWT documents as articles, repeated until they hold at least 20 MB.
fn corpus() -> Option<Vec<String>> {
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
    let one_pass = documents.clone();
    let mut total: usize = documents.iter().map(String::len).sum();
    while total < TARGET_BYTES {
        total += one_pass.iter().map(String::len).sum::<usize>();
        documents.extend(one_pass.iter().cloned());
    }
    Some(documents)
}

fn bench(c: &mut Criterion<ThreadCpuTime>) {
    let Some(documents) = corpus() else { return };
    let bytes: usize = documents.iter().map(String::len).sum();
    println!("{} articles, {:.1} MB", documents.len(), bytes as f64 / 1e6);
    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("tokenize", |b| {
        b.iter(|| documents.iter().map(|text| tokenize(black_box(text)).len()).sum::<usize>())
    });
    group.bench_function("analyze", |b| {
        b.iter(|| documents.iter().map(|text| analyze(black_box(text)).sentences.len()).sum::<usize>())
    });
    let articles: Vec<Article> =
        documents.iter().map(|text| Article { text: text.clone(), ..Default::default() }).collect();
    group.bench_function("stage", |b| {
        b.iter_batched(
            || articles.iter().cloned().map(Doc::new).collect::<Vec<_>>(),
            |mut docs| {
                for doc in &mut docs {
                    TextStage::default().annotate(doc);
                }
                docs
            },
            criterion::BatchSize::PerIteration,
        )
    });
    // One 20 MB text: the cost of very long inputs.
    let whole = documents.join("\n\n");
    group.bench_function("analyze_one_20mb_text", |b| b.iter(|| analyze(black_box(&whole)).sentences.len()));
    group.finish();
}

/// Nanoseconds this thread has run on a CPU.
fn thread_cpu_nanos() -> Option<u64> {
    let schedstat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    schedstat.split_whitespace().next()?.parse().ok()
}

/// Criterion measurement: CPU time of the benchmark thread, in nanoseconds.
struct ThreadCpuTime {
    origin: Instant,
}

impl Measurement for ThreadCpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        thread_cpu_nanos().unwrap_or_else(|| self.origin.elapsed().as_nanos() as u64)
    }
    fn end(&self, start: u64) -> u64 {
        self.start().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuTimeFormatter
    }
}

struct CpuTimeFormatter;

impl ValueFormatter for CpuTimeFormatter {
    fn scale_values(&self, _typical: f64, values: &mut [f64]) -> &'static str {
        values.iter_mut().for_each(|v| *v /= 1e6);
        "ms cpu"
    }
    fn scale_throughputs(&self, _typical: f64, throughput: &Throughput, values: &mut [f64]) -> &'static str {
        let (amount, unit) = match *throughput {
            Throughput::Bytes(bytes) | Throughput::BytesDecimal(bytes) => (bytes as f64 / 1e6, "MB/s/core"),
            Throughput::Elements(n) | Throughput::ElementsAndBytes { elements: n, .. } => (n as f64, "elem/s/core"),
            Throughput::Bits(bits) => (bits as f64 / 1e6, "Mbit/s/core"),
        };
        values.iter_mut().for_each(|v| *v = amount / (*v / 1e9));
        unit
    }
    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(ThreadCpuTime { origin: Instant::now() });
    targets = bench
}
criterion_main!(benches);
