//! The tabular writers — CSV, JSON Lines, Parquet — over any [`Record`] type and any [`Write`].

use crate::{ColumnType, ExportError, Record, Value, days_since_epoch};
use parquet::basic::{Compression, LogicalType, Repetition, Type as PhysicalType};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use std::io::Write;
use std::marker::PhantomData;
use std::sync::Arc;

/// The tabular formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// RFC 4180 CSV with a header row of column names.
    Csv,
    /// One JSON object per line, keys in column order.
    Jsonl,
    /// Apache Parquet, Snappy-compressed, one row group per [`PARQUET_ROW_GROUP_ROWS`] rows.
    Parquet,
}

/// Rows buffered per Parquet row group: the memory an export holds at most (beside SQLite's own).
pub const PARQUET_ROW_GROUP_ROWS: usize = 16_384;

/// Writes rows of one [`Record`] type in one tabular format; [`TableWriter::finish`] completes the file.
pub struct TableWriter<R: Record, W: Write + Send> {
    inner: Inner<W>,
    rows: u64,
    record: PhantomData<fn(&R)>,
}

enum Inner<W: Write + Send> {
    Csv(Box<csv::Writer<W>>),
    Jsonl { out: W, keys: Vec<String> },
    Parquet(Box<ParquetTable<W>>),
}

impl<R: Record, W: Write + Send> TableWriter<R, W> {
    /// Starts the output: the CSV header, or the Parquet file's magic number. Nothing is written for JSON Lines
    /// until the first row.
    pub fn new(format: TableFormat, out: W) -> Result<Self, ExportError> {
        let inner = match format {
            TableFormat::Csv => {
                let mut writer = csv::WriterBuilder::new().from_writer(out);
                writer.write_record(R::COLUMNS.iter().map(|c| c.name))?;
                Inner::Csv(Box::new(writer))
            }
            TableFormat::Jsonl => Inner::Jsonl {
                out,
                keys: R::COLUMNS.iter().map(|c| serde_json::Value::from(c.name).to_string()).collect(),
            },
            TableFormat::Parquet => Inner::Parquet(Box::new(ParquetTable::new::<R>(out)?)),
        };
        Ok(TableWriter { inner, rows: 0, record: PhantomData })
    }

    /// Writes one row.
    pub fn write(&mut self, row: &R) -> Result<(), ExportError> {
        let mut values = Vec::with_capacity(R::COLUMNS.len());
        row.values(&mut values);
        debug_assert_eq!(values.len(), R::COLUMNS.len(), "a Record must give one value per column");
        let result = match &mut self.inner {
            Inner::Csv(writer) => write_csv::<R, W>(writer, &values),
            Inner::Jsonl { out, keys } => write_json_line::<R, W>(out, keys, &values),
            Inner::Parquet(table) => table.push::<R>(&values),
        };
        result?;
        self.rows += 1;
        Ok(())
    }

    /// Completes the output (flushes buffered rows; writes the Parquet footer) and returns the rows written and
    /// the writer.
    pub fn finish(self) -> Result<(u64, W), ExportError> {
        let out = match self.inner {
            Inner::Csv(writer) => writer.into_inner().map_err(|error| ExportError::Io(error.into_error()))?,
            Inner::Jsonl { mut out, .. } => {
                out.flush()?;
                out
            }
            Inner::Parquet(table) => (*table).finish()?,
        };
        Ok((self.rows, out))
    }
}

fn plain(value: &Value<'_>) -> String {
    match value {
        Value::Null => String::new(),
        Value::Text(text) => text.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Float(x) if x.is_finite() => x.to_string(),
        Value::Float(_) => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Date(date) => date.to_string(),
    }
}

fn check_date<R: Record>(index: usize, date: &str) -> Result<i32, ExportError> {
    days_since_epoch(date)
        .ok_or_else(|| ExportError::BadDate { column: R::COLUMNS[index].name, value: date.to_string() })
}

fn write_csv<R: Record, W: Write>(writer: &mut csv::Writer<W>, values: &[Value<'_>]) -> Result<(), ExportError> {
    for (index, value) in values.iter().enumerate() {
        if let Value::Date(date) = value {
            check_date::<R>(index, date)?;
        }
    }
    writer.write_record(values.iter().map(plain))?;
    Ok(())
}

fn write_json_line<R: Record, W: Write>(out: &mut W, keys: &[String], values: &[Value<'_>]) -> Result<(), ExportError> {
    let mut line = Vec::with_capacity(256);
    line.push(b'{');
    for (index, (key, value)) in keys.iter().zip(values).enumerate() {
        if index > 0 {
            line.push(b',');
        }
        line.extend_from_slice(key.as_bytes());
        line.push(b':');
        match value {
            Value::Null => line.extend_from_slice(b"null"),
            Value::Text(text) => serde_json::to_writer(&mut line, text.as_ref()).map_err(std::io::Error::from)?,
            Value::Int(n) => line.extend_from_slice(n.to_string().as_bytes()),
            Value::Float(x) if x.is_finite() => line.extend_from_slice(x.to_string().as_bytes()),
            Value::Float(_) => line.extend_from_slice(b"null"),
            Value::Bool(b) => line.extend_from_slice(if *b { b"true" } else { b"false" }),
            Value::Date(date) => {
                check_date::<R>(index, date)?;
                serde_json::to_writer(&mut line, date).map_err(std::io::Error::from)?;
            }
        }
    }
    line.extend_from_slice(b"}\n");
    out.write_all(&line)?;
    Ok(())
}

/// The Parquet schema of a record type: every column optional (nullable), typed as [`ColumnType`] documents.
pub fn parquet_schema<R: Record>() -> Result<Type, ExportError> {
    let mut fields = Vec::with_capacity(R::COLUMNS.len());
    for column in R::COLUMNS {
        let (physical, logical) = match column.kind {
            ColumnType::Text => (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
            ColumnType::Int => (PhysicalType::INT64, None),
            ColumnType::Float => (PhysicalType::DOUBLE, None),
            ColumnType::Bool => (PhysicalType::BOOLEAN, None),
            ColumnType::Date => (PhysicalType::INT32, Some(LogicalType::Date)),
        };
        let field = Type::primitive_type_builder(column.name, physical)
            .with_repetition(Repetition::OPTIONAL)
            .with_logical_type(logical)
            .build()?;
        fields.push(Arc::new(field));
    }
    Ok(Type::group_type_builder("attache").with_fields(fields).build()?)
}

/// One column's values of the current row group, and which rows have one (definition level 1) or are null (0).
enum ColumnValues {
    Text(Vec<ByteArray>),
    Int(Vec<i64>),
    Float(Vec<f64>),
    Bool(Vec<bool>),
    Date(Vec<i32>),
}

struct ColumnBuffer {
    values: ColumnValues,
    levels: Vec<i16>,
}

struct ParquetTable<W: Write + Send> {
    writer: SerializedFileWriter<W>,
    columns: Vec<ColumnBuffer>,
    buffered: usize,
}

impl<W: Write + Send> ParquetTable<W> {
    fn new<R: Record>(out: W) -> Result<Self, ExportError> {
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(concat!("attache-export ", env!("CARGO_PKG_VERSION")).to_string())
            .build();
        let writer = SerializedFileWriter::new(out, Arc::new(parquet_schema::<R>()?), Arc::new(properties))?;
        let columns = R::COLUMNS
            .iter()
            .map(|column| ColumnBuffer {
                values: match column.kind {
                    ColumnType::Text => ColumnValues::Text(Vec::new()),
                    ColumnType::Int => ColumnValues::Int(Vec::new()),
                    ColumnType::Float => ColumnValues::Float(Vec::new()),
                    ColumnType::Bool => ColumnValues::Bool(Vec::new()),
                    ColumnType::Date => ColumnValues::Date(Vec::new()),
                },
                levels: Vec::new(),
            })
            .collect();
        Ok(ParquetTable { writer, columns, buffered: 0 })
    }

    fn push<R: Record>(&mut self, values: &[Value<'_>]) -> Result<(), ExportError> {
        // Check the whole row first, so that a bad value leaves no half-written row in the buffers.
        let mut days = Vec::new();
        for (index, (value, buffer)) in values.iter().zip(&self.columns).enumerate() {
            let fits = matches!(
                (value, &buffer.values),
                (Value::Null, _)
                    | (Value::Text(_), ColumnValues::Text(_))
                    | (Value::Int(_), ColumnValues::Int(_))
                    | (Value::Float(_), ColumnValues::Float(_))
                    | (Value::Bool(_), ColumnValues::Bool(_))
                    | (Value::Date(_), ColumnValues::Date(_))
            );
            assert!(fits, "column `{}` of a Record was given a value of another type", R::COLUMNS[index].name);
            if let Value::Date(date) = value {
                days.push(check_date::<R>(index, date)?);
            }
        }
        let mut days = days.into_iter();
        for (value, buffer) in values.iter().zip(&mut self.columns) {
            match (value, &mut buffer.values) {
                (Value::Text(text), ColumnValues::Text(v)) => v.push(ByteArray::from(text.as_bytes().to_vec())),
                (Value::Int(n), ColumnValues::Int(v)) => v.push(*n),
                (Value::Float(x), ColumnValues::Float(v)) => v.push(*x),
                (Value::Bool(b), ColumnValues::Bool(v)) => v.push(*b),
                (Value::Date(_), ColumnValues::Date(v)) => v.push(days.next().unwrap_or_default()),
                _ => {
                    buffer.levels.push(0);
                    continue;
                }
            }
            buffer.levels.push(1);
        }
        self.buffered += 1;
        if self.buffered >= PARQUET_ROW_GROUP_ROWS {
            self.flush_row_group()?;
        }
        Ok(())
    }

    fn flush_row_group(&mut self) -> Result<(), ExportError> {
        if self.buffered == 0 {
            return Ok(());
        }
        let mut group = self.writer.next_row_group()?;
        let mut buffers = self.columns.iter_mut();
        while let Some(mut column) = group.next_column()? {
            let Some(buffer) = buffers.next() else { break };
            let levels = Some(buffer.levels.as_slice());
            match &mut buffer.values {
                ColumnValues::Text(v) => column.typed::<ByteArrayType>().write_batch(v, levels, None)?,
                ColumnValues::Int(v) => column.typed::<Int64Type>().write_batch(v, levels, None)?,
                ColumnValues::Float(v) => column.typed::<DoubleType>().write_batch(v, levels, None)?,
                ColumnValues::Bool(v) => column.typed::<BoolType>().write_batch(v, levels, None)?,
                ColumnValues::Date(v) => column.typed::<Int32Type>().write_batch(v, levels, None)?,
            };
            column.close()?;
            match &mut buffer.values {
                ColumnValues::Text(v) => v.clear(),
                ColumnValues::Int(v) => v.clear(),
                ColumnValues::Float(v) => v.clear(),
                ColumnValues::Bool(v) => v.clear(),
                ColumnValues::Date(v) => v.clear(),
            }
            buffer.levels.clear();
        }
        group.close()?;
        self.buffered = 0;
        Ok(())
    }

    fn finish(mut self) -> Result<W, ExportError> {
        self.flush_row_group()?;
        // Writes the footer, then hands the writer back.
        Ok(self.writer.into_inner()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Column, column};
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    /// A small record with one column of each type.
    struct Sample {
        text: Option<String>,
        count: i64,
        score: f64,
        flag: bool,
        day: Option<&'static str>,
    }

    impl Record for Sample {
        const COLUMNS: &'static [Column] = &[
            column("text", ColumnType::Text),
            column("count", ColumnType::Int),
            column("score", ColumnType::Float),
            column("flag", ColumnType::Bool),
            column("day", ColumnType::Date),
        ];

        fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
            out.extend([
                Value::from(self.text.as_deref()),
                Value::Int(self.count),
                Value::Float(self.score),
                Value::Bool(self.flag),
                self.day.map_or(Value::Null, Value::Date),
            ]);
        }
    }

    fn samples() -> Vec<Sample> {
        vec![
            Sample {
                text: Some("tab\there, \"quoted\"\nnew line".into()),
                count: 3,
                score: -1.5,
                flag: true,
                day: Some("2026-02-10"),
            },
            Sample { text: None, count: -7, score: 0.25, flag: false, day: None },
        ]
    }

    fn written(format: TableFormat, rows: &[Sample]) -> Vec<u8> {
        let mut writer = TableWriter::<Sample, _>::new(format, Vec::new()).unwrap();
        for row in rows {
            writer.write(row).unwrap();
        }
        let (count, bytes) = writer.finish().unwrap();
        assert_eq!(count, rows.len() as u64);
        bytes
    }

    #[test]
    fn csv_quotes_line_breaks_and_reads_back() {
        let bytes = written(TableFormat::Csv, &samples());
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        assert_eq!(reader.headers().unwrap(), vec!["text", "count", "score", "flag", "day"]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][0], "tab\there, \"quoted\"\nnew line");
        assert_eq!(rows[0].iter().skip(1).collect::<Vec<_>>(), ["3", "-1.5", "true", "2026-02-10"]);
        assert_eq!(rows[1].iter().collect::<Vec<_>>(), ["", "-7", "0.25", "false", ""]);
    }

    #[test]
    fn json_lines_escape_line_breaks_and_keep_column_order() {
        let text = String::from_utf8(written(TableFormat::Jsonl, &samples())).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[1].starts_with("{\"text\":null,\"count\":-7,"), "{}", lines[1]);
        let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(first["text"], "tab\there, \"quoted\"\nnew line");
        assert_eq!(first["day"], "2026-02-10");
        assert_eq!(first["flag"], true);
    }

    #[test]
    fn a_bad_date_is_refused_and_names_its_column() {
        let bad = Sample { text: None, count: 0, score: 0.0, flag: false, day: Some("2026-02-31") };
        for format in [TableFormat::Csv, TableFormat::Jsonl, TableFormat::Parquet] {
            let mut writer = TableWriter::<Sample, _>::new(format, Vec::new()).unwrap();
            let error = writer.write(&bad).unwrap_err().to_string();
            assert!(error.contains("`day`") && error.contains("2026-02-31"), "{error}");
        }
    }

    #[test]
    fn parquet_reads_back_with_types_nulls_and_row_groups() {
        // More rows than one row group holds, so the file has two.
        let mut rows = samples();
        rows.extend((0..PARQUET_ROW_GROUP_ROWS as i64).map(|n| Sample {
            text: Some(format!("row {n}")),
            count: n,
            score: n as f64 / 2.0,
            flag: n % 2 == 0,
            day: Some("1970-01-02"),
        }));
        let bytes = written(TableFormat::Parquet, &rows);
        let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).unwrap();
        let metadata = reader.metadata();
        assert_eq!(metadata.file_metadata().num_rows() as usize, rows.len());
        assert_eq!(metadata.num_row_groups(), 2);
        let schema = metadata.file_metadata().schema_descr();
        let types: Vec<(String, PhysicalType, Option<LogicalType>)> = schema
            .columns()
            .iter()
            .map(|c| (c.name().to_string(), c.physical_type(), c.logical_type_ref().cloned()))
            .collect();
        assert_eq!(
            types,
            [
                ("text".to_string(), PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
                ("count".into(), PhysicalType::INT64, None),
                ("score".into(), PhysicalType::DOUBLE, None),
                ("flag".into(), PhysicalType::BOOLEAN, None),
                ("day".into(), PhysicalType::INT32, Some(LogicalType::Date)),
            ]
        );
        let read: Vec<Vec<Field>> = reader
            .get_row_iter(None)
            .unwrap()
            .take(3)
            .map(|row| row.unwrap().get_column_iter().map(|(_, field)| field.clone()).collect())
            .collect();
        assert_eq!(read[0][0], Field::Str("tab\there, \"quoted\"\nnew line".into()));
        assert_eq!(read[0][4], Field::Date(20_494));
        assert_eq!(read[1][0], Field::Null);
        assert_eq!(read[1][1], Field::Long(-7));
        assert_eq!(read[1][4], Field::Null);
        assert_eq!(read[2][0], Field::Str("row 0".into()));
        assert_eq!(read[2][4], Field::Date(1));
    }
}
