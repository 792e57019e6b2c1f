# Reference values for `meta --bayes` (tests/meta_bayes.rs): the exact marginal posteriors of
# the normal-normal random-effects model, computed with R's integrate() at rel.tol = 1e-12
# over tau (no bayesmeta: it is not installed here, and its DIRECT grid is an approximation).
# Run: Rscript benches/bayes_reference.R
options(digits = 17)
dhalfnormal <- function(t, s) ifelse(t < 0, 0, 2 * dnorm(t, 0, s))
dhalfcauchy <- function(t, s) ifelse(t < 0, 0, 2 * dcauchy(t, 0, s))

reference <- function(name, y, sei, dprior, mu0 = NA, sd0 = NA, level = 0.95, threshold = NA,
                      upper = Inf, moments = c(TRUE, TRUE)) {
  v <- sei^2; k <- length(y)
  cond <- function(t) {
    w <- 1 / (v + t^2); prec <- sum(w); num <- sum(w * y)
    if (!is.na(mu0)) { prec <- prec + 1 / sd0^2; num <- num + mu0 / sd0^2 }
    m <- num / prec; V <- 1 / prec
    rss <- sum(w * (y - m)^2) + if (!is.na(mu0)) (mu0 - m)^2 / sd0^2 else 0
    const <- if (!is.na(mu0)) -k * log(sqrt(2 * pi)) - log(sd0) else -(k - 1) * log(sqrt(2 * pi))
    c(m = m, V = V, ll = const - 0.5 * sum(log(v + t^2)) + 0.5 * log(V) - 0.5 * rss)
  }
  lmax <- optimize(function(t) log(dprior(t)) + cond(t)[["ll"]], c(0, 10 * max(sei)), maximum = TRUE)$objective
  f <- function(t) sapply(t, function(x) { if (dprior(x) == 0) return(0); dprior(x) * exp(cond(x)[["ll"]] - lmax) })
  I <- function(g) integrate(function(t) f(t) * g(t), 0, upper, rel.tol = 1e-12, subdivisions = 10000L)$value
  Z <- I(function(t) 1)
  mv <- function(t) t(sapply(t, function(x) cond(x)[c("m", "V")]))
  # tau
  tcdf <- function(x) if (x <= 0) 0 else integrate(f, 0, x, rel.tol = 1e-12, subdivisions = 10000L)$value / Z
  tq <- function(p) uniroot(function(x) tcdf(x) - p, c(0, 1), extendInt = "upX", tol = 1e-14)$root
  tdens <- function(x) f(x) / Z
  # mixtures
  mixcdf <- function(x, extra) I(function(t) { a <- mv(t); pnorm(x, a[, 1], sqrt(a[, 2] + extra(t))) }) / Z
  mixpdf <- function(x, extra) I(function(t) { a <- mv(t); dnorm(x, a[, 1], sqrt(a[, 2] + extra(t))) }) / Z
  mixq <- function(p, extra) uniroot(function(x) mixcdf(x, extra) - p, c(-50, 50), tol = 1e-14)$root
  shortest <- function(q, dens, lo_end = NA) {
    L <- level
    if (!is.na(lo_end) && dens(lo_end) >= dens(q(L))) return(c(lo_end, q(L)))
    p <- optimize(function(p) q(p + L) - q(p), c(1e-9, 1 - L - 1e-9), tol = 1e-12)$minimum
    c(q(p), q(p + L))
  }
  summ <- function(extra, sd_exists) {
    mean <- I(function(t) mv(t)[, 1]) / Z
    second <- if (sd_exists) I(function(t) { a <- mv(t); a[, 2] + extra(t) + a[, 1]^2 }) / Z else NA
    q <- function(p) mixq(p, extra)
    md <- q(0.5)
    mode <- optimize(function(x) mixpdf(x, extra), c(q(0.01), q(0.99)), maximum = TRUE, tol = 1e-12)$maximum
    c(mean = mean, median = md, mode = mode, sd = if (sd_exists) sqrt(second - mean^2) else NA,
      lower = q((1 - level) / 2), upper = q((1 + level) / 2),
      shortest = shortest(q, function(x) mixpdf(x, extra)))
  }
  zero <- function(t) 0 * t
  tau_mean <- if (moments[1]) I(function(t) t) / Z else NA
  tau_sd <- if (moments[2]) sqrt(I(function(t) t^2) / Z - tau_mean^2) else NA
  tmode <- optimize(function(t) log(dprior(t)) + cond(t)[["ll"]], c(0, 5 * max(sei)), maximum = TRUE, tol = 1e-12)$maximum
  if (log(dprior(0)) + cond(0)[["ll"]] >= log(dprior(tmode)) + cond(tmode)[["ll"]]) tmode <- 0
  tau <- c(mean = tau_mean, median = tq(0.5), mode = tmode, sd = tau_sd,
           lower = tq((1 - level) / 2), upper = tq((1 + level) / 2),
           shortest = shortest(tq, tdens, lo_end = 0))
  mu <- summ(zero, moments[2] || !is.na(mu0))
  pred <- summ(function(t) t^2, moments[2])
  out <- list(tau = tau, mu = mu, prediction = pred,
              p_negative = mixcdf(0, zero), p_positive = 1 - mixcdf(0, zero))
  if (!is.na(threshold)) out$p_beyond <- if (threshold < 0) mixcdf(threshold, zero) else 1 - mixcdf(threshold, zero)
  # shrinkage of study 1
  sh <- function(x) I(function(t) { a <- mv(t); b <- v[1] / (v[1] + t^2)
    pnorm(x, y[1] - b * (y[1] - a[, 1]), sqrt(v[1] * (1 - b) + b^2 * a[, 2])) }) / Z
  shq <- function(p) uniroot(function(x) sh(x) - p, c(-50, 50), tol = 1e-14)$root
  out$shrinkage1 <- c(mean = I(function(t) { a <- mv(t); b <- v[1] / (v[1] + t^2); y[1] - b * (y[1] - a[, 1]) }) / Z,
                      median = shq(0.5), lower = shq((1 - level) / 2), upper = shq((1 + level) / 2))
  if (!is.na(mu0)) {
    logZ <- log(Z) + lmax
    out$bf_tau0 <- exp(cond(0)[["ll"]] - logZ)
    # p(y | mu = 0) directly: the prior on tau times the product of normal densities at mu = 0.
    # (split at 20 max(sei): over [0, Inf) at once integrate() is 1.3e-4 off for the schools)
    g0 <- function(t) sapply(t, function(x) dprior(x) * prod(dnorm(y, 0, sqrt(v + x^2))))
    cut <- min(upper, 20 * max(sei))
    py0 <- integrate(g0, 0, cut, rel.tol = 1e-12)$value +
      if (cut < upper) integrate(g0, cut, upper, rel.tol = 1e-12)$value else 0
    out$bf_mu0 <- py0 / exp(logZ)
    out$log_marginal <- logZ
  }
  cat("==", name, "\n"); print(out)
}

z <- qnorm(0.975)
# Satralizumab: SAkuraSky HR 0.38 (0.16 to 0.88), SAkuraStar HR 0.45 (0.23-0.89).
satra_y <- log(c(0.38, 0.45))
satra_se <- c(log(0.88) - log(0.16), log(0.89) - log(0.23)) / (2 * z)
reference("satralizumab half-normal(0.5)", satra_y, satra_se, function(t) dhalfnormal(t, 0.5), threshold = log(0.8))
reference("satralizumab half-cauchy(0.5)", satra_y, satra_se, function(t) dhalfcauchy(t, 0.5), moments = c(TRUE, FALSE))
# Hinks et al. 2010 (bayesmeta's HinksEtAl2010): ORs 0.88 (0.71-1.07), 0.79 (0.66-0.94), 0.82 (0.63-1.08).
hinks_y <- log(c(0.88, 0.79, 0.82))
hinks_se <- (log(c(1.07, 0.94, 1.08)) - log(c(0.71, 0.66, 0.63))) / (2 * z)
reference("hinks half-normal(1.0)", hinks_y, hinks_se, function(t) dhalfnormal(t, 1.0))
reference("hinks half-normal(0.5) mu normal(0, 4)", hinks_y, hinks_se, function(t) dhalfnormal(t, 0.5), mu0 = 0, sd0 = 4)
# Crins et al. 2014 (bayesmeta's CrinsEtAl2014): acute rejection, log odds ratios (escalc OR).
library(metafor)
crins <- escalc("OR", ai = c(14, 16, 3, 9, 4, 0), n1i = c(61, 28, 18, 54, 36, 50),
                ci = c(15, 19, 8, 29, 11, 3), n2i = c(20, 28, 12, 54, 36, 34))
print(data.frame(yi = as.numeric(crins$yi), vi = crins$vi))
reference("crins half-normal(0.5)", as.numeric(crins$yi), sqrt(crins$vi), function(t) dhalfnormal(t, 0.5), level = 0.9)
reference("crins turner any, mu normal(0, 4)", as.numeric(crins$yi), sqrt(crins$vi),
          function(t) dlnorm(t, -2.56 / 2, 1.74 / 2), mu0 = 0, sd0 = 4)
# Rubin (1981) eight schools (bayesmeta's Rubin1981), as in the bayesmeta vignette:
# half-Cauchy(25) on tau with normal(0, 50) on mu; and improper uniform priors on both.
schools_y <- c(28.39, 7.94, -2.75, 6.82, -0.64, 0.63, 18.01, 12.16)
schools_se <- c(14.9, 10.2, 16.3, 11.0, 9.4, 11.4, 10.4, 17.6)
reference("schools half-cauchy(25), mu normal(0, 50)", schools_y, schools_se,
          function(t) dhalfcauchy(t, 25), mu0 = 0, sd0 = 50)
reference("schools uniform, uniform", schools_y, schools_se, function(t) 1 + 0 * t)

# Shortest intervals of the shrinkage estimates (each study's own theta_i) and the densities
# the charts draw (`meta --bayes-densities`), for tests/meta_bayes.rs. Same exact posterior as
# reference() above; the shortest interval minimises q(p + level) - q(p) over p.
shrinkage_reference <- function(name, y, sei, dprior, mu0 = NA, sd0 = NA, level = 0.95,
                                upper = Inf, studies = seq_along(y), tau_at = c(), mu_at = c(),
                                joint_at = NULL) {
  v <- sei^2; k <- length(y)
  cond <- function(t) {
    w <- 1 / (v + t^2); prec <- sum(w); num <- sum(w * y)
    if (!is.na(mu0)) { prec <- prec + 1 / sd0^2; num <- num + mu0 / sd0^2 }
    m <- num / prec; V <- 1 / prec
    rss <- sum(w * (y - m)^2) + if (!is.na(mu0)) (mu0 - m)^2 / sd0^2 else 0
    c(m = m, V = V, ll = -0.5 * sum(log(v + t^2)) + 0.5 * log(V) - 0.5 * rss)
  }
  lmax <- optimize(function(t) log(dprior(t)) + cond(t)[["ll"]], c(0, 10 * max(sei)), maximum = TRUE)$objective
  f <- function(t) sapply(t, function(x) { if (dprior(x) == 0) return(0); dprior(x) * exp(cond(x)[["ll"]] - lmax) })
  I <- function(g) integrate(function(t) f(t) * g(t), 0, upper, rel.tol = 1e-12, subdivisions = 10000L)$value
  Z <- I(function(t) 1)
  mv <- function(t) t(sapply(t, function(x) cond(x)[c("m", "V")]))
  out <- list()
  for (i in studies) {
    par <- function(t) { a <- mv(t); b <- v[i] / (v[i] + t^2)
      cbind(y[i] - b * (y[i] - a[, 1]), sqrt(v[i] * (1 - b) + b^2 * a[, 2])) }
    cdf <- function(x) I(function(t) { p <- par(t); pnorm(x, p[, 1], p[, 2]) }) / Z
    q <- function(p) uniroot(function(x) cdf(x) - p, c(-50, 50), tol = 1e-14)$root
    p <- optimize(function(p) q(p + level) - q(p), c(1e-9, 1 - level - 1e-9), tol = 1e-12)$minimum
    out[[paste0("study", i, "_shortest")]] <- c(q(p), q(p + level))
  }
  if (length(tau_at)) out$tau_density <- f(tau_at) / Z
  if (length(mu_at)) out$mu_density <- sapply(mu_at, function(x) I(function(t) { a <- mv(t); dnorm(x, a[, 1], sqrt(a[, 2])) }) / Z)
  if (!is.null(joint_at)) {
    a <- cond(joint_at[2])
    out$joint_density <- f(joint_at[2]) / Z * dnorm(joint_at[1], a[["m"]], sqrt(a[["V"]]))
  }
  cat("==", name, "\n"); print(out)
}
shrinkage_reference("satralizumab half-normal(0.5)", satra_y, satra_se, function(t) dhalfnormal(t, 0.5),
                    tau_at = c(0, 0.3, 1), mu_at = c(-1.5, -0.8, 0), joint_at = c(-0.8, 0.3))
shrinkage_reference("hinks half-normal(1.0)", hinks_y, hinks_se, function(t) dhalfnormal(t, 1.0))
shrinkage_reference("crins half-normal(0.5)", as.numeric(crins$yi), sqrt(crins$vi), function(t) dhalfnormal(t, 0.5),
                    level = 0.9, studies = c(1, 6))
shrinkage_reference("schools half-cauchy(25), mu normal(0, 50)", schools_y, schools_se,
                    function(t) dhalfcauchy(t, 25), mu0 = 0, sd0 = 50, studies = c(1, 3),
                    tau_at = c(5, 20), mu_at = c(8), joint_at = c(8, 5))
