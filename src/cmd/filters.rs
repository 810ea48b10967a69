//! Options and value parsers shared by the commands that list stored annotations (`events`, `quotes`, `people`,
//! `themes`, `why`, `show`).

use crate::output::{Format, Rows};
use anyhow::bail;
use attache_coder::explain::Marking;
use attache_store::Store;
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

/// A CAMEO actor code or its prefix (`CHN`, `chngov`, `IGOEUREEC`), upper-cased.
pub fn parse_actor(text: &str) -> Result<String, String> {
    let code = text.trim().to_ascii_uppercase();
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(format!("`{text}` is not an actor code (letters and digits, e.g. CHN or CHNGOV)"));
    }
    Ok(code)
}

/// Two actor codes joined by `-`: `CHN-USA`.
pub fn parse_pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('-') {
        Some((first, second)) => Ok((parse_actor(first)?, parse_actor(second)?)),
        None => Err(format!("`{text}` is not a pair of actor codes (write e.g. CHN-USA)")),
    }
}

/// A CAMEO event code: two to four digits (`041`, `0871`).
pub fn parse_event_code(text: &str) -> Result<String, String> {
    let code = text.trim();
    if (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code.to_string())
    } else {
        Err(format!("`{text}` is not a CAMEO event code (2 to 4 digits, e.g. 041)"))
    }
}

/// A CAMEO root: two digits (`04`, `19`).
pub fn parse_root(text: &str) -> Result<String, String> {
    let root = text.trim();
    if root.len() == 2 && root.bytes().all(|b| b.is_ascii_digit()) {
        Ok(root.to_string())
    } else {
        Err(format!("`{text}` is not a CAMEO root (2 digits, e.g. 04)"))
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
