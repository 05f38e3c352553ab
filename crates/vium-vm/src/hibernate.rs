//! Snapshots of a running VM, on any host (hibernation, migration): an
//! image that restores to a VM in the same state. The ROM, the imports and
//! the required features come from the running image; the exports, the
//! globals and the heap are written as they are now, after a collection
//! that compacts them. No allocation: the host gives the buffer.
//!
//! What is not in a VM's image is not in the snapshot: the host's handles,
//! the latest call's result, and queued jobs (the host settles first).
//!
//! Owns: writing the current state as image sections. Must not: decide
//! what is reachable beyond what the collector keeps (the build-time
//! snapshot in `snapshot.rs` tree-shakes; this one keeps the ROM whole).

use crate::format::{self, TypeCode, FEATURE_FLOAT, HEADER_SIZE, MAGIC, VERSION};
use crate::host::VmError;
use crate::memory::copy_prefix;
use crate::value::Value;
use crate::vm::Vm;

/// Why a running VM could not be written as an image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HibernateError {
    /// A call is running (snapshots are taken between calls).
    Running,
    /// Jobs are queued: run them first (`Vm::settle`).
    PendingJobs,
    /// The buffer is smaller than the image, which needs this many bytes.
    BufferTooSmall {
        /// The image's length: the smallest buffer that holds it.
        needed: usize,
    },
    /// The image would pass 64 KiB.
    TooLarge,
    /// The collection before writing failed.
    Vm(VmError),
}

/// Writes `bytes` at `*at` and moves past them.
fn put(out: &mut [u8], at: &mut usize, bytes: &[u8]) {
    if let Some(dst) = out.get_mut(*at..) {
        copy_prefix(dst, bytes);
    }
    *at += bytes.len();
}

impl Vm<'_> {
    /// The size of the image `write_snapshot` writes now (it collects
    /// first, as `write_snapshot` does, so the figure holds for it): the
    /// buffer to give it, until the next call into the VM. Fails as
    /// `write_snapshot` does, except for the buffer's size.
    pub fn snapshot_size(&mut self) -> Result<usize, HibernateError> {
        self.prepare_snapshot()?;
        Ok(self.snapshot_len())
    }

    /// Writes the VM's state as an image into `out` and gives its length.
    /// Restoring it (on this host or another, with the same imports) gives
    /// a VM in the same state: globals, objects, closures, pending
    /// `await`s. Between calls only, with no queued jobs.
    ///
    /// The host's handles, the latest result and the host's own state are
    /// not part of the image. Taking a snapshot collects, so values lent
    /// before may move (handles follow). Errors: [`HibernateError`]; the VM
    /// goes on unchanged after each of them.
    ///
    /// ```
    /// use vium_vm::{ArenaAllocator, HibernateError, Host, HostCall, HostError, HostValue, Vm};
    /// # struct NoImports;
    /// # impl Host for NoImports {
    /// #     fn write(&mut self, _: &[u8]) {}
    /// #     fn call<'s>(&'s mut self, _: &mut Vm<'_>, _: u16, _: HostCall)
    /// #         -> Result<HostValue<'s>, HostError<'s>> { Err(HostError::Error("no imports")) }
    /// # }
    ///
    /// let mut buf = [0u8; 4096];
    /// let mut alloc = ArenaAllocator::new(&mut buf);
    /// let mut host = NoImports;
    /// let image = include_bytes!("../tests/images/closures.vbc");
    /// let mut vm = Vm::restore(image, &mut alloc, &host).unwrap();
    /// // Export 1 is a counter closure: 101 after the build, 102 now.
    /// vm.call_export(&mut host, 1, &[HostValue::Int(1)]).unwrap();
    ///
    /// let too_small = vm.write_snapshot(&mut [0u8; 16]);
    /// assert!(matches!(too_small, Err(HibernateError::BufferTooSmall { .. })));
    /// let mut saved = [0u8; 512];
    /// let len = vm.write_snapshot(&mut saved).unwrap();
    /// assert_eq!(len, vm.snapshot_size().unwrap());
    ///
    /// // Another VM, in other memory, goes on counting from there.
    /// let mut buf2 = [0u8; 4096];
    /// let mut alloc2 = ArenaAllocator::new(&mut buf2);
    /// let mut vm2 = Vm::restore(&saved[..len], &mut alloc2, &host).unwrap();
    /// vm2.call_export(&mut host, 1, &[HostValue::Int(1)]).unwrap();
    /// assert_eq!(vm2.result().to_i32(), 103);
    /// ```
    pub fn write_snapshot(&mut self, out: &mut [u8]) -> Result<usize, HibernateError> {
        self.prepare_snapshot()?;
        let len = self.snapshot_len();
        if out.len() < len {
            return Err(HibernateError::BufferTooSmall { needed: len });
        }
        let image = self.image();
        let section = |(a, b): (usize, usize)| image.bytes.get(a..b).unwrap_or(&[]);
        let globals = image.globals_len();
        let heap = self.heap_in_use();
        let floats = {
            let mut any = false;
            let _ = format::walk_allocations(heap, &mut |_, ty, _| {
                any |= ty == TypeCode::Float64;
                Ok(())
            });
            any
        };
        let mut at = HEADER_SIZE;
        put(out, &mut at, section(image.rom()));
        let imports_at = at;
        put(out, &mut at, section(image.imports()));
        let exports_at = at;
        let mut ram_export = globals;
        for i in 0..image.exports_len() {
            let Some((id, v)) = image.export(i) else {
                continue;
            };
            // Heap values move: their current address is in the slot after
            // the globals that restore gave them.
            let v = if v.is_ram() {
                ram_export += 1;
                self.global(ram_export - 1)
            } else {
                v
            };
            put(out, &mut at, &id.to_le_bytes());
            put(out, &mut at, &v.0.to_le_bytes());
        }
        let globals_at = at;
        for i in 0..globals {
            put(out, &mut at, &self.global(i).0.to_le_bytes());
        }
        let heap_at = at;
        put(out, &mut at, heap);

        let flags = image.flags() | if floats { FEATURE_FLOAT } else { 0 };
        let mut header = [0u8; HEADER_SIZE];
        copy_prefix(&mut header, &MAGIC);
        let fields: [(usize, u16); 6] = [
            (4, flags),
            (6, at as u16),
            (10, imports_at as u16),
            (12, exports_at as u16),
            (14, globals_at as u16),
            (16, heap_at as u16),
        ];
        if let Some(h) = header.get_mut(2..4) {
            copy_prefix(h, &[VERSION, HEADER_SIZE as u8]);
        }
        for (offset, v) in fields {
            if let Some(h) = header.get_mut(offset..) {
                copy_prefix(h, &v.to_le_bytes());
            }
        }
        copy_prefix(out, &header);
        let crc = format::image_crc(out.get(..at).unwrap_or(&[]));
        if let Some(h) = out.get_mut(8..) {
            copy_prefix(h, &crc.to_le_bytes());
        }
        Ok(at)
    }

    /// Checks that a snapshot can be taken now, and compacts the heap.
    fn prepare_snapshot(&mut self) -> Result<(), HibernateError> {
        if self.depth() != 0 {
            return Err(HibernateError::Running);
        }
        if self.jobs != Value::UNDEFINED {
            return Err(HibernateError::PendingJobs);
        }
        self.run_gc().map_err(HibernateError::Vm)?;
        if self.snapshot_len() > 0xFFFF {
            return Err(HibernateError::TooLarge);
        }
        Ok(())
    }

    /// The length of the image the current state makes.
    fn snapshot_len(&self) -> usize {
        let image = self.image();
        let len = |(a, b): (usize, usize)| b.saturating_sub(a);
        HEADER_SIZE
            + len(image.rom())
            + len(image.imports())
            + len(image.exports())
            + 2 * image.globals_len()
            + self.heap_used()
    }
}
