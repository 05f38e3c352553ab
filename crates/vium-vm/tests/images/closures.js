// A closure and an object graph built at build time, used after restore.
function makeCounter(start) {
  let n = start;
  return function (step) {
    n = n + step;
    return n;
  };
}
const counter = makeCounter(100);
counter(1);
const config = { name: "sensor", limits: [10, 20, 30], nested: { depth: 2 } };
config.limits.push(40);
config.self = config;
vmExport(1, counter);
vmExport(2, function (i) {
  return config.limits[i];
});
vmExport(3, function () {
  return config.self.name + ":" + config.nested.depth + ":" + config.limits.length;
});
vmExport(4, function () {
  config.limits.push(config.limits.length * 10 + 10);
  return config.limits.length;
});
