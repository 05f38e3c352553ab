// test: relational operators on strings compare by UTF-16 code units, not numerically
// output:
// | true false false true
// | true true true
// | true true true
// | true false
// | false true
// | true true
console.log("a" < "b", "b" < "a", "a" < "a", "a" <= "a");
console.log("abc" < "abd", "ab" < "abc", "" < "a");
console.log("Z" < "a", "10" < "9", "apple" > "Apple");
console.log("é" > "z", "aé" < "af");
console.log("\uffff" < "😀", "😀" > "a");
let word = "m";
console.log(word >= "m", word > "l" && word < "n");
