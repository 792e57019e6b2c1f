# Synthetic two-arm trial for benches/mmrm_vs_nlme.sh: N patients, 6 visits, a baseline
# covariate, an unstructured visit covariance (AR-like correlation, rising variance) and
# monotone dropout (about 5% of those still in leave before each visit after the first).
# Usage: Rscript benches/mmrm_bench_data.R N OUT.csv
args <- commandArgs(TRUE)
n <- as.integer(args[1]); out <- args[2]
set.seed(20240621)
v <- 6
sd <- sqrt(seq(20, 45, length.out = v))
r <- outer(1:v, 1:v, function(a, b) 0.8^abs(a - b))
L <- chol(diag(sd) %*% r %*% diag(sd))
e <- matrix(rnorm(n * v), n) %*% L
arm <- sample(c("placebo", "drug"), n, TRUE)
base <- rnorm(n, 50, 8)
eff <- outer(arm == "drug", 1:v) * 0.6
y <- 0.3 * base + outer(rep(1, n), 1:v) * 1.5 + eff + e
last <- pmin(v, 1 + rgeom(n, 0.05))
d <- data.frame(
  patient = rep(sprintf("P%06d", 1:n), each = v),
  visit = rep(sprintf("W%02d", 1:v * 4), n),
  arm = rep(arm, each = v),
  base = rep(round(base, 3), each = v),
  chg = round(as.vector(t(y)), 4)
)
keep <- rep(1:v, n) <= rep(last, each = v)
write.csv(d[keep, ], out, row.names = FALSE)
