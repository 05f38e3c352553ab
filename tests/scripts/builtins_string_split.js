// test: String split with string separators and limits, the empty separator (code units), and no separator
// requires: overflow-checks
// call: 1 "a;b;;c"
// output:
// | [ 'a', 'b', '', 'c' ] [ 'a', 'b' ] [] [ 'a', 'b', 'c' ] [ '' ] []
// | [ 'a', 'b', 'c' ] [ 'abc' ] [ 'abc' ] [ 'a', 'b', 'c' ] [ 'a', 'b', 'c' ] [ '', 'a' ] [ 'a', '' ]
// | [ 'a', 'b' ] [ 'a', 'b', 'c' ] [ 'a' ] [ '', '' ] [ 'abc' ]
// | [ '日本', '語' ] 4 [ 'a', 'b' ]
// | 3 [ 'ann', '30' ] 25
// | [ 'a', 'b', '', 'c' ] [ 'a', 'b' ] [ 'a', ';', 'b', ';', ';', 'c' ]
console.log("a,b,,c".split(","), "a,b,c".split(",", 2), "a,b".split(",", 0), "abc".split(""), "".split(","), "".split(""));
console.log("a, b, c".split(", "), "abc".split(), "abc".split(undefined), "a1b1c".split(1), "aXXbXXc".split("XX"), "XXa".split("XX"), "aXX".split("XX"));
console.log("abc".split("", 2), "a,b,c".split(",", -1), "a,b,c".split(",", 1.9), "abc".split("abc"), "abc".split("abcd"));
console.log("日本,語".split(","), "a😀b".split("").length, "a😀b".split("😀"));
const csv = "name,age\nann,30\nbob,25";
const rows = csv.split("\n").map((line) => line.split(","));
console.log(rows.length, rows[1], rows[2][1]);
vmExport(1, function (text) {
  console.log(text.split(";"), text.split(";", 2), text.split(""));
});
