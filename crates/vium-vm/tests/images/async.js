// An async function suspended at build time, resumed on the device: the
// heap holds its continuation, so the image needs the `async` feature.
let resolveLater;
let result = 0;
async function waiter() {
  const v = await new Promise((resolve) => {
    resolveLater = resolve;
  });
  return v + 1;
}
waiter().then((v) => {
  result = v;
});
vmExport(1, function (v) {
  resolveLater(v);
});
vmExport(2, function () {
  return result;
});
