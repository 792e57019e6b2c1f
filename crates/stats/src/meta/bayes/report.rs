//! How the Bayesian fit is shown in the text output: the priors, one row per posterior
//! (μ, τ, a new study's θ), the probabilities, the Bayes factors and the shrinkage estimates.

use super::{BayesFit, Summary};
use crate::output::human_number as h;

fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), h)
}

fn summary_row(name: &str, s: &Summary) -> Vec<String> {
    vec![
        name.to_string(),
        opt(s.mean),
        h(s.median),
        h(s.mode),
        opt(s.sd),
        format!("[{}, {}]", h(s.lower), h(s.upper)),
        format!("[{}, {}]", h(s.shortest_lower), h(s.shortest_upper)),
    ]
}

/// Columns padded to their widest cell, the first left-aligned, the others right-aligned.
fn aligned(rows: &[Vec<String>]) -> String {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|j| {
            rows.iter()
                .map(|r| r.get(j).map_or(0, |c| c.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(j, c)| {
                let pad = widths[j] - c.chars().count();
                if j == 0 {
                    format!("{c}{}", " ".repeat(pad))
                } else {
                    format!("{}{c}", " ".repeat(pad))
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

impl BayesFit {
    /// The text block `meta --bayes` prints after the frequentist fit.
    pub fn text(&self) -> String {
        let pct = h(100.0 * self.level);
        let mut s = format!(
            "Bayesian random-effects model (k = {}; exact posterior by quadrature over tau, {} nodes, relative error bound {:.1e})\n",
            self.k, self.quadrature.nodes, self.quadrature.error_bound
        );
        s.push_str(&format!("prior on tau: {}\n", self.tau_prior_text));
        s.push_str(&format!("prior on mu: {}\n\n", self.mu_prior_text));
        let mut rows = vec![vec![
            "posterior".to_string(),
            "mean".into(),
            "median".into(),
            "mode".into(),
            "sd".into(),
            format!("{pct}% equal-tailed"),
            format!("{pct}% shortest"),
        ]];
        rows.push(summary_row("mu", &self.mu));
        rows.push(summary_row("tau", &self.tau));
        rows.push(summary_row("prediction", &self.prediction));
        s.push_str(&aligned(&rows));
        s.push_str(&format!(
            "\nP(mu < 0) = {}, P(mu > 0) = {}",
            h(self.mu.p_negative),
            h(self.mu.p_positive)
        ));
        if let (Some(t), Some(p)) = (self.mu.threshold, self.mu.p_beyond_threshold) {
            s.push_str(&format!(
                ", P(mu {} {}) = {}",
                if t < 0.0 { "<" } else { ">" },
                h(t),
                h(p)
            ));
        }
        s.push('\n');
        let bf = &self.bayes_factors;
        if let (Some(t0), Some(m0)) = (bf.tau_0, bf.mu_0) {
            s.push_str(&format!(
                "Bayes factors: tau = 0: {}, mu = 0: {} (above 1 favours the hypothesis); log marginal likelihood {}\n",
                h(t0),
                h(m0),
                opt(bf.log_marginal_likelihood)
            ));
        }
        s.push_str("\nShrinkage estimates (each study's true effect theta_i)\n");
        let mut rows = vec![vec![
            "study".to_string(),
            "yi".into(),
            "sei".into(),
            "mean".into(),
            "median".into(),
            "sd".into(),
            format!("{pct}% equal-tailed"),
            format!("{pct}% shortest"),
        ]];
        for r in &self.shrinkage {
            rows.push(vec![
                r.label.clone(),
                h(r.yi),
                h(r.sei),
                h(r.mean),
                h(r.median),
                h(r.sd),
                format!("[{}, {}]", h(r.lower), h(r.upper)),
                format!("[{}, {}]", h(r.shortest_lower), h(r.shortest_upper)),
            ]);
        }
        s.push_str(&aligned(&rows));
        for note in &self.notes {
            s.push_str(&format!("Note: {note}\n"));
        }
        s
    }
}
