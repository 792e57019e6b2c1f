//! The analysis as text: both models against the reference with P-scores, heterogeneity and
//! its design decomposition, the node splits, and the league table with its reading spelled
//! out in every header.

use super::analysis::{ModelResult, NmaResult};
use super::split::Split;
use crate::output::human_number;
use std::fmt::Write;

/// Four decimals: enough to check against netmeta's printout (which shows four).
fn f4(x: f64) -> String {
    if x.is_nan() {
        "NA".into()
    } else {
        format!("{x:.4}")
    }
}

fn p_text(p: f64) -> String {
    if p.is_nan() {
        "NA".into()
    } else if p < 1e-4 {
        format!("{p:.2e}")
    } else {
        format!("{p:.4}")
    }
}

fn pad(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |s| s.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let line: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(c, s)| {
                let fill = widths[c] - s.chars().count();
                if c == 0 {
                    format!("{s}{}", " ".repeat(fill))
                } else {
                    format!("{}{s}", " ".repeat(fill))
                }
            })
            .collect();
        out.push_str("  ");
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}

fn effects_table(r: &NmaResult, m: &ModelResult) -> String {
    let pct = format!("{}% CI", human_number(r.level * 100.0));
    let mut head = vec![
        "treatment".to_string(),
        "estimate".into(),
        "SE".into(),
        pct.clone(),
        "p".into(),
        "P-score".into(),
    ];
    if r.exp {
        head.insert(4, "exp(estimate)".into());
        head.insert(5, format!("exp {pct}"));
    }
    let mut rows = vec![head];
    for e in &m.effects {
        if e.treatment == r.reference {
            let mut row = vec![
                format!("{} (reference)", e.treatment),
                "0".into(),
                "".into(),
                "".into(),
                "".into(),
                f4(m.p_scores[&e.treatment]),
            ];
            if r.exp {
                row.insert(4, "1".into());
                row.insert(5, "".into());
            }
            rows.push(row);
            continue;
        }
        let mut row = vec![
            e.treatment.clone(),
            f4(e.estimate),
            f4(e.se),
            format!("[{}, {}]", f4(e.ci_lower), f4(e.ci_upper)),
            p_text(e.p),
            f4(m.p_scores[&e.treatment]),
        ];
        if r.exp {
            row.insert(4, f4(e.estimate.exp()));
            row.insert(
                5,
                format!("[{}, {}]", f4(e.ci_lower.exp()), f4(e.ci_upper.exp())),
            );
        }
        rows.push(row);
    }
    pad(&rows)
}

fn split_table(splits: &[Split]) -> String {
    let mut rows = vec![vec![
        "comparison".to_string(),
        "k".into(),
        "prop".into(),
        "network".into(),
        "direct".into(),
        "indirect".into(),
        "difference".into(),
        "p".into(),
    ]];
    for s in splits {
        rows.push(vec![
            s.comparison.clone(),
            s.studies.to_string(),
            format!("{:.2}", s.proportion_direct),
            f4(s.network),
            f4(s.direct),
            s.indirect.map_or("NA".into(), f4),
            s.difference.map_or("NA".into(), f4),
            s.p.map_or("NA".into(), p_text),
        ]);
    }
    pad(&rows)
}

/// The league table of one model: cell (row, column) = row vs column.
pub fn league_text(r: &NmaResult, m: &ModelResult, exp: bool) -> String {
    let n = r.treatments.len();
    let cell = |i: usize, j: usize| -> String {
        let c = &m.league[i * (n - 1) + if j < i { j } else { j - 1 }];
        let t = |x: f64| f4(if exp { x.exp() } else { x });
        format!("{} [{}, {}]", t(c.estimate), t(c.ci_lower), t(c.ci_upper))
    };
    let mut rows = vec![
        std::iter::once("row vs column".to_string())
            .chain(r.treatments.iter().cloned())
            .collect::<Vec<_>>(),
    ];
    for i in 0..n {
        let mut row = vec![r.treatments[i].clone()];
        for j in 0..n {
            row.push(if i == j {
                r.treatments[i].clone()
            } else {
                cell(i, j)
            });
        }
        rows.push(row);
    }
    pad(&rows)
}

/// The whole report.
pub fn text(r: &NmaResult, league: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Network meta-analysis: {} studies ({} multi-arm), {} pairwise comparisons, {} treatments, {} designs",
        r.studies,
        r.multi_arm_studies,
        r.comparisons,
        r.treatments.len(),
        r.designs
    );
    let _ = writeln!(
        s,
        "estimates: treatment vs {} on the {} scale{}; P-scores with small values {}",
        r.reference,
        r.scale,
        if r.exp { " (and exponentiated)" } else { "" },
        r.small_values
    );
    for note in &r.notes {
        let _ = writeln!(s, "note: {note}");
    }
    let _ = writeln!(s, "\nCommon effect model");
    s.push_str(&effects_table(r, &r.common));
    let tau2 = r.random.tau2.unwrap_or(f64::NAN);
    let _ = writeln!(
        s,
        "\nRandom effects model (tau^2 = {}, tau = {}; {})",
        f4(tau2),
        f4(tau2.sqrt()),
        if r.tau2_method == "DL" {
            "generalised DerSimonian-Laird, as netmeta"
        } else {
            "REML, as rma.mv with rho = 1/2"
        }
    );
    s.push_str(&effects_table(r, &r.random));
    s.push_str(&heterogeneity_text(r, tau2));
    let _ = writeln!(
        s,
        "\nNode splitting, random effects (back-calculation; first vs second treatment of each comparison, {} scale; k studies, prop = proportion of direct evidence)",
        r.scale
    );
    s.push_str(&split_table(&r.netsplit));
    let _ = writeln!(s, "\nNode splitting, common effect");
    s.push_str(&split_table(&r.common.netsplit));
    if league {
        for (name, m) in [("random effects", &r.random), ("common effect", &r.common)] {
            let _ = writeln!(
                s,
                "\nLeague table, {name}: each cell is the ROW treatment vs the COLUMN treatment{} [{}% CI]",
                if r.exp { ", exponentiated" } else { "" },
                human_number(r.level * 100.0)
            );
            s.push_str(&league_text(r, m, r.exp));
        }
    } else {
        let _ = writeln!(
            s,
            "\nLeague table: {} treatments; shown with {{field:league}} (all pairs are in {{field:format}} json)",
            r.treatments.len()
        );
    }
    s
}

/// The heterogeneity and inconsistency section: τ², I² and the Q table by design.
fn heterogeneity_text(r: &NmaResult, tau2: f64) -> String {
    let mut s = String::new();
    let h = &r.heterogeneity;
    let pct = |x: Option<f64>| x.map_or("NA".into(), |v| format!("{:.1}%", 100.0 * v));
    let _ = writeln!(
        s,
        "\nHeterogeneity / inconsistency: tau^2 = {}; tau = {}; I^2 = {} [{}; {}]",
        f4(tau2),
        f4(tau2.sqrt()),
        pct(h.i2),
        pct(h.i2_lower),
        pct(h.i2_upper)
    );
    let pq = |p: Option<f64>| p.map_or("NA".into(), p_text);
    s.push_str(&pad(&[
        vec!["".into(), "Q".into(), "df".into(), "p".into()],
        vec!["Total".into(), f4(h.q), h.df.to_string(), pq(h.p)],
        vec![
            "Within designs".into(),
            f4(h.q_within),
            h.df_within.to_string(),
            pq(h.p_within),
        ],
        vec![
            "Between designs".into(),
            f4(h.q_between),
            h.df_between.to_string(),
            pq(h.p_between),
        ],
        vec![
            "Between designs, random effects".into(),
            f4(h.q_between_random),
            h.df_between.to_string(),
            pq(h.p_between_random),
        ],
    ]));
    let _ = writeln!(
        s,
        "(random effects: tau^2 within designs = {} from the full design-by-treatment interaction model, added to every contrast's variance; netmeta's Q.inc.random)",
        f4(h.tau2_within)
    );
    s
}
