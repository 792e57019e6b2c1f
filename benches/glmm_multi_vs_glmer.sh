#!/bin/sh
# Benchmark of `trialstats glmm` with several grouping factors (release binary, CSV reading
# included) against lme4's glmer (R start-up included), timed in the same run by farm-bench
# (A B A B ...): lme4's grouseticks, Poisson, three crossed factors (403 chicks, 118 broods,
# 63 locations):
#   TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)
#
#   sh benches/glmm_multi_vs_glmer.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=${TMPDIR:-/tmp}/trialstats-glmm-multi-bench
mkdir -p "$tmp"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
data="$root/tests/data/grouseticks.csv"
cat > "$tmp/glmer.R" <<RSCRIPT
suppressMessages(library(lme4))
gt <- read.csv("$data")
for (v in c("INDEX", "BROOD", "YEAR", "LOCATION")) gt[[v]] <- factor(gt[[v]])
m <- glmer(TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION), family = poisson, data = gt)
cat(sprintf("%.10f", as.numeric(logLik(m))), "\n")
RSCRIPT
farm-bench -n 5 --timeout 300 --vs "Rscript $tmp/glmer.R" -- \
  "$root/target/release/trialstats" glmm "$data" --family poisson \
  --formula 'TICKS ~ factor(YEAR) + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)'
