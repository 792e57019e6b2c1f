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
//! `percent_change(from, to)` = 100·(to − from)/from;
//! `percent_slowing(before, after)` = 100·(before − after)/before, the percent by which a
//! rate of decline slowed ([`crate::effect::slope::percent_slowing`], the definition of
//! `effect`'s SLOWING); `sum(a, …)`.
//!
//! Limits, so that no input can exhaust the stack or the time: an expression is at most
//! [`MAX_LENGTH`] characters and its tree at most [`MAX_DEPTH`] levels deep (each operator,
//! parenthesis, sign or call adds one); longer or deeper ones are refused with the limit
//! stated. Evaluation refuses a result that is not a finite number (a division by zero).
//!
//! Study files are checked with [`parse`] and [`Expr::paths`] when they are loaded (every
//! name must exist), and `verify` evaluates them.

use crate::error::{Error, Result};

/// The longest expression accepted, in characters.
pub const MAX_LENGTH: usize = 2_000;

/// The deepest expression tree accepted.
pub const MAX_DEPTH: usize = 200;

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

/// The functions an expression may call, with their arity (`None`: one or more). No id in a
/// study may take one of these names.
pub const FUNCTIONS: [(&str, Option<usize>); 6] = [
    ("percent", Some(2)),
    ("ratio", Some(2)),
    ("difference", Some(2)),
    ("percent_change", Some(2)),
    ("percent_slowing", Some(2)),
    ("sum", None),
];

/// Whether `name` is one of the [`FUNCTIONS`].
pub fn is_function(name: &str) -> bool {
    FUNCTIONS.iter().any(|(f, _)| *f == name)
}

/// The function names as one comma-separated list, for messages.
pub fn function_list() -> String {
    FUNCTIONS.map(|(f, _)| f).join(", ")
}

/// Parse `text`; errors name `location` and the character position.
///
/// ```
/// use trialstats_stats::expression::{Lookup, parse};
/// // A study's derived number: 5 of 7 patients relapse-free is 71.43 %.
/// struct Facts;
/// impl Lookup for Facts {
///     fn lookup(&self, path: &[&str]) -> Result<f64, String> {
///         match path {
///             ["relapse_free"] => Ok(5.0),
///             ["n_patients"] => Ok(7.0),
///             _ => Err(format!("no fact {}", path.join("."))),
///         }
///     }
/// }
/// let e = parse("percent(relapse_free, n_patients)", "expectation")?;
/// assert!((e.eval(&Facts, "expectation")? - 500.0 / 7.0).abs() < 1e-12);
/// assert!(parse("percent(relapse_free", "expectation").is_err()); // unclosed
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn parse(text: &str, location: &str) -> Result<Expr> {
    let length = text.chars().count();
    if length > MAX_LENGTH {
        return Err(Error::input(
            location,
            format!("the expression is {length} characters long; at most {MAX_LENGTH} are allowed"),
        ));
    }
    let mut p = Parser {
        chars: text.chars().collect(),
        pos: 0,
        depth: 0,
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
    /// How deep the tree being built is at `pos`.
    depth: usize,
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
                function_list()
            ),
        )
    }

    /// One level deeper; refused beyond [`MAX_DEPTH`].
    fn deeper(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(&format!(
                "the expression is nested more than {MAX_DEPTH} levels deep (operators, parentheses, signs and calls each add one)"
            )));
        }
        Ok(())
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
        let start = self.depth;
        let mut left = self.term()?;
        while let Some(c @ ('+' | '-')) = self.peek() {
            self.pos += 1;
            // A chain a + b + c is a left-deep tree: each operator adds a level.
            self.deeper()?;
            let op = if c == '+' { Op::Add } else { Op::Sub };
            left = Expr::Binary(Box::new(left), op, Box::new(self.term()?));
        }
        self.depth = start;
        Ok(left)
    }

    fn term(&mut self) -> Result<Expr> {
        let start = self.depth;
        let mut left = self.factor()?;
        while let Some(c @ ('*' | '/')) = self.peek() {
            self.pos += 1;
            self.deeper()?;
            let op = if c == '*' { Op::Mul } else { Op::Div };
            left = Expr::Binary(Box::new(left), op, Box::new(self.factor()?));
        }
        self.depth = start;
        Ok(left)
    }

    fn factor(&mut self) -> Result<Expr> {
        let start = self.depth;
        self.deeper()?;
        let e = self.factor_inner();
        self.depth = start;
        e
    }

    fn factor_inner(&mut self) -> Result<Expr> {
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
            && (self.chars[self.pos].is_alphanumeric() || self.chars[self.pos] == '_')
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
    /// Every name the expression refers to, split at dots, in order of appearance.
    pub fn paths(&self) -> Vec<Vec<&str>> {
        let mut out = Vec::new();
        self.collect_paths(&mut out);
        out
    }

    fn collect_paths<'a>(&'a self, out: &mut Vec<Vec<&'a str>>) {
        match self {
            Expr::Number(_) => {}
            Expr::Path(p) => out.push(p.iter().map(String::as_str).collect()),
            Expr::Negate(e) => e.collect_paths(out),
            Expr::Binary(a, _, b) => {
                a.collect_paths(out);
                b.collect_paths(out);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.collect_paths(out)),
        }
    }

    /// Evaluate against `names`; errors name `location`. A result that is not a finite
    /// number (a division by zero, an overflow) is refused, saying which.
    pub fn eval(&self, names: &dyn Lookup, location: &str) -> Result<f64> {
        let value = self.eval_inner(names, location)?;
        if value.is_finite() {
            Ok(value)
        } else {
            Err(Error::input(
                location,
                format!(
                    "the expression evaluates to {} (a division by zero or an overflow); it must give a finite number",
                    crate::output::human_number(value)
                ),
            ))
        }
    }

    fn eval_inner(&self, names: &dyn Lookup, location: &str) -> Result<f64> {
        let fail = |m: String| Error::input(location, m);
        Ok(match self {
            Expr::Number(x) => *x,
            Expr::Path(p) => {
                let parts: Vec<&str> = p.iter().map(String::as_str).collect();
                names.lookup(&parts).map_err(fail)?
            }
            Expr::Negate(e) => -e.eval_inner(names, location)?,
            Expr::Binary(a, op, b) => {
                let (a, b) = (
                    a.eval_inner(names, location)?,
                    b.eval_inner(names, location)?,
                );
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
                    .map(|a| a.eval_inner(names, location))
                    .collect::<Result<Vec<f64>>>()?;
                match f.as_str() {
                    "percent" => 100.0 * v[0] / v[1],
                    "ratio" => v[0] / v[1],
                    "difference" => v[0] - v[1],
                    "percent_change" => 100.0 * (v[1] - v[0]) / v[0],
                    "percent_slowing" => crate::effect::slope::percent_slowing(v[0], v[1]),
                    "sum" => v.iter().sum(),
                    other => {
                        return Err(fail(format!(
                            "unknown function '{other}'; allowed: {}",
                            function_list()
                        )));
                    }
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
        // 100·(0.47 − 0.25)/0.47 = 46.808510…: the slowing is positive.
        assert!((eval("percent_slowing(slope.before, slope.after)") - 22.0 / 0.47).abs() < 1e-9);
    }

    #[test]
    fn deep_or_long_expressions_and_division_by_zero_are_refused() {
        let deep = format!("{}1{}", "(".repeat(20_000), ")".repeat(20_000));
        let e = parse(&deep, "loc").unwrap_err().to_string();
        assert!(e.contains("at most 2000"), "{e}");
        let nested = format!("{}1{}", "(".repeat(300), ")".repeat(300));
        let e = parse(&nested, "loc").unwrap_err().to_string();
        assert!(e.contains("more than 200 levels"), "{e}");
        let chain = vec!["1"; 500].join("+");
        let e = parse(&chain, "loc").unwrap_err().to_string();
        assert!(e.contains("more than 200 levels"), "{e}");
        let signs = format!("{}1", "-".repeat(300));
        assert!(parse(&signs, "loc").is_err());
        let ok = vec!["1"; 150].join("+");
        assert_eq!(eval(&ok), 150.0);
        let e = parse("1 / (2 - 2)", "loc")
            .unwrap()
            .eval(&names(), "loc")
            .unwrap_err()
            .to_string();
        assert!(e.contains("division by zero"), "{e}");
        let p = parse("percent(relapse_free, slope.before) + 2", "loc").unwrap();
        assert_eq!(
            p.paths(),
            vec![vec!["relapse_free"], vec!["slope", "before"]]
        );
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
