// test: Function.prototype.call, apply and bind set this and the arguments (also array-likes and bound arguments); a method borrowed from Array.prototype; before and after the snapshot
// call: 1
// output:
// | 13 23 33
// | [ 2, 3 ] [ 'a', 'b' ] 3
// | function function true
// | 0 undefined
// | TypeError: CreateListFromArrayLike called on non-object
// | after: 105 7 [ 1, 2, 3 ]
function add(a, b) {
  return this.base + a + b;
}
console.log(add.call({ base: 10 }, 1, 2), add.apply({ base: 20 }, [1, 2]), add.bind({ base: 30 }, 1)(2));
const arrayLike = { length: 2, 0: "a", 1: "b" };
console.log(Array.prototype.slice.call([1, 2, 3], 1), Array.prototype.map.call(arrayLike, (x) => x), Math.max.apply(null, [1, 3, 2]));
console.log(typeof add.call, typeof add.bind(null), add.bind(null) !== add);
function count() {
  return arguments.length;
}
console.log(count.apply(null), count.call(undefined).x);
try {
  add.apply(null, 5);
} catch (e) {
  console.log(e.name + ": " + e.message);
}
const counter = {
  n: 100,
  bump(by) {
    this.n += by;
    return this.n;
  },
};
const bumpBy5 = counter.bump.bind(counter, 5);
const collect = function (...xs) {
  return xs;
}.bind(null, 1);
vmExport(1, function () {
  console.log("after:", bumpBy5(), add.call({ base: 4 }, 1, 2), collect(2, 3));
});
