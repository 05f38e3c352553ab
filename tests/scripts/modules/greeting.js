// A module with only a default export (an object) and top-level code.
import { trace } from "./trace.js";
trace("greeting top level");
export default {
  hello: function (name) {
    return "hello " + name;
  },
};
