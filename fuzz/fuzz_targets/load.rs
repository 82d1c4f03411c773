//! Any bytes, as pasted or opened: the whole loading path must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    callscope_fuzz::exercise_bytes(data);
});
