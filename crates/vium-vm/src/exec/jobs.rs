//! The job queue: promise reactions and resumed `async` functions run as
//! jobs once the host's call returns (`Vm::run_jobs`, `Vm::settle`).
//!
//! **The job queue** is a circular list of `FixedArray`s `[next, function,
//! a, b]` whose last node is the `jobs` register (a GC root). The host drains
//! it with `Vm::run_jobs`; the build drains it after the top level.
//!
//! Must not: know what a promise is.

use crate::format::TypeCode;
use crate::host::{CallError, Host};
use crate::value::Value;
use crate::vm::{Vm, R};

impl Vm<'_> {
    /// `__vium.enqueue(f, a, b)`: `f(a, b)` runs when the queue is drained.
    pub(crate) fn enqueue_job(&mut self, args: usize, n: usize) -> R<Value> {
        let node = self.alloc(TypeCode::FixedArray, 8)?;
        for k in 0..n.min(3) {
            self.set_slot(node, 1 + k, self.st(args + k));
        }
        if self.jobs == Value::UNDEFINED {
            self.set_slot(node, 0, node);
        } else {
            let head = self.slot(self.jobs, 0);
            self.set_slot(node, 0, head);
            self.set_slot(self.jobs, 0, node);
        }
        self.jobs = node;
        Ok(Value::UNDEFINED)
    }

    /// Runs queued jobs, and the jobs they queue, until none is left.
    /// Promise reactions and resumed `async` functions are jobs: a host
    /// that uses them calls this after each call into the VM (the build
    /// runs it after the top level). A job that throws stops the draining
    /// with `CallError::Uncaught`; the jobs after it stay queued.
    ///
    /// A rejected promise is not an uncaught exception: an `async`
    /// function that throws rejects its promise, and the job that does so
    /// succeeds (unhandled rejections are not reported). Only a job that
    /// throws itself, such as a `queueMicrotask` callback, ends the
    /// draining. With nothing queued this returns at once. Most hosts call
    /// [`Vm::settle`], which also runs the host's deferred work.
    pub fn run_jobs(&mut self, host: &mut dyn Host) -> Result<(), CallError> {
        if self.jobs == Value::UNDEFINED {
            return Ok(());
        }
        self.host_entry(host, |vm, host| {
            while vm.jobs != Value::UNDEFINED {
                vm.run_one_job(host)?;
            }
            Ok(Value::UNDEFINED)
        })
    }

    /// Runs jobs until the queue is empty, then the host's deferred work
    /// (`Host::run_deferred`) one piece at a time, each followed by the
    /// jobs it queued, until neither has anything left: the order in which
    /// Node runs microtasks and then timers.
    ///
    /// The first error (a job's or a deferred call's) ends it and is
    /// returned; what is left stays queued for the next `settle`. A host
    /// whose deferred work is not due yet (a timer, a transfer still
    /// running) returns `Ok(false)` from `run_deferred` and calls `settle`
    /// again when it is.
    ///
    /// ```
    /// use vium_vm::{ArenaAllocator, CallError, Handle, Host, HostCall, HostError, HostValue, Vm};
    ///
    /// /// Calls one kept function once, when the VM has nothing else to do.
    /// #[derive(Default)]
    /// struct Timer {
    ///     due: Option<Handle>,
    ///     fired: Option<i32>,
    /// }
    /// impl Host for Timer {
    ///     fn write(&mut self, _: &[u8]) {}
    ///     fn call<'s>(&'s mut self, _: &mut Vm<'_>, _: u16, _: HostCall)
    ///         -> Result<HostValue<'s>, HostError<'s>> { Err(HostError::Error("no imports")) }
    ///     fn run_deferred(&mut self, vm: &mut Vm<'_>) -> Result<bool, CallError> {
    ///         let Some(timer) = self.due.take() else { return Ok(false) };
    ///         let outcome = vm.call_handle(self, &timer, &[]);
    ///         self.fired = Some(vm.result().to_i32());
    ///         vm.release(timer);
    ///         outcome.map(|()| true)
    ///     }
    /// }
    ///
    /// let mut buf = [0u8; 4096];
    /// let mut alloc = ArenaAllocator::new(&mut buf);
    /// let mut host = Timer::default();
    /// let image = include_bytes!("../../tests/images/host.vbc");
    /// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
    /// // Export 5 makes a counter closure starting at 10; the host keeps it.
    /// vm.call_export(&mut host, 5, &[HostValue::Int(10)]).unwrap();
    /// host.due = Some(vm.handle_result().unwrap());
    /// vm.settle(&mut host).unwrap();
    /// assert_eq!(host.fired, Some(11));
    /// assert!(host.due.is_none());
    /// ```
    pub fn settle(&mut self, host: &mut dyn Host) -> Result<(), CallError> {
        loop {
            self.run_jobs(host)?;
            if !host.run_deferred(self)? {
                return Ok(());
            }
        }
    }

    fn run_one_job(&mut self, host: &mut dyn Host) -> R<Value> {
        let tail = self.jobs;
        let head = self.slot(tail, 0);
        if head == tail {
            self.jobs = Value::UNDEFINED;
        } else {
            let next = self.slot(head, 0);
            self.set_slot(tail, 0, next);
        }
        self.need_stack(4)?;
        // [f, a, b] -> [f, undefined, a, b]: `f(a, b)`.
        self.push(self.slot(head, 1));
        self.push(Value::UNDEFINED);
        self.push(self.slot(head, 2));
        self.push(self.slot(head, 3));
        self.call_from_host(host, 2)
    }
}
