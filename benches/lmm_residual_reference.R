# Reference values for `lmm --residual`: random effects with correlated residuals within each
# patient, as nlme's lme(..., correlation = corAR1() / corCAR1()). Writes the simulated trial
# data to tests/data/ and prints what tests/lmm_residual.rs hard-codes.
#   Rscript benches/lmm_residual_reference.R
suppressMessages(library(nlme))
options(digits = 15)
set.seed(20261126)
# 80 patients, two arms, visits 0..5 (integer; some patients drop out), a patient intercept
# (SD 3) and slope (SD 0.4) and AR(1) residuals (rho 0.6, SD 2).
rows <- list()
for (i in 1:80) {
  arm <- if (i %% 2 == 0) "drug" else "placebo"
  last <- if (runif(1) < 0.25) sample(2:4, 1) else 5
  v <- 0:last
  b0 <- rnorm(1, 0, 3); b1 <- rnorm(1, 0, 0.4)
  e <- as.numeric(arima.sim(list(ar = 0.6), n = length(v), sd = 2 * sqrt(1 - 0.36)))
  y <- 30 - 0.5 * v - 0.4 * v * (arm == "drug") + b0 + b1 * v + e
  rows[[i]] <- data.frame(id = sprintf("P%02d", i), arm = arm, visit = v, score = round(y, 3))
}
d <- do.call(rbind, rows)
write.csv(d, "tests/data/visits_ar1.csv", row.names = FALSE, quote = FALSE)
# Irregular visit times in months for corCAR1: each visit at 3 * visit + U(-0.5, 0.5).
d2 <- d
d2$month <- round(3 * d2$visit + runif(nrow(d2), -0.5, 0.5), 2)
write.csv(d2[, c("id", "arm", "month", "score")], "tests/data/visits_car1.csv", row.names = FALSE, quote = FALSE)

ctrl <- lmeControl(maxIter = 500, msMaxIter = 500, tolerance = 1e-12, msTol = 1e-14, niterEM = 100)
show <- function(label, m) {
  cat("==", label, "\n")
  cat("logLik", format(as.numeric(logLik(m)), digits = 15), "\n")
  print(summary(m)$tTable[, 1:2], digits = 15)
  cat("sigma", format(m$sigma, digits = 15), "\n")
  print(VarCorr(m))
  cat("corStruct", format(coef(m$modelStruct$corStruct, unconstrained = FALSE), digits = 15), "\n")
  cat("reStruct SDs", format(sqrt(diag(as.matrix(getVarCov(m)))), digits = 15), "\n")
  cat("reStruct cov", format(as.numeric(getVarCov(m)), digits = 15), "\n")
}
d$arm <- factor(d$arm); d2$arm <- factor(d2$arm)
show("ar1 intercept REML", lme(score ~ visit * arm, random = ~ 1 | id, correlation = corAR1(form = ~ visit | id), data = d, method = "REML", control = ctrl))
show("ar1 intercept ML", lme(score ~ visit * arm, random = ~ 1 | id, correlation = corAR1(form = ~ visit | id), data = d, method = "ML", control = ctrl))
show("ar1 slope REML", lme(score ~ visit * arm, random = ~ visit | id, correlation = corAR1(form = ~ visit | id), data = d, method = "REML", control = ctrl))
show("car1 intercept REML", lme(score ~ month * arm, random = ~ 1 | id, correlation = corCAR1(form = ~ month | id), data = d2, method = "REML", control = ctrl))
