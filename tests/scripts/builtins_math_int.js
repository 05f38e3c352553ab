// test: Math.clz32, Math.imul and Math.fround (exact float32 rounding, subnormals, overflow, ties to even)
// call: 1 2.345
// output:
// | 31 32 32 0 0 16 32 30 30 32 32 28 32
// | 8 -8 4 -5 -10 -67153019 0 1
// | 6 12 0 0 15 0 -2147483648
// | 5.5 5.050000190734863 0.10000000149011612 -0.10000000149011612 1 -0 0 NaN Infinity -Infinity
// | 9.99994610111476e-41 1.401298464324817e-45 0 0 1.401298464324817e-45 1.1754942106924411e-38 1.1754943508222875e-38
// | 3.4028234663852886e+38 Infinity 3.4028234663852886e+38 Infinity -Infinity 16777216 16777220 16777218
// | 1 1.0000001192092896 1.000000238418579 123456.7890625 0.3333333432674408 2.5 NaN 0
// | 9.668959403841238e-44 -2.0073516423545145e-39 4.229199938086072e-22 0.000004870918928645551 0.17218542098999023 2920.293701171875 36989356765268150000 4.153266029937279e+37
// | -4.259947331547444e-43 4.973730934215969e-39 -2.903661636208983e-21 -0.0000030664537007396575 0.4927601218223572 -44096.58984375 -11593552968967782000 -4.697464883193577e+37 -4.273960316190692e-43 1.7368421842043232e-39 4.2401350900889224e-21 0.000003095787860729615 0.24122369289398193 -43628.703125 11811867599732474000 -4.041433323542375e+35 -2.956739759725364e-43 3.9231900871978325e-39 -4.310869129881793e-21 0.000003027326101801009 -0.3536558151245117 -47279.44921875 21648829797049040000 2.3878790133125567e+37 3.629363022601276e-43 3.1762055200140596e-39 3.358519086594908e-21 0.000002425072125333827 -0.4638020992279053 -16099.044921875 -34972608348345600000 1.5885463352362639e+37
// | 30 307368 0.7816666960716248
console.log(Math.clz32(1), Math.clz32(0), Math.clz32(-0), Math.clz32(-1), Math.clz32(0x80000000), Math.clz32(0xffff), Math.clz32(2 ** 32), Math.clz32(2 ** 32 + 2), Math.clz32(3.9), Math.clz32(NaN), Math.clz32(), Math.clz32("8"), Math.clz32(Infinity));
console.log(Math.imul(2, 4), Math.imul(-1, 8), Math.imul(-2, -2), Math.imul(0xffffffff, 5), Math.imul(0xfffffffe, 5), Math.imul(123456789, 987654321), Math.imul(65536, 65536), Math.imul(0x7fffffff, 0x7fffffff));
console.log(Math.imul(3.7, 2.9), Math.imul("3", 4), Math.imul(NaN, 1), Math.imul(), Math.imul(2 ** 32 + 3, 5), Math.imul(-0, 5), Math.imul(0x80000000, -1));
console.log(Math.fround(5.5), Math.fround(5.05), Math.fround(0.1), Math.fround(-0.1), Math.fround(1), Math.fround(-0), Math.fround(0), Math.fround(NaN), Math.fround(Infinity), Math.fround(-Infinity));
console.log(Math.fround(1e-40), Math.fround(1e-45), Math.fround(1e-46), Math.fround(7e-46), Math.fround(2.1e-45), Math.fround(1.1754942106924411e-38), Math.fround(1.1754943508222875e-38));
console.log(Math.fround(3.4028234663852886e38), Math.fround(3.4028235677973366e38), Math.fround(3.4028235677973362e38), Math.fround(1e39), Math.fround(-1e300), Math.fround(16777217), Math.fround(16777219), Math.fround(16777218));
console.log(Math.fround(1.0000000596046448), Math.fround(1.000000059604645), Math.fround(1.0000001788139343), Math.fround(123456.789), Math.fround(1 / 3), Math.fround("2.5"), Math.fround(), Math.fround(5e-324));
let seed = 7;
const xs = [];
for (let i = 0; i < 40; i++) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  xs.push(seed / 2147483648 - 0.5);
}
const scales = [1e-42, 1e-38, 1e-20, 1e-5, 1, 1e5, 1e20, 1e38];
const shown = [];
for (let i = 0; i < xs.length; i++) {
  const v = xs[i] * scales[i % scales.length];
  shown.push(Math.fround(v));
}
console.log(shown.slice(0, 8).join(" "));
console.log(shown.slice(8).join(" "));
vmExport(1, function (x) {
  console.log(Math.clz32(x), Math.imul(x, x * 65537), Math.fround(x / 3));
});
