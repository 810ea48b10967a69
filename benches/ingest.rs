//! Ingest throughput: `cargo bench --bench ingest`.
//!
//! Builds a plain-text corpus (default 200 MB; `ATTACHE_BENCH_MB` to change) from the raw sentences of the
//! shared GUM, UD-EWT and ConfliBERT data — read at run time, written under cargo's target tmp dir, never into
//! the repository — then runs the release binary on it:
//!
//! - `attache code DIR --threads T > /dev/null` (read + annotate, no store), and
//! - `attache --db FRESH ingest DIR --threads T` (read + annotate + store),
//!
//! for each T in `ATTACHE_BENCH_THREADS` (default `1,2`), and once the first `attache articles --search`, which
//! builds the full-text index (`search1`). It prints wall-clock MB/s and MB per CPU-second (user +
//! system time of the child): with `--threads 1` the reader and store threads still run beside the annotating
//! one, so the per-CPU-second figure is the per-core cost. Both run with `--stages text` (the text stage the
//! throughput goal is set for); `ATTACHE_BENCH_STAGES=all` runs the whole default pipeline, or name stages.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ATTACHE: &str = env!("CARGO_BIN_EXE_attache");
const TARGET_TMP: &str = env!("CARGO_TARGET_TMPDIR");
const ARTICLES_PER_DIR: usize = 1_000;

fn main() {
    let megabytes: u64 = std::env::var("ATTACHE_BENCH_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let threads: Vec<u16> = std::env::var("ATTACHE_BENCH_THREADS")
        .unwrap_or_else(|_| "1,2".into())
        .split(',')
        .filter_map(|t| t.trim().parse().ok())
        .collect();
    // The figure the project tracks is for the text stage; `all` runs the default pipeline.
    let stages = std::env::var("ATTACHE_BENCH_STAGES").unwrap_or_else(|_| "text".into());
    let stage_args: Vec<String> = if stages == "all" { Vec::new() } else { vec!["--stages".into(), stages.clone()] };
    let Some(sentences) = shared_sentences() else { return };
    let corpus = Path::new(TARGET_TMP).join(format!("ingest-corpus-{megabytes}MB"));
    let bytes = build_corpus(&corpus, &sentences, megabytes * 1_000_000);
    let files = count_files(&corpus);
    println!("corpus: {} ({files} .txt files, {:.1} MB)", corpus.display(), bytes as f64 / 1e6);
    println!("binary: {ATTACHE}, stages: {stages}");
    println!();
    println!("{:<8} {:>7} {:>9} {:>9} {:>8} {:>14}", "command", "threads", "wall s", "cpu s", "MB/s", "MB/cpu-second");

    for &t in &threads {
        let (wall, cpu) = timed(
            Command::new(ATTACHE).arg("code").arg(&corpus).args(["--threads", &t.to_string()]).args(&stage_args),
            true,
        );
        print_row("code", t, bytes, wall, cpu);

        let db_dir = tempfile::tempdir_in(TARGET_TMP).expect("temp dir");
        let db = db_dir.path().join("bench.db");
        let (wall, cpu) = timed(
            Command::new(ATTACHE)
                .arg("--db")
                .arg(&db)
                .arg("ingest")
                .arg(&corpus)
                .args(["--threads", &t.to_string()])
                .args(&stage_args),
            false,
        );
        print_row("ingest", t, bytes, wall, cpu);
        if t == threads[0] {
            // The first search builds the full-text index that ingest leaves to it (docs/store.md).
            let (wall, cpu) =
                timed(Command::new(ATTACHE).arg("--db").arg(&db).args(["articles", "--search", "minister"]), true);
            print_row("search1", 1, bytes, wall, cpu);
        }
        let db_size: u64 = ["", "-wal"]
            .iter()
            .filter_map(|suffix| fs::metadata(format!("{}{suffix}", db.display())).ok())
            .map(|m| m.len())
            .sum();
        println!("{:<8} database {:.1} MB", "", db_size as f64 / 1e6);
    }
}

fn print_row(command: &str, threads: u16, bytes: u64, wall: Duration, cpu: Duration) {
    let mb = bytes as f64 / 1e6;
    println!(
        "{command:<8} {threads:>7} {:>9.2} {:>9.2} {:>8.1} {:>14.1}",
        wall.as_secs_f64(),
        cpu.as_secs_f64(),
        mb / wall.as_secs_f64(),
        mb / cpu.as_secs_f64()
    );
}

/// Runs a command to completion; returns its wall time and its CPU time (user + system).
fn timed(command: &mut Command, discard_stdout: bool) -> (Duration, Duration) {
    if discard_stdout {
        command.stdout(Stdio::null());
    }
    let cpu_before = children_cpu();
    let started = Instant::now();
    let output = command.stderr(Stdio::piped()).output().expect("run attache");
    let wall = started.elapsed();
    assert!(output.status.success(), "{command:?} failed:\n{}", String::from_utf8_lossy(&output.stderr));
    if !discard_stdout {
        print!("         {}", String::from_utf8_lossy(&output.stdout));
    }
    (wall, children_cpu() - cpu_before)
}

fn children_cpu() -> Duration {
    // SAFETY: getrusage only writes the struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let time = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// Raw sentences from the shared corpora: CoNLL-U `# text =` lines and the ConfliBERT sentence column.
fn shared_sentences() -> Option<Vec<String>> {
    let gum = attache_testkit::shared_path("data/gum")?;
    let ewt = attache_testkit::shared_path("data/ud-ewt")?;
    let conflibert = attache_testkit::shared_path("data/conflibert/cameo_class/train.tsv")?;
    let mut sentences = Vec::new();
    for dir in [gum, ewt] {
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .expect("read shared dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "conllu"))
            .collect();
        files.sort();
        for file in files {
            let text = fs::read_to_string(&file).expect("read conllu");
            sentences.extend(text.lines().filter_map(|l| l.strip_prefix("# text = ")).map(str::to_string));
        }
    }
    let tsv = fs::read_to_string(&conflibert).expect("read conflibert");
    sentences.extend(tsv.lines().filter_map(|l| l.split('\t').next()).filter(|s| !s.is_empty()).map(str::to_string));
    sentences.retain(|s| s.len() > 20);
    Some(sentences)
}

/// Writes plain-text articles of random paragraphs until `target` bytes; reuses a complete earlier build (the
/// generator is seeded, so the corpus is the same every time).
fn build_corpus(dir: &Path, sentences: &[String], target: u64) -> u64 {
    let done = dir.join("COMPLETE");
    if let Ok(recorded) = fs::read_to_string(&done)
        && let Ok(bytes) = recorded.trim().parse()
    {
        return bytes;
    }
    let _ = fs::remove_dir_all(dir);
    let mut rng = SplitMix(0x00a7_7ac4e);
    let mut written = 0u64;
    let mut n = 0usize;
    while written < target {
        let sub = dir.join(format!("{:03}", n / ARTICLES_PER_DIR));
        if n.is_multiple_of(ARTICLES_PER_DIR) {
            fs::create_dir_all(&sub).expect("create corpus dir");
        }
        let mut text = String::new();
        let title = &sentences[rng.below(sentences.len())];
        text.push_str(&format!("{} ({n})\n", title.trim_end_matches(['.', '!', '?'])));
        text.push_str(&format!("published: 2025-{:02}-{:02}\n", 1 + rng.below(12), 1 + rng.below(28)));
        text.push_str(&format!("source: Bench Wire {}\n\n", rng.below(20)));
        for paragraph in 0..4 + rng.below(12) {
            if paragraph > 0 {
                text.push_str("\n\n");
            }
            for i in 0..2 + rng.below(5) {
                if i > 0 {
                    text.push(' ');
                }
                text.push_str(&sentences[rng.below(sentences.len())]);
            }
        }
        text.push('\n');
        let path = sub.join(format!("article-{n:06}.txt"));
        let mut file = BufWriter::new(fs::File::create(&path).expect("create article"));
        file.write_all(text.as_bytes()).expect("write article");
        written += text.len() as u64;
        n += 1;
    }
    fs::write(&done, written.to_string()).expect("mark corpus complete");
    written
}

fn count_files(dir: &Path) -> usize {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| if e.path().is_dir() { count_files(&e.path()) } else { 1 })
                .sum::<usize>()
        })
        .unwrap_or(0)
        .saturating_sub(usize::from(dir.join("COMPLETE").exists()))
}

/// A small seeded generator (SplitMix64): the corpus must be identical on every machine and run.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
