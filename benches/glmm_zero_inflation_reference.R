# Reference values for `trialstats glmm --ziformula` (tests/glmm_zero_inflation.rs): simulates a
# trial's new-lesion counts with excess zeros (a fixed seed), writes them to tests/data/ as CSV,
# reads them back and fits them with glmmTMB 1.1.5 at tight tolerances (ziformula = ~ 1 and
# ~ arm, poisson and nbinom2; at the end, with the scan's period as a second factor in
# lesions_zi_period.csv, ~ arm * period and ~ arm + period; with two grouping factors on lme4's
# grouseticks, ~ 1 and ~ cHEIGHT), printing every number with 17
# significant digits.
#   cd tests/data && Rscript ../../benches/glmm_zero_inflation_reference.R > glmm_zero_inflation_reference_output.txt 2>&1
# glmmTMB's zero-inflation model (Brooks et al. 2017, R Journal 9(2)): P(y = 0) = pi + (1 - pi)
# f(0), P(y > 0) = (1 - pi) f(y), logit(pi) linear in the ziformula's terms (fixef(m)$zi); the
# random effects are in the conditional (count) model only.
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
  cat("zi names:", names(fixef(m)$zi), "\n")
  cat("zi:", f17(fixef(m)$zi), "\n")
  cat("zi se:", f17(sqrt(diag(vcov(m)$zi))), "\n")
  vc <- VarCorr(m)$cond
  for (g in names(vc)) cat("sd", g, ":", f17(attr(vc[[g]], "stddev")), "\n")
  cat("disp names:", names(fixef(m)$disp), "\n")
  cat("disp:", f17(fixef(m)$disp), "\n")
  cat("sigma:", f17(sigma(m)), "\n")
  cat("nobs:", nobs(m), " max|grad|:", max(abs(m$sdr$gradient.fixed)), " pdHess:", m$sdr$pdHess, "\n")
  polish(m)
}

# nlminb at rel.tol 1e-12 can stop with a gradient of up to 1e-3 left. Newton steps on
# glmmTMB's own objective (its TMB function and gradient, the Hessian by optimHess, as sdreport
# takes it) finish the job; the polished optimum is what the tests compare with (its
# log-likelihood is never below glmmTMB's own), as benches/glmm_families_reference.R.
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
  cat("polished zi:", f17(par[names(par) == "betazi"]), "\n")
  cat("polished zi se:", f17(se[names(par) == "betazi"]), "\n")
  th <- par[names(par) == "theta"]
  cat("polished sd:", f17(exp(th[seq_len(min(length(th), 2))])), "\n")
  if (length(th) == 3) cat("polished corr:", f17(th[3] / sqrt(1 + th[3]^2)), "\n")
  cat("polished disp:", f17(par[names(par) == "betad"]), "\n")
  cat("polished disp se:", f17(se[names(par) == "betad"]), "\n")
  invisible(par)
}

set.seed(20240611)

# New T2 lesions on MRI in a trial: 150 patients (75 per arm), four scans each; a patient
# intercept (SD 0.6) in the count model; 2.5 new lesions a scan on placebo, falling by 10% a
# scan, rate ratio 0.45 on the active arm; negative-binomial counts (theta 2); and a structural
# zero (a scan in a patient whose disease is inactive) with probability 0.2 on placebo and 0.4 on
# the active arm.
n <- 150
patient <- sprintf("M%03d", 1:n)
arm <- rep(c("placebo", "active"), each = n / 2)
b <- rnorm(n, 0, 0.6)
rows <- expand.grid(scan = 1:4, i = 1:n)
active <- arm[rows$i] == "active"
mu <- 2.5 * 0.9^(rows$scan - 1) * ifelse(active, 0.45, 1) * exp(b[rows$i])
structural <- rbinom(nrow(rows), 1, ifelse(active, 0.4, 0.2))
lesions <- ifelse(structural == 1, 0, rnbinom(nrow(rows), size = 2, mu = mu))
write.csv(data.frame(patient = patient[rows$i], arm = arm[rows$i], scan = rows$scan,
                     lesions = lesions),
          "lesions_zi.csv", row.names = FALSE)

lesions <- read.csv("lesions_zi.csv")
cat("rows:", nrow(lesions), " zeros:", sum(lesions$lesions == 0), "\n")

show("poisson zi ~ 1",
     glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ 1,
             family = poisson, data = lesions, control = tight))
show("poisson zi ~ arm",
     glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm,
             family = poisson, data = lesions, control = tight))
show("nbinom2 zi ~ 1",
     glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ 1,
             family = nbinom2, data = lesions, control = tight))
show("nbinom2 zi ~ arm",
     glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm,
             family = nbinom2, data = lesions, control = tight))
show("poisson GLM zi ~ arm",
     glmmTMB(lesions ~ arm + scan, ziformula = ~ arm,
             family = poisson, data = lesions, control = tight))
show("nbinom2 zi ~ arm dispformula ~ arm",
     glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm, dispformula = ~ arm,
             family = nbinom2, data = lesions, control = tight))
show("poisson zi ~ arm + scan, (scan | patient)",
     glmmTMB(lesions ~ arm + scan + (scan | patient), ziformula = ~ arm + scan,
             family = poisson, data = lesions, control = tight))

# Zero inflation with several factors (issue 42): the same counts with a second factor, the
# period of the scan (early: scans 1-2, late: 3-4), written as tests/data/lesions_zi_period.csv,
# and a ziformula with both factors and their interaction.
lesions$period <- ifelse(lesions$scan <= 2, "early", "late")
write.csv(lesions, "lesions_zi_period.csv", row.names = FALSE)
lesions <- read.csv("lesions_zi_period.csv")
show("poisson zi ~ arm * period",
     glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm * period,
             family = poisson, data = lesions, control = tight))
show("nbinom2 zi ~ arm + period",
     glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm + period,
             family = nbinom2, data = lesions, control = tight))

# Zero inflation with several grouping factors (issue 42): lme4's grouseticks
# (tests/data/grouseticks.csv, written by benches/glmm_reference.R; 403 chicks, 126 without
# ticks, in 118 broods in 63 locations), cHEIGHT = HEIGHT - 462 (-59 to 71). sdreport's
# Hessian is optimHess's differences of the gradient at steps of 1e-3, 7% of the SE of the
# zero-inflation slope in cHEIGHT, which leaves that SE 2.6e-4 (relative) short; the SEs the
# tests take are those of numDeriv's Richardson Jacobian of the same TMB gradient at the
# polished optimum ("richardson se"), which optimHess with steps of 1e-5 gives to 3e-8.
richardson <- function(m, par) {
  h <- numDeriv::jacobian(function(p) as.numeric(m$obj$gr(p)), par)
  se <- sqrt(diag(solve((h + t(h)) / 2)))
  cat("richardson se:", f17(se[names(par) == "beta"]), "\n")
  cat("richardson zi se:", f17(se[names(par) == "betazi"]), "\n")
}
gt <- read.csv("grouseticks.csv")
m <- glmmTMB(TICKS ~ factor(YEAR) + cHEIGHT + (1 | BROOD) + (1 | LOCATION), ziformula = ~ 1,
             family = poisson, data = gt, control = tight)
richardson(m, show("grouseticks poisson zi ~ 1, (1 | BROOD) + (1 | LOCATION)", m))
m <- glmmTMB(TICKS ~ factor(YEAR) + cHEIGHT + (1 | BROOD) + (1 | LOCATION), ziformula = ~ cHEIGHT,
             family = poisson, data = gt, control = tight)
richardson(m, show("grouseticks poisson zi ~ cHEIGHT, (1 | BROOD) + (1 | LOCATION)", m))
