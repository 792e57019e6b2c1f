//! Estimators of the between-study variance τ², as metafor's `rma.uni(method = ...)`, with the
//! standard errors metafor reports for them. All O(k·p²) through [`WeightedFit`].
//!
//! * DL — DerSimonian & Laird (1986), method of moments with inverse-variance weights; with
//!   moderators Raudenbush (2009, eq. 16.29).
//! * HE — Hedges (1983), method of moments with unit weights.
//! * HS — Hunter & Schmidt (2004): `(Q − k) / Σ wᵢ` (Viechtbauer 2005, eq. 9).
//! * SJ — Sidik & Jonkman (2005), one step from `τ₀² = Σ(yᵢ − ȳ)²/k`.
//! * ML / REML — the roots of the (restricted) likelihood score (Viechtbauer 2005, eqs. 11–12),
//!   truncated at 0.
//! * PM / EB — Paule & Mandel (1982) and Morris's empirical Bayes (1983): both the root of
//!   the generalised Q statistic `Q(τ²) = k − p` (Viechtbauer et al. 2015), truncated at 0.
//! * PMM — the root of `Q(τ²)` = the median of χ²(k − p) (metafor's median-unbiased PM).
//! * HSk — Hunter–Schmidt with `k/(k − p) Q`; DLIT and SJIT — the fixed points of the iterated
//!   DL and SJ updates, as metafor's methods of those names. Both are the PM root: metafor
//!   (since 4.6) iterates DL as the generalised-Q estimator `(Q(τ²) − tr(PV)) / tr(P)` with
//!   weights `1/(vᵢ + τ²)`, and at a fixed point `tr(PV) + τ² tr(P) = tr(P W⁻¹) = k − p`, so
//!   `Q(τ²) = k − p`. (metafor ≤ 4.4 subtracted `k − p` in place of `tr(PV)`, whose fixed point
//!   differs; its own tests now give the PM value, e.g. τ² = 0.3181 on the BCG data.)
//!
//! Standard errors follow the large-sample formulas in metafor's documentation (the variance
//! of a quadratic form, `Var(y'Ay) = 2 tr(AΣAΣ)`), using the estimate truncated at 0.

use super::gls::{Moments, WeightedFit};
use super::likelihood;
use super::moderators::ModelMatrix;
use super::spec::Method;
use crate::dist::qchisq;
use crate::error::{Error, Result};
use crate::root::safeguarded_newton;

/// An estimate of τ² with its standard error where metafor gives one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tau2Estimate {
    /// τ² (never negative).
    pub tau2: f64,
    /// Its standard error (absent for FE and k = 1).
    pub se: Option<f64>,
}

/// Estimate τ² for `method`, with its standard error. Needs `k ≥ p + 1` (checked by the
/// caller) unless `k = 1`.
pub fn estimate(
    method: Method,
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
) -> Result<Tau2Estimate> {
    let tau2 = point(method, design, y, v)?;
    let se = standard_error(method, design, y, v, tau2)?;
    Ok(Tau2Estimate { tau2, se })
}

/// τ² alone for `method` (what [`estimate`] gives without the standard error): for callers
/// that only need the pooled estimate, as trim and fill's iterations.
pub fn point(method: Method, design: &ModelMatrix, y: &[f64], v: &[f64]) -> Result<f64> {
    let k = design.n as f64;
    let p = design.p as f64;
    if let Method::Fixed(t) = method {
        return Ok(t.get());
    }
    if method == Method::FE || design.n == 1 {
        return Ok(0.0);
    }
    let df = k - p;
    match method {
        Method::FE => Ok(0.0),
        Method::DL => {
            let fe = WeightedFit::inverse_variance(design, y, v, 0.0)?;
            Ok(((fe.rss() - df) / fe.trace_pd(design, None)).max(0.0))
        }
        Method::HS | Method::HSk => {
            let fe = WeightedFit::inverse_variance(design, y, v, 0.0)?;
            // HSk: metafor's `(k/(k − p) RSS − k) / Σwᵢ`.
            let factor = if method == Method::HSk { k / df } else { 1.0 };
            Ok(((factor * fe.rss() - k) / fe.sum_weights()).max(0.0))
        }
        Method::HE => hedges_point(design, y, v),
        Method::SJ | Method::SJStart(_) => {
            let tau0 = sj_start(method, y);
            let fit = WeightedFit::inverse_variance(design, y, v, tau0)?;
            Ok((tau0 * fit.rss() / df).max(0.0))
        }
        Method::Fixed(t) => Ok(t.get()),
        Method::ML | Method::REML => {
            let start = hedges_point(design, y, v)?;
            likelihood::maximise(design, y, v, method == Method::REML, start)
        }
        Method::PM | Method::EB | Method::SJIT | Method::DLIT => {
            generalised_q_root(design, y, v, df, 0.0, method.name())
        }
        Method::PMM => generalised_q_root(design, y, v, qchisq(0.5, df), 0.0, method.name()),
        Method::GENQ => Err(needs_weights()),
    }
}

fn needs_weights() -> Error {
    Error::field(
        "method",
        "GENQ estimates tau^2 with the user's weights; give them with {field:weights} COL",
    )
}

/// The generalised Q estimator with weights `a` (DerSimonian & Kacker 2007, metafor's
/// `GENQ`): with `P = A − AX(X'AX)⁻¹X'A`, `τ̂² = max(0, (y'Py − tr(PV)) / tr(P))`, and its SE
/// `√(2 tr(PVPV) + 4τ̂² tr(PVP) + 2τ̂⁴ tr(PP)) / tr(P)` (metafor's formula).
pub fn generalised_q(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    a: &[f64],
) -> Result<Tau2Estimate> {
    let fit = WeightedFit::new(design, y, a.to_vec())?;
    let tr_p = fit.trace_pd(design, None);
    let tau2 = ((fit.rss() - fit.trace_pd(design, Some(v))) / tr_p).max(0.0);
    let se = (2.0 * fit.trace_pdpd(design, Some(v), Some(v))
        + 4.0 * tau2 * fit.trace_pdpd(design, Some(v), None)
        + 2.0 * tau2 * tau2 * fit.trace_pdpd(design, None, None))
    .sqrt()
        / tr_p;
    Ok(Tau2Estimate {
        tau2,
        se: (design.n > 1).then_some(se),
    })
}

/// The standard error metafor reports for the estimate `tau2` of `method` (`None` for FE and
/// k = 1): the large-sample formulas of the module's doc, each from the fit it is based on.
fn standard_error(
    method: Method,
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    tau2: f64,
) -> Result<Option<f64>> {
    let k = design.n as f64;
    let p = design.p as f64;
    if method == Method::FE || method.is_fixed() || design.n == 1 {
        return Ok(None);
    }
    let df = k - p;
    let se = match method {
        Method::FE => return Ok(None),
        Method::DL | Method::HS | Method::HSk => {
            let fit = WeightedFit::inverse_variance(design, y, v, 0.0)?;
            let tr_p = fit.trace_pd(design, None);
            let tr_pp = fit.trace_pdpd(design, None, None);
            let scale = match method {
                Method::DL => tr_p,
                // HSk: k/(k − p) times the HS standard error.
                Method::HSk => fit.sum_weights() * df / k,
                _ => fit.sum_weights(),
            };
            (2.0 * df + 4.0 * tau2 * tr_p + 2.0 * tau2 * tau2 * tr_pp).sqrt() / scale
        }
        Method::HE => {
            let ols = WeightedFit::new(design, y, vec![1.0; design.n])?;
            let tr_pv = ols.trace_pd(design, Some(v));
            let tr_pvpv = ols.trace_pdpd(design, Some(v), Some(v));
            (2.0 * tr_pvpv + 4.0 * tau2 * tr_pv + 2.0 * tau2 * tau2 * df).sqrt() / df
        }
        // A fixed τ² has no sampling variance (metafor prints the SE of its `method` at the
        // fixed value; a parameter that is not estimated has none).
        Method::Fixed(_) => return Ok(None),
        Method::SJ | Method::SJStart(_) => {
            let tau0 = sj_start(method, y);
            let fit = WeightedFit::inverse_variance(design, y, v, tau0)?;
            let tr_pvpv = fit.trace_pdpd(design, Some(v), Some(v));
            let tr_pvp = fit.trace_pdpd(design, Some(v), None);
            let tr_pp = fit.trace_pdpd(design, None, None);
            tau0 / df * (2.0 * tr_pvpv + 4.0 * tau2 * tr_pvp + 2.0 * tau2 * tau2 * tr_pp).sqrt()
        }
        Method::ML | Method::REML => {
            let fit = WeightedFit::inverse_variance(design, y, v, tau2)?;
            let info = if method == Method::REML {
                fit.trace_pdpd(design, None, None)
            } else {
                fit.weights.iter().map(|w| w * w).sum()
            };
            (2.0 / info).sqrt()
        }
        Method::PM | Method::EB | Method::PMM | Method::SJIT | Method::DLIT => {
            let sw: f64 = v.iter().map(|vi| 1.0 / (vi + tau2)).sum();
            (2.0 * k * k / df).sqrt() / sw
        }
        Method::GENQ => return Err(needs_weights()),
    };
    Ok(Some(se))
}

/// Hedges' estimator with unit weights: `(Σ rᵢ² − tr(P V)) / (k − p)` where `r` are OLS
/// residuals (Raudenbush 2009, eq. 16.25).
fn hedges_point(design: &ModelMatrix, y: &[f64], v: &[f64]) -> Result<f64> {
    let df = (design.n - design.p) as f64;
    let ols = WeightedFit::new(design, y, vec![1.0; design.n])?;
    Ok(((ols.rss() - ols.trace_pd(design, Some(v))) / df).max(0.0))
}

/// The Sidik–Jonkman starting value: the given one, else `Σ (yᵢ − ȳ)² / k`.
fn sj_start(method: Method, y: &[f64]) -> f64 {
    match method {
        Method::SJStart(t) => t.get(),
        _ => mean_squared_deviation(y),
    }
}

/// `Σ (yᵢ − ȳ)² / k`.
fn mean_squared_deviation(y: &[f64]) -> f64 {
    let n = y.len() as f64;
    let mean = y.iter().sum::<f64>() / n;
    y.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n
}

/// The τ² ≥ 0 at which the generalised Q statistic equals `target` (0 if Q(0) ≤ target),
/// by safeguarded Newton steps from `start` (Q is convex and decreasing in τ², with
/// `Q'(τ²) = −y'PPy`, so Newton steps from the left of the root approach it monotonically;
/// the sign-change bracket of [`safeguarded_newton`] bounds the work whatever the data). The
/// bracket's right end, when needed, is `RSS_OLS / target`, beyond which
/// `Q(τ²) ≤ RSS_OLS / (min vᵢ + τ²) < target` (`RSS_OLS` is the unweighted residual sum of
/// squares, which no weighted fit can beat on its own scale).
pub fn generalised_q_root(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    target: f64,
    start: f64,
    what: &str,
) -> Result<f64> {
    let q = |t: f64| -> crate::error::RefusalResult<(f64, f64, f64)> {
        let m = Moments::new(design, y, v, t, false)?;
        Ok((m.rss - target, -m.y_ppy, -m.y_ppy))
    };
    let v_min = v.iter().fold(f64::INFINITY, |m, x| m.min(*x));
    let upper = || -> crate::error::RefusalResult<f64> {
        let ols = WeightedFit::new(design, y, vec![1.0; design.n])?;
        Ok(ols.rss() / target)
    };
    Ok(safeguarded_newton(q, 0.0, start, v_min, upper, what)?)
}
