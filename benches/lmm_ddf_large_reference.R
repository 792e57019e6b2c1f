# Reference values for Satterthwaite's df on designs whose marginal covariance links more rows
# than trialstats' dense blocks take (2,000): lmerTest's df for
# tests/data/crossed_ratings_3000.csv (benches/lmm_multi_bench_data.sh crossed 3000: 3,000
# ratings of random students and lecturers, lecturers in departments; one block of linked rows).
#   Rscript benches/lmm_ddf_large_reference.R
# Used by tests/lmm_ddf.rs (`crossed_design_too_large_for_dense_blocks`).
suppressMessages({ library(lme4); library(lmerTest) })
options(digits = 17)
d <- read.csv("tests/data/crossed_ratings_3000.csv", colClasses = c("factor", "factor", "factor", "numeric", "numeric"))
ctrl <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 2e-4, rhoend = 2e-11, maxfun = 1e5))
for (reml in c(TRUE, FALSE)) {
  m <- lmer(y ~ service + (1 | s) + (1 | d) + (1 | dept), d, REML = reml, control = ctrl)
  cat("REML =", reml, " criterion", format(-2 * as.numeric(logLik(m)), digits = 17), "\n")
  cat("theta", format(getME(m, "theta"), digits = 17), " sigma", format(sigma(m), digits = 17), "\n")
  print(coef(summary(m, ddf = "Satterthwaite")), digits = 17)
  print(anova(m, type = 3), digits = 17)
}
