#!/usr/bin/env bash
# Speed of a data folder of trials: `trialstats meta --data DIR --effect RR` (load and
# validate every study file, analyse each trial's arms, pool the RR of a per-arm count by
# REML) against R reading the same counts from a CSV and running metafor's
# escalc("RR") + rma(method = "REML"). k = 200 two-arm trials, counts simulated with awk
# (fixed seed). Prints farm-bench's paired ratio (trialstats / R) when R with metafor is
# installed. Usage: bash benches/arms_vs_metafor.sh   (from the crate root)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/trialstats
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/data"
k=${1:-200}
awk -v k="$k" -v dir="$work/data" -v csv="$work/counts.csv" 'BEGIN { srand(20261122);
  print "ai,n1i,ci,n2i" > csv;
  for (i = 1; i <= k; i++) {
    n1 = 20 + int(80 * rand()); n2 = 20 + int(80 * rand());
    a = 1 + int(n1 * 0.3 * rand()); c = 1 + int(n2 * 0.5 * rand());
    f = sprintf("%s/trial-%04d.toml", dir, i);
    printf "schema = 1\nid = \"trial-%04d\"\ntitle = \"t\"\nsource_file = \"none\"\ndocument = \"d\"\n", i > f;
    printf "publication = { title = \"not reported\", journal = \"not reported\", date = \"not reported\", doi = \"not reported\" }\n" > f;
    printf "design = \"d\"\npopulation = \"p\"\nintervention = \"i\"\n" > f;
    printf "[[arms]]\nid = \"control\"\nlabel = \"c\"\nn = %d\ncontrol = true\nquote = \"q\"\nwhere = \"w\"\n", n2 > f;
    printf "[[arms]]\nid = \"active\"\nlabel = \"a\"\nn = %d\nquote = \"q\"\nwhere = \"w\"\n", n1 > f;
    printf "[[arm_counts]]\nid = \"relapsed\"\nlabel = \"r\"\ndirection = \"lower is better\"\nquote = \"q\"\nwhere = \"w\"\n" > f;
    printf "[[arm_counts.arms]]\narm = \"active\"\nevents = \"%d\"\n[[arm_counts.arms]]\narm = \"control\"\nevents = \"%d\"\n", a, c > f;
    close(f);
    printf "%d,%d,%d,%d\n", a, n1, c, n2 > csv } }'
cat > "$work/meta.R" <<'R'
suppressMessages(library(metafor))
d <- read.csv(commandArgs(TRUE)[1])
fit <- rma(escalc("RR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d), method = "REML")
print(fit)
R
"$bin" meta --data "$work/data" --effect RR | sed -n 2,3p
if command -v Rscript > /dev/null && Rscript -e 'library(metafor)' > /dev/null 2>&1; then
  Rscript "$work/meta.R" "$work/counts.csv" | grep -A1 "^estimate" || true
  farm-bench -n 5 --vs "Rscript $work/meta.R $work/counts.csv" \
    -- "$bin" meta --data "$work/data" --effect RR
else
  farm-bench -n 5 -- "$bin" meta --data "$work/data" --effect RR
fi
