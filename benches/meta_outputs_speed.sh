#!/usr/bin/env bash
# Speed at k = 1,000,000 of the per-study outputs of `trialstats meta` against the default
# fit (REML, Q-profile CI, prediction interval, Egger's test; the fit statistics, logLik,
# deviance, AIC, BIC and AICc, are always computed): --blup (fitted values, BLUPs, random
# effects, rstandard, hat values), --format json (the same with full precision), and the
# missing-value scan with rows left out. Issue 23 asks that these O(k) outputs keep the
# default path's speed; this prints each wall time (median of 3 runs) and its ratio to the
# default run.
#
# Usage: bash benches/meta_outputs_speed.sh        (from the crate root)
#        BIN=path/to/trialstats bash benches/meta_outputs_speed.sh   (an existing release binary)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${BIN:-}" ]; then
  bin=$BIN
else
  cargo build --release --quiet
  bin=target/release/trialstats
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# yi ~ N(0.3 + 0.1 x, 0.16 + vi), vi ~ U(0.01, 0.2), x ~ U(0, 1); every 1000th row has an
# empty yi in the second file.
awk 'BEGIN { srand(20261123); print "yi,vi,x";
  for (i = 0; i < 1000000; i++) {
    v = 0.01 + 0.19 * rand(); x = rand();
    u1 = rand(); u2 = rand(); if (u1 < 1e-300) u1 = 1e-300;
    z = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
    printf "%.8f,%.8f,%.6f\n", 0.3 + 0.1 * x + sqrt(0.16 + v) * z, v, x } }' > "$work/k1e6.csv"
awk -F, 'NR > 1 && (NR - 1) % 1000 == 0 { print "," $2 "," $3; next } { print }' \
  "$work/k1e6.csv" > "$work/k1e6_na.csv"

median_of_3() { # command... : prints the median wall time of three runs
  local times=()
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > /dev/null
    t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -g | sed -n 2p
}

base=$(median_of_3 "$bin" meta "$work/k1e6.csv" --yi yi --vi vi)
printf '%-58s %7.3f s\n' "default (REML fit, AIC/BIC, Q-profile, PI, Egger)" "$base"
run() { # label, extra arguments...
  local label=$1
  shift
  local t
  t=$(median_of_3 "$bin" meta "$@")
  printf '%-58s %7.3f s  (%.2fx default)\n' "$label" "$t" "$(echo "$t / $base" | bc -l)"
}
run "--blup (fitted, BLUP, ranef, rstandard, hat)" "$work/k1e6.csv" --yi yi --vi vi --blup
run "--blup --format json" "$work/k1e6.csv" --yi yi --vi vi --blup --format json
run "--mods x (meta-regression, R^2)" "$work/k1e6.csv" --yi yi --vi vi --mods x
run "--mods x --blup" "$work/k1e6.csv" --yi yi --vi vi --mods x --blup
if "$bin" meta --help | grep -q -- '--unweighted'; then
  run "1,000 rows with a missing yi left out" "$work/k1e6_na.csv" --yi yi --vi vi
  run "--unweighted (OLS with the sandwich covariance)" "$work/k1e6.csv" --yi yi --vi vi --unweighted
fi
