//! Rows of a table whose first cell says what every number in the row is: `n | 48 | 44 | 42`
//! (each column's n) and `P | ‐ | < 0.0001 | 0.02` (each column's p-value), as journals print
//! a table's n and P rows under its estimates. Cells are set apart by `|` or tabs
//! ([`super::sentences::is_table_row`]); a cell holding anything but one number (and, for a p,
//! its relation) is left to the other recognisers.

use super::sentences::is_table_row;
use super::{ItemKind, Parts, Scan};
use crate::text::number::NUMBER;
use regex::Regex;
use std::sync::OnceLock;

fn cell_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(&format!(
            r"^\s*(?P<rel><=|>=|[<>=])?\s*(?P<num>{NUMBER})\s*$"
        ))
        .expect("the table cell pattern is valid")
    })
}

/// What a row's label makes of its numbers.
#[derive(Clone, Copy, PartialEq)]
enum RowOf {
    N,
    P,
}

fn row_of(label: &str) -> Option<RowOf> {
    match label.trim().to_ascii_lowercase().as_str() {
        "n" | "no." | "no. of patients" | "number of patients" => Some(RowOf::N),
        "p" | "p value" | "p-value" | "p values" | "p-values" => Some(RowOf::P),
        _ => None,
    }
}

/// Every number in a table row labelled `n` or `P`.
pub fn find(scan: &mut Scan) {
    let plain = scan.doc.plain.text.clone();
    let mut at = 0;
    for line in plain.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if !is_table_row(line) {
            continue;
        }
        let sep = if line.contains('|') { '|' } else { '\t' };
        let mut cells = Vec::new();
        let mut cell_start = start;
        for (i, ch) in line.char_indices() {
            if ch == sep {
                cells.push(cell_start..start + i);
                cell_start = start + i + ch.len_utf8();
            }
        }
        cells.push(cell_start..start + line.trim_end().len());
        let Some(first) = cells
            .iter()
            .position(|c| !plain[c.clone()].trim().is_empty())
        else {
            continue;
        };
        let Some(of) = row_of(&plain[cells[first].clone()]) else {
            continue;
        };
        for cell in &cells[first + 1..] {
            let Some(c) = cell_pattern().captures(&plain[cell.clone()]) else {
                continue;
            };
            let num = c.name("num").expect("num");
            let range = cell.start + num.start()..cell.start + num.end();
            let whole = cell.start + c.name("rel").map_or(num.start(), |r| r.start())
                ..cell.start + num.end();
            if !scan.free(whole.clone()) {
                continue;
            }
            let Some(value) = scan.number(range) else {
                continue;
            };
            match of {
                RowOf::N if value.number.value >= 0.0 && value.number.decimals <= 0 => {
                    scan.push(
                        ItemKind::N,
                        whole,
                        Parts {
                            value: Some(value),
                            ..Parts::default()
                        },
                    );
                }
                RowOf::P if (0.0..=1.0).contains(&value.number.value) => {
                    let relation = match c.name("rel").map(|r| r.as_str()) {
                        Some("<") | Some("<=") => "<",
                        Some(">") | Some(">=") => ">",
                        _ => "=",
                    };
                    scan.push(
                        ItemKind::P,
                        whole,
                        Parts {
                            value: Some(value),
                            relation: Some(relation),
                            ..Parts::default()
                        },
                    );
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ItemKind, read_items};

    #[test]
    fn rows_labelled_n_and_p() {
        let items = read_items("Endpoint | A | B |\nn | 48 | 44 |\nP | ‐ | < 0.0001 |\n");
        let n: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::N)
            .map(|i| i.parts.value.as_ref().unwrap().number.text.as_str())
            .collect();
        assert_eq!(n, ["48", "44"]);
        let p: Vec<_> = items.iter().filter(|i| i.kind == ItemKind::P).collect();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].parts.relation, Some("<"));
        assert_eq!(p[0].text, "< 0.0001");
    }

    #[test]
    fn a_dash_alone_is_an_empty_cell_not_a_minus() {
        let items = read_items(
            "HbA1c, %  7.2 – 6.9\nWeight, kg  82.1 -- 80.4\nPlacebo – 2.1 points\nt = - 4.46 and −3.1 and was - 2.0\n",
        );
        let values: Vec<&str> = items
            .iter()
            .filter_map(|i| i.parts.value.as_ref())
            .map(|v| v.number.text.as_str())
            .collect();
        assert_eq!(
            values,
            [
                "7.2", "6.9", "82.1", "80.4", "2.1", "- 4.46", "-3.1", "- 2.0"
            ]
        );
    }
}
