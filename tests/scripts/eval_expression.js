// test: build-time eval of expressions: completion values, directives, non-string arguments, repeated texts, typeof eval
// output:
// | 7
// | concat [ 1, 4, 9 ]
// | 42
// | undefined undefined then
// | directive 42 undefined null
// | function function
// | 100
// | 100
// | 200
// | 7 3

// Build-time eval of expressions: completion values, non-strings, typeof.
console.log(eval("1 + 2 * 3"));
console.log(eval("'con' + 'cat'"), eval("[1, 2, 3].map((x) => x * x)"));
console.log(eval("let a = 6; let b = 7; a * b"));
console.log(eval("var unused = 1;"), eval(""), eval("if (true) { 'then' } else { 'else' }"));
console.log(eval("'directive'"), eval(42), eval(), eval(null));
console.log(typeof eval, typeof Function);
const table = [10, 20, 30];
for (let i = 0; i < 3; i++) {
  // The same text twice is compiled once.
  console.log(eval("Math.max(" + i + ", 1) * 100"));
}
let total = 0;
for (const text of ["1", "2", "3", "1"]) total += eval(text);
console.log(total, table.length);
