//! What a paper reported and what is asked of it: the five-number summary ([`FiveNumbers`])
//! and which of its numbers are present ([`Scenario`], Wan et al. 2014's S1–S3), the methods
//! that turn it into a mean and SD ([`MedianMethod`], [`Methods`] for the mean's and the SD's)
//! with the n each takes, and the distribution assumed ([`Distribution`]). Validation lives
//! here too, so every method refuses the same bad numbers with the same words.
//!
//! The estimation itself is in [`super::median`] (normal-theory formulas) and
//! [`super::skewed`] (the fitted distributions); both read these types, neither is read here.

use crate::error::{Error, Result};
use serde::Serialize;

/// Which of the five numbers were reported (Wan et al. 2014's scenarios).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Scenario {
    /// S1: minimum, median, maximum.
    #[serde(rename = "min-median-max")]
    Range,
    /// S2: first quartile, median, third quartile.
    #[serde(rename = "q1-median-q3")]
    Quartiles,
    /// S3: all five.
    #[serde(rename = "five-number")]
    FiveNumbers,
}

impl Scenario {
    /// The name as printed (and in JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            Scenario::Range => "min-median-max",
            Scenario::Quartiles => "q1-median-q3",
            Scenario::FiveNumbers => "five-number",
        }
    }
}

/// How the mean and SD are estimated.
///
/// ```
/// use trialstats_stats::convert::{mean_sd, Distribution, FiveNumbers, MedianMethod};
/// // Median 6 (IQR 4–10) of 20 by Wan et al. (2014): mean (4 + 6 + 10)/3 = 20/3 (eq. 14) and
/// // SD 6/(2 Φ⁻¹((0.75·20 − 0.125)/20.25)) = 4.7870760433704662 (eq. 16; R:
/// // 6/(2*qnorm((0.75*20-0.125)/(20+0.25))), tests/convert_cli.rs).
/// let x = FiveNumbers { min: None, q1: Some(4.0), median: 6.0, q3: Some(10.0), max: None, n: 20 };
/// let m = mean_sd(&x, MedianMethod::Wan2014, Distribution::Norm, "quartiles")?;
/// assert!((m.mean - 20.0 / 3.0).abs() < 1e-12);
/// assert!((m.sd - 4.7870760433704662).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum MedianMethod {
    /// Mean by Luo et al. 2018, SD by Wan et al. 2014 (S1, S2) or Shi et al. 2020 (S3).
    #[default]
    #[serde(rename = "luo-wan-shi")]
    LuoWanShi,
    /// Mean and SD by Wan et al. 2014.
    #[serde(rename = "wan2014")]
    Wan2014,
    /// Wan et al. 2014 with the exact divisors of their Tables 1 and 2 for small n (as R
    /// `meta` uses them), the formulas beyond.
    #[serde(rename = "wan2014-exact")]
    Wan2014Exact,
    /// Hozo et al. 2005 (S1 only).
    #[serde(rename = "hozo2005")]
    Hozo2005,
    /// Bland 2015 (S3 only).
    #[serde(rename = "bland2015")]
    Bland2015,
    /// Walter & Yao 2007 (S1 only).
    #[serde(rename = "walter2007")]
    Walter2007,
    /// Quantile estimation, McGrath et al. 2020 (estmeansd `qe.mean.sd`).
    #[serde(rename = "qe")]
    Qe,
    /// Box–Cox, McGrath et al. 2020 (estmeansd `bc.mean.sd`).
    #[serde(rename = "bc")]
    Bc,
    /// Unknown non-normal distributions, Cai et al. 2021 (estmeansd `mln.mean.sd`).
    #[serde(rename = "mln")]
    Mln,
    /// Best linear unbiased estimates from the reported order statistics of a normal sample,
    /// Yang et al. 2022 (metaBLUE `BLUE_s`).
    #[serde(rename = "blue")]
    Blue,
}

/// The method names accepted, for messages.
const METHOD_NAMES: &str =
    "luo-wan-shi, wan2014, hozo2005, bland2015, walter2007, qe, bc, mln, blue, wan2014-exact";

impl MedianMethod {
    /// The name as typed and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            MedianMethod::LuoWanShi => "luo-wan-shi",
            MedianMethod::Wan2014 => "wan2014",
            MedianMethod::Wan2014Exact => "wan2014-exact",
            MedianMethod::Hozo2005 => "hozo2005",
            MedianMethod::Bland2015 => "bland2015",
            MedianMethod::Walter2007 => "walter2007",
            MedianMethod::Qe => "qe",
            MedianMethod::Bc => "bc",
            MedianMethod::Mln => "mln",
            MedianMethod::Blue => "blue",
        }
    }

    /// The skewed-data methods of [`super::skewed`] (estmeansd's), which fit a distribution.
    pub fn is_skewed(self) -> bool {
        matches!(
            self,
            MedianMethod::Qe | MedianMethod::Bc | MedianMethod::Mln
        )
    }

    /// The smallest n the method takes (estmeansd's 3 for its methods, metafor's 5 else).
    pub fn min_n(self) -> u64 {
        if self.is_skewed() {
            ESTMEANSD_MIN_N
        } else {
            MIN_N
        }
    }

    /// The largest n the method takes.
    pub fn max_n(self) -> u64 {
        if self.is_skewed() {
            ESTMEANSD_MAX_N
        } else {
            MAX_N
        }
    }

    /// The scenarios a method has formulas for.
    pub fn scenarios(self) -> &'static [Scenario] {
        use Scenario::*;
        match self {
            MedianMethod::LuoWanShi
            | MedianMethod::Wan2014
            | MedianMethod::Wan2014Exact
            | MedianMethod::Qe
            | MedianMethod::Bc
            | MedianMethod::Mln
            | MedianMethod::Blue => &[Range, Quartiles, FiveNumbers],
            MedianMethod::Hozo2005 | MedianMethod::Walter2007 => &[Range],
            MedianMethod::Bland2015 => &[FiveNumbers],
        }
    }
}

impl std::str::FromStr for MedianMethod {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().replace('/', "-").as_str() {
            "luo-wan-shi" | "default" => Ok(MedianMethod::LuoWanShi),
            "wan2014" => Ok(MedianMethod::Wan2014),
            "wan2014-exact" => Ok(MedianMethod::Wan2014Exact),
            "hozo2005" => Ok(MedianMethod::Hozo2005),
            "bland2015" => Ok(MedianMethod::Bland2015),
            "walter2007" => Ok(MedianMethod::Walter2007),
            "qe" => Ok(MedianMethod::Qe),
            "bc" => Ok(MedianMethod::Bc),
            "mln" => Ok(MedianMethod::Mln),
            "blue" => Ok(MedianMethod::Blue),
            other => Err(Error::field(
                "method",
                format!("unknown method '{other}'; allowed: {METHOD_NAMES}"),
            )),
        }
    }
}

/// The distribution assumed for the data behind the five numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Distribution {
    /// Normal.
    #[default]
    Norm,
    /// Log-normal: the numbers are logged, converted, and back-transformed.
    Lnorm,
}

impl std::str::FromStr for Distribution {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "norm" | "normal" => Ok(Distribution::Norm),
            "lnorm" | "lognormal" | "log-normal" => Ok(Distribution::Lnorm),
            other => Err(Error::field(
                "dist",
                format!("unknown distribution '{other}'; allowed: norm, lnorm"),
            )),
        }
    }
}

/// What a paper reported: the median and n, and the quartiles and/or the range.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct FiveNumbers {
    pub min: Option<f64>,
    pub q1: Option<f64>,
    pub median: f64,
    pub q3: Option<f64>,
    pub max: Option<f64>,
    /// Sample size (at least 5, as metafor's `conv.fivenum`).
    pub n: u64,
}

/// The smallest n the methods are used for (metafor's `conv.fivenum` leaves n < 5 out).
pub const MIN_N: u64 = 5;

/// The largest n taken (as every sample size of the tool).
pub const MAX_N: u64 = 1_000_000_000;

/// The smallest and largest n estmeansd takes for QE, BC and MLN (its `check_errors`).
pub const ESTMEANSD_MIN_N: u64 = 3;
pub const ESTMEANSD_MAX_N: u64 = 1_000_000;

impl FiveNumbers {
    /// Which scenario these numbers are, or what is missing. `at` names the place for
    /// messages (an option list or `FILE:LINE`).
    pub fn scenario(&self, at: &str) -> Result<Scenario> {
        let pair = |a: Option<f64>, b: Option<f64>, names: &str| match (a, b) {
            (Some(_), Some(_)) => Ok(true),
            (None, None) => Ok(false),
            _ => Err(Error::input(
                at,
                format!("{names} come as a pair; give both or neither"),
            )),
        };
        let range = pair(self.min, self.max, "min and max")?;
        let quartiles = pair(self.q1, self.q3, "q1 and q3")?;
        match (range, quartiles) {
            (true, false) => Ok(Scenario::Range),
            (false, true) => Ok(Scenario::Quartiles),
            (true, true) => Ok(Scenario::FiveNumbers),
            (false, false) => Err(Error::input(
                at,
                "a median alone says nothing of the spread; give min and max, q1 and q3, or all five",
            )),
        }
    }

    /// The reported values in order (min, median, max; q1, median, q3; or all five), as the
    /// scenario says which are present.
    pub fn values(&self, scenario: Scenario) -> Vec<f64> {
        let m = self.median;
        let (a, q1, q3, b) = (
            self.min.unwrap_or(m),
            self.q1.unwrap_or(m),
            self.q3.unwrap_or(m),
            self.max.unwrap_or(m),
        );
        match scenario {
            Scenario::Range => vec![a, m, b],
            Scenario::Quartiles => vec![q1, m, q3],
            Scenario::FiveNumbers => vec![a, q1, m, q3, b],
        }
    }

    /// Refuse numbers that cannot be a five-number summary: not finite, not ordered
    /// min ≤ q1 ≤ median ≤ q3 ≤ max, a zero range or IQR, n below [`MIN_N`], or a value ≤ 0
    /// under the log-normal.
    pub(super) fn validate(
        &self,
        dist: Distribution,
        methods: Methods,
        at: &str,
    ) -> Result<Scenario> {
        let scenario = self.scenario(at)?;
        let named = [
            ("min", self.min),
            ("q1", self.q1),
            ("median", Some(self.median)),
            ("q3", self.q3),
            ("max", self.max),
        ];
        let given: Vec<(&str, f64)> = named
            .iter()
            .filter_map(|(name, v)| v.map(|v| (*name, v)))
            .collect();
        if let Some((name, v)) = given.iter().find(|(_, v)| !v.is_finite()) {
            return Err(Error::input(
                at,
                format!("{name} {v} is not a finite number"),
            ));
        }
        for w in given.windows(2) {
            if w[0].1 > w[1].1 {
                return Err(Error::input(
                    at,
                    format!(
                        "{} {} is above {} {}; the numbers must be ordered min ≤ q1 ≤ median ≤ q3 ≤ max",
                        w[0].0, w[0].1, w[1].0, w[1].1
                    ),
                ));
            }
        }
        if let (Some(a), Some(b)) = (self.min, self.max) {
            if a == b {
                return Err(Error::input(
                    at,
                    format!("min and max are both {a}: a range of zero gives no SD to estimate"),
                ));
            }
        }
        if let (Some(a), Some(b)) = (self.q1, self.q3) {
            if a == b {
                return Err(Error::input(
                    at,
                    format!("q1 and q3 are both {a}: an IQR of zero gives no SD to estimate"),
                ));
            }
        }
        let (min_n, max_n) = (methods.min_n(), methods.max_n());
        if self.n < min_n {
            return Err(Error::input(
                at,
                format!(
                    "n = {} is too small; these methods need n ≥ {min_n} ({}, {})",
                    self.n,
                    methods.name(),
                    if min_n == MIN_N {
                        "as metafor's conv.fivenum"
                    } else {
                        "as estmeansd"
                    }
                ),
            ));
        }
        if self.n > max_n {
            return Err(Error::input(
                at,
                format!(
                    "n = {} is too large; allowed: {min_n} to {max_n} ({})",
                    self.n,
                    methods.name()
                ),
            ));
        }
        if dist == Distribution::Lnorm {
            if let Some((name, v)) = given.iter().find(|(_, v)| *v <= 0.0) {
                return Err(Error::input(
                    at,
                    format!(
                        "{name} {v} is not positive; a log-normal distribution has only values > 0 (use {{field:dist}} norm)"
                    ),
                ));
            }
        }
        Ok(scenario)
    }

    /// The numbers on the log scale (validated positive first).
    pub(super) fn logged(&self) -> FiveNumbers {
        FiveNumbers {
            min: self.min.map(f64::ln),
            q1: self.q1.map(f64::ln),
            median: self.median.ln(),
            q3: self.q3.map(f64::ln),
            max: self.max.map(f64::ln),
            n: self.n,
        }
    }
}

/// The methods of the mean and of the SD (any pair; usually the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Methods {
    pub mean: MedianMethod,
    pub sd: MedianMethod,
}

impl Methods {
    /// One method for both.
    pub fn same(m: MedianMethod) -> Self {
        Methods { mean: m, sd: m }
    }

    /// `qe`, or `mean luo-wan-shi, sd qe` when they differ.
    pub fn name(self) -> String {
        if self.mean == self.sd {
            self.mean.as_str().to_string()
        } else {
            format!("mean {}, sd {}", self.mean.as_str(), self.sd.as_str())
        }
    }

    fn min_n(self) -> u64 {
        self.mean.min_n().max(self.sd.min_n())
    }

    fn max_n(self) -> u64 {
        self.mean.max_n().min(self.sd.max_n())
    }
}

impl From<MedianMethod> for Methods {
    fn from(m: MedianMethod) -> Self {
        Methods::same(m)
    }
}
