//! The one error type every reader returns.

use std::fmt;

/// One failure, naming the input and the cause.
///
/// Displays as `PATH:LINE: cause` when the line is known, `PATH (record N): cause` when the record is known,
/// else `PATH: cause`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The input as the user named it (`-` for standard input).
    pub path: String,
    /// 1-based record number inside a multi-article input (feed item, JSON array element, `<Sentence>`).
    pub record: Option<u64>,
    /// 1-based line number, when the cause sits on one line (JSON Lines, text headers, XML).
    pub line: Option<u64>,
    /// What went wrong, in words a user can act on.
    pub cause: String,
}

impl ReadError {
    /// An error about the whole input.
    pub fn whole(path: &str, cause: impl Into<String>) -> ReadError {
        ReadError { path: path.to_string(), record: None, line: None, cause: cause.into() }
    }

    /// An error about one line of the input.
    pub fn at_line(path: &str, line: u64, cause: impl Into<String>) -> ReadError {
        ReadError { path: path.to_string(), record: None, line: Some(line), cause: cause.into() }
    }

    /// An error about one record of the input.
    pub fn at_record(path: &str, record: u64, cause: impl Into<String>) -> ReadError {
        ReadError { path: path.to_string(), record: Some(record), line: None, cause: cause.into() }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.record) {
            (Some(line), _) => write!(f, "{}:{}: {}", self.path, line, self.cause),
            (None, Some(record)) => write!(f, "{} (record {}): {}", self.path, record, self.cause),
            (None, None) => write!(f, "{}: {}", self.path, self.cause),
        }
    }
}

impl std::error::Error for ReadError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_path_and_position() {
        assert_eq!(ReadError::at_line("a.jsonl", 3, "invalid JSON").to_string(), "a.jsonl:3: invalid JSON");
        assert_eq!(ReadError::at_record("f.xml", 2, "no text").to_string(), "f.xml (record 2): no text");
        assert_eq!(ReadError::whole("x.html", "empty file").to_string(), "x.html: empty file");
        let both = ReadError { line: Some(7), ..ReadError::at_record("f.xml", 2, "bad date") };
        assert_eq!(both.to_string(), "f.xml:7: bad date");
    }
}
