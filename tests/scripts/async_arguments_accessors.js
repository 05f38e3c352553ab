// test: arguments (fewer than the parameters) and getters across an await
// output:
// | 1 1 undefined undefined
// | 1 1 undefined undefined 1
// | n 1
// | getter in async 10
async function f(a, b, c) {
  console.log(arguments.length, a, b, c);
  await null;
  console.log(arguments.length, a, b, c, arguments[0]);
  return arguments.length;
}
f(1).then((n) => console.log("n", n));
const o = { get v() { return 5; }, async m() { return this.v + (await this.v); } };
o.m().then((x) => console.log("getter in async", x));
