#!/bin/sh
# Speed of `trialstats mmrm` (release binary, CSV reading and Satterthwaite df included)
# against nlme::gls (corSymm + varIdent, REML) on a synthetic two-arm trial with 6 visits and
# monotone dropout (benches/mmrm_bench_data.R): 2,000 patients paired with gls by farm-bench
# (--vs), then 100,000 patients for trialstats alone (gls would take hours).
#
#   sh benches/mmrm_vs_nlme.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=${TMPDIR:-/tmp}/trialstats-mmrm-bench
mkdir -p "$tmp"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/trialstats"
formula='chg ~ base + arm * visit + us(visit | patient)'
for n in 2000 100000; do
  [ -f "$tmp/mmrm_$n.csv" ] || Rscript "$root/benches/mmrm_bench_data.R" "$n" "$tmp/mmrm_$n.csv"
done
echo "== -2 REML log-likelihood, 2,000 patients: trialstats, then gls"
"$bin" mmrm "$tmp/mmrm_2000.csv" --formula "$formula" --format json | sed -n 's/^ *"criterion": \([^,]*\),.*/\1/p'
Rscript "$root/benches/mmrm_vs_nlme.R" "$tmp/mmrm_2000.csv"
echo "== 2,000 patients: trialstats (A) vs nlme::gls (B)"
farm-bench -n 5 --timeout 600 --vs "Rscript $root/benches/mmrm_vs_nlme.R $tmp/mmrm_2000.csv" -- \
  "$bin" mmrm "$tmp/mmrm_2000.csv" --formula "$formula"
echo "== 100,000 patients: trialstats alone"
farm-bench -n 5 -- "$bin" mmrm "$tmp/mmrm_100000.csv" --formula "$formula"
