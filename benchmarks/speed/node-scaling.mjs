// Reference results for the scaling workloads (benchmarks/speed/scaling),
// from Node.js.
//
//   node benchmarks/speed/node-scaling.mjs SIZES WORKLOAD.js...
//
// SIZES is a comma-separated list of n. For each workload and each n: runs
// its top level as an ES module with the vmExport/vmImport contract of
// tests/node-shim.mjs, calls export 1 with n and checks that it returns n
// (each workload checks its own work and returns n when every check
// passes). Prints `FILE<TAB>n<TAB>RESULT` for each call that does not, and
// exits 1 if there is one.
import { readFileSync } from 'node:fs';

const [sizes, ...files] = process.argv.slice(2);
let exportsById;
globalThis.vmExport = (id, fn) => exportsById.set(id, fn);
globalThis.vmImport = (id) => () => {
  throw new Error(`host function ${id} is not available`);
};

let failed = false;
for (const file of files) {
  exportsById = new Map();
  const source = readFileSync(file, 'utf8');
  await import('data:text/javascript,' + encodeURIComponent(source));
  const run = exportsById.get(1);
  for (const n of sizes.split(',').map(Number)) {
    let result;
    try {
      result = run(n);
    } catch (e) {
      result = `Uncaught ${e}`;
    }
    if (result !== n) {
      failed = true;
      console.log(`${file}\t${n}\t${result}`);
    }
  }
}
process.exitCode = failed ? 1 : 0;
