// test: console.log shows an array's holes as Node does, one run of holes as one entry, before and after the snapshot
// call: 1
// output:
// | [ 1, <1 empty item>, 3 ]
// | [ <2 empty items>, 'x' ] [ 'a', <3 empty items> ]
// | [ <1 empty item> ] [ 1, 2 ]
// | after: [ 1, <1 empty item>, 3, <2 empty items>, 6 ]
console.log([1, , 3]);
const tail = ["a"];
tail.length = 4;
console.log([, , "x"], tail);
console.log([,], [1, 2]);
const kept = [1, , 3, , , 6];
vmExport(1, function () {
  console.log("after:", kept);
});
