#!/usr/bin/env bash
# Redraw every image the README and docs/ show: the report's gallery, then each command of
# plots/examples.txt. Run from anywhere; uses the release binary (built if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/trialstats
"$bin" report > /dev/null
while IFS= read -r line; do
    case "$line" in '#'* | '') continue ;; esac
    echo "trialstats $line"
    eval "\"$bin\" $line" > /dev/null
done < plots/examples.txt
