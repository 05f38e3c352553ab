// test: for-of and array destructuring over user objects implementing Symbol.iterator
// output:
// | 18
// | custom 10
// | custom 20
// | 5 6
function range(from, to) {
  return {
    [Symbol.iterator]() {
      let i = from;
      return {
        next() {
          return i < to ? { value: i++, done: false } : { value: undefined, done: true };
        },
      };
    },
  };
}
let total = 0;
for (const i of range(3, 7)) total += i;
console.log(total);
const custom = {
  [Symbol.iterator]() {
    return this;
  },
  n: 0,
  next() {
    this.n++;
    return { value: this.n * 10, done: this.n > 2 };
  },
};
for (const v of custom) console.log("custom", v);
const [first, second] = range(5, 9);
console.log(first, second);
