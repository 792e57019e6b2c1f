//! The small expression language of pinned expectations.
//!
//! An expectation in a study file says how to recompute a derived number from the study's own
//! reported values, for example `percent(relapse_free, n_patients)` or
//! `percent_change(alsfrs_r_decline.before, alsfrs_r_decline.after)`.
//!
//! Grammar (usual precedence, left-associative):
//!
//! ```text
//! expr    = term { ("+" | "-") term }
//! term    = factor { ("*" | "/") factor }
//! factor  = number | "-" factor | "(" expr ")" | name "(" expr { "," expr } ")" | path
//! path    = ident { "." ident }           (a fact id, slope.before, measure.timepoint.mean …)
//! ```
//!
//! Functions: `percent(a, b)` = 100·a/b; `ratio(a, b)` = a/b; `difference(a, b)` = a − b;
//! `percent_change(from, to)` = 100·(to − from)/from; `sum(a, …)`.

use crate::error::{Error, Result};

/// Resolves the names an expression refers to.
pub trait Lookup {
    /// The value of `path` (split at dots), or a message saying why there is none (unknown id,
    /// value not reported, ...).
    fn lookup(&self, path: &[&str]) -> std::result::Result<f64, String>;
}

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Number(f64),
    Path(Vec<String>),
    Negate(Box<Expr>),
    Binary(Box<Expr>, Op, Box<Expr>),
    Call(String, Vec<Expr>),
}

/// A binary arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// The functions an expression may call, with their arity (`None`: one or more).
const FUNCTIONS: [(&str, Option<usize>); 5] = [
    ("percent", Some(2)),
    ("ratio", Some(2)),
    ("difference", Some(2)),
    ("percent_change", Some(2)),
    ("sum", None),
];

/// Parse `text`; errors name `location` and the character position.
pub fn parse(text: &str, location: &str) -> Result<Expr> {
    let mut p = Parser {
        chars: text.chars().collect(),
        pos: 0,
        location,
        text,
    };
    let e = p.expr()?;
    p.skip_ws();
    if p.pos < p.chars.len() {
        return Err(p.error("unexpected text after the end of the expression"));
    }
    Ok(e)
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    location: &'a str,
    text: &'a str,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> Error {
        Error::input(
            self.location,
            format!(
                "in '{}' at character {}: {what}; allowed: numbers, ids, a.b paths, + - * / ( ), and {}",
                self.text,
                self.pos + 1,
                FUNCTIONS.map(|(f, _)| f).join(", ")
            ),
        )
    }

    fn skip_ws(&mut self) {
        while self.pos < self.chars.len() && self.chars[self.pos].is_whitespace() {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_ws();
        self.chars.get(self.pos).copied()
    }

    fn expr(&mut self) -> Result<Expr> {
        let mut left = self.term()?;
        while let Some(c @ ('+' | '-')) = self.peek() {
            self.pos += 1;
            let op = if c == '+' { Op::Add } else { Op::Sub };
            left = Expr::Binary(Box::new(left), op, Box::new(self.term()?));
        }
        Ok(left)
    }

    fn term(&mut self) -> Result<Expr> {
        let mut left = self.factor()?;
        while let Some(c @ ('*' | '/')) = self.peek() {
            self.pos += 1;
            let op = if c == '*' { Op::Mul } else { Op::Div };
            left = Expr::Binary(Box::new(left), op, Box::new(self.factor()?));
        }
        Ok(left)
    }

    fn factor(&mut self) -> Result<Expr> {
        match self.peek() {
            Some('-') => {
                self.pos += 1;
                Ok(Expr::Negate(Box::new(self.factor()?)))
            }
            Some('(') => {
                self.pos += 1;
                let e = self.expr()?;
                if self.peek() != Some(')') {
                    return Err(self.error("expected ')'"));
                }
                self.pos += 1;
                Ok(e)
            }
            Some(c) if c.is_ascii_digit() || c == '.' => self.number(),
            Some(c) if c.is_alphabetic() || c == '_' => self.name(),
            Some(_) => Err(self.error("expected a number, an id or '('")),
            None => Err(self.error("the expression ends too early")),
        }
    }

    fn number(&mut self) -> Result<Expr> {
        let start = self.pos;
        while self.pos < self.chars.len()
            && (self.chars[self.pos].is_ascii_digit()
                || self.chars[self.pos] == '.'
                || ((self.chars[self.pos] == 'e' || self.chars[self.pos] == 'E')
                    && self.pos > start))
        {
            self.pos += 1;
        }
        let s: String = self.chars[start..self.pos].iter().collect();
        s.parse::<f64>().map(Expr::Number).map_err(|_| {
            self.pos = start;
            self.error(&format!("'{s}' is not a number"))
        })
    }

    fn ident(&mut self) -> String {
        let start = self.pos;
        while self.pos < self.chars.len()
            && (self.chars[self.pos].is_alphanumeric()
                || self.chars[self.pos] == '_'
                || self.chars[self.pos] == '-')
        {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    fn name(&mut self) -> Result<Expr> {
        let start = self.pos;
        let first = self.ident();
        if self.peek() == Some('(') {
            let Some((_, arity)) = FUNCTIONS.iter().find(|(f, _)| *f == first) else {
                self.pos = start;
                return Err(self.error(&format!("unknown function '{first}'")));
            };
            self.pos += 1;
            let mut args = vec![self.expr()?];
            while self.peek() == Some(',') {
                self.pos += 1;
                args.push(self.expr()?);
            }
            if self.peek() != Some(')') {
                return Err(self.error("expected ',' or ')'"));
            }
            self.pos += 1;
            if let Some(n) = arity {
                if args.len() != *n {
                    self.pos = start;
                    return Err(self.error(&format!(
                        "{first}() takes {n} arguments, got {}",
                        args.len()
                    )));
                }
            }
            return Ok(Expr::Call(first, args));
        }
        let mut path = vec![first];
        while self.chars.get(self.pos) == Some(&'.') {
            self.pos += 1;
            let part = self.ident();
            if part.is_empty() {
                return Err(self.error("expected a name after '.'"));
            }
            path.push(part);
        }
        Ok(Expr::Path(path))
    }
}

impl Expr {
    /// Evaluate against `names`; errors name `location`.
    pub fn eval(&self, names: &dyn Lookup, location: &str) -> Result<f64> {
        let fail = |m: String| Error::input(location, m);
        Ok(match self {
            Expr::Number(x) => *x,
            Expr::Path(p) => {
                let parts: Vec<&str> = p.iter().map(String::as_str).collect();
                names.lookup(&parts).map_err(fail)?
            }
            Expr::Negate(e) => -e.eval(names, location)?,
            Expr::Binary(a, op, b) => {
                let (a, b) = (a.eval(names, location)?, b.eval(names, location)?);
                match op {
                    Op::Add => a + b,
                    Op::Sub => a - b,
                    Op::Mul => a * b,
                    Op::Div => a / b,
                }
            }
            Expr::Call(f, args) => {
                let v = args
                    .iter()
                    .map(|a| a.eval(names, location))
                    .collect::<Result<Vec<f64>>>()?;
                match f.as_str() {
                    "percent" => 100.0 * v[0] / v[1],
                    "ratio" => v[0] / v[1],
                    "difference" => v[0] - v[1],
                    "percent_change" => 100.0 * (v[1] - v[0]) / v[0],
                    "sum" => v.iter().sum(),
                    // ok: parse() only builds calls to the functions listed in FUNCTIONS.
                    other => unreachable!("unknown function {other} passed parsing"),
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Names(HashMap<&'static str, f64>);
    impl Lookup for Names {
        fn lookup(&self, path: &[&str]) -> std::result::Result<f64, String> {
            self.0
                .get(path.join(".").as_str())
                .copied()
                .ok_or_else(|| format!("unknown id '{}'", path.join(".")))
        }
    }

    fn names() -> Names {
        Names(HashMap::from([
            ("relapse_free", 5.0),
            ("n_patients", 7.0),
            ("slope.before", 0.47),
            ("slope.after", 0.25),
        ]))
    }

    fn eval(s: &str) -> f64 {
        parse(s, "test").unwrap().eval(&names(), "test").unwrap()
    }

    // The arithmetic is elementary; the expected values are worked by hand:
    // 100·5/7 = 71.428571…; 100·(0.25 − 0.47)/0.47 = −46.808510…
    #[test]
    fn functions_and_arithmetic() {
        assert!((eval("percent(relapse_free, n_patients)") - 500.0 / 7.0).abs() < 1e-12);
        assert!((eval("percent_change(slope.before, slope.after)") - (-22.0 / 0.47)).abs() < 1e-9);
        assert_eq!(eval("sum(1, 2, 3) * 2 - -1"), 13.0);
        assert_eq!(eval("(1 + 2) * 3 / 2"), 4.5);
        assert_eq!(eval("ratio(6, 3) + difference(5, 7)"), 0.0);
        assert_eq!(eval("1.5e2"), 150.0);
    }

    #[test]
    fn errors_point_at_the_position() {
        let e = parse("percent(1, 2", "data/x.toml:3")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("data/x.toml:3:") && e.contains("expected ',' or ')'"),
            "{e}"
        );
        let e = parse("mean(1, 2)", "loc").unwrap_err().to_string();
        assert!(
            e.contains("unknown function 'mean'") && e.contains("character 1"),
            "{e}"
        );
        let e = parse("percent(1)", "loc").unwrap_err().to_string();
        assert!(e.contains("takes 2 arguments"), "{e}");
        let e = parse("1 + ", "loc").unwrap_err().to_string();
        assert!(e.contains("ends too early"), "{e}");
        let e = parse("1 2", "loc").unwrap_err().to_string();
        assert!(
            e.contains("character 3") && e.contains("unexpected text"),
            "{e}"
        );
        let e = parse("nope + 1", "loc")
            .unwrap()
            .eval(&names(), "loc")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown id 'nope'"), "{e}");
    }
}
