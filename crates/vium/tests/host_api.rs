//! The Rust host API end to end: build a script with the driver, restore the
//! image on a fresh VM, call exports several times with collections between.

use vium_compiler::driver::build_modules;
use vium_vm::{CallError, Host, HostCall, HostError, HostValue, StdAllocator, ValueKind, Vm};

#[derive(Default)]
struct Recorder(String);

impl Host for Recorder {
    fn write(&mut self, bytes: &[u8]) {
        self.0.push_str(&String::from_utf8_lossy(bytes));
    }
    fn call<'s>(
        &'s mut self,
        _: &mut Vm<'_>,
        _: u16,
        _: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>> {
        Err(HostError::Error("no imports here"))
    }
}

fn build(source: &str) -> Vec<u8> {
    let src = source.to_string();
    let mut load = move |p: &str| (p == "main.js").then(|| src.clone());
    build_modules("main.js", &mut load, &mut Recorder::default()).expect("builds")
}

#[test]
fn exported_heap_values_survive_collections_between_calls() {
    let image = build(
        "let count = 0;
         const counter = { step: 2 };
         vmExport(1, function () { count += counter.step; let junk = []; for (let i = 0; i < 200; i++) junk.push([i]); return count; });
         vmExport(2, counter);",
    );
    let mut alloc = StdAllocator;
    let mut host = Recorder::default();
    let mut vm = Vm::restore(&image, &mut alloc, &host).unwrap();
    for expected in [2.0, 4.0, 6.0] {
        vm.call_export(&mut host, 1, &[]).unwrap();
        assert_eq!(vm.result().to_f64(), expected);
        vm.run_gc().unwrap();
    }
    // Export 2 is an object, not a function: calling it is a TypeError.
    assert_eq!(vm.call_export(&mut host, 2, &[]), Err(CallError::Uncaught));
    assert_eq!(vm.exception().kind(), ValueKind::Object);
    assert!(vm.memory_stats().collections >= 3);
}

#[test]
fn strings_reach_the_host_as_bounded_views() {
    let image = build("vmExport(1, function (name) { return 'hello ' + name; });");
    let mut alloc = StdAllocator;
    let mut host = Recorder::default();
    let mut vm = Vm::restore(&image, &mut alloc, &host).unwrap();
    vm.call_export(&mut host, 1, &[HostValue::Str("world")])
        .unwrap();
    assert_eq!(vm.result().as_str(), Some("hello world"));
    assert_eq!(vm.result().kind(), ValueKind::String);
}

#[test]
fn handles_keep_values_alive_until_released() {
    let image = build("vmExport(1, function () { return { n: 41 }; }); vmExport(2, function (o) { return o.n + 1; });");
    let mut alloc = StdAllocator;
    let mut host = Recorder::default();
    let mut vm = Vm::restore(&image, &mut alloc, &host).unwrap();
    vm.call_export(&mut host, 1, &[]).unwrap();
    let h = vm.handle_result().unwrap();
    for _ in 0..3 {
        vm.run_gc().unwrap();
    }
    vm.call_export(&mut host, 2, &[HostValue::Handle(&h)])
        .unwrap();
    assert_eq!(vm.result().to_f64(), 42.0);
    let before = vm.memory_stats().heap_used;
    vm.release(h);
    vm.run_gc().unwrap();
    assert!(vm.memory_stats().heap_used < before);
}

#[test]
fn byte_arrays_cross_the_boundary_as_copies_in_and_views_out() {
    let image = build(
        "vmExport(1, function (input) {
           const out = new Uint8Array(input.length);
           for (let i = 0; i < input.length; i++) out[i] = input[i] ^ 0xff;
           return out;
         });",
    );
    let mut alloc = StdAllocator;
    let mut host = Recorder::default();
    let mut vm = Vm::restore(&image, &mut alloc, &host).unwrap();
    vm.call_export(&mut host, 1, &[HostValue::Bytes(&[0, 1, 0x80, 0xff])])
        .unwrap();
    assert_eq!(vm.result().kind(), ValueKind::Uint8Array);
    assert_eq!(vm.result().bytes(), Some(&[0xff, 0xfe, 0x7f, 0x00][..]));
}

#[test]
fn arrays_and_objects_grow_to_the_largest_allocation() {
    let image = build(
        "vmExport(1, function () {
           const a = []; let n = 0;
           try { for (;;) { a.push(n); n++; } } catch (e) { console.log(e.name, e.message, a.length); }
           const o = {}; let k = 0;
           try { for (;;) { o['p' + k] = k; k++; } } catch (e) { console.log(e.name, e.message, k); }
         });",
    );
    let mut alloc = StdAllocator;
    let mut host = Recorder::default();
    let mut vm = Vm::restore(&image, &mut alloc, &host).unwrap();
    vm.call_export(&mut host, 1, &[]).unwrap();
    assert_eq!(
        host.0,
        "RangeError Invalid array length 2047\nRangeError too many properties 1023\n"
    );
}
