// Runaway loops, out of memory and deep recursion.
let reached = 0;
vmExport(1, function () {
  let i = 0;
  while (true) {
    i = i + 1;
  }
});
vmExport(2, function () {
  let keep = [];
  try {
    while (true) {
      keep.push({ a: keep.length, b: "x" + keep.length });
    }
  } catch (e) {
    reached = keep.length;
    keep = null;
    return e.name + ": " + e.message;
  }
});
vmExport(3, function () {
  let keep = [];
  while (true) {
    keep.push([keep.length, keep.length + 1]);
  }
});
function deep(n) {
  return deep(n + 1) + 1;
}
vmExport(4, function () {
  try {
    deep(0);
    return "not reached";
  } catch (e) {
    return e.name + ": " + e.message;
  }
});
vmExport(5, function () {
  return deep(0);
});
vmExport(6, function (x) {
  return x * 2;
});
vmExport(7, function () {
  return reached;
});
