// test: optional member access, calls and indexing short-circuit the whole chain on null or undefined
// output:
// | 1 undefined undefined 20
// | 1 undefined undefined object
// | undefined undefined 0
// | 2 dflt
// | undefined undefined
// | 2 0 undefined
// | n undefined
// | ran arg no run no run
const o = { a: { b: { c: 1 } }, f() { return this.a.b.c; }, arr: [10, 20], nil: null };
console.log(o?.a?.b?.c, o.x?.y.z.w, o.nil?.b, o?.["arr"]?.[1]);
console.log(o.f?.(), o.g?.(), o.nil?.f(), typeof o.a?.b);
let calls = 0;
function side() {
  calls++;
  return "k";
}
const u = undefined;
console.log(u?.[side()], u?.m(side()), calls);
console.log(o.a?.b.c + 1, (o.nil?.b) ?? "dflt");
const fn = null;
console.log(fn?.(1), typeof fn?.call);
console.log(o?.arr.length, ""?.length, (0)?.x);
const deep = { list: [{ name: "n" }] };
console.log(deep.list?.[0]?.name, deep.list?.[5]?.name);
function call(x) {
  return x?.run?.("arg") ?? "no run";
}
console.log(call({ run: (a) => "ran " + a }), call({}), call(null));
