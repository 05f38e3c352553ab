//! Mutated images: restore, then call every export with a small budget,
//! heap and stack. Must never panic, hang or write outside the VM's arena.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    vium_fuzz::restore_run(data);
});
