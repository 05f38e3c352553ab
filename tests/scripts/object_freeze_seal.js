// test: Object.freeze, seal and preventExtensions with isFrozen, isSealed and isExtensible: refused writes, additions and deletions throw TypeErrors in module code; freezing is shallow; an object frozen at build time stays frozen on the device
// call: 1
// output:
// | TypeError: Cannot assign to read only property 'x' of object '#<Object>'
// | TypeError: Cannot add property w, object is not extensible
// | TypeError: Cannot delete property 'x' of #<Object>
// | { x: 1, y: { z: 3 } } true true false
// | false false true true false
// | true 5 s
// | TypeError: Cannot delete property 'q' of #<Object>
// | TypeError: Cannot add property r, object is not extensible
// | { q: 2 } true false false
// | TypeError: Cannot add property t, object is not extensible
// | TypeError: Cannot define property t, object is not extensible
// | {} false true true
// | 5 true {"enumerable":true,"configurable":false}
// | TypeError: Cannot assign to read only property 'n' of object '#<Object>'
// | TypeError: Cannot add property m, object is not extensible
// | after: { inner: { deep: 2 }, n: 1 } true false
function attempt(f) {
  try {
    const r = f();
    console.log("ok", r);
  } catch (e) {
    console.log(e.name + ": " + e.message);
  }
}
const f = Object.freeze({ x: 1, y: { z: 2 } });
attempt(() => (f.x = 2));
attempt(() => (f.w = 2));
attempt(() => delete f.x);
f.y.z = 3;
console.log(f, Object.isFrozen(f), Object.isSealed(f), Object.isExtensible(f));
console.log(Object.isFrozen({}), Object.isSealed({}), Object.isExtensible({}), Object.isFrozen(1), Object.isExtensible(1));
console.log(Object.isFrozen(Object.preventExtensions({})), Object.freeze(5), Object.seal("s"));
const s = Object.seal({ q: 1 });
s.q = 2;
attempt(() => delete s.q);
attempt(() => (s.r = 1));
console.log(s, Object.isSealed(s), Object.isFrozen(s), Object.isExtensible(s));
const p = Object.preventExtensions({ r: 1 });
attempt(() => (p.t = 1));
attempt(() => Object.defineProperty(p, "t", { value: 1 }));
delete p.r;
console.log(p, Object.isExtensible(p), Object.isSealed(p), Object.isFrozen(p));
const acc = Object.freeze({
  get v() {
    return 5;
  },
});
console.log(acc.v, Object.isFrozen(acc), JSON.stringify(Object.getOwnPropertyDescriptor(acc, "v")));
const inner = { deep: 1 };
const frozenAtBuild = Object.freeze({ inner: inner, n: 1 });
vmExport(1, function () {
  attempt(() => (frozenAtBuild.n = 2));
  attempt(() => (frozenAtBuild.m = 2));
  frozenAtBuild.inner.deep = 2;
  console.log("after:", frozenAtBuild, Object.isFrozen(frozenAtBuild), Object.isFrozen(inner));
});
