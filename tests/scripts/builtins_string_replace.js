// test: String replace and replaceAll with string patterns ($ patterns, function replacements, empty patterns), codePointAt, localeCompare, normalize (ASCII), String.fromCodePoint
// call: 1 "Hello"
// output:
// | a+b-c a+b+c a-b-c a-b-c ^a-b-c |a|-|b|-|c|
// | e e true bb ba 
// | x[-|$|x|y|$1|$<n>|$]y a$ a$$ aabab
// | one < two> <> abbc aabb
// | ab14cb34 ab42 abundefined
// | 0a1b2c3 N U 3 a2
// | 97 128512 56832 98 undefined undefined 97
// | 55296 55296 56320 128512 undefined 233
// | -1 1 0 -1 1 -1 -1 -1
// | abc abc  A-z 09 x
// | true The normalization form should be one of NFC, NFD, NFKC, NFKD.
// | Hi true  2 Aé
// | true Invalid code point -1
// | true Invalid code point 1114112
// | true Invalid code point 1.5
// | true Invalid code point NaN
// | true Invalid code point NaN
// | \usr\local\bin HeLlo He23o $Hello 101
// | 0 -1 Hello 128512
const s = "a-b-c";
console.log(s.replace("-", "+"), s.replaceAll("-", "+"), s.replace("x", "+"), s.replaceAll("x", "+"), s.replace("", "^"), s.replaceAll("", "|"));
console.log("".replace("", "e"), "".replaceAll("", "e"), "".replace("a", "e") === "", "aaaa".replaceAll("aa", "b"), "aaa".replaceAll("aa", "b"), s.replace("a-b-c", ""));
console.log("x-y".replace("-", "[$&|$$|$`|$'|$1|$<n>|$]"), "ab".replace("b", "$"), "ab".replace("b", "$$$"), "ab".replaceAll("", "$`"));
console.log("one two two".replaceAll("two", "<$'>"), "abc".replace("b", "$&$&"), "a.b".replace(".", "$`$'"));
console.log("abcb".replaceAll("b", (m, p, str) => m + p + str.length), "abc".replace("c", () => 42), "abc".replace("c", () => undefined));
console.log("abc".replaceAll("", (m, p) => "" + p), "null undefined 12".replace(null, "N").replace(undefined, "U").replace(12, 3), "a1".replace("1", 2));
const astral = "a😀b";
console.log(astral.codePointAt(0), astral.codePointAt(1), astral.codePointAt(2), astral.codePointAt(3), astral.codePointAt(4), astral.codePointAt(-1), astral.codePointAt());
console.log("\ud800".codePointAt(0), "\ud800a".codePointAt(0), "\udc00\ud800".codePointAt(0), "😀".codePointAt(0.9), "".codePointAt(0), "é".codePointAt(0));
console.log("a".localeCompare("b"), "b".localeCompare("a"), "a".localeCompare("a"), "".localeCompare("a"), "ab".localeCompare("a"), "abc".localeCompare("abd"), "1".localeCompare("a"), "10".localeCompare("9"));
console.log("abc".normalize(), "abc".normalize("NFD"), "".normalize("NFKC"), "A-z 09".normalize("NFKD"), "x".normalize(undefined));
try {
  "abc".normalize("nfc");
} catch (e) {
  console.log(e instanceof RangeError, e.message);
}
console.log(String.fromCodePoint(72, 105), String.fromCodePoint(0x1f600) === "😀", String.fromCodePoint(), String.fromCodePoint(0x10ffff).length, String.fromCodePoint("65", 0xe9));
for (const bad of [-1, 0x110000, 1.5, NaN, "x"]) {
  try {
    String.fromCodePoint(bad);
  } catch (e) {
    console.log(e instanceof RangeError, e.message);
  }
}
const path = "/usr/local/bin".replaceAll("/", "\\");
vmExport(1, function (name) {
  console.log(path, name.replace("l", "L"), name.replaceAll("l", (m, i) => i), name.replace("", "$$"), name.codePointAt(1));
  console.log(name.localeCompare("Hello"), name.localeCompare("Help"), name.normalize("NFC"), String.fromCodePoint(0x1f600).codePointAt(0));
});
