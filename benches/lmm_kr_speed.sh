#!/bin/sh
# Speed of `trialstats lmm --ddf kenward-roger` against the fit alone (`--ddf none`) on
# 100,000 rows (10,000 patients x 10 visits, benches/lmm_bench_data.sh), release binary, CSV
# reading included; the issue's goal is KR under 3x the fit. Satterthwaite is timed too.
# Each is run 5 times by farm-bench; the ratio is of the medians.
#
#   sh benches/lmm_kr_speed.sh [fixed|irregular]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
schedule=${1:-fixed}
tmp=${TMPDIR:-/tmp}/trialstats-lmm-kr-bench
mkdir -p "$tmp"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/trialstats"
csv="$tmp/lmm_10000_$schedule.csv"
[ -f "$csv" ] || sh "$root/benches/lmm_bench_data.sh" 10000 "$csv" "$schedule"
formula='y ~ month + (month | patient)'
for ddf in none satterthwaite kenward-roger; do
  echo "== --ddf $ddf ($schedule schedule, 100,000 rows)"
  farm-bench -n 5 -- "$bin" lmm "$csv" --formula "$formula" --ddf "$ddf"
done
