//! Rows for the exports, streamed one at a time: every event mention with the de-duplicated event it belongs to,
//! and every de-duplicated event with the mention that first reported it.
//!
//! Both walk one SQLite statement and hand each row to a callback, so an export of any size holds one row (and
//! a few cached look-up statements) in memory; the selection is the listing's own [`EventFilter`] clauses.

use crate::grouping::{EVENT_GROUP_COLUMNS, count, event_group};
use crate::listing::{event_by_key_select, event_conditions, stored_event};
use crate::{EventFilter, EventGroup, Store, StoreError, StoredEvent};
use rusqlite::{Row, params};
use serde::Serialize;

/// The de-duplicated event a mention belongs to, with its GDELT-style counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GroupCounts {
    /// The de-duplicated event's id (GDELT's GlobalEventID in `--format gdelt`).
    pub id: i64,
    pub num_mentions: u64,
    pub num_articles: u64,
    pub num_sources: u64,
}

/// One coded event (a mention) with its article's address and its de-duplicated event.
#[derive(Debug, Clone, PartialEq)]
pub struct EventMention {
    pub stored: StoredEvent,
    /// The article's URL and source (publisher), when the input gave them.
    pub url: Option<String>,
    pub source: Option<String>,
    /// `None` for undated events: only dated events are grouped.
    pub group: Option<GroupCounts>,
}

/// One de-duplicated event with what its first report said.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupedEvent {
    /// The event with its counts and mean tone.
    pub group: EventGroup,
    /// Its CAMEO root (`04`).
    pub root: String,
    /// The first mention (lowest article, then index): its actors name the event's actors.
    pub first: StoredEvent,
    /// The first mention's article URL, and when that article was stored (`YYYYMMDDHHMMSS`, UTC).
    pub first_url: Option<String>,
    pub first_added: String,
    /// The paragraph (0-based) of the first mention's sentence in its article.
    pub first_paragraph: Option<u32>,
}

/// The group a mention belongs to, and its article's address.
const MENTION_CONTEXT: &str = "SELECT a.url, a.source, g.id, g.num_mentions, g.num_articles, g.num_sources \
     FROM articles a LEFT JOIN event_group_mentions m ON m.article = a.pk AND m.idx = ?2 \
     LEFT JOIN event_groups g ON g.id = m.group_id WHERE a.id = ?1";

impl Store {
    /// Every event `filter` selects, in the order of [`Store::events`], each with its de-duplicated event.
    ///
    /// One sorted statement, as [`Store::events`], but SQLite's sorter may spill to temporary files for the
    /// length of the walk (`temp_store = FILE`; the store keeps temporary data in memory otherwise), so memory
    /// does not grow with the events' text.
    pub fn for_each_event_mention<E: From<StoreError>>(
        &self,
        filter: &EventFilter,
        mut each: impl FnMut(EventMention) -> Result<(), E>,
    ) -> Result<(), E> {
        self.conn.pragma_update(None, "temp_store", "FILE").map_err(StoreError::from)?;
        let mut context = self.conn.prepare_cached(MENTION_CONTEXT).map_err(StoreError::from)?;
        let walked = self.for_each_event(filter, |stored| {
            let (url, source, group) = context
                .query_row(params![stored.article, stored.event.id], |row| {
                    let group = match row.get::<_, Option<i64>>(2)? {
                        Some(id) => Some(GroupCounts {
                            id,
                            num_mentions: count(row, 3)?,
                            num_articles: count(row, 4)?,
                            num_sources: count(row, 5)?,
                        }),
                        None => None,
                    };
                    Ok((row.get(0)?, row.get(1)?, group))
                })
                .map_err(StoreError::from)?;
            each(EventMention { stored, url, source, group })
        });
        drop(context);
        self.conn.pragma_update(None, "temp_store", "MEMORY").map_err(StoreError::from)?;
        walked
    }

    /// The de-duplicated events with at least one mention that `filter` selects (its `limit` and `offset` are
    /// not used), in date order then by id.
    pub fn for_each_grouped_event<E: From<StoreError>>(
        &self,
        filter: &EventFilter,
        mut each: impl FnMut(GroupedEvent) -> Result<(), E>,
    ) -> Result<(), E> {
        let c = event_conditions(filter);
        let sql = format!(
            "WITH selected AS MATERIALIZED (SELECT DISTINCT m.group_id FROM events e \
             JOIN articles a ON a.pk = e.article \
             JOIN event_group_mentions m ON m.article = e.article AND m.idx = e.idx WHERE 1{}) \
             SELECT {EVENT_GROUP_COLUMNS}, g.root, g.first_article, g.first_idx, fa.url, \
             strftime('%Y%m%d%H%M%S', fa.ingested_at), \
             (SELECT s.paragraph FROM sentences s JOIN events fe ON fe.article = s.article AND fe.sentence = s.idx \
              WHERE fe.article = g.first_article AND fe.idx = g.first_idx) \
             FROM selected JOIN event_groups g ON g.id = selected.group_id \
             JOIN articles fa ON fa.pk = g.first_article ORDER BY g.date, g.id",
            c.sql
        );
        let mut stmt = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let mut first_mention = self.conn.prepare_cached(&event_by_key_select()).map_err(StoreError::from)?;
        let mut rows = stmt.query(c.params().as_slice()).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let mut read = |row: &Row<'_>| -> rusqlite::Result<GroupedEvent> {
                let (article, idx): (i64, u32) = (row.get(16)?, row.get(17)?);
                let first = first_mention.query_row(params![article, idx], stored_event)?;
                let group = event_group(row)?;
                Ok(GroupedEvent {
                    group,
                    root: row.get(15)?,
                    first,
                    first_url: row.get(18)?,
                    first_added: row.get::<_, Option<String>>(19)?.unwrap_or_default(),
                    first_paragraph: row.get(20)?,
                })
            };
            let grouped = read(row).map_err(StoreError::from)?;
            each(grouped)?;
        }
        Ok(())
    }
}
