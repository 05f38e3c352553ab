// test: finally runs on break, continue, return and throw; a return in finally overrides; nested finally blocks run innermost first
// output:
// | break end break0,f0,f1
// | continue end f0,continue1,f1,continue2,f2
// | return ret1 return0,f0,f1
// | throw caught boom2 throw0,f0,throw1,f1,f2
// | finally
// | swallowed
// | inner,f1,f2
// | finally sees 2
// | returned 1
// | inner finally 1
// | outer finally 1
// | inner finally 2
// | outer finally 2
// | inner finally 3
// | outer finally 3
// | k 3
// | catch first
// | finally after rethrow
// | outer caught second
let log = [];
function j(a) {
  let s = "";
  for (let i = 0; i < a.length; i++) s += (i ? "," : "") + a[i];
  return s;
}
function f(mode) {
  for (let i = 0; i < 3; i++) {
    try {
      if (mode === "break" && i === 1) break;
      if (mode === "continue" && i === 0) continue;
      if (mode === "return" && i === 1) return "ret" + i;
      if (mode === "throw" && i === 2) throw new Error("boom" + i);
      log.push(mode + i);
    } finally {
      log.push("f" + i);
    }
  }
  return "end";
}
for (const m of ["break", "continue", "return", "throw"]) {
  let r;
  try {
    r = f(m);
  } catch (e) {
    r = "caught " + e.message;
  }
  console.log(m, r, j(log));
  log = [];
}
function override() {
  try {
    return "try";
  } finally {
    return "finally";
  }
}
console.log(override());
function swallow() {
  for (;;) {
    try {
      throw new Error("lost");
    } finally {
      break;
    }
  }
  return "swallowed";
}
console.log(swallow());
function nested() {
  const out = [];
  try {
    try {
      out.push("inner");
      return out;
    } finally {
      out.push("f1");
    }
  } finally {
    out.push("f2");
  }
}
console.log(j(nested()));
function order() {
  let x = 1;
  try {
    return x;
  } finally {
    x = 2;
    console.log("finally sees", x);
  }
}
console.log("returned", order());
let k = 0;
outer: while (k < 5) {
  k++;
  for (;;) {
    try {
      try {
        if (k < 3) continue outer;
        break outer;
      } finally {
        console.log("inner finally", k);
      }
    } finally {
      console.log("outer finally", k);
    }
  }
}
console.log("k", k);
try {
  try {
    throw "first";
  } catch (e) {
    console.log("catch", e);
    throw "second";
  } finally {
    console.log("finally after rethrow");
  }
} catch (e) {
  console.log("outer caught", e);
}
vmExport(1, (n) => {
  try {
    if (n > 2) return "big";
    return "small";
  } finally {
    console.log("export finally", n);
  }
});
