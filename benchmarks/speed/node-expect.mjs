// Reference results for the speed workloads, from Node.js.
//
//   node benchmarks/speed/node-expect.mjs WORKLOAD.js...
//
// For each workload: runs its top level as an ES module with the same
// vmExport/vmImport contract as tests/node-shim.mjs (import 1 is
// `add(a, b)`), calls export 1 twice (a workload must give the same result
// on every call), and prints `FILE<TAB>RESULT<TAB>EXPECTED` where EXPECTED
// is the number in the file's `// expect:` line. Exits 1 if any differs.
import { readFileSync } from 'node:fs';

const HOST_IMPORTS = new Map([[1, (a, b) => a + b]]);

let exportsById;
globalThis.vmExport = (id, fn) => exportsById.set(id, fn);
globalThis.vmImport = (id) => {
  const f = HOST_IMPORTS.get(id);
  if (f) return f;
  return () => {
    throw new Error(`host function ${id} is not available`);
  };
};

let failed = false;
for (const file of process.argv.slice(2)) {
  const source = readFileSync(file, 'utf8');
  const m = /^\/\/ expect: (\S+)$/m.exec(source);
  const expected = m ? m[1] : '(none)';
  exportsById = new Map();
  let result;
  try {
    await import('data:text/javascript,' + encodeURIComponent(source));
    const run = exportsById.get(1);
    const first = run();
    const second = run();
    result = first === second ? String(first) : `${first} then ${second}`;
  } catch (e) {
    result = `Uncaught ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
  if (result !== expected) failed = true;
  console.log(`${file}\t${result}\t${expected}`);
}
process.exitCode = failed ? 1 : 0;
