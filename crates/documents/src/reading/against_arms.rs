//! A comparison of two arms as the document prints it (its difference, the ± of that
//! difference, its CI, t or p) beside the same comparison recomputed from the two arms'
//! printed summaries alone: the difference of their means, and its SE from their spreads (read
//! as one [`Reading`] says) and n, by Welch's t test, as R's `t.test` gives it on data with
//! those means, SDs and n ([`super::comparison`]'s arithmetic, checked against R there). Where
//! Student's t or z gives more of the printed numbers, that test is used and named.
//!
//! Each printed number is checked as [`super::comparison`] checks one: the interval its own
//! digits allow must meet the range the recomputed value takes over the rounding of every
//! printed input (a mean printed `8.4` is anything in [8.35, 8.45]). A bound (`p < 0.001`)
//! agrees when the recomputed p can lie on its side. The two agree ([`Agreement`]):
//!
//! - **reproduced**: every printed number is one the arms give;
//! - **compatible**: not every one is, but the printed difference (or the middle of its
//!   printed CI) lies within the CI recomputed from the arms; where only a p or t is printed,
//!   both lie on the same side of α. An adjusted analysis (ANCOVA, MMRM), other n's
//!   (completers) or another test give such numbers;
//! - **contradicted**: the printed difference lies outside the recomputed CI (printed with the
//!   opposite sign, say), or a printed p or t on the other side of α than the arms'.
//!
//! Each recomputed number is written to the decimals its printed counterpart has, so that the
//! two read side by side (`95% CI -3.50 to -2.03` beside `-3.55 to -2.07`).

use super::comparison::{Group, Groups, PrintedComparison, Range, Test, point, ranges, sig};
use super::{Reading, Recomputed};
use crate::level::ConfidenceLevel;
use crate::reported::ReportedP;
use serde::Serialize;

/// Whether a printed comparison and the one recomputed from the arms agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Agreement {
    /// Every printed number is one the arms give, within the rounding of its digits.
    #[serde(rename = "reproduced")]
    Reproduced,
    /// The printed difference lies within the recomputed CI, though not every printed number
    /// is one the arms give.
    #[serde(rename = "compatible")]
    Compatible,
    /// The printed difference lies outside the recomputed CI (or a printed p on the other
    /// side of α).
    #[serde(rename = "contradicted")]
    Contradicted,
    /// An arm does not print its mean, ± and n at the time point compared.
    #[serde(rename = "not recomputed")]
    NotRecomputed,
}

impl Agreement {
    /// `reproduced`, `compatible`, `contradicted`, `not recomputed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Agreement::Reproduced => "reproduced",
            Agreement::Compatible => "compatible",
            Agreement::Contradicted => "contradicted",
            Agreement::NotRecomputed => "not recomputed",
        }
    }
}

/// One printed number of a comparison beside the same number recomputed from the arms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemCheck {
    /// `difference`, `± of the difference`, `95% CI`, `t`, `p`.
    pub item: String,
    /// As printed: `-2.77`, `-3.50 to -2.03`, `< 0.001`.
    pub printed: String,
    /// Recomputed, to the printed number's decimals: `-2.81`, `-3.55 to -2.07`, `< 0.001`.
    pub recomputed: String,
    /// Whether the printed number is one the arms give (a bound: whether it can hold).
    pub agrees: bool,
}

/// A printed comparison against the one recomputed from the two arms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgainstArms {
    /// How each arm's ± was read.
    pub reading: Reading,
    /// The comparison recomputed from the arms, at their printed values: the difference of
    /// their means, its SE, statistic, df, p and CI.
    pub recomputed: Recomputed,
    /// Each printed number against its recomputed counterpart.
    pub items: Vec<ItemCheck>,
    /// Whether the printed difference (else the middle of the printed CI) lies within the
    /// recomputed CI over the rounding of the inputs; `None` when neither is printed.
    pub estimate_within: Option<bool>,
    pub agreement: Agreement,
    /// Why, in words, with the numbers that decide it.
    pub why: String,
}

impl AgainstArms {
    /// The recomputed comparison in words, each number to its printed counterpart's
    /// decimals (else three significant digits): `difference -2.81, 95% CI -3.55 to -2.07,
    /// p < 0.001 (Welch t on 666 df)`.
    pub fn words(&self) -> String {
        let rc = &self.recomputed;
        let item = |name: &str| {
            self.items
                .iter()
                .find(|i| i.item == name)
                .map(|i| i.recomputed.clone())
        };
        let ci_name = ci_item(rc.level);
        let mut parts = vec![
            format!(
                "difference {}",
                item("difference").unwrap_or_else(|| sig(rc.estimate))
            ),
            format!(
                "{ci_name} {}",
                item(&ci_name).unwrap_or_else(|| format!(
                    "{} to {}",
                    sig(rc.ci_lower),
                    sig(rc.ci_upper)
                ))
            ),
        ];
        if let Some(se) = item("± of the difference") {
            parts.push(format!("SE {se}"));
        }
        parts.push(said("p", &item("p").unwrap_or_else(|| p_at(rc.p, None))));
        let df = rc
            .df
            .map_or(String::new(), |df| format!(" on {} df", sig(df)));
        format!("{} ({}{df})", parts.join(", "), rc.test)
    }
}

/// The name of a CI item: `95% CI`.
fn ci_item(level: f64) -> String {
    format!("{}% CI", crate::output::human_number(level * 100.0))
}

/// `x` to `decimals` decimals (three significant digits when there is no printed
/// counterpart).
fn at(x: f64, decimals: Option<u32>) -> String {
    match decimals {
        Some(d) => {
            let s = format!("{x:.*}", d as usize);
            // No "-0.00".
            if s.trim_start_matches('-')
                .bytes()
                .all(|b| b == b'0' || b == b'.')
            {
                s.trim_start_matches('-').to_string()
            } else {
                s
            }
        }
        None => sig(x),
    }
}

/// A recomputed p to the printed p's decimals: `0.587`, or `< 0.001` when it rounds to 0
/// there (three decimals when nothing is printed).
fn p_at(p: f64, decimals: Option<u32>) -> String {
    let d = decimals.unwrap_or(3).max(1);
    let unit = 10f64.powi(-(d as i32));
    if p < unit / 2.0 {
        format!("< {unit:.*}", d as usize)
    } else {
        format!("{p:.*}", d as usize)
    }
}

/// An item and its value in words: `p = 0.587`, `p < 0.001`, `difference 2.20`.
fn said(item: &str, value: &str) -> String {
    if item == "p" && !value.starts_with(['<', '>']) {
        format!("p = {value}")
    } else {
        format!("{item} {value}")
    }
}

/// The printed numbers of `printed` against the ranges `r` of one test and its values `pt`
/// at the printed inputs; `d_range` is the range of the difference of the means.
fn item_checks(
    printed: &PrintedComparison,
    r: &super::comparison::Ranges,
    pt: &super::comparison::Point,
    d_range: Range,
    level: ConfidenceLevel,
) -> Vec<ItemCheck> {
    let mut out = Vec::new();
    let mut push = |item: String, printed: String, recomputed: String, agrees: bool| {
        out.push(ItemCheck {
            item,
            printed,
            recomputed,
            agrees,
        })
    };
    if let Some(d) = &printed.difference {
        push(
            "difference".into(),
            d.text.clone(),
            at(pt.estimate, Some(d.decimals)),
            Range::of(d).meets(d_range),
        );
    }
    if let Some(s) = &printed.spread {
        push(
            "± of the difference".into(),
            s.text.clone(),
            at(pt.se, Some(s.decimals)),
            Range::of(s).meets(r.se),
        );
    }
    if let Some((lo, hi, _)) = &printed.test.ci {
        push(
            ci_item(level.value()),
            format!("{} to {}", lo.text, hi.text),
            format!(
                "{} to {}",
                at(pt.ci.0, Some(lo.decimals)),
                at(pt.ci.1, Some(hi.decimals))
            ),
            Range::of(lo).meets(r.ci_lower) && Range::of(hi).meets(r.ci_upper),
        );
    }
    if let Some(t) = &printed.test.t {
        push(
            "t".into(),
            t.text.clone(),
            at(pt.statistic.abs().copysign(t.value), Some(t.decimals)),
            Range::of(t).abs().meets(r.statistic),
        );
    }
    if let Some(p) = &printed.test.p {
        let (lo, hi) = p.interval();
        push(
            "p".into(),
            match p.relation {
                crate::reported::Relation::Eq => p.number.text.clone(),
                r => format!("{} {}", r.as_str(), p.number.text),
            },
            p_at(pt.p, Some(p.number.decimals)),
            Range(lo, hi).meets(r.p),
        );
    }
    out
}

/// The estimate the document prints: its difference, else the middle of its CI, with the
/// interval its digits allow.
fn printed_estimate(printed: &PrintedComparison) -> Option<(String, Range)> {
    if let Some(d) = &printed.difference {
        return Some((d.text.clone(), Range::of(d)));
    }
    let (lo, hi, _) = printed.test.ci.as_ref()?;
    let mid = (lo.value + hi.value) / 2.0;
    let half = (lo.half_unit() + hi.half_unit()) / 2.0;
    Some((
        format!("{} (the middle of its CI)", sig(mid)),
        Range(mid - half, mid + half),
    ))
}

/// Whether a printed p (or the p of a printed t) is below α, when the document prints one
/// that says.
fn printed_significant(printed: &PrintedComparison, alpha: f64) -> Option<bool> {
    let p: &ReportedP = printed.test.p.as_ref()?;
    let (lo, hi) = p.interval();
    if hi < alpha {
        Some(true)
    } else if lo >= alpha {
        Some(false)
    } else {
        None
    }
}

/// The comparison `printed` of `arm` against `control` (arm − control), recomputed from their
/// printed means, spreads (read as `reading`) and n, at the printed CI's level (else `level`).
///
/// ```
/// use trialstats_documents::reading::against_arms::{against_arms, Agreement};
/// use trialstats_documents::reading::comparison::{Group, PrintedComparison};
/// use trialstats_documents::reading::{PrintedTest, Reading};
/// use trialstats_documents::study::ReportedNumber;
/// use trialstats_numerics::level::ConfidenceLevel;
/// let n = |s: &str| ReportedNumber::parse(s, "x").unwrap();
/// // 12.4 ± 3.1 (n = 40) against 10.2 ± 3.5 (n = 42), ± an SD: R's
/// // t.test gives 2.2, 95% CI 0.748 to 3.652 (Welch), so a printed "2.20 (0.75 to 3.65)" is
/// // reproduced; one printed the other way round, -2.20, is contradicted.
/// let arm = Group::new(n("12.4"), n("3.1"), 40, "arm")?;
/// let control = Group::new(n("10.2"), n("3.5"), 42, "control")?;
/// let printed = |d: &str, lo: &str, hi: &str| PrintedComparison {
///     difference: Some(n(d)),
///     test: PrintedTest { ci: Some((n(lo), n(hi), ConfidenceLevel::NINETY_FIVE)), ..Default::default() },
///     ..Default::default()
/// };
/// let level = ConfidenceLevel::NINETY_FIVE;
/// let a = against_arms(&arm, &control, &printed("2.20", "0.75", "3.65"), Reading::Sd, level);
/// assert_eq!(a.agreement, Agreement::Reproduced);
/// let b = against_arms(&arm, &control, &printed("-2.20", "-3.65", "-0.75"), Reading::Sd, level);
/// assert_eq!(b.agreement, Agreement::Contradicted);
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn against_arms(
    arm: &Group,
    control: &Group,
    printed: &PrintedComparison,
    reading: Reading,
    level: ConfidenceLevel,
) -> AgainstArms {
    let level = printed.test.ci.as_ref().map_or(level, |c| c.2);
    let groups = Groups::Two(arm.clone(), control.clone());
    let d = arm.mean.value - control.mean.value;
    let d_range = Range(
        arm.mean.value - arm.mean.half_unit() - (control.mean.value + control.mean.half_unit()),
        arm.mean.value + arm.mean.half_unit() - (control.mean.value - control.mean.half_unit()),
    );
    let spreads = [arm.spread.value, control.spread.value];
    let ns = [arm.n as f64, control.n as f64];
    // The test that gives the most printed numbers; Welch's on a tie.
    let by = |test: Test| {
        let r = ranges(test, reading, &groups, d_range, (1.0, 1.0), level);
        let pt = point(test, reading, d, &spreads, &ns, 1.0, level);
        let items = item_checks(printed, &r, &pt, d_range, level);
        let agreeing = items.iter().filter(|i| i.agrees).count();
        (agreeing, test, items, r, pt)
    };
    let mut best = by(Test::Welch);
    for test in [Test::Student, Test::Z] {
        let other = by(test);
        if other.0 > best.0 {
            best = other;
        }
    }
    let (agreeing, test, items, r, pt) = best;
    let recomputed = Recomputed::at(
        test,
        &pt,
        &r,
        level,
        printed.spread.as_ref().map(|s| s.value),
    );
    let estimate = printed_estimate(printed);
    let estimate_within = estimate
        .as_ref()
        .map(|(_, e)| e.meets(Range(r.ci_lower.0, r.ci_upper.1)));
    let alpha = level.alpha();
    let arms_significant = if r.p.1 < alpha {
        Some(true)
    } else if r.p.0 >= alpha {
        Some(false)
    } else {
        None
    };
    let significance_differs = matches!(
        (printed_significant(printed, alpha), arms_significant),
        (Some(a), Some(b)) if a != b
    );
    let agreement = if !items.is_empty() && agreeing == items.len() {
        Agreement::Reproduced
    } else if estimate_within == Some(false) || (estimate.is_none() && significance_differs) {
        Agreement::Contradicted
    } else {
        Agreement::Compatible
    };
    let why = why(&Why {
        agreement,
        items: &items,
        estimate: estimate.as_ref(),
        recomputed: &recomputed,
        reading,
        d_range,
        r: &r,
    });
    AgainstArms {
        reading,
        recomputed,
        items,
        estimate_within,
        agreement,
        why,
    }
}

/// What [`why`] says from.
struct Why<'a> {
    agreement: Agreement,
    items: &'a [ItemCheck],
    estimate: Option<&'a (String, Range)>,
    recomputed: &'a Recomputed,
    reading: Reading,
    d_range: Range,
    r: &'a super::comparison::Ranges,
}

/// Why the two agree or not, in one sentence with the numbers that decide it.
fn why(w: &Why) -> String {
    let rc = w.recomputed;
    let how = format!("{}, ± read as {}", rc.test, w.reading.with_article());
    let ci = format!(
        "{} {} to {}",
        ci_item(rc.level),
        sig(rc.ci_lower),
        sig(rc.ci_upper)
    );
    let missed: Vec<String> = w
        .items
        .iter()
        .filter(|i| !i.agrees)
        .map(|i| format!("{} (arms: {})", said(&i.item, &i.printed), i.recomputed))
        .collect();
    let not_given = if missed.is_empty() {
        String::new()
    } else {
        format!("; not what the arms give: {}", missed.join(", "))
    };
    match (w.agreement, w.estimate) {
        (Agreement::Reproduced, _) => format!(
            "every printed number is what the two arms give ({how}), within the rounding of its digits"
        ),
        (Agreement::Contradicted, Some((text, e))) => {
            // Printed the other way round: its negative is what the arms give.
            let flipped = Range(-e.1, -e.0).meets(Range(w.r.ci_lower.0, w.r.ci_upper.1))
                && !e.meets(w.d_range);
            let other_way = if flipped {
                "; its negative lies within it: the document may subtract the arms the other way round"
            } else {
                ""
            };
            format!(
                "the printed difference {text} lies outside the {ci} recomputed from the arms ({how}){other_way}{not_given}"
            )
        }
        (Agreement::Contradicted, None) => format!(
            "the printed p and the arms' ({}, {how}) lie on opposite sides of α = {}{not_given}",
            said("p", &p_at(rc.p, None)),
            crate::output::human_number(1.0 - rc.level)
        ),
        (_, Some((text, _))) => format!(
            "the printed difference {text} lies within the {ci} recomputed from the arms ({how}){not_given}"
        ),
        (_, None) => format!(
            "the arms give {} ({how}){not_given}",
            said("p", &p_at(rc.p, None))
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reading::PrintedTest;
    use crate::reported::{ReportedNumber, ReportedP};

    fn rn(t: &str) -> ReportedNumber {
        ReportedNumber::parse(t, "test").unwrap()
    }
    fn group(m: &str, s: &str, n: u64) -> Group {
        Group::new(rn(m), rn(s), n, "test").unwrap()
    }
    fn printed(d: Option<&str>, ci: Option<(&str, &str)>, p: Option<&str>) -> PrintedComparison {
        PrintedComparison {
            difference: d.map(rn),
            spread: None,
            test: PrintedTest {
                ci: ci.map(|(lo, hi)| (rn(lo), rn(hi), L95)),
                p: p.map(|p| ReportedP::parse(p, "p").unwrap()),
                ..Default::default()
            },
        }
    }
    const L95: ConfidenceLevel = ConfidenceLevel::NINETY_FIVE;

    // R 4.x, data with exactly these means, SDs and n:
    //   mk <- function(n, m, s) { z <- rnorm(n); m + s * (z - mean(z)) / sd(z) }
    //   t.test(mk(40, 12.4, 3.1), mk(42, 10.2, 3.5))
    // gives 2.2, 95% CI 0.74848015288909087 to 3.6515198471109116, p = 0.0034323241955558355,
    // df = 79.590997866711533, t = 3.0164829967089895; with var.equal = TRUE, CI
    // 0.74425968470822568 to 3.6557403152917765, p = 0.0035196799086485279 on 80 df.
    #[test]
    fn the_recomputed_comparison_is_r_t_test_on_the_summaries() {
        let a = against_arms(
            &group("12.4", "3.1", 40),
            &group("10.2", "3.5", 42),
            &printed(Some("2.20"), Some(("0.75", "3.65")), Some("0.003")),
            Reading::Sd,
            L95,
        );
        let rc = &a.recomputed;
        assert_eq!(rc.test, "Welch t");
        approx::assert_relative_eq!(rc.estimate, 2.2, max_relative = 1e-12);
        approx::assert_relative_eq!(rc.ci_lower, 0.748_480_152_889_090_9, max_relative = 1e-9);
        approx::assert_relative_eq!(rc.ci_upper, 3.651_519_847_110_911_6, max_relative = 1e-9);
        approx::assert_relative_eq!(rc.p, 0.003_432_324_195_555_835_5, max_relative = 1e-7);
        approx::assert_relative_eq!(rc.df.unwrap(), 79.590_997_866_711_53, max_relative = 1e-9);
        approx::assert_relative_eq!(rc.statistic, 3.016_482_996_708_989_5, max_relative = 1e-9);
        assert_eq!(a.agreement, Agreement::Reproduced, "{}", a.why);
        assert!(a.items.iter().all(|i| i.agrees), "{:?}", a.items);
        assert_eq!(
            a.words(),
            "difference 2.20, 95% CI 0.75 to 3.65, p = 0.003 (Welch t on 79.6 df)"
        );
        assert!(a.why.starts_with(
            "every printed number is what the two arms give (Welch t, ± read as an SD)"
        ));
    }

    // R: t.test(mk(30, 5.1, 0.4 * sqrt(30)), mk(28, 4.0, 0.5 * sqrt(28))): ± read as an SEM,
    // each SD = SEM·√n: 1.1, 95% CI -0.18454871188708097 to 2.3845487118870801,
    // p = 0.091698317947279548 on 52.571114750169748 df.
    #[test]
    fn an_sem_is_made_an_sd_with_each_arms_n() {
        let a = against_arms(
            &group("5.1", "0.4", 30),
            &group("4.0", "0.5", 28),
            &printed(Some("1.1"), Some(("-0.18", "2.38")), Some("0.09")),
            Reading::Sem,
            L95,
        );
        let rc = &a.recomputed;
        approx::assert_relative_eq!(rc.ci_lower, -0.184_548_711_887_080_97, max_relative = 1e-9);
        approx::assert_relative_eq!(rc.ci_upper, 2.384_548_711_887_080_1, max_relative = 1e-9);
        approx::assert_relative_eq!(rc.p, 0.091_698_317_947_279_548, max_relative = 1e-8);
        approx::assert_relative_eq!(rc.df.unwrap(), 52.571_114_750_169_748, max_relative = 1e-9);
        assert_eq!(a.agreement, Agreement::Reproduced, "{}", a.why);
        // The same numbers as SDs: an SE √n times smaller, a CI that excludes 0, p < 0.001.
        let sd = against_arms(
            &group("5.1", "0.4", 30),
            &group("4.0", "0.5", 28),
            &printed(Some("1.1"), Some(("-0.18", "2.38")), Some("0.09")),
            Reading::Sd,
            L95,
        );
        assert_eq!(sd.agreement, Agreement::Compatible, "{}", sd.why);
        assert!(sd.why.contains("p = 0.09 (arms: < 0.01)"), "{}", sd.why);
    }

    #[test]
    fn an_adjusted_looking_difference_within_the_interval_is_compatible() {
        // The printed CI narrower than the raw arms give (an ANCOVA's), its difference inside.
        let a = against_arms(
            &group("12.4", "3.1", 40),
            &group("10.2", "3.5", 42),
            &printed(Some("2.0"), Some(("1.1", "2.9")), None),
            Reading::Sd,
            L95,
        );
        assert_eq!(a.agreement, Agreement::Compatible, "{}", a.why);
        assert_eq!(a.estimate_within, Some(true));
        assert!(
            a.why.starts_with(
                "the printed difference 2.0 lies within the 95% CI 0.748 to 3.65 recomputed from the arms (Welch t, ± read as an SD); not what the arms give: difference 2.0 (arms: 2.2), 95% CI 1.1 to 2.9 (arms: 0.7 to 3.7)"
            ),
            "{}",
            a.why
        );
    }

    #[test]
    fn a_difference_printed_the_other_way_round_is_contradicted_and_said_so() {
        let a = against_arms(
            &group("12.4", "3.1", 40),
            &group("10.2", "3.5", 42),
            &printed(Some("-2.20"), Some(("-3.65", "-0.75")), Some("0.003")),
            Reading::Sd,
            L95,
        );
        assert_eq!(a.agreement, Agreement::Contradicted, "{}", a.why);
        assert!(
            a.why
                .contains("the printed difference -2.20 lies outside the 95% CI 0.748 to 3.65"),
            "{}",
            a.why
        );
        assert!(
            a.why
                .contains("the document may subtract the arms the other way round")
        );
        // The p alone agrees: the sign is not in it.
        assert!(a.items.iter().any(|i| i.item == "p" && i.agrees));
    }

    #[test]
    fn a_p_alone_is_checked_against_alpha() {
        let arm = group("12.4", "3.1", 40);
        let control = group("10.2", "3.5", 42);
        let on = |p: &str| {
            against_arms(
                &arm,
                &control,
                &printed(None, None, Some(p)),
                Reading::Sd,
                L95,
            )
        };
        assert_eq!(on("0.003").agreement, Agreement::Reproduced);
        assert_eq!(on("< 0.01").agreement, Agreement::Reproduced);
        // Significant both ways, not the same p.
        assert_eq!(on("0.02").agreement, Agreement::Compatible);
        assert_eq!(on("0.41").agreement, Agreement::Contradicted);
        assert_eq!(on("0.41").estimate_within, None);
        assert!(
            on("0.41")
                .why
                .starts_with("the printed p and the arms' (p = 0.003, Welch t, ± read as an SD) lie on opposite sides of α = 0.05"),
            "{}",
            on("0.41").why
        );
    }

    #[test]
    fn no_negative_zero_and_p_bounds_at_the_printed_decimals() {
        assert_eq!(at(-0.0004, Some(2)), "0.00");
        assert_eq!(at(-0.006, Some(2)), "-0.01");
        assert_eq!(p_at(0.0004, Some(3)), "< 0.001");
        assert_eq!(p_at(0.5868, Some(3)), "0.587");
        assert_eq!(said("p", "0.587"), "p = 0.587");
        assert_eq!(said("p", "< 0.001"), "p < 0.001");
        assert_eq!(p_at(0.0004, None), "< 0.001");
    }
}
