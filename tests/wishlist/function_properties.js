// test: functions and arrays are objects: they take named properties, and a constructor function's prototype links the objects new makes
// output:
// | 1 3 5 true 5
function F(a) {
  this.a = a;
}
F.prototype.get = function () {
  return this.a;
};
const f = function () {};
f.x = 1;
const arr = [1];
arr.foo = 3;
Math.myConst = 5;
const made = new F(5);
console.log(f.x, arr.foo, Math.myConst, made instanceof F, made.get());
