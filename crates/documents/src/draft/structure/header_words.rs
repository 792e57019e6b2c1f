//! The words of a table's header and row labels that say what a column or a row is: a group's
//! name, a statistic (p, difference, CI), a time (`Baseline`, `Week 12`, `T0`, `治療前`), the
//! stub naming the rows as groups (`Group`), a label's bracket of n's; and the items standing
//! in a row's cells. Shared by the reader of tables with group columns ([`super::table`]) and
//! the reader of tables whose rows are the groups ([`super::measure_columns`]), which both
//! import it and neither the other's.

use crate::draft::Item;
use crate::draft::cues;
use crate::draft::table::Row;

/// Does a column's header name a group of patients: a group's noun or a comparator
/// ([`cues::groups`]: `Placebo`, `A群`, `Arm 1`), the people a group is made of (`Patients
/// with complete follow-up`, `Women`, `Healthy controls`, `患者`), a dose or a schedule of one
/// (`50 mg`, `Q2W`, `Low-dose`), a treatment given alone or with another (`PENS only`,
/// `Theophylline plus prednisone`, `併用`), or a drug by its international non-proprietary
/// name's stem (WHO, *The use of stems in the selection of INNs*: `-mab`, `-vir`, `-sartan`,
/// `-tropium`; katakana `-マブ`, `-ビル`)?
pub(super) fn names_a_group(header: &str) -> bool {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let p = P.get_or_init(|| {
        regex::Regex::new(&format!(
            r"(?ix)
            \b(?:groups?|arms?|cohorts?|patients?|participants?|subjects?|volunteers?|cases|controls?|men|women|males?|females?|boys|girls|children|adults|infants|elderly|smokers|non-?smokers|users|completers|healthy|treated|untreated|treatment|intervention|active|comparator|pbo|waitlist|wait-list|waiting\s+list|monotherapy|combination|combined|alone|only|plus|low-?dose|high-?dose|dose|doses|mice|rats)\b
          | \b\d+(?:[.,]\d+)?\s?(?:mg|µg|μg|mcg|g|iu|ml|mg/kg|µg/kg|μg/kg|units?)\b
          | \b(?:qd|bid|tid|qid|qw|q\d+w|od)\b
          | [a-z]{{3,}}(?:{stems})\b
          | 群|投与|患者|症例|例数|男性|女性|併用|単独|実薬|本剤|コントロール
          | (?:マブ|ニブ|ビル|プリル|サルタン|スタチン|グリプチン|グリフロジン|ゾール|マイシン|シリン|キサシン|パリン|キサバン|ジピン|プロフェン|テロール|ゾニド|フィリン)(?:\s|$|[（(])
        ",
            stems = cues::INN_STEMS
        ))
        .expect("the group-naming pattern is valid")
    });
    !cues::groups(header).is_empty() || p.is_match(header)
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Stat {
    P,
    Difference,
    Ci,
    Other,
}

pub(super) fn stat_of(header: &str) -> Option<Stat> {
    let h = header.to_lowercase();
    let h = h.trim();
    // A column named for its test (`Paired t-test`, `Wilcoxon test`, `検定`) prints the
    // test's statistic and p; `Pre-test` and `Post-test` (a pretest, a posttest) are times.
    let times_of_testing = matches!(
        h.trim_end_matches(['*', '†', '‡', '§']),
        "pre-test" | "post-test" | "pre test" | "post test" | "pretest" | "posttest"
    );
    if crate::draft::table::names_p(h)
        || h.ends_with("test") && !times_of_testing
        || h.ends_with("検定")
    {
        Some(Stat::P)
    } else if h.contains("difference")
        // The effect measures that are differences, by their abbreviations (`RD`, `ARD`,
        // `MD`, `SMD`, `WMD`): no group's name. (Not `ARR`: an annualised relapse rate as
        // often as an absolute risk reduction.)
        || ["rd", "ard", "md", "smd", "wmd"]
            .iter()
            .any(|w| names_statistic(h, w))
        || h.contains("群間差")
        || h.contains("diff")
        // `Estimated treatment effect (Drug minus placebo)`: one arm's value less another's.
        || h.contains(" minus ")
        || h.contains("treatment effect")
    {
        Some(Stat::Difference)
    } else if h.contains("95%") || h.contains("ci") && h.len() <= 12 || h.contains("信頼区間") {
        Some(Stat::Ci)
    } else if [
        "within group",
        "within-group",
        "between group",
        "between-group",
    ]
    .iter()
    .any(|w| h.contains(w))
    {
        // `Within group p-value`, `Between groups` (a header split from its `p-value`): a
        // comparison within or between the groups, no group.
        Some(Stat::Other)
    } else if [
        "total",
        "overall",
        "all patients",
        "all",
        // A column counting the values missing in each row (`Missing values (all groups), n`).
        "missing",
        "合計",
        "全体",
        "ratio",
        "estimate",
        "effect",
        "effect size",
        "cohen's d",
        "cohen’s d",
        "hedges' g",
        "hedges’ g",
        "η2",
        "η2p",
        "ηp2",
        "partial η2",
        "partial eta squared",
        // The ratios and counts of effect, by their abbreviations (`RR (95% CI)`, `OR`, `HR`).
        "rr",
        "or",
        "hr",
        "irr",
        "rrr",
        "nnt",
        "nnh",
        "relative risk",
    ]
    .iter()
    .any(|w| names_statistic(h, w))
        // A test's statistic (`t`, `z`, `χ2`), as the header prints it.
        || crate::draft::table::names_test_statistic(header)
    {
        Some(Stat::Other)
    } else {
        None
    }
}

/// Does header `h` (in lower case) name statistic `w`: the whole header, or it before a space
/// or its bracket (`rr (95% ci)`, `hr(95% ci)`)?
fn names_statistic(h: &str, w: &str) -> bool {
    h == w || h.starts_with(&format!("{w} ")) || h.starts_with(&format!("{w}("))
}

/// A label without the footnote letter a table glues to a time (`Baselinea, mean (SD)`,
/// `Week 12b`: the mark `a` or `b` of a footnote under the table, set as a superscript).
pub(super) fn without_glued_mark(label: &str) -> std::borrow::Cow<'_, str> {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let p = P.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\b(baseline|screening|endpoint|(?:week|month|day|visit)\s*\d+)[a-e]\b",
        )
        .expect("the glued mark pattern is valid")
    });
    p.replace_all(label, "$1")
}

/// Is a label (a row label or a header) a time and nothing else?
pub(super) fn time_only(label: &str) -> Option<String> {
    let label = &*without_glued_mark(label);
    let t = cues::times(label);
    let first = t.first()?;
    let mut rest = label.to_string();
    for p in t.iter().rev() {
        rest.replace_range(p.start..p.end, " ");
    }
    // What the row's cells print (`Baseline mean (SE)`, `Week 12* mean (SE)`) is no content
    // of the label: the row is still a time point.
    let rest: String = rest
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_matches(|c: char| "*†‡§,;:".contains(c));
            !w.is_empty() && !crate::draft::table::describes_cells(w)
        })
        .collect::<Vec<_>>()
        .join(" ");
    // A time naming the patients who had it (`5-Day Group`, `12-week arm`, `3ヶ月群`: those
    // treated that long) names a group.
    let names_patients = rest.split_whitespace().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        ["group", "groups", "arm", "arms", "cohort", "cohorts"].contains(&w.as_str())
    }) || rest.trim_start().starts_with(['群', '組']);
    (cues::content_words(&rest).is_empty() && cues::content_ja(&rest).is_empty() && !names_patients)
        .then(|| first.text.clone())
}

/// Is a column header a time point: a time phrase and nothing else, or a word that places a
/// column in time only in a header or a row's label (`Initial | Final`, `Pre | Post`, `Before
/// | After`, `Before run-in | After low-calorie diet`, `前 | 後`, a bare count `4週`, `16 週` as a table prints a visit, a visit's code
/// `T0 | T6`, `M0 | M1`, `V1`, `D28`, `W12` with the letter of a time, trial, month, visit, day
/// or week; the moments of a stay or a series: `Admission | Discharge`, `Pre-op | Post-op`, `1st
/// visit | 2nd visit`, `入院時 | 退院時`, `初回 | 最終`, `1回目 | 2回目`, the moment named with
/// the place of the stay: `ICU discharge`, `Hospital discharge`, `Study entry`)? The time as
/// the header prints it.
pub(super) fn header_time(header: &str) -> Option<String> {
    if let Some(t) = time_only(header) {
        return Some(t);
    }
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let p = P.get_or_init(|| {
        regex::Regex::new(
            r"(?i)^(?:(?:initial|final|first|last|pre|post|before|after|end|start|前|後|治療前|治療後|投与前|投与後|介入前|介入後)(?:[\s\-]?(?:the\s+)?(?:visit|test|assessment|measurement|treatment|intervention|training|trial|programme|program|period|surgery|operation|op|injection|infusion|dose|value|values|care|nursing|therapy|rehabilitation|exercise|education|値))?|(?:at\s+)?(?:(?:the\s+)?(?:hospital|icu|ward|unit|clinic|study|trial)\s+)?(?:admission|discharge|entry|exit|enrol?ment|follow[\s\-]?up)|(?:[0-9]+(?:st|nd|rd|th)|second|third|fourth)\s+(?:visit|assessment|measurement|session|evaluation|examination|test)|入院時|退院時|初診時|初回|最終回?|[0-9]+\s*回目|第\s*[0-9]+\s*回|(?:(?:post|pre|after|before)[\s\-]?)?(?:session|cycle|course|infusion|injection)\s?[0-9]{1,2}|(?:treatment\s+)?period\s?(?:[0-9]|I{1,3}|IV)(?:\s?\([A-Za-z]{1,3}\))?|第\s*(?:[0-9]|I{1,3}|IV|Ⅰ|Ⅱ|Ⅲ)\s*期|[0-9]+\s*(?:週|か月|カ月|ヶ月|ケ月|ヵ月|箇月|日|年)(?:間)?(?:目|時)?|[TMVDW]\s?[0-9]{1,2})[\s*†‡§a-d]*$",
        )
        .expect("a valid pattern")
    });
    let h = header.trim();
    if p.is_match(h) {
        return Some(h.trim_end_matches(['*', '†', '‡', '§']).to_string());
    }
    // Such a word before what the cells under it print (`M0 M (SD)`, `Before Mean (SD)`).
    for (i, _) in h.match_indices(char::is_whitespace) {
        let (head, tail) = (h[..i].trim(), h[i..].trim());
        if crate::draft::table::describes_cells(tail) && p.is_match(head) {
            return Some(head.trim_end_matches(['*', '†', '‡', '§']).to_string());
        }
    }
    // Such a word with what the cells under it print (`Before Mean`, `After SD`, as a header
    // spanning `Mean | SD` reads over each column): the word is the time.
    let word: Vec<&str> = h
        .split_whitespace()
        .filter(|w| !crate::draft::table::describes_cells(w))
        .collect();
    let word = word.join(" ");
    if word.len() < h.len() && p.is_match(&word) {
        return Some(word.trim_end_matches(['*', '†', '‡', '§']).to_string());
    }
    // `Before` or `After` as a preposition opening the header: a time, its n's left out.
    cues::opens_with_before_or_after(h).then(|| {
        without_ns(h)
            .trim_end_matches(['*', '†', '‡', '§'])
            .trim()
            .to_string()
    })
}

pub(super) fn cell_index(cells: &[std::ops::Range<usize>], at: usize) -> Option<usize> {
    // A cell that holds `at` first; an empty cell only where no other does (a glued table's
    // empty stub stands at its line's start, where the first value cell starts too).
    cells
        .iter()
        .position(|c| c.start <= at && at < c.end)
        .or_else(|| {
            cells
                .iter()
                .position(|c| c.start <= at && at < c.end.max(c.start + 1))
        })
}

/// The items standing in a row's cells, each with its cell's index (0 the label's): items
/// are in document order, so the row's are found by binary search.
pub(super) fn row_items<'a>(
    items: &'a [Item],
    row: &'a Row,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let from = items.partition_point(|i| i.span[0] < row.line.start);
    (from..items.len())
        .take_while(move |&j| items[j].span[0] <= row.line.end)
        .filter_map(move |j| Some((j, cell_index(&row.cells, items[j].span[0])?)))
}

/// A header cell as the words naming what a column beside the stub holds are compared: trimmed,
/// its footnote mark or colon dropped, in lower case (`Group*` → `group`).
fn stub_column_word(header: &str) -> String {
    header
        .trim()
        .trim_end_matches(['*', '†', ':'])
        .to_lowercase()
}

/// Does a column's header say that its cells name the rows' groups (`Group`, `Arm`,
/// `Treatment group`, `群`)?
pub(super) fn names_row_groups(header: &str) -> bool {
    matches!(
        stub_column_word(header).as_str(),
        "group"
            | "groups"
            | "arm"
            | "arms"
            | "treatment group"
            | "study group"
            | "群"
            | "グループ"
            | "治療群"
            | "投与群"
    )
}

/// Does a stub's header name what each row's group was given (`Treatment`, `Medication`,
/// `Intervention`, `Regimen`, `治療`, `薬剤`)? Over a stub beside a column of measures, such
/// a column names the arms.
pub(super) fn names_what_groups_receive(header: &str) -> bool {
    matches!(
        stub_column_word(header).as_str(),
        "treatment"
            | "treatments"
            | "medication"
            | "medications"
            | "intervention"
            | "interventions"
            | "regimen"
            | "drug"
            | "therapy"
            | "治療"
            | "薬剤"
            | "投与薬"
            | "介入"
    )
}

/// Does a column's header name the measures its cells print (`Parameter`, `Outcome`,
/// `Variable`, `項目`, `評価項目`)?
pub(super) fn names_the_measures(header: &str) -> bool {
    let h = stub_column_word(header);
    super::model::is_stub_word(&h)
        || matches!(
            h.as_str(),
            "項目" | "評価項目" | "検査項目" | "測定項目" | "指標" | "パラメータ"
        )
}

/// Does a column's header say that its cells name each row's time (`Time`, `Timepoint`,
/// `Visit`, `時期`, `評価時期`)? A table printing a measure's course down its rows puts the time
/// in such a column beside the measure's name (`Grip | Baseline | 20±5 | 19±5`, then `Grip |
/// Week 8 | …`), as a long-format data set does.
pub(super) fn names_row_times(header: &str) -> bool {
    matches!(
        stub_column_word(header).as_str(),
        "time"
            | "times"
            | "timepoint"
            | "timepoints"
            | "time point"
            | "time points"
            | "time-point"
            | "visit"
            | "visits"
            | "assessment time"
            | "time of assessment"
            | "時期"
            | "時点"
            | "評価時期"
            | "評価時点"
            | "測定時期"
            | "測定時点"
            | "観察時期"
    )
}

/// A row's label without the bracket printing its groups' n's (`SF-12 (n = 75 intervention,
/// n = 66 control)` → `SF-12`).
pub(super) fn without_ns(label: &str) -> String {
    let stripped = n_brackets_removed(label);
    if stripped.is_empty() {
        label.to_string()
    } else {
        stripped
    }
}

/// A label with its brackets of n's removed, trimmed; empty when it was only such a bracket
/// (a time column's header `Week 12 (n = 128)` less its time says nothing of what its cells
/// print: the columns' differing n's are no different contents).
pub(super) fn n_brackets_removed(label: &str) -> String {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let p = P.get_or_init(|| {
        regex::Regex::new(r"\s*[(（][^()（）]*?\b[nN]\s*[=＝]\s*\d[^()（）]*[)）]")
            .expect("the n bracket pattern is valid")
    });
    p.replace_all(label, "").trim().to_string()
}
