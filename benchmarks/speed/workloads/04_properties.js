// Speed workload 4: property reads and writes on a small object, 10,000
// rounds (four writes and seven reads per round).
// expect: 215710344
function run() {
  const o = { x: 1, y: 2, z: 3, w: 0 };
  for (let i = 0; i < 10000; i++) {
    o.x = o.y + 1;
    o.y = (o.z + o.x) & 255;
    o.z = o.x ^ (i & 127);
    o.w = (o.w + (o.x & 7) + o.z) % 10007;
  }
  return o.x * 1000000 + o.y * 10000 + o.w;
}
vmExport(1, run);
