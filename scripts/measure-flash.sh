#!/usr/bin/env bash
# Flash cost of vium and of Microvium 8 on a Cortex-M0, side by side.
#
# Both engines are linked into the same small firmware (restore an image from
# flash, call export 1 with a number, read the numeric result, console output
# to a byte sink, one host import), running the same script,
# benchmarks/size-firmware/script.js. A figure is the whole-firmware delta:
# the allocated PROGBITS sections (code, read-only data, .data's initial
# values; .bss takes no flash) of the firmware, minus the same for the firmware
# without the engine, built with the same toolchain and flags.
#
#   vium        benchmarks/size-firmware (Rust, thumbv6m-none-eabi, opt-level z,
#               LTO, one codegen unit, panic = "abort", rust-lld); the image is
#               built by the CLI; the baseline is its feature `empty`.
#   Microvium 8 benchmarks/microvium-firmware (C, arm-none-eabi-gcc -Os
#               -mcpu=cortex-m0 -mthumb, newlib-nano, --gc-sections); the
#               compiler and engine come from npm (microvium@8.0.0, installed
#               into target/microvium); the baseline is main.c with -DEMPTY.
#   vium, C API the same C firmware (benchmarks/microvium-firmware/main.c,
#               unchanged) compiled against vium's microvium.h and linked
#               with libvium_ffi.a (crates/vium-ffi, no_std, profile `size`)
#               instead of microvium.c: what a C firmware pays for vium.
#
# usage: scripts/measure-flash.sh [--vium-only]
# The figures are also written to target/size-firmware/flash.tsv
# (engine, configuration, bytes), which scripts/check-size-budget.sh reads.
set -euo pipefail
cd "$(dirname "$0")/.."

vium_only=0
case "${1-}" in
  "") ;;
  --vium-only) vium_only=1 ;;
  *) echo "usage: scripts/measure-flash.sh [--vium-only]" >&2; exit 2 ;;
esac

out=target/size-firmware
elfs=$out/elf
script=benchmarks/size-firmware/script.js
mkdir -p "$elfs"
rm -f "$out/flash.tsv" "$elfs"/*.elf

# Rows: id, label, vium-vm features, Microvium port settings. The engine
# gets the language features the image needs (`vium build` names them; the
# image header lists them), as a firmware would; the `-all` rows, vium's
# only, add every optional one (async, accessors, math, strings, reflect) to show what
# they cost.
rows=(float int)
all_rows=(float-all int-all)
declare -A label=([float]="float + overflow checks" [int]="no float, no overflow checks"
  [float-all]="float + overflow checks, async, accessors, math, strings, reflect"
  [int-all]="no float, no overflow checks, async, accessors, strings, reflect")
declare -A vium_features=([float]="float,overflow-checks" [int]=""
  [float-all]="float,overflow-checks,async,accessors,math,strings,reflect" [int-all]="async,accessors,strings,reflect")
declare -A mvm_port=([float]="-DPORT_FLOAT=1 -DPORT_OVERFLOW_CHECKS=1" [int]="-DPORT_FLOAT=0 -DPORT_OVERFLOW_CHECKS=0")
# Microvium formats numbers with snprintf("%.15g"); newlib-nano leaves float
# formatting out unless the firmware asks for it, and without it a float
# prints as nothing. The float row asks for it.
declare -A mvm_link=([float]="-u _printf_float" [int]="")

# ---------------------------------------------------------------- vium
echo "== vium: building the CLI and the image"
rustup target add thumbv6m-none-eabi >/dev/null 2>&1 || true
cargo build -q --release -p vium
image=$PWD/$out/script.vbc
if ! target/release/vium build "$script" -o "$image" >"$out/vium-build.log" 2>&1; then
  cat "$out/vium-build.log" >&2
  exit 1
fi
needed=$(python3 - "$image" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
flags, = struct.unpack_from("<H", data, 4)
print(f"image: {len(data)} B, required engine features 0x{flags:04x}", file=sys.stderr)
if flags & 1:
    sys.exit("error: the image needs float support, so the no-float firmware would refuse it; "
             "keep benchmarks/size-firmware/script.js to integers")
print(",".join(name for bit, name in ((2, "async"), (4, "accessors"), (8, "math"), (16, "strings"), (32, "reflect")) if flags & bit))
PY
)
for row in "${rows[@]}"; do
  vium_features[$row]=${vium_features[$row]}${needed:+,$needed}
  vium_features[$row]=${vium_features[$row]#,}
done

build_vium() {  # name, cargo features
  local name=$1 features=$2
  VIUM_IMAGE=$image CARGO_TARGET_DIR=$out cargo build -q --release \
    --manifest-path benchmarks/size-firmware/Cargo.toml --target thumbv6m-none-eabi \
    --no-default-features ${features:+--features "$features"}
  cp "$out/thumbv6m-none-eabi/release/size-firmware" "$elfs/$name.elf"
}
echo "== vium: linking the firmwares (thumbv6m-none-eabi)"
build_vium vium-empty empty
for row in "${rows[@]}" "${all_rows[@]}"; do
  build_vium "vium-$row" "${vium_features[$row]}"
done

# ---------------------------------------------------------------- Microvium 8
mvm_missing=""
build_microvium() {
  local mvm=$PWD/target/microvium fw=$PWD/benchmarks/microvium-firmware
  if ! command -v arm-none-eabi-gcc >/dev/null 2>&1; then
    mvm_missing="arm-none-eabi-gcc is not installed (Debian: apt-get install -y gcc-arm-none-eabi libnewlib-arm-none-eabi)"
    return
  fi
  if ! echo 'int main(void){return 0;}' | arm-none-eabi-gcc -x c - -o /dev/null \
    -mcpu=cortex-m0 -mthumb --specs=nano.specs --specs=nosys.specs >/dev/null 2>&1; then
    mvm_missing="arm-none-eabi-gcc cannot link with newlib-nano (Debian: apt-get install -y libnewlib-arm-none-eabi)"
    return
  fi
  if ! command -v node >/dev/null 2>&1; then
    mvm_missing="Node.js is not installed (Microvium's compiler runs on it)"
    return
  fi
  local pkg=$mvm/node_modules/microvium
  if ! grep -q '"version": "8.0.0"' "$pkg/package.json" 2>/dev/null; then
    if ! command -v npm >/dev/null 2>&1; then
      mvm_missing="npm is not installed (Microvium's compiler comes from npm)"
      return
    fi
    echo "installing microvium@8.0.0 into target/microvium"
    mkdir -p "$mvm"
    if ! npm install --prefix "$mvm" --no-audit --no-fund --ignore-scripts --loglevel=error microvium@8.0.0 >"$mvm/npm.log" 2>&1; then
      cat "$mvm/npm.log" >&2
      mvm_missing="npm install microvium@8.0.0 failed (log above)"
      return
    fi
  fi
  local work=$mvm/build
  rm -rf "$work"
  mkdir -p "$work"
  if ! node "$pkg/dist/cli.js" "$script" -s "$work/script.mvm-bc" >"$work/compile.log" 2>&1; then
    cat "$work/compile.log" >&2
    mvm_missing="Microvium's compiler refused $script (log above)"
    return
  fi
  python3 - "$work/script.mvm-bc" "$work/image.h" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
with open(sys.argv[2], "w") as f:
    f.write(f"/* generated by scripts/measure-flash.sh from script.js: {len(data)} bytes */\n")
    f.write(f"static const uint8_t image[{len(data)}] = {{{','.join(f'0x{b:02x}' for b in data)}}};\n")
print(f"image: {len(data)} B")
PY
  local cflags=(-Os -mcpu=cortex-m0 -mthumb -ffunction-sections -fdata-sections
    -I"$work" -I"$fw" -I"$pkg/dist-c")
  local ldflags=(--specs=nano.specs --specs=nosys.specs -nostartfiles -T "$fw/link.ld" -Wl,--gc-sections)
  if ! arm-none-eabi-gcc "${cflags[@]}" -DEMPTY "$fw/main.c" "${ldflags[@]}" \
    -o "$elfs/microvium-empty.elf" >"$work/gcc-empty.log" 2>&1; then
    cat "$work/gcc-empty.log" >&2
    mvm_missing="the empty C firmware did not link (log above)"
    return
  fi
  local row
  for row in "${rows[@]}"; do
    # shellcheck disable=SC2086 # the per-row flags are word lists
    if ! arm-none-eabi-gcc "${cflags[@]}" ${mvm_port[$row]} "$fw/main.c" "$pkg/dist-c/microvium.c" \
      "${ldflags[@]}" ${mvm_link[$row]} -lm -o "$elfs/microvium-$row.elf" >"$work/gcc-$row.log" 2>&1; then
      cat "$work/gcc-$row.log" >&2
      mvm_missing="the Microvium firmware ($row) did not link (log above)"
      return
    fi
  done
}
if [ "$vium_only" = 0 ]; then
  echo "== Microvium 8: compiling the script and linking the firmwares (arm-none-eabi-gcc)"
  build_microvium
  if [ -n "$mvm_missing" ]; then
    echo "Microvium 8 cannot be built here: $mvm_missing. Its figures are left out."
  fi
fi

# ---------------------------------------------------------------- vium, C API
viumc_missing=""
build_vium_c() {
  local fw=$PWD/benchmarks/microvium-firmware work=$PWD/$out/c-api
  if ! command -v arm-none-eabi-gcc >/dev/null 2>&1; then
    viumc_missing="arm-none-eabi-gcc is not installed (Debian: apt-get install -y gcc-arm-none-eabi libnewlib-arm-none-eabi)"
    return
  fi
  rm -rf "$work"
  mkdir -p "$work"
  python3 - "$image" "$work/image.h" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
with open(sys.argv[2], "w") as f:
    f.write(f"/* generated by scripts/measure-flash.sh from script.js: {len(data)} bytes */\n")
    f.write(f"static const uint8_t image[{len(data)}] = {{{','.join(f'0x{b:02x}' for b in data)}}};\n")
PY
  local cflags=(-Os -mcpu=cortex-m0 -mthumb -ffunction-sections -fdata-sections
    -I"$PWD/crates/vium-ffi/include" -I"$work" -I"$fw")
  local ldflags=(--specs=nano.specs --specs=nosys.specs -nostartfiles -T "$fw/link.ld" -Wl,--gc-sections)
  if ! arm-none-eabi-gcc "${cflags[@]}" -DEMPTY "$fw/main.c" "${ldflags[@]}" \
    -o "$elfs/viumc-empty.elf" >"$work/gcc-empty.log" 2>&1; then
    cat "$work/gcc-empty.log" >&2
    viumc_missing="the empty C firmware did not link (log above)"
    return
  fi
  local row features lib
  for row in "${rows[@]}"; do
    features=${vium_features[$row]}
    if ! CARGO_TARGET_DIR=$out/ffi cargo build -q --profile size -p vium-ffi \
      --target thumbv6m-none-eabi --no-default-features ${features:+--features "$features"} \
      >"$work/cargo-$row.log" 2>&1; then
      cat "$work/cargo-$row.log" >&2
      viumc_missing="libvium_ffi.a ($row) did not build (log above)"
      return
    fi
    lib=$work/libvium_ffi-$row.a
    cp "$out/ffi/thumbv6m-none-eabi/size/libvium_ffi.a" "$lib"
    # shellcheck disable=SC2086 # the per-row flags are word lists
    if ! arm-none-eabi-gcc "${cflags[@]}" ${mvm_port[$row]} "$fw/main.c" "$lib" \
      "${ldflags[@]}" -o "$elfs/viumc-$row.elf" >"$work/gcc-$row.log" 2>&1; then
      cat "$work/gcc-$row.log" >&2
      viumc_missing="the C firmware with vium's C API ($row) did not link (log above)"
      return
    fi
  done
}
if [ "$vium_only" = 0 ]; then
  echo "== vium through its C API: Microvium's C firmware, unchanged, against libvium_ffi.a"
  build_vium_c
  if [ -n "$viumc_missing" ]; then
    echo "The C API firmware cannot be built here: $viumc_missing. Its figures are left out."
  fi
fi

# ---------------------------------------------------------------- report
engines=vium
[ "$vium_only" = 0 ] && [ -z "$viumc_missing" ] && engines+=" viumc"
[ "$vium_only" = 0 ] && [ -z "$mvm_missing" ] && engines+=" microvium"
rowspec=""
for row in "${rows[@]}" "${all_rows[@]}"; do rowspec+="$row=${label[$row]};"; done
python3 - "$elfs" "$out/flash.tsv" "$engines" "$rowspec" "$vium_only" <<'PY'
import struct, sys

elfs, tsv, engines, rowspec, vium_only = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4], sys.argv[5] == "1"
rows = [tuple(r.split("=", 1)) for r in rowspec.split(";") if r]
names = {"vium": "vium", "viumc": "vium through its C API", "microvium": "Microvium 8"}
SHT_PROGBITS, SHT_NOBITS, SHF_ALLOC = 1, 8, 0x2

def sections(path):
    """Allocated sections of a 32-bit little-endian ELF: {name: (size, counted)}."""
    data = open(path, "rb").read()
    assert data[:4] == b"\x7fELF" and data[4] == 1 and data[5] == 1, f"{path}: expected a 32-bit LE ELF"
    shoff, = struct.unpack_from("<I", data, 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x2E)
    secs = [struct.unpack_from("<IIIIIIIIII", data, shoff + i * shentsize) for i in range(shnum)]
    strtab = secs[shstrndx][4]
    out = {}
    for s in secs:
        name = data[strtab + s[0]: data.index(b"\0", strtab + s[0])].decode()
        if s[2] & SHF_ALLOC and s[5] and s[1] != SHT_NOBITS:
            out[name] = (s[5], s[1] == SHT_PROGBITS)
    return out

def total(secs):
    return sum(size for size, counted in secs.values() if counted)

figures = {}
for engine in engines:
    empty = sections(f"{elfs}/{engine}-empty.elf")
    for row, label in rows:
        if engine != "vium" and row.endswith("-all"):
            continue
        full = sections(f"{elfs}/{engine}-{row}.elf")
        print(f"\n{names[engine]}, {label}:")
        print(f"  {'section':<14} {'firmware':>10} {'empty':>10} {'delta':>10}")
        skipped = []
        for name in sorted(set(full) | set(empty), key=lambda n: -full.get(n, (0,))[0]):
            f, e = full.get(name, (0, True)), empty.get(name, (0, True))
            if not (f[1] and e[1]):
                skipped.append(f"{name} ({f[0]:,} B / {e[0]:,} B)")
                continue
            print(f"  {name:<14} {f[0]:>10,} {e[0]:>10,} {f[0] - e[0]:>10,}")
        figures[engine, row] = total(full) - total(empty)
        print(f"  {'flash':<14} {total(full):>10,} {total(empty):>10,} {figures[engine, row]:>10,}")
        if skipped:
            print(f"  not counted (allocated, not PROGBITS): {', '.join(skipped)}")

with open(tsv, "w") as f:
    for (engine, row), n in figures.items():
        f.write(f"{engine}\t{dict(rows)[row]}\t{n}\n")

print("\nWhole-firmware delta (flash: code + read-only data + .data), same script, same firmware shape:\n")
if vium_only:
    print("| configuration | vium |")
    print("|---|---|")
    for row, label in rows:
        print(f"| {label} | {figures['vium', row]:,} B |")
else:
    print("| configuration | vium | vium, C API | Microvium 8 | vium / Microvium |")
    print("|---|---|---|---|---|")
    for row, label in rows:
        v, c, m = figures["vium", row], figures.get(("viumc", row)), figures.get(("microvium", row))
        cell = lambda n: "—" if n is None else f"{n:,} B"
        ratio = "—" if m is None else f"{v / m:.2f}"
        print(f"| {label} | {v:,} B | {cell(c)} | {cell(m)} | {ratio} |")
PY
