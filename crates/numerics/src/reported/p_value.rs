//! A p-value as printed: `0.411`, `< 0.001`, `> .05`.
//!
//! Abstracts print exact p-values and bounds side by side. An exact value stands for the
//! interval its printed digits allow (`0.411` is any p in [0.4105, 0.4115]); a bound is a
//! half-line (`< 0.001` is any p below 0.001, allowing for the rounding of the bound itself).
//! Both are kept as [`ReportedNumber`]s so that their rounding is never lost.

use super::number::ReportedNumber;
use crate::error::{Error, Result};
use serde::Serialize;

/// How a printed number is compared: `=`, `<` or `>` (p-values and test statistics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Relation {
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = ">")]
    Gt,
}

impl Relation {
    /// `=`, `<` or `>`.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Eq => "=",
            Relation::Lt => "<",
            Relation::Gt => ">",
        }
    }

    /// `<` and `≤` are [`Relation::Lt`], `>` and `≥` are [`Relation::Gt`], anything else
    /// (`=`, nothing) [`Relation::Eq`].
    ///
    /// ```
    /// use trialstats_numerics::reported::Relation;
    /// assert_eq!(Relation::from_symbol("≤"), Relation::Lt);
    /// assert_eq!(Relation::from_symbol(">="), Relation::Gt);
    /// assert_eq!(Relation::from_symbol("").as_str(), "=");
    /// ```
    pub fn from_symbol(s: &str) -> Relation {
        match s {
            "<" | "≤" | "<=" => Relation::Lt,
            ">" | "≥" | ">=" => Relation::Gt,
            _ => Relation::Eq,
        }
    }
}

/// A p-value as printed, exact or a bound.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedP {
    pub relation: Relation,
    /// The number as printed.
    #[serde(serialize_with = "as_text")]
    pub number: ReportedNumber,
}

fn as_text<S: serde::Serializer>(x: &ReportedNumber, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&x.text)
}

impl ReportedP {
    /// Read `text`: an optional `p`, then `=`, `<`, `>`, `≤`, `≥` (or nothing), then a number
    /// as written in (0, 1]: `0.411`, `<0.001`, `p < .001`, `> 0.05`. `location` names the
    /// field or option in the error.
    ///
    /// ```
    /// use trialstats_numerics::reported::{Relation, ReportedP};
    /// // "p < .001" is a bound, "p = 0.411" an exact value; a p above 1 is refused.
    /// let bound = ReportedP::parse("p < .001", "p")?;
    /// assert_eq!(bound.relation, Relation::Lt);
    /// assert!(!bound.is_exact());
    /// assert_eq!(bound.describe(), "p < .001");
    /// assert!(ReportedP::parse("0.411", "p")?.is_exact());
    /// assert!(ReportedP::parse("1.2", "p").is_err());
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn parse(text: &str, location: &str) -> Result<ReportedP> {
        let mut rest = text.trim();
        if let Some(r) = rest.strip_prefix(['p', 'P']) {
            rest = r.trim_start();
        }
        let symbol: String = rest
            .chars()
            .take_while(|c| matches!(c, '<' | '>' | '=' | '≤' | '≥'))
            .collect();
        let relation = Relation::from_symbol(&symbol);
        let number_text = rest[symbol.len()..].trim();
        let bad = |why: String| {
            Error::input(
                location,
                format!(
                    "'{text}' is not a p-value as printed: {why}; allowed: a number above 0 and at most 1, optionally after < or > (0.411, <0.001, > .05)"
                ),
            )
        };
        if !matches!(
            symbol.as_str(),
            "" | "=" | "<" | ">" | "≤" | "≥" | "<=" | ">="
        ) {
            return Err(bad(format!("'{symbol}' is not a comparison")));
        }
        let number = ReportedNumber::parse(number_text, location).map_err(|e| match e {
            e @ (Error::Input { .. } | Error::Field { .. }) => bad(e.into_message()),
            other => other,
        })?;
        if !(number.value > 0.0 && number.value <= 1.0) {
            return Err(bad(format!("{} is outside (0, 1]", number.text)));
        }
        Ok(ReportedP { relation, number })
    }

    /// An exact p-value (printed with `=` or nothing).
    pub fn is_exact(&self) -> bool {
        self.relation == Relation::Eq
    }

    /// The p-values the printed text allows: an exact value's rounding interval; for a bound,
    /// everything below (or above) it, with the bound's own rounding.
    ///
    /// ```
    /// use trialstats_numerics::reported::ReportedP;
    /// // "p = 0.04" is any p from 0.035 to 0.045; "p < 0.001" anything below 0.0015.
    /// let (lo, hi) = ReportedP::parse("0.04", "p")?.interval();
    /// assert!((lo - 0.035).abs() < 1e-15 && (hi - 0.045).abs() < 1e-15);
    /// let (lo, hi) = ReportedP::parse("< 0.001", "p")?.interval();
    /// assert_eq!(lo, 0.0);
    /// assert!((hi - 0.0015).abs() < 1e-15);
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn interval(&self) -> (f64, f64) {
        let (v, h) = (self.number.value, self.number.half_unit());
        match self.relation {
            Relation::Eq => ((v - h).max(0.0), (v + h).min(1.0)),
            Relation::Lt => (0.0, (v + h).min(1.0)),
            Relation::Gt => ((v - h).max(0.0), 1.0),
        }
    }

    /// As printed, with its relation: `p = 0.411`, `p < 0.001`.
    pub fn describe(&self) -> String {
        format!("p {} {}", self.relation.as_str(), self.number.text)
    }
}

impl std::fmt::Display for ReportedP {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_values_and_bounds_keep_their_rounding() {
        let p = ReportedP::parse("0.411", "--p").unwrap();
        assert!(p.is_exact());
        let (lo, hi) = p.interval();
        assert!((lo - 0.4105).abs() < 1e-12 && (hi - 0.4115).abs() < 1e-12);
        let p = ReportedP::parse("p < .001", "--p").unwrap();
        assert_eq!(p.relation, Relation::Lt);
        assert_eq!(p.interval().0, 0.0);
        assert!((p.interval().1 - 0.0015).abs() < 1e-12);
        let p = ReportedP::parse("> 0.05", "--p").unwrap();
        assert_eq!(p.relation, Relation::Gt);
        assert_eq!(p.describe(), "p > 0.05");
        for bad in ["", "abc", "1.5", "0", "<<0.1", "=< 0.1x", "-0.2"] {
            let e = ReportedP::parse(bad, "--p").unwrap_err().to_string();
            assert!(e.starts_with("--p: "), "{bad}: {e}");
        }
    }
}
