# Reference values for the rate ratio's non-inferiority margin (tests/power_reference.rs):
# Zhu H (2017), Stat Biopharm Res 9:107-115, written out in R 4.2.2 (no package).
# Run: Rscript benches/power_rate_margin_reference.R
options(digits = 15)
# Zhu (2017) NI for the rate ratio r = l1/l0 (treatment over control), margin M.
# f: fraction on treatment; th = n1/n0. Variance per total N: s2 = v1/f + v0/(1-f).
zhu <- function(l0, rr, M, t, k0, k1 = k0, f = 0.5, alpha = 0.025, pw = 0.8, method) {
  l1 <- l0 * rr; th <- f / (1 - f)
  v <- function(l, k) 1 / (l * t) + k
  s2 <- function(la, lb) v(la, k1) / f + v(lb, k0) / (1 - f)
  V1 <- s2(l1, l0)
  x <- switch(method,
    control = l0,
    true = NA,
    fmt = (l0 + th * l1) / (1 + th * M),
    rmle = {  # (l0 - x)(1 + k1 M t x) + th (l1 - M x)(1 + k0 t x) = 0
      a <- -M * t * (k1 + th * k0); b <- t * (l0 * k1 * M + th * l1 * k0) - (1 + th * M)
      c <- l0 + th * l1
      if (a == 0) -c / b else (-b - sqrt(b^2 - 4 * a * c)) / (2 * a)
    })
  V0 <- if (method == "true") V1 else s2(M * x, x)
  (qnorm(1 - alpha) * sqrt(V0) + qnorm(pw) * sqrt(V1))^2 / (log(rr) - log(M))^2
}
cat("PASS equal-k RMLE form check\n")
pass_rmle <- function(l0, rr, M, t, k, th) { l1 <- l0*rr
  a <- -k*t*M*(1+th); b <- k*t*(l0*M + th*l1) - (1+th*M); c <- l0 + th*l1
  (-b - sqrt(b^2 - 4*a*c))/(2*a) }
print(pass_rmle(2.9, 1, 1.25, 1, 0.8, 1))
for (m in c("control", "true", "fmt", "rmle")) {
  cat(m, "\n")
  # relapses: control 2.9/yr, true RR 1, margin 1.25, 1 year, k = 0.8, 1:1, one-sided 0.025, 80%
  print(zhu(2.9, 1, 1.25, 1, 0.8, method = m))
  # Poisson, true RR 0.9, margin 1.2, 2 years, 2:1, 90%
  print(zhu(0.8, 0.9, 1.2, 2, 0, f = 2/3, pw = 0.9, method = m))
  # per-arm dispersion k0 = 0.8 (control), k1 = 0.4 (treatment), 2:1, higher rates better: M = 0.8, RR = 1.05
  print(zhu(1.5, 1.05, 0.8, 1.5, 0.8, 0.4, f = 2/3, method = m))
}
cat("power at N\n")
zpow <- function(l0, rr, M, t, k0, k1 = k0, f = 0.5, alpha = 0.025, N, method) {
  l1 <- l0 * rr; th <- f / (1 - f)
  v <- function(l, k) 1 / (l * t) + k
  s2 <- function(la, lb) v(la, k1) / f + v(lb, k0) / (1 - f)
  V1 <- s2(l1, l0)
  a <- -M * t * (k1 + th * k0); b <- t * (l0 * k1 * M + th * l1 * k0) - (1 + th * M); c <- l0 + th * l1
  x <- (-b - sqrt(b^2 - 4 * a * c)) / (2 * a)
  V0 <- s2(M * x, x)
  pnorm((abs(log(rr) - log(M)) * sqrt(N) - qnorm(1 - alpha) * sqrt(V0)) / sqrt(V1))
}
print(zpow(2.9, 1, 1.25, 1, 0.8, N = 600, method = "rmle"))
print(zpow(1.5, 1.05, 0.8, 1.5, 0.8, 0.4, f = 2/3, N = 600, method = "rmle"))
cat("detectable RR at N = 600 (rmle, 2.9, M 1.25, k .8)\n")
print(uniroot(function(r) zpow(2.9, r, 1.25, 1, 0.8, N = 600, method = "rmle") - 0.8, c(0.5, 1.2), tol = 1e-14)$root)
cat("staggered, restricted ML\n")
info <- function(l, k, T, A) integrate(function(t) l*t/(1+k*l*t), T, T+A, rel.tol = 1e-13)$value / A
stag <- function(l0, rr, M, k0, k1, T, A, f = 0.5, alpha = 0.025, pw = 0.8) {
  l1 <- l0 * rr
  score <- function(x) (1-f)*(l0 - x)*info(x, k0, T, A)/x + f*(l1 - M*x)*info(M*x, k1, T, A)/(M*x)
  x <- uniroot(score, sort(c(l0, l1/M)), tol = 1e-15)$root
  s2 <- function(la, lb) 1/info(la, k1, T, A)/f + 1/info(lb, k0, T, A)/(1-f)
  V0 <- s2(M*x, x); V1 <- s2(l1, l0)
  c(x = x, N = (qnorm(1 - alpha) * sqrt(V0) + qnorm(pw) * sqrt(V1))^2 / (log(rr) - log(M))^2)
}
print(stag(2.9, 1, 1.25, 0.8, 0.8, 1, 2))
print(stag(2.9, 0.9, 1.25, 0.8, 0.5, 1, 2, f = 2/3))
cat("gsDesignNB vignette: n1 =", {
  k <- 0.5 * (7/3) / 1.5^2; mu1 <- 0.1*1.5; mu2 <- 0.09*1.5
  (qnorm(0.975)+qnorm(0.9))^2*((1/mu1+k)+(1/mu2+k))/log(0.1*1.1/0.09)^2 }, "\n")
