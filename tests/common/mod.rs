//! Data generators, reference values and ways of running the built command line that several
//! test modules share.

pub mod als_synthetic;
pub mod nma_reference_values;
pub mod relapse_synthetic;

use assert_cmd::Command;
use std::time::Duration;

/// The built `trialstats` binary, ready for arguments. Tests that need a current directory,
/// environment or stdin set them on the command this returns.
pub fn trialstats() -> Command {
    Command::cargo_bin("trialstats").unwrap()
}

/// `trialstats NAME`: the built binary with its subcommand (`"meta"`, `"check"`, …) given,
/// ready for the subcommand's arguments.
pub fn subcommand(name: &str) -> Command {
    let mut command = trialstats();
    command.arg(name);
    command
}

/// The built binary, killed if it has not finished within `limit`: for inputs that could make
/// it hang.
pub fn trialstats_with_timeout(limit: Duration) -> Command {
    let mut command = trialstats();
    command.timeout(limit);
    command
}

/// Run `trialstats ARGS`, require exit 0 and parse stdout as JSON (the arguments ask for
/// `--format json` themselves). See [`json_of`] for a command built some other way.
#[track_caller]
pub fn json(args: &[&str]) -> serde_json::Value {
    json_of(trialstats().args(args))
}

/// Run `command`, require exit 0 (else panic with the command and its stderr) and parse its
/// stdout as JSON.
#[track_caller]
pub fn json_of(command: &mut Command) -> serde_json::Value {
    let out = command.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{command:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Run `trialstats ARGS` whatever its exit: its exit code, stdout and stderr. See
/// [`outcome_of`] for a command built some other way.
pub fn outcome(args: &[&str]) -> (i32, String, String) {
    outcome_of(trialstats().args(args))
}

/// Run `command` whatever its exit: its exit code (−1 when killed by a signal), stdout and
/// stderr.
pub fn outcome_of(command: &mut Command) -> (i32, String, String) {
    let out = command.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A PNG file's width, height and pixels as RGB (alpha dropped, palettes and grey expanded),
/// read with the `png` crate the charts are written with.
pub fn png_rgb(path: &std::path::Path) -> (u32, u32, Vec<[u8; 3]>) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("the PNG decodes");
    let mut buf = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buf).expect("the PNG decodes");
    let bytes = &buf[..frame.buffer_size()];
    let pixels = match frame.color_type {
        png::ColorType::Rgb => bytes.chunks(3).map(|c| [c[0], c[1], c[2]]).collect(),
        png::ColorType::Rgba => bytes.chunks(4).map(|c| [c[0], c[1], c[2]]).collect(),
        png::ColorType::Grayscale => bytes.iter().map(|&g| [g, g, g]).collect(),
        png::ColorType::GrayscaleAlpha => bytes.chunks(2).map(|c| [c[0], c[0], c[0]]).collect(),
        other => panic!("{}: unexpected colour type {other:?}", path.display()),
    };
    (frame.width, frame.height, pixels)
}

/// A number under test, as the comparisons below take it: an `f64`, or a JSON value that must
/// hold a number (`&v["estimate"]` of a command's `--format json` output).
pub trait Number {
    /// The number; a panic naming `what` and the value when a JSON value holds none.
    fn number(&self, what: &str) -> f64;
}

impl Number for f64 {
    fn number(&self, _what: &str) -> f64 {
        *self
    }
}

impl Number for serde_json::Value {
    #[track_caller]
    fn number(&self, what: &str) -> f64 {
        match self.as_f64() {
            Some(x) => x,
            None => panic!("{what}: {self} is not a number"),
        }
    }
}

impl<T: Number + ?Sized> Number for &T {
    #[track_caller]
    fn number(&self, what: &str) -> f64 {
        (**self).number(what)
    }
}

/// Assert that `got` agrees with the reference `want` to the relative tolerance `rel`
/// (`|got − want| ≤ rel·|want|`; a reference of exactly 0 must be met exactly), naming `what`
/// and both values to 17 digits when it does not.
#[track_caller]
pub fn assert_close(what: &str, got: impl Number, want: f64, rel: f64) {
    let got = got.number(what);
    let err = (got - want).abs() / want.abs().max(1e-300);
    assert!(
        err <= rel || got == want,
        "{what}: got {got:.17}, want {want:.17} (relative error {err:.2e} > {rel:.0e})"
    );
}

/// Whether `got` agrees with the reference `want` to the relative tolerance `rel` or to the
/// absolute tolerance `abs`: `|got − want| ≤ max(rel·|want|, abs)` (Python's `math.isclose`
/// with the reference as the scale). The absolute part is for references at or near 0, where a
/// relative tolerance asks for exact equality; `abs = 0` leaves a relative comparison. False
/// when either value is NaN. For a test that lists every mismatch before failing; to fail at
/// once, see [`assert_close_or_within`].
pub fn is_close_or_within(got: f64, want: f64, rel: f64, abs: f64) -> bool {
    let difference = (got - want).abs();
    difference <= rel * want.abs() || difference <= abs
}

/// Assert [`is_close_or_within`]: `|got − want| ≤ max(rel·|want|, abs)`, naming `what` and both
/// values to 17 digits when it does not hold.
#[track_caller]
pub fn assert_close_or_within(what: &str, got: impl Number, want: f64, rel: f64, abs: f64) {
    let got = got.number(what);
    assert!(
        is_close_or_within(got, want, rel, abs),
        "{what}: got {got:.17}, want {want:.17} (difference {:.2e} > {rel:e} relative and > {abs:e} \
         absolute)",
        (got - want).abs()
    );
}

/// A file of `tests/data/`.
pub fn test_data(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// Assert `|got − want| ≤ tolerance` (absolute), naming `what`, the `reference` tool and both
/// values to 17 digits when it does not.
#[track_caller]
pub fn assert_within(reference: &str, what: &str, got: impl Number, want: f64, tolerance: f64) {
    let got = got.number(what);
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got:.17}, {reference} {want:.17}, difference {:.2e} > {tolerance:.0e}",
        got - want
    );
}

/// Every term, estimate and SE of a fit (`got`) against the `reference` tool's (`want`):
/// the same terms in the same order, estimates within 1e-5, SEs within 1e-4 relative.
#[track_caller]
pub fn assert_coefficients(
    reference: &str,
    name: &str,
    got: &[(String, f64, f64)],
    want: &[(&str, f64, f64)],
) {
    assert_eq!(got.len(), want.len(), "{name}");
    for ((term, estimate, se), &(want_term, want_estimate, want_se)) in got.iter().zip(want) {
        assert_eq!(term, want_term, "{name}");
        assert_within(
            reference,
            &format!("{name}: {term}"),
            *estimate,
            want_estimate,
            1e-5,
        );
        assert_within(
            reference,
            &format!("{name}: SE {term}"),
            *se,
            want_se,
            1e-4 * want_se,
        );
    }
}
