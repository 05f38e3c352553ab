// test: template literals with interpolated expressions of every primitive type and nesting
// call: 1 "vium"
// output:
// | n=3, double=6
// | null undefined true 0 0.30000000000000004
// | outer inner 3
// | multi
// | line
// | no substitutions 0
// | hello vium!
const n = 3;
console.log(`n=${n}, double=${n * 2}`);
console.log(`${null} ${undefined} ${true} ${-0} ${0.1 + 0.2}`);
console.log(`outer ${`inner ${n}`}`);
console.log(`multi
line`);
console.log(`no substitutions`, `${""}`.length);
vmExport(1, (who) => console.log(`hello ${who}!`));
