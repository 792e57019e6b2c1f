# Reference values printed on charts (the forest plot's heterogeneity line), checked in
# tests/meta_cli.rs::forest_takes_the_chart_options_and_shows_heterogeneity.
suppressMessages(library(metafor))  # 3.8.1
dat <- escalc("RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
r <- rma(yi, vi, data = dat, method = "REML", control = list(tol = 1e-12, threshold = 1e-12))
# 0.3132433 92.22138 152.233 12 1.996765e-26
cat(r$tau2, r$I2, r$QE, r$k - 1, r$QEp, "\n")

# The QQ plot of residuals (crates/charts/src/plot/diagnostic.rs tests): R's qqnorm/qqline ingredients.
print(ppoints(5), digits = 17)
y <- c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5)
q <- quantile(y, c(.25, .75))          # 2.5, 5 (type 7)
print(diff(q) / diff(qnorm(c(.25, .75))), digits = 17)  # qqline slope 1.8532527731320025
