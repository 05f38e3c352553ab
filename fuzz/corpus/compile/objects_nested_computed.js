// test: nested objects, chained property access, and computed keys in literals and member expressions
// output:
// | local 8080 5
// | 6
// | 1 2 3
// | 0 10 20 undefined
// | 3
// | yes
// | 8081
const config = {
  server: { host: "local", port: 8080, limits: { max: 5 } },
  name: "cfg",
};
console.log(config.server.host, config.server.port, config.server.limits.max);
config.server.limits.max = 6;
console.log(config["server"]["limits"]["max"]);
const key = "dyn";
const obj = { [key]: 1, [key + "2"]: 2, ["lit" + "eral"]: 3 };
console.log(obj.dyn, obj.dyn2, obj.literal);
const names = ["a", "b", "c"];
const counts = {};
for (let i = 0; i < names.length; i++) {
  counts[names[i]] = i * 10;
}
console.log(counts.a, counts.b, counts.c, counts.d);
const inner = { level: 2 };
const outer = { child: inner };
inner.level = 3;
console.log(outer.child.level);
outer.child.extra = { deep: "yes" };
console.log(inner.extra.deep);
const k2 = "server";
console.log(config[k2].port + 1);
vmExport(1, function () {
  console.log(config.server.limits.max, obj[key], counts["b"]);
});
