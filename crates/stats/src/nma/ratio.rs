//! A log ratio (hazard, odds, rate or risk ratio) and its SE from what a trial report
//! prints, for the ratio input of `trialstats nma` and for `trialstats convert ratio`:
//!
//! * a ratio with its confidence interval: SE = (ln upper − ln lower)/(2·z) (Cochrane Handbook
//!   §6.3.2, through [`crate::effect::convert::se_from_ci`]);
//! * a ratio with its two-sided p: SE = |ln ratio| / z(1 − p/2) (§6.3.1,
//!   [`crate::effect::convert::se_from_p`]);
//! * observed minus expected events and the log-rank variance V: ln HR = (O − E)/V,
//!   SE = 1/√V (Parmar, Torri & Stewart 1998, *Stat Med* 17:2815; Tierney et al. 2007,
//!   *Trials* 8:16, method 1);
//! * the total number of events D and the log-rank p, with the direction from a printed
//!   ratio: V ≈ D/4 (1:1 allocation), ln HR = ±z(1 − p/2)/√V (Tierney et al. 2007, methods
//!   on p-values and events).

use crate::effect::convert::{se_from_ci, se_from_p};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use serde::Serialize;

/// What a report gives about one ratio.
#[derive(Debug, Clone, Default)]
pub struct ReportedRatio {
    pub estimate: Option<f64>,
    pub ci_lower: Option<f64>,
    pub ci_upper: Option<f64>,
    pub p: Option<f64>,
    pub o_minus_e: Option<f64>,
    pub variance: Option<f64>,
    pub events: Option<f64>,
}

/// The log ratio, its SE and how the SE was obtained.
#[derive(Debug, Clone, Serialize)]
pub struct LogRatio {
    pub log_ratio: f64,
    pub se: f64,
    pub ratio: f64,
    pub method: String,
}

impl crate::output::Tabular for LogRatio {
    fn table(&self) -> crate::output::Table {
        use crate::output::{Cell, Table};
        // Full precision: these are the numbers a user copies into an analysis.
        let number = |x: f64| Cell::Text(format!("{x}"));
        Table {
            header: vec!["item".into(), "value".into()],
            rows: vec![
                vec!["log ratio".into(), number(self.log_ratio)],
                vec!["se".into(), number(self.se)],
                vec!["ratio".into(), number(self.ratio)],
                vec!["method".into(), Cell::Text(self.method.clone())],
            ],
        }
    }
}

/// Convert, trying the CI, then the p-value, then O − E with V, then events with p. Errors
/// name the field (`estimate`, `ci-lower`, ...), which callers map to a column or option.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::nma::ratio::{log_ratio, ReportedRatio};
/// // SAkuraStar: "hazard ratio [HR] 0.45; 95% confidence interval [CI] 0.23–0.89". By the
/// // Cochrane Handbook (6.3.2): R: log(0.45) and (log(0.89) - log(0.23)) / (2 * qnorm(0.975))
/// // = 0.34527…
/// let reported = ReportedRatio { estimate: Some(0.45), ci_lower: Some(0.23), ci_upper: Some(0.89), ..Default::default() };
/// let l = log_ratio(&reported, ConfidenceLevel::NINETY_FIVE)?;
/// assert!((l.log_ratio - 0.45f64.ln()).abs() < 1e-15);
/// assert!((l.se - (0.89f64.ln() - 0.23f64.ln()) / (2.0 * 1.959963984540054)).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn log_ratio(r: &ReportedRatio, level: ConfidenceLevel) -> Result<LogRatio> {
    if let Some(est) = r.estimate {
        if est.is_nan() || est <= 0.0 {
            return Err(Error::input(
                "estimate",
                format!(
                    "a ratio must be greater than 0 (got {est}); give the ratio itself, not its logarithm"
                ),
            ));
        }
    }
    match (r.estimate, r.ci_lower, r.ci_upper) {
        (Some(est), Some(lo), Some(hi)) => return from_ci(est, lo, hi, level),
        (_, Some(_), None) | (_, None, Some(_)) => {
            return Err(Error::input(
                "ci-upper",
                "only one limit of the interval is given; give both, or neither",
            ));
        }
        _ => {}
    }
    if let (Some(oe), Some(v)) = (r.o_minus_e, r.variance) {
        if v.is_nan() || v <= 0.0 {
            return Err(Error::input(
                "variance",
                format!("the log-rank variance must be greater than 0 (got {v})"),
            ));
        }
        let l = oe / v;
        return Ok(LogRatio {
            log_ratio: l,
            se: 1.0 / v.sqrt(),
            ratio: l.exp(),
            method: "ln HR = (O − E)/V, SE = 1/√V (Parmar 1998)".into(),
        });
    }
    match (r.estimate, r.p, r.events) {
        (Some(est), Some(p), None) => {
            if est == 1.0 {
                return Err(Error::input(
                    "estimate",
                    "a ratio of exactly 1 with a p-value gives no SE; give its CI",
                ));
            }
            let se = se_from_p(est.ln(), p, None)?;
            Ok(LogRatio {
                log_ratio: est.ln(),
                se,
                ratio: est,
                method: "SE from the two-sided p (z test)".into(),
            })
        }
        (Some(est), Some(p), Some(d)) => from_events_and_p(est, p, d),
        _ => Err(Error::input(
            "estimate",
            "not enough to give a log ratio and its SE: give the ratio with its CI, or with its p-value (and the events for a log-rank p), or O − E with its variance",
        )),
    }
}

/// The log ratio from a ratio and its confidence interval at `level`: SE = (ln upper − ln
/// lower)/(2·z) (Cochrane Handbook §6.3.2); an error when the interval cannot be right.
fn from_ci(est: f64, lo: f64, hi: f64, level: ConfidenceLevel) -> Result<LogRatio> {
    let pct = crate::output::human_number(level.percent());
    if lo <= 0.0 {
        return Err(Error::input(
            "ci-lower",
            format!("a ratio's lower limit must be greater than 0 (got {lo})"),
        ));
    }
    if !(lo <= est && est <= hi) {
        return Err(Error::input(
            "ci-lower",
            format!(
                "the interval [{lo}, {hi}] does not contain its estimate {est}; check the columns' order and the transcription"
            ),
        ));
    }
    let se = se_from_ci(lo, hi, level, None, true)?;
    Ok(LogRatio {
        log_ratio: est.ln(),
        se,
        ratio: est,
        method: format!("SE from the {pct}% CI on the log scale"),
    })
}

/// The log hazard ratio from the total events `d` and the log-rank p, its sign from the
/// printed ratio: V ≈ D/4, ln HR = ±z(1 − p/2)/√V (Tierney et al. 2007).
fn from_events_and_p(est: f64, p: f64, d: f64) -> Result<LogRatio> {
    if !(d.is_finite() && d > 0.0) {
        return Err(Error::input(
            "events",
            format!("the number of events must be greater than 0 (got {d})"),
        ));
    }
    if !(p > 0.0 && p < 1.0) {
        return Err(Error::input(
            "p",
            format!("the p-value must be strictly between 0 and 1 (got {p})"),
        ));
    }
    let v = d / 4.0;
    let z = -crate::dist::qnorm(p / 2.0);
    let l = est.ln().signum() * z / v.sqrt();
    Ok(LogRatio {
        log_ratio: l,
        se: 1.0 / v.sqrt(),
        ratio: l.exp(),
        method: "ln HR from the log-rank p and events, V = events/4 (Tierney 2007); the printed ratio gives only the direction".into(),
    })
}
