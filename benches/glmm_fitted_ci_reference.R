# Reference values for the confidence intervals of `trialstats glmm --by`'s fitted values
# (tests/glmm_fitted_ci.rs): each level's fitted value is the average over its rows of the
# prediction at random effects 0 on the response scale (benches/glmm_observed_fitted_reference.R),
#   m = sum(w_i m_i) / sum(w_i),  m_i = g^-1(x_i'beta + offset_i) (times 1 - pi_i under zero
#   inflation; w_i the trials for successes out of trials, else 1),
# and its interval is the delta method on the link scale of that average, as glmmTMB users
# build it from predict(m, newdata, re.form = NA, se.fit = TRUE, type = "link"):
#   se = sqrt(d' V d) / h'(m)^-1, d = gradient of m in (beta, betazi) (or, for clmm, in the
#   thresholds and beta), V their covariance (TMB's sdreport cov.fixed, the inverse Hessian of
#   the Laplace objective), h the link (log, or logit; log for a zero-inflated mean);
#   interval h^-1(h(m) -/+ qnorm(0.975) se).
# Where every row of a level has the same x'beta (only the offset differs), h(m) - x'beta is a
# constant and se is exactly predict()'s se.fit on the link scale; the script checks that the
# covariance is predict()'s by comparing sqrt(x_i' V x_i) with predict(se.fit = TRUE) for every
# row at nlminb's optimum (and, under zero inflation, the response-scale delta method with
# predict(type = "response", se.fit = TRUE)); the reference values are at the optimum polished
# by Newton steps, as the other glmm references are.
#   cd tests/data && Rscript ../../benches/glmm_fitted_ci_reference.R > glmm_fitted_ci_reference_output.txt 2>&1
suppressMessages({library(glmmTMB); library(ordinal)})
options(digits = 17, width = 200)
cat("R", R.version.string, "glmmTMB", as.character(packageVersion("glmmTMB")),
    "TMB", as.character(packageVersion("TMB")), "ordinal", as.character(packageVersion("ordinal")), "\n")
tight <- glmmTMBControl(optCtrl = list(iter.max = 1e4, eval.max = 1e4, rel.tol = 1e-12))
f17 <- function(x) sprintf("%.17g", x)
z <- qnorm(0.975)

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

# Each row's prediction m_i and its gradient (rows) in (beta, betazi) at `par`.
rows_and_gradient <- function(m, par) {
  d <- m$obj$env$data
  beta <- par[names(par) == "beta"]; zi <- par[names(par) == "betazi"]
  eta <- as.numeric(d$X %*% beta + d$offset)
  logit <- family(m)$family %in% c("binomial", "beta", "betabinomial")
  mu <- if (logit) plogis(eta) else exp(eta)
  dmu <- if (logit) mu * (1 - mu) else mu
  if (length(zi) == 0) return(list(m = mu, grad = dmu * as.matrix(d$X), logit = logit))
  p0 <- plogis(as.numeric(d$Xzi %*% zi + d$zioffset))
  list(m = (1 - p0) * mu,
       grad = cbind((1 - p0) * dmu * as.matrix(d$X), -p0 * (1 - p0) * mu * as.matrix(d$Xzi)),
       logit = logit)
}

# The covariance of (beta, betazi) at `par`.
vcov_at <- function(m, par) {
  V <- TMB::sdreport(m$obj, par.fixed = par)$cov.fixed
  keep <- rownames(V) %in% c("beta", "betazi")
  V[keep, keep]
}

# predict()'s se.fit against the delta method at nlminb's own optimum, every row.
check_predict <- function(m) {
  par <- m$fit$par
  V <- vcov_at(m, par); r <- rows_and_gradient(m, par)
  zi <- any(names(par) == "betazi")
  if (zi) {
    p <- predict(m, re.form = NA, se.fit = TRUE, type = "response")
    ours <- sqrt(rowSums((r$grad %*% V) * r$grad))
  } else {
    p <- predict(m, re.form = NA, se.fit = TRUE, type = "link")
    X <- as.matrix(m$obj$env$data$X)
    ours <- sqrt(rowSums((X %*% V) * X))
  }
  cat("predict(se.fit = TRUE,", if (zi) "response" else "link", ") vs sqrt(d'Vd): max relative difference",
      max(abs(p$se.fit / ours - 1)), "\n")
}

by_level <- function(label, r, V, trials, by, time = NULL) {
  cat("\n====", label, "\n")
  cells <- if (is.null(time)) list(by) else list(by, time)
  groups <- split(seq_along(r$m), cells, drop = TRUE, lex.order = TRUE)
  w <- if (length(trials) == 1) rep(1, length(r$m)) else trials
  for (g in names(groups)) {
    i <- groups[[g]]
    fit <- sum(w[i] * r$m[i]) / sum(w[i])
    d <- colSums(w[i] * r$grad[i, , drop = FALSE]) / sum(w[i])
    se_response <- sqrt(as.numeric(t(d) %*% V %*% d))
    if (r$logit) {
      se <- se_response / (fit * (1 - fit))
      ci <- plogis(qlogis(fit) + c(-1, 1) * z * se)
    } else {
      se <- se_response / fit
      ci <- exp(log(fit) + c(-1, 1) * z * se)
    }
    cat(g, " n:", length(i), " fitted:", f17(fit), " se_link:", f17(se), " ci:", f17(ci), "\n")
  }
}

tmb <- function(label, m, trials, by, time = NULL) {
  cat("\n####", label, "\n"); print(m$call)
  check_predict(m)
  par <- polish(m)
  by_level(label, rows_and_gradient(m, par), vcov_at(m, par), trials, by, time)
}

epil <- read.csv("epil.csv"); epil$subject <- factor(epil$subject)
m <- glmmTMB(y ~ lbase * trt + lage + V4 + (1 | subject), family = poisson, data = epil, control = tight)
tmb("epil poisson by trt", m, 1, epil$trt)

rel <- read.csv("relapses_negbin.csv")
m <- glmmTMB(relapses ~ arm + offset(log(years)) + (1 | patient), family = nbinom2, data = rel, control = tight)
tmb("relapses nbinom2 by arm", m, 1, rel$arm)

les <- read.csv("lesions_zi.csv")
m <- glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm, family = poisson, data = les, control = tight)
tmb("lesions zero-inflated poisson (zi ~ arm) by arm", m, 1, les$arm)
tmb("lesions zero-inflated poisson (zi ~ arm) by arm and scan", m, 1, les$arm, les$scan)
m <- glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm, family = nbinom2, data = les, control = tight)
tmb("lesions zero-inflated nbinom2 (zi ~ arm) by arm", m, 1, les$arm)

cbpp <- read.csv("cbpp.csv"); cbpp$period <- factor(cbpp$period); cbpp$herd <- factor(cbpp$herd)
m <- glmmTMB(cbind(incidence, size - incidence) ~ period + (1 | herd), family = binomial, data = cbpp, control = tight)
tmb("cbpp binomial by period", m, cbpp$size, cbpp$period)

mig <- read.csv("migraine_betabinom.csv")
m <- glmmTMB(cbind(migraine, days - migraine) ~ arm + month + (1 | patient), family = betabinomial,
             data = mig, control = tight)
tmb("migraine betabinomial by arm", m, mig$days, mig$arm)

crp <- read.csv("crp_gamma.csv")
m <- glmmTMB(crp ~ arm * week + (1 | patient), family = Gamma(link = "log"), data = crp, control = tight)
tmb("crp gamma by arm", m, 1, crp$arm)
tmb("crp gamma by arm and week", m, 1, crp$arm, crp$week)

beta_data <- read.csv("symptom_free_beta.csv")
m <- glmmTMB(score ~ arm + visit + (1 | patient), family = beta_family(), data = beta_data, control = tight)
tmb("symptom-free beta by arm", m, 1, beta_data$arm)

# Ordinal (clmm): each category's mean probability over the level's rows, its gradient in the
# thresholds and beta, and their covariance from numDeriv's Richardson Hessian of clmm's own
# Laplace objective at the polished optimum (clmm's vcov takes the same Hessian, at its
# optimum); the interval on the logit scale of the averaged probability.
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
H <- numDeriv::hessian(fn, par)
nt <- nlevels(d$mrs) - 1
X <- model.matrix(~ arm + age, d)[, -1]
np <- nt + ncol(X)
V <- solve(H)[1:np, 1:np]
cat("clmm's own SEs (its optimum) / ours - 1:", f17(sqrt(diag(vcov(m)))[1:np] / sqrt(diag(V)) - 1), "\n")
theta <- par[1:nt]; beta <- par[nt + 1:ncol(X)]
eta <- as.numeric(X %*% beta)
cat("\n==== mrs clmm by arm\n")
for (a in levels(d$arm)) {
  i <- which(d$arm == a)
  for (j in seq_len(nlevels(d$mrs))) {
    upper <- if (j <= nt) plogis(theta[j] - eta[i]) else rep(1, length(i))
    lower <- if (j > 1) plogis(theta[j - 1] - eta[i]) else rep(0, length(i))
    fu <- if (j <= nt) dlogis(theta[j] - eta[i]) else 0 * i
    fl <- if (j > 1) dlogis(theta[j - 1] - eta[i]) else 0 * i
    fit <- mean(upper - lower)
    dtheta <- numeric(nt)
    if (j <= nt) dtheta[j] <- mean(fu)
    if (j > 1) dtheta[j - 1] <- -mean(fl)
    dbeta <- -colMeans((fu - fl) * X[i, , drop = FALSE])
    dd <- c(dtheta, dbeta)
    se <- sqrt(as.numeric(t(dd) %*% V %*% dd)) / (fit * (1 - fit))
    ci <- plogis(qlogis(fit) + c(-1, 1) * z * se)
    cat(a, " category:", levels(d$mrs)[j], " n:", length(i), " fitted:", f17(fit), " se_link:", f17(se),
        " ci:", f17(ci), "\n")
  }
}
