#!/usr/bin/env bash
# Simulated three-level data: N_CLUSTERS clusters of N_PER effects, yi = 0.2 + u_c + w_ci + e_ci
# with u ~ N(0, 0.05), w ~ N(0, 0.02), e ~ N(0, vi), vi ~ U(0.01, 0.2); fixed seed.
# Usage: bash benches/meta_multilevel_data.sh N_CLUSTERS N_PER > file.csv
awk -v C="$1" -v J="$2" 'function norm() { u1 = rand(); u2 = rand(); if (u1 < 1e-300) u1 = 1e-300;
    return sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2) }
  BEGIN { srand(20261122); print "study,esid,yi,vi";
    for (c = 1; c <= C; c++) { u = sqrt(0.05) * norm();
      for (j = 1; j <= J; j++) { v = 0.01 + 0.19 * rand();
        printf "%d,%d,%.8f,%.8f\n", c, j, 0.2 + u + sqrt(0.02) * norm() + sqrt(v) * norm(), v } } }'
