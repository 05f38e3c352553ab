// test: operators convert arrays, errors and plain objects to primitives in an image that names neither toString nor valueOf (the engine converts them natively, without the builtin library's ToPrimitive)
// call: 1
// output:
// | 7 0 1,21 6 true 1,2,3 Error: m Error: m [object Object]1 true -4
// | [ '1', 'a', '' ] [ 4, 0, NaN ]  0
const e = new Error("m");
vmExport(1, () => {
  console.log([7] | 0, +[], [1, 2] + 1, [2] * [3], [1] == 1, [[1, 2], [3]] + "", e + "", `${e}`, {} + 1, [3] > [20], -[4]);
  // The builtins called as values (String(x) and Number(x) are instructions).
  const convert = [String, Number];
  console.log([1, "a", ""].map(convert[0]), ["4", "", "x"].map(convert[1]), convert[0](), convert[1]());
});
