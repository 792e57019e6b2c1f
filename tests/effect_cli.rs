//! `trialstats effect` end to end: every input form, every format, every bad-input rule.
//! Reference numbers are the metafor 3.8.1 values of tests/effect_reference.rs (same R calls).

// R's values are kept with all 17 printed digits, so they read the same as R's output.
#![allow(clippy::excessive_precision)]

use crate::common::{assert_close, json_of, subcommand};
use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use std::io::Write;

fn effect(args: &[&str]) -> assert_cmd::assert::Assert {
    subcommand("effect").args(args).assert()
}

/// `trialstats effect ARGS --format json`, required to succeed.
fn effect_json(args: &[&str]) -> serde_json::Value {
    json_of(subcommand("effect").args(args).args(["--format", "json"]))
}

/// Relative agreement asked of every number.
const REL: f64 = 1e-8;

fn csv_file(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f
}

// ----- input forms -----

#[test]
fn pre_post_contract_example() {
    // R: escalc("SMCR", m1i=0.4, m2i=2.9, sd1i=1.1, ni=7, ri=0.5)  (after − before, before SD)
    let v = effect_json(&[
        "SMCR", "--n", "7", "--before", "2.9,1.1", "--after", "0.4,0.8", "--r", "0.5",
    ]);
    assert_eq!(v["measure"], "SMCR");
    assert_close("estimate", &v["estimate"], -1.9741515632441209, REL);
    assert_close("variance", &v["variance"], 0.42123388533280043, REL);
    assert_close("se", &v["se"], 0.64902533489286873, REL);
    assert_close("ci_lower", &v["ci_lower"], -3.2462178446881906, REL);
    assert_close("ci_upper", &v["ci_upper"], -0.70208528180005114, REL);
    assert_eq!(v["r"], 0.5);
    assert_eq!(v["notes"].as_array().unwrap().len(), 0);
}

#[test]
fn missing_r_is_assumed_with_a_note_and_kept_in_the_output() {
    let v = effect_json(&[
        "SMCR", "--n", "7", "--before", "2.9,1.1", "--after", "0.4,0.8",
    ]);
    assert_eq!(v["r"], 0.5);
    assert_close("estimate", &v["estimate"], -1.9741515632441209, REL);
    assert_eq!(
        v["notes"][0],
        "assumed r = 0.5 (pre/post correlation not reported)"
    );
    effect(&[
        "MC", "--n", "7", "--before", "2.9,1.1", "--after", "0.4,0.8",
    ])
    .success()
    .stdout(contains(
        "assumed r = 0.5 (pre/post correlation not reported)",
    ));
}

#[test]
fn two_groups() {
    // R: escalc("SMD", m1i=10.2, sd1i=2.1, n1i=25, m2i=8.9, sd2i=2.5, n2i=23)
    let v = effect_json(&["SMD", "--group1", "10.2,2.1,25", "--group2", "8.9,2.5,23"]);
    assert_close("estimate", &v["estimate"], 0.55594305424155732, REL);
    assert_close("variance", &v["variance"], 0.086697767948309301, REL);
    // R: summary(..., level=90)
    let v = effect_json(&[
        "SMD",
        "--group1",
        "10.2,2.1,25",
        "--group2",
        "8.9,2.5,23",
        "--level",
        "0.9",
    ]);
    assert_close("ci_lower", &v["ci_lower"], 0.071624379650920222, REL);
    assert_eq!(v["level"], 0.9);
}

#[test]
fn two_by_two_with_zero_cell_says_so() {
    // R: escalc("RR", ai=0, n1i=30, ci=5, n2i=31)
    let v = effect_json(&[
        "RR",
        "--events1",
        "0",
        "--n1",
        "30",
        "--events2",
        "5",
        "--n2",
        "31",
    ]);
    assert_close("estimate", &v["estimate"], -2.3661465744837904, REL);
    assert_close("variance", &v["variance"], 2.1183101173020527, REL);
    assert!(
        v["notes"][0]
            .as_str()
            .unwrap()
            .contains("zero cell: 1/2 added")
    );
}

#[test]
fn proportion_with_each_interval() {
    // R: escalc("PR", xi=12, ni=40); prop.test(12, 40, correct=FALSE); binom.test(12, 40)
    let v = effect_json(&["PR", "--events", "12", "--n", "40"]);
    assert_close("ci_lower", &v["ci_lower"], 0.15798711745533733, REL);
    let v = effect_json(&["PR", "--events", "12", "--n", "40", "--ci", "wilson"]);
    assert_close("ci_lower", &v["ci_lower"], 0.18074845229746531, REL);
    assert_close("ci_upper", &v["ci_upper"], 0.45430018818144935, REL);
    let v = effect_json(&["PR", "--events", "12", "--n", "40", "--ci", "exact"]);
    assert_close("ci_lower", &v["ci_lower"], 0.16562720439323556, REL);
    assert_close("ci_upper", &v["ci_upper"], 0.46531628525412339, REL);
    // R: escalc("PLO", xi=12, ni=40)
    let v = effect_json(&["PLO", "--events", "12", "--n", "40"]);
    assert_close("estimate", &v["estimate"], -0.84729786038720356, REL);
}

#[test]
fn rates() {
    // R: poisson.test(7, 152.3)$conf.int
    let v = effect_json(&["IR", "--events", "7", "--time", "152.3", "--ci", "exact"]);
    assert_close("estimate", &v["estimate"], 0.04596191726854891, REL);
    assert_close("ci_lower", &v["ci_lower"], 0.018479074533945285, REL);
    assert_close("ci_upper", &v["ci_upper"], 0.094699115966529065, REL);
    // R: escalc("IRR", x1i=7, t1i=152.3, x2i=15, t2i=160.1)
    let v = effect_json(&[
        "IRR",
        "--events1",
        "7",
        "--time1",
        "152.3",
        "--events2",
        "15",
        "--time2",
        "160.1",
    ]);
    assert_close("estimate", &v["estimate"], -0.71219369194534421, REL);
    assert_close("variance", &v["variance"], 0.2095238095238095, REL);
}

#[test]
fn slopes_with_and_without_standard_errors() {
    let v = effect_json(&["SLOPE", "--slope-before", "0.47", "--slope-after", "0.25"]);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2]["measure"], "SLOWING");
    assert_close(
        "row 2 estimate",
        &rows[2]["estimate"],
        46.808510638297868,
        REL,
    );
    assert!(rows[0]["se"].is_null());
    assert_eq!(rows[0]["notes"][0], "not estimable: no SD reported");
    // car::deltaMethod(c(a=0.25,b=0.47), "a-b", vcov.=diag(c(0.05^2,0.06^2)))$SE
    let v = effect_json(&[
        "SLOPE",
        "--slope-before",
        "0.47",
        "--slope-after",
        "0.25",
        "--se-before",
        "0.06",
        "--se-after",
        "0.05",
    ]);
    assert_close("row 0 se", &v[0]["se"], 0.078102496759066553, REL);
    // SE from SD and n: 0.3/sqrt(25) = 0.06 and 0.25/sqrt(25) = 0.05, the same result
    let w = effect_json(&[
        "SLOPE",
        "--slope-before",
        "0.47",
        "--slope-after",
        "0.25",
        "--sd-before",
        "0.3",
        "--sd-after",
        "0.25",
        "--n",
        "25",
    ]);
    assert_close("row 0 se", &w[0]["se"], 0.078102496759066553, REL);
    // any of the three slope codes gives all three rows
    let v = effect_json(&["slowing", "--slope-before", "0.47", "--slope-after", "0.25"]);
    assert_eq!(v.as_array().unwrap().len(), 3);
    effect(&["SLOPE", "--slope-before", "0.47", "--slope-after", "0.25"])
        .success()
        .stdout(contains("SLOWING").and(contains("46.808511")));
}

#[test]
fn conversions() {
    // R: 0.4*sqrt(7)
    let v = effect_json(&["convert", "--sem", "0.4", "--n", "7"]);
    assert_eq!(v["quantity"], "sd");
    assert_close("value", &v["value"], 1.0583005244258363, REL);
    // R: (3.1 - 0.5)/(2*qt(0.975, 11))
    let v = effect_json(&[
        "convert",
        "--ci-lower",
        "0.5",
        "--ci-upper",
        "3.1",
        "--n",
        "12",
    ]);
    assert_close("value", &v["value"], 0.59064460023250409, REL);
    // R: 1.8/qnorm(1 - 0.03/2)
    let v = effect_json(&["convert", "--estimate", "1.8", "--p", "0.03"]);
    assert_close("value", &v["value"], 0.82945854172373557, REL);
    let v = effect_json(&["convert", "--estimate", "1.8", "--t", "2.4"]);
    assert_close("value", &v["value"], 0.75, REL);
    effect(&["convert", "--sem", "0.4", "--n", "7"])
        .success()
        .stdout(contains("1.0583005"));
}

#[test]
fn csv_input_behaves_as_escalc() {
    // metafor columns: yi = m1i − m2i, SMCR divides by sd1i
    // R: escalc("SMCR", m1i=c(0.4,26.8), sd1i=c(1.1,5.1), m2i=c(2.9,24.3), ni=c(7,30), ri=c(0.5,0.72))
    let f = csv_file("study,m1i,sd1i,m2i,ni,ri\nA,0.4,1.1,2.9,7,0.5\nB,26.8,5.1,24.3,30,0.72\n");
    let v = effect_json(&["SMCR", "--input", f.path().to_str().unwrap()]);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["study"], "A");
    assert_close(
        "row 0 estimate",
        &rows[0]["estimate"],
        -1.9741515632441209,
        REL,
    );
    assert_close(
        "row 1 estimate",
        &rows[1]["estimate"],
        0.47738969833172817,
        REL,
    );
    assert_close(
        "row 1 variance",
        &rows[1]["variance"],
        0.022465015401220974,
        REL,
    );
    // R: escalc("ROMC", m1i=c(0.4,26.8), sd1i=c(0.8,6.2), m2i=c(2.9,24.3), sd2i=c(1.1,5.1), ni=c(7,30), ri=c(0.5,0.72))
    let f = csv_file("m1i,sd1i,m2i,sd2i,ni,ri\n0.4,0.8,2.9,1.1,7,0.5\n26.8,6.2,24.3,5.1,30,0.72\n");
    let v = effect_json(&["ROMC", "--input", f.path().to_str().unwrap()]);
    assert_close(
        "row 1 variance",
        &v[1]["variance"],
        0.00092169323293018156,
        REL,
    );
    // R: escalc("MD", m1i=c(10.2,0.5), sd1i=c(2.1,0.9), n1i=c(25,8), m2i=c(8.9,1.4), sd2i=c(2.5,1.1), n2i=c(23,10))
    let f = csv_file(
        "slab,m1i,sd1i,n1i,m2i,sd2i,n2i\nX,10.2,2.1,25,8.9,2.5,23\nY,0.5,0.9,8,1.4,1.1,10\n",
    );
    let v = effect_json(&["MD", "--input", f.path().to_str().unwrap()]);
    assert_close(
        "row 1 estimate",
        &v[1]["estimate"],
        -0.89999999999999991,
        REL,
    );
    assert_eq!(v[1]["study"], "Y");
    // 2×2 with bi/di instead of n1i/n2i; R: escalc("OR", ai=c(12,0), bi=c(38,30), ci=c(20,5), di=c(28,26))
    let f = csv_file("ai,bi,ci,di\n12,38,20,28\n0,30,5,26\n");
    let v = effect_json(&["OR", "--input", f.path().to_str().unwrap()]);
    assert_close(
        "row 0 estimate",
        &v[0]["estimate"],
        -0.8162072733171728,
        REL,
    );
    assert_close("row 1 variance", &v[1]["variance"], 2.2523409161206871, REL);
    // R: escalc("PLO", xi=c(12,0), ni=c(40,25))
    let f = csv_file("xi,ni\n12,40\n0,25\n");
    let v = effect_json(&["PLO", "--input", f.path().to_str().unwrap()]);
    assert_close(
        "row 1 estimate",
        &v[1]["estimate"],
        -3.9318256327243257,
        REL,
    );
    // R: escalc("IR", xi=c(7,0), ti=c(152.3,80))
    let f = csv_file("xi,ti\n7,152.3\n0,80\n");
    let v = effect_json(&["IR", "--input", f.path().to_str().unwrap()]);
    assert_close(
        "row 1 variance",
        &v[1]["variance"],
        7.8125000000000002e-05,
        REL,
    );
    // R: escalc("IRD", x1i=c(7,0), t1i=c(152.3,80), x2i=c(15,4), t2i=c(160.1,95))
    let f = csv_file("x1i,t1i,x2i,t2i\n7,152.3,15,160.1\n0,80,4,95\n");
    let v = effect_json(&["IRD", "--input", f.path().to_str().unwrap()]);
    assert_close(
        "row 0 estimate",
        &v[0]["estimate"],
        -0.047729525579670959,
        REL,
    );
}

#[test]
fn csv_without_ri_uses_the_r_option() {
    let f = csv_file("m1i,sd1i,m2i,sd2i,ni\n0.4,1.1,2.9,0.8,7\n");
    let v = effect_json(&["SMCR", "--input", f.path().to_str().unwrap(), "--r", "0.5"]);
    assert_close(
        "row 0 estimate",
        &v[0]["estimate"],
        -1.9741515632441209,
        REL,
    );
    assert_eq!(v[0]["r"], 0.5);
}

// ----- formats -----

#[test]
fn table_format_is_the_default() {
    effect(&[
        "SMCR", "--n", "7", "--before", "2.9,1.1", "--after", "0.4,0.8", "--r", "0.5",
    ])
    .success()
    .stdout(
        contains("measure")
            .and(contains("SMCR"))
            .and(contains("-1.9741516")),
    );
}

#[test]
fn table_of_a_log_ratio_also_reads_as_a_ratio() {
    // R: exp(c(yi, ci.lb, ci.ub)) of summary(escalc("RR", ai=12, n1i=50, ci=20, n2i=48))
    //    = 0.576 0.3173508 1.045455 (and 0.576 = (12/50)/(20/48))
    effect(&[
        "RR",
        "--events1",
        "12",
        "--n1",
        "50",
        "--events2",
        "20",
        "--n2",
        "48",
    ])
    .success()
    .stdout(
        contains("RR: log risk ratio")
            .and(contains("exp(estimate) = 0.576 (0.31735083 to 1.045455)")),
    );
}

#[test]
fn csv_format_has_a_header_and_full_precision() {
    effect(&[
        "SMCR", "--n", "7", "--before", "2.9,1.1", "--after", "0.4,0.8", "--r", "0.5", "--format",
        "csv",
    ])
    .success()
    .stdout(contains(
        "measure,estimate,variance,se,ci_lower,ci_upper,level,r,notes\nSMCR,-1.974151563244",
    ));
}

#[test]
fn unknown_format_is_refused() {
    effect(&[
        "MD", "--group1", "1,1,5", "--group2", "1,1,5", "--format", "xml",
    ])
    .code(2)
    .stderr(contains("--format").and(contains("table, json, csv")));
}

// ----- bad input: exit 2 and a message naming the option or the cell -----

#[test]
fn sd_not_positive() {
    effect(&["SMD", "--group1", "10,0,20", "--group2", "9,2,20"])
        .code(2)
        .stderr(contains("--group1").and(contains("SD must be a number > 0")));
    effect(&[
        "SMCR", "--n", "7", "--before", "2.9,-1", "--after", "0.4,0.8",
    ])
    .code(2)
    .stderr(contains("--before").and(contains("> 0")));
}

#[test]
fn n_below_one() {
    effect(&[
        "MC", "--n", "0", "--before", "2.9,1.1", "--after", "0.4,0.8",
    ])
    .code(2)
    .stderr(contains("--n").and(contains("at least 1")));
    effect(&[
        "RD",
        "--events1",
        "0",
        "--n1",
        "0",
        "--events2",
        "1",
        "--n2",
        "5",
    ])
    .code(2)
    .stderr(contains("--n1"));
    effect(&[
        "SMCR", "--n", "2", "--before", "2.9,1.1", "--after", "0.4,0.8",
    ])
    .code(2)
    .stderr(contains("--n").and(contains("at least 3")));
}

#[test]
fn r_outside_minus_one_to_one() {
    effect(&[
        "SMCR", "--n", "7", "--before", "2.9,1.1", "--after", "0.4,0.8", "--r", "-1.2",
    ])
    .code(2)
    .stderr(contains("--r").and(contains("between -1 and 1")));
}

#[test]
fn events_larger_than_n() {
    effect(&["PR", "--events", "41", "--n", "40"])
        .code(2)
        .stderr(contains("--events").and(contains("larger than n")));
    effect(&[
        "OR",
        "--events1",
        "12",
        "--n1",
        "10",
        "--events2",
        "1",
        "--n2",
        "5",
    ])
    .code(2)
    .stderr(contains("--events1").and(contains("larger than the group size")));
}

#[test]
fn malformed_tuples() {
    effect(&["SMCR", "--n", "7", "--before", "2.9", "--after", "0.4,0.8"])
        .code(2)
        .stderr(contains(
            "--before: '2.9' has 1 value(s); expected 2 as MEAN,SD",
        ));
    effect(&["MD", "--group1", "1,a,5", "--group2", "1,1,5"])
        .code(2)
        .stderr(contains("--group1").and(contains("'a' is not a number")));
}

#[test]
fn unknown_code_lists_the_allowed_ones() {
    effect(&["SMX", "--n", "7"]).code(2).stderr(
        contains("unknown measure code 'SMX'")
            .and(contains("SMCR"))
            .and(contains("convert")),
    );
}

// Each code takes its own options: clap refuses a missing one and one the code does not use,
// naming it.
#[test]
fn missing_and_unused_options() {
    effect(&["PR", "--events", "12"])
        .code(2)
        .stderr(contains("required arguments were not provided").and(contains("--n <N>")));
    effect(&[
        "SMD", "--group1", "1,1,5", "--group2", "1,1,5", "--r", "0.3",
    ])
    .code(2)
    .stderr(contains("unexpected argument '--r'"));
    effect(&[
        "SMCR", "--n", "7", "--before", "1,1", "--after", "1,1", "--input", "x.csv",
    ])
    .code(2)
    .stderr(contains("cannot be used with"));
    effect(&[
        "MD", "--group1", "1,1,5", "--group2", "1,1,5", "--ci", "exact",
    ])
    .code(2)
    .stderr(contains("--ci"));
    effect(&[
        "SMD", "--group1", "1,1,5", "--group2", "1,1,5", "--level", "95",
    ])
    .code(2)
    .stderr(contains("--level").and(contains("between 0 and 1")));
    effect(&["convert", "--sem", "0.4"])
        .code(2)
        .stderr(contains("required arguments were not provided").and(contains("--n <N>")));
}

#[test]
fn csv_cell_not_a_number() {
    let f = csv_file("m1i,sd1i,m2i,ni,ri\n0.4,1.1,2.9,7,0.5\n0.4,1.1,NA,7,0.5\n");
    effect(&["SMCR", "--input", f.path().to_str().unwrap()])
        .code(2)
        .stderr(contains(".csv:3: column m2i: the cell is missing ('NA')"));
}

#[test]
fn csv_bad_value_names_its_cell() {
    let f = csv_file("m1i,sd1i,m2i,ni,ri\n0.4,1.1,2.9,7,1.5\n");
    effect(&["SMCR", "--input", f.path().to_str().unwrap()])
        .code(2)
        .stderr(contains(".csv:2: column ri").and(contains("between -1 and 1")));
    let f = csv_file("ai,n1i,ci,n2i\n12,10,1,5\n");
    effect(&["RR", "--input", f.path().to_str().unwrap()])
        .code(2)
        .stderr(contains(".csv:2: column ai"));
}

#[test]
fn csv_missing_column() {
    let f = csv_file("m1i,sd1i,m2i,ni\n0.4,1.1,2.9,7\n");
    effect(&["SMCR", "--input", f.path().to_str().unwrap()])
        .code(2)
        .stderr(contains("missing column ri").and(contains("--r")));
    let f = csv_file("m1i,sd1i,n1i,m2i,sd2i\n1,1,5,1,1\n");
    effect(&["MD", "--input", f.path().to_str().unwrap()])
        .code(2)
        .stderr(contains("missing column n2i"));
}

#[test]
fn csv_file_that_does_not_exist() {
    effect(&["MD", "--input", "/nonexistent/trialstats-effect.csv"])
        .code(2)
        .stderr(contains("/nonexistent/trialstats-effect.csv"));
}

/// A missing mean column names the median, quartile and range columns that may stand in for
/// it, and `--help` lists them.
#[test]
fn a_missing_mean_column_names_the_median_alternatives() {
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["effect", "SMD", "--input", "tests/data/bcg_raw.csv"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing column m1i"))
        .stderr(predicates::str::contains("median1i with q1_1i and q3_1i"));
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["effect", "--help"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("median1i with q1_1i, q3_1i"));
}
