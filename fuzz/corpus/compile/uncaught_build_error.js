// test: an Error thrown at build time and not caught fails the build after earlier output
// output:
// | before
// uncaught: Error: boom
console.log("before");
function explode() {
  throw new Error("boom");
}
vmExport(1, function () {
  console.log("never called");
});
explode();
console.log("after");
