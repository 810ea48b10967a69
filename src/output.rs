//! Tabular output shared by the listing commands: an aligned table for people, JSON or CSV for programs.

use std::io::{self, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How a listing command prints its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns; long text is cut with `…`.
    #[default]
    Table,
    /// One JSON array of objects, one object per row, keys in column order.
    Json,
    /// RFC 4180 CSV with a header row.
    Csv,
}

/// One value in a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    /// A number shown with this many decimals (in JSON too, so `f32` noise such as 2.799999952 never shows).
    Float(f64, u8),
    Text(String),
}

impl From<Option<String>> for Cell {
    fn from(value: Option<String>) -> Cell {
        value.map_or(Cell::Null, Cell::Text)
    }
}

impl From<String> for Cell {
    fn from(value: String) -> Cell {
        Cell::Text(value)
    }
}

impl From<&str> for Cell {
    fn from(value: &str) -> Cell {
        Cell::Text(value.to_string())
    }
}

impl From<u64> for Cell {
    fn from(value: u64) -> Cell {
        Cell::Int(i64::try_from(value).unwrap_or(i64::MAX))
    }
}

impl Cell {
    fn plain(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(x, decimals) => format!("{x:.*}", *decimals as usize),
            Cell::Text(text) => text.clone(),
        }
    }

    fn json(&self) -> serde_json::Value {
        match self {
            Cell::Null => serde_json::Value::Null,
            Cell::Int(n) => (*n).into(),
            Cell::Float(..) => match self.plain().parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
                Some(number) => serde_json::Value::Number(number),
                None => serde_json::Value::Null, // NaN and infinities have no JSON form
            },
            Cell::Text(text) => text.as_str().into(),
        }
    }
}

impl From<Option<f64>> for Cell {
    fn from(value: Option<f64>) -> Cell {
        value.map_or(Cell::Null, |x| Cell::Float(x, 2))
    }
}

/// Rows under named columns.
pub struct Rows {
    columns: Vec<&'static str>,
    rows: Vec<Vec<Cell>>,
    /// Per-column table widths narrower than [`MAX_COLUMN_WIDTH`].
    narrow: Vec<(usize, usize)>,
}

/// Widest a table column grows before its cells are cut.
const MAX_COLUMN_WIDTH: usize = 60;

impl Rows {
    pub fn new(columns: &[&'static str]) -> Rows {
        Rows { columns: columns.to_vec(), rows: Vec::new(), narrow: Vec::new() }
    }

    /// Cuts a column's table cells at `width` (JSON and CSV keep them whole).
    pub fn narrow(&mut self, column: &str, width: usize) {
        if let Some(i) = self.columns.iter().position(|c| *c == column) {
            self.narrow.push((i, width.max(2)));
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn print(&self, format: Format, out: &mut impl Write) -> io::Result<()> {
        match format {
            Format::Table => self.print_table(out),
            Format::Json => self.print_json(out),
            Format::Csv => self.print_csv(out),
        }
    }

    fn print_table(&self, out: &mut impl Write) -> io::Result<()> {
        let cells: Vec<Vec<String>> =
            self.rows.iter().map(|row| row.iter().map(|cell| one_line(&cell.plain())).collect()).collect();
        let widths: Vec<usize> = (0..self.columns.len())
            .map(|i| {
                let widest = cells.iter().map(|row| row[i].width()).max().unwrap_or(0);
                let max = self.narrow.iter().find(|(c, _)| *c == i).map_or(MAX_COLUMN_WIDTH, |(_, w)| *w);
                widest.max(self.columns[i].width()).min(max.max(self.columns[i].width()))
            })
            .collect();
        let numeric: Vec<bool> = (0..self.columns.len())
            .map(|i| self.rows.iter().all(|row| matches!(row[i], Cell::Int(_) | Cell::Float(..) | Cell::Null)))
            .collect();
        let line = |out: &mut dyn Write, values: &[String]| -> io::Result<()> {
            let mut text = String::new();
            for (i, value) in values.iter().enumerate() {
                let value = truncate(value, widths[i]);
                let pad = " ".repeat(widths[i] - value.width());
                let last = i + 1 == values.len();
                match (numeric[i], last) {
                    (true, _) => text.push_str(&format!("{pad}{value}")),
                    (false, true) => text.push_str(&value),
                    (false, false) => text.push_str(&format!("{value}{pad}")),
                }
                if !last {
                    text.push_str("  ");
                }
            }
            writeln!(out, "{}", text.trim_end())
        };
        let header: Vec<String> = self.columns.iter().map(|c| c.to_string()).collect();
        line(out, &header)?;
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(out, &rule)?;
        for row in &cells {
            line(out, row)?;
        }
        Ok(())
    }

    fn print_json(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(out, "[")?;
        for (n, row) in self.rows.iter().enumerate() {
            // Keys in column order (a serde_json map would sort them).
            let fields: Vec<String> = self
                .columns
                .iter()
                .zip(row)
                .map(|(column, cell)| format!("{}:{}", serde_json::Value::from(*column), cell.json()))
                .collect();
            let comma = if n + 1 < self.rows.len() { "," } else { "" };
            writeln!(out, "  {{{}}}{comma}", fields.join(","))?;
        }
        writeln!(out, "]")
    }

    fn print_csv(&self, out: &mut impl Write) -> io::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(&self.columns)?;
        for row in &self.rows {
            writer.write_record(row.iter().map(Cell::plain))?;
        }
        writer.flush()
    }
}

/// Newlines and tabs would break a table's lines.
fn one_line(text: &str) -> String {
    if text.contains(['\n', '\r', '\t']) { text.split_whitespace().collect::<Vec<_>>().join(" ") } else { text.into() }
}

/// Cuts `text` to `width` display columns, ending in `…` when cut.
fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        cut.push(c);
        used += w;
    }
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Rows {
        let mut rows = Rows::new(&["id", "title", "n"]);
        rows.push(vec!["a1".into(), Cell::Text("Talks, \"held\"".into()), Cell::Int(3)]);
        rows.push(vec!["b22".into(), Cell::Null, Cell::Int(12)]);
        rows
    }

    fn render(rows: &Rows, format: Format) -> String {
        let mut out = Vec::new();
        rows.print(format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn table_aligns_columns_and_right_aligns_numbers() {
        let text = render(&sample(), Format::Table);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "id   title           n");
        assert_eq!(lines[1], "---  -------------  --");
        assert_eq!(lines[2], "a1   Talks, \"held\"   3");
        assert_eq!(lines[3], "b22                 12");
    }

    #[test]
    fn json_is_an_array_of_objects_in_column_order() {
        let text = render(&sample(), Format::Json);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value[0]["title"], "Talks, \"held\"");
        assert_eq!(value[1]["title"], serde_json::Value::Null);
        assert_eq!(value[1]["n"], 12);
        assert!(text.lines().nth(1).unwrap().starts_with("  {\"id\":\"a1\",\"title\""));
        assert_eq!(render(&Rows::new(&["x"]), Format::Json), "[\n]\n");
    }

    #[test]
    fn floats_keep_their_decimals_and_narrow_columns_cut() {
        let mut rows = Rows::new(&["x", "note"]);
        rows.push(vec![Cell::Float(f64::from(2.8f32), 1), "a long note".into()]);
        rows.push(vec![Cell::Float(-10.0, 1), Cell::Null]);
        rows.narrow("note", 6);
        let json: serde_json::Value = serde_json::from_str(&render(&rows, Format::Json)).unwrap();
        assert_eq!(json[0]["x"], serde_json::json!(2.8));
        assert_eq!(json[0]["note"], "a long note");
        let table = render(&rows, Format::Table);
        assert_eq!(table.lines().nth(2).unwrap(), "  2.8  a lon…");
        assert_eq!(table.lines().nth(3).unwrap(), "-10.0");
        assert_eq!(render(&rows, Format::Csv), "x,note\n2.8,a long note\n-10.0,\n");
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        assert_eq!(render(&sample(), Format::Csv), "id,title,n\na1,\"Talks, \"\"held\"\"\",3\nb22,,12\n");
    }

    proptest::proptest! {
        /// Any text, any width: no panic, never wider than asked, and cut text is a prefix of the original.
        #[test]
        fn truncate_fits_any_text(text in "\\PC{0,80}", width in 1usize..70) {
            let cut = truncate(&text, width);
            proptest::prop_assert!(cut.width() <= width.max(1));
            let kept = cut.strip_suffix('…').unwrap_or(&cut);
            proptest::prop_assert!(text.starts_with(kept));
        }
    }

    #[test]
    fn long_and_wide_text_is_cut_to_the_column() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("中国中国", 5), "中国…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(one_line("a\nb\tc"), "a b c");
    }
}
