// test: extends with super(), super.method(), default derived constructors forwarding arguments, fields after super, static inheritance, extending Error
// call: 1 4
// output:
// | rex says woof (1 trick) bit says woof (1 trick)
// | dog, an animal dog, an animal true true false
// | a says b c says ...
// | bad thing 7 true true
// | p true
// | n4 says woof (1 trick) q says woof (1 trick)
class Animal {
  constructor(name, sound = "...") {
    this.name = name;
    this.sound = sound;
  }
  speak() {
    return this.name + " says " + this.sound;
  }
  static kind() {
    return "animal";
  }
}
class Dog extends Animal {
  tricks = 0;
  constructor(name) {
    super(name, "woof");
    this.tricks++;
  }
  speak() {
    return super.speak() + " (" + this.tricks + " trick)";
  }
  static kind() {
    return "dog, an " + super.kind();
  }
}
class Puppy extends Dog {}
class Args extends Animal {
  constructor(...args) {
    super(...args);
  }
}
const d = new Dog("rex");
const p = new Puppy("bit");
console.log(d.speak(), p.speak());
console.log(Dog.kind(), Puppy.kind(), p instanceof Animal, p instanceof Dog, d instanceof Puppy);
console.log(new Args("a", "b").speak(), new Args("c").speak());
class AppError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}
try {
  throw new AppError("bad thing", 7);
} catch (e) {
  console.log(e.message, e.code, e instanceof AppError, e instanceof Error);
}
class Plain extends TypeError {}
const pe = new Plain("p");
console.log(pe.message, pe instanceof TypeError);
vmExport(1, (n) => {
  const x = new Dog("n" + n);
  console.log(x.speak(), new Puppy("q").speak());
});
