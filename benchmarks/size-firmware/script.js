// The script both size firmwares run (scripts/measure-flash.sh builds it
// with vium's CLI and with Microvium 8's compiler). Microvium has no
// console at run time, so the script prints through import 1, which each
// firmware serves by writing the arguments as text to its byte sink.
// Integers only: the image must not need float support.
const print = vmImport(1);
vmExport(1, n => {
  print("n is", n);
  return n * 2;
});
