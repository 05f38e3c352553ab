// test: eval'd code that calls eval and new Function: one build round per generation, console output printed once
// call: 1 4
// output:
// | before
// | level 1 43
// | middle
// | 15 18
// | deep
// | after
// | 20 24 43

// Generated code that itself calls eval: each generation is compiled in
// turn, and console output before each one is printed once.
console.log("before");
const level1 = eval("const inner = eval('2 * 21'); inner + 1");
console.log("level 1", level1);
const maker = eval("(n) => new Function('x', 'return x * ' + n)");
console.log("middle");
const times5 = maker(5);
const times6 = maker(6);
console.log(times5(3), times6(3));
const deep = eval("eval(\"eval('\\\\'deep\\\\'')\")");
console.log(deep);
vmExport(1, (x) => console.log(times5(x), times6(x), level1));
console.log("after");
