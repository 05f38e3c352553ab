// Allocation churn: most objects die young, a few stay live for a while.
let live = [];
vmExport(1, function (rounds) {
  for (let r = 0; r < rounds; r++) {
    const obj = { id: r, name: "item" + r, list: [r, r + 1, r + 2] };
    if (r % 4 === 0) {
      live.push(obj);
    }
    if (live.length > 16) {
      live = [];
    }
  }
  return live.length;
});
vmExport(2, function () {
  let sum = 0;
  for (let i = 0; i < live.length; i++) {
    sum = sum + live[i].list[2] - live[i].id;
  }
  return sum;
});
vmExport(3, function () {
  live = [];
  return 0;
});
