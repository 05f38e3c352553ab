#!/usr/bin/env bash
# Checks vium's size figures against benchmarks/size-budget.toml: flash per
# configuration (scripts/measure-flash.sh --vium-only) and size_of::<Vm> on
# thumbv7em-none-eabihf (scripts/measure-idle-ram.sh). Prints every figure
# against its budget; fails naming each figure over budget.
set -euo pipefail
cd "$(dirname "$0")/.."

budgets=benchmarks/size-budget.toml
figures=target/size-budget/figures.tsv
mkdir -p target/size-budget
: >"$figures"

echo "== flash (scripts/measure-flash.sh --vium-only)"
bash scripts/measure-flash.sh --vium-only
awk -F'\t' '$1 == "vium" { print "flash\t" $2 "\t" $3 }' target/size-firmware/flash.tsv >>"$figures"

echo
echo "== RAM (scripts/measure-idle-ram.sh)"
ram_target=thumbv7em-none-eabihf
rustup target add "$ram_target" >/dev/null 2>&1 || true
if [ -d "$(rustc --print target-libdir --target "$ram_target" 2>/dev/null)" ]; then
  ram_out=$(bash scripts/measure-idle-ram.sh)
  echo "$ram_out"
  vm=$(echo "$ram_out" | sed -n 's/^size_of::<Vm>: \([0-9]*\) bytes$/\1/p')
  if [ -z "$vm" ]; then
    echo "error: scripts/measure-idle-ram.sh printed no 'size_of::<Vm>: N bytes' line" >&2
    exit 1
  fi
  printf 'ram\tsize_of::<Vm>\t%s\n' "$vm" >>"$figures"
else
  echo "the $ram_target target cannot be installed here (rustup target add $ram_target failed): the RAM budget is not checked"
fi

echo
python3 - "$budgets" "$figures" <<'PY'
import re, sys

budgets_path, figures_path = sys.argv[1], sys.argv[2]
command = {"flash": "scripts/measure-flash.sh", "ram": "scripts/measure-idle-ram.sh"}

# The budget file's subset of TOML: [section] headers, `"key" = integer` or
# `key = integer` lines (digits with optional _), comments.
budgets, section = {}, None
for n, line in enumerate(open(budgets_path), 1):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    if m := re.fullmatch(r"\[(\w+)\]\s*(?:#.*)?", line):
        section = m.group(1)
        continue
    m = re.fullmatch(r'(?:"([^"]+)"|([\w-]+))\s*=\s*([0-9_]+)\s*(?:#.*)?', line)
    if not m or section is None:
        sys.exit(f"{budgets_path}:{n}: expected [section] or key = integer, found: {line}")
    budgets[section, m.group(1) or m.group(2)] = int(m.group(3).replace("_", ""))

measured = {}
for line in open(figures_path):
    kind, name, value = line.rstrip("\n").split("\t")
    measured[kind, name] = int(value)

failures = []
w = max([len('figure')] + [len(f'{k} "{n}"') for k, n in budgets]) + 2
print(f"{'figure':<{w}} {'measured':>10} {'budget':>10}")
for (kind, name), budget in budgets.items():
    label = f'{kind} "{name}"'
    if (kind, name) not in measured:
        if kind == "ram" and not any(k == "ram" for k, _ in measured):
            print(f"{label:<{w}} {'skipped':>10} {budget:>10,}")
            continue
        failures.append(f"size budget: {label} was not measured (budget {budget:,} B): see {command[kind]}")
        continue
    value = measured[kind, name]
    print(f"{label:<{w}} {value:>10,} {budget:>10,}{'   OVER BUDGET' if value > budget else ''}")
    if value > budget:
        failures.append(f"size budget exceeded: {label} is {value:,} B, budget {budget:,} B: see {command[kind]}")
for kind, name in measured:
    if (kind, name) not in budgets:
        failures.append(f'size budget: {kind} "{name}" was measured but has no budget in {budgets_path}')

if failures:
    print()
    for f in failures:
        print(f, file=sys.stderr)
    sys.exit(1)
print(f"\nall figures within {budgets_path}")
PY
