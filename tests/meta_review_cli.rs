//! The JSON contract of `trialstats meta` for the review options (keys other tooling reads),
//! with values from metafor 3.8-1 (the R calls are in tests/data/meta_review_cases.rs and
//! tests/data/meta_multilevel_cases.rs).

use assert_cmd::Command;
use serde_json::Value;

fn meta(args: &[&str]) -> Value {
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .arg("meta")
        .args(args)
        .args(["--format", "json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn close(v: &Value, want: f64, rel: f64) {
    let got = v.as_f64().unwrap();
    assert!((got - want).abs() <= rel * want.abs(), "{got} vs {want}");
}

#[test]
fn review_options_write_the_contract_keys() {
    let j = meta(&[
        "tests/data/bcg.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--subgroup",
        "alloc",
        "--cumulative",
        "year",
        "--trimfill",
        "--fsn",
    ]);
    let s = &j["subgroups"][1];
    assert_eq!(s["level"], "random");
    assert_eq!(s["k"], 7);
    // per-level rma(yi, vi, method = "REML"): random allocation
    close(&s["estimate"], -0.97096470426308867, 1e-8);
    close(&s["tau2"], 0.39252800690077383, 1e-8);
    close(&j["subgroup_test"]["q"], 1.8614449461546356, 1e-8);
    assert_eq!(j["subgroup_test"]["df"], 2);
    assert_eq!(j["cumulative"].as_array().unwrap().len(), 13);
    for key in ["estimate", "se", "tau2", "ci_lower", "ci_upper"] {
        assert!(j["cumulative"][0][key].is_number(), "{key}");
    }
    for key in ["k0", "side", "estimate", "se", "tau2"] {
        assert!(!j["trimfill"][key].is_null(), "{key}");
    }
    for key in ["rosenthal", "orwin", "rosenberg"] {
        assert!(j["fsn"][key].is_number(), "{key}");
    }
    let s = meta(&[
        "tests/data/hackshaw1998.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--selmodel",
        "0.025",
    ]);
    for key in ["estimate", "tau2", "lrt", "lrt_p"] {
        assert!(s["selmodel"][key].is_number(), "{key}");
    }
    assert_eq!(s["selmodel"]["delta"][0], 1.0);
    let t = meta(&[
        "tests/data/konstantopoulos2011.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--cluster",
        "district",
        "--id",
        "school",
    ]);
    // rma.mv(yi, vi, random = ~ 1 | district/school, data = dat)
    close(&t["sigma2"][0], 0.065061944275311659, 2e-6);
    close(&t["sigma2"][1], 0.032736517027935085, 2e-6);
    close(&t["log_likelihood"], -7.95872403371097, 1e-10);
    assert!(t["estimate"].is_number() && t["se"].is_number());
}
