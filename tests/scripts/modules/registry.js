// A module that makes Maps and Sets, for console_log_map_set_modules.js.
export function registry(names) {
  return new Map(names.map((n, i) => [n, new Set([i])]));
}
