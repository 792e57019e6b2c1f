//! One number as running text prints it, read into its value and its rounding.
//!
//! Forms read (after [`super::PlainText`] made signs and superscripts plain):
//! - plain decimals: `2.20`, `.03`, `-0.25`, `- 4.46` (a sign set apart by typesetting);
//! - thousands separators: `11,455`, `2,000.20` (groups of exactly three digits after a first
//!   group of one to three that is not `0`);
//! - decimal commas: `0,03`, `2,2` (a comma followed by other than three digits, or after a
//!   lone `0`); `2,200` is two thousand two hundred, as English texts print it;
//! - scientific notation: `1.6e-5`, `2.3E-05`, `.5e-3`, `2 × 10-4`, `2 x 10^-4`, `2·10-4`
//!   (from `2 × 10⁻⁴` or `2 × 10−4`).
//!
//! A printed number stands for the interval its last digit allows: `1.6e-5` for
//! [1.55e-5, 1.65e-5], so its `decimals` are 6 (`0.000016`); `2 × 10-4` has 4. The exponent moves
//! the place of the last digit, which [`TextNumber::decimals`] keeps at any precision (it may
//! be negative: `2.3e3` is known to the hundred).
//!
//! The regular-expression pieces ([`NUMBER`], [`DF`]) are what a scanner embeds to find a
//! number; [`TextNumber::parse`] and [`read_df`] then read what they matched. Degrees of
//! freedom also accept the letter `l` or `I` for 1, as PDF typesetting prints `F(l, 76)`
//! (statcheck's `RGX_DF1_I_L`).

use crate::error::Result;
use crate::reported::ReportedNumber;
use serde::Serialize;

/// A number in running text: sign, digits with thousands separators or a decimal comma, and an
/// exponent (`e-5`, `× 10-4`). White space is allowed only where typesetting puts it.
pub const NUMBER: &str = r"[-+]?\x20?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?|\.\d+)(?:\x20?[eE]\x20?[-+]?\d+|\x20?[×xX*·]\x20?10\x20?\^?\x20?[-+]?\x20?\d+)?";

/// Degrees of freedom: digits with an optional decimal part (corrected df: `28.1`) or the
/// letter `l` or `I` standing for 1. Thousands separators are read by [`read_df_list`], which
/// knows how many df the test takes.
pub const DF: &str = r"(?:\d+(?:\.\d+)?|\.\d+|[lI])";

/// How a number was printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberForm {
    /// `2.20`
    Plain,
    /// `2,000.20`
    ThousandsSeparated,
    /// `0,03`
    DecimalComma,
    /// `1.6e-5`, `2 × 10-4`
    Scientific,
}

/// A number read from running text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextNumber {
    /// As it stands in the (plain) text: `2,000.20`, `1.6e-5`, `2 × 10-4`.
    pub text: String,
    /// Its value.
    pub value: f64,
    /// The place of the last printed digit: the value is known to ± half a unit there
    /// (`2.20` → 2, `1.6e-5` → 6, `2.3e3` → -2).
    pub decimals: i32,
    /// The same number as a plain decimal, exactly: `2000.20`, `0.000016`, `-0.0002`.
    pub plain: String,
    pub form: NumberForm,
}

impl TextNumber {
    /// Read `text` (what [`NUMBER`] matched); `Err` says why it is not a number.
    pub fn parse(text: &str) -> std::result::Result<TextNumber, String> {
        let t = text.trim();
        let compact: String = t.chars().filter(|c| *c != ' ').collect();
        let (negative, body) = match compact.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, compact.strip_prefix('+').unwrap_or(&compact)),
        };
        // Split off the exponent.
        let (mantissa, exponent, scientific) = if let Some(i) = body.find(['e', 'E']) {
            (&body[..i], parse_exponent(&body[i + 1..])?, true)
        } else if let Some(i) = body.find(['×', 'x', 'X', '*', '·']) {
            let rest = &body[i..];
            let rest = rest.trim_start_matches(['×', 'x', 'X', '*', '·']);
            let rest = rest
                .strip_prefix("10")
                .ok_or_else(|| format!("'{t}': an exponent is written × 10-4"))?;
            (
                &body[..i],
                parse_exponent(rest.trim_start_matches('^'))?,
                true,
            )
        } else {
            (body, 0, false)
        };
        let (int_part, frac_part, form) = read_mantissa(mantissa)
            .ok_or_else(|| format!("'{t}' is not a number as printed (e.g. 2.20, .03, 1.6e-5)"))?;
        let form = if scientific {
            NumberForm::Scientific
        } else {
            form
        };
        let decimals = frac_part.len() as i32 - exponent;
        let value: f64 = format!(
            "{}{}.{}e{exponent}",
            if negative { "-" } else { "" },
            if int_part.is_empty() { "0" } else { &int_part },
            if frac_part.is_empty() { "0" } else { frac_part }
        )
        .parse()
        .map_err(|_| format!("'{t}' is not a number"))?;
        if !value.is_finite() {
            return Err(format!("'{t}' is too large"));
        }
        Ok(TextNumber {
            text: t.to_string(),
            value,
            decimals,
            plain: plain_decimal(negative, &int_part, frac_part, exponent),
            form,
        })
    }

    /// Half a unit in the last printed digit: the true value lies within this distance.
    pub fn half_unit(&self) -> f64 {
        0.5 * 10f64.powi(-self.decimals)
    }

    /// As a [`ReportedNumber`] (its plain decimal), for the checks' exact arithmetic.
    pub fn to_reported(&self, location: &str) -> Result<ReportedNumber> {
        ReportedNumber::parse(&self.plain, location)
    }
}

fn parse_exponent(s: &str) -> std::result::Result<i32, String> {
    s.trim()
        .parse::<i32>()
        .ok()
        .filter(|e| e.abs() <= 300)
        .ok_or_else(|| format!("exponent '{s}' is not a whole number of reasonable size"))
}

/// Integer digits (separators removed), decimal digits and the form of a mantissa.
fn read_mantissa(m: &str) -> Option<(String, &str, NumberForm)> {
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if let Some((int_part, frac)) = m.split_once('.') {
        if frac.is_empty() || !all_digits(frac) {
            return None;
        }
        if int_part.contains(',') {
            return thousands(int_part).map(|i| (i, frac, NumberForm::ThousandsSeparated));
        }
        return all_digits(int_part).then(|| (int_part.to_string(), frac, NumberForm::Plain));
    }
    if let Some((int_part, frac)) = m.split_once(',') {
        if let Some(i) = thousands(m) {
            return Some((i, "", NumberForm::ThousandsSeparated));
        }
        // One comma, not a thousands group: a decimal comma.
        return (!int_part.is_empty()
            && !frac.is_empty()
            && all_digits(int_part)
            && all_digits(frac))
        .then(|| (int_part.to_string(), frac, NumberForm::DecimalComma));
    }
    (!m.is_empty() && all_digits(m)).then(|| (m.to_string(), "", NumberForm::Plain))
}

/// `11,455` → `11455`: a first group of 1–3 digits (not a lone 0) and groups of exactly 3.
fn thousands(s: &str) -> Option<String> {
    let mut groups = s.split(',');
    let first = groups.next()?;
    if first.is_empty()
        || first.len() > 3
        || first == "0"
        || !first.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push_str(g);
    }
    Some(out)
}

/// The digits `int`.`frac` × 10^exponent written as a plain decimal.
fn plain_decimal(negative: bool, int_part: &str, frac_part: &str, exponent: i32) -> String {
    let digits = format!("{int_part}{frac_part}");
    let point = int_part.len() as i64 + exponent as i64;
    let (int_out, frac_out) = if point <= 0 {
        (
            "0".to_string(),
            format!("{}{digits}", "0".repeat((-point) as usize)),
        )
    } else if point as usize >= digits.len() {
        (
            format!("{digits}{}", "0".repeat(point as usize - digits.len())),
            String::new(),
        )
    } else {
        (
            digits[..point as usize].to_string(),
            digits[point as usize..].to_string(),
        )
    };
    let int_out = int_out.trim_start_matches('0');
    let int_out = if int_out.is_empty() { "0" } else { int_out };
    format!(
        "{}{int_out}{}{frac_out}",
        if negative { "-" } else { "" },
        if frac_out.is_empty() { "" } else { "." }
    )
}

/// Degrees of freedom as printed: `28`, `28.1`, `l` or `I` (for 1), `1,024`.
pub fn read_df(text: &str) -> std::result::Result<f64, String> {
    let t = text.trim();
    if t == "l" || t == "I" {
        return Ok(1.0);
    }
    let digits = if t.contains(',') {
        thousands(t).ok_or_else(|| format!("'{t}' is not a number of degrees of freedom"))?
    } else {
        t.to_string()
    };
    let d: f64 = digits
        .parse()
        .map_err(|_| format!("'{t}' is not a number of degrees of freedom"))?;
    if !(d > 0.0 && d.is_finite()) {
        return Err(format!("degrees of freedom {t} must be above 0"));
    }
    Ok(d)
}

/// What the parentheses after a test's name hold.
#[derive(Debug, Clone, PartialEq)]
pub struct DfList {
    pub df: Vec<f64>,
    /// `N = 11,455` (a χ² test's sample size), when given.
    pub n: Option<f64>,
}

/// Read the parentheses' content after a test's name: `28`, `2, 28`, `1,024` (a thousands
/// separator when the test takes one df), `2,28` (two df when it takes two), `1, N = 11,455`.
/// `wanted` is how many df the test takes; a different count is returned as found, for the
/// caller to refuse with its own words.
pub fn read_df_list(text: &str, wanted: usize) -> std::result::Result<DfList, String> {
    let mut parts: Vec<&str> = text.split([',', ';']).map(str::trim).collect();
    // A trailing `N = …` (its own commas are thousands separators).
    let mut n = None;
    if let Some(i) = parts
        .iter()
        .position(|p| p.starts_with(['N', 'n']) && p[1..].trim_start().starts_with('='))
    {
        let n_text = parts[i..].join(",");
        let value = n_text[1..].trim_start()[1..].trim();
        n = Some(read_df(value).map_err(|_| format!("N '{value}' is not a sample size"))?);
        parts.truncate(i);
    }
    if parts.iter().any(|p| p.is_empty()) {
        return Err(format!("'{text}' is not a list of degrees of freedom"));
    }
    // `1,024` for a one-df test: one number with a thousands separator.
    if wanted == 1 && parts.len() > 1 {
        if let Some(joined) = thousands(&parts.join(",")) {
            if !text.contains(", ") {
                return Ok(DfList {
                    df: vec![read_df(&joined)?],
                    n,
                });
            }
        }
    }
    // `1, 1,024` for a two-df test: the second with a thousands separator.
    if wanted == 2 && parts.len() > 2 {
        if let Some(joined) = thousands(&parts[1..].join(",")) {
            return Ok(DfList {
                df: vec![read_df(parts[0])?, read_df(&joined)?],
                n,
            });
        }
    }
    let df = parts
        .iter()
        .map(|p| read_df(p))
        .collect::<std::result::Result<Vec<f64>, String>>()?;
    Ok(DfList { df, n })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(t: &str) -> TextNumber {
        TextNumber::parse(t).unwrap()
    }

    #[test]
    fn every_printed_form_is_read_with_its_rounding() {
        let cases: [(&str, f64, i32, &str, NumberForm); 14] = [
            ("2.20", 2.2, 2, "2.20", NumberForm::Plain),
            (".03", 0.03, 2, "0.03", NumberForm::Plain),
            ("- 4.46", -4.46, 2, "-4.46", NumberForm::Plain),
            (
                "11,455",
                11455.0,
                0,
                "11455",
                NumberForm::ThousandsSeparated,
            ),
            (
                "2,000.20",
                2000.2,
                2,
                "2000.20",
                NumberForm::ThousandsSeparated,
            ),
            ("0,03", 0.03, 2, "0.03", NumberForm::DecimalComma),
            ("0,035", 0.035, 3, "0.035", NumberForm::DecimalComma),
            ("2,2", 2.2, 1, "2.2", NumberForm::DecimalComma),
            (".5e-3", 0.0005, 4, "0.0005", NumberForm::Scientific),
            ("1.6e-5", 1.6e-5, 6, "0.000016", NumberForm::Scientific),
            ("2.3E-05", 2.3e-5, 6, "0.000023", NumberForm::Scientific),
            ("2 × 10-4", 2e-4, 4, "0.0002", NumberForm::Scientific),
            (
                "2.5x10^-12",
                2.5e-12,
                13,
                "0.0000000000025",
                NumberForm::Scientific,
            ),
            ("2.3e3", 2300.0, -2, "2300", NumberForm::Scientific),
        ];
        for (text, value, decimals, plain, form) in cases {
            let x = n(text);
            assert_eq!(
                (x.value, x.decimals, x.plain.as_str(), x.form),
                (value, decimals, plain, form),
                "{text}"
            );
        }
        assert_eq!(n("1.6e-5").half_unit(), 0.5e-6);
        assert_eq!(n("2,000.20").to_reported("x").unwrap().scaled, 200020);
        for bad in ["", ".", "1.", "1,2,3", "0,000,1", "1.2.3", "1e", "2 × 11-4"] {
            assert!(TextNumber::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn degrees_of_freedom_as_typesetting_prints_them() {
        let df = |t: &str, k: usize| read_df_list(t, k).unwrap();
        assert_eq!(df("28", 1).df, vec![28.0]);
        assert_eq!(df("1,024", 1).df, vec![1024.0]);
        assert_eq!(df("2,28", 1).df, vec![2.0, 28.0]);
        assert_eq!(df("2,280", 2).df, vec![2.0, 280.0]);
        assert_eq!(df("1, 1,024", 2).df, vec![1.0, 1024.0]);
        assert_eq!(df("l, 76", 2).df, vec![1.0, 76.0]);
        assert_eq!(df("2.1, 28.1", 2).df, vec![2.1, 28.1]);
        let d = df("1, N = 11,455", 1);
        assert_eq!((d.df, d.n), (vec![1.0], Some(11455.0)));
        assert_eq!(df("1, n = 81", 1).n, Some(81.0));
        assert!(read_df_list("see above", 1).is_err());
        assert!(read_df_list("0", 1).is_err());
    }
}
