//! `attache code`: annotate and print one JSON object per article (the contract in docs/code-json.md).

use crate::Global;
use crate::cmd::{InputArgs, is_broken_pipe};
use crate::flow::{self, Item};
use attache_readers::collect_inputs;
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
}

pub fn run(args: Args, _global: &Global) -> anyhow::Result<ExitCode> {
    let read = args.input.read_options()?;
    let (sources, input_errors) = collect_inputs(&args.input.paths);
    let mut failed = input_errors.len();
    for error in &input_errors {
        eprintln!("error: {error}");
    }
    let pipeline = args.input.pipeline()?;
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut write_error: Option<std::io::Error> = None;
    let drop_tokens = |doc: &mut attache_doc::Doc| doc.tokens = Vec::new();
    flow::run(sources, &read, &pipeline, args.input.threads(), drop_tokens, |item| {
        let doc = match item {
            Item::Doc(doc) => doc,
            Item::Failed(error) => {
                failed += 1;
                eprintln!("error: {error}");
                return ControlFlow::Continue(());
            }
        };
        let written = if args.pretty {
            serde_json::to_writer_pretty(&mut out, &doc)
        } else {
            serde_json::to_writer(&mut out, &doc)
        };
        match written.map_err(std::io::Error::from).and_then(|()| out.write_all(b"\n")) {
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
