// test: getters and setters in object literals and classes (instance, static, inherited, overridden)
// output:
// | 10 10 ro
// | 50 5
// | 51 510
// | 511
// | 5111
// | 3 3
// | _x,x,only
// | _x,x,only
// | {"_x":3,"x":30,"only":"ro"}
// | 212 C
// | 0 32
// | K C
// | c
// | I am base I am derived base
// | 1 2 3
// | called 3
// | true Cannot set property a of #<Object> which has only a getter
// | true
// | undefined 7
// | computed
// | from getter
const o = {
  _x: 1,
  get x() {
    return this._x * 10;
  },
  set x(v) {
    this._x = v;
  },
  get only() {
    return "ro";
  },
};
console.log(o.x, o["x"], o.only);
o.x = 5;
console.log(o.x, o._x);
o.x += 1;
console.log(o._x, o.x);
o.x++;
console.log(o._x);
++o["x"];
console.log(o._x);
const r = (o.x = 3);
console.log(r, o._x);
console.log(Object.keys(o).join(","));
const seen = [];
for (const k in o) seen.push(k);
console.log(seen.join(","));
console.log(JSON.stringify(o));

class Temp {
  constructor(c) {
    this.c = c;
  }
  get f() {
    return this.c * 9 / 5 + 32;
  }
  set f(v) {
    this.c = (v - 32) * 5 / 9;
  }
  static get unit() {
    return "C";
  }
  static set unit(v) {
    Temp.log.push(v);
  }
}
Temp.log = [];
const t = new Temp(100);
console.log(t.f, Temp.unit);
t.f = 32;
console.log(t.c, t.f);
Temp.unit = "K";
console.log(Temp.log.join(","), Temp.unit);
console.log(Object.keys(t).join(","));

class Base {
  get kind() {
    return "base";
  }
  describe() {
    return "I am " + this.kind;
  }
}
class Derived extends Base {
  get kind() {
    return "derived";
  }
}
class Plain extends Base {}
console.log(new Base().describe(), new Derived().describe(), new Plain().kind);

class Counter {
  constructor() {
    this.n = 0;
  }
  get next() {
    this.n++;
    return this.n;
  }
  get fn() {
    return function () {
      return "called " + this.n;
    };
  }
}
const c = new Counter();
console.log(c.next, c.next, c.next);
console.log(c.fn());

const w = {
  get a() {
    return 1;
  },
};
try {
  w.a = 2;
} catch (e) {
  console.log(e instanceof TypeError, e.message);
}
try {
  t.missing = 1;
  const g = new Derived();
  g.kind = "x";
} catch (e) {
  console.log(e instanceof TypeError);
}
const s = {
  set v(x) {
    this.got = x;
  },
};
s.v = 7;
console.log(s.v, s.got);
const k = "dyn";
const d = {
  get [k + "amic"]() {
    return "computed";
  },
};
console.log(d.dynamic);
function thrower() {
  const e = {
    get boom() {
      throw new Error("from getter");
    },
  };
  return e.boom;
}
try {
  thrower();
} catch (e) {
  console.log(e.message);
}
