//! Errors from reading dictionaries: always file, line and cause.

use std::fmt;

/// One problem in one dictionary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictError {
    pub file: String,
    /// 1-based line (0 when the problem concerns the whole file).
    pub line: u32,
    pub cause: String,
}

impl DictError {
    pub fn new(file: &str, line: u32, cause: impl Into<String>) -> DictError {
        DictError { file: file.to_string(), line, cause: cause.into() }
    }
}

impl fmt::Display for DictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.cause)
    }
}

impl std::error::Error for DictError {}

/// All the problems found in one file (a reader reports every bad line, not just the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictErrors(pub Vec<DictError>);

impl DictErrors {
    pub fn single(file: &str, line: u32, cause: impl Into<String>) -> DictErrors {
        DictErrors(vec![DictError::new(file, line, cause)])
    }
    pub fn first(&self) -> Option<&DictError> {
        self.0.first()
    }
}

impl fmt::Display for DictErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DictErrors {}

impl From<DictError> for DictErrors {
    fn from(error: DictError) -> DictErrors {
        DictErrors(vec![error])
    }
}

/// Collects errors while a reader goes on with the next line.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    pub(crate) errors: Vec<DictError>,
}

impl Problems {
    pub(crate) fn push(&mut self, file: &str, line: u32, cause: impl Into<String>) {
        // A file full of garbage should not produce a gigabyte of messages.
        if self.errors.len() < 200 {
            self.errors.push(DictError::new(file, line, cause));
        }
    }

    pub(crate) fn finish<T>(self, value: T) -> Result<T, DictErrors> {
        if self.errors.is_empty() { Ok(value) } else { Err(DictErrors(self.errors)) }
    }
}
