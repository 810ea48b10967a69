//! TABARI's validation suite (`Validate.project` → `Validate.text`, manual §10.1).
//!
//! Records are `YYMMDD id` lines followed by text up to a blank line; the expected events are `{ SRC / TGT /
//! CODE }` blocks in the `/* … */` comment after the text. `{---}` means no events, `{###}` a discard,
//! `{+++}` a complex sentence; `-{…}` blocks are not checked; `{ OPTION: … }` records change the options for
//! the records that follow. The standard validation ends at the record `FINAL-01`. When time shifting is on,
//! the date after the first block is checked too.

use super::{ReadFile, RecordResult, Report, show, triples};
use crate::engine::Outcome;
use crate::{Carry, Coder};
use attache_dict::{Dictionary, Options, decode, tabari};
use jiff::civil::Date;

/// One validation record.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub line: u32,
    pub date_text: String,
    pub id: String,
    pub text: String,
    pub expect: Vec<Expect>,
    /// A `-{…}` block means "do not check additional events": the listed ones must be coded, others may be.
    pub partial: bool,
    pub options: Vec<String>,
    /// Date written after the first expected block (checked when time shifting is on).
    pub expected_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    Event(String, String, String),
    NoEvents,
    Discard,
    Complex,
}

/// Splits `Validate.text` into records.
pub fn parse_records(text: &str) -> Vec<Record> {
    let mut records = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if !line.starts_with(|c: char| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let start_line = (i + 1) as u32;
        let mut header = line.split_whitespace();
        let date_text = header.next().unwrap_or("").to_string();
        let id = header.collect::<Vec<_>>().join(" ");
        let mut body = Vec::new();
        i += 1;
        while i < lines.len() && !lines[i].trim().is_empty() {
            body.push(lines[i]);
            i += 1;
        }
        let body = body.join("\n");
        let (text, comment) = match body.find("/*") {
            Some(at) => (&body[..at], &body[at..]),
            None => (body.as_str(), ""),
        };
        let mut record = Record {
            line: start_line,
            date_text,
            id,
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            expect: Vec::new(),
            partial: false,
            options: Vec::new(),
            expected_date: None,
        };
        parse_blocks(comment, &mut record);
        records.push(record);
    }
    records
}

fn parse_blocks(comment: &str, record: &mut Record) {
    let mut rest = comment;
    let mut first = true;
    while let Some(open) = rest.find('{') {
        let unchecked = rest[..open].ends_with('-');
        // A block left open runs to the end of the comment (`{ OPTION: SET: MINIMUM WORDS = 4  */`).
        let close = rest[open..].find('}').map(|c| open + c);
        let comment_end = rest[open..].find("*/").map(|c| open + c);
        let close = match (close, comment_end) {
            (Some(c), Some(e)) if e < c => e,
            (Some(c), _) => c,
            (None, Some(e)) => e,
            (None, None) => rest.len(),
        };
        let inner = rest[open + 1..close].trim();
        let after = rest.get(close + 1..).unwrap_or("");
        rest = after;
        if let Some(option) = inner.strip_prefix("OPTION:") {
            record.options.push(option.trim().to_string());
            continue;
        }
        if unchecked {
            record.partial = true;
            continue;
        }
        let compact: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
        let expect = match compact.as_str() {
            "---" => Expect::NoEvents,
            "###" => Expect::Discard,
            "+++" => Expect::Complex,
            _ => {
                let parts: Vec<&str> = inner.split('/').map(str::trim).collect();
                match parts.as_slice() {
                    [s, t, c] if !s.is_empty() && !c.is_empty() => {
                        Expect::Event(s.to_string(), t.to_string(), c.to_string())
                    }
                    _ => continue,
                }
            }
        };
        if first {
            let date: String = after.trim_start().chars().take_while(|c| c.is_ascii_digit()).collect();
            if date.len() == 6 {
                record.expected_date = Some(date);
            }
            first = false;
        }
        record.expect.push(expect);
    }
}

/// The record date: `YYMMDD` (years 00–30 are 2000s) or, with `SET: YYYY`, `YYYYMMDD`. Only the leading digits
/// count (TABARI reads a fixed width).
pub fn record_date(text: &str, four_digit_years: bool) -> Option<Date> {
    let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
    let width = if four_digit_years { 8 } else { 6 };
    let digits = digits.get(..width)?;
    attache_dict::syntax::parse_date(digits).ok()
}

fn yymmdd(date: Date) -> String {
    format!("{:02}{:02}{:02}", date.year().rem_euclid(100), date.month(), date.day())
}

/// Story and sentence numbers from a record id by TABARI's FORWARD format (`^^*****NNN*SSS`).
fn story_sentence(id: &str, format: &str) -> Option<(String, u32)> {
    let format = format.trim_start_matches('^');
    let id: Vec<char> = id.trim().chars().collect();
    let (mut story, mut sentence) = (String::new(), String::new());
    for (i, f) in format.chars().enumerate() {
        let c = *id.get(i)?;
        match f {
            'N' => story.push(c),
            'S' => sentence.push(c),
            _ => {}
        }
    }
    Some((story, sentence.parse().ok()?))
}

/// The category of a record id: its first word that is not a number, up to a dash (`DEMO-01` → `DEMO`).
fn category(id: &str) -> String {
    let word = id.split_whitespace().find(|w| !w.chars().all(|c| c.is_ascii_digit())).unwrap_or(id);
    word.split('-').next().unwrap_or(word).to_string()
}

/// Loads the dictionaries a TABARI project names.
pub fn load_project(
    project: &str,
    name: &str,
    read: ReadFile,
) -> Result<(Dictionary, Options, Vec<String>, Vec<String>), String> {
    let project = tabari::read_project(project, name).map_err(|e| e.to_string())?;
    let mut dict = Dictionary::default();
    let mut notes = Vec::new();
    let mut load = |file: &str,
                    reader: fn(&str, &str) -> Result<attache_dict::Loaded, attache_dict::DictErrors>|
     -> Result<(), String> {
        let text = read(file)?;
        let loaded = reader(&decode(text.as_bytes()), file).map_err(|e| e.to_string())?;
        for w in &loaded.warnings {
            notes.push(format!("skipped {w}"));
        }
        dict.merge(loaded.dictionary);
        Ok(())
    };
    for file in &project.actors {
        load(file, tabari::read_actors)?;
    }
    for file in &project.agents {
        load(file, tabari::read_agents)?;
    }
    for file in &project.verbs {
        load(file, tabari::read_verbs)?;
    }
    let options = match &project.options {
        Some(file) => {
            let (options, warnings) =
                attache_dict::options::read_options(&read(file)?, file).map_err(|e| e.to_string())?;
            notes.extend(warnings.iter().map(|w| format!("skipped {w}")));
            options
        }
        None => Options::tabari(),
    };
    Ok((dict, options, project.texts, notes))
}

/// Runs the validation project. `read` reads files named in the project.
pub fn run(project: &str, project_name: &str, read: ReadFile) -> Result<Report, String> {
    let (dict, options, texts, notes) = load_project(project, project_name, read)?;
    let mut coder = Coder::new(dict, options);
    let mut report = Report { suite: format!("TABARI validation ({project_name})"), records: Vec::new(), notes };
    for name in texts {
        let text = read(&name)?;
        let text = decode(text.as_bytes()).into_owned();
        if run_records(&mut coder, &parse_records(&text), &mut report) {
            break;
        }
    }
    Ok(report)
}

/// Codes records until `FINAL-01`; returns true when the end-of-validation record was reached.
fn run_records(coder: &mut Coder, records: &[Record], report: &mut Report) -> bool {
    let mut carry = Carry::default();
    let mut previous: Option<(String, u32)> = None;
    for record in records {
        if record.id.starts_with("FINAL") {
            return true;
        }
        for option in &record.options {
            if let Err(e) = coder.options_mut().apply(option) {
                report.notes.push(format!("{} (line {}): option `{option}`: {e}", record.id, record.line));
            }
        }
        if record.expect.is_empty() {
            continue;
        }
        let date = record_date(&record.date_text, coder.options().four_digit_years);
        // Pronoun forwarding only between consecutive sentences of one story.
        let forward = &coder.options().forward;
        let position = if forward.enabled { story_sentence(&record.id, &forward.format) } else { None };
        let consecutive = match (&previous, &position) {
            (Some((ps, pn)), Some((s, n))) => ps == s && *n == pn + 1,
            _ => false,
        };
        if !consecutive {
            carry = Carry::default();
        }
        previous = position;
        let (coded, _) = coder.code_text(&record.text, date, &mut carry);
        let shifted = date.and_then(|d| d.checked_add(jiff::Span::new().days(coded.shift_days as i64)).ok());
        let got = triples(&coded.events);
        let special = match coded.outcome {
            Outcome::Discarded { .. } => Some(Expect::Discard),
            Outcome::Complex { .. } => Some(Expect::Complex),
            _ if got.is_empty() => Some(Expect::NoEvents),
            _ => None,
        };
        let specials: Vec<&Expect> = record.expect.iter().filter(|e| !matches!(e, Expect::Event(..))).collect();
        let mut wanted: Vec<(String, String, String)> = record
            .expect
            .iter()
            .filter_map(|e| match e {
                Expect::Event(s, t, c) => Some((s.clone(), t.clone(), c.clone())),
                _ => None,
            })
            .collect();
        wanted.sort();
        wanted.dedup();
        let time_shift_on = coder.options().time_shifting.unwrap_or_else(|| coder.lexicon().has_time_shifts());
        let date_ok = match (&record.expected_date, shifted, time_shift_on) {
            (Some(expected), Some(d), true) => *expected == yymmdd(d),
            _ => true,
        };
        let special_match = special.as_ref().is_some_and(|s| specials.contains(&s));
        let events_match = if record.partial { wanted.iter().all(|w| got.contains(w)) } else { wanted == got };
        let passed = special_match || (!wanted.is_empty() && events_match && special.is_none() && date_ok);
        let expected = {
            let mut parts: Vec<String> = specials
                .iter()
                .map(|s| match s {
                    Expect::NoEvents => "{---}".to_string(),
                    Expect::Discard => "{###}".to_string(),
                    Expect::Complex => "{+++}".to_string(),
                    Expect::Event(..) => String::new(),
                })
                .collect();
            if !wanted.is_empty() {
                parts.push(show(&wanted));
            }
            if let (Some(d), true) = (&record.expected_date, time_shift_on) {
                parts.push(format!("date {d}"));
            }
            parts.join(" ")
        };
        let coded_text = match &coded.outcome {
            Outcome::Discarded { .. } => "{###} discarded".to_string(),
            Outcome::Complex { why } => format!("{{+++}} complex: {why}"),
            Outcome::TooShort => "(too short)".to_string(),
            Outcome::Coded => {
                let mut s = show(&got);
                if time_shift_on && let Some(d) = shifted {
                    s.push_str(&format!(" date {}", yymmdd(d)));
                }
                s
            }
        };
        report.records.push(RecordResult {
            id: record.id.clone(),
            category: category(&record.id),
            text: record.text.clone(),
            expected,
            coded: coded_text,
            passed,
        });
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_blocks() {
        let text = "\n####\n950101  DEMO-01\nArnor is about to restore ties\nwith Gondor./*\n\\n{ ARN / GON / 064 } 950102 */\n\n950101  X-Modify\nChange\n/*\\n{ OPTION: SET: CODE ALL } */\n\n950101 Y-1\nText\n/* -{ A / B / 1 } {+++} */\n";
        let records = parse_records(text);
        assert_eq!(records.len(), 3);
        assert_eq!(records[0].text, "Arnor is about to restore ties with Gondor.");
        assert_eq!(records[0].expect, vec![Expect::Event("ARN".into(), "GON".into(), "064".into())]);
        assert_eq!(records[0].expected_date.as_deref(), Some("950102"));
        assert_eq!(records[1].options, vec!["SET: CODE ALL"]);
        assert_eq!(records[2].expect, vec![Expect::Complex]);
        assert_eq!(record_date("9501201", false), Date::new(1995, 1, 20).ok());
        assert_eq!(story_sentence("FRWD-001-002", "^^*****NNN*SSS"), Some(("001".into(), 2)));
    }
}
