#!/usr/bin/env bash
# Speed of `trialstats meta glmm --model UM.FS` (the binomial-normal model with one fixed
# intercept per study, metafor's rma.glmm(measure = "OR", model = "UM.FS")) at k = 50, 200
# and 1000 simulated rare-event studies, each paired against metafor 3.8-1 by farm-bench
# where R finishes within the time limit (R_MAX_K, default 200: glmer optimises all k + 2
# parameters jointly, and at k = 1000 it runs far beyond the limit).
#
# Data: n1, n2 ~ U{50..300}; control risk ~ U(0.01, 0.08); log OR ~ N(-0.5, 0.4^2); events
# binomial (awk, fixed seed per k). Tables with no events in both groups are kept: both
# programs leave them out.
#
# Usage: bash benches/meta_glmm_speed.sh          (from the crate root)
#        BIN=path/to/trialstats R_MAX_K=50 bash benches/meta_glmm_speed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${BIN:-}" ]; then
  bin=$BIN
else
  cargo build --release --quiet
  bin=target/release/trialstats
fi
r_max_k=${R_MAX_K:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for k in 50 200 1000; do
  awk -v k="$k" 'function binom(n, p,   x, i) { x = 0; for (i = 0; i < n; i++) if (rand() < p) x++; return x }
    function norm(   u1, u2) { u1 = rand(); u2 = rand(); if (u1 < 1e-300) u1 = 1e-300;
      return sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2) }
    BEGIN { srand(20261123 + k); print "study,ai,n1i,ci,n2i";
      for (i = 1; i <= k; i++) {
        n1 = 50 + int(251 * rand()); n2 = 50 + int(251 * rand());
        p2 = 0.01 + 0.07 * rand(); lo = log(p2 / (1 - p2)) + (-0.5 + 0.4 * norm());
        p1 = 1 / (1 + exp(-lo));
        printf "s%d,%d,%d,%d,%d\n", i, binom(n1, p1), n1, binom(n2, p2), n2 } }' > "$work/k$k.csv"
  echo "== k = $k: trialstats meta glmm --model UM.FS"
  "$bin" meta glmm "$work/k$k.csv" --model UM.FS | grep -E '^intercept|tau\^2' || true
  if [ "$k" -le "$r_max_k" ]; then
    echo "   metafor (beta, se, tau2): $(Rscript benches/meta_glmm_speed.R "$work/k$k.csv")"
    farm-bench -n 3 --warmup 0 --timeout 3000 \
      --vs "Rscript benches/meta_glmm_speed.R $work/k$k.csv" \
      -- "$bin" meta glmm "$work/k$k.csv" --model UM.FS
  else
    farm-bench -n 3 --warmup 0 --timeout 600 -- "$bin" meta glmm "$work/k$k.csv" --model UM.FS
  fi
done
