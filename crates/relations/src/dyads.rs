//! Ranking pairs of actors: the most active, and the most changed between the two halves of a range.

use crate::actor::is_identified;
use crate::figures::{Figures, Tally, round};
use crate::period::{Granularity, Period};
use crate::series::{QueryError, check_range, parse_optional_date};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// How pairs are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Rank {
    /// Most de-duplicated fact events in the range, both directions together.
    #[default]
    Active,
    /// Largest change of the Goldstein mean from the first half of the range to the second.
    Changed,
}

impl Rank {
    pub fn as_str(self) -> &'static str {
        match self {
            Rank::Active => "active",
            Rank::Changed => "changed",
        }
    }
}

/// What a client asks for. Without dates the range is the store's first to last fact event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DyadsQuery {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    /// Periods of the trend column, and the units the halves of a `changed` ranking are made of.
    #[serde(default)]
    pub by: Granularity,
    #[serde(default = "default_limit")]
    pub limit: usize,
    #[serde(default)]
    pub rank: Rank,
    /// `changed` only ranks pairs with at least this many events in each half.
    #[serde(default = "default_min_events")]
    pub min_events: u64,
}

fn default_limit() -> usize {
    20
}

fn default_min_events() -> u64 {
    3
}

impl Default for DyadsQuery {
    fn default() -> Self {
        DyadsQuery {
            from: None,
            to: None,
            by: Granularity::default(),
            limit: default_limit(),
            rank: Rank::default(),
            min_events: default_min_events(),
        }
    }
}

impl DyadsQuery {
    /// Parses and checks the dates; the store fills a missing bound from its data.
    pub fn dates(&self) -> Result<(Option<Date>, Option<Date>), QueryError> {
        let from = parse_optional_date(self.from.as_deref())?;
        let to = parse_optional_date(self.to.as_deref())?;
        check_range(from, to, self.by)?;
        Ok((from, to))
    }
}

/// The two halves a `changed` ranking compares, each made of whole periods of the query's granularity. With an
/// odd number of periods the middle one belongs to neither half, so the halves are equally long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Halves {
    pub first: (Date, Date),
    pub second: (Date, Date),
}

impl Halves {
    pub fn of(periods: &[Period]) -> Result<Halves, QueryError> {
        let n = periods.len();
        if n < 2 {
            return Err(QueryError::Halves(format!(
                "the range has {n} period(s); comparing halves needs at least two (choose a shorter --by or a \
                 longer range)"
            )));
        }
        let half = n / 2;
        Ok(Halves {
            first: (periods[0].start, periods[half - 1].end),
            second: (periods[n - half].start, periods[n - 1].end),
        })
    }

    /// 1 for a day in the first half, 2 in the second, `None` in neither.
    pub fn half_of(&self, date: Date) -> Option<u8> {
        if self.first.0 <= date && date <= self.first.1 {
            Some(1)
        } else if self.second.0 <= date && date <= self.second.1 {
            Some(2)
        } else {
            None
        }
    }
}

/// Tallies of one unordered pair (`a < b`), per direction, over one stretch of days.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PairTally {
    pub a: String,
    pub b: String,
    /// Events a → b and b → a.
    pub ab: Tally,
    pub ba: Tally,
}

impl PairTally {
    pub fn combined(&self) -> Tally {
        let mut tally = self.ab;
        tally += &self.ba;
        tally
    }
}

/// How a pair changed between the halves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub first: Figures,
    pub second: Figures,
    /// Goldstein mean of the second half minus that of the first.
    pub goldstein_change: f64,
    /// The same for the cooperation share.
    pub cooperation_share_change: Option<f64>,
}

/// One ranked pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DyadRow {
    /// The pair in alphabetical order; `ab_events` go a → b.
    pub a: String,
    pub b: String,
    pub ab_events: u64,
    pub ba_events: u64,
    /// Both directions over the counted days (for `changed`: both halves).
    pub figures: Figures,
    /// Events per period of the range (both directions), for a sparkline.
    pub trend: Vec<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
}

/// The answer to a [`DyadsQuery`]: what `attache dyads` prints and the HTTP API returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dyads {
    pub rank: Rank,
    pub by: Granularity,
    pub from: Option<String>,
    pub to: Option<String>,
    /// `changed`: the halves compared, `[first day, last day]` each.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_half: Option<[String; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second_half: Option<[String; 2]>,
    pub min_events: u64,
    /// Labels of the periods of `trend`.
    pub periods: Vec<String>,
    pub dyads: Vec<DyadRow>,
}

fn row(pair: &PairTally, all_events: Option<u64>, change: Option<Change>) -> DyadRow {
    DyadRow {
        a: pair.a.clone(),
        b: pair.b.clone(),
        ab_events: pair.ab.events,
        ba_events: pair.ba.events,
        figures: pair.combined().figures_within(all_events),
        trend: Vec::new(),
        change,
    }
}

/// Pairs whose both principals name a party, and not the same one.
fn is_relation(a: &str, b: &str) -> bool {
    a != b && is_identified(a) && is_identified(b)
}

/// The `limit` pairs with the most events (ties: alphabetical). `all_events`: the fact events of every pair
/// over the same days, for the volume-normalised figures.
pub fn rank_active(pairs: &[PairTally], all_events: Option<u64>, limit: usize) -> Vec<DyadRow> {
    let mut ranked: Vec<&PairTally> = pairs.iter().filter(|p| is_relation(&p.a, &p.b)).collect();
    ranked.sort_by(|x, y| y.combined().events.cmp(&x.combined().events).then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b))));
    ranked.into_iter().take(limit).map(|p| row(p, all_events, None)).collect()
}

/// The `limit` pairs whose Goldstein mean moved most between the halves, among pairs with at least
/// `min_events` events in each half (ties: more events first, then alphabetical). `first` and `second` hold the
/// pairs' tallies of each half, `all_events` the fact events of every pair in each half (for the
/// volume-normalised figures).
pub fn rank_changed(
    first: &[PairTally],
    second: &[PairTally],
    all_events: Option<(u64, u64)>,
    min_events: u64,
    limit: usize,
) -> Vec<DyadRow> {
    let min_events = min_events.max(1);
    let earlier: std::collections::HashMap<(&str, &str), &PairTally> =
        first.iter().map(|p| ((p.a.as_str(), p.b.as_str()), p)).collect();
    let mut rows: Vec<(f64, DyadRow)> = Vec::new();
    for later in second.iter().filter(|p| is_relation(&p.a, &p.b)) {
        let Some(before) = earlier.get(&(later.a.as_str(), later.b.as_str())) else { continue };
        let (t1, t2) = (before.combined(), later.combined());
        if t1.events < min_events || t2.events < min_events {
            continue;
        }
        let (f1, f2) = (t1.figures_within(all_events.map(|a| a.0)), t2.figures_within(all_events.map(|a| a.1)));
        let (Some(m1), Some(m2)) = (t1.goldstein_mean(), t2.goldstein_mean()) else { continue };
        let delta = m2 - m1;
        let share_change = f1.cooperation_share.zip(f2.cooperation_share).map(|(s1, s2)| round(s2 - s1));
        let mut both = PairTally { a: later.a.clone(), b: later.b.clone(), ab: before.ab, ba: before.ba };
        both.ab += &later.ab;
        both.ba += &later.ba;
        let change =
            Change { first: f1, second: f2, goldstein_change: round(delta), cooperation_share_change: share_change };
        rows.push((delta.abs(), row(&both, all_events.map(|(a1, a2)| a1 + a2), Some(change))));
    }
    rows.sort_by(|(dx, x), (dy, y)| {
        dy.total_cmp(dx)
            .then_with(|| y.figures.events.cmp(&x.figures.events))
            .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    rows.into_iter().take(limit).map(|(_, row)| row).collect()
}

/// Events per period from a pair's `(date, events)` counts (dates outside every period are ignored).
pub fn trend(periods: &[Period], days: &[(Date, u64)]) -> Vec<u64> {
    let mut counts = vec![0; periods.len()];
    for &(date, events) in days {
        let i = periods.partition_point(|p| p.end < date);
        if i < periods.len() && periods[i].contains(date) {
            counts[i] += events;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn pair(a: &str, b: &str, ab: &[f64], ba: &[f64]) -> PairTally {
        let tally = |scores: &[f64]| {
            let mut t = Tally::default();
            for &g in scores {
                t.add_event(if g >= 0.0 { 2 } else { 4 }, g, 1, 1, 0.0, 0);
            }
            t
        };
        PairTally { a: a.into(), b: b.into(), ab: tally(ab), ba: tally(ba) }
    }

    #[test]
    fn active_ranks_by_events_and_skips_non_relations() {
        let pairs = [
            pair("CHN", "USA", &[1.0, 2.0], &[3.0]),
            pair("IND", "PAK", &[-10.0; 4], &[]),
            pair("BUS", "CHN", &[1.0; 9], &[]),
            pair("CHN", "CHN", &[1.0; 9], &[]),
            pair("JPN", "KOR", &[1.0], &[1.0, 1.0]),
        ];
        let rows = rank_active(&pairs, Some(100), 10);
        let names: Vec<(&str, &str)> = rows.iter().map(|r| (r.a.as_str(), r.b.as_str())).collect();
        assert_eq!(names, [("IND", "PAK"), ("CHN", "USA"), ("JPN", "KOR")]);
        assert_eq!((rows[1].ab_events, rows[1].ba_events, rows[1].figures.events), (2, 1, 3));
        assert_eq!((rows[1].figures.all_events, rows[1].figures.events_per_1000), (Some(100), Some(30.0)));
        assert_eq!(rank_active(&pairs, None, 1).len(), 1);
    }

    #[test]
    fn changed_ranks_by_the_move_of_the_mean() {
        let first = [
            pair("CHN", "USA", &[8.0, 7.0, 1.0], &[]),
            pair("IND", "PAK", &[-10.0, -2.0, -2.0], &[]),
            pair("JPN", "KOR", &[1.0, 1.0, 1.0], &[]),
        ];
        let second = [
            pair("CHN", "USA", &[-8.0, -7.0], &[-2.0]),
            pair("IND", "PAK", &[9.0, 5.0, 1.0], &[]),
            pair("JPN", "KOR", &[1.0, 1.0], &[]),
        ];
        let rows = rank_changed(&first, &second, Some((40, 60)), 3, 10);
        assert_eq!(rows.len(), 2, "JPN–KOR has two events in the second half");
        assert_eq!((rows[0].a.as_str(), rows[0].b.as_str()), ("CHN", "USA"));
        let change = rows[0].change.as_ref().unwrap();
        assert_eq!(change.goldstein_change, -11.0);
        assert_eq!(change.cooperation_share_change, Some(-2.0));
        assert_eq!(rows[0].figures.events, 6);
        // First half: 3 of 40 events, Goldstein sum 16; second: 3 of 60, sum −17; both: 6 of 100, sum −1.
        assert_eq!((change.first.events_per_1000, change.first.goldstein_per_1000), (Some(75.0), Some(400.0)));
        assert_eq!(change.second.goldstein_per_1000, Some(-283.3333));
        assert_eq!((rows[0].figures.all_events, rows[0].figures.goldstein_per_1000), (Some(100), Some(-10.0)));
        assert_eq!(rows[1].change.as_ref().unwrap().goldstein_change, 9.6667);
    }

    #[test]
    fn halves_are_equal_and_drop_the_middle_period() {
        let months = Granularity::Month.periods(date(2026, 1, 1), date(2026, 5, 31));
        let halves = Halves::of(&months).unwrap();
        assert_eq!(halves.first, (date(2026, 1, 1), date(2026, 2, 28)));
        assert_eq!(halves.second, (date(2026, 4, 1), date(2026, 5, 31)));
        assert_eq!(halves.half_of(date(2026, 3, 15)), None);
        assert_eq!(halves.half_of(date(2026, 2, 28)), Some(1));
        assert!(Halves::of(&months[..1]).is_err());
    }

    #[test]
    fn trend_counts_events_per_period() {
        let months = Granularity::Month.periods(date(2026, 1, 10), date(2026, 3, 31));
        let days = [(date(2026, 1, 14), 2), (date(2026, 3, 1), 1), (date(2026, 1, 1), 5), (date(2026, 1, 31), 1)];
        assert_eq!(trend(&months, &days), [3, 0, 1]);
    }
}
