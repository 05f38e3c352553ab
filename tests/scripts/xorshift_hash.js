// test: a xorshift PRNG and a djb2-style hash mixing shifts, xor, >>> 0 and | 0 on negative int32 values
// call: 1 12345
// output:
// | 270369 67634689 2647435461 307599695 307599695
// | 253983 4228382207 1958451267 1958451267
// | 261238937
// | 1984555229
// | 4144635633 3735928559
// | 3336926330 1697253807 2816511904 1955480042 718842323 718842323
// output-wrapping:
// | 270369 67634689 -1647531835 307599695 307599695
// | 253983 -66585089 1958451267 1958451267
// | 261238937
// | 1984555229
// | -150331663 -559038737
// | -958040966 1697253807 -1478455392 1955480042 718842323 718842323
function xorshift(seed, rounds) {
  let x = seed | 0;
  let out = "";
  for (let i = 0; i < rounds; i++) {
    x = x ^ (x << 13);
    x = x ^ (x >>> 17);
    x = x ^ (x << 5);
    out = out + (x >>> 0) + " ";
  }
  return out + x;
}
function djb2(codes) {
  let h = 5381;
  for (let i = 0; i < codes.length; i++) {
    h = ((h << 5) + h + codes[i]) | 0;
  }
  return h;
}
console.log(xorshift(1, 4));
console.log(xorshift(-1, 3));
console.log(djb2([104, 101, 108, 108, 111]));
console.log(djb2([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]));
console.log(((0xdeadbeef * 31) | 0) >>> 0, (0xdeadbeef ^ 0) >>> 0);
vmExport(1, function (seed) {
  console.log(xorshift(seed, 5));
});
