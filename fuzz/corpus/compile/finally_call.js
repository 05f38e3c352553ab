// test: a finally inside an exported function runs after restore
// call: 1 5
// output:
// | finally 5
// | finally 1
// | big small
function g(n) {
  try {
    if (n > 2) return "big";
    return "small";
  } finally {
    console.log("finally", n);
  }
}
vmExport(1, (n) => console.log(g(n), g(n - 4)));
