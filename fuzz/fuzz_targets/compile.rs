//! Arbitrary bytes as a source file: compile, run the top level with a
//! budget, snapshot, restore the snapshot and call its exports.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    vium_fuzz::compile(data);
});
