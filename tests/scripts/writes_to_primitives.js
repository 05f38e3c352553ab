// test: module code is strict: writing a property of a string (its indices and length are read-only), number or boolean throws a TypeError, before and after the snapshot; a write past a Uint8Array's end is ignored
// call: 1
// output:
// | TypeError: Cannot create property 'x' on string 'abc'
// | TypeError: Cannot create property 'len' on number '5'
// | TypeError: Cannot create property 'flag' on boolean 'true'
// | ok 0 undefined 2
// | TypeError: Cannot assign to read only property '0' of string 'hey'
// | TypeError: Cannot assign to read only property 'length' of string 'hey'
// | TypeError: Cannot create property '3' on string 'hey'
// | TypeError: Cannot create property 'x' on number '1.5'
function attempt(write) {
  try {
    write();
    console.log("no error");
  } catch (e) {
    console.log(e.name + ": " + e.message);
  }
}
attempt(() => {
  "abc".x = 1;
});
attempt(() => {
  const n = 5;
  n.len = 3;
});
attempt(() => {
  const t = true;
  t["flag"] = 1;
});
const bytes = new Uint8Array(2);
bytes[5] = 7;
bytes[-1] = 7;
console.log("ok", bytes[0], bytes[5], bytes.length);
vmExport(1, function () {
  const s = "hey";
  attempt(() => {
    s[0] = "H";
  });
  attempt(() => {
    s.length = 1;
  });
  attempt(() => {
    s[3] = "!";
  });
  attempt(() => {
    const f = 1.5;
    f.x = 2;
  });
});
