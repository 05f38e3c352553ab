// test: promises resolved by the host later (vmImport(4) defers a call until the job queue is empty, like a timer); an async export awaiting the host
// call: 1 4
// output:
// | A read 1
// | B read 10
// | A read 2
// | B read 20
// | A read 3
// | sums 6 30
// | main end
// | deferred plain call
// | call start 4
// | call resumed 8
// | deferred args x 5
const later = vmImport(4);
function delay(ms, value) {
  return new Promise((resolve) => later(resolve, value));
}
async function sensor(name, readings) {
  let sum = 0;
  for (const r of readings) {
    sum += await delay(0, r);
    console.log(name, "read", r);
  }
  return sum;
}
async function main() {
  const [a, b] = await Promise.all([sensor("A", [1, 2, 3]), sensor("B", [10, 20])]);
  console.log("sums", a, b);
  later(() => console.log("deferred plain call"));
  await null;
  console.log("main end");
}
main();
vmExport(1, async (n) => {
  console.log("call start", n);
  const v = await delay(0, n * 2);
  console.log("call resumed", v);
  later((x, y) => console.log("deferred args", x, y), "x", 5);
});
