// test: Reflect.ownKeys: integer keys first in order, then insertion order; arrays add length; after restore
// call: 1
// output:
// | [ '2', '10', 'b', 'a' ]
// | [ '0', '1', 'length' ]
// | []
// | TypeError
// | [ 'x', 'y', 'z' ]
const o = { b: 1, 10: 2, a: 3, 2: 4 };
console.log(Reflect.ownKeys(o));
console.log(Reflect.ownKeys([5, 6]));
console.log(Reflect.ownKeys({}));
try {
  Reflect.ownKeys(1);
} catch (e) {
  console.log(e.name);
}
const late = { x: 1, y: 2 };
vmExport(1, function () {
  late.z = 3;
  console.log(Reflect.ownKeys(late));
});
