//! One number as running text prints it, read into its value and its rounding.
//!
//! Forms read (after [`super::PlainText`] made signs and superscripts plain):
//! - plain decimals: `2.20`, `.03`, `-0.25`, `- 4.46` (a sign set apart by typesetting);
//! - thousands separators: `11,455`, `2,000.20` (groups of exactly three digits after a first
//!   group of one to three that is not `0`);
//! - decimal commas: `0,03`, `2,2` (a comma followed by other than three digits, or after a
//!   lone `0`); `2,200` is two thousand two hundred, as English texts print it;
//! - scientific notation: `1.6e-5`, `2.3E-05`, `.5e-3`, `2 × 10-4`, `2 x 10^-4`, `2·10-4`
//!   (from `2 × 10⁻⁴` or `2 × 10−4`);
//! - dots between groups of three (`1.234.567`, `1.234.567,5`): two or more groups, so that
//!   `1.234` stays one point two three four, or one before a decimal comma (`1.234,5`); the other locale separators (a thin or no-break
//!   space, an apostrophe: `1 234`, `1'234`) are set aside by [`super::PlainText`];
//! - English number words to the hundreds (`Fifteen`, `thirty-two`, `one hundred and five`),
//!   found by [`number_words`];
//! - Japanese numerals in kanji (`十二`, `二十五`, `一万二千`, read by [`kanji_value`]) and digits
//!   with the multipliers 万 and 千 (`3千`, `2.5万`, `1万2千`), found by [`MULTIPLIED`].
//!
//! Words, kanji and multiplied numbers keep their printed form in [`NumberForm`]; their `text`
//! is the digits they stand for (`32` for `Thirty-two`), so every reader compares them as it
//! compares printed digits.
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
pub const NUMBER: &str = r"[-+]?\x20?(?:\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|[1-9]\d{0,2}\.\d{3},\d+|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?|\.\d+)(?:\x20?[eE]\x20?[-+]?\d+|\x20?[×xX*·]\x20?10\x20?\^?\x20?[-+]?\x20?\d+)?";

const WORD_UNITS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
const WORD_TEENS: [&str; 10] = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const WORD_TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// The regular-expression piece for English number words from zero to nine hundred and
/// ninety-nine, as reports write counts (`Fifteen`, `thirty-two`, `twenty one`, `one hundred
/// and five`); case does not matter. Whether a word is data is the finder's question (`one of
/// the`, `no one` are not): this only says where a number is written in words.
pub fn number_words() -> &'static str {
    static P: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        // Tens before teens before units: `seventeen` is not `seven`, `sixty` is not `six`.
        let below = format!(
            "(?:(?:{})(?:[-\\x20](?:{}))?|{}|{})",
            WORD_TENS.join("|"),
            WORD_UNITS[1..].join("|"),
            WORD_TEENS.join("|"),
            WORD_UNITS.join("|")
        );
        format!(
            r"(?i:(?-u:\b)(?:(?:{})\x20hundred(?:\x20(?:and\x20)?{below})?|{below})(?-u:\b))",
            WORD_UNITS[1..].join("|")
        )
    })
}

/// Digits with the Japanese multipliers 万 (ten thousand) and 千 (thousand): `3千`, `2.5万`,
/// `1万2千`, `1万2000`; a line break may stand between the digits and 万, as a document's
/// wrapped lines put it.
pub const MULTIPLIED: &str =
    r"\d+(?:\.\d+)?\s{0,3}万(?:\x20?\d+(?:\x20?千)?)?|\d+(?:\.\d+)?\s{0,3}千";

/// The value of English number words (`thirty-two` = 32, `one hundred and five` = 105), or
/// `None` for anything else.
///
/// ```
/// use trialstats_documents::text::number::word_value;
/// assert_eq!(word_value("Thirty-two"), Some(32));
/// assert_eq!(word_value("one hundred and five"), Some(105));
/// assert_eq!(word_value("several"), None);
/// // `None of the 40 patients`: the count zero, where a finder takes the word as a count.
/// assert_eq!(word_value("None"), Some(0));
/// ```
pub fn word_value(text: &str) -> Option<u64> {
    let lower = text.trim().to_lowercase();
    if lower == "none" {
        return Some(0);
    }
    let words: Vec<&str> = lower
        .split(['-', ' '])
        .filter(|w| !w.is_empty() && *w != "and")
        .collect();
    let index = |list: &[&str], w: &str| list.iter().position(|x| *x == w).map(|i| i as u64);
    let (mut total, mut current, mut seen) = (0u64, 0u64, false);
    for w in words {
        seen = true;
        if let Some(u) = index(&WORD_UNITS, w) {
            // `twenty-one`: a unit after a ten, never after another unit (`one two`).
            if current % 10 != 0 || (current > 0 && current < 20) {
                return None;
            }
            current += u;
        } else if let Some(t) = index(&WORD_TEENS, w) {
            if current % 100 != 0 {
                return None;
            }
            current += 10 + t;
        } else if let Some(t) = index(&WORD_TENS, w) {
            if current % 100 != 0 {
                return None;
            }
            current += 20 + 10 * t;
        } else if w == "hundred" {
            if current == 0 || current >= 10 || total > 0 {
                return None;
            }
            total = current * 100;
            current = 0;
        } else {
            return None;
        }
    }
    seen.then_some(total + current)
}

/// The value of a number written in kanji: positional (二〇 = 20) or with multipliers
/// (二十五 = 25, 百二十 = 120, 三千五百 = 3500, 一万二千 = 12000); `None` for anything else.
///
/// ```
/// use trialstats_documents::text::number::kanji_value;
/// assert_eq!(kanji_value("二十五"), Some(25));
/// assert_eq!(kanji_value("三千五百"), Some(3500));
/// assert_eq!(kanji_value("二〇"), Some(20));
/// ```
pub fn kanji_value(text: &str) -> Option<u64> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .find(c)
            .map(|i| (i / 3) as u64)
            .or(if c == '零' { Some(0) } else { None })
    };
    if text.is_empty() {
        return None;
    }
    if text.chars().all(|c| digit(c).is_some()) {
        return text
            .chars()
            .try_fold(0u64, |v, c| v.checked_mul(10)?.checked_add(digit(c)?));
    }
    let (mut total, mut section, mut current) = (0u64, 0u64, None::<u64>);
    for c in text.chars() {
        if let Some(d) = digit(c) {
            if current.is_some() {
                return None; // 二三十: two digits in a row with multipliers is not a number
            }
            current = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => {
                // 万 multiplies everything before it (一万二千 = 12000; 万 alone is 10000).
                let before = section + current.unwrap_or(0);
                total = total.checked_add(before.max(1).checked_mul(10_000)?)?;
                section = 0;
                current = None;
                continue;
            }
            _ => return None,
        };
        section = section.checked_add(current.unwrap_or(1) * unit)?;
        current = None;
    }
    total.checked_add(section + current.unwrap_or(0))
}

/// `2.5万` = 25000 known to the thousand, `3千` = 3000, `1万2千` = 12000: the value and the
/// place of its last printed digit, or `None` when `text` is not digits with 万 or 千.
fn multiplied_value(text: &str) -> Option<(String, f64, i32)> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let decimal = |s: &str| -> Option<(String, usize)> {
        let (i, f) = s.split_once('.').unwrap_or((s, ""));
        let ok = !i.is_empty()
            && i.bytes().all(|b| b.is_ascii_digit())
            && f.bytes().all(|b| b.is_ascii_digit())
            && !(s.contains('.') && f.is_empty());
        ok.then(|| (format!("{i}{f}"), f.len()))
    };
    let (head, exponent, rest) = if let Some((h, r)) = t.split_once('万') {
        (h, 4i32, r)
    } else {
        (t.strip_suffix('千')?, 3i32, "")
    };
    let (digits, frac) = decimal(head)?;
    // The rest after 万: nothing, `2千` or `2000`.
    let (rest_value, rest_place) = if rest.is_empty() {
        (0u64, exponent)
    } else if let Some(r) = rest.strip_suffix('千') {
        let (d, f) = decimal(r)?;
        if f > 0 {
            return None;
        }
        (d.parse::<u64>().ok()?.checked_mul(1000)?, 3)
    } else {
        let (d, f) = decimal(rest)?;
        if f > 0 {
            return None;
        }
        (d.parse::<u64>().ok()?, 0)
    };
    if rest_value >= 10_000 && exponent == 4 {
        return None;
    }
    let shift = exponent - frac as i32;
    let plain = if shift >= 0 {
        let head: u64 = digits.parse().ok()?;
        (head
            .checked_mul(10u64.checked_pow(shift as u32)?)?
            .checked_add(rest_value)?)
        .to_string()
    } else if rest_value == 0 {
        plain_decimal(
            false,
            &digits[..digits.len() - frac],
            &digits[digits.len() - frac..],
            exponent,
        )
    } else {
        return None;
    };
    let value: f64 = plain.parse().ok()?;
    let decimals = if rest.is_empty() { -shift } else { -rest_place };
    Some((plain, value, decimals))
}

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
    /// `Thirty-two`
    Words,
    /// `二十五`
    Kanji,
    /// `2.5万`, `3千`
    Multiplied,
}

/// A number read from running text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextNumber {
    /// As it stands in the (plain) text: `2,000.20`, `1.6e-5`, `2 × 10-4`; for words, kanji
    /// and multiplied numbers the digits they stand for (`32` for `Thirty-two`).
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
    ///
    /// ```
    /// use trialstats_documents::text::TextNumber;
    /// // A thousands separator; a number's last printed digit kept (2.20 is known to ±0.005).
    /// // (Mid-dot decimals and full-width digits are made plain first, by `PlainText`.)
    /// assert_eq!(TextNumber::parse("11,455").unwrap().value, 11455.0);
    /// let t = TextNumber::parse("2.20").unwrap();
    /// assert_eq!((t.value, t.decimals, t.plain.as_str()), (2.2, 2, "2.20"));
    /// ```
    ///
    /// ```
    /// use trialstats_documents::text::{number::NumberForm, TextNumber};
    /// // A decimal comma (0,03) against a thousands separator (2,200: two thousand two
    /// // hundred, as English texts print it).
    /// let comma = TextNumber::parse("0,03").unwrap();
    /// assert_eq!((comma.value, comma.form), (0.03, NumberForm::DecimalComma));
    /// assert_eq!(TextNumber::parse("2,200").unwrap().value, 2200.0);
    /// assert_eq!(TextNumber::parse("1.234,5").unwrap().value, 1234.5); // German
    /// assert_eq!(TextNumber::parse("1.234").unwrap().value, 1.234);
    /// assert!(TextNumber::parse("2.").is_err()); // a point with no digit after it
    /// ```
    pub fn parse(text: &str) -> std::result::Result<TextNumber, String> {
        let t = text.trim();
        if let Some(n) = Self::parse_spelled(t) {
            return Ok(n);
        }
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

    /// A number spelled in words or kanji, or digits with 万 or 千.
    fn parse_spelled(t: &str) -> Option<TextNumber> {
        let whole = |v: u64, form| TextNumber {
            text: v.to_string(),
            value: v as f64,
            decimals: 0,
            plain: v.to_string(),
            form,
        };
        if t.chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && c.is_ascii())
        {
            return word_value(t).map(|v| whole(v, NumberForm::Words));
        }
        if t.chars()
            .next()
            .is_some_and(|c| "〇零一二三四五六七八九十百千万".contains(c))
        {
            return kanji_value(t).map(|v| whole(v, NumberForm::Kanji));
        }
        if t.ends_with(['万', '千']) || t.contains('万') {
            let (plain, value, decimals) = multiplied_value(t)?;
            return Some(TextNumber {
                text: plain.clone(),
                value,
                decimals,
                plain,
                form: NumberForm::Multiplied,
            });
        }
        None
    }

    /// Half a unit in the last printed digit: the true value lies within this distance.
    ///
    /// ```
    /// use trialstats_documents::text::TextNumber;
    /// // "1.6e-5" is 0.000016 known to its sixth decimal: ± 0.0000005.
    /// let t = TextNumber::parse("1.6e-5").unwrap();
    /// assert_eq!((t.plain.as_str(), t.decimals), ("0.000016", 6));
    /// assert!((t.half_unit() - 5e-7).abs() < 1e-20);
    /// // For the exact checks it is the reported number "0.000016", six decimals.
    /// let r = t.to_reported("p")?;
    /// assert_eq!((r.text.as_str(), r.decimals), ("0.000016", 6));
    /// # Ok::<(), trialstats_documents::Error>(())
    /// ```
    pub fn half_unit(&self) -> f64 {
        0.5 * 10f64.powi(-self.decimals)
    }

    /// As a [`ReportedNumber`] (its plain decimal), for the checks' exact arithmetic.
    pub fn to_reported(&self, location: &str) -> Result<ReportedNumber> {
        Ok(ReportedNumber::parse(&self.plain, location)?)
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
    // `1.234.567` (`,5` after it a decimal comma): dots between groups of three, two or more;
    // or one such dot where a decimal comma follows (`1.234,5`, as German prints 1234.5).
    let dots = m.matches('.').count();
    let one_group_then_comma = dots == 1
        && m.split_once('.').is_some_and(|(_, rest)| {
            rest.split_once(',').is_some_and(|(group, frac)| {
                group.len() == 3 && !frac.is_empty() && all_digits(group) && all_digits(frac)
            })
        });
    if dots >= 2 || one_group_then_comma {
        let (int_part, frac) = m.split_once(',').unwrap_or((m, ""));
        if !all_digits(frac) || (m.contains(',') && frac.is_empty()) {
            return None;
        }
        return thousands(&int_part.replace('.', ","))
            .map(|i| (i, frac, NumberForm::ThousandsSeparated));
    }
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
///
/// ```
/// use trialstats_documents::text::number::read_df;
/// // PDF typesetting prints F(l, 76) for F(1, 76) (statcheck's RGX_DF1_I_L); Welch's df are
/// // fractional.
/// assert_eq!(read_df("l"), Ok(1.0));
/// assert_eq!(read_df("28.1"), Ok(28.1));
/// assert_eq!(read_df("1,024"), Ok(1024.0));
/// assert!(read_df("0").is_err()); // df must be above 0
/// ```
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
///
/// ```
/// use trialstats_documents::text::number::read_df_list;
/// // χ2(1, N = 2,080): one df and the sample size, its comma a thousands separator.
/// let chi2 = read_df_list("1, N = 2,080", 1)?;
/// assert_eq!((chi2.df, chi2.n), (vec![1.0], Some(2080.0)));
/// // F(2, 56): two df.
/// assert_eq!(read_df_list("2, 56", 2)?.df, [2.0, 56.0]);
/// # Ok::<(), String>(())
/// ```
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
    fn numbers_in_words_kanji_multipliers_and_dot_groups() {
        for (t, v) in [
            ("Fifteen", 15),
            ("Thirty-two", 32),
            ("twenty one", 21),
            ("ninety-nine", 99),
            ("seventeen", 17),
            ("one hundred", 100),
            ("two hundred and five", 205),
        ] {
            let x = n(t);
            assert_eq!(
                (x.value, x.text.as_str(), x.form),
                (v as f64, v.to_string().as_str(), NumberForm::Words),
                "{t}"
            );
        }
        for bad in [
            "one two",
            "twenty twelve",
            "hundred",
            "first",
            "twenty-one-one",
        ] {
            assert!(TextNumber::parse(bad).is_err(), "{bad}");
        }
        let words = regex::Regex::new(number_words()).unwrap();
        let found: Vec<&str> = words
            .find_iter("Seventeen of sixty-six, someone, none, thirty two and one hundred and five")
            .map(|m| m.as_str())
            .collect();
        assert_eq!(
            found,
            [
                "Seventeen",
                "sixty-six",
                "thirty two",
                "one hundred and five"
            ]
        );
        for (k, v) in [
            ("五", 5),
            ("十", 10),
            ("十二", 12),
            ("二十五", 25),
            ("百二十", 120),
            ("三千五百", 3500),
            ("一万二千", 12000),
            ("二〇", 20),
        ] {
            assert_eq!(kanji_value(k), Some(v), "{k}");
            assert_eq!(n(k).form, NumberForm::Kanji);
        }
        assert_eq!(kanji_value("二三十"), None);
        // 万 and 千 after digits: the value, known to the place of the multiplier.
        for (t, plain, decimals) in [
            ("3千", "3000", -3),
            ("2.5万", "25000", -3),
            ("1万2千", "12000", -3),
            ("1万2000", "12000", 0),
            ("1.23456万", "12345.6", 1),
        ] {
            let x = n(t);
            assert_eq!(
                (x.plain.as_str(), x.text.as_str(), x.decimals, x.form),
                (plain, plain, decimals, NumberForm::Multiplied),
                "{t}"
            );
        }
        assert!(TextNumber::parse("2.万").is_err());
        // Dots between groups of three, when two or more say they are not a decimal point.
        let x = n("1.234.567");
        assert_eq!(
            (x.value, x.decimals, x.form),
            (1234567.0, 0, NumberForm::ThousandsSeparated)
        );
        assert_eq!(n("1.234.567,5").plain, "1234567.5");
        assert_eq!(n("1.234").value, 1.234);
        assert!(TextNumber::parse("1.23.456").is_err());
        let number = regex::Regex::new(NUMBER).unwrap();
        assert_eq!(
            number.find("n 1.234.567 in").unwrap().as_str().trim(),
            "1.234.567"
        );
        assert_eq!(number.find("v 2.1.3").unwrap().as_str().trim(), "2.1");
        let multiplied = regex::Regex::new(MULTIPLIED).unwrap();
        assert_eq!(multiplied.find("約1万2千人").unwrap().as_str(), "1万2千");
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
