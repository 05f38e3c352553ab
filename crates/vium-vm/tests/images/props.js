// An object in the initial heap, logged and returned to the host.
const config = { a: 1, b: "two", c: [3] };
vmExport(1, function () {
  console.log(config);
  return config;
});
