// test: let, const and var: block scoping, shadowing, var hoisting and reassignment
// output:
// | undefined
// | 1
// | 10 20 30
// | 1 2 30
// | 6
// | 99
// | undefined
// | 5
// | inner
// | 6
console.log(hoisted);
var hoisted = 1;
console.log(hoisted);
let a = 1;
const b = 2;
{
  let a = 10;
  const b = 20;
  var c = a + b;
  console.log(a, b, c);
}
console.log(a, b, c);
a = a + 5;
console.log(a);
var c = 99;
console.log(c);
let u;
console.log(u);
function scopes() {
  var x = 1;
  if (true) {
    var x = 2;
    let y = 3;
    x = x + y;
  }
  return x;
}
console.log(scopes());
for (let i = 0; i < 1; i++) {
  let a = "inner";
  console.log(a);
}
console.log(a);
