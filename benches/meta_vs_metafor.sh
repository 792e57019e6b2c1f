#!/usr/bin/env bash
# Speed of `trialstats meta` (REML random-effects fit, with Q-profile CI for tau^2, prediction
# interval and Egger's test) against metafor's rma(): prints the wall time at k = 1,000 for
# both and their ratio (when R with metafor is installed), and the time at k = 1,000,000.
#
# Usage: bash benches/meta_vs_metafor.sh        (from the crate root)
# The release binary is built first; the data are simulated with awk (fixed seed).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/trialstats
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

simulate() { # k file: yi ~ N(0.3, 0.16 + vi), vi ~ U(0.01, 0.2)
  awk -v k="$1" 'BEGIN { srand(20261122); print "yi,vi";
    for (i = 0; i < k; i++) {
      v = 0.01 + 0.19 * rand();
      u1 = rand(); u2 = rand(); if (u1 < 1e-300) u1 = 1e-300;
      z = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
      printf "%.8f,%.8f\n", 0.3 + sqrt(0.16 + v) * z, v } }' > "$2"
}

now() { date +%s.%N; }

simulate 1000 "$work/k1000.csv"
simulate 1000000 "$work/k1e6.csv"

reps=20
t0=$(now)
for _ in $(seq $reps); do "$bin" meta "$work/k1000.csv" --yi yi --vi vi > /dev/null; done
t1=$(now)
ours_1000=$(echo "($t1 - $t0) / $reps" | bc -l)
printf 'trialstats meta, k = 1,000 (REML + Q-profile CI + Egger): %.4f s per run (mean of %d)\n' "$ours_1000" "$reps"

t0=$(now)
"$bin" meta "$work/k1e6.csv" --yi yi --vi vi > /dev/null
t1=$(now)
printf 'trialstats meta, k = 1,000,000 (REML + Q-profile CI + Egger): %.3f s (limit: 2 s)\n' \
  "$(echo "$t1 - $t0" | bc -l)"

if command -v Rscript > /dev/null && Rscript -e 'quit(status = !requireNamespace("metafor", quietly = TRUE))' 2> /dev/null; then
  theirs_1000=$(Rscript -e "suppressMessages(library(metafor)); d <- read.csv('$work/k1000.csv');
    t <- system.time(res <- rma(yi, vi, data = d, method = 'REML'))[['elapsed']]; cat(t)")
  printf 'metafor rma(yi, vi, method = "REML"), k = 1,000 (fit only): %.3f s\n' "$theirs_1000"
  printf 'ratio metafor / trialstats at k = 1,000: %.1fx\n' "$(echo "$theirs_1000 / $ours_1000" | bc -l)"
else
  echo "R with metafor not found: no comparison at k = 1,000"
fi
