# Reference for `meta --test adhoc` (tests/meta_bayes.rs): metafor >= 4.0's test = "adhoc" is
# Knapp-Hartung with the scale factor s2w raised to 1 when below it (rma.uni.r:
# `if (test == "adhoc") s2w[s2w < 1] <- 1`). metafor 3.8.1 (installed here) has only "knha",
# so s2w is recovered from its knha and z fits and the adhoc interval built from it.
options(digits = 17)
library(metafor)
adhoc <- function(yi, vi) {
  z <- rma(yi, vi, method = "REML", test = "z", control = list(tol = 1e-12, threshold = 1e-12))
  k <- rma(yi, vi, method = "REML", test = "knha", control = list(tol = 1e-12, threshold = 1e-12))
  s2w <- (k$se / z$se)^2
  se <- z$se * sqrt(max(1, s2w))
  crit <- qt(0.975, length(yi) - 1)
  c(s2w = s2w, estimate = c(z$b), se = se, ci_lower = c(z$b) - crit * se, ci_upper = c(z$b) + crit * se,
    knha_lower = k$ci.lb, knha_upper = k$ci.ub, fe_half = qnorm(0.975) / sqrt(sum(1 / vi)),
    z_half = qnorm(0.975) * z$se)
}
s <- read.csv("tests/data/satralizumab.csv")
print(adhoc(s$yi, s$sei^2))
dat <- escalc("RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
print(adhoc(dat$yi, dat$vi))
# Five small synthetic trials that agree far more than their variances say (Q(4) well below
# its df): Knapp-Hartung is narrower than the fixed-effect interval.
n <- read.csv("tests/data/knha_narrow_synthetic.csv")
print(adhoc(n$yi, n$vi))
print(rma(yi, vi, data = n, method = "FE")$QE)
