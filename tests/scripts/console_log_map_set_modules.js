// test: console.log shows a Map made in a module that names Map from one that does not, and Sets made through globalThis.Set and eval
// output:
// | Map(2) { 'a' => Set(1) { 0 }, 'b' => Set(1) { 1 } }
// | [ Set(1) { 1 } ] 2
// | Set(1) { 1 }
// | Set(1) { 2 }
import { registry } from "./modules/registry.js";

// This module names neither Map nor Set; the one that makes them does.
const r = registry(["a", "b"]);
console.log(r);
console.log([r.get("b")], r.size);
const viaGlobal = new globalThis.Set([1]);
console.log(viaGlobal);
console.log(eval("new Set([2])"));
