// test: eval and new Function of text that does not parse throw a catchable SyntaxError
// output:
// | true true SyntaxError
// | true true SyntaxError
// | true true SyntaxError
// | true true SyntaxError
// | new Function: SyntaxError
// | still works

// Text that does not parse: eval and new Function throw a SyntaxError the
// script can catch.
for (const text of ["1 +* 2", "let let = 1", "(", "return 1"]) {
  try {
    eval(text);
    console.log("no error");
  } catch (e) {
    console.log(e instanceof SyntaxError, e instanceof Error, e.name);
  }
}
try {
  new Function("a", "return a +");
} catch (e) {
  console.log("new Function:", e.name);
}
console.log(eval("'still works'"));
