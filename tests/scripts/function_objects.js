// test: constructor functions and functions holding properties: prototype methods, a prototype replaced wholesale and one made with Object.create, instanceof, statics on a function, a test262-style assert with methods, a memoising arrow, counters made at run time, Object.defineProperty on a function; before and after the snapshot
// call: 1
// output:
// | 7 true true
// | true 0 function
// | [ 'origin', 'count' ] true false
// | rex speaks woof true true true
// | 49 49 [ '7' ]
// | Test262Error: one Expected 2 but got 1 true
// | true false
// | true
// | 9 [ 'origin', 'count' ]
// | true
// | 3 true 1 12 103 12
// | rex speaks woof 9 [ '3', '7' ]
// | Test262Error: Expected b but got a
function Point(x, y) {
  this.x = x;
  this.y = y;
}
Point.prototype.norm1 = function () {
  return Math.abs(this.x) + Math.abs(this.y);
};
Point.origin = new Point(0, 0);
Point.count = 0;

function Test262Error(message) {
  this.message = message || "";
}
Test262Error.prototype.toString = function () {
  return "Test262Error: " + this.message;
};
function assert(ok, message) {
  if (!ok) throw new Test262Error(message);
}
assert.sameValue = function (actual, expected, message) {
  if (actual !== expected) {
    assert(false, (message ? message + " " : "") + "Expected " + expected + " but got " + actual);
  }
};

// A prototype replaced wholesale, as older libraries do.
function Animal(name) {
  this.name = name;
}
Animal.prototype = {
  speak: function () {
    return this.name + " speaks";
  },
};
function Dog(name) {
  Animal.call(this, name);
}
Dog.prototype = Object.create(Animal.prototype);
Dog.prototype.constructor = Dog;
Dog.prototype.speak = function () {
  return Animal.prototype.speak.call(this) + " woof";
};

const memo = (n) => (n in memo.cache ? memo.cache[n] : (memo.cache[n] = n * n));
memo.cache = {};

const made = new Point(3, -4);
console.log(made.norm1(), made instanceof Point, Point.prototype.constructor === Point);
console.log(Object.getPrototypeOf(made) === Point.prototype, Point.origin.norm1(), typeof Point);
console.log(Object.keys(Point), Point.hasOwnProperty("prototype"), Point.propertyIsEnumerable("prototype"));
const d = new Dog("rex");
console.log(d.speak(), d instanceof Dog, d instanceof Animal, d.constructor === Dog);
console.log(memo(7), memo(7), Object.keys(memo.cache));
try {
  assert.sameValue(1, 2, "one");
} catch (e) {
  console.log(e.toString(), e instanceof Test262Error);
}
try {
  new memo(1);
} catch (e) {
  console.log(e instanceof TypeError, "prototype" in memo);
}
class K {}
try {
  K();
} catch (e) {
  console.log(e instanceof TypeError);
}
Object.defineProperty(Point, "hidden", { value: 9, enumerable: false });
console.log(Point.hidden, Object.keys(Point));
const saved = Point.prototype;
Point.prototype = 5;
console.log(Object.getPrototypeOf(new Point(1, 2)) === Object.prototype);
Point.prototype = saved;

function makeCounter(start) {
  function counter() {
    counter.value += 1;
    return counter.value;
  }
  counter.value = start;
  return counter;
}
const c1 = makeCounter(10);
c1();
vmExport(1, () => {
  Point.count += 1;
  const p = new Point(1, 2);
  const c2 = makeCounter(100);
  c2();
  c2();
  console.log(p.norm1(), p instanceof Point, Point.count, c1(), c2(), c1.value);
  console.log(d.speak(), memo(3), Object.keys(memo.cache));
  try {
    assert.sameValue(3, 3);
    assert.sameValue("a", "b");
  } catch (e) {
    console.log(e.toString());
  }
});
