// test: Uint8Array: create from a length or an array, index with wrap-around to bytes, length, iteration, snapshot and use after restore
// call: 1 300
// output:
// | 4 0 0
// | Uint8Array(4) [ 1, 255, 44, 0 ]
// | 1 255 44 0
// | undefined object function true
// | Uint8Array(3) [ 7, 8, 9 ] 24
// | Uint8Array(0) []
// | 44 1 255 44 0
// | Uint8Array(4) [ 44, 255, 44, 0 ]
const buf = new Uint8Array(4);
console.log(buf.length, buf[0], buf[3]);
buf[0] = 1;
buf[1] = -1;
buf[2] = 300;
buf[9] = 5;
console.log(buf);
let list = "";
for (const b of buf) list += (list ? " " : "") + b;
console.log(list);
console.log(buf[9], typeof buf, typeof Uint8Array, Array.isArray([]) && !Array.isArray(buf));
const copy = new Uint8Array([7, 8, 9]);
let sum = 0;
for (let i = 0; i < copy.length; i++) sum += copy[i];
console.log(copy, sum);
console.log(new Uint8Array(0));
vmExport(1, function (n) {
  buf[0] = n;
  console.log(buf[0], buf.length > 3 ? 1 : 0, buf[1], buf[2], buf[3]);
  console.log(buf);
});
