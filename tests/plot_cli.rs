//! `trialstats plot KIND …`: every kind's inline and CSV forms write the image (exit 0);
//! bad numbers, options and files are refused with exit 2 and a message naming where.

use crate::common::trialstats;
use predicates::prelude::*;
use std::path::Path;

fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    // IHDR: width and height are big-endian u32 at bytes 16..24.
    let w = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    let h = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
    (w, h)
}

#[test]
fn before_after_inline_writes_png_of_the_requested_size() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("edss.png");
    trialstats()
        .args([
            "plot",
            "before-after",
            "--label",
            "EDSS",
            "--unit",
            "points",
            "--n",
            "7",
            "--scale",
            "0,10",
            "--bars",
            "sd",
        ])
        .args([
            "--point",
            "before,5.1,1.7",
            "--point",
            "1 year,4.1,1.6",
            "--point",
            "2 years,NA,NA",
        ])
        .args(["--width", "640", "--height", "480", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("edss.png").and(predicate::str::contains("640×480")));
    assert_eq!(png_size(&out), (640, 480));
}

/// The pixels of a PNG file as RGBA, with its size.
fn png_rgba(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::fs::File::open(path).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(frame.color_type, png::ColorType::Rgba);
    pixels.truncate(frame.buffer_size());
    (frame.width, frame.height, pixels)
}

/// An SVG file a command writes needs no font on the viewer's machine: its text is the outlines
/// of the embedded fonts' glyphs, written by the function that writes the page's SVG download
/// (`plot::render_svg_file`). Drawn with no font at all (resvg with an empty font database) it
/// has the PNG's size and shows what the PNG shows, Japanese labels included; `--editable-svg`
/// keeps the text as text, and the report's gallery writes its SVG files the same way.
#[test]
fn an_svg_file_needs_no_font_and_shows_what_the_png_shows() {
    let dir = tempfile::tempdir().unwrap();
    let [svg, png, editable] =
        ["chart.svg", "chart.png", "editable.svg"].map(|f| dir.path().join(f));
    for (out, extra) in [
        (&svg, None),
        (&png, None),
        (&editable, Some("--editable-svg")),
    ] {
        trialstats()
            .args([
                "plot",
                "before-after",
                "--label",
                "年間再発率",
                "--unit",
                "回/年",
            ])
            .args([
                "--n",
                "7",
                "--point",
                "治療前,2.9,1.1",
                "--point",
                "1年後,0.4,0.8",
            ])
            .args(extra)
            .arg("-o")
            .arg(out)
            .assert()
            .success();
    }
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.starts_with("<svg") && text.contains("<path"),
        "{text:.300}"
    );
    for left in ["<text", "font-family", "年間再発率", "治療前"] {
        assert!(!text.contains(left), "the SVG file holds {left}");
    }
    let kept = std::fs::read_to_string(&editable).unwrap();
    assert!(kept.contains("<text") && kept.contains("年間再発率") && kept.contains("DejaVu Sans"));
    // Drawn with no font: the PNG's size and, but for antialiasing, its pixels.
    let tree = resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default()).unwrap();
    let (w, h, expected) = png_rgba(&png);
    assert_eq!(
        tree.size().to_int_size(),
        resvg::tiny_skia::IntSize::from_wh(w, h).unwrap()
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).unwrap();
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    let differing = pixmap
        .pixels()
        .iter()
        .zip(expected.chunks_exact(4))
        .filter(|(p, q)| {
            let p = p.demultiply();
            [p.red(), p.green(), p.blue()]
                .iter()
                .zip(q.iter())
                .any(|(a, b)| a.abs_diff(*b) > 32)
        })
        .count();
    let share = differing as f64 / f64::from(w * h);
    assert!(share < 0.001, "{differing} of {w}×{h} pixels differ");
    // The report's gallery (through `plot study`): every SVG file outlined, none empty.
    let gallery = dir.path().join("gallery");
    trialstats()
        .args(["plot", "study", "nmo-tocilizumab", "-o"])
        .arg(&gallery)
        .assert()
        .code(0);
    let svgs: Vec<_> = std::fs::read_dir(&gallery)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "svg"))
        .collect();
    assert!(svgs.len() >= 10, "{svgs:?}");
    for path in svgs {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("<text") && text.contains("<path"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn every_kind_has_an_inline_form() {
    let dir = tempfile::tempdir().unwrap();
    let svg = |name: &str| dir.path().join(format!("{name}.svg"));
    let cases: Vec<(&str, Vec<&str>, &str)> = vec![
        (
            "slope",
            vec![
                "plot",
                "slope",
                "--before",
                "0.47",
                "--after",
                "0.25",
                "--months",
                "12",
                "--unit",
                "ALSFRS-R points",
            ],
            "0.22 × 12 = 2.64 ALSFRS-R points",
        ),
        (
            "sensitivity",
            vec![
                "plot",
                "sensitivity",
                "--point",
                "0,0.4,-0.1,0.9",
                "--point",
                "0.5,0.5,0.1,0.9",
                "--effect-label",
                "SMCR",
            ],
            "from r = 0.5",
        ),
        (
            // A ratio of means on the log scale: the null value and the ticks are ratios.
            "sensitivity_ratio",
            vec![
                "plot",
                "sensitivity",
                "--exp",
                "--point",
                "0,-0.22,-0.69,0.26",
                "--point",
                "0.9,-0.22,-0.36,-0.08",
                "--effect-label",
                "ratio of means",
            ],
            "no effect (1)",
        ),
        (
            "forest",
            vec![
                "plot",
                "forest",
                "--row",
                "EDSS,0.6,0.1,1.1,40",
                "--row",
                "pain,0.9,0.4,1.4,60",
                "--summary",
                "pooled,0.8,0.4,1.2",
                "--prediction",
                "0.2,1.4",
            ],
            "prediction interval",
        ),
        (
            "funnel",
            vec![
                "plot",
                "funnel",
                "--study",
                "a,0.2,0.1",
                "--study",
                "b,0.5,0.3",
                "--pooled",
                "0.3",
                "--contours",
                "--egger",
                "0.1,0.9",
            ],
            "Egger",
        ),
        (
            "proportion",
            vec!["plot", "proportion", "--item", "relapse-free,5,7"],
            "5/7 = 71.4% [29.0, 96.3]",
        ),
        (
            "histogram",
            vec![
                "plot",
                "histogram",
                "--sample",
                "s1:1,2,2,3",
                "--sample",
                "s2:2,3,3,4",
                "--layout",
                "grid",
            ],
            "s2",
        ),
        (
            "trajectory",
            vec![
                "plot",
                "trajectory",
                "--obs",
                "1,0,40",
                "--obs",
                "1,6,37,37.2",
                "--obs",
                "2,0,42",
                "--population",
                "41,-0.5",
                "--treatment-start",
                "3",
            ],
            "treatment start",
        ),
        (
            "panel",
            vec![
                "plot",
                "panel",
                "--row",
                "EDSS,points,0,10,sd,7,before,5.1,1.7",
                "--row",
                "EDSS,points,0,10,sd,7,after,4.1,1.6",
                "--row",
                "pain,NRS,0,10,sem,7,before,6.2,0.9",
            ],
            // Cells are headed by the measure; the axis names the unit.
            "NRS",
        ),
    ];
    for (name, args, word) in cases {
        let out = svg(name);
        trialstats()
            .args(&args)
            .arg("--editable-svg")
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains(word), "{name}: the SVG lacks '{word}'");
    }
}

#[test]
fn csv_forms_read_columns_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let forest = dir.path().join("forest.csv");
    std::fs::write(
        &forest,
        "estimate,label,ci_lower,ci_upper\n0.3,\"Smith, 2019\",0.1,0.5\n0.4,Lee,0.2,0.6\n",
    )
    .unwrap();
    let out = dir.path().join("forest.svg");
    trialstats()
        .args(["plot", "forest", "--editable-svg", "--input"])
        .arg(&forest)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("Smith, 2019")
    );

    let sens = dir.path().join("sens.csv");
    std::fs::write(
        &sens,
        "r,estimate,ci_lower,ci_upper\n0,0.5,-0.1,1.1\n0.9,0.5,0.3,0.7\n",
    )
    .unwrap();
    let out = dir.path().join("sens.png");
    trialstats()
        .args(["plot", "sensitivity", "--csv"])
        .arg(&sens)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(png_size(&out), (800, 600));
}

/// Run `trialstats` with `args` in `dir`; it must exit 2 with every one of `needles` in
/// its error message.
fn refused(dir: &Path, args: &[&str], needles: &[&str]) {
    let assert = trialstats().current_dir(dir).args(args).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{args:?}: '{needle}' not in: {stderr}"
        );
    }
}

#[test]
fn bad_numbers_are_refused_with_their_location() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ba = ["plot", "before-after", "--label", "EDSS", "-o", "x.png"];
    let with = |extra: &[&'static str]| [&ba[..], extra].concat();
    refused(
        d,
        &with(&["--point", "before,five,1.7"]),
        &["--point 'before,five,1.7'", "'five' is not a number"],
    );
    refused(
        d,
        &with(&["--point", "before,5,-1"]),
        &["time point 1 ('before')", "cannot be negative"],
    );
    refused(
        d,
        &with(&["--scale", "10,0", "--point", "a,1,1"]),
        &["bottom must be below its top"],
    );
    refused(
        d,
        &with(&["--bars", "iqr", "--point", "a,1,1"]),
        &["--bars", "sd, sem"],
    );
    refused(
        d,
        &[
            "plot",
            "proportion",
            "--item",
            "relapse-free,8,7",
            "-o",
            "x.png",
        ],
        &["cannot exceed"],
    );
    refused(
        d,
        &[
            "plot",
            "proportion",
            "--item",
            "relapse-free,5",
            "-o",
            "x.png",
        ],
        &["--item", "expected 3"],
    );
    refused(
        d,
        &[
            "plot", "slope", "--before", "0.47", "--after", "0.25", "--months", "0", "-o", "x.png",
        ],
        &["months", "above 0"],
    );
    refused(
        d,
        &[
            "plot",
            "sensitivity",
            "--point",
            "1.2,0.5,0.1,0.9",
            "-o",
            "x.png",
        ],
        &["−1 to 1"],
    );
    refused(
        d,
        &["plot", "funnel", "--study", "a,0.2,0", "-o", "x.png"],
        &["study 1 ('a')", "standard error"],
    );
    refused(
        d,
        &[
            "plot",
            "histogram",
            "--sample",
            "s:1,x",
            "--layout",
            "grid",
            "-o",
            "x.png",
        ],
        &["value 2 'x' is not a number"],
    );
    refused(
        d,
        &[
            "plot",
            "histogram",
            "--sample",
            "s:1",
            "--layout",
            "stacked",
            "-o",
            "x.png",
        ],
        &["--layout", "overlay, grid"],
    );
    refused(
        d,
        &["plot", "trajectory", "-o", "x.png"],
        &["nothing to draw"],
    );
    refused(
        d,
        &[
            "plot",
            "forest",
            "--row",
            "A,1,0,2",
            "--prediction",
            "0,3",
            "-o",
            "x.png",
        ],
        &["--prediction", "needs --summary"],
    );
    assert!(
        !d.join("x.png").exists(),
        "nothing may be written on bad input"
    );
}

#[test]
fn bad_files_and_options_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("f.csv"), "label,estimate,lower,upper\nA,1,0,2\n").unwrap();
    refused(
        d,
        &["plot", "forest", "--input", "f.csv", "-o", "x.svg"],
        &["f.csv:1", "no column 'ci_lower'"],
    );
    std::fs::write(
        d.join("g.csv"),
        "label,estimate,ci_lower,ci_upper\nA,1,0,2\nB,1,x,2\n",
    )
    .unwrap();
    refused(
        d,
        &["plot", "forest", "--input", "g.csv", "-o", "x.svg"],
        &["g.csv:3", "ci_lower 'x' is not a number"],
    );
    refused(
        d,
        &["plot", "forest", "--row", "A,1,0,2", "-o", "x.gif"],
        &["--output", ".svg or .png"],
    );
    refused(
        d,
        &[
            "plot", "forest", "--row", "A,1,0,2", "--width", "50", "-o", "x.png",
        ],
        &["--width", "200 to 10000"],
    );
    refused(
        d,
        &["plot", "forest", "--input", "missing.csv", "-o", "x.svg"],
        &["missing.csv"],
    );
    refused(d, &["plot", "forest", "-o", "x.svg"], &["no rows"]);
    refused(d, &["plot", "nonsense"], &["nonsense"]);
    refused(
        d,
        &[
            "plot",
            "forest",
            "--row",
            "A,1,0,2",
            "-o",
            "no-such-dir/x.svg",
        ],
        &["no-such-dir"],
    );
    assert!(!d.join("x.svg").exists() && !d.join("x.png").exists());
}

#[test]
fn plot_study_draws_one_studys_charts_from_the_data() {
    let dir = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("trialstats")
        .unwrap()
        .args(["plot", "study", "nmo-tocilizumab", "--editable-svg", "-o"])
        .arg(dir.path())
        .assert()
        .code(0);
    for stem in ["nmo-tocilizumab-panel", "nmo-tocilizumab-edss-before-after"] {
        let svg = std::fs::read_to_string(dir.path().join(format!("{stem}.svg"))).unwrap();
        assert!(svg.contains("EDSS"), "{stem}");
        assert!(dir.path().join(format!("{stem}.png")).exists());
    }
    assert_cmd::Command::cargo_bin("trialstats")
        .unwrap()
        .args(["plot", "study", "no-such-study", "-o"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "known: als-edaravone-phase3, als-muse-mouse",
        ));
}

#[test]
fn plot_study_takes_the_path_of_a_study_file() {
    // `data/als-muse-phase2.toml` names the study (its file stem) and its folder.
    let dir = tempfile::tempdir().unwrap();
    let study = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/als-muse-phase2.toml");
    assert_cmd::Command::cargo_bin("trialstats")
        .unwrap()
        .args(["plot", "study", "--editable-svg"])
        .arg(&study)
        .arg("-o")
        .arg(dir.path())
        .assert()
        .code(0);
    let svg = std::fs::read_to_string(
        dir.path()
            .join("als-muse-phase2-alsfrs-r-decline-slopes.svg"),
    )
    .unwrap();
    assert!(svg.contains("no uncertainty reported"));
}
