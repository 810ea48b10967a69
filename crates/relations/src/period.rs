//! Calendar periods: day, ISO week, month, quarter — their labels and the list of periods covering a range.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// How long a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    /// ISO 8601 week: Monday to Sunday, labelled by its ISO week-year (`2026-W07`).
    Week,
    #[default]
    Month,
    Quarter,
}

impl Granularity {
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Quarter => "quarter",
        }
    }

    /// The whole calendar period containing `date`.
    pub fn period_of(self, date: Date) -> Period {
        let (start, end, label) = match self {
            Granularity::Day => (date, date, date.to_string()),
            Granularity::Week => {
                let week = date.iso_week_date();
                let back = i64::from(date.weekday().to_monday_zero_offset());
                let start = date.checked_sub(back.days()).unwrap_or(date);
                let end = start.checked_add(6.days()).unwrap_or(Date::MAX);
                (start, end, format!("{:04}-W{:02}", week.year(), week.week()))
            }
            Granularity::Month => {
                (date.first_of_month(), date.last_of_month(), format!("{:04}-{:02}", date.year(), date.month()))
            }
            Granularity::Quarter => {
                let quarter = (date.month() - 1) / 3;
                let first = Date::new(date.year(), quarter * 3 + 1, 1).unwrap_or(date);
                let last = Date::new(date.year(), quarter * 3 + 3, 1).map(|d| d.last_of_month()).unwrap_or(date);
                (first, last, format!("{:04}-Q{}", date.year(), quarter + 1))
            }
        };
        Period { label, start, end }
    }

    /// The periods covering `from..=to` in order, the first and last cut to the range (so a period's figures
    /// never count a day outside it). Empty when `from > to`.
    pub fn periods(self, from: Date, to: Date) -> Vec<Period> {
        let mut periods = Vec::new();
        let mut day = from;
        while day <= to {
            let mut period = self.period_of(day);
            period.start = period.start.max(from);
            period.end = period.end.min(to);
            let Ok(next) = period.end.tomorrow() else {
                periods.push(period);
                break;
            };
            periods.push(period);
            day = next;
        }
        periods
    }

    /// How many periods cover `from..=to`, without building them (to refuse absurd requests early).
    pub fn count(self, from: Date, to: Date) -> u64 {
        if from > to {
            return 0;
        }
        let days = (to - from).get_days().unsigned_abs() as u64 + 1;
        match self {
            Granularity::Day => days,
            Granularity::Week => days.div_ceil(7) + 1,
            Granularity::Month => {
                let months = |d: Date| i64::from(d.year()) * 12 + i64::from(d.month());
                (months(to) - months(from) + 1) as u64
            }
            Granularity::Quarter => {
                let quarters = |d: Date| i64::from(d.year()) * 4 + i64::from((d.month() - 1) / 3);
                (quarters(to) - quarters(from) + 1) as u64
            }
        }
    }
}

/// One period: its label and its first and last day (inclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// `2026-02-10`, `2026-W07`, `2026-02`, `2026-Q1`.
    pub label: String,
    pub start: Date,
    pub end: Date,
}

impl Period {
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }
}

/// Parses a `YYYY-MM-DD` date (strictly that shape).
pub fn parse_date(text: &str) -> Option<Date> {
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if shape_ok { text.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn labels(by: Granularity, from: Date, to: Date) -> Vec<String> {
        by.periods(from, to).into_iter().map(|p| p.label).collect()
    }

    #[test]
    fn labels_follow_the_calendar() {
        let d = date(2026, 2, 10);
        assert_eq!(Granularity::Day.period_of(d).label, "2026-02-10");
        assert_eq!(Granularity::Week.period_of(d).label, "2026-W07");
        assert_eq!(Granularity::Month.period_of(d).label, "2026-02");
        assert_eq!(Granularity::Quarter.period_of(d).label, "2026-Q1");
        // ISO week-year differs from the calendar year at the edges.
        assert_eq!(Granularity::Week.period_of(date(2026, 1, 1)).label, "2026-W01");
        assert_eq!(Granularity::Week.period_of(date(2027, 1, 1)).label, "2026-W53");
        let week = Granularity::Week.period_of(d);
        assert_eq!((week.start, week.end), (date(2026, 2, 9), date(2026, 2, 15)));
        let quarter = Granularity::Quarter.period_of(date(2026, 5, 31));
        assert_eq!(
            (quarter.label.as_str(), quarter.start, quarter.end),
            ("2026-Q2", date(2026, 4, 1), date(2026, 6, 30))
        );
    }

    #[test]
    fn periods_cover_the_range_and_are_cut_to_it() {
        assert_eq!(
            labels(Granularity::Month, date(2026, 1, 14), date(2026, 6, 18)),
            ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
        );
        let months = Granularity::Month.periods(date(2026, 1, 14), date(2026, 6, 18));
        assert_eq!(months[0].start, date(2026, 1, 14));
        assert_eq!(months[5].end, date(2026, 6, 18));
        assert_eq!(months[1].start, date(2026, 2, 1));
        assert_eq!(labels(Granularity::Quarter, date(2025, 12, 31), date(2026, 1, 1)), ["2025-Q4", "2026-Q1"]);
        assert!(Granularity::Day.periods(date(2026, 1, 2), date(2026, 1, 1)).is_empty());
        assert_eq!(Granularity::Day.periods(date(2026, 1, 1), date(2026, 1, 1)).len(), 1);
    }

    proptest::proptest! {
        /// Any range and granularity: the periods tile the range exactly (no gap, no overlap), in order, and
        /// `count` is never below the real number.
        #[test]
        fn periods_tile_the_range(start in 0i64..20_000, len in 0i64..800, g in 0usize..4) {
            let by = [Granularity::Day, Granularity::Week, Granularity::Month, Granularity::Quarter][g];
            let from = date(1990, 1, 1).checked_add(start.days()).unwrap();
            let to = from.checked_add(len.days()).unwrap();
            let periods = by.periods(from, to);
            proptest::prop_assert_eq!(periods[0].start, from);
            proptest::prop_assert_eq!(periods.last().unwrap().end, to);
            for pair in periods.windows(2) {
                proptest::prop_assert_eq!(pair[0].end.tomorrow().unwrap(), pair[1].start);
                proptest::prop_assert!(pair[0].label < pair[1].label);
            }
            proptest::prop_assert!(by.count(from, to) >= periods.len() as u64);
        }
    }

    #[test]
    fn dates_must_have_the_exact_shape() {
        assert_eq!(parse_date("2026-02-10"), Some(date(2026, 2, 10)));
        assert_eq!(parse_date("2026-2-10"), None);
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("2026-02-10T00:00"), None);
    }
}
