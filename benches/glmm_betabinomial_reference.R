# Reference values for `trialstats glmm --family betabinomial` (tests/glmm_betabinomial.rs):
# simulates a migraine trial's diary (migraine days out of the days recorded in each month, a
# fixed seed), writes it and the data of glmmTMB's own betabinomial test into tests/data/ as CSV,
# reads them back (with lme4's cbpp, written by benches/glmm_reference.R) and fits them with
# glmmTMB 1.1.5 at tight tolerances, printing every number with 17 significant digits.
#   cd tests/data && Rscript ../../benches/glmm_betabinomial_reference.R > glmm_betabinomial_reference_output.txt 2>&1
# (about 9 minutes, nearly all of it the likelihood by integrate() at the end).
# glmmTMB's betabinomial (src/glmmTMB.cpp, glmmtmb::dbetabinom_robust in src/distrib.h): y
# successes out of n, y | p ~ Binomial(n, p), p ~ Beta(mu phi, (1 - mu) phi), logit(mu) = eta,
#   log f = lchoose(n, y) + lbeta(y + mu phi, n - y + (1 - mu) phi) - lbeta(mu phi, (1 - mu) phi),
# E y = n mu, Var y = n mu (1 - mu) (phi + n) / (phi + 1) (Morris 1997, ?family_glmmTMB);
# fixef(m)$disp is log phi, linear in the dispformula's terms; sigma(m) is phi.
suppressMessages(library(glmmTMB))
options(digits = 17, width = 200)
cat("R", R.version.string, "glmmTMB", as.character(packageVersion("glmmTMB")),
    "TMB", as.character(packageVersion("TMB")), "\n")
tight <- glmmTMBControl(optCtrl = list(iter.max = 1e4, eval.max = 1e4, rel.tol = 1e-14))
f17 <- function(x) sprintf("%.17g", x)

show <- function(label, m) {
  cat("\n====", label, "\n"); print(m$call)
  cat("logLik:", f17(as.numeric(logLik(m))), " df:", attr(logLik(m), "df"), "\n")
  cat("AIC BIC:", f17(c(AIC(m), BIC(m))), "\n")
  cat("fixef names:", names(fixef(m)$cond), "\n")
  cat("fixef:", f17(fixef(m)$cond), "\n")
  cat("se:", f17(sqrt(diag(vcov(m)$cond))), "\n")
  vc <- VarCorr(m)$cond
  for (g in names(vc)) {
    cat("sd", g, ":", f17(attr(vc[[g]], "stddev")), "\n")
    if (ncol(vc[[g]]) == 2) cat("corr", g, ":", f17(attr(vc[[g]], "correlation")[2, 1]), "\n")
  }
  cat("disp names:", names(fixef(m)$disp), "\n")
  cat("disp:", f17(fixef(m)$disp), "\n")
  cat("disp se:", f17(sqrt(diag(vcov(m)$disp))), "\n")
  cat("sigma:", f17(sigma(m)), "\n")
  cat("nobs:", nobs(m), " max|grad|:", max(abs(m$sdr$gradient.fixed)), " pdHess:", m$sdr$pdHess,
      " convergence:", m$fit$convergence, m$fit$message, "\n")
  polish(m)
}

# nlminb, even at rel.tol 1e-14, can stop with "singular convergence (7)" or "false convergence"
# and some gradient left. Newton steps on glmmTMB's own objective (its TMB function and
# gradient, the Hessian by optimHess, as sdreport takes it) finish the job; the polished optimum
# is what the tests compare with (its log-likelihood is never below glmmTMB's own), as
# benches/glmm_families_reference.R.
polish <- function(m) {
  obj <- m$obj; par <- m$fit$par
  for (k in 1:8) {
    g <- as.numeric(obj$gr(par))
    if (max(abs(g)) < 1e-10) break
    par <- par - solve(optimHess(par, obj$fn, obj$gr), g)
  }
  ll <- -obj$fn(par)
  sdr <- TMB::sdreport(obj, par.fixed = par)
  se <- sqrt(diag(sdr$cov.fixed))
  cat("polished logLik:", f17(ll), " max|grad|:", max(abs(obj$gr(par))), "\n")
  cat("polished fixef:", f17(par[names(par) == "beta"]), "\n")
  cat("polished se:", f17(se[names(par) == "beta"]), "\n")
  th <- par[names(par) == "theta"]
  cat("polished theta (log SDs, then correlation parameters):", f17(th), "\n")
  cat("polished sd:", f17(exp(th[seq_len(min(length(th), 2))])), "\n")
  if (length(th) == 3) cat("polished corr:", f17(th[3] / sqrt(1 + th[3]^2)), "\n")
  cat("polished disp:", f17(par[names(par) == "betad"]), "\n")
  cat("polished disp se:", f17(se[names(par) == "betad"]), "\n")
}

# 1. A migraine prevention trial's diary: 150 patients (75 per arm), four months; each month
# 20 to 28 days recorded, of which some with migraine. logit P(migraine day) = -1.1 on placebo
# in month 1, odds ratio 0.6 on the active arm, -0.1 a month; a patient intercept (SD 0.7) and
# slope in month (SD 0.2, uncorrelated); within a patient-month the days are correlated: the
# day's probability is Beta(mu phi, (1 - mu) phi) with phi 6 on placebo and 2.5 on the active
# arm (the treatment's response varies more). `free` = days - migraine, for cbind(migraine, free).
set.seed(20261128)
n <- 150
patient <- sprintf("M%03d", 1:n)
arm <- rep(c("placebo", "active"), each = n / 2)
b0 <- rnorm(n, 0, 0.7); b1 <- rnorm(n, 0, 0.2)
rows <- expand.grid(month = 1:4, i = 1:n)
active <- arm[rows$i] == "active"
days <- sample(20:28, nrow(rows), replace = TRUE)
mu <- plogis(-1.1 + log(0.6) * active - 0.1 * (rows$month - 1) + b0[rows$i] +
             b1[rows$i] * (rows$month - 2.5))
phi <- ifelse(active, 2.5, 6)
p <- rbeta(nrow(rows), mu * phi, (1 - mu) * phi)
migraine <- rbinom(nrow(rows), days, p)
write.csv(data.frame(patient = patient[rows$i], arm = arm[rows$i], month = rows$month,
                     days = days, migraine = migraine, free = days - migraine),
          "migraine_betabinom.csv", row.names = FALSE)

# 2. glmmTMB 1.1.5's own test of the family (tests/testthat/test-families.R, "dbetabinom"): its
# simfun0 with set.seed(101), 200 rows in 10 groups, 5 trials a row.
simfun0 <- function(beta = c(2, 1), sd.re = 5, ngrp = 10, nobs = 200, invlink = exp) {
  x <- rnorm(nobs)
  f <- factor(rep(1:ngrp, nobs / ngrp))
  u <- rnorm(ngrp, sd = sd.re)
  eta <- beta[1] + beta[2] * x + u[f]
  mu <- invlink(eta)
  return(data.frame(x, f, mu))
}
set.seed(101)
nobs <- 200; eps <- 0.001; phi0 <- 0.1
dd0 <- simfun0(nobs = nobs, sd.re = 1, invlink = plogis)
p <- with(dd0, rbeta(nobs, shape1 = mu / phi0, shape2 = (1 - mu) / phi0))
p <- pmin(1 - eps, pmax(p, eps))
b <- rbinom(nobs, size = 5, prob = p)
write.csv(data.frame(x = dd0$x, f = dd0$f, y = b, N = 5), "betabinom_glmmtmb_test.csv",
          row.names = FALSE)

mig <- read.csv("migraine_betabinom.csv")
tst <- read.csv("betabinom_glmmtmb_test.csv"); tst$f <- factor(tst$f)
cbpp <- read.csv("cbpp.csv"); cbpp$period <- factor(cbpp$period); cbpp$herd <- factor(cbpp$herd)
cat("rows:", nrow(mig), nrow(tst), nrow(cbpp), "\n")

show("migraine betabinomial",
     glmmTMB(cbind(migraine, days - migraine) ~ arm + month + (1 | patient),
             family = betabinomial, data = mig, control = tight))
show("migraine betabinomial cbind(migraine, free)",
     glmmTMB(cbind(migraine, free) ~ arm + month + (1 | patient),
             family = betabinomial, data = mig, control = tight))
show("migraine betabinomial dispformula ~ arm",
     glmmTMB(cbind(migraine, days - migraine) ~ arm + month + (1 | patient), dispformula = ~ arm,
             family = betabinomial, data = mig, control = tight))
show("migraine betabinomial GLM dispformula ~ arm",
     glmmTMB(cbind(migraine, days - migraine) ~ arm + month, dispformula = ~ arm,
             family = betabinomial, data = mig, control = tight))
show("migraine betabinomial (month | patient)",
     glmmTMB(cbind(migraine, days - migraine) ~ arm + month + (month | patient),
             family = betabinomial, data = mig, control = tight))
show("migraine binomial (for comparison)",
     glmmTMB(cbind(migraine, days - migraine) ~ arm + month + (1 | patient),
             family = binomial, data = mig, control = tight))

m <- glmmTMB(cbind(y, N - y) ~ x + (1 | f), family = betabinomial(), data = tst, control = tight)
show("glmmTMB test-families.R dbetabinom", m)
cat("its test's values c(fixef, variance, sigma) = c(2.1482114, 1.0574946, 0.7016553, 8.3768711):",
    f17(c(fixef(m)$cond, VarCorr(m)$cond$f[1, 1], sigma(m))), "\n")

show("cbpp betabinomial",
     glmmTMB(cbind(incidence, size - incidence) ~ period + (1 | herd),
             family = betabinomial, data = cbpp, control = tight))

# The density at a few points, for the unit tests of the log density.
cat("\n==== densities\n")
dbb <- function(y, n, eta, phi) {
  mu <- plogis(eta)
  lchoose(n, y) + lbeta(y + mu * phi, n - y + (1 - mu) * phi) - lbeta(mu * phi, (1 - mu) * phi)
}
for (a in list(c(3, 11, -0.4, 2.7), c(0, 7, 0.8, 0.35), c(25, 25, 1.9, 140), c(17, 40, -1.3, 9.5))) {
  cat(sprintf("dbetabinom(y = %g, n = %g, eta = %g, phi = %g):", a[1], a[2], a[3], a[4]),
      f17(dbb(a[1], a[2], a[3], a[4])), "\n")
}

# Adaptive Gauss-Hermite quadrature (`--nagq K`), which glmmTMB does not have: the migraine
# model's marginal log-likelihood with each patient's integral over the random intercept taken
# by R's integrate() (adaptive Gauss-Kronrod, rel.tol 1e-12, around the integrand's mode), and
# maximised by Newton steps on numDeriv's gradient and Hessian (Richardson) from glmmTMB's
# Laplace optimum; the SEs from that Hessian. Takes a few minutes.
suppressMessages(library(numDeriv))
cat("\n==== migraine betabinomial, the likelihood by integrate()\n")
X <- model.matrix(~ arm + month, mig)
rows_of <- split(seq_len(nrow(mig)), mig$patient)
marginal <- function(par) {
  beta <- par[1:3]; sigma <- exp(par[4]); phi <- exp(par[5])
  eta0 <- drop(X %*% beta)
  sum(vapply(rows_of, function(r) {
    g <- function(b) vapply(b, function(bb) sum(dbb(mig$migraine[r], mig$days[r], eta0[r] + bb, phi)) +
                              dnorm(bb, 0, sigma, log = TRUE), 0)
    mode <- optimize(g, c(-10, 10) * sigma, maximum = TRUE, tol = 1e-12)
    top <- mode$objective
    # 15 prior SDs either side of the mode: beyond, the integrand is below exp(-112) of its top
    # (and the density's log Γ terms overflow as plogis reaches 0 or 1).
    area <- integrate(function(b) exp(g(b) - top), mode$maximum - 15 * sigma,
                      mode$maximum + 15 * sigma, rel.tol = 1e-12, subdivisions = 1000L)$value
    top + log(area)
  }, 0))
}
m0 <- glmmTMB(cbind(migraine, days - migraine) ~ arm + month + (1 | patient),
              family = betabinomial, data = mig, control = tight)
par <- c(fixef(m0)$cond, m0$fit$par[names(m0$fit$par) == "theta"], fixef(m0)$disp)
for (k in 1:8) {
  g <- grad(marginal, par)
  if (max(abs(g)) < 1e-7) break
  par <- par - solve(hessian(marginal, par), g)
}
H <- hessian(marginal, par)
se <- sqrt(diag(solve(-H)))
cat("integrate logLik:", f17(marginal(par)), " max|grad|:", max(abs(grad(marginal, par))), "\n")
cat("integrate fixef:", f17(par[1:3]), "\n")
cat("integrate se:", f17(se[1:3]), "\n")
cat("integrate sd:", f17(exp(par[4])), "\n")
cat("integrate disp:", f17(par[5]), " se:", f17(se[5]), "\n")
