// String methods in kept code: the prelude writes `substring` and
// `charCodeAt` with natives that only an engine with the `strings` feature
// has, so the image needs it.
vmExport(1, function (i) {
  return "vium".substring(i, 3).length * 100 + "A".charCodeAt(0);
});
