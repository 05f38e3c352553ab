// test: !, && and || return one of their operands and short-circuit evaluation
// output:
// | false true true false true false true true
// | true false true
// | 2 0  b
// | 1 2 fallback undefined
// | null 0
// | last
// | 3
// | acefg
// | default
// | undefined
console.log(!true, !false, !0, !1, !"", !"x", !null, !undefined);
console.log(!!5, !!"", !!{});
console.log(1 && 2, 0 && 2, "" && "x", "a" && "b");
console.log(1 || 2, 0 || 2, "" || "fallback", null || undefined);
console.log(null && 1, undefined || 0);
console.log(0 || "" || null || "last");
console.log(1 && "two" && 3);
let calls = "";
function mark(name, value) {
  calls = calls + name;
  return value;
}
mark("a", false) && mark("b", true);
mark("c", true) || mark("d", true);
mark("e", true) && mark("f", 0) || mark("g", "g");
console.log(calls);
const config = null;
const name = (config && config.name) || "default";
console.log(name);
console.log(typeof (0 || undefined));
