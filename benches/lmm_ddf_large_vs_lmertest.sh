#!/bin/sh
# Satterthwaite df on a crossed design too large for dense blocks: `trialstats lmm` (release
# binary, CSV reading included, default --ddf satterthwaite, which takes derivatives of the
# deviance there) against lmerTest's `summary(lmer(...))` timed in the same run, when R with
# lme4 and lmerTest is installed. Data: benches/lmm_multi_bench_data.sh crossed ROWS
# (InstEval-like ratings; default 100,000 rows).
#
#   sh benches/lmm_ddf_large_vs_lmertest.sh [ROWS]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-100000}
tmp=${TMPDIR:-/tmp}/trialstats-lmm-ddf-bench
mkdir -p "$tmp"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/trialstats"
file="$tmp/crossed_$rows.csv"
[ -f "$file" ] || sh "$root/benches/lmm_multi_bench_data.sh" crossed "$rows" "$file"
formula='y ~ service + (1 | s) + (1 | d) + (1 | dept)'

now() { date +%s.%N; }
best=
for _ in 1 2 3; do
  t0=$(now)
  out=$("$bin" lmm "$file" --formula "$formula" --format json)
  t1=$(now)
  t=$(echo "$t1 - $t0" | bc -l)
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
done
df=$(printf '%s\n' "$out" | tr -d ' \n' | sed 's/.*"term":"service"[^}]*"df":\([^,]*\),.*/\1/')
printf 'trialstats: %.3f s (best of 3), service df %s\n' "$best" "$df"

if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(lmerTest)' >/dev/null 2>&1; then
  Rscript - "$file" <<'R'
suppressMessages({ library(lme4); library(lmerTest) })
f <- commandArgs(TRUE)[1]
d <- read.csv(f, colClasses = c("factor", "factor", "factor", "numeric", "numeric"))
t0 <- Sys.time()
m <- lmer(y ~ service + (1 | s) + (1 | d) + (1 | dept), d)
s <- coef(summary(m))
t <- as.numeric(Sys.time() - t0, units = "secs")
cat(sprintf("lmerTest:   %.3f s (read.csv excluded), service df %.6f\n", t, s["service", "df"]))
R
else
  echo "(R with lmerTest not found: lmerTest not timed)"
fi
