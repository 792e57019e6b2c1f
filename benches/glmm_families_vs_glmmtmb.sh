#!/bin/sh
# `glmm --family gamma`, `--family negbin --dispformula '~ arm'` and the zero-inflated
# `--family negbin --ziformula '~ arm'` at 100,000 rows (20,000 patients, five visits or
# periods or scans each; a patient intercept) against glmmTMB, timed in the same run when R
# with glmmTMB is installed. Release binary, CSV reading included; R's time excludes read.csv.
# Data written by R with a fixed seed.
#
#   sh benches/glmm_families_vs_glmmtmb.sh [PATIENTS]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
patients=${1:-20000}
tmp=${TMPDIR:-/tmp}/trialstats-glmm-families-bench
mkdir -p "$tmp"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/trialstats"
have_r=no
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(glmmTMB)' >/dev/null 2>&1; then
  have_r=yes
fi
[ "$have_r" = yes ] || { echo "(R with glmmTMB not found: the data are simulated by R; nothing timed)"; exit 0; }
gamma="$tmp/gamma_$patients.csv"; nb="$tmp/negbin_$patients.csv"; zi="$tmp/zinb_$patients.csv"
[ -f "$gamma" ] && [ -f "$nb" ] || Rscript - "$patients" "$gamma" "$nb" <<'R'
a <- commandArgs(TRUE); n <- as.integer(a[1]); set.seed(20261126)
id <- rep(sprintf("P%d", 1:n), each = 5); arm <- rep(rep(c("placebo", "drug"), length.out = n), each = 5)
week <- rep(0:4 * 3, n); b <- rep(rnorm(n, 0, 0.4), each = 5)
mu <- exp(1.5 - 0.03 * week - 0.2 * (arm == "drug") * week / 12 + b)
write.csv(data.frame(patient = id, arm = arm, week = week, crp = round(rgamma(5 * n, shape = 3, rate = 3 / mu), 4)), a[2], row.names = FALSE, quote = FALSE)
years <- round(runif(5 * n, 0.5, 1), 3); theta <- ifelse(arm == "drug", 0.9, 2.5)
m2 <- exp(log(0.8) + log(0.6) * (arm == "drug") + b) * years
write.csv(data.frame(patient = id, arm = arm, years = years, relapses = rnbinom(5 * n, size = theta, mu = m2)), a[3], row.names = FALSE, quote = FALSE)
R
# New lesions at five scans: rate ratio 0.5 on the drug, a patient intercept (SD 0.5), theta 2,
# and a structural zero with probability 0.2 on placebo and 0.4 on the drug.
[ -f "$zi" ] || Rscript - "$patients" "$zi" <<'R'
a <- commandArgs(TRUE); n <- as.integer(a[1]); set.seed(20261127)
id <- rep(sprintf("P%d", 1:n), each = 5); arm <- rep(rep(c("placebo", "drug"), length.out = n), each = 5)
scan <- rep(1:5, n); b <- rep(rnorm(n, 0, 0.5), each = 5); drug <- arm == "drug"
mu <- exp(log(2) - 0.1 * scan + log(0.5) * drug + b)
lesions <- ifelse(rbinom(5 * n, 1, ifelse(drug, 0.4, 0.2)) == 1, 0, rnbinom(5 * n, size = 2, mu = mu))
write.csv(data.frame(patient = id, arm = arm, scan = scan, lesions = lesions), a[2], row.names = FALSE, quote = FALSE)
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
echo "gamma, crp ~ arm * week + (1 | patient):"
echo "  trialstats: $(best "$bin" glmm "$gamma" --family gamma --formula 'crp ~ arm * week + (1 | patient)')"
echo "negbin with dispformula ~ arm, relapses ~ arm + offset(log(years)) + (1 | patient):"
echo "  trialstats: $(best "$bin" glmm "$nb" --family negbin --dispformula '~ arm' --formula 'relapses ~ arm + offset(log(years)) + (1 | patient)')"
echo "zero-inflated negbin with ziformula ~ arm, lesions ~ arm + scan + (1 | patient):"
echo "  trialstats: $(best "$bin" glmm "$zi" --family negbin --ziformula '~ arm' --formula 'lesions ~ arm + scan + (1 | patient)')"
Rscript - "$gamma" "$nb" "$zi" <<'R'
suppressMessages(library(glmmTMB)); a <- commandArgs(TRUE)
g <- read.csv(a[1]); nb <- read.csv(a[2]); zi <- read.csv(a[3])
t0 <- Sys.time(); m <- glmmTMB(crp ~ arm * week + (1 | patient), g, family = Gamma(link = "log"))
cat(sprintf("glmmTMB gamma:  %.3f s (read.csv excluded), logLik %.6f\n", as.numeric(Sys.time() - t0, units = "secs"), as.numeric(logLik(m))))
t0 <- Sys.time(); m <- glmmTMB(relapses ~ arm + offset(log(years)) + (1 | patient), nb, dispformula = ~ arm, family = nbinom2)
cat(sprintf("glmmTMB negbin: %.3f s (read.csv excluded), logLik %.6f\n", as.numeric(Sys.time() - t0, units = "secs"), as.numeric(logLik(m))))
t0 <- Sys.time(); m <- glmmTMB(lesions ~ arm + scan + (1 | patient), zi, ziformula = ~ arm, family = nbinom2)
cat(sprintf("glmmTMB zero-inflated negbin: %.3f s (read.csv excluded), logLik %.6f\n", as.numeric(Sys.time() - t0, units = "secs"), as.numeric(logLik(m))))
R
