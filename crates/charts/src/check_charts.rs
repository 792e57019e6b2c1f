//! The charts of `check`: the p-values of a baseline table's variables against the uniform
//! distribution they follow when arms are randomised (simdistr's cumulative-frequency plot).

use crate::plot::{PowerSweepChart, PowerSweepSeries};
use trialstats_stats::checks::baseline::BaselineCheck;

/// The cumulative proportion of variables at or below each p, for `anova_p` and `similar_p`,
/// with the diagonal that randomised arms follow. Points above the diagonal at small p: more
/// small p-values than chance gives.
pub fn baseline_chart(check: &BaselineCheck, title: &str) -> PowerSweepChart {
    let cumulative = |mut ps: Vec<f64>| -> Vec<(f64, f64)> {
        ps.sort_by(f64::total_cmp);
        let n = ps.len() as f64;
        let mut points = vec![(0.0, 0.0)];
        points.extend(ps.iter().enumerate().map(|(i, p)| (*p, (i + 1) as f64 / n)));
        points
    };
    PowerSweepChart {
        title: title.to_string(),
        subtitle: format!(
            "{} variables, {} trials; {} simulations (seed {}); a small p is a reason to look",
            check.variables.len(),
            check.trials.len(),
            check.simulations,
            check.seed
        ),
        x_label: "p-value".into(),
        y_label: "cumulative proportion of variables".into(),
        series: vec![
            PowerSweepSeries {
                label: "uniform (randomised arms)".into(),
                points: vec![(0.0, 0.0), (1.0, 1.0)],
            },
            PowerSweepSeries {
                label: "similar_p (small: arms too alike)".into(),
                points: cumulative(check.variables.iter().map(|v| v.similar_p).collect()),
            },
            PowerSweepSeries {
                label: "anova_p (small: arms too different)".into(),
                points: cumulative(check.variables.iter().map(|v| v.anova_p).collect()),
            },
        ],
    }
}
