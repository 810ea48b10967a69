//! The relations series of one pair: a query, the daily tallies the store hands over, and the periods with
//! their figures that every client (CLI, HTTP API) shows.

use crate::actor::ActorSpec;
use crate::figures::{Figures, Tally};
use crate::period::{Granularity, parse_date};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Which events of a pair (A, B) count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// A → B and B → A together (each event once).
    #[default]
    Both,
    /// A → B only.
    Ab,
    /// B → A only.
    Ba,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Both => "both",
            Direction::Ab => "ab",
            Direction::Ba => "ba",
        }
    }

    /// Whether an event that goes A → B (`ab`) and/or B → A (`ba`) counts.
    pub fn counts(self, ab: bool, ba: bool) -> bool {
        match self {
            Direction::Both => ab || ba,
            Direction::Ab => ab,
            Direction::Ba => ba,
        }
    }
}

/// What a client asks for. Dates are `YYYY-MM-DD`, inclusive; without them the range is the pair's first to
/// last fact event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationsQuery {
    pub a: String,
    pub b: String,
    #[serde(default)]
    pub by: Granularity,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub direction: Direction,
}

/// Most periods one series may have (a century by day); more is surely a typo in a date.
pub const MAX_PERIODS: u64 = 40_000;

/// Why a query cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("{0}")]
    Actor(String),
    #[error("`{0}` is not a date of the form YYYY-MM-DD")]
    Date(String),
    #[error("the range is empty: --from {from} is after --to {to}")]
    EmptyRange { from: String, to: String },
    #[error(
        "{periods} periods of a {by} are too many (at most {MAX_PERIODS}); choose a longer period or a shorter range"
    )]
    TooManyPeriods { periods: u64, by: &'static str },
    #[error("{0}")]
    Halves(String),
}

/// A query checked and parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedQuery {
    pub a: ActorSpec,
    pub b: ActorSpec,
    pub by: Granularity,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub direction: Direction,
}

/// Parses an optional `YYYY-MM-DD` argument.
pub fn parse_optional_date(text: Option<&str>) -> Result<Option<Date>, QueryError> {
    text.map(|t| parse_date(t).ok_or_else(|| QueryError::Date(t.to_string()))).transpose()
}

/// Checks that a range is not reversed and not too finely divided.
pub fn check_range(from: Option<Date>, to: Option<Date>, by: Granularity) -> Result<(), QueryError> {
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(QueryError::EmptyRange { from: from.to_string(), to: to.to_string() });
        }
        let periods = by.count(from, to);
        if periods > MAX_PERIODS {
            return Err(QueryError::TooManyPeriods { periods, by: by.as_str() });
        }
    }
    Ok(())
}

impl RelationsQuery {
    pub fn resolve(&self) -> Result<ResolvedQuery, QueryError> {
        let a = ActorSpec::parse(&self.a).map_err(QueryError::Actor)?;
        let b = ActorSpec::parse(&self.b).map_err(QueryError::Actor)?;
        let from = parse_optional_date(self.from.as_deref())?;
        let to = parse_optional_date(self.to.as_deref())?;
        check_range(from, to, self.by)?;
        Ok(ResolvedQuery { a, b, by: self.by, from, to, direction: self.direction })
    }
}

/// One day's tally of the events that go A → B (`ab`) and/or B → A (`ba`), as the store computes it.
#[derive(Debug, Clone, PartialEq)]
pub struct DayTally {
    pub date: Date,
    pub ab: bool,
    pub ba: bool,
    pub tally: Tally,
}

/// One period's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodFigures {
    /// `2026-02-10`, `2026-W07`, `2026-02` or `2026-Q1`.
    pub period: String,
    /// First and last day counted (the range cuts the first and last periods).
    pub start: String,
    pub end: String,
    #[serde(flatten)]
    pub figures: Figures,
}

/// The answer to a [`RelationsQuery`]: what `attache relations` prints and the HTTP API returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationsSeries {
    /// The pair as asked (upper-cased codes).
    pub a: String,
    pub b: String,
    pub direction: Direction,
    pub by: Granularity,
    /// The range counted; `None` when neither was given and the pair has no fact events.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Name of the main index ([`Figures::goldstein_mean`]).
    pub index: String,
    /// Every period of the range, in order, including those without events.
    pub periods: Vec<PeriodFigures>,
    /// The whole range.
    pub total: Figures,
}

/// Name of the main index in [`RelationsSeries::index`].
pub const MAIN_INDEX: &str = "goldstein_mean";

impl RelationsSeries {
    /// Builds the series from daily tallies (any order; days outside the range and directions not asked for
    /// are ignored), without the volume-normalised figures.
    pub fn build(query: &ResolvedQuery, days: &[DayTally]) -> RelationsSeries {
        Self::assemble(query, days, None)
    }

    /// Builds the series with the volume-normalised figures: `volume` holds, per date, the de-duplicated fact
    /// events of every pair (any order; dates missing have none). It should cover [`Self::range`].
    pub fn build_normalised(query: &ResolvedQuery, days: &[DayTally], volume: &[(Date, u64)]) -> RelationsSeries {
        Self::assemble(query, days, Some(volume))
    }

    /// The days a query counts: its dates, or else the first and last day with an event it counts.
    pub fn range(query: &ResolvedQuery, days: &[DayTally]) -> Option<(Date, Date)> {
        let counted = || Self::counted(query, days).map(|d| d.date);
        let from = query.from.or_else(|| counted().min());
        let to = query.to.or_else(|| counted().max());
        from.zip(to)
    }

    fn counted<'a>(query: &'a ResolvedQuery, days: &'a [DayTally]) -> impl Iterator<Item = &'a DayTally> + 'a {
        days.iter()
            .filter(|d| query.direction.counts(d.ab, d.ba))
            .filter(|d| query.from.is_none_or(|from| d.date >= from) && query.to.is_none_or(|to| d.date <= to))
    }

    fn assemble(query: &ResolvedQuery, days: &[DayTally], volume: Option<&[(Date, u64)]>) -> RelationsSeries {
        let volume_wanted = volume.is_some();
        let range = Self::range(query, days);
        let mut periods = Vec::new();
        let mut total = Tally::default();
        let mut total_volume = 0;
        if let Some((from, to)) = range {
            let mut sorted: Vec<&DayTally> = Self::counted(query, days).collect();
            sorted.sort_by_key(|d| d.date);
            let mut next = sorted.iter().peekable();
            let mut volume: Vec<(Date, u64)> =
                volume.unwrap_or_default().iter().copied().filter(|&(d, _)| from <= d && d <= to).collect();
            volume.sort_unstable();
            let mut next_volume = volume.iter().peekable();
            for period in query.by.periods(from, to) {
                let mut tally = Tally::default();
                while let Some(day) = next.next_if(|d| d.date <= period.end) {
                    tally += &day.tally;
                }
                let mut all = 0;
                while let Some((_, events)) = next_volume.next_if(|(d, _)| *d <= period.end) {
                    all += events;
                }
                total += &tally;
                total_volume += all;
                periods.push(PeriodFigures {
                    period: period.label,
                    start: period.start.to_string(),
                    end: period.end.to_string(),
                    figures: tally.figures_within(volume_wanted.then_some(all)),
                });
            }
        }
        RelationsSeries {
            a: query.a.code.clone(),
            b: query.b.code.clone(),
            direction: query.direction,
            by: query.by,
            from: range.map(|r| r.0.to_string()),
            to: range.map(|r| r.1.to_string()),
            index: MAIN_INDEX.to_string(),
            periods,
            total: total.figures_within(volume_wanted.then_some(total_volume)),
        }
    }

    /// The main index per period (`None` for periods without events).
    pub fn index_values(&self) -> Vec<Option<f64>> {
        self.periods.iter().map(|p| p.figures.goldstein_mean).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn day(d: Date, ab: bool, ba: bool, events: &[(u8, f64)]) -> DayTally {
        let mut tally = Tally::default();
        for &(quad, goldstein) in events {
            tally.add_event(quad, goldstein, 1, 1, 0.0, 0);
        }
        DayTally { date: d, ab, ba, tally }
    }

    fn query(direction: Direction, from: Option<&str>, to: Option<&str>) -> ResolvedQuery {
        RelationsQuery {
            a: "chn".into(),
            b: "USA".into(),
            by: Granularity::Month,
            from: from.map(Into::into),
            to: to.map(Into::into),
            direction,
        }
        .resolve()
        .unwrap()
    }

    fn days() -> Vec<DayTally> {
        vec![
            day(date(2026, 5, 12), true, false, &[(4, -8.0), (3, -2.0)]),
            day(date(2026, 1, 14), true, false, &[(1, 1.0)]),
            day(date(2026, 1, 14), false, true, &[(1, 1.0)]),
            day(date(2026, 2, 10), true, false, &[(2, 8.0), (2, 7.0)]),
            day(date(2026, 2, 10), false, true, &[(2, 8.0)]),
        ]
    }

    #[test]
    fn every_period_appears_even_without_events() {
        let series = RelationsSeries::build(&query(Direction::Both, None, None), &days());
        let labels: Vec<&str> = series.periods.iter().map(|p| p.period.as_str()).collect();
        assert_eq!(labels, ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]);
        assert_eq!((series.from.as_deref(), series.to.as_deref()), (Some("2026-01-14"), Some("2026-05-12")));
        let events: Vec<u64> = series.periods.iter().map(|p| p.figures.events).collect();
        assert_eq!(events, [2, 3, 0, 0, 2]);
        assert_eq!(series.periods[2].figures.goldstein_mean, None);
        assert_eq!(series.periods[1].figures.goldstein_mean, Some(7.6667));
        assert_eq!(series.total.events, 7);
        assert_eq!((series.a.as_str(), series.index.as_str()), ("CHN", "goldstein_mean"));
    }

    #[test]
    fn directions_select_their_events_and_ranges_cut_them() {
        let ab = RelationsSeries::build(&query(Direction::Ab, None, None), &days());
        assert_eq!(ab.total.events, 5);
        let ba = RelationsSeries::build(&query(Direction::Ba, Some("2026-02-01"), Some("2026-03-31")), &days());
        assert_eq!(ba.periods.len(), 2);
        assert_eq!(ba.periods[0].start, "2026-02-01");
        assert_eq!(ba.total.events, 1);
        let none = RelationsSeries::build(&query(Direction::Both, None, None), &[]);
        assert!(none.periods.is_empty() && none.from.is_none());
    }

    #[test]
    fn normalised_series_divide_each_period_by_its_own_volume() {
        let volume = [
            (date(2026, 1, 14), 20),
            (date(2026, 1, 1), 500), // before the range: not counted
            (date(2026, 2, 10), 30),
            (date(2026, 2, 11), 20),
            (date(2026, 4, 2), 7),
            (date(2026, 5, 12), 40),
        ];
        let q = query(Direction::Both, None, None);
        let series = RelationsSeries::build_normalised(&q, &days(), &volume);
        let all: Vec<Option<u64>> = series.periods.iter().map(|p| p.figures.all_events).collect();
        assert_eq!(all, [Some(20), Some(50), Some(0), Some(7), Some(40)]);
        // February: 3 events, Goldstein sum 23, of 50 events of every pair.
        let february = &series.periods[1].figures;
        assert_eq!((february.events_per_1000, february.goldstein_per_1000), (Some(60.0), Some(460.0)));
        assert_eq!(series.periods[2].figures.goldstein_per_1000, None, "March: no volume, no ratio");
        assert_eq!(series.periods[3].figures.goldstein_per_1000, Some(0.0), "April: volume, no pair event");
        assert_eq!(series.total.all_events, Some(117));
        // Everything else is what the plain series says.
        let plain = RelationsSeries::build(&q, &days());
        assert_eq!(plain.total.all_events, None);
        for (n, p) in series.periods.iter().zip(&plain.periods) {
            assert_eq!((n.figures.events, n.figures.goldstein_mean), (p.figures.events, p.figures.goldstein_mean));
        }
        assert_eq!(RelationsSeries::range(&q, &days()), Some((date(2026, 1, 14), date(2026, 5, 12))));
    }

    #[test]
    fn bad_queries_are_refused_with_reasons() {
        let mut q = RelationsQuery {
            a: "CHN".into(),
            b: "USA".into(),
            by: Granularity::Day,
            from: Some("2026-02-01".into()),
            to: Some("2026-01-01".into()),
            direction: Direction::Both,
        };
        assert!(matches!(q.resolve(), Err(QueryError::EmptyRange { .. })));
        q.from = Some("1900-01-01".into());
        q.to = Some("2026-01-01".into());
        assert!(matches!(q.resolve(), Err(QueryError::TooManyPeriods { .. })));
        q.from = Some("2026-1-1".into());
        assert!(matches!(q.resolve(), Err(QueryError::Date(_))));
        q.from = None;
        q.a = "OPP".into();
        assert!(matches!(q.resolve(), Err(QueryError::Actor(_))));
    }

    #[test]
    fn series_round_trips_through_json() {
        let series = RelationsSeries::build(&query(Direction::Both, None, None), &days());
        let json = serde_json::to_string(&series).unwrap();
        assert!(json.contains("\"period\":\"2026-02\",\"start\":\"2026-02-01\""));
        let back: RelationsSeries = serde_json::from_str(&json).unwrap();
        assert_eq!(back, series);
    }
}
