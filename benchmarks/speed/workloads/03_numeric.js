// Speed workload 3: a numeric loop of 20,000 iterations mixing int14
// (-8192..8191), int32 and float64 arithmetic. The loop counter itself
// leaves the int14 range after 8,191.
// expect: 74360656
function run() {
  let small = 0; // stays int14
  let big = 100000; // int32
  let f = 0.5; // float64
  let acc = 0;
  for (let i = 0; i < 20000; i++) {
    small = (small + i * 3) % 8000;
    big = (big * 3 + i) % 1000003;
    f = f * 1.0001 + 0.25;
    if (f > 1000) {
      f = f - 999.5;
    }
    acc = (acc + small + (big & 1023) + (f | 0) - (i >> 3)) | 0;
  }
  if (f < 0.5 || f > 1000) {
    return -1;
  }
  return acc;
}
vmExport(1, run);
