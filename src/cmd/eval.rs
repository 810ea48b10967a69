//! `attache eval tabari PATH` and `attache eval petrarch PATH`: score the event coder on its peers' own suites,
//! coding every record from raw text with the suite's own dictionaries and options (see `docs/eval.md`).

use crate::Global;
use anyhow::Context;
use attache_coder::eval;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Score the event coder on TABARI's validation suite or PETRARCH's unit tests.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    suite: Suite,
}

#[derive(Debug, clap::Subcommand)]
enum Suite {
    /// TABARI's validation project (e.g. Validate.project); the files it names are read beside it.
    Tabari {
        #[arg(value_name = "PROJECT")]
        path: PathBuf,
        /// Print every record that was not coded exactly as expected.
        #[arg(long)]
        failures: bool,
    },
    /// PETRARCH's unit-test records (PETR.UnitTest.records.xml); its dictionaries are read beside it.
    Petrarch {
        #[arg(value_name = "RECORDS")]
        path: PathBuf,
        /// Print every record that was not coded exactly as expected.
        #[arg(long)]
        failures: bool,
    },
}

fn reader(dir: &Path) -> impl Fn(&str) -> Result<String, String> + '_ {
    move |name: &str| {
        let path = dir.join(name);
        std::fs::read(&path)
            .map(|bytes| attache_dict::decode(&bytes).into_owned())
            .map_err(|e| format!("{}: {e}", path.display()))
    }
}

pub fn run(args: Args, _global: &Global) -> anyhow::Result<ExitCode> {
    let (path, failures, tabari) = match args.suite {
        Suite::Tabari { path, failures } => (path, failures, true),
        Suite::Petrarch { path, failures } => (path, failures, false),
    };
    let text = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let text = attache_dict::decode(&text).into_owned();
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let read = reader(&dir);
    let report = if tabari { eval::tabari::run(&text, &name, &read) } else { eval::petrarch::run(&text, &name, &read) }
        .map_err(|e| anyhow::anyhow!(e))?;
    print!("{}", report.render(failures));
    Ok(ExitCode::SUCCESS)
}
