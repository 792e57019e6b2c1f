//! The document's structure: which group (arm), which measure and which time point every
//! summary belongs to, with the evidence for it, decided from the text and its layout.
//!
//! The recognisers ([`super::read_document`]) find numbers; this layer reads the document
//! they sit in, so that the study file, `check text` and the page read the same decisions:
//!
//! - **in running text**, each mean ± spread or median is read with the words around it
//!   ([`super::cues`]): a group phrase or a time phrase right after a value (`4.1 ± 0.5 in the
//!   drug group`, `9.8 ± 2.7 after six months`) belongs to that value, one before it (`In the
//!   placebo group, …`, `実薬群で…`, `At week 12 …`) to the values that follow. Two
//!   consecutive values are then
//!   - **time points of one measure** when a transition joins them (`from A to B`, `A → B`,
//!     `A から B に`) or each names a different time of the same group;
//!   - **arms of one measure** when each names a different group, or `vs` joins them; a
//!     `respectively` list gives its values the groups named together, in order (also where
//!     each slot of the list is closed by its own time: `6.0 and 6.5 on the first day, … in
//!     the zinc and control groups respectively`), and a pair after a comparative word is the
//!     subject's then the comparator's where the numbers agree with the word (`lower BP (124
//!     versus 132) compared to the placebo group`);
//!   - **different measures** when a content word stands between them that is no group, time,
//!     unit or function word (`age 52.3 ± 11.0 years and disease duration 6.1 ± 4.2`);
//!   - **undecided** otherwise: each stays a single value, marked for review, and nothing
//!     downstream pairs them.
//! - **in a table**, the header names the columns: a column whose header is not a statistic
//!   (p, difference, CI, total) is a group, its `N = 120` that group's n; a row labelled with a
//!   time (`Baseline`, `Week 21`) is a time point of the measure named by the section row above
//!   it, any other row label a measure of its own; a row that is a change (`change from
//!   baseline`) is a measure of changes.
//! - **the n** of a value: printed with it (`(n = 60)`), with its group (`placebo (n = 104)`,
//!   a column's `N = 120`; where the group is printed with several n's, randomised and then
//!   analysed at each visit, the n printed for the value's own time, else none), or, in a
//!   document with one group, the one number of people it states (`Twelve patients were
//!   treated`; counts in a bracket after an n break it down and are no other sample), unless
//!   a later, smaller sample is printed with its own summary (`299名に送付 … 107名(平均年齢
//!   79.4±5.5歳)が参加`): samples narrow as a report goes, and that n is left open.
//! - **what ± is**: printed with the value (`5.1 ± 1.7 (SD)`), said in its sentence or its
//!   table's header, or else said by the document once (`Data are mean ± SD`) where it never
//!   names another spread.
//! - **the comparison**: after the arms of a measure, a `difference` and its CI and p; after a
//!   time course, the p of its change.
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | [`read_structure`]: the document read sentence by sentence, table by table |
//! | `model.rs` | the types: [`Structure`], [`Group`], [`Measure`], [`Cell`], [`Shape`], [`Comparison`] |
//! | `sentence.rs` | running text: the words around each value, the n, the comparison |
//! | `table.rs` | tables: the header's columns, the rows' labels |
//! | `header_words.rs` | what a table's header and row labels name: a group, a statistic, a time, the stub of groups |
//! | `measure_columns.rs` | tables whose rows are the groups and whose columns the measures, times as section rows |
//! | `row_groups.rs` | tables no table model takes whose rows are the groups: names repeating under every measure, a header of times |
//! | `declared_arms.rs` | the arms a document declares by what it gives them, with no group noun (`randomized to receive NOL or DOX`) |
//! | `share_wholes.rs` | the whole each share is of, checked against its printed percentage: the column's n, its section's sum, or open |
//! | `grid_columns.rs` | tables no table model takes whose columns are each group's times: a line of groups over their times repeated |

mod declared_arms;
mod grid_columns;
mod header_words;
mod measure_columns;
mod model;
mod row_groups;
mod sentence;
mod share_wholes;
mod table;

pub use model::{Cell, Comparison, Group, Measure, N_NOT_PRINTED, Shape, ShareWhole, Structure};

use crate::draft::{Item, Sentences, cues};

/// The words that say a document's arms are the same patients: a crossover, a
/// within-subject or self-controlled design, or one eye against the other (`timolol in one
/// eye and placebo in the other eye`, `the fellow eye`, `split-mouth`).
const WITHIN_PATIENTS: [&str; 14] = [
    "crossover",
    "cross-over",
    "crossed over",
    "within-subject",
    "within-patient",
    "within-participant",
    "self-controlled",
    "the other eye",
    "fellow eye",
    "fellow-eye",
    "contralateral eye",
    "split-mouth",
    "split-face",
    "クロスオーバー",
];

/// The words that say a document's p-values come from a rank test (Wilcoxon, Mann–Whitney,
/// Kruskal–Wallis, a rank-sum or `U` test, `順位和`, `ウィルコクソン`, `マン・ホイットニー`): such a p
/// is no t test's, so it cannot tell what a ± is.
const RANK_TESTS: [&str; 14] = [
    "wilcoxon",
    "mann-whitney",
    "mann–whitney",
    "mann whitney",
    "kruskal",
    "rank-sum",
    "rank sum",
    "u test",
    "u-test",
    "順位和",
    "ウィルコクソン",
    "ウイルコクソン",
    "マン・ホイットニー",
    "マンホイットニー",
];

/// The line (from 1) of the first place where `lower` (a document in lower case) prints one
/// of `words`.
fn first_line_naming(lower: &str, words: &[&str]) -> Option<usize> {
    let at = words.iter().filter_map(|w| lower.find(w)).min()?;
    Some(lower[..at].matches('\n').count() + 1)
}

/// Two groups or more, each named with its n: a number that is a group's n is no sample's
/// (`The intervention group (n = 30) … the control group (n = 30)`: 30 twice, no study of 30).
/// Where the document's n was such a number, it is read again without the groups' n's.
fn document_n_beside_groups(doc: &Sentences, items: &[Item], s: &mut Structure) {
    let groups_ns: Vec<usize> = s.groups.iter().filter_map(|g| g.n).collect();
    if groups_ns.len() >= 2 && s.document_n.is_some_and(|d| groups_ns.contains(&d)) {
        s.document_n = sentence::document_n(doc, items, &groups_ns);
    }
}

/// The structure of a document from its items.
///
/// ```
/// use trialstats_documents::draft::read_document;
/// use trialstats_documents::draft::sentences::Sentences;
/// use trialstats_documents::draft::structure::{Shape, read_structure};
/// // Two groups named with their values are two arms, never two time points; a transition
/// // ("from … to") in one group is a time course; an age and a dose are two measures.
/// let shapes = |text: &str| {
///     let doc = Sentences::new(text);
///     let items = read_document(&doc);
///     read_structure(&doc, &items).measures.iter().map(|m| m.shape).collect::<Vec<_>>()
/// };
/// assert_eq!(shapes("HbA1c fell by 1.2 ± 0.3 in the drug group vs 0.4 ± 0.3 in the placebo group."), [Shape::Arms]);
/// assert_eq!(shapes("In the 12 patients, QMG improved from 14.2 ± 3.1 to 9.8 ± 2.7."), [Shape::TimeCourse]);
/// assert!(!shapes("Mean age was 52.3 ± 11.0 years and the mean dose 6.1 ± 4.2 mg.").contains(&Shape::TimeCourse));
/// ```
///
/// ```
/// use trialstats_documents::draft::{read_document, structure::{read_structure, Shape}, Sentences};
/// // A two-arm sentence: each value names its group, so they are the arms of one measure;
/// // the placebo group is the comparator.
/// let doc = Sentences::new("EDSS was 4.1 ± 0.5 in the drug group and 5.2 ± 0.6 in the placebo group.");
/// let s = read_structure(&doc, &read_document(&doc));
/// assert_eq!((s.measures.len(), s.measures[0].shape), (1, Shape::Arms));
/// let groups: Vec<(&str, bool)> = s.groups.iter().map(|g| (g.key.as_str(), g.control)).collect();
/// assert_eq!(groups, [("drug", false), ("placebo", true)]);
/// ```
///
/// ```
/// use trialstats_documents::draft::{read_document, structure::{read_structure, Shape}, Sentences};
/// // A before/after sentence: "from ... to" joins two time points of one group, and the
/// // first is the baseline.
/// let doc = Sentences::new("EDSS improved from 5.1 ± 1.7 at baseline to 4.1 ± 1.6 after one year.");
/// let s = read_structure(&doc, &read_document(&doc));
/// let edss = &s.measures[0];
/// assert_eq!((s.measures.len(), edss.shape, edss.cells.len()), (1, Shape::TimeCourse, 2));
/// assert!(s.groups.is_empty()); // one group: the whole sample
/// ```
pub fn read_structure(doc: &Sentences, items: &[Item]) -> Structure {
    let mut s = Structure {
        placed: vec![false; items.len()],
        ..Default::default()
    };
    // Values per eye or knee of fewer patients: neither count is the document's n.
    let units_of_patients = sentence::units_of_patients(doc.original);
    if units_of_patients.is_none() {
        s.document_n = sentence::document_n(doc, items, &[]);
    }
    let lower = doc.original.to_lowercase();
    s.within_patients = first_line_naming(&lower, &WITHIN_PATIENTS);
    s.rank_test = first_line_naming(&lower, &RANK_TESTS);
    s.arms_by_treatment = declared_arms::arms_declared_by_treatment(doc.original);
    sentence::group_ns(doc, items, &mut s);
    s.abbreviations = sentence::abbreviations_of_groups(doc.original, &s.groups);
    if units_of_patients.is_none() {
        document_n_beside_groups(doc, items, &mut s);
    }
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); doc.sentences.len()];
    for (i, item) in items.iter().enumerate() {
        if item.sentence < by_sentence.len() {
            by_sentence[item.sentence].push(i);
        }
    }
    // Tables are read whole, as the one table model finds them, where their first row
    // stands; every other sentence (a paragraph in a cell included) as running text.
    let tables = crate::draft::table::Tables::find(doc.original);
    let mut table_read = vec![false; tables.tables.len()];
    // Rows of groups that no table model takes are read first; the sentences keep the rest.
    let mut taken = vec![false; items.len()];
    for i in row_groups::read_row_groups(doc, items, |at| tables.index_at(at).is_some(), &mut s) {
        taken[i] = true;
    }
    let in_table = |at| tables.index_at(at).is_some();
    for i in grid_columns::read_grid_columns(doc, items, in_table, &taken, &mut s) {
        taken[i] = true;
    }
    for (si, members) in by_sentence.iter().enumerate() {
        let kept: Vec<usize> = members.iter().copied().filter(|&i| !taken[i]).collect();
        if kept.len() < members.len() && !kept.iter().any(|&i| items[i].kind.is_summary()) {
            continue;
        }
        let members = &kept;
        let span = doc.sentences[si].span.clone();
        if let Some(t) = tables.index_at(span.start) {
            if !table_read[t] {
                table::read_table(doc, items, &tables.tables[t], &mut s);
                table_read[t] = true;
            }
            continue;
        }
        // A table found by how its lines print values (no `|` or tabs) may stand inside a
        // sentence that opens with its caption: the table is read as a table, the words
        // around it as running text.
        let inside: Vec<usize> = tables.starting_in(span.clone()).collect();
        if !inside.is_empty() {
            for &t in &inside {
                if !table_read[t] {
                    table::read_table(doc, items, &tables.tables[t], &mut s);
                    table_read[t] = true;
                }
            }
            let outside: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&i| tables.index_at(items[i].span[0]).is_none())
                .collect();
            if !outside.is_empty() {
                sentence::read_sentence(doc, items, si, &outside, &mut s);
                sentence::read_sentence_shares(doc, items, si, &outside, &mut s);
            }
            continue;
        }
        // Cells set apart by `|` or tabs that no table takes (a transposed table's cells
        // joined into one sentence) are neither a table's row nor running text: not read.
        let text = &doc.original[doc.sentences[si].span.clone()];
        if crate::draft::sentences::is_table_row(text) && !crate::draft::table::is_prose_row(text) {
            continue;
        }
        sentence::read_sentence(doc, items, si, members, &mut s);
        sentence::read_sentence_shares(doc, items, si, members, &mut s);
    }
    check_what_was_placed(doc, items, &lower, &mut s);
    if let Some((words, people)) = units_of_patients {
        review_units_of_patients(items, &words, people, &mut s);
    }
    s.document_spread = sentence::document_spread(doc, items);
    if let Some((kind, line)) = s.document_spread {
        for m in s.measures.iter_mut().filter(|m| m.spread_label.is_none()) {
            m.spread_label = Some((
                kind,
                format!("the document says ± is {kind} (line {line}) and names no other spread"),
            ));
        }
    }
    s
}

/// What the readers placed, checked against the rest of the document: each group's n printed
/// once for all, values in different units, arms that make no grid (or a time course two
/// values at one time), the document's n where arms or fewer people later leave it open, and
/// each share's whole. `lower`: the document in lower case.
fn check_what_was_placed(doc: &Sentences, items: &[Item], lower: &str, s: &mut Structure) {
    each_groups_n(doc, items, s);
    controls_named_in_a_legend(doc, s);
    controls_named_as_the_comparator(doc, s);
    split_by_unit(doc, items, s);
    split_incoherent_arms(s);
    shares_that_split_the_sample(doc, items, s);
    no_document_n_across_arms(doc, items, s);
    no_document_n_after_fewer_people(items, s);
    no_groups_n_for_a_subgroup(doc, items, s);
    no_groups_n_below_its_counts(items, s);
    negative_at_every_time_are_changes(items, s);
    medians_beside_their_means(items, s);
    share_wholes::check_share_wholes(lower, items, s);
}

/// A sentence opening with a subgroup of the sample by sex or age (`In men, the reduction …
/// was greater with the intervention compared with usual care (−1.6 [0.6] vs 0.1 [0.6])`)
/// prints the subgroup's values: an n printed in another sentence (the arm's, the sample's)
/// is not theirs. Only an n printed in the sentence itself stays.
fn no_groups_n_for_a_subgroup(doc: &Sentences, items: &[Item], s: &mut Structure) {
    for m in s.measures.iter_mut().chain(s.shares.iter_mut()) {
        for cell in &mut m.cells {
            let sentence = items[cell.item].sentence;
            let Some(j) = cell.n else { continue };
            if items[j].sentence == sentence {
                continue;
            }
            let Some(sub) = doc
                .sentences
                .get(sentence)
                .and_then(|st| cues::opens_with_subgroup(&st.quote))
            else {
                continue;
            };
            cell.n = None;
            cell.n_evidence = Some(format!(
                "{N_NOT_PRINTED}: the sentence's values are of the subgroup '{sub}', whose number the text does not print (the n on line {} is of another sample)",
                doc.plain.line_of(items[j].span[0])
            ));
        }
    }
}

/// A group named by an abbreviation the document's legend expands to a comparator (`RPC` in a
/// table's header, `RPC, routine perinatal care` in its footnote) is a comparator too, as its
/// name written out would be. (Only where no group is one already: the text's own comparator
/// is never moved.)
fn controls_named_in_a_legend(doc: &Sentences, s: &mut Structure) {
    if s.groups.iter().any(|g| g.control) {
        return;
    }
    for g in &mut s.groups {
        let name = g.label.trim();
        let abbreviation = name.len() <= 12
            && name.chars().filter(char::is_ascii_uppercase).count() >= 2
            && !name.contains(char::is_whitespace);
        if abbreviation
            && cues::expansions_of(doc.original, name)
                .iter()
                .any(|e| cues::is_control(e))
        {
            g.control = true;
        }
    }
}

/// A group the design sentence names as the comparator, whatever its words (`トラニラスト(T群)を
/// 対照薬とする`, `with drug B (group B) as the active comparator`): the control, where no group
/// is one by its words and exactly one group is named so.
fn controls_named_as_the_comparator(doc: &Sentences, s: &mut Structure) {
    static AS_CONTROL: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let as_control = AS_CONTROL.get_or_init(|| {
        regex::Regex::new(
            r"(?i)^[)）]?\s*(?:を\s*(?:比較)?対照|as\s+(?:the\s+|an?\s+)?(?:active\s+)?(?:control|comparator|reference)\b)",
        )
        .expect("a valid pattern")
    });
    if s.groups.iter().any(|g| g.control) {
        return;
    }
    let named: Vec<usize> = (0..s.groups.len())
        .filter(|&g| {
            let label = s.groups[g].label.trim();
            !label.is_empty()
                && doc
                    .original
                    .match_indices(label)
                    .any(|(at, _)| as_control.is_match(&doc.original[at + label.len()..]))
        })
        .collect();
    if let [one] = named[..] {
        s.groups[one].control = true;
    }
}

/// Medians of an outcome whose means the table prints too, for the same groups (`Mean (SD)`
/// and `Median (IQR)` rows under one section, `EQ-5D-5L VAS`): the outcome's comparison is the
/// means', so the medians are marked ([`Measure::beside_its_means`]) and the study file keeps
/// them as facts, never a second set of arms that `report` would convert to means (Wan et al.
/// 2014) and compare beside the printed ones (the forty-fourth trial: a converted SMD of 0.42
/// drawn where the printed means were equal).
fn medians_beside_their_means(items: &[Item], s: &mut Structure) {
    let all = |m: &Measure, medians: bool| {
        m.shape == Shape::Arms
            && !m.cells.is_empty()
            && m.cells.iter().all(|c| {
                let median = matches!(
                    items[c.item].kind,
                    crate::draft::ItemKind::MedianIqr | crate::draft::ItemKind::MedianRange
                );
                median == medians && items[c.item].kind.is_summary()
            })
    };
    let groups = |m: &Measure| {
        let mut g: Vec<Option<usize>> = m.cells.iter().map(|c| c.group).collect();
        g.sort_unstable();
        g
    };
    // The outcome: the section row's label, or the measure's label without the bracket
    // naming its statistic (`EQ-5D-5L VAS (Mean (SD))`, a row `Mean (SD)` under the section).
    let outcome = |m: &Measure| -> Option<String> {
        m.section.clone().or_else(|| {
            let label = m.label.as_deref()?.trim();
            let inner = label.strip_suffix(')')?;
            let mut depth = 0;
            let open = inner.char_indices().rev().find_map(|(k, c)| match c {
                ')' => {
                    depth += 1;
                    None
                }
                '(' if depth == 0 => Some(k),
                '(' => {
                    depth -= 1;
                    None
                }
                _ => None,
            })?;
            let statistic = inner[open + 1..].to_lowercase();
            (statistic.contains("mean") || statistic.contains("median"))
                .then(|| label[..open].trim().to_string())
                .filter(|stem| !stem.is_empty())
        })
    };
    let beside: Vec<bool> = s
        .measures
        .iter()
        .map(|m| {
            let Some(key) = outcome(m).filter(|_| all(m, true)) else {
                return false;
            };
            s.measures.iter().any(|other| {
                all(other, false)
                    && outcome(other).as_ref() == Some(&key)
                    && groups(other) == groups(m)
            })
        })
        .collect();
    for (k, beside) in beside.into_iter().enumerate() {
        if beside {
            let why = format!(
                "the medians of `{}`, whose means the table prints for the same groups: that outcome is compared by its means, not by medians converted to means",
                outcome(&s.measures[k]).unwrap_or_default()
            );
            s.measures[k].beside_its_means = Some(why);
        }
    }
}

/// Arms whose means are below zero at every time, none of those times a start (`Week 3`,
/// `Week 10` under `HAMD-17, mean (SD)`: no baseline, week 0 or `before`): a table prints
/// each arm's change from a baseline it does not print (its rows of changes under a section
/// that names only the scale, beside a row headed `score changes`). Read as changes, the
/// first printed time is no baseline, and no change between the printed times is made of
/// them; a measure whose levels fall below zero (a T-score) loses only that change.
fn negative_at_every_time_are_changes(items: &[Item], s: &mut Structure) {
    let a_start =
        |t: &str| cues::is_baseline(t) || t.split(|c: char| !c.is_alphanumeric()).any(|w| w == "0");
    for m in s.measures.iter_mut() {
        if m.shape != Shape::Arms || m.change || m.negated.is_some() {
            continue;
        }
        let times: Vec<&str> = m.cells.iter().filter_map(|c| c.time.as_deref()).collect();
        let mut distinct = times.clone();
        distinct.sort_unstable();
        distinct.dedup();
        if times.len() < m.cells.len() || distinct.len() < 2 || times.iter().any(|t| a_start(t)) {
            continue;
        }
        let below_zero = |c: &Cell| {
            items[c.item]
                .parts
                .mean
                .as_ref()
                .is_some_and(|p| p.number.value < 0.0)
        };
        if m.cells.iter().all(below_zero) {
            m.change = true;
            m.evidence.push(format!(
                "every arm's mean is below zero at each of its times ({}), none of them a baseline: each arm's change from a baseline the document does not print",
                distinct.join(", ")
            ));
        }
    }
}

/// A group's n is at least every count of it the document prints: `プラセボ群62例中6例` and
/// later `投与中止に至った副作用は、プラセボ群1例(炎症)` (those who stopped, a count of events
/// among the group) leave the group's n at 62, never 1. Where a share of the group counts
/// more patients than the n taken for it, or prints its whole (`62例中`) above that n (a
/// share printed with its percentage), the n
/// is a count of some event, not the group's size: it is taken back, and the group's n is
/// left to the shares' own wholes.
fn no_groups_n_below_its_counts(items: &[Item], s: &mut Structure) {
    let value = |printed: &Option<crate::draft::Printed>| printed.as_ref().map(|p| p.number.value);
    for g in 0..s.groups.len() {
        let Some(j) = s.groups[g].n else { continue };
        let Some(n) = value(&items[j].parts.value) else {
            continue;
        };
        let exceeded = s
            .shares
            .iter()
            .flat_map(|m| &m.cells)
            .filter(|c| c.group == Some(g) && c.item != j)
            .any(|c| {
                let parts = &items[c.item].parts;
                // Only a share printed with its percentage: a column of events prints none
                // (and may exceed the patients), nor does a dose misread as one (`one of 250
                // mg`).
                parts.value.is_some()
                    && (value(&parts.count).is_some_and(|k| k > n)
                        || value(&parts.of).is_some_and(|w| w > n))
            });
        if exceeded {
            s.groups[g].n = None;
            for c in s
                .measures
                .iter_mut()
                .chain(s.shares.iter_mut())
                .flat_map(|m| m.cells.iter_mut())
            {
                if c.n == Some(j) {
                    (c.n, c.n_evidence) = (None, None);
                }
            }
        }
    }
}

/// A document of two arms or more of different patients (it names two groups, or says it
/// allocates its patients to arms: [`cues::allocation_to_arms`]; not a crossover, whose
/// arms are each of all its patients) states one number of people that counts every arm: no
/// value printed without its group is of it, whichever sentence named the groups first (a
/// value read before the groups were named took it). Such a value's n is left open, for review.
fn no_document_n_across_arms(doc: &Sentences, items: &[Item], s: &mut Structure) {
    let Some(document) = s.document_n else {
        return;
    };
    let allocated = cues::allocation_to_arms(doc.original);
    // Arms of the same patients (a crossover, one eye against the other) each count them all.
    if s.within_patients.is_some() || s.groups.len() < 2 && allocated.is_none() {
        return;
    }
    let why = match allocated {
        Some(at) if s.groups.len() < 2 => format!(
            "the document allocates its patients to arms (line {}): its number of patients ('{}') counts them all; say which arm(s) this value is of, and their n",
            doc.original[..at].matches('\n').count() + 1,
            items[document].text.trim()
        ),
        _ => format!(
            "the document names {} groups: its number of patients ('{}') counts them all; say which group this value is of, and its n",
            s.groups.len(),
            items[document].text.trim()
        ),
    };
    for m in s.measures.iter_mut().chain(s.shares.iter_mut()) {
        let mut taken = false;
        for c in m.cells.iter_mut().filter(|c| c.group.is_none()) {
            taken |= take_document_n(c, document);
        }
        if taken {
            m.review.push(why.clone());
        }
    }
}

/// Take back the document's number of patients `document` from `c` where it was given for
/// want of any other n (a sentence naming its own sample, `the mean age of all 59 patients`,
/// still gives it): whether it was.
fn take_document_n(c: &mut Cell, document: usize) -> bool {
    let for_want_of_another = c
        .n_evidence
        .as_deref()
        .is_some_and(|e| e.starts_with(sentence::DOCUMENT_N_EVIDENCE));
    let taken = c.n == Some(document) && for_want_of_another;
    if taken {
        (c.n, c.n_evidence) = (None, None);
    }
    taken
}

/// A document that prints fewer people after its number of patients (`女性35名` and then
/// `実施できたのは33名`, `1年後の調査に参加した者は31名`: those who finished, those followed up)
/// leaves open how many a later time's value is of: the document's n stays on a time course's
/// first value only, and the later ones are left for review. A group's n is no such count.
fn no_document_n_after_fewer_people(items: &[Item], s: &mut Structure) {
    let Some(document) = s.document_n else {
        return;
    };
    let value =
        |j: usize| -> Option<u64> { items[j].parts.value.as_ref()?.number.plain.parse().ok() };
    let Some(all) = value(document) else {
        return;
    };
    let groups_ns: Vec<usize> = s.groups.iter().filter_map(|g| g.n).collect();
    // The sentence says the fewer finished, stayed, dropped out or were followed up; another
    // sample (`新規28名`, `another 25 patients`) is no count of these patients at a later time.
    let of_the_follow_up = |quote: &str| {
        let q = quote.to_lowercase();
        [
            "complet",
            "finish",
            "follow",
            "remain",
            "retain",
            "drop",
            "withdr",
            "lost to",
            "完了",
            "実施でき",
            "参加した",
            "継続",
            "脱落",
            "ドロップアウト",
            "中止",
            "追跡",
        ]
        .iter()
        .any(|w| q.contains(w))
    };
    let fewer: Vec<&str> = items
        .iter()
        .enumerate()
        .filter(|&(j, i)| {
            i.kind == crate::draft::ItemKind::N
                && j > document
                && !groups_ns.contains(&j)
                && value(j).is_some_and(|v| v >= 2 && v < all)
                && of_the_follow_up(&i.quote)
        })
        .map(|(_, i)| i.text.trim())
        .collect();
    if fewer.is_empty() {
        return;
    }
    let why = format!(
        "the document prints fewer people after its {} ({}): how many this time's value is of is not said",
        items[document].text.trim(),
        fewer.join(", ")
    );
    for m in s
        .measures
        .iter_mut()
        .filter(|m| m.shape == Shape::TimeCourse)
    {
        let mut taken = false;
        for c in m.cells.iter_mut().skip(1) {
            taken |= take_document_n(c, document);
        }
        if taken {
            m.review.push(why.clone());
        }
    }
}

/// One n printed for every group (`a total of 64 cases with 32 in each group`, `30 per arm`,
/// `200 sites in each group`, `two groups of 30 each`, `各群32例`): the n of each group the text
/// names none for, and of those groups' values, where the document has two groups or more.
/// The people or units counted may stand between the n and `in each group`; a bare `each`
/// closes its clause (`of 30 each.`), as a count of those an event befell in each group
/// (`3 each had nausea`) does not.
fn each_groups_n(doc: &Sentences, items: &[Item], s: &mut Structure) {
    static EACH: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let each_after = EACH.get_or_init(|| {
        regex::Regex::new(&format!(
            r"^(?:(?:{}|sites|eyes|teeth)\s+)?(?:in\s+each\s+(?:group|arm)|per\s+(?:group|arm)|in\s+both\s+groups|each\s*(?:[,.;)]|$))",
            cues::PEOPLE_COUNTED
        ))
        .expect("the each-group pattern is valid")
    });
    if s.groups.len() < 2 {
        return;
    }
    let each = items.iter().position(|i| {
        if i.kind != crate::draft::ItemKind::N || sentence::had_an_event(doc.original, i) {
            return false;
        }
        // The words right after the n, not the rest of the document, for every n.
        let after: String = doc.original[i.span[1]..]
            .trim_start()
            .chars()
            .take(40)
            .collect::<String>()
            .to_lowercase();
        let before = &doc.original[..i.span[0]];
        each_after.is_match(&after)
            || ["各群", "両群", "各群とも", "両群とも"]
                .iter()
                .any(|w| before.trim_end().ends_with(w))
    });
    let Some(j) = each else {
        return;
    };
    let without: Vec<usize> = (0..s.groups.len())
        .filter(|&g| s.groups[g].n.is_none())
        .collect();
    for &g in &without {
        s.groups[g].n = Some(j);
    }
    for cell in s.measures.iter_mut().flat_map(|m| m.cells.iter_mut()) {
        if cell.n.is_none() && cell.group.is_some_and(|g| without.contains(&g)) {
            cell.n = Some(j);
        }
    }
    s.placed[j] = true;
}

/// Values per eye or per knee of fewer patients (`20 eyes of 19 patients`): a measure whose n
/// is the patients' count, or none, is for the reader to settle; a person's own attributes
/// (age, weight) are per patient.
fn review_units_of_patients(items: &[Item], words: &str, people: u64, s: &mut Structure) {
    let counts_patients = |j: usize| {
        items[j]
            .parts
            .value
            .as_ref()
            .is_some_and(|v| v.number.value == people as f64)
    };
    for m in &mut s.measures {
        let per_person = m
            .label
            .as_deref()
            .is_some_and(cues::names_a_persons_attribute);
        if !per_person && m.cells.iter().any(|c| c.n.is_none_or(counts_patients)) {
            m.review.push(format!(
                "the document counts {words}: say whether this measure's n is the one or the other"
            ));
        }
    }
}

/// The unit printed right after an item (`/mm2` in `2,059±614/mm2と`, `カ月` in
/// `13.7±8.5カ月の`, `kg` in `80.1 ± 12.3 kg`): the letters, `/`, `%` and digits of a unit
/// word, or a Japanese unit of time or count; `None` when none follows.
fn unit_after(doc: &Sentences, item: &Item) -> Option<String> {
    let rest = doc.original.get(item.span[1]..)?;
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    const JA_UNITS: [&str; 12] = [
        "カ月", "ヵ月", "ヶ月", "か月", "ケ月", "歳", "点", "日", "週", "年", "時間", "分",
    ];
    if let Some(u) = JA_UNITS.iter().find(|u| rest.starts_with(**u)) {
        return Some((*u).to_string());
    }
    let unit: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '%' | 'µ' | '²' | '³'))
        .take(12)
        .collect();
    // A unit of measurement, not the next word (`to`, `after`): a rate (`/mm2`), a percent,
    // or a unit word of the SI, of time, or of clinical scores.
    const UNITS: [&str; 40] = [
        "kg", "g", "mg", "µg", "mcg", "ng", "pg", "ml", "l", "dl", "mm", "cm", "m", "mmhg", "mmol",
        "µmol", "umol", "iu", "u", "years", "year", "yrs", "months", "month", "mo", "weeks",
        "week", "wk", "days", "day", "hours", "hour", "h", "min", "s", "sec", "points", "pts",
        "bpm", "cells",
    ];
    let unit = unit.to_lowercase();
    let stem = unit.split('/').next().unwrap_or("");
    (unit.starts_with('/') || unit.starts_with('%') || UNITS.contains(&stem)).then_some(unit)
}

/// A measure's values share their unit: values printed with different units (a follow-up's
/// `13.7±8.5カ月` between a cell density's `2,292±563/mm2` and `2,059±614/mm2`) are different
/// measures, however a sentence lists them. Such a measure is split into its values, each a
/// single fact left for review.
fn split_by_unit(doc: &Sentences, items: &[Item], s: &mut Structure) {
    let mut out = Vec::with_capacity(s.measures.len());
    for m in std::mem::take(&mut s.measures) {
        let mut units: Vec<String> = m
            .cells
            .iter()
            .filter_map(|c| unit_after(doc, &items[c.item]))
            .collect();
        units.sort();
        units.dedup();
        if m.shape == Shape::Single || units.len() < 2 {
            out.push(m);
            continue;
        }
        let why = format!(
            "its values are printed in different units ({}): not one measure",
            units.join(", ")
        );
        out.extend(into_singles(m, why));
    }
    s.measures = out;
}

/// Arms whose cells do not make one grid of groups and times: a value placed at a time
/// with no group beside values with a group, or one group twice at one time; and time
/// courses with two values at one time point. (Values set
/// against each other with no group named at all are arms whose order is left for review.) A reader that
/// matched a table's columns to its header wrongly leaves such a measure (a header naming
/// fewer columns than the rows print, the p's columns unnamed): nothing in it is then decided,
/// and each value stays a single fact for review.
fn split_incoherent_arms(s: &mut Structure) {
    s.measures = incoherent_arms_split(std::mem::take(&mut s.measures));
    s.shares = incoherent_arms_split(std::mem::take(&mut s.shares));
}

/// [`split_incoherent_arms`] on one list of measures.
fn incoherent_arms_split(measures: Vec<Measure>) -> Vec<Measure> {
    let mut out = Vec::with_capacity(measures.len());
    for m in measures {
        let timed = m.cells.iter().any(|c| c.time.is_some());
        let mut slots: Vec<(Option<usize>, Option<String>)> = m
            .cells
            .iter()
            .map(|c| (c.group, c.time.as_deref().map(cues::time_key)))
            .collect();
        slots.sort();
        slots.dedup();
        // Values set against each other with no group named (`37.5 versus 46.8`) are arms
        // whose order is left for review, a grid of their own.
        let named = m.cells.iter().filter(|c| c.group.is_some()).count();
        // Arms are two groups or more: values that all name one group are no arms of it
        // (`Veklury or placebo, … (0.7%) compared with placebo (5.3%)`: the first took the
        // group named last before it, which the second names).
        let one_group = named == m.cells.len()
            && m.cells.len() >= 2
            && m.cells.iter().all(|c| c.group == m.cells[0].group);
        // Every value naming its group, one group twice at one time (or with no time named):
        // two measures' values run together (`37 (86.0%) in the TPC arm, and 30 (66.7%) vs
        // 9 (20.9%) G3-4`).
        let group_twice = named == m.cells.len() && slots.len() < m.cells.len();
        let coherent = !one_group
            && !group_twice
            && (!timed || named == 0 || (named == m.cells.len() && slots.len() == m.cells.len()));
        // A time course is one group's values at distinct times: two values at one time
        // (`Follow-up` and `Follow-up`, each group's block of a header repeating its times)
        // are no before and after, whatever put them together.
        let time_twice = m.shape == Shape::TimeCourse && slots.len() < m.cells.len();
        if time_twice {
            let why = "its values were read as one time course but two stand at the same time point: confirm which group and time each value is".to_string();
            let mut m = m;
            for c in &mut m.cells {
                (c.group, c.time) = (None, None);
            }
            out.extend(into_singles(m, why));
            continue;
        }
        if m.shape != Shape::Arms || coherent {
            out.push(m);
            continue;
        }
        let why = if one_group {
            "its values were read as arms but all name one group: confirm which group and time each value is".to_string()
        } else {
            "its values do not make one grid of groups and times (a value at a time with no group, or a group twice at one time): the table's columns were not matched to its header; confirm which group and time each value is".to_string()
        };
        // Nothing the mismatched columns gave a value is kept: not its group, time or n.
        let mut m = m;
        for c in &mut m.cells {
            (c.group, c.time, c.n, c.n_evidence) = (None, None, None, None);
        }
        out.extend(into_singles(m, why));
    }
    out
}

/// Shares set as arms whose counts add up to an n their sentence prints and whose
/// percentages add up to 100 (`42名のうち、良好群は34名(81.0%)、不良群は8名(19.0%)`): they say
/// how the sample splits into the groups (each group's size), no measure of each group. Each
/// is left a single value of the whole sample, for review.
fn shares_that_split_the_sample(doc: &Sentences, items: &[Item], s: &mut Structure) {
    let value = |p: &Option<crate::draft::Printed>| p.as_ref().map(|p| p.number.value);
    let mut out = Vec::with_capacity(s.shares.len());
    for m in std::mem::take(&mut s.shares) {
        let parts: Vec<(f64, f64)> = m
            .cells
            .iter()
            .filter_map(|c| {
                let p = &items[c.item].parts;
                Some((value(&p.count)?, value(&p.value)?)).filter(|_| p.of.is_none())
            })
            .collect();
        let counts: f64 = parts.iter().map(|(k, _)| k).sum();
        let percents: f64 = parts.iter().map(|(_, p)| p).sum();
        let span = doc.sentences.get(m.sentence).map(|s| s.span.clone());
        let whole_printed = span.is_some_and(|span| {
            items.iter().any(|i| {
                i.kind == crate::draft::ItemKind::N
                    && i.span[0] >= span.start
                    && i.span[1] <= span.end
                    && value(&i.parts.value) == Some(counts)
            })
        });
        let split = m.shape == Shape::Arms
            && m.cells.len() >= 2
            && parts.len() == m.cells.len()
            && (percents - 100.0).abs() <= 0.5 * m.cells.len() as f64
            && whole_printed;
        if !split {
            out.push(m);
            continue;
        }
        let why = format!(
            "its counts add up to the {counts} the sentence prints and its percentages to 100: they say how many of the sample are in each group, no measure of each group; confirm"
        );
        let mut m = m;
        for c in &mut m.cells {
            (c.group, c.time, c.n, c.n_evidence) = (None, None, None, None);
        }
        out.extend(into_singles(m, why));
    }
    s.shares = out;
}

/// Each cell of `m` a single value of its own, with `why` to review.
fn into_singles(m: Measure, why: String) -> Vec<Measure> {
    m.cells
        .into_iter()
        .map(|c| Measure {
            shape: Shape::Single,
            cells: vec![c],
            comparison: Comparison::default(),
            evidence: m.evidence.clone(),
            review: vec![why.clone()],
            label: m.label.clone(),
            spread_label: m.spread_label.clone(),
            change: m.change,
            sentence: m.sentence,
            negated: None,
            section: m.section.clone(),
            beside_its_means: None,
        })
        .collect()
}

/// The items and the structure of a text: what the structure's tests read.
#[cfg(test)]
pub(crate) fn read_text(text: &str) -> (Vec<Item>, Structure) {
    let doc = Sentences::new(text);
    let items = crate::draft::read_document(&doc);
    let s = read_structure(&doc, &items);
    (items, s)
}

/// The groups' keys (`-` for the whole sample) and the time (`-` where none) of each cell of
/// measure `m`: what the structure's tests compare.
#[cfg(test)]
pub(crate) fn cells_of(s: &Structure, m: usize) -> Vec<(String, String)> {
    s.measures[m]
        .cells
        .iter()
        .map(|c| {
            (
                c.group.map_or("-".into(), |g| s.groups[g].key.clone()),
                c.time.clone().unwrap_or("-".into()),
            )
        })
        .collect()
}

/// Each cell of `m` as its group's label, its time as printed and its mean: what the table
/// readers' tests compare.
#[cfg(test)]
pub(crate) fn means_of(
    items: &[Item],
    s: &Structure,
    m: &Measure,
) -> Vec<(String, String, String)> {
    m.cells
        .iter()
        .map(|c| {
            (
                c.group.map_or("-".into(), |g| s.groups[g].label.clone()),
                c.time.clone().unwrap_or("-".into()),
                items[c.item]
                    .parts
                    .mean
                    .as_ref()
                    .map_or("-".into(), |p| p.number.plain.clone()),
            )
        })
        .collect()
}

/// The n each cell of `m` is given, as printed (`-` where none).
#[cfg(test)]
pub(crate) fn ns_of(items: &[Item], m: &Measure) -> Vec<String> {
    m.cells
        .iter()
        .map(|c| {
            c.n.and_then(|j| items[j].parts.value.as_ref())
                .map_or("-".into(), |v| v.number.plain.clone())
        })
        .collect()
}

#[cfg(test)]
mod unit_tests {
    use super::{Cell, Comparison, Measure, Shape, Structure, read_text, split_incoherent_arms};

    #[test]
    fn one_n_printed_for_every_group_with_the_units_it_counts() {
        // Made-up values: the units counted between the n and `in each group` (a dental
        // trial's sites), then each group's course. A count of those with an event in each
        // group is none.
        let course = " Pain fell from 6.2 ± 1.1 to 3.1 ± 1.0 in group A and from 6.0 ± 1.2 to 4.5 ± 1.3 in group B.";
        for (sizes, want) in [
            (
                "The patients were divided into two equal groups having 200 sites in each group.",
                Some("200"),
            ),
            ("We randomised 60 patients, 30 per arm.", Some("30")),
            (
                "Nausea occurred in 3 patients in each group and resolved.",
                None,
            ),
        ] {
            let (items, s) = read_text(&format!("{sizes}{course}"));
            let ns: Vec<Option<&str>> = s
                .groups
                .iter()
                .map(|g| g.n.map(|j| items[j].text.as_str()))
                .collect();
            assert_eq!(ns, [want, want], "{sizes}");
        }
    }

    fn arms_of(cells: &[(Option<usize>, Option<&str>)]) -> Structure {
        let cell = |(k, &(group, time)): (usize, &(Option<usize>, Option<&str>))| Cell {
            item: k,
            group,
            time: time.map(str::to_string),
            n: group.map(|_| 9),
            n_evidence: None,
            whole: None,
        };
        Structure {
            measures: vec![Measure {
                label: None,
                change: false,
                shape: Shape::Arms,
                cells: cells.iter().enumerate().map(cell).collect(),
                sentence: 0,
                comparison: Comparison::default(),
                evidence: Vec::new(),
                review: Vec::new(),
                spread_label: None,
                negated: None,
                section: None,
                beside_its_means: None,
            }],
            ..Default::default()
        }
    }

    #[test]
    fn the_group_the_design_names_as_comparator_is_the_control() {
        // Made-up shares of two active drugs, the second named the comparator.
        for (text, control) in [
            (
                "A薬(A群)の有用性を検討するため、B薬(B群)を対照薬とする二重盲検比較試験を行った。改善率はA群52.4%、B群48.8%であった。",
                "B群",
            ),
            (
                "Patients received drug A (group A) or drug B (group B) as the active comparator. Pain fell by 2.1 ± 0.5 in group A and by 1.8 ± 0.6 in group B.",
                "group B",
            ),
        ] {
            let (_, s) = read_text(text);
            let controls: Vec<&str> = s
                .groups
                .iter()
                .filter(|g| g.control)
                .map(|g| g.label.as_str())
                .collect();
            assert_eq!(controls, [control], "{text}: {:?}", s.groups);
        }
    }

    #[test]
    fn a_table_s_abbreviated_arm_its_legend_expands_to_usual_care_is_the_control() {
        // Made-up numbers in the layout of a journal's table copied with single spaces: a
        // total column first, each arm with its n, a footnote's number glued after the first
        // bracket and after two rows' labels, the arms' names written out in the legend.
        let text = "Table 5. Birth outcomes by group1.\n\nAll participants (n = 300)2 EF-A (n = 100) EF-B (n = 100) RPC (n = 100) p-value\nBirth length, cm 49.1 [1.8] 49.0 [1.6] 48.9 [2.2] 49.2 [1.5] 0.68\nGestational age, wk 39.1 [2.0] 39.0 [2.0] 38.9 [2.1] 39.5 [1.9] 0.14\nWeight gain, kg5 7.4 [3.6] 7.6 [3.4] 7.5 [3.0] 7.3 [4.2] 0.94\n\n1 Values are means [SD]. EF-A, early food supplement, EF-B, late food supplement, RPC, routine perinatal care\n";
        let (items, s) = read_text(text);
        let groups: Vec<(&str, bool)> = s
            .groups
            .iter()
            .map(|g| (g.label.as_str(), g.control))
            .collect();
        assert_eq!(
            groups,
            [("EF-A", false), ("EF-B", false), ("RPC", true)],
            "{groups:?}"
        );
        // The row whose label carries a footnote's number keeps its values in their columns.
        let weight = s
            .measures
            .iter()
            .find(|m| {
                m.label
                    .as_deref()
                    .is_some_and(|l| l.starts_with("Weight gain"))
            })
            .expect("the weight row");
        let means: Vec<String> = super::means_of(&items, &s, weight)
            .into_iter()
            .map(|(_, _, mean)| mean)
            .collect();
        assert_eq!(means, ["7.6", "7.5", "7.3"]);
        // A legend naming no comparator leaves the arms as they were.
        let (_, s) = read_text(&text.replace("routine perinatal care", "fortified rice"));
        assert!(s.groups.iter().all(|g| !g.control), "{:?}", s.groups);
    }

    #[test]
    fn a_value_of_no_group_in_a_document_of_arms_takes_no_document_n() {
        // Made-up values: the 59 patients are both arms'; the change is of neither said.
        let (items, s) = read_text(
            "Fifty-nine patients were randomly divided into two groups. Pain fell from 6.1 ± 1.2 to 3.2 ± 1.0.",
        );
        assert_eq!(
            s.document_n.map(|j| items[j].text.as_str()),
            Some("Fifty-nine")
        );
        let m = &s.measures[0];
        assert!(m.cells.iter().all(|c| c.n.is_none()), "{:?}", m.cells);
        assert!(
            m.review
                .iter()
                .any(|r| r.contains("allocates its patients to arms"))
        );
        // One group of patients: the document's n is its values'.
        let (_, s) =
            read_text("Fifty-nine patients were treated. Pain fell from 6.1 ± 1.2 to 3.2 ± 1.0.");
        assert!(s.measures[0].cells.iter().all(|c| c.n.is_some()));
        // Arms of the same patients (a crossover) are each of all of them.
        let (_, s) = read_text(
            "Fifty-nine patients were randomly assigned to drug or placebo in a crossover design. Pain fell from 6.1 ± 1.2 to 3.2 ± 1.0.",
        );
        assert!(s.measures[0].cells.iter().all(|c| c.n.is_some()));
    }

    #[test]
    fn arms_that_make_no_grid_of_groups_and_times_are_single_values_with_nothing_kept() {
        // Columns matched wrongly: a value at `Post` with no group beside grouped values.
        let mut s = arms_of(&[(Some(0), None), (None, Some("Post")), (Some(1), None)]);
        split_incoherent_arms(&mut s);
        assert_eq!(s.measures.len(), 3);
        for m in &s.measures {
            assert_eq!(m.shape, Shape::Single);
            assert!(
                m.cells[0].group.is_none() && m.cells[0].n.is_none() && m.cells[0].time.is_none()
            );
            assert!(m.review[0].contains("one grid"));
        }
        // One group twice at one time.
        let mut s = arms_of(&[
            (Some(0), Some("Week 4")),
            (Some(0), Some("week 4")),
            (Some(1), Some("Week 4")),
        ]);
        split_incoherent_arms(&mut s);
        assert!(s.measures.iter().all(|m| m.shape == Shape::Single));
        // A grid: two groups at two times; and values set against each other with no group
        // named at all (their order left for review): both kept.
        for cells in [
            vec![
                (Some(0), Some("Baseline")),
                (Some(0), Some("Week 4")),
                (Some(1), Some("Baseline")),
                (Some(1), Some("Week 4")),
            ],
            vec![(None, Some("24 hours")), (None, Some("24 hours"))],
        ] {
            let mut s = arms_of(&cells);
            split_incoherent_arms(&mut s);
            assert_eq!((s.measures.len(), s.measures[0].shape), (1, Shape::Arms));
        }
    }

    #[test]
    fn shares_whose_counts_make_up_the_sample_are_the_groups_sizes_not_arms() {
        // Made-up numbers in a conference abstract's form: the sample split into two groups
        // by a share each, the counts adding up to the printed whole (30 + 10 = 40) and the
        // percentages to 100. Then a measure of each group, which stays the groups' arms.
        let text = "対象は40名であった。40名のうち、良好群は30名(75.0%)、不良群は10名(25.0%)だった。                    副作用は良好群で3名(10.0%)、不良群で2名(20.0%)にみられた。\n";
        let (items, s) = read_text(text);
        let split: Vec<&super::Measure> = s
            .shares
            .iter()
            .filter(|m| {
                m.cells
                    .iter()
                    .any(|c| items[c.item].text.starts_with("30名"))
            })
            .collect();
        assert_eq!(split.len(), 1, "{:#?}", s.shares);
        assert_eq!(split[0].shape, Shape::Single);
        assert!(split[0].cells.iter().all(|c| c.group.is_none()));
        assert!(
            split[0].review[0].contains("add up to the 40"),
            "{:?}",
            split[0].review
        );
        // 3 + 2 is no printed whole: those shares are each group's.
        assert!(
            s.shares.iter().any(|m| m.shape == Shape::Arms
                && m.cells
                    .iter()
                    .any(|c| items[c.item].text.starts_with("3名"))),
            "{:#?}",
            s.shares
        );
    }

    #[test]
    fn a_web_address_run_into_the_first_sentence_names_no_measure() {
        // The document's source line and heading with no full stop before the first value
        // (made-up numbers in a package insert's form).
        let text = "Source: https://www.example.jp/products/drug/safety.xhtml\n安全性\n\n\
                    承認時までの臨床試験で、本剤における副作用は1,500例中120例(8.0%)に認められた。\n";
        let (_, s) = read_text(text);
        let labels: Vec<Option<&str>> = s.shares.iter().map(|m| m.label.as_deref()).collect();
        assert_eq!(labels, [Some("副作用")]);
    }

    #[test]
    fn a_count_of_events_in_a_group_is_not_its_n() {
        // Made-up numbers (twenty-eighth new-user trial's form): each group's share prints
        // its whole (`62例中`); a later sentence counts those who stopped in each group. The
        // counts (1, 3) are no group's n; the table's groups are the sentences' groups.
        let text = "本試験において、プラセボ群62例中6例(9.7%)、A群64例中11例(17.2%)に副作用が認められた。投与中止に至った副作用は、プラセボ群1例(炎症)、A群3例(高血圧)であった。\n\nプラセボ群 | A群 | |\n発現症例数(%) | 6(9.7) | 11(17.2) |\n";
        let (items, s) = read_text(text);
        assert_eq!(s.groups.len(), 2, "{:?}", s.groups);
        for g in &s.groups {
            let n = g.n.map(|j| items[j].text.as_str());
            assert!(!matches!(n, Some("1例" | "3例")), "{}: {n:?}", g.label);
        }
    }

    #[test]
    fn later_values_take_no_document_n_where_fewer_people_finished() {
        // Made-up numbers: 40 women, 36 finished, 30 came at one year; each value's time is
        // the label before its colon.
        let text = "対象者は運動習慣のない女性40名。対象者40名のうち、プログラムを実施できたのは36名(ドロップアウト4名)、1年後の調査に参加した者は30名であった。体重は維持されていた(プログラム前:70.1±8.0kg、後:66.2±7.5kg、1年後:66.0±7.9kg)。";
        let (items, s) = read_text(text);
        let m = s
            .measures
            .iter()
            .find(|m| m.shape == Shape::TimeCourse)
            .expect("a time course");
        let times: Vec<&str> = m.cells.iter().filter_map(|c| c.time.as_deref()).collect();
        assert_eq!(times, ["プログラム前", "後", "1年後"]);
        let ns: Vec<Option<&str>> = m
            .cells
            .iter()
            .map(|c| c.n.map(|j| items[j].text.as_str()))
            .collect();
        assert_eq!(ns, [Some("40名"), None, None]);
        assert!(m.review.iter().any(|r| r.contains("fewer people")));
        // Another sample of fewer people is no count of these at a later time.
        let text = "対象:患者150名を登録した。さらに,新規25名で評価した。結果:程度は3.2±0.7から2.1±0.5に減少した。";
        let (_, s) = read_text(text);
        assert!(s.measures[0].cells.iter().all(|c| c.n.is_some()));
    }

    #[test]
    fn a_time_course_with_two_values_at_one_time_is_single_values() {
        // Two groups' blocks of one header's times (`1st Follow-up (T1)`, `2nd Follow-up
        // (T2)` under each group) read as one time course `Follow-up` → `Follow-up`.
        let mut s = arms_of(&[(None, Some("Follow-up")), (None, Some("follow-up"))]);
        s.measures[0].shape = Shape::TimeCourse;
        split_incoherent_arms(&mut s);
        assert_eq!(s.measures.len(), 2);
        for m in &s.measures {
            assert_eq!(m.shape, Shape::Single);
            assert!(m.cells[0].time.is_none());
            assert!(m.review[0].contains("same time point"), "{:?}", m.review);
        }
        // Distinct times stay one time course.
        let mut s = arms_of(&[(None, Some("Baseline")), (None, Some("Week 12"))]);
        s.measures[0].shape = Shape::TimeCourse;
        split_incoherent_arms(&mut s);
        assert_eq!(
            (s.measures.len(), s.measures[0].shape),
            (1, Shape::TimeCourse)
        );
    }

    #[test]
    fn values_printed_in_different_units_are_not_one_measure() {
        // A follow-up's duration between an outcome's two values: never chained with them.
        let text = "CDは術前2,292±563/mm2に対して,平均術後観察期間13.7±8.5カ月の最終観察時に2,059±614/mm2と有意に減少した(p=0.0002).";
        let (items, s) = read_text(text);
        for m in s.measures.iter().filter(|m| m.shape != Shape::Single) {
            let texts: Vec<&str> = m
                .cells
                .iter()
                .map(|c| items[c.item].text.as_str())
                .collect();
            assert!(!texts.iter().any(|t| t.starts_with("13.7")), "{texts:?}");
        }
        // The same unit on both values: one time course stays.
        let (_, s) = read_text(
            "In the 12 patients, weight fell from 92.1 ± 14.2 kg to 88.3 ± 13.9 kg after six months.",
        );
        assert!(
            s.measures.iter().any(|m| m.shape == Shape::TimeCourse),
            "{:#?}",
            s.measures
        );
    }
}
