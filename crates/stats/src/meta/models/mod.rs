//! Meta-analysis models fitted to the 2×2 tables of the studies themselves rather than to
//! effect sizes with known variances: the Mantel–Haenszel and Peto fixed-effect methods
//! (metafor's `rma.mh` and `rma.peto`), and the binomial–normal mixed model (`rma.glmm`).
//!
//! | file | owns |
//! |---|---|
//! | this file | the tables ([`Tables`], read from a CSV file with metafor's column names) and the fitted model's common output ([`TablesFit`]) |
//! | [`mantel_haenszel`] | the Mantel–Haenszel pooled OR, RR and RD (Sato, Greenland & Robins variances), the Cochran–Mantel–Haenszel and Breslow–Day/Tarone tests |
//! | [`peto`] | Peto's one-step odds ratio |
//! | [`binomial_normal`] | the binomial–normal GLMM for rare events (`rma.glmm`, `model = "UM.FS"`), fitted by [`crate::glmm`], with moderators; the model matrix and coefficients both models share |
//! | [`conditional_binomial_normal`] | the conditional model of the tables (`model = "CM.EL"`): noncentral hypergeometric likelihood, normal log odds ratios, integrated by [`crate::glmm::quadrature`]'s rule |
//!
//! Each study's own estimate (`escalc` with `add = 1/2, to = "only0", drop00 = TRUE`, as both
//! metafor functions use by default) serves only for the heterogeneity test and the fit
//! statistics; the pooled estimate uses the cells as they are (metafor's second `add`, `to`
//! and `drop00` are 0, "none" and FALSE). A study with no events in either group, or only
//! events, has no estimate of its own (`k_yi` counts those that do) but still enters the
//! pooled estimate, where it adds nothing.

pub mod binomial_normal;
pub mod conditional_binomial_normal;
pub mod mantel_haenszel;
pub mod peto;

use crate::csv_file::CsvFile;
use crate::effect::MeasureCode;
use crate::effect::binary::binary_from_cells;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::meta::fitting::fitstats::Criteria;
use crate::meta::fitting::model::{TESTED_COLUMNS, TestedEstimate};
use crate::meta::fitting::moderators::Moderator;
use crate::output::{Cell, Table, Tabular, human_number};
use serde::Serialize;
use std::path::Path;

/// One 2×2 table per study: `a` events and `b` non-events in group 1 (treatment), `c` and
/// `d` in group 2 (metafor's `ai, bi, ci, di`).
#[derive(Debug, Clone, PartialEq)]
pub struct Tables {
    pub labels: Vec<String>,
    pub cells: Vec<[f64; 4]>,
}

impl Tables {
    /// The tables of the CSV file at `path`: columns `ai` and `ci` with `bi` and `di`, or
    /// with the group sizes `n1i` and `n2i` (as metafor's `rma.mh` reads them). `label`
    /// names the label column (default: `study`, `label`, `author`, `trial` or `id`, else
    /// the row number). A missing or negative cell, a fraction, or a group of size 0 is
    /// refused with its place.
    pub fn read_csv(path: &Path, label: Option<&str>) -> Result<Tables> {
        Tables::read(&CsvFile::read(path)?, label)
    }

    /// [`Tables::read_csv`] for a file already read.
    pub fn read(file: &CsvFile, label: Option<&str>) -> Result<Tables> {
        let column = |name: &str, total: &str| -> Result<(usize, bool)> {
            match (file.find(name), file.find(total)) {
                (Some(i), _) => Ok((i, false)),
                (None, Some(i)) => Ok((i, true)),
                (None, None) => Err(Error::input(
                    format!("{}:1", file.name()),
                    format!(
                        "missing column {name} (or {total}): the tables need columns ai, bi, ci, di \
                         (or ai, n1i, ci, n2i); its columns are: {}",
                        file.column_list()
                    ),
                )),
            }
        };
        let a = file.require("ai", "the tables (columns ai, bi, ci, di)")?;
        let c = file.require("ci", "the tables (columns ai, bi, ci, di)")?;
        let (b, b_total) = column("bi", "n1i")?;
        let (d, d_total) = column("di", "n2i")?;
        let label = match label {
            Some(l) => Some(file.require(l, "{field:label}")?),
            None => file.find_ignore_case(&["study", "label", "author", "trial", "id"]),
        };
        let mut tables = Tables {
            labels: Vec::new(),
            cells: Vec::new(),
        };
        file.for_each_row(|row| {
            let count = |i: usize| -> Result<f64> {
                let x = row.required_number(i)?;
                if x < 0.0 || x.fract() != 0.0 {
                    return Err(Error::input(
                        row.location(i),
                        format!("{x} is not a count; a whole number 0 or more is needed"),
                    ));
                }
                Ok(x)
            };
            let (ai, ci) = (count(a)?, count(c)?);
            let rest = |events: f64, i: usize, total: bool| -> Result<f64> {
                let x = count(i)?;
                if !total {
                    return Ok(x);
                }
                if x < events {
                    return Err(Error::input(
                        row.location(i),
                        format!("the group size {x} is smaller than its {events} events"),
                    ));
                }
                Ok(x - events)
            };
            let (bi, di) = (rest(ai, b, b_total)?, rest(ci, d, d_total)?);
            for (events, others, i) in [(ai, bi, b), (ci, di, d)] {
                if events + others == 0.0 {
                    return Err(Error::input(
                        row.location(i),
                        "the group has no one in it; each group needs at least one person",
                    )
                    .into());
                }
            }
            tables.labels.push(match label {
                Some(l) => row.text(l)?.to_string(),
                None => (tables.labels.len() + 1).to_string(),
            });
            tables.cells.push([ai, bi, ci, di]);
            Ok(())
        })?;
        if tables.cells.is_empty() {
            return Err(Error::input(
                file.name(),
                "no studies: the file has a header but no rows",
            ));
        }
        Ok(tables)
    }

    /// The moderator columns `names` of the file the tables were read from, one value per
    /// table, numeric or categorical by the rule of `meta --mods`
    /// ([`Moderator::from_cells`]). An unknown column is refused naming it and the file's
    /// columns; so is a missing value, naming its line and column: the tables have no
    /// missing-row handling of their own (a missing cell is refused too), so neither do
    /// their moderators.
    pub fn moderators(file: &CsvFile, names: &[String]) -> Result<Vec<Moderator>> {
        let columns: Vec<(usize, &str)> = names
            .iter()
            .filter(|m| !m.is_empty())
            .map(|m| Ok((file.require(m, "{field:mods}")?, m.as_str())))
            .collect::<Result<_>>()?;
        let mut cells: Vec<Vec<String>> = vec![Vec::new(); columns.len()];
        file.for_each_row(|row| {
            for ((c, _), values) in columns.iter().zip(cells.iter_mut()) {
                if row.is_missing(*c) {
                    return Err(Error::input(
                        row.location(*c),
                        "the moderator is missing; every study needs a value (meta glmm does not leave rows out)",
                    ).into());
                }
                values.push(row.text(*c)?.to_string());
            }
            Ok(())
        })?;
        Ok(columns
            .iter()
            .zip(cells)
            .map(|((_, name), cells)| Moderator::from_cells(name, cells))
            .collect())
    }

    /// Each study's own estimate and sampling variance of `code` (RR, OR, RD) as metafor's
    /// `escalc` with its defaults: 1/2 added to every cell of a table with a zero cell, and
    /// no estimate for a table with no events or only events in both groups (`drop00`).
    pub fn study_effects(&self, code: MeasureCode) -> Result<Vec<(f64, f64)>> {
        let level = ConfidenceLevel::new(0.95)?;
        let mut out = Vec::new();
        for cells in self.usable_cells() {
            let e = binary_from_cells(code, cells, level)?;
            out.push((e.estimate, e.variance.unwrap_or(f64::NAN)));
        }
        Ok(out)
    }

    /// The tables that have an estimate of their own, with 1/2 added to every cell of a table
    /// with a zero cell (`escalc`'s `add = 1/2, to = "only0", drop00 = TRUE`).
    pub fn usable_cells(&self) -> impl Iterator<Item = [f64; 4]> + '_ {
        self.cells
            .iter()
            .filter(|[a, b, c, d]| !((*a == 0.0 && *c == 0.0) || (*b == 0.0 && *d == 0.0)))
            .map(|cells| {
                let mut cells = *cells;
                if cells.contains(&0.0) {
                    cells.iter_mut().for_each(|x| *x += 0.5);
                }
                cells
            })
    }
}

/// The heterogeneity of a fixed-effect model of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TablesHeterogeneity {
    /// Cochran's Q (for Peto's method, its own form of it).
    pub q: f64,
    /// Its degrees of freedom `k_yi − 1`.
    pub q_df: usize,
    pub q_p: f64,
    /// I² in percent and H², from Q and its df.
    pub i2: f64,
    pub h2: f64,
}

impl TablesHeterogeneity {
    /// I² and H² from `q` on `k_yi − 1` df (Q = 0, p = 1 with one study, as metafor).
    pub fn new(q: f64, k_yi: usize, q_p: impl Fn(f64, f64) -> f64) -> Self {
        if k_yi <= 1 {
            return TablesHeterogeneity {
                q: 0.0,
                q_df: 0,
                q_p: 1.0,
                i2: 0.0,
                h2: 1.0,
            };
        }
        let df = (k_yi - 1) as f64;
        TablesHeterogeneity {
            q,
            q_df: k_yi - 1,
            q_p: q_p(q, df),
            i2: if q > 0.0 {
                (100.0 * (q - df) / q).max(0.0)
            } else {
                0.0
            },
            h2: q / df,
        }
    }
}

/// The estimate and interval on the ratio scale (exp of the log ratio).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RatioScale {
    pub estimate: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

impl RatioScale {
    /// The pooled log ratio and its CI back-transformed (exp) to the ratio scale.
    pub fn of(log: &TestedEstimate) -> RatioScale {
        RatioScale {
            estimate: log.estimate.exp(),
            ci_lower: log.ci_lower.exp(),
            ci_upper: log.ci_upper.exp(),
        }
    }
}

/// Log-likelihood, deviance, AIC, BIC and AICc of the fixed-effect model at the pooled
/// estimate, from the studies' own estimates and variances (metafor's `fitstats` of an
/// `rma.mh` or `rma.peto` fit; one parameter).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TablesFitStatistics {
    pub ml: Criteria,
    pub reml: Criteria,
}

impl TablesFitStatistics {
    /// At `beta`, with the studies' estimates and variances `effects`: `ll_ML = −½ k log 2π
    /// − ½ Σ log vᵢ − ½ RSS`, `ll_REML = −½ (k − 1) log 2π + ½ log k − ½ Σ log vᵢ − ½ log Σ wᵢ
    /// − ½ RSS`, deviance `RSS` (ML) and `−2 ll_REML` (REML). `None` without studies.
    pub fn new(effects: &[(f64, f64)], beta: f64) -> Option<Self> {
        let k = effects.len();
        if k == 0 || !beta.is_finite() {
            return None;
        }
        let log_2pi = (2.0 * std::f64::consts::PI).ln();
        let rss: f64 = effects.iter().map(|(y, v)| (y - beta).powi(2) / v).sum();
        let sum_log_v: f64 = effects.iter().map(|(_, v)| v.ln()).sum();
        let sum_w: f64 = effects.iter().map(|(_, v)| 1.0 / v).sum();
        let kf = k as f64;
        let ll_ml = -0.5 * kf * log_2pi - 0.5 * sum_log_v - 0.5 * rss;
        let ll_reml = -0.5 * (kf - 1.0) * log_2pi + 0.5 * kf.ln()
            - 0.5 * sum_log_v
            - 0.5 * sum_w.ln()
            - 0.5 * rss;
        Some(TablesFitStatistics {
            ml: Criteria::new(ll_ml, rss, 1, k),
            reml: Criteria::new(ll_reml, -2.0 * ll_reml, 1, k - 1),
        })
    }
}

/// The Cochran–Mantel–Haenszel test of a common odds ratio of 1, and the Breslow–Day and
/// Tarone tests of homogeneity of the odds ratios (Mantel–Haenszel OR only).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct OddsRatioTests {
    /// Cochran's statistic (variances with Nᵢ) and the Mantel–Haenszel one (Nᵢ − 1), each on
    /// 1 df; `None` when no table has an event or a non-event.
    pub cochran: Option<f64>,
    pub cochran_p: Option<f64>,
    pub cmh: Option<f64>,
    pub cmh_p: Option<f64>,
    /// Whether the CMH statistics were continuity-corrected (|Σ(aᵢ − Eᵢ)| − 1/2).
    pub continuity_correction: bool,
    /// Breslow–Day and Tarone's corrected statistic on `k_pos − 1` df (p absent when
    /// `k_pos` < 2); `None` when the pooled OR is not estimable.
    pub breslow_day: Option<f64>,
    pub breslow_day_p: Option<f64>,
    pub tarone: Option<f64>,
    pub tarone_p: Option<f64>,
    /// Tables counted by the Breslow–Day test (an expected count above 0, an event and a
    /// non-event).
    pub k_pos: usize,
}

/// A fixed-effect model of 2×2 tables (Mantel–Haenszel or Peto), as metafor prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TablesFit {
    /// "Mantel-Haenszel" or "Peto".
    pub method: &'static str,
    /// OR, RR or RD (Peto: OR).
    pub measure: String,
    pub level: f64,
    /// Studies (tables) in the model, and those with an estimate of their own.
    pub k: usize,
    pub k_yi: usize,
    /// The pooled log ratio (OR, RR) or difference (RD), z test and interval; `None` when
    /// not estimable (no events in one of the groups of every table).
    #[serde(flatten)]
    pub pooled: Option<TestedEstimate>,
    /// exp of the pooled log ratio and its interval (OR and RR).
    pub ratio: Option<RatioScale>,
    pub heterogeneity: TablesHeterogeneity,
    pub fit_statistics: Option<TablesFitStatistics>,
    /// Mantel–Haenszel OR only.
    pub odds_ratio_tests: Option<OddsRatioTests>,
}

impl TablesFit {
    /// The pooled `estimate` with standard error `se` (both finite) as a z test and Wald
    /// interval, and on the ratio scale for a log ratio.
    pub(crate) fn pooled(
        estimate: f64,
        se: f64,
        level: ConfidenceLevel,
        ratio: bool,
    ) -> (Option<TestedEstimate>, Option<RatioScale>) {
        if !(estimate.is_finite() && se.is_finite() && se > 0.0) {
            return (None, None);
        }
        let t = TestedEstimate::new(estimate, se, None, level.z_crit());
        let r = ratio.then(|| RatioScale::of(&t));
        (Some(t), r)
    }
}

impl Tabular for TablesFit {
    fn preamble(&self) -> Option<String> {
        let mut s = format!(
            "Fixed-effect model, {} method ({}; k = {}",
            self.method,
            match self.measure.as_str() {
                "OR" => "log odds ratio",
                "RR" => "log risk ratio",
                _ => "risk difference",
            },
            self.k
        );
        if self.k_yi != self.k {
            s.push_str(&format!(
                ", {} with an estimate of their own: the others have no events, or only events, in both groups",
                self.k_yi
            ));
        }
        s.push(')');
        if self.pooled.is_none() {
            s.push_str("\nThe pooled estimate is not estimable: one of the groups has no events (or only events) in every table.");
        }
        Some(s)
    }

    fn table(&self) -> Table {
        let mut header = vec!["coefficient".to_string()];
        header.extend(TESTED_COLUMNS.iter().map(|s| s.to_string()));
        let mut row = vec![Cell::from("intercept")];
        match &self.pooled {
            Some(t) => row.extend(t.cells().map(Cell::from)),
            None => row.extend(std::iter::repeat_n(Cell::Missing, TESTED_COLUMNS.len())),
        }
        Table {
            header,
            rows: vec![row],
        }
    }

    fn epilogue(&self) -> Option<String> {
        let mut lines = Vec::new();
        if let Some(r) = &self.ratio {
            lines.push(format!(
                "{}: {} ({}% CI {} to {})",
                self.measure,
                human_number(r.estimate),
                human_number(100.0 * self.level),
                human_number(r.ci_lower),
                human_number(r.ci_upper)
            ));
        }
        let h = &self.heterogeneity;
        lines.push(format!(
            "Test for heterogeneity: Q({}) = {}, p = {}; I^2 = {}%, H^2 = {}",
            h.q_df,
            human_number(h.q),
            human_number(h.q_p),
            human_number(h.i2),
            human_number(h.h2)
        ));
        if let Some(t) = &self.odds_ratio_tests {
            if let (Some(x), Some(p)) = (t.cmh, t.cmh_p) {
                lines.push(format!(
                    "Cochran-Mantel-Haenszel test: CMH = {}, df = 1, p = {}{}",
                    human_number(x),
                    human_number(p),
                    if t.continuity_correction {
                        " (continuity-corrected)"
                    } else {
                        ""
                    }
                ));
            }
            if let Some(x) = t.tarone {
                lines.push(format!(
                    "Tarone's test for heterogeneity: X^2 = {}, df = {}, p = {}",
                    human_number(x),
                    t.k_pos.saturating_sub(1),
                    t.tarone_p.map_or("NA".to_string(), human_number)
                ));
            }
        }
        Some(lines.join("\n"))
    }
}
