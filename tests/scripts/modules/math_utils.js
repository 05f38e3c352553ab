// A module imported by modules_import.js: named exports, a default export and top-level code.
import { trace } from "./trace.js";
trace("math_utils top level");
export const PI_ISH = 3.14;
export function square(x) {
  return x * x;
}
let calls = 0;
export function counted() {
  calls++;
  return calls;
}
export default function cube(x) {
  return x * x * x;
}
