// The builtin library, in JavaScript. It is compiled into every build and
// runs first; the VM finds its objects through the reserved exports below.
// The snapshot keeps only the members whose names reachable code mentions,
// so a script pays only for the builtins it uses.
//
// Rules for this file: functions must not refer to the exported objects
// themselves (that would keep every member alive); share code through
// plain functions instead. `__vium` holds the primitives written in Rust.

const ARRAY_PROTOTYPE = 0xff00;
const STRING_PROTOTYPE = 0xff01;
const NUMBER_PROTOTYPE = 0xff02;
const OBJECT_STATICS = 0xff03;
const ARRAY_STATICS = 0xff04;
const STRING_STATICS = 0xff05;
const NUMBER_STATICS = 0xff06;
const MATH = 0xff07;
const JSON_OBJECT = 0xff08;

vmExport(ARRAY_PROTOTYPE, {
  map(fn) {
    const out = [];
    for (let i = 0; i < this.length; i++) out.push(fn(this[i], i, this));
    return out;
  },
});

vmExport(MATH, {
  floor(x) {
    const t = x | 0;
    return t > x ? t - 1 : t;
  },
});
