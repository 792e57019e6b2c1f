//! What the `±` after a mean stands for, and the one conversion between its two meanings.
//!
//! Trials print "mean ± x" and often do not say whether x is the standard deviation of the
//! patients' values or the standard error of the mean. The two differ by a factor √n
//! (SEM = SD/√n; Cochrane Handbook §6.5.2.2), so reading one as the other misstates every
//! effect size. [`SpreadKind::NotReported`] keeps "the document does not say" explicit; code
//! that needs one reading asks for [`SpreadKind::readings`] and reports each.

use super::number::ReportedNumber;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// What the spread printed after `±` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SpreadKind {
    /// Sample standard deviation of the patients' values.
    #[serde(rename = "SD")]
    Sd,
    /// Standard error of the mean, SD/√n.
    #[serde(rename = "SEM")]
    Sem,
    /// The document does not say.
    #[serde(rename = "not reported")]
    NotReported,
}

impl SpreadKind {
    /// The spelling of data files and printouts: `SD`, `SEM`, `not reported`.
    pub fn as_str(self) -> &'static str {
        match self {
            SpreadKind::Sd => "SD",
            SpreadKind::Sem => "SEM",
            SpreadKind::NotReported => super::NOT_REPORTED,
        }
    }

    /// The definite readings to check: `[Sd]`, `[Sem]`, or both when the kind is not
    /// reported.
    pub fn readings(self) -> &'static [SpreadKind] {
        match self {
            SpreadKind::Sd => &[SpreadKind::Sd],
            SpreadKind::Sem => &[SpreadKind::Sem],
            SpreadKind::NotReported => &[SpreadKind::Sd, SpreadKind::Sem],
        }
    }

    /// The SD that a spread of this kind stands for in `n` patients: an SD as it is, an SEM
    /// times √n. A spread of unreported kind is read as an SD, its smaller meaning; callers
    /// that do so say it (see `crate::analysis`).
    ///
    /// ```
    /// use trialstats_numerics::reported::SpreadKind;
    /// // An SEM of 0.5 among 16 patients is an SD of 0.5 · √16 = 2.
    /// assert_eq!(SpreadKind::Sem.to_sd(0.5, 16.0), 2.0);
    /// assert_eq!(SpreadKind::Sd.to_sd(0.5, 16.0), 0.5);
    /// ```
    pub fn to_sd(self, spread: f64, n: f64) -> f64 {
        match self {
            SpreadKind::Sem => spread * n.sqrt(),
            SpreadKind::Sd | SpreadKind::NotReported => spread,
        }
    }

    /// The standard error of a mean over `n` patients that a spread of this kind implies:
    /// an SEM as it is, an SD divided by √n (an unreported kind read as an SD).
    ///
    /// ```
    /// use trialstats_numerics::reported::SpreadKind;
    /// // An SD of 2 among 16 patients is an SEM of 2 / √16 = 0.5.
    /// assert_eq!(SpreadKind::Sd.to_sem(2.0, 16.0), 0.5);
    /// assert_eq!(SpreadKind::Sem.to_sem(0.5, 16.0), 0.5);
    /// ```
    pub fn to_sem(self, spread: f64, n: f64) -> f64 {
        match self {
            SpreadKind::Sem => spread,
            SpreadKind::Sd | SpreadKind::NotReported => spread / n.sqrt(),
        }
    }

    /// The smallest SD that a printed spread of this kind can stand for, allowing for
    /// rounding: the printed value less half a unit in its last digit, times √n for an SEM.
    /// An unreported kind is read as an SD, the smaller of its two meanings, so that a bound
    /// on the SD is never applied too strictly.
    ///
    /// ```
    /// use trialstats_numerics::reported::{ReportedNumber, SpreadKind};
    /// // A printed SEM of 0.5 is at least 0.45; among 16 patients an SD of 0.45 · √16 = 1.8.
    /// let sem = ReportedNumber::parse("0.5", "sem")?;
    /// assert!((SpreadKind::Sem.smallest_sd(&sem, 16) - 1.8).abs() < 1e-12);
    /// // "SE" is read as an SEM.
    /// assert_eq!("SE".parse::<SpreadKind>()?, SpreadKind::Sem);
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn smallest_sd(self, spread: &ReportedNumber, n: u64) -> f64 {
        let low = (spread.value - spread.half_unit()).max(0.0);
        self.to_sd(low, n as f64)
    }

    /// "an SD", "an SEM": for sentences.
    pub fn with_article(self) -> &'static str {
        match self {
            SpreadKind::Sd => "an SD",
            SpreadKind::Sem => "an SEM",
            SpreadKind::NotReported => "a spread of unreported kind",
        }
    }
}

/// Whether a printed comparison between arms was adjusted (ANCOVA, MMRM, least-squares
/// means): its SE then cannot be recomputed from the raw arms, only bounded (see
/// `crate::reading`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Adjusted {
    Yes,
    No,
    /// The document does not say.
    NotReported,
}

impl Adjusted {
    /// `adjusted`, `unadjusted`, `not reported`.
    pub fn as_str(self) -> &'static str {
        match self {
            Adjusted::Yes => "adjusted",
            Adjusted::No => "unadjusted",
            Adjusted::NotReported => super::NOT_REPORTED,
        }
    }
}

impl std::fmt::Display for SpreadKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for SpreadKind {
    type Err = Error;
    /// Any usual spelling, case-insensitively: `sd`; `sem`, `se`; `not reported`,
    /// `not-reported`, `unspecified`, `na`, `none` or empty.
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sd" => Ok(SpreadKind::Sd),
            "sem" | "se" => Ok(SpreadKind::Sem),
            "not reported" | "not-reported" | "not_reported" | "unspecified" | "na" | "none"
            | "" => Ok(SpreadKind::NotReported),
            other => Err(Error::input(
                "spread kind",
                format!("'{other}' is not a kind of spread; allowed: sd, sem, not-reported"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sem_and_sd_convert_by_root_n() {
        assert_eq!(SpreadKind::Sem.to_sd(1.0, 4.0), 2.0);
        assert_eq!(SpreadKind::Sd.to_sem(2.0, 4.0), 1.0);
        assert_eq!(SpreadKind::NotReported.to_sd(1.5, 7.0), 1.5);
        assert_eq!(SpreadKind::NotReported.readings().len(), 2);
        assert_eq!("SE".parse::<SpreadKind>().unwrap(), SpreadKind::Sem);
        assert_eq!(
            "not reported".parse::<SpreadKind>().unwrap(),
            SpreadKind::NotReported
        );
        assert!("cv".parse::<SpreadKind>().is_err());
    }
}
