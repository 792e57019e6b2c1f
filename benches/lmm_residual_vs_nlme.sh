#!/bin/sh
# `lmm --residual` against nlme's lme on the same simulated trial (PATIENTS patients, two arms,
# visits 0..4, a patient intercept and AR(1) errors; default 20,000 patients = 100,000 rows),
# timed in the same run when R with nlme is installed. Two fits:
#   ar1: score ~ visit * arm + (1 | id)          with 'ar1(visit | id)' (corAR1)
#   cs:  score ~ visit * arm + (0 + visit | id)  with 'cs(visit | id)'  (corCompSymm; a random
#        slope alone, since compound symmetry beside a random intercept is not identifiable)
# Release binary, CSV reading included; R's time excludes read.csv.
#
#   sh benches/lmm_residual_vs_nlme.sh [PATIENTS]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
patients=${1:-20000}
tmp=${TMPDIR:-/tmp}/trialstats-lmm-residual-bench
mkdir -p "$tmp"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/trialstats"
file="$tmp/ar1_$patients.csv"
[ -f "$file" ] || awk -v n="$patients" 'BEGIN {
  srand(20261126); pi = 3.141592653589793
  print "id,arm,visit,score"
  for (i = 0; i < n; i++) {
    arm = (i % 2) ? "drug" : "placebo"
    b0 = 3 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
    e = 2 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
    for (v = 0; v < 5; v++) {
      if (v > 0) e = 0.6 * e + 2 * sqrt(1 - 0.36) * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
      printf "P%d,%s,%d,%.3f\n", i, arm, v, 30 - 0.5 * v - 0.4 * v * (arm == "drug") + b0 + e
    }
  }
}' > "$file"
now() { date +%s.%N; }
# time_fit LABEL FORMULA RESIDUAL: the best of three runs and the logLik.
time_fit() {
  best=
  for _ in 1 2 3; do
    t0=$(now)
    out=$("$bin" lmm "$file" --formula "$2" --residual "$3" --format json)
    t1=$(now)
    t=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  ll=$(printf '%s\n' "$out" | sed -n 's/^ *"log_likelihood": \([^,]*\),.*/\1/p')
  printf 'trialstats %s: %.3f s (best of 3), logLik %s\n' "$1" "$best" "$ll"
}
time_fit ar1 'score ~ visit * arm + (1 | id)' 'ar1(visit | id)'
time_fit cs 'score ~ visit * arm + (0 + visit | id)' 'cs(visit | id)'
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(nlme)' >/dev/null 2>&1; then
  Rscript - "$file" <<'R'
suppressMessages(library(nlme))
d <- read.csv(commandArgs(TRUE)[1]); d$arm <- factor(d$arm)
timed <- function(label, expr) {
  t0 <- Sys.time()
  m <- expr
  t <- as.numeric(Sys.time() - t0, units = "secs")
  cat(sprintf("nlme %s:       %.3f s (read.csv excluded), logLik %.6f\n", label, t, as.numeric(logLik(m))))
}
timed("ar1", lme(score ~ visit * arm, random = ~ 1 | id, correlation = corAR1(form = ~ visit | id), data = d))
timed("cs", lme(score ~ visit * arm, random = ~ 0 + visit | id, correlation = corCompSymm(form = ~ visit | id), data = d))
R
else
  echo "(R with nlme not found: nlme not timed)"
fi
