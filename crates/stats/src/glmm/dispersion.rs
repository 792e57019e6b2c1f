//! A model's dispersion parameters and how they give each row's (glmmTMB's `dispformula`,
//! Brooks et al. 2017, R Journal 9(2)): none (Poisson, binomial); the negative binomial's one
//! φ = 1/θ ≥ 0 (the default, whose bound φ = 0 is the Poisson model); or glmmTMB's log-scale
//! dispersion linear in the terms of a one-sided formula, δᵢ = dᵢ·γ (log θ, log shape or log
//! precision, [`super::family::Family::from_log_dispersion`]; the default of the gamma, the beta
//! and the beta-binomial is `~ 1`, one δ for all rows).
//!
//! The fits see the parameters γ; [`Dispersion::rows`] turns them into the value of every row
//! that [`super::family::Family::terms`] takes, with its derivative in δ, and
//! [`RowDispersion::add_gradient`] takes a row's derivative of the deviance in its own value
//! back to γ by the chain rule.

/// How the dispersion parameters give each row's.
#[derive(Debug, Clone, PartialEq)]
pub enum Dispersion {
    /// No dispersion parameter (Poisson, binomial).
    None,
    /// The negative binomial's φ = 1/θ ≥ 0, one for every row.
    Shared,
    /// glmmTMB's log-scale dispersion δ = D γ.
    Linear {
        /// Row-major `n × r` design of the dispersion formula, rows in the problem's order.
        design: Vec<f64>,
        r: usize,
        /// The columns' names (`(Intercept)`, `armplacebo`, ...).
        names: Vec<String>,
    },
}

/// Every row's dispersion value at given parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum RowDispersion {
    /// One value for all rows (0 without a dispersion parameter).
    One(f64),
    /// Row i's value and its derivative in δᵢ.
    Rows { value: Vec<f64>, slope: Vec<f64> },
}

impl Dispersion {
    /// The number of parameters (0, 1 or the formula's columns).
    pub fn len(&self) -> usize {
        match self {
            Dispersion::None => 0,
            Dispersion::Shared => 1,
            Dispersion::Linear { r, .. } => *r,
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The values of every row at `parameters` ([`Dispersion::len`] of them) for `family`.
    pub fn rows(&self, family: super::Family, parameters: &[f64]) -> RowDispersion {
        match self {
            Dispersion::None => RowDispersion::One(0.0),
            Dispersion::Shared => RowDispersion::One(parameters[0]),
            Dispersion::Linear { design, r, .. } => {
                let (value, slope) = design
                    .chunks(*r)
                    .map(|d| {
                        let delta: f64 = d.iter().zip(parameters).map(|(a, b)| a * b).sum();
                        family.from_log_dispersion(delta)
                    })
                    .unzip();
                RowDispersion::Rows { value, slope }
            }
        }
    }

    /// The same rows reordered: row k of the result is row `order[k]` of this one.
    pub fn reordered(&self, order: &[usize]) -> Dispersion {
        match self {
            Dispersion::Linear { design, r, names } => Dispersion::Linear {
                design: order
                    .iter()
                    .flat_map(|&i| design[i * r..(i + 1) * r].iter().copied())
                    .collect(),
                r: *r,
                names: names.clone(),
            },
            other => other.clone(),
        }
    }
}

impl RowDispersion {
    /// Row `i`'s value.
    #[inline]
    pub fn at(&self, i: usize) -> f64 {
        match self {
            RowDispersion::One(v) => *v,
            RowDispersion::Rows { value, .. } => value[i],
        }
    }

    /// Adds `slope` (∂ deviance / ∂ row `i`'s value) into `out`, the gradient in the
    /// parameters of `dispersion`: itself for [`Dispersion::Shared`], times dvalue/dδᵢ · dᵢ
    /// for [`Dispersion::Linear`].
    #[inline]
    pub fn add_gradient(&self, dispersion: &Dispersion, i: usize, slope: f64, out: &mut [f64]) {
        match (self, dispersion) {
            (RowDispersion::Rows { slope: dv, .. }, Dispersion::Linear { design, r, .. }) => {
                let c = slope * dv[i];
                for (o, d) in out.iter_mut().zip(&design[i * r..(i + 1) * r]) {
                    *o += c * d;
                }
            }
            _ => {
                if let Some(o) = out.first_mut() {
                    *o += slope;
                }
            }
        }
    }
}

/// The start of the dispersion parameters from a pilot fit's linear predictor `eta` (the mean
/// model without random effects) for the responses `y` out of `trials` (1 except for the
/// beta-binomial): the method-of-moments value of the family's dispersion
/// ([`moment_value`]) as [`super::family::Family::terms`] takes it, and the start of
/// the `dispersion` parameters: that value itself ([`Dispersion::Shared`]), or the γ whose δ = D γ
/// is closest to its log-scale value (least squares: with an intercept or a full set of a
/// factor's levels, exactly that value on every row).
pub(crate) fn moment_start(
    dispersion: &Dispersion,
    family: super::Family,
    y: &[f64],
    trials: &[f64],
    eta: &[f64],
) -> crate::error::Result<(f64, Vec<f64>)> {
    let phi = moment_value(family, y, trials, eta);
    let start = match dispersion {
        Dispersion::None => Vec::new(),
        Dispersion::Shared => vec![phi],
        Dispersion::Linear { design, r, .. } => {
            let delta = match family {
                super::Family::NegativeBinomial => -phi.ln(),
                _ => phi.ln(),
            };
            super::zero_inflation::constant_fit(design, *r, delta).ok_or_else(|| {
                crate::error::Error::field(
                    "dispformula",
                    "the columns of the dispersion formula are not identifiable (a constant column besides the intercept, or one a combination of the others)",
                )
            })?
        }
    };
    Ok((phi, start))
}

/// The method-of-moments dispersion of the responses `y` (out of `trials`) at the pilot
/// fit's linear predictor `eta`: the negative
/// binomial's φ = 1/θ = Σ((y − μ)² − μ) / Σμ² (within 0.01 to 100, from a Poisson pilot),
/// the gamma's shape n / Σ((y − μ)/μ)² (within 0.01 to 10⁴), the beta's precision
/// Σμ(1 − μ) / Σ(y − μ)² − 1 (within 0.1 to 10⁵), the beta-binomial's precision from the
/// intra-class correlation of the trials ([`super::betabinomial::moment_precision`], from a
/// binomial pilot).
fn moment_value(family: super::Family, y: &[f64], trials: &[f64], eta: &[f64]) -> f64 {
    if family == super::Family::BetaBinomial {
        let p: Vec<f64> = eta.iter().map(|&e| family.mean(e, 1.0)).collect();
        return super::betabinomial::moment_precision(y, trials, &p);
    }
    let (mut num, mut den) = (0.0, 0.0);
    for (&y, &e) in y.iter().zip(eta) {
        let mu = family.mean(e, 1.0);
        match family {
            super::Family::Gamma => {
                num += 1.0;
                den += ((y - mu) / mu).powi(2);
            }
            super::Family::Beta => {
                num += mu * (1.0 - mu);
                den += (y - mu).powi(2);
            }
            _ => {
                num += mu * mu;
                den += (y - mu).powi(2) - mu;
            }
        }
    }
    match family {
        super::Family::Gamma => (num / den).clamp(0.01, 1e4),
        super::Family::Beta => (num / den - 1.0).clamp(0.1, 1e5),
        _ => (den / num).clamp(0.01, 100.0),
    }
}
