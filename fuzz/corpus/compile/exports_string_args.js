// test: call arguments: JSON strings with spaces and escapes, numbers, and a non-JSON word passed as a plain string
// call: 7 "hello world" "tab\tand \"quotes\"" 12.5 -3 plain "日本"
// output:
// | hello world 11
// | tab	and "quotes" 16
// | 13.5 number -6 number
// | plain string 5
// | 日本 2 本
vmExport(7, function (a, b, c, d, e, f) {
  console.log(a, a.length);
  console.log(b, b.length);
  console.log(c + 1, typeof c, d * 2, typeof d);
  console.log(e, typeof e, e.length);
  console.log(f, f.length, f[1]);
});
