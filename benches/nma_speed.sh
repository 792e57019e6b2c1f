#!/bin/sh
# Speed of `trialstats nma` on a large network, against metafor's rma.mv common-effect fit of
# the same contrasts (R 4.2.2, metafor 3.8.1).
#
#   sh benches/nma_speed.sh [TREATMENTS STUDIES]     (default 200 5000; every 10th study a
#                                                     three-arm trial)
#
# Run from the repository root after `cargo build --release`. trialstats fits both models
# (common and random, generalised DL τ²) with node splits, P-scores and the full league
# tables, as JSON; rma.mv fits the common-effect model alone, on the basic contrasts with
# their exact block-diagonal covariance held as a sparse matrix (`sparse = TRUE`; a dense
# V of 5,500 × 5,500 is what kept an earlier version of this script from finishing). The
# printed times are each whole process (R: start-up, reading and building X and V
# included) and, for R, the rma.mv call alone. Both print Q, which must agree.
set -e
nt=${1:-200}
ns=${2:-5000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/generate.R" <<'R'
args <- commandArgs(TRUE); set.seed(28)
nt <- as.integer(args[2]); ns <- as.integer(args[3])
theta <- c(0, rnorm(nt - 1, 0, 0.5)); rows <- vector("list", ns)
for (s in 1:ns) {
  # a spanning chain keeps the network connected; the rest are random pairs or triples
  arms <- if (s < nt) c(s, s + 1) else sample(nt, if (s %% 10 == 0) 3 else 2)
  se_arm <- runif(length(arms), 0.1, 0.3); u <- rnorm(length(arms), 0, 0.1)
  pr <- t(combn(length(arms), 2)); a <- arms[pr[, 1]]; b <- arms[pr[, 2]]
  te <- theta[a] - theta[b] + u[pr[, 1]] - u[pr[, 2]] + rnorm(nrow(pr), 0, 0.05)
  # a three-arm trial's contrasts must add up: its third is the difference of the others
  if (length(arms) == 3) te[3] <- te[2] - te[1]
  rows[[s]] <- data.frame(studlab = paste0("s", s), treat1 = sprintf("t%03d", a),
    treat2 = sprintf("t%03d", b), TE = te, seTE = sqrt(se_arm[pr[, 1]]^2 + se_arm[pr[, 2]]^2))
}
write.csv(do.call(rbind, rows), args[1], row.names = FALSE, quote = FALSE)
R
cat > "$dir/rma_mv.R" <<'R'
suppressMessages({ library(metafor); library(Matrix) }); args <- commandArgs(TRUE)
d <- read.csv(args[1]); trts <- sort(unique(c(d$treat1, d$treat2)))
# basic contrasts: each study's arms against its first treatment in sorted order, with their
# covariance (Var(a - b) + Var(c - b) - Var(a - c)) / 2 for a three-arm trial
per <- lapply(split(d, d$studlab), function(x) {
  tr <- sort(unique(c(x$treat1, x$treat2))); base <- tr[1]
  con <- function(a, b) {
    r <- which(x$treat1 == a & x$treat2 == b)
    if (length(r)) c(x$TE[r], x$seTE[r]^2) else { r <- which(x$treat1 == b & x$treat2 == a); c(-x$TE[r], x$seTE[r]^2) }
  }
  cs <- sapply(tr[-1], function(t) con(t, base)); M <- diag(cs[2, ], ncol(cs))
  if (length(tr) == 3) M[1, 2] <- M[2, 1] <- (cs[2, 1] + cs[2, 2] - con(tr[2], tr[3])[2]) / 2
  list(y = cs[1, ], V = M, t = match(tr[-1], trts), b = match(base, trts))
})
y <- unlist(lapply(per, `[[`, "y"), use.names = FALSE)
tcol <- unlist(lapply(per, `[[`, "t")); bcol <- unlist(lapply(per, function(p) rep(p$b, length(p$t))))
n <- length(y)
X <- sparseMatrix(i = c(1:n, 1:n), j = c(tcol, bcol), x = c(rep(1, n), rep(-1, n)), dims = c(n, length(trts)))
X <- as.matrix(X[, -1]); V <- bdiag(lapply(per, `[[`, "V"))
t0 <- proc.time()
fit <- rma.mv(y, V, mods = X, intercept = FALSE, sparse = TRUE)
el <- (proc.time() - t0)[["elapsed"]]
cat(sprintf("rma.mv common effect alone: %.2f s; QE %.4f (%d contrasts, %d coefficients)\n", el, fit$QE, n, ncol(X)))
R
Rscript "$dir/generate.R" "$dir/network.csv" "$nt" "$ns"
echo "network: $nt treatments, $ns studies, $(($(wc -l < "$dir/network.csv") - 1)) contrast rows"
echo "trialstats nma (common + random, node splits, P-scores, league tables, JSON):"
/usr/bin/time -f "  whole process %e s wall, %U s user, %M KB" \
  ./target/release/trialstats nma "$dir/network.csv" --format json > "$dir/out.json"
python3 -c "import json; v=json.load(open('$dir/out.json')); print('  Q %.4f' % v['heterogeneity']['q'])"
echo "R, metafor rma.mv:"
/usr/bin/time -f "  whole process %e s wall, %U s user, %M KB" Rscript "$dir/rma_mv.R" "$dir/network.csv"
