// Speed workload 6: build a string by concatenation from 300 numbers and
// 300 commas, then build it again in chunks of ten and compare the two, and
// the first and last chunks with literals. (Microvium 8 has no string
// `length`, so the check is by comparison.)
// expect: 111
function run() {
  let s = '';
  for (let i = 0; i < 300; i++) {
    s = s + i + ',';
  }
  let t = '';
  let first = '';
  let last = '';
  for (let i = 0; i < 300; i = i + 10) {
    let chunk = '';
    for (let j = i; j < i + 10; j++) {
      chunk += j + ',';
    }
    if (i === 0) {
      first = chunk;
    }
    last = chunk;
    t += chunk;
  }
  let ok = 0;
  if (s === t) {
    ok = ok + 1;
  }
  if (first === '0,1,2,3,4,5,6,7,8,9,') {
    ok = ok + 10;
  }
  if (last === '290,291,292,293,294,295,296,297,298,299,') {
    ok = ok + 100;
  }
  return ok;
}
vmExport(1, run);
