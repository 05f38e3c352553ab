// test: the in operator is false for a missing key (own, inherited, or an array hole left by delete)
// output:
// | true false true false
// | true false
// | false true
const o = { a: 1 };
console.log("a" in o, "b" in o, "toString" in {}, 5 in [1]);
class P {
  m() {}
}
console.log("m" in new P(), "n" in new P());
const arr = [1, 2, 3];
delete arr[1];
console.log(1 in arr, 2 in arr);
