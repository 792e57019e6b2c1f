# Reference values for tests/meta_genq_ci.rs: the generalised Q interval of tau^2 of a GENQ
# fit (metafor's confint(rma(..., method = "GENQ", weights = )), Jackson 2013), which metafor
# computes with CompQuadForm::farebrother (not installable here) and uniroot at its default
# tolerance (1.2e-4 on tau^2). Here the same interval is computed independently in R: P, Q and
# the eigenvalues as metafor's .GENQ.func, the tail P(sum lambda_j chi2_1 > Q) by Imhof's
# (1961) integral with R's integrate (rel.tol 1e-12 on 2000 pieces, the rest below Imhof's
# bound), the bounds by uniroot (tol 1e-13). The Imhof function itself is checked against a Monte-Carlo run (10^6 draws,
# seed 1): |difference| < 4 Monte-Carlo SEs.
# Rscript benches/genq_ci_reference.R
suppressMessages(library(metafor))
imhof <- function(q, lambda) {
  f <- function(u) sapply(u, function(u) {
    theta <- 0.5 * sum(atan(lambda * u)) - 0.5 * q * u
    rho <- prod((1 + lambda^2 * u^2)^0.25)
    sin(theta) / (u * rho)
  })
  # in pieces of 1/max(lambda) up to U = 2000 of them (R's integrate over (0, Inf) at once
  # stops with "roundoff error" on some of these oscillating integrands); the rest is below
  # Imhof's bound 2 / (pi n U^(n/2) prod(lambda_j^(1/2))) over the n lambda_j U >= 1, checked
  h <- 1 / max(lambda)
  U <- 2000 * h
  big <- lambda[lambda * U >= 1]
  stopifnot(2 / (pi * length(big) * prod(sqrt(big * U))) < 1e-10)
  pieces <- sapply(0:1999, function(j) integrate(f, j * h, (j + 1) * h, rel.tol=1e-12, abs.tol=1e-15)$value)
  0.5 + sum(pieces) / pi
}
genq_ci <- function(yi, vi, X, a, level=0.95) {
  k <- length(yi); p <- ncol(X)
  A <- diag(a)
  P <- A - A %*% X %*% solve(t(X) %*% A %*% X) %*% t(X) %*% A
  Q <- c(t(yi) %*% P %*% yi)
  tail <- function(tau2) {
    S <- diag(sqrt(vi + tau2))
    lambda <- eigen(S %*% P %*% S, symmetric=TRUE, only.values=TRUE)$values[seq_len(k - p)]
    imhof(Q, lambda)
  }
  alpha <- 1 - level
  bound <- function(target) {
    if (tail(0) >= target) return(0)
    uniroot(function(t) tail(t) - target, c(0, 100), tol=1e-13)$root
  }
  c(bound(alpha/2), bound(1 - alpha/2))
}
# Monte-Carlo check of imhof() at the example 1 (1/vi weights) eigenvalues at tau2 = 0.1
set.seed(1)
lambda <- c(2.1, 1.3, 0.8, 0.5, 0.3, 0.2, 0.1, 0.05)
draws <- colSums(lambda * matrix(rchisq(length(lambda) * 1e6, 1), nrow=length(lambda)))
for (q in c(2, 5, 10)) {
  mc <- mean(draws > q); se <- sqrt(mc * (1 - mc) / 1e6)
  cat("imhof", q, imhof(q, lambda), "MC", mc, "SE", se, "within 4 SE:", abs(imhof(q, lambda) - mc) < 4 * se, "\n")
}
# Jackson et al. (2014), metafor's test_analysis_example_jackson2014.r
ex1 <- data.frame(
  yi = c(0.0267, 0.8242, 0.3930, 2.4405, 2.1401, 1.2528, 2.4849, 0.3087, 1.4246, 0.1823, 1.1378, 1.2321, 2.0695, 4.0237, 1.4383, 1.6021),
  vi = c(0.1285, 0.0315, 0.0931, 2.0967, 1.0539, 0.1602, 1.0235, 0.0218, 0.5277, 0.0556, 0.3304, 0.1721, 0.4901, 2.0200, 0.3399, 0.1830),
  xi = c(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1))
ex2 <- data.frame(
  yi = c(0.54, 0.4, 0.64, 0.365, 0.835, 0.02, 0.12, 0.085, 1.18, 0.08, 0.18, 0.325, 0.06, 0.715, 0.065, 0.245, 0.24, 0.06, 0.19),
  vi = c(0.0176, 0.019, 0.0906, 0.0861, 0.0063, 0.0126, 0.0126, 0.0041, 0.0759, 0.0126, 0.0104, 0.0242, 0.0026, 0.2629, 0.0169, 0.0156, 0.0481, 0.0084, 0.0044),
  xi = c(1986, 1987, 1988, 1988, 1998, 1999, 2000, 2000, 2000, 2001, 2001, 2001, 2002, 2002, 2002, 2002, 2003, 2003, 2003))
for (ex in list(ex1, ex2)) for (w in list(1/ex$vi, 1/sqrt(ex$vi))) {
  X <- cbind(1, ex$xi)
  res <- rma(yi, vi, mods = ~ xi, data=ex, method="GENQ", weights=w)
  print(c(res$tau2, genq_ci(ex$yi, ex$vi, X, w)), digits=15)
}
# intercept only, dat.bcg with weights n (tpos+tneg+cpos+cneg), 90% level
dat <- escalc(measure="RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg)
n <- with(dat.bcg, tpos + tneg + cpos + cneg)
res <- rma(yi, vi, data=dat, method="GENQ", weights=n)
print(c(res$tau2, genq_ci(c(dat$yi), dat$vi, matrix(1, nrow(dat), 1), n, level=0.9)), digits=15)
