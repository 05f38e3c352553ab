// test: a return from inside try (or try/finally) drops the function's handlers: a later throw reaches the caller's catch
// output:
// | right x
// | fin
// | h caught Cannot read properties of null (reading 'x')
function f() { try { return 1; } catch (e) { console.log("wrong catch", e); } }
try { f(); throw "x"; } catch (e) { console.log("right", e); }
function g() { try { return 1; } finally { console.log("fin"); } }
function h() { try { g(); null.x; } catch (e) { console.log("h caught", e.message); } }
h();
