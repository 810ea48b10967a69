//! Measuring sentence segmentation against a gold corpus in CoNLL-U (GUM, UD English Web Treebank).
//!
//! The gold text of a document is rebuilt from its `# text =` lines: sentences of one paragraph (`# newpar`)
//! joined by a single space, paragraphs by a blank line. A gold boundary is the character offset where a
//! sentence ends; a predicted boundary is where one of our sentences ends. Precision, recall and F1 count
//! exact offset matches. Because paragraph ends are given away by the blank lines, the report also scores the
//! boundaries *inside* paragraphs on their own — the hard part.
//!
//! This module takes strings: reading the files is the caller's business (tests, benches).

use crate::analyze;
use attache_doc::CharIndex;
use std::collections::BTreeMap;
use std::fmt;

/// One gold document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldDocument {
    /// `# newdoc id`, or the source name for a file without one.
    pub id: String,
    /// `news`, `bio`, … for GUM (`GUM_news_x`); the id's first part for UD-EWT (`weblog`, `email`, …).
    pub genre: String,
    pub text: String,
    /// Character offsets where gold sentences end, ascending.
    pub sentence_ends: Vec<usize>,
    /// Character offsets where gold paragraphs end (a subset of `sentence_ends`).
    pub paragraph_ends: Vec<usize>,
}

/// A CoNLL-U file that cannot be used as gold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConlluError {
    pub source: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ConlluError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.source, self.line, self.message)
    }
}

impl std::error::Error for ConlluError {}

/// Reads the documents of one CoNLL-U file. `source` names the file in errors and is the id of a document
/// that has no `# newdoc id` line.
pub fn parse_conllu(source: &str, conllu: &str) -> Result<Vec<GoldDocument>, ConlluError> {
    let mut documents = Vec::new();
    let mut builder = DocumentBuilder::new(source.to_string());
    let mut sentence_has_text = false;
    let mut sentence_has_tokens = false;
    let mut sentence_line = 0;
    for (index, line) in conllu.lines().enumerate() {
        let number = index + 1;
        let line = line.trim_end_matches('\r');
        if let Some(id) = line.strip_prefix("# newdoc id =") {
            if builder.has_text() {
                documents.push(builder.finish());
            }
            builder = DocumentBuilder::new(id.trim().to_string());
        } else if line == "# newpar" || line.starts_with("# newpar ") {
            builder.new_paragraph();
        } else if let Some(text) = line.strip_prefix("# text =") {
            let text = text.trim();
            if sentence_has_text {
                return Err(ConlluError {
                    source: source.to_string(),
                    line: number,
                    message: "second `# text =` line in one sentence".into(),
                });
            }
            sentence_has_text = true;
            sentence_line = number;
            builder.sentence(text);
        } else if line.is_empty() {
            if sentence_has_tokens && !sentence_has_text {
                return Err(ConlluError {
                    source: source.to_string(),
                    line: number,
                    message: "sentence without a `# text =` line".into(),
                });
            }
            sentence_has_text = false;
            sentence_has_tokens = false;
        } else if !line.starts_with('#') {
            sentence_has_tokens = true;
        }
    }
    if sentence_has_tokens && !sentence_has_text {
        return Err(ConlluError {
            source: source.to_string(),
            line: sentence_line.max(conllu.lines().count()),
            message: "last sentence has no `# text =` line".into(),
        });
    }
    if builder.has_text() {
        documents.push(builder.finish());
    }
    Ok(documents)
}

struct DocumentBuilder {
    id: String,
    text: String,
    chars: usize,
    sentence_ends: Vec<usize>,
    paragraph_ends: Vec<usize>,
    paragraph_open: bool,
}

impl DocumentBuilder {
    fn new(id: String) -> Self {
        DocumentBuilder {
            id,
            text: String::new(),
            chars: 0,
            sentence_ends: Vec::new(),
            paragraph_ends: Vec::new(),
            paragraph_open: false,
        }
    }

    fn has_text(&self) -> bool {
        !self.sentence_ends.is_empty()
    }

    fn new_paragraph(&mut self) {
        if self.paragraph_open {
            self.paragraph_ends.push(self.chars);
        }
        self.paragraph_open = false;
    }

    fn sentence(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let separator = match (self.text.is_empty(), self.paragraph_open) {
            (true, _) => "",
            (false, true) => " ",
            (false, false) => "\n\n",
        };
        self.text.push_str(separator);
        self.text.push_str(text);
        self.chars += separator.len() + text.chars().count();
        self.sentence_ends.push(self.chars);
        self.paragraph_open = true;
    }

    fn finish(mut self) -> GoldDocument {
        self.new_paragraph();
        let genre = genre_of(&self.id);
        GoldDocument {
            id: self.id,
            genre,
            text: self.text,
            sentence_ends: self.sentence_ends,
            paragraph_ends: self.paragraph_ends,
        }
    }
}

fn genre_of(id: &str) -> String {
    match id.strip_prefix("GUM_") {
        Some(rest) => rest.split('_').next().unwrap_or(rest).to_string(),
        None => id.split(['-', '_']).next().unwrap_or(id).to_string(),
    }
}

/// True/false positives and false negatives of boundary detection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    pub fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
    /// Scores predicted against gold offsets (both ascending, without duplicates).
    pub fn of(gold: &[usize], predicted: &[usize]) -> Counts {
        let (mut g, mut p) = (0, 0);
        let mut counts = Counts::default();
        while g < gold.len() && p < predicted.len() {
            match gold[g].cmp(&predicted[p]) {
                std::cmp::Ordering::Equal => {
                    counts.true_positives += 1;
                    g += 1;
                    p += 1;
                }
                std::cmp::Ordering::Less => {
                    counts.false_negatives += 1;
                    g += 1;
                }
                std::cmp::Ordering::Greater => {
                    counts.false_positives += 1;
                    p += 1;
                }
            }
        }
        counts.false_negatives += gold.len() - g;
        counts.false_positives += predicted.len() - p;
        counts
    }
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 { 1.0 } else { numerator as f64 / denominator as f64 }
}

/// Boundary scores per genre and overall.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub documents: usize,
    /// All sentence ends.
    pub all: Counts,
    /// Sentence ends that are not paragraph ends.
    pub inside_paragraphs: Counts,
    pub by_genre: BTreeMap<String, GenreCounts>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GenreCounts {
    pub documents: usize,
    pub all: Counts,
    pub inside_paragraphs: Counts,
}

impl Report {
    /// F1 over all sentence ends of one genre (`None` when the genre is absent).
    pub fn genre_f1(&self, genre: &str) -> Option<f64> {
        self.by_genre.get(genre).map(|counts| counts.all.f1())
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<14} {:>5} {:>6} {:>6} {:>6} {:>6} | inside paragraphs: {:>6} {:>6} {:>6}",
            "genre", "docs", "gold", "P", "R", "F1", "P", "R", "F1"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, docs: usize, all: &Counts, inside: &Counts| {
            writeln!(
                f,
                "{:<14} {:>5} {:>6} {:>6.4} {:>6.4} {:>6.4} | {:>25.4} {:>6.4} {:>6.4}",
                name,
                docs,
                all.true_positives + all.false_negatives,
                all.precision(),
                all.recall(),
                all.f1(),
                inside.precision(),
                inside.recall(),
                inside.f1()
            )
        };
        for (genre, counts) in &self.by_genre {
            row(f, genre, counts.documents, &counts.all, &counts.inside_paragraphs)?;
        }
        row(f, "ALL", self.documents, &self.all, &self.inside_paragraphs)
    }
}

/// Scores any segmenter: `segment` returns the character offsets where its sentences end.
pub fn evaluate(documents: &[GoldDocument], segment: impl Fn(&str) -> Vec<usize>) -> Report {
    let mut report = Report::default();
    for document in documents {
        let mut predicted = segment(&document.text);
        predicted.sort_unstable();
        predicted.dedup();
        let all = Counts::of(&document.sentence_ends, &predicted);
        let is_paragraph_end = |offset: &usize| document.paragraph_ends.binary_search(offset).is_ok();
        let gold_inside: Vec<usize> = document.sentence_ends.iter().copied().filter(|o| !is_paragraph_end(o)).collect();
        let predicted_inside: Vec<usize> = predicted.iter().copied().filter(|o| !is_paragraph_end(o)).collect();
        let inside = Counts::of(&gold_inside, &predicted_inside);
        let genre = report.by_genre.entry(document.genre.clone()).or_default();
        genre.documents += 1;
        genre.all.add(all);
        genre.inside_paragraphs.add(inside);
        report.documents += 1;
        report.all.add(all);
        report.inside_paragraphs.add(inside);
    }
    report
}

/// Character offsets where [`analyze`] ends its sentences.
pub fn sentence_ends(text: &str) -> Vec<usize> {
    let index = CharIndex::new(text);
    analyze(text).sentences.iter().map(|s| index.char_of(s.end) as usize).collect()
}

/// Sentence-boundary scores of this crate on CoNLL-U files given as `(name, contents)` pairs — GUM's
/// `*.conllu` or UD-EWT's dev/test files.
pub fn gum_sentence_f1<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Report, ConlluError> {
    let mut documents = Vec::new();
    for (name, contents) in files {
        documents.extend(parse_conllu(name, contents)?);
    }
    Ok(evaluate(&documents, sentence_ends))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = GUM_news_sample\n# newpar\n# text = A headline\n1\tA\t_\n2\theadline\t_\n\n# newpar\n# text = One sentence.\n1\tOne\t_\n\n# text = Two.\n1\tTwo\t_\n\n";

    #[test]
    fn rebuilds_text_and_boundaries() {
        let documents = parse_conllu("sample.conllu", SAMPLE).unwrap();
        assert_eq!(documents.len(), 1);
        let document = &documents[0];
        assert_eq!(document.genre, "news");
        assert_eq!(document.text, "A headline\n\nOne sentence. Two.");
        assert_eq!(document.sentence_ends, vec![10, 25, 30]);
        assert_eq!(document.paragraph_ends, vec![10, 30]);
    }

    #[test]
    fn scores_exact_matches() {
        let counts = Counts::of(&[10, 25, 30], &[10, 20, 30]);
        assert_eq!(counts, Counts { true_positives: 2, false_positives: 1, false_negatives: 1 });
        assert!((counts.f1() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn our_segmenter_on_the_sample() {
        let report = gum_sentence_f1([("sample.conllu", SAMPLE)]).unwrap();
        assert_eq!(report.all, Counts { true_positives: 3, false_positives: 0, false_negatives: 0 });
        assert_eq!(report.inside_paragraphs.true_positives, 1);
        assert_eq!(report.genre_f1("news"), Some(1.0));
    }

    #[test]
    fn missing_text_line_is_an_error_with_its_line() {
        let error = parse_conllu("bad.conllu", "# newdoc id = d\n1\tx\t_\n\n").unwrap_err();
        assert_eq!(error.line, 3);
        assert!(error.to_string().starts_with("bad.conllu:3:"));
    }

    #[test]
    fn ewt_genre_from_id() {
        assert_eq!(genre_of("weblog-blogspot.com_x"), "weblog");
        assert_eq!(genre_of("GUM_bio_byron"), "bio");
    }
}
