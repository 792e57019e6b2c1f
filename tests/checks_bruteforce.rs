//! The checks against an independent reference: brute-force enumeration of every possible
//! sample (every multiset of `n` values on a small scale), with mean and SD computed in
//! floating point and "rounds to" taken as `|value − reported| ≤ half a unit of the last
//! decimal (+1e−9)`, i.e. ties either way (the default `up-or-down` rule).
//!
//! - GRIM must say "possible" exactly when some sample's mean rounds to the reported mean.
//! - SPRITE's exhaustive search must find exactly the samples whose mean and SD both round.
//! - DEBIT must say "possible" exactly when some 0/1 sample reproduces mean and SD.
//! - GRIMMER and the bounds check are necessary conditions: whenever a sample exists they
//!   must say "possible".

use trialstats::checks::bounds::bounds;
use trialstats::checks::debit::debit;
use trialstats::checks::grim::grim;
use trialstats::checks::grimmer::grimmer;
use trialstats::checks::sprite::{SpriteRequest, sprite};
use trialstats::checks::{Grid, Rounding};
use trialstats::reported::SpreadKind;
use trialstats::reported::{ReportedNumber, Scale};

/// Every multiset of `n` values from `levels` (non-decreasing sequences).
fn multisets(n: usize, levels: &[f64]) -> Vec<Vec<f64>> {
    fn go(start: usize, left: usize, levels: &[f64], cur: &mut Vec<f64>, out: &mut Vec<Vec<f64>>) {
        if left == 0 {
            out.push(cur.clone());
            return;
        }
        for i in start..levels.len() {
            cur.push(levels[i]);
            go(i, left - 1, levels, cur, out);
            cur.pop();
        }
    }
    let mut out = Vec::new();
    go(0, n, levels, &mut Vec::new(), &mut out);
    out
}

fn mean_sd(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let m = x.iter().sum::<f64>() / n;
    let v = x.iter().map(|y| (y - m) * (y - m)).sum::<f64>() / (n - 1.0);
    (m, v.sqrt())
}

fn rounds_to(x: f64, reported: f64, decimals: i32) -> bool {
    (x - reported).abs() <= 0.5 * 10f64.powi(-decimals) + 1e-9
}

fn rv(t: &str) -> ReportedNumber {
    ReportedNumber::parse(t, "test").unwrap()
}

/// Run all comparisons for samples of size `n` on `levels` (a grid `step` from `min` to `max`),
/// for reported means and SDs with `decimals` decimals.
fn compare(n: usize, min: &str, max: &str, step: &str, decimals: i32, max_sd: f64) {
    let lo: f64 = min.parse().unwrap();
    let hi: f64 = max.parse().unwrap();
    let h: f64 = step.parse().unwrap();
    let count = ((hi - lo) / h).round() as usize + 1;
    let levels: Vec<f64> = (0..count).map(|i| lo + i as f64 * h).collect();
    let samples: Vec<(f64, f64)> = multisets(n, &levels).iter().map(|x| mean_sd(x)).collect();
    let grid = Grid::new(&rv(step), 1, "--step").unwrap();
    let scale = Scale::new(Some(rv(min)), Some(rv(max)), Some(rv(step))).unwrap();
    let unit = 10f64.powi(-decimals);
    let d = decimals as usize;
    let means = ((hi - lo) / unit).round() as i64;
    let sds = (max_sd / unit).round() as i64;
    for i in 0..=means {
        let m = lo + i as f64 * unit;
        let m_text = format!("{m:.d$}");
        let mean = rv(&m_text);
        let expect_mean = samples.iter().any(|(sm, _)| rounds_to(*sm, m, decimals));
        let g = grim(&mean, n as u64, grid, Rounding::UpOrDown).unwrap();
        // On a bounded scale GRIM alone ignores the bounds, so compare inside the scale only.
        assert_eq!(
            g.status.possible(),
            expect_mean,
            "GRIM {m_text}, n = {n}, step {step}"
        );
        for j in 0..=sds {
            let s = j as f64 * unit;
            let s_text = format!("{s:.d$}");
            let sd = rv(&s_text);
            let matching = samples
                .iter()
                .filter(|(sm, ss)| rounds_to(*sm, m, decimals) && rounds_to(*ss, s, decimals))
                .count() as u64;
            let req = SpriteRequest {
                kind: SpreadKind::Sd,
                mean: mean.clone(),
                sd: sd.clone(),
                n: n as u64,
                scale: scale.clone(),
                samples: 1,
                seed: 1,
                random_fallback: false,
                rounding: Rounding::UpOrDown,
            };
            let sp = sprite(&req).unwrap();
            let what = format!("{m_text} ± {s_text}, n = {n}, scale {min}..{max} by {step}");
            assert!(sp.complete, "SPRITE not complete for {what}");
            assert_eq!(sp.total_samples, Some(matching), "SPRITE count for {what}");
            if min == "0" && max == "1" && step == "1" {
                // DEBIT is exact on 0/1 data: possible iff some sample exists.
                let db = debit(&mean, &sd, n as u64, Rounding::UpOrDown).unwrap();
                assert_eq!(
                    db.status.possible(),
                    matching > 0,
                    "DEBIT {what}: {}",
                    db.detail
                );
            }
            if matching > 0 {
                let gr = grimmer(
                    &mean,
                    &sd,
                    SpreadKind::Sd,
                    n as u64,
                    grid,
                    Rounding::UpOrDown,
                )
                .unwrap();
                assert!(
                    gr.status.possible(),
                    "GRIMMER rejects a possible {what}: {}",
                    gr.detail
                );
                let b = bounds(
                    &mean,
                    Some(&sd),
                    SpreadKind::Sd,
                    n as u64,
                    &scale,
                    Rounding::UpOrDown,
                )
                .unwrap();
                assert!(
                    b.status.possible(),
                    "bounds reject a possible {what}: {}",
                    b.detail
                );
            }
        }
    }
}

#[test]
fn integer_scale_one_decimal() {
    for n in 2..=6 {
        compare(n, "0", "5", "1", 1, 3.0);
    }
}

#[test]
fn integer_scale_two_decimals() {
    compare(4, "1", "4", "1", 2, 1.8);
}

#[test]
fn half_point_scale() {
    for n in 2..=4 {
        compare(n, "0", "3", "0.5", 1, 1.8);
    }
}

#[test]
fn binary_outcomes() {
    for n in 2..=12 {
        compare(n, "0", "1", "1", 2, 0.75);
    }
}

proptest::proptest! {
    /// GRIM for any mean with 0–3 decimals and n up to 500, on steps of 1, 0.5 or 1/3
    /// (three items): possible iff some k·step/n lies within half a unit of the last decimal
    /// (k searched by brute force around mean·n/step, in floating point).
    #[test]
    fn grim_matches_brute_force(scaled in -20_000i64..20_000, decimals in 0u32..4, n in 1u64..500, grid_kind in 0usize..3) {
        let text = if decimals == 0 {
            scaled.to_string()
        } else {
            let s = 10i64.pow(decimals);
            let sign = if scaled < 0 { "-" } else { "" };
            format!("{sign}{}.{:0width$}", scaled.abs() / s, scaled.abs() % s, width = decimals as usize)
        };
        let (step, items, h) = [("1", 1, 1.0), ("0.5", 1, 0.5), ("1", 3, 1.0 / 3.0)][grid_kind];
        let x: f64 = text.parse().unwrap();
        let half = 0.5 * 10f64.powi(-(decimals as i32));
        let centre = (x * n as f64 / h).round() as i64;
        let expected = (centre - 3..=centre + 3).any(|k| (k as f64 * h / n as f64 - x).abs() <= half + 1e-9);
        let grid = Grid::new(&rv(step), items, "--step").unwrap();
        let g = grim(&rv(&text), n, grid, Rounding::UpOrDown).unwrap();
        proptest::prop_assert_eq!(g.status.possible(), expected, "{} n={} step={} items={}", text, n, step, items);
    }
}

/// SPRITE with a spread read as an SEM: its exhaustive search must find exactly the samples
/// whose mean rounds to the printed mean and whose SD/√n rounds to the printed SEM (every
/// multiset of 5 values on 0..6, means and SEMs with one decimal).
#[test]
fn sprite_of_an_sem_finds_exactly_the_samples_whose_sem_rounds() {
    let n = 5usize;
    let levels: Vec<f64> = (0..=6).map(f64::from).collect();
    let samples: Vec<(f64, f64)> = multisets(n, &levels)
        .iter()
        .map(|x| {
            let (m, sd) = mean_sd(x);
            (m, sd / (n as f64).sqrt())
        })
        .collect();
    let scale = Scale::new(Some(rv("0")), Some(rv("6")), Some(rv("1"))).unwrap();
    for i in 0..=60 {
        let m = f64::from(i) / 10.0;
        let m_text = format!("{m:.1}");
        for j in 0..=16 {
            let s = f64::from(j) / 10.0;
            let s_text = format!("{s:.1}");
            let matching = samples
                .iter()
                .filter(|(sm, se)| rounds_to(*sm, m, 1) && rounds_to(*se, s, 1))
                .count() as u64;
            let req = SpriteRequest {
                kind: SpreadKind::Sem,
                mean: rv(&m_text),
                sd: rv(&s_text),
                n: n as u64,
                scale: scale.clone(),
                samples: 1,
                seed: 1,
                random_fallback: false,
                rounding: Rounding::UpOrDown,
            };
            let sp = sprite(&req).unwrap();
            assert!(sp.complete, "{m_text} ± {s_text} (SEM)");
            assert_eq!(
                sp.total_samples,
                Some(matching),
                "SPRITE count for {m_text} ± {s_text} (SEM), n = {n}"
            );
        }
    }
}
