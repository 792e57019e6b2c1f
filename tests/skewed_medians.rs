//! `convert median --method qe|bc|mln` against estmeansd 1.0.1 (with metaBLUE 1.0.0) on R
//! 4.2. Every reference is printed by `Rscript benches/skewed_reference.R` (the script says
//! how each is computed): estmeansd's own answers with `set.seed(1)`, e.g.
//! `qe.mean.sd(min.val = 2, med.val = 4, max.val = 9, n = 100)`; the same fits taken to their
//! exact optimum by `optim(method = "L-BFGS-B", control = list(factr = 1, pgtol = 0, ndeps =
//! c(1e-7, 1e-7)))` (QE) or `optim(reltol = 1e-15)` then BFGS (MLN's μ, σ); the
//! back-transformed moments by `integrate(rel.tol = 1e-12)`; and 10⁷ draws of estmeansd's
//! own back-transformation.

use trialstats::convert::skewed::box_cox_normal_moments;
use trialstats::convert::{Distribution, FiveNumbers, MeanSd, MedianMethod, mean_sd};

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

fn run(x: &FiveNumbers, m: MedianMethod) -> MeanSd {
    mean_sd(x, m, Distribution::Norm, "test").unwrap()
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1e-300)
}

const NA: f64 = f64::NAN;

/// The README example of estmeansd (printed there to 7 digits, with `set.seed(1)`):
/// bc 4.210971, 1.337348; qe 4.347284, 1.502171; mln 4.195238, 1.294908.
/// QE has no random part, so it matches to the printed digits (their L-BFGS-B stops 4e-6
/// short of the optimum we find, inside the printed rounding for the SD and 3.6e-6 relative
/// for the mean); BC and MLN draw random numbers, so their printed values agree with ours
/// only within their Monte Carlo error (BC: n + 1,000 = 1,100 draws; MLN: 10,000 draws).
#[test]
fn estmeansd_readme_example() {
    let x = five([2.0, NA, 4.0, NA, 9.0], 100);
    let qe = run(&x, MedianMethod::Qe);
    assert!(rel(qe.mean, 4.347284) < 5e-6, "{}", qe.mean);
    assert!((qe.sd - 1.502171).abs() < 1e-5, "{}", qe.sd);
    assert_eq!(qe.fits[0].distribution, "log-normal");
    let bc = run(&x, MedianMethod::Bc);
    assert!((bc.mean - 4.210971).abs() < 4.0 * 1.34 / 1100f64.sqrt());
    let mln = run(&x, MedianMethod::Mln);
    assert!((mln.mean - 4.195238).abs() < 4.0 * 1.30 / 10000f64.sqrt());
}

/// Case: [min, q1, median, q3, max], n; QE: selected family, mean and SD at the exact
/// optimum, estmeansd's own mean and SD.
type QeCase = ([f64; 5], u64, &'static str, f64, f64, f64, f64);

#[rustfmt::skip]
const QE: [QeCase; 12] = [
    ([2.0, NA, 4.0, NA, 9.0], 100, "log-normal", 4.3472681629427115, 1.5021793160022541, 4.3472840395236174, 1.5021713676762944),
    ([1.0, NA, 3.0, NA, 20.0], 30, "log-normal", 5.2390408866326794, 6.9338706824830734, 5.2391414129966867, 6.9337274677020435),
    ([0.5, NA, 2.0, NA, 15.0], 12, "log-normal", 5.7708395427505268, 15.1042438846801037, 5.7708280471385676, 15.1038026212749479),
    ([NA, 2.0, 3.0, 6.0, NA], 50, "log-normal", 4.8413400271880080, 5.3585158210302275, 4.8413404705978120, 5.3585263924984607),
    ([NA, 10.0, 14.0, 25.0, NA], 200, "log-normal", 19.700136500992993, 16.688553450341715, 19.700130534996401, 16.688564955406786),
    ([1.0, 2.5, 4.0, 7.0, 20.0], 40, "log-normal", 5.6776195366614628, 5.4567704813131224, 5.6776523242931596, 5.4567393207205210),
    ([2.0, 4.0, 6.0, 14.0, 20.0], 20, "weibull", 8.8399130498596232, 6.0525087871348457, 8.8399176611724712, 6.0525040001696251),
    ([10.0, NA, 20.0, NA, 35.0], 50, "gamma", 20.5751469708651840, 6.1241099235024503, 20.5752986026941045, 6.1239082760691659),
    ([NA, 20.0, 25.0, 32.0, NA], 80, "log-normal", 26.7937824644190528, 9.7069587659914038, 26.793770100332964, 9.706959688889345),
    ([5.0, 12.0, 15.0, 19.0, 30.0], 60, "gamma", 15.5378252981878244, 5.7677307292895668, 15.5378001200896865, 5.7677032130400416),
    // negative values: only the normal is fitted (estmeansd prints a message saying so)
    ([NA, -3.0, 1.0, 4.0, NA], 30, "normal", 0.66666666682437237, 5.18910776492733117, 0.66666666666667018, 5.18910776476962887),
    // a zero: the log-normal μ box is [0.001, 10] (R recycles the σ box)
    ([0.0, NA, 2.0, NA, 10.0], 25, "gamma", 2.9874073198290798, 3.1451788002929351, 2.9876581989878264, 3.1450202069620525),
];

#[test]
fn qe_matches_estmeansd() {
    let (mut worst_exact, mut worst_default) = (0.0f64, 0.0f64);
    for (v, n, family, mean, sd, e_mean, e_sd) in QE {
        let r = run(&five(v, n), MedianMethod::Qe);
        let f = &r.fits[0];
        assert_eq!(f.distribution, family, "{v:?} n={n}");
        // the exact optimum: 1e-6 (the sums of squares are flat to ~1e-12 there)
        let d = rel(r.mean, mean).max(rel(r.sd, sd));
        assert!(d < 1e-6, "{v:?} n={n}: {} {} vs {mean} {sd}", r.mean, r.sd);
        worst_exact = worst_exact.max(d);
        // estmeansd's default stopping rule stops short: within 1e-4
        let d = rel(r.mean, e_mean).max(rel(r.sd, e_sd));
        assert!(
            d < 1e-4,
            "{v:?} n={n}: {} {} vs estmeansd {e_mean} {e_sd}",
            r.mean,
            r.sd
        );
        worst_default = worst_default.max(d);
        assert!(f.candidates.iter().all(|c| c.sum_of_squares.is_finite()));
    }
    eprintln!(
        "QE: worst relative difference {worst_exact:.1e} to the exact optimum, {worst_default:.1e} to estmeansd"
    );
}

/// Case: five numbers, n; λ, μ, σ of estmeansd's `bc.mean.sd` (deterministic), the moments
/// by `integrate`, and estmeansd's Monte Carlo mean (n + 1,000 draws, set.seed(1)).
type BcCase = ([f64; 5], u64, f64, f64, f64, f64, f64, f64);

#[rustfmt::skip]
const BC: [BcCase; 10] = [
    ([2.0, NA, 4.0, NA, 9.0], 100, 0.0, 1.3929071547812817, 0.3009851674531710, 4.2131188390217247, 1.2973553950137779, 4.2109707929643783),
    ([1.0, NA, 3.0, NA, 20.0], 30, 0.0, 1.19356754205794768, 0.73414686524751338, 4.3191272307848925, 3.6502197670326129, 4.34235294540736483),
    ([0.5, NA, 2.0, NA, 15.0], 12, 0.0, 0.81348477281429066, 1.04009654407726071, 3.8743781918701896, 5.4102569099455993, 3.95928307938549340),
    ([NA, 2.0, 3.0, 6.0, NA], 50, 0.0, 1.20042297410879506, 0.83857579248898872, 4.7210331057457644, 4.7685377824336301, 4.76954707221197882),
    ([NA, 10.0, 14.0, 25.0, NA], 200, 0.0, 2.72446578273852946, 0.68422081181409999, 19.269910586868409, 14.889668097542936, 19.21797958193279854),
    ([1.0, 2.5, 4.0, 7.0, 20.0], 40, 0.0, 1.42697410559576143, 0.74316683031886077, 5.4910669145140778, 4.7147733319162377, 5.52236272423333485),
    ([2.0, 4.0, 6.0, 14.0, 20.0], 20, 0.0, 1.9257236020559767, 0.8078779223539625, 9.5072719173276639, 9.1223048926623260, 9.5943577981136627),
    ([10.0, NA, 20.0, NA, 35.0], 50, 0.34294648937274225, 5.23033586085164881, 0.76828189368412336, 20.4968256945203180, 5.5874338443249503, 20.46009717278888118),
    ([NA, 20.0, 25.0, 32.0, NA], 80, 0.0, 3.22723441821789070, 0.35483451778903563, 26.8479155749961613, 9.8344501748989899, 26.81392922267012580),
    ([5.0, 12.0, 15.0, 19.0, 30.0], 60, 0.45414110574459016, 5.36211201043142616, 1.22099389972143335, 15.6617038128184074, 5.4486829440718711, 15.65096730035379835),
];

#[test]
fn bc_matches_estmeansd() {
    for (v, n, lambda, mu, sigma, mean, sd, mc_mean) in BC {
        let r = run(&five(v, n), MedianMethod::Bc);
        let f = &r.fits[0];
        assert!(
            (f.lambda.unwrap() - lambda).abs() < 1e-9,
            "{v:?}: λ {:?}",
            f.lambda
        );
        assert!(rel(f.location.unwrap(), mu) < 1e-12 && rel(f.scale.unwrap(), sigma) < 1e-12);
        assert!(
            rel(r.mean, mean) < 1e-9 && rel(r.sd, sd) < 1e-9,
            "{v:?}: {} {}",
            r.mean,
            r.sd
        );
        // estmeansd's Monte Carlo mean, within 4 of its standard errors
        let se = sd / ((n + 1000) as f64).sqrt();
        assert!(
            (r.mean - mc_mean).abs() < 4.0 * se,
            "{v:?}: {} vs MC {mc_mean}",
            r.mean
        );
    }
}

/// Case: five numbers, n; estmeansd's λ (from `optimize(tol = 0.001)`, reproduced step by
/// step), μ and σ at the exact maximum, the moments there by `integrate`; estmeansd's μ and
/// σ (Nelder–Mead stops short), the moments there by `integrate` and by 10⁷ draws; and
/// estmeansd's own Monte Carlo mean (10,000 draws).
type MlnCase = ([f64; 5], u64, f64, f64, f64, f64, f64, [f64; 6], f64);

#[rustfmt::skip]
const MLN: [MlnCase; 10] = [
    ([2.0, NA, 4.0, NA, 9.0], 100, 0.00066106961351896038, 1.39055812438338777, 0.30281493059590009, 4.2023782847023501, 1.3009048745206619,
     [1.39054642738477607367, 0.30280036113872077497, 4.2023106868412183, 1.3008184737739428, 4.2020620261569164, 1.3008031961722841], 4.19822768374797661295),
    ([1.0, NA, 3.0, NA, 20.0], 30, 0.00066106961351896038, 1.17302631385266709, 0.71186896791641885, 4.1591314482813262, 3.3731485330191826,
     [1.17303131151157047363, 0.71180802943381826786, 4.1589723166724735, 3.3726520007678809, 4.1584477482785722, 3.3726093787337756], 4.15741217396093443170),
    ([0.5, NA, 2.0, NA, 15.0], 12, 0.00066106961351896038, 0.74831169744853909, 0.97819675760078673, 3.4057695819117244, 4.3031122097156844,
     [0.74840426243364865933, 0.97807752459268670897, 3.4056884360776598, 4.3021969705870982, 3.4051476191629528, 4.3025846268945260], 3.40435332207757612721),
    ([NA, 2.0, 3.0, 6.0, NA], 50, 0.00066106961351896038, 1.19403110747961239, 0.79262222146978378, 4.5125062538990415, 4.2114386827422798,
     [1.19393542053148093984, 0.79253098091834328631, 4.5117497254271068, 4.2100815423775577, 4.5111297969730249, 4.2101230393223794], 4.51056863872059476961),
    ([NA, 10.0, 14.0, 25.0, NA], 200, 0.00066106961351896038, 2.72172064878528408, 0.67734393984829888, 19.060710428029779, 14.502554113600223,
     [2.7217881192668747, 0.67727401743294791, 19.061095448870176, 14.500983043524087, 19.058790260786672, 14.500692225876406], 19.052686739862409),
    ([1.0, 2.5, 4.0, 7.0, 20.0], 40, 0.00066106961351896038, 1.40516124991275926, 0.71161252391085561, 5.2434734180910727, 4.2497955203069377,
     [1.40495024627870224165, 0.71149691477523990812, 5.241938678253482, 4.247674220154587, 5.2412778359769678, 4.2476201278127634], 5.23996839513651835318),
    ([2.0, 4.0, 6.0, 14.0, 20.0], 20, 0.00066106961351896038, 1.87155494799465116, 0.69072610200988704, 8.2328166732525414, 6.4235989767409203,
     [1.87172024237347400799, 0.69077982300837637020, 8.2344799263041075, 6.4255231330433267, 8.2334670826824148, 6.4254119317829597], 8.23106845506094231268),
    ([10.0, NA, 20.0, NA, 35.0], 50, 0.00066106961351896038, 2.98081488931647787, 0.27933310285016894, 20.4240752180979896, 5.8058809896051642,
     [2.9807928467869398, 0.27933182336382534, 20.4236186679957719, 5.8057236597911031, 20.4224974538312765, 5.8056878320975116], 20.404040857065368),
    ([NA, 20.0, 25.0, 32.0, NA], 80, 0.00066106961351896038, 3.2243045046936580, 0.3419394366739108, 26.5503519350445956, 9.3283553607577439,
     [3.2242587713044961, 0.34194167151318694, 26.5491605866184948, 9.3280016508990897, 26.5474071968256773, 9.3278185077226965], 26.523285246320746),
    ([5.0, 12.0, 15.0, 19.0, 30.0], 60, 0.00066106961351896038, 2.68919948478008619, 0.36001854375028858, 15.6636169284927682, 5.8151362048828688,
     [2.6891993940769687, 0.36009199289535154, 15.6640279397802260, 5.8165531429050663, 15.6629433163967207, 5.8164203751040402], 15.648852968782135),
];

#[test]
fn mln_matches_estmeansd() {
    let mut worst_draws = 0.0f64;
    for (v, n, lambda, mu, sigma, mean, sd, theirs, mc_mean) in MLN {
        let r = run(&five(v, n), MedianMethod::Mln);
        let f = &r.fits[0];
        assert!(
            (f.lambda.unwrap() - lambda).abs() < 1e-12,
            "{v:?}: λ {:?}",
            f.lambda
        );
        assert!(
            rel(f.location.unwrap(), mu) < 1e-6 && rel(f.scale.unwrap(), sigma) < 1e-6,
            "{v:?}: μ {:?} σ {:?}",
            f.location,
            f.scale
        );
        assert!(
            rel(r.mean, mean) < 1e-6 && rel(r.sd, sd) < 1e-6,
            "{v:?}: {} {}",
            r.mean,
            r.sd
        );
        // the back-transformation alone, at estmeansd's own μ and σ: integrate to 1e-9, and
        // 10⁷ of their draws to 1e-3
        let (m, s) = box_cox_normal_moments(theirs[0], theirs[1], lambda);
        assert!(
            rel(m, theirs[2]) < 1e-9 && rel(s, theirs[3]) < 1e-9,
            "{v:?}: {m} {s}"
        );
        let d = rel(m, theirs[4]).max(rel(s, theirs[5]));
        assert!(
            d < 1e-3,
            "{v:?}: {m} {s} vs 10⁷ draws {} {}",
            theirs[4],
            theirs[5]
        );
        worst_draws = worst_draws.max(d);
        // estmeansd's own 10,000-draw answer, within 4 of its standard errors
        assert!(
            (r.mean - mc_mean).abs() < 4.0 * sd / 100.0,
            "{v:?}: {} vs MC {mc_mean}",
            r.mean
        );
    }
    eprintln!("MLN: worst relative difference to 10⁷ draws {worst_draws:.1e}");
}

#[test]
fn bad_input_for_the_skewed_methods_is_refused_with_the_field() {
    let err = |v: [f64; 5], n: u64, m: MedianMethod| {
        mean_sd(&five(v, n), m, Distribution::Norm, "--n/--median")
            .unwrap_err()
            .to_string()
    };
    // n < 3 (estmeansd's smallest); n = 3 and 4 are taken, unlike the normal-theory methods
    let e = err([1.0, NA, 2.0, NA, 5.0], 2, MedianMethod::Qe);
    assert!(e.contains("n = 2") && e.contains("n ≥ 3"), "{e}");
    assert!(err([1.0, NA, 2.0, NA, 5.0], 2, MedianMethod::Mln).contains("n ≥ 3"));
    assert!(
        mean_sd(
            &five([1.0, NA, 2.0, NA, 5.0], 3),
            MedianMethod::Qe,
            Distribution::Norm,
            "x"
        )
        .is_ok()
    );
    // quartiles out of order
    let e = err([NA, 5.0, 2.0, 6.0, NA], 20, MedianMethod::Qe);
    assert!(e.contains("q1 5 is above median 2"), "{e}");
    // BC and MLN take logarithms: values must be > 0
    let e = err([0.0, NA, 2.0, NA, 5.0], 20, MedianMethod::Bc);
    assert!(e.contains("bc needs values > 0"), "{e}");
    let e = err([1.0, NA, 1.0, NA, 5.0], 20, MedianMethod::Mln);
    assert!(e.contains("distinct"), "{e}");
    // lnorm is luo-wan-shi's
    let e = mean_sd(
        &five([1.0, NA, 2.0, NA, 5.0], 20),
        MedianMethod::Qe,
        Distribution::Lnorm,
        "x",
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("dist:") && e.contains("leave out dist"),
        "{e}"
    );
}
