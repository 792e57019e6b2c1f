#!/bin/sh
# Benchmark of `trialstats lmm` (release binary, CSV reading included) on the model
# y ~ month + (month | patient), REML, at 100,000 rows (10,000 patients) and 1,000,000 rows
# (100,000 patients), with a fixed visit schedule (months 0..9 for everyone) and an irregular
# one (every patient's visit times differ, so no two patients share a design: the worst case).
# When R with lme4 is installed, lme4 is timed on the 100,000-row files and the ratio printed
# (set LME4_1M=1 to time lme4 at 1,000,000 rows too; it takes about half a minute).
#
#   sh benches/lmm_vs_lme4.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=${TMPDIR:-/tmp}/trialstats-lmm-bench
mkdir -p "$tmp"
: > "$tmp/lme4_warnings.txt"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/trialstats"

now() { date +%s.%N; }
# prints "seconds criterion": best of 3 wall-clock times of one trialstats fit
time_trialstats() {
  best=
  for _ in 1 2 3; do
    t0=$(now)
    out=$("$bin" lmm "$1" --formula 'y ~ month + (month | patient)' --format json)
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

printf '%-10s %-10s %12s %20s %12s %20s %8s\n' rows schedule trialstats_s criterion lme4_s lme4_criterion ratio
for patients in 10000 100000; do
  rows=$((patients * 10))
  for schedule in fixed irregular; do
    file="$tmp/lmm_${rows}_${schedule}.csv"
    [ -f "$file" ] || sh "$root/benches/lmm_bench_data.sh" "$patients" "$file" "$schedule"
    set -- $(time_trialstats "$file")
    ts=$1; crit=$2
    lme4_s=-; lme4_crit=-; ratio=-
    if [ "$have_lme4" = yes ] && { [ "$rows" -le 100000 ] || [ "${LME4_1M:-0}" = 1 ]; }; then
      set -- $(Rscript "$root/benches/lmm_vs_lme4.R" "$file" 2>>"$tmp/lme4_warnings.txt")
      lme4_s=$1; lme4_crit=$2
      ratio=$(printf '%.1f' "$(echo "$lme4_s / $ts" | bc -l)")
    fi
    printf '%-10s %-10s %12s %20s %12s %20s %8s\n' "$rows" "$schedule" "$ts" "$crit" "$lme4_s" "$lme4_crit" "$ratio"
  done
done
[ "$have_lme4" = yes ] || echo "(R with lme4 not found: lme4 not timed)"
echo "ratio = lme4 seconds / trialstats seconds (both include reading the CSV)"
if [ -s "$tmp/lme4_warnings.txt" ]; then echo "lme4 warnings: $tmp/lme4_warnings.txt"; fi
