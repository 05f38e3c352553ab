// test: importing named and default exports; module top levels run once, at build time, in dependency order
// call: 1 4
// output:
// | trace top level
// | trace 1: math_utils top level
// | trace 2: greeting top level
// | main top level
// | 25 27 3.14
// | hello vium
// | 1 2
// | trace 3: from main
// | 16 64 3
// | trace 4: at runtime
import cube, { square, PI_ISH, counted } from "./modules/math_utils.js";
import greeting from "./modules/greeting.js";
import { trace } from "./modules/trace.js";
console.log("main top level");
console.log(square(5), cube(3), PI_ISH);
console.log(greeting.hello("vium"));
console.log(counted(), counted());
trace("from main");
vmExport(1, function (n) {
  console.log(square(n), cube(n), counted());
  trace("at runtime");
});
