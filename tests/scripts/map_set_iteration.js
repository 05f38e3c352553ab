// test: Map and Set iteration while mutating, as ECMAScript says: added entries are visited, deleted ones skipped, a re-added key goes to the end, clear ends iterators, finished iterators stay finished, iterators survive reclaimed slots
// output:
// | a1 c3 d4 e5 4
// | 1,2,3,1,1,1 2,3,1 again
// | [[2,"updated"],[3,"z"],[1,"again"]]
// | p 1
// | {"done":true}
// | {"value":4,"done":false} {"done":true}
// | {"done":true} 1
// | true
// | true 2
// | 0,1,2,3,4,5,6,7,8,9,10,12,16,20,24,28,32,36 10
// | 8,12,16,20,24,28,32,36
// | 0 0 false undefined
// | 10 k1k3k5k7k9k11k13k15k17k19
// | xzw 0
// | 1,3,4,3,3,3,3 1,4,3
// | [1,1]
// | {"value":[9,9],"done":false} {"done":true}
// | a aa aaa aaaa 4
// | 0 1
// | 18
// | n true

// Entries added during iteration are visited; deleted ones not yet visited are skipped.
const m = new Map([["a", 1], ["b", 2], ["c", 3]]);
const seen = [];
for (const [k, v] of m) {
  seen.push(k + v);
  if (k === "a") {
    m.delete("b");
    m.set("d", 4);
  }
  if (k === "c") m.set("e", 5);
}
console.log(seen.join(" "), m.size);
// A key deleted and added again goes to the end, and is visited again.
const order = new Map([[1, "x"], [2, "y"], [3, "z"]]);
const visits = [];
for (const k of order.keys()) {
  visits.push(k);
  if (k === 1) {
    order.delete(1);
    order.set(1, "again");
  }
  if (visits.length > 5) break;
}
console.log(visits.join(","), [...order.keys()].join(","), order.get(1));
// Setting an existing key keeps its place.
order.set(2, "updated");
console.log(JSON.stringify([...order]));
// clear ends the iterators; one that is still running sees what is added after.
const c = new Map([["p", 1], ["q", 2], ["r", 3]]);
const it1 = c.keys();
const it2 = c.values();
console.log(it1.next().value, it2.next().value);
c.clear();
console.log(JSON.stringify(it1.next()));
c.set("s", 4);
console.log(JSON.stringify(it2.next()), JSON.stringify(it2.next()));
// A finished iterator stays finished.
console.log(JSON.stringify(it1.next()), c.size);
const short = new Map([[1, 1]]);
const done = short.entries();
done.next();
console.log(done.next().done);
short.set(2, 2);
console.log(done.next().done, short.size);
// Many deletions while iterating (the collection reclaims deleted slots):
// every iterator keeps its place.
const big = new Map();
for (let i = 0; i < 40; i++) big.set(i, i * i);
const slow = big.keys();
for (let i = 0; i < 5; i++) slow.next();
const walked = [];
for (const [k] of big) {
  walked.push(k);
  if (k === 10) for (let j = 0; j < 40; j++) if (j % 4 !== 0) big.delete(j);
}
console.log(walked.join(","), big.size);
const rest = [];
for (let r = slow.next(); !r.done; r = slow.next()) rest.push(r.value);
console.log(rest.join(","));
for (let i = 0; i < 40; i += 4) big.delete(i);
console.log(big.size, [...big].length, big.has(0), big.get(36));
for (let i = 0; i < 20; i++) big.set("k" + i, i);
for (let i = 0; i < 20; i += 2) big.delete("k" + i);
console.log(big.size, [...big.keys()].join(""));
// forEach visits what is added and skips what is deleted meanwhile.
const f = new Map([["x", 1], ["y", 2], ["z", 3]]);
const calls = [];
f.forEach((v, k, map) => {
  calls.push(k);
  if (k === "x") {
    map.delete("y");
    map.set("w", 0);
  }
  if (k === "w") map.clear();
});
console.log(calls.join(""), f.size);
// The same for Set.
const s = new Set([1, 2, 3]);
const got = [];
for (const v of s) {
  got.push(v);
  if (v === 1) {
    s.delete(2);
    s.add(4);
  }
  if (v === 3) {
    s.delete(3);
    s.add(3);
  }
  if (got.length > 6) break;
}
console.log(got.join(","), [...s].join(","));
const si = s.entries();
console.log(JSON.stringify(si.next().value));
s.clear();
s.add(9);
console.log(JSON.stringify(si.next()), JSON.stringify(si.next()));
const sf = [];
const s2 = new Set(["a"]);
s2.forEach((v) => {
  sf.push(v);
  if (sf.length < 4) s2.add(v + "a");
});
console.log(sf.join(" "), s2.size);
// An iterator follows the collection through several moves: reclaimed slots, then clear.
const chain = new Map();
for (let i = 0; i < 20; i++) chain.set(i, i);
const ci = chain.keys();
console.log(ci.next().value, ci.next().value);
for (let i = 0; i < 18; i++) chain.delete(i);
console.log(ci.next().value);
chain.clear();
chain.set("n", 1);
console.log(ci.next().value, ci.next().done);
