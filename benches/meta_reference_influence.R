# Reference values for the influence, leave-one-out and Egger tests in tests/meta_diagnostics.rs
# (metafor 3.8-1, R 4.2.2). Run from the crate root: Rscript benches/meta_reference_influence.R
suppressMessages(library(metafor))
f <- function(x) paste(sprintf("%.17g", x), collapse = ", ")
ctl <- list(threshold = 1e-12, maxiter = 1000, tol = 1e-12)
dat <- read.csv("tests/data/bcg.csv")
res <- rma(yi, vi, data = dat, method = "REML", control = ctl)
l1 <- leave1out(res)
cat("leave1out(rma(yi, vi, data = dat, method = 'REML', control = ctl))\n")
for (n in c("estimate", "se", "pval", "ci.lb", "ci.ub", "Q", "Qp", "tau2", "I2", "H2")) cat(n, ": &[", f(l1[[n]]), "],\n", sep = "")
inf <- influence(res)$inf
cat("influence(rma(yi, vi, data = dat, method = 'REML', control = ctl))$inf\n")
for (n in c("rstudent", "dffits", "cook.d", "cov.r", "tau2.del", "QE.del", "hat", "weight")) cat(n, ": &[", f(inf[[n]]), "],\n", sep = "")
res2 <- rma(yi, vi, mods = ~ ablat + alloc, data = dat, method = "DL", test = "knha", control = ctl)
inf2 <- influence(res2)$inf
cat("influence(rma(yi, vi, mods = ~ ablat + alloc, data = dat, method = 'DL', test = 'knha', control = ctl))$inf\n")
for (n in c("rstudent", "dffits", "cook.d", "cov.r", "tau2.del", "QE.del", "hat", "weight")) cat(n, ": &[", f(inf2[[n]]), "],\n", sep = "")
eg <- regtest(res)
cat("regtest(rma(yi, vi, data = dat, method = 'REML', control = ctl)): zval, pval, est, ci.lb, ci.ub, slope\n")
cat(f(c(eg$zval, eg$pval, eg$est, eg$ci.lb, eg$ci.ub, coef(eg$fit)[2])), "\n")
