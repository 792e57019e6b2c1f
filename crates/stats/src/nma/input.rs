//! The contrasts of a network from a CSV file: one row per pairwise comparison (netmeta's
//! `studlab treat1 treat2 TE seTE`), every row checked where it stands.

use super::network::Contrast;
use crate::csv_file::CsvFile;
use crate::error::{Error, Result};

/// The columns of the contrast form.
#[derive(Debug, Clone)]
pub struct ContrastColumns {
    pub study: String,
    pub treat1: String,
    pub treat2: String,
    pub te: String,
    pub se: String,
    /// Participants in the arms of treat1 and treat2 (netmeta's `n1`, `n2`), when given:
    /// the network graph sizes its nodes by them.
    pub n1: Option<String>,
    pub n2: Option<String>,
}

impl Default for ContrastColumns {
    fn default() -> Self {
        ContrastColumns {
            study: "studlab".into(),
            treat1: "treat1".into(),
            treat2: "treat2".into(),
            te: "TE".into(),
            se: "seTE".into(),
            n1: None,
            n2: None,
        }
    }
}

/// A treatment or study name from a cell that must not be empty.
pub fn name_cell(row: &crate::csv_file::Row, column: usize, what: &str) -> Result<String> {
    let t = row.text(column)?;
    if t.is_empty() || t == "NA" {
        return Err(Error::input(
            row.location(column),
            format!("the {what} is missing; every row needs one"),
        ));
    }
    Ok(t.to_string())
}

/// Check a contrast's treatments and SE where the row stands.
pub fn check_pair(
    row: &crate::csv_file::Row,
    t1: &str,
    t2: &str,
    c2: usize,
    study: &str,
) -> Result<()> {
    if t1 == t2 {
        return Err(Error::input(
            row.location(c2),
            format!("study '{study}' compares {t1} with itself; treat1 and treat2 must differ"),
        ));
    }
    Ok(())
}

/// The columns of the participants per arm (`--n1`, `--n2`), when named.
fn arm_size_columns(file: &CsvFile, cols: &ContrastColumns) -> Result<[Option<usize>; 2]> {
    Ok([
        cols.n1
            .as_ref()
            .map(|c| file.require(c, "{field:n1}"))
            .transpose()?,
        cols.n2
            .as_ref()
            .map(|c| file.require(c, "{field:n2}"))
            .transpose()?,
    ])
}

/// A row's participants in its two arms (an empty cell: not known; 0 or fewer refused).
fn arm_sizes(
    row: &crate::csv_file::Row,
    columns: [Option<usize>; 2],
    study: &str,
) -> Result<[Option<f64>; 2]> {
    let mut out = [None; 2];
    for (k, c) in columns.into_iter().enumerate() {
        let Some(c) = c else { continue };
        if let Some(v) = row.number(c)? {
            if v <= 0.0 {
                return Err(Error::input(
                    row.location(c),
                    format!(
                        "study '{study}' has {v} participants in an arm; give a number greater than 0, or leave the cell empty when not known"
                    ),
                ));
            }
            out[k] = Some(v);
        }
    }
    Ok(out)
}

/// Read the contrasts of `file`.
pub fn read_contrasts(file: &CsvFile, cols: &ContrastColumns) -> Result<Vec<Contrast>> {
    let cs = file.require(&cols.study, "{field:study}")?;
    let c1 = file.require(&cols.treat1, "{field:treat1}")?;
    let c2 = file.require(&cols.treat2, "{field:treat2}")?;
    let ct = file.require(&cols.te, "{field:te}")?;
    let cse = file.require(&cols.se, "{field:se}")?;
    let sizes = arm_size_columns(file, cols)?;
    let mut out = Vec::new();
    file.for_each_row(|row| {
        let study = name_cell(row, cs, "study label")?;
        let t1 = name_cell(row, c1, "treatment")?;
        let t2 = name_cell(row, c2, "treatment")?;
        check_pair(row, &t1, &t2, c2, &study)?;
        let te = row.required_number(ct)?;
        let se = row.number(cse)?.ok_or_else(|| {
            Error::input(
                row.location(cse),
                format!("the SE of study '{study}' ({t1} vs {t2}) is missing; every contrast needs a positive SE"),
            )
        })?;
        if se <= 0.0 {
            return Err(Error::input(
                row.location(cse),
                format!("the SE of study '{study}' ({t1} vs {t2}) is {se}; an SE must be greater than 0"),
            ).into());
        }
        let [n1, n2] = arm_sizes(row, sizes, &study)?;
        out.push(Contrast {
            study,
            t1,
            t2,
            te,
            se,
            file: file.name().to_string(),
            line: row.line,
            se_method: None,
            n1,
            n2,
        });
        Ok(())
    })?;
    if out.is_empty() {
        return Err(Error::input(
            file.name(),
            "the file has no rows of contrasts",
        ));
    }
    Ok(out)
}

/// Re-place an error of a computation on one row (whose location is a field name) at the row.
fn at_row(place: String, context: &str, e: Error) -> Error {
    match e.into_place() {
        Ok((location, message)) => Error::input(place, format!("{context}: {location}: {message}")),
        Err(other) => other,
    }
}

/// The columns and measure of the arm form (one row per arm).
#[derive(Debug, Clone)]
pub struct ArmColumns {
    pub study: String,
    pub treatment: String,
    pub events: Option<String>,
    pub n: String,
    pub mean: Option<String>,
    pub sd: Option<String>,
}

struct Arm {
    treatment: String,
    line: usize,
    events: f64,
    n: f64,
    mean: f64,
    sd: f64,
}

/// The column indices of the arm form in a file, the measure's columns only.
struct ArmIndex {
    study: usize,
    treatment: usize,
    n: usize,
    events: Option<usize>,
    mean: Option<usize>,
    sd: Option<usize>,
}

/// The measure of the arm form and how it is computed.
struct ArmMeasure {
    measure: crate::effect::MeasureCode,
    /// OR, RR or RD (from events and n); otherwise MD, SMD or ROM (from mean, SD and n).
    binary: bool,
    level: crate::level::ConfidenceLevel,
}

/// The studies' arms in file order: the study labels in the order first seen, and each
/// study's arms in file order.
struct StudyArms {
    order: Vec<String>,
    studies: std::collections::HashMap<String, Vec<Arm>>,
}

/// Every pair of arms of every study as a contrast (the earlier arm in the file first, as
/// netmeta's `pairwise()`), the measure computed as metafor's `escalc`
/// ([`crate::effect::binary()`], [`crate::effect::two_group()`]). For OR, RR and RD a study with
/// a zero cell in any arm (no events, or all) gets `incr` added to the events and non-events
/// of every arm (netmeta's default, `incr = 0.5`); a study without events in any arm is left
/// out, with a note (netmeta's `allstudies = FALSE`).
pub fn read_arms(
    file: &CsvFile,
    cols: &ArmColumns,
    measure: crate::effect::MeasureCode,
    incr: f64,
    notes: &mut Vec<String>,
) -> Result<Vec<Contrast>> {
    use crate::effect::MeasureCode;
    let binary_measure = matches!(measure, MeasureCode::OR | MeasureCode::RR | MeasureCode::RD);
    let continuous = matches!(
        measure,
        MeasureCode::MD | MeasureCode::SMD | MeasureCode::ROM
    );
    if !binary_measure && !continuous {
        return Err(Error::field(
            "measure",
            format!(
                "{measure:?} is not a between-arm measure here; allowed: OR, RR, RD (with {{field:events}} and {{field:n}}) or MD, SMD, ROM (with {{field:mean}}, {{field:sd}} and {{field:n}})"
            ),
        ));
    }
    let index = arm_index(file, cols, measure, binary_measure)?;
    let StudyArms { order, studies } = read_study_arms(file, &index)?;
    let how = ArmMeasure {
        measure,
        binary: binary_measure,
        level: crate::level::ConfidenceLevel::new(0.95)?,
    };
    let mut out = Vec::new();
    for study in order {
        let arms = &studies[&study];
        if arms.len() < 2 {
            return Err(Error::input(
                format!("{}:{}", file.name(), arms[0].line),
                format!("study '{study}' has one arm only; a study needs two or more arms"),
            ));
        }
        let mut add = 0.0;
        if binary_measure {
            if arms.iter().all(|a| a.events == 0.0) {
                notes.push(format!(
                    "study '{study}' has no events in any arm and is left out (its {measure:?} is not estimable; netmeta's allstudies = FALSE)"
                ));
                continue;
            }
            if arms.iter().any(|a| a.events == 0.0 || a.events == a.n) {
                add = incr;
            }
        }
        for i in 0..arms.len() {
            for j in i + 1..arms.len() {
                out.push(pair_contrast(
                    file,
                    &study,
                    [&arms[i], &arms[j]],
                    &how,
                    add,
                )?);
            }
        }
    }
    if out.is_empty() {
        return Err(Error::input(
            file.name(),
            "the file has no studies with two or more arms",
        ));
    }
    Ok(out)
}

/// The columns of the arm form in `file`: study, treatment and n, with events for a binary
/// measure or mean and SD for a continuous one (an error naming the option when not given).
fn arm_index(
    file: &CsvFile,
    cols: &ArmColumns,
    measure: crate::effect::MeasureCode,
    binary_measure: bool,
) -> Result<ArmIndex> {
    let cs = file.require(&cols.study, "{field:study}")?;
    let ct = file.require(&cols.treatment, "{field:treatment}")?;
    let cn = file.require(&cols.n, "{field:n}")?;
    let need = |c: &Option<String>, opt: &str| -> Result<usize> {
        let name = c.as_ref().ok_or_else(|| {
            Error::input(
                opt,
                format!("{{field:measure}} {measure:?} needs {opt} (a column)"),
            )
        })?;
        Ok(file.require(name, opt)?)
    };
    let (ce, cm, csd) = if binary_measure {
        (Some(need(&cols.events, "{field:events}")?), None, None)
    } else {
        (
            None,
            Some(need(&cols.mean, "{field:mean}")?),
            Some(need(&cols.sd, "{field:sd}")?),
        )
    };
    Ok(ArmIndex {
        study: cs,
        treatment: ct,
        n: cn,
        events: ce,
        mean: cm,
        sd: csd,
    })
}

/// Each row of `file` as an arm of its study; an error when a study names a treatment twice.
fn read_study_arms(file: &CsvFile, index: &ArmIndex) -> Result<StudyArms> {
    let ArmIndex {
        study: cs,
        treatment: ct,
        n: cn,
        events: ce,
        mean: cm,
        sd: csd,
    } = *index;
    let mut order: Vec<String> = Vec::new();
    let mut studies: std::collections::HashMap<String, Vec<Arm>> = Default::default();
    file.for_each_row(|row| {
        let study = name_cell(row, cs, "study label")?;
        let treatment = name_cell(row, ct, "treatment")?;
        let n = row.required_number(cn)?;
        let arm = Arm {
            treatment,
            line: row.line,
            events: match ce {
                Some(c) => row.required_number(c)?,
                None => 0.0,
            },
            n,
            mean: match cm {
                Some(c) => row.required_number(c)?,
                None => 0.0,
            },
            sd: match csd {
                Some(c) => row.required_number(c)?,
                None => 0.0,
            },
        };
        let arms = studies.entry(study.clone()).or_default();
        if arms.is_empty() {
            order.push(study.clone());
        }
        if let Some(prev) = arms.iter().find(|a| a.treatment == arm.treatment) {
            return Err(Error::input(
                row.location(ct),
                format!(
                    "study '{study}' has a second arm of {} (the first is on line {}); give each treatment of a study once",
                    arm.treatment, prev.line
                ),
            ).into());
        }
        arms.push(arm);
        Ok(())
    })?;
    Ok(StudyArms { order, studies })
}

/// The contrast of arm `a` with arm `b` of `study` (the study's increment `add` in each cell
/// of a binary measure); an error at the two rows when it has no positive SE.
fn pair_contrast(
    file: &CsvFile,
    study: &str,
    [a, b]: [&Arm; 2],
    how: &ArmMeasure,
    add: f64,
) -> Result<Contrast> {
    use crate::effect::binary::binary_from_cells;
    use crate::effect::{GroupSummary, TwoByTwo, binary, two_group};
    let ArmMeasure {
        measure,
        binary: binary_measure,
        level,
    } = *how;
    let context = format!("study '{study}', {} vs {}", a.treatment, b.treatment);
    let place = format!("{}: lines {}, {}", file.name(), a.line, b.line);
    let es = if binary_measure {
        let table = TwoByTwo {
            events1: a.events,
            n1: a.n,
            events2: b.events,
            n2: b.n,
        };
        if add == 0.0 && [a, b].iter().any(|x| x.events == 0.0 || x.events == x.n) {
            return Err(Error::input(
                place,
                format!("{context}: a zero cell with {{field:incr}} 0 gives no finite {measure:?}; use an increment (netmeta's default 0.5)"),
            ));
        }
        // The counts checked as escalc checks them, then the increment of the
        // whole study added to each cell.
        binary(measure, &table, level).and_then(|_| {
            binary_from_cells(
                measure,
                [
                    a.events + add,
                    a.n - a.events + add,
                    b.events + add,
                    b.n - b.events + add,
                ],
                level,
            )
        })
    } else {
        two_group(
            measure,
            &GroupSummary { mean: a.mean, sd: a.sd, n: a.n },
            &GroupSummary { mean: b.mean, sd: b.sd, n: b.n },
            level,
        )
    }
    .map_err(|e| at_row(place.clone(), &context, e))?;
    let se = es.se.unwrap_or(f64::NAN);
    if se.is_nan() || se <= 0.0 {
        return Err(Error::input(
            place,
            format!(
                "{context}: the {measure:?} has no positive SE (identical arms with no spread?)"
            ),
        ));
    }
    Ok(Contrast {
        study: study.to_string(),
        t1: a.treatment.clone(),
        t2: b.treatment.clone(),
        te: es.estimate,
        se,
        file: file.name().to_string(),
        line: a.line,
        se_method: None,
        n1: Some(a.n),
        n2: Some(b.n),
    })
}

/// The columns of the ratio form (one row per comparison, the ratio as printed).
#[derive(Debug, Clone, Default)]
pub struct RatioColumns {
    pub estimate: Option<String>,
    pub ci_lower: Option<String>,
    pub ci_upper: Option<String>,
    pub p: Option<String>,
    pub o_minus_e: Option<String>,
    pub variance: Option<String>,
    pub events: Option<String>,
}

/// Contrasts from printed ratios: `ln(ratio)` and its SE by [`super::ratio::log_ratio`], the
/// method named on each contrast.
pub fn read_ratios(
    file: &CsvFile,
    cols: &ContrastColumns,
    ratio: &RatioColumns,
    level: crate::level::ConfidenceLevel,
) -> Result<Vec<Contrast>> {
    use super::ratio::{ReportedRatio, log_ratio};
    let cs = file.require(&cols.study, "{field:study}")?;
    let c1 = file.require(&cols.treat1, "{field:treat1}")?;
    let c2 = file.require(&cols.treat2, "{field:treat2}")?;
    let opt = |c: &Option<String>, o: &str| -> Result<Option<usize>> {
        Ok(c.as_ref().map(|name| file.require(name, o)).transpose()?)
    };
    let fields = [
        ("estimate", opt(&ratio.estimate, "{field:estimate}")?),
        ("ci-lower", opt(&ratio.ci_lower, "{field:ci_lower}")?),
        ("ci-upper", opt(&ratio.ci_upper, "{field:ci_upper}")?),
        ("p", opt(&ratio.p, "{field:p}")?),
        ("o-minus-e", opt(&ratio.o_minus_e, "{field:o_minus_e}")?),
        ("variance", opt(&ratio.variance, "{field:variance}")?),
        ("events", opt(&ratio.events, "{field:events}")?),
    ];
    let sizes = arm_size_columns(file, cols)?;
    let mut out = Vec::new();
    file.for_each_row(|row| {
        let study = name_cell(row, cs, "study label")?;
        let t1 = name_cell(row, c1, "treatment")?;
        let t2 = name_cell(row, c2, "treatment")?;
        check_pair(row, &t1, &t2, c2, &study)?;
        let mut values = [None; 7];
        for (k, (_, c)) in fields.iter().enumerate() {
            if let Some(c) = c {
                values[k] = row.number(*c)?;
            }
        }
        let reported = ReportedRatio {
            estimate: values[0],
            ci_lower: values[1],
            ci_upper: values[2],
            p: values[3],
            o_minus_e: values[4],
            variance: values[5],
            events: values[6],
        };
        let lr = log_ratio(&reported, level).map_err(|e| match e.into_place() {
            Ok((location, message)) => {
                let column = fields
                    .iter()
                    .find(|(f, _)| *f == location)
                    .and_then(|(_, c)| *c);
                let place = match column {
                    Some(c) => row.location(c),
                    None => row.line_location(),
                };
                Error::input(place, format!("study '{study}' ({t1} vs {t2}): {message}"))
            }
            Err(other) => other,
        })?;
        let [n1, n2] = arm_sizes(row, sizes, &study)?;
        out.push(Contrast {
            study,
            t1,
            t2,
            te: lr.log_ratio,
            se: lr.se,
            file: file.name().to_string(),
            line: row.line,
            se_method: Some(lr.method),
            n1,
            n2,
        });
        Ok(())
    })?;
    if out.is_empty() {
        return Err(Error::input(file.name(), "the file has no rows"));
    }
    Ok(out)
}
