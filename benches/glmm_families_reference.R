# Reference values for `trialstats glmm --family gamma|beta` and `--dispformula`
# (tests/glmm_families.rs): simulates three trial-like data sets with a fixed seed, writes them
# and glmmTMB's Salamanders into tests/data/ as CSV, reads them back, and fits them with glmmTMB
# at tight tolerances, printing every number with 17 significant digits.
#   cd tests/data && Rscript ../../benches/glmm_families_reference.R > glmm_families_reference_output.txt 2>&1
# glmmTMB's dispersion parameters (fixef(m)$disp) are on its log scale: log theta for nbinom2
# (Var = mu + mu^2/theta), log shape for Gamma in glmmTMB 1.1.5 (Var = mu^2/shape; sigma(m) is
# 1/sqrt(shape)), log phi for beta_family (Var = mu(1 - mu)/(1 + phi)).
suppressMessages(library(glmmTMB))
options(digits = 17, width = 200)
cat("R", R.version.string, "glmmTMB", as.character(packageVersion("glmmTMB")),
    "TMB", as.character(packageVersion("TMB")), "\n")
tight <- glmmTMBControl(optCtrl = list(iter.max = 1e4, eval.max = 1e4, rel.tol = 1e-12))
f17 <- function(x) sprintf("%.17g", x)

show <- function(label, m) {
  cat("\n====", label, "\n"); print(m$call)
  cat("logLik:", f17(as.numeric(logLik(m))), " df:", attr(logLik(m), "df"), "\n")
  cat("AIC BIC:", f17(c(AIC(m), BIC(m))), "\n")
  cat("fixef names:", names(fixef(m)$cond), "\n")
  cat("fixef:", f17(fixef(m)$cond), "\n")
  cat("se:", f17(sqrt(diag(vcov(m)$cond))), "\n")
  vc <- VarCorr(m)$cond
  for (g in names(vc)) cat("sd", g, ":", f17(attr(vc[[g]], "stddev")), "\n")
  cat("disp names:", names(fixef(m)$disp), "\n")
  cat("disp:", f17(fixef(m)$disp), "\n")
  cat("disp se:", f17(sqrt(diag(vcov(m)$disp))), "\n")
  cat("sigma:", f17(sigma(m)), "\n")
  cat("nobs:", nobs(m), " max|grad|:", max(abs(m$sdr$gradient.fixed)), " pdHess:", m$sdr$pdHess, "\n")
  polish(m)
}

# nlminb at rel.tol 1e-12 often stops with "singular convergence (7)" and a gradient of up to
# 1e-3 left. Newton steps on glmmTMB's own objective (its TMB function and gradient, the
# Hessian by optimHess, as sdreport takes it) finish the job; the polished optimum is what the
# tests compare with (its log-likelihood is never below glmmTMB's own).
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

set.seed(20240521)

# 1. Relapse counts: 160 patients (80 per arm), three yearly periods of 0.5 to 1 year of
# follow-up each; a patient intercept (SD 0.5); 1.2 relapses a year on placebo, rate ratio 0.6
# on the active arm; negative-binomial counts with theta 2.5 on placebo and 0.9 on the active
# arm (the treatment's response varies more).
n <- 160
patient <- sprintf("P%03d", 1:n)
arm <- rep(c("placebo", "active"), each = n / 2)
b <- rnorm(n, 0, 0.5)
rows <- expand.grid(period = 1:3, i = 1:n)
years <- round(runif(nrow(rows), 0.5, 1), 2)
mu <- 1.2 * years * ifelse(arm[rows$i] == "active", 0.6, 1) * exp(b[rows$i])
theta <- ifelse(arm[rows$i] == "active", 0.9, 2.5)
relapses <- rnbinom(nrow(rows), size = theta, mu = mu)
write.csv(data.frame(patient = patient[rows$i], arm = arm[rows$i], period = rows$period,
                     years = years, relapses = relapses),
          "relapses_negbin.csv", row.names = FALSE)

# 2. A positive skewed laboratory value (C-reactive protein, mg/L): 120 patients (60 per arm),
# visits at weeks 0, 4, 8, 12; log-linear decline, faster on the active arm; a patient
# intercept (SD 0.6); gamma with shape 4 on placebo and 2.5 on the active arm.
n <- 120
patient <- sprintf("L%03d", 1:n)
arm <- rep(c("placebo", "active"), each = n / 2)
b <- rnorm(n, 0, 0.6)
rows <- expand.grid(week = c(0, 4, 8, 12), i = 1:n)
active <- arm[rows$i] == "active"
mu <- exp(log(8) - 0.01 * rows$week - 0.04 * rows$week * active + b[rows$i])
shape <- ifelse(active, 2.5, 4)
crp <- signif(rgamma(nrow(rows), shape = shape, rate = shape / mu), 6)
write.csv(data.frame(patient = patient[rows$i], arm = arm[rows$i], week = rows$week, crp = crp),
          "crp_gamma.csv", row.names = FALSE)

# 3. A bounded proportion score (share of days free of symptoms, strictly inside (0, 1)):
# 100 patients (50 per arm), three visits; logit-linear, better on the active arm; a patient
# intercept (SD 0.7); beta with precision 12 on placebo and 6 on the active arm.
n <- 100
patient <- sprintf("S%03d", 1:n)
arm <- rep(c("placebo", "active"), each = n / 2)
b <- rnorm(n, 0, 0.7)
rows <- expand.grid(visit = 1:3, i = 1:n)
active <- arm[rows$i] == "active"
mu <- plogis(-0.2 + 0.15 * rows$visit + 0.5 * active + b[rows$i])
phi <- ifelse(active, 6, 12)
score <- signif(rbeta(nrow(rows), mu * phi, (1 - mu) * phi), 6)
score <- pmin(pmax(score, 1e-6), 1 - 1e-6)
write.csv(data.frame(patient = patient[rows$i], arm = arm[rows$i], visit = rows$visit, score = score),
          "symptom_free_beta.csv", row.names = FALSE)

# 4. glmmTMB's Salamanders (Price et al. 2016): counts of salamanders in 23 streams.
data(Salamanders, package = "glmmTMB")
write.csv(Salamanders[, c("site", "mined", "spp", "count", "cover", "DOY", "Wtemp")],
          "salamanders.csv", row.names = FALSE)

relapses <- read.csv("relapses_negbin.csv")
crp <- read.csv("crp_gamma.csv")
beta_data <- read.csv("symptom_free_beta.csv")
sal <- read.csv("salamanders.csv")
cat("rows:", nrow(relapses), nrow(crp), nrow(beta_data), nrow(sal), "\n")

show("relapses nbinom2 dispformula ~ arm",
     glmmTMB(relapses ~ arm + offset(log(years)) + (1 | patient), dispformula = ~ arm,
             family = nbinom2, data = relapses, control = tight))
show("relapses nbinom2 (one theta)",
     glmmTMB(relapses ~ arm + offset(log(years)) + (1 | patient),
             family = nbinom2, data = relapses, control = tight))
show("relapses nbinom2 GLM dispformula ~ arm",
     glmmTMB(relapses ~ arm + offset(log(years)), dispformula = ~ arm,
             family = nbinom2, data = relapses, control = tight))

show("crp Gamma log",
     glmmTMB(crp ~ arm * week + (1 | patient), family = Gamma(link = "log"), data = crp, control = tight))
show("crp Gamma log dispformula ~ arm",
     glmmTMB(crp ~ arm * week + (1 | patient), dispformula = ~ arm,
             family = Gamma(link = "log"), data = crp, control = tight))
show("crp Gamma log GLM",
     glmmTMB(crp ~ arm * week, family = Gamma(link = "log"), data = crp, control = tight))
show("crp Gamma log (week | patient)",
     glmmTMB(crp ~ arm * week + (week | patient), family = Gamma(link = "log"), data = crp, control = tight))

show("beta score",
     glmmTMB(score ~ arm + visit + (1 | patient), family = beta_family(), data = beta_data, control = tight))
show("beta score dispformula ~ arm",
     glmmTMB(score ~ arm + visit + (1 | patient), dispformula = ~ arm,
             family = beta_family(), data = beta_data, control = tight))
show("beta score GLM dispformula ~ arm + visit",
     glmmTMB(score ~ arm + visit, dispformula = ~ arm + visit,
             family = beta_family(), data = beta_data, control = tight))

show("Salamanders nbinom2 dispformula ~ mined",
     glmmTMB(count ~ spp + mined + (1 | site), dispformula = ~ mined,
             family = nbinom2, data = sal, control = tight))

# The densities at one point, for the unit tests of the log densities.
cat("\n==== densities\n")
cat("dgamma(2.3, shape = 1.7, scale = exp(0.4) / 1.7, log = TRUE):",
    f17(dgamma(2.3, shape = 1.7, scale = exp(0.4) / 1.7, log = TRUE)), "\n")
cat("dbeta(0.37, plogis(-0.6) * 8.5, (1 - plogis(-0.6)) * 8.5, log = TRUE):",
    f17(dbeta(0.37, plogis(-0.6) * 8.5, (1 - plogis(-0.6)) * 8.5, log = TRUE)), "\n")
cat("trigamma(c(0.3, 2.5, 40)):", f17(trigamma(c(0.3, 2.5, 40))), "\n")
cat("psigamma(c(0.3, 2.5, 40), 2):", f17(psigamma(c(0.3, 2.5, 40), 2)), "\n")
