// test: the constructor property of arrays, plain objects, strings, numbers, functions, builtin errors and class instances, before and after the snapshot
// call: 1
// output:
// | true true true true
// | true true true true
// | true undefined true
// | after: true true true true
class A {}
console.log([].constructor === Array, ({}).constructor === Object, "s".constructor === String, (5).constructor === Number);
console.log(new Error("x").constructor === Error, new TypeError("x").constructor === TypeError, new RangeError().constructor === RangeError, new SyntaxError().constructor === SyntaxError);
console.log(new A().constructor === A, Object.create(null).constructor, function () {}.constructor === Function);
const kept = [new A(), [1], new TypeError("t")];
vmExport(1, function () {
  console.log("after:", kept[0].constructor === A, kept[1].constructor === Array, kept[2].constructor === TypeError, kept[0] instanceof kept[0].constructor);
});
