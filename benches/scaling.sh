#!/usr/bin/env bash
# Scaling of the whole command (parsing included) in each input dimension: the release binary
# is timed at N and at 10·N of one dimension, the others held small, and the ratio printed.
# Linear cost gives about 10; the goal is at most 12 everywhere. N is chosen so that the
# smaller run takes at least 50 ms. Time: median wall time of 3 runs (plus one warm-up).
#
# Usage: bash benches/scaling.sh [DIMENSION ...]       (from the crate root; default: all)
# Inputs come from benches/scaling_data.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/trialstats
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }

# Median of 3 timed runs of "$@" (output thrown away; the exit code must be 0).
timed() {
  "$@" > /dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  local runs=()
  for _ in 1 2 3; do
    local t0 t1
    t0=$(now)
    "$@" > /dev/null 2>&1
    t1=$(now)
    runs+=("$(echo "$t1 - $t0" | bc -l)")
  done
  printf '%s\n' "${runs[@]}" | sort -g | sed -n 2p
}

# dimension  N  kind-of-input  command (FILE stands for the input at that size)
cases=(
  "csv-columns/meta|150000|csv-columns|meta FILE --yi yi --vi vi"
  "csv-columns/lmm|150000|csv-columns|lmm FILE --formula y~month+(1|patient)"
  "csv-columns/glmm|150000|csv-columns|glmm FILE --family poisson --formula count~month+(1|patient)"
  "csv-columns/effect|150000|csv-columns|effect MD --input FILE"
  "csv-columns/convert|150000|csv-columns|convert median --input FILE"
  "csv-columns/plot|150000|csv-columns|plot paired --input FILE -o OUT.svg"
  "csv-rows/meta|50000|csv-rows|meta FILE --yi yi --vi vi"
  "csv-rows/lmm|50000|csv-rows|lmm FILE --formula y~month+(1|patient)"
  "levels/lmm|5000|levels|lmm FILE --formula y~month+(1|patient)"
  "terms/lmm|30|terms|lmm FILE --formula TERMS"
  "timepoints/report|100|timepoints|report --data FILE --plots OUT"
  "measures/report|20|measures|report --data FILE --plots OUT"
  "arms/report|20|arms|report --data FILE --plots OUT"
  "facts/report|1000|facts|report --data FILE --plots OUT"
  "expectations/report|3000|expectations|report --data FILE --plots OUT"
  "studies/report|20|studies|report --data FILE --plots OUT"
)

printf '%-22s %8s %8s %9s %9s %6s\n' dimension N 10N "time N" "time 10N" ratio
for c in "${cases[@]}"; do
  IFS='|' read -r name n kind command <<< "$c"
  if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "${name%%/*}\|$name"; then continue; fi
  times=()
  for size in "$n" $((10 * n)); do
    input="$work/$kind-$size"
    case $kind in csv-* | levels | terms) input="$input.csv" ;; esac
    [ -e "$input" ] || bash benches/scaling_data.sh "$kind" "$size" "$input"
    terms=$(seq -s + -f 'x%g' 1 "$size")+'(1|g)'
    args=${command//FILE/$input}
    args=${args//OUT/$work/out-$size}
    args=${args//TERMS/y~$terms}
    # shellcheck disable=SC2086  # the command is split into words on purpose
    times+=("$(timed "$bin" $args)")
  done
  printf '%-22s %8d %8d %8.3fs %8.3fs %6.1f\n' "$name" "$n" $((10 * n)) "${times[0]}" "${times[1]}" \
    "$(echo "${times[1]} / ${times[0]}" | bc -l)"
done
