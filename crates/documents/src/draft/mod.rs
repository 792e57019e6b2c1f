//! From a document's text to a drafted study file: every reported number found, classified
//! and quoted with its sentence, for a person to review (`trialstats draft`), and every
//! summary a text prints checked (`trialstats check text`).
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | [`Item`] and [`ItemKind`]: one number or group of numbers found, with its printed strings, byte span, line and quote; [`read_items`], which runs the recognisers in order, each claiming the bytes it reads |
//! | [`sentences`] | [`Sentences`]: the text made plain ([`crate::text::PlainText`]), its sentences (quotes with the line breaks joined, as `data/README.md` writes them) and the heading above each |
//! | [`not_data`] | what is not data: URLs, e-mail and postal addresses, telephone numbers, DOIs and registry ids, figure and table numbers, footnote marks, citations, numbers inside names (IL-6, G93A), list enumerators |
//! | [`inference`] | test statistics (the statcheck forms of [`crate::checks::reported_test`]), p-values, confidence intervals |
//! | [`summary`] | mean ± spread (`m ± s`, `m +/- s`, `m (s)`, `m (SD s)`), medians with IQR or range |
//! | [`table`] | the tables as text extraction leaves them: rows, cells, column headers (aligned as tables are printed) and the caption, header and legend where a table states what its cells are |
//! | [`table_row`] | what a table's labels make of its cells: a row labelled `n` or `P`, a column headed `P` or `n`, the `; n` after a summary in a cell, `x (y)` in a row or column of `n (%)` |
//! | [`count`] | `x of n`, `x/n`, 7 名中 5 名, `n = k`, 5 例, percentages (`x %`, `x % (k/n)`) |
//! | [`rate`] | rates per period (`0.47 points per month`, 1月あたり平均0.47ポイント) |
//! | [`date`] | dates (`2014 年 3 月 15 日`, 令和 2 年, `March 15, 2014`, `2014-03-15`) |
//! | [`unclassified`] | every other number, kept for review, never dropped |
//! | [`structure`] | the document's structure: which group (arm), measure and time point each summary belongs to, with its n and the comparison printed after it, and the evidence (`structure/`: running text, tables, the types) |
//! | [`cues`] | the words of reports that name a group, a time point, a transition, a change or a new measure (English and Japanese) |
//! | [`study_file`] | the drafted study file (TOML in the `data/` format, loads as it is), written from the items and the [`structure`], with review notes |
//! | [`summary_check`] | `check text`: each mean ± spread with an n, by bounds, GRIM and GRIMMER |
//! | [`comparison_check`] | `check text`: two groups' means ± spreads compared in one sentence with a p or CI: which reading of ± (SD, SEM) the printed p or CI supports, by [`crate::reading`] |
//! | [`parts_check`] | `check text`: a number of people and its groups' numbers in the bracket after it: do they add up? |
//!
//! Every number is read by the one reader of numbers, [`crate::text::TextNumber`]; a
//! recogniser finds where a kind of item stands and which of its numbers plays which part.
//! The recognisers run from the most specific to the least (a test statistic before its p, a
//! mean ± spread before the n that follows it, a percentage before a bare number); the bytes
//! an item reads are claimed, so no number is drafted twice. The patterns are regular
//! expressions of the `regex` crate (linear time: no text makes a scan hang).

pub mod bare_shares;
pub mod cell_template;
pub mod comparison_check;
pub mod count;
pub mod cues;
pub mod date;
pub mod inference;
pub mod interval_check;
pub mod not_data;
pub mod parts_check;
pub mod rate;
pub mod sentences;
pub mod share_check;
pub mod structure;
pub mod study_file;
pub mod summary;
pub mod summary_check;
pub mod table;
pub mod table_row;
pub mod unclassified;

pub use sentences::Sentences;

use crate::error::Result;
use crate::text::TextNumber;
use serde::Serialize;
use std::ops::Range;

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// `5.1 ± 1.7`, `5.1 (1.7)`, `5.1 (SD 1.7)`: `mean`, `spread`, `spread_label`, `n`.
    MeanSpread,
    /// `6 (IQR 4–10)`: `median`, `lower`, `upper`.
    MedianIqr,
    /// `6 (range 2–20)`: `median`, `lower`, `upper`.
    MedianRange,
    /// `5 of 7`, `92/104`, 7 名中 5 名: `count`, `of`.
    CountOf,
    /// `88.5%`: `value`.
    Percent,
    /// `p = 0.411`, `p < .001`: `value`, `relation`.
    P,
    /// `95% CI 0.2 to 1.4`: `lower`, `upper`, `level`.
    Ci,
    /// `n = 104`, 7 名, 70例以上: `value` (and `unit`, `bound`).
    N,
    /// `HR 0.75`, `odds ratio 2.1`, `RR=0.8`, ハザード比0.75: `value`, and the `ratio` it is
    /// (`hazard ratio`). Its confidence interval, when printed, is the `ci` item right after
    /// it (one reader of intervals for every estimate).
    Ratio,
    /// `a 12% reduction`, `reduced by 35%`, `−12%` as a change, 12%減少: `value` (negative for
    /// a fall only when printed with a minus). A change, not a share of a whole: never checked
    /// as a percentage between 0 and 100.
    PercentChange,
    /// `0.47 points per month`: `value`, `unit`, `per`.
    Rate,
    /// `t(28) = 2.20, p = .04`: `statistic`, with its `p`.
    TestStatistic,
    /// `2014 年 3 月 15 日`: `date` (YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD).
    Date,
    /// A number none of the above reads: `value`, and `unit` when a word follows it.
    Number,
}

impl ItemKind {
    /// A summary of a group's values: a mean with its spread, a median with its quartiles or
    /// range (what a measure's cells hold, and what a cell's own n belongs to).
    pub fn is_summary(self) -> bool {
        matches!(
            self,
            ItemKind::MeanSpread | ItemKind::MedianIqr | ItemKind::MedianRange
        )
    }

    /// The name used in JSON and in the drafted file's ids.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::MeanSpread => "mean_spread",
            ItemKind::MedianIqr => "median_iqr",
            ItemKind::MedianRange => "median_range",
            ItemKind::CountOf => "count_of",
            ItemKind::Percent => "percent",
            ItemKind::P => "p",
            ItemKind::Ci => "ci",
            ItemKind::N => "n",
            ItemKind::Ratio => "ratio",
            ItemKind::PercentChange => "percent_change",
            ItemKind::Rate => "rate",
            ItemKind::TestStatistic => "test_statistic",
            ItemKind::Date => "date",
            ItemKind::Number => "number",
        }
    }
}

/// One number as printed in the document, read by [`TextNumber`].
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    /// The number read (its `text` is the printed number made plain: ASCII digits and `-`).
    pub number: TextNumber,
    /// Exactly as the document prints it (`−6.35`, `７`, `11,455`).
    pub original: String,
    /// Byte span in the document.
    pub span: [usize; 2],
}

impl Printed {
    /// The number as the `data/` format writes it: a plain decimal (`-6.35`, `7`, `11455`).
    pub fn data_value(&self) -> &str {
        &self.number.plain
    }

    /// What a reviewer should know about how it was printed (a U+2212 minus, full-width
    /// digits, a thousands separator, scientific notation), or `None` when it is printed as
    /// the file writes it.
    pub fn printing_note(&self) -> Option<String> {
        let o = &self.original;
        let mut how = Vec::new();
        if o.trim_start().starts_with(['+', '\u{FF0B}']) {
            how.push("with a plus sign");
        }
        if o.contains('\u{2212}') {
            how.push("with the minus sign U+2212");
        } else if o.contains(['\u{2013}', '\u{2010}', '\u{2011}', '\u{2012}', '\u{FE63}']) {
            how.push("with a dash as its minus sign");
        }
        if o.chars().any(|c| ('\u{FF10}'..='\u{FF19}').contains(&c)) {
            how.push("in full-width digits");
        }
        if o.contains(['\u{00B7}', '\u{2219}', '\u{22C5}']) {
            how.push("with a middle dot as its decimal point");
        }
        match self.number.form {
            crate::text::number::NumberForm::Kanji => how.push("in kanji"),
            crate::text::number::NumberForm::Words => how.push("in words"),
            crate::text::number::NumberForm::Multiplied => how.push("with 万 or 千"),
            crate::text::number::NumberForm::ThousandsSeparated => {
                how.push("with a thousands separator")
            }
            crate::text::number::NumberForm::DecimalComma => how.push("with a decimal comma"),
            crate::text::number::NumberForm::Scientific => how.push("in scientific notation"),
            crate::text::number::NumberForm::Plain => {
                // `1 234`, `1'234`: a separator the plain text dropped.
                let digits = o.trim_start_matches(['-', '+', '\u{2212}']);
                if digits.contains([
                    '\u{00A0}', '\u{2007}', '\u{2009}', '\u{202F}', '\'', '\u{2019}',
                ]) {
                    how.push("with a thousands separator");
                }
            }
        }
        (!how.is_empty()).then(|| {
            format!(
                "printed {} as {}; written here as {}",
                how.join(", "),
                o.trim(),
                self.data_value()
            )
        })
    }
}

impl Serialize for Printed {
    /// As the printed string (made plain), as `--format json` promises.
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.number.text)
    }
}

/// Whether a number is a bound rather than exact: 約 4000, 70例以上, `at least 70`, `< 5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    #[serde(rename = "at least")]
    AtLeast,
    #[serde(rename = "at most")]
    AtMost,
    #[serde(rename = "approximately")]
    Approximately,
}

impl Bound {
    /// The word of the `data/` format.
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::AtLeast => "at least",
            Bound::AtMost => "at most",
            Bound::Approximately => "approximately",
        }
    }
}

/// The numbers of one item, by the part each plays; only those of its kind are set.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Parts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean: Option<Printed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spread: Option<Printed>,
    /// What the document says the spread is (`SD`, `SE`, `SEM`), when it says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spread_label: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<Printed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median: Option<Printed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lower: Option<Printed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upper: Option<Printed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<Printed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub of: Option<Printed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Printed>,
    /// `=`, `<` or `>` (p-values).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<&'static str>,
    /// A confidence interval's level as printed (`95` for `95% CI`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Printed>,
    /// The word or sign that follows a number (`weeks`, `名`, `points`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The period of a rate (`month`, `年`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
    /// A test result as read (`t(28) = 2.20, p = .04`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statistic: Option<String>,
    /// What a ratio estimates (`hazard ratio`, `odds ratio`, `risk ratio`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio: Option<&'static str>,
    /// A date in the `data/` format (`2014-03-15`, `2005`, `--03-14`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bound: Option<Bound>,
}

impl Parts {
    /// Every number of the item, in reading order.
    pub fn numbers(&self) -> Vec<&Printed> {
        let mut v: Vec<&Printed> = [
            &self.mean,
            &self.spread,
            &self.n,
            &self.median,
            &self.lower,
            &self.upper,
            &self.count,
            &self.of,
            &self.value,
            &self.level,
        ]
        .into_iter()
        .flatten()
        .collect();
        v.sort_by_key(|p| p.span[0]);
        v
    }
}

/// Does the number at plain byte `start` begin inside another number: right after a digit,
/// or after a decimal point that follows one (`0.0013.7 (3.0)`, a table's p `0.001` glued to
/// the next mean `3.7`, where `0013.7` is no number as printed)? A number with two decimal
/// points cannot be split by its digits alone, so neither part is read (a sign opens a number
/// of its own: `(3.1)−1.5`).
fn starts_inside_a_number(plain: &str, start: usize) -> bool {
    let before = &plain.as_bytes()[..start];
    let first = plain.as_bytes().get(start).copied();
    let opens_with_digit = first.is_some_and(|b| b.is_ascii_digit() || b == b'.');
    match before {
        [.., d] if d.is_ascii_digit() => opens_with_digit,
        [.., d, b'.'] if d.is_ascii_digit() => opens_with_digit,
        _ => false,
    }
}

/// Does the number ending at plain byte `end` run on into a second decimal point
/// (`0.0013.7`): glued to the next cell's number, where it cannot be told apart.
fn ends_inside_a_number(plain: &str, end: usize) -> bool {
    let after = &plain.as_bytes()[end.min(plain.len())..];
    let before = &plain.as_bytes()[..end.min(plain.len())];
    matches!(after, [b'.', d, ..] if d.is_ascii_digit())
        && before
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit() || **b == b'.')
            .any(|b| *b == b'.')
}

/// The longest quote an item carries, in bytes: a longer sentence (a list run together with
/// no full stop) is quoted by the words around the item.
pub const QUOTE_WIDTH: usize = 600;

/// One item found in a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub kind: ItemKind,
    /// The sentence it stands in, line breaks joined (as `data/README.md` writes quotes); in
    /// a sentence longer than [`QUOTE_WIDTH`] bytes, the words around it.
    pub quote: String,
    /// The line (1-based) where the item starts.
    pub line: usize,
    /// Byte offsets [start, end) of the item in the document.
    pub span: [usize; 2],
    /// The item exactly as printed (line breaks and all).
    pub text: String,
    #[serde(flatten)]
    pub parts: Parts,
    /// What a reviewer must decide or know (how a number was printed, an unstated ±).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The index of its sentence in [`Sentences::sentences`].
    #[serde(skip)]
    pub sentence: usize,
}

/// A document's drafted items, as `trialstats draft --format json` prints them (and the
/// page's API returns them): the file, each item with its kind, quote, line, span and
/// numbers as printed, and the structure decided from them (groups, measures with their
/// cells, evidence and what to review; indices point into `items`).
#[derive(Debug, Clone, Serialize)]
pub struct DraftedItems {
    pub file: String,
    pub items: Vec<Item>,
    pub structure: structure::Structure,
}

impl DraftedItems {
    /// Read `doc` (the text of the file named `file`): its items and their structure.
    pub fn read(file: &str, doc: &Sentences) -> DraftedItems {
        let items = read_document(doc);
        let structure = structure::read_structure(doc, &items);
        DraftedItems {
            file: file.to_string(),
            items,
            structure,
        }
    }

    /// The study file drafted from these items and their structure (as
    /// [`study_file::draft_study`]).
    pub fn study_file(&self, doc: &Sentences, options: &study_file::DraftOptions) -> String {
        study_file::write_study(doc, &self.items, &self.structure, options)
    }
}

impl crate::output::Tabular for DraftedItems {
    fn table(&self) -> crate::output::Table {
        use crate::output::Cell;
        crate::output::Table {
            header: ["line", "kind", "numbers", "as printed"]
                .map(String::from)
                .to_vec(),
            rows: self
                .items
                .iter()
                .map(|i| {
                    vec![
                        Cell::Integer(i.line as i64),
                        Cell::Text(i.kind.as_str().to_string()),
                        Cell::Text(i.numbers_text()),
                        Cell::Text(crate::text::plain::lines_joined(&i.text)),
                    ]
                })
                .collect(),
        }
    }
}

impl Item {
    /// The item's numbers as printed, for a line of a table: its date or statistic where it
    /// is one, else its numbers separated by spaces.
    pub fn numbers_text(&self) -> String {
        match (&self.parts.date, &self.parts.statistic) {
            (Some(d), _) => d.clone(),
            (None, Some(s)) => s.clone(),
            _ => self
                .parts
                .numbers()
                .iter()
                .map(|p| p.number.text.clone())
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    /// Is this item's mean (or its value, a difference printed bare) the difference of `a`'s
    /// and `b`'s means within their printed rounding (each number off by up to half its last
    /// printed digit): `Some(true)` for a − b, `Some(false)` for b − a, `None` for neither (or
    /// where one prints no mean)?
    pub(crate) fn difference_of(&self, a: &Item, b: &Item) -> Option<bool> {
        let (a, b, d) = (
            &a.parts.mean.as_ref()?.number,
            &b.parts.mean.as_ref()?.number,
            &self
                .parts
                .mean
                .as_ref()
                .or(self.parts.value.as_ref())?
                .number,
        );
        let slack = a.half_unit() + b.half_unit() + d.half_unit() + 1e-9;
        if (a.value - b.value - d.value).abs() <= slack {
            Some(true)
        } else if (b.value - a.value - d.value).abs() <= slack {
            Some(false)
        } else {
            None
        }
    }
}

/// Bytes of the document already read by an item, or not data.
pub struct Claims {
    taken: Vec<bool>,
}

impl Claims {
    fn new(len: usize) -> Claims {
        Claims {
            taken: vec![false; len + 1],
        }
    }

    /// Is any byte of `range` (in the document) claimed?
    pub fn any(&self, range: Range<usize>) -> bool {
        self.taken[range.start.min(self.taken.len())..range.end.min(self.taken.len())]
            .iter()
            .any(|&t| t)
    }

    /// Claim `range`.
    pub fn claim(&mut self, range: Range<usize>) {
        let end = range.end.min(self.taken.len());
        for t in &mut self.taken[range.start.min(end)..end] {
            *t = true;
        }
    }
}

/// What the recognisers share while they read one document.
pub struct Scan<'a> {
    pub doc: &'a Sentences<'a>,
    /// Bytes read by an item.
    pub claimed: Claims,
    /// Bytes that are not data ([`not_data`]).
    pub not_data: Claims,
    /// The document's tables, found in its plain text ([`table`]).
    pub tables: table::Tables,
    pub items: Vec<Item>,
    /// The document lists with hyphen bullets ([`sets_a_list_with_hyphens`]): a `- ` opening
    /// a line is the list's mark, never a minus.
    pub hyphen_bullets: bool,
}

/// Does the text set a list with hyphen bullets: two lines or more opening with `- `, one of
/// them at least with a word after the mark, or a number and words after it (`- 雑誌`, `- 12
/// of 20 patients improved`)? Then `- 34` and `- 5.1 ± 1.2 points` on lines of that list are
/// items, not negative values. (A column of negative values copied a cell a line, `- 2.3`,
/// prints no words after its numbers.)
pub fn sets_a_list_with_hyphens(plain: &str) -> bool {
    let items: Vec<&str> = plain
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("- "))
        .map(str::trim_start)
        .collect();
    let worded = |rest: &&str| {
        let first = rest.split_whitespace().next().unwrap_or("");
        let after_first = rest[first.len()..].trim_start();
        rest.starts_with(char::is_alphabetic)
            || first.starts_with(|c: char| c.is_ascii_digit())
                && after_first.starts_with(char::is_alphabetic)
    };
    items.len() >= 2 && items.iter().any(worded)
}

impl<'a> Scan<'a> {
    /// The number in the plain range `range` (a capture of [`crate::text::number::NUMBER`]),
    /// or `None` when it does not read as one.
    pub fn number(&self, range: Range<usize>) -> Option<Printed> {
        // A number as matched may begin with the space before it.
        let text = &self.doc.plain.text[range.clone()];
        let mut range = range.start + (text.len() - text.trim_start().len())..range.end;
        let sign = self.doc.plain.original_span(range.start..range.start + 1);
        let sign = &self.doc.original[sign];
        if let Some(after_sign) = empty_cell_dash(&self.doc.plain.text, range.clone(), sign) {
            range.start = after_sign;
        } else if sign == "-"
            && self.opens_its_line(range.start)
            && (self.hyphen_bullets || self.words_after(range.end))
        {
            let body = &self.doc.plain.text[range.start + 1..range.end];
            if body.starts_with(' ') {
                range.start += 1 + (body.len() - body.trim_start().len());
            }
        }
        let plain = &self.doc.plain.text[range.clone()];
        // A number glued to the digits before it is read only where a reader split them
        // and took the part before (a spread's decimals decide `± 1.215.6 ± 2.0`).
        let split_before = range.start > 0 && {
            let prev = self.doc.plain.original_span(range.start - 1..range.start);
            self.claimed.any(prev)
        };
        if starts_inside_a_number(&self.doc.plain.text, range.start) && !split_before
            || ends_inside_a_number(&self.doc.plain.text, range.end)
        {
            return None;
        }
        let number = TextNumber::parse(plain).ok()?;
        let span = self.doc.plain.original_span(range);
        Some(Printed {
            number,
            original: self.doc.original[span.clone()].to_string(),
            span: [span.start, span.end],
        })
    }

    /// Do words follow plain byte `at` (`- 1.1 本剤により…`: a bullet's item, whose number is
    /// a section's, not a value with its minus)?
    fn words_after(&self, at: usize) -> bool {
        self.doc.plain.text[at..]
            .trim_start_matches([' ', '\u{3000}'])
            .starts_with(char::is_alphabetic)
    }

    /// Does plain byte `at` open its line (only white space before it on the line)?
    fn opens_its_line(&self, at: usize) -> bool {
        let before = &self.doc.plain.text[..at];
        let line_start = before.rfind('\n').map_or(0, |k| k + 1);
        before[line_start..].trim().is_empty()
    }

    /// Can an item stand at the plain range `range`: nothing in it read yet, nor marked as
    /// not data?
    pub fn free(&self, range: Range<usize>) -> bool {
        let span = self.doc.plain.original_span(range);
        !self.claimed.any(span.clone()) && !self.not_data.any(span)
    }

    /// Record an item of `kind` standing at the plain range `range`, and claim its bytes.
    pub fn push(&mut self, kind: ItemKind, range: Range<usize>, parts: Parts) {
        // White space the plain text made (the space after `、`) opens no item.
        let raw = &self.doc.plain.text[range.clone()];
        let range = range.start + (raw.len() - raw.trim_start().len())..range.end;
        let span = self.doc.plain.original_span(range);
        self.push_original(kind, span, parts);
    }

    /// Record an item of `kind` that is one number, `value`, standing at the plain range
    /// `range` (an n, a p, a bare number), and claim its bytes.
    pub fn push_value(&mut self, kind: ItemKind, range: Range<usize>, value: Printed) {
        self.push(
            kind,
            range,
            Parts {
                value: Some(value),
                ..Parts::default()
            },
        );
    }

    /// Record a percentage `value` with the `count` it is the share of (`6 (24.0)`, `15 |
    /// 21.7`), standing at the plain range `range`, and claim its bytes.
    pub fn push_percent_of_count(&mut self, range: Range<usize>, value: Printed, count: Printed) {
        self.push(
            ItemKind::Percent,
            range,
            Parts {
                value: Some(value),
                count: Some(count),
                ..Parts::default()
            },
        );
    }

    /// The quote of an item at `span` in sentence `sentence`: the sentence, or where it is
    /// longer than [`QUOTE_WIDTH`] bytes (a list run together with no full stop), the words
    /// around the item within it, so that a quote stays readable and a document of one long
    /// line costs no more than its length in every item's quote.
    fn quote_of(&self, sentence: usize, span: &Range<usize>) -> String {
        let whole = &self.doc.sentences[sentence];
        if whole.span.len() <= QUOTE_WIDTH {
            return whole.quote.clone();
        }
        let text = self.doc.original;
        let pad = QUOTE_WIDTH.saturating_sub(span.len()) / 2;
        let mut start = crate::text::window::ceil_boundary(
            text,
            span.start.saturating_sub(pad).max(whole.span.start),
        );
        let mut end =
            crate::text::window::floor_boundary(text, (span.end + pad).min(whole.span.end));
        // Whole words at both ends, where the window cut one.
        if start > whole.span.start {
            if let Some(space) = text[start..span.start].find(char::is_whitespace) {
                start += space;
            }
        }
        if end < whole.span.end {
            if let Some(space) = text[span.end..end].rfind(char::is_whitespace) {
                end = span.end + space;
            }
        }
        crate::text::plain::lines_joined(text[start..end].trim())
    }

    /// Record an item of `kind` standing at the byte range `span` of the document, and
    /// claim its bytes.
    pub fn push_original(&mut self, kind: ItemKind, span: Range<usize>, parts: Parts) {
        // A share of a whole lies from 0 to 100: a percentage printed with a minus, or above
        // 100 with no whole printed (`-0.8 (400.0)` under `Difference (%)`), is a relative
        // change, whichever reader found it.
        let kind = match (&kind, &parts.value) {
            (ItemKind::Percent, Some(v))
                if parts.of.is_none() && (v.number.value < 0.0 || v.number.value > 100.0) =>
            {
                ItemKind::PercentChange
            }
            _ => kind,
        };
        let raw = &self.doc.original[span.clone()];
        let span = span.start + (raw.len() - raw.trim_start().len())..span.end;
        self.claimed.claim(span.clone());
        let sentence = self.doc.sentence_at(span.start);
        let mut notes: Vec<String> = parts
            .numbers()
            .iter()
            .filter_map(|p| p.printing_note())
            .collect();
        notes.dedup();
        let quote = self.quote_of(sentence, &span);
        self.items.push(Item {
            kind,
            quote,
            line: self.doc.plain.line_of(span.start),
            span: [span.start, span.end],
            text: self.doc.original[span].to_string(),
            parts,
            notes,
            sentence,
        });
    }
}

/// `--`, `–` or `-` standing alone between spaces after a cell (`52.1 – 2.1`, `Placebo --
/// 2.1`): an empty cell or a dash, not the minus of the number after it. `sign` is the sign as
/// the document prints it. Returns where the number starts after the dash, when the sign at
/// `range` of `plain` is one. A sign set apart by typesetting after `=` or `(` (`= - 4.46`)
/// and the minus sign U+2212 keep their minus; a hyphen after a word (`was - 2.1`) is
/// taken for a minus too, as prose prints one, while an en dash after a word is a dash
/// (after the `to` or `and` that joins an interval's bounds it is the bound's minus).
pub fn empty_cell_dash(plain: &str, range: Range<usize>, sign: &str) -> Option<usize> {
    let text = &plain[range.clone()];
    let body = text.strip_prefix('-')?;
    if !body.starts_with(' ') || sign == "\u{2212}" {
        return None;
    }
    let before = &plain[..range.start];
    let cell = if let Some(b) = before.strip_suffix('-') {
        // `--`: the second hyphen of a double dash.
        b.chars().next_back().is_none_or(|c| c.is_whitespace())
    } else {
        let trimmed = before.trim_end_matches([' ', '\t']);
        let last = trimmed.chars().next_back();
        let after_cell =
            last.is_some_and(|c| c.is_ascii_digit() || matches!(c, '%' | ')' | ']' | '|'));
        // After a range's joining word (`−5.7 to – 0.1`) the dash is the bound's minus.
        let word = trimmed
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let joins_a_range = matches!(word, "to" | "and");
        let after_word = last.is_some_and(char::is_alphabetic) && sign != "-" && !joins_a_range;
        trimmed.len() < before.len() && (after_cell || after_word)
    };
    cell.then(|| range.start + 1 + (body.len() - body.trim_start().len()))
}

/// Read a document's bytes as text: UTF-8, not empty, not binary. `name` names the file in
/// the error (exit 2).
///
/// ```
/// use trialstats_documents::draft::text_of;
/// assert_eq!(text_of(b"EDSS 5.1 \xc2\xb1 1.7".to_vec(), "a.txt")?, "EDSS 5.1 ± 1.7");
/// // Bytes that are no text (a zip file's header) are refused, naming the file.
/// let e = text_of(vec![0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0], "paper.docx").unwrap_err();
/// assert!(e.to_string().contains("paper.docx"));
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn text_of(bytes: Vec<u8>, name: &str) -> Result<String> {
    // One reader of document files for every command: plain text, HTML or PDF.
    crate::text::Document::from_bytes(name, &bytes).map(|d| d.text)
}

/// Every item of `text`, in the order they stand.
///
/// ```
/// use trialstats_documents::draft::{read_items, ItemKind};
/// // The numbers as the sentence prints them: a mean ± SD (its label named), a percentage
/// // read with the count and the whole it is of, and a p-value; "3.0" keeps its decimal.
/// let items = read_items("EDSS fell from 3.0 ± 1.2 (mean ± SD). 5 of 7 patients (71%) improved; p = 0.04.");
/// let kinds: Vec<ItemKind> = items.iter().map(|i| i.kind).collect();
/// assert_eq!(kinds, [ItemKind::MeanSpread, ItemKind::Percent, ItemKind::P]);
/// let percent = &items[1].parts;
/// let printed = |x: &Option<trialstats_documents::draft::Printed>| x.as_ref().unwrap().original.clone();
/// assert_eq!((printed(&percent.count), printed(&percent.of), printed(&percent.value)), ("5".into(), "7".into(), "71".into()));
/// let mean = items.iter().find(|i| i.kind == ItemKind::MeanSpread).unwrap();
/// assert_eq!(mean.parts.mean.as_ref().unwrap().original, "3.0");
/// assert_eq!(mean.parts.spread_label, Some("SD"));
/// let p = items.iter().find(|i| i.kind == ItemKind::P).unwrap();
/// assert_eq!(p.parts.value.as_ref().unwrap().original, "0.04");
/// ```
pub fn read_items(text: &str) -> Vec<Item> {
    let doc = Sentences::new(text);
    read_document(&doc)
}

/// Every item of a document, in the order they stand.
///
/// ```
/// use trialstats_documents::draft::{read_document, ItemKind, Sentences};
/// // A result with its test statistic, a ratio with its 95 % CI, and a median with its IQR.
/// let doc = Sentences::new(
///     "Pain fell, t(28) = 2.20, p = .036. HR 0.75 (95% CI 0.60 to 0.94). Age was 52 (IQR 45–60) years.",
/// );
/// let kinds: Vec<ItemKind> = read_document(&doc).iter().map(|i| i.kind).collect();
/// assert_eq!(kinds, [ItemKind::TestStatistic, ItemKind::Ratio, ItemKind::Ci, ItemKind::MedianIqr]);
/// ```
pub fn read_document(doc: &Sentences) -> Vec<Item> {
    let mut scan = Scan {
        doc,
        claimed: Claims::new(doc.original.len()),
        not_data: not_data::find(doc),
        tables: table::Tables::find(&doc.plain.text_with_tabs(doc.original)),
        items: Vec::new(),
        hyphen_bullets: sets_a_list_with_hyphens(&doc.plain.text),
    };
    // From the most specific form to the least: each claims what it reads.
    date::find(&mut scan);
    table_row::find(&mut scan);
    table_row::find_flow_lines(&mut scan);
    table_row::find_statistic_lines(&mut scan);
    table_row::find_laid_out_lines(&mut scan);
    table_row::find_bracketed_p_lines(&mut scan);
    table_row::find_spaced_summary_rows(&mut scan);
    inference::find_test_statistics(&mut scan);
    inference::find_confidence_intervals(&mut scan);
    inference::find_ratios(&mut scan);
    summary::find(&mut scan);
    summary::find_bracketed_n(&mut scan);
    table_row::find_row_end_p(&mut scan);
    table_row::find_ns_before_summaries(&mut scan);
    inference::find_p_values(&mut scan);
    table_row::find_ps_under_a_p_header(&mut scan);
    rate::find(&mut scan);
    count::find(&mut scan);
    bare_shares::find(&mut scan);
    unclassified::find(&mut scan);
    let mut items = scan.items;
    items.sort_by_key(|i| i.span[0]);
    summary::attach_n(&mut items, doc.original);
    items
}

#[cfg(test)]
pub(crate) mod tests {
    #[test]
    fn full_width_brackets_and_digits_are_read_not_a_panic() {
        // Made-up values in the shapes the corpus's reports take once their brackets are made
        // full-width (`（n = 52）`) or their digits (`１２.３４`), as Japanese copies print them:
        // four readers cut a byte after a bracket or a digit and panicked (245 of the corpus's
        // reports so changed did).
        for text in [
            "Individuals were randomized to drug A （n = 52） or drug B （n = 49）; mean scores were 18.4 （SD 3.7） and 19.4 （SD 4.1）, respectively.",
            "早期発症は,A群では 13 例（1.6%）が発症したのに対し,B群では 35 例（4.3%）が発症した（A群のオッズ比 0.38,95%信頼区間 0.20~0.74,P=0.004）.",
            "Sham（A） N=21 Active（B） N=48\nScore 12.1 ± 3.2 14.0 ± 2.9",
        ] {
            let (items, _) = super::structure::read_text(text);
            assert!(!items.is_empty(), "{text}");
        }
        // A glued run of full-width digits is not cut into numbers (the cuts count bytes).
        let (items, _) =
            super::structure::read_text("Table 1\nA B\nWeight １２.３４.５６ ７.８９.１０");
        assert!(items.iter().all(|i| i.kind == super::ItemKind::Number));
    }

    #[test]
    fn a_list_run_together_with_no_full_stop_quotes_each_item_by_the_words_around_it() {
        // A paste of one line, as a user may give: 300 groups with no full stop between them.
        let text: String = (0..300)
            .map(|k| format!("group {k} mean {}.5 ± 1.5 (n = 12) p = 0.04", 10 + k % 50))
            .collect::<Vec<_>>()
            .join(";");
        let items = super::read_items(&text);
        let summaries: Vec<&super::Item> = items
            .iter()
            .filter(|i| i.kind == super::ItemKind::MeanSpread)
            .collect();
        assert_eq!(summaries.len(), 300);
        for i in &items {
            assert!(i.quote.len() <= super::QUOTE_WIDTH, "{}", i.quote.len());
            assert!(
                i.quote.contains(i.text.trim()),
                "{:?} in {:?}",
                i.text,
                i.quote
            );
            assert!(text.contains(&i.quote));
        }
        // Its values are no report's sentence: none is placed in a measure with another.
        let (_, s) = super::structure::read_text(&text);
        assert!(
            s.measures.iter().all(|m| m.cells.len() <= 1),
            "{:?}",
            s.measures.len()
        );
    }

    /// (kind, numbers as read) of every item: what the recognisers' tests compare.
    pub(crate) fn brief(items: &[super::Item]) -> Vec<(&'static str, String)> {
        items
            .iter()
            .map(|i| {
                (
                    i.kind.as_str(),
                    i.parts
                        .numbers()
                        .iter()
                        .map(|p| p.number.text.clone())
                        .collect::<Vec<_>>()
                        .join("/"),
                )
            })
            .collect()
    }

    /// The means ± spreads among `items`, each as its mean and spread as printed and the
    /// spread's label: what the readers' tests compare.
    pub(crate) fn mean_spreads(
        items: &[super::Item],
    ) -> Vec<(String, String, Option<&'static str>)> {
        let text = |p: &Option<super::Printed>| {
            p.as_ref().map_or(String::new(), |p| p.number.text.clone())
        };
        items
            .iter()
            .filter(|i| i.kind == super::ItemKind::MeanSpread)
            .map(|i| {
                (
                    text(&i.parts.mean),
                    text(&i.parts.spread),
                    i.parts.spread_label,
                )
            })
            .collect()
    }

    use super::*;

    #[test]
    fn a_dash_between_cells_is_not_a_sign() {
        let plain = "7.2 - 6.9 and = - 4.46 and Placebo - 2.1 and x -- 3";
        let at = |s: &str| plain.find(s).unwrap();
        let d = |s: &str, sign: &str| empty_cell_dash(plain, at(s)..at(s) + s.len(), sign);
        assert_eq!(d("- 6.9", "–"), Some(at("6.9")));
        assert_eq!(d("- 4.46", "-"), None);
        assert_eq!(d("- 2.1", "–"), Some(at("2.1")));
        assert_eq!(d("- 2.1", "-"), None);
        assert_eq!(d("- 6.9", "\u{2212}"), None);
        assert_eq!(d("- 3", "-"), Some(at("3")));
        // An en dash set apart after the word joining an interval's bounds is the bound's
        // minus (the forty-first trial's document 03: `to – 1.0` had been read as +1.0).
        let plain = "95% CI -5.7 to - 0.1 and -2.0 and - 0.5";
        let at = |s: &str| plain.find(s).unwrap();
        let d = |s: &str, sign: &str| empty_cell_dash(plain, at(s)..at(s) + s.len(), sign);
        assert_eq!(d("- 0.1", "–"), None);
        assert_eq!(d("- 0.5", "–"), None);
    }

    #[test]
    fn a_percentage_below_zero_or_above_a_hundred_is_a_change_not_a_share() {
        // Made-up cells of a results table: a difference and its relative size in %, under a
        // row labelled `Difference (%)`; none of them is a share of the patients.
        let items = read_items(
            "Visit | Placebo | Drug\nDifference (%) vs. placebo | -0.8 (400.0) | -0.1 (-12.5)\n",
        );
        let percents: Vec<(ItemKind, String)> = items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Percent | ItemKind::PercentChange))
            .map(|i| (i.kind, i.parts.value.as_ref().unwrap().number.text.clone()))
            .collect();
        assert!(!percents.is_empty());
        assert!(
            percents.iter().all(|(k, _)| *k == ItemKind::PercentChange),
            "{percents:?}"
        );
    }

    #[test]
    fn numbers_glued_with_two_decimal_points_are_not_read_and_a_true_minus_keeps_its_sign() {
        // A table copied with every cell glued: a p (0.001) then the next mean (3.7 (3.0));
        // `0.0013.7` splits no one way its digits decide, so no part of it is read (before,
        // `0013.7 (3.0)` was drafted as a mean). A date `2016.02.04` is no number either.
        let items = read_items(
            "Active4.1 (2.3)2.4 (1.1 to 3.8)0.0013.7 (3.0)0.3133.5 (3.1)−1.5 (−3.1 to 0.2)\nNews 2016.02.04\n",
        );
        let read: Vec<String> = items
            .iter()
            .flat_map(|i| i.parts.numbers())
            .map(|p| p.number.text.clone())
            .collect();
        for never in ["0013.7", "0.0013", "3133.5", "0.3133", "2016.02", ".04"] {
            assert!(!read.contains(&never.to_string()), "{never} in {read:?}");
        }
        assert!(read.contains(&"4.1".to_string()) && read.contains(&"2.3".to_string()));
        // The minus sign U+2212 after a bracket's close is the next cell's minus.
        let signed: Vec<f64> = items
            .iter()
            .flat_map(|i| i.parts.numbers())
            .map(|p| p.number.value)
            .collect();
        assert!(
            signed.contains(&-1.5) && !signed.contains(&1.5),
            "{signed:?}"
        );
    }
}
