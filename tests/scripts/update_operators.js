// test: prefix and postfix ++/-- results, and compound assignment on variables, properties and elements
// output:
// | 5 6 7 7
// | 7 6 5 5
// | 24
// | 3
// | 1
// | 13 13 12
// | 2 20 3!
// | a1true
// | 2147483648
// | 2.5
// | NaN
// output-wrapping:
// | 5 6 7 7
// | 7 6 5 5
// | 24
// | 3
// | 1
// | 13 13 12
// | 2 20 3!
// | a1true
// | -2147483648
// | 2.5
// | NaN
let i = 5;
console.log(i++, i, ++i, i);
console.log(i--, i, --i, i);
let x = 10;
x += 5;
x -= 3;
x *= 2;
console.log(x);
x /= 8;
console.log(x);
x %= 2;
console.log(x);
const o = { n: 1 };
o.n++;
++o.n;
o.n += 10;
console.log(o.n, o.n--, o.n);
const a = [1, 2, 3];
a[0]++;
a[1] *= 10;
a[2] += "!";
console.log(a[0], a[1], a[2]);
let s = "a";
s += 1;
s += true;
console.log(s);
let big = 2147483647;
big++;
console.log(big);
let f = 1.5;
f++;
console.log(f);
let u;
u++;
console.log(u);
