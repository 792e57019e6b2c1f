# Reference values for crates/stats/src/power/slope.rs (tests/power_reference.rs), base R only.
# longpower is not installable here (no CRAN access); its edland.linear.power computes, for
# each dropout pattern k (last visit k, k >= 2 visits), t(X_k) solve(V_k) X_k with
# V_k = X_k D t(X_k) + sig2.e I, sums them weighted by p[k], inverts, and takes [2,2]
# (Zhao & Edland). This script forms V_k and solves it directly (no Woodbury identity), as
# longpower does; the no-dropout values are also longpower's own published test values.
options(digits = 17)

edland_term <- function(t, p, sig2.int, sig.b0b1, sig2.s, sig2.e) {
  V <- outer(t, t, function(a, b) sig2.int + (a + b) * sig.b0b1 + a * b * sig2.s)
  diag(V) <- diag(V) + sig2.e
  X <- cbind(1, t)
  term <- matrix(0, 2, 2)
  for (k in 2:length(t)) {
    term <- term + p[k] * t(X[1:k, ]) %*% solve(V[1:k, 1:k]) %*% X[1:k, ]
  }
  solve(term)[2, 2]
}
n_per_arm <- function(delta, term, alpha = 0.05, power = 0.8, sides = 2) {
  (qnorm(1 - alpha / sides) + qnorm(power))^2 * 2 * term / delta^2
}
power_at <- function(n, delta, term, alpha = 0.05, sides = 2) {
  pnorm(sqrt(n * delta^2 / (2 * term)) - qnorm(1 - alpha / sides))
}
pattern <- function(nv, dropout) c(rep(dropout / (nv - 1), nv - 1), 1 - dropout)

cat("# 1. longpower tests: lmmpower(delta=1.5, t=seq(0,1.5,0.25), sig2.s=24, sig2.e=10, power=0.8, method='edland')$n[1] = 207.310093300903\n")
t <- seq(0, 1.5, 0.25)
term <- edland_term(t, pattern(7, 0), 55, 0.8 * sqrt(55) * sqrt(24), 24, 10)
print(n_per_arm(1.5, term))
cat("# power at n = 208, delta = 1.49751028943272 (longpower: the delta giving power 0.8 at n = 208)\n")
print(power_at(208, 1.49751028943272, term))

cat("# 2. Diggle et al. (2002) p. 29 table (one-sided alpha 0.05, power 0.8, d = 0.5, t = 0,2,5):\n")
cat("#    random intercept only: sig2.int = rho*sigma2, sig2.e = (1-rho)*sigma2\n")
for (rho in c(0.2, 0.5, 0.8)) for (s2 in c(100, 200, 300)) {
  term <- edland_term(c(0, 2, 5), pattern(3, 0), rho * s2, 0, 0, (1 - rho) * s2)
  cat(rho, s2, ceiling(n_per_arm(0.5, term, sides = 1)), "\n")
}

cat("# 3. dropout 0.3 over t = 0..1.5 by 0.25, sig2.int = 55, cov = 0.8*sqrt(55*24), sig2.s = 24, sig2.e = 10\n")
term <- edland_term(t, pattern(7, 0.3), 55, 0.8 * sqrt(55) * sqrt(24), 24, 10)
print(term); print(n_per_arm(1.5, term))

cat("# 4. ALS-like: visits 0..12 monthly, delta 0.22, sd.slope 0.3, sd.res 1.5, sd.int 6, corr 0, dropout 0.2\n")
term <- edland_term(0:12, pattern(13, 0.2), 36, 0, 0.09, 2.25)
print(term); print(n_per_arm(0.22, term)); print(power_at(100, 0.22, term))
cat("# 5. same, corr -0.4, alpha 0.01, power 0.9\n")
term <- edland_term(0:12, pattern(13, 0.2), 36, -0.4 * 6 * 0.3, 0.09, 2.25)
print(term); print(n_per_arm(0.22, term, alpha = 0.01, power = 0.9))
cat("# 6. irregular visits 0,1,3,6,12 (months), delta 0.5, sd.slope 0.4, sd.res 2, sd.int 4, dropout 0.25\n")
term <- edland_term(c(0, 1, 3, 6, 12), pattern(5, 0.25), 16, 0, 0.16, 4)
print(term); print(n_per_arm(0.5, term))
cat("# 7. base R check of the normal approximation: power.t.test-like z formula\n")
print(2 * (qnorm(0.975) + qnorm(0.8))^2 / 0.5^2)
