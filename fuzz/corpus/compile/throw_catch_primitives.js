// test: throwing and catching primitive values and objects; execution resumes after the catch
// output:
// | caught 42 number
// | caught oops
// | caught null
// | caught undefined
// | caught code 7
// | in try false
// | no throw
// | end
try {
  throw 42;
} catch (e) {
  console.log("caught", e, typeof e);
}
try {
  throw "oops";
} catch (e) {
  console.log("caught", e);
}
try {
  throw null;
} catch (e) {
  console.log("caught", e);
}
try {
  throw undefined;
} catch (e) {
  console.log("caught", e);
}
try {
  throw { code: 7 };
} catch (e) {
  console.log("caught code", e.code);
}
let reached = "before";
try {
  reached = "in try";
  throw false;
  reached = "after throw";
} catch (e) {
  console.log(reached, e);
}
try {
  console.log("no throw");
} catch (e) {
  console.log("not reached");
}
console.log("end");
