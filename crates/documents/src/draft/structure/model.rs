//! The structure's types: the groups, the measures with their cells (a value placed in its
//! group and time point) and their comparison, as [`super::read_structure`] decides them.

use crate::draft::Item;
use crate::draft::cues;
use serde::Serialize;

/// One group (arm) of the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// As the text names it (`drug group`, `プラセボ群`).
    pub label: String,
    /// Its key: lower case, without articles and group nouns (`drug`).
    pub key: String,
    /// The index (in the items) of an n printed with the group, if any (its first: those
    /// randomised).
    pub n: Option<usize>,
    /// Where the text prints the group with several different n's (randomised, then
    /// analysed at each visit): each n with the time its sentence names before it, if any.
    /// A value then takes the n of its own time, or none.
    pub ns_by_time: Vec<(Option<String>, usize)>,
    /// A comparator (placebo, sham, vehicle, usual care, control).
    pub control: bool,
}

/// How [`Cell::n_evidence`] opens where the text prints no n for the cell although its group
/// has one (a row's n of all the groups together): the study file then writes the cell's n as
/// not reported, never the group's.
pub const N_NOT_PRINTED: &str = "not printed";

/// One summary placed in its measure: its group and time point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// The item (an index into the items).
    pub item: usize,
    /// Its group (an index into [`Structure::groups`]); `None`: the whole sample.
    pub group: Option<usize>,
    /// Its time point in the document's words; `None` when the text names none.
    pub time: Option<String>,
    /// The item holding its n, if the text gives one.
    pub n: Option<usize>,
    /// Where the n comes from, in words; where the text prints none for the cell although its
    /// group has one, why, opening with [`N_NOT_PRINTED`].
    pub n_evidence: Option<String>,
    /// For a share whose percentage is not its count of the cell's n, what its whole is
    /// instead (its section's sum, or none printed); `None`: the n (or the whole printed
    /// with it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub whole: Option<ShareWhole>,
}

/// The whole of a share whose percentage its count over the cell's n does not give
/// (`37 (36)` under `n = 106`: 37 of 106 is 34.9 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareWhole {
    /// The sum of the counts of its section's levels, whose percentages add to 100 and are
    /// each of that sum (1 + 7 + 37 + 41 + 17 = 103 patients with a grade).
    SectionSum(u64),
    /// A whole the text does not print (those with data): left for review.
    Unprinted,
}

impl Cell {
    /// Does the text print no n for this cell although its group has one ([`N_NOT_PRINTED`])?
    pub fn n_not_printed(&self) -> bool {
        self.n.is_none()
            && self
                .n_evidence
                .as_deref()
                .is_some_and(|e| e.starts_with(N_NOT_PRINTED))
    }

    /// The whole a share cell is of: the whole printed with it (`12 of 40`, `12/40 (30%)`),
    /// else the whole its section's counts give ([`Cell::whole`]), else the n the structure
    /// gave the cell (its column's, its group's where nothing else counts people between
    /// them), unless its percentage is of a whole the text does not print; as plain digits, with whether it was printed with the share, which may count
    /// fewer than the group's n (the patients with data). The one rule of the drafted
    /// `[[arm_counts]]` and of `check text`'s shares.
    pub fn share_whole(&self, items: &[Item]) -> Option<(String, bool)> {
        let parts = &items[self.item].parts;
        if let Some(of) = &parts.of {
            return Some((of.number.plain.clone(), true));
        }
        match self.whole {
            Some(ShareWhole::SectionSum(whole)) => return Some((whole.to_string(), false)),
            Some(ShareWhole::Unprinted) => return None,
            None => {}
        }
        self.given_n(items).map(|n| (n, false))
    }

    /// The n the structure gave the cell, as plain digits.
    pub fn given_n(&self, items: &[Item]) -> Option<String> {
        self.n
            .and_then(|j| items[j].parts.value.as_ref())
            .map(|v| v.number.plain.clone())
    }
}

/// How the summaries of a measure relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One group at two or more time points (decided by the text).
    TimeCourse,
    /// Two or more groups, each at the same time points.
    Arms,
    /// A single value.
    Single,
}

/// The document's comparison that follows a measure: a difference and its CI and p.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Comparison {
    pub difference: Option<usize>,
    pub ci: Option<usize>,
    pub p: Option<usize>,
}

impl Comparison {
    pub fn is_empty(&self) -> bool {
        self.difference.is_none() && self.ci.is_none() && self.p.is_none()
    }

    /// The items it holds.
    pub fn items(&self) -> Vec<usize> {
        [self.difference, self.ci, self.p]
            .into_iter()
            .flatten()
            .collect()
    }
}

/// A measure as the document reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    /// What is measured, in the text's words, when the text names it.
    pub label: Option<String>,
    /// The values are changes (`fell by`, `change from baseline`, `変化量`).
    pub change: bool,
    pub shape: Shape,
    /// For a time course, in time order; for arms, arm by arm, each arm's time points in order.
    pub cells: Vec<Cell>,
    /// The sentence it stands in (its first).
    pub sentence: usize,
    /// The comparison printed after it.
    pub comparison: Comparison,
    /// Why the structure was read so, in words.
    pub evidence: Vec<String>,
    /// What a person must confirm.
    pub review: Vec<String>,
    /// What the text says the spread is (`SD`, `SEM`) where the values do not say it
    /// themselves, and where it says so.
    pub spread_label: Option<(&'static str, String)>,
    /// The values are printed as the size of a fall (`fell by 4.1`) and are the changes' negatives
    /// (the change is −4.1): why the text decides so. `None`: the values are written as printed.
    pub negated: Option<String>,
    /// The label of the table's section row the measure's row stands under (`Race, n (%)`
    /// over `White`, `Black`), whose levels may share out its patients.
    #[serde(skip)]
    pub section: Option<String>,
    /// Medians of an outcome whose means the table prints too, for the same groups: why the
    /// outcome is compared by its means. The arms stand (they are the document's), but the
    /// study file keeps the medians as facts, so that `report` never converts them to means
    /// beside the printed ones.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beside_its_means: Option<String>,
}

impl Measure {
    /// A measure of `shape` from `cells` in `sentence`, read so for the reason `evidence`
    /// gives: no label, not changes, no comparison, nothing to review, no spread named, values
    /// as printed. The readers set what they know with struct update syntax
    /// (`Measure { label, ..Measure::new(…) }`).
    pub fn new(shape: Shape, sentence: usize, cells: Vec<Cell>, evidence: String) -> Measure {
        Measure {
            label: None,
            change: false,
            shape,
            cells,
            sentence,
            comparison: Comparison::default(),
            evidence: vec![evidence],
            review: Vec::new(),
            spread_label: None,
            negated: None,
            section: None,
            beside_its_means: None,
        }
    }

    /// The arms of an [`Shape::Arms`] measure, in order, each with its cells.
    pub fn arms(&self) -> Vec<(Option<usize>, Vec<&Cell>)> {
        let mut out: Vec<(Option<usize>, Vec<&Cell>)> = Vec::new();
        for c in &self.cells {
            match out.iter_mut().find(|(g, _)| *g == c.group) {
                Some((_, v)) => v.push(c),
                None => out.push((c.group, vec![c])),
            }
        }
        out
    }
}

/// The structure of a document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Structure {
    pub groups: Vec<Group>,
    /// Summaries of a sample (mean ± spread, median with its IQR or range) placed in their
    /// measure, group and time point.
    pub measures: Vec<Measure>,
    /// Shares of people (a percentage, a count of a whole: `12 (30%)`, `12/40`) each group
    /// reports of one outcome or characteristic, placed so: each a measure whose cells are
    /// percent or count items. Kept apart from [`Structure::measures`], whose readers take
    /// every cell for a mean or a median.
    pub shares: Vec<Measure>,
    /// The one number of people a single-group document states, if it states one.
    pub document_n: Option<usize>,
    /// What the document says ± is, where every statement of it names one spread: the spread
    /// and the line of its first statement.
    pub document_spread: Option<(&'static str, usize)>,
    /// The line where the document says its arms are the same patients (a crossover, a
    /// within-subject design): two arms' values are then paired, not two samples.
    pub within_patients: Option<usize>,
    /// The line where the document says its p-values come from a rank test (Wilcoxon,
    /// Mann–Whitney): such a p is no t test's and cannot tell what a ± is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank_test: Option<usize>,
    /// Items the structure places (summaries, and the n, p, CI and differences it attaches).
    #[serde(skip)]
    pub placed: Vec<bool>,
    /// The abbreviations the document defines for its groups in a bracket after their names
    /// (`the tracheal intubation group (TT, n = 100)`): each abbreviation's group key and the
    /// group it names (`group_index` gives that group for the abbreviation).
    #[serde(skip)]
    pub abbreviations: Vec<(String, usize)>,
    /// The names the document declares its arms by with no group noun, as what they were
    /// given (`randomized to receive NOL or DOX`, `F法とA法を…比較`): printed again by a value,
    /// each names that value's arm.
    #[serde(skip)]
    pub arms_by_treatment: Vec<String>,
}

/// Is `word` one of the names a table gives its stub column (`Outcome`, `Variables`,
/// `Measure`, `Parameter`, `Endpoint`, `Item`, `Assessment`, `Characteristics`)?
pub(super) fn is_stub_word(word: &str) -> bool {
    matches!(
        word.to_lowercase().trim_end_matches([':', ',']),
        "outcome"
            | "outcomes"
            | "variable"
            | "variables"
            | "characteristic"
            | "characteristics"
            | "measure"
            | "measures"
            | "parameter"
            | "parameters"
            | "endpoint"
            | "endpoints"
            | "item"
            | "items"
            | "assessment"
            | "demographic"
            | "demographics"
            | "variable/group"
    )
}

/// `name` without the leading words that name a table's stub column (`Outcome`, `Variable`,
/// `Characteristic`, `Endpoint`, …): a header printed on one line runs the stub's name into
/// the first group's (`Outcome Placebo (n = 30) Drug (n = 31)`), and no group is named so.
pub(super) fn without_stub_name(name: &str) -> &str {
    let mut rest = name.trim_start();
    while let Some((word, after)) = rest.split_once(char::is_whitespace) {
        if !is_stub_word(word) {
            break;
        }
        rest = after.trim_start();
    }
    // The stub's word with what it measures (`Measure of Symptomatic Response 10-Day Group`):
    // the phrase runs to a group named by its number (a dose, a duration), which opens with
    // a digit.
    if rest.len() < name.trim_start().len() {
        if let Some(phrase) = rest
            .strip_prefix("of ")
            .or_else(|| rest.strip_prefix("for "))
        {
            let numbered = phrase
                .split_whitespace()
                .take(6)
                .find(|w| w.starts_with(|c: char| c.is_ascii_digit()));
            if let Some(w) = numbered {
                // `w` is a slice of `phrase`: its offset there.
                let at = w.as_ptr() as usize - phrase.as_ptr() as usize;
                return &phrase[at..];
            }
        }
    }
    // The stub's word after its qualifier (`Physiological parameters`, `Clinical
    // characteristics`, `Secondary outcomes`): both words are the stub's.
    if let Some((qualifier, after)) = rest.split_once(char::is_whitespace) {
        if let Some((word, names)) = after.trim_start().split_once(char::is_whitespace) {
            if qualifier.chars().all(char::is_alphabetic) && is_stub_word(word) {
                return names.trim_start();
            }
        }
    }
    rest
}

/// `name` after a stub's name glued to it by a copy that lost the cell border (`Measure2
/// weeks` → `2 weeks`, `OutcomesPlacebo` → `Placebo`): the stub word then runs straight into
/// a digit or a capital. None where `name` starts with no such word.
pub(super) fn without_glued_stub_name(name: &str) -> Option<&str> {
    let name = name.trim_start();
    let split = name
        .char_indices()
        .skip(1)
        .find(|&(_, c)| c.is_ascii_digit() || c.is_uppercase())?
        .0;
    let (word, rest) = name.split_at(split);
    (word.chars().all(char::is_alphabetic) && is_stub_word(word)).then_some(rest)
}

/// `name` without a footnote's number that the copy moved from the header cell before it
/// (`All participants (n = 317)2 PC-T (n = 101)` cut after the first bracket: `2 PC-T`): one
/// or two digits and a space before an abbreviation's capitals, which no dose or time is
/// written as (`2 mg`, `3 months`); or a footnote's mark glued before it (`*Combined drug`).
/// `name` itself otherwise.
pub(super) fn without_leading_footnote_number(name: &str) -> &str {
    let name = name.trim_start();
    // A footnote's mark left before the name where the cell before it lost its space (`n =
    // 123*Combined drug`: the mark is the n's): no group's name opens with one.
    let unmarked = name.trim_start_matches(['*', '†', '‡', '§', '¶']);
    if unmarked.len() < name.len() && unmarked.starts_with(char::is_alphabetic) {
        return unmarked;
    }
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    let Some(rest) = name[digits..].strip_prefix(' ') else {
        return name;
    };
    let first_word = rest.split_whitespace().next().unwrap_or("");
    let capitals = first_word.chars().filter(char::is_ascii_uppercase).count();
    if (1..=2).contains(&digits) && capitals >= 2 {
        rest
    } else {
        name
    }
}

/// The group index for `(label, key)`, added if new. A table's stub name run into the label
/// is left out of both ([`without_stub_name`], [`without_glued_stub_name`]), as a footnote's
/// number moved before it ([`without_leading_footnote_number`]).
pub(super) fn group_index(s: &mut Structure, label: &str, key: &str) -> usize {
    let stripped = without_glued_stub_name(label).unwrap_or(label);
    let stripped = without_stub_name(without_leading_footnote_number(stripped));
    let (label, key) = if stripped.len() < label.trim_start().len() && !stripped.is_empty() {
        (stripped, cues::group_key(stripped))
    } else {
        (label, key.to_string())
    };
    let key = key.as_str();
    if let Some(i) = s.groups.iter().position(|g| g.key == key) {
        return i;
    }
    if let Some(&(_, i)) = s.abbreviations.iter().find(|(k, _)| k == key) {
        return i;
    }
    // A table keys its columns by their words as printed (`プラセボ群`), a sentence by the
    // group's words without the group noun (`プラセボ`): one group either way.
    let named = cues::group_key(label);
    if let Some(i) = s
        .groups
        .iter()
        .position(|g| !named.is_empty() && cues::group_key(&g.label) == named)
    {
        return i;
    }
    s.groups.push(Group {
        label: label.to_string(),
        key: key.to_string(),
        n: None,
        ns_by_time: Vec::new(),
        control: cues::is_control(label),
    });
    s.groups.len() - 1
}
