//! The CLI's host: `console.log` goes to stdout, and a small set of
//! reference imports that the test suite's Node shim provides identically.
//!
//! | id | import | behaviour |
//! |---|---|---|
//! | 1 | `add(a, b)` | returns `a + b` (numbers added; if either is a string, joined as strings) |
//! | 2 | `callBack(fn, ...args)` | the host calls `fn(...args)` and returns its result; an exception propagates back through the host |
//! | 3 | `hostThrow(message)` | the host throws `new Error(message)` |
//! | 4 | `later(fn, ...args)` | the host keeps `fn` and `args` in handles and calls `fn(...args)` once the job queue is empty, like Node's timers; returns undefined |
//!
//! Any other id can be imported, but calling it throws an Error.

use std::collections::VecDeque;
use std::io::Write;

use vium_vm::{CallError, Handle, Host, HostCall, HostError, HostValue, ValueKind, Vm, VmError};

/// What a deferred call costs of the budget, in instructions: about what
/// it takes to run one (handles, a call from the host) compared with an
/// instruction.
pub const DEFERRED_CALL_STEPS: u32 = 100;

pub struct CliHost<W: Write> {
    pub out: W,
    text: String,
    /// Calls deferred by `later`: the function, then its arguments.
    deferred: VecDeque<Vec<Handle>>,
}

impl<W: Write> CliHost<W> {
    pub fn new(out: W) -> Self {
        CliHost {
            out,
            text: String::new(),
            deferred: VecDeque::new(),
        }
    }
}

impl<W: Write> Host for CliHost<W> {
    fn write(&mut self, bytes: &[u8]) {
        // A closed stdout must not crash the VM; the exit status reports it.
        let _ = self.out.write_all(bytes);
    }

    fn call<'s>(
        &'s mut self,
        vm: &mut Vm<'_>,
        id: u16,
        call: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>> {
        match id {
            1 => {
                let (a, b) = (vm.arg(&call, 0), vm.arg(&call, 1));
                if a.kind() == ValueKind::String || b.kind() == ValueKind::String {
                    let mut bytes = Vec::new();
                    a.write_display(&mut |t| bytes.extend_from_slice(t));
                    b.write_display(&mut |t| bytes.extend_from_slice(t));
                    self.text = String::from_utf8_lossy(&bytes).into_owned();
                    return Ok(HostValue::Str(&self.text));
                }
                Ok(HostValue::Number(a.to_f64() + b.to_f64()))
            }
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
                let mut bytes = Vec::new();
                vm.arg(&call, 0)
                    .write_display(&mut |b| bytes.extend_from_slice(b));
                self.text = String::from_utf8_lossy(&bytes).into_owned();
                Err(HostError::Error(&self.text))
            }
            4 => {
                let mut kept = Vec::new();
                for i in 0..call.arg_count().max(1) {
                    match vm.handle_arg(&call, i) {
                        Ok(h) => kept.push(h),
                        Err(e) => {
                            for h in kept {
                                vm.release(h);
                            }
                            return Err(HostError::Error(e.message()));
                        }
                    }
                }
                self.deferred.push_back(kept);
                Ok(HostValue::Undefined)
            }
            other => {
                self.text = format!("the host provides no function with id {other}");
                Err(HostError::Error(&self.text))
            }
        }
    }

    fn run_deferred(&mut self, vm: &mut Vm<'_>) -> Result<bool, CallError> {
        if self.deferred.is_empty() {
            return Ok(false);
        }
        // Each deferred call is paid for from the VM's budget, even one
        // that runs few instructions, so that a chain of them that never
        // ends stops as soon as a loop would.
        match vm.budget() {
            Some(left) if left < DEFERRED_CALL_STEPS => {
                return Err(CallError::Fatal(VmError::BudgetExhausted))
            }
            Some(left) => vm.set_budget(Some(left - DEFERRED_CALL_STEPS)),
            None => {}
        }
        let Some(mut kept) = self.deferred.pop_front() else {
            return Ok(false);
        };
        let f = kept.remove(0);
        let args: Vec<HostValue> = kept.iter().map(HostValue::Handle).collect();
        let outcome = vm.call_handle(self, &f, &args);
        vm.release(f);
        for h in kept {
            vm.release(h);
        }
        outcome.map(|()| true)
    }
}
