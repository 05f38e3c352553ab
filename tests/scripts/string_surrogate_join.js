// test: a lone high surrogate joined with a lone low surrogate becomes one code point
// output:
// | true 2 55357 56832
// | 😀
// | true 4 a😀b
// | true x😀y
// | true
// | 😃! 3
// | true 56832 2
// | true 2
const hi = "\uD83D";
const lo = "\uDE00";
const s = hi + lo;
console.log(s === "😀", s.length, s.charCodeAt(0), s.charCodeAt(1));
console.log(s);
const t = "a" + hi;
const u = t + (lo + "b");
console.log(u === "a😀b", u.length, u);
console.log([hi, lo].join("") === "😀", ["x" + hi, lo + "y"].join(""));
console.log(`${hi}${lo}` === "😀");
let acc = "";
for (const c of ["\uD83D", "\uDE03", "!"]) acc += c;
console.log(acc, acc.length);
const full = "😀";
const again = full[0] + full[1];
console.log(again === full, again.charCodeAt(1), again.length);
console.log(lo + hi === "\uDE00\uD83D", (lo + hi).length);
