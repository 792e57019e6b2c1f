# Reference values for `convert median --method qe|bc|mln` (tests/skewed_medians.rs).
# Needs R packages estmeansd 1.0.1 and metaBLUE 1.0.0 (pure R; install them from CRAN, or
# from their sources with R CMD INSTALL -l LIB and R_LIBS=LIB).
#   Rscript benches/skewed_reference.R
# Prints, per case: estmeansd's own answers (set.seed(1)), then the tight references:
#  QE: each family refitted from estmeansd's optimum by optim(L-BFGS-B, factr = 1,
#      pgtol = 0, ndeps = 1e-7) within estmeansd's boxes, and the selected family's mean and SD;
#  BC: estmeansd's location, scale, shape, and the moments of the truncated Box-Cox normal
#      by integrate(rel.tol = 1e-12);
#  MLN: estmeansd's lambda; mu, sigma by optim(Nelder-Mead, reltol = 1e-15) from estmeansd's
#      optimum; its moments by integrate(rel.tol = 1e-12); and the mean and SD of 10^7 draws
#      of estmeansd's own back-transformation (its code with 10^7 in place of 10,000).
suppressMessages(library(estmeansd))
cases <- list(
  list(min = 2, med = 4, max = 9, n = 100),
  list(min = 1, med = 3, max = 20, n = 30),
  list(min = 0.5, med = 2, max = 15, n = 12),
  list(q1 = 2, med = 3, q3 = 6, n = 50),
  list(q1 = 10, med = 14, q3 = 25, n = 200),
  list(min = 1, q1 = 2.5, med = 4, q3 = 7, max = 20, n = 40),
  list(min = 2, q1 = 4, med = 6, q3 = 14, max = 20, n = 20),
  list(min = 10, med = 20, max = 35, n = 50),
  list(q1 = 20, med = 25, q3 = 32, n = 80),
  list(min = 5, q1 = 12, med = 15, q3 = 19, max = 30, n = 60)
)
qe_only <- list(
  list(q1 = -3, med = 1, q3 = 4, n = 30),
  list(min = 0, med = 2, max = 10, n = 25)
)
p17 <- function(...) cat(paste(format(c(...), digits = 17), collapse = ", "), "\n")
call <- function(f, x, ...) do.call(f, c(Filter(Negate(is.null), list(min.val = x$min,
  q1.val = x$q1, med.val = x$med, q3.val = x$q3, max.val = x$max, n = x$n)), list(...)))
moments <- function(mu, sigma, lambda) {
  if (lambda == 0) return(c(exp(mu + sigma^2 / 2), sqrt((exp(sigma^2) - 1) * exp(2 * mu + sigma^2))))
  lo <- -1 / lambda; hi <- 2 * mu + 1 / lambda
  mass <- pnorm(hi, mu, sigma) - pnorm(lo, mu, sigma)
  g <- function(x) (lambda * x + 1)^(1 / lambda)
  # beyond 40 SDs the density is below 1e-300 (and the power may overflow)
  lo <- max(lo, mu - 40 * sigma); hi <- min(hi, mu + 40 * sigma)
  m <- integrate(function(x) dnorm(x, mu, sigma) * g(x), lo, hi, rel.tol = 1e-12)$value / mass
  v <- integrate(function(x) dnorm(x, mu, sigma) * (g(x) - m)^2, lo, hi, rel.tol = 1e-12)$value / mass
  c(m, sqrt(v))
}
qe_tight <- function(x) {
  f <- call(qe.fit, x)
  sc <- f$scenario; n <- x$n
  quants <- unlist(x[c("min", "q1", "med", "q3", "max")])
  probs <- switch(sc, S1 = c(1/n, .5, 1 - 1/n), S2 = c(.25, .5, .75), S3 = c(1/n, .25, .5, .75, 1 - 1/n))
  con <- estmeansd:::set.qe.fit.control(quants, n, sc, FALSE)
  qf <- list(normal = qnorm, "log-normal" = qlnorm, gamma = function(p, a, b) qgamma(p, a, b),
             weibull = qweibull, beta = qbeta)
  par <- list(normal = f$norm.par, "log-normal" = f$lnorm.par, gamma = f$gamma.par,
              weibull = f$weibull.par, beta = f$beta.par)
  box <- list(normal = c("norm.mu", "norm.sigma"), "log-normal" = c("lnorm.mu", "lnorm.sigma"),
              gamma = c("gamma.shape", "gamma.rate"), weibull = c("weibull.shape", "weibull.scale"),
              beta = c("beta.shape1", "beta.shape2"))
  vals <- c()
  for (fam in names(qf)) {
    if (any(is.na(par[[fam]]))) next
    lo <- c(con[[paste0(box[[fam]][1], ".bounds")]][1], con[[paste0(box[[fam]][2], ".bounds")]][1])
    hi <- c(con[[paste0(box[[fam]][1], ".bounds")]][2], con[[paste0(box[[fam]][2], ".bounds")]][2])
    if (fam == "log-normal" && min(quants) == 0) { lo <- c(1e-3, 1e-3); hi <- c(10, 10) }
    S <- function(t) sum((qf[[fam]](probs, t[1], t[2]) - quants)^2)
    o <- optim(par[[fam]], S, method = "L-BFGS-B", lower = lo, upper = hi,
               control = list(factr = 1, pgtol = 0, maxit = 10000, ndeps = c(1e-7, 1e-7)))
    par[[fam]] <- o$par; vals[fam] <- o$value
  }
  best <- names(which.min(vals))
  f2 <- f; f2$norm.par <- par$normal; f2$lnorm.par <- par[["log-normal"]]
  f2$gamma.par <- par$gamma; f2$weibull.par <- par$weibull; f2$beta.par <- par$beta
  ms <- estmeansd:::get.mean.sd(f2, best)
  list(best = best, mean = ms$est.mean, sd = ms$est.sd, values = vals)
}
for (x in c(cases, qe_only)) {
  cat("case", paste(names(x), unlist(x), sep = "=", collapse = " "), "\n")
  set.seed(1); r <- call(qe.mean.sd, x)
  cat(" qe estmeansd:", r$selected.dist, ""); p17(r$est.mean, r$est.sd)
  t <- qe_tight(x)
  cat(" qe tight:", t$best, ""); p17(t$mean, t$sd); cat("  values: "); p17(t$values)
}
for (x in cases) {
  cat("case", paste(names(x), unlist(x), sep = "=", collapse = " "), "\n")
  set.seed(1); b <- call(bc.mean.sd, x)
  cat(" bc estmeansd mean, sd, location, scale, shape: "); p17(b$est.mean, b$est.sd, b$location, b$scale, b$shape)
  cat(" bc integrate: "); p17(moments(b$location, b$scale, b$shape))
  set.seed(1); m <- call(mln.mean.sd, x)
  cat(" mln estmeansd mean, sd, location, scale, shape: "); p17(m$est.mean, m$est.sd, m$location, m$scale, m$shape)
  # the MLE at estmeansd's lambda, tight
  lam <- m$shape; n <- x$n; sc <- m$scenario
  bct <- function(v) if (lam == 0) log(v) else (v^lam - 1) / lam
  q <- bct(unlist(x[c("min", "q1", "med", "q3", "max")]))
  h <- floor(0.25 * n + 1); j <- floor(0.5 * n + 1); k <- floor(0.75 * n + 1)
  nll <- function(th) { mu <- th[1]; s <- th[2]; P <- function(v) pnorm(v, mu, s)
    -(sum(dnorm(q, mu, s, log = TRUE)) + switch(sc,
      S1 = (j - 2) * log(P(q[2]) - P(q[1])) + (n - j - 1) * log(P(q[3]) - P(q[2])),
      S2 = (h - 1) * pnorm(q[1], mu, s, log.p = TRUE) + (j - h - 1) * log(P(q[2]) - P(q[1])) +
           (k - j - 1) * log(P(q[3]) - P(q[2])) + (n - k) * pnorm(q[3], mu, s, lower.tail = FALSE, log.p = TRUE),
      S3 = (h - 2) * log(P(q[2]) - P(q[1])) + (j - h - 1) * log(P(q[3]) - P(q[2])) +
           (k - j - 1) * log(P(q[4]) - P(q[3])) + (n - k - 1) * log(P(q[5]) - P(q[4])))) }
  o <- optim(c(m$location, m$scale), nll, control = list(reltol = 1e-15, maxit = 10000))
  o <- optim(o$par, nll, method = "BFGS", control = list(reltol = 1e-15))
  cat(" mln tight location, scale: "); p17(o$par)
  cat(" mln integrate: "); p17(moments(o$par[1], o$par[2], lam))
  set.seed(2); d <- rnorm(1e7, m$location, m$scale)
  if (lam != 0) d <- d[d > -1 / lam & d < 2 * m$location + 1 / lam]
  g <- if (lam == 0) exp(d) else (lam * d + 1)^(1 / lam)
  cat(" mln 1e7 draws (estmeansd's location, scale): "); p17(mean(g), sd(g))
  cat(" mln integrate (estmeansd's location, scale): "); p17(moments(m$location, m$scale, lam))
}
