//! What a table's label says its cells print, in order: a **cell template**.
//!
//! Tables say once, in a row's label or a column's header, how every cell of that row or column
//! is laid out: `ACR50, n (%) (p)`, `% (p)`, `mean±SD change from baseline (p)`, `n/N (%)`,
//! `Median (IQR)`, `LS mean (95% CI)`, `例数（%）`. The numbers of a cell under such a label
//! are read by their place in that layout: in `3 (10.0) (0.896)` under `n (%) (p)` the 3 is a
//! count, 10.0 its percentage and 0.896 a p, where the bare form `x (y)` alone would say a
//! mean and its spread. This is how the CONSORT-style tables of journals and package inserts
//! print their cells (a format note in the stub: BMJ, Lancet, NEJM, JAMA all do), so the rule
//! is the table's own statement, not a guess from the numbers.
//!
//! A template is read from the label's last comma-separated part when that part starts with a
//! statistic's name (`n`, `%`, `mean`, `median`, `p`, `HR` …) or is wholly such names: `HbA1c
//! (%)` names a unit, not a layout, and is no template. Words between the names (`change from
//! baseline`) are the measure's, and skipped. The slots are grouped as the cell groups its
//! numbers: those outside brackets, then each bracket. A cell matches when its groups hold as
//! many numbers as the template's first groups: a reference column prints `8 (22.2)` under
//! `n (%) (p)`, with no p of its own.

use std::ops::Range;

/// What one number of a cell is, by its place in the label's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A count of patients (`n`, `No.`).
    Count,
    /// The whole a count is of (`N` after `n/`).
    Whole,
    /// A percentage (`%`).
    Percent,
    /// A mean or an estimate's point (`mean`, `LS mean`, `difference`).
    Mean,
    /// A spread, as the label names it (`SD`, `SE`, `SEM`), `None` when it names none.
    Spread(Option<&'static str>),
    Median,
    /// The bounds of an interval: two numbers.
    Bounds(Bounds),
    P,
    /// A ratio of the kind named (`hazard ratio`).
    Ratio(&'static str),
}

/// What a pair of bounds is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bounds {
    Quartiles,
    Range,
    Ci,
}

/// A label's cell layout: its slots in groups (the numbers outside brackets, then each
/// bracket), in order.
#[derive(Debug, Clone, PartialEq)]
pub struct CellTemplate {
    pub groups: Vec<Vec<Slot>>,
}

/// One word of a label and what it names.
fn slot_of(word: &str) -> Option<Slot> {
    let w = word.to_lowercase();
    // Japanese names the statistic at the end of a compound word: `累積軽減率` (a cumulative
    // rate, printed in %), `軽減人数` (a number of people), `発現割合`.
    if w.chars().count() > 2 && (w.ends_with("人数") || w.ends_with("例数")) {
        return Some(Slot::Count);
    }
    if w.chars().count() > 1 && (w.ends_with('率') || w.ends_with("割合")) && !w.ends_with("変化率")
    {
        return Some(Slot::Percent);
    }
    if let Some(kind) = super::cues::spread_named(&w) {
        return Some(Slot::Spread(Some(kind)));
    }
    Some(match w.as_str() {
        "n" | "no" | "no." | "number" | "例数" | "例" | "人数" => Slot::Count,
        "%" | "％" | "percent" => Slot::Percent,
        "mean" | "means" | "lsm" | "lsmean" | "average" | "平均" | "平均値" | "estimate"
        | "difference" => Slot::Mean,
        "median" | "中央値" => Slot::Median,
        "iqr" | "四分位範囲" | "quartiles" => Slot::Bounds(Bounds::Quartiles),
        "range" | "範囲" => Slot::Bounds(Bounds::Range),
        "ci" | "信頼区間" | "95%ci" => Slot::Bounds(Bounds::Ci),
        "p" | "p値" | "p-value" => Slot::P,
        "hr" => Slot::Ratio("hazard ratio"),
        "or" => Slot::Ratio("odds ratio"),
        "rr" => Slot::Ratio("risk ratio"),
        _ => return None,
    })
}

/// Words that join names without being one (`LS mean`, `p value`, `95% CI`, `min–max`):
/// read with the name they belong to.
fn joins_name(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "ls" | "value" | "95" | "90" | "99" | "min" | "max" | "q1" | "q3" | "of" | "patients"
    )
}

/// A label's part that holds its template: after the last comma outside brackets.
fn layout_part(label: &str) -> &str {
    let mut depth = 0i32;
    let mut cut = 0;
    for (i, c) in label.char_indices() {
        match c {
            '(' | '[' | '（' => depth += 1,
            ')' | ']' | '）' => depth -= 1,
            ',' | '、' if depth == 0 => cut = i + c.len_utf8(),
            _ => {}
        }
    }
    &label[cut..]
}

impl CellTemplate {
    /// The layout a row's label or a column's header declares, or `None` when it declares
    /// none.
    ///
    /// ```
    /// use trialstats_documents::draft::cell_template::{CellTemplate, Slot};
    /// let t = CellTemplate::of_label("ACR50 obs, n (%) (p)*†").unwrap();
    /// assert_eq!(t.groups, [vec![Slot::Count], vec![Slot::Percent], vec![Slot::P]]);
    /// let t = CellTemplate::of_label("DAS28, mean±SD change from baseline (p)").unwrap();
    /// assert_eq!(t.groups, [vec![Slot::Mean, Slot::Spread(Some("SD"))], vec![Slot::P]]);
    /// // A unit in brackets after a measure's name is no layout.
    /// assert!(CellTemplate::of_label("HbA1c (%)").is_none());
    /// assert!(CellTemplate::of_label("Age, years").is_none());
    /// // The sample sizes stated in a label are no layout.
    /// assert!(CellTemplate::of_label("Depression score (n = 71 intervention, n = 65 control)").is_none());
    /// ```
    pub fn of_label(label: &str) -> Option<CellTemplate> {
        let part = layout_part(label);
        // A unit after the layout (`Duration of AD, mean (SD; range), years`) names no
        // statistic: the layout is the part before it.
        Self::of_part(part).or_else(|| {
            let unit_only = part.split_whitespace().all(|w| slot_of(w).is_none());
            let before = label[..label.len() - part.len()].strip_suffix([',', '、'])?;
            unit_only
                .then(|| Self::of_part(layout_part(before)))
                .flatten()
        })
    }

    /// The layout one comma-separated part of a label declares.
    fn of_part(part: &str) -> Option<CellTemplate> {
        // `(n = 71 intervention, n = 65 control)` states the sample sizes: values, not the
        // layout of the cells (`n (%)`), which names slots and assigns no number.
        if part.contains(['=', '＝']) && part.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let mut groups: Vec<Vec<Slot>> = vec![Vec::new()];
        let mut depth = 0i32;
        let mut first_word = true;
        let mut starts_with_name = false;
        let mut word = String::new();
        let mut flush = |word: &mut String, groups: &mut Vec<Vec<Slot>>, first_word: &mut bool| {
            if word.is_empty() {
                return;
            }
            let w = std::mem::take(word);
            let slot = slot_of(&w);
            if *first_word {
                *first_word = false;
                starts_with_name = slot.is_some() || joins_name(&w);
            }
            if let Some(slot) = slot {
                let group = groups.last_mut().expect("one group at least");
                // `n/N`: the second count is the whole.
                let slot = if slot == Slot::Count && group.last() == Some(&Slot::Count) {
                    Slot::Whole
                } else {
                    slot
                };
                // `95% CI`: the % is the level's, not a slot.
                if let Slot::Bounds(Bounds::Ci) = slot
                    && group.last() == Some(&Slot::Percent)
                {
                    group.pop();
                }
                group.push(slot);
            }
        };
        for c in part.chars() {
            match c {
                '(' | '[' | '（' => {
                    flush(&mut word, &mut groups, &mut first_word);
                    depth += 1;
                    if depth > 1 {
                        return None;
                    }
                    groups.push(Vec::new());
                }
                ')' | ']' | '）' => {
                    flush(&mut word, &mut groups, &mut first_word);
                    depth -= 1;
                    if depth < 0 {
                        return None;
                    }
                    // What follows a bracket outside it is a group of its own.
                    groups.push(Vec::new());
                }
                '%' | '％' => {
                    flush(&mut word, &mut groups, &mut first_word);
                    word.push('%');
                    flush(&mut word, &mut groups, &mut first_word);
                }
                c if c.is_alphanumeric() || c == '.' || c == '-' && !word.is_empty() => {
                    word.push(c)
                }
                _ => flush(&mut word, &mut groups, &mut first_word),
            }
        }
        flush(&mut word, &mut groups, &mut first_word);
        groups.retain(|g| !g.is_empty());
        // `% (SE)`, `% (SD)`: a spread is a mean's, so the % before it is that mean's unit (a
        // mean relative change, a mean share of days), not a share of the patients.
        for i in 1..groups.len() {
            if groups[i - 1] == [Slot::Percent]
                && matches!(groups[i].first(), Some(Slot::Spread(_)))
            {
                groups[i - 1][0] = Slot::Mean;
            }
        }
        let slots: usize = groups.iter().map(Vec::len).sum();
        (starts_with_name && slots >= 2 && groups.len() >= 2 || slots >= 2 && groups.len() == 1)
            .then_some(CellTemplate { groups })
            .filter(|t| t.is_layout())
    }

    /// A layout names a whole cell: at most one point per group, bounds after a point, a
    /// spread after a mean.
    fn is_layout(&self) -> bool {
        self.groups.iter().all(|g| {
            g.len() <= 3
                && g.windows(2).all(|w| {
                    !matches!(
                        (w[0], w[1]),
                        (Slot::P, _) | (Slot::Percent, Slot::Count | Slot::Mean)
                    )
                })
        }) && self.groups[0]
            .first()
            .is_some_and(|s| !matches!(s, Slot::Spread(_) | Slot::Bounds(_)))
    }

    /// Does the layout say something the bare `x (y)` form would read otherwise: a count or a
    /// percentage, or a p in the cell, or a spread and bounds in one bracket (`mean (SD;
    /// range)`: `3.5 (1.3; 0–6)`, which the bare form does not read at all)?
    ///
    /// ```
    /// use trialstats_documents::draft::cell_template::CellTemplate;
    /// let t = CellTemplate::of_label("Duration of AD, mean (SD; range), years").unwrap();
    /// assert!(t.decides_more_than_a_summary());
    /// assert!(!CellTemplate::of_label("Age, mean (SD)").unwrap().decides_more_than_a_summary());
    /// ```
    pub fn decides_more_than_a_summary(&self) -> bool {
        let spread_and_bounds = |g: &Vec<Slot>| {
            g.iter().any(|s| matches!(s, Slot::Spread(_)))
                && g.iter().any(|s| matches!(s, Slot::Bounds(_)))
        };
        self.groups
            .iter()
            .flatten()
            .any(|s| matches!(s, Slot::P | Slot::Count | Slot::Percent | Slot::Whole))
            || self.groups.iter().any(spread_and_bounds)
    }

    /// The layout of a column that prints a confidence interval and nothing else (headed `95%
    /// CI`, `95% CI of diff.`, `信頼区間`, beside the estimate's own column): its cells are the
    /// interval's bounds, however they are joined (`1.1–6.8`, `−0.3 to 1.7`). `None` for any
    /// other header ([`CellTemplate::of_label`] reads a whole cell's layout, which a lone
    /// interval is not).
    ///
    /// ```
    /// use trialstats_documents::draft::cell_template::CellTemplate;
    /// assert!(CellTemplate::of_interval_header("95% CI of diff.").is_some());
    /// assert!(CellTemplate::of_interval_header("95% CI for HR").is_some());
    /// assert!(CellTemplate::of_interval_header("Mean (95% CI)").is_none());
    /// assert!(CellTemplate::of_interval_header("HR (95% CI)").is_none());
    /// assert!(CellTemplate::of_interval_header("Clinic").is_none());
    /// ```
    pub fn of_interval_header(header: &str) -> Option<CellTemplate> {
        let h = header.to_lowercase();
        let words: Vec<&str> = h
            .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ','))
            .filter(|w| !w.is_empty())
            .collect();
        let names_ci = words.iter().any(|w| matches!(*w, "ci" | "95%ci" | "cri"))
            || h.contains("confidence interval")
            || h.contains("信頼区間");
        let qualifies = |w: &str| {
            matches!(
                w,
                "ci" | "95%ci"
                    | "cri"
                    | "of"
                    | "the"
                    | "for"
                    | "diff."
                    | "diff"
                    | "difference"
                    | "confidence"
                    | "interval"
                    | "change"
            ) || w.trim_end_matches('%').parse::<f64>().is_ok()
                || !w.is_ascii()
        };
        // A header opening with the interval's name and saying what it is of (`95% CI for
        // HR`, `95% CI for median PFS (months)`): the cells hold the interval alone, of a
        // value printed in another column.
        let opens_with_ci_of = words
            .iter()
            .position(|w| matches!(*w, "ci" | "95%ci" | "cri"))
            .is_some_and(|k| {
                words[..k].iter().all(|w| qualifies(w))
                    && words
                        .get(k + 1)
                        .is_some_and(|w| matches!(*w, "for" | "of" | "on"))
            });
        (names_ci && (opens_with_ci_of || words.iter().all(|w| qualifies(w)))).then(|| {
            CellTemplate {
                groups: vec![vec![Slot::Bounds(Bounds::Ci)]],
            }
        })
    }

    /// The numbers a group holds for each slot.
    fn width(slot: Slot) -> usize {
        if matches!(slot, Slot::Bounds(_)) {
            2
        } else {
            1
        }
    }

    /// Match a cell's numbers, grouped as it prints them, against the layout: each number's
    /// slot (the second bound of a pair gets the pair's slot too), or `None` when the cell
    /// has another shape. The cell may stop after any group: a reference arm has no p.
    pub fn assign(&self, cell_groups: &[Vec<Range<usize>>]) -> Option<Vec<(Slot, Range<usize>)>> {
        if cell_groups.is_empty() || cell_groups.len() > self.groups.len() {
            return None;
        }
        let mut out = Vec::new();
        for (slots, numbers) in self.groups.iter().zip(cell_groups) {
            let wanted: usize = slots.iter().map(|s| Self::width(*s)).sum();
            if wanted != numbers.len() {
                return None;
            }
            let mut k = 0;
            for slot in slots {
                for _ in 0..Self::width(*slot) {
                    out.push((*slot, numbers[k].clone()));
                    k += 1;
                }
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percent_before_a_spread_is_a_means_unit() {
        // `Drug, % (SE)` heads means of a relative change with their SEs: no percentage
        // of people, so nothing the bare `x (y)` reading would miss (a summary reads it).
        let t = CellTemplate::of_label("Drug 80 mg, % (SE)").expect("a layout");
        assert_eq!(t.groups, [vec![Slot::Mean], vec![Slot::Spread(Some("SE"))]]);
        assert!(!t.decides_more_than_a_summary());
        // `n (%)` keeps its percentage.
        let t = CellTemplate::of_label("n (%)").expect("a layout");
        assert!(t.decides_more_than_a_summary());
    }

    #[test]
    fn labels_declare_layouts() {
        let t = |l: &str| CellTemplate::of_label(l).map(|t| t.groups);
        assert_eq!(
            t("ACR50 model, % (p) *†"),
            Some(vec![vec![Slot::Percent], vec![Slot::P]])
        );
        assert_eq!(
            t("n/N (%)"),
            Some(vec![vec![Slot::Count, Slot::Whole], vec![Slot::Percent]])
        );
        assert_eq!(
            t("Median (IQR)"),
            Some(vec![
                vec![Slot::Median],
                vec![Slot::Bounds(Bounds::Quartiles)]
            ])
        );
        assert_eq!(
            t("LS mean (95% CI)"),
            Some(vec![vec![Slot::Mean], vec![Slot::Bounds(Bounds::Ci)]])
        );
        assert_eq!(
            t("例数（%）"),
            Some(vec![vec![Slot::Count], vec![Slot::Percent]])
        );
        // Measures' names with brackets are no layouts.
        for label in [
            "Body weight (kg)",
            "HbA1c (%)",
            "Week 12",
            "Placebo (N=36)",
            "P value",
        ] {
            assert_eq!(t(label), None, "{label}");
        }
    }

    #[test]
    fn a_cell_matches_the_layout_or_a_prefix_of_it() {
        let t = CellTemplate::of_label("n (%) (p)").unwrap();
        let g = |v: &[&[usize]]| -> Vec<Vec<Range<usize>>> {
            v.iter()
                .map(|g| g.iter().map(|&s| s..s + 1).collect())
                .collect()
        };
        let full = t.assign(&g(&[&[0], &[5], &[10]])).unwrap();
        assert_eq!(
            full.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            [Slot::Count, Slot::Percent, Slot::P]
        );
        assert_eq!(t.assign(&g(&[&[0], &[5]])).unwrap().len(), 2);
        assert!(t.assign(&g(&[&[0, 2], &[5]])).is_none());
        assert!(t.assign(&g(&[&[0], &[5], &[10], &[12]])).is_none());
    }
}
