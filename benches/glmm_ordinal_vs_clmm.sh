#!/bin/sh
# `glmm --family ordinal` (a cumulative logit mixed model, mrs ~ arm + age + (1 | site)) at
# 100,000 rows (a simulated stroke trial: the modified Rankin scale 0-6 of 100,000 patients in
# 200 sites) against ordinal::clmm, timed in the same run when R with ordinal is installed.
# Release binary, CSV reading included; R's time excludes read.csv. Data written by R with a
# fixed seed.
#
#   sh benches/glmm_ordinal_vs_clmm.sh [PATIENTS] [SITES]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
patients=${1:-100000}
sites=${2:-200}
tmp=${TMPDIR:-/tmp}/trialstats-glmm-ordinal-bench
mkdir -p "$tmp"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/trialstats"
if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e 'library(ordinal)' >/dev/null 2>&1; then
  echo "(R with ordinal not found: the data are simulated by R; nothing timed)"; exit 0
fi
data="$tmp/mrs_${patients}_$sites.csv"
[ -f "$data" ] || Rscript - "$patients" "$sites" "$data" <<'R'
a <- commandArgs(TRUE); n <- as.integer(a[1]); k <- as.integer(a[2]); set.seed(20261128)
site <- sprintf("S%03d", sample(1:k, n, replace = TRUE)); b <- rnorm(k, 0, 0.4)
arm <- ifelse(runif(n) < 0.5, "active", "placebo"); age <- round(rnorm(n, 68, 11))
eta <- -log(1.4) * (arm == "active") + 0.03 * (age - 68) + b[as.integer(substring(site, 2))]
theta <- c(-2.2, -1.0, -0.2, 0.7, 1.6, 2.6)
cum <- plogis(outer(-eta, theta, "+")); u <- runif(n)
write.csv(data.frame(site = site, arm = arm, age = age, mrs = rowSums(u > cum)), a[3], row.names = FALSE, quote = FALSE)
R
now() { date +%s.%N; }
best() {
  b=
  for _ in 1 2 3; do
    t0=$(now); out=$("$@" --format json); t1=$(now)
    t=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
  done
  ll=$(printf '%s\n' "$out" | sed -n 's/^ *"log_likelihood": \([^,]*\),.*/\1/p')
  printf '%.3f s (best of 3), logLik %s' "$b" "$ll"
}
echo "ordinal, mrs ~ arm + age + (1 | site), $patients rows, $sites sites (Laplace):"
echo "  trialstats: $(best "$bin" glmm "$data" --family ordinal --reference arm=placebo --formula 'mrs ~ arm + age + (1 | site)')"
Rscript - "$data" <<'R'
suppressMessages(library(ordinal)); a <- commandArgs(TRUE)
d <- read.csv(a[1]); d$mrs <- factor(d$mrs, ordered = TRUE); d$arm <- relevel(factor(d$arm), "placebo")
t0 <- Sys.time(); m <- clmm(mrs ~ arm + age + (1 | site), data = d)
cat(sprintf("  clmm (default control): %.3f s (read.csv excluded), logLik %.6f\n", as.numeric(Sys.time() - t0, units = "secs"), as.numeric(logLik(m))))
R
