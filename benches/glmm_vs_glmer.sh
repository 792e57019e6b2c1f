#!/bin/sh
# Benchmark of `trialstats glmm` (release binary, CSV reading included) against lme4's glmer
# on a Poisson GLMM with 100,000 rows and 10,000 patients:
#   relapses ~ period + offset(log(years)) + (1 | patient)
# Both are timed in the same run, alternately (trialstats, glmer, trialstats, ...), three
# times each; the best of each is kept and the ratio printed with both log-likelihoods.
#
#   sh benches/glmm_vs_glmer.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=${TMPDIR:-/tmp}/trialstats-glmm-bench
mkdir -p "$tmp"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/trialstats"
file="$tmp/glmm_100000.csv"
[ -f "$file" ] || sh "$root/benches/glmm_bench_data.sh" 10000 "$file"
formula='relapses ~ period + offset(log(years)) + (1 | patient)'

now() { date +%s.%N; }
min() { if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc -l)" = 1 ]; then echo "$2"; else echo "$1"; fi; }
have_lme4=no
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(lme4)' >/dev/null 2>&1; then
  have_lme4=yes
fi
best_ts=; best_r=; ll_ts=; ll_r=
for _ in 1 2 3; do
  t0=$(now)
  out=$("$bin" glmm "$file" --family poisson --formula "$formula" --format json)
  t1=$(now)
  best_ts=$(min "$best_ts" "$(echo "$t1 - $t0" | bc -l)")
  ll_ts=$(printf '%s\n' "$out" | sed -n 's/^ *"log_likelihood": \([^,]*\),.*/\1/p')
  if [ "$have_lme4" = yes ]; then
    set -- $(Rscript "$root/benches/glmm_vs_glmer.R" "$file" 2>>"$tmp/glmer_warnings.txt")
    best_r=$(min "$best_r" "$1"); ll_r=$2
  fi
done
printf '%-10s %12s %22s\n' tool seconds log_likelihood
printf '%-10s %12.3f %22s\n' trialstats "$best_ts" "$ll_ts"
if [ "$have_lme4" = yes ]; then
  printf '%-10s %12.3f %22s\n' glmer "$best_r" "$ll_r"
  printf 'ratio glmer / trialstats: %.1f\n' "$(echo "$best_r / $best_ts" | bc -l)"
else
  echo "(R with lme4 not found: glmer not timed)"
fi
