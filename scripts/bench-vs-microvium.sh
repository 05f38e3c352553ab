#!/usr/bin/env bash
# vium against Microvium 8, side by side, on the same scripts.
#
#   scripts/bench-vs-microvium.sh [--quick] [--vium-only] [--no-scaling]
#       [--calls K] [--samples S] [--sizes N,N,...] [--svg FILE]
#       [--mvm-max-heap BYTES]
#
# Every workload is one source file that both engines run: vium builds it
# with vium-compiler (benchmarks/speed, the harness of measure-speed.sh),
# Microvium with its own compiler from npm (microvium@8.0.0, installed into
# target/microvium when missing); each engine's image is restored by a
# native host (benchmarks/speed for vium; benchmarks/microvium-speed, built
# here with gcc -O2, for Microvium) that calls export 1 and checks every
# result, so an engine that computes something else fails instead of
# looking fast. Each workload's result is checked against Node.js first.
#
# Workloads:
#   benchmarks/speed/workloads/*.js  the speed workloads (// expect: lines)
#   benchmarks/speed/calls/*.js      a call from the script into the host,
#                                    and the same loop without it
#   benchmarks/speed/scaling/*.js    array, string, property lookup and
#                                    allocation with n elements (export 1
#                                    takes n and returns n when its checks
#                                    pass)
#
# Figures, per workload and engine:
#   instructions per call of export 1 (callgrind, counting only the K
#   measured calls after a warm-up call: exact and repeatable, the figure
#   to compare); wall clock (median of S batches of at least 20 ms, native:
#   a second view, noisy on a shared machine); image bytes; peak heap, peak
#   stack and peak RAM over the warm-up and K calls (see the harnesses).
# The cost of one call from the host into the script is the empty call's
# instructions; one call from the script into the host is
# (calls/host_call - calls/host_call_base) / 1000.
#
# Scaling: for each scaling workload and n in SIZES, instructions for one
# call and peak heap, both engines with 64 KiB of RAM in all (vium: an
# ArenaAllocator of 64 KiB; Microvium: its single 64 KiB RAM page). Then
# where each engine runs out, to 10 elements (bisection), in that setting and
# with a 64 KiB heap and the host's RAM (vium: StdAllocator, its heap is at
# most 0xFFFE bytes; Microvium: the C library's malloc and
# MVM_MAX_HEAP_SIZE 0xFFFE).
#
# Options:
#   --quick       a smoke run: every workload once in each engine (scaling
#                 at n = 10 and 100), no measurement; exits 1 if a workload's
#                 check fails in either engine. Needs no valgrind.
#   --vium-only   leave Microvium out.
#   --no-scaling  skip the scaling runs.
#   --calls K     measured calls per speed workload (default 5).
#   --samples S   wall-clock samples (default 5).
#   --sizes LIST  scaling sizes, multiples of 10 (default
#                 10,30,100,300,1000,3000,10000).
#   --svg FILE    where the scaling plot goes (default
#                 target/bench-vs-microvium/scaling.svg).
#   --mvm-max-heap BYTES
#                 Microvium's heap cap in its RAM page (MVM_MAX_HEAP_SIZE,
#                 default 30720: see benchmarks/microvium-speed/microvium_port.h).
#
# Needs cargo, python3 and valgrind (installed with apt-get when missing and
# possible); for Microvium also node, npm and gcc. What is missing is named;
# without Microvium's tools the run goes on with vium's figures alone.
# Results: target/bench-vs-microvium/{report.md,main.tsv,scaling.tsv,
# limits.tsv,scaling.svg}. A full run takes about two minutes after the builds.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0 vium_only=0 scaling=1 calls=5 samples=5 mvm_max_heap=30720
sizes=10,30,100,300,1000,3000,10000
work=target/bench-vs-microvium
svg=$work/scaling.svg
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1; shift ;;
    --vium-only) vium_only=1; shift ;;
    --no-scaling) scaling=0; shift ;;
    --calls) calls=${2:?--calls needs a number}; shift 2 ;;
    --samples) samples=${2:?--samples needs a number}; shift 2 ;;
    --sizes) sizes=${2:?--sizes needs a list}; shift 2 ;;
    --svg) svg=${2:?--svg needs a file}; shift 2 ;;
    --mvm-max-heap) mvm_max_heap=${2:?--mvm-max-heap needs a number}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench-vs-microvium: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
done
case $mvm_max_heap in *[!0-9]*|'') echo "bench-vs-microvium: --mvm-max-heap takes a number of bytes" >&2; exit 2 ;; esac
for n in ${sizes//,/ }; do
  case $n in *[!0-9]*|'') echo "bench-vs-microvium: --sizes takes numbers (got $n)" >&2; exit 2 ;; esac
  if [ $((n % 10)) != 0 ] || [ "$n" = 0 ]; then
    echo "bench-vs-microvium: sizes must be positive multiples of 10 (got $n)" >&2; exit 2
  fi
done
[ "$quick" = 1 ] && sizes=10,100

say() { printf '== %s\n' "$*"; }

# ---------------------------------------------------------------- tools
command -v cargo >/dev/null || { echo "bench-vs-microvium: cargo is not installed (a Rust toolchain is needed: rustup)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench-vs-microvium: python3 is not installed (the report and the plot need it; Debian: apt-get install -y python3)" >&2; exit 2; }
if [ "$quick" = 0 ] && ! command -v valgrind >/dev/null; then
  say "valgrind is not installed: installing it (apt-get)"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  if ! command -v apt-get >/dev/null || ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq valgrind; } >"${TMPDIR:-/tmp}/bench-valgrind.log" 2>&1; then
    echo "bench-vs-microvium: valgrind is not installed and could not be installed here (Debian: apt-get install -y valgrind); instruction counts need it" >&2
    exit 2
  fi
fi

mkdir -p "$work/mvm"
rm -f "$work"/{main,scaling,limits}.tsv "$work"/{report.md,meta.txt}
workloads=(benchmarks/speed/workloads/*.js)
call_pair=(benchmarks/speed/calls/host_call.js benchmarks/speed/calls/host_call_base.js)
scalers=(benchmarks/speed/scaling/array.js benchmarks/speed/scaling/string.js
  benchmarks/speed/scaling/properties.js benchmarks/speed/scaling/gc.js)
[ "$scaling" = 1 ] || scalers=()

# ---------------------------------------------------------------- vium
say "vium: building the harness (benchmarks/speed, release)"
target=${CARGO_TARGET_DIR:-target/speed}
CARGO_TARGET_DIR=$target cargo build -q --release --locked --manifest-path benchmarks/speed/Cargo.toml
vium_bin=$target/release/speed

# ---------------------------------------------------------------- Microvium 8
mvm_missing=""
mvm_pkg=$PWD/target/microvium/node_modules/microvium
setup_microvium() {
  if ! command -v node >/dev/null 2>&1; then
    mvm_missing="Node.js is not installed (Microvium's compiler runs on it; Debian: apt-get install -y nodejs)"
    return
  fi
  if ! command -v gcc >/dev/null 2>&1; then
    mvm_missing="gcc is not installed (the Microvium host is C; Debian: apt-get install -y gcc)"
    return
  fi
  if ! grep -q '"version": "8.0.0"' "$mvm_pkg/package.json" 2>/dev/null; then
    if ! command -v npm >/dev/null 2>&1; then
      mvm_missing="npm is not installed (Microvium comes from npm; Debian: apt-get install -y npm)"
      return
    fi
    say "Microvium: installing microvium@8.0.0 into target/microvium (npm)"
    mkdir -p target/microvium
    if ! npm install --prefix target/microvium --no-audit --no-fund --ignore-scripts --loglevel=error \
      microvium@8.0.0 >target/microvium/npm.log 2>&1; then
      cat target/microvium/npm.log >&2
      mvm_missing="npm install microvium@8.0.0 failed (log above)"
      return
    fi
  fi
  say "Microvium: building the host (benchmarks/microvium-speed, gcc -O2)"
  local c=$mvm_pkg/dist-c port=benchmarks/microvium-speed variant
  for variant in 0 1; do
    local defs=(-DBENCH_HEAP64="$variant" -DBENCH_MAX_HEAP="$mvm_max_heap")
    if ! { gcc -O2 -w "${defs[@]}" -I"$port" -I"$c" -c "$c/microvium.c" -o "$work/microvium$variant.o" &&
      gcc -O2 -Wall -Wextra "${defs[@]}" -I"$port" -I"$c" -c "$port/host.c" -o "$work/host$variant.o" &&
      gcc "$work/host$variant.o" "$work/microvium$variant.o" -lm -o "$work/mvm-speed$variant"; } >"$work/gcc.log" 2>&1; then
      cat "$work/gcc.log" >&2
      mvm_missing="the Microvium host did not build (log above)"
      return
    fi
  done
  say "Microvium: compiling the workloads with its compiler"
  local w
  for w in "${workloads[@]}" "${call_pair[@]}" "${scalers[@]}"; do
    if ! node "$mvm_pkg/dist/cli.js" "$w" -s "$(mvm_image "$w")" >"$work/mvm/compile.log" 2>&1; then
      cat "$work/mvm/compile.log" >&2
      mvm_missing="Microvium's compiler refused $w (log above)"
      return
    fi
  done
}
mvm_image() { local d; d=$(basename "$(dirname "$1")"); echo "$work/mvm/$d-$(basename "$1" .js).mvm-bc"; }

engines=(vium)
if [ "$vium_only" = 0 ]; then
  setup_microvium
  if [ -n "$mvm_missing" ]; then
    echo "Microvium 8 cannot be measured here: $mvm_missing. vium's figures follow alone."
  else
    engines+=(microvium)
  fi
fi

# ---------------------------------------------------------------- Node
if command -v node >/dev/null; then
  say "Node.js: checking every workload's expected result"
  if ! node benchmarks/speed/node-expect.mjs "${workloads[@]}" "${call_pair[@]}" >"$work/node.log" ||
    { [ ${#scalers[@]} = 0 ] || ! node benchmarks/speed/node-scaling.mjs "$sizes" "${scalers[@]}" >>"$work/node.log"; }; then
    cat "$work/node.log" >&2
    echo "bench-vs-microvium: a workload disagrees with Node.js (above)" >&2
    exit 1
  fi
else
  echo "note: Node.js is not installed, so the workloads' results are not checked against it"
fi

# ---------------------------------------------------------------- running
# cmd ENGINE SETTING FILE EXPECT [ARG]: the harness command line in `cmd`.
# SETTING: main (vium: StdAllocator; Microvium: its RAM page), ram64 (vium:
# a 64 KiB arena; Microvium: its RAM page), heap64 (vium: StdAllocator;
# Microvium: malloc, 64 KiB heap).
cmd=()
set_cmd() {
  local engine=$1 setting=$2 file=$3 expect=$4 arg=${5-}
  if [ "$engine" = vium ]; then
    cmd=("$vium_bin" "$file" --expect "$expect")
    [ "$setting" = ram64 ] && cmd+=(--ram 65536)
  else
    local bin=$work/mvm-speed0
    [ "$setting" = heap64 ] && bin=$work/mvm-speed1
    cmd=("$bin" "$(mvm_image "$file")" --expect "$expect")
  fi
  [ -z "$arg" ] || cmd+=(--arg "$arg")
}
symbol() { [ "$1" = vium ] && echo vium_speed_measured || echo mvm_speed_measured; }
# The reason a harness gave for failing, from its output.
reason() { grep -m1 -E '^(speed|mvm-speed): ' <<<"$1" | sed -E 's/^[a-z-]+: [^:]*: //' || true; }
expect_of() { sed -n 's#^// expect: ##p' "$1"; }

# run_once: the command in `cmd` natively with extra options; output in
# `out`, status 1 (and the reason in `out`) on failure.
out=""
run_once() {
  if out=$("${cmd[@]}" "$@" 2>&1); then return 0; fi
  local r; r=$(reason "$out"); out=${r:-$(tail -n1 <<<"$out")}; return 1
}
# ir ENGINE K: instructions per call over K measured calls, in `out`.
ir() {
  local log total
  if ! log=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no \
    --toggle-collect="$(symbol "$1")" "${cmd[@]}" --repeat "$2" 2>&1); then
    out=$(reason "$log"); out=${out:-failed under callgrind}; return 1
  fi
  total=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' <<<"$log")
  out=$(( (total + $2 / 2) / $2 ))
}
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$2"; }

failures=0
fail() { echo "FAIL $*" >&2; failures=$((failures + 1)); }

if [ "$quick" = 1 ]; then
  say "smoke run: every workload once in each engine (${engines[*]})"
  for engine in "${engines[@]}"; do
    for w in "${workloads[@]}" "${call_pair[@]}"; do
      set_cmd "$engine" main "$w" "$(expect_of "$w")"
      run_once --repeat 1 || fail "$engine $w: $out"
    done
    for w in "${scalers[@]}"; do
      for n in ${sizes//,/ }; do
        set_cmd "$engine" ram64 "$w" "$n" "$n"
        run_once --repeat 1 || fail "$engine $w n=$n: $out"
      done
    done
  done
  if [ "$failures" -gt 0 ]; then
    echo "bench-vs-microvium: $failures workload run(s) failed their checks (above)" >&2
    exit 1
  fi
  echo "ok: every workload passes its checks in ${engines[*]}"
  exit 0
fi

# Main workloads and the call pair: one row per workload and engine.
main_tsv=$work/main.tsv
printf 'workload\tengine\tir_per_call\twall_ns\timage\theap_peak\tstack_peak\tram_peak\tstatus\n' >"$main_tsv"
for w in "${workloads[@]}" "${call_pair[@]}"; do
  name=$(basename "$w" .js)
  for engine in "${engines[@]}"; do
    say "$name: $engine"
    set_cmd "$engine" main "$w" "$(expect_of "$w")"
    row=("$name" "$engine" - - - - - - ok)
    if ! ir "$engine" "$calls"; then
      row[8]=$out; fail "$engine $name: $out"
    else
      row[2]=$out
      run_once --repeat 0 --time "$samples" && row[3]=$(field wall_ns_per_call "$out")
      if run_once --repeat "$calls" --stats; then
        row[4]=$(field image "$out") row[5]=$(field heap_peak "$out")
        row[6]=$(field stack_peak "$out") row[7]=$(field ram_peak "$out")
      fi
    fi
    (IFS=$'\t'; echo "${row[*]}") >>"$main_tsv"
  done
done

# Scaling: instructions for one call and peak heap per n, 64 KiB of RAM in
# all; an engine's larger sizes are skipped after it first runs out.
scaling_tsv=$work/scaling.tsv limits_tsv=$work/limits.tsv
printf 'workload\tn\tengine\tir_per_call\theap_peak\tram_peak\tstatus\n' >"$scaling_tsv"
printf 'workload\tengine\tsetting\tlargest_ok\tfirst_failing\treason\n' >"$limits_tsv"
# bisect ENGINE SETTING FILE OK FAILING REASON: the largest multiple of 10
# that runs between OK and FAILING, appended to limits.tsv.
bisect() {
  local engine=$1 setting=$2 file=$3 ok=$4 bad=$5 why=$6 mid
  while [ $((bad - ok)) -gt 10 ]; do
    # shellcheck disable=SC2017 # rounds down to a multiple of 10 on purpose
    mid=$(( (ok + bad) / 20 * 10 ))
    set_cmd "$engine" "$setting" "$file" "$mid" "$mid"
    if run_once --repeat 1; then ok=$mid; else bad=$mid why=$out; fi
  done
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(basename "$file" .js)" "$engine" "$setting" "$ok" "$bad" "$why" >>"$limits_tsv"
}
for w in "${scalers[@]}"; do
  name=$(basename "$w" .js)
  for engine in "${engines[@]}"; do
    ok=0 bad="" why=""
    for n in ${sizes//,/ }; do
      say "scaling $name n=$n: $engine"
      set_cmd "$engine" ram64 "$w" "$n" "$n"
      if [ -n "$bad" ]; then
        printf '%s\t%s\t%s\t-\t-\t-\tskipped\n' "$name" "$n" "$engine" >>"$scaling_tsv"
        continue
      fi
      if ! ir "$engine" 1; then
        bad=$n why=$out
        printf '%s\t%s\t%s\t-\t-\t-\t%s\n' "$name" "$n" "$engine" "$out" >>"$scaling_tsv"
        continue
      fi
      count=$out
      run_once --repeat 1 --stats || { fail "$engine $name n=$n: --stats: $out"; continue; }
      printf '%s\t%s\t%s\t%s\t%s\t%s\tok\n' "$name" "$n" "$engine" "$count" \
        "$(field heap_peak "$out")" "$(field ram_peak "$out")" >>"$scaling_tsv"
      ok=$n
    done
    say "where $name runs out: $engine"
    if [ -n "$bad" ]; then bisect "$engine" ram64 "$w" "$ok" "$bad" "$why"; else
      printf '%s\t%s\tram64\t%s\t-\t-\n' "$name" "$engine" "$ok" >>"$limits_tsv"; fi
    # The same with a 64 KiB heap and the host's RAM.
    ok=0 bad="" why=""
    for n in ${sizes//,/ }; do
      set_cmd "$engine" heap64 "$w" "$n" "$n"
      if run_once --repeat 1; then ok=$n; else bad=$n why=$out; break; fi
    done
    if [ -n "$bad" ]; then bisect "$engine" heap64 "$w" "$ok" "$bad" "$why"; else
      printf '%s\t%s\theap64\t%s\t-\t-\n' "$name" "$engine" "$ok" >>"$limits_tsv"; fi
  done
done

# ---------------------------------------------------------------- report
commit=$(git rev-parse --short=7 HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- crates 2>/dev/null)" ]; then commit="$commit+uncommitted-crates"; fi
mvm_version=$(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$mvm_pkg/package.json" 2>/dev/null | head -1)
{
  echo "command: scripts/bench-vs-microvium.sh --calls $calls --samples $samples --sizes $sizes --mvm-max-heap $mvm_max_heap"
  echo "commit: $commit"
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')"
  echo "rustc: $(rustc --version)"
  echo "valgrind: $(valgrind --version)"
  if [ -n "$mvm_missing" ] || [ "$vium_only" = 1 ]; then
    echo "microvium: not measured${mvm_missing:+ ($mvm_missing)}"
  else
    echo "microvium: microvium@$mvm_version (npm), gcc: $(gcc --version | head -1), node: $(node --version)"
  fi
} >"$work/meta.txt"
mkdir -p "$(dirname "$svg")"
python3 benchmarks/speed/report.py "$work" "$svg" | tee "$work/report.md"
if [ "$failures" -gt 0 ]; then
  echo "bench-vs-microvium: $failures run(s) failed (above)" >&2
  exit 1
fi
