//! The bytes inside a call-record skeleton (the first byte picks which), so that mutations reach
//! stream metrics, devices, endpoints and failure info without first rebuilding the nesting.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    callscope_fuzz::exercise(&callscope_fuzz::wrap(data));
});
