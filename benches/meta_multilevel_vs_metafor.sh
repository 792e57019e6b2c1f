#!/usr/bin/env bash
# Speed of `trialstats meta --cluster` (three-level REML: fit, profile-likelihood intervals of
# both variance components, I^2 per level, LRT against the two-level model) against metafor's
# rma.mv(yi, vi, random = ~ 1 | study/esid) (the fit only: its profile intervals would be
# confint(), not timed), at 2,000 effects in 200 clusters; and ours at 100,000 effects in
# 10,000 clusters (target: under 1 s including reading the CSV).
#
# Usage: bash benches/meta_multilevel_vs_metafor.sh        (from the crate root)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/trialstats
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash benches/meta_multilevel_data.sh 200 10 > "$work/k2000.csv"
bash benches/meta_multilevel_data.sh 10000 10 > "$work/k100k.csv"
now() { date +%s.%N; }

reps=20
t0=$(now)
for _ in $(seq $reps); do "$bin" meta "$work/k2000.csv" --yi yi --vi vi --cluster study --id esid > /dev/null; done
t1=$(now)
ours=$(echo "($t1 - $t0) / $reps" | bc -l)
printf 'trialstats meta --cluster, 2,000 effects / 200 clusters (fit + profile CIs + LRT): %.4f s per run (mean of %d)\n' "$ours" "$reps"

t0=$(now)
"$bin" meta "$work/k100k.csv" --yi yi --vi vi --cluster study --id esid > /dev/null
t1=$(now)
printf 'trialstats meta --cluster, 100,000 effects / 10,000 clusters: %.3f s (target: under 1 s)\n' "$(echo "$t1 - $t0" | bc -l)"

if command -v Rscript > /dev/null && Rscript -e 'quit(status = !requireNamespace("metafor", quietly = TRUE))' 2> /dev/null; then
  theirs=$(Rscript -e "suppressMessages(library(metafor)); d <- read.csv('$work/k2000.csv');
    t <- system.time(res <- rma.mv(yi, vi, random = ~ 1 | study/esid, data = d))[['elapsed']]; cat(t)")
  printf 'metafor rma.mv(yi, vi, random = ~ 1 | study/esid), 2,000 effects (fit only): %.3f s\n' "$theirs"
  printf 'ratio metafor / trialstats at 2,000 effects: %.1fx\n' "$(echo "$theirs / $ours" | bc -l)"
else
  echo "R with metafor not found: no comparison at 2,000 effects"
fi
