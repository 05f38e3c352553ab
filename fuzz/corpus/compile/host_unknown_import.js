// test: importing an unknown host function id succeeds at build time; only calling it throws
// call: 1
// output:
// | function
// | 3
// | threw: true
// | 7
const missing = vmImport(99);
const add = vmImport(1);
console.log(typeof missing);
console.log(add(1, 2));
vmExport(1, function () {
  let threw = false;
  try {
    missing(1, 2);
    console.log("not reached");
  } catch (e) {
    threw = true;
  }
  console.log("threw:", threw);
  console.log(add(3, 4));
});
