//! The charts of a network meta-analysis, built on the project's forest plot
//! ([`crate::plot::forest`]): every treatment against the reference with its P-score (as
//! netmeta's `forest(netmeta)` with `sortvar = -Pscore`), and the node-split forest (direct,
//! indirect and network estimate of each comparison with direct evidence, as
//! `forest(netsplit)`).

use super::analysis::{ModelResult, NmaResult};
use crate::output::human_number;
use crate::plot::forest::{ForestChart, ForestRow, ForestSubgroup, ForestSummary};

fn numbers(r: &NmaResult, est: f64, lo: f64, hi: f64) -> String {
    let t = |x: f64| if r.exp { x.exp() } else { x };
    format!("{:.2} [{:.2}, {:.2}]", t(est), t(lo), t(hi))
}

fn model_of(r: &NmaResult, random: bool) -> (&ModelResult, &'static str) {
    if random {
        (&r.random, "random effects")
    } else {
        (&r.common, "common effect")
    }
}

/// Every treatment against the reference, best P-score first.
pub fn forest_chart(r: &NmaResult, random: bool, title: &str, effect_label: &str) -> ForestChart {
    let (m, name) = model_of(r, random);
    let mut effects: Vec<_> = m
        .effects
        .iter()
        .filter(|e| e.treatment != r.reference)
        .collect();
    effects.sort_by(|a, b| m.p_scores[&b.treatment].total_cmp(&m.p_scores[&a.treatment]));
    let rows = effects
        .iter()
        .map(|e| ForestRow {
            detail: Some(format!(
                "{}   P-score {:.2}",
                numbers(r, e.estimate, e.ci_lower, e.ci_upper),
                m.p_scores[&e.treatment]
            )),
            ..ForestRow::new(e.treatment.clone(), e.estimate, e.ci_lower, e.ci_upper)
        })
        .collect();
    let mut chart = ForestChart::new(title, effect_label, rows);
    chart.label_header = format!("treatment vs {}", r.reference);
    chart.value_header = format!("estimate [{}% CI], P-score", human_number(r.level * 100.0));
    chart.exponentiate = r.exp;
    let tau = m.tau2.map(|t| format!("; τ² = {t:.4}")).unwrap_or_default();
    chart.footer = Some(format!(
        "{name} model{tau}; {} studies, {} treatments. P-score: the mean certainty that a treatment is better than another (small values {}); reference {} (P-score {:.2})",
        r.studies,
        r.treatments.len(),
        r.small_values,
        r.reference,
        m.p_scores[&r.reference]
    ));
    chart
}

/// Direct, indirect and network estimate of each comparison with direct evidence.
pub fn split_forest_chart(
    r: &NmaResult,
    random: bool,
    title: &str,
    effect_label: &str,
) -> ForestChart {
    let (m, name) = model_of(r, random);
    let mut rows = Vec::new();
    let mut subgroups = Vec::new();
    let z = crate::level::ConfidenceLevel::new(r.level)
        .map(|l| l.z_crit())
        .unwrap_or(1.959963984540054);
    for s in &m.netsplit {
        let mut n = 0;
        let direct = (
            s.direct,
            s.direct - z * s.se_direct,
            s.direct + z * s.se_direct,
        );
        rows.push(ForestRow {
            detail: Some(numbers(r, direct.0, direct.1, direct.2)),
            ..ForestRow::new(
                format!(
                    "direct ({} {})",
                    s.studies,
                    if s.studies == 1 { "study" } else { "studies" }
                ),
                direct.0,
                direct.1,
                direct.2,
            )
        });
        n += 1;
        if let (Some(ind), Some(se)) = (s.indirect, s.se_indirect) {
            rows.push(ForestRow {
                detail: Some(numbers(r, ind, ind - z * se, ind + z * se)),
                ..ForestRow::new("indirect", ind, ind - z * se, ind + z * se)
            });
            n += 1;
        }
        let line = match s.p {
            Some(p) => format!(
                "direct − indirect: p = {}; {:.0}% direct evidence",
                if p < 0.001 {
                    format!("{p:.1e}")
                } else {
                    format!("{p:.3}")
                },
                100.0 * s.proportion_direct
            ),
            None => "direct evidence only".to_string(),
        };
        subgroups.push(ForestSubgroup {
            heading: format!("{} vs {}", s.first, s.second),
            rows: n,
            summary: ForestSummary {
                label: "network".into(),
                estimate: s.network,
                ci_lower: s.network - z * s.se_network,
                ci_upper: s.network + z * s.se_network,
                prediction: None,
                heterogeneity: Some(line),
            },
        });
    }
    let mut chart = ForestChart::new(title, effect_label, rows);
    chart.label_header = "comparison".into();
    chart.value_header = format!("estimate [{}% CI]", human_number(r.level * 100.0));
    chart.exponentiate = r.exp;
    chart.subgroups = subgroups;
    chart.footer = Some(format!(
        "Node splitting by back-calculation, {name} model: each comparison's direct estimate (its trials), indirect estimate (the rest of the network) and network estimate (diamond)"
    ));
    chart
}
