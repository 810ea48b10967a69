//! # attache-readers — news in every common format, read into articles
//!
//! Purpose: turn what users have — plain text files, saved HTML pages, RSS/Atom feeds, JSON Lines exports and
//! PETRARCH-style XML — into [`attache_doc::Article`]s with their metadata (`id`, `url`, `source`, `title`,
//! `published`, `origin`), and refuse what is not news text (empty, binary, wrongly encoded, truncated, malformed)
//! with an error that names the file, the line or record, and the cause.
//!
//! Key design decision: **every format is a pure function of bytes** ([`parse_bytes`]), and the IO around it
//! ([`collect_inputs`], [`read_source`]) only finds, opens and streams inputs. So the same code is exercised by
//! unit tests, property tests and fuzzers, and JSON Lines — the one format whose files grow without bound — is
//! streamed line by line in constant memory once a file passes 16 MiB (smaller files are read with one call).
//! Dates are normalised to ISO 8601 keeping the publisher's offset; a reader never invents an id (attache-doc
//! derives one from the content).
//!
//! `docs/input-formats.md` documents every format, the field mapping, date handling and the error list.

mod dates;
mod decode;
mod detect;
mod error;
mod feed;
mod html;
mod input;
mod jsonl;
mod petrarch;
mod txt;

pub use dates::normalize_published;
pub use detect::{KNOWN_EXTENSIONS, detect_format};
pub use error::ReadError;
pub use input::{SizedInput, collect_inputs, collect_sized_inputs};

use attache_doc::{Article, Origin};
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::str::FromStr;

/// Fallbacks for what an input does not carry itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Publication date for articles without one (any form [`normalize_published`] reads).
    pub published: Option<String>,
    /// Source name for articles without one. For feeds it takes precedence over the channel title.
    pub source: Option<String>,
}

/// The input formats attache reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text: title line, optional `key: value` headers, blank line, body.
    Txt,
    /// A web page: main article text and its metadata.
    Html,
    /// RSS 2.0 (also 0.9x and 1.0) and Atom feeds: one article per item or entry.
    Feed,
    /// JSON Lines (or a JSON array): one article object per line.
    Jsonl,
    /// PETRARCH-style XML: `<Sentences><Sentence …><Text>…</Text></Sentence>…`.
    PetrarchXml,
}

impl Format {
    pub const ALL: [Format; 5] = [Format::Txt, Format::Html, Format::Feed, Format::Jsonl, Format::PetrarchXml];

    /// The format's name as the CLI accepts it. Articles from feeds record `rss` or `atom` in their origin.
    pub fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Feed => "feed",
            Format::Jsonl => "jsonl",
            Format::PetrarchXml => "petrarch-xml",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(name: &str) -> Result<Format, String> {
        match name.to_ascii_lowercase().as_str() {
            "txt" | "text" => Ok(Format::Txt),
            "html" | "htm" => Ok(Format::Html),
            "feed" | "rss" | "atom" => Ok(Format::Feed),
            "jsonl" | "ndjson" | "json" => Ok(Format::Jsonl),
            "petrarch-xml" | "petrarch" => Ok(Format::PetrarchXml),
            other => Err(format!("unknown format `{other}` (known: txt, html, feed, jsonl, petrarch-xml)")),
        }
    }
}

/// One input named on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum InputSource {
    File(PathBuf),
    Stdin,
}

impl InputSource {
    /// How errors and origins name this input: the path as given, or `-`.
    pub fn label(&self) -> String {
        match self {
            InputSource::File(path) => path.display().to_string(),
            InputSource::Stdin => "-".to_string(),
        }
    }
}

/// The articles (or per-record errors) of one input, produced lazily.
pub type Articles = Box<dyn Iterator<Item = Result<Article, ReadError>> + Send>;

/// Opens and reads one input lazily, choosing its format with [`detect_format`].
///
/// Nothing is opened until the first call to `next`. Files up to 16 MiB are read whole; larger JSON Lines files
/// and standard input are streamed (one line in memory at a time); other formats are read whole, then parsed.
/// A bad record fails alone and the rest still come; an input that cannot be read at all yields one error.
pub fn read_source(source: &InputSource, opts: &ReadOptions) -> Articles {
    read_source_as(source, None, opts)
}

/// Like [`read_source`], with the format forced (`Some`) instead of detected.
pub fn read_source_as(source: &InputSource, format: Option<Format>, opts: &ReadOptions) -> Articles {
    Box::new(SourceReader::Pending { source: source.clone(), format, opts: opts.clone() })
}

/// Pure: parses one input already in memory. `path_label` names it in origins and errors.
pub fn parse_bytes(
    bytes: &[u8],
    format: Format,
    path_label: &str,
    opts: &ReadOptions,
) -> Vec<Result<Article, ReadError>> {
    let opts = match prepare_options(opts, path_label) {
        Ok(opts) => opts,
        Err(error) => return vec![Err(error)],
    };
    match format {
        Format::Txt => vec![
            decode::decode(bytes, None)
                .map_err(|cause| ReadError::whole(path_label, cause))
                .and_then(|text| txt::parse(&text, path_label, &opts)),
        ],
        Format::Html => vec![html::parse(bytes, path_label, &opts)],
        Format::Feed => feed::parse(bytes, path_label, &opts),
        Format::Jsonl => jsonl::JsonlReader::new(bytes, path_label, &opts).collect(),
        Format::PetrarchXml => petrarch::parse(bytes, path_label, &opts),
    }
}

/// Checks and normalises the fallbacks once per input.
fn prepare_options(opts: &ReadOptions, path: &str) -> Result<ReadOptions, ReadError> {
    let published = match opts.published.as_deref() {
        Some(raw) => Some(normalize_published(raw).ok_or_else(|| {
            ReadError::whole(
                path,
                format!("the fallback publication date `{raw}` is not a date (write e.g. 2026-02-05)"),
            )
        })?),
        None => None,
    };
    let source = opts.source.as_deref().map(str::trim).filter(|source| !source.is_empty()).map(str::to_string);
    Ok(ReadOptions { published, source })
}

/// Every reader's last step: tidy the metadata, apply the fallbacks, record the origin.
fn finish_article(mut article: Article, path: &str, format: &str, record: Option<u64>, opts: &ReadOptions) -> Article {
    let tidy = |field: Option<String>| {
        field.map(|value| value.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|value| !value.is_empty())
    };
    article.id = article.id.trim().to_string();
    article.title = tidy(article.title);
    article.source = tidy(article.source).or_else(|| opts.source.clone());
    article.url = tidy(article.url);
    if article.published.is_none() {
        article.published = opts.published.clone();
    }
    article.origin = Some(Origin { path: path.to_string(), format: format.to_string(), record });
    article
}

enum SourceReader {
    Pending { source: InputSource, format: Option<Format>, opts: ReadOptions },
    Streaming(jsonl::JsonlReader<Box<dyn BufRead + Send>>),
    Parsed(std::vec::IntoIter<Result<Article, ReadError>>),
    Done,
}

impl SourceReader {
    fn open(source: &InputSource, format: Option<Format>, opts: &ReadOptions) -> Result<SourceReader, ReadError> {
        let label = source.label();
        let opts = prepare_options(opts, &label)?;
        let cannot_read = |error: std::io::Error| ReadError::whole(&label, format!("cannot read: {error}"));
        let mut reader: Box<dyn Read + Send> = match source {
            InputSource::File(path) => {
                let mut file = std::fs::File::open(path)
                    .map_err(|error| ReadError::whole(&label, format!("cannot open: {error}")))?;
                let size = file.metadata().map(|metadata| metadata.len()).unwrap_or(u64::MAX);
                if size <= WHOLE_FILE_LIMIT {
                    let bytes = read_whole(&mut file, size).map_err(cannot_read)?;
                    return SourceReader::from_bytes(bytes, Some(path), format, &label, &opts);
                }
                Box::new(file)
            }
            InputSource::Stdin => Box::new(std::io::stdin()),
        };
        let mut head = Vec::with_capacity(decode::HEAD_LEN);
        reader.by_ref().take(decode::HEAD_LEN as u64).read_to_end(&mut head).map_err(cannot_read)?;
        let path = match source {
            InputSource::File(path) => Some(path.as_path()),
            InputSource::Stdin => None,
        };
        let format = resolve_format(format, path, &head, &label)?;
        let whole = std::io::Cursor::new(head).chain(reader);
        if format == Format::Jsonl {
            let buffered: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(64 * 1024, whole));
            return Ok(SourceReader::Streaming(jsonl::JsonlReader::new(buffered, &label, &opts)));
        }
        let mut bytes = Vec::new();
        BufReader::new(whole).read_to_end(&mut bytes).map_err(cannot_read)?;
        SourceReader::from_bytes(bytes, path, Some(format), &label, &opts)
    }

    /// A reader over an input read whole into memory.
    fn from_bytes(
        bytes: Vec<u8>,
        path: Option<&std::path::Path>,
        format: Option<Format>,
        label: &str,
        opts: &ReadOptions,
    ) -> Result<SourceReader, ReadError> {
        let format = resolve_format(format, path, &bytes[..bytes.len().min(decode::HEAD_LEN)], label)?;
        if format == Format::Jsonl {
            let lines: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(bytes));
            return Ok(SourceReader::Streaming(jsonl::JsonlReader::new(lines, label, opts)));
        }
        Ok(SourceReader::Parsed(parse_bytes(&bytes, format, label, opts).into_iter()))
    }
}

/// Files up to this size are read whole with one `read` (and one more to see the end); bigger ones are streamed.
const WHOLE_FILE_LIMIT: u64 = 16 << 20;

/// Reads `file`, expected to hold `size` bytes, to its end. Reading into a buffer sized from the caller's size
/// takes two `read` calls where `read_to_end` on a `File` asks the file's size and position again first.
fn read_whole(file: &mut std::fs::File, size: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(size as usize + 1);
    // `Take` has no size-probing `read_to_end` of its own: it fills the reserved capacity and then sees the end.
    file.by_ref().take(size + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > size {
        // The file grew since its size was read.
        file.read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// The forced format, else the detected one, else an error that says why none could be chosen.
fn resolve_format(
    forced: Option<Format>,
    path: Option<&std::path::Path>,
    head: &[u8],
    label: &str,
) -> Result<Format, ReadError> {
    if let Some(format) = forced.or_else(|| detect_format(path, head)) {
        return Ok(format);
    }
    decode::check_text_like(head).map_err(|cause| ReadError::whole(label, cause))?;
    Err(ReadError::whole(
        label,
        format!(
            "cannot tell the format (name the file with a known extension: {}, or choose a format)",
            KNOWN_EXTENSIONS.join(", ")
        ),
    ))
}

impl Iterator for SourceReader {
    type Item = Result<Article, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self {
                SourceReader::Pending { source, format, opts } => match SourceReader::open(source, *format, opts) {
                    Ok(opened) => *self = opened,
                    Err(error) => {
                        *self = SourceReader::Done;
                        return Some(Err(error));
                    }
                },
                SourceReader::Streaming(lines) => return lines.next(),
                SourceReader::Parsed(records) => return records.next(),
                SourceReader::Done => return None,
            }
        }
    }
}
