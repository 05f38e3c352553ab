// test: template literals convert substitutions with String(): numbers, booleans, null, undefined, nested templates
// output:
// | 33 2 anullbundefinedctrue
// | in3ner||undefined
// | 0 0.30000000000000004 1e+21 s
// | line1
// | line2
// | big 3
const n = 3;
console.log(`${n}${n}`, `${1 + 1}`, `a${null}b${undefined}c${true}`);
console.log(`${`in${n}ner`}|${""}|${{}.x}`);
console.log(`${-0} ${0.1 + 0.2} ${1e21} ${"s"}`);
console.log(`line1
line2`);
console.log(`${n > 2 ? `big ${n}` : "small"}`);
