# Reference values for the df of `lmm --residual` (tests/lmm_residual_df.rs): Satterthwaite's
# denominator df computed here independently of trialstats, and nlme's own containment df.
#   Rscript benches/lmm_residual_df_reference.R
#
# Each model is fitted by nlme::lme at tight tolerances (as benches/lmm_residual_reference.R).
# Satterthwaite (Kuznetsova, Brockhoff & Christensen 2017, J. Stat. Softw. 82(13), eqs. 5-7, the
# construction lmerTest uses, applied to this likelihood): with the variance parameters
# par = (the random-effect covariance entries of D, rho, sigma) -- the natural scale, not the
# (theta, phi, sigma) trialstats differentiates in; at the optimum the df do not depend on the
# parametrisation --
#   V_i(par)    = Z_i D Z_i' + sigma^2 R_i(rho)          built here from the data, per patient
#   C(par)      = (X' V^-1 X)^-1                          Var(beta-hat)
#   dev(par)    = -2 REML (or ML) log-likelihood, beta profiled out (GLS beta-hat(par))
#   H           = numDeriv::hessian(dev, par)             (Richardson)
#   J_r         = numDeriv::jacobian(C, par)[, r]         (Richardson)
#   df(L)       = 2 (L' C L)^2 / (g' A g),  g_r = L' J_r L,  A = 2 H^-1
# F tests of several rows as lmerTest's contestMD: rotate L to the eigenvectors of L C L',
# df of each row as above, then lmerTest:::get_Fstat_ddf. The type III hypotheses are
# lmerTest's own (get_contrasts_type3 on an lmer fit with the same fixed formula; they depend
# on X only); the means and their difference are emmeans' linfct.
# Containment: nlme's summary(m)$tTable DF and anova(m)$denDF, and emmeans' df for lme
# (mode "containment": the smallest fixDF$X over the coefficients a linear function uses, the
# intercept's taken as the number of patients - 1).
suppressMessages({library(nlme); library(numDeriv); library(lme4); library(lmerTest); library(emmeans)})
options(digits = 15)
ctrl <- lmeControl(maxIter = 500, msMaxIter = 500, tolerance = 1e-12, msTol = 1e-14, niterEM = 100)
d_ar1 <- read.csv("tests/data/visits_ar1.csv"); d_ar1$arm <- factor(d_ar1$arm)
d_car1 <- read.csv("tests/data/visits_car1.csv"); d_car1$arm <- factor(d_car1$arm)
d_cs <- read.csv("tests/data/visits_cs.csv"); d_cs$arm <- factor(d_cs$arm)

# The residual correlation matrix of one patient with times tt.
corr_of <- function(kind, tt, rho) {
  if (kind == "cs") {
    R <- matrix(rho, length(tt), length(tt)); diag(R) <- 1; R
  } else {
    rho^abs(outer(tt, tt, "-"))
  }
}

# The pieces of one model: X, y, Z per patient, times per patient, D's pattern.
setup <- function(m, data, zform, time, kind) {
  X <- model.matrix(formula(m), data)
  y <- data[[as.character(formula(m)[[2]])]]
  Z <- model.matrix(zform, data)
  ids <- split(seq_len(nrow(data)), data$id)
  list(X = X, y = y, Z = Z, ids = ids, t = data[[time]], kind = kind, q = ncol(Z),
       reml = m$method == "REML")
}

# D from the lower triangle (column-major) of its entries.
D_of <- function(v, q) { D <- matrix(0, q, q); D[lower.tri(D, diag = TRUE)] <- v; D + t(D) - diag(diag(D), q) }

# -2 log-likelihood (REML or ML) and C = Var(beta-hat) at par = (vech D, rho, sigma).
pieces <- function(s, par) {
  nd <- s$q * (s$q + 1) / 2
  D <- D_of(par[1:nd], s$q); rho <- par[nd + 1]; sigma <- par[nd + 2]
  p <- ncol(s$X); XtVX <- matrix(0, p, p); XtVy <- numeric(p); ytVy <- 0; logdet <- 0
  for (rows in s$ids) {
    Zi <- s$Z[rows, , drop = FALSE]
    V <- Zi %*% D %*% t(Zi) + sigma^2 * corr_of(s$kind, s$t[rows], rho)
    U <- chol(V)
    logdet <- logdet + 2 * sum(log(diag(U)))
    Xi <- backsolve(U, s$X[rows, , drop = FALSE], transpose = TRUE)
    yi <- backsolve(U, s$y[rows], transpose = TRUE)
    XtVX <- XtVX + crossprod(Xi); XtVy <- XtVy + crossprod(Xi, yi); ytVy <- ytVy + sum(yi^2)
  }
  C <- solve(XtVX)
  beta <- C %*% XtVy
  r2 <- ytVy - sum(XtVy * beta)
  n <- length(s$y)
  dev <- if (s$reml) (n - p) * log(2 * pi) + logdet + determinant(XtVX)$modulus + r2
         else n * log(2 * pi) + logdet + r2
  list(dev = as.numeric(dev), C = C, beta = beta)
}

# The parameters at nlme's fit, and Satterthwaite's ingredients there.
satterthwaite <- function(m, s) {
  D <- as.matrix(getVarCov(m))
  rho <- coef(m$modelStruct$corStruct, unconstrained = FALSE)
  par <- c(D[lower.tri(D, diag = TRUE)], rho, m$sigma)
  at <- pieces(s, par)
  cat("  -2 logLik here", format(at$dev, digits = 15), " nlme", format(-2 * as.numeric(logLik(m)), digits = 15), "\n")
  cat("  max |beta - fixef|", format(max(abs(at$beta - fixef(m))), digits = 3),
      "  max |C - varFix| / max |varFix|", format(max(abs(at$C - m$varFix)) / max(abs(m$varFix)), digits = 3), "\n")
  # A small first step keeps every V positive definite (a negative compound-symmetry rho sits
  # near its bound -1/(m - 1)); Richardson's extrapolation over 4 halvings as numDeriv's default.
  dev <- function(v) pieces(s, v)$dev
  H <- numDeriv::hessian(dev, par, method.args = list(d = 0.01, r = 4))
  g0 <- numDeriv::grad(dev, par)
  cat("  gradient of -2 logLik at nlme's optimum", format(g0, digits = 3), "\n")
  # Where nlme stopped short of the optimum (its corCompSymm fits stop with a gradient of
  # about 1e-3), Newton steps on this deviance finish the job, so that the df are the
  # optimum's, not those of where nlme stopped. The numerical gradient's own noise is 1e-6 to
  # 1e-4 here, so steps are taken only above 1e-4 (the corCompSymm fits), two at most.
  steps <- 0
  while (max(abs(g0)) > 1e-4 && steps < 2) {
    steps <- steps + 1
    par <- par - solve(H, g0)
    H <- numDeriv::hessian(dev, par, method.args = list(d = 0.01, r = 4))
    g0 <- numDeriv::grad(dev, par)
    cat("  Newton step: -2 logLik", format(dev(par), digits = 15), "gradient", format(g0, digits = 3),
        "rho", format(par[length(par) - 1], digits = 15), "\n")
  }
  at <- pieces(s, par)
  J <- numDeriv::jacobian(function(v) as.vector(pieces(s, v)$C), par)
  p <- ncol(s$X)
  list(C = at$C, beta = at$beta, A = 2 * solve(H),
       Jr = lapply(seq_len(ncol(J)), function(r) matrix(J[, r], p, p)))
}

df_of <- function(sat, L) {
  L <- as.numeric(L)
  v <- sum(L * (sat$C %*% L))
  g <- sapply(sat$Jr, function(Jr) sum(L * (Jr %*% L)))
  2 * v^2 / sum(g * (sat$A %*% g))
}

# lmerTest's contestMD on a hypothesis matrix L, with the df above.
f_test <- function(sat, L) {
  L <- matrix(L, ncol = length(sat$beta))
  VL <- L %*% sat$C %*% t(L)
  e <- eigen(VL, symmetric = TRUE)
  tol <- max(sqrt(.Machine$double.eps) * e$values[1], 0)
  pos <- e$values > tol
  q <- sum(pos)
  PL <- t(e$vectors[, pos, drop = FALSE]) %*% L
  t2 <- as.numeric(PL %*% sat$beta)^2 / e$values[pos]
  nu <- apply(PL, 1, function(l) df_of(sat, l))
  ddf <- lmerTest:::get_Fstat_ddf(nu, tol = 1e-8)
  Fv <- sum(t2) / q
  c(F = Fv, num_df = q, den_df = ddf, p = pf(Fv, q, ddf, lower.tail = FALSE))
}

report <- function(label, m, s, lmer_formula, data, at) {
  cat("==", label, "\n")
  sat <- satterthwaite(m, s)
  se <- sqrt(diag(sat$C)); tval <- as.numeric(sat$beta) / se
  p <- ncol(s$X)
  df <- sapply(1:p, function(j) { l <- numeric(p); l[j] <- 1; df_of(sat, l) })
  cat("  Satterthwaite, fixed effects: term estimate se df p (p from t = estimate/se on df)\n")
  print(data.frame(term = colnames(s$X), estimate = as.numeric(sat$beta), se = se, df = df,
                   p = 2 * pt(-abs(tval), df)), digits = 15)
  cat("  containment (nlme summary tTable DF; p from the same t, SE sqrt(diag(varFix))):\n")
  tt <- summary(m)$tTable
  print(data.frame(term = rownames(tt), DF = tt[, "DF"], p = 2 * pt(-abs(tval), tt[, "DF"])), digits = 15)
  # Type III hypotheses: lmerTest's, from an lmer fit with the same fixed part.
  lm4 <- lmerTest::lmer(lmer_formula, data = data, REML = s$reml)
  Ls <- lmerTest:::get_contrasts_type3(lm4)
  cat("  type III, Satterthwaite: term F num_df den_df p\n")
  for (term in names(Ls)) cat("   ", term, format(f_test(sat, Ls[[term]]), digits = 15), "\n")
  cat("  nlme anova(m, type = 'marginal', adjustSigma = FALSE): term numDF denDF F p\n")
  av <- anova(m, type = "marginal", adjustSigma = FALSE)
  print(av, digits = 15)
  # The same type III F on nlme's denDF of the term (where the type III hypothesis is the
  # term's coefficients, F is nlme's marginal F too).
  cat("  type III, containment: term F num_df denDF p\n")
  for (term in names(Ls)) {
    ft <- f_test(sat, Ls[[term]]); den <- av[term, "denDF"]
    cat("   ", term, format(c(ft[["F"]], ft[["num_df"]], den, pf(ft[["F"]], ft[["num_df"]], den, lower.tail = FALSE)), digits = 15), "\n")
  }
  em <- emmeans(m, ~ arm, at = at, sigmaAdjust = FALSE)
  pr <- pairs(em)
  cat("  emmeans of arm at", names(at), "=", unlist(at), "(emmeans containment df; Satterthwaite df here)\n")
  for (obj in list(em, pr)) {
    K <- obj@linfct
    sm <- summary(obj)
    for (i in seq_len(nrow(K))) {
      l <- K[i, ]
      est <- sum(l * sat$beta); se <- sqrt(sum(l * (sat$C %*% l))); dfs <- df_of(sat, l)
      cat("   ", as.character(sm[i, 1]), "estimate", format(est, digits = 15),
          "se", format(se, digits = 15),
          "satterthwaite df", format(dfs, digits = 15),
          "p", format(2 * pt(-abs(est / se), dfs), digits = 15),
          "containment df", format(sm$df[i], digits = 15),
          "p", format(2 * pt(-abs(est / se), sm$df[i]), digits = 15), "\n")
    }
  }
}

m <- lme(score ~ visit * arm, random = ~ 1 | id, correlation = corAR1(form = ~ visit | id),
         data = d_ar1, method = "REML", control = ctrl)
report("ar1 intercept REML", m, setup(m, d_ar1, ~ 1, "visit", "ar1"),
       score ~ visit * arm + (1 | id), d_ar1, list(visit = 3))
m <- lme(score ~ visit * arm, random = ~ 1 | id, correlation = corAR1(form = ~ visit | id),
         data = d_ar1, method = "ML", control = ctrl)
report("ar1 intercept ML", m, setup(m, d_ar1, ~ 1, "visit", "ar1"),
       score ~ visit * arm + (1 | id), d_ar1, list(visit = 3))
m <- lme(score ~ visit * arm, random = ~ visit | id, correlation = corAR1(form = ~ visit | id),
         data = d_ar1, method = "REML", control = ctrl)
report("ar1 intercept and slope REML", m, setup(m, d_ar1, ~ visit, "visit", "ar1"),
       score ~ visit * arm + (visit | id), d_ar1, list(visit = 3))
m <- lme(score ~ month * arm, random = ~ 1 | id, correlation = corCAR1(form = ~ month | id),
         data = d_car1, method = "REML", control = ctrl)
report("car1 intercept REML", m, setup(m, d_car1, ~ 1, "month", "car1"),
       score ~ month * arm + (1 | id), d_car1, list(month = 9))
m <- lme(score ~ visit * arm, random = ~ 0 + visit | id, correlation = corCompSymm(form = ~ visit | id),
         data = d_cs, method = "REML", control = ctrl)
report("cs slope REML", m, setup(m, d_cs, ~ 0 + visit, "visit", "cs"),
       score ~ visit * arm + (0 + visit | id), d_cs, list(visit = 3))
m <- lme(score ~ visit * arm, random = ~ 0 + visit | id, correlation = corCompSymm(form = ~ visit | id),
         data = d_cs, method = "ML", control = ctrl)
report("cs slope ML", m, setup(m, d_cs, ~ 0 + visit, "visit", "cs"),
       score ~ visit * arm + (0 + visit | id), d_cs, list(visit = 3))
m <- lme(rating ~ visit * arm, random = ~ 0 + visit | id, correlation = corCompSymm(form = ~ visit | id),
         data = d_cs, method = "REML", control = ctrl)
report("cs slope REML, negative rho", m, setup(m, d_cs, ~ 0 + visit, "visit", "cs"),
       rating ~ visit * arm + (0 + visit | id), d_cs, list(visit = 3))
# A term of several rows: visit as a factor (5 columns), its F test's df from 5 rotated rows.
d_ar1$fvisit <- factor(d_ar1$visit)
m <- lme(score ~ fvisit + arm, random = ~ 1 | id, correlation = corAR1(form = ~ visit | id),
         data = d_ar1, method = "REML", control = ctrl)
report("ar1 intercept REML, factor(visit) + arm", m, setup(m, d_ar1, ~ 1, "visit", "ar1"),
       score ~ fvisit + arm + (1 | id), d_ar1, list())
