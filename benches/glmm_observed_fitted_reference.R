# Reference values for `trialstats glmm --by` / `--plot` (tests/glmm_observed_fitted.rs): the
# observed summary of the response in each level of a factor (and, with a time column, at each
# time) beside the model's fitted one, the average over that level's rows of the prediction at
# random effects 0 on the response scale:
#   glmmTMB: predict(m, re.form = NA, type = "response") (with zero inflation (1 - pi) mu);
#            binomial and beta-binomial weighted by the rows' trials, as the observed
#            proportion sum(successes) / sum(trials) is;
#   clmm:    plogis(theta_j - x'beta) - plogis(theta_{j-1} - x'beta) per category (clmm has no
#            predict method; these are its fixed effects and thresholds).
# The observed intervals: t.test(y)$conf.int per level (counts, gamma, beta; the lower end
# truncated at 0 where it falls below), binom.test(sum(successes), sum(trials))$conf.int
# (binomial, beta-binomial) and binom.test(count, n)$conf.int per category (ordinal).
# The data are those of tests/data/ that the other glmm tests use (written there by
# benches/glmm_reference.R, glmm_families_reference.R, glmm_zero_inflation_reference.R,
# glmm_betabinomial_reference.R, glmm_ordinal_reference.R).
#   cd tests/data && Rscript ../../benches/glmm_observed_fitted_reference.R > glmm_observed_fitted_reference_output.txt 2>&1
# Every model is fitted at tight tolerances and polished by Newton steps on glmmTMB's (clmm's)
# own objective, as those scripts do; the fitted means are computed at the polished optimum
# from the model's own design (X beta + offset, Xzi betazi), and also at nlminb's optimum by
# predict() itself, to show that the formula is predict()'s (their difference is printed).
suppressMessages({library(glmmTMB); library(ordinal)})
options(digits = 17, width = 200)
cat("R", R.version.string, "glmmTMB", as.character(packageVersion("glmmTMB")),
    "TMB", as.character(packageVersion("TMB")), "ordinal", as.character(packageVersion("ordinal")), "\n")
tight <- glmmTMBControl(optCtrl = list(iter.max = 1e4, eval.max = 1e4, rel.tol = 1e-12))
f17 <- function(x) sprintf("%.17g", x)

polish <- function(m) {
  obj <- m$obj; par <- m$fit$par
  for (k in 1:8) {
    g <- as.numeric(obj$gr(par))
    if (max(abs(g)) < 1e-10) break
    par <- par - solve(optimHess(par, obj$fn, obj$gr), g)
  }
  cat("polished logLik:", f17(-obj$fn(par)), " max|grad|:", max(abs(obj$gr(par))), "\n")
  par
}

# Each row's prediction at random effects 0 on the response scale at parameters `par`.
population_mean <- function(m, par) {
  d <- m$obj$env$data
  eta <- as.numeric(d$X %*% par[names(par) == "beta"] + d$offset)
  fam <- family(m)$family
  mu <- if (fam %in% c("binomial", "beta", "betabinomial")) plogis(eta) else exp(eta)
  zi <- par[names(par) == "betazi"]
  if (length(zi) > 0) mu <- (1 - plogis(as.numeric(d$Xzi %*% zi + d$zioffset))) * mu
  mu
}

# Observed vs fitted per level of `by` (and of `time`): y the response (successes), trials
# (1 for a plain response), fitted the rows' predictions.
by_level <- function(label, y, trials, fitted, predicted, by, time = NULL, proportion = FALSE) {
  cat("\n====", label, "\n")
  cells <- if (is.null(time)) list(by) else list(by, time)
  groups <- split(seq_along(y), cells, drop = TRUE, lex.order = TRUE)
  for (g in names(groups)) {
    i <- groups[[g]]
    if (proportion) {
      obs <- sum(y[i]) / sum(trials[i])
      ci <- binom.test(sum(y[i]), sum(trials[i]))$conf.int
      fit <- sum(trials[i] * fitted[i]) / sum(trials[i])
      pred <- sum(trials[i] * predicted[i]) / sum(trials[i])
    } else {
      obs <- mean(y[i])
      ci <- t.test(y[i])$conf.int
      ci[1] <- max(ci[1], 0)
      fit <- mean(fitted[i])
      pred <- mean(predicted[i])
    }
    cat(g, " n:", length(i), " trials:", sum(trials[i]), " observed:", f17(obs), " ci:", f17(ci),
        " fitted:", f17(fit), " predict() at nlminb - polished:", f17(pred - fit), "\n")
  }
}

tmb <- function(label, m, y, trials, by, time = NULL, proportion = FALSE) {
  cat("\n####", label, "\n"); print(m$call)
  par <- polish(m)
  by_level(label, y, trials, population_mean(m, par), predict(m, re.form = NA, type = "response"),
           by, time, proportion)
}

# 1. Poisson: MASS's epil, by treatment.
epil <- read.csv("epil.csv"); epil$subject <- factor(epil$subject)
m <- glmmTMB(y ~ lbase * trt + lage + V4 + (1 | subject), family = poisson, data = epil, control = tight)
tmb("epil poisson by trt", m, epil$y, 1, epil$trt)

# 2. Negative binomial with an exposure offset: relapses by arm.
rel <- read.csv("relapses_negbin.csv")
m <- glmmTMB(relapses ~ arm + offset(log(years)) + (1 | patient), family = nbinom2, data = rel, control = tight)
tmb("relapses nbinom2 by arm", m, rel$relapses, 1, rel$arm)

# 3. Zero-inflated Poisson and negative binomial: new lesions by arm, and by arm and scan.
les <- read.csv("lesions_zi.csv")
m <- glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm, family = poisson, data = les, control = tight)
tmb("lesions zero-inflated poisson (zi ~ arm) by arm", m, les$lesions, 1, les$arm)
tmb("lesions zero-inflated poisson (zi ~ arm) by arm and scan", m, les$lesions, 1, les$arm, les$scan)
m <- glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm, family = nbinom2, data = les, control = tight)
tmb("lesions zero-inflated nbinom2 (zi ~ arm) by arm", m, les$lesions, 1, les$arm)

# 4. Binomial: lme4's cbpp, by period (weighted by herd size).
cbpp <- read.csv("cbpp.csv"); cbpp$period <- factor(cbpp$period); cbpp$herd <- factor(cbpp$herd)
m <- glmmTMB(cbind(incidence, size - incidence) ~ period + (1 | herd), family = binomial, data = cbpp, control = tight)
tmb("cbpp binomial by period", m, cbpp$incidence, cbpp$size, cbpp$period, proportion = TRUE)

# 5. Beta-binomial: migraine days out of the month's days, by arm.
mig <- read.csv("migraine_betabinom.csv")
m <- glmmTMB(cbind(migraine, days - migraine) ~ arm + month + (1 | patient), family = betabinomial,
             data = mig, control = tight)
tmb("migraine betabinomial by arm", m, mig$migraine, mig$days, mig$arm, proportion = TRUE)

# 6. Gamma: C-reactive protein by arm, and by arm and week.
crp <- read.csv("crp_gamma.csv")
m <- glmmTMB(crp ~ arm * week + (1 | patient), family = Gamma(link = "log"), data = crp, control = tight)
tmb("crp gamma by arm", m, crp$crp, 1, crp$arm)
tmb("crp gamma by arm and week", m, crp$crp, 1, crp$arm, crp$week)

# 7. Beta: the share of symptom-free days by arm.
beta_data <- read.csv("symptom_free_beta.csv")
m <- glmmTMB(score ~ arm + visit + (1 | patient), family = beta_family(), data = beta_data, control = tight)
tmb("symptom-free beta by arm", m, beta_data$score, 1, beta_data$arm)

# 8. Ordinal (clmm): the mRS by arm, each category's observed share and fitted probability.
cl_tight <- clmm.control(gradTol = 1e-8, maxIter = 200, rel.tol = 1e-14, x.tol = 1e-12, eval.max = 1e4,
                         iter.max = 1e4)
d <- read.csv("mrs_ordinal.csv")
d$mrs <- factor(d$mrs, ordered = TRUE); d$arm <- relevel(factor(d$arm), "placebo")
m <- clmm(mrs ~ arm + age + (1 | site), data = d, control = cl_tight)
cat("\n#### mrs clmm by arm\n"); print(m$call)
cl <- m$call; cl$doFit <- FALSE; rho <- eval(cl)
fn <- function(p) ordinal:::getNLA.ssr(rho, p)
gr <- function(p) sapply(seq_along(p), function(k) {
  h <- 1e-5 * max(1, abs(p[k])); e <- replace(numeric(length(p)), k, h)
  (fn(p + e) - fn(p - e)) / (2 * h) })
par <- m$optRes$par
for (k in 1:6) {
  g <- gr(par)
  if (max(abs(g)) < 1e-9) break
  par <- par - solve(optimHess(par, fn, gr), g)
}
cat("polished logLik:", f17(-fn(par)), " max|grad|:", max(abs(gr(par))), "\n")
nt <- nlevels(d$mrs) - 1
X <- model.matrix(~ arm + age, d)[, -1]
category_probabilities <- function(theta, beta) {
  eta <- as.numeric(X %*% beta)
  cum <- cbind(0, sapply(theta, function(t) plogis(t - eta)), 1)
  cum[, -1] - cum[, -ncol(cum)]
}
fitted <- category_probabilities(par[1:nt], par[nt + 1:ncol(X)])
at_clmm <- category_probabilities(m$alpha, m$beta)
cat("\n==== mrs clmm by arm\n")
for (a in levels(d$arm)) {
  i <- which(d$arm == a)
  for (j in seq_len(nlevels(d$mrs))) {
    k <- sum(d$mrs[i] == levels(d$mrs)[j])
    cat(a, " category:", levels(d$mrs)[j], " n:", length(i), " observed:", f17(k / length(i)),
        " ci:", f17(binom.test(k, length(i))$conf.int), " fitted:", f17(mean(fitted[i, j])),
        " at clmm's own optimum - polished:", f17(mean(at_clmm[i, j]) - mean(fitted[i, j])), "\n")
  }
}
