//! One module per command: each has clap `Args` and `run(args, &Global) -> anyhow::Result<ExitCode>`.

pub mod articles;
pub mod code;
pub mod dedup;
pub mod dyads;
pub mod eval;
pub mod events;
pub mod export;
pub mod filters;
pub mod ingest;
pub mod people;
pub mod quotes;
pub mod relations;
pub mod serve;
pub mod show;
pub mod signals;
pub mod stats;
pub mod themes;
pub mod why;

use anyhow::bail;
use attache_doc::Article;
use attache_pipeline::{Pipeline, SentenceText};
use attache_readers::{ReadOptions, normalize_published};

/// Fallback metadata for inputs that do not carry it (shared by `ingest` and `code`).
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Files, directories (read recursively) or glob patterns; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Publication date for articles that carry none (e.g. 2026-02-05 or 2026-02-05T09:30:00+08:00).
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Source name (publisher) for articles that carry none.
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// Run only these pipeline stages, comma-separated, e.g. `text` [default: all].
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub stages: Option<Vec<String>>,
    /// Threads that annotate [default: all cores].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}

impl InputArgs {
    /// The readers' options, with the fallback date checked once here rather than failing every input.
    pub fn read_options(&self) -> anyhow::Result<ReadOptions> {
        let published = match self.published.as_deref() {
            Some(raw) => match normalize_published(raw) {
                Some(date) => Some(date),
                None => bail!("--published `{raw}` is not a date (write e.g. 2026-02-05)"),
            },
            None => None,
        };
        Ok(ReadOptions { published, source: self.source.clone() })
    }

    /// The default pipeline, or the part of it `--stages` names.
    pub fn pipeline(&self, sentence_text: SentenceText) -> anyhow::Result<Pipeline> {
        let names: Vec<&str> = match &self.stages {
            Some(names) => names.iter().map(|name| name.trim()).collect(),
            None => Pipeline::ENGLISH_STAGES.to_vec(),
        };
        Pipeline::english_stages_with(&names, sentence_text).map_err(|message| anyhow::anyhow!("--stages: {message}"))
    }

    pub fn threads(&self) -> usize {
        match self.threads {
            Some(n) => n as usize,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

/// Where an article came from, for messages: `path (record N)` or `path`.
pub fn origin_label(article: &Article) -> String {
    match &article.origin {
        Some(origin) => match origin.record {
            Some(record) => format!("{} (record {record})", origin.path),
            None => origin.path.clone(),
        },
        None => format!("article `{}`", article.id),
    }
}

/// Parses a `YYYY-MM-DD` calendar date given on the command line.
pub use attache_store::parse::parse_date;

/// True when an error (or its cause) is a closed output pipe, as with `attache … | head`.
pub fn is_broken_pipe(error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::BrokenPipe
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Whatever is typed, the parser answers (never panics), and what it accepts is a canonical date.
        #[test]
        fn any_text_is_parsed_or_refused(text in "\\PC{0,14}") {
            if let Ok(date) = parse_date(&text) {
                proptest::prop_assert_eq!(&date, &text);
                proptest::prop_assert!(date.parse::<jiff::civil::Date>().is_ok());
            }
        }
    }

    #[test]
    fn dates_must_be_real_calendar_days() {
        assert_eq!(parse_date("2026-02-05"), Ok("2026-02-05".into()));
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("2026-2-5").is_err());
        assert!(parse_date("yesterday").is_err());
    }
}
