//! Errors and what they mean for the exit code.
//!
//! [`Error`] is the vocabulary of refusal every layer shares: bad input at a place, a request's
//! field out of its range, a combination not allowed, a file that cannot be read, arithmetic
//! that cannot be done. It is this crate's own error. Each library crate above has its own
//! enum (`trialstats_stats::Error`, `trialstats_documents::Error`, …) holding this one as
//! its `Refused` variant beside the failures only that crate has (a matrix that is not positive
//! definite, a PDF that cannot be read); [`layer_error!`](crate::layer_error) gives those enums
//! the shared constructors and field naming, written here once.
//!
//! The command-line front end maps every error to exit code 2 ("bad input or usage"). A check
//! or verification that *finds a problem* is not an error: it is a normal result whose outcome
//! the front end turns into exit code 1 (see [`Outcome`]).

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

/// `text` (a message, or a report's text) with each request field it names (`{field:NAME}`)
/// written as a front end names it, `name(NAME)`: the command line prints `--rate-ratio` for
/// `{field:rate_ratio}`, so that no option name is written in a library.
///
/// ```
/// use trialstats_numerics::error::fields_named_with;
/// let option = |f: &str| format!("--{}", f.replace('_', "-"));
/// assert_eq!(fields_named_with("Rounding ({field:rounding} up-or-down)", &option), "Rounding (--rounding up-or-down)");
/// ```
pub fn fields_named_with(text: &str, name: &dyn Fn(&str) -> String) -> String {
    name_fields_in(text, name)
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

/// `impl From<Lower> for Error` of a layer whose enum holds the error of a layer below it: the
/// lower refusal stays a `Refused`, each variant named after `keeping` (the lower layer's own
/// pass-through of the layers below it) goes into the variant of the same name, and every
/// other failure of the lower layer into `Own`. So a failure has one place in each enum,
/// whichever layer passed it up: `passes_up!(Error from trialstats_stats::Error => Statistics)`;
/// `passes_up!(Error from trialstats_documents::Error => Documents, keeping Statistics)`.
#[macro_export]
macro_rules! passes_up {
    ($error:ident from $lower:ty => $own:ident $(, keeping $($kept:ident),+)?) => {
        impl From<$lower> for $error {
            fn from(e: $lower) -> Self {
                type Lower = $lower;
                match e {
                    Lower::Refused(r) => $error::Refused(r),
                    $($(Lower::$kept(x) => $error::$kept(x),)+)?
                    other => $error::$own(other),
                }
            }
        }
    };
}

/// The constructors and field naming of a layer's error enum, which must have a variant
/// `Refused(trialstats_numerics::Error)` (the shared refusals) beside its own typed failures.
/// Written once here so that each crate's enum refuses, names fields and maps to exit codes
/// alike: `input`, `field`, `usage`, `numerical`, `io` build a `Refused`; `naming_fields`,
/// `into_message`, `into_place` see through `Refused` and leave the crate's own failures as
/// they are (they name no request field); `all` gathers several refusals into one. A crate's
/// own failure that has a place of its own (a document's name) is named after the enum,
/// `layer_error!(Error, UnreadableDocument { document, message })`, so that `into_message`
/// and `into_place` see its place and message as a refusal's.
///
/// ```
/// #[derive(Debug, thiserror::Error)]
/// pub enum Error {
///     #[error(transparent)]
///     Refused(#[from] trialstats_numerics::Error),
///     #[error("the model did not converge")]
///     NotConverged,
/// }
/// trialstats_numerics::layer_error!(Error);
///
/// let e = Error::field("rate_ratio", "0 is not above 0");
/// let option = |f: &str| format!("--{}", f.replace('_', "-"));
/// assert_eq!(e.naming_fields(&option).to_string(), "--rate-ratio: 0 is not above 0");
/// assert_eq!(Error::NotConverged.into_message(), "the model did not converge");
/// assert_eq!(Error::NotConverged.exit_code(), 2);
/// ```
#[macro_export]
macro_rules! layer_error {
    ($error:ident $(, $placed:ident { $place:ident, $message:ident })* $(,)?) => {
        impl $error {
            /// Bad input at `location` (a file:line, a row and column, a request's part).
            pub fn input(location: impl Into<String>, message: impl Into<String>) -> Self {
                $error::Refused($crate::Error::input(location, message))
            }

            /// A request's `field` (its name in the library) out of its range.
            pub fn field(field: &'static str, message: impl Into<String>) -> Self {
                $error::Refused($crate::Error::field(field, message))
            }

            /// A request that cannot be honoured as asked (a combination not allowed).
            pub fn usage(message: String) -> Self {
                $error::Refused($crate::Error::Usage(message))
            }

            /// Arithmetic that cannot be done for these inputs; the message says why.
            pub fn numerical(message: String) -> Self {
                $error::Refused($crate::Error::Numerical(message))
            }

            /// An I/O failure on `path`.
            pub fn io(path: impl Into<std::path::PathBuf>, source: std::io::Error) -> Self {
                $error::Refused($crate::Error::io(path, source))
            }

            /// The shared refusal inside, if this is one.
            pub fn refused(&self) -> Option<&$crate::Error> {
                match self {
                    $error::Refused(e) => Some(e),
                    _ => None,
                }
            }

            /// This error with each request field it names given the front end's name for
            /// it (see [`Error::naming_fields`](trialstats_numerics::Error::naming_fields)).
            pub fn naming_fields(self, name: &dyn Fn(&str) -> String) -> Self {
                match self {
                    $error::Refused(e) => $error::Refused(e.naming_fields(name)),
                    other => other,
                }
            }

            /// What is wrong, without where (see
            /// [`Error::into_message`](trialstats_numerics::Error::into_message)).
            pub fn into_message(self) -> String {
                match self {
                    $error::Refused(e) => e.into_message(),
                    $($error::$placed { $message, .. } => $message,)*
                    other => other.to_string(),
                }
            }

            /// Where and what, for bad input or a field out of range; any other error back as
            /// it is (see [`Error::into_place`](trialstats_numerics::Error::into_place)).
            pub fn into_place(self) -> std::result::Result<(String, String), Self> {
                match self {
                    $error::Refused(e) => e.into_place().map_err($error::Refused),
                    $($error::$placed { $place, $message } => Ok(($place, $message)),)*
                    other => Err(other),
                }
            }

            /// Bad input or a field out of range placed at `location` instead (its message
            /// kept, its fields named plainly); any other error as it is. For a caller that
            /// knows where the value came from (the option `--effect`, a study file's key).
            pub fn placed_at(self, location: &str) -> Self {
                match self {
                    $error::Refused(
                        e @ ($crate::Error::Input { .. } | $crate::Error::Field { .. }),
                    ) => Self::input(location, e.into_message()),
                    other => other,
                }
            }

            /// `errors` as one error: the error itself when there is one; several as one
            /// list of refusals (a failure of this layer's own kind joins the list as its
            /// message). `None` for none.
            pub fn all(errors: Vec<Self>) -> Option<Self> {
                if errors.len() == 1 {
                    return errors.into_iter().next();
                }
                let refusals = errors
                    .into_iter()
                    .map(|e| match e {
                        $error::Refused(e) => e,
                        other => $crate::Error::Numerical(other.to_string()),
                    })
                    .collect();
                $crate::Error::all(refusals).map($error::Refused)
            }

            /// Exit code the command-line front end uses for this error: always 2 (bad
            /// input or usage).
            pub fn exit_code(&self) -> i32 {
                2
            }
        }

        /// A failure inside a callback that a lower layer runs (a CSV row reader, a root
        /// search) goes up through that layer as a shared refusal: a refusal as it is, a
        /// failure of this layer's own kind as its message. The caller gets it back as
        /// `Refused`, with the same text.
        impl From<$error> for $crate::Error {
            fn from(e: $error) -> Self {
                match e {
                    $error::Refused(e) => e,
                    other => $crate::Error::Numerical(other.to_string()),
                }
            }
        }
    };
}

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
