#!/bin/sh
# Speed of `trialstats nma` on a large network: 200 treatments, 5,000 studies (every 10th a
# three-arm trial), common and random effects with node splits, P-scores and the league table;
# against metafor's rma.mv common-effect fit of the same contrasts (R 4.2.2, metafor 3.8.1).
# Run from the repository root after `cargo build --release`: sh benches/nma_speed.sh
set -e
dir=$(mktemp -d)
Rscript - "$dir" <<'R'
args <- commandArgs(TRUE); set.seed(28)
nt <- 200; ns <- 5000; theta <- c(0, rnorm(nt - 1, 0, 0.5)); rows <- list(); k <- 0
for (s in 1:ns) {
  # a spanning chain keeps the network connected; the rest are random pairs or triples
  arms <- if (s < nt) c(s, s + 1) else sample(nt, if (s %% 10 == 0) 3 else 2)
  se_arm <- runif(length(arms), 0.1, 0.3); u <- rnorm(length(arms), 0, 0.1)
  for (i in 1:(length(arms) - 1)) for (j in (i + 1):length(arms)) {
    k <- k + 1; a <- arms[i]; b <- arms[j]
    rows[[k]] <- data.frame(studlab = paste0("s", s), treat1 = sprintf("t%03d", a), treat2 = sprintf("t%03d", b),
      TE = theta[a] - theta[b] + u[i] - u[j] + rnorm(1, 0, 0.05), seTE = sqrt(se_arm[i]^2 + se_arm[j]^2))
  }
}
d <- do.call(rbind, rows)
# three-arm rows must add up: recompute each study's contrasts from arm-level effects
for (s in unique(d$studlab)) { i <- which(d$studlab == s); if (length(i) == 3) d$TE[i[3]] <- d$TE[i[2]] - d$TE[i[1]] }
write.csv(d, file.path(args[1], "big.csv"), row.names = FALSE, quote = FALSE)
R
echo "trialstats nma (common + random, DL, node splits, P-scores, league) :"
/usr/bin/time -f "%e s, %M KB" ./target/release/trialstats nma "$dir/big.csv" --format json > "$dir/out.json"
echo "rma.mv common effect on the basic contrasts:"
Rscript - "$dir" <<'R'
suppressMessages(library(metafor)); args <- commandArgs(TRUE)
d <- read.csv(file.path(args[1], "big.csv")); trts <- sort(unique(c(d$treat1, d$treat2)))
# basic contrasts: each study's rows against its first treatment in sorted order
V <- list(); y <- c(); X <- NULL
for (s in unique(d$studlab)) {
  x <- d[d$studlab == s, ]; tr <- sort(unique(c(x$treat1, x$treat2))); base <- tr[1]
  con <- function(a, b) { r <- which(x$treat1 == a & x$treat2 == b); if (length(r)) c(x$TE[r], x$seTE[r]^2) else { r <- which(x$treat1 == b & x$treat2 == a); c(-x$TE[r], x$seTE[r]^2) } }
  vv <- sapply(tr[-1], function(t) con(t, base)[2]); M <- diag(vv, length(vv))
  if (length(tr) == 3) M[1, 2] <- M[2, 1] <- (vv[1] + vv[2] - con(tr[2], tr[3])[2]) / 2
  V[[s]] <- M; y <- c(y, sapply(tr[-1], function(t) con(t, base)[1]))
  for (t in tr[-1]) { row <- numeric(length(trts)); row[match(t, trts)] <- 1; row[match(base, trts)] <- -1; X <- rbind(X, row) }
}
X <- X[, -1]; Vm <- as.matrix(Matrix::bdiag(V))
t0 <- proc.time(); fit <- rma.mv(y, Vm, mods = X, intercept = FALSE); el <- (proc.time() - t0)[["elapsed"]]
cat(sprintf("rma.mv: %.2f s (QE %.4f)\n", el, fit$QE))
R
python3 -c "import json,sys; v=json.load(open('$dir/out.json')); print('trialstats Q', round(v['heterogeneity']['q'],4))"
rm -rf "$dir"
