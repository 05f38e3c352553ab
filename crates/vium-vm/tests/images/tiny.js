// A small image with a string, an object, an array and a closure.
const greeting = "hi";
const box = { n: 1, list: [1, 2] };
function make(k) {
  return function (x) {
    box.n = box.n + x + k;
    return greeting + box.n + box.list.length;
  };
}
vmExport(1, make(2));
