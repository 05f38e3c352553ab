// test: closures nested three levels deep read and write variables of every enclosing level
// call: 1
// output:
// | A/B/x 1 1
// | A/B/y 2 2
// | A/C/z 3 1
// | 123
// | A/B/after 4 3
// | A/C/after 5 2
// | N/M/O 1 1
function level1(a) {
  let count1 = 0;
  return function level2(b) {
    let count2 = 0;
    return function level3(c) {
      count1 = count1 + 1;
      count2 = count2 + 1;
      return a + "/" + b + "/" + c + " " + count1 + " " + count2;
    };
  };
}
const l2 = level1("A");
const l3x = l2("B");
const l3y = l2("C");
console.log(l3x("x"));
console.log(l3x("y"));
console.log(l3y("z"));
const makeAdder = x => y => z => x * 100 + y * 10 + z;
console.log(makeAdder(1)(2)(3));
vmExport(1, function () {
  console.log(l3x("after"));
  console.log(l3y("after"));
  console.log(level1("N")("M")("O"));
});
