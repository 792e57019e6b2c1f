#!/usr/bin/env bash
# Speed of `trialstats draft` and `check text` on a 100-page text (issue 26: about 300,000
# characters in under 1 s). The text is the six seed documents (Japanese press releases and
# an English abstract) repeated until it holds 300,000 characters; the release binary drafts
# the study file, lists the items as JSON and checks every summary. Prints the seconds of
# each (best of 3). Usage: bash benches/draft_speed.sh [CHARACTERS]   (from the crate root)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/trialstats
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target=${1:-300000}
doc="$work/long.txt"
: > "$doc"
while [ "$(wc -m < "$doc")" -lt "$target" ]; do
  cat tests/data/seeds/*.txt >> "$doc"
done
echo "text: $(wc -m < "$doc") characters, $(wc -l < "$doc") lines"
best() {
  local best=999
  for _ in 1 2 3; do
    local s e t
    s=$(date +%s.%N)
    "$@" > /dev/null || [ $? -eq 1 ]
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
  done
  printf '%.3f s\n' "$best"
}
printf 'draft (TOML):      '; best "$bin" draft "$doc" -o "$work/draft.toml"
printf 'draft --format json: '; best "$bin" draft "$doc" --format json
printf 'check text:        '; best "$bin" check text "$doc" --scale 0,10
printf 'items drafted:     %s\n' "$("$bin" draft "$doc" --format json | grep -c '"kind"')"

# A long table (a results table of ROWS rows, cells `m (s)` and a P column): the table model
# finds a cell's table, row and column header without scanning the table, so this stays linear
# in the rows (20,000 rows and 80,000 rows: 0.85 s and 3.3 s on the 2-core machine of
# session 15; before, 18 s for 20,000).
for rows in 20000 80000; do
  table="$work/table_$rows.txt"
  awk -v n="$rows" 'BEGIN {
    srand(9); print "Table 1"; print "Outcome | A (n = 10) | B (n = 12) | P value |"; print "---|---|---|---|";
    for (i = 0; i < n; i++) printf "Row %d | %.1f (%.1f) | %.1f (%.1f) | %.3f |\n", i, rand()*10, rand()*3, rand()*10, rand()*3, rand();
    print "Data are mean (SD)." }' > "$table"
  printf 'draft, a %s-row table: ' "$rows"; best "$bin" draft "$table" -o "$work/table.toml"
done

# Many sentences each setting two means ± spreads against each other, a line each and all on
# one line (user trial 47: 2,000 lines took 34 s, four times as long for each doubling, while
# the header of groups above each value was looked for up every line; session 65: linear,
# 2,000 lines 1.0 s, and 5,000 comparisons on one line 1.7 s instead of 5.0 s).
for lines in 2000 8000; do
  many="$work/compared_$lines.txt"
  awk -v n="$lines" 'BEGIN { for (i = 0; i < n; i++) print "3.7±0.3 vs 3.8±0.2, p=0.01." }' > "$many"
  printf 'draft, %s lines each comparing two means: ' "$lines"; best "$bin" draft "$many" -o "$work/many.toml"
done
one="$work/one_line.txt"
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "3.7±0.3 vs 3.8±0.2 (n=22, n=9), p=0.01; "; print "" }' > "$one"
printf 'draft, 5000 comparisons on one line: '; best "$bin" draft "$one" -o "$work/one.toml"
