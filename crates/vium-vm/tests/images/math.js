// `**` in kept code: the image needs the `math` feature (an engine without
// float has it: its powers are integers).
vmExport(1, function (x, y) {
  return x ** y;
});
