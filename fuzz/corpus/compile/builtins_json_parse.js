// test: JSON.parse: the whole grammar (escapes, numbers, nesting, white space) and malformed input throwing SyntaxError
// call: 1 4
// output:
// | [ 1, -2.5, 300, 0.01, -0, 0.125 ] true { c: null, d: true, e: false } 14 10 Aé中
// | 1 str null true [] {} 7
// | [ 1 ] 2 [ '1', 'b', 'a' ]
// | 123456789012 -9007199254740992 Infinity 0.1 1
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | SyntaxError true
// | tab	here [ 1, '2', [ 3 ] ] 0
// | [ 1, 25, -0.5, 4 ] a	b 29.5
// | SyntaxError
const v = JSON.parse(' { "a" : [ 1, -2.5, 3e2, 1E-2, -0, 0.125 ], "b": { "c": null, "d": true, "e": false }, "s": "x\\"y\\\\z\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u4e2d" } ');
console.log(v.a, Object.is(v.a[4], -0), v.b, v.s.length, v.s.charCodeAt(8), v.s.slice(-3));
console.log(JSON.parse("1"), JSON.parse('"str"'), JSON.parse("null"), JSON.parse("true"), JSON.parse(" [] "), JSON.parse("{}"), JSON.parse("\t\r\n 7 \n"));
console.log(JSON.parse('[[[]], [{}], {"x": [{"y": [1]}]}]')[2].x[0].y, JSON.parse('{"a":1,"a":2}').a, Object.keys(JSON.parse('{"b":1,"a":2,"1":3}')));
console.log(JSON.parse("123456789012"), JSON.parse("-9007199254740993"), JSON.parse("1e400"), JSON.parse("0.1"), JSON.parse('"\\ud800"').length);
const bad = ["", " ", "{", "[1,]", "[1 2]", '{"a" 1}', "{'a':1}", "01", "1.", ".5", "-", "+1", "1e", "tru", "nul", "truex", '"abc', '"a\nb"', '"\\x"', '"\\u12g4"', "[1]]", "NaN", "Infinity", "{a:1}", '{"a":1,}', "undefined", "[", "]"];
for (const b of bad) {
  try {
    JSON.parse(b);
    console.log("parsed", b);
  } catch (e) {
    console.log(e.name, e instanceof Error);
  }
}
const round = JSON.parse(JSON.stringify({ t: "tab\there", list: [1, "2", [3]], o: { "": 0 } }));
console.log(round.t, round.list, round.o[""]);
vmExport(1, function (k) {
  const text = '{"n": [1, 2.5e1, -0.5, ' + k + '], "s": "a\\tb"}';
  const o = JSON.parse(text);
  console.log(o.n, o.s, o.n.reduce((s, x) => s + x, 0));
  try {
    JSON.parse(text + "x");
  } catch (e) {
    console.log(e.name);
  }
});
