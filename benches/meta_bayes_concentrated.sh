#!/bin/sh
# Speed of `trialstats meta --bayes` at k = 10,000 studies whose posterior of tau is
# concentrated (issue 45 item 4): many equal effects, so the posterior of tau piles up in a
# spike at 0, or in a narrow one at a positive tau. The whole command, as in
# benches/meta_bayes.sh (CSV, REML, then the exact posterior: mu, tau and the prediction with
# every summary, and all 10,000 shrinkage estimates), JSON to /dev/null, half-normal(0.5) prior
# on tau, the uniform prior on mu. The goal is under 1 s. The data (awk, fixed seed):
#
#   equal-uniform  yi = 0.3, vi ~ U(0.01, 0.2)   (the variances of benches/meta_bayes.sh)
#   equal-tiny     yi = 0.3, vi ~ U(1e-6, 1e-4)
#   equal-vi       yi = 0.3, vi = 0.1
#   two-values     yi = 0.1 and 0.5 alternating, vi = 0.01 (a spike at tau = 0.173, SD 0.0016)
#
#   sh benches/meta_bayes_concentrated.sh [BASELINE_BINARY]
#
# With a second binary (an earlier build) each data set is timed against it (farm-bench --vs).
#
# Measured on this machine (2 cores shared with two other builds: wall times carry their
# load, user seconds are the CPU work), farm-bench medians of 3 runs taken in turn with the
# baseline (--vs), commit 913c7d9 (before) against the likelihood measured from its peak and
# the quantile searches' fix (after); nodes are the quadrature's, as the JSON reports them:
#
#   data            before: wall s  user s  nodes    after: wall s  user s  nodes
#   equal-uniform             0.40    0.27    129             0.34    0.23     99
#   equal-tiny               13.7    13.1    8980             0.24    0.19     99
#   equal-vi                 23.2    15.6    8981             0.35    0.22     99
#   two-values               22.5    15.3    8960             0.53    0.36    138
#
# (An earlier run of the same before binary: wall 21.0, 16.6 and 8.4 s, user 13.7, 16.3 and
# 14.6 s; the wall time is the machine's load.) Before, the log-likelihood of tau, a sum over
# the studies of size about k, carried rounding of 1e-10 to 1e-8 of the integrand when the
# posterior is a spike: the Kronrod-Gauss differences could not fall below the 1e-11 asked, so
# the quadrature split to its 600 subintervals (9,000 nodes) and every mixture after it (mu,
# the prediction, 10,000 shrinkage estimates) cost 60 times as much. equal-uniform escaped by a
# hair (error bound 8.2e-12). The quantile searches of tau (and of the mixtures, for a median
# at a symmetric mixture's centre) also bisected for some 20 steps when a converged Newton
# step fell below the last bit of u (x). The means, medians and equal-tailed intervals of tau
# and mu before and after agree within 2.4e-10 relative (tau) and 6.3e-10 (mu: the median
# before, 0.300000000189 on equal-uniform, is where the bisection stopped; after it is 0.3);
# the mode of tau on two-values moved by 2.4e-7, to within 3e-9 of the exact root of the score
# (before, the rounding made the log density flat to 1e-9 around it). The k = 200 versions
# agree with a brute-force Simpson integration within 2e-12 (tests/meta_bayes.rs).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
baseline=${1:-}
tmp=${TMPDIR:-/tmp}/trialstats-meta-bayes-concentrated
mkdir -p "$tmp"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/trialstats"

simulate() { # name file
  awk -v kind="$1" 'BEGIN { srand(20261123); print "yi,vi";
    for (i = 0; i < 10000; i++) {
      r = rand(); y = 0.3
      if (kind == "equal-uniform") v = 0.01 + 0.19 * r
      if (kind == "equal-tiny") v = 1e-6 + (1e-4 - 1e-6) * r
      if (kind == "equal-vi") v = 0.1
      if (kind == "two-values") { v = 0.01; y = (i % 2 == 0) ? 0.5 : 0.1 }
      printf "%.8f,%.10f\n", y, v } }' > "$2"
}

for data in equal-uniform equal-tiny equal-vi two-values; do
  csv="$tmp/$data.csv"
  simulate "$data" "$csv"
  echo "== $data (k = 10,000, --tau-prior half-normal:0.5)"
  "$bin" meta "$csv" --yi yi --vi vi --bayes --tau-prior half-normal:0.5 --format json |
    tr -d ' \n' | grep -o '"quadrature":{[^}]*}' || true
  if [ -n "$baseline" ]; then
    farm-bench -n 3 --timeout 600 --vs "$baseline meta $csv --yi yi --vi vi --bayes --tau-prior half-normal:0.5 --format json" \
      -- "$bin" meta "$csv" --yi yi --vi vi --bayes --tau-prior half-normal:0.5 --format json
  else
    farm-bench -n 3 -- "$bin" meta "$csv" --yi yi --vi vi --bayes --tau-prior half-normal:0.5 --format json
  fi
done
