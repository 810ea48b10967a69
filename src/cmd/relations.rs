//! `attache relations`: how a pair's relations move over time — the relations index by period.

use crate::Global;
use crate::cmd::parse_date;
use crate::output::{Cell, Format, Rows};
use anyhow::{Context, bail};
use attache_relations::spark::sparkline;
use attache_relations::{Direction, Granularity, RelationsQuery, RelationsSeries};
use attache_store::Store;
use plotters::prelude::{BitMapBackend, IntoDrawingArea, SVGBackend};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The length of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Day,
    /// ISO week, Monday to Sunday (`2026-W07`).
    Week,
    Month,
    Quarter,
}

impl From<By> for Granularity {
    fn from(by: By) -> Granularity {
        match by {
            By::Day => Granularity::Day,
            By::Week => Granularity::Week,
            By::Month => Granularity::Month,
            By::Quarter => Granularity::Quarter,
        }
    }
}

/// Which events of the pair count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DirectionArg {
    /// A → B and B → A together.
    Both,
    /// A → B only.
    Ab,
    /// B → A only.
    Ba,
}

/// Show the relations index of a pair of actors over time: de-duplicated fact events per period, counts per
/// QuadClass, Goldstein sum and mean (with a 95 % band), the volume-normalised index (Goldstein sum per 1,000 fact
/// events of every pair), net cooperation, cooperation share, the rhetoric–action gap and mean tone
/// (definitions: docs/relations.md).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// First actor: a country or organisation code (CHN, IGOEUREEC) or one narrowed to a sector (CHNGOV).
    #[arg(value_name = "A")]
    a: String,
    /// Second actor.
    #[arg(value_name = "B")]
    b: String,
    /// Period length.
    #[arg(long, value_enum, default_value_t = By::Month)]
    by: By,
    /// First day counted (YYYY-MM-DD) [default: the pair's first fact event].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    from: Option<String>,
    /// Last day counted (YYYY-MM-DD) [default: the pair's last fact event].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    to: Option<String>,
    /// Which directions count.
    #[arg(long, value_enum, default_value_t = DirectionArg::Both)]
    direction: DirectionArg,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Also draw a chart of the index and the events per QuadClass into FILE (.svg or .png).
    #[arg(long, value_name = "FILE")]
    plot: Option<PathBuf>,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.plot {
        chart_kind(path)?;
    }
    let store = Store::open_existing(&global.db)?;
    let query = RelationsQuery {
        a: args.a,
        b: args.b,
        by: args.by.into(),
        from: args.from,
        to: args.to,
        direction: match args.direction {
            DirectionArg::Both => Direction::Both,
            DirectionArg::Ab => Direction::Ab,
            DirectionArg::Ba => Direction::Ba,
        },
    };
    let series = store.relations(&query)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &series)?;
            writeln!(out)?;
        }
        Format::Csv => rows(&series, Format::Csv).print(Format::Csv, &mut out)?,
        Format::Table => print_table(&series, &mut out)?,
    }
    if let Some(path) = &args.plot {
        draw_chart(&series, path).with_context(|| format!("drawing {}", path.display()))?;
        eprintln!("chart written to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// One row per period. The table uses short column names; CSV uses the JSON field names.
fn rows(series: &RelationsSeries, format: Format) -> Rows {
    let table = format == Format::Table;
    let columns: &[&'static str] = if table {
        &[
            "period",
            "events",
            "vcoop",
            "mcoop",
            "vconf",
            "mconf",
            "gold_sum",
            "gold_mean",
            "low",
            "high",
            "gold_per_1k",
            "net",
            "coop_share",
            "gap",
            "tone",
            "articles",
        ]
    } else {
        &[
            "period",
            "start",
            "end",
            "events",
            "verbal_cooperation",
            "material_cooperation",
            "verbal_conflict",
            "material_conflict",
            "mentions",
            "articles",
            "goldstein_sum",
            "goldstein_mean",
            "goldstein_low",
            "goldstein_high",
            "net_cooperation",
            "cooperation_share",
            "verbal_share",
            "material_share",
            "rhetoric_action_gap",
            "tone_mean",
            "tone_articles",
            "all_events",
            "events_per_1000",
            "goldstein_per_1000",
        ]
    };
    let mut rows = Rows::new(columns);
    for period in &series.periods {
        let f = &period.figures;
        let float = |x: Option<f64>| x.map_or(Cell::Null, |x| Cell::Float(x, if table { 2 } else { 4 }));
        let row = if table {
            vec![
                Cell::from(period.period.as_str()),
                Cell::from(f.events),
                Cell::from(f.verbal_cooperation),
                Cell::from(f.material_cooperation),
                Cell::from(f.verbal_conflict),
                Cell::from(f.material_conflict),
                float(Some(f.goldstein_sum)),
                float(f.goldstein_mean),
                float(f.goldstein_low),
                float(f.goldstein_high),
                float(f.goldstein_per_1000),
                Cell::Int(f.net_cooperation),
                float(f.cooperation_share),
                float(f.rhetoric_action_gap),
                float(f.tone_mean),
                Cell::from(f.articles),
            ]
        } else {
            vec![
                Cell::from(period.period.as_str()),
                Cell::from(period.start.as_str()),
                Cell::from(period.end.as_str()),
                Cell::from(f.events),
                Cell::from(f.verbal_cooperation),
                Cell::from(f.material_cooperation),
                Cell::from(f.verbal_conflict),
                Cell::from(f.material_conflict),
                Cell::from(f.mentions),
                Cell::from(f.articles),
                float(Some(f.goldstein_sum)),
                float(f.goldstein_mean),
                float(f.goldstein_low),
                float(f.goldstein_high),
                Cell::Int(f.net_cooperation),
                float(f.cooperation_share),
                float(f.verbal_share),
                float(f.material_share),
                float(f.rhetoric_action_gap),
                float(f.tone_mean),
                Cell::from(f.tone_articles),
                f.all_events.map_or(Cell::Null, Cell::from),
                float(f.events_per_1000),
                float(f.goldstein_per_1000),
            ]
        };
        rows.push(row);
    }
    rows
}

fn print_table(series: &RelationsSeries, out: &mut impl Write) -> anyhow::Result<()> {
    let range = match (&series.from, &series.to) {
        (Some(from), Some(to)) => format!("{from} … {to}"),
        _ => "no fact event".to_string(),
    };
    writeln!(
        out,
        "{} {} {} · de-duplicated fact events by {} · {range}",
        series.a,
        attache_chart::arrow(series.direction),
        series.b,
        series.by.as_str()
    )?;
    if series.periods.is_empty() {
        writeln!(out, "no fact event between {} and {} is stored", series.a, series.b)?;
        return Ok(());
    }
    writeln!(out)?;
    rows(series, Format::Table).print(Format::Table, out)?;
    let t = &series.total;
    let show = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{x:.2}"));
    writeln!(out)?;
    writeln!(
        out,
        "total: {} events ({} cooperation, {} conflict), Goldstein mean {} [{} … {}], cooperation share {}, \
         rhetoric–action gap {}",
        t.events,
        t.verbal_cooperation + t.material_cooperation,
        t.verbal_conflict + t.material_conflict,
        show(t.goldstein_mean),
        show(t.goldstein_low),
        show(t.goldstein_high),
        show(t.cooperation_share),
        show(t.rhetoric_action_gap),
    )?;
    if let Some(all) = t.all_events {
        writeln!(
            out,
            "volume-normalised: Goldstein sum {} per 1,000 fact events of every pair ({} ‰ of the {all} stored \
             for these days)",
            show(t.goldstein_per_1000),
            show(t.events_per_1000),
        )?;
    }
    writeln!(
        out,
        "index (Goldstein mean per {}, −10 ▁ … █ +10, · no event): {}",
        series.by.as_str(),
        sparkline(&series.index_values(), -10.0, 10.0)
    )?;
    Ok(())
}

/// The chart formats `--plot` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ChartKind {
    Svg,
    Png,
}

fn chart_kind(path: &Path) -> anyhow::Result<ChartKind> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("svg") => Ok(ChartKind::Svg),
        Some("png") => Ok(ChartKind::Png),
        _ => bail!("--plot {}: the chart file must end in .svg or .png", path.display()),
    }
}

fn draw_chart(series: &RelationsSeries, path: &Path) -> anyhow::Result<()> {
    if series.periods.is_empty() {
        bail!("no fact event between {} and {}: nothing to draw", series.a, series.b);
    }
    let size = attache_chart::DEFAULT_SIZE;
    match chart_kind(path)? {
        ChartKind::Svg => {
            let root = SVGBackend::new(path, size).into_drawing_area();
            attache_chart::draw(series, &root).map_err(|e| anyhow::anyhow!("{e}"))?;
            root.present().map_err(|e| anyhow::anyhow!("{e}"))?;
        }
        ChartKind::Png => {
            let root = BitMapBackend::new(path, size).into_drawing_area();
            attache_chart::draw(series, &root).map_err(|e| anyhow::anyhow!("{e}"))?;
            root.present().map_err(|e| anyhow::anyhow!("{e}"))?;
        }
    }
    Ok(())
}
