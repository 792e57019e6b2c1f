#!/bin/sh
# Writes a synthetic relapse-count CSV for the glmm benchmark (deterministic: awk srand).
#   benches/glmm_bench_data.sh PATIENTS OUT.csv
# PATIENTS patients with 10 periods each (5 before, 5 after treatment), follow-up of 0.5-1.5
# years per period; relapses ~ Poisson(years * exp(log 2.9 + log(0.4/2.9) * after + b)),
# b ~ N(0, 0.5^2) per patient (Poisson draws by inversion).
patients=${1:-10000}
out=${2:-/tmp/glmm_bench.csv}
awk -v n="$patients" 'BEGIN {
  srand(20261122); pi = 3.141592653589793
  print "patient,period,years,relapses"
  for (i = 1; i <= n; i++) {
    b = 0.5 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
    for (k = 0; k < 10; k++) {
      after = (k >= 5)
      years = sprintf("%.2f", 0.5 + rand())
      mu = years * exp(log(2.9) + log(0.4 / 2.9) * after + b)
      # Poisson by inversion of the CDF
      u = rand(); x = 0; p = exp(-mu); s = p
      while (u > s && x < 1000) { x++; p *= mu / x; s += p }
      printf "P%d,%s,%s,%d\n", i, (after ? "after" : "before"), years, x
    }
  }
}' > "$out"
