//! Read → annotate in parallel → hand on in input order.
//!
//! Three stages run at once: a reader thread groups inputs into chunks, a rayon pool annotates each chunk (many
//! small files are read in parallel too), and the caller's thread consumes the results — storing or printing —
//! strictly in input order. Bounded channels keep memory flat: at most a few chunks are in flight.

use attache_doc::{Article, Doc};
use attache_pipeline::Pipeline;
use attache_readers::{Articles, ReadError, ReadOptions, SizedInput, read_source};
use rayon::prelude::*;
use std::ops::ControlFlow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// One result, in input order.
pub enum Item {
    Doc(Box<Doc>),
    Failed(ReadError),
}

/// Files up to this size are read by the pool worker that annotates them; bigger ones (and standard input) are
/// streamed by the reader thread, and their records annotated in parallel.
const SMALL_FILE: u64 = 256 << 10;
/// A chunk closes at this many bytes of input…
const CHUNK_BYTES: u64 = 4 << 20;
/// …or this many units.
const CHUNK_UNITS: usize = 512;
/// Chunks waiting between stages.
const IN_FLIGHT: usize = 2;

enum Unit {
    /// A small input (named by its label), read whole by a worker.
    Source(String, Articles),
    /// One record of a streamed input.
    Record(Result<Article, ReadError>),
}

/// Reads `sources`, annotates every article with `pipeline` on `threads` threads, applies `trim` to each document
/// (on the annotating thread: dropping what the consumer does not need there keeps the consumer's thread, often
/// the bottleneck, free of that work), and calls `sink` with each result in input order until it returns `Break`.
pub fn run(
    sources: Vec<SizedInput>,
    read: &ReadOptions,
    pipeline: &Pipeline,
    threads: usize,
    trim: impl Fn(&mut Doc) + Sync,
    mut sink: impl FnMut(Item) -> ControlFlow<()>,
) -> anyhow::Result<()> {
    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(threads.max(1)).thread_name(|i| format!("annotate-{i}")).build()?;
    let trim = &trim;
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (chunk_tx, chunk_rx) = sync_channel::<Vec<Unit>>(IN_FLIGHT);
        let (items_tx, items_rx) = sync_channel::<Vec<Item>>(IN_FLIGHT);
        std::thread::Builder::new()
            .name("read".into())
            .spawn_scoped(scope, move || read_chunks(sources, read, chunk_tx))?;
        std::thread::Builder::new()
            .name("annotate".into())
            .spawn_scoped(scope, move || annotate_chunks(chunk_rx, items_tx, &pool, pipeline, trim))?;
        for items in items_rx {
            for item in items {
                if sink(item).is_break() {
                    // Dropping the receiver stops the annotator, which stops the reader.
                    return Ok(());
                }
            }
        }
        Ok(())
    })
}

fn read_chunks(sources: Vec<SizedInput>, read: &ReadOptions, chunks: SyncSender<Vec<Unit>>) {
    let mut chunk = Vec::new();
    let mut chunk_bytes = 0u64;
    let mut push = |unit: Unit, bytes: u64, chunk: &mut Vec<Unit>| -> bool {
        chunk.push(unit);
        chunk_bytes += bytes.max(1);
        if chunk_bytes >= CHUNK_BYTES || chunk.len() >= CHUNK_UNITS {
            chunk_bytes = 0;
            return chunks.send(std::mem::take(chunk)).is_ok();
        }
        true
    };
    for SizedInput { source, size } in sources {
        let articles = read_source(&source, read);
        if let Some(size) = size.filter(|&size| size <= SMALL_FILE) {
            if !push(Unit::Source(source.label(), articles), size, &mut chunk) {
                return;
            }
            continue;
        }
        for record in guarded(articles, &source.label()) {
            let bytes = record.as_ref().map(|article| article.text.len() as u64).unwrap_or(1);
            if !push(Unit::Record(record), bytes, &mut chunk) {
                return;
            }
        }
    }
    if !chunk.is_empty() {
        let _ = chunks.send(chunk);
    }
}

fn annotate_chunks(
    chunks: Receiver<Vec<Unit>>,
    items: SyncSender<Vec<Item>>,
    pool: &rayon::ThreadPool,
    pipeline: &Pipeline,
    trim: &(impl Fn(&mut Doc) + Sync),
) {
    for chunk in chunks {
        let annotated: Vec<Vec<Item>> = pool.install(|| {
            chunk
                .into_par_iter()
                .with_max_len(1)
                .map(|unit| match unit {
                    Unit::Source(label, articles) => {
                        guarded(articles, &label).map(|record| annotate(record, pipeline, trim)).collect()
                    }
                    Unit::Record(record) => vec![annotate(record, pipeline, trim)],
                })
                .collect()
        });
        if items.send(annotated.into_iter().flatten().collect()).is_err() {
            return;
        }
    }
}

fn annotate(record: Result<Article, ReadError>, pipeline: &Pipeline, trim: &impl Fn(&mut Doc)) -> Item {
    let article = match record {
        Ok(article) => article,
        Err(error) => return Item::Failed(error),
    };
    let origin = article.origin.clone().unwrap_or_default();
    match catch_unwind(AssertUnwindSafe(|| pipeline.annotate(article))) {
        Ok(mut doc) => {
            trim(&mut doc);
            Item::Doc(Box::new(doc))
        }
        Err(_) => Item::Failed(ReadError {
            path: origin.path,
            record: origin.record,
            line: None,
            cause: "internal error: an annotation stage panicked on this article (please report it)".into(),
        }),
    }
}

/// Iterates a reader, turning a panic inside it (a bug) into one error that ends that input.
fn guarded<'a>(mut articles: Articles, label: &'a str) -> impl Iterator<Item = Result<Article, ReadError>> + 'a {
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        match catch_unwind(AssertUnwindSafe(|| articles.next())) {
            Ok(next) => next,
            Err(_) => {
                done = true;
                Some(Err(ReadError::whole(
                    label,
                    "internal error: the reader panicked on this input (please report it)",
                )))
            }
        }
    })
}
