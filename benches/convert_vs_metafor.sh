#!/usr/bin/env bash
# Speed of `trialstats convert median --input` (default method, five numbers per row, with
# the skewness test) against metafor's conv.fivenum() on the same 10,000 rows, and our time
# at 1,000,000 rows. conv.fivenum needs metafor >= 4: give a checkout of metafor's source
# (git clone https://github.com/wviechtb/metafor) as METAFOR_SRC; it is run on top of the
# installed metafor as benches/convert_reference.R does.
#
# Usage: METAFOR_SRC=/tmp/metafor bash benches/convert_vs_metafor.sh   (from the crate root)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/trialstats
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

simulate() { # rows file: sorted normal five-number summaries, n from 10 to 500
  awk -v k="$1" 'BEGIN { srand(20261122); print "min,q1,median,q3,max,n";
    for (i = 0; i < k; i++) {
      n = 10 + int(490 * rand()); m = 50 + 10 * rand(); s = 5 + 5 * rand();
      printf "%.2f,%.2f,%.2f,%.2f,%.2f,%d\n", m - 2.5*s, m - 0.67*s, m, m + 0.67*s, m + 2.5*s, n } }' > "$2"
}
now() { date +%s.%N; }

simulate 10000 "$work/k1e4.csv"
simulate 1000000 "$work/k1e6.csv"

reps=10
t0=$(now)
for _ in $(seq $reps); do "$bin" convert median --input "$work/k1e4.csv" --format csv > /dev/null; done
t1=$(now)
ours=$(echo "($t1 - $t0) / $reps" | bc -l)
printf 'trialstats convert median --input, 10,000 rows: %.4f s per run (mean of %d)\n' "$ours" "$reps"
t0=$(now)
"$bin" convert median --input "$work/k1e6.csv" --format csv > /dev/null
t1=$(now)
printf 'trialstats convert median --input, 1,000,000 rows: %.3f s\n' "$(echo "$t1 - $t0" | bc -l)"

src=${METAFOR_SRC:-}
if [ -n "$src" ] && [ -f "$src/R/conv.fivenum.r" ] && command -v Rscript > /dev/null; then
  theirs=$(Rscript -e "suppressMessages(library(metafor)); e <- new.env(parent = asNamespace('metafor'));
    sys.source('$src/R/misc.func.hidden.r', envir = e); sys.source('$src/R/conv.fivenum.r', envir = e);
    e\$.get.mstyle <- function(...) list(stop = identity, warning = identity, message = identity);
    d <- read.csv('$work/k1e4.csv');
    t <- system.time(r <- e\$conv.fivenum(min = min, q1 = q1, median = median, q3 = q3, max = max, n = n,
      data = d, test = FALSE))[['elapsed']]; cat(t)")
  printf 'metafor conv.fivenum(), 10,000 rows (in R, reading excluded): %.3f s\n' "$theirs"
  printf 'ratio metafor / trialstats (whole process) at 10,000 rows: %.1fx\n' "$(echo "$theirs / $ours" | bc -l)"
else
  echo "METAFOR_SRC not set (or R missing): no comparison"
fi
