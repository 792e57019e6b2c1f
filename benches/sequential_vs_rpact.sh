#!/usr/bin/env bash
# Speed of `trialstats power sequential` against rpact 3.3.4 (getDesignGroupSequential and
# getDesignCharacteristics, the same design), each paired by farm-bench: a 3-look asOF design
# and a 10-look asOF design with binding bsOF futility (the slowest kind: every drift tried
# recomputes both boundaries). The R times include R's start-up and loading rpact; the
# script also prints the R calls' own time (system.time), which is the fair comparison.
#
# Usage: bash benches/sequential_vs_rpact.sh          (from the crate root)
#        BIN=path/to/trialstats bash benches/sequential_vs_rpact.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${BIN:-}" ]; then
  bin=$BIN
else
  cargo build --release --quiet
  bin=target/release/trialstats
fi
for case in "3 asOF" "10 asOF bsOF"; do
  set -- $case
  looks=$1 design=$2 futility=${3:-}
  ours=("$bin" power sequential --looks "$looks" --design "$design" --format json)
  r="d <- getDesignGroupSequential(kMax = $looks, typeOfDesign = '$design'"
  if [ -n "$futility" ]; then
    ours+=(--futility "$futility" --binding)
    r="$r, typeBetaSpending = '$futility', bindingFutility = TRUE"
  fi
  r="$r); ch <- getDesignCharacteristics(d)"
  echo "== $looks looks, $design ${futility:+with binding $futility}"
  Rscript -e "suppressMessages(library(rpact)); print(system.time(for (i in 1:5) { $r })[['elapsed']] / 5)" \
    | sed 's/^\[1\]/rpact calls alone, seconds per design:/'
  farm-bench -n 5 --vs "Rscript -e \"suppressMessages(library(rpact)); $r\"" -- "${ours[@]}"
done
