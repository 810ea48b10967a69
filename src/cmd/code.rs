//! `attache code`: annotate and print one JSON object per article (the contract in docs/code-json.md).

use crate::Global;
use crate::cmd::filters::ColorWhen;
use crate::cmd::{InputArgs, is_broken_pipe};
use crate::flow::{self, Item};
use attache_coder::explain::{Marking, SentenceContext, render_event, render_event_in};
use attache_pipeline::SentenceText;
use attache_readers::collect_sized_inputs;
use std::io::{BufWriter, Write};
use std::ops::ControlFlow;
use std::process::ExitCode;

/// Annotate articles and print each as one JSON object per line (JSON Lines), in input order; no database.
///
/// The object's fields are documented in docs/code-json.md. Errors go to stderr; the exit code is 1 if any
/// input failed.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Indent each object over several lines (no longer one object per line).
    #[arg(long)]
    pretty: bool,
    /// Instead of JSON, print for people why each event was coded: the sentence with source, target, verb and
    /// date marked, the dictionary entries, the pattern and the rule that fired (as `attache why`).
    #[arg(long, conflicts_with = "pretty")]
    explain: bool,
    /// With --explain: colour the marked words (auto: on a terminal, unless NO_COLOR is set).
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN", requires = "explain")]
    color: ColorWhen,
}

pub fn run(args: Args, _global: &Global) -> anyhow::Result<ExitCode> {
    let read = args.input.read_options()?;
    let (sources, input_errors) = collect_sized_inputs(&args.input.paths);
    let mut failed = input_errors.len();
    for error in &input_errors {
        eprintln!("error: {error}");
    }
    let pipeline = args.input.pipeline(SentenceText::Copied)?;
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut write_error: Option<std::io::Error> = None;
    let drop_tokens = |doc: &mut attache_doc::Doc| doc.tokens = Vec::new();
    let marking = args.color.marking();
    flow::run(sources, &read, &pipeline, args.input.threads(), drop_tokens, |item| {
        let doc = match item {
            Item::Doc(doc) => doc,
            Item::Failed(error) => {
                failed += 1;
                eprintln!("error: {error}");
                return ControlFlow::Continue(());
            }
        };
        let written = if args.explain {
            out.write_all(explain(&doc, marking).as_bytes())
        } else if args.pretty {
            serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n"))
        } else {
            serde_json::to_writer(&mut out, &doc).map_err(std::io::Error::from).and_then(|()| out.write_all(b"\n"))
        };
        match written {
            Ok(()) => ControlFlow::Continue(()),
            Err(error) => {
                write_error = Some(error);
                ControlFlow::Break(())
            }
        }
    })?;
    let flushed = out.flush();
    match write_error.map_or(flushed, Err) {
        Err(error) if is_broken_pipe(&error) => {}
        Err(error) => return Err(error.into()),
        Ok(()) => {}
    }
    Ok(if failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// One article's events explained for a person: a header line, then each event in its sentence.
fn explain(doc: &attache_doc::Doc, marking: Marking) -> String {
    let article = &doc.article;
    let mut text = format!("article {}", article.id);
    if let Some(published) = &article.published {
        text.push_str(&format!(", published {published}"));
    }
    if let Some(title) = &article.title {
        text.push_str(&format!(": {title}"));
    }
    text.push_str(&match doc.events.len() {
        0 => " — no events\n".to_string(),
        1 => " — 1 event\n".to_string(),
        n => format!(" — {n} events\n"),
    });
    for event in &doc.events {
        text.push('\n');
        match doc.sentences.get(event.sentence as usize) {
            Some(sentence) => {
                let context = SentenceContext { text: &sentence.text, start: sentence.start, marking };
                text.push_str(&render_event_in(event, context));
            }
            None => text.push_str(&render_event(event)),
        }
    }
    text.push('\n');
    text
}
