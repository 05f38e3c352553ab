#!/usr/bin/env bash
# Runs examples/bare-metal, a Cortex-M firmware around the runtime, under
# QEMU on two instruction sets and checks what it prints over semihosting
# against examples/bare-metal/expected.txt:
#
#   thumbv6m-none-eabi      qemu-system-arm -M microbit     (nRF51822, Cortex-M0)
#   thumbv7em-none-eabihf   qemu-system-arm -M mps2-an386   (Cortex-M4F)
#
# The image is examples/bare-metal/script.js built by the CLI; the image
# and the firmware go to target/bare-metal. Prints one line per target, and
# the output and its difference from the expectation when a run does not
# match.
#
# Needs qemu-system-arm (installed with apt-get when missing) and the two
# rustup targets. Only when one of those cannot be had does it say why and
# exit 0 with "skipped"; any other problem is a failure.
#
# usage: scripts/run-bare-metal.sh
set -euo pipefail
cd "$(dirname "$0")/.."

example=examples/bare-metal
out=target/bare-metal
targets=(thumbv6m-none-eabi thumbv7em-none-eabihf)
declare -A machine=([thumbv6m-none-eabi]=microbit [thumbv7em-none-eabihf]=mps2-an386)
declare -A cpu=([thumbv6m-none-eabi]="Cortex-M0" [thumbv7em-none-eabihf]="Cortex-M4F")

skip() {
  echo "bare-metal: skipped: $*"
  exit 0
}

# ---------------------------------------------------------------- tools
if ! command -v qemu-system-arm >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    skip "qemu-system-arm is not installed and there is no apt-get to install it"
  fi
  echo "bare-metal: qemu-system-arm is not installed; installing it (apt-get install qemu-system-arm)"
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends qemu-system-arm; } \
    >"${TMPDIR:-/tmp}/run-bare-metal-apt.log" 2>&1; then
    tail -n 5 "${TMPDIR:-/tmp}/run-bare-metal-apt.log"
    skip "qemu-system-arm is not installed and apt-get could not install it (log above)"
  fi
fi
machines=$(qemu-system-arm -M help)
for t in "${targets[@]}"; do
  if ! grep -qw "^${machine[$t]}" <<<"$machines"; then
    skip "this qemu-system-arm ($(qemu-system-arm --version | head -1)) has no machine ${machine[$t]}"
  fi
  if ! rustup target add "$t" >/dev/null 2>&1 \
    && ! [ -d "$(rustc --print sysroot)/lib/rustlib/$t" ]; then
    skip "the Rust target $t is not installed and rustup cannot add it"
  fi
done

# ---------------------------------------------------------------- image
mkdir -p "$out"
image=$PWD/$out/script.vbc
if ! cargo run -q --release -p vium -- build "$example/script.js" -o "$image" >"$out/vium-build.log" 2>&1; then
  cat "$out/vium-build.log" >&2
  echo "bare-metal: FAILED: the CLI could not build $example/script.js (log above)" >&2
  exit 1
fi
echo "bare-metal: image $(wc -c <"$image" | tr -d ' ') B"

# Flash a firmware takes: its allocated PROGBITS sections (code, read-only
# data, .data's initial values; .bss takes none).
flash_size() {
  if command -v arm-none-eabi-size >/dev/null 2>&1; then
    arm-none-eabi-size "$1" | awk 'NR == 2 { print $1 + $2 }'
  else
    python3 - "$1" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
shoff, = struct.unpack_from("<I", data, 0x20)
shentsize, shnum = struct.unpack_from("<HH", data, 0x2E)
total = 0
for i in range(shnum):
    _, kind, flags, _, _, size = struct.unpack_from("<IIIIII", data, shoff + i * shentsize)
    if kind == 1 and flags & 0x2:  # SHT_PROGBITS, SHF_ALLOC
        total += size
print(total)
PY
  fi
}

# ---------------------------------------------------------------- firmware
failed=0
for t in "${targets[@]}"; do
  VIUM_IMAGE=$image CARGO_TARGET_DIR=$out cargo build -q --release \
    --manifest-path "$example/Cargo.toml" --target "$t"
  elf=$out/$t/release/vium-bare-metal
  status=0
  timeout 60 qemu-system-arm -M "${machine[$t]}" -nographic \
    -semihosting-config enable=on,target=native -kernel "$elf" \
    </dev/null >"$out/$t.out" 2>"$out/$t.err" || status=$?
  where="$t on ${machine[$t]} (${cpu[$t]})"
  if [ "$status" = 0 ] && diff -q "$example/expected.txt" "$out/$t.out" >/dev/null; then
    echo "bare-metal: $where: ok, flash $(flash_size "$elf") B"
    continue
  fi
  failed=1
  case $status in
    0) why="its output differs from $example/expected.txt" ;;
    124) why="it did not finish within 60 s" ;;
    *) why="QEMU exited with status $status" ;;
  esac
  {
    echo "bare-metal: FAILED: $where: $why"
    echo "--- output ($out/$t.out)"
    cat "$out/$t.out"
    if [ -s "$out/$t.err" ]; then
      echo "--- QEMU's stderr"
      cat "$out/$t.err"
    fi
    echo "--- difference (expected.txt, then this output)"
    diff -u "$example/expected.txt" "$out/$t.out" || true
    if [ "$status" = 0 ]; then
      echo "(if the change is intended, e.g. new memory figures, copy $out/$t.out to $example/expected.txt)"
    fi
  } >&2
done
exit "$failed"
