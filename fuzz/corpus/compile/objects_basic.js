// test: object literals: property get and set, adding properties, missing properties read as undefined
// output:
// | 1 2 undefined
// | 10 2 30
// | 10 20
// | undefined object
// | added
// | 10
// | 99
// | 1 undefined null s true
// | 100
const point = { x: 1, y: 2 };
console.log(point.x, point.y, point.z);
point.x = 10;
point.z = 30;
console.log(point.x, point.y, point.z);
point["y"] = 20;
console.log(point["x"], point.y);
const empty = {};
console.log(empty.anything, typeof empty);
empty.later = "added";
console.log(empty.later);
const withFn = {
  value: 5,
  double: function (n) {
    return n * 2;
  },
};
console.log(withFn.double(withFn.value));
const ref = point;
ref.x = 99;
console.log(point.x);
const mixed = { "quoted key": 1, undef: undefined, nul: null, str: "s", yes: true };
console.log(mixed["quoted key"], mixed.undef, mixed.nul, mixed.str, mixed.yes);
point.x = point.x + 1;
console.log(point.x);
vmExport(1, function () {
  console.log(point.x, empty.later);
});
