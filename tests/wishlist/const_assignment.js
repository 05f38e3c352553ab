// test: assigning to a const binding throws a TypeError at run time
// output:
// | TypeError 1
const c = 1;
try {
  c = 2;
} catch (e) {
  console.log(e.name, c);
}
