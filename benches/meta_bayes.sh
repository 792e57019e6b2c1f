#!/usr/bin/env bash
# Speed of `trialstats meta --bayes` at k = 10,000 studies: the whole command (CSV, the REML
# fit, then the exact Bayesian posterior: mu, tau and the prediction with mean, median, mode,
# SD, equal-tailed and shortest intervals, and all 10,000 shrinkage estimates with their
# intervals), JSON written to /dev/null. The goal is under 1 s. Also k = 2,000 (a smaller
# posterior is not cheaper per node: the cost is nodes x studies).
#
# Usage: bash benches/meta_bayes.sh        (from the crate root)
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

for k in 2000 10000; do
  simulate "$k" "$work/k$k.csv"
  for prior in half-normal:0.5 half-cauchy:0.5; do
    best=""
    for rep in 1 2 3 4 5; do
      s=$( { /usr/bin/time -f "%e %U" "$bin" meta "$work/k$k.csv" --yi yi --vi vi --bayes \
               --tau-prior "$prior" --mu-prior normal:0,10 --format json > /dev/null; } 2>&1 )
      best="$best$s"$'\n'
    done
    median=$(printf '%s' "$best" | sort -n | sed -n 3p)
    echo "k = $k, --tau-prior $prior: median of 5 runs: wall ${median% *} s, user ${median#* } s"
  done
done
