//! Expectations pinned in the data and their recomputation.
//!
//! A study file may pin derived numbers its document reports or implies (5 of 7 relapse-free is
//! 71.4 %; a decline slowed from 0.47 to 0.25 points/month is 46.8 % slower) as expectations:
//! an expression over the study's own values ([`crate::expression`]), the expected number and
//! a tolerance.
//! [`verify_expectation`] recomputes one; the report is a table of computed vs expected with an
//! [`Outcome`] that is a problem when any expectation fails. The same functions serve Rust
//! regression tests: load the data, verify, assert that everything holds.

use crate::error::{Outcome, Result};
use crate::expression::{Lookup, parse};
use crate::output::{Cell, Table, Tabular};
use serde::Serialize;

/// One expectation to recompute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpectationSpec<'a> {
    pub study: &'a str,
    pub id: &'a str,
    pub description: &'a str,
    pub compute: &'a str,
    pub expected: f64,
    pub tolerance: f64,
    /// Where it is written (file:line), for error messages.
    pub location: &'a str,
}

/// The recomputation of one expectation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verification {
    pub study: String,
    pub id: String,
    pub description: String,
    pub compute: String,
    /// The recomputed value, or `None` when it could not be computed (see `detail`).
    pub computed: Option<f64>,
    pub expected: f64,
    pub tolerance: f64,
    /// |computed − expected| ≤ tolerance.
    pub holds: bool,
    pub detail: String,
}

/// Recompute `spec` against `names`. An expression that cannot be evaluated (an unknown id, a
/// value not reported) is a failed verification with the reason in `detail`, not an error, so
/// that one broken expectation does not hide the others; a malformed expression is an error.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_documents::study::load_file;
/// use trialstats_documents::verify::{verify_expectation, ExpectationSpec};
/// // The press release: 5 of 7 patients relapse-free, printed as 71.4 %; 500/7 = 71.43.
/// let study = load_file(Path::new("data/nmo-tocilizumab.toml"))?;
/// let spec = |expected| ExpectationSpec {
///     study: "nmo-tocilizumab",
///     id: "relapse_free_percent",
///     description: "5 of 7 as a percentage",
///     compute: "100 * relapse_free / n_patients",
///     expected,
///     tolerance: 0.05,
///     location: "example",
/// };
/// assert!(verify_expectation(&spec(71.4), &study)?.holds);
/// let wrong = verify_expectation(&spec(75.0), &study)?; // 75 % would be 3 of 4
/// assert!(!wrong.holds && wrong.detail.starts_with("MISMATCH"));
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn verify_expectation(spec: &ExpectationSpec<'_>, names: &dyn Lookup) -> Result<Verification> {
    let expression = parse(spec.compute, spec.location)?;
    let (computed, holds, detail) = match expression.eval(names, spec.location) {
        Ok(v) => {
            let diff = (v - spec.expected).abs();
            let holds = diff <= spec.tolerance;
            let detail = if holds {
                format!("|difference| = {} ≤ {}", human(diff), human(spec.tolerance))
            } else {
                format!(
                    "MISMATCH: |difference| = {} > tolerance {}",
                    human(diff),
                    human(spec.tolerance)
                )
            };
            (Some(v), holds, detail)
        }
        Err(e) => (None, false, format!("cannot compute: {e}")),
    };
    Ok(Verification {
        study: spec.study.to_string(),
        id: spec.id.to_string(),
        description: spec.description.to_string(),
        compute: spec.compute.to_string(),
        computed,
        expected: spec.expected,
        tolerance: spec.tolerance,
        holds,
        detail,
    })
}

fn human(x: f64) -> String {
    crate::output::human_number(x)
}

/// All verifications of a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VerifyReport {
    pub verifications: Vec<Verification>,
}

impl VerifyReport {
    /// True when every expectation holds.
    pub fn all_hold(&self) -> bool {
        self.verifications.iter().all(|v| v.holds)
    }

    /// [`Outcome::ProblemFound`] when any expectation fails.
    pub fn outcome(&self) -> Outcome {
        if self.all_hold() {
            Outcome::Ok
        } else {
            Outcome::ProblemFound
        }
    }

    /// The failed verifications.
    pub fn failures(&self) -> impl Iterator<Item = &Verification> {
        self.verifications.iter().filter(|v| !v.holds)
    }
}

impl Tabular for VerifyReport {
    fn table(&self) -> Table {
        Table {
            header: [
                "study",
                "expectation",
                "computed",
                "expected",
                "tolerance",
                "result",
                "detail",
            ]
            .map(String::from)
            .to_vec(),
            rows: self
                .verifications
                .iter()
                .map(|v| {
                    vec![
                        Cell::from(v.study.as_str()),
                        Cell::from(v.id.as_str()),
                        Cell::from(v.computed),
                        Cell::Number(v.expected),
                        Cell::Number(v.tolerance),
                        Cell::from(if v.holds { "ok" } else { "FAIL" }),
                        Cell::from(v.detail.as_str()),
                    ]
                })
                .collect(),
        }
    }

    fn test_cases(&self) -> Option<Vec<crate::output::TestCase>> {
        Some(
            self.verifications
                .iter()
                .map(|v| crate::output::TestCase {
                    suite: v.study.clone(),
                    name: v.id.clone(),
                    failure: (!v.holds).then(|| {
                        format!(
                            "computed {} but the document reports {} (tolerance {})",
                            v.computed
                                .map_or("nothing".to_string(), crate::output::human_number),
                            crate::output::human_number(v.expected),
                            crate::output::human_number(v.tolerance)
                        )
                    }),
                    skipped: false,
                    detail: v.detail.clone(),
                })
                .collect(),
        )
    }

    fn epilogue(&self) -> Option<String> {
        let failed = self.failures().count();
        if self.verifications.is_empty() {
            return Some(
                "no expectations to verify: the data pins no derived numbers ([[expectations]])"
                    .to_string(),
            );
        }
        Some(format!(
            "{} of {} expectations hold{}",
            self.verifications.len() - failed,
            self.verifications.len(),
            if failed > 0 {
                format!("; {failed} FAILED")
            } else {
                String::new()
            }
        ))
    }
}

impl std::fmt::Display for VerifyReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for v in &self.verifications {
            writeln!(
                f,
                "{}/{}: {} [{}]",
                v.study,
                v.id,
                if v.holds { "ok" } else { "FAIL" },
                v.detail
            )?;
        }
        Ok(())
    }
}

/// Recompute every expectation of `study`.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_documents::{study::load_file, verify::verify_study};
/// // The press release prints 5 of 7 patients relapse-free and 71.4 %: 500/7 = 71.43.
/// let study = load_file(Path::new("data/nmo-tocilizumab.toml"))?;
/// let checks = verify_study(&study)?;
/// let percent = checks.iter().find(|v| v.id == "relapse_free_percent").unwrap();
/// assert!(percent.holds);
/// assert!((percent.computed.unwrap() - 500.0 / 7.0).abs() < 1e-12);
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn verify_study(study: &crate::study::Study) -> Result<Vec<Verification>> {
    study
        .expectations
        .iter()
        .map(|e| {
            let location = format!("{}: expectations[{}].compute", study.path.display(), e.id);
            verify_expectation(
                &ExpectationSpec {
                    study: &study.id,
                    id: &e.id,
                    description: &e.description,
                    compute: &e.compute,
                    expected: e.expected,
                    tolerance: e.tolerance,
                    location: &location,
                },
                study,
            )
        })
        .collect()
}

/// Recompute every expectation of every study: the library form of `trialstats verify`, for
/// pinning reported numbers in a Rust regression test:
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// let studies = trialstats_documents::study::load_dir(std::path::Path::new("data")).unwrap();
/// let report = trialstats_documents::verify::verify_all(&studies).unwrap();
/// assert!(report.all_hold(), "{report}");
/// ```
pub fn verify_all(studies: &[crate::study::Study]) -> Result<VerifyReport> {
    let mut verifications = Vec::new();
    for s in studies {
        verifications.extend(verify_study(s)?);
    }
    Ok(VerifyReport { verifications })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_expectations_is_said_in_words() {
        use crate::output::Tabular;
        let empty = VerifyReport {
            verifications: Vec::new(),
        };
        assert!(
            empty
                .epilogue()
                .unwrap()
                .starts_with("no expectations to verify")
        );
    }

    struct Two;
    impl Lookup for Two {
        fn lookup(&self, path: &[&str]) -> std::result::Result<f64, String> {
            match path {
                ["a"] => Ok(5.0),
                ["b"] => Ok(7.0),
                _ => Err(format!("unknown id '{}'", path.join("."))),
            }
        }
    }

    fn spec<'a>(compute: &'a str, expected: f64) -> ExpectationSpec<'a> {
        ExpectationSpec {
            study: "s",
            id: "e",
            description: "d",
            compute,
            expected,
            tolerance: 0.05,
            location: "s.toml:1",
        }
    }

    // 100·5/7 = 71.43 (hand arithmetic): 71.4 holds within 0.05, 71.3 does not.
    #[test]
    fn holds_within_tolerance_and_fails_outside() {
        let v = verify_expectation(&spec("percent(a, b)", 71.4), &Two).unwrap();
        assert!(v.holds, "{v:?}");
        let v = verify_expectation(&spec("percent(a, b)", 71.3), &Two).unwrap();
        assert!(!v.holds && v.detail.contains("MISMATCH"), "{v:?}");
        let report = VerifyReport {
            verifications: vec![v],
        };
        assert_eq!(report.outcome(), Outcome::ProblemFound);
    }

    #[test]
    fn an_unknown_id_is_a_failed_verification_not_an_error() {
        let v = verify_expectation(&spec("percent(a, zzz)", 1.0), &Two).unwrap();
        assert!(!v.holds && v.computed.is_none());
        assert!(v.detail.contains("unknown id 'zzz'"), "{}", v.detail);
    }

    #[test]
    fn a_malformed_expression_is_an_input_error_naming_the_file() {
        let e = verify_expectation(&spec("percent(a,", 1.0), &Two)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("s.toml:1:"), "{e}");
    }
}
