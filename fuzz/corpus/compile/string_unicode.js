// test: non-ASCII strings: .length and indexing count UTF-16 code units
// output:
// | é 日本 😀
// | 1 2 2
// | 日 本
// | 4 é
// | a日本😀é 6
// | true false undefined
// | true true
// | 4
// | 12
// | true 日本語
const e = "é";
const jp = "日本";
const emoji = "😀";
console.log(e, jp, emoji);
console.log(e.length, jp.length, emoji.length);
console.log(jp[0], jp[1]);
console.log("café".length, "café"[3]);
const mixed = "a" + jp + emoji + e;
console.log(mixed, mixed.length);
console.log(mixed[1] === "日", mixed[3] === emoji, mixed[6]);
console.log(emoji === "\ud83d\ude00", "\u00e9" === e);
console.log(("x" + emoji + "y").length);
console.log("naïve résumé".length);
console.log("Ω" < "日", jp + "語");
