#!/usr/bin/env bash
# Idle-VM RAM on a 32-bit device (docs/memory.md).
#
# 1. `size_of` of the VM struct (and friends) for thumbv7em-none-eabihf:
#    scripts/idle-ram is compiled to an object file for that target and the
#    values of its VIUM_SIZE_* statics are read out of the ELF.
# 2. Globals and heap of an idle VM for an empty script and for
#    examples/hello.js, from `vium stats`.
set -euo pipefail
cd "$(dirname "$0")/.."
target=thumbv7em-none-eabihf
rustup target add "$target" >/dev/null 2>&1 || true
out=target/idle-ram
rm -rf "$out/objs"
mkdir -p "$out/objs"
touch scripts/idle-ram/src/lib.rs  # cargo emits the object file only when it compiles
CARGO_TARGET_DIR="$out" cargo rustc -q --release --manifest-path scripts/idle-ram/Cargo.toml \
  --target "$target" -- --emit "obj=$PWD/$out/objs/idle_ram.o"
python3 - "$out/objs/idle_ram.o" > "$out/sizes.txt" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:4] == b"\x7fELF" and data[4] == 1, "expected a 32-bit ELF object"
e = "<" if data[5] == 1 else ">"
shoff, = struct.unpack_from(e + "I", data, 0x20)
shentsize, shnum, shstrndx = struct.unpack_from(e + "HHH", data, 0x2E)
secs = [struct.unpack_from(e + "IIIIIIIIII", data, shoff + i * shentsize) for i in range(shnum)]
for s in secs:
    if s[1] == 2:  # SHT_SYMTAB
        strtab = secs[s[6]]
        for k in range(s[5] // 16):
            name_off, value, size, info, other, shndx = struct.unpack_from(e + "IIIBBH", data, s[4] + 16 * k)
            end = data.index(b"\0", strtab[4] + name_off)
            name = data[strtab[4] + name_off:end].decode()
            if name.startswith("VIUM_SIZE_"):
                sec = secs[shndx]
                v, = struct.unpack_from(e + "I", data, sec[4] + value)
                print(f"{name[len('VIUM_SIZE_'):].lower()} {v}")
PY
size() { awk -v k="$1" '$1 == k { print $2 }' "$out/sizes.txt"; }
vm=$(size vm)
echo "target: $target (pointer $(size pointer) bytes)"
echo "size_of::<Vm>: $vm bytes"
echo "size_of::<ArenaAllocator>: $(size arena_allocator) bytes"
echo "size_of::<Handle>: $(size handle) bytes"
echo "size_of::<mvm_VM> (a VM behind the C API, crates/vium-ffi): $(size mvm_vm) bytes"

cargo build -q -p vium
printf '' > "$out/empty.js"
for script in "$out/empty.js" examples/hello.js examples/counter.js; do
  [ -e "$script" ] || continue
  stats=$(target/debug/vium stats "$script" 2>/dev/null)
  image=$(echo "$stats" | awk '/^image:/ { print $2 }')
  globals=$(echo "$stats" | sed -n 's/.*globals \([0-9]*\) + heap \([0-9]*\)).*/\1/p')
  heap=$(echo "$stats" | sed -n 's/.*globals \([0-9]*\) + heap \([0-9]*\)).*/\2/p')
  echo "$(basename "$script"): image $image bytes; idle RAM = Vm $vm + globals $globals + heap $heap = $((vm + globals + heap)) bytes"
done
