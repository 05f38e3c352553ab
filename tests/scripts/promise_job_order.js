// test: promise job order as ECMAScript specifies it: thenables, returning a promise from an async function, nested resolution, executor throws, non-function handlers, chaining cycles, finally
// output:
// | a1
// | b1
// | Promise resolver 5 is not a function
// | sync end
// | a2
// | b2
// | p1
// | thenable.then
// | thenable.then
// | TypeError:executor
// | finally1
// | finally2
// | a3
// | p2
// | from thenable
// | awaited from thenable
// | passthrough 7
// | rej passthrough 8
// | cycle TypeError
// | p3
// | nested
const log = [];
async function a() { log.push("a1"); await null; log.push("a2"); await null; log.push("a3"); }
async function b() { log.push("b1"); await null; log.push("b2"); return Promise.resolve("b-ret"); }
a();
b().then((v) => log.push(v));
Promise.resolve().then(() => log.push("p1")).then(() => log.push("p2")).then(() => log.push("p3")).then(() => log.push("p4"));
const thenable = { then(res) { log.push("thenable.then"); res("from thenable"); } };
Promise.resolve(thenable).then((v) => log.push(v));
(async () => { const v = await thenable; log.push("awaited " + v); })();
new Promise((res) => res(Promise.resolve("nested"))).then((v) => log.push(v));
new Promise(() => { throw new TypeError("executor"); }).catch((e) => log.push(e.name + ":" + e.message));
Promise.resolve(7).then(5, 6).then((v) => log.push("passthrough " + v));
Promise.reject(8).then(undefined).catch((e) => log.push("rej passthrough " + e));
const cyc = Promise.resolve().then(() => cyc);
cyc.catch((e) => log.push(e instanceof TypeError ? "cycle TypeError" : "other"));
Promise.resolve(1).finally(() => log.push("finally1")).then((v) => log.push("after finally " + v));
Promise.reject(2).finally(() => log.push("finally2")).catch((v) => log.push("after finally rej " + v));
try { new Promise(5); } catch (e) { log.push(e.message); }
setTimeoutLike();
function setTimeoutLike() { log.push("sync end"); }
Promise.resolve().then(() => Promise.resolve().then(() => Promise.resolve().then(() => { for (const l of log) console.log(l); })));
