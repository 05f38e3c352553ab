// test: three nested try blocks each catch, record and rethrow; the catch variable shadows per level
// output:
// | 321 deep
// | inside shadow
// | outer binding
// | inner handled from inner
// | outer after inner
let depth = "";
try {
  try {
    try {
      throw "deep";
    } catch (e) {
      depth = depth + "3";
      throw e;
    }
  } catch (e) {
    depth = depth + "2";
    throw e;
  }
} catch (e) {
  depth = depth + "1";
  console.log(depth, e);
}
let e = "outer binding";
try {
  throw "shadow";
} catch (e) {
  console.log("inside", e);
}
console.log(e);
function inner() {
  try {
    throw "from inner";
  } catch (x) {
    return "inner handled " + x;
  }
}
try {
  console.log(inner());
  throw "after inner";
} catch (x) {
  console.log("outer", x);
}
