# Reference values for `lmm --residual 'cs(visit | id)'`: a random slope with compound-symmetry
# residuals within each patient, as nlme's lme(..., correlation = corCompSymm(form = ~ visit | id)).
# Writes the simulated trial to tests/data/visits_cs.csv and prints what tests/lmm_residual.rs
# hard-codes.
#   Rscript benches/lmm_residual_cs_reference.R
#
# Why a random slope without a random intercept: with a random intercept, compound symmetry is
# not identifiable. The intercept's column of Z is 1 on every row of a patient, so
# Z D Z' + (1 - rho) I + rho J = Z (D + rho e1 e1') Z' + (1 - rho) I: the random intercept's
# variance and rho trade off exactly and the likelihood is flat along a segment of them
# (Pinheiro & Bates 2000, section 5.3). nlme still stops somewhere on that segment; the last
# part of this script shows it stopping at different splits from different starting values,
# with the same logLik. A random slope on visit alone is identifiable (I, J and t t' are
# linearly independent once a patient has two different visits), and each fit below is checked
# to reach the same optimum from two starting values of rho.
suppressMessages(library(nlme))
options(digits = 15)
set.seed(20261203)
# 80 patients, two arms, visits 0..5 (some drop out after visit 2..4), a patient slope
# (SD 0.5), and two responses:
#   score:  a shared patient component (SD 3) plus independent noise (SD 1.5): rho ~ 0.8;
#   rating: noise (SD about 2) correlated negatively within the patient, rho -0.1 whatever
#           the patient's number of visits m: u + a * mean(u), u independent N(0, 2^2), with
#           2a + a^2 = m rho / (1 - rho) (so Cov / Var = rho).
a_of <- function(m, rho = -0.1) -1 + sqrt(1 + m * rho / (1 - rho))
rows <- list()
for (i in 1:80) {
  arm <- if (i %% 2 == 0) "drug" else "placebo"
  last <- if (runif(1) < 0.25) sample(2:4, 1) else 5
  v <- 0:last
  b1 <- rnorm(1, 0, 0.5)
  shared <- rnorm(1, 0, 3)
  e <- rnorm(length(v), 0, 1.5)
  u <- rnorm(length(v), 0, 2)
  mu <- 30 - 0.5 * v - 0.4 * v * (arm == "drug")
  rows[[i]] <- data.frame(
    id = sprintf("P%02d", i), arm = arm, visit = v,
    score = round(mu + b1 * v + shared + e, 3),
    rating = round(mu + b1 * v + u + a_of(length(v)) * mean(u), 3)
  )
}
d <- do.call(rbind, rows)
write.csv(d, "tests/data/visits_cs.csv", row.names = FALSE, quote = FALSE)

ctrl <- lmeControl(maxIter = 500, msMaxIter = 500, tolerance = 1e-12, msTol = 1e-14, niterEM = 100)
show <- function(label, m) {
  cat("==", label, "\n")
  cat("logLik", format(as.numeric(logLik(m)), digits = 15), "\n")
  print(summary(m)$tTable[, 1:2], digits = 15)
  cat("varFix diag", format(diag(m$varFix), digits = 15), "\n")
  cat("sigma", format(m$sigma, digits = 15), "\n")
  cat("corStruct", format(coef(m$modelStruct$corStruct, unconstrained = FALSE), digits = 15), "\n")
  cat("reStruct SDs", format(sqrt(diag(as.matrix(getVarCov(m)))), digits = 15), "\n")
}
# The same fit from corCompSymm's default start (rho = 0) and from rho = 0.5: an identified
# optimum is reached from both.
both <- function(label, fixed, response, random, method) {
  fits <- lapply(c(0, 0.5), function(start) {
    lme(fixed, random = random, correlation = corCompSymm(start, form = ~ visit | id),
        data = d, method = method, control = ctrl)
  })
  show(label, fits[[1]])
  cat("from rho = 0.5: logLik", format(as.numeric(logLik(fits[[2]])), digits = 15),
      "rho", format(coef(fits[[2]]$modelStruct$corStruct, unconstrained = FALSE), digits = 15), "\n")
}
d$arm <- factor(d$arm)
both("cs slope REML", score ~ visit * arm, "score", ~ 0 + visit | id, "REML")
both("cs slope ML", score ~ visit * arm, "score", ~ 0 + visit | id, "ML")
both("cs slope REML, negative rho", rating ~ visit * arm, "rating", ~ 0 + visit | id, "REML")

# Not identifiable: a random intercept with compound symmetry. Same logLik, different split.
cat("== random intercept + cs: the split depends on where nlme starts\n")
for (start in c(0, 0.3, 0.6)) {
  m <- lme(score ~ visit * arm, random = ~ 1 | id, correlation = corCompSymm(start, form = ~ visit | id),
           data = d, control = ctrl)
  cat(sprintf("start %.1f: logLik %.10f  rho %.6f  intercept SD %.6f  sigma %.6f\n", start,
              as.numeric(logLik(m)), coef(m$modelStruct$corStruct, unconstrained = FALSE),
              sqrt(getVarCov(m)[1, 1]), m$sigma))
}
