//! A number exactly as a document prints it.
//!
//! `"3.0"` is not `"3"`: the printed decimals say how precisely the number was reported, and
//! the GRIM-type checks need them. A [`ReportedNumber`] keeps the text, its decimals, the
//! numeric value, and the same value as the exact integer `scaled = value · 10^decimals` for
//! the checks' exact arithmetic ([`super::exact`]).

use crate::error::{Error, Result};
use serde::Serialize;

/// The most decimals a reported number may have (keeps the exact arithmetic in range).
pub const MAX_DECIMALS: u32 = 8;

/// The most significant digits a reported number may have (the exact form is an `i128`
/// multiplied by sample sizes and squared; 18 digits keep every product in range).
pub const MAX_DIGITS: usize = 18;

/// A number as printed: `text` keeps the printed decimals, `value` is its numeric value,
/// `decimals` the digits after the point and `scaled` the exact integer `value · 10^decimals`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedNumber {
    /// As printed, for example `"3.0"`.
    pub text: String,
    /// Numeric value, for example `3.0`.
    pub value: f64,
    /// Digits after the decimal point as printed (`"3.0"` → 1, `"2080"` → 0).
    pub decimals: u32,
    /// The value times `10^decimals`, exactly (30 for `"3.0"`).
    #[serde(skip)]
    pub scaled: i128,
}

impl ReportedNumber {
    /// Read `text` as written: an optional sign, digits, optionally a point and more digits
    /// (`"5.19"`, `"3.0"`, `"-0.25"`, `".5"`). No exponents, no thousands separators, at most
    /// [`MAX_DIGITS`] digits up to the [`MAX_DECIMALS`]-th decimal. A number with more decimals
    /// (a full-precision value, as JSON prints it) keeps its value; its exact integer and
    /// `decimals` are those of the value rounded to [`MAX_DECIMALS`] decimals. Surrounding spaces
    /// are ignored.
    /// `location` names where the text came from (an option such as `--mean`, or
    /// `file:line: column mean`) in the error.
    ///
    /// ```
    /// use trialstats_numerics::reported::ReportedNumber;
    /// // "3.0" was printed with one decimal: its last digit is a tenth, which GRIM needs.
    /// let x = ReportedNumber::parse("3.0", "mean")?;
    /// assert_eq!((x.value, x.decimals), (3.0, 1));
    /// assert!(ReportedNumber::parse("3,0", "mean").is_err());
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn parse(text: &str, location: &str) -> Result<ReportedNumber> {
        let t = text.trim();
        let bad = |why: &str| {
            Error::input(
                location,
                format!(
                    "'{text}' is not a number as written: {why} (write it as printed, e.g. 5.19 or 3.0)"
                ),
            )
        };
        let (negative, body) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (int_part, all_decimals) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int_part.is_empty() && all_decimals.is_empty() {
            return Err(bad("no digits"));
        }
        if !int_part
            .chars()
            .chain(all_decimals.chars())
            .all(|c| c.is_ascii_digit())
        {
            return Err(bad(
                "only digits, one decimal point and a leading sign are allowed",
            ));
        }
        if body.ends_with('.') {
            return Err(bad("a decimal point must be followed by digits"));
        }
        // More decimals than the exact arithmetic holds come from a computed value (a JSON
        // output fed back in), not from print: the value keeps full precision and the exact
        // integer is that value rounded half up to MAX_DECIMALS, whose half unit (5e-9) then
        // holds the true value. A check can only become more lenient by this, never wrong.
        let (frac_part, round_up) = if all_decimals.len() > MAX_DECIMALS as usize {
            let (kept, rest) = all_decimals.split_at(MAX_DECIMALS as usize);
            (kept, rest.as_bytes()[0] >= b'5')
        } else {
            (all_decimals, false)
        };
        let decimals = frac_part.len() as u32;
        let digits = format!("{int_part}{frac_part}");
        let digits = digits.trim_start_matches('0');
        if digits.len() > MAX_DIGITS {
            return Err(bad(&format!("at most {MAX_DIGITS} digits are supported")));
        }
        let magnitude: i128 = if digits.is_empty() {
            0
        } else {
            digits
                .parse()
                .map_err(|_| bad(&format!("at most {MAX_DIGITS} digits are supported")))?
        } + i128::from(round_up);
        // The decimal text read by Rust's correctly rounded parser (the sign included), with
        // every decimal written.
        let value: f64 = format!(
            "{}{}.{}",
            if negative { "-" } else { "" },
            if int_part.is_empty() { "0" } else { int_part },
            if all_decimals.is_empty() {
                "0"
            } else {
                all_decimals
            }
        )
        .parse()
        .map_err(|_| bad("not a number"))?;
        Ok(ReportedNumber {
            text: t.to_string(),
            value,
            decimals,
            scaled: if negative { -magnitude } else { magnitude },
        })
    }

    /// The shortest text that reads back to `x` (`0.5`, `10`), for numbers that come as
    /// values rather than text (a scale bound in a data file); `None` for a value that is not
    /// a plain decimal within the limits (NaN, 1e300, more than [`MAX_DECIMALS`] decimals).
    ///
    /// ```
    /// use trialstats_numerics::reported::ReportedNumber;
    /// // A scale step of 0.5 given as a number in a data file: written "0.5", one decimal.
    /// let step = ReportedNumber::from_value(0.5).unwrap();
    /// assert_eq!((step.text.as_str(), step.decimals), ("0.5", 1));
    /// assert!(ReportedNumber::from_value(f64::NAN).is_none());
    /// ```
    pub fn from_value(x: f64) -> Option<ReportedNumber> {
        if !x.is_finite() {
            return None;
        }
        ReportedNumber::parse(&format!("{x}"), "value").ok()
    }

    /// `10^decimals`.
    pub fn scale(&self) -> i128 {
        10i128.pow(self.decimals)
    }

    /// Half a unit in the last printed digit: `"1.7"` → 0.05. The true value lies within
    /// this distance of the printed one.
    ///
    /// ```
    /// use trialstats_numerics::reported::ReportedNumber;
    /// // "1.7" is any value from 1.65 to 1.75; "1.70" from 1.695 to 1.705.
    /// assert!((ReportedNumber::parse("1.7", "sd")?.half_unit() - 0.05).abs() < 1e-15);
    /// assert!((ReportedNumber::parse("1.70", "sd")?.half_unit() - 0.005).abs() < 1e-15);
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn half_unit(&self) -> f64 {
        0.5 * 10f64.powi(-(self.decimals as i32))
    }

    /// Is this a whole number (no fractional part, whatever the decimals written)?
    ///
    /// ```
    /// use trialstats_numerics::reported::ReportedNumber;
    /// // "7.00" is the whole number 7 (700 hundredths); "3.5" is not whole.
    /// assert_eq!(ReportedNumber::parse("7.00", "n")?.as_integer(), Some(7));
    /// assert_eq!(ReportedNumber::parse("3.5", "n")?.as_integer(), None);
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn as_integer(&self) -> Option<i128> {
        let s = self.scale();
        (self.scaled % s == 0).then_some(self.scaled / s)
    }
}

impl std::fmt::Display for ReportedNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rn(t: &str) -> ReportedNumber {
        ReportedNumber::parse(t, "test").unwrap()
    }

    #[test]
    fn numbers_are_read_as_written() {
        let v = rn("3.0");
        assert_eq!((v.scaled, v.decimals, v.value), (30, 1, 3.0));
        let v = rn("-0.25");
        assert_eq!((v.scaled, v.decimals, v.value), (-25, 2, -0.25));
        let v = rn("12");
        assert_eq!((v.scaled, v.decimals), (12, 0));
        let v = rn(".5");
        assert_eq!((v.scaled, v.decimals, v.value), (5, 1, 0.5));
        assert_eq!(rn(" 2080 ").text, "2080");
        assert_eq!(rn("0.1").value, 0.1);
        for bad in ["", "abc", "1e3", "1.", "1,5", "--2", "1.2.3"] {
            let e = ReportedNumber::parse(bad, "--mean")
                .unwrap_err()
                .to_string();
            assert!(e.starts_with("--mean: "), "{e}");
        }
        let e = ReportedNumber::parse("1234567890123456789", "x")
            .unwrap_err()
            .to_string();
        assert!(e.contains("at most 18 digits"), "{e}");
    }

    #[test]
    fn full_precision_values_keep_their_value_and_round_their_exact_integer() {
        // A JSON output fed back in: 17 significant digits.
        let v = rn("58.779415056155734");
        assert_eq!(v.value, 58.779415056155734);
        assert_eq!((v.scaled, v.decimals), (5_877_941_506, 8));
        assert_eq!(v.text, "58.779415056155734");
        let v = rn("-0.123456785");
        assert_eq!(
            (v.scaled, v.decimals, v.value),
            (-12_345_679, 8, -0.123456785)
        );
        let v = rn("0.123456784999");
        assert_eq!(v.scaled, 12_345_678);
    }

    #[test]
    fn values_become_their_shortest_text() {
        assert_eq!(ReportedNumber::from_value(0.5).unwrap().text, "0.5");
        assert_eq!(ReportedNumber::from_value(10.0).unwrap().text, "10");
        assert_eq!(ReportedNumber::from_value(-1.0).unwrap().scaled, -1);
        assert!(ReportedNumber::from_value(f64::NAN).is_none());
        assert!(ReportedNumber::from_value(1e300).is_none());
        assert_eq!(rn("1.7").half_unit(), 0.05);
    }
}
