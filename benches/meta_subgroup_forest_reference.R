# Reference values for the subgrouped forest plot (tests/meta_review_cli.rs,
# subgrouped_forest_shows_each_subgroup_and_the_test_as_printed): metafor 3.8-1,
# BCG trials (dat.bcg, log risk ratios), a separate REML fit per allocation and the test
# for subgroup differences (Q of the subgroup estimates pooled by a fixed-effect model).
library(metafor)
dat <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
ctl <- list(tol = 1e-12, threshold = 1e-12)
for (a in c("alternate", "random", "systematic")) {
  r <- rma(yi, vi, data = dat, subset = alloc == a, method = "REML", control = ctl)
  cat(a, sprintf("%.10f", c(r$b, r$ci.lb, r$ci.ub, r$tau2, r$I2, r$QE, r$QEp)), r$k - 1, "\n")
}
r <- rma(yi, vi, data = dat, method = "REML", control = ctl)
cat("overall", sprintf("%.10f", c(r$b, r$ci.lb, r$ci.ub, r$tau2, r$I2, r$QE, r$QEp)), "\n")
fits <- lapply(c("alternate", "random", "systematic"), function(a) rma(yi, vi, data = dat, subset = alloc == a, method = "REML", control = ctl))
b <- sapply(fits, function(f) f$b); se <- sapply(fits, function(f) f$se)
q <- rma(b, sei = se, method = "FE")
cat("Qbetween", sprintf("%.10f", c(q$QE, q$QEp)), "\n")
