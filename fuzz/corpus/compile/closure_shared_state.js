// test: two closures share one captured variable; separate calls of the factory get separate state
// call: 2 7
// output:
// | 11 two
// | 11 two
// | 7 two
function makeBox(initial) {
  let value = initial;
  function get() {
    return value;
  }
  function set(v) {
    value = v;
  }
  return { get: get, set: set };
}
const box1 = makeBox(1);
const box2 = makeBox("two");
box1.set(11);
console.log(box1.get(), box2.get());
vmExport(1, function () {
  console.log(box1.get());
});
vmExport(2, function (v) {
  console.log(box1.get(), box2.get());
  box1.set(v);
  console.log(box1.get(), box2.get());
});
