// Host imports, exceptions through the host, and values the host keeps.
const add = vmImport(1);
const callBack = vmImport(2);
const hostThrow = vmImport(3);
function thrower(msg) {
  throw new Error(msg);
}
vmExport(1, function (a, b) {
  return add(a, b) * 2;
});
vmExport(2, function (msg) {
  try {
    callBack(thrower, msg);
    return "not reached";
  } catch (e) {
    return "caught " + e.message;
  }
});
vmExport(3, function (msg) {
  return callBack(thrower, msg);
});
vmExport(4, function (msg) {
  try {
    hostThrow(msg);
    return "not reached";
  } catch (e) {
    return e.name + ": " + e.message;
  }
});
vmExport(5, function (start) {
  let n = start;
  return function () {
    n = n + 1;
    return n;
  };
});
vmExport(6, function (rounds) {
  let junk = [];
  for (let i = 0; i < rounds; i++) {
    junk.push({ i: i, s: "x" + i });
  }
  return junk.length;
});
vmExport(7, function (a, b) {
  return { left: a, right: b, label: a + "/" + b };
});
function rec(n) {
  return callBack(rec, n + 1);
}
vmExport(8, function () {
  try {
    return rec(0);
  } catch (e) {
    return e.message;
  }
});
