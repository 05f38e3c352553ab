function f(x) {
  throw x;
  x = 1;
}
