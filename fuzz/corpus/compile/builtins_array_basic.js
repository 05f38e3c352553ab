// test: Array methods that read and reshape arrays: pop, shift, unshift, slice, splice, indexOf, lastIndexOf, includes, join, concat, reverse, at, fill
// call: 1 2
// output:
// | 3 [ 1, 2 ] 2
// | undefined undefined
// | 1 [ 2 ]
// | 3 [ 7, 8, 2 ] 3 [ 7, 8, 2 ]
// | [ 0, 1, 2, 3, 4, 5 ] [ 2, 3, 4, 5 ] [ 4, 5 ] [ 1, 2, 3, 4 ] [] [ 0, 1, 2, 3, 4, 5 ]
// | [ 1, 2 ] [ 0, 1, 2, 3, 4, 5 ] [ 2, 3 ] [ 0, 1, 2, 3, 4, 5 ]
// | [ 2, 3, 4, 5 ] [ 0, 1 ]
// | [ 4 ] [ 0, 1, 2, 3, 5 ]
// | [] 0 a b 1 2 3 4 5
// | [ 1, 2, 3 ] [ 0, 'x', 4, 5 ]
// | [] [ 9, 0, 1, 2 ] [] [ 9, 0, 1, 2 ] [] [ 9, 0, 1, 2 ]
// | [ 1, 2 ] [ 0 ]
// | 1 4 4 6 -1 5 -1
// | 4 1 1 -1 -1
// | true true false true false true
// | 1,2,3,4,,,x,true 1 - 2   1,2
// | [ 1, 2, 3, 4, [ 5 ], 's' ] [] [ 7, 8, 2, 7, 8, 2 ]
// | [ 4, 3, 2, 1 ] [] [ 1 ] [ 3, 2, 1 ]
// | true
// | 3 1 undefined undefined 2
// | [ 0, 0, 0, 0 ] [ 1, 9, 9, 4 ] [ 1, 2 ]
// | 16 0 [ 1, 4, 9 ]
// | [ 4, 9 ] 0 true 2|1|4|9
// | [ 1 ] [ 2, 9, 4, 2 ]
const a = [1, 2, 3];
console.log(a.pop(), a, a.length);
console.log([].pop(), [].shift());
console.log(a.shift(), a);
console.log(a.unshift(7, 8), a, a.unshift(), a);
const s = [0, 1, 2, 3, 4, 5];
console.log(s.slice(), s.slice(2), s.slice(-2), s.slice(1, -1), s.slice(4, 2), s.slice(-100, 100));
console.log(s.slice(1.7, 3.2), s.slice(NaN), s.slice("2", "4"), s.slice(undefined, undefined));
let t = [0, 1, 2, 3, 4, 5];
console.log(t.splice(2), t);
t = [0, 1, 2, 3, 4, 5];
console.log(t.splice(-2, 1), t);
t = [0, 1, 2, 3, 4, 5];
console.log(t.splice(1, 0, "a", "b"), t.join(" "));
t = [0, 1, 2, 3, 4, 5];
console.log(t.splice(1, 3, "x"), t);
t = [0, 1, 2];
console.log(t.splice(), t, t.splice(1, undefined), t, t.splice(0, -5, 9), t);
t = [0, 1, 2];
console.log(t.splice(1, 100), t);
const n = [1, 2, NaN, 3, 2, -0, "2"];
console.log(n.indexOf(2), n.indexOf(2, 2), n.indexOf(2, -3), n.indexOf("2"), n.indexOf(NaN), n.indexOf(0), n.indexOf(9));
console.log(n.lastIndexOf(2), n.lastIndexOf(2, 3), n.lastIndexOf(2, -4), n.lastIndexOf(1, -100), n.lastIndexOf(2, undefined));
console.log(n.includes(NaN), n.includes(0), n.includes(2, 5), n.includes(3, -4), n.includes(undefined), [undefined].includes());
console.log([1, [2, [3, 4]], null, undefined, "x", true].join(), [1, 2].join(" - "), [].join(), [null].join("-"), [1, 2].join(undefined));
console.log([1, 2].concat(3, [4, [5]], [], "s"), [].concat(), a.concat(a));
console.log([1, 2, 3, 4].reverse(), [].reverse(), [1].reverse(), [1, 2, 3].reverse());
const r = [1, 2, 3];
console.log(r.reverse() === r);
console.log(r.at(0), r.at(-1), r.at(5), r.at(-4), r.at(1.5));
console.log([1, 2, 3, 4].fill(0), [1, 2, 3, 4].fill(9, 1, -1), [1, 2].fill("z", 5));
const stack = [];
for (let i = 0; i < 5; i++) stack.push(i * i);
vmExport(1, function (k) {
  console.log(stack.pop(), stack.shift(), stack);
  stack.unshift(k);
  console.log(stack.slice(-2), stack.indexOf(k), stack.includes(4), stack.join("|"));
  console.log(stack.splice(1, 1), stack.concat([k]).reverse());
});
