//! The model formula: a parser for the subset of lme4's formula language that `trialstats lmm`
//! accepts, with error positions.
//!
//! Grammar (whitespace is free):
//!
//! ```text
//! formula  := response '~' rhs
//! response := name | 'cbind(' name ',' name ')' | 'cbind(' name ',' name '-' name ')'
//! rhs      := item (('+' | '-') item)*
//! item     := '0' | '1' | random | offset | product  ('-' only before '1' or '0')
//! offset   := 'offset(' name ')' | 'offset(log(' name '))'
//! product  := variable (('*' | ':') variable)*      (a*b = a + b + a:b)
//! variable := name | 'factor(' name ')'
//! random   := '(' effects ('|' | '||') grouping ')'
//! effects  := ('0' | '1' | name) ('+' ('0' | '1' | name))*
//! grouping := name (':' name)* | name ('/' name)+
//! ```
//!
//! `(x | g)` means `(1 + x | g)` (intercept and slope, correlated); `(x || g)` gives the same
//! columns with independent (uncorrelated) random effects, as lme4's double bar. Names are
//! letters, digits, `_` and `.`, starting with a letter, `_` or `.`.
//!
//! Grouping factors: `(1 | a:b)` groups by the combinations of `a` and `b`; the nested
//! `(1 | a/b)` is expanded as lme4's `expandSlash` does, into `(1 | a) + (1 | b:a)` (and
//! `a/b/c` into `a`, `b:a`, `c:b:a`). A formula may have random terms on several grouping
//! factors, nested or crossed.
//!
//! Two parts only generalised models use (`trialstats glmm`; `lmm` refuses them): a binomial
//! response as successes and failures, `cbind(events, trials - events)` (or `cbind(events,
//! failures)`), and offsets, `offset(log(years))`, a known term of the linear predictor with
//! coefficient 1 (R's `offset()`).

use crate::error::{Error, Result};

/// One variable in a fixed-effect term.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Variable {
    /// The column name.
    pub name: String,
    /// Written as `factor(name)`: treat the column as categorical even if it holds numbers.
    pub as_factor: bool,
}

/// A fixed-effect term: the product (interaction) of one or more variables, in the order
/// they were first written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedTerm {
    pub variables: Vec<Variable>,
}

impl FixedTerm {
    /// The term as lme4 writes it, e.g. `month:arm`.
    pub fn label(&self) -> String {
        self.variables
            .iter()
            .map(|v| v.name.as_str())
            .collect::<Vec<_>>()
            .join(":")
    }

    /// The term's variables as a set (a key that is the same however the product was
    /// written: `a:b` and `b:a`), so that duplicates are found in one hash lookup.
    fn key(&self) -> Vec<(String, bool)> {
        let mut k: Vec<(String, bool)> = self
            .variables
            .iter()
            .map(|v| (v.name.clone(), v.as_factor))
            .collect();
        k.sort();
        k.dedup();
        k
    }

    fn same_set(&self, other: &FixedTerm) -> bool {
        self.variables.len() == other.variables.len()
            && self.variables.iter().all(|v| other.variables.contains(v))
    }
}

/// A random-effect term `(effects | group)` or `(effects || group)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RandomTerm {
    /// Whether the term has a random intercept.
    pub intercept: bool,
    /// Numeric columns with random slopes, in the order written.
    pub slopes: Vec<String>,
    /// The grouping factor's name as lme4 prints it: a column (`patient`) or an interaction of
    /// columns (`cask:batch`).
    pub group: String,
    /// The columns whose combinations are the groups (one for a plain column), in the order
    /// of [`RandomTerm::group`].
    pub group_columns: Vec<String>,
    /// `||`: the effects are independent (diagonal covariance).
    pub uncorrelated: bool,
}

/// The failures of a binomial response `cbind(successes, ...)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failures {
    /// `cbind(events, failures)`: a column of failures.
    Column(String),
    /// `cbind(events, trials - events)`: the trials column; failures are trials − successes.
    TrialsMinusSuccesses(String),
}

/// An offset term `offset(x)` or `offset(log(x))`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offset {
    pub column: String,
    /// Written `offset(log(x))`: the column enters as its natural logarithm.
    pub log: bool,
}

impl Offset {
    /// The term as written, e.g. `offset(log(years))`.
    pub fn label(&self) -> String {
        if self.log {
            format!("offset(log({}))", self.column)
        } else {
            format!("offset({})", self.column)
        }
    }
}

/// A parsed formula.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formula {
    /// The response column (the successes of `cbind(successes, ...)`).
    pub response: String,
    /// The failures of a binomial response written with `cbind`.
    pub failures: Option<Failures>,
    /// Offset terms, in the order written (they are summed).
    pub offsets: Vec<Offset>,
    /// Whether the fixed part has an intercept (removed by `0` or `-1`).
    pub intercept: bool,
    /// Fixed terms, ordered as R orders them: by degree (main effects first), then as written.
    pub fixed: Vec<FixedTerm>,
    /// Random terms, in the order written.
    pub random: Vec<RandomTerm>,
    /// The text the formula was parsed from.
    pub text: String,
}

impl Formula {
    /// Parse `text`; errors name `--formula` and the character position (1-based).
    pub fn parse(text: &str) -> Result<Formula> {
        Parser::new(text).formula()
    }

    /// Every column the formula refers to: response, fixed variables, random slopes, groups.
    pub fn columns(&self) -> Vec<String> {
        let mut out = vec![self.response.clone()];
        // A set beside the list keeps the first-written order and finds repeats in one
        // lookup (a formula of thousands of terms stays linear).
        let mut seen: std::collections::HashSet<String> = out.iter().cloned().collect();
        let mut add = |n: &str| {
            if seen.insert(n.to_string()) {
                out.push(n.to_string());
            }
        };
        match &self.failures {
            Some(Failures::Column(c)) | Some(Failures::TrialsMinusSuccesses(c)) => add(c),
            None => {}
        }
        for o in &self.offsets {
            add(&o.column);
        }
        for t in &self.fixed {
            for v in &t.variables {
                add(&v.name);
            }
        }
        for r in &self.random {
            for s in &r.slopes {
                add(s);
            }
            for g in &r.group_columns {
                add(g);
            }
        }
        out
    }

    /// The distinct grouping factors of the random terms, in the order first written.
    pub fn grouping_factors(&self) -> Vec<&RandomTerm> {
        let mut out: Vec<&RandomTerm> = Vec::new();
        for r in &self.random {
            if !out.iter().any(|o| o.group == r.group) {
                out.push(r);
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Name(String),
    Number(String),
    Tilde,
    Plus,
    Minus,
    Star,
    Colon,
    Slash,
    Bar,
    DoubleBar,
    Open,
    Close,
    Comma,
    End,
}

struct Parser<'a> {
    text: &'a str,
    tokens: Vec<(Token, usize)>,
    pos: usize,
}

fn describe(t: &Token) -> String {
    match t {
        Token::Name(n) => format!("'{n}'"),
        Token::Number(n) => format!("'{n}'"),
        Token::Tilde => "'~'".into(),
        Token::Plus => "'+'".into(),
        Token::Minus => "'-'".into(),
        Token::Star => "'*'".into(),
        Token::Colon => "':'".into(),
        Token::Slash => "'/'".into(),
        Token::Bar => "'|'".into(),
        Token::DoubleBar => "'||'".into(),
        Token::Open => "'('".into(),
        Token::Close => "')'".into(),
        Token::Comma => "','".into(),
        Token::End => "the end of the formula".into(),
    }
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            text,
            tokens: Vec::new(),
            pos: 0,
        }
    }

    fn error(&self, at: usize, message: impl Into<String>) -> Error {
        let caret = format!(
            "{}^",
            " ".repeat(self.text[..at.min(self.text.len())].chars().count())
        );
        Error::field(
            "formula",
            format!(
                "{} at position {}\n  {}\n  {}",
                message.into(),
                self.text[..at.min(self.text.len())].chars().count() + 1,
                self.text,
                caret
            ),
        )
    }

    fn tokenize(&mut self) -> Result<()> {
        let bytes = self.text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            let start = i;
            let tok = match c {
                b' ' | b'\t' | b'\n' | b'\r' => {
                    i += 1;
                    continue;
                }
                b'~' => Token::Tilde,
                b'+' => Token::Plus,
                b'-' => Token::Minus,
                b'*' => Token::Star,
                b':' => Token::Colon,
                b'/' => Token::Slash,
                b'(' => Token::Open,
                b')' => Token::Close,
                b',' => Token::Comma,
                b'|' => {
                    if bytes.get(i + 1) == Some(&b'|') {
                        i += 1;
                        Token::DoubleBar
                    } else {
                        Token::Bar
                    }
                }
                b'0'..=b'9' => {
                    while i + 1 < bytes.len() && bytes[i + 1].is_ascii_digit() {
                        i += 1;
                    }
                    Token::Number(self.text[start..=i].to_string())
                }
                c if c.is_ascii_alphabetic() || c == b'_' || c == b'.' => {
                    while i + 1 < bytes.len()
                        && (bytes[i + 1].is_ascii_alphanumeric()
                            || bytes[i + 1] == b'_'
                            || bytes[i + 1] == b'.')
                    {
                        i += 1;
                    }
                    Token::Name(self.text[start..=i].to_string())
                }
                _ => {
                    let ch = self.text[start..].chars().next().unwrap_or('?');
                    return Err(self.error(
                        start,
                        format!(
                            "unexpected character '{ch}'; allowed: column names, ~ + - * : / | || ( ) , 0 1"
                        ),
                    ));
                }
            };
            self.tokens.push((tok, start));
            i += 1;
        }
        self.tokens.push((Token::End, self.text.len()));
        Ok(())
    }

    fn peek(&self) -> &Token {
        &self.tokens[self.pos.min(self.tokens.len() - 1)].0
    }
    fn offset(&self) -> usize {
        self.tokens[self.pos.min(self.tokens.len() - 1)].1
    }
    fn next(&mut self) -> Token {
        let t = self.peek().clone();
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
        }
        t
    }
    fn expect(&mut self, want: Token, what: &str) -> Result<()> {
        if *self.peek() == want {
            self.next();
            Ok(())
        } else {
            Err(self.error(
                self.offset(),
                format!("expected {what}, found {}", describe(self.peek())),
            ))
        }
    }

    fn formula(mut self) -> Result<Formula> {
        self.tokenize()?;
        let (response, failures) = match self.next() {
            Token::Name(n) if n == "cbind" && *self.peek() == Token::Open => self.cbind()?,
            Token::Name(n) => (n, None),
            other => {
                return Err(self.error(
                    0,
                    format!(
                        "expected the response column name before '~', found {}",
                        describe(&other)
                    ),
                ));
            }
        };
        self.expect(Token::Tilde, "'~' after the response")?;
        let mut intercept = true;
        let mut fixed: Vec<FixedTerm> = Vec::new();
        let mut fixed_seen: std::collections::HashSet<Vec<(String, bool)>> =
            std::collections::HashSet::new();
        let mut random = Vec::new();
        let mut offsets = Vec::new();
        let mut sign_minus = false;
        loop {
            let at = self.offset();
            match self.peek().clone() {
                Token::Number(n) if n == "0" || n == "1" => {
                    self.next();
                    intercept = (n == "1") != sign_minus;
                }
                Token::Number(n) => {
                    return Err(self.error(at, format!("'{n}' is not allowed; only 0 or 1 (the intercept)")))
                }
                Token::Open if sign_minus => {
                    return Err(self.error(at, "only '-1' or '-0' may follow '-'"))
                }
                Token::Open => random.extend(self.random_term()?),
                Token::Name(n) if n == "offset" && !sign_minus && self.peek_at(1) == Token::Open => {
                    offsets.push(self.offset_term()?)
                }
                Token::Name(_) if sign_minus => {
                    return Err(self.error(at, "removing terms with '-' is not supported; only '-1' (no intercept)"))
                }
                Token::Name(_) => {
                    for t in self.product()? {
                        if fixed_seen.insert(t.key()) {
                            fixed.push(t);
                        }
                    }
                }
                other => {
                    return Err(self.error(
                        at,
                        format!("expected a term (a column name, 0, 1 or a random term '(... | group)'), found {}", describe(&other)),
                    ))
                }
            }
            match self.next() {
                Token::Plus => sign_minus = false,
                Token::Minus => sign_minus = true,
                Token::End => break,
                other => {
                    let at = self.tokens[self.pos - 1].1;
                    return Err(self.error(
                        at,
                        format!(
                            "expected '+', '-' or the end of the formula, found {}",
                            describe(&other)
                        ),
                    ));
                }
            }
        }
        if fixed.is_empty() && !intercept && random.is_empty() && offsets.is_empty() {
            return Err(self.error(self.text.len(), "the model has no terms"));
        }
        // R orders terms by degree, keeping the written order within a degree.
        fixed.sort_by_key(|t| t.variables.len());
        Ok(Formula {
            response,
            failures,
            offsets,
            intercept,
            fixed,
            random,
            text: self.text.to_string(),
        })
    }

    /// The token `k` places ahead.
    fn peek_at(&self, k: usize) -> Token {
        self.tokens[(self.pos + k).min(self.tokens.len() - 1)]
            .0
            .clone()
    }

    fn name(&mut self, what: &str) -> Result<String> {
        let at = self.offset();
        match self.next() {
            Token::Name(n) => Ok(n),
            other => Err(self.error(at, format!("expected {what}, found {}", describe(&other)))),
        }
    }

    /// `cbind(successes, failures)` or `cbind(successes, trials - successes)`, after `cbind`.
    fn cbind(&mut self) -> Result<(String, Option<Failures>)> {
        self.expect(Token::Open, "'(' after cbind")?;
        let successes = self.name("the successes column inside cbind( )")?;
        self.expect(
            Token::Comma,
            "',' between the successes and the failures in cbind( )",
        )?;
        let second = self.name("the failures (or trials) column inside cbind( )")?;
        let failures = if *self.peek() == Token::Minus {
            self.next();
            let at = self.offset();
            let minus = self.name("the successes column after '-' in cbind( )")?;
            if minus != successes {
                return Err(self.error(
                    at,
                    format!("cbind({successes}, {second} - {minus}): the column subtracted must be the successes column '{successes}'"),
                ));
            }
            Failures::TrialsMinusSuccesses(second)
        } else {
            Failures::Column(second)
        };
        self.expect(Token::Close, "')' closing cbind(")?;
        Ok((successes, Some(failures)))
    }

    /// `offset(x)` or `offset(log(x))`, from `offset`.
    fn offset_term(&mut self) -> Result<Offset> {
        self.next();
        self.expect(Token::Open, "'(' after offset")?;
        let at = self.offset();
        let first = self.name("a column name or log( inside offset( )")?;
        let (column, log) = if first == "log" && *self.peek() == Token::Open {
            self.next();
            let column = self.name("a column name inside log( )")?;
            self.expect(Token::Close, "')' closing log(")?;
            (column, true)
        } else if *self.peek() == Token::Open {
            return Err(self.error(
                at,
                format!("'{first}(' is not supported inside offset( ); allowed: offset(x) or offset(log(x))"),
            ));
        } else {
            (first, false)
        };
        self.expect(Token::Close, "')' closing offset(")?;
        Ok(Offset { column, log })
    }

    fn variable(&mut self) -> Result<Variable> {
        let at = self.offset();
        match self.next() {
            Token::Name(n) if n == "factor" && *self.peek() == Token::Open => {
                self.next();
                let at = self.offset();
                let name = match self.next() {
                    Token::Name(m) => m,
                    other => {
                        return Err(self.error(
                            at,
                            format!(
                                "expected a column name inside factor( ), found {}",
                                describe(&other)
                            ),
                        ));
                    }
                };
                self.expect(Token::Close, "')' closing factor(")?;
                Ok(Variable {
                    name,
                    as_factor: true,
                })
            }
            Token::Name(n) => Ok(Variable {
                name: n,
                as_factor: false,
            }),
            other => Err(self.error(
                at,
                format!("expected a column name, found {}", describe(&other)),
            )),
        }
    }

    /// `a*b:c`: expands `*` into all sub-products, as R does.
    fn product(&mut self) -> Result<Vec<FixedTerm>> {
        // Factors separated by '*'; each factor is a ':'-chain.
        let mut chains: Vec<Vec<Variable>> = Vec::new();
        let mut chain = vec![self.variable()?];
        loop {
            match self.peek() {
                Token::Colon => {
                    self.next();
                    chain.push(self.variable()?);
                }
                Token::Star => {
                    self.next();
                    chains.push(std::mem::take(&mut chain));
                    chain.push(self.variable()?);
                }
                _ => break,
            }
        }
        chains.push(chain);
        let mut terms: Vec<FixedTerm> = Vec::new();
        for mask in 1u32..(1u32 << chains.len()) {
            let mut vars: Vec<Variable> = Vec::new();
            for (k, c) in chains.iter().enumerate() {
                if mask & (1 << k) != 0 {
                    for v in c {
                        if !vars.contains(v) {
                            vars.push(v.clone());
                        }
                    }
                }
            }
            let t = FixedTerm { variables: vars };
            if !terms.iter().any(|f| f.same_set(&t)) {
                terms.push(t);
            }
        }
        Ok(terms)
    }

    /// One parenthesised random term; a nested grouping `a/b` gives one term per level of
    /// nesting.
    fn random_term(&mut self) -> Result<Vec<RandomTerm>> {
        let open = self.offset();
        self.expect(Token::Open, "'('")?;
        let (intercept, slopes) = self.random_effects()?;
        let uncorrelated = self.next() == Token::DoubleBar;
        let (columns, nested) = self.grouping(open)?;
        if !intercept && slopes.is_empty() {
            return Err(self.error(open, "the random term has no effects (0 and no column)"));
        }
        for (k, c) in columns.iter().enumerate() {
            if columns[..k].contains(c) {
                return Err(self.error(
                    open,
                    format!("the grouping column '{c}' appears twice in the random term"),
                ));
            }
        }
        let term = |group_columns: Vec<String>| RandomTerm {
            intercept,
            slopes: slopes.clone(),
            group: group_columns.join(":"),
            group_columns,
            uncorrelated,
        };
        if !nested {
            return Ok(vec![term(columns)]);
        }
        // lme4's expandSlash: a/b/c = a + b:a + c:b:a (the innermost column first).
        Ok((1..=columns.len())
            .map(|k| term(columns[..k].iter().rev().cloned().collect()))
            .collect())
    }

    /// The effects of a random term, up to its '|' or '||' (left unread): whether it has an
    /// intercept, and its slopes.
    fn random_effects(&mut self) -> Result<(bool, Vec<String>)> {
        let mut intercept = true;
        let mut slopes = Vec::new();
        loop {
            let at = self.offset();
            match self.next() {
                Token::Number(n) if n == "0" => intercept = false,
                Token::Number(n) if n == "1" => intercept = true,
                Token::Name(n) => {
                    if *self.peek() == Token::Colon || *self.peek() == Token::Star {
                        return Err(self.error(self.offset(), "interactions inside a random term are not supported; use a numeric column"));
                    }
                    if slopes.contains(&n) {
                        return Err(
                            self.error(at, format!("'{n}' appears twice in the random term"))
                        );
                    }
                    slopes.push(n)
                }
                other => {
                    return Err(self.error(
                        at,
                        format!(
                            "expected 0, 1 or a column name in the random term, found {}",
                            describe(&other)
                        ),
                    ));
                }
            }
            match self.peek() {
                Token::Plus => {
                    self.next();
                }
                Token::Bar | Token::DoubleBar => break,
                other => {
                    let d = describe(other);
                    return Err(self.error(
                        self.offset(),
                        format!("expected '+', '|' or '||' in the random term, found {d}"),
                    ));
                }
            }
        }
        Ok((intercept, slopes))
    }

    /// The grouping of a random term after its '|', through its ')' (the term opened at
    /// `open`): the grouping columns and whether they are nested (a/b) rather than joined (a:b).
    fn grouping(&mut self, open: usize) -> Result<(Vec<String>, bool)> {
        let mut columns = vec![self.group_name()?];
        let mut nested = false;
        let mut joined = false;
        loop {
            match self.peek() {
                Token::Colon if !nested => {
                    self.next();
                    joined = true;
                    columns.push(self.group_name()?);
                }
                Token::Slash if !joined => {
                    self.next();
                    nested = true;
                    columns.push(self.group_name()?);
                }
                Token::Close => break,
                other => {
                    let d = describe(other);
                    return Err(self.error(
                        self.offset(),
                        format!(
                            "expected ')' closing the random term opened at position {}, found {d} (a grouping is a column, a:b, or a nested a/b)",
                            open + 1
                        ),
                    ));
                }
            }
        }
        self.next();
        Ok((columns, nested))
    }

    fn group_name(&mut self) -> Result<String> {
        let at = self.offset();
        match self.next() {
            Token::Name(g) => Ok(g),
            other => Err(self.error(
                at,
                format!(
                    "expected a grouping column after '|', ':' or '/', found {}",
                    describe(&other)
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(f: &Formula) -> Vec<String> {
        f.fixed.iter().map(|t| t.label()).collect()
    }

    #[test]
    fn star_expands_and_terms_are_ordered_by_degree() {
        let f = Formula::parse("alsfrs ~ month * arm + (month | patient)").unwrap();
        assert_eq!(f.response, "alsfrs");
        assert!(f.intercept);
        assert_eq!(labels(&f), ["month", "arm", "month:arm"]);
        assert_eq!(f.random.len(), 1);
        let r = &f.random[0];
        assert!(r.intercept && !r.uncorrelated);
        assert_eq!(r.slopes, ["month"]);
        assert_eq!(r.group, "patient");
    }

    #[test]
    fn intercept_removal_and_random_variants() {
        let f = Formula::parse("y ~ 0 + site + sex:week + (0 + week | id)").unwrap();
        assert!(!f.intercept);
        assert_eq!(labels(&f), ["site", "sex:week"]);
        assert!(!f.random[0].intercept);
        let g = Formula::parse("y ~ x - 1 + (x || id)").unwrap();
        assert!(!g.intercept);
        assert!(g.random[0].uncorrelated && g.random[0].intercept);
        let h = Formula::parse("y~factor(dose)+(1|id)").unwrap();
        assert!(h.fixed[0].variables[0].as_factor);
        assert!(h.random[0].slopes.is_empty());
    }

    #[test]
    fn errors_point_at_the_position() {
        let e = Formula::parse("y ~ x + + z").unwrap_err().to_string();
        assert!(e.starts_with("formula:") && e.contains("position 9"), "{e}");
        let e = Formula::parse("y ~ x + (x | g").unwrap_err().to_string();
        assert!(e.contains("expected ')'"), "{e}");
        let e = Formula::parse("y ~ (1 | a/b:c)").unwrap_err().to_string();
        assert!(e.contains("expected ')'"), "{e}");
        let e = Formula::parse("y ~ (1 | a/a)").unwrap_err().to_string();
        assert!(e.contains("appears twice"), "{e}");
        let e = Formula::parse("y ~ x + (x | g").unwrap_err().to_string();
        assert!(e.contains("expected ')'"), "{e}");
        let e = Formula::parse("y ~ x $ z").unwrap_err().to_string();
        assert!(
            e.contains("unexpected character '$'") && e.contains("position 7"),
            "{e}"
        );
        assert!(Formula::parse("~ x").is_err());
        assert!(Formula::parse("y ~ x - z").is_err());
    }

    #[test]
    fn cbind_response_and_offsets() {
        let f = Formula::parse(
            "cbind(incidence, size - incidence) ~ period + offset(log(years)) + offset(w) + (1 | herd)",
        )
        .unwrap();
        assert_eq!(f.response, "incidence");
        assert_eq!(
            f.failures,
            Some(Failures::TrialsMinusSuccesses("size".into()))
        );
        assert_eq!(labels(&f), ["period"]);
        assert_eq!(
            f.offsets.iter().map(|o| o.label()).collect::<Vec<_>>(),
            ["offset(log(years))", "offset(w)"]
        );
        assert_eq!(
            f.columns(),
            ["incidence", "size", "years", "w", "period", "herd"]
        );
        let g = Formula::parse("cbind(a, b) ~ 1").unwrap();
        assert_eq!(g.failures, Some(Failures::Column("b".into())));
        let e = Formula::parse("cbind(a, n - b) ~ 1")
            .unwrap_err()
            .to_string();
        assert!(e.contains("must be the successes column 'a'"), "{e}");
        let e = Formula::parse("y ~ offset(sqrt(t))")
            .unwrap_err()
            .to_string();
        assert!(e.contains("offset(log(x))"), "{e}");
        // A column called offset is still a column.
        assert_eq!(labels(&Formula::parse("y ~ offset").unwrap()), ["offset"]);
    }

    #[test]
    fn nested_groupings_expand_as_lme4_and_crossed_ones_stay() {
        // lme4: findbars(y ~ (1 | batch/cask)) gives (1 | batch) and (1 | cask:batch).
        let f = Formula::parse("strength ~ 1 + (1 | batch/cask)").unwrap();
        let groups: Vec<&str> = f.random.iter().map(|r| r.group.as_str()).collect();
        assert_eq!(groups, ["batch", "cask:batch"]);
        assert_eq!(f.random[1].group_columns, ["cask", "batch"]);
        let g = Formula::parse("y ~ (month | patient) + (1 | site) + (1 | a:b)").unwrap();
        let names: Vec<&str> = g
            .grouping_factors()
            .iter()
            .map(|r| r.group.as_str())
            .collect();
        assert_eq!(names, ["patient", "site", "a:b"]);
        assert_eq!(g.columns(), ["y", "month", "patient", "site", "a", "b"]);
        let h = Formula::parse("y ~ (1 | a/b/c)").unwrap();
        let groups: Vec<&str> = h.random.iter().map(|r| r.group.as_str()).collect();
        assert_eq!(groups, ["a", "b:a", "c:b:a"]);
    }

    proptest::proptest! {
        /// Any text, including formula-like text, gives a formula or an error, never a panic.
        #[test]
        fn parsing_never_panics(text in "[ a-z01~+*:/|(),-]{0,40}|(cbind|offset|log)[ a-z,()|~+-]{0,30}|\\PC{0,20}") {
            let _ = Formula::parse(&text);
        }
    }
}
