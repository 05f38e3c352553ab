// test: async functions run synchronously until the first await; reactions, awaits and queueMicrotask run in Node's job order after the top level
// output:
// | before
// | f start 41
// | after object
// | end of top level
// | f got 41
// | r1 1
// | micro
// | then 42
// | r2
async function f(x) {
  console.log("f start", x);
  const y = await x;
  console.log("f got", y);
  return y + 1;
}
console.log("before");
const p = f(41);
console.log("after", typeof p);
p.then((v) => console.log("then", v));
Promise.resolve(1).then((v) => console.log("r1", v)).then(() => console.log("r2"));
queueMicrotask(() => console.log("micro"));
console.log("end of top level");
