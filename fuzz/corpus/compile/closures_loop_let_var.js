// test: closures in loops: per-iteration let bindings versus one shared var binding
// output:
// | 0 1 2
// | 3 3 3
// | 0 10 20
// | 2 1 3
const withLet = [];
for (let i = 0; i < 3; i++) {
  withLet.push(() => i);
}
const withVar = [];
for (var j = 0; j < 3; j++) {
  withVar.push(() => j);
}
console.log(withLet[0](), withLet[1](), withLet[2]());
console.log(withVar[0](), withVar[1](), withVar[2]());
const bodyLet = [];
let k = 0;
while (k < 3) {
  let captured = k * 10;
  bodyLet.push(() => captured);
  k++;
}
console.log(bodyLet[0](), bodyLet[1](), bodyLet[2]());
const mutated = [];
for (let m = 0; m < 3; m++) {
  mutated.push(() => m);
  m++;
}
console.log(mutated.length, mutated[0](), mutated[1]());
vmExport(1, function () {
  console.log(withLet[2](), withVar[0](), bodyLet[1]());
});
