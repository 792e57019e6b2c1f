#!/usr/bin/env bash
# SPRITE speed: 1,000 distinct samples for n = 100 on a 1–7 scale (random search), timed on
# the release binary. Target: under 1 s per run. Usage: benches/sprite.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/trialstats
runs=${1:-5}
for i in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  "$bin" check sprite --mean 4.12 --sd 1.83 --n 100 --min 1 --max 7 --samples 1000 --seed "$i" --format json > /tmp/sprite-bench.$$.json
  end=$(date +%s.%N)
  found=$(grep -c '^    \[' /tmp/sprite-bench.$$.json || true)
  printf 'run %d: %.3f s, %s samples\n' "$i" "$(echo "$end - $start" | bc -l)" "$found"
done
rm -f /tmp/sprite-bench.$$.json
