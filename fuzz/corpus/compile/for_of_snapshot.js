// test: an array iterator created at build time is iterated after restore; closures made in a for-of survive the snapshot
// call: 1
// output:
// | build 1
// | device 2
// | device 3
// | device 4
// | alpha beta
// | h
// | i
const it = [1, 2, 3, 4][Symbol.iterator]();
console.log("build", it.next().value);
const getters = [];
for (const name of ["alpha", "beta"]) getters.push(() => name);
vmExport(1, () => {
  for (const v of it) console.log("device", v);
  console.log(getters[0](), getters[1]());
  for (const ch of "hi") console.log(ch);
});
