//! `attache ingest`: read → annotate → store, idempotently.

use crate::Global;
use crate::cmd::{InputArgs, origin_label};
use crate::flow::{self, Item};
use crate::progress::{Progress, megabytes};
use anyhow::Context;
use attache_pipeline::SentenceText;
use attache_readers::{InputSource, collect_sized_inputs};
use attache_store::{BatchPolicy, Store, StoreError, WriteOutcome};
use std::ops::ControlFlow;
use std::process::ExitCode;
use std::time::Instant;

/// Read news files, annotate them and store them; articles already stored (same content) are skipped.
///
/// Every input that fails is named on stderr with its reason; the good ones are stored; the exit code is 1 if
/// anything failed.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Commit after this many articles (smaller batches show progress to other readers sooner).
    #[arg(long, value_name = "N", default_value_t = BatchPolicy::default().max_articles, hide = true)]
    batch_articles: usize,
}

#[derive(Debug, Default)]
struct Tally {
    new: u64,
    skipped: u64,
    renamed: u64,
    failed: u64,
    sentences: u64,
    text_bytes: u64,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let read = args.input.read_options()?;
    // The store derives sentence texts from their offsets.
    let pipeline = args.input.pipeline(SentenceText::Omitted)?;
    let (sources, input_errors) = collect_sized_inputs(&args.input.paths);
    let file_bytes: u64 = sources.iter().filter_map(|input| input.size).sum();
    let reads_stdin = sources.iter().any(|input| input.source == InputSource::Stdin);

    let mut store = Store::open(&global.db).with_context(|| format!("opening {}", global.db.display()))?;
    let policy = BatchPolicy { max_articles: args.batch_articles.max(1), ..BatchPolicy::default() };
    let mut writer = store.writer(policy)?;
    let mut progress = Progress::new("ingest", (!reads_stdin).then_some(file_bytes));
    let mut tally = Tally::default();
    for error in &input_errors {
        tally.failed += 1;
        progress.println(&format!("error: {error}"));
    }

    let mut fatal: Option<StoreError> = None;
    // The store does not need the working tokens.
    let trim = |doc: &mut attache_doc::Doc| doc.tokens = Vec::new();
    flow::run(sources, &read, &pipeline, args.input.threads(), trim, |item| {
        let doc = match item {
            Item::Failed(error) => {
                tally.failed += 1;
                progress.println(&format!("error: {error}"));
                progress.advance(1, 0);
                return ControlFlow::Continue(());
            }
            Item::Doc(doc) => doc,
        };
        let bytes = doc.article.text.len() as u64;
        tally.text_bytes += bytes;
        match writer.write(&doc) {
            Ok(WriteOutcome::Stored { .. }) => {
                tally.new += 1;
                tally.sentences += doc.sentences.len() as u64;
            }
            Ok(WriteOutcome::Renamed { requested, id }) => {
                tally.new += 1;
                tally.renamed += 1;
                tally.sentences += doc.sentences.len() as u64;
                progress.println(&format!(
                    "warning: {}: id `{requested}` already names a different article; stored as `{id}`",
                    origin_label(&doc.article)
                ));
            }
            Ok(WriteOutcome::Duplicate { .. }) => tally.skipped += 1,
            Err(error) if error.concerns_one_article() => {
                tally.failed += 1;
                progress.println(&format!("error: {}: cannot store: {error}", origin_label(&doc.article)));
            }
            Err(error) => {
                fatal = Some(error);
                return ControlFlow::Break(());
            }
        }
        progress.advance(1, bytes);
        ControlFlow::Continue(())
    })?;
    let finished = writer.finish();
    progress.finish();
    if let Some(error) = fatal {
        report(&tally, file_bytes, started, &global.db.display().to_string());
        return Err(error).context("ingest stopped; the articles counted above are stored");
    }
    finished.context("committing the last batch")?;

    let read_bytes = file_bytes + if reads_stdin { tally.text_bytes } else { 0 };
    report(&tally, read_bytes, started, &global.db.display().to_string());
    Ok(if tally.failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn report(tally: &Tally, read_bytes: u64, started: Instant, db: &str) {
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{db}: {} new, {} skipped (already stored), {} failed; {} sentences stored; {} read in {seconds:.2} s ({:.1} MB/s)",
        tally.new,
        tally.skipped,
        tally.failed,
        tally.sentences,
        megabytes(read_bytes),
        read_bytes as f64 / 1e6 / seconds.max(1e-9),
    );
    if tally.renamed > 0 {
        println!("{} articles were stored under a new id because theirs named a different article", tally.renamed);
    }
    if tally.new == 0 && tally.skipped > 0 && tally.failed == 0 {
        println!("nothing new: all {} articles were already stored", tally.skipped);
    }
    if tally.failed > 0 {
        eprintln!("{} inputs or articles failed (named above)", tally.failed);
    }
}
