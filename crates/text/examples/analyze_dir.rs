//! Runs the text stage's `analyze` over every file below a directory and prints the CPU-bound throughput — a
//! harness for profiling the tokenizer and segmenter alone, without reading, hashing or storing:
//!
//! `cargo build --release -p attache-text --example analyze_dir`, then
//! `valgrind --tool=callgrind target/release/examples/analyze_dir DIR` (instruction counts are deterministic,
//! unlike timings on a shared machine) or `perf record target/release/examples/analyze_dir DIR`.
use std::path::Path;

fn read_texts(dir: &Path, texts: &mut Vec<String>) -> std::io::Result<()> {
    let mut paths = std::fs::read_dir(dir)?.map(|entry| entry.map(|e| e.path())).collect::<Result<Vec<_>, _>>()?;
    paths.sort();
    for path in paths {
        if path.is_dir() {
            read_texts(&path, texts)?;
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            texts.push(text);
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: analyze_dir DIRECTORY");
        std::process::exit(2);
    };
    let mut texts = Vec::new();
    read_texts(Path::new(&dir), &mut texts)?;
    let started = std::time::Instant::now();
    let (mut tokens, mut sentences) = (0, 0);
    for text in &texts {
        let analysis = attache_text::analyze(text);
        tokens += analysis.tokens.len();
        sentences += analysis.sentences.len();
    }
    let seconds = started.elapsed().as_secs_f64();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} texts, {bytes} bytes, {tokens} tokens, {sentences} sentences: {seconds:.3} s, {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6 / seconds
    );
    Ok(())
}
