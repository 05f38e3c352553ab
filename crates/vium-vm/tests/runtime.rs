//! The runtime through its public API, on committed images (no compiler, so
//! Miri can run this file):
//!
//! ```sh
//! cargo test -p vium-vm --test runtime
//! MIRIFLAGS=-Zmiri-strict-provenance cargo +nightly miri test -p vium-vm --test runtime
//! ```
//!
//! The images are built from the `.js` files beside them in `images/`;
//! `crates/vium/tests/fixtures.rs` fails when one is stale
//! (`VIUM_BLESS=1 cargo test -p vium --test fixtures` rewrites them). Every
//! VM here lives in an `ArenaAllocator`, as on a device.

use vium_vm::format::image_crc;
use vium_vm::{
    ArenaAllocator, CallError, HeapLimit, HibernateError, Host, HostCall, HostError, HostValue,
    ImageError, RawError, TypeCode, ValueKind, ValueRef, Vm, VmError,
};

const BASIC: &[u8] = include_bytes!("images/basic.vbc");
const CLOSURES: &[u8] = include_bytes!("images/closures.vbc");
const HOST: &[u8] = include_bytes!("images/host.vbc");
const LIMITS: &[u8] = include_bytes!("images/limits.vbc");
const CHURN: &[u8] = include_bytes!("images/churn.vbc");
const COSTS: &[u8] = include_bytes!("images/costs.vbc");
const TINY: &[u8] = include_bytes!("images/tiny.vbc");
const PROPS: &[u8] = include_bytes!("images/props.vbc");
const ACCESSORS: &[u8] = include_bytes!("images/accessors.vbc");
const ALL: [(&str, &[u8]); 9] = [
    ("props", PROPS),
    ("accessors", ACCESSORS),
    ("basic", BASIC),
    ("closures", CLOSURES),
    ("host", HOST),
    ("limits", LIMITS),
    ("churn", CHURN),
    ("costs", COSTS),
    ("tiny", TINY),
];

/// Room for a VM with a small heap: globals, heap, GC to-space and stack.
const ARENA: usize = 0xFFFE;

/// The reference imports of the CLI (`crates/vium/src/host.rs`): 1 `add`,
/// 2 `callBack(fn, ...args)`, 3 `hostThrow(message)`. Records what it sees.
#[derive(Default)]
struct TestHost {
    out: Vec<u8>,
    text: String,
    /// `memory_stats().stack` as seen from inside a host call.
    stack_seen: usize,
    host_calls: usize,
}

impl Host for TestHost {
    fn write(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }
    fn call<'s>(
        &'s mut self,
        vm: &mut Vm<'_>,
        id: u16,
        call: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>> {
        self.host_calls += 1;
        self.stack_seen = vm.memory_stats().stack;
        match id {
            1 => Ok(HostValue::Number(
                vm.arg(&call, 0).to_f64() + vm.arg(&call, 1).to_f64(),
            )),
            2 => {
                let args: Vec<HostValue> = (1..call.arg_count()).map(HostValue::Arg).collect();
                match vm.call(self, &call, 0, &args) {
                    Ok(()) => Ok(HostValue::LastResult),
                    Err(CallError::Uncaught) => Err(HostError::Propagate),
                    Err(CallError::Fatal(e)) => Err(HostError::Error(e.message())),
                    Err(CallError::NoSuchExport(_)) => Err(HostError::Error("no such export")),
                }
            }
            3 => {
                self.text = text(&vm.arg(&call, 0));
                Err(HostError::Error(&self.text))
            }
            _ => Err(HostError::Error("no such import")),
        }
    }
}

/// `String(v)` as the host sees it (`name: message` for an Error).
fn text(v: &ValueRef<'_, '_>) -> String {
    let mut bytes = Vec::new();
    v.write_display(&mut |b| bytes.extend_from_slice(b));
    // Lossy: a corrupt image may hold a non-UTF-8 "ASCII" string.
    String::from_utf8_lossy(&bytes).into_owned()
}

fn num(x: f64) -> HostValue<'static> {
    HostValue::Number(x)
}

/// Calls export `id` and returns its result as text.
#[track_caller]
fn call_text(vm: &mut Vm<'_>, host: &mut TestHost, id: u16, args: &[HostValue<'_>]) -> String {
    match vm.call_export(host, id, args) {
        Ok(()) => text(&vm.result()),
        Err(e) => panic!("export {id} failed: {e:?} ({})", text(&vm.exception())),
    }
}

#[track_caller]
fn call_num(vm: &mut Vm<'_>, host: &mut TestHost, id: u16, args: &[HostValue<'_>]) -> f64 {
    match vm.call_export(host, id, args) {
        Ok(()) => vm.result().to_f64(),
        Err(e) => panic!("export {id} failed: {e:?} ({})", text(&vm.exception())),
    }
}

fn arena() -> Vec<u8> {
    vec![0u8; ARENA]
}

#[test]
fn exports_take_and_return_numbers_and_strings() {
    let mut buf = arena();
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(BASIC, &mut alloc, &host).unwrap();
    assert_eq!(
        call_num(&mut vm, &mut host, 1, &[num(2.0), num(40.0)]),
        42.0
    );
    assert_eq!(vm.result().kind(), ValueKind::Number);
    // int14 → int32 → float64 promotion through the host boundary.
    assert_eq!(
        call_num(&mut vm, &mut host, 1, &[num(8191.0), num(1.0)]),
        8192.0
    );
    assert_eq!(
        call_num(&mut vm, &mut host, 1, &[num(2147483647.0), num(1.0)]),
        2147483648.0
    );
    assert_eq!(
        call_num(&mut vm, &mut host, 1, &[num(0.5), num(0.25)]),
        0.75
    );
    assert_eq!(call_num(&mut vm, &mut host, 5, &[num(3.0)]), 4.5);
    assert!(call_num(&mut vm, &mut host, 5, &[HostValue::Str("x")]).is_nan());
    let hello = call_text(&mut vm, &mut host, 2, &[HostValue::Str("Wörld")]);
    assert_eq!(hello, "Hello, Wörld!");
    assert_eq!(vm.result().kind(), ValueKind::String);
    // `length` counts UTF-16 code units.
    assert_eq!(
        call_num(&mut vm, &mut host, 3, &[HostValue::Str("a€😀")]),
        4.0
    );
    // Missing arguments are undefined; `+` on numbers and strings.
    assert_eq!(call_text(&mut vm, &mut host, 1, &[num(1.0)]), "NaN");
    assert_eq!(
        call_text(&mut vm, &mut host, 1, &[HostValue::Str("a"), num(1.0)]),
        "a1"
    );
    assert_eq!(call_num(&mut vm, &mut host, 4, &[]), 7.0);
    assert_eq!(
        vm.call_export(&mut host, 99, &[]),
        Err(CallError::NoSuchExport(99))
    );
    let mut ids = Vec::new();
    vm.export_ids(&mut |id| ids.push(id));
    ids.sort();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
}

#[test]
fn closures_and_objects_survive_the_snapshot() {
    let mut buf = arena();
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(CLOSURES, &mut alloc, &host).unwrap();
    // The counter ran once at build time (100 + 1).
    assert_eq!(call_num(&mut vm, &mut host, 1, &[num(1.0)]), 102.0);
    assert_eq!(call_num(&mut vm, &mut host, 1, &[num(10.0)]), 112.0);
    assert_eq!(call_num(&mut vm, &mut host, 2, &[num(3.0)]), 40.0);
    assert_eq!(vm.result().kind(), ValueKind::Number);
    assert_eq!(call_text(&mut vm, &mut host, 3, &[]), "sensor:2:4");
    for n in 5..40 {
        assert_eq!(call_num(&mut vm, &mut host, 4, &[]), n as f64);
    }
    assert!(vm.memory_stats().collections > 0);
    vm.run_gc().unwrap();
    assert_eq!(call_num(&mut vm, &mut host, 2, &[num(38.0)]), 390.0);
    assert_eq!(call_text(&mut vm, &mut host, 3, &[]), "sensor:2:39");
    // A second VM from the same image starts from the snapshot, not from
    // the first VM's state.
    drop(vm);
    let mut vm = Vm::restore(CLOSURES, &mut alloc, &host).unwrap();
    assert_eq!(call_num(&mut vm, &mut host, 1, &[num(0.0)]), 101.0);
    assert_eq!(call_text(&mut vm, &mut host, 3, &[]), "sensor:2:4");
}

/// An export whose value lives in the RAM heap (a closure made at build
/// time) must survive collections.
#[test]
fn an_exported_closure_survives_a_collection() {
    let mut buf = arena();
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(CLOSURES, &mut alloc, &host).unwrap();
    assert_eq!(call_num(&mut vm, &mut host, 1, &[num(1.0)]), 102.0);
    vm.run_gc().unwrap();
    assert_eq!(call_num(&mut vm, &mut host, 1, &[num(1.0)]), 103.0);
    // Collections inside calls too.
    for n in 5..40 {
        assert_eq!(call_num(&mut vm, &mut host, 4, &[]), n as f64);
    }
    assert_eq!(call_num(&mut vm, &mut host, 1, &[num(1.0)]), 104.0);
}

#[test]
fn host_imports_call_back_into_the_script() {
    let mut buf = arena();
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(HOST, &mut alloc, &host).unwrap();
    assert_eq!(vm.memory_stats().stack, 0);
    assert_eq!(call_num(&mut vm, &mut host, 1, &[num(2.0), num(3.0)]), 10.0);
    // The stack exists while the VM runs and is given back when it is idle.
    assert!(host.stack_seen > 0);
    assert_eq!(vm.memory_stats().stack, 0);
    // Exception thrown by the script, through the host, caught by the script.
    assert_eq!(
        call_text(&mut vm, &mut host, 2, &[HostValue::Str("boom")]),
        "caught boom"
    );
    // ... and not caught: it reaches the host that called the export.
    assert_eq!(
        vm.call_export(&mut host, 3, &[HostValue::Str("loose")]),
        Err(CallError::Uncaught)
    );
    assert_eq!(text(&vm.exception()), "Error: loose");
    assert_eq!(vm.exception().kind(), ValueKind::Object);
    // A host error becomes a script Error.
    assert_eq!(
        call_text(&mut vm, &mut host, 4, &[HostValue::Str("refused")]),
        "Error: refused"
    );
    // The VM is fine afterwards.
    assert_eq!(call_num(&mut vm, &mut host, 1, &[num(1.0), num(1.0)]), 4.0);
    assert_eq!(host.host_calls, 5);
}

#[test]
fn handles_keep_values_across_calls_and_collections() {
    let mut buf = arena();
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(HOST, &mut alloc, &host).unwrap();
    vm.call_export(&mut host, 5, &[num(10.0)]).unwrap();
    assert_eq!(vm.result().kind(), ValueKind::Function);
    let counter = vm.handle_result().unwrap();
    vm.call_export(&mut host, 7, &[HostValue::Str("l"), HostValue::Str("r")])
        .unwrap();
    let pair = vm.handle_result().unwrap();
    vm.call_export(&mut host, 5, &[num(100.0)]).unwrap();
    let other = vm.handle_result().unwrap();
    let collections = vm.memory_stats().collections;
    for round in 0..4 {
        // Garbage, collections, then the handles still work.
        assert_eq!(call_num(&mut vm, &mut host, 6, &[num(40.0)]), 40.0);
        vm.run_gc().unwrap();
        vm.call_handle(&mut host, &counter, &[]).unwrap();
        assert_eq!(vm.result().to_f64(), 11.0 + round as f64);
        assert_eq!(vm.handle_value(&pair).kind(), ValueKind::Object);
        assert_eq!(vm.handle_value(&counter).kind(), ValueKind::Function);
    }
    assert!(vm.memory_stats().collections >= collections + 4);
    vm.call_handle(&mut host, &other, &[]).unwrap();
    assert_eq!(vm.result().to_f64(), 101.0);
    // A handle can be passed back in as an argument.
    vm.call_export(
        &mut host,
        7,
        &[HostValue::Handle(&counter), HostValue::Str("x")],
    )
    .unwrap();
    assert_eq!(vm.result().kind(), ValueKind::Object);

    vm.run_gc().unwrap();
    let with_handles = vm.memory_stats().heap_used;
    vm.release(pair);
    vm.release(other);
    vm.run_gc().unwrap();
    assert!(
        vm.memory_stats().heap_used < with_handles,
        "released values are collected"
    );
    // The released slots are reused, and the kept handle is unaffected.
    vm.call_export(&mut host, 5, &[num(0.0)]).unwrap();
    let again = vm.handle_result().unwrap();
    vm.run_gc().unwrap();
    vm.call_handle(&mut host, &again, &[]).unwrap();
    assert_eq!(vm.result().to_f64(), 1.0);
    vm.call_handle(&mut host, &counter, &[]).unwrap();
    assert_eq!(vm.result().to_f64(), 15.0);
    vm.release(again);
    vm.release(counter);
}

#[test]
fn the_step_budget_stops_a_runaway_loop() {
    let mut buf = arena();
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(LIMITS, &mut alloc, &host).unwrap();
    let budget = if cfg!(miri) { 300 } else { 20_000 };
    for _ in 0..2 {
        vm.set_budget(Some(budget));
        assert_eq!(
            vm.call_export(&mut host, 1, &[]),
            Err(CallError::Fatal(VmError::BudgetExhausted))
        );
        assert_eq!(vm.memory_stats().stack, 0);
        // The budget is used up: nothing more runs until it is set again.
        assert_eq!(
            vm.call_export(&mut host, 6, &[num(21.0)]),
            Err(CallError::Fatal(VmError::BudgetExhausted))
        );
        vm.set_budget(Some(budget));
        assert_eq!(call_num(&mut vm, &mut host, 6, &[num(21.0)]), 42.0);
    }
    vm.set_budget(None);
    assert_eq!(call_num(&mut vm, &mut host, 6, &[num(4.0)]), 8.0);
}

#[test]
fn the_heap_limit_throws_a_catchable_range_error() {
    let mut buf = arena();
    let mut arena = ArenaAllocator::new(&mut buf);
    let limit = if cfg!(miri) { 1024 } else { 4096 };
    let mut alloc = HeapLimit::new(&mut arena, limit);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(LIMITS, &mut alloc, &host).unwrap();
    for _ in 0..2 {
        assert_eq!(
            call_text(&mut vm, &mut host, 2, &[]),
            "RangeError: out of memory"
        );
        let reached = call_num(&mut vm, &mut host, 7, &[]);
        assert!(reached > 4.0, "only {reached} objects fit in {limit} bytes");
        let m = vm.memory_stats();
        assert!(m.heap_peak <= limit, "peak {} over {limit}", m.heap_peak);
        assert!(
            m.heap_allocated <= limit,
            "{} over {limit}",
            m.heap_allocated
        );
    }
    // Uncaught, it reaches the host and the VM stays usable.
    assert_eq!(vm.call_export(&mut host, 3, &[]), Err(CallError::Uncaught));
    assert_eq!(text(&vm.exception()), "RangeError: out of memory");
    assert_eq!(call_num(&mut vm, &mut host, 6, &[num(5.0)]), 10.0);
    vm.run_gc().unwrap();
    assert!(vm.memory_stats().heap_used < limit / 2);
    assert_eq!(
        call_text(&mut vm, &mut host, 2, &[]),
        "RangeError: out of memory"
    );
}

#[test]
fn deep_recursion_throws_a_catchable_range_error() {
    let mut buf = arena();
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(LIMITS, &mut alloc, &host).unwrap();
    vm.set_stack_size(if cfg!(miri) { 256 } else { 4096 });
    assert_eq!(
        call_text(&mut vm, &mut host, 4, &[]),
        "RangeError: Maximum call stack size exceeded"
    );
    assert_eq!(vm.call_export(&mut host, 5, &[]), Err(CallError::Uncaught));
    assert_eq!(
        text(&vm.exception()),
        "RangeError: Maximum call stack size exceeded"
    );
    assert_eq!(vm.memory_stats().stack, 0);
    assert_eq!(call_num(&mut vm, &mut host, 6, &[num(5.0)]), 10.0);
}

/// A script that recurses through a host callback stops at the host
/// nesting limit with a catchable error instead of overflowing the native
/// stack, and leaves no state behind.
#[test]
fn host_callback_nesting_is_bounded() {
    let mut buf = arena();
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(HOST, &mut alloc, &host).unwrap();
    for _ in 0..3 {
        assert_eq!(
            call_text(&mut vm, &mut host, 8, &[]),
            "host calls nested too deeply"
        );
        assert_eq!(vm.memory_stats().stack, 0);
        assert_eq!(call_num(&mut vm, &mut host, 1, &[num(1.0), num(2.0)]), 6.0);
    }
}

/// A VM in an arena between guard bytes: heavy allocation and collection
/// never write outside the arena, and dropping the VM returns every byte.
#[test]
fn an_arena_vm_stays_inside_its_buffer() {
    const GUARD: usize = 64;
    let size: usize = if cfg!(miri) { 8 * 1024 } else { 32 * 1024 };
    let mut buf = vec![0xA5u8; GUARD + size + GUARD];
    let (front, rest) = buf.split_at_mut(GUARD);
    let (middle, back) = rest.split_at_mut(size);
    let mut alloc = ArenaAllocator::new(middle);
    let free_at_start = alloc.free_bytes();
    {
        let mut host = TestHost::default();
        let mut vm = Vm::restore(CHURN, &mut alloc, &host).unwrap();
        let rounds = if cfg!(miri) { 30.0 } else { 2000.0 };
        let calls = if cfg!(miri) { 2 } else { 10 };
        for _ in 0..calls {
            vm.call_export(&mut host, 1, &[num(rounds)]).unwrap();
            let n = vm.result().to_f64();
            assert!((0.0..=17.0).contains(&n));
            vm.run_gc().unwrap();
        }
        // Every live object kept its contents: list[2] - id == 2.
        let live = call_num(&mut vm, &mut host, 1, &[num(8.0)]);
        assert_eq!(call_num(&mut vm, &mut host, 2, &[]), 2.0 * live);
        assert!(vm.memory_stats().collections > 0);
    }
    assert_eq!(alloc.free_bytes(), free_at_start, "the VM returned it all");
    assert!(front.iter().all(|b| *b == 0xA5), "front guard touched");
    assert!(back.iter().all(|b| *b == 0xA5), "back guard touched");
}

/// Restoring into an arena that is too small is an error, never a panic,
/// and leaves the arena as it was; in the smallest arena that holds the VM
/// at rest, a call fails for want of a stack and the VM stays usable.
#[test]
fn arenas_too_small_are_refused_cleanly() {
    let host = TestHost::default();
    let step = if cfg!(miri) { 32 } else { 2 };
    let mut size = 0;
    loop {
        let mut buf = vec![0u8; size];
        let mut alloc = ArenaAllocator::new(&mut buf);
        let free = alloc.free_bytes();
        let restored = Vm::restore(CLOSURES, &mut alloc, &host).map(drop);
        assert_eq!(alloc.free_bytes(), free, "arena of {size} bytes leaked");
        match restored {
            Ok(()) => break,
            Err(e) => assert_eq!(e, ImageError::Corrupt("out of memory")),
        }
        size += step;
    }
    let mut buf = vec![0u8; size];
    let mut alloc = ArenaAllocator::new(&mut buf);
    let free = alloc.free_bytes();
    {
        let mut host = TestHost::default();
        let mut vm = Vm::restore(CLOSURES, &mut alloc, &host).unwrap();
        vm.set_stack_size(1024);
        for _ in 0..2 {
            assert_eq!(
                vm.call_export(&mut host, 2, &[num(1.0)]),
                Err(CallError::Fatal(VmError::OutOfMemory))
            );
        }
    }
    assert_eq!(alloc.free_bytes(), free);
    // 64 more bytes (and a block header) hold a 64-byte stack.
    let mut buf = vec![0u8; size + step + 66];
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(CLOSURES, &mut alloc, &host).unwrap();
    vm.set_stack_size(64);
    assert_eq!(call_num(&mut vm, &mut host, 2, &[num(1.0)]), 20.0);
}

#[test]
fn memory_stats_follow_the_heap() {
    let mut buf = arena();
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(CHURN, &mut alloc, &host).unwrap();
    let idle = vm.memory_stats();
    assert_eq!(idle.vm_struct, core::mem::size_of::<Vm<'static>>());
    assert_eq!(idle.image, CHURN.len());
    assert_eq!(idle.stack, 0);
    assert_eq!(idle.collections, 0);
    assert!(idle.globals >= 2, "`live` is a global");
    assert_eq!(idle.heap_used, idle.heap_peak);
    assert!(idle.heap_used <= idle.heap_allocated);

    // Keeping objects alive grows the live heap.
    vm.call_export(&mut host, 1, &[num(40.0)]).unwrap();
    assert_eq!(vm.result().to_f64(), 10.0);
    vm.run_gc().unwrap();
    let busy = vm.memory_stats();
    assert!(busy.heap_used > idle.heap_used);
    assert!(busy.heap_peak >= busy.heap_used);
    assert!(busy.collections >= 1);
    assert_eq!(busy.globals, idle.globals);

    // Dropping them shrinks it back; the peak remembers.
    vm.call_export(&mut host, 3, &[]).unwrap();
    vm.run_gc().unwrap();
    let after = vm.memory_stats();
    assert!(after.heap_used < busy.heap_used);
    assert_eq!(after.heap_peak, busy.heap_peak.max(after.heap_peak));
    assert!(after.heap_peak >= busy.heap_used);
    assert!(after.collections > busy.collections);
    assert!(after.heap_allocated <= busy.heap_allocated);
    assert_eq!(after.stack, 0);
}

/// What each kind of value costs on the heap, measured as the growth of the
/// live heap when one is stored in a global (see `docs/memory.md`).
#[test]
fn bytes_per_value_kind() {
    let mut buf = arena();
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(COSTS, &mut alloc, &host).unwrap();
    let mut cost = |id: u16, args: &[HostValue<'_>]| -> usize {
        vm.call_export(&mut host, 0, &[]).unwrap();
        vm.run_gc().unwrap();
        let before = vm.memory_stats().heap_used;
        vm.call_export(&mut host, id, args).unwrap();
        vm.run_gc().unwrap();
        vm.memory_stats().heap_used - before
    };
    let s = HostValue::Str;
    // int14: the global slot only.
    assert_eq!(cost(1, &[num(5.0)]), 0);
    // int32: header 2 + 4.
    assert_eq!(cost(2, &[num(3.0)]), 6);
    // float64: header 2 + 8.
    assert_eq!(cost(3, &[num(1.0)]), 10);
    // string: header 2 + n bytes (UTF-8), padded to even.
    assert_eq!(cost(4, &[s("ab"), s("c")]), 2 + 4);
    assert_eq!(cost(4, &[s("ab"), s("cd")]), 2 + 4);
    assert_eq!(cost(4, &[s("hello, "), s("world")]), 2 + 12);
    assert_eq!(cost(4, &[s("é"), s("x")]), 2 + 4);
    // empty object: header 2 + [proto, props] 4.
    assert_eq!(cost(5, &[]), 6);
    // object with 3 properties: object 6 + PropList(count + 4 key/value
    // pairs of capacity) 2 + 2 + 16.
    assert_eq!(cost(6, &[num(1.0)]), 6 + 2 + 2 + 4 * 4);
    // array literal of 3: Array 2 + 4, FixedArray 2 + 2 * 3.
    assert_eq!(cost(8, &[num(1.0)]), 6 + 2 + 2 * 3);
    // array grown by push to n: FixedArray capacity max(4, doubling).
    assert_eq!(cost(7, &[num(0.0)]), 6);
    assert_eq!(cost(7, &[num(1.0)]), 6 + 2 + 2 * 4);
    assert_eq!(cost(7, &[num(5.0)]), 6 + 2 + 2 * 8);
    assert_eq!(cost(7, &[num(100.0)]), 6 + 2 + 2 * 128);
    // closure over one binding: Closure 2 + 4, Env 2 + [parent, n] 4.
    assert_eq!(cost(9, &[num(1.0)]), 6 + 6);
    // a function that captures nothing stays in ROM.
    assert_eq!(cost(10, &[]), 0);
}

#[test]
fn an_empty_image_restores_and_runs_nothing() {
    let image = empty_image();
    let mut buf = arena();
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(&image, &mut alloc, &host).unwrap();
    let m = vm.memory_stats();
    assert_eq!((m.globals, m.heap_used, m.stack), (0, 0, 0));
    assert_eq!(
        vm.call_export(&mut host, 1, &[]),
        Err(CallError::NoSuchExport(1))
    );
    vm.run_gc().unwrap();
}

/// The smallest valid image: a header whose sections are all empty.
fn empty_image() -> Vec<u8> {
    let mut image = vec![0u8; 18];
    image[0..2].copy_from_slice(b"Vi");
    image[2] = vium_vm::format::VERSION; // format version
    image[3] = 18; // header size
    image[6..8].copy_from_slice(&18u16.to_le_bytes()); // image size
    for at in [10, 12, 14, 16] {
        image[at..at + 2].copy_from_slice(&18u16.to_le_bytes()); // section starts
    }
    fix_crc(&mut image);
    image
}

// --- corrupt images ------------------------------------------------------------

/// Recomputes the CRC (bytes 8..10: CRC-16 of every other byte) so that
/// a corruption reaches the validation behind the checksum.
fn fix_crc(image: &mut [u8]) {
    if image.len() >= 10 {
        let crc = image_crc(image);
        image[8..10].copy_from_slice(&crc.to_le_bytes());
    }
}

/// Restores `image` and, if it is accepted, calls every export with a small
/// budget, heap and stack. Must never panic.
fn restore_and_run(image: &[u8], steps: u32) -> Result<(), ImageError> {
    let mut buf = vec![0u8; 16 * 1024];
    let mut arena = ArenaAllocator::new(&mut buf);
    let mut alloc = HeapLimit::new(&mut arena, 4096);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(image, &mut alloc, &host)?;
    vm.set_stack_size(512);
    let mut ids = Vec::new();
    vm.export_ids(&mut |id| ids.push(id));
    for id in ids {
        vm.set_budget(Some(steps));
        let _ = vm.call_export(&mut host, id, &[num(1.0), HostValue::Str("a")]);
        let _ = text(&vm.result());
        let _ = text(&vm.exception());
        let mut n = 0;
        vm.result().write_display(&mut |b| n += b.len());
        vm.exception().write_display(&mut |b| n += b.len());
        let _ = vm.run_gc();
    }
    Ok(())
}

/// Every bit position of `image`, or an even sample of them under Miri.
fn bit_positions(image: &[u8]) -> Vec<usize> {
    let bits = image.len() * 8;
    let step = if cfg!(miri) { bits / 24 + 1 } else { 1 };
    (0..bits).step_by(step).collect()
}

#[test]
fn the_fixture_images_are_valid() {
    for (name, image) in ALL {
        restore_and_run(image, 2000).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    }
}

#[test]
fn every_single_bit_flip_is_refused() {
    let mut accepted = Vec::new();
    for bit in bit_positions(TINY) {
        let mut image = TINY.to_vec();
        image[bit / 8] ^= 1 << (bit % 8);
        let host = TestHost::default();
        let mut buf = vec![0u8; 4096];
        let mut alloc = ArenaAllocator::new(&mut buf);
        if Vm::restore(&image, &mut alloc, &host).is_ok() {
            accepted.push(bit);
        }
    }
    // The CRC covers the whole image but its own field, the feature word
    // included: no single flipped bit gets past it.
    assert_eq!(
        accepted,
        Vec::<usize>::new(),
        "flipped bits that were accepted"
    );
}

#[test]
fn every_truncation_is_refused() {
    let lens: Vec<usize> = if cfg!(miri) {
        (0..TINY.len()).step_by(7).collect()
    } else {
        (0..TINY.len()).collect()
    };
    for len in lens {
        assert!(
            restore_and_run(&TINY[..len], 100).is_err(),
            "truncated to {len}"
        );
    }
    // Trailing garbage is refused too.
    let mut long = TINY.to_vec();
    long.push(0);
    assert!(matches!(
        restore_and_run(&long, 100),
        Err(ImageError::SizeMismatch { .. })
    ));
}

/// With the checksum fixed up, a flipped bit reaches the structural
/// validation: the image is refused or it runs, and nothing panics.
#[test]
fn bit_flips_behind_a_valid_crc_never_panic() {
    for (name, image) in [("tiny", TINY), ("closures", CLOSURES)] {
        if cfg!(miri) && name != "tiny" {
            continue;
        }
        let (mut refused, mut ran) = (0, 0);
        for bit in bit_positions(image) {
            let mut flipped = image.to_vec();
            flipped[bit / 8] ^= 1 << (bit % 8);
            fix_crc(&mut flipped);
            let outcome = std::panic::catch_unwind(|| restore_and_run(&flipped, 500));
            match outcome {
                Ok(Ok(())) => ran += 1,
                Ok(Err(_)) => refused += 1,
                Err(_) => panic!("{name}: flipping bit {bit} (byte {}) panicked", bit / 8),
            }
        }
        assert!(
            refused > 0 && ran > 0,
            "{name}: {refused} refused, {ran} ran"
        );
    }
}

/// Every byte of a small image set to each of a few interesting values,
/// checksum fixed: refused or run, never a panic.
#[test]
fn byte_overwrites_behind_a_valid_crc_never_panic() {
    let values: &[u8] = if cfg!(miri) {
        &[0xFF]
    } else {
        &[0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF]
    };
    let step = if cfg!(miri) { 13 } else { 1 };
    for at in (0..TINY.len()).step_by(step) {
        for &b in values {
            let mut image = TINY.to_vec();
            image[at] = b;
            fix_crc(&mut image);
            let r = std::panic::catch_unwind(|| restore_and_run(&image, 500));
            assert!(r.is_ok(), "byte {at} set to {b:#04x} panicked");
        }
    }
}

/// The allocations of an image's initial heap: (offset of the payload in
/// the image, type code, payload size).
fn heap_allocations(image: &[u8]) -> Vec<(usize, u8, usize)> {
    let start = u16::from_le_bytes([image[16], image[17]]) as usize;
    let mut at = start;
    let mut out = Vec::new();
    while at + 2 <= image.len() {
        let h = u16::from_le_bytes([image[at], image[at + 1]]);
        let size = (h & 0x0FFF) as usize;
        out.push((at + 2, (h >> 12) as u8, size));
        at += 2 + ((size + 1) & !1);
    }
    out
}

/// A property list whose count disagrees with its capacity (negative, or
/// larger than the allocation).
#[test]
fn a_corrupt_property_count_is_refused_by_restore() {
    // The script's object has three properties (`console`'s has one).
    let lists: Vec<usize> = heap_allocations(PROPS)
        .into_iter()
        .filter(|&(_, ty, size)| ty == TypeCode::PropList as u8 && size == 2 + 4 * 3)
        .map(|(at, _, _)| at)
        .collect();
    assert_eq!(lists.len(), 1);
    let at = lists[0];
    // The valid image: the host prints the object.
    let mut buf = arena();
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(PROPS, &mut alloc, &host).unwrap();
    vm.call_export(&mut host, 1, &[]).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&host.out),
        "{ a: 1, b: 'two', c: [ 3 ] }\n"
    );
    drop(vm);
    for count in [-1i16, -2934, 5, 8191] {
        let mut image = PROPS.to_vec();
        let int14 = ((count as u16) << 2) | 3;
        image[at..at + 2].copy_from_slice(&int14.to_le_bytes());
        fix_crc(&mut image);
        let mut buf = arena();
        let mut alloc = ArenaAllocator::new(&mut buf);
        let host = TestHost::default();
        // Found by the restore_run fuzz target: printing such an object
        // looped about 2^64 times. Restore now checks every count against
        // its allocation, and printing clamps it.
        assert!(
            Vm::restore(&image, &mut alloc, &host).is_err(),
            "count {count} was accepted"
        );
    }
}

/// An accessor pair (a `FixedArray` value in a property list) built at
/// build time works after restore, and restore refuses a pair whose getter
/// or setter is not a function.
#[test]
fn accessor_pairs_survive_the_snapshot_and_are_validated() {
    let mut buf = arena();
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(ACCESSORS, &mut alloc, &host).unwrap();
    assert_eq!(call_num(&mut vm, &mut host, 1, &[num(10.0)]), 11.0);
    vm.run_gc().unwrap();
    assert_eq!(call_num(&mut vm, &mut host, 1, &[num(4.0)]), 5.0);
    vm.call_export(&mut host, 2, &[]).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&host.out),
        "{ n: 2, twice: [Getter/Setter] }\n"
    );
    drop(vm);

    let pairs: Vec<usize> = heap_allocations(ACCESSORS)
        .into_iter()
        .filter(|&(_, ty, size)| ty == TypeCode::FixedArray as u8 && size == 4)
        .map(|(at, _, _)| at)
        .collect();
    assert_eq!(pairs.len(), 1);
    let object = heap_allocations(ACCESSORS)
        .into_iter()
        .find(|&(_, ty, _)| ty == TypeCode::Object as u8)
        .map(|(at, _, _)| at)
        .unwrap();
    let heap_start = u16::from_le_bytes([ACCESSORS[16], ACCESSORS[17]]) as usize;
    // An int, and a pointer to an object (valid, but not a function).
    let object_ptr = (object - heap_start) as u16;
    for half in [0, 2] {
        for bad in [(5u16 << 2) | 3, object_ptr] {
            let mut image = ACCESSORS.to_vec();
            let at = pairs[0] + half;
            image[at..at + 2].copy_from_slice(&bad.to_le_bytes());
            fix_crc(&mut image);
            let mut buf = arena();
            let mut alloc = ArenaAllocator::new(&mut buf);
            let host = TestHost::default();
            assert!(
                matches!(
                    Vm::restore(&image, &mut alloc, &host),
                    Err(ImageError::Corrupt(_))
                ),
                "half {half} = {bad:#06x} was accepted"
            );
        }
    }
}

/// Raw values (the C API's `mvm_Value`): what the VM hands out is accepted
/// back, anything else is refused, and a handle keeps one valid across
/// collections.
#[test]
fn raw_values_are_checked_and_kept_by_handles() {
    let mut buf = arena();
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(HOST, &mut alloc, &host).unwrap();
    vm.call_export(&mut host, 7, &[HostValue::Str("l"), HostValue::Str("r")])
        .unwrap();
    let pair = vm.raw_result();
    assert_eq!(vm.raw_value(pair).unwrap().kind(), ValueKind::Object);
    assert_eq!(vm.raw_value(pair).unwrap().raw(), pair);
    // Inside the allocation, past the heap, odd and internal values.
    for bad in [pair + 2, pair.wrapping_sub(2), 0xFFFC, 0x0007 * 2 + 1 - 1] {
        assert_eq!(
            vm.raw_value(bad).err(),
            Some(RawError::Invalid),
            "{bad:#06x}"
        );
    }
    assert_eq!(
        vm.raw_value(vium_vm::Value::HOLE.0).err(),
        Some(RawError::Invalid)
    );
    // Ints and well-known values are always fine.
    for ok in [HostValue::Int(5), HostValue::Null, HostValue::Bool(true)] {
        let r = vm.new_raw(ok).unwrap();
        assert!(vm.raw_value(r).is_ok());
    }
    // A new string is valid until something may collect; a handle keeps it.
    let s = vm.new_raw(HostValue::Str("kept")).unwrap();
    assert_eq!(vm.raw_value(s).unwrap().as_str(), Some("kept"));
    let h = vm.new_handle_raw(s).unwrap();
    for _ in 0..3 {
        vm.call_export(&mut host, 6, &[num(40.0)]).unwrap();
        vm.run_gc().unwrap();
    }
    let moved = vm.handle_raw(&h);
    assert_eq!(vm.raw_value(moved).unwrap().as_str(), Some("kept"));
    // A handle's value can be replaced, but only by a valid value.
    assert_eq!(vm.set_handle_raw(&h, moved + 2), Err(RawError::Invalid));
    let seven = vm.new_raw(HostValue::Int(7)).unwrap();
    vm.set_handle_raw(&h, seven).unwrap();
    assert_eq!(vm.raw_value(vm.handle_raw(&h)).unwrap().to_i32(), 7);
    vm.release(h);
    // Strict equality and classes through raw values.
    let a = vm.new_raw(HostValue::Str("same")).unwrap();
    let ha = vm.new_handle_raw(a).unwrap();
    let b = vm.new_raw(HostValue::Str("same")).unwrap();
    let a = vm.handle_raw(&ha);
    let (va, vb) = (vm.raw_value(a).unwrap(), vm.raw_value(b).unwrap());
    assert!(va.strict_equals(&vb) && !va.is_class());
    vm.release(ha);
}

/// A running VM written as an image and restored elsewhere goes on where it
/// stopped: the script's call counter, a closure the script keeps, the
/// heap, all as they were.
#[test]
fn a_snapshot_of_a_running_vm_restores_to_the_same_state() {
    let mut buf = arena();
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(BASIC, &mut alloc, &host).unwrap();
    for i in 0..3 {
        assert_eq!(
            call_num(&mut vm, &mut host, 1, &[num(i as f64), num(1.0)]),
            i as f64 + 1.0
        );
    }
    assert_eq!(call_num(&mut vm, &mut host, 4, &[]), 3.0);
    let size = vm.snapshot_size().unwrap();
    let mut small = vec![0u8; size - 1];
    assert_eq!(
        vm.write_snapshot(&mut small),
        Err(HibernateError::BufferTooSmall { needed: size })
    );
    let mut image = vec![0u8; size];
    assert_eq!(vm.write_snapshot(&mut image), Ok(size));
    drop(vm);

    // Elsewhere: another arena, another host.
    let mut buf2 = arena();
    let mut alloc2 = ArenaAllocator::new(&mut buf2);
    let mut host2 = TestHost::default();
    let mut vm2 = Vm::restore(&image, &mut alloc2, &host2).unwrap();
    assert_eq!(
        call_num(&mut vm2, &mut host2, 4, &[]),
        3.0,
        "the count survived"
    );
    assert_eq!(
        call_text(&mut vm2, &mut host2, 2, &[HostValue::Str("again")]),
        "Hello, again!"
    );
    assert_eq!(call_num(&mut vm2, &mut host2, 4, &[]), 4.0, "and goes on");
    // A snapshot of the snapshot is the same size and restores too.
    let mut again = vec![0u8; vm2.snapshot_size().unwrap()];
    vm2.write_snapshot(&mut again).unwrap();
    let mut buf3 = arena();
    let mut alloc3 = ArenaAllocator::new(&mut buf3);
    let mut vm3 = Vm::restore(&again, &mut alloc3, &host2).unwrap();
    assert_eq!(call_num(&mut vm3, &mut host2, 4, &[]), 4.0);
}

/// Heap exports and closures: the closure a script made keeps its state
/// across a snapshot of the running VM.
#[test]
fn closures_and_heap_exports_survive_a_snapshot_of_a_running_vm() {
    let mut buf = arena();
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = TestHost::default();
    let mut vm = Vm::restore(CLOSURES, &mut alloc, &host).unwrap();
    // The counter (a closure over `n`, made at build time, 101) steps on;
    // the array in the initial heap grows.
    for step in [1.0, 2.0, 3.0] {
        call_num(&mut vm, &mut host, 1, &[num(step)]);
    }
    assert_eq!(call_num(&mut vm, &mut host, 4, &[]), 5.0);
    let mut image = vec![0u8; vm.snapshot_size().unwrap()];
    vm.write_snapshot(&mut image).unwrap();
    let here = (
        call_num(&mut vm, &mut host, 1, &[num(10.0)]),
        call_text(&mut vm, &mut host, 3, &[]),
    );
    drop(vm);
    let mut buf2 = arena();
    let mut alloc2 = ArenaAllocator::new(&mut buf2);
    let mut vm2 = Vm::restore(&image, &mut alloc2, &host).unwrap();
    let there = (
        call_num(&mut vm2, &mut host, 1, &[num(10.0)]),
        call_text(&mut vm2, &mut host, 3, &[]),
    );
    assert_eq!(here, (117.0, "sensor:2:5".to_string()));
    assert_eq!(here, there);
}
