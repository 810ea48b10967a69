//! # attache-chart — the relations chart of a pair, drawn with plotters
//!
//! Purpose: one drawing of a [`RelationsSeries`] shared by every client. The upper panel shows the main index
//! (Goldstein mean per period, with its 95 % band) and the mean tone of the reporting articles on a second axis;
//! the lower panel shows the events per QuadClass as stacked bars, cooperation up and conflict down. The CLI draws
//! it into an SVG or PNG file (`attache relations --plot`), the dashboard of `attache serve` asks for
//! [`relations_svg`]. The crate does no IO: it draws onto any plotters [`DrawingBackend`] the caller provides.
//!
//! Key design decision: **plotters draws, this crate only lays out.** Every mark (line, band, bar, axis, text)
//! is a plotters element; the one thing added by hand is, in the SVG for the dashboard, an invisible
//! `<rect class="period-hit">` per period, placed from the pixel positions plotters reports ([`ChartLayout`]),
//! so that a page can react to a click on a period without re-implementing the chart's scales in JavaScript.

use attache_relations::{Direction, RelationsSeries};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::fmt::Write as _;

/// The size the CLI and the dashboard use unless told otherwise, in pixels.
pub const DEFAULT_SIZE: (u32, u32) = (1100, 680);

/// Goldstein's scale: every event and every mean lies within ±10.
const GOLDSTEIN_LIMIT: f64 = 10.0;

const INDEX_COLOR: RGBColor = RGBColor(30, 90, 190);
const TONE_COLOR: RGBColor = RGBColor(150, 60, 170);
const VERBAL_COOPERATION: RGBColor = RGBColor(140, 200, 140);
const MATERIAL_COOPERATION: RGBColor = RGBColor(40, 140, 60);
const VERBAL_CONFLICT: RGBColor = RGBColor(240, 170, 90);
const MATERIAL_CONFLICT: RGBColor = RGBColor(200, 50, 40);

/// Why a chart could not be drawn (in practice: the backend failed to write, or a font could not be loaded).
#[derive(Debug, thiserror::Error)]
#[error("drawing the relations chart: {0}")]
pub struct ChartError(String);

/// The pixel box of one period's column: from the top of the index panel to the bottom of the bar panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodColumn {
    pub left: i32,
    pub right: i32,
    pub top: i32,
    pub bottom: i32,
}

/// Where [`draw`] put things: one column per period of the series, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChartLayout {
    pub columns: Vec<PeriodColumn>,
}

type DrawResult<T, DB> = Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// The arrow between the pair for a direction.
pub fn arrow(direction: Direction) -> &'static str {
    match direction {
        Direction::Both => "↔",
        Direction::Ab => "→",
        Direction::Ba => "←",
    }
}

/// Draws the chart of `series` onto `root` (filled white first) and says where each period's column is. A
/// series without periods gets a titled, empty chart with a note instead.
pub fn draw<DB: DrawingBackend>(
    series: &RelationsSeries,
    root: &DrawingArea<DB, Shift>,
) -> DrawResult<ChartLayout, DB> {
    root.fill(&WHITE)?;
    let (width, height) = root.dim_in_pixel();
    let title = format!(
        "{} {} {} · Goldstein mean per {} (95 % band) and tone · {} … {}",
        series.a,
        arrow(series.direction),
        series.b,
        series.by.as_str(),
        series.from.as_deref().unwrap_or(""),
        series.to.as_deref().unwrap_or("")
    );
    if series.periods.is_empty() {
        let area = root.titled(&title, ("sans-serif", 20))?;
        let note = format!("no fact event between {} and {} in this range", series.a, series.b);
        area.draw(&Text::new(note, (40, (height / 3) as i32), ("sans-serif", 16)))?;
        return Ok(ChartLayout::default());
    }

    let n = series.periods.len();
    let labels: Vec<&str> = series.periods.iter().map(|p| p.period.as_str()).collect();
    let label_of = |x: &f64| -> String {
        let i = x.round();
        if (x - i).abs() < 1e-9 && i >= 0.0 && (i as usize) < n {
            labels[i as usize].to_string()
        } else {
            String::new()
        }
    };
    let x_range = -0.6..(n as f64 - 0.4);
    let (upper, lower) = root.split_vertically((f64::from(height) * 0.56) as u32);
    let (lower, legend) = lower.split_vertically(lower.dim_in_pixel().1.saturating_sub(30));

    // Tone is a percentage of words (±100 in theory, mostly within ±20): its own axis, symmetric around 0.
    let tone_limit = series
        .periods
        .iter()
        .filter_map(|p| p.figures.tone_mean)
        .fold(5.0_f64, |limit, tone| limit.max(tone.abs() * 1.15))
        .min(100.0);
    let mut index = ChartBuilder::on(&upper)
        .caption(title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(48)
        .right_y_label_area_size(48)
        .build_cartesian_2d(x_range.clone(), -GOLDSTEIN_LIMIT..GOLDSTEIN_LIMIT)?
        .set_secondary_coord(x_range.clone(), -tone_limit..tone_limit);
    index
        .configure_mesh()
        .x_labels(n.min(12))
        .x_label_formatter(&label_of)
        .y_desc("Goldstein mean")
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    index.configure_secondary_axes().y_desc("tone").y_label_formatter(&|y| format!("{y:.0}")).draw()?;
    index.draw_series(LineSeries::new([(x_range.start, 0.0), (x_range.end, 0.0)], BLACK.mix(0.4)))?;

    // Lines and bands are drawn per run of periods with a value, so periods without events leave gaps.
    let index_runs = runs(series.periods.iter().map(|p| {
        let f = &p.figures;
        f.goldstein_mean.map(|mean| (mean, f.goldstein_low.zip(f.goldstein_high)))
    }));
    for run in &index_runs {
        let band: Vec<(f64, f64)> = run
            .iter()
            .map(|&(x, (mean, band))| (x, band.map_or(mean, |b| b.1.min(GOLDSTEIN_LIMIT))))
            .chain(run.iter().rev().map(|&(x, (mean, band))| (x, band.map_or(mean, |b| b.0.max(-GOLDSTEIN_LIMIT)))))
            .collect();
        index.draw_series(std::iter::once(Polygon::new(band, INDEX_COLOR.mix(0.15))))?;
        index.draw_series(LineSeries::new(run.iter().map(|&(x, (mean, _))| (x, mean)), INDEX_COLOR.stroke_width(2)))?;
        index.draw_series(run.iter().map(|&(x, (mean, _))| Circle::new((x, mean), 4, INDEX_COLOR.filled())))?;
    }
    for run in runs(series.periods.iter().map(|p| p.figures.tone_mean)) {
        index.draw_secondary_series(LineSeries::new(run.iter().copied(), TONE_COLOR.stroke_width(2)))?;
        index.draw_secondary_series(
            run.iter().map(|&(x, tone)| TriangleMarker::new((x, tone), 5, TONE_COLOR.filled())),
        )?;
    }

    let up = series.periods.iter().map(|p| p.figures.verbal_cooperation + p.figures.material_cooperation).max();
    let down = series.periods.iter().map(|p| p.figures.verbal_conflict + p.figures.material_conflict).max();
    let bar_limit = up.unwrap_or(0).max(down.unwrap_or(0)).max(1) as f64 * 1.1;
    let mut counts = ChartBuilder::on(&lower)
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(48)
        .right_y_label_area_size(48)
        .build_cartesian_2d(x_range.clone(), -bar_limit..bar_limit)?
        // The right strip only keeps the columns aligned with the index panel's; an empty secondary axis keeps
        // plotters from repeating the counts and their description there.
        .set_secondary_coord(x_range, -bar_limit..bar_limit);
    counts.configure_secondary_axes().y_labels(0).draw()?;
    counts
        .configure_mesh()
        .x_labels(n.min(12))
        .x_label_formatter(&label_of)
        .y_label_formatter(&|y| format!("{:.0}", y.abs()))
        .y_desc("events: cooperation ↑ conflict ↓")
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    let bar = |i: usize, from: f64, to: f64, color: RGBColor| {
        Rectangle::new([(i as f64 - 0.35, from), (i as f64 + 0.35, to)], color.filled())
    };
    for (i, p) in series.periods.iter().enumerate() {
        let f = &p.figures;
        let (vc, mc) = (f.verbal_cooperation as f64, f.material_cooperation as f64);
        let (vf, mf) = (f.verbal_conflict as f64, f.material_conflict as f64);
        counts.draw_series([
            bar(i, 0.0, vc, VERBAL_COOPERATION),
            bar(i, vc, vc + mc, MATERIAL_COOPERATION),
            bar(i, 0.0, -vf, VERBAL_CONFLICT),
            bar(i, -vf, -vf - mf, MATERIAL_CONFLICT),
        ])?;
    }
    draw_legend(&legend, width)?;

    let columns = (0..n)
        .map(|i| {
            let (left, top) = index.backend_coord(&(i as f64 - 0.5, GOLDSTEIN_LIMIT));
            let (right, bottom) = counts.backend_coord(&(i as f64 + 0.5, -bar_limit));
            PeriodColumn { left, right, top, bottom }
        })
        .collect();
    Ok(ChartLayout { columns })
}

/// The legend has its own strip under the bars, so it never hides one.
fn draw_legend<DB: DrawingBackend>(legend: &DrawingArea<DB, Shift>, width: u32) -> DrawResult<(), DB> {
    let entries: [(&str, RGBColor, LegendMark); 6] = [
        ("Goldstein mean", INDEX_COLOR, LegendMark::Dot),
        ("tone", TONE_COLOR, LegendMark::Triangle),
        ("verbal coop.", VERBAL_COOPERATION, LegendMark::Square),
        ("material coop.", MATERIAL_COOPERATION, LegendMark::Square),
        ("verbal conflict", VERBAL_CONFLICT, LegendMark::Square),
        ("material conflict", MATERIAL_CONFLICT, LegendMark::Square),
    ];
    let step = (width.saturating_sub(80) / entries.len() as u32).max(100) as i32;
    for (i, (name, color, mark)) in entries.into_iter().enumerate() {
        let x = 60 + step * i as i32;
        match mark {
            LegendMark::Square => legend.draw(&Rectangle::new([(x, 8), (x + 14, 20)], color.filled()))?,
            LegendMark::Dot => legend.draw(&Circle::new((x + 7, 14), 5, color.filled()))?,
            LegendMark::Triangle => legend.draw(&TriangleMarker::new((x + 7, 14), 6, color.filled()))?,
        }
        legend.draw(&Text::new(name, (x + 20, 6), ("sans-serif", 14)))?;
    }
    Ok(())
}

enum LegendMark {
    Square,
    Dot,
    Triangle,
}

/// Splits per-period values into runs of consecutive periods that have one, each value with its x position.
fn runs<T>(values: impl Iterator<Item = Option<T>>) -> Vec<Vec<(f64, T)>> {
    let mut runs: Vec<Vec<(f64, T)>> = Vec::new();
    let mut open = false;
    for (i, value) in values.enumerate() {
        match value {
            Some(value) if open => runs.last_mut().expect("a run is open").push((i as f64, value)),
            Some(value) => {
                runs.push(vec![(i as f64, value)]);
                open = true;
            }
            None => open = false,
        }
    }
    runs
}

/// The chart as an SVG document, with one invisible `<rect class="period-hit">` per period over its column:
/// `data-period` (label), `data-start` and `data-end` (first and last day, `YYYY-MM-DD`), `data-events`, and a
/// `<title>` a browser shows on hover.
pub fn relations_svg(series: &RelationsSeries, size: (u32, u32)) -> Result<String, ChartError> {
    let mut svg = String::new();
    let layout = {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let layout = draw(series, &root).map_err(|e| ChartError(e.to_string()))?;
        root.present().map_err(|e| ChartError(e.to_string()))?;
        layout
    };
    let mut hits = String::from("<g class=\"period-hits\">\n");
    for (period, column) in series.periods.iter().zip(&layout.columns) {
        let f = &period.figures;
        let mean = f.goldstein_mean.map_or("–".to_string(), |m| format!("{m:.2}"));
        let tone = f.tone_mean.map_or("–".to_string(), |t| format!("{t:.2}"));
        let _ = writeln!(
            hits,
            "<rect class=\"period-hit\" data-period=\"{}\" data-start=\"{}\" data-end=\"{}\" data-events=\"{}\" \
             x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#000\" fill-opacity=\"0\" pointer-events=\"all\" \
             tabindex=\"0\" role=\"button\"><title>{}: {} events · Goldstein mean {} · tone {}</title></rect>",
            escape(&period.period),
            escape(&period.start),
            escape(&period.end),
            f.events,
            column.left,
            column.top,
            (column.right - column.left).max(1),
            (column.bottom - column.top).max(1),
            escape(&period.period),
            f.events,
            mean,
            tone,
        );
    }
    hits.push_str("</g>\n");
    let end = svg.rfind("</svg>").ok_or_else(|| ChartError("the SVG backend wrote no closing tag".into()))?;
    svg.insert_str(end, &hits);
    Ok(svg)
}

/// Escapes text for an XML attribute or element.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_at_missing_values() {
        let got = runs([Some(1), None, Some(2), Some(3), None, None].into_iter());
        assert_eq!(got, vec![vec![(0.0, 1)], vec![(2.0, 2), (3.0, 3)]]);
        assert!(runs(std::iter::empty::<Option<u8>>()).is_empty());
    }

    #[test]
    fn escape_covers_markup() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
    }
}
