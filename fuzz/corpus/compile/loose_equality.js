// test: loose equality == and != with type coercion
// output:
// | true true true false true
// | false true false false
console.log(1 == "1", 0 == "", null == undefined, null == 0, "0" == false);
console.log(0 / 0 == 0 / 0, [] == "", 1 != "1", undefined != null);
