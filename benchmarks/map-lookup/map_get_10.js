// Map lookup cost at 10 entries (scripts/measure-map-lookup.sh, BENCHMARKS.md).
// The map's keys are the integers 0 to 9, set at build time.
// Export 1: 1,000 `get`s of present keys, cycling through all of them (so
// the average key is halfway along). Export 2: 1,000 `has` of a missing
// key (every lookup visits every entry). Export 3: the same loop with no
// lookup, to subtract.
// expect: 13500
const n = 10;
const m = new Map();
for (let i = 0; i < n; i++) m.set(i, i * 3);
vmExport(1, () => {
  let sum = 0;
  for (let j = 0; j < 1000; j++) sum += m.get(j % n);
  return sum;
});
vmExport(2, () => {
  let found = 0;
  for (let j = 0; j < 1000; j++) if (m.has(-1 - (j % n))) found++;
  return found;
});
vmExport(3, () => {
  let sum = 0;
  for (let j = 0; j < 1000; j++) sum += j % n;
  return sum;
});
