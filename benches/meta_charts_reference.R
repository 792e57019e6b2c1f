# Reference values for the numbers behind the meta charts (tests/meta_review_cli.rs).
# metafor 3.8-1. Run: Rscript benches/meta_charts_reference.R
suppressMessages(library(metafor))
dat <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
ctl <- list(tol = 1e-12, threshold = 1e-12)
r <- rma(yi, vi, data = dat, control = ctl)
# Funnel with trim and fill: the filled studies and the adjusted estimate.
tf <- trimfill(r)
cat("trimfill k0", tf$k0, "\n")
cat(sprintf("%.17g", c(tf$beta, tail(tf$yi, tf$k0), tail(tf$vi, tf$k0))), "\n")
# Baujat plot: x = squared Pearson residual, y = influence on the pooled estimate.
pdf(NULL)
b <- baujat(r)
cat("baujat x", sprintf("%.17g", b$x), "\n")
cat("baujat y", sprintf("%.17g", b$y), "\n")
# The same with the fixed-effect model (x is then each study's contribution to Q).
bfe <- baujat(rma(yi, vi, data = dat, method = "FE", control = ctl))
cat("baujat FE x", sprintf("%.17g", bfe$x), "\n")
cat("baujat FE y", sprintf("%.17g", bfe$y), "\n")
# Bubble plot: the regression line and its band at the ends of the moderator's range.
rm <- rma(yi, vi, mods = ~ablat, data = dat, control = ctl)
p <- predict(rm, newmods = range(dat$ablat))
cat("bubble", range(dat$ablat), sprintf("%.17g", c(p$pred, p$ci.lb, p$ci.ub)), "\n")
