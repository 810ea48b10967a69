//! The figures of a set of de-duplicated fact events: counts per QuadClass, Goldstein sum and mean with a
//! confidence band, net cooperation, the cooperation share, the rhetoric–action gap, mean tone, and the
//! volume-normalised figures (per 1,000 fact events of every pair stored for the same days).
//!
//! A [`Tally`] holds sums only, so tallies of days add up to tallies of any period; [`Tally::figures`] derives
//! the ratios once at the end. `docs/relations.md` defines every figure and its biases.

use serde::{Deserialize, Serialize};
use std::ops::AddAssign;

/// Additive sums over de-duplicated events.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Tally {
    pub events: u64,
    /// Events per QuadClass: `[verbal cooperation, material cooperation, verbal conflict, material conflict]`.
    pub quad: [u64; 4],
    pub goldstein_sum: f64,
    pub goldstein_squares: f64,
    /// Σ NumMentions and Σ NumArticles of the events.
    pub mentions: u64,
    pub articles: u64,
    /// Σ over events of the tones of the articles reporting them, and how many (event, article) tones that is.
    pub tone_sum: f64,
    pub tone_articles: u64,
}

impl AddAssign<&Tally> for Tally {
    fn add_assign(&mut self, other: &Tally) {
        self.events += other.events;
        for (mine, theirs) in self.quad.iter_mut().zip(other.quad) {
            *mine += theirs;
        }
        self.goldstein_sum += other.goldstein_sum;
        self.goldstein_squares += other.goldstein_squares;
        self.mentions += other.mentions;
        self.articles += other.articles;
        self.tone_sum += other.tone_sum;
        self.tone_articles += other.tone_articles;
    }
}

/// Figures of one period (or a whole range). Ratios are `None` when their denominator is zero: "no events" is
/// not "neutral".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// De-duplicated fact events.
    pub events: u64,
    /// QuadClass 1–4 counts.
    pub verbal_cooperation: u64,
    pub material_cooperation: u64,
    pub verbal_conflict: u64,
    pub material_conflict: u64,
    /// Σ NumMentions, Σ NumArticles: how much the media reported these events.
    pub mentions: u64,
    pub articles: u64,
    pub goldstein_sum: f64,
    /// The main index: Σ Goldstein / events, in −10 … +10.
    pub goldstein_mean: Option<f64>,
    /// 95 % confidence band of the mean (Student's t; needs two events).
    pub goldstein_low: Option<f64>,
    pub goldstein_high: Option<f64>,
    /// (QuadClass 1 + 2) − (QuadClass 3 + 4).
    pub net_cooperation: i64,
    /// (cooperation − conflict) / (cooperation + conflict), in −1 … +1.
    pub cooperation_share: Option<f64>,
    /// (verbal cooperation − verbal conflict) / (verbal cooperation + verbal conflict).
    pub verbal_share: Option<f64>,
    /// (material cooperation − material conflict) / (material cooperation + material conflict).
    pub material_share: Option<f64>,
    /// verbal_share − material_share: positive when words are warmer than deeds.
    pub rhetoric_action_gap: Option<f64>,
    /// Mean tone of the articles reporting the events (each article once per event it reports).
    pub tone_mean: Option<f64>,
    pub tone_articles: u64,
    /// De-duplicated fact events of every actor pair stored for the same days: the volume the pair's figures
    /// are normalised by. `None` when the client did not ask for it.
    pub all_events: Option<u64>,
    /// 1000 · events / all_events: the pair's share of everything reported over those days, per mille.
    pub events_per_1000: Option<f64>,
    /// The volume-normalised index: 1000 · Goldstein sum / all_events. Unlike the mean it grows with the pair's
    /// activity; unlike the sum it does not grow with the size of the corpus.
    pub goldstein_per_1000: Option<f64>,
}

/// Figures are rounded to this many decimals, so every client shows the same digits.
const DECIMALS: i32 = 4;

pub(crate) fn round(value: f64) -> f64 {
    let scale = 10f64.powi(DECIMALS);
    let rounded = (value * scale).round() / scale;
    if rounded == 0.0 { 0.0 } else { rounded } // no "-0"
}

fn share(plus: u64, minus: u64) -> Option<f64> {
    let total = plus + minus;
    (total > 0).then(|| round((plus as f64 - minus as f64) / total as f64))
}

/// Two-sided 97.5 % quantile of Student's t with `df` degrees of freedom (table to 30, then interpolated in
/// 1/df towards the normal 1.96).
pub fn t_quantile_975(df: u64) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];
    const TAIL: [(f64, f64); 4] = [(30.0, 2.042), (60.0, 2.000), (120.0, 1.980), (f64::INFINITY, 1.960)];
    match df {
        0 => f64::NAN,
        1..=30 => TABLE[df as usize - 1],
        _ => {
            let x = 1.0 / df as f64;
            for pair in TAIL.windows(2) {
                let ((d0, t0), (d1, t1)) = (pair[0], pair[1]);
                if df as f64 <= d1 {
                    let (x0, x1) = (1.0 / d0, 1.0 / d1);
                    return t0 + (t1 - t0) * (x0 - x) / (x0 - x1);
                }
            }
            1.960
        }
    }
}

impl Tally {
    pub fn cooperation(&self) -> u64 {
        self.quad[0] + self.quad[1]
    }

    pub fn conflict(&self) -> u64 {
        self.quad[2] + self.quad[3]
    }

    /// Adds one de-duplicated event.
    #[allow(clippy::too_many_arguments)]
    pub fn add_event(
        &mut self,
        quad_class: u8,
        goldstein: f64,
        mentions: u64,
        articles: u64,
        tone_sum: f64,
        tone_articles: u64,
    ) {
        self.events += 1;
        if (1..=4).contains(&quad_class) {
            self.quad[quad_class as usize - 1] += 1;
        }
        self.goldstein_sum += goldstein;
        self.goldstein_squares += goldstein * goldstein;
        self.mentions += mentions;
        self.articles += articles;
        self.tone_sum += tone_sum;
        self.tone_articles += tone_articles;
    }

    pub fn goldstein_mean(&self) -> Option<f64> {
        (self.events > 0).then(|| self.goldstein_sum / self.events as f64)
    }

    /// The figures without the volume-normalised ones.
    pub fn figures(&self) -> Figures {
        self.figures_within(None)
    }

    /// The figures, normalised by `all_events`: the de-duplicated fact events of every pair over the same days
    /// (`None`: not normalised). With `Some(0)` the normalised figures are `None`, as every ratio without a
    /// denominator.
    pub fn figures_within(&self, all_events: Option<u64>) -> Figures {
        let per_1000 = |value: f64| all_events.filter(|&all| all > 0).map(|all| round(1000.0 * value / all as f64));
        let mean = self.goldstein_mean();
        let band = match mean {
            Some(mean) if self.events >= 2 => {
                let n = self.events as f64;
                let variance = ((self.goldstein_squares - n * mean * mean) / (n - 1.0)).max(0.0);
                let half = t_quantile_975(self.events - 1) * (variance / n).sqrt();
                Some((round(mean - half), round(mean + half)))
            }
            _ => None,
        };
        let verbal_share = share(self.quad[0], self.quad[2]);
        let material_share = share(self.quad[1], self.quad[3]);
        Figures {
            events: self.events,
            verbal_cooperation: self.quad[0],
            material_cooperation: self.quad[1],
            verbal_conflict: self.quad[2],
            material_conflict: self.quad[3],
            mentions: self.mentions,
            articles: self.articles,
            goldstein_sum: round(self.goldstein_sum),
            goldstein_mean: mean.map(round),
            goldstein_low: band.map(|b| b.0),
            goldstein_high: band.map(|b| b.1),
            net_cooperation: self.cooperation() as i64 - self.conflict() as i64,
            cooperation_share: share(self.cooperation(), self.conflict()),
            verbal_share,
            material_share,
            rhetoric_action_gap: verbal_share.zip(material_share).map(|(v, m)| round(v - m)),
            tone_mean: (self.tone_articles > 0).then(|| round(self.tone_sum / self.tone_articles as f64)),
            tone_articles: self.tone_articles,
            all_events,
            events_per_1000: per_1000(self.events as f64),
            goldstein_per_1000: per_1000(self.goldstein_sum),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(events: &[(u8, f64)]) -> Tally {
        let mut t = Tally::default();
        for &(quad, goldstein) in events {
            t.add_event(quad, goldstein, 2, 1, 1.5, 1);
        }
        t
    }

    #[test]
    fn empty_tally_has_zero_counts_and_no_ratios() {
        let f = Tally::default().figures();
        assert_eq!((f.events, f.net_cooperation, f.goldstein_sum), (0, 0, 0.0));
        assert_eq!((f.goldstein_mean, f.cooperation_share, f.tone_mean, f.goldstein_low), (None, None, None, None));
    }

    #[test]
    fn figures_follow_their_formulas() {
        // Two verbal cooperations, one material cooperation, one material conflict.
        let f = tally(&[(1, 1.0), (1, 3.0), (2, 8.0), (4, -10.0)]).figures();
        assert_eq!(
            (f.verbal_cooperation, f.material_cooperation, f.verbal_conflict, f.material_conflict),
            (2, 1, 0, 1)
        );
        assert_eq!(f.goldstein_sum, 2.0);
        assert_eq!(f.goldstein_mean, Some(0.5));
        assert_eq!(f.net_cooperation, 2);
        assert_eq!(f.cooperation_share, Some(0.5));
        assert_eq!(f.verbal_share, Some(1.0));
        assert_eq!(f.material_share, Some(0.0));
        assert_eq!(f.rhetoric_action_gap, Some(1.0));
        assert_eq!((f.mentions, f.articles, f.tone_articles, f.tone_mean), (8, 4, 4, Some(1.5)));
        // s² = (1 + 9 + 64 + 100 − 4·0.25) / 3 = 57.6667; half band = 3.182 · √(57.6667 / 4) = 12.0818
        assert_eq!((f.goldstein_low, f.goldstein_high), (Some(-11.5818), Some(12.5818)));
    }

    #[test]
    fn volume_normalised_figures_divide_by_every_pair_events() {
        let pair = tally(&[(1, 3.0), (2, 7.0), (4, -10.0), (3, -2.0)]);
        assert_eq!(pair.figures().all_events, None);
        assert_eq!((pair.figures().events_per_1000, pair.figures().goldstein_per_1000), (None, None));
        // 4 of 50 events, Goldstein sum −2: 80 ‰ of the volume, −40 per 1,000 events.
        let f = pair.figures_within(Some(50));
        assert_eq!((f.all_events, f.events_per_1000, f.goldstein_per_1000), (Some(50), Some(80.0), Some(-40.0)));
        // The same pair in a corpus twice as large: the sum and the mean stay, the normalised index halves.
        let larger = pair.figures_within(Some(100));
        assert_eq!((larger.goldstein_sum, larger.goldstein_mean), (f.goldstein_sum, f.goldstein_mean));
        assert_eq!(larger.goldstein_per_1000, Some(-20.0));
        let empty = Tally::default().figures_within(Some(0));
        assert_eq!((empty.all_events, empty.events_per_1000, empty.goldstein_per_1000), (Some(0), None, None));
    }

    #[test]
    fn one_event_has_a_mean_but_no_band() {
        let f = tally(&[(3, -2.0)]).figures();
        assert_eq!((f.goldstein_mean, f.goldstein_low, f.cooperation_share), (Some(-2.0), None, Some(-1.0)));
        assert_eq!(f.rhetoric_action_gap, None, "no material events: no gap");
    }

    #[test]
    fn t_quantiles_fall_towards_the_normal() {
        assert_eq!(t_quantile_975(1), 12.706);
        assert_eq!(t_quantile_975(30), 2.042);
        assert!((t_quantile_975(60) - 2.0).abs() < 1e-9);
        let mut last = f64::INFINITY;
        for df in 1..2_000 {
            let t = t_quantile_975(df);
            assert!(t <= last && t >= 1.96, "df {df}: {t}");
            last = t;
        }
    }

    proptest::proptest! {
        /// Adding tallies equals tallying the union, and every ratio stays in its range.
        #[test]
        fn tallies_add_up_and_ratios_stay_bounded(
            a in proptest::collection::vec((1u8..=4, -10.0f64..=10.0), 0..40),
            b in proptest::collection::vec((1u8..=4, -10.0f64..=10.0), 0..40),
        ) {
            let mut sum = tally(&a);
            sum += &tally(&b);
            let all: Vec<_> = a.iter().chain(&b).copied().collect();
            let whole = tally(&all);
            proptest::prop_assert_eq!(sum.events, whole.events);
            proptest::prop_assert_eq!(sum.quad, whole.quad);
            proptest::prop_assert!((sum.goldstein_sum - whole.goldstein_sum).abs() < 1e-9);
            let f = whole.figures();
            for share in [f.cooperation_share, f.verbal_share, f.material_share].into_iter().flatten() {
                proptest::prop_assert!((-1.0..=1.0).contains(&share));
            }
            let all = whole.events + a.len() as u64;
            let normalised = whole.figures_within(Some(all));
            if let Some(per_1000) = normalised.events_per_1000 { proptest::prop_assert!((0.0..=1000.0).contains(&per_1000)); }
            if let Some(index) = normalised.goldstein_per_1000 { proptest::prop_assert!((-10_000.0..=10_000.0).contains(&index)); }
            if let Some(gap) = f.rhetoric_action_gap { proptest::prop_assert!((-2.0..=2.0).contains(&gap)); }
            if let Some(mean) = f.goldstein_mean {
                proptest::prop_assert!((-10.0..=10.0).contains(&mean));
                if let (Some(low), Some(high)) = (f.goldstein_low, f.goldstein_high) {
                    proptest::prop_assert!(low <= mean && mean <= high);
                }
            }
        }
    }
}
