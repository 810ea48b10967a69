//! Terminal sparklines: one block character per period.

/// The eight block heights, lowest first.
const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// What a period without a value shows.
pub const EMPTY: char = '·';

/// One character per value on a fixed scale `low ..= high` (values outside are clamped), so that sparklines of
/// different pairs compare: the Goldstein mean uses −10 … +10. `None` shows as [`EMPTY`].
pub fn sparkline(values: &[Option<f64>], low: f64, high: f64) -> String {
    values
        .iter()
        .map(|value| match value {
            Some(v) if v.is_finite() && high > low => {
                let level = ((v.clamp(low, high) - low) / (high - low) * (BLOCKS.len() - 1) as f64).round();
                BLOCKS[level as usize]
            }
            _ => EMPTY,
        })
        .collect()
}

/// Counts scaled to their own maximum; zero shows as [`EMPTY`].
pub fn count_sparkline(counts: &[u64]) -> String {
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let values: Vec<Option<f64>> = counts.iter().map(|&c| (c > 0).then_some(c as f64)).collect();
    sparkline(&values, 0.0, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_map_to_blocks_on_a_fixed_scale() {
        assert_eq!(sparkline(&[Some(-10.0), Some(0.0), Some(10.0), None, Some(99.0)], -10.0, 10.0), "▁▅█·█");
        assert_eq!(sparkline(&[Some(f64::NAN)], -10.0, 10.0), "·");
        assert_eq!(count_sparkline(&[0, 1, 4, 8]), "·▂▅█");
        assert_eq!(count_sparkline(&[]), "");
    }

    proptest::proptest! {
        /// One character per value, whatever the values.
        #[test]
        fn one_character_per_value(values in proptest::collection::vec(proptest::option::of(proptest::num::f64::ANY), 0..50)) {
            proptest::prop_assert_eq!(sparkline(&values, -10.0, 10.0).chars().count(), values.len());
        }
    }
}
