// test: arguments.length counts the arguments actually passed; rest parameters after missing ones
// output:
// | 0 1 2 3
// | 1,0,true 2,0,false 4,2,false
// | 1:5:undefined 2:2:2
// | 1 [7]
// | 1 0
// | 1
function f(a, b) {
  return arguments.length;
}
console.log(f(), f(1), f(1, 2), f(1, 2, 3));
function g(a, b, ...r) {
  return [arguments.length, r.length, b === undefined].join(",");
}
console.log(g(1), g(1, 2), g(1, 2, 3, 4));
function h(a, b = 5) {
  return arguments.length + ":" + b + ":" + arguments[1];
}
console.log(h(1), h(1, 2));
function k(x, y, z) {
  const args = Array.from(arguments);
  return args.length + " " + JSON.stringify(args);
}
console.log(k(7));
class C {
  constructor(a, b) {
    this.n = arguments.length;
  }
}
console.log(new C(1).n, new C().n);
const o = {
  m(a, b, c) {
    return arguments.length;
  },
};
console.log(o.m("x"));
