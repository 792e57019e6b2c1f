#!/usr/bin/env bash
# Speed of `trialstats meta --trimfill` (REML, L0, side chosen as metafor does; the CSV read,
# the model with its Q-profile CI and Egger's test, then trim and fill) against metafor's
# trimfill(rma(yi, vi)) at k = 500 (metafor builds k x k matrices in every iteration: at 2,000
# studies it took 528 s on the loaded machine), and ours at k = 100,000 (target: under 1 s), on two
# simulated sets: funnel asymmetry from selection (benches/meta_trimfill_data.sh) and a
# symmetric funnel (benches/meta_multilevel_data.sh, its yi and vi only), which needs more
# iterations.
#
# Usage: bash benches/meta_trimfill_vs_metafor.sh        (from the crate root)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/trialstats
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash benches/meta_trimfill_data.sh 187700 > "$work/biased100k.csv"
bash benches/meta_trimfill_data.sh 940 > "$work/biased500.csv"
bash benches/meta_multilevel_data.sh 10000 10 > "$work/symmetric100k.csv"
now() { date +%s.%N; }

for set in biased100k symmetric100k; do
  k=$(($(wc -l < "$work/$set.csv") - 1))
  t0=$(now)
  "$bin" meta "$work/$set.csv" --yi yi --vi vi --trimfill > /dev/null
  t1=$(now)
  printf 'trialstats meta --trimfill, %s (k = %d): %.3f s (target: under 1 s)\n' "$set" "$k" "$(echo "$t1 - $t0" | bc -l)"
done

reps=20
t0=$(now)
for _ in $(seq $reps); do "$bin" meta "$work/biased500.csv" --yi yi --vi vi --trimfill > /dev/null; done
t1=$(now)
ours=$(echo "($t1 - $t0) / $reps" | bc -l)
printf 'trialstats meta --trimfill, biased k = %d: %.4f s per run (mean of %d)\n' "$(($(wc -l < "$work/biased500.csv") - 1))" "$ours" "$reps"

if command -v Rscript > /dev/null && Rscript -e 'quit(status = !requireNamespace("metafor", quietly = TRUE))' 2> /dev/null; then
  theirs=$(Rscript -e "suppressMessages(library(metafor)); d <- read.csv('$work/biased500.csv');
    t <- system.time(tf <- trimfill(rma(yi, vi, data = d)))[['elapsed']]; cat(t)")
  printf 'metafor trimfill(rma(yi, vi)), same studies (fit and trim and fill only): %.3f s\n' "$theirs"
  printf 'ratio metafor / trialstats: %.1fx\n' "$(echo "$theirs / $ours" | bc -l)"
else
  echo "R with metafor not found: no comparison"
fi
