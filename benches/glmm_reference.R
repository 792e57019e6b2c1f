# Reference values for `trialstats glmm` (tests/glmm_reference.rs): writes the public data sets
# into tests/data/ as CSV, reads them back, and fits them with lme4 1.1.31 (glmer, tight
# bobyqa) and glmmTMB (nlminb, tight), printing every number with 17 significant digits.
#   cd tests/data && Rscript ../../benches/glmm_reference.R > glmm_reference_output.txt 2>&1
suppressMessages({library(lme4); library(glmmTMB); library(MASS)})
options(digits = 17, width = 200)
cat("R", R.version.string, "lme4", as.character(packageVersion("lme4")),
    "glmmTMB", as.character(packageVersion("glmmTMB")), "MASS", as.character(packageVersion("MASS")), "\n")
tight <- glmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e6))
tmbtight <- glmmTMBControl(optCtrl = list(iter.max = 1e5, eval.max = 1e5, rel.tol = 1e-15, x.tol = 0))

show_glmer <- function(label, m) {
  cat("\n====", label, "\n"); print(formula(m)); cat("nAGQ:", m@devcomp$dims[["nAGQ"]], "\n")
  cat("logLik:", sprintf("%.17g", as.numeric(logLik(m))), "\n")
  cat("AIC BIC deviance:", sprintf("%.17g", c(AIC(m), BIC(m), -2 * as.numeric(logLik(m)))), "\n")
  cat("theta:", sprintf("%.17g", getME(m, "theta")), "\n")
  cat("fixef:", sprintf("%.17g", fixef(m)), "\n")
  cat("names:", names(fixef(m)), "\n")
  cat("se (hessian):", sprintf("%.17g", sqrt(diag(as.matrix(vcov(m, use.hessian = TRUE))))), "\n")
  cat("se (RX):", sprintf("%.17g", sqrt(diag(as.matrix(vcov(m, use.hessian = FALSE))))), "\n")
  vc <- as.data.frame(VarCorr(m)); cat("varcorr sdcor:", sprintf("%.17g", vc$sdcor), "\n")
  cat("nobs:", nobs(m), "\n"); print(m@optinfo$conv$lme4$messages)
}
show_tmb <- function(label, m) {
  cat("\n==== glmmTMB", label, "\n"); print(formula(m))
  cat("logLik:", sprintf("%.17g", as.numeric(logLik(m))), "\n")
  cat("AIC BIC:", sprintf("%.17g", c(AIC(m), BIC(m))), "\n")
  cat("fixef:", sprintf("%.17g", fixef(m)$cond), "\n")
  cat("se:", sprintf("%.17g", sqrt(diag(vcov(m)$cond))), "\n")
  vc <- VarCorr(m)$cond; for (g in names(vc)) {
    cat("sd", g, ":", sprintf("%.17g", attr(vc[[g]], "stddev")), "\n")
    if (nrow(vc[[g]]) > 1) cat("corr", g, ":", sprintf("%.17g", attr(vc[[g]], "correlation")[2, 1]), "\n")
  }
  if (family(m)$family == "nbinom2") cat("theta (sigma):", sprintf("%.17g", sigma(m)), "\n")
  cat("max|grad|:", max(abs(m$sdr$gradient.fixed)), " pdHess:", m$sdr$pdHess, "\n")
}

# MASS's epil (Thall & Vail 1990): seizure counts, 59 patients x 4 periods.
data(epil, package = "MASS")
write.csv(epil[, c("y", "trt", "base", "age", "V4", "subject", "period", "lbase", "lage")],
          "epil.csv", row.names = FALSE)
epil <- read.csv("epil.csv"); epil$subject <- factor(epil$subject)
m <- glmer(y ~ lbase * trt + lage + V4 + (1 | subject), family = poisson, data = epil, control = tight)
show_glmer("epil poisson laplace", m)
show_tmb("epil poisson", glmmTMB(y ~ lbase * trt + lage + V4 + (1 | subject), family = poisson, data = epil, control = tmbtight))
m <- glmer(y ~ lbase * trt + lage + V4 + (1 | subject), family = poisson, data = epil, control = tight, nAGQ = 9)
show_glmer("epil poisson nAGQ 9", m)
m <- glmer(y ~ lbase * trt + lage + period + (period | subject), family = poisson, data = epil, control = tight)
show_glmer("epil poisson (period | subject)", m)
show_tmb("epil poisson (period | subject)", glmmTMB(y ~ lbase * trt + lage + period + (period | subject), family = poisson, data = epil, control = tmbtight))
# Plain GLMs (no random effects): glm and MASS::glm.nb.
g <- glm(y ~ lbase * trt + lage + V4, family = poisson, data = epil)
cat("\n==== glm poisson epil\nlogLik:", sprintf("%.17g", as.numeric(logLik(g))), "\ncoef:", sprintf("%.17g", coef(g)),
    "\nse:", sprintf("%.17g", sqrt(diag(vcov(g)))), "\n")
g <- glm.nb(y ~ lbase * trt + lage + V4, data = epil, control = glm.control(epsilon = 1e-14, maxit = 100))
cat("\n==== glm.nb epil\nlogLik:", sprintf("%.17g", as.numeric(logLik(g))), "\ncoef:", sprintf("%.17g", coef(g)),
    "\nse:", sprintf("%.17g", sqrt(diag(vcov(g)))), "\ntheta:", sprintf("%.17g", g$theta), "\n")
# glm.nb's SEs hold theta fixed (expected information); glmmTMB's come from the joint observed
# Hessian, as ours do.
show_tmb("epil nbinom2 GLM (no random effects)",
         glmmTMB(y ~ lbase * trt + lage + V4, family = nbinom2, data = epil, control = tmbtight))

# lme4's cbpp: contagious bovine pleuropneumonia, 15 herds x 4 periods, binomial.
data(cbpp, package = "lme4")
write.csv(cbpp, "cbpp.csv", row.names = FALSE)
cbpp <- read.csv("cbpp.csv"); cbpp$herd <- factor(cbpp$herd); cbpp$period <- factor(cbpp$period)
m <- glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), family = binomial, data = cbpp, control = tight)
show_glmer("cbpp binomial laplace", m)
show_tmb("cbpp binomial", glmmTMB(cbind(incidence, size - incidence) ~ period + (1 | herd), family = binomial, data = cbpp, control = tmbtight))
m <- glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), family = binomial, data = cbpp, control = tight, nAGQ = 25)
show_glmer("cbpp binomial nAGQ 25", m)

# lme4's grouseticks: ticks on red grouse chicks, 403 chicks in 118 broods.
data(grouseticks, package = "lme4")
gt <- grouseticks[, c("INDEX", "TICKS", "BROOD", "HEIGHT", "YEAR", "LOCATION")]
gt$cHEIGHT <- gt$HEIGHT - 462  # centred near the mean height (462.2), a whole number as lme4's help does
write.csv(gt, "grouseticks.csv", row.names = FALSE)
gt <- read.csv("grouseticks.csv"); gt$BROOD <- factor(gt$BROOD); gt$YEAR <- factor(gt$YEAR)
m <- glmer(TICKS ~ YEAR + cHEIGHT + (1 | BROOD), family = poisson, data = gt, control = tight)
show_glmer("grouseticks poisson laplace", m)
show_tmb("grouseticks poisson", glmmTMB(TICKS ~ YEAR + cHEIGHT + (1 | BROOD), family = poisson, data = gt, control = tmbtight))
m <- glmer(TICKS ~ YEAR + cHEIGHT + (1 | BROOD), family = poisson, data = gt, control = tight, nAGQ = 7)
show_glmer("grouseticks poisson nAGQ 7", m)

# glmmTMB's Owls (Roulin & Bersier 2007): sibling negotiation, negative binomial with an offset.
data(Owls, package = "glmmTMB")
ow <- Owls[, c("Nest", "FoodTreatment", "SexParent", "ArrivalTime", "SiblingNegotiation", "BroodSize")]
write.csv(ow, "owls.csv", row.names = FALSE)
ow <- read.csv("owls.csv")
f <- SiblingNegotiation ~ FoodTreatment * SexParent + offset(log(BroodSize)) + (1 | Nest)
nb <- glmer.nb(f, data = ow)
cat("\n==== glmer.nb owls\nlogLik:", sprintf("%.17g", as.numeric(logLik(nb))), "\nfixef:", sprintf("%.17g", fixef(nb)),
    "\ntheta:", sprintf("%.17g", getME(nb, "glmer.nb.theta")), "\n"); print(nb@optinfo$conv$lme4$messages)
tmb <- glmmTMB(f, family = nbinom2, data = ow, control = tmbtight)
show_tmb("owls nbinom2", tmb)
# glmmTMB's objective at glmer.nb's estimates (same Laplace, exact Hessian): how far glmer.nb stopped short.
st <- list(beta = fixef(nb), betad = log(getME(nb, "glmer.nb.theta")), theta = log(getME(nb, "theta")))
at_nb <- glmmTMB(f, family = nbinom2, data = ow, start = st, control = glmmTMBControl(optCtrl = list(iter.max = 0, eval.max = 1)))
cat("glmmTMB log-likelihood at glmer.nb's estimates:", sprintf("%.17g", as.numeric(logLik(at_nb))), "\n")

# lme4's log-likelihood with nAGQ > 1 leaves out the saturated model's log-likelihood (its
# deviance is built from deviance residuals); trialstats reports the full one. The constants:
cat("\nsaturated log-likelihoods: epil", sprintf("%.17g", sum(dpois(epil$y, epil$y, log = TRUE))),
    "cbpp", sprintf("%.17g", sum(dbinom(cbpp$incidence, cbpp$size, cbpp$incidence / cbpp$size, log = TRUE))),
    "grouseticks", sprintf("%.17g", sum(dpois(gt$TICKS, gt$TICKS, log = TRUE))), "\n")

# The synthetic before/after relapse data set (data/synthetic/relapses_prepost_synthetic.csv).
rel <- read.csv("../../data/synthetic/relapses_prepost_synthetic.csv")
f <- relapses ~ period + offset(log(years)) + (1 | patient)
m <- glmer(f, family = poisson, data = rel, control = tight)
show_glmer("synthetic relapses poisson laplace", m)
show_tmb("synthetic relapses poisson", glmmTMB(f, family = poisson, data = rel, control = tmbtight))

# glmm compare: the likelihood-ratio test of cbpp's period effect (glmmTMB's anova; lme4's
# anova of glmer fits gives the same test from its slightly lower optima).
m0 <- glmmTMB(cbind(incidence, size - incidence) ~ 1 + (1 | herd), family = binomial, data = cbpp, control = tmbtight)
m1 <- glmmTMB(cbind(incidence, size - incidence) ~ period + (1 | herd), family = binomial, data = cbpp, control = tmbtight)
cat("\n==== anova cbpp (glmmTMB)\n"); a <- anova(m0, m1); print(a)
cat("logLik m0:", sprintf("%.17g", as.numeric(logLik(m0))), " chisq:", sprintf("%.17g", a$Chisq[2]), " p:", sprintf("%.17g", a[["Pr(>Chisq)"]][2]), "\n")
g0 <- glmer(cbind(incidence, size - incidence) ~ 1 + (1 | herd), family = binomial, data = cbpp, control = tight)
g1 <- glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), family = binomial, data = cbpp, control = tight)
cat("lme4 anova:\n"); print(anova(g0, g1))

# A 0/1 response: cbpp expanded to one row per animal (binomial without cbind).
cb <- read.csv("cbpp.csv")
bern <- do.call(rbind, lapply(seq_len(nrow(cb)), function(i)
  data.frame(herd = cb$herd[i], period = cb$period[i],
             case = rep(c(1L, 0L), c(cb$incidence[i], cb$size[i] - cb$incidence[i])))))
write.csv(bern, "cbpp_bernoulli.csv", row.names = FALSE)
bern <- read.csv("cbpp_bernoulli.csv"); bern$herd <- factor(bern$herd); bern$period <- factor(bern$period)
show_tmb("cbpp bernoulli", glmmTMB(case ~ period + (1 | herd), family = binomial, data = bern, control = tmbtight))

# ---- Several grouping factors (crossed and nested), lme4 1.1.31 glmer (Laplace) and glmmTMB.
# glmer is run with bobyqa and with Nelder_Mead (both tight); the best log-likelihood of the
# three is the reference. cHEIGHT is HEIGHT - 462, as above (lme4's help centres at the mean).
tightNM <- glmerControl(optimizer = "Nelder_Mead", optCtrl = list(FtolAbs = 1e-14, FtolRel = 1e-14, XtolRel = 1e-12, maxfun = 1e6))
gt <- read.csv("grouseticks.csv")
for (v in c("INDEX", "BROOD", "YEAR", "LOCATION")) gt[[v]] <- factor(gt[[v]])
f <- TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)
show_glmer("grouseticks three factors bobyqa", glmer(f, family = poisson, data = gt, control = tight))
show_glmer("grouseticks three factors Nelder_Mead", glmer(f, family = poisson, data = gt, control = tightNM))
show_tmb("grouseticks three factors", glmmTMB(f, family = poisson, data = gt, control = tmbtight))
# Nested: broods within locations (each brood is at one location, so BROOD:LOCATION has the
# levels of BROOD).
f <- TICKS ~ YEAR + cHEIGHT + (1 | LOCATION/BROOD)
show_glmer("grouseticks nested LOCATION/BROOD bobyqa", glmer(f, family = poisson, data = gt, control = tight))
show_tmb("grouseticks nested LOCATION/BROOD", glmmTMB(f, family = poisson, data = gt, control = tmbtight))
# glmm compare with several factors: drop LOCATION.
m0 <- glmmTMB(TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX), family = poisson, data = gt, control = tmbtight)
m1 <- glmmTMB(TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION), family = poisson, data = gt, control = tmbtight)
cat("\n==== anova grouseticks (glmmTMB), LOCATION dropped\n"); a <- anova(m0, m1); print(a)
cat("logLik m0:", sprintf("%.17g", as.numeric(logLik(m0))), " logLik m1:", sprintf("%.17g", as.numeric(logLik(m1))),
    " chisq:", sprintf("%.17g", a$Chisq[2]), " p:", sprintf("%.17g", a[["Pr(>Chisq)"]][2]), "\n")
# Negative binomial with two crossed factors: glmer.nb against glmmTMB's nbinom2.
f <- TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | LOCATION)
nb <- glmer.nb(f, data = gt)
cat("\n==== glmer.nb grouseticks two factors\nlogLik:", sprintf("%.17g", as.numeric(logLik(nb))), "\nfixef:", sprintf("%.17g", fixef(nb)),
    "\ntheta:", sprintf("%.17g", getME(nb, "glmer.nb.theta")), "\nsd:", sprintf("%.17g", as.data.frame(VarCorr(nb))$sdcor), "\n")
print(nb@optinfo$conv$lme4$messages)
show_tmb("grouseticks nbinom2 two factors", glmmTMB(f, family = nbinom2, data = gt, control = tmbtight))

# cbpp with an observation-level random effect (the classic overdispersion model).
cb <- read.csv("cbpp.csv"); cb$obs <- seq_len(nrow(cb)); cb$pnum <- as.numeric(cb$period)
write.csv(cb, "cbpp_obs.csv", row.names = FALSE)
cb <- read.csv("cbpp_obs.csv"); cb$herd <- factor(cb$herd); cb$period <- factor(cb$period); cb$obs <- factor(cb$obs)
f <- cbind(incidence, size - incidence) ~ period + (1 | herd) + (1 | obs)
show_glmer("cbpp herd + obs bobyqa", glmer(f, family = binomial, data = cb, control = tight))
show_glmer("cbpp herd + obs Nelder_Mead", glmer(f, family = binomial, data = cb, control = tightNM))
show_tmb("cbpp herd + obs", glmmTMB(f, family = binomial, data = cb, control = tmbtight))
# A correlated slope on one factor and an intercept on another: (pnum | herd) + (1 | obs).
f <- cbind(incidence, size - incidence) ~ pnum + (pnum | herd) + (1 | obs)
show_glmer("cbpp (pnum | herd) + (1 | obs) bobyqa", glmer(f, family = binomial, data = cb, control = tight))
show_glmer("cbpp (pnum | herd) + (1 | obs) Nelder_Mead", glmer(f, family = binomial, data = cb, control = tightNM))
show_tmb("cbpp (pnum | herd) + (1 | obs)", glmmTMB(f, family = binomial, data = cb, control = tmbtight))
