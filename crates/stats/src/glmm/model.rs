//! A generalised model's data: the response checked against its family (whole counts;
//! successes within trials, given by `cbind( )` for the beta-binomial; gamma values > 0; beta
//! values inside (0, 1)), the offsets, the
//! fixed-effect design (by [`crate::lmm::design`]), the dispersion model
//! ([`super::dispersion`], its formula's design by the same [`crate::lmm::design`]), the
//! zero-inflation model ([`super::zero_inflation`], likewise),
//! the random effects (by [`crate::lmm::random`]), and, for one grouping factor, the rows put
//! in group order for [`super::laplace::Problem`] (several factors keep the data's order). Every refusal names the row (its file line)
//! and column.

use super::dispersion::Dispersion;
use super::family::Family;
use super::laplace::{Grouping, MAX_Q, Problem};
use super::ordinal::{Thresholds, categories};
use super::quadrature::{MAX_NODES, Rule};
use super::several::SeveralFactors;
use super::zero_inflation::ZeroInflation;
use crate::error::{Error, Result};
use crate::lmm::design::fixed_matrix;
use crate::lmm::fit::{columns_for as lmm_columns, require_rows};
use crate::lmm::formula::{Failures, Formula};
use crate::lmm::frame::{Column, Frame, Role};
use crate::lmm::random::RandomEffects;
use crate::model_matrix::ModelMatrix;

/// The columns a generalised model reads: the linear model's, the binomial failures or
/// trials, and the offsets (all numeric).
pub fn columns_for(formula: &Formula) -> Vec<(String, Role)> {
    let mut out = lmm_columns(formula);
    let mut extra: Vec<&str> = formula.offsets.iter().map(|o| o.column.as_str()).collect();
    if let Some(Failures::Column(c) | Failures::TrialsMinusSuccesses(c)) = &formula.failures {
        extra.push(c);
    }
    for name in extra {
        match out.iter_mut().find(|(n, _)| n == name) {
            Some(e) => e.1 = Role::Numeric,
            None => out.push((name.to_string(), Role::Numeric)),
        }
    }
    out
}

/// Names a cell for an error: `(row of the rows used, 0-based; column)` → "FILE:LINE: column C".
pub type Locate<'a> = &'a dyn Fn(usize, &str) -> String;

/// The data of one model, ready to fit.
#[derive(Debug, Clone)]
pub struct Model {
    pub problem: Problem,
    /// The fixed-effect columns' names.
    pub fixed_names: Vec<String>,
    /// The random effects of one grouping factor (`None` for a GLM and for several factors,
    /// which are in [`Model::several`]).
    pub random: Option<RandomEffects>,
    /// Two or more grouping factors (the rows of [`Problem`] then stay in the data's order).
    pub several: Option<SeveralFactors>,
    /// For each reordered row, its row in the data used.
    pub order: Vec<usize>,
}

impl Model {
    /// The random effects of every grouping factor, most levels first (none for a GLM).
    pub fn factors(&self) -> &[RandomEffects] {
        match (&self.several, &self.random) {
            (Some(several), _) => &several.factors,
            (None, Some(re)) => std::slice::from_ref(re),
            (None, None) => &[],
        }
    }
}

fn numeric<'a>(frame: &'a Frame, name: &str) -> Result<&'a [f64]> {
    match frame.column(name) {
        Some(Column::Numeric(v)) => Ok(v),
        _ => Err(Error::field(
            "formula",
            format!("the column '{name}' must hold numbers"),
        )),
    }
}

fn whole(v: f64) -> bool {
    v >= 0.0 && v.fract() == 0.0
}

/// The formulas of a model's parts besides its mean: glmmTMB's `dispformula` and
/// `ziformula`, each read by [`parse_side_formula`] (`None`: the family's default dispersion;
/// no zero inflation).
#[derive(Debug, Clone, Default)]
pub struct SideFormulas {
    pub dispersion: Option<Formula>,
    pub zero_inflation: Option<Formula>,
    /// The order of an ordinal response's levels, lowest first (`None`: whole numbers in
    /// numeric order); see [`super::ordinal::categories`].
    pub levels: Option<Vec<String>>,
}

/// Check and assemble the data of `formula` for `family`, with the log dispersion linear in
/// the terms of `side.dispersion` (glmmTMB's `dispformula`) and the logit of a structural
/// zero's probability linear in those of `side.zero_inflation` (glmmTMB's `ziformula`).
pub fn build(
    formula: &Formula,
    frame: &Frame,
    family: Family,
    nagq: usize,
    side: &SideFormulas,
    locate: Locate,
) -> Result<Model> {
    require_rows(formula, frame)?;
    if side.zero_inflation.is_some() {
        zero_inflated_family(family)?;
    }
    let n = frame.n_rows;
    let (y, thresholds) = response(formula, frame, family, side.levels.as_deref())?;
    let dispersion = dispersion_model(family, side.dispersion.as_ref(), frame)?;
    let trials = checked_trials(formula, frame, family, &y, locate)?;
    let offset = offsets(formula, frame, locate)?;
    let x: ModelMatrix = fixed_matrix(formula, frame)?;
    // An ordinal model's thresholds take the place of the intercept (clmm's X has none).
    let skip = usize::from(!thresholds.is_empty());
    if n <= x.p {
        return Err(Error::field(
            "formula",
            format!("{n} complete rows are too few for {} fixed effects", x.p),
        ));
    }
    let mut factors = random_factors(formula, frame)?;
    check_nagq(nagq, &factors)?;
    let zero_inflation =
        zero_inflation_model(family, side.zero_inflation.as_ref(), frame, nagq, &y)?;
    let (random, several) = if factors.len() > 1 {
        (None, Some(SeveralFactors::new(factors, n)?))
    } else {
        (factors.pop(), None)
    };
    // Rows in group order (stable, so rows keep their file order within a group).
    let mut order: Vec<usize> = (0..n).collect();
    if let Some(re) = &random {
        order.sort_by_key(|&i| re.group_of_row[i]);
    }
    let p = x.p - skip;
    let mut xs = Vec::with_capacity(n * p);
    for &i in &order {
        xs.extend_from_slice(&x.row(i)[skip..]);
    }
    let ys: Vec<f64> = order.iter().map(|&i| y[i]).collect();
    let ts: Vec<f64> = order.iter().map(|&i| trials[i]).collect();
    let constant = ys
        .iter()
        .zip(&ts)
        .map(|(&y, &t)| family.constant(y, t))
        .sum();
    let grouping = random.as_ref().map(|re| grouping_of(re, &order));
    Ok(Model {
        problem: Problem {
            family,
            y: ys,
            trials: ts,
            offset: order.iter().map(|&i| offset[i]).collect(),
            x: xs,
            p,
            constant,
            grouping,
            rule: (nagq > 1).then(|| Rule::new(nagq)),
            dispersion: dispersion.reordered(&order),
            zero_inflation: zero_inflation.reordered(&order),
            thresholds,
        },
        fixed_names: x.names[skip..].to_vec(),
        random,
        several,
        order,
    })
}

/// The response of `formula` for `family`: the numbers of its column, or for the ordinal
/// family each row's category (0-based) with the thresholds between the categories
/// ([`categories`]: whole numbers in numeric order, or the order `levels`). A formula
/// without an intercept is refused for the ordinal family (its thresholds are the
/// intercepts), and `levels` for the others.
fn response(
    formula: &Formula,
    frame: &Frame,
    family: Family,
    levels: Option<&[String]>,
) -> Result<(Vec<f64>, Thresholds)> {
    if family != Family::Ordinal {
        if levels.is_some() {
            return Err(Error::field(
                "levels",
                format!(
                    "the order of a response's levels is for {{field:family}} ordinal, not {}",
                    family.r_name()
                ),
            ));
        }
        return Ok((
            numeric(frame, &formula.response)?.to_vec(),
            Thresholds::None,
        ));
    }
    if !formula.intercept {
        return Err(Error::field(
            "formula",
            format!(
                "'{}' has no intercept (0 + or - 1): an ordinal model's thresholds are its intercepts, one between each two categories, so write the formula with one (as clmm, whose model matrix drops it)",
                formula.text
            ),
        ));
    }
    let column = frame
        .column(&formula.response)
        .ok_or_else(|| Error::field("formula", format!("no column '{}'", formula.response)))?;
    let (y, names) = categories(column, &formula.response, levels)?;
    Ok((y, Thresholds::between(&names)))
}

/// The trials of each row (1 unless binomial or beta-binomial with cbind( )), after checking
/// the response `y` against `family`: whole counts, 0/1, or successes within trials (which the
/// beta-binomial must give by cbind( ): with one trial a row it is the binomial).
fn checked_trials(
    formula: &Formula,
    frame: &Frame,
    family: Family,
    y: &[f64],
    locate: Locate,
) -> Result<Vec<f64>> {
    let n = frame.n_rows;
    let response = &formula.response;
    let mut trials = vec![1.0; n];
    match (family, &formula.failures) {
        (Family::Binomial | Family::BetaBinomial, Some(failures)) => {
            binomial_trials(frame, response, failures, y, &mut trials, locate)?;
            if family == Family::BetaBinomial && trials.iter().all(|&t| t <= 1.0) {
                return Err(Error::field(
                    "formula",
                    format!(
                        "every row of cbind({response}, ...) has at most one trial: the beta-binomial's precision is the correlation of the trials within a row, which needs rows of two or more trials (with one trial a row use {{field:family}} binomial)"
                    ),
                ));
            }
        }
        (Family::BetaBinomial, None) => {
            return Err(Error::field(
                "formula",
                format!(
                    "a betabinomial response is successes out of trials, written cbind({response}, trials - {response}) or cbind({response}, failures) on the left of the formula; '{response}' alone has no trials (with one trial a row the beta-binomial is the binomial, and its precision cannot be estimated)"
                ),
            ));
        }
        (Family::Binomial, None) => {
            if let Some(i) = y.iter().position(|&v| v != 0.0 && v != 1.0) {
                return Err(Error::input(
                    locate(i, response),
                    format!(
                        "{}: a binomial response without cbind( ) must be 0 or 1; for counts of successes write cbind({response}, trials - {response})",
                        y[i]
                    ),
                ));
            }
        }
        (_, Some(_)) => {
            return Err(Error::field(
                "formula",
                format!(
                    "cbind( ) on the left is for {{field:family}} binomial and betabinomial, not {}",
                    family.r_name()
                ),
            ));
        }
        (Family::Gamma, None) => {
            if let Some(i) = y
                .iter()
                .position(|&v| v.is_nan() || v <= 0.0 || v.is_infinite())
            {
                return Err(Error::input(
                    locate(i, response),
                    format!(
                        "{}: a gamma response must be a number greater than 0 (a positive measurement such as a concentration); zeros and negative values are outside its support",
                        y[i]
                    ),
                ));
            }
        }
        (Family::Ordinal, None) => {}
        (Family::Beta, None) => {
            if let Some(i) = y.iter().position(|&v| v.is_nan() || v <= 0.0 || v >= 1.0) {
                return Err(Error::input(
                    locate(i, response),
                    format!(
                        "{}: a beta response must lie strictly between 0 and 1 (a proportion such as 0.37); 0 and 1 themselves are outside its support (squeeze them in first, e.g. (y (n - 1) + 0.5) / n, Smithson & Verkuilen 2006)",
                        y[i]
                    ),
                ));
            }
        }
        (_, None) => {
            if let Some(i) = y.iter().position(|&v| !whole(v)) {
                return Err(Error::input(
                    locate(i, response),
                    format!(
                        "{}: {} counts must be whole numbers ≥ 0 (0, 1, 2, ...)",
                        y[i],
                        family.r_name()
                    ),
                ));
            }
            if y.iter().all(|&v| v == 0.0) {
                return Err(Error::input(
                    format!("{}, column {response}", frame.source),
                    format!(
                        "every one of the {n} counts is 0: the rate is estimated as 0 (log rate −∞); a model needs some events"
                    ),
                ));
            }
        }
    }
    Ok(trials)
}

/// Fills `trials` from cbind(successes, `failures`) after checking the successes `y` and the
/// failures or trials column are whole numbers ≥ 0 (and the successes at most the trials).
fn binomial_trials(
    frame: &Frame,
    response: &str,
    failures: &Failures,
    y: &[f64],
    trials: &mut [f64],
    locate: Locate,
) -> Result<()> {
    for (i, &v) in y.iter().enumerate() {
        if !whole(v) {
            return Err(Error::input(
                locate(i, response),
                format!("{v} successes: the successes of cbind( ) must be whole numbers ≥ 0"),
            ));
        }
    }
    match failures {
        Failures::Column(c) => {
            for (i, &f) in numeric(frame, c)?.iter().enumerate() {
                if !whole(f) {
                    return Err(Error::input(
                        locate(i, c),
                        format!("{f} failures: the failures of cbind( ) must be whole numbers ≥ 0"),
                    ));
                }
                trials[i] = y[i] + f;
            }
        }
        Failures::TrialsMinusSuccesses(c) => {
            for (i, &t) in numeric(frame, c)?.iter().enumerate() {
                if !whole(t) {
                    return Err(Error::input(
                        locate(i, c),
                        format!("{t} trials: the trials must be whole numbers ≥ 0"),
                    ));
                }
                if y[i] > t {
                    return Err(Error::input(
                        locate(i, response),
                        format!(
                            "{} successes are more than the {t} trials in column '{c}'; successes must be between 0 and the trials",
                            y[i]
                        ),
                    ));
                }
                trials[i] = t;
            }
        }
    }
    Ok(())
}

/// Each row's offset: the sum of the formula's offset columns (logged for log( ) offsets,
/// which must be > 0).
fn offsets(formula: &Formula, frame: &Frame, locate: Locate) -> Result<Vec<f64>> {
    let mut offset = vec![0.0; frame.n_rows];
    for o in &formula.offsets {
        let values = numeric(frame, &o.column)?;
        for (i, &v) in values.iter().enumerate() {
            if o.log {
                if v <= 0.0 {
                    return Err(Error::input(
                        locate(i, &o.column),
                        format!(
                            "{v}: {} needs values > 0 (the logarithm of {v} is not defined); an exposure time of 0 cannot carry events — drop the row",
                            o.label()
                        ),
                    ));
                }
                offset[i] += v.ln();
            } else {
                offset[i] += v;
            }
        }
    }
    Ok(offset)
}

/// The random effects of every grouping factor (none for a GLM), each checked to have no more
/// effects than observations and at most [`MAX_Q`] per group.
fn random_factors(formula: &Formula, frame: &Frame) -> Result<Vec<RandomEffects>> {
    let n = frame.n_rows;
    let factors = if formula.random.is_empty() {
        Vec::new()
    } else {
        // An observation-level factor, (1 | obs), is identifiable here (overdispersion).
        RandomEffects::build_all_with(formula, frame, true)?
    };
    for re in &factors {
        let n_random = re.q() * re.levels.len();
        if n_random > n {
            return Err(Error::field(
                "formula",
                format!(
                    "{n_random} random effects ({} per group × {} groups of '{}') outnumber the {n} observations; use fewer random terms",
                    re.q(),
                    re.levels.len(),
                    re.group
                ),
            ));
        }
        if re.q() > MAX_Q {
            return Err(Error::field(
                "formula",
                format!(
                    "{} random effects per group of '{}'; at most {MAX_Q} are supported",
                    re.q(),
                    re.group
                ),
            ));
        }
    }
    Ok(factors)
}

/// The grouping factors' names, `a, b`, for a message that lists them.
fn group_names(factors: &[RandomEffects]) -> String {
    factors
        .iter()
        .map(|f| f.group.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks the number of quadrature nodes `nagq`: 1 (Laplace) to [`MAX_NODES`], and above 1
/// only for one scalar random effect.
fn check_nagq(nagq: usize, factors: &[RandomEffects]) -> Result<()> {
    if nagq == 0 || nagq > MAX_NODES {
        return Err(Error::field(
            "nagq",
            format!("{nagq}: the number of quadrature nodes must be 1 (Laplace) to {MAX_NODES}"),
        ));
    }
    if nagq > 1 && factors.len() > 1 {
        return Err(Error::field(
            "nagq",
            format!(
                "adaptive Gauss-Hermite quadrature ({{field:nagq}} above 1) is for one scalar random effect, and this model has {} grouping factors ({}); as lme4's glmer (nAGQ > 1 needs a single scalar random-effects term), use the Laplace approximation ({{field:nagq}} 1)",
                factors.len(),
                group_names(factors)
            ),
        ));
    }
    if nagq > 1 && factors.first().is_none_or(|re| re.q() != 1) {
        return Err(Error::field(
            "nagq",
            "adaptive Gauss-Hermite quadrature ({field:nagq} above 1) needs exactly one scalar random effect, such as (1 | patient); as lme4, use the Laplace approximation ({field:nagq} 1) otherwise",
        ));
    }
    Ok(())
}

/// The grouping of the rows in `order` (group order) by `re`: where each group starts, and the
/// random-effect design rows in that order.
fn grouping_of(re: &RandomEffects, order: &[usize]) -> Grouping {
    let q = re.q();
    let mut starts = vec![0usize; re.levels.len() + 1];
    for &g in &re.group_of_row {
        starts[g as usize + 1] += 1;
    }
    for k in 1..starts.len() {
        starts[k] += starts[k - 1];
    }
    let mut z = Vec::with_capacity(order.len() * q);
    for &i in order {
        z.extend_from_slice(&re.z[i * q..(i + 1) * q]);
    }
    Grouping { q, starts, z }
}

/// A one-sided formula of fixed terms, `text` (`~ arm`, `~ 1`: glmmTMB's `dispformula` or
/// `ziformula`, named by `field`), read with `response` on its left, so that `lmm`'s formula
/// reader and design matrices serve it; random terms, offsets and a left-hand side are refused,
/// naming `field`.
pub fn parse_side_formula(text: &str, response: &str, field: &'static str) -> Result<Formula> {
    let (what, example) = match field {
        "ziformula" => (
            "a zero-inflation formula",
            "~ 1 for one probability of a structural zero for all rows",
        ),
        _ => (
            "a dispersion formula",
            "~ 1 for one dispersion for all rows",
        ),
    };
    let trimmed = text.trim();
    let Some(right) = trimmed.strip_prefix('~') else {
        return Err(Error::field(
            field,
            format!(
                "'{trimmed}': {what} is one-sided, starting with ~ (for example ~ arm, or {example})"
            ),
        ));
    };
    let mut f = Formula::parse(&format!("{response} ~{right}"))
        .map_err(|e| Error::field(field, format!("'{trimmed}': {}", e.into_message())))?;
    if !f.random.is_empty() || !f.offsets.is_empty() || f.failures.is_some() {
        return Err(Error::field(
            field,
            format!(
                "'{trimmed}': {what} takes fixed terms only (factors and numeric columns, as glmmTMB's {field}): no random terms (1 | g) and no offsets"
            ),
        ));
    }
    f.text = trimmed.to_string();
    Ok(f)
}

/// [`parse_side_formula`] for glmmTMB's `dispformula`.
pub fn parse_dispersion_formula(text: &str, response: &str) -> Result<Formula> {
    parse_side_formula(text, response, "dispformula")
}

/// The design of the one-sided `formula` (field `field`) over the rows of `frame`, row-major,
/// with its number of columns and their names; refused without a column or with as many
/// columns as rows.
fn side_design(
    formula: &Formula,
    frame: &Frame,
    field: &'static str,
) -> Result<(Vec<f64>, usize, Vec<String>)> {
    let n = frame.n_rows;
    let d = fixed_matrix(formula, frame)?;
    if d.p == 0 || n <= d.p {
        return Err(Error::field(
            field,
            format!(
                "'{}' has {} columns for {n} rows; it needs at least one term (~ 1 for an intercept) and fewer columns than rows",
                formula.text, d.p
            ),
        ));
    }
    let design = (0..n).flat_map(|i| d.row(i).to_vec()).collect();
    Ok((design, d.p, d.names.clone()))
}

/// Refuses a zero-inflation formula for a family other than the Poisson and the negative
/// binomial, before the response is checked against the family.
fn zero_inflated_family(family: Family) -> Result<()> {
    if matches!(family, Family::Poisson | Family::NegativeBinomial) {
        return Ok(());
    }
    Err(Error::field(
        "ziformula",
        format!(
            "family {} has no zero-inflated form here; {{field:ziformula}} is for the count families poisson and negbin (glmmTMB's zero-inflated Poisson and nbinom2)",
            family.r_name()
        ),
    ))
}

/// The zero-inflation model of `family` with the formula `formula` (see [`build`]): none
/// without one; with one, only for the Poisson and the negative binomial
/// ([`zero_inflated_family`]), with the Laplace approximation (`nagq` 1), and for responses
/// `y` that have zeros. Any number of grouping factors: with several, the joint conditional
/// modes of [`super::several`] take the zero-inflated rows' terms as they take any family's.
fn zero_inflation_model(
    family: Family,
    formula: Option<&Formula>,
    frame: &Frame,
    nagq: usize,
    y: &[f64],
) -> Result<ZeroInflation> {
    let Some(f) = formula else {
        return Ok(ZeroInflation::None);
    };
    zero_inflated_family(family)?;
    if nagq > 1 {
        return Err(Error::field(
            "ziformula",
            "a zero-inflated model is fitted by the Laplace approximation ({field:nagq} 1), as glmmTMB's",
        ));
    }
    if !y.contains(&0.0) {
        return Err(Error::field(
            "ziformula",
            format!(
                "none of the {} counts is 0, so there are no zeros to inflate (the probability of a structural zero would be estimated as 0, its logit as −∞); fit the model without {{field:ziformula}}",
                y.len()
            ),
        ));
    }
    let (design, r, names) = side_design(f, frame, "ziformula")?;
    Ok(ZeroInflation::Linear { design, r, names })
}

/// The dispersion model of `family` with the formula `dispersion` (see [`build`]): the
/// negative binomial's one 1/θ by default, one log shape or log precision for the gamma, the
/// beta and the beta-binomial, none for the Poisson and the binomial (which refuse a formula).
fn dispersion_model(
    family: Family,
    dispersion: Option<&Formula>,
    frame: &Frame,
) -> Result<Dispersion> {
    let n = frame.n_rows;
    match (family.has_dispersion(), dispersion, family) {
        (false, None, _) => Ok(Dispersion::None),
        (false, Some(_), _) => Err(Error::field(
            "dispformula",
            format!(
                "family {} has no dispersion parameter to model; {{field:dispformula}} is for the families negbin, gamma, beta and betabinomial",
                family.r_name()
            ),
        )),
        (true, None, Family::NegativeBinomial) => Ok(Dispersion::Shared),
        (true, None, _) => Ok(Dispersion::Linear {
            design: vec![1.0; n],
            r: 1,
            names: vec!["(Intercept)".to_string()],
        }),
        (true, Some(f), _) => {
            let (design, r, names) = side_design(f, frame, "dispformula")?;
            Ok(Dispersion::Linear { design, r, names })
        }
    }
}
