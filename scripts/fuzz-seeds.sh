#!/usr/bin/env bash
# Regenerates the fuzz seed corpora from the end-to-end scripts:
#   fuzz/corpus/restore_run/<name>  the image `vium build` writes for tests/scripts/<name>.js
# Scripts whose top level throws (no image) only seed `compile`.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p vium
vium=target/debug/vium
mkdir -p fuzz/corpus/restore_run
rm -f fuzz/corpus/restore_run/*
built=0
for js in tests/scripts/*.js; do
  name=$(basename "$js" .js)
  if (cd tests/scripts && "../../$vium" build "$name.js" -o "../../fuzz/corpus/restore_run/$name") >/dev/null 2>&1; then
    built=$((built + 1))
  else
    rm -f "fuzz/corpus/restore_run/$name"
  fi
done
echo "seeded restore_run with $built images (the compile target seeds from tests/scripts directly)"
