#!/bin/sh
# Writes a synthetic longitudinal CSV for the lmm benchmark (deterministic: awk srand).
#   benches/lmm_bench_data.sh PATIENTS OUT.csv [fixed|irregular]
# PATIENTS patients with 10 visits each: y = 40 - 0.5 month + patient intercept (SD 4) and
# slope (SD 0.3) + noise (SD 1.5).
#   fixed:     visits at months 0..9 (every patient the same schedule)
#   irregular: visit k at month k + uniform(-0.5, 0.5), rounded to 0.001 (every patient differs)
patients=${1:-100000}
out=${2:-/tmp/lmm_bench.csv}
schedule=${3:-fixed}
awk -v n="$patients" -v schedule="$schedule" 'BEGIN {
  srand(20261122); pi = 3.141592653589793
  print "patient,month,y"
  for (i = 1; i <= n; i++) {
    b0 = 4 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
    b1 = 0.3 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
    for (k = 0; k < 10; k++) {
      m = k
      if (schedule == "irregular") m = sprintf("%.3f", k + rand() - 0.5)
      e = 1.5 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
      printf "P%d,%s,%.3f\n", i, m, 40 + b0 + (-0.5 + b1) * m + e
    }
  }
}' > "$out"
