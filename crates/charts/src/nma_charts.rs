//! The charts of a network meta-analysis: every treatment against the reference with its
//! P-score (netmeta's `forest(netmeta)` with `sortvar = -Pscore`) and the node-split forest
//! (direct, indirect and network estimate of each comparison with direct evidence, as
//! `forest(netsplit)`), both on the project's forest plot ([`crate::plot::forest`]); the
//! network graph (`netgraph()`, [`crate::plot::network`]) and the league table as a picture
//! (`netleague()`, [`crate::plot::league`]).

use crate::nma::analysis::{ModelResult, NmaResult};
use crate::output::human_number;
use crate::plot::forest::{ForestChart, ForestColumn, ForestRow, ForestSubgroup, ForestSummary};
use crate::plot::league::{LeagueChart, LeagueEntry};
use crate::plot::network::{NetworkChart, NetworkEdge, NetworkNode};
use crate::plot::style::annotation_number;

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
        .map(|e| ForestRow::new(e.treatment.clone(), e.estimate, e.ci_lower, e.ci_upper))
        .collect();
    let mut chart = ForestChart::new(title, effect_label, rows);
    chart.label_header = format!("treatment vs {}", r.reference);
    chart.value_header = format!("estimate [{}% CI]", human_number(r.level * 100.0));
    chart.column = Some(ForestColumn {
        header: "P-score".into(),
        values: effects
            .iter()
            .map(|e| format!("{:.2}", m.p_scores[&e.treatment]))
            .collect(),
    });
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

/// The network graph: treatments round a circle in the network's order, a line per pair
/// compared directly (width: studies), node area by participants where the input gave them.
pub fn network_chart(r: &NmaResult, title: &str) -> NetworkChart {
    let nodes = r
        .treatments
        .iter()
        .zip(&r.participants)
        .map(|(t, p)| NetworkNode {
            label: t.clone(),
            participants: *p,
        })
        .collect();
    let edges = r
        .edges
        .iter()
        .map(|&(from, to, studies)| NetworkEdge { from, to, studies })
        .collect();
    let multi = if r.multi_arm_studies > 0 {
        format!(
            ", {} multi-arm (each gives a line for every pair of its arms)",
            r.multi_arm_studies
        )
    } else {
        String::new()
    };
    NetworkChart {
        title: title.to_string(),
        subtitle: vec![format!(
            "{} studies{multi}, {} treatments, {} pairs compared directly",
            r.studies,
            r.treatments.len(),
            r.edges.len()
        )],
        nodes,
        edges,
        notes: Vec::new(),
    }
}

/// The league table of one model as a picture: treatments by P-score, best first; below
/// the diagonal the network estimate, above it the direct estimate (node split's direct
/// pool), every cell row vs column.
pub fn league_chart(r: &NmaResult, random: bool, title: &str, effect: &str) -> LeagueChart {
    let (m, name) = model_of(r, random);
    let mut order: Vec<&String> = r.treatments.iter().collect();
    order.sort_by(|a, b| m.p_scores[*b].total_cmp(&m.p_scores[*a]));
    let z = crate::level::ConfidenceLevel::new(r.level)
        .map(|l| l.z_crit())
        .unwrap_or(1.959963984540054);
    let show = |x: f64| annotation_number(if r.exp { x.exp() } else { x }, 2);
    let entry = |est: f64, lo: f64, hi: f64| LeagueEntry {
        estimate: show(est),
        interval: format!("[{}, {}]", show(lo), show(hi)),
        excludes_null: lo > 0.0 || hi < 0.0,
    };
    let cells = order
        .iter()
        .map(|row| {
            order
                .iter()
                .enumerate()
                .map(|(j, col)| {
                    let i = order.iter().position(|t| t == row).unwrap_or(0);
                    if i == j {
                        None
                    } else if i > j {
                        m.league
                            .iter()
                            .find(|c| &c.first == *row && &c.second == *col)
                            .map(|c| entry(c.estimate, c.ci_lower, c.ci_upper))
                    } else {
                        m.netsplit.iter().find_map(|s| {
                            let sign = if &s.first == *row && &s.second == *col {
                                1.0
                            } else if &s.first == *col && &s.second == *row {
                                -1.0
                            } else {
                                return None;
                            };
                            let d = sign * s.direct;
                            Some(entry(d, d - z * s.se_direct, d + z * s.se_direct))
                        })
                    }
                })
                .collect()
        })
        .collect();
    let level = human_number(r.level * 100.0);
    let null = if r.exp { "1" } else { "0" };
    LeagueChart {
        title: title.to_string(),
        subtitle: vec![format!(
            "{effect} [{level}% CI], row vs column; {name} model; treatments by P-score, best first"
        )],
        treatments: order.into_iter().cloned().collect(),
        cells,
        lower: "network estimate (direct and indirect evidence)".into(),
        upper: "direct evidence only (– : none)".into(),
        notes: vec![format!(
            "Each cell: the treatment of its row vs the treatment of its column. Darker: the interval excludes {null} (no difference)."
        )],
    }
}
