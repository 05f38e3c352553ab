// test: eval passed as a callback, this in eval code, vmExport called by eval'd code
// call: 2
// output:
// | undefined undefined
// | [ 2, 6 ]
// | 1
// | exported from eval

// eval used as a value and inside methods; `this` in eval code; vmExport from eval code.
console.log(eval("(() => this)()"), eval("typeof this"));
console.log(["1+1", "2*3"].map(eval));
const o = eval("({ a: 1, get: function () { return this.a; } })");
console.log(o.get());
eval("vmExport(2, () => console.log('exported from eval'))");
