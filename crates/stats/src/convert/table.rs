//! How the conversions print: a two-column table (item, value) for one result, the
//! results' own serde shape for JSON.

use super::{ChangeSd, ImpliedR, MeanSd};
use crate::output::{Cell, Table, Tabular, human_number};

fn key_values(pairs: Vec<(&str, Cell)>) -> Table {
    let text = |c: Cell| match c {
        Cell::Number(x) => Cell::Text(human_number(x)),
        Cell::Integer(i) => Cell::Text(i.to_string()),
        other => other,
    };
    Table {
        header: vec!["item".into(), "value".into()],
        rows: pairs
            .into_iter()
            .map(|(k, v)| vec![Cell::Text(k.into()), text(v)])
            .collect(),
    }
}

impl Tabular for MeanSd {
    fn table(&self) -> Table {
        let mut rows = vec![
            ("mean", Cell::Number(self.mean)),
            ("sd", Cell::Number(self.sd)),
            ("n", Cell::Integer(self.n as i64)),
            ("scenario", self.scenario.as_str().into()),
            (
                "method",
                super::Methods {
                    mean: self.method,
                    sd: self.sd_method,
                }
                .name()
                .into(),
            ),
            (
                "dist",
                Cell::from(match self.dist {
                    super::Distribution::Norm => "norm",
                    super::Distribution::Lnorm => "lnorm",
                }),
            ),
        ];
        if let (Some(m), Some(s)) = (self.log_mean, self.log_sd) {
            rows.push(("log mean", Cell::Number(m)));
            rows.push(("log sd", Cell::Number(s)));
        }
        if let Some(b) = self.back_transform {
            rows.push(("back-transform", b.into()));
        }
        for f in &self.fits {
            let m = f.method.as_str();
            rows.push(("distribution", format!("{m}: {}", f.distribution).into()));
            rows.push(("selected because", format!("{m}: {}", f.reason).into()));
            if let (Some(mu), Some(sigma)) = (f.location, f.scale) {
                rows.push((
                    "transformed mu, sigma",
                    format!("{m}: {}, {}", human_number(mu), human_number(sigma)).into(),
                ));
            }
            rows.push((
                "back-transform",
                format!("{m}: {}", f.back_transform).into(),
            ));
        }
        rows.extend([
            ("mean by", self.mean_source.into()),
            ("sd by", self.sd_source.into()),
            ("skewness statistic", Cell::Number(self.skewness.statistic)),
            ("skewness critical", Cell::Number(self.skewness.critical)),
            (
                "skewed",
                Cell::from(if self.skewness.skewed { "yes" } else { "no" }),
            ),
        ]);
        key_values(rows)
    }
    fn epilogue(&self) -> Option<String> {
        self.warning()
    }
}

impl Tabular for ChangeSd {
    fn table(&self) -> Table {
        let mut rows = vec![
            ("sd", Cell::Number(self.sd)),
            ("se", Cell::Number(self.se)),
            ("n", Cell::Integer(self.n as i64)),
            ("mean change", Cell::Number(self.mean_change)),
        ];
        let from = match self.source {
            super::ChangeSource::Ci { .. } => "confidence interval",
            super::ChangeSource::P { .. } => "p-value",
            super::ChangeSource::T { .. } => "t statistic",
        };
        rows.push(("from", from.into()));
        if let Some(r) = self.reference {
            rows.push((
                "reference",
                Cell::from(match (r, self.df) {
                    (super::Reference::T, Some(df)) => format!("t, {df} df"),
                    _ => "z (normal)".to_string(),
                }),
            ));
        }
        rows.push(("statistic", Cell::Number(self.statistic)));
        rows.push(("method", self.method.clone().into()));
        key_values(rows)
    }
}

impl Tabular for ImpliedR {
    fn table(&self) -> Table {
        key_values(vec![
            ("r", Cell::Number(self.r)),
            ("sd before", self.printed[0].clone().into()),
            ("sd after", self.printed[1].clone().into()),
            ("sd change", self.printed[2].clone().into()),
            (
                "change sd possible from",
                Cell::Number(self.change_sd_range[0]),
            ),
            (
                "change sd possible to",
                Cell::Number(self.change_sd_range[1]),
            ),
            (
                "status",
                Cell::from(if self.consistent {
                    "consistent"
                } else {
                    "inconsistent"
                }),
            ),
            ("detail", self.detail.clone().into()),
        ])
    }
}

impl Tabular for super::MedianRows {
    fn table(&self) -> Table {
        let header = [
            "line",
            "scenario",
            "n",
            "mean",
            "sd",
            "method",
            "dist",
            "skewness_statistic",
            "skewness_critical",
            "skewed",
        ];
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: self
                .0
                .iter()
                .map(|r| {
                    let m = &r.result;
                    vec![
                        Cell::Integer(r.line as i64),
                        m.scenario.as_str().into(),
                        Cell::Integer(m.n as i64),
                        Cell::Number(m.mean),
                        Cell::Number(m.sd),
                        m.method.as_str().into(),
                        Cell::from(match m.dist {
                            super::Distribution::Norm => "norm",
                            super::Distribution::Lnorm => "lnorm",
                        }),
                        Cell::Number(m.skewness.statistic),
                        Cell::Number(m.skewness.critical),
                        Cell::from(if m.skewness.skewed { "yes" } else { "no" }),
                    ]
                })
                .collect(),
        }
    }
    fn epilogue(&self) -> Option<String> {
        let lines = self.skewed_lines();
        (!lines.is_empty()).then(|| {
            let list: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            format!(
                "warning: the numbers of line(s) {} look skewed (Shi et al. 2023 test); the estimates assume normal data and may be poor there",
                list.join(", ")
            )
        })
    }
}
