// test: new with spread arguments, including spreading a string and mixing fixed and spread arguments
// call: 1 7
// output:
// | 1 2 3
// | x y 9
// | 7 8 9
class Triple {
  constructor(a, b, c) {
    this.sum = a + " " + b + " " + c;
  }
}
const parts = [1, 2, 3];
console.log(new Triple(...parts).sum);
console.log(new Triple(..."xy", 9).sum);
vmExport(1, function (n) {
  console.log(new Triple(...[n, n + 1], n + 2).sum);
});
