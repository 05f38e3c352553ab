// test: globalThis: properties written at build time (in another module) are free identifiers everywhere, also after the snapshot; globalThis.Math and friends are the builtins
// call: 1
// output:
// | sensor-7 3 9
// | 2 2 object
// | 4 true undefined true
// | 10
// | sensor-7 11 11
import "./modules/global_config.js";
console.log(deviceName, limits.low, globalThis.limits.high);
globalThis.counter = 0;
function bump() { counter += 1; return counter; }
bump(); bump();
console.log(counter, globalThis.counter, typeof globalThis);
globalThis.Math.max(1, 2);
console.log(globalThis.Math.max(3, 4), globalThis.console === console, globalThis.undefined, globalThis.Promise === Promise);
counter = 10;
console.log(globalThis.counter);
vmExport(1, () => { counter++; console.log(deviceName, counter, globalThis.counter); });
