//! The common calls in one place: `use trialstats::prelude::*;`.
//!
//! Each function here is a short road into one module, with the defaults the command line
//! uses: 95 % intervals, REML, integer scales, ties rounded either way (scrutiny's
//! `up_or_down`). For any other choice, call the module itself; the types it needs are
//! re-exported here too.
//!
//! | call | what it gives | module |
//! |---|---|---|
//! | [`read_two_arm_spread`] | is an unlabelled ± of two arms an SD or an SE, by the p the document prints? | [`crate::reading`] |
//! | [`mean_sd_from_quartiles`] | the mean and SD behind a median with its quartiles (Luo et al. 2018; Wan et al. 2014) | [`crate::convert`] |
//! | [`grim_check`] | can this mean come from n integers? | [`crate::checks::grim`] |
//! | [`grimmer_check`] | can this mean and SD come from n integers? | [`crate::checks::grimmer`] |
//! | [`sprite_check`] | samples on a bounded scale that give this mean and SD | [`crate::checks::sprite`] |
//! | [`standardised_mean_difference`] | Hedges' g of two arms, as metafor's `escalc("SMD")` | [`crate::effect`] |
//! | [`random_effects`] | the REML random-effects model, as metafor's `rma` | [`crate::meta`] |
//! | [`paired_change`] | the paired t-test of a change from before/after summaries at an r | [`crate::prepost`] |
//! | [`verify_folder`] | every expectation pinned in a data folder, recomputed | [`crate::verify`] |
//!
//! The examples are doctests: each number in them comes from an independent reference (R,
//! or arithmetic shown in the example), so `cargo test --doc` checks them.

use crate::checks::exact::Grid;
use crate::error::Result;
use std::path::Path;

pub use crate::checks::Status;
pub use crate::checks::exact::Rounding;
pub use crate::checks::grim::{Grim, grim};
pub use crate::checks::grimmer::{Grimmer, grimmer};
pub use crate::checks::sprite::{Sprite, SpriteRequest, sprite};
pub use crate::convert::{FiveNumbers, MeanSd, MedianMethod};
pub use crate::effect::two_group::{GroupSummary, two_group};
pub use crate::effect::{EffectSize, MeasureCode, PrePostSummary};
pub use crate::error::Error;
pub use crate::level::ConfidenceLevel;
pub use crate::meta::{MetaData, MetaFit, MetaOptions, Method, Test, fit};
pub use crate::prepost::{PairedTest, paired_t_test};
pub use crate::reading::{SpreadReading, Verdict};
pub use crate::reported::{ReportedNumber, Scale, SpreadKind};
pub use crate::verify::VerifyReport;

/// GRIM (Brown & Heathers 2017) on a mean as printed, for `n` integer values.
///
/// The mean of 28 integers is a sum over 28: 145/28 = 5.18 and 146/28 = 5.21, so a printed
/// 5.19 is impossible, while 5.18 is possible.
///
/// ```
/// use trialstats::prelude::*;
/// let g = grim_check("5.19", 28)?;
/// assert_eq!(g.status, Status::Inconsistent);
/// assert_eq!(g.consistent, Some(false));
/// assert_eq!(grim_check("5.18", 28)?.consistent, Some(true));
/// // With 200 values every two-decimal mean is possible: the test cannot say.
/// assert_eq!(grim_check("5.19", 200)?.consistent, None);
/// # Ok::<(), trialstats::Error>(())
/// ```
pub fn grim_check(mean: &str, n: u64) -> Result<Grim> {
    let mean = ReportedNumber::parse(mean, "mean")?;
    Ok(grim(&mean, n, Grid::INTEGER, Rounding::UpOrDown)?)
}

/// GRIMMER (Anaya 2016; Allard 2018) on a mean and SD as printed, for `n` integer values.
///
/// Three integers with mean 2.0 sum to 6; an SD of 1.0 needs squared deviations summing to
/// 2, which only (1, 2, 3) gives. An SD printed 0.5 (0.45 to 0.55) needs them to sum to 0.405
/// to 0.605, which no integers give.
///
/// ```
/// use trialstats::prelude::*;
/// assert_eq!(grimmer_check("2.0", "1.0", 3)?.consistent, Some(true));
/// assert_eq!(grimmer_check("2.0", "0.5", 3)?.consistent, Some(false));
/// # Ok::<(), trialstats::Error>(())
/// ```
pub fn grimmer_check(mean: &str, sd: &str, n: u64) -> Result<Grimmer> {
    let mean = ReportedNumber::parse(mean, "mean")?;
    let sd = ReportedNumber::parse(sd, "sd")?;
    Ok(grimmer(
        &mean,
        &sd,
        SpreadKind::Sd,
        n,
        Grid::INTEGER,
        Rounding::UpOrDown,
    )?)
}

/// SPRITE (Heathers et al. 2018): up to 5 samples of `n` integers in `[min, max]` whose
/// mean and SD round to the printed ones, by exhaustive search where it finishes.
///
/// Three integers with mean 2.0 and SD 1.0 can only be (1, 2, 3) (see [`grimmer_check`]).
///
/// ```
/// use trialstats::prelude::*;
/// let s = sprite_check("2.0", "1.0", 3, "1", "7")?;
/// assert_eq!(s.total_samples, Some(1));
/// assert_eq!(s.samples, vec![vec![1.0, 2.0, 3.0]]);
/// # Ok::<(), trialstats::Error>(())
/// ```
pub fn sprite_check(mean: &str, sd: &str, n: u64, min: &str, max: &str) -> Result<Sprite> {
    let scale = Scale::new(
        Some(ReportedNumber::parse(min, "min")?),
        Some(ReportedNumber::parse(max, "max")?),
        Some(ReportedNumber::parse("1", "step")?),
    )
    .map_err(|why| Error::input("scale", why))?;
    Ok(sprite(&SpriteRequest {
        mean: ReportedNumber::parse(mean, "mean")?,
        sd: ReportedNumber::parse(sd, "sd")?,
        kind: SpreadKind::Sd,
        n,
        scale,
        samples: 5,
        seed: 1,
        random_fallback: true,
        rounding: Rounding::UpOrDown,
    })?)
}

/// What an unlabelled `mean ± spread` of two arms is, decided by the p-value the document
/// prints for their difference (unadjusted, two-sided): each arm is `(mean, spread, n)` as
/// printed, `p` as printed (`"0.382"`, `"<0.001"`). The verdict is `SD`, `SEM`,
/// `undecided` (both or neither reading reproduce p) or `contradicted`; the reason and the
/// recomputed p of each reading come with it. For a CI, t, a printed difference ± its SE,
/// an adjusted comparison, a before/after change or a scale, build a
/// [`crate::reading::question::SpreadQuestion`] (what `check spread` does).
///
/// ```
/// use trialstats::prelude::*;
/// // J Hum Hypertens 2017;31:647 (PMID 28447625): "similar diastolic BP (81±8 versus 82±7
/// // mm Hg, P=0.382)", 88 per arm. Worked out by hand (scipy, tests/data/spread_readings):
/// // read as SDs, Welch's t = 0.88 on 171 df gives p = 0.379, which rounds near 0.382; read
/// // as SEMs, p = 0.925 over the whole rounding box, which excludes 0.382.
/// let r = read_two_arm_spread(("81", "8", 88), ("82", "7", 88), "0.382")?;
/// assert_eq!(r.verdict, Verdict::Sd);
/// # Ok::<(), trialstats::Error>(())
/// ```
pub fn read_two_arm_spread(
    arm1: (&str, &str, u64),
    arm2: (&str, &str, u64),
    p: &str,
) -> Result<SpreadReading> {
    use crate::reading::PrintedTest;
    use crate::reading::comparison::{Adjusted, Group, Groups, PrintedComparison};
    use crate::reading::question::{Design, SpreadQuestion, read_spread};
    let group = |(mean, spread, n): (&str, &str, u64), what: &str| -> Result<Group> {
        Ok(Group::new(
            ReportedNumber::parse(mean, what)?,
            crate::checks::input::spread(spread, what)?,
            n,
            what,
        )?)
    };
    Ok(read_spread(&SpreadQuestion {
        design: Design::Groups(
            Groups::Two(group(arm1, "arm 1")?, group(arm2, "arm 2")?),
            PrintedComparison {
                difference: None,
                spread: None,
                test: PrintedTest {
                    ci: None,
                    t: None,
                    p: Some(crate::reported::ReportedP::parse(p, "p")?),
                    claim: None,
                },
            },
        ),
        adjusted: Adjusted::No,
        label: SpreadKind::NotReported,
        scale: None,
        rounding: Rounding::UpOrDown,
    })?)
}

/// The mean and SD of `n` values estimated from their median and quartiles by Luo et al.
/// (2018) for the mean and Wan et al. (2014) for the SD, metafor's `conv.fivenum` default;
/// the analysis says so wherever it uses them. Other methods and the range scenarios:
/// [`crate::convert::mean_sd`].
///
/// ```
/// use trialstats::prelude::*;
/// // ?conv.fivenum (metafor >= 4), study 2: q1 = 4, median = 6, q3 = 10, n = 20 gives
/// // mean 6.7195 and SD 4.7870760433704662; by hand, Luo's weight 0.7 + 0.39/n = 0.7195 on
/// // (q1 + q3)/2 and (q3 − q1)/(2 Φ⁻¹((0.75n − 0.125)/(n + 0.25))) (R: 6/(2*qnorm(14.875/20.25))).
/// let m = mean_sd_from_quartiles(20, 4.0, 6.0, 10.0)?;
/// assert!((m.mean - 6.7195).abs() < 1e-12);
/// assert!((m.sd - 4.7870760433704662).abs() < 1e-12);
/// # Ok::<(), trialstats::Error>(())
/// ```
pub fn mean_sd_from_quartiles(n: u64, q1: f64, median: f64, q3: f64) -> Result<MeanSd> {
    Ok(crate::convert::mean_sd(
        &FiveNumbers {
            min: None,
            q1: Some(q1),
            median,
            q3: Some(q3),
            max: None,
            n,
        },
        MedianMethod::LuoWanShi,
        crate::convert::Distribution::Norm,
        "quartiles",
    )?)
}

/// Hedges' g of `group1` against `group2` (group1 − group2) with its variance and 95 %
/// interval, as metafor's `escalc("SMD")`.
///
/// ```
/// use trialstats::prelude::*;
/// let g = standardised_mean_difference(
///     GroupSummary { mean: 10.2, sd: 2.1, n: 25.0 },
///     GroupSummary { mean: 8.9, sd: 2.5, n: 23.0 },
/// )?;
/// // R: summary(escalc("SMD", m1i=10.2, sd1i=2.1, n1i=25, m2i=8.9, sd2i=2.5, n2i=23))
/// assert!((g.estimate - 0.55594305424155732).abs() < 1e-12);
/// assert!((g.variance.unwrap() - 0.086697767948309301).abs() < 1e-12);
/// assert!((g.ci_lower.unwrap() - -0.021158241389915955).abs() < 1e-12);
/// assert!((g.ci_upper.unwrap() - 1.1330443498730305).abs() < 1e-12);
/// # Ok::<(), trialstats::Error>(())
/// ```
pub fn standardised_mean_difference(
    group1: GroupSummary,
    group2: GroupSummary,
) -> Result<EffectSize> {
    Ok(two_group(
        MeasureCode::SMD,
        &group1,
        &group2,
        ConfidenceLevel::NINETY_FIVE,
    )?)
}

/// The random-effects model of effects `yi` with sampling variances `vi`, τ² by REML, z
/// tests and 95 % intervals: metafor's `rma(yi, vi)`. Studies are labelled 1, 2, ….
///
/// ```
/// use trialstats::prelude::*;
/// // The BCG vaccine trials, log risk ratios: metafor's
/// // dat <- escalc("RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg)
/// let yi = [-0.88931133392020545, -1.5853886572014306, -1.3480731482996933,
///     -1.4415511900213054, -0.21754732221129558, -0.78611558581886398, -1.6208982235983918,
///     0.011952333523840508, -0.4694176487381494, -1.3713448034727844, -0.33935882833839059,
///     0.44591340057137874, -0.017313948216879815];
/// let vi = [0.32558476500396133, 0.19458112139814385, 0.41536796536796539,
///     0.020010031902247573, 0.051210172169630863, 0.0069056184559087574, 0.22301724757231517,
///     0.0039615792978177295, 0.056434210463248966, 0.07302479361302891, 0.01241221397155972,
///     0.53250584520015276, 0.071404659683986293];
/// let fit = random_effects(&yi, &vi)?;
/// // R: rma(yi, vi, data=dat, control=list(threshold=1e-12, maxiter=1000))
/// assert!((fit.estimate - -0.71453234215813966).abs() < 1e-6);
/// assert!((fit.se - 0.1797815161052069).abs() < 1e-6);
/// assert!((fit.tau2 - 0.3132432581364859).abs() < 1e-6);
/// # Ok::<(), trialstats::Error>(())
/// ```
pub fn random_effects(yi: &[f64], vi: &[f64]) -> Result<MetaFit> {
    if yi.len() != vi.len() {
        return Err(Error::input(
            "vi",
            format!(
                "{} effects but {} variances: give one variance per effect",
                yi.len(),
                vi.len()
            ),
        ));
    }
    let rows = yi
        .iter()
        .zip(vi)
        .enumerate()
        .map(|(i, (&y, &v))| ((i + 1).to_string(), y, v))
        .collect();
    Ok(fit(&MetaData::from_triples(rows), &MetaOptions::default())?)
}

/// The paired t-test of after − before from `n` patients' before and after `(mean, SD)` at a
/// pre/post correlation `r` (what `t.test(after, before, paired = TRUE)` gives on the patient
/// data), with a 95 % interval.
///
/// ```
/// use trialstats::prelude::*;
/// // R: b <- c(4,5,3,6,5,7,4); a <- c(3,4,3,4,4,5,4)
/// //    mean(b), sd(b), mean(a), sd(a), cor(a, b); t.test(a, b, paired = TRUE)
/// let t = paired_change(
///     7,
///     (4.8571428571428568, 1.3451854182690985),
///     (3.8571428571428572, 0.69006555934235425),
///     0.87208159927238094,
/// )?;
/// assert!((t.t - -3.2403703492039302).abs() < 1e-9);
/// assert!((t.p - 0.017678667376839822).abs() < 1e-9);
/// assert!((t.ci_lower - -1.7551333913872247).abs() < 1e-9);
/// assert!((t.ci_upper - -0.24486660861277548).abs() < 1e-9);
/// # Ok::<(), trialstats::Error>(())
/// ```
pub fn paired_change(n: u64, before: (f64, f64), after: (f64, f64), r: f64) -> Result<PairedTest> {
    let summary = crate::prepost::paired_summary("summary", n as f64, before, after)?;
    Ok(paired_t_test(&summary, r, ConfidenceLevel::NINETY_FIVE)?)
}

/// Load every study file in `dir` and recompute every expectation pinned in them (the
/// `verify` command).
///
/// ```
/// use trialstats::prelude::*;
/// // The project's own data: every derived number the documents print is recomputed.
/// let report = verify_folder("data")?;
/// assert!(report.all_hold());
/// assert!(!report.verifications.is_empty());
/// # Ok::<(), trialstats::Error>(())
/// ```
pub fn verify_folder(dir: impl AsRef<Path>) -> Result<VerifyReport> {
    let studies = crate::study::load_dir(dir.as_ref())?;
    Ok(crate::verify::verify_all(&studies)?)
}
