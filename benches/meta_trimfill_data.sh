#!/usr/bin/env bash
# Simulated studies with small-study publication bias, for timing trim and fill: yi ~ N(0.3,
# 0.04 + vi), vi ~ U(0.005, 0.2); a study whose one-sided p (yi / sqrt(vi)) is above 0.05 is
# kept with probability 0.3 only, so the funnel is asymmetric and several studies are missing
# on the left. Fixed seed. Usage: bash benches/meta_trimfill_data.sh K > file.csv (K studies
# are drawn before the selection; about 60 % are kept).
awk -v k="$1" 'BEGIN { srand(20261122); print "yi,vi";
  for (i = 0; i < k; i++) {
    v = 0.005 + 0.195 * rand();
    u1 = rand(); u2 = rand(); if (u1 < 1e-300) u1 = 1e-300;
    z = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
    y = 0.3 + sqrt(0.04 + v) * z;
    if (y / sqrt(v) > 1.6448536269514722 || rand() < 0.3) printf "%.8f,%.8f\n", y, v } }'
