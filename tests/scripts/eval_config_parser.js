// test: a record parser specialised at build time from a configuration table with new Function
// call: 1 "42999ab"
// output:
// | return { "id": parseInt(line.slice(0, 2), 10), "temp": parseInt(line.slice(2, 5), 10), "label": line.slice(5, 9).trim() };
// | 7 123 ab
// | 43 1998 [ab]

// A parser specialised at build time from a configuration table: the code
// is generated as text, compiled by the build, and only the generated
// function reaches the image.
const fields = [
  { name: "id", width: 2, type: "int" },
  { name: "temp", width: 3, type: "int" },
  { name: "label", width: 4, type: "text" },
];

function generateParser(config) {
  let offset = 0;
  const parts = [];
  for (const f of config) {
    const slice = "line.slice(" + offset + ", " + (offset + f.width) + ")";
    const value = f.type === "int" ? "parseInt(" + slice + ", 10)" : slice + ".trim()";
    parts.push(JSON.stringify(f.name) + ": " + value);
    offset += f.width;
  }
  return "return { " + parts.join(", ") + " };";
}

const source = generateParser(fields);
console.log(source);
const parse = new Function("line", source);
const r = parse("07123ab  ");
console.log(r.id, r.temp, r.label);
vmExport(1, (line) => {
  const rec = parse(line);
  console.log(rec.id + 1, rec.temp * 2, "[" + rec.label + "]");
});
