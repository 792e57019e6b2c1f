//! Summaries of a distribution: mean ± spread and median with IQR or range.
//!
//! Forms: `m ± s` (also with a unit sign after the mean: `74.0°±16.6°`, `8.3%±1.7`), `m +/- s`, `m ± s SD`, `m (SD s)`, `m (standard deviation s)`, `m (SE s)`,
//! `m (s)` (the last only when both numbers print decimals, `2.70 (0.051)`, or the sentence
//! says `mean (SD)` or the like: `cycle 1 (2)` is not a summary), `6 (IQR 4–10)`,
//! `6 (interquartile range 4 to 10)`, `6 (range 2–20)`, 中央値 6（範囲 2–20）, and `19 (5–64)`
//! or `6 [4–10]` holding its median between its bounds in a document that states `median
//! (IQR)` or `median (25–75 centile)` (a sentence, a table's header), or in the paragraph
//! after a median printed with its label. What ± means is taken only from the text: a label
//! after the spread (`± 1.7 SD`, `(SD 1.7)`) or a statement in the same sentence (`mean ±
//! SD`, `mean (SEM)`); otherwise it stays unstated, for the reviewer.

use super::not_data::inside_name;
use super::{Item, ItemKind, Parts, Printed, Scan};
use crate::text::number::NUMBER;
use crate::text::window;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

const LABEL: &str = r"(?:SD|SEM|SE|S\.D\.|S\.E\.M\.|S\.E\.|s\.d\.|s\.e\.m\.|s\.e\.|(?i:standard\x20deviation|standard\x20error(?:\x20of\x20the\x20mean)?)|標準偏差|標準誤差)";

/// Units printed between a mean and its bracketed spread (`52.1 years (SD 9.8)`, `7.1% (SD,
/// 0.8)`, `−1.9% (SE, 0.2%)` with the spread's own sign): read there only with the spread's
/// label or a ± inside the bracket.
const UNIT: &str = r"(?: % | (?i: years? | yrs? | months? | weeks? | days? | hours? | minutes? | points? | kg/m2 | kg/m² | kg | cm | mm | mmHg | mg/dL | mmol/L | ml | mL | L ) (?-u:\b) )";
/// The units a median's bounds may repeat inside its bracket (`40 mg (range, 10 to 80 mg)`): a
/// bracket that names its bounds (`IQR`, `range`) cannot be a dose's n, so doses are units here.
const MEDIAN_UNIT: &str = r"(?: UNIT | (?i: mg | g | μg | µg ) (?-u:\b) )";
/// Japanese units of time, age and score a median and its bounds may print (`7.3週間`, `65歳`).
const JA_UNIT: &str =
    r"(?: 週間 | 週 | 日間 | 日 | カ月 | ヵ月 | ヶ月 | か月 | 年 | 歳 | 時間 | 分 | 点 )";

/// Japanese counters a mean and its bracketed spread may each print besides the units of
/// [`JA_UNIT`] (`0.23回(SD 0.68回)`: episodes).
const JA_COUNTED: &str = r"(?: 回 | 個 | 件 )";

/// A mean and its spread in each form reports print: `m ± s` (or `+/-`, with the label after
/// it), `m (s)` and `m (SD s)`, `m unit (SD, s)`, `m (± s)`, `m (SE+/- s, p = …)` (a label
/// and the p sharing the bracket: the item ends before the p), and the worded `mean m, SD s`
/// (with APA's `M = m, SD = s`).
fn mean_spread_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
              (?P<mean> NUMBER ) \s* (?: [%％°] \s* | (?P<munit> DOSEUNIT ) \s* )? (?: ± | \+/- | \+- | \+\x20?/\x20?- ) \s* (?P<spread> NUMBER )
              (?: \s* (?P<label> LABEL ) (?: [^A-Za-z] | $ ) )?
            | (?P<pmean> NUMBER ) \s* [(\[] \s* (?: (?P<plabel> LABEL ) \s* [=:,]? \s* | (?P<ditto> 同 ) \s* )? (?P<pspread> NUMBER ) \s* (?P<punit> DOSEUNIT \s* )? [)\]]
            | (?P<umean> NUMBER ) \s* (?P<unit> DOSEUNIT | COUNTER ) \s* [(\[] \s* (?: (?P<ulabel> LABEL ) \s* [=:,]? | (?P<upm> ± | \+/- ) )? \s* (?P<uspread> NUMBER ) \s* (?: [%％] \s* | DOSEUNIT \s* | COUNTER \s* )? (?P<uclose> [)\];] )
            | (?P<bmean> NUMBER ) \s* [(\[] \s* (?: ± | \+/- ) \s* (?P<bspread> NUMBER ) \s* [)\]]
            | (?P<lmean> NUMBER ) \s* [(\[] \s* (?P<llabel> LABEL ) \s* (?: [=:,] | ± | \+/- )? \s* (?P<lspread> NUMBER ) \s* (?P<lclose> [,;] ) \s* (?i: p ) \s* [=<>≤]
            | (?: (?i: mean | average ) | \b (?-i: M ) ) \s* (?: (?i: of | was | were ) \s+ | [:=] \s* )? (?P<wmean> NUMBER ) \s* (?: UNIT \s* )? [,;] \s* (?P<wlabel> LABEL ) \s* (?: [:=,] | (?i: of | was ) )? \s* (?P<wspread> NUMBER ) (?: \s* UNIT )? (?-u:\b)"
            .replace("NUMBER", NUMBER)
            .replace("LABEL", LABEL)
            .replace("DOSEUNIT", MEDIAN_UNIT)
            .replace("COUNTER", &format!("(?: {JA_UNIT} | {JA_COUNTED} )"))
            .replace("UNIT", UNIT);
        Regex::new(&p).expect("the mean ± spread pattern is valid")
    })
}

fn median_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
            (?P<median> NUMBER ) \s* (?: UNIT \s* )? [(\[] \s*
            (?P<what> (?i: IQR | inter-?quartile \s+ range | quartiles? | range | min(?:imum)? \s* - \s* max(?:imum)?
                | Q1 \s* [-–—,;/] \s* Q3 | 25(?:th)? \s* (?: [-–—] | to ) \s* 75(?:th)? \s* (?: percentiles? | centiles? )
                | (?: lower | first | 1st ) \s+ (?: and | to | [-–,] ) \s+ (?: upper | third | 3rd ) \s+ quartiles? ) | 四分位範囲 | 四分位 | 範囲 )
            (?: \s* [\[(] (?i: IQR ) [\])] )?
            \s* [:=,;]? \s* (?P<lo> NUMBER ) \s* (?: (?i: to ) | [-,;~] ) \s* (?P<hi> NUMBER ) \s* (?: UNIT \s* )? [)\]]
          | (?i: median ) \s* (?: (?i: of | was | were | is ) \s+ | [:=] \s* )? (?P<wmedian> NUMBER ) \s*
            (?: (?i: days? | weeks? | months? | years? | hours? | points? ) \s* )? [,;] \s*
            (?P<wwhat> (?i: IQR | inter-?quartile \s+ range | range ) ) \s* [:=,]? \s*
            (?P<wlo> NUMBER ) \s* (?: (?i: to ) | [-~] ) \s* (?P<whi> NUMBER ) (?-u:\b)"
            .replace("NUMBER", NUMBER)
            .replace("UNIT", &MEDIAN_UNIT.replace("UNIT", UNIT));
        Regex::new(&p).expect("the median pattern is valid")
    })
}

fn stated_label_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?i)(?:mean|average|平均(?:値)?)\s*(?:±|\+/-|\(|\[|,)\s*(LABEL)"
            .replace("LABEL", LABEL);
        Regex::new(&p).expect("valid pattern")
    })
}

/// A document's statement that its bracketed pairs are a median's quartiles or range:
/// `median (IQR)`, `median (25–75 centile)`, `medians (range)`, and `Me (IQR)` (`Ме` in
/// Cyrillic), as papers from Russia and Eastern Europe abbreviate the median; and a table
/// row's label that frames its measure's name so (`Median Objective SCORAD (IQR)`), the
/// words between holding no number; and the median named as its percentile with the
/// quartiles' (`P50 (P25, P75)`, `M (P25, P75)`), as tables from China and Spain state them.
fn stated_median_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(
            r"(?i)(?:(?:medians?|(?-i:\b(?:Me|Ме)))\s*(?:[(\[,]|and|with|(?:[^\s\d()\[\]]+\s+){1,5}[(\[])\s*(?:(?P<iqr>IQR|inter-?quartile\s+ranges?|quartiles|Q1\s*[-–—,;/]\s*Q3|25(?:th)?\s*(?:[-–—,]|to)\s*75(?:th)?\s*(?:centiles?|percentiles?)|(?:lower|first|1st)\s+(?:and|to|[-–,])\s+(?:upper|third|3rd)\s+quartiles?)|(?P<range>ranges?|min(?:imum)?\s*[-–,]\s*max(?:imum)?))|中央値\s*[(（\[［]\s*(?:(?P<jiqr>四分位範囲|四分位|IQR|25\s*[-–~～]\s*75)|(?P<jrange>範囲|最小値?\s*[,，、~～\-–]\s*最大値?))|(?-i:\b(?:P50|M|Md)\s*[(\[（]\s*P25\s*[,，;–\-~]\s*P75\s*[)\]）]))",
        )
        .expect("valid pattern")
    })
}

/// `m (a–b)`, `m [a–b]`, `m (a to b)`, `m [a, b]`: a median with its quartiles or range when the
/// document says so; its unit may stand after it and after its upper bound (`7.3週間(5.3〜23.4週間)`,
/// `12 days (7-20 days)`).
fn bracketed_pair_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x) (?P<m> NUMBER ) (?: \s* PAIRUNIT )? \s* [(\[（［] \s* (?P<lo> NUMBER ) \s* (?: - | ~ | ～ | , | ， | 、 | ; | (?i: to ) ) \s* (?P<hi> NUMBER ) (?: \s* PAIRUNIT )? \s* [)\]）］]"
            .replace(
                "PAIRUNIT",
                &format!("(?: {} | {JA_UNIT} )", MEDIAN_UNIT.replace("UNIT", UNIT)),
            )
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the bracketed pair pattern is valid")
    })
}

/// `SD`, `SE` or `SEM` for a printed label ([`super::cues::spread_named`]); a label it does
/// not name (`標準誤差` spelled otherwise) is a standard error.
fn label_of(text: &str) -> &'static str {
    super::cues::spread_named(text).unwrap_or("SE")
}

/// The span and parts of a median (capture `median_group`) printed with its two bounds
/// (captures `lo` and `hi`), or `None` when the span is taken, sits inside a name, or a
/// number does not read. Both median patterns (labelled and stated once) share this.
fn median_with_bounds(
    scan: &Scan,
    plain: &str,
    c: &regex::Captures,
    median_group: &str,
    lo: &str,
    hi: &str,
) -> Option<(Range<usize>, Parts)> {
    let whole = c.get(0)?;
    let m = c.name(median_group)?;
    if !scan.free(whole.range()) {
        return None;
    }
    let parts = Parts {
        median: Some(scan.number(m.range())?),
        lower: Some(scan.number(c.name(lo)?.range())?),
        upper: Some(scan.number(c.name(hi)?.range())?),
        ..Parts::default()
    };
    // A decimal glued to the word before it between its own bounds is a table's first cell
    // glued to its row's label (`Planned walking activities1.5 (0–3.38)`), as a mean glued
    // so is ([`glued_to_its_label`]); names carry whole numbers (`IL-6 (2–9)`).
    let value = |n: &Option<super::Printed>| n.as_ref().map(|n| n.number.value);
    let between = matches!(
        (value(&parts.lower), value(&parts.median), value(&parts.upper)),
        (Some(l), Some(m), Some(u)) if l <= m && m <= u
    );
    if inside_name(plain, m.start(), m.end()) && !(m.as_str().contains('.') && between) {
        return None;
    }
    Some((whole.range(), parts))
}

/// A bare bracketed pair (`2.1 (1.2 to 4.7)`, capture of [`bracketed_pair_pattern`]) read as
/// a median of `kind` with its bounds, with `note` saying why, when its span is free and its
/// median lies between its bounds. The one reader behind both reasons a bare pair is a median
/// (the document states `median (IQR)`; a labelled median before it in its paragraph).
fn push_bare_median(
    scan: &mut Scan,
    plain: &str,
    c: &regex::Captures,
    kind: ItemKind,
    note: String,
) {
    let Some((whole, parts)) = median_with_bounds(scan, plain, c, "m", "lo", "hi") else {
        return;
    };
    if spread_of_a_mean(plain, whole.start) {
        return;
    }
    let (Some(lo), Some(mid), Some(hi)) = (&parts.lower, &parts.median, &parts.upper) else {
        return;
    };
    let (lo, mid, hi) = (lo.number.value, mid.number.value, hi.number.value);
    // A median between its bounds; all three equal (`0 (0-0)`: every patient scored 0) is a
    // median too, once the document has said its bare pairs are medians.
    if !(lo <= mid && mid <= hi) {
        return;
    }
    scan.push(kind, whole, parts);
    if let Some(item) = scan.items.last_mut() {
        item.notes.push(note);
    }
}

/// The number at byte `start` is the spread of a mean printed before it (`0.81 ± 0.40 mm
/// (range 0.1-1.6 mm)`, `0.81±0.40mm(範囲:0.1〜1.6mm)`): a mean ± SD with its range, whose SD is
/// no median of the range after it.
fn spread_of_a_mean(plain: &str, start: usize) -> bool {
    let before = plain[..start].trim_end();
    ["±", "+/-", "+-", "＋/－"]
        .iter()
        .any(|pm| before.ends_with(pm))
}

/// Does the clause before byte `start` name the value as a mean (`average`, `mean`, `平均`)
/// and not as a median?
fn named_a_mean_before(plain: &str, start: usize) -> bool {
    let clause_start = plain[..start]
        .rfind(['.', ';', '\n', '。', '；'])
        .map_or(0, |k| k + 1);
    let clause = window::before(plain, clause_start, start, 80).to_lowercase();
    let mean = clause.contains("mean") || clause.contains("average") || clause.contains("平均");
    mean && !clause.contains("median") && !clause.contains("中央値")
}

/// Every mean ± spread and median with IQR or range.
pub fn find(scan: &mut Scan) {
    let plain = scan.doc.plain.text.clone();
    let labelled = find_labelled_medians(scan, &plain);
    find_medians_after_labelled(scan, &plain, &labelled);
    find_medians_stated_once(scan, &plain);
    find_medians_beside_their_bounds(scan, &plain);
    find_spreads_under_their_means(scan, &plain);
    find_mean_spreads(scan, &plain);
}

/// A table row of bracketed numbers alone under a row of bare numbers, as a page's or a PDF's
/// table copies a cell of two lines (`| Physical functioning | 68.06 | 72.42 |` over `| (24.3)
/// | (20.9) |`, the second line often without the label's empty cell): each bracket is the
/// spread of the number above it, counted from the row's first value, where the table says
/// its cells are means and what their spread is (`mean (SD)` in its caption, header or row
/// label). Without that statement the brackets may be anything (a regression table's
/// standard errors, a row of p's): left to the other readers. The item stands at the mean;
/// its spread is claimed where it is printed.
fn find_spreads_under_their_means(scan: &mut Scan, plain: &str) {
    static P: OnceLock<(Regex, Regex)> = OnceLock::new();
    let (bare, bracketed) = P.get_or_init(|| {
        (
            Regex::new(&format!(r"^\s*({NUMBER})\s*$")).expect("the bare cell pattern is valid"),
            Regex::new(&format!(r"^\s*\(\s*({NUMBER})\s*\)\s*$"))
                .expect("the bracketed cell pattern is valid"),
        )
    });
    let number_in = |re: &Regex, cell: &Range<usize>| {
        re.captures(&plain[cell.clone()])
            .and_then(|c| c.get(1))
            .map(|m| cell.start + m.start()..cell.start + m.end())
    };
    let filled = |row: &super::table::Row| -> Vec<Range<usize>> {
        super::table::cells_holding_something(plain, row)
            .cloned()
            .collect()
    };
    let mut pairs: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for table in &scan.tables.tables {
        for r in table.header_rows..table.rows.len().saturating_sub(1) {
            let spreads: Option<Vec<Range<usize>>> = filled(&table.rows[r + 1])
                .iter()
                .map(|c| number_in(bracketed, c))
                .collect();
            let Some(spreads) = spreads.filter(|s| s.len() >= 2) else {
                continue;
            };
            // The row above: its label, then at least as many bare numbers as brackets.
            let above = filled(&table.rows[r]);
            let Some((label, values)) = above.split_first() else {
                continue;
            };
            if number_in(bare, label).is_some() {
                continue;
            }
            let means: Option<Vec<Range<usize>>> = values
                .iter()
                .take(spreads.len())
                .map(|c| number_in(bare, c))
                .collect();
            let Some(means) = means.filter(|m| m.len() == spreads.len()) else {
                continue;
            };
            pairs.extend(means.into_iter().zip(spreads));
        }
    }
    let mut stated_cache: StatedInSentence = None;
    for (mean_at, spread_at) in pairs {
        let Some(statement) = stated_spread(scan, plain, mean_at.clone(), &mut stated_cache) else {
            continue;
        };
        if !scan.free(mean_at.clone()) || !scan.free(spread_at.clone()) {
            continue;
        }
        let (Some(mean), Some(spread)) =
            (scan.number(mean_at.clone()), scan.number(spread_at.clone()))
        else {
            continue;
        };
        if spread.number.value < 0.0 {
            continue;
        }
        let (spread_label, mut notes) = spread_label_and_notes(None, Some(statement));
        notes.push(format!(
            "its spread ({}) is printed on the line below, under the mean",
            spread.original
        ));
        scan.push(
            ItemKind::MeanSpread,
            mean_at,
            Parts {
                mean: Some(mean),
                spread: Some(spread),
                spread_label,
                ..Parts::default()
            },
        );
        let spread_span = scan.doc.plain.original_span(spread_at);
        scan.claimed.claim(spread_span);
        if let Some(item) = scan.items.last_mut() {
            item.notes.extend(notes);
        }
    }
}

/// Reads every median printed with its labelled IQR or range, and returns each one's kind,
/// where it stands and the text it was read from.
fn find_labelled_medians(scan: &mut Scan, plain: &str) -> Vec<(ItemKind, Range<usize>, String)> {
    let mut labelled: Vec<(ItemKind, Range<usize>, String)> = Vec::new();
    for c in median_pattern().captures_iter(plain) {
        let worded = c.name("wmedian").is_some();
        let (median_group, lo, hi, what) = if worded {
            ("wmedian", "wlo", "whi", "wwhat")
        } else {
            ("median", "lo", "hi", "what")
        };
        let Some((whole, parts)) = median_with_bounds(scan, plain, &c, median_group, lo, hi) else {
            continue;
        };
        if spread_of_a_mean(plain, whole.start) {
            continue;
        }
        let what = c[what].to_ascii_lowercase();
        let range = what.contains("range") && !what.contains("quartile")
            || what == "範囲"
            || what.starts_with("min");
        // `Average satisfaction was 90% (range 75-100%)`, `mean age 45 (range 20–70)`: a
        // mean printed with its range, no median.
        if range && named_a_mean_before(plain, whole.start) {
            continue;
        }
        let kind = if range {
            ItemKind::MedianRange
        } else {
            ItemKind::MedianIqr
        };
        labelled.push((kind, whole.clone(), plain[whole.clone()].to_string()));
        scan.push(kind, whole, parts);
    }
    labelled
}

/// What a median of `kind` is printed with, as its note names it (`range`, `quartiles`).
fn bounds_name(kind: ItemKind) -> &'static str {
    if kind == ItemKind::MedianRange {
        "range"
    } else {
        "quartiles"
    }
}

/// Reads the bare medians a paragraph prints after one printed with its label.
///
/// After a median printed with its label (`2.2 (IQR: 1.2 to 4.9)`), the paragraph prints
/// the further ones bare (`the respective values were 2.2 (1.2 to 4.9) and 3.3 (1.5 to
/// 6.7)`): a bracketed pair holding its median between its bounds, in the same paragraph
/// and after it, is read as one of the same kind.
fn find_medians_after_labelled(
    scan: &mut Scan,
    plain: &str,
    labelled: &[(ItemKind, Range<usize>, String)],
) {
    for (kind, at, shown) in labelled {
        let paragraph_end = plain[at.end..]
            .find("\n\n")
            .map_or(plain.len(), |k| at.end + k);
        let mut pos = at.end;
        while let Some(c) = bracketed_pair_pattern().captures_at(plain, pos) {
            let whole = c.get(0).expect("a match");
            if whole.end() > paragraph_end {
                break;
            }
            pos = whole.end();
            let kind_name = bounds_name(*kind);
            push_bare_median(
                scan,
                plain,
                &c,
                *kind,
                format!(
                    "read as a median with its {kind_name} as the paragraph prints one labelled before it (`{}`); check it applies here",
                    shown.trim()
                ),
            );
        }
    }
}

/// Reads the bare medians of a document that states once how it prints them.
///
/// A document that states `median (IQR)` (a table's header, a sentence's lead-in) prints
/// its medians as `19 (5–64)` with no label at each: one holding its median between its
/// bounds is read as one.
fn find_medians_stated_once(scan: &mut Scan, plain: &str) {
    // Every statement, where it stands, what it says and the bytes it governs: a statement in
    // a table's section row (`ICU length of stay (median (IQR) days) | | |`) says what that
    // section's rows print, not the rows above it or the next section's (`Functional
    // Independence Measure | | |` heads means again); any other governs the document. A pair
    // takes the nearest statement before it that governs it (a document may print medians with
    // quartiles in one table and with their range in another), or the first when none stands
    // before it.
    // A footnote's statement (`* Figures in this row are medians (interquartile ranges)`)
    // governs the rows whose label carries its mark (`Median ACR level *`), not the table.
    let statements: Vec<(usize, ItemKind, String, Option<Range<usize>>)> = stated_median_pattern()
        .captures_iter(plain)
        .flat_map(|stated| {
            let kind = if stated.name("range").or(stated.name("jrange")).is_some() {
                ItemKind::MedianRange
            } else {
                ItemKind::MedianIqr
            };
            let at = stated.get(0).map_or(0, |m| m.start());
            // A statement labelling a row of values (`Median (IQR) | 0.8 (0.5-0.8) | …`) says
            // what that row prints, and no other.
            let section = scan
                .tables
                .at(at)
                .filter(|(table, row, _)| table.is_section_row(plain, *row))
                .map(|(table, row, _)| table.section_under(plain, row));
            let marked = rows_marked_for(plain, at);
            if section.is_none() && !marked.is_empty() {
                return marked
                    .into_iter()
                    .map(|row| (at, kind, stated[0].to_string(), Some(row)))
                    .collect();
            }
            vec![(at, kind, stated[0].to_string(), section)]
        })
        // A statement of two forms (`Mean (95% CI) or median (IQR)` over a column) does not
        // say which form a cell prints: its row's own statement decides (a section's
        // `(median [IQR])`), or nothing does.
        .filter(|(at, _, _, section)| section.is_some() || !states_either_form(plain, *at))
        .collect();
    if statements.is_empty() {
        return;
    }
    for c in bracketed_pair_pattern().captures_iter(plain) {
        let at = c.get(0).map_or(0, |m| m.start());
        let governing: Vec<_> = statements
            .iter()
            .filter(|(_, _, _, section)| section.as_ref().is_none_or(|s| s.contains(&at)))
            .collect();
        let Some((_, kind, stated, _)) = governing
            .iter()
            .rev()
            .find(|(p, _, _, _)| *p <= at)
            .or(governing.first())
        else {
            continue;
        };
        if in_a_column_of_estimates(scan, plain, at) {
            continue;
        }
        let kind_name = bounds_name(*kind);
        push_bare_median(
            scan,
            plain,
            &c,
            *kind,
            format!(
                "read as a median with its {kind_name} because the document says `{stated}`; check it applies here"
            ),
        );
    }
}

/// The lines a footnote's mark stands on, where the statement at `at` is a footnote's: its
/// line opens with a symbol mark (`*`, `†`, `‡`, `§`, `¶`, `#`), and a line before it carries
/// the mark at the end of its label, before its first number (`Median ACR level * | 18.0 (3.7,
/// 63.9) |`). Tables say once, in a footnote, what a marked row prints; a mark after a number
/// (`0.03*`) marks that value, no row. Empty where the statement is no footnote's or no row
/// carries its mark.
fn rows_marked_for(plain: &str, at: usize) -> Vec<Range<usize>> {
    let start = plain[..at].rfind('\n').map_or(0, |k| k + 1);
    let line = &plain[start..];
    let mark: String = line
        .trim_start()
        .chars()
        .take_while(|c| super::table::FOOTNOTE_SYMBOLS.contains(c))
        .collect();
    if mark.is_empty() {
        return Vec::new();
    }
    let mut rows = Vec::new();
    let mut from = 0;
    for text in plain[..start].split_inclusive('\n') {
        let range = from..from + text.len();
        from = range.end;
        let label_end = text
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(text.len());
        let label = text[..label_end].trim_end_matches(|c: char| c.is_whitespace() || c == '|');
        let marked = label.ends_with(mark.as_str())
            && !label[..label.len() - mark.len()].ends_with(super::table::FOOTNOTE_SYMBOLS);
        if marked && label_end < text.len() {
            rows.push(range);
        }
    }
    rows
}

/// Does the line of the median's statement at `at` state another form beside it, joined by
/// `or`, that prints a pair in brackets as a median with its quartiles does: a mean with its
/// confidence interval (`Mean (95% CI)(a) or median (IQR)`, `平均値（95%CI）または中央値（IQR）`)?
/// (A mean with its SD, `mean ± SD or median (IQR)`, prints one number in its bracket: a pair
/// is still the median's.)
fn states_either_form(plain: &str, at: usize) -> bool {
    let start = plain[..at].rfind('\n').map_or(0, |k| k + 1);
    let end = plain[at..].find('\n').map_or(plain.len(), |k| at + k);
    let line = plain[start..end].to_lowercase();
    let either = line.contains(" or ") || line.contains("または") || line.contains("もしくは");
    let mean = line.contains("mean") || line.contains("平均値");
    let interval = line.contains("ci)")
        || line.contains("ci]")
        || line.contains("confidence interval")
        || line.contains("信頼区間");
    either && mean && interval
}

/// Does byte `at` stand in a table cell whose column's header names a difference or a ratio
/// (`Difference*`, `Mean difference (95% CI)`, `HR (95% CI)`, `群間差`)? Its cells print an
/// estimate with its confidence interval (`−1.4 (−5.9 to 3.0)`), never a group's median with
/// its quartiles, whatever the document states of the groups' columns. A header naming the
/// median itself (`Median difference (IQR)`) keeps it a median.
fn in_a_column_of_estimates(scan: &Scan, plain: &str, at: usize) -> bool {
    let Some((table, row, cell)) = scan.tables.at(at) else {
        return false;
    };
    if cell == 0 || !table.is_data_row(row) {
        return false;
    }
    let header = table.column_header(plain, row, cell);
    let lower = header.to_lowercase();
    // A column of estimates with their intervals (`Adjusted estimate (95% CI)*; P value`).
    let names_estimate = (super::cues::difference_word(&header) && !header.contains("偏差"))
        || super::table::names_ratio(&header)
        || lower.contains("estimate")
        || lower.contains("95% ci")
        || lower.contains("confidence interval");
    names_estimate && !lower.contains("median") && !header.contains("中央値")
}

/// Reads the medians a table prints in one column and their bounds in the next.
///
/// A header naming a median's column and its bounds' column side by side (`Median | 1st Q-3rd
/// Q`, `Median\tIQR`, `中央値 | 範囲`) prints each median as a cell and its bounds as the next
/// cell (`31.5 |\n25.0-37.0 |`): a number and a pair of bounds holding it, one cell apart, after
/// such a header, are one median with its quartiles (or range, as the header names it).
fn find_medians_beside_their_bounds(scan: &mut Scan, plain: &str) {
    static HEADER: OnceLock<Regex> = OnceLock::new();
    static CELLS: OnceLock<Regex> = OnceLock::new();
    // Cells are set apart by a pipe, a tab, a run of spaces or a line break.
    let header = HEADER.get_or_init(|| {
        Regex::new(
            r"(?x) (?: (?i: median ) | 中央値 ) \s* (?: \| \s* | \t \s* | \x20{2,} | \n \s* )
            (?P<what> (?i: IQR | inter-?quartile \s+ range | 1st \s* Q \s* [-–] \s* 3rd \s* Q | Q1 \s* [-–,] \s* Q3 | quartiles? | range | min(?:imum)? \s* [-–] \s* max(?:imum)? ) | 四分位範囲 | 四分位 | 範囲 )",
        )
        .expect("the median-beside-bounds header pattern is valid")
    });
    let cells = CELLS.get_or_init(|| {
        let p = r"(?x) (?P<m> NUMBER ) (?: \s* \| \s* | \t \s* | \x20{2,} | \x20* \n \s* ) \|? \s* (?P<lo> NUMBER ) \s* (?: - | – | ~ | 〜 | ～ ) \s* (?P<hi> NUMBER )"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the median-beside-bounds cells pattern is valid")
    });
    let Some(stated) = header.captures(plain) else {
        return;
    };
    let what = stated["what"].to_ascii_lowercase();
    let kind = if what.contains("range") && !what.contains("quartile") && !what.contains("iqr")
        || what.starts_with("min")
        || &stated["what"] == "範囲"
    {
        ItemKind::MedianRange
    } else {
        ItemKind::MedianIqr
    };
    let from = stated.get(0).map_or(0, |m| m.end());
    let shown = stated[0].split_whitespace().collect::<Vec<_>>().join(" ");
    let kind_name = bounds_name(kind);
    let mut pos = from;
    while let Some(c) = cells.captures_at(plain, pos) {
        pos = c.get(0).map_or(plain.len(), |m| m.end());
        // The bounds fill their cell: what follows ends it.
        let after = &plain[pos..];
        let rest = after.trim_start_matches(' ');
        let cell_ends =
            rest.is_empty() || rest.starts_with(['|', '\t', '\n', '\r']) || after.starts_with("  ");
        if !cell_ends {
            continue;
        }
        push_bare_median(
            scan,
            plain,
            &c,
            kind,
            format!(
                "read as a median with its {kind_name} in the next cell because the header prints `{shown}`; check it applies here"
            ),
        );
    }
}

/// The mean, the spread and the spread's label (when printed) of a mean ± spread match,
/// whichever of the pattern's forms matched.
fn mean_spread_groups<'h>(
    c: &regex::Captures<'h>,
) -> (regex::Match<'h>, regex::Match<'h>, Option<regex::Match<'h>>) {
    if let Some(m) = c.name("mean") {
        (m, c.name("spread").expect("spread"), c.name("label"))
    } else if let Some(m) = c.name("pmean") {
        (m, c.name("pspread").expect("pspread"), c.name("plabel"))
    } else if let Some(m) = c.name("umean") {
        (m, c.name("uspread").expect("uspread"), c.name("ulabel"))
    } else if let Some(m) = c.name("bmean") {
        (m, c.name("bspread").expect("bspread"), None)
    } else if let Some(m) = c.name("lmean") {
        (m, c.name("lspread").expect("lspread"), c.name("llabel"))
    } else {
        (
            c.name("wmean").expect("wmean"),
            c.name("wspread").expect("wspread"),
            c.name("wlabel"),
        )
    }
}

/// Where the spread ends when the next table cell is glued to it, or `None` when it is not.
///
/// Table cells glued by text extraction (`−0.23 ± 0.080.03 ± 0.08`, `2.94 ± 0.702.82 ±
/// 0.86`): a decimal point right after the spread starts the next cell. A table prints
/// a mean and its spread with the same decimals, so the spread ends there and the
/// digits after it are the next cell's whole part, from which reading goes on.
fn glued_spread_end(
    plain: &str,
    c: &regex::Captures,
    spread: regex::Match,
    label: Option<regex::Match>,
) -> Option<usize> {
    let decimals = |t: &str| t.rsplit_once('.').map_or(0, |(_, d)| d.len());
    let (mean_decimals, spread_decimals) = (
        decimals(c.name("mean").map_or("", |m| m.as_str())),
        decimals(spread.as_str()),
    );
    // The next cell's mean glued on: its decimals (`4.21.08 ± 0.3`) or its thousands
    // separator (`598.71,527.3 ± 535.0`: no number prints a separator after its point).
    let rest = &plain[spread.end()..];
    let next_decimals =
        rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit());
    let next_thousands = rest.starts_with(',')
        && rest[1..].bytes().take_while(u8::is_ascii_digit).count() == 3
        && spread.as_str().contains('.');
    (label.is_none()
        && c.name("mean").is_some()
        && (next_decimals || next_thousands)
        && mean_decimals >= 1
        && spread_decimals > mean_decimals)
        .then(|| spread.end() - (spread_decimals - mean_decimals))
}

/// What the text states ± is for the summary at `whole_range` (SD or SE), with where it
/// says so (`sentence` or `table`), or `None` when it does not say.
///
/// A statement in the sentence, else (in a table) in the row's label, the cell's
/// column header, or the table's caption, header rows or legend (`Data are mean (SD);
/// n`), read as the structure reads them ([`super::cues::spread_kind`]: a text that
/// names both SD and SE says neither).
fn stated_spread(
    scan: &Scan,
    plain: &str,
    whole_range: Range<usize>,
    cache: &mut StatedInSentence,
) -> Option<(&'static str, &'static str)> {
    let original_span = scan.doc.plain.original_span(whole_range.clone());
    let si = scan.doc.sentence_at(original_span.start);
    let sentence = &scan.doc.sentences[si];
    let at = scan.tables.at(whole_range.start);
    // A row marked for a footnote (`変化量b)`) prints what that footnote says, before what
    // the sentence or the rest of the legend says for the whole table.
    let footnoted = at.and_then(|(table, row, _)| {
        super::table::footnote_entry(&table.statement, table.row_label(plain, row))
            .and_then(super::cues::spread_kind)
    });
    // A column stating `mean ± SD` over a bracketed cell (`–0.98 (0.099)`) stands over
    // another column's cell, shifted under it where the row left an empty cell out: its
    // statement is not this cell's.
    let bracketed = !plain[whole_range.clone()].contains('±');
    let in_table = at.map(|(table, row, cell)| {
        let header = table.column_header(plain, row, cell);
        [
            table.row_label(plain, row).to_string(),
            if bracketed && header.contains('±') {
                String::new()
            } else {
                header
            },
            table.statement.clone(),
        ]
    });
    if let Some(l) = footnoted {
        return Some((l, "table"));
    }
    // A sentence that names both spreads (`the change (LS mean ± SE) was −5.8 ± 0.41 kg
    // (baseline mean ± SD: 78.6 ± 16.4 kg)`) says each for the values after it: the nearest
    // statement before the summary decides, else the sentence's first, where every statement
    // after the summary names the same spread. Statements of both printed after every value
    // (a table's notes, `注1:平均値±標準偏差 注2:…調整平均値±標準誤差`, each tied to its
    // columns by a mark) do not say which is this value's.
    if cache.as_ref().is_none_or(|c| c.sentence != si) {
        let text = &scan.doc.original[sentence.span.clone()];
        let spreads: Vec<(usize, &'static str, bool)> = stated_label_pattern()
            .captures_iter(text)
            .map(|l| {
                let whole = l.get(0).map_or("", |m| m.as_str());
                (
                    sentence.span.start + l.get(0).map_or(0, |m| m.end()),
                    label_of(&l[1]),
                    whole.contains('±') || whole.contains("+/-"),
                )
            })
            .collect();
        let counts = super::cues::count_layout_ends(text)
            .into_iter()
            .map(|end| sentence.span.start + end)
            .collect();
        *cache = Some(SentenceStatements {
            sentence: si,
            spreads,
            counts,
        });
    }
    let (stated, counts) = cache
        .as_ref()
        .map(|c| (c.spreads.as_slice(), c.counts.as_slice()))
        .unwrap_or_default();
    let nearest = stated
        .iter()
        .rfind(|(end, _, _)| *end <= original_span.start);
    // A statement after the values of both layouts, the means' printed with ± (`Data are
    // presented as percent (numbers) or mean ± SD`): a bare bracket is the shares' layout.
    let bare = !plain[whole_range.clone()].contains('±');
    if bare && nearest.is_none() && !counts.is_empty() && stated.iter().all(|s| s.2) {
        return None;
    }
    // A table whose sections state their layout (`性別、例数(%)` over `男性 77(45.0)`, then
    // `年齢(歳) 平均値±SD`) says for its bracketed cells what the nearest statement before
    // them says: under `n (%)` they are counts with their shares, whatever a later row says.
    let counts_from = counts.iter().rfind(|&&end| end <= original_span.start);
    if counts_from.is_some_and(|c| nearest.is_none_or(|(s, _, _)| s < c)) {
        return None;
    }
    let one_kind = stated.windows(2).all(|w| w[0].1 == w[1].1);
    let before = nearest.or(stated.first().filter(|_| one_kind));
    before.map(|(_, l, _)| (*l, "sentence")).or_else(|| {
        in_table
            .iter()
            .flatten()
            .find_map(|t| super::cues::spread_kind(t))
            .map(|l| (l, "table"))
    })
}

/// The statements of one sentence, read once for it (a sentence may hold many summaries): what
/// ± is (`mean ± SD`) with where each ends, and where each statement that the cells print
/// counts with their shares (`n (%)`, `例数(%)`) ends.
struct SentenceStatements {
    /// The sentence's index.
    sentence: usize,
    /// Each statement of a spread: where it ends, the spread, and whether it names the
    /// means' layout with ± (`mean ± SD`) rather than a bracket (`mean (SD)`).
    spreads: Vec<(usize, &'static str, bool)>,
    counts: Vec<usize>,
}

/// [`SentenceStatements`] of the last sentence read, if any.
type StatedInSentence = Option<SentenceStatements>;

/// The spread's label (printed with it, else stated in the text) and the notes saying
/// where it came from or that the text does not say.
fn spread_label_and_notes(
    label: Option<regex::Match>,
    statement: Option<(&'static str, &'static str)>,
) -> (Option<&'static str>, Vec<String>) {
    let stated = statement.map(|(l, _)| l);
    let mut notes = Vec::new();
    let spread_label = match (label, stated) {
        (Some(l), _) => Some(label_of(l.as_str())),
        (None, Some(l)) => {
            let whence = statement.map_or("sentence", |(_, w)| w);
            notes.push(format!(
                "the {whence} states the spread as {l} (mean {l}); check it applies here"
            ));
            Some(l)
        }
        (None, None) => {
            notes.push(
                "the text does not say what the spread is (SD or SE): dispersion stays \"not reported\""
                    .to_string(),
            );
            None
        }
    };
    (spread_label, notes)
}

/// The note of a spread read from the label printed with an earlier value.
const LABELLED_ONCE: &str = "the spread is labelled once";

/// For a mean printed with its unit and a bare bracketed spread (`−2·25 kg (0·21)`): the
/// label of an earlier mean of the same sentence printed the same way with its label
/// (`−5·06 kg (SE 0·31)`), and that value's text. Abstracts label the spread of a list once,
/// with its first value. Both numbers must print decimals, as a spread's do (`12 weeks (3)`
/// is no mean with its spread).
fn labelled_before(
    scan: &Scan,
    c: &regex::Captures,
    whole: Range<usize>,
    (mean, spread): (&Printed, &Printed),
) -> Option<(&'static str, String)> {
    if mean.number.decimals == 0 || spread.number.decimals == 0 {
        return None;
    }
    let unit = c.name("unit")?.as_str().trim();
    let start = scan.doc.plain.original_span(whole).start;
    let sentence = scan.doc.sentence_at(start);
    scan.items.iter().rev().find_map(|i| {
        let printed_so = i.kind == ItemKind::MeanSpread
            && i.sentence == sentence
            && i.span[1] <= start
            && i.text.contains(unit)
            && i.text.contains(['(', '['])
            && !i.notes.iter().any(|n| n.starts_with(LABELLED_ONCE));
        printed_so
            .then_some(i.parts.spread_label)
            .flatten()
            .map(|l| (l, i.text.clone()))
    })
}

/// The label of the last mean ± spread of the sentence before `whole`, which a spread
/// printed `(同 s)` (Japanese: the same) repeats, and that value's text.
fn ditto_label(scan: &Scan, whole: Range<usize>) -> Option<(&'static str, String)> {
    let start = scan.doc.plain.original_span(whole).start;
    let sentence = scan.doc.sentence_at(start);
    scan.items
        .iter()
        .rev()
        .filter(|i| i.kind == ItemKind::MeanSpread && i.sentence == sentence && i.span[1] <= start)
        .find_map(|i| i.parts.spread_label.map(|l| (l, i.text.clone())))
}

/// Reads every mean ± spread: `m ± s`, `m (SD s)`, `m (s)`, `m (同 s)` and the worded forms.
/// The label a summary printed without one takes from its sentence, for the forms that are
/// summaries only so: `Some(Some(label))`, `Some(None)` (a summary, its label the sentence's
/// statement or none), or `None` (no summary).
fn label_from_sentence(
    scan: &Scan,
    (plain, c, whole_range): (&str, &regex::Captures, Range<usize>),
    (mean_n, spread_n): (&Printed, &Printed),
    printed_label: bool,
    stated_cache: &mut StatedInSentence,
) -> Option<Option<(&'static str, String)>> {
    // `−2·25 kg (0·21)` with no label: a mean only where the sentence printed an earlier
    // value so with its label (`−5·06 kg (SE 0·31) … versus −2·25 kg (0·21)`).
    let unlabelled_unit = c.name("umean").is_some() && !printed_label && c.name("upm").is_none();
    if unlabelled_unit {
        return match labelled_before(scan, c, whole_range.clone(), (mean_n, spread_n)) {
            Some(l) => Some(Some(l)),
            // `mean (standard deviation) HbA1c was 9.48% (0.99)`: the sentence states what its
            // brackets print, and a spread with decimals is no count.
            None if spread_n.number.decimals > 0
                && stated_spread(scan, plain, whole_range, stated_cache)
                    .is_some_and(|(_, from)| from == "sentence") =>
            {
                Some(None)
            }
            None => None,
        };
    }
    if c.name("ditto").is_some() {
        // `対照群0.15(同0.46)`: 同 (the same) repeats the label of the sentence's value before;
        // with none before, the bracket says nothing.
        return ditto_label(scan, whole_range).map(Some);
    }
    Some(None)
}

/// Is the mean `mean` (its spread ending at `spread_end`) a value glued to the word before it,
/// not a name's number? A decimal right after a row label (`GAF2.94 ± 0.70`, `Baseline8.4
/// (0.9)`) is: names carry whole numbers (IL-6, SOD1, G93A). So is a whole number of two
/// digits or more right before its `±` (`BMI26±2`, `SBP128±12`): no name's number carries a
/// spread, and a ± stands with its mean; but not where another ± follows the spread at once
/// (`m282±91280±90`: whole cells glued to each other, whose digits no rule splits).
fn glued_to_its_label(plain: &str, mean: regex::Match, spread_end: usize) -> bool {
    let text = mean.as_str().trim();
    text.contains('.')
        || (text.chars().filter(char::is_ascii_digit).count() >= 2
            && !text.starts_with('0')
            && plain[mean.end()..].trim_start().starts_with('±')
            && !plain[spread_end..].trim_start().starts_with('±'))
}

/// Do the units printed with a mean and its spread say they are one quantity's? A unit between
/// a mean and its `±` (`11.2 g ± 1.3 g`) must be printed again after the spread: a visit's
/// window prints another (`at 12 weeks ± 3 days`), or none. A unit after a bracketed spread
/// (`11.2 (SD 1.3 g)`) needs the spread's label: `2.5 (1.5 days)` may be a duration.
fn unit_agrees(plain: &str, c: &regex::Captures, spread_end: usize) -> bool {
    if let Some(unit) = c.name("munit") {
        let unit = unit.as_str().trim().to_lowercase();
        let after = plain[spread_end..].trim_start().to_lowercase();
        return after.starts_with(&unit)
            && !after[unit.len()..].starts_with(|c: char| c.is_alphanumeric());
    }
    c.name("punit").is_none() || c.name("plabel").is_some()
}

/// Is `+-` between a number ending at `mean_end` and the one at `spread` a range whose ends a
/// survival table marks as censored (`5.6 (1.8+-40.6+)`: from 1.8+ to 40.6+ months), no mean ±
/// spread? The second number carries the same `+` right after it.
fn censored_range(plain: &str, mean_end: usize, spread: Range<usize>) -> bool {
    plain[mean_end..spread.start].trim() == "+-" && plain[spread.end..].starts_with('+')
}

fn find_mean_spreads(scan: &mut Scan, plain: &str) {
    let mut stated_cache: StatedInSentence = None;
    let mut pos = 0;
    while let Some(c) = mean_spread_pattern().captures_at(plain, pos) {
        let whole = c.get(0).expect("a match");
        pos = whole.end();
        let (mean, spread, label) = mean_spread_groups(&c);
        let mut spread_range = spread.range();
        if let Some(end) = glued_spread_end(plain, &c, spread, label) {
            spread_range = spread.start()..end;
            pos = spread_range.end;
        }
        let whole_range = whole.start()..whole.end() - (spread.end() - spread_range.end);
        let glued_to_label = glued_to_its_label(plain, mean, spread_range.end);
        // The whole of a fraction (`82/327 (25.1)`, `n/N (%)`) is no mean: its bracket is
        // the fraction's percentage, whatever spread a legend states for the table's means.
        // (A pair of means is printed with a slash too, `159.6/100.0 ± 7.27`: the bracket
        // must be the fraction's percentage as printed.)
        let whole_of_a_fraction = is_a_fractions_whole(plain, mean.range(), spread_range.clone());
        if !scan.free(whole_range.clone())
            || whole_of_a_fraction
            || censored_range(plain, mean.end(), spread_range.clone())
            || a_p_with_its_effect(scan, plain, mean.start())
            || (inside_name(plain, mean.start(), mean.end()) && !glued_to_label)
        {
            continue;
        }
        let (Some(mean_n), Some(spread_n)) =
            (scan.number(mean.range()), scan.number(spread_range.clone()))
        else {
            continue;
        };
        if spread_n.number.value < 0.0 || !unit_agrees(plain, &c, spread_range.end) {
            continue;
        }
        let Some(labelled_once) = label_from_sentence(
            scan,
            (plain, &c, whole_range.clone()),
            (&mean_n, &spread_n),
            label.is_some(),
            &mut stated_cache,
        ) else {
            continue;
        };
        let statement = stated_spread(scan, plain, whole_range.clone(), &mut stated_cache);
        let stated = statement.map(|(l, _)| l);
        let bracketed = c.name("pmean").is_some();
        let closes_bracket = bracketed
            || c.name("umean").is_some()
            || c.name("bmean").is_some()
            || c.name("lmean").is_some();
        if bracketed
            && label.is_none()
            && labelled_once.is_none()
            && stated.is_none()
            && !(mean_n.number.decimals > 0 && spread_n.number.decimals > 0)
        {
            continue;
        }
        let (spread_label, mut notes) = match labelled_once {
            Some((l, first)) => (
                Some(l),
                vec![format!(
                    "{LABELLED_ONCE}, with the sentence's first value printed so ('{first}'): read as {l} too"
                )],
            ),
            None => spread_label_and_notes(label, statement),
        };
        notes.retain(|n| !n.is_empty());
        // End the item at the spread or its label (not the character after the label), and
        // at its bracket's close, not at a `;` going on (`(0·19; adjusted difference …)`).
        let close = c
            .name("uclose")
            .filter(|m| m.as_str() == ";")
            .or(c.name("lclose"))
            .map_or(whole.end(), |m| m.start());
        let end = label
            .map_or(spread_range.end, |l| l.end())
            .max(if closes_bracket {
                close
            } else {
                spread_range.end
            });
        scan.push(
            ItemKind::MeanSpread,
            // A worded mean (`mean 80.2, SD 9.1`) starts at its number.
            c.name("wmean").map_or(whole.start(), |m| m.start())..end,
            Parts {
                mean: Some(mean_n),
                spread: Some(spread_n),
                spread_label,
                ..Parts::default()
            },
        );
        if let Some(item) = scan.items.last_mut() {
            item.notes.extend(notes);
        }
    }
}

/// Is the number at byte `at` a p-value printed with its effect size in brackets, no mean
/// with its spread: a cell under a column whose header says so (`p-value (Cohen d)`, `P (ES)`
/// over `0.22 (0.36)`), or a bound there (`< 0.001 (1.12)`: no mean is printed as a bound)?
fn a_p_with_its_effect(scan: &Scan, plain: &str, at: usize) -> bool {
    scan.tables
        .at(at)
        .filter(|(table, row, cell)| *cell > 0 && table.is_data_row(*row))
        .is_some_and(|(table, row, cell)| {
            super::table::names_p_with_its_effect(&table.column_header(plain, row, cell))
        })
}

/// Is `whole` (a mean's place) the whole of a fraction whose bracket `share` is its
/// percentage as printed (`82/327 (25.1)`)?
fn is_a_fractions_whole(plain: &str, whole: Range<usize>, share: Range<usize>) -> bool {
    let Some(count) = fraction_before(plain, whole.start) else {
        return false;
    };
    let (Ok(whole), Ok(percent)) = (
        plain[whole].trim().parse::<u64>(),
        crate::reported::ReportedNumber::parse(plain[share].trim(), "share"),
    ) else {
        return false;
    };
    count.fract() == 0.0
        && whole > 0
        && (count as u64) <= whole
        && crate::checks::percent::count_gives(
            &percent,
            count as u64,
            whole,
            crate::checks::Rounding::UpOrDown,
        )
        .unwrap_or(false)
}

/// The whole number printed right before a fraction's slash that ends at byte `at` (`82/` of
/// `82/327`), if any.
fn fraction_before(plain: &str, at: usize) -> Option<f64> {
    let before = plain[..at].trim_end().strip_suffix('/')?.trim_end();
    let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0).then(|| before[before.len() - digits..].parse().ok())?
}

/// A bracketed whole number right after a mean ± spread is that summary's n, as tables and
/// package inserts print `mean ± SD (n)`: `12.4±5.4 (132)`, `74.92±10.48 （143）`. Only a whole
/// number of 2 or more, alone in its bracket, with nothing but spaces before it. So is one after
/// a comma in a row of `mean (SD), n` cells.
pub fn find_bracketed_n(scan: &mut Scan) {
    static P: OnceLock<Regex> = OnceLock::new();
    let pattern = P.get_or_init(|| {
        Regex::new(r"^[ \t]*[(\[][ \t]*(?P<n>\d{1,6})[ \t]*[)\]]")
            .expect("the bracketed n is valid")
    });
    let plain = scan.doc.plain.text.clone();
    let ends: Vec<usize> = scan
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::MeanSpread)
        .map(|i| i.span[1])
        .collect();
    // `mean (SD), n` cells, as The Lancet's tables print each visit's summary with the
    // number measured (`70·13 (10·11), 24 70·35 (8·03), 26`): a whole number after a comma,
    // then the next cell or the line's end; read only on a line printing two such cells or
    // more, a table's row (in prose, `4.1 (1.2), 24 patients` goes on in words).
    static COMMA: OnceLock<Regex> = OnceLock::new();
    let comma = COMMA.get_or_init(|| {
        Regex::new(r"^,[ \t]*(?P<n>\d{1,6})(?:[ \t]+(?:[−–-]?\d|\.\.|…)|[ \t]*(?:\n|$))")
            .expect("the comma's n is valid")
    });
    let mut found: Vec<(usize, Range<usize>)> = Vec::new();
    for end in ends {
        let after = scan.doc.plain.plain_offset(end);
        if let Some(c) = pattern.captures(&plain[after..]) {
            let n = c.name("n").expect("n");
            found.push((usize::MAX, after + n.start()..after + n.end()));
        } else if let Some(c) = comma.captures(&plain[after..]) {
            let n = c.name("n").expect("n");
            let line = plain[..after].matches('\n').count();
            found.push((line, after + n.start()..after + n.end()));
        }
    }
    let cells_on = |line: usize| found.iter().filter(|(l, _)| *l == line).count();
    let found: Vec<Range<usize>> = found
        .iter()
        .filter(|(line, _)| *line == usize::MAX || cells_on(*line) >= 2)
        .map(|(_, range)| range.clone())
        .collect();
    for range in found {
        if scan.free(range.clone())
            && let Some(value) = scan.number(range.clone())
            && value.number.value >= 2.0
        {
            scan.push_value(ItemKind::N, range, value);
        }
    }
}

/// Can an n starting at `n_start` be printed with the value ending at `value_end`: at most
/// `within` bytes after it and no paragraph break (a blank line) between, past which an `n =`
/// heads the next table section or paragraph. The one rule of both readers of "printed with
/// it" (this module's [`attach_n`] and the structure's).
pub fn n_printed_with(original: &str, value_end: usize, n_start: usize, within: usize) -> bool {
    let Some(between) = original.get(value_end..n_start) else {
        return false;
    };
    between.len() <= within && !between.split('\n').skip(1).any(|l| l.trim().is_empty())
}

/// Give each summary (a mean ± spread, a median with its quartiles or range) the n printed
/// right after it in the same sentence (`−6.35 ± 0.84
/// in the placebo group (n = 99)`): the next `n` item, with no other number between
/// ([`n_printed_with`]). A value in the bracket that opens right after an n (`運動群は20名
/// (70.6±6.4歳),対照群は11名(…)`, `20 patients (mean age 70.6 ± 6.4)`) describes the people
/// just counted: that n is its, and the next one heads the next group.
pub fn attach_n(items: &mut [Item], original: &str) {
    counted_parts_in_a_list(items, original);
    for i in 0..items.len() {
        // A reader that knew the summary's n (a table's n column) has given it already.
        // A median with its quartiles or range prints its own n so too (`6.0 (4.0–8.0) (n =
        // 152)`, a cell of a table whose rows were measured on fewer than the column's n).
        if !items[i].kind.is_summary() || items[i].parts.n.is_some() {
            continue;
        }
        if let Some(j) = i.checked_sub(1).map(|k| &items[k]) {
            let between = original.get(j.span[1]..items[i].span[0]);
            if j.kind == ItemKind::N
                && j.sentence == items[i].sentence
                && (opens_bracket_describing(between)
                    || between.is_some_and(heads_with_a_colon)
                    || n_sign_right_before(j, between)
                    || n_cells_open_the_rows_values(items, i, original))
            {
                items[i].parts.n = j.parts.value.clone();
                continue;
            }
        }
        let next = items[i + 1..]
            .iter()
            .take_while(|j| j.sentence == items[i].sentence)
            .find(|j| j.kind != ItemKind::Date);
        if let Some(j) = next {
            // A semicolon and words after it close the value's list item: an n after them heads
            // the next item (`…, 24.2±4.8/25.6±4.8; walking N = 17, 26.5±5.3`); an n right
            // after the semicolon is the value's (`12.1 (0.2); n = 354`, `17·4 (4·8); 219`).
            let closed = original
                .get(items[i].span[1]..j.span[0])
                .and_then(|b| b.rsplit_once([';', '；']))
                .is_some_and(|(_, after)| {
                    after
                        .split(|c: char| !c.is_alphabetic())
                        .any(|w| w.chars().count() >= 2)
                });
            if j.kind == ItemKind::N
                && !closed
                && n_printed_with(original, items[i].span[1], j.span[0], 60)
                && !closes_the_values_bracket(original.get(items[i].span[1]..j.span[0]))
                && !original.get(j.span[1]..).is_some_and(heads_with_a_colon)
            {
                items[i].parts.n = j.parts.value.clone();
            }
        }
    }
}

/// Is the item before summary `i` an n in a cell of its own right before it, in a row whose
/// first summary has one so too (`Week 0\t29\t5.2 ± 2.0\t33\t5.5 ± 1.9`, under `n | Score |
/// n | Score`)? Such a row sets each group's n before its value; the n in the cell after a
/// value is the next group's. A row opening with a value before its n (`5.2 ± 2.0\t29`) is
/// not one.
fn n_cells_open_the_rows_values(items: &[Item], i: usize, original: &str) -> bool {
    let cell_before = |k: usize| {
        k.checked_sub(1).is_some_and(|j| {
            let (n, value) = (&items[j], &items[k]);
            let between = original.get(n.span[1]..value.span[0]).unwrap_or("");
            n.kind == ItemKind::N
                && n.sentence == value.sentence
                && n.text.trim().chars().all(|c| c.is_ascii_digit())
                && between.trim().is_empty()
                && between.contains(['\t', '|'])
                && !between.contains('\n')
        })
    };
    if !cell_before(i) {
        return false;
    }
    let line_start = original[..items[i].span[0]]
        .rfind('\n')
        .map_or(0, |k| k + 1);
    let first = (0..=i)
        .rev()
        .take_while(|&k| items[k].span[0] >= line_start)
        .filter(|&k| items[k].kind.is_summary())
        .last();
    first.is_some_and(cell_before)
}

/// Is `n` printed with its sign right before the value, only a space between (`n=124 13
/// (8–21) n=118 15 (8–23)`: a table cell's own n, printed before the value where the column's
/// n varies by row) or a comma (`Aerobic interval training N = 16, 24.2±4.8/25.6±4.8; walking
/// N = 17, …`: the n of the list item it heads)?
fn n_sign_right_before(n: &Item, between: Option<&str>) -> bool {
    let spaces = |b: &str| !b.is_empty() && b.trim().is_empty() && !b.contains('\n');
    n.kind == ItemKind::N
        && n.text.trim_start().starts_with(['n', 'N'])
        && between.is_some_and(|b| spaces(b) || matches!(b.trim(), "," | "、"))
}

/// A list of counted parts, each an n and then its value in the same words (`18 patients (14
/// men, mean age 55.0 ± 8.5 years; 4 women, mean age 60.5 ± 8.2 years)`, `(男性14例, 平均年齢
/// 55.0±8.5歳, 女性4例, 平均年齢60.5±8.2歳)`, `men (n = 14), mean age …, and women (n = 4), mean
/// age …`): each value is of the part counted right before it, so the n after a value heads the
/// next part, never the value before. Two such pairs at least, in one sentence, their words
/// between n and value alike after the last comma (`mean age`, `平均年齢`), make the list.
fn counted_parts_in_a_list(items: &mut [Item], original: &str) {
    // The words between an n and the value after it, where short and free of numbers: what
    // follows its last comma (the people's noun before the comma differs from part to part).
    let label_between = |n: &Item, value: &Item| -> Option<String> {
        if n.kind != ItemKind::N || !value.kind.is_summary() || n.sentence != value.sentence {
            return None;
        }
        let between = original.get(n.span[1]..value.span[0])?;
        if between.len() > 40 || between.contains(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let (_, label) = between.rsplit_once([',', '、', '，'])?;
        let label = label.trim();
        (!label.is_empty()).then(|| label.to_lowercase())
    };
    let mut i = 0;
    while i + 3 < items.len() {
        let Some(first) = label_between(&items[i], &items[i + 1]) else {
            i += 1;
            continue;
        };
        // The pairs that follow with the same words.
        let mut end = i + 2;
        while end + 1 < items.len()
            && label_between(&items[end], &items[end + 1]) == Some(first.clone())
        {
            end += 2;
        }
        if end - i >= 4 {
            for k in (i..end).step_by(2) {
                if items[k + 1].parts.n.is_none() {
                    items[k + 1].parts.n = items[k].parts.value.clone();
                }
            }
        }
        i = end.max(i + 1);
    }
}

/// Does `between` (the text from a value to the next n) close the bracket the value stands in
/// and then go on to another clause (`53.6±8.5kg),C群9名`, `55.8±9.5kg)の計20名`, `(…; 7.1 ± 0.8),
/// and 30 patients`)? The n after it counts the next group or the total, not the people the
/// bracket described.
fn closes_the_values_bracket(between: Option<&str>) -> bool {
    let Some(between) = between else {
        return false;
    };
    let mut depth = 0i32;
    for (at, c) in between.char_indices() {
        match c {
            '(' | '（' | '[' => depth += 1,
            ')' | '）' | ']' => {
                depth -= 1;
                if depth < 0 {
                    let rest = between[at + c.len_utf8()..].trim_start();
                    return rest.starts_with([',', '、', '，', ';', '；'])
                        || rest.starts_with("の計")
                        || rest.starts_with("計")
                        || rest.to_lowercase().starts_with("and ")
                        || rest.to_lowercase().starts_with("in total");
                }
            }
            _ => {}
        }
    }
    false
}

/// Does the text right after an n close the name it counts and open what those people show with
/// a colon (`チルゼパチド10 mg(参加者73人):49.00 (10.87)`, `Placebo (n = 75): 52.3 (10.9)`)? Such
/// an n heads the values after the colon, never the value printed before it (`49.00 (10.87)
/// [除外前集団(参加者88人):48.9 (10.8)]`: 88 is the second population's n).
fn heads_with_a_colon(after: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(r"^\s*(?:人|名|例|patients|participants|subjects)?\s*[)）\]]\s*[:：]")
            .expect("the n heading a colon is valid")
    })
    .is_match(after)
}

/// Is `between` (the text from an n to a value) a bracket opening on the people just counted
/// and no more: `(`, `（平均`, ` patients (mean age `; no number, closing bracket or clause
/// mark in it, and short.
fn opens_bracket_describing(between: Option<&str>) -> bool {
    let Some(between) = between else {
        return false;
    };
    // The people's noun after a bare n (`20 patients (`) may stand before the bracket.
    let rest = between
        .trim_start()
        .trim_start_matches(char::is_alphabetic)
        .trim_start();
    rest.starts_with(['(', '（', '['])
        && rest.len() <= 24
        && !rest
            .chars()
            .any(|c| c.is_ascii_digit() || ")）],，、;；。.".contains(c))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_range_whose_ends_are_marked_censored_is_no_mean_and_spread() {
        // Made-up: a survival table's median with its range, each end marked `+` (censored);
        // `+-` there joins the range, and a plain `+-` stays a ±.
        let items = super::super::read_items(
            "| DOR, median (range), months | 6.3 (2.3-40.8+) | 5.6 (1.8+-40.6+) |\nWeight fell 2.1 +- 0.4 kg.",
        );
        let means: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(means, ["2.1 +- 0.4"]);
    }

    /// Each mean ± spread read from `text`, as printed (`mean ± spread`).
    fn means_and_spreads(text: &str) -> Vec<String> {
        let printed = |p: &Option<crate::draft::Printed>| {
            p.as_ref().map_or(String::new(), |m| m.number.text.clone())
        };
        super::super::read_items(text)
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| format!("{} ± {}", printed(&i.parts.mean), printed(&i.parts.spread)))
            .collect()
    }

    /// The n [`super::attach_n`] gives each mean ± spread read from `text`, as printed.
    /// Each summary of `kind` in `text`, as printed, with the n [`super::attach_n`] gives it.
    fn summaries_with_ns(text: &str, kind: ItemKind) -> Vec<(String, Option<String>)> {
        let mut items = super::super::read_items(text);
        super::attach_n(&mut items, text);
        items
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| {
                (
                    i.text.trim().to_string(),
                    i.parts.n.as_ref().map(|n| n.number.plain.clone()),
                )
            })
            .collect()
    }

    fn ns_of_the_means(text: &str) -> Vec<Option<String>> {
        summaries_with_ns(text, ItemKind::MeanSpread)
            .into_iter()
            .map(|(_, n)| n)
            .collect()
    }

    #[test]
    fn a_unit_between_a_mean_and_its_spread_keeps_them_one_summary() {
        // Made-up values in the forms abstracts print: the unit after the mean and again after
        // the spread. A visit's window (`12 weeks ± 3 days`: another unit after the spread)
        // and a bracketed number with a unit but no label (a duration) are no summaries.
        let text = "Plaque fell by 11.2g (s.e.=1.3g). Weight was 71.2 kg (SD 8.3). Depth was 3.2 mm (SD 0.4 mm). Mass was 11.2 g ± 1.3 g. Length was 4.1 (SD 1.3 mm). Visits at 12 weeks ± 3 days. Time was 2.5 (1.5 days).";
        let means = means_and_spreads(text);
        assert_eq!(
            means,
            [
                "11.2 ± 1.3",
                "71.2 ± 8.3",
                "3.2 ± 0.4",
                "11.2 ± 1.3",
                "4.1 ± 1.3"
            ]
        );
    }

    #[test]
    fn a_japanese_counter_between_a_mean_and_its_spread_keeps_them_one_summary() {
        // Made-up: what is counted printed after the mean and again after its spread; the
        // second group's bracket repeats the first's label unprinted. A count of episodes
        // with its share (`3回(50%)`) is no mean.
        let text = "発作の回数は、A群で0.23回(SD 0.68回)、B群では0.15回(0.46回)であった。3回(50%)で中止した。";
        let means = means_and_spreads(text);
        assert_eq!(means, ["0.23 ± 0.68", "0.15 ± 0.46"]);
    }

    #[test]
    fn a_bare_bracket_under_a_legend_of_shares_and_means_with_plus_minus_is_no_mean() {
        // Made-up rows of a table copied with single spaces, its legend after them stating
        // both layouts: the means printed with ±, the shares `percent (count)`.
        let text = "Table 6.\n\nOutcomes of the two groups\n\nGroup A\n(n = 11)\nGroup B (n = 144) P value\nAge (years) 38.6 ± 1.9 39.4 ± 1.2 0.205&\nAdmission to NICU 18.2 (2) 12.5(18) 0.940§\n\nData are presented as percent (numbers) or mean ± SD\n";
        let means = means_and_spreads(text);
        assert_eq!(means, ["38.6 ± 1.9", "39.4 ± 1.2"]);
    }

    #[test]
    fn apas_m_and_sd_are_a_mean_and_its_spread() {
        // Made-up: APA style prints `M = m, SD = s`; `M` alone (males) is none.
        let text = "Anxiety was higher pre-intervention (M= 31.52, SD= 10.1) than post-intervention (M = 21.39, SD = 9.2). Of them 12 were M and 10 F (M = 12, F = 10).";
        let means = means_and_spreads(text);
        assert_eq!(means, ["31.52 ± 10.1", "21.39 ± 9.2"]);
    }

    #[test]
    fn a_mean_printed_with_its_range_is_no_median() {
        let text = "Average satisfaction rating was 90% (range 75-100%). The median stay was 6 days (range 2-20).";
        let items = super::super::read_items(text);
        let medians: Vec<&str> = items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::MedianRange | ItemKind::MedianIqr))
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(medians.len(), 1, "{medians:?}");
        assert!(medians[0].starts_with('6'), "{medians:?}");
    }

    #[test]
    fn a_median_glued_to_its_rows_label_is_read_but_not_a_names_number() {
        // Made-up rows of a table whose cells lost their spaces: the first median follows
        // the label's last letter. A name's whole number (`IL-6`) and a number outside the
        // bounds after it (`PM2.5 (10–20)`) stay no median.
        let text = "Median (IQR), hours per week\nPlanned walking1.5 (0.1–3.38)1.69 (0.75–3.38)\nIL-6 (2–9) and PM2.5 (10–20) were not measured.";
        let items = super::super::read_items(text);
        let medians: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MedianIqr)
            .filter_map(|i| i.parts.median.as_ref().map(|m| m.original.as_str()))
            .collect();
        assert_eq!(medians, ["1.5", "1.69"]);
    }

    #[test]
    fn an_n_closing_its_name_before_a_colon_heads_the_values_after_the_colon() {
        // Made-up values in a registry's result form: each arm's n before a colon, and in a
        // bracket after the value a second population with its own n and colon.
        for text in [
            "・A薬10 mg(参加者70人):49.00 (10.00)[除外前集団(参加者85人):48.5 (10.5)]",
            "Drug 10 mg (n = 70): 49.00 (10.00) [all enrolled (n = 85): 48.5 (10.5)]",
        ] {
            let ns = ns_of_the_means(text);
            assert_eq!(ns, [Some("70".into()), Some("85".into())], "{text}");
        }
    }

    #[test]
    fn each_part_of_a_list_counted_before_its_value_takes_that_count() {
        // Made-up values in the forms abstracts describe their sample by sex: each part's n,
        // then its mean age; the n after a value heads the next part.
        for text in [
            "We enrolled 18 patients (14 men, mean age 55.0 ± 8.5 years; 4 women, mean age 60.5 ± 8.2 years).",
            "患者18例 (男性14例, 平均年齢55.0±8.5歳, 女性4例, 平均年齢60.5±8.2歳) を対象とした。",
            "We enrolled 18 patients: men (n = 14), mean age 55.0 ± 8.5 years, and women (n = 4), mean age 60.5 ± 8.2 years.",
        ] {
            let ns = ns_of_the_means(text);
            assert_eq!(ns, [Some("14".into()), Some("4".into())], "{text}");
        }
        // One value and an n after it in words of its own: the n is the value's, as before.
        let text = "Mean age was 55.0 ± 8.5 years (n = 14), and 4 patients, all women, left.";
        assert_eq!(ns_of_the_means(text).first(), Some(&Some("14".to_string())));
    }

    #[test]
    fn an_n_printed_right_before_a_value_is_its_own() {
        // Made-up medians in the form a table copies each cell's own n before its value, the
        // column's n varying by row: each n is the value's after it.
        let text = "Table 3.\n\nIntensive n=150 Standard care n=158 Difference*\nICU stay (median (IQR) days)\nAlive n=124 13 (8–21) n=118 15 (8–23) 0.3 (−4.0 to 4.8)\nDead n=26 10 (6–29) n=40 9 (4–14) 5.2 (−7.3 to 16.7)\nHome n=16 8 (6–9) n=18 9 (4–14) 1.2 (−7.3 to 6.7)\n";
        let ns = summaries_with_ns(text, ItemKind::MedianIqr);
        assert_eq!(
            ns[..2],
            [
                ("13 (8–21)".to_string(), Some("124".to_string())),
                ("15 (8–23)".to_string(), Some("118".to_string()))
            ]
        );
    }

    #[test]
    fn an_n_in_the_cell_before_each_value_is_its_own_where_the_row_opens_so() {
        // Made-up values in the form a page's table copies with tabs: each group's n in a
        // cell before its value; the n in the cell after a value is the next group's. A row
        // printing each value before its n keeps the n after it.
        let header = "Table 2 Score\n\tDrug\t\tPlacebo\n\tn\tScore\tn\tScore\n";
        assert_eq!(
            ns_of_the_means(&format!("{header}Week 4\t16\t3.6 ± 2.4\t23\t4.4 ± 3.2\n")),
            [Some("16".to_string()), Some("23".to_string())]
        );
        let header = "Table 2 Score\n\tDrug\t\tPlacebo\n\tScore\tn\tScore\tn\n";
        assert_eq!(
            ns_of_the_means(&format!("{header}Week 4\t3.6 ± 2.4\t16\t4.4 ± 3.2\t23\n")),
            [Some("16".to_string()), Some("23".to_string())]
        );
    }

    #[test]
    fn an_n_heading_a_list_item_is_its_values_and_never_the_item_before() {
        // Made-up values: each item names its group with its n, a comma, then the values; a
        // semicolon closes the item, so the n after it is the next item's.
        let ns = ns_of_the_means(
            "By group: drug A N = 16, 24.2±4.8/25.6±4.8; drug B N = 17, 26.5±5.3/25.2±3.6.",
        );
        assert_eq!(ns[0].as_deref(), Some("16"), "{ns:?}");
        assert_ne!(ns[1].as_deref(), Some("17"), "{ns:?}");
        assert_eq!(ns[2].as_deref(), Some("17"), "{ns:?}");
        // An n right after the semicolon is the value's own, as a table's cell prints it.
        let ns = ns_of_the_means("Baseline | 12.1 (0.2); n = 354 | 12.3 (0.2); n = 350 |");
        assert_eq!(ns.first(), Some(&Some("354".to_string())), "{ns:?}");
    }

    #[test]
    fn an_n_after_the_bracket_a_value_stands_in_counts_the_next_group_or_the_total() {
        // Made-up values: each group's n, then its measures in a bracket; the next group's n
        // and the total follow the closing bracket.
        let text = "被験者はA群11名(身長158.7±5.0cm,体重53.6±8.5kg),C群9名(身長156.5±5.2cm,体重55.8±9.5kg)の計20名であった.";
        let mut items = super::super::read_items(text);
        super::attach_n(&mut items, text);
        let n_of = |v: &str| {
            items
                .iter()
                .find(|i| i.kind == ItemKind::MeanSpread && i.text.starts_with(v))
                .and_then(|i| i.parts.n.as_ref().map(|n| n.number.plain.clone()))
        };
        assert_eq!(n_of("53.6"), None);
        assert_eq!(n_of("55.8"), None);
        // An n printed after the value in its own clause is still its.
        let text = "HbA1c fell by −0.8 ± 0.3% in the drug group (n = 99).";
        assert_eq!(ns_of_the_means(text).first(), Some(&Some("99".to_string())));
    }

    #[test]
    fn a_value_in_the_bracket_after_an_n_is_of_those_people() {
        // Made-up values in an abstract's form: each group's n, then its age in a bracket.
        let text = "運動群は20名(70.6±6.4歳),対照群は11名(73.1±5.6歳)であった. Twelve patients were enrolled: 20 patients (mean age 61.2 ± 7.3) had the drug.";
        let ns = summaries_with_ns(text, ItemKind::MeanSpread);
        assert_eq!(
            ns,
            [
                ("70.6±6.4".to_string(), Some("20".to_string())),
                ("73.1±5.6".to_string(), Some("11".to_string())),
                ("61.2 ± 7.3".to_string(), Some("20".to_string())),
            ]
        );
    }

    #[test]
    fn a_bracketed_whole_number_after_a_mean_and_spread_is_its_n() {
        let ns = |text: &str| -> Vec<String> {
            super::super::read_items(text)
                .iter()
                .filter(|i| i.kind == ItemKind::N)
                .map(|i| i.parts.value.as_ref().unwrap().original.clone())
                .collect()
        };
        // Made-up numbers as a package insert's table prints `mean ± SD (n)`.
        let n = ns("ベースライン\n12.1±4.3 (120)\n11.8±4.9（61）\n8.2±1.1 (1.5)\n");
        assert_eq!(n, ["120", "61"]);
        // A row of `mean (SD), n` cells: each whole number after a comma is its cell's n; a
        // sentence going on in words after one is no row.
        let n = ns(
            "Week 0 60·10 (9·20), 30 61·40 (8·30), 31 .. ..\nThe mean was 4.1 (1.2), 24 patients improved and 3.2 (1.1), 12 did not.\n",
        );
        assert_eq!(n[..2], ["30", "31"]);
        assert!(!n.iter().any(|n| n == "12"), "{n:?}");
    }

    use super::super::{ItemKind, read_items};

    #[test]
    fn a_median_and_its_quartiles_in_the_next_cell_under_a_header_naming_both_are_one() {
        // Made-up numbers in a table copied a cell a line: `Median | 1st Q-3rd Q` heads each
        // arm's pair of columns.
        let text = "| Mean ± SD | Median | 1st Q-3rd Q | Mean ± SD | Median | 1st Q-3rd Q |\n|\nAge (years)\n|\n30.1 ± 5.0 |\n31.5 |\n25.0-37.0 |\n30.4 ± 6.0 |\n31.0 |\n26.0-36.0 |\n0.88 |\n";
        let items = read_items(text);
        let medians: Vec<(ItemKind, f64, f64, f64)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MedianIqr || i.kind == ItemKind::MedianRange)
            .map(|i| {
                let v = |p: &Option<crate::draft::Printed>| {
                    p.as_ref().map_or(f64::NAN, |p| p.number.value)
                };
                (
                    i.kind,
                    v(&i.parts.median),
                    v(&i.parts.lower),
                    v(&i.parts.upper),
                )
            })
            .collect();
        assert_eq!(
            medians,
            [
                (ItemKind::MedianIqr, 31.5, 25.0, 37.0),
                (ItemKind::MedianIqr, 31.0, 26.0, 36.0)
            ]
        );
        // With no header naming both, a number and a pair in the next cell decide nothing.
        let items = read_items("| Score | Limits |\n| 31.5 | 25.0-37.0 |\n");
        assert!(
            items.iter().all(|i| i.kind != ItemKind::MedianIqr),
            "{items:?}"
        );
    }

    #[test]
    fn a_mean_and_spread_with_its_range_after_it_is_a_mean_not_a_median() {
        // Made-up numbers: `mean ± SD (range a-b)`; the SD is no median of the range.
        for text in [
            "Mean loss was 0.81 ± 0.40 mm (range 0.1-1.6 mm) in the crestal group.",
            "平均骨吸収は0.81±0.40mm(範囲:0.1〜1.6mm)であった。",
        ] {
            let items = read_items(text);
            let kinds: Vec<(ItemKind, &str)> = items
                .iter()
                .map(|i| (i.kind, i.text.as_str()))
                .filter(|(k, _)| *k == ItemKind::MeanSpread || *k == ItemKind::MedianRange)
                .collect();
            assert_eq!(kinds.len(), 1, "{text}: {kinds:?}");
            assert_eq!(kinds[0].0, ItemKind::MeanSpread, "{text}: {kinds:?}");
        }
    }

    #[test]
    fn a_sentence_naming_both_spreads_says_each_for_the_values_after_it() {
        // Made-up numbers in the form of a page for doctors: the change's LS mean ± SE, then
        // the baseline's mean ± SD in a bracket after it.
        let items = read_items(
            "体重の変化量(最小二乗平均±標準誤差)は、A群で-4.8±0.52kg(ベースラインの平均±標準偏差:81.2±14.9kg)でした。",
        );
        let labels: Vec<(&str, Option<&str>)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| (i.text.as_str(), i.parts.spread_label))
            .collect();
        assert_eq!(
            labels,
            [("-4.8±0.52", Some("SE")), ("81.2±14.9", Some("SD"))]
        );
    }

    #[test]
    fn statements_of_both_spreads_after_every_value_label_none() {
        // Made-up numbers under a table's two notes printed after the values, one for the
        // raw means and one for the adjusted changes (each tied to its columns by a mark):
        // neither is said of a value on its own.
        let items = read_items(
            "A群 5.10±1.00 -1.90±0.10 B群 5.20±1.10 -2.40±0.10 注1:平均値±標準偏差 注2:調整平均値±標準誤差",
        );
        let labels: Vec<Option<&str>> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| i.parts.spread_label)
            .collect();
        assert_eq!(labels, [None, None, None, None]);
        // Notes of one spread only still say it.
        let items = read_items("A群 5.10±1.00 B群 5.20±1.10 注:平均値±標準偏差");
        assert!(
            items
                .iter()
                .filter(|i| i.kind == ItemKind::MeanSpread)
                .all(|i| i.parts.spread_label == Some("SD"))
        );
    }

    #[test]
    fn a_list_labels_its_spread_once_with_its_first_value() {
        // Made-up numbers in the form of a BMJ-style abstract: the first value carries `SE`,
        // the next ones only a bracket after the unit (one closed by `;`).
        let items = read_items(
            "Mean change was -4.12 kg (SE 0.30) with the programme versus -1.95 kg (0.22) with usual care; -3.10 kg (0.31) versus -1.50 kg (0.18; difference -1.6 kg). Follow-up was 12 weeks (3) in all.",
        );
        let ms: Vec<(String, Option<&str>)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| (i.text.clone(), i.parts.spread_label))
            .collect();
        assert_eq!(
            ms,
            [
                ("-4.12 kg (SE 0.30)".to_string(), Some("SE")),
                ("-1.95 kg (0.22)".to_string(), Some("SE")),
                ("-3.10 kg (0.31)".to_string(), Some("SE")),
                ("-1.50 kg (0.18".to_string(), Some("SE")),
            ]
        );
        // Without a labelled value before it in the sentence, a unit's bracket is no spread.
        let items = read_items("Weight was -1.95 kg (0.22) at the end.");
        assert!(items.iter().all(|i| i.kind != ItemKind::MeanSpread));
    }

    #[test]
    fn table_cells_glued_by_text_extraction_are_read_apart() {
        // Each cell a mean ± SE; the second cell's value below 1 keeps its leading zero.
        let items = read_items(
            " Score (part A)−0.31 ± 0.070.05 ± 0.09<0.02*\n SCORE1.20 ± 0.402.90 ± 0.30ns\n",
        );
        let ms: Vec<(String, String)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| {
                (
                    i.parts.mean.as_ref().unwrap().number.text.clone(),
                    i.parts.spread.as_ref().unwrap().number.text.clone(),
                )
            })
            .collect();
        let want: Vec<(String, String)> = [
            ("-0.31", "0.07"),
            ("0.05", "0.09"),
            ("1.20", "0.40"),
            ("2.90", "0.30"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(ms, want);
    }

    #[test]
    fn means_with_spreads_and_medians() {
        let items = read_items(
            "Changes were −6.35 ± 0.84 in the placebo group (n = 99) and 5.1 (SD 1.7). Age 61.2 (10.4) years, cycle 1 (2). Median 6 (IQR 4–10) and 7 (range 2–20). 年間再発率は 2.9 ± \n1.1 回。",
        );
        let ms: Vec<_> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .collect();
        assert_eq!(ms.len(), 4);
        let p = &ms[0].parts;
        assert_eq!(p.mean.as_ref().unwrap().number.text, "-6.35");
        assert_eq!(p.mean.as_ref().unwrap().data_value(), "-6.35");
        assert_eq!(p.n.as_ref().unwrap().number.text, "99");
        assert_eq!(p.spread_label, None);
        assert_eq!(ms[1].parts.spread_label, Some("SD"));
        assert_eq!(ms[1].text, "5.1 (SD 1.7)");
        assert_eq!(ms[2].parts.spread.as_ref().unwrap().number.text, "10.4");
        assert_eq!(ms[3].text, "2.9 ± \n1.1");
        assert_eq!(ms[3].line, 1);
        let med: Vec<_> = items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::MedianIqr | ItemKind::MedianRange))
            .collect();
        assert_eq!(med[0].kind, ItemKind::MedianIqr);
        assert_eq!(med[1].kind, ItemKind::MedianRange);
        assert_eq!(med[1].parts.upper.as_ref().unwrap().number.text, "20");
    }

    #[test]
    fn a_row_glued_to_its_first_bracketed_cell_keeps_that_cell() {
        // Made-up numbers as text extraction glues a results table (`Data are mean (SD)`):
        // the first cell follows the row's label with no space, a signed one too.
        let items = read_items(
            "Score\n Baseline8.4 (0.9)8.8 (1.0)\n Week 27 change from baseline−0.1 (0.8)−0.4 (0.8)0.074\nIL-6 was measured.\n",
        );
        let ms: Vec<String> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| i.parts.mean.as_ref().unwrap().data_value().to_string())
            .collect();
        assert_eq!(ms, ["8.4", "8.8", "-0.1", "-0.4"]);
        // A name keeps its whole number.
        assert!(
            !items
                .iter()
                .any(|i| i.text.trim() == "6" || i.text.trim() == "-6")
        );
    }

    #[test]
    fn a_whole_mean_glued_to_an_abbreviation_before_its_plus_minus_is_read() {
        // Made-up values as Japanese reports glue them (trial 36's doc 07): `BMI26±2` is the
        // mean 26 with its ±2, no name's number; a name's single digit (`FEV1`) stays a name's.
        let items =
            read_items("年齢60±7歳、BMI26±2kg/m^2、SBP128±12mmHg であった。FEV1 は 2.1±0.4 L。");
        let ms: Vec<String> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| i.parts.mean.as_ref().unwrap().data_value().to_string())
            .collect();
        assert_eq!(ms, ["60", "26", "128", "2.1"]);
    }

    #[test]
    fn a_bracketed_labelled_spread_may_carry_the_means_percent_sign() {
        // JAMA prints `−1.9% (SE, 0.2%)`: a mean change with its SE, both in % units.
        let items =
            read_items("Changes were metformin, −1.6% (SE, 0.2%); and diet, −1.5% (SD, 0.8%).");
        let ms: Vec<_> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| {
                (
                    i.parts.mean.as_ref().unwrap().data_value().to_string(),
                    i.parts.spread_label,
                )
            })
            .collect();
        assert_eq!(
            ms,
            [
                ("-1.6".to_string(), Some("SE")),
                ("-1.5".to_string(), Some("SD"))
            ]
        );
    }

    #[test]
    fn a_row_label_framing_its_measure_with_median_and_iqr_states_its_cells() {
        // Made-up rows of a table copied with single spaces: `Median … (IQR)` around the
        // measure's name says the cells are medians and quartiles; a label with a number
        // between says nothing so.
        let text = "Table 3.\n\nScores\n\nBaseline n = 30 Week 4 n = 30 p\n Median pain score (IQR) 4.5 (2.0–6.0) 3.0 (1.0–5.0) 0.01\n Median sleep score (IQR) 6.0 (4.0–8.0) 5.0 (3.0–7.0) 0.2\n";
        let items = read_items(text);
        let medians = items
            .iter()
            .filter(|i| i.kind == ItemKind::MedianIqr)
            .count();
        assert_eq!(medians, 4);
        assert!(crate::draft::summary::stated_median_pattern().is_match("Median TIS score (IQR)"));
        assert!(
            !crate::draft::summary::stated_median_pattern()
                .is_match("median follow-up of 24 months (IQR")
        );
    }

    #[test]
    fn a_labelled_spread_after_plus_minus_and_before_a_p_in_the_bracket() {
        // Made-up: `1.2 (SE+/- 0.21, p=0.003)`, a difference and its SE sharing a bracket with
        // its p. The SE keeps no sign from `+/-`, and the p is left to be read as a p.
        let items = read_items(
            "The difference was 1.2 (SE+/- 0.21, p=0.003) and 2.0 (SD ± 0.30; P < 0.001).",
        );
        let ms: Vec<_> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| {
                (
                    i.parts.mean.as_ref().unwrap().data_value().to_string(),
                    i.parts.spread.as_ref().unwrap().data_value().to_string(),
                    i.parts.spread_label,
                )
            })
            .collect();
        assert_eq!(
            ms,
            [
                ("1.2".to_string(), "0.21".to_string(), Some("SE")),
                ("2.0".to_string(), "0.30".to_string(), Some("SD"))
            ]
        );
        let ps = items.iter().filter(|i| i.kind == ItemKind::P).count();
        assert_eq!(ps, 2);
    }

    #[test]
    fn a_sentence_stating_mean_sd_reads_a_percent_unit_mean_with_its_bracketed_sd() {
        // Made-up numbers in an abstract's form: `mean (standard deviation)` stated once,
        // then HbA1c values in % with their SDs in brackets.
        let items = read_items(
            "At baseline, mean (standard deviation) HbA1c was 8.71% (0.93) in the drug group (n = 40) and 8.65% (1.02) in the placebo group (n = 41).",
        );
        let ms: Vec<(&str, Option<&str>)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| {
                (
                    i.parts.mean.as_ref().unwrap().number.text.as_str(),
                    i.parts.spread_label,
                )
            })
            .collect();
        assert_eq!(ms.len(), 2, "{items:#?}");
        assert_eq!(ms[0].0, "8.71");
        // With no statement, a percentage and a whole number in brackets stay as they were.
        let items = read_items("Response was 56% (28) in the drug group.");
        assert!(items.iter().all(|i| i.kind != ItemKind::MeanSpread));
    }

    #[test]
    fn a_mean_and_spread_in_percent_units_is_one_mean_not_two_percentages() {
        // `82.0%±16.0%`: a mean of a percentage (a time in range, an HbA1c) and its spread.
        let items = read_items("Time in range was 82.0%±16.0% in the drug group.");
        let kinds: Vec<ItemKind> = items.iter().map(|i| i.kind).collect();
        assert_eq!(kinds, [ItemKind::MeanSpread], "{items:#?}");
        let m = &items[0].parts;
        assert_eq!(
            (
                m.mean.as_ref().unwrap().number.text.as_str(),
                m.spread.as_ref().unwrap().number.text.as_str()
            ),
            ("82.0", "16.0")
        );
    }

    #[test]
    fn means_with_a_unit_a_bracketed_plus_minus_or_in_words() {
        let items = read_items(
            "Mean age was 52.1 years (SD 9.8). The score was 5.1 (±1.7). Weight: mean 80.2, SD 9.1 kg. HbA1c 7.1% (SD, 0.8). Cycle 1 (2) and week 12 (4) stay apart. Flexion 74.5°±16.2°.",
        );
        let ms = crate::draft::tests::mean_spreads(&items);
        let want: Vec<(String, String, Option<&str>)> = [
            ("52.1", "9.8", Some("SD")),
            ("5.1", "1.7", None),
            ("80.2", "9.1", Some("SD")),
            ("7.1", "0.8", Some("SD")),
            // An angle: the degree sign after the mean as after the spread.
            ("74.5", "16.2", None),
        ]
        .iter()
        .map(|(a, b, l)| (a.to_string(), b.to_string(), *l))
        .collect();
        assert_eq!(ms, want);
        let worded = items.iter().find(|i| i.text.starts_with("80.2")).unwrap();
        assert_eq!(worded.text, "80.2, SD 9.1");
    }

    #[test]
    fn an_n_past_a_blank_line_is_not_printed_with_the_value() {
        let text = "DIEPSS−0.57 ± 0.21−0.68 ± 0.19ns\n\nn = 54n = 60\nPain 5.1 ± 1.2\n(n = 40)";
        let items = read_items(text);
        let ns: Vec<Option<String>> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| i.parts.n.as_ref().map(|n| n.number.text.clone()))
            .collect();
        // A line break alone (a wrapped line) keeps the n; a blank line does not.
        assert_eq!(ns, [None, None, Some("40".to_string())]);
        let after_ns = text.find("ns").unwrap() + 2;
        let n54 = text.find("n = 54").unwrap();
        assert!(!super::n_printed_with(text, after_ns, n54, 60));
        let after_pain = text.find("1.2").unwrap() + 3;
        let n40 = text.find("n = 40").unwrap();
        assert!(super::n_printed_with(text, after_pain, n40, 60));
    }

    #[test]
    fn medians_stated_in_japanese_and_the_nearest_statement_decides() {
        let items = read_items(
            "表2 中央値（四分位範囲）\n投与期間 | 12（8～20） | 14（9、22） |\n血中濃度の中央値(最小値,最大値)は1.5(0.2,3.9)であった。\nMedian (25th, 75th percentile) 7.0 (5.0, 9.5) days.",
        );
        let med: Vec<(ItemKind, String)> = items.iter().map(|i| (i.kind, i.text.clone())).collect();
        assert_eq!(
            med,
            [
                (ItemKind::MedianIqr, "12（8～20）".to_string()),
                (ItemKind::MedianIqr, "14（9、22）".to_string()),
                (ItemKind::MedianRange, "1.5(0.2,3.9)".to_string()),
                (ItemKind::MedianIqr, "7.0 (5.0, 9.5)".to_string()),
            ]
        );
    }

    #[test]
    fn a_footnotes_medians_are_the_marked_rows_only() {
        // Made-up values in a results table's form: means with their CIs, one row marked
        // `*`, and the footnote saying that row prints medians (IQR). Unmarked, the footnote's
        // statement would govern the whole table.
        let table = "Outcome | Baseline | Year 1 |\nMean HbA1c level (%) | 9.3 (8.8, 9.8) | 8.9 (8.3, 9.4) |\nMedian ACR level * | 18.0 (3.7, 63.9) | 19.6 (3.5, 83.2) |\n* Figures in this row are medians (interquartile ranges).\n";
        let medians: Vec<String> = read_items(table)
            .into_iter()
            .filter(|i| i.kind == ItemKind::MedianIqr)
            .map(|i| i.text)
            .collect();
        assert_eq!(medians, ["18.0 (3.7, 63.9)", "19.6 (3.5, 83.2)"]);
        // A footnote whose mark no row's label carries states for the table, as before.
        let table = table.replace("Median ACR level *", "Median ACR level");
        let medians = read_items(&table)
            .into_iter()
            .filter(|i| i.kind == ItemKind::MedianIqr)
            .count();
        assert_eq!(medians, 4);
    }

    #[test]
    fn medians_stated_as_percentiles_with_their_quartiles_joined_by_a_bare_comma() {
        // Made-up values in the form a table states as the median's percentile with the
        // quartiles' (`P50 (P25, P75)`) and prints with no space after the comma, in a
        // document that writes decimals with a point: each cell a median and its quartiles.
        let text = "Table 2 Pain scores, P50 (P25, P75); mean age 61.5 years\nGroup\t6 h\t12 h\nEA\t3 (2,4)\t2 (1,3)\nFNB\t4 (3,5)\t3 (2,4)\n";
        let items = super::super::read_items(text);
        let brief = crate::draft::tests::brief(&items);
        let medians: Vec<&String> = brief
            .iter()
            .filter(|(kind, _)| *kind == "median_iqr")
            .map(|(_, numbers)| numbers)
            .collect();
        assert_eq!(medians, ["3/2/4", "2/1/3", "4/3/5", "3/2/4"], "{brief:?}");
    }

    #[test]
    fn medians_stated_with_their_quartiles_named_in_words() {
        // `(25th to 75th centiles)`, `(lower and upper quartiles)`: the quartiles, as
        // journals' house styles name them in a caption.
        for caption in [
            "Table 2 Values are medians (25th to 75th centiles) unless stated otherwise",
            "Table 2 Values are medians (lower and upper quartiles)",
            "Table 2 Data are median (first and third quartiles)",
        ] {
            let items = read_items(&format!(
                "{caption}\n\n| Measure | Drug | Placebo |\n|---|---|---|\n| Pain | 3.0 (0.0 to 7.5) | 1.5 (0.0 to 5.0) |\n"
            ));
            let kinds: Vec<ItemKind> = items.iter().map(|i| i.kind).collect();
            assert_eq!(
                kinds,
                [ItemKind::MedianIqr, ItemKind::MedianIqr],
                "{caption}"
            );
        }
    }

    #[test]
    fn bare_medians_after_a_labelled_one_in_its_paragraph() {
        let items = read_items(
            "The median stay was 2.2 (IQR: 1.2 to 4.9) days; at 1 year the respective values were 2.1 (1.2 to 4.7) and 3.1 days (IQR: 1.5 to 8.0).\n\nIn another paragraph, 2.0 (1.0 to 3.0) stays unread.",
        );
        let med: Vec<(ItemKind, String)> = items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::MedianIqr | ItemKind::MedianRange))
            .map(|i| (i.kind, i.text.clone()))
            .collect();
        assert_eq!(
            med,
            [
                (ItemKind::MedianIqr, "2.2 (IQR: 1.2 to 4.9)".to_string()),
                (ItemKind::MedianIqr, "2.1 (1.2 to 4.7)".to_string()),
                (
                    ItemKind::MedianIqr,
                    "3.1 days (IQR: 1.5 to 8.0)".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_spread_printed_as_the_same_takes_the_label_before_it() {
        // Made-up numbers in the form of Japanese medical news: 同 (the same) repeats SD.
        let items = read_items(
            "感染回数は保湿剤群0.23(SD 0.68)、対照群0.15(同0.46)だった。別の値は2(同1)。",
        );
        let labels: Vec<(String, Option<&str>)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| {
                (
                    i.parts.spread.as_ref().unwrap().number.text.clone(),
                    i.parts.spread_label,
                )
            })
            .collect();
        assert_eq!(
            labels,
            [
                ("0.68".to_string(), Some("SD")),
                ("0.46".to_string(), Some("SD"))
            ]
        );
    }

    #[test]
    fn a_median_whose_bracket_names_its_bounds_before_a_semicolon() {
        // `(range; 21–43)`, as some journals print the bracket (made-up numbers).
        let items = read_items("Median age (years)31 (range; 19–45)30.5 (range; 20–44)");
        let kinds: Vec<(ItemKind, String)> = items
            .iter()
            .map(|i| (i.kind, i.parts.numbers()[0].number.text.clone()))
            .collect();
        assert_eq!(
            kinds,
            [
                (ItemKind::MedianRange, "31".to_string()),
                (ItemKind::MedianRange, "30.5".to_string())
            ]
        );
    }

    #[test]
    fn a_bare_median_with_its_unit_after_it_and_after_its_bound() {
        // The document states `中央値(範囲)`; the median and its upper bound each print the
        // unit (made-up numbers).
        let items = read_items("投与間隔の中央値(範囲)は8.1週間(4.0〜20.5週間)であった。");
        let med: Vec<(ItemKind, Vec<String>)> = items
            .iter()
            .map(|i| {
                let nums = i
                    .parts
                    .numbers()
                    .iter()
                    .map(|n| n.number.text.clone())
                    .collect();
                (i.kind, nums)
            })
            .collect();
        assert_eq!(
            med,
            [(
                ItemKind::MedianRange,
                vec!["8.1".to_string(), "4.0".to_string(), "20.5".to_string()]
            )]
        );
    }

    #[test]
    fn medians_whose_bounds_repeat_the_unit_as_journals_print_them() {
        // Made-up numbers in a journal's house style: the bounds repeat the value's unit.
        let items = read_items(
            "The median age was 65 years (interquartile range [IQR], 56–75 years); median stay, 12 days (IQR, 7-20 days); median dose 40 mg (range, 10 to 80 mg).",
        );
        let med: Vec<(ItemKind, String)> = items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::MedianIqr | ItemKind::MedianRange))
            .map(|i| (i.kind, i.parts.numbers()[0].number.text.clone()))
            .collect();
        assert_eq!(
            med,
            [
                (ItemKind::MedianIqr, "65".to_string()),
                (ItemKind::MedianIqr, "12".to_string()),
                (ItemKind::MedianRange, "40".to_string()),
            ]
        );
    }

    #[test]
    fn a_fractions_whole_with_its_percentage_is_no_mean_whatever_the_legend_states() {
        // Made-up values in a journal table's layout: `n/N (%)` cells under a legend naming
        // both kinds of cell; a slash pair of means (`150.2/90.1 (7.2)`) stays a mean.
        let items = read_items(
            "Table 2
             Outcome | Drug (N = 300) | Placebo (N = 310) |
---|---|---|
             Delivery < 37 weeks | 75/300 (25.0) | 80/310 (25.8) |
             Age at delivery (weeks) | 37.6 ± 3.9 | 37.4 ± 4.3 |
             Data are presented as mean ± standard deviation or n/N (%)
",
        );
        let kinds: Vec<(ItemKind, &str)> = items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Percent | ItemKind::MeanSpread))
            .map(|i| (i.kind, i.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (ItemKind::Percent, "75/300 (25.0"),
                (ItemKind::Percent, "80/310 (25.8"),
                (ItemKind::MeanSpread, "37.6 ± 3.9"),
                (ItemKind::MeanSpread, "37.4 ± 4.3"),
            ]
        );
        let items = read_items("Blood pressure, mean (SD): 90.1/150.2 (7.2) mmHg.\n");
        assert!(
            items.iter().any(|i| i.kind == ItemKind::MeanSpread),
            "{items:?}"
        );
    }

    #[test]
    fn a_column_stating_mean_pm_sd_is_not_the_statement_of_a_bracketed_cell_shifted_under_it() {
        // Made-up values: the second row left its empty baseline cell out, so its adjusted
        // mean (SE) stands under the baseline's `mean ± SD` header; the legend states no
        // spread. Its bracket is no SD.
        let items = read_items(
            "Table 2
             | Visit | n | Baseline (mean ± SD) | Adjusted mean (SE) |
|---|---|---|---|
             | Week 4 | 60 | 2.50 ± 0.44 | –0.80 (0.082) |
             | Week 8 | 60 | –0.98 (0.099) | |
",
        );
        let label_of = |text: &str| {
            items
                .iter()
                .find(|i| i.text.starts_with(text))
                .and_then(|i| i.parts.spread_label)
        };
        assert_eq!(label_of("2.50"), Some("SD"));
        assert_ne!(label_of("–0.98"), Some("SD"));
    }

    #[test]
    fn medians_in_square_brackets_and_table_rows_when_the_text_says_so() {
        let items = read_items(
            "Differences are given with their 95% CI. The median (IQR) time was 6 [4–10] days.\n\nCharacteristic | Median (IQR) | Median (IQR) |\nDuration, days | 12 (8–20) | 14 (9–22) |\n",
        );
        let med: Vec<(ItemKind, String)> = items.iter().map(|i| (i.kind, i.text.clone())).collect();
        assert_eq!(
            med,
            [
                (ItemKind::MedianIqr, "6 [4–10]".to_string()),
                (ItemKind::MedianIqr, "12 (8–20)".to_string()),
                (ItemKind::MedianIqr, "14 (9–22)".to_string()),
            ]
        );
        // A glued cell of a table as text extraction leaves it is a summary of its own.
        let items = read_items(
            "Age, years52.10 ± 9.80 51.90 ± 10.20\nBMI, kg/m²28.1 ± 4.2\nBMI, kg/m229.3 ± 3.9\n",
        );
        let means: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| i.parts.mean.as_ref().unwrap().number.text.as_str())
            .collect();
        assert_eq!(means, ["52.10", "51.90", "28.1", "29.3"]);
    }

    #[test]
    fn a_section_rows_statement_governs_its_section_and_a_difference_column_prints_estimates() {
        // As a journal's table prints it: a section row stating `median (IQR)` heads the rows
        // under it; the rows above it (means (SD)) and the `Difference` column (estimates with
        // their 95% CIs) are no medians.
        let items = read_items(
            "Outcome | Intensive n=150 | Standard care n=158 | Difference* |\nPCS score | | | |\n3 months | 35 (10.8) | 34 (9.0) | −1.4 (−5.9 to 3.0) |\nICU length of stay (median (IQR) days) | | | |\nAlive | 13 (8–21) | 15 (8–23) | 0.3 (−4.0 to 4.8) |\nFunctional Independence Measure | | | |\nICU discharge | 70 (27) | 64 (25) | −0.6 (−7.1 to 8.3) |\n",
        );
        let medians: Vec<&str> = items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::MedianIqr | ItemKind::MedianRange))
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(medians, ["13 (8–21)", "15 (8–23)"]);
    }
}
