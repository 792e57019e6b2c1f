# Reference values for Satterthwaite's df on a trial of 10,000 rows nested in sites of 500
# (tests/data/sites_10000.csv: benches/lmm_multi_bench_data.sh sites 1000 OUT 20, written
# with mawk; 1,000 patients, 10 visits each, in 20 sites, arms A/B). The sites share one
# design, too large for the cross-products of a shared design, so trialstats sums each site in
# low rank (it took them densely, 500³ per site, before issue 42).
#   Rscript benches/lmm_ddf_nested_reference.R
# Used by tests/lmm_ddf.rs (`trial_of_ten_thousand_rows_in_sites`). lme4 1.1.31, lmerTest
# 3.1.3; a Nelder-Mead polish from bobyqa's optimum leaves this model's criterion unchanged.
suppressMessages({ library(lme4); library(lmerTest) })
options(digits = 17)
d <- read.csv("tests/data/sites_10000.csv", colClasses = c("factor", "factor", "factor", "numeric", "numeric"))
ctrl <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 2e-4, rhoend = 2e-11, maxfun = 1e5))
for (reml in c(TRUE, FALSE)) {
  m <- lmer(y ~ month * arm + (1 | site/patient), d, REML = reml, control = ctrl)
  cat("REML =", reml, " criterion", format(-2 * as.numeric(logLik(m)), digits = 17), "\n")
  cat("theta", format(getME(m, "theta"), digits = 17), " sigma", format(sigma(m), digits = 17), "\n")
  print(coef(summary(m, ddf = "Satterthwaite")), digits = 17)
}
