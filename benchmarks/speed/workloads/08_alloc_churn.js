// Speed workload 8: allocation churn: 5,000 short-lived objects, each kept
// for eight iterations in a ring, so the collector runs while little is live.
// expect: 673988
function run() {
  const ring = [null, null, null, null, null, null, null, null];
  let sum = 0;
  for (let i = 0; i < 5000; i++) {
    const old = ring[i & 7];
    const o = { a: i, b: (i * 7) & 255, c: old === null ? 0 : old.a };
    ring[i & 7] = o;
    sum = (sum + o.b + (o.c & 15)) % 1000003;
  }
  return sum;
}
vmExport(1, run);
