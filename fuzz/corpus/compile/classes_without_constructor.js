// test: classes without constructors: prototype methods with this, static methods and fields, computed names, class expressions, typeof, instanceof, calling without new
// output:
// | hello x! c1 2 G2
// | function object true false
// | true function
// | function true
// | true
// | a b false
// | 20
class Greeter {
  hello(name) {
    return "hello " + name + this.suffix();
  }
  suffix() {
    return "!";
  }
  static make() {
    return new Greeter();
  }
  static count = 2;
  static label = "G" + Greeter.count;
  ["computed" + 1]() {
    return "c1";
  }
}
const g = Greeter.make();
console.log(g.hello("x"), g.computed1(), Greeter.count, Greeter.label);
console.log(typeof Greeter, typeof g, g instanceof Greeter, {} instanceof Greeter);
console.log(Greeter.prototype.constructor === Greeter, typeof Greeter.prototype.hello);
const Anon = class Named {
  who() {
    return typeof Named;
  }
  static self() {
    return Named === Anon;
  }
};
console.log(new Anon().who(), Anon.self());
try {
  Greeter();
} catch (e) {
  console.log(e instanceof TypeError);
}
function factory(tag) {
  return class {
    tag() {
      return tag;
    }
  };
}
const A = factory("a");
const B = factory("b");
console.log(new A().tag(), new B().tag(), A === B);
class WithStaticThis {
  static base = 10;
  static twice = this.base * 2;
}
console.log(WithStaticThis.twice);
