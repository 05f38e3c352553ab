#!/usr/bin/env bash
# Speed of the runtime on our own workloads (benchmarks/speed/workloads/*.js).
#
#   scripts/measure-speed.sh [--out FILE] [--baseline FILE] [--calls K]
#                            [--samples S] [WORKLOAD.js...]
#
# Builds the harness benchmarks/speed (release), checks every workload's
# `// expect:` value against Node.js (when `node` is installed), then for
# each workload:
#   - instructions per call of export 1: valgrind --tool=callgrind counts
#     only the function vium_speed_measured (--collect-atstart=no
#     --toggle-collect), which makes K calls after a warm-up call; the
#     figure is that count / K. Compile and restore are not counted. The
#     count is exact and repeatable on one machine and toolchain: this is
#     the figure to compare.
#   - wall clock: the median of S timed batches (each at least 20 ms) of the
#     native binary, in nanoseconds per call. The machine is shared and
#     noisy: a second view only, expect +-10% or worse between runs.
# Prints the table (and writes it as TSV to FILE with --out: `#` comment
# lines, then workload, ir_per_call, wall_ns, source = a hash of the
# workload file). With --baseline, a file written by --out earlier, it
# prints instead per workload the ratio now/baseline of both figures, flags
# every instruction ratio above 1.10 (the budget for a rewrite) and names
# workloads whose source changed; the exit status is then 1 if any ratio is
# flagged.
set -euo pipefail
cd "$(dirname "$0")/.."

out="" baseline="" calls=5 samples=5
workloads=()
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    --calls) calls=$2; shift 2 ;;
    --samples) samples=$2; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    -*) echo "measure-speed: unknown option $1" >&2; exit 2 ;;
    *) workloads+=("$1"); shift ;;
  esac
done
[ ${#workloads[@]} -gt 0 ] || workloads=(benchmarks/speed/workloads/*.js)
[ -z "$baseline" ] || [ -r "$baseline" ] || { echo "measure-speed: cannot read $baseline" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "measure-speed: valgrind is not installed (apt-get install -y valgrind)" >&2; exit 2; }

target=${CARGO_TARGET_DIR:-target/speed}
CARGO_TARGET_DIR=$target cargo build -q --release --manifest-path benchmarks/speed/Cargo.toml
bin=$target/release/speed

if command -v node >/dev/null; then
  node benchmarks/speed/node-expect.mjs "${workloads[@]}" >/dev/null || {
    node benchmarks/speed/node-expect.mjs "${workloads[@]}" >&2
    echo "measure-speed: a workload's // expect: line disagrees with Node (columns: file, Node, expect)" >&2
    exit 1
  }
fi

commit=$(git rev-parse --short=7 HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- crates 2>/dev/null)" ]; then commit="$commit+uncommitted-crates"; fi
table=$(mktemp)
trap 'rm -f "$table"' EXIT
{
  echo "# vium speed: scripts/measure-speed.sh --calls $calls --samples $samples"
  echo "# commit $commit; $(date -u +%Y-%m-%dT%H:%MZ); $(rustc --version); $(valgrind --version); $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')"
  echo "# ir_per_call: callgrind instructions per call of export 1 (exact); wall_ns: median ns per call (noisy); source: sha256 of the workload, first 12 hex digits"
  printf 'workload\tir_per_call\twall_ns\tsource\n'
} >"$table"

for w in "${workloads[@]}"; do
  name=$(basename "$w" .js)
  log=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no \
    --toggle-collect=vium_speed_measured "$bin" "$w" --repeat "$calls" 2>&1) || {
    echo "$log" >&2; echo "measure-speed: $w failed under callgrind" >&2; exit 1; }
  total=$(echo "$log" | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
  [ -n "$total" ] || { echo "$log" >&2; echo "measure-speed: no callgrind total for $w" >&2; exit 1; }
  line=$("$bin" "$w" --repeat 0 --time "$samples")
  wall=$(echo "$line" | sed -n 's/.*wall_ns_per_call=\([0-9]*\).*/\1/p')
  sha=$(sha256sum "$w" | cut -c1-12)
  printf '%s\t%s\t%s\t%s\n' "$name" $(( (total + calls / 2) / calls )) "$wall" "$sha" >>"$table"
done

if [ -n "$out" ]; then cp "$table" "$out"; fi
if [ -z "$baseline" ]; then
  column -t -s $'\t' <(grep -v '^#' "$table")
  exit 0
fi

echo "baseline: $(sed -n 's/^# commit \([^;]*\);.*/\1/p' "$baseline")   now: $commit"
awk -F'\t' '
  /^#/ || $1 == "workload" { next }
  FNR == NR { bir[$1] = $2; bwall[$1] = $3; bsrc[$1] = $4; next }
  {
    if (($1 in bsrc) && bsrc[$1] != $4) changed = changed " " $1
    ratio = ($1 in bir) && bir[$1] > 0 ? $2 / bir[$1] : 0
    wratio = ($1 in bwall) && bwall[$1] > 0 ? $3 / bwall[$1] : 0
    flag = ratio > 1.10 ? "REGRESSION (>1.10)" : ""
    if (flag != "") bad = 1
    printf "%-24s %12s %12s %7s   %10s %10s %6s  %s\n", $1,
      ($1 in bir) ? bir[$1] : "-", $2, ratio ? sprintf("%.3f", ratio) : "-",
      ($1 in bwall) ? bwall[$1] : "-", $3, wratio ? sprintf("%.2f", wratio) : "-", flag
  }
  BEGIN { printf "%-24s %12s %12s %7s   %10s %10s %6s\n", "workload", "ir_base", "ir_now", "ratio",
            "wall_base", "wall_now", "ratio" }
  END {
    if (changed != "") print "note: these workloads changed since the baseline (figures not comparable):" changed
    exit bad
  }
' "$baseline" "$table"
