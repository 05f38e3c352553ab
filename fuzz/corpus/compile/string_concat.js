// test: string concatenation with numbers, booleans, null and undefined, and building strings in loops
// call: 1 "abc" 3
// output:
// | ab  x
// | n:5 b:true f:false
// | null:null undef:undefined
// | null! undefined! true!
// | 2 2 1
// | 0,1,2,3,4,
// | multi word strings join
// | quote " and \ backslash single 'quoted'
// | tab[	] done
// | hello!! hello
// | abcabcabc abcabcabc3
console.log("a" + "b", "" + "", "x" + "");
console.log("n:" + 5, "b:" + true, "f:" + false);
console.log("null:" + null, "undef:" + undefined);
console.log(null + "!", undefined + "!", true + "!");
console.log(1 + true, true + true, 1 + null);
let s = "";
for (let i = 0; i < 5; i++) {
  s = s + i + ",";
}
console.log(s);
console.log("multi word " + "strings" + " " + "join");
console.log("quote \" and \\ backslash", 'single \'quoted\'');
console.log("tab[\t] done");
const greeting = "hello";
const shout = greeting + "!" + "!";
console.log(shout, greeting);
vmExport(1, function (str, n) {
  let out = "";
  for (let i = 0; i < n; i++) {
    out = out + str;
  }
  console.log(out, out + n);
});
