//! `attache dyads`: which pairs of actors are the most active, or changed the most.

use crate::Global;
use crate::cmd::parse_date;
use crate::cmd::relations::By;
use crate::output::{Cell, Format, Rows};
use attache_relations::spark::count_sparkline;
use attache_relations::{Dyads, DyadsQuery, Rank};
use attache_store::Store;
use std::io::Write;
use std::process::ExitCode;

/// How to rank the pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum RankArg {
    /// Most de-duplicated fact events in the range, both directions together.
    Active,
    /// Largest change of the Goldstein mean between the first and the second half of the range.
    Changed,
}

/// Rank pairs of actors (countries and organisations, both directions together) by activity, or by how much
/// their relations changed between the first and second half of the range (definitions: docs/relations.md).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// First day counted (YYYY-MM-DD) [default: the first stored fact event].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    from: Option<String>,
    /// Last day counted (YYYY-MM-DD) [default: the last stored fact event].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    to: Option<String>,
    /// Period length of the trend column; `changed` compares halves made of whole periods.
    #[arg(long, value_enum, default_value_t = By::Month)]
    by: By,
    /// At most this many pairs.
    #[arg(long, value_name = "N", default_value_t = 20)]
    limit: usize,
    #[arg(long, value_enum, default_value_t = RankArg::Active)]
    rank: RankArg,
    /// `changed`: only pairs with at least this many events in each half.
    #[arg(long, value_name = "N", default_value_t = 3)]
    min_events: u64,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&global.db)?;
    let query = DyadsQuery {
        from: args.from,
        to: args.to,
        by: args.by.into(),
        limit: args.limit,
        rank: match args.rank {
            RankArg::Active => Rank::Active,
            RankArg::Changed => Rank::Changed,
        },
        min_events: args.min_events,
    };
    let dyads = store.dyads(&query)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &dyads)?;
            writeln!(out)?;
        }
        Format::Csv => rows(&dyads, false).print(Format::Csv, &mut out)?,
        Format::Table => {
            let range = match (&dyads.from, &dyads.to) {
                (Some(from), Some(to)) => format!("{from} … {to}"),
                _ => "no fact event stored".to_string(),
            };
            writeln!(out, "pairs ranked {} · de-duplicated fact events · {range}", dyads.rank.as_str())?;
            if let (Some(first), Some(second)) = (&dyads.first_half, &dyads.second_half) {
                writeln!(
                    out,
                    "halves compared: {} … {} and {} … {}; pairs with at least {} events in each",
                    first[0], first[1], second[0], second[1], dyads.min_events
                )?;
            }
            writeln!(out)?;
            rows(&dyads, true).print(Format::Table, &mut out)?;
            if dyads.dyads.is_empty() {
                eprintln!("no pair to rank");
            } else if let (Some(first), Some(last)) = (dyads.periods.first(), dyads.periods.last()) {
                writeln!(out, "\ntrend: events per {}, {first} … {last}", dyads.by.as_str())?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn rows(dyads: &Dyads, table: bool) -> Rows {
    let changed = dyads.rank == Rank::Changed;
    let mut columns: Vec<&'static str> = vec![
        "a",
        "b",
        "events",
        "ab",
        "ba",
        "goldstein_mean",
        "cooperation_share",
        "rhetoric_action_gap",
        "events_per_1000",
        "goldstein_per_1000",
    ];
    if changed {
        columns.extend(["first_mean", "second_mean", "goldstein_change", "first_events", "second_events"]);
    }
    columns.push("trend");
    let mut rows = Rows::new(&columns);
    let float = |x: Option<f64>| x.map_or(Cell::Null, |x| Cell::Float(x, if table { 2 } else { 4 }));
    for d in &dyads.dyads {
        let f = &d.figures;
        let mut row = vec![
            Cell::from(d.a.as_str()),
            Cell::from(d.b.as_str()),
            Cell::from(f.events),
            Cell::from(d.ab_events),
            Cell::from(d.ba_events),
            float(f.goldstein_mean),
            float(f.cooperation_share),
            float(f.rhetoric_action_gap),
            float(f.events_per_1000),
            float(f.goldstein_per_1000),
        ];
        if let Some(change) = &d.change {
            row.extend([
                float(change.first.goldstein_mean),
                float(change.second.goldstein_mean),
                float(Some(change.goldstein_change)),
                Cell::from(change.first.events),
                Cell::from(change.second.events),
            ]);
        } else if changed {
            row.extend([Cell::Null, Cell::Null, Cell::Null, Cell::Null, Cell::Null]);
        }
        row.push(if table {
            Cell::from(count_sparkline(&d.trend))
        } else {
            Cell::from(d.trend.iter().map(u64::to_string).collect::<Vec<_>>().join(" "))
        });
        rows.push(row);
    }
    rows
}
