// The smallest Vium program: the exported function runs on the device.
function sayHello() {
  console.log('Hello, World!');
}
vmExport(1, sayHello);
sayHello();
