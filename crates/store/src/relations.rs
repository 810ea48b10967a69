//! The relations index over the de-duplicated events: daily tallies from SQL, figures from `attache-relations`.
//!
//! Only `fact` events count. A pair's events are read through `event_groups`' primary key (source, target, mode,
//! date, id), one range per direction, so a pair over a year reads only that pair's rows of that year. The volume
//! every pair's figures are normalised by (fact events of every pair per day) is read from `event_daily_volume`,
//! one row per day, which triggers keep equal to a count of `event_groups`.

use crate::{Store, StoreError};
use attache_relations::dyads::{Halves, rank_active, rank_changed, trend};
use attache_relations::{
    ActorSpec, DayTally, Dyads, DyadsQuery, PairTally, Rank, RelationsQuery, RelationsSeries, Tally, parse_date,
};
use jiff::civil::Date;
use rusqlite::{Row, params};

/// Bounds that include every stored `YYYY-MM-DD` date.
const FIRST_DATE: &str = "0000-01-01";
const LAST_DATE: &str = "9999-12-31";

/// The sums [`Tally`] holds, in the column order of [`tally_from`].
const TALLY_COLUMNS: &str = "count(*), sum(quad_class = 1), sum(quad_class = 2), sum(quad_class = 3), \
     sum(quad_class = 4), sum(goldstein), sum(goldstein * goldstein), sum(num_mentions), sum(num_articles), \
     sum(tone_sum), sum(tone_articles)";

fn tally_from(row: &Row<'_>, first: usize) -> rusqlite::Result<Tally> {
    let count =
        |i: usize| -> rusqlite::Result<u64> { Ok(row.get::<_, Option<i64>>(first + i)?.unwrap_or(0).max(0) as u64) };
    let real = |i: usize| -> rusqlite::Result<f64> { Ok(row.get::<_, Option<f64>>(first + i)?.unwrap_or(0.0)) };
    Ok(Tally {
        events: count(0)?,
        quad: [count(1)?, count(2)?, count(3)?, count(4)?],
        goldstein_sum: real(5)?,
        goldstein_squares: real(6)?,
        mentions: count(7)?,
        articles: count(8)?,
        tone_sum: real(9)?,
        tone_articles: count(10)?,
    })
}

/// `LIKE` pattern matching a reported-codes list (`' CHN CHNGOV '`) that holds a code starting with the spec's
/// code; `None` when the spec is a whole principal. Codes are checked to be `A`–`Z`/`0`–`9`, so nothing needs
/// escaping.
fn codes_pattern(spec: &ActorSpec) -> Option<String> {
    spec.is_narrowed().then(|| format!("% {}%", spec.code))
}

fn date_of(text: &str) -> rusqlite::Result<Date> {
    parse_date(text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, format!("bad date {text:?}").into())
    })
}

impl Store {
    /// The relations series of a pair: every period of the range with its figures (`docs/relations.md`).
    pub fn relations(&self, query: &RelationsQuery) -> Result<RelationsSeries, StoreError> {
        let query = query.resolve().map_err(|e| StoreError::Query(e.to_string()))?;
        let days = self.pair_days(&query.a, &query.b, query.from, query.to)?;
        let volume = match RelationsSeries::range(&query, &days) {
            Some((from, to)) => self.daily_volume(from, to)?,
            None => Vec::new(),
        };
        Ok(RelationsSeries::build_normalised(&query, &days, &volume))
    }

    /// De-duplicated fact events of every pair, per day of `from..=to` (days without any are left out).
    fn daily_volume(&self, from: Date, to: Date) -> Result<Vec<(Date, u64)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT date, events FROM event_daily_volume WHERE mode = 'fact' AND date BETWEEN ?1 AND ?2",
        )?;
        let rows = stmt.query_map(params![from.to_string(), to.to_string()], |row| {
            Ok((date_of(&row.get::<_, String>(0)?)?, row.get::<_, i64>(1)?.max(0) as u64))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// De-duplicated fact events of every pair over `from..=to`.
    fn volume(&self, from: Date, to: Date) -> Result<u64, StoreError> {
        let count: i64 = self.conn.query_row(
            "SELECT coalesce(sum(events), 0) FROM event_daily_volume WHERE mode = 'fact' AND date BETWEEN ?1 AND ?2",
            params![from.to_string(), to.to_string()],
            |row| row.get(0),
        )?;
        Ok(count.max(0) as u64)
    }

    /// Daily tallies of the fact events between `a` and `b`, by date and direction.
    fn pair_days(
        &self,
        a: &ActorSpec,
        b: &ActorSpec,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<Vec<DayTally>, StoreError> {
        let sql = format!(
            "SELECT date, ab, ba, {TALLY_COLUMNS} FROM ( \
               SELECT *, (source = ?1 AND target = ?2 AND (?3 IS NULL OR source_codes LIKE ?3) \
                          AND (?4 IS NULL OR target_codes LIKE ?4)) AS ab, \
                         (source = ?2 AND target = ?1 AND (?4 IS NULL OR source_codes LIKE ?4) \
                          AND (?3 IS NULL OR target_codes LIKE ?3)) AS ba \
               FROM (SELECT * FROM event_groups WHERE source = ?1 AND target = ?2 AND mode = 'fact' \
                       AND date BETWEEN ?5 AND ?6 \
                     UNION ALL \
                     SELECT * FROM event_groups WHERE source = ?2 AND target = ?1 AND mode = 'fact' \
                       AND date BETWEEN ?5 AND ?6 AND ?1 <> ?2)) \
             WHERE ab OR ba GROUP BY date, ab, ba ORDER BY date"
        );
        let from = from.map_or(FIRST_DATE.to_string(), |d| d.to_string());
        let to = to.map_or(LAST_DATE.to_string(), |d| d.to_string());
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows =
            stmt.query_map(params![a.principal, b.principal, codes_pattern(a), codes_pattern(b), from, to], |row| {
                Ok(DayTally {
                    date: date_of(&row.get::<_, String>(0)?)?,
                    ab: row.get(1)?,
                    ba: row.get(2)?,
                    tally: tally_from(row, 3)?,
                })
            })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Pairs ranked by activity or by change (`docs/relations.md`), each with its trend per period.
    pub fn dyads(&self, query: &DyadsQuery) -> Result<Dyads, StoreError> {
        let (from, to) = query.dates().map_err(|e| StoreError::Query(e.to_string()))?;
        let (from, to) = match (from, to) {
            (Some(from), Some(to)) => (from, to),
            _ => {
                let (first, last) = self.fact_date_range()?;
                match (from.or(first), to.or(last)) {
                    (Some(from), Some(to)) if from <= to => (from, to),
                    _ => return Ok(empty_dyads(query, from, to)),
                }
            }
        };
        attache_relations::series::check_range(Some(from), Some(to), query.by)
            .map_err(|e| StoreError::Query(e.to_string()))?;
        let periods = query.by.periods(from, to);
        let mut answer = empty_dyads(query, Some(from), Some(to));
        answer.periods = periods.iter().map(|p| p.label.clone()).collect();
        answer.dyads = match query.rank {
            Rank::Active => rank_active(&self.pair_tallies(from, to)?, Some(self.volume(from, to)?), query.limit),
            Rank::Changed => {
                let halves = Halves::of(&periods).map_err(|e| StoreError::Query(e.to_string()))?;
                answer.first_half = Some([halves.first.0.to_string(), halves.first.1.to_string()]);
                answer.second_half = Some([halves.second.0.to_string(), halves.second.1.to_string()]);
                let first = self.pair_tallies(halves.first.0, halves.first.1)?;
                let second = self.pair_tallies(halves.second.0, halves.second.1)?;
                let volumes =
                    (self.volume(halves.first.0, halves.first.1)?, self.volume(halves.second.0, halves.second.1)?);
                rank_changed(&first, &second, Some(volumes), query.min_events, query.limit)
            }
        };
        for row in &mut answer.dyads {
            let a = ActorSpec { code: row.a.clone(), principal: row.a.clone() };
            let b = ActorSpec { code: row.b.clone(), principal: row.b.clone() };
            let days: Vec<(Date, u64)> =
                self.pair_days(&a, &b, Some(from), Some(to))?.into_iter().map(|d| (d.date, d.tally.events)).collect();
            row.trend = trend(&periods, &days);
        }
        Ok(answer)
    }

    /// First and last date of the stored fact events.
    fn fact_date_range(&self) -> Result<(Option<Date>, Option<Date>), StoreError> {
        let (first, last): (Option<String>, Option<String>) =
            self.conn.query_row("SELECT min(date), max(date) FROM event_groups WHERE mode = 'fact'", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?;
        Ok((first.as_deref().and_then(parse_date), last.as_deref().and_then(parse_date)))
    }

    /// Tallies of every unordered pair (by principal) over `from..=to`, per direction.
    fn pair_tallies(&self, from: Date, to: Date) -> Result<Vec<PairTally>, StoreError> {
        let sql = format!(
            "SELECT min(source, target) AS a, max(source, target) AS b, source < target AS forward, {TALLY_COLUMNS} \
             FROM event_groups WHERE mode = 'fact' AND date BETWEEN ?1 AND ?2 AND source <> target \
             GROUP BY a, b, forward ORDER BY a, b"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![from.to_string(), to.to_string()], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, bool>(2)?, tally_from(row, 3)?))
        })?;
        let mut pairs: Vec<PairTally> = Vec::new();
        for row in rows {
            let (a, b, forward, tally) = row?;
            if pairs.last().is_none_or(|p| p.a != a || p.b != b) {
                pairs.push(PairTally { a, b, ..PairTally::default() });
            }
            let pair = pairs.last_mut().expect("pushed above");
            if forward {
                pair.ab = tally;
            } else {
                pair.ba = tally;
            }
        }
        Ok(pairs)
    }
}

fn empty_dyads(query: &DyadsQuery, from: Option<Date>, to: Option<Date>) -> Dyads {
    Dyads {
        rank: query.rank,
        by: query.by,
        from: from.map(|d| d.to_string()),
        to: to.map(|d| d.to_string()),
        first_half: None,
        second_half: None,
        min_events: query.min_events,
        periods: Vec::new(),
        dyads: Vec::new(),
    }
}
