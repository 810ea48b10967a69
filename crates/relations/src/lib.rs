//! # attache-relations — the relations index between actors over time
//!
//! Purpose: the pure half of attache's relations index. It says who a party to a relationship is (an actor
//! code's *principal*: `CHNGOV` → `CHN`), cuts ranges into calendar periods (day, ISO week, month, quarter),
//! turns additive tallies of de-duplicated fact events into figures (counts per QuadClass, Goldstein sum, mean
//! and its confidence band, net cooperation, cooperation share, the rhetoric–action gap, mean tone), ranks pairs
//! (most active, most changed) and draws sparklines. The SQL that produces the tallies lives in `attache-store`;
//! the CLI and the HTTP API print the serde types defined here, so they show the same figures.
//!
//! Key design decision: **the store hands over additive daily tallies; every ratio is derived here, once, per
//! period.** Sums add across days, periods and directions; means, shares and bands do not. Keeping the ratios out
//! of SQL makes "periods without events appear with zeros", any granularity and both directions one code path,
//! and lets a test recompute each figure from the stored events independently. `docs/relations.md` defines every
//! figure with its formula and its biases.

pub mod actor;
pub mod dyads;
pub mod figures;
pub mod period;
pub mod series;
pub mod spark;
pub mod synthetic;

pub use actor::{ActorSpec, is_identified, principal};
pub use dyads::{Change, DyadRow, Dyads, DyadsQuery, Halves, PairTally, Rank};
pub use figures::{Figures, Tally};
pub use period::{Granularity, Period, parse_date};
pub use series::{DayTally, Direction, PeriodFigures, QueryError, RelationsQuery, RelationsSeries, ResolvedQuery};
pub use spark::{count_sparkline, sparkline};
