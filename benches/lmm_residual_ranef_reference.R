# Reference values for `lmm --residual … --ranef` and its charts (tests/lmm_residual_ranef.rs):
# nlme's conditional modes (BLUPs) ranef(fit), fitted values fitted(fit) and normalized
# residuals residuals(fit, type = "normalized") of random effects with correlated residuals.
# Writes nlme's Ovary and BodyWeight to tests/data/ (as CSV, with the columns the formula
# grammar needs) and prints what the test hard-codes.
#   Rscript benches/lmm_residual_ranef_reference.R
#
# Each model is fitted by nlme::lme at the tight tolerances of benches/lmm_residual_reference.R
# and benches/lmm_residual_df_reference.R. The BLUPs are also recomputed here from nlme's
# estimates, D Z_i' V_i^-1 (y_i - X_i beta), V_i = Z_i D Z_i' + sigma^2 R_i(rho), and the
# normalized residuals as F_i (y_i - fitted_i) / sigma with nlme's factor F_i (F_i' F_i =
# R_i^-1; `whiten` below; the rows of a subject in time order, and every data set here is
# sorted by subject and time, so that is nlme's order too): the printed differences must be at
# rounding level, so the test checks nlme's own numbers and the formula at once.
#
# Where nlme stops short of the optimum (a gradient of the deviance above 1e-4 at its
# estimates: its corCompSymm fits, see benches/lmm_residual_df_reference.R, and here also the
# AR(1) intercept and slope and Ovary, where the likelihood is flat enough that the BLUPs at
# nlme's stopping point and at the optimum differ by 1e-5 relative), the script takes Newton
# steps on the REML (or ML) deviance in (D's entries, rho, sigma), as the df script does, and
# prints the BLUPs, fitted values and normalized residuals by the formulas at the optimum it
# reaches, beside the difference from nlme's own.
suppressMessages({library(nlme); library(numDeriv)})
options(digits = 15)
ctrl <- lmeControl(maxIter = 500, msMaxIter = 500, tolerance = 1e-12, msTol = 1e-14, niterEM = 100)
d_ar1 <- read.csv("tests/data/visits_ar1.csv"); d_ar1$arm <- factor(d_ar1$arm)
d_car1 <- read.csv("tests/data/visits_car1.csv"); d_car1$arm <- factor(d_car1$arm)
d_cs <- read.csv("tests/data/visits_cs.csv"); d_cs$arm <- factor(d_cs$arm)

# nlme's Ovary (Pinheiro & Bates 2000, section 5.3.4): follicles of 11 mares, the AR(1) in
# the position of each measurement within the mare (corAR1()'s default form ~ 1 | Mare).
ov <- as.data.frame(Ovary)
ov$Mare <- as.character(ov$Mare)
ov$visit <- ave(seq_len(nrow(ov)), ov$Mare, FUN = seq_along)
ov$sin2pt <- sin(2 * pi * ov$Time); ov$cos2pt <- cos(2 * pi * ov$Time)
write.csv(ov[, c("Mare", "visit", "Time", "sin2pt", "cos2pt", "follicles")],
          "tests/data/ovary.csv", row.names = FALSE, quote = FALSE)
# nlme's BodyWeight (section 5.3.2): 16 rats weighed over 64 days, three diets.
bw <- as.data.frame(BodyWeight)
bw$Rat <- as.character(bw$Rat); bw$Diet <- as.character(bw$Diet)
write.csv(bw[, c("Rat", "Diet", "Time", "weight")], "tests/data/bodyweight.csv",
          row.names = FALSE, quote = FALSE)
ov <- read.csv("tests/data/ovary.csv"); ov$Mare <- factor(ov$Mare)
bw <- read.csv("tests/data/bodyweight.csv"); bw$Rat <- factor(bw$Rat); bw$Diet <- factor(bw$Diet)

corr_of <- function(kind, tt, rho) {
  if (kind == "cs") { R <- matrix(rho, length(tt), length(tt)); diag(R) <- 1; R }
  else rho^abs(outer(tt, tt, "-"))
}

# The inverse square-root factor nlme premultiplies a subject's Pearson residuals by: the
# inverse of the Cholesky factor for corAR1 and corCAR1 (AR1_fact, CAR1_fact in nlme's
# src/corStruct.c), the Helmert-type factor of compSymm_fact for corCompSymm (its first row
# the subject's sum / sqrt(m (1 + (m - 1) rho)), row i (i e_i - sum of the e_j before it) /
# sqrt((1 - rho) i (i + 1))).
whiten <- function(kind, R, rho, e) {
  if (kind != "cs") return(forwardsolve(t(chol(R)), e))
  m <- length(e)
  F <- matrix(0, m, m)
  F[1, ] <- 1 / sqrt(m * (1 + (m - 1) * rho))
  if (m > 1) for (i in 1:(m - 1)) {
    F[i + 1, 1:i] <- -1 / sqrt((1 - rho) * i * (i + 1))
    F[i + 1, i + 1] <- i / sqrt((1 - rho) * i * (i + 1))
  }
  as.numeric(F %*% e)
}

# BLUPs, fitted values and normalized residuals by the formulas, at (D, rho, sigma, beta).
by_formula <- function(s, D, rho, sigma, beta) {
  r <- s$y - s$X %*% beta
  b <- matrix(0, length(s$ids), ncol(s$Z), dimnames = list(names(s$ids), colnames(s$Z)))
  fit <- as.numeric(s$X %*% beta); norm <- numeric(length(s$y))
  for (g in names(s$ids)) {
    rows <- s$ids[[g]]
    rows <- rows[order(s$t[rows])]
    Zi <- s$Z[rows, , drop = FALSE]
    R <- corr_of(s$kind, s$t[rows], rho)
    V <- Zi %*% D %*% t(Zi) + sigma^2 * R
    b[g, ] <- D %*% t(Zi) %*% solve(V, r[rows])
    fit[rows] <- fit[rows] + as.numeric(Zi %*% b[g, ])
    norm[rows] <- whiten(s$kind, R, rho, (s$y[rows] - fit[rows]) / sigma)
  }
  list(b = b, fitted = fit, normalized = norm)
}

# The REML (or ML) deviance at par = (vech D, rho, sigma), beta profiled out; and beta there.
pieces <- function(s, par) {
  q <- ncol(s$Z)
  if (s$diagonal) {
    nd <- q; D <- diag(par[1:q], q)
  } else {
    nd <- q * (q + 1) / 2
    D <- matrix(0, q, q); D[lower.tri(D, diag = TRUE)] <- par[1:nd]; D <- D + t(D) - diag(diag(D), q)
  }
  rho <- par[nd + 1]; sigma <- par[nd + 2]
  p <- ncol(s$X); XtVX <- matrix(0, p, p); XtVy <- numeric(p); ytVy <- 0; logdet <- 0
  for (rows in s$ids) {
    Zi <- s$Z[rows, , drop = FALSE]
    U <- chol(Zi %*% D %*% t(Zi) + sigma^2 * corr_of(s$kind, s$t[rows], rho))
    logdet <- logdet + 2 * sum(log(diag(U)))
    Xi <- backsolve(U, s$X[rows, , drop = FALSE], transpose = TRUE)
    yi <- backsolve(U, s$y[rows], transpose = TRUE)
    XtVX <- XtVX + crossprod(Xi); XtVy <- XtVy + crossprod(Xi, yi); ytVy <- ytVy + sum(yi^2)
  }
  beta <- solve(XtVX, XtVy); n <- length(s$y)
  dev <- n * log(2 * pi) + logdet + ytVy - sum(XtVy * beta)
  if (s$reml) dev <- dev - p * log(2 * pi) + as.numeric(determinant(XtVX)$modulus)
  list(dev = dev, D = D, rho = rho, sigma = sigma, beta = as.numeric(beta))
}

rust <- function(x) paste(formatC(x, digits = 15, format = "g"), collapse = ", ")

report <- function(label, m, data, zform, time, kind, idcol = "id", diagonal = FALSE) {
  cat("==", label, "\n")
  s <- list(X = model.matrix(formula(m), data), y = data[[as.character(formula(m)[[2]])]],
            Z = model.matrix(zform, data), ids = split(seq_len(nrow(data)), data[[idcol]]),
            t = data[[time]], kind = kind, reml = m$method == "REML", diagonal = diagonal)
  D <- as.matrix(getVarCov(m)); rho <- coef(m$modelStruct$corStruct, unconstrained = FALSE)
  cat("  logLik", format(as.numeric(logLik(m)), digits = 15), " rho", format(rho, digits = 15),
      " sigma", format(m$sigma, digits = 15), "\n")
  re <- as.matrix(ranef(m))
  f <- by_formula(s, D, rho, m$sigma, fixef(m))
  cat("  max |ranef - formula|", format(max(abs(re - f$b[rownames(re), , drop = FALSE])), digits = 3),
      " max |fitted - formula|", format(max(abs(fitted(m) - f$fitted)), digits = 3),
      " max |normalized - formula|",
      format(max(abs(residuals(m, type = "normalized") - f$normalized)), digits = 3), "\n")
  # Newton steps while the deviance's gradient at nlme's stopping point is above 1e-4 (the
  # numerical gradient's own noise is 1e-6 to 1e-5 here), two at most, as
  # benches/lmm_residual_df_reference.R; then the BLUPs by the formula at that point.
  par <- c(if (diagonal) diag(D) else D[lower.tri(D, diag = TRUE)], rho, m$sigma)
  dev <- function(v) pieces(s, v)$dev
  g <- numDeriv::grad(dev, par)
  cat("  gradient of -2 logLik at nlme's optimum", format(max(abs(g)), digits = 3), "\n")
  steps <- 0
  while (max(abs(g)) > 1e-4 && steps < 2) {
    steps <- steps + 1
    H <- numDeriv::hessian(dev, par, method.args = list(d = 0.01, r = 4))
    par <- par - solve(H, g)
    g <- numDeriv::grad(dev, par)
    cat("  Newton step: -2 logLik", format(dev(par), digits = 15), " gradient",
        format(max(abs(g)), digits = 3), " rho", format(par[length(par) - 1], digits = 15), "\n")
  }
  if (steps > 0) {
    at <- pieces(s, par)
    f <- by_formula(s, at$D, at$rho, at$sigma, at$beta)
    cat("  max |BLUP at the optimum - nlme's ranef|",
        format(max(abs(f$b[rownames(re), , drop = FALSE] - re)), digits = 3), "\n")
    re <- f$b[rownames(re), , drop = FALSE]
  }
  cat("  ranef terms:", colnames(re), "\n")
  levs <- sort(rownames(re))
  for (g in levs) cat(sprintf('    ("%s", &[%s]),\n', g, rust(re[g, ])))
  first <- unlist(s$ids[levs[1:2]], use.names = FALSE)
  cat("  rows of", levs[1:2], "(file order): fitted, normalized\n")
  cat("    fitted: &[", rust(f$fitted[first]), "],\n")
  cat("    normalized: &[", rust(f$normalized[first]), "],\n")
}

m <- lme(score ~ visit * arm, random = ~ 1 | id, correlation = corAR1(form = ~ visit | id),
         data = d_ar1, method = "REML", control = ctrl)
report("ar1 intercept REML", m, d_ar1, ~ 1, "visit", "ar1")
m <- lme(score ~ visit * arm, random = ~ 1 | id, correlation = corAR1(form = ~ visit | id),
         data = d_ar1, method = "ML", control = ctrl)
report("ar1 intercept ML", m, d_ar1, ~ 1, "visit", "ar1")
m <- lme(score ~ visit * arm, random = ~ visit | id, correlation = corAR1(form = ~ visit | id),
         data = d_ar1, method = "REML", control = ctrl)
report("ar1 intercept and slope REML", m, d_ar1, ~ visit, "visit", "ar1")
m <- lme(score ~ month * arm, random = ~ 1 | id, correlation = corCAR1(form = ~ month | id),
         data = d_car1, method = "REML", control = ctrl)
report("car1 intercept REML", m, d_car1, ~ 1, "month", "car1")
m <- lme(score ~ visit * arm, random = ~ 0 + visit | id, correlation = corCompSymm(form = ~ visit | id),
         data = d_cs, method = "REML", control = ctrl)
report("cs slope REML", m, d_cs, ~ 0 + visit, "visit", "cs")
m <- lme(rating ~ visit * arm, random = ~ 0 + visit | id, correlation = corCompSymm(form = ~ visit | id),
         data = d_cs, method = "REML", control = ctrl)
report("cs slope REML, negative rho", m, d_cs, ~ 0 + visit, "visit", "cs")
m <- lme(follicles ~ sin2pt + cos2pt, random = list(Mare = pdDiag(~ sin2pt)),
         correlation = corAR1(form = ~ visit | Mare), data = ov, method = "REML", control = ctrl)
report("Ovary: ar1, uncorrelated intercept and sin slope, REML", m, ov, ~ sin2pt, "visit", "ar1", "Mare",
       diagonal = TRUE)
m <- lme(weight ~ Time * Diet, random = ~ Time | Rat, correlation = corCAR1(form = ~ Time | Rat),
         data = bw, method = "ML", control = ctrl)
report("BodyWeight: car1, intercept and slope, ML", m, bw, ~ Time, "Time", "car1", "Rat")
