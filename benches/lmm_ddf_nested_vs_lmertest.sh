#!/bin/sh
# Satterthwaite df on a trial with large sites: `trialstats lmm` (release binary, CSV reading
# included, default --ddf satterthwaite) against lmerTest's `summary(lmer(...))` timed in the
# same run, when R with lme4 and lmerTest is installed. Data: benches/lmm_multi_bench_data.sh
# sites PATIENTS OUT 50 (10 visits per patient, patients in 50 sites, arms A/B; default
# 10,000 patients: 100,000 rows, 2,000 per site), two models:
#   y ~ month * arm + (1 | site/patient)
#   y ~ month * arm + (month | patient) + (1 | site)
# Before issue 42 the df took each site's 2,000 × 2,000 block densely (79 s at 10,000 rows in
# 5 such sites; not done after 20 minutes at 100,000 rows).
#
#   sh benches/lmm_ddf_nested_vs_lmertest.sh [PATIENTS]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
patients=${1:-10000}
tmp=${TMPDIR:-/tmp}/trialstats-lmm-ddf-bench
mkdir -p "$tmp"
: > "$tmp/lmertest_warnings.txt"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/release/trialstats"
file="$tmp/sites_${patients}_50.csv"
[ -f "$file" ] || sh "$root/benches/lmm_multi_bench_data.sh" sites "$patients" "$file" 50
rows=$(($(wc -l < "$file") - 1))

have_r=no
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(lmerTest)' >/dev/null 2>&1; then
  have_r=yes
fi

now() { date +%s.%N; }
printf '%-48s %7s %12s %14s %10s %14s %7s\n' model rows trialstats_s armB_df lmerTest_s lmerTest_df ratio
for formula in 'y ~ month * arm + (1 | site/patient)' 'y ~ month * arm + (month | patient) + (1 | site)'; do
  best=
  for _ in 1 2 3; do
    t0=$(now)
    out=$("$bin" lmm "$file" --formula "$formula" --format json)
    t1=$(now)
    t=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  df=$(printf '%s\n' "$out" | tr -d ' \n' | sed 's/.*"term":"armB"[^}]*"df":\([^,]*\),.*/\1/')
  r_s=-; r_df=-; ratio=-
  if [ "$have_r" = yes ]; then
    set -- $(Rscript - "$file" "$formula" 2>>"$tmp/lmertest_warnings.txt" <<'R'
suppressMessages({ library(lme4); library(lmerTest) })
a <- commandArgs(TRUE)
d <- read.csv(a[1], colClasses = c("factor", "factor", "factor", "numeric", "numeric"))
t0 <- Sys.time()
m <- lmer(as.formula(a[2]), d)
s <- coef(summary(m))
t <- as.numeric(Sys.time() - t0, units = "secs")
cat(sprintf("%.3f %.6f\n", t, s["armB", "df"]))
R
)
    r_s=$1; r_df=$2
    ratio=$(printf '%.1f' "$(echo "$r_s / $best" | bc -l)")
  fi
  printf '%-48s %7s %12.3f %14.6f %10s %14s %7s\n' "$formula" "$rows" "$best" "$df" "$r_s" "$r_df" "$ratio"
done
[ "$have_r" = yes ] || echo "(R with lmerTest not found: lmerTest not timed)"
echo "trialstats: best of 3, whole command with the CSV; lmerTest: lmer + summary, read.csv excluded"
echo "ratio = lmerTest seconds / trialstats seconds"
if [ -s "$tmp/lmertest_warnings.txt" ]; then echo "lmer warnings: $tmp/lmertest_warnings.txt"; fi
