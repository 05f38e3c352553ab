// Needs the engine feature `reflect`: `Object.keys` and object spread are
// written with the object-reflection natives.
vmExport(1, (n) => {
  const o = { ...{ a: n, b: 2 }, c: 3 };
  return Object.keys(o).length * 100 + o.a + o.b + o.c;
});
