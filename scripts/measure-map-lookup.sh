#!/usr/bin/env bash
# What a Map lookup costs as the map grows, in VM instructions
# (benchmarks/map-lookup/map_get_N.js: N entries with integer keys).
#
#   scripts/measure-map-lookup.sh [WORKLOAD.js...]
#
# For each workload, builds the image (release `vium`), then finds the
# exact number of instructions each of exports 1 to 3 executes: the
# smallest `vium run IMAGE --call ID --budget STEPS` that finishes. Export 1
# does 1,000 `get`s of present keys (every key in turn), export 2 1,000
# `has` of missing keys, export 3 the same loop without a lookup. Prints
# per lookup (export minus export 3, over 1,000) the instructions of a hit,
# on average, and of a miss. The count does not depend on the machine.
# For native instructions and wall time of export 1, run
# `scripts/measure-speed.sh benchmarks/map-lookup/*.js`.
set -euo pipefail
cd "$(dirname "$0")/.."

workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(benchmarks/map-lookup/map_get_10.js benchmarks/map-lookup/map_get_100.js benchmarks/map-lookup/map_get_1000.js)

cargo build -q --release -p vium
vium=target/release/vium
image=$(mktemp)
trap 'rm -f "$image"' EXIT

# The smallest budget with which export $1 of the image finishes.
steps() {
  local lo=0 hi=1024
  until "$vium" run "$image" --call "$1" --budget "$hi" >/dev/null 2>&1; do
    lo=$hi
    hi=$((hi * 2))
    [ "$hi" -lt 4000000000 ] || { echo "measure-map-lookup: export $1 does not finish" >&2; exit 1; }
  done
  while [ $((hi - lo)) -gt 1 ]; do
    local mid=$(((lo + hi) / 2))
    if "$vium" run "$image" --call "$1" --budget "$mid" >/dev/null 2>&1; then hi=$mid; else lo=$mid; fi
  done
  echo "$hi"
}

printf '%-14s %14s %14s\n' workload "get (hit)" "has (miss)"
for w in "${workloads[@]}"; do
  "$vium" build "$w" -o "$image" >/dev/null 2>&1
  hit=$(steps 1)
  miss=$(steps 2)
  loop=$(steps 3)
  printf '%-14s %14s %14s\n' "$(basename "$w" .js)" \
    "$(awk -v a="$hit" -v b="$loop" 'BEGIN { printf "%.1f", (a - b) / 1000 }')" \
    "$(awk -v a="$miss" -v b="$loop" 'BEGIN { printf "%.1f", (a - b) / 1000 }')"
done
