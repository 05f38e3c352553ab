// test: an async function suspended at build time on a pending promise resumes on the device when an export resolves it; a throw after resuming is caught inside it
// call: 1 21
// output:
// | w1 waiting
// | top level done
// | export 1 called
// | export 1 returns
// | w1 released with 21
// | w1 caught RangeError 21
// | w1 result 42
let release;
const gate = new Promise((resolve) => { release = resolve; });
async function worker(name) {
  console.log(name, "waiting");
  let count = 0;
  try {
    const v = await gate;
    count += v;
    console.log(name, "released with", v);
    await null;
    throw new RangeError("after release");
  } catch (e) {
    console.log(name, "caught", e.name, count);
  }
  return count * 2;
}
const done = worker("w1");
done.then((v) => console.log("w1 result", v));
console.log("top level done");
vmExport(1, (v) => {
  console.log("export 1 called");
  release(v);
  console.log("export 1 returns");
});
