//! The dashboard's SVG: well-formed XML, one click target per period in order, inside the picture.

use attache_chart::{DEFAULT_SIZE, relations_svg};
use attache_relations::{DayTally, Direction, Granularity, RelationsQuery, RelationsSeries, Tally, parse_date};
use proptest::prelude::*;

/// A series built the way the store builds it, from daily tallies of `(date, quad class, goldstein, tone)`.
fn series(by: Granularity, from: Option<&str>, to: Option<&str>, events: &[(&str, u8, f64, f64)]) -> RelationsSeries {
    let query = RelationsQuery {
        a: "CHN".into(),
        b: "USA".into(),
        by,
        from: from.map(str::to_string),
        to: to.map(str::to_string),
        direction: Direction::Both,
    }
    .resolve()
    .expect("valid query");
    let days: Vec<DayTally> = events
        .iter()
        .map(|&(date, quad, goldstein, tone)| {
            let mut tally = Tally::default();
            tally.add_event(quad, goldstein, 1, 1, tone, 1);
            DayTally { date: parse_date(date).expect("date"), ab: true, ba: false, tally }
        })
        .collect();
    RelationsSeries::build(&query, &days)
}

struct Hit {
    period: String,
    start: String,
    end: String,
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

/// Parses the SVG (panicking on malformed XML) and returns its size and its period hits in document order.
fn hits(svg: &str) -> ((f64, f64), Vec<Hit>) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("the SVG is not well-formed XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let number = |node: roxmltree::Node, name: &str| -> f64 {
        node.attribute(name).unwrap_or_else(|| panic!("no {name}")).parse().expect("a number")
    };
    let size = (number(root, "width"), number(root, "height"));
    let hits = doc
        .descendants()
        .filter(|n| n.attribute("class").is_some_and(|c| c.split_whitespace().any(|c| c == "period-hit")))
        .map(|n| {
            assert_eq!(n.tag_name().name(), "rect");
            Hit {
                period: n.attribute("data-period").expect("data-period").to_string(),
                start: n.attribute("data-start").expect("data-start").to_string(),
                end: n.attribute("data-end").expect("data-end").to_string(),
                x: number(n, "x"),
                y: number(n, "y"),
                width: number(n, "width"),
                height: number(n, "height"),
            }
        })
        .collect();
    (size, hits)
}

fn assert_hits_match(series: &RelationsSeries, svg: &str) {
    let ((width, height), hits) = hits(svg);
    assert_eq!(hits.len(), series.periods.len(), "one period-hit per period");
    for (hit, period) in hits.iter().zip(&series.periods) {
        assert_eq!((&hit.period, &hit.start, &hit.end), (&period.period, &period.start, &period.end));
        assert!(hit.width >= 1.0 && hit.height >= 1.0, "{} has an empty box", hit.period);
        assert!(hit.x >= 0.0 && hit.x + hit.width <= width, "{} leaves the picture sideways", hit.period);
        assert!(hit.y >= 0.0 && hit.y + hit.height <= height, "{} leaves the picture vertically", hit.period);
    }
    for pair in hits.windows(2) {
        assert!(pair[0].x + pair[0].width <= pair[1].x + 1.0, "{} and {} overlap", pair[0].period, pair[1].period);
    }
}

#[test]
fn six_months_give_six_period_hits_in_order() {
    let series = series(
        Granularity::Month,
        None,
        None,
        &[
            ("2026-01-14", 1, 3.4, 2.0),
            ("2026-02-10", 2, 6.0, 4.0),
            ("2026-02-11", 4, -9.5, -6.0),
            ("2026-04-08", 4, -5.0, -3.0),
            ("2026-06-18", 1, 1.0, 1.0),
        ],
    );
    assert_eq!(series.periods.len(), 6, "January to June, March and May without events");
    let svg = relations_svg(&series, DEFAULT_SIZE).expect("drawn");
    assert_hits_match(&series, &svg);
    let (_, hits) = hits(&svg);
    let labels: Vec<&str> = hits.iter().map(|h| h.period.as_str()).collect();
    assert_eq!(labels, ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]);
    assert_eq!((hits[1].start.as_str(), hits[1].end.as_str()), ("2026-02-01", "2026-02-28"));
    assert!(svg.contains("CHN ↔ USA"), "the title names the pair");
    assert!(svg.contains("data-events=\"2\""), "February's two events are on its hit box");
}

#[test]
fn cut_periods_carry_the_days_counted() {
    let series = series(Granularity::Quarter, Some("2026-02-15"), Some("2026-05-03"), &[("2026-03-01", 1, 2.0, 0.5)]);
    let svg = relations_svg(&series, (800, 500)).expect("drawn");
    assert_hits_match(&series, &svg);
    let (_, hits) = hits(&svg);
    assert_eq!(hits.len(), 2);
    assert_eq!((hits[0].start.as_str(), hits[0].end.as_str()), ("2026-02-15", "2026-03-31"));
    assert_eq!((hits[1].start.as_str(), hits[1].end.as_str()), ("2026-04-01", "2026-05-03"));
}

#[test]
fn a_pair_without_events_gets_a_valid_svg_with_a_note_and_no_hits() {
    let series = series(Granularity::Month, None, None, &[]);
    assert!(series.periods.is_empty());
    let svg = relations_svg(&series, DEFAULT_SIZE).expect("drawn");
    let (_, hits) = hits(&svg);
    assert!(hits.is_empty());
    assert!(svg.contains("no fact event between CHN and USA"));
}

#[test]
fn many_daily_periods_stay_separate_and_inside() {
    let series = series(Granularity::Day, Some("2026-01-01"), Some("2026-03-31"), &[("2026-02-02", 3, -2.0, -1.0)]);
    assert_eq!(series.periods.len(), 90);
    let svg = relations_svg(&series, DEFAULT_SIZE).expect("drawn");
    assert_hits_match(&series, &svg);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_series_draws_as_valid_svg_with_one_hit_per_period(
        events in prop::collection::vec((0u32..400, 1u8..=4, -10.0f64..=10.0, -30.0f64..30.0), 0..40),
        by in prop::sample::select(vec![Granularity::Day, Granularity::Week, Granularity::Month, Granularity::Quarter]),
        width in 300u32..1600,
        height in 240u32..900,
    ) {
        let start = parse_date("2025-11-20").expect("date");
        let dates: Vec<String> = events
            .iter()
            .map(|e| start.checked_add(jiff::Span::new().days(i64::from(e.0))).expect("in range").to_string())
            .collect();
        let events: Vec<(&str, u8, f64, f64)> =
            events.iter().zip(&dates).map(|(e, d)| (d.as_str(), e.1, e.2, e.3)).collect();
        let series = series(by, None, None, &events);
        let svg = relations_svg(&series, (width, height)).expect("drawn");
        assert_hits_match(&series, &svg);
    }
}
