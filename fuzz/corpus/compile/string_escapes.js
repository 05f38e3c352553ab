// test: escape sequences in string literals, including newlines that split the output into lines
// output:
// | line1
// | line2
// | a\nb quote:" apos:'
// | ABC true
// | true 2
// | 7 nul char length: 3
// | 日本
// | 18 true
// | ab
console.log("line1\nline2");
console.log("a\\nb", "quote:\"", 'apos:\'');
console.log("\u0041\x42\u{43}", "\u00e9" === "é");
console.log("\u{1F600}" === "😀", "\u{1F600}".length);
console.log("tab:[\t]".length, "nul char length:", "a\0b".length);
console.log("\u65e5\u672c");
const multi = "first\nsecond\nthird";
console.log(multi.length, multi[5] === "\n");
console.log("a\
b");
