//! De-duplication: coded events that report the same happening are grouped into one event with GDELT-style
//! counts (NumMentions, NumArticles, NumSources), keeping every mention.
//!
//! The grouping is done by SQLite triggers on `events` (and `tones`), so it is committed in the same transaction
//! (the same article savepoint) as the rows it groups, whoever writes them: a crash never leaves an article's
//! events without their groups, and re-ingesting a stored article writes no event and so counts nothing twice.
//! The same trigger regroups everything from scratch ([`crate::Store::regroup_events`]), in ingest order, so the
//! groups are always derivable from `events`: a test checks that incremental and from-scratch grouping agree.
//! `docs/relations.md` defines the key.

use crate::{Store, StoreError};
use rusqlite::params;
use serde::Serialize;

/// The SQL list of CAMEO sector codes, the twin of `attache_relations::actor::SECTOR_CODES` (a test compares).
macro_rules! sector_codes_sql {
    () => {
        "('AGR','BUS','COP','CRM','CVL','DEV','EDU','ELI','ENV','GOV','HLH','HRI','IGO','INS','JUD','LAB',\
         'LEG','MED','MIL','MOD','NGO','OPP','PTY','RAD','REB','REF','REL','SEP','SPY','UAF')"
    };
}

/// SQL twin of `attache_relations::principal` for the column or parameter `$c`: the code without its trailing
/// sector blocks. Codes that are not whole blocks of `A`–`Z`/`0`–`9`, or longer than six blocks, stay whole.
macro_rules! principal_sql {
    ($c:literal) => {
        concat!(
            "(CASE WHEN ",
            $c,
            " GLOB '*[^A-Z0-9]*' OR length(",
            $c,
            ") % 3 != 0 OR length(",
            $c,
            ") > 18 THEN ",
            $c,
            " WHEN length(",
            $c,
            ") >= 18 AND substr(",
            $c,
            ", 16, 3) NOT IN ",
            sector_codes_sql!(),
            " THEN substr(",
            $c,
            ", 1, 18)",
            " WHEN length(",
            $c,
            ") >= 15 AND substr(",
            $c,
            ", 13, 3) NOT IN ",
            sector_codes_sql!(),
            " THEN substr(",
            $c,
            ", 1, 15)",
            " WHEN length(",
            $c,
            ") >= 12 AND substr(",
            $c,
            ", 10, 3) NOT IN ",
            sector_codes_sql!(),
            " THEN substr(",
            $c,
            ", 1, 12)",
            " WHEN length(",
            $c,
            ") >= 9 AND substr(",
            $c,
            ", 7, 3) NOT IN ",
            sector_codes_sql!(),
            " THEN substr(",
            $c,
            ", 1, 9)",
            " WHEN length(",
            $c,
            ") >= 6 AND substr(",
            $c,
            ", 4, 3) NOT IN ",
            sector_codes_sql!(),
            " THEN substr(",
            $c,
            ", 1, 6)",
            " ELSE substr(",
            $c,
            ", 1, 3) END)"
        )
    };
}

/// The group a mention joins: same key, date within the window, the nearest date (then the earlier, then the
/// older group). Used where a trigger's `new` row is an `event_grouping` row.
macro_rules! same_key_within_window {
    () => {
        "g.source = new.source AND g.target = new.target AND g.mode = new.mode AND g.code = new.code \
         AND g.date BETWEEN date(new.date, -s.window_days || ' days') AND date(new.date, s.window_days || ' days')"
    };
}

/// The source key of an article for NumSources: its source name, case and outer spaces ignored; an article
/// without a source is a source of its own.
macro_rules! source_key {
    ($a:literal) => {
        concat!("coalesce(lower(trim(", $a, ".source)), '#' || ", $a, ".pk)")
    };
}

/// Schema migration: the de-duplicated event tables, their triggers, and the grouping of the events a database
/// already holds.
pub(crate) const EVENT_GROUPS_MIGRATION: &str = concat!(
    r#"
CREATE TABLE event_grouping_settings (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    window_days INTEGER NOT NULL CHECK (window_days BETWEEN 0 AND 31)
);
INSERT INTO event_grouping_settings (id, window_days) VALUES (1, 0);

CREATE TABLE event_groups (
    id            INTEGER NOT NULL,
    source        TEXT NOT NULL,
    target        TEXT NOT NULL,
    mode          TEXT NOT NULL,
    date          TEXT NOT NULL,
    code          TEXT NOT NULL,
    root          TEXT NOT NULL,
    quad_class    INTEGER NOT NULL,
    goldstein     REAL NOT NULL,
    source_codes  TEXT NOT NULL DEFAULT ' ',
    target_codes  TEXT NOT NULL DEFAULT ' ',
    num_mentions  INTEGER NOT NULL DEFAULT 0,
    num_articles  INTEGER NOT NULL DEFAULT 0,
    num_sources   INTEGER NOT NULL DEFAULT 0,
    tone_sum      REAL NOT NULL DEFAULT 0,
    tone_articles INTEGER NOT NULL DEFAULT 0,
    first_article INTEGER NOT NULL,
    first_idx     INTEGER NOT NULL,
    PRIMARY KEY (source, target, mode, date, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX event_groups_by_id ON event_groups (id);
CREATE INDEX event_groups_by_date ON event_groups (mode, date);

CREATE TABLE event_group_mentions (
    article  INTEGER NOT NULL,
    idx      INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    PRIMARY KEY (article, idx),
    FOREIGN KEY (article, idx) REFERENCES events (article, idx) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX event_group_mentions_by_group ON event_group_mentions (group_id, article);

CREATE VIEW event_principals AS
SELECT article, idx, "#,
    principal_sql!("source_code"),
    " AS source, ",
    principal_sql!("target_code"),
    r#" AS target,
       source_code, target_code, code, root, quad_class, goldstein, mode, date(date) AS date
FROM events;

CREATE VIEW event_grouping AS SELECT * FROM event_principals WHERE 0;

CREATE TRIGGER event_grouping_insert INSTEAD OF INSERT ON event_grouping WHEN new.date IS NOT NULL BEGIN
    INSERT INTO event_groups (id, source, target, mode, date, code, root, quad_class, goldstein, first_article, first_idx)
    SELECT coalesce((SELECT max(id) FROM event_groups), 0) + 1, new.source, new.target, new.mode, new.date, new.code,
           new.root, new.quad_class, new.goldstein, new.article, new.idx
    WHERE NOT EXISTS (SELECT 1 FROM event_groups g, event_grouping_settings s WHERE "#,
    same_key_within_window!(),
    r#");
    INSERT INTO event_group_mentions (article, idx, group_id)
    SELECT new.article, new.idx, g.id FROM event_groups g, event_grouping_settings s WHERE "#,
    same_key_within_window!(),
    r#"
    ORDER BY abs(julianday(g.date) - julianday(new.date)), g.date, g.id LIMIT 1;
    UPDATE event_groups SET
        num_mentions = num_mentions + 1,
        num_articles = num_articles + (SELECT NOT EXISTS (SELECT 1 FROM event_group_mentions m
            WHERE m.group_id = event_groups.id AND m.article = new.article AND m.idx <> new.idx)),
        num_sources = num_sources + (SELECT NOT EXISTS (SELECT 1 FROM event_group_mentions m
            JOIN articles a ON a.pk = m.article
            WHERE m.group_id = event_groups.id AND NOT (m.article = new.article AND m.idx = new.idx)
              AND "#,
    source_key!("a"),
    " = (SELECT ",
    source_key!("n"),
    r#" FROM articles n WHERE n.pk = new.article))),
        tone_sum = tone_sum + coalesce((SELECT t.tone FROM tones t WHERE t.article = new.article
            AND NOT EXISTS (SELECT 1 FROM event_group_mentions m
                WHERE m.group_id = event_groups.id AND m.article = new.article AND m.idx <> new.idx)), 0),
        tone_articles = tone_articles + (SELECT count(*) FROM tones t WHERE t.article = new.article
            AND NOT EXISTS (SELECT 1 FROM event_group_mentions m
                WHERE m.group_id = event_groups.id AND m.article = new.article AND m.idx <> new.idx)),
        source_codes = CASE WHEN instr(source_codes, ' ' || new.source_code || ' ') > 0 THEN source_codes
                            ELSE source_codes || new.source_code || ' ' END,
        target_codes = CASE WHEN instr(target_codes, ' ' || new.target_code || ' ') > 0 THEN target_codes
                            ELSE target_codes || new.target_code || ' ' END
    WHERE id = (SELECT group_id FROM event_group_mentions WHERE article = new.article AND idx = new.idx);
END;

CREATE VIEW event_group_refresh AS SELECT id AS group_id FROM event_groups WHERE 0;

CREATE TRIGGER event_group_refresh_insert INSTEAD OF INSERT ON event_group_refresh BEGIN
    DELETE FROM event_groups WHERE id = new.group_id
        AND NOT EXISTS (SELECT 1 FROM event_group_mentions WHERE group_id = new.group_id);
    UPDATE event_groups SET
        num_mentions = (SELECT count(*) FROM event_group_mentions m WHERE m.group_id = new.group_id),
        num_articles = (SELECT count(DISTINCT m.article) FROM event_group_mentions m WHERE m.group_id = new.group_id),
        num_sources = (SELECT count(DISTINCT "#,
    source_key!("a"),
    r#") FROM event_group_mentions m
            JOIN articles a ON a.pk = m.article WHERE m.group_id = new.group_id),
        tone_sum = (SELECT coalesce(sum(t.tone), 0) FROM tones t
            WHERE t.article IN (SELECT article FROM event_group_mentions WHERE group_id = new.group_id)),
        tone_articles = (SELECT count(*) FROM tones t
            WHERE t.article IN (SELECT article FROM event_group_mentions WHERE group_id = new.group_id)),
        source_codes = (SELECT ' ' || group_concat(code, ' ') || ' ' FROM (
            SELECT e.source_code AS code FROM event_group_mentions m JOIN events e ON e.article = m.article AND e.idx = m.idx
            WHERE m.group_id = new.group_id GROUP BY e.source_code ORDER BY min(m.article * 4294967296 + m.idx))),
        target_codes = (SELECT ' ' || group_concat(code, ' ') || ' ' FROM (
            SELECT e.target_code AS code FROM event_group_mentions m JOIN events e ON e.article = m.article AND e.idx = m.idx
            WHERE m.group_id = new.group_id GROUP BY e.target_code ORDER BY min(m.article * 4294967296 + m.idx))),
        (first_article, first_idx) = (SELECT article, idx FROM event_group_mentions
            WHERE group_id = new.group_id ORDER BY article, idx LIMIT 1)
    WHERE id = new.group_id;
END;

CREATE TRIGGER events_group_after_insert AFTER INSERT ON events BEGIN
    INSERT INTO event_grouping SELECT * FROM event_principals WHERE article = new.article AND idx = new.idx;
END;
CREATE TRIGGER events_group_after_update
AFTER UPDATE OF source_code, target_code, code, root, quad_class, goldstein, mode, date ON events BEGIN
    DELETE FROM event_group_mentions WHERE article = new.article AND idx = new.idx;
    INSERT INTO event_grouping SELECT * FROM event_principals WHERE article = new.article AND idx = new.idx;
END;
CREATE TRIGGER event_group_mentions_after_delete AFTER DELETE ON event_group_mentions BEGIN
    INSERT INTO event_group_refresh (group_id) VALUES (old.group_id);
END;
CREATE TRIGGER tones_group_after_insert AFTER INSERT ON tones BEGIN
    UPDATE event_groups SET tone_sum = tone_sum + new.tone, tone_articles = tone_articles + 1
    WHERE id IN (SELECT group_id FROM event_group_mentions WHERE article = new.article);
END;
CREATE TRIGGER tones_group_after_update AFTER UPDATE OF tone ON tones BEGIN
    INSERT INTO event_group_refresh (group_id)
    SELECT DISTINCT group_id FROM event_group_mentions WHERE article IN (old.article, new.article);
END;
CREATE TRIGGER tones_group_after_delete AFTER DELETE ON tones BEGIN
    INSERT INTO event_group_refresh (group_id) SELECT DISTINCT group_id FROM event_group_mentions WHERE article = old.article;
END;

INSERT INTO event_grouping SELECT * FROM event_principals ORDER BY article, idx;
"#
);

/// Schema migration: de-duplicated events per mode and day, kept by triggers on `event_groups`, so the volume the
/// relations index normalises by is read from one row per day instead of counted from every group of the range.
pub(crate) const EVENT_VOLUME_MIGRATION: &str = r#"
CREATE TABLE event_daily_volume (
    mode   TEXT NOT NULL,
    date   TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (mode, date)
) WITHOUT ROWID;

INSERT INTO event_daily_volume (mode, date, events) SELECT mode, date, count(*) FROM event_groups GROUP BY mode, date;

CREATE TRIGGER event_groups_volume_insert AFTER INSERT ON event_groups BEGIN
    INSERT INTO event_daily_volume (mode, date, events) VALUES (new.mode, new.date, 1)
    ON CONFLICT (mode, date) DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER event_groups_volume_delete AFTER DELETE ON event_groups BEGIN
    UPDATE event_daily_volume SET events = events - 1 WHERE mode = old.mode AND date = old.date;
    DELETE FROM event_daily_volume WHERE mode = old.mode AND date = old.date AND events <= 0;
END;
CREATE TRIGGER event_groups_volume_update AFTER UPDATE OF mode, date ON event_groups BEGIN
    UPDATE event_daily_volume SET events = events - 1 WHERE mode = old.mode AND date = old.date;
    DELETE FROM event_daily_volume WHERE mode = old.mode AND date = old.date AND events <= 0;
    INSERT INTO event_daily_volume (mode, date, events) VALUES (new.mode, new.date, 1)
    ON CONFLICT (mode, date) DO UPDATE SET events = events + 1;
END;
"#;

/// How the stored events are grouped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupingSummary {
    /// Days two reports' dates may differ and still be one event.
    pub window_days: u32,
    /// Coded events (mentions), and those with a date (only those are grouped).
    pub events: u64,
    pub dated_events: u64,
    /// De-duplicated events, and those reported by more than one article.
    pub groups: u64,
    pub multi_article_groups: u64,
    /// The most articles one event has.
    pub max_articles: u64,
}

/// One de-duplicated event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventGroup {
    pub id: i64,
    pub date: String,
    /// Principals of source and target, and every full code the reports gave them.
    pub source: String,
    pub target: String,
    pub source_codes: Vec<String>,
    pub target_codes: Vec<String>,
    pub code: String,
    pub mode: String,
    pub quad_class: u8,
    pub goldstein: f64,
    pub num_mentions: u64,
    pub num_articles: u64,
    pub num_sources: u64,
    /// Mean tone of the reporting articles that have one.
    pub tone: Option<f64>,
}

/// The `event_groups` columns (table alias `g`) that [`event_group`] reads, in its order; a query may select
/// more after them.
pub(crate) const EVENT_GROUP_COLUMNS: &str = "g.id, g.date, g.source, g.target, g.source_codes, g.target_codes, \
     g.code, g.mode, g.quad_class, g.goldstein, g.num_mentions, g.num_articles, g.num_sources, g.tone_sum, \
     g.tone_articles";

/// A count column that may be NULL (a left join that found no group), read as 0.
pub(crate) fn count(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<u64> {
    Ok(row.get::<_, Option<i64>>(at)?.unwrap_or(0).max(0) as u64)
}

/// Reads an [`EventGroup`] from a row that starts with [`EVENT_GROUP_COLUMNS`]. Counts may be NULL (see
/// [`count`]).
pub(crate) fn event_group(row: &rusqlite::Row<'_>) -> rusqlite::Result<EventGroup> {
    let codes = |at: usize| -> rusqlite::Result<Vec<String>> {
        Ok(row.get::<_, String>(at)?.split_whitespace().map(str::to_string).collect())
    };
    let tone_articles: i64 = row.get(14)?;
    Ok(EventGroup {
        id: row.get(0)?,
        date: row.get(1)?,
        source: row.get(2)?,
        target: row.get(3)?,
        source_codes: codes(4)?,
        target_codes: codes(5)?,
        code: row.get(6)?,
        mode: row.get(7)?,
        quad_class: row.get(8)?,
        goldstein: row.get(9)?,
        num_mentions: count(row, 10)?,
        num_articles: count(row, 11)?,
        num_sources: count(row, 12)?,
        tone: if tone_articles > 0 { Some(row.get::<_, f64>(13)? / tone_articles as f64) } else { None },
    })
}

/// The largest grouping window accepted, in days (the settings table checks it too).
pub const MAX_WINDOW_DAYS: u32 = 31;

impl Store {
    /// The grouping window and how many events are grouped into how many.
    pub fn grouping_summary(&self) -> Result<GroupingSummary, StoreError> {
        Ok(self.conn.query_row(
            "SELECT (SELECT window_days FROM event_grouping_settings), (SELECT count(*) FROM events), \
             (SELECT count(*) FROM event_group_mentions), (SELECT count(*) FROM event_groups), \
             (SELECT count(*) FROM event_groups WHERE num_articles > 1), \
             (SELECT coalesce(max(num_articles), 0) FROM event_groups)",
            [],
            |row| {
                Ok(GroupingSummary {
                    window_days: row.get(0)?,
                    events: row.get::<_, i64>(1)?.max(0) as u64,
                    dated_events: row.get::<_, i64>(2)?.max(0) as u64,
                    groups: row.get::<_, i64>(3)?.max(0) as u64,
                    multi_article_groups: row.get::<_, i64>(4)?.max(0) as u64,
                    max_articles: row.get::<_, i64>(5)?.max(0) as u64,
                })
            },
        )?)
    }

    /// The de-duplicated events reported by the most articles (then mentions, then the most recent first).
    pub fn most_reported_events(&self, limit: u64) -> Result<Vec<EventGroup>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {EVENT_GROUP_COLUMNS} FROM event_groups g \
             ORDER BY num_articles DESC, num_mentions DESC, date DESC, id LIMIT ?1"
        ))?;
        let rows = stmt.query_map([i64::try_from(limit).unwrap_or(i64::MAX)], event_group)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Sets the grouping window and regroups every stored event from scratch, in ingest order, in one
    /// transaction (an interruption leaves the previous grouping). Later ingests group with the new window.
    pub fn regroup_events(&mut self, window_days: u32) -> Result<GroupingSummary, StoreError> {
        if window_days > MAX_WINDOW_DAYS {
            return Err(StoreError::Query(format!(
                "a grouping window of {window_days} days is too long (at most {MAX_WINDOW_DAYS})"
            )));
        }
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute("UPDATE event_grouping_settings SET window_days = ?1", params![window_days])?;
        // Groups first, so the mention-delete trigger finds nothing left to refresh.
        tx.execute_batch(
            "DELETE FROM event_groups; DELETE FROM event_group_mentions; \
             INSERT INTO event_grouping SELECT * FROM event_principals ORDER BY article, idx;",
        )?;
        tx.commit()?;
        self.grouping_summary()
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_sql_sector_list_is_the_rust_one() {
        let sql = sector_codes_sql!();
        let listed: Vec<&str> = sql.trim_matches(['(', ')']).split(',').map(|c| c.trim_matches('\'')).collect();
        assert_eq!(listed, attache_relations::actor::SECTOR_CODES);
    }

    proptest::proptest! {
        /// The SQL principal is the Rust principal, for well-formed and malformed codes alike.
        #[test]
        fn sql_principal_is_the_rust_principal(
            blocks in proptest::collection::vec(proptest::sample::select(vec![
                "CHN", "USA", "GOV", "MIL", "BUS", "IGO", "EUR", "EEC", "UNO", "WFP", "LEG", "OPP", "REF",
            ]), 0..8),
            noise in "[A-Za-z0-9 é-]{0,4}",
        ) {
            let conn = rusqlite::Connection::open_in_memory().unwrap();
            let sql = concat!("SELECT ", principal_sql!("?1"));
            let code = blocks.concat();
            for candidate in [code.clone(), format!("{code}{noise}"), noise.clone()] {
                let from_sql: String = conn.query_row(sql, [&candidate], |row| row.get(0)).unwrap();
                proptest::prop_assert_eq!(from_sql.as_str(), attache_relations::principal(&candidate), "{:?}", candidate);
            }
        }
    }
}
