#!/usr/bin/env bash
# The slow paths of issue 45 item 4, timed in one run against an older build of trialstats
# (the same inputs, the same machine, runs of the two alternated), with their outputs
# compared byte for byte:
#   meta        `meta FILE --yi yi --vi vi` (REML, Q-profile CI, Egger) on 10^6 studies,
#               CSV included (the file of benches/meta_vs_metafor.sh); goal: under 0.5 s
#   timepoints  `check --data DIR` on a study of N time points (benches/scaling_data.sh's
#               `timepoints` kind) at N = 300, 1,000 and 3,000; goal: linear in N
#
# Usage: bash benches/slow_paths.sh [--old BIN] [--runs R] [meta] [timepoints]
#   --old BIN   the build to compare with, e.g. main's target/release/trialstats copied away
#               before building this branch (without it, only this build is timed)
#   --runs R    timed runs of each (default 5; the median is printed, with the CPU time,
#               which other jobs on a shared machine disturb less than the wall time)
# From the crate root; builds the release binary first.
set -euo pipefail
cd "$(dirname "$0")/.."
old=""
runs=5
paths=()
while [ $# -gt 0 ]; do
  case $1 in
  --old) old=$(realpath "$2"); shift 2 ;;
  --runs) runs=$2; shift 2 ;;
  *) paths+=("$1"); shift ;;
  esac
done
[ ${#paths[@]} -gt 0 ] || paths=(meta timepoints)
cargo build --release --quiet
new=$PWD/target/release/trialstats
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Wall and CPU seconds of one run of "$@" (output to $work/out), as "wall cpu".
one_run() {
  local TIMEFORMAT='%R %U %S'
  local t
  t=$({ time "$@" > "$work/out" 2> /dev/null; } 2>&1 | tail -1) || true
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' <<< "$t"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# Times "$@" with the new build (and the old one, alternated), checks the outputs are equal,
# prints one line: label, medians, ratio.
compare() {
  local label=$1
  shift
  local new_wall=() new_cpu=() old_wall=() old_cpu=() same="-"
  "$new" "$@" > "$work/new.out" 2>&1 || true
  if [ -n "$old" ]; then
    "$old" "$@" > "$work/old.out" 2>&1 || true
    if cmp -s "$work/old.out" "$work/new.out"; then same="identical"; else same="DIFFERENT"; fi
  fi
  for _ in $(seq "$runs"); do
    read -r w c < <(one_run "$new" "$@")
    new_wall+=("$w") new_cpu+=("$c")
    if [ -n "$old" ]; then
      read -r w c < <(one_run "$old" "$@")
      old_wall+=("$w") old_cpu+=("$c")
    fi
  done
  local nw nc ow="-" oc="-" ratio="-"
  nw=$(printf '%s\n' "${new_wall[@]}" | median)
  nc=$(printf '%s\n' "${new_cpu[@]}" | median)
  if [ -n "$old" ]; then
    ow=$(printf '%s\n' "${old_wall[@]}" | median)
    oc=$(printf '%s\n' "${old_cpu[@]}" | median)
    ratio=$(echo "$oc / $nc" | bc -l | xargs printf '%.2f')
  fi
  printf '%-26s %9s %9s %9s %9s %7s  %s\n' "$label" "$ow" "$oc" "$nw" "$nc" "$ratio" "$same"
}

printf '%-26s %9s %9s %9s %9s %7s  %s\n' case "old wall" "old cpu" "new wall" "new cpu" "cpu x" output
for p in "${paths[@]}"; do
  case $p in
  meta)
    awk -v k=1000000 'BEGIN { srand(20261122); print "yi,vi";
      for (i = 0; i < k; i++) {
        v = 0.01 + 0.19 * rand();
        u1 = rand(); u2 = rand(); if (u1 < 1e-300) u1 = 1e-300;
        z = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
        printf "%.8f,%.8f\n", 0.3 + sqrt(0.16 + v) * z, v } }' > "$work/k1e6.csv"
    compare "meta REML k=10^6" meta "$work/k1e6.csv" --yi yi --vi vi
    compare "meta REML k=10^6 (json)" meta "$work/k1e6.csv" --yi yi --vi vi --format json
    ;;
  timepoints)
    for n in 300 1000 3000; do
      bash benches/scaling_data.sh timepoints "$n" "$work/tp$n"
      compare "check, $n time points" check --data "$work/tp$n"
    done
    ;;
  *)
    echo "unknown path $p (meta, timepoints)" >&2
    exit 2
    ;;
  esac
done
