#!/usr/bin/env bash
# Flash cost of the runtime on a Cortex-M0 (thumbv6m-none-eabi), opt-level z,
# LTO: benchmarks/size-firmware links the runtime the way firmware does
# (restore, call an export, read the result, console output, one import);
# this links it (rust-lld, unused sections dropped) and sums the code and
# read-only data sections of the executable.
set -euo pipefail
cd "$(dirname "$0")/.."
rustup target add thumbv6m-none-eabi >/dev/null 2>&1 || true
measure() {
  local label=$1; shift
  local dir=target/size-firmware
  CARGO_TARGET_DIR=$dir cargo build -q --release --manifest-path benchmarks/size-firmware/Cargo.toml \
    --target thumbv6m-none-eabi "$@"
  local elf=$dir/thumbv6m-none-eabi/release/size-firmware
  python3 - "$label" "$elf" <<'PY'
import struct, sys
label, path = sys.argv[1], sys.argv[2]
text = rodata = 0
for data in [open(path, "rb").read()]:
    shoff, = struct.unpack_from("<I", data, 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x2E)
    secs = [struct.unpack_from("<IIIIIIIIII", data, shoff + i * shentsize) for i in range(shnum)]
    names = secs[shstrndx]
    for s in secs:
        name = data[names[4] + s[0]: data.index(b"\0", names[4] + s[0])].decode()
        if s[1] != 1: continue  # PROGBITS only
        if s[2] & 0x4: text += s[5]  # SHF_EXECINSTR
        elif name.startswith(".rodata"): rodata += s[5]
print(f"{label}: .text {text} B, .rodata {rodata} B, flash {text + rodata} B")
PY
}
measure "float + overflow checks"
measure "no float, overflow checks" --no-default-features --features overflow-checks
measure "no float, no overflow checks" --no-default-features
