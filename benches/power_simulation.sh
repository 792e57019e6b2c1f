#!/bin/sh
# Benchmark of `trialstats power slope --simulate` (release binary): 1,000 simulated trials
# of 2 x 100 patients with 13 monthly visits (2,600 rows), each fitted by REML with
# y ~ month * arm + (month | patient) and tested on month:arm. R's simr is not installed
# here; when R with lme4 is, the same trials are simulated and fitted by lmer in a loop (what
# simr does per trial) for LME4_TRIALS trials (default 100) and the time per trial compared.
#
#   sh benches/power_simulation.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/trialstats"
now() { date +%s.%N; }
best=
for _ in 1 2 3; do
  t0=$(now)
  out=$("$bin" power slope --delta 0.22 --sd-slope 0.3 --sd-residual 1.5 --sd-intercept 6 \
    --months 12 --every 1 --n 100 --simulate 1000 --seed 1 --quiet --format json)
  t1=$(now)
  t=$(echo "$t1 - $t0" | bc -l)
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
done
sim=$(printf '%s\n' "$out" | sed -n 's/^ *"simulated_power": \([^,]*\),.*/\1/p')
formula=$(printf '%s\n' "$out" | sed -n 's/^  "power": \([^,]*\),.*/\1/p')
printf 'trialstats: 1000 trials in %.3f s (best of 3; %s cores); simulated power %s, formula %s\n' \
  "$best" "$(nproc)" "$sim" "$formula"
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(lme4)' >/dev/null 2>&1; then
  trials=${LME4_TRIALS:-100}
  r=$(Rscript "$root/benches/power_simulation_lme4.R" "$trials" 2>/dev/null)
  per_r=$(echo "$r" | cut -d' ' -f1)
  per_ts=$(echo "$best / 1000" | bc -l)
  printf 'lme4 (lmer in a loop, one core): %s s per trial over %s trials; trialstats %.5f s per trial; ratio %.1f\n' \
    "$per_r" "$trials" "$per_ts" "$(echo "$per_r / $per_ts" | bc -l)"
else
  echo "(R with lme4 not found: lme4 not timed)"
fi
