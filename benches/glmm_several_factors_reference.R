# Reference values for `trialstats glmm --family beta|betabinomial|ordinal` with several
# grouping factors (tests/glmm_several_factors.rs): simulates a multi-site trial's proportion
# of symptom-free days (beta; patients nested in sites) and a migraine diary whose calendar
# months vary too (beta-binomial; patients crossed with months), writes both into tests/data/
# as CSV (fixed seeds), reads them back and fits them with glmmTMB 1.1.5 at tight tolerances,
# then ordinal's wine data with judges crossed with bottles by ordinal::clmm, printing every
# number with 17 significant digits.
#   cd tests/data && Rscript ../../benches/glmm_several_factors_reference.R > glmm_several_factors_reference_output.txt 2>&1
# glmmTMB's Laplace approximation (TMB) takes the log determinant of the exact Hessian of the
# joint negative log-likelihood in the random effects at their mode: the observed information,
# which for the beta and the beta-binomial can be negative for a row far from its mean.
suppressMessages({library(glmmTMB); library(ordinal)})
options(digits = 17, width = 200)
cat("R", R.version.string, "glmmTMB", as.character(packageVersion("glmmTMB")),
    "TMB", as.character(packageVersion("TMB")), "ordinal", as.character(packageVersion("ordinal")), "\n")
tight <- glmmTMBControl(optCtrl = list(iter.max = 1e4, eval.max = 1e4, rel.tol = 1e-12))
f17 <- function(x) sprintf("%.17g", x)

show <- function(label, m) {
  cat("\n====", label, "\n"); print(m$call)
  cat("logLik:", f17(as.numeric(logLik(m))), " df:", attr(logLik(m), "df"), "\n")
  cat("fixef names:", names(fixef(m)$cond), "\n")
  cat("fixef:", f17(fixef(m)$cond), "\n")
  cat("se:", f17(sqrt(diag(vcov(m)$cond))), "\n")
  vc <- VarCorr(m)$cond
  for (g in names(vc)) cat("sd", g, ":", f17(attr(vc[[g]], "stddev")), "\n")
  cat("disp names:", names(fixef(m)$disp), "\n")
  cat("disp:", f17(fixef(m)$disp), "\n")
  cat("disp se:", f17(sqrt(diag(vcov(m)$disp))), "\n")
  cat("nobs:", nobs(m), " max|grad|:", max(abs(m$sdr$gradient.fixed)), " pdHess:", m$sdr$pdHess,
      " convergence:", m$fit$convergence, m$fit$message, "\n")
  polish(m)
}

# Newton steps on glmmTMB's own objective (its TMB function and gradient, the Hessian by
# optimHess), as benches/glmm_families_reference.R: the polished optimum is what the tests
# compare with (its log-likelihood is never below glmmTMB's own).
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
  cat("polished sd:", f17(exp(par[names(par) == "theta"])), "\n")
  cat("polished disp:", f17(par[names(par) == "betad"]), "\n")
  cat("polished disp se:", f17(se[names(par) == "betad"]), "\n")
  invisible(par)
}

# 1. A multi-site trial's proportion of symptom-free days in each of four 4-week periods: 12
# sites, 10 patients a site (half on each arm), logit mean -0.2 on placebo, +0.5 on the active
# arm, +0.1 a visit; a site intercept (SD 0.35) and a patient intercept (SD 0.6) nested in it;
# the proportion is Beta(mu phi, (1 - mu) phi) with phi 9.
set.seed(20260421)
sites <- sprintf("S%02d", 1:12)
rows <- expand.grid(visit = 1:4, k = 1:10, s = 1:12)
patient <- sprintf("P%s-%02d", sites[rows$s], rows$k)
arm <- ifelse(rows$k %% 2 == 0, "active", "placebo")
b_site <- rnorm(12, 0, 0.35); b_patient <- rnorm(120, 0, 0.6)
mu <- plogis(-0.2 + 0.5 * (arm == "active") + 0.1 * (rows$visit - 1) + b_site[rows$s] +
             b_patient[(rows$s - 1) * 10 + rows$k])
score <- rbeta(nrow(rows), mu * 9, (1 - mu) * 9)
score <- round(pmin(pmax(score, 1e-4), 1 - 1e-4), 6)
write.csv(data.frame(site = sites[rows$s], patient = patient, arm = arm, visit = rows$visit,
                     score = score), "beta_sites.csv", row.names = FALSE)
b <- read.csv("beta_sites.csv")
show("beta sites", glmmTMB(score ~ arm + visit + (1 | site) + (1 | patient), family = beta_family(),
                           data = b, control = tight))
show("beta sites, dispformula ~ arm",
     glmmTMB(score ~ arm + visit + (1 | site) + (1 | patient), dispformula = ~ arm,
             family = beta_family(), data = b, control = tight))

# 2. A migraine diary of 80 patients over the same eight calendar months: migraine days out of
# 20 to 28 days recorded; logit -1.2 on placebo, odds ratio 0.6 on the active arm; a patient
# intercept (SD 0.6) and a calendar month's (SD 0.4, crossed with the patients); the day's
# probability Beta(mu phi, (1 - mu) phi) within a patient-month, phi 4.
set.seed(20260423)
rows <- expand.grid(month = 1:8, i = 1:80)
patient <- sprintf("M%03d", rows$i)
arm <- ifelse(rows$i <= 40, "placebo", "active")
b_patient <- rnorm(80, 0, 0.6); b_month <- rnorm(8, 0, 0.4)
days <- sample(20:28, nrow(rows), replace = TRUE)
mu <- plogis(-1.2 + log(0.6) * (arm == "active") + b_patient[rows$i] + b_month[rows$month])
p <- rbeta(nrow(rows), mu * 4, (1 - mu) * 4)
migraine <- rbinom(nrow(rows), days, p)
write.csv(data.frame(patient = patient, arm = arm, month = sprintf("2025-%02d", rows$month),
                     days = days, migraine = migraine),
          "betabinom_crossed.csv", row.names = FALSE)
d <- read.csv("betabinom_crossed.csv")
show("betabinomial crossed", glmmTMB(cbind(migraine, days - migraine) ~ arm + (1 | patient) + (1 | month),
                                     family = betabinomial, data = d, control = tight))

# 3. Ordinal: a multi-site trial's symptom score (0 best to 4 worst) at three visits: 15 sites,
# 8 patients a site (half on each arm); logit P(score <= j) = theta_j - eta with thresholds
# -1.5, -0.2, 1.0, 2.3, eta = -0.7 on the active arm, -0.3 a visit, a site intercept (SD 0.5)
# and a patient intercept (SD 0.9) nested in it. Fitted by ordinal::clmm at tight tolerances
# (its Laplace approximation; the inner Newton iterations to gradTol 1e-8), then polished by
# Newton steps on clmm's own objective (ordinal:::getNLA over thresholds, beta and the
# factors' SDs, its gradient by central differences), as benches/glmm_ordinal_reference.R.
set.seed(20260424)
rows <- expand.grid(visit = 1:3, k = 1:8, s = 1:15)
sites <- sprintf("S%02d", 1:15)
patient <- sprintf("P%s-%d", sites[rows$s], rows$k)
arm <- ifelse(rows$k %% 2 == 0, "active", "placebo")
b_site <- rnorm(15, 0, 0.5); b_patient <- rnorm(120, 0, 0.9)
eta <- -0.7 * (arm == "active") - 0.3 * (rows$visit - 1) + b_site[rows$s] +
  b_patient[(rows$s - 1) * 8 + rows$k]
theta <- c(-1.5, -0.2, 1.0, 2.3)
u <- runif(nrow(rows))
score <- sapply(seq_len(nrow(rows)), function(i) sum(u[i] > plogis(theta - eta[i])))
write.csv(data.frame(site = sites[rows$s], patient = patient, arm = arm, visit = rows$visit,
                     score = score), "ordinal_sites.csv", row.names = FALSE, quote = FALSE)
o <- read.csv("ordinal_sites.csv")
o$score <- factor(o$score, ordered = TRUE)
ctight <- clmm.control(gradTol = 1e-8, maxIter = 200, rel.tol = 1e-14, x.tol = 1e-12, eval.max = 1e4,
                       iter.max = 1e4)
m <- clmm(score ~ arm + visit + (1 | site) + (1 | patient), data = o, control = ctight)
cat("\n==== ordinal sites\n"); print(m$call)
cat("logLik:", f17(as.numeric(logLik(m))), "\n")
s <- coef(summary(m))
cat("names:", rownames(s), "\n")
cat("estimate:", f17(s[, 1]), "\n")
cat("se:", f17(s[, 2]), "\n")
vc <- VarCorr(m)
for (g in names(vc)) cat("sd", g, ":", f17(sqrt(as.numeric(vc[[g]]))), "\n")
cat("max|grad|:", max(abs(m$gradient)), " optimiser:", m$optRes$message, "\n")
cl <- m$call; cl$doFit <- FALSE; cl$data <- o; rho <- eval(cl)
fn <- function(p) ordinal:::getNLA(rho, p)
gr <- function(p) sapply(seq_along(p), function(k) {
  h <- 1e-5 * max(1, abs(p[k])); e <- replace(numeric(length(p)), k, h)
  (fn(p + e) - fn(p - e)) / (2 * h) })
par <- m$optRes$par
cat("clmm's objective at its optimum:", f17(-fn(par)), "\n")
for (k in 1:6) {
  g <- gr(par)
  if (max(abs(g)) < 1e-9) break
  par <- par - solve(optimHess(par, fn, gr), g)
}
nf <- rho$dims$nfepar
cat("polished logLik:", f17(-fn(par)), " max|grad|:", max(abs(gr(par))), "\n")
cat("polished estimate:", f17(par[1:nf]), "\n")
cat("polished sd (", names(vc), "):", f17(par[-(1:nf)]), "\n")
H <- numDeriv::hessian(fn, par, method.args = list(d = 1e-2, r = 4))
cat("polished se (numDeriv d = 0.01):", f17(sqrt(diag(solve(H)))[1:nf]), "\n")
