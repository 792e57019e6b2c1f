//! Tests of linear combinations of the coefficients (metafor's `anova(res, X = ...)`): each
//! row `x` of the contrast matrix gives `x'β̂` with `SE = √(x'Vx)`, its z or t test and
//! interval, and the rows together (when linearly independent) the omnibus Wald test of all
//! being 0 (χ² on m df, F on (m, df) under Knapp–Hartung or robust CR0/CR1, HTZ under CR2).
//! Pairwise contrasts of coefficients are the rows of metafor's `pairmat(btt = ...)`: for each
//! pair i < j, `β_j − β_i`. The p-values can be adjusted for multiplicity as R's `p.adjust`
//! (Holm 1979, *Scand J Stat* 6:65; Hochberg 1988, *Biometrika* 75:800; Benjamini & Hochberg
//! 1995, *JRSS B* 57:289; Benjamini & Yekutieli 2001, *Ann Stat* 29:1165), as metafor's
//! `anova(..., adjust = )`.

use super::linear::{Inference, WaldTest, parse_btt};
use super::model::TestedEstimate;
use crate::dist::{t_crit, z_crit};
use crate::error::{Error, Refusal, Result};
use nalgebra::DMatrix;
use serde::Serialize;

/// How p-values are adjusted for multiplicity (R's `p.adjust` methods).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PAdjust {
    #[default]
    None,
    Bonferroni,
    Holm,
    Hochberg,
    /// Benjamini–Hochberg (false discovery rate).
    BH,
    /// Benjamini–Yekutieli.
    BY,
}

impl PAdjust {
    pub fn name(self) -> &'static str {
        match self {
            PAdjust::None => "none",
            PAdjust::Bonferroni => "bonferroni",
            PAdjust::Holm => "holm",
            PAdjust::Hochberg => "hochberg",
            PAdjust::BH => "BH",
            PAdjust::BY => "BY",
        }
    }

    /// The adjusted p-values of `p`, as R's `p.adjust(p, method)`.
    pub fn adjust(self, p: &[f64]) -> Vec<f64> {
        let n = p.len();
        let nf = n as f64;
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
        let mut out = vec![0.0; n];
        match self {
            PAdjust::None => return p.to_vec(),
            PAdjust::Bonferroni => {
                return p.iter().map(|x| (x * nf).min(1.0)).collect();
            }
            PAdjust::Holm => {
                // Ascending: cummax of (n − i) p_(i), capped at 1.
                let mut running: f64 = 0.0;
                for (i, &j) in order.iter().enumerate() {
                    running = running.max((nf - i as f64) * p[j]);
                    out[j] = running.min(1.0);
                }
            }
            PAdjust::Hochberg | PAdjust::BH | PAdjust::BY => {
                // Descending: cummin of the factor times p_(i).
                let q: f64 = if self == PAdjust::BY {
                    (1..=n).map(|i| 1.0 / i as f64).sum()
                } else {
                    1.0
                };
                let mut running = f64::INFINITY;
                for (i, &j) in order.iter().enumerate().rev() {
                    let rank = (i + 1) as f64;
                    let factor = match self {
                        PAdjust::Hochberg => nf - rank + 1.0,
                        _ => q * nf / rank,
                    };
                    running = running.min(factor * p[j]);
                    out[j] = running.min(1.0);
                }
            }
        }
        out
    }
}

impl std::str::FromStr for PAdjust {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "none" => Ok(PAdjust::None),
            "bonferroni" => Ok(PAdjust::Bonferroni),
            "holm" => Ok(PAdjust::Holm),
            "hochberg" => Ok(PAdjust::Hochberg),
            "bh" | "fdr" => Ok(PAdjust::BH),
            "by" => Ok(PAdjust::BY),
            other => Err(Error::field(
                "adjust",
                format!(
                    "unknown method '{other}'; allowed: none, bonferroni, holm, hochberg, BH, BY"
                ),
            )),
        }
    }
}

/// One tested linear combination.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contrast {
    /// The hypothesis as metafor prints it (`-ablat + year = 0`).
    pub hypothesis: String,
    /// The combination's weights, one per coefficient.
    pub weights: Vec<f64>,
    #[serde(flatten)]
    pub tested: TestedEstimate,
    /// t df (absent for z tests).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub df: Option<f64>,
    /// The p-value adjusted for the number of rows (as `adjust`; equal to `p` for none).
    pub p_adjusted: f64,
}

/// The tested combinations and, when they are linearly independent, the test of all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contrasts {
    pub rows: Vec<Contrast>,
    /// The multiplicity adjustment of `p_adjusted`.
    pub adjust: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub omnibus: Option<WaldTest>,
}

/// Parse one `--contrast` row: one weight per coefficient, or one per coefficient after the
/// intercept (the intercept's weight is then 1, as metafor's `anova(X = )` adds it).
pub fn parse_contrast(row: &str, names: &[String]) -> Result<Vec<f64>> {
    let p = names.len();
    let bad = |what: String| {
        Error::field(
            "contrast",
            format!(
                "{what}; give one weight per coefficient ({}), comma-separated, or one per \
                 coefficient after the intercept",
                names.join(", ")
            ),
        )
    };
    let values = row
        .split(',')
        .map(str::trim)
        .map(|v| match v.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(x),
            _ => Err(bad(format!("'{v}' is not a finite number"))),
        })
        .collect::<Result<Vec<f64>>>()?;
    if values.len() == p {
        Ok(values)
    } else if p > 1 && values.len() == p - 1 {
        Ok(std::iter::once(1.0).chain(values).collect())
    } else {
        Err(bad(format!(
            "'{row}' has {} weight(s), the model {p} coefficients",
            values.len()
        )))
    }
}

/// The pairwise contrasts of the coefficients named or numbered by `spec` (as `--btt`):
/// for each pair i < j the row with −1 at i and +1 at j (metafor's `pairmat`).
pub fn pairwise(spec: &str, names: &[String]) -> Result<Vec<Vec<f64>>> {
    let chosen = parse_btt(spec, names).map_err(|e| match e {
        e @ Error::Refused(Refusal::Input { .. } | Refusal::Field { .. }) => {
            Error::field("pairwise", e.into_message())
        }
        other => other,
    })?;
    if chosen.len() < 2 {
        return Err(Error::field(
            "pairwise",
            "pairwise contrasts need at least two coefficients",
        ));
    }
    let mut rows = Vec::new();
    for (a, &i) in chosen.iter().enumerate() {
        for &j in &chosen[a + 1..] {
            let mut row = vec![0.0; names.len()];
            row[i] = -1.0;
            row[j] = 1.0;
            rows.push(row);
        }
    }
    Ok(rows)
}

/// `weights` as metafor writes the hypothesis: `w*name` terms joined by `+`, `1*` dropped.
pub fn hypothesis(weights: &[f64], names: &[String]) -> String {
    let mut out = String::new();
    for (w, name) in weights.iter().zip(names) {
        if *w == 0.0 {
            continue;
        }
        let sign = if *w < 0.0 { "-" } else { "+" };
        let magnitude = w.abs();
        let term = if magnitude == 1.0 {
            name.clone()
        } else {
            format!("{}*{name}", crate::output::human_number(magnitude))
        };
        if out.is_empty() {
            if *w < 0.0 {
                out.push('-');
            }
        } else {
            out.push_str(&format!(" {sign} "));
        }
        out.push_str(&term);
    }
    if out.is_empty() {
        out.push('0');
    }
    out.push_str(" = 0");
    out
}

/// Test each row of `rows` (p weights each) of the coefficients `beta` under `inference`, at
/// confidence level `level`, with the p-values adjusted by `adjust`.
pub fn contrasts(
    names: &[String],
    beta: &[f64],
    inference: Inference,
    rows: &[Vec<f64>],
    level: f64,
    adjust: PAdjust,
) -> Result<Contrasts> {
    if rows.is_empty() {
        return Err(Error::field("contrast", "no contrast given"));
    }
    let tested: Vec<(TestedEstimate, Option<f64>)> = rows
        .iter()
        .map(|x| {
            let estimate: f64 = x.iter().zip(beta).map(|(a, b)| a * b).sum();
            let se = inference.variance(x).max(0.0).sqrt();
            let df = inference.df(x);
            let crit = match df {
                None => z_crit(level),
                Some(d) => t_crit(level, d),
            };
            (TestedEstimate::new(estimate, se, df, crit), df)
        })
        .collect();
    let p_values: Vec<f64> = tested.iter().map(|(t, _)| t.p).collect();
    let adjusted = adjust.adjust(&p_values);
    let m = rows.len();
    let matrix = DMatrix::from_fn(m, beta.len(), |a, b| rows[a][b]);
    let hypotheses: Vec<String> = rows.iter().map(|x| hypothesis(x, names)).collect();
    // The omnibus test only for linearly independent rows (metafor: rankMatrix(X) == m);
    // under Knapp-Hartung its F uses the smallest df of the rows, the model's.
    let independent = m <= beta.len() && matrix.clone().svd(false, false).rank(1e-9) == m;
    let omnibus = if independent {
        // Robust covariances are only semi-definite: a combination they cannot test leaves
        // the omnibus test out, as metafor's NA.
        inference.joint_test(&matrix, hypotheses.clone()).ok()
    } else {
        None
    };
    let rows = tested
        .into_iter()
        .zip(rows)
        .zip(hypotheses)
        .zip(adjusted)
        .map(
            |((((tested, df), weights), hypothesis), p_adjusted)| Contrast {
                hypothesis,
                weights: weights.clone(),
                tested,
                df,
                p_adjusted,
            },
        )
        .collect();
    Ok(Contrasts {
        rows,
        adjust: adjust.name(),
        omnibus,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p_adjust_matches_r() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), method = m)
        let p = [0.01, 0.04, 0.03, 0.005];
        let cases: [(PAdjust, [f64; 4]); 5] = [
            (PAdjust::Holm, [0.03, 0.06, 0.06, 0.02]),
            (PAdjust::Bonferroni, [0.04, 0.16, 0.12, 0.02]),
            (PAdjust::Hochberg, [0.03, 0.04, 0.04, 0.02]),
            (PAdjust::BH, [0.02, 0.04, 0.04, 0.02]),
            (
                PAdjust::BY,
                [
                    0.041666666666666664,
                    0.083333333333333329,
                    0.083333333333333329,
                    0.041666666666666664,
                ],
            ),
        ];
        for (method, want) in cases {
            let got = method.adjust(&p);
            for (g, w) in got.iter().zip(want) {
                assert!((g - w).abs() < 1e-15, "{method:?}: {got:?} vs {want:?}");
            }
        }
    }

    #[test]
    fn hypotheses_read_as_metafor_prints_them() {
        let names: Vec<String> = ["intrcpt", "ablat", "year"].map(String::from).to_vec();
        assert_eq!(hypothesis(&[0.0, -1.0, 1.0], &names), "-ablat + year = 0");
        assert_eq!(
            hypothesis(&[1.0, 10.0, 0.0], &names),
            "intrcpt + 10*ablat = 0"
        );
    }
}
