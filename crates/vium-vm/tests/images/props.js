// An object in the initial heap, returned to the host.
const config = { a: 1, b: "two", c: [3] };
vmExport(1, function () {
  return config;
});
