// test: string .length and indexing with s[i], including out-of-range indices
// output:
// | 5 h o el
// | undefined undefined undefined
// | 0 undefined
// | 4 d
// | olleh
// | 3
// | l l y
// | string 1
// | 5 3
const s = "hello";
console.log(s.length, s[0], s[4], s[1] + s[2]);
console.log(s[5], s[-1], s[100]);
console.log("".length, ""[0]);
const t = "ab" + "cd";
console.log(t.length, t[3]);
let reversed = "";
for (let i = s.length - 1; i >= 0; i--) {
  reversed = reversed + s[i];
}
console.log(reversed);
let count = 0;
const text = "banana";
for (let i = 0; i < text.length; i++) {
  if (text[i] === "a") count++;
}
console.log(count);
const k = 2;
console.log(s[k], s[k + 1], "xyz"[1]);
console.log(typeof s[0], s[0].length);
console.log(("" + 12345).length, ("" + 12345)[2]);
