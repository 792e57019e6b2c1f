//! The MMRM formula, as the R package mmrm writes it: `y ~ fixed terms + us(visit | subject)`.
//! The covariance term names the structure ([`super::covariance`]), the visit column (a
//! categorical variable, whatever it holds) and the subject column; the rest is an `lmm`
//! formula without random terms, parsed by [`crate::lmm::formula`].

use super::covariance::{ALLOWED, NOT_SUPPORTED, Structure};
use crate::error::{Error, Result};
use crate::lmm::Formula;

/// A parsed MMRM formula.
#[derive(Debug, Clone, PartialEq)]
pub struct MmrmFormula {
    /// The response and fixed terms (no random terms).
    pub fixed: Formula,
    pub structure: Structure,
    pub visit: String,
    pub subject: String,
    /// The column whose levels get their own covariance (`us(visit | group / subject)`, or
    /// `--group`).
    pub group: Option<String>,
    /// The formula as written.
    pub text: String,
}

fn is_name(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some(f) if f.is_alphabetic() || f == '_' || f == '.')
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
}

/// An error naming `--formula`.
fn err(m: String) -> Error {
    Error::field("formula", m)
}

/// How an MMRM formula is written, for the messages.
const EXAMPLE: &str = "for example 'chg ~ base + arm * visit + us(visit | subject)'";

/// The covariance term `NAME(visit | subject)` found in a right-hand side.
struct CovarianceTerm {
    /// Where the term starts and ends (past its ')') in the right-hand side.
    start: usize,
    end: usize,
    structure: Structure,
    visit: String,
    subject: String,
    group: Option<String>,
}

impl MmrmFormula {
    /// Parse `text`; errors name `--formula`.
    pub fn parse(text: &str) -> Result<MmrmFormula> {
        let tilde = text
            .find('~')
            .ok_or_else(|| err(format!("no '~' in '{text}'; {EXAMPLE}")))?;
        let rhs = &text[tilde + 1..];
        let CovarianceTerm {
            start,
            end,
            structure,
            visit,
            subject,
            group,
        } = find_covariance_term(rhs)?.ok_or_else(|| {
            err(format!(
                "no covariance term over visits; add one of {ALLOWED}, {EXAMPLE}"
            ))
        })?;
        if visit == subject {
            return Err(err(format!(
                "the visit and subject columns are both '{visit}'"
            )));
        }
        if let Some(g) = &group {
            if *g == visit || *g == subject {
                return Err(err(format!(
                    "the group column '{g}' is also the visit or subject column"
                )));
            }
        }
        let fixed_rhs = fixed_part(rhs, start, end)?;
        let fixed = Formula::parse(&format!("{} ~ {}", &text[..tilde].trim(), fixed_rhs.trim()))?;
        if !fixed.random.is_empty() {
            return Err(err(
                "an MMRM has no random effects: the covariance over visits is the term us(visit | subject); remove '( ... | ... )'".into(),
            ));
        }
        if fixed.failures.is_some() || !fixed.offsets.is_empty() {
            return Err(err(
                "an MMRM takes a numeric response and fixed terms: no cbind() or offset()".into(),
            ));
        }
        if fixed.response == visit || fixed.response == subject {
            return Err(err(format!(
                "the response '{}' is also the visit or subject column",
                fixed.response
            )));
        }
        Ok(MmrmFormula {
            fixed,
            structure,
            visit,
            subject,
            group,
            text: text.to_string(),
        })
    }
}

/// The covariance term, NAME( ... | ... ) at the top level of the right-hand side `rhs`
/// (`None` if there is none); two such terms are refused.
fn find_covariance_term(rhs: &str) -> Result<Option<CovarianceTerm>> {
    let mut found: Option<CovarianceTerm> = None;
    let bytes = rhs.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_alphabetic()
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'))
        {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            let name = &rhs[start..i];
            let rest = rhs[i..].trim_start();
            if !rest.starts_with('(') || name == "factor" {
                continue;
            }
            let term = covariance_term(rhs, name, start, rhs.len() - rest.len())?;
            if found.is_some() {
                return Err(err("the formula has two covariance terms; give one".into()));
            }
            i = term.end;
            found = Some(term);
        } else {
            i += 1;
        }
    }
    Ok(found)
}

/// The covariance term `name(` ... `)` of `rhs` starting at `start`, its '(' at `open`:
/// the structure `name` names and the visit, subject and group columns, each checked.
fn covariance_term(rhs: &str, name: &str, start: usize, open: usize) -> Result<CovarianceTerm> {
    let close = rhs[open..]
        .find(')')
        .map(|c| open + c)
        .ok_or_else(|| err(format!("'{name}(' is not closed by ')'")))?;
    let inside = &rhs[open + 1..close];
    let structure = match Structure::from_name(name) {
        Some(s) => s,
        None if NOT_SUPPORTED.contains(&name) => {
            return Err(err(format!(
                "the covariance structure '{name}' is not supported; allowed: {ALLOWED}"
            )));
        }
        None => {
            return Err(err(format!(
                "'{name}(...)' is not a covariance structure; allowed: {ALLOWED}, written as us(visit | subject)"
            )));
        }
    };
    let (visit, subject) = inside.split_once('|').ok_or_else(|| {
        err(format!(
            "'{name}({inside})' needs a visit and a subject column: {name}(visit | subject)"
        ))
    })?;
    let (visit, subject) = (visit.trim(), subject.trim());
    let (group, subject) = match subject.split_once('/') {
        Some((g, s)) => (Some(g.trim().to_string()), s.trim()),
        None => (None, subject),
    };
    if !is_name(visit) || !is_name(subject) || group.as_deref().is_some_and(|g| !is_name(g)) {
        return Err(err(format!(
            "'{name}({inside})' needs one visit column and one subject column, as {name}(visit | subject), or {name}(visit | group / subject) for one covariance per group"
        )));
    }
    Ok(CovarianceTerm {
        start,
        end: close + 1,
        structure,
        visit: visit.into(),
        subject: subject.into(),
        group,
    })
}

/// The fixed part: the right-hand side `rhs` without the covariance term (at `start..end`)
/// and the '+' joining it ("1" when nothing is left).
fn fixed_part(rhs: &str, start: usize, end: usize) -> Result<String> {
    let before = rhs[..start].trim_end();
    let after = rhs[end..].trim_start();
    let fixed_rhs = if let Some(b) = before.strip_suffix('+') {
        format!("{b} {after}")
    } else if let Some(a) = after.strip_prefix('+') {
        format!("{before} {a}")
    } else if before.is_empty() && after.is_empty() {
        "1".to_string()
    } else {
        return Err(err(format!(
            "join the covariance term to the fixed terms with '+', {EXAMPLE}"
        )));
    };
    Ok(if fixed_rhs.trim().is_empty() {
        "1".to_string()
    } else {
        fixed_rhs
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_mmrm_syntax() {
        let f = MmrmFormula::parse("FEV1 ~ RACE + ARMCD * AVISIT + us(AVISIT | USUBJID)").unwrap();
        assert_eq!(f.structure, Structure::Us);
        assert_eq!(
            (f.visit.as_str(), f.subject.as_str()),
            ("AVISIT", "USUBJID")
        );
        assert_eq!(f.fixed.response, "FEV1");
        let labels: Vec<String> = f.fixed.fixed.iter().map(|t| t.label()).collect();
        assert_eq!(labels, vec!["RACE", "ARMCD", "AVISIT", "ARMCD:AVISIT"]);
        let f = MmrmFormula::parse("y ~ cs(v|s) + x").unwrap();
        assert_eq!(f.structure, Structure::Cs);
        assert_eq!(f.fixed.fixed.len(), 1);
        let f = MmrmFormula::parse("y ~ toep(v | s)").unwrap();
        assert!(f.fixed.fixed.is_empty() && f.fixed.intercept);
        let f = MmrmFormula::parse("y ~ factor(x) + diag(v | s)").unwrap();
        assert_eq!(f.structure, Structure::Diag);
        let f = MmrmFormula::parse("y ~ x + ar1h(v | arm / s)").unwrap();
        assert_eq!(f.structure, Structure::Ar1h);
        assert_eq!(f.group.as_deref(), Some("arm"));
        assert_eq!(f.subject, "s");
    }

    #[test]
    fn refuses_what_it_cannot_fit() {
        for (text, says) in [
            ("y ~ x", "no covariance term"),
            ("y ~ x + sp_exp(v | s)", "not supported"),
            ("y ~ x + foo(v | s)", "not a covariance structure"),
            ("y ~ x + us(v)", "visit and a subject"),
            ("y ~ x + us(v | a + b)", "one visit column"),
            ("y ~ x + (1 | s) + us(v | s)", "no random effects"),
            ("y ~ us(v | s) + cs(v | s)", "two covariance terms"),
        ] {
            let e = MmrmFormula::parse(text).unwrap_err().to_string();
            assert!(e.contains(says), "{text}: {e}");
        }
    }
}
