#!/bin/sh
# Benchmark of `trialstats lmm` with several grouping factors (release binary, CSV reading
# included), REML, against lme4 timed in the same run when R with lme4 is installed:
#   crossed: 100,000 ratings, y ~ service + (1 | s) + (1 | d) + (1 | dept) with 3,000 students,
#            1,100 lecturers and 14 departments (InstEval-like, synthetic)
#   nested:  1,000,000 rows, 100,000 patients in 500 sites,
#            y ~ month + (month | patient) + (1 | site)
# lme4 takes minutes on the nested file; set LME4_NESTED=0 to skip it there.
#
#   sh benches/lmm_multi_vs_lme4.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=${TMPDIR:-/tmp}/trialstats-lmm-multi-bench
mkdir -p "$tmp"
: > "$tmp/lme4_warnings.txt"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/trialstats"
crossed="$tmp/crossed_100000.csv"
nested="$tmp/nested_1000000.csv"
[ -f "$crossed" ] || sh "$root/benches/lmm_multi_bench_data.sh" crossed 100000 "$crossed"
[ -f "$nested" ] || sh "$root/benches/lmm_multi_bench_data.sh" nested 100000 "$nested"

now() { date +%s.%N; }
# prints "seconds criterion": best of 3 wall-clock times of one trialstats fit
time_trialstats() {
  best=
  for _ in 1 2 3; do
    t0=$(now)
    out=$("$bin" lmm "$1" --formula "$2" --format json)
    t1=$(now)
    t=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  crit=$(printf '%s\n' "$out" | sed -n 's/^ *"criterion": \([^,]*\),.*/\1/p')
  printf '%.3f %.10f\n' "$best" "$crit"
}

have_lme4=no
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(lme4)' >/dev/null 2>&1; then
  have_lme4=yes
fi

printf '%-8s %9s %12s %20s %12s %20s %8s\n' model rows trialstats_s criterion lme4_s lme4_criterion ratio
for kind in crossed nested; do
  if [ "$kind" = crossed ]; then
    file=$crossed; rows=100000; formula='y ~ service + (1 | s) + (1 | d) + (1 | dept)'
  else
    file=$nested; rows=1000000; formula='y ~ month + (month | patient) + (1 | site)'
  fi
  set -- $(time_trialstats "$file" "$formula")
  ts=$1; crit=$2
  lme4_s=-; lme4_crit=-; ratio=-
  if [ "$have_lme4" = yes ] && { [ "$kind" = crossed ] || [ "${LME4_NESTED:-1}" = 1 ]; }; then
    set -- $(Rscript "$root/benches/lmm_multi_vs_lme4.R" "$kind" "$file" 2>>"$tmp/lme4_warnings.txt")
    lme4_s=$1; lme4_crit=$2
    ratio=$(printf '%.1f' "$(echo "$lme4_s / $ts" | bc -l)")
  fi
  printf '%-8s %9s %12s %20s %12s %20s %8s\n' "$kind" "$rows" "$ts" "$crit" "$lme4_s" "$lme4_crit" "$ratio"
done
[ "$have_lme4" = yes ] || echo "(R with lme4 not found: lme4 not timed)"
echo "ratio = lme4 seconds / trialstats seconds (both include reading the CSV)"
if [ -s "$tmp/lme4_warnings.txt" ]; then echo "lme4 warnings: $tmp/lme4_warnings.txt"; fi
