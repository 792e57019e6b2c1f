//! Errors and what they mean for the exit code.
//!
//! Everything the library can refuse is an [`Error`]; the command-line front end maps every
//! error to exit code 2 ("bad input or usage"). A check or verification that *finds a
//! problem* is not an error: it is a normal result whose outcome the front end turns into
//! exit code 1 (see [`Outcome`]).

use std::path::PathBuf;

/// A refusal: the input could not be read, parsed, validated or computed on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input data: `location` names the file and line, or the command-line option, or the
    /// row and column; `message` says what is wrong and what is allowed.
    /// The location and the message may name a request's field as `{field:NAME}` (as
    /// [`Error::Field`]).
    #[error("{}: {}", name_fields_in(.location, &|f: &str| f.to_string()), name_fields_in(.message, &|f: &str| f.to_string()))]
    Input { location: String, message: String },

    /// A field of a request out of its range (a level outside (0, 1), a rate ratio of 0):
    /// `field` is the request's own name for it (`rate_ratio`, `sd_slope`), in the library's
    /// terms; a front end names it as its users know it ([`Error::naming_fields`]: the
    /// command line's `--rate-ratio`).
    /// The message may name another field the user could set instead, written
    /// `{field:n_total}`: shown as `n_total` here, as the front end names it after
    /// [`Error::naming_fields`].
    #[error("{field}: {}", name_fields_in(.message, &|f: &str| f.to_string()))]
    Field {
        field: &'static str,
        message: String,
    },

    /// A request the library cannot honour as asked (wrong combination of arguments, a
    /// measure code that needs other inputs, ...).
    /// The message may name a request's field as `{field:NAME}` (as [`Error::Field`]).
    #[error("{}", name_fields_in(.0, &|f: &str| f.to_string()))]
    Usage(String),

    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The arithmetic cannot be done for these inputs (for example a variance that is not
    /// estimable, or a model that is not identifiable); the message says why.
    /// The message may name a request's field as `{field:NAME}` (as [`Error::Field`]).
    #[error("{}", name_fields_in(.0, &|f: &str| f.to_string()))]
    Numerical(String),

    /// Several problems found at once (every mistake of every file of a data folder), one
    /// per line.
    #[error("{} problems:\n{}", .0.len(), several(.0))]
    Several(Vec<Error>),
}

/// `text` (an error's location or message) with each request field it names (`{field:NAME}`)
/// written as the library names it, `NAME`: for a message taken out of an error into a report
/// or a page, where no front end names the fields.
///
/// ```
/// use trialstats_numerics::error::fields_named_plainly;
/// assert_eq!(fields_named_plainly("give {field:n_total} instead"), "give n_total instead");
/// ```
pub fn fields_named_plainly(text: &str) -> String {
    name_fields_in(text, &|f: &str| f.to_string())
}

/// `message` with each `{field:NAME}` written as `name(NAME)`.
fn name_fields_in(message: &str, name: &dyn Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("{field:") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "{field:".len()..];
        match after.find('}') {
            Some(end) => {
                out.push_str(&name(&after[..end]));
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn several(errors: &[Error]) -> String {
    errors
        .iter()
        .map(|e| format!("  {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Error {
    /// Bad input at `location` (a file:line, an option such as `--sd`, or `row 3, column vi`).
    pub fn input(location: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Input {
            location: location.into(),
            message: message.into(),
        }
    }

    /// A request's `field` (its name in the library) out of its range.
    ///
    /// ```
    /// use trialstats_numerics::Error;
    /// let e = Error::field("rate_ratio", "0: the rate ratio must be a number greater than 0");
    /// assert_eq!(e.to_string(), "rate_ratio: 0: the rate ratio must be a number greater than 0");
    /// ```
    pub fn field(field: &'static str, message: impl Into<String>) -> Self {
        Error::Field {
            field,
            message: message.into(),
        }
    }

    /// This error with each request field it names given the front end's name for it
    /// (`name(field)`), as bad input at that name: the command line maps `rate_ratio` to
    /// `--rate-ratio`. A field named in the message of bad input or of a usage error
    /// (`{field:events}`) is named so too. Every other error is unchanged.
    ///
    /// ```
    /// use trialstats_numerics::Error;
    /// let option = |field: &str| format!("--{}", field.replace('_', "-"));
    /// let e = Error::all(vec![
    ///     Error::field("sd_slope", "0: the SD of individual slopes must be a number greater than 0"),
    ///     Error::input("data.csv:3", "n is not a number"),
    /// ])
    /// .unwrap()
    /// .naming_fields(&option);
    /// assert!(e.to_string().contains("  --sd-slope: 0: the SD"));
    /// assert!(e.to_string().contains("  data.csv:3: n is not a number"));
    /// // A message may name the field to set instead.
    /// let e = Error::field("n", "ambiguous; give {field:n_total} instead");
    /// assert_eq!(e.to_string(), "n: ambiguous; give n_total instead");
    /// assert_eq!(e.naming_fields(&option).to_string(), "--n: ambiguous; give --n-total instead");
    /// ```
    pub fn naming_fields(self, name: &dyn Fn(&str) -> String) -> Error {
        match self {
            Error::Field { field, message } => Error::Input {
                location: name(field),
                message: name_fields_in(&message, name),
            },
            Error::Input { location, message } => Error::Input {
                location: name_fields_in(&location, name),
                message: name_fields_in(&message, name),
            },
            Error::Usage(message) => Error::Usage(name_fields_in(&message, name)),
            Error::Numerical(message) => Error::Numerical(name_fields_in(&message, name)),
            Error::Several(all) => {
                Error::Several(all.into_iter().map(|e| e.naming_fields(name)).collect())
            }
            other => other,
        }
    }

    /// What is wrong, without where: the message of bad input or of a field out of range (its
    /// fields named as the library names them), for a caller that says the place itself (a
    /// study file's key, a row); any other error as it displays.
    ///
    /// ```
    /// use trialstats_numerics::Error;
    /// let e = Error::field("method", "unknown method 'x'; see {field:method}");
    /// assert_eq!(e.into_message(), "unknown method 'x'; see method");
    /// assert_eq!(Error::input("a.csv:3", "n is not a number").into_message(), "n is not a number");
    /// ```
    pub fn into_message(self) -> String {
        match self {
            Error::Input { message, .. } | Error::Field { message, .. } => {
                fields_named_plainly(&message)
            }
            other => other.to_string(),
        }
    }

    /// Where and what, for bad input or a field out of range (a field's place is its name);
    /// any other error back as it is. For a caller that puts the place in its own terms (a
    /// row's column, a study file's key).
    ///
    /// ```
    /// use trialstats_numerics::Error;
    /// let (at, why) = Error::field("sd", "-1 is negative").into_place().unwrap();
    /// assert_eq!((at.as_str(), why.as_str()), ("sd", "-1 is negative"));
    /// ```
    pub fn into_place(self) -> std::result::Result<(String, String), Error> {
        match self {
            Error::Input { location, message } => Ok((location, message)),
            Error::Field { field, message } => Ok((field.to_string(), message)),
            other => Err(other),
        }
    }

    /// An I/O failure on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// `errors` as one error: the error itself when there is one, [`Error::Several`] when
    /// there are more (nested lists flattened).
    ///
    /// ```
    /// use trialstats_numerics::Error;
    /// // Every mistake of a data folder at once: two errors become one of two problems.
    /// let both = Error::all(vec![
    ///     Error::input("a.toml:3", "sd must be positive"),
    ///     Error::input("b.toml:7", "n must be a whole number"),
    /// ]);
    /// let text = both.unwrap().to_string();
    /// assert!(text.starts_with("2 problems:") && text.contains("a.toml:3: sd must be positive"));
    /// assert!(Error::all(Vec::new()).is_none());
    /// ```
    pub fn all(errors: Vec<Error>) -> Option<Error> {
        let mut flat = Vec::new();
        for e in errors {
            match e {
                Error::Several(inner) => flat.extend(inner),
                other => flat.push(other),
            }
        }
        match flat.len() {
            0 => None,
            1 => flat.pop(),
            _ => Some(Error::Several(flat)),
        }
    }

    /// Exit code the command-line front end uses for this error: always 2 (bad input or usage).
    pub fn exit_code(&self) -> i32 {
        2
    }
}

/// Result alias used across the crate.
pub type Result<T> = std::result::Result<T, Error>;

/// What a successful run found: the command-line front end exits 0 for [`Outcome::Ok`] and
/// 1 for [`Outcome::ProblemFound`] (a check or verification that did not hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything computed and every check held.
    Ok,
    /// Computed, but at least one check or verification found a problem.
    ProblemFound,
}

impl Outcome {
    /// Combine two outcomes: a problem anywhere is a problem overall.
    ///
    /// ```
    /// use trialstats_numerics::Outcome;
    /// let overall = Outcome::Ok.and(Outcome::ProblemFound);
    /// assert_eq!(overall, Outcome::ProblemFound);
    /// assert_eq!((overall.exit_code(), Outcome::Ok.and(Outcome::Ok).exit_code()), (1, 0));
    /// ```
    pub fn and(self, other: Outcome) -> Outcome {
        if self == Outcome::ProblemFound || other == Outcome::ProblemFound {
            Outcome::ProblemFound
        } else {
            Outcome::Ok
        }
    }

    /// The process exit code for this outcome.
    pub fn exit_code(self) -> i32 {
        match self {
            Outcome::Ok => 0,
            Outcome::ProblemFound => 1,
        }
    }
}
