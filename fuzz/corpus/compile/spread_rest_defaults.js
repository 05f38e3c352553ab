// test: spread in calls, new, arrays and objects; rest parameters; default parameters that see earlier parameters and are evaluated only when needed
// call: 1 2 3
// output:
// | 6/3 0/0 15/6
// | 3 5
// | 1 3 4
// | 1,2,3 1,5,6 1,2,0 2
// | 1:0:undefined 1:2:3
// | 3
// | 3:6 0:undefined
// | hi 0 yo 2
// | changed
// | 5/2 2,4,6 2:2:2
function sum(...xs) {
  let t = 0;
  for (const x of xs) t += x;
  return t + "/" + xs.length;
}
const nums = [1, 2, 3];
console.log(sum(...nums), sum(), sum(0, ...nums, ...[4], 5));
console.log([..."hé😀"].length, [0, ...nums, 4].length);
const base = { a: 1, b: 2 };
const ext = { ...base, b: 3, ...{ c: 4 }, ...null, ...undefined };
console.log(ext.a, ext.b, ext.c);
function Point(x, y) {
  this.x = x;
  this.y = y;
}
let evaluated = 0;
function def(a, b = a * 2, c = (evaluated++, a + b)) {
  return a + "," + b + "," + c;
}
console.log(def(1), def(1, 5), def(1, undefined, 0), evaluated);
function tail(first, ...rest) {
  return first + ":" + rest.length + ":" + rest[rest.length - 1];
}
console.log(tail(1), tail(1, 2, 3));
const arrow = (...args) => args.length;
console.log(arrow(...[1, 2], 3));
function args() {
  return arguments.length + ":" + arguments[1];
}
console.log(args(5, 6, 7), args());
const obj = {
  greet(greeting = "hi", ...names) {
    return greeting + " " + names.length;
  },
};
console.log(obj.greet(), obj.greet(...["yo", "a", "b"]));
function captureDefault(x, f = () => x) {
  x = "changed";
  return f();
}
console.log(captureDefault("orig"));
vmExport(1, (a, b) => console.log(sum(...[a, b]), def(a), tail(a, b, a)));
