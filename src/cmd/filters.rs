//! Options and value parsers shared by the commands that list stored annotations (`events`, `quotes`, `people`,
//! `themes`, `why`, `show`, `export`).

use crate::cmd::parse_date;
use crate::output::{Format, Rows};
use anyhow::bail;
use attache_coder::explain::Marking;
use attache_doc::Mode;
pub use attache_store::parse::{parse_actor, parse_event_code, parse_pair, parse_root};
use attache_store::{EventFilter, Store};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// Paging and output format of a listing.
#[derive(Debug, clap::Args)]
pub struct Listing {
    /// At most this many rows; 0 lists all.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: u64,
    /// Skip this many rows first (with --limit, pages through a long listing).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: u64,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

impl Listing {
    pub fn limit(&self) -> Option<u64> {
        (self.limit > 0).then_some(self.limit)
    }

    /// Prints the rows in the chosen format; `what` names a row for the "no … matches" message.
    pub fn print(&self, rows: &Rows, what: &str) -> anyhow::Result<ExitCode> {
        rows.print(self.format, &mut std::io::stdout().lock())?;
        say_if_empty(rows.len(), self.format, what);
        Ok(ExitCode::SUCCESS)
    }
}

/// `--from` and `--to`: the articles' publication days a listing covers.
#[derive(Debug, clap::Args)]
pub struct PublishedRange {
    /// Only articles published on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<String>,
    /// Only articles published on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<String>,
}

/// The options that select events (`attache events`, `attache export`).
#[derive(Debug, clap::Args)]
pub struct EventFilterArgs {
    /// Source or target actor code starts with CODE (CHN matches CHN, CHNGOV, CHNMIL…).
    #[arg(long, value_name = "CODE", value_parser = parse_actor)]
    pub actor: Option<String>,
    /// Source actor code starts with CODE.
    #[arg(long, value_name = "CODE", value_parser = parse_actor)]
    pub source: Option<String>,
    /// Target actor code starts with CODE.
    #[arg(long, value_name = "CODE", value_parser = parse_actor)]
    pub target: Option<String>,
    /// Events between two actors, either direction (codes are prefixes): CHN-USA.
    #[arg(long, value_name = "A-B", value_parser = parse_pair)]
    pub pair: Option<(String, String)>,
    /// With --pair: only A → B.
    #[arg(long, requires = "pair")]
    pub directed: bool,
    /// Exact CAMEO event code (041).
    #[arg(long, value_name = "CODE", value_parser = parse_event_code)]
    pub code: Option<String>,
    /// CAMEO root, the first two digits (04).
    #[arg(long, value_name = "ROOT", value_parser = parse_root)]
    pub root: Option<String>,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad: Option<u8>,
    /// Only events dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<String>,
    /// Only events dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<String>,
    /// Only events of this mode.
    #[arg(long, value_enum, default_value_t = ModeArg::All)]
    pub mode: ModeArg,
    /// Only events of the article with this id.
    #[arg(long, value_name = "ID")]
    pub article: Option<String>,
}

impl EventFilterArgs {
    /// The store's filter for these options and a page.
    pub fn filter(&self, limit: Option<u64>, offset: u64) -> EventFilter {
        EventFilter {
            actor: self.actor.clone(),
            source: self.source.clone(),
            target: self.target.clone(),
            pair: self.pair.clone(),
            directed: self.directed,
            code: self.code.clone(),
            root: self.root.clone(),
            quad: self.quad,
            from: self.from.clone(),
            to: self.to.clone(),
            mode: self.mode.mode(),
            article: self.article.clone(),
            limit,
            offset,
        }
    }
}

/// `--mode`: one of the event modes, or all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ModeArg {
    Fact,
    Negated,
    Hypothetical,
    Future,
    All,
}

impl ModeArg {
    pub fn mode(self) -> Option<Mode> {
        match self {
            ModeArg::Fact => Some(Mode::Fact),
            ModeArg::Negated => Some(Mode::Negated),
            ModeArg::Hypothetical => Some(Mode::Hypothetical),
            ModeArg::Future => Some(Mode::Future),
            ModeArg::All => None,
        }
    }
}

/// When to colour marked text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorWhen {
    /// Colour when standard output is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    Always,
    /// Brackets instead: `[source: …]`, `[verb: …]`.
    Never,
}

impl ColorWhen {
    /// How to mark a sentence written to standard output.
    pub fn marking(self) -> Marking {
        let colour = match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        if colour { Marking::Colour } else { Marking::Brackets }
    }
}

/// Fails with a clear message when `--article ID` names no stored article (rather than listing nothing).
pub fn require_article(store: &Store, id: Option<&str>, db: &Path) -> anyhow::Result<()> {
    if let Some(id) = id
        && !store.has_article(id)?
    {
        bail!("no article with id `{id}` in {}", db.display());
    }
    Ok(())
}

/// In table form, says so on stderr when nothing matched (an empty table is easy to misread).
pub fn say_if_empty(rows: usize, format: Format, what: &str) {
    if rows == 0 && format == Format::Table {
        eprintln!("no {what} matches");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_checked_and_upper_cased() {
        assert_eq!(parse_actor("chngov"), Ok("CHNGOV".into()));
        assert!(parse_actor("CHN%").is_err());
        assert!(parse_actor("").is_err());
        assert_eq!(parse_pair("chn-USA"), Ok(("CHN".into(), "USA".into())));
        assert!(parse_pair("CHNUSA").is_err());
        assert!(parse_pair("CHN-").is_err());
        assert_eq!(parse_event_code("0871"), Ok("0871".into()));
        assert!(parse_event_code("41a").is_err());
        assert!(parse_event_code("1").is_err());
        assert_eq!(parse_root("04"), Ok("04".into()));
        assert!(parse_root("041").is_err());
    }
}
