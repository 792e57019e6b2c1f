#!/bin/sh
# `glmm --family betabinomial` at 100,000 rows (20,000 patients, five months of a migraine
# diary each: migraine days out of 20 to 28 days recorded; a patient intercept) against
# glmmTMB's betabinomial, with one precision and with `--dispformula '~ arm'`, timed in the same
# run when R with glmmTMB is installed. Release binary, CSV reading included (best of 3); R's
# time excludes read.csv. Data written by R with a fixed seed.
#
#   sh benches/glmm_betabinomial_vs_glmmtmb.sh [PATIENTS]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
patients=${1:-20000}
tmp=${TMPDIR:-/tmp}/trialstats-glmm-betabinomial-bench
mkdir -p "$tmp"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/trialstats"
have_r=no
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(glmmTMB)' >/dev/null 2>&1; then
  have_r=yes
fi
[ "$have_r" = yes ] || { echo "(R with glmmTMB not found: the data are simulated by R; nothing timed)"; exit 0; }
data="$tmp/migraine_$patients.csv"
# logit P(migraine day) = -1.1 on placebo, odds ratio 0.6 on the active arm, -0.1 a month, a
# patient SD of 0.7; the day's probability Beta(mu phi, (1 - mu) phi), phi 6 on placebo and
# 2.5 on the active arm.
[ -f "$data" ] || Rscript - "$patients" "$data" <<'R'
a <- commandArgs(TRUE); n <- as.integer(a[1]); set.seed(20261129)
id <- rep(sprintf("P%d", 1:n), each = 5); arm <- rep(rep(c("placebo", "active"), length.out = n), each = 5)
month <- rep(1:5, n); b <- rep(rnorm(n, 0, 0.7), each = 5); active <- arm == "active"
days <- sample(20:28, 5 * n, replace = TRUE)
mu <- plogis(-1.1 + log(0.6) * active - 0.1 * (month - 1) + b); phi <- ifelse(active, 2.5, 6)
migraine <- rbinom(5 * n, days, rbeta(5 * n, mu * phi, (1 - mu) * phi))
write.csv(data.frame(patient = id, arm = arm, month = month, days = days, migraine = migraine), a[2], row.names = FALSE, quote = FALSE)
R
now() { date +%s.%N; }
best() {
  b=
  for _ in 1 2 3; do
    t0=$(now); out=$("$@" --format json); t1=$(now)
    t=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
  done
  ll=$(printf '%s\n' "$out" | sed -n 's/^ *"log_likelihood": \([^,]*\),.*/\1/p')
  printf '%.3f s (best of 3), logLik %s' "$b" "$ll"
}
formula='cbind(migraine, days - migraine) ~ arm + month + (1 | patient)'
echo "betabinomial, $formula:"
echo "  trialstats: $(best "$bin" glmm "$data" --family betabinomial --formula "$formula")"
echo "betabinomial with dispformula ~ arm:"
echo "  trialstats: $(best "$bin" glmm "$data" --family betabinomial --dispformula '~ arm' --formula "$formula")"
Rscript - "$data" <<'R'
suppressMessages(library(glmmTMB)); a <- commandArgs(TRUE)
d <- read.csv(a[1])
t0 <- Sys.time(); m <- glmmTMB(cbind(migraine, days - migraine) ~ arm + month + (1 | patient), d, family = betabinomial)
cat(sprintf("glmmTMB betabinomial:                   %.3f s (read.csv excluded), logLik %.6f\n", as.numeric(Sys.time() - t0, units = "secs"), as.numeric(logLik(m))))
t0 <- Sys.time(); m <- glmmTMB(cbind(migraine, days - migraine) ~ arm + month + (1 | patient), d, dispformula = ~ arm, family = betabinomial)
cat(sprintf("glmmTMB betabinomial, dispformula ~ arm: %.3f s (read.csv excluded), logLik %.6f\n", as.numeric(Sys.time() - t0, units = "secs"), as.numeric(logLik(m))))
R
