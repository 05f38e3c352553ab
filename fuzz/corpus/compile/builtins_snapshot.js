// test: builtins used only after restore, only at build time, and on state built at build time
// call: 1 5
// output:
// | alpha,bravo,charlie,delta 7
// | 4 13.50 [ 30, 12 ] 012 007 030 005
// | {"alpha":0,"bravo":1,"charlie":2,"delta":3} 2 4
// | {"count":4,"mean":"13.50","top":[30,12],"text":"012 007 030 005"} OVARB
const log = [];
const names = ["delta", "alpha", "charlie", "bravo"].sort();
const index = Object.fromEntries(names.map((n, i) => [n, i]));
log.push(JSON.stringify(index));
console.log(names.join(","), Math.max(...names.map((n) => n.length)));
function summary(list) {
  const total = list.reduce((s, x) => s + x, 0);
  const mean = total / list.length;
  return {
    count: list.length,
    mean: mean.toFixed(2),
    top: list.slice().sort((x, y) => y - x).slice(0, 2),
    text: list.map((x) => String(x).padStart(3, "0")).join(" "),
  };
}
const readings = [12, 7, 30];
vmExport(1, function (x) {
  readings.push(x);
  const s = summary(readings);
  console.log(s.count, s.mean, s.top, s.text);
  console.log(log[0], index.charlie, Object.keys(index).filter((k) => k.includes("a")).length);
  console.log(JSON.stringify(s), "bravo".toUpperCase().split("").reverse().join(""));
});
