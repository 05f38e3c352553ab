// Node reference runner for the Vium end-to-end scripts.
//
//   node tests/node-shim.mjs SCRIPT.js [--call ID [ARG...]]
//
// Mirrors the `vium run` contract so that Node can serve as the oracle for the
// expected output recorded in each script header:
//   * globalThis.vmExport(id, fn) registers an export; globalThis.vmImport(id)
//     returns the host function with that id (the same set the vium CLI host
//     provides, see HOST_IMPORTS below).
//   * The script is imported as an ES module (every `.js` file is forced to be
//     treated as a module, even one without import/export statements); its top
//     level, and that of the modules it imports, is the "build time" phase.
//   * With `--call ID ARG...`, export ID is then called with the arguments,
//     each parsed as JSON, or passed as a plain string if it is not valid JSON.
//   * After the top level and after the call, queued promise jobs run, then
//     the calls deferred with vmImport(4) one at a time (see settle).
//   * An uncaught exception prints `Uncaught ` + the value to stderr (for an
//     Error: `name: message`, otherwise String(value)) and exits with status 1.

import * as nodeModule from 'node:module';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

function usage(message) {
  process.stderr.write(`node-shim: ${message}\n`);
  process.stderr.write('usage: node tests/node-shim.mjs SCRIPT.js [--call ID [ARG...]]\n');
  process.exit(2);
}

function parseArgs(argv) {
  if (argv.length === 0) usage('missing script path');
  const script = argv[0];
  let call = null;
  if (argv.length > 1) {
    if (argv[1] !== '--call') usage(`unexpected argument ${JSON.stringify(argv[1])}`);
    if (argv.length < 3) usage('--call needs an export id');
    const id = Number(argv[2]);
    if (!/^\d+$/.test(argv[2]) || !Number.isSafeInteger(id)) usage(`bad export id ${JSON.stringify(argv[2])}`);
    call = { id, args: argv.slice(3).map(parseArg) };
  }
  return { script, call };
}

// Each ARG is JSON (a number, or a JSON string such as '"hi"'); anything that
// is not valid JSON is passed through as a plain string.
function parseArg(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function formatUncaught(value) {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return String(value);
}

// The host functions a script can reach with vmImport(id). Must stay identical
// to the imports provided by the vium CLI host.
const HOST_IMPORTS = new Map([
  // add(a, b)
  [1, (a, b) => a + b],
  // callBack(fn, ...args): calls back into the script; whatever fn throws
  // propagates through the host to the script that called the import.
  [2, (fn, ...args) => fn(...args)],
  // hostThrow(message)
  [3, (message) => { throw new Error(message); }],
  // later(fn, ...args): the host calls fn(...args) once the job queue is
  // empty, one deferred call at a time (see settle below).
  [4, (fn, ...args) => { deferred.push(() => fn(...args)); }],
]);

const deferred = [];

// What vium's Vm::settle does: let every queued job (microtask) run, then
// one deferred host call, and again, until neither is left. An immediate
// runs only once the microtask queue is empty.
async function settle() {
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    const next = deferred.shift();
    if (!next) return;
    next();
  }
}

// Node's own warnings (experimental or deprecated APIs used by this shim) must
// not end up in the stderr that the tests compare.
process.removeAllListeners('warning');

const exportsById = new Map();

globalThis.vmExport = function vmExport(id, fn) {
  exportsById.set(id, fn);
};

globalThis.vmImport = function vmImport(id) {
  const hostFn = HOST_IMPORTS.get(id);
  if (hostFn) return hostFn;
  // Building succeeds with an unknown import; only calling it fails.
  return function unknownImport() {
    throw new Error(`host function ${id} is not available`);
  };
};

// Force every file:*.js module to be loaded as an ES module (strict mode,
// import/export), whatever package.json files say. Uses the off-thread
// module.register (Node >= 20.6), or the synchronous module.registerHooks on
// Node versions that no longer provide it.
function isScriptUrl(url) {
  return url.startsWith('file:') && url.endsWith('.js');
}
if (typeof nodeModule.register !== 'function') {
  nodeModule.registerHooks({
    load(url, context, nextLoad) {
      if (!isScriptUrl(url)) return nextLoad(url, context);
      const result = nextLoad(url, { ...context, format: 'module' });
      return { ...result, format: 'module' };
    },
  });
} else {
  const hooks = `
export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.endsWith('.js')) {
    const result = await nextLoad(url, { ...context, format: 'module' });
    return { ...result, format: 'module' };
  }
  return nextLoad(url, context);
}
`;
  nodeModule.register('data:text/javascript,' + encodeURIComponent(hooks));
}

const { script, call } = parseArgs(process.argv.slice(2));

try {
  // Build time: the script's top level (and its imports) run now.
  await import(pathToFileURL(resolve(script)).href);
  await settle();
  if (call) {
    const fn = exportsById.get(call.id);
    if (typeof fn !== 'function') throw new Error(`no export with id ${call.id}`);
    fn(...call.args);
    await settle();
  }
} catch (e) {
  process.stderr.write(`Uncaught ${formatUncaught(e)}\n`);
  process.exitCode = 1;
}
