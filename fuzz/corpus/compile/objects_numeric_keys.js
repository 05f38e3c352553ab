// test: numeric property keys on objects are equivalent to their string forms
// output:
// | one one two undefined
// | three
// | four
// | two three
// | hundred hundred zero zero
// | minus one minus one
// | one and a half one and a half
const table = { 1: "one", 2: "two" };
console.log(table[1], table["1"], table[2], table[3]);
table[3] = "three";
console.log(table["3"]);
table["4"] = "four";
console.log(table[4]);
const i = 2;
console.log(table[i], table[i + 1]);
const sparse = {};
sparse[100] = "hundred";
sparse[0] = "zero";
console.log(sparse[100], sparse["100"], sparse[0], sparse["0"]);
const neg = {};
neg[-1] = "minus one";
console.log(neg[-1], neg["-1"]);
const fl = {};
fl[1.5] = "one and a half";
console.log(fl[1.5], fl["1.5"]);
