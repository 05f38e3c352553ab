// test: spread in calls, arrays and objects, and rest parameters and rest elements
// output:
// | 6/3 0/0 10/5
// | 5 0 4
// | 1 3 4 2
// | 1 2 3
function sum(...nums) {
  let t = 0;
  for (let i = 0; i < nums.length; i++) t = t + nums[i];
  return t + "/" + nums.length;
}
const arr = [1, 2, 3];
console.log(sum(...arr), sum(), sum(0, ...arr, 4));
const copy = [0, ...arr, 4];
console.log(copy.length, copy[0], copy[4]);
const o = { a: 1, b: 2 };
const o2 = { ...o, b: 3, c: 4 };
console.log(o2.a, o2.b, o2.c, o.b);
const [first, ...rest] = arr;
console.log(first, rest.length, rest[1]);
