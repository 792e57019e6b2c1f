#!/bin/sh
# Writes a synthetic longitudinal CSV for the lmm benchmark: PATIENTS patients, 10 monthly
# visits each (y = 40 - 0.5 month + patient intercept and slope + noise).
# Usage: benches/lmm_bench_data.sh PATIENTS OUT.csv   (deterministic: awk srand(20261122))
patients=${1:-100000}
out=${2:-/tmp/lmm_bench.csv}
awk -v n="$patients" 'BEGIN {
  srand(20261122); pi = 3.141592653589793
  print "patient,month,y"
  for (i = 1; i <= n; i++) {
    b0 = 4 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
    b1 = 0.3 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
    for (m = 0; m < 10; m++) {
      e = 1.5 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
      printf "P%d,%d,%.3f\n", i, m, 40 + b0 + (-0.5 + b1) * m + e
    }
  }
}' > "$out"
