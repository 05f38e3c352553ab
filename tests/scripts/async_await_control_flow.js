// test: await inside try/catch/finally, loops, for…of, async arrows and methods, static async methods; Promise.all, allSettled, race and any
// output:
// | obj method 42
// | caught boom
// | finally
// | catch() unhandled?
// | counter 5
// | total 10
// | of 10 11
// | of 20 21
// | arrow 42
// | all 3 1 2 6
// | settled rejected x fulfilled 5
// | race fast
// | any 2
// | main done
async function fail(msg) {
  await null;
  throw new Error(msg);
}
async function main() {
  try {
    await fail("boom");
    console.log("not reached");
  } catch (e) {
    console.log("caught", e.message);
  } finally {
    console.log("finally");
  }
  let total = 0;
  for (let i = 0; i < 5; i++) {
    total += await Promise.resolve(i);
  }
  console.log("total", total);
  for (const v of [10, 20]) {
    console.log("of", await v, v + (await 1));
  }
  const arrow = async (a, b) => (await a) * (await b);
  console.log("arrow", await arrow(6, 7));
  const r = await Promise.all([1, Promise.resolve(2), arrow(2, 3)]);
  console.log("all", r.length, r[0], r[1], r[2]);
  const s = await Promise.allSettled([Promise.reject(new Error("x")), 5]);
  console.log("settled", s[0].status, s[0].reason.message, s[1].status, s[1].value);
  console.log("race", await Promise.race([new Promise(() => {}), Promise.resolve("fast")]));
  console.log("any", await Promise.any([Promise.reject(1), Promise.resolve(2)]));
  return "done";
}
main().then((v) => console.log("main", v));
fail("unhandled?").catch((e) => console.log("catch()", e.message));
class Counter {
  constructor() { this.n = 0; }
  async inc(by) { await null; this.n += by; return this.n; }
  static async make() { const c = new Counter(); await c.inc(5); return c; }
}
Counter.make().then((c) => console.log("counter", c.n));
const obj = { async m(x) { return x * 2; } };
obj.m(21).then((v) => console.log("obj method", v));
