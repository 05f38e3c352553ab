// test: closures created at build time keep their captured state across the snapshot
// call: 1 5
// output:
// | build: 11 13
// | other: 1
// | 18
// | 23
// | 101
function makeCounter(start) {
  let count = start;
  return function (step) {
    count = count + step;
    return count;
  };
}
const counter = makeCounter(10);
const other = makeCounter(0);
console.log("build:", counter(1), counter(2));
console.log("other:", other(1));
vmExport(1, function (step) {
  console.log(counter(step));
  console.log(counter(step));
  console.log(other(100));
});
