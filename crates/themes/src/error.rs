//! Errors for loading taxonomy and lexicon files and for compiling them.

use std::fmt;
use std::ops::Range;

/// A taxonomy or lexicon file that could not be read: names the file, the line and column, and the cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The name the caller gave the source (a path, or `builtin:themes.toml`).
    pub origin: String,
    /// 1-based line and column of the offending text, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl LoadError {
    /// An error at byte range `span` of `source` (or at no particular place when `span` is `None`).
    pub(crate) fn at(origin: &str, source: &str, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        let (line, column) = match span {
            Some(span) => {
                let (line, column) = line_column(source, span.start);
                (Some(line), Some(column))
            }
            None => (None, None),
        };
        LoadError { origin: origin.to_string(), line, column, message: message.into() }
    }

    pub(crate) fn from_toml(origin: &str, source: &str, error: &toml::de::Error) -> Self {
        LoadError::at(origin, source, error.span(), error.message().trim_end())
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{}:{}:{}: {}", self.origin, line, column, self.message),
            (Some(line), None) => write!(f, "{}:{}: {}", self.origin, line, self.message),
            _ => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// 1-based line and column (in characters) of byte `offset` in `source`.
pub(crate) fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Anything that can stop a [`crate::ThemeStage`] from being built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The phrase automaton could not be built (it would exceed the matcher's size limits).
    #[error("cannot compile the theme and tone automaton: {0}")]
    Automaton(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based() {
        let source = "a = 1\nbé = x\n";
        assert_eq!(line_column(source, 0), (1, 1));
        let x = source.find('x').unwrap();
        assert_eq!(line_column(source, x), (2, 6));
        assert_eq!(line_column(source, 10_000), (3, 1));
        let error = LoadError::at("f.toml", source, Some(x..x + 1), "bad");
        assert_eq!(error.to_string(), "f.toml:2:6: bad");
    }
}
