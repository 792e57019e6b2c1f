//! What a meta-analysis fits: the studies ([`MetaData`]: labels, estimates, sampling
//! variances, moderators) and the choices of the analyst ([`MetaOptions`]: the τ² estimator
//! [`Method`], the [`Test`], the confidence level, the diagnostics asked for). Every model of
//! the module reads these; they hold no statistics.

use super::moderators::{self, ModelMatrix, Moderator};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;

/// A τ² value carried by a [`Method`], kept as its bits so that the method stays `Eq`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tau2Value(u64);

impl Tau2Value {
    /// `tau2`, which must be finite and ≥ 0 (see [`Tau2Value::parse`]).
    pub fn new(tau2: f64) -> Self {
        Tau2Value(tau2.to_bits())
    }

    pub fn get(self) -> f64 {
        f64::from_bits(self.0)
    }

    /// A τ² given on the command line as `option`: a finite number ≥ 0.
    pub fn parse(text: &str, option: &str) -> Result<Self> {
        match text.trim().parse::<f64>() {
            Ok(x) if x.is_finite() && x >= 0.0 => Ok(Tau2Value::new(x)),
            _ => Err(Error::input(
                option,
                format!("'{text}' is not allowed; give a finite number >= 0"),
            )),
        }
    }
}

/// Estimator of τ² (metafor's `method`).
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// # use trialstats_stats::meta::input::{read_csv, Columns, Effects};
/// # let effects = Effects::Columns { yi: "yi".into(), variance: "vi".into(), is_se: false };
/// # let columns = Columns { effects, label: None, mods: vec![], level: Default::default(), na: Default::default() };
/// # let bcg = read_csv(std::path::Path::new("tests/data/bcg.csv"), &columns)?;
/// use trialstats_stats::meta::{fit, MetaOptions, Method};
/// // The BCG trials (tests/data/bcg.csv), metafor's default settings: for (m in c("ML", "HE",
/// // "SJ", "HS")) rma(yi, vi, data = dat, method = m)$tau2 gives 0.28002817104959499,
/// // 0.32856385799576882, 0.34551570159859507, 0.22836286367690684 (tests/meta_metafor.rs).
/// for (method, tau2) in [(Method::ML, 0.28002817104959499), (Method::HE, 0.32856385799576882),
///     (Method::SJ, 0.34551570159859507), (Method::HS, 0.22836286367690684)] {
///     let res = fit(&bcg, &MetaOptions { method, ..MetaOptions::default() })?;
///     assert!((res.tau2 - tau2).abs() < 1e-6 * tau2);
/// }
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// Fixed (common) effect: τ² = 0.
    FE,
    /// DerSimonian–Laird.
    DL,
    /// Hedges (unit weights).
    HE,
    /// Hunter–Schmidt.
    HS,
    /// Sidik–Jonkman.
    SJ,
    /// Maximum likelihood.
    ML,
    /// Restricted maximum likelihood (the default).
    #[default]
    REML,
    /// Empirical Bayes (Morris).
    EB,
    /// Paule–Mandel.
    PM,
    /// Median-unbiased Paule–Mandel (Viechtbauer 2021): the generalised Q statistic set to the
    /// median of χ²(k − p) instead of its mean.
    PMM,
    /// Hunter–Schmidt with the small-sample factor k / (k − p).
    HSk,
    /// Iterated DerSimonian–Laird: the DL estimate recomputed with weights `1/(vᵢ + τ²)` until
    /// it stops changing (its fixed point).
    DLIT,
    /// Iterated Sidik–Jonkman: the SJ update repeated to its fixed point, the root of
    /// `Q(τ²) = k − p` (so the Paule–Mandel value when that is positive).
    SJIT,
    /// Sidik–Jonkman from a given starting value τ₀² instead of `Σ(yᵢ − ȳ)²/k` (metafor's
    /// `control = list(tau2.init = ...)`).
    SJStart(Tau2Value),
    /// The generalised Q estimator with the user's weights `aᵢ` (DerSimonian & Kacker 2007;
    /// metafor's `GENQ`): `(y'Py − tr(PV)) / tr(P)` with `P = A − AX(X'AX)⁻¹X'A`, truncated
    /// at 0. Needs weights (`--weights`).
    GENQ,
    /// τ² fixed at a given value, not estimated (metafor's `rma(..., tau2 = ...)`): every
    /// refit (leave-one-out, influence, subgroups) keeps it.
    Fixed(Tau2Value),
}

impl Method {
    /// The metafor code.
    pub fn name(self) -> &'static str {
        match self {
            Method::FE => "FE",
            Method::DL => "DL",
            Method::HE => "HE",
            Method::HS => "HS",
            Method::SJ => "SJ",
            Method::ML => "ML",
            Method::REML => "REML",
            Method::EB => "EB",
            Method::PM => "PM",
            Method::PMM => "PMM",
            Method::HSk => "HSk",
            Method::DLIT => "DLIT",
            Method::SJIT => "SJIT",
            Method::SJStart(_) => "SJ",
            Method::GENQ => "GENQ",
            Method::Fixed(_) => "fixed",
        }
    }

    /// Whether τ² is fixed rather than estimated.
    pub fn is_fixed(self) -> bool {
        matches!(self, Method::Fixed(_))
    }
}

impl std::str::FromStr for Method {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s.to_ascii_uppercase().as_str() {
            "FE" | "EE" | "CE" => Method::FE,
            "DL" => Method::DL,
            "HE" => Method::HE,
            "HS" => Method::HS,
            "SJ" => Method::SJ,
            "ML" => Method::ML,
            "REML" => Method::REML,
            "EB" => Method::EB,
            "PM" => Method::PM,
            "PMM" => Method::PMM,
            "HSK" => Method::HSk,
            "DLIT" => Method::DLIT,
            "SJIT" => Method::SJIT,
            "GENQ" => Method::GENQ,
            other => {
                return Err(Error::field(
                    "method",
                    format!(
                        "unknown method '{other}'; allowed: FE, DL, HE, HS, HSk, SJ, ML, REML, EB, PM, PMM, DLIT, SJIT, GENQ (with {{field:weights}})"
                    ),
                ));
            }
        })
    }
}

/// How the coefficients are tested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Test {
    /// Wald-type z tests and χ² omnibus test.
    #[default]
    Z,
    /// Knapp & Hartung (2003): t tests with k − p df and an F omnibus test.
    Knha,
    /// Knapp–Hartung with the ad hoc correction (metafor ≥ 4.0 `test = "adhoc"`; Jackson et
    /// al. 2017, *Stat Med* 36:3923; Röver et al. 2015, *BMC Med Res Methodol* 15:99): the
    /// scale factor `s²_w` is raised to 1 when below it, so the interval is never narrower
    /// than the standard (z-based scale) random-effects one.
    Adhoc,
}

impl Test {
    /// The name metafor gives the test.
    pub fn name(self) -> &'static str {
        match self {
            Test::Z => "z",
            Test::Knha => "knha",
            Test::Adhoc => "adhoc",
        }
    }
}

impl std::str::FromStr for Test {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "z" => Ok(Test::Z),
            "knha" | "hksj" => Ok(Test::Knha),
            "adhoc" => Ok(Test::Adhoc),
            other => Err(Error::field(
                "test",
                format!("unknown test '{other}'; allowed: z, knha, adhoc"),
            )),
        }
    }
}

/// The studies to pool: one label, estimate and sampling variance each, and optional
/// moderators.
#[derive(Debug, Clone, Default)]
pub struct MetaData {
    /// Study labels (for tables and charts).
    pub labels: Vec<String>,
    /// Effect estimates.
    pub yi: Vec<f64>,
    /// Sampling variances (all > 0).
    pub vi: Vec<f64>,
    /// Moderators (`None`: intercept-only model).
    pub mods: Option<Vec<Moderator>>,
}

impl MetaData {
    /// Studies from `(label, yi, vi)` triples, without moderators.
    pub fn from_triples(rows: Vec<(String, f64, f64)>) -> Self {
        let mut d = MetaData::default();
        for (l, y, v) in rows {
            d.labels.push(l);
            d.yi.push(y);
            d.vi.push(v);
        }
        d
    }

    /// The model matrix: the intercept (`intrcpt`), then the moderators, if any (see
    /// [`super::moderators::model_matrix`]).
    pub fn design(&self) -> Result<ModelMatrix> {
        let k = self.yi.len();
        match &self.mods {
            Some(m) if !m.is_empty() => moderators::model_matrix(k, m),
            _ => Ok(ModelMatrix::intercept_only(k, moderators::INTERCEPT)),
        }
    }
}

/// The most studies leave-one-out and case-deletion diagnostics are computed for: each
/// refits the model once per study, so the work grows with k² (about 4 s at this size).
pub const MAX_REFITS: usize = 5_000;

/// What to fit and report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetaOptions {
    /// τ² estimator.
    pub method: Method,
    /// z or Knapp–Hartung tests.
    pub test: Test,
    /// Confidence level of every interval.
    pub level: ConfidenceLevel,
    /// Compute the leave-one-out table (intercept-only models).
    pub leave_one_out: bool,
    /// Compute the case-deletion diagnostics.
    pub influence: bool,
    /// Compute the per-study fitted values, BLUPs, random effects and standardised residuals.
    pub per_study: bool,
    /// Form the k×k hat matrix.
    pub hat_matrix: bool,
    /// The kind of confidence interval for τ² (and so for I² and H²).
    pub tau2_interval: Tau2Interval,
}

/// How the confidence interval for τ² is found (metafor's `confint(res, type = ...)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tau2Interval {
    /// Q-profile (Viechtbauer 2007), metafor's default.
    #[default]
    QProfile,
    /// Profile likelihood (of the fit's likelihood: REML for a REML fit, ML otherwise).
    ProfileLikelihood,
    /// Wald type, `τ̂² ± z · SE(τ̂²)`, the lower bound truncated at 0.
    Wald,
    /// Generalised Q (Jackson 2013), for a GENQ fit: the distribution of the weighted Q
    /// statistic as a weighted sum of χ²₁ (metafor's default for GENQ fits).
    GeneralisedQ,
}

impl Tau2Interval {
    /// metafor's name of the type.
    pub fn name(self) -> &'static str {
        match self {
            Tau2Interval::QProfile => "QP",
            Tau2Interval::ProfileLikelihood => "PL",
            Tau2Interval::Wald => "Wald",
            Tau2Interval::GeneralisedQ => "GENQ",
        }
    }
}

impl std::str::FromStr for Tau2Interval {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_uppercase().as_str() {
            "QP" => Ok(Tau2Interval::QProfile),
            "PL" => Ok(Tau2Interval::ProfileLikelihood),
            "WALD" => Ok(Tau2Interval::Wald),
            "GENQ" => Ok(Tau2Interval::GeneralisedQ),
            other => Err(Error::field(
                "tau2_ci",
                format!("unknown interval type '{other}'; allowed: QP, PL, Wald, GENQ"),
            )),
        }
    }
}

impl Default for MetaOptions {
    fn default() -> Self {
        MetaOptions {
            method: Method::REML,
            test: Test::Z,
            level: ConfidenceLevel::NINETY_FIVE,
            leave_one_out: false,
            influence: false,
            per_study: false,
            hat_matrix: false,
            tau2_interval: Tau2Interval::QProfile,
        }
    }
}

/// Check the studies: finite estimates, finite positive variances, matching lengths.
pub fn validate(data: &MetaData) -> Result<()> {
    let k = data.yi.len();
    if k == 0 {
        return Err(Error::input("data", "no studies to pool"));
    }
    if data.vi.len() != k || data.labels.len() != k {
        return Err(Error::input(
            "data",
            format!(
                "{} estimates, {} variances and {} labels: each study needs all three",
                k,
                data.vi.len(),
                data.labels.len()
            ),
        ));
    }
    for i in 0..k {
        let at = || format!("study {} ({})", i + 1, data.labels[i]);
        if !data.yi[i].is_finite() {
            return Err(Error::input(at(), "the estimate is not a finite number"));
        }
        if !(data.vi[i].is_finite() && data.vi[i] > 0.0) {
            return Err(Error::input(
                at(),
                format!(
                    "the sampling variance {} is not allowed; it must be a finite number > 0",
                    data.vi[i]
                ),
            ));
        }
    }
    Ok(())
}
