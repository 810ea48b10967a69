//! Scoring the coder against its peers' own suites, with their own dictionaries and options, from raw text:
//! TABARI's validation project ([`tabari`]) and PETRARCH's unit-test records ([`petrarch`]).
//!
//! The library does no IO: callers pass a function that reads a file named by the suite (the CLI and the
//! tests read from disk).

pub mod petrarch;
pub mod tabari;

use std::collections::BTreeMap;

/// Reads a file the suite refers to (by the name written in the suite).
pub type ReadFile<'a> = &'a dyn Fn(&str) -> Result<String, String>;

/// One record's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordResult {
    pub id: String,
    pub category: String,
    pub text: String,
    pub expected: String,
    pub coded: String,
    pub passed: bool,
}

/// A suite's results.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub suite: String,
    pub records: Vec<RecordResult>,
    /// Dictionary lines skipped while loading, and other remarks.
    pub notes: Vec<String>,
}

impl Report {
    pub fn passed(&self) -> usize {
        self.records.iter().filter(|r| r.passed).count()
    }
    pub fn failed(&self) -> usize {
        self.records.len() - self.passed()
    }
    /// Share of records fully right, 0–1.
    pub fn score(&self) -> f64 {
        if self.records.is_empty() { 0.0 } else { self.passed() as f64 / self.records.len() as f64 }
    }

    /// (category, passed, total) in category order.
    pub fn by_category(&self) -> Vec<(String, usize, usize)> {
        let mut map: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for r in &self.records {
            let entry = map.entry(r.category.as_str()).or_default();
            entry.1 += 1;
            if r.passed {
                entry.0 += 1;
            }
        }
        map.into_iter().map(|(c, (p, t))| (c.to_string(), p, t)).collect()
    }

    /// The human report: per-category lines, failures when asked, and a final `N passed, M failed` line.
    pub fn render(&self, failures: bool) -> String {
        let mut out = String::new();
        out.push_str(&format!("{}\n", self.suite));
        for note in &self.notes {
            out.push_str(&format!("note: {note}\n"));
        }
        if failures {
            for r in self.records.iter().filter(|r| !r.passed) {
                out.push_str(&format!(
                    "FAIL {} [{}]\n  text:     {}\n  expected: {}\n  coded:    {}\n",
                    r.id, r.category, r.text, r.expected, r.coded
                ));
            }
        }
        for (category, passed, total) in self.by_category() {
            out.push_str(&format!(
                "{category:<12} {passed:>4} / {total:<4} {:>5.1}%\n",
                100.0 * passed as f64 / total.max(1) as f64
            ));
        }
        out.push_str(&format!(
            "{:<12} {:>4} / {:<4} {:>5.1}%\n",
            "total",
            self.passed(),
            self.records.len(),
            100.0 * self.score()
        ));
        out.push_str(&format!("{} passed, {} failed\n", self.passed(), self.failed()));
        out
    }
}

/// Formats coded events as `SRC/TGT/CODE` triples, sorted, for comparison and display.
pub fn triples(events: &[crate::CodedEvent]) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> =
        events.iter().map(|e| (e.source.code.clone(), e.target.code.clone(), e.code.clone())).collect();
    out.sort();
    out.dedup();
    out
}

pub fn show(triples: &[(String, String, String)]) -> String {
    if triples.is_empty() {
        return "(no events)".into();
    }
    triples.iter().map(|(s, t, c)| format!("{s}/{t}/{c}")).collect::<Vec<_>>().join(" ")
}
