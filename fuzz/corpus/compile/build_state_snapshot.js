// test: objects, arrays and strings built at build time are intact and mutable after restoring the image
// call: 1 "new"
// output:
// | built 3 items
// | built 3 items 3 2.5
// | 4 new -1 three
// | 0 alpha
// | 1 beta
// | 2 gamma
// | 3 new
const registry = { count: 0, items: [], byName: {} };
function register(name, value) {
  registry.count++;
  registry.items.push(name);
  registry.byName[name] = value;
}
register("alpha", 1);
register("beta", 2.5);
register("gamma", "three");
const message = "built " + registry.count + " items";
console.log(message);
vmExport(1, function (name) {
  console.log(message, registry.items.length, registry.byName.beta);
  register(name, -1);
  console.log(registry.count, registry.items[3], registry.byName[name], registry.byName.gamma);
  for (let i = 0; i < registry.items.length; i++) {
    console.log(i, registry.items[i]);
  }
});
