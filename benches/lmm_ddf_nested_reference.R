# Reference values for Satterthwaite's df on a trial of 10,000 rows nested in sites of 500
# (tests/data/sites_10000.csv: benches/lmm_multi_bench_data.sh sites 1000 OUT 20, written
# with mawk; 1,000 patients, 10 visits each, in 20 sites, arms A/B). The sites share one
# design, too large for the cross-products of a shared design, so trialstats sums each site in
# low rank (it took them densely, 500³ per site, before issue 42).
#   Rscript benches/lmm_ddf_nested_reference.R
# Used by tests/lmm_ddf.rs (`trial_of_ten_thousand_rows_in_sites`). lme4 1.1.31, lmerTest
# 3.1.3, numDeriv 2016.8-1.1.
#
# With 20 sites the criterion is flat along the site variance, and bobyqa (even at rhoend
# 2e-11, or polished by Nelder-Mead) stops where the criterion's gradient in θ is still 7.7e-5
# (REML) and 1.3e-4 (ML), with the site θ 1.4e-6 and 2.1e-6 (relative) from the optimum:
# derivative-free, it cannot see the last decrease, 3.6e-11 and 1.5e-11 in a criterion of
# 4.4e4 (one ulp is 7e-12). So lme4's optimum is polished by Newton steps on lme4's own
# deviance function (numDeriv's gradient and Hessian of the devFunOnly function in θ) until
# its gradient is below 1e-6, and the model is rebuilt at that θ without an optimiser
# (optimizer = NULL), for lmerTest to take its df there as at any fit. The test's values are
# the "polished" ones.
suppressMessages({ library(lme4); library(lmerTest) })
options(digits = 17)
d <- read.csv("tests/data/sites_10000.csv", colClasses = c("factor", "factor", "factor", "numeric", "numeric"))
f <- y ~ month * arm + (1 | site/patient)
ctrl <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 2e-4, rhoend = 2e-11, maxfun = 1e5))
for (reml in c(TRUE, FALSE)) {
  m <- lmer(f, d, REML = reml, control = ctrl)
  devfun <- lmer(f, d, REML = reml, devFunOnly = TRUE)
  theta <- getME(m, "theta")
  cat("REML =", reml, " bobyqa: criterion", format(devfun(theta), digits = 17),
      " theta", format(theta, digits = 17), "\n")
  for (step in 1:10) {
    g <- numDeriv::grad(devfun, theta, method.args = list(d = 0.01, r = 6))
    cat("  gradient", format(g, digits = 3), "\n")
    if (max(abs(g)) < 1e-6) break
    theta <- theta - solve(numDeriv::hessian(devfun, theta), g)
  }
  m <- as_lmerModLmerTest(lmer(f, d, REML = reml, start = list(theta = theta),
                               control = lmerControl(optimizer = NULL)))
  cat("polished: criterion", format(-2 * as.numeric(logLik(m)), digits = 17),
      " theta", format(getME(m, "theta"), digits = 17),
      " sigma", format(sigma(m), digits = 17), "\n")
  print(coef(summary(m, ddf = "Satterthwaite")), digits = 17)
}
