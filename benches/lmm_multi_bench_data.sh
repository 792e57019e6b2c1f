#!/bin/sh
# Writes the synthetic CSVs of the multi-factor lmm benchmark (deterministic: awk srand).
#   benches/lmm_multi_bench_data.sh crossed ROWS OUT.csv
#     InstEval-like crossed intercepts: ROWS ratings, 3,000 students (s), 1,100 lecturers
#     (d), each lecturer in one of 14 departments (dept = d mod 14), a 0/1 fixed covariate
#     (service); every rating a random student and lecturer:
#     y = 3 + 0.2 service + student (SD 0.3) + lecturer (SD 0.5) + department (SD 0.15)
#         + noise (SD 1.2), rounded to 0.001.
#   benches/lmm_multi_bench_data.sh nested PATIENTS OUT.csv
#     PATIENTS patients (10 visits each, months 0..9) in 500 sites (patient i in site
#     i mod 500): y = 40 - 0.5 month + site (SD 2) + patient intercept (SD 4) and slope
#     (SD 0.3, independent) + noise (SD 1.5).
#   benches/lmm_multi_bench_data.sh sites PATIENTS OUT.csv [SITES]
#     A trial: PATIENTS patients (10 visits each, months 0..9) in SITES sites (default 50;
#     patient i in site i mod SITES), each randomised to arm A or B (alternately within a
#     site): y = 40 - 0.5 month - 0.2 month (arm B) + 0.5 (arm B) + site (SD 2) + patient
#     intercept (SD 4) and slope (SD 0.3, independent) + noise (SD 1.5), rounded to 0.001.
#     10,000 patients give 100,000 rows, 2,000 in each of 50 sites.
kind=${1:?crossed or nested}
size=${2:?rows or patients}
out=${3:?output file}
case "$kind" in
crossed)
  awk -v n="$size" 'BEGIN {
    srand(20261122); pi = 3.141592653589793
    for (i = 0; i < 3000; i++) s[i] = 0.3 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
    for (i = 0; i < 1100; i++) d[i] = 0.5 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
    for (i = 0; i < 14; i++) dep[i] = 0.15 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
    print "s,d,dept,service,y"
    for (r = 0; r < n; r++) {
      si = int(rand() * 3000); di = int(rand() * 1100); sv = (rand() < 0.4) ? 1 : 0
      e = 1.2 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
      printf "S%d,D%d,T%d,%d,%.3f\n", si, di, di % 14, sv, 3 + 0.2 * sv + s[si] + d[di] + dep[di % 14] + e
    }
  }' > "$out" ;;
nested)
  awk -v n="$size" 'BEGIN {
    srand(20261123); pi = 3.141592653589793
    for (i = 0; i < 500; i++) site[i] = 2 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
    print "site,patient,month,y"
    for (i = 0; i < n; i++) {
      b0 = 4 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
      b1 = 0.3 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
      for (k = 0; k < 10; k++) {
        e = 1.5 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
        printf "C%d,P%d,%d,%.3f\n", i % 500, i, k, 40 + site[i % 500] + b0 + (-0.5 + b1) * k + e
      }
    }
  }' > "$out" ;;
sites)
  awk -v n="$size" -v ns="${4:-50}" 'BEGIN {
    srand(20261124); pi = 3.141592653589793
    for (i = 0; i < ns; i++) site[i] = 2 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
    print "site,patient,arm,month,y"
    for (i = 0; i < n; i++) {
      b0 = 4 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
      b1 = 0.3 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
      arm = (int(i / ns) % 2 == 0) ? "A" : "B"
      eff = (arm == "B") ? 0.5 : 0; slope = (arm == "B") ? -0.7 : -0.5
      for (k = 0; k < 10; k++) {
        e = 1.5 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
        printf "C%d,P%d,%s,%d,%.3f\n", i % ns, i, arm, k, 40 + eff + site[i % ns] + b0 + (slope + b1) * k + e
      }
    }
  }' > "$out" ;;
*) echo "kind must be crossed, nested or sites" >&2; exit 2 ;;
esac
