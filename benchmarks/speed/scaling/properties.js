// Scaling workload: property lookup on one object with n properties, added
// under computed keys ('k0', 'k1', ...), then each read back by a key built
// again and checked. Export 1 takes n and returns n when every read matches.
function run(n) {
  const o = {};
  for (let i = 0; i < n; i++) {
    o['k' + i] = i;
  }
  for (let i = 0; i < n; i++) {
    if (o['k' + i] !== i) {
      return -1;
    }
  }
  return n;
}
vmExport(1, run);
