//! Read queries for the CLI: list, show, counts.

use crate::{Store, StoreError};
use attache_doc::CharIndex;
use rusqlite::{OptionalExtension, Row, ToSql};
use serde::Serialize;

/// Which articles to list. Dates are `YYYY-MM-DD` and inclusive; they compare with the date part of `published`.
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    pub from: Option<String>,
    pub to: Option<String>,
    /// Exact source name, case-insensitive.
    pub source: Option<String>,
    /// Words that must all occur in the title or text (full-text index; matching ignores case and accents).
    pub search: Option<String>,
    pub limit: Option<u64>,
}

/// One line of an article listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: String,
    pub published: Option<String>,
    pub source: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub sentences: u64,
    pub chars: u64,
}

/// A stored sentence with its text derived from the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredSentence {
    pub idx: u32,
    pub start: u32,
    pub end: u32,
    pub paragraph: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tone: Option<f64>,
    pub text: String,
}

/// One article as stored, with its sentences and how many annotations of each kind it has.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredArticle {
    pub id: String,
    /// The id the input gave, when it had to be disambiguated.
    pub input_id: Option<String>,
    pub content_hash: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub origin_path: Option<String>,
    pub origin_format: Option<String>,
    pub origin_record: Option<u64>,
    pub ingested_at: String,
    pub text: String,
    pub sentences: Vec<StoredSentence>,
    pub events: u64,
    pub quotes: u64,
    pub entities: u64,
    pub themes: u64,
    pub signals: u64,
}

/// Row counts of the main tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    pub articles: u64,
    pub sentences: u64,
    pub events: u64,
    pub quotes: u64,
    pub entities: u64,
    pub themes: u64,
    pub signals: u64,
    /// Total characters of stored article text.
    pub chars: u64,
}

/// Turns the user's words into an FTS5 query that matches them all, each taken literally (FTS5 operators and
/// punctuation in the input have no special meaning). `None` when there is no word to search for.
pub fn fts_query(words: &str) -> Option<String> {
    let terms: Vec<String> =
        words.split_whitespace().map(|word| format!("\"{}\"", word.replace('"', "\"\""))).collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

fn count(row: &Row<'_>, index: usize) -> rusqlite::Result<u64> {
    Ok(row.get::<_, i64>(index)?.max(0) as u64)
}

impl Store {
    /// Articles stored but not yet in the full-text index.
    pub fn search_index_pending(&self) -> Result<u64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM search_pending", [], |row| count(row, 0))?)
    }

    /// Adds the articles stored since the last call to the full-text index, in transactions of a few thousand
    /// (an interrupted refresh keeps what it committed). Returns how many were indexed.
    pub fn refresh_search_index(&self) -> Result<u64, StoreError> {
        const PER_TRANSACTION: i64 = 2_000;
        let mut indexed = 0;
        loop {
            // Immediate: take the write lock before reading the queue, so a concurrent ingest cannot interleave.
            let tx = rusqlite::Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)?;
            let bound: Option<i64> = tx.query_row(
                "SELECT max(article) FROM (SELECT article FROM search_pending ORDER BY article LIMIT ?1)",
                [PER_TRANSACTION],
                |row| row.get(0),
            )?;
            let Some(bound) = bound else { return Ok(indexed) };
            indexed += tx.execute(
                "INSERT INTO articles_fts (rowid, title, text) SELECT a.pk, a.title, a.text \
                 FROM search_pending p JOIN articles a ON a.pk = p.article WHERE p.article <= ?1",
                [bound],
            )? as u64;
            tx.execute("DELETE FROM search_pending WHERE article <= ?1", [bound])?;
            tx.commit()?;
        }
    }

    /// Articles matching `filter`: by search rank when searching, else newest first (undated last), ties in
    /// ingest order. A search first brings the full-text index up to date ([`Store::refresh_search_index`]).
    pub fn list_articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleSummary>, StoreError> {
        let mut sql = String::from(
            "SELECT a.id, a.published, a.source, a.title, a.url, a.char_count, \
             (SELECT count(*) FROM sentences s WHERE s.article = a.pk) FROM ",
        );
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        let search = match filter.search.as_deref() {
            Some(words) => Some(fts_query(words).ok_or_else(|| StoreError::Search("no words to search for".into()))?),
            None => None,
        };
        if let Some(query) = search.clone() {
            // A read-only connection (`attache serve`) searches the index as it is; `Store::open_read_only`'s
            // caller brings it up to date first.
            if !self.conn.is_readonly(rusqlite::MAIN_DB)? {
                self.refresh_search_index()?;
            }
            sql.push_str("articles_fts f JOIN articles a ON a.pk = f.rowid WHERE articles_fts MATCH ?");
            args.push(Box::new(query));
        } else {
            sql.push_str("articles a WHERE 1");
        }
        if let Some(from) = &filter.from {
            sql.push_str(" AND a.published_date >= ?");
            args.push(Box::new(from.clone()));
        }
        if let Some(to) = &filter.to {
            sql.push_str(" AND a.published_date <= ?");
            args.push(Box::new(to.clone()));
        }
        if let Some(source) = &filter.source {
            sql.push_str(" AND a.source = ? COLLATE NOCASE");
            args.push(Box::new(source.clone()));
        }
        sql.push_str(if search.is_some() {
            " ORDER BY f.rank, a.pk"
        } else {
            " ORDER BY a.published_date DESC NULLS LAST, a.pk"
        });
        sql.push_str(" LIMIT ?");
        args.push(Box::new(filter.limit.map(|l| l.min(i64::MAX as u64) as i64).unwrap_or(-1)));

        let mut stmt = self.conn.prepare(&sql)?;
        let params: Vec<&dyn ToSql> = args.iter().map(|a| a.as_ref()).collect();
        let rows = stmt.query_map(params.as_slice(), |row| {
            Ok(ArticleSummary {
                id: row.get(0)?,
                published: row.get(1)?,
                source: row.get(2)?,
                title: row.get(3)?,
                url: row.get(4)?,
                chars: count(row, 5)?,
                sentences: count(row, 6)?,
            })
        })?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|error| match error {
            rusqlite::Error::SqliteFailure(_, Some(message)) if message.contains("fts5") => StoreError::Search(message),
            other => StoreError::Sqlite(other),
        })
    }

    /// One article by id, with its sentences (text derived from the stored article text).
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>, StoreError> {
        let found = self
            .conn
            .query_row(
                "SELECT pk, id, input_id, content_hash, url, source, title, published, origin_path, origin_format, \
                 origin_record, ingested_at, text FROM articles WHERE id = ?1",
                [id],
                |row| {
                    let pk: i64 = row.get(0)?;
                    let article = StoredArticle {
                        id: row.get(1)?,
                        input_id: row.get(2)?,
                        content_hash: row.get(3)?,
                        url: row.get(4)?,
                        source: row.get(5)?,
                        title: row.get(6)?,
                        published: row.get(7)?,
                        origin_path: row.get(8)?,
                        origin_format: row.get(9)?,
                        origin_record: row.get::<_, Option<i64>>(10)?.map(|r| r.max(0) as u64),
                        ingested_at: row.get(11)?,
                        text: row.get(12)?,
                        sentences: Vec::new(),
                        events: 0,
                        quotes: 0,
                        entities: 0,
                        themes: 0,
                        signals: 0,
                    };
                    Ok((pk, article))
                },
            )
            .optional()?;
        let Some((pk, mut article)) = found else { return Ok(None) };

        let index = CharIndex::new(&article.text);
        let mut stmt = self.conn.prepare_cached(
            "SELECT idx, char_start, char_end, paragraph, tone FROM sentences WHERE article = ?1 ORDER BY idx",
        )?;
        let sentences = stmt.query_map([pk], |row| {
            let start: u32 = row.get(1)?;
            let end: u32 = row.get(2)?;
            let text = article.text.get(index.byte_of(start)..index.byte_of(end)).unwrap_or("").to_string();
            Ok(StoredSentence { idx: row.get(0)?, start, end, paragraph: row.get(3)?, tone: row.get(4)?, text })
        })?;
        article.sentences = sentences.collect::<Result<_, _>>()?;

        let per_article = |table: &str| -> Result<u64, StoreError> {
            let sql = format!("SELECT count(*) FROM {table} WHERE article = ?1");
            Ok(self.conn.query_row(&sql, [pk], |row| count(row, 0))?)
        };
        article.events = per_article("events")?;
        article.quotes = per_article("quotes")?;
        article.entities = per_article("entities")?;
        article.themes = per_article("themes")?;
        article.signals = per_article("signals")?;
        Ok(Some(article))
    }

    /// Row counts of the main tables.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sentences), \
             (SELECT count(*) FROM events), (SELECT count(*) FROM quotes), (SELECT count(*) FROM entities), \
             (SELECT count(*) FROM themes), (SELECT count(*) FROM signals), \
             (SELECT coalesce(sum(char_count), 0) FROM articles)",
            [],
            |row| {
                Ok(Counts {
                    articles: count(row, 0)?,
                    sentences: count(row, 1)?,
                    events: count(row, 2)?,
                    quotes: count(row, 3)?,
                    entities: count(row, 4)?,
                    themes: count(row, 5)?,
                    signals: count(row, 6)?,
                    chars: count(row, 7)?,
                })
            },
        )?)
    }
}
