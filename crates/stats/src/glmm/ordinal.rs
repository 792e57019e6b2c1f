//! The cumulative logit model of an ordinal response (R's `ordinal::clmm`; Agresti 2010,
//! *Analysis of Ordinal Categorical Data*, ch. 3 and 10): a response in J ordered categories
//! 1 < 2 < … < J, J − 1 increasing thresholds τ₁ < … < τ_{J−1}, and
//!
//! ```text
//! P(Y ≤ j | η) = F(τⱼ − η),   F(x) = 1/(1 + e^−x),   η = xβ + zb   (no intercept in x)
//! ```
//!
//! so a positive coefficient moves the response towards its higher categories (clmm's sign).
//! Row i in category k has probability F(τₖ − η) − F(τₖ₋₁ − η) (τ₀ = −∞, τ_J = +∞), which for
//! the logistic F factors as F(a)(1 − F(c))(1 − e^{c−a}) with a = τₖ − η, c = τₖ₋₁ − η:
//!
//! ```text
//! ℓ = −log(1 + e^{η−τₖ}) − log(1 + e^{τₖ₋₁−η}) + log(1 − e^{τₖ₋₁−τₖ})
//! s = ∂ℓ/∂η = F(c) − F(−a)            w = −∂s/∂η = f(a) + f(c)          f = F(1 − F)
//! w′ = ∂w/∂η = −f′(a) − f′(c)         f′ = f(1 − 2F)
//! ∂ℓ/∂τₖ = F(−a) + 1/(e^{τₖ−τₖ₋₁} − 1),   ∂s/∂τₖ = f(a),   ∂w/∂τₖ = f′(a)
//! ∂ℓ/∂τₖ₋₁ = −F(c) − 1/(e^{τₖ−τₖ₋₁} − 1), ∂s/∂τₖ₋₁ = f(c), ∂w/∂τₖ₋₁ = f′(c)
//! ```
//!
//! The information w is positive (the model is log-concave in η), so the Laplace
//! approximation's Newton steps for the modes ([`super::laplace`]) hold as they are; a row's
//! derivatives in its two thresholds enter the gradient of the Laplace deviance as a
//! dispersion parameter's do. The thresholds must increase: where they do not, the last term
//! is not finite and neither is the deviance (the optimiser then steps back).
//!
//! This module owns the thresholds ([`Thresholds`]), each row's terms and derivatives
//! ([`Cuts`]), and the response's coding into categories ([`categories`]): whole numbers in
//! numeric order, or any values in the order the caller gives (`levels`).

use super::row_terms::{DispersionSlopes, Terms};
use crate::error::{Error, Result};
use crate::model_matrix::Column;

/// The thresholds of a cumulative logit model (none for the other families).
#[derive(Debug, Clone, PartialEq)]
pub enum Thresholds {
    /// Not an ordinal model.
    None,
    /// J − 1 thresholds between J categories, named as clmm names them (`1|2`, `2|3`, ...).
    Cumulative {
        names: Vec<String>,
        /// The J categories, lowest first.
        levels: Vec<String>,
    },
}

impl Thresholds {
    /// The number of thresholds.
    pub fn len(&self) -> usize {
        match self {
            Thresholds::None => 0,
            Thresholds::Cumulative { names, .. } => names.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The thresholds of the response's categories `levels` (in order): `a|b` between
    /// consecutive levels a and b.
    pub fn between(levels: &[String]) -> Thresholds {
        Thresholds::Cumulative {
            names: levels
                .windows(2)
                .map(|w| format!("{}|{}", w[0], w[1]))
                .collect(),
            levels: levels.to_vec(),
        }
    }

    /// The start of the thresholds: the logits of the cumulative shares of the categories
    /// `y` (0-based, as f64) among the rows, the thresholds of the model without covariates.
    pub fn start(&self, y: &[f64]) -> Vec<f64> {
        let j = self.len();
        let mut counts = vec![0.0; j + 1];
        for &v in y {
            counts[v as usize] += 1.0;
        }
        let n = y.len() as f64;
        let mut cumulative = 0.0;
        (0..j)
            .map(|k| {
                cumulative += counts[k];
                let p = (cumulative / n).clamp(1e-6, 1.0 - 1e-6);
                (p / (1.0 - p)).ln()
            })
            .collect()
    }
}

/// The thresholds at the parameters of one evaluation, with each category's η-free term.
#[derive(Debug, Clone, PartialEq)]
pub struct Cuts {
    /// τ₁ … τ_{J−1}.
    tau: Vec<f64>,
    /// For category k (0-based): log(1 − e^{τₖ₋₁ − τₖ}) (0 for the lowest and highest), and
    /// 1/(e^{τₖ − τₖ₋₁} − 1) (0 likewise), its derivative in τₖ.
    gap: Vec<(f64, f64)>,
}

/// A row's derivatives in its two thresholds: the one above its category (index, slopes) and
/// the one below; `None` for the highest or lowest category.
pub type ThresholdSlopes = [Option<(usize, DispersionSlopes)>; 2];

/// The logistic F at one finite x = τ − η, from one exponential: F(x), F(−x), f = F(x)F(−x),
/// f′ = f(F(−x) − F(x)), log F(x) and log F(−x), each without overflow or cancellation.
#[derive(Debug, Clone, Copy)]
struct Side {
    p: f64,
    q: f64,
    f: f64,
    df: f64,
    log_p: f64,
    log_q: f64,
}

#[inline]
fn side(x: f64) -> Side {
    let e = (-x.abs()).exp();
    let l = e.ln_1p();
    let r = 1.0 / (1.0 + e);
    let (p, q, log_p, log_q) = if x >= 0.0 {
        (r, e * r, -l, -x - l)
    } else {
        (e * r, r, x - l, -l)
    };
    let f = p * q;
    Side {
        p,
        q,
        f,
        df: f * (q - p),
        log_p,
        log_q,
    }
}

impl Cuts {
    /// The thresholds `tau` (J − 1 of them), not necessarily increasing.
    pub fn new(tau: &[f64]) -> Cuts {
        let j = tau.len() + 1;
        let gap = (0..j)
            .map(|k| {
                if k == 0 || k == j - 1 {
                    return (0.0, 0.0);
                }
                let d = tau[k] - tau[k - 1];
                // log(1 − e^−d) and 1/(e^d − 1): NaN and negative for d ≤ 0.
                let log = if d > 0.0 {
                    (-(-d).exp_m1()).ln()
                } else {
                    f64::NAN
                };
                (log, 1.0 / d.exp_m1())
            })
            .collect();
        Cuts {
            tau: tau.to_vec(),
            gap,
        }
    }

    /// The logistic at the threshold above category `k` (a = τₖ − η) and below it
    /// (c = τₖ₋₁ − η); `None` at the ends of the scale (τ_J = +∞, τ₀ = −∞).
    #[inline]
    fn sides(&self, k: usize, eta: f64) -> (Option<Side>, Option<Side>) {
        let above = self.tau.get(k).map(|t| side(t - eta));
        let below = (k > 0).then(|| side(self.tau[k - 1] - eta));
        (above, below)
    }

    /// The log probability of category `category` (0-based, as f64) at η = `eta`, with its
    /// score, information and the information's slope in η.
    #[inline]
    pub fn terms(&self, category: f64, eta: f64) -> Terms {
        let k = category as usize;
        let (above, below) = self.sides(k, eta);
        self.terms_of(k, above, below)
    }

    #[inline]
    fn terms_of(&self, k: usize, above: Option<Side>, below: Option<Side>) -> Terms {
        let mut t = Terms {
            kernel: self.gap[k].0,
            score: 0.0,
            weight: 0.0,
            weight_slope: 0.0,
        };
        if let Some(a) = above {
            t.kernel += a.log_p;
            t.score -= a.q;
            t.weight += a.f;
            t.weight_slope -= a.df;
        }
        if let Some(c) = below {
            t.kernel += c.log_q;
            t.score += c.p;
            t.weight += c.f;
            t.weight_slope -= c.df;
        }
        t
    }

    /// [`Cuts::terms`] with the row's derivatives in the thresholds above and below category
    /// `category` at η = `eta` (see the module's formulas).
    #[inline]
    pub fn slopes(&self, category: f64, eta: f64) -> (Terms, ThresholdSlopes) {
        let k = category as usize;
        let inverse_gap = self.gap[k].1;
        let (above, below) = self.sides(k, eta);
        let slopes = [
            above.map(|a| {
                let d = DispersionSlopes {
                    log_density: a.q + inverse_gap,
                    score: a.f,
                    weight: a.df,
                };
                (k, d)
            }),
            below.map(|c| {
                let d = DispersionSlopes {
                    log_density: -c.p - inverse_gap,
                    score: c.f,
                    weight: c.df,
                };
                (k - 1, d)
            }),
        ];
        (self.terms_of(k, above, below), slopes)
    }
}

/// The response `column` coded as categories 0, 1, … (as f64) with the names of the
/// categories, in order. `levels`, when given, is the order of the levels (`none<mild<severe`,
/// each written as in the data); otherwise the values must be whole numbers, ordered
/// numerically (R's `factor()` of a numeric column). Levels of `levels` that no row has are
/// left out (a threshold between two categories needs rows in both); fewer than two
/// categories are refused. Errors name the response (`formula`) or `levels`.
pub fn categories(
    column: &Column,
    response: &str,
    levels: Option<&[String]>,
) -> Result<(Vec<f64>, Vec<String>)> {
    let (codes, names): (Vec<u32>, Vec<String>) = match column {
        Column::Categorical { codes, levels } => (codes.clone(), levels.clone()),
        Column::Numeric(values) => {
            let mut distinct: Vec<f64> = values.clone();
            distinct.sort_by(f64::total_cmp);
            distinct.dedup();
            let codes = values
                .iter()
                .map(|v| distinct.partition_point(|d| d < v) as u32)
                .collect();
            (codes, distinct.iter().map(|v| v.to_string()).collect())
        }
    };
    let order: Vec<usize> = match levels {
        Some(given) => given_order(&names, given, response)?,
        None => numeric_order(&names, response)?,
    };
    // order[k]: the rank of level k; keep the ranks some row has.
    let mut used = vec![false; given_len(levels, names.len())];
    for &c in &codes {
        used[order[c as usize]] = true;
    }
    let mut new_rank = vec![0usize; used.len()];
    let mut kept = Vec::new();
    for (rank, &u) in used.iter().enumerate() {
        if u {
            new_rank[rank] = kept.len();
            kept.push(rank);
        }
    }
    let all_names: Vec<String> = match levels {
        Some(given) => given.to_vec(),
        None => {
            let mut sorted = vec![String::new(); names.len()];
            for (k, n) in names.iter().enumerate() {
                sorted[order[k]] = canonical(n);
            }
            sorted
        }
    };
    let kept_names: Vec<String> = kept.iter().map(|&r| all_names[r].clone()).collect();
    if kept_names.len() < 2 {
        return Err(Error::field(
            "formula",
            format!(
                "the response '{response}' has one level only ({}): an ordinal model needs rows in at least two ordered categories",
                kept_names.first().map_or("none", String::as_str)
            ),
        ));
    }
    let y = codes
        .iter()
        .map(|&c| new_rank[order[c as usize]] as f64)
        .collect();
    Ok((y, kept_names))
}

fn given_len(levels: Option<&[String]>, n: usize) -> usize {
    levels.map_or(n, <[String]>::len)
}

/// A whole number written without a trailing `.0` (`3`, not `3.0`).
fn canonical(name: &str) -> String {
    match name.trim().parse::<f64>() {
        Ok(v) if v.fract() == 0.0 => format!("{}", v as i64),
        _ => name.to_string(),
    }
}

/// For each of the data's level `names`, its rank in numeric order; refused unless all are
/// whole numbers (naming `levels`, where the order of any other values is given).
fn numeric_order(names: &[String], response: &str) -> Result<Vec<usize>> {
    let values: Vec<Option<f64>> = names.iter().map(|n| n.trim().parse::<f64>().ok()).collect();
    if let Some(k) = values.iter().position(Option::is_none) {
        return Err(Error::field(
            "levels",
            format!(
                "the ordinal response '{response}' holds text ('{}'): its levels are {}; give their order, lowest first, with {{field:levels}} (for example 'none<mild<severe'), as text is not ordered by its spelling",
                names[k],
                listed(names)
            ),
        ));
    }
    let values: Vec<f64> = values.into_iter().map(|v| v.unwrap_or(0.0)).collect();
    if let Some(v) = values.iter().find(|v| v.fract() != 0.0 || !v.is_finite()) {
        return Err(Error::field(
            "levels",
            format!(
                "the ordinal response '{response}' has the value {v}, not a whole number: whole-number scores (0, 1, 2, ...) are ordered numerically, and any other values need their order given, lowest first, with {{field:levels}} (for example '{}')",
                example(names)
            ),
        ));
    }
    let mut sorted: Vec<usize> = (0..names.len()).collect();
    sorted.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut rank = vec![0; names.len()];
    for (r, &k) in sorted.iter().enumerate() {
        rank[k] = r;
    }
    Ok(rank)
}

/// An example of `--levels` from the data's first few level names (in numeric order).
fn example(names: &[String]) -> String {
    let mut e: Vec<&str> = names.iter().take(3).map(String::as_str).collect();
    if names.len() > 3 {
        e.push("...");
    }
    e.join("<")
}

/// The data's level names for a message, at most ten (`a, b, c, ... (12 levels)`).
fn listed(names: &[String]) -> String {
    let shown: Vec<&str> = names.iter().take(10).map(String::as_str).collect();
    if names.len() > 10 {
        format!("{}, ... ({} levels)", shown.join(", "), names.len())
    } else {
        shown.join(", ")
    }
}

/// For each of the data's level `names`, its rank in `given`; a level of the data that
/// `given` does not list, or a level listed twice, is refused (naming `levels`).
fn given_order(names: &[String], given: &[String], response: &str) -> Result<Vec<usize>> {
    for (k, g) in given.iter().enumerate() {
        if given[..k].contains(g) {
            return Err(Error::field(
                "levels",
                format!("the level '{g}' is listed twice"),
            ));
        }
    }
    names
        .iter()
        .map(|n| {
            given.iter().position(|g| g == n).ok_or_else(|| {
                Error::field(
                    "levels",
                    format!(
                        "the response '{response}' has the level '{n}', which the order {} does not list; list every level, lowest first",
                        given.join("<")
                    ),
                )
            })
        })
        .collect()
}

/// The order of an ordinal response's levels as written, `none<mild<severe` (lowest first;
/// spaces around each level are dropped): at least two levels, none empty.
pub fn parse_levels(text: &str) -> Result<Vec<String>> {
    let levels: Vec<String> = text.split('<').map(|l| l.trim().to_string()).collect();
    if levels.len() < 2 || levels.iter().any(String::is_empty) {
        return Err(Error::field(
            "levels",
            format!(
                "'{text}': give the levels of the ordinal response in order, lowest first, separated by < (for example 'none<mild<severe')"
            ),
        ));
    }
    Ok(levels)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// R: plogis(0.3 - 0.5) - plogis(-1.2 - 0.5) = 0.26574398...
    #[test]
    fn the_log_probability_is_the_difference_of_two_logistics() {
        let cuts = Cuts::new(&[-1.2, 0.3, 2.0]);
        let eta = 0.5;
        let p = |x: f64| 1.0 / (1.0 + (-x).exp());
        let want = [
            p(-1.2 - eta),
            p(0.3 - eta) - p(-1.2 - eta),
            p(2.0 - eta) - p(0.3 - eta),
            1.0 - p(2.0 - eta),
        ];
        for (k, w) in want.iter().enumerate() {
            let t = cuts.terms(k as f64, eta);
            assert!((t.kernel - w.ln()).abs() < 1e-14, "{k}: {}", t.kernel);
        }
        assert!(Cuts::new(&[0.3, -0.2]).terms(1.0, 0.0).kernel.is_nan());
    }

    #[test]
    fn score_information_and_threshold_slopes_are_derivatives() {
        let tau = [-1.2, 0.3, 2.0];
        let h = 1e-6;
        for k in 0..4 {
            let category = k as f64;
            for eta in [-3.0, 0.4, 2.5] {
                let cuts = Cuts::new(&tau);
                let t = cuts.terms(category, eta);
                let at = |e: f64| cuts.terms(category, e);
                let fd = |g: &dyn Fn(Terms) -> f64| (g(at(eta + h)) - g(at(eta - h))) / (2.0 * h);
                assert!((fd(&|t| t.kernel) - t.score).abs() < 1e-8);
                assert!((fd(&|t| t.score) + t.weight).abs() < 1e-8);
                assert!((fd(&|t| t.weight) - t.weight_slope).abs() < 1e-8);
                assert_eq!(cuts.slopes(category, eta).0, t);
                for (j, s) in cuts.slopes(category, eta).1.into_iter().flatten() {
                    let moved = |d: f64| {
                        let mut v = tau;
                        v[j] += d;
                        Cuts::new(&v).terms(category, eta)
                    };
                    let fd = |g: &dyn Fn(Terms) -> f64| (g(moved(h)) - g(moved(-h))) / (2.0 * h);
                    assert!((fd(&|t| t.kernel) - s.log_density).abs() < 1e-7, "{k} {j}");
                    assert!((fd(&|t| t.score) - s.score).abs() < 1e-7);
                    assert!((fd(&|t| t.weight) - s.weight).abs() < 1e-7);
                }
            }
        }
    }

    #[test]
    fn categories_order_whole_numbers_and_given_levels() {
        let col = Column::categorical(&["10", "2", "2", "7"]);
        let (y, names) = categories(&col, "mrs", None).unwrap();
        assert_eq!(
            (y, names),
            (
                vec![2.0, 0.0, 0.0, 1.0],
                vec!["2".into(), "7".into(), "10".into()]
            )
        );
        let col = Column::categorical(&["severe", "none", "mild", "none"]);
        let given = parse_levels("none < mild<moderate<severe").unwrap();
        let (y, names) = categories(&col, "s", Some(&given)).unwrap();
        assert_eq!(y, vec![2.0, 0.0, 1.0, 0.0]);
        assert_eq!(names, ["none", "mild", "severe"]);
        assert!(categories(&col, "s", None).is_err());
        let col = Column::categorical(&["1.5", "2"]);
        assert!(categories(&col, "s", None).is_err());
        let col = Column::categorical(&["2", "2"]);
        assert!(categories(&col, "s", None).is_err());
        assert!(parse_levels("a").is_err());
    }
}
