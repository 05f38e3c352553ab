// test: String methods: charAt, charCodeAt, indexOf, lastIndexOf, includes, startsWith, endsWith, slice, substring, trim, case, pad, repeat, concat, at, in code units
// call: 1 "Hello"
// output:
// | H o [] [] H
// | 72 NaN NaN 72
// | 4 8 4 -1 0 12 11
// | 8 4 -1 0 12 3 10
// | true false false true
// | true true false true true true false false
// | world world Hello true Hel ll Hello, world
// | world Hello He world He He| lo, world
// | [pad] [x  ] [  x] [y] []
// | MIXED 123 mixed 123 3
// | 005 1231231abc abc    abc| abc-=-=- abc x  |
// | ababab true true ----------
// | true
// | ab1nullundefined2,3 
// | H d undefined undefined
// | 4 55357 56832 3 true b a
// | 233 本語 2 **日本語
// | Hello  é A B
// | HI THERE Hello...| ell 2 3
// | true true true HelloHello e 101
const s = "Hello, world";
console.log(s.charAt(0), s.charAt(4.9), "[" + s.charAt(-1) + "]", "[" + s.charAt(99) + "]", s.charAt());
console.log(s.charCodeAt(0), s.charCodeAt(99), s.charCodeAt(-1), s.charCodeAt());
console.log(s.indexOf("o"), s.indexOf("o", 5), s.indexOf("o", -5), s.indexOf("xyz"), s.indexOf(""), s.indexOf("", 99), s.indexOf("d", 11));
console.log(s.lastIndexOf("o"), s.lastIndexOf("o", 5), s.lastIndexOf("o", 3), s.lastIndexOf("H", -5), s.lastIndexOf(""), s.lastIndexOf("", 3), s.lastIndexOf("l", NaN));
console.log(s.includes("world"), s.includes("World"), s.includes("H", 1), s.includes(""));
console.log(s.startsWith("Hell"), s.startsWith("world", 7), s.startsWith("x"), s.startsWith(""), s.endsWith("world"), s.endsWith("Hello", 5), s.endsWith("o", 99), s.endsWith("Hello,", -1));
console.log(s.slice(7), s.slice(-5), s.slice(0, -7), s.slice(5, 2) === "", s.slice(-100, 3), s.slice(2.9, 4.1), s.slice());
console.log(s.substring(7), s.substring(5, 0), s.substring(-3, 2), s.substring(7, 100), s.substring(NaN, 2), s.substring(2, NaN) + "|", s.substring(3, undefined));
console.log("[" + "  \t pad \n ".trim() + "]", "[" + "  x  ".trimStart() + "]", "[" + "  x  ".trimEnd() + "]", "[" + "\u00a0\ufeffy\u2028".trim() + "]", "[" + "   ".trim() + "]");
console.log("MiXeD 123".toUpperCase(), "MiXeD 123".toLowerCase(), "Ünï".toLowerCase().length);
console.log("5".padStart(3, "0"), "abc".padStart(10, "123"), "abc".padStart(2), "abc".padStart(6) + "|", "abc".padEnd(8, "-="), "abc".padStart(5, ""), "x".padEnd(3) + "|");
console.log("ab".repeat(3), "x".repeat(0) === "", "".repeat(5) === "", "-".repeat(10));
try {
  "a".repeat(-1);
} catch (e) {
  console.log(e instanceof RangeError);
}
console.log("a".concat("b", 1, null, undefined, [2, 3]), "".concat());
console.log(s.at(0), s.at(-1), s.at(99), s.at(-99));
const astral = "a😀b";
console.log(astral.length, astral.charCodeAt(1), astral.charCodeAt(2), astral.indexOf("b"), astral.slice(1, 3) === "😀", astral.at(-1), astral.substring(0, 1));
console.log("é".charCodeAt(0), "日本語".slice(1), "日本語".indexOf("語"), "日本語".padStart(5, "*"));
console.log(String.fromCharCode(72, 101, 108, 108, 111), String.fromCharCode(), String.fromCharCode(233), String.fromCharCode(65 + 65536), String.fromCharCode("66"));
const greeting = "  Hi there  ".trim();
vmExport(1, function (name) {
  console.log(greeting.toUpperCase(), name.padEnd(8, ".") + "|", name.slice(1, -1), name.indexOf("l"), name.lastIndexOf("l"));
  console.log(name.startsWith("He"), name.endsWith("lo"), name.includes("ll"), name.repeat(2), name.charAt(1), name.charCodeAt(1));
});
