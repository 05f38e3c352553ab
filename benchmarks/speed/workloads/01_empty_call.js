// Speed workload 1: an empty export call (the fixed cost of a call from the
// host into the VM and back).
// expect: 1
vmExport(1, function () {
  return 1;
});
