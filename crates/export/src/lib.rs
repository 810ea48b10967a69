//! # attache-export — writers for the `attache export` formats
//!
//! Purpose: turn stored rows (event mentions, de-duplicated events, quotes, entities, signals — the
//! `attache-store` types) into files other tools read: GDELT 2.0 Event records (tab-separated, 61 columns), CSV,
//! JSON Lines and Parquet. Writers take rows one at a time and any [`std::io::Write`]; they never open files, so
//! the caller decides between a file, standard output or a buffer, and the store streams rows into them.
//!
//! Key design decision: **one column list per row type drives every tabular format.** A [`Record`] names its
//! columns and their types once ([`Column`]); CSV headers, JSON keys and the Parquet schema are all read from
//! that list, so the three formats cannot drift apart and `docs/exports.md` documents one schema per row type.
//! The GDELT writer is separate because its columns are GDELT's, fixed by position.

mod gdelt;
mod records;
mod table;

pub use gdelt::{GDELT_COLUMNS, GdeltActor, GdeltWriter, gdelt_actor};
pub use records::{SignalRow, signal_rows};
pub use table::{TableFormat, TableWriter};

use std::borrow::Cow;

/// Everything that can go wrong while exporting, each naming what it was doing.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot write Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    #[error("{0}")]
    Store(#[from] attache_store::StoreError),
    #[error("column `{column}`: `{value}` is not a date of the form YYYY-MM-DD")]
    BadDate { column: &'static str, value: String },
}

/// The type of a column, the same in every format (`docs/exports.md` lists the Parquet and DuckDB names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text. Parquet `BYTE_ARRAY` annotated `STRING` (DuckDB `VARCHAR`).
    Text,
    /// A whole number. Parquet `INT64` (DuckDB `BIGINT`).
    Int,
    /// A real number. Parquet `DOUBLE`.
    Float,
    /// Parquet `BOOLEAN`; `true`/`false` in CSV and JSON.
    Bool,
    /// A calendar day, `YYYY-MM-DD` in CSV and JSON; Parquet `INT32` annotated `DATE` (days since 1970-01-01).
    Date,
}

/// One column of a row type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: ColumnType,
}

/// Shorthand for the column lists.
const fn column(name: &'static str, kind: ColumnType) -> Column {
    Column { name, kind }
}

/// One value of a row, of its column's type (or `Null`, which every column accepts).
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Text(Cow<'a, str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// `YYYY-MM-DD`, checked when written.
    Date(&'a str),
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(text: &'a str) -> Value<'a> {
        Value::Text(Cow::Borrowed(text))
    }
}

impl<'a> From<Option<&'a str>> for Value<'a> {
    fn from(text: Option<&'a str>) -> Value<'a> {
        text.map_or(Value::Null, Value::from)
    }
}

impl From<String> for Value<'_> {
    fn from(text: String) -> Self {
        Value::Text(Cow::Owned(text))
    }
}

impl From<u64> for Value<'_> {
    fn from(n: u64) -> Self {
        Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u32> for Value<'_> {
    fn from(n: u32) -> Self {
        Value::Int(i64::from(n))
    }
}

impl From<f32> for Value<'_> {
    /// Through the shortest decimal that reads back as the same `f32`, so 2.8 is written 2.8 and not
    /// 2.799999952316284.
    fn from(x: f32) -> Self {
        Value::Float(x.to_string().parse().unwrap_or(f64::from(x)))
    }
}

/// A row type the tabular formats can write: its columns, and its values in that order.
pub trait Record {
    /// The columns, in output order.
    const COLUMNS: &'static [Column];
    /// Appends exactly one value per column, in column order.
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>);
}

/// Days from 1970-01-01 to a `YYYY-MM-DD` day (proleptic Gregorian), or `None` when it is not one.
pub fn days_since_epoch(date: &str) -> Option<i32> {
    let bytes = date.as_bytes();
    let shape = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
    if !shape {
        return None;
    }
    let year: i64 = date[..4].parse().ok()?;
    let month: i64 = date[5..7].parse().ok()?;
    let day: i64 = date[8..].parse().ok()?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&month) || day < 1 || day > month_days[(month - 1) as usize] {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm): eras of 400 years, years starting in March.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    i32::try_from(era * 146_097 + day_of_era - 719_468).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_counts_real_days_only() {
        assert_eq!(days_since_epoch("1970-01-01"), Some(0));
        assert_eq!(days_since_epoch("2000-03-01"), Some(11_017));
        assert_eq!(days_since_epoch("2026-02-10"), Some(20_494));
        assert_eq!(days_since_epoch("1969-12-31"), Some(-1));
        assert_eq!(days_since_epoch("2024-02-29"), Some(19_782));
        assert_eq!(days_since_epoch("2026-02-29"), None);
        assert_eq!(days_since_epoch("2026-13-01"), None);
        assert_eq!(days_since_epoch("2026-2-10"), None);
        assert_eq!(days_since_epoch(""), None);
    }

    #[test]
    fn f32_values_keep_their_short_decimal() {
        assert_eq!(Value::from(2.8_f32), Value::Float(2.8));
        assert_eq!(Value::from(-10.0_f32), Value::Float(-10.0));
    }

    proptest::proptest! {
        /// Consecutive days are one day apart, across months, leap days and years.
        #[test]
        fn days_are_consecutive(days in -30_000_i32..60_000) {
            let date = epoch_day_to_date(days);
            proptest::prop_assert_eq!(days_since_epoch(&date), Some(days));
        }
    }

    /// The inverse, written the slow way (by walking months) so the test does not reuse the algorithm.
    fn epoch_day_to_date(days: i32) -> String {
        let (mut year, mut rest) = (1970_i32, i64::from(days));
        let leap = |y: i32| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let year_len = |y: i32| if leap(y) { 366 } else { 365 };
        while rest < 0 {
            year -= 1;
            rest += year_len(year);
        }
        while rest >= year_len(year) {
            rest -= year_len(year);
            year += 1;
        }
        let lengths = [31, if leap(year) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let mut month = 0;
        while rest >= lengths[month] {
            rest -= lengths[month];
            month += 1;
        }
        format!("{year:04}-{:02}-{:02}", month + 1, rest + 1)
    }
}
