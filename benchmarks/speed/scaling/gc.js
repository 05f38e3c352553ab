// Scaling workload: allocation with n objects live. A linked list of n
// small objects is built and kept while n more short-lived objects are
// allocated, so every collection copies the list; then the list is walked
// and checked. Export 1 takes n and returns n when the list is intact.
function run(n) {
  let list = null;
  for (let i = 0; i < n; i++) {
    list = { v: i, next: list };
  }
  let junk = 0;
  for (let i = 0; i < n; i++) {
    const t = { a: i, b: i + 1 };
    junk = junk + (t.b - t.a);
  }
  let count = 0;
  let sum = 0;
  for (let p = list; p !== null; p = p.next) {
    count = count + 1;
    sum = sum + p.v;
  }
  if (count !== n || junk !== n || sum !== (n * (n - 1)) / 2) {
    return -1;
  }
  return n;
}
vmExport(1, run);
