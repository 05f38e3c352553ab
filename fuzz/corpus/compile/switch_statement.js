// test: switch with strict matching, fallthrough, default in the middle, and break inside a loop
// output:
// | one string one two or three four other
// | eoeo
// | ab
function name(n) {
  switch (n) {
    case 1:
      return "one";
    case "1":
      return "string one";
    case 2:
    case 3:
      return "two or three";
    default:
      return "other";
    case 4:
      return "four";
  }
}
console.log(name(1), name("1"), name(3), name(4), name(9));
let log = "";
for (let i = 0; i < 4; i++) {
  switch (i % 2) {
    case 0:
      log = log + "e";
      break;
    default:
      log = log + "o";
  }
}
console.log(log);
let fall = "";
switch (1) {
  case 1:
    fall = fall + "a";
  case 2:
    fall = fall + "b";
    break;
  case 3:
    fall = fall + "c";
}
console.log(fall);
