//! Signal tracking: whether a stored event done after a signal was set did one of its actions.
//!
//! Computed at query time from what is stored, so the board is always consistent with the events in the
//! database (a re-ingest, a deleted article or a better coder changes it at once) and ingest pays nothing. Each
//! tracked action costs one index seek per stored event code under each of its codes (two for mutual actions),
//! each reading events in date order and stopping at the first that qualifies (`events_by_source_code`). The
//! definition is in `docs/signals.md`.

use crate::{Store, StoreError};
use attache_doc::actor_key;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

/// Which signals the board shows.
#[derive(Debug, Clone, Default)]
pub struct SignalFilter {
    /// Two actor keys (`CHN`, `USA`, or an organisation such as `IGOEUREEC`), either order: signals with an
    /// action between them (actor and target, the target stated or implied).
    pub pair: Option<(String, String)>,
    /// Only open or only met signals.
    pub status: Option<SignalStatus>,
    /// Words of the setter's name, any case ("hufbauer").
    pub setter: Option<String>,
    /// Only events within this many days after the signal was set count.
    pub horizon_days: Option<u32>,
    pub limit: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SignalStatus {
    /// No later event has done a tracked action yet.
    Open,
    /// A later event did one of the tracked actions.
    Met,
}

impl SignalStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            SignalStatus::Open => "open",
            SignalStatus::Met => "met",
        }
    }
}

/// The event that met an action: where it is stored and what it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    /// The event's article id and index within it (`attache show ARTICLE` lists it).
    pub article: String,
    pub event: u32,
    pub date: String,
    pub code: String,
    pub source: String,
    pub target: String,
}

/// One action of a signal with its tracking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackedAction {
    pub idx: u32,
    pub role: String,
    pub text: String,
    pub codes: Vec<String>,
    pub actor: Option<String>,
    pub actor_from: Option<String>,
    pub target: Option<String>,
    pub target_from: Option<String>,
    pub mutual: bool,
    /// Whether this action can be met: a tracked role, an actor, codes, and a date for its signal.
    pub tracked: bool,
    pub met_by: Option<Meeting>,
}

/// One signal on the board.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackedSignal {
    /// The article the signal was set in and its index there.
    pub article: String,
    pub idx: u32,
    /// The article's publication date: events must be later than this.
    pub date: Option<String>,
    pub source: Option<String>,
    pub sentence: u32,
    pub setter: Option<String>,
    pub setter_code: Option<String>,
    pub direction: String,
    pub mode: String,
    pub family: String,
    pub cue: String,
    pub actions: Vec<TrackedAction>,
    pub status: SignalStatus,
    /// The earliest meeting over all actions.
    pub met_by: Option<Meeting>,
}

impl TrackedSignal {
    /// Whether one of the actions is between the two actor keys, in either direction.
    pub fn concerns(&self, a: &str, b: &str) -> bool {
        self.actions.iter().any(|action| {
            let actor = action.actor.as_deref().and_then(actor_key);
            let target = action.target.as_deref().and_then(actor_key);
            matches!((actor, target), (Some(x), Some(y)) if (x == a && y == b) || (x == b && y == a))
        })
    }
}

const SIGNALS: &str = "SELECT s.article, a.id, a.published_date, a.source, s.idx, s.sentence, s.setter_name, \
     s.setter_code, s.direction, s.mode, s.family, s.cue_text \
     FROM signals s JOIN articles a ON a.pk = s.article \
     WHERE (?1 IS NULL OR s.setter_name LIKE '%' || ?1 || '%') \
     ORDER BY a.published_date, a.pk, s.idx";

const ACTIONS: &str = "SELECT idx, role, text, codes, actor, actor_from, target, target_from, mutual \
     FROM signal_actions WHERE article = ?1 AND signal = ?2 ORDER BY idx";

/// The first fact event after the day `?4` (and at most `?5` days after it) from actor `?1`/`?2` (country column,
/// actor key) with code `?3`. `events_by_source_code` holds (source_country, code, date, article, idx) in this
/// order, so the look-up reads events in date order and stops at the first that qualifies.
const FIRST_EVENT: &str = "SELECT a.id, e.idx, e.date, e.code, e.source_code, e.target_code \
     FROM events e JOIN articles a ON a.pk = e.article \
     WHERE e.source_country = ?1 AND e.code = ?3 AND e.date > ?4 \
       AND (?5 IS NULL OR e.date <= date(?4, '+' || ?5 || ' days')) \
       AND e.mode = 'fact' AND substr(e.source_code, 1, length(?2)) = ?2 \
     ORDER BY e.date, e.article, e.idx LIMIT 1";
/// [`FIRST_EVENT`] to target `?6`/`?7` (country column, actor key).
const FIRST_EVENT_TO: &str = "SELECT a.id, e.idx, e.date, e.code, e.source_code, e.target_code \
     FROM events e JOIN articles a ON a.pk = e.article \
     WHERE e.source_country = ?1 AND e.code = ?3 AND e.date > ?4 \
       AND (?5 IS NULL OR e.date <= date(?4, '+' || ?5 || ' days')) \
       AND e.mode = 'fact' AND substr(e.source_code, 1, length(?2)) = ?2 \
       AND e.target_country = ?6 AND substr(e.target_code, 1, length(?7)) = ?7 \
     ORDER BY e.date, e.article, e.idx LIMIT 1";
/// The smallest event code after `?1`: walking the code index this way lists the distinct codes with one seek each.
const NEXT_CODE: &str = "SELECT code FROM events WHERE code > ?1 ORDER BY code LIMIT 1";

/// The `source_country`/`target_country` column value for an actor key (`IGO` for `IGOEUREEC`).
fn country_column(key: &str) -> &str {
    &key[..3]
}

impl Store {
    /// The signal board: stored signals with, for each tracked action, the first later event that did it.
    pub fn signal_board(&self, filter: &SignalFilter) -> Result<Vec<TrackedSignal>, StoreError> {
        let setter = filter.setter.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let mut stmt = self.conn.prepare_cached(SIGNALS)?;
        let rows = stmt.query_map(params![setter], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                TrackedSignal {
                    article: r.get(1)?,
                    date: r.get(2)?,
                    source: r.get(3)?,
                    idx: r.get(4)?,
                    sentence: r.get(5)?,
                    setter: r.get(6)?,
                    setter_code: r.get(7)?,
                    direction: r.get(8)?,
                    mode: r.get(9)?,
                    family: r.get(10)?,
                    cue: r.get(11)?,
                    actions: Vec::new(),
                    status: SignalStatus::Open,
                    met_by: None,
                },
            ))
        })?;
        let mut board = Vec::new();
        let mut codes: Option<Vec<String>> = None;
        for row in rows {
            let (pk, mut signal) = row?;
            signal.actions = self.signal_actions(pk, signal.idx)?;
            if let Some((a, b)) = &filter.pair
                && !signal.concerns(a, b)
            {
                continue;
            }
            for action in &mut signal.actions {
                action.tracked &= signal.date.is_some();
                if action.tracked {
                    if codes.is_none() {
                        codes = Some(self.event_codes()?);
                    }
                    let codes = codes.as_deref().unwrap_or_default();
                    let after = signal.date.as_deref().unwrap_or_default();
                    action.met_by = self.first_meeting(action, codes, after, filter.horizon_days)?;
                }
            }
            signal.met_by = signal
                .actions
                .iter()
                .filter_map(|a| a.met_by.clone())
                .min_by(|x, y| (&x.date, &x.article, x.event).cmp(&(&y.date, &y.article, y.event)));
            signal.status = if signal.met_by.is_some() { SignalStatus::Met } else { SignalStatus::Open };
            if filter.status.is_some_and(|status| status != signal.status) {
                continue;
            }
            board.push(signal);
            if filter.limit.is_some_and(|limit| board.len() as u64 >= limit) {
                break;
            }
        }
        Ok(board)
    }

    fn signal_actions(&self, article: i64, signal: u32) -> Result<Vec<TrackedAction>, StoreError> {
        let mut stmt = self.conn.prepare_cached(ACTIONS)?;
        let rows = stmt.query_map(params![article, signal], |r| {
            Ok((
                r.get::<_, String>(3)?,
                TrackedAction {
                    idx: r.get(0)?,
                    role: r.get(1)?,
                    text: r.get(2)?,
                    codes: Vec::new(),
                    actor: r.get(4)?,
                    actor_from: r.get(5)?,
                    target: r.get(6)?,
                    target_from: r.get(7)?,
                    mutual: r.get(8)?,
                    tracked: false,
                    met_by: None,
                },
            ))
        })?;
        let mut actions = Vec::new();
        for row in rows {
            let (codes, mut action) = row?;
            action.codes = serde_json::from_str(&codes)?;
            action.tracked = action.role != "unless"
                && action.actor.as_deref().and_then(actor_key).is_some()
                && !action.codes.is_empty();
            actions.push(action);
        }
        Ok(actions)
    }

    /// The distinct event codes stored, sorted.
    fn event_codes(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(NEXT_CODE)?;
        let mut codes: Vec<String> = Vec::new();
        while let Some(code) =
            stmt.query_row([codes.last().map_or("", String::as_str)], |r| r.get::<_, String>(0)).optional()?
        {
            codes.push(code);
        }
        Ok(codes)
    }

    /// The earliest event that does `action` after the day `after` (and at most `horizon` days after it); `codes`
    /// are the distinct stored event codes, sorted.
    fn first_meeting(
        &self,
        action: &TrackedAction,
        codes: &[String],
        after: &str,
        horizon: Option<u32>,
    ) -> Result<Option<Meeting>, StoreError> {
        let Some(actor) = action.actor.as_deref().and_then(actor_key) else { return Ok(None) };
        let target = action.target.as_deref().and_then(actor_key);
        // A stated target must match; an implied one is shown but not required. Mutual actions need both sides,
        // in either direction.
        let required = target.filter(|_| action.mutual || action.target_from.as_deref() == Some("stated"));
        let mut directions = vec![(actor, required)];
        if action.mutual
            && let Some(other) = required
        {
            directions.push((other, Some(actor)));
        }
        let meeting = |r: &rusqlite::Row<'_>| {
            Ok(Meeting {
                article: r.get(0)?,
                event: r.get(1)?,
                date: r.get(2)?,
                code: r.get(3)?,
                source: r.get(4)?,
                target: r.get(5)?,
            })
        };
        let mut best: Option<Meeting> = None;
        for (source, target) in directions {
            for prefix in &action.codes {
                // The stored codes that start with this one: a contiguous run of the sorted list.
                let from = codes.partition_point(|c| c.as_str() < prefix.as_str());
                for code in codes[from..].iter().take_while(|c| c.starts_with(prefix.as_str())) {
                    let found = match target {
                        Some(target) => self
                            .conn
                            .prepare_cached(FIRST_EVENT_TO)?
                            .query_row(
                                params![
                                    country_column(source),
                                    source,
                                    code,
                                    after,
                                    horizon,
                                    country_column(target),
                                    target
                                ],
                                meeting,
                            )
                            .optional()?,
                        None => self
                            .conn
                            .prepare_cached(FIRST_EVENT)?
                            .query_row(params![country_column(source), source, code, after, horizon], meeting)
                            .optional()?,
                    };
                    if let Some(found) = found
                        && best.as_ref().is_none_or(|b| (&found.date, &found.article) < (&b.date, &b.article))
                    {
                        best = Some(found);
                    }
                }
            }
        }
        Ok(best)
    }
}
