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

/// A firmware-style host: import 7 starts a "transfer" and keeps the
/// script's callback in a handle; the host completes it later, from
/// `run_deferred`, the way an interrupt-driven driver would.
#[derive(Default)]
struct TransferHost {
    out: String,
    pending: Vec<vium_vm::Handle>,
}

impl Host for TransferHost {
    fn write(&mut self, bytes: &[u8]) {
        self.out.push_str(&String::from_utf8_lossy(bytes));
    }
    fn call<'s>(
        &'s mut self,
        vm: &mut Vm<'_>,
        id: u16,
        call: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>> {
        assert_eq!(id, 7);
        let h = vm
            .handle_arg(&call, 0)
            .map_err(|e| HostError::Error(e.message()))?;
        self.pending.push(h);
        Ok(HostValue::Undefined)
    }
    fn run_deferred(&mut self, vm: &mut Vm<'_>) -> Result<bool, CallError> {
        let Some(done) = self.pending.pop() else {
            return Ok(false);
        };
        let outcome = vm.call_handle(self, &done, &[HostValue::Number(42.0)]);
        vm.release(done);
        outcome.map(|()| true)
    }
}

#[test]
fn an_async_export_awaits_a_transfer_the_host_completes_later() {
    let source = "
        const transfer = vmImport(7);
        vmExport(1, async (label) => {
          const n = await new Promise((resolve) => transfer(resolve));
          console.log(label, n);
          return n + 1;
        });";
    let src = source.to_string();
    let mut load = move |p: &str| (p == "main.js").then(|| src.clone());
    let image = build_modules("main.js", &mut load, &mut TransferHost::default()).unwrap();
    let mut alloc = StdAllocator;
    let mut host = TransferHost::default();
    let mut vm = Vm::restore(&image, &mut alloc, &host).unwrap();
    vm.call_export(&mut host, 1, &[HostValue::Str("got")])
        .unwrap();
    // The export returned its promise; nothing has run past the await.
    assert_eq!(vm.result().kind(), ValueKind::Object);
    assert_eq!(host.out, "");
    assert_eq!(host.pending.len(), 1);
    // Jobs alone cannot finish it: the transfer is still pending.
    vm.run_jobs(&mut host).unwrap();
    assert_eq!(host.out, "");
    // Settling completes the transfer and runs what it unblocked.
    vm.run_gc().unwrap();
    vm.settle(&mut host).unwrap();
    assert_eq!(host.out, "got 42\n");
    assert!(host.pending.is_empty());
}
