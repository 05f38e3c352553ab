// test: Object.freeze on an array: a frozen lookup table refuses push
// output:
// | TypeError
// | true 3
const table = Object.freeze([1, 2, 3]);
try {
  table.push(4);
} catch (e) {
  console.log(e.name);
}
console.log(Object.isFrozen(table), table.length);
