//! `convert median --method blue` (Yang, Hutson & Wang 2022, J Appl Stat 49:3846; R package
//! metaBLUE 1.0.0's `BLUE_s`, which metafor's `conv.fivenum(method = "blue")` calls).
//!
//! Every reference is printed by `Rscript benches/blue_reference.R`, which computes the BLUE
//! from the papers (David & Johnson's moments of normal order statistics, Lloyd's generalized
//! least squares) and, with metaBLUE installed, prints `metaBLUE::BLUE_s(x, n, "S1"|"S2"|"S3")`
//! beside it: the two agree to 3.4e-15 on every case below. The last case is the printed
//! example of metaBLUEX (github.com/SungManhin/metaBLUEX, its "yang" method: 1.0857491,
//! 0.9065274 for `fivenum` of `rnorm(100, 1, 1)` after `set.seed(1)`).

use assert_cmd::Command;
use trialstats::convert::{Distribution, FiveNumbers, MedianMethod, Methods, mean_sd};

const NA: f64 = f64::NAN;

fn five(v: [f64; 5], n: u64) -> FiveNumbers {
    let o = |x: f64| (!x.is_nan()).then_some(x);
    FiveNumbers {
        min: o(v[0]),
        q1: o(v[1]),
        median: v[2],
        q3: o(v[3]),
        max: o(v[4]),
        n,
    }
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1e-300)
}

#[test]
fn blue_matches_metablue() {
    // [min, q1, median, q3, max] (NA: not reported), n, then mu and sigma as
    // benches/blue_reference.R prints them.
    #[rustfmt::skip]
    let cases: [([f64; 5], u64, f64, f64); 23] = [
        ([2.0, NA, 6.0, NA, 14.0], 20, 6.4670435453097976, 3.1871778342772790),
        ([NA, 4.0, 6.0, 10.0, NA], 20, 6.3790340688949749, 4.4630299008547469),
        ([2.0, 4.0, 6.0, 10.0, 14.0], 20, 6.6847276804125331, 3.5712412643826665),
        ([2.0, 4.0, 6.0, 14.0, 20.0], 20, 8.1885660399956723, 5.5532099049419230),
        ([1.0, NA, 4.0, NA, 10.0], 30, 4.2953928574712634, 2.1896033821783085),
        ([1.5, NA, 4.0, NA, 11.0], 5, 5.2587676390824862, 4.0972960610053546),
        ([NA, 3.0, 4.0, 6.5, NA], 5, 4.5864598568691193, 3.5478449617867462),
        ([1.5, 3.0, 4.0, 6.5, 11.0], 5, 5.2136620061852570, 4.0278940574476856),
        ([1.5, NA, 4.0, NA, 11.0], 6, 4.8245938336806038, 3.6594210288731794),
        ([NA, 3.0, 4.0, 6.5, NA], 7, 4.5123432180016945, 2.3147562135221258),
        ([1.5, 3.0, 4.0, 6.5, 11.0], 8, 4.6321963823625918, 3.0780512179455197),
        ([1.5, 3.0, 4.0, 6.5, 11.0], 25, 4.8028474109543042, 2.5203502617443800),
        ([NA, 3.0, 4.0, 6.5, NA], 26, 4.4911405366487331, 2.6108856648393712),
        ([1.5, NA, 4.0, NA, 11.0], 101, 4.2552143870742603, 1.8889954399827129),
        ([1.5, 3.0, 4.0, 6.5, 11.0], 1000, 4.5408621518013277, 2.3867302807130164),
        ([NA, 2.0, 3.0, 6.0, NA], 50, 3.6792873129493135, 2.9737918435010591),
        ([NA, -3.0, 1.0, 4.0, NA], 30, 0.58390840893547469, 5.23569716530498930),
        ([1.0, 2.5, 4.0, 7.0, 20.0], 40, 5.1322148847991409, 3.9537143889715796),
        ([10.0, NA, 20.0, NA, 35.0], 1000000, 20.0001102264299782, 2.5695283485003229),
        ([NA, 20.0, 25.0, 32.0, NA], 1000000, 25.6989691585628002, 8.8956147574353892),
        ([5.0, 12.0, 15.0, 19.0, 30.0], 1000000, 15.3495464871929865, 5.1863175707386757),
        ([5.0, 12.0, 15.0, 19.0, 30.0], 1000000000, 15.3494911888616059, 5.1890996871222868),
        ([-1.2146998871774999, 0.4896649569498646, 1.1139091607885443, 1.693351368927757, 3.4016177605047764], 100, 1.0857490502424889, 0.9065273523548244),
    ];
    let mut worst: f64 = 0.0;
    for (v, n, mu, sigma) in cases {
        let r = mean_sd(&five(v, n), MedianMethod::Blue, Distribution::Norm, "test").unwrap();
        let what = format!("{v:?} n = {n}");
        let tol = 1e-13;
        assert!(
            rel(r.mean, mu) < tol,
            "{what}: mean {} against {mu}",
            r.mean
        );
        assert!(
            rel(r.sd, sigma) < tol,
            "{what}: sd {} against {sigma}",
            r.sd
        );
        worst = worst.max(rel(r.mean, mu)).max(rel(r.sd, sigma));
        assert_eq!(
            r.mean_source,
            "Yang et al. 2022 BLUE (normal order statistics)"
        );
        assert_eq!(r.sd_source, r.mean_source);
    }
    eprintln!("largest relative difference from R: {worst:.1e}");
    // the metaBLUEX example to its printed digits
    let r = mean_sd(
        &five(cases[22].0, 100),
        MedianMethod::Blue,
        Distribution::Norm,
        "x",
    )
    .unwrap();
    assert_eq!(format!("{:.7} {:.7}", r.mean, r.sd), "1.0857491 0.9065274");
}

/// The BLUE as one of a pair: its mean with Wan's SD, and Luo's mean with its SD, each the
/// same number as the single-method runs (metafor refuses a pair with "blue"; we allow any).
#[test]
fn blue_pairs_with_other_methods() {
    let x = five([2.0, 4.0, 6.0, 14.0, 20.0], 20);
    let run = |m: Methods| mean_sd(&x, m, Distribution::Norm, "x").unwrap();
    let blue = run(Methods::same(MedianMethod::Blue));
    let luo = run(Methods::same(MedianMethod::LuoWanShi));
    let mixed = run(Methods {
        mean: MedianMethod::Blue,
        sd: MedianMethod::LuoWanShi,
    });
    assert_eq!((mixed.mean, mixed.sd), (blue.mean, luo.sd));
    let mixed = run(Methods {
        mean: MedianMethod::LuoWanShi,
        sd: MedianMethod::Blue,
    });
    assert_eq!((mixed.mean, mixed.sd), (luo.mean, blue.sd));
    // BLUE assumes normal data: the skewness warning names it
    assert!(
        blue.warning()
            .unwrap()
            .contains("the blue estimates assume normal data")
    );
}

#[test]
fn blue_bad_input_is_refused_with_the_field() {
    let err = |v: [f64; 5], n: u64, d: Distribution| {
        mean_sd(&five(v, n), MedianMethod::Blue, d, "--n/--median")
            .unwrap_err()
            .to_string()
    };
    // n < 5, as metafor's conv.fivenum (rank ⌊3n/4⌋ + 1 would meet rank n below 5)
    let e = err([1.0, 2.0, 3.0, 4.0, 5.0], 4, Distribution::Norm);
    assert!(e.contains("n = 4") && e.contains("n ≥ 5"), "{e}");
    let e = err([NA, 5.0, 2.0, 6.0, NA], 20, Distribution::Norm);
    assert!(e.contains("q1 5 is above median 2"), "{e}");
    let e = err([1.0, NA, 2.0, NA, 5.0], 20, Distribution::Lnorm);
    // The library names its field (`dist`); the command line names it `--dist`.
    assert!(e.starts_with("dist:") && e.contains("blue"), "{e}");
}

#[test]
fn convert_median_method_blue_on_the_command_line() {
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "convert", "median", "--n", "20", "--min", "2", "--q1", "4", "--median", "6", "--q3",
            "14", "--max", "20", "--method", "blue", "--format", "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["method"], "blue");
    assert_eq!(v["sd_method"], "blue");
    assert!(rel(v["mean"].as_f64().unwrap(), 8.1885660399956723) < 1e-12);
    assert!(rel(v["sd"].as_f64().unwrap(), 5.5532099049419230) < 1e-12);
    // an unknown method names blue among the allowed
    Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "convert", "median", "--n", "20", "--q1", "4", "--median", "6", "--q3", "10",
            "--method", "bleu",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("blue"));
}

/// A study file's median names `method = "blue"`: the arm of tests/data/medians whose
/// min 2, median 6, max 14 (n = 20) is converted by it (metaBLUE::BLUE_s(c(2, 6, 14), 20,
/// "S1"): 6.4670435453097976, 3.1871778342772790, the first case above).
#[test]
fn a_study_median_takes_method_blue() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/medians/medians-trial.toml");
    let text = std::fs::read_to_string(fixture).unwrap();
    assert!(text.contains("method = \"wan2014\""));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("medians-trial.toml");
    std::fs::write(
        &path,
        text.replacen("method = \"wan2014\"", "method = \"blue\"", 1),
    )
    .unwrap();
    let study = trialstats::study::load_file(&path).unwrap();
    let a = trialstats::analysis::analyse_study(&study, &Default::default()).unwrap();
    let los = a.arms.iter().find(|i| i.id == "los").unwrap();
    let e = &los.comparisons[0].conversions[0].estimate;
    assert_eq!(e.method, MedianMethod::Blue);
    assert!(rel(e.mean, 6.4670435453097976) < 1e-13, "{}", e.mean);
    assert!(rel(e.sd, 3.1871778342772790) < 1e-13, "{}", e.sd);
}
